"""The synthetic benchmark corpus: reproducible, exact counts, realistic shape, streamed."""

from __future__ import annotations

import csv
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.datasets import load_seed
from discourse.datasets import synthetic as synthetic_module
from discourse.datasets.synthetic import (
    LENGTH_HISTOGRAM,
    synthetic_corpus,
    synthetic_thread,
    write_synthetic_jsonl,
)
from discourse.io import stream
from discourse.text import Doc

_WORD = re.compile(r"[A-Za-z]+")


@pytest.fixture(scope="module")
def threads_20k():
    """The default benchmark corpus (20,000 comments, seed 0), made once for this module."""
    return list(synthetic_corpus(20_000))


# -- determinism ---------------------------------------------------------------------------------
def test_same_seed_gives_identical_bytes_and_other_seed_differs(tmp_path):
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    write_synthetic_jsonl(a, 1_000, seed=5)
    write_synthetic_jsonl(b, 1_000, seed=5)
    write_synthetic_jsonl(c, 1_000, seed=6)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()
    # Not just different ids: the comment texts themselves differ.
    texts_a = [x.text for t in stream(a) for x in t.comments]
    texts_c = [x.text for t in stream(c) for x in t.comments]
    assert sum(x != y for x, y in zip(texts_a, texts_c)) > 900


def test_identical_in_a_fresh_process_with_another_hash_seed(tmp_path):
    here = tmp_path / "here.jsonl"
    there = tmp_path / "there.jsonl"
    write_synthetic_jsonl(here, 500, comments_per_thread=40, seed=11)
    code = (
        "import sys; from discourse.datasets.synthetic import write_synthetic_jsonl as w; "
        "w(sys.argv[1], 500, comments_per_thread=40, seed=11)"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(there)], check=True, env=env)
    assert here.read_bytes() == there.read_bytes()


def test_reiteration_and_random_access_agree():
    corpus = synthetic_corpus(350, comments_per_thread=100, seed=2)
    first, second = list(corpus), list(corpus)
    assert first == second
    assert [synthetic_thread(i, len(t), seed=2) for i, t in enumerate(first)] == first


def test_no_global_random_state_used_or_disturbed():
    import random

    random.seed(99)
    expected = random.random()
    random.seed(99)
    before = synthetic_corpus(200, seed=0)
    list(before)
    assert random.random() == expected  # the global generator was not advanced
    random.seed(1)
    assert list(synthetic_corpus(200, seed=0)) == list(before)


# -- counts --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("n", "per_thread", "sizes"),
    [
        (0, 100, []),
        (1, 100, [1]),
        (100, 100, [100]),
        (101, 100, [100, 1]),
        (250, 100, [100, 100, 50]),
        (7, 3, [3, 3, 1]),
        (5, 1, [1, 1, 1, 1, 1]),
    ],
)
def test_counts_are_exact(n, per_thread, sizes):
    corpus = synthetic_corpus(n, comments_per_thread=per_thread)
    assert [len(t) for t in corpus] == sizes
    assert corpus.count() == (math.ceil(n / per_thread), n)
    assert not corpus.in_memory


@settings(max_examples=250, deadline=None)
@given(
    n=st.integers(0, 120),
    per_thread=st.integers(1, 60),
    seed=st.integers(-(2**40), 2**40),
)
def test_any_arguments_give_exact_counts_and_valid_threads(n, per_thread, seed):
    threads = list(synthetic_corpus(n, comments_per_thread=per_thread, seed=seed))
    assert sum(len(t) for t in threads) == n
    assert len(threads) == -(-n // per_thread)
    assert len({t.id for t in threads}) == len(threads)
    for thread in threads:
        assert thread.integrity().ok
        assert all(c.text.strip() for c in thread.comments)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"n_comments": -1}, ValueError),
        ({"n_comments": 10, "comments_per_thread": 0}, ValueError),
        ({"n_comments": 10.0}, TypeError),
        ({"n_comments": True}, TypeError),
        ({"n_comments": 10, "seed": "0"}, TypeError),
    ],
)
def test_bad_arguments_raise(kwargs, error):
    with pytest.raises(error):
        synthetic_corpus(**kwargs)


