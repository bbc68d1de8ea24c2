"""Progress bars and the library's logger: how a long analysis tells the user where it is.

Progress goes through :mod:`tqdm.auto`, which draws a text bar in a terminal and a widget in a
Jupyter notebook, with a total and an estimated time to completion whenever the number of
threads is known beforehand (:func:`count_threads` counts a file cheaply before the analysis).

Messages go through the standard :mod:`logging` module, to the ``discourse`` logger (its
children are named after the modules, e.g. ``discourse.plotting.figures``). The package installs only a
:class:`logging.NullHandler`, so a library user sees nothing unless they configure logging
(``logging.basicConfig(level=logging.INFO)``); the ``discourse`` command does this with
:func:`configure_logging` (``--verbose``: INFO, default: WARNING, ``--quiet``: ERROR).

Examples
--------
>>> from discourse.progress import progress
>>> list(progress([1, 2, 3], enabled=False))
[1, 2, 3]
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["LOGGER_NAME", "configure_logging", "count_threads", "in_notebook", "progress"]

LOGGER_NAME = "discourse"
"""Name of the library's logger (the parent of every module's logger)."""

T = TypeVar("T")
logger = logging.getLogger(__name__)


def in_notebook() -> bool:
    """True inside a Jupyter (IPython kernel) session, where stderr is no terminal but a
    progress widget can be shown.

    Examples
    --------
    >>> in_notebook()
    False
    """
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    get = getattr(shell, "get_ipython", None)
    instance = get() if get is not None else None
    return instance is not None and type(instance).__name__ == "ZMQInteractiveShell"


def progress(
    items: Iterable[T],
    *,
    total: int | None = None,
    enabled: bool = True,
    desc: str = "analysing",
    unit: str = "thread",
) -> Iterable[T]:
    """`items` wrapped in a progress bar (:mod:`tqdm.auto`), or unchanged.

    Parameters
    ----------
    items : iterable
    total : int, optional
        Number of items, for the bar's percentage and time to completion (default: ``len(items)``
        when it has one, else unknown: the bar then shows only a count and a rate).
    enabled : bool
        Draw a bar. Even when enabled, none is drawn where nobody can see it update (stderr
        is not a terminal, e.g. a log file in a batch job), except in a Jupyter notebook.
    desc, unit : str
        Text before the bar, and the name of one item.

    Examples
    --------
    >>> sum(progress(range(4), enabled=False))
    6
    """
    if not enabled or not (_stderr_is_terminal() or in_notebook()):
        return items
    from tqdm.auto import tqdm

    if total is None and hasattr(items, "__len__"):
        try:
            total = len(items)  # type: ignore[arg-type]  # has __len__ (checked above)
        except TypeError:  # a streamed Corpus has __len__ but raises
            total = None
    return tqdm(items, total=total, desc=desc, unit=unit, file=sys.stderr, dynamic_ncols=True)


def _stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def count_threads(path: str | os.PathLike[str], format: str, **options: Any) -> int | None:
    """The number of threads in an input file, counted before the analysis so that a progress
    bar has a total and an estimated time to completion.

    The library's JSON Lines holds one thread per line, so counting its non-blank lines (no
    JSON parsing) gives the total; the seed text is one thread. Other formats group comments
    into threads only when parsed, so they are streamed once without analysis (a few percent
    of the analysis time; memory stays bounded). None when the file cannot be counted (the
    analysis then reports the problem).

    Parameters
    ----------
    path : path-like
    format : str
        The reader's format name (``jsonl``, ``csv``, ``reddit``, ``convokit``, ``seedtext``).
    **options
        The reader's options (``articles_path``, ``submissions``...).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "x.jsonl"
    >>> _ = path.write_text('{"id": "a"}\\n\\n{"id": "b"}\\n')
    >>> count_threads(path, "jsonl")
    2
    """
    if format in ("seed", "seedtext"):
        return 1
    if format == "jsonl":
        with Path(path).open("rb") as handle:
            count = sum(1 for line in handle if not line.isspace())
        logger.debug("counted %d thread(s) in %s (lines)", count, path)
        return count
    import warnings

    from discourse import io

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # problems are reported by the analysis itself
            count = sum(1 for _ in io.stream(path, format=format, strict=False, **options))
    except Exception as exc:  # noqa: BLE001 - counting is a courtesy; the analysis raises properly
        logger.debug("could not count the threads of %s: %s", path, exc)
        return None
    logger.debug("counted %d thread(s) in %s (streamed)", count, path)
    return count


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"discourse: {record.levelname.lower()}: {record.getMessage()}"


def configure_logging(verbosity: int = 0) -> logging.Logger:
    """Send the library's messages to stderr, for the command line.

    Parameters
    ----------
    verbosity : int
        ``-1`` errors only (``--quiet``), ``0`` warnings (default), ``1`` progress messages
        (``--verbose``), ``2`` or more debugging detail.

    Returns
    -------
    logging.Logger
        The ``discourse`` logger (one stderr handler; calling again replaces it).

    Examples
    --------
    >>> configure_logging(1).level == logging.INFO
    True
    >>> _ = configure_logging(0)
    """
    levels = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO}
    root = logging.getLogger(LOGGER_NAME)
    root.setLevel(levels.get(verbosity, logging.DEBUG if verbosity > 1 else logging.ERROR))
    for handler in list(root.handlers):
        if getattr(handler, "_discourse_cli", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    handler._discourse_cli = True  # type: ignore[attr-defined]  # a mark on the handler: ours, to replace later
    root.addHandler(handler)
    return root
