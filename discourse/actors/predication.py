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
:mod:`discourse.actors.stance`.

Examples
--------
>>> rows = predications("The rabid Israeli government is dangerous.").to_records()
>>> [(r["actor"], r["word"], r["relation"], r["polarity"]) for r in rows]
[('israel', 'rabid', 'attribute', -2.5), ('israel', 'dangerous', 'predicate', -2.1)]
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import compress, count, repeat
from collections.abc import Iterable
from operator import itemgetter
from dataclasses import dataclass
from functools import partial
from typing import Any, NamedTuple

from discourse.actors.attribution import mention_attributions
from discourse.actors.context import AUXILIARIES, BE_FORMS, ROUND6, DocContext, cue_index, pos_lexicon, pos_of
from discourse.actors.registry import ActorRegistry, registry_or_default
from discourse.actors.units import thread_units
from discourse.model import Thread
from discourse.text import Doc, Token, as_doc
from discourse.results.columns import records

__all__ = ["Predication", "PredicationResult", "ThreadPredications", "Predicator", "predications", "thread_predications"]

_COPULAS = BE_FORMS | frozenset("seem seems seemed appear appears appeared look looks looked sound sounds sounded remain remains remained become becomes became prove proves proved".split())
_LIGHT_VERBS = AUXILIARIES | frozenset("do does did doing done have has had having get gets got".split())
_WINDOW = 8
_MODIFIER_ROLES = frozenset(
    {"negator", "booster", "dampener", "contrast", "subordinator", "relative", "coordinator", "complementizer"}
)


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


PREDICATION_COLUMNS = (
    "sentence", "actor", "mention_start", "mention_end", "word", "start", "end", "pos", "relation", "polarity",
    "evaluative", "source",
)
"""Columns of :meth:`PredicationResult.to_records` and :meth:`PredicationResult.to_columns`."""


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
        """One row per mention x word (the rows of :meth:`to_columns`)."""
        return records(self.to_columns())

    def to_columns(self) -> dict[str, list[Any]]:
        """:meth:`to_records` column by column (:data:`PREDICATION_COLUMNS` -> one list each).

        Examples
        --------
        >>> predications("The rabid Israeli government is dangerous.").to_columns()["word"]
        ['rabid', 'dangerous']
        """
        if not self.predications:
            return {name: [] for name in PREDICATION_COLUMNS}
        (actor, mention_start, mention_end, sentence, word, start, end, pos, relation, polarity, evaluative,
         source) = map(list, zip(*self.predications))
        return {
            "sentence": sentence,
            "actor": actor,
            "mention_start": mention_start,
            "mention_end": mention_end,
            "word": word,
            "start": start,
            "end": end,
            "pos": pos,
            "relation": relation,
            "polarity": polarity,
            "evaluative": evaluative,
            "source": source,
        }

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


_NO_CUES: dict[int, Any] = {}
# Per token text, memoised (an open vocabulary, so bounded): whether the word can be a predicate
# or is a copula (else it is skipped at C speed unless a cue sits on it), and for words (lower
# form, copula, never a predicate (a light verb or a modifier), tag, adjective or verb, adjective,
# verb, adjective or noun). A token's kind and lower form follow from its text, except for a
# capital sigma, whose lower form depends on what follows (such words are always looked at, and
# their lower form checked).
_RELEVANT: dict[str, bool] = {}
_WORDS: dict[str, tuple[str, bool, bool, str, bool, bool, bool, bool]] = {}
_TEXT = itemgetter(2)
_ATTRIBUTE_TAGS = ("JJ", "DT", "RB", "NN")  # what may stand between an attribute and its noun


