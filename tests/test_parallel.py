"""Parallel runs (n_jobs) give exactly the results of a serial run, in the same order."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from discourse.pipeline.analysis import analyze, analyze_path
from discourse.datasets.synthetic import synthetic_corpus, write_synthetic_jsonl

@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    # 9 threads: more than the workers' window (2 jobs x 4 threads), so results come back in batches
    write_synthetic_jsonl(path, 180, comments_per_thread=20, seed=3)
    return path


@pytest.mark.slow
@pytest.mark.parametrize("table_format", ["parquet", "csv"])
def test_files_of_a_parallel_run_equal_a_serial_run(corpus_file, tmp_path, table_format) -> None:
    manifests = {}
    for n_jobs in (1, 2):
        manifests[n_jobs] = analyze_path(
            corpus_file, out=tmp_path / str(n_jobs), progress=False, n_boot=50, n_jobs=n_jobs, table_format=table_format
        )
    serial, parallel = (sorted((tmp_path / str(n)).glob(f"*.{table_format}")) for n in (1, 2))
    assert [p.name for p in serial] == [p.name for p in parallel] and len(serial) >= 19
    for a, b in zip(serial, parallel):
        assert a.read_bytes() == b.read_bytes(), a.name
    # the manifest vouches for the same tables (rows and hashes) and the same input
    assert json.dumps(manifests[1]["tables"]) == json.dumps(manifests[2]["tables"])
    assert manifests[2]["input"]["threads"] == 9 and manifests[2]["input"]["comments"] == 180


@pytest.mark.slow
def test_parallel_analysis_in_memory_equals_serial() -> None:
    corpus = synthetic_corpus(60, comments_per_thread=20, seed=5)
    serial = analyze(corpus, n_boot=50, n_jobs=1)
    parallel = analyze(corpus, n_boot=50, n_jobs=2)
    assert list(serial.tables) == list(parallel.tables)
    for name in serial.tables:
        pd.testing.assert_frame_equal(serial[name], parallel[name], check_exact=True)


def test_a_script_without_a_main_guard_stops_with_an_explanation(tmp_path):
    """Spawned workers import the user's script again; without `if __name__ == "__main__":`
    each one starts the analysis anew and dies. The run must stop with an error that says so
    (a multiprocessing.Pool restarted the dying workers forever: the script hung)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = tmp_path / "unguarded.py"
    script.write_text(
        "import discourse\n"
        "from discourse.datasets.synthetic import synthetic_corpus\n"
        "discourse.analyze(list(synthetic_corpus(10, comments_per_thread=3, seed=1)), n_jobs=2,"
        " features=['questions'], incivility=False)\n",
        encoding="utf-8",
    )
    root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert 'if __name__ == "__main__":' in done.stderr
