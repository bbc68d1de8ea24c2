"""Stance with evidence, attribution, relations, predication and the NewsMTSC validation."""

from __future__ import annotations

import gc
import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from functools import partial

from discourse.actors import analyzer as _analyzer
from discourse.actors.attribution import find_attributions
from discourse.actors.predication import predications
from discourse.actors.relations import relations, thread_relations
from discourse import stance as _stance
from discourse.stance import LABELS
from discourse.text import Doc

# The expectations below describe the rule method's mechanics (cues, weights, roles), so this
# file pins method="rules"; the fitted default is tested in test_stance_model.py and
# test_stance_conventions.py.
stance = partial(_stance.stance, method="rules")
stance_toward = partial(_stance.stance_toward, method="rules")
thread_stance = partial(_stance.thread_stance, method="rules")
StanceAnalyzer = partial(_stance.StanceAnalyzer, method="rules")
analyze_actors = partial(_analyzer.analyze_actors, stance_params={"method": "rules"})
analyze_thread_actors = partial(_analyzer.analyze_thread_actors, stance_params={"method": "rules"})

ATTRIBUTION_EXAMPLE = (
    "Russia has openly accused the US of violating previously agreed to 'de-escalation' zones in Idlib."
)


def by_actor(text: str, **params):
    return {(m.actor, m.source): m for m in stance(text, **params).mentions}


# -- attribution: the example -----------------------------------------------------------


def test_accusation_is_russias_stance_not_the_authors():
    records = by_actor(ATTRIBUTION_EXAMPLE)
    us = records[("united_states", "russia")]
    assert us.label == "negative" and us.role == "reported"
    assert "accus*" in [c.term for c in us.cues]
    assert ("united_states", "author") not in records  # no author stance toward the US
    rows = stance(ATTRIBUTION_EXAMPLE).to_records()
    assert not any(r["actor"] == "united_states" and r["source"] == "author" for r in rows)
    assert records[("russia", "author")].label == "neutral"  # accusing is not a verdict on Russia


def test_accusation_gives_russia_to_us_negative_relation():
    rows = relations(ATTRIBUTION_EXAMPLE).to_records()
    speech = [r for r in rows if r["kind"] == "speech_act"]
    assert [(r["source"], r["target"], r["polarity"], r["asserted_by"]) for r in speech] == [
        ("russia", "united_states", -1, "author")
    ]
    text = ATTRIBUTION_EXAMPLE
    assert text[speech[0]["cue_start"] : speech[0]["cue_end"]] == "accused"
    assert text[speech[0]["source_start"] : speech[0]["source_end"]] == "Russia"


def test_headline_russia_warns_us(seed_thread):
    rows = relations(seed_thread.article.title).to_records()
    assert ("russia", "united_states", -1, "speech_act") in [
        (r["source"], r["target"], r["polarity"], r["kind"]) for r in rows
    ]


def test_quotation_with_speaker_after_it():
    text = '"The SDF are terrorists," the Kremlin said.'
    records = by_actor(text)
    assert records[("sdf", "russia")].label == "negative"
    assert records[("russia", "author")].role == "speaker"
    assert records[("russia", "author")].label == "neutral"
    attribution = find_attributions(text).attributions[0]
    assert attribution.kind == "quote" and attribution.content.slice(text) == "The SDF are terrorists,"


@pytest.mark.parametrize(
    "text",
    [
        "According to the Pentagon, the Syrian Army committed atrocities.",
        "The Syrian Army committed atrocities, according to the Pentagon.",
    ],
)
def test_according_to(text):
    records = by_actor(text)
    assert records[("syrian_army", "pentagon")].label == "negative"
    assert ("syrian_army", "author") not in records


def test_speakers_resolve_through_representatives_and_pronouns():
    assert by_actor("US officials said Iran lied.")[("iran", "united_states")].label == "negative"
    assert ("iran", "other") in by_actor("Many Russian analysts said Iran lied.")  # analysts are not Russia
    text = 'Putin said the talks went well. "Fire points will be suppressed," he added.'
    attributions = find_attributions(text).attributions
    assert [(a.source, a.source_text) for a in attributions] == [("putin", "Putin"), ("putin", "he")]
    assert attributions[1].content.slice(text) == "Fire points will be suppressed,"


