"""Issue 9, part 1: every public text function on any Unicode string.

Each test runs 250 generated examples (``max_examples=250``; ``analyze()`` itself 100, see
its test; CI shows the count per test with ``pytest --hypothesis-show-statistics``) plus
explicit edge cases. Properties: no exception; scores in their documented ranges; spans inside
the text and slicing to the reported surface; the same input gives the same output (computed
again on a fresh ``Doc``, so no cache can hide a difference).

These tests fill the gaps left by the modules' own property tests (see the table in
docs/guide/reliability.md): ``tests/test_text.py`` covers ``Doc`` sentences/tokens and
``clean`` idempotence, ``tests/test_sentiment_properties.py`` draws the method at random (about
83 examples per method), ``tests/test_rhetoric_property.py`` covers ``rhetorical_features``.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import discourse.actors.analyzer as actor_analysis
import discourse.actors as actors
import discourse.stance as stance_module
from discourse.actors.assertion import REASONS
from discourse.pipeline.analysis import Analysis, analyze
from discourse.model import Article, Comment, Span, Thread
from discourse.sentiment import DEFAULT_THRESHOLDS, label_for, sentence_sentiments, sentiment
from discourse.sentiment.vader import _tables as _vader_tables
from discourse.text import TOKEN_KINDS, Doc, as_doc, clean, normalize, repair, split_sentences, tokenize

SETTINGS = settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

# -- the input space ---------------------------------------------------------------------------
# Any code point except lone surrogates (not valid text), NUL and control characters included;
# plus the characters that break naive code, drawn often: C0/C1 controls and NUL, line and
# paragraph separators, zero-width and bidi controls, Hebrew/Arabic letters, combining marks,
# emoji with skin tones, joiners and flags, curly and straight quotes, case-changing letters
# (İ, ß, ﬁ, ǅ) and the punctuation the sentence splitter looks at.
ANY_CHAR = st.characters(blacklist_categories=("Cs",))
ODD = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x1c\x1f\x7f\x85\x9f\u2028\u2029\u200b\u200c\u200d\u2060\ufeff"
    "\u202a\u202e\u2066\u2069\u061c\u200f\u05d0\u05e9\u05dc\u0645\u0627\u0644\u0301\u0308\u0327"
    "\u20dd\u0e33\U0001f600\U0001f44d\U0001f3fd\u2764\ufe0f\U0001f494\U0001f1fa\U0001f1f8"
    "\u201c\u201d\u2018\u2019\u00ab\u00bb'\"()[]{}!?.\u2026,;:-\u2013\u2014/@#*&<>%$\t\r\n "
    "\u00a0\u3000\u0130\u00df\ufb01\u01c5\u03a3\ufffd"
)
WHITESPACE = " \t\n\r\x0b\x0c\x1c\x85\u00a0\u1680\u2000\u2028\u2029\u202f\u3000\u200b\ufeff"
# Words that reach the detectors: actors and their aliases, stance and sentiment cues, speech
# verbs, negators, intensifiers, shouting, masks, quotes, HTML remnants, URLs.
WORDS = [
    "the", "US", "U.S.", "u.s.", "USA", "us", "Russia", "Russia's", "Russians", "Kremlin",
    "Assad", "Assad regime", "Damascus", "SDF", "US-backed", "Syrian Army", "ISIS", "Iran",
    "Israel", "Pentagon", "Washington", "said", "says", "accused", "praised", "warned",
    "according to", "claimed", "told", "not", "never", "no", "very", "kind of", "but", "however",
    "good", "bad", "great", "terrible", "lied", "liberated", "illegal seizure", "regime", "proxy",
    "terrorists", "kill", "WAKE UP", "KILL THE WHITES", "f**k", "F'n", "idiot", "we", "they",
    "them", "deep state", "Why?", "!!!", "?!", "...", "\u2026", ":)", ":(", '"', "'", "\u201c",
    "\u201d", "(", ")", "Mr.", "Col.", "e.g.", "9/22/17", "$3.5", "50%", "<br>", "&amp;", "&nbsp;",
    "<b>", "http://x.org/a?b=1", "www.zerohedge.com", "a@b.co", "title:What", "sometimesFor",
    "degree.It", "END-OF-SENTENCE", "\n\n", "\r\n",
    # names that reach the derived forms of an alias (rules "surname", "titled surname", "partial
    # name", "bare institution", "foreign institution", misspelt names, titles left out of a span)
    "John Kerry", "Kerry", "Obama", "Senate", "Congress", "Peru's", "Canada", "Foreign Office",
    "Ministry of Defence", "Foreign Ministry", "Sen.", "Sanders", "Bernie Sanders", "Hilary Clinton",
    "President Moon", "Moon", "Ban Ki-moon", "Bill Clinton", "Bill", "Navy", "White House", "Liberals",
    "PENTAGON", "RUSSIA",
]
TEXTS = st.one_of(
    st.text(ANY_CHAR, max_size=300),
    st.text(st.sampled_from(ODD), max_size=80),
    st.text(st.sampled_from(WHITESPACE), max_size=20),
    st.lists(
        st.one_of(st.sampled_from(WORDS), st.text(st.sampled_from(ODD), max_size=3), st.text(ANY_CHAR, max_size=4)),
        max_size=40,
    ).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD)), max_size=40).map("".join),
)
EDGE_CASES = [
    "",
    "RUSSIA PENTAGON",  # once gave ('russia_government', alias 'Pentagon')
    "the Foreign Office said",  # once a span of "Office" alone
    "BAN KI-moonKi-moon",  # a hyphenated given name ("Ki-moon") is one word of the name
    " ",
    "\n\n\t ",
    "\x00",
    "\x00" * 5 + "US\x00said",
    "\U0001f600\U0001f44d\U0001f3fd\u200d",
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "e\u0301\u0301\u0308",
    "\u202eRussia\u202c said the US lied.",
    '"""',
    "(((((US)))))",
]


