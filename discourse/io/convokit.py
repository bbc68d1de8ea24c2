"""ConvoKit's corpus folder: ``utterances.jsonl`` plus ``conversations.json``, ``speakers.json``,
``corpus.json`` and ``index.json`` (import and export, without installing ConvoKit).

Layout
------
``utterances.jsonl`` has one utterance per line::

    {"id": "c1", "conversation_id": "a1", "reply-to": "a1", "speaker": "bob",
     "timestamp": 1506067200, "text": "...", "meta": {...}, "vectors": []}

``conversations.json`` maps a conversation id to ``{"meta": {...}, "vectors": []}``,
``speakers.json`` a speaker id to the same, ``corpus.json`` holds corpus metadata and
``index.json`` the type index of the metadata (what ConvoKit's own ``Corpus.dump`` writes).
The reader accepts ``reply_to`` as well as ``reply-to``, and the old names ``user`` and
``root`` for ``speaker`` and ``conversation_id``; it needs only ``utterances.jsonl``.

Mapping
-------
* A thread is a conversation. The **article is the conversation's root utterance**: its id is
  the ``conversation_id``, ``reply-to`` is null, ``text`` is the body, ``speaker`` the first
  author and ``timestamp`` the publication time.
* A comment is an utterance of that conversation; a reply to the article has ``reply-to`` equal
  to the root's id; ``speaker`` is the author, ``timestamp`` the posting time in Unix seconds.
* ``meta`` is the article's or comment's meta. Fields ConvoKit has no place for go into a block
  ``meta["discourse"]``: ``kind`` ("article"/"comment"), the article's ``title``, ``url``,
  ``outlet``, a comment's ``score``, and, only where the native field cannot hold the value
  exactly, the exact value: ``published``/``created`` as ISO 8601 text (naive times or UTC
  offsets other than zero), ``authors`` (none or several), ``author`` (none: the speaker is
  ``"[unknown]"``), ``parent_id`` (an orphan is written with ``reply-to`` null) and the original
  ``id`` (ConvoKit ids must be unique in the whole corpus; a comment id already used by another
  thread is written as ``"<thread id>/<comment id>"``). So a round trip is exact, and
  ConvoKit can load the folder.
* Reading a foreign ConvoKit corpus (no block): the root utterance becomes the article (title
  from the conversation's ``meta["title"]`` when it is a string; the conversation's meta is
  kept in ``article.meta["conversation"]``); times in Unix seconds become aware UTC datetimes;
  ``score`` stays in ``meta``. A conversation whose root utterance is absent gets an empty
  article (reported ``kept``).

Records: each line of ``utterances.jsonl``. Unknown top-level utterance fields are kept in
``meta`` and reported ``kept``; ``vectors`` are ignored (no matrices are loaded).

Memory: ``grouped=False`` (default) holds the parsed utterances of the whole file, grouped by
conversation (ConvoKit itself holds everything too). ``grouped=True`` streams: the utterances
of a conversation must be contiguous (as ConvoKit and :func:`write_convokit` write them), and one
conversation is held at a time. The writer holds the set of utterance ids (for uniqueness), the
speaker ids and one small metadata entry per conversation.

Examples
--------
>>> import tempfile, pathlib
>>> from discourse.datasets import load_seed
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "seed-corpus"
>>> write_convokit(load_seed(), folder)
>>> sorted(p.name for p in folder.iterdir())
['conversations.json', 'corpus.json', 'index.json', 'speakers.json', 'utterances.jsonl']
>>> list(read_convokit(folder))[0] == load_seed()
True
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
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
    convert,
    corpus_name,
    dumps_line,
    exact_equal,
    finish_thread,
    format_datetime,
    from_epoch,
    iter_lines,
    make_corpus,
    merge_meta,
    parse_datetime,
    parse_json_records,
    source_name,
    take_fields,
    to_epoch,
    type_name,
)
from discourse.io.atomic import atomic_write
from discourse.io.report import ReadReport
from discourse.model import Article, Comment, Corpus, Thread

__all__ = ["UNKNOWN_SPEAKER", "read_convokit", "stream_convokit", "write_convokit"]

UNKNOWN_SPEAKER = "[unknown]"
"""Speaker written for an article without authors or a comment without an author."""

UTTERANCES = "utterances.jsonl"
_SPECS = {
    "id": Spec("id", required=True),
    "conversation_id": Spec("id", required=True),
    "reply_to": Spec("opt_id"),
    "speaker": Spec("opt_id"),
    "text": Spec("str", default=""),
    "meta": Spec("dict", default={}),
}
_KNOWN = {"id", "conversation_id", "root", "reply-to", "reply_to", "speaker", "user", "timestamp",
          "text", "meta", "vectors"}
_META_BLOCK_CLASH = "meta.discourse"


# -- reading ----------------------------------------------------------------------------------
def _utterance_path(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    p = Path(path)
    if p.is_dir():
        return p, p / UTTERANCES
    return p.parent, p


def _timestamp(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return from_epoch(value)
    if isinstance(value, str):
        try:
            return from_epoch(value)
        except ValueError:
            return parse_datetime(value)
    raise ValueError(f"expected Unix seconds, an ISO 8601 string or null, got {type_name(value)}")


class _Utt:
    """One parsed utterance line."""

    __slots__ = ("line", "values", "meta", "block", "time")

    def __init__(self, line: int, values: dict[str, Any], meta: dict[str, Any],
                 block: dict[str, Any] | None, time: datetime | None) -> None:
        self.line = line
        self.values = values
        self.meta = meta
        self.block = block
        self.time = time


def _parse_utterance(ctx: ReadContext, line: int, record: dict[str, Any]) -> tuple[str, _Utt] | None:
    ctx.report.seen(1)
    rec = dict(record)
    if "conversation_id" not in rec and "root" in rec:
        rec["conversation_id"] = rec["root"]
    if "speaker" not in rec and "user" in rec:
        rec["speaker"] = rec["user"]
    rec["reply_to"] = rec.get("reply-to", rec.get("reply_to"))
    raw_id = rec.get("id")
    uid = raw_id if isinstance(raw_id, str) else None
    names = {"reply_to": "reply-to" if "reply-to" in record else "reply_to"}
    taken = take_fields(rec, _SPECS, ctx, line, record_id=uid, names=names)
    if taken is None:
        return None
    values, invalid = taken
    time = None
    try:
        time = _timestamp(record.get("timestamp"))
    except ValueError as exc:
        ctx.issue(
            line,
            f"wrong type: {exc}",
            then="reset to None, original kept in meta['_invalid']",
            record=values["id"],
            field="timestamp",
            action="repaired",
        )
        invalid["timestamp"] = record.get("timestamp")
    meta = values["meta"]
    block = meta.pop(BLOCK_KEY, None) if isinstance(meta.get(BLOCK_KEY), dict) else None
    if block is not None and block.get("kind") not in ("article", "comment"):
        meta[BLOCK_KEY], block = block, None  # somebody else's "discourse" key
    if block is not None and _META_BLOCK_CLASH in block:
        meta[BLOCK_KEY] = block[_META_BLOCK_CLASH]
    extra = {k: v for k, v in record.items() if k not in _KNOWN}
    meta = merge_meta(meta, extra, invalid, ctx, line, record_id=values["id"])
    return values["conversation_id"], _Utt(line, values, meta, block, time)


def _exact(block: Mapping[str, Any] | None, key: str, kind: str, native: Any) -> Any:
    """The block's exact value for `key` if it has one, else the native value."""
    if block is not None and key in block:
        value = block[key]
        return convert(kind, value) if value is not None else None
    return native


