"""Sentiment along the thread: does the comments' tone drift, and is it robust to the method?
==========================================================================================

Research question: reading the seed thread's 16 comments in page order, does their sentiment
drift away from the article's, and does the answer depend on the sentiment method? The script

1. scores the thread with VADER and with TextBlob (two lexicons, two sets of rules),
2. draws each method's comments along the thread with a 5-comment rolling mean and the
   article's level (the mean of its sentences, with its 95% bootstrap interval),
3. tests for a trend with the rank correlation between position and score, and compares the
   first and second half of the thread,
4. prints the words behind the three most negative comments (every score has its evidence).

With 16 comments none of this can establish a trend; the point is the workflow, which is the same
for a thread of 2,000 comments.

Usage::

    python examples/sentiment_thread.py OUTDIR

Writes ``sentiment_thread.png``, ``sentiment_thread.csv`` (both methods' plotted numbers),
``sentiment_trend.csv`` (the trend statistics) and ``sentiment_evidence.csv`` to OUTDIR.
"""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from discourse import plotting  # noqa: E402
from discourse.pipeline.analysis import analyze  # noqa: E402
from discourse.datasets import load_seed  # noqa: E402

METHODS = ("vader", "textblob")
WINDOW = 5


def spearman(x: pd.Series, y: pd.Series) -> float:
    """Rank correlation (Spearman's rho) without SciPy: Pearson's r of the ranks."""
    return float(x.rank().corr(y.rank()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("outdir", type=Path, help="output folder (created if needed)")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    thread = load_seed()

    # Only sentiment is needed here, so skip the rhetorical features (features=[]).
    results = {m: analyze(thread, sentiment=m, features=[]) for m in METHODS}
    tables = {m: plotting.sentiment_thread_table(r, window=WINDOW) for m, r in results.items()}

    # One panel per method, sharing the x axis: the same comments, two measurements.
    fig, axes = plt.subplots(len(METHODS), 1, figsize=(9, 7.5), sharex=True, layout="constrained")
    for ax, method in zip(axes, METHODS):
        plotting.plot_sentiment_thread(results[method], window=WINDOW, legend="outside", ax=ax)
        ax.set_title(method_title(method), loc="left", fontsize="medium")
    axes[0].set_xlabel("")  # shared axis: label the bottom panel only
    title = textwrap.shorten(thread.article.title, 70, placeholder=" ...")
    fig.suptitle(f"Sentiment along the thread: {title}", fontsize="medium")
    fig.savefig(args.outdir / "sentiment_thread.png", dpi=100, metadata={"Software": None})

    combined = pd.concat([t.assign(method=m) for m, t in tables.items()], ignore_index=True)
    combined.to_csv(args.outdir / "sentiment_thread.csv", index=False)

    # Trend: rank correlation of score with position, and first half vs second half.
    rows = []
    for method, table in tables.items():
        half = len(table) // 2
        rows.append(
            {
                "method": method,
                "n_comments": len(table),
                "spearman_rho_position": spearman(table["x"], table["score"]),
                "mean_first_half": table["score"].iloc[:half].mean(),
                "mean_second_half": table["score"].iloc[half:].mean(),
                "article_level": table["article_level"].iloc[0],
                "comments_below_article": int((table["score"] < table["article_level"]).sum()),
            }
        )
    trend = pd.DataFrame(rows)
    trend.to_csv(args.outdir / "sentiment_trend.csv", index=False)
    print(trend.to_string(index=False, float_format="%.3f"))
    both = tables["vader"].set_index("unit_id")["score"].rank().corr(tables["textblob"].set_index("unit_id")["score"].rank())
    print(f"\nagreement of the two methods over the 16 comments (Spearman's rho): {both:.2f}")

    # Evidence: the cue words behind the three most negative comments (VADER).
    vader = results["vader"]
    worst = tables["vader"].nsmallest(3, "score")["unit_id"].tolist()
    cues = vader["sentiment_cues"]
    evidence = cues[cues["unit_id"].isin(worst)].copy()
    texts = vader["units"].set_index("unit_id")["text"]
    evidence["surface"] = [texts[u][s:e] for u, s, e in zip(evidence["unit_id"], evidence["start"], evidence["end"])]
    evidence = evidence[["unit_id", "start", "end", "surface", "cue", "value"]]
    evidence.to_csv(args.outdir / "sentiment_evidence.csv", index=False)
    for unit in worst:
        score = float(tables["vader"].set_index("unit_id").loc[unit, "score"])
        words = evidence[evidence["unit_id"] == unit].nsmallest(5, "value")
        listed = ", ".join(f"{w!r} ({v:+.2f})" for w, v in zip(words["surface"], words["value"]))
        print(f"{unit}: VADER {score:+.3f}; most negative cues: {listed}")
    print(f"\nwrote sentiment_thread.png and three CSV files to {args.outdir}")


def method_title(method: str) -> str:
    return {"vader": "VADER (Hutto & Gilbert 2014)", "textblob": "TextBlob pattern polarity (De Smedt & Daelemans 2012)"}[method]


if __name__ == "__main__":
    main()
