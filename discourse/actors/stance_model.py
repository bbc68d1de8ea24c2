"""The fitted target-sentiment model: loading its weight file and scoring a mention, explained.

A multinomial logistic regression over the target-dependent features of
:mod:`discourse.actors.stance_features`, fitted on NewsMTSC (Hamborg & Donnay 2021) by
:mod:`discourse.training.target_sentiment` and shipped as ``stance_target_model.json`` with its
provenance. Inference is a dictionary look-up per fired feature and a sum (no numpy needed):

* class logits ``z_c = b_c + sum_f w_{c,f} x_f`` for negative, neutral, positive;
* ``raw = z_pos - z_neg`` (the stance logit) decomposes exactly into the intercept difference
  plus one term ``(w_{pos,f} - w_{neg,f}) x_f`` per fired feature, each tied to the character
  span of the word(s) that fired it;
* ``score = P(pos) - P(neg)`` in [-1, 1]; the label is the class with the highest logit after
  the file's ``label_offsets`` (a neutral offset chosen by cross-validation with the other
  settings); aggregates of several mentions are labelled by their mean score against the file's
  ``score_threshold`` (also chosen by cross-validation). That is the best-macro-F1 labelling;
* **confident calls** (the stance analyser's default, ``abstain=True``): a mention, like an
  aggregate, is positive when ``score`` exceeds the file's ``calls.score_threshold``, negative
  below minus it, else neutral; the threshold is the one with the best cross-validated macro-F1
  among those whose positive *and* negative labels reach a precision of 0.70 on held-out folds
  of the training data (``calls.cv`` in the file).

Irony (:mod:`discourse.irony`) flips a term: inside an ironic stretch, a term that speaks *for*
the target has its negative and positive weights swapped, so praise counts as blame; terms
against the target are left alone.

Examples
--------
>>> from discourse.text import Doc
>>> p = default_model().predict_span(Doc("Critics slammed Smith."), 16, 21)
>>> p.label in ("negative", "neutral", "positive"), abs(sum(c for _, c, _, _ in p.terms) + p.intercept - p.raw) < 1e-9
(True, True)
"""

from __future__ import annotations

import hashlib
import json
import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from discourse.errors import LexiconError
from discourse.lexicons import DATA_DIR
from discourse.actors.stance_features import FEATURE_VERSION, Hit, SentenceFacts, sentence_facts, target_features
from discourse.actors.stance_scoring import score_mention, word_rows
from discourse.text import Doc

__all__ = [
    "MODEL_FILE", "Prediction", "TargetSentimentModel", "default_model", "load_model", "mention_hits",
    "mention_inputs", "score_in_context",
]

MODEL_FILE = "stance_target_model.json"
_REACH_TOKENS = 40  # other mentions further than this (tokens) cannot fall in a feature window
CLASSES = ("negative", "neutral", "positive")


class Prediction(NamedTuple):
    """The model's decision for one target, with its terms.

    Attributes
    ----------
    label : str
        ``negative``, ``neutral`` or ``positive``.
    score : float
        ``P(positive) - P(negative)`` in [-1, 1].
    raw : float
        ``z_pos - z_neg``: intercept difference plus the sum of the terms.
    probabilities : tuple of float
        Negative, neutral, positive.
    intercept : float
        ``b_pos - b_neg``.
    terms : tuple of (str, float, int, int)
        ``(feature, contribution to raw, start, end)`` for every fired feature with a weight.

    Examples
    --------
    >>> Prediction("neutral", 0.0, 0.0, (0.2, 0.6, 0.2), 0.0, ()).label
    'neutral'
    """

    label: str
    score: float
    raw: float
    probabilities: tuple[float, float, float]
    intercept: float
    terms: tuple[tuple[str, float, int, int], ...]


