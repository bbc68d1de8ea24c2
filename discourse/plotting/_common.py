"""Shared helpers of the plotting functions: input tables, thread and method choice, style.

Nothing here draws on its own; the plotting modules call these so that every function takes the
same inputs (a :class:`~discourse.results.Results`, a mapping of tables, or the relevant
DataFrame) and uses the same colours and labels.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

# Okabe & Ito (2008) colour-blind-safe palette: categories (article vs comments).
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
ARTICLE_COLOR = OKABE_ITO["blue"]
COMMENTS_COLOR = OKABE_ITO["orange"]
ACCENT_COLOR = OKABE_ITO["vermillion"]
# A trend drawn over the comments' points must not share their hue (orange vs vermillion was
# unreadable): black, with its interval as a grey band.
ROLLING_COLOR = OKABE_ITO["black"]
NEUTRAL_GREY = "#7F7F7F"
EDGE_GREY = "#404040"
SENTIMENT_CMAP = "RdBu"  # diverging: red negative, blue positive
STANCE_CMAP = "PuOr"  # diverging: orange negative (against), purple positive (for)
SEQUENTIAL_CMAP = "cividis"  # sequential, colour-blind safe

METHOD_LABELS: dict[str, str] = {
    "vader": "VADER compound",
    "textblob": "TextBlob polarity",
    "news": "news method (predicted rating / 4)",
}


def method_label(method: str) -> str:
    """Axis text for a sentiment method's score."""
    return METHOD_LABELS.get(method, method)


def get_axes(ax: Axes | None) -> Axes:
    """`ax`, or the current axes of pyplot (seaborn's convention)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.gca()


def place_legend(ax: Axes, legend: bool | str, default_loc: str = "best") -> None:
    """Add the legend: ``True``/``"best"`` inside the axes, ``"outside"`` to its right, or none.

    ``"outside"`` keeps the legend off the data; the figure must then leave room for it
    (``layout="constrained"`` or ``savefig(..., bbox_inches="tight")``).
    """
    if legend is False or legend is None:
        return
    if legend == "outside":
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    elif legend is True or legend == "best":
        # A light box: where no spot is free of data, the text stays readable.
        ax.legend(loc=default_loc, fontsize="small", frameon=True, framealpha=0.85, edgecolor="none")  # type: ignore[call-overload]  # default_loc: a location name (typed str, not matplotlib's Literal)
    else:
        raise ValueError(f"legend must be True, False, 'best' or 'outside', not {legend!r}")


def note_empty(ax: Axes, text: str) -> None:
    """Say in the axes that there is nothing to draw (rather than leave a blank frame)."""
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", color=NEUTRAL_GREY)


def tables_of(data: Any, primary: str, optional: Sequence[str] = ()) -> dict[str, pd.DataFrame | None]:
    """The tables a plot needs: `primary` (required) and `optional` ones (``None`` if absent).

    `data` is a :class:`~discourse.results.Results`, a mapping of table name to DataFrame, or the
    `primary` DataFrame itself.
    """
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        found: dict[str, pd.DataFrame | None] = {primary: data}
        found.update({name: None for name in optional})
        return found
    tables = getattr(data, "tables", data)
    if not isinstance(tables, Mapping):
        raise TypeError(
            f"expected a Results, a mapping of tables or the {primary!r} DataFrame, "
            f"not {type(data).__name__}"
        )
    if primary not in tables:
        raise ValueError(
            f"the results have no {primary!r} table (they have: {', '.join(tables) or 'none'}); "
            "run discourse.pipeline.analysis.analyze() with the analysis that produces it"
        )
    found = {primary: tables[primary]}
    found.update({name: tables.get(name) for name in optional})
    return found


def require_columns(frame: pd.DataFrame, columns: Sequence[str], table: str) -> None:
    """Raise a ValueError naming the missing columns of `table`."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"the {table!r} table lacks column(s) {missing}; is it a discourse results table?")


def one_thread(frame: pd.DataFrame, thread_id: str | None) -> str:
    """The thread to plot: `thread_id`, or the only thread in `frame`."""
    threads = list(dict.fromkeys(frame["thread_id"].dropna()))
    if thread_id is not None:
        if thread_id not in threads:
            shown = ", ".join(map(repr, threads[:5])) + (" ..." if len(threads) > 5 else "")
            raise ValueError(f"thread_id {thread_id!r} is not in the data (threads: {shown or 'none'})")
        return thread_id
    if len(threads) == 1:
        return threads[0]
    if not threads:
        raise ValueError("the data hold no thread")
    shown = ", ".join(map(repr, threads[:3])) + (" ..." if len(threads) > 3 else "")
    raise ValueError(f"the data hold {len(threads)} threads ({shown}); choose one with thread_id=")


