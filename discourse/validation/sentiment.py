"""Validate the sentiment methods against human ratings (Hutto & Gilbert 2014 ground truth).

The four VADER ground-truth files (``vader/{tweets,nytEditorialSnippets,movieReviewSnippets,
amazonReviewSnippets}_GroundTruth.txt``: id, mean rating of ~20 people on -4..+4, text) give:

- :func:`vader_agreement`: the share of sentences whose ``"vader"`` scores equal the reference
  vaderSentiment 3.3.2's (compound to 1e-6; pos, neu, neg are also compared);
- :func:`textblob_agreement`: the same for ``"textblob"`` against TextBlob itself;
- :func:`validate_sentiment`: per set and method, Pearson r of the score with the human mean and
  3-class macro-F1 of the labels against human classes (mean >= +0.5 positive, <= -0.5
  negative, otherwise neutral: half a point on the 9-point rating scale, :data:`HUMAN_CUT`);
- :func:`fit_news_weights`: fits the ``"news"`` method's weights (the shipped file was made by
  it). Because those weights were fitted on these same files, ``"news"`` is reported
  out-of-fold: each tenth of every file (rows ``i`` with ``i % 10 == k``) is predicted by weights
  fitted on the other nine tenths. The shipped, in-sample figures are reported alongside.

Command line (writes the table as CSV and prints it)::

    python -m discourse.validation.sentiment ../shared/eval --out sentiment_validation.csv \\
        --agreement vader_agreement.csv

The data folder may be the evaluation root (with a ``vader/`` folder) or that folder itself.
Nothing here copies the evaluation data.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from discourse.errors import InputError
from discourse.sentiment.analyzer import DEFAULT_THRESHOLDS, SentimentAnalyzer
from discourse.sentiment.news import (
    FEATURES,
    WEIGHTS_FILE,
    news_features,
    predicted_to_score,
)
from discourse.sentiment.result import LABELS, label_for
from discourse.validation._common import classification_scores, write_csv

__all__ = [
    "SETS",
    "HUMAN_CUT",
    "GroundTruthRow",
    "read_ground_truth",
    "load_ground_truth",
    "human_label",
    "pearson_r",
    "macro_f1",
    "vader_agreement",
    "textblob_agreement",
    "fit_news_weights",
    "news_gain",
    "validate_sentiment",
    "write_csv",
    "main",
]

SETS = ("tweets", "nytEditorialSnippets", "movieReviewSnippets", "amazonReviewSnippets")
"""The four ground-truth sets, in the order of the paper's tables."""

HUMAN_CUT = 0.5
"""Human mean rating at or beyond which a sentence is positive (>= +0.5) or negative (<= -0.5)."""

FOLDS = 10
RIDGE = 1e-3
NEWS_COMMAND = (
    "python -m discourse.validation.sentiment ../shared/eval "
    "--fit-news discourse/lexicons/data/" + WEIGHTS_FILE
)


class GroundTruthRow(NamedTuple):
    """One rated sentence: its id, the human mean rating (-4..+4) and the text.

    Examples
    --------
    >>> GroundTruthRow("9_3", -1.5, "An invented example sentence.").mean
    -1.5
    """

    id: str
    mean: float
    text: str


def read_ground_truth(path: str | os.PathLike[str]) -> list[GroundTruthRow]:
    """Read one ground-truth file (TSV id, mean, text; BOM and CRLF tolerated).

    Raises
    ------
    InputError
        Naming the file and line of a row without three fields or with a non-numeric mean.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "x_GroundTruth.txt"
    >>> _ = f.write_bytes(b"\\xef\\xbb\\xbf1\\t2.5\\tGood day!\\r\\n2\\t-1\\tMeh\\r\\n")
    >>> read_ground_truth(f)[0]
    GroundTruthRow(id='1', mean=2.5, text='Good day!')
    """
    data = Path(path).read_bytes()
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 at byte {exc.start}", source=str(path)) from None
    rows = []
    # Split on "\n" only: texts may contain other line-separator characters.
    for number, line in enumerate(content.split("\n"), 1):
        line = line[:-1] if line.endswith("\r") else line
        if not line.strip():
            continue
        parts = line.split("\t", 2)
        if len(parts) != 3:
            raise InputError(
                "expected 3 tab-separated fields: id, mean, text", source=str(path), line=number
            )
        try:
            mean = float(parts[1])
        except ValueError:
            raise InputError(
                f"mean rating {parts[1]!r} is not a number",
                source=str(path),
                line=number,
                field="mean",
            ) from None
        rows.append(GroundTruthRow(parts[0], mean, parts[2]))
    return rows


