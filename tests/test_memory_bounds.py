"""What a streamed analysis keeps across threads stays bounded (issue 17: memory at 1M comments).

No memory or time thresholds here: each test checks that a structure kept for the whole run
does not grow with the number of threads, and that the bounded form gives the same results.
"""

from __future__ import annotations

import random

from discourse.actors.discovery import UnmatchedTally, aggregate_candidates, frequent_candidates, unmatched_summary


def _summary_from_rows(rows, n_units, top=10):
    """The unmatched-names summary as it was computed before the tally: from all the rows."""
    merged = aggregate_candidates(rows, examples=0)
    frequent = frequent_candidates(merged, n_units)[:top]
    return {
        "distinct": len(merged),
        "occurrences": sum(int(r["count"]) for r in merged),
        "frequent": [{"name": r["name"], "count": int(r["count"]), "units": int(r["units"])} for r in frequent],
    }


def _random_rows(rng: random.Random, n_threads: int) -> list[dict]:
    spellings = ["Hamas", "HAMAS", "hamas", "Idlib", "Deir Ezzor", "Deir ezzor", "Astana", "Érdogan", "Erdogan", "GTG"]
    rows = []
    for t in range(n_threads):
        for name in rng.sample(spellings, rng.randint(0, 5)):
            count = rng.randint(1, 9)
            rows.append({"thread_id": f"t{t}", "name": name, "count": count, "units": rng.randint(0, count),
                         "suggested_kind": rng.choice(["person", "other"]), "example": f"{name} in t{t}."})
    return rows


def test_unmatched_tally_gives_the_summary_of_all_rows():
    rng = random.Random(7)
    for n_threads in (0, 1, 30, 300):
        rows = _random_rows(rng, n_threads)
        for n_units in (1, 50, 5_000):
            tally = UnmatchedTally()
            for t in range(n_threads):  # as the streamed analysis adds them: thread by thread
                tally.add([r for r in rows if r["thread_id"] == f"t{t}"])
            assert tally.summary(n_units) == _summary_from_rows(rows, n_units)
            assert unmatched_summary(rows, n_units) == _summary_from_rows(rows, n_units)
            assert tally.summary(n_units, top=2) == _summary_from_rows(rows, n_units, top=2)


def test_unmatched_tally_grows_with_the_names_not_the_threads():
    rng = random.Random(3)
    tally = UnmatchedTally()
    tally.add(_random_rows(rng, 50))
    entries = len(tally)
    tally.add(_random_rows(rng, 2_000))
    assert len(tally) == entries == len({"hamas", "idlib", "deir ezzor", "astana", "erdogan", "gtg"})


def _pieces_with_own_dictionaries(n_pieces: int, rows: int):
    import pyarrow as pa

    rng = random.Random(11)
    labels = ["negative", "neutral", "positive"]
    schema = pa.schema([("unit_id", pa.string()), ("score", pa.float64()), ("label", pa.dictionary(pa.int32(), pa.string())),
                        ("text", pa.string())])
    pieces = []
    for p in range(n_pieces):
        chosen = [rng.choice(labels[: 1 + p % 3]) for _ in range(rows)]  # each piece its own dictionary
        texts = ["".join(rng.choice("abcdefgh ") for _ in range(300)) for _ in range(rows)]  # > 1 MiB in all: plain encoding
        pieces.append(pa.table({"unit_id": [f"c{p}-{i}" for i in range(rows)], "score": [rng.random() for _ in range(rows)],
                                "label": pa.array(chosen).dictionary_encode(), "text": texts}, schema=schema))
    return pieces


