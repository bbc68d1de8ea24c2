"""The results of an analysis: tidy tables plus the provenance that made them.

A :class:`Results` holds one pandas DataFrame per table (see :mod:`discourse.results.schema` for every
table's documented, stable columns) and a provenance record. :meth:`Results.save` writes each
table as CSV and a ``manifest.json`` (provenance, and each table's file, row count, columns and
SHA-256); :meth:`Results.load` reads them back and checks them.

A results folder is replaced as a whole: the new tables (and figures) are written into a hidden
staging folder beside it and swapped in with one atomic rename, so the folder always holds the
complete previous results or the complete new ones, even if the process is killed at any point
(see :class:`ResultsWriter`).

Examples
--------
>>> import tempfile
>>> from discourse.datasets import load_seed
>>> from discourse.pipeline.analysis import analyze
>>> results = analyze(load_seed())
>>> folder = results.save(tempfile.mkdtemp())
>>> Results.load(folder).tables["features"].equals(results.tables["features"])
True
"""

from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from discourse.errors import ResultsError
from discourse.io.atomic import fsync_path
from discourse.model import SURROGATE_ERRORS
from discourse.results.provenance import canonical_json, file_sha256
from discourse.results.columns import DTYPES, Column, CsvTableWriter, parse_table
from discourse.results.schema import ALL_TABLES, SCHEMAS, WIDE_TABLES, table_columns

__all__ = ["Results", "ResultsWriter", "MANIFEST", "FIGURES", "MAX_TABLE_BYTES", "TABLE_FORMATS"]

TABLE_FORMATS = ("parquet", "csv")
"""Table file formats: Parquet (the default: typed, compact) or CSV."""

MANIFEST = "manifest.json"
"""File name of the provenance manifest in a results folder."""

FIGURES = "figures"
"""Sub-folder of a results folder that holds the standard figures (``--figures``)."""

MAX_TABLE_BYTES = 1 << 34
"""Default size limit of one table file read by :meth:`Results.load` (16 GiB)."""

_MAX_MANIFEST_BYTES = 1 << 26
_TABLE_FILE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\.(csv|parquet)")
_ROW_GROUP_ROWS = 100_000  # Parquet: rows buffered per table before a row group is written,
_ROW_GROUP_BYTES = 1 << 24  # ... or this many bytes of Arrow data (uncompressed),
_PENDING_BYTES = 24 << 20  # ... and the largest buffers are written while all hold this many compressed bytes
# (these sizes fix the row groups of every table; a row group is written without a combined
# copy of its numeric columns, see _row_group)
_BUFFER_COMPRESSION = "zstd"  # buffered rows are kept as compressed Arrow IPC (3-6 times smaller)
_NUMBERS_IN_DICTIONARY_PAGE = (1 << 20) // 8  # (Parquet's dictionary page limit, 1 MiB, in 8-byte values)
_PENDING_PIECES = 64  # a table's buffered pieces (one per thread) are combined into one this often
_SHA256 = re.compile(r"[0-9a-f]{64}")
_STAGING = ".partial-"  # staging folders: ".<name>.partial-<pid>-<random>" beside the results


