"""The reply tree of a thread: who replies to whom, in reading order, coloured by a measure.

:func:`reply_tree_table` lays the tree out (x: reading order, y: reply depth, the article on
top) and attaches a value to each node; :func:`plot_reply_tree` draws it with elbow connectors
from each comment to the comment (or article) it replies to.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from discourse.pipeline.analysis import analyze
>>> from discourse.datasets import load_seed
>>> t = reply_tree_table(analyze(load_seed()))
>>> t[["unit_id", "parent", "x", "y"]].head(2).values.tolist()
[['article', None, 0.0, -1.0], ['c01', 'article', 1.0, 0.0]]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from discourse.plotting._common import (
    EDGE_GREY,
    SENTIMENT_CMAP,
    SEQUENTIAL_CMAP,
    feature_label,
    get_axes,
    method_label,
    note_empty,
    one_method,
    one_thread,
    require_columns,
    tables_of,
)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.colors import Colormap

__all__ = ["reply_tree_table", "plot_reply_tree"]

TREE_COLUMNS = ("thread_id", "unit_id", "unit_kind", "parent", "position", "depth", "x", "y", "value")


def reply_tree_table(
    data: Any,
    *,
    thread_id: str | None = None,
    color: str = "sentiment",
    method: str | None = None,
) -> pd.DataFrame:
    """Node positions and values of a thread's reply tree.

    Parameters
    ----------
    data : Results or mapping of tables
        Needs the ``units`` table, and ``sentiment`` or ``features`` for the colour.
    thread_id : str, optional
        The thread; may be omitted when the data hold one thread.
    color : str
        The measure: ``"sentiment"`` (each comment's score; the article node gets the mean of its
        sentences, else its body's score), a rhetorical feature name (its rate per 1,000 words
        in each unit), or ``"none"``.
    method : str, optional
        Sentiment method, for ``color="sentiment"``.

    Returns
    -------
    pandas.DataFrame
        One row per node (the article first, then comments in reading order): ``thread_id``,
        ``unit_id``, ``unit_kind``, ``parent`` (the node replied to; ``"article"`` for top-level
        comments, None for the article), ``position``, ``depth``, ``x`` (0 for the article,
        then 1, 2, ... in reading order), ``y`` (the depth; -1 for the article) and ``value``.

    Examples
    --------
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> t = reply_tree_table(analyze(load_seed()), color="second_person")
    >>> int((t["depth"] == 0).sum()), float(t["value"].max()) > 0
    (16, True)
    """
    import pandas as pd

    optional = ("sentiment", "features")
    tables = tables_of(data, "units", optional)
    units = tables["units"]
    assert units is not None  # the primary table (tables_of raised if absent)
    require_columns(units, ("thread_id", "unit_id", "unit_kind", "position", "parent_id", "depth"), "units")
    thread = one_thread(units, thread_id)
    units = units[(units["thread_id"] == thread) & (units["unit_kind"] != "title")]
    comments = units[units["unit_kind"] == "comment"].sort_values("position", kind="stable")
    parents = [
        p if isinstance(p, str) and p else "article" for p in comments["parent_id"].tolist()
    ]
    known = set(comments["unit_id"]) | {"article"}
    # A parent that is not in the thread (a deleted comment) hangs the reply under the article.
    parents = [p if p in known else "article" for p in parents]
    table = pd.DataFrame(
        {
            "thread_id": thread,
            "unit_id": ["article"] + comments["unit_id"].astype(str).tolist(),
            "unit_kind": ["article"] + ["comment"] * len(comments),
            "parent": pd.Series([None] + parents, dtype=object),
            "position": pd.array([-1] + comments["position"].astype(int).tolist(), dtype="Int64"),
            "depth": pd.array([pd.NA] + comments["depth"].tolist(), dtype="Int64"),
        }
    )
    table["x"] = np.arange(len(table), dtype=float)
    depth = table["depth"].astype("Float64").fillna(0.0).to_numpy(dtype=float, copy=True)
    depth[0] = -1.0
    table["y"] = depth
    table["value"] = _values(tables, thread, color, method, table["unit_id"].tolist())
    return table[list(TREE_COLUMNS)]


def _values(tables: dict[str, Any], thread: str, color: str, method: str | None, ids: list[str]) -> np.ndarray:
    if color == "none":
        return np.full(len(ids), np.nan)
    if color == "sentiment":
        sentiment = tables["sentiment"]
        if sentiment is None:
            raise ValueError("color='sentiment' needs the 'sentiment' table")
        method = one_method(sentiment, method)
        rows = sentiment[
            (sentiment["thread_id"] == thread) & (sentiment["method"] == method) & (sentiment["measure"] == "score")
        ]
        unit = rows[rows["level"] == "unit"].set_index("unit_id")["value"]
        values = np.array([float(unit.get(i, np.nan)) for i in ids])
        sentences = rows[(rows["unit_kind"] == "article") & (rows["level"] == "sentence")]["value"]
        if len(sentences):
            values[0] = float(sentences.astype(float).mean())
        return values
    features = tables["features"]
    if features is None:
        raise ValueError(f"color={color!r} needs the 'features' table")
    rows = features[(features["thread_id"] == thread) & (features["feature"] == color)]
    if rows.empty:
        raise ValueError(f"color must be 'sentiment', 'none' or a feature in the data, not {color!r}")
    rate = rows.set_index("unit_id")["rate_per_1000"]
    values = np.array([float(rate.get(i, np.nan)) for i in ids])
    # The article node pools title and body, as the rhetorical profile does.
    article = rows[rows["unit_kind"] != "comment"]
    words = float(article["n_words"].sum())
    values[0] = 1000.0 * float(article["count"].sum()) / words if words else np.nan
    return values


def plot_reply_tree(
    data: Any,
    *,
    thread_id: str | None = None,
    color: str = "sentiment",
    method: str | None = None,
    colorbar: bool = True,
    ids: bool | None = None,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Plot a thread's reply tree: x is reading order, y is reply depth, colour a measure.

    Parameters are those of :func:`reply_tree_table` (which returns the plotted numbers), plus
    `colorbar` (add one), `ids` (label the x axis with comment ids; default: when there are at
    most 40 comments), `ax` and `kwargs` for :meth:`matplotlib.axes.Axes.scatter`.

    On a flat thread (every comment replies to the article) a note in the axes says so.

    Returns
    -------
    matplotlib.axes.Axes
        A line collection (the reply edges) and one scatter collection (the nodes, article
        first), whose colour array is the table's ``value``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> from matplotlib.figure import Figure
    >>> ax = plot_reply_tree(analyze(load_seed()), ax=Figure().subplots())
    >>> len(ax.collections[-1].get_offsets())
    17
    """
    from matplotlib.collections import LineCollection

    table = reply_tree_table(data, thread_id=thread_id, color=color, method=method)
    ax = get_axes(ax)
    n = len(table)
    where = dict(zip(table["unit_id"], zip(table["x"], table["y"])))
    segments = []
    for child, parent, x, y in zip(table["unit_id"], table["parent"], table["x"], table["y"]):
        if not isinstance(parent, str):
            continue  # the article
        px, py = where[parent]
        mid = py + 0.5
        segments.append([(px, py), (px, mid), (x, mid), (x, y)])
    ax.add_collection(LineCollection(segments, colors="#9a9a9a", linewidths=0.8, zorder=1))
    cmap: str | Colormap | None  # a colormap's name, then the colormap itself
    if color == "sentiment":
        sentiment = tables_of(data, "units", ("sentiment",))["sentiment"]
        cmap, vmin, vmax, extend = SENTIMENT_CMAP, -1.0, 1.0, "neither"
        clabel = f"sentiment ({method_label(one_method(sentiment, method))})"
    elif color == "none":
        cmap, vmin, vmax, clabel, extend = None, None, None, "", "neither"
    else:
        values = table["value"].to_numpy(dtype=float)
        # Scale to the 95th percentile so one short comment with a huge rate does not make
        # every other node look alike; the colour bar's arrow marks the clipped top.
        top = float(np.nanpercentile(values, 95)) if np.isfinite(values).any() else 1.0
        cmap, vmin, vmax = SEQUENTIAL_CMAP, 0.0, top if top > 0 else 1.0
        extend = "max" if np.nanmax(values) > vmax else "neither"
        clabel = f"{feature_label(color)} per 1,000 words" + ("\n(colours capped at the 95th percentile)" if extend == "max" else "")
    if cmap is not None:
        from matplotlib import colormaps

        cmap = colormaps[cmap].with_extremes(bad="#dddddd")  # nodes without a value: light grey
    size = 60 if n <= 60 else 25 if n <= 300 else 10
    style: dict[str, Any] = {"s": size, "edgecolors": EDGE_GREY, "linewidths": 0.6, "zorder": 2}
    if cmap is not None:
        style.update({"c": table["value"].to_numpy(dtype=float), "cmap": cmap, "vmin": vmin, "vmax": vmax,
                      "plotnonfinite": True})
    else:
        style["color"] = "#bbbbbb"
    style.update(kwargs)
    points = ax.scatter(table["x"], table["y"], **style)
    max_depth = int(np.nanmax(table["y"])) if n > 1 else 0
    ax.set_ylim(max_depth + 0.5, -1.5)
    ax.set_xlim(-0.8, max(n - 1, 1) + 0.8)
    ax.set_yticks(np.arange(-1, max_depth + 1))
    ax.set_yticklabels(["article"] + [str(d) for d in range(max_depth + 1)])
    ax.set_ylabel("reply depth")
    show_ids = (n - 1 <= 40) if ids is None else ids
    if show_ids and n > 1:
        ax.set_xticks(table["x"].to_numpy()[1:])
        ax.set_xticklabels(table["unit_id"].tolist()[1:], rotation=90, fontsize="small")
        ax.set_xlabel("comment (reading order)")
    else:
        ax.set_xlabel("comment number (reading order)")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if n > 1 and max_depth == 0:
        # A flat thread (common on news sites without threaded replies, and the seed) has no
        # tree to show: say why, rather than leave a row of dots that looks like a failure.
        ax.text(0.5, 0.97, f"flat thread: all {n - 1:,} comments reply to the article directly\n"
                "(no comment replies to another comment, so the tree has one level)",
                transform=ax.transAxes, ha="center", va="top", fontsize="small", color=EDGE_GREY)
    elif n == 1:
        note_empty(ax, "no comments")
    if colorbar and cmap is not None:
        bar = ax.figure.colorbar(points, ax=ax, fraction=0.05, pad=0.02, extend=extend)
        bar.set_label(clabel)
    return ax
