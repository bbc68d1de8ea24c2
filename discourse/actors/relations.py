"""Actor relations: who does or says what to whom, with polarity, as a tidy edge table.

A *relation* is a directed pair of actors, source -> target, with a polarity (-1 hostile or
critical, 0 neutral contact, +1 supportive or approving) and the evidence for it. Relations come
from four patterns, each row saying which one (``kind``):

* ``speech_act``: an evaluative speech act between two actors ("Russia warns US", "Syria accused
  the US coalition"); polarity from ``stance_speech_acts``;
* ``action``: a transitive action ("the SDF captured oil fields", "the US coalition launched an
  attack on Syrian government troops"); polarity from ``stance_actions`` (after the
  CAMEO/Goldstein idea of cooperative vs hostile events); passives and "came under attack from"
  swap the roles; a negated act ("did not attack") keeps polarity 0 and ``negated=True``;
* ``compound``: a participle compound ("US-backed SDF", "SDF allied factions");
* ``reported_stance``: a speaker's non-neutral stance toward an actor in what the speaker is
  reported to say (from :mod:`discourse.actors.stance`), when no verb already links the pair.

The target of an action need not be an actor ("oil fields"): then ``target`` is empty and
``target_text`` holds the words. ``asserted_by`` says whose claim the relation is: the author,
or the speaker whose reported words contain it ("Syria accused the US coalition of aiding
ISIS": the coalition -> ISIS support is asserted by Syria).

Examples
--------
>>> rows = relations("Russia warns US over Syria.").to_records()
>>> [(r["source"], r["target"], r["polarity"], r["kind"]) for r in rows]
[('russia', 'united_states', -1, 'speech_act'), ('russia', 'syria', -1, 'reported_stance')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from operator import attrgetter
from dataclasses import dataclass
from typing import Any

from discourse.actors.attribution import AttributionIndex, index_around
from discourse.actors.context import (
    ADVERB_SKIP,
    AUXILIARIES,
    PREPOSITIONS,
    Cue,
    DocContext,
    SentenceScan,
    cue_index,
    is_noun_use,
)
from discourse.actors.matching import Mention
from discourse.actors.registry import ActorRegistry, registry_or_default
from discourse.actors.stance import StanceAnalyzer, StanceResult
from discourse.actors.units import thread_units
from discourse.model import Thread
from discourse.text import Doc, as_doc

__all__ = ["Relation", "RelationResult", "ThreadRelations", "RelationExtractor", "relations", "thread_relations"]

_AGENT_WINDOW = 10
_BOUND_K = attrgetter("k")
_TOKEN_START = attrgetter("token_start")
_TOKEN_END = attrgetter("token_end")
_PATIENT_WINDOW = 6
_OBJECT_MARKERS = frozenset("to of against on at with from".split())


@dataclass(frozen=True)
class Relation:
    """One directed relation between a source actor and a target.

    Attributes
    ----------
    source : str
        Actor id of the one who acts or speaks (``"other"`` for a speaker outside the
        registry).
    target : str
        Actor id of the one acted upon ('' when the target is not an actor).
    relation : str
        The lexicon entry of the cue ("warn*", "captur*", "backed").
    kind : str
        ``speech_act``, ``action``, ``compound`` or ``reported_stance``.
    polarity : int
        -1, 0 or +1.
    negated : bool
        The act is negated ("did not attack"): polarity 0.
    asserted_by : str
        ``"author"`` or the speaker whose reported words contain the relation.
    sentence : int
        Sentence index.
    source_start, source_end, cue_start, cue_end, target_start, target_end : int
        Evidence spans (the target span covers `target_text` when there is no target actor).
    source_text, target_text : str
        The words.

    Examples
    --------
    >>> r = relations("The US-backed SDF advanced.").relations[0]
    >>> (r.source, r.target, r.relation, r.kind, r.polarity)
    ('united_states', 'sdf', 'backed', 'compound', 1)
    """

    source: str
    target: str
    relation: str
    kind: str
    polarity: int
    negated: bool
    asserted_by: str
    sentence: int
    source_start: int
    source_end: int
    cue_start: int
    cue_end: int
    target_start: int
    target_end: int
    source_text: str
    target_text: str

    def to_record(self) -> dict[str, Any]:
        """One tidy row (the fields above, in order).

        Examples
        --------
        >>> relations("Russia warns US.").relations[0].to_record()["asserted_by"]
        'author'
        """
        return {
            "sentence": self.sentence,
            "source": self.source,
            "target": self.target,
            "relation": self.relation,
            "kind": self.kind,
            "polarity": self.polarity,
            "negated": self.negated,
            "asserted_by": self.asserted_by,
            "source_text": self.source_text,
            "target_text": self.target_text,
            "source_start": self.source_start,
            "source_end": self.source_end,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "target_start": self.target_start,
            "target_end": self.target_end,
        }


def _edges(items: Iterable[tuple[str, Relation]], include_other: bool) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str, str], list[Relation]] = {}
    order = []
    for part, r in items:
        if not r.target or (not include_other and r.source == "other"):
            continue
        key = (part, r.source, r.target)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(r)
    rows = []
    for key in order:
        items_ = groups[key]
        rows.append(
            {
                "part": key[0],
                "source": key[1],
                "target": key[2],
                "n": len(items_),
                "n_negative": sum(1 for r in items_ if r.polarity < 0),
                "n_neutral": sum(1 for r in items_ if r.polarity == 0),
                "n_positive": sum(1 for r in items_ if r.polarity > 0),
                "polarity": round(sum(r.polarity for r in items_) / len(items_), 6),
                "relations": "; ".join(sorted({r.relation for r in items_})),
            }
        )
    return rows


RELATION_COLUMNS = (
    "sentence", "source", "target", "relation", "kind", "polarity", "negated", "asserted_by", "source_text",
    "target_text", "source_start", "source_end", "cue_start", "cue_end", "target_start", "target_end",
)
"""Columns of :meth:`RelationResult.to_records` (:meth:`Relation.to_record`) and
:meth:`RelationResult.to_columns`."""


@dataclass(frozen=True)
class RelationResult:
    """The relations of one text.

    Notes
    -----
    :meth:`to_records` gives one row per relation (columns as in :meth:`Relation.to_record`);
    :meth:`edges` aggregates them per source x target for a network plot: ``part``,
    ``source``, ``target``, ``n``, ``n_negative``, ``n_neutral``, ``n_positive``,
    ``polarity`` (mean of -1/0/+1) and ``relations`` (the cues).

    Examples
    --------
    >>> r = relations("Syria accused the US coalition of directly aiding ISIS.")
    >>> [(e["source"], e["target"], e["polarity"]) for e in r.edges()]
    [('syria', 'us_coalition', -1.0), ('us_coalition', 'isis', 1.0), ('syria', 'isis', -1.0)]
    """

    relations: tuple[Relation, ...] = ()

    def to_records(self) -> list[dict[str, Any]]:
        """One row per relation."""
        return [r.to_record() for r in self.relations]

    def to_columns(self) -> dict[str, list[Any]]:
        """:meth:`to_records` column by column (:data:`RELATION_COLUMNS` -> one list each; a
        text has few relations, so the columns are read from the rows).

        Examples
        --------
        >>> relations("Russia warns US.").to_columns()["target"]
        ['united_states']
        """
        rows = self.to_records()
        return {name: [row[name] for row in rows] for name in RELATION_COLUMNS}

    def edges(self, *, include_other: bool = False) -> list[dict[str, Any]]:
        """Source x target edges with counts and mean polarity (actor targets only; speakers
        outside the registry only with `include_other`)."""
        return _edges((("all", r) for r in self.relations), include_other)


@dataclass(frozen=True)
class ThreadRelations:
    """Relations in every unit of a thread.

    Notes
    -----
    :meth:`to_records`: the per-relation rows with ``part``, ``unit_kind`` and ``unit_id`` in
    front; :meth:`edges`: per part x source x target (see :class:`RelationResult`).

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> edges = thread_relations(load_seed()).edges()
    >>> any(e["source"] == "russia" and e["target"] == "united_states" for e in edges)
    True
    """

    units: tuple[tuple[str, str, str, RelationResult], ...] = ()

    def to_records(self) -> list[dict[str, Any]]:
        """One row per relation, with its unit."""
        return [
            {"part": part, "unit_kind": kind, "unit_id": uid, **row}
            for part, kind, uid, result in self.units
            for row in result.to_records()
        ]

    def edges(self, *, include_other: bool = False) -> list[dict[str, Any]]:
        """Edges per part (article, comments)."""
        return _edges(((part, r) for part, _k, _u, res in self.units for r in res.relations), include_other)


class RelationExtractor:
    """Finds actor relations (see the module docstring).

    Parameters
    ----------
    registry : ActorRegistry, optional
        Actors (default: :meth:`ActorRegistry.default`).
    reported_stance : bool
        Also derive relations from speakers' reported stance.
    stance_params : dict, optional
        Parameters of the :class:`~discourse.actors.stance.StanceAnalyzer` used for that.

    Examples
    --------
    >>> RelationExtractor(reported_stance=False).get_params()["reported_stance"]
    False
    """

    def __init__(
        self,
        *,
        registry: ActorRegistry | None = None,
        reported_stance: bool = True,
        stance_params: dict[str, Any] | None = None,
    ) -> None:
        self.registry = registry
        self.reported_stance = reported_stance
        self.stance_params = stance_params

    def get_params(self) -> dict[str, Any]:
        """The constructor's parameters."""
        return {
            "registry": self.registry,
            "reported_stance": self.reported_stance,
            "stance_params": self.stance_params,
        }

    def lexicon_info(self) -> list[dict[str, str]]:
        """Provenance of the lexicons and the registry used.

        Examples
        --------
        >>> "stance_actions" in [d["name"] for d in RelationExtractor().lexicon_info()]
        True
        """
        return cue_index().info() + registry_or_default(self.registry).provenance()


    def extract(self, text_or_doc: str | Doc) -> RelationResult:
        """Relations of one text.

        Examples
        --------
        >>> RelationExtractor().extract("").relations
        ()
        """
        return self.extract_context(DocContext(as_doc(text_or_doc), registry_or_default(self.registry)))

    def extract_context(self, ctx: DocContext, stance: StanceResult | None = None) -> RelationResult:
        """Relations for a prepared :class:`~discourse.actors.context.DocContext` (the internal
        API shared with :class:`~discourse.actors.analyzer.ActorAnalyzer`); `stance` (of the same
        context) is reused if given.

        Examples
        --------
        >>> from discourse.actors.context import DocContext
        >>> from discourse.actors import default_registry
        >>> from discourse.text import Doc
        >>> ctx = DocContext(Doc("Russia accused the US."), default_registry())
        >>> [(r.source, r.target) for r in RelationExtractor().extract_context(ctx).relations][:1]
        [('russia', 'united_states')]
        """
        doc = ctx.doc
        found: list[Relation] = []
        for si in sorted(ctx.by_sentence):
            found += _sentence_relations(ctx, si)
        if self.reported_stance and ctx.mentions:
            if stance is None:
                analyzer = StanceAnalyzer(registry=self.registry, **(self.stance_params or {}))
                stance = analyzer.analyze_context(ctx)
            linked = {(r.sentence, r.source, r.target) for r in found}
            for m in stance.mentions:
                if m.source in ("author", "other") or m.source == m.actor or m.label == "neutral":
                    continue
                if (m.sentence, m.source, m.actor) in linked:
                    continue
                linked.add((m.sentence, m.source, m.actor))
                found.append(
                    Relation(m.source, m.actor, "reported stance", "reported_stance",
                             1 if m.score > 0 else -1, False, "author", m.sentence,
                             -1, -1, -1, -1, m.start, m.end, m.source_text, doc.text[m.start : m.end])
                )
        found.sort(key=lambda r: (r.sentence, r.cue_start if r.cue_start >= 0 else r.target_start))
        return RelationResult(tuple(_clean(found)))

    def thread(self, thread: Thread | Iterable[tuple[str, str]]) -> ThreadRelations:
        """Relations in every unit of a thread.

        Examples
        --------
        >>> len(RelationExtractor().thread([("comments", "Iran backs Hezbollah.")]).to_records())
        1
        """
        return ThreadRelations(tuple((u.part, u.kind, u.id, self.extract(u.text)) for u in thread_units(thread)))


