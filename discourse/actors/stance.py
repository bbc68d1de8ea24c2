"""Stance toward named actors, with the evidence behind every score and the source it belongs to.

*Stance* here is the evaluation of an actor expressed in a text: favourable (positive),
unfavourable (negative) or neither (neutral), in the sense of Mohammad et al. (2016), measured
per mention and aggregated per sentence, unit (comment, article) and part of a thread. Whole-
sentence sentiment is a poor proxy: a sentence can praise one actor and condemn another, and
the evaluation may be someone else's.

Two methods, chosen with ``method``:

``"fitted"`` (default)
    A target-sentiment model fitted on NewsMTSC (Hamborg & Donnay 2021;
    :mod:`discourse.actors.stance_model`): a multinomial logistic regression over
    target-dependent features (:mod:`discourse.actors.stance_features`: words by side, distance,
    clause and quotation; negation and modal scope; other names in between; the target as agent
    or patient of a verb; its noun phrase; the rule method's attached cues below; the sentence's
    lexicon valence). ``raw`` is the logit difference positive minus negative, ``score`` is
    ``P(positive) - P(negative)``. The label is a *confident call* (``abstain=True``, the
    default): positive when ``score`` exceeds the weight file's call threshold, negative below
    minus it, else neutral, the threshold chosen by cross-validation on the training data so that
    positive and negative labels each reach a precision of 0.70 on held-out folds (with the best
    macro-F1 among such thresholds); with ``abstain=False`` the label is the most probable class
    (after a neutral offset chosen for the best cross-validated macro-F1). A confident call is
    *withheld* (label neutral, score 0, the reason as ``role`` and as a zero-weight evidence term
    of lexicon ``scope``) when the author asserts nothing about the mention: a question, a
    conditional clause, a country named as a place, an attributive demonym, a part or the
    members of the actor (:mod:`discourse.actors.assertion`; ``scope=False`` switches it off). The evidence lists every word with its summed contribution to
    ``raw`` (lexicon ``stance_target_model``; the features it fired in ``note``); words whose
    terms sum to less than 0.05 in absolute value are summed into one ``(other words)`` term
    spanning the sentence, so ``raw`` minus the evidence sum is exactly the model's intercept
    difference.

``"rules"``
    The lexicon-and-rules method below (the default before 0.2), kept for comparison.

In both, irony (:mod:`discourse.irony`: "/s", eye-roll emoji, "Surely...", scare-quoted praise)
flips praise inside its stretch into blame (``irony=True``), and the records say so. The rule
method scores a mention by the cues *attached* to it:

1. **Cues** come from the conflict-reporting lexicon ``stance_cues`` ("regime", "proxy",
   "pawn", "liberate", "illegal seizure"...), evaluative speech acts ``stance_speech_acts``
   ("accused", "praised"...) and VADER's general lexicon (minus ``stance_neutral``: names,
   fillers and topic words such as "war"); an epithet alias ("Assad regime") counts as a cue
   of its own mention.
2. **Negation** (a negator up to three words before, VADER's factor -0.74), **intensifiers**
   (x1.25 / x0.75) and capitals (x1.2) are applied per cue.
3. **Attachment**: a cue's weight decays with the token distance *d* to the mention,
   ``1 / (1 + (d - 1) / distance_scale)``, within a window, and is multiplied by a factor for
   every clause boundary in between (contrast "but"/"while" 0.35, ";" 0.35, relative and
   subordinate clauses 0.6, comma 0.7, "and" 0.85), so evaluations do not leak across "but".
4. **Roles**: an evaluative speech act evaluates its object ("accused *the US*") fully and its
   subject only with ``speaker_weight``; a hostile or helpful action evaluates its agent fully
   and its patient with ``patient_weight`` (passives swap the sides).
5. **Attribution** (:mod:`discourse.actors.attribution`): a mention inside reported content gets the
   speaker as its ``source`` and only cues of that content count; a mention that is itself a
   speaker is not evaluated by what it says (``speaker_weight``).

The weighted sum *S* of cue values (VADER's -4..+4 scale) is normalised like VADER's compound,
``score = S / sqrt(S^2 + alpha)``, and labelled positive above ``threshold``, negative below
``-threshold``, else neutral. Every record carries its cues with spans, weights and
contributions, so each number can be checked against the text.

Aggregates (sentence, unit, part): a single mention keeps its label; several are labelled by
their mean score against ``threshold`` (for the fitted model: the file's call threshold, or its
``score_threshold`` with ``abstain=False``, both chosen by cross-validation).

Examples
--------
>>> r = stance("Russia has openly accused the US of violating de-escalation zones.", method="rules")
>>> [(m.actor, m.source, m.label) for m in r.mentions]
[('russia', 'author', 'neutral'), ('united_states', 'russia', 'negative')]
"""

from __future__ import annotations

import math
from heapq import nsmallest
from bisect import bisect_left, bisect_right
from operator import attrgetter, is_
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Any, NamedTuple

from discourse.actors.assertion import unasserted
from discourse.actors.attribution import Attribution, index_around, mention_attributions
from discourse.actors.context import ROUND6, DocContext, SentenceScan, cue_index
from discourse.actors.matching import Mention
from discourse.actors.registry import ActorRegistry, registry_or_default
from discourse.actors.stance_model import (
    TargetSentimentModel,
    default_model,
    load_model,
    mention_hits,
    score_in_context,
)
from discourse.actors.stance_features import NAME_FORM_FEATURE
from discourse.actors.units import thread_units
from discourse.errors import InputError
from discourse.irony import Irony, irony, irony_info
from discourse.results.columns import records
from discourse.model import Thread
from discourse.text import Doc, as_doc

__all__ = [
    "LABELS",
    "CueEvidence",
    "MentionStance",
    "StanceResult",
    "ThreadStance",
    "StanceAnalyzer",
    "stance",
    "stance_toward",
    "thread_stance",
]

LABELS = ("negative", "neutral", "positive")
"""Stance labels."""

METHODS = ("fitted", "rules")
"""Stance methods (see the module notes)."""

class CueEvidence(NamedTuple):
    """One cue's contribution to a mention's stance (a light immutable record).

    Attributes
    ----------
    term : str
        The lexicon entry ("accus*", "regime", "illegal seizure").
    start, end : int
        Span of the cue in the text.
    value : float
        The cue's valence after negation/intensity, VADER scale (-4..+4).
    weight : float
        Attachment weight to the mention (distance, boundaries, role, attribution), 0..1.
    contribution : float
        ``value * weight``.
    lexicon : str
        Where the valence came from (``stance_cues``, ``stance_speech_acts``, ``vader``).
    note : str
        Modifiers and roles applied ("negated by 'not'; object of speech act").

    Examples
    --------
    >>> e = stance("The Assad regime fell.", method="rules").mentions[0].cues[0]
    >>> e.term, e.value, e.lexicon
    ('regime', -1.5, 'stance_cues')
    """

    term: str
    start: int
    end: int
    value: float
    weight: float
    contribution: float
    lexicon: str
    note: str = ""

    def to_text(self) -> str:
        """Compact form ``term@start:end(+0.123)`` used in aggregated rows.

        Examples
        --------
        >>> CueEvidence("pawn", 10, 14, -2.0, 0.5, -1.0, "stance_cues").to_text()
        'pawn@10:14(-1.000)'
        """
        return f"{self.term}@{self.start}:{self.end}({self.contribution:+.3f})"


