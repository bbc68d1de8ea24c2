"""The seed's plain-text thread layout.

Schema
------
::

    Title line
    <blank line>
    Paragraph 1 of the article (one line)
    <blank line>
    Paragraph 2 ...
    <two blank lines>
    Comment 1 (may span several lines)
    <blank line>
    Comment 2 ...

Records: the article and each comment. Invalid UTF-8 raises in strict mode and is replaced by
U+FFFD in lenient mode (reported ``repaired``); an empty document raises in strict mode and is
skipped in lenient mode. A BOM and CRLF line ends are handled.

The article ends at the first run of two or more blank lines. Comments are separated by one blank
line; a comment may contain single line breaks. The layout has no authors, times or reply
structure, so every comment is a root, numbered ``c01``, ``c02``... in page order (zero-padded to
the width of the count so that ids sort in page order). Lines holding only white space (including
non-breaking spaces) count as blank.

Examples
--------
>>> thread = read_seedtext("Title\\n\\nPara one.\\n\\nPara two.\\n\\n\\nFirst comment.\\n\\nSecond.", thread_id="t")
>>> thread.article.title, len(thread.article.paragraphs), [c.text for c in thread.comments]
('Title', 2, ['First comment.', 'Second.'])
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from collections.abc import Iterable, Iterator

from discourse.errors import InputError
from discourse.io.atomic import atomic_write
from discourse.io.report import ReadReport
from discourse.model import Article, Comment, Corpus, Thread

__all__ = ["read_seedtext", "stream_seedtext", "read_seedtext_corpus", "write_seedtext", "parse_seedtext"]

_ARTICLE_END = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)+")
_BLOCK_BREAK = re.compile(r"\n[^\S\n]*\n")


def parse_seedtext(text: str, *, thread_id: str, source: str = "<text>") -> Thread:
    """Parse a document in the seed layout (see the module docstring) into a :class:`Thread`.

    Raises
    ------
    InputError
        If the document is empty or has no title line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise InputError("the document is empty", source=source, line=1)
    split = _ARTICLE_END.search(text)
    article_part, comment_part = (
        (text[: split.start()], text[split.end() :]) if split else (text, "")
    )
    title, _, body = article_part.strip().partition("\n")
    if not title.strip():
        raise InputError("the first line must be the article's title", source=source, line=1)
    blocks = [b.strip() for b in _BLOCK_BREAK.split(comment_part)] if comment_part.strip() else []
    blocks = [b for b in blocks if b]
    width = max(2, len(str(len(blocks))))
    comments = tuple(Comment(id=f"c{i:0{width}d}", text=b) for i, b in enumerate(blocks, 1))
    article = Article(id=thread_id, title=title.strip(), text=body.strip())
    return Thread(article, comments)


def read_seedtext(path_or_text: str | os.PathLike[str], *, thread_id: str | None = None) -> Thread:
    """Read a file (or a string holding a document) in the seed's plain-text layout.

    Parameters
    ----------
    path_or_text : str or path-like
        A file path, or the document itself (any string containing a line break).
    thread_id : str, optional
        Id of the thread and article; default: the file name without its extension.

    Examples
    --------
    >>> from discourse.datasets import seed_path
    >>> read_seedtext(seed_path()).article.id
    'zerohedge_2017-09_russia-warns-us-syria'
    """
    if isinstance(path_or_text, str) and "\n" in path_or_text:
        return parse_seedtext(path_or_text, thread_id=thread_id or "thread", source="<text>")
    path = Path(path_or_text)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte {exc.start}); re-encode the file as UTF-8",
            source=str(path),
            line=line,
        ) from None
    return parse_seedtext(text, thread_id=thread_id or path.stem, source=str(path))


def _produce(path: str | os.PathLike[str], strict: bool, thread_id: str | None):  # noqa: ANN202
    from discourse.io._common import UTF8_FIX, ReadContext, utf8_problem

    def produce(report: ReadReport) -> Iterator[Thread]:
        source = str(path)
        ctx = ReadContext(source, strict, report)
        data = Path(path).read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            ctx.issue(
                line,
                utf8_problem(data, exc, at_end_of_file=True),
                then="replaced with U+FFFD",
                fix=UTF8_FIX[0],
                cli_fix=UTF8_FIX[1],
                action="repaired",
            )
            text = data.decode("utf-8", errors="replace")
        try:
            thread = parse_seedtext(text, thread_id=thread_id or Path(path).stem, source=source)
        except InputError as exc:
            report.seen(1)
            ctx.issue(exc.line, exc.reason, field=exc.field)
            return
        n = 1 + len(thread.comments)
        report.seen(n)
        report.read(n)
        yield thread

    return produce


def read_seedtext_corpus(
    path: str | os.PathLike[str], *, strict: bool = True, thread_id: str | None = None
) -> Corpus:
    """Read a seed-layout file as a one-thread :class:`~discourse.model.Corpus` with a report.

    Examples
    --------
    >>> from discourse.datasets import seed_path
    >>> read_seedtext_corpus(seed_path()).report.summary()
    '17 records in, 17 read, 0 skipped, 0 problems'
    """
    from discourse.io._common import corpus_name, make_corpus

    return make_corpus(_produce(path, strict, thread_id), name=corpus_name(path), lazy=False)


def stream_seedtext(
    path: str | os.PathLike[str], *, strict: bool = True, thread_id: str | None = None
) -> Corpus:
    """Like :func:`read_seedtext_corpus`, lazily (the file is one thread, read on iteration).

    Examples
    --------
    >>> from discourse.datasets import seed_path
    >>> stream_seedtext(seed_path()).count()
    (1, 16)
    """
    from discourse.io._common import corpus_name, make_corpus

    return make_corpus(_produce(path, strict, thread_id), name=corpus_name(path), lazy=True)


def write_seedtext(thread: Thread | Iterable[Thread], path: str | os.PathLike[str]) -> None:
    """Write one thread in the seed layout, atomically (lossy: ids, authors, times and replies
    are dropped). A corpus or list must hold exactly one thread.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from discourse.datasets import load_seed
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "seed.txt"
    >>> write_seedtext(load_seed(), out)
    >>> read_seedtext(out).comments[3].text == load_seed().comments[3].text
    True
    """
    if not isinstance(thread, Thread):
        threads = list(thread)
        if len(threads) != 1:
            raise ValueError(f"the seed layout holds exactly one thread, got {len(threads)}")
        thread = threads[0]
    parts = [thread.article.title, "", thread.article.text, "", ""]
    parts.append("\n\n".join(c.text for c in thread.comments))
    with atomic_write(path, "w") as handle:
        handle.write("\n".join(parts) + "\n")
