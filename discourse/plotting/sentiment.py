"""Sentiment plots: the comments along the thread, and article sentences vs comments.

Each plot has a table function that returns exactly the numbers it draws (compute first, draw
second): :func:`sentiment_thread_table` / :func:`plot_sentiment_thread` and
:func:`sentiment_distribution_table` / :func:`plot_sentiment_distribution`.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from discourse.pipeline.analysis import analyze
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

import math
import zlib
from typing import TYPE_CHECKING, Any

import numpy as np

from discourse.plotting._common import (
    ARTICLE_COLOR,
    ACCENT_COLOR,
    COMMENTS_COLOR,
    NEUTRAL_GREY,
    ROLLING_COLOR,
    get_axes,
    method_label,
    note_empty,
    one_method,
    one_thread,
    place_legend,
    pooled_note,
    require_columns,
    t975,
    tables_of,
    threads_filter,
)
from discourse.sentiment.aggregate import bootstrap_mean_ci

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
    "rolling_ci_low",
    "rolling_ci_high",
    "article_level",
    "article_ci_low",
    "article_ci_high",
)
_HEADROOM = 1.3
DISTRIBUTION_COLUMNS = (
    "group", "n", "n_threads", "mean", "ci_low", "ci_high", "bin", "bin_left", "bin_right", "count", "share",
)


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
        Add a trailing rolling mean over this many comments (in the plotted order), with a 95%
        t interval (mean +- t * sd / sqrt(window)); the first ``window - 1`` comments have none
        (NaN) rather than a mean of fewer comments.
    reference : {"article_sentences", "article", None}
        The article's level: the mean of its sentences' scores (default; comparable with
        comments, which are short texts), or the score of the whole body as one text.

    Returns
    -------
    pandas.DataFrame
        One row per comment, in plotted order: ``thread_id, unit_id, position`` (0-based reading
        order), ``depth``, ``created``, ``x`` (plotted x), ``score``, ``label``,
        ``rolling_mean`` with its interval ``rolling_ci_low``, ``rolling_ci_high``,
        ``article_level`` and its bootstrap interval ``article_ci_low``,
        ``article_ci_high`` (the same in every row; NaN when unknown).

    Examples
    --------
    >>> from discourse.pipeline.analysis import analyze
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
    assert sentiment is not None  # the primary table (tables_of raised if absent)
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
        rolling = table["score"].rolling(window, min_periods=window)
        mean = rolling.mean()
        half = t975(window - 1) * rolling.std(ddof=1) / np.sqrt(window) if window > 1 else np.nan
        table["rolling_mean"] = mean
        table["rolling_ci_low"], table["rolling_ci_high"] = mean - half, mean + half
    else:
        table["rolling_mean"] = table["rolling_ci_low"] = table["rolling_ci_high"] = np.nan
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
        Lines, in order: the comments (markers only, label ``"comments (one point each)"``:
        separate texts are not joined), the rolling mean if any (black, its 95% interval a grey
        band), the article level if any (its interval, when known, is a shaded band), the zero
        line.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> from matplotlib.figure import Figure
    >>> ax = plot_sentiment_thread(analyze(load_seed()), ax=Figure().subplots())
    >>> ax.get_lines()[0].get_label(), ax.get_lines()[0].get_linestyle()
    ('comments (one point each)', 'None')
    """
    table = sentiment_thread_table(
        data, thread_id=thread_id, method=method, by=by, window=window, reference=reference
    )
    method = one_method(tables_of(data, "sentiment")["sentiment"], method)
    ax = get_axes(ax)
    n = len(table)
    # Comments are separate texts: points, not a line joining them as if sentiment flowed
    # continuously from one comment to the next.
    style: dict[str, Any] = {
        "color": COMMENTS_COLOR,
        "marker": "o",
        "linestyle": "none",
        "markersize": 5.5 if n <= 50 else 4.5 if n <= 150 else 3 if n <= 500 else 2,
        "markeredgecolor": "white" if n <= 500 else COMMENTS_COLOR,
        "markeredgewidth": 0.5,
        "alpha": 0.95 if n <= 200 else 0.6,
        "label": "comments (one point each)",
        "zorder": 3,
    }
    style.update(kwargs)
    ax.plot(table["x"], table["score"], **style)
    if window is not None:
        ax.plot(
            table["x"], table["rolling_mean"], color=ROLLING_COLOR, linewidth=1.8, zorder=4,
            label=f"rolling mean of {window} comments",
        )
        if window > 1 and table["rolling_ci_low"].notna().any():
            ax.fill_between(
                table["x"], table["rolling_ci_low"].clip(-1, 1), table["rolling_ci_high"].clip(-1, 1),
                color=ROLLING_COLOR, alpha=0.12, linewidth=0, zorder=2,
                label="95% t interval of the rolling mean",
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


def auto_bins(n: int) -> int:
    """Number of histogram bins for `n` scores: Rice's rule ``2 * n ** (1/3)``, rounded to the
    nearest odd number (a middle bin centred on 0), between 5 and 41.

    Examples
    --------
    >>> auto_bins(16), auto_bins(41), auto_bins(100_000)
    (5, 7, 41)
    """
    raw = 2.0 * max(n, 1) ** (1.0 / 3.0)
    odd = 2 * math.floor(raw / 2) + 1
    return int(min(41, max(5, odd)))


def sentiment_distribution_table(
    data: Any,
    *,
    method: str | None = None,
    thread_id: str | list[str] | None = None,
    bins: int | str = "auto",
    comments: str = "unit",
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Histogram of sentiment scores: article sentences vs comments (shares per group).

    Parameters
    ----------
    data : Results, mapping of tables, or the ``sentiment`` DataFrame
    method : str, optional
        Sentiment method; may be omitted when the data hold one.
    thread_id : str or list of str, optional
        Restrict to these threads (default: pool every thread in the data).
    bins : int or "auto"
        Equal-width bins over [-1, 1]. ``"auto"`` (default) suits the smaller group: Rice's
        rule, ``2 * n ** (1/3)`` bins, made odd so that a middle bin is centred on 0, between
        5 and 41 (16 comments get 5 bins, not 21 bins of mostly zero or one comment).
    comments : {"unit", "sentence"}
        Score each comment as a whole (default) or use its sentences (needs
        ``sentence_level='all'`` in the analysis).
    n_boot, ci, seed : int, float, int
        Percentile bootstrap interval of each group's mean (seeded per group, as in
        ``sentiment_summary``).

    Returns
    -------
    pandas.DataFrame
        One row per group and bin: ``group`` (``"article sentences"``, ``"comments"`` or
        ``"comment sentences"``), ``n``, ``n_threads`` (threads pooled), ``mean`` (of the group)
        and its interval ``ci_low``, ``ci_high``, ``bin`` (0-based),
        ``bin_left``, ``bin_right``, ``count`` and ``share`` (count / n). A group without
        scores has ``n = 0`` (article sentences are scored when the analysis ran with
        ``sentence_level='article'``, the default, or ``'all'``).

    Examples
    --------
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> t = sentiment_distribution_table(analyze(load_seed()))
    >>> t.groupby("group")["count"].sum().to_dict()
    {'article sentences': 41, 'comments': 16}
    """
    import pandas as pd

    if not (bins == "auto" or (isinstance(bins, (int, np.integer)) and bins >= 1)):
        raise ValueError(f"bins must be 'auto' or a positive integer, not {bins!r}")
    if comments not in ("unit", "sentence"):
        raise ValueError(f"comments must be 'unit' or 'sentence', not {comments!r}")
    sentiment = tables_of(data, "sentiment")["sentiment"]
    require_columns(sentiment, _SENTIMENT_COLUMNS, "sentiment")
    method = one_method(sentiment, method)
    scores = _scores(threads_filter(sentiment, thread_id), method)
    n_threads = int(scores["thread_id"].nunique())
    groups = {
        "article sentences": scores[(scores["unit_kind"] == "article") & (scores["level"] == "sentence")],
        ("comments" if comments == "unit" else "comment sentences"): scores[
            (scores["unit_kind"] == "comment") & (scores["level"] == comments)
        ],
    }
    values_of = {}
    for group, rows in groups.items():
        values = rows["value"].astype(float).to_numpy()
        values_of[group] = values[np.isfinite(values)]
    if bins == "auto":
        sizes = [len(v) for v in values_of.values() if len(v)]
        bins = auto_bins(min(sizes) if sizes else 0)
    edges = np.linspace(-1.0, 1.0, int(bins) + 1)
    frames = []
    for group, values in values_of.items():
        counts, _ = np.histogram(np.clip(values, -1.0, 1.0), bins=edges)
        n = len(values)
        low, high = bootstrap_mean_ci(values, n_boot=n_boot, ci=ci, seed=[seed, zlib.crc32(group.encode())])
        frames.append(
            pd.DataFrame(
                {
                    "group": group,
                    "n": n,
                    "n_threads": n_threads,
                    "mean": float(values.mean()) if n else np.nan,
                    "ci_low": low,
                    "ci_high": high,
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
    bins: int | str = "auto",
    comments: str = "unit",
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
    legend: bool | str = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Plot the distributions of sentiment: article sentences vs comments, side by side.

    Bars give each bin's share of its group (groups differ in size). Above the bars, each
    group's mean is a diamond with its bootstrap interval as a horizontal bar (dashed lines
    drop from the means). When the data hold several threads, a note says that they are
    pooled. Parameters are those of :func:`sentiment_distribution_table` (which returns the
    plotted numbers), plus `legend` (``True``, ``"outside"`` or ``False``), `ax` and `kwargs`
    for :meth:`matplotlib.axes.Axes.bar`.

    Returns
    -------
    matplotlib.axes.Axes
        One bar container per group (article sentences first), one bar per bin, then one
        error-bar container per group with scores (the mean and its interval).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> from matplotlib.figure import Figure
    >>> ax = plot_sentiment_distribution(analyze(load_seed()), ax=Figure().subplots())
    >>> [len(c) for c in ax.containers[:2]]
    [5, 5]
    """
    table = sentiment_distribution_table(
        data, method=method, thread_id=thread_id, bins=bins, comments=comments, n_boot=n_boot, ci=ci, seed=seed
    )
    method = one_method(tables_of(data, "sentiment")["sentiment"], method)
    ax = get_axes(ax)
    groups = list(dict.fromkeys(table["group"]))
    colors = {groups[0]: ARTICLE_COLOR}
    for group in groups[1:]:
        colors[group] = COMMENTS_COLOR
    width = float((table["bin_right"] - table["bin_left"]).iloc[0])
    bar_width = width / (len(groups) + 0.5)
    top = float(table["share"].max()) if len(table) else 0.0
    top = top if top > 0 else 1.0
    summaries = []
    for i, group in enumerate(groups):
        rows = table[table["group"] == group]
        n, mean = int(rows["n"].iloc[0]), float(rows["mean"].iloc[0])
        low, high = float(rows["ci_low"].iloc[0]), float(rows["ci_high"].iloc[0])
        offset = (i - (len(groups) - 1) / 2) * bar_width
        centres = (rows["bin_left"] + rows["bin_right"]).to_numpy() / 2 + offset
        style: dict[str, Any] = {"color": colors[group], "edgecolor": "white", "linewidth": 0.4}
        style.update(kwargs)
        interval = f" [{low:+.2f}, {high:+.2f}]" if n and np.isfinite(low) else ""
        mean_text = f", mean {mean:+.2f}{interval}" if n else ""
        ax.bar(centres, rows["share"], width=bar_width, label=f"{group} (n={n:,}{mean_text})", **style)
        summaries.append((i, group, n, mean, low, high))
    # Means and intervals after all bars, so ax.containers starts with the bar sets.
    for i, group, n, mean, low, high in summaries:
        if not n:
            continue
        y = top * (1.12 + 0.1 * i)
        ax.plot([mean, mean], [0, y], color=colors[group], linestyle="--", linewidth=1.0, zorder=1)
        xerr = [[mean - low], [high - mean]] if np.isfinite(low) else None
        ax.errorbar([mean], [y], xerr=xerr, fmt="D", color=colors[group], markersize=5, elinewidth=1.6,
                    capsize=3, markeredgecolor="white", zorder=4)
    if not table["n"].any():
        note_empty(ax, "no scores to plot")
    ax.axvline(0.0, color=NEUTRAL_GREY, linewidth=0.6, zorder=0)
    ax.set_ylim(0.0, top * (1.2 + 0.1 * len(groups)) * (_HEADROOM if legend is True else 1.0))
    ax.set_xlim(-1.02, 1.02)
    pct = int(round(ci * 100))
    ax.set_xlabel(f"sentiment ({method_label(method)}); diamonds: group means with {pct}% bootstrap intervals")
    ax.set_ylabel("share of the group")
    n_threads = int(table["n_threads"].iloc[0]) if len(table) else 0
    pooled_note(ax, n_threads)
    place_legend(ax, legend, "upper left")
    return ax