class MentionStance(NamedTuple):
    """The stance toward one mention (or any target span), a light immutable record.

    Attributes
    ----------
    actor : str
        Actor id (``"target"`` for an arbitrary span given to :func:`stance_toward`).
    alias, form : str
        How the actor was named.
    start, end : int
        The mention's span.
    sentence : int
        Index of the sentence; `sentence_start`, `sentence_end` its span.
    source : str
        Whose stance: ``"author"`` or the speaker (an actor id, or ``"other"``).
    source_text : str
        The speaker phrase as written ('' for the author).
    role : str
        ``"author"`` (the author's own words), ``"reported"`` (inside reported speech) or
        ``"speaker"`` (the mention is the one speaking); for a withheld confident call of the
        fitted model, the reason (``"question"``, ``"conditional"``, ``"place"``,
        ``"attributive"``, ``"member"``; :mod:`discourse.actors.assertion`).
    raw : float
        The weighted cue sum *S* (VADER scale).
    score : float
        ``S / sqrt(S^2 + alpha)`` in [-1, 1].
    label : str
        One of :data:`LABELS`.
    cues : tuple of CueEvidence
        The evidence, in text order.
    irony : str
        The irony markers that flipped evidence of this mention (``marker@start:end``; '' if none).

    Examples
    --------
    >>> m = stance_toward("The brutal dictator spoke.", 11, 19, method="rules")
    >>> m.label, [c.term for c in m.cues]
    ('negative', ['brutal'])
    """

    actor: str
    alias: str
    form: str
    start: int
    end: int
    sentence: int
    sentence_start: int
    sentence_end: int
    source: str
    source_text: str
    role: str
    raw: float
    score: float
    label: str
    cues: tuple[CueEvidence, ...] = ()
    irony: str = ""

    def to_record(self) -> dict[str, Any]:
        """One tidy row (see :meth:`StanceResult.to_records`, level ``"mention"``).

        Examples
        --------
        >>> stance("Damascus lied.").mentions[0].to_record()["label"]
        'negative'
        """
        return {
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "actor": self.actor,
            "alias": self.alias,
            "form": self.form,
            "start": self.start,
            "end": self.end,
            "source": self.source,
            "source_text": self.source_text,
            "role": self.role,
            "raw": round(self.raw, 6),
            "score": round(self.score, 6),
            "label": self.label,
            "n_cues": sum(1 for c in self.cues if c.contribution),
            "evidence": "; ".join(c.to_text() for c in self.cues if c.contribution),
            "irony": self.irony,
        }


_CONTEXT_REACH = 60  # tokens: the sentence context of a mention, bounded for giant sentences
_NOBODY: tuple[None, tuple[()]] = (None, ())  # no attribution around a mention
_CUE_K = attrgetter("k")
_new_evidence = partial(tuple.__new__, CueEvidence)  # skips the generated __new__: hot path
_new_mention_stance = partial(tuple.__new__, MentionStance)


def _label(score: float, threshold: float) -> str:
    if score > threshold:
        return "positive"
    if score < -threshold:
        return "negative"
    return "neutral"




class _Formatted(dict):
    """Memo of the ``(+0.123)`` part of :meth:`CueEvidence.to_text` per contribution."""

    def __missing__(self, x: float) -> str:
        if len(self) > 20_000:  # bounded
            self.clear()
        text = self[x] = f"({x:+.3f})"
        return text


_FORMATTED = _Formatted()

# A prepared mention (see _prepare): the record, the texts of its contributing cues in text
# order, the same cues strongest first as (-|contribution|, start, text), its rounded score,
# all texts joined and the strongest eight joined.
_Prepared = tuple[MentionStance, list[str], list[tuple[float, int, str]], float, str, str]
_NONE: list[Any] = []  # shared by mentions without cues (never modified)


def _prepare(mentions: Iterable[MentionStance]) -> list[_Prepared]:
    """What the record tables need from each mention, computed once per result.

    Sorting the (-|contribution|, start, text) tuples needs no key function: a tie in the first
    two means the same cue (same start, same weight), hence the same text, as the stable sort by
    (-|contribution|, start) of the cues would give.
    """
    formatted = _FORMATTED
    heads: dict[int, tuple[str, int, str]] = {}  # start -> (term, end, "term@start:end")
    prepared = []
    for m in mentions:
        ranked: list[tuple[float, int, str]] = []
        for c in m[14]:  # term, start, end, value, weight, contribution, lexicon, note
            contribution = c[5]
            if not contribution:
                continue
            start = c[1]
            head = heads.get(start)
            if head is None or head[0] != c[0] or head[1] != c[2]:  # the same cue in other mentions
                head = heads[start] = (c[0], c[2], f"{c[0]}@{start}:{c[2]}")
            # CueEvidence.to_text: head + "(+0.123)"
            ranked.append((-abs(contribution), start, head[2] + formatted[contribution]))
        if len(ranked) > 1:
            texts = [cue[2] for cue in ranked]
            evidence = "; ".join(texts)
            ranked.sort()
            top = "; ".join([cue[2] for cue in ranked[:8]])
        elif ranked:
            texts = [ranked[0][2]]
            evidence = top = texts[0]
        else:
            texts = ranked = _NONE
            evidence = top = ""
        score = m[12]
        prepared.append((m, texts, ranked, round(score, 6) if score else score, evidence, top))
    return prepared