class ResultsWriter:
    """Write result tables into a folder, atomically, streaming (bounded memory).

    Tables go to Parquet (default) or CSV files in a hidden staging folder *beside* `folder`
    (``.<name>.partial-<pid>-<random>``). :meth:`close` writes the manifest there and then
    replaces `folder` with the staging folder in one step: an atomic exchange of the two
    folders (``renameat2(RENAME_EXCHANGE)`` on Linux; elsewhere two renames, and a run killed
    between them is rolled back by the next one). So `folder` holds the complete previous
    results or the complete new ones, never a mix, whenever the process is killed; files of an
    earlier run that the new one does not write (such as old figures) go with the old folder.

    `folder` must be new, empty, or an earlier results folder holding nothing but its
    manifest, the tables it lists and ``figures/``: a user's own files are never overwritten or
    removed (:class:`~discourse.errors.ResultsError` before anything is written). Staging
    folders left by killed runs are removed.

    If anything fails, :meth:`abort` (or leaving the ``with`` block by an exception) removes the
    staging folder.

    Parameters
    ----------
    folder : path-like
        Output folder (created if missing, with its parents).
    tables : iterable of str
        The tables to write (names in :data:`discourse.results.schema.SCHEMAS`); each gets a file even
        if it ends up with no rows. Wide tables, whose columns are known later, are added with
        :meth:`add_table`.
    format : {"parquet", "csv"}
        The table file format. Parquet rows are buffered per table (compressed) and written as
        row groups of 100,000 rows or 16 MiB of Arrow data, whichever comes first; while all
        buffers together hold 24 MiB (compressed) or more, the largest one is written early. So
        the files depend only on the rows, memory stays bounded, and a table has few row groups
        (a writer keeps about 0.84 KB per column chunk of metadata until the file is closed).
        The writers work in a thread of their own, so their C allocations stay apart from the
        caller's.

    Examples
    --------
    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> with ResultsWriter(out, ["read_report"]) as writer:
    ...     writer.write("read_report", [{"source": "x.jsonl", "line": 3, "reason": "bad", "action": "skipped", "records": 1}])
    ...     manifest = writer.close({"input": {}})
    >>> manifest["tables"]["read_report"]["rows"], manifest["tables"]["read_report"]["file"]
    (1, 'read_report.parquet')
    """

    def __init__(self, folder: str | os.PathLike[str], tables: Iterable[str], *, format: str = "parquet") -> None:
        if format not in TABLE_FORMATS:
            raise ValueError(f"format must be one of {TABLE_FORMATS}, not {format!r}")
        self.folder = Path(folder)
        self.format = format
        self._target = Path(os.path.realpath(self.folder))  # a symlinked folder is replaced where it lives
        _recover_interrupted_swap(self._target)
        _check_target(self._target, shown=self.folder)
        self._target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_staging(self._target)
        self._staging = Path(
            tempfile.mkdtemp(prefix=f".{self._target.name}{_STAGING}{os.getpid()}-", dir=self._target.parent)
        )
        self._handles: dict[str, Any] = {}
        self._writers: dict[str, Any] = {}
        self._thread: Any = None  # Parquet: the one thread that encodes and writes (see _in_writer_thread)
        self._columns: dict[str, tuple[Column, ...]] = {}
        self._pending: dict[str, _Buffered] = {}
        self._pending_table_bytes: dict[str, int] = {}  # compressed bytes buffered per table
        self._pending_bytes = 0
        self._done: set[str] = set()
        self._manifest: dict[str, Any] | None = None
        self._closed = False
        try:
            for name in tables:
                self.add_table(name, SCHEMAS[name])
        except BaseException:
            self.abort()
            raise

    def add_table(self, name: str, columns: Iterable[Column]) -> None:
        """Start a table with these columns (used for the wide tables, whose columns depend on
        the actors and features)."""
        columns = tuple(columns)
        path = self._staging / f"{name}.{self.format}"
        self._columns[name] = columns
        if self.format == "csv":
            # (a lone surrogate in a user's own table is written as U+FFFD, never fails a run)
            handle = open(path, "w", encoding="utf-8", errors=SURROGATE_ERRORS, newline="")
            self._handles[name] = handle
            self._writers[name] = CsvTableWriter(handle, columns)
        else:
            from discourse.results.parquet import ParquetTableWriter

            self._writers[name] = self._in_writer_thread(ParquetTableWriter, path, columns)
            self._pending[name] = _Buffered(self._writers[name].schema)

    def columns(self, table: str) -> tuple[Column, ...]:
        """The columns of a table being written."""
        return self._columns[table]

    def path(self, table: str) -> Path:
        """The staged file of a table."""
        return self._staging / f"{table}.{self.format}"

    def complete(self, table: str) -> None:
        """Write the rest of a table and close its file, so it can be read back (the wide
        tables are built from the staged tidy tables); idempotent."""
        if table in self._done:
            return
        if self.format == "csv":
            handle = self._handles[table]
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        else:
            self._flush(table)
            self._in_writer_thread(self._writers[table].close)
            with open(self.path(table), "rb") as handle:
                os.fsync(handle.fileno())
        self._done.add(table)

    @property
    def staging(self) -> Path:
        """The staging folder: after :meth:`finish`, a complete results folder (figures go here)."""
        return self._staging

    def write(self, table: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """Append rows (dicts keyed by column name) to a table."""
        if self.format == "csv":
            self._writers[table].write_many(rows)
            return
        from discourse.results.parquet import arrow_table

        rows = rows if isinstance(rows, list) else list(rows)
        if rows:
            extra = set(rows[0]) - {c.name for c in self._columns[table]}
            if extra:
                raise KeyError(f"record has keys that are not columns: {sorted(extra)}")
            names = [c.name for c in self._columns[table]]
            self.write_arrow(table, arrow_table(self._columns[table], {n: [r.get(n) for r in rows] for n in names}))

    def write_formatted(self, table: str, text: str, n_rows: int) -> None:
        """CSV only: append `n_rows` rows already formatted as CSV lines
        (:class:`~discourse.results.columns.CsvFormatter`)."""
        self._writers[table].write_formatted(text, n_rows)

    def write_arrow(self, table: str, data: Any) -> None:
        """Parquet only: append an Arrow table of this table's schema (buffered into row groups)."""
        if not data.num_rows:
            return
        buffered = self._pending[table]
        size = buffered.size
        buffered.add(data)
        self._add_bytes(table, buffered.size - size)
        if buffered.rows >= _ROW_GROUP_ROWS or buffered.raw_bytes >= _ROW_GROUP_BYTES:
            self._flush(table)
            return
        if buffered.pieces >= _PENDING_PIECES:
            # many small pieces of a small table (one per thread): one piece, less to decode
            size = buffered.size
            buffered.compact()
            self._add_bytes(table, buffered.size - size)
        while self._pending_bytes >= _PENDING_BYTES:  # (bounded memory: the sizes, not the time, decide)
            # the largest buffer first (ties by name): small tables are not cut into many row groups
            self._flush(max(self._pending_table_bytes, key=lambda name: (self._pending_table_bytes[name], name)))

    def _add_bytes(self, table: str, n: int) -> None:
        self._pending_table_bytes[table] = self._pending_table_bytes.get(table, 0) + n
        self._pending_bytes += n

    def _flush(self, table: str) -> None:
        import pyarrow as pa

        buffered = self._pending[table]
        if buffered.rows:
            self._in_writer_thread(_write_row_group, self._writers[table], buffered)
            self._pending_bytes -= self._pending_table_bytes.pop(table)
            pa.default_memory_pool().release_unused()  # (mimalloc keeps freed pages otherwise)

    def _in_writer_thread(self, function: Any, *args: Any) -> Any:
        """Call `function` in this writer's own thread and wait for it (its exceptions are raised here).

        Every Parquet writer is created, fed and closed in one thread, so glibc serves the C
        allocations of the writers (the row groups' metadata, kept until a file is closed, and
        the encoding buffers) from that thread's own arena: they are not interleaved with the
        analysis's short-lived allocations in the main heap, where each kept block would pin
        the free space around it. The calls and their order are the same, so are the bytes.
        """
        if self._thread is None:
            from concurrent.futures import ThreadPoolExecutor

            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="discourse-parquet")
        return self._thread.submit(function, *args).result()

    def _stop_thread(self) -> None:
        if self._thread is not None:
            self._thread.shutdown(wait=True)
            self._thread = None

    def finish(self, provenance: Mapping[str, Any]) -> dict[str, Any]:
        """Complete the staging folder: close the tables, write the manifest; return it.

        The staging folder is then a results folder that :meth:`Results.load` reads (the
        figures are drawn from it); nothing has touched `folder` yet.
        """
        index = {}
        plugged = [n for n in self._writers if n not in ALL_TABLES]  # tables of plug-in analysers
        for name in [n for n in ALL_TABLES if n in self._writers] + plugged:
            path = self.path(name)
            self.complete(name)
            index[name] = {
                "file": path.name,
                "rows": self._writers[name].rows,
                "columns": [c.name for c in self._columns[name]],
                "sha256": file_sha256(path),
            }
            if name in plugged:  # no schema of this version declares them: the manifest does
                index[name]["dtypes"] = [c.dtype for c in self._columns[name]]
                index[name]["descriptions"] = [c.description for c in self._columns[name]]
        self._stop_thread()
        manifest = {**provenance, "tables": index}
        with open(self._staging / MANIFEST, "w", encoding="utf-8") as handle:
            handle.write(canonical_json(manifest))
            handle.flush()
            os.fsync(handle.fileno())
        self._manifest = manifest
        return manifest

    def publish(self) -> None:
        """Replace `folder` with the finished staging folder in one atomic step."""
        if self._manifest is None:
            raise RuntimeError("call finish() before publish()")
        os.chmod(self._staging, _folder_mode(self._target))
        _fsync_tree(self._staging)
        _replace_folder(self._staging, self._target)
        self._closed = True

    def close(self, provenance: Mapping[str, Any]) -> dict[str, Any]:
        """Finish and publish: write the manifest (provenance + table index) and swap the folder in."""
        manifest = self.finish(provenance)
        self.publish()
        return manifest

    def abort(self) -> None:
        """Discard everything written so far."""
        for handle in self._handles.values():
            handle.close()
        for writer in self._writers.values():
            if hasattr(writer, "close") and self.format == "parquet":
                try:
                    self._in_writer_thread(writer.close)
                except Exception:  # noqa: BLE001 - the files are removed anyway
                    pass
        self._stop_thread()
        shutil.rmtree(self._staging, ignore_errors=True)
        self._closed = True

    def __enter__(self) -> ResultsWriter:
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if not self._closed:
            self.abort()


