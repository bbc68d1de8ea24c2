"""The analysis on Dask (discourse.pipeline.cluster): a local cluster of two worker processes gives exactly
the tables of the serial ``analyze()``.

The cluster binds 127.0.0.1 only, on ports chosen by the OS (no fixed port, no dashboard port),
keeps its scratch files in a temporary folder, and is closed at the end of the module; the
fixture checks that its processes are gone.
"""

from __future__ import annotations

import logging
import sys
from functools import partial

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from discourse.pipeline.analysis import analyze
from discourse.datasets import load_seed
from discourse.datasets.synthetic import synthetic_corpus, synthetic_thread
from discourse.errors import MissingDependencyError
from discourse.io.tables import from_dataframes, to_dataframes
from discourse.results.schema import SCHEMAS

N_COMMENTS, PER_THREAD = 300, 100  # 3 synthetic threads
KEYS = ["thread_id", "unit_id"]
_NEEDS_DASK = "needs the dask extra: pip install 'discourse[dask]'"


def _dask():
    pytest.importorskip("dask.dataframe", reason=_NEEDS_DASK)
    pytest.importorskip("dask.bag", reason=_NEEDS_DASK)
    import dask

    return dask


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    _dask()
    distributed = pytest.importorskip("distributed", reason=_NEEDS_DASK)
    psutil = pytest.importorskip("psutil", reason="psutil (a dependency of distributed)")
    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}
    cluster = distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",  # an OS-chosen port on loopback (None means :8787)
        local_directory=str(tmp_path_factory.mktemp("dask-scratch")),
        silence_logs=logging.ERROR,
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
        started = [
            p for p in me.children(recursive=True)
            if p.pid not in before and "resource_tracker" not in " ".join(_cmdline(p))
        ]  # multiprocessing's resource tracker lives as long as this interpreter, by design
        _, alive = psutil.wait_procs(started, timeout=15)
        for p in alive:
            p.kill()
        assert not alive, f"cluster processes left running: {[p.pid for p in alive]}"


def _cmdline(process):
    try:
        return process.cmdline()
    except Exception:  # the process ended meanwhile
        return []


@pytest.fixture(scope="module")
def corpus():
    return synthetic_corpus(N_COMMENTS, comments_per_thread=PER_THREAD)


@pytest.fixture(scope="module")
def serial(corpus):
    return analyze(corpus)


def _by_unit(frame):
    """Stable sort on the natural keys: one comment's rows keep their order."""
    return frame.sort_values(KEYS, kind="mergesort").reset_index(drop=True)


# -- without a cluster --------------------------------------------------------------------------
def test_missing_dask_names_the_extra(monkeypatch):
    from discourse.pipeline import cluster

    monkeypatch.setitem(sys.modules, "dask", None)  # import dask -> ImportError
    with pytest.raises(MissingDependencyError, match=r"discourse\[dask\]"):
        cluster.comment_tables(None)
    with pytest.raises(MissingDependencyError, match=r"discourse\[dask\]"):
        cluster.thread_tables([], "units")


def test_worker_cache_key_names_the_parameters_and_the_registry_content():
    from discourse.pipeline import cluster
    from discourse.actors import ActorRegistry

    default = ActorRegistry.default()
    assert cluster._state({})[0] == cluster._state({})[0] != cluster._state({"n_boot": 50})[0]
    copy, same = (ActorRegistry.from_dict(default.to_dict()) for _ in range(2))
    other_data = default.to_dict()
    other_data["actors"] = other_data["actors"][:-1]  # one actor fewer
    other = ActorRegistry.from_dict(other_data)
    assert cluster._state({"actors": same})[0] == cluster._state({"actors": copy})[0]
    assert cluster._state({"actors": other})[0] != cluster._state({"actors": copy})[0]


def test_meta_has_the_dtypes_of_the_serial_tables():
    from discourse.pipeline.cluster import table_meta

    results = analyze(load_seed(), n_boot=50)
    for name, frame in results.tables.items():
        meta = table_meta(name)
        assert len(meta) == 0
        assert list(meta.columns) == [c.name for c in SCHEMAS[name]]
        assert meta.dtypes.to_dict() == frame.dtypes.to_dict(), name