class TargetSentimentModel:
    """A fitted weight file, ready to score feature hits.

    Parameters
    ----------
    data : dict
        The parsed weight file (see :mod:`discourse.training.target_sentiment`).
    sha256 : str
        SHA-256 of the file's bytes (recorded in provenance).
    path : str
        Where it was read from.

    Examples
    --------
    >>> m = default_model()
    >>> m.settings["lexicon"] in (True, False), len(m.sha256)
    (True, 64)
    """

    def __init__(self, data: dict[str, Any], sha256: str = "", path: str = "") -> None:
        if data.get("feature_version") != FEATURE_VERSION:
            raise LexiconError(
                f"stance model {path or '(given)'} was fitted with feature version "
                f"{data.get('feature_version')!r}, this library computes {FEATURE_VERSION!r}; "
                "refit it with `python -m discourse.training.target_sentiment TRAIN_DIR`"
            )
        self.data = data
        self.sha256 = sha256
        self.path = path
        self.settings: dict[str, Any] = dict(data["settings"])
        self.intercept: tuple[float, float, float] = tuple(data["intercept"])
        self.offsets: tuple[float, float, float] = tuple(data["label_offsets"])
        self.score_threshold = float(data["score_threshold"])
        calls = data.get("calls")
        if not isinstance(calls, dict) or "score_threshold" not in calls:
            raise LexiconError(
                f"stance model {path or '(given)'} has no confident-call threshold (\"calls\"); refit it "
                "with `python -m discourse.training.target_sentiment TRAIN_DIR`"
            )
        self.call_threshold = float(calls["score_threshold"])
        self.weights: dict[str, list[float]] = data["weights"]

    def __repr__(self) -> str:
        """The weight file's name and hash, no memory address: a model passed as a parameter
        (``StanceAnalyzer(model=...)``) is written into the run's provenance by its repr, which
        must be the same in every run.

        Examples
        --------
        >>> repr(default_model()).startswith("TargetSentimentModel(file='stance_target_model.json', sha256='")
        True
        """
        return f"TargetSentimentModel(file={Path(self.path).name!r}, sha256={self.sha256!r})"

    def __getstate__(self) -> dict[str, Any]:
        # The fast path's look-up tables (``word_rows_``) are rebuilt on demand, not shipped to
        # worker processes.
        return {k: v for k, v in self.__dict__.items() if k != "word_rows_"}

    def info(self) -> dict[str, str]:
        """Provenance record of the weight file (as :meth:`StanceAnalyzer.lexicon_info` lists).

        Examples
        --------
        >>> default_model().info()["name"]
        'stance_target_model'
        """
        d = self.data
        return {
            "name": d["name"],
            "file": Path(self.path).name,
            "sha256": self.sha256,
            "version": str(d["version"]),
            "source": d["source"],
            "licence": d["licence"],
            "citation": d["citation"],
            "entries": str(len(self.weights)),
        }

    def predict(self, hits: Sequence[Hit], flip: Sequence[tuple[int, int]] = ()) -> Prediction:
        """Score fired features; terms for the target inside a `flip` span (irony) count against it.

        Examples
        --------
        >>> default_model().predict([]).terms
        ()
        >>> m = default_model()
        >>> hit = Hit("s|good", 1.0, 0, 4)
        >>> m.predict([hit]).raw > m.predict([hit], flip=[(0, 4)]).raw
        True
        """
        weights = self.weights
        zn, zu, zp = self.intercept
        terms = []
        for hit in hits:
            w = weights.get(hit[0])
            if w is None:
                continue
            x = hit[1]
            wn, wp = w[0], w[2]
            name = hit[0]
            if flip and (wp - wn) * x > 0 and any(a <= hit[2] and hit[3] <= b for a, b in flip):
                wn, wp = wp, wn  # praise inside irony counts as blame
                name = f"{name} (irony)"
            zn += wn * x
            zu += w[1] * x
            zp += wp * x
            terms.append((name, (wp - wn) * x, hit[2], hit[3]))
        top = max(zn, zu, zp)
        en, eu, ep = math.exp(zn - top), math.exp(zu - top), math.exp(zp - top)
        total = en + eu + ep
        probabilities = (en / total, eu / total, ep / total)
        on, ou, op = self.offsets
        adjusted = (zn + on, zu + ou, zp + op)
        label = CLASSES[adjusted.index(max(adjusted))]
        return Prediction(label, probabilities[2] - probabilities[0], zp - zn, probabilities,
                          self.intercept[2] - self.intercept[0], tuple(terms))

    def predict_spans(
        self, hits: Sequence[Hit], flip: Sequence[tuple[int, int]] = ()
    ) -> tuple[str, float, float, dict[tuple[int, int], list[Any]], bool]:
        """:meth:`predict` with the terms summed per span (the fast path of the stance tables).

        Returns the label, the score, ``raw``, ``{(start, end): [contribution, feature, ...]}``
        and whether irony flipped a term.

        Examples
        --------
        >>> m = default_model()
        >>> hits = [Hit("s|good", 1.0, 0, 4), Hit("c|good", 1.0, 0, 4)]
        >>> label, score, raw, spans, flipped = m.predict_spans(hits)
        >>> abs(spans[(0, 4)][0] + m.predict([]).raw - raw) < 1e-9, spans[(0, 4)][1:]
        (True, ['s|good', 'c|good'])
        """
        weights = self.weights
        zn, zu, zp = self.intercept
        spans: dict[tuple[int, int], list[Any]] = {}
        flipped = False
        for name, x, start, end in hits:
            w = weights.get(name)
            if w is None:
                continue
            wn, wp = w[0], w[2]
            if flip and (wp - wn) * x > 0 and any(a <= start and end <= b for a, b in flip):
                wn, wp = wp, wn  # praise inside irony counts as blame
                name = f"{name} (irony)"
                flipped = True
            zn += wn * x
            zu += w[1] * x
            zp += wp * x
            entry = spans.get((start, end))
            if entry is None:
                spans[(start, end)] = [(wp - wn) * x, name]
            else:
                entry[0] += (wp - wn) * x
                entry.append(name)
        top = max(zn, zu, zp)
        en, eu, ep = math.exp(zn - top), math.exp(zu - top), math.exp(zp - top)
        total = en + eu + ep
        on, ou, op = self.offsets
        adjusted = (zn + on, zu + ou, zp + op)
        return CLASSES[adjusted.index(max(adjusted))], (ep - en) / total, zp - zn, spans, flipped

    def predict_span(self, doc: Doc, start: int, end: int) -> Prediction:
        """Score a target given by character offsets (no registry, no rule cues: a quick check).

        Examples
        --------
        >>> default_model().predict_span(Doc("x"), 0, 0).label
        'neutral'
        """
        si = doc.sentence_of(start)
        if si is None or start >= end:
            return Prediction("neutral", 0.0, 0.0, (0.0, 1.0, 0.0), 0.0, ())
        first, stop = doc.sentence_token_ranges[si]
        tokens = doc.tokens
        t0 = next((k for k in range(first, stop) if tokens[k].end > start), stop)
        t1 = next((k for k in range(t0, stop) if tokens[k].start >= end), stop)
        return self.predict(target_features(doc, si, t0, max(t1, t0 + 1), settings=self.settings))


