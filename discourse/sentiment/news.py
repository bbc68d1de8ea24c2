"""The "news" method: VADER adjusted for valence shifters, combined with TextBlob and contrast.

On opinionated news text (the NYT editorial snippets of Hutto & Gilbert 2014) VADER's compound
reaches Pearson r 0.503 with the human mean rating and TextBlob 0.299. This method starts from
VADER's word valences and adds what its rules miss in editorial writing, then combines the
result with TextBlob's polarity. Its four inputs:

``adjusted_compound``, ``adjusted_pos_minus_neg``
    VADER's compound and positive-minus-negative proportion, recomputed (same formulas) after
    one extra rule: a sentiment word within three words after a *shifter* in the same clause
    has its valence multiplied by VADER's negation factor -0.74. Shifters are reducers and
    preventers ("reduce poverty", "prevent war", "fewer deaths"; list
    ``sentiment_news_shifters``, after Polanyi & Zaenen 2006 and Choi & Cardie 2008) and
    deniers ("hardly inspires confidence", "failed to improve"; list ``sentiment_news_deniers``,
    after Kennedy & Inkpen 2006), which VADER ignores or treats as mere dampeners.
``polarity``
    TextBlob's pattern polarity (:mod:`discourse.sentiment.textblob_method`).
``contrast``
    The share of sentences that open with a contrastive connective (*but, yet, however, still,
    nevertheless, nonetheless, instead, although, though*): in editorials such a sentence
    usually turns to criticism.

**Irony** (:mod:`discourse.irony`, the signal stance and rhetoric share): a positive VADER
word inside an ironic stretch ("Great job! /s", "the "peace" deal") counts with the opposite
sign, and TextBlob's polarity is negated when it is positive and the whole scored text lies in
ironic stretches; the markers appear among the cues as ``irony:<marker>`` (value 0). The
``vader`` and ``textblob`` methods are left alone (they reproduce their reference packages).

The prediction is linear, ``predicted_mean = intercept + sum(weight_k * input_k)``, on the
human rating scale (-4..+4), and the score is ``predicted_mean / 4`` clipped to [-1, 1]. The
weights are fitted by :func:`discourse.validation.sentiment.fit_news_weights` (least squares
with a small ridge penalty, each of the four rated sets weighted equally; out-of-fold figures
from 10 fixed folds) and shipped in ``sentiment_news_weights.json`` with their provenance. The
shifter rule and the contrast feature read the shared tokens and sentences of the
:class:`~discourse.text.Doc`; VADER and TextBlob read the text as their references do.

Examples
--------
>>> out = NewsScorer().score("Fewer people will die.")
>>> out.features["adjusted_compound"] > 0, [c.cue for c in out.cues]
(True, ['shift:fewer', 'vader:die'])
>>> out = NewsScorer().score("Yet its courthouses hardly inspire confidence.")
>>> out.features["contrast"], out.predicted_mean < 0
(1.0, True)
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_right
from functools import lru_cache
from typing import Any, NamedTuple

from discourse.errors import LexiconError
from discourse.irony import IronyCue, irony
from discourse.lexicons import DATA_DIR, load_lexicon
from discourse.sentiment.result import Cue
from discourse.sentiment.textblob_method import PatternScorer
from discourse.sentiment.vader import N_SCALAR, VaderScorer, scores_from_valences
from discourse.text import Doc, as_doc

__all__ = [
    "NewsScorer",
    "NewsOutput",
    "FEATURES",
    "news_features",
    "predicted_to_score",
    "WEIGHTS_FILE",
]

FEATURES = ("adjusted_compound", "adjusted_pos_minus_neg", "polarity", "contrast")
"""The model's inputs, in the order of the weights."""

WEIGHTS_FILE = "sentiment_news_weights.json"
"""The fitted weights' file name in ``discourse/lexicons/data``."""

# Contrastive discourse connectives that open a sentence (a small closed set).
CONTRAST_OPENERS = frozenset(
    "but yet however still nevertheless nonetheless instead although though".split()
)
WINDOW = 3  # words before a sentiment word in which a shifter acts (as VADER's negation)


