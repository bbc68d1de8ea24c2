"""The fitted stance model's fast path gives exactly the reference path's numbers and terms."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.actors import default_registry
from discourse.actors.context import DocContext
from discourse.actors.stance import StanceAnalyzer
from discourse.actors.stance_model import default_model, mention_hits, score_in_context
from discourse.actors.stance_scoring import WordRows, score_mention
from discourse.actors.stance_features import sentence_facts, target_features
from discourse.datasets import load_seed
from discourse.datasets.synthetic import synthetic_corpus
from discourse.text import Doc

RULES = StanceAnalyzer(method="rules", irony=False)

EDGE_CASES = [
    "Critics slammed Smith.",
    "The brutal dictator Assad's lies were exposed by reporters, but Russia's army won.",
    '"They lied to us," Putin said of the US, while Iran\'s leaders praised Syria.',
    "Was Russia attacked by Ukraine? Not really, said NATO.",
    "He did not win; Trump could have won (the Democrats said) - but Biden won!!!",
    "Russia " * 150 + "is bad.",  # a giant sentence (sparse windows)
    "Why does China not help Iran and Russia and Syria and Turkey and Israel and Egypt?",
    "",
]


def _check(text: str) -> int:
    """Every mention of `text`: fast path == reference path (label, score, raw, terms in order)."""
    model = default_model()
    ctx = DocContext(Doc(text), default_registry())
    checked = 0
    for si, mentions in ctx.by_sentence.items():
        scan = ctx.scan(si)
        for mention in mentions:
            cues = RULES._rules_score(ctx, scan, mention, 0, 0).cues
            reference = model.predict_spans(mention_hits(ctx, scan, mention, cues, model.settings))
            fast = score_in_context(model, ctx, scan, mention, cues)
            assert fast[:3] == reference[:3]  # bit-identical floats (same additions, same order)
            assert list(fast[3].items()) == list(reference[3].items())  # same spans, order, names
            checked += 1
    return checked


@pytest.mark.parametrize("text", EDGE_CASES)
def test_fast_path_equals_reference_on_edge_cases(text):
    _check(text)


def test_fast_path_equals_reference_on_seed_and_synthetic_comments():
    texts = [text for _, _, text in load_seed().units()]
    texts += [text for thread in synthetic_corpus(2, comments_per_thread=60, seed=3) for _, _, text in thread.units()]
    assert sum(_check(text) for text in texts) > 300


PHRASES = ["Russia", "the US", "Putin's", "accused", "said", '"', "not", "but", "could", "regime", "by",
           "was attacked", "?", "!", ",", ";", "(", ")", "-", "great", "terrible", "he", "Smith", "\n"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PHRASES), max_size=40).map(" ".join))
def test_fast_path_equals_reference_on_any_text(text):
    _check(text)


def test_any_target_span_without_registry_mentions():
    doc = Doc("The disgraced former senator Smith's lies were exposed by reporters.")
    model = default_model()
    facts = sentence_facts(doc, 0)
    rows = WordRows(model.weights).rows(facts)
    for t0 in range(len(doc.tokens)):
        for t1 in range(t0 + 1, min(len(doc.tokens), t0 + 3) + 1):
            hits = target_features(doc, 0, t0, t1, settings=model.settings, facts=facts)
            assert score_mention(model, doc, facts, rows, t0, t1) == model.predict_spans(hits)[:4]


def test_irony_still_flips_through_the_reference_path():
    text = "Ah, Russia wants peace and is a great friend! /s"
    fitted = StanceAnalyzer().analyze(text).mentions[0]
    plain = StanceAnalyzer(irony=False).analyze(text).mentions[0]
    assert fitted.irony and not plain.irony
    assert fitted.raw < plain.raw and any("(irony)" in c.note for c in fitted.cues)
