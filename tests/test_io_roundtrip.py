"""Lossless round trips: read(write(x)) == x for every format, field by field."""

from __future__ import annotations

import json

import pytest

from discourse import io
from discourse.io._common import exact_equal
from discourse.model import Corpus
from test_io_helpers import assert_identical, deep_chain, synthetic_threads

# format -> (path name in tmp_path, write options)
FORMATS = {
    "jsonl": "corpus.jsonl",
    "csv": "comments.csv",
    "convokit": "convokit-corpus",
    "reddit": "reddit-dump",
}


def _roundtrip(threads, tmp_path, fmt, *, lazy=False):
    path = tmp_path / FORMATS[fmt]
    io.write(threads, path, format=fmt)
    corpus = (io.stream if lazy else io.read)(path, format=fmt)
    got = list(corpus)
    assert corpus.report.ok, corpus.report.problems
    assert corpus.report.balanced
    return got, corpus


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_seed_round_trip(fmt, tmp_path, seed_thread):
    got, corpus = _roundtrip([seed_thread], tmp_path, fmt)
    assert_identical(got, [seed_thread])
    assert corpus.report.records_in == 17  # 1 article + 16 comments


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_synthetic_round_trip(fmt, tmp_path):
    threads = synthetic_threads()
    got, corpus = _roundtrip(threads, tmp_path, fmt)
    assert_identical(got, threads)
    assert corpus.report.records_in == 2 + 7


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_stream_round_trip_is_reiterable(fmt, tmp_path):
    threads = synthetic_threads()
    got, corpus = _roundtrip(threads, tmp_path, fmt, lazy=True)
    assert not corpus.in_memory
    assert_identical(got, threads)
    assert_identical(list(corpus), threads)  # a second pass reads the files again
    assert corpus.report.records_in == 9 and corpus.report.records_read == 9


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_detect_format_after_write(fmt, tmp_path):
    path = tmp_path / FORMATS[fmt]
    io.write(synthetic_threads(), path, format=fmt)
    assert io.detect_format(path) == fmt
    assert_identical(list(io.read(path)), synthetic_threads())


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_deep_chain_round_trip(fmt, tmp_path):
    thread = deep_chain(10_000)
    got, _ = _roundtrip([thread], tmp_path, fmt)
    assert got[0] == thread
    assert got[0].depth("9999") == 9999  # navigation on the read thread needs no recursion


def test_dataframe_round_trip_is_exact(seed_thread):
    threads = synthetic_threads() + [seed_thread]
    articles, comments = io.to_dataframes(Corpus(threads))
    assert list(comments["id"])[:3] == ["c1", "c2", "a1"]
    corpus = io.from_dataframes(articles, comments)
    assert_identical(list(corpus), threads)
    assert corpus.report.ok and corpus.report.balanced


def test_dataframe_keeps_empty_strings_that_csv_cannot():
    from discourse.model import Article, Comment, Thread

    thread = Thread(Article(id="t", url=""), (Comment(id="1", author="", parent_id=None),))
    assert list(io.from_dataframes(*io.to_dataframes(thread)))[0] == thread


def test_dataframe_with_pandas_csv_round_trip(tmp_path):
    """Frames saved by pandas and read back as text still give the same threads."""
    import pandas as pd

    threads = synthetic_threads()
    articles, comments = io.to_dataframes(threads)
    articles.to_csv(tmp_path / "a.csv", index=False)
    comments.to_csv(tmp_path / "c.csv", index=False)
    # dtype=str keeps ids as text; only empty cells are missing (a comment "NA" stays text)
    a = pd.read_csv(tmp_path / "a.csv", dtype=str, keep_default_na=False, na_values=[""])
    c = pd.read_csv(tmp_path / "c.csv", dtype=str, keep_default_na=False, na_values=[""])
    assert_identical(list(io.from_dataframes(a, c)), threads)


def test_csv_column_mapping_round_trip(tmp_path):
    columns = {"id": "comment_id", "thread_id": "article_id", "parent_id": "reply_to",
               "text": "body"}
    article_columns = {"id": "article_id", "text": "body"}
    path = tmp_path / "mine.csv"
    io.write_csv(synthetic_threads(), path, columns=columns, article_columns=article_columns)
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == "article_id,comment_id,reply_to,author,created,score,body,meta"
    corpus = io.read_csv(path, columns=columns, article_columns=article_columns)
    assert_identical(list(corpus), synthetic_threads())
    with pytest.raises(ValueError, match="unknown field"):
        io.read_csv(path, columns={"comment": "x"})


def test_jsonl_lines_are_readable_json(tmp_path):
    path = tmp_path / "t.jsonl"
    io.write_jsonl(synthetic_threads(), path)
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert len(lines) == 2  # U+2028 inside a string does not end a line
    first = json.loads(lines[0])
    assert first["format"] == "discourse.thread/1"
    assert first["published"] == "2017-09-22T10:00:00.123456+02:00"
    assert "Москва" in lines[0]  # non-ASCII written as is, not escaped
    assert [c["parent_id"] for c in first["comments"]] == [None, "c1", "c2", "a1", None]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "convokit", "reddit"])
