"""Foreign files (ConvoKit, Pushshift, a CSV with its own column names), the registry,
atomic writes and streaming memory."""

from __future__ import annotations

import gc
import json
import os
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from discourse import io
from discourse.errors import InputError
from discourse.io.atomic import atomic_write
from discourse.model import Article, Comment, Corpus, Thread

DATA = Path(__file__).parent / "data" / "io"
UTC = timezone.utc


# -- ConvoKit written by somebody else -------------------------------------------------------
def test_foreign_convokit_corpus():
    corpus = io.read(DATA / "convokit_foreign")
    assert corpus.report.ok and corpus.report.summary() == "6 records in, 6 read, 0 skipped, 0 problems"
    p1, q1 = list(corpus)
    # the root utterance is the article; title from conversations.json
    assert p1.article.id == "p1" and p1.article.text == "Russia warns the US over Syria"
    assert p1.article.title == "Russia Warns US"
    assert p1.article.authors == ("op_user",)
    assert p1.article.published == datetime(2017, 9, 22, 8, 0, tzinfo=UTC)
    assert p1.article.meta["conversation"]["subreddit"] == "worldnews"
    # k3 comes after q1's root in the file but belongs to p1 (grouping by conversation_id)
    assert [(c.id, c.parent_id, c.author) for c in p1.comments] == [
        ("k1", None, "alice"), ("k2", "k1", "bob"), ("k3", None, "carol")]
    assert p1.comments[1].meta == {"score": -2} and p1.comments[1].score is None
    # old key names (root, user, reply_to) and string timestamps
    assert q1.article.authors == ("op2",)
    assert q1.comments[0].created == datetime.fromtimestamp(1506070060, UTC)


def test_convokit_grouped_stream_reports_split_conversation():
    corpus = io.stream(DATA / "convokit_foreign", strict=False, grouped=True)
    threads = list(corpus)
    # p1 comes back after q1 started: that line (k3) is reported, not silently merged
    assert [t.id for t in threads] == ["p1", "q1"]
    assert [p.record for p in corpus.report.problems] == ["k3"]
    assert corpus.report.balanced and corpus.report.records_skipped == 1
    with pytest.raises(InputError, match="comes back"):
        list(io.stream(DATA / "convokit_foreign", grouped=True))


# -- Pushshift ---------------------------------------------------------------------------------
def test_pushshift_pair():
    corpus = io.read(DATA / "pushshift" / "RS_sample.ndjson", format="reddit",
                     comments=DATA / "pushshift" / "RC_sample.ndjson")
    assert corpus.report.summary() == "6 records in, 6 read, 0 skipped, 0 problems"
    big, small = list(corpus)
    assert big.article.title == "Russia warns US" and big.article.outlet == "r/worldnews"
    assert big.article.published == datetime(2017, 9, 22, 8, 0, tzinfo=UTC)  # "1506067200"
    assert big.article.meta == {"name": "t3_6z0k2a", "score": 512, "num_comments": 4}
    assert [(c.id, c.parent_id) for c in big.comments] == [
        ("dmr001", None), ("dmr002", "dmr001"), ("dmr003", "dmr002")]
    assert big.comments[2].created == datetime(2017, 9, 22, 8, 5, 0, 500000, tzinfo=UTC)
    assert big.comments[0].meta == {"subreddit": "worldnews", "gilded": 0}
    # issue 18: Reddit's placeholders are flagged, not taken for a text or a user
    deleted = big.comments[1]
    assert deleted.text == "[deleted]" and deleted.placeholder == "[deleted]"
    assert deleted.author is None and deleted.meta["author_placeholder"] == "[deleted]"
    assert big.comments[0].placeholder is None
    assert [d for d, _ in big.walk()] == [0, 1, 2]  # still part of the reply tree
    assert small.article.authors == () and small.article.meta["author_placeholder"] == "[deleted]"
    assert small.article.text == "My text"
    assert [c.id for c in small.comments] == ["dmr900"]


def test_reddit_comments_file_alone_is_detected():
    path = DATA / "pushshift" / "RC_sample.ndjson"
    assert io.detect_format(path) == "reddit"
    corpus = io.read(path)
    assert [t.id for t in corpus] == ["6z0k2a", "6z0zzz"]
    assert all(t.article.title == "" for t in corpus)  # no submissions given: empty articles
    assert corpus.report.records_in == 4 and corpus.report.ok


def test_reddit_time_sorted_comments_need_grouped_false():
    path = DATA / "pushshift" / "RC_sample.ndjson"
    corpus = io.stream(path, strict=False)  # stream: grouped=True by default
    assert [t.id for t in corpus] == ["6z0k2a", "6z0zzz"]
    assert corpus.report.records_skipped == 2  # dmr002, dmr003 come back after 6z0zzz
    assert len(list(corpus)[0].comments) == 1


# -- CSV with its own column names -------------------------------------------------------------
COLUMNS = {"thread_id": "article_id", "id": "comment_id", "parent_id": "reply_to",
           "author": "user", "created": "posted", "score": "likes", "text": "body"}