class _Buffered:
    """A table's rows waiting for their row group, as compressed Arrow IPC in memory.

    A row group's metadata stays in memory until its file is closed (about 0.84 KB per column
    chunk), so large row groups keep memory low over a long run; compressed, the buffers hold
    3-6 times more rows in the same memory. The rows come back exactly (same values, chunks and
    dictionaries), so the row group's bytes are those of the uncompressed pieces.
    """

    def __init__(self, schema: Any) -> None:
        self.schema = schema
        self._open()

    def _open(self) -> None:
        import pyarrow as pa

        self._sink = pa.BufferOutputStream()
        options = pa.ipc.IpcWriteOptions(compression=_BUFFER_COMPRESSION)
        self._stream = pa.ipc.new_stream(self._sink, self.schema, options=options)
        self.pieces = 0
        self.rows = 0
        self.raw_bytes = 0  # the Arrow bytes of the pieces as given (uncompressed)

    @property
    def size(self) -> int:
        """Compressed bytes held."""
        return self._sink.tell()

    def add(self, data: Any) -> None:
        """Append an Arrow table of this schema."""
        self._stream.write_table(data)
        self.pieces += 1
        self.rows += data.num_rows
        self.raw_bytes += data.nbytes

    def take(self) -> Any:
        """The buffered rows as one Arrow table (in the pieces given); the buffer is emptied."""
        import pyarrow as pa

        self._stream.close()
        table = pa.ipc.open_stream(self._sink.getvalue()).read_all()
        self._open()
        return table

    def compact(self) -> None:
        """Keep the buffered pieces as one piece (same rows, same Arrow bytes counted)."""
        rows, raw = self.rows, self.raw_bytes
        self.add(self.take().combine_chunks())
        self.rows, self.raw_bytes = rows, raw


