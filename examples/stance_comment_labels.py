"""In-domain labels for stance on reader comments: a pre-registered experiment (issue #15).

The fitted stance model (:mod:`discourse.training.target_sentiment`) learns from NewsMTSC news
sentences, which label how a sentence portrays a person, not a reader's own stance; on reader
comments its confident calls are poor. This script tests the one lever not tried before: labelled
comment pairs (``examples/data/comment_stance_train/labels.jsonl``, 348 pairs from the training
folders, annotated by hand, by reference) added to NewsMTSC in the fit.

Pre-registered (written before any fit or gold figure):

* variants: NewsMTSC train (each target weight 1, the average news weight) + the comment pairs,
  each with weight ``w`` in ``WEIGHTS = (0, 1, 3, 10)``; everything else the shipped setting, read
  from the shipped weight file (features, C, ``MIN_COUNT``); the vocabulary is counted over news +
  comment pairs (label-free), for ``w = 0`` over news only, so that ``w = 0`` is the shipped
  procedure; the aggregate ``score_threshold`` stays the shipped one;
* one joint 5-fold split: news fold = sentence index mod 5 (the trainer's), comment fold = whole
  comments in a ``random.Random(CV_SEED)`` shuffle; fold ``f``'s model is fitted on all news
  targets and comment pairs outside ``f`` (NewsMTSC always in training) and scores both;
* neutral offset: :func:`~discourse.training.target_sentiment.best_offset` on the news
  out-of-fold logits; ``w`` chosen by the mean fold macro-F1 of the comment pairs' out-of-fold
  labels at that offset (ties: the smaller ``w``);
* confident-call threshold: :func:`~discourse.training.target_sentiment.confident_calls` on the
  out-of-fold logits of news + comments with the fit's weights (1 and ``w``);
* learning curve at the chosen ``w``: comment-pair CV macro-F1 with 25 / 50 / 100 % of the
  training-fold comments (three fixed seeds);
* ship rule: (a) NewsMTSC CV macro-F1 not lower than the shipped 0.6451 by more than 0.006 (rw/mt
  dev reported); (b) gold confident-call precision (``tests/data/gold/score_stance.py``, author's
  own reading) higher than shipped for both positive and negative. Gold is scored once per variant
  (``score``). The shipped weight file is never replaced by this script.

Run from the repository root::

    PYTHONPATH=. python examples/stance_comment_labels.py sample ../shared > /tmp/pairs.jsonl
    PYTHONPATH=. python examples/stance_comment_labels.py fit ../shared/train --work /tmp/scl
    PYTHONPATH=. python examples/stance_comment_labels.py score ../shared --work /tmp/scl

``sample`` prints the drawn pairs with their sentences (for the annotator's eyes only: never commit
its output); ``fit`` writes ``WORK/w<w>.json`` (weight files) and ``WORK/fit.json`` (the figures);
``score`` runs the gold scorer and the reading tally with each weight file as ``--model`` and
the NewsMTSC rw/mt dev sets.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any, Iterator

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "data" / "gold"))  # the gold files' reference resolver
import gold  # noqa: E402

LABEL_DIR = REPO / "examples/data/comment_stance_train"
LABEL_FILE = LABEL_DIR / "labels.jsonl"
SAMPLE_SEED = "20261208-stancecomments"
SAMPLE_SIZE = 350
MIN_CHARS, MAX_CHARS, MIN_WORDS = 25, 400, 5  # the gold sample's sentence filter
SOURCES = {source: gold.SOURCE_FILES[source] for source in ("reddit", "civil")}  # training folders only
LABELS = ("negative", "neutral", "positive")
FLAGS = ("reported", "sarcastic", "uncertain")
CV_SEED = "20261208-cv"
WEIGHTS = (0, 1, 3, 10)  # per-pair weight of a comment pair; a news target weighs 1
CURVE = (0.25, 0.5, 1.0)
CURVE_SEEDS = 3
csv.field_size_limit(sys.maxsize)


sha256 = gold.sha256  # the references are the gold files' (source, file, key, offsets, hash)
excluded_keys = gold.referenced_comment_keys  # the gold and reading samples' comments


def comments(shared: Path, source: str) -> Iterator[tuple[str, str]]:
    """(key, text) of every comment of a training source, in file order (keys as in the gold README)."""
    path = shared / SOURCES[source]
    with open(path, newline="", encoding="utf-8") as fh:
        if source == "reddit":  # no header; the key is the 1-based row
            for n, row in enumerate(csv.reader(fh), 1):
                yield str(n), row[0]
        else:
            for r in csv.DictReader(fh):
                yield r["comment_id"], r["comment_text"]


def usable(sentence: str) -> bool:
    """The gold sample's sentence filter: 25..400 characters and at least five words.

    >>> usable("Trump is a liar, said nobody."), usable("Trump lies.")
    (True, False)
    """
    return MIN_CHARS <= len(sentence) <= MAX_CHARS and len(sentence.split()) >= MIN_WORDS


def candidate_pairs(shared: Path) -> list[dict[str, Any]]:
    """Every (registry mention, its sentence) pair of the training comments, by reference.

    The mentions are those the stance stage scores (``DocContext(...).by_sentence``, bundled
    registry). Comments referenced by the gold file or the reading sample are left out, and so are
    sentences whose text is one of theirs or was already seen in an earlier comment (duplicates).
    """
    from discourse.actors import ActorRegistry
    from discourse.actors.context import DocContext
    from discourse.text import Doc

    registry = ActorRegistry.default()
    skip = excluded_keys()
    seen: set[str] = set()
    out = []
    for source in SOURCES:
        for key, text in comments(shared, source):
            if (source, key) in skip:
                continue
            ctx = DocContext(Doc(text), registry)
            for si in sorted(ctx.by_sentence):
                s = ctx.doc.sentences[si]
                sentence = text[s.start:s.end]
                if not usable(sentence) or sentence in seen:
                    continue
                seen.add(sentence)
                for m in ctx.by_sentence[si]:
                    out.append({"source": source, "file": SOURCES[source], "key": key, "start": s.start, "end": s.end,
                                "sha256": sha256(sentence), "target": text[m.start:m.end],
                                "target_start": m.start - s.start, "target_end": m.end - s.start, "actor": m.actor_id})
    return out


def sample(args: argparse.Namespace) -> int:
    """Print the random sample of pairs in draw order, with the sentence for the annotator only."""
    shared = Path(args.shared)
    pool = candidate_pairs(shared)
    rng = random.Random(SAMPLE_SEED)
    picked = rng.sample(range(len(pool)), SAMPLE_SIZE)
    print(f"{len(pool)} candidate pairs", file=sys.stderr)
    texts = {}
    for n, i in enumerate(picked):
        rec = dict(pool[i], draw=n)
        k = (rec["source"], rec["key"])
        if k not in texts:
            texts[k] = gold.record_text(shared, rec["source"], SOURCES[rec["source"]], rec["key"])
        rec["sentence"] = texts[k][rec["start"]:rec["end"]]
        rec["comment"] = texts[k]
        print(json.dumps(rec, ensure_ascii=False))
    return 0


def load_labels(path: Path = LABEL_FILE) -> list[dict[str, Any]]:
    """The labelled pairs (references only; no text)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def resolve(records: list[dict[str, Any]], shared: Path) -> dict[tuple[str, str], str]:
    """Comment texts of the labelled pairs, checked against the recorded sentence hashes.

    Raises
    ------
    ValueError
        If a key is missing from the shared file or a sentence's hash differs.
    """
    texts: dict[tuple[str, str], str] = {}
    for r in records:
        k = (r["source"], r["key"])
        if k not in texts:
            try:  # the gold files' resolver: each source file read once (cached)
                texts[k] = gold.record_text(shared, r["source"], SOURCES[r["source"]], r["key"])
            except gold.GoldDataError as error:
                raise ValueError(f"{r['id']}: {r['source']} key {r['key']} not found under {shared} ({error})") from None
        text = texts[k]
        if sha256(text[r["start"]:r["end"]]) != r["sha256"]:
            raise ValueError(f"{r['id']}: the sentence at {r['start']}:{r['end']} does not have the recorded hash")
    return texts