def test_seed_attributions(seed_thread):
    text = seed_thread.article.text
    found = {(a.cue.slice(text), a.source) for a in find_attributions(text).attributions}
    assert ("confirmed", "ryan_dillon") in found
    assert ("said", "konashenkov") in found
    assert ("claims", "sdf") in found
    assert ("characterized", "united_states") in found
    assert ("according to", "seymour_hersh") in found
    assert ("accused", "syria") in found
    assert ("reports", "associated_press") in found
    assert not any(cue == "said" and source == "united_states" for cue, source in found)  # "are said to"


# -- local context: negation, contrast, cues ----------------------------------------------------


def test_contrast_keeps_evaluations_apart():
    text = "Iran is a great partner, but Israel is a terrible neighbour."
    records = by_actor(text)
    assert records[("iran", "author")].label == "positive"
    assert records[("israel", "author")].label == "negative"
    assert records[("iran", "author")].score > records[("israel", "author")].score + 0.3


def test_negation_flips_a_cue():
    plain = by_actor("Russia is a brutal aggressor.")[("russia", "author")]
    negated = by_actor("Russia is not a brutal aggressor.")[("russia", "author")]
    assert plain.label == "negative" and negated.score > 0
    assert any("negated by 'not'" in c.note for c in negated.cues)


def test_conflict_cues_and_epithets():
    record = by_actor("No doubt the US is enabling the illegal seizure of oil fields.")[("united_states", "author")]
    assert record.label == "negative"
    terms = {c.term: c for c in record.cues}
    assert "illegal seizure" in terms and terms["illegal seizure"].lexicon == "stance_cues"
    epithet = by_actor("The Assad regime spoke.")[("syrian_government", "author")]
    assert epithet.label == "negative" and [c.term for c in epithet.cues] == ["regime"]
    assert by_actor("The heroic Kurds liberated the city.")[("kurds", "author")].label == "positive"


def test_evidence_adds_up_and_points_into_the_text(seed_thread):
    text = seed_thread.article.text
    result = stance(text)
    assert len(result.mentions) > 50
    for m in result.mentions:
        assert -1.0 <= m.score <= 1.0 and m.label in LABELS
        assert math.isclose(sum(c.contribution for c in m.cues), m.raw, abs_tol=1e-9)
        assert math.isclose(m.score, m.raw / math.sqrt(m.raw**2 + 15) if m.raw else 0.0, abs_tol=1e-12)
        assert m.sentence_start <= m.start < m.end <= m.sentence_end
        for c in m.cues:
            surface = text[c.start : c.end].lower().replace("’", "'")
            assert surface.startswith(c.term.rstrip("*").split()[0]) or c.term in surface
            assert 0 < c.weight <= 1.0


def test_result_tables_and_levels():
    result = stance(ATTRIBUTION_EXAMPLE)
    unit = result.to_records()
    assert set(unit[0]) == {"actor", "source", "n_mentions", "n_cued", "n_positive", "n_negative",
                            "score", "label", "evidence", "n_ironic"}
    assert {r["sentence"] for r in result.to_records("sentence")} == {0}
    evidence = result.to_records("evidence")
    assert {"term", "start", "end", "weight", "contribution", "lexicon", "note"} <= set(evidence[0])
    assert len(result.to_records("mention")) == 2
    with pytest.raises(ValueError):
        result.to_records("paragraph")


def test_rollup_to_parent_actors():
    text = "The Pentagon lied. The CIA lied."
    plain = {r["actor"] for r in stance(text).to_records()}
    rolled = stance(text, rollup=True).to_records()
    assert plain == {"pentagon", "cia"}
    assert [(r["actor"], r["n_mentions"], r["label"]) for r in rolled] == [("united_states", 2, "negative")]


def test_thread_stance_article_vs_comments(seed_thread):
    rows = thread_stance(seed_thread).to_records()
    parts = {(r["part"], r["actor"], r["source"]) for r in rows}
    assert ("article", "united_states", "author") in parts
    assert ("comments", "united_states", "author") in parts
    assert ("article", "united_states", "russia") in parts  # Russia's reported stance
    assert not any(p == "comments" and s == "russia" for p, _a, s in parts)
    for r in rows:
        assert r["n_mentions"] >= r["n_positive"] + r["n_negative"]
        assert -1 <= r["score"] <= 1


def test_analyzer_params_and_provenance():
    analyzer = StanceAnalyzer(threshold=0.3)
    params = analyzer.get_params()
    assert params["threshold"] == 0.3 and params["registry"] is None
    names = [d["name"] for d in analyzer.lexicon_info()]
    assert {"vader", "stance_cues", "stance_speech_acts", "actors"} <= set(names)
    assert all(len(d["sha256"]) == 64 for d in analyzer.lexicon_info())
    strict = StanceAnalyzer(threshold=0.9).analyze("Russia is a brutal aggressor.").mentions[0]
    assert strict.label == "neutral"  # the threshold is used


