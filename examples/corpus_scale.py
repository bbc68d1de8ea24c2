"""Corpus scale: stream a corpus from a file, then compare threads and reply depths.
=================================================================================

Research question (the workflow of a corpus study): across many threads, how far does the
comments' sentiment sit from their article's, and does sentiment change deeper in the reply
trees? The script

1. writes a synthetic corpus as JSON Lines (``discourse.datasets.synthetic``: the seed's
   sentences recombined into threads with reply trees, authors and times),
2. analyses the file with ``analyze_path``, which reads, analyses and writes one thread at a
   time (memory stays flat whatever the corpus size) and writes the standard figures,
3. loads the saved results (as a reviewer would, years later) and draws a per-thread "forest
   plot" of comments minus article sentiment with bootstrap intervals, sentiment by reply depth,
   and the reply tree of one thread coloured by rudeness cues (rate per 1,000 words).

**The corpus is synthetic: its numbers describe the generator, not readers.** Replace the file
with your own corpus (any format ``discourse.io`` reads) to run the same study on real data.

Usage::

    python examples/corpus_scale.py OUTDIR [--comments 3000] [--per-thread 100] [--jobs 1]

Writes ``synthetic.jsonl``, ``results/`` (tables, manifest, ``figures/*.png``),
``corpus_threads.png``, ``corpus_depth.png``, ``corpus_reply_tree.png``,
``thread_differences.csv`` and ``sentiment_by_depth.csv`` to OUTDIR.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from discourse import plotting  # noqa: E402
from discourse.pipeline.analysis import analyze_path  # noqa: E402
from discourse.datasets.synthetic import write_synthetic_jsonl  # noqa: E402
from discourse.results import Results  # noqa: E402

DEEPEST = 6  # depths from here on are pooled ("6+"): few comments sit that deep


def thread_differences(results: Results) -> pd.DataFrame:
    """Per thread: comments mean, article-sentences mean, and their difference with its CI."""
    summary = results["sentiment_summary"]
    wide = summary.pivot(index="thread_id", columns="group", values="mean")
    diff = summary[summary["group"] == "difference"].set_index("thread_id")
    table = pd.DataFrame(
        {
            "comments_mean": wide["comments"],
            "article_sentences_mean": wide["article_sentences"],
            "difference": diff["mean"],
            "ci_low": diff["ci_low"],
            "ci_high": diff["ci_high"],
        }
    )
    return table.sort_values("difference").reset_index()


def sentiment_by_depth(results: Results) -> pd.DataFrame:
    """Mean comment sentiment per reply depth, with a normal-approximation 95% interval."""
    units = results["units"].query("unit_kind == 'comment'")[["thread_id", "unit_id", "depth"]]
    scores = results["sentiment"].query("unit_kind == 'comment' and level == 'unit' and measure == 'score'")
    merged = units.merge(scores[["thread_id", "unit_id", "value"]], on=["thread_id", "unit_id"])
    merged["depth_group"] = np.minimum(merged["depth"].astype(int), DEEPEST)
    grouped = merged.groupby("depth_group")["value"]
    table = pd.DataFrame({"n": grouped.size(), "mean": grouped.mean(), "sd": grouped.std(ddof=1)})
    half = 1.96 * table["sd"] / np.sqrt(table["n"])
    table["ci_low"], table["ci_high"] = table["mean"] - half, table["mean"] + half
    table.index.name = "depth"
    table = table.reset_index()
    table["depth_label"] = [f"{d}+" if d == DEEPEST else str(d) for d in table["depth"]]
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir", type=Path, help="output folder (created if needed)")
    parser.add_argument("--comments", type=int, default=3000, help="comments in the corpus (3000)")
    parser.add_argument("--per-thread", type=int, default=100, help="comments per thread (100)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the analysis (1)")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)

    # 1-2. A corpus file, analysed as a stream; the tables and figures land in results/.
    source = args.outdir / "synthetic.jsonl"
    write_synthetic_jsonl(source, args.comments, comments_per_thread=args.per_thread, seed=0)
    manifest = analyze_path(source, out=args.outdir / "results", figures=True, n_jobs=args.jobs, n_boot=1000)
    print(f"analysed {manifest['input']['threads']} threads, {manifest['input']['comments']} comments")

    # 3. Later, or elsewhere: load the saved results (hashes checked against the manifest).
    results = Results.load(args.outdir / "results")

    threads = thread_differences(results)
    threads.to_csv(args.outdir / "thread_differences.csv", index=False)
    fig, ax = plt.subplots(figsize=(7.5, 1.6 + 0.22 * len(threads)), layout="constrained")
    y = np.arange(len(threads))
    ax.errorbar(
        threads["difference"], y,
        xerr=[threads["difference"] - threads["ci_low"], threads["ci_high"] - threads["difference"]],
        fmt="o", color="#0072B2", ecolor="#56B4E9", elinewidth=2, capsize=0, markersize=4,
    )
    ax.axvline(0, color="#7F7F7F", linewidth=0.8)
    ax.set_yticks(y, threads["thread_id"].str.replace("synthetic-0-", "", regex=False), fontsize="small")
    ax.set_xlabel("comments mean - article-sentences mean (VADER), with 95% bootstrap interval")
    ax.set_ylabel("thread")
    ax.set_title("Comments vs article, thread by thread (synthetic corpus)", fontsize="medium")
    fig.savefig(args.outdir / "corpus_threads.png", dpi=100, metadata={"Software": None})

    depth = sentiment_by_depth(results)
    depth.to_csv(args.outdir / "sentiment_by_depth.csv", index=False)
    fig, ax = plt.subplots(figsize=(7, 4), layout="constrained")
    ax.errorbar(
        depth["depth"], depth["mean"], yerr=[depth["mean"] - depth["ci_low"], depth["ci_high"] - depth["mean"]],
        fmt="o-", color="#E69F00", ecolor="#D55E00", capsize=3,
    )
    for x, m, n in zip(depth["depth"], depth["ci_high"], depth["n"]):
        ax.annotate(f"n={n:,}", (x, m), xytext=(0, 4), textcoords="offset points", ha="center", fontsize="x-small")
    ax.axhline(0, color="#7F7F7F", linewidth=0.8)
    ax.set_xticks(depth["depth"], depth["depth_label"])
    ax.set_xlabel("reply depth (0: reply to the article)")
    ax.set_ylabel("mean sentiment (VADER compound)")
    ax.set_title("Comment sentiment by reply depth, with 95% intervals (synthetic corpus)", fontsize="medium")
    fig.savefig(args.outdir / "corpus_depth.png", dpi=100, metadata={"Software": None})

    first = threads["thread_id"].iloc[0]  # the thread whose comments sit lowest below the article
    fig, ax = plt.subplots(figsize=(12, 4.5), layout="constrained")
    plotting.plot_reply_tree(results, thread_id=first, color="rudeness_cues", ax=ax)
    ax.set_title(f"Reply tree of {first}, coloured by rudeness cues (synthetic corpus)", fontsize="medium")
    fig.savefig(args.outdir / "corpus_reply_tree.png", dpi=100, metadata={"Software": None})

    print(depth[["depth_label", "n", "mean", "ci_low", "ci_high"]].to_string(index=False, float_format="%.3f"))
    print(f"\nwrote three figures and two CSV files to {args.outdir}, standard figures to {args.outdir / 'results' / 'figures'}")


if __name__ == "__main__":
    main()
