"""The actor tables column by column (``to_columns``) hold exactly the rows of ``to_records``.

The pipeline gathers the actor stage's tables as columns (``ActorStage.unit_columns``); the CSV
output, Dask and users read records. The records are the rows of the columns, except for the
stance evidence (row by row: faster for the CSV output), so every table is compared here on texts
that reach every branch: several mentions and sources, irony, withheld calls, both stance
methods, rolled-up actors, no predication, no mention at all.
"""

from __future__ import annotations

import csv
import pytest

from discourse.actors import ActorRegistry
from discourse.actors.analyzer import MENTION_COLUMNS, TABLES, ActorAnalyzer
from discourse.actors.predication import PREDICATION_COLUMNS
from discourse.actors.relations import RELATION_COLUMNS
from discourse.actors.stance import LEVEL_COLUMNS
from discourse.pipeline.stages import ActorStage, Unit
from discourse.text import Doc

TEXTS = [
    "",
    "Nothing to see here.",
    "Russia has openly accused the US of violating de-escalation zones.",
    "The rabid Israeli government is dangerous. Israel lied, and Israel will lie again.",
    "Oh sure, Putin is a 'great' leader /s",
    "Surely the Pentagon never lies. The Pentagon is so honest.",
    "Is Trudeau really that bad? If Iran attacks, the US will respond.",
    '"He lied to us," Smith said of Jones. Damascus condemned the SDF; the US-backed SDF captured oil fields.',
    "I live in Canada. The Canadian economy is fine, but Canadians are angry at Ottawa.",
    "Harper, Harper, Harper! Obama praised Harper but Putin mocked Obama, and China said nothing.",
]

CONFIGURATIONS = {
    "fitted": {},
    "rules": {"stance_params": {"method": "rules"}},
    "rollup": {"stance_params": {"rollup": True}},
    "no predication": {"predication": False},
    "no abstaining": {"stance_params": {"abstain": False}},
}

EXPECTED_COLUMNS = {
    "mentions": MENTION_COLUMNS,
    "stance": LEVEL_COLUMNS["unit"],
    "stance_sentences": LEVEL_COLUMNS["sentence"],
    "stance_mentions": LEVEL_COLUMNS["mention"],
    "evidence": LEVEL_COLUMNS["evidence"],
    "relations": RELATION_COLUMNS,
    "predications": PREDICATION_COLUMNS,
}


def _columns_of(records: list[dict], names) -> dict[str, list]:
    return {name: [record[name] for record in records] for name in names}


def _check_analysis(analysis) -> int:
    """Each table's columns against its records; returns the number of rows compared."""
    n_rows = 0
    for table in TABLES:
        records = analysis.to_records(table)
        columns = analysis.to_columns(table)
        assert tuple(columns) == EXPECTED_COLUMNS[table], table
        if records:
            assert list(records[0]) == list(columns), table  # the same names in the same order
        # (repr: the same types, -0.0 kept, NaN equal to NaN)
        assert repr(columns) == repr(_columns_of(records, columns)), table
        n_rows += len(records)
    return n_rows


@pytest.mark.parametrize("configuration", list(CONFIGURATIONS))
def test_columns_equal_records_on_every_table(seed_thread, configuration) -> None:
    analyzer = ActorAnalyzer(**CONFIGURATIONS[configuration])
    texts = TEXTS + [text for _, _, text in seed_thread.units()]
    n_rows = sum(_check_analysis(analyzer.analyze(text)) for text in texts)
    assert n_rows > 200  # (the texts do name actors: the comparison is not vacuous)


def test_columns_equal_records_on_synthetic_comments() -> None:
    from discourse.datasets.synthetic import synthetic_corpus

    analyzer = ActorAnalyzer()
    threads = list(synthetic_corpus(300, comments_per_thread=100, seed=3))
    n_rows = sum(_check_analysis(analyzer.analyze(text)) for thread in threads for _, _, text in thread.units())
    assert n_rows > 1000


def test_columns_equal_records_with_the_hand_written_registry(seed_thread) -> None:
    from discourse.lexicons import DATA_DIR

    analyzer = ActorAnalyzer(registry=ActorRegistry.from_file(DATA_DIR / "actors.toml"))
    assert sum(_check_analysis(analyzer.analyze(text)) for _, _, text in seed_thread.units()) > 50