def threads_filter(frame: pd.DataFrame, thread_id: str | Sequence[str] | None) -> pd.DataFrame:
    """Rows of one thread, of several threads, or all rows (``None``: pool the corpus)."""
    if thread_id is None:
        return frame
    wanted = [thread_id] if isinstance(thread_id, str) else list(thread_id)
    present = set(frame["thread_id"])
    missing = [t for t in wanted if t not in present]
    if missing:
        raise ValueError(f"thread_id {missing[0]!r} is not in the data")
    return frame[frame["thread_id"].isin(wanted)]


def one_method(frame: pd.DataFrame, method: str | None) -> str:
    """The sentiment method to plot: `method`, or the only method in `frame`."""
    methods = sorted(set(frame["method"].dropna()))
    if method is not None:
        if method not in methods:
            raise ValueError(f"method {method!r} is not in the data (methods: {methods})")
        return method
    if len(methods) != 1:
        raise ValueError(f"the data hold {len(methods) or 'no'} sentiment methods {methods}; choose one with method=")
    return methods[0]


def short_label(text: str, width: int = 24, lines: int = 2) -> str:
    """Wrap a long label onto at most `lines` lines of `width` characters (ellipsis beyond).

    Examples
    --------
    >>> short_label("Syrian Democratic Forces (SDF) coalition of militias", width=20)
    'Syrian Democratic\\nForces (SDF) […]'
    """
    text = " ".join(str(text).split())
    wrapped = textwrap.wrap(text, width=width, max_lines=lines, placeholder=" […]", break_long_words=True)
    return "\n".join(wrapped) if wrapped else ""


def feature_label(name: str) -> str:
    """A feature or actor identifier as readable text: ``first_person_plural`` -> ``first person plural``."""
    return str(name).replace("_", " ")


def thousands(n: float) -> str:
    """An integer with a thousands separator (``1,540``)."""
    return f"{int(round(n)):,}"


# Two-sided 95% quantiles of Student's t for 1-30 degrees of freedom (normal beyond): the
# rolling-mean interval needs them for windows of a few comments, and scipy is not a dependency.
_T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)
Z975 = 1.959964


def t975(df: int) -> float:
    """The 97.5% quantile of Student's t with `df` degrees of freedom (1.96 beyond 30).

    Examples
    --------
    >>> t975(4), t975(1000)
    (2.776, 1.959964)
    """
    if df < 1:
        return float("nan")
    return _T975[df - 1] if df <= len(_T975) else Z975


def poisson_rate_interval(hits: Any, words: Any, per: float = 1000.0) -> tuple[Any, Any]:
    """95% interval of a rate ``per * hits / words`` from Byar's approximation to the exact
    Poisson interval (close to it from a few hits on, a little wider below; 0 hits give
    ``[0, 3.7]`` hits).

    Hits are treated as independent events; hits clustered in a few texts make the true
    uncertainty larger, so the interval is on the narrow side for pooled comments.

    Examples
    --------
    >>> low, high = poisson_rate_interval(10, 1000)
    >>> round(float(low), 2), round(float(high), 2)
    (4.79, 18.39)
    """
    import numpy as np

    c = np.asarray(hits, dtype=float)
    w = np.asarray(words, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        safe = np.where(c > 0, c, 1.0)
        low = np.where(c > 0, safe * (1 - 1 / (9 * safe) - Z975 / (3 * np.sqrt(safe))) ** 3, 0.0)
        up = c + 1
        high = up * (1 - 1 / (9 * up) + Z975 / (3 * np.sqrt(up))) ** 3
        scale = np.where(w > 0, per / w, np.nan)
    return low * scale, high * scale


def wrap_title(text: str, width: int = 90, lines: int = 2) -> str:
    """A long title on at most `lines` lines (wrapped at word boundaries, ellipsis only beyond).

    Examples
    --------
    >>> wrap_title("a b c d", width=3)
    'a b\\nc d'
    """
    return short_label(text, width=width, lines=lines)


def n_threads_of(frame: Any) -> int:
    """Number of threads in a results table (1 when it has no ``thread_id`` column)."""
    if frame is None or "thread_id" not in getattr(frame, "columns", ()):
        return 1
    return int(frame["thread_id"].nunique())


def pooled_note(ax: Axes, n_threads: int, where: str = "upper right") -> None:
    """Say in the axes that the numbers pool several threads (a corpus figure)."""
    if n_threads <= 1:
        return
    x, ha = (0.99, "right") if where.endswith("right") else (0.01, "left")
    ax.text(x, 0.98, f"pooled over {n_threads:,} threads", transform=ax.transAxes, ha=ha, va="top",
            fontsize="x-small", color=EDGE_GREY)
