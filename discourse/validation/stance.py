"""Validation of target-dependent stance against NewsMTSC (Hamborg & Donnay 2021).

NewsMTSC labels the sentiment toward a named person in news sentences (negative, neutral,
positive), with the target's character offsets. This module scores every target with

* ``vader_sentence``: VADER's compound for the whole sentence (``vaderSentiment``, labels at
  +-0.05), the baseline the issue asks to beat (about 0.51 macro-F1 on ``rw``);
* ``vader_window``: VADER on the mention and five words either side;
* ``discourse_stance_fitted``: the fitted target-sentiment model
  (:mod:`discourse.actors.stance_model`, fitted on the NewsMTSC *training* set only; nothing was chosen
  on these dev files) with its default confident calls (``abstain=True``: polar labels only when
  the score passes the threshold chosen by cross-validation for a precision of 0.70);
* ``discourse_stance_fitted_most_probable``: the same model labelling the most probable class
  (``abstain=False``, the best cross-validated macro-F1);
* ``discourse_stance``: the rule method (:func:`discourse.stance.stance_toward`, ``method="rules"``)
  with its default parameters;
* ablations of the rules without attribution, without speech-act/action roles, without clause
  boundaries (each switch off);
* ``discourse_stance_tuned_on_other_split``: ``context_weight`` and ``threshold`` chosen by a
  grid search on the *other* split and applied to this one (an honest held-out figure, since
  both files are development data).

It reports macro-F1 (the NewsMTSC paper's measure), accuracy, per-class F1 and the precision and
recall of the positive and the negative labels on each split.
The evaluation data are read from the folder given, never copied.

Run it as::

    python -m discourse.validation.stance ../shared/eval --out stance_validation.csv

Examples
--------
>>> macro_f1(["negative", "neutral", "positive"], ["negative", "neutral", "neutral"])[0]
0.5555555555555555
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from discourse.errors import InputError
from discourse.validation._common import classification_scores, write_csv

__all__ = ["Target", "load_newsmtsc", "macro_f1", "validate_stance", "write_csv", "plot_stance_validation", "main"]

LABELS = ("negative", "neutral", "positive")
_POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
SPLITS = ("rw", "mt")
GRID_CONTEXT = (0.0, 0.1, 0.2, 0.3)
GRID_THRESHOLD = (0.05, 0.1, 0.15)


class Target(NamedTuple):
    """One labelled target: the sentence, the target's offsets and the gold label.

    Examples
    --------
    >>> Target("Cruz won.", 0, 4, "positive").label
    'positive'
    """

    sentence: str
    start: int
    end: int
    label: str


def _newsmtsc_dir(data_dir: str | os.PathLike[str]) -> Path:
    root = Path(data_dir)
    return root / "newsmtsc" if (root / "newsmtsc").is_dir() else root


def load_newsmtsc(data_dir: str | os.PathLike[str], split: str) -> list[Target]:
    """Read ``split30_dev_{split}.jsonl`` from `data_dir` (the eval folder or its ``newsmtsc``).

    Raises
    ------
    InputError
        If the file is missing or a line is not a valid record (file and line named).

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> rec = {"sentence_normalized": "Cruz won.", "targets": [{"from": 0, "to": 4, "polarity": 6.0}]}
    >>> _ = (d / "split30_dev_rw.jsonl").write_text(json.dumps(rec) + "\\n")
    >>> load_newsmtsc(d, "rw")
    [Target(sentence='Cruz won.', start=0, end=4, label='positive')]
    """
    path = _newsmtsc_dir(data_dir) / f"split30_dev_{split}.jsonl"
    if not path.is_file():
        raise InputError(f"NewsMTSC file not found (looked in {path.parent})", source=str(path))
    targets = []
    with open(path, encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                sentence = record["sentence_normalized"]
                for target in record["targets"]:
                    targets.append(
                        Target(sentence, int(target["from"]), int(target["to"]), _POLARITY[float(target["polarity"])])
                    )
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"not a NewsMTSC record ({exc!r})", source=str(path), line=number) from None
    return targets


def macro_f1(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, dict[str, float]]:
    """Macro-averaged F1 over negative/neutral/positive, accuracy, and the per-class F1.

    Examples
    --------
    >>> f1, acc, per_class = macro_f1(["negative", "positive"], ["negative", "negative"])
    >>> round(f1, 3), acc, per_class["positive"]
    (0.222, 0.5, 0.0)
    """
    return classification_scores(gold, predicted, LABELS)


def _vader_label(compound: float) -> str:
    return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"


def _vader_predictors() -> tuple[Callable[[Target], str], Callable[[Target], str]]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from discourse.text import as_doc

    analyzer = SentimentIntensityAnalyzer()

    def sentence(t: Target) -> str:
        return _vader_label(analyzer.polarity_scores(t.sentence)["compound"])

    def window(t: Target) -> str:
        tokens = as_doc(t.sentence).tokens
        inside = [k for k, tok in enumerate(tokens) if tok.end > t.start and tok.start < t.end]
        if not inside:
            return sentence(t)
        lo, hi = max(0, inside[0] - 5), min(len(tokens), inside[-1] + 6)
        return _vader_label(analyzer.polarity_scores(t.sentence[tokens[lo].start : tokens[hi - 1].end])["compound"])

    return sentence, window


def _stance_predictor(**params: Any) -> Callable[[Target], str]:
    from discourse.actors.stance import StanceAnalyzer

    analyzer = StanceAnalyzer(**{"method": "rules", **params})
    return lambda t: analyzer.toward(t.sentence, t.start, t.end).label


def _fitted_predictor(**params: Any) -> Callable[[Target], str]:
    from discourse.actors.stance import StanceAnalyzer

    analyzer = StanceAnalyzer(method="fitted", **params)
    return lambda t: analyzer.toward(t.sentence, t.start, t.end).label


def _precision_recall(gold: Sequence[str], predicted: Sequence[str], label: str) -> tuple[float, float]:
    hit = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
    called = sum(1 for p in predicted if p == label)
    present = sum(1 for g in gold if g == label)
    return (hit / called if called else 0.0), (hit / present if present else 0.0)


def _row(split: str, method: str, data: Sequence[Target], predicted: Sequence[str], note: str = "") -> dict[str, Any]:
    gold = [t.label for t in data]
    f1, accuracy, per_class = macro_f1(gold, predicted)
    p_neg, r_neg = _precision_recall(gold, predicted, "negative")
    p_pos, r_pos = _precision_recall(gold, predicted, "positive")
    return {
        "split": split,
        "method": method,
        "n": len(data),
        "macro_f1": round(f1, 4),
        "accuracy": round(accuracy, 4),
        "f1_negative": round(per_class["negative"], 4),
        "f1_neutral": round(per_class["neutral"], 4),
        "f1_positive": round(per_class["positive"], 4),
        "precision_negative": round(p_neg, 4),
        "recall_negative": round(r_neg, 4),
        "precision_positive": round(p_pos, 4),
        "recall_positive": round(r_pos, 4),
        "note": note,
    }


def validate_stance(data_dir: str | os.PathLike[str], *, splits: Sequence[str] = SPLITS, tune: bool = True) -> Any:
    """Score NewsMTSC targets with the baselines, the stance method and its ablations.

    Parameters
    ----------
    data_dir : path
        The evaluation folder (containing ``newsmtsc/``) or the ``newsmtsc`` folder itself.
    splits : sequence of str
        Which development files (``rw``, ``mt``).
    tune : bool
        Also report the cross-split tuned figures (needs both splits).

    Returns
    -------
    pandas.DataFrame
        One row per split x method: ``split``, ``method``, ``n``, ``macro_f1``, ``accuracy``,
        ``f1_negative``, ``f1_neutral``, ``f1_positive``, ``precision_negative``,
        ``recall_negative``, ``precision_positive``, ``recall_positive``, ``note``.
    """
    import pandas as pd

    data = {split: load_newsmtsc(data_dir, split) for split in splits}
    vader_sentence, vader_window = _vader_predictors()
    methods: list[tuple[str, Callable[[Target], str], str]] = [
        ("vader_sentence", vader_sentence, "whole-sentence VADER compound, +-0.05"),
        ("vader_window", vader_window, "VADER on the mention +-5 tokens"),
        ("discourse_stance_fitted", _fitted_predictor(), "fitted on NewsMTSC train (5-fold CV), confident calls"),
        ("discourse_stance_fitted_most_probable", _fitted_predictor(abstain=False),
         "fitted on NewsMTSC train (5-fold CV), most probable class"),
        ("discourse_stance", _stance_predictor(), "rules, defaults"),
        ("discourse_stance_no_attribution", _stance_predictor(use_attribution=False), "ablation"),
        ("discourse_stance_no_roles", _stance_predictor(use_roles=False), "ablation"),
        ("discourse_stance_no_boundaries", _stance_predictor(use_boundaries=False), "ablation"),
        ("discourse_stance_local_only", _stance_predictor(context_weight=0.0), "ablation: context_weight=0"),
    ]
    rows = []
    for split, items in data.items():
        for name, predict, note in methods:
            rows.append(_row(split, name, items, [predict(t) for t in items], note))
    if tune and len(data) >= 2:
        grid = [(c, th) for c in GRID_CONTEXT for th in GRID_THRESHOLD]
        scores = {}
        for split, items in data.items():
            gold = [t.label for t in items]
            for context, threshold in grid:
                predict = _stance_predictor(context_weight=context, threshold=threshold)
                scores[(split, context, threshold)] = macro_f1(gold, [predict(t) for t in items])[0]
        for split, items in data.items():
            others = [s for s in data if s != split]
            best = max(grid, key=lambda g: (sum(scores[(o, *g)] for o in others), -g[0], -g[1]))
            predict = _stance_predictor(context_weight=best[0], threshold=best[1])
            note = f"context_weight={best[0]}, threshold={best[1]} chosen on {'+'.join(others)}"
            rows.append(_row(split, "discourse_stance_tuned_on_other_split", items, [predict(t) for t in items], note))
    return pd.DataFrame(rows, columns=["split", "method", "n", "macro_f1", "accuracy", "f1_negative",
                                       "f1_neutral", "f1_positive", "precision_negative", "recall_negative",
                                       "precision_positive", "recall_positive", "note"])


FIGURE_METHODS = (
    ("vader_sentence", "sentence VADER"),
    ("discourse_stance", "rules"),
    ("discourse_stance_fitted_most_probable", "fitted, most probable class"),
    ("discourse_stance_fitted", "fitted, confident calls (default)"),
)


def plot_stance_validation(frame: Any, *, ax: Any = None) -> Any:
    """Bar chart of macro-F1 per split for the sentence baseline, the rules and the fitted model
    (most probable class, and the default confident calls).

    Parameters
    ----------
    frame : pandas.DataFrame
        The table of :func:`validate_stance`.
    ax : matplotlib Axes, optional
        Drawn on ``plt.gca()`` if not given.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd, matplotlib
    >>> matplotlib.use("Agg")
    >>> f = pd.DataFrame({"split": ["rw"] * 4, "method": [m for m, _ in FIGURE_METHODS],
    ...                   "macro_f1": [0.5, 0.6, 0.7, 0.65]})
    >>> [round(float(p.get_height()), 2) for p in plot_stance_validation(f).patches]
    [0.5, 0.6, 0.7, 0.65]
    """
    import matplotlib.pyplot as plt

    ax = ax if ax is not None else plt.gca()
    splits = [s for s in SPLITS if s in set(frame["split"])]
    width = 0.8 / len(FIGURE_METHODS)
    for n, (method, label) in enumerate(FIGURE_METHODS):
        heights = []
        for split in splits:
            rows = frame[(frame["split"] == split) & (frame["method"] == method)]
            heights.append(float(rows["macro_f1"].iloc[0]) if len(rows) else 0.0)
        ax.bar([i + (n - (len(FIGURE_METHODS) - 1) / 2) * width for i in range(len(splits))], heights, width,
               label=label)
    ax.axhline(0.83, color="grey", linestyle="--", linewidth=1, label="best published (neural)")
    ax.set_xticks(range(len(splits)), [f"NewsMTSC dev {s}" for s in splits])
    ax.set_ylabel("macro-F1 (negative / neutral / positive)")
    ax.set_ylim(0, 1)
    # below the axes: inside, the legend hid the tops of the tallest bars
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, fontsize="small", frameon=False)
    return ax


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m discourse.validation.stance DATA_DIR [--out FILE.csv]``."""
    parser = argparse.ArgumentParser(
        prog="python -m discourse.validation.stance",
        description="Validate target-dependent stance on NewsMTSC (dev splits rw and mt).",
        epilog="example: python -m discourse.validation.stance ../shared/eval --out stance.csv",
    )
    parser.add_argument("data_dir", help="evaluation folder containing newsmtsc/ (or that folder)")
    parser.add_argument("--out", help="write the table as CSV here")
    parser.add_argument("--no-tune", action="store_true", help="skip the cross-split tuned rows")
    parser.add_argument("--figure", help="also draw the macro-F1 bar chart into this PNG file")
    args = parser.parse_args(argv)
    try:
        frame = validate_stance(args.data_dir, tune=not args.no_tune)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with_pandas_display = frame.to_string(index=False)
    print(with_pandas_display)
    if args.out:
        print(f"written: {write_csv(frame, args.out)}")
    if args.figure:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.figure import Figure

        figure = Figure(figsize=(6, 4.4))
        plot_stance_validation(frame, ax=figure.subplots())
        figure.tight_layout()
        figure.savefig(args.figure, dpi=100, metadata={"Software": None})
        print(f"written: {args.figure}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