def comment_folds(records: list[dict[str, Any]], folds: int = 5) -> list[int]:
    """Fold of each pair: whole comments, in a fixed shuffle of the sorted (source, key) list.

    >>> recs = [{"source": "civil", "key": k} for k in ("1", "2", "1", "3")]
    >>> f = comment_folds(recs, 2); f[0] == f[2], sorted(set(f)) == [0, 1]
    (True, True)
    """
    keys = sorted({(r["source"], r["key"]) for r in records})
    random.Random(CV_SEED).shuffle(keys)
    fold = {k: i % folds for i, k in enumerate(keys)}
    return [fold[(r["source"], r["key"])] for r in records]


def pair_features(records: list[dict[str, Any]], texts: dict[tuple[str, str], str]) -> list[list[Any]]:
    """Features of each labelled mention, as the stance stage extracts them on the whole comment."""
    from discourse.actors import ActorRegistry
    from discourse.actors.context import DocContext
    from discourse.actors.stance import StanceAnalyzer
    from discourse.actors.stance_model import mention_hits
    from discourse.text import Doc

    registry = ActorRegistry.default()
    rules = StanceAnalyzer(registry=registry, method="rules", irony=False)
    everything = {"bigrams": True, "lexicon": True, "insults": True}
    out = []
    for r in records:
        ctx = DocContext(Doc(texts[(r["source"], r["key"])]), registry)
        start, end = r["start"] + r["target_start"], r["start"] + r["target_end"]
        found = [(si, m) for si, ms in ctx.by_sentence.items() for m in ms if (m.start, m.end) == (start, end)]
        if len(found) != 1 or found[0][1].actor_id != r["actor"]:
            raise ValueError(f"{r['id']}: the mention {start}:{end} ({r['actor']}) is not found once")
        si, mention = found[0]
        scan = ctx.scan(si)
        sentence = ctx.doc.sentences[si]
        record = rules._rules_score(ctx, scan, mention, sentence.start, sentence.end)
        out.append(mention_hits(ctx, scan, mention, record.cues, everything))
    return out


