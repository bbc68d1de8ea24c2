"""Fit the incivility, intolerance, span and span-kind models from ``../shared/train/``.

Run::

    python -m discourse.training.incivility ../shared/train --out discourse/lexicons/data/

It writes ``incivility_weights.json`` (weights, the label mapping, the SHA-256 of every training
file, the parameters and the cross-validated scores). Fitting twice on the same data writes the
same bytes (deterministic folds, solvers and rounding).

**Label mapping** (incivility = rudeness: insults, name-calling, profanity, vulgarity, aspersion,
shouting; intolerance = attacks on groups and their rights: stereotyping, dehumanisation,
exclusion, threats, identity attacks; Papacharissi 2004, Coe, Kenski & Rains 2014, Rossini 2022):

========================  =========================================  ====================================
source                    incivility = 1 / 0                         intolerance = 1 / 0
========================  =========================================  ====================================
Civil Comments (typed     more than half of the voting raters        more than half marked an Identity
spans, ACL 2022)          marked an Insult or Profane/Obscene span   based Attack or Threat span / fewer
                          / fewer than half (ties left out; see      than half
                          the function _civil_comment_labels)
Reddit incivility         label 1 / 0                                (not labelled: not used)
Davidson et al. 2017      hate speech or offensive / neither         hate speech / offensive or neither
                          (held-out test only, see FIT_SOURCES)
HateXplain                offensive or hate / normal                 hate / offensive or normal
                          (held-out test only)
========================  =========================================  ====================================

Civil Comments were all pre-selected as toxic, so their negatives are borderline; the clean
negatives come from the other sources. The comments of ``tsd_trial.csv`` (the span evaluation
set) are removed from every training set. Each source weighs the same in the fit (row weights
``1 / rows of its source``), so 25,000 tweets do not drown 4,000 Reddit comments, and has its
own intercept (an indicator feature, not used for scoring), so that the word weights learn what
separates uncivil from civil texts within each source rather than which source a text
resembles: 92% of the usable Civil Comments are uncivil, and without source intercepts a first
fit learned the news-comment style itself as incivility (SFU ROC AUC 0.58).

**Models.** Logistic regression over the features' counts of distinct words of
:mod:`discourse.incivility.features` (vocabulary: features seen in at least ``min_df`` texts);
C chosen from a grid by 3-fold cross-validation (folds by a hash of the text), maximising the
mean over sources of the held-out ROC AUC; weights below ``prune`` in absolute value dropped
(in the cross-validation too, so the reported scores are those of the shipped weights). The
span model is a token-level logistic regression on ``tsd_train.csv`` (a word is toxic when most
of its characters are in the gold spans; features: the word's own features and its neighbours'
words); C and the probability threshold are chosen by 3-fold cross-validation on
``tsd_train.csv`` maximising the SemEval-2021 Task 5 character F1. The kind model is a
multinomial logistic regression on the words inside majority spans of the typed Civil Comments
annotations (class: the raters' majority type).
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypedDict

import numpy as np

from discourse.incivility.features import document_counts, extract, skeleton, token_feature_lists
from discourse.validation.incivility import _parse_offsets, char_f1

__all__ = ["main", "fit_all", "load_sources", "write_weights", "WEIGHTS_FILE"]

WEIGHTS_FILE = "incivility_weights.json"
KIND_CLASSES = ("insult", "profanity", "identity attack", "threat", "other")
_TYPE_TO_KIND = {
    "Insult": "insult",
    "Insu": "insult",
    "Profane/Obscene": "profanity",
    "Identity based Attack": "identity attack",
    "Identity based": "identity attack",
    "Threat": "threat",
    "Other Toxicity": "other",
}
SOURCES = {
    "civil_comments": {
        "files": ["toxic_spans/civil_comments_spans/comments.csv",
                  "toxic_spans/civil_comments_spans/annotations.csv",
                  "toxic_spans/civil_comments_spans/spans.csv"],
        "licence": "CC0 1.0",
        "citation": "Pavlopoulos, J., Laugier, L., Xenos, A., Sorensen, J. & Androutsopoulos, I. (2022). "
        "From the Detection of Toxic Spans in Online Discussions to the Analysis of Toxic-to-Civil "
        "Transfer. ACL. (Civil Comments: Borkan et al. 2019)",
        "upstream": "ipavlopoulos/toxic_spans : data/*.csv @ beaf170",
    },
    "reddit_incivility": {
        "files": ["reddit_incivility/train.csv"],
        "licence": "BSD-3-Clause",
        "citation": "Davidson, S., Sun, Q. & Wojcieszak, M. (2020). Developing a New Classifier for "
        "Automated Identification of Incivility in Social Media. Workshop on Online Abuse and Harms.",
        "upstream": "ercexpo/reddit_incivility : incivility_coded_0302.train.csv @ 650e4ce",
    },
    "davidson": {
        "files": ["davidson_hate_offensive/labeled_data.csv"],
        "licence": "MIT",
        "citation": "Davidson, T., Warmsley, D., Macy, M. & Weber, I. (2017). Automated Hate Speech "
        "Detection and the Problem of Offensive Language. ICWSM.",
        "upstream": "t-davidson/hate-speech-and-offensive-language : data/labeled_data.csv @ cb50f7e",
    },
    "hatexplain": {
        "files": ["hatexplain/preprocessed.csv"],
        "licence": "Apache-2.0 (MAGPIE preprocessing); upstream HateXplain MIT",
        "citation": "Mathew, B. et al. (2021). HateXplain: A Benchmark Dataset for Explainable Hate "
        "Speech Detection. AAAI.",
        "upstream": "Media-Bias-Group/magpie-multi-task : datasets/92_HateXplain/preprocessed.csv @ d9d2164",
    },
    "toxic_spans": {
        "files": ["toxic_spans/tsd_train.csv", "toxic_spans/tsd_trial.csv"],
        "licence": "CC0 1.0",
        "citation": "Pavlopoulos, J., Sorensen, J., Laugier, L. & Androutsopoulos, I. (2021). SemEval-2021 "
        "Task 5: Toxic Spans Detection. SemEval.",
        "upstream": "ipavlopoulos/toxic_spans : SemEval2021/data/ @ beaf170",
    },
}
class _Parameters(TypedDict):
    """The fitting settings (:data:`PARAMETERS`), recorded in the weight file."""

    folds: int
    min_df: dict[str, int]
    C_grid: list[float]
    span_C_grid: list[float]
    span_thresholds: list[float]
    kind_C_grid: list[float]
    prune: float
    fit_sources: dict[str, list[str]]
    source_offsets: str
    digits: int
    features: str
    solver: str


PARAMETERS: _Parameters = {
    "folds": 3,
    "min_df": {"w": 2, "b": 3, "c": 5, "l": 1, "x": 1, "p": 3, "n": 3},
    "C_grid": [0.003, 0.01, 0.03, 0.1, 0.3],
    "span_C_grid": [0.03, 0.1, 0.3],
    "span_thresholds": [round(0.05 * i, 2) for i in range(1, 15)],
    "kind_C_grid": [1.0, 3.0],
    "prune": 0.002,
    "fit_sources": {"incivility": ["civil_comments", "reddit_incivility"], "intolerance": ["civil_comments", "davidson", "hatexplain"]},
    "source_offsets": "one indicator per source (value 10) in the document models; scoring uses the fitted intercept plus the mean offset",
    "digits": 6,
    "features": "document models: number of distinct words carrying each feature (context features: presence); span and kind models: presence per word",
    "solver": "liblinear (L2, dual, random_state 0, tol 1e-4)",
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fold(text: str, k: int) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest()[:8], 16) % k


def _round(x: float, digits: int) -> float:
    return float(f"{x:.{digits}g}")


# -- data ------------------------------------------------------------------------------------


def _read_csv(path: Path, **kw: Any):
    import pandas as pd

    return pd.read_csv(path, keep_default_na=False, **kw)


def trial_texts(train_dir: Path) -> set[str]:
    """The comments of the span evaluation set, removed from all training."""
    return set(_read_csv(train_dir / "toxic_spans/tsd_trial.csv")["text"])


def load_sources(train_dir: str | Path) -> list[dict[str, Any]]:
    """One dict per labelled text: ``source``, ``text``, ``incivility`` and ``intolerance``
    (1, 0 or None when the source does not say), following the label mapping above."""
    base = Path(train_dir)
    excluded = trial_texts(base)
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(source: str, text: str, inc: int | None, intol: int | None) -> None:
        text = str(text)
        if not text.strip() or text in excluded or (source, text) in seen:
            return
        seen.add((source, text))
        rows.append({"source": source, "text": text, "incivility": inc, "intolerance": intol})

    for comment_id, text, inc, intol in _civil_comment_labels(base):
        add("civil_comments", text, inc, intol)
    reddit = _read_csv(base / "reddit_incivility/train.csv", header=None)
    for text, label in zip(reddit[0], reddit[1]):
        add("reddit_incivility", text, int(label), None)
    davidson = _read_csv(base / "davidson_hate_offensive/labeled_data.csv")
    for text, cls in zip(davidson["tweet"], davidson["class"]):
        cls = int(cls)
        add("davidson", html.unescape(str(text)), int(cls in (0, 1)), int(cls == 0))
    hatex = _read_csv(base / "hatexplain/preprocessed.csv")
    for text, label in zip(hatex["text"], hatex["label"]):
        label = int(label)
        add("hatexplain", text, int(label in (1, 2)), int(label == 2))
    return rows


def _civil_comment_labels(base: Path):
    """Per comment: the majority vote of its raters. A rater votes uncivil when they marked an
    Insult or Profane/Obscene span, intolerant when they marked an Identity based Attack or
    Threat span, and civil / tolerant when they ticked "not toxic" or marked only spans of other
    types; a rater who ticked "all toxic" without typing a span gives no vote. Label 1 when more
    than half of the voters say so, 0 when fewer than half do, left out on a tie."""
    folder = base / "toxic_spans/civil_comments_spans"
    comments = _read_csv(folder / "comments.csv")
    annotations = _read_csv(folder / "annotations.csv")
    spans = _read_csv(folder / "spans.csv")
    types: dict[int, set[str]] = {}
    for ann, typ in zip(spans["annotation"], spans["type"]):
        kind = _TYPE_TO_KIND.get(str(typ))
        if kind:
            types.setdefault(int(ann), set()).add(kind)
    votes: dict[int, list[set[str]]] = {}
    for ann, cid, not_toxic in zip(annotations["annotation"], annotations["comment_id"], annotations["not toxic"]):
        if int(ann) in types:
            votes.setdefault(int(cid), []).append(types[int(ann)])
        elif str(not_toxic) == "True":
            votes.setdefault(int(cid), []).append(set())
    for cid, text in zip(comments["comment_id"], comments["comment_text"]):
        found = votes.get(int(cid))
        if not found:
            continue
        labels = []
        for wanted in ({"insult", "profanity"}, {"identity attack", "threat"}):
            share = sum(1 for v in found if v & wanted) / len(found)
            labels.append(1 if share > 0.5 else 0 if share < 0.5 else None)
        yield int(cid), text, labels[0], labels[1]


# -- vectorising -------------------------------------------------------------------------------


def _vocabulary(feature_sets: Sequence[set[str]] | Sequence[dict[str, int]], min_df: dict[str, int]) -> dict[str, int]:
    df: Counter = Counter()
    for features in feature_sets:
        df.update(set(features))
    kept = sorted(f for f, n in df.items() if n >= min_df.get(f[0], 1))
    return {f: i for i, f in enumerate(kept)}


def _matrix(counts: Sequence[dict[str, int]], vocab: dict[str, int]):
    from scipy.sparse import csr_matrix

    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for row in counts:
        pairs = sorted((vocab[f], v) for f, v in row.items() if f in vocab)
        indices += [i for i, _ in pairs]
        data += [float(v) for _, v in pairs]
        indptr.append(len(indices))
    return csr_matrix((np.array(data), np.array(indices, dtype=np.int64), np.array(indptr)), shape=(len(counts), len(vocab)))


SOURCE_SCALE = 10.0

FIT_SOURCES = {
    "incivility": ("civil_comments", "reddit_incivility"),
    "intolerance": ("civil_comments", "davidson", "hatexplain"),
}
"""The sources each document model is fitted on. The README of the training data warns that
the tweets (Davidson, HateXplain) are useful for intolerance but weaker for incivility in news
comment sections; a fit of incivility on all four sources was dominated by Twitter slang and
ranked news comments poorly (SFU ROC AUC 0.54). They are kept as held-out tests of incivility."""


def _with_sources(X, sources: np.ndarray, names: list[str]):
    """Append one indicator column per source (value SOURCE_SCALE, so that the L2 penalty
    hardly binds): each source gets its own base rate, and the word weights learn what
    separates uncivil from civil texts within a source, not which source a text looks like
    (Civil Comments were pre-selected as toxic: without this, news-comment style itself would
    read as uncivil). The offsets are not used for scoring."""
    from scipy.sparse import csr_matrix, hstack

    rows = np.arange(len(sources))
    cols = np.array([names.index(s) for s in sources])
    indicator = csr_matrix((np.full(len(sources), SOURCE_SCALE), (rows, cols)), shape=(len(sources), len(names)))
    return hstack([X, indicator], format="csr")


def _fit(X, y, w, C: float, multi: bool = False):
    from sklearn.linear_model import LogisticRegression

    if multi:
        model = LogisticRegression(C=C, solver="lbfgs", max_iter=300, tol=1e-4)
    else:
        model = LogisticRegression(C=C, solver="liblinear", dual=True, random_state=0, tol=1e-4, max_iter=2000)
    model.fit(X, y, sample_weight=w)
    return model


def _pruned(model, prune: float, digits: int) -> tuple[np.ndarray, np.ndarray]:
    coef = np.array([_round(v, digits) if abs(v) >= prune else 0.0 for v in model.coef_.ravel()])
    return coef, np.array([_round(float(v), digits) for v in np.ravel(model.intercept_)])


def _auc(scores: np.ndarray, labels: np.ndarray) -> float:
    from discourse.validation.rhetoric import auc

    return auc(scores, labels.astype(bool))


# -- document models ---------------------------------------------------------------------------


def fit_document_model(rows: list[dict[str, Any]], counts: list[dict[str, int]], measure: str, log=print) -> dict[str, Any]:
    """Cross-validate C, fit on everything, return weights and CV scores for one measure."""
    p = PARAMETERS
    used = FIT_SOURCES[measure]
    idx = [i for i, r in enumerate(rows) if r[measure] is not None and r["source"] in used]
    held = [i for i, r in enumerate(rows) if r[measure] is not None and r["source"] not in used]
    y = np.array([rows[i][measure] for i in idx])
    sources = np.array([rows[i]["source"] for i in idx])
    folds = np.array([_fold(rows[i]["text"], p["folds"]) for i in idx])
    per_source = Counter(sources.tolist())
    w = np.array([len(idx) / (len(per_source) * per_source[s]) for s in sources])
    vocab = _vocabulary([counts[i] for i in idx], p["min_df"])
    X = _with_sources(_matrix([counts[i] for i in idx], vocab), sources, sorted(per_source))
    log(f"{measure}: {len(idx)} texts, {len(vocab)} features, positives {int(y.sum())}")
    cv: dict[float, dict[str, float]] = {}
    for C in p["C_grid"]:
        scores = np.zeros(len(idx))
        for k in range(p["folds"]):
            train, test = folds != k, folds == k
            model = _fit(X[train], y[train], w[train], C)
            coef, b = _pruned(model, p["prune"], p["digits"])
            scores[test] = X[test][:, : len(vocab)] @ coef[: len(vocab)] + b[0]
        cv[C] = {s: _auc(scores[sources == s], y[sources == s]) for s in sorted(per_source)}
        log(f"  C={C}: " + ", ".join(f"{s} {v:.4f}" for s, v in cv[C].items()))
    best = max(p["C_grid"], key=lambda C: (round(float(np.mean(list(cv[C].values()))), 6), -C))
    model = _fit(X, y, w, best)
    coef, b = _pruned(model, p["prune"], p["digits"])
    offsets = {s: _round(float(model.coef_.ravel()[len(vocab) + k]) * SOURCE_SCALE, p["digits"])
               for k, s in enumerate(sorted(per_source))}
    names = sorted(vocab, key=vocab.get)  # type: ignore[arg-type]  # every key is in vocab: get never gives None
    weights = {names[i]: float(coef[i]) for i in np.flatnonzero(coef[: len(vocab)])}
    # the labelled sources not used for this measure: ROC AUC of the final model (held out)
    external = {}
    if held:
        Xh = _matrix([counts[i] for i in held], vocab)
        yh = np.array([rows[i][measure] for i in held])
        sh = np.array([rows[i]["source"] for i in held])
        scores = Xh @ coef[: len(vocab)]
        external = {s: round(_auc(scores[sh == s], yh[sh == s]), 4) for s in sorted(set(sh.tolist()))}
        log(f"  held-out sources: {external}")
    return {
        "held_out_roc_auc": external,
        # the scoring intercept: the fitted one plus the mean of the sources' offsets
        "intercept": _round(float(b[0]) + float(np.mean(list(offsets.values()))), p["digits"]),
        "source_offsets": offsets,
        "C": best,
        "weights": dict(sorted(weights.items())),
        "cv_roc_auc": {s: round(v, 4) for s, v in cv[best].items()},
        "cv_roc_auc_by_C": {str(C): {s: round(v, 4) for s, v in r.items()} for C, r in cv.items()},
        "rows": {s: int(n) for s, n in sorted(per_source.items())},
        "positives": {s: int(y[sources == s].sum()) for s in sorted(per_source)},
        "features_in_vocabulary": len(vocab),
    }


# -- spans -----------------------------------------------------------------------------------


def span_characters(text: str, tokens, flags: Sequence[bool] | np.ndarray) -> set[int]:
    """Characters of the flagged words, with the whitespace between consecutive flagged words."""
    out: set[int] = set()
    prev_end = None
    for tok, flag in zip(tokens, flags):
        if flag:
            if prev_end is not None and text[prev_end : tok.start].isspace():
                out.update(range(prev_end, tok.start))
            out.update(range(tok.start, tok.end))
            prev_end = tok.end
        else:
            prev_end = None
    return out


def _token_rows(texts: Sequence[str]):
    extracted = [extract(t) for t in texts]
    lists = [token_feature_lists(ex) for ex in extracted]
    return extracted, lists


def fit_span_model(train_dir: Path, log=print) -> dict[str, Any]:
    p = PARAMETERS
    frame = _read_csv(train_dir / "toxic_spans/tsd_train.csv")
    excluded = trial_texts(train_dir)
    texts, golds = [], []
    for spans, text in zip(frame["spans"], frame["text"]):
        if text in excluded:
            continue
        texts.append(str(text))
        golds.append(_parse_offsets(spans))
    extracted, lists = _token_rows(texts)
    post_of, labels, rows = [], [], []
    for k, (ex, per_token, gold) in enumerate(zip(extracted, lists, golds)):
        for tok, feats in zip(ex.tokens, per_token):
            inside = sum(1 for c in range(tok.start, tok.end) if c in gold)
            labels.append(int(inside * 2 >= tok.end - tok.start))
            rows.append(Counter(feats))
            post_of.append(k)
    y = np.array(labels)
    post_of_arr = np.array(post_of)
    folds_post = np.array([_fold(t, p["folds"]) for t in texts])
    folds = folds_post[post_of_arr]
    vocab = _vocabulary(rows, p["min_df"])
    X = _matrix(rows, vocab)
    X.data = np.minimum(X.data, 1.0)  # presence, not counts, for a single word
    w = np.ones(len(y))
    log(f"span: {len(texts)} posts, {len(y)} words ({int(y.sum())} toxic), {len(vocab)} features")
    results: dict[tuple[float, float], float] = {}
    for C in p["span_C_grid"]:
        prob = np.zeros(len(y))
        for k in range(p["folds"]):
            train, test = folds != k, folds == k
            model = _fit(X[train], y[train], w[train], C)
            coef, b = _pruned(model, p["prune"], p["digits"])
            prob[test] = 1 / (1 + np.exp(-(X[test] @ coef + b[0])))
        starts = np.searchsorted(post_of_arr, np.arange(len(texts)))
        ends = np.append(starts[1:], len(y))
        for threshold in p["span_thresholds"]:
            f1 = [
                char_f1(span_characters(texts[i], extracted[i].tokens, prob[starts[i] : ends[i]] > threshold), golds[i])
                for i in range(len(texts))
            ]
            results[(C, threshold)] = float(np.mean(f1))
        best_t = max(p["span_thresholds"], key=lambda t: results[(C, t)])
        log(f"  C={C}: best threshold {best_t}: char F1 {results[(C, best_t)]:.4f}")
    C, threshold = max(results, key=lambda key: (round(results[key], 6), -key[0], -key[1]))
    model = _fit(X, y, w, C)
    coef, b = _pruned(model, p["prune"], p["digits"])
    names = sorted(vocab, key=vocab.get)  # type: ignore[arg-type]  # every key is in vocab: get never gives None
    return {
        "intercept": float(b[0]),
        "C": C,
        "threshold": threshold,
        "weights": dict(sorted((names[i], float(coef[i])) for i in np.flatnonzero(coef))),
        "cv_char_f1": round(results[(C, threshold)], 4),
        "posts": len(texts),
        "words": int(len(y)),
    }


def fit_kind_model(train_dir: Path, log=print) -> dict[str, Any]:
    p = PARAMETERS
    folder = train_dir / "toxic_spans/civil_comments_spans"
    comments = _read_csv(folder / "comments.csv")
    annotations = _read_csv(folder / "annotations.csv")
    spans = _read_csv(folder / "spans.csv")
    excluded = trial_texts(train_dir)
    by_ann: dict[int, list[tuple[str, int, int]]] = {}
    for ann, typ, start, end in zip(spans["annotation"], spans["type"], spans["start"], spans["end"]):
        kind = _TYPE_TO_KIND.get(str(typ))
        if kind:
            by_ann.setdefault(int(ann), []).append((kind, int(start), int(end)))
    by_comment: dict[int, list[int]] = {}
    for ann, cid in zip(annotations["annotation"], annotations["comment_id"]):
        by_comment.setdefault(int(cid), []).append(int(ann))
    rows, labels, folds = [], [], []
    for cid, text in zip(comments["comment_id"], comments["comment_text"]):
        text = str(text)
        if text in excluded or int(cid) not in by_comment:
            continue
        anns = [by_ann.get(a, []) for a in by_comment[int(cid)]]
        ex = extract(text)
        per_token = token_feature_lists(ex)
        for tok, feats in zip(ex.tokens, per_token):
            votes: Counter[str] = Counter()
            for spans_of_rater in anns:
                kinds = {k for k, s, e in spans_of_rater if s < tok.end and tok.start < e}
                votes.update(kinds)
            if not votes or max(votes.values()) < 2:
                continue
            label = min(votes, key=lambda k: (-votes[k], KIND_CLASSES.index(k)))
            rows.append(Counter(feats))
            labels.append(KIND_CLASSES.index(label))
            folds.append(_fold(text, 3))
    y = np.array(labels)
    folds_arr = np.array(folds)
    vocab = _vocabulary(rows, {k: max(v, 3) for k, v in p["min_df"].items()})
    X = _matrix(rows, vocab)
    X.data = np.minimum(X.data, 1.0)
    w = np.ones(len(y))
    log(f"kind: {len(y)} words in majority spans, {len(vocab)} features, classes {np.bincount(y).tolist()}")
    scores = {}
    for C in p["kind_C_grid"]:
        pred = np.zeros(len(y), dtype=int)
        for k in range(3):
            train, test = folds_arr != k, folds_arr == k
            model = _fit(X[train], y[train], w[train], C, multi=True)
            pred[test] = model.predict(X[test])
        f1 = []
        for c in range(len(KIND_CLASSES)):
            tp = int(((pred == c) & (y == c)).sum())
            fp = int(((pred == c) & (y != c)).sum())
            fn = int(((pred != c) & (y == c)).sum())
            f1.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
        scores[C] = (float(np.mean(f1)), f1)
        log(f"  C={C}: macro F1 {scores[C][0]:.4f} per class {[round(v, 3) for v in f1]}")
    C = max(p["kind_C_grid"], key=lambda c: (round(scores[c][0], 6), -c))
    model = _fit(X, y, w, C, multi=True)
    names = sorted(vocab, key=vocab.get)  # type: ignore[arg-type]  # every key is in vocab: get never gives None
    coef = model.coef_
    weights = {}
    for j in range(coef.shape[1]):
        column = [_round(float(v), 4) if abs(v) >= 0.01 else 0.0 for v in coef[:, j]]
        if any(column):
            weights[names[j]] = column
    return {
        "classes": list(KIND_CLASSES),
        "intercepts": [_round(float(v), p["digits"]) for v in model.intercept_],
        "C": C,
        "weights": dict(sorted(weights.items())),
        "cv_macro_f1": round(scores[C][0], 4),
        "cv_f1_by_class": {k: round(v, 4) for k, v in zip(KIND_CLASSES, scores[C][1])},
        "words": int(len(y)),
    }


# -- all together ------------------------------------------------------------------------------


def fit_all(train_dir: str | Path, log=print) -> dict[str, Any]:
    """Fit every model; return the weight file's content."""
    base = Path(train_dir)
    rows = load_sources(base)
    counts = [document_counts(skeleton(r["text"])) for r in rows]
    models = {
        "incivility": fit_document_model(rows, counts, "incivility", log),
        "intolerance": fit_document_model(rows, counts, "intolerance", log),
        "span": fit_span_model(base, log),
        "kind": fit_kind_model(base, log),
    }
    sources = []
    for name, meta in SOURCES.items():
        sources.append(
            {
                "name": name,
                "files": {f: _sha256(base / f) for f in meta["files"]},
                "licence": meta["licence"],
                "citation": meta["citation"],
                "upstream": meta["upstream"],
            }
        )
    return {
        "name": "incivility_weights",
        "version": "1",
        "description": "Weights of discourse.incivility: logistic regressions over the feature "
        "features of discourse.incivility.features.document_counts (distinct words per feature). "
        "incivility/intolerance: P = sigmoid(intercept + sum of weight * count); span: a word is evidence when sigmoid(intercept + sum(weight)) over "
        "its features exceeds the threshold; kind: multinomial over the span kinds.",
        "licence": "MIT (the weights); the training data's licences are listed per source",
        "label_mapping": {
            "incivility": "rudeness (insults, name-calling, profanity, vulgarity, aspersion, shouting): "
            "civil_comments > half of the voting raters marked Insult or Profane/Obscene (< half: 0); "
            "reddit_incivility label; fitted on these two; davidson hate or offensive and hatexplain "
            "offensive or hate are held-out tests only (tweets: weaker for news-comment incivility)",
            "intolerance": "attacks on groups and their rights (stereotyping, dehumanisation, exclusion, "
            "threats, identity attacks): civil_comments > half of the voting raters marked Identity based "
            "Attack or Threat (< half: 0); davidson hate; hatexplain hate; reddit_incivility not labelled",
            "excluded": "the comments of tsd_trial.csv (span evaluation) are removed from all training",
        },
        "sources": sources,
        "parameters": PARAMETERS,
        "command": "python -m discourse.training.incivility ../shared/train --out discourse/lexicons/data/",
        "models": models,
    }


def write_weights(content: dict[str, Any], out_dir: str | Path) -> Path:
    """Write the weight file (sorted keys, one weight per line, trailing newline)."""
    path = Path(out_dir) / WEIGHTS_FILE
    text = json.dumps(content, indent=1, sort_keys=True, ensure_ascii=True)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m discourse.training.incivility TRAIN_DIR --out DIR``."""
    parser = argparse.ArgumentParser(prog="python -m discourse.training.incivility", description=__doc__.split("\n")[0])
    parser.add_argument("train_dir", type=Path, help="the training data folder (../shared/train)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "lexicons" / "data")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not (args.train_dir / "toxic_spans").is_dir():
        from discourse.errors import InputError

        raise InputError(f"{args.train_dir}: no toxic_spans/ folder; pass ../shared/train", source=str(args.train_dir))
    content = fit_all(args.train_dir, log=lambda m: print(m, file=sys.stderr, flush=True))
    path = write_weights(content, args.out)
    print(f"wrote {path} ({path.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