def _write_row_group(writer: Any, buffered: _Buffered) -> None:
    """Write a table's buffered rows as one row group (in the writer thread)."""
    writer.write(_row_group(buffered.take()))


def _row_group(table: Any) -> Any:
    """A row group's buffered pieces as one table, copying only its text columns: the writer
    encodes a chunked numeric column as it would the combined one (same bytes), but a text or
    dictionary column may switch from dictionary to plain encoding (past 1 MiB of distinct
    values) at another row when its pieces are separate, so those are combined (and every column
    of a row group so long that 8-byte numbers could pass 1 MiB of distinct values)."""
    import pyarrow as pa

    short = table.num_rows <= _NUMBERS_IN_DICTIONARY_PAGE
    columns = [
        column
        if column.num_chunks == 1 or (short and not (pa.types.is_string(column.type) or pa.types.is_dictionary(column.type)))
        else pa.chunked_array([column.combine_chunks()], type=column.type)
        for column in table.columns
    ]
    return pa.Table.from_arrays(columns, schema=table.schema)


# -- the output folder ------------------------------------------------------------------------
def _check_target(target: Path, *, shown: Path) -> None:
    """Refuse an output path that is a file, or a folder holding anything but earlier results."""
    if not target.exists():
        if target.is_symlink():
            raise ResultsError("is a broken symbolic link", source=str(shown))
        return
    if not target.is_dir():
        raise ResultsError(
            "exists and is not a folder; results are a folder of tables",
            source=str(shown),
            fix="choose a new or empty folder",
        )
    names = {entry.name for entry in os.scandir(target) if not _is_staging(entry.name)}
    if not names:
        return
    ours = _results_files(target)
    if ours is None:
        raise ResultsError(
            f"is not empty and is not a results folder (no {MANIFEST}): it holds "
            f"{_listing(names)}; results would replace the whole folder",
            source=str(shown),
            fix="choose a new or empty folder",
        )
    foreign = names - ours
    if foreign:
        raise ResultsError(
            f"holds earlier results and also files that are not part of them: {_listing(foreign)};"
            " results replace the whole folder",
            source=str(shown),
            fix="move those files away, or choose another folder",
        )


