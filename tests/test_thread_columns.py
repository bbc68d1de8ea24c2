"""The column-by-column path of the pipeline gives exactly the rows of the record path.

``analyze()`` and the Parquet output gather each thread's tables with
``Analysis.thread_columns`` (the rhetoric stage hands over columns, not a dict per row); the CSV
output, Dask and plug-ins read ``Analysis.thread_rows``. Both must hold the same values in the
same order, table by table.
"""

from __future__ import annotations

import pytest

from discourse.pipeline.analysis import Analysis
from discourse.pipeline.parallel import columns_arrow, count_comments_in, thread_arrow
from discourse.pipeline.stages import RhetoricStage, Unit, count_comments
from discourse.results.columns import ColumnCollector, _column_of
from discourse.rhetoric import rhetorical_features
from discourse.text import Doc


def _as_columns(records: list[dict], columns) -> dict[str, list]:
    return {c.name: _column_of(records, c.name) for c in columns}


@pytest.mark.parametrize("features", ["all", ["questions", "shouting"]])
def test_thread_columns_equal_thread_rows(seed_thread, features) -> None:
    analysis = Analysis(features=features, n_boot=50)
    rows = analysis.thread_rows(seed_thread)
    columns = analysis.thread_columns(seed_thread)
    assert list(columns) == list(rows)
    for table, collector in columns.items():
        expected = _as_columns(rows[table], collector.columns)
        assert len(collector) == len(rows[table]), table
        assert repr(collector.data) == repr(expected), table  # (repr: NaN equals NaN, types kept)
    data = {table: c.data for table, c in columns.items()}
    assert count_comments_in(data) == count_comments(rows) == 16
    arrow_rows = thread_arrow(rows, analysis.schemas_)
    arrow_columns = columns_arrow(data, analysis.schemas_)
    assert all(arrow_columns[t].equals(arrow_rows[t]) for t in arrow_rows)


@pytest.mark.parametrize("features", ["all", ["shouting", "questions", "us_vs_them"]])
def test_rhetoric_unit_columns_equal_unit_rows(seed_thread, features) -> None:
    """to_columns and to_records are two implementations (records row by row is faster for
    the CSV output); they must agree on every text."""
    stage = RhetoricStage(features)
    texts = ["", "WAKE UP people! Is it really true? No, no, NO...", "Clearly, you idiot."]
    texts += [text for _, _, text in seed_thread.units()]
    for text in texts:
        unit = Unit("t", "c1", "comment", Doc(text))
        result = stage.analyze_unit(unit)
        records = stage.unit_rows(unit, result)["features"]
        columns = stage.unit_columns(unit, result)["features"]
        assert repr({name: columns[name] for name in records[0]}) == repr(_as_columns(records, list(_named(records[0]))))


def _named(record: dict):
    from discourse.results.columns import Column

    return (Column(name, "str", "") for name in record)


def test_to_records_keeps_its_row_layout() -> None:
    result = rhetorical_features("No doubt, no doubt.", features=["boosters", "hedges"])
    assert result.to_records({"unit_id": "c1"}) == [
        {"feature": "boosters", "count": 2, "rate_per_1000": 500.0, "n_words": 4, "score": None,
         "evidence": [{"start": 0, "end": 8, "surface": "No doubt"}, {"start": 10, "end": 18, "surface": "no doubt"}],
         "unit_id": "c1"},
        {"feature": "hedges", "count": 0, "rate_per_1000": 0.0, "n_words": 4, "score": None, "evidence": [],
         "unit_id": "c1"},
    ]
    assert list(result.to_records()[0]) == ["feature", "count", "rate_per_1000", "n_words", "score", "evidence"]


def test_collector_keeps_the_order_of_records_and_columns() -> None:
    from discourse.results.columns import Column

    collector = ColumnCollector([Column("a", "int", ""), Column("b", "str", "")])
    collector.extend([{"a": 1}])
    collector.extend_columns({"a": [2, 3], "b": ["x", "y"]}, 2)
    collector.extend([{"a": 4, "b": "z"}])
    assert collector.data == {"a": [1, 2, 3, 4], "b": [None, "x", "y", "z"]}
    assert collector.frame()["a"].tolist() == [1, 2, 3, 4]


def test_units_and_segments_rows_are_those_of_each_units_doc() -> None:
    """The ``units`` and ``segments`` rows (built column by column) against each text's Doc,
    for a thread with a title, a multi-paragraph body, replies and a deleted comment."""
    from discourse.model import Article, Comment, Thread

    thread = Thread(
        Article(id="a1", title="Talks stall.", text="First para. Two.\n\nSecond para.", authors=("X", "Y")),
        (
            Comment(id="c1", text="Why? Because.", author="u1"),
            Comment(id="c2", text="[deleted]", parent_id="c1", meta={"text_placeholder": "[deleted]"}),
            Comment(id="c3", text="", parent_id="c2"),
        ),
    )
    analysis = Analysis(features=["questions"], incivility=False, n_boot=10)
    rows = analysis.thread_rows(thread)
    columns = analysis.thread_columns(thread)
    texts = {"title": thread.article.title, "article": thread.article.text, "c1": "Why? Because.", "c3": ""}
    units = rows["units"]
    assert [(r["unit_id"], r["unit_kind"], r["position"], r["parent_id"], r["depth"]) for r in units] == [
        ("title", "title", -2, None, None), ("article", "article", -1, None, None),
        ("c1", "comment", 0, None, 0), ("c2", "comment", 1, "c1", 1), ("c3", "comment", 2, "c2", 2),
    ]
    assert units[0]["author"] == "X; Y" and units[2]["author"] == "u1"
    placeholder = units[3]
    assert (placeholder["n_chars"], placeholder["n_sentences"], placeholder["n_words"], placeholder["text"]) == (
        None, None, None, "[deleted]",
    )
    expected_segments = []
    for row in units:
        if row["unit_id"] not in texts:
            continue
        doc = Doc(texts[row["unit_id"]])
        assert (row["n_chars"], row["n_sentences"], row["n_words"], row["text"]) == (
            len(doc.text), len(doc.sentences), doc.n_words, doc.text,
        )
        spans = [("paragraph", doc.paragraphs)] if row["unit_kind"] == "article" else []
        for name, found in spans + [("sentence", doc.sentences)]:
            expected_segments += [
                {"thread_id": "a1", "unit_id": row["unit_id"], "unit_kind": row["unit_kind"], "segment": name,
                 "index": i, "start": s.start, "end": s.end}
                for i, s in enumerate(found)
            ]
    assert rows["segments"] == expected_segments
    assert [list(r) for r in rows["segments"][:1]] == [["thread_id", "unit_id", "unit_kind", "segment", "index", "start", "end"]]
    for table in ("units", "segments"):
        assert repr(columns[table].data) == repr(_as_columns(rows[table], columns[table].columns))