def test_row_group_written_without_copying_numbers_has_the_bytes_of_the_combined_table(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from discourse.results.store import _row_group

    table = pa.concat_tables(_pieces_with_own_dictionaries(40, 137))
    assert table.column("score").num_chunks == 40
    files = []
    for name, data in (("combined", table.combine_chunks()), ("pieces", _row_group(table))):
        with pq.ParquetWriter(tmp_path / name, table.schema, compression="zstd", use_dictionary=True, version="2.6") as writer:
            writer.write_table(data, row_group_size=1 << 20)
        files.append((tmp_path / name).read_bytes())
    assert files[0] == files[1]
    assert _row_group(table).column("score").num_chunks == 40  # the large columns are not copied



def test_parquet_writers_work_in_one_thread_of_their_own(tmp_path, monkeypatch):
    """The writers' C allocations (row-group metadata kept until a file is closed) come from one
    thread's own malloc arena, not from the caller's heap: every writer is created, fed and closed
    in the same thread, which is not the caller's; its errors reach the caller."""
    import threading

    import pytest

    from discourse.results import parquet
    from discourse.results.parquet import arrow_table
    from discourse.results.schema import SCHEMAS
    from discourse.results.store import ResultsWriter

    seen = []
    for name in ("__init__", "write", "close"):
        original = getattr(parquet.ParquetTableWriter, name)

        def spy(self, *args, _original=original, _name=name):
            seen.append((_name, threading.get_ident()))
            return _original(self, *args)

        monkeypatch.setattr(parquet.ParquetTableWriter, name, spy)
    row = {"source": "x.jsonl", "line": 3, "reason": "bad", "action": "skipped", "records": 1}
    with ResultsWriter(tmp_path / "out", ["read_report", "units"]) as writer:
        writer.write("read_report", [row])
        with pytest.raises(ValueError, match="schema"):  # a table of another schema: raised here, from the writer thread
            writer._in_writer_thread(writer._writers["units"].write, arrow_table(SCHEMAS["read_report"], {"line": [1]}))
        writer.close({"input": {}})
        assert writer._thread is None  # stopped when the files are complete
    assert {name for name, _ in seen} == {"__init__", "write", "close"}
    assert len({ident for _, ident in seen}) == 1 and seen[0][1] != threading.get_ident()


def test_tidy_tables_are_closed_before_the_wide_tables_are_written(tmp_path, monkeypatch):
    """Every tidy table is complete when the wide pass writes: its writer's metadata is freed, and
    the wide tables' row groups depend on their own rows only (no other buffer counts toward the
    32 MiB that cuts them)."""
    from discourse.datasets.synthetic import write_synthetic_jsonl
    from discourse.pipeline.analysis import analyze_path
    from discourse.results import store

    states = []
    original = store.write_frame

    def spy(writer, name, frame):
        states.append((name, sorted(set(writer._columns) - writer._done - {"comments", "threads"}), writer._pending_bytes))
        return original(writer, name, frame)

    monkeypatch.setattr(store, "write_frame", spy)
    write_synthetic_jsonl(tmp_path / "c.jsonl", 30, comments_per_thread=10, seed=1)
    analyze_path(tmp_path / "c.jsonl", out=tmp_path / "o", progress=False, n_boot=20)
    assert {name for name, _, _ in states} == {"comments", "threads"}
    assert all(open_tables == [] for _, open_tables, _ in states)
    first = states[0]
    assert first[2] == 0  # nothing else buffered when the first wide rows come



# Releasing the models clears every cache of the library: done in a process of its own, so the
# other tests keep theirs (and an id-keyed memo cannot meet a new object at an old address).
_RELEASE_SCRIPT = r"""
import gc, sys, weakref
from pathlib import Path
from discourse.datasets import load_seed
from discourse.datasets.synthetic import write_synthetic_jsonl
from discourse.incivility.model import _load
from discourse.pipeline._release import _library_caches, release_models
from discourse.pipeline.analysis import Analysis, analyze_path
from discourse.pipeline.stages import ActorStage

tmp = Path(sys.argv[1])
def files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}

# release_models=True (what the command sets) gives the same bytes in every file, and so does
# an analysis after it in the same process (the models loaded again)
write_synthetic_jsonl(tmp / "c.jsonl", 40, comments_per_thread=20, seed=2)
kept = analyze_path(tmp / "c.jsonl", out=tmp / "kept", progress=False, n_boot=20)
freed = analyze_path(tmp / "c.jsonl", out=tmp / "freed", progress=False, n_boot=20, release_models=True)
again = analyze_path(tmp / "c.jsonl", out=tmp / "again", progress=False, n_boot=20)
assert freed == kept == again  # the manifests: same tables, rows, checksums and provenance
assert files(tmp / "freed") == files(tmp / "kept") == files(tmp / "again")

# the models are freed and the caches empty; the analysis builds them again on use
analysis = Analysis(n_boot=20)
analysis.thread_columns(load_seed())
registry = weakref.ref(next(s for s in analysis.stages_ if isinstance(s, ActorStage)).registry_)
assert _load.cache_info().currsize > 0 and _load in _library_caches()
assert release_models(analysis) == len(_library_caches()) > 10
gc.collect()
assert "_stages" not in analysis.__dict__
assert registry() is None  # nothing else held the default registry
assert all(cache.cache_info().currsize == 0 for cache in _library_caches())
assert len(analysis.thread_columns(load_seed())["units"].data["unit_id"]) == 18
print("ok")
"""


def test_releasing_the_models_frees_them_and_changes_no_file(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([repo, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", _RELEASE_SCRIPT, str(tmp_path)], capture_output=True, text=True,
                          env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "ok"
