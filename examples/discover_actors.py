"""Names a folder of plain-text articles uses that the actor registry does not know (issue 14).
============================================================================================

Run from the repository::

    python examples/discover_actors.py ../shared/eval/propaganda/train-articles --top 20
    python examples/discover_actors.py FOLDER --toml > extra.toml     # a registry extension to review
    python examples/discover_actors.py                                # the bundled seed thread

Each ``*.txt`` file is one text (one "thread"); without a folder, the seed's article and comments are
the texts; the candidates are found as in every analysis
(:mod:`discourse.actors.discovery`) and merged over the folder. Prints the top names with their
count, the number of files using them, the suggested kind and an example sentence.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from discourse.actors import default_registry
from discourse.actors.discovery import aggregate_candidates, candidate_rows, candidates_toml
from discourse.datasets import load_seed
from discourse.text import Doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", help="folder of .txt files (default: the bundled seed)")
    parser.add_argument("--top", type=int, default=20, help="how many names to print (default: 20)")
    parser.add_argument("--toml", action="store_true", help="print a registry extension instead")
    args = parser.parse_args()
    if args.folder is None:
        thread = load_seed()
        texts = [("article", f"{thread.article.title}\n{thread.article.text}")]
        texts += [(comment.id, comment.text) for comment in thread.comments]
        source = "the bundled seed"
    else:
        files = sorted(args.folder.glob("*.txt"))
        if not files:
            sys.exit(f"{args.folder}: no .txt files")
        texts = [(file.stem, file.read_text(encoding="utf-8")) for file in files]
        source = str(args.folder)
    registry = default_registry()
    rows = []
    start = time.process_time()
    for name, text in texts:
        doc = Doc(text)
        rows += candidate_rows([(name, doc, registry.find(doc))], thread_id=name, registry=registry)
    seconds = time.process_time() - start
    merged = aggregate_candidates(rows)
    if args.toml:
        sys.stdout.write(candidates_toml(merged, registry=registry, source=source))
        return
    print(f"{len(texts)} texts ({source}), registry of {len(registry)} actors: {len(merged)} distinct unmatched names, "
          f"{sum(r['count'] for r in merged)} occurrences ({seconds:.1f} s CPU with mention finding)\n")
    print(f"{'count':>5} {'files':>5}  {'name':<28} {'suggested':<13} example")
    for row in merged[: args.top]:
        example = row["examples"].split(" | ")[0][:70]
        print(f"{row['count']:5d} {row['threads']:5d}  {row['name']:<28} {row['suggested_kind']:<13} {example}")


if __name__ == "__main__":
    main()
