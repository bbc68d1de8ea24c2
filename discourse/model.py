"""Typed, immutable objects for news discourse: article, comment, thread, corpus, span.

The article and its comments own their text; everything the library finds in a text (a sentence,
an actor mention, a rhetorical feature) is a :class:`Span`, a view of ``(start, end, label)``
character offsets into the owner's text, never a copied string (as in spaCy's ``Doc``/``Span``).

A :class:`Thread` is an article plus the comments posted under it. Comments reply either to the
article (``parent_id=None``) or to another comment. Navigation (roots, children, depth, walking
the reply tree) is iterative, so a 10,000-deep reply chain needs no recursion. Broken structure
(orphans, duplicate ids, cycles, self-replies) never raises here: :meth:`Thread.integrity` reports
it, and the readers in :mod:`discourse.io` decide, strictly or leniently, what to do about it.

Examples
--------
>>> from discourse.model import Article, Comment, Thread
>>> art = Article(id="a1", title="Talks", text="Russia warns the US.")
>>> thread = Thread(art, (Comment(id="c1", text="Good."), Comment(id="c2", text="No.", parent_id="c1")))
>>> [(depth, c.id) for depth, c in thread.walk()]
[(0, 'c1'), (1, 'c2')]
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from functools import cached_property
from types import MappingProxyType
from typing import Any

from discourse.errors import IntegrityError, ModelError

__all__ = [
    "Span",
    "Article",
    "Comment",
    "Thread",
    "Corpus",
    "IntegrityReport",
    "ARTICLE_UNIT_IDS",
    "PLACEHOLDER_KEY",
    "comment_unit_id",
    "replace_surrogates",
    "SURROGATE_ERRORS",
]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_SURROGATE = re.compile("[\ud800-\udfff]")

PLACEHOLDER_KEY = "text_placeholder"
"""Meta key marking a comment whose text is a platform placeholder, not what was written.

Its value is the placeholder (Reddit's ``"[deleted]"`` or ``"[removed]"``, or ``"[missing]"``
for a record without a body). Such a comment stays in the reply tree but gets no text measures
(see :attr:`Comment.placeholder`)."""

ARTICLE_UNIT_IDS = ("title", "article")
"""Unit ids of the article's headline and body in every result table."""

_COMMENT_ESCAPE = "comment:"


def comment_unit_id(comment_id: str) -> str:
    """The unit id of a comment in result tables: its id, escaped only where it could collide.

    The article's units are ``"title"`` and ``"article"``. A comment whose id is one of those,
    or starts with ``"comment:"``, gets ``"comment:"`` in front, so no two units of a thread can
    share an id (the mapping is one-to-one) and every other comment keeps its id unchanged.

    Examples
    --------
    >>> comment_unit_id("c1"), comment_unit_id("article"), comment_unit_id("comment:x")
    ('c1', 'comment:article', 'comment:comment:x')
    """
    if comment_id in ARTICLE_UNIT_IDS or comment_id.startswith(_COMMENT_ESCAPE):
        return _COMMENT_ESCAPE + comment_id
    return comment_id


def replace_surrogates(text: str) -> str:
    """`text` with every lone surrogate (U+D800-U+DFFF) replaced by U+FFFD.

    Lone surrogates are not characters: they come from JSON escapes such as ``"\\udc80"`` or
    from bytes decoded with ``errors="surrogateescape"``, cannot be encoded as UTF-8, and are
    refused by :class:`Article` and :class:`Comment`. Use this to repair such text.

    Examples
    --------
    >>> replace_surrogates("a \\udc80") == "a \\ufffd"
    True
    """
    return _SURROGATE.sub("\ufffd", text)


def _surrogates_as_fffd(error: UnicodeError) -> tuple[str | bytes, int]:
    # (the UTF-8 encoder takes only ASCII text from a handler, so U+FFFD is given as its bytes)
    if isinstance(error, UnicodeEncodeError) and error.encoding.replace("-", "").lower() == "utf8":
        return "\ufffd".encode("utf-8") * (error.end - error.start), error.end
    raise error