def _aggregate(
    prepared: Iterable[_Prepared], threshold: float, key_actor: Any, sentence: MentionStance | None = None
) -> list[tuple[Any, ...]]:
    """Mean score per (actor, source) with counts and evidence, as rows in the order of
    :data:`UNIT_COLUMNS` (of :data:`SENTENCE_COLUMNS` if `sentence`, a mention of the sentence,
    is given)."""
    groups: dict[tuple[str, str], list[_Prepared]] = {}
    for item in prepared:
        m = item[0]
        key = (key_actor(m[0]) if key_actor is not None else m[0], m[8])  # actor, source
        group = groups.get(key)
        if group is None:
            groups[key] = [item]
        else:
            group.append(item)
    head = () if sentence is None else (sentence[5], sentence[6], sentence[7])
    rows = []
    for (actor, source), items in groups.items():
        n = len(items)
        if n == 1:
            item = items[0]
            m = item[0]
            score = m[12]
            if score and score.__class__ is float:  # sum([score]) / 1 is score itself
                rounded = item[3]
            else:
                score = sum([score]) / 1
                rounded = round(score, 6)
            label = m[13]
            n_ironic = 1 if m[15] else 0
            n_cued = 1 if item[1] else 0
            n_positive = 1 if label == "positive" else 0
            n_negative = 1 if label == "negative" else 0
            evidence = item[5]
        else:
            score = sum([item[0][12] for item in items]) / n
            rounded = round(score, 6)
            n_cued = sum([1 for item in items if item[1]])
            labels = [item[0][13] for item in items]
            n_positive = labels.count("positive")
            n_negative = labels.count("negative")
            n_ironic = sum([1 for item in items if item[0][15]])
            # (each mention's cues are ranked already, and a cue with eight stronger ones in its own
            # mention is not among the group's strongest eight: only each mention's first eight count)
            evidence = "; ".join([cue[2] for cue in nsmallest(8, [cue for item in items for cue in item[2][:8]])])
            label = "positive" if score > threshold else ("negative" if score < -threshold else "neutral")
        rows.append(
            (*head, actor, source, n, n_cued, n_positive, n_negative, rounded, label, evidence, n_ironic)
        )
    return rows


UNIT_COLUMNS = (
    "actor", "source", "n_mentions", "n_cued", "n_positive", "n_negative", "score", "label", "evidence", "n_ironic",
)
"""Columns of :meth:`StanceResult.to_columns` at level ``"unit"`` (per actor x source)."""

SENTENCE_COLUMNS = ("sentence", "sentence_start", "sentence_end") + UNIT_COLUMNS
"""Columns at level ``"sentence"`` (per sentence x actor x source)."""

MENTION_COLUMNS = (
    "sentence", "sentence_start", "sentence_end", "actor", "alias", "form", "start", "end", "source",
    "source_text", "role", "raw", "score", "label", "n_cues", "evidence", "irony",
)
"""Columns at level ``"mention"`` (see :meth:`MentionStance.to_record`)."""

EVIDENCE_COLUMNS = (
    "sentence", "actor", "source", "mention_start", "mention_end",
    "term", "start", "end", "value", "weight", "contribution", "lexicon", "note",
)
"""Columns at level ``"evidence"`` (per mention x cue)."""

LEVEL_COLUMNS = {
    "unit": UNIT_COLUMNS, "sentence": SENTENCE_COLUMNS, "mention": MENTION_COLUMNS, "evidence": EVIDENCE_COLUMNS,
}
"""The columns of each level of :meth:`StanceResult.to_columns`."""


def _columns(names: Sequence[str], rows: Sequence[Sequence[Any]]) -> dict[str, list[Any]]:
    """Rows (tuples in the order of `names`) as one list per column."""
    if not rows:
        return {name: [] for name in names}
    return dict(zip(names, map(list, zip(*rows))))


def _rounded6(values: Iterable[Any]) -> list[Any]:
    """``round(x, 6)`` of each value, through the :data:`ROUND6` memo for floats (values and
    weights recur); zeros keep their sign, other numbers are rounded as they are."""
    r6 = ROUND6
    return [(r6[x] if x else x) if x.__class__ is float else round(x, 6) for x in values]


def _mention_columns(prepared: Sequence[_Prepared]) -> dict[str, list[Any]]:
    """The ``"mention"`` level: one row per mention, column by column."""
    if not prepared:
        return {name: [] for name in MENTION_COLUMNS}
    (actor, alias, form, start, end, sentence, sentence_start, sentence_end, source, source_text, role, raw, _,
     label, _, irony_) = map(list, zip(*[item[0] for item in prepared]))
    return {
        "sentence": sentence,
        "sentence_start": sentence_start,
        "sentence_end": sentence_end,
        "actor": actor,
        "alias": alias,
        "form": form,
        "start": start,
        "end": end,
        "source": source,
        "source_text": source_text,
        "role": role,
        "raw": [round(x, 6) if x else x for x in raw],  # (a zero is its own rounding)
        "score": [item[3] for item in prepared],
        "label": label,
        "n_cues": [len(item[1]) for item in prepared],
        "evidence": [item[4] for item in prepared],
        "irony": irony_,
    }


def _evidence_columns(mentions: Sequence[MentionStance]) -> dict[str, list[Any]]:
    """The ``"evidence"`` level: one row per mention x cue, column by column (the cues are
    tuples in column order already: their fields are transposed, the mention's repeated)."""
    sentence: list[int] = []
    actor: list[str] = []
    source: list[str] = []
    mention_start: list[int] = []
    mention_end: list[int] = []
    cues: list[CueEvidence] = []
    for m in mentions:
        found = m[14]
        n = len(found)
        if n:
            sentence += [m[5]] * n
            actor += [m[0]] * n
            source += [m[8]] * n
            mention_start += [m[3]] * n
            mention_end += [m[4]] * n
            cues += found
    if not cues:
        return {name: [] for name in EVIDENCE_COLUMNS}
    term, start, end, value, weight, contribution, lexicon, note = map(list, zip(*cues))
    rounded = _rounded6(value)
    # (a fitted model's term carries one number as its value and its contribution: rounded once)
    contribution = rounded.copy() if all(map(is_, value, contribution)) else _rounded6(contribution)
    return {
        "sentence": sentence,
        "actor": actor,
        "source": source,
        "mention_start": mention_start,
        "mention_end": mention_end,
        "term": term,
        "start": start,
        "end": end,
        "value": rounded,
        "weight": _rounded6(weight),
        "contribution": contribution,
        "lexicon": lexicon,
        "note": note,
    }


