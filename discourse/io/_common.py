"""Machinery shared by the readers and writers (private).

* :class:`ReadContext`: one source file in strict or lenient mode; a problem either raises
  (strict) or goes into the shared :class:`~discourse.io.report.ReadReport` (lenient).
* :func:`iter_lines`: the lines of a UTF-8 text file, read as bytes so that only ``\\n`` ends a
  line; a BOM and CRLF line ends are handled silently; invalid UTF-8 is reported.
* :func:`convert` / :func:`take_fields`: typed field checks with the lenient repair rule.
* :func:`finish_thread`: the integrity rules (duplicates, orphans, self-replies, cycles).
* datetime and JSON helpers used by every format.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from discourse.errors import InputError, IntegrityError
from discourse.io.report import Problem, ReadReport
from discourse.model import SURROGATE_ERRORS, Article, Comment, Corpus, Thread

INVALID_KEY = "_invalid"
"""Meta key under which lenient mode keeps the original value of a field it had to reset."""

BLOCK_KEY = "discourse"
"""Key of the block that keeps exact values a foreign format cannot express (ConvoKit, Reddit)."""

_BOM = b"\xef\xbb\xbf"
_MAX_SHOWN = 60


def shown(value: Any) -> str:
    """A short ``repr`` of a value for messages."""
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[: _MAX_SHOWN - 3] + "..."


def type_name(value: Any) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


class ReadContext:
    """One source (file or table) being read strictly or leniently into a shared report."""

    __slots__ = ("source", "strict", "report")

    def __init__(self, source: str, strict: bool, report: ReadReport) -> None:
        self.source = source
        self.strict = strict
        self.report = report

    def issue(
        self,
        line: int | None,
        reason: str,
        *,
        then: str | None = None,
        fix: str | None = None,
        cli_fix: str | None = None,
        record: str | None = None,
        field: str | None = None,
        action: str = "skipped",
        records: int = 1,
        fatal: bool = True,
        integrity: bool = False,
    ) -> None:
        """Raise (strict mode, `fatal` problems) or report a problem with its lenient action.

        `reason` says what is wrong; `then` what lenient mode does about it (appended to the
        reported reason, never to a strict-mode error, since the run stops there); `fix` how
        to fix the input (strict-mode errors only; `cli_fix` the same advice for the command line).
        """
        if self.strict and fatal:
            error = IntegrityError if integrity else InputError
            raise error(
                reason, source=self.source, line=line, record=record, field=field, fix=fix, cli_fix=cli_fix
            )
        self.report.add(
            Problem(
                self.source,
                line,
                f"{reason}; {then}" if then else reason,
                record=record,
                field=field,
                action=action,
                records=records if action == "skipped" else 1,
            )
        )


# -- lines ------------------------------------------------------------------------------------
UTF8_FIX = (
    "re-encode the file as UTF-8, or read it with strict=False to replace the bytes with U+FFFD",
    "re-encode the file as UTF-8, or add --lenient to replace the bytes with U+FFFD",
)
"""Advice for invalid UTF-8: (from Python, on the command line)."""


def utf8_problem(raw: bytes, exc: UnicodeDecodeError, at_end_of_file: bool) -> str:
    """Describe a UTF-8 decoding error: a truncated character at the end of the file, or bad bytes."""
    if at_end_of_file and exc.end == len(raw) and "unexpected end of data" in exc.reason:
        return (
            f"truncated: the file ends inside a multi-byte UTF-8 character"
            f" ({len(raw) - exc.start} of its bytes, {raw[exc.start:]!r}, are there)"
        )
    return f"invalid UTF-8 byte {raw[exc.start:exc.start + 1]!r} at column {exc.start + 1}"


def iter_lines(path: str | os.PathLike[str], ctx: ReadContext) -> Iterator[tuple[int, str, bool]]:
    """Yield ``(line number, text, complete)`` for each non-blank line of a UTF-8 file.

    `complete` is False for a last line without a final line break (possibly truncated).
    A leading BOM and ``\\r\\n`` line ends are removed silently. Invalid UTF-8 raises in strict
    mode; lenient mode decodes it with U+FFFD replacement characters and reports it repaired
    (a file cut inside a multi-byte character is reported as truncated).
    Only ``\\n`` ends a line (U+2028 and friends inside JSON strings do not).
    """
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if number == 1 and raw.startswith(_BOM):
                raw = raw[len(_BOM) :]
            complete = raw.endswith(b"\n")
            if complete:
                raw = raw[:-2] if raw.endswith(b"\r\n") else raw[:-1]
            elif raw.endswith(b"\r"):
                raw = raw[:-1]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                ctx.issue(
                    number,
                    utf8_problem(raw, exc, at_end_of_file=not complete),
                    then="replaced with U+FFFD",
                    fix=UTF8_FIX[0],
                    cli_fix=UTF8_FIX[1],
                    action="repaired",
                )
                text = raw.decode("utf-8", errors="replace")
            if text.strip():
                yield number, text, complete


# A JSON escape of a UTF-16 surrogate (high or low half); only then can a parsed value hold one.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Keys named "id": each record (thread, comment, utterance, Reddit item) has one.
_ID_KEY = re.compile(r'"id"\s*:')
_MAX_CANDIDATES = 64
_DECODER = json.JSONDecoder()


def _scrub_surrogates(value: Any) -> tuple[Any, list[str]]:
    """`value` with lone surrogates in its strings (keys too) replaced by U+FFFD, and the paths
    of the fields that held one (iterative: no recursion on deeply nested data)."""
    found: list[str] = []

    def clean(text: str, path: str) -> str:
        if _SURROGATE.search(text) is None:
            return text
        found.append(path)
        return _SURROGATE.sub("\ufffd", text)

    root: list[Any] = [value]
    stack: list[tuple[Any, Any, str]] = [(root, 0, "")]
    while stack:
        container, key, path = stack.pop()
        item = container[key]
        if isinstance(item, str):
            container[key] = clean(item, path or "(value)")
        elif isinstance(item, dict):
            fixed = {}
            for k, v in item.items():
                fixed[clean(k, f"{path}.{k}" if path else k) if isinstance(k, str) else k] = v
            container[key] = fixed
            for k in fixed:
                stack.append((fixed, k, f"{path}.{k}" if path else str(k)))
        elif isinstance(item, list):
            for i in range(len(item)):
                stack.append((item, i, f"{path}[{i}]"))
    return root[0], found


def _check_surrogates(ctx: ReadContext, number: int, text: str, value: Any) -> Any:
    """Strict: raise on a lone surrogate in a parsed record; lenient: replace it, report it."""
    if _SURROGATE_ESCAPE.search(text) is None:
        return value
    value, paths = _scrub_surrogates(value)
    if paths:
        more = f" (and {len(paths) - 1} more field(s))" if len(paths) > 1 else ""
        record = value.get("id") if isinstance(value, dict) else None
        ctx.issue(
            number,
            "lone surrogate: a \\u escape of half a UTF-16 pair (\\ud800-\\udfff), which is not a"
            f" character{more}",
            then="replaced with U+FFFD",
            fix="fix the program that wrote it, or read with strict=False to replace it with U+FFFD",
            cli_fix="fix the program that wrote it, or add --lenient to replace it with U+FFFD",
            record=record if isinstance(record, str) else None,
            field=paths[0],
            action="repaired",
        )
    return value


def _split_glued(text: str) -> tuple[list[tuple[int, Any]], list[tuple[int, int, str]]]:
    """Split a line that is not one JSON value into the objects it holds and the unreadable rest.

    Returns ``([(column, object)], [(start, end, error)])``. A record cut short and glued to
    the next line's record leaves the cut record unreadable but the next one whole: it is
    found by trying the positions where an object could start (``{"``, at most 64 of them)
    and keeping the first from which the rest of the line reads as whole JSON objects.
    """
    objects: list[tuple[int, Any]] = []
    garbage: list[tuple[int, int, str]] = []
    pos, n = 0, len(text)
    while pos < n:
        while pos < n and text[pos] in " \t\r\n":
            pos += 1
        if pos >= n:
            break
        try:
            value, end = _DECODER.raw_decode(text, pos)
        except (ValueError, RecursionError) as exc:
            value, end, error = None, pos, str(exc) if not isinstance(exc, RecursionError) else "nested too deeply"
        else:
            error = f"a JSON {type_name(value)}, not an object" if not isinstance(value, dict) else ""
        if not error:
            objects.append((pos, value))
            pos = end
            continue
        restart = _find_restart(text, max(pos + 1, end))
        garbage.append((pos, n if restart is None else restart, error))
        if restart is None:
            break
        pos = restart
    return objects, garbage


def _find_restart(text: str, start: int) -> int | None:
    """The first position >= `start` from which the rest of `text` is whole JSON objects."""
    tried = 0
    candidate = text.find("{", start)
    while candidate != -1 and tried < _MAX_CANDIDATES:
        if text[candidate + 1 : candidate + 2] in ('"', " ", "}"):
            tried += 1
            if _all_objects(text, candidate):
                return candidate
        candidate = text.find("{", candidate + 1)
    return None


def _all_objects(text: str, pos: int) -> bool:
    n = len(text)
    while pos < n:
        try:
            value, pos = _DECODER.raw_decode(text, pos)
        except (ValueError, RecursionError):
            return False
        if not isinstance(value, dict):
            return False
        while pos < n and text[pos] in " \t\r\n":
            pos += 1
    return True


def parse_json_records(ctx: ReadContext, number: int, text: str, complete: bool) -> list[dict[str, Any]]:
    """The JSON objects of one JSON Lines line (usually one); report what cannot be read.

    A line that is not one JSON object is searched for whole objects (a record cut short and
    glued to the next record keeps the next one); each unreadable stretch is reported skipped
    and counted as the number of records it held, estimated by its ``"id"`` keys (at least
    one), so that the report does not understate the loss. Lone surrogates are replaced
    (lenient) or raise (strict), see :func:`_check_surrogates`.
    """
    try:
        value = json.loads(text)
    except RecursionError:
        ctx.report.seen(1)
        ctx.issue(number, "JSON nested too deeply to read")
        return []
    except ValueError as exc:
        first_error = str(exc)
    else:
        if not isinstance(value, dict):
            ctx.report.seen(1)
            ctx.issue(number, f"wrong type: a record must be a JSON object, got {type_name(value)}")
            return []
        return [_check_surrogates(ctx, number, text, value)]
    objects, garbage = _split_glued(text)
    for start, end, error in garbage:
        n_records = max(1, len(_ID_KEY.findall(text, start, end)))
        ctx.report.seen(n_records)
        where = f"columns {start + 1}-{end}" if (start, end) != (0, len(text)) else "the line"
        size = f"{n_records} records" if n_records > 1 else "1 record"
        if not complete and end == len(text):
            reason = f"truncated last line: the file ends inside a record ({first_error})"
        else:
            reason = f"not valid JSON: {error or first_error}"
        if objects:
            reason += f"; {where} cannot be read, the line's other {len(objects)} record(s) can (a record cut short and glued to the next?)"
        ctx.issue(
            number,
            reason,
            then=f"skipped ({where}, about {size} by its \"id\" keys)",
            records=n_records,
        )
    return [_check_surrogates(ctx, number, text, value) for _, value in objects]


# -- values -----------------------------------------------------------------------------------
def parse_datetime(value: str) -> datetime:
    """ISO 8601 text to a datetime (offset kept; ``Z`` accepted on Python 3.10 too)."""
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    return datetime.fromisoformat(text)


def from_epoch(value: Any) -> datetime:
    """Unix seconds (number or numeric string) to an aware UTC datetime."""
    if isinstance(value, bool):
        raise ValueError("a boolean is not a time")
    if isinstance(value, str):
        value = float(value) if value.strip() else math.nan
    try:
        seconds = float(value)
    except (TypeError, OverflowError) as exc:
        raise ValueError(f"not a number of seconds: {shown(value)} ({exc})") from None
    if not math.isfinite(seconds):
        raise ValueError("not a finite number of seconds")
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc)
    except (OverflowError, OSError) as exc:
        raise ValueError(f"{seconds} seconds is out of range ({exc})") from None


def to_epoch(value: datetime) -> int | float:
    """A datetime as Unix seconds (naive means UTC); an int when it is a whole second."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    seconds = value.timestamp()
    return int(seconds) if value.microsecond == 0 else seconds


def format_datetime(value: datetime | None) -> str | None:
    """A datetime as ISO 8601 text (offset kept), or None."""
    return None if value is None else value.isoformat()


def exact_equal(a: Any, b: Any) -> bool:
    """Equality that also requires the same kind of time (naive/aware, same UTC offset)."""
    if isinstance(a, datetime) or isinstance(b, datetime):
        if not (isinstance(a, datetime) and isinstance(b, datetime)):
            return False
        return a == b and a.utcoffset() == b.utcoffset() and (a.tzinfo is None) == (b.tzinfo is None)
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - exotic values compare unequal
        return False


_EXPECTED = {
    "id": "a string (or an integer)",
    "opt_id": "a string, an integer or null",
    "str": "a string",
    "opt_str": "a string or null",
    "datetime": "an ISO 8601 date-time string or null",
    "number": "a number or null",
    "str_list": "an array of strings",
    "dict": "an object",
    "list": "an array",
}


def convert(kind: str, value: Any) -> Any:
    """Check and convert one field value; raise ValueError with the expectation if it is wrong."""
    if kind in ("id", "opt_id"):
        if value is None and kind == "opt_id":
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
    elif kind == "str":
        if isinstance(value, str):
            return value
    elif kind == "opt_str":
        if value is None or isinstance(value, str):
            return value
    elif kind == "datetime":
        if value is None or isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return parse_datetime(value)
            except ValueError:
                raise ValueError(f"expected {_EXPECTED[kind]}, got {shown(value)}") from None
    elif kind == "number":
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
    elif kind == "str_list":
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return tuple(value)
    elif kind == "dict":
        if value is None:
            return {}
        if isinstance(value, Mapping):
            return dict(value)
    elif kind == "list":
        if isinstance(value, list):
            return value
    else:  # pragma: no cover - programming error
        raise KeyError(kind)
    raise ValueError(f"expected {_EXPECTED[kind]}, got {type_name(value)} {shown(value)}")


@dataclass(frozen=True)
class Spec:
    """How to read one field: its kind, whether it is required, and its default."""

    kind: str
    required: bool = False
    default: Any = None


def _fresh(default: Any) -> Any:
    """A new copy of a mutable default (meta dicts are filled in later)."""
    if isinstance(default, dict):
        return {}
    if isinstance(default, list):
        return []
    return default


def take_fields(
    record: Mapping[str, Any],
    specs: Mapping[str, Spec],
    ctx: ReadContext,
    line: int | None,
    *,
    record_id: str | None,
    prefix: str = "",
    names: Mapping[str, str] | None = None,
    skipped_records: int = 1,
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """Read the fields of `specs` from `record`.

    Returns ``(values, invalid)``, or None when a required field is missing or wrong (the record
    is reported skipped, counting `skipped_records`). A wrong optional field raises in strict
    mode; lenient mode resets it to its default and returns its original value in `invalid`
    (kept in the record's meta under ``"_invalid"``). `names` maps a field to the name the
    source uses (for messages).
    """
    values: dict[str, Any] = {}
    invalid: dict[str, Any] = {}
    for name, spec in specs.items():
        label = prefix + (names.get(name, name) if names else name)
        if name not in record or (spec.required and record[name] is None):
            if spec.required:
                ctx.issue(
                    line,
                    "missing required field",
                    record=record_id,
                    field=label,
                    records=skipped_records,
                )
                return None
            values[name] = _fresh(spec.default)
            continue
        try:
            values[name] = convert(spec.kind, record[name])
        except ValueError as exc:
            if spec.required:
                ctx.issue(
                    line,
                    f"wrong type: {exc}",
                    then="record skipped",
                    record=record_id,
                    field=label,
                    records=skipped_records,
                )
                return None
            ctx.issue(
                line,
                f"wrong type: {exc}",
                then=f"reset to {spec.default!r}, original kept in meta['_invalid']",
                record=record_id,
                field=label,
                action="repaired",
            )
            values[name] = _fresh(spec.default)
            invalid[names.get(name, name) if names else name] = record[name]
    return values, invalid


def merge_meta(
    meta: dict[str, Any],
    extra: Mapping[str, Any],
    invalid: Mapping[str, Any],
    ctx: ReadContext,
    line: int | None,
    *,
    record_id: str | None,
    prefix: str = "",
    report_unknown: bool = True,
) -> dict[str, Any]:
    """Add unknown fields (`extra`) and reset values (`invalid`) to a record's meta.

    Unknown fields are kept in meta under their own name (reported ``kept`` when
    `report_unknown`; never fatal). If meta already has that key, meta wins and the field is
    kept under ``meta['_invalid']`` instead (reported ``repaired``).
    """
    invalid = dict(invalid)
    for key, value in extra.items():
        if key in meta:
            ctx.issue(
                line,
                f"unknown field clashes with meta[{key!r}]; kept in meta['_invalid']",
                record=record_id,
                field=prefix + key,
                action="repaired",
                fatal=False,
            )
            invalid[key] = value
            continue
        if report_unknown:
            ctx.issue(
                line,
                "unknown field; kept in meta",
                record=record_id,
                field=prefix + key,
                action="kept",
                fatal=False,
            )
        meta[key] = value
    if invalid:
        previous = meta.get(INVALID_KEY)
        merged = dict(previous) if isinstance(previous, Mapping) else {}
        merged.update(invalid)
        meta[INVALID_KEY] = merged
    return meta


# -- integrity --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Where:
    """Where a comment came from: its context (file), line and field prefix."""

    ctx: ReadContext
    line: int | None
    prefix: str = ""


def finish_thread(
    article: Article,
    comments: list[Comment],
    where: list[Where],
    report: ReadReport,
    *,
    article_records: int = 1,
    parent_field: str = "parent_id",
    id_field: str = "id",
) -> Thread:
    """Apply the integrity rules to a thread's comments and count what was read.

    Strict mode raises :class:`~discourse.errors.IntegrityError` for the first problem.
    Lenient mode skips later duplicates of a comment id (first occurrence wins) and keeps
    orphans, self-replies and reply cycles, reporting each (the model treats them as roots).
    `article_records` is 1 when the article was a record of the input, 0 when it was made up
    (a comment table without an article table).
    """
    seen: set[str] = set()
    kept: list[Comment] = []
    kept_where: list[Where] = []
    first_line: dict[str, int | None] = {}
    for comment, place in zip(comments, where):
        if comment.id in seen:
            earlier = first_line[comment.id]
            at = f" (first at line {earlier})" if earlier is not None else ""
            place.ctx.issue(
                place.line,
                f"duplicate comment id in thread {article.id!r}{at}",
                then="later copy skipped",
                record=comment.id,
                field=place.prefix + id_field,
                integrity=True,
            )
            continue
        seen.add(comment.id)
        first_line[comment.id] = place.line
        kept.append(comment)
        kept_where.append(place)
    thread = Thread(article, tuple(kept))
    integrity = thread.integrity()
    if not integrity.ok:
        index = {c.id: i for i, c in enumerate(kept)}
        problems: list[tuple[int, str, str]] = []
        for cid in integrity.orphans:
            parent = kept[index[cid]].parent_id
            problems.append(
                (index[cid], f"parent {parent!r} does not exist in thread {article.id!r}", "kept as a root")
            )
        for cid in integrity.self_replies:
            problems.append((index[cid], "comment replies to itself", "kept as a root"))
        for cycle in integrity.cycles:
            loop = " -> ".join(cycle + (cycle[0],))
            problems.append((index[cycle[0]], f"reply cycle {loop}", "kept, walked as roots"))
        for i, reason, then in sorted(problems, key=lambda p: p[0]):
            place = kept_where[i]
            place.ctx.issue(
                place.line,
                reason,
                then=then,
                record=kept[i].id,
                field=place.prefix + parent_field,
                action="kept",
                integrity=True,
            )
    report.read(article_records + len(kept))
    return thread


# -- corpus -----------------------------------------------------------------------------------
def make_corpus(
    produce: Callable[[ReadReport], Iterable[Thread]],
    *,
    name: str,
    lazy: bool,
) -> Corpus:
    """A Corpus from a producer of threads: read now (list) or lazily (re-iterable stream).

    The report is attached as ``corpus.report``; a streamed corpus resets it at the start of
    each pass, so after a complete pass it describes that pass.
    """
    report = ReadReport()
    if lazy:

        def opener() -> Iterator[Thread]:
            report.reset()
            yield from produce(report)
            report.warn()

        return Corpus(opener, name=name, report=report)
    threads = list(produce(report))
    report.warn()
    return Corpus(threads, name=name, report=report)


def source_name(path: str | os.PathLike[str]) -> str:
    """The name used for a file in messages (the path as given)."""
    return os.fspath(path)


def corpus_name(path: str | os.PathLike[str]) -> str:
    """A corpus label from a path: the file or folder name without extension."""
    p = Path(path)
    name = p.name
    for suffix in (".jsonl", ".ndjson", ".json", ".csv", ".txt"):
        if name.endswith(suffix):
            return name[: -len(suffix)] or name
    return name


# -- writing ----------------------------------------------------------------------------------
def plain_meta(meta: Mapping[str, Any]) -> dict[str, Any]:
    """A record's meta as a plain dict for JSON."""
    return dict(meta)


def _reject(value: Any) -> Any:
    raise TypeError(
        f"meta value of type {type(value).__name__} is not JSON data "
        "(use str, int, float, bool, None, list and dict with string keys)"
    )


def dumps_line(obj: Any, where: str) -> bytes:
    """One JSON line as UTF-8 bytes (with ``\\n``).

    Non-ASCII text is written as is. A lone surrogate (not a character; only ``meta`` can hold
    one, the model refuses it elsewhere) is written as U+FFFD, so no file holds one.
    """
    try:
        text = json.dumps(obj, ensure_ascii=False, default=_reject)
    except TypeError as exc:
        raise TypeError(f"{where}: {exc}") from None
    return text.encode("utf-8", SURROGATE_ERRORS) + b"\n"


def as_threads(obj: Any) -> Iterable[Thread]:
    """A Thread, a Corpus or an iterable of Threads, as an iterable of Threads."""
    if isinstance(obj, Thread):
        return (obj,)
    if isinstance(obj, (Corpus, list, tuple)) or hasattr(obj, "__iter__"):
        return obj
    raise TypeError(f"expected a Thread, a Corpus or an iterable of Threads, not {type(obj).__name__}")


def assemble_threads(
    articles: Mapping[str, Article],
    comments: Iterable[tuple[str, Comment, Where]],
    report: ReadReport,
    *,
    has_articles: bool,
    grouped: bool,
    thread_field: str,
    parent_field: str = "parent_id",
    id_field: str = "id",
    missing_article_fatal: bool = True,
) -> Iterator[Thread]:
    """Join articles and ``(thread id, comment, where)`` items into threads.

    Order: with ``grouped=False`` the articles' order, then threads known only from comments in
    order of first appearance (all comments are held in memory). With ``grouped=True`` the
    comments' order (one thread held at a time; a thread whose comments come back after another
    thread's is reported and those comments skipped), then articles without comments.
    A thread without an article gets an empty one (``Article(id=thread id)``); when an
    article source was given this is reported (``kept``; fatal in strict mode if
    `missing_article_fatal`).
    """

    def make(thread_id: str, items: list[tuple[Comment, Where]]) -> Thread:
        article_records = 1
        article = articles.get(thread_id)
        if article is None:
            article, article_records = Article(id=thread_id), 0
            if has_articles and items:
                comment, first = items[0]
                first.ctx.issue(
                    first.line,
                    f"thread {thread_id!r} has no article in the input",
                    then="kept with an empty article",
                    record=comment.id,
                    field=first.prefix + thread_field,
                    action="kept",
                    fatal=missing_article_fatal,
                    integrity=True,
                )
        return finish_thread(
            article,
            [c for c, _ in items],
            [w for _, w in items],
            report,
            article_records=article_records,
            parent_field=parent_field,
            id_field=id_field,
        )

    if not grouped:
        by_thread: dict[str, list[tuple[Comment, Where]]] = {}
        for thread_id, comment, where in comments:
            by_thread.setdefault(thread_id, []).append((comment, where))
        for thread_id in articles:
            yield make(thread_id, by_thread.pop(thread_id, []))
        for thread_id, items in by_thread.items():
            yield make(thread_id, items)
        return
    emitted: set[str] = set()
    current: str | None = None
    items = []  # (typed by the loop over by_thread above: list[tuple[Comment, Where]])
    for thread_id, comment, where in comments:
        if thread_id != current:
            if thread_id in emitted:
                where.ctx.issue(
                    where.line,
                    f"thread {thread_id!r} comes back after other threads; grouped=True needs"
                    " each thread's records together",
                    then="record skipped",
                    fix="read with grouped=False (holds all comments in memory), or sort the file by thread",
                    cli_fix=f"sort the file by {thread_field} so that each thread's records are together",
                    record=comment.id,
                    field=where.prefix + thread_field,
                )
                continue
            if current is not None:
                emitted.add(current)
                yield make(current, items)
            current, items = thread_id, []
        items.append((comment, where))
    if current is not None:
        emitted.add(current)
        yield make(current, items)
    for thread_id in articles:
        if thread_id not in emitted:
            yield make(thread_id, [])