def _results_files(folder: Path) -> set[str] | None:
    """The names an earlier results folder may hold (manifest, its tables, figures), or None."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
        return None
    files = {MANIFEST, FIGURES}
    for entry in manifest["tables"].values():
        if isinstance(entry, dict) and isinstance(entry.get("file"), str):
            files.add(entry["file"])
    return files


def _listing(names: set[str]) -> str:
    shown = sorted(names)
    more = f" and {len(shown) - 5} more" if len(shown) > 5 else ""
    return ", ".join(shown[:5]) + more


def _is_staging(name: str) -> bool:
    return name.startswith(_STAGING)  # (staging folders inside a results folder: releases <= 0.1)


def _remove_stale_staging(target: Path) -> None:
    """Remove staging folders of runs that were killed (their process is gone)."""
    prefix = f".{target.name}{_STAGING}"
    for entry in os.scandir(target.parent):
        if entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False):
            pid = entry.name[len(prefix) :].split("-", 1)[0]
            if not (pid.isdigit() and _alive(int(pid))):
                shutil.rmtree(entry.path, ignore_errors=True)
    if target.is_dir():
        for entry in os.scandir(target):
            if _is_staging(entry.name) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)


def _recover_interrupted_swap(target: Path) -> None:
    """Put back previous results that a run killed between the two renames of the fallback
    swap (no atomic exchange) left aside as ``.<name>.old-<pid>-*``, if the folder is missing."""
    if target.exists() or target.is_symlink() or not target.parent.is_dir():
        return
    prefix = f".{target.name}.old-"
    for entry in sorted(os.scandir(target.parent), key=lambda e: e.name):
        if entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False):
            pid = entry.name[len(prefix) :].split("-", 1)[0]
            if not (pid.isdigit() and _alive(int(pid))) and (Path(entry.path) / MANIFEST).is_file():
                os.rename(entry.path, target)
                return


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _folder_mode(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o777 & ~umask


def _fsync_tree(folder: Path) -> None:
    """Persist the staging folder's entries before it is renamed into place."""
    for sub in [folder, *(p for p in folder.iterdir() if p.is_dir())]:
        fsync_path(sub)


