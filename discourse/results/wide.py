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
        chosen = features[features["feature"].isin(names)]
        rates = pd.DataFrame(
            {"rate": chosen["rate_per_1000"].to_numpy(dtype=float), "feature": chosen["feature"].to_numpy(dtype=object)},
            index=_key(chosen),
        )
        wide = rates.pivot_table(index=rates.index, columns="feature", values="rate", aggfunc="first", sort=False)
        wide.index = pd.MultiIndex.from_tuples(wide.index) if len(wide) else key[:0]
        wide = wide.reindex(key)
        for name in names:
            values = wide[name].to_numpy(dtype=float) if name in wide else np.full(len(units), np.nan)
            out[f"{name}_per_1000"] = values
    return pd.DataFrame(out).astype(wide_dtypes(list(out)))


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
    (16, -0.385, -0.306)
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
    return pd.DataFrame(out).astype(wide_dtypes(list(out)))


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
    >>> wide_dtypes(["unit_id", "mentions_russia", "sentiment"])
    {'unit_id': 'string', 'mentions_russia': 'Int64', 'sentiment': 'float64'}
    """
    import pandas as pd

    dtypes: dict[str, Any] = {}
    for name in columns:
        if name in _FIXED_DTYPES:
            dtypes[name] = _FIXED_DTYPES[name]
        elif name.startswith("mentions_"):
            dtypes[name] = "Int64"
        elif name == "sentiment_label":
            dtypes[name] = pd.CategoricalDtype(list(LABELS))
        elif name in ("created", "published"):
            dtypes[name] = "datetime64[ns, UTC]"
        else:
            dtypes[name] = "float64"
    return dtypes
