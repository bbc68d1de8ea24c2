"""The rhetorical profile: feature rates per 1,000 words, article vs comments, with counts.

:func:`rhetorical_profile_table` computes the numbers, :func:`plot_rhetorical_profile` draws
them as grouped horizontal bars (highest rate at the top), each with its 95% interval and
labelled with its raw count, so that a high rate resting on two hits is visible as such.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from discourse.pipeline.analysis import analyze
>>> from discourse.datasets import load_seed
>>> results = analyze(load_seed())
>>> t = rhetorical_profile_table(results, features=["hedges", "second_person"])
>>> t[["feature", "article_count", "comments_count"]].values.tolist()
[['hedges', 11, 18], ['second_person', 0, 14]]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from discourse.plotting._common import (
    ARTICLE_COLOR,
    COMMENTS_COLOR,
    EDGE_GREY,
    feature_label,
    get_axes,
    n_threads_of,
    note_empty,
    place_legend,
    poisson_rate_interval,
    require_columns,
    tables_of,
    thousands,
    threads_filter,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["rhetorical_profile_table", "plot_rhetorical_profile"]

PROFILE_COLUMNS = (
    "feature",
    "article_count",
    "article_words",
    "article_rate",
    "article_ci_low",
    "article_ci_high",
    "comments_count",
    "comments_words",
    "comments_rate",
    "comments_ci_low",
    "comments_ci_high",
    "comments_units",
)
INDICES = frozenset({"rudeness_cues"})
"""Features that are indices made of other features (drawn beside their own components they
count the same hits twice, so the profile leaves them out unless asked)."""
_SORTS = ("max", "comments", "article", "difference", "name")


def rhetorical_profile_table(
    data: Any,
    *,
    thread_id: str | Sequence[str] | None = None,
    features: Sequence[str] | None = None,
    top: int | None = 20,
    sort: str = "max",
    drop_zero: bool = True,
    indices: bool = False,
) -> pd.DataFrame:
    """Rates per 1,000 words of each rhetorical feature in the article and in the comments.

    The article side pools the title and the body (as
    :func:`discourse.rhetoric.contrast_table` does); the comments side pools all comments.
    A rate is ``1000 * hits / words`` over the pooled texts.

    Parameters
    ----------
    data : Results, mapping of tables, or the ``features`` DataFrame
    thread_id : str or list of str, optional
        Restrict to these threads (default: pool every thread in the data).
    features : list of str, optional
        Features to include (default: every feature in the data).
    top : int or None
        Keep the first `top` features after sorting (default 20; ``None``: all).
    sort : {"max", "comments", "article", "difference", "name"}
        Order, first = top of the plot: by the larger of the two rates (default), by one side's
        rate, by comments minus article rate, or alphabetically. Ties break by name.
    drop_zero : bool
        Leave out features with no hit on either side (default).
    indices : bool
        Keep composite indices (:data:`INDICES`, e.g. ``rudeness_cues``, the union of nine other
        features) when `features` is not given (default: leave them out).

    Returns
    -------
    pandas.DataFrame
        One row per feature, in plotted order (top first): ``feature``, ``article_count``,
        ``article_words``, ``article_rate`` with its 95% interval ``article_ci_low``,
        ``article_ci_high``, the same for ``comments_``, and ``comments_units`` (number of
        comments). Intervals are Poisson intervals of the rate
        (:func:`~discourse.plotting._common.poisson_rate_interval`): they treat hits as
        independent, which pooled comments are not quite, so they are on the narrow side.

    Examples
    --------
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> t = rhetorical_profile_table(analyze(load_seed()), top=3)
    >>> list(t["feature"])
    ['negations', 'hedges', 'questions']
    """
    import pandas as pd

    if sort not in _SORTS:
        raise ValueError(f"sort must be one of {_SORTS}, not {sort!r}")
    if top is not None and (not isinstance(top, (int, np.integer)) or top < 1):
        raise ValueError(f"top must be a positive integer or None, not {top!r}")
    frame = tables_of(data, "features")["features"]
    require_columns(frame, ("thread_id", "unit_id", "unit_kind", "feature", "count", "n_words"), "features")
    frame = threads_filter(frame, thread_id)
    if features is not None:
        features = list(features)
        unknown = [f for f in features if f not in set(frame["feature"])]
        if unknown:
            raise ValueError(f"feature(s) {unknown} not in the data")
        frame = frame[frame["feature"].isin(features)]
    elif not indices:
        frame = frame[~frame["feature"].isin(INDICES)]
    side = np.where(frame["unit_kind"].to_numpy() == "comment", "comments", "article")
    frame = frame.assign(side=side, count=frame["count"].astype("int64"))
    counts = frame.groupby(["feature", "side"])["count"].sum().unstack("side")
    # Words per side: each unit once (it has one row per feature).
    units = frame.drop_duplicates(["thread_id", "unit_id"])
    words = units.groupby("side")["n_words"].sum()
    n_comments = int((units["side"] == "comments").sum())
    table = pd.DataFrame({"feature": counts.index})
    for name in ("article", "comments"):
        hits = counts[name].fillna(0).astype("int64").to_numpy() if name in counts else np.zeros(len(table), "int64")
        n_words = int(words.get(name, 0))
        table[f"{name}_count"] = hits
        table[f"{name}_words"] = n_words
        table[f"{name}_rate"] = 1000.0 * hits / n_words if n_words else np.nan
        table[f"{name}_ci_low"], table[f"{name}_ci_high"] = poisson_rate_interval(hits, n_words)
    table["comments_units"] = n_comments
    if drop_zero:
        table = table[(table["article_count"] > 0) | (table["comments_count"] > 0)]
    if sort == "name":
        table = table.sort_values("feature")
    else:
        key = {
            "max": table[["article_rate", "comments_rate"]].max(axis=1),
            "comments": table["comments_rate"],
            "article": table["article_rate"],
            "difference": table["comments_rate"] - table["article_rate"],
        }[sort]
        table = table.assign(_key=-key.fillna(-np.inf)).sort_values(["_key", "feature"]).drop(columns="_key")
    if top is not None:
        table = table.head(int(top))
    return table.reset_index(drop=True)[list(PROFILE_COLUMNS)]


def plot_rhetorical_profile(
    data: Any,
    *,
    thread_id: str | Sequence[str] | None = None,
    features: Sequence[str] | None = None,
    top: int | None = 20,
    sort: str = "max",
    drop_zero: bool = True,
    indices: bool = False,
    counts: bool = True,
    legend: bool | str = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Plot the rhetorical profile: grouped horizontal bars of rates, article vs comments.

    Each bar carries its 95% interval (a whisker) and, beyond it, its number of hits (none
    is written for a side without hits). Parameters are those of
    :func:`rhetorical_profile_table` (which returns the plotted numbers), plus `counts` (write
    the hits), `legend` (``True``, ``"outside"`` or ``False``), `ax` and `kwargs` for
    :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
        Two bar containers (article, comments), one bar per feature, top feature first, then
        the two error-bar containers.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> from matplotlib.figure import Figure
    >>> ax = plot_rhetorical_profile(analyze(load_seed()), top=5, ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['negations', 'hedges']
    """
    table = rhetorical_profile_table(
        data, thread_id=thread_id, features=features, top=top, sort=sort, drop_zero=drop_zero, indices=indices
    )
    ax = get_axes(ax)
    n = len(table)
    y = np.arange(n, dtype=float)
    height = 0.4
    highs = table[["article_ci_high", "comments_ci_high"]].to_numpy(dtype=float) if n else np.zeros((0, 2))
    maximum = float(np.nanmax(highs)) if n and np.isfinite(highs).any() else 1.0
    maximum = maximum if np.isfinite(maximum) and maximum > 0 else 1.0
    words = {s: int(table[f"{s}_words"].iloc[0]) if n else 0 for s in ("article", "comments")}
    n_comments = int(table["comments_units"].iloc[0]) if n else 0
    sides = (
        ("article", ARTICLE_COLOR, -height / 2, f"article ({thousands(words['article'])} words)"),
        ("comments", COMMENTS_COLOR, height / 2,
         f"{thousands(n_comments)} comments ({thousands(words['comments'])} words)"),
    )
    for side, color, offset, label in sides:
        style: dict[str, Any] = {"color": color, "edgecolor": "white", "linewidth": 0.4}
        style.update(kwargs)
        ax.barh(y + offset, table[f"{side}_rate"].fillna(0.0).to_numpy(), height=height, label=label, **style)
    for side, color, offset, _ in sides:
        rates = table[f"{side}_rate"].to_numpy(dtype=float)
        low, high = table[f"{side}_ci_low"].to_numpy(dtype=float), table[f"{side}_ci_high"].to_numpy(dtype=float)
        has = np.isfinite(rates) & np.isfinite(low) & np.isfinite(high)
        if has.any():
            ax.errorbar(rates[has], (y + offset)[has], xerr=[rates[has] - low[has], high[has] - rates[has]],
                        fmt="none", ecolor=EDGE_GREY, elinewidth=0.8, capsize=1.5)
        if counts:
            for yi, hits, tip in zip(y + offset, table[f"{side}_count"], high):
                if hits > 0 and np.isfinite(tip):  # no "0" beside an absent bar
                    ax.annotate(f"{int(hits):,}", (tip, yi), xytext=(2, 0), textcoords="offset points",
                                va="center", ha="left", fontsize="x-small", color="#333333")
    if not n:
        note_empty(ax, "no rhetorical feature found")
    ax.set_yticks(y)
    ax.set_yticklabels([feature_label(f) for f in table["feature"]])
    ax.set_ylim(max(n, 1) - 0.5, -0.5)  # top feature first
    ax.set_xlim(0, maximum * 1.12)  # room for the count labels
    label = "rate per 1,000 words (95% interval" + ("; labels: hits)" if counts else ")")
    n_threads = n_threads_of(threads_filter(tables_of(data, "features")["features"], thread_id))
    if n_threads > 1:  # a corpus profile pools every thread: say so where the numbers are read
        label += f"\narticles and comments of {n_threads:,} threads pooled"
    ax.set_xlabel(label)
    place_legend(ax, legend, "best")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    return ax
