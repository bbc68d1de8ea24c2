"""Writing and reading result tables as CSV with declared column types, deterministically.

One writer serves both the in-memory results (:meth:`discourse.results.Results.save`) and the
streaming analysis of corpora that do not fit in memory, so both give the same bytes. Floats are
written in Python's shortest round-trip form, JSON columns with sorted keys, missing values as
empty fields; nothing depends on the locale, the time or the machine.

Examples
--------
>>> cols = (Column("unit_id", "str", "unit"), Column("score", "float", "a score"))
>>> format_row(cols, {"unit_id": "c01", "score": 0.25})
['c01', '0.25']
"""

from __future__ import annotations

import csv
import io
import json
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import IO, Any

__all__ = [
    "Column",
    "DTYPES",
    "format_value",
    "format_row",
    "CsvFormatter",
    "CsvTableWriter",
    "typed_frame",
    "ColumnCollector",
    "frame_from_records",
    "records",
    "read_table",
    "parse_table",
]

DTYPES = ("str", "int", "float", "bool", "json", "datetime", "category")
"""Column types: ``json`` holds lists or dicts (evidence spans, cue words) as JSON text;
``datetime`` is a UTC time (ISO 8601 text in CSV); ``category`` a label from a small set."""


@dataclass(frozen=True)
class Column:
    """A documented column of a result table.

    Examples
    --------
    >>> Column("score", "float", "stance score in [-1, 1]").dtype
    'float'
    """

    name: str
    dtype: str
    description: str

    def __post_init__(self) -> None:
        if self.dtype not in DTYPES:
            raise ValueError(f"column {self.name!r}: dtype must be one of {DTYPES}")


# One encoder for every JSON cell (json.dumps with options builds a new encoder per call).
_json_text = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def format_value(value: Any, dtype: str) -> str:
    """The CSV text of one value (empty for a missing value).

    Examples
    --------
    >>> format_value(0.1 + 0.2, "float"), format_value(None, "int"), format_value([1, 2], "json")
    ('0.30000000000000004', '', '[1,2]')
    """
    if value is None:
        return ""
    if dtype == "json":
        return _json_text(value)
    if isinstance(value, float) and math.isnan(value):
        return ""
    if dtype == "float":
        return float.__repr__(float(value))
    if dtype == "int":
        return str(int(value))
    if dtype == "bool":
        return "true" if bool(value) else "false"
    if dtype == "datetime":
        return _iso(value)
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return str(value)
    return str(value)


def format_row(columns: Sequence[Column], record: Mapping[str, Any]) -> list[str]:
    """A record as a list of CSV fields in column order; unknown keys are an error.

    Raises
    ------
    KeyError
        If `record` has a key that is not a column (a schema drift caught early).
    """
    extra = set(record) - {c.name for c in columns}
    if extra:
        raise KeyError(f"record has keys that are not columns: {sorted(extra)}")
    return [format_value(record.get(c.name), c.dtype) for c in columns]


class CsvFormatter:
    """Records of one table as CSV text (no header), in the declared column order.

    The text is what :class:`CsvTableWriter` appends to a file; worker processes of a parallel
    run format their rows with it, so the parent process only writes text.

    Parameters
    ----------
    columns : sequence of Column

    Examples
    --------
    >>> formatter = CsvFormatter((Column("a", "int", ""), Column("b", "str", "")))
    >>> formatter.format([{"a": 1, "b": "x,y"}, {"a": None}])
    '1,"x,y"\\n,\\n'
    """

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = tuple(columns)
        self._names = tuple(c.name for c in self.columns)
        # csv writes str(value) for anything else: Python's shortest round-trip float repr,
        # ints as digits, None as an empty field. Only JSON, bool and NaN need converting.
        self._json = tuple(i for i, c in enumerate(self.columns) if c.dtype == "json")
        self._bool = tuple(i for i, c in enumerate(self.columns) if c.dtype == "bool")
        self._float = tuple(i for i, c in enumerate(self.columns) if c.dtype == "float")
        self._datetime = tuple(i for i, c in enumerate(self.columns) if c.dtype == "datetime")
        self._checked = False
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\n")

    def format(self, records: Sequence[Mapping[str, Any]]) -> str:
        """CSV lines of `records` (dicts keyed by column name; missing keys are empty fields).

        Raises
        ------
        KeyError
            If the first record has a key that is not a column (schema drift is caught early;
            later records are not checked again, since this runs for every row of a corpus).
        """
        if not records:
            return ""
        if not self._checked:
            format_row(self.columns, records[0])  # raises on undeclared keys
            self._checked = True
        # Column by column (each a C loop or one comprehension), then rows by zip: a loop over
        # rows with a loop over columns inside cost more than the analysis of some tables.
        columns = [_column_of(records, name) for name in self._names]
        for i in self._json:
            columns[i] = [None if v is None else _json_text(v) for v in columns[i]]
        for i in self._bool:
            columns[i] = [None if v is None else ("true" if v else "false") for v in columns[i]]
        for i in self._float:
            columns[i] = [None if v != v else v for v in columns[i]]  # NaN: written as missing
        for i in self._datetime:
            columns[i] = [_iso(v) or None for v in columns[i]]
        rows = list(zip(*columns))
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        self._writer.writerows(rows)
        text = buffer.getvalue()
        if "\r" in text:
            # csv quotes a field holding a comma, a quote or "\n", but not a lone "\r", which
            # CSV readers (csv, pandas) take for a line end: quote every field of such a batch.
            buffer.seek(0)
            buffer.truncate()
            csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
            text = buffer.getvalue()
        return text


