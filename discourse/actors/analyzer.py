"""All actor measures of a text or thread in one pass: mentions, stance, relations, predication.

The actor analysers share one :class:`~discourse.actors.context.DocContext` per text (mentions found
once, each sentence scanned once, attributions found once), so running them together costs
little more than stance alone. For a thread, the tables come out per unit and per part
(article vs comments), with the nomination table on top.

Examples
--------
>>> a = analyze_actors("Russia has openly accused the US of violating de-escalation zones.")
>>> [(r["source"], r["target"], r["polarity"]) for r in a.to_records("relations") if r["kind"] == "speech_act"]
[('russia', 'united_states', -1)]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from discourse.actors.context import DocContext, cue_index, pos_lexicon
from discourse.actors.matching import Mention
from discourse.actors.nomination import NominationTable, nomination_table
from discourse.actors.predication import PredicationResult, Predicator, ThreadPredications
from discourse.actors.registry import ActorRegistry, registry_or_default
from discourse.actors.relations import RelationExtractor, RelationResult, ThreadRelations
from discourse.actors.rules import actor_rules
from discourse.actors.stance import StanceAnalyzer, StanceResult, ThreadStance
from discourse.actors.units import thread_units
from discourse.model import Thread
from discourse.text import Doc, as_doc
from discourse.results.columns import records

__all__ = ["TABLES", "ActorAnalysis", "ThreadActorAnalysis", "ActorAnalyzer", "analyze_actors", "analyze_thread_actors"]

TABLES = ("mentions", "stance", "stance_sentences", "stance_mentions", "evidence", "relations", "predications")
"""Names of the per-text tables of :meth:`ActorAnalysis.to_records`."""

MENTION_COLUMNS = ("actor", "alias", "form", "start", "end", "sentence", "possessive")
"""Columns of the ``mentions`` table of :meth:`ActorAnalysis.to_records` (:meth:`Mention.to_record`)."""

_STANCE_LEVELS = {"stance": "unit", "stance_sentences": "sentence", "stance_mentions": "mention", "evidence": "evidence"}
# (the per-text tables that are levels of StanceResult.to_records)


@dataclass(frozen=True)
class ActorAnalysis:
    """Mentions, stance, relations and predications of one text.

    Notes
    -----
    :meth:`to_records` tables: ``mentions`` (:meth:`Mention.to_record` rows), ``stance``
    (per actor x source), ``stance_sentences``, ``stance_mentions``, ``evidence`` (the levels of
    :meth:`StanceResult.to_records`), ``relations`` and ``predications`` (empty if predication
    was switched off).

    Examples
    --------
    >>> a = analyze_actors("The rabid Israeli government is dangerous.")
    >>> [r["word"] for r in a.to_records("predications")]
    ['rabid', 'dangerous']
    """

    mentions: tuple[Mention, ...]
    stance: StanceResult
    relations: RelationResult
    predications: PredicationResult | None = None

    def to_records(self, table: str = "stance") -> list[dict[str, Any]]:
        """Tidy rows of one table (see Notes)."""
        if table == "mentions":
            return records(self.to_columns("mentions"))
        if table == "stance":
            return self.stance.to_records("unit")
        if table == "stance_sentences":
            return self.stance.to_records("sentence")
        if table == "stance_mentions":
            return self.stance.to_records("mention")
        if table == "evidence":
            return self.stance.to_records("evidence")
        if table == "relations":
            return self.relations.to_records()
        if table == "predications":
            return self.predications.to_records() if self.predications is not None else []
        raise ValueError(f"unknown table {table!r}; use one of {TABLES}")

    def to_columns(self, table: str = "stance") -> dict[str, list[Any]]:
        """The rows of :meth:`to_records` column by column: column name -> one list of values,
        in the order of the records' keys (what the pipeline gathers, without a dict per row).

        Examples
        --------
        >>> a = analyze_actors("The rabid Israeli government is dangerous.")
        >>> a.to_columns("mentions")["actor"], a.to_columns("predications")["word"]
        (['israel'], ['rabid', 'dangerous'])
        """
        if table == "mentions":
            if not self.mentions:
                return {name: [] for name in MENTION_COLUMNS}
            start, end, actor, alias, form, possessive, sentence, _, _ = map(list, zip(*self.mentions))
            return {
                "actor": actor, "alias": alias, "form": form, "start": start, "end": end,
                "sentence": sentence, "possessive": possessive,
            }
        level = _STANCE_LEVELS.get(table)
        if level is not None:
            return self.stance.to_columns(level)
        if table == "relations":
            return self.relations.to_columns()
        if table == "predications":
            return (self.predications if self.predications is not None else PredicationResult()).to_columns()
        raise ValueError(f"unknown table {table!r}; use one of {TABLES}")


@dataclass(frozen=True)
class ThreadActorAnalysis:
    """The actor measures of every unit of a thread, with the nomination table.

    Notes
    -----
    :meth:`tables` returns tidy tables by name: ``nominations`` (see
    :class:`~discourse.actors.NominationTable`), ``stance`` (per part x actor x source),
    ``stance_units``, ``stance_mentions``, ``evidence``, ``relations``, ``edges`` (per part x
    source x target), ``predications`` and ``predication_summary`` (evaluative words per part x
    actor). Per-unit rows start with ``part``, ``unit_kind`` and ``unit_id``.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> t = analyze_thread_actors(load_seed())
    >>> sorted(t.tables())[:3]
    ['edges', 'evidence', 'nominations']
    """

    units: tuple[tuple[str, str, str, ActorAnalysis], ...]
    nominations: NominationTable
    threshold: float = 0.05

    def stance(self) -> ThreadStance:
        """The stance part as a :class:`~discourse.actors.stance.ThreadStance`."""
        return ThreadStance(tuple((p, k, u, a.stance) for p, k, u, a in self.units), self.threshold)

    def relations(self) -> ThreadRelations:
        """The relations part as a :class:`~discourse.actors.relations.ThreadRelations`."""
        return ThreadRelations(tuple((p, k, u, a.relations) for p, k, u, a in self.units))

    def predications(self) -> ThreadPredications:
        """The predication part as a :class:`~discourse.actors.predication.ThreadPredications`."""
        empty = PredicationResult()
        return ThreadPredications(tuple((p, k, u, a.predications or empty) for p, k, u, a in self.units))

    def to_records(self, table: str = "stance") -> list[dict[str, Any]]:
        """Tidy rows of one table (see Notes).

        Examples
        --------
        >>> t = analyze_thread_actors([("article", "Iran lied."), ("comments", "Iran is great.")])
        >>> [r["label"] for r in t.to_records("stance")]
        ['negative', 'positive']
        """
        tables = self.tables()
        if table not in tables:
            raise ValueError(f"unknown table {table!r}; use one of {sorted(tables)}")
        return tables[table]

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """All tables by name (see Notes)."""
        stance = self.stance()
        relations = self.relations()
        predications = self.predications()
        return {
            "nominations": self.nominations.to_records(),
            "stance": stance.to_records("part"),
            "stance_units": stance.to_records("unit"),
            "stance_mentions": stance.to_records("mention"),
            "evidence": stance.to_records("evidence"),
            "relations": relations.to_records(),
            "edges": relations.edges(),
            "predications": predications.to_records(),
            "predication_summary": predications.summary(),
        }


class ActorAnalyzer:
    """Runs the actor analysers together on a shared context.

    Parameters
    ----------
    registry : ActorRegistry, optional
        Actors (default: :meth:`ActorRegistry.default`).
    stance_params : dict, optional
        Parameters of :class:`~discourse.actors.stance.StanceAnalyzer`.
    predication : bool
        Also collect predications (needs the part-of-speech lexicon).
    reported_stance : bool
        Derive relations from reported stance too.

    Examples
    --------
    >>> ActorAnalyzer(predication=False).get_params()["predication"]
    False
    """

    def __init__(
        self,
        *,
        registry: ActorRegistry | None = None,
        stance_params: dict[str, Any] | None = None,
        predication: bool = True,
        reported_stance: bool = True,
    ) -> None:
        self.registry = registry
        self.stance_params = stance_params
        self.predication = predication
        self.reported_stance = reported_stance

    def get_params(self) -> dict[str, Any]:
        """The constructor's parameters."""
        return {
            "registry": self.registry,
            "stance_params": self.stance_params,
            "predication": self.predication,
            "reported_stance": self.reported_stance,
        }

    def lexicon_info(self) -> list[dict[str, str]]:
        """Provenance of every lexicon and of the registry.

        Examples
        --------
        >>> names = [d["name"] for d in ActorAnalyzer().lexicon_info()]
        >>> "stance_cues" in names and "actors" in names and "stance_target_model" in names
        True
        >>> "actor_rules" in names
        True
        """
        # the rule lists decide which mentions exist (titles, dates, institutions, nicknames...)
        info = cue_index().info() + [dict(actor_rules().info)]
        if self.predication:
            info.append(pos_lexicon().info)
        # the stance method's own files (the fitted model's weights, the irony list)
        stance_files = StanceAnalyzer(**(self.stance_params or {})).lexicon_info()
        info += [d for d in stance_files if d["name"] in ("stance_target_model", "irony_markers")]
        return info + registry_or_default(self.registry).provenance()


    def analyze(self, text_or_doc: str | Doc) -> ActorAnalysis:
        """All actor measures of one text.

        Examples
        --------
        >>> ActorAnalyzer().analyze("").mentions
        ()
        """
        stance_analyzer, relation_extractor, predicator = self._analyzers()
        doc = as_doc(text_or_doc)
        registry = registry_or_default(self.registry)
        mentions = registry.find(doc)
        if not mentions:
            # Most texts name no actor: every measure is then empty (each analyser only reads the
            # sentences with mentions), so the shared context and the analysers are skipped.
            return self._empty(stance_analyzer)
        ctx = DocContext(doc, registry, mentions)
        stance = stance_analyzer.analyze_context(ctx)
        relations = relation_extractor.extract_context(ctx, stance)
        predications = predicator.extract_context(ctx) if self.predication else None
        return ActorAnalysis(ctx.mentions, stance, relations, predications)

    def _empty(self, stance_analyzer: StanceAnalyzer) -> ActorAnalysis:
        """The analysis of a text that names no actor: one shared, immutable result per
        configuration (built again with the analysers, or when ``predication`` changes).

        Most comments name no actor, and building the four empty results and the stance
        parameters cost more than finding that out (about 5 µs a comment)."""
        cached = self.__dict__.get("_empty_")
        if cached is not None and cached[0] is stance_analyzer and cached[1] == self.predication:
            return cached[2]
        empty = ActorAnalysis(
            (),
            StanceResult((), stance_analyzer.effective_threshold(), stance_analyzer.get_params(), {}),
            RelationResult(()),
            PredicationResult(()) if self.predication else None,
        )
        self.__dict__["_empty_"] = (stance_analyzer, self.predication, empty)
        return empty

    def _analyzers(self) -> tuple[StanceAnalyzer, RelationExtractor, Predicator]:
        """The configured analysers, built again only when a parameter has changed."""
        key = (self.registry, self.reported_stance, self.stance_params)
        cached = self.__dict__.get("_analyzers_")
        if cached is not None and cached[0][0] is key[0] and cached[0][1] == key[1] and cached[0][2] == key[2]:
            return cached[1]
        analyzers = (
            StanceAnalyzer(registry=self.registry, **(self.stance_params or {})),
            RelationExtractor(
                registry=self.registry, reported_stance=self.reported_stance, stance_params=self.stance_params
            ),
            Predicator(registry=self.registry),
        )
        # a copy of the stance parameters, so a change made in place is noticed too
        params = dict(self.stance_params) if isinstance(self.stance_params, dict) else self.stance_params
        self.__dict__["_analyzers_"] = ((key[0], key[1], params), analyzers)
        return analyzers

    def thread(self, thread: Thread | Iterable[tuple[str, str]]) -> ThreadActorAnalysis:
        """All actor measures of every unit of a thread, and its nomination table.

        Examples
        --------
        >>> t = ActorAnalyzer().thread([("article", "Iran lied."), ("comments", "Iran is great.")])
        >>> [(r["part"], r["label"]) for r in t.tables()["stance"]]
        [('article', 'negative'), ('comments', 'positive')]
        """
        units = thread_units(thread)
        analysed = tuple((u.part, u.kind, u.id, self.analyze(u.text)) for u in units)
        table = nomination_table(((part, a.mentions) for part, _, _, a in analysed), registry_or_default(self.registry))
        return ThreadActorAnalysis(analysed, table, self.stance_threshold())

    def stance_threshold(self) -> float:
        """The label threshold of the configured stance analyser.

        Examples
        --------
        >>> ActorAnalyzer(stance_params={"method": "rules"}).stance_threshold()
        0.05
        >>> ActorAnalyzer().stance_threshold()  # the fitted model's cross-validated threshold
        0.35
        """
        return StanceAnalyzer(**(self.stance_params or {})).effective_threshold()


def analyze_actors(text_or_doc: str | Doc, registry: ActorRegistry | None = None, **params: Any) -> ActorAnalysis:
    """Mentions, stance, relations and predications of a text (the front door).

    Examples
    --------
    >>> a = analyze_actors("The US-backed SDF captured oil fields.")
    >>> [(r["source"], r["target"], r["relation"]) for r in a.to_records("relations")]
    [('united_states', 'sdf', 'backed'), ('sdf', '', 'captur*')]
    """
    return ActorAnalyzer(registry=registry, **params).analyze(text_or_doc)


def analyze_thread_actors(
    thread: Thread | Iterable[tuple[str, str]], registry: ActorRegistry | None = None, **params: Any
) -> ThreadActorAnalysis:
    """All actor tables of a thread: nominations, stance (article vs comments), relations,
    predications.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> tables = analyze_thread_actors(load_seed()).tables()
    >>> [r["count"] for r in tables["nominations"] if r["alias"] == "Assad government"]
    [1, 0]
    """
    return ActorAnalyzer(registry=registry, **params).thread(thread)
