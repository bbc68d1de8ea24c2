"""Pacing of Python's cyclic garbage collector during an analysis run.

CPython collects its oldest generation whenever that has grown by a quarter, scanning every
live container object. An in-memory analysis keeps its results (hundreds of thousands of row
dicts per thousand comments), so those full scans grow with the results and took a quarter to a
third of the run time in the benchmark (``examples/benchmark.py``, issue 8). The analysers'
own garbage is short-lived: collecting only the two young generations now and then frees any
reference cycles among it without scanning the results again.

"Now and then" is once enough new container objects have piled up, not after every thread:
the built-in analysers leave no reference cycles (a collection after each of the benchmark's
12 threads freed no object), and every collection of the young generations counts towards a
full one, which CPython then ran as soon as the collector was switched back on (0.14 s of CPU
on the 1,121 SFU comments, most of it rescanning the library's own lexicons and registry).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collect_young", "young_collections_only", "YOUNG_BUDGET"]

YOUNG_BUDGET = 100_000
"""New container objects (allocations less deallocations, as counted by :func:`gc.get_count`)
after which :func:`collect_young` collects: a bound on the cyclic garbage kept between
collections (a thread of 100 real comments leaves 3,000-21,000 of them, nearly all alive:
its rows)."""


@contextmanager
def young_collections_only() -> Iterator[None]:
    """Within the block, no automatic collections; call :func:`collect_young` between threads.

    The collector's previous state (enabled or not) is restored on exit, also on an error.

    Examples
    --------
    >>> with young_collections_only():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def collect_young(budget: int = YOUNG_BUDGET) -> bool:
    """Collect the two youngest generations (what the analysis left behind) once more than
    `budget` new container objects have accumulated since the last collection.

    Returns
    -------
    bool
        Whether it collected.

    Examples
    --------
    >>> collect_young(budget=-1)
    True
    >>> collect_young(budget=10**12)
    False
    """
    if gc.get_count()[0] <= budget:
        return False
    gc.collect(1)
    return True