@dataclass(frozen=True)
class StanceResult:
    """Stance toward every actor mentioned in one text.

    Attributes
    ----------
    mentions : tuple of MentionStance
        One record per mention, in text order.
    threshold : float
        Label threshold used for aggregates.
    params : mapping
        The analyser's parameters.

    Notes
    -----
    :meth:`to_records` levels and columns:

    ``"unit"`` (default): one row per actor x source: ``actor``, ``source``, ``n_mentions``,
    ``n_cued`` (mentions with at least one cue), ``n_positive``, ``n_negative``, ``score``
    (mean of mention scores, [-1, 1]), ``label``, ``evidence`` (strongest cues as
    ``term@start:end(contribution)``).

    ``"sentence"``: the same per sentence, plus ``sentence``, ``sentence_start``,
    ``sentence_end``.

    ``"mention"``: one row per mention (see :meth:`MentionStance.to_record`).

    ``"evidence"``: one row per cue x mention: ``sentence``, ``actor``, ``source``,
    ``mention_start``, ``mention_end``, ``term``, ``start``, ``end``, ``value``, ``weight``,
    ``contribution``, ``lexicon``, ``note``.

    Examples
    --------
    >>> r = stance("The US-backed SDF captured the fields. Damascus condemned the SDF.", method="rules")
    >>> [(row["actor"], row["source"], row["label"]) for row in r.to_records()]
    [('united_states', 'author', 'neutral'), ('sdf', 'author', 'neutral'), ('syrian_government', 'author', 'negative'), ('sdf', 'syrian_government', 'negative')]
    """

    mentions: tuple[MentionStance, ...] = ()
    threshold: float = 0.05
    params: Mapping[str, Any] = field(default_factory=dict)
    rollup: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def _prepared(self) -> list[_Prepared]:
        """Each mention with its contributing cues and their texts (built once, when the first
        table is asked for: the texts are only needed in records)."""
        return _prepare(self.mentions)

    def to_records(self, level: str = "unit") -> list[dict[str, Any]]:
        """Tidy rows at a level: ``unit``, ``sentence``, ``mention`` or ``evidence`` (see Notes;
        the rows of :meth:`to_columns`)."""
        if level != "evidence":
            return records(self.to_columns(level))
        # Evidence (about 16 rows per mention) row by row, as dict displays: twice as fast as
        # zipping the lists of to_columns into dicts, for the CSV output; the two are pinned
        # equal by tests/test_actor_columns.py. round(x, 6) through a memo for floats (values
        # and weights recur); zeros keep their sign.
        r6 = ROUND6
        return [
            {
                "sentence": sentence,
                "actor": actor,
                "source": source,
                "mention_start": m_start,
                "mention_end": m_end,
                "term": term,
                "start": start,
                "end": end,
                "value": (r6[value] if value else value) if value.__class__ is float else round(value, 6),
                "weight": (r6[weight] if weight else weight) if weight.__class__ is float else round(weight, 6),
                "contribution": (r6[contribution] if contribution else contribution)
                if contribution.__class__ is float else round(contribution, 6),
                "lexicon": lexicon,
                "note": note,
            }
            for actor, _, _, m_start, m_end, sentence, _, _, source, _, _, _, _, _, cues, _ in self.mentions
            for term, start, end, value, weight, contribution, lexicon, note in cues
        ]

    def to_columns(self, level: str = "unit") -> dict[str, list[Any]]:
        """The table of :meth:`to_records` column by column: column name -> one list of values
        (the columns of :data:`LEVEL_COLUMNS`, in that order), without a dict per row (what the
        pipeline gathers: about 16 evidence rows per mention).

        Examples
        --------
        >>> r = stance("Damascus lied. Damascus lied again.", method="rules")
        >>> columns = r.to_columns("mention")
        >>> columns["actor"], columns["label"]
        (['syrian_government', 'syrian_government'], ['negative', 'negative'])
        >>> r.to_columns("unit")["n_mentions"]
        [2]
        """
        if level == "evidence":
            return _evidence_columns(self.mentions)
        if level == "mention":
            return _mention_columns(self._prepared)
        if level == "unit" or level == "sentence":
            return _columns(LEVEL_COLUMNS[level], self._aggregate_rows(level))
        raise ValueError(f"unknown level {level!r}; use 'unit', 'sentence', 'mention' or 'evidence'")

    def _aggregate_rows(self, level: str) -> list[tuple[Any, ...]]:
        """The rows of level ``"unit"`` or ``"sentence"`` as tuples (see :func:`_aggregate`)."""
        rollup = self.rollup
        actor_key = (lambda a: rollup.get(a, a)) if rollup else None
        if level == "unit":
            return _aggregate(self._prepared, self.threshold, actor_key)
        by_sentence: dict[int, list[_Prepared]] = {}
        for item in self._prepared:
            si = item[0][5]
            group = by_sentence.get(si)
            if group is None:
                by_sentence[si] = [item]
            else:
                group.append(item)
        threshold = self.threshold
        rows = []
        for items in by_sentence.values():
            rows += _aggregate(items, threshold, actor_key, items[0][0])
        return rows

    def of(self, actor: str, source: str | None = None) -> list[MentionStance]:
        """The mention records of one actor (and one source, if given).

        `actor` and `source` may be ids, display names or aliases (resolved with the analyser's
        registry, see :meth:`~discourse.actors.ActorRegistry.resolve`); ``"author"`` and
        ``"other"`` are sources too.

        Raises
        ------
        UnknownActorError
            A name the registry does not know (with suggestions).

        Examples
        --------
        >>> [m.label for m in stance("Syria praised Iran.").of("iran")]
        ['positive']
        >>> [m.source for m in stance("Syria praised Iran.").of("Iran", source="Syria")]
        ['syria']
        """
        actor = self._resolve(actor)
        if source is not None and source not in ("author", "other"):
            source = self._resolve(source)
        return [m for m in self.mentions if m.actor == actor and (source is None or m.source == source)]

    def _resolve(self, name: str) -> str:
        """An actor id for `name` (an id found in these results is taken as it is)."""
        if any(m.actor == name or m.source == name for m in self.mentions):
            return name
        return registry_or_default(self.params.get("registry")).resolve(name)


