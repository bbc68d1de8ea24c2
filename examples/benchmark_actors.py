"""CPU time per comment of the actor stage, by part (issue 14): mention finding, the actor
analysis, the per-unit rows (as :func:`~discourse.pipeline.analyze` gathers them: the stage's
``unit_columns``, or ``unit_rows`` in a version without it) and the per-thread rows
(nominations, summaries and discovery).

Run from the repository::

    python examples/benchmark_actors.py                                   # synthetic comments
    python examples/benchmark_actors.py --csv ../shared/train/reddit_incivility/train.csv
    python examples/benchmark_actors.py --csv FILE --registry actors.toml --no-discovery
    python examples/benchmark_actors.py --stance rules                    # the rule stance method
    python examples/benchmark_actors.py --csv FILE --registry both        # both registries, in turn
    python examples/benchmark_actors.py --csv FILE --registry both --no-gc  # without the collector's noise
    python examples/benchmark_actors.py --csv ../shared/eval/comments/SFU_constructiveness_toxicity.csv --text-column comment

``--csv`` reads the first column of a CSV file (one comment per row, header skipped; 3,000 rows
by default), or the column named by ``--text-column`` (``--text-column comment`` for the SFU
comments, most of which name an actor). ``--registry actors.toml`` uses the hand-written file alone (95 actors) instead of
the bundled registry with the gazetteer; ``--registry both`` times the two in turn in every pass
(so both see the same machine load; the order alternates from pass to pass) and prints the
ratio of the whole stage (of the best times, and the median of the passes' ratios), the cost of
a comment that names an actor and of one that names none (the thread rows spread over all
comments), and the ratio the bundled registry would have at the hand-written one's number of
comments naming an actor (what its size costs per comment; the rest is the analysis of the more
comments in which it finds actors); with
``--same-mentions`` only the comments in which both find mentions at the same places (the same
analysis work: what the registry's size costs by itself). ``--breakdown`` adds passes in which
the stage's steps (:data:`STEPS`) are timed one by one, by wrapping them (so about 0.2 µs per
wrapped call more; indented steps are inside the step above them): where the time goes, without
the distortion of a profiler, which charges every small function call. Times are CPU time
(:func:`time.process_time`), the best of ``--repeat`` passes over fresh texts; ``--no-gc``
pauses the garbage collector during the timed passes: a full collection walks every object of
the process (about 60 ms with the bundled registry loaded, 7 ms with ``actors.toml`` alone) and
lands in whichever comment triggers it, so one more or less in a pass moves its time by 20 µs
per comment or more (the text layer is built before timing: it is
shared by all analysers, not the actor stage's). Compare runs in the same minute.
"""

from __future__ import annotations

import argparse
import csv
import gc
import importlib
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from discourse.actors import ActorRegistry, default_registry
from discourse.lexicons import DATA_DIR
from discourse.pipeline.stages import ActorStage, Unit
from discourse.text import Doc


