"""Shared builders and checks for the io tests (imported by the other test_io_* modules)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from discourse.io._common import exact_equal
from discourse.model import Article, Comment, Thread

PLUS2 = timezone(timedelta(hours=2))
MINUS530 = timezone(-timedelta(hours=5, minutes=30))


def synthetic_threads() -> list[Thread]:
    """Two threads with nested replies, Unicode, nested meta and every kind of datetime.

    Chosen to stress each format's mapping: comment ids reused across threads and equal to an
    article id (ConvoKit ids must be unique corpus-wide), an author literally "[unknown]" and
    one that is None, a meta key named "discourse" and one named "body" (clash with native
    Reddit/ConvoKit fields), naive / UTC / +02:00 / -05:30 times with microseconds, several
    authors, and an outlet that is not a subreddit. No empty strings in optional fields (the CSV
    limitation) and no integrity problems (strict reads).
    """
    a1 = Article(
        id="a1",
        title="Ünïcödé headline: «Москва» 🚀 عربى",
        text="First paragraph with NUL \x00 and tab\t.\n\nSecond paragraph, \u2028 line sep, é (e\u0301).",
        url="https://example.org/a1?x=1&y=ü",
        outlet="Zero Hedge",
        published=datetime(2017, 9, 22, 10, 0, 0, 123456, tzinfo=PLUS2),
        authors=("Tyler Durden", "Анна"),
        meta={"tags": ["syria", "us"], "nested": {"k": [1, 2.5, None, True, {"deep": "ß"}]},
              "discourse": "user value", "body": "clash"},
    )
    c = [
        Comment(id="c1", text="Root comment 👍", author="alice",
                created=datetime(2017, 9, 22, 11, 0, tzinfo=timezone.utc), score=3,
                meta={"likes": 3}),
        Comment(id="c2", text="Reply, with \"quotes\", commas, and\nnewlines\r\n", author="bob",
                parent_id="c1", created=datetime(2017, 9, 22, 11, 5, 30, 5), score=-1.5),
        Comment(id="a1", text="A comment whose id equals the article id", author="[unknown]",
                parent_id="c2", created=datetime(2017, 9, 22, 12, 0, tzinfo=MINUS530)),
        Comment(id="c4", text="Anonymous, no time", author=None, parent_id="a1", score=0),
        Comment(id="c5", text="Second root\u200f RTL", author="carol",
                created=datetime(2017, 9, 23, 0, 0, tzinfo=timezone.utc), score=7,
                meta={"body": "meta key named body", "discourse": {"kind": "not ours"}}),
    ]
    a2 = Article(id="a2", title="Second", text="Body two", outlet="r/worldnews",
                 published=datetime(2020, 1, 1, tzinfo=timezone.utc), authors=("op",))
    d = [
        Comment(id="c1", text="Same id as a comment of a1", author="dave", score=1),
        Comment(id="c2", text="Reply in a2", author="erin", parent_id="c1",
                created=datetime(2020, 1, 1, 0, 0, 1, tzinfo=timezone.utc)),
    ]
    return [Thread(a1, tuple(c)), Thread(a2, tuple(d))]


def deep_chain(n: int = 10_000) -> Thread:
    """A thread whose comments form one reply chain `n` deep."""
    comments = [Comment(id="0", text="root")]
    comments += [Comment(id=str(i), text=f"reply {i}", parent_id=str(i - 1)) for i in range(1, n)]
    return Thread(Article(id="deep", title="Deep"), tuple(comments))


_ARTICLE_FIELDS = ("id", "title", "text", "url", "outlet", "published", "authors", "meta")
_COMMENT_FIELDS = ("id", "text", "author", "parent_id", "created", "score", "meta")


def _same(a: object, b: object) -> bool:
    if isinstance(a, dict) or hasattr(a, "items"):
        return dict(a) == dict(b) if hasattr(b, "items") else False  # type: ignore[call-overload]
    return exact_equal(a, b)


def assert_identical(got: list[Thread], expected: list[Thread]) -> None:
    """Every field equal, and datetimes of the same kind (naive/aware) and UTC offset."""
    assert len(got) == len(expected)
    for tg, te in zip(got, expected):
        assert tg == te
        for name in _ARTICLE_FIELDS:
            assert _same(getattr(tg.article, name), getattr(te.article, name)), (te.id, name)
        assert len(tg.comments) == len(te.comments)
        for cg, ce in zip(tg.comments, te.comments):
            for name in _COMMENT_FIELDS:
                assert _same(getattr(cg, name), getattr(ce, name)), (te.id, ce.id, name)
