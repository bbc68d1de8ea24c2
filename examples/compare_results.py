"""Compare the full analysis before and after a change: every table, column by column.
=====================================================================================

A change meant to make the library faster (or to reorganise it) must not change a number. This
script runs the full analysis on fixed corpora, writes every table, and compares two such
folders::

    # before: in a checkout of the old code
    PYTHONPATH=. python examples/compare_results.py run /tmp/before --shared ../shared
    # after: in the new checkout
    PYTHONPATH=. python examples/compare_results.py run /tmp/after --shared ../shared
    python examples/compare_results.py diff /tmp/before /tmp/after

Corpora (``run``):

``seed``
    the bundled seed thread (:func:`discourse.datasets.load_seed`);
``synthetic3000``
    ``synthetic_corpus(3000, comments_per_thread=100, seed=0)``;
``sfu``
    with ``--shared DIR``: the non-empty ``comment`` texts of
    ``DIR/eval/comments/SFU_constructiveness_toxicity.csv``, in file order, 100 per thread under an
    empty article (skipped when the file is absent).

Each corpus is analysed with ``analyze(corpus, sentiment="vader", features="all")`` and each
table is written as ``<corpus>/<table>.csv`` with floats in their shortest exact form (``repr``),
so two floats are equal exactly when their strings are. The folder is the script's own format,
independent of the library's output format, so folders written by different versions compare.

``diff`` compares the folders table by table and column by column: strings and integers must be
equal; floats must be equal too, and where they are not the largest absolute difference is
printed. Tables and columns present only in the new folder are reported as *added* (not as
differences); ones missing from it as *removed* (a difference). A column whose values are equal
as numbers but written differently (``1`` and ``1.0``: a dtype change) is reported as a note.
It prints ``identical`` or the first differences and exits with status 0 when nothing differs,
1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SFU_CSV = Path("eval") / "comments" / "SFU_constructiveness_toxicity.csv"
PER_THREAD = 100
ANALYSIS_PARAMS = {"sentiment": "vader", "features": "all"}


# -- run ---------------------------------------------------------------------------------------


def corpora(shared: Path | None) -> Iterator[tuple[str, Any]]:
    """The named corpora to analyse: seed, synthetic (3,000 comments) and SFU when available."""
    from discourse.datasets import load_seed
    from discourse.datasets.synthetic import synthetic_corpus

    yield "seed", [load_seed()]
    yield "synthetic3000", list(synthetic_corpus(3000, comments_per_thread=PER_THREAD, seed=0))
    if shared is not None:
        path = shared / SFU_CSV
        if path.is_file():
            yield "sfu", sfu_threads(path)
        else:
            print(f"sfu: skipped, {path} not found", file=sys.stderr)


def sfu_threads(path: Path) -> list[Any]:
    """The SFU comments as threads of 100 comments under empty articles."""
    import pandas as pd

    from discourse.model import Article, Comment, Thread

    frame = pd.read_csv(path, usecols=["comment"], dtype=str, keep_default_na=False)
    texts = [text for text in frame["comment"] if text.strip()]
    return [
        Thread(
            Article(id=f"sfu-t{start // PER_THREAD:04d}"),
            tuple(Comment(id=f"c{start + k:05d}", text=text) for k, text in enumerate(texts[start : start + PER_THREAD])),
        )
        for start in range(0, len(texts), PER_THREAD)
    ]


def _cell(value: Any) -> str:
    """One cell as text: floats in shortest exact form, missing values as the empty string."""
    if value is None:
        return ""
    try:
        if value != value:  # NaN, pd.NA raises TypeError below
            return ""
    except (TypeError, ValueError):
        pass
    if type(value).__name__ == "NAType" or type(value).__name__ == "NaTType":
        return ""
    if isinstance(value, float) or type(value).__name__ in ("float64", "float32"):
        return repr(float(value))
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            return str(value.item())
        except (ValueError, AttributeError):
            pass
    return str(value)


def write_table(frame: Any, path: Path) -> int:
    """Write `frame` as CSV with exact float text; return the number of rows."""
    import csv

    if not hasattr(frame, "itertuples") and hasattr(frame, "to_pandas"):
        frame = frame.to_pandas()  # (a pyarrow Table or similar, should Results hold those)
    columns = [str(c) for c in frame.columns]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in frame.itertuples(index=False, name=None):
            writer.writerow([_cell(v) for v in row])
    return len(frame)


def _tables_of(results: Any) -> dict[str, Any]:
    tables = getattr(results, "tables", None)
    if isinstance(tables, dict):
        return tables
    return {name: results[name] for name in results.keys()}  # a Results with .keys()


def run(out: Path, shared: Path | None) -> None:
    """Analyse every corpus and write its tables into ``out/<corpus>/``."""
    from discourse.pipeline.analysis import analyze

    out.mkdir(parents=True, exist_ok=True)
    meta: dict[str, Any] = {"params": ANALYSIS_PARAMS, "corpora": {}}
    for name, threads in corpora(shared):
        folder = out / name
        folder.mkdir(exist_ok=True)
        began = time.process_time()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unmatched-name notices and the like
            results = analyze(threads, **ANALYSIS_PARAMS)
        seconds = time.process_time() - began
        sizes = {table: write_table(frame, folder / f"{table}.csv") for table, frame in _tables_of(results).items()}
        meta["corpora"][name] = {"threads": len(threads), "tables": sizes, "cpu_seconds": round(seconds, 2)}
        print(f"{name}: {len(threads)} threads, {len(sizes)} tables, analysis {seconds:.1f} s CPU -> {folder}")
    (out / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")


# -- diff --------------------------------------------------------------------------------------


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


@dataclass
class ColumnDiff:
    """Differences in one column of one table."""

    column: str
    n_cells: int = 0
    first: tuple[int, str, str] | None = None
    max_abs: float = 0.0
    numeric: bool = True
    notation_only: int = 0  # equal as numbers, written differently (dtype change)


@dataclass
class TableReport:
    """The comparison of one table."""

    name: str
    status: str = "identical"  # identical | different | added | removed
    notes: list[str] = field(default_factory=list)
    columns: list[ColumnDiff] = field(default_factory=list)


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    import csv

    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return (rows[0], rows[1:]) if rows else ([], [])


def compare_table(name: str, before: Path, after: Path) -> TableReport:
    """Compare one table's two CSV files column by column (rows by position)."""
    report = TableReport(name)
    head_a, rows_a = _read(before)
    head_b, rows_b = _read(after)
    added = [c for c in head_b if c not in head_a]
    removed = [c for c in head_a if c not in head_b]
    if added:
        report.notes.append(f"added columns: {', '.join(added)}")
    if removed:
        report.notes.append(f"removed columns: {', '.join(removed)}")
        report.status = "different"
    if len(rows_a) != len(rows_b):
        report.notes.append(f"rows: {len(rows_a)} before, {len(rows_b)} after (compared the first {min(len(rows_a), len(rows_b))})")
        report.status = "different"
    index_b = {c: k for k, c in enumerate(head_b)}
    for k, column in enumerate(head_a):
        if column not in index_b:
            continue
        j = index_b[column]
        diff = ColumnDiff(column)
        for r, (row_a, row_b) in enumerate(zip(rows_a, rows_b)):
            a, b = row_a[k], row_b[j]
            if a == b:
                continue
            fa, fb = _float(a), _float(b)
            if fa is not None and fb is not None and (fa == fb or (math.isnan(fa) and math.isnan(fb))):
                diff.notation_only += 1
                continue
            diff.n_cells += 1
            if diff.first is None:
                diff.first = (r, a, b)
            if fa is not None and fb is not None:
                diff.max_abs = max(diff.max_abs, abs(fa - fb))
            else:
                diff.numeric = False
        if diff.n_cells:
            report.status = "different"
            report.columns.append(diff)
        elif diff.notation_only:
            report.notes.append(f"column {column}: {diff.notation_only} values equal as numbers but written differently (dtype change?)")
    return report


