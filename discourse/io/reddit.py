"""Reddit / Pushshift NDJSON: a submissions file and a comments file, one JSON object a line.

Schema
------
Submission (the article)::

    {"id": "6z0k2a", "title": "...", "selftext": "...", "url": "https://...",
     "author": "op", "created_utc": 1506067200, "subreddit": "worldnews", "score": 12, ...}

Comment::

    {"id": "dmrq1x", "link_id": "t3_6z0k2a", "parent_id": "t1_dmrp0a", "body": "...",
     "author": "x", "created_utc": 1506067300, "score": 3, ...}

Mapping: submission ``id`` -> ``Article.id``; ``title``; ``selftext`` -> ``text``; ``url``;
``author`` -> ``authors`` (one); ``created_utc`` (Unix seconds, also as a numeric string) ->
``published`` (aware UTC); ``subreddit`` -> ``outlet`` as ``"r/<subreddit>"``. Comment ``id``;
``link_id`` (``t3_`` prefix optional) -> the thread; ``parent_id``: ``t3_...`` -> ``None`` (a
reply to the submission, i.e. a root comment), ``t1_...`` -> the id of the comment replied to;
``body`` -> ``text``; ``author``; ``created_utc`` -> ``created``; ``score``. Required: ``id``
(both) and ``link_id`` (comments). Every other field (``subreddit_id``, ``permalink``,
``gilded``, a submission's ``score``...) is kept in ``meta`` as it is, without a report: the
format is open.

Writing uses the same fields. A value the native fields cannot hold exactly (a naive or
non-UTC time, several or no authors, an outlet that is not ``r/...``, a meta key that clashes
with a native field) goes into a top-level ``"discourse"`` object, so a round trip is exact.

Placeholders: a comment whose ``body`` is ``[deleted]`` or ``[removed]`` keeps that text but is
flagged (``meta["text_placeholder"]``, :attr:`discourse.model.Comment.placeholder`): the analysis
keeps it in the reply tree and gives it no text measures. A comment without a ``body`` is
reported (strict: an error; lenient: ``kept``) and flagged ``"[missing]"`` with an empty text.
An ``author`` of ``[deleted]``/``[removed]`` is read as no author (``None``; the placeholder is
kept in ``meta["author_placeholder"]``), so it never counts as one user.

Records: each line of either file. A thread without a submission gets an empty article; this is
reported ``kept`` when a submissions file was given, but never raises (monthly dumps routinely
hold comments on older submissions).

Memory: the submissions are held in memory (one dict per submission). ``grouped=False``
(default) also holds all comments, grouped by ``link_id``: Pushshift comment dumps are sorted by
time, not by submission. ``grouped=True`` streams the comments file and holds one thread at a
time; a submission's comments must then be contiguous (e.g. after ``sort -k link_id`` or as
:func:`write_reddit` writes them).

Examples
--------
>>> import tempfile, pathlib, json
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> subs = folder / "RS.ndjson"; coms = folder / "RC.ndjson"
>>> _ = subs.write_text(json.dumps({"id": "s1", "title": "News", "selftext": "",
...     "created_utc": 0, "subreddit": "worldnews", "author": "op"}) + "\\n")
>>> _ = coms.write_text("\\n".join(json.dumps(c) for c in [
...     {"id": "a", "link_id": "t3_s1", "parent_id": "t3_s1", "body": "First", "score": 2},
...     {"id": "b", "link_id": "t3_s1", "parent_id": "t1_a", "body": "Reply"}]) + "\\n")
>>> thread = list(read_reddit(subs, coms))[0]
>>> thread.article.outlet, [(c.id, c.parent_id) for c in thread.comments]
('r/worldnews', [('a', None), ('b', 'a')])
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

from discourse.io._common import (
    BLOCK_KEY,
    ReadContext,
    Spec,
    Where,
    as_threads,
    assemble_threads,
    convert,
    corpus_name,
    dumps_line,
    exact_equal,
    format_datetime,
    from_epoch,
    iter_lines,
    make_corpus,
    merge_meta,
    parse_json_records,
    shown,
    source_name,
    take_fields,
    to_epoch,
    type_name,
)
from discourse.io.atomic import atomic_write
from discourse.io.report import ReadReport
from discourse.model import PLACEHOLDER_KEY, Article, Comment, Corpus, Thread

__all__ = ["read_reddit", "stream_reddit", "write_reddit", "reddit_file_kind", "PLACEHOLDERS"]

PLACEHOLDERS = ("[deleted]", "[removed]")
"""What Reddit shows instead of a deleted or removed comment's body, or a deleted account's name."""

MISSING_BODY = "[missing]"
"""The placeholder recorded for a comment record without a ``body``."""

AUTHOR_PLACEHOLDER_KEY = "author_placeholder"
"""Meta key keeping a placeholder author name (``[deleted]``), read as no author."""

SUBMISSION_SPECS = {
    "id": Spec("id", required=True),
    "title": Spec("str", default=""),
    "selftext": Spec("str", default=""),
    "url": Spec("opt_str"),
    "author": Spec("opt_str"),
    "subreddit": Spec("opt_str"),
}
COMMENT_SPECS = {
    "id": Spec("id", required=True),
    "link_id": Spec("id", required=True),
    "parent_id": Spec("opt_id"),
    "body": Spec("str", default=""),
    "author": Spec("opt_str"),
    "score": Spec("number"),
}
_SUBMISSION_NATIVE = set(SUBMISSION_SPECS) | {"created_utc", BLOCK_KEY}
_COMMENT_NATIVE = set(COMMENT_SPECS) | {"created_utc", BLOCK_KEY}


def reddit_file_kind(record: dict[str, Any]) -> str | None:
    """``"comments"``, ``"submissions"`` or None, from the keys of a file's first record.

    Examples
    --------
    >>> reddit_file_kind({"id": "x", "link_id": "t3_y", "body": "hi"})
    'comments'
    """
    if "link_id" in record or "body" in record:
        return "comments"
    if "selftext" in record or "title" in record and ("subreddit" in record or "created_utc" in record):
        return "submissions"
    return None


def _strip(prefix: str, value: str) -> str:
    return value[len(prefix):] if value.startswith(prefix) else value


def _time(ctx: ReadContext, line: int, record: dict[str, Any], rid: str, invalid: dict[str, Any]) -> datetime | None:
    value = record.get("created_utc")
    if value is None:
        return None
    try:
        return from_epoch(value)
    except (ValueError, TypeError, OverflowError, OSError):
        ctx.issue(
            line,
            f"wrong type: expected Unix seconds, got {type_name(value)} {shown(value)}",
            then="reset to None, original kept in meta['_invalid']",
            record=rid,
            field="created_utc",
            action="repaired",
        )
        invalid["created_utc"] = value
        return None


def _block(ctx: ReadContext, line: int, record: dict[str, Any], rid: str) -> dict[str, Any]:
    block = record.get(BLOCK_KEY)
    if block is None:
        return {}
    if not isinstance(block, dict):
        ctx.issue(line, f"wrong type: expected an object, got {type_name(block)}", then="ignored",
                  record=rid, field=BLOCK_KEY, action="repaired")
        return {}
    return block


def _exact(block: dict[str, Any], key: str, kind: str, native: Any) -> Any:
    if key in block:
        return convert(kind, block[key]) if block[key] is not None else None
    return native


def _submission(ctx: ReadContext, line: int, record: dict[str, Any]) -> Article | None:
    ctx.report.seen(1)
    rid = record.get("id") if isinstance(record.get("id"), str) else None
    taken = take_fields(record, SUBMISSION_SPECS, ctx, line, record_id=rid)
    if taken is None:
        return None
    v, invalid = taken
    published = _time(ctx, line, record, v["id"], invalid)
    block = _block(ctx, line, record, v["id"])
    meta = {k: val for k, val in record.items() if k not in _SUBMISSION_NATIVE}
    meta.update(block.get("meta", {}) if isinstance(block.get("meta"), dict) else {})
    meta = merge_meta(meta, {}, invalid, ctx, line, record_id=v["id"])
    author = v["author"]
    if author in PLACEHOLDERS:  # a deleted account is nobody's byline
        meta[AUTHOR_PLACEHOLDER_KEY] = author
        author = None
    try:
        return Article(
            id=v["id"],
            title=v["title"],
            text=v["selftext"],
            url=v["url"],
            outlet=_exact(block, "outlet", "opt_str",
                          f"r/{v['subreddit']}" if v["subreddit"] is not None else None),
            published=_exact(block, "published", "datetime", published),
            authors=_exact(block, "authors", "str_list", (author,) if author is not None else ()),
            meta=meta,
        )
    except ValueError as exc:
        ctx.issue(line, f"bad 'discourse' block: {exc}", record=v["id"], field=BLOCK_KEY)
        return None


def _comment(ctx: ReadContext, line: int, record: dict[str, Any]) -> tuple[str, Comment, Where] | None:
    ctx.report.seen(1)
    rid = record.get("id") if isinstance(record.get("id"), str) else None
    missing_body = record.get("body") is None
    if missing_body:
        record = {k: val for k, val in record.items() if k != "body"}
    taken = take_fields(record, COMMENT_SPECS, ctx, line, record_id=rid)
    if taken is None:
        return None
    v, invalid = taken
    placeholders: dict[str, str] = {}
    if missing_body:
        ctx.issue(line, "missing field 'body' (the comment's text)",
                  then="kept in the reply tree without text (excluded from text measures)",
                  record=v["id"], field="body", action="kept")
        placeholders[PLACEHOLDER_KEY] = MISSING_BODY
    elif v["body"] in PLACEHOLDERS:
        placeholders[PLACEHOLDER_KEY] = v["body"]
    if v["author"] in PLACEHOLDERS:
        placeholders[AUTHOR_PLACEHOLDER_KEY] = v["author"]
        v["author"] = None
    thread_id = _strip("t3_", v["link_id"])
    parent_raw = v["parent_id"]
    parent: str | None
    if parent_raw is None or parent_raw.startswith("t3_"):
        parent = None
        if parent_raw is not None and parent_raw[3:] != thread_id:
            ctx.issue(line, f"parent is submission {parent_raw!r} but link_id is {v['link_id']!r}",
                      then="read as a root comment", record=v["id"], field="parent_id",
                      action="kept", fatal=False)
    elif parent_raw.startswith("t1_"):
        parent = parent_raw[3:]
    else:
        ctx.issue(line, f"parent_id {shown(parent_raw)} has neither a t1_ nor a t3_ prefix",
                  then="read as a comment id", record=v["id"], field="parent_id", action="repaired")
        parent = parent_raw
    created = _time(ctx, line, record, v["id"], invalid)
    block = _block(ctx, line, record, v["id"])
    meta = {k: val for k, val in record.items() if k not in _COMMENT_NATIVE}
    meta.update(block.get("meta", {}) if isinstance(block.get("meta"), dict) else {})
    meta = merge_meta(meta, {}, invalid, ctx, line, record_id=v["id"])
    meta.update(placeholders)
    try:
        comment = Comment(
            id=v["id"],
            text=v["body"],
            author=v["author"],
            parent_id=parent,
            created=_exact(block, "created", "datetime", created),
            score=v["score"],
            meta=meta,
        )
    except ValueError as exc:
        ctx.issue(line, f"bad 'discourse' block: {exc}", record=v["id"], field=BLOCK_KEY)
        return None
    return thread_id, comment, Where(ctx, line)


def _produce(submissions: Any, comments: Any, strict: bool, grouped: bool):  # noqa: ANN202
    if submissions is None and comments is None:
        raise ValueError("give a submissions file, a comments file, or both")

    def produce(report: ReadReport) -> Iterator[Thread]:
        articles: dict[str, Article] = {}
        if submissions is not None:
            sctx = ReadContext(source_name(submissions), strict, report)
            first_line: dict[str, int] = {}
            for number, text, complete in iter_lines(submissions, sctx):
                for record in parse_json_records(sctx, number, text, complete):
                    article = _submission(sctx, number, record)
                    if article is None:
                        continue
                    if article.id in articles:
                        sctx.issue(number, f"duplicate submission id (first at line {first_line[article.id]})",
                                   then="later copy skipped", record=article.id, field="id", integrity=True)
                        continue
                    articles[article.id] = article
                    first_line[article.id] = number
        items: Iterable[tuple[str, Comment, Where]] = ()
        if comments is not None:
            cctx = ReadContext(source_name(comments), strict, report)
            items = (
                item
                for number, text, complete in iter_lines(comments, cctx)
                for record in parse_json_records(cctx, number, text, complete)
                if (item := _comment(cctx, number, record)) is not None
            )
        yield from assemble_threads(
            articles, items, report, has_articles=submissions is not None, grouped=grouped,
            thread_field="link_id", missing_article_fatal=False,
        )

    return produce


def read_reddit(
    submissions: str | os.PathLike[str] | None = None,
    comments: str | os.PathLike[str] | None = None,
    *,
    strict: bool = True,
    grouped: bool = False,
) -> Corpus:
    """Read Reddit/Pushshift submissions and/or comments NDJSON files into memory.

    Parameters
    ----------
    submissions, comments : path, optional
        The two files (at least one). Comments alone give threads with empty articles;
        submissions alone give threads without comments.
    strict : bool
        Raise on the first problem (default), or read what can be read and list every problem
        in ``corpus.report``.
    grouped : bool
        Stream the comments (each submission's comments contiguous); see Memory above.

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "RC.ndjson"
    >>> _ = p.write_text(json.dumps({"id": "c", "link_id": "t3_s", "parent_id": "t1_gone",
    ...                              "body": "?"}) + "\\n")
    >>> read_reddit(comments=p, strict=False).report.problems[0].action
    'kept'
    """
    return make_corpus(_produce(submissions, comments, strict, grouped),
                       name=corpus_name(submissions or comments), lazy=False)  # type: ignore[arg-type]  # _produce raised if both are None


def stream_reddit(
    submissions: str | os.PathLike[str] | None = None,
    comments: str | os.PathLike[str] | None = None,
    *,
    strict: bool = True,
    grouped: bool = True,
) -> Corpus:
    """Like :func:`read_reddit`, but lazy and re-iterable; ``grouped=True`` by default.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from discourse.datasets import load_seed
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_reddit(load_seed(), d / "RS.ndjson", d / "RC.ndjson")
    >>> stream_reddit(d / "RS.ndjson", d / "RC.ndjson").count()
    (1, 16)
    """
    return make_corpus(_produce(submissions, comments, strict, grouped),
                       name=corpus_name(submissions or comments), lazy=True)  # type: ignore[arg-type]  # _produce raised if both are None


def _native_time(value: datetime | None, key: str, block: dict[str, Any]) -> int | float | None:
    if value is None:
        return None
    native = to_epoch(value)
    if not exact_equal(from_epoch(native), value):
        block[key] = format_datetime(value)
    return native


def _spread_meta(record: dict[str, Any], meta: Any, native: set[str], block: dict[str, Any]) -> None:
    clashes = {}
    for key, value in dict(meta).items():
        if key in native:
            clashes[key] = value
        else:
            record[key] = value
    if clashes:
        block["meta"] = clashes


def write_reddit(
    obj: Thread | Corpus | Iterable[Thread],
    submissions: str | os.PathLike[str],
    comments: str | os.PathLike[str],
) -> None:
    """Write threads as a submissions file and a comments file (NDJSON), atomically.

    Each thread's comments are written together, so :func:`stream_reddit` can read the files
    back with bounded memory. Both files are renamed into place only when both are complete.

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> from discourse.datasets import load_seed
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_reddit(load_seed(), d / "RS.ndjson", d / "RC.ndjson")
    >>> first = json.loads((d / "RC.ndjson").read_text().splitlines()[0])
    >>> first["link_id"], first["parent_id"]
    ('t3_zerohedge_2017-09_russia-warns-us-syria', 't3_zerohedge_2017-09_russia-warns-us-syria')
    """
    with ExitStack() as stack:
        shandle = stack.enter_context(atomic_write(submissions, "wb"))
        chandle = stack.enter_context(atomic_write(comments, "wb"))
        for thread in as_threads(obj):
            art = thread.article
            block: dict[str, Any] = {}
            author = art.authors[0] if art.authors else None
            if tuple(art.authors) != ((author,) if author is not None else ()):
                block["authors"] = list(art.authors)
            record: dict[str, Any] = {"id": art.id, "title": art.title, "author": author,
                                      "created_utc": _native_time(art.published, "published", block)}
            if art.outlet is not None and art.outlet.startswith("r/"):
                record["subreddit"] = art.outlet[2:]
            elif art.outlet is not None:
                block["outlet"] = art.outlet
            record["url"] = art.url
            record["selftext"] = art.text
            _spread_meta(record, art.meta, _SUBMISSION_NATIVE, block)
            if block:
                record[BLOCK_KEY] = block
            shandle.write(dumps_line(record, f"article {art.id!r}"))
            for c in thread.comments:
                cblock: dict[str, Any] = {}
                crecord: dict[str, Any] = {
                    "id": c.id,
                    "link_id": f"t3_{art.id}",
                    "parent_id": f"t3_{art.id}" if c.parent_id is None else f"t1_{c.parent_id}",
                    "author": c.author,
                    "created_utc": _native_time(c.created, "created", cblock),
                    "score": c.score,
                    "body": c.text,
                }
                _spread_meta(crecord, c.meta, _COMMENT_NATIVE, cblock)
                if cblock:
                    crecord[BLOCK_KEY] = cblock
                chandle.write(dumps_line(crecord, f"comment {c.id!r} of thread {art.id!r}"))


def default_paths(directory: str | os.PathLike[str]) -> tuple[Path, Path]:
    """The file names used for a Reddit folder: ``submissions.ndjson``, ``comments.ndjson``.

    Examples
    --------
    >>> [p.name for p in default_paths("out")]
    ['submissions.ndjson', 'comments.ndjson']
    """
    d = Path(directory)
    return d / "submissions.ndjson", d / "comments.ndjson"
