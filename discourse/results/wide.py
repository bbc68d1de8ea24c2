"""Wide views of the results: one row per comment, one row per thread.

The tidy tables hold one row per unit x measure; a regression or a crosstab wants one row per
comment (or thread) with a column per measure. :func:`comment_table` and :func:`thread_table`
build those from the tidy tables, with proper dtypes (``string``, ``category``,
``datetime64[ns, UTC]``, nullable ``Int64``, ``float64``); they back
:meth:`Results.comments <discourse.results.Results.comments>` and
:meth:`Results.threads <discourse.results.Results.threads>`, and ``discourse analyze`` writes
them (tables ``comments`` and ``threads``) with the :data:`DEFAULT_TOP` most mentioned actors.

Columns of the per-comment table (see :data:`discourse.results.schema.WIDE_COLUMNS`):

- ``thread_id``, ``unit_id`` (the comment), ``parent_id``, ``depth``, ``position``, ``author``,
  ``created`` (UTC; a time without a zone is read as UTC), ``n_words``;
- ``sentiment`` (the method's score in [-1, 1]) and ``sentiment_label``;
- ``incivility`` and ``intolerance`` (probabilities) when the analysis scored them;
- per actor, ``stance_<actor>`` (the commenter's own stance toward the actor as matched, source
  ``author``; empty where the comment does not mention it) and ``mentions_<actor>``;
- per feature, ``<feature>_per_1000`` (hits per 1,000 words).

Examples
--------
>>> from discourse.datasets import load_seed
>>> from discourse.pipeline import analyze
>>> wide = comment_table(analyze(load_seed(), n_boot=20), actors=["Russia"], features=["questions"])
>>> list(wide.columns[-3:])
['stance_russia', 'mentions_russia', 'questions_per_1000']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["DEFAULT_TOP", "comment_table", "thread_table", "top_actors", "wide_dtypes"]

DEFAULT_TOP = 5
"""Actors given stance columns when none are named: the most mentioned ones."""

LABELS = ("negative", "neutral", "positive")


def _tables(results: Any) -> Mapping[str, Any]:
    return getattr(results, "tables", results)


def top_actors(results: Any, n: int = DEFAULT_TOP, *, comments_only: bool = True) -> list[str]:
    """The `n` actors with the most mentions (in comments, or in every unit), ties by id.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> from discourse.pipeline import analyze
    >>> top_actors(analyze(load_seed(), n_boot=20), 3)
    ['united_states', 'syria', 'israel']
    """
    mentions = _tables(results).get("mentions")
    if mentions is None or not len(mentions) or n <= 0:
        return []
    if comments_only:
        mentions = mentions[mentions["unit_kind"] == "comment"]
    counts = mentions["actor"].astype(str).value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [actor for actor, _ in ranked[:n]]


def _actor_ids(results: Any, actors: str | Sequence[str] | None, top: int, *, comments_only: bool) -> list[str]:
    if actors is None:
        return top_actors(results, top, comments_only=comments_only)
    from discourse.evidence import resolve_actor_names

    return list(dict.fromkeys(resolve_actor_names(actors, _tables(results))))


def _feature_names(tables: Mapping[str, Any], features: str | Sequence[str] | None) -> list[str]:
    frame = tables.get("features")
    present = list(dict.fromkeys(frame["feature"].astype(str))) if frame is not None else []
    if features is None or features == "all":
        return present
    wanted = [features] if isinstance(features, str) else list(features)
    unknown = [f for f in wanted if f not in present]
    if unknown:
        raise KeyError(f"feature(s) {unknown} are not in these results; they hold {present}")
    return wanted


def _key(frame: Any) -> Any:
    import pandas as pd

    return pd.MultiIndex.from_arrays([frame["thread_id"].astype(object), frame["unit_id"].astype(object)])


def _created(values: Any) -> Any:
    import pandas as pd

    return pd.to_datetime(pd.Series(values, dtype=object), utc=True, format="ISO8601")


def comment_table(
    results: Any,
    actors: str | Sequence[str] | None = None,
    features: str | Sequence[str] | None = None,
    *,
    top: int = DEFAULT_TOP,
) -> Any:
    """One row per comment: ids, reply tree, author, time, words, sentiment, incivility,
    stance toward actors and feature rates.

    Parameters
    ----------
    results : Results or mapping of table name to DataFrame
    actors : str or sequence of str, optional
        Actors for the stance columns (ids, names or aliases, resolved as
        :meth:`Results.evidence <discourse.results.Results.evidence>` does); default: the `top`
        most mentioned in comments.
    features : str or sequence of str, optional
        Features for the rate columns (default: every feature of the analysis).
    top : int
        How many actors when `actors` is not given.

    Returns
    -------
    pandas.DataFrame
        Rows in the order of the ``units`` table (threads in input order, comments in reading
        order); dtypes as listed by :func:`wide_dtypes`.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> from discourse.pipeline import analyze
    >>> wide = comment_table(analyze(load_seed(), n_boot=20), actors=["US"], features=["shouting"])
    >>> print(wide[["unit_id", "sentiment", "stance_united_states", "shouting_per_1000"]].head(3).round(3).to_string(index=False))
    unit_id  sentiment  stance_united_states  shouting_per_1000
        c01     -0.684                   NaN             16.667
        c02     -0.891                   NaN             17.241
        c03     -0.893                   NaN              0.000
    """
    tables = _tables(results)
    actor_ids = _actor_ids(results, actors, top, comments_only=True)
    names = _feature_names(tables, features)
    units = tables["units"]
    units = units[units["unit_kind"] == "comment"]
    return _comment_rows(tables, units, actor_ids, names)


def _comment_rows(tables: Mapping[str, Any], units: Any, actor_ids: Sequence[str], names: Sequence[str]) -> Any:
    import numpy as np
    import pandas as pd

    key = _key(units)
    out: dict[str, Any] = dict(
        {
            "thread_id": units["thread_id"].to_numpy(dtype=object),
            "unit_id": units["unit_id"].to_numpy(dtype=object),
            "parent_id": units["parent_id"].to_numpy(dtype=object),
            "depth": units["depth"].to_numpy(),
            "position": units["position"].to_numpy(),
            "author": units["author"].to_numpy(dtype=object),
            "created": _created(units["created"].to_numpy(dtype=object)).array,
            "n_words": units["n_words"].to_numpy(),
        }
    )

    def lookup(frame: Any, column: str) -> Any:
        series = pd.Series(frame[column].to_numpy(), index=_key(frame))
        series = series[~series.index.duplicated()]
        return series.reindex(key).to_numpy()

    sentiment = tables.get("sentiment")
    if sentiment is not None:
        scores = sentiment[(sentiment["level"] == "unit") & (sentiment["measure"] == "score")]
        out["sentiment"] = np.asarray(lookup(scores, "value"), dtype=float)
        out["sentiment_label"] = pd.Series(lookup(scores, "label"), dtype=object)
    incivility = tables.get("incivility")
    if incivility is not None:
        for column in ("incivility", "intolerance"):
            out[column] = np.asarray(lookup(incivility, column), dtype=float)
    stance = tables.get("stance")
    if stance is not None and actor_ids:
        own = stance[(stance["source"] == "author") & stance["actor"].isin(actor_ids)]
        for actor in actor_ids:
            rows = own[own["actor"] == actor]
            out[f"stance_{actor}"] = np.asarray(lookup(rows, "score"), dtype=float)
            counts = pd.Series(lookup(rows, "n_mentions")).fillna(0)
            out[f"mentions_{actor}"] = counts.to_numpy(dtype=np.int64)
    features = tables.get("features")
    if features is not None and names:
        # (a matrix filled by position: a pivot of a batch's ~45,000 rows cost ~80 MB)
        rows = key.get_indexer(_key(features)) if len(features) else np.zeros(0, dtype=np.int64)
        columns = pd.Index(list(names), dtype=object).get_indexer(features["feature"].to_numpy(dtype=object))
        found = (rows >= 0) & (columns >= 0)
        matrix = np.full((len(units), len(names)), np.nan)
        matrix[rows[found], columns[found]] = features["rate_per_1000"].to_numpy(dtype=float)[found]
        for j, name in enumerate(names):
            out[f"{name}_per_1000"] = matrix[:, j].copy()
    return _frame(out)


def thread_table(
    results: Any,
    actors: str | Sequence[str] | None = None,
    features: str | Sequence[str] | None = None,
    *,
    top: int = DEFAULT_TOP,
) -> Any:
    """One row per thread: the article against its comments.

    Columns: ``thread_id``, ``title``, ``published`` (UTC), ``n_comments``, ``n_words``
    (comments' words), ``article_sentiment``, ``comments_sentiment`` (mean), its bootstrap
    interval ``comments_sentiment_ci_low``/``_ci_high``, ``comments_share_negative`` /
    ``_positive``; ``article_incivility`` (mean over title and body),
    ``comments_share_uncivil``, ``comments_share_intolerant``; per actor
    ``stance_article_<actor>`` and ``stance_comments_<actor>`` (the ``stance_summary`` score,
    source ``author``; actors rolled up to their top-level actor there); per feature
    ``<feature>_per_1000_article`` and ``<feature>_per_1000_comments`` (pooled: hits per
    1,000 words of the part).

    Parameters
    ----------
    results : Results or mapping of table name to DataFrame
    actors, features, top
        As for :func:`comment_table`; the default actors are the most mentioned in all units.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> from discourse.pipeline import analyze
    >>> row = thread_table(analyze(load_seed(), n_boot=20), actors=["Russia"], features=["questions"]).iloc[0]
    >>> int(row["n_comments"]), float(row["comments_sentiment"].round(3)), float(row["stance_article_russia"].round(3))
    (16, -0.385, -0.21)
    """
    tables = _tables(results)
    actor_ids = _actor_ids(results, actors, top, comments_only=False)
    names = _feature_names(tables, features)
    return _thread_rows(tables, tables["units"], actor_ids, names)


def _thread_rows(tables: Mapping[str, Any], units: Any, actor_ids: Sequence[str], names: Sequence[str]) -> Any:
    import numpy as np
    import pandas as pd

    threads = pd.Index(pd.unique(units["thread_id"].to_numpy(dtype=object)), dtype=object)
    comments = units[units["unit_kind"] == "comment"]
    articles = units[units["unit_kind"] == "article"].drop_duplicates("thread_id").set_index("thread_id")
    titles = units[units["unit_kind"] == "title"].drop_duplicates("thread_id").set_index("thread_id")
    out: dict[str, Any] = {"thread_id": threads.to_numpy()}
    out["title"] = titles["text"].reindex(threads).to_numpy(dtype=object)
    out["published"] = _created(articles["created"].reindex(threads).to_numpy(dtype=object)).array
    out["n_comments"] = comments.groupby("thread_id", sort=False).size().reindex(threads).fillna(0).to_numpy(dtype=np.int64)
    words = comments["n_words"].astype("Float64").groupby(comments["thread_id"].to_numpy(), sort=False).sum()
    out["n_words"] = words.reindex(threads).fillna(0).to_numpy(dtype=np.int64)

    def pick(frame: Any, column: str, **where: str) -> Any:
        mask = np.ones(len(frame), dtype=bool)
        for name, value in where.items():
            mask &= (frame[name] == value).to_numpy(dtype=bool)
        chosen = frame[mask].drop_duplicates("thread_id").set_index("thread_id")[column]
        return np.asarray(chosen.reindex(threads).to_numpy(dtype=object), dtype=float) if len(threads) else np.zeros(0)

    summary = tables.get("sentiment_summary")
    if summary is not None:
        out["article_sentiment"] = pick(summary, "mean", group="article")
        out["comments_sentiment"] = pick(summary, "mean", group="comments")
        out["comments_sentiment_ci_low"] = pick(summary, "ci_low", group="comments")
        out["comments_sentiment_ci_high"] = pick(summary, "ci_high", group="comments")
        out["comments_share_negative"] = pick(summary, "share_negative", group="comments")
        out["comments_share_positive"] = pick(summary, "share_positive", group="comments")
    incivility = tables.get("incivility_summary")
    if incivility is not None:
        out["article_incivility"] = pick(incivility, "mean", measure="incivility", group="article")
        out["comments_share_uncivil"] = pick(incivility, "share", measure="incivility", group="comments")
        out["comments_share_intolerant"] = pick(incivility, "share", measure="intolerance", group="comments")
    part: str | np.ndarray  # a part's name, then (features) the part of each row
    stance = tables.get("stance_summary")
    if stance is not None and actor_ids:
        own = stance[stance["source"] == "author"]
        for actor in actor_ids:
            for part in ("article", "comments"):
                out[f"stance_{part}_{actor}"] = pick(own, "score", actor=actor, part=part)
    features = tables.get("features")
    if features is not None and names:
        chosen = features[features["feature"].isin(names)]
        part = np.where(chosen["unit_kind"].to_numpy(dtype=object) == "comment", "comments", "article")
        counts = pd.DataFrame(
            {
                "thread_id": chosen["thread_id"].to_numpy(dtype=object),
                "feature": chosen["feature"].to_numpy(dtype=object),
                "part": part,
                "count": chosen["count"].to_numpy(dtype=float, na_value=np.nan),
                "words": chosen["n_words"].to_numpy(dtype=float, na_value=np.nan),
            }
        )
        pooled = counts.groupby(["thread_id", "feature", "part"], sort=False)[["count", "words"]].sum()
        rate = (pooled["count"] / pooled["words"] * 1000).where(pooled["words"] > 0)
        for name in names:
            for part_name in ("article", "comments"):
                try:
                    values = rate.xs((name, part_name), level=("feature", "part"))
                except KeyError:
                    values = pd.Series(dtype=float)
                out[f"{name}_per_1000_{part_name}"] = values.reindex(threads).to_numpy(dtype=float)
    return _frame(out)


def _frame(out: Mapping[str, Any]) -> Any:
    """The columns as a DataFrame of the wide dtypes (strings built as such: a DataFrame of
    Python strings would infer pandas' pyarrow strings, which refuse a lone surrogate)."""
    import numpy as np
    import pandas as pd

    columns = {}
    for name, dtype in wide_dtypes(list(out)).items():
        values = out[name]
        if isinstance(dtype, pd.StringDtype):
            array = np.asarray(values, dtype=object).copy()
            array[pd.isna(array)] = None
            columns[name] = pd.array(array, dtype=dtype)
        else:
            columns[name] = pd.Series(values, dtype=None if hasattr(values, "dtype") else object).astype(dtype).array
    return pd.DataFrame(columns)


_FIXED_DTYPES = {
    "thread_id": "string",
    "unit_id": "string",
    "parent_id": "string",
    "author": "string",
    "title": "string",
    "depth": "Int64",
    "position": "Int64",
    "n_words": "Int64",
    "n_comments": "Int64",
}


def wide_dtypes(columns: Sequence[str]) -> dict[str, Any]:
    """The dtype of each column of a wide table: ``string`` for ids and text, ``Int64`` for
    counts, ``category`` for labels, ``datetime64[ns, UTC]`` for times, ``float64`` otherwise.

    Examples
    --------
    >>> {name: str(dtype) for name, dtype in wide_dtypes(["unit_id", "mentions_russia", "sentiment"]).items()}
    {'unit_id': 'string', 'mentions_russia': 'Int64', 'sentiment': 'float64'}
    """
    import pandas as pd

    dtypes: dict[str, Any] = {}
    for name in columns:
        if name in _FIXED_DTYPES:
            kind = _FIXED_DTYPES[name]
            # (the Python storage: the same on every pandas version, with or without pyarrow)
            dtypes[name] = pd.StringDtype("python") if kind == "string" else kind
        elif name.startswith("mentions_"):
            dtypes[name] = "Int64"
        elif name == "sentiment_label":
            dtypes[name] = pd.CategoricalDtype(list(LABELS))
        elif name in ("created", "published"):
            dtypes[name] = "datetime64[ns, UTC]"
        else:
            dtypes[name] = "float64"
    return dtypes


# -- the wide tables of a streamed analysis ------------------------------------------------------
_CHUNK_ROWS = 5_000  # rows read at a time from a staged table (each of 8 tables holds one)
_BATCH_UNITS = 500  # units (whole threads) per batch of wide rows

_NEEDED = {
    "units": ("thread_id", "unit_id", "unit_kind", "position", "parent_id", "depth", "author", "created", "n_words", "text"),
    "sentiment": ("thread_id", "unit_id", "level", "measure", "value", "label"),
    "incivility": ("thread_id", "unit_id", "incivility", "intolerance"),
    "stance": ("thread_id", "unit_id", "actor", "source", "score", "n_mentions"),
    "features": ("thread_id", "unit_id", "unit_kind", "feature", "count", "rate_per_1000", "n_words"),
    "sentiment_summary": ("thread_id", "group", "mean", "ci_low", "ci_high", "share_negative", "share_positive"),
    "incivility_summary": ("thread_id", "measure", "group", "share", "mean"),
    "stance_summary": ("thread_id", "part", "actor", "source", "score"),
}


def _staged_chunks(writer: Any, table: str, names: Sequence[str]) -> Any:
    """Typed DataFrames of `names` columns of a staged table, `_CHUNK_ROWS` rows at a time."""
    from discourse.results.columns import _parse, typed_frame

    declared = {c.name: c for c in writer.columns(table)}
    columns = [declared[n] for n in names]
    path = writer.path(table)
    if writer.format == "parquet":
        import pyarrow.parquet as pq

        from discourse.results.parquet import _pandas_values

        with pq.ParquetFile(path) as handle:
            # one reader per row group: a reader over the whole file keeps memory for every
            # row group it has read until the file is closed (pyarrow 26: ~60 MB per million
            # rows of text), which grew the wide pass by ~250 MB at a million comments
            for group in range(handle.num_row_groups):
                for batch in handle.iter_batches(batch_size=_CHUNK_ROWS, columns=list(names), row_groups=[group]):
                    data = {c.name: _pandas_values(batch.column(c.name), c, str(path)) for c in columns}
                    yield typed_frame(data, columns)
        return
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))
        reader = csv.reader(handle)
        header = next(reader)
        where = [header.index(n) for n in names]
        lists: dict[str, list[Any]] = {n: [] for n in names}
        count = 0
        for row in reader:
            for column, i in zip(columns, where):
                lists[column.name].append(_parse(row[i], column.dtype))
            count += 1
            if count == _CHUNK_ROWS:
                yield typed_frame(lists, columns)
                lists, count = {n: [] for n in names}, 0
        if count:
            yield typed_frame(lists, columns)