def edge_cases(test):
    """Add the explicit edge cases (run before the generated examples)."""
    for text in reversed(EDGE_CASES):
        test = example(text)(test)
    return test


def _inside(text: str, start: int, end: int) -> bool:
    return 0 <= start <= end <= len(text)


# -- discourse.text ----------------------------------------------------------------------------

_C0 = {chr(c) for c in list(range(0, 32)) + [127]} - {"\t", "\n"}


@SETTINGS
@given(TEXTS)
@edge_cases
def test_normalize_keeps_offsets(text):
    norm = normalize(text)
    assert len(norm) == len(text)
    assert normalize(norm) == norm  # idempotent
    assert not (_C0 & set(norm))  # C0 controls and DEL (NUL included) become spaces
    for a, b in zip(text, norm):
        assert a == b or b in " '\"-\n"  # only mapped to a space, quote, hyphen or line break
    assert normalize(text) == norm


@SETTINGS
@given(TEXTS)
@edge_cases
def test_clean_output_is_tidy(text):
    out = clean(text)
    assert isinstance(out, str)
    assert all(ch in "\n\t" or unicodedata.category(ch) != "Cc" for ch in out)
    assert unicodedata.is_normalized("NFC", out)
    assert out == out.strip()
    assert "  " not in out and "\t\t" not in out and "\n\n\n" not in out and "\r" not in out
    assert clean(text) == out


@SETTINGS
@given(TEXTS)
@edge_cases
def test_split_sentences_loses_nothing(text):
    spans = split_sentences(text)
    norm = normalize(text)
    previous = 0
    for span in spans:
        assert isinstance(span, Span) and span.label == "sentence"
        assert previous <= span.start < span.end <= len(text)
        assert not norm[span.start].isspace() and not norm[span.end - 1].isspace()
        # between sentences there is only white space: no character is silently dropped
        assert not norm[previous : span.start].strip()
        previous = span.end
    assert not norm[previous:].strip()
    assert split_sentences(text) == spans
    assert tuple(spans) == Doc(text).sentences


@SETTINGS
@given(TEXTS)
@edge_cases
def test_tokenize_covers_every_visible_character(text):
    tokens = tokenize(text)
    doc = Doc(text)
    lower = doc.lower
    previous = 0
    for token in tokens:
        assert previous <= token.start < token.end <= len(text)
        assert text[token.start : token.end] == token.text
        assert lower[token.start : token.end] == token.lower
        assert token.kind in TOKEN_KINDS
        assert not doc.norm[previous : token.start].strip()  # only white space between tokens
        previous = token.end
    assert not doc.norm[previous:].strip()
    # no token crosses a sentence boundary
    starts = {s.start for s in doc.sentences}
    for token in tokens:
        assert not any(token.start < s < token.end for s in starts)
    assert tokenize(text) == tokens