def _clean(found: list[Relation]) -> list[Relation]:
    """Replace the -1 placeholders of reported-stance rows (no source span in the sentence)."""
    out = []
    for r in found:
        if r.source_start < 0:
            r = Relation(r.source, r.target, r.relation, r.kind, r.polarity, r.negated, r.asserted_by,
                         r.sentence, r.target_start, r.target_start, r.target_start, r.target_start,
                         r.target_start, r.target_end, r.source_text, r.target_text)
        out.append(r)
    return out


# -- extraction ---------------------------------------------------------------------------------


_BLOCKING = frozenset({"contrast", "subordinator", "relative", ";", ":", "(", ")"})


def _between_strong(scan: SentenceScan, low: int, high: int, limit: float) -> bool:
    """True if a clause boundary lies between tokens `low` and `high`: for `limit` below 0.7
    the clause-changing kinds (but, because, which, ;, :, brackets), else also commas."""
    bounds = scan.bounds
    i = bisect_left(bounds, low, key=_BOUND_K)
    while i < len(bounds) and bounds[i].k < high:
        bound = bounds[i]
        if (bound.kind in _BLOCKING) if limit < 0.7 else (bound.factor <= limit):
            return True
        i += 1
    return False


def _agent_left(ctx: DocContext, scan: SentenceScan, mentions: Sequence[Mention], k: int) -> Mention | None:
    """The nearest mention before token `k` in the same clause, within the agent window."""
    i = bisect_right(mentions, k, key=_TOKEN_END) - 1
    if i < 0:
        return None
    mention = mentions[i]
    if k - mention.token_end > _AGENT_WINDOW or _between_strong(scan, mention.token_end, k, 0.6):
        return None
    return mention


