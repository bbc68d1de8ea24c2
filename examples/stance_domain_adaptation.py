"""Domain adaptation of the fitted stance model from news to reader comments: a pre-registered experiment.

The target-sentiment model (:mod:`discourse.training.target_sentiment`) is fitted on NewsMTSC news
sentences; this script tests, with training data only, three principled ways to carry it over to
reader comments (issue #15), and writes one weight file per variant so that the gold comment pairs
and the reading sample can score each variant once:

``prior_keep`` / ``prior_rederive``
    Label-shift adjustment (Saerens, Latinne & Decaestecker 2002): the class prior of actor
    mentions in *unlabelled* comments (Reddit incivility, ``train/reddit_incivility/train.csv``)
    is estimated by EM on the fitted model's posteriors, and the posteriors are reweighted by
    ``prior_comments / prior_news``; for a softmax this is exactly adding
    ``log(prior_comments / prior_news)`` to the intercepts. ``keep`` leaves the confident-call
    threshold as fitted on news; ``rederive`` chooses it again by the trainer's rule on the news
    out-of-fold logits, shifted the same way and with each news target weighted by
    ``prior_comments[y] / prior_news[y]`` (news as it would look under the comment prior).
``iw``
    Importance-weighted fit (Shimodaira 2000; Sugiyama, Krauledat & Mueller 2007): a logistic
    domain classifier news vs comment mentions (same features) gives each NewsMTSC target the
    weight ``p(comment|x) / p(news|x)`` (out of fold), flattened to the power ``lambda`` from
    ``(0, 0.5, 1)``; ``lambda`` is chosen by importance-weighted cross-validation (the out-of-fold
    macro-F1 with the full weights).
``shift``
    Frequency-shift filter: drop the features whose document frequency among news targets and
    among comment mentions differ by more than a ratio ``r`` from ``(3, 10)`` (``inf``: keep all),
    ``r`` chosen by importance-weighted cross-validation as above.
``iw+prior``
    ``iw`` (if it chose ``lambda > 0``) with the prior re-estimated on its posteriors, thresholds
    rederived.

Everything else is the shipped setting (C, feature settings, ``MIN_COUNT``, folds by sentence index
mod 5). No evaluation data and no gold labels are read by ``fit``; the comments referenced by the
gold file and the reading sample are left out of the unlabelled pool (their keys only).

Run from the repository root::

    PYTHONPATH=. python examples/stance_domain_adaptation.py fit ../shared/train --work /tmp/sd
    PYTHONPATH=. python examples/stance_domain_adaptation.py score ../shared --work /tmp/sd

``fit`` writes ``WORK/<variant>.json`` (weight files) and ``WORK/fit.json`` (priors, stability,
cross-validated figures); ``score`` runs ``tests/data/gold/score_stance.py`` and
``tests/data/stance_reading/reading.py tally``, each with the variant's weight file as ``--model``, and
the weak group check (HateXplain posts labelled hateful/offensive toward a religion or race that
name a group actor the registry knows: a negative stance is expected).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import random
import sys
import time
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import numpy as np

from discourse.actors.stance_features import Hit
from discourse.training import target_sentiment as ts

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "data" / "gold"))  # the gold files' reference helpers
import gold  # noqa: E402

SETTINGS = {"bigrams": True, "lexicon": True, "insults": False}  # the shipped setting
C = 0.1
LAMBDAS = (0.0, 0.5, 1.0)
RATIOS = (math.inf, 3.0, 10.0)
DOMAIN_C = 0.1
EM_TOL = 1e-10
csv.field_size_limit(sys.maxsize)


# -- data -------------------------------------------------------------------------------------
def comment_pool(train: Path, name: str) -> tuple[list[str], str]:
    """Unlabelled comment texts of a pool and the SHA-256 of its file."""
    skip = gold.referenced_comment_keys()  # the gold and reading samples' comments
    if name == "reddit":
        path = train / "reddit_incivility/train.csv"
        with open(path, newline="", encoding="utf-8") as fh:
            texts = [row[0] for i, row in enumerate(csv.reader(fh), 1) if ("reddit", str(i)) not in skip]
    elif name == "civil":
        path = train / "toxic_spans/civil_comments_spans/comments.csv"
        with open(path, newline="", encoding="utf-8") as fh:
            texts = [r["comment_text"] for r in csv.DictReader(fh) if ("civil", r["comment_id"]) not in skip]
    elif name == "davidson":
        path = train / "davidson_hate_offensive/labeled_data.csv"
        with open(path, newline="", encoding="utf-8") as fh:
            texts = [r["tweet"] for r in csv.DictReader(fh)]
    elif name == "hatexplain":
        path = train / "hatexplain/preprocessed.csv"
        with open(path, newline="", encoding="utf-8") as fh:
            texts = [r["text"] for r in csv.DictReader(fh)]
    else:
        raise ValueError(name)
    return texts, hashlib.sha256(path.read_bytes()).hexdigest()


def mention_features(texts: list[str]) -> tuple[list[list[Hit]], list[tuple[int, str]]]:
    """Features of every registry mention (as the trainer extracts them: rule cues, no attribution)."""
    from discourse.actors import ActorRegistry
    from discourse.actors.context import DocContext
    from discourse.actors.stance import StanceAnalyzer
    from discourse.actors.stance_model import mention_hits
    from discourse.text import Doc

    registry = ActorRegistry.default()
    rules = StanceAnalyzer(registry=registry, method="rules", irony=False)
    everything = {"bigrams": True, "lexicon": True, "insults": True}
    X, where = [], []
    for i, text in enumerate(texts):
        ctx = DocContext(Doc(text), registry)
        for si in sorted(ctx.by_sentence):
            scan = ctx.scan(si)
            sentence = ctx.doc.sentences[si]
            for mention in ctx.by_sentence[si]:
                record = rules._rules_score(ctx, scan, mention, sentence.start, sentence.end)
                X.append(mention_hits(ctx, scan, mention, record.cues, everything))
                where.append((i, mention.actor_id))
    return X, where


# -- weighted cross-validation -----------------------------------------------------------------
# The trainer's own functions with sample weights (None: the trainer's unweighted arithmetic).
def call_threshold(logits: np.ndarray, y: np.ndarray, fold_of: np.ndarray, w: np.ndarray | None = None) -> tuple[float, dict[str, float]]:
    """The trainer's confident-call rule (best macro-F1 among thresholds with both polar precisions
    >= 0.70 over the folds), with weighted counts; the figures the rule looks at, unrounded."""
    t, scores = ts.confident_candidate(ts.call_candidates(logits, y, fold_of, w))
    return t, {k: scores[k] for k in ("macro_f1", "precision_negative", "precision_positive")}


def em_prior(prob: np.ndarray, train_prior: np.ndarray, max_iter: int = 1000) -> tuple[np.ndarray, int]:
    """Saerens et al. (2002): the class prior of unlabelled data from posteriors fitted under `train_prior`."""
    prior = train_prior.copy()
    for it in range(1, max_iter + 1):
        adj = prob * (prior / train_prior)
        adj /= adj.sum(axis=1, keepdims=True)
        new = adj.mean(axis=0)
        if np.abs(new - prior).max() < EM_TOL:
            return new, it
        prior = new
    return prior, max_iter


def posteriors(model: Any, M: Any) -> np.ndarray:
    return model.predict_proba(M)


def domain_weights(M_news: Any, M_comm: Any, groups: np.ndarray) -> np.ndarray:
    """Out-of-fold density ratio p(comment|x)/p(news|x) * n_news/n_comment for every news target."""
    from scipy.sparse import vstack
    from sklearn.linear_model import LogisticRegression

    n_news, n_comm = M_news.shape[0], M_comm.shape[0]
    B = (M_news != 0).astype(float), (M_comm != 0).astype(float)
    ratio = np.zeros(n_news)
    comm_fold = np.arange(n_comm) % ts.FOLDS
    news_fold = groups % ts.FOLDS
    for f in range(ts.FOLDS):
        X = vstack([B[0][news_fold != f], B[1][comm_fold != f]])
        d = np.r_[np.zeros(int((news_fold != f).sum())), np.ones(int((comm_fold != f).sum()))]
        clf = LogisticRegression(C=DOMAIN_C, solver="lbfgs", max_iter=2000).fit(X, d)
        p = clf.predict_proba(B[0][news_fold == f])[:, 1]
        ratio[news_fold == f] = p / (1 - p) * ((d == 0).sum() / (d == 1).sum())
    return ratio


def ess(w: np.ndarray) -> float:
    return float(w.sum() ** 2 / (w ** 2).sum())


def variant_file(base: dict[str, Any], out: Path, name: str, *, model: Any = None, vocabulary: dict[str, int] | None = None,
                 shift: np.ndarray | None = None, offset: float | None = None, threshold: float | None = None,
                 note: dict[str, Any]) -> None:
    """A weight file: the shipped one with refitted weights / shifted intercepts / new thresholds."""
    data = json.loads(json.dumps(base))
    if model is not None and vocabulary is not None:
        data["intercept"] = [ts.round_significant(float(v)) for v in model.intercept_]
        data["weights"] = {n: [ts.round_significant(float(v)) for v in model.coef_[:, j]] for n, j in vocabulary.items()
                           if float(np.abs(model.coef_[:, j]).max()) >= ts.PRUNE}
    if shift is not None:
        data["intercept"] = [ts.round_significant(a + float(s)) for a, s in zip(data["intercept"], shift)]
    if offset is not None:
        data["label_offsets"] = [0.0, offset, 0.0]
    if threshold is not None:
        data["calls"] = dict(data["calls"], score_threshold=threshold)
    data["domain_experiment"] = dict(note, variant=name)
    (out / f"{name}.json").write_text(json.dumps(data, sort_keys=True, indent=0), encoding="utf-8")


def fit(args: argparse.Namespace) -> int:
    train, work = Path(args.train_dir), Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    cpu0 = time.process_time()
    records, sha, _ = ts.load_targets(train)
    X, labels, sentence_of = ts.extract(records)
    y, groups = np.array(labels), np.array(sentence_of)
    fold_of = groups % ts.FOLDS
    vocabulary = ts.build_vocabulary(X, SETTINGS)
    M = ts.feature_matrix(X, vocabulary)
    train_prior = np.bincount(y, minlength=3) / len(y)
    report: dict[str, Any] = {"newsmtsc_sha256": sha, "train_prior": train_prior.tolist(), "n_news": len(y)}
    say = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731
    say(f"news: {len(y)} targets, prior {train_prior.round(4)}; {time.process_time() - cpu0:.1f}s CPU")

    pools = {}
    for name in ("reddit", "civil", "davidson", "hatexplain"):
        texts, psha = comment_pool(train, name)
        Xc, where = mention_features(texts)
        pools[name] = (Xc, where, texts, psha)
        say(f"pool {name}: {len(texts)} texts, {len(Xc)} mentions; {time.process_time() - cpu0:.1f}s CPU")
    report["pools"] = {k: {"texts": len(v[2]), "mentions": len(v[0]), "sha256": v[3]} for k, v in pools.items()}
    M_comm = {k: ts.feature_matrix(v[0], vocabulary) for k, v in pools.items()}

    # Baseline: the shipped procedure at the shipped setting (check: CV 0.645069).
    base_logits = ts.oof_logits(M, y, fold_of, C)
    off0, cv0, folds0 = ts.best_offset(base_logits, y, fold_of)
    report["baseline_cv"] = {"offset": off0, "macro_f1": cv0, "folds": folds0}
    say(f"baseline CV {cv0:.4f} offset {off0} folds {np.round(folds0, 4)}; {time.process_time() - cpu0:.1f}s CPU")
    full = ts.make_classifier(C).fit(M, y)
    base = json.loads((REPO / "discourse/lexicons/data/stance_target_model.json").read_text(encoding="utf-8"))

    # 1. EM prior on the shipped model's posteriors (refitted here: same data, same setting).
    priors: dict[str, Any] = {}
    for name in pools:
        prior, iters = em_prior(posteriors(full, M_comm[name]), train_prior)
        raw_mean = posteriors(full, M_comm[name]).mean(axis=0)
        priors[name] = {"em_prior": prior.tolist(), "iterations": iters, "mean_posterior": raw_mean.tolist()}
        say(f"EM prior {name}: {prior.round(4)} ({iters} it.; mean posterior {raw_mean.round(4)})")
    stab = []
    n = M_comm["reddit"].shape[0]
    probs = posteriors(full, M_comm["reddit"])
    by_text = np.array([w[0] for w in pools["reddit"][1]])
    texts_ids = sorted(set(by_text.tolist()))
    for seed in range(10):  # half of the comments (whole comments), ten fixed seeds
        half = set(random.Random(f"stancedomain-{seed}").sample(texts_ids, len(texts_ids) // 2))
        mask = np.array([t in half for t in by_text])
        stab.append(em_prior(probs[mask], train_prior)[0].tolist())
    boot = []
    for seed in range(20):  # bootstrap over comments
        pick = np.random.default_rng(seed).choice(texts_ids, size=len(texts_ids), replace=True)
        counts = Counter(pick.tolist())
        w = np.array([counts.get(t, 0) for t in by_text], dtype=float)
        idx = np.repeat(np.arange(n), w.astype(int))
        boot.append(em_prior(probs[idx], train_prior)[0].tolist())
    priors["reddit_halves"] = stab
    priors["reddit_bootstrap_sd"] = np.array(boot).std(axis=0, ddof=1).tolist()
    priors["reddit_bootstrap_range"] = [np.array(boot).min(axis=0).tolist(), np.array(boot).max(axis=0).tolist()]
    report["priors"] = priors
    say(f"halves: min {np.array(stab).min(axis=0).round(4)} max {np.array(stab).max(axis=0).round(4)}; "
        f"bootstrap sd {np.round(priors['reddit_bootstrap_sd'], 4)}")
    target = np.array(priors["reddit"]["em_prior"])
    shift = np.log(target / train_prior)
    cls_w = (target / train_prior)[y]
    t_keep = base["calls"]["score_threshold"]
    t_new, s_new = call_threshold(base_logits + shift, y, fold_of, cls_w)
    t_check, s_check = call_threshold(base_logits, y, fold_of)
    report["prior"] = {"shift": shift.tolist(), "threshold_news": t_check, "threshold_news_cv": s_check,
                       "threshold_rederived": t_new, "threshold_rederived_cv": s_new}
    say(f"prior shift {shift.round(4)}; call threshold on news {t_check} {s_check}; rederived {t_new} {s_new}")
    note = {"method": "Saerens et al. 2002 EM prior on reddit_incivility comment mentions",
            "prior_news": train_prior.tolist(), "prior_comments": target.tolist()}
    variant_file(base, work, "baseline", note={"method": "shipped file unchanged"})
    variant_file(base, work, "prior_keep", shift=shift, note=note)
    variant_file(base, work, "prior_rederive", shift=shift, threshold=t_new, note=note)

    # 2./3. importance weights from a domain classifier news vs reddit comment mentions.
    ratio = domain_weights(M, M_comm["reddit"], groups)
    w_eval = ratio / ratio.mean()
    report["iw"] = {"ess_full": ess(w_eval), "weight_quantiles": np.quantile(w_eval, [0, .5, .9, .99, 1]).tolist()}
    say(f"importance weights: ESS {ess(w_eval):.0f} of {len(y)}; quantiles {np.round(report['iw']['weight_quantiles'], 3)}")
    # IWCV of the baseline (lambda = 0) and each candidate
    iw_rows: list[dict[str, Any]] = []
    for lam in LAMBDAS:
        wt = w_eval ** lam
        logits = base_logits if lam == 0 else ts.oof_logits(M, y, fold_of, C, wt / wt.mean())
        off, iwcv, _ = ts.best_offset(logits, y, fold_of, w_eval)
        offu, cvu, foldsu = ts.best_offset(logits, y, fold_of)
        iw_rows.append({"lambda": lam, "iwcv_macro_f1": iwcv, "iw_offset": off, "cv_macro_f1": cvu, "cv_offset": offu,
                        "cv_folds": foldsu, "ess_train": ess(wt)})
        say(f"iw lambda={lam}: IWCV {iwcv:.4f} (offset {off}); plain CV {cvu:.4f} (offset {offu}); "
            f"{time.process_time() - cpu0:.1f}s CPU")
        iw_rows[-1]["logits"] = logits
    best_iw = max(iw_rows, key=lambda r: (round(r["iwcv_macro_f1"], 6), -r["lambda"]))
    report["iw"]["grid"] = [{k: v for k, v in r.items() if k != "logits"} for r in iw_rows]
    report["iw"]["chosen_lambda"] = best_iw["lambda"]

    df_news = np.asarray((M != 0).sum(axis=0)).ravel()
    df_comm = np.asarray((M_comm["reddit"] != 0).sum(axis=0)).ravel()
    n_c = M_comm["reddit"].shape[0]
    log_ratio = np.log(((df_news + 0.5) / (len(y) + 1)) / ((df_comm + 0.5) / (n_c + 1)))
    names = sorted(vocabulary, key=lambda n: vocabulary[n])
    sh_rows: list[dict[str, Any]] = []
    for r in RATIOS:
        keep = np.abs(log_ratio) <= math.log(r)
        cols = np.flatnonzero(keep)
        logits = base_logits if r == math.inf else ts.oof_logits(M[:, cols], y, fold_of, C)
        off, iwcv, _ = ts.best_offset(logits, y, fold_of, w_eval)
        offu, cvu, foldsu = ts.best_offset(logits, y, fold_of)
        dropped = [names[j] for j in np.flatnonzero(~keep)]
        sh_rows.append({"ratio": r, "n_dropped": len(dropped), "iwcv_macro_f1": iwcv, "cv_macro_f1": cvu,
                        "cv_offset": offu, "cv_folds": foldsu, "logits": logits, "cols": cols})
        say(f"shift filter ratio={r}: {len(dropped)} dropped; IWCV {iwcv:.4f}; plain CV {cvu:.4f}; "
            f"{time.process_time() - cpu0:.1f}s CPU")
    best_sh = max(sh_rows, key=lambda r: (round(r["iwcv_macro_f1"], 6), -r["ratio"]))
    report["shift"] = {"grid": [{k: v for k, v in r.items() if k not in ("logits", "cols")} for r in sh_rows],
                       "chosen_ratio": best_sh["ratio"]}
    # the most weighted dropped features at the ratio chosen (or at 3 if none)
    r_show = best_sh["ratio"] if best_sh["ratio"] != math.inf else 3.0
    diff = full.coef_[2] - full.coef_[0]
    show = [j for j in np.argsort(-np.abs(diff)) if abs(log_ratio[j]) > math.log(r_show)][:25]
    report["shift"]["top_dropped"] = [(names[j], round(float(diff[j]), 3), int(df_news[j]), int(df_comm[j])) for j in show]

    # refits of the chosen variants (final fits on all news targets; thresholds as the trainer picks them)
    for tag, row in (("iw", best_iw), ("shift", best_sh)):
        if (tag == "iw" and row["lambda"] == 0) or (tag == "shift" and row["ratio"] == math.inf):
            say(f"{tag}: IWCV chose the baseline; no variant file")
            continue
        if tag == "iw":
            wt = w_eval ** row["lambda"]
            model = ts.make_classifier(C).fit(M, y, sample_weight=wt / wt.mean())
            voc = vocabulary
        else:
            cols = row["cols"]
            model = ts.make_classifier(C).fit(M[:, cols], y)
            voc = {names[j]: k for k, j in enumerate(cols)}
        off, _, _ = ts.best_offset(row["logits"], y, fold_of, w_eval)
        thr, sc = call_threshold(row["logits"], y, fold_of, w_eval)
        row["threshold"] = (thr, sc)
        variant_file(base, work, tag, model=model, vocabulary=voc, offset=off, threshold=thr,
                     note={"method": tag, "lambda": row.get("lambda"), "ratio": row.get("ratio"), "iw_threshold_cv": sc})
        say(f"{tag}: threshold {thr} {sc}")
        report[tag]["threshold"] = [thr, sc]
        if tag == "iw":
            Mi = M_comm["reddit"]
            prior_iw, _ = em_prior(model.predict_proba(Mi), train_prior)
            shift_iw = np.log(prior_iw / train_prior)
            thr2, sc2 = call_threshold(row["logits"] + shift_iw, y, fold_of, w_eval * (prior_iw / train_prior)[y])
            variant_file(base, work, "iw+prior", model=model, vocabulary=voc, offset=off, shift=shift_iw, threshold=thr2,
                         note={"method": "iw + EM prior", "prior_comments": prior_iw.tolist(), "threshold_cv": sc2})
            report["iw"]["prior"] = {"prior": prior_iw.tolist(), "threshold": thr2, "cv": sc2}
            say(f"iw+prior: prior {prior_iw.round(4)} threshold {thr2} {sc2}")
    report["cpu_seconds"] = time.process_time() - cpu0
    (work / "fit.json").write_text(json.dumps(report, indent=1, default=float), encoding="utf-8")
    say(f"done; {report['cpu_seconds']:.1f}s CPU")
    return 0


# -- scoring ---------------------------------------------------------------------------------
def group_check(shared: Path, model: Any) -> dict[str, Any]:
    """HateXplain posts labelled offensive/hate toward a religion or race naming a registry group
    actor, scored with `model` (a weight file read by ``load_model``)."""
    from discourse.stance import stance
    from discourse.actors import ActorRegistry

    registry = ActorRegistry.default()
    groups = {a.id for a in registry if a.kind == "group"}
    counts: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    with open(shared / "train/hatexplain/preprocessed.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["label"] not in ("1", "2") or not (row["label_religion"] == "1" or row["label_race"] == "1"):
                continue
            for m in stance(row["text"], model=model).mentions:
                if m.actor in groups and m.source == "author":
                    counts[m.label] += 1
                    actors[m.actor] += 1
    return {"pairs": sum(counts.values()), "labels": dict(counts), "actors": dict(actors)}


def score(args: argparse.Namespace) -> int:
    import runpy

    from discourse.actors.stance_model import load_model

    shared, work = Path(args.shared), Path(args.work)
    names = args.variants or [p.stem for p in sorted(work.glob("*.json")) if p.stem != "fit"]
    out = {}
    for name in names:
        path = work / f"{name}.json"
        results: dict[str, Any] = {}
        for script, argv in (("tests/data/gold/score_stance.py", ["--shared", str(shared), "--model", str(path)]),
                             ("tests/data/stance_reading/reading.py", ["--shared", str(shared), "--model", str(path), "tally"])):
            run = runpy.run_path(str(REPO / script))["main"]  # the script's functions, not run as __main__
            buf = io.StringIO()
            with redirect_stdout(buf):
                run(argv)
            results[script] = buf.getvalue()
        results["group_check"] = group_check(shared, load_model(path))
        out[name] = results
        (work / f"score_{name}.txt").write_text(
            "\n".join(f"#### {k}\n{v}" for k, v in results.items()), encoding="utf-8")
        print(f"== {name}: group check {results['group_check']}")
        lines = results["tests/data/gold/score_stance.py"].splitlines()
        i = lines.index("== stance_toward, author's own (reported -> neutral) ==")
        print("\n".join(lines[i:i + 6]))
        print("\n".join(results["tests/data/stance_reading/reading.py"].splitlines()[:6]))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("fit", help="estimate the priors and weights, write the variant weight files")
    f.add_argument("train_dir")
    f.add_argument("--work", required=True)
    s = sub.add_parser("score", help="score every variant on the gold pairs, the reading sample and the group check")
    s.add_argument("shared")
    s.add_argument("--work", required=True)
    s.add_argument("--variants", nargs="*")
    args = parser.parse_args(argv)
    return fit(args) if args.command == "fit" else score(args)


if __name__ == "__main__":
    sys.exit(main())
