"""The typed thread model: navigation, integrity, immutability, deep threads."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime, timezone

import pytest

from discourse.model import Article, Comment, Corpus, Span, Thread


def make_thread(*pairs: tuple[str, str | None]) -> Thread:
    return Thread(Article(id="a"), tuple(Comment(id=c, text=c, parent_id=p) for c, p in pairs))


def test_seed_shape(seed_thread):
    article = seed_thread.article
    assert article.title.startswith("Russia Warns US In Unprecedented")
    assert len(article.paragraphs) == 12
    assert len(seed_thread.comments) == 16
    assert [c.id for c in seed_thread.comments] == [f"c{i:02d}" for i in range(1, 17)]
    assert seed_thread.comments[0].text.startswith("We do NOT need")
    assert seed_thread.comments[-1].text.startswith("The only thing at which the US")
    assert seed_thread.integrity().ok


def test_objects_are_immutable():
    comment = Comment(id="c1", text="x", meta={"likes": 3})
    with pytest.raises(dataclasses.FrozenInstanceError):
        comment.text = "y"  # type: ignore[misc]
    with pytest.raises(TypeError):
        comment.meta["likes"] = 4  # type: ignore[index]


def test_meta_is_copied_from_callers_dict():
    meta = {"k": 1}
    article = Article(id="a", meta=meta)
    meta["k"] = 2
    assert article.meta["k"] == 1


def test_ids_are_strings():
    assert Comment(id=5, parent_id=4).parent_id == "4"  # type: ignore[arg-type]


def test_navigation():
    thread = make_thread(("1", None), ("2", "1"), ("3", None), ("4", "2"), ("5", "1"))
    assert [c.id for c in thread.roots] == ["1", "3"]
    assert [c.id for c in thread.children("1")] == ["2", "5"]
    assert thread.parent("4").id == "2"
    assert thread.parent("1") is None
    assert [thread.depth(c) for c in "12345"] == [0, 1, 0, 2, 1]
    assert [(d, c.id) for d, c in thread.walk()] == [(0, "1"), (1, "2"), (2, "4"), (1, "5"), (0, "3")]


def test_deep_chain_needs_no_recursion():
    n = 10_000
    pairs = [("0", None)] + [(str(i), str(i - 1)) for i in range(1, n)]
    thread = make_thread(*pairs)
    depths = [d for d, _ in thread.walk()]
    assert depths == list(range(n))
    assert thread.depth(str(n - 1)) == n - 1
    assert thread.integrity().ok


def test_integrity_report_finds_every_problem():
    thread = make_thread(("1", None), ("1", None), ("2", "missing"), ("3", "3"), ("4", "5"), ("5", "4"))
    report = thread.integrity()
    assert report.duplicate_ids == ("1",)
    assert report.orphans == ("2",)
    assert report.self_replies == ("3",)
    assert report.cycles == (("4", "5"),)
    assert not report.ok
    reasons = dict(report.problems())
    assert "reply cycle 4 -> 5 -> 4" in reasons["4"]


def test_walk_visits_everything_once_even_when_broken():
    thread = make_thread(("1", None), ("2", "missing"), ("3", "3"), ("4", "5"), ("5", "4"), ("1", None))
    visited = [c.id for _, c in thread.walk()]
    assert sorted(visited) == ["1", "2", "3", "4", "5"]
    assert len(visited) == len(set(visited))


def test_units_and_spans():
    thread = Thread(Article(id="a", title="T", text="Body."), (Comment(id="c", text="Hi"),))
    assert list(thread.units()) == [("title", "title", "T"), ("article", "article", "Body."), ("c", "comment", "Hi")]
    assert Span(0, 4, "x").slice("Body.") == "Body"
    with pytest.raises(ValueError):
        Span(3, 2)


def test_datetimes_kept():
    when = datetime(2017, 9, 23, 12, 0, tzinfo=timezone.utc)
    assert Comment(id="c", created=when).created == when


def test_corpus_in_memory_and_streamed(seed_thread):
    corpus = Corpus([seed_thread, seed_thread])
    assert len(corpus) == 2 and corpus.in_memory
    calls = []

    def opener():
        calls.append(1)
        yield seed_thread

    streamed = Corpus(opener)
    assert streamed.count() == (1, 16)
    assert streamed.count() == (1, 16)  # re-iterable: the source is opened afresh
    assert len(calls) == 2
    with pytest.raises(TypeError):
        len(streamed)


# -- issue 18: the model checks its fields ---------------------------------------------------------
@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"id": "c", "text": None}, "field 'text' must be a str, not NoneType"),
        ({"id": None}, "field 'id' must be a str (or an int), not NoneType"),
        ({"id": True}, "field 'id' must be a str (or an int), not bool"),
        ({"id": "c", "parent_id": 1.5}, "field 'parent_id' must be a str, an int or None, not float"),
        ({"id": "c", "author": 7}, "field 'author' must be a str or None, not int"),
        ({"id": "c", "score": "3"}, "field 'score' must be a number or None, not str"),
        ({"id": "c", "created": "2020-01-01"}, "field 'created' must be a datetime or None, not str"),
        ({"id": "c", "meta": ["x"]}, "field 'meta' must be a mapping, not list"),
        ({"id": "c", "text": "bad \udc80"}, "field 'text' holds a lone surrogate U+DC80 at position 4"),
    ],
)
def test_comment_checks_its_fields(kwargs, words):
    from discourse.errors import ModelError

    with pytest.raises(ModelError, match=re.escape(words)) as info:
        Comment(**kwargs)
    assert isinstance(info.value, TypeError)  # what Python raises for a wrong argument type


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"id": "a", "title": None}, "field 'title' must be a str"),
        ({"id": "a", "text": b"bytes"}, "field 'text' must be a str, not bytes"),
        ({"id": "a", "authors": "Tyler Durden"}, "field 'authors' must be a sequence of str"),
        ({"id": "a", "authors": ["x", None]}, "field 'authors' must be a str, not NoneType"),
        ({"id": "a", "published": 1506067200}, "field 'published' must be a datetime or None"),
        ({"id": "a", "url": 3}, "field 'url' must be a str or None"),
    ],
)
def test_article_checks_its_fields(kwargs, words):
    from discourse.errors import ModelError

    with pytest.raises(ModelError, match=words):
        Article(**kwargs)


def test_thread_checks_its_parts():
    from discourse.errors import ModelError

    with pytest.raises(ModelError, match="'article' must be an Article"):
        Thread("a1")
    with pytest.raises(ModelError, match=r"comments\[1\] must be a Comment, not dict"):
        Thread(Article(id="a"), (Comment(id="1"), {"id": "2"}))
    # what the model accepts as it always did
    comment = Comment(id=3, parent_id=2, score=1.5)
    assert (comment.id, comment.parent_id, comment.score) == ("3", "2", 1.5)


def test_duplicate_comment_ids_are_an_integrity_error():
    from discourse.errors import IntegrityError

    thread = make_thread(("c1", None), ("c2", "c1"), ("c1", None))
    with pytest.raises(IntegrityError, match=r"comment id 'c1' is used by 2 comments \(positions 0, 2\)") as info:
        thread.check()
    assert info.value.record == "a"
    make_thread(("c1", None), ("c2", "c9")).check()  # an orphan is no error here (walked as a root)


def test_comment_unit_ids_cannot_collide_with_the_article():
    from discourse.model import comment_unit_id

    ids = ["article", "title", "comment:article", "comment:comment:title", "c1", "comment", "Article"]
    units = [comment_unit_id(i) for i in ids]
    assert units == ["comment:article", "comment:title", "comment:comment:article",
                     "comment:comment:comment:title", "c1", "comment", "Article"]
    assert len(set(units) | {"article", "title"}) == len(units) + 2
    thread = Thread(Article(id="a", title="T"), (Comment(id="article", text="x"), Comment(id="title", text="y")))
    assert [u[0] for u in thread.units()] == ["title", "article", "comment:article", "comment:title"]


def test_placeholder_flag():
    assert Comment(id="c", text="[removed]", meta={"text_placeholder": "[removed]"}).placeholder == "[removed]"
    assert Comment(id="c", text="[removed]").placeholder is None  # only a reader's flag makes it one
