"""Benchmark: the library's full analysis against vaderSentiment and TextBlob alone (issue 8).
===========================================================================================

Run from the repository::

    python examples/benchmark.py --comments 20000 --out benchmark-results
    python examples/benchmark.py --comments 20000 --out benchmark-results --repeat 3 --profile

Options: ``--comments-per-thread`` (100), ``--seed`` (0), ``--repeat N`` (best of N passes),
``--warmup N`` (untimed warm-up texts, 200), ``--only a,b,c,d`` (a subset),
``--workload both|all|comments``, ``--no-check`` (skip the VADER check), ``--profile``,
``--cpu`` (CPU time instead of wall clock, for a busy machine),
``--texts-csv FILE --text-column NAME`` (your own comments instead of the synthetic corpus).
See ``docs/guide/scale.md``.

On one synthetic corpus (:func:`discourse.datasets.synthetic.synthetic_corpus`: resampled
sentences of the seed thread, about 80 words per comment, 100 comments per thread, fixed seed)
it measures, in one process and one run:

(a) ``vaderSentiment``'s ``SentimentIntensityAnalyzer().polarity_scores(text)`` alone;
(b) TextBlob's ``TextBlob(text).sentiment`` alone;
(c) the library's full analysis, ``discourse.pipeline.analysis.analyze(corpus, sentiment="vader",
    features="all")`` (every stage the pipeline runs, plus building its tables);
(d) each analyser of the library alone, on plain strings (so each pays for its own
    tokenisation), and the shared text layer alone (``Doc``: sentences and tokens).

Two workloads, reported side by side:

``all``
    Every method processes the same texts: each thread's title, article body and comments (the
    units the full analysis reads), so the ratios compare like with like on a whole corpus.
``comments``
    The comments alone: (a), (b) and (d) on the comment texts, (c) on the same threads with the
    title and article body blanked. This is the workload of issue 8's reference figures
    (80-word comments). vaderSentiment's time grows quadratically with a text's length (it
    rebuilds the lower-cased word list for each sentiment word), so one 1,210-word article costs
    it about as much as 50 comments although it has as many words as 15: the ``all`` ratio
    (c)/(a) flatters a library whose VADER is linear. Quote both.

*comments/s* is the number of comments divided by the time; *words/s* counts the words of the
texts processed (``Doc(text).n_words``). Times are wall-clock (:func:`time.perf_counter`; with
``--cpu`` the process's CPU time, :func:`time.process_time`) of a
full pass, after a warm-up on the first units that is not timed, with the garbage collector
collected before each pass; for (a), (b) and (d) one pass times the comments and the
titles/articles separately (``all`` = their sum); with ``--repeat N`` the best of N passes is
kept. Results are discarded as they come, so memory does not grow during a pass (except in
(c), whose result is the tables).

It also checks that the library's VADER scores (compound, pos, neu, neg) equal vaderSentiment's
on every unit, and prints the largest absolute difference.

Output (in ``--out``): ``benchmark.csv`` (the table) and ``benchmark.json`` (the table, the
ratios, the VADER check, the corpus parameters and machine information: cores, CPU, Python and
library versions). ``--profile`` also runs (c) under :mod:`cProfile`, prints the top 25
functions by cumulative and by total (own) time, and writes ``profile_full_analysis.txt`` and
``profile_full_analysis.prof`` (open with ``python -m pstats``).
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as _dt
import gc
import importlib
import io
import json
import os
import platform
import pstats
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any

from discourse.datasets.synthetic import synthetic_corpus
from discourse.io.atomic import atomic_write
from discourse.model import Corpus, Thread
from discourse.text import Doc

# -- what is measured ------------------------------------------------------------------------------
# (d): the library's analysers, each called alone on a plain string. The APIs are still being
# written by others, so each is looked up at run time; one that is missing or fails is reported
# as such and the rest of the benchmark goes on. ``factory`` returns a callable text -> result,
# doing any one-time setup (lexicon loading) outside the timed pass.


def _front_door(module: str, name: str, **kwargs: Any) -> Callable[[], Callable[[str], Any]]:
    def factory() -> Callable[[str], Any]:
        function = getattr(importlib.import_module(module), name)
        if kwargs:
            return lambda text: function(text, **kwargs)
        return function

    return factory


def _text_layer() -> Callable[[str], Any]:
    def run(text: str) -> Any:
        doc = Doc(text)
        return doc.sentences, doc.tokens

    return run


LIBRARY_ANALYSERS: tuple[tuple[str, str, Callable[[], Callable[[str], Any]]], ...] = (
    ("text layer", "Doc(text): sentences + tokens (shared by every analyser)", _text_layer),
    ("sentiment vader", "discourse.sentiment.sentiment(text)", _front_door("discourse.sentiment", "sentiment")),
    ("sentiment textblob", 'discourse.sentiment.sentiment(text, method="textblob")',
     _front_door("discourse.sentiment", "sentiment", method="textblob")),
    ("sentiment news", 'discourse.sentiment.sentiment(text, method="news")',
     _front_door("discourse.sentiment", "sentiment", method="news")),
    ("actors", "discourse.actors.find_mentions(text)", _front_door("discourse.actors", "find_mentions")),
    ("attribution", "discourse.actors.attribution.find_attributions(text)",
     _front_door("discourse.actors.attribution", "find_attributions")),
    ("stance", "discourse.stance.stance(text)", _front_door("discourse.stance", "stance")),
    ("rhetoric", "discourse.rhetoric.rhetorical_features(text) (all features)",
     _front_door("discourse.rhetoric", "rhetorical_features")),
)


def vader_alone() -> Callable[[str], Any]:
    """(a) vaderSentiment's analyser, built once."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().polarity_scores


