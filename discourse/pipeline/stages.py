"""Adapters that turn each analyser's results into rows of the result tables.

A stage wraps one configured analyser. The engine (:mod:`discourse.pipeline.analysis`) gives every stage
the same :class:`Unit` (with its shared :class:`~discourse.text.Doc`, tokenised once), collects
the per-unit results of a thread, and then asks each stage for its thread-level rows (summaries
that need all units). Stages hold no state between threads. The built-in stages are
:class:`AnalyserBase` subclasses like a plug-in analyser: one protocol, one mixin.

Examples
--------
>>> from discourse.text import Doc
>>> stage = RhetoricStage(features="all")
>>> unit = Unit("t", "c1", "comment", Doc("WAKE UP people!"))
>>> rows = stage.unit_rows(unit, stage.analyze_unit(unit))
>>> sorted(rows)
['features']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, Protocol

from discourse.results.columns import Column
from discourse.results.schema import SCHEMAS
from discourse.text import Doc

__all__ = ["Unit", "Analyser", "AnalyserBase", "UNIT_KEYS", "Stage", "SentimentStage", "RhetoricStage", "ActorStage", "IncivilityStage", "count_comments"]

Rows = dict[str, list[dict[str, Any]]]


def count_comments(rows: Rows) -> int:
    """Number of comments among a thread's rows (its ``units`` rows of kind ``comment``).

    Examples
    --------
    >>> count_comments({"units": [{"unit_kind": "article"}, {"unit_kind": "comment"}]})
    1
    """
    return sum(1 for row in rows["units"] if row["unit_kind"] == "comment")


class Unit(NamedTuple):
    """One analysed text of a thread: the title, the article body, or a comment (with its
    reply depth: 0 for a reply to the article, None for the title and body)."""

    thread_id: str
    unit_id: str
    unit_kind: str
    doc: Doc
    depth: int | None = None


class Analyser(Protocol):
    """What the pipeline needs from an analyser: the one protocol of every stage, built-in or yours.

    The pipeline gives every analyser the same :class:`Unit` (the title, the article body or one
    comment, with its shared :class:`~discourse.text.Doc`: text, sentences, token offsets,
    tokenised once), calls :meth:`analyze_unit` on each unit of a thread in reading order, turns
    each result into rows with :meth:`unit_rows`, and after the last unit asks
    :meth:`thread_rows` for the rows that need the whole thread (summaries). Rows go into the
    tables the analyser declares in :attr:`schemas`; each row is a mapping from declared column
    names to values. Analysers hold no state between threads (threads may run in other processes).

    An analyser may also have ``unit_columns(unit, result)``: the rows of :meth:`unit_rows` as
    table -> column name -> list of values (the same values in the same order; a column left
    out holds missing values). ``analyze()`` and the Parquet output then gather them without a
    dict per row, as they do for the built-in rhetoric stage.

    Attributes
    ----------
    name : str
        The analyser's name in the provenance record (``provenance["analysers"][name]``).
    tables : tuple of str
        The tables it writes (with :class:`AnalyserBase`: the keys of :attr:`schemas`).
    schemas : mapping of str to tuple of Column
        The columns of each table it writes (the built-in stages take theirs from
        :data:`discourse.results.schema.SCHEMAS`; a plug-in analyser declares its own).

    Examples
    --------
    A plug-in analyser, written with :class:`AnalyserBase`:

    >>> from discourse.datasets import load_seed
    >>> from discourse.pipeline import analyze
    >>> from discourse.results.columns import Column
    >>> class Exclamations(AnalyserBase):
    ...     name = "exclamations"
    ...     schemas = {"exclamations": UNIT_KEYS + (Column("n", "int", "exclamation marks"),)}
    ...     def __init__(self, *, mark: str = "!") -> None:
    ...         self.mark = mark
    ...     def analyze_unit(self, unit):
    ...         return unit.doc.text.count(self.mark)
    ...     def unit_rows(self, unit, result):
    ...         return {"exclamations": [{**self.keys(unit), "n": result}]}
    >>> results = analyze(load_seed(), analysers=[Exclamations()])
    >>> int(results["exclamations"]["n"].sum()) > 0
    True
    >>> results.provenance["analysers"]["exclamations"]
    {'mark': '!'}
    """

    name: str
    tables: tuple[str, ...]
    schemas: Mapping[str, tuple[Column, ...]]

    def get_params(self) -> dict[str, Any]:
        """The analyser's parameters (recorded in the provenance of every result)."""
        ...

    def lexicon_info(self) -> list[dict[str, str]]:
        """The lexicons or weight files it reads: ``{"name", "path"}`` records (hashed into the provenance)."""
        ...

    def analyze_unit(self, unit: Unit) -> Any:
        """The analyser's result for one unit."""
        ...

    def unit_rows(self, unit: Unit, result: Any) -> Rows:
        """Rows per table for one unit's result."""
        ...

    def thread_rows(self, thread_id: str, units: Sequence[Unit], results: Sequence[Any]) -> Rows:
        """Rows per table that need all units of a thread (summaries)."""
        ...