ARTICLE_COLUMNS = {"id": "article_id", "title": "headline", "text": "body", "url": "link",
                   "outlet": "source", "published": "date"}


def test_custom_csv_with_mapping():
    corpus = io.read(DATA / "custom_comments.csv", articles_path=DATA / "custom_articles.csv",
                     columns=COLUMNS, article_columns=ARTICLE_COLUMNS)
    one, two = list(corpus)
    assert one.article.title == "Russia Warns US" and one.article.authors == ("Tyler Durden",)
    assert one.article.published == datetime(2017, 9, 22)
    assert two.article.authors == ("Jane Doe",) and two.article.url is None
    c1, c2 = one.comments
    assert c1.text == 'Comment with a comma, and "quotes"' and c1.score == 3
    assert c1.created == datetime(2017, 9, 22, 10, 5, tzinfo=UTC)
    assert c2.text == "Multi\nline reply" and c2.parent_id == "1" and c2.score is None
    assert c2.created.utcoffset() == timedelta(hours=2)
    assert c1.meta == {"section": "politics"}  # unmapped column kept in meta
    assert [p.field for p in corpus.report.problems] == ["section"]
    assert corpus.report.problems[0].action == "kept" and corpus.report.balanced
    assert corpus.report.records_in == 5  # 2 article rows + 3 comment rows


def test_csv_problem_names_the_users_column(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("article_id,comment_id,reply_to,body\na,1,9,x\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        io.read_csv(path, columns={"thread_id": "article_id", "id": "comment_id",
                                   "parent_id": "reply_to", "text": "body"})
    assert info.value.field == "reply_to" and info.value.line == 2


# -- registry ------------------------------------------------------------------------------------
def test_registry_lists_every_format():
    assert set(io.FORMATS) == {"seedtext", "jsonl", "csv", "convokit", "reddit"}
    for fmt in io.FORMATS.values():
        assert callable(fmt.read) and callable(fmt.stream) and callable(fmt.write)


@pytest.mark.parametrize("content,expected", [
    ('{"format": "discourse.thread/1", "id": "a"}\n', "jsonl"),
    ('{"id": "a", "comments": []}\n', "jsonl"),
    ('{"id": "u", "conversation_id": "u", "reply-to": null, "speaker": "s"}\n', "convokit"),
    ('{"id": "x", "link_id": "t3_y", "body": "hi"}\n', "reddit"),
    ('{"id": "y", "title": "T", "selftext": "", "subreddit": "s"}\n', "reddit"),
    ('\n\ufeff{"id": "a"}\n', "jsonl"),
    ("not json at all\n", "jsonl"),
])
def test_detect_format_by_first_record(tmp_path, content, expected):
    path = tmp_path / "x.ndjson"
    path.write_text(content, encoding="utf-8")
    assert io.detect_format(path) == expected


def test_detect_format_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        io.detect_format(tmp_path / "missing.jsonl")
    (tmp_path / "x.parquet").write_bytes(b"PAR1")
    with pytest.raises(InputError, match="pass format"):
        io.read(tmp_path / "x.parquet")
    with pytest.raises(InputError, match="folder"):
        io.detect_format(tmp_path)
    with pytest.raises(ValueError, match="unknown format"):
        io.read(tmp_path / "x.parquet", format="xml")


def test_public_names_exported():
    for name in ("read", "stream", "write", "detect_format", "FORMATS", "Problem", "ReadReport",
                 "read_jsonl", "write_jsonl", "read_csv", "write_csv", "to_dataframes",
                 "from_dataframes", "read_convokit", "write_convokit", "read_reddit",
                 "write_reddit", "atomic_write"):
        assert name in io.__all__ and hasattr(io, name)


# -- atomic writes -------------------------------------------------------------------------------
def test_atomic_write_replaces_only_on_success(tmp_path):
    target = tmp_path / "table.csv"
    target.write_text("old complete table\n")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as handle:
            handle.write("half a new tab")
            raise RuntimeError("killed")
    assert target.read_text() == "old complete table\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]  # no temp file left
    with atomic_write(target, "wb") as handle:
        handle.write(b"new\n")
    assert target.read_bytes() == b"new\n"


