"""TextBlob's pattern sentiment (polarity, subjectivity), reproduced in linear time.

``TextBlob(text).sentiment`` (TextBlob 0.20, ``PatternAnalyzer``) scores a text with the
*pattern* adjective lexicon (De Smedt & Daelemans 2012): words are looked up in lower case,
a preceding adverb multiplies a word's scores by its intensity, a preceding negation reverses
and halves its polarity, "!" boosts the previous assessment, and emoticons count as words; the
polarity and subjectivity are the averages over the assessed words. It needs no downloaded
corpora. But its tokeniser strips punctuation from a word one character at a time (each step
copies the word), so a run of 100,000 "!" takes minutes.

This module gives TextBlob's numbers in linear time: the same tokenisation rules (contraction
and quote splitting, punctuation peeling, abbreviations, sentence ends, the ``(!)`` sarcasm mark
and spaced-out emoticons re-joined), implemented with offsets so that every assessed word is a
cue with its span in the text. The lexicon is read from TextBlob's own ``en-sentiment.xml``
(averaged per word as pattern does, with its ``-ly`` adverbs added), and the emoticon and
abbreviation tables are TextBlob's own, so the scores follow the installed TextBlob.

Why this does not use the shared tokens (``Doc.tokens``)
    As with VADER, the scores depend on the reference's own tokenisation (e.g. ``don't`` gives
    ``do``, ``n``, ``'``, ``t``, so TextBlob never sees the negation ``n't``); reproducing the
    numbers means reproducing it. The word list is derived once per call.

Examples
--------
>>> out = PatternScorer().score("The movie was not very good!")
>>> round(out.polarity, 4), round(out.subjectivity, 4)
(-0.3365, 0.4615)
>>> [(c.cue, round(c.value, 4)) for c in out.cues]
[('not very good !', -0.3365)]
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from importlib import metadata
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree import ElementTree

from discourse.sentiment.result import Cue

__all__ = ["PatternScorer", "PatternOutput", "pattern_sentiment"]

EOS = "END-OF-SENTENCE"  # pattern's marker for a paragraph break (and for that literal word)
# pattern's defaults for English (closed sets; checked against textblob.en.sentiment in tests)
NEGATIONS = frozenset(("no", "not", "n't", "never"))
_QUOTES = "\"'\u201c\u201d\u2018\u2019"
_ENDS = frozenset(("...", ".", "!", "?", EOS))  # tokens that end a sentence
_END_RUN = frozenset(("'", '"', "\u201d", "\u2019", "...", ".", "!", "?", ")", EOS))
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ABBR_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz|")  # pattern's class includes "|"

# A chunk is what pattern's string rewriting leaves between spaces: a paragraph break, a quote
# character, or a run of other non-space characters that stops before "n't" (pattern puts a
# space there). Every branch consumes its characters once: no backtracking.
_CHUNK = re.compile(
    r"(?P<eos>\n(?:\r?\n)+)|(?P<quote>[" + _QUOTES + r"])|(?:(?!n't)[^\s" + _QUOTES + r"])+|n"
)
_SARCASM = re.compile(r"\( ?! ?\)")


class PatternOutput(NamedTuple):
    """Raw TextBlob-compatible output for one text.

    Attributes
    ----------
    polarity : float
        In [-1, 1].
    subjectivity : float
        In [0, 1].
    cues : tuple of Cue
        The assessed chunks (a word with its modifier, negation or "!"), with their polarity.

    Examples
    --------
    >>> PatternScorer().score("Very good")[:2]
    (0.9099999999999999, 0.7800000000000001)
    """

    polarity: float
    subjectivity: float
    cues: tuple[Cue, ...]


def _textblob_dir() -> Path:
    """Where the textblob package lives, found without importing it (that imports nltk)."""
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        from discourse.errors import MissingDependencyError

        raise MissingDependencyError("textblob", extra="textblob")
    return Path(list(spec.submodule_search_locations)[0])


def _average(values: Any) -> float:
    values = list(values)
    return sum(values) / float(len(values) or 1)


class _Tables:
    """pattern's lexicon and tables, built once per process."""

    def __init__(self) -> None:
        from textblob import _text  # the reference's own tables (data, not code paths)

        textblob_version = metadata.version("textblob")

        path = _textblob_dir() / "en" / "en-sentiment.xml"
        data = path.read_bytes()
        self.info = {
            "name": "pattern_en_sentiment",
            "file": path.name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "version": f"textblob {textblob_version}",
            "source": "textblob package (pattern's en-sentiment.xml)",
            "licence": "PDDL (lexicon); MIT (textblob)",
            "citation": "De Smedt, T. & Daelemans, W. (2012). Pattern for Python. JMLR 13.",
            "entries": "",
        }
        self.lexicon, self.adverbs = self._load(data)
        self.info["entries"] = str(len(self.lexicon))
        punctuation = _text.PUNCTUATION
        self.punct_string = punctuation  # "w not in PUNCTUATION" is a substring test
        self.split_chars = frozenset(punctuation.replace(".", ""))
        self.abbreviations = frozenset(_text.ABBREVIATIONS)
        self.max_abbreviation = max(map(len, self.abbreviations))
        self.emoticons = [
            (polarity, frozenset(e.lower() for e in faces))
            for (_, polarity), faces in _text.EMOTICONS.items()
        ]
        alternatives = [
            " ?".join(re.escape(ch) for ch in face)
            for faces in _text.EMOTICONS.values()
            for face in sorted(faces)
        ]
        self.emoticon_re = re.compile(r"(%s)($|\s)" % "|".join(alternatives))
        self.emoticon_chars = frozenset(
            ch for faces in _text.EMOTICONS.values() for face in faces for ch in face
        )

    @staticmethod
    def _load(data: bytes) -> tuple[dict[str, tuple[float, float, float]], frozenset[str]]:
        """Per word: the (polarity, subjectivity, intensity) pattern uses when no tag is given.

        As pattern does: average the senses per part of speech, average those, then add an
        ``-ly`` adverb for every adjective ("terrible" -> "terribly") with the adjective's
        scores, overwriting any earlier entry.
        """
        senses: dict[str, dict[str | None, list[tuple[float, float, float]]]] = {}
        for node in ElementTree.fromstring(data).findall("word"):
            form = node.attrib.get("form")
            if not form:
                continue
            scores = (
                float(node.attrib.get("polarity", 0.0)),
                float(node.attrib.get("subjectivity", 0.0)),
                float(node.attrib.get("intensity", 1.0)),
            )
            senses.setdefault(form, {}).setdefault(node.attrib.get("pos"), []).append(scores)
        words: dict[str, dict[str | None, Any]] = {}
        by_pos: dict[str | None, Any]  # the senses of a form, then (below) the averaged scores of a word
        for form, by_pos in senses.items():
            averaged: dict[str | None, Any] = {
                pos: [_average(column) for column in zip(*psi)] for pos, psi in by_pos.items()
            }
            averaged[None] = [_average(column) for column in zip(*averaged.values())]
            words[form] = averaged
        for form, by_pos in list(words.items()):
            if "JJ" in by_pos:
                stem = form[:-1] + "i" if form.endswith("y") else form
                stem = stem[:-2] if stem.endswith("le") else stem
                scores = tuple(by_pos["JJ"])
                entry = words.setdefault(stem + "ly", {})
                entry["RB"] = entry[None] = scores
        lexicon = {w: tuple(by_pos[None]) for w, by_pos in words.items()}
        adverbs = frozenset(w for w, by_pos in words.items() if "RB" in by_pos)
        return lexicon, adverbs


