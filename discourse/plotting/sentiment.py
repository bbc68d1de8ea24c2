"""Sentiment plots: the comments along the thread, and article sentences vs comments.

Each plot has a table function that returns exactly the numbers it draws (compute first, draw
second): :func:`sentiment_thread_table` / :func:`plot_sentiment_thread` and
:func:`sentiment_distribution_table` / :func:`plot_sentiment_distribution`.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from discourse.analysis import analyze
>>> from discourse.datasets import load_seed
>>> results = analyze(load_seed())
>>> table = sentiment_thread_table(results, window=5)
>>> len(table), round(float(table["article_level"].iloc[0]), 3)
(16, -0.063)
>>> from matplotlib.figure import Figure
>>> ax = plot_sentiment_thread(results, window=5, ax=Figure().subplots())
>>> ax.get_xlabel()
'comment (reading order)'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from discourse.plotting._common import (
    ARTICLE_COLOR,
    ACCENT_COLOR,
    COMMENTS_COLOR,
    NEUTRAL_GREY,
    get_axes,
    method_label,
    note_empty,
    one_method,
    one_thread,
    place_legend,
    require_columns,
    tables_of,
    threads_filter,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = [
    "sentiment_thread_table",
    "plot_sentiment_thread",
    "sentiment_distribution_table",
    "plot_sentiment_distribution",
]

_SENTIMENT_COLUMNS = ("thread_id", "unit_id", "unit_kind", "level", "method", "measure", "value")
THREAD_COLUMNS = (
    "thread_id",
    "unit_id",
    "position",
    "depth",
    "created",
    "x",
    "score",
    "label",
    "rolling_mean",
    "article_level",
    "article_ci_low",
    "article_ci_high",
)
_HEADROOM = 1.3
DISTRIBUTION_COLUMNS = ("group", "n", "mean", "bin", "bin_left", "bin_right", "count", "share")


def _scores(sentiment: pd.DataFrame, method: str) -> pd.DataFrame:
    rows = sentiment[(sentiment["method"] == method) & (sentiment["measure"] == "score")]
    return rows


def sentiment_thread_table(
    data: Any,
    *,
    thread_id: str | None = None,
    method: str | None = None,
    by: str = "position",
    window: int | None = None,
    reference: str | None = "article_sentences",
) -> pd.DataFrame:
    """The comments' sentiment in reading order (or by time), with the article's level.

    Parameters
    ----------
    data : Results, mapping of tables, or the ``sentiment`` DataFrame
        Analysis results. The ``units`` table (reading order, posting times) and
        ``sentiment_summary`` (the article's confidence interval) are used when present.
    thread_id : str, optional
        The thread; may be omitted when the data hold one thread.
    method : str, optional
        Sentiment method; may be omitted when the data hold one.
    by : {"position", "time"}
        x axis: the comment's number in reading order (1, 2, ...; depth-first, replies after their
        parent), or hours since the article's publication (since the first comment if the
        article has no date). ``"time"`` needs posting times in the ``units`` table.
    window : int, optional
        Add a trailing rolling mean over this many comments (in the plotted order); the first
        ``window - 1`` comments have none (NaN) rather than a mean of fewer comments.
    reference : {"article_sentences", "article", None}
        The article's level: the mean of its sentences' scores (default; comparable with
        comments, which are short texts), or the score of the whole body as one text.

    Returns
    -------
    pandas.DataFrame
        One row per comment, in plotted order: ``thread_id, unit_id, position`` (0-based reading
        order), ``depth``, ``created``, ``x`` (plotted x), ``score``, ``label``,
        ``rolling_mean``, ``article_level`` and its bootstrap interval ``article_ci_low``,
        ``article_ci_high`` (the same in every row; NaN when unknown).

    Examples
    --------
    >>> from discourse.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> t = sentiment_thread_table(analyze(load_seed()))
    >>> t[["unit_id", "x"]].head(2).values.tolist()
    [['c01', 1.0], ['c02', 2.0]]
    """
    import pandas as pd

    if by not in ("position", "time"):
        raise ValueError(f"by must be 'position' or 'time', not {by!r}")
    if reference not in ("article_sentences", "article", None):
        raise ValueError(f"reference must be 'article_sentences', 'article' or None, not {reference!r}")
    if window is not None and (not isinstance(window, (int, np.integer)) or window < 1):
        raise ValueError(f"window must be a positive integer, not {window!r}")
    tables = tables_of(data, "sentiment", ("units", "sentiment_summary"))
    sentiment = tables["sentiment"]
    require_columns(sentiment, _SENTIMENT_COLUMNS, "sentiment")
    thread = one_thread(sentiment, thread_id)
    method = one_method(sentiment, method)
    scores = _scores(sentiment[sentiment["thread_id"] == thread], method)
    comments = scores[(scores["unit_kind"] == "comment") & (scores["level"] == "unit")]
    table = pd.DataFrame(
        {
            "thread_id": thread,
            "unit_id": comments["unit_id"].astype(str).to_numpy(),
            "score": comments["value"].astype(float).to_numpy(),
            "label": comments["label"].to_numpy() if "label" in comments else None,
        }
    )
    units = tables["units"]
    if units is not None:
        units = units[units["thread_id"] == thread].set_index("unit_id")
        table["position"] = table["unit_id"].map(units["position"]).astype("Int64")
        table["depth"] = table["unit_id"].map(units["depth"]).astype("Int64")
        table["created"] = table["unit_id"].map(units["created"])
        published = units["created"].get("article")
    else:
        # Without the units table the sentiment rows' own order is the reading order.
        table["position"] = pd.array(range(len(table)), dtype="Int64")
        table["depth"] = pd.array([pd.NA] * len(table), dtype="Int64")
        table["created"] = None
        published = None
    if by == "position":
        table = table.sort_values("position", kind="stable")
        table["x"] = table["position"].astype(float) + 1.0
    else:
        times = pd.to_datetime(table["created"], utc=True, errors="coerce", format="ISO8601")
        if times.isna().all():
            raise ValueError(
                "by='time' needs posting times, and this thread's comments have none "
                "(the 'created' column of the units table is empty); use by='position'"
            )
        origin = pd.to_datetime(published, utc=True, errors="coerce", format="ISO8601") if published else pd.NaT
        if pd.isna(origin):
            origin = times.min()
        table["x"] = (times - origin).dt.total_seconds() / 3600.0
        table = table[times.notna()].sort_values(["x", "position"], kind="stable")
    table = table.reset_index(drop=True)
    if window is not None:
        table["rolling_mean"] = table["score"].rolling(window, min_periods=window).mean()
    else:
        table["rolling_mean"] = np.nan
    article_sentences = None
    if units is not None and "article" in units.index:
        article_sentences = units["n_sentences"].get("article")
    level, low, high = _article_level(
        scores, tables["sentiment_summary"], thread, method, reference, article_sentences
    )
    table["article_level"], table["article_ci_low"], table["article_ci_high"] = level, low, high
    return table[list(THREAD_COLUMNS)]


def _article_level(
    scores: pd.DataFrame,
    summary: pd.DataFrame | None,
    thread: str,
    method: str,
    reference: str | None,
    article_sentences: Any = None,
) -> tuple[float, float, float]:
    """The article's reference level and its interval (NaN where unknown or empty)."""
    import pandas as pd

    if reference is None:
        return np.nan, np.nan, np.nan
    article = scores[scores["unit_kind"] == "article"]
    if reference == "article_sentences":
        values = article[article["level"] == "sentence"]["value"].astype(float)
        if values.empty and article_sentences is not None and not pd.isna(article_sentences) and int(article_sentences) == 0:
            return np.nan, np.nan, np.nan  # an empty article body has no level
        if values.empty:
            raise ValueError(
                "the data have no sentence-level sentiment for the article "
                "(analyze with sentence_level='article' or 'all'), or use reference='article'"
            )
        level = float(values.mean())
    else:
        values = article[article["level"] == "unit"]["value"].astype(float)
        if values.empty:
            raise ValueError("the data have no sentiment score for the article body")
        level = float(values.iloc[0])
    low = high = np.nan
    if summary is not None and not summary.empty:
        row = summary[(summary["thread_id"] == thread) & (summary["method"] == method) & (summary["group"] == reference)]
        if len(row):
            low, high = float(row["ci_low"].iloc[0]), float(row["ci_high"].iloc[0])
    return level, low, high


