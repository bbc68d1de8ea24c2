"""Analysis of a corpus in several processes on one machine, in input order, bounded memory.

Threads are sent to worker processes one task each, with at most a few per worker in flight, and
their rows come back in input order, so a parallel run writes exactly what a serial run writes
and a streamed corpus is never read far ahead into memory.

Examples
--------
>>> from discourse.datasets import load_seed
>>> from discourse.pipeline.analysis import Analysis
>>> analysis = Analysis(features=["questions"])
>>> rows = list(parallel_thread_rows(analysis, [load_seed()] * 2, n_jobs=2))
>>> rows[1]["features"] == analysis.thread_rows(load_seed())["features"]
True
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from discourse.pipeline._gc import collect_young
from discourse.model import Thread
from discourse.results.schema import SCHEMAS
from discourse.pipeline.stages import Rows, count_comments
from discourse.results.columns import CsvFormatter

__all__ = [
    "effective_jobs",
    "parallel_thread_arrow",
    "parallel_thread_columns",
    "parallel_thread_csv",
    "parallel_thread_rows",
    "thread_arrow",
    "columns_arrow",
    "count_comments_in",
    "n_rows",
]

T = TypeVar("T")
ThreadCsv = tuple[int, dict[str, tuple[int, str]]]
ThreadArrow = tuple[int, dict[str, Any]]
ThreadColumns = dict[str, dict[str, list[Any]]]
"""A thread's tables column by column: table -> column -> values."""

_WORKER_ANALYSIS: Any = None
_WORKER_FORMATTERS: dict[str, CsvFormatter] = {}
_THREADS_PER_WORKER = 4  # threads in flight per worker: keeps workers busy, bounds memory


def effective_jobs(n_jobs: int) -> int:
    """Resolve ``n_jobs`` like scikit-learn: -1 means all cores, -2 all but one.

    Examples
    --------
    >>> effective_jobs(3)
    3
    >>> effective_jobs(-1) == multiprocessing.cpu_count()
    True
    """
    if n_jobs == 0:
        raise ValueError("n_jobs must not be 0")
    if n_jobs < 0:
        return max(1, multiprocessing.cpu_count() + 1 + n_jobs)
    return n_jobs


def _init_worker(analysis: Any) -> None:
    global _WORKER_ANALYSIS, _WORKER_FORMATTERS
    _WORKER_ANALYSIS = analysis
    _WORKER_FORMATTERS = {name: CsvFormatter(schema) for name, schema in analysis.schemas_.items()}
    gc.disable()  # paced by hand between threads, as in a serial run (see discourse.pipeline._gc)


def _rows_task(thread: Thread) -> Rows:
    rows = _WORKER_ANALYSIS.thread_rows(thread)
    collect_young()
    return rows


def _csv_task(thread: Thread) -> ThreadCsv:
    rows = _WORKER_ANALYSIS.thread_rows(thread)
    chunks = {table: (len(part), _WORKER_FORMATTERS[table].format(part)) for table, part in rows.items()}
    n_comments = count_comments(rows)
    del rows
    collect_young()
    return n_comments, chunks


def thread_arrow(rows: Rows, schemas: Mapping[str, Sequence[Any]] | None = None) -> dict[str, Any]:
    """A thread's rows as one Arrow table per table (the declared types of `schemas`, by default
    :data:`~discourse.results.schema.SCHEMAS`; see :func:`discourse.results.parquet.arrow_table`).

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> from discourse.pipeline.analysis import Analysis
    >>> thread_arrow(Analysis(features=["questions"]).thread_rows(load_seed()))["units"].num_rows
    18
    """
    from discourse.results.columns import _column_of
    from discourse.results.parquet import arrow_table

    schemas = SCHEMAS if schemas is None else schemas
    tables = {}
    for table, records in rows.items():
        columns = schemas[table]
        tables[table] = arrow_table(columns, {c.name: _column_of(records, c.name) for c in columns} if records else {})
    return tables


def n_rows(columns: Mapping[str, Sequence[Any]]) -> int:
    """Rows of a table given column by column (the length of its columns).

    Examples
    --------
    >>> n_rows({"a": [1, 2], "b": ["x", "y"]}), n_rows({})
    (2, 0)
    """
    return len(next(iter(columns.values()), ()))


def count_comments_in(columns: ThreadColumns) -> int:
    """Number of comments among a thread's tables given column by column (its ``units`` rows
    of kind ``comment``; :func:`~discourse.pipeline.stages.count_comments` of the same rows)."""
    return columns["units"]["unit_kind"].count("comment")


def columns_arrow(columns: ThreadColumns, schemas: Mapping[str, Sequence[Any]]) -> dict[str, Any]:
    """A thread's tables given column by column as one Arrow table each (the declared types of
    `schemas`; the same tables as :func:`thread_arrow` of the same rows)."""
    from discourse.results.parquet import arrow_table

    return {table: arrow_table(schemas[table], data if n_rows(data) else {}) for table, data in columns.items()}