def _thread(
    conv_id: str,
    utts: list[_Utt],
    ctx: ReadContext,
    conversations: Mapping[str, Any],
) -> Thread:
    root_index = next(
        (i for i, u in enumerate(utts) if u.block is not None and u.block.get("kind") == "article"),
        None,
    )
    if root_index is None:
        root_index = next((i for i, u in enumerate(utts) if u.values["id"] == conv_id), None)
    article_records = 1
    if root_index is None:
        article_records = 0
        article = Article(id=conv_id, meta=_conversation_meta(conversations, conv_id))
        ctx.issue(
            utts[0].line,
            f"conversation {conv_id!r} has no root utterance (id == conversation_id)",
            then="kept with an empty article",
            record=conv_id,
            field="conversation_id",
            action="kept",
            fatal=False,
        )
    else:
        article = _article(utts[root_index], conv_id, conversations, ctx)
    root_uid = utts[root_index].values["id"] if root_index is not None else conv_id
    others = [u for i, u in enumerate(utts) if i != root_index]
    uid_to_cid: dict[str, str] = {}
    for u in others:
        cid = _exact(u.block, "id", "id", u.values["id"])
        uid_to_cid.setdefault(u.values["id"], cid)
    comments: list[Comment] = []
    where: list[Where] = []
    for u in others:
        native_parent = u.values["reply_to"]
        if native_parent is None or native_parent == root_uid:
            parent = None
        else:
            parent = uid_to_cid.get(native_parent, native_parent)
        speaker = u.values["speaker"]
        try:
            comment = Comment(
                id=_exact(u.block, "id", "id", u.values["id"]),
                text=u.values["text"],
                author=_exact(u.block, "author", "opt_str", speaker),
                parent_id=_exact(u.block, "parent_id", "opt_id", parent),
                created=_exact(u.block, "created", "datetime", u.time),
                score=_exact(u.block, "score", "number", None),
                meta=u.meta,
            )
        except ValueError as exc:
            ctx.issue(u.line, f"bad 'discourse' block in meta: {exc}", record=u.values["id"],
                      field="meta.discourse")
            continue
        comments.append(comment)
        where.append(Where(ctx, u.line))
    return finish_thread(
        article, comments, where, ctx.report, article_records=article_records,
        parent_field="reply-to",
    )