def test_stance_toward_any_span():
    text = '"He lied to us," Smith said of Jones.'
    assert stance_toward(text, 1, 3).label == "negative"
    assert stance_toward(text, 17, 22).role == "speaker"
    assert stance_toward(text, 17, 22).label == "neutral"
    assert stance_toward(text, 5, 5).label == "neutral"  # empty span


# -- relations and predication ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The US-backed SDF advanced.", ("united_states", "sdf", 1, "compound")),
        ("The SDF came under attack from the Syrian Army.", ("syrian_army", "sdf", -1, "action")),
        ("Turkey did not attack the Kurds.", ("turkey", "kurds", 0, "action")),
        ("They will eventually be dumped by the US.", ("united_states", "", -1, "action")),
        ("Damascus recognized the Kurds as a buffer.", ("syrian_government", "kurds", 1, "action")),
    ],
)
def test_relations(text, expected):
    rows = [(r["source"], r["target"], r["polarity"], r["kind"]) for r in relations(text).to_records()]
    assert expected in rows


def test_relation_to_a_non_actor_keeps_the_words(seed_thread):
    text = "The Kurdish and Arab coalition just this week captured Tabiyeh and al-Isba oil and gas fields."
    row = relations(text).to_records()[0]
    assert (row["source"], row["target"], row["relation"]) == ("sdf", "", "captur*")
    assert text[row["target_start"] : row["target_end"]].startswith("Tabiyeh and al-Isba oil")


def test_relation_edges_for_the_network(seed_thread):
    edges = thread_relations(seed_thread).edges()
    keyed = {(e["part"], e["source"], e["target"]): e for e in edges}
    assert keyed[("article", "russia", "united_states")]["polarity"] < 0
    assert keyed[("article", "united_states", "sdf")]["n_positive"] >= 1  # US-backed SDF
    assert all(e["n"] == e["n_negative"] + e["n_neutral"] + e["n_positive"] for e in edges)


def test_predications():
    rows = predications("The rabid Israeli government is dangerous.").to_records()
    assert [(r["actor"], r["word"], r["relation"]) for r in rows] == [
        ("israel", "rabid", "attribute"),
        ("israel", "dangerous", "predicate"),
    ]
    assert all(r["evaluative"] and r["polarity"] < 0 for r in rows)
    rows = predications("The US is unable to build good planes.").to_records()
    assert ("good", "predicate") in [(r["word"], r["relation"]) for r in rows]


def test_thread_analysis_tables(seed_thread):
    tables = analyze_thread_actors(seed_thread).tables()
    assert set(tables) == {"nominations", "stance", "stance_units", "stance_mentions", "evidence",
                           "relations", "edges", "predications", "predication_summary"}
    assert any(r["actor"] == "israel" and r["word"] == "rabid" and r["part"] == "comments"
               for r in tables["predication_summary"])
    single = analyze_actors(ATTRIBUTION_EXAMPLE)
    assert [r["actor"] for r in single.to_records("mentions")] == ["russia", "united_states"]


# -- robustness -------------------------------------------------------------------------------

PHRASES = ["Russia", "the US", "U.S.", "accused", "said", '"', "'", "not", "but", "regime",
           "according to", "US-backed", "SDF", "was attacked by", "Syria's", ",", ".", "!", "\n",
           "Damascus warned", "\u200b", "\x00", "مرحبا", "🇺🇸", "é"]
phrasey = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(PHRASES)), max_size=25).map(" ".join)


@settings(max_examples=250, deadline=None)
@given(st.one_of(st.text(), phrasey))
def test_stance_on_any_text(text):
    result = stance(text)
    assert result == stance(text)  # deterministic
    for m in result.mentions:
        assert -1.0 <= m.score <= 1.0 and m.label in LABELS
        assert 0 <= m.start < m.end <= len(text)
        assert 0 <= m.sentence_start <= m.start and m.end <= m.sentence_end <= len(text)
        for c in m.cues:
            assert 0 <= c.start < c.end <= len(text)
    for row in result.to_records("evidence"):
        assert 0 <= row["start"] < row["end"] <= len(text)


