"""Quickstart: analyse the bundled seed thread, save the tables, draw the figures.
===============================================================================

The seed is a September 2017 ZeroHedge article on Russia, the US and Syria with its 16 reader
comments. This script runs the whole analysis in one call, saves every table (CSV, with a
provenance manifest), writes the library's standard figures, and draws one figure of its own
with the axes-level plotting functions.

Usage::

    python examples/quickstart.py OUTDIR

Writes ``OUTDIR/results/`` (tables, ``manifest.json``, ``figures/*.png``),
``OUTDIR/quickstart.png`` and ``OUTDIR/sentiment_thread.csv`` (the numbers of the figure's left
panel).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # draw to files; no window needed
import matplotlib.pyplot as plt  # noqa: E402

from discourse import plotting  # noqa: E402
from discourse.pipeline.analysis import analyze  # noqa: E402
from discourse.datasets import load_seed  # noqa: E402
from discourse.plotting.figures import write_standard_figures  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir", type=Path, help="output folder (created if needed)")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)

    # 1. One call: sentiment (VADER by default) and every rhetorical feature, as tidy tables.
    thread = load_seed()
    results = analyze(thread)
    print(f"{thread.article.title}\n{len(thread)} comments; tables: {results}\n")

    # 2. The article-vs-comments summary: mean sentiment with a 95% bootstrap interval.
    summary = results["sentiment_summary"]
    print(summary[["group", "n", "mean", "ci_low", "ci_high"]].to_string(index=False, float_format="%.3f"))

    # 3. Save every table with its provenance (versions, parameters, lexicon hashes), then the
    #    standard figures (what `discourse analyze --figures` writes).
    folder = results.save(args.outdir / "results")
    figures = write_standard_figures(folder)
    print(f"\nsaved the tables to {folder} and {len(figures)} figures to {folder / 'figures'}")

    # 4. A figure of your own: the plotting functions draw on the axes you give them.
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5.5), layout="constrained", width_ratios=(3, 2))
    plotting.plot_sentiment_thread(results, window=5, legend=False, ax=left)
    left.set_title("Sentiment of the comments, in reading order")
    # The legend under the figure, where it cannot hide a comment's point.
    fig.legend(*left.get_legend_handles_labels(), loc="outside lower left", ncol=2, frameon=False, fontsize="small")
    plotting.plot_rhetorical_profile(results, top=10, ax=right)
    right.set_title("Ten rhetorical features with the highest rates")
    fig.savefig(args.outdir / "quickstart.png", dpi=100, metadata={"Software": None})

    # Every plot has a table function returning exactly the plotted numbers.
    plotting.sentiment_thread_table(results, window=5).to_csv(args.outdir / "sentiment_thread.csv", index=False)
    print(f"wrote {args.outdir / 'quickstart.png'} and {args.outdir / 'sentiment_thread.csv'}")


if __name__ == "__main__":
    main()
