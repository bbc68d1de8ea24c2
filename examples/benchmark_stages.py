"""Where the full analysis spends its time, stage by stage (issue 8; complements benchmark.py).
============================================================================================

Run from the repository::

    python examples/benchmark_stages.py --comments 4000
    python examples/benchmark_stages.py --comments 4000 --workload all
    python examples/benchmark_stages.py --texts-csv ../shared/eval/comments/SFU_constructiveness_toxicity.csv \
        --text-column comment --repeat 3

It runs what :func:`discourse.pipeline.analysis.analyze` runs, on the synthetic corpus of the benchmark
(:func:`discourse.datasets.synthetic.synthetic_corpus`, fixed seed), with each stage of the
:class:`~discourse.pipeline.analysis.Analysis` wrapped in a timer, and prints microseconds per comment for:

- each stage's analysis of a unit (``analyze_unit``), its per-unit rows (``unit_rows``) and its
  per-thread rows (``thread_rows``);
- the rest of what ``analyze()`` runs for each thread (``Analysis._collect_thread``): the shared
  text layer (each text is cut into sentences and tokens once, when its ``units`` row is made,
  before any stage runs), the ``units`` and ``segments`` rows, the engine's loop over units and
  stages (with the timers' overhead) and the gathering of every table's rows into the run's
  columns (the rhetoric and actor stages give their rows as columns, the others as records);
- building the typed DataFrames at the end;

and the number of rows per comment in each table. The garbage collector is paced as in
``analyze()`` (young generations between threads, see ``discourse.pipeline._gc``). Times are wall-clock
(:func:`time.perf_counter`, about 45 ns a call, so the timers add about 1 µs per comment): run it
on a quiet machine.

``--workload comments`` (the default) blanks each thread's title and article body, as the
benchmark's ``comments`` workload does; ``all`` keeps them.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path
from collections.abc import Sequence
from typing import Any

from benchmark import blank_articles, threads_from_csv  # (examples/benchmark.py, beside this script)

from discourse.pipeline._gc import collect_young, young_collections_only
from discourse.pipeline.analysis import Analysis
from discourse.datasets.synthetic import synthetic_corpus
from discourse.model import Thread
from discourse.results.schema import SCHEMAS
from discourse.pipeline.stages import Unit
from discourse.results.columns import ColumnCollector
from discourse.text import Doc

_clock = time.perf_counter  # (45 ns a call; time.process_time costs ~600 ns, too much per unit)


class TimedStage:
    """A stage that adds the time of each of its calls to `totals` (under its own name)."""

    def __init__(self, stage: Any, totals: Counter[str]) -> None:
        self.stage = stage
        self.name = stage.name
        self.tables = stage.tables
        self.totals = totals

    def analyze_unit(self, unit: Unit) -> Any:
        start = _clock()
        result = self.stage.analyze_unit(unit)
        self.totals[f"{self.name}: analysis"] += _clock() - start
        return result

    def unit_rows(self, unit: Unit, result: Any) -> Any:
        start = _clock()
        rows = self.stage.unit_rows(unit, result)
        self.totals[f"{self.name}: unit rows"] += _clock() - start
        return rows

    def thread_rows(self, thread_id: str, units: Sequence[Unit], results: Sequence[Any]) -> Any:
        start = _clock()
        rows = self.stage.thread_rows(thread_id, units, results)
        self.totals[f"{self.name}: thread rows"] += _clock() - start
        return rows

    def __getattr__(self, name: str) -> Any:
        if name != "unit_columns" or not hasattr(self.stage, name):
            raise AttributeError(name)  # (a stage without it gives records, as in analyze())

        def unit_columns(unit: Unit, result: Any) -> Any:
            start = _clock()
            columns = self.stage.unit_columns(unit, result)
            self.totals[f"{self.name}: unit rows"] += _clock() - start
            return columns

        return unit_columns


class TimedAnalysis(Analysis):
    """The library's :class:`~discourse.pipeline.analysis.Analysis`, its stages wrapped in timers."""

    def timed(self, totals: Counter[str]) -> TimedAnalysis:
        """Time the stages into `totals`."""
        self.__dict__["timed_stages"] = [TimedStage(stage, totals) for stage in Analysis.stages_.fget(self)]
        return self

    @property
    def stages_(self) -> list[Any]:
        return self.__dict__.get("timed_stages") or Analysis.stages_.fget(self)


