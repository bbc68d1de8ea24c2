"""Result types of sentiment analysis: a scored text, its cues, and its sentences.

Every score carries its evidence: :class:`Cue` objects give the character offsets (into the
scored unit's own text) of the words that moved the score, with the value each contributed.

Labels follow VADER's convention (Hutto & Gilbert 2014): a score at or above ``+threshold`` is
``"positive"``, at or below ``-threshold`` ``"negative"``, anything in between ``"neutral"``;
the default threshold is 0.05 (see :data:`DEFAULT_THRESHOLD`).

Examples
--------
>>> label_for(0.3), label_for(-0.05), label_for(0.01)
('positive', 'negative', 'neutral')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from discourse.model import Span

__all__ = [
    "LABELS",
    "DEFAULT_THRESHOLD",
    "label_for",
    "Cue",
    "SentimentResult",
    "SentenceSentiments",
]

LABELS = ("negative", "neutral", "positive")
"""The three labels, in scale order."""

DEFAULT_THRESHOLD = 0.05
"""VADER's published cut-off: compound >= 0.05 positive, <= -0.05 negative."""

def label_for(score: float, threshold: float = DEFAULT_THRESHOLD) -> str:
    """The label of `score`: positive at ``>= threshold``, negative at ``<= -threshold``.

    Examples
    --------
    >>> label_for(0.05), label_for(0.0499), label_for(-0.2, threshold=0.25)
    ('positive', 'neutral', 'neutral')
    """
    if score >= threshold:
        return "positive"
    if score <= -threshold:
        return "negative"
    return "neutral"


class Cue(NamedTuple):
    """A word (or phrase) that contributed to a score.

    Attributes
    ----------
    start, end : int
        Character offsets into the scored unit's text (``text[start:end]`` is the surface).
    cue : str
        The lexicon entry that matched (lower case), or the phrase for chunked cues.
    value : float
        What it contributed, in the method's own units (VADER: the word's final valence after
        all rules, -4..+4 scale; TextBlob: the chunk's polarity, -1..+1).

    Examples
    --------
    >>> c = Cue(4, 8, "good", 1.9)
    >>> c.span, c.span.slice("not good")
    (Span(start=4, end=8, label='good'), 'good')
    """

    start: int
    end: int
    cue: str
    value: float

    @property
    def span(self) -> Span:
        """The cue as a :class:`~discourse.model.Span` labelled with the cue word."""
        return Span(self.start, self.end, self.cue)


@dataclass(frozen=True, slots=True)
class SentimentResult:
    """The sentiment of one text (a comment, an article, a sentence...).

    Attributes
    ----------
    score : float
        The method's headline score in [-1, 1] (VADER: compound; TextBlob: polarity;
        news: predicted human mean rating / 4).
    label : str
        ``"negative"``, ``"neutral"`` or ``"positive"`` (see :func:`label_for`).
    method : str
        ``"vader"``, ``"textblob"`` or ``"news"``.
    fields : mapping of str to float
        The method's own measures: VADER ``compound, pos, neu, neg``; TextBlob
        ``polarity, subjectivity``; news its inputs and ``predicted_mean``.
    cues : tuple of Cue
        The evidence, in text order.
    params : mapping
        The analyser's parameters (``get_params()``) that produced it.
    span : Span or None
        For a sentence-level result, the sentence's span in the owner's text (cue offsets are
        then also offsets into the owner's text); ``None`` for a whole text.

    Examples
    --------
    >>> cues = (Cue(0, 4, "good", 1.9),)
    >>> r = SentimentResult(0.44, "positive", "vader", {"compound": 0.44}, cues)
    >>> [(row["measure"], row["value"]) for row in r.to_records()]
    [('score', 0.44), ('compound', 0.44)]
    """

    score: float
    label: str
    method: str
    fields: Mapping[str, float] = field(default_factory=dict)
    cues: tuple[Cue, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)
    span: Span | None = None

    def to_records(self, keys: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Tidy rows, one per measure.

        Columns: ``method``; ``measure`` (``"score"`` first, then the method's fields in a
        fixed order); ``value`` (float); ``label`` (the result's label, repeated so that any
        filtered subset keeps it); ``n_cues`` (number of evidence cues); ``irony`` (the irony
        markers the method applied, ``marker@start:end`` joined by ``"; "``; only the ``news``
        method reads irony, see :mod:`discourse.irony`). `keys` are columns added to every row
        (the pipeline adds ``thread_id``, ``unit_id``, ``unit_kind`` and where the text lies).

        Examples
        --------
        >>> r = SentimentResult(0.4, "positive", "vader", {"pos": 0.5}, ())
        >>> [(row["measure"], row["value"], row["unit_id"]) for row in r.to_records({"unit_id": "c1"})]
        [('score', 0.4, 'c1'), ('pos', 0.5, 'c1')]
        """
        ironic = "; ".join([f"{c.cue[6:]}@{c.start}:{c.end}" for c in self.cues if c.cue.startswith("irony:")])
        base = {"method": self.method, "label": self.label, "n_cues": len(self.cues), "irony": ironic}
        if keys:
            base.update(keys)
        rows = [{"measure": "score", "value": float(self.score), **base}]
        rows += [{"measure": k, "value": float(v), **base} for k, v in self.fields.items()]
        return rows

    def cue_records(self, keys: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """The evidence as tidy rows: ``method, start, end, cue, value`` (and `keys`, columns
        added to every row).

        Examples
        --------
        >>> SentimentResult(0.4, "positive", "vader", {}, (Cue(0, 4, "good", 1.9),)).cue_records()
        [{'method': 'vader', 'start': 0, 'end': 4, 'cue': 'good', 'value': 1.9}]
        """
        method = self.method
        if keys:
            return [
                {"method": method, "start": c.start, "end": c.end, "cue": c.cue, "value": c.value, **keys}
                for c in self.cues
            ]
        return [{"method": method, "start": c.start, "end": c.end, "cue": c.cue, "value": c.value} for c in self.cues]


@dataclass(frozen=True, slots=True)
class SentenceSentiments:
    """Sentence-by-sentence sentiment of one text (its sentence-level profile).

    Attributes
    ----------
    method : str
        The method used.
    sentences : tuple of SentimentResult
        One result per sentence of ``doc.sentences``, in order; each has its ``span`` set and
        its cues' offsets point into the whole text.

    Examples
    --------
    >>> from discourse.sentiment import sentence_sentiments
    >>> prof = sentence_sentiments("Great news. Terrible outcome.")
    >>> prof.labels
    ('positive', 'negative')
    """

    method: str
    sentences: tuple[SentimentResult, ...] = ()

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def scores(self) -> tuple[float, ...]:
        """The sentence scores in order."""
        return tuple(r.score for r in self.sentences)

    @property
    def labels(self) -> tuple[str, ...]:
        """The sentence labels in order."""
        return tuple(r.label for r in self.sentences)

    def to_records(self, keys: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Tidy rows, one per sentence x measure.

        Columns: ``sentence`` (0-based index), ``start``, ``end`` (the sentence's offsets in the
        text), then the columns of :meth:`SentimentResult.to_records` (and `keys`, columns added
        to every row).
        """
        rows = []
        for index, result in enumerate(self.sentences):
            span = result.span
            where = {
                "sentence": index,
                "start": span.start if span else 0,
                "end": span.end if span else 0,
            }
            if keys:
                where.update(keys)
            rows += result.to_records(where)
        return rows
