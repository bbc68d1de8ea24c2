"""CPU time per comment of two or more versions of discourse on the same comments: the actor
stage alone, or the full analysis (issues 14-17 ask for time "before and after" a change).

Check the earlier version out beside this one, then time both from the repository::

    git worktree add --detach ../discourse-before b0d0b2b
    python examples/benchmark_versions.py ../discourse-before . --csv FILE --text-column comment
    python examples/benchmark_versions.py ../discourse-before . --csv FILE --text-column 0   # no header
    python examples/benchmark_versions.py ../discourse-before . --csv FILE --part full

Each version runs in its own Python process with its source folder first on ``PYTHONPATH``, the
versions alternating from round to round (so each sees the same machine load); each process
reads the first ``--n`` non-empty texts of the CSV column, groups them into threads of 100
comments under an empty article (as ``benchmark.py --texts-csv`` does), warms up on the first
thread, and reports the best of ``--repeat`` timed passes (CPU time,
:func:`time.process_time`). ``--part actors`` times what the pipeline asks of the actor stage
(its analysis of each comment, the per-comment rows or columns, the per-thread rows; the text
layer is built before timing), ``--part full`` the whole :func:`discourse.analyze` with
``sentiment="vader", features="all"``. The code in the worker uses only names that every
version since 0.1.0 has.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from statistics import median
from typing import Any

PER_THREAD = 100


def _threads(path: str, column: str, limit: int) -> list[Any]:
    import pandas as pd

    from discourse.model import Article, Comment, Thread

    if column.isdigit():  # a file without a header: the column's position
        frame = pd.read_csv(path, header=None, usecols=[int(column)], dtype=str, keep_default_na=False)
        values = frame[int(column)]
    else:
        values = pd.read_csv(path, usecols=[column], dtype=str, keep_default_na=False)[column]
    texts = [text for text in values if text.strip()][:limit]
    return [
        Thread(
            Article(id=f"t{start // PER_THREAD:06d}"),
            tuple(Comment(id=f"c{start + k:07d}", text=text) for k, text in enumerate(texts[start : start + PER_THREAD])),
        )
        for start in range(0, len(texts), PER_THREAD)
    ]


def _actor_stage_seconds(threads: list[Any], repeat: int) -> float:
    """Best CPU seconds of the actor stage's work on the threads' comments."""
    try:  # the package layout since issue 14
        from discourse.pipeline.stages import ActorStage, Unit
    except ImportError:  # 0.1.0
        from discourse.stages import ActorStage, Unit  # type: ignore[no-redef]
    from discourse.text import Doc

    stage = ActorStage()
    unit_rows = getattr(stage, "unit_columns", stage.unit_rows)
    warm = [Unit("w", c.id, "comment", Doc(c.text)) for c in threads[0].comments]
    stage.thread_rows("w", warm, [stage.analyze_unit(unit) for unit in warm])
    best = float("inf")
    for _ in range(repeat):
        chunks = [
            [Unit(thread.article.id, c.id, "comment", Doc(c.text)) for c in thread.comments] for thread in threads
        ]
        for chunk in chunks:
            for unit in chunk:
                unit.doc.tokens, unit.doc.sentence_token_ranges
        gc.collect()
        start = time.process_time()
        for chunk in chunks:
            results = []
            for unit in chunk:
                result = stage.analyze_unit(unit)
                unit_rows(unit, result)
                results.append(result)
            stage.thread_rows(chunk[0].thread_id, chunk, results)
        best = min(best, time.process_time() - start)
    return best


def _full_analysis_seconds(threads: list[Any], repeat: int) -> float:
    """Best CPU seconds of :func:`discourse.analyze` on the threads."""
    import warnings

    import discourse

    warnings.simplefilter("ignore")  # (the unknown-names warning of newer versions)
    discourse.analyze(threads[:1], sentiment="vader", features="all")
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        discourse.analyze(threads, sentiment="vader", features="all")
        best = min(best, time.process_time() - start)
    return best


def _worker(args: argparse.Namespace) -> None:
    threads = _threads(args.csv, args.text_column, args.n)
    n = sum(len(thread.comments) for thread in threads)
    timer = _actor_stage_seconds if args.part == "actors" else _full_analysis_seconds
    seconds = timer(threads, args.repeat)
    print(json.dumps({"us_per_comment": seconds / n * 1e6, "comments": n}))


def _describe(folder: Path) -> str:
    """The folder's commit (short hash), or its name when it is not a git checkout."""
    done = subprocess.run(
        ["git", "-C", str(folder), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or folder.name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("versions", nargs="*", type=Path, help="source folders of the versions (the first is the reference)")
    parser.add_argument("--csv", required=True, help="CSV file of comments")
    parser.add_argument(
        "--text-column", default="text", help="its column of texts (default text; a number for a file without header)"
    )
    parser.add_argument("--n", type=int, default=3000, help="comments read (default 3000)")
    parser.add_argument("--part", choices=("actors", "full"), default="actors")
    parser.add_argument("--rounds", type=int, default=3, help="rounds, each running every version once (default 3)")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per process; the best is kept (default 3)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(args)
        return
    if len(args.versions) < 2:
        parser.error("give at least two source folders")
    folders = [folder.absolute() for folder in args.versions]
    times: list[list[float]] = [[] for _ in folders]
    comments = 0
    for round_ in range(args.rounds):
        order = range(len(folders)) if round_ % 2 == 0 else range(len(folders) - 1, -1, -1)
        for index in order:
            command = [sys.executable, str(Path(__file__).resolve()), "--worker", "--csv", args.csv]
            command += ["--text-column", args.text_column, "--n", str(args.n), "--part", args.part]
            command += ["--repeat", str(args.repeat)]
            env = {**os.environ, "PYTHONPATH": str(folders[index])}
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
            if done.returncode:
                raise SystemExit(f"{folders[index]}: the worker failed:\n{done.stderr}")
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            times[index].append(figures["us_per_comment"])
            comments = figures["comments"]
    reference = min(times[0])
    print(f"{args.part}: CPU µs per comment, {comments:,} comments of {Path(args.csv).name}, "
          f"best of {args.repeat} passes per process, {args.rounds} rounds")
    print(f"{'version':<24} {'rounds':<30} {'best':>8} {'x first':>8} {'median ratio':>13}")
    for folder, rounds in zip(folders, times):
        ratios = [mine / first for mine, first in zip(rounds, times[0])]
        label = f"{folder.name} ({_describe(folder)})"
        print(f"{label:<24} {', '.join(f'{t:.1f}' for t in rounds):<30} {min(rounds):>8.1f} "
              f"{min(rounds) / reference:>8.2f} {median(ratios):>13.2f}")

if __name__ == "__main__":
    main()
