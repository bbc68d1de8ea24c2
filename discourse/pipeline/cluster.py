"""The analysis on a Dask cluster: per-comment tables by partition, per-thread tables by thread.

Dask is an optional extra (``pip install "discourse[dask]"``); it is imported inside the
functions, which raise :class:`~discourse.errors.MissingDependencyError` when it is missing.
The same code runs on any Dask scheduler: in this process, on a ``LocalCluster`` on a laptop, or
on a real cluster through ``distributed.Client("tcp://scheduler:8786")`` (see the user guide,
``docs/guide/cluster.md``).

- :func:`comment_tables` runs the per-comment analysis over a Dask DataFrame of comments with
  ``map_partitions``: a comment's sentiment, rhetoric and actor/stance rows depend on its own
  text only, so partitions may cut through threads and no shuffle is needed.
- :func:`thread_tables` runs :meth:`discourse.pipeline.analysis.Analysis.thread_rows` on a Dask bag of
  whole :class:`~discourse.model.Thread` objects. Thread-level tables (``sentiment_summary``,
  ``stance_summary``, ``nominations``...) need the article *and* every comment of a thread, in
  the thread's order (the bootstrap intervals resample the comments in that order), and
  ``units``/``segments`` need the reply tree; a thread is the natural unit of work, so it
  travels whole. (A ``groupby(thread_id).apply`` on a comments DataFrame would shuffle every
  comment, lose the article unless it is joined in, and does not promise the comments' order
  within a group, which the summaries depend on.)

Both return typed Dask DataFrames whose ``meta`` is built from :data:`discourse.results.schema.SCHEMAS`
(:func:`table_meta`), so column names and dtypes equal those of :func:`discourse.pipeline.analysis.analyze`.

Equality with the serial run: :func:`thread_tables` gives exactly the rows of ``analyze()`` in
the same order (bag partitions keep the input order; only the index differs: each partition
starts at 0, so ``reset_index(drop=True)``). :func:`comment_tables` gives exactly the serial
comment rows (``unit_kind == "comment"``), but in the order of the comments DataFrame, while
``analyze()`` lists a thread's comments in reading order (the reply tree, depth first); the
rows of one comment come in the same order in both. A stable sort on ``["thread_id",
"unit_id"]`` of both sides makes them identical row for row.

Workers build the analysers once per process (lexicons loaded, patterns compiled), keyed on the
analysis parameters, and reuse them for every partition; never per row.

Examples
--------
>>> import dask.dataframe as dd
>>> from discourse.datasets import load_seed
>>> from discourse.io.tables import to_dataframes
>>> _, comments = to_dataframes(load_seed())
>>> ddf = dd.from_pandas(comments, npartitions=2)
>>> scores = comment_tables(ddf, "sentiment").compute(scheduler="sync")
>>> len(scores.query("measure == 'score'"))
16
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

from discourse.pipeline.analysis import Analysis
from discourse.errors import InputError, MissingDependencyError
from discourse.model import Thread
from discourse.results.provenance import canonical_json
from discourse.results.schema import SCHEMAS
from discourse.pipeline.stages import Unit
from discourse.results.columns import format_value, frame_from_records, typed_frame
from discourse.text import Doc

__all__ = [
    "COMMENT_TABLES",
    "comment_tables",
    "thread_tables",
    "table_meta",
    "arrow_schema",
    "write_parquet",
]

COMMENT_TABLES: tuple[str, ...] = (
    "sentiment",
    "sentiment_cues",
    "features",
    "mentions",
    "stance",
    "stance_sentences",
    "stance_mentions",
    "stance_evidence",
    "relations",
    "predications",
)
"""Tables with one or more rows per comment that depend on the comment's text alone."""

_CACHE_SIZE = 4  # analyses kept per worker process (one per distinct parameter set)
_ANALYSES: OrderedDict[str, Analysis] = OrderedDict()
_LOCK = threading.Lock()


def _require_dask() -> tuple[Any, Any, Any]:
    """``(dask, dask.dataframe, dask.bag)``, or a MissingDependencyError naming the extra."""
    try:
        import dask
        import dask.bag as db
        import dask.dataframe as dd
    except ImportError as exc:
        raise MissingDependencyError("dask", extra="dask") from exc
    return dask, dd, db


def table_meta(table: str) -> Any:
    """The empty, typed pandas DataFrame of a result table: Dask's ``meta`` for it.

    Columns and dtypes are those of :data:`discourse.results.schema.SCHEMAS` as built by
    :func:`discourse.results.columns.typed_frame` (``Int64``, ``float64``, ``boolean``, ``object``).

    Examples
    --------
    >>> meta = table_meta("sentiment")
    >>> len(meta), str(meta["value"].dtype), str(meta["n_cues"].dtype)
    (0, 'float64', 'Int64')
    """
    if table not in SCHEMAS:
        raise ValueError(f"unknown table {table!r}; the tables are {list(SCHEMAS)}")
    return typed_frame({}, SCHEMAS[table])