def plot_sentiment_thread(
    data: Any,
    *,
    thread_id: str | None = None,
    method: str | None = None,
    by: str = "position",
    window: int | None = None,
    reference: str | None = "article_sentences",
    legend: bool | str = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Plot each comment's sentiment along the thread, with the article's level as a reference.

    Parameters are those of :func:`sentiment_thread_table` (which returns the plotted numbers),
    plus `legend` (``True`` inside the axes, ``"outside"`` to their right, ``False`` none), `ax`
    (default: the current axes) and `kwargs` passed to the comments' line
    (:meth:`matplotlib.axes.Axes.plot`).

    Returns
    -------
    matplotlib.axes.Axes
        Lines, in order: the comments (label ``"comments"``), the rolling mean if any, the
        article level if any (its interval, when known, is a shaded band), the zero line.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from discourse.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> from matplotlib.figure import Figure
    >>> ax = plot_sentiment_thread(analyze(load_seed()), ax=Figure().subplots())
    >>> ax.get_lines()[0].get_label()
    'comments'
    """
    table = sentiment_thread_table(
        data, thread_id=thread_id, method=method, by=by, window=window, reference=reference
    )
    method = one_method(tables_of(data, "sentiment")["sentiment"], method)
    ax = get_axes(ax)
    n = len(table)
    style: dict[str, Any] = {
        "color": COMMENTS_COLOR,
        "marker": "o" if n <= 200 else None,
        "markersize": 5 if n <= 50 else 3,
        "linewidth": 1.0,
        "alpha": 0.9 if n <= 200 else 0.6,
        "label": "comments",
    }
    style.update(kwargs)
    ax.plot(table["x"], table["score"], **style)
    if window is not None:
        ax.plot(
            table["x"], table["rolling_mean"], color=ACCENT_COLOR, linewidth=2.2,
            label=f"rolling mean of {window} comments",
        )
    level = table["article_level"].iloc[0] if n else np.nan
    if reference is not None and np.isfinite(level):
        what = "mean of article sentences" if reference == "article_sentences" else "article body"
        ax.axhline(level, color=ARTICLE_COLOR, linestyle="--", linewidth=1.6, label=f"article ({what}): {level:+.2f}")
        low, high = table["article_ci_low"].iloc[0], table["article_ci_high"].iloc[0]
        if np.isfinite(low) and np.isfinite(high):
            ax.axhspan(low, high, color=ARTICLE_COLOR, alpha=0.12, linewidth=0, label="95% interval of the article mean")
    ax.axhline(0.0, color=NEUTRAL_GREY, linewidth=0.6, zorder=0)
    if not n:
        note_empty(ax, "no comments")
    ax.set_ylim(-1.05, 1.05)
    ax.set_ylabel(f"sentiment ({method_label(method)}, -1 to 1)")
    if by == "position":
        ax.set_xlabel("comment (reading order)")
        if n:
            ax.set_xlim(0.4, n + 0.6)
        if n <= 30:
            ax.set_xticks(np.arange(1, n + 1))
    else:
        ax.set_xlabel("hours since publication")
    place_legend(ax, legend)
    return ax


def sentiment_distribution_table(
    data: Any,
    *,
    method: str | None = None,
    thread_id: str | list[str] | None = None,
    bins: int = 21,
    comments: str = "unit",
) -> pd.DataFrame:
    """Histogram of sentiment scores: article sentences vs comments (shares per group).

    Parameters
    ----------
    data : Results, mapping of tables, or the ``sentiment`` DataFrame
    method : str, optional
        Sentiment method; may be omitted when the data hold one.
    thread_id : str or list of str, optional
        Restrict to these threads (default: pool every thread in the data).
    bins : int
        Equal-width bins over [-1, 1]. The default, 21, has a middle bin around 0 (about VADER's
        neutral band, -0.05 to 0.05).
    comments : {"unit", "sentence"}
        Score each comment as a whole (default) or use its sentences (needs
        ``sentence_level='all'`` in the analysis).

    Returns
    -------
    pandas.DataFrame
        One row per group and bin: ``group`` (``"article sentences"``, ``"comments"`` or
        ``"comment sentences"``), ``n`` and ``mean`` (of the group), ``bin`` (0-based),
        ``bin_left``, ``bin_right``, ``count`` and ``share`` (count / n). A group without
        scores has ``n = 0`` (article sentences are scored when the analysis ran with
        ``sentence_level='article'``, the default, or ``'all'``).

    Examples
    --------
    >>> from discourse.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> t = sentiment_distribution_table(analyze(load_seed()))
    >>> t.groupby("group")["count"].sum().to_dict()
    {'article sentences': 41, 'comments': 16}
    """
    import pandas as pd

    if not isinstance(bins, (int, np.integer)) or bins < 1:
        raise ValueError(f"bins must be a positive integer, not {bins!r}")
    if comments not in ("unit", "sentence"):
        raise ValueError(f"comments must be 'unit' or 'sentence', not {comments!r}")
    sentiment = tables_of(data, "sentiment")["sentiment"]
    require_columns(sentiment, _SENTIMENT_COLUMNS, "sentiment")
    method = one_method(sentiment, method)
    scores = _scores(threads_filter(sentiment, thread_id), method)
    groups = {
        "article sentences": scores[(scores["unit_kind"] == "article") & (scores["level"] == "sentence")],
        ("comments" if comments == "unit" else "comment sentences"): scores[
            (scores["unit_kind"] == "comment") & (scores["level"] == comments)
        ],
    }
    edges = np.linspace(-1.0, 1.0, int(bins) + 1)
    frames = []
    for group, rows in groups.items():
        values = rows["value"].astype(float).to_numpy()
        values = values[np.isfinite(values)]
        counts, _ = np.histogram(np.clip(values, -1.0, 1.0), bins=edges)
        n = len(values)
        frames.append(
            pd.DataFrame(
                {
                    "group": group,
                    "n": n,
                    "mean": float(values.mean()) if n else np.nan,
                    "bin": np.arange(len(counts)),
                    "bin_left": edges[:-1],
                    "bin_right": edges[1:],
                    "count": counts,
                    "share": counts / n if n else np.zeros(len(counts)),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)[list(DISTRIBUTION_COLUMNS)]


def plot_sentiment_distribution(
    data: Any,
    *,
    method: str | None = None,
    thread_id: str | list[str] | None = None,
    bins: int = 21,
    comments: str = "unit",
    legend: bool | str = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Plot the distributions of sentiment: article sentences vs comments, side by side.

    Bars give each bin's share of its group (groups differ in size); dashed lines mark the
    group means. Parameters are those of :func:`sentiment_distribution_table` (which returns
    the plotted numbers), plus `legend` (``True``, ``"outside"`` or ``False``), `ax` and
    `kwargs` for :meth:`matplotlib.axes.Axes.bar`.

    Returns
    -------
    matplotlib.axes.Axes
        One bar container per group (article sentences first), one bar per bin.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from discourse.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> from matplotlib.figure import Figure
    >>> ax = plot_sentiment_distribution(analyze(load_seed()), ax=Figure().subplots())
    >>> [len(c) for c in ax.containers]
    [21, 21]
    """
    table = sentiment_distribution_table(data, method=method, thread_id=thread_id, bins=bins, comments=comments)
    method = one_method(tables_of(data, "sentiment")["sentiment"], method)
    ax = get_axes(ax)
    groups = list(dict.fromkeys(table["group"]))
    colors = {groups[0]: ARTICLE_COLOR}
    for group in groups[1:]:
        colors[group] = COMMENTS_COLOR
    width = float((table["bin_right"] - table["bin_left"]).iloc[0])
    bar_width = width / (len(groups) + 0.5)
    for i, group in enumerate(groups):
        rows = table[table["group"] == group]
        n, mean = int(rows["n"].iloc[0]), float(rows["mean"].iloc[0])
        offset = (i - (len(groups) - 1) / 2) * bar_width
        centres = (rows["bin_left"] + rows["bin_right"]).to_numpy() / 2 + offset
        style = {"color": colors[group], "edgecolor": "white", "linewidth": 0.4}
        style.update(kwargs)
        mean_text = f", mean {mean:+.2f}" if n else ""
        ax.bar(centres, rows["share"], width=bar_width, label=f"{group} (n={n:,}{mean_text})", **style)
        if n:  # up to the tallest bar's height, below the legend's headroom
            ax.axvline(mean, ymax=1 / _HEADROOM, color=colors[group], linestyle="--", linewidth=1.4)
    if not table["n"].any():
        note_empty(ax, "no scores to plot")
    ax.axvline(0.0, color=NEUTRAL_GREY, linewidth=0.6, zorder=0)
    top = float(table["share"].max()) if len(table) else 0.0
    ax.set_ylim(0.0, top * _HEADROOM if top > 0 else 1.0)  # headroom for the legend
    ax.set_xlim(-1.02, 1.02)
    ax.set_xlabel(f"sentiment ({method_label(method)}); dashed lines: group means")
    ax.set_ylabel("share of the group")
    place_legend(ax, legend, "upper left")
    return ax