def test_bad_thread_index_raises():
    with pytest.raises(ValueError):
        synthetic_thread(-1)


# -- realism -------------------------------------------------------------------------------------
def test_length_histogram_is_a_distribution():
    assert sum(w for _, _, w in LENGTH_HISTOGRAM) == 1000
    for (low, high, weight), nxt in zip(LENGTH_HISTOGRAM, LENGTH_HISTOGRAM[1:] + ((None,) * 3,)):
        assert 1 <= low <= high and weight > 0
        if nxt[0] is not None:
            assert nxt[0] == high + 1  # contiguous ranges


@pytest.mark.slow
def test_length_distribution(threads_20k):
    lengths = [Doc(c.text).n_words for t in threads_20k for c in t.comments]
    n_sentences = [len(Doc(c.text).sentences) for t in threads_20k for c in t.comments]
    assert len(lengths) == 20_000
    assert 75 <= statistics.mean(lengths) <= 87  # "about 80 words"
    assert statistics.median(lengths) < statistics.mean(lengths)  # right-skewed
    assert max(lengths) > 400  # a long tail
    assert sum(x > 300 for x in lengths) > 100
    assert 0.03 < sum(x <= 12 for x in lengths) / len(lengths) < 0.15  # one-liners
    assert 0.15 < sum(x == 1 for x in n_sentences) / len(n_sentences) < 0.45
    assert min(lengths) >= 1


def test_texts_are_resampled_seed_sentences(threads_20k):
    seed = load_seed()
    seed_words = set()
    for text in [seed.article.text, seed.article.title] + [c.text for c in seed.comments]:
        for span in Doc(text).sentences:  # sentence by sentence: "sometimesFor" is two sentences
            seed_words |= {w.lower() for w in _WORD.findall(span.slice(text))}
    comment_words = {w.lower() for t in threads_20k[:20] for c in t.comments for w in _WORD.findall(c.text)}
    assert comment_words <= seed_words
    # Each sentence differs from a seed sentence by at most one word.
    first = threads_20k[0].comments[0].text
    pool = synthetic_module._pool()
    originals = [s.text for s in pool.comment_sentences + pool.article_sentences]
    for span in Doc(first).sentences:
        words = _WORD.findall(span.slice(first))
        assert any(
            len(words) == len(_WORD.findall(o))
            and sum(a != b for a, b in zip(words, _WORD.findall(o))) <= 1
            for o in originals
        )
    # Variation keeps texts (nearly) unique, so caches cannot flatter a benchmark.
    texts = [c.text for t in threads_20k for c in t.comments]
    assert len(set(texts)) / len(texts) > 0.98


def test_reply_trees_times_authors_scores(threads_20k):
    depths: dict[int, int] = {}
    for thread in threads_20k:
        assert thread.integrity().ok
        position = {c.id: i for i, c in enumerate(thread.comments)}
        published = thread.article.published
        previous = published
        for comment in thread.comments:
            assert comment.created > previous  # strictly increasing, after the article
            previous = comment.created
            assert isinstance(comment.score, int)
            assert comment.author
            if comment.parent_id is not None:
                assert position[comment.parent_id] < position[comment.id]
                assert thread.comment(comment.parent_id).author != comment.author
        assert thread.comments[0].parent_id is None
        for depth, _ in thread.walk():
            depths[depth] = depths.get(depth, 0) + 1
    total = sum(depths.values())
    assert 0.35 < depths[0] / total < 0.6  # roots
    assert 0.15 < depths[1] / total < 0.35
    assert max(depths) >= 6  # some long exchanges
    assert all(depths[d] >= depths[d + 1] for d in range(max(depths)))  # falls off with depth
    assert len(set(synthetic_module._pool().authors)) == 2000  # distinct pseudonyms
    authors = [c.author for t in threads_20k for c in t.comments]
    counts = sorted((authors.count(a) for a in set(authors[:2000])), reverse=True)
    assert counts[0] > 10 * statistics.median(counts)  # skewed activity
    scores = [c.score for t in threads_20k for c in t.comments]
    assert min(scores) < 0 < max(scores)