@SETTINGS
@given(TEXTS)
@edge_cases
def test_repair_only_inserts_spaces(text):
    repaired = repair(text)
    # walking both strings: every extra character of the display copy is an inserted space
    i = 0
    inserted = 0
    for ch in repaired:
        if i < len(text) and text[i] == ch:
            i += 1
        else:
            assert ch == " "
            inserted += 1
    assert i == len(text)
    glued = sum(1 for s in Doc(text).sentences[1:] if not text[s.start - 1].isspace())
    assert inserted == glued
    assert repair(text) == repaired


@SETTINGS
@given(TEXTS)
@edge_cases
def test_doc_views_are_consistent(text):
    doc = Doc(text)
    sentences, tokens = doc.sentences, doc.tokens
    assert len(doc.sentence_token_ranges) == len(sentences)
    for index, (span, (first, stop)) in enumerate(zip(sentences, doc.sentence_token_ranges)):
        for token in doc.sentence_tokens(index):
            assert span.start <= token.start < token.end <= span.end
        assert doc.sentence_of(span.start) == index and doc.sentence_of(span.end - 1) == index
    assert doc.words == tuple(t for t in tokens if t.kind in ("word", "number", "acronym"))
    assert doc.n_words == len(doc.words)
    for repeat, first in doc.duplicate_sentences:
        assert first.end <= repeat.start
        assert " ".join(doc.lower[repeat.start : repeat.end].split()) == " ".join(
            doc.lower[first.start : first.end].split()
        )
    for paragraph in doc.paragraphs:
        assert _inside(text, paragraph.start, paragraph.end)
    assert doc.sentence_of(len(text)) is None
    assert repr(doc).startswith("Doc(")
    same = as_doc(text)
    assert same.sentences == sentences and same.tokens == tokens


# -- discourse.sentiment -----------------------------------------------------------------------

_FIELD_RANGES = {
    "vader": {"compound": (-1, 1), "pos": (0, 1), "neu": (0, 1), "neg": (0, 1)},
    "textblob": {"polarity": (-1, 1), "subjectivity": (0, 1)},
    "news": {"adjusted_compound": (-1, 1), "adjusted_pos_minus_neg": (-1, 1), "polarity": (-1, 1),
             "contrast": (0, 1), "predicted_mean": (-4, 4)},
}


def _in_order(phrase: str, surface: str) -> bool:
    """The phrase's characters (white space aside) occur in order in the surface, starting at
    its first character: TextBlob's chunks are its tokens joined by spaces ("not very good",
    "great !", ":[" for ": ["), and it drops some punctuation inside a chunk ("idiot !" for "IDIOT:!")."""
    needle = "".join(phrase.split())
    haystack = "".join(normalize(surface).lower().split())
    if not needle or not haystack.startswith(needle[0]):
        return False
    rest = iter(haystack)
    return all(ch in rest for ch in needle)


def _cue_matches(cue: str, surface: str, method: str) -> bool:
    """A cue's span shows its word: VADER's word (or an emoji whose description holds it),
    TextBlob's chunk ("not very good", "great !"); news cues are prefixed by their source."""
    if method == "news":
        method, cue = cue.split(":", 1)
    if method == "irony":  # a marker of discourse.irony's list (its span, or the ironic words it covers)
        from discourse.irony import _markers

        return cue in _markers().kinds or cue in ("quotes", "so-called")
    if method == "textblob":
        return _in_order(cue, surface)
    return surface.lower() == cue or any(ch in _vader_tables().emoji for ch in surface)


def _check_sentiment(text: str, result, method: str, span: Span | None = None) -> None:
    assert result.method == method
    assert math.isfinite(result.score) and -1.0 <= result.score <= 1.0
    assert result.label == label_for(result.score, DEFAULT_THRESHOLDS[method])
    ranges = _FIELD_RANGES[method]
    assert set(result.fields) == set(ranges)
    for name, value in result.fields.items():
        low, high = ranges[name]
        assert math.isfinite(value) and low <= value <= high, (name, value)
    low, high = (span.start, span.end) if span is not None else (0, len(text))
    for cue in result.cues:
        assert low <= cue.start < cue.end <= high, cue
        assert math.isfinite(cue.value)
        assert _cue_matches(cue.cue, text[cue.start : cue.end], method), cue
    assert [c.start for c in result.cues] == sorted(c.start for c in result.cues)
    for row in result.to_records():
        assert math.isfinite(row["value"])