class CsvTableWriter:
    """Append records to a CSV file with a fixed header, counting rows.

    Parameters
    ----------
    handle : text file
        Opened with ``newline=""`` and UTF-8 encoding.
    columns : sequence of Column

    Examples
    --------
    >>> import io
    >>> buffer = io.StringIO()
    >>> writer = CsvTableWriter(buffer, (Column("a", "int", ""), Column("b", "str", "")))
    >>> writer.write_many([{"a": 1, "b": "x,y"}])
    >>> buffer.getvalue()
    'a,b\\n1,"x,y"\\n'
    """

    def __init__(self, handle: IO[str], columns: Sequence[Column]) -> None:
        self.columns = tuple(columns)
        self.rows = 0
        self._handle = handle
        self._formatter = CsvFormatter(self.columns)
        handle.write(",".join(c.name for c in self.columns) + "\n")  # names: plain identifiers

    def write_many(self, records: Iterable[Mapping[str, Any]]) -> None:
        """Write records (see :meth:`CsvFormatter.format`)."""
        records = records if isinstance(records, list) else list(records)
        self.write_formatted(self._formatter.format(records), len(records))

    def write_formatted(self, text: str, n_rows: int) -> None:
        """Append `n_rows` rows already formatted by a :class:`CsvFormatter` of this table."""
        self._handle.write(text)
        self.rows += n_rows


def _iso(value: Any) -> str:
    """A time as ISO 8601 text (``2017-09-22T00:07:13+00:00``); missing (None, NaT) as ``""``."""
    if value is None or value != value:  # (NaT != NaT)
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _parse(value: str, dtype: str) -> Any:
    if value == "":
        return None
    if dtype == "int":
        return int(value)
    if dtype == "float":
        return float(value)
    if dtype == "bool":
        if value not in ("true", "false"):
            raise ValueError(f"expected 'true' or 'false', got {value[:40]!r}")
        return value == "true"
    if dtype == "json":
        return json.loads(value)
    if dtype == "datetime":
        import pandas as pd

        return pd.Timestamp(value)
    return value


def typed_frame(data: Mapping[str, Sequence[Any]], columns: Sequence[Column]) -> Any:
    """A pandas DataFrame with the declared column types (used for results in memory and on disk).

    Integer columns use pandas' nullable ``Int64``, booleans ``boolean``, floats ``float64``;
    JSON and string columns hold Python objects (``None`` when missing; an empty string counts as
    missing, as it does once written to CSV).

    Examples
    --------
    >>> frame = typed_frame({"n": [1, None]}, [Column("n", "int", "")])
    >>> str(frame["n"].dtype)
    'Int64'
    """
    import pandas as pd

    arrays = {column.name: _typed_column(data.get(column.name, ()), column.dtype) for column in columns}
    # (copy=False: the arrays are new and the frame's own; copying them into one block per
    # type, pandas' default for a dict, would touch every cell again)
    return pd.DataFrame(arrays, columns=[c.name for c in columns], copy=False)


_NUMPY_NUMBERS = {"int": "int64", "float": "float64"}
_STR_TYPES = frozenset({str, type(None)})  # (exactly str: a subclass takes the general path)
# JSON values with nothing to convert: pd.isna is False for each, and None is already missing.
_PLAIN_JSON_TYPES = frozenset({list, dict, str, int, bool, type(None)})


