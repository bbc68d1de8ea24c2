"""The standard figures of a results folder, as PNG, PDF or SVG files (``discourse analyze --figures``).

:func:`write_standard_figures` loads the results in a folder (:meth:`Results.load
<discourse.results.Results.load>`), draws the standard plots of :mod:`discourse.plotting` on
fresh :class:`matplotlib.figure.Figure` objects (no pyplot state, no rcParams changes) and
writes them into ``folder/figures/``. This is the only place in the library that saves figures.

Print quality by default: PNG at 300 dpi, or vector PDF/SVG (``format="pdf"``/``"svg"``, the
CLI's ``--figure-format``), which journals prefer for line art. Every figure is rendered in
memory first; only when all succeeded is each file written atomically (a complete file or
none). The files carry no software version or time stamp (and SVG ids come from a fixed salt),
so the same results give byte-identical files on the same matplotlib/FreeType versions.

Examples
--------
>>> import tempfile
>>> from discourse.pipeline.analysis import analyze_path
>>> out = tempfile.mkdtemp()
>>> _ = analyze_path(None, out=out, progress=False)
>>> [p.name for p in write_standard_figures(out)][:2]
['sentiment_thread.png', 'sentiment_distribution.png']
"""

from __future__ import annotations

import io
import logging
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from discourse.plotting._common import wrap_title

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from discourse.results import Results

__all__ = ["write_standard_figures", "standard_figures", "render", "render_png", "FIGURES_DIR", "FORMATS", "DPI"]

FIGURES_DIR = "figures"
"""Subfolder of a results folder that holds the figures."""

FORMATS = ("png", "pdf", "svg")
"""File formats of :func:`write_standard_figures`."""

DPI = 300
"""Default resolution of PNG figures (print quality; PDF and SVG are vector files)."""

_DPI = DPI
_TITLE_WIDTH = 80


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _legend_below(fig: Figure, ax: Any, ncol: int = 2) -> None:
    """Move the axes' legend under the plot, where it cannot cover data."""
    legend = ax.get_legend()
    if legend is None:
        return
    handles = list(legend.legend_handles)  # as drawn, including entries made by hand
    labels = [text.get_text() for text in legend.get_texts()]
    legend.remove()
    fig.legend(handles, labels, loc="outside lower center", ncol=ncol, frameon=False, fontsize="small")


def _article_title(results: Results, thread_id: str) -> str:
    units = results.tables.get("units")
    if units is None:
        return thread_id
    rows = units[(units["thread_id"] == thread_id) & (units["unit_kind"] == "title")]
    title = str(rows["text"].iloc[0]) if len(rows) and isinstance(rows["text"].iloc[0], str) else thread_id
    # Wrapped, not cut: a headline is how readers recognise the thread.
    return wrap_title(title, width=_TITLE_WIDTH, lines=3)