def compare(before: Path, after: Path) -> list[tuple[str, list[TableReport]]]:
    """Compare two folders written by :func:`run`, corpus by corpus."""
    out = []
    corpora_a = {p.name for p in before.iterdir() if p.is_dir()}
    corpora_b = {p.name for p in after.iterdir() if p.is_dir()}
    for corpus in sorted(corpora_a | corpora_b):
        if corpus not in corpora_b:
            out.append((corpus, [TableReport("*", "removed", ["corpus missing after"])]))
            continue
        if corpus not in corpora_a:
            out.append((corpus, [TableReport("*", "added", ["corpus only after"])]))
            continue
        tables_a = {p.stem for p in (before / corpus).glob("*.csv")}
        tables_b = {p.stem for p in (after / corpus).glob("*.csv")}
        reports = []
        for table in sorted(tables_a | tables_b):
            if table not in tables_b:
                reports.append(TableReport(table, "removed"))
            elif table not in tables_a:
                reports.append(TableReport(table, "added"))
            else:
                reports.append(compare_table(table, before / corpus / f"{table}.csv", after / corpus / f"{table}.csv"))
        out.append((corpus, reports))
    return out


def summary(results: list[tuple[str, list[TableReport]]], max_columns: int = 5) -> tuple[str, bool]:
    """The printed summary and whether anything differs (added tables/columns do not count)."""
    lines = []
    differs = False
    for corpus, reports in results:
        bad = [r for r in reports if r.status in ("different", "removed")]
        added = [r.name for r in reports if r.status == "added"]
        same = [r.name for r in reports if r.status == "identical"]
        differs = differs or bool(bad)
        lines.append(f"{corpus}: {len(same)} tables identical" + (f", {len(bad)} differ" if bad else "")
                     + (f"; added tables: {', '.join(added)}" if added else ""))
        for report in reports:
            if report.status == "identical" and report.notes:
                lines.append(f"  {report.name}: identical; " + "; ".join(report.notes))
            if report.status == "removed":
                lines.append(f"  {report.name}: REMOVED " + "; ".join(report.notes))
            if report.status != "different":
                continue
            lines.append(f"  {report.name}: DIFFERENT" + ("; " + "; ".join(report.notes) if report.notes else ""))
            for diff in report.columns[:max_columns]:
                row, a, b = diff.first or (-1, "", "")
                size = f", max |diff| {diff.max_abs:.3g}" if diff.numeric else ""
                lines.append(f"    {diff.column}: {diff.n_cells} cells differ{size}; first at row {row}: {a[:80]!r} -> {b[:80]!r}")
            if len(report.columns) > max_columns:
                lines.append(f"    ... and {len(report.columns) - max_columns} more columns")
    lines.append("DIFFERENT" if differs else "identical")
    return "\n".join(lines), differs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_cmd = commands.add_parser("run", help="analyse the corpora and write the tables into OUT")
    run_cmd.add_argument("out", type=Path)
    run_cmd.add_argument("--shared", type=Path, default=None, help="the shared data folder (adds the SFU comments)")
    diff_cmd = commands.add_parser("diff", help="compare two folders written by 'run'")
    diff_cmd.add_argument("before", type=Path)
    diff_cmd.add_argument("after", type=Path)
    diff_cmd.add_argument("--max-columns", type=int, default=5, help="differing columns shown per table")
    args = parser.parse_args(argv)
    if args.command == "run":
        run(args.out, args.shared)
        return 0
    for folder in (args.before, args.after):
        if not folder.is_dir():
            parser.error(f"{folder} is not a folder written by 'run'")
    text, differs = summary(compare(args.before, args.after), args.max_columns)
    print(text)
    return 1 if differs else 0


if __name__ == "__main__":
    sys.exit(main())