Stage = Analyser
"""The built-in analysers are called stages; the protocol is the same."""

UNIT_KEYS: tuple[Column, ...] = (
    Column("thread_id", "str", "thread (article) id"),
    Column("unit_id", "str", "unit id: 'title', 'article' or the comment id"),
    Column("unit_kind", "str", "'title', 'article' or 'comment'"),
)
"""The key columns that start every per-unit table (use them in a plug-in analyser's schema)."""


class AnalyserBase:
    """A mixin for plug-in analysers: parameters, ``get_params()`` and the defaults of :class:`Analyser`.

    Subclasses set :attr:`name` and :attr:`schemas` (table name -> columns), take their parameters
    as keyword arguments of ``__init__`` stored under the same names (as scikit-learn estimators
    do), and implement ``analyze_unit`` and ``unit_rows``; ``thread_rows`` defaults to no rows and
    ``lexicon_info`` to no lexicons. See :class:`Analyser` for an example.
    """

    name: str = ""
    schemas: Mapping[str, tuple[Column, ...]] = {}

    @property
    def tables(self) -> tuple[str, ...]:
        """The tables this analyser writes (the keys of :attr:`schemas`)."""
        return tuple(self.schemas)

    @classmethod
    def _param_names(cls) -> list[str]:
        import inspect

        signature = inspect.signature(cls.__init__)
        return [
            p.name for p in signature.parameters.values()
            if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]

    def get_params(self) -> dict[str, Any]:
        """The constructor's parameters and their values (by the names ``__init__`` takes).

        Examples
        --------
        >>> class Counter(AnalyserBase):
        ...     def __init__(self, *, word: str = "war") -> None:
        ...         self.word = word
        >>> Counter(word="peace").get_params()
        {'word': 'peace'}
        """
        return {name: getattr(self, name) for name in self._param_names()}

    def lexicon_info(self) -> list[dict[str, str]]:
        """No lexicons by default."""
        return []

    def thread_rows(self, thread_id: str, units: Sequence[Unit], results: Sequence[Any]) -> Rows:
        """No thread-level rows by default."""
        return {}

    @staticmethod
    def keys(unit: Unit) -> dict[str, Any]:
        """The key columns of a per-unit row (:data:`UNIT_KEYS`) for `unit`."""
        return {"thread_id": unit.thread_id, "unit_id": unit.unit_id, "unit_kind": unit.unit_kind}

    def __repr__(self) -> str:
        params = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({params})"


def _built_in(*tables: str) -> dict[str, tuple[Column, ...]]:
    """The columns of built-in tables (declared once, in :data:`discourse.results.schema.SCHEMAS`)."""
    return {table: SCHEMAS[table] for table in tables}