def _conversation_meta(conversations: Mapping[str, Any], conv_id: str) -> dict[str, Any]:
    data = conversations.get(conv_id)
    if not isinstance(data, dict):
        return {}
    meta = data.get("meta", data) if "meta" in data else data
    return {"conversation": dict(meta)} if isinstance(meta, dict) and meta else {}


def _article(u: _Utt, conv_id: str, conversations: Mapping[str, Any], ctx: ReadContext) -> Article:
    block = u.block
    speaker = u.values["speaker"]
    if block is None:
        meta = dict(u.meta)
        meta.update(_conversation_meta(conversations, conv_id))
        conv = meta.get("conversation", {})
        title = conv.get("title") if isinstance(conv.get("title"), str) else ""
        return Article(
            id=u.values["id"],
            title=title,
            text=u.values["text"],
            published=u.time,
            authors=(speaker,) if speaker is not None else (),
            meta=meta,
        )
    try:
        return Article(
            id=_exact(block, "id", "id", u.values["id"]),
            title=_exact(block, "title", "str", ""),
            text=u.values["text"],
            url=_exact(block, "url", "opt_str", None),
            outlet=_exact(block, "outlet", "opt_str", None),
            published=_exact(block, "published", "datetime", u.time),
            authors=_exact(block, "authors", "str_list", (speaker,) if speaker is not None else ()),
            meta=u.meta,
        )
    except ValueError as exc:
        ctx.issue(u.line, f"bad 'discourse' block in meta: {exc}", then="block ignored",
                  record=u.values["id"], field="meta.discourse", action="repaired")
        return Article(id=u.values["id"], text=u.values["text"], meta=u.meta)


def _produce(path: str | os.PathLike[str], strict: bool, grouped: bool):  # noqa: ANN202
    folder, utterances = _utterance_path(path)

    def produce(report: ReadReport) -> Iterator[Thread]:
        ctx = ReadContext(source_name(utterances), strict, report)
        conversations: dict[str, Any] = {}
        conv_file = folder / "conversations.json"
        if conv_file.is_file():
            try:
                loaded = json.loads(conv_file.read_text(encoding="utf-8-sig"))
            except (ValueError, UnicodeDecodeError) as exc:
                ReadContext(source_name(conv_file), strict, report).issue(
                    None, f"not valid JSON ({exc})", then="conversation metadata ignored",
                    action="repaired",
                )
                loaded = {}
            conversations = loaded if isinstance(loaded, dict) else {}
        parsed = (
            _parse_utterance(ctx, number, record)
            for number, text, complete in iter_lines(utterances, ctx)
            for record in parse_json_records(ctx, number, text, complete)
        )
        if not grouped:
            groups: dict[str, list[_Utt]] = {}
            for item in parsed:
                if item is not None:
                    groups.setdefault(item[0], []).append(item[1])
            for conv_id, utts in groups.items():
                yield _thread(conv_id, utts, ctx, conversations)
            return
        done: set[str] = set()
        current: str | None = None
        utts = []  # (typed by the loop over groups above: list[_Utt])
        for item in parsed:
            if item is None:
                continue
            conv_id, utt = item
            if conv_id != current:
                if conv_id in done:
                    ctx.issue(
                        utt.line,
                        f"conversation {conv_id!r} comes back after other conversations;"
                        " grouped=True needs each conversation's lines together",
                        then="line skipped",
                        fix="read with grouped=False (holds all utterances in memory), or sort the lines by conversation",
                        cli_fix="sort utterances.jsonl so that each conversation's lines are together",
                        record=utt.values["id"],
                        field="conversation_id",
                    )
                    continue
                if current is not None:
                    done.add(current)
                    yield _thread(current, utts, ctx, conversations)
                current, utts = conv_id, []
            utts.append(utt)
        if current is not None:
            yield _thread(current, utts, ctx, conversations)

    return produce