def _vader_dir(data_dir: str | os.PathLike[str]) -> Path:
    folder = Path(data_dir)
    if (folder / "vader").is_dir():
        folder = folder / "vader"
    return folder


def load_ground_truth(
    data_dir: str | os.PathLike[str], sets: Iterable[str] = SETS
) -> dict[str, list[GroundTruthRow]]:
    """Read the ground-truth files of `sets` from the evaluation folder.

    Raises
    ------
    InputError
        If a file is missing.

    Examples
    --------
    >>> data = load_ground_truth("../shared/eval")  # doctest: +SKIP
    >>> len(data["nytEditorialSnippets"])  # doctest: +SKIP
    5190
    """
    folder = _vader_dir(data_dir)
    out = {}
    for name in sets:
        path = folder / f"{name}_GroundTruth.txt"
        if not path.is_file():
            raise InputError(
                f"ground-truth file not found (looked for {path.name})", source=str(folder)
            )
        out[name] = read_ground_truth(path)
    return out


def _sha256(data_dir: str | os.PathLike[str], name: str) -> str:
    path = _vader_dir(data_dir) / f"{name}_GroundTruth.txt"
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- measures ----------------------------------------------------------------------------------


def human_label(mean: float, cut: float = HUMAN_CUT) -> str:
    """The human class of a mean rating (see :data:`HUMAN_CUT`).

    Examples
    --------
    >>> human_label(0.5), human_label(0.45), human_label(-2.0)
    ('positive', 'neutral', 'negative')
    """
    return label_for(mean, cut)


def pearson_r(x: npt.ArrayLike, y: npt.ArrayLike) -> float:
    """Pearson correlation (NaN if either side is constant).

    Examples
    --------
    >>> round(pearson_r([1, 2, 3], [2, 4, 7]), 4)
    0.9934
    """
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if a.size < 2 or a.std() == 0 or b.std() == 0:
        return math.nan
    return float(np.corrcoef(a, b)[0, 1])


def macro_f1(
    truth: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = LABELS
) -> float:
    """Unweighted mean of the per-class F1 (a class never predicted nor true counts 0).

    Examples
    --------
    >>> macro_f1(["positive", "negative", "neutral"], ["positive", "negative", "negative"])
    0.5555555555555555
    """
    return classification_scores(truth, predicted, labels)[0]


# -- agreement with the reference implementations ----------------------------------------------


def vader_agreement(data_dir: str | os.PathLike[str], *, tolerance: float = 1e-6) -> Any:
    """Share of ground-truth sentences where ``"vader"`` equals vaderSentiment 3.3.2.

    Returns a DataFrame with columns ``set, n, agree_compound, share_compound, agree_all,
    share_all, max_abs_diff`` (``_all``: compound, pos, neu and neg all within `tolerance`)
    and a last row ``set="all"``.

    Examples
    --------
    >>> vader_agreement("../shared/eval").iloc[-1].share_compound  # doctest: +SKIP
    1.0
    """
    import pandas as pd
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from discourse.sentiment.vader import polarity_scores

    reference = SentimentIntensityAnalyzer()
    rows = []
    for name, items in load_ground_truth(data_dir).items():
        agree_compound = agree_all = 0
        worst = 0.0
        for item in items:
            ours, theirs = polarity_scores(item.text), reference.polarity_scores(item.text)
            diffs = [abs(ours[k] - theirs[k]) for k in ("compound", "pos", "neu", "neg")]
            worst = max(worst, *diffs)
            agree_compound += diffs[0] <= tolerance
            agree_all += max(diffs) <= tolerance
        rows.append(_agreement_row(name, len(items), agree_compound, agree_all, worst))
    frame = pd.DataFrame(rows)
    total = _agreement_row(
        "all", int(frame.n.sum()), int(frame.agree_compound.sum()), int(frame.agree_all.sum()),
        float(frame.max_abs_diff.max()),
    )
    return pd.concat([frame, pd.DataFrame([total])], ignore_index=True)


def _agreement_row(name: str, n: int, first: int, both: int, worst: float) -> dict[str, Any]:
    return {
        "set": name,
        "n": n,
        "agree_compound": first,
        "share_compound": first / n if n else math.nan,
        "agree_all": both,
        "share_all": both / n if n else math.nan,
        "max_abs_diff": worst,
    }