@pytest.mark.parametrize("method", ["vader", "textblob", "news"])
@SETTINGS
@given(text=TEXTS)
@edge_cases
def test_sentiment_each_method(method, text):
    result = sentiment(text, method=method)
    _check_sentiment(text, result, method)
    assert sentiment(Doc(text), method=method) == result  # fresh Doc: no cache involved


@pytest.mark.parametrize("method", ["vader", "textblob", "news"])
@SETTINGS
@given(text=TEXTS)
@edge_cases
def test_sentence_sentiments_each_method(method, text):
    profile = sentence_sentiments(text, method=method)
    doc = Doc(text)
    assert tuple(r.span for r in profile.sentences) == doc.sentences
    for result in profile.sentences:
        _check_sentiment(text, result, method, result.span)
    rows = profile.to_records()
    assert all(math.isfinite(row["value"]) for row in rows)
    assert sentence_sentiments(doc, method=method) == profile


# -- discourse.actors and the stance front door ------------------------------------------------

def _alias_key(text: str) -> str:
    """An alias or surface compared without case, spacing, hyphens, curly quotes or accents
    (the matcher ignores accents: "UPÌ" is a mention of UPI)."""
    from discourse.actors.matching import fold_accents

    return " ".join(fold_accents(w) for w in re.sub(r"[\s\-]+", " ", normalize(text).lower()).strip().split(" "))


def _alias_of_actor(registry, m) -> bool:
    """The invariant "a mention's alias is its actor's" (docs/guide/actors.md, "Derived
    aliases"): the alias is

    - a written alias of the actor (misspelt names keep the registry's spelling), or
    - a derived alias of the actor (``registry.derived_aliases``: surname, two-word surname), or
    - for a person, one word of a written alias (rules "surname", "titled surname", "partial
      name": *Kerry*, *Moon* of *Moon Jae-in*, *Bill*), or
    - an institution word (``[bare_institutions]``, ``[institutions]``) given to an actor of a
      state (rules "bare institution", "foreign institution": *Senate* -> Canada's government).
    """
    from discourse.actors.rules import actor_rules

    actor = registry[m.actor_id]
    key = _alias_key(m.alias)
    written = {_alias_key(a.text) for a in actor.aliases}
    if key in written:
        return True
    if key in {_alias_key(a.text) for i, a in registry.derived_aliases if i == m.actor_id}:
        return True
    # one word of a written alias, a hyphenated word being one ("Ki-moon" of "Ban Ki-moon")
    if actor.kind == "person" and key in {_alias_key(w) for a in actor.aliases for w in normalize(a.text).split()}:
        return True
    rules = actor_rules()
    if key in {_alias_key(w) for w in (*rules.bare_institutions, *rules.institutions)}:
        return registry[registry.root(m.actor_id)].kind in ("country", "territory") or actor.country is not None
    return False


def _surface_fits(surface: str, alias: str, person: bool) -> bool:
    """The span's text (case, accents, hyphens and spacing aside) is the alias, the alias without a leading "the" or, for a person, without
    its leading titles ("President Moon" -> *Moon*; "Foreign Office" keeps *Foreign*), or the
    alias with one word misspelt (*Hilary Clinton*)."""
    from discourse.actors.rules import actor_rules

    s, a = _alias_key(surface).split(), _alias_key(alias).split()
    if "".join(s) == "".join(a):  # spacing aside: glued names ("DonaldTrump", "ZeroHedge")
        return True
    words = [_alias_key(w) for w in normalize(alias).split()]  # hyphenated titles kept whole
    titles = actor_rules().titles | {"the"} if person else {"the"}
    for k in range(1, len(words)):
        if all(w.replace(" ", "-").rstrip(".") in titles for w in words[:k]) and "".join(words[k:]).replace(" ", "") == "".join(s):
            return True
    return len(s) == len(a) > 1 and sum(x != y for x, y in zip(s, a)) == 1