def _word(token: Token, index: Any) -> tuple[str, bool, bool, str, bool, bool, bool, bool] | None:
    """Fill the memos for a token; its word facts (``None`` if it is not a word)."""
    if len(_RELEVANT) > 200_000:
        _RELEVANT.clear()
        _WORDS.clear()
    text = token[2]
    if token[4] != "word":
        _RELEVANT[text] = False
        return None
    lower = token[3]
    tag = pos_of(token)
    info = index.lookup(lower)
    skip = lower in _LIGHT_VERBS or (info is not None and info.role in _MODIFIER_ROLES)
    adjective, verb = tag.startswith("JJ"), tag.startswith("VB")
    known = _WORDS[text] = (
        lower, lower in _COPULAS, skip, tag, adjective or verb, adjective, verb, adjective or tag.startswith("NN")
    )
    _RELEVANT[text] = known[1] or (known[4] and not skip) or "\u03a3" in text
    return known


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
        return cue_index().info() + [pos_lexicon().info] + registry_or_default(self.registry).provenance()


    def extract(self, text_or_doc: str | Doc) -> PredicationResult:
        """Predications of one text.

        Examples
        --------
        >>> Predicator().extract("").predications
        ()
        """
        return self.extract_context(DocContext(as_doc(text_or_doc), registry_or_default(self.registry)))

    def extract_context(self, ctx: DocContext) -> PredicationResult:
        """Predications for a prepared :class:`~discourse.actors.context.DocContext` (the
        internal API shared with :class:`~discourse.actors.analyzer.ActorAnalyzer`).

        A mention's clause reaches to the nearest clause edge (comma included) on either side, at
        most `window` words. A word's relation: before the mention, an adjective with only
        adjectives, determiners, adverbs and nouns between is an ``attribute``, a verb
        ``undergoes``; after it, a verb is an ``action`` (``undergoes`` in a passive, a
        ``predicate`` after a copula unless a gerund), an adjective or noun after a copula a
        ``predicate``; anything else ``context``.
        """
        tokens = ctx.doc.tokens
        window = self.window
        found: list[Predication] = []
        for si in sorted(ctx.by_sentence):
            scan = ctx.scan(si)
            # (looked up even without candidates: pronoun speakers of later sentences refer back)
            attributions = mention_attributions(ctx, si)
            candidates, copulas = self._sentence_words(ctx, scan)
            if not candidates:
                continue
            positions = [c[0] for c in candidates]
            first, stop = scan.first, scan.stop
            edges = [b[0] for b in scan.bounds if b[1] <= 0.7]  # clause edges (comma included)
            mentions = ctx.by_sentence[si]
            for n, mention in enumerate(mentions):
                container = attributions[n][0] if attributions is not None else None
                source = container.source if container is not None else "author"
                actor, m_start, m_end = mention[2], mention[0], mention[1]
                t0, t1 = mention[7], mention[8]  # token_start, token_end
                # the mention's clause, by bisection in the sorted edges
                low = max(first, t0 - window)
                high = min(stop, t1 + window)
                if edges:
                    j = bisect_left(edges, min(t0, high)) - 1
                    top = high
                    if j >= 0 and edges[j] >= low:
                        low = edges[j] + 1
                    j = bisect_left(edges, max(t1, low))
                    if j < len(edges) and edges[j] < top:
                        high = edges[j]
                copulas_before = bisect_left(copulas, t1) if copulas else 0
                for i in range(bisect_left(positions, low), bisect_left(positions, high)):
                    k, tag, _cue, polarity, text, start, end, adjective, verb, adjective_or_noun, passive = candidates[i]
                    # the word's relation to the mention
                    if k < t0:
                        if adjective and all(
                            tokens[j][4] != "word" or pos_of(tokens[j]).startswith(_ATTRIBUTE_TAGS)
                            for j in range(k + 1, t0)
                        ):
                            relation = "attribute"
                        else:
                            relation = "undergoes" if verb else "context"
                    elif k < t1:
                        continue
                    else:
                        copula_seen = k > t1 and copulas_before < bisect_left(copulas, k)
                        if verb:
                            if passive:
                                relation = "undergoes"
                            else:
                                relation = "action" if not copula_seen or tag == "VBG" else "predicate"
                        elif copula_seen and adjective_or_noun:
                            relation = "predicate"
                        else:
                            relation = "context"
                    found.append(
                        _new_predication(
                            (actor, m_start, m_end, si, text, start, end, tag, relation, polarity,
                             bool(polarity), source)
                        )
                    )
        return PredicationResult(tuple(found))

    @staticmethod
    def _sentence_words(ctx: DocContext, scan: Any) -> tuple[list[tuple[Any, ...]], list[int]]:
        """Per sentence, once: the candidate predicates (adjectives, full verbs, evaluative
        words; not in a mention, not a modifier) with their tag, cue, rounded polarity, text and
        span, and the copulas."""
        tokens = ctx.doc.tokens
        covered = ctx.mention_at_token
        first, stop = scan.first, scan.stop
        # the tokens worth a look: copulas, possible predicates, unknown tokens, and cues
        visit: Iterable[int]
        visit = compress(count(first), map(_RELEVANT.get, map(_TEXT, tokens[first:stop]), repeat(True)))
        cues = scan.cues
        if cues:
            cue_at = {c[0]: c for c in cues}
            visit = sorted(set(visit).union(cue_at))
        else:
            cue_at = _NO_CUES
        words = _WORDS
        candidates = []
        copulas = []
        for k in visit:
            token = tokens[k]
            known = words.get(token[2])
            if known is None or known[0] != token[3]:
                known = _word(token, ctx.index)
                if known is None:  # not a word
                    continue
            _, copula, skip, tag, verb_or_adjective, adjective, verb, adjective_or_noun = known
            if copula:
                copulas.append(k)
            if skip or k in covered:
                continue
            cue = cue_at.get(k)
            if cue is None:
                if not verb_or_adjective:
                    continue
                polarity = 0.0
            else:
                value = cue[5]
                if not (verb_or_adjective or value):
                    continue
                # round(value, 6), through the memo for floats
                polarity = (ROUND6[value] if value else value) if value.__class__ is float else round(value, 6)
            candidates.append(
                (k, tag, cue, polarity, token[2], token[0], token[1], adjective, verb, adjective_or_noun,
                 cue is not None and cue[11])  # passive
            )
        return candidates, copulas

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