def textblob_alone() -> Callable[[str], Any]:
    """(b) TextBlob's default (pattern) sentiment, a new TextBlob per text as users write it."""
    from textblob import TextBlob

    return lambda text: TextBlob(text).sentiment


# ==== (c) THE FULL ANALYSIS ======================================================================
FULL_ANALYSIS_CALL = 'discourse.pipeline.analysis.analyze(corpus, sentiment="vader", features="all")'


def full_analysis(corpus: Corpus) -> Any:
    """(c) The library's full analysis of a corpus: every stage of the pipeline + its tables."""
    from discourse.pipeline.analysis import analyze

    return analyze(corpus, sentiment="vader", features="all")


def full_analysis_stages() -> list[str]:
    """Names of the stages (c) runs, for the record (empty if the pipeline cannot say)."""
    try:
        from discourse.pipeline.analysis import Analysis

        return [stage.name for stage in Analysis(sentiment="vader", features="all").stages_]
    except Exception:  # noqa: BLE001 - an informational field only
        return []
# =================================================================================================


WORKLOADS = {
    "all": "titles, article bodies and comments (what the full analysis reads)",
    "comments": "comments only ((c): the same threads with title and article body blanked)",
}


@dataclass
class Row:
    """One line of the table: a method on a workload."""

    key: str
    workload: str
    method: str
    call: str
    comments: int
    units: int
    words: int
    status: str = "ok"
    passes: list[float] = field(default_factory=list)

    @property
    def seconds(self) -> float | None:
        return min(self.passes) if self.passes and self.status == "ok" else None

    def per_s(self, count: int) -> float | None:
        return count / self.seconds if self.seconds else None


CSV_COLUMNS = (
    "key", "workload", "method", "call", "status", "seconds", "comments", "units", "words",
    "comments_per_s", "words_per_s", "units_per_s", "ratio_to_vader", "ratio_to_textblob",
)


@dataclass(frozen=True)
class Texts:
    """The texts of the corpus, split by kind, with their counts."""

    comments: list[str]
    others: list[str]  # titles and article bodies
    comment_words: int
    other_words: int