def _check_mentions(text: str, mentions, doc: Doc) -> None:
    registry = actors.ActorRegistry.default()
    previous = 0
    for m in mentions:
        assert previous <= m.start < m.end <= len(text)  # in order, not overlapping
        previous = m.end
        assert m.actor_id in registry
        assert _alias_of_actor(registry, m), m
        assert m.form in actors.FORMS
        assert _surface_fits(m.surface(text), m.alias, registry[m.actor_id].kind == "person"), (m, m.surface(text))
        sentence = doc.sentences[m.sentence]
        assert sentence.start <= m.start and m.end <= sentence.end
        assert 0 <= m.token_start < m.token_end <= len(doc.tokens)
        assert doc.tokens[m.token_start].start <= m.start and m.end <= doc.tokens[m.token_end - 1].end


@SETTINGS
@given(TEXTS)
@edge_cases
def test_find_mentions(text):
    mentions = actors.find_mentions(text)
    _check_mentions(text, mentions, Doc(text))
    assert actors.find_mentions(Doc(text)) == mentions


def _check_fitted_mention(text: str, m, *, in_sentence: bool = True) -> None:
    """The fitted method's invariants: the rules' span checks, and raw = intercept + evidence."""
    from discourse.actors.stance_model import default_model

    assert _inside(text, m.start, m.end) and m.start < m.end
    assert _inside(text, m.sentence_start, m.sentence_end)
    if in_sentence:
        assert m.sentence_start <= m.start and m.end <= m.sentence_end
    assert math.isfinite(m.raw) and math.isfinite(m.score) and -1.0 <= m.score <= 1.0
    assert m.label in stance_module.LABELS and m.role in ("author", "reported", "speaker", *REASONS)
    if m.role in REASONS:  # a withheld call (discourse.actors.assertion): no score, one scope term saying why
        assert (m.score, m.label, m.source) == (0.0, "neutral", "author")
        scope = [c for c in m.cues if c.lexicon == "scope"]
        assert len(scope) == 1 and scope[0].term == f"({m.role})" and scope[0].contribution == 0.0, m.cues
    else:
        assert (m.raw > 0) == (m.score > 0) and (m.raw < 0) == (m.score < 0)  # P(pos) - P(neg) has the logit's sign
    if not m.cues and m.sentence_start == m.sentence_end:  # no sentence to read: the empty record
        assert (m.raw, m.score, m.label) == (0.0, 0.0, "neutral")
        return
    model = default_model()
    assert math.isclose(m.raw, model.intercept[2] - model.intercept[0] + sum(c.contribution for c in m.cues),
                        rel_tol=1e-9, abs_tol=1e-9)
    for c in m.cues:
        assert 0 <= c.start < c.end <= len(text), c
        if c.lexicon == "scope":  # (the withheld call's reason, checked above)
            continue
        assert c.lexicon == "stance_target_model" and c.weight == 1.0 and c.value == c.contribution
        if c.term == "(other words)":
            assert (c.start, c.end) == (m.sentence_start, m.sentence_end)
        elif c.term == "(target named)":  # the target's form (on the tokens read as the target)
            assert c.note == "t|<name>", c
        else:
            assert c.term == Doc(text).lower[c.start : c.end], c  # the words of the span, as the model read them


def _check_mention_stance(text: str, m, threshold: float = 0.05, *, in_sentence: bool = True) -> None:
    assert _inside(text, m.start, m.end) and m.start < m.end
    assert _inside(text, m.sentence_start, m.sentence_end)
    if in_sentence:  # an actor mention lies in its sentence (a free target span may not)
        assert m.sentence_start <= m.start and m.end <= m.sentence_end
    assert math.isfinite(m.raw) and math.isfinite(m.score) and -1.0 <= m.score <= 1.0
    assert (m.raw > 0) == (m.score > 0) and (m.raw < 0) == (m.score < 0)
    assert m.label in stance_module.LABELS
    assert m.label == ("positive" if m.score > threshold else "negative" if m.score < -threshold else "neutral")
    assert m.role in ("author", "reported", "speaker")
    assert math.isclose(m.raw, sum(c.contribution for c in m.cues), rel_tol=1e-9, abs_tol=1e-9)
    for c in m.cues:
        assert 0 <= c.start < c.end <= len(text), c
        # the span shows the cue: "accus*" -> "accused", "illegal seizure", "damage" in "low-damage"
        surface, term = _alias_key(text[c.start : c.end]), _alias_key(c.term.replace("*", ""))
        assert surface.startswith(term.split(" ")[0]), (c, text[c.start : c.end])
        assert math.isfinite(c.value) and 0.0 <= c.weight <= 1.0
        assert math.isclose(c.contribution, c.value * c.weight, rel_tol=1e-9, abs_tol=1e-12)


