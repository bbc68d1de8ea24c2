"""Pacing of Python's cyclic garbage collector during an analysis run.

CPython collects its oldest generation whenever that has grown by a quarter, scanning every
live container object. An in-memory analysis keeps its results (hundreds of thousands of row
dicts per thousand comments), so those full scans grow with the results and took a quarter to a
third of the run time in the benchmark (``examples/benchmark.py``, issue 8). The analysers'
own garbage is short-lived: collecting only the two young generations after each thread frees
any reference cycles among it without scanning the results again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collect_young", "young_collections_only"]


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


def collect_young() -> None:
    """Collect the two youngest generations (what a thread's analysis left behind).

    Examples
    --------
    >>> collect_young()
    """
    gc.collect(1)
