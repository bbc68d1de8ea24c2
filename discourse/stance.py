"""Stance toward named actors, with the evidence behind every score and the source it belongs to.

*Stance* here is the evaluation of an actor expressed in a text: favourable (positive),
unfavourable (negative) or neither (neutral), in the sense of Mohammad et al. (2016), measured
per mention and aggregated per sentence, unit (comment, article) and part of a thread. Whole-
sentence sentiment is a poor proxy: a sentence can praise one actor and condemn another, and
the evaluation may be someone else's. So a mention's score rests only on the cues *attached*
to it:

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
5. **Attribution** (:mod:`discourse.attribution`): a mention inside reported content gets the
   speaker as its ``source`` and only cues of that content count; a mention that is itself a
   speaker is not evaluated by what it says (``speaker_weight``).

The weighted sum *S* of cue values (VADER's -4..+4 scale) is normalised like VADER's compound,
``score = S / sqrt(S^2 + alpha)``, and labelled positive above ``threshold``, negative below
``-threshold``, else neutral. Every record carries its cues with spans, weights and
contributions, so each number can be checked against the text.

Examples
--------
>>> r = stance("Russia has openly accused the US of violating de-escalation zones.")
>>> [(m.actor, m.source, m.label) for m in r.mentions]
[('russia', 'author', 'neutral'), ('united_states', 'russia', 'negative')]
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from operator import attrgetter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any, NamedTuple

from discourse._cues import DocContext, SentenceScan, cue_index
from discourse.actors import ActorRegistry, Mention, thread_units
from discourse.attribution import Attribution, index_around
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
    >>> e = stance("The Assad regime fell.").mentions[0].cues[0]
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
        ``"speaker"`` (the mention is the one speaking).
    raw : float
        The weighted cue sum *S* (VADER scale).
    score : float
        ``S / sqrt(S^2 + alpha)`` in [-1, 1].
    label : str
        One of :data:`LABELS`.
    cues : tuple of CueEvidence
        The evidence, in text order.

    Examples
    --------
    >>> m = stance_toward("The brutal dictator spoke.", 11, 19)
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
        }


_CONTEXT_REACH = 60  # tokens: the sentence context of a mention, bounded for giant sentences
_CUE_K = attrgetter("k")
_new_evidence = partial(tuple.__new__, CueEvidence)  # skips the generated __new__: hot path
_new_mention_stance = partial(tuple.__new__, MentionStance)


def _label(score: float, threshold: float) -> str:
    if score > threshold:
        return "positive"
    if score < -threshold:
        return "negative"
    return "neutral"


def _aggregate(
    mentions: Iterable[MentionStance], threshold: float, key_actor: Any
) -> list[dict[str, Any]]:
    """Mean score per (actor, source) with counts and evidence."""
    groups: dict[tuple[str, str], list[MentionStance]] = {}
    for m in mentions:
        groups.setdefault((key_actor(m.actor), m.source), []).append(m)
    rows = []
    for (actor, source), items in groups.items():
        score = sum(m.score for m in items) / len(items)
        cues = [c for m in items for c in m.cues if c.contribution]
        cues.sort(key=lambda c: (-abs(c.contribution), c.start))
        rows.append(
            {
                "actor": actor,
                "source": source,
                "n_mentions": len(items),
                "n_cued": sum(1 for m in items if any(c.contribution for c in m.cues)),
                "n_positive": sum(1 for m in items if m.label == "positive"),
                "n_negative": sum(1 for m in items if m.label == "negative"),
                "score": round(score, 6),
                "label": _label(score, threshold),
                "evidence": "; ".join(c.to_text() for c in cues[:8]),
            }
        )
    return rows


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
    >>> r = stance("The US-backed SDF captured the fields. Damascus condemned the SDF.")
    >>> [(row["actor"], row["source"], row["label"]) for row in r.to_records()]
    [('united_states', 'author', 'neutral'), ('sdf', 'author', 'neutral'), ('syrian_government', 'author', 'negative'), ('sdf', 'syrian_government', 'negative')]
    """

    mentions: tuple[MentionStance, ...] = ()
    threshold: float = 0.05
    params: Mapping[str, Any] = field(default_factory=dict)
    rollup: Mapping[str, str] = field(default_factory=dict)

    def to_records(self, level: str = "unit") -> list[dict[str, Any]]:
        """Tidy rows at a level: ``unit``, ``sentence``, ``mention`` or ``evidence`` (see Notes)."""
        key = self.rollup.get if self.rollup else None
        actor_key = (lambda a: self.rollup.get(a, a)) if key else (lambda a: a)
        if level == "unit":
            return _aggregate(self.mentions, self.threshold, actor_key)
        if level == "sentence":
            by_sentence: dict[int, list[MentionStance]] = {}
            for m in self.mentions:
                by_sentence.setdefault(m.sentence, []).append(m)
            rows = []
            for si, items in by_sentence.items():
                for row in _aggregate(items, self.threshold, actor_key):
                    rows.append(
                        {"sentence": si, "sentence_start": items[0].sentence_start,
                         "sentence_end": items[0].sentence_end, **row}
                    )
            return rows
        if level == "mention":
            return [m.to_record() for m in self.mentions]
        if level == "evidence":
            return [
                {
                    "sentence": m.sentence,
                    "actor": m.actor,
                    "source": m.source,
                    "mention_start": m.start,
                    "mention_end": m.end,
                    "term": c.term,
                    "start": c.start,
                    "end": c.end,
                    "value": round(c.value, 6),
                    "weight": round(c.weight, 6),
                    "contribution": round(c.contribution, 6),
                    "lexicon": c.lexicon,
                    "note": c.note,
                }
                for m in self.mentions
                for c in m.cues
            ]
        raise ValueError(f"unknown level {level!r}; use 'unit', 'sentence', 'mention' or 'evidence'")

    def of(self, actor: str, source: str | None = None) -> list[MentionStance]:
        """The mention records of one actor (and one source, if given).

        Examples
        --------
        >>> [m.label for m in stance("Syria praised Iran.").of("iran")]
        ['positive']
        """
        return [m for m in self.mentions if m.actor == actor and (source is None or m.source == source)]


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
        groups: dict[tuple[str, str, str], list[tuple[str, MentionStance]]] = {}
        order: list[tuple[str, str, str]] = []
        for part, _kind, unit_id, result in self.units:
            rollup = result.rollup
            label = unit_id  # "title", "article" or a comment id
            for m in result.mentions:
                key = (part, rollup.get(m.actor, m.actor) if rollup else m.actor, m.source)
                if key not in groups:
                    groups[key] = []
                    order.append(key)
                groups[key].append((label, m))
        rows = []
        for key in order:
            items = groups[key]
            score = sum(m.score for _, m in items) / len(items)
            cues = [(uid, c) for uid, m in items for c in m.cues if c.contribution]
            cues.sort(key=lambda item: (-abs(item[1].contribution), item[0], item[1].start))
            rows.append(
                {
                    "part": key[0],
                    "actor": key[1],
                    "source": key[2],
                    "n_units": len({uid for uid, _ in items}),
                    "n_mentions": len(items),
                    "n_cued": sum(1 for _, m in items if any(c.contribution for c in m.cues)),
                    "n_positive": sum(1 for _, m in items if m.label == "positive"),
                    "n_negative": sum(1 for _, m in items if m.label == "negative"),
                    "score": round(score, 6),
                    "label": _label(score, self.threshold),
                    "evidence": "; ".join(f"{uid}:{c.to_text()}" for uid, c in cues[:8]),
                }
            )
        return rows