@lru_cache(maxsize=None)
def _tables() -> _Tables:
    return _Tables()


# -- tokenisation ------------------------------------------------------------------------------


def _is_abbreviation(text: str, a: int, b: int, state: list[int], tables: _Tables) -> bool:
    """pattern's abbreviation test for ``text[a:b]`` (which ends in "."), in O(1) amortised.

    `state` caches, per word, the lengths of its longest ``x.y.z.`` prefix and of its
    consonant run after a capital, so repeated tests while peeling a long word stay linear.
    """
    length = b - a
    if length <= tables.max_abbreviation and text[a:b] in tables.abbreviations:
        return True
    if length == 2 and text[a] in _ASCII_LETTERS:
        return True
    if state[0] < 0:  # letters alternating with dots from the start: "U.S."
        k = a
        while k + 1 < len(text) and text[k] in _ASCII_LETTERS and text[k + 1] == ".":
            k += 2
        state[0] = k - a
    if length % 2 == 0 and length <= state[0]:
        return True
    if text[a] in _UPPER and length >= 3:  # a capital, consonants, any last character: "Mr."
        if state[1] < 0:
            k = a + 1
            while k < len(text) and text[k] in _ABBR_CONSONANTS:
                k += 1
            state[1] = k - a - 1
        return length - 2 <= state[1]
    return False