@dataclass(frozen=True)
class ThreadStance:
    """Stance in every unit of a thread (title, article, comments), comparable across parts.

    Attributes
    ----------
    units : tuple of (part, unit_kind, unit_id, StanceResult)
        Per-unit results, in thread order.
    threshold : float
        Label threshold for aggregates.

    Notes
    -----
    :meth:`to_records` levels: ``"part"`` (default: one row per part x actor x source, the
    mean over all mentions of that part, with ``n_units`` and evidence as
    ``unit:term@start:end(contribution)``, where unit is ``title``, ``article`` or the comment
    id and the offsets are into that unit's text), and ``"unit"``, ``"sentence"``, ``"mention"``,
    ``"evidence"`` (the per-unit tables of :class:`StanceResult` with ``part``,
    ``unit_kind`` and ``unit_id`` in front).

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> rows = thread_stance(load_seed()).to_records()
    >>> sorted({r["part"] for r in rows})
    ['article', 'comments']
    """

    units: tuple[tuple[str, str, str, StanceResult], ...] = ()
    threshold: float = 0.05

    def to_records(self, level: str = "part") -> list[dict[str, Any]]:
        """Tidy rows at a level (see Notes)."""
        if level != "part":
            rows = []
            for part, kind, unit_id, result in self.units:
                for row in result.to_records(level):
                    rows.append({"part": part, "unit_kind": kind, "unit_id": unit_id, **row})
            return rows
        groups: dict[tuple[str, str, str], list[tuple[str, _Prepared]]] = {}
        for part, _kind, unit_id, result in self.units:
            rollup = result.rollup
            label = unit_id  # "title", "article" or a comment id
            for item in result._prepared:
                m = item[0]
                key = (part, rollup.get(m.actor, m.actor) if rollup else m.actor, m.source)
                group = groups.get(key)
                if group is None:
                    groups[key] = [(label, item)]
                else:
                    group.append((label, item))
        rows = []
        for key, items in groups.items():  # in order of first appearance
            score = sum([item[0].score for _, item in items]) / len(items)
            # strongest first, then by unit and start (a tie in all three is the same cue); only
            # each mention's strongest eight can be among the group's (its cues are ranked by the
            # same order: the unit is the same for all of them)
            cues = nsmallest(8, [(cue[0], uid, cue[1], cue[2]) for uid, item in items for cue in item[2][:8]])
            labels = [item[0].label for _, item in items]
            if len(items) == 1:  # a single mention keeps its label
                label = labels[0]
            else:
                label = _label(score, self.threshold)
            rows.append(
                {
                    "part": key[0],
                    "actor": key[1],
                    "source": key[2],
                    "n_units": len({uid for uid, _ in items}),
                    "n_mentions": len(items),
                    "n_cued": sum([1 for _, item in items if item[1]]),
                    "n_positive": labels.count("positive"),
                    "n_negative": labels.count("negative"),
                    "score": round(score, 6),
                    "label": label,
                    "evidence": "; ".join([f"{cue[1]}:{cue[3]}" for cue in cues[:8]]),
                    "n_ironic": sum([1 for _, item in items if item[0].irony]),
                }
            )
        return rows


