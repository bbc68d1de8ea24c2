"""Property tests: JSONL round trips for any Unicode and any reply tree; lenient readers never
crash and always balance their report, whatever bytes they are given."""

from __future__ import annotations

import json
import tempfile
from datetime import timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discourse import io
from discourse.errors import InputError
from discourse.model import Article, Comment, Thread
from test_io_helpers import assert_identical

SETTINGS = settings(max_examples=250, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# any Unicode except lone surrogates (not text), NUL and control characters included
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
IDS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8)
OFFSETS = st.builds(lambda m, s: timezone(timedelta(minutes=m, seconds=s)),
                    st.integers(-1439, 1439), st.sampled_from([0, 0, 0, 30]))
TIMES = st.none() | st.datetimes(timezones=st.none() | st.just(timezone.utc) | OFFSETS)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=10,
)
META = st.dictionaries(TEXT, JSON, max_size=3)


@st.composite
def threads(draw) -> Thread:
    ids = draw(st.lists(IDS, unique=True, max_size=12))
    comments = []
    for i, cid in enumerate(ids):
        # a parent among the earlier comments, or the article: always a tree
        parent = draw(st.none() | st.sampled_from(ids[:i])) if i else None
        comments.append(Comment(
            id=cid, text=draw(TEXT), author=draw(st.none() | TEXT), parent_id=parent,
            created=draw(TIMES), score=draw(st.none() | st.integers() | st.floats(allow_nan=False)),
            meta=draw(META)))
    article = Article(id=draw(IDS), title=draw(TEXT), text=draw(TEXT), url=draw(st.none() | TEXT),
                      outlet=draw(st.none() | TEXT), published=draw(TIMES),
                      authors=tuple(draw(st.lists(TEXT, max_size=3))), meta=draw(META))
    return Thread(article, tuple(comments))


@pytest.mark.slow
@SETTINGS
@given(st.lists(threads(), max_size=3, unique_by=lambda t: t.id))
def test_jsonl_round_trip_property(sample):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.jsonl"
        io.write_jsonl(sample, path)
        corpus = io.read_jsonl(path)
        assert_identical(list(corpus), sample)
        assert corpus.report.ok and corpus.report.balanced
        assert corpus.report.records_in == sum(1 + len(t) for t in sample)


# -- lenient readers on arbitrary input --------------------------------------------------------
KEYS = ["id", "comments", "parent_id", "text", "format", "meta", "created", "score", "title",
        "conversation_id", "reply-to", "speaker", "timestamp", "link_id", "body", "created_utc"]
FRAGMENT = st.one_of(
    st.binary(max_size=30),
    st.sampled_from([b"{", b"[]", b"null", b'"x"', b"\xef\xbb\xbf", b"\r", b"\xff\xfe",
                     b"[" * 3000, b'{"id": "a"}', b'{"id": "a", "parent_id": "a"}',
                     b'{"id": 1e400}', b'{"created_utc": 1e300}', b'"', b",", b'""']),
    st.builds(lambda d: json.dumps(d).encode(),
              st.dictionaries(st.sampled_from(KEYS), JSON | st.lists(
                  st.dictionaries(st.sampled_from(KEYS), JSON, max_size=4), max_size=3),
                  max_size=6)),
)
LINES = st.lists(st.lists(FRAGMENT, min_size=1, max_size=3).map(b"".join), max_size=8)


def _lenient_never_crashes(fmt: str, name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(content)
        try:
            corpus = io.read(path, format=fmt, strict=False)
        except InputError as exc:  # only a structurally unusable file (e.g. no CSV header)
            assert fmt == "csv" and "missing required column" in str(exc)
            return
        threads = list(corpus)
        report = corpus.report
        assert report.balanced, report.summary()
        n_comments = sum(len(t) for t in threads)
        if fmt == "jsonl":  # every thread's article is a record
            assert report.records_read == n_comments + len(threads)
        else:  # an article may be made up (no submission / root utterance / article row)
            assert n_comments <= report.records_read <= n_comments + len(threads)


@pytest.mark.slow
@SETTINGS
@given(LINES)
def test_lenient_jsonl_on_any_bytes(lines):
    _lenient_never_crashes("jsonl", "x.jsonl", b"\n".join(lines))


@pytest.mark.slow
@SETTINGS
@given(LINES)
def test_lenient_convokit_on_any_bytes(lines):
    _lenient_never_crashes("convokit", "utterances.jsonl", b"\n".join(lines))


@pytest.mark.slow
@SETTINGS
@given(LINES)
def test_lenient_reddit_on_any_bytes(lines):
    _lenient_never_crashes("reddit", "RC.ndjson", b"\n".join(lines))


CSV_CELL = st.one_of(st.binary(max_size=12), st.sampled_from(
    [b"", b'"', b'"a,b"', b"1", b"x", b"high", b"{}", b'"{""a"": 1}"', b"2017-01-01", b"\xff"]))


@SETTINGS
@given(st.lists(st.lists(CSV_CELL, max_size=6).map(b",".join), max_size=6))
def test_lenient_csv_on_any_bytes(rows):
    header = b"thread_id,id,parent_id,score,created,text,meta"
    _lenient_never_crashes("csv", "x.csv", b"\n".join([header, *rows]))