def textblob_agreement(data_dir: str | os.PathLike[str], *, tolerance: float = 1e-12) -> Any:
    """Share of ground-truth sentences where ``"textblob"`` equals ``TextBlob(text).sentiment``.

    Columns as in :func:`vader_agreement` (``_compound`` is polarity, ``_all`` polarity and
    subjectivity).

    Examples
    --------
    >>> textblob_agreement("../shared/eval").iloc[-1].share_all  # doctest: +SKIP
    1.0
    """
    import pandas as pd
    from textblob import TextBlob

    from discourse.sentiment.textblob_method import pattern_sentiment

    rows = []
    for name, items in load_ground_truth(data_dir).items():
        agree_first = agree_all = 0
        worst = 0.0
        for item in items:
            ours = pattern_sentiment(item.text)
            theirs = tuple(TextBlob(item.text).sentiment)
            diffs = [abs(ours[0] - theirs[0]), abs(ours[1] - theirs[1])]
            worst = max(worst, *diffs)
            agree_first += diffs[0] <= tolerance
            agree_all += max(diffs) <= tolerance
        rows.append(_agreement_row(name, len(items), agree_first, agree_all, worst))
    frame = pd.DataFrame(rows)
    total = _agreement_row(
        "all", int(frame.n.sum()), int(frame.agree_compound.sum()), int(frame.agree_all.sum()),
        float(frame.max_abs_diff.max()),
    )
    return pd.concat([frame, pd.DataFrame([total])], ignore_index=True)


# -- the news method's weights -----------------------------------------------------------------


def _feature_matrix(items: Sequence[GroundTruthRow]) -> np.ndarray:
    return np.array([[news_features(item.text)[0][f] for f in FEATURES] for item in items])


def _fit(
    xs: list[np.ndarray], ys: list[np.ndarray], weights: list[float], ridge: float
) -> np.ndarray:
    """Weighted ridge least squares (intercept unpenalised); returns [intercept, w_1..w_k]."""
    x = np.vstack(xs)
    y = np.concatenate(ys)
    w = np.concatenate([np.full(len(part), weight) for part, weight in zip(ys, weights)])
    design = np.column_stack([np.ones(len(x)), x])
    penalty = ridge * w.sum() * np.diag(np.r_[0.0, np.ones(x.shape[1])])
    return np.linalg.solve(design.T @ (design * w[:, None]) + penalty, design.T @ (y * w))


def _predict(beta: np.ndarray, x: np.ndarray) -> np.ndarray:
    return beta[0] + x @ beta[1:]


def _out_of_fold(
    features: dict[str, np.ndarray], targets: dict[str, np.ndarray], folds: int, ridge: float
) -> dict[str, np.ndarray]:
    """Predictions for each row from weights fitted without its fold (row index mod `folds`)."""
    assignment = {name: np.arange(len(y)) % folds for name, y in targets.items()}
    predictions = {name: np.zeros(len(y)) for name, y in targets.items()}
    for fold in range(folds):
        keep = {name: assignment[name] != fold for name in targets}
        beta = _fit(
            [features[n][keep[n]] for n in targets],
            [targets[n][keep[n]] for n in targets],
            [1.0 / len(targets[n]) for n in targets],
            ridge,
        )
        for name in targets:
            held = ~keep[name]
            predictions[name][held] = _predict(beta, features[name][held])
    return predictions


def fit_news_weights(
    data_dir: str | os.PathLike[str], *, folds: int = FOLDS, ridge: float = RIDGE
) -> dict[str, Any]:
    """Fit the news method's weights on the four ground-truth sets; return the weights file.

    Each set gets the same total weight (rows weighted ``1 / n_set``); the intercept is not
    penalised; weights are rounded to 6 decimals. The returned dict (written as JSON by the
    command line's ``--fit-news``) records what it was fitted on (file hashes), the procedure,
    the command and the out-of-fold Pearson r per set. It holds no evaluation data.

    Examples
    --------
    >>> spec = fit_news_weights("../shared/eval")  # doctest: +SKIP
    >>> spec["out_of_fold_pearson_r"]["nytEditorialSnippets"]  # doctest: +SKIP
    0.5281
    """
    data = load_ground_truth(data_dir)
    features = {name: _feature_matrix(items) for name, items in data.items()}
    targets = {name: np.array([item.mean for item in items]) for name, items in data.items()}
    oof = _out_of_fold(features, targets, folds, ridge)
    set_weights = [1.0 / len(t) for t in targets.values()]
    beta = _fit(list(features.values()), list(targets.values()), set_weights, ridge)
    weights = {"intercept": round(float(beta[0]), 6)}
    weights.update({f: round(float(b), 6) for f, b in zip(FEATURES, beta[1:])})
    return {
        "name": "sentiment_news_weights",
        "version": "1",
        "description": (
            "Weights of discourse's 'news' sentiment method: predicted human mean rating "
            "(-4..+4) = intercept + sum(weight * feature); "
            "score = prediction / 4 clipped to [-1, 1]."
        ),
        "features": list(FEATURES),
        "weights": weights,
        "fitted_on": (
            "the four VADER ground-truth sets of Hutto & Gilbert (2014), human mean ratings: "
            + ", ".join(f"{name} ({len(items)} sentences)" for name, items in data.items())
            + "; only these fitted numbers are stored, no evaluation data"
        ),
        "data_sha256": {name: _sha256(data_dir, name) for name in data},
        "procedure": (
            "weighted least squares, rows weighted 1/n of their set, "
            f"ridge penalty {ridge} x total "
            "weight on the non-intercept weights; out-of-fold figures: fold = row index mod "
            f"{folds} within each file, weights refitted without each fold"
        ),
        "out_of_fold_pearson_r": {
            name: round(pearson_r(oof[name], targets[name]), 4) for name in data
        },
        "command": NEWS_COMMAND,
    }


