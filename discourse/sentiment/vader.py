"""VADER (Hutto & Gilbert 2014), giving vaderSentiment 3.3.2's scores in linear time.

This is an independent implementation of the rules of ``SentimentIntensityAnalyzer
.polarity_scores`` in vaderSentiment 3.3.2, written to give *the same numbers* (compound, pos,
neu, neg, rounded as the reference rounds them) while running in time linear in the length of
the text. The reference rebuilds a lower-cased copy of the whole word list for every sentiment
word it scores and rescans the list to apply its "but" rule, so it is quadratic: about 26 s for
a 160,000-character text. Here the word list is lower-cased once, every rule looks at a window
of at most three words on either side, and the "but" rule is replayed with an index (see
:func:`_apply_but_rule`), so a 1 MB text takes well under a second.

Why this does not use the shared tokens (``Doc.tokens``)
    VADER's scores depend on its own tokenisation: the text (after emoji are replaced by their
    descriptions) is split at white space, and each piece loses its leading and trailing
    punctuation unless that would leave two characters or fewer (so ``:)`` and ``ok,`` stay as
    they are). Reproducing the reference's numbers means reproducing exactly that, so the word
    list is derived from the text here, once per call, with ``str.split`` semantics. Nothing
    else is re-tokenised; the cue offsets point into the caller's text like every other span.

The lexicon and emoji table are read from the installed ``vaderSentiment`` package
(:func:`discourse.lexicons.external.vader_lexicon`); the booster, negation and idiom lists are
bundled data files (``sentiment_vader_*``) with attribution. The numeric constants below are the
model's published parameters.

Examples
--------
>>> polarity_scores("VADER is smart, handsome, and funny!")
{'neg': 0.0, 'neu': 0.248, 'pos': 0.752, 'compound': 0.8439}
>>> scorer = VaderScorer()
>>> [(c.cue, c.value) for c in scorer.score("The book was not good.").cues]
[('good', -1.406)]
"""

from __future__ import annotations

import math
import string
from functools import lru_cache
from heapq import heappop, heappush
from typing import Any, NamedTuple

from discourse.lexicons import load_lexicon
from discourse.lexicons.external import vader_emoji_lexicon, vader_lexicon
from discourse.sentiment.result import Cue

__all__ = ["VaderScorer", "VaderOutput", "polarity_scores", "scores_from_valences"]

# The model's empirically derived constants (Hutto & Gilbert 2014; vaderSentiment 3.3.2).
C_INCR = 0.733  # a sentiment word in ALL CAPS among mixed-case words
N_SCALAR = -0.74  # negation flips and dampens
EXCLAIM_STEP, EXCLAIM_MAX = 0.292, 4  # each "!" (at most 4) adds emphasis
QUESTION_STEP, QUESTION_CAP = 0.18, 0.96  # 2-3 "?" add 0.18 each, more add 0.96
ALPHA = 15  # normalisation: x / sqrt(x^2 + alpha)
BUT_BEFORE, BUT_AFTER = 0.5, 1.5  # weights of words before / after the first "but"

_PUNCT = string.punctuation
_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")


class VaderOutput(NamedTuple):
    """Raw VADER output for one text (what :class:`VaderScorer.score` returns).

    Attributes
    ----------
    compound, pos, neu, neg : float
        As vaderSentiment reports them (rounded to 4, 3, 3, 3 decimals).
    cues : tuple of Cue
        Each word with a non-zero final valence, with offsets into the text.
    n_words : int
        Number of VADER words (white-space pieces after emoji replacement).
    emphasis : float
        The punctuation emphasis ("!" and "?") added to the sum of valences.

    Examples
    --------
    >>> out = VaderScorer().score("Good!")
    >>> out.compound, out.n_words, out.emphasis
    (0.4926, 1, 0.292)
    """

    compound: float
    pos: float
    neu: float
    neg: float
    cues: tuple[Cue, ...]
    n_words: int = 0
    emphasis: float = 0.0


