"""Actors in the seed thread: who is named how, judged how, and who says so.

Prints, for the article and for the comments, the stance toward each actor (the author's own and
the stance the author reports from others), with the evidence behind each score; then the
nomination table (which names each part uses), the actor relations (a network's edges) and the
predications (the evaluative words attached to each actor). All tables are written as CSV to the
output folder.

Run::

    python examples/actor_stance.py out/actors
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
from pathlib import Path

from discourse.actors.analyzer import analyze_thread_actors
from discourse.actors import ActorRegistry
from discourse.datasets import load_seed


def write_table(rows: list[dict], path: Path) -> None:
    """Write rows as CSV atomically (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        columns = list(rows[0]) if rows else []
        writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(temporary, path)


def show_stance(rows: list[dict], part: str, registry: ActorRegistry, limit: int = 12) -> None:
    print(f"\n== Stance in the {part} ({'mean of mention scores in [-1, 1]'}) ==")
    own = [r for r in rows if r["part"] == part and r["source"] == "author"]
    own.sort(key=lambda r: (-r["n_mentions"], r["actor"]))
    print(f"{'actor':24} {'n':>3} {'score':>7} label     evidence (strongest cues)")
    for r in own[:limit]:
        evidence = "; ".join(r["evidence"].split("; ")[:3])
        print(f"{registry[r['actor']].name[:24]:24} {r['n_mentions']:3d} {r['score']:+7.3f} {r['label']:9} {evidence}")
    reported = [r for r in rows if r["part"] == part and r["source"] != "author"]
    if reported:
        print(f"-- stance the {part} reports from others (source -> actor) --")
        for r in sorted(reported, key=lambda r: (r["source"], r["actor"])):
            evidence = "; ".join(r["evidence"].split("; ")[:2])
            print(f"{r['source']:>18} -> {r['actor']:18} {r['score']:+7.3f} {r['label']:9} {evidence}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    out = Path(argv[0])
    registry = ActorRegistry.default()
    thread = load_seed()
    tables = analyze_thread_actors(thread, registry).tables()

    show_stance(tables["stance"], "article", registry)
    show_stance(tables["stance"], "comments", registry)

    print("\n== Nomination: names used per part (article / comments) ==")
    counts: dict[tuple[str, str, str], dict[str, int]] = {}
    for r in tables["nominations"]:
        counts.setdefault((r["actor"], r["alias"], r["form"]), {})[r["part"]] = r["count"]
    for (actor, alias, form), by_part in counts.items():
        print(f"{actor:18} {alias:28} {form:12} {by_part.get('article', 0):3d} / {by_part.get('comments', 0):3d}")

    print("\n== Relations (edges: source -> target, mean polarity, cues) ==")
    for e in tables["edges"]:
        print(f"{e['part']:8} {e['source']:18} -> {e['target']:18} n={e['n']} {e['polarity']:+.2f}  {e['relations']}")

    print("\n== Predication: evaluative words attached to each actor ==")
    for r in sorted(tables["predication_summary"], key=lambda r: (r["part"], r["actor"], r["polarity"])):
        print(f"{r['part']:8} {r['actor']:18} {r['word']:16} {r['relation']:10} n={r['n']} {r['polarity']:+.2f}")

    for name, rows in tables.items():
        write_table(rows, out / f"{name}.csv")
    print(f"\nwrote {len(tables)} tables to {out}/: {', '.join(sorted(tables))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
