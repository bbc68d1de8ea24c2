"""Actor plots: stance toward actors, an actor x unit stance heatmap, the actor relation network.

Table functions return the plotted numbers: :func:`actor_stance_table` /
:func:`plot_actor_stance` (diverging bars, article and comments side by side, with the number of
mentions and a bootstrap interval), :func:`stance_heatmap_table` / :func:`plot_stance_heatmap`
(actors x article paragraphs and comments) and :func:`relation_network_table` /
:func:`plot_relation_network` (who acts on or speaks about whom, on a deterministic circle).

`data` is a :class:`~discourse.results.Results` (or a mapping of tables) with the actor tables
of :func:`discourse.pipeline.analysis.analyze`: ``stance_mentions`` (stance per mention) and
``relations``; ``nominations`` gives display names, ``segments`` the article's paragraphs and
``units`` the reading order. The stance plots also take the ``stance_mentions`` DataFrame.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from matplotlib.figure import Figure
>>> from discourse.pipeline.analysis import analyze
>>> from discourse.datasets import load_seed
>>> results = analyze(load_seed())
>>> t = actor_stance_table(results, top=2)
>>> t[["actor", "part", "n_mentions"]].values.tolist()
[['united_states', 'article', 16], ['united_states', 'comments', 15], ['syria', 'article', 13], ['syria', 'comments', 7]]
>>> ax = plot_actor_stance(results, top=2, ax=Figure().subplots())
>>> [len(c) for c in ax.containers[:2]]
[2, 2]
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from discourse.plotting._common import (
    ARTICLE_COLOR,
    COMMENTS_COLOR,
    EDGE_GREY,
    NEUTRAL_GREY,
    STANCE_CMAP,
    get_axes,
    note_empty,
    one_thread,
    require_columns,
    short_label,
)
from discourse.evidence import resolve_actor_names
from discourse.sentiment.aggregate import bootstrap_mean_ci

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = [
    "actor_stance_table",
    "plot_actor_stance",
    "stance_heatmap_table",
    "plot_stance_heatmap",
    "relation_network_table",
    "plot_relation_network",
]

PARTS = ("article", "comments")
STANCE_COLUMNS = (
    "actor", "name", "part", "n_mentions", "n_units", "n_positive", "n_negative", "score", "ci_low", "ci_high",
)
HEATMAP_COLUMNS = ("actor", "name", "unit", "unit_kind", "column", "n_mentions", "score")
NETWORK_COLUMNS = (
    "part", "source", "target", "source_name", "target_name", "n", "n_negative", "n_neutral", "n_positive",
    "polarity", "source_x", "source_y", "target_x", "target_y",
)
# Ends of the PuOr palette: orange-brown = negative (against), purple = positive (for).
NEGATIVE_COLOR = "#B35806"
POSITIVE_COLOR = "#542788"
MIXED_COLOR = "#8C8C8C"


@dataclass(frozen=True)
class _ActorData:
    """The actor tables of one thread, normalised (see :func:`_actor_data`)."""

    thread_id: str
    mentions: Any  # DataFrame: part, unit_kind, unit, actor, source, score, label, start, end
    edges: Any  # DataFrame: part, source, target, n, n_negative, n_neutral, n_positive
    names: Mapping[str, str]
    paragraphs: tuple[tuple[int, int], ...] | None  # article body paragraph spans
    comments: tuple[str, ...]  # comment ids in reading order


def _actor_data(data: Any, thread_id: str | None) -> _ActorData:
    """The actor tables of one thread from results (or the ``stance_mentions`` DataFrame)."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        frames: Mapping[str, Any] = {"stance_mentions": data}
    else:
        frames = getattr(data, "tables", data)
        if not isinstance(frames, Mapping):
            raise TypeError(f"expected a Results, a mapping of tables or a DataFrame, not {type(data).__name__}")
    if "stance_mentions" not in frames:
        raise ValueError(
            "the results have no 'stance_mentions' table (stance per actor mention); "
            "they come from discourse.pipeline.analysis.analyze() with the actor stage"
        )
    mentions = frames["stance_mentions"]
    require_columns(mentions, ("unit_id", "unit_kind", "actor", "source", "score"), "stance_mentions")
    if "thread_id" in mentions:
        chosen = one_thread(mentions, thread_id) if len(mentions) else (thread_id or _only_thread(frames))
    else:
        chosen = thread_id or ""
    mentions = _of_thread(mentions, chosen).copy()
    relations = _of_thread(frames.get("relations"), chosen)
    nominations = _of_thread(frames.get("nominations"), chosen)
    paragraphs = None
    segments = _of_thread(frames.get("segments"), chosen)
    if segments is not None:
        rows = segments[(segments["unit_kind"] == "article") & (segments["segment"] == "paragraph")]
        paragraphs = tuple(zip(rows["start"].astype(int), rows["end"].astype(int))) or None
    comments: tuple[str, ...] = ()
    units = _of_thread(frames.get("units"), chosen)
    if units is not None:
        rows = units[units["unit_kind"] == "comment"].sort_values("position", kind="stable")
        comments = tuple(rows["unit_id"].astype(str))
    kinds = mentions["unit_kind"].astype(str).to_numpy()
    mentions["part"] = np.where(kinds == "comment", "comments", "article")
    # Title and body are the units "title" and "article"; comments keep their ids.
    mentions["unit"] = np.where(kinds == "comment", mentions["unit_id"].astype(str).to_numpy(), kinds)
    mentions["score"] = mentions["score"].astype(float)
    if not comments:
        comments = tuple(dict.fromkeys(mentions.loc[kinds == "comment", "unit"]))
    edges = _of_thread(frames.get("relation_edges"), chosen)
    if edges is None:
        edges = _edges_of(relations)
    names: dict[str, str] = {}
    if nominations is not None and len(nominations) and "actor_name" in nominations:
        names = dict(zip(nominations["actor"].astype(str), nominations["actor_name"].astype(str)))
    return _ActorData(chosen, mentions, edges, names, paragraphs, comments)