@settings(max_examples=250, deadline=None)
@given(st.one_of(st.text(), phrasey))
def test_attribution_relations_predication_on_any_text(text):
    analysis = analyze_actors(text)
    for a in find_attributions(text).attributions:
        assert 0 <= a.content.start <= a.content.end <= len(text)
        assert 0 <= a.cue.start < a.cue.end <= len(text)
        if a.speaker is not None:
            assert 0 <= a.speaker.start < a.speaker.end <= len(text)
    for r in analysis.to_records("relations"):
        assert r["polarity"] in (-1, 0, 1)
        for key in ("source", "cue", "target"):
            assert 0 <= r[f"{key}_start"] <= r[f"{key}_end"] <= len(text)
        assert r["target_text"] == text[r["target_start"] : r["target_end"]]
    for p in analysis.to_records("predications"):
        assert text[p["start"] : p["end"]] == p["word"]
    assert analysis.to_records("relations") == analyze_actors(text).to_records("relations")


@settings(max_examples=250, deadline=None)
@given(st.one_of(st.text(), phrasey), st.integers(-5, 400), st.integers(-5, 400))
def test_stance_toward_any_span_of_any_text(text, a, b):
    m = stance_toward(text, a, b)
    assert -1.0 <= m.score <= 1.0 and m.label in LABELS
    assert 0 <= m.start <= m.end <= len(text)


ORDINARY = (
    "Russia has accused the US of violating the zones. The SDF, backed by Washington, captured "
    "oil fields. \"We will respond,\" the Kremlin said, but nobody believed it. "
)


def _timed(text: str) -> float:
    doc = Doc(text)
    doc.tokens  # the text layer is not what is measured here
    gc.collect()
    gc.disable()  # CPython's collector grows with the heap: not what is measured either
    try:
        start = time.process_time()
        analysis = analyze_actors(doc)
        elapsed = time.process_time() - start
    finally:
        gc.enable()
    assert all(-1 <= m.score <= 1 for m in analysis.stance.mentions)
    return elapsed


@pytest.mark.parametrize(
    "name, unit, repeat",
    [
        ("bangs", "!", 25_000),
        ("long word", "a", 25_000),
        ("quotes", '"', 25_000),
        ("parentheses", "((()))", 4_000),
        ("one giant sentence", "Russia warns US and Syria said the SDF attacked Iran, ", 300),
        ("quoted speakers", '"Russia said" the US warned. ', 500),
        ("negations", "not bad Russia ", 1_000),
    ],
)
def test_adversarial_inputs_run_in_linear_time(name, unit, repeat):
    text = unit * repeat
    ordinary = (ORDINARY * (len(text) // len(ORDINARY) + 1))[: len(text)]
    reference = _timed(ordinary)
    single = _timed(text)
    quadruple = _timed(text * 4)  # linear time: about 4x the time; quadratic would be 16x
    print(f"{name}: {single * 1000:.0f} ms, 4x input {quadruple * 1000:.0f} ms, ordinary {reference * 1000:.0f} ms")
    assert quadruple < 8 * single + 0.2, (name, single, quadruple)
    assert single < 20 * reference + 0.5, (name, single, reference)


# -- validation -------------------------------------------------------------------------------


def test_validation_on_newsmtsc(eval_dir):
    from discourse.validation.stance import validate_stance

    frame = validate_stance(eval_dir)
    table = {(row.split, row.method): row for row in frame.itertuples()}
    assert table[("rw", "vader_sentence")].n == 343 and table[("mt", "vader_sentence")].n == 442
    baseline_rw = table[("rw", "vader_sentence")].macro_f1
    assert 0.48 <= baseline_rw <= 0.54  # the README's "about 0.51"
    ours_rw = table[("rw", "discourse_stance")].macro_f1
    ours_mt = table[("mt", "discourse_stance")].macro_f1
    assert ours_rw >= baseline_rw + 0.05
    assert ours_mt > table[("mt", "vader_sentence")].macro_f1
    assert table[("rw", "discourse_stance")].accuracy > table[("rw", "vader_sentence")].accuracy
    # Rule settings chosen on rw do not carry over to mt (0.527 against VADER's 0.528 since the
    # registry grew); the fitted model, chosen by cross-validation on the training set and not
    # on either dev split, does better on mt than both.
    held_out = table[("mt", "discourse_stance_tuned_on_other_split")]
    fitted_mt = table[("mt", "discourse_stance_fitted")].macro_f1
    assert "chosen on rw" in held_out.note
    assert fitted_mt > held_out.macro_f1 and fitted_mt > table[("mt", "vader_sentence")].macro_f1
    assert ours_rw < 0.83  # honest: well below the best published neural model