def _replace_folder(staging: Path, target: Path) -> None:
    """Put `staging` at `target` atomically; the previous `target`, if any, is removed."""
    if not target.exists():
        os.rename(staging, target)
    elif _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous results
    else:  # no atomic exchange here: two renames (a kill between them is undone by the next run)
        old = staging.with_name(staging.name.replace(_STAGING, ".old-", 1))
        os.rename(target, old)
        os.rename(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    fsync_path(target.parent)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


class Results(Mapping[str, Any]):
    """Tidy result tables and their provenance: a read-only mapping of table name to DataFrame.

    Iterate over it for the table names (``list(results)``, ``results.keys()``,
    ``results.items()``); ``results["stance"]`` is one table, and an unknown name raises a
    :class:`KeyError` that lists the tables there are.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        One DataFrame per table, with the columns of :data:`discourse.results.schema.SCHEMAS`.
    provenance : mapping
        Versions, parameters, lexicons and input description (see :mod:`discourse.results.provenance`).

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> from discourse.pipeline.analysis import analyze
    >>> r = analyze(load_seed())
    >>> list(r)[:3]
    ['units', 'segments', 'sentiment']
    >>> r["units"].shape[0]
    18
    >>> {name: len(frame) for name, frame in r.items()}["sentiment_summary"]
    4
    """

    def __init__(
        self,
        tables: Mapping[str, Any],
        provenance: Mapping[str, Any],
        schemas: Mapping[str, tuple[Column, ...]] | None = None,
    ) -> None:
        self.tables = dict(tables)
        self.provenance = dict(provenance)
        #: Columns of the tables of plug-in analysers (the built-in ones are in SCHEMAS).
        self.schemas = dict(schemas or {})

    def __getitem__(self, name: str) -> Any:
        try:
            return self.tables[name]
        except (KeyError, TypeError):
            raise KeyError(
                f"no table {name!r} in these results; the tables are {', '.join(self.tables) or '(none)'}"
            ) from None

    def __contains__(self, name: object) -> bool:
        return name in self.tables

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    # A mapping of DataFrames: equality would compare frames element-wise (ambiguous); identity.
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(frame)}" for name, frame in self.tables.items())
        return f"Results({sizes})"

    def comments(
        self,
        actors: str | list[str] | None = None,
        features: str | list[str] | None = None,
        *,
        top: int = 5,
    ) -> Any:
        """One row per comment: ids, reply tree, author, time, words, sentiment, incivility,
        stance toward actors and feature rates per 1,000 words (see :mod:`discourse.results.wide`).

        Parameters
        ----------
        actors : str or list of str, optional
            Actors for the stance columns (ids, names or aliases, as for :meth:`evidence`);
            default: the `top` most mentioned in comments.
        features : str or list of str, optional
            Features for the rate columns (default: all of the analysis).
        top : int
            How many actors when `actors` is not given.

        Examples
        --------
        >>> from discourse.datasets import load_seed
        >>> from discourse.pipeline.analysis import analyze
        >>> wide = analyze(load_seed()).comments(actors=["Russia", "US"], features=["questions"])
        >>> wide.shape, str(wide["created"].dtype), str(wide["sentiment_label"].dtype)
        ((16, 17), 'datetime64[ns, UTC]', 'category')
        """
        from discourse.results.wide import comment_table

        return comment_table(self, actors, features, top=top)

    def threads(
        self,
        actors: str | list[str] | None = None,
        features: str | list[str] | None = None,
        *,
        top: int = 5,
    ) -> Any:
        """One row per thread: article vs comments sentiment, shares uncivil and intolerant,
        stance toward actors per part, feature rates per part (see :mod:`discourse.results.wide`).

        Examples
        --------
        >>> from discourse.datasets import load_seed
        >>> from discourse.pipeline.analysis import analyze
        >>> analyze(load_seed()).threads(actors="Russia", features=[])["stance_comments_russia"].round(3).tolist()
        [-0.459]
        """
        from discourse.results.wide import thread_table

        return thread_table(self, actors, features, top=top)

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
        >>> from discourse.pipeline.analysis import analyze
        >>> from discourse.datasets import load_seed
        >>> e = analyze(load_seed()).evidence(feature="hedges", part="comments")
        >>> e[["unit_id", "surface", "span"]].iloc[0].tolist()
        ['c02', 'MAYBE', 'hedges@389:394(+1.000)']
        """
        from discourse.evidence import evidence_table

        return evidence_table(
            self, actor=actor, part=part, feature=feature, sentiment=sentiment, source=source, thread_id=thread_id
        )

    def save(self, folder: str | os.PathLike[str], format: str = "parquet") -> Path:
        """Write every table plus ``manifest.json`` into `folder`; return the folder.

        Besides the tidy tables, the folder gets the wide views ``comments`` and ``threads``
        (:meth:`comments`, :meth:`threads` with their defaults), as ``discourse analyze``
        writes them. The same results give byte-identical files.

        Parameters
        ----------
        folder : path-like
            New, empty, or earlier results (replaced as a whole; see :class:`ResultsWriter`).
        format : {"parquet", "csv"}
            Table file format (default Parquet).
        """
        names = [name for name in SCHEMAS if name in self.tables]
        undeclared = [n for n in self.tables if n not in ALL_TABLES and n not in self.schemas]
        if undeclared:
            raise ResultsError(
                f"table(s) {undeclared} have no declared columns (built-in tables are in "
                "discourse.results.schema; a plug-in analyser's are in Results.schemas); nothing was written",
                source=str(folder),
            )
        wide = {name: self.tables[name] for name in WIDE_TABLES if name in self.tables}
        if "units" in self.tables:
            if "comments" not in wide:
                wide["comments"] = self.comments()
            if "threads" not in wide:
                wide["threads"] = self.threads()
        with ResultsWriter(folder, names, format=format) as writer:
            for name in names:
                write_frame(writer, name, self.tables[name])
            for name, frame in wide.items():
                writer.add_table(name, table_columns(name, list(frame.columns)))
                write_frame(writer, name, frame)
            for name, columns in self.schemas.items():
                if name in self.tables:
                    writer.add_table(name, columns)
                    write_frame(writer, name, self.tables[name])
            writer.close(self.provenance)
        return Path(folder)

    @classmethod
    def load(
        cls, folder: str | os.PathLike[str], *, verify: bool = True, max_bytes: int = MAX_TABLE_BYTES
    ) -> Results:
        """Read results written by :meth:`save` or ``discourse analyze``.

        Reads Parquet and CSV tables alike and returns the same frames from either. Only files
        inside `folder` are read: each table's ``file`` in the manifest must be a plain
        ``*.parquet`` or ``*.csv`` file name (no path, no ``..``), a regular file (not a
        symbolic link, a device or a pipe) of at most `max_bytes`. Every value is checked
        against its column's type (CSV: each value parsed; Parquet: each column's stored type),
        and the row count and columns against the manifest.

        Parameters
        ----------
        folder : path-like
        verify : bool
            Check each table's SHA-256 against the manifest (default).
        max_bytes : int
            Size limit of one table file (default :data:`MAX_TABLE_BYTES`).

        Raises
        ------
        discourse.errors.ResultsError
            For anything wrong with the folder, the manifest or a table, naming the file (and
            line, field) and what is wrong.

        Examples
        --------
        >>> import tempfile
        >>> Results.load(tempfile.mkdtemp())  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        discourse.errors.ResultsError: ...manifest.json: missing: not a results folder (or an unfinished run)
        """
        folder = Path(folder)
        if not folder.is_dir():
            raise ResultsError("no such folder" if not folder.exists() else "not a folder", source=str(folder))
        manifest_path = str(folder / MANIFEST)
        raw = _read_inside(folder, MANIFEST, _MAX_MANIFEST_BYTES, missing="not a results folder (or an unfinished run)")
        try:
            manifest = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise ResultsError(f"not valid UTF-8 (byte {exc.start})", source=manifest_path) from None
        except (ValueError, RecursionError) as exc:
            raise ResultsError(f"not valid JSON: {exc}", source=manifest_path) from None
        if not isinstance(manifest, dict):
            raise ResultsError(f"must be a JSON object, not {_json_type(manifest)}", source=manifest_path)
        index = manifest.get("tables")
        if not isinstance(index, dict):
            what = "missing" if index is None else f"must be an object (table name -> entry), not {_json_type(index)}"
            raise ResultsError(what, source=manifest_path, field="tables")
        unknown = sorted(name for name in index if name not in ALL_TABLES and not _declares_dtypes(index[name]))
        if unknown:
            raise ResultsError(
                f"unknown table(s) {unknown}; this version knows {list(ALL_TABLES)}",
                source=manifest_path,
                field="tables",
            )
        tables = {}
        for name in [n for n in ALL_TABLES if n in index]:
            tables[name] = _load_table(folder, name, index[name], verify=verify, max_bytes=max_bytes)
        schemas = {}
        for name in [n for n in index if n not in ALL_TABLES]:
            schemas[name] = _plugged_columns(name, index[name], manifest_path)
            tables[name] = _load_table(folder, name, index[name], verify=verify, max_bytes=max_bytes, declared=schemas[name])
        provenance = {key: value for key, value in manifest.items() if key != "tables"}
        return cls(tables, provenance, schemas)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _declares_dtypes(entry: Any) -> bool:
    return isinstance(entry, dict) and "dtypes" in entry


_COLUMN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")


def _plugged_columns(name: str, entry: Mapping[str, Any], manifest_path: str) -> tuple[Column, ...]:
    """The columns of a plug-in analyser's table, as its manifest entry declares them."""
    names: Any  # JSON values of the manifest, checked next
    dtypes: Any
    names, dtypes = entry.get("columns"), entry.get("dtypes")
    ok = (
        isinstance(names, list) and isinstance(dtypes, list) and len(names) == len(dtypes) == len(set(map(str, names)))
        and all(isinstance(n, str) and _COLUMN_NAME.fullmatch(n) for n in names)
        and all(isinstance(d, str) and d in DTYPES for d in dtypes)
    )
    if not ok:
        raise ResultsError(
            f"must list the columns (names) and dtypes (one of {', '.join(DTYPES)} each) of a plug-in table",
            source=manifest_path,
            field=f"tables.{name}",
        )
    descriptions = entry.get("descriptions")
    if not (isinstance(descriptions, list) and len(descriptions) == len(names)
            and all(isinstance(d, str) and len(d) <= 1000 for d in descriptions)):
        descriptions = [""] * len(names)  # (optional: only what the columns mean)
    return tuple(Column(n, d, text) for n, d, text in zip(names, dtypes, descriptions))