def _edges_of(relations: Any) -> Any:
    """Edges per part x source x target from the ``relations`` table, by the pipeline's rules
    for ``relation_edges``: actor targets only, no speaker outside the registry ("other")."""
    import pandas as pd

    columns = ["part", "source", "target", "n", "n_negative", "n_neutral", "n_positive"]
    if relations is None or relations.empty:
        return pd.DataFrame(columns=columns)
    target = relations["target"].fillna("").astype(str)
    rows = relations[(target != "") & (relations["source"].astype(str) != "other")]
    polarity = rows["polarity"].astype(float)
    return (
        rows.assign(
            part=np.where(rows["unit_kind"].astype(str) == "comment", "comments", "article"),
            n=1, n_negative=(polarity < 0).astype(int), n_neutral=(polarity == 0).astype(int),
            n_positive=(polarity > 0).astype(int),
        )
        .groupby(["part", "source", "target"], as_index=False)[columns[3:]]
        .sum()
    )


def _only_thread(frames: Mapping[str, Any]) -> str:
    """The thread of results whose stance table is empty (from the units table)."""
    units = frames.get("units")
    if units is None or units.empty:
        return ""
    threads = list(dict.fromkeys(units["thread_id"]))
    return threads[0] if len(threads) == 1 else ""


def _of_thread(frame: Any, thread_id: str) -> Any:
    if frame is None or "thread_id" not in frame or not thread_id:
        return frame
    return frame[frame["thread_id"] == thread_id]


_SPECIAL_NAMES = {"other": "other speaker (not in the registry)", "author": "the writer"}


def _name(names: Mapping[str, str], actor: str) -> str:
    return names.get(actor) or _SPECIAL_NAMES.get(actor) or actor.replace("_", " ")


def _sources(mentions: Any, source: str | Sequence[str] | None) -> Any:
    """Mentions whose stance belongs to `source` (``"author"``: the writer's own; None: all)."""
    if source is None or source == "all":
        return mentions
    wanted = [source] if isinstance(source, str) else list(source)
    return mentions[mentions["source"].isin(wanted)]


def _bootstrap(values: np.ndarray, key: str, n_boot: int, ci: float, seed: int) -> tuple[float, float]:
    """Bootstrap interval of the mean (NaN below two values), seeded per group (by `key`) so a
    group's interval does not depend on which other groups are in the table."""
    if len(values) < 2:
        return math.nan, math.nan
    return bootstrap_mean_ci(values, n_boot=n_boot, ci=ci, seed=[seed, zlib.crc32(key.encode("utf-8"))])


def _top_actors(mentions: Any, top: int | None, actors: Sequence[str] | None, data: Any = None) -> list[str]:
    """The actors to draw: `actors` resolved to ids (names and aliases too), else the `top` most
    mentioned."""
    if actors is not None:
        import pandas as pd

        tables = {"stance_mentions": mentions} if data is None or isinstance(data, pd.DataFrame) else data
        return resolve_actor_names(actors, tables)
    counts = mentions.groupby("actor").size()
    order = sorted(counts.index, key=lambda a: (-int(counts[a]), a))
    return order if top is None else order[: int(top)]


