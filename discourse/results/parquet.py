"""Result tables as Parquet: declared Arrow types, deterministic bytes, checked reading.

Parquet is the default table format of ``discourse analyze`` and :meth:`Results.save
<discourse.results.Results.save>`: typed columns on disk (strings, 64-bit integers with nulls,
doubles, booleans, UTC timestamps, dictionary-encoded categories), zstd-compressed, about a
seventh of the CSV size. A writer appends row groups as the analysis streams, so memory stays
bounded. The bytes depend only on the rows and on the row-group boundaries (which the streaming
analysis fixes by counting units, not by time or process), and the pyarrow version (recorded in
the manifest): the same analysis gives the same files.

The values written are those of the CSV format (missing and empty strings are both null, NaN is
null, JSON columns are the same compact key-sorted JSON text), so :meth:`Results.load
<discourse.results.Results.load>` returns identical frames from either format.

Examples
--------
>>> from discourse.results.columns import Column
>>> cols = (Column("unit_id", "str", ""), Column("n", "int", ""))
>>> table = arrow_table(cols, {"unit_id": ["c1", ""], "n": [3, None]})
>>> table.column("unit_id").to_pylist(), table.column("n").to_pylist()
(['c1', None], [3, None])
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from discourse.errors import ResultsError
from discourse.results.columns import Column, _json_text, typed_frame

__all__ = ["arrow_schema", "arrow_table", "ParquetTableWriter", "parse_parquet", "COMPRESSION"]

COMPRESSION = "zstd"
"""Compression codec of the Parquet tables."""

_ROW_GROUP_LIMIT = 1 << 20  # rows per row group at most (the writer's batches are smaller)


def _pa() -> Any:
    import pyarrow as pa  # (a core dependency; imported here to keep `import discourse` light)

    return pa


def _arrow_type(dtype: str) -> Any:
    pa = _pa()
    return {
        "str": pa.string(),
        "json": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "datetime": pa.timestamp("ns", tz="UTC"),
        "category": pa.dictionary(pa.int32(), pa.string()),
    }[dtype]


def arrow_schema(columns: Sequence[Column]) -> Any:
    """The Arrow schema of a table's declared columns (no pandas metadata: plain Parquet).

    Examples
    --------
    >>> from discourse.results.schema import SCHEMAS
    >>> [str(t) for t in arrow_schema(SCHEMAS["features"]).types][-3:]
    ['int64', 'double', 'string']
    """
    pa = _pa()
    return pa.schema([pa.field(c.name, _arrow_type(c.dtype)) for c in columns])


def _values(values: Sequence[Any], dtype: str) -> list[Any]:
    """Values as the CSV format keeps them: '' and NaN are missing, JSON as its text."""
    if dtype == "str":
        return [None if v is None or v == "" or v != v else v for v in values]
    if dtype == "json":
        return [None if v is None else _json_text(v) for v in values]
    if dtype == "float":
        return [None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in values]
    if dtype == "category":
        return [None if v is None or v == "" or v != v else str(v) for v in values]
    return [None if v is None or v != v else v for v in values]


def _without_surrogates(value: Any) -> Any:
    from discourse.model import SURROGATE_ERRORS

    if not isinstance(value, str):
        return value
    return value.encode("utf-8", errors=SURROGATE_ERRORS).decode("utf-8")


def arrow_table(columns: Sequence[Column], data: Mapping[str, Sequence[Any]]) -> Any:
    """Column lists (or arrays) as an Arrow table with the declared types.

    `data` maps column names to values (a missing name is an all-null column); ints, floats
    and bools may also be pandas/NumPy arrays with missing values.
    """
    pa = _pa()
    n = max((len(v) for v in data.values()), default=0)
    arrays = []
    for column in columns:
        values = data.get(column.name)
        kind = _arrow_type(column.dtype)
        if values is None:
            arrays.append(pa.nulls(n, type=kind))
            continue
        if column.dtype in ("int", "float", "bool", "datetime") and hasattr(values, "dtype"):
            arrays.append(pa.array(values, type=kind, from_pandas=True))
            continue
        values = _values(list(values), column.dtype)
        try:
            array = pa.array(values, type=pa.string() if column.dtype == "category" else kind)
        except UnicodeEncodeError:  # a lone surrogate (a user's own table): U+FFFD, as in CSV
            array = pa.array([_without_surrogates(v) for v in values], type=pa.string() if column.dtype == "category" else kind)
        arrays.append(array.dictionary_encode() if column.dtype == "category" else array)
    return pa.Table.from_arrays(arrays, schema=arrow_schema(columns))


class ParquetTableWriter:
    """Append Arrow tables (row groups) to one Parquet file with a fixed schema, counting rows.

    Parameters
    ----------
    path : path-like
    columns : sequence of Column

    Examples
    --------
    >>> import tempfile, os, pandas as pd
    >>> path = os.path.join(tempfile.mkdtemp(), "t.parquet")
    >>> cols = (Column("a", "int", ""),)
    >>> writer = ParquetTableWriter(path, cols)
    >>> writer.write(arrow_table(cols, {"a": [1, 2]}))
    >>> writer.close(); writer.rows, pd.read_parquet(path)["a"].tolist()
    (2, [1, 2])
    """

    def __init__(self, path: Any, columns: Sequence[Column]) -> None:
        import pyarrow.parquet as pq

        self.columns = tuple(columns)
        self.schema = arrow_schema(self.columns)
        self.rows = 0
        self._writer = pq.ParquetWriter(
            str(path),
            self.schema,
            compression=COMPRESSION,
            use_dictionary=True,
            write_statistics=True,
            version="2.6",
        )

    def write(self, table: Any) -> None:
        """Write `table` (this schema) as one row group (nothing for an empty table)."""
        if table.num_rows:
            self._writer.write_table(table, row_group_size=_ROW_GROUP_LIMIT)
            self.rows += table.num_rows

    def write_records(self, records: Sequence[Mapping[str, Any]]) -> None:
        """Write records (dicts keyed by column name) as one row group."""
        names = [c.name for c in self.columns]
        extra = {key for record in records[:1] for key in record} - set(names)
        if extra:
            raise KeyError(f"record has keys that are not columns: {sorted(extra)}")
        data = {name: [record.get(name) for record in records] for name in names}
        self.write(arrow_table(self.columns, data))

    def close(self) -> None:
        """Write the footer."""
        self._writer.close()


def parse_parquet(data: bytes, resolve: Any, *, source: str) -> Any:
    """Parse the bytes of a Parquet table into the same typed DataFrame as the CSV reader gives.

    Parameters
    ----------
    data : bytes
    resolve : callable
        Column names in the file -> their declared :class:`Column` objects (raises KeyError for
        a name that is not declared).
    source : str
        The file, for error messages.

    Raises
    ------
    discourse.errors.ResultsError
        If the bytes are not Parquet, a column is not declared, or its type is not the declared
        one.
    """
    pa = _pa()
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(io.BytesIO(data))
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise ResultsError(f"not a valid Parquet file: {exc}", source=source) from None
    names = list(table.column_names)
    if len(set(names)) != len(names):
        raise ResultsError(f"repeated columns: {names}", source=source)
    try:
        columns = resolve(names)
    except KeyError as exc:
        raise ResultsError(f"columns not in the schema: {exc.args[0]}", source=source) from None
    data_columns: dict[str, Any] = {}
    for column, chunked in zip(columns, table.columns):
        expected = _arrow_type(column.dtype)
        if not chunked.type.equals(expected):
            raise ResultsError(
                f"field {column.name!r}: type {chunked.type}, the schema says {expected} ({column.dtype})",
                source=source,
            )
        data_columns[column.name] = _pandas_values(chunked, column, source)
    return typed_frame(data_columns, columns)


def _pandas_values(chunked: Any, column: Column, source: str) -> Any:
    """One Arrow column as values that :func:`typed_frame` converts like the CSV reader's."""
    import numpy as np
    import pandas as pd

    if column.dtype == "float":
        return chunked.to_numpy(zero_copy_only=False) if hasattr(chunked, "buffers") else chunked.to_numpy()
    if column.dtype == "int":
        if chunked.null_count == 0:
            return chunked.to_numpy(zero_copy_only=False) if hasattr(chunked, "buffers") else chunked.to_numpy()
        return pd.Int64Dtype().__from_arrow__(chunked)
    if column.dtype == "bool":
        return pd.BooleanDtype().__from_arrow__(chunked)
    if column.dtype == "datetime":
        return chunked.to_pandas()
    values = chunked.cast(_pa().string()).to_pylist() if column.dtype == "category" else chunked.to_pylist()
    if column.dtype == "json":
        parsed = []
        for value in values:
            try:
                parsed.append(None if value is None else json.loads(value))
            except (ValueError, RecursionError):
                raise ResultsError(
                    f"field {column.name!r}: not a valid json value: {value[:40]!r}", source=source
                ) from None
        return parsed
    return np.array(values, dtype=object) if values else []
