"""``analyze`` / ``analyze_path``: integrity of the input, unit ids, placeholders, empty input
(issue 18)."""

from __future__ import annotations

import json
import warnings

import pytest

from discourse.pipeline.analysis import analyze, analyze_path
from discourse.errors import DataWarning, IntegrityError
from discourse.model import Article, Comment, Corpus, Thread

FAST = {"n_boot": 20, "features": ["questions", "shouting"]}


def test_duplicate_comment_ids_in_a_thread_stop_the_analysis():
    thread = Thread(Article(id="a", text="Body."), (Comment(id="c1", text="First!"), Comment(id="c1", text="Second?")))
    assert len(thread) == 2
    with pytest.raises(IntegrityError, match=r"comment id 'c1' is used by 2 comments") as info:
        analyze(thread, **FAST)
    assert info.value.record == "a"


def test_duplicate_thread_ids_in_a_corpus_stop_the_analysis():
    one = Thread(Article(id="a", text="One."), (Comment(id="c1", text="x"),))
    two = Thread(Article(id="a", text="Two."), (Comment(id="c2", text="y"),))
    with pytest.raises(IntegrityError, match=r"thread id 'a' is used by threads 1 and 2 of the input"):
        analyze(Corpus([one, two]), **FAST)


def test_provenance_counts_equal_the_input():
    # orphans, self-replies and cycles are analysed (walked as roots), so every comment counts
    thread = Thread(Article(id="a", text="Body."), (
        Comment(id="c1", text="Root."), Comment(id="c2", text="Orphan.", parent_id="gone"),
        Comment(id="c3", text="Self.", parent_id="c3"), Comment(id="c4", text="x", parent_id="c5"),
        Comment(id="c5", text="y", parent_id="c4")))
    results = analyze(Corpus([thread, Thread(Article(id="b"))]), **FAST)
    assert results.provenance["input"]["comments"] == len(thread) == 5
    assert results.provenance["input"]["threads"] == 2
    units = results["units"]
    assert sorted(units.loc[units.unit_kind == "comment", "unit_id"]) == ["c1", "c2", "c3", "c4", "c5"]


def test_comment_ids_article_and_title_do_not_collide_with_the_article():
    thread = Thread(Article(id="a", title="Headline", text="Body text."), (
        Comment(id="article", text="I am a comment."), Comment(id="title", text="Me too.", parent_id="article"),
        Comment(id="comment:article", text="And me.")))
    results = analyze(thread, **FAST)
    units = results["units"]
    assert units["unit_id"].is_unique
    assert list(units["unit_id"]) == ["title", "article", "comment:article", "comment:title", "comment:comment:article"]
    assert list(units["text"]) == ["Headline", "Body text.", "I am a comment.", "Me too.", "And me."]
    assert units.loc[units.unit_id == "comment:title", "parent_id"].item() == "comment:article"
    sentiment = results["sentiment"].query("measure == 'score' and level == 'unit'")
    assert sentiment.groupby("unit_id").size().max() == 1  # one score per unit: no mixing
    assert set(sentiment["unit_id"]) == set(units["unit_id"])


def test_placeholder_comments_stay_in_the_tree_without_text_measures(tmp_path):
    from discourse import io

    (tmp_path / "RC.ndjson").write_text("\n".join(json.dumps(c) for c in [
        {"id": "a", "link_id": "t3_s", "parent_id": "t3_s", "body": "Great news, I love it!", "author": "u1"},
        {"id": "b", "link_id": "t3_s", "parent_id": "t1_a", "body": "[deleted]", "author": "[deleted]"},
        {"id": "c", "link_id": "t3_s", "parent_id": "t1_b", "body": "[removed]", "author": "u2"},
        {"id": "d", "link_id": "t3_s", "parent_id": "t1_c", "body": "Terrible, awful idea.", "author": "u2"},
    ]) + "\n", encoding="utf-8")
    corpus = io.read(tmp_path / "RC.ndjson", format="reddit")
    results = analyze(corpus, **FAST)
    units = results["units"].set_index("unit_id")
    assert list(units.loc[["a", "b", "c", "d"], "depth"]) == [0, 1, 2, 3]  # the reply tree is kept
    assert units.loc["b", "author"] is None  # "[deleted]" is not a user
    assert units.loc["b", "text"] == "[deleted]" and units.loc["c", "text"] == "[removed]"
    assert units.loc[["b", "c"], "n_words"].isna().all() and units.loc["a", "n_words"] == 5
    for name, table in results.tables.items():
        if name != "units" and "unit_id" in table.columns:
            assert not set(table["unit_id"]) & {"b", "c"}, name
    assert results.provenance["input"]["comments"] == 4