def test_articles(threads_20k):
    seed = load_seed()
    ids = [t.id for t in threads_20k]
    assert len(set(ids)) == len(ids) == 200
    assert ids[0] == "synthetic-0-t000000" and ids[-1] == "synthetic-0-t000199"
    seed_words = seed.article.text.split()
    seed_n_words = Doc(seed.article.text).n_words
    n_sentences = len(Doc(seed.article.text).sentences)
    for thread in threads_20k[:20]:
        art = thread.article
        assert len(art.paragraphs) == len(seed.article.paragraphs) == 12
        assert Doc(art.text).n_words == seed_n_words  # a word replaced by a word
        words = art.text.split()
        assert len(words) == len(seed_words)
        assert 0 < sum(a != b for a, b in zip(words, seed_words)) <= n_sentences  # one per sentence
        assert len(art.title.split()) == len(seed.article.title.split())
    assert len({t.article.text for t in threads_20k}) == len(threads_20k)  # distinct: no cache hits
    assert all(t.article.meta["synthetic"] is True for t in threads_20k)
    times = [t.article.published for t in threads_20k]
    assert times == sorted(times) and times[0].tzinfo is not None


# -- streaming, memory, atomic writes --------------------------------------------------------------
def test_jsonl_round_trip_is_lossless(tmp_path):
    path = tmp_path / "s.jsonl"
    write_synthetic_jsonl(path, 300, comments_per_thread=120, seed=4)
    corpus = stream(path)
    assert list(corpus) == list(synthetic_corpus(300, comments_per_thread=120, seed=4))
    assert corpus.report.records_skipped == 0 and not corpus.report.problems