def _tokens(text: str, tables: _Tables) -> list[tuple[int, int, str]]:
    """pattern's ``find_tokens`` as ``(start, end, token)`` triples, before sentence handling."""
    split_chars = tables.split_chars
    out: list[tuple[int, int, str]] = []
    append = out.append
    for match in _CHUNK.finditer(text):
        a, b = match.span()
        if match.lastgroup == "eos":
            append((a, b, EOS))
            continue
        chunk = match.group()
        if chunk[0] not in split_chars and chunk[-1] not in split_chars and chunk[-1] != ".":
            append((a, b, chunk))  # nothing to peel (the common case)
            continue
        while a < b and text[a] in split_chars:  # leading punctuation, one mark per token
            append((a, a + 1, text[a]))
            a += 1
        tail: list[tuple[int, int, str]] = []
        state = [-1, -1]
        while b > a and (text[b - 1] in split_chars or text[b - 1] == "."):
            if text[b - 1] in split_chars:
                tail.append((b - 1, b, text[b - 1]))
                b -= 1
            if b - a >= 3 and text[b - 3 : b] == "...":
                tail.append((b - 3, b, "..."))
                b -= 3
                while b > a and text[b - 1] == ".":
                    b -= 1  # pattern drops the extra dots of a long ellipsis
            if b > a and text[b - 1] == ".":
                if _is_abbreviation(text, a, b, state, tables):
                    break
                tail.append((b - 1, b, "."))
                b -= 1
        if b > a:
            append((a, b, text[a:b]))
        out.extend(reversed(tail))
    return out


