"""Article vs comments: do the readers write differently from the journalist?
==========================================================================

Research question: compared with the article they comment on, are the seed thread's comments
more negative, and which rhetorical features set them apart? The script

1. compares the sentiment of the comments with that of the article's sentences (the article is
   one long text, so its distribution is that of its sentences), with bootstrap intervals,
2. ranks the rhetorical features by the difference in rate per 1,000 words (comments minus
   article) and draws the eight that lean most to each side,
3. prints the comment passages behind the three features that lean most to the comments.

Usage::

    python examples/article_vs_comments.py OUTDIR

Writes ``article_vs_comments.png``, ``sentiment_summary.csv``, ``rhetorical_contrast.csv`` and
``rhetorical_evidence.csv`` to OUTDIR.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from discourse import plotting  # noqa: E402
from discourse.pipeline.analysis import analyze  # noqa: E402
from discourse.datasets import load_seed  # noqa: E402

N_EACH_SIDE = 8


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir", type=Path, help="output folder (created if needed)")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    results = analyze(load_seed(), n_boot=2000, seed=0)  # seeded bootstrap: same intervals every run

    # 1. Sentiment: the summary has article, article_sentences, comments and their difference.
    summary = results["sentiment_summary"]
    summary.to_csv(args.outdir / "sentiment_summary.csv", index=False)
    print(summary[["group", "n", "mean", "ci_low", "ci_high", "share_negative"]].to_string(index=False, float_format="%.3f"))
    diff = summary.set_index("group").loc["difference"]
    print(
        f"\ncomments - article sentences: {diff['mean']:+.3f} (95% CI {diff['ci_low']:+.3f} to {diff['ci_high']:+.3f}); "
        "an interval that includes 0 means the seed alone cannot tell the two apart."
    )

    # 2. Rhetoric: every feature with a hit, ordered by comments rate minus article rate.
    contrast = plotting.rhetorical_profile_table(results, sort="difference", top=None)
    contrast["rate_difference"] = contrast["comments_rate"] - contrast["article_rate"]
    contrast.to_csv(args.outdir / "rhetorical_contrast.csv", index=False)
    chosen = list(contrast["feature"].head(N_EACH_SIDE)) + list(contrast["feature"].tail(N_EACH_SIDE))

    fig, (left, right) = plt.subplots(1, 2, figsize=(14, 6.5), layout="constrained", width_ratios=(1, 1))
    plotting.plot_sentiment_distribution(results, ax=left)
    left.set_title("Sentiment: the article's sentences vs the comments", fontsize="medium")
    plotting.plot_rhetorical_profile(results, features=chosen, sort="difference", top=None, ax=right)
    right.set_title(
        f"Rhetorical features leaning most to the comments (top)\nand to the article (bottom), of {len(contrast)}",
        fontsize="medium",
    )
    fig.savefig(args.outdir / "article_vs_comments.png", dpi=100, metadata={"Software": None})

    # 3. Evidence: the passages behind the features that lean most to the comments.
    features = results["features"]
    texts = results["units"].set_index("unit_id")["text"]
    rows = []
    for feature in contrast["feature"].head(3):
        hits = features[(features["feature"] == feature) & (features["unit_kind"] == "comment") & (features["count"] > 0)]
        for unit_id, spans in zip(hits["unit_id"], hits["evidence"]):
            for span in spans:
                surface = texts[unit_id][span["start"] : span["end"]]
                rows.append({"feature": feature, "unit_id": unit_id, "start": span["start"], "end": span["end"], "surface": surface})
    evidence = pd.DataFrame(rows, columns=["feature", "unit_id", "start", "end", "surface"])
    evidence.to_csv(args.outdir / "rhetorical_evidence.csv", index=False)
    for feature, group in evidence.groupby("feature", sort=False):
        shown = "; ".join(f"{u}: {s[:40]!r}" for u, s in zip(group["unit_id"], group["surface"]))
        print(f"\n{feature} ({len(group)} hits in the comments): {shown[:300]}")
    print(f"\nwrote article_vs_comments.png and three CSV files to {args.outdir}")


if __name__ == "__main__":
    main()