@SETTINGS
@given(TEXTS)
@edge_cases
def test_stance(text):
    doc = Doc(text)
    mentions = actors.find_mentions(doc)
    for m in stance_module.stance(text, method="fitted").mentions:  # the default method
        _check_fitted_mention(text, m)
    result = stance_module.stance(text, method="rules")
    assert [(m.start, m.end, m.actor) for m in result.mentions] == [(m.start, m.end, m.actor_id) for m in mentions]
    for m in result.mentions:
        _check_mention_stance(text, m, result.threshold)
    for level in ("unit", "sentence", "mention", "evidence"):
        for row in result.to_records(level):
            if "score" in row:
                assert -1.0 <= row["score"] <= 1.0
            for start, end in (("start", "end"), ("mention_start", "mention_end"), ("sentence_start", "sentence_end")):
                if start in row:
                    assert _inside(text, row[start], row[end])
    assert stance_module.stance(doc, method="rules") == result
    assert stance_module.stance(doc) == stance_module.stance(text)


@SETTINGS
@given(TEXTS, st.integers(0, 10**6), st.integers(0, 10**6))
@example("", 0, 0)
@example("\x00", 0, 0)
@example("\U0001f600 the brutal dictator\u0301 spoke", 3, 999)
def test_stance_toward_any_span(text, a, b):
    if not text:  # no span fits: an empty, neutral record
        m = stance_module.stance_toward(text, 0, 0)
        assert (m.start, m.end, m.score, m.label, m.cues) == (0, 0, 0.0, "neutral", ())
        return
    start = a % len(text)
    end = start + 1 + b % (len(text) - start)
    m = stance_module.stance_toward(text, start, end, method="rules")
    assert (m.start, m.end) == (start, end)
    _check_mention_stance(text, m, in_sentence=False)
    assert stance_module.stance_toward(Doc(text), start, end, method="rules") == m
    fitted = stance_module.stance_toward(text, start, end)  # the default method
    assert (fitted.start, fitted.end) == (start, end)
    _check_fitted_mention(text, fitted, in_sentence=False)
    assert stance_module.stance_toward(Doc(text), start, end) == fitted


@SETTINGS
@given(TEXTS)
@edge_cases
@example("UPÌ")  # an accented surface of an unaccented alias (found by hypothesis)
def test_analyze_actors(text):
    result = actor_analysis.analyze_actors(text)
    doc = Doc(text)
    _check_mentions(text, result.mentions, doc)
    for r in result.relations.relations:
        assert r.polarity in (-1, 0, 1)
        for a, b in ((r.source_start, r.source_end), (r.cue_start, r.cue_end), (r.target_start, r.target_end)):
            assert _inside(text, a, b)
        assert 0 <= r.sentence < len(doc.sentences)
    for p in result.predications.predications if result.predications else ():
        assert _inside(text, p.start, p.end) and p.start < p.end
        assert text[p.start : p.end] == p.word
        assert _inside(text, p.mention_start, p.mention_end)
        assert math.isfinite(p.polarity) and p.evaluative == (p.polarity != 0)
    tables = {name: result.to_records(name) for name in actor_analysis.TABLES}
    again = actor_analysis.analyze_actors(Doc(text))
    assert {name: again.to_records(name) for name in actor_analysis.TABLES} == tables


# -- the pipeline: analyze() on a small thread of generated texts ------------------------------

SHORT_TEXTS = st.one_of(
    st.text(ANY_CHAR, max_size=80),
    st.text(st.sampled_from(ODD), max_size=40),
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD)), max_size=15).map(" ".join),
)


@st.composite
def small_threads(draw) -> Thread:
    texts = draw(st.lists(SHORT_TEXTS, min_size=0, max_size=4))
    comments = []
    for i, text in enumerate(texts):
        parent = draw(st.none() | st.sampled_from([f"c{j}" for j in range(i)])) if i else None
        comments.append(Comment(id=f"c{i}", text=text, parent_id=parent))
    article = Article(id="t", title=draw(SHORT_TEXTS), text=draw(SHORT_TEXTS))
    return Thread(article, tuple(comments))


_SPAN_COLUMNS = [("start", "end"), ("sentence_start", "sentence_end"), ("mention_start", "mention_end"),
                 ("source_start", "source_end"), ("cue_start", "cue_end"), ("target_start", "target_end")]
