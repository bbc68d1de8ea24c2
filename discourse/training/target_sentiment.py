"""Fit the target-sentiment (stance) model on NewsMTSC and write its weight file.

Data: ``TRAIN_DIR/newsmtsc/train.jsonl`` (Hamborg & Donnay 2021; MIT): news sentences with the
sentiment toward a named target (negative / neutral / positive). Every target is turned into the
features of :mod:`discourse.actors.stance_features` through :func:`discourse.actors.stance_model.mention_hits`,
the same code inference runs, with the rule method's cues as lexicon features.

Procedure (deterministic):

1. features of every target; a feature is kept if it fires for at least ``MIN_COUNT`` targets;
2. 5-fold cross-validation grouped by sentence (a sentence's targets stay in one fold; folds by
   sentence index modulo 5, in file order) over the grid of the L2 penalty ``C``, the feature
   settings (bigrams on/off, lexicon cues on/off, insult features on/off) and the neutral offset; the setting with the
   best mean macro-F1 wins;
3. the label is the class with the highest logit after adding an offset to the neutral logit;
   the offset (from ``OFFSET_GRID``) is part of the cross-validated setting: a calibration of how
   readily a polar label is given, chosen on the training folds only;
4. **confident calls** (the default labels, with abstention): a mention, like an aggregate, is
   positive when its score ``P(pos) - P(neg)`` exceeds a threshold, negative below minus it,
   else neutral; the threshold (from ``CALL_THRESHOLD_GRID``) is chosen on the same out-of-fold
   logits as the one with the best mean macro-F1 among those whose mean precision of positive
   *and* of negative labels over the folds reaches ``PRECISION_TARGET`` (if none does: the best
   smaller of the two precisions), so a polar label is given only when the model is confident
   enough;
5. the final model is refitted on all targets; weights whose largest absolute value over the
   classes is below ``PRUNE`` are dropped; floats are written with 6 significant digits and the
   JSON with sorted keys, so refitting gives the same bytes.

No evaluation data are read here (the dev sets are for reporting only, see
:mod:`discourse.validation.stance`).

Run::

    python -m discourse.training.target_sentiment ../shared/train --out discourse/lexicons/data/stance_target_model.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from discourse._version import __version__
from discourse.errors import InputError
from discourse.actors.stance_features import FEATURE_VERSION, Hit

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = [
    "load_targets", "extract", "fit", "main", "oof_logits", "best_offset", "call_candidates", "confident_calls",
    # the pieces the procedure is built from, for experiments that vary it
    "build_vocabulary", "feature_matrix", "make_classifier", "macro_f1", "fold_scores", "confident_candidate",
    "round_significant",
]

LABELS = ("negative", "neutral", "positive")
_POLARITY = {2.0: 0, 4.0: 1, 6.0: 2}
FOLDS = 5
MIN_COUNT = 2
C_GRID = (0.1, 0.3)
SETTINGS_GRID = (
    {"bigrams": True, "lexicon": True, "insults": True},
    {"bigrams": True, "lexicon": True, "insults": False},
    {"bigrams": False, "lexicon": True, "insults": True},
    {"bigrams": True, "lexicon": False, "insults": False},
)
OFFSET_GRID = (-0.5, -0.25, 0.0, 0.25, 0.5, 0.75)
SCORE_THRESHOLD_GRID = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
PRUNE = 0.002
PRECISION_TARGET = 0.7
"""Confident calls: the precision of positive and of negative labels the call offsets aim at (the
issue's goal for comments), reached on the held-out folds of the training data."""
CALL_THRESHOLD_GRID = tuple(x / 20 for x in range(1, 17))  # 0.05 .. 0.8


def round_significant(x: float) -> float:
    """`x` rounded to 6 significant digits, as the weight file writes floats (stable bytes across refits).

    Parameters
    ----------
    x : float
        Any float.

    Returns
    -------
    float
        The rounded value; ``-0.0`` becomes ``0.0``.

    Examples
    --------
    >>> round_significant(0.123456789), round_significant(-0.0)
    (0.123457, 0.0)
    """
    return float(f"{x:.6g}") + 0.0  # + 0.0 turns -0.0 into 0.0


def load_targets(train_dir: str | Path) -> tuple[list[dict[str, Any]], str, Path]:
    """The NewsMTSC training records, the file's SHA-256 and its path.

    Raises
    ------
    InputError
        If ``newsmtsc/train.jsonl`` is not found in `train_dir` or a line is not a record.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp()); (d / "newsmtsc").mkdir()
    >>> _ = (d / "newsmtsc" / "train.jsonl").write_text('{"sentence_normalized": "A", "targets": []}\\n')
    >>> load_targets(d)[0]
    [{'sentence_normalized': 'A', 'targets': []}]
    """
    root = Path(train_dir)
    path = root / "newsmtsc" / "train.jsonl" if (root / "newsmtsc").is_dir() else root / "train.jsonl"
    if not path.is_file():
        raise InputError(f"NewsMTSC training file not found (looked for {path})", source=str(path))
    raw = path.read_bytes()
    records = []
    for number, line in enumerate(raw.decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            records.append({"sentence_normalized": record["sentence_normalized"], "targets": record["targets"]})
        except (ValueError, KeyError) as exc:
            raise InputError(f"not a NewsMTSC record ({exc!r})", source=str(path), line=number) from None
    return records, hashlib.sha256(raw).hexdigest(), path


def extract(records: Sequence[dict[str, Any]]) -> tuple[list[list[Hit]], list[int], list[int]]:
    """Features (all families), labels and sentence groups of every target.

    Examples
    --------
    >>> hits, y, groups = extract([{"sentence_normalized": "Critics slammed Smith.",
    ...                             "targets": [{"from": 16, "to": 21, "polarity": 2.0}]}])
    >>> y, groups, "P|slammed" in [h.name for h in hits[0]]
    ([0], [0], True)
    """
    from discourse.actors.context import DocContext
    from discourse.actors import ActorRegistry, Mention
    from discourse.actors.stance import StanceAnalyzer
    from discourse.actors.stance_model import mention_hits
    from discourse.text import Doc

    registry = ActorRegistry.default()
    rules = StanceAnalyzer(registry=registry, method="rules", irony=False)  # its cues are features
    everything = {"bigrams": True, "lexicon": True, "insults": True}
    X: list[list[Hit]] = []
    y: list[int] = []
    groups: list[int] = []
    for g, record in enumerate(records):
        doc = Doc(record["sentence_normalized"])
        found = registry.find(doc)
        tokens = doc.tokens
        for target in record["targets"]:
            start, end = int(target["from"]), int(target["to"])
            si = doc.sentence_of(start)
            if si is None:
                continue
            first, stop = doc.sentence_token_ranges[si]
            t0 = next((k for k in range(first, stop) if tokens[k].end > start), stop)
            t1 = next((k for k in range(t0, stop) if tokens[k].start >= end), stop)
            mention = Mention(start, end, "target", doc.text[start:end], "name", False, si, t0, max(t1, t0 + 1))
            others = [m for m in found if m.end <= start or m.start >= end]
            ctx = DocContext(doc, registry, sorted(others + [mention], key=lambda m: m.start))
            scan = ctx.scan(si)
            sentence = doc.sentences[si]
            record_ = rules._rules_score(ctx, scan, mention, sentence.start, sentence.end)
            X.append(mention_hits(ctx, scan, mention, record_.cues, everything))
            y.append(_POLARITY[float(target["polarity"])])
            groups.append(g)
    return X, y, groups


def _keep(name: str, settings: dict[str, Any]) -> bool:
    if not settings["bigrams"] and name.startswith("b"):
        return False
    if not settings["lexicon"] and name.startswith(("lex|", "sv|")):
        return False
    if not settings.get("insults", False) and name.startswith("ins|"):
        return False
    return True


def feature_matrix(X: Sequence[Sequence[Hit]], vocabulary: dict[str, int]) -> Any:
    """The sparse feature matrix of targets over a vocabulary.

    Parameters
    ----------
    X : sequence of sequences of Hit
        The feature hits of each target (:func:`extract`).
    vocabulary : dict of str to int
        Column of each feature name (:func:`build_vocabulary`); hits of other names are left out.

    Returns
    -------
    scipy.sparse.csr_matrix
        Shape ``(len(X), len(vocabulary))``; a cell is the sum of the values of the target's hits
        of that feature.

    Examples
    --------
    >>> from discourse.actors.stance_features import Hit
    >>> X = [[Hit("a", 1.0, 0, 1), Hit("a", 0.5, 2, 3), Hit("z", 1.0, 4, 5)], [Hit("b", 2.0, 0, 1)]]
    >>> feature_matrix(X, {"a": 0, "b": 1}).toarray().tolist()
    [[1.5, 0.0], [0.0, 2.0]]
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for i, hits in enumerate(X):
        summed: dict[int, float] = {}
        for hit in hits:
            j = vocabulary.get(hit.name)
            if j is not None:
                summed[j] = summed.get(j, 0.0) + hit.value
        for j in sorted(summed):
            rows.append(i)
            cols.append(j)
            vals.append(summed[j])
    return csr_matrix((np.array(vals), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
                      shape=(len(X), len(vocabulary)))


def build_vocabulary(X: Sequence[Sequence[Hit]], settings: dict[str, Any]) -> dict[str, int]:
    """The feature names kept for a feature setting, each with its matrix column.

    Parameters
    ----------
    X : sequence of sequences of Hit
        The feature hits of each target (:func:`extract`).
    settings : dict
        A feature setting as in ``SETTINGS_GRID`` (``bigrams``, ``lexicon``, ``insults``: whether
        those feature families are kept).

    Returns
    -------
    dict of str to int
        The names of the kept families that fire for at least ``MIN_COUNT`` targets, in sorted
        order, numbered from 0.

    Examples
    --------
    >>> from discourse.actors.stance_features import Hit
    >>> X = [[Hit("w|x", 1.0, 0, 1), Hit("lex|y", 1.0, 2, 3)]] * 2 + [[Hit("w|z", 1.0, 0, 1)]]
    >>> build_vocabulary(X, {"bigrams": True, "lexicon": True, "insults": True})
    {'lex|y': 0, 'w|x': 1}
    >>> build_vocabulary(X, {"bigrams": True, "lexicon": False, "insults": True})
    {'w|x': 0}
    """
    counts: dict[str, int] = {}
    for hits in X:
        for name in {h.name for h in hits}:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= MIN_COUNT and _keep(n, settings))
    return {n: j for j, n in enumerate(names)}


def make_classifier(C: float) -> Any:
    """The unfitted classifier of the procedure: an L2-penalised multinomial logistic regression.

    Parameters
    ----------
    C : float
        Inverse regularisation strength (the trainer's grid: ``C_GRID``).

    Returns
    -------
    sklearn.linear_model.LogisticRegression
        ``LogisticRegression(C=C, solver="lbfgs", max_iter=1000, tol=1e-4)``, not yet fitted.

    Examples
    --------
    >>> make_classifier(0.1).C
    0.1
    """
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, solver="lbfgs", max_iter=1000, tol=1e-4)


def _unit_weights(n: int, sample_weight: Any) -> Any:
    """`sample_weight` as a float array, or ones when it is ``None``.

    Sums of ones are exact integers, and a ratio of two of them is the same IEEE float as the ratio
    of Python integer counts, so the weighted arithmetic serves the unweighted case unchanged.
    """
    import numpy as np

    return np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=float)


def macro_f1(gold: npt.ArrayLike, predicted: npt.ArrayLike, sample_weight: Any = None) -> float:
    """Macro-F1 over the three classes; every count is a sum of weights (``None``: each counts once).

    Parameters
    ----------
    gold, predicted : array-likes of int
        Labels (0 negative, 1 neutral, 2 positive).
    sample_weight : array of length n, optional
        Weight of each target in the counts.

    Returns
    -------
    float
        The mean over the classes of F1 (0 for a class with no true positive).

    Examples
    --------
    >>> macro_f1([0, 1, 2, 2], [0, 1, 2, 1])
    0.7777777777777777
    >>> import numpy as np
    >>> macro_f1(np.array([0, 1, 2, 2]), np.array([0, 1, 2, 1]), np.ones(4))
    0.7777777777777777
    """
    import numpy as np

    g, p = np.asarray(gold), np.asarray(predicted)
    w = _unit_weights(len(g), sample_weight)
    f1s = []
    for c in range(3):
        tp = float(w[(g == c) & (p == c)].sum())
        fp = float(w[(g != c) & (p == c)].sum())
        fn = float(w[(g == c) & (p != c)].sum())
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / 3


def offset_labels(logits: Any, neutral_offset: float) -> list[int]:
    """Most probable class after adding `neutral_offset` to the neutral logit.

    Parameters
    ----------
    logits : numpy.ndarray
        Shape ``(n, 3)``: negative, neutral, positive.
    neutral_offset : float
        Added to the neutral column before the argmax (see :func:`best_offset`).

    Returns
    -------
    list of int
        0 negative, 1 neutral, 2 positive.
    """
    import numpy as np

    return [int(i) for i in (logits + np.array([0.0, neutral_offset, 0.0])).argmax(axis=1)]


def threshold_labels(logits: Any, threshold: float) -> list[int]:
    """Labels by the score ``P(pos) - P(neg)`` against `threshold`, as aggregates are labelled.

    Parameters
    ----------
    logits : numpy.ndarray
        Shape ``(n, 3)``: negative, neutral, positive.
    threshold : float
        A score above it is positive, one below ``-threshold`` negative, any other neutral.

    Returns
    -------
    list of int
        0 negative, 1 neutral, 2 positive.
    """
    import numpy as np

    z = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = z / z.sum(axis=1, keepdims=True)
    score = (p[:, 2] - p[:, 0]).tolist()
    return [2 if x > threshold else 0 if x < -threshold else 1 for x in score]


def fold_scores(y: Any, predicted: Any, fold_of: Any, sample_weight: Any = None) -> dict[str, float]:
    """Mean over the folds of macro-F1 and of the precision and recall of the polar labels.

    Parameters
    ----------
    y, predicted : arrays of int, length n
        Gold and predicted labels (0 negative, 1 neutral, 2 positive).
    fold_of : array of int, length n
        Fold of each target (0 to ``FOLDS - 1``).
    sample_weight : array of length n, optional
        Weight of each target in the counts (``None``: each counts once).

    Returns
    -------
    dict of str to float
        ``macro_f1``, ``precision_negative``, ``recall_negative``, ``precision_positive``,
        ``recall_positive`` (a precision or recall with nothing to count is 0), unrounded.

    Examples
    --------
    >>> import numpy as np
    >>> scores = fold_scores(np.array([0, 2, 1] * 5), np.array([0, 2, 2] * 5), np.arange(15) // 3)
    >>> scores["precision_positive"], scores["recall_positive"]
    (0.5, 1.0)
    """
    totals = {"macro_f1": 0.0, "precision_negative": 0.0, "recall_negative": 0.0,
              "precision_positive": 0.0, "recall_positive": 0.0}
    weights = _unit_weights(len(y), sample_weight)
    for fold in range(FOLDS):
        mask = fold_of == fold
        gold, guess, w = y[mask], predicted[mask], weights[mask]
        totals["macro_f1"] += macro_f1(gold, guess, w)
        for c, name in ((0, "negative"), (2, "positive")):
            called = float(w[guess == c].sum())
            hit = float(w[(guess == c) & (gold == c)].sum())
            totals[f"precision_{name}"] += hit / called if called else 0.0
            present = float(w[gold == c].sum())
            totals[f"recall_{name}"] += hit / present if present else 0.0
    return {k: v / FOLDS for k, v in totals.items()}


def confident_candidate(candidates: Sequence[tuple[Any, dict[str, float]]]) -> tuple[Any, dict[str, float]]:
    """The candidate of confident calls: the best macro-F1 among those whose precision of both
    polar labels reaches ``PRECISION_TARGET`` (earlier candidates win ties); if none does, the
    one with the best smaller precision.

    Parameters
    ----------
    candidates : sequence of (setting, scores) pairs
        A setting (e.g. a threshold) with its :func:`fold_scores`, as :func:`call_candidates`
        returns them.

    Returns
    -------
    tuple of (setting, dict of str to float)
        The chosen pair.

    Examples
    --------
    >>> low = {"macro_f1": 0.7, "precision_negative": 0.6, "precision_positive": 0.8}
    >>> high = {"macro_f1": 0.6, "precision_negative": 0.75, "precision_positive": 0.8}
    >>> confident_candidate([(0.1, low), (0.3, high)])[0]
    0.3
    """
    def low(scores: dict[str, float]) -> float:
        return min(scores["precision_negative"], scores["precision_positive"])

    feasible = [c for c in candidates if low(c[1]) >= PRECISION_TARGET]
    if feasible:
        return max(feasible, key=lambda c: round(c[1]["macro_f1"], 6))
    return max(candidates, key=lambda c: round(low(c[1]), 6))


def call_candidates(logits: Any, y: npt.ArrayLike, fold_of: Any, sample_weight: Any = None) -> list[tuple[float, dict[str, float]]]:
    """Every threshold of ``CALL_THRESHOLD_GRID`` with its out-of-fold figures (unrounded).

    Parameters
    ----------
    logits : array of shape (n, 3)
        Out-of-fold logits of the training targets.
    y, fold_of : arrays of length n
        Labels (0 negative, 1 neutral, 2 positive) and fold numbers.
    sample_weight : array of length n, optional
        Weights of the targets in every count (``None``: each counts once).

    Examples
    --------
    >>> import numpy as np
    >>> logits = np.array([[2.0, 0, 0], [0, 0, 2.0], [0, 1.0, 0]] * 5)
    >>> rows = call_candidates(logits, [0, 2, 1] * 5, np.arange(15) // 3)
    >>> rows[0][0], rows[0][1]["macro_f1"]
    (0.05, 1.0)
    """
    import numpy as np

    y = np.asarray(y)
    return [(t, fold_scores(y, np.array(threshold_labels(logits, t)), fold_of, sample_weight)) for t in CALL_THRESHOLD_GRID]


def confident_calls(logits: Any, y: npt.ArrayLike, fold_of: Any, sample_weight: Any = None) -> dict[str, Any]:
    """The score threshold of confident calls (step 4 of the procedure) with its out-of-fold figures
    (`sample_weight`: see :func:`call_candidates`).

    Examples
    --------
    >>> import numpy as np
    >>> logits = np.array([[2.0, 0, 0], [0, 0, 2.0], [0.2, 0, 0], [0, 0, 0.2], [0, 1.0, 0]] * 5)
    >>> y = np.array([0, 2, 2, 0, 1] * 5)
    >>> calls = confident_calls(logits, y, np.arange(25) // 5)  # the weak calls are wrong: left out
    >>> calls["score_threshold"], calls["cv"]["precision_negative"], calls["cv"]["precision_positive"]
    (0.1, 1.0, 1.0)
    """
    candidates = call_candidates(logits, y, fold_of, sample_weight)
    threshold, scores = confident_candidate(candidates)
    return {
        "precision_target": PRECISION_TARGET,
        "score_threshold": threshold,
        "cv": {k: round_significant(v) for k, v in scores.items()},
        "grid": [{"score_threshold": t, **{k: round_significant(v) for k, v in c.items()}} for t, c in candidates],
    }


def oof_logits(M: Any, y: Any, fold_of: Any, C: float, sample_weight: Any = None) -> Any:
    """Out-of-fold logits, shape (n, 3): each fold scored by a model fitted on the other folds.

    Parameters
    ----------
    M : matrix of shape (n, features)
        Feature matrix of the training targets.
    y, fold_of : arrays of length n
        Labels (0 negative, 1 neutral, 2 positive) and fold numbers (0 to ``FOLDS - 1``).
    C : float
        Inverse regularisation strength of the logistic regression.
    sample_weight : array of length n, optional
        Weights of the targets in each fit, normalised to mean 1 over the training folds
        (``None``: ones, the same fit as an unweighted one).

    Returns
    -------
    numpy.ndarray
        The decision function of each target's held-out fold model.

    Examples
    --------
    >>> import numpy as np
    >>> M = np.array([[1.0, 0], [0, 1.0], [0, 0]] * 5)
    >>> oof_logits(M, np.array([0, 2, 1] * 5), np.arange(15) // 3, 1.0).argmax(axis=1)[:3].tolist()
    [0, 2, 1]
    """
    import numpy as np

    weights = _unit_weights(len(y), sample_weight)
    logits = np.zeros((len(y), 3))
    for fold in range(FOLDS):
        train, test = fold_of != fold, fold_of == fold
        w = weights[train]
        model = make_classifier(C).fit(M[train], y[train], sample_weight=w / w.mean())
        logits[test] = model.decision_function(M[test])
    return logits


def best_offset(logits: Any, y: Any, fold_of: Any, sample_weight: Any = None) -> tuple[float, float, list[float]]:
    """The neutral offset of ``OFFSET_GRID`` with the best mean fold macro-F1 (ties: the smaller
    offset in size), that mean and the fold figures.

    Parameters
    ----------
    logits : array of shape (n, 3)
        Out-of-fold logits (:func:`oof_logits`).
    y, fold_of : arrays of length n
        Labels and fold numbers.
    sample_weight : array of length n, optional
        Weights of the targets in every count (``None``: each counts once).

    Returns
    -------
    tuple of (float, float, list of float)
        The offset, its mean fold macro-F1 and the macro-F1 of each fold.

    Examples
    --------
    >>> import numpy as np
    >>> logits = np.array([[1.0, 0.8, 0], [0, 0.8, 1.0], [0, 0.5, 0]] * 5)
    >>> best_offset(logits, np.array([0, 2, 1] * 5), np.arange(15) // 3)[:2]
    (0.0, 1.0)
    """
    import numpy as np

    weights = _unit_weights(len(y), sample_weight)
    per_offset = {}
    for t in OFFSET_GRID:
        labels = np.array(offset_labels(logits, t))
        folds = [macro_f1(y[fold_of == f], labels[fold_of == f], weights[fold_of == f]) for f in range(FOLDS)]
        per_offset[t] = (sum(folds) / FOLDS, folds)
    offset = max(OFFSET_GRID, key=lambda t: (round(per_offset[t][0], 6), -abs(t)))
    return offset, per_offset[offset][0], per_offset[offset][1]


def fit(X: Sequence[Sequence[Hit]], y: Sequence[int], groups: Sequence[int], *, log: Any = None) -> dict[str, Any]:
    """Cross-validate the grid, refit the best setting on everything; the weight-file contents.

    Examples
    --------
    >>> callable(fit)
    True
    """
    import numpy as np

    say = log or (lambda *a: None)
    y_arr = np.array(y)
    fold_of = np.array([g % FOLDS for g in groups])
    results = []
    for settings in SETTINGS_GRID:
        vocabulary = build_vocabulary(X, settings)
        M = feature_matrix(X, vocabulary)
        for C in C_GRID:
            logits = oof_logits(M, y_arr, fold_of, C)
            # The neutral offset is part of the setting: each candidate is scored at its best one.
            offset, mean, scores = best_offset(logits, y_arr, fold_of)
            say(f"settings={settings} C={C} neutral offset={offset}: folds {[round(s, 4) for s in scores]} mean {mean:.4f}")
            results.append((mean, settings, C, offset, scores, logits))
    best = max(results, key=lambda r: (round(r[0], 6), -r[2]))  # ties: the stronger penalty
    mean, settings, C, offset, scores, logits = best
    say(f"chosen: settings={settings} C={C} neutral offset={offset} (mean out-of-fold macro-F1 {mean:.4f})")
    # Aggregates of several mentions are labelled by their mean score P(pos) - P(neg); the
    # threshold for that is the one that best labels single targets out of fold.
    by_threshold = {t: macro_f1(y, threshold_labels(logits, t)) for t in SCORE_THRESHOLD_GRID}
    score_threshold = max(SCORE_THRESHOLD_GRID, key=lambda t: (round(by_threshold[t], 6), -t))
    say(f"score threshold for aggregates: {score_threshold} (out-of-fold macro-F1 {by_threshold[score_threshold]:.4f})")
    calls = confident_calls(logits, y_arr, fold_of)
    say(f"confident calls: score threshold {calls['score_threshold']}: out-of-fold {calls['cv']}")
    vocabulary = build_vocabulary(X, settings)
    M = feature_matrix(X, vocabulary)
    model = make_classifier(C).fit(M, y_arr)
    coef = model.coef_  # (3, n_features), classes 0, 1, 2 in order
    weights = {}
    for name, j in vocabulary.items():
        w = coef[:, j]
        if float(np.abs(w).max()) >= PRUNE:
            weights[name] = [round_significant(float(v)) for v in w]
    return {
        "settings": settings,
        "C": C,
        "neutral_offset": offset,
        "score_threshold": score_threshold,
        "cv_macro_f1_score_threshold": round_significant(by_threshold[score_threshold]),
        "cv_macro_f1_folds": [round_significant(s) for s in scores],
        "cv_macro_f1_mean": round_significant(mean),
        "calls": calls,
        "grid": [
            {"settings": r[1], "C": r[2], "neutral_offset": r[3], "cv_macro_f1_mean": round_significant(r[0])} for r in results
        ],
        "intercept": [round_significant(float(v)) for v in model.intercept_],
        "weights": weights,
        "n_features_fitted": len(vocabulary),
        "converged_iterations": int(model.n_iter_[0]),
    }


def weight_file(fitted: dict[str, Any], sha256: str, n_targets: int, n_sentences: int) -> str:
    """The JSON text of the weight file (sorted keys, stable bytes).

    Examples
    --------
    >>> text = weight_file({"settings": {}, "C": 1.0, "neutral_offset": 0.0, "score_threshold": 0.2,
    ...     "cv_macro_f1_score_threshold": 0.0, "cv_macro_f1_folds": [],
    ...     "cv_macro_f1_mean": 0.0,
    ...     "grid": [], "intercept": [0, 0, 0], "weights": {}, "n_features_fitted": 0,
    ...     "converged_iterations": 1, "calls": {}}, "ab", 0, 0)
    >>> json.loads(text)["name"]
    'stance_target_model'
    """
    import sklearn

    data = {
        "name": "stance_target_model",
        "version": "1",
        "description": (
            "Target-dependent sentiment (stance) toward a mention: multinomial logistic regression over the "
            "features of discourse.actors.stance_features; logits z_c = intercept_c + sum_f weights[f][c] * x_f for "
            "classes [negative, neutral, positive]; label = argmax(z + label_offsets); score = P(positive) - "
            "P(negative)."
        ),
        "source": "NewsMTSC training set (fhamborg/NewsMTSC, NewsSentiment/controller_data/datasets/NewsMTSC-dataset/train.jsonl @ b9d9b79)",
        "licence": "MIT (training data); fitted weights MIT",
        "citation": "Hamborg, F. & Donnay, K. (2021). NewsMTSC: A Dataset for (Multi-)Target-dependent Sentiment Classification in Political News Articles. EACL 2021.",
        "training_data_sha256": sha256,
        "training_targets": n_targets,
        "training_sentences": n_sentences,
        "feature_version": FEATURE_VERSION,
        "library_version": __version__,
        "fitted_with": f"scikit-learn {sklearn.__version__} LogisticRegression(solver='lbfgs', multinomial, L2)",
        "procedure": (
            f"{FOLDS}-fold cross-validation grouped by sentence (fold = sentence index mod {FOLDS}); grid C in "
            f"{list(C_GRID)} x settings {list(SETTINGS_GRID)} x neutral offset {list(OFFSET_GRID)} by mean "
            f"out-of-fold macro-F1; the score threshold for aggregates from {list(SCORE_THRESHOLD_GRID)} likewise; "
            f"confident calls (calls): the score threshold from {list(CALL_THRESHOLD_GRID)} with the best mean "
            f"macro-F1 among those with mean precision of both polar labels >= {PRECISION_TARGET} on the same "
            f"out-of-fold logits; features firing for >= {MIN_COUNT} targets; refit on all targets; "
            f"weights with max |w| < {PRUNE} pruned; floats to 6 significant digits"
        ),
        "parameters": {"C": fitted["C"], "min_count": MIN_COUNT, "prune": PRUNE, "folds": FOLDS},
        "settings": fitted["settings"],
        "cv": {
            "macro_f1_folds": fitted["cv_macro_f1_folds"],
            "macro_f1_mean": fitted["cv_macro_f1_mean"],
            "macro_f1_by_score_threshold": fitted["cv_macro_f1_score_threshold"],
            "grid": fitted["grid"],
        },
        "classes": list(LABELS),
        "label_offsets": [0.0, fitted["neutral_offset"], 0.0],
        "score_threshold": fitted["score_threshold"],
        "calls": fitted["calls"],
        "n_features_fitted": fitted["n_features_fitted"],
        "intercept": fitted["intercept"],
        "weights": fitted["weights"],
    }
    lines = json.dumps({k: v for k, v in data.items() if k != "weights"}, indent=1, sort_keys=True,
                       ensure_ascii=False)
    # One weight per line keeps the file diffable; sorted for stable bytes.
    body = ",\n".join(
        f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps(w)}" for name, w in sorted(data["weights"].items())
    )
    return lines[:-2] + ',\n "weights": {\n' + body + "\n }\n}\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m discourse.training.target_sentiment TRAIN_DIR [--out FILE]``."""
    parser = argparse.ArgumentParser(
        prog="python -m discourse.training.target_sentiment",
        description="Fit the target-sentiment (stance) model on NewsMTSC train.jsonl.",
    )
    parser.add_argument("train_dir", nargs="?", default="../shared/train", help="training folder (holds newsmtsc/)")
    parser.add_argument("--out", default=None, help="weight file to write (default: the bundled one)")
    args = parser.parse_args(argv)
    try:
        records, sha256, path = load_targets(args.train_dir)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from discourse.lexicons import DATA_DIR

    out = Path(args.out) if args.out else DATA_DIR / "stance_target_model.json"
    X, y, groups = extract(records)
    print(f"{len(y)} targets in {len(records)} sentences from {path}", file=sys.stderr)
    fitted = fit(X, y, groups, log=lambda *a: print(*a, file=sys.stderr))
    out.write_text(weight_file(fitted, sha256, len(y), len(records)), encoding="utf-8")
    print(f"written: {out} ({out.stat().st_size} bytes, {len(fitted['weights'])} weights)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