def mention_inputs(ctx: Any, scan: Any, mention: Any) -> tuple[SentenceFacts, list[tuple[int, int]]]:
    """The sentence facts of a mention (computed once per sentence) and the token ranges of the
    other mentions near it (bisection, so a sentence with thousands of mentions stays linear).

    Examples
    --------
    >>> from discourse.actors.context import DocContext
    >>> from discourse.actors import ActorRegistry
    >>> ctx = DocContext(Doc("Russia and Iran lied."), ActorRegistry.default())
    >>> facts, others = mention_inputs(ctx, ctx.scan(0), ctx.mentions[0])
    >>> facts.words[:2], others
    (('russia', 'and'), [(2, 3)])
    """
    si = scan[0]
    key = ("stance_facts", si)
    facts = ctx.sentence_cache.get(key)
    if facts is None:
        facts = ctx.sentence_cache[key] = sentence_facts(ctx.doc, si)
    key = ("stance_mention_starts", si)
    group = ctx.by_sentence.get(si, ())
    starts = ctx.sentence_cache.get(key)
    if starts is None:
        starts = ctx.sentence_cache[key] = [m[7] for m in group]
    lo = bisect_left(starts, mention[7] - _REACH_TOKENS)
    hi = bisect_right(starts, mention[8] + _REACH_TOKENS)
    return facts, [(m[7], m[8]) for m in group[max(0, lo - 8) : hi] if m is not mention]


