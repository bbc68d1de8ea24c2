"""Issue 9, parts 3-4: no code execution from data, no silent loss, no half-written results.

- The library's source calls nothing that turns data into code or objects (pickle, eval, exec,
  YAML object loaders, marshal, shelve, dynamic imports): checked on the syntax tree of every
  module and, as the issue words it, on the source text.
- Actor registries (TOML/JSON), ``.dic`` dictionaries and word lists that contain code are read
  as data: the code stays a string, nothing runs (trip wires on eval/exec/pickle/marshal and a
  sentinel file that running code would create).
- An interrupted :func:`~discourse.pipeline.analysis.analyze_path` (a stage raising mid-corpus, Ctrl-C, a
  malformed record mid-file, a killed process) leaves no partial table in the output folder and
  keeps the previous complete results byte for byte.
- ``discourse analyze`` on a malformed JSONL exits with status 2 and a one-line message naming
  file and line, and writes no output files.
- Saved results load back equal, whatever characters the texts hold (lone carriage returns,
  NUL, quotes, formulas).

The malformed-file matrix (strict/lenient reading) is tested in ``tests/test_io_matrix.py``.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import hashlib
import io as _io
import json
import marshal
import os
import pickle
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import discourse
from discourse.errors import InputError, LexiconError
from discourse.model import Article, Comment, Thread

PACKAGE = Path(discourse.__file__).resolve().parent
REPO = PACKAGE.parent

# -- 1. the source holds no code-from-data calls -----------------------------------------------

# module -> forbidden use -> why it is allowed there (everything else fails the scan).
ALLOWED: dict[str, dict[str, str]] = {
    "discourse/__init__.py": {
        "import_module": "lazy import of the package's own sub-modules; the names come from the "
        "constant tables _LAZY and _SUBMODULES, never from data",
    },
}

_FORBIDDEN_MODULES = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "joblib", "marshal", "shelve", "yaml", "ruamel"}
_FORBIDDEN_BUILTINS = {"eval", "exec", "compile", "__import__"}  # called by name (re.compile is fine)
_FORBIDDEN_CALLS = {"import_module", "read_pickle", "load_module", "unsafe_load", "full_load"}
_TEXT_PATTERNS = {
    "pickle.load": r"\bpickle\.loads?\b",
    "eval(": r"(?<![\w.])eval\s*\(",
    "exec(": r"(?<![\w.])exec\s*\(",
    "yaml.load": r"\byaml\.(?:load|unsafe_load|full_load|load_all|unsafe_load_all)\b",
    "marshal": r"\bmarshal\b",
    "shelve": r"\bshelve\b",
    "read_pickle": r"\bread_pickle\b",
    "allow_pickle=True": r"allow_pickle\s*=\s*True",
}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _code_only(source: str) -> str:
    """The source with comments and string literals blanked out (docstrings may say "no eval")."""
    import tokenize

    lines = source.splitlines(keepends=True)
    chars = [list(line) for line in lines]
    for token in tokenize.generate_tokens(_io.StringIO(source).readline):
        if token.type not in (tokenize.COMMENT, tokenize.STRING):
            continue
        (row, col), (end_row, end_col) = token.start, token.end
        for r in range(row, end_row + 1):
            line = chars[r - 1]
            first = col if r == row else 0
            last = end_col if r == end_row else len(line)
            for c in range(first, last):
                if line[c] != "\n":
                    line[c] = " "
    return "".join("".join(line) for line in chars)


def _ast_findings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name.split(".")[0] in _FORBIDDEN_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in _FORBIDDEN_MODULES:
                found.append(f"from {node.module} import ...")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if name in _FORBIDDEN_CALLS or (isinstance(func, ast.Name) and name in _FORBIDDEN_BUILTINS):
                found.append(f"{name}(...) at line {node.lineno}")
            if name in ("load", "loads") and isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                if func.value.id in _FORBIDDEN_MODULES:
                    found.append(f"{func.value.id}.{name}(...) at line {node.lineno}")
    return found


def test_scan_finds_what_it_looks_for(tmp_path):
    """A control: the scanners flag each forbidden use in a sample module."""
    sample = textwrap.dedent(
        '''
        """Docstrings may say: we never call eval( or pickle.load on data."""
        import pickle, yaml
        from marshal import loads
        import shelve
        x = eval("1")  # comment: exec( too
        exec("y = 2")
        obj = pickle.loads(b"")
        cfg = yaml.load("a: 1")
        mod = __import__("os")
        '''
    )
    code = _code_only(sample)
    hits = {name for name, pattern in _TEXT_PATTERNS.items() if re.search(pattern, code)}
    assert hits == {"pickle.load", "eval(", "exec(", "yaml.load", "marshal", "shelve"}
    assert "never call" not in code  # docstrings and comments are not scanned
    path = tmp_path / "sample.py"
    path.write_text(sample, encoding="utf-8")
    assert len(_ast_findings(path)) == 9  # 4 imports, eval, exec, pickle.loads, yaml.load, __import__


def test_source_has_no_code_execution_from_data():
    problems = []
    for path in _modules():
        relative = str(path.relative_to(REPO))
        allowed = ALLOWED.get(relative, {})
        code = _code_only(path.read_text(encoding="utf-8"))
        for name, pattern in _TEXT_PATTERNS.items():
            if re.search(pattern, code) and name not in allowed:
                problems.append(f"{relative}: {name}")
        problems += [f"{relative}: {f}" for f in _ast_findings(path) if f.split("(")[0] not in allowed]
    assert not problems, "code execution from data:\n" + "\n".join(problems)
    assert len(_modules()) > 40  # the scan really saw the package


# -- 2. user files with code in them are read as data ------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def _imports_done(tmp_path_factory):
    """Load one benign file of each kind first: importing a module runs code (marshal, exec),
    which the trip wires must not mistake for the data file being run."""
    from discourse.actors import ActorRegistry, find_mentions
    from discourse.lexicons import load_lexicon
    from discourse.lexicons.dic import read_dic
    from discourse.rhetoric import RhetoricAnalyzer

    folder = tmp_path_factory.mktemp("benign")
    actor = {"id": "x", "name": "X Corp", "kind": "group", "names": ["X Corp"]}
    (folder / "a.json").write_text(json.dumps({"actors": [actor]}), encoding="utf-8")
    (folder / "a.toml").write_text('[[actors]]\nid = "x"\nname = "X"\nkind = "group"\nnames = ["X"]\n', encoding="utf-8")
    (folder / "d.dic").write_text("%\n1\tpos\n%\ngood\t1\n", encoding="utf-8")
    (folder / "w.txt").write_text("# name: w\nword\n", encoding="utf-8")
    for name in ("a.json", "a.toml"):
        find_mentions("X Corp", ActorRegistry.from_file(folder / name))
    read_dic(folder / "d.dic").apply("good")
    RhetoricAnalyzer(dictionaries=[folder / "d.dic"]).analyze("good")
    load_lexicon(folder / "w.txt")
    for bad in ("a.py", "a.yaml"):
        (folder / bad).write_text("x = 1", encoding="utf-8")
        with pytest.raises(LexiconError):
            ActorRegistry.from_file(folder / bad)
    (folder / "bad.toml").write_text("x = = 1", encoding="utf-8")
    with pytest.raises(LexiconError):
        ActorRegistry.from_file(folder / "bad.toml")


@contextlib.contextmanager
def trip_wires():
    """Fail loudly if anything evaluates code or unpickles inside the block."""
    wires = ((builtins, "eval"), (builtins, "exec"), (builtins, "compile"),
             (pickle, "load"), (pickle, "loads"), (marshal, "load"), (marshal, "loads"))
    saved = [(module, name, getattr(module, name)) for module, name in wires]

    def tripped(label):
        def wire(*args, **kwargs):
            raise AssertionError(f"{label} was called while reading a data file")

        return wire

    for module, name in wires:
        setattr(module, name, tripped(f"{module.__name__}.{name}"))
    try:
        yield
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


def _payloads(sentinel: Path) -> list[str]:
    """Strings that would create `sentinel` (or print 49) if anything ran them."""
    path = str(sentinel)
    return [
        f"__import__('pathlib').Path({path!r}).touch()",
        f"exec(\"open({path!r}, 'w').close()\")",
        f"!!python/object/apply:os.system ['touch {path}']",
        "{{7*7}} ${jndi:ldap://x/a} $(touch pwned) `touch pwned` %(x)s",
        f"eval(compile('open({path!r}, \"w\")', 'x', 'exec'))",
    ]


def test_actor_registry_toml_with_code_is_data(tmp_path):
    from discourse.actors import ActorRegistry, find_mentions

    sentinel = tmp_path / "PWNED"
    payloads = _payloads(sentinel)
    aliases = ", ".join(json.dumps(p) for p in payloads)  # JSON strings are valid TOML basic strings
    toml = (
        "# name: hostile\n# source: a test of issue 9\n"
        "[[actors]]\n"
        f'id = "evil"\nname = {json.dumps(payloads[0])}\nkind = "group"\n'
        f"names = [{aliases}, \"Evil Corp\"]\n"
    )
    path = tmp_path / "actors.toml"
    path.write_text(toml, encoding="utf-8")
    with trip_wires():
        registry = ActorRegistry.from_file(path)
        text = f"They wrote {payloads[0]} and Evil Corp answered."
        mentions = find_mentions(text, registry)
    actor = registry["evil"]
    assert actor.name == payloads[0]
    assert [a.text for a in actor.aliases] == payloads + ["Evil Corp"]  # verbatim strings
    assert registry.meta["name"] == "hostile"
    surfaces = [m.surface(text) for m in mentions]
    assert "Evil Corp" in surfaces
    assert not sentinel.exists()


def test_actor_registry_json_with_code_is_data(tmp_path):
    from discourse.actors import ActorRegistry

    sentinel = tmp_path / "PWNED"
    payloads = _payloads(sentinel)
    data = {"meta": {"source": payloads[1]},
            "actors": [{"id": "evil", "name": "Evil", "kind": "group", "names": payloads + ["Evil"]}]}
    path = tmp_path / "actors.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with trip_wires():
        registry = ActorRegistry.from_file(path)
    assert [a.text for a in registry["evil"].aliases] == payloads + ["Evil"]
    assert registry.meta["source"] == payloads[1]
    # object hooks that other loaders honour are plain unknown fields here
    for hostile in ({"actors": [{"id": "x", "name": "X", "kind": "group", "names": ["X"], "__reduce__": "os.system"}]},
                    {"actors": [], "__class__": "subprocess.Popen"},
                    {"py/object": "os.system", "actors": []}):
        path.write_text(json.dumps(hostile), encoding="utf-8")
        with pytest.raises(LexiconError, match="unknown"), trip_wires():
            ActorRegistry.from_file(path)
    assert not sentinel.exists()


def test_actor_registry_refuses_code_files(tmp_path):
    from discourse.actors import ActorRegistry

    sentinel = tmp_path / "PWNED"
    code = f"open({str(sentinel)!r}, 'w').close()\nACTORS = []\n"
    for name in ("actors.py", "actors.pkl", "actors.yaml", "actors.toml", "actors.json"):
        path = tmp_path / name
        path.write_text(code, encoding="utf-8")
        with pytest.raises(LexiconError), trip_wires():  # wrong suffix or not TOML/JSON: an error
            ActorRegistry.from_file(path)
    path = tmp_path / "actors.pkl"
    path.write_bytes(b"cos\nsystem\n(S'touch " + str(sentinel).encode() + b"'\ntR.")  # a real pickle exploit
    with pytest.raises(LexiconError), trip_wires():
        ActorRegistry.from_file(path)
    assert not sentinel.exists()


def test_dic_with_code_is_data(tmp_path):
    from discourse.lexicons.dic import read_dic
    from discourse.rhetoric import RhetoricAnalyzer

    sentinel = tmp_path / "PWNED"
    payload = f"__import__('pathlib').Path('{sentinel}').touch()"  # no white space: one category name
    dic = tmp_path / "hostile.dic"
    dic.write_text(
        "%\n1\tpos\n2\t" + payload.replace("\t", " ") + "\n%\n"
        "good\t1\n"
        "eval(1)\t2\n"
        "__import__\t2\n",
        encoding="utf-8",
    )
    with trip_wires():
        d = read_dic(dic)
        hits = d.apply("good eval(1) __import__('os')")
        result = RhetoricAnalyzer(dictionaries=[dic]).analyze("good and eval(1)")
    assert d.categories == ("pos", payload)
    assert [len(hits[c]) for c in d.categories] == [1, 2]
    assert result.count(f"hostile:{payload}") == 1
    assert not sentinel.exists()


def test_word_list_with_code_is_data(tmp_path):
    from discourse.lexicons import load_lexicon

    sentinel = tmp_path / "PWNED"
    path = tmp_path / "hostile.txt"
    path.write_text(
        f"# name: hostile\n# source: __import__('os').system('touch {sentinel}')\n"
        f"exec(open('{sentinel}','w'))\t1\n{{{{7*7}}}}\n",
        encoding="utf-8",
    )
    with trip_wires():
        lexicon = load_lexicon(path)
    assert lexicon.meta["source"].startswith("__import__(")
    assert set(lexicon.terms()) == {f"exec(open('{sentinel}','w'))".lower(), "{{7*7}}"}
    assert not sentinel.exists()


# -- 3. interrupted runs leave no partial table ------------------------------------------------


def _threads(n: int) -> list[Thread]:
    return [
        Thread(
            Article(id=f"t{i}", title=f"Headline {i}", text=f"Russia warned the US. Report {i}."),
            tuple(Comment(id=f"c{j}", text=f"Comment {j} on {i}: the US lied!", parent_id=f"c{j - 1}" if j else None)
                  for j in range(3)),
        )
        for i in range(n)
    ]


@pytest.fixture
def corpus_file(tmp_path) -> Path:
    from discourse.io import write_jsonl

    path = tmp_path / "corpus.jsonl"
    write_jsonl(_threads(6), path)
    return path


def _snapshot(folder: Path) -> dict[str, str]:
    """Every entry of the folder (hidden ones included) -> SHA-256 of its bytes ('dir' for folders)."""
    return {
        str(p.relative_to(folder)): "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def previous(corpus_file, tmp_path) -> tuple[Path, dict[str, str]]:
    """An output folder holding complete results of an earlier run."""
    from discourse.pipeline.analysis import analyze_path

    out = tmp_path / "out"
    analyze_path(corpus_file, out=out, progress=False, n_boot=50)
    snapshot = _snapshot(out)
    assert "manifest.json" in snapshot and "units.parquet" in snapshot
    return out, snapshot


def _raise_on_thread(monkeypatch, exception: BaseException, thread_id: str = "t3") -> None:
    """Make the rhetoric stage fail on the first unit of `thread_id` (mid-corpus)."""
    from discourse.pipeline.stages import RhetoricStage

    original = RhetoricStage.analyze_unit

    def failing(self, unit):
        if unit.thread_id == thread_id:
            raise exception
        return original(self, unit)

    monkeypatch.setattr(RhetoricStage, "analyze_unit", failing)


@pytest.mark.parametrize("exception", [RuntimeError("stage failed"), KeyboardInterrupt()], ids=["error", "ctrl-c"])
def test_interrupted_run_keeps_previous_results(exception, corpus_file, previous, monkeypatch):
    from discourse.pipeline.analysis import analyze_path
    from discourse.results import Results

    out, before = previous
    expected = Results.load(out)
    _raise_on_thread(monkeypatch, exception)
    with pytest.raises(type(exception)):
        analyze_path(corpus_file, out=out, progress=False, n_boot=50, sentiment="textblob")
    assert _snapshot(out) == before  # same files, same bytes, no staging folder left
    again = Results.load(out)  # hashes verified against the manifest
    assert again.provenance == expected.provenance
    assert again.provenance["parameters"]["sentiment"] == "vader"  # the old run's, not the new one's


def test_interrupted_first_run_writes_nothing(corpus_file, tmp_path, monkeypatch):
    from discourse.pipeline.analysis import analyze_path

    out = tmp_path / "fresh"
    _raise_on_thread(monkeypatch, RuntimeError("stage failed"))
    with pytest.raises(RuntimeError):
        analyze_path(corpus_file, out=out, progress=False, n_boot=50)
    assert _snapshot(out) == {}


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_malformed_record_mid_corpus_keeps_previous_results(n_jobs, corpus_file, previous):
    """A strict read failing at line 4 of 6, after three threads were analysed (and in workers)."""
    from discourse.pipeline.analysis import analyze_path

    out, before = previous
    lines = corpus_file.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[3] = lines[3][: len(lines[3]) // 2] + "\n"  # truncated record
    corpus_file.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as info:
        analyze_path(corpus_file, out=out, progress=False, n_boot=50, n_jobs=n_jobs)
    assert info.value.line == 4 and Path(info.value.source).name == "corpus.jsonl"
    assert _snapshot(out) == before


_KILLED_RUN = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from discourse.pipeline.analysis import analyze_path
    from discourse.pipeline.stages import RhetoricStage

    corpus, out, marker = sys.argv[1:4]
    original = RhetoricStage.analyze_unit

    def stalling(self, unit):
        if unit.thread_id == "t3":  # mid-corpus: tell the test, then wait to be killed
            Path(marker).touch()
            time.sleep(120)
        return original(self, unit)

    RhetoricStage.analyze_unit = stalling
    analyze_path(corpus, out=out, progress=False, n_boot=50, sentiment="textblob")
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_run_leaves_previous_results_loadable(corpus_file, previous, tmp_path):
    """SIGKILL mid-corpus (power cut, out-of-memory killer): no cleanup code runs at all."""
    from discourse.results import Results

    out, before = previous
    marker = tmp_path / "reached-t3"
    process = subprocess.Popen([sys.executable, "-c", _KILLED_RUN, str(corpus_file), str(out), str(marker)],
                               cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the run never reached thread t3"
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()
    assert _snapshot(out) == before  # the staging folder is beside the results, not in them
    staging = [p for p in out.parent.iterdir() if p.name.startswith(".out.partial-")]
    assert staging  # the killed run's staging folder: hidden, never mistaken for results
    assert Results.load(out).provenance["parameters"]["sentiment"] == "vader"


# -- 4. the command line on a malformed file ---------------------------------------------------


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "discourse", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_cli_malformed_jsonl_fails_cleanly(corpus_file, tmp_path):
    lines = corpus_file.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = '{"id": "t2", "comments": [{"id": "c1", "text": "cut off here\n'
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "cli-out"
    result = _cli("analyze", str(bad), "--out", str(out), "--quiet", cwd=tmp_path)
    assert result.returncode == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, result.stderr  # one line, no traceback
    assert message.startswith(f"discourse: error: {bad}:3: "), message
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not out.exists() or _snapshot(out) == {}  # no output files at all

    lenient = _cli("analyze", str(bad), "--out", str(out), "--quiet", "--lenient", "--table-format", "csv", cwd=tmp_path)
    assert lenient.returncode == 0, lenient.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    # the cut line held the start of thread t2 and of its comment c1: 2 records (issue 18)
    assert manifest["input"]["records_skipped"] == 2 and manifest["input"]["threads"] == 5
    report = (out / "read_report.csv").read_text(encoding="utf-8").splitlines()
    assert len(report) == 2 and report[1].startswith(f"{bad},3,")


@pytest.mark.slow
def test_cli_actor_file_with_code_is_data(tmp_path):
    """The same hostile registry through ``discourse analyze --actors``: its aliases are matched
    as text and written to the tables verbatim; nothing runs."""
    from discourse.io import write_jsonl

    sentinel = tmp_path / "PWNED"
    payload = f"__import__('pathlib').Path({str(sentinel)!r}).touch()"
    registry = tmp_path / "hostile.toml"
    registry.write_text(
        f'[[actors]]\nid = "evil"\nname = "Evil"\nkind = "group"\nnames = [{json.dumps(payload)}, "Evil Corp"]\n',
        encoding="utf-8",
    )
    corpus = tmp_path / "t.jsonl"
    write_jsonl([Thread(Article(id="t", text="Evil Corp denied it."),
                        (Comment(id="c1", text=f"They typed {payload} here."),))], corpus)
    out = tmp_path / "out"
    result = _cli("analyze", str(corpus), "--out", str(out), "--actors", str(registry), "--quiet",
                  "--table-format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    import pandas as pd

    mentions = pd.read_csv(out / "mentions.csv", keep_default_na=False)
    assert set(mentions["actor"]) == {"evil"}
    assert set(mentions["alias"]) == {"Evil Corp", payload}
    assert not sentinel.exists()


# -- 5. saved results come back equal, whatever the texts hold ---------------------------------

NASTY = ["a\rb", "\r\n", "x\x00y", "\x85z\u2028\u2029", "\ufeffBOM", '"quoted", with, commas\n', "=1+1",
         "NaN", "None", "null", "1e5", "-0", " leading", "trailing\t", "\u202eRTL", "\U0001f600\u200d", "e\u0301"]


def _blank_as_missing(frame):
    import pandas as pd

    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object:
            values = [None if value == "" else value for value in frame[column]]
            frame[column] = pd.Series(values, index=frame.index, dtype=object)
    return frame


@pytest.mark.parametrize("table_format", ["csv", "parquet"])
def test_saved_results_load_back_equal(tmp_path, table_format):
    from discourse.pipeline.analysis import analyze
    from discourse.results import Results

    thread = Thread(
        Article(id="a\r1", title="NaN", text="The US said\rno."),
        tuple(Comment(id=f"c{i}", text=t, author=t, parent_id=None) for i, t in enumerate(NASTY)),
    )
    results = analyze(thread, n_boot=50)
    folder = results.save(tmp_path / "saved", format=table_format)
    back = Results.load(folder)
    assert list(back.tables) == [*results.tables, "comments", "threads"]  # (with the wide views)
    assert back["comments"].equals(results.comments()) and back["threads"].equals(results.threads())
    for name, frame in results.tables.items():
        # CSV has one empty field for "" and for missing: an empty string comes back as None
        # (and Parquet holds the same values, so the same frames come back from either)
        assert back[name].equals(_blank_as_missing(frame)), name
    assert back["units"]["text"].tolist()[2:] == NASTY
    # and pandas, reading the files with its defaults, sees the same rows
    pd = pytest.importorskip("pandas")
    if table_format == "csv":
        units = pd.read_csv(folder / "units.csv", keep_default_na=False)
    else:
        units = pd.read_parquet(folder / "units.parquet")
    assert units["text"].tolist()[2:] == NASTY
