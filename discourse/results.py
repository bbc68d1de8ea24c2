"""The results of an analysis: tidy tables plus the provenance that made them.

A :class:`Results` holds one pandas DataFrame per table (see :mod:`discourse.schema` for every
table's documented, stable columns) and a provenance record. :meth:`Results.save` writes each
table as CSV and a ``manifest.json`` (provenance, and each table's file, row count, columns and
SHA-256); :meth:`Results.load` reads them back and checks the hashes. Files are moved into the
output folder only when all of them are complete, the manifest last, so an interrupted run never
leaves a table that looks complete.

Examples
--------
>>> import tempfile
>>> from discourse.datasets import load_seed
>>> from discourse.analysis import analyze
>>> results = analyze(load_seed())
>>> folder = results.save(tempfile.mkdtemp())
>>> Results.load(folder).tables["features"].equals(results.tables["features"])
True
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from discourse.errors import InputError
from discourse.provenance import canonical_json, file_sha256
from discourse.schema import SCHEMAS, TABLE_ORDER
from discourse.tables import CsvTableWriter, read_table

__all__ = ["Results", "ResultsWriter", "MANIFEST"]

MANIFEST = "manifest.json"
"""File name of the provenance manifest in a results folder."""


class ResultsWriter:
    """Write result tables row by row into a folder, atomically (streaming, bounded memory).

    Rows go to CSV files in a hidden staging folder inside `folder`; :meth:`close` writes the
    manifest and moves every file into place (manifest last). If anything fails, :meth:`abort`
    (or leaving the ``with`` block by an exception) removes the staging folder, so the output
    folder holds either the complete previous results or the complete new ones.

    Parameters
    ----------
    folder : path-like
        Output folder (created if missing).
    tables : iterable of str
        The tables to write (names in :data:`discourse.schema.SCHEMAS`); each gets a file even
        if it ends up with no rows.

    Examples
    --------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> with ResultsWriter(out, ["read_report"]) as writer:
    ...     writer.write("read_report", [{"source": "x.jsonl", "line": 3, "reason": "bad", "action": "skipped", "records": 1}])
    ...     manifest = writer.close({"input": {}})
    >>> manifest["tables"]["read_report"]["rows"]
    1
    """

    def __init__(self, folder: str | os.PathLike[str], tables: Iterable[str]) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self._staging = Path(tempfile.mkdtemp(prefix=".partial-", dir=self.folder))
        self._handles: dict[str, Any] = {}
        self._writers: dict[str, CsvTableWriter] = {}
        for name in tables:
            handle = open(self._staging / f"{name}.csv", "w", encoding="utf-8", newline="")
            self._handles[name] = handle
            self._writers[name] = CsvTableWriter(handle, SCHEMAS[name])
        self._closed = False

    def write(self, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """Append rows to a table."""
        self._writers[table].write_many(rows)

    def write_formatted(self, table: str, text: str, n_rows: int) -> None:
        """Append `n_rows` rows already formatted as CSV lines (:class:`~discourse.tables.CsvFormatter`)."""
        self._writers[table].write_formatted(text, n_rows)

    def close(self, provenance: Mapping[str, Any]) -> dict[str, Any]:
        """Finish: write the manifest (provenance + table index) and move all files into place."""
        index = {}
        for name, handle in self._handles.items():
            handle.close()
            path = self._staging / f"{name}.csv"
            index[name] = {
                "file": path.name,
                "rows": self._writers[name].rows,
                "columns": [c.name for c in SCHEMAS[name]],
                "sha256": file_sha256(path),
            }
        manifest = {**provenance, "tables": index}
        (self._staging / MANIFEST).write_text(canonical_json(manifest), encoding="utf-8")
        stale = self.folder / MANIFEST
        if stale.exists():
            stale.unlink()  # the old manifest must not vouch for a mix of old and new tables
        for name in index:
            os.replace(self._staging / f"{name}.csv", self.folder / f"{name}.csv")
        os.replace(self._staging / MANIFEST, self.folder / MANIFEST)
        shutil.rmtree(self._staging, ignore_errors=True)
        self._closed = True
        return manifest

    def abort(self) -> None:
        """Discard everything written so far."""
        for handle in self._handles.values():
            handle.close()
        shutil.rmtree(self._staging, ignore_errors=True)
        self._closed = True

    def __enter__(self) -> ResultsWriter:
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if not self._closed:
            self.abort()


class Results:
    """Tidy result tables and their provenance.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        One DataFrame per table, with the columns of :data:`discourse.schema.SCHEMAS`.
    provenance : mapping
        Versions, parameters, lexicons and input description (see :mod:`discourse.provenance`).

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> from discourse.analysis import analyze
    >>> r = analyze(load_seed())
    >>> list(r.tables)[:3]
    ['units', 'segments', 'sentiment']
    >>> r["units"].shape[0]
    18
    """

    def __init__(self, tables: Mapping[str, Any], provenance: Mapping[str, Any]) -> None:
        self.tables = dict(tables)
        self.provenance = dict(provenance)

    def __getitem__(self, name: str) -> Any:
        return self.tables[name]

    def __contains__(self, name: object) -> bool:
        return name in self.tables

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(frame)}" for name, frame in self.tables.items())
        return f"Results({sizes})"

    def evidence(
        self,
        *,
        actor: str | list[str] | None = None,
        part: str | None = None,
        feature: str | list[str] | None = None,
        sentiment: str | None = None,
        source: str | None = "author",
        thread_id: str | None = None,
    ) -> Any:
        """The evidence behind a number: one row per span, with its text and contribution.

        Give one of `actor` (stance toward that actor: id or display name), `feature` (a
        rhetorical feature) or `sentiment` (a method, e.g. ``"vader"``); `part` restricts to
        ``"article"`` or ``"comments"``. The columns are the same for every measure (see
        :func:`discourse.evidence.evidence_table`), including ``span``, the one text encoding
        of spans used in every table (``term@start:end(+0.123)``), and ``context``, the
        sentence (article) or comment the span sits in.

        Examples
        --------
        >>> from discourse.analysis import analyze
        >>> from discourse.datasets import load_seed
        >>> e = analyze(load_seed()).evidence(feature="hedges", part="comments")
        >>> e[["unit_id", "surface", "span"]].iloc[0].tolist()
        ['c02', 'MAYBE', 'hedges@389:394(+1.000)']
        """
        from discourse.evidence import evidence_table

        return evidence_table(
            self, actor=actor, part=part, feature=feature, sentiment=sentiment, source=source, thread_id=thread_id
        )

    def save(self, folder: str | os.PathLike[str]) -> Path:
        """Write every table as CSV plus ``manifest.json`` into `folder`; return the folder.

        The same results give byte-identical files.
        """
        names = [name for name in TABLE_ORDER if name in self.tables]
        with ResultsWriter(folder, names) as writer:
            for name in names:
                frame = self.tables[name]
                columns = list(frame.columns)
                writer.write(name, (dict(zip(columns, row)) for row in _rows(frame)))
            writer.close(self.provenance)
        return Path(folder)

    @classmethod
    def load(cls, folder: str | os.PathLike[str], *, verify: bool = True) -> Results:
        """Read results written by :meth:`save` or ``discourse analyze``.

        Parameters
        ----------
        folder : path-like
        verify : bool
            Check each table's SHA-256 against the manifest (default) and raise
            :class:`~discourse.errors.InputError` on a mismatch.
        """
        import json

        folder = Path(folder)
        manifest_path = folder / MANIFEST
        if not manifest_path.exists():
            raise InputError(f"no {MANIFEST}: not a results folder (or an unfinished run)", source=str(folder))
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        tables = {}
        index = manifest.get("tables", {})
        names = [n for n in TABLE_ORDER if n in index] + sorted(n for n in index if n not in TABLE_ORDER)
        for name in names:
            entry = index[name]
            path = folder / entry["file"]
            if verify and file_sha256(path) != entry["sha256"]:
                raise InputError(
                    "file changed since the analysis wrote it (SHA-256 differs from the manifest)",
                    source=str(path),
                )
            tables[name] = read_table(str(path), SCHEMAS[name])
        provenance = {key: value for key, value in manifest.items() if key != "tables"}
        return cls(tables, provenance)


def _rows(frame: Any) -> Iterable[tuple[Any, ...]]:
    """Rows of a DataFrame as plain Python values (pandas NA and NaN become None)."""
    import pandas as pd

    for row in frame.itertuples(index=False, name=None):
        yield tuple(None if _is_missing(value, pd) else value for value in row)


def _is_missing(value: Any, pd: Any) -> bool:
    if isinstance(value, (list, dict, tuple)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