def news_gain(
    data_dir: str | os.PathLike[str],
    *,
    folds: int = FOLDS,
    ridge: float = RIDGE,
    n_boot: int = 1000,
    seed: int = 0,
) -> Any:
    """How much the news method's out-of-fold r exceeds VADER's, with a bootstrap interval.

    Sentences are resampled with ``numpy.random.default_rng(seed)`` (paired: both methods are
    scored on the same resample). Returns a DataFrame with columns ``set, n, r_vader,
    r_news_oof, gain, ci_low, ci_high`` (95% percentile interval of the gain).

    Examples
    --------
    >>> news_gain("../shared/eval").set_index("set").gain["nytEditorialSnippets"]  # doctest: +SKIP
    0.0252
    """
    import pandas as pd

    data = load_ground_truth(data_dir)
    features = {name: _feature_matrix(items) for name, items in data.items()}
    targets = {name: np.array([item.mean for item in items]) for name, items in data.items()}
    oof = _out_of_fold(features, targets, folds, ridge)
    analyzer = SentimentAnalyzer("vader")
    rng = np.random.default_rng(seed)
    rows = []
    for name in data:
        vader = np.array([analyzer.score(item.text).score for item in data[name]])
        news, human = oof[name], targets[name]
        n = len(human)
        gains = np.empty(n_boot)
        for b in range(n_boot):
            pick = rng.integers(0, n, size=n)
            gains[b] = pearson_r(news[pick], human[pick]) - pearson_r(vader[pick], human[pick])
        r_vader, r_news = pearson_r(vader, human), pearson_r(news, human)
        low, high = np.percentile(gains, [2.5, 97.5]) if n_boot else (math.nan, math.nan)
        rows.append(
            {
                "set": name,
                "n": n,
                "r_vader": round(r_vader, 4),
                "r_news_oof": round(r_news, 4),
                "gain": round(r_news - r_vader, 4),
                "ci_low": round(float(low), 4),
                "ci_high": round(float(high), 4),
            }
        )
    return pd.DataFrame(rows)


# -- the validation table ----------------------------------------------------------------------


