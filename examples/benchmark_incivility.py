"""The incivility stage's share of the full analysis (issue 16), first and later passes.
=====================================================================================

Run from the repository::

    python examples/benchmark_incivility.py                # synthetic corpus, 3,000 comments
    python examples/benchmark_incivility.py --texts-csv ../shared/eval/comments/SFU_constructiveness_toxicity.csv \
        --text-column comment

It runs ``analyze(threads, sentiment="vader", features="all")`` (what ``benchmark.py`` times as
(c)) `--passes` times (default 2) after an untimed warm-up on the first thread, forgetting the
cached Docs before each pass as ``benchmark.py`` does. The incivility stage's three methods
(``analyze_unit``, ``unit_rows``, ``thread_rows`` of
:class:`~discourse.pipeline.stages.IncivilityStage`) are wrapped in CPU-time timers
(:func:`time.process_time`), and each pass prints:

- the pass's CPU time per comment (the whole ``analyze`` call, tables included);
- the stage's CPU time per comment;
- **share** = stage / (total - stage): how much the stage adds to the rest of the analysis
  (issue 16 asks for at most 15%).

The first pass is the one a user pays: every word of a new vocabulary is seen for the first time
there (the model memoises each word's normalised form, features and weights; the memos live for
the process). Later passes reuse those memos. CPU time is used because the machine this was
written on is shared; the timers cost about 1 µs per call (three calls per comment), which is
counted in the stage. ``--profile FILE`` also writes a :mod:`cProfile` of the first pass.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import time
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmark import _clear_text_cache, threads_from_csv  # (examples/benchmark.py, beside this script)

from discourse.datasets.synthetic import synthetic_corpus
from discourse.errors import DataWarning
from discourse.model import Corpus, Thread
from discourse.pipeline.analysis import analyze
from discourse.pipeline.stages import IncivilityStage

_clock = time.process_time
_STAGE_SECONDS = [0.0]


def _timed(method: Any) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = _clock()
        try:
            return method(*args, **kwargs)
        finally:
            _STAGE_SECONDS[0] += _clock() - start

    wrapper.__wrapped__ = method  # type: ignore[attr-defined]
    return wrapper


def time_stage() -> None:
    """Wrap the incivility stage's three methods in the CPU timer (once per process)."""
    for name in ("analyze_unit", "unit_rows", "thread_rows"):
        method = getattr(IncivilityStage, name)
        if not hasattr(method, "__wrapped__"):
            setattr(IncivilityStage, name, _timed(method))


def one_pass(threads: Sequence[Thread], profile: Path | None = None) -> tuple[float, float]:
    """CPU seconds of one full analysis of `threads` and of the incivility stage within it."""
    corpus = Corpus(list(threads), name="benchmark")
    _clear_text_cache()
    gc.collect()
    _STAGE_SECONDS[0] = 0.0
    profiler = cProfile.Profile() if profile is not None else None
    start = _clock()
    if profiler is not None:
        profiler.enable()
    result = analyze(corpus, sentiment="vader", features="all")
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(str(profile))
    total = _clock() - start
    del result
    return total, _STAGE_SECONDS[0]


def main(argv: Sequence[str] | None = None) -> list[tuple[float, float]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=3000)
    parser.add_argument("--comments-per-thread", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--texts-csv", type=Path, default=None, help="real comments instead of the synthetic corpus")
    parser.add_argument("--text-column", default="text", help="with --texts-csv: the column of the texts")
    parser.add_argument("--limit", type=int, default=20000, help="with --texts-csv: at most this many texts")
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--profile", type=Path, default=None, help="write a cProfile of the first pass here")
    args = parser.parse_args(argv)
    if args.texts_csv is None:
        threads = list(synthetic_corpus(args.comments, comments_per_thread=args.comments_per_thread, seed=args.seed))
        source = f"synthetic_corpus({args.comments}, seed={args.seed})"
    else:
        threads = threads_from_csv(args.texts_csv, args.text_column, args.limit, args.comments_per_thread)
        source = args.texts_csv.name
    n = sum(len(t.comments) for t in threads)
    warnings.simplefilter("ignore", DataWarning)  # the actor registry's advice, not a timing matter
    time_stage()
    analyze(Corpus(list(threads[:1]), name="warm-up"), sentiment="vader", features="all")
    print(f"{n:,} comments ({source}), {len(threads)} threads; CPU time (process_time)")
    print(f"{'pass':>4s} {'total µs/comment':>17s} {'incivility µs/comment':>22s} {'share':>7s}")
    out = []
    for k in range(max(1, args.passes)):
        total, stage = one_pass(threads, args.profile if k == 0 else None)
        out.append((total, stage))
        print(f"{k + 1:4d} {total / n * 1e6:17,.0f} {stage / n * 1e6:22,.0f} {stage / (total - stage):7.1%}")
    return out


if __name__ == "__main__":
    main()
