"""Atomic file writes: a complete file or none at all.

Every writer of the library (and the pipeline's result tables) writes through
:func:`atomic_write`: the data goes to a temporary file in the destination's directory, which is
flushed, ``fsync``-ed and then renamed over the destination with :func:`os.replace` (atomic on
POSIX and Windows for paths on one file system). If anything fails before the rename, the
temporary file is removed and the destination is left as it was, so an interrupted run never
leaves a half-written table that looks complete.

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "table.csv"
>>> with atomic_write(out) as f:
...     _ = f.write("a,b\\n1,2\\n")
>>> out.read_text()
'a,b\\n1,2\\n'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_write", "fsync_path"]

# The process umask, read once (os.umask can only be read by setting it, which is not
# thread-safe); temporary files are created 0600, so the final file gets the usual mode.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_write(
    path: str | os.PathLike[str],
    mode: str = "w",
    *,
    encoding: str | None = "utf-8",
    newline: str | None = None,
    errors: str | None = None,
) -> Iterator[IO[Any]]:
    """Open a temporary file next to `path`; on success move it over `path` atomically.

    Parameters
    ----------
    path : str or path-like
        The destination. Its directory must exist.
    mode : {"w", "wt", "wb"}
        Text or binary writing.
    encoding : str, optional
        Text encoding (ignored in binary mode). Default UTF-8.
    newline : str, optional
        As for :func:`open` (use ``""`` for the :mod:`csv` module).
    errors : str, optional
        Encoding error handler, as for :func:`open` (text mode).

    Yields
    ------
    file object
        Write to it; do not close it yourself.

    Notes
    -----
    On an exception inside the ``with`` block the temporary file is deleted, the exception
    propagates and `path` is untouched. The new file gets the permissions a plain :func:`open`
    would give it (``0o666`` less the umask), or those of the file it replaces.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> try:
    ...     with atomic_write(out) as f:
    ...         _ = f.write("partial")
    ...         raise RuntimeError("interrupted")
    ... except RuntimeError:
    ...     pass
    >>> out.exists(), list(out.parent.iterdir())
    (False, [])
    """
    if mode not in ("w", "wt", "wb"):
        raise ValueError(f"mode must be 'w', 'wt' or 'wb', not {mode!r}")
    target = Path(path)
    directory = target.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        if "b" in mode:
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline=newline, errors=errors)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        try:
            file_mode = target.stat().st_mode & 0o7777
        except FileNotFoundError:
            file_mode = 0o666 & ~_UMASK
        os.chmod(tmp, file_mode)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_path(directory)


def fsync_path(path: Path) -> None:
    """Persist a file's or a folder's entries (after a rename, POSIX); a no-op where `path` cannot
    be opened or synced.

    Examples
    --------
    >>> fsync_path(Path("."))
    """
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
