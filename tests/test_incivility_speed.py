"""The incivility scorer's fast path gives exactly the scores and spans of the explicit one.

Two checks:

- a property test: the fast path's weighted context features (:mod:`discourse.incivility.scorer`)
  are exactly those of :func:`~discourse.incivility.features.context_features` filtered through
  the weight table, in the same order (so every float sum is the same);
- a stored reference: the SHA-256 of the ``repr`` of every probability and span of ~2,000 texts
  (the seed, a seeded synthetic corpus and edge cases), computed with the implementation before
  the fast path (commit f223ff3) for the bundled weight file. A refit changes the weight file,
  and an edit of a lexicon the features read (``features.LEXICON_FILES``) or of the seed changes
  the outputs; then recompute the reference with that commit's scorer (``git archive f223ff3``,
  the new weights and lexicons copied in, :func:`outputs_sha256`) and record why.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.incivility import IncivilityAnalyzer, load_weights
from discourse.incivility.features import context_features
from discourse.incivility.scorer import ContextTables, weighted_context
from discourse.incivility.tokens import split_words

# weight file SHA-256 -> SHA-256 of the outputs of the reference texts (see the module docstring)
REFERENCE = {
    "677d8c0f2444f012d5325550e3d2d387716431fb2f5de2a5233a70d03b22ee7b": (
        "2d9befd02398599b4265100e06f58fa4e17dff08e63c9e128b7d78b524a6611c",
        4146,
    ),
}

# words with weighted pairs, negators, reporting verbs, phrase starts, group nouns, insults
_WORDS = (
    "you are an idiot not never no the word called said they them go back muslims vermin "
    "stupid moron people of out here these those and but is a i shut up fuck f*ck idiots"
).split()


def reference_texts() -> list[str]:
    from discourse.datasets import load_seed, synthetic_corpus

    seed = load_seed()
    threads = [seed] if hasattr(seed, "units") else list(seed)
    threads += list(synthetic_corpus(2000, comments_per_thread=100, seed=16))
    texts = [text for thread in threads for _, _, text in thread.units()]
    texts += [
        "You're a stuuupid f*ck, muzz1e!",
        "what a s t u p i d idea",
        "a s t u p i d man",
        "You are NOT an idiot, but you are a moron.",
        "he called them animals",
        'She said "you idiot" to him.',
        "Send them back",
        "Go back, @bob!!",
        "",
        "   ",
        "f&ck FN fin sh#t a$$ s#!t",
        "I I I x y z",
        "Muslims are vermin and should all be deported, they are animals.",
        "never a stupid idea, not the word idiots",
        "These people, those IDIOTS, they are not human; go back where you came from",
    ]
    return texts


def outputs_sha256(analyzer_factory) -> tuple[str, int]:
    """SHA-256 of the reprs of the probabilities and spans of the reference texts, analysed
    with every span setting."""
    rows = []
    for spans in (True, "flagged"):
        analyzer = analyzer_factory(spans)
        for text in reference_texts():
            r = analyzer.analyze(text)
            spans_repr = [
                [s.start, s.end, s.kind, repr(s.probability), repr(s.incivility), repr(s.intolerance)]
                for s in r.spans
            ]
            rows.append([repr(r.incivility), repr(r.intolerance)] + spans_repr)
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest(), len(rows)


def test_outputs_equal_the_reference_implementation():
    sha = load_weights().sha256
    if sha not in REFERENCE:
        pytest.fail(
            f"no reference outputs for weight file {sha[:12]}: recompute them with the scorer of "
            "commit f223ff3 and the new weights (see this module's docstring)"
        )
    assert outputs_sha256(lambda spans: IncivilityAnalyzer(spans=spans)) == REFERENCE[sha]


def _slow_path(text: str, joint) -> tuple[list[str], list[tuple[float, float, float]]]:
    """What the scorer summed before the fast path: every context occurrence, each name once
    in first-occurrence order, filtered through the weight table."""
    scopes, extras = context_features(split_words(text))
    names = dict.fromkeys(name for name, _, _ in extras)
    return scopes, [joint[name] for name in names if name in joint]


_TEXTS = st.lists(
    st.one_of(st.sampled_from(_WORDS), st.sampled_from([",", ".", " ", '"', "\u201c", ";", "!", "\n"])),
    max_size=40,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_weighted_context_equals_filtered_context_features(text):
    analyzer = IncivilityAnalyzer()
    analyzer._setup()
    tables = analyzer.tables_
    assert weighted_context(split_words(text), tables) == _slow_path(text, tables.joint)


def test_weighted_context_on_a_small_table():
    tables = ContextTables.build(
        {
            "b:NEG_not an": (0.25, 0.0, 0.0),
            "w:NEG_idiot": (-1.0, 0.0, 0.0),
            "b:an idiot": (2.0, 0.0, 0.0),
            "b:you idiot": (1.0, 0.0, 0.0),
            "x:you_attack": (0.5, 0.0, 0.0),
        }
    )
    # the negated pair and word, not the plain pair; nothing across the comma
    assert weighted_context(split_words("not an idiot"), tables)[1] == [(0.25, 0.0, 0.0), (-1.0, 0.0, 0.0)]
    assert weighted_context(split_words("an idiot"), tables)[1] == [(2.0, 0.0, 0.0)]
    assert weighted_context(split_words("you, idiot"), tables)[1] == [(0.5, 0.0, 0.0)]
    # a repeated pair counts once
    assert weighted_context(split_words("you idiot you idiot"), tables)[1] == [(1.0, 0.0, 0.0), (0.5, 0.0, 0.0)]
