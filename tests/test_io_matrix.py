"""The malformed-file matrix: each problem x format, in strict and in lenient mode.

The table in docs/guide/io.md is generated from CASES below (``python tests/test_io_matrix.py``)
and a test checks that the guide holds exactly that table, so the documentation says what the
tests check.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from discourse import io
from discourse.errors import InputError, IntegrityError
from discourse.model import Thread

REPO = Path(__file__).resolve().parents[1]


def jl(*objs: object) -> bytes:
    return b"".join(json.dumps(o, ensure_ascii=False).encode() + b"\n" for o in objs)


@dataclass
class Case:
    problem: str
    fmt: str
    files: dict[str, bytes]
    target: str  # what is passed to read() ("" = the folder itself)
    strict: tuple[type, int | None, str | None] | None  # error class, line, field; None = reads
    action: str | None  # lenient action of the problem; None = no problem reported
    records: tuple[int, int, int]  # lenient: records in, read, skipped
    lenient: str  # what lenient mode does, for the docs table
    check: Callable[[list[Thread]], bool] | None = None
    raises_lenient: bool = False  # the file is unusable: lenient mode raises too
    error_file: str | None = None  # the file named by the error (default: target)
    options: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.fmt}-{self.problem}".replace(" ", "_")


# -- JSONL ------------------------------------------------------------------------------------
GOOD = {"id": "t1", "title": "T", "comments": [{"id": "c1", "text": "a"},
                                                {"id": "c2", "parent_id": "c1", "text": "b"}]}


def t2(*comments: dict, **fields: object) -> dict:
    return {"id": "t2", **fields, "comments": list(comments)}


def comment_of(threads: list[Thread], thread_id: str, cid: str):
    thread = next(t for t in threads if t.id == thread_id)
    return next(c for c in thread.comments if c.id == cid)


J = "data.jsonl"
CASES: list[Case] = [
    Case("invalid UTF-8", "jsonl", {J: jl(GOOD) + b'{"id": "t2", "text": "caf\xe9"}\n'}, J,
         (InputError, 2, None), "repaired", (4, 4, 0), "bytes replaced by U+FFFD, record kept",
         lambda ts: ts[1].article.text == "caf\ufffd"),
    Case("BOM", "jsonl", {J: b"\xef\xbb\xbf" + jl(GOOD, t2())}, J, None, None, (4, 4, 0),
         "read normally"),
    Case("CRLF line ends", "jsonl", {J: jl(GOOD, t2()).replace(b"\n", b"\r\n")}, J, None, None,
         (4, 4, 0), "read normally"),
    Case("truncated last line", "jsonl", {J: jl(GOOD) + b'{"id": "t2", "comments": [{"id": "x"'},
         J, (InputError, 2, None), "skipped", (5, 3, 2),
         "line skipped (counts as the records whose \"id\" keys it holds, here a thread and a comment)"),
    Case("line is not JSON", "jsonl", {J: jl(GOOD) + b"{oops\n" + jl(t2())}, J,
         (InputError, 2, None), "skipped", (5, 4, 1), "line skipped (counts as one record at least)"),
    Case("record is not an object", "jsonl", {J: jl(GOOD, [1, 2])}, J, (InputError, 2, None),
         "skipped", (4, 3, 1), "line skipped"),
    Case("wrong type (optional field)", "jsonl", {J: jl(GOOD, t2({"id": "x", "score": "high"}))},
         J, (InputError, 2, "comments[0].score"), "repaired", (5, 5, 0),
         "field reset to its default, value kept in meta['_invalid']",
         lambda ts: comment_of(ts, "t2", "x").meta["_invalid"] == {"score": "high"}),
    Case("wrong type (required field)", "jsonl", {J: jl(GOOD, t2({"id": [1]}, {"id": "y"}))}, J,
         (InputError, 2, "comments[0].id"), "skipped", (6, 5, 1), "comment skipped"),
    Case("missing required field", "jsonl", {J: jl(GOOD, t2({"text": "no id"}))}, J,
         (InputError, 2, "comments[0].id"), "skipped", (5, 4, 1), "comment skipped"),
    Case("missing required field", "jsonl",
         {J: jl(GOOD, {"title": "no id", "comments": [{"id": "a"}, {"id": "b"}]})}, J,
         (InputError, 2, "id"), "skipped", (6, 3, 3), "thread skipped with its comments"),
    Case("unknown field", "jsonl", {J: jl(GOOD, t2({"id": "x", "likes": 3}))}, J, None, "kept",
         (5, 5, 0), "kept in meta under its name (reported in both modes)",
         lambda ts: comment_of(ts, "t2", "x").meta["likes"] == 3),
    Case("newer format version", "jsonl",
         {J: jl(GOOD, {"format": "discourse.thread/2", "id": "t2"})}, J, (InputError, 2, "format"),
         "kept", (4, 4, 0), "read as version 1"),
    Case("duplicate ids", "jsonl", {J: jl(GOOD, t2({"id": "x"}, {"id": "x", "text": "again"}))}, J,
         (IntegrityError, 2, "comments[1].id"), "skipped", (6, 5, 1),
         "later comment skipped (first wins)"),
    Case("duplicate ids", "jsonl", {J: jl(GOOD, GOOD)}, J, (IntegrityError, 2, "id"), "skipped",
         (6, 3, 3), "later thread skipped with its comments"),
    Case("dangling parent", "jsonl", {J: jl(GOOD, t2({"id": "x", "parent_id": "gone"}))}, J,
         (IntegrityError, 2, "comments[0].parent_id"), "kept", (5, 5, 0),
         "kept; walked as a root", lambda ts: comment_of(ts, "t2", "x").parent_id == "gone"),
    Case("reply cycle", "jsonl",
         {J: jl(GOOD, t2({"id": "x", "parent_id": "y"}, {"id": "y", "parent_id": "x"}))}, J,
         (IntegrityError, 2, "comments[0].parent_id"), "kept", (6, 6, 0),
         "kept; walked as roots", lambda ts: [d for d, _ in ts[1].walk()] == [0, 1]),
    Case("self-reply", "jsonl", {J: jl(GOOD, t2({"id": "x", "parent_id": "x"}))}, J,
         (IntegrityError, 2, "comments[0].parent_id"), "kept", (5, 5, 0),
         "kept; walked as a root"),
    # issue 18: legal JSON that is not text (the library's old writer produced it)
    Case("lone surrogate", "jsonl",
         {J: jl(GOOD) + b'{"id": "t2", "comments": [{"id": "c", "text": "a \\udc80"}]}\n'}, J,
         (InputError, 2, "comments[0].text"), "repaired", (5, 5, 0),
         "replaced by U+FFFD, record kept", lambda ts: comment_of(ts, "t2", "c").text == "a \ufffd"),
    # issue 18: a record cut short and glued to the next line's record
    Case("record cut short, glued to the next", "jsonl",
         {J: jl(GOOD) + b'{"id": "t2", "comments": [{"id": "x", "text": "cu'
          + jl({"id": "t3", "comments": [{"id": "y"}, {"id": "z"}]})}, J,
         (InputError, 2, None), "skipped", (8, 6, 2),
         "the cut part skipped (counts as the records whose \"id\" keys it holds), the glued record read",
         lambda ts: [t.id for t in ts] == ["t1", "t3"] and len(ts[1]) == 2),
]

# -- CSV --------------------------------------------------------------------------------------
C = "comments.csv"
H = b"thread_id,id,parent_id,text\n"
ROWS = b"t1,c1,,a\nt1,c2,c1,b\n"
CASES += [
    Case("invalid UTF-8", "csv", {C: H + ROWS + b"t2,x,,caf\xe9\n"}, C, (InputError, 4, None),
         "repaired", (3, 3, 0), "bytes replaced by U+FFFD, row kept",
         lambda ts: comment_of(ts, "t2", "x").text == "caf\ufffd"),
    Case("BOM", "csv", {C: b"\xef\xbb\xbf" + H + ROWS}, C, None, None, (2, 2, 0), "read normally"),
    Case("CRLF line ends", "csv", {C: (H + ROWS).replace(b"\n", b"\r\n")}, C, None, None,
         (2, 2, 0), "read normally", lambda ts: comment_of(ts, "t1", "c2").text == "b"),
    Case("truncated last line", "csv", {C: H + ROWS + b't2,x,,"unterminated'}, C,
         (InputError, 4, None), "skipped", (3, 2, 1), "row skipped"),
    Case("truncated last line", "csv", {C: H + ROWS + b"t2,x"}, C, (InputError, 4, None),
         "skipped", (3, 2, 1), "row skipped (too few fields)"),
    # issue 18: an unclosed quote swallows the rows after it (here to the end of the file)
    Case("unclosed quote swallows rows", "csv", {C: H + b't1,c1,,"oops\nt1,c2,c1,b\nt1,c3,c1,c\n'}, C,
         (InputError, 2, None), "skipped", (3, 0, 3),
         "lines 2-4 skipped, counted as the 3 rows they look like"),
    Case("truncated multi-byte character", "csv", {C: H + ROWS + b"t2,x,,caf\xc3"}, C,
         (InputError, 4, None), "repaired", (3, 3, 0), "bytes replaced by U+FFFD, row kept",
         lambda ts: comment_of(ts, "t2", "x").text == "caf\ufffd"),
    Case("wrong type (optional field)", "csv",
         {C: b"thread_id,id,parent_id,score,text\nt1,c1,,1,a\nt2,x,,high,z\n"}, C,
         (InputError, 3, "score"), "repaired", (2, 2, 0),
         "field reset to None, value kept in meta['_invalid']",
         lambda ts: comment_of(ts, "t2", "x").meta["_invalid"] == {"score": "high"}),
    Case("missing required field", "csv", {C: H + ROWS + b"t2,,,z\n"}, C, (InputError, 4, "id"),
         "skipped", (3, 2, 1), "row skipped"),
    Case("missing required column", "csv", {C: b"thread_id,parent_id,text\nt1,,a\n"}, C,
         (InputError, 1, "id"), None, (0, 0, 0), "raises too (no row can be read)",
         raises_lenient=True),
    Case("unknown field", "csv", {C: b"thread_id,id,parent_id,text,likes\nt1,c1,,a,3\n"}, C, None,
         "kept", (1, 1, 0), "unmapped column kept in meta (reported once, in both modes)",
         lambda ts: comment_of(ts, "t1", "c1").meta["likes"] == "3"),
    Case("duplicate ids", "csv", {C: H + ROWS + b"t1,c1,,dup\n"}, C, (IntegrityError, 4, "id"),
         "skipped", (3, 2, 1), "later row skipped (first wins)"),
    Case("dangling parent", "csv", {C: H + ROWS + b"t2,x,gone,z\n"}, C,
         (IntegrityError, 4, "parent_id"), "kept", (3, 3, 0), "kept; walked as a root"),
    Case("reply cycle", "csv", {C: H + ROWS + b"t2,x,y,z\nt2,y,x,z\n"}, C,
         (IntegrityError, 4, "parent_id"), "kept", (4, 4, 0), "kept; walked as roots"),
    Case("self-reply", "csv", {C: H + ROWS + b"t2,x,x,z\n"}, C, (IntegrityError, 4, "parent_id"),
         "kept", (3, 3, 0), "kept; walked as a root"),
    Case("thread missing from articles table", "csv",
         {C: H + ROWS + b"t2,x,,z\n", "comments.articles.csv": b"id,title\nt1,T\n"}, C,
         (IntegrityError, 4, "thread_id"), "kept", (4, 4, 0), "kept with an empty article",
         lambda ts: ts[1].article.title == "" and ts[0].article.title == "T"),
]

# -- ConvoKit ---------------------------------------------------------------------------------
U = "utterances.jsonl"


def utt(uid: str, reply: str | None, conv: str = "p", **kw: object) -> dict:
    return {"id": uid, "conversation_id": conv, "reply-to": reply, "speaker": "s",
            "timestamp": 0, "text": "t", "meta": {}, **kw}


UGOOD = jl(utt("p", None), utt("r1", "p"), utt("r2", "r1"))
CASES += [
    Case("truncated last line", "convokit", {U: UGOOD + b'{"id": "r3", "conv'}, "",
         (InputError, 4, None), "skipped", (4, 3, 1), "line skipped", error_file=U),
    Case("wrong type (optional field)", "convokit",
         {U: UGOOD + jl(utt("r3", "p", timestamp="yesterday"))}, "", (InputError, 4, "timestamp"),
         "repaired", (4, 4, 0), "time reset to None, value kept in meta['_invalid']",
         lambda ts: comment_of(ts, "p", "r3").meta["_invalid"] == {"timestamp": "yesterday"},
         error_file=U),
    Case("missing required field", "convokit",
         {U: UGOOD + jl({"conversation_id": "p", "text": "?"})}, "", (InputError, 4, "id"),
         "skipped", (4, 3, 1), "utterance skipped", error_file=U),
    Case("unknown field", "convokit", {U: UGOOD + jl(utt("r3", "p", likes=3))}, "", None, "kept",
         (4, 4, 0), "kept in meta (reported in both modes)",
         lambda ts: comment_of(ts, "p", "r3").meta["likes"] == 3),
    Case("duplicate ids", "convokit", {U: UGOOD + jl(utt("r1", "p"))}, "",
         (IntegrityError, 4, "id"), "skipped", (4, 3, 1), "later utterance skipped", error_file=U),
    Case("dangling parent", "convokit", {U: UGOOD + jl(utt("r3", "gone"))}, "",
         (IntegrityError, 4, "reply-to"), "kept", (4, 4, 0), "kept; walked as a root",
         error_file=U),
    Case("reply cycle", "convokit", {U: UGOOD + jl(utt("x", "y"), utt("y", "x"))}, "",
         (IntegrityError, 4, "reply-to"), "kept", (5, 5, 0), "kept; walked as roots",
         error_file=U),
    Case("conversation without root", "convokit", {U: UGOOD + jl(utt("z", "q", conv="q"))}, "",
         None, "kept", (4, 4, 0), "kept with an empty article (reported in both modes)",
         lambda ts: ts[1].article.id == "q" and ts[1].comments[0].parent_id is None),
]

# -- Reddit -----------------------------------------------------------------------------------
RS, RC = "submissions.ndjson", "comments.ndjson"
SUB = jl({"id": "s1", "title": "T", "selftext": "", "created_utc": 0, "subreddit": "news",
          "author": "op"})


def rc(cid: str, parent: str, link: str = "t3_s1", **kw: object) -> dict:
    return {"id": cid, "link_id": link, "parent_id": parent, "body": "b", "author": "a",
            "created_utc": 1, "score": 1, **kw}


CGOOD = jl(rc("a", "t3_s1"), rc("b", "t1_a"))
CASES += [
    Case("invalid UTF-8", "reddit", {RS: SUB, RC: CGOOD + b'{"id": "c", "link_id": "t3_s1", '
                                                          b'"parent_id": "t3_s1", "body": "\xff"}\n'},
         "", (InputError, 3, None), "repaired", (4, 4, 0), "bytes replaced by U+FFFD, record kept",
         error_file=RC),
    Case("truncated last line", "reddit", {RS: SUB, RC: CGOOD + b'{"id": "c", "link'}, "",
         (InputError, 3, None), "skipped", (4, 3, 1), "line skipped", error_file=RC),
    Case("wrong type (optional field)", "reddit", {RS: SUB, RC: CGOOD + jl(rc("c", "t3_s1", score="high"))},
         "", (InputError, 3, "score"), "repaired", (4, 4, 0),
         "field reset to None, value kept in meta['_invalid']", error_file=RC),
    Case("missing required field", "reddit",
         {RS: SUB, RC: CGOOD + jl({"id": "c", "parent_id": "t3_s1", "body": "?"})}, "",
         (InputError, 3, "link_id"), "skipped", (4, 3, 1), "comment skipped", error_file=RC),
    Case("unknown field", "reddit", {RS: SUB, RC: CGOOD + jl(rc("c", "t3_s1", gilded=0))}, "", None,
         None, (4, 4, 0), "kept in meta, not reported (the Pushshift schema is open)",
         lambda ts: comment_of(ts, "s1", "c").meta["gilded"] == 0),
    Case("parent without t1_/t3_ prefix", "reddit", {RS: SUB, RC: CGOOD + jl(rc("c", "a"))}, "",
         (InputError, 3, "parent_id"), "repaired", (4, 4, 0), "read as a comment id",
         lambda ts: comment_of(ts, "s1", "c").parent_id == "a", error_file=RC),
    Case("duplicate ids", "reddit", {RS: SUB, RC: CGOOD + jl(rc("a", "t3_s1"))}, "",
         (IntegrityError, 3, "id"), "skipped", (4, 3, 1), "later comment skipped", error_file=RC),
    Case("dangling parent", "reddit", {RS: SUB, RC: CGOOD + jl(rc("c", "t1_gone"))}, "",
         (IntegrityError, 3, "parent_id"), "kept", (4, 4, 0), "kept; walked as a root",
         error_file=RC),
    Case("reply cycle", "reddit", {RS: SUB, RC: CGOOD + jl(rc("x", "t1_y"), rc("y", "t1_x"))}, "",
         (IntegrityError, 3, "parent_id"), "kept", (5, 5, 0), "kept; walked as roots",
         error_file=RC),
    # issue 18: a comment without a body is reported, not silently ''
    Case("missing body", "reddit", {RS: SUB, RC: CGOOD + jl({"id": "c", "link_id": "t3_s1", "parent_id": "t3_s1"})},
         "", (InputError, 3, "body"), "kept", (4, 4, 0),
         "kept in the reply tree, flagged `[missing]`, no text measures",
         lambda ts: comment_of(ts, "s1", "c").placeholder == "[missing]", error_file=RC),
    Case("thread missing from articles table", "reddit",
         {RS: SUB, RC: CGOOD + jl(rc("c", "t3_s9", link="t3_s9"))}, "", None, "kept", (4, 4, 0),
         "kept with an empty article (reported in both modes; common in monthly dumps)",
         lambda ts: ts[1].id == "s9" and ts[1].article.title == ""),
]

# -- seed text --------------------------------------------------------------------------------
T = "thread.txt"
CASES += [
    Case("invalid UTF-8", "seedtext", {T: b"Title\n\nPara \xff.\n\n\nComment one.\n"}, T,
         (InputError, 3, None), "repaired", (2, 2, 0), "bytes replaced by U+FFFD",
         lambda ts: ts[0].article.text == "Para \ufffd."),
    Case("BOM", "seedtext", {T: b"\xef\xbb\xbfTitle\n\nPara.\n\n\nOne.\n\nTwo.\n"}, T, None, None,
         (3, 3, 0), "read normally", lambda ts: ts[0].article.title == "Title"),
    Case("CRLF line ends", "seedtext", {T: b"Title\r\n\r\nPara.\r\n\r\n\r\nOne.\r\n\r\nTwo.\r\n"},
         T, None, None, (3, 3, 0), "read normally", lambda ts: len(ts[0].comments) == 2),
    Case("truncated multi-byte character", "seedtext", {T: b"Title\n\nPara caf\xc3"}, T,
         (InputError, 3, None), "repaired", (1, 1, 0), "bytes replaced by U+FFFD",
         lambda ts: ts[0].article.text == "Para caf\ufffd"),
    Case("empty document", "seedtext", {T: b"\n \n"}, T, (InputError, 1, None), "skipped",
         (1, 0, 1), "nothing read; one record reported skipped"),
]


def _materialise(case: Case, tmp_path: Path) -> Path:
    for name, content in case.files.items():
        (tmp_path / name).write_bytes(content)
    return tmp_path / case.target if case.target else tmp_path


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_strict(case: Case, tmp_path: Path) -> None:
    path = _materialise(case, tmp_path)
    if case.strict is None:
        corpus = io.read(path, format=case.fmt, strict=True, **case.options)
        threads = list(corpus)
        assert corpus.report.balanced
        assert [p.action for p in corpus.report.problems] == ([case.action] if case.action else [])
        if case.check is not None:
            assert case.check(threads)
        return
    error, line, fld = case.strict
    with pytest.raises(error) as info:
        io.read(path, format=case.fmt, strict=True, **case.options)
    err = info.value
    assert type(err) is error
    assert err.line == line
    assert err.field == fld
    assert Path(err.source).name == (case.error_file or Path(case.target).name)
    assert f":{line}:" in str(err)  # the message itself names file and line


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_lenient(case: Case, tmp_path: Path) -> None:
    path = _materialise(case, tmp_path)
    if case.raises_lenient:
        with pytest.raises(InputError):
            io.read(path, format=case.fmt, strict=False, **case.options)
        return
    corpus = io.read(path, format=case.fmt, strict=False, **case.options)
    threads = list(corpus)
    report = corpus.report
    assert (report.records_in, report.records_read, report.records_skipped) == case.records
    assert report.balanced
    actions = [p.action for p in report.problems]
    assert actions == ([case.action] if case.action else []), report.problems
    if case.action:
        problem = report.problems[0]
        if case.strict is not None:
            assert problem.line == case.strict[1] and problem.field == case.strict[2]
    if case.check is not None:
        assert case.check(threads)


@pytest.mark.parametrize("case", [c for c in CASES if c.action and not c.raises_lenient],
                         ids=lambda c: c.id)
def test_stream_gives_same_report(case: Case, tmp_path: Path) -> None:
    path = _materialise(case, tmp_path)
    corpus = io.stream(path, format=case.fmt, strict=False, **case.options)
    for _ in range(2):  # a second pass starts a fresh account
        list(corpus)
        r = corpus.report
        assert (r.records_in, r.records_read, r.records_skipped) == case.records
        assert [p.action for p in r.problems] == [case.action]


# What lenient mode does; a strict-mode error stops the run, so it must not say any of it.
LENIENT_WORDS = ("skipped", "kept", "replaced with", "reset to", "read as", "ignored", "walked as")


@pytest.mark.parametrize("case", [c for c in CASES if c.strict is not None], ids=lambda c: c.id)
def test_strict_errors_say_what_happened_not_the_lenient_action(case: Case, tmp_path: Path) -> None:
    """Issue 18: "kept as a root", "replaced with U+FFFD", "reset to ''" in an error that stopped the run."""
    path = _materialise(case, tmp_path)
    with pytest.raises(InputError) as info:
        io.read(path, format=case.fmt, strict=True, **case.options)
    message = info.value.reason + "; " + (info.value.fix or "")
    assert not [w for w in LENIENT_WORDS if w in message], message
    if case.action and not case.raises_lenient:  # and lenient mode does say what it did
        corpus = io.read(path, format=case.fmt, strict=False, **case.options)
        assert corpus.report.problems[0].reason.startswith(info.value.reason)


def _strict_text(case: Case) -> str:
    if case.strict is None:
        return "no error" + ("; reported" if case.action else "")
    error, line, fld = case.strict
    where = f"line {line}" + (f", field `{fld}`" if fld else "")
    return f"`{error.__name__}` ({where})"


def matrix_markdown() -> str:
    """The malformed-file matrix as a Markdown table (rows in test order)."""
    rows = ["| problem | format | strict mode | lenient mode | in / read / skipped |",
            "|---|---|---|---|---|"]
    for case in CASES:
        lenient = f"**{case.action}**: {case.lenient}" if case.action else case.lenient
        counts = "raises" if case.raises_lenient else " / ".join(map(str, case.records))
        rows.append(f"| {case.problem} | {case.fmt} | {_strict_text(case)} | {lenient} | {counts} |")
    return "\n".join(rows) + "\n"


def test_docs_hold_the_generated_matrix() -> None:
    guide = (REPO / "docs" / "guide" / "io.md").read_text(encoding="utf-8")
    assert matrix_markdown() in guide, "regenerate with: python tests/test_io_matrix.py"


if __name__ == "__main__":
    print(matrix_markdown(), end="")