def _sentiment_thread(results: Results, thread_id: str) -> Figure:
    from discourse.plotting import plot_sentiment_thread

    n = int(((results["units"]["thread_id"] == thread_id) & (results["units"]["unit_kind"] == "comment")).sum())
    sentiment = results["sentiment"]
    has_sentences = bool((sentiment["level"] == "sentence").any())
    window = None if n < 10 else 5 if n < 100 else max(5, n // 20)
    fig = _figure(8.0, 4.6)
    ax = plot_sentiment_thread(
        results,
        thread_id=thread_id,
        window=window,
        reference="article_sentences" if has_sentences else "article",
        ax=fig.subplots(),
    )
    _legend_below(fig, ax)
    ax.set_title(f"Sentiment of the comments along the thread\n{_article_title(results, thread_id)}", fontsize="medium")
    return fig


def _sentiment_distribution(results: Results, thread_id: str | None) -> Figure:
    from discourse.plotting import plot_sentiment_distribution

    fig = _figure(8.0, 4.4)
    ax = plot_sentiment_distribution(results, thread_id=thread_id, ax=fig.subplots())
    _legend_below(fig, ax)
    where = _article_title(results, thread_id) if thread_id else _corpus_label(results)
    ax.set_title(f"Sentiment: article sentences vs comments\n{where}", fontsize="medium")
    return fig


def _rhetorical_profile(results: Results, thread_id: str | None) -> Figure:
    from discourse.plotting import plot_rhetorical_profile, rhetorical_profile_table

    n = len(rhetorical_profile_table(results, thread_id=thread_id, top=20))
    fig = _figure(8.0, 1.4 + 0.36 * max(n, 3))
    ax = plot_rhetorical_profile(results, thread_id=thread_id, top=20, ax=fig.subplots())
    _legend_below(fig, ax)
    where = _article_title(results, thread_id) if thread_id else _corpus_label(results)
    ax.set_title(f"Rhetorical profile: the {n} features with the highest rate (article or comments)\n{where}",
                 fontsize="medium")
    return fig


def _reply_tree(results: Results, thread_id: str) -> Figure:
    from discourse.plotting import plot_reply_tree, reply_tree_table

    table = reply_tree_table(results, thread_id=thread_id)
    depth = int(table["y"].max()) + 2
    width = min(14.0, max(7.0, 0.22 * len(table)))
    fig = _figure(width, 2.0 + 0.45 * depth + (0.6 if len(table) <= 41 else 0.0))
    ax = plot_reply_tree(results, thread_id=thread_id, ax=fig.subplots())
    ax.set_title(f"Reply tree, coloured by sentiment\n{_article_title(results, thread_id)}", fontsize="medium")
    return fig


def _incivility(results: Results, thread_id: str | None) -> Figure:
    from discourse.plotting import plot_incivility

    fig = _figure(8.0, 4.2)
    axes = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [2, 4]})
    plot_incivility(results, by="part", thread_id=thread_id, ax=axes[0])
    plot_incivility(results, by="depth", thread_id=thread_id, ax=axes[1], legend=False)
    axes[1].set_ylabel("")
    _legend_below(fig, axes[0])
    where = _article_title(results, thread_id) if thread_id else _corpus_label(results)
    fig.suptitle(f"Uncivil and intolerant units: article vs comments, comments by reply depth\n{where}", fontsize="medium")
    return fig


def _corpus_label(results: Results) -> str:
    threads = results["units"]["thread_id"].nunique() if "units" in results else 0
    comments = int((results["units"]["unit_kind"] == "comment").sum()) if "units" in results else 0
    return f"{threads:,} threads, {comments:,} comments pooled"


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:80]


def _actor_stance(results: Results, thread_id: str) -> Figure:
    from discourse.plotting import actor_stance_table, plot_actor_stance

    n = len(actor_stance_table(results, thread_id=thread_id, top=12, n_boot=0)) // 2
    fig = _figure(8.0, 1.6 + 0.5 * max(n, 2))
    ax = plot_actor_stance(results, thread_id=thread_id, top=12, ax=fig.subplots())
    _legend_below(fig, ax, ncol=3)
    ax.set_title(f"Stance toward the most mentioned actors\n{_article_title(results, thread_id)}", fontsize="medium")
    return fig


def _stance_heatmap(results: Results, thread_id: str) -> Figure:
    from discourse.plotting import plot_stance_heatmap, stance_heatmap_table

    table = stance_heatmap_table(results, thread_id=thread_id, top=12)
    rows, columns = table["actor"].nunique(), table["unit"].nunique()
    fig = _figure(min(16.0, max(8.0, 3.2 + 0.26 * columns)), 2.2 + 0.42 * max(rows, 2))
    ax = plot_stance_heatmap(results, thread_id=thread_id, top=12, ax=fig.subplots())
    ax.set_title(f"Stance toward actors, unit by unit\n{_article_title(results, thread_id)}", fontsize="medium")
    return fig