def actor_stance_table(
    data: Any,
    *,
    thread_id: str | None = None,
    source: str | Sequence[str] | None = "author",
    actors: Sequence[str] | None = None,
    top: int | None = 12,
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Stance toward each actor in the article and in the comments, with an interval.

    Parameters
    ----------
    data : Results, mapping of tables, or the ``stance_mentions`` DataFrame
        See the module docstring.
    thread_id : str, optional
        The thread, when the results hold several.
    source : str, list of str or None
        Whose stance: ``"author"`` (default: the writer's own evaluations), an actor id (the
        stance the text reports from that actor, e.g. ``"russia"``), a list, or None for all.
    actors : list of str, optional
        Actors to show, in this order (default: the `top` most mentioned): ids, display names
        or aliases (``["Russia", "US"]``), resolved by
        :func:`~discourse.evidence.resolve_actor_names`; an unknown name raises
        :class:`~discourse.errors.UnknownActorError` with suggestions.
    top : int or None
        Number of actors (by mentions in both parts, ties by id); None for all.
    n_boot, ci, seed : int, float, int
        Percentile bootstrap of the mean over mentions (deterministic: seeded per actor and
        part). Mentions in one text are not independent, so the interval is on the narrow side.

    Returns
    -------
    pandas.DataFrame
        Two rows per actor (``part`` ``"article"`` then ``"comments"``), most mentioned actor
        first: ``actor``, ``name``, ``part``, ``n_mentions``, ``n_units`` (texts that mention
        the actor), ``n_positive``, ``n_negative`` (mentions labelled so), ``score`` (mean of
        the mention scores, -1 against to +1 for; NaN without mentions), ``ci_low``,
        ``ci_high`` (NaN below two mentions).

    Examples
    --------
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> t = actor_stance_table(analyze(load_seed()), actors=["israel"])
    >>> t[["part", "n_mentions", "n_units"]].values.tolist()
    [['article', 0, 0], ['comments', 6, 4]]
    """
    import pandas as pd

    prepared = _actor_data(data, thread_id)
    mentions = _sources(prepared.mentions, source)
    rows = []
    for actor in _top_actors(mentions, top, actors, data):
        for part in PARTS:
            items = mentions[(mentions["actor"] == actor) & (mentions["part"] == part)]
            scores = items["score"].to_numpy(dtype=float)
            low, high = _bootstrap(scores, f"{actor}|{part}", n_boot, ci, seed)
            labels = items["label"] if "label" in items else pd.Series([], dtype=str)
            rows.append(
                {
                    "actor": actor,
                    "name": _name(prepared.names, actor),
                    "part": part,
                    "n_mentions": len(items),
                    "n_units": int(items["unit"].nunique()),
                    "n_positive": int((labels == "positive").sum()),
                    "n_negative": int((labels == "negative").sum()),
                    "score": float(scores.mean()) if len(scores) else math.nan,
                    "ci_low": low,
                    "ci_high": high,
                }
            )
    return pd.DataFrame(rows, columns=list(STANCE_COLUMNS))


def plot_actor_stance(
    data: Any,
    *,
    thread_id: str | None = None,
    source: str | Sequence[str] | None = "author",
    actors: Sequence[str] | None = None,
    top: int | None = 12,
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
    min_mentions: int = 5,
    legend: bool | str = "outside",
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Diverging bars of the stance toward each actor: article and comments side by side.

    Each bar runs from 0 to the mean stance (left: against, right: for), with its bootstrap
    interval as an error bar and the number of mentions at its end. A bar resting on fewer
    than `min_mentions` mentions (default 5) is drawn pale and hatched, so that a mean of one
    or two mentions does not look as solid as a mean of sixteen. Parameters are those of
    :func:`actor_stance_table` (which returns the plotted numbers), plus `min_mentions`,
    `legend` (``"outside"``, default: to the right of the axes, where it cannot cover a bar
    or an interval; ``True`` inside; ``False`` none), `ax` and `kwargs` for
    :meth:`matplotlib.axes.Axes.barh`.

    Returns
    -------
    matplotlib.axes.Axes
        Two bar containers (article, comments; one bar per actor, most mentioned on top, a bar
        of width 0 where a part does not mention the actor), then the error bars.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> ax = plot_actor_stance(analyze(load_seed()), top=3, ax=Figure().subplots())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['United States', 'Syria', 'Russia']
    """
    table = actor_stance_table(
        data, thread_id=thread_id, source=source, actors=actors, top=top, n_boot=n_boot, ci=ci, seed=seed
    )
    ax = get_axes(ax)
    names = list(dict.fromkeys(zip(table["actor"], table["name"])))
    n = len(names)
    y = np.arange(n, dtype=float)
    height = 0.38
    extent = np.nanmax(np.abs(table[["score", "ci_low", "ci_high"]].to_numpy(dtype=float))) if len(table) else 0.0
    extent = float(extent) if np.isfinite(extent) and extent > 0 else 0.1
    limit = min(1.0, extent * 1.45 + 0.02)
    for part, color, offset in (("article", ARTICLE_COLOR, -height / 2), ("comments", COMMENTS_COLOR, height / 2)):
        rows = table[table["part"] == part]
        scores = rows["score"].to_numpy(dtype=float)
        style: dict[str, Any] = {"color": color, "edgecolor": "white", "linewidth": 0.4}
        style.update(kwargs)
        bars = ax.barh(y + offset, np.nan_to_num(scores), height=height, label=part, **style)
        for bar, count in zip(bars, rows["n_mentions"]):
            if 0 < count < min_mentions:  # few mentions: pale, hatched, outlined in the part's colour
                bar.set_facecolor(_pale(color))
                bar.set_edgecolor(color)
                bar.set_hatch("////")
                bar.set_linewidth(0.6)
    # Error bars and counts after both bar sets, so ax.containers starts with the two bar sets.
    for part, offset in (("article", -height / 2), ("comments", height / 2)):
        rows = table[table["part"] == part]
        scores = rows["score"].to_numpy(dtype=float)
        lows, highs = rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float)
        has = np.isfinite(lows) & np.isfinite(highs)
        if has.any():
            ax.errorbar(
                scores[has], (y + offset)[has],
                xerr=[scores[has] - lows[has], highs[has] - scores[has]],
                fmt="none", ecolor=EDGE_GREY, elinewidth=1.0, capsize=2,
            )
        for yi, score, low, high, count in zip(y + offset, scores, lows, highs, rows["n_mentions"]):
            if count == 0:
                ax.annotate("not mentioned", (0, yi), xytext=(3, 0), textcoords="offset points",
                            va="center", ha="left", fontsize="x-small", color=NEUTRAL_GREY)
                continue
            right = score >= 0
            tip = np.nanmax([score, high]) if right else np.nanmin([score, low])
            ax.annotate(f"n={count}", (tip, yi), xytext=(3 if right else -3, 0), textcoords="offset points",
                        va="center", ha="left" if right else "right", fontsize="x-small", color="#333333")
    if not n:
        note_empty(ax, "no actor mentions")
    ax.axvline(0.0, color=EDGE_GREY, linewidth=0.8)
    ax.set_yticks(y)
    ax.set_yticklabels([short_label(name, 22) for _, name in names])
    ax.set_ylim(max(n, 1) - 0.5, -0.5)
    ax.set_xlim(-limit, limit)
    who = "the writer's" if source == "author" else "all sources'" if source in (None, "all") else f"{source}'s"
    ax.set_xlabel(f"mean stance over mentions ({who}): - against, + for")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if legend and n:
        from matplotlib.lines import Line2D
        from matplotlib.patches import Patch

        # Patches made here: the bar containers' own handles would copy a pale first bar.
        handles: list[Any] = [Patch(color=ARTICLE_COLOR), Patch(color=COMMENTS_COLOR)]
        labels = ["article", "comments"]
        handles.append(Line2D([], [], color=EDGE_GREY, marker="|", linestyle="-", linewidth=1.0))
        labels.append(f"{int(round(ci * 100))}% bootstrap interval\n(n: mentions)")
        if ((table["n_mentions"] > 0) & (table["n_mentions"] < min_mentions)).any():
            handles.append(Patch(facecolor="white", edgecolor=EDGE_GREY, hatch="////", linewidth=0.6))
            labels.append(f"fewer than {min_mentions} mentions")
        if legend == "outside":
            ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
        elif legend is True or legend == "best":
            ax.legend(handles, labels, loc="best", fontsize="small", frameon=True, framealpha=0.85, edgecolor="none")
        else:
            raise ValueError(f"legend must be True, False, 'best' or 'outside', not {legend!r}")
    return ax