def _patient_right(ctx: DocContext, scan: SentenceScan, mentions: Sequence[Mention], k: int) -> Mention | None:
    """The first mention from token `k` on, within the patient window, before any comma."""
    i = bisect_left(mentions, k, key=_TOKEN_START)
    if i >= len(mentions):
        return None
    mention = mentions[i]
    if mention.token_start - k > _PATIENT_WINDOW or _between_strong(scan, k, mention.token_start, 0.7):
        return None
    return mention


def _mention_after(ctx: DocContext, k: int, reach: int) -> Mention | None:
    """A mention starting in tokens ``(k, k + reach]``."""
    for j in range(k + 1, k + reach + 1):
        mention = ctx.mention_at_token.get(j)
        if mention is not None and mention.token_start == j:
            return mention
    return None


def _noun_phrase_after(ctx: DocContext, scan: SentenceScan, k: int) -> tuple[int, int] | None:
    """Up to six words after token `k`, stopping at punctuation or a preposition."""
    tokens = ctx.doc.tokens
    start = k
    while start < scan.stop and start - k < 3 and tokens[start].lower in ("the", "a", "an"):
        start += 1
    end = start
    while end < scan.stop and end - start < 6 and tokens[end].kind in ("word", "number", "acronym"):
        if end > start and (tokens[end].lower in PREPOSITIONS or tokens[end].lower in ("that", "which", "who")):
            break
        end += 1
    if end <= start:
        return None
    return tokens[start].start, tokens[end - 1].end


