"""Actors in the seed thread, as figures: stance toward each actor, where it is voiced, who acts on whom.
======================================================================================================

Research question: which actors do the article and the comments evaluate, in which direction,
and where in the thread? The script draws (companion to ``actor_stance.py``, which prints the
tables with their evidence)

1. the writer's own stance toward the most mentioned actors, article and comments side by
   side, with the number of mentions and a bootstrap interval,
2. a heatmap of that stance unit by unit (article title and paragraphs, then each comment),
3. the relation networks (who accuses, warns, attacks or backs whom) of the article and of the
   comments, side by side,

and prints the cue words behind the article's and the comments' stance toward three actors.

Usage::

    python examples/actor_figures.py OUTDIR

Writes ``actor_stance.png``, ``stance_heatmap.png``, ``actor_networks.png`` and the plotted
numbers ``actor_stance.csv``, ``stance_heatmap.csv``, ``relation_network.csv`` to OUTDIR.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from discourse import plotting  # noqa: E402
from discourse.pipeline.analysis import analyze  # noqa: E402
from discourse.datasets import load_seed  # noqa: E402

TOP = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir", type=Path, help="output folder (created if needed)")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    results = analyze(load_seed())

    # 1. Stance bars: source="author" keeps the writer's own evaluations (not those the text
    #    reports from a quoted actor, e.g. Russia's warnings to the US).
    stance = plotting.actor_stance_table(results, top=TOP)
    stance.to_csv(args.outdir / "actor_stance.csv", index=False)
    fig, ax = plt.subplots(figsize=(8, 6.5), layout="constrained")
    plotting.plot_actor_stance(results, top=TOP, legend="outside", ax=ax)
    ax.set_title("The writer's stance toward the ten most mentioned actors", fontsize="medium")
    fig.savefig(args.outdir / "actor_stance.png", dpi=100, metadata={"Software": None})

    # 2. Where: the same stance, unit by unit, in reading order.
    plotting.stance_heatmap_table(results, top=TOP).to_csv(args.outdir / "stance_heatmap.csv", index=False)
    fig, ax = plt.subplots(figsize=(12, 5.5), layout="constrained")
    plotting.plot_stance_heatmap(results, top=TOP, ax=ax)
    ax.set_title("Stance toward each actor in the article's paragraphs and in each comment", fontsize="medium")
    fig.savefig(args.outdir / "stance_heatmap.png", dpi=100, metadata={"Software": None})

    # 3. Who acts on or speaks about whom: the article's network next to the comments'.
    network = plotting.relation_network_table(results)
    network.to_csv(args.outdir / "relation_network.csv", index=False)
    fig, axes = plt.subplots(1, 2, figsize=(14, 6.5), layout="constrained")
    for ax, part in zip(axes, ("article", "comments")):
        edges = plotting.relation_network_table(results, part=part)
        plotting.plot_relation_network(results, part=part, legend=part == "article", ax=ax)
        ax.set_title(f"Relations in the {part} ({int(edges['n'].sum())} relations)", fontsize="medium")
    fig.savefig(args.outdir / "actor_networks.png", dpi=100, metadata={"Software": None})

    # Evidence: the strongest cues behind three actors' scores (offsets into each unit's text).
    summary = results["stance_summary"].query("source == 'author'").set_index(["actor", "part"])
    for actor in stance["actor"].unique()[:3]:
        for part in ("article", "comments"):
            if (actor, part) in summary.index:
                row = summary.loc[(actor, part)]
                print(f"{actor} / {part}: score {row['score']:+.3f} over {row['n_mentions']} mentions; "
                      f"cues: {row['evidence'][:150]}")
    print(f"\nwrote three figures and three CSV files to {args.outdir}")


if __name__ == "__main__":
    main()
