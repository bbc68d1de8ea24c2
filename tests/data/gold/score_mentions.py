"""Score the library's actor-mention finder against the hand-annotated gold sample.

Run from the repository root::

    PYTHONPATH=. python tests/data/gold/score_mentions.py --shared ../shared [--unit sentence] [--errors N]

For every gold sentence, :func:`discourse.actors.find_mentions` runs with the default registry
on the whole record (the comment, the article, the NewsMTSC sentence: the case rules read the
whole text, as in use) and its mentions inside the sentence are kept; ``--unit sentence`` runs on
the sentence alone instead. Predicted spans are matched one-to-one to gold spans

- **exact**: same start and end;
- **overlap**: the spans share at least one character (greedy, largest overlap first).

Gold mentions with an *optional* flag (``people``, ``group``, ``nonpolitical``, ``local``,
``uncertain``; see README.md) are "don't care" in the **core** figures: a prediction overlapping
one is neither a true nor a false positive, and missing one is no false negative. The **all**
figures require them. Actors are named by free-text canonical names in the gold file, so only
spans are scored; for matched spans the script also counts how many resolve to a registry actor
whose display name or an alias plausibly equals the gold canonical name (token containment after
case and accent folding).
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gold import DEFAULT_SHARED, GoldDataError, load_mentions, record_text  # noqa: E402

from discourse.actors import ActorRegistry, find_mentions  # noqa: E402

OPTIONAL_FLAGS = frozenset({"people", "group", "nonpolitical", "local", "uncertain"})
SOURCES = ("ptc", "newsmtsc", "sfu", "civil", "reddit")


def predict(records: list[dict[str, Any]], shared: Path, unit: str) -> dict[str, list[tuple[int, int, str]]]:
    """Predicted (start, end, actor_id) per record id, offsets relative to the sentence."""
    registry = ActorRegistry.default()
    out = {}
    for rec in records:
        if unit == "sentence":
            out[rec["id"]] = [(m.start, m.end, m.actor_id) for m in find_mentions(rec["sentence"], registry)]
            continue
        text = record_text(shared, rec["source"], rec["file"], rec["key"])
        s0, s1 = rec["start"], rec["end"]
        out[rec["id"]] = [(m.start - s0, m.end - s0, m.actor_id)
                          for m in find_mentions(text, registry) if m.start >= s0 and m.end <= s1]
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold: list[dict], pred: list[tuple[int, int, str]], mode: str) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs, exact or by largest overlap first."""
    if mode == "exact":
        index = {(p[0], p[1]): j for j, p in enumerate(pred)}
        return [(i, index[(g["start"], g["end"])]) for i, g in enumerate(gold) if (g["start"], g["end"]) in index]
    cands = sorted(((_overlap((g["start"], g["end"]), p[:2]), i, j)
                    for i, g in enumerate(gold) for j, p in enumerate(pred)
                    if _overlap((g["start"], g["end"]), p[:2]) > 0), reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in cands:
        if i not in used_g and j not in used_p:
            used_g.add(i), used_p.add(j), pairs.append((i, j))
    return sorted(pairs)


def score_record(rec: dict, pred: list[tuple[int, int, str]], mode: str, core: bool) -> dict[str, Any]:
    """True positives, false positives (pred indices), false negatives (gold indices)."""
    gold = rec["mentions"]
    pairs = match(gold, pred, mode)
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    optional = {i for i, g in enumerate(gold) if OPTIONAL_FLAGS & set(g["flags"])} if core else set()
    tp = [(i, j) for i, j in pairs if i not in optional]
    fn = [i for i in range(len(gold)) if i not in matched_g and i not in optional]
    fp = []
    for j, p in enumerate(pred):
        if j in matched_p and all(i not in optional for i, jj in pairs if jj == j):
            continue
        if any(_overlap((gold[i]["start"], gold[i]["end"]), p[:2]) > 0 for i in optional):
            continue  # touches a don't-care gold mention
        if j in matched_p:
            continue  # matched an optional mention
        fp.append(j)
    return {"tp": tp, "fp": fp, "fn": fn}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * p * r / (p + r) if tp else 0.0
    return p, r, f


def _fold(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.casefold().replace(".", ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return [t for t in re.findall(r"[a-z0-9]+", text) if t not in ("the", "of", "party")]


def plausible(registry: ActorRegistry, actor_id: str, canonical: str) -> bool:
    """Does the registry actor plausibly carry the gold canonical name?

    True when the canonical name equals the display name or an alias after case, accent and
    punctuation folding (ignoring *the*, *of*, *party* and a bracketed note), or when the display
    name or the canonical name is a single word contained in the other.
    """
    actor = registry[actor_id]
    gold = set(_fold(re.sub(r"\(.*?\)", "", canonical)))
    if not gold:
        return False
    if any(set(_fold(a.text)) == gold for a in actor.aliases):
        return True
    toks = set(_fold(actor.name))
    # equal display names, or a one-word name contained in the other ("Trump" / "Donald Trump");
    # not two full names that merely share words ("George W. Bush" / "George H. W. Bush")
    return toks == gold or (len(toks) == 1 and toks <= gold) or (len(gold) == 1 and gold <= toks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(DEFAULT_SHARED), help="shared data root (holds eval/ and train/)")
    parser.add_argument("--unit", choices=("record", "sentence"), default="record",
                        help="run find_mentions on the whole record (default) or the sentence alone")
    parser.add_argument("--errors", type=int, default=0,
                        help="list at most N errors of each kind (default none: the sample is a test set, and "
                             "choosing rules or gazetteer entries by its misses would tune the library to it)")
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    try:
        records = load_mentions(shared)
    except GoldDataError as exc:  # no shared data: the sample holds no sentence text to score
        print(f"score_mentions: {exc}", file=sys.stderr)
        return 2
    preds = predict(records, shared, args.unit)
    registry = ActorRegistry.default()
    print(f"gold: {len(records)} sentences, {sum(len(r['mentions']) for r in records)} mentions "
          f"({sum(1 for r in records for m in r['mentions'] if not OPTIONAL_FLAGS & set(m['flags']))} core); "
          f"registry: {len(registry)} actors; unit: {args.unit}")
    print(f"predicted mentions: {sum(len(p) for p in preds.values())}\n")
    header = f"{'source':<12}{'figure':<14}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}{'F1':>8}"
    print(header)
    results = {}
    for mode in ("exact", "overlap"):
        for core in (True, False):
            per = defaultdict(lambda: [0, 0, 0])
            for rec in records:
                s = score_record(rec, preds[rec["id"]], mode, core)
                results[(rec["id"], mode, core)] = s
                for key in (rec["source"], "all"):
                    per[key][0] += len(s["tp"]); per[key][1] += len(s["fp"]); per[key][2] += len(s["fn"])
                if rec["stratum"] == "random":
                    for key in ("all/random",):
                        per[key][0] += len(s["tp"]); per[key][1] += len(s["fp"]); per[key][2] += len(s["fn"])
            label = f"{mode}/{'core' if core else 'all'}"
            for key in (*SOURCES, "all/random", "all"):
                tp, fp, fn = per[key]
                p, r, f = prf(tp, fp, fn)
                print(f"{key:<12}{label:<14}{tp:>5}{fp:>5}{fn:>5}{p:>11.3f}{r:>8.3f}{f:>8.3f}")
            print()
    # identity of matched spans (overlap, all gold mentions)
    n_match = n_plaus = 0
    implausible = []
    for rec in records:
        for i, j in results[(rec["id"], "overlap", False)]["tp"]:
            g, p = rec["mentions"][i], preds[rec["id"]][j]
            n_match += 1
            if plausible(registry, p[2], g["actor"]):
                n_plaus += 1
            else:
                implausible.append((rec["id"], g["surface"], g["actor"], p[2], registry[p[2]].name))
    print(f"matched spans (overlap, all): {n_match}; resolving to an actor whose name or alias "
          f"plausibly equals the gold canonical name: {n_plaus}")
    for row in implausible[:args.errors]:
        print("  different actor? {}: {!r} gold={!r} predicted={} ({})".format(*row))
    if args.errors:
        print("\nerrors (exact span, core figures):")
    n_fp = n_fn = 0
    for rec in records:
        s = results[(rec["id"], "exact", True)]
        sent, pred = rec["sentence"], preds[rec["id"]]
        for j in s["fp"]:
            if n_fp < args.errors:
                st, en, aid = pred[j]
                near = [g["surface"] for g in rec["mentions"] if _overlap((g["start"], g["end"]), (st, en))]
                print(f"  FP {rec['id']}: {sent[st:en]!r} [{st}:{en}] -> {aid}"
                      + (f" (gold span {near[0]!r})" if near else f" | ...{sent[max(0, st - 30):en + 30]!r}..."))
            n_fp += 1
        for i in s["fn"]:
            if n_fn < args.errors:
                g = rec["mentions"][i]
                print(f"  FN {rec['id']}: {g['surface']!r} [{g['start']}:{g['end']}] = {g['actor']} ({g['kind']}"
                      + (f"; {','.join(g['flags'])}" if g["flags"] else "") + ")")
            n_fn += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