SURROGATE_ERRORS = "discourse.surrogates-as-fffd"
"""Codec error handler that encodes each lone surrogate as U+FFFD (writers use it, so no file
the library writes holds a surrogate, and no writer fails on one)."""

codecs.register_error(SURROGATE_ERRORS, _surrogates_as_fffd)


def _where(kind: str, obj_id: Any) -> str:
    return f"{kind} {obj_id!r}" if isinstance(obj_id, str) else kind


def _check_id(kind: str, obj_id: Any, value: Any, name: str, *, optional: bool = False) -> str | None:
    """An id as str (an int is accepted and converted); anything else raises ModelError."""
    if value is None and optional:
        return None
    if isinstance(value, str):
        _check_text(kind, obj_id, value, name)
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    allowed = "a str, an int or None" if optional else "a str (or an int)"
    raise ModelError(
        f"{_where(kind, obj_id)}: field {name!r} must be {allowed}, not {type(value).__name__} {value!r:.60}"
    )


def _check_text(kind: str, obj_id: Any, value: Any, name: str, *, optional: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str):
        allowed = "a str or None" if optional else "a str"
        raise ModelError(
            f"{_where(kind, obj_id)}: field {name!r} must be {allowed}, not {type(value).__name__} {value!r:.60}"
        )
    found = _SURROGATE.search(value)
    if found is not None:
        raise ModelError(
            f"{_where(kind, obj_id)}: field {name!r} holds a lone surrogate U+{ord(found.group()):04X} at"
            f" position {found.start()}, which is not a character (it cannot be written as UTF-8);"
            " repair the text with discourse.model.replace_surrogates"
        )


def _check_common(kind: str, obj: Any, time_field: str) -> None:
    value = getattr(obj, time_field)
    if value is not None and not isinstance(value, datetime):
        raise ModelError(
            f"{_where(kind, obj.id)}: field {time_field!r} must be a datetime or None,"
            f" not {type(value).__name__} {value!r:.60}"
        )
    if not isinstance(obj.meta, Mapping):
        raise ModelError(
            f"{_where(kind, obj.id)}: field 'meta' must be a mapping, not {type(obj.meta).__name__}"
        )