@pytest.mark.slow
def test_streaming_write_runs_in_constant_memory(tmp_path):
    synthetic_module._pool()  # the seed pool is built once per process, not per corpus
    path = tmp_path / "big.jsonl"
    tracemalloc.start()
    try:
        write_synthetic_jsonl(path, 20_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = path.stat().st_size
    assert size > 10_000_000  # 20,000 comments of ~80 words
    assert peak < 2_000_000, peak  # one thread at a time, not the corpus
    assert peak < size / 5


def test_failed_write_leaves_destination_untouched(tmp_path, monkeypatch):
    path = tmp_path / "s.jsonl"
    path.write_text("old\n")
    real = synthetic_module.synthetic_thread

    def failing(index, n_comments=100, *, seed=0):
        if index == 2:
            raise RuntimeError("interrupted")
        return real(index, n_comments, seed=seed)

    monkeypatch.setattr(synthetic_module, "synthetic_thread", failing)
    with pytest.raises(RuntimeError):
        write_synthetic_jsonl(path, 1_000)
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["s.jsonl"]


# -- the benchmark script (examples/benchmark.py) ----------------------------------------------
def _benchmark_module():
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "examples" / "benchmark.py"
    spec = importlib.util.spec_from_file_location("discourse_benchmark_example", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_benchmark_runs_and_writes_table(tmp_path, monkeypatch, capsys):
    bench = _benchmark_module()

    def broken():
        raise ImportError("not written yet")

    analysers = bench.LIBRARY_ANALYSERS[:2] + (("missing", "nowhere()", broken),)
    monkeypatch.setattr(bench, "LIBRARY_ANALYSERS", analysers)
    result = bench.main(["--comments", "120", "--comments-per-thread", "50", "--warmup", "5",
                         "--out", str(tmp_path), "--only", "a,b,d", "--repeat", "2"])
    table = result["table"]
    assert [(r["workload"], r["key"]) for r in table] == [
        (w, k) for w in ("all", "comments") for k in ("a", "b", "d1", "d2", "d3")
    ]
    rows = {(r["workload"], r["key"]): r for r in table}
    for key in ("a", "b", "d1", "d2"):
        every, comments = rows["all", key], rows["comments", key]
        assert every["status"] == comments["status"] == "ok"
        assert every["comments"] == comments["comments"] == 120
        assert every["units"] == 3 * 2 + 120 and comments["units"] == 120
        assert every["words"] > comments["words"] > 120
        assert every["seconds"] == min(result["passes"][f"all/{key}"])
        assert len(result["passes"][f"all/{key}"]) == 2
        # One pass times the comments, then the titles and articles: the sum is the 'all' pass.
        assert comments["seconds"] < every["seconds"]
        assert every["comments_per_s"] == pytest.approx(120 / every["seconds"])
        assert every["words_per_s"] == pytest.approx(every["words"] / every["seconds"])
    for workload in ("all", "comments"):
        assert rows[workload, "d3"]["status"].startswith("failed: ImportError")  # reported, not fatal
        assert rows[workload, "a"]["ratio_to_vader"] == pytest.approx(1.0)
        assert rows[workload, "b"]["ratio_to_vader"] == pytest.approx(
            rows[workload, "a"]["seconds"] / rows[workload, "b"]["seconds"]
        )
    assert result["vader_check"]["units"] == 126
    assert result["machine"]["cores"] >= 1 and result["machine"]["python"]
    assert result["corpus"]["comments"] == 120 and result["corpus"]["threads"] == 3
    written = json.loads((tmp_path / "benchmark.json").read_text())
    assert written["table"] == json.loads(json.dumps(table))
    with open(tmp_path / "benchmark.csv", newline="") as handle:
        csv_rows = list(csv.DictReader(handle))
    assert [(r["workload"], r["key"]) for r in csv_rows] == list(rows)
    assert tuple(csv_rows[0]) == bench.CSV_COLUMNS
    printed = capsys.readouterr().out
    assert "(c)/(a)" in printed and "vaderSentiment" in printed


def test_benchmark_profile_and_full_analysis_hook(tmp_path, monkeypatch, capsys):
    bench = _benchmark_module()
    seen = []

    def fake_full(corpus):
        threads = list(corpus)
        seen.append((sum(len(t) for t in threads), sum(len(t.article.text) for t in threads)))
        return [bench.Doc(c.text).n_words for t in threads for c in t.comments]

    monkeypatch.setattr(bench, "full_analysis", fake_full)
    result = bench.main(["--comments", "60", "--comments-per-thread", "30", "--warmup", "0", "--out", str(tmp_path),
                         "--only", "a,c", "--no-check", "--profile"])
    rows = {(r["workload"], r["key"]): r for r in result["table"]}
    assert rows["all", "c"]["status"] == rows["comments", "c"]["status"] == "ok"
    timed = [s for s in seen if s[0] == 60]
    assert len(timed) == 3  # 'all', 'comments' (articles blanked), profile
    assert len(seen) == 5 and [s[0] for s in seen].count(30) == 2  # untimed warm-ups: 1 thread
    assert timed[0][1] > 0 and timed[1][1] == 0 and timed[2][1] > 0
    assert result["ratios"]["all_c_over_a"] == pytest.approx(rows["all", "a"]["seconds"] / rows["all", "c"]["seconds"])
    assert result["ratios"]["comments_c_over_a"] == pytest.approx(
        rows["comments", "a"]["seconds"] / rows["comments", "c"]["seconds"]
    )
    assert result["vader_check"] is None
    profile = (tmp_path / "profile_full_analysis.txt").read_text()
    assert "by cumulative time" in profile and "by total (own) time" in profile
    assert "fake_full" in profile and (tmp_path / "profile_full_analysis.prof").is_file()
    assert "fake_full" in capsys.readouterr().out