def read_convokit(
    path: str | os.PathLike[str], *, strict: bool = True, grouped: bool = False
) -> Corpus:
    """Read a ConvoKit corpus folder (or its ``utterances.jsonl``) into memory.

    Parameters
    ----------
    path : str or path-like
        The corpus folder, or the ``utterances.jsonl`` file itself.
    strict : bool
        Raise on the first problem (default), or read what can be read and list every problem
        in ``corpus.report``.
    grouped : bool
        Stream conversation by conversation (their lines must be contiguous).

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> lines = [{"id": "p", "conversation_id": "p", "reply-to": None, "speaker": "op",
    ...           "timestamp": 0, "text": "Post", "meta": {}},
    ...          {"id": "r", "conversation_id": "p", "reply-to": "p", "speaker": "x",
    ...           "timestamp": 60, "text": "Reply", "meta": {"score": 2}}]
    >>> _ = (folder / "utterances.jsonl").write_text("\\n".join(map(json.dumps, lines)) + "\\n")
    >>> thread = list(read_convokit(folder))[0]
    >>> thread.article.text, thread.comments[0].parent_id, thread.comments[0].created.isoformat()
    ('Post', None, '1970-01-01T00:01:00+00:00')
    """
    return make_corpus(_produce(path, strict, grouped), name=_name(path), lazy=False)


def stream_convokit(
    path: str | os.PathLike[str], *, strict: bool = True, grouped: bool = True
) -> Corpus:
    """Like :func:`read_convokit`, but lazy and re-iterable; ``grouped=True`` by default.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from discourse.datasets import load_seed
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "c"
    >>> write_convokit(load_seed(), folder)
    >>> stream_convokit(folder).count()
    (1, 16)
    """
    return make_corpus(_produce(path, strict, grouped), name=_name(path), lazy=True)


def _name(path: str | os.PathLike[str]) -> str:
    folder, _ = _utterance_path(path)
    return corpus_name(folder)


# -- writing ----------------------------------------------------------------------------------
def _with_block(meta: Mapping[str, Any], block: dict[str, Any]) -> dict[str, Any]:
    out = dict(meta)
    if BLOCK_KEY in out:
        block[_META_BLOCK_CLASH] = out[BLOCK_KEY]
    if block:
        out[BLOCK_KEY] = block
    return out


def _native_time(value: datetime | None, key: str, block: dict[str, Any]) -> int | float | None:
    if value is None:
        return None
    native = to_epoch(value)
    if not exact_equal(from_epoch(native), value):
        block[key] = format_datetime(value)
    return native


def _type_index(index: dict[str, list[str]], meta: Mapping[str, Any]) -> None:
    for key, value in meta.items():
        if key not in index:
            index[key] = [str(type(value))]


