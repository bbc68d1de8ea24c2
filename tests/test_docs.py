"""The documentation tells the truth: Getting started prints what it shows, the API reference
lists every public plotting function, and no page names a path of one machine."""

from __future__ import annotations

import contextlib
import io
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def test_getting_started_shows_real_output(tmp_path, monkeypatch):
    """Every Python block followed by a text block prints exactly that text (run in order, in
    one namespace, as a reader would paste them)."""
    page = (DOCS / "getting_started.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(\w+)\n(.*?)```", page, flags=re.S)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    checked = 0
    for (lang, code), following in zip(blocks, blocks[1:] + [("", "")]):
        if lang != "python" or following[0] != "text":
            continue
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, "getting_started.md", "exec"), namespace)  # noqa: S102 - our own docs
        assert out.getvalue().strip() == following[1].strip()
        checked += 1
    assert checked >= 3


def test_api_reference_lists_every_plot_and_table_function():
    sys.path.insert(0, str(DOCS / "sphinxext"))
    try:
        from apipages import _page, public_modules
    finally:
        sys.path.remove(str(DOCS / "sphinxext"))
    from discourse import plotting

    modules = public_modules()
    for name in ("discourse.plotting", "discourse.plotting.stance", "discourse.plotting.figures", "discourse.evidence"):
        assert name in modules
    text = "\n".join(_page(m) for m in modules if m.startswith("discourse.plotting"))
    for name in plotting.__all__:
        assert f".. autofunction:: {name}" in text, name  # documented in its module
    page = _page("discourse.plotting")
    assert all(f"   {name}" in page for name in plotting.__all__)  # listed on the package page


@pytest.mark.parametrize("pattern", [r"/work/", r"/root/", r"/home/\w+", r"\bvenv/bin/(?!activate)"])
def test_no_machine_specific_paths(pattern):
    sources = [p for p in DOCS.rglob("*") if p.suffix in {".md", ".rst", ".py", ".ipynb", ".txt"}]
    sources = [p for p in sources if not {"api", "gallery", "_build"} & set(p.relative_to(DOCS).parts)]
    sources += list((ROOT / "examples").glob("*.py")) + [ROOT / "README.md", ROOT / "CITATION.cff"]
    hits = [f"{p.relative_to(ROOT)}" for p in sources if re.search(pattern, p.read_text(encoding="utf-8"))]
    assert not hits, f"machine-specific path {pattern!r} in {hits}"
