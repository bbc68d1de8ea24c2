"""Readers and writers, one module per format, behind one registry.

=============  ==================================================  ==========================
format         what                                                path
=============  ==================================================  ==========================
``seedtext``   the seed's plain-text layout (one thread)           ``*.txt``
``jsonl``      the library's own JSON Lines, one thread a line     ``*.jsonl``, ``*.ndjson``
``csv``        comments table (+ ``<name>.articles.csv``)          ``*.csv``
``convokit``   ConvoKit corpus folder (``utterances.jsonl``...)    a folder
``reddit``     Reddit/Pushshift submissions + comments NDJSON      a file or a folder
=============  ==================================================  ==========================

:func:`read` loads a corpus into memory, :func:`stream` gives a lazy, re-iterable corpus, and
:func:`write` writes one (always atomically). Every reader has a strict mode (default: the first
problem raises :class:`~discourse.errors.InputError` or
:class:`~discourse.errors.IntegrityError` naming file, line, record and field) and a lenient
mode (``strict=False``: read what can be read; ``corpus.report`` is a :class:`ReadReport` that
lists every problem as skipped, repaired or kept, with
``records_in == records_read + records_skipped``). See ``docs/guide/io.md``.

Examples
--------
>>> import tempfile, pathlib
>>> from discourse.datasets import load_seed
>>> path = pathlib.Path(tempfile.mkdtemp()) / "seed.jsonl"
>>> write(load_seed(), path)
>>> detect_format(path)
'jsonl'
>>> corpus = read(path)
>>> len(corpus), corpus.report.balanced
(1, True)
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from discourse.errors import InputError
from discourse.io.atomic import atomic_write
from discourse.io.convokit import read_convokit, stream_convokit, write_convokit
from discourse.io.jsonl import (
    FORMAT_MARKER,
    read_jsonl,
    stream_jsonl,
    thread_from_record,
    thread_to_record,
    write_jsonl,
)
from discourse.io.reddit import (
    default_paths,
    read_reddit,
    reddit_file_kind,
    stream_reddit,
    write_reddit,
)
from discourse.io.report import Problem, ReadReport
from discourse.io.seedtext import (
    read_seedtext,
    read_seedtext_corpus,
    stream_seedtext,
    write_seedtext,
)
from discourse.io.tables import from_dataframes, read_csv, stream_csv, to_dataframes, write_csv
from discourse.model import Corpus, Thread

__all__ = [
    "Format",
    "FORMATS",
    "detect_format",
    "read",
    "stream",
    "write",
    "Problem",
    "ReadReport",
    "atomic_write",
    "FORMAT_MARKER",
    "read_jsonl",
    "stream_jsonl",
    "write_jsonl",
    "thread_to_record",
    "thread_from_record",
    "read_csv",
    "stream_csv",
    "write_csv",
    "to_dataframes",
    "from_dataframes",
    "read_convokit",
    "stream_convokit",
    "write_convokit",
    "read_reddit",
    "stream_reddit",
    "write_reddit",
    "read_seedtext",
    "read_seedtext_corpus",
    "stream_seedtext",
    "write_seedtext",
]


@dataclass(frozen=True)
class Format:
    """One entry of the registry.

    Attributes
    ----------
    name : str
        The key in :data:`FORMATS` and the ``format=`` argument.
    description : str
        One line.
    extensions : tuple of str
        File suffixes that :func:`detect_format` and :func:`write` associate with it (a folder
        format has none).
    read, stream : callable
        ``(path, *, strict=True, **options) -> Corpus`` (in memory / lazy).
    write : callable
        ``(obj, path, **options) -> None``.

    Examples
    --------
    >>> FORMATS["jsonl"].extensions
    ('.jsonl', '.ndjson')
    """

    name: str
    description: str
    extensions: tuple[str, ...]
    read: Callable[..., Corpus]
    stream: Callable[..., Corpus]
    write: Callable[..., None]


# -- reddit adapters: a file (its kind sniffed) or a folder with the two default files ----------
def _reddit_paths(path: str | os.PathLike[str], options: dict[str, Any]) -> tuple[Any, Any]:
    p = Path(path)
    submissions = options.pop("submissions", None)
    comments = options.pop("comments", None)
    if p.is_dir():
        s, c = default_paths(p)
        return (submissions or (s if s.is_file() else None), comments or (c if c.is_file() else None))
    record = _first_record(p)
    if record is not None and reddit_file_kind(record) == "comments":
        return submissions, p
    return p, comments


def _reddit_read(path: str | os.PathLike[str], *, strict: bool = True, **options: Any) -> Corpus:
    s, c = _reddit_paths(path, options)
    return read_reddit(s, c, strict=strict, **options)


def _reddit_stream(path: str | os.PathLike[str], *, strict: bool = True, **options: Any) -> Corpus:
    s, c = _reddit_paths(path, options)
    return stream_reddit(s, c, strict=strict, **options)


def _reddit_write(obj: Any, path: str | os.PathLike[str], **options: Any) -> None:
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    s, c = default_paths(folder)
    write_reddit(obj, options.pop("submissions", s), options.pop("comments", c))


def _seed_read(path: str | os.PathLike[str], *, strict: bool = True, **options: Any) -> Corpus:
    return read_seedtext_corpus(path, strict=strict, **options)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("seedtext", "the seed's plain-text layout: title, paragraphs, comments", (".txt",),
               _seed_read, stream_seedtext, write_seedtext),
        Format("jsonl", f"JSON Lines, one thread a line ({FORMAT_MARKER})", (".jsonl", ".ndjson"),
               read_jsonl, stream_jsonl, write_jsonl),
        Format("csv", "comments table + <name>.articles.csv, explicit column mapping", (".csv",),
               read_csv, stream_csv, write_csv),
        Format("convokit", "ConvoKit corpus folder (utterances.jsonl, conversations.json...)", (),
               read_convokit, stream_convokit, write_convokit),
        Format("reddit", "Reddit/Pushshift submissions + comments NDJSON", (),
               _reddit_read, _reddit_stream, _reddit_write),
    )
}
"""The registry: format name -> :class:`Format`."""


_SNIFF_BYTES = 1 << 16


def _first_record(path: Path) -> dict[str, Any] | None:
    """The first non-blank line of a JSON Lines file, parsed (None if it is not an object)."""
    with open(path, "rb") as handle:
        for raw in handle:
            text = raw.lstrip(b"\xef\xbb\xbf").strip()
            if not text:
                continue
            try:
                value = json.loads(text.decode("utf-8", errors="replace"))
            except (ValueError, RecursionError):
                return None
            return value if isinstance(value, dict) else None
    return None


def detect_format(path: str | os.PathLike[str]) -> str:
    """The name of a file's or folder's format.

    Rules: a folder with ``utterances.jsonl`` is ``convokit``; a folder with
    ``submissions.ndjson`` or ``comments.ndjson`` is ``reddit``; ``*.txt`` is ``seedtext``;
    ``*.csv`` is ``csv``; a file named ``utterances.jsonl`` is ``convokit``; other
    ``*.jsonl``/``*.ndjson``/``*.json`` files are told apart by the keys of their first record
    (``format``/``comments``: ``jsonl``; ``conversation_id``/``root`` with ``reply-to``,
    ``reply_to``, ``speaker`` or ``user``: ``convokit``; ``link_id``/``body``, or ``title`` with
    ``selftext``/``subreddit``/``created_utc``: ``reddit``; otherwise ``jsonl``).

    Raises
    ------
    InputError
        If nothing matches (pass ``format=`` explicitly) or the path does not exist.

    Examples
    --------
    >>> from discourse.datasets import seed_path
    >>> detect_format(seed_path())
    'seedtext'
    """
    p = Path(path)
    if p.is_dir():
        if (p / "utterances.jsonl").is_file():
            return "convokit"
        if any(f.is_file() for f in default_paths(p)):
            return "reddit"
        raise InputError(
            "cannot detect the format of this folder (no utterances.jsonl, submissions.ndjson"
            " or comments.ndjson)",
            source=str(p),
            fix=f"pass format= one of {sorted(FORMATS)}",
            cli_fix=f"give a file, or --format one of {', '.join(FORMATS)}",
        )
    if not p.exists():
        raise InputError("no such file or folder", source=str(p))
    name = p.name.lower()
    if name == "utterances.jsonl":
        return "convokit"
    suffix = p.suffix.lower()
    if suffix == ".txt":
        return "seedtext"
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        with open(p, "rb") as handle:
            head = handle.read(_SNIFF_BYTES).lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b'{"format": "discourse.thread/'):
            return "jsonl"
        record = _first_record(p)
        if record is None:
            return "jsonl"
        keys = set(record)
        if "format" in keys or "comments" in keys:
            return "jsonl"
        if keys & {"conversation_id", "root"} and keys & {"reply-to", "reply_to", "speaker", "user"}:
            return "convokit"
        if reddit_file_kind(record) is not None:
            return "reddit"
        return "jsonl"
    raise InputError(
        f"cannot detect the format from the suffix {p.suffix!r}",
        source=str(p),
        fix=f"pass format= one of {sorted(FORMATS)}",
        cli_fix=f"add --format one of {', '.join(FORMATS)}",
    )


def _format(name: str | None, path: str | os.PathLike[str]) -> Format:
    fmt = name if name is not None else detect_format(path)
    try:
        return FORMATS[fmt]
    except KeyError:
        raise InputError(
            f"unknown format {fmt!r}", source=os.fspath(path), fix=f"choose one of {sorted(FORMATS)}"
        ) from None


def read(
    path: str | os.PathLike[str], format: str | None = None, *, strict: bool = True, **options: Any
) -> Corpus:
    """Read a file or folder into an in-memory :class:`~discourse.model.Corpus`.

    Parameters
    ----------
    path : str or path-like
        The file or folder.
    format : str, optional
        A key of :data:`FORMATS`; detected with :func:`detect_format` if not given.
    strict : bool
        True (default): the first problem raises ``InputError``/``IntegrityError`` naming file,
        line, record and field. False: read what can be read; ``corpus.report`` lists every
        problem (skipped, repaired or kept).
    **options
        Passed to the format's reader (e.g. ``columns=`` for CSV, ``comments=`` for Reddit).

    Examples
    --------
    >>> from discourse.datasets import seed_path
    >>> corpus = read(seed_path())
    >>> corpus.report.summary()
    '17 records in, 17 read, 0 skipped, 0 problems'
    """
    return _format(format, path).read(path, strict=strict, **options)


def stream(
    path: str | os.PathLike[str], format: str | None = None, *, strict: bool = True, **options: Any
) -> Corpus:
    """Like :func:`read`, but lazy: the source is read afresh on each iteration.

    ``corpus.report`` describes the latest complete pass. Strict-mode errors are raised during
    iteration.

    Examples
    --------
    >>> from discourse.datasets import seed_path
    >>> corpus = stream(seed_path())
    >>> corpus.in_memory, corpus.count()
    (False, (1, 16))
    """
    return _format(format, path).stream(path, strict=strict, **options)


def write(
    obj: Thread | Corpus | Iterable[Thread],
    path: str | os.PathLike[str],
    format: str | None = None,
    **options: Any,
) -> None:
    """Write a thread or corpus, atomically, in the format named or implied by the suffix.

    ``*.jsonl`` -> ``jsonl``, ``*.csv`` -> ``csv`` (plus ``<name>.articles.csv``), ``*.txt`` ->
    ``seedtext`` (one thread only); ``convokit`` and ``reddit`` write a folder and must be
    named (``format="convokit"``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from discourse.datasets import load_seed
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "reddit"
    >>> write(load_seed(), folder, format="reddit")
    >>> sorted(p.name for p in folder.iterdir()), detect_format(folder)
    (['comments.ndjson', 'submissions.ndjson'], 'reddit')
    """
    if format is None:
        suffix = Path(path).suffix.lower()
        by_suffix = {".jsonl": "jsonl", ".csv": "csv", ".txt": "seedtext"}
        if suffix not in by_suffix:
            raise ValueError(
                f"cannot tell the format from {os.fspath(path)!r}; pass format= one of"
                f" {sorted(FORMATS)}"
            )
        format = by_suffix[suffix]
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; known: {sorted(FORMATS)}")
    FORMATS[format].write(obj, path, **options)