def mention_hits(
    ctx: Any, scan: Any, mention: Any, rule_cues: Sequence[Any], settings: dict[str, Any]
) -> list[Hit]:
    """The features of a mention in an analysis context (shared by fitting and inference).

    `ctx` is a :class:`~discourse.actors.context.DocContext`, `scan` the sentence's scan, `mention` a
    :class:`~discourse.actors.Mention`, `rule_cues` the rule method's evidence for it.

    Examples
    --------
    >>> from discourse.actors.context import DocContext
    >>> from discourse.actors import ActorRegistry
    >>> ctx = DocContext(Doc("Russia lied."), ActorRegistry.default())
    >>> m = ctx.mentions[0]
    >>> [h.name for h in mention_hits(ctx, ctx.scan(0), m, (), {"lexicon": False})][:2]
    ['R1|lied', 'c|lied']
    """
    facts, others = mention_inputs(ctx, scan, mention)
    return target_features(ctx.doc, scan[0], mention[7], mention[8], others, rule_cues, scan[3], settings, facts)


def score_in_context(
    model: TargetSentimentModel, ctx: Any, scan: Any, mention: Any, rule_cues: Sequence[Any]
) -> tuple[str, float, float, dict[tuple[int, int], list[Any]]]:
    """:func:`~discourse.actors.stance_scoring.score_mention` of a mention in an analysis context
    (the label, score, raw and per-span terms of ``model.predict_spans(mention_hits(...))``
    without irony flips; the words' weights looked up once per sentence).

    Examples
    --------
    >>> from discourse.actors.context import DocContext
    >>> from discourse.actors import ActorRegistry
    >>> ctx = DocContext(Doc("Russia lied."), ActorRegistry.default())
    >>> m, model = ctx.mentions[0], default_model()
    >>> hits = mention_hits(ctx, ctx.scan(0), m, (), model.settings)
    >>> score_in_context(model, ctx, ctx.scan(0), m, ()) == model.predict_spans(hits)[:4]
    True
    """
    facts, others = mention_inputs(ctx, scan, mention)
    rows_of = word_rows(model)
    key = ("stance_rows", scan[0])
    cached = ctx.sentence_cache.get(key)
    if cached is None or cached[0] is not rows_of:
        cached = ctx.sentence_cache[key] = (rows_of, rows_of.rows(facts))
    return score_mention(model, ctx.doc, facts, cached[1], mention[7], mention[8], others, rule_cues, scan[3])


def load_model(path: str | Path) -> TargetSentimentModel:
    """Read a weight file.

    Raises
    ------
    LexiconError
        If the file is missing or not a model file of this feature version.

    Examples
    --------
    >>> load_model(DATA_DIR / MODEL_FILE).data["name"]
    'stance_target_model'
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise LexiconError(f"cannot read stance model {path}: {exc}; reinstall discourse or refit it") from None
    return TargetSentimentModel(data, hashlib.sha256(raw).hexdigest(), str(path))


@lru_cache(maxsize=1)
def default_model() -> TargetSentimentModel:
    """The shipped model (read once per process).

    Examples
    --------
    >>> default_model() is default_model()
    True
    """
    return load_model(DATA_DIR / MODEL_FILE)