class _Tables:
    """Everything VADER looks up, built once per process."""

    def __init__(self) -> None:
        self.lexicon: dict[str, float] = vader_lexicon().weights()
        boosters = load_lexicon("sentiment_vader_boosters").weights()
        self.boosters = {k: v for k, v in boosters.items() if " " not in k}
        # Multi-word boosters ("kind of") and idioms are matched as word tuples; VADER joins
        # whitespace-free words with one space, so tuple equality is string equality.
        self.booster_ngrams = {tuple(k.split()): v for k, v in boosters.items() if " " in k}
        idioms = load_lexicon("sentiment_vader_idioms").weights()
        self.idioms = {tuple(k.split()): v for k, v in idioms.items()}
        self.idiom_words = frozenset(w for key in self.idioms for w in key)
        self.ngram_words = frozenset(w for key in self.booster_ngrams for w in key)
        self.negations = frozenset(load_lexicon("sentiment_vader_negations").terms())
        # Booster words are never scored as sentiment words, even if the lexicon lists them.
        self.candidates = frozenset(k for k in self.lexicon if k not in boosters)
        # The reference replaces emoji character by character, so only one-character entries
        # of the emoji table can ever match.
        self.emoji = {k: v for k, v in vader_emoji_lexicon().entries.items() if len(k) == 1}
        self.emoji_chars = frozenset(self.emoji)
        # All of them lie outside ASCII, so an ASCII text (most comments) needs no scan at all.
        self.emoji_ascii = any(ch.isascii() for ch in self.emoji)

    def lexicon_info(self) -> list[dict[str, str]]:
        infos = [vader_lexicon().info(), vader_emoji_lexicon().info()]
        for kind in ("boosters", "negations", "idioms"):
            infos.append(load_lexicon(f"sentiment_vader_{kind}").info())
        return infos


@lru_cache(maxsize=None)
def _tables() -> _Tables:
    return _Tables()


def _demojize(text: str, tables: _Tables) -> tuple[str, list[int] | None]:
    """Replace emoji by their descriptions as the reference does; also map offsets back.

    Returns the new text and, if anything was replaced, for each of its characters the offset of
    the original character it came from (``None`` when the text is unchanged).
    """
    if (text.isascii() and not tables.emoji_ascii) or tables.emoji_chars.isdisjoint(text):
        return text, None
    emoji = tables.emoji
    pieces: list[str] = []
    origin: list[int] = []
    last = 0
    for at in [k for k, ch in enumerate(text) if ch in emoji]:
        pieces.append(text[last:at])
        origin.extend(range(last, at))
        # The reference puts a space before a description unless the previous character was
        # a plain space (or there is none); nothing is put after it.
        if at > 0 and text[at - 1] != " ":
            pieces.append(" ")
            origin.append(at)
        description = emoji[text[at]]
        pieces.append(description)
        origin.extend([at] * len(description))
        last = at + 1
    pieces.append(text[last:])
    origin.extend(range(last, len(text)))
    return "".join(pieces), origin


def _apply_but_rule(positions: list[int], values: list[float], but_at: int) -> None:
    """Replay vaderSentiment's "but" rule in place, in O(n log n) instead of O(n^2).

    The reference walks the list of word valences and, for each value, looks up the *first*
    position holding an equal value (``list.index``) and rescales that position (x0.5 before
    the first "but", x1.5 after it). Because earlier positions may already have been rescaled,
    equal values interact (two equal sentiment words before "but" end up as one at x0.25 and
    one unchanged). To give the same numbers, a heap per value keeps the positions currently
    holding it. Zero valences are left out (`positions`, `values` list the non-zero ones in
    order): rescaling zero gives zero, and no non-zero value ever equals zero.
    """
    where: dict[float, list[int]] = {}
    for k in range(len(values)):
        value = values[k]  # entries >= k are still untouched here
        first = k
        heap = where.get(value)
        if heap:
            while heap and values[heap[0]] != value:
                heappop(heap)  # that entry has been rescaled since
            if heap:
                first = heap[0]
        at = positions[first]
        if at < but_at:
            new = value * BUT_BEFORE
        elif at > but_at:
            new = value * BUT_AFTER
        else:
            new = None
        if new is not None:
            values[first] = new
            heappush(where.setdefault(new, []), first)
        if first != k or new is None:
            heappush(where.setdefault(values[k], []), k)


def _emphasis(text: str) -> float:
    """Emphasis from exclamation and question marks."""
    emphasis = min(text.count("!"), EXCLAIM_MAX) * EXCLAIM_STEP
    questions = text.count("?")
    if questions > 1:
        emphasis += questions * QUESTION_STEP if questions <= 3 else QUESTION_CAP
    return emphasis


