"""Variants of the incivility model, compared by cross-validation on the training sets.

Run::

    python -m discourse.training.incivility_variants ../shared/train --eval ../shared/eval

Each variant changes one thing of :mod:`discourse.training.incivility`'s incivility model (the
labels of Civil Comments, extra lexicon features, a combined score) and is fitted with the same
procedure: 3-fold cross-validation with folds by a hash of the text, C from ``C_GRID``, pruning
and rounding as shipped. The **criterion** is the shipped one: the mean over Civil Comments
(labels of the shipped mapping, ties left out) and Reddit of the CV ROC AUC, so that every
variant is judged against the same labels whatever it was trained on. A variant is worth a refit
only when its gain exceeds the paired bootstrap standard error of the gain (out-of-fold scores
resampled ``N_BOOT`` times). The SFU comments (``--eval``) are scored after the choice, for the
record only; nothing here reads them to choose.

Variants:

``shipped``
    the shipped model;
``graded_any`` / ``graded_insult``
    Civil Comments as soft labels: the share of its raters who did not tick *not toxic* / who
    marked an insult or profanity span (each comment is fitted twice, as uncivil with weight p
    and as civil with weight 1 - p);
``toxic_any``
    Civil Comments labelled 1 when most raters did not tick *not toxic* (ties left out);
``mockery``
    the mockery lexicon and the irony markers as lexicon features (``l:mockery``);
``you_dismiss``
    a target cue for dismissal of the interlocutor: ``x:you_dismiss`` when a second-person word
    is followed within four words of its sentence by an aspersion word or phrase (*your
    ridiculous argument*, *you should grow up*), outside negation and report;
``vader``
    a combined score: a logistic regression (fitted in the same folds) over the out-of-fold
    incivility logit and VADER's negativity.

Examples
--------
>>> sorted(VARIANTS)
['graded_any', 'graded_insult', 'mockery', 'shipped', 'toxic_any', 'vader', 'you_dismiss']
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from discourse.training import incivility as T

__all__ = ["VARIANTS", "civil_comment_shares", "you_dismiss", "run_variants", "main"]

VARIANTS = ("shipped", "graded_any", "graded_insult", "toxic_any", "mockery", "you_dismiss", "vader")
C_GRID = (0.01, 0.03, 0.1)
N_BOOT = 200
_CRITERION_SOURCES = ("civil_comments", "reddit_incivility")


def civil_comment_shares(train_dir: Path) -> dict[str, tuple[float, float]]:
    """Per Civil Comments text: the share of its raters who did not tick *not toxic*, and the
    share who marked an insult or profanity span.

    Examples
    --------
    >>> civil_comment_shares(Path("no/such/folder"))  # doctest: +SKIP
    """
    folder = train_dir / "toxic_spans/civil_comments_spans"
    comments = T._read_csv(folder / "comments.csv")
    annotations = T._read_csv(folder / "annotations.csv")
    spans = T._read_csv(folder / "spans.csv")
    types: dict[int, set[str]] = {}
    for ann, typ in zip(spans["annotation"], spans["type"]):
        kind = T._TYPE_TO_KIND.get(str(typ))
        if kind:
            types.setdefault(int(ann), set()).add(kind)
    raters: Counter = Counter()
    toxic: Counter = Counter()
    insult: Counter = Counter()
    for ann, cid, not_toxic in zip(annotations["annotation"], annotations["comment_id"], annotations["not toxic"]):
        cid = int(cid)
        raters[cid] += 1
        toxic[cid] += str(not_toxic) != "True"
        insult[cid] += bool(types.get(int(ann), set()) & {"insult", "profanity"})
    return {
        str(text): (toxic[int(cid)] / raters[int(cid)], insult[int(cid)] / raters[int(cid)])
        for cid, text in zip(comments["comment_id"], comments["comment_text"])
        if raters[int(cid)]
    }


def _sfu(eval_dir: Path | None) -> tuple[list[str], np.ndarray] | None:
    if eval_dir is None:
        return None
    from discourse.validation.rhetoric import sfu_comments

    return sfu_comments(eval_dir)


def _counts(texts: Sequence[str]) -> list[dict[str, int]]:
    from discourse.incivility.features import document_counts, skeleton

    return [document_counts(skeleton(t)) for t in texts]


def you_dismiss(text: str) -> bool:
    """Is a second-person word followed within four words of its sentence by an aspersion word
    or phrase, both outside negation and report (the ``you_dismiss`` variant's cue)?

    Examples
    --------
    >>> you_dismiss("Your argument is ridiculous."), you_dismiss("You should grow up"), you_dismiss("That is ridiculous.")
    (True, True, False)
    """
    from discourse.incivility import features as F
    from discourse.incivility.tokens import split_words

    ws = split_words(text)
    norms = ws.norms
    clause, sentence = F._gaps(ws.gaps)
    scopes = F._scopes(norms, ws.gaps, clause)
    cats = [() if scope else F.lexicon_categories(norm) for norm, scope in zip(norms, scopes)]
    F.phrase_features(norms, scopes, clause, cats)
    for i, found in enumerate(cats):
        if "second_person" not in found:
            continue
        for k in range(i + 1, min(len(norms), i + 1 + F.ATTACK_WINDOW)):
            if sentence[k]:
                break
            if "aspersion" in cats[k] and not scopes[k]:
                return True
    return False


def _with_mockery_features() -> None:
    """Read the mockery lexicon and the irony markers as ``l:mockery`` (for this process)."""
    from discourse.incivility import features as F

    F.LEXICON_FILES["rhetoric_mockery"] = "mockery"
    F.LEXICON_FILES["irony_markers"] = "mockery"
    for cached in (F._lexicons, F._prefix_tuple, F.lexicon_categories, F.own_features, F._char_ngrams):
        cached.cache_clear()


def _fit_variant(name, rows, counts, shares, sfu_counts, log) -> dict[str, Any]:
    """Cross-validate and fit one label variant; out-of-fold scores and the final weights."""
    from discourse.validation.rhetoric import auc

    p = T.PARAMETERS
    used = T.FIT_SOURCES["incivility"]
    idx, target = [], []
    for i, row in enumerate(rows):
        if row["source"] not in used:
            continue
        share = shares.get(row["text"]) if row["source"] == "civil_comments" else None
        if row["source"] == "civil_comments" and name in ("graded_any", "graded_insult", "toxic_any"):
            if share is None or (name == "toxic_any" and share[0] == 0.5):
                continue
            value = {"graded_any": share[0], "graded_insult": share[1], "toxic_any": float(share[0] > 0.5)}[name]
        elif row["incivility"] is None:
            continue
        else:
            value = float(row["incivility"])
        idx.append(i)
        target.append(value)
    y = np.array(target)
    # the criterion's labels: the shipped mapping (-1: none)
    judged = np.array([-1.0 if rows[i]["incivility"] is None else float(rows[i]["incivility"]) for i in idx])
    sources = np.array([rows[i]["source"] for i in idx])
    folds = np.array([T._fold(rows[i]["text"], p["folds"]) for i in idx])
    per_source = Counter(sources.tolist())
    w = np.array([len(idx) / (len(per_source) * per_source[s]) for s in sources])
    vocab = T._vocabulary([counts[i] for i in idx], p["min_df"])
    X = T._with_sources(T._matrix([counts[i] for i in idx], vocab), sources, sorted(per_source))
    soft = name.startswith("graded")

    def fit(Xa, ya, wa, C):
        if not soft:
            return T._fit(Xa, ya.astype(int), wa, C)
        from scipy.sparse import vstack

        X2 = vstack([Xa, Xa], format="csr")
        y2 = np.r_[np.ones(len(ya)), np.zeros(len(ya))].astype(int)
        w2 = np.r_[wa * ya, wa * (1 - ya)]
        keep = w2 > 0
        return T._fit(X2[keep], y2[keep], w2[keep], C)

    cv, oof = {}, {}
    for C in C_GRID:
        scores = oof[C] = np.zeros(len(idx))
        for k in range(p["folds"]):
            train, test = folds != k, folds == k
            coef, b = T._pruned(fit(X[train], y[train], w[train], C), p["prune"], p["digits"])
            scores[test] = X[test][:, : len(vocab)] @ coef[: len(vocab)] + b[0]
        cv[C] = {s: auc(scores[(sources == s) & (judged >= 0)], judged[(sources == s) & (judged >= 0)] == 1) for s in _CRITERION_SOURCES}
        log(f"{name} C={C}: " + ", ".join(f"{s} {v:.4f}" for s, v in cv[C].items()))
    best = max(C_GRID, key=lambda C: (round(float(np.mean(list(cv[C].values()))), 6), -C))
    coef, b = T._pruned(fit(X, y, w, best), p["prune"], p["digits"])
    held = [i for i, r in enumerate(rows) if r["incivility"] is not None and r["source"] not in used]
    held_scores = T._matrix([counts[i] for i in held], vocab) @ coef[: len(vocab)]
    held_labels = np.array([rows[i]["incivility"] == 1 for i in held])
    held_sources = np.array([rows[i]["source"] for i in held])
    out = {
        "variant": name,
        "C": best,
        **{f"cv_{s}": round(v, 4) for s, v in cv[best].items()},
        **{f"held_{s}": round(auc(held_scores[held_sources == s], held_labels[held_sources == s]), 4) for s in sorted(set(held_sources.tolist()))},
    }
    sfu_scores = None if sfu_counts is None else T._matrix(sfu_counts, vocab) @ coef[: len(vocab)] + b[0]
    return {"row": out, "oof": oof[best], "idx": idx, "judged": judged, "sources": sources, "folds": folds, "w": w, "sfu": sfu_scores}


def _criterion(scores, judged, sources, pick=None) -> float:
    from discourse.validation.rhetoric import auc

    values = []
    for s in _CRITERION_SOURCES:
        sel = (sources == s) & (judged >= 0)
        if pick is not None:
            rep = np.repeat(np.flatnonzero(sel), pick[sel])
        else:
            rep = np.flatnonzero(sel)
        values.append(auc(scores[rep], judged[rep] == 1))
    return float(np.mean(values))


def _gain(scores, base, judged, sources, seed: int = 0) -> tuple[float, float]:
    """The criterion's gain over the shipped model and its paired bootstrap standard error."""
    rng = np.random.default_rng(seed)
    gain = _criterion(scores, judged, sources) - _criterion(base, judged, sources)
    gains = []
    for _ in range(N_BOOT):
        pick = rng.multinomial(len(judged), np.full(len(judged), 1 / len(judged)))
        gains.append(_criterion(scores, judged, sources, pick) - _criterion(base, judged, sources, pick))
    return gain, float(np.std(gains))


def run_variants(train_dir: str | Path, eval_dir: str | Path | None = None, variants: Sequence[str] = VARIANTS, log=print) -> list[dict[str, Any]]:
    """One row per variant: CV ROC AUC per criterion source, the criterion, its gain over the
    shipped model with the bootstrap standard error, held-out AUCs and (for the record) SFU."""
    from discourse.validation.rhetoric import auc

    base_dir = Path(train_dir)
    rows = T.load_sources(base_dir)
    shares = civil_comment_shares(base_dir)
    sfu = _sfu(Path(eval_dir) if eval_dir is not None else None)
    counts = _counts([r["text"] for r in rows])
    sfu_counts = _counts(sfu[0]) if sfu else None
    fitted = {}
    for name in [v for v in variants if v in ("shipped", "graded_any", "graded_insult", "toxic_any")] + ["shipped"]:
        if name not in fitted:
            fitted[name] = _fit_variant(name, rows, counts, shares, sfu_counts, log)
    if "vader" in variants:
        from sklearn.linear_model import LogisticRegression
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        base = fitted["shipped"]
        vader = SentimentIntensityAnalyzer()
        Z = np.array([[o, vader.polarity_scores(rows[i]["text"])["neg"]] for o, i in zip(base["oof"], base["idx"])])
        labelled = base["judged"] >= 0
        y = (base["judged"] == 1).astype(int)
        oof = np.zeros(len(Z))
        for k in range(T.PARAMETERS["folds"]):
            train, test = (base["folds"] != k) & labelled, base["folds"] == k
            oof[test] = LogisticRegression(C=1.0).fit(Z[train], y[train], sample_weight=base["w"][train]).decision_function(Z[test])
        model = LogisticRegression(C=1.0).fit(Z[labelled], y[labelled], sample_weight=base["w"][labelled])
        sfu_scores = None
        if sfu:
            sfu_scores = model.decision_function(np.c_[base["sfu"], [vader.polarity_scores(t)["neg"] for t in sfu[0]]])
        row = {"variant": "vader", **{f"cv_{s}": round(auc(oof[(base["sources"] == s) & labelled], y[(base["sources"] == s) & labelled] == 1), 4) for s in _CRITERION_SOURCES}}
        fitted["vader"] = {**base, "row": row, "oof": oof, "sfu": sfu_scores}
    if "you_dismiss" in variants:
        cue = [dict(c, **{"x:you_dismiss": 1}) if you_dismiss(r["text"]) else c for c, r in zip(counts, rows)]
        sfu_cue = None if not sfu else [dict(c, **{"x:you_dismiss": 1}) if you_dismiss(t) else c for c, t in zip(sfu_counts, sfu[0])]  # type: ignore[arg-type]  # sfu_counts is set whenever sfu is
        fitted["you_dismiss"] = _fit_variant("shipped", rows, cue, shares, sfu_cue, log)
        fitted["you_dismiss"]["row"]["variant"] = "you_dismiss"
    if "mockery" in variants:
        _with_mockery_features()
        fitted["mockery"] = _fit_variant("shipped", rows, _counts([r["text"] for r in rows]), shares, _counts(sfu[0]) if sfu else None, log)
        fitted["mockery"]["row"]["variant"] = "mockery"
    out = []
    base = fitted["shipped"]
    for name in variants:
        result = fitted[name]
        row = dict(result["row"])
        row["criterion"] = round(_criterion(result["oof"], result["judged"], result["sources"]), 4)
        if name != "shipped" and result["idx"] == base["idx"]:
            gain, se = _gain(result["oof"], base["oof"], base["judged"], base["sources"])
            row["gain"], row["gain_se"] = round(gain, 4), round(se, 4)
        if sfu:
            row["sfu_toxic2"] = round(auc(result["sfu"], sfu[1] >= 2), 4)
            row["sfu_toxic3"] = round(auc(result["sfu"], sfu[1] >= 3), 4)
        out.append(row)
        log(json.dumps(row))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m discourse.training.incivility_variants TRAIN_DIR [--eval DIR]``."""
    parser = argparse.ArgumentParser(prog="python -m discourse.training.incivility_variants", description=__doc__.split("\n")[0])
    parser.add_argument("train_dir", type=Path, help="the training data folder (../shared/train)")
    parser.add_argument("--eval", type=Path, default=None, help="the evaluation folder (../shared/eval), scored for the record")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated, default all")
    args = parser.parse_args(list(argv) if argv is not None else None)
    variants = [v for v in args.variants.split(",") if v]
    unknown = sorted(set(variants) - set(VARIANTS))
    if unknown:
        parser.error(f"unknown variants {unknown}; choose from {', '.join(VARIANTS)}")
    rows = run_variants(args.train_dir, args.eval, variants, log=lambda m: print(m, file=sys.stderr, flush=True))
    print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