# -- timing ----------------------------------------------------------------------------------------
def _clear_text_cache() -> None:
    """Forget cached Docs, so every timed pass starts from plain strings."""
    import discourse.text as text_module

    cached = getattr(text_module, "_cached_doc", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()


CLOCK: list[Callable[[], float]] = [time.perf_counter]
"""The clock of every timed pass: wall clock, or with ``--cpu`` the process's CPU time
(:func:`time.process_time`), steadier on a machine shared with other work."""


def _time_pass(function: Callable[[str], Any], comments: Sequence[str], others: Sequence[str]) -> tuple[float, float]:
    """Seconds for the comments, then for the titles and articles, in one pass."""
    _clear_text_cache()
    gc.collect()
    clock = CLOCK[0]
    start = clock()
    for text in comments:
        function(text)
    middle = clock()
    for text in others:
        function(text)
    return middle - start, clock() - middle


def time_texts(
    all_row: Row, comments_row: Row, make: Callable[[], Callable[[str], Any]], texts: Texts,
    warmup: int, repeat: int,
) -> None:
    """Time a text -> result function on both workloads (one pass serves both)."""
    try:
        function = make()
        for text in (texts.others[:2] + texts.comments)[:warmup]:
            function(text)
        for _ in range(repeat):
            t_comments, t_others = _time_pass(function, texts.comments, texts.others)
            all_row.passes.append(t_comments + t_others)
            comments_row.passes.append(t_comments)
    except Exception as exc:  # noqa: BLE001 - a missing or broken analyser is reported, not fatal
        all_row.status = comments_row.status = f"failed: {type(exc).__name__}: {exc}"[:300]


def blank_articles(threads: Sequence[Thread]) -> list[Thread]:
    """The threads with title and article body blanked (the ``comments`` workload)."""
    return [t.replace(article=replace(t.article, title="", text="")) for t in threads]


def time_full(row: Row, threads: Sequence[Thread], repeat: int) -> None:
    """Time (c) on `threads`, best of `repeat`, after an untimed warm-up on the first thread."""
    try:
        full_analysis(Corpus(list(threads[:1]), name="warm-up"))
        for _ in range(repeat):
            corpus = Corpus(list(threads), name="benchmark")
            _clear_text_cache()
            gc.collect()
            clock = CLOCK[0]
            start = clock()
            result = full_analysis(corpus)
            row.passes.append(clock() - start)
            del result
    except Exception as exc:  # noqa: BLE001 - the pipeline may not exist yet
        row.status = f"failed: {type(exc).__name__}: {exc}"[:300]


def vader_check(texts: Sequence[str]) -> dict[str, Any]:
    """Largest absolute difference between the library's VADER fields and vaderSentiment's."""
    try:
        from discourse.sentiment import SentimentAnalyzer

        reference = vader_alone()
        ours = SentimentAnalyzer(method="vader")
        worst = {"compound": 0.0, "pos": 0.0, "neu": 0.0, "neg": 0.0}
        where: dict[str, int] = {}
        unequal = 0
        for i, text in enumerate(texts):
            expected = reference(text)
            fields = ours.score(text).fields
            differs = False
            for name in worst:
                diff = abs(float(fields[name]) - float(expected[name]))
                differs |= diff > 0
                if diff > worst[name]:
                    worst[name], where[name] = diff, i
            unequal += differs
        return {
            "units": len(texts),
            "max_abs_difference": max(worst.values()),
            "per_field": worst,
            "units_with_any_difference": unequal,
            "worst_unit_index": where,
        }
    except Exception as exc:  # noqa: BLE001
        return {"status": f"failed: {type(exc).__name__}: {exc}"[:300]}


# -- machine information ---------------------------------------------------------------------------
def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def machine_info() -> dict[str, Any]:
    """Cores, CPU, OS, Python and library versions, and the load when the run ended."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count()
    try:
        load = list(os.getloadavg())
    except (AttributeError, OSError):
        load = None
    try:
        import discourse

        discourse_version = discourse.__version__
    except Exception:  # noqa: BLE001
        discourse_version = None
    return {
        "cores": os.cpu_count(),
        "cores_usable": usable,
        "cpu": _cpu_model(),
        "load_average_1_5_15_min": load,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "versions": {
            "discourse": discourse_version,
            **{name: _version(name) for name in ("vaderSentiment", "textblob", "nltk", "pandas", "numpy")},
        },
    }


# -- output ----------------------------------------------------------------------------------------
def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def table_records(rows: Sequence[Row]) -> list[dict[str, Any]]:
    """The table as dicts with the CSV columns; ratios are of comments/s on the same workload."""
    base = {(row.workload, row.key): row for row in rows if row.key in ("a", "b")}
    records = []
    for row in rows:
        vader = base.get((row.workload, "a"))
        blob = base.get((row.workload, "b"))
        cps = row.per_s(row.comments)
        records.append(
            {
                "key": row.key,
                "workload": row.workload,
                "method": row.method,
                "call": row.call,
                "status": row.status,
                "seconds": row.seconds,
                "comments": row.comments,
                "units": row.units,
                "words": row.words,
                "comments_per_s": cps,
                "words_per_s": row.per_s(row.words),
                "units_per_s": row.per_s(row.units),
                "ratio_to_vader": _ratio(cps, vader.per_s(vader.comments) if vader else None),
                "ratio_to_textblob": _ratio(cps, blob.per_s(blob.comments) if blob else None),
            }
        )
    return records


def _fmt(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def print_table(records: Sequence[dict[str, Any]], out: Any = sys.stdout) -> None:
    """The table, one block per workload."""
    for workload, description in WORKLOADS.items():
        block = [r for r in records if r["workload"] == workload]
        if not block:
            continue
        print(f"\nworkload '{workload}': {description}", file=out)
        header = (f"{'':6}{'method':<20}{'seconds':>9}{'comments/s':>12}{'words/s':>12}"
                  f"{'x VADER':>9}{'x TextBlob':>11}")
        print(header, file=out)
        print("-" * len(header), file=out)
        for r in block:
            label = f"({r['key']})"
            if r["status"] != "ok":
                print(f"{label:<6}{r['method']:<20}{r['status']}", file=out)
                continue
            print(
                f"{label:<6}{r['method']:<20}{_fmt(r['seconds'], 2):>9}{_fmt(r['comments_per_s']):>12}"
                f"{_fmt(r['words_per_s']):>12}{_fmt(r['ratio_to_vader'], 2):>9}"
                f"{_fmt(r['ratio_to_textblob'], 2):>11}",
                file=out,
            )


def write_csv(records: Sequence[dict[str, Any]], path: Path) -> None:
    with atomic_write(path, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({k: ("" if v is None else v) for k, v in record.items()})


def write_json(data: dict[str, Any], path: Path) -> None:
    with atomic_write(path) as handle:
        json.dump(data, handle, indent=2, default=str)
        handle.write("\n")


def profile_full(threads: Sequence[Thread], out_dir: Path, top: int = 25) -> str:
    """Run (c) under cProfile; return (and write) the top functions by cumulative and own time."""
    profiler = cProfile.Profile()
    corpus = Corpus(list(threads), name="benchmark")
    _clear_text_cache()
    profiler.enable()
    full_analysis(corpus)
    profiler.disable()
    profiler.dump_stats(str(out_dir / "profile_full_analysis.prof"))
    buffer = io.StringIO()
    for order, title in (("cumulative", "cumulative time"), ("tottime", "total (own) time")):
        buffer.write(f"\n== (c) full analysis under cProfile: top {top} functions by {title} ==\n")
        pstats.Stats(profiler, stream=buffer).sort_stats(order).print_stats(top)
    text = buffer.getvalue()
    with atomic_write(out_dir / "profile_full_analysis.txt") as handle:
        handle.write(text)
    return text


# -- main ------------------------------------------------------------------------------------------
def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Throughput of the full analysis vs vaderSentiment and TextBlob alone (issue 8).",
    )
    parser.add_argument("--comments", type=int, default=20_000, help="comments in the synthetic corpus (default 20000)")
    parser.add_argument("--comments-per-thread", type=int, default=100, help="default 100")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default 0)")
    parser.add_argument("--out", type=Path, required=True, help="folder for benchmark.csv and benchmark.json")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes per method; the best is kept (default 1)")
    parser.add_argument("--warmup", type=int, default=200, help="untimed warm-up texts per method (default 200)")
    parser.add_argument("--only", default="a,b,c,d",
                        help="comma-separated parts to run among a,b,c,d (default all); the VADER check needs a")
    parser.add_argument("--workload", choices=("both", "all", "comments"), default="both",
                        help="which workloads to report (default both; (c) runs once per workload)")
    parser.add_argument("--texts-csv", type=Path, default=None,
                        help="benchmark your own comments instead of the synthetic corpus: a CSV file whose "
                        "--text-column holds one comment per row (at most --comments are used, in file "
                        "order, grouped into threads of --comments-per-thread under an empty article)")
    parser.add_argument("--text-column", default="text", help="with --texts-csv: the column of the texts (default text)")
    parser.add_argument("--no-check", action="store_true", help="skip the VADER equality check")
    parser.add_argument("--cpu", action="store_true",
                        help="time CPU (time.process_time) instead of wall clock: steadier on a busy machine")
    parser.add_argument("--profile", action="store_true", help="also profile (c) with cProfile and print the top 25")
    args = parser.parse_args(argv)
    if args.comments < 1 or args.repeat < 1 or args.warmup < 0 or args.comments_per_thread < 1:
        parser.error("--comments, --repeat and --comments-per-thread must be >= 1, --warmup >= 0")
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
    if not parts <= {"a", "b", "c", "d"}:
        parser.error("--only takes a comma-separated subset of a,b,c,d")
    args.parts = parts
    args.workloads = ("all", "comments") if args.workload == "both" else (args.workload,)
    return args


def threads_from_csv(path: Path, column: str, limit: int, per_thread: int) -> list[Thread]:
    """The first `limit` non-empty texts of a CSV column, as threads of `per_thread` comments under
    an empty article (so both workloads analyse the same comments)."""
    import pandas as pd

    from discourse.model import Article, Comment

    frame = pd.read_csv(path, usecols=[column], dtype=str, keep_default_na=False)
    texts = [text for text in frame[column] if text.strip()][:limit]
    if not texts:
        raise SystemExit(f"{path}: no texts in column {column!r}")
    return [
        Thread(
            Article(id=f"csv-t{start // per_thread:06d}"),
            tuple(Comment(id=f"c{start + k:07d}", text=text) for k, text in enumerate(texts[start : start + per_thread])),
        )
        for start in range(0, len(texts), per_thread)
    ]


def collect_texts(threads: Iterable[Thread]) -> Texts:
    comments: list[str] = []
    others: list[str] = []
    for thread in threads:
        for _, kind, text in thread.units():
            (comments if kind == "comment" else others).append(text)
    texts = Texts(comments, others, sum(Doc(t).n_words for t in comments), sum(Doc(t).n_words for t in others))
    _clear_text_cache()
    return texts


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    CLOCK[0] = time.process_time if args.cpu else time.perf_counter

    if args.texts_csv is None:
        threads = list(synthetic_corpus(args.comments, comments_per_thread=args.comments_per_thread, seed=args.seed))
        source = "discourse.datasets.synthetic.synthetic_corpus"
    else:
        threads = threads_from_csv(args.texts_csv, args.text_column, args.comments, args.comments_per_thread)
        source = f"{args.texts_csv.name}, column {args.text_column!r}"
    texts = collect_texts(threads)
    n_comments = len(texts.comments)
    sizes = {
        "all": (n_comments + len(texts.others), texts.comment_words + texts.other_words),
        "comments": (n_comments, texts.comment_words),
    }
    corpus_info = {
        "generator": source,
        "comments": n_comments,
        "comments_per_thread": args.comments_per_thread,
        "seed": args.seed,
        "threads": len(threads),
        "titles_and_articles": len(texts.others),
        "words_comments": texts.comment_words,
        "words_titles_and_articles": texts.other_words,
        "mean_words_per_comment": texts.comment_words / n_comments,
    }
    print(
        f"corpus ({source}): {n_comments:,} comments in {len(threads):,} threads (seed {args.seed}),"
        f" {corpus_info['mean_words_per_comment']:.1f} words per comment on average;"
        f" {texts.comment_words:,} words in comments, {texts.other_words:,} in titles and articles"
    )
    print(f"timing: best of {args.repeat} pass(es) after {args.warmup} untimed warm-up texts, "
          f"{'CPU time' if args.cpu else 'wall clock'}")

    def rows_for(key: str, method: str, call: str) -> dict[str, Row]:
        return {w: Row(key, w, method, call, n_comments, *sizes[w]) for w in ("all", "comments")}

    timed: list[dict[str, Row]] = []
    if "a" in args.parts:
        print("(a) vaderSentiment ...", flush=True)
        pair = rows_for("a", "vaderSentiment", "SentimentIntensityAnalyzer().polarity_scores(text)")
        time_texts(pair["all"], pair["comments"], vader_alone, texts, args.warmup, args.repeat)
        timed.append(pair)
    if "b" in args.parts:
        print("(b) TextBlob ...", flush=True)
        pair = rows_for("b", "TextBlob", "TextBlob(text).sentiment")
        time_texts(pair["all"], pair["comments"], textblob_alone, texts, args.warmup, args.repeat)
        timed.append(pair)
    stages = full_analysis_stages()
    if "c" in args.parts:
        pair = rows_for("c", "full analysis", FULL_ANALYSIS_CALL)
        for workload in args.workloads:
            print(f"(c) full analysis, workload '{workload}' ...", flush=True)
            time_full(pair[workload], threads if workload == "all" else blank_articles(threads), args.repeat)
        timed.append(pair)
    if "d" in args.parts:
        for i, (name, call, factory) in enumerate(LIBRARY_ANALYSERS, start=1):
            print(f"(d{i}) {name} ...", flush=True)
            pair = rows_for(f"d{i}", name, call)
            time_texts(pair["all"], pair["comments"], factory, texts, args.warmup, args.repeat)
            timed.append(pair)
    rows = [pair[w] for w in args.workloads for pair in timed]

    check = None
    if "a" in args.parts and not args.no_check:
        print("checking the library's VADER scores against vaderSentiment ...", flush=True)
        check = vader_check(texts.others + texts.comments)

    records = table_records(rows)
    print_table(records)
    by_key = {(r["workload"], r["key"]): r for r in records}
    ratios = {
        f"{workload}_c_over_{base}": by_key.get((workload, "c"), {}).get(f"ratio_to_{name}")
        for workload in args.workloads
        for base, name in (("a", "vader"), ("b", "textblob"))
    }
    print()
    for workload in args.workloads:
        print(
            f"workload '{workload}': (c)/(a) = {_fmt(ratios[f'{workload}_c_over_a'], 3)}  (goal >= 1.0),"
            f"  (c)/(b) = {_fmt(ratios[f'{workload}_c_over_b'], 3)}"
        )
    if stages:
        print(f"(c) ran the stages: {', '.join(stages)}")
    if check is not None:
        if "max_abs_difference" in check:
            print(
                f"VADER check: max |library - vaderSentiment| = {check['max_abs_difference']:.3g} over"
                f" {check['units']:,} texts (compound, pos, neu, neg); texts with any difference:"
                f" {check['units_with_any_difference']}"
            )
        else:
            print(f"VADER check: {check['status']}")

    profile_text = None
    if args.profile:
        if any(r["key"] == "c" and r["status"] != "ok" for r in records):
            print("\n--profile: (c) failed above, nothing to profile")
        else:
            print("\nprofiling (c) on the 'all' workload ...", flush=True)
            profile_text = profile_full(threads, args.out)
            print(profile_text)

    result = {
        "benchmark": "discourse examples/benchmark.py (issue 8)",
        "command": "python examples/benchmark.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "finished_utc": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "timing": {
            "clock": ("time.process_time, CPU time of the process" if args.cpu else "time.perf_counter, wall clock")
            + ", one full pass over the workload's texts",
            "repeat": args.repeat,
            "kept": "best (minimum) of the passes",
            "warmup_texts": args.warmup,
            "comments_per_s": "comments in the corpus / seconds",
            "words_per_s": "Doc(text).n_words summed over the workload's texts / seconds",
        },
        "workloads": {w: WORKLOADS[w] for w in args.workloads},
        "corpus": corpus_info,
        "machine": machine_info(),
        "full_analysis": {"call": FULL_ANALYSIS_CALL, "stages": stages},
        "table": records,
        "passes": {f"{row.workload}/{row.key}": row.passes for row in rows},
        "ratios": ratios,
        "vader_check": check,
        "profile": "profile_full_analysis.txt" if profile_text else None,
    }
    write_csv(records, args.out / "benchmark.csv")
    write_json(result, args.out / "benchmark.json")
    print(f"\nwrote {args.out / 'benchmark.csv'} and {args.out / 'benchmark.json'}")
    return result


if __name__ == "__main__":
    main()