class _ThreadAligned:
    """The rows of one staged table, taken thread by thread in input order."""

    def __init__(self, chunks: Any, empty: Any) -> None:
        self._chunks = chunks
        self._empty = empty
        self._buffer: Any = None
        self._done = False

    def take(self, threads: set[str], last: str) -> Any:
        """The rows of `threads` (consecutive threads of the input, `last` the final one)."""
        import pandas as pd

        parts = []
        while True:
            if self._buffer is None or not len(self._buffer):
                if self._done:
                    break
                chunk = next(self._chunks, None)
                if chunk is None:
                    self._done = True
                    break
                self._buffer = chunk
            ids = self._buffer["thread_id"].to_numpy(dtype=object)
            inside = pd.Series(ids).isin(threads).to_numpy()
            n = len(ids) if inside.all() else int((~inside).argmax())  # rows of these threads lead
            parts.append(self._buffer.iloc[:n])
            self._buffer = self._buffer.iloc[n:].reset_index(drop=True)
            if len(self._buffer):
                break
        if not parts:
            return self._empty
        return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)


def _thread_batches(writer: Any, tables: Sequence[str]) -> Any:
    """Batches of whole threads (about `_BATCH_UNITS` units each) as dicts of staged tables."""
    import pandas as pd

    from discourse.results.columns import typed_frame

    others = {}
    for t in tables:
        if t != "units":
            declared = {c.name: c for c in writer.columns(t)}
            empty = typed_frame({}, [declared[n] for n in _NEEDED[t]])
            others[t] = _ThreadAligned(_staged_chunks(writer, t, _NEEDED[t]), empty)
    import numpy as np

    held = None
    for chunk in _staged_chunks(writer, "units", _NEEDED["units"]):
        units = chunk if held is None else pd.concat([held, chunk], ignore_index=True)
        ids = units["thread_id"].to_numpy(dtype=object)
        cut = int((ids == ids[-1]).argmax())  # the last thread may go on in the next chunk
        held = units.iloc[cut:].reset_index(drop=True)
        # whole threads, about _BATCH_UNITS units a batch (a longer thread is a batch of its own)
        starts: np.ndarray | list[int] = np.flatnonzero(np.r_[True, ids[1:cut] != ids[: cut - 1]]) if cut else []
        begin = 0
        for start in starts[1:]:
            if start - begin >= _BATCH_UNITS:
                yield _batch(units.iloc[begin:start].reset_index(drop=True), others)
                begin = int(start)
        if cut > begin:
            yield _batch(units.iloc[begin:cut].reset_index(drop=True), others)
    if held is not None and len(held):
        yield _batch(held, others)


