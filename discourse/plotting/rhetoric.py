"""The rhetorical profile: feature rates per 1,000 words, article vs comments, with counts.

:func:`rhetorical_profile_table` computes the numbers, :func:`plot_rhetorical_profile` draws
them as grouped horizontal bars (most frequent feature at the top), each bar labelled with its
raw count so that a high rate resting on two hits is visible as such.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from discourse.analysis import analyze
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
    feature_label,
    get_axes,
    note_empty,
    place_legend,
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
    "comments_count",
    "comments_words",
    "comments_rate",
    "comments_units",
)
_SORTS = ("max", "comments", "article", "difference", "name")


def rhetorical_profile_table(
    data: Any,
    *,
    thread_id: str | Sequence[str] | None = None,
    features: Sequence[str] | None = None,
    top: int | None = 20,
    sort: str = "max",
    drop_zero: bool = True,
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

    Returns
    -------
    pandas.DataFrame
        One row per feature, in plotted order (top first): ``feature``, ``article_count``,
        ``article_words``, ``article_rate``, ``comments_count``, ``comments_words``,
        ``comments_rate``, ``comments_units`` (number of comments).

    Examples
    --------
    >>> from discourse.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> t = rhetorical_profile_table(analyze(load_seed()), top=3)
    >>> list(t["feature"])
    ['rudeness_cues', 'negations', 'hedges']
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
    counts: bool = True,
    legend: bool | str = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Plot the rhetorical profile: grouped horizontal bars, article vs comments.

    Parameters are those of :func:`rhetorical_profile_table` (which returns the plotted
    numbers), plus `counts` (write each bar's number of hits at its end), `legend` (``True``,
    ``"outside"`` or ``False``), `ax` and `kwargs` for :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
        Two bar containers (article, comments), one bar per feature, top feature first.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from discourse.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> from matplotlib.figure import Figure
    >>> ax = plot_rhetorical_profile(analyze(load_seed()), top=5, ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_yticklabels()][:2]
    ['rudeness cues', 'negations']
    """
    table = rhetorical_profile_table(
        data, thread_id=thread_id, features=features, top=top, sort=sort, drop_zero=drop_zero
    )
    ax = get_axes(ax)
    n = len(table)
    y = np.arange(n, dtype=float)
    height = 0.4
    maximum = float(np.nanmax(table[["article_rate", "comments_rate"]].to_numpy())) if n else 1.0
    maximum = maximum if np.isfinite(maximum) and maximum > 0 else 1.0
    words = {s: int(table[f"{s}_words"].iloc[0]) if n else 0 for s in ("article", "comments")}
    n_comments = int(table["comments_units"].iloc[0]) if n else 0
    sides = (
        ("article", ARTICLE_COLOR, -height / 2, f"article ({thousands(words['article'])} words)"),
        ("comments", COMMENTS_COLOR, height / 2,
         f"{thousands(n_comments)} comments ({thousands(words['comments'])} words)"),
    )
    for side, color, offset, label in sides:
        style = {"color": color, "edgecolor": "white", "linewidth": 0.4}
        style.update(kwargs)
        rates = table[f"{side}_rate"].fillna(0.0).to_numpy()
        bars = ax.barh(y + offset, rates, height=height, label=label, **style)
        if counts:
            ax.bar_label(
                bars, labels=[f"{int(c):,}" for c in table[f"{side}_count"]], padding=2,
                fontsize="x-small", color="#333333",
            )
    if not n:
        note_empty(ax, "no rhetorical feature found")
    ax.set_yticks(y)
    ax.set_yticklabels([feature_label(f) for f in table["feature"]])
    ax.set_ylim(max(n, 1) - 0.5, -0.5)  # top feature first
    ax.set_xlim(0, maximum * 1.15)  # room for the count labels
    ax.set_xlabel("rate per 1,000 words (bar labels: number of hits)" if counts else "rate per 1,000 words")
    place_legend(ax, legend)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    return ax
