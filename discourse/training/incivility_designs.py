"""Designs of the incivility document models, compared by CV and leave-one-source-out transfer.

Run::

    python -m discourse.training.incivility_designs ../shared/train --eval ../shared/eval

Where :mod:`discourse.training.incivility_variants` changes the labels or the features of the
shipped model, a *design* changes how a text's score is formed from the shipped features
(:func:`discourse.incivility.features.document_counts`):

``signed_doc``
    the shipped design: signed word weights (liblinear, as shipped), the whole text's counts;
``signed_max``
    the same fit, each text scored by its highest-scoring sentence;
``positive_doc`` / ``positive_max``
    L2 logistic regression whose word weights may not be negative (scipy's L-BFGS-B; the source
    indicators stay free), scored on the whole text / on the highest sentence;
``signed_doc_no_offensive``
    intolerance only: the shipped design fitted without the tweets labelled *offensive but not
    hateful* (Davidson class 1, HateXplain label 1), which are otherwise its negatives.

Every design is fitted on document counts; only the scoring differs. Sentences are split after
``.``, ``!`` or ``?`` followed by white space, and at line breaks (:data:`SENTENCE_BREAK`).
For each measure and design: 3-fold CV with folds by a hash of the text (as shipped), C from
:data:`C_GRIDS` by the mean CV ROC AUC over the sources the measure is fitted on (ties: the
smaller C); at that C, **leave-one-source-out transfer** (fitted on the other fitted sources,
ROC AUC on the one left out), and a fit on all fitted sources scored on the held-out labelled
sources and, with ``--eval``, on SFU (toxicity >= 2 and >= 3, and the Spearman correlation of
the score with the comment's word count), for the record only. CV and transfer are always judged
on the shipped labels, whatever a design was trained on. The output is deterministic.

Examples
--------
>>> sentences("One. Two!  Three?\\nFour")
['One.', 'Two!', 'Three?', 'Four']
>>> [d for d in DESIGNS if d not in DESIGNS_OF["incivility"]]
['signed_doc_no_offensive']
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from discourse.training import incivility as T

__all__ = ["DESIGNS", "DESIGNS_OF", "C_GRIDS", "SENTENCE_BREAK", "sentences", "fit_positive", "prepare_rows", "run_designs", "markdown", "sfu_lengths", "sfu_word_shares", "main"]

DESIGNS = ("signed_doc", "signed_max", "positive_doc", "positive_max", "signed_doc_no_offensive")
DESIGNS_OF = {
    "incivility": ("signed_doc", "signed_max", "positive_doc", "positive_max"),
    "intolerance": DESIGNS,
}
C_GRIDS = {"incivility": (0.01, 0.03, 0.1, 0.3), "intolerance": (0.03, 0.1, 0.3)}
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
_OFFENSIVE_NOT_HATE = {"davidson", "hatexplain"}


def sentences(text: str) -> list[str]:
    """The text's sentences by :data:`SENTENCE_BREAK` (the whole text when nothing is left)."""
    parts = [p for p in SENTENCE_BREAK.split(text) if p and p.strip()]
    return parts or [text]


def fit_positive(X, y: np.ndarray, w: np.ndarray, C: float, free: int) -> np.ndarray:
    """L2-penalised weighted logistic regression without intercept whose coefficients are
    non-negative except the last ``free`` (the source indicators).

    Minimises ``C * sum(w * log(1 + exp(-s * X b))) + |b|^2 / 2`` with ``s = 2y - 1`` by
    L-BFGS-B from zero, which is deterministic.

    Examples
    --------
    >>> from scipy.sparse import csr_matrix
    >>> X = csr_matrix(np.array([[1.0, 0, 10], [0, 1, 10], [1, 1, 10], [0, 0, 10]]))
    >>> b = fit_positive(X, np.array([1, 0, 1, 0]), np.ones(4), 1.0, 1)
    >>> bool(b[0] > 0), float(b[1]), bool(b[2] < 0)
    (True, 0.0, True)
    """
    from scipy.optimize import minimize

    signs = 2.0 * np.asarray(y, dtype=float) - 1.0
    Xt = X.T.tocsr()

    def objective(b: np.ndarray) -> tuple[float, np.ndarray]:
        margin = -signs * (X @ b)
        value = C * float(w @ np.logaddexp(0.0, margin)) + 0.5 * float(b @ b)
        grad = C * (Xt @ (w * (-signs / (1.0 + np.exp(-margin))))) + b
        return value, grad

    d = X.shape[1]
    bounds = [(0.0, None)] * (d - free) + [(None, None)] * free
    result = minimize(objective, np.zeros(d), jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 3000, "gtol": 1e-6})
    return result.x


