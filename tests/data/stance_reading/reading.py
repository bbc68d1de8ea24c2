"""Read the default stance method's confident calls on real comments: draw them, and tally the readings.

Run from the repository root::

    PYTHONPATH=. python tests/data/stance_reading/reading.py sample --seed cs-5 [--exclude R0.json ...] [--out R.json]
    PYTHONPATH=. python tests/data/stance_reading/reading.py [--model FILE] tally

``sample`` draws, with a fixed seed, up to 1,500 comments per source (Reddit incivility, Civil
Comments, SFU; de-duplicated by text; the comments the gold file ``tests/data/gold/
comment_stance.jsonl`` references are left out), runs :func:`discourse.stance.stance` on each
and prints ``--n`` positive and ``--n`` negative confident calls of the author (a fixed-seed
shuffle; calls already in ``readings.jsonl`` or in ``--exclude`` files left out), each with its
sentence and its strongest evidence terms, for a reader to judge. The draw depends on the
library's calls, so a round is reproduced by the commit it was drawn with (README.md).

``tally`` reads ``readings.jsonl`` (one careful reader's judgement of each call drawn, see
README.md) and prints, per round, the precision of the positive and the negative calls as they
were read, and with the current library: a call the library no longer makes (withheld, or
another label) leaves the count; a call it still makes keeps its reading.

Texts are read from the shared data folder at run time (SFU comments may not be redistributed);
the readings hold references only (source, key, character offsets of the mention).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
DEFAULT_SHARED = REPO.parent / "shared"
READINGS = HERE / "readings.jsonl"
GOLD = REPO / "tests" / "data" / "gold" / "comment_stance.jsonl"
CLASSES = {
    "T": "the actor is not evaluated (a topic, a beneficiary, another actor is the target)",
    "P": "polarity: criticism in positive words, negation, mixed evaluation",
    "I": "irony or sarcasm",
    "V": "the actor is the victim of a negative event",
    "A": "a modifier or part of the actor: attributive name or demonym, members of",
    "L": "the actor named as a place",
    "Q": "a question, conditional or hypothetical",
    "R": "reported or quoted: someone else's stance",
    "E": "an event or outcome word read as evaluation (won, victory)",
    "F": "the call rests on function words (will, the, a, and)",
    "M": "not a mention of the actor (US$, a film title, 'google' the verb)",
}

csv.field_size_limit(sys.maxsize)


def comments(shared: Path) -> Iterator[tuple[str, str, str]]:
    """(source, key, text) of every comment, keys as the gold files use them."""
    with open(shared / "train/reddit_incivility/train.csv", newline="", encoding="utf-8") as fh:
        for i, row in enumerate(csv.reader(fh), 1):
            yield "reddit", str(i), row[0]
    with open(shared / "train/toxic_spans/civil_comments_spans/comments.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            yield "civil", row["comment_id"], row["comment_text"]
    with open(shared / "eval/comments/SFU_constructiveness_toxicity.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            yield "sfu", row["_unit_id"], row["comment"]


def _params(args: argparse.Namespace) -> dict[str, Any]:
    """Stance parameters: the weight file of ``--model``, read once (none: the default analyser)."""
    from discourse.actors.stance_model import load_model

    return {"model": load_model(args.model)} if args.model else {}


def sample(args: argparse.Namespace) -> int:
    from discourse.stance import stance

    params = _params(args)
    shared = Path(args.shared)
    gold = {(g["source"], str(g["key"])) for g in map(json.loads, GOLD.read_text(encoding="utf-8").splitlines())}
    read = {(r["source"], r["key"], r["start"], r["end"]) for f in args.exclude for r in json.load(open(f))}
    if not args.include_read:  # the calls of readings.jsonl were read already
        read |= {(r["source"], r["key"], r["start"], r["end"])
                 for r in map(json.loads, READINGS.read_text(encoding="utf-8").splitlines())}
    by_source: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    seen: dict[str, set[str]] = defaultdict(set)  # de-duplicated within each source
    for source, key, text in comments(shared):
        if (source, key) not in gold and text.strip() and text not in seen[source]:
            seen[source].add(text)
            by_source[source].append((source, key, text))
    rng = random.Random(args.seed)
    calls = []
    for source in ("reddit", "civil", "sfu"):
        rows = by_source[source]
        for src, key, text in rng.sample(rows, min(args.pool, len(rows))):
            for m in stance(text, **params).mentions:
                if m.source == "author" and m.label != "neutral":
                    calls.append((src, key, text, m))
    print(f"{len(calls)} confident author calls", file=sys.stderr)
    calls = [c for c in calls if (c[0], c[1], c[3].start, c[3].end) not in read]
    drawn = []
    for label in ("positive", "negative"):
        pool = [c for c in calls if c[3].label == label]
        rng.shuffle(pool)
        drawn += pool[: args.n]
    records = []
    for i, (src, key, text, m) in enumerate(drawn):
        cues = sorted(m.cues, key=lambda c: -abs(c.contribution))[:8]
        print(f"#{i} [{src} {key}] {m.actor} '{m.alias}' {m.label} {m.score:+.2f} irony={m.irony!r}")
        print(f"   S: {text[m.sentence_start:m.sentence_end][:400]!r}")
        print(f"   E: {', '.join(f'{c.term}({c.contribution:+.2f})' for c in cues)}")
        records.append({"i": i, "source": src, "key": key, "actor": m.actor, "start": m.start, "end": m.end,
                        "label": m.label, "score": round(m.score, 4)})
    if args.out:
        Path(args.out).write_text(json.dumps(records, indent=0), encoding="utf-8")
    return 0


def tally(args: argparse.Namespace) -> int:
    from discourse.stance import stance

    params = _params(args)
    readings = [json.loads(line) for line in READINGS.read_text(encoding="utf-8").splitlines()]
    wanted = {(r["source"], r["key"]) for r in readings}
    texts = {(s, k): t for s, k, t in comments(Path(args.shared)) if (s, k) in wanted}
    now: dict[tuple[str, str, int, int], str] = {}
    for source, key in sorted(wanted):
        for m in stance(texts[source, key], **params).mentions:
            now[source, key, m.start, m.end] = m.label if m.source == "author" else "neutral"
    groups = defaultdict(list)
    for r in readings:
        groups[r["round"]].append(r)
    classes: dict[str, Counter] = defaultdict(Counter)
    print("round seed   | as read: positive  negative | current library: positive  negative (withheld or changed)")
    for rnd in sorted(groups):
        rows = groups[rnd]
        parts, current = [], []
        for label in ("positive", "negative"):
            called = [r for r in rows if r["call"] == label]
            right = sum(r["reading"] == "right" for r in called)
            parts.append(f"{right}/{len(called)} = {right / len(called):.2f}")
            kept = [r for r in called if now.get((r["source"], r["key"], r["start"], r["end"])) == label]
            right = sum(r["reading"] == "right" for r in kept)
            current.append(f"{right}/{len(kept)} = {right / len(kept) if kept else float('nan'):.2f} ({len(called) - len(kept)})")
            for r in kept:
                if r["reading"] != "right":
                    classes[f"{label}, round {rnd}, current"][r["reading"]] += 1
            for r in called:
                if r["reading"] != "right":
                    classes[f"{label}, round {rnd}, as read"][r["reading"]] += 1
        print(f"{rnd:>5} {rows[0]['seed']:<6} | {parts[0]:>16} {parts[1]:>16} | {current[0]:>22} {current[1]:>22}")
    print("\nerror classes (see README.md):")
    for name in sorted(classes):
        print(f"  {name}: " + ", ".join(f"{c} {n}" for c, n in classes[name].most_common()))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(DEFAULT_SHARED), help="shared data root (holds eval/ and train/)")
    parser.add_argument("--model", default=None, help="a stance weight file to use instead of the bundled one")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sample", help="draw confident calls to read")
    s.add_argument("--seed", required=True)
    s.add_argument("--n", type=int, default=35, help="calls per polarity")
    s.add_argument("--pool", type=int, default=1500, help="comments per source")
    s.add_argument("--exclude", nargs="*", default=[], help="earlier --out files: calls already read")
    s.add_argument("--out", default=None, help="write the drawn calls (references) as JSON")
    s.add_argument("--include-read", action="store_true", help="do not leave out the calls of readings.jsonl")
    sub.add_parser("tally", help="precision of the read calls, as read and with the current library")
    args = parser.parse_args(argv)
    return sample(args) if args.command == "sample" else tally(args)


if __name__ == "__main__":
    raise SystemExit(main())