def _unit_columns(prepared: _ActorData, mentions: Any) -> tuple[list[str], Any]:
    """Column labels (title, paragraphs, comments) and each mention's column."""
    columns: list[str] = []
    if (mentions["unit"] == "title").any() or (prepared.mentions["unit"] == "title").any():
        columns.append("title")
    where = np.array(["" for _ in range(len(mentions))], dtype=object)
    kinds = mentions["unit"].to_numpy()
    starts = mentions["start"].to_numpy(dtype=float) if "start" in mentions else np.zeros(len(mentions))
    where[kinds == "title"] = "title"
    if prepared.paragraphs:
        columns += [f"¶{i + 1}" for i in range(len(prepared.paragraphs))]
        bounds = np.array([start for start, _ in prepared.paragraphs], dtype=float)
        body = kinds == "article"
        index = np.clip(np.searchsorted(bounds, starts[body], side="right") - 1, 0, len(bounds) - 1)
        where[body] = [f"¶{i + 1}" for i in index]
    else:
        columns.append("article")
        where[kinds == "article"] = "article"
    comment = ~np.isin(kinds, ["title", "article"])
    where[comment] = kinds[comment]
    columns += list(prepared.comments) or list(dict.fromkeys(kinds[comment]))
    return columns, where


def stance_heatmap_table(
    data: Any,
    *,
    thread_id: str | None = None,
    source: str | Sequence[str] | None = "author",
    actors: Sequence[str] | None = None,
    top: int | None = 12,
) -> pd.DataFrame:
    """Mean stance toward each actor in each unit: the title, each article paragraph, each comment.

    Parameters
    ----------
    data, thread_id, source, actors, top
        As for :func:`actor_stance_table`.

    Returns
    -------
    pandas.DataFrame
        One row per actor x unit (every cell, also the empty ones), actors most mentioned
        first, units in reading order: ``actor``, ``name``, ``unit`` (``"title"``, ``"¶1"``,
        ``"¶2"``, ... or a comment id), ``unit_kind`` (``title``, ``paragraph``, ``comment``),
        ``column`` (0-based), ``n_mentions`` and ``score`` (mean mention score; NaN when the
        unit does not mention the actor).

    Examples
    --------
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> t = stance_heatmap_table(analyze(load_seed()), top=3)
    >>> t["unit"].iloc[:3].tolist(), t["unit"].iloc[-1], len(t)
    (['title', '¶1', '¶2'], 'c16', 87)
    """
    import pandas as pd

    prepared = _actor_data(data, thread_id)
    mentions = _sources(prepared.mentions, source)
    chosen = _top_actors(mentions, top, actors, data)
    mentions = mentions[mentions["actor"].isin(chosen)]
    columns, where = _unit_columns(prepared, mentions)
    mentions = mentions.assign(column_label=where)
    grouped = mentions.groupby(["actor", "column_label"])["score"].agg(["size", "mean"])
    rows = []
    for actor in chosen:
        for index, unit in enumerate(columns):
            key = (actor, unit)
            found = key in grouped.index
            rows.append(
                {
                    "actor": actor,
                    "name": _name(prepared.names, actor),
                    "unit": unit,
                    "unit_kind": "title" if unit == "title" else "paragraph" if unit.startswith("¶") or unit == "article" else "comment",
                    "column": index,
                    "n_mentions": int(grouped.loc[key, "size"]) if found else 0,
                    "score": float(grouped.loc[key, "mean"]) if found else math.nan,
                }
            )
    return pd.DataFrame(rows, columns=list(HEATMAP_COLUMNS))