def prepare_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add to each row its document counts (``doc``), its sentences' counts (``sents``), its
    word count (``n_words``) and the intolerance label without offensive negatives."""
    from discourse.incivility.features import document_counts, skeleton

    out = []
    for r in rows:
        no_off = r.get("intolerance")
        if r["source"] in _OFFENSIVE_NOT_HATE and r.get("incivility") == 1 and r.get("intolerance") == 0:
            no_off = None  # offensive but not hateful: left out rather than a negative
        out.append({
            **r,
            "intolerance_no_offensive": no_off,
            "n_words": len(r["text"].split()),
            "doc": document_counts(skeleton(r["text"])),
            "sents": [document_counts(skeleton(s)) for s in sentences(r["text"])],
        })
    return out


class _Fitter:
    """Fits of one measure's designs on row subsets, cached (the two readings share a fit)."""

    def __init__(self, rows: list[dict[str, Any]], measure: str) -> None:
        self.rows, self.measure = rows, measure
        self._cache: dict[tuple, tuple[np.ndarray, float, dict[str, int]]] = {}

    def fit(self, train: Sequence[int], C: float, positive: bool, label: str) -> tuple[np.ndarray, float, dict[str, int]]:
        """Word weights (pruned and rounded as shipped), the scoring intercept (the fitted one,
        none for the positive fit, plus the mean of the sources' offsets, as the shipped model
        scores) and the vocabulary."""
        key = (tuple(train), C, positive, label)
        if key not in self._cache:
            p = T.PARAMETERS
            idx = [i for i in train if self.rows[i][label] is not None]
            y = np.array([self.rows[i][label] for i in idx])
            src = np.array([self.rows[i]["source"] for i in idx])
            per = Counter(src.tolist())
            names = sorted(per)
            w = np.array([len(idx) / (len(per) * per[s]) for s in src])
            docs = [self.rows[i]["doc"] for i in idx]
            vocab = T._vocabulary(docs, p["min_df"])
            X = T._with_sources(T._matrix(docs, vocab), src, names)
            if positive:
                raw = fit_positive(X, y, w, C, len(names))
                coef = np.array([T._round(float(v), p["digits"]) if abs(v) >= p["prune"] else 0.0 for v in raw])
                fitted = 0.0
            else:
                coef, b = T._pruned(T._fit(X, y, w, C), p["prune"], p["digits"])
                fitted = float(b[0])
            # the intercept matters for CV: out-of-fold scores of three fits are ranked together
            intercept = fitted + float(np.mean(coef[len(vocab) :] * T.SOURCE_SCALE))
            self._cache[key] = (coef[: len(vocab)], intercept, vocab)
        return self._cache[key]

    def scores(self, weights: np.ndarray, intercept: float, vocab: dict[str, int], test: Sequence[int], reading: str) -> np.ndarray:
        """Logits of the texts `test`: of the whole text (``doc``) or of its highest sentence (``max``)."""
        if reading == "doc":
            return T._matrix([self.rows[i]["doc"] for i in test], vocab) @ weights + intercept
        owner = np.array([k for k, i in enumerate(test) for _ in self.rows[i]["sents"]])
        per_sentence = T._matrix([s for i in test for s in self.rows[i]["sents"]], vocab) @ weights
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        return np.maximum.reduceat(per_sentence, starts) + intercept


def _spec(design: str, measure: str) -> tuple[bool, str, str]:
    positive = design.startswith("positive")
    reading = "max" if "_max" in design else "doc"
    label = f"{measure}_no_offensive" if design.endswith("no_offensive") else measure
    return positive, reading, label