def scores_from_valences(
    values: list[float], n_words: int, emphasis: float
) -> tuple[float, float, float, float]:
    """VADER's compound, pos, neu, neg from word valences, rounded as the reference rounds them.

    `values` are the non-zero word valences in text order (leaving the zeros out of the sums
    changes no floating-point result), `n_words` the number of words, `emphasis` the
    punctuation emphasis.

    Examples
    --------
    >>> scores_from_valences([1.9], 3, 0.292)
    (0.4926, 0.615, 0.385, 0.0)
    """
    if n_words == 0:
        return (0.0, 0.0, 0.0, 0.0)
    n_zero = n_words - len(values)
    total = float(sum(values))
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    compound = total / math.sqrt(total * total + ALPHA)
    compound = max(-1.0, min(1.0, compound))
    pos_sum = neg_sum = 0.0
    for value in values:
        if value > 0:
            pos_sum += float(value) + 1  # +1 balances the neutral words, counted as 1 each
        else:
            neg_sum += float(value) - 1
    if pos_sum > -neg_sum:
        pos_sum += emphasis
    elif pos_sum < -neg_sum:
        neg_sum -= emphasis
    denominator = pos_sum + math.fabs(neg_sum) + n_zero
    return (
        round(compound, 4),
        round(math.fabs(pos_sum / denominator), 3),
        round(math.fabs(n_zero / denominator), 3),
        round(math.fabs(neg_sum / denominator), 3),
    )