def _load_table(
    folder: Path, name: str, entry: Any, *, verify: bool, max_bytes: int, declared: tuple[Column, ...] | None = None
) -> Any:
    """One table of a results folder, checked against its manifest entry (`declared`: the
    columns of a plug-in analyser's table)."""
    manifest_path = str(folder / MANIFEST)
    where = f"tables.{name}"
    if not isinstance(entry, dict):
        raise ResultsError(f"must be an object, not {_json_type(entry)}", source=manifest_path, field=where)
    file = entry.get("file")
    if not isinstance(file, str) or not _TABLE_FILE.fullmatch(file):
        raise ResultsError(
            f"must be a plain *.parquet or *.csv file name inside the folder, not {file!r:.80}"
            " (results only ever read their own folder)",
            source=manifest_path,
            field=f"{where}.file",
        )
    expected_hash = entry.get("sha256")
    if verify and not (isinstance(expected_hash, str) and _SHA256.fullmatch(expected_hash)):
        raise ResultsError(
            f"must be a SHA-256 (64 hex digits), not {expected_hash!r:.80}", source=manifest_path, field=f"{where}.sha256"
        )
    rows = entry.get("rows")
    if rows is not None and (isinstance(rows, bool) or not isinstance(rows, int) or rows < 0):
        raise ResultsError(f"must be a row count, not {rows!r:.80}", source=manifest_path, field=f"{where}.rows")
    columns = entry.get("columns")
    if columns is not None and not (isinstance(columns, list) and all(isinstance(c, str) for c in columns)):
        raise ResultsError(f"must be a list of column names, not {columns!r:.80}", source=manifest_path, field=f"{where}.columns")
    data = _read_inside(folder, file, max_bytes, missing="listed in the manifest but not in the folder")
    path = str(folder / file)
    if verify and hashlib.sha256(data).hexdigest() != expected_hash:
        raise ResultsError(
            "file changed since the analysis wrote it (SHA-256 differs from the manifest)", source=path
        )
    if name in WIDE_TABLES and columns is None:
        raise ResultsError("must list the columns of a wide table", source=manifest_path, field=f"{where}.columns")

    def resolve(names: list[str]) -> tuple[Column, ...]:
        known = declared if declared is not None else table_columns(name, names if name in WIDE_TABLES else None)
        by_name = {c.name: c for c in known}
        unknown = [n for n in names if n not in by_name]
        if unknown:
            raise KeyError(unknown)
        return tuple(by_name[n] for n in names)

    if file.endswith(".parquet"):
        from discourse.results.parquet import parse_parquet

        frame = parse_parquet(data, resolve, source=path)
    else:
        try:
            csv_columns = resolve(columns) if name in WIDE_TABLES or declared is not None else SCHEMAS[name]  # type: ignore[arg-type]  # these tables list their columns (checked above, or by _plugged_columns)
        except KeyError as exc:
            raise ResultsError(f"columns not in the schema: {exc.args[0]}", source=manifest_path, field=f"{where}.columns") from None
        frame = parse_table(data, csv_columns, source=path)
    if name in WIDE_TABLES:
        from discourse.results.wide import wide_dtypes

        frame = frame.astype(wide_dtypes(list(frame.columns)))
    if columns is not None and list(frame.columns) != columns:
        raise ResultsError(f"columns {list(frame.columns)} differ from the manifest's {columns}", source=path, line=1)
    if rows is not None and len(frame) != rows:
        raise ResultsError(f"{len(frame)} rows, the manifest says {rows}", source=path)
    return frame