def test_lone_surrogate_in_meta_is_written_as_fffd(tmp_path, fmt):
    """Issue 18: no writer produces a lone surrogate or fails on one (only meta can hold one:
    the model refuses them in its text fields)."""
    from discourse.model import Article, Comment, Thread

    thread = Thread(Article(id="s", meta={"note": "bad \udc80 half"}),
                    (Comment(id="c", text="ok", meta={"k\ud800": ["x \udfff"]}),))
    target = tmp_path / ("out.csv" if fmt == "csv" else "out.jsonl" if fmt == "jsonl" else "out")
    io.write(thread, target, format=fmt)
    files = [target] if target.is_file() else sorted(target.iterdir())
    if fmt == "csv":
        files.append(tmp_path / "out.articles.csv")
    for file in files:
        data = file.read_bytes()
        data.decode("utf-8")  # valid UTF-8 ...
        assert b"\\ud8" not in data.lower() and b"\\udc" not in data.lower() and b"\\udf" not in data.lower()
    back = list(io.read(target, format=fmt))[0]  # ... and reads back strictly
    assert back.article.meta["note"] == "bad \ufffd half"
    assert back.comments[0].meta["k\ufffd"] in (["x \ufffd"], '["x \ufffd"]')


def test_lone_surrogate_in_text_is_refused_by_the_model():
    from discourse.errors import ModelError
    from discourse.model import Comment, replace_surrogates

    with pytest.raises(ModelError, match="lone surrogate U\\+DC80 at position 4"):
        Comment(id="c", text="bad \udc80")
    assert Comment(id="c", text=replace_surrogates("bad \udc80")).text == "bad \ufffd"


def test_convokit_layout_is_what_convokit_expects(tmp_path):
    folder = tmp_path / "ck"
    io.write_convokit(synthetic_threads(), folder)
    utts = [json.loads(x) for x in (folder / "utterances.jsonl").read_text("utf-8").rstrip("\n").split("\n")]
    for u in utts:
        assert set(u) == {"id", "conversation_id", "text", "speaker", "meta", "reply-to",
                          "timestamp", "vectors"}
    ids = [u["id"] for u in utts]
    assert len(ids) == len(set(ids)), "utterance ids must be unique corpus-wide"
    root = utts[0]
    assert root["id"] == root["conversation_id"] == "a1" and root["reply-to"] is None
    assert root["meta"]["discourse"]["title"].startswith("Ünïcödé")
    # the comment "a1" of thread a1 collides with the article id: qualified, original kept
    qualified = next(u for u in utts if u["id"] == "a1/a1")
    assert qualified["meta"]["discourse"]["id"] == "a1"
    # c1 of thread a2 collides with c1 of thread a1
    assert "a2/c1" in ids
    # a root comment replies to the conversation root; times are Unix seconds
    c1 = next(u for u in utts if u["id"] == "c1")
    assert c1["reply-to"] == "a1" and c1["timestamp"] == 1506078000
    conversations = json.loads((folder / "conversations.json").read_text("utf-8"))
    assert set(conversations) == {"a1", "a2"}
    speakers = json.loads((folder / "speakers.json").read_text("utf-8"))
    assert "[unknown]" in speakers and speakers["alice"] == {"meta": {}, "vectors": []}
    index = json.loads((folder / "index.json").read_text("utf-8"))
    assert set(index) >= {"utterances-index", "speakers-index", "conversations-index",
                          "overall-index", "version"}


def test_reddit_layout_uses_prefixes(tmp_path):
    io.write(synthetic_threads(), tmp_path / "r", format="reddit")
    subs = [json.loads(x) for x in (tmp_path / "r/submissions.ndjson").read_text("utf-8").rstrip("\n").split("\n")]
    coms = [json.loads(x) for x in (tmp_path / "r/comments.ndjson").read_text("utf-8").rstrip("\n").split("\n")]
    assert subs[1]["subreddit"] == "worldnews" and "discourse" not in subs[1]
    assert subs[0]["discourse"]["outlet"] == "Zero Hedge"
    assert coms[0]["link_id"] == "t3_a1" and coms[0]["parent_id"] == "t3_a1"
    assert coms[1]["parent_id"] == "t1_c1"
    assert coms[0]["created_utc"] == 1506078000 and "discourse" not in coms[0]
    assert coms[0]["likes"] == 3  # meta spread at the top level, as in Pushshift records


def test_seedtext_round_trip_of_texts(tmp_path, seed_thread):
    io.write(seed_thread, tmp_path / "seed.txt")
    got = list(io.read(tmp_path / "seed.txt", thread_id=seed_thread.id))[0]
    assert got == seed_thread


def test_write_accepts_corpus_thread_and_generator(tmp_path):
    threads = synthetic_threads()
    io.write(Corpus(threads), tmp_path / "a.jsonl")
    io.write(iter(threads), tmp_path / "b.jsonl")
    io.write(threads[0], tmp_path / "c.jsonl")
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert len(list(io.read(tmp_path / "c.jsonl"))) == 1
    with pytest.raises(ValueError, match="format"):
        io.write(threads, tmp_path / "x.parquet")


def test_times_keep_their_offsets(tmp_path):
    io.write_jsonl(synthetic_threads(), tmp_path / "t.jsonl")
    art = list(io.read(tmp_path / "t.jsonl"))[0].article
    assert art.published.utcoffset().total_seconds() == 7200
    assert exact_equal(art.published, synthetic_threads()[0].article.published)