def joint_oof(M: Any, y: Any, fold_of: Any, weight: Any, C: float, predict: Any = None) -> Any:
    """Out-of-fold logits of every row: fold f is scored by a model fitted on the rows outside f
    with positive weight (weights normalised to mean 1 there; all-equal weights fit unweighted,
    the trainer's arithmetic). `predict` (mask) limits which rows are scored."""
    import numpy as np

    from discourse.training import target_sentiment as ts

    logits = np.zeros((len(y), 3))
    for f in range(ts.FOLDS):
        train = (fold_of != f) & (weight > 0)
        test = (fold_of == f) if predict is None else (fold_of == f) & predict
        w = weight[train]
        model = ts.make_classifier(C)
        if np.all(w == w[0]):
            model.fit(M[train], y[train])
        else:
            model.fit(M[train], y[train], sample_weight=w / w.mean())
        if test.any():
            logits[test] = model.decision_function(M[test])
    return logits


def fold_macro_f1(y: Any, labels: Any, fold_of: Any) -> float:
    """Mean over the folds of the macro-F1 (the trainer's per-fold figure)."""
    from discourse.training import target_sentiment as ts

    return sum(ts.macro_f1(y[fold_of == f].tolist(), labels[fold_of == f].tolist()) for f in range(ts.FOLDS)) / ts.FOLDS