def _batch(units: Any, others: Mapping[str, _ThreadAligned]) -> dict[str, Any]:
    ids = units["thread_id"].to_numpy(dtype=object)
    threads = set(ids)
    batch = {"units": units}
    for name, reader in others.items():
        batch[name] = reader.take(threads, ids[-1])
    return batch


def _first_unit_features(writer: Any) -> list[str]:
    for chunk in _staged_chunks(writer, "features", ("thread_id", "unit_id", "feature")):
        if len(chunk):
            first = (chunk["thread_id"] == chunk["thread_id"].iloc[0]) & (chunk["unit_id"] == chunk["unit_id"].iloc[0])
            return list(dict.fromkeys(chunk.loc[first, "feature"].astype(str)))
    return []


def _mention_counts(writer: Any) -> tuple[dict[str, int], dict[str, int]]:
    comments: dict[str, int] = {}
    every: dict[str, int] = {}
    for chunk in _staged_chunks(writer, "mentions", ("unit_kind", "actor")):
        for actor, n in chunk["actor"].astype(str).value_counts().items():
            every[actor] = every.get(actor, 0) + int(n)
        for actor, n in chunk.loc[chunk["unit_kind"] == "comment", "actor"].astype(str).value_counts().items():
            comments[actor] = comments.get(actor, 0) + int(n)
    return comments, every