def test_empty_input_warns(tmp_path):
    with pytest.warns(DataWarning, match="no threads to analyse"):
        results = analyze([], **FAST)
    assert all(len(table) == 0 for table in results.tables.values())
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    with pytest.warns(DataWarning, match="empty.jsonl: no threads to analyse"):
        manifest = analyze_path(empty, out=tmp_path / "o", progress=False, **FAST)
    assert manifest["input"]["threads"] == 0


def test_a_normal_input_does_not_warn(seed_thread):
    with warnings.catch_warnings():
        warnings.simplefilter("error", DataWarning)
        analyze(seed_thread, **FAST)


def test_old_module_paths_still_import_and_warn():
    """0.1 scripts import `discourse.analysis` and `discourse.cluster`; both moved into
    `discourse.pipeline` and keep working with a DeprecationWarning."""
    import importlib
    import sys

    import discourse
    import discourse.pipeline
    import discourse.pipeline.cluster

    olds = ("discourse.analysis", "discourse.cluster")

    def forget() -> None:  # the aliases stay out of the modules and attributes other tests see
        for old in olds:
            sys.modules.pop(old, None)
            vars(discourse).pop(old.split(".")[1], None)

    forget()
    try:
        for old in olds:
            with pytest.warns(DeprecationWarning, match="moved"):
                importlib.import_module(old)
        assert sys.modules["discourse.analysis"].Analysis is discourse.pipeline.Analysis
        assert sys.modules["discourse.cluster"].write_parquet is discourse.pipeline.cluster.write_parquet
    finally:
        forget()
    assert discourse.cluster is discourse.pipeline.cluster  # the attribute is the new module


def test_analyze_signature_lists_every_analysis_parameter_with_its_default():
    import inspect

    from discourse.pipeline.analysis import Analysis

    params = inspect.signature(analyze).parameters
    expected = inspect.signature(Analysis.__init__).parameters
    names = [n for n in expected if n != "self"]
    assert [n for n in params if n in names] == names  # same order
    assert list(params)[:3] == ["data", "n_jobs", "progress"]
    assert set(params) == {"data", "n_jobs", "progress", *names}  # no **params left
    for name in names:
        assert params[name].default == expected[name].default, name
        assert params[name].kind is inspect.Parameter.KEYWORD_ONLY, name
        assert f"{name} :" in analyze.__doc__ or f"{name}," in analyze.__doc__, name


def test_results_is_a_mapping_of_tables(seed_thread):
    from collections.abc import Mapping

    results = analyze(seed_thread, **FAST)
    assert isinstance(results, Mapping)
    names = list(results)
    assert names[:2] == ["units", "segments"] and len(results) == len(names) == len(results.tables)
    assert list(results.keys()) == names
    assert [name for name, _ in results.items()] == names
    assert all(frame is results.tables[name] for name, frame in results.items())
    assert "stance" in results and "nonsense" not in results
    with pytest.raises(KeyError, match="no table 'stnce'.*the tables are units, segments, sentiment"):
        results["stnce"]
    with pytest.raises(KeyError, match="no table 0"):
        results[0]


def test_the_default_analysis_does_not_import_nltk():
    """TextBlob's word list is read from its file: importing textblob imports all of nltk (and
    scipy and scikit-learn when installed), about a second and 100 MB in every process."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys, discourse\n"
        "discourse.analyze(discourse.load_seed())\n"
        "print(sorted(m for m in ('nltk', 'textblob', 'scipy', 'sklearn') if m in sys.modules))\n"
    )
    root = str(Path(__file__).resolve().parents[1])
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
