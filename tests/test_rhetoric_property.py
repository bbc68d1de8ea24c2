"""Property tests: any Unicode string gives a valid, deterministic rhetorical result."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discourse.errors import LexiconError
from discourse.lexicons.dic import TermMatcher, parse_dic
from discourse.rhetoric import FEATURE_NAMES, RECORD_COLUMNS, RhetoricAnalyzer, rhetorical_features
from discourse.text import Doc

# Text that reaches the detectors: words, capitals, quotes, masks, punctuation runs, emoji, RTL
# letters, combining marks, control characters and NUL, mixed with arbitrary Unicode.
_PIECES = st.sampled_from(
    [
        "We", "they", "US", "NOT", "KILL THE WHITES", "f**k", "F'n", "sh*t", "s#!t", "a$$",
        "'", '"', "\u201c", "\u201d", "'Saint'", '"secret"', "...", "\u2026", "!!!", "?", "?!",
        "(", ")", ":", ",", ".", "\n", "\n\n", " ", "about", "100", "3%", "kind of", "not",
        "sure", "Why?", "Because", "no, no", "Jews", "curse", "wake up", "deep state", "you",
        "idiot", "\U0001f600", "\u05e9\u05dc\u05d5\u05dd", "e\u0301", "\x00", "\x07", "\u200b",
        "\ufeff", "\r\n", "ǅ", "İ", "ß", "ﬁ",
    ]
)
TEXTS = st.one_of(
    st.text(),
    st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=40).map(" ".join),
    st.lists(_PIECES, max_size=40).map("".join),
)


def _check(text: str, result) -> None:
    assert result.text == text
    assert result.names == FEATURE_NAMES
    for record in result.to_records():
        assert list(record) == list(RECORD_COLUMNS)
        assert record["count"] >= 0 and record["count"] == len(record["evidence"])
        assert math.isfinite(record["rate_per_1000"]) and record["rate_per_1000"] >= 0
        if record["score"] is not None:
            assert math.isfinite(record["score"]) and record["score"] >= 0
        if record["feature"] == "us_vs_them":
            assert 0.0 <= record["score"] <= 1.0
        for ev in record["evidence"]:
            assert 0 <= ev["start"] < ev["end"] <= len(text)
            assert text[ev["start"] : ev["end"]] == ev["surface"]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_rhetorical_features_any_text(text):
    first = rhetorical_features(text)
    _check(text, first)
    again = RhetoricAnalyzer().analyze(Doc(text))  # a fresh Doc: no shared cache
    assert again.to_records() == first.to_records()


@settings(max_examples=250, deadline=None)
@given(st.text())
def test_rhetorical_features_plain_unicode(text):
    _check(text, rhetorical_features(text))


@settings(max_examples=250, deadline=None)
@given(st.text(max_size=300))
def test_parse_dic_any_text_gives_a_dictionary_or_a_lexicon_error(text):
    try:
        d = parse_dic(text, name="fuzz")
    except LexiconError as exc:
        assert str(exc).startswith("fuzz")
        return
    hits = d.apply("some text with words, good and bad")
    assert set(hits) == set(d.categories)
    for spans in hits.values():
        assert all(0 <= a < b for a, b in spans)


@settings(max_examples=250, deadline=None)
@given(
    st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=12),
    st.lists(st.sampled_from(["a", "b", "ab", "abc", "the", "c"]), max_size=30),
)
def test_term_matcher_matches_are_in_range_and_exact(terms, words):
    matcher = TermMatcher((t, i) for i, t in enumerate(terms + ["a b", "ab*"]))
    for start, stop, payload in matcher.match(words):
        assert 0 <= start < stop <= len(words)
        assert isinstance(payload, int)


# -- shortcuts must agree with the definitions they stand in for ------------------------------

_SPACED_SENTENCES = st.lists(
    st.sampled_from(
        [
            "It was all about the oil.", "it  was all\nabout the OIL.", "It was all about the oil .",
            "No.", "Why?", "WE SAID NO!", "\u00a0It was all about the oil.", "It was\u2003all about the oil.",
            "Ok\x1c it was all about the oil.", "\n\n", " ", "\t",
        ]
    ),
    max_size=8,
).map(" ".join)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXTS, _SPACED_SENTENCES))
def test_context_shortcuts_agree_with_doc(text):
    """Context.n_words/word_index and the duplicate-sentence precheck match Doc's definitions."""
    from discourse.rhetoric import structure
    from discourse.rhetoric.rules import Context

    doc = Doc(text)
    ctx = Context(doc)
    assert ctx.n_words == doc.n_words
    assert [doc.tokens[i] for i in ctx.word_index] == list(doc.words)
    expected = [(a.start, a.end) for a, _ in doc.duplicate_sentences]
    assert structure.duplicate_sentences(ctx) == expected


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.sampled_from(["ÉCOLE", "DONʼT", "A-B-C", "中国NOT", "\u201cUS"])), max_size=30).map(" ".join))
def test_shouting_candidates_cover_every_shouted_word(text):
    """The byte-shape prefilter never loses a word that the full shouted-word test accepts."""
    from discourse.rhetoric import structure
    from discourse.rhetoric.engine import get_engine
    from discourse.rhetoric.rules import Context

    engine = get_engine()
    ctx = Context(Doc(text))
    every = {
        i
        for i, token in enumerate(ctx.tokens)
        if token.kind == "word" and len(token.text) >= 3
        and structure._is_shout(ctx, i, engine.acronyms, engine.english)
    }
    assert structure._shouted_words(ctx, engine.acronyms, engine.english) == every