def _columns_task(thread: Thread) -> ThreadColumns:
    columns = {table: c.data for table, c in _WORKER_ANALYSIS.thread_columns(thread).items()}
    collect_young()
    return columns


def _arrow_task(thread: Thread) -> ThreadArrow:
    columns = {table: c.data for table, c in _WORKER_ANALYSIS.thread_columns(thread).items()}
    n_comments = count_comments_in(columns)
    tables = columns_arrow(columns, _WORKER_ANALYSIS.schemas_)
    del columns
    collect_young()
    return n_comments, tables


def _ordered_map(task: Callable[[Thread], T], analysis: Any, threads: Iterable[Thread], jobs: int) -> Iterator[T]:
    """``task(thread)`` for each thread in `jobs` spawned worker processes, yielded in input order.

    A worker that dies (most often: a script without ``if __name__ == "__main__":``, which each
    spawned worker re-runs) stops the run with an error instead of a pool that restarts workers
    forever.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")  # no inherited state: same as a fresh run
    window = jobs * _THREADS_PER_WORKER
    pending: deque[Any] = deque()
    try:
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker, initargs=(analysis,)) as pool:
            for thread in threads:
                pending.append(pool.submit(task, thread))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
    except BrokenProcessPool as exc:
        raise RuntimeError(
            "a worker process of the parallel analysis (n_jobs > 1) died before finishing. In a "
            "script, put the code that calls analyze/analyze_path under "
            "`if __name__ == \"__main__\":` (each worker imports the script again: see "
            "'Safe importing of main module' in the multiprocessing documentation); otherwise "
            "the worker ran out of memory or crashed: run with n_jobs=1 to see the error"
        ) from exc


def parallel_thread_rows(analysis: Any, threads: Iterable[Thread], n_jobs: int) -> Iterator[Rows]:
    """Yield ``analysis.thread_rows(thread)`` for each thread, computed by `n_jobs` processes.

    Parameters
    ----------
    analysis : discourse.pipeline.analysis.Analysis
        Sent to each worker once (its parameters; workers build their own analysers).
    threads : iterable of Thread
    n_jobs : int
        Number of processes (negative: all cores but ``-n_jobs - 1``).
    """
    jobs = effective_jobs(n_jobs)
    if jobs == 1:
        yield from (analysis.thread_rows(t) for t in threads)
        return
    yield from _ordered_map(_rows_task, analysis, threads, jobs)


def parallel_thread_columns(analysis: Any, threads: Iterable[Thread], n_jobs: int) -> Iterator[ThreadColumns]:
    """Yield each thread's tables column by column (table -> column -> values, see
    :meth:`~discourse.pipeline.analysis.Analysis.thread_columns`), computed by `n_jobs`
    processes, in input order."""
    jobs = effective_jobs(n_jobs)
    if jobs == 1:
        for thread in threads:
            yield {table: c.data for table, c in analysis.thread_columns(thread).items()}
        return
    yield from _ordered_map(_columns_task, analysis, threads, jobs)


def parallel_thread_csv(analysis: Any, threads: Iterable[Thread], n_jobs: int) -> Iterator[ThreadCsv]:
    """For each thread, its number of comments and each table's rows as CSV text, in input order.

    The workers also format the rows (:class:`~discourse.results.columns.CsvFormatter`), so the parent
    process only writes text instead of unpickling and formatting every row itself (which kept
    two workers on two cores at a 1.6x speed-up; see ``docs/guide/scale.md``). ``n_jobs`` must
    resolve to at least 2 processes.

    Yields
    ------
    (int, dict of str to (int, str))
        Comments in the thread, and per table the number of rows and their CSV lines.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> from discourse.pipeline.analysis import Analysis
    >>> [(n_comments, chunks)] = parallel_thread_csv(Analysis(), [load_seed()], n_jobs=2)
    >>> n_comments, chunks["units"][0]  # (and chunks["units"][1] is the CSV text of 18 rows)
    (16, 18)
    """
    jobs = effective_jobs(n_jobs)
    if jobs < 2:
        raise ValueError("parallel_thread_csv needs n_jobs of at least 2 processes")
    yield from _ordered_map(_csv_task, analysis, threads, jobs)


def parallel_thread_arrow(analysis: Any, threads: Iterable[Thread], n_jobs: int) -> Iterator[ThreadArrow]:
    """For each thread, its number of comments and each table's rows as an Arrow table, in
    input order, computed and converted by `n_jobs` (at least 2) processes (the Parquet output
    of ``discourse analyze``; Arrow tables travel between processes as compact buffers)."""
    jobs = effective_jobs(n_jobs)
    if jobs < 2:
        raise ValueError("parallel_thread_arrow needs n_jobs of at least 2 processes")
    yield from _ordered_map(_arrow_task, analysis, threads, jobs)
