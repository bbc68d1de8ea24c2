"""Score the library's stance toward actors against the hand-annotated comment stance sample.

Run from the repository root::

    PYTHONPATH=. python tests/data/gold/score_stance.py --shared ../shared [--context comment] [--model FILE]

Each gold pair is a comment sentence, a target span and the **author's own** stance toward the
target (positive / negative / neutral; README.md). Two library calls are scored:

- ``stance_toward``: :func:`discourse.stance.stance_toward` on the target span;
- ``stance``: :func:`discourse.stance.stance` on the text, the mention overlapping the target
  (no such mention: the registry does not know the actor; counted as a ``neutral`` call and
  reported as ``not found``).

By default the sentence alone is analysed; ``--context comment`` analyses the whole comment with
the target span shifted (cues and attribution may then cross sentence boundaries).

Two readings of the library's label: **as returned**, and **author** (a mention the library
places inside someone else's reported words, ``source != "author"``, counts as a ``neutral``
call, since the gold label is the author's own stance). For each: precision and recall of the
positive and the negative calls, macro-F1 over the three classes, accuracy, the confusion matrix
(rows gold, columns predicted) and the disagreements.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gold import DEFAULT_SHARED, GoldDataError, load_stance, record_text  # noqa: E402

from discourse.actors.stance_model import load_model  # noqa: E402
from discourse.stance import stance, stance_toward  # noqa: E402

LABELS = ("positive", "negative", "neutral")


def predict(rec: dict[str, Any], shared: Path, context: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """Both library calls for one gold pair (`params`: stance parameters, e.g. ``method``)."""
    params = params or {}
    if context == "comment":
        text = record_text(shared, rec["source"], rec["file"], rec["key"])
        offset = rec["start"]
    else:
        text, offset = rec["sentence"], 0
    t0, t1 = rec["target_start"] + offset, rec["target_end"] + offset
    toward = stance_toward(text, t0, t1, **params)
    found = [m for m in stance(text, **params).mentions if m.start < t1 and m.end > t0]
    mention = max(found, key=lambda m: min(m.end, t1) - max(m.start, t0)) if found else None
    return {
        "stance_toward": (toward.label, toward.source, toward.score, toward),
        "stance": ((mention.label, mention.source, mention.score, mention) if mention
                   else ("neutral", "not found", 0.0, None)),
    }


def author_view(label: str, source: str) -> str:
    return label if source == "author" else "neutral"


def report(name: str, gold: list[str], pred: list[str]) -> dict[str, float]:
    n = len(gold)
    conf = Counter(zip(gold, pred))
    f1s = []
    out: dict[str, float] = {}
    print(f"\n== {name} ==")
    for lab in LABELS:
        tp = conf[(lab, lab)]
        called = sum(1 for p in pred if p == lab)
        actual = sum(1 for g in gold if g == lab)
        p = tp / called if called else float("nan")
        r = tp / actual if actual else float("nan")
        f = 2 * p * r / (p + r) if tp else 0.0
        f1s.append(f)
        out[lab] = p
        print(f"  {lab:<9} precision {p:.3f} ({tp}/{called})  recall {r:.3f} ({tp}/{actual})  F1 {f:.3f}")
    macro = sum(f1s) / len(f1s)
    acc = sum(conf[(lab, lab)] for lab in LABELS) / n
    print(f"  macro-F1 {macro:.3f}   accuracy {acc:.3f} (n={n})")
    print("  confusion (rows gold, columns predicted):")
    print("  " + " " * 10 + "".join(f"{lab:>10}" for lab in LABELS))
    for g in LABELS:
        print(f"  {g:<10}" + "".join(f"{conf[(g, p)]:>10}" for p in LABELS))
    out["macro_f1"], out["accuracy"] = macro, acc
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(DEFAULT_SHARED), help="shared data root (holds eval/ and train/)")
    parser.add_argument("--context", choices=("sentence", "comment"), default="sentence",
                        help="analyse the sentence alone (default) or the whole comment")
    parser.add_argument("--method", choices=("fitted", "rules"), default="fitted", help="stance method")
    parser.add_argument("--model", default=None,
                        help="fitted: a weight file to score instead of the bundled one (e.g. a variant)")
    parser.add_argument("--no-abstain", action="store_true",
                        help="fitted: label the most probable class instead of confident calls")
    parser.add_argument("--tradeoff", action="store_true",
                        help="also print precision/recall of the polar calls of stance_toward at other score "
                             "thresholds (reporting only: the shipped threshold is chosen on training data)")
    args = parser.parse_args(argv)
    params: dict[str, Any] = {"method": args.method}
    if args.no_abstain:
        params["abstain"] = False
    shared = Path(args.shared)
    try:
        records = load_stance(shared)
    except GoldDataError as exc:  # no shared data: the sample holds no sentence text to score
        print(f"score_stance: {exc}", file=sys.stderr)
        return 2
    # the model is read once and passed as an object (the header's params stay the method's)
    calls = dict(params, model=load_model(args.model)) if args.model else params
    preds = [predict(rec, shared, args.context, calls) for rec in records]
    gold = [rec["label"] for rec in records]
    counts = Counter(gold)
    print(f"gold: {len(records)} pairs ({', '.join(f'{k} {counts[k]}' for k in LABELS)}); "
          f"sources {dict(Counter(r['source'] for r in records))}; context: {args.context}; params {params}")
    n_missing = sum(1 for p in preds if p["stance"][1] == "not found")
    print(f"targets not found as registry mentions by stance(): {n_missing}")
    for method in ("stance_toward", "stance"):
        raw = [p[method][0] for p in preds]
        auth = [author_view(p[method][0], p[method][1]) for p in preds]
        report(f"{method}, label as returned", gold, raw)
        report(f"{method}, author's own (reported -> neutral)", gold, auth)
        for flag in ("sarcastic", "reported", "uncertain"):
            idx = [i for i, r in enumerate(records) if flag in r["flags"]]
            if idx:
                ok = sum(1 for i in idx if auth[i] == gold[i])
                print(f"  pairs flagged {flag}: {ok}/{len(idx)} agree (author's own reading)")
        subset = [i for i, r in enumerate(records) if not r["flags"]]
        report(f"{method}, author's own, unflagged pairs only", [gold[i] for i in subset], [auth[i] for i in subset])
    if args.tradeoff:
        print("\n== stance_toward, author's own: polar calls by score threshold (reporting only) ==")
        for threshold in (0.0, 0.1, 0.2, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7):
            parts = []
            for lab, sign in (("positive", 1), ("negative", -1)):
                called = [i for i, p in enumerate(preds)
                          if p["stance_toward"][1] == "author" and sign * p["stance_toward"][2] > threshold]
                tp = sum(1 for i in called if gold[i] == lab)
                actual = sum(1 for g in gold if g == lab)
                parts.append(f"{lab} P {tp / len(called) if called else float('nan'):.3f} ({tp}/{len(called)}) "
                             f"R {tp / actual:.3f}")
            print(f"  |score| > {threshold:.2f}: " + ";  ".join(parts))
    print("\n== disagreements (stance_toward, author's own reading) ==")
    for rec, p in zip(records, preds):
        label, source, score, ms = p["stance_toward"]
        a = author_view(label, source)
        if a == rec["label"]:
            continue
        cues = ", ".join(f"{c.term}({c.value * c.weight:+.2f})" for c in ms.cues) if ms is not None else ""
        flags = f" [{','.join(rec['flags'])}]" if rec["flags"] else ""
        print(f"  {rec['id']}: {rec['target']!r} gold {rec['label']}{flags}, library {label} "
              f"({score:+.2f}, source {source}) cues: {cues or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