def write_convokit(
    obj: Thread | Corpus | Iterable[Thread],
    directory: str | os.PathLike[str],
    *,
    name: str | None = None,
) -> None:
    """Write threads as a ConvoKit corpus folder (created if needed), atomically per file.

    Parameters
    ----------
    obj : Thread, Corpus or iterable of Thread
        Streamed: one thread at a time.
    directory : str or path-like
        The corpus folder. All five files are written to temporary files first and renamed
        only when all are complete.
    name : str, optional
        Stored in ``corpus.json`` (default: the corpus name or the folder name).

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> from discourse.datasets import load_seed
    >>> folder = pathlib.Path(tempfile.mkdtemp()) / "c"
    >>> write_convokit(load_seed(), folder)
    >>> first = json.loads((folder / "utterances.jsonl").read_text().splitlines()[1])
    >>> first["id"], first["reply-to"] == first["conversation_id"]
    ('c01', True)
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    speakers: dict[str, None] = {}
    conversations: dict[str, Any] = {}
    utt_index: dict[str, list[str]] = {}
    conv_index: dict[str, list[str]] = {}

    def unique(wanted: str, thread_id: str) -> str:
        uid = wanted
        if uid in used:
            uid = f"{thread_id}/{wanted}"
            n = 2
            while uid in used:
                uid = f"{thread_id}/{wanted}#{n}"
                n += 1
        used.add(uid)
        return uid

    with ExitStack() as stack:
        handle = stack.enter_context(atomic_write(folder / UTTERANCES, "wb"))
        for thread in as_threads(obj):
            art = thread.article
            root = unique(art.id, art.id)
            block: dict[str, Any] = {"kind": "article", "title": art.title, "url": art.url,
                                     "outlet": art.outlet}
            if root != art.id:
                block["id"] = art.id
            speaker = art.authors[0] if art.authors else UNKNOWN_SPEAKER
            if tuple(art.authors) != (speaker,):
                block["authors"] = list(art.authors)
            timestamp = _native_time(art.published, "published", block)
            meta = _with_block(art.meta, block)
            _type_index(utt_index, meta)
            speakers.setdefault(speaker)
            handle.write(dumps_line(
                {"id": root, "conversation_id": root, "text": art.text, "speaker": speaker,
                 "meta": meta, "reply-to": None, "timestamp": timestamp, "vectors": []},
                f"article {art.id!r}",
            ))
            conv_meta = {"title": art.title, "url": art.url, "outlet": art.outlet}
            _type_index(conv_index, conv_meta)
            conversations[root] = {"meta": conv_meta, "vectors": []}
            uids: dict[str, str] = {}
            rows = []
            for comment in thread.comments:
                uid = unique(comment.id, art.id)
                uids.setdefault(comment.id, uid)
                rows.append((uid, comment))
            cids = {uid: cid for cid, uid in uids.items()}
            for uid, comment in rows:
                cblock: dict[str, Any] = {}
                if uid != comment.id:
                    cblock["id"] = comment.id
                if comment.parent_id is None:
                    reply_to: str | None = root
                else:
                    reply_to = uids.get(comment.parent_id)
                decoded = None if reply_to is None or reply_to == root else cids.get(reply_to)
                if decoded != comment.parent_id:
                    cblock["parent_id"] = comment.parent_id
                cspeaker = comment.author if comment.author is not None else UNKNOWN_SPEAKER
                if cspeaker != comment.author:
                    cblock["author"] = comment.author
                if comment.score is not None:
                    cblock["score"] = comment.score
                ctime = _native_time(comment.created, "created", cblock)
                if cblock:
                    cblock = {"kind": "comment", **cblock}
                cmeta = _with_block(comment.meta, cblock)
                _type_index(utt_index, cmeta)
                speakers.setdefault(cspeaker)
                handle.write(dumps_line(
                    {"id": uid, "conversation_id": root, "text": comment.text, "speaker": cspeaker,
                     "meta": cmeta, "reply-to": reply_to, "timestamp": ctime, "vectors": []},
                    f"comment {comment.id!r} of thread {art.id!r}",
                ))
        corpus_meta = {"name": name or getattr(obj, "name", None) or folder.name,
                       "exported_by": "discourse"}
        files = {
            "conversations.json": conversations,
            "speakers.json": {s: {"meta": {}, "vectors": []} for s in speakers},
            "corpus.json": corpus_meta,
            "index.json": {
                "utterances-index": utt_index,
                "speakers-index": {},
                "conversations-index": conv_index,
                "overall-index": {k: [str(type(v))] for k, v in corpus_meta.items()},
                "version": 1,
                "vectors": [],
            },
        }
        for filename, content in files.items():
            out = stack.enter_context(atomic_write(folder / filename, "wb"))
            out.write(dumps_line(content, filename))