def test_atomic_write_gives_normal_permissions(tmp_path):
    target = tmp_path / "x.txt"
    with atomic_write(target) as handle:
        handle.write("x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    with pytest.raises(ValueError):
        with atomic_write(target, "a"):
            pass


def test_failing_writer_leaves_no_file(tmp_path):
    """A meta value that is not JSON data fails the write, and nothing is left behind."""
    bad = Thread(Article(id="a", meta={"when": datetime(2020, 1, 1)}))
    for fmt, name in (("jsonl", "x.jsonl"), ("csv", "x.csv"), ("convokit", "ck"), ("reddit", "rd")):
        with pytest.raises(TypeError, match="JSON"):
            io.write([Thread(Article(id="ok")), bad], tmp_path / name, format=fmt)
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert leftovers == []


def test_multi_file_writer_is_all_or_nothing(tmp_path):
    io.write_csv(Thread(Article(id="old")), tmp_path / "c.csv")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def threads():
        yield Thread(Article(id="new"))
        raise KeyboardInterrupt  # interrupted half-way

    with pytest.raises(KeyboardInterrupt):
        io.write_csv(threads(), tmp_path / "c.csv")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


# -- streaming memory -------------------------------------------------------------------------
def _big_jsonl(path: Path, n_threads: int, per_thread: int) -> None:
    def gen():
        for t in range(n_threads):
            comments = tuple(
                Comment(id=f"c{i}", text="word " * 16, author=f"u{i % 50}",
                        parent_id=f"c{i - 1}" if i % 3 else None,
                        created=datetime(2020, 1, 1, tzinfo=UTC), score=i)
                for i in range(per_thread)
            )
            yield Thread(Article(id=f"t{t}", title="T", text="body"), comments)

    io.write_jsonl(gen(), path)


@pytest.mark.slow
def test_stream_jsonl_memory_is_one_thread(tmp_path):
    path = tmp_path / "big.jsonl"
    _big_jsonl(path, n_threads=60, per_thread=500)  # 30,000 comments
    corpus = io.stream(path)
    gc.collect()
    tracemalloc.start()
    n = 0
    for thread in corpus:
        n += len(thread)
    _, peak_stream = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert n == 30_000 and corpus.report.records_in == 30_060
    tracemalloc.start()
    held = list(io.read(path))
    _, peak_read = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del held
    print(f"\npeak traced memory: stream {peak_stream / 1e6:.1f} MB, read {peak_read / 1e6:.1f} MB")
    # one thread of 500 comments at a time: far below holding all 60 threads
    assert peak_stream < peak_read / 10


def test_write_streams_a_lazy_corpus(tmp_path):
    path = tmp_path / "big.jsonl"
    _big_jsonl(path, n_threads=5, per_thread=10)
    io.write(io.stream(path), tmp_path / "copy.jsonl")
    assert (tmp_path / "copy.jsonl").read_bytes() == path.read_bytes()
    assert json.loads(path.read_text().split("\n")[0])["id"] == "t0"


def test_corpus_report_attached_and_summary(tmp_path):
    corpus = io.read(DATA / "pushshift" / "RC_sample.ndjson")
    assert isinstance(corpus, Corpus) and isinstance(corpus.report, io.ReadReport)
    assert corpus.report.to_records() == []


# -- issue 18 --------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt, data, line", [
    ("jsonl", b'{"id": "t1", "text": "ok"}\n{"id": "t2", "text": "caf\xc3', 2),
    ("seedtext", b"Title\n\nPara caf\xe2\x82", 3),
    ("csv", b"thread_id,id,text\nt1,c1,caf\xf0\x9f\x98", 2),
])
def test_file_cut_inside_a_character_is_called_truncated(tmp_path, fmt, data, line):
    path = tmp_path / {"jsonl": "t.jsonl", "seedtext": "t.txt", "csv": "t.csv"}[fmt]
    path.write_bytes(data)
    with pytest.raises(InputError, match="truncated: the file ends inside a multi-byte UTF-8 character") as info:
        list(io.read(path, format=fmt))
    assert info.value.line == line
    path.write_bytes(data.replace(b"caf", b"caf\xff "))  # a bad byte inside: not a truncation
    with pytest.raises(InputError, match="invalid UTF-8") as info:
        list(io.read(path, format=fmt))


def test_dataframe_with_a_lone_surrogate(tmp_path):
    import pandas as pd

    comments = pd.DataFrame({"thread_id": ["a"], "id": ["c1"], "text": ["bad \udc80"]}, dtype=object)
    with pytest.raises(InputError, match="lone surrogate") as info:
        io.from_dataframes(comments=comments)
    assert info.value.line == 1 and info.value.field == "text"
    corpus = io.from_dataframes(comments=comments, strict=False)
    assert list(corpus)[0].comments[0].text == "bad \ufffd"
    assert [p.action for p in corpus.report.problems] == ["repaired"] and corpus.report.balanced


def test_glued_records_in_a_reddit_file_are_recovered(tmp_path):
    import json as _json

    good = [_json.dumps({"id": f"c{i}", "link_id": "t3_s", "parent_id": "t3_s", "body": f"text {i}"}) for i in range(4)]
    torn = good[1][: len(good[1]) // 2] + good[2]  # c1 cut short, its line end lost, c2 glued on
    path = tmp_path / "RC.ndjson"
    path.write_text("\n".join([good[0], torn, good[3]]) + "\n", encoding="utf-8")
    corpus = io.read(path, format="reddit", strict=False)
    assert [c.id for c in list(corpus)[0].comments] == ["c0", "c2", "c3"]
    report = corpus.report
    assert (report.records_in, report.records_read, report.records_skipped) == (4, 3, 1)
    assert "the line's other 1 record(s) can" in report.problems[0].reason
