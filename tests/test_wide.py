"""Wide views (issue 17): one row per comment / per thread, equal to the tidy tables they come
from, with proper dtypes."""

from __future__ import annotations

import pytest

from discourse.datasets import load_seed
from discourse.pipeline.analysis import analyze


@pytest.fixture(scope="module")
def results():
    return analyze(load_seed(), n_boot=50)


def test_one_row_per_comment_in_reading_order(results):
    wide = results.comments()
    units = results["units"].query("unit_kind == 'comment'")
    assert wide["unit_id"].tolist() == units["unit_id"].tolist()
    assert wide["depth"].tolist() == units["depth"].tolist()
    assert wide["n_words"].tolist() == units["n_words"].tolist()


def test_values_equal_the_tidy_tables(results):
    wide = results.comments(actors=["US"], features=["questions", "hedges"]).set_index("unit_id")
    scores = results["sentiment"].query("unit_kind == 'comment' and level == 'unit' and measure == 'score'")
    for unit, value in zip(scores["unit_id"], scores["value"]):
        assert wide.loc[unit, "sentiment"] == value
    stance = results["stance"].query("unit_kind == 'comment' and source == 'author' and actor == 'united_states'")
    assert len(stance) > 0
    for unit, score, n in zip(stance["unit_id"], stance["score"], stance["n_mentions"]):
        assert wide.loc[unit, "stance_united_states"] == score and wide.loc[unit, "mentions_united_states"] == n
    others = wide.drop(index=list(stance["unit_id"]))
    assert others["stance_united_states"].isna().all() and (others["mentions_united_states"] == 0).all()
    features = results["features"].query("unit_kind == 'comment' and feature == 'hedges'")
    for unit, rate in zip(features["unit_id"], features["rate_per_1000"]):
        assert wide.loc[unit, "hedges_per_1000"] == rate
    civility = results["incivility"].query("unit_kind == 'comment'")
    assert wide.loc[list(civility["unit_id"]), "incivility"].tolist() == civility["incivility"].tolist()


def test_dtypes_are_proper(results):
    wide = results.comments(actors="Russia", features=["questions"])
    dtypes = {name: str(dtype) for name, dtype in wide.dtypes.items()}
    assert dtypes["thread_id"] == dtypes["unit_id"] == dtypes["author"] == "string"
    assert dtypes["depth"] == dtypes["n_words"] == dtypes["mentions_russia"] == "Int64"
    assert dtypes["created"] == "datetime64[ns, UTC]"
    assert dtypes["sentiment_label"] == "category"
    assert dtypes["sentiment"] == dtypes["stance_russia"] == dtypes["questions_per_1000"] == "float64"


def test_default_actors_are_the_most_mentioned_in_comments(results):
    from discourse.results.wide import top_actors

    counts = results["mentions"].query("unit_kind == 'comment'")["actor"].value_counts()
    top = top_actors(results, 3)
    assert [counts[a] for a in top] == sorted(counts.values, reverse=True)[:3]
    stance_columns = [c for c in results.comments(top=3).columns if c.startswith("stance_")]
    assert stance_columns == [f"stance_{a}" for a in top]


def test_unknown_names_are_errors(results):
    from discourse.errors import UnknownActorError

    with pytest.raises(UnknownActorError):
        results.comments(actors=["Atlantis"])
    with pytest.raises(KeyError, match="not in these results"):
        results.comments(features=["questionz"])


def test_thread_table_matches_the_summaries(results):
    threads = results.threads(actors=["Russia"], features=["questions"])
    assert len(threads) == 1
    row = threads.iloc[0]
    summary = results["sentiment_summary"].set_index("group")
    assert row["comments_sentiment"] == summary.loc["comments", "mean"]
    assert row["article_sentiment"] == summary.loc["article", "mean"]
    stance = results["stance_summary"].query("actor == 'russia' and source == 'author'").set_index("part")
    assert row["stance_comments_russia"] == stance.loc["comments", "score"]
    features = results["features"].query("feature == 'questions' and unit_kind == 'comment'")
    assert row["questions_per_1000_comments"] == pytest.approx(
        features["count"].sum() / features["n_words"].sum() * 1000
    )
    assert row["n_comments"] == 16 and str(threads["published"].dtype) == "datetime64[ns, UTC]"


@pytest.mark.parametrize("table_format, chunk_rows", [("parquet", 7), ("csv", 7), ("parquet", 10_000)])
def test_streamed_wide_tables_equal_the_in_memory_views(tmp_path, monkeypatch, table_format, chunk_rows):
    """``discourse analyze`` builds the wide tables from its staged tables a batch of threads at a
    time; tiny chunks (threads cut across chunks) and many batches per chunk give the in-memory
    rows exactly."""
    from discourse.datasets.synthetic import synthetic_corpus, write_synthetic_jsonl
    from discourse.pipeline.analysis import analyze_path
    from discourse.results import Results
    from discourse.results import wide

    params = {"n_boot": 20, "features": ["questions", "shouting", "hedges"]}
    write_synthetic_jsonl(tmp_path / "c.jsonl", 45, comments_per_thread=9, seed=4)
    monkeypatch.setattr(wide, "_CHUNK_ROWS", chunk_rows)
    batches = []
    original = wide._batch
    monkeypatch.setattr(wide, "_batch", lambda units, others: batches.append(len(units)) or original(units, others))
    monkeypatch.setattr(wide, "_BATCH_UNITS", 5)
    manifest = analyze_path(tmp_path / "c.jsonl", out=tmp_path / "o", progress=False, table_format=table_format, **params)
    loaded = Results.load(tmp_path / "o")
    memory = analyze(synthetic_corpus(45, comments_per_thread=9, seed=4), **params)
    comments, threads = memory.comments(), memory.threads()
    assert len(comments) == 45 and len(threads) == 5 and comments["created"].notna().all()
    assert loaded["comments"].equals(comments) and loaded["comments"].dtypes.equals(comments.dtypes)
    assert loaded["threads"].equals(threads) and loaded["threads"].dtypes.equals(threads.dtypes)
    assert len(batches) == 5 and sum(batches) == 45 + 10  # one thread (10 units) a batch, each whole
    assert manifest["wide_tables"]["comment_actors"] == [c[len("stance_"):] for c in comments if c.startswith("stance_")]


def test_two_runs_write_the_same_bytes(tmp_path):
    import hashlib

    from discourse.pipeline.analysis import analyze_path

    def files(folder):
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}

    for run in ("a", "b"):
        analyze_path(None, out=tmp_path / run, progress=False, n_boot=20)
    assert files(tmp_path / "a") == files(tmp_path / "b") and "comments.parquet" in files(tmp_path / "a")