class StanceAnalyzer:
    """Configurable stance scorer (see the module docstring for the method).

    Parameters
    ----------
    registry : ActorRegistry, optional
        Actors to find (default: :meth:`ActorRegistry.default`).
    method : {"fitted", "rules"}
        The fitted target-sentiment model (default) or the lexicon-and-rules method. The fitted
        model also reads the rules' attached cues (as some of its features), so the rule
        parameters below matter to both.
    model : str, path or TargetSentimentModel, optional
        A weight file for ``method="fitted"``, or one already read with
        :func:`~discourse.actors.stance_model.load_model` (to score many texts with another model
        without reading it again; default: the bundled ``stance_target_model.json``; refit with
        ``python -m discourse.training.target_sentiment``).
    irony : bool
        Let irony markers (:mod:`discourse.irony`) flip praise inside their stretch into blame.
    abstain : bool
        ``method="fitted"``: label a mention positive or negative only when the model is
        confident enough, i.e. its score beyond ``threshold`` (default: the weight file's
        cross-validated call threshold, chosen for a precision of 0.70 of each polar label on
        held-out training folds); neutral otherwise. ``False``: the most probable class (the
        best cross-validated macro-F1, more polar labels, lower precision).
    scope : bool
        With ``abstain=True``: withhold the call (label ``neutral``, score 0, the reason as the
        mention's ``role`` and as an evidence term of weight 0) of an author's mention that the
        sentence does not assert anything about: in a question, in a conditional clause, a
        country named as a place, an attributive demonym, a part or the members of the actor
        (:mod:`discourse.actors.assertion`).
    window : int
        Cues further than this many tokens from the mention are ignored.
    distance_scale : float
        Tokens over which a cue's weight halves (plus one).
    speaker_weight : float
        Weight of what a speaker says about others, and of a speech act, for the speaker.
    patient_weight : float
        Weight of an action's valence for the one it is done to.
    outside_weight : float
        Weight of cues outside the reported content for a mention inside it.
    context_weight : float
        Floor of the attachment weight of every cue of the sentence: the sentence is the
        context of each of its mentions, attached cues count fully, the others weakly.
    alpha : float
        Normalisation constant (VADER's 15).
    threshold : float, optional
        Absolute score above which a stance is positive/negative (rules, and the fitted model's
        confident calls; for both methods the threshold for aggregates of several mentions).
        ``None``: 0.05 for the rules; for the fitted model the weight file's cross-validated call
        threshold (``abstain=True``) or its ``score_threshold`` (``abstain=False``).
    use_attribution, use_roles, use_boundaries : bool
        Switch parts of the method off (for ablation studies).
    rollup : bool
        Aggregate actors to the top of their parent chain (Pentagon -> United States).

    Examples
    --------
    >>> a = StanceAnalyzer(threshold=0.2)
    >>> a.get_params()["threshold"], a.get_params()["method"]
    (0.2, 'fitted')
    >>> [m.label for m in a.analyze("The heroic Syrian Army liberated Deir Ezzor.").mentions]
    ['positive']
    >>> [m.label for m in StanceAnalyzer(method="rules").analyze("The heroic Syrian Army liberated Deir Ezzor.").mentions]
    ['positive']
    """

    def __init__(
        self,
        *,
        registry: ActorRegistry | None = None,
        method: str = "fitted",
        model: str | Path | TargetSentimentModel | None = None,
        irony: bool = True,
        abstain: bool = True,
        scope: bool = True,
        window: int = 20,
        distance_scale: float = 3.0,
        speaker_weight: float = 0.1,
        patient_weight: float = 0.3,
        outside_weight: float = 0.25,
        context_weight: float = 0.2,
        alpha: float = 15.0,
        threshold: float | None = None,
        use_attribution: bool = True,
        use_roles: bool = True,
        use_boundaries: bool = True,
        rollup: bool = False,
    ) -> None:
        if method not in METHODS:
            raise InputError(f"unknown stance method {method!r}; use one of {', '.join(METHODS)}")
        self.registry = registry
        self.method = method
        self.model = model
        self.irony = irony
        self.abstain = abstain
        self.scope = scope
        self.window = window
        self.distance_scale = distance_scale
        self.speaker_weight = speaker_weight
        self.patient_weight = patient_weight
        self.outside_weight = outside_weight
        self.context_weight = context_weight
        self.alpha = alpha
        self.threshold = threshold
        self.use_attribution = use_attribution
        self.use_roles = use_roles
        self.use_boundaries = use_boundaries
        self.rollup = rollup

    _PARAMS = (
        "registry", "method", "model", "irony", "abstain", "scope", "window", "distance_scale", "speaker_weight", "patient_weight",
        "outside_weight", "context_weight", "alpha", "threshold", "use_attribution", "use_roles",
        "use_boundaries", "rollup",
    )

    def get_params(self) -> dict[str, Any]:
        """The constructor's parameters (the registry as given, ``None`` for the default).

        Examples
        --------
        >>> sorted(StanceAnalyzer().get_params())[:3]
        ['abstain', 'alpha', 'context_weight']
        """
        return {
            "registry": self.registry,
            "method": self.method,
            "model": self.model,
            "irony": self.irony,
            "abstain": self.abstain,
            "scope": self.scope,
            "window": self.window,
            "distance_scale": self.distance_scale,
            "speaker_weight": self.speaker_weight,
            "patient_weight": self.patient_weight,
            "outside_weight": self.outside_weight,
            "context_weight": self.context_weight,
            "alpha": self.alpha,
            "threshold": self.threshold,
            "use_attribution": self.use_attribution,
            "use_roles": self.use_roles,
            "use_boundaries": self.use_boundaries,
            "rollup": self.rollup,
        }  # the names of _PARAMS, in order

    def lexicon_info(self) -> list[dict[str, str]]:
        """Provenance of the lexicons and the actor registry used.

        Examples
        --------
        >>> [d["name"] for d in StanceAnalyzer().lexicon_info()][:2]
        ['vader', 'stance_cues']
        >>> "stance_target_model" in [d["name"] for d in StanceAnalyzer().lexicon_info()]
        True
        """
        info = cue_index().info() + registry_or_default(self.registry).provenance()
        if self.method == "fitted":
            info.append(self._model().info())
        if self.irony:
            info.append(irony_info())
        return info

    def effective_threshold(self) -> float:
        """The label threshold in use (``threshold``, or the method's default when ``None``).

        Examples
        --------
        >>> StanceAnalyzer(method="rules").effective_threshold()
        0.05
        """
        if self.threshold is not None:
            return float(self.threshold)
        if self.method != "fitted":
            return 0.05
        model = self._model()
        return model.call_threshold if self.abstain else model.score_threshold

    def _model(self) -> TargetSentimentModel:
        model = self.__dict__.get("model_")
        if model is None:
            if self.model is None:
                model = default_model()
            elif isinstance(self.model, TargetSentimentModel):
                model = self.model
            else:
                model = load_model(self.model)
            self.__dict__["model_"] = model  # learned state ends in _ (not a parameter)
        return model


    # -- analysis ---------------------------------------------------------------------------
    def analyze(self, text_or_doc: str | Doc) -> StanceResult:
        """Stance toward every actor mentioned in a text.

        Examples
        --------
        >>> StanceAnalyzer().analyze("").mentions
        ()
        """
        return self.analyze_context(DocContext(as_doc(text_or_doc), registry_or_default(self.registry)))

    def analyze_context(self, ctx: DocContext) -> StanceResult:
        """Stance for a prepared :class:`~discourse.actors.context.DocContext`.

        The internal API of the actor analysers: :class:`~discourse.actors.analyzer.ActorAnalyzer`
        builds one context per text and hands it to stance, relations and predication, so
        mentions are found and sentences scanned once.

        Examples
        --------
        >>> from discourse.actors.context import DocContext
        >>> from discourse.actors import default_registry
        >>> from discourse.text import Doc
        >>> r = StanceAnalyzer().analyze_context(DocContext(Doc("Iran lied."), default_registry()))
        >>> [row["label"] for row in r.to_records()]
        ['negative']
        """
        doc = ctx.doc
        registry = ctx.registry
        records = []
        sentences = doc.sentences
        use_attribution = self.use_attribution
        if self.irony and ctx.by_sentence:
            _irony_of(ctx)
        for si in sorted(ctx.by_sentence):
            scan = ctx.scan(si)
            sentence = sentences[si]
            s_start, s_end = sentence.start, sentence.end
            attributions = mention_attributions(ctx, si) if use_attribution else None
            if attributions is None:
                for mention in ctx.by_sentence[si]:
                    records.append(self._score(ctx, scan, mention, s_start, s_end, _NOBODY))
            else:
                for mention, attribution in zip(ctx.by_sentence[si], attributions):
                    records.append(self._score(ctx, scan, mention, s_start, s_end, attribution))
        rollup = {a: registry.root(a) for a in {r.actor for r in records}} if self.rollup else {}
        return StanceResult(tuple(records), self.effective_threshold(), self.get_params(), rollup)

    def toward(self, text_or_doc: str | Doc, start: int, end: int) -> MentionStance:
        """Stance toward an arbitrary target span (a person not in the registry, say).

        Actor mentions elsewhere in the text still count as names (not cues) and as speakers.

        Examples
        --------
        >>> StanceAnalyzer().toward("Critics slammed Smith.", 16, 21).label
        'negative'
        """
        doc = as_doc(text_or_doc)
        start = max(0, min(start, len(doc.text)))
        end = max(start, min(end, len(doc.text)))
        tokens = doc.tokens
        si = doc.sentence_of(start)
        if si is None:  # between sentences: the nearest following one
            si = next((n for n, s in enumerate(doc.sentences) if s.start >= start), None)
        if si is None or start == end:
            return MentionStance("target", doc.text[start:end], "name", start, end, si or 0, 0, 0,
                                 "author", "", "author", 0.0, 0.0, "neutral", ())
        first, stop = doc.sentence_token_ranges[si]
        t0 = next((k for k in range(first, stop) if tokens[k].end > start), stop)
        t1 = next((k for k in range(t0, stop) if tokens[k].start >= end), stop)
        target = Mention(start, end, "target", doc.text[start:end], "name", False, si, t0, max(t1, t0 + 1))
        registry = registry_or_default(self.registry)
        found = registry.find(doc)
        others = [m for m in found if m.end <= start or m.start >= end]
        ctx = DocContext(doc, registry, sorted(others + [target], key=lambda m: m.start))
        if self.irony:
            _irony_of(ctx)
        sentence = doc.sentences[si]
        # The actor the span names, if the registry knows it: its kind and form for the scope tests.
        overlap = [m for m in found if m.start < end and m.end > start]
        named = max(overlap, key=lambda m: min(m.end, end) - max(m.start, start)) if overlap else None
        actor = (registry[named.actor_id].kind, named.form) if named is not None else ("", "")
        return self._score(ctx, ctx.scan(si), target, sentence.start, sentence.end, actor=actor)

    def thread(self, thread: Thread | Iterable[tuple[str, str]]) -> ThreadStance:
        """Stance in every unit of a thread.

        Examples
        --------
        >>> ts = StanceAnalyzer().thread([("article", "Iran lied."), ("comments", "Iran is great.")])
        >>> [(r["part"], r["label"]) for r in ts.to_records()]
        [('article', 'negative'), ('comments', 'positive')]
        """
        units = tuple(
            (u.part, u.kind, u.id, self.analyze(u.text)) for u in thread_units(thread)
        )
        return ThreadStance(units, self.effective_threshold())

    # -- the methods --------------------------------------------------------------------------
    def _score(
        self,
        ctx: DocContext,
        scan: SentenceScan,
        mention: Mention,
        s_start: int,
        s_end: int,
        attribution: tuple[Attribution | None, Sequence[Attribution]] | None = None,
        actor: tuple[str, str] | None = None,
    ) -> MentionStance:
        """The stance record of one mention by the configured method (`actor`: the actor's kind
        and the mention's form, for the scope tests; looked up in the registry if not given)."""
        record = self._rules_score(ctx, scan, mention, s_start, s_end, attribution)
        if self.method == "rules":
            return record
        return self._fitted_score(ctx, scan, mention, record, actor)

    def _fitted_score(
        self, ctx: DocContext, scan: SentenceScan, mention: Mention, record: MentionStance,
        actor: tuple[str, str] | None = None,
    ) -> MentionStance:
        """The fitted model's record: the rules' source and role, the model's score and terms."""
        model = self._model()
        found = ctx.sentence_cache.get(_IRONY_KEY) if self.irony else None
        flips = _flips(ctx, found, mention) if found else ()
        if flips:  # (rare) the reference path, which flips praise inside irony
            hits = mention_hits(ctx, scan, mention, record[14], model.settings)
            label, score, raw, by_span, flipped = model.predict_spans(hits, [(c[4], c[5]) for c in flips])
        else:  # the same sums without feature records
            label, score, raw, by_span = score_in_context(model, ctx, scan, mention, record[14])
            flipped = False
        lower = ctx.doc.lower
        kept = []
        rest = 0.0
        for key, entry in by_span.items():
            total = entry[0]
            if -_EVIDENCE_MIN < total < _EVIDENCE_MIN:
                rest += total  # many words weigh almost nothing: one residual term keeps the sum exact
            else:
                kept.append((key, entry))
        if len(kept) > 1:
            kept.sort(key=_span_start)  # (stable: spans with the same start stay in insertion order)
        evidence = [
            _new_evidence((_TARGET_NAMED if len(entry) == 2 and entry[1] == NAME_FORM_FEATURE
                           else lower[start:end], start, end, entry[0], 1.0, entry[0], _MODEL_LEXICON,
                           entry[1] if len(entry) == 2 else "; ".join(entry[1:])))
            for (start, end), entry in kept
        ]
        if rest:
            evidence.append(_new_evidence((_REST_TERM, record[6], record[7], rest, 1.0, rest, _MODEL_LEXICON,
                                           f"sum of the terms below {_EVIDENCE_MIN} each (the sentence's other words)")))
        head = record[:11]
        if self.abstain:  # a confident call: the score beyond the threshold, else neutral
            threshold = self.effective_threshold()
            label = "positive" if score > threshold else ("negative" if score < -threshold else "neutral")
            if self.scope and record[8] == "author":
                if actor is None:
                    known = mention[2] in ctx.registry
                    actor = (ctx.registry[mention[2]].kind if known else "", mention[4])
                withheld = unasserted(ctx.doc, scan.index, mention[7], mention[8], *actor)
                if withheld is not None:  # not the author's assertion: no call, and the record says why
                    label, score = "neutral", 0.0
                    head = (*record[:10], withheld.reason)
                    evidence.append(_new_evidence((f"({withheld.reason})", withheld.start, withheld.end, 0.0, 0.0, 0.0,
                                                   _SCOPE_LEXICON, f"{withheld.note}; call withheld")))
        ironic = record[15] or ("; ".join([c.to_text() for c in flips]) if flipped else "")
        return _new_mention_stance((*head, raw, score, label, tuple(evidence), ironic))

    def _rules_score(
        self,
        ctx: DocContext,
        scan: SentenceScan,
        mention: Mention,
        s_start: int,
        s_end: int,
        attribution: tuple[Attribution | None, Sequence[Attribution]] | None = None,
    ) -> MentionStance:
        """The stance record of one mention; `attribution` is its (container, speaking) pair
        from :func:`~discourse.actors.attribution.mention_attributions`, looked up if not given."""
        t0, t1 = mention[7], mention[8]  # token_start, token_end
        if attribution is None:
            container: Attribution | None = None
            speaking: Sequence[Attribution] = ()
            if self.use_attribution:
                index = index_around(ctx, scan.index, mention.start)
                if index:
                    container = index.innermost(mention.start)
                    speaking = index.speaking(mention.start, mention.end)
        else:
            container, speaking = attribution
        evidence = []
        raw = 0.0
        window, scale, floor = self.window, self.distance_scale, self.context_weight
        use_boundaries, use_roles = self.use_boundaries, self.use_roles
        speaker_weight, patient_weight = self.speaker_weight, self.patient_weight
        cues = scan.cues
        reach = window if not floor else max(window, _CONTEXT_REACH)
        first = scan.first
        if t0 - reach > first or t1 + reach < scan.stop - 1:  # else every cue is in reach
            cues = cues[bisect_left(cues, t0 - reach, key=_CUE_K) : bisect_right(cues, t1 + reach, key=_CUE_K)]
        carry, shift = scan.carry, scan.shift
        mention_at = ctx.mention_at_token
        attributed = container is not None or speaking
        found = ctx.sentence_cache.get(_IRONY_KEY) if self.irony else None
        flips = _flips(ctx, found, mention) if found else ()
        flipped: list[Any] = []
        for cue in cues:
            # cue: k, k_end, start, end, term, value, base, lexicon, role, relation, category,
            # passive, note
            value = cue[5]
            if not value:
                continue
            k, k_end = cue[0], cue[1]
            if k_end <= t0:
                d, left = t0 - k_end + 1, True
            elif k >= t1:
                d, left = k - t1 + 1, False
            else:
                d, left = 0, None  # an epithet's own word
            if d > window:
                if not floor:
                    continue
                weight = 0.0
            elif d > 1:
                weight = 1.0 / (1.0 + (d - 1) / scale)
                if use_boundaries:  # SentenceScan.between, inlined
                    i, j = (k_end - first, t0 - first) if left else (t1 - first, k - first)
                    if shift:
                        weight *= math.ldexp(carry[j] / carry[i], shift[i] - shift[j])
                    else:
                        weight *= carry[j] / carry[i]
            else:
                weight = 1.0
            if weight < floor:
                weight = floor  # the sentence is the context of every mention
            note = cue[12]  # notes are joined with "; "
            role = cue[8]
            if use_roles and left is not None and (role == "speech" or role == "action"):
                # The verb's object stands after it (before it in a passive); its agent before.
                passive = cue[11]
                if role == "speech":
                    if left != passive:
                        low, high = (k_end, t0) if left else (t1, k)
                        if any(
                            mention_at.get(j) is not None and mention_at[j] is not mention for j in range(low, high)
                        ):
                            weight *= speaker_weight  # another actor is the object
                            note = f"{note}; not the object of the speech act" if note else "not the object of the speech act"
                        else:
                            note = f"{note}; object of the speech act" if note else "object of the speech act"
                    else:
                        weight *= speaker_weight
                        note = f"{note}; speaker of the speech act" if note else "speaker of the speech act"
                elif left == passive:
                    note = f"{note}; agent of the action" if note else "agent of the action"
                else:
                    weight *= patient_weight
                    note = f"{note}; patient of the action" if note else "patient of the action"
            if attributed:
                start = cue[2]
                if container is not None and not (
                    container.cue.start <= start < container.cue.end
                    or container.content.start <= start < container.content.end
                ):
                    weight *= self.outside_weight
                    note = f"{note}; outside the reported content" if note else "outside the reported content"
                for attribution_ in speaking:
                    if attribution_.content.start <= start < attribution_.content.end:
                        weight *= speaker_weight
                        note = f"{note}; said by this speaker" if note else "said by this speaker"
                        break
            if weight <= 0.0:
                continue
            if flips and value > 0:
                start = cue[2]
                for flip in flips:
                    if flip[4] <= start < flip[5]:  # praise inside irony counts as blame
                        value = -value
                        note = f"{note}; flipped by irony" if note else "flipped by irony"
                        if flip not in flipped:
                            flipped.append(flip)
                        break
            contribution = value * weight
            raw += contribution
            evidence.append(_new_evidence((cue[4], cue[2], cue[3], value, weight, contribution, cue[7], note)))
        score = raw / math.sqrt(raw * raw + self.alpha) if raw else 0.0
        score = max(-1.0, min(1.0, score))
        if container is not None:
            source, source_text, role_name = container.source, container.source_text, "reported"
            if source == "author":
                role_name = "author"
        else:
            source, source_text, role_name = "author", "", "author"
        if speaking and role_name == "author":
            role_name = "speaker"
        threshold = self.threshold if self.threshold is not None else 0.05
        label = "positive" if score > threshold else ("negative" if score < -threshold else "neutral")
        return _new_mention_stance(
            (mention[2], mention[3], mention[4], mention[0], mention[1], scan.index,
             s_start, s_end, source, source_text, role_name, raw, score, label, tuple(evidence),
             "; ".join([c.to_text() for c in flipped]) if flipped else "")
        )


