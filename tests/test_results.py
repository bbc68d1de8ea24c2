"""Results folders: writing them atomically, loading only what is theirs (issue 18).

- ``Results.load`` reads only regular files directly inside its folder, of bounded size, and
  raises ``ResultsError`` (naming the file and what is wrong) for every malformed folder;
- ``ResultsWriter`` replaces the folder as a whole: killed at any step, the folder holds the old
  results or the new ones, never a mix and never nothing; a user's own files are refused;
  stale figures and staging folders of killed runs are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discourse.errors import InputError

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seed_results():
    from discourse.pipeline.analysis import analyze
    from discourse.datasets import load_seed

    return analyze(load_seed(), n_boot=50)


@pytest.fixture
def saved(seed_results, tmp_path) -> Path:
    """A results folder in CSV (the tests below edit its text; Parquet: see section 4)."""
    return seed_results.save(tmp_path / "res", format="csv")


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _rewrite(folder: Path, manifest: object) -> None:
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def _results_error():
    # (imported late: a missing name fails only the tests that use it)
    from discourse.errors import ResultsError

    return ResultsError


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
    }


# -- 1. Results.load reads only its own folder ---------------------------------------------------
@pytest.mark.parametrize("file", ["../outside.csv", "/etc/hostname", "sub/units.csv", "..", ""])
def test_load_refuses_table_files_outside_the_folder(saved, file):
    outside = saved.parent / "outside.csv"
    outside.write_bytes((saved / "units.csv").read_bytes())
    manifest = _manifest(saved)
    manifest["tables"]["units"]["file"] = file
    manifest["tables"]["units"]["sha256"] = hashlib.sha256(outside.read_bytes()).hexdigest()
    _rewrite(saved, manifest)
    with pytest.raises(_results_error(), match="plain \\*.parquet or \\*.csv file name") as info:
        type(_load(saved))
    assert info.value.field == "tables.units.file" and info.value.source.endswith("manifest.json")


def _load(folder: Path, **options):
    from discourse.results import Results

    return Results.load(folder, **options)


def test_load_refuses_a_symlink_leaving_the_folder(saved):
    outside = saved.parent / "outside.csv"
    outside.write_bytes((saved / "units.csv").read_bytes())
    (saved / "units.csv").unlink()
    (saved / "units.csv").symlink_to(outside)
    with pytest.raises(_results_error(), match="symbolic link"):
        _load(saved, verify=False)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_load_refuses_a_device_instead_of_hanging(saved):
    (saved / "units.csv").unlink()
    (saved / "units.csv").symlink_to("/dev/zero")
    with pytest.raises(_results_error(), match="symbolic link"):
        _load(saved, verify=False)
    (saved / "units.csv").unlink()
    os.mkfifo(saved / "units.csv")  # a pipe with no writer: open() would block without O_NONBLOCK
    with pytest.raises(_results_error(), match="not a regular file"):
        _load(saved, verify=False)


def test_load_bounds_table_sizes(saved):
    size = (saved / "units.csv").stat().st_size
    with pytest.raises(_results_error(), match=f"units.csv: is {size} bytes, more than the limit of 100"):
        _load(saved, max_bytes=100)
    largest = max(p.stat().st_size for p in saved.glob("*.csv"))
    assert len(_load(saved, max_bytes=largest)["units"]) == 18


# -- 2. every malformed folder raises the library's own error ------------------------------------
def _break(kind: str, folder: Path) -> None:
    manifest = _manifest(folder)
    if kind == "manifest missing":
        (folder / "manifest.json").unlink()
    elif kind == "manifest not JSON":
        (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    elif kind == "manifest a list":
        _rewrite(folder, [manifest])
    elif kind == "tables missing":
        del manifest["tables"]
        _rewrite(folder, manifest)
    elif kind == "tables a list":
        manifest["tables"] = [manifest["tables"]["units"]]
        _rewrite(folder, manifest)
    elif kind == "entry a list":
        manifest["tables"]["units"] = ["units.csv"]
        _rewrite(folder, manifest)
    elif kind == "file key missing":
        del manifest["tables"]["units"]["file"]
        _rewrite(folder, manifest)
    elif kind == "sha256 missing":
        del manifest["tables"]["units"]["sha256"]
        _rewrite(folder, manifest)
    elif kind == "unknown table":
        manifest["tables"]["bogus"] = dict(manifest["tables"]["units"])
        _rewrite(folder, manifest)
    elif kind == "table file missing":
        (folder / "units.csv").unlink()
    elif kind == "table changed":
        (folder / "units.csv").write_bytes((folder / "units.csv").read_bytes() + b"x")
    elif kind == "bad int cell":
        _replace_table(folder, manifest, "units.csv", b",-2,", b",minus two,")
    elif kind == "unknown column":
        _replace_table(folder, manifest, "units.csv", b"thread_id,", b"thread,")
    elif kind == "short row":
        _replace_table(folder, manifest, "units.csv", b"\n", b"\nx\n", count=1)
    elif kind == "bad JSON cell":
        _replace_table(folder, manifest, "features.csv", b',"[', b',"{[', count=1)
    elif kind == "invalid UTF-8":
        _replace_table(folder, manifest, "units.csv", b"article", b"\xffrticle", count=1)
    elif kind == "row count differs":
        manifest["tables"]["units"]["rows"] = 3
        _rewrite(folder, manifest)
    elif kind == "folder missing":
        import shutil

        shutil.rmtree(folder)
    else:  # pragma: no cover
        raise KeyError(kind)


def _replace_table(folder: Path, manifest: dict, file: str, old: bytes, new: bytes, count: int = -1) -> None:
    data = (folder / file).read_bytes()
    assert old in data
    data = data.replace(old, new, count)
    (folder / file).write_bytes(data)
    name = file[:-4]
    manifest["tables"][name]["sha256"] = hashlib.sha256(data).hexdigest()  # a consistent forgery
    _rewrite(folder, manifest)


MALFORMED = {
    # kind: (file the error names, words of the message)
    "manifest missing": ("manifest.json", "missing: not a results folder"),
    "manifest not JSON": ("manifest.json", "not valid JSON"),
    "manifest a list": ("manifest.json", "must be a JSON object, not an array"),
    "tables missing": ("manifest.json", "field 'tables': missing"),
    "tables a list": ("manifest.json", "field 'tables': must be an object"),
    "entry a list": ("manifest.json", "field 'tables.units': must be an object, not an array"),
    "file key missing": ("manifest.json", "field 'tables.units.file': must be a plain"),
    "sha256 missing": ("manifest.json", "field 'tables.units.sha256': must be a SHA-256"),
    "unknown table": ("manifest.json", "unknown table(s) ['bogus']"),
    "table file missing": ("units.csv", "missing: listed in the manifest but not in the folder"),
    "table changed": ("units.csv", "SHA-256 differs"),
    "bad int cell": ("units.csv", "field 'position': not a valid int value: 'minus two'"),
    "unknown column": ("units.csv", "columns not in the schema: ['thread']"),
    "short row": ("units.csv", "row has 1 fields, the header has 12"),
    "bad JSON cell": ("features.csv", "not a valid json value"),
    "invalid UTF-8": ("units.csv", "not valid UTF-8"),
    "row count differs": ("units.csv", "18 rows, the manifest says 3"),
    "folder missing": ("res", "no such folder"),
}


@pytest.mark.parametrize("kind", list(MALFORMED))
def test_malformed_folder_raises_results_error(saved, kind):
    file, words = MALFORMED[kind]
    _break(kind, saved)
    with pytest.raises(_results_error()) as info:
        _load(saved)
    error = info.value
    assert isinstance(error, InputError)  # callers catching the old error class still do
    assert Path(error.source).name == file and words in str(error), str(error)
    assert "\n" not in str(error)


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_entry = st.fixed_dictionaries(
    {},
    optional={
        "file": st.sampled_from(["units.csv", "../units.csv", "/dev/zero", "x.csv", "units.csv/"]) | _json,
        "sha256": st.sampled_from(["0" * 64]) | _json,
        "rows": st.integers(-2, 30) | _json,
        "columns": st.just(["thread_id"]) | _json,
    },
)
_manifests = _json | st.fixed_dictionaries(
    {"tables": st.dictionaries(st.sampled_from(["units", "features", "bogus", ""]), _entry | _json, max_size=3) | _json}
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(manifest=_manifests, table=st.binary(max_size=200), verify=st.booleans())
def test_any_manifest_and_table_bytes_give_results_or_results_error(tmp_path_factory, manifest, table, verify):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "units.csv").write_bytes(table)
    (folder / "x.csv").write_bytes(b"thread_id\n" + table)
    try:
        results = _load(folder, verify=verify)
    except _results_error() as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert set(results.tables) <= {"units", "features"}


# -- 3. writing: the folder is replaced as a whole -------------------------------------------------
def test_stale_figures_go_with_the_old_results(seed_results, tmp_path):
    out = tmp_path / "res"
    seed_results.save(out)
    (out / "figures").mkdir()
    (out / "figures" / "old.png").write_bytes(b"png")
    seed_results.save(out)  # a run without figures: the old figures belonged to the old tables
    assert not (out / "figures").exists()
    assert _load(out)["units"].equals(seed_results["units"])


def test_a_users_own_files_are_never_overwritten(seed_results, tmp_path):
    ResultsError = _results_error()
    out = tmp_path / "mine"
    out.mkdir()
    (out / "units.csv").write_text("my own table\n", encoding="utf-8")
    with pytest.raises(ResultsError, match="not a results folder .*units.csv"):
        seed_results.save(out)
    assert (out / "units.csv").read_text(encoding="utf-8") == "my own table\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]  # no staging folder left
    # beside earlier results, too
    seed_results.save(tmp_path / "res")
    (tmp_path / "res" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ResultsError, match="not part of them: notes.txt"):
        seed_results.save(tmp_path / "res")
    assert (tmp_path / "res" / "notes.txt").read_text(encoding="utf-8") == "mine"
    # a file instead of a folder
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ResultsError, match="not a folder"):
        seed_results.save(tmp_path / "file")


def test_staging_folders_of_killed_runs_are_removed(seed_results, tmp_path):
    out = seed_results.save(tmp_path / "res")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    beside = tmp_path / f".res.partial-{dead_pid}-abc"  # left by a killed run (its process is gone)
    inside = out / ".partial-xyz"  # left inside the folder by releases up to 0.1
    live = tmp_path / f".res.partial-{os.getpid()}-live"  # a run still going: left alone
    for folder in (beside, inside, live):
        folder.mkdir()
        (folder / "units.csv").write_text("half", encoding="utf-8")
    seed_results.save(out)
    assert not beside.exists() and not inside.exists() and live.exists()
    assert _load(out)["units"].equals(seed_results["units"])


def test_a_swap_interrupted_between_two_renames_is_rolled_back(seed_results, tmp_path, monkeypatch):
    """Where there is no atomic exchange, the fallback renames the old folder aside and then the
    new one in; a run killed between the two leaves no folder, and the next run puts it back."""
    from discourse.results import store as results_module

    out = seed_results.save(tmp_path / "res")
    old = _snapshot(out)
    monkeypatch.setattr(results_module, "_exchange", lambda a, b: False)
    real_rename = os.rename

    def killed_after_first(src, dst):
        real_rename(src, dst)
        if Path(dst).name.startswith(".res.old-"):
            raise SystemExit("killed")  # (the process stops here; no clean-up of its own)

    monkeypatch.setattr(results_module.os, "rename", killed_after_first)
    with pytest.raises(SystemExit):
        seed_results.save(out)
    monkeypatch.setattr(results_module.os, "rename", real_rename)
    assert not out.exists()
    aside = next(p for p in tmp_path.iterdir() if p.name.startswith(".res.old-"))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    aside.rename(aside.with_name(f".res.old-{int(dead.stdout)}-x"))  # as if its process were gone
    from discourse.results import ResultsWriter

    ResultsWriter(out, ["units"]).abort()  # the next run (here only started) restores the folder
    assert _snapshot(out) == old


def test_save_keeps_the_folder_mode_and_a_symlinked_folder(seed_results, tmp_path):
    real = tmp_path / "real"
    seed_results.save(real)
    os.chmod(real, 0o750)
    link = tmp_path / "link"
    link.symlink_to(real)
    seed_results.save(link)
    assert link.is_symlink() and (real / "manifest.json").exists()
    assert (real.stat().st_mode & 0o777) == 0o750


def test_lone_surrogates_never_break_a_save(seed_results, tmp_path):
    """Issue 18: tables holding a lone surrogate (a user's own Results) are written, as U+FFFD."""
    from discourse.results import Results

    units = seed_results["units"].copy()
    units.loc[0, "text"] = "bad \udc80 half"
    for fmt in ("csv", "parquet"):
        folder = Results({**seed_results.tables, "units": units}, seed_results.provenance).save(tmp_path / fmt, format=fmt)
        if fmt == "csv":
            (folder / "units.csv").read_bytes().decode("utf-8")
        assert _load(folder)["units"].loc[0, "text"] == "bad \ufffd half"


# Kill a save at every step that changes which folders exist or what they are: before and after
# each rename, exchange, mkdir, chmod and folder removal (the per-file writes and fsyncs inside
# the hidden staging folder change nothing that is visible at the results' path).
_KILL_AT_STEP = textwrap.dedent(
    """
    import os, shutil, signal, sys
    from discourse.results import store as results_module

    out, new, step = sys.argv[1], sys.argv[2], int(sys.argv[3])
    fresh = results_module.Results.load(new)
    calls = 0

    def counted(function):
        def wrapper(*args, **kwargs):
            global calls
            calls += 1
            if calls == step:
                os.kill(os.getpid(), signal.SIGKILL)
            value = function(*args, **kwargs)
            calls += 1
            if calls == step:
                os.kill(os.getpid(), signal.SIGKILL)
            return value
        return wrapper

    for name in ("rename", "replace", "mkdir", "chmod"):
        setattr(os, name, counted(getattr(os, name)))
    shutil.rmtree = counted(shutil.rmtree)
    if hasattr(results_module, "_exchange"):
        results_module._exchange = counted(results_module._exchange)
    fresh.save(out)
    print("completed", calls)
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_kill_at_any_step_leaves_old_or_new_results(seed_results, tmp_path):
    """Issue 18: SIGKILL before or after every file-system call of ``Results.save`` into a folder
    of earlier results: the folder is always complete (old or new), never a mix, never missing;
    the next save cleans up after the killed one."""
    from discourse.results import Results

    out = tmp_path / "res"
    seed_results.save(out)  # the old results: vader
    old = _snapshot(out)
    new = tmp_path.parent / f"{tmp_path.name}-new"
    provenance = {**seed_results.provenance, "parameters": {**seed_results.provenance["parameters"], "sentiment": "textblob"}}
    Results(seed_results.tables, provenance).save(new)
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    outcomes = []
    step = 1
    while True:
        run = subprocess.run([sys.executable, "-c", _KILL_AT_STEP, str(out), str(new), str(step)], env=env,
                             capture_output=True, text=True, timeout=300)
        loaded = _load(out)  # verified against its manifest: complete, no mix
        method = loaded.provenance["parameters"]["sentiment"]
        assert method in ("vader", "textblob")
        if method == "vader":
            assert _snapshot(out) == old
        outcomes.append(method)
        if run.returncode == 0:
            assert "completed" in run.stdout
            break
        assert run.returncode == -signal.SIGKILL, run.stderr
        step += 1
        seed_results.save(out)  # back to the old results (and clean up the killed run)
        assert _snapshot(out) == old
        assert [p.name for p in tmp_path.iterdir()] == ["res"]
    assert step > 5, "the save should make several file-system calls"
    print(f"killed at {step - 1} steps, then completed")
    assert outcomes[0] == "vader" and outcomes[-1] == "textblob"
    # once the new results are in place they stay (a kill during the clean-up of the old ones)
    assert outcomes == sorted(outcomes, key=lambda m: m == "textblob")


# -- 4. Parquet: the default format, read with the same checks, the same frames as CSV ----------
@pytest.fixture
def parquet(seed_results, tmp_path) -> Path:
    return seed_results.save(tmp_path / "pq")


def test_parquet_is_the_default_and_loads_the_same_frames_as_csv(seed_results, parquet, saved):
    manifest = _manifest(parquet)
    assert {entry["file"].rsplit(".", 1)[1] for entry in manifest["tables"].values()} == {"parquet"}
    from_parquet, from_csv = _load(parquet), _load(saved)
    assert list(from_parquet) == list(from_csv) == [*seed_results.tables, "comments", "threads"]
    for name, frame in from_parquet.items():
        assert frame.equals(from_csv[name]), name
        assert frame.dtypes.equals(from_csv[name].dtypes), name
        if name in seed_results.tables:
            assert frame.equals(seed_results[name]) and frame.dtypes.equals(seed_results[name].dtypes), name
    assert from_parquet["comments"].equals(seed_results.comments())
    assert from_parquet["threads"].equals(seed_results.threads())


def test_parquet_files_are_byte_identical_across_saves(seed_results, tmp_path):
    a, b = seed_results.save(tmp_path / "a"), seed_results.save(tmp_path / "b")
    assert _snapshot(a) == _snapshot(b)


def test_parquet_columns_have_proper_types_on_disk(parquet):
    import pyarrow.parquet as pq

    units = pq.read_schema(parquet / "units.parquet")
    assert str(units.field("position").type) == "int64" and str(units.field("text").type) == "string"
    comments = pq.read_schema(parquet / "comments.parquet")
    assert str(comments.field("created").type) == "timestamp[ns, tz=UTC]"
    assert str(comments.field("sentiment_label").type) == "dictionary<values=string, indices=int32, ordered=0>"
    assert str(pq.read_schema(parquet / "incivility.parquet").field("uncivil").type) == "bool"


def _replace_parquet(folder: Path, name: str, table) -> None:
    import pyarrow.parquet as pq

    pq.write_table(table, folder / f"{name}.parquet")
    manifest = _manifest(folder)
    manifest["tables"][name]["sha256"] = hashlib.sha256((folder / f"{name}.parquet").read_bytes()).hexdigest()
    _rewrite(folder, manifest)


def test_parquet_load_checks_links_sizes_hashes_and_types(parquet):
    import pyarrow as pa
    import pyarrow.parquet as pq

    ResultsError = _results_error()
    size = (parquet / "units.parquet").stat().st_size
    with pytest.raises(ResultsError, match=f"units.parquet: is {size} bytes, more than the limit of 100"):
        _load(parquet, max_bytes=100)
    original = (parquet / "units.parquet").read_bytes()
    (parquet / "units.parquet").write_bytes(original[:-1] + b"x")
    with pytest.raises(ResultsError, match="SHA-256 differs"):
        _load(parquet)
    with pytest.raises(ResultsError, match="units.parquet: not a valid Parquet file"):
        _load(parquet, verify=False)
    (parquet / "units.parquet").unlink()
    outside = parquet.parent / "outside.parquet"
    outside.write_bytes(original)
    (parquet / "units.parquet").symlink_to(outside)
    with pytest.raises(ResultsError, match="symbolic link"):
        _load(parquet, verify=False)
    (parquet / "units.parquet").unlink()
    table = pq.read_table(pa.BufferReader(original))
    _replace_parquet(parquet, "units", table.set_column(3, "position", table.column("position").cast(pa.string())))
    with pytest.raises(ResultsError, match="field 'position': type string, the schema says int64"):
        _load(parquet)
    _replace_parquet(parquet, "units", table.rename_columns(["thread", *table.column_names[1:]]))
    with pytest.raises(ResultsError, match="columns not in the schema: \\['thread'\\]"):
        _load(parquet)
    _replace_parquet(parquet, "units", table.slice(0, 3))
    with pytest.raises(ResultsError, match="3 rows, the manifest says 18"):
        _load(parquet)