def _actor_network(results: Results, thread_id: str) -> Figure:
    from discourse.plotting import plot_relation_network, relation_network_table

    # Two panels, never pooled: who acts on whom in the article and in the comments, each
    # actor in the same place in both.
    fig = _figure(13.0, 6.6)
    axes = fig.subplots(1, 2)
    for ax, part in zip(axes, ("article", "comments")):
        n = int(relation_network_table(results, thread_id=thread_id, part=part)["n"].sum())
        plot_relation_network(results, thread_id=thread_id, part=part, legend=part == "article", ax=ax)
        ax.set_title(f"{part} ({n:,} relation{'s' if n != 1 else ''})", fontsize="medium")
    legend = axes[0].get_legend()
    if legend is not None:
        handles, labels = list(legend.legend_handles), [t.get_text() for t in legend.get_texts()]
        legend.remove()
        fig.legend(handles, labels, loc="outside lower center", ncol=5, frameon=False, fontsize="small")
    fig.suptitle(f"Relations between actors (source -> target)\n{_article_title(results, thread_id)}",
                 fontsize="medium")
    return fig


_Maker = Callable[["Results", Any], "Figure"]


def _catalogue(results: Results) -> list[tuple[str, str, _Maker]]:
    """(file stem, scope, maker) of every standard figure these results can give, in order;
    scope "thread" figures are drawn per chosen thread, "pooled" ones once."""
    entries: list[tuple[str, str, _Maker]] = []
    if "sentiment" in results:
        entries += [("sentiment_thread", "thread", _sentiment_thread),
                    ("sentiment_distribution", "pooled", _sentiment_distribution)]
    if "features" in results and len(results["features"]):
        entries.append(("rhetorical_profile", "pooled", _rhetorical_profile))
    entries.append(("reply_tree", "thread", _reply_tree))
    if "incivility" in results and len(results["incivility"]):
        entries.append(("incivility", "pooled", _incivility))
    if "stance_mentions" in results:
        entries += [("actor_stance", "thread", _actor_stance), ("stance_heatmap", "thread", _stance_heatmap)]
    if "relations" in results:
        entries.append(("actor_network", "thread", _actor_network))
    return entries


def standard_figures(
    results: Results, *, thread_ids: Sequence[str] | None = None, format: str = "png"
) -> dict[str, Figure]:
    """The standard figures of `results`, by file name (drawn, not saved).

    Parameters
    ----------
    results : Results
    thread_ids : sequence of str, optional
        Threads that get per-thread figures (sentiment along the thread, reply tree, actor
        figures). Default: the thread, when the results hold exactly one; none for a corpus
        (whose figures pool all threads).
    format : {"png", "pdf", "svg"}
        The file name extension of the keys.

    Returns
    -------
    dict of str to matplotlib.figure.Figure
        Keys are file names (``sentiment_thread.png``; with ``-<thread id>`` when several
        threads were asked for).

    Examples
    --------
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> list(standard_figures(analyze(load_seed())))  # doctest: +NORMALIZE_WHITESPACE
    ['sentiment_thread.png', 'sentiment_distribution.png', 'rhetorical_profile.png',
     'reply_tree.png', 'incivility.png', 'actor_stance.png', 'stance_heatmap.png', 'actor_network.png']
    """
    _check_format(format)
    threads = list(dict.fromkeys(results["units"]["thread_id"])) if "units" in results else []
    if thread_ids is None:
        chosen = threads if len(threads) == 1 else []
    else:
        chosen = list(thread_ids)
        unknown = [t for t in chosen if t not in threads]
        if unknown:
            raise ValueError(f"thread_id {unknown[0]!r} is not in the results")
    single = threads[0] if len(threads) == 1 else None
    figures: dict[str, Figure] = {}
    for stem, scope, make in _catalogue(results):
        if scope == "pooled":
            figures[f"{stem}.{format}"] = make(results, single)
            continue
        for thread in chosen:
            suffix = "" if len(chosen) == 1 else f"-{_safe(thread)}"
            figures[f"{stem}{suffix}.{format}"] = make(results, thread)
    return figures


def _check_format(format: str) -> None:
    if format not in FORMATS:
        raise ValueError(f"figure format must be one of {', '.join(FORMATS)}, not {format!r}")