def fit(args: argparse.Namespace) -> int:
    """Fit every variant, cross-validate on news and comment pairs, write the weight files."""
    import time

    import numpy as np

    from discourse.training import target_sentiment as ts

    cpu0 = time.process_time()
    say = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731
    train, work = Path(args.train_dir), Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    base = json.loads((REPO / "discourse/lexicons/data/stance_target_model.json").read_text(encoding="utf-8"))
    settings, C = base["settings"], float(base["parameters"]["C"])
    assert base["parameters"]["min_count"] == ts.MIN_COUNT
    records, news_sha, _ = ts.load_targets(train)
    Xn, yn, groups = ts.extract(records)
    labels = load_labels(Path(args.labels))
    texts = resolve(labels, train.parent)
    Xc = pair_features(labels, texts)
    yc = np.array([LABELS.index(r["label"]) for r in labels])
    n_news, n_comm = len(yn), len(yc)
    y = np.r_[np.array(yn), yc]
    fold_of = np.r_[np.array(groups) % ts.FOLDS, np.array(comment_folds(labels, ts.FOLDS))]
    is_comm = np.r_[np.zeros(n_news, bool), np.ones(n_comm, bool)]
    say(f"{n_news} news targets, {n_comm} comment pairs ({np.bincount(yc, minlength=3).tolist()} neg/neu/pos); "
        f"{time.process_time() - cpu0:.1f}s CPU")
    report: dict[str, Any] = {"newsmtsc_sha256": news_sha, "labels_sha256": hashlib.sha256(Path(args.labels).read_bytes()).hexdigest(),
                              "n_news": n_news, "n_comment_pairs": n_comm, "settings": settings, "C": C, "grid": []}
    voc_news = ts.build_vocabulary(Xn, settings)
    voc_all = ts.build_vocabulary(list(Xn) + list(Xc), settings)
    rows = []
    for w in WEIGHTS:
        vocabulary = voc_news if w == 0 else voc_all
        M = ts.feature_matrix(list(Xn) + list(Xc), vocabulary)
        weight = np.r_[np.ones(n_news), np.full(n_comm, float(w))]
        logits = joint_oof(M, y, fold_of, weight, C)
        news = ~is_comm
        offset, news_cv, news_folds = ts.best_offset(logits[news], y[news], fold_of[news])
        comm_labels = np.array(ts.offset_labels(logits[is_comm], offset))
        comm_cv = fold_macro_f1(yc, comm_labels, fold_of[is_comm])
        calls = ts.confident_calls(logits, y, fold_of, weight)
        t = calls["score_threshold"]
        comm_calls = ts.fold_scores(yc, np.array(ts.threshold_labels(logits[is_comm], t)), fold_of[is_comm])
        row = {"w": w, "n_features": len(vocabulary), "neutral_offset": offset, "news_cv_macro_f1": news_cv,
               "news_cv_folds": news_folds, "comment_cv_macro_f1": comm_cv, "call_threshold": t,
               "calls_cv": calls["cv"], "comment_calls_cv": comm_calls}
        rows.append((row, M, weight, vocabulary, calls, logits))
        report["grid"].append(row)
        say(f"w={w}: news CV {news_cv:.4f} (offset {offset}); comment CV macro-F1 {comm_cv:.4f}; call threshold {t} "
            f"{ {k: round(v, 4) for k, v in calls['cv'].items()} }; comment calls "
            f"{ {k: round(v, 4) for k, v in comm_calls.items()} }; {time.process_time() - cpu0:.1f}s CPU")
    best = max(rows, key=lambda r: (round(r[0]["comment_cv_macro_f1"], 6), -r[0]["w"]))[0]
    report["chosen_w"] = best["w"]
    say(f"chosen w = {best['w']}")
    for row, M, weight, vocabulary, calls, _ in rows:
        fitted = weight > 0  # w = 0: the news targets alone, unweighted (the shipped fit)
        model = ts.make_classifier(C)
        if row["w"] == 0:
            model.fit(M[fitted], y[fitted])
        else:
            model.fit(M[fitted], y[fitted], sample_weight=weight[fitted] / weight[fitted].mean())
        data = json.loads(json.dumps(base))
        data["intercept"] = [ts.round_significant(float(v)) for v in model.intercept_]
        data["weights"] = {n: [ts.round_significant(float(v)) for v in model.coef_[:, j]] for n, j in vocabulary.items()
                           if float(np.abs(model.coef_[:, j]).max()) >= ts.PRUNE}
        data["n_features_fitted"] = len(vocabulary)
        data["label_offsets"] = [0.0, row["neutral_offset"], 0.0]
        data["calls"] = calls
        data["comment_labels_experiment"] = {"w": row["w"], "labels_sha256": report["labels_sha256"],
                                             "news_cv_macro_f1": ts.round_significant(row["news_cv_macro_f1"]),
                                             "comment_cv_macro_f1": ts.round_significant(row["comment_cv_macro_f1"])}
        (work / f"w{row['w']}.json").write_text(json.dumps(data, sort_keys=True, indent=0), encoding="utf-8")
    # learning curve at the chosen w: fewer training-fold comments, every held-out pair scored
    row, M, weight, _, _, _ = next(r for r in rows if r[0]["w"] == best["w"])
    comm_idx = np.flatnonzero(is_comm)
    keys = [(r["source"], r["key"]) for r in labels]
    curve = {}
    for frac in CURVE:
        scores = []
        for seed in range(CURVE_SEEDS if frac < 1 else 1):
            keep = sorted(set(keys))
            random.Random(f"20261208-lc-{seed}").shuffle(keep)
            kept = set(keep[:round(frac * len(keep))])
            wt = weight.copy()
            wt[comm_idx] = [weight[i] if keys[k] in kept else 0.0 for k, i in enumerate(comm_idx)]
            if best["w"] == 0:
                break
            logits = joint_oof(M, y, fold_of, wt, C, predict=is_comm)
            lab = np.array(ts.offset_labels(logits[is_comm], row["neutral_offset"]))
            scores.append(fold_macro_f1(yc, lab, fold_of[is_comm]))
        curve[str(frac)] = scores
        say(f"learning curve {frac}: {np.round(scores, 4).tolist()}; {time.process_time() - cpu0:.1f}s CPU")
    report["learning_curve"] = curve
    report["cpu_seconds"] = time.process_time() - cpu0
    (work / "fit.json").write_text(json.dumps(report, indent=1, default=float), encoding="utf-8")
    say(f"done; {report['cpu_seconds']:.1f}s CPU")
    return 0