def _read_inside(folder: Path, name: str, limit: int, *, missing: str) -> bytes:
    """The bytes of the regular file `name` directly in `folder` (no symlink, at most `limit`)."""
    path = folder / name
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        if path.is_symlink():
            raise ResultsError("is a symbolic link; results are read only from their own folder", source=str(path))
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ResultsError(f"missing: {missing}", source=str(path)) from None
    except OSError as exc:
        reason = "is a symbolic link" if exc.errno == errno.ELOOP else f"cannot be opened ({exc.strerror})"
        raise ResultsError(reason, source=str(path)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ResultsError("not a regular file (a device, pipe or folder); results are plain files", source=str(path))
        if info.st_size > limit:
            raise ResultsError(
                f"is {info.st_size} bytes, more than the limit of {limit}",
                source=str(path),
                fix="pass max_bytes= to Results.load to allow more",
            )
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 << 24, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise ResultsError(f"grew beyond the limit of {limit} bytes while being read", source=str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)


def write_frame(writer: ResultsWriter, name: str, frame: Any) -> None:
    """Append a DataFrame (the table's columns) to a table of `writer`, in either format."""
    columns = writer.columns(name)
    if writer.format == "csv":
        names = list(frame.columns)
        writer.write(name, (dict(zip(names, row)) for row in _rows(frame)))
        return
    from discourse.results.parquet import arrow_table

    missing = [c.name for c in columns if c.name not in frame.columns]
    extra = [n for n in frame.columns if n not in {c.name for c in columns}]
    if missing or extra:
        raise KeyError(f"table {name!r}: columns {extra} are not declared, {missing} are absent")
    data: dict[str, Any] = {}
    for column in columns:
        series = frame[column.name]
        if column.dtype in ("str", "json", "category"):
            values = series.astype(object)
            data[column.name] = values.where(series.notna(), None).tolist()
        else:
            data[column.name] = series
    if len(frame):
        writer.write_arrow(name, arrow_table(columns, data))


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
