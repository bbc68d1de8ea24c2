"""One call for the whole analysis: :func:`analyze` a thread or corpus, get tidy tables.

:class:`Analysis` holds the configuration (scikit-learn style: keyword parameters, stored as
given, returned by :meth:`Analysis.get_params` and recorded in the provenance of every result).
For each thread it tokenises every unit once (title, article body, comments) and runs the
stages of :mod:`discourse.pipeline.stages` on the shared :class:`~discourse.text.Doc`.

- :func:`analyze` returns a :class:`~discourse.results.Results` in memory.
- :func:`analyze_path` streams a file or folder of any supported format straight to an output
  folder, one thread at a time (bounded memory whatever the corpus size), optionally in several
  processes; this is what ``discourse analyze`` runs.

Examples
--------
>>> from discourse.datasets import load_seed
>>> results = analyze(load_seed())
>>> comments = results["sentiment"].query("unit_kind == 'comment' and measure == 'score'")
>>> len(comments)
16
>>> results.provenance["parameters"]["sentiment"]
'vader'
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from discourse.pipeline._gc import collect_young, young_collections_only
from discourse.errors import DataWarning, IntegrityError
from discourse.model import Corpus, Thread, comment_unit_id
from discourse.pipeline.parallel import (
    ThreadArrow,
    ThreadColumns,
    ThreadCsv,
    columns_arrow,
    count_comments_in,
    effective_jobs,
    n_rows,
    parallel_thread_arrow,
    parallel_thread_columns,
    parallel_thread_csv,
    parallel_thread_rows,
)
from discourse.progress import count_threads
from discourse.results.provenance import environment, file_sha256, lexicon_records
from discourse.results import Results, ResultsWriter
from discourse.results.schema import SCHEMAS
from discourse.pipeline.stages import (
    ActorStage,
    IncivilityStage,
    RhetoricStage,
    Rows,
    SentimentStage,
    Stage,
    Unit,
    count_comments,
)
from discourse.results.columns import ColumnCollector, CsvFormatter, records
from discourse.text import Doc

logger = logging.getLogger(__name__)

__all__ = ["Analysis", "analyze", "analyze_path", "describe_environment"]

_BASE_TABLES = ("units", "segments")


class Analysis:
    """The configuration of a full analysis.

    Parameters
    ----------
    actors : ActorRegistry or path, optional
        The actor registry (default: the bundled one), or a TOML/JSON registry file that
        **extends** the bundled one (its actors may name bundled actors as parents; its
        ``[[extend]]`` tables add aliases to them).
    actors_only : path, optional
        A registry file that **replaces** the bundled registry (only its actors are found).
    discover_actors : bool
        Report the names the registry does not know (table ``actor_candidates``, a warning when
        one is frequent). Default True.
    predication : bool
        Also collect predications (evaluative words attached to actors).
    sentiment : str
        Sentiment method: ``"vader"`` (default), ``"textblob"`` or ``"news"``.
    features : "all" or sequence of str
        Rhetorical features to count (names from :data:`discourse.rhetoric.FEATURE_NAMES`).
    dictionaries : sequence of path
        User dictionaries (LIWC-style ``.dic`` or word lists) counted as extra features.
    sentence_level : {"article", "all", "none"}
        Units that also get sentence-level sentiment (default: the article body).
    n_boot, ci, seed : int, float, int
        Bootstrap resamples, interval level and seed for the summaries' confidence intervals.
    incivility : bool
        Score incivility and intolerance of every unit (:mod:`discourse.incivility`; default).
    incivility_threshold : float
        Probability at or above which a unit counts as uncivil / intolerant in the summaries.
    analysers : sequence of Analyser
        Your own analysers (:class:`~discourse.pipeline.stages.Analyser`, most easily written with
        :class:`~discourse.pipeline.stages.AnalyserBase`), run after the built-in ones on the same
        units; their tables are added to the results and their parameters to the provenance.

    Examples
    --------
    >>> Analysis(sentiment="textblob").get_params()["sentiment"]
    'textblob'
    """

    def __init__(
        self,
        *,
        actors: Any = None,
        actors_only: str | os.PathLike[str] | None = None,
        discover_actors: bool = True,
        predication: bool = True,
        sentiment: str = "vader",
        features: str | Sequence[str] = "all",
        dictionaries: Sequence[str | os.PathLike[str]] = (),
        sentence_level: str = "article",
        n_boot: int = 2000,
        ci: float = 0.95,
        seed: int = 0,
        incivility: bool = True,
        incivility_threshold: float = 0.5,
        analysers: Sequence[Stage] = (),
    ) -> None:
        if actors is not None and actors_only is not None:
            raise ValueError("give actors (extends the bundled registry) or actors_only (replaces it), not both")
        self.actors = actors
        self.actors_only = actors_only
        self.discover_actors = discover_actors
        self.predication = predication
        self.sentiment = sentiment
        self.features = features
        self.dictionaries = dictionaries
        self.sentence_level = sentence_level
        self.n_boot = n_boot
        self.ci = ci
        self.seed = seed
        self.incivility = incivility
        self.incivility_threshold = incivility_threshold
        self.analysers = tuple(analysers)
        _check_analysers(self.analysers)

    def get_params(self) -> dict[str, Any]:
        """The parameters as given to the constructor (recorded in provenance)."""
        features = self.features if isinstance(self.features, str) else list(self.features)
        return {
            "actors": self.actors if self.actors is None or isinstance(self.actors, str) else str(self.actors),
            "actors_only": None if self.actors_only is None else str(self.actors_only),
            "discover_actors": self.discover_actors,
            "predication": self.predication,
            "sentiment": self.sentiment,
            "features": features,
            "dictionaries": [str(d) for d in self.dictionaries],
            "sentence_level": self.sentence_level,
            "n_boot": self.n_boot,
            "ci": self.ci,
            "seed": self.seed,
            "incivility": self.incivility,
            "incivility_threshold": self.incivility_threshold,
            "analysers": [repr(a) for a in self.analysers],
        }

    @property
    def stages_(self) -> list[Stage]:
        """The configured stages, built on first use (and rebuilt in each worker process)."""
        stages = self.__dict__.get("_stages")
        if stages is None:
            stages = [
                SentimentStage(
                    self.sentiment,
                    sentence_level=self.sentence_level,
                    n_boot=self.n_boot,
                    ci=self.ci,
                    seed=self.seed,
                ),
                ActorStage(
                    self.actors if self.actors_only is None else self.actors_only,
                    predication=self.predication,
                    extend=self.actors_only is None,
                    discover=self.discover_actors,
                ),
                RhetoricStage(self.features, dictionaries=tuple(str(d) for d in self.dictionaries)),
            ]
            if self.incivility:
                stages.append(IncivilityStage(threshold=self.incivility_threshold, ci=self.ci))
            stages += self.analysers
            self.__dict__["_stages"] = stages
        return stages

    def __getstate__(self) -> dict[str, Any]:
        # Workers rebuild their stages from the parameters; a registry object travels as data.
        return {**self.get_params(), "actors": self.actors, "analysers": self.analysers}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]  # rebuilt from its parameters on unpickling

    @property
    def tables(self) -> tuple[str, ...]:
        """Names of the tables this analysis produces, in order."""
        names = list(_BASE_TABLES)
        for stage in self.stages_:
            names += [t for t in stage.tables if t not in names]
        plugged = [t for a in self.analysers for t in a.tables]
        return tuple(name for name in SCHEMAS if name in names) + tuple(plugged)

    @property
    def schemas_(self) -> dict[str, tuple[Any, ...]]:
        """The columns of every table this analysis writes (built-in and plug-in)."""
        schemas = {name: SCHEMAS[name] for name in self.tables if name in SCHEMAS}
        for analyser in self.analysers:
            schemas.update(analyser.schemas)
        return schemas

    def provenance(self) -> dict[str, Any]:
        """Versions, parameters (of the analysis and of each stage) and lexicons with hashes."""
        return {
            **environment(),
            "parameters": self.get_params(),
            "analysers": {stage.name: stage.get_params() for stage in self.stages_},
            "lexicons": lexicon_records(info for stage in self.stages_ for info in stage.lexicon_info()),
        }

    def thread_rows(self, thread: Thread) -> Rows:
        """All table rows for one thread."""
        rows: Rows = {name: [] for name in self.tables}
        self._run_stages(thread, lambda table, records: rows[table].extend(records))
        return rows

    def thread_columns(self, thread: Thread) -> dict[str, ColumnCollector]:
        """The rows of :meth:`thread_rows`, gathered column by column per table.

        What :func:`analyze` and the Parquet output read: a stage that can give its rows as
        columns (a ``unit_columns`` method, as the rhetoric stage: 44 rows per unit) gives them
        so, without a dict per row; the values and their order are those of :meth:`thread_rows`.

        Examples
        --------
        >>> from discourse.datasets import load_seed
        >>> columns = Analysis(features=["questions"]).thread_columns(load_seed())
        >>> len(columns["units"]), columns["features"].data["feature"][:2]
        (18, ['questions', 'questions'])
        """
        collected = {name: ColumnCollector(schema) for name, schema in self.schemas_.items()}
        self._collect_thread(thread, collected)
        return collected

    def _collect_thread(self, thread: Thread, collected: Mapping[str, ColumnCollector]) -> None:
        """Add the thread's rows to `collected` (a :class:`ColumnCollector` per table of
        :attr:`schemas_`), as :meth:`thread_columns` gathers them.

        A serial :func:`analyze` gathers every thread into the same collectors, so the rows
        are not gathered per thread first and copied over afterwards.

        Examples
        --------
        >>> from discourse.datasets import load_seed
        >>> analysis = Analysis(features=["questions"])
        >>> collected = {name: ColumnCollector(schema) for name, schema in analysis.schemas_.items()}
        >>> analysis._collect_thread(load_seed(), collected)
        >>> analysis._collect_thread(load_seed(), collected)
        >>> len(collected["units"])
        36
        """
        self._run_stages(
            thread,
            lambda table, records: collected[table].extend(records),
            lambda table, columns: collected[table].extend_columns(columns, n_rows(columns)),
        )

    def _run_stages(
        self,
        thread: Thread,
        add_records: Callable[[str, list[dict[str, Any]]], None],
        add_columns: Callable[[str, dict[str, list[Any]]], None] | None = None,
    ) -> None:
        """Run every stage over the thread's units, handing each table's rows (records, or
        columns where the stage gives them and `add_columns` takes them) to the callbacks."""
        units, base = _units(thread)
        for table, columns in base.items():
            if add_columns is not None:
                add_columns(table, columns)
            else:
                add_records(table, records(columns))
        # one stage over all of the thread's units, then the next: each stage's tables, memos
        # and code stay in the processor's caches from one unit to the next (unit by unit, the
        # other stages evicted them: the incivility stage cost about twice its time alone).
        # Every table belongs to one stage and gets its rows in the same order as before.
        for stage in self.stages_:
            unit_columns = getattr(stage, "unit_columns", None) if add_columns is not None else None
            results: list[Any] = []
            for unit in units:
                result = stage.analyze_unit(unit)
                results.append(result)
                if unit_columns is not None:
                    for table, columns in unit_columns(unit, result).items():
                        add_columns(table, columns)  # type: ignore[misc]  # not None: unit_columns is only looked up then
                else:
                    for table, table_rows in stage.unit_rows(unit, result).items():
                        add_records(table, table_rows)
            for table, table_rows in stage.thread_rows(thread.id, units, results).items():
                add_records(table, table_rows)


def _check_analysers(analysers: Sequence[Any]) -> None:
    """Plug-in analysers must follow the protocol and write tables of their own."""
    seen: set[str] = set(SCHEMAS)
    for analyser in analysers:
        missing = [m for m in ("name", "tables", "schemas", "get_params", "lexicon_info", "analyze_unit",
                               "unit_rows", "thread_rows") if not hasattr(analyser, m)]
        if missing:
            raise TypeError(
                f"{analyser!r} is not an analyser: it lacks {', '.join(missing)} "
                "(subclass discourse.pipeline.AnalyserBase; see discourse.pipeline.stages.Analyser)"
            )
        for table in analyser.tables:
            if table in seen:
                raise ValueError(f"analyser {analyser.name!r}: table {table!r} is already written by another analyser; choose another name")
            if table not in analyser.schemas:
                raise ValueError(f"analyser {analyser.name!r}: table {table!r} has no columns in its schemas")
            seen.add(table)


# The columns of the rows _units makes, in the order of its tuples (the schema's order).
_UNIT_FIELDS = (
    "thread_id", "unit_id", "unit_kind", "position", "parent_id", "depth", "author", "created",
    "n_chars", "n_sentences", "n_words", "text",
)
_SEGMENT_FIELDS = ("thread_id", "unit_id", "unit_kind", "segment", "index", "start", "end")
BaseColumns = dict[str, dict[str, list[Any]]]


def _units(thread: Thread) -> tuple[list[Unit], BaseColumns]:
    """The thread's units (title, article, comments in reading order) and the rows of the
    ``units`` and ``segments`` tables, column by column (no dict per row: a comment has a
    ``units`` row and a ``segments`` row per sentence)."""
    article = thread.article
    published = article.published.isoformat() if article.published else None
    author = "; ".join(article.authors) or None
    entries: list[tuple[str, str, str, int, str | None, int | None, str | None, str | None]] = []
    if article.title:
        entries.append(("title", "title", article.title, -2, None, None, author, published))
    entries.append(("article", "article", article.text, -1, None, None, author, published))
    placeholders: set[str] = set()
    depth: int | None  # a comment's depth in the tree; None for the title and the article
    for position, (depth, comment) in enumerate(thread.walk()):
        created = comment.created.isoformat() if comment.created else None
        unit_id = comment_unit_id(comment.id)
        parent = comment_unit_id(comment.parent_id) if comment.parent_id is not None else None
        if comment.placeholder is not None:
            placeholders.add(unit_id)
        entries.append((unit_id, "comment", comment.text, position, parent, depth, comment.author, created))
    thread_id = thread.id
    units: list[Unit] = []
    unit_rows: list[tuple[Any, ...]] = []  # in the order of _UNIT_FIELDS
    seg_thread: list[str] = []
    seg_unit: list[str] = []
    seg_kind: list[str] = []
    seg_name: list[str] = []
    seg_index: list[int] = []
    seg_start: list[int] = []
    seg_end: list[int] = []
    for unit_id, kind, text, position, parent, depth, who, when in entries:
        if kind == "comment" and unit_id in placeholders:
            # A deleted/removed/missing text: part of the reply tree, not a text to measure
            # (no sentiment, features or stance, and left out of the thread summaries).
            unit_rows.append((thread_id, unit_id, kind, position, parent, depth, who, when, None, None, None, text or None))
            continue
        doc = Doc(text)
        sentences = doc.sentences
        unit_rows.append(
            (thread_id, unit_id, kind, position, parent, depth, who, when, len(text), len(sentences), doc.n_words, text)
        )
        for name, spans in (("paragraph", doc.paragraphs), ("sentence", sentences)) if kind == "article" else (
            ("sentence", sentences),
        ):
            n = len(spans)
            seg_thread += [thread_id] * n
            seg_unit += [unit_id] * n
            seg_kind += [kind] * n
            seg_name += [name] * n
            seg_index += range(n)
            seg_start += [span.start for span in spans]
            seg_end += [span.end for span in spans]
        units.append(Unit(thread_id, unit_id, kind, doc, depth))
    unit_columns = dict(zip(_UNIT_FIELDS, map(list, zip(*unit_rows))))
    segments = (seg_thread, seg_unit, seg_kind, seg_name, seg_index, seg_start, seg_end)
    return units, {"units": unit_columns, "segments": dict(zip(_SEGMENT_FIELDS, segments))}


def _checked(threads: Iterable[Thread]) -> Iterator[Thread]:
    """The threads, each checked: unique comment ids within it, unique thread ids across them.

    Duplicates would silently merge or drop rows (the reply tree walks one comment per id, and
    rows are keyed by thread and unit id), so they stop the analysis with an
    :class:`~discourse.errors.IntegrityError` (the readers' lenient mode resolves them first).
    """
    seen: dict[str, int] = {}
    for number, thread in enumerate(threads, 1):
        if not isinstance(thread, Thread):
            raise TypeError(f"item {number} of the input is a {type(thread).__name__}, not a Thread")
        thread.check()
        if thread.id in seen:
            raise IntegrityError(
                f"thread id {thread.id!r} is used by threads {seen[thread.id]} and {number} of the input;"
                " their rows would be mixed",
                record=thread.id,
                field="id",
                fix="give each thread its own id, or read the data with discourse.io (strict=False keeps the first)",
            )
        seen[thread.id] = number
        yield thread


def _warn_if_empty(n_threads: int, source: str) -> None:
    if n_threads == 0:
        import warnings

        warnings.warn(
            f"{source}: no threads to analyse (the input is empty, or every record was skipped);"
            " the tables are empty",
            DataWarning,
            stacklevel=3,
        )


def _threads_of(data: Thread | Corpus | Iterable[Thread]) -> Iterable[Thread]:
    if isinstance(data, Thread):
        return [data]
    return data


def _rows_in_order(analysis: Analysis, threads: Iterable[Thread], n_jobs: int) -> Iterator[Rows]:
    """Each thread's rows, in input order, computed here or in `n_jobs` worker processes."""
    if n_jobs == 1:
        for thread in threads:
            yield analysis.thread_rows(thread)
            collect_young()
        return
    for rows in parallel_thread_rows(analysis, threads, n_jobs):
        yield rows
        collect_young()


def _columns_in_order(analysis: Analysis, threads: Iterable[Thread], n_jobs: int) -> Iterator[ThreadColumns]:
    """Each thread's tables column by column (see :meth:`Analysis.thread_columns`), in input
    order, computed here or in `n_jobs` worker processes."""
    for columns in parallel_thread_columns(analysis, threads, n_jobs):  # (serial with one job)
        yield columns
        collect_young()


def _csv_in_order(analysis: Analysis, threads: Iterable[Thread], n_jobs: int) -> Iterator[ThreadCsv]:
    """Each thread's number of comments and rows as CSV text per table, in input order.

    With several processes the workers format the CSV text too (see
    :func:`discourse.pipeline.parallel.parallel_thread_csv`); the text is the same either way.
    """
    if effective_jobs(n_jobs) > 1:
        yield from parallel_thread_csv(analysis, threads, n_jobs)
        return
    formatters = {name: CsvFormatter(schema) for name, schema in analysis.schemas_.items()}
    for rows in _rows_in_order(analysis, threads, 1):
        n_comments = count_comments(rows)
        yield n_comments, {table: (len(part), formatters[table].format(part)) for table, part in rows.items()}


def _arrow_in_order(analysis: Analysis, threads: Iterable[Thread], n_jobs: int) -> Iterator[ThreadArrow]:
    """Each thread's number of comments and rows as Arrow tables, in input order (converted by
    the workers with several processes; the tables are the same either way)."""
    if effective_jobs(n_jobs) > 1:
        yield from parallel_thread_arrow(analysis, threads, n_jobs)
        return
    schemas = analysis.schemas_
    for columns in _columns_in_order(analysis, threads, 1):
        yield count_comments_in(columns), columns_arrow(columns, schemas)


def analyze(
    data: Thread | Corpus | Iterable[Thread],
    *,
    n_jobs: int = 1,
    progress: bool = False,
    actors: Any = None,
    actors_only: str | os.PathLike[str] | None = None,
    discover_actors: bool = True,
    predication: bool = True,
    sentiment: str = "vader",
    features: str | Sequence[str] = "all",
    dictionaries: Sequence[str | os.PathLike[str]] = (),
    sentence_level: str = "article",
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
    incivility: bool = True,
    incivility_threshold: float = 0.5,
    analysers: Sequence[Stage] = (),
) -> Results:
    """Analyse a thread or a corpus in memory: sentiment, actors and stance, rhetoric, incivility.

    Parameters
    ----------
    data : Thread, Corpus or iterable of Thread
    n_jobs : int
        Worker processes (results are identical to a serial run, in the same order).
    progress : bool
        Show a progress bar (tqdm) over threads.
    actors : ActorRegistry or path, optional
        The actor registry (default: the bundled one), or a TOML/JSON registry file that
        extends the bundled one.
    actors_only : path, optional
        A registry file that replaces the bundled registry.
    discover_actors : bool
        Report the names the registry does not know (table ``actor_candidates``).
    predication : bool
        Also collect predications (evaluative words attached to actors).
    sentiment : str
        Sentiment method: ``"vader"`` (default), ``"textblob"`` or ``"news"``.
    features : "all" or sequence of str
        Rhetorical features to count (names from :data:`discourse.rhetoric.FEATURE_NAMES`).
    dictionaries : sequence of path
        User dictionaries (LIWC-style ``.dic`` or word lists) counted as extra features.
    sentence_level : {"article", "all", "none"}
        Units that also get sentence-level sentiment (default: the article body).
    n_boot, ci, seed : int, float, int
        Bootstrap resamples, interval level and seed of the summaries' confidence intervals.
    incivility : bool
        Score incivility and intolerance of every unit (default).
    incivility_threshold : float
        Probability at or above which a unit counts as uncivil / intolerant.
    analysers : sequence of Analyser
        Your own analysers (see :class:`~discourse.pipeline.stages.AnalyserBase`), run after the
        built-in ones; their tables join the results. (The parameters after `progress` are those
        of :class:`Analysis`, with the same defaults.)

    Returns
    -------
    Results
        Tidy tables (see :mod:`discourse.results.schema`), wide views
        (:meth:`~discourse.results.Results.comments`, :meth:`~discourse.results.Results.threads`)
        and provenance.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> r = analyze(load_seed(), sentiment="textblob", features=["questions", "shouting"])
    >>> sorted(r["features"]["feature"].unique())
    ['questions', 'shouting']
    """
    analysis = Analysis(
        actors=actors,
        actors_only=actors_only,
        discover_actors=discover_actors,
        predication=predication,
        sentiment=sentiment,
        features=features,
        dictionaries=dictionaries,
        sentence_level=sentence_level,
        n_boot=n_boot,
        ci=ci,
        seed=seed,
        incivility=incivility,
        incivility_threshold=incivility_threshold,
        analysers=analysers,
    )
    collected = {name: ColumnCollector(schema) for name, schema in analysis.schemas_.items()}
    threads = _progress(_checked(_threads_of(data)), progress)
    n_threads = n_comments = 0
    with young_collections_only():  # (see discourse.pipeline._gc: full scans of the results cost ~30%)
        if effective_jobs(n_jobs) == 1:
            # straight into the run's columns: no columns per thread to copy over afterwards
            unit_kinds = collected["units"]
            for thread in threads:
                before = len(unit_kinds)
                analysis._collect_thread(thread, collected)
                n_threads += 1
                n_comments += unit_kinds.data["unit_kind"][before:].count("comment")
                collect_young()
        else:
            for columns in _columns_in_order(analysis, threads, n_jobs):
                n_threads += 1
                n_comments += count_comments_in(columns)
                for table, table_data in columns.items():
                    collected[table].extend_columns(table_data, n_rows(table_data))
        # Each table's lists go as soon as its frame is built: less memory at the peak, and none
        # for the collection that re-enabling the collector runs to scan.
        tables = {name: collected.pop(name).frame() for name in list(collected)}
    _warn_if_empty(n_threads, "analyze()")
    provenance = {
        **analysis.provenance(),
        "input": {"source": "in memory", "threads": n_threads, "comments": n_comments},
    }
    if "actor_candidates" in tables and analysis.discover_actors:
        provenance["unmatched_names"] = _unmatched(
            tables["actor_candidates"].to_dict("records"), len(tables["units"])
        )
    plugged = {name: columns for a in analysis.analysers for name, columns in a.schemas.items()}
    return Results(tables, provenance, plugged)


def _unmatched(rows: Any, n_units: int) -> dict[str, Any]:
    """The unmatched-names record of an analysis (from its ``actor_candidates`` rows, or an
    :class:`~discourse.actors.discovery.UnmatchedTally` of them), with a DataWarning when some
    are frequent."""
    from discourse.actors.discovery import UnmatchedTally, unmatched_summary, warn_unmatched

    summary = rows.summary(n_units) if isinstance(rows, UnmatchedTally) else unmatched_summary(rows, n_units)
    warn_unmatched(summary, stacklevel=4)
    return summary


def analyze_path(
    path: str | os.PathLike[str] | None,
    *,
    out: str | os.PathLike[str],
    format: str | None = None,
    articles: str | os.PathLike[str] | None = None,
    submissions: str | os.PathLike[str] | None = None,
    columns: dict[str, str] | None = None,
    article_columns: dict[str, str] | None = None,
    strict: bool = True,
    table_format: str = "parquet",
    figures: bool = False,
    figure_dpi: int = 300,
    figure_format: str = "png",
    n_jobs: int = 1,
    progress: bool = True,
    release_models: bool = False,
    **params: Any,
) -> dict[str, Any]:
    """Analyse a file (or the bundled seed, for ``path=None``) and stream the tables to `out`.

    One thread at a time is read, analysed and written, so memory stays bounded whatever the
    corpus size. `out` is replaced as a whole, tables and figures together, only when all are
    complete (see :class:`~discourse.results.ResultsWriter`): it must be new, empty or earlier
    results; on an input error nothing is left behind. An input without threads (empty, or
    every record skipped) gives empty tables and a :class:`~discourse.errors.DataWarning`;
    duplicate comment or thread ids raise :class:`~discourse.errors.IntegrityError`.

    Parameters
    ----------
    path : path-like or None
        The input file or folder (``None``: the bundled seed thread).
    out : path-like
        The output folder.
    format : str, optional
        The input format (default: detected, see :func:`discourse.io.detect_format`).
    articles, submissions : path-like, optional
        The articles table (CSV) or submissions file (Reddit).
    columns, article_columns : dict, optional
        CSV column mappings, our field -> your column (see :func:`discourse.io.read_csv`).
    strict : bool
        Stop at the first input problem (default), or skip/repair and report it in the
        ``read_report`` table.
    table_format : {"parquet", "csv"}
        File format of the tables (default Parquet; CSV gives the same values as text).
    figures : bool
        Also draw the standard figures into ``out/figures``.
    figure_dpi, figure_format : int, str
        Resolution and file format (``png``, ``pdf``, ``svg``) of those figures.
    n_jobs, progress, **params
        Worker processes, progress bar, and parameters of :class:`Analysis`.
    release_models : bool
        Free the analysers' models, lexicons and memos (every cache of the library) after the
        last thread, before the wide tables are built from the written ones: about 75 MB less
        under that pass, which sets the peak memory of a long run. Results are the same; a later
        analysis in the same process loads the models again (a few seconds). ``discourse
        analyze`` sets it; default False.

    Returns
    -------
    dict
        The manifest that was written to ``out/manifest.json``.

    Examples
    --------
    >>> import tempfile
    >>> manifest = analyze_path(None, out=tempfile.mkdtemp(), progress=False)
    >>> manifest["input"]["comments"], manifest["tables"]["units"]["rows"]
    (16, 18)
    """
    from discourse import io
    from discourse.datasets import seed_path

    source = Path(seed_path() if path is None else path)
    options: dict[str, Any] = {}
    if articles is not None:
        options["articles_path"] = articles
    if submissions is not None:
        options["submissions"] = submissions
    if columns is not None:
        options["columns"] = dict(columns)
    if article_columns is not None:
        options["article_columns"] = dict(article_columns)
    from discourse.results.store import TABLE_FORMATS

    if table_format not in TABLE_FORMATS:
        raise ValueError(f"table_format must be one of {TABLE_FORMATS}, not {table_format!r}")
    fmt = format or io.detect_format(source)
    corpus = io.stream(source, format=fmt, strict=strict, **options)
    analysis = Analysis(**params)
    total = count_threads(source, fmt, **options) if progress else None
    logger.info("analysing %s (%s; %s threads) into %s", source, fmt, "?" if total is None else total, out)
    tables = analysis.tables + ("read_report",)
    n_threads = n_comments = n_units = 0
    from discourse.actors.discovery import UnmatchedTally

    candidates = UnmatchedTally()  # counted as the rows pass: bounded by the distinct names
    built_in = [name for name in tables if name in SCHEMAS]
    with ResultsWriter(out, built_in, format=table_format) as writer, young_collections_only():
        for analyser in analysis.analysers:  # plug-in tables: columns from the analyser
            for name, table_columns in analyser.schemas.items():
                writer.add_table(name, table_columns)
        threads = _progress(_checked(corpus), progress, total)
        if table_format == "csv":
            for thread_comments, chunks in _csv_in_order(analysis, threads, n_jobs):
                n_threads += 1
                n_comments += thread_comments
                for table, (n_rows, text) in chunks.items():
                    writer.write_formatted(table, text, n_rows)
                    if table == "units":
                        n_units += n_rows
                    elif table == "actor_candidates" and n_rows:
                        candidates.add(_csv_rows(text, SCHEMAS[table]))
        else:
            for thread_comments, arrow_tables in _arrow_in_order(analysis, threads, n_jobs):
                n_threads += 1
                n_comments += thread_comments
                for table, data in arrow_tables.items():
                    writer.write_arrow(table, data)
                n_units += arrow_tables["units"].num_rows
                if "actor_candidates" in arrow_tables and arrow_tables["actor_candidates"].num_rows:
                    candidates.add(arrow_tables["actor_candidates"].select(list(_SUMMARY_FIELDS)).to_pylist())
        report = corpus.report
        problems = report.to_records() if report is not None else []
        writer.write("read_report", problems)
        provenance = analysis.provenance()
        provenance["input"] = {
            "path": str(path) if path is not None else f"<bundled seed: {source.name}>",
            "format": fmt,
            "sha256": file_sha256(source),
            "strict": strict,
            **{name: value for name, value in options.items() if name.endswith("columns")},
            "threads": n_threads,
            "comments": n_comments,
            "records_in": report.records_in if report is not None else None,
            "records_read": report.records_read if report is not None else None,
            "records_skipped": report.records_skipped if report is not None else None,
            "problems": len(problems),
        }
        for name, extra in (("articles", articles), ("submissions", submissions)):
            if extra is not None:
                provenance["input"][f"{name}_sha256"] = file_sha256(extra)
        if "actor_candidates" in tables and analysis.discover_actors:
            provenance["unmatched_names"] = _unmatched(candidates, n_units)
        provenance["table_format"] = table_format
        _warn_if_empty(n_threads, str(source))
        if release_models:  # (the wide pass needs no model: see discourse.pipeline._release)
            from discourse.pipeline._release import release_models as _release

            _release(analysis)
        from discourse.results.wide import write_wide_tables

        provenance["wide_tables"] = write_wide_tables(writer)
        manifest = writer.finish(provenance)
        if figures:  # drawn into the staging folder, so tables and figures are replaced together
            from discourse.plotting.figures import write_standard_figures

            write_standard_figures(writer.staging, dpi=figure_dpi, format=figure_format)
        writer.publish()
    logger.info("analysed %d thread(s), %d comment(s); results written to %s", n_threads, n_comments, out)
    return manifest


_SUMMARY_FIELDS = ("name", "count", "units", "suggested_kind")  # what the unmatched-names summary reads


def _csv_rows(text: str, schema: Sequence[Any]) -> list[dict[str, Any]]:
    """Rows of a formatted CSV chunk (no header) as dicts keyed by the schema's columns."""
    import csv
    import io as _io

    names = [column.name for column in schema]
    return [dict(zip(names, values)) for values in csv.reader(_io.StringIO(text))]


def _progress(threads: Iterable[Thread], enabled: bool, total: int | None = None) -> Iterable[Thread]:
    """Wrap in a progress bar over threads (terminal or notebook; see :mod:`discourse.progress`)."""
    from discourse.progress import progress as progress_bar

    return progress_bar(threads, total=total, enabled=enabled)


def describe_environment(**params: Any) -> str:
    """Versions, parameters and lexicons as text, for a methods section (``discourse info``).

    Examples
    --------
    >>> print(describe_environment().splitlines()[0])  # doctest: +ELLIPSIS
    discourse ...
    """
    record = Analysis(**params).provenance()
    lines = [f"discourse {record['discourse']} (Python {record['python']})", "", "dependencies:"]
    lines += [f"  {name} {version}" for name, version in sorted(record["dependencies"].items())]
    lines += ["", "default parameters:"]
    for stage, stage_params in record["analysers"].items():
        lines += [f"  {stage}: " + ", ".join(f"{k}={v!r}" for k, v in stage_params.items())]
    lines += ["", "lexicons (name, entries, sha256, source):"]
    for info in record["lexicons"]:
        lines.append(
            f"  {info.get('name')}  {info.get('entries', '')}  {info.get('sha256', '')[:16]}  {info.get('source', '')}"
        )
    return "\n".join(lines)