def _top(counts: Mapping[str, int], n: int) -> list[str]:
    return [actor for actor, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]]


def write_wide_tables(writer: Any, *, top: int = DEFAULT_TOP) -> dict[str, list[str]]:
    """Build the ``comments`` and ``threads`` tables from the staged tidy tables of `writer`
    (a :class:`~discourse.results.ResultsWriter`) and write them, a batch of threads at a time
    (bounded memory). Returns the actors and features given columns.

    The staged tables (all tables added so far) are completed (closed) first; the actors are the `top` most mentioned
    (in comments for ``comments``, in every unit for ``threads``), as in :func:`comment_table`
    and :func:`thread_table`, which give the same rows from the same tables in memory.
    """
    from discourse.results.schema import table_columns

    available = [t for t in _NEEDED if t in writer._columns]
    for table in list(writer._columns):  # every table written so far: all tidy tables
        # (closed before the wide pass: their writers' metadata is freed, and the row groups of
        # the wide tables depend on their own rows only, not on what other tables still buffer)
        writer.complete(table)
    from discourse.pipeline._malloc import release_free_memory

    release_free_memory()
    features = _first_unit_features(writer) if "features" in available else []
    comment_counts, all_counts = _mention_counts(writer) if "mentions" in writer._columns else ({}, {})
    comment_actors, thread_actors = _top(comment_counts, top), _top(all_counts, top)
    started: set[str] = set()
    for batch in _thread_batches(writer, available):
        units = batch["units"]
        frames = {
            "comments": _comment_rows(batch, units[units["unit_kind"] == "comment"], comment_actors, features),
            "threads": _thread_rows(batch, units, thread_actors, features),
        }
        for name, frame in frames.items():
            if name not in started:
                writer.add_table(name, table_columns(name, list(frame.columns)))
                started.add(name)
            from discourse.results.store import write_frame

            write_frame(writer, name, frame)
    if not started:  # no threads: empty tables with the fixed columns
        empty = {"units": _empty_units()}
        for name, frame in (("comments", _comment_rows(empty, empty["units"], [], [])), ("threads", _thread_rows(empty, empty["units"], [], []))):
            writer.add_table(name, table_columns(name, list(frame.columns)))
    return {"comment_actors": comment_actors, "thread_actors": thread_actors, "features": features}


def _empty_units() -> Any:
    from discourse.results.columns import typed_frame
    from discourse.results.schema import SCHEMAS

    return typed_frame({}, SCHEMAS["units"])