def _frozen_meta(meta: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """Return `meta` as a read-only mapping (a shallow copy, so the caller's dict can change)."""
    return MappingProxyType(dict(meta or {}))


def _rebuild(cls: type, values: dict[str, Any]) -> Any:
    return cls(**values)


def _reduce_with_meta(obj: Any) -> tuple[Any, ...]:
    """Pickle support for objects with a read-only ``meta`` (a mappingproxy cannot be pickled).

    Pickling is only used to send objects to worker processes (``n_jobs``, Dask); the library
    never reads pickles from disk.
    """
    values = {f.name: getattr(obj, f.name) for f in fields(obj)}
    values["meta"] = dict(values["meta"])
    return (_rebuild, (type(obj), values))


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A labelled view of ``text[start:end]`` in an owner's text.

    Parameters
    ----------
    start, end : int
        Character offsets, ``0 <= start <= end``; `end` is exclusive, as in Python slices.
    label : str, optional
        What the span is (``"sentence"``, an actor id, a feature name...).

    Examples
    --------
    >>> s = Span(0, 6, "actor:russia")
    >>> s.slice("Russia warns the US")
    'Russia'
    >>> len(s)
    6
    """

    start: int
    end: int
    label: str = ""

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"invalid span offsets: start={self.start}, end={self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        """Return the surface of the span in its owner's `text`.

        Examples
        --------
        >>> Span(7, 12).slice("Russia warns")
        'warns'
        """
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """True if `other` lies entirely inside this span.

        Examples
        --------
        >>> Span(0, 10).contains(Span(2, 5))
        True
        """
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Article:
    """A news article: the text that a comment thread hangs under.

    Parameters
    ----------
    id : str
        A stable identifier (also the thread's id).
    title : str
        The headline.
    text : str
        The body, paragraphs separated by blank lines (the title is not part of it).
    url, outlet : str, optional
        Where it was published.
    published : datetime, optional
        Publication time.
    authors : tuple of str
        Bylines.
    meta : mapping
        Any further fields of the source record, kept as read-only data.

    Examples
    --------
    >>> a = Article(id="a1", title="T", text="First paragraph.\\n\\nSecond one.")
    >>> [s.slice(a.text) for s in a.paragraphs]
    ['First paragraph.', 'Second one.']
    """

    id: str
    title: str = ""
    text: str = ""
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", _check_id("Article", self.id, self.id, "id"))
        for name in ("title", "text"):
            _check_text("Article", self.id, getattr(self, name), name)
        for name in ("url", "outlet"):
            _check_text("Article", self.id, getattr(self, name), name, optional=True)
        if isinstance(self.authors, (str, bytes)) or not isinstance(self.authors, Iterable):
            raise ModelError(
                f"Article {self.id!r}: field 'authors' must be a sequence of str"
                f" (one author: authors=({self.authors!r:.40},)), not {type(self.authors).__name__}"
            )
        authors = tuple(self.authors)
        for author in authors:
            _check_text("Article", self.id, author, "authors")
        object.__setattr__(self, "authors", authors)
        _check_common("Article", self, "published")
        object.__setattr__(self, "meta", _frozen_meta(self.meta))

    __reduce__ = _reduce_with_meta

    @property
    def paragraphs(self) -> tuple[Span, ...]:
        """Spans of the body's paragraphs (blocks separated by blank lines), stripped of space.

        Examples
        --------
        >>> len(Article(id="a", text="One.\\n\\nTwo.\\n\\n\\nThree.").paragraphs)
        3
        """
        return paragraph_spans(self.text)


@dataclass(frozen=True)
class Comment:
    """A reader comment.

    Parameters
    ----------
    id : str
        Unique within its thread.
    text : str
        The comment's text as posted (see :func:`discourse.text.clean` for scraped text).
    author : str, optional
        Display name or pseudonymous id.
    parent_id : str, optional
        The comment it replies to; ``None`` for a reply to the article itself.
    created : datetime, optional
        Posting time.
    score : float, optional
        Votes or likes, as the platform reports them.
    meta : mapping
        Further fields of the source record.

    Examples
    --------
    >>> Comment(id="c2", text="Agreed.", parent_id="c1").is_root
    False
    """

    id: str
    text: str = ""
    author: str | None = None
    parent_id: str | None = None
    created: datetime | None = None
    score: float | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", _check_id("Comment", self.id, self.id, "id"))
        object.__setattr__(
            self, "parent_id", _check_id("Comment", self.id, self.parent_id, "parent_id", optional=True)
        )
        _check_text("Comment", self.id, self.text, "text")
        _check_text("Comment", self.id, self.author, "author", optional=True)
        score = self.score
        if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float))):
            raise ModelError(
                f"Comment {self.id!r}: field 'score' must be a number or None, not {type(score).__name__} {score!r:.60}"
            )
        _check_common("Comment", self, "created")
        object.__setattr__(self, "meta", _frozen_meta(self.meta))

    __reduce__ = _reduce_with_meta

    @property
    def is_root(self) -> bool:
        """True if the comment replies to the article rather than to another comment."""
        return self.parent_id is None

    @property
    def placeholder(self) -> str | None:
        """The platform placeholder this comment's text stands for, or None for real text.

        Readers set it (``meta["text_placeholder"]``) for Reddit's ``[deleted]`` and
        ``[removed]`` bodies and for records without a body; :func:`discourse.pipeline.analysis.analyze`
        keeps such a comment in the reply tree but gives it no text measures.

        Examples
        --------
        >>> Comment(id="c1", text="[deleted]", meta={"text_placeholder": "[deleted]"}).placeholder
        '[deleted]'
        >>> Comment(id="c2", text="[deleted]").placeholder is None
        True
        """
        value = self.meta.get(PLACEHOLDER_KEY)
        return value if isinstance(value, str) else None


@dataclass(frozen=True)
class IntegrityReport:
    """Problems in a thread's reply structure.

    Attributes
    ----------
    duplicate_ids : tuple of str
        Ids used by more than one comment.
    orphans : tuple of str
        Comments whose `parent_id` names no comment of the thread.
    self_replies : tuple of str
        Comments that reply to themselves.
    cycles : tuple of tuple of str
        Reply cycles, each as the ids around the loop.

    Examples
    --------
    >>> IntegrityReport().ok
    True
    """

    duplicate_ids: tuple[str, ...] = ()
    orphans: tuple[str, ...] = ()
    self_replies: tuple[str, ...] = ()
    cycles: tuple[tuple[str, ...], ...] = ()

    @property
    def ok(self) -> bool:
        """True if no problem was found."""
        return not (self.duplicate_ids or self.orphans or self.self_replies or self.cycles)

    def problems(self) -> list[tuple[str, str]]:
        """Each problem as ``(comment id, reason)``, in a stable order.

        Examples
        --------
        >>> IntegrityReport(orphans=("c9",)).problems()
        [('c9', 'parent does not exist in the thread')]
        """
        out = [(cid, "id is used by more than one comment") for cid in self.duplicate_ids]
        out += [(cid, "parent does not exist in the thread") for cid in self.orphans]
        out += [(cid, "comment replies to itself") for cid in self.self_replies]
        out += [
            (cycle[0], "reply cycle " + " -> ".join(cycle + (cycle[0],))) for cycle in self.cycles
        ]
        return out


@dataclass(frozen=True)
class Thread:
    """An article and the comments posted under it.

    Parameters
    ----------
    article : Article
        The article; its id is the thread's id.
    comments : tuple of Comment
        The comments in the order the source gave them (usually posting order).

    Notes
    -----
    Navigation uses an index built once on first use. Orphans (a parent that does not exist) and
    comments trapped in a reply cycle are treated as roots by :meth:`walk`, so every comment is
    visited exactly once whatever the structure; :meth:`integrity` reports them.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> thread = load_seed()
    >>> len(thread), len(thread.article.paragraphs)
    (16, 12)
    """

    article: Article
    comments: tuple[Comment, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.article, Article):
            raise ModelError(f"Thread: 'article' must be an Article, not {type(self.article).__name__}")
        comments = tuple(self.comments)
        for i, comment in enumerate(comments):
            if not isinstance(comment, Comment):
                raise ModelError(
                    f"Thread {self.article.id!r}: comments[{i}] must be a Comment, not {type(comment).__name__}"
                )
        object.__setattr__(self, "comments", comments)

    @property
    def id(self) -> str:
        """The thread's id (the article's id)."""
        return self.article.id

    def __len__(self) -> int:
        return len(self.comments)

    def __iter__(self) -> Iterator[Comment]:
        return iter(self.comments)

    # -- index -----------------------------------------------------------------------------
    @cached_property
    def _by_id(self) -> dict[str, Comment]:
        index: dict[str, Comment] = {}
        for comment in self.comments:
            index.setdefault(comment.id, comment)  # first occurrence wins for duplicates
        return index

    @cached_property
    def _children(self) -> dict[str | None, list[Comment]]:
        children: dict[str | None, list[Comment]] = {None: []}
        seen: set[str] = set()
        for comment in self.comments:
            if comment.id in seen:
                continue
            seen.add(comment.id)
            parent = comment.parent_id
            if parent is not None and (parent not in self._by_id or parent == comment.id):
                parent = None  # orphans and self-replies hang under the article
            children.setdefault(parent, []).append(comment)
        return children

    def comment(self, comment_id: str) -> Comment:
        """The comment with this id.

        Raises
        ------
        KeyError
            If no comment has this id.
        """
        return self._by_id[comment_id]

    @property
    def roots(self) -> tuple[Comment, ...]:
        """Comments that reply to the article (orphans included, see Notes)."""
        return tuple(self._children.get(None, ()))

    def children(self, comment_id: str | None) -> tuple[Comment, ...]:
        """Direct replies to a comment (``None``: to the article), in source order.

        Examples
        --------
        >>> t = Thread(Article(id="a"), (Comment(id="1"), Comment(id="2", parent_id="1")))
        >>> [c.id for c in t.children("1")]
        ['2']
        """
        return tuple(self._children.get(comment_id, ()))

    def parent(self, comment_id: str) -> Comment | None:
        """The comment this one replies to, or ``None`` for a root (or an orphan)."""
        parent_id = self.comment(comment_id).parent_id
        if parent_id is None or parent_id == comment_id:
            return None
        return self._by_id.get(parent_id)

    @cached_property
    def _depths(self) -> dict[str, int]:
        return {comment.id: depth for depth, comment in self.walk()}

    def depth(self, comment_id: str) -> int:
        """Number of comments between this one and the article (a root has depth 0)."""
        return self._depths[comment_id]

    def walk(self) -> Iterator[tuple[int, Comment]]:
        """Yield ``(depth, comment)`` depth-first, replies after their parent (reading order).

        Iterative: no recursion limit on deep threads. Every comment with a distinct id is
        yielded exactly once; comments unreachable from the article (in a reply cycle) are
        yielded last as roots.

        Examples
        --------
        >>> t = Thread(Article(id="a"), (Comment(id="1"), Comment(id="2"), Comment(id="3", parent_id="1")))
        >>> [c.id for _, c in t.walk()]
        ['1', '3', '2']
        """
        visited: set[str] = set()
        starts = list(self.roots)
        pending = [c for c in self._by_id.values()]
        stack: list[tuple[int, Comment]] = [(0, c) for c in reversed(starts)]
        position = 0
        while True:
            while stack:
                depth, comment = stack.pop()
                if comment.id in visited:
                    continue
                visited.add(comment.id)
                yield depth, comment
                for child in reversed(self._children.get(comment.id, ())):
                    if child.id not in visited:
                        stack.append((depth + 1, child))
            # Anything left is in a cycle: start again from its first comment in source order.
            while position < len(pending) and pending[position].id in visited:
                position += 1
            if position == len(pending):
                return
            stack.append((0, pending[position]))

    def integrity(self) -> IntegrityReport:
        """Check the reply structure: duplicate ids, orphans, self-replies, cycles.

        Examples
        --------
        >>> t = Thread(Article(id="a"), (Comment(id="1", parent_id="2"), Comment(id="2", parent_id="1")))
        >>> t.integrity().cycles
        (('1', '2'),)
        """
        counts: dict[str, int] = {}
        for comment in self.comments:
            counts[comment.id] = counts.get(comment.id, 0) + 1
        duplicates = tuple(cid for cid, n in counts.items() if n > 1)
        orphans = tuple(
            c.id
            for c in self._by_id.values()
            if c.parent_id is not None and c.parent_id not in self._by_id
        )
        self_replies = tuple(c.id for c in self._by_id.values() if c.parent_id == c.id)
        return IntegrityReport(duplicates, orphans, self_replies, self._find_cycles())

    def check(self) -> None:
        """Raise :class:`~discourse.errors.IntegrityError` if comment ids are not unique.

        Two comments with one id make the thread ambiguous: replies to that id, and every
        result row keyed by it, could belong to either. (Orphans, self-replies and cycles are
        not errors here: :meth:`walk` treats them as roots; :meth:`integrity` lists them.)
        :func:`discourse.pipeline.analysis.analyze` calls this for every thread.

        Examples
        --------
        >>> t = Thread(Article(id="a"), (Comment(id="1"), Comment(id="1")))
        >>> t.check()  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        discourse.errors.IntegrityError: record 'a', field 'comments.id': comment id '1' is used by 2 comments (positions 0, 1); ...
        """
        if len(self._by_id) == len(self.comments):
            return
        duplicates = self.integrity().duplicate_ids
        first = duplicates[0]
        positions = [i for i, c in enumerate(self.comments) if c.id == first]
        more = f" (and {len(duplicates) - 1} more duplicated id(s))" if len(duplicates) > 1 else ""
        raise IntegrityError(
            f"comment id {first!r} is used by {len(positions)} comments (positions "
            f"{', '.join(map(str, positions))}){more}; ids must be unique within a thread",
            record=self.id,
            field="comments.id",
            fix="rename them, or read the data with discourse.io (strict=False keeps the first copy and reports the rest)",
        )

    def _find_cycles(self) -> tuple[tuple[str, ...], ...]:
        # Follow parent links from each comment; colour 1 = on the current path, 2 = done.
        state: dict[str, int] = {}
        order = {cid: i for i, cid in enumerate(self._by_id)}
        cycles: list[tuple[str, ...]] = []
        for start in self._by_id:
            path: list[str] = []
            node: str | None = start
            while node is not None and node in self._by_id and state.get(node, 0) == 0:
                state[node] = 1
                path.append(node)
                parent = self._by_id[node].parent_id
                node = None if parent == node else parent
            if node is not None and state.get(node) == 1:
                # Report the loop starting from its earliest comment in source order.
                loop = path[path.index(node) :]
                first = loop.index(min(loop, key=order.__getitem__))
                cycles.append(tuple(loop[first:] + loop[:first]))
            for visited in path:
                state[visited] = 2
        return tuple(cycles)

    def units(self) -> Iterator[tuple[str, str, str]]:
        """Yield ``(unit_id, kind, text)`` for the title, the article body and each comment.

        The unit ids are stable and used in every result table: ``"article"`` for the body,
        ``"title"`` for the headline, and for each comment :func:`comment_unit_id` (its id,
        unless that could collide with the article's units).
        """
        if self.article.title:
            yield "title", "title", self.article.title
        yield "article", "article", self.article.text
        for comment in self.comments:
            yield comment_unit_id(comment.id), "comment", comment.text

    def replace(self, **changes: Any) -> Thread:
        """A copy of the thread with some fields replaced (objects are immutable)."""
        return replace(self, **changes)


class Corpus:
    """Many threads, iterated lazily so that a corpus need not fit in memory.

    Parameters
    ----------
    source : iterable of Thread, or a callable returning an iterator of Thread
        A list (kept in memory) or a zero-argument callable that opens the data afresh on each
        iteration (used by the streaming readers, e.g. :func:`discourse.io.stream`).
    name : str, optional
        A label for reports and provenance.
    report : discourse.io.ReadReport, optional
        What the reader skipped or repaired (lenient mode), if the corpus came from a reader.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> corpus = Corpus([load_seed()])
    >>> sum(len(t) for t in corpus)
    16
    """

    def __init__(
        self,
        source: Iterable[Thread] | Callable[[], Iterator[Thread]],
        *,
        name: str = "corpus",
        report: Any = None,
    ) -> None:
        if callable(source) and not isinstance(source, (list, tuple)):
            self._open: Callable[[], Iterator[Thread]] = source
            self._threads: tuple[Thread, ...] | None = None
        else:
            self._threads = tuple(source)
            self._open = lambda: iter(self._threads or ())
        self.name = name
        self.report = report

    def __iter__(self) -> Iterator[Thread]:
        return self._open()

    @property
    def in_memory(self) -> bool:
        """True if the threads are held in memory (``len()`` works)."""
        return self._threads is not None

    def __len__(self) -> int:
        if self._threads is None:
            raise TypeError("a streamed corpus has no len(); use Corpus.count() to stream and count")
        return len(self._threads)

    def count(self) -> tuple[int, int]:
        """Stream once and return ``(threads, comments)``."""
        n_threads = n_comments = 0
        for thread in self:
            n_threads += 1
            n_comments += len(thread)
        return n_threads, n_comments

    def __repr__(self) -> str:
        size = f"{len(self._threads)} threads" if self._threads is not None else "streamed"
        return f"Corpus({self.name!r}, {size})"


def paragraph_spans(text: str) -> tuple[Span, ...]:
    """Spans of the blocks of `text` separated by blank lines, trimmed of surrounding space.

    Examples
    --------
    >>> paragraph_spans("  One.\\n\\nTwo.  ")
    (Span(start=2, end=6, label='paragraph'), Span(start=8, end=12, label='paragraph'))
    """
    spans = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    out = []
    for begin, end in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if end > begin:
            out.append(Span(begin, end, "paragraph"))
    return tuple(out)