def dev_scores(shared: Path, path: Path) -> dict[str, Any]:
    """NewsMTSC rw/mt dev macro-F1 of a weight file: most probable class and confident calls."""
    from discourse.actors.stance import StanceAnalyzer
    from discourse.actors.stance_model import load_model
    from discourse.validation.stance import load_newsmtsc, macro_f1

    model = load_model(path)
    out = {}
    for split in ("rw", "mt"):
        data = load_newsmtsc(shared / "eval", split)
        gold = [t.label for t in data]
        for name, abstain in (("most_probable", False), ("calls", True)):
            analyzer = StanceAnalyzer(method="fitted", model=model, abstain=abstain)
            pred = [analyzer.toward(t.sentence, t.start, t.end).label for t in data]
            out[f"{split}_{name}"] = round(macro_f1(gold, pred)[0], 4)
    return out


def score(args: argparse.Namespace) -> int:
    """Score each variant once: gold comment pairs, reading-sample tally, NewsMTSC dev sets."""
    import io
    import runpy
    from contextlib import redirect_stdout

    shared, work = Path(args.shared), Path(args.work)
    names = args.variants or [p.stem for p in sorted(work.glob("w*.json"))]
    for name in names:
        path = work / f"{name}.json"
        results: dict[str, Any] = {}
        for script, argv in (("tests/data/gold/score_stance.py", ["--shared", str(shared), "--model", str(path)]),
                             ("tests/data/stance_reading/reading.py", ["--shared", str(shared), "--model", str(path), "tally"])):
            run = runpy.run_path(str(REPO / script))["main"]
            buf = io.StringIO()
            with redirect_stdout(buf):
                run(argv)
            results[script] = buf.getvalue()
        results["dev"] = json.dumps(dev_scores(shared, path))
        (work / f"score_{name}.txt").write_text("\n".join(f"#### {k}\n{v}" for k, v in results.items()), encoding="utf-8")
        print(f"== {name}: dev {results['dev']}")
        lines = results["tests/data/gold/score_stance.py"].splitlines()
        i = lines.index("== stance_toward, author's own (reported -> neutral) ==")
        print("\n".join(lines[i:i + 6]))
        print("\n".join(results["tests/data/stance_reading/reading.py"].splitlines()[:6]))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample", help="draw the pairs to annotate (prints sentences: do not commit the output)")
    p.add_argument("shared")
    f = sub.add_parser("fit", help="cross-validate the weights w, write one weight file per w to WORK")
    f.add_argument("train_dir", help="the shared training folder (holds newsmtsc/ and the comment files)")
    f.add_argument("labels", nargs="?", default=str(LABEL_FILE))
    f.add_argument("--work", required=True)
    s = sub.add_parser("score", help="score each weight file once (gold pairs, reading tally, NewsMTSC dev)")
    s.add_argument("shared")
    s.add_argument("--work", required=True)
    s.add_argument("--variants", nargs="*")
    args = parser.parse_args(argv)
    return {"sample": sample, "fit": fit, "score": score}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
