"""The ``discourse`` command: analyse threads, validate against human labels, print versions.

Examples
--------
::

    discourse analyze --seed --out seed-results           # the bundled example thread
    discourse analyze comments.jsonl --out results/       # format detected from the file
    discourse analyze export.csv --format csv --out results/ --figures
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

from discourse.errors import DiscourseError

__all__ = ["main", "build_parser"]

_EXAMPLES = """\
examples:
  discourse analyze --seed --out seed-results
  discourse analyze threads.jsonl --out results/ --figures
  discourse analyze comments.csv --articles articles.csv --out results/ --lenient
  discourse analyze reddit_comments.ndjson --submissions reddit_submissions.ndjson --out results/
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
        description="Run sentiment, actor/stance, rhetoric and incivility analysis and write tidy tables "
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
    analyze.add_argument("--actors", type=Path, help="actor registry file (TOML or JSON)")
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
        description="Run the validations of sentiment, stance, rhetoric and incivility against "
        "human-labelled data and print/write the tables.",
    )
    validate.add_argument("--data", type=Path, required=True, help="folder of the evaluation data")
    validate.add_argument("--out", type=Path, help="folder for the CSV tables")
    validate.add_argument(
        "--only", choices=("sentiment", "stance", "rhetoric", "incivility"), action="append",
        help="run only these validations (repeatable)",
    )

    commands.add_parser("info", help="print versions, parameters and lexicons (for methods sections)")
    return parser


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
    return 0


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