def test_stage_unit_columns_equal_unit_rows(seed_thread) -> None:
    stage = ActorStage()
    units = [Unit("t", "title", "title", Doc(seed_thread.article.title))]
    units += [Unit("t", f"c{i}", "comment", Doc(text)) for i, text in enumerate(TEXTS)]
    units += [Unit("t", f"s{i}", "comment", Doc(text)) for i, (_, _, text) in enumerate(seed_thread.units())]
    named = 0
    for unit in units:
        result = stage.analyze_unit(unit)
        rows = stage.unit_rows(unit, result)
        columns = stage.unit_columns(unit, result)
        assert set(rows) == set(stage._UNIT_TABLES)
        assert set(columns) <= set(rows)
        for table, records in rows.items():
            if not records:  # a table without rows is left out of the columns
                assert table not in columns, table
                continue
            assert set(columns[table]) == set(records[0]), table
            assert repr(columns[table]) == repr(_columns_of(records, columns[table])), table
            assert columns[table]["unit_id"] == [unit.unit_id] * len(records)
        named += bool(result.mentions)
    assert named > 10


def test_unit_without_actors_gives_no_columns() -> None:
    stage = ActorStage()
    unit = Unit("t", "c1", "comment", Doc("Nothing to see here."))
    assert stage.unit_columns(unit, stage.analyze_unit(unit)) == {}


def _sfu_texts(eval_dir, n: int = 400) -> list[str]:
    """The first `n` non-empty SFU comments (only read, never fitted on); skips when absent."""
    path = eval_dir / "comments" / "SFU_constructiveness_toxicity.csv"
    if not path.exists():
        pytest.skip(f"real comments not available ({path})")
    csv.field_size_limit(10**7)
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["comment"] for row in csv.DictReader(handle) if row["comment"].strip()][:n]


def test_columns_equal_records_on_real_comments(eval_dir) -> None:
    """400 real news comments (the SFU corpus: only read, never fitted on; skipped when absent)."""
    texts = _sfu_texts(eval_dir)
    analyzer = ActorAnalyzer()
    assert sum(_check_analysis(analyzer.analyze(text)) for text in texts) > 5000


def _strongest(cues: list[tuple]) -> list[tuple]:
    """The reference of the aggregates' evidence: every contributing cue of every mention of a
    group, strongest first, then by unit, start and text; the first eight."""
    return sorted(cues)[:8]


def _check_aggregates(results: list) -> int:
    """The ``evidence`` of the unit, sentence and thread-part rows against :func:`_strongest` over
    all the cues of their mentions (the aggregates take each mention's strongest eight only);
    returns the number of groups of several mentions with more than eight cues in all."""
    from discourse.actors.stance import ThreadStance

    crowded = 0
    thread: dict[tuple, list] = {}
    for uid, result in results:
        stance = result.stance
        units: dict[tuple, list] = {}
        sentences: dict[tuple, list] = {}
        for m in stance.mentions:
            actor = stance.rollup.get(m.actor, m.actor)
            cues = [(-abs(c.contribution), uid, c.start, c.to_text()) for c in m.cues if c.contribution]
            units.setdefault((actor, m.source), []).append(cues)
            sentences.setdefault((m.sentence, actor, m.source), []).append(cues)
            thread.setdefault(("comments", actor, m.source), []).append(cues)
        for row in stance.to_records("unit"):
            groups = units[(row["actor"], row["source"])]
            expected = _strongest([cue for cues in groups for cue in cues])
            assert row["evidence"] == "; ".join(cue[3] for cue in expected)
            crowded += len(groups) > 1 and sum(map(len, groups)) > 8
        for row in stance.to_records("sentence"):
            expected = _strongest([cue for cues in sentences[(row["sentence"], row["actor"], row["source"])] for cue in cues])
            assert row["evidence"] == "; ".join(cue[3] for cue in expected)
    rows = ThreadStance(tuple(("comments", "comment", uid, r.stance) for uid, r in results)).to_records("part")
    assert len(rows) == len(thread)
    for row in rows:
        expected = _strongest([cue for cues in thread[(row["part"], row["actor"], row["source"])] for cue in cues])
        assert row["evidence"] == "; ".join(f"{cue[1]}:{cue[3]}" for cue in expected)
    return crowded


@pytest.mark.parametrize("configuration", list(CONFIGURATIONS))
def test_aggregate_evidence_is_the_strongest_of_all_cues(seed_thread, configuration) -> None:
    analyzer = ActorAnalyzer(**CONFIGURATIONS[configuration])
    texts = TEXTS + [text for _, _, text in seed_thread.units()]
    results = [(f"c{i}", analyzer.analyze(text)) for i, text in enumerate(texts)]
    assert _check_aggregates(results) > 0


def test_aggregate_evidence_is_the_strongest_of_all_cues_on_real_comments(eval_dir) -> None:
    """400 real news comments (SFU; skipped when absent): many mentions with more than eight cues."""
    texts = _sfu_texts(eval_dir)
    analyzer = ActorAnalyzer()
    results = [(f"c{i}", analyzer.analyze(text)) for i, text in enumerate(texts)]
    assert _check_aggregates(results) > 20