_IRONY_KEY = ("irony",)
_IRONY_INDEX = ("irony_index",)
_MODEL_LEXICON = "stance_target_model"
_SCOPE_LEXICON = "scope"  # the evidence term of a withheld call (discourse.actors.assertion)
_EVIDENCE_MIN = 0.05  # fitted terms smaller than this (in logits) are summed into one residual term
_REST_TERM = "(other words)"
# The target's own span carries one term: that it is named (NAME_FORM_FEATURE). Its weight is
# the same for every named actor, a part of the baseline, so it is shown as such rather than
# under the actor's name ("trudeau -0.55" would read as a verdict on Trudeau).
_TARGET_NAMED = "(target named)"


def _span_start(item: tuple[tuple[int, int], Any]) -> int:
    return item[0][0]  # a span's start


def _irony_of(ctx: DocContext) -> Irony:
    """The irony markers of the context's text (computed once per text)."""
    found = ctx.sentence_cache.get(_IRONY_KEY)
    if found is None:
        found = ctx.sentence_cache[_IRONY_KEY] = irony(ctx.doc)
    return found


_FLIP_REACH = 600  # characters: scare quotes further from a mention cannot touch its evidence
_FLIP_BACK = 32  # stretches looked at before a mention (nested "/s" scopes start close together)