def test_ids_and_missing_texts_are_read_as_the_readers_read_them():
    _dask()
    import dask.dataframe as dd

    from discourse.pipeline.cluster import comment_tables

    df = pd.DataFrame(
        {
            "article": ["a", "a", "a", "b", "b", "b"],
            "cid": [1, 2, 3, 1, 2, 3],
            "body": ["Great news!", None, "WAKE UP!!", "Is Putin lying?", "",
                     "\x00 \U0001F600 \u05e9\u05dc\u05d5\u05dd e\u0301 " + "!" * 500],
        }
    )
    got = comment_tables(
        dd.from_pandas(df, npartitions=2), "sentiment",
        text_column="body", id_column="cid", thread_column="article",
    ).compute(scheduler="sync")
    corpus = from_dataframes(
        comments=df, columns={"thread_id": "article", "id": "cid", "text": "body"}
    )
    expected = analyze(corpus, n_boot=10)["sentiment"].query("unit_kind == 'comment'")
    assert sorted(set(zip(got["thread_id"], got["unit_id"]))) == sorted(
        [("a", "1"), ("a", "2"), ("a", "3"), ("b", "1"), ("b", "2"), ("b", "3")]
    )
    assert_frame_equal(_by_unit(got), _by_unit(expected))


def test_bad_calls_fail_at_the_call_with_a_reason():
    _dask()
    import dask.bag as db
    import dask.dataframe as dd

    from discourse.pipeline.cluster import comment_tables, thread_tables

    _, comments = to_dataframes(load_seed())
    ddf = dd.from_pandas(comments, npartitions=1)
    for table in ("units", "sentiment_summary", "nope"):
        with pytest.raises(ValueError, match="not a per-comment table"):
            comment_tables(ddf, table)
    with pytest.raises(ValueError, match=r"no column\(s\) \['body'\]"):
        comment_tables(ddf, text_column="body")
    with pytest.raises(TypeError, match="from_pandas"):
        comment_tables(comments)
    with pytest.raises(ValueError, match="unknown sentiment method"):
        comment_tables(ddf, sentiment="nope")  # here, not later on a worker
    with pytest.raises(ValueError, match=r"unknown table\(s\) \['nope'\]"):
        thread_tables([load_seed()], ["units", "nope"])
    frame = thread_tables(db.from_sequence(["not a thread"]), "units")
    with pytest.raises(TypeError, match="thread_from_record"):
        frame.compute(scheduler="sync")


def test_several_tables_share_one_pass(monkeypatch, corpus, serial):
    """Tables asked for together are cut from one analysis of each thread (sync scheduler)."""
    dask = _dask()
    from discourse.pipeline.analysis import Analysis
    from discourse.pipeline.cluster import thread_tables

    calls = []
    original = Analysis.thread_rows
    monkeypatch.setattr(
        Analysis, "thread_rows", lambda self, thread: calls.append(thread.id) or original(self, thread)
    )
    names = ["units", "features", "sentiment_summary", "stance_summary"]
    frames = thread_tables(corpus, names, npartitions=2)  # threads in memory
    computed = dask.compute(*frames.values(), scheduler="sync")
    assert sorted(calls) == sorted(t.id for t in corpus)  # each thread analysed once
    for name, frame in zip(names, computed):
        assert_frame_equal(frame.reset_index(drop=True), serial[name])


# -- on a local cluster of two worker processes ------------------------------------------------
def test_cluster_is_local_only(client):
    psutil = pytest.importorskip("psutil")
    addresses = [client.scheduler.address, *client.scheduler_info()["workers"]]
    assert len(addresses) == 3
    assert all(a.startswith("tcp://127.0.0.1:") for a in addresses), addresses
    me = psutil.Process()
    listening = [
        c.laddr.ip
        for p in (me, *me.children(recursive=True))
        for c in p.net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    ]
    assert listening and set(listening) == {"127.0.0.1"}, listening


@pytest.mark.parametrize("table", ["sentiment", "sentiment_cues", "features", "mentions", "stance",
                                   "stance_sentences", "stance_mentions", "stance_evidence",
                                   "relations", "predications"])
