"""Analysis of a corpus in several processes on one machine, in input order, bounded memory.

Threads are sent to worker processes one task each, with at most a few per worker in flight, and
their rows come back in input order, so a parallel run writes exactly what a serial run writes
and a streamed corpus is never read far ahead into memory.

Examples
--------
>>> from discourse.datasets import load_seed
>>> from discourse.analysis import Analysis
>>> analysis = Analysis(features=["questions"])
>>> rows = list(parallel_thread_rows(analysis, [load_seed()] * 2, n_jobs=2))
>>> rows[1]["features"] == analysis.thread_rows(load_seed())["features"]
True
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from discourse.model import Thread

__all__ = ["parallel_thread_rows", "effective_jobs"]

_WORKER_ANALYSIS: Any = None
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
    global _WORKER_ANALYSIS
    _WORKER_ANALYSIS = analysis


def _work(thread: Thread) -> dict[str, list[dict[str, Any]]]:
    return _WORKER_ANALYSIS.thread_rows(thread)


def parallel_thread_rows(analysis: Any, threads: Iterable[Thread], n_jobs: int) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Yield ``analysis.thread_rows(thread)`` for each thread, computed by `n_jobs` processes.

    Parameters
    ----------
    analysis : discourse.analysis.Analysis
        Sent to each worker once (its parameters; workers build their own analysers).
    threads : iterable of Thread
    n_jobs : int
        Number of processes (negative: all cores but ``-n_jobs - 1``).
    """
    jobs = effective_jobs(n_jobs)
    if jobs == 1:
        yield from (analysis.thread_rows(t) for t in threads)
        return
    context = multiprocessing.get_context("spawn")  # no inherited state: same as a fresh run
    window = jobs * _THREADS_PER_WORKER
    pending: deque[Any] = deque()
    with context.Pool(jobs, initializer=_init_worker, initargs=(analysis,)) as pool:
        for thread in threads:
            pending.append(pool.apply_async(_work, (thread,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