def _typed_column(values: Sequence[Any], dtype: str) -> Any:
    """One column as a NumPy/pandas array of the declared type, converted in bulk (vectorised:
    results tables run to millions of rows)."""
    import numpy as np
    import pandas as pd

    if dtype in _NUMPY_NUMBERS:  # a column without missing values converts in one step
        try:
            numbers = np.fromiter(values, dtype=_NUMPY_NUMBERS[dtype], count=len(values))
        except (TypeError, ValueError, OverflowError):
            pass  # None, NaN (in an int column) or pd.NA: the general path below
        else:
            if dtype == "float":
                return numbers
            return pd.arrays.IntegerArray(numbers, np.zeros(len(numbers), dtype=np.bool_))
    # (fromiter: a list value stays one element; assigning a list of lists would broadcast)
    array = np.fromiter(values, dtype=object, count=len(values))
    if dtype == "str":
        distinct = _distinct(values)
        if distinct is not None and set(map(type, distinct)) <= _STR_TYPES:
            # the usual string column (ids, kinds, feature names, notes): told from its few
            # distinct values, without pd.isna over every cell; None stays the missing value
            if "" in distinct:  # CSV cannot tell "" from a missing value, so neither does a table
                array[array == ""] = None
            return pd.Series(array, dtype=object, copy=False)
    elif dtype == "json" and set(map(type, values)) <= _PLAIN_JSON_TYPES:
        return pd.Series(array, dtype=object, copy=False)  # (None is already the missing value)
    missing = pd.isna(array)  # None, NaN and pd.NA
    if dtype == "float":
        array[missing] = np.nan
        return array.astype(np.float64)
    if dtype in ("int", "bool"):
        array[missing] = 0
        if dtype == "int":
            return pd.arrays.IntegerArray(array.astype(np.int64), missing)
        return pd.arrays.BooleanArray(array.astype(np.bool_), missing)
    if dtype == "datetime":
        times = pd.to_datetime(pd.Series(array, dtype=object).where(~missing, None), utc=True, format="ISO8601")
        return times.astype("datetime64[ns, UTC]").array
    array[missing] = None  # (first: comparing pd.NA with "" below would raise)
    if dtype in ("category", "str"):
        # CSV cannot tell "" from a missing value, so neither does a table in memory.
        array[array == ""] = None
    if dtype == "category":
        return pd.Categorical(array)
    # object dtype on every pandas version (pandas 3 would otherwise infer "str")
    return pd.Series(array, dtype=object, copy=False)


def _distinct(values: Sequence[Any]) -> set[Any] | None:
    """The distinct values of a column, or None if one is unhashable (a list in a str column)."""
    try:
        return set(values)
    except TypeError:
        return None


class ColumnCollector:
    """Rows of one table gathered column by column, for a typed DataFrame at the end.

    An in-memory analysis hands each thread's rows to :meth:`extend` (dicts) or
    :meth:`extend_columns` (lists per column, as the rhetoric stage gives them) while they are
    fresh; only the column lists are kept, so the row dicts are freed soon and the final frame
    needs no pass over millions of scattered dicts. Records are gathered into columns in batches
    (one pass per column over many records), in the order they came.

    Parameters
    ----------
    columns : sequence of Column

    Examples
    --------
    >>> collector = ColumnCollector([Column("a", "int", ""), Column("b", "str", "")])
    >>> collector.extend([{"a": 1, "b": "x"}, {"a": 2}])
    >>> collector.extend_columns({"a": [3]}, 1)
    >>> len(collector), collector.frame()["b"].tolist()
    (3, ['x', None, None])
    """

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = tuple(columns)
        self._data: dict[str, list[Any]] = {c.name: [] for c in self.columns}
        self._pending: list[Mapping[str, Any]] = []  # records not yet split into the columns

    @property
    def data(self) -> dict[str, list[Any]]:
        """Column name -> values of every row so far."""
        pending = self._pending
        if pending:
            self._pending = []
            for name, values in self._data.items():
                values += _column_of(pending, name)
        return self._data

    def __len__(self) -> int:
        return len(next(iter(self.data.values()), ())) if self._data else 0

    def extend(self, records: Iterable[Mapping[str, Any]]) -> None:
        """Append records (dicts keyed by column name; a missing key is a missing value).

        The records are read when their batch is split (at the latest by :attr:`data`), so
        they must not be changed after this call.
        """
        self._pending += records
        if len(self._pending) >= _BATCH:  # (bounded: the dicts go as soon as a batch is split)
            self.data  # noqa: B018 - splits the batch

    def extend_columns(self, columns: Mapping[str, Sequence[Any]], n_rows: int) -> None:
        """Append `n_rows` rows given column by column (a missing column is missing values)."""
        for name, values in self.data.items():
            given = columns.get(name)
            values += [None] * n_rows if given is None else given

    def frame(self) -> Any:
        """The rows so far as a typed DataFrame (see :func:`typed_frame`)."""
        return typed_frame(self.data, self.columns)