def test_comment_tables_equal_the_serial_run(client, corpus, serial, table):
    import dask.dataframe as dd

    from discourse.pipeline.cluster import COMMENT_TABLES, comment_tables

    assert table in COMMENT_TABLES
    _, comments = to_dataframes(corpus)
    ddf = dd.from_pandas(comments, npartitions=4)  # 75 comments each: partitions cut threads
    lazy = comment_tables(ddf, table)
    assert lazy.npartitions == 4 and not lazy.known_divisions
    got = client.compute(lazy).result()
    expected = serial[table].query("unit_kind == 'comment'")
    assert len(expected) > 0, "the corpus should give rows for every table"
    assert_frame_equal(_by_unit(got), _by_unit(expected))


def test_workers_build_the_analysis_once(client, corpus):
    import dask.dataframe as dd

    from discourse.pipeline.cluster import comment_tables

    def cached():
        from discourse.pipeline import cluster

        return sorted((key, id(a)) for key, a in cluster._ANALYSES.items())

    _, comments = to_dataframes(corpus)
    ddf = dd.from_pandas(comments, npartitions=6)
    client.compute(comment_tables(ddf, "sentiment")).result()
    first = client.run(cached)
    client.compute(comment_tables(ddf, "features")).result()  # same parameters, other table
    assert client.run(cached) == first
    assert all(len(entries) == 1 for entries in first.values()), first


def test_thread_tables_equal_the_serial_run_in_order(client, serial):
    import dask
    import dask.bag as db

    from discourse.pipeline.cluster import thread_tables

    # The threads are made on the workers: only their indices travel with the graph.
    threads = db.from_sequence(range(N_COMMENTS // PER_THREAD), npartitions=2).map(
        partial(synthetic_thread, n_comments=PER_THREAD)
    )
    frames = thread_tables(threads, list(serial.tables))
    computed = dask.compute(*frames.values())
    for name, frame in zip(frames, computed):
        assert_frame_equal(frame.reset_index(drop=True), serial[name], obj=name)


def test_workers_write_parquet_that_reads_back_as_the_serial_table(client, corpus, serial, tmp_path):
    import json

    import dask.dataframe as dd

    from discourse.pipeline.cluster import comment_tables, write_parquet
    from discourse.results.columns import frame_from_records

    _, comments = to_dataframes(corpus)
    features = comment_tables(dd.from_pandas(comments, npartitions=3), "features")
    write_parquet(features, str(tmp_path / "features"), "features")
    assert len(list((tmp_path / "features").glob("*.parquet"))) == 3  # one file per partition
    back = pd.read_parquet(tmp_path / "features")
    records = [
        {k: (None if pd.isna(v) else v) if not isinstance(v, str) else v for k, v in r.items()}
        for r in back.to_dict("records")
    ]
    for record in records:
        record["evidence"] = json.loads(record["evidence"])
    got = frame_from_records(records, SCHEMAS["features"])
    expected = serial["features"].query("unit_kind == 'comment'")
    assert_frame_equal(_by_unit(got), _by_unit(expected))
    with pytest.raises(ValueError, match="columns of table 'sentiment'"):
        write_parquet(features, str(tmp_path / "x"), "sentiment")


def test_threads_read_from_jsonl_on_the_workers(tmp_path):
    """The guide's recipe: JSON Lines (one thread a line) read in blocks, parsed where they lie."""
    dask = _dask()
    import json

    import dask.bag as db

    from discourse.pipeline.cluster import thread_tables
    from discourse.io.jsonl import thread_from_record, write_jsonl

    threads = [load_seed(), synthetic_thread(0, 12), synthetic_thread(1, 7)]
    write_jsonl(threads, tmp_path / "corpus.jsonl")
    bag = (
        db.read_text(str(tmp_path / "*.jsonl"), blocksize=4096)  # blocks end at line ends
        .filter(str.strip)
        .map(json.loads)
        .map(thread_from_record)
    )
    assert bag.npartitions > 1
    names = ["units", "stance_summary"]
    frames = thread_tables(bag, names, n_boot=100)
    computed = dask.compute(*frames.values(), scheduler="sync")
    serial = analyze(threads, n_boot=100)
    for name, frame in zip(names, computed):
        assert_frame_equal(frame.reset_index(drop=True), serial[name], obj=name)
