"""Shares of uncivil and intolerant units: article vs comments, or comments by reply depth.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from matplotlib.figure import Figure
>>> from discourse.pipeline.analysis import analyze
>>> from discourse.datasets import load_seed
>>> results = analyze(load_seed())
>>> incivility_table(results)[["measure", "group", "n"]].values.tolist()[:2]
[['incivility', 'article', 2], ['incivility', 'comments', 16]]
>>> ax = plot_incivility(results, ax=Figure().subplots())
>>> ax.get_ylabel()
'share of units (95% Wilson interval)'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from discourse.plotting._common import (
    EDGE_GREY,
    OKABE_ITO,
    get_axes,
    note_empty,
    place_legend,
    require_columns,
    tables_of,
    threads_filter,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["incivility_table", "plot_incivility"]

MEASURE_COLORS = {"incivility": OKABE_ITO["vermillion"], "intolerance": OKABE_ITO["purple"]}
_BY = ("part", "depth")


def incivility_table(
    data: Any,
    *,
    by: str = "part",
    thread_id: str | Sequence[str] | None = None,
    measures: Sequence[str] = ("incivility", "intolerance"),
    threshold: float = 0.5,
    ci: float = 0.95,
    max_depth: int = 3,
) -> "pd.DataFrame":
    """The plotted numbers: share of units at or above `threshold`, per group and measure.

    Parameters
    ----------
    data : Results or mapping of tables
        Needs the ``incivility`` table, and ``units`` for ``by="depth"``.
    by : {"part", "depth"}
        ``"part"``: article (title and body) vs comments; ``"depth"``: comments by reply depth
        (``depth 0`` = replies to the article; deeper ones pooled from `max_depth`).
    thread_id : str or sequence of str, optional
        Restrict to these threads (default: pool every thread).
    measures : sequence of str
        ``incivility`` and/or ``intolerance``.
    threshold : float
        Probability at or above which a unit counts.
    ci : float
        Level of the Wilson intervals.

    Returns
    -------
    pandas.DataFrame
        One row per measure and group, in plotted order: ``measure, group, n, n_flagged,
        share, ci_low, ci_high, mean`` (``mean``: mean probability).

    Examples
    --------
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> t = incivility_table(analyze(load_seed()), by="depth", measures=["intolerance"])
    >>> list(t["group"])
    ['depth 0']
    """
    import pandas as pd

    from discourse.incivility import SUMMARY_COLUMNS, summary_rows

    if by not in _BY:
        raise ValueError(f"by must be one of {_BY}, not {by!r}")
    unknown = [m for m in measures if m not in MEASURE_COLORS]
    if unknown or not measures:
        raise ValueError(f"measures must be among {tuple(MEASURE_COLORS)}, not {list(measures)!r}")
    tables = tables_of(data, "incivility", ("units",))
    frame = tables["incivility"]
    require_columns(frame, ("thread_id", "unit_id", "unit_kind", "incivility", "intolerance"), "incivility")
    frame = threads_filter(frame, thread_id)
    depth: np.ndarray | list[int | None] = np.full(len(frame), None, dtype=object)
    if by == "depth":
        units = tables["units"]
        if units is None:
            raise ValueError("by='depth' needs the 'units' table (pass the Results, not one table)")
        require_columns(units, ("thread_id", "unit_id", "depth"), "units")
        lookup = {
            (t, u): (None if pd.isna(d) else int(d))
            for t, u, d in zip(units["thread_id"], units["unit_id"], units["depth"])
        }
        depth = [lookup.get((t, u)) for t, u in zip(frame["thread_id"], frame["unit_id"])]
    rows = summary_rows(
        zip(frame["unit_kind"], depth, frame["incivility"].astype(float), frame["intolerance"].astype(float)),
        threshold=threshold,
        ci=ci,
        max_depth=max_depth,
    )
    table = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    if by == "part":
        table = table[table["group"].isin(["article", "comments"])]
    else:
        table = table[table["group"].str.startswith("depth")]
    table = table[table["measure"].isin(list(measures)) & (table["n"] > 0)]
    return table.reset_index(drop=True)


def plot_incivility(
    data: Any,
    *,
    by: str = "part",
    thread_id: str | Sequence[str] | None = None,
    measures: Sequence[str] = ("incivility", "intolerance"),
    threshold: float = 0.5,
    ci: float = 0.95,
    max_depth: int = 3,
    legend: bool | str = True,
    ax: "Axes | None" = None,
    **kwargs: Any,
) -> "Axes":
    """Bars of the share of uncivil / intolerant units per group, with Wilson intervals.

    One bar per group and measure (incivility vermillion, intolerance purple), error bars for
    the interval, the number of units under each group label. Parameters as in
    :func:`incivility_table`; `kwargs` go to ``ax.bar``.

    Returns
    -------
    matplotlib.axes.Axes
        One bar container per measure.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> ax = plot_incivility(analyze(load_seed()), by="depth", ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['depth 0\\n(n=16)']
    """
    table = incivility_table(
        data, by=by, thread_id=thread_id, measures=measures, threshold=threshold, ci=ci, max_depth=max_depth
    )
    ax = get_axes(ax)
    level = f"{round(ci * 100):g}%"
    ax.set_ylabel(f"share of units ({level} Wilson interval)")
    if table.empty:
        note_empty(ax, "no units to show")
        return ax
    groups = list(dict.fromkeys(table["group"]))
    present = [m for m in measures if m in set(table["measure"])]
    width = 0.8 / len(present)
    x = np.arange(len(groups), dtype=float)
    n_of = dict(zip(table["group"], table["n"]))
    for k, measure in enumerate(present):
        part = table[table["measure"] == measure].set_index("group").reindex(groups)
        share = part["share"].to_numpy(dtype=float)
        low = np.clip(share - part["ci_low"].to_numpy(dtype=float), 0, None)
        high = np.clip(part["ci_high"].to_numpy(dtype=float) - share, 0, None)
        style = {"color": MEASURE_COLORS[measure], "edgecolor": EDGE_GREY, "linewidth": 0.6, **kwargs}
        ax.bar(
            x + (k - (len(present) - 1) / 2) * width,
            share,
            width,
            yerr=np.vstack([low, high]),
            capsize=3,
            error_kw={"elinewidth": 0.9, "ecolor": EDGE_GREY},
            label=f"{measure} (P >= {threshold:g})",
            **style,
        )
    ax.set_xticks(x)
    ax.set_xticklabels([f"{g}\n(n={int(n_of[g]):,})" for g in groups])
    top = float(np.nanmax(table["ci_high"].to_numpy(dtype=float))) if len(table) else 1.0
    ax.set_ylim(0, min(1.0, max(0.1, top * 1.15)))
    ax.grid(axis="y", color="#e0e0e0", linewidth=0.6)
    ax.set_axisbelow(True)
    if legend:
        place_legend(ax, legend)
    return ax