def _texts(args: argparse.Namespace) -> list[str]:
    if args.csv:
        csv.field_size_limit(10**7)
        with open(args.csv, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        column = 0
        if args.text_column is not None:
            if args.text_column not in rows[0]:
                raise SystemExit(f"{args.csv}: no column {args.text_column!r}")
            column = rows[0].index(args.text_column)
        return [row[column] for row in rows[1 : args.n + 1] if row]
    sys.path.insert(0, "examples")
    from benchmark import blank_articles  # (examples/benchmark.py)

    from discourse.datasets.synthetic import synthetic_corpus

    threads = blank_articles(list(synthetic_corpus(args.n, comments_per_thread=100, seed=0)))
    return [text for thread in threads for _, kind, text in thread.units() if kind == "comment"]


def _registry(name: str) -> ActorRegistry:
    return default_registry() if name == "default" else ActorRegistry.from_file(DATA_DIR / "actors.toml")


def _time_pass(
    stage: ActorStage, registry: ActorRegistry, texts: list[str], collect: bool = True
) -> tuple[dict[str, float], int]:
    """One timed pass over fresh texts: CPU seconds by part (and the analysis and unit rows of
    the comments with mentions, ``"named"``, and their number, ``"n named"``), and the matcher's
    raw matches. With `collect` False the garbage collector is paused during the pass (see
    ``--no-gc``)."""
    units = [Unit(f"t{i // 100}", f"c{i}", "comment", Doc(text)) for i, text in enumerate(texts)]
    # the unit rows as analyze() gathers them: column by column where the stage gives them so
    unit_rows = getattr(stage, "unit_columns", stage.unit_rows)
    for unit in units:
        unit.doc.tokens, unit.doc.sentence_token_ranges
    gc.collect()
    if not collect:
        gc.disable()
    try:
        return _timed(stage, registry, units, unit_rows)
    finally:
        gc.enable()


def _timed(
    stage: ActorStage, registry: ActorRegistry, units: list[Unit], unit_rows: Callable[..., object]
) -> tuple[dict[str, float], int]:
    """The timed part of :func:`_time_pass`."""
    clock = time.process_time
    parts = dict.fromkeys(PARTS + ("named", "n named"), 0.0)
    a = clock()
    mentions = sum(len(registry.matcher.find(u.doc)) for u in units)  # the matcher alone
    parts["mention finding"] = clock() - a
    for start in range(0, len(units), 100):
        chunk = units[start : start + 100]
        results = []
        for unit in chunk:
            a = clock()
            result = stage.analyze_unit(unit)
            b = clock()
            unit_rows(unit, result)
            c = clock()
            parts["analysis (incl. finding)"] += b - a
            parts["unit rows"] += c - b
            if result.mentions:
                parts["named"] += c - a
                parts["n named"] += 1
            results.append(result)
        a = clock()
        stage.thread_rows(chunk[0].thread_id, chunk, results)
        parts["thread rows"] += clock() - a
    return parts, mentions


PARTS = ("mention finding", "analysis (incl. finding)", "unit rows", "thread rows")

# The steps --breakdown times: (module, attribute where the stage looks it up, label); an indented
# label is a step inside the one above it.
STEPS = (
    ("discourse.actors.registry", "ActorRegistry._matches", "matcher and spelling"),
    ("discourse.actors.registry", "apply_context_rules", "context rules"),
    ("discourse.actors.stance", "StanceAnalyzer.analyze_context", "stance"),
    ("discourse.actors.stance", "StanceAnalyzer._rules_score", "  rule method"),
    ("discourse.actors.stance", "StanceAnalyzer._fitted_score", "  fitted model"),
    ("discourse.actors.stance_model", "sentence_facts", "    sentence facts"),
    ("discourse.actors.stance_model", "score_mention", "    score_mention"),
    ("discourse.actors.relations", "RelationExtractor.extract_context", "relations"),
    ("discourse.actors.predication", "Predicator.extract_context", "predication"),
    ("discourse.actors.discovery", "candidate_rows", "discovery (thread rows)"),
)


@contextmanager
def _timed_steps(spent: dict[str, float]) -> Iterator[None]:
    """Wrap the :data:`STEPS` so that each adds its CPU seconds to ``spent[label]``; restored on exit."""
    clock = time.process_time
    patched = []

    def timed(function: Callable[..., object], label: str) -> Callable[..., object]:
        def wrapper(*args: object, **kwargs: object) -> object:
            start = clock()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + clock() - start
        return wrapper

    for module_name, attribute, label in STEPS:
        owner: object = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
        patched.append((owner, name, original))
        setattr(owner, name, timed(original, label))
    try:
        yield
    finally:
        for owner, name, original in reversed(patched):
            setattr(owner, name, original)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", help="a CSV file whose first column holds the comments")
    parser.add_argument("--text-column", help="with --csv: the column that holds the comments (default: the first)")
    parser.add_argument("--n", type=int, default=3000, help="comments (default: 3000)")
    parser.add_argument("--registry", choices=("default", "actors.toml", "both"), default="default",
                        help="'both': the two registries in turn in each pass, with their ratio")
    parser.add_argument("--no-discovery", action="store_true", help="ActorStage(discover=False)")
    parser.add_argument("--stance", choices=("fitted", "rules"), default="fitted",
                        help="stance method (default: fitted, the library's default)")
    parser.add_argument("--same-mentions", action="store_true",
                        help="with --registry both: only the comments in which the two registries find "
                        "mentions at the same places (the same work: the cost of the registry's size alone)")
    parser.add_argument("--breakdown", action="store_true",
                        help="also time the stage's steps one by one (extra passes, see STEPS)")
    parser.add_argument("--no-gc", action="store_true",
                        help="pause the garbage collector during the timed passes (its full collections, "
                        "tens of ms each, land in whichever comment triggers them)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = _texts(args)
    names = ("default", "actors.toml") if args.registry == "both" else (args.registry,)
    if args.same_mentions:
        if len(names) < 2:
            parser.error("--same-mentions needs --registry both")
        spans = [[[(m.start, m.end) for m in _registry(name).find(text)] for text in texts] for name in names]
        texts = [text for text, a, b in zip(texts, *spans) if a == b]
    stages = {}
    for name in names:
        registry = _registry(name)
        stage = ActorStage(registry, discover=not args.no_discovery,
                           stance_params=None if args.stance == "fitted" else {"method": args.stance})
        warm = [Unit("t", f"c{i}", "comment", Doc(text)) for i, text in enumerate(texts[:30])]
        stage.thread_rows("t", warm, [stage.analyze_unit(u) for u in warm])  # lexicons loaded
        stages[name] = (stage, registry)
    best: dict[str, dict[str, float]] = {name: {} for name in names}
    fastest: dict[str, dict[str, float]] = {}  # each registry's fastest pass, by part
    mentions = dict.fromkeys(names, 0)
    ratios = []  # whole stage, bundled / hand-written, per pass
    for turn in range(args.repeat):
        # interleaved: both registries see the same machine load; the order alternates from pass
        # to pass, so that neither always runs first (after the other's garbage, in cold caches)
        totals_pass = {}
        for name in names if turn % 2 == 0 else names[::-1]:
            parts, mentions[name] = _time_pass(*stages[name], texts, collect=not args.no_gc)
            totals_pass[name] = sum(parts[key] for key in PARTS[1:])
            for key, value in parts.items():
                best[name][key] = min(best[name].get(key, float("inf")), value)
            if name not in fastest or totals_pass[name] < sum(fastest[name][key] for key in PARTS[1:]):
                fastest[name] = parts
        if len(names) > 1:
            ratios.append(totals_pass["default"] / totals_pass["actors.toml"])
    n = len(texts)
    totals = {name: sum(best[name][key] for key in PARTS[1:]) for name in names}
    costs = {name: _costs(fastest[name], n) for name in names}
    head = ", ".join(f"{name}: {len(stages[name][1]):,} actors, {mentions[name]:,} raw matches" for name in names)
    print(f"{n:,} comments{' (same mentions)' if args.same_mentions else ''}; {head}; discovery {'off' if args.no_discovery else 'on'}, stance "
          f"{args.stance}{', garbage collector paused' if args.no_gc else ''}; CPU µs per comment (best of {args.repeat}):")
    if len(names) > 1:
        print(f"  {'':26s} " + " ".join(f"{name:>12s}" for name in names))
    for key in PARTS:
        print(f"  {key:26s} " + " ".join(f"{best[name][key] / n * 1e6:12.1f}" for name in names))
    print(f"  {'actor stage in all':26s} " + " ".join(f"{totals[name] / n * 1e6:12.1f}" for name in names))
    if len(names) > 1:
        print(f"  {'ratio default / actors.toml':26s} {totals['default'] / totals['actors.toml']:12.3f}")
        ratios.sort()
        print(f"  {'ratio per pass, median':26s} {ratios[len(ratios) // 2]:12.3f}  "
              f"(range {ratios[0]:.3f}-{ratios[-1]:.3f})")
    # The stage's time = comments naming no actor x their cost + comments naming one x theirs
    # (thread rows spread over all comments). A registry that finds actors in more comments does
    # more analysis; the ratio at the smaller registry's number of such comments is what the
    # registry's size costs per comment.
    print(f"  {'comments naming an actor':26s} " + " ".join(f"{costs[name][0]:12,d}" for name in names))
    print(f"  {'  µs per such comment':26s} " + " ".join(f"{costs[name][2] * 1e6:12.1f}" for name in names))
    print(f"  {'  µs per other comment':26s} " + " ".join(f"{costs[name][1] * 1e6:12.1f}" for name in names))
    if len(names) > 1:
        named_small = costs["actors.toml"][0]
        small = costs["actors.toml"]
        same = (n - small[0]) * costs["default"][1] + small[0] * costs["default"][2]
        print(f"  {'ratio at equal counts':26s} {same / ((n - small[0]) * small[1] + small[0] * small[2]):12.3f}  "
              f"(fastest passes; the bundled registry's costs per comment at actors.toml's "
              f"{small[0]:,} comments naming an actor)")
    if args.breakdown:
        steps: dict[str, dict[str, float]] = {name: {} for name in names}
        for turn in range(args.repeat):
            for name in names if turn % 2 == 0 else names[::-1]:
                spent: dict[str, float] = {}
                with _timed_steps(spent):
                    _time_pass(*stages[name], texts, collect=not args.no_gc)
                for label, seconds in spent.items():
                    steps[name][label] = min(steps[name].get(label, float("inf")), seconds)
        print(f"  steps (wrapped, best of {args.repeat}; µs per comment):")
        for _, _, label in STEPS:
            print(f"    {label:24s} " + " ".join(f"{steps[name].get(label, 0.0) / n * 1e6:12.1f}" for name in names))


def _costs(parts: dict[str, float], n: int) -> tuple[int, float, float]:
    """(comments naming an actor, CPU seconds per other comment, per such comment) of one pass,
    the thread rows spread over all comments alike."""
    named = int(parts["n named"])
    thread = parts["thread rows"] / n
    rest = parts["analysis (incl. finding)"] + parts["unit rows"] - parts["named"]
    return named, rest / max(1, n - named) + thread, parts["named"] / max(1, named) + thread


if __name__ == "__main__":
    main()