def run_designs(rows: list[dict[str, Any]], measures: Sequence[str] = ("incivility", "intolerance"), designs: Sequence[str] = DESIGNS, sfu: list[dict[str, Any]] | None = None, c_grids: dict[str, Sequence[float]] | None = None, log: Callable[[str], None] = print) -> list[dict[str, Any]]:
    """One result per measure and design (rows as from :func:`prepare_rows`; ``sfu`` prepared
    the same way with its toxicity level, 0-3, as ``incivility``)."""
    from scipy.stats import spearmanr

    from discourse.validation.rhetoric import auc

    grids = c_grids or C_GRIDS
    out = []
    for measure in measures:
        fitted_sources = T.FIT_SOURCES[measure]
        labelled = [i for i, r in enumerate(rows) if r[measure] is not None]
        used = [i for i in labelled if rows[i]["source"] in fitted_sources]
        others = sorted({rows[i]["source"] for i in labelled} - set(fitted_sources))
        by_source = {s: [i for i in labelled if rows[i]["source"] == s] for s in sorted({rows[i]["source"] for i in labelled})}
        folds = np.array([T._fold(rows[i]["text"], T.PARAMETERS["folds"]) for i in used])
        sources = np.array([rows[i]["source"] for i in used])
        y = np.array([rows[i][measure] == 1 for i in used])
        fitter = _Fitter(rows, measure)
        for design in [d for d in designs if d in DESIGNS_OF[measure]]:
            positive, reading, label = _spec(design, measure)
            cv = {}
            for C in grids[measure]:
                oof = np.zeros(len(used))
                for k in range(T.PARAMETERS["folds"]):
                    train = [used[j] for j in np.flatnonzero(folds != k)]
                    test = np.flatnonzero(folds == k)
                    weights, intercept, vocab = fitter.fit(train, C, positive, label)
                    oof[test] = fitter.scores(weights, intercept, vocab, [used[j] for j in test], reading)
                cv[C] = {s: auc(oof[sources == s], y[sources == s]) for s in fitted_sources}
                log(f"{measure} {design} C={C}: " + ", ".join(f"{s} {v:.4f}" for s, v in cv[C].items()))
            best = max(grids[measure], key=lambda C: (float(np.mean(list(cv[C].values()))), -C))
            transfer = {}
            for s in fitted_sources:
                train = [i for t in fitted_sources if t != s for i in by_source[t]]
                weights, intercept, vocab = fitter.fit(train, best, positive, label)
                transfer[s] = auc(fitter.scores(weights, intercept, vocab, by_source[s], reading), np.array([rows[i][measure] == 1 for i in by_source[s]]))
            weights, intercept, vocab = fitter.fit([i for t in fitted_sources for i in by_source[t]], best, positive, label)
            held = {s: auc(fitter.scores(weights, intercept, vocab, by_source[s], reading), np.array([rows[i][measure] == 1 for i in by_source[s]])) for s in others}
            result: dict[str, Any] = {
                "measure": measure, "design": design, "C": best,
                "cv": {s: round(v, 4) for s, v in cv[best].items()},
                "cv_mean": round(float(np.mean(list(cv[best].values()))), 4),
                "transfer": {s: round(v, 4) for s, v in transfer.items()},
                "transfer_mean": round(float(np.mean(list(transfer.values()))), 4),
                "held_out": {s: round(v, 4) for s, v in held.items()},
                "nonzero_weights": int(np.count_nonzero(weights)),
            }
            if sfu:
                scored = _Fitter(sfu, measure).scores(weights, intercept, vocab, range(len(sfu)), reading)
                level = np.array([r["incivility"] for r in sfu])
                result["sfu_toxic2"] = round(auc(scored, level >= 2), 4)
                result["sfu_toxic3"] = round(auc(scored, level >= 3), 4)
                result["sfu_length_spearman"] = round(float(spearmanr(scored, [r["n_words"] for r in sfu])[0]), 3)
            log(json.dumps(result))
            out.append(result)
    return out


def markdown(results: Sequence[dict[str, Any]]) -> str:
    """The results as one Markdown table per measure, the figures as computed (ROC AUCs to 4
    decimals, Spearman to 3: no second rounding), and the number of non-zero word weights of
    the fit on all fitted sources.

    Examples
    --------
    >>> r = {"measure": "m", "design": "d", "C": 0.1, "cv": {"a": 0.6123}, "cv_mean": 0.6123,
    ...      "transfer": {"a": 0.5}, "transfer_mean": 0.5, "held_out": {}, "nonzero_weights": 3}
    >>> print(markdown([r]))
    | m design | C | a CV | CV mean | transfer to a | transfer mean | weights |
    |---|---:|---:|---:|---:|---:|---:|
    | d | 0.1 | 0.6123 | 0.6123 | 0.5000 | 0.5000 | 3 |
    """
    tables = []
    for measure in dict.fromkeys(r["measure"] for r in results):
        group = [r for r in results if r["measure"] == measure]
        first = group[0]
        head = [f"{measure} design", "C", *(f"{s} CV" for s in first["cv"]), "CV mean", *(f"transfer to {s}" for s in first["transfer"]), "transfer mean", *(f"held out {s}" for s in first["held_out"])]
        has_sfu = "sfu_toxic2" in first
        if has_sfu:
            head += ["SFU >= 2", "SFU >= 3", "Spearman with length, SFU"]
        head.append("weights")
        lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
        for r in group:
            cells = [r["design"], f"{r['C']:g}", *(f"{v:.4f}" for v in r["cv"].values()), f"{r['cv_mean']:.4f}", *(f"{v:.4f}" for v in r["transfer"].values()), f"{r['transfer_mean']:.4f}", *(f"{v:.4f}" for v in r["held_out"].values())]
            if has_sfu:
                cells += [f"{r['sfu_toxic2']:.4f}", f"{r['sfu_toxic3']:.4f}", f"{r['sfu_length_spearman']:+.3f}"]
            cells.append(f"{r['nonzero_weights']:,}")
            lines.append("| " + " | ".join(cells) + " |")
        tables.append("\n".join(lines))
    return "\n\n".join(tables)