def _state(params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The analysis parameters as sent to workers (defaults filled in) and their cache key."""
    analysis = Analysis(**params)
    state = analysis.__getstate__()
    # The key is everything that makes the analysis: its parameters as recorded in provenance,
    # with a registry object named by its content hash (a registry file is named by its path).
    keyed = {**analysis.get_params(), "actors": getattr(state["actors"], "sha256", state["actors"])}
    key = hashlib.sha256(canonical_json(keyed).encode("utf-8")).hexdigest()
    return key, state


def _checked_analysis(params: dict[str, Any]) -> tuple[str, dict[str, Any], Analysis]:
    """Key, state and analysis for `params`, checked here so bad parameters fail at the call,
    not later on a worker (the lexicons are loaded once per process; cached like a worker's)."""
    key, state = _state(params)
    analysis = _worker_analysis(key, state)
    for stage in analysis.stages_:
        stage.lexicon_info()  # raises on an unknown method, feature or dictionary
    return key, state, analysis


def _worker_analysis(key: str, state: dict[str, Any]) -> Analysis:
    """The analysis for these parameters, built once per process and reused (LRU of a few)."""
    with _LOCK:  # a worker may run several threads; build each analysis once
        analysis = _ANALYSES.get(key)
        if analysis is None:
            analysis = Analysis(**state)
            analysis.stages_  # noqa: B018 - load lexicons and compile patterns now, once
            _ANALYSES[key] = analysis
            while len(_ANALYSES) > _CACHE_SIZE:
                _ANALYSES.popitem(last=False)
        else:
            _ANALYSES.move_to_end(key)
        return analysis


def _stage_for(analysis: Analysis, table: str) -> Any:
    for stage in analysis.stages_:
        if table in stage.tables:
            return stage
    raise ValueError(f"no stage produces table {table!r}")  # pragma: no cover - SCHEMAS guard


def _missing(value: Any) -> bool:
    """None, NaN, pandas' NA or NaT: what a DataFrame holds for a missing cell."""
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _as_id(value: Any, column: str, thread_id: str | None = None) -> str:
    """An id cell as the readers convert it: strings as they are, integers as digits."""
    if isinstance(value, str):
        return value
    if hasattr(value, "item") and not isinstance(value, (bytes, bytearray)):
        value = value.item()  # numpy scalar
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    reason = "is missing" if _missing(value) else f"must be a string or an integer, not {value!r}"
    raise InputError(
        f"id {reason}", source="<comments DataFrame>", record=thread_id, field=column
    )


def _comment_partition(
    part: Any,
    *,
    table: str,
    key: str,
    state: dict[str, Any],
    text_column: str,
    id_column: str,
    thread_column: str,
) -> Any:
    """One partition of comments -> the typed rows of `table` (runs on a worker)."""
    stage = _stage_for(_worker_analysis(key, state), table)
    rows: list[dict[str, Any]] = []
    for thread_id, comment_id, text in zip(
        part[thread_column].tolist(), part[id_column].tolist(), part[text_column].tolist()
    ):
        thread_id = _as_id(thread_id, thread_column)
        unit_id = _as_id(comment_id, id_column, thread_id)
        text = "" if _missing(text) else str(text)  # the readers' default for a missing text
        unit = Unit(thread_id, unit_id, "comment", Doc(text))
        rows += stage.unit_rows(unit, stage.analyze_unit(unit))[table]
    return frame_from_records(rows, SCHEMAS[table])


def comment_tables(
    comments: Any,
    table: str = "sentiment",
    *,
    text_column: str = "text",
    id_column: str = "id",
    thread_column: str = "thread_id",
    **params: Any,
) -> Any:
    """A per-comment result table of a Dask DataFrame of comments, by ``map_partitions``.

    Each partition is analysed where it lies: every comment becomes a
    :class:`~discourse.pipeline.stages.Unit` (kind ``"comment"``) with its own
    :class:`~discourse.text.Doc`, and the stage that produces `table` runs its
    ``analyze_unit``/``unit_rows`` on it, exactly as :func:`~discourse.pipeline.analysis.analyze` does.
    Only the three named columns are read. Partitions may cut through threads.

    Parameters
    ----------
    comments : dask.dataframe.DataFrame
        One row per comment (e.g. ``dd.from_pandas(to_dataframes(corpus)[1], npartitions=8)``
        or ``dd.read_parquet(...)``). Ids are strings or integers (read as their digits); a
        missing text is read as ``""``, as the library's readers do.
    table : str
        One of :data:`COMMENT_TABLES`. ``units``, ``segments`` (positions and depths need the
        reply tree) and the thread summaries need whole threads: use :func:`thread_tables`.
    text_column, id_column, thread_column : str
        Column names in `comments`.
    **params
        Parameters of :class:`~discourse.pipeline.analysis.Analysis` (``sentiment``, ``features``,
        ``actors``, ``predication``, ``sentence_level``...), as for ``analyze()``.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy; columns and dtypes of ``SCHEMAS[table]`` (its ``meta`` is :func:`table_meta`),
        divisions unknown, rows in the order of `comments` (each partition's index starts at 0).
        Computed, it holds exactly the serial ``analyze(...)[table]`` rows of the comments; sort
        both stably by ``["thread_id", "unit_id"]`` to compare them row for row.

    Raises
    ------
    MissingDependencyError
        If Dask is not installed.
    ValueError
        For a table that is not per comment, or a column that is not in `comments`.

    Examples
    --------
    >>> import dask.dataframe as dd, pandas as pd
    >>> df = pd.DataFrame({"thread_id": ["a", "a", "b"], "id": ["1", "2", "1"],
    ...                    "text": ["Great news!", "WAKE UP people!!", "Is it true?"]})
    >>> features = comment_tables(dd.from_pandas(df, npartitions=2), "features",
    ...                           features=["questions", "shouting"])
    >>> features.compute(scheduler="sync")[["unit_id", "feature", "count"]].values.tolist()
    [['1', 'questions', 0], ['1', 'shouting', 0], ['2', 'questions', 0], ['2', 'shouting', 1], ['1', 'questions', 1], ['1', 'shouting', 0]]
    """
    _, dd, _ = _require_dask()
    if table not in COMMENT_TABLES:
        raise ValueError(
            f"table {table!r} is not a per-comment table; comment_tables gives {list(COMMENT_TABLES)} "
            "(use thread_tables for the units, segments and thread-level tables)"
        )
    if not isinstance(comments, dd.DataFrame):
        raise TypeError(
            f"comments must be a dask DataFrame, not {type(comments).__name__} "
            "(wrap a pandas DataFrame with dask.dataframe.from_pandas(df, npartitions=...))"
        )
    needed = [thread_column, id_column, text_column]
    absent = [c for c in needed if c not in comments.columns]
    if absent:
        raise ValueError(
            f"comments has no column(s) {absent}; its columns are {list(comments.columns)} "
            "(name yours with text_column=, id_column=, thread_column=)"
        )
    key, state, _ = _checked_analysis(params)
    return comments[list(dict.fromkeys(needed))].map_partitions(
        _comment_partition,
        table=table,
        key=key,
        state=state,
        text_column=text_column,
        id_column=id_column,
        thread_column=thread_column,
        meta=table_meta(table),
        clear_divisions=True,  # the output index is a fresh RangeIndex per partition
    )


def _thread_partition(
    threads: Iterable[Any], key: str, state: dict[str, Any], tables: tuple[str, ...]
) -> dict[str, Any]:
    """One bag partition of threads -> a typed DataFrame per table (runs on a worker)."""
    analysis = _worker_analysis(key, state)
    collected: dict[str, list[dict[str, Any]]] = {name: [] for name in tables}
    for thread in threads:
        if not isinstance(thread, Thread):
            raise TypeError(
                f"thread_tables needs discourse.model.Thread items, got {type(thread).__name__} "
                "(map JSON Lines records with discourse.io.jsonl.thread_from_record first)"
            )
        rows = analysis.thread_rows(thread)
        for name in tables:
            collected[name] += rows[name]
    return {name: frame_from_records(collected[name], SCHEMAS[name]) for name in tables}


def thread_tables(
    threads: Any,
    table: str | Sequence[str],
    *,
    npartitions: int | None = None,
    **params: Any,
) -> Any:
    """Result tables of whole threads, analysed on Dask workers (a Dask bag of threads).

    Each thread is analysed by :meth:`discourse.pipeline.analysis.Analysis.thread_rows`, the code path of
    :func:`~discourse.pipeline.analysis.analyze`, so every table is available, including ``units``,
    ``segments`` and the thread-level summaries.

    Parameters
    ----------
    threads : dask.bag.Bag or iterable of Thread
        A bag whose items are :class:`~discourse.model.Thread` objects (best made on the workers,
        e.g. ``db.read_text("corpus-*.jsonl").map(json.loads).map(thread_from_record)``), or
        threads in memory (a corpus, a list), which are sent with the task graph.
    table : str or sequence of str
        A table name, or several: all are computed from one pass over the threads when computed
        together (``dask.compute(*frames.values())``).
    npartitions : int, optional
        Bag partitions for threads given in memory (default: Dask's, at most 100).
    **params
        Parameters of :class:`~discourse.pipeline.analysis.Analysis`, as for ``analyze()``.

    Returns
    -------
    dask.dataframe.DataFrame or dict of str to dask.dataframe.DataFrame
        One lazy typed DataFrame (``meta`` = :func:`table_meta`) for a table name, a dict for a
        sequence. Computed, each equals ``analyze(threads, **params)[table]`` row for row, in
        the same order, after ``reset_index(drop=True)``.

    Raises
    ------
    MissingDependencyError
        If Dask is not installed.
    ValueError
        For a table this analysis does not produce.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> frames = thread_tables([load_seed()], ["units", "sentiment_summary"], n_boot=200)
    >>> import dask
    >>> units, summary = dask.compute(*frames.values(), scheduler="sync")
    >>> len(units), list(summary["group"])
    (18, ['article', 'article_sentences', 'comments', 'difference'])
    """
    dask, dd, db = _require_dask()
    names = (table,) if isinstance(table, str) else tuple(dict.fromkeys(table))
    key, state, analysis = _checked_analysis(params)
    produced = analysis.tables
    unknown = [name for name in names if name not in produced]
    if unknown or not names:
        raise ValueError(f"unknown table(s) {unknown or names}; this analysis gives {list(produced)}")
    if not isinstance(threads, db.Bag):
        items = [threads] if isinstance(threads, Thread) else list(threads)
        threads = db.from_sequence(items, npartitions=npartitions or min(100, max(1, len(items))))
    parts = [
        dask.delayed(_thread_partition, pure=True)(part, key, state, names)
        for part in threads.to_delayed()
    ]
    frames = {}
    for name in names:
        meta = table_meta(name)
        # Keep the declared dtypes: from_delayed would otherwise turn object columns (strings,
        # and JSON lists) into pyarrow strings.
        with dask.config.set({"dataframe.convert-string": False}):
            frames[name] = dd.from_delayed([p[name] for p in parts], meta=meta, verify_meta=False)
    return frames[names[0]] if isinstance(table, str) else frames


def arrow_schema(table: str) -> Any:
    """The Arrow schema of a result table for Parquet files (JSON columns as JSON text).

    Examples
    --------
    >>> [str(t) for t in arrow_schema("features").types][-5:]
    ['int64', 'double', 'int64', 'double', 'string']
    """
    from discourse.results.parquet import arrow_schema as columns_schema

    table_meta(table)  # checks the name
    return columns_schema(SCHEMAS[table])  # (the one mapping of column types to Arrow types)


def _json_as_text(part: Any, columns: Sequence[str]) -> Any:
    """JSON columns as the same compact, key-sorted JSON text as the CSV output."""
    part = part.copy()
    for name in columns:
        part[name] = [None if v is None else format_value(v, "json") for v in part[name].tolist()]
    return part


def write_parquet(frame: Any, path: str, table: str, **kwargs: Any) -> Any:
    """Write a result table from the workers to a Parquet dataset (one file per partition).

    Results of a large corpus should not be gathered on the client (``compute()`` holds the
    whole table in one process); each worker writes its partitions instead, to a folder every
    worker can reach (a shared file system, ``s3://...`` with ``s3fs``). JSON columns
    (``evidence`` of ``features``) are stored as the same JSON text as the CSV output.

    Parameters
    ----------
    frame : dask.dataframe.DataFrame
        From :func:`comment_tables` or :func:`thread_tables`.
    path : str
        Output folder or URL.
    table : str
        The table's name (fixes the schema, see :func:`arrow_schema`).
    **kwargs
        Passed to :meth:`dask.dataframe.DataFrame.to_parquet` (``compute=False`` for a lazy
        write, ``storage_options=...``).

    Examples
    --------
    >>> import tempfile, pandas as pd, dask.dataframe as dd
    >>> from discourse.datasets import load_seed
    >>> from discourse.io.tables import to_dataframes
    >>> ddf = dd.from_pandas(to_dataframes(load_seed())[1], npartitions=2)
    >>> folder = tempfile.mkdtemp()
    >>> write_parquet(comment_tables(ddf, "features"), folder, "features",
    ...               compute_kwargs={"scheduler": "sync"})
    >>> back = pd.read_parquet(folder)
    >>> len(back) == 16 * back["feature"].nunique(), back["evidence"].iloc[0][:1]
    (True, '[')
    """
    _require_dask()
    names = [c.name for c in SCHEMAS[table]] if table in SCHEMAS else None
    if names is None or list(frame.columns) != names:
        raise ValueError(f"frame does not have the columns of table {table!r}")
    json_columns = [c.name for c in SCHEMAS[table] if c.dtype == "json"]
    if json_columns:
        frame = frame.map_partitions(_json_as_text, json_columns, meta=table_meta(table))
    return frame.to_parquet(path, schema=arrow_schema(table), write_index=False, **kwargs)