def render(fig: Figure, *, format: str = "png", dpi: int = DPI, compact: bool = False) -> bytes:
    """A figure as PNG, PDF or SVG bytes, without metadata that varies between runs or versions.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    format : {"png", "pdf", "svg"}
        PNG is a raster image at `dpi`; PDF and SVG are vector files (text stays text, lines
        stay sharp at any zoom), the usual choice of journals for line art.
    dpi : int
        Resolution of PNG files (default 300, print quality); PDF and SVG use it only for
        rasterised artists.
    compact : bool
        PNG only: reduce to a 256-colour palette (see :func:`render_png`).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(2, 1))
    >>> _ = fig.subplots().plot([0, 1])
    >>> render(fig, format="pdf")[:5], render(fig, format="svg") == render(fig, format="svg")
    (b'%PDF-', True)
    """
    _check_format(format)
    if format == "png":
        return render_png(fig, dpi=dpi, compact=compact)
    import matplotlib

    buffer = io.BytesIO()
    if format == "pdf":
        metadata: dict[str, Any] = {"Creator": None, "Producer": None, "CreationDate": None}
    else:
        metadata = {"Creator": None, "Date": None}
    # A fixed salt makes SVG element ids the same on every run; rc_context restores the
    # setting on exit, so the user's rcParams are untouched.
    with matplotlib.rc_context({"svg.hashsalt": "discourse", "pdf.compression": 6}):
        fig.savefig(buffer, format=format, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def render_png(fig: Figure, *, dpi: int = _DPI, compact: bool = False) -> bytes:
    """A figure as PNG bytes, without metadata that varies between runs or versions.

    With `compact`, the image is reduced to a 256-colour palette (median cut, no dithering:
    deterministic), which makes these flat-coloured plots about a third of the size, for web
    pages and documentation; keep the default full-colour file for print.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(2, 1))
    >>> _ = fig.subplots().plot([0, 1])
    >>> render_png(fig) == render_png(fig)
    True
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    if not compact:
        return buffer.getvalue()
    from PIL import Image  # a dependency of matplotlib

    buffer.seek(0)
    with Image.open(buffer) as image:
        palette = image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue()


def write_standard_figures(
    folder: str | os.PathLike[str],
    *,
    thread_ids: Sequence[str] | None = None,
    dpi: int = DPI,
    format: str = "png",
    compact: bool = False,
) -> list[Path]:
    """Load the results in `folder` and write the standard figures to ``folder/figures/``.

    Parameters
    ----------
    folder : path-like
        A results folder (written by ``discourse analyze`` or :meth:`Results.save`).
    thread_ids : sequence of str, optional
        Threads that get per-thread figures (see :func:`standard_figures`).
    dpi : int
        Resolution of PNG files (default 300, print quality: an 8-inch-wide figure is 2,400
        pixels; 150 suits web pages).
    format : {"png", "pdf", "svg"}
        File format (see :func:`render`).
    compact : bool
        Write 256-colour PNGs, about a third of the size (see :func:`render_png`).

    Returns
    -------
    list of Path
        The files written, in drawing order.

    Examples
    --------
    >>> import tempfile
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> folder = analyze(load_seed()).save(tempfile.mkdtemp())
    >>> paths = write_standard_figures(folder)
    >>> all(p.read_bytes()[:8] == b"\\x89PNG\\r\\n\\x1a\\n" for p in paths)
    True
    """
    from discourse.io.atomic import atomic_write
    from discourse.results import Results

    folder = Path(folder)
    results = Results.load(folder)
    _check_format(format)
    if not isinstance(dpi, int) or not 10 <= dpi <= 2400:
        raise ValueError(f"dpi must be an integer from 10 to 2400, not {dpi!r}")
    figures = standard_figures(results, thread_ids=thread_ids, format=format)
    rendered = {name: render(fig, format=format, dpi=dpi, compact=compact) for name, fig in figures.items()}  # all or nothing
    logger.info("writing %d figure(s) (%s, %d dpi) to %s", len(rendered), format, dpi, folder / FIGURES_DIR)
    out = folder / FIGURES_DIR
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in rendered.items():
        path = out / name
        with atomic_write(path, "wb") as handle:
            handle.write(data)
        paths.append(path)
    return paths