def plot_stance_heatmap(
    data: Any,
    *,
    thread_id: str | None = None,
    source: str | Sequence[str] | None = "author",
    actors: Sequence[str] | None = None,
    top: int | None = 12,
    vmax: float | None = 0.5,
    counts: bool | None = None,
    colorbar: bool = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Heatmap of the stance toward each actor (rows) in each unit (columns), in reading order.

    Cells are coloured with the diverging ``PuOr`` palette (orange: against, purple: for,
    white: neutral); grey cells are units that do not mention the actor. A line separates the
    article (title and paragraphs) from the comments. Each coloured cell shows its number of
    mentions. Parameters are those of :func:`stance_heatmap_table` (which returns the plotted
    numbers), plus `vmax` (the colour scale runs from ``-vmax`` to ``vmax``, default 0.5, the
    same in every figure so figures compare; scores beyond are drawn in the end colour and the
    colour bar gets an arrow on that side to say so; None: the largest absolute score, rounded
    up to 0.1), `counts` (write the mentions in the cells; default: when cells are at least
    about 11 points wide), `colorbar`, `ax` and `kwargs` for
    :meth:`matplotlib.axes.Axes.pcolormesh`.

    Returns
    -------
    matplotlib.axes.Axes
        A mesh whose array is the score matrix (actors x units, NaN masked).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> ax = plot_stance_heatmap(analyze(load_seed()), top=3, ax=Figure().subplots())
    >>> ax.collections[0].get_array().shape
    (3, 29)
    """
    from matplotlib import colormaps

    table = stance_heatmap_table(data, thread_id=thread_id, source=source, actors=actors, top=top)
    ax = get_axes(ax)
    actors_shown = list(dict.fromkeys(zip(table["actor"], table["name"])))
    units = list(dict.fromkeys(table["unit"]))
    matrix = table["score"].to_numpy(dtype=float).reshape(len(actors_shown), len(units)) if len(table) else np.zeros((0, 0))
    if vmax is None:
        largest = float(np.nanmax(np.abs(matrix))) if np.isfinite(matrix).any() else 0.0
        vmax = max(0.1, math.ceil(largest * 10 - 1e-9) / 10)
    cmap = colormaps[STANCE_CMAP].with_extremes(bad="#C8C8C8")
    style: dict[str, Any] = {"cmap": cmap, "vmin": -vmax, "vmax": vmax, "edgecolors": "white", "linewidth": 0.5}
    style.update(kwargs)
    mesh = ax.pcolormesh(np.ma.masked_invalid(matrix), **style)
    if not len(table):
        note_empty(ax, "no actor mentions")
    mentions = table["n_mentions"].to_numpy().reshape(matrix.shape) if len(table) else np.zeros((0, 0), int)
    if counts is None:
        # the axes' drawn width in points (ax.bbox is in pixels; also right for an axes inside a
        # SubFigure, whose position is relative to the subfigure and which has no figure width)
        width_points = ax.bbox.width / ax.figure.dpi * 72
        counts = bool(len(units)) and width_points / len(units) >= 11
    if counts:
        for (row, column), n_cell in np.ndenumerate(mentions):
            if n_cell:
                dark = abs(matrix[row, column]) > 0.55 * vmax  # white text on the dark ends of PuOr
                ax.text(column + 0.5, row + 0.5, str(int(n_cell)), ha="center", va="center",
                        fontsize=6.5, color="white" if dark else "#222222")
    # Up to 60 columns every unit is labelled; beyond, every k-th, so labels never overlap.
    step = max(1, math.ceil(len(units) / 60))
    ax.set_xticks(np.arange(0, len(units), step) + 0.5)
    labels = _short_ids(units)[::step]
    # Horizontal labels where they fit (the seed's "c01" ... "c16"); vertical only when crowded.
    column_points = ax.bbox.width / ax.figure.dpi * 72 / max(len(units), 1) * step  # (points, as above)
    # Neighbouring labels (centred on their columns) must not touch: half widths summed.
    widths = _text_widths(labels, "small")
    widest = max((a + b for a, b in zip(widths, widths[1:])), default=0.0) / 2
    if widest + 3 <= column_points:
        ax.set_xticklabels(labels, fontsize="small")
    else:
        ax.set_xticklabels(labels, rotation=90, fontsize="small")
    ax.set_yticks(np.arange(len(actors_shown)) + 0.5)
    ax.set_yticklabels([short_label(name, 22) for _, name in actors_shown])
    ax.set_xlim(0, max(len(units), 1))
    ax.set_ylim(max(len(actors_shown), 1), 0)  # most mentioned actor on top
    kinds = list(dict.fromkeys(zip(table["unit"], table["unit_kind"])))
    n_article = sum(1 for _, kind in kinds if kind != "comment")
    if 0 < n_article < len(units):
        ax.axvline(n_article, color="black", linewidth=1.5)
    every = f" (one label every {step} columns)" if step > 1 else ""
    ax.set_xlabel(f"units in reading order: title, paragraphs (¶) | comments{every}")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    finite = matrix[np.isfinite(matrix)]
    below, above = bool((finite < -vmax).any()), bool((finite > vmax).any())
    extend = "both" if below and above else "min" if below else "max" if above else "neither"
    if colorbar and len(table):
        bar = ax.figure.colorbar(mesh, ax=ax, fraction=0.04, pad=0.02, extend=extend)
        clipped = "\narrow: beyond the scale (end colour)" if extend != "neither" else ""
        numbers = "; numbers: mentions" if counts else ""
        bar.set_label(f"mean stance (- against, + for)\ngrey: not mentioned{numbers}{clipped}", fontsize="small")
    return ax


def _text_widths(labels: Sequence[str], size: str) -> list[float]:
    """Widths in points of `labels` in the default font at `size` (measured, not guessed)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(size=size)
    measure = TextToPath()
    return [measure.get_text_width_height_descent(label, prop, ismath=False)[0] for label in labels]


def _short_ids(units: list[str]) -> list[str]:
    """Comment ids without the prefix they all share (``t000000-c0001`` -> ``c0001``), so that
    column labels stay short; the table keeps the full ids."""
    import os.path
    import re

    comments = [u for u in units if u != "title" and not u.startswith("¶") and u != "article"]
    if len(comments) < 2:
        return list(units)
    prefix = os.path.commonprefix(comments)
    cut = max((m.end() for m in re.finditer(r"[^A-Za-z0-9]", prefix)), default=0)
    return [u[cut:] if u in comments and cut else u for u in units]


def _pale(color: str, amount: float = 0.7) -> tuple[float, float, float]:
    """`color` mixed with `amount` of white (an opaque pale tint: hatching stays visible)."""
    from matplotlib.colors import to_rgb

    return tuple(float(c + (1.0 - c) * amount) for c in to_rgb(color))  # type: ignore[return-value]  # three, as to_rgb


def _circle(n: int) -> np.ndarray:
    """Deterministic circular layout: first node on top, then clockwise."""
    angles = np.pi / 2 - 2 * np.pi * np.arange(n) / max(n, 1)
    return np.column_stack([np.cos(angles), np.sin(angles)])


def _grouped_edges(edges: Any, min_count: int) -> Any:
    """Edges summed per source -> target (no self-loops), kept when found `min_count` times."""
    edges = edges[edges["source"].astype(str) != edges["target"].astype(str)]  # no self-loops
    counts = ["n", "n_negative", "n_neutral", "n_positive"]
    grouped = edges.astype({c: "int64" for c in counts}).groupby(["source", "target"], as_index=False)[counts].sum()
    # Polarities are -1, 0 or +1, so the mean follows from the counts exactly.
    grouped["polarity"] = (grouped["n_positive"] - grouped["n_negative"]) / grouped["n"].where(grouped["n"] > 0)
    return grouped[grouped["n"] >= min_count]


def _crossings(order: Sequence[str], pairs: Sequence[tuple[str, str]]) -> int:
    """Number of crossing chords when the nodes sit on a circle in `order`."""
    if len(pairs) < 2:
        return 0
    where = {node: i for i, node in enumerate(order)}
    ends = np.array([sorted((where[u], where[v])) for u, v in pairs])
    a, b = ends[:, 0][:, None], ends[:, 1][:, None]
    c, d = ends[:, 0][None, :], ends[:, 1][None, :]
    cross = ((a < c) & (c < b) & (b < d)) | ((c < a) & (a < d) & (d < b))
    return int(cross.sum()) // 2


def _fewer_crossings(nodes: list[str], pairs: list[tuple[str, str]], passes: int = 4) -> list[str]:
    """Reorder nodes on the circle to reduce crossing edges (deterministic local search: move
    one node at a time to the place with the fewest crossings; the first node stays first)."""
    order = list(nodes)
    best = _crossings(order, pairs)
    for _ in range(passes):
        improved = False
        for node in nodes[1:]:
            rest = [x for x in order if x != node]
            for place in range(1, len(rest) + 1):
                candidate = rest[:place] + [node] + rest[place:]
                count = _crossings(candidate, pairs)
                if count < best:
                    order, best, improved = candidate, count, True
        if not improved or best == 0:
            break
    return order


def _network_layout(edges: Any, min_count: int, top: int | None) -> dict[str, tuple[float, float]]:
    """Node positions on the circle, from both parts' edges, so that the article's and the
    comments' networks drawn side by side put every actor in the same place."""
    grouped = _grouped_edges(edges, min_count)
    degree: dict[str, int] = {}
    for s, t, k in zip(grouped["source"], grouped["target"], grouped["n"]):
        degree[s] = degree.get(s, 0) + int(k)
        degree[t] = degree.get(t, 0) + int(k)
    nodes = sorted(degree, key=lambda a: (-degree[a], a))
    if top is not None:
        nodes = nodes[: int(top)]
        kept = set(nodes)
        grouped = grouped[grouped["source"].isin(kept) & grouped["target"].isin(kept)]
        ends = set(grouped["source"]) | set(grouped["target"])
        nodes = [a for a in nodes if a in ends]  # no empty places on the circle
    pairs = sorted({tuple(sorted((str(u), str(v)))) for u, v in zip(grouped["source"], grouped["target"])})
    order = _fewer_crossings(nodes, pairs)  # type: ignore[arg-type]  # each pair: two sorted names
    return dict(zip(order, (tuple(map(float, xy)) for xy in _circle(len(order)))))  # type: ignore[misc]  # each xy: a row of two coordinates


def relation_network_table(
    data: Any,
    *,
    thread_id: str | None = None,
    part: str | None = None,
    min_count: int = 1,
    top: int | None = 24,
) -> pd.DataFrame:
    """Edges of the actor relation network (source -> target) with a circular layout.

    Relations are what :mod:`discourse.relations` finds: an actor accusing, warning, attacking,
    backing... another actor (speech acts, actions, reported stance). The edges are the
    pipeline's ``relation_edges`` (actor targets only, no speakers outside the registry); an
    actor's relations to itself are left out.

    The layout does not depend on `part`: nodes are placed from the edges of both parts (the
    most connected actor on top, the others ordered to reduce crossing edges), so the article's
    and the comments' networks can be compared panel by panel.

    Parameters
    ----------
    data, thread_id
        As for :func:`actor_stance_table`.
    part : {"article", "comments", None}
        Relations in one part only, or None to pool both (the ``part`` column then says
        ``"article and comments"``; prefer one panel per part).
    min_count : int
        Keep edges found at least this often.
    top : int or None
        Keep the `top` most connected actors (by relations in and out over both parts, ties by
        id) and the edges among them (default 24, so labels keep their room); None for all.

    Returns
    -------
    pandas.DataFrame
        One row per directed edge, most frequent first: ``part``, ``source``, ``target``, their
        display names, ``n``, ``n_negative``, ``n_neutral``, ``n_positive``, ``polarity`` (mean
        of -1, 0, +1), and the node positions ``source_x``, ``source_y``, ``target_x``,
        ``target_y`` (on the unit circle).

    Examples
    --------
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> t = relation_network_table(analyze(load_seed()), part="article")
    >>> first = t.iloc[0]
    >>> first["source"], first["target"], int(first["n"]), float(first["polarity"])
    ('russia', 'syrian_army', 3, -1.0)
    """
    import pandas as pd

    if part not in (None, "article", "comments"):
        raise ValueError(f"part must be 'article', 'comments' or None, not {part!r}")
    prepared = _actor_data(data, thread_id)
    where = _network_layout(prepared.edges, min_count, top)
    edges = prepared.edges if part is None else prepared.edges[prepared.edges["part"] == part]
    grouped = _grouped_edges(edges, min_count)
    grouped = grouped[grouped["source"].isin(where) & grouped["target"].isin(where)]
    grouped = grouped.sort_values(["n", "source", "target"], ascending=[False, True, True], kind="stable")
    table = pd.DataFrame(
        {
            "part": part or "article and comments",
            "source": grouped["source"].astype(str).to_numpy(),
            "target": grouped["target"].astype(str).to_numpy(),
            "source_name": [_name(prepared.names, a) for a in grouped["source"]],
            "target_name": [_name(prepared.names, a) for a in grouped["target"]],
            "n": grouped["n"].astype(int).to_numpy(),
            "n_negative": grouped["n_negative"].astype(int).to_numpy(),
            "n_neutral": grouped["n_neutral"].astype(int).to_numpy(),
            "n_positive": grouped["n_positive"].astype(int).to_numpy(),
            "polarity": grouped["polarity"].astype(float).to_numpy(),
        }
    )
    for end in ("source", "target"):
        xy = np.array([where[a] for a in table[end]]).reshape(-1, 2)
        table[f"{end}_x"], table[f"{end}_y"] = xy[:, 0], xy[:, 1]
    return table.reset_index(drop=True)[list(NETWORK_COLUMNS)]


def _edge_color(polarity: float) -> str:
    if polarity <= -1 / 3:
        return NEGATIVE_COLOR
    if polarity >= 1 / 3:
        return POSITIVE_COLOR
    return MIXED_COLOR


def plot_relation_network(
    data: Any,
    *,
    thread_id: str | None = None,
    part: str | None = None,
    min_count: int = 1,
    top: int | None = 24,
    legend: bool | str = True,
    ax: Axes | None = None,
    **kwargs: Any,
) -> Axes:
    """Draw the actor relation network: arrows source -> target, coloured by polarity, width by count.

    Nodes sit on a circle (deterministic; no graph library), placed from both parts' relations
    so that panels of the article and of the comments put each actor in the same place (actors
    without a relation in the part drawn are faint), ordered to reduce crossing edges; labels
    outside the circle, aligned away from the centre so long names do not run into the drawing.
    With ``part=None`` both parts are pooled and the axes say so. Arrows between the same two
    actors in both directions curve apart. Colours: orange-brown negative (mean polarity
    <= -1/3), purple positive (>= 1/3), grey mixed or neutral. Parameters are those of
    :func:`relation_network_table` (which returns the plotted numbers), plus `legend`, `ax`
    and `kwargs` for :class:`matplotlib.patches.FancyArrowPatch`.

    Returns
    -------
    matplotlib.axes.Axes
        One arrow patch per edge (in the table's order), one scatter collection of nodes (every
        node of the layout) and one text per node.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> results = analyze(load_seed())
    >>> ax = plot_relation_network(results, ax=Figure().subplots())
    >>> len(ax.patches) == len(relation_network_table(results))
    True
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    table = relation_network_table(data, thread_id=thread_id, part=part, min_count=min_count, top=top)
    prepared = _actor_data(data, thread_id)
    layout = _network_layout(prepared.edges, min_count, top)
    ax = get_axes(ax)
    active = set(table["source"]) | set(table["target"])
    nodes = {actor: (x, y, _name(prepared.names, actor)) for actor, (x, y) in layout.items()}
    pairs = set(zip(table["source"], table["target"]))
    top = int(table["n"].max()) if len(table) else 1
    for row in table.itertuples():
        both_ways = (row.target, row.source) in pairs
        style: dict[str, Any] = {
            "arrowstyle": "-|>",
            "mutation_scale": 12,
            "color": _edge_color(row.polarity),
            "linewidth": 0.8 + 3.2 * math.sqrt(row.n / top),
            "connectionstyle": f"arc3,rad={0.22 if both_ways else 0.08}",
            "shrinkA": 9,
            "shrinkB": 9,
            "alpha": 0.9,
            "zorder": 1,
        }
        style.update(kwargs)
        ax.add_patch(FancyArrowPatch((row.source_x, row.source_y), (row.target_x, row.target_y), **style))
    if nodes:
        # Every actor of the layout keeps its place; those without a relation in this part are
        # drawn faint, so that two panels (article, comments) compare place by place.
        faint = "#BBBBBB"
        xy = np.array([(x, y) for x, y, _ in nodes.values()])
        edgecolors = [EDGE_GREY if actor in active else faint for actor in nodes]
        ax.scatter(xy[:, 0], xy[:, 1], s=70, color="white", edgecolors=edgecolors, linewidths=1.2, zorder=2)
        for actor, (x, y, name) in nodes.items():
            # Labels grow away from the circle: leftwards on the left half, rightwards on the
            # right, centred only straight above or below, so neighbours do not collide.
            # Only labels near the top and bottom go above or below their node; the others run
            # sideways, so that neighbours low on the circle do not stack into each other.
            ha = "center" if abs(x) < 0.05 else ("left" if x > 0 else "right")
            va = "center" if abs(x) >= 0.4 else ("bottom" if y > 0 else "top")
            ax.annotate(short_label(name, 18), (x, y), xytext=(1.12 * x, 1.12 * y), textcoords="data",
                        ha=ha, va=va, fontsize="small", color="black" if actor in active else "#999999")
    if not len(table):
        note_empty(ax, "no relations between actors" + (f" in the {part}" if part else ""))
    if part is None and len(table):
        ax.text(0.0, 1.0, "article and comments pooled", transform=ax.transAxes, ha="left", va="top",
                fontsize="x-small", color=EDGE_GREY)
    ax.set_xlim(-1.75, 1.75)
    ax.set_ylim(-1.35, 1.3)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if legend and len(table):
        handles = [
            Line2D([], [], color=NEGATIVE_COLOR, linewidth=2.5, label="negative (accuses, attacks...)"),
            Line2D([], [], color=POSITIVE_COLOR, linewidth=2.5, label="positive (backs, praises...)"),
            Line2D([], [], color=MIXED_COLOR, linewidth=2.5, label="mixed or neutral"),
            Line2D([], [], color="black", linewidth=0.8 + 3.2 * math.sqrt(1 / top), label="1 relation"),
        ]
        if top > 1:
            handles.append(Line2D([], [], color="black", linewidth=4.0, label=f"{top} relations"))
        if legend == "outside":
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small", frameon=False)
        else:
            # Under the circle, outside the drawing, where no node label can be.
            ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3,
                      fontsize="x-small", frameon=False)
    return ax