_UNIT_RANGES = {"score": (-1.0, 1.0), "weight": (0.0, 1.0), "share": (0.0, 1.0)}


def _unit_texts(thread: Thread) -> dict[str, str]:
    texts = {"title": thread.article.title, "article": thread.article.text}
    texts.update({c.id: c.text for c in thread.comments})
    return texts


def _check_rows(thread: Thread, rows: dict[str, list[dict]]) -> None:
    """Every table row of one thread: texts kept, spans inside their unit, values in range."""
    texts = _unit_texts(thread)
    units = rows["units"]
    assert len(units) == len(thread.comments) + 1 + (1 if thread.article.title else 0)
    for row in units:
        assert row["text"] == texts[row["unit_id"]]  # nothing lost or altered, NUL included
        assert row["n_chars"] == len(row["text"])
    for table, table_rows in rows.items():
        for row in table_rows:
            text = texts.get(row.get("unit_id"))
            for start, end in _SPAN_COLUMNS:
                if text is not None and row.get(start) is not None and row.get(end) is not None:
                    assert _inside(text, row[start], row[end]), (table, row)
            for column, (low, high) in _UNIT_RANGES.items():
                value = row.get(column)
                if value is not None and table != "features":  # features' score: see below
                    assert math.isfinite(value) and low <= value <= high, (table, row)
    for row in rows["sentiment"]:
        assert math.isfinite(row["value"])
        if row["measure"] == "score":
            assert -1.0 <= row["value"] <= 1.0
    for row in rows["features"]:
        assert row["count"] == len(row["evidence"]) >= 0 and row["rate_per_1000"] >= 0
        text = texts[row["unit_id"]]
        for ev in row["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["surface"]
    for row in rows["mentions"]:
        assert texts[row["unit_id"]][row["start"] : row["end"]]  # a mention is never empty
    for row in rows["sentiment_summary"]:
        for column in ("mean", "median", "ci_low", "ci_high"):
            if row[column] is not None and row[column] == row[column]:
                assert -2.0 <= row[column] <= 2.0  # the difference row spans [-2, 2]


def _canonical(rows) -> str:
    """Rows as text, so that NaN compares equal to NaN."""
    return json.dumps(rows, sort_keys=True, default=repr)


@pytest.mark.slow
@SETTINGS
@given(small_threads())
def test_pipeline_rows_of_any_thread(thread):
    """The engine behind analyze(): all stages' rows for one thread (250 examples)."""
    rows = Analysis(n_boot=50).thread_rows(thread)
    _check_rows(thread, rows)
    again = Analysis(n_boot=50).thread_rows(thread)  # new analysers, new Docs
    assert _canonical(again) == _canonical(rows)


@pytest.mark.slow
@settings(SETTINGS, max_examples=100)
@given(small_threads())
def test_thread_columns_of_any_thread(thread):
    """What analyze() and the Parquet output gather (column by column) is thread_rows, cell for
    cell (100 examples; the seed is checked in the default suite, tests/test_thread_columns.py)."""
    from discourse.results.columns import _column_of

    analysis = Analysis(n_boot=50)
    rows = analysis.thread_rows(thread)
    columns = analysis.thread_columns(thread)
    assert list(columns) == list(rows)
    for table, collector in columns.items():
        expected = {c.name: _column_of(rows[table], c.name) for c in collector.columns}
        assert _canonical(collector.data) == _canonical(expected), table


@pytest.mark.slow
@settings(SETTINGS, max_examples=100)
@given(small_threads())
def test_analyze_any_thread(thread):
    """The front door, with its DataFrames (100 examples: each builds 17 typed frames)."""
    results = analyze(thread, n_boot=50)
    rows = Analysis(n_boot=50).thread_rows(thread)
    assert list(results.tables) == list(rows)
    for name, frame in results.tables.items():
        assert len(frame) == len(rows[name]), name
    import pandas as pd

    def blank(value):  # tables hold "" as missing (as CSV does), in whatever form pandas uses
        return None if value is None or pd.isna(value) or value == "" else value

    assert [blank(t) for t in results["units"]["text"]] == [blank(row["text"]) for row in rows["units"]]
    assert results["sentiment"].query("measure == 'score'")["value"].between(-1, 1).all()
    assert results.provenance["input"]["comments"] == len(thread.comments)
