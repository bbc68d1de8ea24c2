"""The library's own JSON Lines format: one thread per line, lossless.

Schema (``discourse.thread/1``)
-------------------------------
Each line is one JSON object, a thread::

    {"format": "discourse.thread/1",
     "id": "a1",                          # required: string (an integer is accepted on input)
     "title": "Headline",                 # string, default ""
     "url": "https://...", "outlet": "X", # string or null
     "published": "2017-09-22T10:00:00+02:00",   # ISO 8601 or null; the UTC offset is kept
     "authors": ["A. Writer"],            # array of strings, default []
     "meta": {...},                       # object: any JSON data, default {}
     "text": "Body...",                   # string, default ""
     "comments": [                        # array, in source order, default []
        {"id": "c1",                      # required: string (or integer)
         "parent_id": null,               # null = reply to the article; else a comment id
         "author": "x", "created": "2017-09-22T10:05:00Z", "score": 3,
         "meta": {...}, "text": "..."}]}

Rules: ``format`` is written on every line; a reader accepts a line without it, and a newer
``discourse.thread/N`` raises in strict mode (lenient mode reads it as version 1 and reports it
kept). Fields not listed above are *unknown*: they never fail a read, are kept in ``meta`` under
their own name and reported ``kept``. Datetimes are ISO 8601 text written with
:meth:`datetime.isoformat` (naive stays naive; an aware time keeps its UTC offset, not a zone
name). ``meta`` must hold JSON data with string keys (tuples come back as lists).

Records: a thread and each of its comments are records. A line that is not JSON counts as one
record. Memory: :func:`stream_jsonl` holds one thread at a time (plus the set of thread ids
seen, to report duplicates).

Examples
--------
>>> import tempfile, pathlib
>>> from discourse.datasets import load_seed
>>> path = pathlib.Path(tempfile.mkdtemp()) / "seed.jsonl"
>>> write_jsonl(load_seed(), path)
>>> corpus = read_jsonl(path)
>>> list(corpus)[0] == load_seed(), corpus.report.summary()
(True, '17 records in, 17 read, 0 skipped, 0 problems')
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any, cast

from discourse.io._common import (
    ReadContext,
    Spec,
    Where,
    as_threads,
    corpus_name,
    dumps_line,
    finish_thread,
    format_datetime,
    make_corpus,
    merge_meta,
    parse_json_records,
    iter_lines,
    shown,
    source_name,
    take_fields,
)
from discourse.io.atomic import atomic_write
from discourse.io.report import ReadReport
from discourse.model import Article, Comment, Corpus, Thread

__all__ = [
    "FORMAT_MARKER",
    "read_jsonl",
    "stream_jsonl",
    "write_jsonl",
    "thread_to_record",
    "thread_from_record",
]

FORMAT_MARKER = "discourse.thread/1"
"""The value of the ``format`` field written on every line."""

THREAD_SPECS = {
    "id": Spec("id", required=True),
    "title": Spec("str", default=""),
    "url": Spec("opt_str"),
    "outlet": Spec("opt_str"),
    "published": Spec("datetime"),
    "authors": Spec("str_list", default=()),
    "meta": Spec("dict", default={}),
    "text": Spec("str", default=""),
    "comments": Spec("list", default=[]),
}
COMMENT_SPECS = {
    "id": Spec("id", required=True),
    "parent_id": Spec("opt_id"),
    "author": Spec("opt_str"),
    "created": Spec("datetime"),
    "score": Spec("number"),
    "meta": Spec("dict", default={}),
    "text": Spec("str", default=""),
}
_KNOWN_THREAD = set(THREAD_SPECS) | {"format"}


def thread_to_record(thread: Thread) -> dict[str, Any]:
    """The JSON object of one thread (see the module docstring for the schema).

    Examples
    --------
    >>> from discourse.model import Article
    >>> thread_to_record(Thread(Article(id="a1", title="T")))["format"]
    'discourse.thread/1'
    """
    art = thread.article
    return {
        "format": FORMAT_MARKER,
        "id": art.id,
        "title": art.title,
        "url": art.url,
        "outlet": art.outlet,
        "published": format_datetime(art.published),
        "authors": list(art.authors),
        "meta": dict(art.meta),
        "text": art.text,
        "comments": [
            {
                "id": c.id,
                "parent_id": c.parent_id,
                "author": c.author,
                "created": format_datetime(c.created),
                "score": c.score,
                "meta": dict(c.meta),
                "text": c.text,
            }
            for c in thread.comments
        ],
    }


def thread_from_record(
    record: dict[str, Any],
    *,
    strict: bool = True,
    report: ReadReport | None = None,
    source: str = "<record>",
    line: int | None = None,
) -> Thread | None:
    """Build a thread from one JSON object; None if lenient mode had to skip it.

    Parameters
    ----------
    record : dict
        A parsed line.
    strict : bool
        Raise :class:`~discourse.errors.InputError` / ``IntegrityError`` on the first problem
        (default), or report problems in `report` and read what can be read.
    report : ReadReport, optional
        Where lenient mode accounts for records and problems (a new one if not given).
    source, line : optional
        Used in messages.

    Examples
    --------
    >>> t = thread_from_record({"id": "a", "comments": [{"id": "c1", "text": "Hi"}]})
    >>> t.comments[0].text
    'Hi'
    """
    report = report if report is not None else ReadReport()
    ctx = ReadContext(source, strict, report)
    return _build(ctx, line, record)


def _build(ctx: ReadContext, line: int | None, record: dict[str, Any]) -> Thread | None:
    raw_comments = record.get("comments")
    n_comments = len(raw_comments) if isinstance(raw_comments, list) else 0
    ctx.report.seen(1 + n_comments)
    raw_id = record.get("id")
    thread_id = raw_id if isinstance(raw_id, str) else None
    marker = record.get("format")
    if marker is not None and marker != FORMAT_MARKER:
        ctx.issue(
            line,
            f"unsupported format {shown(marker)} (this version reads {FORMAT_MARKER!r})",
            then="read as version 1",
            fix="upgrade discourse, or read with strict=False to read it as version 1",
            cli_fix="upgrade discourse, or add --lenient to read it as version 1",
            record=thread_id,
            field="format",
            action="kept",
        )
    taken = take_fields(
        record, THREAD_SPECS, ctx, line, record_id=thread_id, skipped_records=1 + n_comments
    )
    if taken is None:
        if n_comments:
            last = ctx.report.problems[-1]
            ctx.report.problems[-1] = type(last)(
                last.source,
                last.line,
                f"{last.reason}; thread skipped with its {n_comments} comments",
                record=last.record,
                field=last.field,
                action=last.action,
                records=last.records,
            )
        return None
    values, invalid = taken
    thread_id = cast(str, values["id"])  # a required field: never None here
    extra = {k: v for k, v in record.items() if k not in _KNOWN_THREAD}
    meta = merge_meta(values["meta"], extra, invalid, ctx, line, record_id=thread_id)
    article = Article(
        id=thread_id,
        title=values["title"],
        text=values["text"],
        url=values["url"],
        outlet=values["outlet"],
        published=values["published"],
        authors=values["authors"],
        meta=meta,
    )
    comments: list[Comment] = []
    where: list[Where] = []
    for i, raw in enumerate(values["comments"]):
        prefix = f"comments[{i}]."
        if not isinstance(raw, dict):
            ctx.issue(
                line,
                f"wrong type: a comment must be an object, got {type(raw).__name__} {shown(raw)}",
                record=thread_id,
                field=f"comments[{i}]",
            )
            continue
        cid = raw.get("id")
        cid = str(cid) if isinstance(cid, (str, int)) and not isinstance(cid, bool) else None
        taken = take_fields(raw, COMMENT_SPECS, ctx, line, record_id=cid, prefix=prefix)
        if taken is None:
            continue
        cvalues, cinvalid = taken
        cextra = {k: v for k, v in raw.items() if k not in COMMENT_SPECS}
        cmeta = merge_meta(cvalues["meta"], cextra, cinvalid, ctx, line, record_id=cid, prefix=prefix)
        comments.append(
            Comment(
                id=cvalues["id"],
                text=cvalues["text"],
                author=cvalues["author"],
                parent_id=cvalues["parent_id"],
                created=cvalues["created"],
                score=cvalues["score"],
                meta=cmeta,
            )
        )
        where.append(Where(ctx, line, prefix))
    return finish_thread(article, comments, where, ctx.report)


def _produce(path: str | os.PathLike[str], strict: bool):  # noqa: ANN202
    def produce(report: ReadReport) -> Iterator[Thread]:
        ctx = ReadContext(source_name(path), strict, report)
        seen_ids: dict[str, int] = {}
        for number, text, complete in iter_lines(path, ctx):
            for record in parse_json_records(ctx, number, text, complete):
                thread = _build(ctx, number, record)
                if thread is None:
                    continue
                if thread.id in seen_ids:
                    n = 1 + len(thread.comments)
                    report.records_read -= n  # counted by _build; now skipped instead
                    ctx.issue(
                        number,
                        f"duplicate thread id (first at line {seen_ids[thread.id]})",
                        then=f"later copy skipped with its {len(thread.comments)} comments",
                        record=thread.id,
                        field="id",
                        records=n,
                        integrity=True,
                    )
                    continue
                seen_ids[thread.id] = number
                yield thread

    return produce


def read_jsonl(path: str | os.PathLike[str], *, strict: bool = True) -> Corpus:
    """Read a JSON Lines file of threads into memory.

    Parameters
    ----------
    path : str or path-like
        The file.
    strict : bool
        Raise on the first problem (default), or read what can be read and list every problem
        in ``corpus.report`` (lenient).

    Returns
    -------
    Corpus
        In memory; ``corpus.report`` is the :class:`~discourse.io.ReadReport`.

    Raises
    ------
    InputError, IntegrityError
        In strict mode, naming the file, line, record and field.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.jsonl"
    >>> _ = p.write_text('{"id": "a1", "comments": [{"id": "c1", "parent_id": "c9"}]}\\n')
    >>> read_jsonl(p, strict=False).report.problems[0].reason
    "parent 'c9' does not exist in thread 'a1'; kept as a root"
    """
    return make_corpus(_produce(path, strict), name=corpus_name(path), lazy=False)


def stream_jsonl(path: str | os.PathLike[str], *, strict: bool = True) -> Corpus:
    """Like :func:`read_jsonl`, but lazy: one thread in memory at a time, re-iterable.

    The file is read afresh on every iteration; ``corpus.report`` describes the latest pass.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from discourse.datasets import load_seed
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.jsonl"
    >>> write_jsonl([load_seed(), load_seed().replace(article=load_seed().article)], p)
    >>> corpus = stream_jsonl(p, strict=False)
    >>> corpus.count(), corpus.report.records_skipped
    ((1, 16), 17)
    """
    return make_corpus(_produce(path, strict), name=corpus_name(path), lazy=True)


def write_jsonl(obj: Thread | Corpus | Iterable[Thread], path: str | os.PathLike[str]) -> None:
    """Write threads as JSON Lines, atomically (see :func:`discourse.io.atomic.atomic_write`).

    Parameters
    ----------
    obj : Thread, Corpus or iterable of Thread
        What to write (streamed: a streamed corpus is written one thread at a time).
    path : str or path-like
        The file; replaced only once everything is written.

    Raises
    ------
    TypeError
        If a meta value is not JSON data (the file is then left untouched).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from discourse.model import Article
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.jsonl"
    >>> write_jsonl(Thread(Article(id="a", title="Ünïcode")), p)
    >>> p.read_text(encoding="utf-8").count("\\n")
    1
    """
    with atomic_write(path, "wb") as handle:
        for thread in as_threads(obj):
            handle.write(dumps_line(thread_to_record(thread), f"thread {thread.id!r}"))