_BATCH = 2048  # records kept before they are split into columns (a few thousand dicts: still in the caches)


def records(columns: Mapping[str, Sequence[Any]]) -> list[dict[str, Any]]:
    """Columns (name -> list of values) as rows: one dict per row, keys in column order.

    Examples
    --------
    >>> records({"actor": ["iran", "syria"], "n": [1, 2]})
    [{'actor': 'iran', 'n': 1}, {'actor': 'syria', 'n': 2}]
    """
    names = tuple(columns)
    return [dict(zip(names, row)) for row in zip(*columns.values())]


def frame_from_records(records: Iterable[Mapping[str, Any]], columns: Sequence[Column]) -> Any:
    """Rows (dicts) as a typed DataFrame (see :func:`typed_frame`).

    Examples
    --------
    >>> frame_from_records([{"a": 1.5}], [Column("a", "float", "")])["a"].tolist()
    [1.5]
    """
    collector = ColumnCollector(columns)
    collector.extend(records)
    return collector.frame()


def _column_of(records: Sequence[Mapping[str, Any]], name: str) -> list[Any]:
    """The values of `name` in each record (``None`` where absent), in one pass."""
    try:
        return list(map(itemgetter(name), records))  # (a C loop: the usual case, all present)
    except KeyError:
        return [record.get(name) for record in records]


def read_table(path: str, columns: Sequence[Column]) -> Any:
    """Read a CSV table written by :class:`CsvTableWriter` into a typed DataFrame.

    The columns are those of the file's header, which must all be declared in `columns`.

    Raises
    ------
    discourse.errors.ResultsError
        If the file is not such a table, naming file, line and column.
    """
    with open(path, "rb") as handle:
        data = handle.read()
    return parse_table(data, columns, source=str(path))


def parse_table(data: bytes, columns: Sequence[Column], *, source: str) -> Any:
    """Parse the bytes of a CSV table written by :class:`CsvTableWriter` into a typed DataFrame.

    Every value is checked against its column's type; anything else raises
    :class:`~discourse.errors.ResultsError` naming `source`, the line and the column.

    Examples
    --------
    >>> parse_table(b"a\\n1\\n", [Column("a", "int", "")], source="t.csv")["a"].tolist()
    [1]
    >>> parse_table(b"a\\nx\\n", [Column("a", "int", "")], source="t.csv")
    Traceback (most recent call last):
    ...
    discourse.errors.ResultsError: t.csv:2: field 'a': not a valid int value: 'x'
    """
    from discourse.errors import ResultsError

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ResultsError(f"not valid UTF-8 (byte {exc.start})", source=source, line=line) from None
    by_name = {c.name: c for c in columns}
    previous_limit = csv.field_size_limit()
    csv.field_size_limit(max(previous_limit, len(text) + 1))  # a 1 MB comment is one field
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = next(reader, [])
            unknown = [name for name in header if name not in by_name]
            if unknown or len(set(header)) != len(header):
                what = f"columns not in the schema: {unknown}" if unknown else f"repeated columns: {header}"
                raise ResultsError(what, source=source, line=1)
            data_columns: dict[str, list[Any]] = {name: [] for name in header}
            lists = [data_columns[name] for name in header]
            dtypes = [by_name[name].dtype for name in header]
            start = 2
            for row in reader:
                if len(row) != len(header):
                    raise ResultsError(
                        f"row has {len(row)} fields, the header has {len(header)}", source=source, line=start
                    )
                for i, value in enumerate(row):
                    try:
                        lists[i].append(_parse(value, dtypes[i]))
                    except (ValueError, RecursionError) as exc:
                        reason = str(exc) if dtypes[i] == "bool" else f"not a valid {dtypes[i]} value: {value[:40]!r}"
                        raise ResultsError(reason, source=source, line=start, field=header[i]) from None
                start = reader.line_num + 1
        except csv.Error as exc:
            raise ResultsError(f"malformed CSV: {exc}", source=source, line=reader.line_num) from None
    finally:
        csv.field_size_limit(previous_limit)
    return typed_frame(data_columns, [by_name[name] for name in header])