class StanceAnalyzer:
    """Configurable stance scorer (see the module docstring for the method).

    Parameters
    ----------
    registry : ActorRegistry, optional
        Actors to find (default: :meth:`ActorRegistry.default`).
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
    threshold : float
        |score| above which a stance is positive/negative.
    use_attribution, use_roles, use_boundaries : bool
        Switch parts of the method off (for ablation studies).
    rollup : bool
        Aggregate actors to the top of their parent chain (Pentagon -> United States).

    Examples
    --------
    >>> a = StanceAnalyzer(threshold=0.2)
    >>> a.get_params()["threshold"]
    0.2
    >>> [m.label for m in a.analyze("The heroic Syrian Army liberated Deir Ezzor.").mentions]
    ['positive']
    """

    def __init__(
        self,
        *,
        registry: ActorRegistry | None = None,
        window: int = 20,
        distance_scale: float = 3.0,
        speaker_weight: float = 0.1,
        patient_weight: float = 0.3,
        outside_weight: float = 0.25,
        context_weight: float = 0.2,
        alpha: float = 15.0,
        threshold: float = 0.05,
        use_attribution: bool = True,
        use_roles: bool = True,
        use_boundaries: bool = True,
        rollup: bool = False,
    ) -> None:
        self.registry = registry
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
        "registry", "window", "distance_scale", "speaker_weight", "patient_weight",
        "outside_weight", "context_weight", "alpha", "threshold", "use_attribution", "use_roles",
        "use_boundaries", "rollup",
    )

    def get_params(self) -> dict[str, Any]:
        """The constructor's parameters (the registry as given, ``None`` for the default).

        Examples
        --------
        >>> sorted(StanceAnalyzer().get_params())[:3]
        ['alpha', 'context_weight', 'distance_scale']
        """
        return {name: getattr(self, name) for name in self._PARAMS}

    def lexicon_info(self) -> list[dict[str, str]]:
        """Provenance of the lexicons and the actor registry used.

        Examples
        --------
        >>> [d["name"] for d in StanceAnalyzer().lexicon_info()][:2]
        ['vader', 'stance_cues']
        """
        return cue_index().info() + [self._registry().info()]

    def _registry(self) -> ActorRegistry:
        return self.registry if self.registry is not None else ActorRegistry.default()

    # -- analysis ---------------------------------------------------------------------------
    def analyze(self, text_or_doc: str | Doc) -> StanceResult:
        """Stance toward every actor mentioned in a text.

        Examples
        --------
        >>> StanceAnalyzer().analyze("").mentions
        ()
        """
        return self._analyze(DocContext(as_doc(text_or_doc), self._registry()))

    def _analyze(self, ctx: DocContext) -> StanceResult:
        """Stance for a prepared context (shared with relations and predication)."""
        doc = ctx.doc
        registry = ctx.registry
        records = []
        sentences = doc.sentences
        for si in sorted(ctx.by_sentence):
            scan = ctx.scan(si)
            sentence = sentences[si]
            for mention in ctx.by_sentence[si]:
                records.append(self._score(ctx, scan, mention, sentence.start, sentence.end))
        rollup = {a: registry.root(a) for a in {r.actor for r in records}} if self.rollup else {}
        return StanceResult(tuple(records), self.threshold, self.get_params(), rollup)

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
        registry = self._registry()
        others = [m for m in registry.find(doc) if m.end <= start or m.start >= end]
        ctx = DocContext(doc, registry, sorted(others + [target], key=lambda m: m.start))
        sentence = doc.sentences[si]
        return self._score(ctx, ctx.scan(si), target, sentence.start, sentence.end)

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
        return ThreadStance(units, self.threshold)

    # -- the method ---------------------------------------------------------------------------
    def _score(self, ctx: DocContext, scan: SentenceScan, mention: Mention, s_start: int, s_end: int) -> MentionStance:
        t0, t1 = mention.token_start, mention.token_end
        container: Attribution | None = None
        speaking: list[Attribution] = []
        if self.use_attribution:
            index = index_around(ctx, scan.index, mention.start)
            if index:
                container = index.innermost(mention.start)
                speaking = index.speaking(mention.start, mention.end)
        evidence = []
        raw = 0.0
        window, scale, floor = self.window, self.distance_scale, self.context_weight
        use_boundaries, use_roles = self.use_boundaries, self.use_roles
        speaker_weight, patient_weight = self.speaker_weight, self.patient_weight
        cues = scan.cues
        reach = window if not floor else max(window, _CONTEXT_REACH)
        lo = bisect_left(cues, t0 - reach, key=_CUE_K)
        hi = bisect_right(cues, t1 + reach, key=_CUE_K)
        mention_at = ctx.mention_at_token
        for cue in cues[lo:hi]:
            value = cue.value
            if not value:
                continue
            if cue.k_end <= t0:
                d, left = t0 - cue.k_end + 1, True
            elif cue.k >= t1:
                d, left = cue.k - t1 + 1, False
            else:
                d, left = 0, None  # an epithet's own word
            if d > window:
                if not floor:
                    continue
                weight = 0.0
            else:
                weight = 1.0 / (1.0 + (d - 1) / scale) if d > 1 else 1.0
                if use_boundaries and d > 1:
                    weight *= scan.between(cue.k_end, t0) if left else scan.between(t1, cue.k)
            if weight < floor:
                weight = floor  # the sentence is the context of every mention
            notes = [cue.note] if cue.note else []
            role = cue.role
            if use_roles and left is not None and (role == "speech" or role == "action"):
                # The verb's object stands after it (before it in a passive); its agent before.
                if role == "speech":
                    if left != cue.passive:
                        low, high = (cue.k_end, t0) if left else (t1, cue.k)
                        if any(
                            mention_at.get(j) is not None and mention_at[j] is not mention for j in range(low, high)
                        ):
                            weight *= speaker_weight  # another actor is the object
                            notes.append("not the object of the speech act")
                        else:
                            notes.append("object of the speech act")
                    else:
                        weight *= speaker_weight
                        notes.append("speaker of the speech act")
                elif left == cue.passive:
                    notes.append("agent of the action")
                else:
                    weight *= patient_weight
                    notes.append("patient of the action")
            if container is not None or speaking:
                start = cue.start
                if container is not None and not (
                    container.cue.start <= start < container.cue.end
                    or container.content.start <= start < container.content.end
                ):
                    weight *= self.outside_weight
                    notes.append("outside the reported content")
                for attribution in speaking:
                    if attribution.content.start <= start < attribution.content.end:
                        weight *= speaker_weight
                        notes.append("said by this speaker")
                        break
            if weight <= 0.0:
                continue
            contribution = value * weight
            raw += contribution
            evidence.append(
                _new_evidence(
                    (cue.term, cue.start, cue.end, value, weight, contribution, cue.lexicon, "; ".join(notes))
                )
            )
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
        return _new_mention_stance(
            (mention.actor_id, mention.alias, mention.form, mention.start, mention.end, scan.index,
             s_start, s_end, source, source_text, role_name, raw, score, _label(score, self.threshold),
             tuple(evidence))
        )


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
    >>> r = stance("No doubt the US is enabling the illegal seizure of oil fields.")
    >>> m = r.mentions[0]
    >>> m.actor, m.label, [c.term for c in m.cues]
    ('united_states', 'negative', ['illegal seizure'])
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
