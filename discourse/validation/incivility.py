"""Validate :mod:`discourse.incivility` against human labels.

Four checks, one tidy table (``dataset, subject, measure, metric, value``):

- **SFU** (Globe and Mail comments, Kolhatkar et al.; ``../shared/eval/comments/``): ROC AUC of
  ``incivility`` and ``intolerance`` for toxic (the annotators' most popular answer >= 2; and
  >= 3) vs the other comments, with 95% bootstrap intervals, next to the rhetoric catalogue's
  ``rudeness_cues`` index. Never used for fitting.
- **Training sets by cross-validation**: the held-out ROC AUC per training set recorded by the
  fitting command (:mod:`discourse.training.incivility`) in the weight file's provenance.
- **Toxic spans** (``tsd_trial.csv``, SemEval-2021 Task 5 trial set, removed from all training):
  mean character F1 of the evidence spans (a post with no gold and no predicted span scores 1),
  with character precision and recall. Read from the training folder (``../shared/train``;
  by default the sibling ``train/`` of the evaluation folder).
- **Hand-checked spans** (``tests/data/incivility_spans_check/``): precision per span kind.
- **SFU in-domain ceiling** (a diagnostic, not a library model; only with scikit-learn): ROC AUC
  of a TF-IDF logistic regression fitted on SFU itself, 5-fold cross-validated, i.e. roughly
  what a shallow word model can get from these labels when it may learn them directly.

Command line::

    python -m discourse.validation.incivility ../shared/eval [--train ../shared/train] [--out F]

Nothing here copies the evaluation or training data.

Examples
--------
>>> rows = span_check_precision()  # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from discourse.errors import InputError
from discourse.incivility import IncivilityAnalyzer, load_weights
from discourse.validation._common import write_csv
from discourse.validation.rhetoric import _find, auc, bootstrap_auc, sfu_comments

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "validate_incivility",
    "validate_sfu",
    "validate_training_cv",
    "validate_toxic_spans",
    "sfu_in_domain_ceiling",
    "span_check_precision",
    "validation_figure",
    "char_f1",
    "SPAN_CHECK_DIR",
    "main",
]

SPAN_CHECK_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "incivility_spans_check"
"""The hand-checked span sample in a source checkout."""


def char_f1(predicted: set[int], gold: set[int]) -> float:
    """SemEval-2021 Task 5 character F1 of one post (1.0 when both sets are empty).

    Examples
    --------
    >>> char_f1(set(), set()), char_f1({1, 2}, set()), char_f1({1, 2}, {2, 3})
    (1.0, 0.0, 0.5)
    """
    if not gold and not predicted:
        return 1.0
    if not gold or not predicted:
        return 0.0
    tp = len(predicted & gold)
    if not tp:
        return 0.0
    precision, recall = tp / len(predicted), tp / len(gold)
    return 2 * precision * recall / (precision + recall)


def _rows(table: list[dict[str, Any]], dataset: str) -> "pd.DataFrame":
    import pandas as pd

    return pd.DataFrame([{"dataset": dataset, **row} for row in table], columns=["dataset", "subject", "measure", "metric", "value"])


def validate_sfu(data_dir: str | os.PathLike[str], *, n_boot: int = 1000) -> "pd.DataFrame":
    """ROC AUC of the measures for toxic vs non-toxic SFU comments (see the module docstring).

    Rows: subject ``toxic2``/``toxic3``; measures ``incivility``, ``intolerance``,
    ``max(incivility, intolerance)`` and ``rudeness_cues`` (the rhetoric index, rate per 1,000
    words); metrics ``auc``, ``ci_low``, ``ci_high``, ``n_toxic``, ``n_nontoxic``.
    """
    from discourse.rhetoric import RhetoricAnalyzer

    texts, level = sfu_comments(data_dir)
    analyzer = IncivilityAnalyzer(spans=False)
    rhetoric = RhetoricAnalyzer(features=["rudeness_cues"])
    scores: dict[str, list[float]] = {"incivility": [], "intolerance": [], "max(incivility, intolerance)": [], "rudeness_cues": []}
    for text in texts:
        r = analyzer.analyze(text)
        scores["incivility"].append(r.incivility)
        scores["intolerance"].append(r.intolerance)
        scores["max(incivility, intolerance)"].append(max(r.incivility, r.intolerance))
        scores["rudeness_cues"].append(rhetoric.analyze(text).rate("rudeness_cues"))
    rows = []
    for cut in (2, 3):
        toxic = level >= cut
        for measure, values in scores.items():
            low, high = bootstrap_auc(values, toxic, n=n_boot)
            for metric, value in (
                ("auc", auc(values, toxic)), ("ci_low", low), ("ci_high", high),
                ("n_toxic", int(toxic.sum())), ("n_nontoxic", int((~toxic).sum())),
            ):
                rows.append({"subject": f"toxic{cut}", "measure": measure, "metric": metric, "value": float(value)})
    return _rows(rows, "sfu")


CEILING_FOLDS = 5
CEILING_MEASURE = "in-domain ceiling (TF-IDF LR fitted on SFU)"
"""The measure name of the SFU in-domain ceiling rows (a diagnostic, not a library model)."""


def sfu_in_domain_ceiling(data_dir: str | os.PathLike[str], *, folds: int = CEILING_FOLDS) -> "pd.DataFrame":
    """A diagnostic of what the SFU labels allow: ROC AUC of a TF-IDF logistic regression
    fitted on SFU itself, by `folds`-fold cross-validation (folds by a hash of the text).

    Not a library model and not a fair comparison with the library's measures, which never see
    SFU: it is an in-domain reference, an optimistic bound for shallow word models on these
    comments (noisy labels: three raters for most comments). Fixed settings, not tuned: word
    unigrams and bigrams seen in at least two training comments, sublinear term frequency,
    L2 logistic regression with C = 1 and balanced class weights. Rows: subject
    ``toxic2``/``toxic3``, measure ``in-domain ceiling (TF-IDF LR fitted on SFU)``, metric
    ``cv_auc``. Empty when scikit-learn is not installed.

    Examples
    --------
    >>> sfu_in_domain_ceiling("no/such/folder")  # doctest: +SKIP
    """
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:  # an optional diagnostic: the library's measures need no scikit-learn
        return _rows([], "sfu")
    from discourse.training.incivility import _fold

    texts, level = sfu_comments(data_dir)
    fold = np.array([_fold(t, folds) for t in texts])
    rows = []
    for cut in (2, 3):
        toxic = (level >= cut).astype(int)
        scores = np.zeros(len(texts))
        for k in range(folds):
            train, test = fold != k, fold == k
            vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
            X = vectorizer.fit_transform([t for t, keep in zip(texts, train) if keep])
            model = LogisticRegression(C=1.0, solver="liblinear", class_weight="balanced", random_state=0)
            model.fit(X, toxic[train])
            scores[test] = model.decision_function(vectorizer.transform([t for t, keep in zip(texts, test) if keep]))
        rows.append({"subject": f"toxic{cut}", "measure": CEILING_MEASURE, "metric": "cv_auc", "value": float(auc(scores, toxic.astype(bool)))})
    return _rows(rows, "sfu")


def validate_training_cv(weights: str | os.PathLike[str] | None = None) -> "pd.DataFrame":
    """The cross-validated scores recorded in the weight file at fitting time.

    Rows: ``incivility``/``intolerance`` cross-validated ROC AUC per training set it was fitted
    on (``cv_roc_auc``; subject = the set) and the final model's ROC AUC on the labelled sets it
    was not fitted on (``held_out_roc_auc``), the span model's character F1 on ``tsd_train`` and
    the kind model's macro F1.

    Examples
    --------
    >>> t = validate_training_cv()
    >>> sorted(set(t["measure"]))
    ['incivility', 'intolerance', 'kind', 'span']
    """
    models = load_weights(weights).models
    rows = []
    for measure in ("incivility", "intolerance"):
        for source, value in models[measure]["cv_roc_auc"].items():
            rows.append({"subject": source, "measure": measure, "metric": "cv_roc_auc", "value": value})
        for source, value in models[measure].get("held_out_roc_auc", {}).items():
            rows.append({"subject": source, "measure": measure, "metric": "held_out_roc_auc", "value": value})
    rows.append({"subject": "tsd_train", "measure": "span", "metric": "cv_char_f1", "value": models["span"]["cv_char_f1"]})
    rows.append({"subject": "civil_comments_spans", "measure": "kind", "metric": "cv_macro_f1", "value": models["kind"]["cv_macro_f1"]})
    return _rows(rows, "training_cv")


def _parse_offsets(value: str) -> set[int]:
    value = str(value).strip()
    if not value or value == "[]":
        return set()
    return {int(v) for v in value.strip("[]").split(",") if v.strip()}


def validate_toxic_spans(train_dir: str | os.PathLike[str]) -> "pd.DataFrame":
    """Character F1 (SemEval-2021 Task 5) of the evidence spans on ``tsd_trial.csv``.

    Metrics: ``char_f1`` (mean over posts), ``char_precision`` and ``char_recall`` (means over
    posts with predicted / gold characters), ``posts``.
    """
    import pandas as pd

    path = Path(train_dir) / "toxic_spans" / "tsd_trial.csv"
    if not path.exists():
        raise InputError(f"{path} not found (pass the training folder, e.g. ../shared/train)", source=str(path))
    frame = pd.read_csv(path, keep_default_na=False)
    analyzer = IncivilityAnalyzer()
    f1, precision, recall = [], [], []
    for spans, text in zip(frame["spans"], frame["text"]):
        gold = _parse_offsets(spans)
        predicted = _predicted_characters(analyzer.analyze(str(text)))
        f1.append(char_f1(predicted, gold))
        if predicted:
            precision.append(len(predicted & gold) / len(predicted))
        if gold:
            recall.append(len(predicted & gold) / len(gold))
    rows = [
        {"subject": "tsd_trial", "measure": "spans", "metric": m, "value": float(v)}
        for m, v in (("char_f1", np.mean(f1)), ("char_precision", np.mean(precision)),
                     ("char_recall", np.mean(recall)), ("posts", len(f1)))
    ]
    return _rows(rows, "toxic_spans")


def _predicted_characters(result) -> set[int]:
    out: set[int] = set()
    for span in result.spans:
        out.update(range(span.start, span.end))
    return out


def span_check_precision(folder: str | os.PathLike[str] | None = None) -> "pd.DataFrame":
    """Precision per span kind on the hand-checked sample (``judgements.tsv``).

    Each row of the sample names a span (source, row, offsets, SHA-256 of the comment), its
    kind as predicted and two judgements: ``uncivil`` (the span is rude or intolerant language
    the writer uses) and ``correct`` (uncivil and of the predicted kind). Metrics per kind, over
    all spans (``all``) and per source: ``precision`` (correct / judged) and
    ``uncivil_precision`` (uncivil / judged).

    Examples
    --------
    >>> t = span_check_precision()
    >>> int(t.loc[t["subject"] == "all", "value"].iloc[0]) >= 100
    True
    """
    path = Path(folder or SPAN_CHECK_DIR) / "judgements.tsv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")]
    per: dict[str, list[tuple[int, int]]] = {}
    for r in rows:
        for key in (r["kind"], "all", f"all ({r['source']})"):
            per.setdefault(key, []).append((int(r["correct"]), int(r["uncivil"])))
    out = []
    for kind in sorted(per, key=lambda k: (k.startswith("all"), k)):
        values = np.array(per[kind])
        out.append({"subject": kind, "measure": "spans", "metric": "judged", "value": float(len(values))})
        out.append({"subject": kind, "measure": "spans", "metric": "precision", "value": float(values[:, 0].mean())})
        out.append({"subject": kind, "measure": "spans", "metric": "uncivil_precision", "value": float(values[:, 1].mean())})
    return _rows(out, "span_check")


def validation_figure(table: "pd.DataFrame"):
    """A figure of the main figures: ROC AUC of incivility and intolerance per data set
    (cross-validated on the training sets; SFU held out), and the span scores.

    Returns a :class:`matplotlib.figure.Figure` (not saved; see
    :func:`discourse.plotting.figures.render_png`).
    """
    from matplotlib.figure import Figure

    from discourse.plotting._common import EDGE_GREY
    from discourse.plotting.incivility import MEASURE_COLORS

    fig = Figure(figsize=(8.0, 3.6), layout="constrained")
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [3, 1.4]})
    cv = table[(table["dataset"] == "training_cv") & table["metric"].isin(["cv_roc_auc", "held_out_roc_auc"])]
    sfu = table[(table["dataset"] == "sfu") & (table["metric"] == "auc") & (table["subject"] == "toxic2")]
    labels = ["civil_comments", "reddit_incivility", "davidson", "hatexplain"]
    names = ["Civil Comments", "Reddit", "Davidson", "HateXplain", "SFU toxic>=2"]
    x = np.arange(len(names), dtype=float)
    for k, measure in enumerate(("incivility", "intolerance")):
        values = [
            float(cv[(cv["subject"] == s) & (cv["measure"] == measure)]["value"].iloc[0])
            if ((cv["subject"] == s) & (cv["measure"] == measure)).any() else np.nan
            for s in labels
        ]
        found = sfu[sfu["measure"] == measure]["value"]
        values.append(float(found.iloc[0]) if len(found) else np.nan)
        left.bar(x + (k - 0.5) * 0.38, values, 0.38, color=MEASURE_COLORS[measure], edgecolor=EDGE_GREY,
                 linewidth=0.6, label=measure)
    left.axhline(0.5, color="#999999", linewidth=0.8, linestyle=":")
    ceiling = table[(table["dataset"] == "sfu") & (table["measure"] == CEILING_MEASURE) & (table["subject"] == "toxic2")]
    if len(ceiling):
        # the SFU in-domain ceiling (a diagnostic): a short dashed line over the SFU bars
        value = float(ceiling["value"].iloc[0])
        left.hlines(value, x[-1] - 0.45, x[-1] + 0.45, colors="#333333", linewidth=1.0, linestyles="--")
        left.text(x[-1], value + 0.01, "fitted on SFU\n(ceiling)", ha="center", va="bottom", fontsize="x-small")
    left.set_xticks(x)
    left.set_xticklabels(names, fontsize="small")
    left.set_ylim(0.4, 1.0)
    left.set_ylabel("ROC AUC")
    left.legend(loc="lower left", fontsize="small", frameon=False)
    left.set_title("ROC AUC (CV on fitted sets; held out: Davidson/HateXplain\nfor incivility, SFU)", fontsize="medium")
    spans = table[table["dataset"].isin(["toxic_spans", "span_check"])]
    bars = []
    f1 = spans[(spans["dataset"] == "toxic_spans") & (spans["metric"] == "char_f1")]["value"]
    if len(f1):
        bars.append(("SemEval trial\nchar F1", float(f1.iloc[0])))
    precision = spans[(spans["dataset"] == "span_check") & (spans["subject"] == "all") & (spans["metric"] == "precision")]["value"]
    if len(precision):
        bars.append(("hand-checked\nprecision", float(precision.iloc[0])))
    if bars:
        right.bar(range(len(bars)), [v for _, v in bars], 0.6, color="#56B4E9", edgecolor=EDGE_GREY, linewidth=0.6)
        right.set_xticks(range(len(bars)))
        right.set_xticklabels([b for b, _ in bars], fontsize="small")
        for i, (_, v) in enumerate(bars):
            right.text(i, v + 0.02, f"{v:.2f}", ha="center", fontsize="small")
    right.set_ylim(0, 1.0)
    right.set_title("Evidence spans", fontsize="medium")
    return fig


def validate_incivility(
    data_dir: str | os.PathLike[str] | None, *, train_dir: str | os.PathLike[str] | None = None
) -> "pd.DataFrame":
    """All checks as one tidy table (``dataset, subject, measure, metric, value``).

    `train_dir` defaults to the ``train`` folder beside `data_dir` (``../shared/train``); the
    toxic-spans check is left out when it does not exist.
    """
    import pandas as pd

    parts = [validate_training_cv()]
    if data_dir is not None:
        parts.append(validate_sfu(data_dir))
        parts.append(sfu_in_domain_ceiling(data_dir))
        if train_dir is None:
            candidate = Path(data_dir).resolve().parent / "train"
            train_dir = candidate if (candidate / "toxic_spans").is_dir() else None
    if train_dir is not None:
        parts.append(validate_toxic_spans(train_dir))
    if (SPAN_CHECK_DIR / "judgements.tsv").exists():
        parts.append(span_check_precision())
    return pd.concat(parts, ignore_index=True)


def main(argv: Iterable[str] | None = None) -> int:
    """Command line: ``python -m discourse.validation.incivility [DATA_DIR] [--train DIR] [--out F]``."""
    import pandas as pd

    parser = argparse.ArgumentParser(prog="python -m discourse.validation.incivility", description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", nargs="?", help="evaluation data folder (e.g. ../shared/eval)")
    parser.add_argument("--train", help="training data folder, for tsd_trial.csv (default: DATA_DIR/../train)")
    parser.add_argument("--out", help="write the tidy table as CSV")
    parser.add_argument("--figure", help="write the validation figure as PNG")
    args = parser.parse_args(list(argv) if argv is not None else None)
    pd.set_option("display.width", 160)
    table = validate_incivility(args.data_dir, train_dir=args.train)
    print(table.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    if args.out:
        write_csv(table, args.out)
        print(f"\nwrote {args.out}")
    if args.figure:
        from discourse.plotting.figures import render_png

        Path(args.figure).write_bytes(render_png(validation_figure(table), compact=True))
        print(f"wrote {args.figure}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
