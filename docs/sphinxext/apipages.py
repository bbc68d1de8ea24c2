"""Write the API reference: one page per public module, each with a summary table (autosummary)
and the reference of every public name, plus an index page grouping the modules.

Run from ``conf.py`` at every build, so the reference always lists exactly the public names of
the code being documented (a module's ``__all__``, or its public functions and classes when it
has none). Each function or class is documented once, in the module that defines it; modules
that re-export it (``discourse.plotting``) list it in a table that links there.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

# Sections of the index, in the order data flows through the library; a module goes to the
# first section with a matching prefix.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Model, input and output", ("discourse.model", "discourse.errors", "discourse.datasets", "discourse.io")),
    ("Text layer and lexicons", ("discourse.text", "discourse.lexicons")),
    ("Sentiment", ("discourse.sentiment",)),
    ("Actors and stance", ("discourse.actors", "discourse.stance", "discourse.attribution",
                           "discourse.relations", "discourse.predication", "discourse.actor_analysis")),
    ("Rhetoric and incivility", ("discourse.rhetoric", "discourse.incivility")),
    ("Pipeline", ("discourse.pipeline",)),
    ("Results, schemas and provenance", ("discourse.results", "discourse.evidence", "discourse.progress",
                                         "discourse.citation")),
    ("Plotting and figures", ("discourse.plotting", "discourse.plotting.figures")),
    ("Validation", ("discourse.validation",)),
    ("Fitting the shipped models", ("discourse.training",)),
    ("Command line", ("discourse.cli",)),
)


# Old locations kept importable for 0.1 scripts; they warn and get no page of their own.
DEPRECATED_ALIASES = frozenset({"discourse.analysis", "discourse.cluster"})


def public_modules(package: str = "discourse") -> list[str]:
    """Importable public modules of `package` (no component starting with ``_``), sorted."""
    root = importlib.import_module(package)
    names = [package]
    for info in pkgutil.walk_packages(root.__path__, prefix=package + "."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]) or info.name in DEPRECATED_ALIASES:
            continue
        names.append(info.name)
    return sorted(names)


def _public_names(module) -> list[str]:
    names = getattr(module, "__all__", None)
    if names is not None:
        return [n for n in names if not n.startswith("__")]
    return [
        name for name, obj in vars(module).items()
        if not name.startswith("_") and (inspect.isfunction(obj) or inspect.isclass(obj))
        and getattr(obj, "__module__", None) == module.__name__
    ]


def _attribute_docs(modname: str) -> set[str]:
    """Module-level names documented by a docstring after their assignment (or a ``#:`` comment)."""
    from sphinx.pycode import ModuleAnalyzer

    try:
        docs = ModuleAnalyzer.for_module(modname).find_attr_docs()
    except Exception:  # no source (compiled module): document nothing as data
        return set()
    return {name for (namespace, name) in docs if namespace == ""}


def _page(modname: str) -> str:
    module = importlib.import_module(modname)
    own: list[tuple[str, str]] = []  # (name, directive)
    reexported: list[str] = []  # canonical dotted paths
    for name in _public_names(module):
        obj = getattr(module, name, None)
        if obj is None or inspect.ismodule(obj):
            continue
        home = getattr(obj, "__module__", None)
        if (inspect.isfunction(obj) or inspect.isclass(obj)) and home != modname:
            reexported.append(f"{home}.{getattr(obj, '__qualname__', name)}")
            continue
        if inspect.isclass(obj):
            own.append((name, "autoclass"))
        elif inspect.isfunction(obj) or callable(obj) and not isinstance(obj, (dict, list, tuple)):
            own.append((name, "autofunction"))
        elif name in _attribute_docs(modname):
            own.append((name, "autodata"))
        else:
            # A constant without its own docstring would show its type's docstring (dict()...):
            # declared by name only, described by its module.
            own.append((name, "data"))
    title = f"``{modname}``"
    lines = [title, "=" * len(title), "", f".. automodule:: {modname}", "   :no-members:", ""]
    summarised = [name for name, directive in own if directive != "data"]
    if summarised:
        lines += [".. rubric:: Summary", "", ".. autosummary::", "   :nosignatures:", ""]
        lines += [f"   {name}" for name in summarised]
        lines.append("")
    if reexported:
        # Listed under their defining module (where they are documented), so the links work.
        lines += [".. rubric:: Also importable from here", ""]
        homes: dict[str, list[str]] = {}
        for path in reexported:
            home, _, name = path.rpartition(".")
            homes.setdefault(home, []).append(name)
        for home, names in homes.items():
            lines += [f".. currentmodule:: {home}", "", ".. autosummary::", "   :nosignatures:", ""]
            lines += [f"   {name}" for name in names]
            lines.append("")
        lines += [f".. currentmodule:: {modname}", ""]
    if own:
        lines += [".. rubric:: Reference", ""]
        for name, directive in own:
            if directive == "data":
                lines += [f".. py:data:: {name}", "", "   A public constant; see the module description above.", ""]
                continue
            lines.append(f".. {directive}:: {name}")
            if directive == "autoclass":
                lines.append("   :members:")
            if directive == "autodata":
                lines.append("   :no-value:")
            lines.append("")
    return "\n".join(lines)


def write_api_pages(folder: Path) -> list[str]:
    """Write ``folder/index.md`` and one ``folder/<module>.rst`` per public module; return the
    module names. Files are only rewritten when their content changes (fast rebuilds)."""
    folder.mkdir(parents=True, exist_ok=True)
    modules = public_modules()
    wanted = {f"{m}.rst" for m in modules} | {"index.md"}
    for stale in folder.iterdir():
        if stale.name not in wanted:
            stale.unlink()
    grouped: dict[str, list[str]] = {title: [] for title, _ in SECTIONS}
    grouped["Other modules"] = []
    for modname in modules:
        _write(folder / f"{modname}.rst", _page(modname))
        for title, prefixes in SECTIONS:
            if any(modname == p or modname.startswith(p + ".") for p in prefixes):
                grouped[title].append(modname)
                break
        else:
            if modname != "discourse":
                grouped["Other modules"].append(modname)
    index = [
        "# API reference",
        "",
        "One page per module, each with a summary table and the reference of every public name",
        "(NumPy-style docstrings, each with a short example). Modules are listed in the order data",
        "flows through the library. The package itself:",
        "",
        "```{toctree}",
        ":maxdepth: 1",
        "",
        "discourse",
        "```",
        "",
    ]
    for title, members in grouped.items():
        if not members:
            continue
        index += [f"## {title}", "", "```{toctree}", ":maxdepth: 1", ""] + members + ["```", ""]
    _write(folder / "index.md", "\n".join(index))
    return modules


def _write(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