def _sentences(tokens: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """pattern's sentence split (a run of end marks closes a sentence; quotes stop the run)."""
    sentences: list[list[tuple[int, int, str]]] = [[]]
    i = j = 0
    n = len(tokens)
    while j < n:
        if tokens[j][2] in _ENDS:
            while j < n and tokens[j][2] in _END_RUN:
                if tokens[j][2] in ("'", '"'):
                    break  # pattern's quote-balance test always stops here
                j += 1
            sentences[-1].extend(t for t in tokens[i:j] if t[2] != EOS)
            sentences.append([])
            i = j
        j += 1
    sentences[-1].extend(tokens[i:j])
    return [s for s in sentences if s]


def _join_matches(
    sentence: list[tuple[int, int, str]], pattern: re.Pattern[str]
) -> list[tuple[int, int, str]]:
    """Apply a pattern that removes the spaces inside its matches (group 1, or all of it)."""
    joined = " ".join(t[2] for t in sentence)
    matches = list(pattern.finditer(joined))
    if not matches:
        return sentence
    starts = [0, *accumulate(len(t[2]) + 1 for t in sentence[:-1])]  # offsets in `joined`
    out: list[tuple[int, int, str]] = []
    done = 0
    group = 1 if pattern.groups else 0
    for match in matches:
        first = bisect_right(starts, match.start(group)) - 1
        last = bisect_right(starts, match.end(group) - 1) - 1
        if first < done:  # cannot happen with non-overlapping matches; be safe
            continue
        out.extend(sentence[done:first])
        pieces = sentence[first : last + 1]
        out.append((pieces[0][0], pieces[-1][1], "".join(t[2] for t in pieces)))
        done = last + 1
    out.extend(sentence[done:])
    return out


def _words(text: str, tables: _Tables) -> list[tuple[int, int, str]]:
    """The words pattern assesses, with offsets: tokens, sentences, "(!)" and emoticons."""
    words: list[tuple[int, int, str]] = []
    emoticon_chars = tables.emoticon_chars
    for sentence in _sentences(_tokens(text, tables)):
        if len(sentence) > 2 and any(t[2] == "!" for t in sentence):
            sentence = _join_matches(sentence, _SARCASM)
        if any(not emoticon_chars.isdisjoint(t[2]) for t in sentence):
            sentence = _join_matches(sentence, tables.emoticon_re)
        words.extend(sentence)
    return words


# -- assessment --------------------------------------------------------------------------------


class PatternScorer:
    """The "textblob" method: TextBlob 0.20's polarity and subjectivity, in linear time.

    Examples
    --------
    >>> out = PatternScorer().score("A horrible movie :(")
    >>> [(c.cue, c.value) for c in out.cues], round(out.polarity, 3)
    ([('horrible', -1.0), (':(', -0.75)], -0.875)
    """

    def get_params(self) -> dict[str, Any]:
        """No parameters (returns ``{}``)."""
        return {}

    def lexicon_info(self) -> list[dict[str, str]]:
        """Provenance of pattern's lexicon as shipped in the installed TextBlob."""
        return [dict(_tables().info)]

    def score(self, text: str) -> PatternOutput:
        """Score `text` (a str); see :class:`PatternOutput`."""
        tables = _tables()
        lexicon = tables.lexicon
        adverbs = tables.adverbs
        chunks: list[list[Any]] = []  # [words, p, s, i, negated, start, end]
        modifier: str | None = None  # preceding adverb ("really good")
        negation: str | None = None  # preceding negation ("not good")
        negation_start = 0
        for start, end, token in _words(text, tables):
            word = token.lower()
            if word in lexicon:
                p, s, i = lexicon[word]
                if modifier is None:
                    chunks.append([[word], p, s, i, False, start, end])
                else:
                    last = chunks[-1]
                    last[0].append(word)
                    last[1] = max(-1.0, min(p * last[3], +1.0))
                    last[2] = max(-1.0, min(s * last[3], +1.0))
                    last[3] = i
                    last[6] = end
                if negation is not None:
                    last = chunks[-1]
                    last[0].insert(0, negation)
                    last[3] = 1.0 / last[3]
                    last[4] = True
                    last[5] = min(last[5], negation_start)
                modifier = word if word in adverbs else None
                negation = None
                if word in NEGATIONS:
                    negation, negation_start = word, start
                continue
            if word in NEGATIONS:
                negation, negation_start = word, start
            elif negation and len(word.strip("'")) > 1:
                negation = None  # negation survives only across short words ("not a good")
            if negation is not None and modifier is not None and modifier.endswith("ly"):
                chunks[-1][0].append(negation)  # "really not good": negates the adverb's chunk
                chunks[-1][4] = True
                chunks[-1][6] = max(chunks[-1][6], end)
                negation = None
            elif modifier and len(word) > 2:
                modifier = None
            if word == "!" and chunks:
                chunks[-1][0].append("!")
                chunks[-1][1] = max(-1.0, min(chunks[-1][1] * 1.25, +1.0))
                chunks[-1][6] = max(chunks[-1][6], end)
            if word == "(!)":
                chunks.append([[word], 0.0, 1.0, 1.0, False, start, end])
            if not word.isalpha() and len(word) <= 5 and word not in tables.punct_string:
                for polarity, faces in tables.emoticons:
                    if word in faces:
                        chunks.append([[word], polarity, 1.0, 1.0, False, start, end])
                        break
        polarity_sum: float  # sums of float scores (from an int 0)
        subjectivity_sum: float
        polarity_sum = subjectivity_sum = 0
        cues = []
        for words, p, s, _, negated, start, end in chunks:
            p = p * -0.5 if negated else p  # "not good" is slightly bad, "not bad" slightly good
            polarity_sum += p
            subjectivity_sum += s
            cues.append(Cue(start, end, " ".join(words), p))
        count = float(len(chunks) or 1)
        return PatternOutput(polarity_sum / count, subjectivity_sum / count, tuple(cues))


_DEFAULT = PatternScorer()


def pattern_sentiment(text: str) -> tuple[float, float]:
    """TextBlob-compatible ``(polarity, subjectivity)`` of `text`.

    Examples
    --------
    >>> pattern_sentiment("Textblob is amazingly simple to use. What great fun!")
    (0.39166666666666666, 0.4357142857142857)
    """
    out = _DEFAULT.score(text)
    return out.polarity, out.subjectivity
