"""The fitted stance model's fast path gives exactly the reference path's numbers and terms."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.actors import default_registry
from discourse.actors.context import DocContext
from discourse.actors.stance import StanceAnalyzer
from discourse.actors.stance_model import TargetSentimentModel, default_model, mention_hits, score_in_context
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


def _check(text: str, model: TargetSentimentModel | None = None) -> int:
    """Every mention of `text`: fast path == reference path (label, score, raw, terms in order)."""
    model = model or default_model()
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


def test_fast_path_equals_reference_with_every_insult_relation_weighted():
    # The shipped file may not weigh every ``ins|`` relation: a copy that weighs all of them (and
    # a word with no other weight) exercises every branch of the fast path.
    data = dict(default_model().data)
    weights = dict(data["weights"])
    for n, prefix in enumerate(("c", "co", "cq", "cqo", "x", "xo", "xq", "xqo")):
        weights[f"ins|{prefix}"] = [0.5 + n / 10, 0.1, -0.4]
    weights = {k: v for k, v in weights.items() if not k.endswith("|thug")}
    model = TargetSentimentModel({**data, "weights": weights})
    texts = ["Putin is a thug, but Trump is not stupid.", "The clown Trump said \"Obama is an idiot\" today.",
             "Russia, the thug, and the idiots in Congress (stupid morons) lied to Iran; they're clowns."]
    assert sum(_check(text, model) for text in texts) >= 6
    hits = [h.name for h in target_features(Doc(texts[0]), 0, 0, 1)]
    assert "ins|c" in hits and "ins|x" not in hits  # "not stupid" is not an insult


def test_pickled_model_drops_the_lookup_tables_and_scores_the_same():
    import pickle

    analyzer = StanceAnalyzer()
    first = analyzer.analyze("Critics slammed Putin, the thug.").mentions
    assert "word_rows_" in analyzer._model().__dict__
    copy = pickle.loads(pickle.dumps(analyzer))
    assert "word_rows_" not in copy._model().__dict__
    assert copy.analyze("Critics slammed Putin, the thug.").mentions == first


def _plain_facts_columns(doc: Doc, facts) -> dict[str, tuple]:
    """The per-token columns of `facts` computed token by token from their definitions (the
    reference for sentence_facts, which derives them from per-word-type columns with loops over
    the rare tokens only)."""
    from discourse.actors.stance_features import _token_info

    tokens = doc.tokens[facts.first:facts.stop]
    infos = [_token_info(t) for t in tokens]
    words = tuple(info.word for info in infos)
    # Clause, quotation, scope and passive in one walk over the tokens, reading punctuation in
    # the Doc's normalised text.
    clause, quoted, scope, passive = [], [], [], []
    number, inside, clause_start, last_negator, last_modal, last_kept = 0, False, 0, -4, -4, -1
    for i, (t, info) in enumerate(zip(tokens, infos)):
        mark = doc.norm[t.start:t.end] if t.kind == "punct" else ""
        if '"' in mark:
            inside = not inside
            quoted.append(False)
        else:
            if t.lower in ("but", "while", "whereas", "although", "though", "however", "yet", "who", "which",
                           "whom", "whose", "because", "since", "unless") or mark[:1] in tuple(";:()[]-"):
                number += 1
                clause_start = i
            quoted.append(inside)
        clause.append(number)
        low = max(i - 3, clause_start)
        scope.append("" if not info.word else "~" if last_negator >= low else "?" if last_modal >= low else "")
        passive.append(info.verb and info.passive_tag and last_kept >= 0 and infos[last_kept].be)
        last_negator = i if info.negator else last_negator
        last_modal = i if info.modal else last_modal
        last_kept = last_kept if info.skip_back else i
    suffix = tuple(f"|{mark}{w}" if w else "" for w, mark in zip(words, scope))
    proper = tuple(k > 0 and info.proper for k, info in enumerate(infos))
    return {
        "clause": tuple(clause),
        "quoted": tuple(quoted),
        "scope": tuple(scope),
        "passive": tuple(passive),
        "words": words,
        "verb": tuple(info.verb for info in infos),
        "modifier": tuple(info.modifier for info in infos),
        "proper": proper,
        "proper_at": tuple(k for k, p in enumerate(proper) if p),
        "suffix": suffix,
        "bag": tuple("s" + tail if tail else "" for tail in suffix),
        "insult": tuple(info.insult and mark != "~" for info, mark in zip(infos, scope)),
        "spans": tuple((t.start, t.end) for t in tokens),
    }


FACTS_TEXTS = EDGE_CASES + [
    "Trump is not a clown but could be an idiot; Putin, the thug, would never lie.",  # scopes, insults
    "Biden is a clown and an idiot.",  # insults outside any scope
    "Nothing. Never! Cannot? Would.",  # negators and modals with nothing after them
    "Smith Jones met Brown in Paris, then NATO and the U.S. said \"no\".",  # names, capitals, quotes
    "\u201cHe was reportedly not accused,\u201d she said \u2014 it could not be; they'd never (ever) won.",
    'He said "they were attacked" and "we were not also beaten" but "the" was "quoted.',  # odd quote count
]


@pytest.mark.parametrize("text", FACTS_TEXTS)
def test_sentence_facts_columns_equal_their_token_by_token_definitions(text):
    doc = Doc(text)
    for si in range(len(doc.sentence_token_ranges)):
        facts = sentence_facts(doc, si)
        for name, expected in _plain_facts_columns(doc, facts).items():
            got = getattr(facts, name)
            assert got == expected, name
            assert [type(x) for x in got] == [type(x) for x in expected], name  # bools stay bools


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PHRASES + ["idiot", "never", "would", "Jones", "was", "accused", "reportedly",
                                           "\u201c", "\u2014", "who"]), max_size=40).map(" ".join))
def test_sentence_facts_columns_on_any_text(text):
    test_sentence_facts_columns_equal_their_token_by_token_definitions(text)