def stage_times(threads: Sequence[Thread]) -> tuple[Counter[str], Counter[str], float]:
    """Seconds per part, rows per table, and the total seconds of the run."""
    totals: Counter[str] = Counter()
    analysis = TimedAnalysis(sentiment="vader", features="all").timed(totals)
    # warm-up: lexicons loaded, first calls made, pandas imported
    warm_up = {name: ColumnCollector(SCHEMAS[name]) for name in analysis.tables}
    analysis._collect_thread(threads[0], warm_up)
    warm_up["units"].frame()
    totals.clear()
    collected = {name: ColumnCollector(SCHEMAS[name]) for name in analysis.tables}
    begin = _clock()
    with young_collections_only():
        for thread in threads:
            start = _clock()
            analysis._collect_thread(thread, collected)  # (as analyze() gathers a serial run)
            totals["(thread_rows in all)"] += _clock() - start
            start = _clock()
            collect_young()
            totals["garbage collection (young generations)"] += _clock() - start
        start = _clock()
        frames = {name: collected.pop(name).frame() for name in list(collected)}
        totals["typed DataFrames"] += _clock() - start
        start = _clock()
    # Re-enabling the collector lets the next allocation run the collection it postponed: a full
    # scan of everything the run holds (its frames and rows); analyze() pays it too.
    totals["garbage collection (when re-enabled)"] += _clock() - start
    total = _clock() - begin
    rows_per_table = Counter({name: len(frame) for name, frame in frames.items()})
    del frames
    staged = sum(v for k, v in totals.items() if ":" in k)
    totals["text layer, rows, engine loop, gathering"] = totals.pop("(thread_rows in all)") - staged
    return totals, rows_per_table, total


def text_layer_time(threads: Sequence[Thread]) -> float:
    """Seconds to build the :class:`~discourse.text.Doc` of every unit (sentences, tokens,
    word count) alone: the share of the text layer in the engine's own line above."""
    texts = [text for thread in threads for _, _, text in thread.units()]
    begin = _clock()
    with young_collections_only():
        for text in texts:
            doc = Doc(text)
            doc.sentences, doc.tokens, doc.n_words  # noqa: B018 - what _units computes
    return _clock() - begin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--comments", type=int, default=4000)
    parser.add_argument("--comments-per-thread", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workload", choices=("comments", "all"), default="comments")
    parser.add_argument("--texts-csv", type=Path, default=None,
                        help="real comments instead of the synthetic corpus (as in benchmark.py)")
    parser.add_argument("--text-column", default="text", help="with --texts-csv: the column of the texts")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs (per part), default 1")
    args = parser.parse_args()
    if args.texts_csv is None:
        threads = list(synthetic_corpus(args.comments, comments_per_thread=args.comments_per_thread, seed=args.seed))
        source = "synthetic_corpus"
    else:
        threads = threads_from_csv(args.texts_csv, args.text_column, args.comments, args.comments_per_thread)
        source = args.texts_csv.name
    if args.workload == "comments":
        threads = blank_articles(threads)
    n = sum(len(t.comments) for t in threads)
    runs = [stage_times(threads) for _ in range(max(1, args.repeat))]
    totals = Counter({part: min(run[0][part] for run in runs) for part in runs[0][0]})
    rows = runs[0][1]
    total = min(run[2] for run in runs)
    text_layer = min(text_layer_time(threads) for _ in range(max(1, args.repeat)))
    print(f"{n:,} comments ({source}) in {len(threads)} threads, workload {args.workload!r}: "
          f"{total:.2f} s, {total / n * 1e6:,.0f} µs per comment ({n / total:,.0f} comments/s)"
          f"{f', best of {args.repeat} runs' if args.repeat > 1 else ''}\n")
    print(f"{'part':44s} {'µs/comment':>10s} {'share':>6s}")
    for part, seconds in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"{part:44s} {seconds / n * 1e6:10,.0f} {seconds / total:6.1%}")
        if part.startswith("text layer"):
            print(f"{'  of which the text layer (Doc, timed alone)':44s} {text_layer / n * 1e6:10,.0f} {text_layer / total:6.1%}")
    print(f"\n{'table':24s} {'rows/comment':>12s}")
    for table, count in rows.most_common():
        print(f"{table:24s} {count / n:12.1f}")
    print(f"{'(all tables)':24s} {sum(rows.values()) / n:12.1f}")


if __name__ == "__main__":
    main()