def _words_before(ctx: DocContext, scan: SentenceScan, k: int) -> tuple[int, int] | None:
    """The subject words before a passive verb: up to four words before its auxiliaries."""
    tokens = ctx.doc.tokens
    end = k
    while end > scan.first and k - end < 6 and tokens[end - 1].kind == "word" and (
        tokens[end - 1].lower in AUXILIARIES or tokens[end - 1].lower in ADVERB_SKIP
        or tokens[end - 1].lower.endswith("ly")
    ):
        end -= 1
    start = end
    while start > scan.first and end - start < 4 and tokens[start - 1].kind in ("word", "number", "acronym"):
        start -= 1
    if end <= start:
        return None
    return tokens[start].start, tokens[end - 1].end


def _asserted_by(index: AttributionIndex, cue: Cue) -> str:
    """Whose claim the relation is: the speaker of the reported words around the cue (other
    than the attribution the cue itself opens), or the author."""
    found = index.innermost(cue.start, exclude=index.by_cue.get(cue.start))
    return found.source if found is not None else "author"


def _add(
    found: list[Relation], si: int, text: str, source: Mention | None, source_name: str, target: Mention | None,
    kind: str, polarity: float, negated: bool, asserted: str, fallback: tuple[int, int] | None, relation: str,
    cue_span: tuple[int, int],
) -> None:
    """Append one relation (none without a target span)."""
    if target is not None:
        t_span = (target.start, target.end)
    elif fallback is not None:
        t_span = fallback
    else:
        return
    s_span = (source.start, source.end) if source is not None else cue_span
    sign = 0 if negated or not polarity else (1 if polarity > 0 else -1)
    found.append(
        Relation(source.actor_id if source is not None else source_name,
                 target.actor_id if target is not None else "", relation, kind, sign, negated,
                 asserted, si, s_span[0], s_span[1], cue_span[0], cue_span[1], t_span[0], t_span[1],
                 text[s_span[0] : s_span[1]], text[t_span[0] : t_span[1]])
    )


_ACT_ROLES = frozenset({"speech", "action", "compound"})