def validate_sentiment(
    data_dir: str | os.PathLike[str],
    methods: Sequence[str] = ("vader", "textblob", "news"),
    *,
    folds: int = FOLDS,
    ridge: float = RIDGE,
) -> Any:
    """Pearson r and 3-class macro-F1 of each method on each ground-truth set.

    Returns a DataFrame with columns ``set, n, method, pearson_r, macro_f1, evaluation``.
    ``"vader"`` and ``"textblob"`` are fixed methods (``evaluation="fixed method"``). For
    ``"news"``, whose weights were fitted on these data, the row ``method="news"`` is
    out-of-fold (``evaluation="out-of-fold (10 folds)"``) and an extra row
    ``method="news (shipped weights)"`` gives the in-sample figures of the shipped weights.
    Human classes use :data:`HUMAN_CUT`; method labels use each method's default threshold.

    Examples
    --------
    >>> table = validate_sentiment("../shared/eval", methods=("vader",))  # doctest: +SKIP
    >>> table.set_index("set").pearson_r["nytEditorialSnippets"]  # doctest: +SKIP
    0.5029
    """
    import pandas as pd

    data = load_ground_truth(data_dir)
    rows = []
    if "news" in methods:
        # One pass through the front door gives the shipped scores and, in the result fields,
        # the features from which the out-of-fold predictions are refitted.
        news = SentimentAnalyzer("news")
        shipped = {name: [news.score(item.text) for item in items] for name, items in data.items()}
        features = {
            name: np.array([[r.fields[f] for f in FEATURES] for r in results])
            for name, results in shipped.items()
        }
        targets = {name: np.array([item.mean for item in items]) for name, items in data.items()}
        oof = _out_of_fold(features, targets, folds, ridge)
    for name, items in data.items():
        truth = [human_label(item.mean) for item in items]
        means = [item.mean for item in items]
        for method in methods:
            if method == "news":
                threshold = DEFAULT_THRESHOLDS["news"]
                oof_scores = [predicted_to_score(p) for p in oof[name]]
                oof_labels = [label_for(s, threshold) for s in oof_scores]
                evaluation = f"out-of-fold ({folds} folds)"
                rows.append(
                    _table_row(name, "news", means, oof_scores, truth, oof_labels, evaluation)
                )
                scores = [r.score for r in shipped[name]]
                labels = [r.label for r in shipped[name]]
                evaluation = "in-sample (weights fitted on these data)"
                rows.append(
                    _table_row(
                        name, "news (shipped weights)", means, scores, truth, labels, evaluation
                    )
                )
                continue
            analyzer = SentimentAnalyzer(method)
            results = [analyzer.score(item.text) for item in items]
            scores = [r.score for r in results]
            predicted = [r.label for r in results]
            rows.append(_table_row(name, method, means, scores, truth, predicted, "fixed method"))
    return pd.DataFrame(rows, columns=["set", "n", "method", "pearson_r", "macro_f1", "evaluation"])


def _table_row(
    name: str,
    method: str,
    means: list[float],
    scores: list[float],
    truth: list[str],
    predicted: list[str],
    evaluation: str,
) -> dict[str, Any]:
    return {
        "set": name,
        "n": len(means),
        "method": method,
        "pearson_r": round(pearson_r(scores, means), 4),
        "macro_f1": round(macro_f1(truth, predicted), 4),
        "evaluation": evaluation,
    }


def _write_json(spec: dict[str, Any], path: str | os.PathLike[str]) -> None:
    target = Path(path)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(spec, stream, indent=2, ensure_ascii=False)
            stream.write("\n")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m discourse.validation.sentiment DATA_DIR --out FILE.csv``.

    Options: ``--methods vader textblob news``, ``--agreement FILE.csv`` (VADER and TextBlob
    agreement with the reference packages), ``--gain FILE.csv`` (news minus VADER r, with
    bootstrap intervals), ``--fit-news FILE.json`` (refit the news weights).

    Examples
    --------
    >>> main(["../shared/eval", "--out", "sentiment_validation.csv"])  # doctest: +SKIP
    0
    """
    parser = argparse.ArgumentParser(
        prog="python -m discourse.validation.sentiment",
        description="Validate discourse's sentiment methods against human ratings.",
    )
    parser.add_argument("data_dir", help="evaluation folder (with vader/*_GroundTruth.txt)")
    parser.add_argument("--out", help="write the validation table to this CSV file")
    parser.add_argument("--methods", nargs="+", default=["vader", "textblob", "news"])
    parser.add_argument("--agreement", help="also write agreement with the reference packages")
    parser.add_argument("--fit-news", help="fit the news weights and write them (JSON) here")
    parser.add_argument("--gain", help="also write news-vs-VADER r gains with bootstrap CIs here")
    args = parser.parse_args(argv)
    try:
        if args.fit_news:
            spec = fit_news_weights(args.data_dir)
            _write_json(spec, args.fit_news)
            print(json.dumps(spec["weights"]), json.dumps(spec["out_of_fold_pearson_r"]))
            return 0
        import pandas as pd

        table = validate_sentiment(args.data_dir, args.methods)
        with pd.option_context("display.width", 120, "display.max_columns", 10):
            print(table.to_string(index=False))
        if args.out:
            write_csv(table, args.out)
        if args.agreement:
            vader = vader_agreement(args.data_dir).assign(method="vader")
            blob = textblob_agreement(args.data_dir).assign(method="textblob")
            agreement = pd.concat([vader, blob], ignore_index=True)
            print(agreement.to_string(index=False))
            write_csv(agreement, args.agreement)
        if args.gain:
            gain = news_gain(args.data_dir)
            print(gain.to_string(index=False))
            write_csv(gain, args.gain)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
