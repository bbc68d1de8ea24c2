"""CSV files and pandas DataFrames: a comments table and an articles table.

Schema
------
Comments table (one row per comment; the canonical column names, in this order):

================  ==========================================================================
``thread_id``     required; the article (thread) the comment belongs to
``id``            required; unique within its thread
``parent_id``     empty = reply to the article; else the id of the comment replied to
``author``        display name or pseudonymous id (empty = unknown)
``created``       ISO 8601 date-time (``2017-09-22T10:05:00+02:00``), offset kept
``score``         a number
``text``          the comment
``meta``          a JSON object (any further data), empty = ``{}``
================  ==========================================================================

Articles table (one row per article): ``id`` (required), ``title``, ``text``, ``url``,
``outlet``, ``published`` (ISO 8601), ``authors`` (a JSON array of strings; a plain string is
read as one author), ``meta`` (JSON object).

Column mapping: ``columns={"id": "comment_id", "thread_id": "article_id", ...}`` maps *our*
field name to *your* column name (unmapped fields use the canonical names);
``article_columns`` does the same for the articles table. Columns that no field maps to are
kept in ``meta`` under the column name (their values as text), reported ``kept`` once per
column. The writers accept the same mappings, so a table can be written in your schema.

Records: each row of either table. Threads are listed in the articles table's order, then
threads that only appear in the comments table (their article is empty, with the thread id);
when an articles table is given such a thread is reported (an ``IntegrityError`` in strict
mode). A comments table alone is fine.

Memory: the articles table is held in memory. ``grouped=False`` (default) also holds all
comments, grouped by thread; ``grouped=True`` streams comment rows and emits a thread as soon as
its ``thread_id`` changes, holding one thread at a time: the rows of a thread must then be
contiguous (a thread that comes back later is reported and its late rows skipped).

Limitations: CSV cannot tell an empty string from a missing value: an empty cell in an
optional column (``parent_id``, ``author``, ``url``, ``outlet``, dates, ``score``) reads as
``None``. DataFrames have no such limitation. A lone surrogate (only ``meta`` can hold one)
is written as U+FFFD.

Examples
--------
>>> import tempfile, pathlib
>>> from discourse.datasets import load_seed
>>> path = pathlib.Path(tempfile.mkdtemp()) / "seed.csv"
>>> write_csv(load_seed(), path)
>>> sorted(p.name for p in path.parent.iterdir())
['seed.articles.csv', 'seed.csv']
>>> list(read_csv(path))[0] == load_seed()
True
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

from discourse.io._common import (
    UTF8_FIX,
    ReadContext,
    Spec,
    Where,
    as_threads,
    assemble_threads,
    corpus_name,
    make_corpus,
    merge_meta,
    source_name,
    take_fields,
)
from discourse.io.atomic import atomic_write
from discourse.io.report import ReadReport
from discourse.model import SURROGATE_ERRORS, Article, Comment, Corpus, Thread, replace_surrogates

__all__ = [
    "COMMENT_COLUMNS",
    "ARTICLE_COLUMNS",
    "read_csv",
    "stream_csv",
    "write_csv",
    "to_dataframes",
    "from_dataframes",
    "articles_path_for",
]

COMMENT_COLUMNS = ("thread_id", "id", "parent_id", "author", "created", "score", "text", "meta")
"""Canonical columns of the comments table, in the order written."""

ARTICLE_COLUMNS = ("id", "title", "text", "url", "outlet", "published", "authors", "meta")
"""Canonical columns of the articles table, in the order written."""

COMMENT_SPECS = {
    "thread_id": Spec("id", required=True),
    "id": Spec("id", required=True),
    "parent_id": Spec("opt_id"),
    "author": Spec("opt_str"),
    "created": Spec("datetime"),
    "score": Spec("number"),
    "text": Spec("str", default=""),
    "meta": Spec("dict", default={}),
}
ARTICLE_SPECS = {
    "id": Spec("id", required=True),
    "title": Spec("str", default=""),
    "text": Spec("str", default=""),
    "url": Spec("opt_str"),
    "outlet": Spec("opt_str"),
    "published": Spec("datetime"),
    "authors": Spec("str_list", default=()),
    "meta": Spec("dict", default={}),
}
_INT = re.compile(r"[+-]?\d+")
_INVALID_UTF8 = re.compile("[\udc80-\udcff]")
_SURROGATE = re.compile("[\ud800-\udfff]")

Row = tuple[int, dict[str, Any], dict[str, Any]]
"""(line, values by field, unmapped columns) of one table row."""


def articles_path_for(path: str | os.PathLike[str]) -> Path:
    """The default articles table beside a comments table: ``x.csv`` -> ``x.articles.csv``.

    Examples
    --------
    >>> articles_path_for("data/comments.csv").name
    'comments.articles.csv'
    """
    p = Path(path)
    stem = p.name[:-4] if p.name.endswith(".csv") else p.name
    return p.with_name(stem + ".articles.csv")


def _mapping(fields: tuple[str, ...], given: Mapping[str, str] | None, what: str) -> dict[str, str]:
    given = dict(given or {})
    unknown = set(given) - set(fields)
    if unknown:
        raise ValueError(
            f"{what}: unknown field(s) {sorted(unknown)} in the column mapping; "
            f"the fields are {list(fields)}"
        )
    return {f: str(given.get(f, f)) for f in fields}


# -- cell decoding ----------------------------------------------------------------------------
def _decode_text_cell(kind: str, cell: str) -> Any:
    """A CSV cell (text) to the value the field checks expect (see module Limitations)."""
    if kind == "str":
        return cell
    if cell == "":
        return {"str_list": [], "dict": {}}.get(kind)
    if kind == "number":
        try:
            return int(cell) if _INT.fullmatch(cell.strip()) else float(cell)
        except ValueError:
            return cell  # the check reports it
    if kind == "str_list":
        if cell.lstrip().startswith("["):
            try:
                return json.loads(cell)
            except ValueError:
                return cell
        return [cell]
    if kind == "dict":
        try:
            return json.loads(cell)
        except ValueError:
            return cell
    return cell


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        return value is pd.NaT or (not isinstance(value, (list, dict, str)) and bool(pd.isna(value)))
    except (TypeError, ValueError):
        return False


def _decode_object_cell(kind: str, cell: Any) -> Any:
    """A DataFrame cell (any object) to the value the field checks expect."""
    if _missing(cell):
        return {"str_list": [], "dict": {}, "str": ""}.get(kind)
    if hasattr(cell, "to_pydatetime"):
        cell = cell.to_pydatetime()
    elif hasattr(cell, "item") and not isinstance(cell, (str, bytes)):
        cell = cell.item()  # numpy scalar
    if isinstance(cell, str) and kind in ("number", "str_list", "dict", "datetime"):
        return _decode_text_cell(kind, cell)
    if isinstance(cell, str) and kind in ("id", "opt_id") and cell == "":
        return None
    return cell


# -- reading ----------------------------------------------------------------------------------
def _csv_rows(
    path: str | os.PathLike[str],
    mapping: dict[str, str],
    specs: Mapping[str, Spec],
    ctx: ReadContext,
    *,
    encoding: str,
    delimiter: str,
) -> Iterator[Row]:
    with open(path, "rb") as probe:
        probe.seek(0, os.SEEK_END)
        size = probe.tell()
        ends_with_newline = True
        tail = b""
        if size:
            probe.seek(max(0, size - 4))
            tail = probe.read()
            ends_with_newline = tail[-1:] in (b"\n", b"\r")
    cut_character = _ends_inside_utf8_character(tail) if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else 0
    with open(path, encoding=encoding, errors="surrogateescape", newline="") as handle:
        if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
            if handle.read(1) != "\ufeff":
                handle.seek(0)
        header: list[str] | None = None
        positions: dict[str, int] = {}
        unmapped: list[tuple[int, str]] = []
        for start, end, cells, error, is_last in _physical_rows(csv.reader(handle, delimiter=delimiter, strict=True)):
            if error is not None:
                n_records = _records_in_lines(path, start, end, delimiter, len(header or ())) if header else 1
                ctx.report.seen(n_records)
                span = f"lines {start}-{end}" if end > start else f"line {start}"
                if "end of data" in error:
                    reason = f"truncated last line (the file ends inside a quoted field opened on line {start})"
                else:
                    reason = f"malformed CSV row: {error}"
                if n_records > 1:
                    reason += f"; the quote swallowed {span}, which look like {n_records} rows"
                ctx.issue(start, reason, then=f"skipped ({span}, {n_records} record(s))", records=n_records)
                continue
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            if header is None:
                header = [_clean_cell(c) for c in cells]
                positions = {name: i for i, name in enumerate(header)}
                for field, column in mapping.items():
                    if specs[field].required and column not in positions:
                        raise _header_error(ctx, column, field, header)
                known = set(mapping.values())
                unmapped = [(i, name) for i, name in enumerate(header) if name not in known]
                for _, name in unmapped:
                    ctx.issue(
                        start,
                        "column not in the mapping; kept in meta",
                        field=name,
                        action="kept",
                        fatal=False,
                    )
                continue
            if len(cells) != len(header):
                n_records = _records_in_lines(path, start, end, delimiter, len(header)) if end > start else 1
                ctx.report.seen(n_records)
                truncated = is_last and not ends_with_newline and len(cells) < len(header)
                reason = (
                    f"truncated last line: {len(cells)} fields, the header has {len(header)}"
                    if truncated
                    else f"row has {len(cells)} fields, the header has {len(header)}"
                )
                span = f"lines {start}-{end}" if end > start else f"line {start}"
                if n_records > 1:
                    reason += f"; an unclosed quote joined {span}, which look like {n_records} rows"
                ctx.issue(start, reason, then=f"skipped ({span}, {n_records} record(s))", records=n_records)
                continue
            ctx.report.seen(1)
            if any(_INVALID_UTF8.search(c) for c in cells):
                if (
                    is_last
                    and cut_character
                    and not any(_INVALID_UTF8.search(c) for c in cells[:-1])
                    and not _INVALID_UTF8.search(cells[-1][:-cut_character])
                ):
                    reason = "truncated: the file ends inside a multi-byte UTF-8 character"
                else:
                    reason = "invalid UTF-8 bytes"
                ctx.issue(
                    start,
                    reason,
                    then="replaced with U+FFFD",
                    fix=UTF8_FIX[0],
                    cli_fix=UTF8_FIX[1],
                    action="repaired",
                )
                cells = [_clean_cell(c) for c in cells]
            values: dict[str, Any] = {}
            for field, column in mapping.items():
                if column in positions:
                    values[field] = _decode_text_cell(specs[field].kind, cells[positions[column]])
                    if values[field] is None and specs[field].required:
                        del values[field]
            extra = {name: cells[i] for i, name in unmapped}
            yield start, values, extra


def _ends_inside_utf8_character(tail: bytes) -> int:
    """How many bytes of a cut multi-byte UTF-8 character end `tail` (0: none)."""
    for back in range(1, min(4, len(tail)) + 1):
        byte = tail[-back]
        if byte & 0xC0 == 0x80:
            continue  # a continuation byte: look further back for the lead byte
        need = 2 if byte & 0xE0 == 0xC0 else 3 if byte & 0xF0 == 0xE0 else 4 if byte & 0xF8 == 0xF0 else 0
        return back if need > back else 0
    return 0


def _records_in_lines(path: str | os.PathLike[str], start: int, end: int, delimiter: str, n_columns: int) -> int:
    """How many rows lines `start`-`end` of a CSV file look like (at least 1).

    Used when an unclosed quote made the csv module read several physical lines as one row:
    a line with at least as many delimiters as a row needs (``n_columns - 1``) counts as a
    row of its own, so the report does not count the rows the quote swallowed as one.
    """
    needed = max(1, n_columns - 1)
    mark = delimiter.encode("utf-8", "surrogateescape")
    count = 0
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if number > end:
                break
            if number > start and raw.count(mark) >= needed:
                count += 1
    return 1 + count


def _physical_rows(reader: Any) -> Iterator[tuple[int, int, list[str], str | None, bool]]:
    """``(first line, last line, cells, csv error, is last row)`` with one row of look-ahead."""
    pending: tuple[int, int, list[str], str | None] | None = None
    last_end = 0
    while True:
        start = last_end + 1
        try:
            cells, error = next(reader), None
        except StopIteration:
            break
        except csv.Error as exc:
            cells, error = [], str(exc)
        last_end = reader.line_num
        item = (start, max(start, last_end), cells, error)
        if pending is not None:
            yield (*pending, False)
        pending = item
    if pending is not None:
        yield (*pending, True)


def _clean_cell(cell: str) -> str:
    return cell.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _header_error(ctx: ReadContext, column: str, field: str, header: list[str]) -> Exception:
    from discourse.errors import InputError

    return InputError(
        f"missing required column {column!r} (field {field!r}); the header has {header}",
        source=ctx.source,
        line=1,
        field=column,
        fix=f"pass columns={{{field!r}: 'YOUR_COLUMN', ...}} to map your column names",
        cli_fix=f"map your column names with --columns {field}=YOUR_COLUMN,... (fields: {', '.join(COMMENT_COLUMNS)})",
    )


def _frame_rows(
    frame: Any, mapping: dict[str, str], specs: Mapping[str, Spec], ctx: ReadContext
) -> Iterator[Row]:
    header = [str(c) for c in frame.columns]
    positions = {name: i for i, name in enumerate(header)}
    for field, column in mapping.items():
        if specs[field].required and column not in positions:
            raise _header_error(ctx, column, field, header)
    known = set(mapping.values())
    unmapped = [(i, name) for i, name in enumerate(header) if name not in known]
    for _, name in unmapped:
        ctx.issue(
            None, "column not in the mapping; kept in meta", field=name, action="kept", fatal=False
        )
    for number, cells in enumerate(frame.itertuples(index=False, name=None), 1):
        ctx.report.seen(1)
        bad = [i for i, cell in enumerate(cells) if isinstance(cell, str) and _SURROGATE.search(cell)]
        if bad:
            ctx.issue(
                number,
                "lone surrogate (half a UTF-16 pair, not a character)",
                then="replaced with U+FFFD",
                fix="repair the text with discourse.model.replace_surrogates, or read with strict=False",
                field=header[bad[0]],
                action="repaired",
            )
            cells = tuple(replace_surrogates(c) if i in bad else c for i, c in enumerate(cells))
        values: dict[str, Any] = {}
        for field, column in mapping.items():
            if column in positions:
                value = _decode_object_cell(specs[field].kind, cells[positions[column]])
                if not (value is None and specs[field].required):
                    values[field] = value
        extra = {name: _plain(cells[i]) for i, name in unmapped}
        yield number, values, extra


def _plain(value: Any) -> Any:
    if _missing(value):
        return None
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().isoformat()
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def _build_article(
    ctx: ReadContext, line: int, values: dict[str, Any], extra: dict[str, Any], names: dict[str, str]
) -> Article | None:
    raw_id = values.get("id")
    taken = take_fields(values, ARTICLE_SPECS, ctx, line, record_id=_id_or_none(raw_id), names=names)
    if taken is None:
        return None
    v, invalid = taken
    meta = merge_meta(v["meta"], extra, invalid, ctx, line, record_id=v["id"], report_unknown=False)
    return Article(
        id=v["id"],
        title=v["title"],
        text=v["text"],
        url=v["url"],
        outlet=v["outlet"],
        published=v["published"],
        authors=v["authors"],
        meta=meta,
    )


def _build_comment(
    ctx: ReadContext, line: int, values: dict[str, Any], extra: dict[str, Any], names: dict[str, str]
) -> tuple[str, Comment] | None:
    raw_id = values.get("id")
    taken = take_fields(values, COMMENT_SPECS, ctx, line, record_id=_id_or_none(raw_id), names=names)
    if taken is None:
        return None
    v, invalid = taken
    meta = merge_meta(v["meta"], extra, invalid, ctx, line, record_id=v["id"], report_unknown=False)
    comment = Comment(
        id=v["id"],
        text=v["text"],
        author=v["author"],
        parent_id=v["parent_id"],
        created=v["created"],
        score=v["score"],
        meta=meta,
    )
    return v["thread_id"], comment


def _id_or_none(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _assemble(
    comment_rows: Iterable[Row],
    comment_ctx: ReadContext,
    article_rows: Iterable[Row] | None,
    article_ctx: ReadContext | None,
    report: ReadReport,
    *,
    columns: dict[str, str],
    article_columns: dict[str, str],
    grouped: bool,
) -> Iterator[Thread]:
    """Join the two tables into threads (see the module docstring for order and memory)."""
    articles: dict[str, tuple[Article, int]] = {}
    if article_rows is not None and article_ctx is not None:
        for line, values, extra in article_rows:
            article = _build_article(article_ctx, line, values, extra, article_columns)
            if article is None:
                continue
            if article.id in articles:
                article_ctx.issue(
                    line,
                    f"duplicate article id (first at line {articles[article.id][1]})",
                    then="later row skipped",
                    record=article.id,
                    field=article_columns["id"],
                    integrity=True,
                )
                continue
            articles[article.id] = (article, line)
    def parsed() -> Iterator[tuple[str, Comment, Where]]:
        for line, values, extra in comment_rows:
            built = _build_comment(comment_ctx, line, values, extra, columns)
            if built is not None:
                yield built[0], built[1], Where(comment_ctx, line)

    yield from assemble_threads(
        {k: a for k, (a, _) in articles.items()},
        parsed(),
        report,
        has_articles=article_rows is not None,
        grouped=grouped,
        thread_field=columns["thread_id"],
        parent_field=columns["parent_id"],
        id_field=columns["id"],
    )


def _csv_produce(
    path: str | os.PathLike[str],
    articles_path: str | os.PathLike[str] | None | bool,
    *,
    columns: Mapping[str, str] | None,
    article_columns: Mapping[str, str] | None,
    strict: bool,
    grouped: bool,
    encoding: str,
    delimiter: str,
):  # noqa: ANN202
    cmap = _mapping(COMMENT_COLUMNS, columns, "columns")
    amap = _mapping(ARTICLE_COLUMNS, article_columns, "article_columns")
    if articles_path is None:
        candidate = articles_path_for(path)
        articles: str | os.PathLike[str] | None = candidate if candidate.exists() else None
    elif articles_path is False:
        articles = None
    else:
        articles = articles_path  # type: ignore[assignment]  # a path: True and False are handled above

    def produce(report: ReadReport) -> Iterator[Thread]:
        cctx = ReadContext(source_name(path), strict, report)
        actx = ReadContext(source_name(articles), strict, report) if articles is not None else None
        arows = (
            _csv_rows(articles, amap, ARTICLE_SPECS, actx, encoding=encoding, delimiter=delimiter)
            if articles is not None and actx is not None
            else None
        )
        crows = _csv_rows(path, cmap, COMMENT_SPECS, cctx, encoding=encoding, delimiter=delimiter)
        yield from _assemble(
            crows, cctx, arows, actx, report, columns=cmap, article_columns=amap, grouped=grouped
        )

    return produce


def read_csv(
    path: str | os.PathLike[str],
    articles_path: str | os.PathLike[str] | None | bool = None,
    *,
    columns: Mapping[str, str] | None = None,
    article_columns: Mapping[str, str] | None = None,
    strict: bool = True,
    grouped: bool = False,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Corpus:
    """Read a comments CSV (and its articles CSV) into memory.

    Parameters
    ----------
    path : str or path-like
        The comments table.
    articles_path : path, None or False
        The articles table. ``None`` (default): ``<name>.articles.csv`` beside `path` if it
        exists; ``False``: none.
    columns, article_columns : mapping, optional
        Our field name -> your column name, for each table (see the module docstring).
    strict : bool
        Raise on the first problem (default), or read what can be read and list every problem
        in ``corpus.report``.
    grouped : bool
        Rows of each thread are contiguous; stream them (see Memory in the module docstring).
    encoding, delimiter : str
        Of both files. A UTF-8 BOM and CRLF line ends are handled.

    Raises
    ------
    InputError
        A required column is missing (in both modes: no row could be read), or, in strict
        mode, the first bad row, naming file, line and column.
    IntegrityError
        In strict mode: duplicate ids, orphans, self-replies, reply cycles.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = p.write_text("article,cid,reply_to,body\\na1,1,,Hi\\na1,2,1,Hello\\n")
    >>> corpus = read_csv(p, columns={"thread_id": "article", "id": "cid",
    ...                               "parent_id": "reply_to", "text": "body"})
    >>> [(c.id, c.parent_id) for c in list(corpus)[0]]
    [('1', None), ('2', '1')]
    """
    produce = _csv_produce(
        path,
        articles_path,
        columns=columns,
        article_columns=article_columns,
        strict=strict,
        grouped=grouped,
        encoding=encoding,
        delimiter=delimiter,
    )
    return make_corpus(produce, name=corpus_name(path), lazy=False)


def stream_csv(
    path: str | os.PathLike[str],
    articles_path: str | os.PathLike[str] | None | bool = None,
    *,
    columns: Mapping[str, str] | None = None,
    article_columns: Mapping[str, str] | None = None,
    strict: bool = True,
    grouped: bool = False,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Corpus:
    """Like :func:`read_csv`, but lazy and re-iterable (bounded memory with ``grouped=True``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> _ = p.write_text("thread_id,id,text\\na,1,x\\na,2,y\\nb,1,z\\n")
    >>> stream_csv(p, grouped=True).count()
    (2, 3)
    """
    produce = _csv_produce(
        path,
        articles_path,
        columns=columns,
        article_columns=article_columns,
        strict=strict,
        grouped=grouped,
        encoding=encoding,
        delimiter=delimiter,
    )
    return make_corpus(produce, name=corpus_name(path), lazy=True)


def from_dataframes(
    articles: Any = None,
    comments: Any = None,
    *,
    columns: Mapping[str, str] | None = None,
    article_columns: Mapping[str, str] | None = None,
    strict: bool = True,
    name: str = "dataframes",
) -> Corpus:
    """Build a corpus from an articles DataFrame and/or a comments DataFrame.

    The inverse of :func:`to_dataframes` (``from_dataframes(*to_dataframes(corpus))``). Cells
    may be Python objects (datetimes, dicts, lists) or text as in the CSV schema; missing
    values (None, NaN, NaT) read as None. Row numbers in messages are 1-based positions.

    Examples
    --------
    >>> import pandas as pd
    >>> comments = pd.DataFrame({"thread_id": ["a", "a"], "id": ["1", "2"],
    ...                          "parent_id": [None, "1"], "text": ["Hi", "Hey"]})
    >>> [c.parent_id for c in list(from_dataframes(comments=comments))[0]]
    [None, '1']
    """
    if articles is None and comments is None:
        raise ValueError("give an articles DataFrame, a comments DataFrame, or both")
    cmap = _mapping(COMMENT_COLUMNS, columns, "columns")
    amap = _mapping(ARTICLE_COLUMNS, article_columns, "article_columns")

    def produce(report: ReadReport) -> Iterator[Thread]:
        cctx = ReadContext("<comments DataFrame>", strict, report)
        actx = ReadContext("<articles DataFrame>", strict, report)
        arows = _frame_rows(articles, amap, ARTICLE_SPECS, actx) if articles is not None else None
        crows = _frame_rows(comments, cmap, COMMENT_SPECS, cctx) if comments is not None else iter(())
        yield from _assemble(
            crows, cctx, arows, actx, report, columns=cmap, article_columns=amap, grouped=False
        )

    return make_corpus(produce, name=name, lazy=False)


# -- writing ----------------------------------------------------------------------------------
def _article_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "text": article.text,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published,
        "authors": json.dumps(list(article.authors), ensure_ascii=False),
        "meta": _json_meta(article.meta, f"article {article.id!r}"),
    }


def _comment_row(thread_id: str, comment: Comment) -> dict[str, Any]:
    return {
        "thread_id": thread_id,
        "id": comment.id,
        "parent_id": comment.parent_id,
        "author": comment.author,
        "created": comment.created,
        "score": comment.score,
        "text": comment.text,
        "meta": _json_meta(comment.meta, f"comment {comment.id!r} of thread {thread_id!r}"),
    }


def _json_meta(meta: Mapping[str, Any], where: str) -> str:
    try:
        return json.dumps(dict(meta), ensure_ascii=False)
    except TypeError as exc:
        raise TypeError(f"{where}: meta is not JSON data: {exc}") from None


def _text_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_dataframes(obj: Thread | Corpus | Iterable[Thread]) -> tuple[Any, Any]:
    """The articles table and the comments table of threads, as pandas DataFrames.

    Returns
    -------
    (articles, comments) : tuple of DataFrame
        Columns :data:`ARTICLE_COLUMNS` and :data:`COMMENT_COLUMNS`. Ids and texts are strings,
        datetimes are Python ``datetime`` objects (object dtype, so mixed offsets survive; use
        ``pd.to_datetime(df.created, utc=True)`` for a datetime64 column), ``score`` is float,
        ``authors`` and ``meta`` are JSON text (so the frames can be saved as they are).

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> articles, comments = to_dataframes(load_seed())
    >>> len(articles), len(comments), list(comments.columns)[:3]
    (1, 16, ['thread_id', 'id', 'parent_id'])
    """
    import pandas as pd

    article_rows: list[dict[str, Any]] = []
    comment_rows: list[dict[str, Any]] = []
    for thread in as_threads(obj):
        article_rows.append(_article_row(thread.article))
        comment_rows.extend(_comment_row(thread.id, c) for c in thread.comments)

    def frame(rows: list[dict[str, Any]], cols: tuple[str, ...]) -> Any:
        data = {}
        for col in cols:
            values = [r[col] for r in rows]
            if col == "score":
                data[col] = pd.Series(
                    [math.nan if v is None else v for v in values], dtype="float64"
                )
            else:
                data[col] = pd.Series(values, dtype=object)
        return pd.DataFrame(data, columns=list(cols))

    return frame(article_rows, ARTICLE_COLUMNS), frame(comment_rows, COMMENT_COLUMNS)


def write_csv(
    obj: Thread | Corpus | Iterable[Thread],
    path: str | os.PathLike[str],
    articles_path: str | os.PathLike[str] | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    article_columns: Mapping[str, str] | None = None,
    delimiter: str = ",",
) -> None:
    """Write the comments table to `path` and the articles table beside it, atomically.

    Parameters
    ----------
    obj : Thread, Corpus or iterable of Thread
        Streamed: one thread in memory at a time.
    path : str or path-like
        The comments table (UTF-8, CRLF line ends as in RFC 4180, a header row).
    articles_path : path, optional
        Default ``<name>.articles.csv`` beside `path` (what :func:`read_csv` looks for).
    columns, article_columns : mapping, optional
        Write under your column names (our field -> your column).

    Notes
    -----
    Both files are written to temporary files and renamed only when both are complete.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from discourse.datasets import load_seed
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "c.csv"
    >>> write_csv(load_seed(), p, columns={"id": "comment_id"})
    >>> p.read_text(encoding="utf-8").splitlines()[0]
    'thread_id,comment_id,parent_id,author,created,score,text,meta'
    """
    cmap = _mapping(COMMENT_COLUMNS, columns, "columns")
    amap = _mapping(ARTICLE_COLUMNS, article_columns, "article_columns")
    apath = Path(articles_path) if articles_path is not None else articles_path_for(path)
    with ExitStack() as stack:
        # (a lone surrogate, possible only in meta, is written as U+FFFD)
        chandle = stack.enter_context(atomic_write(path, "w", newline="", errors=SURROGATE_ERRORS))
        ahandle = stack.enter_context(atomic_write(apath, "w", newline="", errors=SURROGATE_ERRORS))
        cwriter = csv.writer(chandle, delimiter=delimiter)
        awriter = csv.writer(ahandle, delimiter=delimiter)
        cwriter.writerow([cmap[c] for c in COMMENT_COLUMNS])
        awriter.writerow([amap[c] for c in ARTICLE_COLUMNS])
        for thread in as_threads(obj):
            row = _article_row(thread.article)
            awriter.writerow([_text_cell(row[c]) for c in ARTICLE_COLUMNS])
            for comment in thread.comments:
                row = _comment_row(thread.id, comment)
                cwriter.writerow([_text_cell(row[c]) for c in COMMENT_COLUMNS])
