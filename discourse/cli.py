"""The ``discourse`` command: analyse threads, validate against human labels, print versions.

Examples
--------
::

    discourse analyze --seed --out seed-results           # the bundled example thread
    discourse analyze comments.jsonl --out results/       # format detected from the file
    discourse analyze export.csv --format csv --out results/ --figures
    discourse analyze --seed --out r --actors extra.toml  # bundled actors + your own
    discourse actors search zelensky                      # what the registry knows
    discourse actors candidates r/ > extra.toml           # names it did not know, to review
    discourse validate --data ../shared/eval --out validation/
    discourse info                                        # versions and lexicons, for methods sections

Errors in the input are reported on one line naming file and line, with exit code 2; nothing is
left half-written in the output folder.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from discourse.errors import DiscourseError

__all__ = ["main", "build_parser"]

_EXAMPLES = """\
examples:
  discourse analyze --seed --out seed-results
  discourse analyze threads.jsonl --out results/ --figures
  discourse analyze comments.csv --articles articles.csv --out results/ --lenient
  discourse analyze reddit_comments.ndjson --submissions reddit_submissions.ndjson --out results/
  discourse analyze --seed --out seed-results --actors extra.toml
  discourse actors list --kind armed_group
  discourse actors show "the Kremlin"
  discourse actors candidates seed-results/ > extra.toml
  discourse validate --data ../shared/eval --out validation/
  discourse info
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``discourse`` command.

    Examples
    --------
    >>> build_parser().parse_args(["analyze", "--seed", "--out", "x"]).command
    'analyze'
    """
    parser = argparse.ArgumentParser(
        prog="discourse",
        description="Analyse news articles and their reader-comment threads.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from discourse import __version__

    parser.add_argument("--version", action="version", version=f"discourse {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    analyze = commands.add_parser(
        "analyze",
        help="analyse a thread file or corpus; write tables, manifest and (optionally) figures",
        description="Run sentiment, actor/stance and rhetoric analysis and write tidy tables "
        "with a provenance manifest.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = analyze.add_mutually_exclusive_group(required=True)
    source.add_argument("input", nargs="?", type=Path, help="input file or ConvoKit folder")
    source.add_argument("--seed", action="store_true", help="analyse the bundled seed thread")
    analyze.add_argument("--out", type=Path, required=True, help="output folder")
    analyze.add_argument("--format", help="input format (default: detected from the file)")
    analyze.add_argument("--articles", type=Path, help="articles table, for --format csv")
    analyze.add_argument("--submissions", type=Path, help="submissions file, for --format reddit")
    _registry_options(analyze)
    analyze.add_argument(
        "--no-discovery", action="store_true",
        help="do not report the names the actor registry does not know (table actor_candidates)",
    )
    analyze.add_argument(
        "--sentiment", default="vader", help="sentiment method: vader, textblob, news (default: vader)"
    )
    analyze.add_argument("--features", default="all", help="comma-separated rhetorical features, or 'all'")
    analyze.add_argument("--lenient", action="store_true", help="skip malformed records and report them")
    analyze.add_argument("--figures", action="store_true", help="also write the standard figures (PNG)")
    analyze.add_argument("--n-jobs", type=int, default=1, help="worker processes (default: 1)")
    analyze.add_argument("--quiet", action="store_true", help="no progress bar or summary")

    validate = commands.add_parser(
        "validate",
        help="compare the library's measures with human labels (evaluation data folder)",
        description="Run the validations of sentiment, stance and rhetoric against human-labelled "
        "data and print/write the tables.",
    )
    validate.add_argument("--data", type=Path, required=True, help="folder of the evaluation data")
    validate.add_argument("--out", type=Path, help="folder for the CSV tables")
    validate.add_argument(
        "--only", choices=("sentiment", "stance", "rhetoric"), action="append",
        help="run only these validations (repeatable)",
    )

    commands.add_parser("info", help="print versions, parameters and lexicons (for methods sections)")

    actors = commands.add_parser(
        "actors",
        help="list and search the actor registry; turn unmatched names into a registry extension",
        description="List, search and show the actors of the registry (the bundled one, extended "
        "with --actors FILE or replaced with --actors-only FILE), and write the names an analysis "
        "could not match as a registry extension to review.",
    )
    actor_commands = actors.add_subparsers(dest="actors_command", metavar="ACTION", required=True)
    listing = actor_commands.add_parser("list", help="list the actors (id, kind, name, parent)")
    listing.add_argument("--kind", help="only this kind (country, person, party, armed_group, ...)")
    _registry_options(listing)
    search = actor_commands.add_parser("search", help="actors whose id, name or an alias contains TEXT")
    search.add_argument("text", help="part of a name (case and accents ignored)")
    _registry_options(search)
    show = actor_commands.add_parser("show", help="everything about one actor (id, name or alias)")
    show.add_argument("name", help="an id, display name or alias")
    _registry_options(show)
    candidates = actor_commands.add_parser(
        "candidates",
        help="unmatched names of a results folder or an input file, as TOML to review",
        description="Print the names that the registry did not match as a registry extension "
        "(TOML) for review: from a results folder (its actor_candidates table) or by reading an "
        "input file (any format `analyze` reads).",
    )
    candidates.add_argument("source", type=Path, help="results folder, or an input file / ConvoKit folder")
    candidates.add_argument("--format", help="input format (default: detected from the file)")
    candidates.add_argument("--min-count", type=int, default=2, help="only names seen this often (default: 2)")
    candidates.add_argument("--limit", type=int, default=50, help="at most this many names (default: 50)")
    candidates.add_argument("--table", action="store_true", help="print the table instead of TOML")
    _registry_options(candidates)
    return parser


def _registry_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--actors", type=Path, metavar="FILE",
        help="actor registry file (TOML or JSON) that extends the bundled registry",
    )
    group.add_argument(
        "--actors-only", type=Path, metavar="FILE",
        help="actor registry file that replaces the bundled registry",
    )


def _registry(args: argparse.Namespace) -> Any:
    from discourse.actors import ActorRegistry, default_registry

    if getattr(args, "actors_only", None) is not None:
        return ActorRegistry.from_file(args.actors_only)
    if getattr(args, "actors", None) is not None:
        return default_registry().extend(args.actors)
    return default_registry()


def _run_analyze(args: argparse.Namespace) -> int:
    import warnings

    from discourse.analysis import analyze_path
    from discourse.errors import DataWarning

    # In lenient mode every problem goes to read_report.csv and is summarised below; the
    # library's DataWarning would only repeat the first one as a raw Python warning line.
    warnings.simplefilter("ignore", DataWarning)
    manifest = analyze_path(
        None if args.seed else args.input,
        out=args.out,
        format=args.format,
        articles=args.articles,
        submissions=args.submissions,
        actors=args.actors,
        actors_only=args.actors_only,
        discover_actors=not args.no_discovery,
        sentiment=args.sentiment,
        features=args.features,
        strict=not args.lenient,
        figures=args.figures,
        n_jobs=args.n_jobs,
        progress=not args.quiet,
    )
    if not args.quiet:
        counts = manifest["input"]
        print(
            f"analysed {counts['threads']} thread(s), {counts['comments']} comment(s) -> {args.out}",
            file=sys.stderr,
        )
        problems = counts.get("problems", 0)
        if problems:
            print(f"{problems} input problem(s) reported in {args.out}/read_report.csv", file=sys.stderr)
        frequent = manifest.get("unmatched_names", {}).get("frequent", [])
        if frequent:
            names = ", ".join(f"{r['name']} ({r['count']})" for r in frequent)
            print(
                f"names not in the actor registry, left out of the stance tables: {names}\n"
                f"  review: discourse actors candidates {args.out} > extra.toml; then --actors extra.toml",
                file=sys.stderr,
            )
    return 0


def _run_actors(args: argparse.Namespace) -> int:
    from discourse.actors.registry import fold_name

    if args.actors_command == "candidates":
        return _run_candidates(args)
    registry = _registry(args)
    if args.actors_command == "show":
        actor = registry[registry.resolve(args.name)]
        print(f"id:       {actor.id}\nname:     {actor.name}\nkind:     {actor.kind}")
        if actor.parent:
            chain = " -> ".join((actor.id,) + registry.ancestors(actor.id))
            print(f"parent:   {actor.parent}   (roll-up: {chain})")
        for key in ("office", "since", "until", "country"):
            if getattr(actor, key) is not None:
                print(f"{key + ':':<9} {getattr(actor, key)}")
        if actor.sources:
            print(f"sources:  {', '.join(actor.sources)}")
        children = [a.id for a in registry if a.parent == actor.id]
        if children:
            print(f"children: {', '.join(children)}")
        print("aliases:")
        for alias in actor.aliases:
            print(f"  {alias.text!r:<40} {alias.form:<12} {alias.case}")
        return 0
    if args.actors_command == "search":
        key = fold_name(args.text)
        chosen = [
            a for a in registry
            if key in fold_name(a.id.replace("_", " ")) or key in fold_name(a.name)
            or any(key in fold_name(x.text) for x in a.aliases)
        ]
        if not chosen:
            suggestions = registry.suggest(args.text)
            hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
            print(f"no actor matches {args.text!r}{hint}", file=sys.stderr)
            return 1
    else:
        if args.kind is not None and args.kind not in _kinds():
            raise DiscourseError(f"--kind {args.kind!r}: not a kind; use one of {', '.join(_kinds())}")
        chosen = [a for a in registry if args.kind is None or a.kind == args.kind]
    for actor in chosen:
        print(f"{actor.id:<36} {actor.kind:<13} {actor.name:<36} {actor.parent or ''}")
    print(f"{len(chosen)} of {len(registry)} actors", file=sys.stderr)
    return 0


def _kinds() -> tuple[str, ...]:
    from discourse.actors import KINDS

    return KINDS


def _run_candidates(args: argparse.Namespace) -> int:
    from discourse.actors.discovery import aggregate_candidates, candidate_rows, candidates_toml

    registry = _registry(args)
    source = args.source
    if source.is_dir() and (source / "manifest.json").exists():
        from discourse.results import Results

        table = Results.load(source)["actor_candidates"] if _has_table(source) else None
        if table is None:
            raise DiscourseError(
                f"{source}: these results have no actor_candidates table (written by an older "
                "version?); run `discourse actors candidates INPUT_FILE` on the input instead"
            )
        rows = table.to_dict("records")
    else:
        from discourse import io
        from discourse.text import Doc

        rows = []
        for thread in io.stream(source, format=args.format or io.detect_format(source)):
            units = []
            for unit_id, _kind, text in thread.units():
                doc = Doc(text)
                units.append((unit_id, doc, registry.find(doc)))
            rows += candidate_rows(units, thread_id=thread.id)
    merged = aggregate_candidates(rows)
    if args.table:
        for row in merged:
            if row["count"] >= args.min_count:
                print(f"{row['count']:6d} {row['threads']:5d}  {row['name']:<32} {row['suggested_kind']:<13} {row['examples'][:100]}")
        return 0
    sys.stdout.write(
        candidates_toml(merged, registry=registry, min_count=args.min_count, limit=args.limit, source=str(source))
    )
    return 0


def _has_table(folder: Path) -> bool:
    import json

    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return "actor_candidates" in manifest.get("tables", {})


def _run_validate(args: argparse.Namespace) -> int:
    from discourse.validation import run_validations

    if not args.data.is_dir():
        raise DiscourseError(f"{args.data}: no such folder (give the evaluation data folder)")
    tables = run_validations(args.data, only=args.only, out=args.out)
    for name, table in tables.items():
        print(f"\n== {name}")
        print(table.to_string(index=False))
    return 0


def _run_info() -> int:
    from discourse.analysis import describe_environment

    print(describe_environment())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``discourse`` command; returns the exit code.

    Examples
    --------
    >>> main(["info"]) == 0  # doctest: +ELLIPSIS
    discourse ...
    True
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        if args.command == "analyze":
            return _run_analyze(args)
        if args.command == "validate":
            return _run_validate(args)
        if args.command == "actors":
            return _run_actors(args)
        return _run_info()
    except DiscourseError as exc:
        print(f"discourse: error: {exc}", file=sys.stderr)
        return 2
    except FileNotFoundError as exc:
        print(f"discourse: error: {exc.filename}: no such file", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("discourse: interrupted; nothing was written to the output folder", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