class NewsOutput(NamedTuple):
    """Raw output of the news method for one text.

    Attributes
    ----------
    predicted_mean : float
        Predicted human mean rating (-4..+4 scale).
    score : float
        ``predicted_mean / 4`` clipped to [-1, 1].
    features : dict of str to float
        The four inputs (see the module docstring).
    cues : tuple of Cue
        VADER's sentiment words with their adjusted valences (label ``vader:<word>``),
        TextBlob's assessed chunks (``textblob:<chunk>``), and the shifter and contrast words
        that fired (``shift:<word>``, ``contrast:<word>``; value 0, they act on the others).

    Examples
    --------
    >>> out = NewsScorer().score("")
    >>> out.features["contrast"], out.cues
    (0.0, ())
    """

    predicted_mean: float
    score: float
    features: dict[str, float]
    cues: tuple[Cue, ...]


class _Model:
    def __init__(self) -> None:
        path = DATA_DIR / WEIGHTS_FILE
        data = path.read_bytes()
        try:
            spec = json.loads(data.decode("utf-8"))
            weights = spec["weights"]
            self.intercept = float(weights["intercept"])
            self.weights = tuple(float(weights[name]) for name in FEATURES)
        except (ValueError, KeyError, TypeError) as exc:
            raise LexiconError(f"{path}: not a valid news-method weights file ({exc})") from None
        self.info = {
            "name": "sentiment_news_weights",
            "file": path.name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "version": str(spec.get("version", "")),
            "source": str(spec.get("fitted_on", "")),
            "licence": "same as discourse (fitted numbers only; no evaluation data)",
            "citation": str(spec.get("command", "")),
            "entries": str(len(FEATURES) + 1),
        }


@lru_cache(maxsize=None)
def _model() -> _Model:
    return _Model()


@lru_cache(maxsize=None)
def _shifters() -> frozenset[str]:
    return load_lexicon("sentiment_news_shifters").terms() | load_lexicon(
        "sentiment_news_deniers"
    ).terms()


_VADER = VaderScorer()
_PATTERN = PatternScorer()


