"""Keep large transient buffers out of the C heap during a streamed analysis.

glibc's ``malloc`` serves a request of at least ``M_MMAP_THRESHOLD`` bytes (128 KiB at start)
with its own memory map, returned to the system when freed; but each time such a map is freed
the threshold is raised to its size (up to 32 MiB). The Parquet writer and Arrow's system pool
free buffers of several MiB after every thread, so the threshold soon stands at megabytes and
those buffers come from the heap, where the row groups' metadata, kept until a table's file is
closed, is interleaved with them: the free space between grows and is not given back. Fixing
the threshold at its initial value keeps the heap to the small long-lived objects (measured on
12,500 synthetic comments: free heap space 29 MB instead of 55 MB, RSS 5 MB lower).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from typing import Any

__all__ = ["fix_mmap_threshold", "release_free_memory"]

_M_MMAP_THRESHOLD = -3  # (glibc's malloc.h)
_THRESHOLD = 128 * 1024  # glibc's initial value: setting it disables the dynamic raise


def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def fix_mmap_threshold() -> bool:
    """Fix glibc's memory-map threshold for the rest of the process (elsewhere: nothing).

    Returns True if it was set. Only the allocation strategy changes, never a result.

    Examples
    --------
    >>> fix_mmap_threshold() in (True, False)
    True
    """
    mallopt = getattr(_libc(), "mallopt", None)
    if mallopt is None:  # not Linux, or no C library with mallopt here
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(_M_MMAP_THRESHOLD, _THRESHOLD))


def release_free_memory() -> bool:
    """Give the free pages of every glibc arena back to the system (``malloc_trim(0)``; elsewhere
    nothing).

    Called when the tidy tables' Parquet writers are closed: their row groups' metadata, freed
    together, lies in their thread's arena, which the main thread would not reuse. Returns True
    if memory was released. Only where memory lives changes, never a result.

    Examples
    --------
    >>> release_free_memory() in (True, False)
    True
    """
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is None:
        return False
    trim.argtypes = (ctypes.c_size_t,)
    return bool(trim(0))