def _prefixed(unit: Unit, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add the unit's keys to fresh records, in place (no copies: this runs for every row)."""
    prefix = {"thread_id": unit.thread_id, "unit_id": unit.unit_id, "unit_kind": unit.unit_kind}
    for row in rows:
        row.update(prefix)
    return rows


def _with_unit_keys(columns: dict[str, list[Any]], unit: Unit, n: int) -> dict[str, list[Any]]:
    """Add the unit's keys to fresh columns of `n` rows, in place (:func:`_prefixed` for columns)."""
    columns["thread_id"] = [unit.thread_id] * n
    columns["unit_id"] = [unit.unit_id] * n
    columns["unit_kind"] = [unit.unit_kind] * n
    return columns


class SentimentStage(AnalyserBase):
    """Sentiment per unit, per article sentence, its cues, and the article-vs-comments summary.

    Parameters
    ----------
    method : str
        ``"vader"``, ``"textblob"`` or ``"news"``.
    sentence_level : {"article", "all", "none"}
        Which units also get sentence-level scores (default: the article body).
    n_boot, ci, seed : int, float, int
        Bootstrap resamples, interval level and seed of the summary's confidence intervals.
    """

    name = "sentiment"
    schemas = _built_in("sentiment", "sentiment_cues", "sentiment_summary")

    def __init__(
        self,
        method: str = "vader",
        *,
        sentence_level: str = "article",
        n_boot: int = 2000,
        ci: float = 0.95,
        seed: int = 0,
    ) -> None:
        from discourse.sentiment import SentimentAnalyzer

        if sentence_level not in ("article", "all", "none"):
            raise ValueError("sentence_level must be 'article', 'all' or 'none'")
        self.method = method
        self.sentence_level = sentence_level
        self.n_boot = n_boot
        self.ci = ci
        self.seed = seed
        self.analyzer_ = SentimentAnalyzer(method)

    def get_params(self) -> dict[str, Any]:
        """The stage's parameters, with the analyser's own."""
        return {
            **self.analyzer_.get_params(),
            "sentence_level": self.sentence_level,
            "n_boot": self.n_boot,
            "ci": self.ci,
            "seed": self.seed,
        }

    def lexicon_info(self) -> list[dict[str, str]]:
        """Lexicons used by the sentiment method."""
        return self.analyzer_.lexicon_info()

    def _wants_sentences(self, unit: Unit) -> bool:
        if self.sentence_level == "all":
            return unit.unit_kind != "title"
        return self.sentence_level == "article" and unit.unit_kind == "article"

    def analyze_unit(self, unit: Unit) -> tuple[Any, Any]:
        """The unit's result and, where wanted, its sentence profile."""
        result = self.analyzer_.score(unit.doc)
        profile = self.analyzer_.sentences(unit.doc) if self._wants_sentences(unit) else None
        return result, profile

    def unit_rows(self, unit: Unit, result: tuple[Any, Any]) -> Rows:
        """Rows of ``sentiment`` and ``sentiment_cues`` for one unit."""
        whole, profile = result
        keys = {"thread_id": unit.thread_id, "unit_id": unit.unit_id, "unit_kind": unit.unit_kind}
        # (the keys go into each row as it is built: one dict per row, no merging afterwards)
        rows = whole.to_records({"level": "unit", "sentence": None, "start": 0, "end": len(unit.doc.text), **keys})
        cues = whole.cue_records(keys)
        if profile is not None:
            rows += profile.to_records({"level": "sentence", **keys})
        return {"sentiment": rows, "sentiment_cues": cues}

    def thread_rows(self, thread_id: str, units: Sequence[Unit], results: Sequence[Any]) -> Rows:
        """The thread's ``sentiment_summary``: article, its sentences, comments, difference."""
        from discourse.sentiment.aggregate import thread_summary

        article = profile = None
        comments = []
        for unit, (whole, sentences) in zip(units, results):
            if unit.unit_kind == "article":
                article, profile = whole, sentences
            elif unit.unit_kind == "comment":
                comments.append(whole)
        summary = thread_summary(
            article, profile, comments, n_boot=self.n_boot, ci=self.ci, seed=self.seed
        )
        rows = [{"thread_id": thread_id, "method": self.method, **g.to_record()} for g in summary]
        return {"sentiment_summary": rows}


class RhetoricStage(AnalyserBase):
    """Rhetorical-feature counts, rates and evidence per unit.

    Parameters
    ----------
    features : "all" or sequence of str
        Feature names from the catalogue.
    dictionaries : sequence
        User dictionaries (LIWC-style ``.dic`` files or word lists) to count as extra features.
    """

    name = "rhetoric"
    schemas = _built_in("features")

    def __init__(self, features: str | Sequence[str] = "all", *, dictionaries: Sequence[Any] = ()) -> None:
        from discourse.rhetoric import RhetoricAnalyzer

        self.features = features
        self.dictionaries = tuple(dictionaries)
        self.analyzer_ = RhetoricAnalyzer(features=features, dictionaries=self.dictionaries)

    def get_params(self) -> dict[str, Any]:
        """The analyser's parameters."""
        return self.analyzer_.get_params()

    def lexicon_info(self) -> list[dict[str, str]]:
        """Lexicons used by the selected features."""
        return self.analyzer_.lexicon_info()

    def analyze_unit(self, unit: Unit) -> Any:
        """The unit's :class:`~discourse.rhetoric.RhetoricResult`."""
        return self.analyzer_.analyze(unit.doc)

    def unit_rows(self, unit: Unit, result: Any) -> Rows:
        """Rows of ``features`` for one unit."""
        keys = {"thread_id": unit.thread_id, "unit_id": unit.unit_id, "unit_kind": unit.unit_kind}
        return {"features": result.to_records(keys)}

    def unit_columns(self, unit: Unit, result: Any) -> dict[str, dict[str, list[Any]]]:
        """:meth:`unit_rows` column by column (table -> column -> values), as the pipeline
        gathers them: 44 rows per unit, most of them a feature without hits, need no dicts."""
        columns = result.to_columns()
        return {"features": _with_unit_keys(columns, unit, len(columns["feature"]))}

    def thread_rows(self, thread_id: str, units: Sequence[Unit], results: Sequence[Any]) -> Rows:
        """No thread-level rows: the article-vs-comments contrast is computed from ``features``."""
        return {}


class ActorStage(AnalyserBase):
    """Actor mentions, stance (unit, sentence, mention, evidence), relations and predications,
    with the thread's stance summary, relation edges, nomination and predication tables.

    Parameters
    ----------
    registry : ActorRegistry or path, optional
        The actors (default: :meth:`discourse.actors.ActorRegistry.default`), or a TOML/JSON
        registry file, which extends the bundled registry (or replaces it, with
        ``extend=False``).
    predication : bool
        Also collect predications (evaluative words attached to actors).
    stance_params : dict, optional
        Parameters of :class:`discourse.actors.stance.StanceAnalyzer`.
    extend : bool
        A registry *file* extends the bundled registry (default) or, if False, replaces it.
    discover : bool
        Fill the ``actor_candidates`` table (names the registry does not know; about 15-17 µs
        per real comment). Off: the table stays empty.
    """

    name = "actors"
    schemas = _built_in(
        "mentions",
        "stance",
        "stance_sentences",
        "stance_mentions",
        "stance_evidence",
        "relations",
        "predications",
        "stance_summary",
        "relation_edges",
        "nominations",
        "predication_summary",
        "actor_candidates",
    )
    # table of this pipeline -> table name in ActorAnalysis.to_records
    _UNIT_TABLES = {
        "mentions": "mentions",
        "stance": "stance",
        "stance_sentences": "stance_sentences",
        "stance_mentions": "stance_mentions",
        "stance_evidence": "evidence",
        "relations": "relations",
        "predications": "predications",
    }

    def __init__(
        self,
        registry: Any = None,
        *,
        predication: bool = True,
        stance_params: Mapping[str, Any] | None = None,
        extend: bool = True,
        discover: bool = True,
    ) -> None:
        from discourse.actors import ActorRegistry, registry_or_default
        from discourse.actors.analyzer import ActorAnalyzer

        self.registry = registry
        self.predication = predication
        self.stance_params = dict(stance_params) if stance_params else None
        self.extend = extend
        self.discover = discover
        if registry is None or isinstance(registry, ActorRegistry):
            self.registry_ = registry_or_default(registry)
        elif extend:  # a file adds to the bundled actors (it may name them as parents, extend them)
            self.registry_ = registry_or_default(None).extend(registry)
        else:
            self.registry_ = ActorRegistry.from_file(registry)
        self.analyzer_ = ActorAnalyzer(
            registry=self.registry_, stance_params=self.stance_params, predication=predication
        )
        # The thread being read: its title and body (for the comments' context), rebuilt per thread.
        self._thread: str | None = None
        self._article_docs: list[Doc] = []
        self._context: tuple[str, Any] | None = None

    def get_params(self) -> dict[str, Any]:
        """Parameters, with the registry named by its file (or ``"default"``), whether a file
        extends or replaces the bundled registry, and ``discover`` when switched off."""
        from discourse.actors import ActorRegistry

        registry = self.registry if isinstance(self.registry, (str, type(None))) else str(self.registry)
        params = {
            "registry": registry or "default",
            "predication": self.predication,
            "stance_params": self.stance_params,
        }
        if not self.discover:
            params["discover"] = False
        if self.registry is not None and not isinstance(self.registry, ActorRegistry):  # a file
            params["registry_use"] = "extends the bundled registry" if self.extend else "replaces the bundled registry"
        return params

    def lexicon_info(self) -> list[dict[str, str]]:
        """Cue lexicons and the actor registry, with their hashes."""
        return self.analyzer_.lexicon_info()

    def analyze_unit(self, unit: Unit) -> Any:
        """The unit's :class:`~discourse.actors.analyzer.ActorAnalysis`; a comment's mentions are
        read in the context of its thread's title and body (see "The thread as context" in
        :mod:`discourse.actors.disambiguation`: "Harper" in a comment under an article on
        Stephen Harper)."""
        registry = self.registry_
        if unit.unit_kind == "comment":
            context = self._article_context(unit.thread_id)
            if context is not None:
                registry.find(unit.doc, context=context)  # (cached for the analysers of this Doc)
        else:  # title and body come first in a thread (reading order)
            if self._thread != unit.thread_id:
                self._thread, self._article_docs = unit.thread_id, []
            self._article_docs.append(unit.doc)
        return self.analyzer_.analyze(unit.doc)

    def _article_context(self, thread_id: str) -> Any:
        """The thread context of `thread_id`'s title and body, if the stage has seen them."""
        if self._thread != thread_id or not self._article_docs:
            return None
        if self._context is None or self._context[0] != thread_id:
            from discourse.actors.disambiguation import thread_context

            docs = self._article_docs
            self._context = (thread_id, thread_context(((d, self.registry_.find(d)) for d in docs), self.registry_))
        return self._context[1]

    def unit_rows(self, unit: Unit, result: Any) -> Rows:
        """Rows of the per-unit actor tables."""
        if not (
            result.mentions
            or result.stance.mentions
            or result.relations.relations
            or (result.predications is not None and result.predications.predications)
        ):
            return {table: [] for table in self._UNIT_TABLES}  # most units name no actor: no rows
        return {
            table: _prefixed(unit, result.to_records(source))
            for table, source in self._UNIT_TABLES.items()
        }

    def unit_columns(self, unit: Unit, result: Any) -> dict[str, dict[str, list[Any]]]:
        """:meth:`unit_rows` column by column (table -> column -> values), as the pipeline
        gathers them: a mention has about 16 evidence rows, which then need no dicts."""
        if not (
            result.mentions
            or result.stance.mentions
            or result.relations.relations
            or (result.predications is not None and result.predications.predications)
        ):
            return {}  # most units name no actor: no rows
        tables = {}
        for table, source in self._UNIT_TABLES.items():
            columns = result.to_columns(source)
            n = len(next(iter(columns.values())))
            if n:
                tables[table] = _with_unit_keys(columns, unit, n)
        return tables

    def thread_rows(self, thread_id: str, units: Sequence[Unit], results: Sequence[Any]) -> Rows:
        """Thread-level tables: stance summary, relation edges, nominations, predication summary
        and the names the registry did not know (``actor_candidates``)."""
        from discourse.actors import nomination_table
        from discourse.actors.analyzer import ThreadActorAnalysis
        from discourse.actors.discovery import candidate_rows

        parts = ["comments" if u.unit_kind == "comment" else "article" for u in units]
        analysed = tuple(
            (part, u.unit_kind, u.unit_id, result) for part, u, result in zip(parts, units, results)
        )
        table = nomination_table(
            ((part, result.mentions) for part, result in zip(parts, results)), self.registry_
        )
        threshold = self.analyzer_.stance_threshold()
        thread = ThreadActorAnalysis(analysed, table, threshold)
        head = {"thread_id": thread_id}
        return {
            "stance_summary": [{**head, **row} for row in thread.stance().to_records("part")],
            "relation_edges": [{**head, **row} for row in thread.relations().edges()],
            "nominations": [{**head, **row} for row in table.to_records()],
            "predication_summary": [{**head, **row} for row in thread.predications().summary()],
            "actor_candidates": candidate_rows(
                ((u.unit_id, u.doc, result.mentions) for u, result in zip(units, results)),
                thread_id=thread_id,
                registry=self.registry_,
            ) if self.discover else [],
        }


class IncivilityStage(AnalyserBase):
    """Incivility and intolerance per unit (:mod:`discourse.incivility`), the evidence spans of
    the units at or above the threshold, and the thread's shares of uncivil / intolerant units
    (article, comments, reply depth).

    Parameters
    ----------
    threshold : float
        Probability at or above which a unit counts as uncivil / intolerant (and gets spans).
    ci : float
        Level of the Wilson intervals of the shares.
    """

    name = "incivility"
    schemas = _built_in("incivility", "incivility_spans", "incivility_summary")

    def __init__(self, *, threshold: float = 0.5, ci: float = 0.95) -> None:
        from discourse.incivility import IncivilityAnalyzer

        self.threshold = threshold
        self.ci = ci
        self.analyzer_ = IncivilityAnalyzer(threshold=threshold, spans="flagged")

    def get_params(self) -> dict[str, Any]:
        """The analyser's parameters and the interval level."""
        return {**self.analyzer_.get_params(), "ci": self.ci}

    def lexicon_info(self) -> list[dict[str, str]]:
        """The weight file and the lexicons the features read."""
        return self.analyzer_.lexicon_info()

    def analyze_unit(self, unit: Unit) -> Any:
        """The unit's :class:`~discourse.incivility.IncivilityResult`."""
        return self.analyzer_.analyze(unit.doc)

    def unit_rows(self, unit: Unit, result: Any) -> Rows:
        """Rows of ``incivility`` (one per unit) and ``incivility_spans``."""
        return {
            "incivility": _prefixed(unit, [result.to_record()]),
            # (most units have no span: no rows to prefix)
            "incivility_spans": _prefixed(unit, result.span_records()) if result.spans else [],
        }

    def thread_rows(self, thread_id: str, units: Sequence[Unit], results: Sequence[Any]) -> Rows:
        """The thread's ``incivility_summary``."""
        from discourse.incivility import summary_rows

        rows = summary_rows(
            ((u.unit_kind, u.depth, r.incivility, r.intolerance) for u, r in zip(units, results)),
            threshold=self.threshold,
            ci=self.ci,
        )
        return {"incivility_summary": [{"thread_id": thread_id, **row} for row in rows]}
