"""Predication: the qualities and actions a text attaches to each actor.

*Predication* is the discursive qualification of social actors (Reisigl & Wodak 2001): which
adjectives, verbs and evaluative nouns a text attaches to an actor ("rabid Israeli govt.",
"the US is unable", "Russian warnings sound alarmist", "a mere pawn of US imperialism"). For
each mention, the words of its clause (between the nearest clause boundaries, at most eight
words either side) are tagged with Brill's (1992) lexicon as shipped with TextBlob (offline) and
kept if they are adjectives, full verbs, or nouns with an evaluative value in the stance
lexicons. Each word gets a *relation* to the mention:

* ``attribute``: an adjective in front of the mention ("*rabid* Israeli govt.");
* ``predicate``: an adjective or noun after a copula following the mention ("the US is
  *unable*", "warnings *sound* alarmist");
* ``action``: a verb after the mention (the mention acts: "the SDF *captured*");
* ``undergoes``: a verb before the mention, or a passive (the mention undergoes: "*dumped* by
  the US" is the US acting, "the Kurds were *dumped*" the Kurds undergoing);
* ``context``: any other evaluative word of the clause.

``polarity`` is the word's value in the stance lexicons (VADER scale, after negation) and
``evaluative`` says whether it has one; the table is descriptive, stance scores come from
:mod:`discourse.stance`.

Examples
--------
>>> rows = predications("The rabid Israeli government is dangerous.").to_records()
>>> [(r["actor"], r["word"], r["relation"], r["polarity"]) for r in rows]
[('israel', 'rabid', 'attribute', -2.5), ('israel', 'dangerous', 'predicate', -2.1)]
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from operator import attrgetter
from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple

from discourse._cues import AUXILIARIES, BE_FORMS, DocContext, cue_index, pos_lexicon, pos_of
from discourse.actors import ActorRegistry, thread_units
from discourse.attribution import index_around
from discourse.model import Thread
from discourse.text import Doc, as_doc

__all__ = ["Predication", "PredicationResult", "ThreadPredications", "Predicator", "predications", "thread_predications"]

_COPULAS = BE_FORMS | frozenset("seem seems seemed appear appears appeared look looks looked sound sounds sounded remain remains remained become becomes became prove proves proved".split())
_LIGHT_VERBS = AUXILIARIES | frozenset("do does did doing done have has had having get gets got".split())
_WINDOW = 8
_MODIFIER_ROLES = frozenset(
    {"negator", "booster", "dampener", "contrast", "subordinator", "relative", "coordinator", "complementizer"}
)
_BOUND_K = attrgetter("k")


class Predication(NamedTuple):
    """One word attached to one mention (a light immutable record).

    Attributes
    ----------
    actor : str
        Actor id of the mention.
    mention_start, mention_end : int
        The mention's span.
    sentence : int
        Sentence index.
    word : str
        The word as written; `start`, `end` its span.
    pos : str
        Penn tag (Brill lexicon, suffix rules for unknown words).
    relation : str
        ``attribute``, ``predicate``, ``action``, ``undergoes`` or ``context``.
    polarity : float
        Value in the stance lexicons (VADER scale, after negation), 0 if none.
    evaluative : bool
        ``polarity != 0``.
    source : str
        Whose words: ``"author"`` or the speaker of the reported speech around the mention.

    Examples
    --------
    >>> p = predications("The SDF captured the fields.").predications[0]
    >>> (p.actor, p.word, p.relation, p.evaluative)
    ('sdf', 'captured', 'action', False)
    """

    actor: str
    mention_start: int
    mention_end: int
    sentence: int
    word: str
    start: int
    end: int
    pos: str
    relation: str
    polarity: float
    evaluative: bool
    source: str

    def to_record(self) -> dict[str, Any]:
        """One tidy row (the fields above).

        Examples
        --------
        >>> predications("Iran is strong.").predications[0].to_record()["word"]
        'strong'
        """
        return {
            "sentence": self.sentence,
            "actor": self.actor,
            "mention_start": self.mention_start,
            "mention_end": self.mention_end,
            "word": self.word,
            "start": self.start,
            "end": self.end,
            "pos": self.pos,
            "relation": self.relation,
            "polarity": self.polarity,
            "evaluative": self.evaluative,
            "source": self.source,
        }


_new_predication = partial(tuple.__new__, Predication)  # skips the generated __new__: hot path


def _summary(items: Iterable[tuple[str, Predication]], evaluative_only: bool) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str, str, str], list[Predication]] = {}
    order = []
    for part, p in items:
        if evaluative_only and not p.evaluative:
            continue
        key = (part, p.actor, p.word.lower(), p.relation)
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(p)
    return [
        {
            "part": key[0],
            "actor": key[1],
            "word": key[2],
            "relation": key[3],
            "n": len(groups[key]),
            "polarity": round(sum(p.polarity for p in groups[key]) / len(groups[key]), 6),
        }
        for key in order
    ]


@dataclass(frozen=True)
class PredicationResult:
    """The predications of one text.

    Notes
    -----
    :meth:`to_records`: one row per mention x word (columns of :meth:`Predication.to_record`).
    :meth:`summary`: per actor x word x relation: ``part``, ``actor``, ``word`` (lower case),
    ``relation``, ``n``, ``polarity`` (mean).

    Examples
    --------
    >>> r = predications("The US is unable to win. The US is weak.")
    >>> [(s["word"], s["polarity"]) for s in r.summary()]
    [('win', -2.072), ('weak', -1.9)]
    """

    predications: tuple[Predication, ...] = ()

    def to_records(self) -> list[dict[str, Any]]:
        """One row per mention x word."""
        return [p.to_record() for p in self.predications]

    def summary(self, *, evaluative_only: bool = True) -> list[dict[str, Any]]:
        """Counts per actor x word x relation (evaluative words only, by default)."""
        return _summary((("all", p) for p in self.predications), evaluative_only)


@dataclass(frozen=True)
class ThreadPredications:
    """Predications in every unit of a thread.

    Examples
    --------
    >>> tp = thread_predications([("article", "Iran is strong."), ("comments", "Iran is weak.")])
    >>> [(s["part"], s["word"]) for s in tp.summary()]
    [('article', 'strong'), ('comments', 'weak')]
    """

    units: tuple[tuple[str, str, str, PredicationResult], ...] = ()

    def to_records(self) -> list[dict[str, Any]]:
        """One row per mention x word, with ``part``, ``unit_kind``, ``unit_id`` in front."""
        return [
            {"part": part, "unit_kind": kind, "unit_id": uid, **row}
            for part, kind, uid, result in self.units
            for row in result.to_records()
        ]

    def summary(self, *, evaluative_only: bool = True) -> list[dict[str, Any]]:
        """Counts per part x actor x word x relation."""
        return _summary(((part, p) for part, _k, _u, r in self.units for p in r.predications), evaluative_only)


class Predicator:
    """Collects predications (see the module docstring).

    Parameters
    ----------
    registry : ActorRegistry, optional
        Actors (default: :meth:`ActorRegistry.default`).
    window : int
        Words either side of the mention, within its clause.

    Examples
    --------
    >>> Predicator(window=5).get_params()["window"]
    5
    """

    def __init__(self, *, registry: ActorRegistry | None = None, window: int = _WINDOW) -> None:
        self.registry = registry
        self.window = window

    def get_params(self) -> dict[str, Any]:
        """The constructor's parameters."""
        return {"registry": self.registry, "window": self.window}

    def lexicon_info(self) -> list[dict[str, str]]:
        """Provenance of the lexicons and the registry used.

        Examples
        --------
        >>> "brill_pos_lexicon" in [d["name"] for d in Predicator().lexicon_info()]
        True
        """
        return cue_index().info() + [pos_lexicon().info, self._registry().info()]

    def _registry(self) -> ActorRegistry:
        return self.registry if self.registry is not None else ActorRegistry.default()

    def extract(self, text_or_doc: str | Doc) -> PredicationResult:
        """Predications of one text.

        Examples
        --------
        >>> Predicator().extract("").predications
        ()
        """
        return self._extract(DocContext(as_doc(text_or_doc), self._registry()))

    def _extract(self, ctx: DocContext) -> PredicationResult:
        """Predications for a prepared context."""
        doc = ctx.doc
        tokens = doc.tokens
        found: list[Predication] = []
        for si in sorted(ctx.by_sentence):
            scan = ctx.scan(si)
            tags, candidates, copulas = self._sentence_words(ctx, scan)
            positions = [c[0] for c in candidates]
            for mention in ctx.by_sentence[si]:
                container = index_around(ctx, si, mention.start).innermost(mention.start)
                source = container.source if container is not None else "author"
                t0, t1 = mention.token_start, mention.token_end
                low, high = self._clause(scan, t0, t1)
                for i in range(bisect_left(positions, low), bisect_left(positions, high)):
                    k, tag, cue = candidates[i]
                    if t0 <= k < t1:
                        continue
                    copula_seen = k > t1 and bisect_left(copulas, t1) < bisect_left(copulas, k)
                    relation = self._relation(tags, k, t0, t1, tag, copula_seen, cue)
                    polarity = round(cue.value, 6) if cue is not None else 0.0
                    token = tokens[k]
                    found.append(
                        _new_predication(
                            (mention.actor_id, mention.start, mention.end, si, token.text, token.start,
                             token.end, tag, relation, polarity, bool(polarity), source)
                        )
                    )
        return PredicationResult(tuple(found))

    @staticmethod
    def _sentence_words(ctx: DocContext, scan: Any) -> tuple[dict[int, str], list[tuple[int, str, Any]], list[int]]:
        """Per sentence, once: the tags of its words, the candidate predicates (adjectives, full
        verbs, evaluative words; not in a mention, not a modifier) and the copulas."""
        tokens = ctx.doc.tokens
        covered = ctx.mention_at_token
        cue_at = {c.k: c for c in scan.cues}
        index = ctx.index
        tags: dict[int, str] = {}
        candidates = []
        copulas = []
        for k in range(scan.first, scan.stop):
            token = tokens[k]
            if token.kind != "word":
                continue
            tag = tags[k] = pos_of(token)
            lower = token.lower
            if lower in _COPULAS:
                copulas.append(k)
            if k in covered or lower in _LIGHT_VERBS:
                continue
            cue = cue_at.get(k)
            if not (tag[:2] in ("JJ", "VB") or (cue is not None and cue.value)):
                continue
            info = index.lookup(lower)
            if info is not None and info.role in _MODIFIER_ROLES:
                continue
            candidates.append((k, tag, cue))
        return tags, candidates, copulas
    def _clause(self, scan: Any, t0: int, t1: int) -> tuple[int, int]:
        """Token range of the mention's clause: to the nearest boundary (comma included), at
        most `window` words either side."""
        low = max(scan.first, t0 - self.window)
        high = min(scan.stop, t1 + self.window)
        bounds = scan.bounds
        i = bisect_left(bounds, low, key=_BOUND_K)
        while i < len(bounds) and bounds[i].k < high:  # bounded by the window
            bound = bounds[i]
            if bound.factor <= 0.7:
                if bound.k < t0:
                    low = bound.k + 1
                elif bound.k >= t1:
                    high = bound.k
                    break
            i += 1
        return low, high

    @staticmethod
    def _relation(tags: dict[int, str], k: int, t0: int, t1: int, tag: str, copula_seen: bool, cue: Any) -> str:
        if k < t0:
            if tag.startswith("JJ") and all(tags.get(j, "NN").startswith(("JJ", "DT", "RB", "NN")) for j in range(k + 1, t0)):
                return "attribute"
            if tag.startswith("VB"):
                return "undergoes"
            return "context"
        if tag.startswith("VB"):
            if cue is not None and cue.passive:
                return "undergoes"
            return "action" if not copula_seen or tag in ("VBG",) else "predicate"
        if copula_seen and (tag.startswith("JJ") or tag.startswith("NN")):
            return "predicate"
        return "context"

    def thread(self, thread: Thread | Iterable[tuple[str, str]]) -> ThreadPredications:
        """Predications in every unit of a thread."""
        return ThreadPredications(tuple((u.part, u.kind, u.id, self.extract(u.text)) for u in thread_units(thread)))


_DEFAULT: Predicator | None = None


def predications(text_or_doc: str | Doc, registry: ActorRegistry | None = None, **params: Any) -> PredicationResult:
    """The words a text attaches to each actor (the front door).

    Examples
    --------
    >>> [(p.actor, p.word) for p in predications("Russian warnings sound alarmist.").predications]
    [('russia', 'warnings'), ('russia', 'alarmist')]
    """
    global _DEFAULT
    if registry is None and not params:
        if _DEFAULT is None:
            _DEFAULT = Predicator()
        return _DEFAULT.extract(text_or_doc)
    return Predicator(registry=registry, **params).extract(text_or_doc)


def thread_predications(
    thread: Thread | Iterable[tuple[str, str]], registry: ActorRegistry | None = None, **params: Any
) -> ThreadPredications:
    """Predications in every unit of a thread, with a per-part summary.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> rows = thread_predications(load_seed()).summary()
    >>> any(r["actor"] == "israel" and r["word"] == "rabid" for r in rows)
    True
    """
    return Predicator(registry=registry, **params).thread(thread)
