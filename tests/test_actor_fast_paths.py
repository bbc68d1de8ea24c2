"""The actor stage's shortcuts for texts that name no actor give what the full path gives."""

from __future__ import annotations

import pytest

from discourse.actors import default_registry
from discourse.actors.analyzer import TABLES, ActorAnalyzer
from discourse.actors.context import DocContext
from discourse.actors.discovery import find_candidates
from discourse.pipeline.stages import ActorStage, Unit
from discourse.text import Doc

NO_ACTOR = [
    "",
    "lol no.",
    "I think this is a terrible idea, honestly. Who wrote this?",
    '"Great," he said. "Just great." The end.',
    "THIS IS SO STUPID. Why would anyone do that???",
]


@pytest.mark.parametrize("params", [None, {"method": "rules"}])
@pytest.mark.parametrize("text", NO_ACTOR)
def test_analysis_without_mentions_equals_the_full_path(text, params):
    analyzer = ActorAnalyzer(stance_params=params)
    doc = Doc(text)
    assert default_registry().find(doc) == ()
    fast = analyzer.analyze(doc)
    # the full path: the shared context and the three analysers
    stance_analyzer, relation_extractor, predicator = analyzer._analyzers()
    ctx = DocContext(doc, default_registry())
    stance = stance_analyzer.analyze_context(ctx)
    relations = relation_extractor.extract_context(ctx, stance)
    predications = predicator.extract_context(ctx)
    assert fast.stance == stance
    assert fast.relations == relations
    assert fast.predications == predications
    assert fast.stance.params == stance.params and fast.stance.threshold == stance.threshold


@pytest.mark.parametrize("text", NO_ACTOR + ["Russia accused the US of lying."])
def test_unit_rows_shortcut_equals_the_tables(text):
    stage = ActorStage(stance_params={"method": "rules"})
    unit = Unit("t", "c1", "comment", Doc(text))
    result = stage.analyze_unit(unit)
    rows = stage.unit_rows(unit, result)
    expected = {
        table: [{**row, "thread_id": "t", "unit_id": "c1", "unit_kind": "comment"} for row in result.to_records(source)]
        for table, source in ActorStage._UNIT_TABLES.items()
    }
    assert rows == expected
    assert set(ActorStage._UNIT_TABLES.values()) <= set(TABLES)


def test_candidates_do_not_depend_on_the_word_memos():
    """The discovery's memos (per word) give the same candidates as a first look."""
    from discourse.actors import discovery

    text = ("Senator Blutarsky met the Zorgonians. De Gaulle and the ZRB agreed; STUPID idea. "
            "Great news from Qarnak Front! Blutarsky again, and Zorgonians.")
    first = find_candidates(text)
    for memo in (discovery._NAME_WORD, discovery._STOP_GROUP, discovery._SINGLE):
        memo.clear()
    assert find_candidates(text) == first
    assert find_candidates(text) == first  # now from the memos
    assert [c.text for c in first][:2] == ["Blutarsky", "Zorgonians"]