def _flips(ctx: DocContext, found: Irony, mention: Mention) -> tuple[Any, ...]:
    """The irony cues that apply to a mention: stretches that contain it (a sarcastic
    sentence or paragraph) and scare quotes near it (they flip the quoted praise only).
    Bounded look-ups (bisection), so thousands of markers and mentions stay linear."""
    index = ctx.sentence_cache.get(_IRONY_INDEX)
    if index is None:
        quotes = [c for c in found.cues if c[0] == "scare_quote"]
        stretches = sorted((c for c in found.cues if c[0] != "scare_quote"), key=lambda c: (c[4], c[5]))
        index = ctx.sentence_cache[_IRONY_INDEX] = (
            quotes, [c[4] for c in quotes], stretches, [c[4] for c in stretches]
        )
    quotes, quote_starts, stretches, stretch_starts = index
    start = mention[0]
    near = quotes[bisect_left(quote_starts, start - _FLIP_REACH) : bisect_right(quote_starts, start + _FLIP_REACH)]
    i = bisect_right(stretch_starts, start)
    inside = [c for c in stretches[max(0, i - _FLIP_BACK) : i] if start < c[5]]
    return tuple(near) + tuple(inside) if near or inside else ()


@lru_cache(maxsize=1)
def _default_analyzer() -> StanceAnalyzer:
    return StanceAnalyzer()


def _analyzer(registry: ActorRegistry | None, params: dict[str, Any]) -> StanceAnalyzer:
    if registry is None and not params:
        return _default_analyzer()
    return StanceAnalyzer(registry=registry, **params)


def stance(text_or_doc: str | Doc, registry: ActorRegistry | None = None, **params: Any) -> StanceResult:
    """Stance toward every actor mentioned in a text (the front door).

    Parameters
    ----------
    text_or_doc : str or Doc
        Any text.
    registry : ActorRegistry, optional
        Defaults to :meth:`ActorRegistry.default`.
    **params
        Parameters of :class:`StanceAnalyzer`.

    Examples
    --------
    >>> r = stance("No doubt the US is enabling the illegal seizure of oil fields.", method="rules")
    >>> m = r.mentions[0]
    >>> m.actor, m.label, [c.term for c in m.cues]
    ('united_states', 'negative', ['illegal seizure'])
    >>> m = stance("No doubt the US is enabling the illegal seizure of oil fields.").mentions[0]
    >>> m.label, max(m.cues, key=lambda c: abs(c.contribution)).term
    ('negative', 'illegal seizure')
    """
    return _analyzer(registry, params).analyze(text_or_doc)


def stance_toward(text_or_doc: str | Doc, start: int, end: int, **params: Any) -> MentionStance:
    """Stance toward any target span of a text, e.g. a person the registry does not know.

    Examples
    --------
    >>> text = '"He lied to us," Smith said of Jones.'
    >>> stance_toward(text, 1, 3).label, stance_toward(text, 17, 22).label
    ('negative', 'neutral')
    """
    return _analyzer(None, params).toward(text_or_doc, start, end)


def thread_stance(
    thread: Thread | Iterable[tuple[str, str]], registry: ActorRegistry | None = None, **params: Any
) -> ThreadStance:
    """Stance per unit and per part (article vs comments) of a thread.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> rows = thread_stance(load_seed(), rollup=True).to_records()
    >>> any(r["actor"] == "united_states" and r["part"] == "comments" for r in rows)
    True
    """
    return _analyzer(registry, params).thread(thread)
