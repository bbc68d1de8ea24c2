"""The result of scoring one text: two probabilities, their terms and the evidence spans.

Examples
--------
>>> from discourse.incivility import score
>>> r = score("You are a stupid idiot.")
>>> r.uncivil, [(s.kind, r.text[s.start:s.end]) for s in r.spans]
(True, [('name-calling', 'stupid idiot')])
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["IncivilityResult", "IncivilitySpan", "Term", "KINDS", "MEASURES", "SPAN_COLUMNS", "RECORD_COLUMNS"]

KINDS = ("insult", "name-calling", "profanity", "threat", "identity attack", "dehumanisation", "exclusion", "other")
"""The kinds of evidence span."""

MEASURES = ("incivility", "intolerance")
"""The two measures: rudeness toward people, and attacks on groups and their rights."""

RECORD_COLUMNS = ("incivility", "intolerance", "uncivil", "intolerant", "n_spans")
"""Keys of :meth:`IncivilityResult.to_record`."""

SPAN_COLUMNS = ("start", "end", "surface", "kind", "probability", "incivility", "intolerance")
"""Keys of :meth:`IncivilityResult.span_records`."""


@dataclass(frozen=True)
class Term:
    """One feature occurrence and what it adds to each measure's logit.

    Attributes
    ----------
    feature : str
        The feature (see :mod:`discourse.incivility.features`).
    start, end : int
        Character offsets of the words it was found on.
    incivility, intolerance : float
        Its weight in each model (its contribution to the logit).
    """

    feature: str
    start: int
    end: int
    incivility: float
    intolerance: float


@dataclass(frozen=True)
class IncivilitySpan:
    """An evidence span: words the span model marks as uncivil or intolerant.

    Attributes
    ----------
    start, end : int
        Character offsets into the text.
    kind : str
        One of :data:`KINDS`.
    probability : float
        The span model's highest word probability within the span.
    incivility, intolerance : float
        The span's contribution to each measure's logit (the terms on its words; a term on
        several words is shared equally among them).
    """

    start: int
    end: int
    kind: str
    probability: float
    incivility: float
    intolerance: float


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


@dataclass(frozen=True)
class IncivilityResult:
    """Incivility and intolerance of one text, with the terms and spans behind them.

    Attributes
    ----------
    text : str
        The scored text (every offset refers to it).
    logits : tuple of float
        ``(incivility, intolerance)`` log-odds: intercept + the sum of the terms.
    intercepts : tuple of float
        The models' intercepts.
    spans : tuple of IncivilitySpan
        The evidence spans.
    threshold : float
        Probability at or above which a text counts as uncivil / intolerant.

    Examples
    --------
    >>> from discourse.incivility import score
    >>> r = score("Thank you for the thoughtful article.")
    >>> r.incivility < 0.5, r.spans
    (True, ())
    >>> abs(r.intercepts[0] + sum(t.incivility for t in r.terms) - r.logits[0]) < 1e-9
    True
    """

    text: str
    logits: tuple[float, float]
    intercepts: tuple[float, float]
    spans: tuple[IncivilitySpan, ...] = ()
    threshold: float = 0.5
    explainer: Callable[[], tuple[Term, ...]] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def _of(
        cls,
        text: str,
        logits: tuple[float, float],
        intercepts: tuple[float, float],
        spans: tuple[IncivilitySpan, ...],
        threshold: float,
        explainer: Callable[[], tuple[Term, ...]] | None,
    ) -> "IncivilityResult":
        """The result with these fields, made without the frozen dataclass's ``__init__`` (which
        sets each field by a call of ``object.__setattr__``; the analyser makes one result per
        text). Equal to the constructor's, field for field."""
        self = object.__new__(cls)
        self.__dict__.update(
            text=text, logits=logits, intercepts=intercepts, spans=spans, threshold=threshold, explainer=explainer
        )
        return self

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every feature occurrence with a non-zero weight in either model (computed on first
        access: scoring itself does not need them). ``intercept + sum = logit``."""
        cached = self.__dict__.get("_terms")
        if cached is None:
            cached = self.explainer() if self.explainer is not None else ()
            object.__setattr__(self, "_terms", cached)
        return cached

    @property
    def incivility(self) -> float:
        """Probability that the text is uncivil (rude toward people), in [0, 1]."""
        return _sigmoid(self.logits[0])

    @property
    def intolerance(self) -> float:
        """Probability that the text is intolerant (attacks a group or its rights), in [0, 1]."""
        return _sigmoid(self.logits[1])

    @property
    def uncivil(self) -> bool:
        """``incivility >= threshold``."""
        return self.incivility >= self.threshold

    @property
    def intolerant(self) -> bool:
        """``intolerance >= threshold``."""
        return self.intolerance >= self.threshold

    def contributions(self, measure: str = "incivility", top: int | None = 10) -> list[dict[str, Any]]:
        """The terms of one measure, largest absolute contribution first.

        Examples
        --------
        >>> from discourse.incivility import score
        >>> score("What an idiot.").contributions(top=1)[0]["surface"]
        'idiot'
        """
        if measure not in MEASURES:
            raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")
        rows = [
            {"feature": t.feature, "start": t.start, "end": t.end, "surface": self.text[t.start : t.end],
             "contribution": getattr(t, measure)}
            for t in self.terms
            if getattr(t, measure)
        ]
        rows.sort(key=lambda r: (-abs(r["contribution"]), r["start"], r["feature"]))
        return rows[:top] if top is not None else rows

    def to_record(self) -> dict[str, Any]:
        """One row: ``incivility``, ``intolerance``, ``uncivil``, ``intolerant``, ``n_spans``.

        Examples
        --------
        >>> from discourse.incivility import score
        >>> sorted(score("ok").to_record())
        ['incivility', 'intolerance', 'intolerant', 'n_spans', 'uncivil']
        """
        # each probability once (the properties would compute it twice): the same values
        incivility = _sigmoid(self.logits[0])
        intolerance = _sigmoid(self.logits[1])
        return {
            "incivility": incivility,
            "intolerance": intolerance,
            "uncivil": incivility >= self.threshold,
            "intolerant": intolerance >= self.threshold,
            "n_spans": len(self.spans),
        }

    def span_records(self) -> list[dict[str, Any]]:
        """One row per evidence span (:data:`SPAN_COLUMNS`).

        Examples
        --------
        >>> from discourse.incivility import score
        >>> [r["surface"] for r in score("Shut up, moron.").span_records()]
        ['Shut up', 'moron']
        """
        text = self.text
        return [
            {"start": s.start, "end": s.end, "surface": text[s.start : s.end], "kind": s.kind,
             "probability": s.probability, "incivility": s.incivility, "intolerance": s.intolerance}
            for s in self.spans
        ]