def _sentence_relations(ctx: DocContext, si: int) -> list[Relation]:
    scan = ctx.scan(si)
    doc = ctx.doc
    tokens = doc.tokens
    text = doc.text
    mentions = ctx.by_sentence.get(si, [])
    found: list[Relation] = []
    index = ctx.index
    compound = index.compound

    # Compounds written with a space: "SDF allied factions".
    stop = scan.stop
    for mention in mentions:
        k = mention[8]  # token_end
        if k < stop:
            token = tokens[k]
            if token[4] == "word" and token[3] in compound:
                target = _mention_after(ctx, k, 2)
                fallback = _noun_phrase_after(ctx, scan, k + 1)
                _add(found, si, text, mention, "", target, "compound", compound[token[3]], False, "author",
                     fallback, token[3], (token[0], token[1]))
    for cue in scan.cues:
        if cue[8] in _ACT_ROLES:  # role
            break
    else:
        return found
    for cue in scan.cues:
        if cue.role not in ("speech", "action", "compound"):
            continue
        attributions = index_around(ctx, si, cue.start)
        negated = "negated" in cue.note
        asserted = _asserted_by(attributions, cue) if attributions else "author"
        if cue.role == "compound":  # "US-backed SDF": the mention inside the token is the source
            owner = ctx.mention_at_token.get(cue.k)
            if owner is None or owner.end > cue.start:
                continue
            target = _mention_after(ctx, cue.k, 2)
            fallback = _noun_phrase_after(ctx, scan, cue.k + 1)
            _add(found, si, text, owner, "", target, "compound", cue.relation, negated, asserted, fallback,
                 cue.term, (cue.start, cue.end))
            continue
        if cue.role not in ("speech", "action"):
            continue
        noun = is_noun_use(tokens, scan.first, cue.k)
        marker = cue.k_end < scan.stop and tokens[cue.k_end].lower in _OBJECT_MARKERS
        if noun and not marker:
            continue  # "of support", "sound alarmist": a noun without an object is no act here
        kind = "speech_act" if cue.role == "speech" else "action"
        polarity = cue.value if cue.role == "speech" else cue.relation
        if cue.role == "speech" and negated:
            polarity = 0.0
        under = cue.passive and cue.k_end < scan.stop and tokens[cue.k_end].lower in ("by", "from")
        if cue.passive:
            patient = _agent_left(ctx, scan, mentions, cue.k)
            agent = None
            if under:
                agent = _mention_after(ctx, cue.k_end, 3)
        else:
            agent = _agent_left(ctx, scan, mentions, cue.k)
            patient = _patient_right(ctx, scan, mentions, cue.k_end)
        source_name = ""
        if cue.role == "speech":
            own = attributions.by_cue.get(cue.start)
            if own is not None and agent is None and own.source not in ("author",):
                source_name = own.source  # a speaker outside the registry ("analysts")
            elif own is not None and agent is not None and own.source != agent.actor_id and own.source != "author":
                if own.source == "other":
                    agent, source_name = None, "other"
        if agent is None and not source_name:
            continue
        if patient is not None:
            fallback = None
        elif cue.passive:
            fallback = _words_before(ctx, scan, cue.k)  # "They will be dumped by the US"
        else:
            fallback = _noun_phrase_after(ctx, scan, cue.k_end)
        if noun and patient is None:
            continue  # "a direct clash of forces": nominal acts need an actor as object
        if agent is not None and patient is not None and agent.actor_id == patient.actor_id:
            continue  # no self-relations
        _add(found, si, text, agent, source_name, patient, kind, polarity, negated, asserted, fallback,
             cue.term, (cue.start, cue.end))
    return found


_DEFAULT: RelationExtractor | None = None


def relations(text_or_doc: str | Doc, registry: ActorRegistry | None = None, **params: Any) -> RelationResult:
    """Actor relations in a text (the front door; `params` as for :class:`RelationExtractor`).

    Examples
    --------
    >>> text = "They will eventually be dumped by the US."
    >>> [(r.source, r.relation, r.polarity) for r in relations(text).relations]
    [('united_states', 'dumped', -1)]
    """
    global _DEFAULT
    if registry is None and not params:
        if _DEFAULT is None:
            _DEFAULT = RelationExtractor()
        return _DEFAULT.extract(text_or_doc)
    return RelationExtractor(registry=registry, **params).extract(text_or_doc)


def thread_relations(
    thread: Thread | Iterable[tuple[str, str]], registry: ActorRegistry | None = None, **params: Any
) -> ThreadRelations:
    """Relations in every unit of a thread, with edges per part.

    Examples
    --------
    >>> tr = thread_relations([("article", "Russia warns US."), ("comments", "The US backs the SDF.")])
    >>> [(e["part"], e["source"], e["target"], e["polarity"]) for e in tr.edges()]
    [('article', 'russia', 'united_states', -1.0), ('comments', 'united_states', 'sdf', 1.0)]
    """
    return RelationExtractor(registry=registry, **params).thread(thread)