class VaderScorer:
    """The VADER method: scores a text as vaderSentiment 3.3.2 would, in linear time.

    The front door is :func:`discourse.sentiment.sentiment` with ``method="vader"``; this class
    is the engine behind it (no parameters: VADER's are fixed by the reference).

    Examples
    --------
    >>> out = VaderScorer().score("Not bad at all")
    >>> out.compound, [(c.start, c.end, c.cue) for c in out.cues]
    (0.431, [(4, 7, 'bad')])
    """

    def get_params(self) -> dict[str, Any]:
        """No parameters (returns ``{}``)."""
        return {}

    def lexicon_info(self) -> list[dict[str, str]]:
        """Provenance of the lexicon, emoji table, boosters, negations and idioms."""
        return _tables().lexicon_info()

    def score(self, text: str) -> VaderOutput:
        """Score `text` (a str); see :class:`VaderOutput`."""
        tables = _tables()
        converted, origin = _demojize(text, tables)
        raw = converted.split()
        n = len(raw)
        if n == 0:
            return VaderOutput(0.0, 0.0, 0.0, 0.0, ())
        punct = _PUNCT
        words = [w if len(s := w.strip(punct)) <= 2 else s for w in raw]
        lowers = [w.lower() for w in words]
        n_upper = sum(map(str.isupper, words))
        cap_diff = 0 < n - n_upper < n
        candidates = tables.candidates
        valence_of = self._valence
        positions: list[int] = []  # words with a non-zero valence, and their valences
        values: list[float] = []
        for i in [i for i, w in enumerate(lowers) if w in candidates]:
            if lowers[i] == "kind" and i < n - 1 and lowers[i + 1] == "of":
                continue  # "kind of" is a dampener, not the sentiment word "kind"
            valence = valence_of(i, words, lowers, n, cap_diff, tables)
            if valence:
                positions.append(i)
                values.append(valence)
        if values and "but" in lowers:
            _apply_but_rule(positions, values, lowers.index("but"))
        emphasis = _emphasis(converted)
        compound, pos, neu, neg = scores_from_valences(values, n, emphasis)
        cues = self._cues(converted, origin, raw, words, lowers, positions, values)
        return VaderOutput(compound, pos, neu, neg, cues, n, emphasis)

    @staticmethod
    def _valence(
        i: int, words: list[str], lowers: list[str], n: int, cap_diff: bool, tables: _Tables
    ) -> float:
        """The valence of sentiment word `i` after VADER's rules, in the reference's order."""
        lexicon = tables.lexicon
        boosters = tables.boosters
        negations = tables.negations
        word = lowers[i]
        base = lexicon[word]
        valence = base
        # "no" before another sentiment word is a negator, not a sentiment word itself.
        if word == "no" and i != n - 1 and lowers[i + 1] in lexicon:
            valence = 0.0
        if (
            (i > 0 and lowers[i - 1] == "no")
            or (i > 1 and lowers[i - 2] == "no")
            or (i > 2 and lowers[i - 3] == "no" and lowers[i - 1] in _OR_NOR)
        ):
            valence = base * N_SCALAR
        if cap_diff and words[i].isupper():
            valence = valence + C_INCR if valence > 0 else valence - C_INCR
        # Up to three preceding non-sentiment words may boost, dampen or negate.
        for distance in (1, 2, 3):
            if i < distance:
                break
            before = lowers[i - distance]
            if before in lexicon:
                continue
            scalar = 0.0
            if before in boosters:
                scalar = boosters[before]
                if valence < 0:
                    scalar = -scalar
                if cap_diff and words[i - distance].isupper():
                    scalar = scalar + C_INCR if valence > 0 else scalar - C_INCR
                if distance == 2:
                    scalar = scalar * 0.95
                elif distance == 3:
                    scalar = scalar * 0.9
            valence = valence + scalar
            negated = before in negations or "n't" in before
            if distance == 1:
                if negated:
                    valence = valence * N_SCALAR
            elif distance == 2:
                if before == "never" and lowers[i - 1] in _SO_THIS:
                    valence = valence * 1.25
                elif before == "without" and lowers[i - 1] == "doubt":
                    pass
                elif negated:
                    valence = valence * N_SCALAR
            else:
                if (before == "never" and lowers[i - 2] in _SO_THIS) or lowers[i - 1] in _SO_THIS:
                    valence = valence * 1.25
                elif before == "without" and (lowers[i - 2] == "doubt" or lowers[i - 1] == "doubt"):
                    pass
                elif negated:
                    valence = valence * N_SCALAR
                valence = VaderScorer._idioms(valence, i, lowers, n, tables)
        # "least" before a word negates it, except in "at least" and "very least".
        if i > 0 and lowers[i - 1] == "least" and "least" not in lexicon:
            if i == 1 or lowers[i - 2] not in ("at", "very"):
                valence = valence * N_SCALAR
        return valence

    @staticmethod
    def _idioms(valence: float, i: int, lowers: list[str], n: int, tables: _Tables) -> float:
        """Idioms around word `i` replace its valence; "kind of"-type n-grams before it add."""
        w3, w2, w1, w0 = lowers[i - 3], lowers[i - 2], lowers[i - 1], lowers[i]
        idioms = tables.idioms
        known = tables.idiom_words
        if w1 in known or w2 in known or w3 in known or w0 in known:
            for key in ((w1, w0), (w2, w1, w0), (w2, w1), (w3, w2, w1), (w3, w2)):
                if key in idioms:
                    valence = idioms[key]
                    break
        if n - 1 > i and (w0, lowers[i + 1]) in idioms:
            valence = idioms[(w0, lowers[i + 1])]
        if n - 1 > i + 1 and (w0, lowers[i + 1], lowers[i + 2]) in idioms:
            valence = idioms[(w0, lowers[i + 1], lowers[i + 2])]
        ngram_words = tables.ngram_words
        if w1 in ngram_words or w2 in ngram_words:
            ngrams = tables.booster_ngrams
            for key in ((w3, w2, w1), (w3, w2), (w2, w1)):
                if key in ngrams:
                    valence = valence + ngrams[key]
        return valence

    @staticmethod
    def _cues(
        converted: str,
        origin: list[int] | None,
        raw: list[str],
        words: list[str],
        lowers: list[str],
        positions: list[int],
        values: list[float],
    ) -> tuple[Cue, ...]:
        """Offsets of the scored words, found by walking the white-space pieces once."""
        cues = []
        offset = 0
        piece = 0
        start = 0
        find = converted.find
        for i, value in zip(positions, values):
            while piece <= i:  # advance to piece i; each search starts at the previous end
                start = find(raw[piece], offset)
                offset = start + len(raw[piece])
                piece += 1
            word = words[i]
            begin = start
            if word is not raw[i]:  # punctuation was stripped: skip the leading part
                begin += len(raw[i]) - len(raw[i].lstrip(_PUNCT))
            end = begin + len(word)
            if origin is not None:
                begin, end = origin[begin], origin[end - 1] + 1
            cues.append(Cue(begin, end, lowers[i], value))
        return tuple(cues)


_DEFAULT = VaderScorer()


def polarity_scores(text: str) -> dict[str, float]:
    """vaderSentiment-compatible scores: ``{'neg', 'neu', 'pos', 'compound'}``.

    Examples
    --------
    >>> polarity_scores("The plot was good, but the characters are uncompelling.")["compound"]
    -0.1027
    """
    out = _DEFAULT.score(text)
    return {"neg": out.neg, "neu": out.neu, "pos": out.pos, "compound": out.compound}