def _sfu_rows(eval_dir: Path) -> list[dict[str, Any]]:
    from discourse.validation.rhetoric import sfu_comments

    texts, levels = sfu_comments(eval_dir)
    return [{"source": "sfu", "text": t, "incivility": int(v), "intolerance": None} for t, v in zip(texts, levels)]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m discourse.training.incivility_designs TRAIN_DIR [--eval DIR]``."""
    parser = argparse.ArgumentParser(prog="python -m discourse.training.incivility_designs", description=__doc__.split("\n")[0])
    parser.add_argument("train_dir", type=Path, help="the training data folder (../shared/train)")
    parser.add_argument("--eval", type=Path, default=None, help="the evaluation folder (../shared/eval): SFU, scored for the record")
    parser.add_argument("--measures", default="incivility,intolerance", help="comma-separated, default both")
    parser.add_argument("--designs", default=",".join(DESIGNS), help="comma-separated, default all")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown tables")
    args = parser.parse_args(list(argv) if argv is not None else None)
    measures = [m for m in args.measures.split(",") if m]
    designs = [d for d in args.designs.split(",") if d]
    if set(measures) - set(DESIGNS_OF) or set(designs) - set(DESIGNS):
        parser.error(f"measures from {', '.join(DESIGNS_OF)}; designs from {', '.join(DESIGNS)}")
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    rows = prepare_rows(T.load_sources(args.train_dir))
    sfu = prepare_rows(_sfu_rows(args.eval)) if args.eval is not None else None
    results = run_designs(rows, measures, designs, sfu, log=log)
    print(json.dumps(results, indent=1) if args.json else markdown(results))
    if sfu and not args.json:
        print("\n" + sfu_lengths(sfu) + "\n\n" + sfu_word_shares(sfu))
    return 0


_SFU_WORDS = (("a group or identity word", ("l:group", "l:identity")), ("an insult word", ("l:insult",)), ("an aspersion word", ("l:aspersion",)))


def sfu_word_shares(sfu: Sequence[dict[str, Any]]) -> str:
    """The share of the SFU comments with toxicity >= 2, and of the others, that have a word (or
    phrase) of the group or identity, insult and aspersion lexicons (used, not negated or
    reported): what the intolerance model reads in each (rows prepared by :func:`prepare_rows`).

    Examples
    --------
    >>> rows = [{"incivility": 2, "doc": {"l:insult": 1}}, {"incivility": 0, "doc": {"l:group": 1}}]
    >>> print(sfu_word_shares(rows))
    SFU comments with a group or identity word: toxic >= 2 0.0%, the others 100.0%
    SFU comments with an insult word: toxic >= 2 100.0%, the others 0.0%
    SFU comments with an aspersion word: toxic >= 2 0.0%, the others 0.0%
    """
    toxic = [r["doc"] for r in sfu if r["incivility"] >= 2]
    other = [r["doc"] for r in sfu if r["incivility"] < 2]
    lines = []
    for label, names in _SFU_WORDS:
        shares = [100 * sum(any(d.get(n, 0) > 0 for n in names) for d in docs) / len(docs) for docs in (toxic, other)]
        lines.append(f"SFU comments with {label}: toxic >= 2 {shares[0]:.1f}%, the others {shares[1]:.1f}%")
    return "\n".join(lines)


def sfu_lengths(sfu: Sequence[dict[str, Any]]) -> str:
    """The median word count of the SFU comments with toxicity >= 2 and of the others (a
    length-dependent score should not separate them).

    Examples
    --------
    >>> sfu_lengths([{"incivility": 2, "n_words": 3}, {"incivility": 0, "n_words": 4}, {"incivility": 1, "n_words": 6}])
    'SFU median words: toxic >= 2 3 (1 comments), the others 5 (2)'
    """
    toxic = [r["n_words"] for r in sfu if r["incivility"] >= 2]
    other = [r["n_words"] for r in sfu if r["incivility"] < 2]
    return f"SFU median words: toxic >= 2 {np.median(toxic):g} ({len(toxic)} comments), the others {np.median(other):g} ({len(other)})"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