def news_features(
    text_or_doc: str | Doc, sentence: int | None = None
) -> tuple[dict[str, float], tuple[Cue, ...]]:
    """The four input features of the news method, and the cues behind them.

    Parameters
    ----------
    text_or_doc : str or Doc
        The text.
    sentence : int, optional
        Score only sentence number `sentence` of the document (its shared tokens are used;
        cue offsets stay offsets into the whole text).

    Examples
    --------
    >>> feats, cues = news_features("The plan will reduce poverty.")
    >>> feats["adjusted_compound"] > 0, [c.cue for c in cues]
    (True, ['shift:reduce', 'vader:poverty'])
    """
    doc = as_doc(text_or_doc)
    shifters = _shifters()
    if sentence is None:
        offset, text = 0, doc.text
        ranges = doc.sentence_token_ranges
    else:
        span = doc.sentences[sentence]
        offset, text = span.start, doc.text[span.start : span.end]
        ranges = (doc.sentence_token_ranges[sentence],)
    vader = _VADER.score(text)
    pattern = _PATTERN.score(text)
    end_offset = offset + len(text)
    scopes = [c for c in irony(doc).cues if c.scope_start < end_offset and c.scope_end > offset]
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    firsts = [first for first, _ in ranges]
    cues: dict[tuple[int, int, str], Cue] = {}
    values = []
    for cue in vader.cues:
        start, end = cue.start + offset, cue.end + offset
        value = cue.value
        k = bisect_right(starts, start) - 1
        at = bisect_right(firsts, k) - 1
        if k >= 0 and at >= 0 and k < ranges[at][1]:
            # Look back over at most three words of the same sentence, stopping at punctuation.
            for j in range(k - 1, max(firsts[at], k - WINDOW) - 1, -1):
                token = tokens[j]
                if token.kind == "punct":
                    break
                if token.lower in shifters:
                    value = value * N_SCALAR
                    key = (token.start, token.end, "shift:" + token.lower)
                    cues[key] = Cue(*key, 0.0)
                    break
        if scopes and value > 0 and any(c.scope_start <= start < c.scope_end for c in scopes):
            value = -value  # praise inside irony counts as blame
        values.append(value)
        cues[(start, end, "vader:" + cue.cue)] = Cue(start, end, "vader:" + cue.cue, value)
    compound, pos, _, neg = scores_from_valences(values, vader.n_words, vader.emphasis)
    c: Cue | IronyCue  # a pattern cue here, an irony cue below
    for c in pattern.cues:
        key = (c.start + offset, c.end + offset, "textblob:" + c.cue)
        cues[key] = Cue(*key, c.value)
    openers = 0
    for first, stop in ranges:
        for token in tokens[first:stop]:
            if token.kind != "punct":
                if token.lower in CONTRAST_OPENERS:
                    openers += 1
                    key = (token.start, token.end, "contrast:" + token.lower)
                    cues[key] = Cue(*key, 0.0)
                break
    polarity = pattern.polarity
    for c in scopes:  # the marker, or (a marker outside the scored text) the ironic part of it
        start, end = max(c.start, offset), min(c.end, end_offset)
        if start >= end:
            start, end = max(c.scope_start, offset), min(c.scope_end, end_offset)
        key = (start, end, "irony:" + c.marker)
        cues[key] = Cue(*key, 0.0)
    if polarity > 0 and scopes and _covered(offset, end_offset, scopes, doc.text):
        polarity = -polarity
    features = {
        "adjusted_compound": compound,
        "adjusted_pos_minus_neg": pos - neg,
        "polarity": polarity,
        "contrast": openers / len(ranges) if ranges else 0.0,
    }
    return features, tuple(sorted(cues.values(), key=lambda c: (c.start, c.end, c.cue)))


def _covered(start: int, end: int, scopes: list[Any], text: str) -> bool:
    """True if every non-space character of ``text[start:end]`` lies in an ironic stretch."""
    position = start
    for c in sorted(scopes, key=lambda c: c.scope_start):
        if c.scope_start > position and text[position : c.scope_start].strip():
            return False
        position = max(position, c.scope_end)
    return not text[position:end].strip()


class NewsScorer:
    """The "news" method (see the module docstring).

    Examples
    --------
    >>> out = NewsScorer().score("The new guidelines will save lives and reduce suffering.")
    >>> round(out.score, 3), out.features["adjusted_compound"] > 0
    (0.295, True)
    """

    def get_params(self) -> dict[str, Any]:
        """No parameters (returns ``{}``; the weights file is recorded by lexicon_info)."""
        return {}

    def lexicon_info(self) -> list[dict[str, str]]:
        """Provenance of the fitted weights, the shifter lists, VADER and TextBlob."""
        from discourse.irony import irony_info

        infos = [dict(_model().info), irony_info()]
        for name in ("sentiment_news_shifters", "sentiment_news_deniers"):
            infos.append(load_lexicon(name).info())
        return infos + _VADER.lexicon_info() + _PATTERN.lexicon_info()

    def score(self, text_or_doc: str | Doc, sentence: int | None = None) -> NewsOutput:
        """Score a text (or one sentence of a :class:`~discourse.text.Doc`); see NewsOutput."""
        model = _model()
        features, cues = news_features(text_or_doc, sentence)
        predicted = model.intercept
        for weight, name in zip(model.weights, FEATURES):
            predicted += weight * features[name]
        return NewsOutput(predicted, predicted_to_score(predicted), features, cues)


def predicted_to_score(predicted_mean: float) -> float:
    """Map a predicted mean rating (-4..+4) to the score scale: divide by 4, clip to [-1, 1].

    Examples
    --------
    >>> predicted_to_score(1.0), predicted_to_score(-9.0)
    (0.25, -1.0)
    """
    return max(-1.0, min(1.0, predicted_mean / 4.0))
