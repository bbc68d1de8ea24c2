"""The ``discourse`` command: analyse threads, validate against human labels, print versions.

Examples
--------
::

    discourse analyze --seed --out seed-results           # the bundled example thread
    discourse analyze comments.jsonl --out results/       # format detected from the file
    discourse analyze export.csv --format csv --out results/ --figures
    discourse validate --data ../shared/eval --out validation/
    discourse info                                        # versions and lexicons, for methods sections
    discourse cite                                        # BibTeX with the version and lexicon hashes

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
  discourse analyze --seed --out seed-results --figures --figure-format pdf
  discourse info
  discourse cite
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
    analyze.add_argument("--actors", type=Path, help="actor registry file (TOML or JSON)")
    analyze.add_argument(
        "--sentiment", default="vader", help="sentiment method: vader, textblob, news (default: vader)"
    )
    analyze.add_argument("--features", default="all", help="comma-separated rhetorical features, or 'all'")
    analyze.add_argument("--lenient", action="store_true", help="skip malformed records and report them")
    analyze.add_argument("--figures", action="store_true", help="also write the standard figures")
    analyze.add_argument(
        "--figure-format", choices=("png", "pdf", "svg"), default="png",
        help="file format of the figures: png (raster), pdf or svg (vector; journals' choice) (default: png)",
    )
    analyze.add_argument("--dpi", type=_dpi, default=300, help="resolution of PNG figures (default: 300, print)")
    analyze.add_argument("--n-jobs", type=int, default=1, help="worker processes (default: 1)")
    _add_verbosity(analyze, "no progress bar, summary or warnings; errors only")

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
    _add_verbosity(validate, "errors only")

    commands.add_parser("info", help="print versions, parameters and lexicons (for methods sections)")
    commands.add_parser(
        "cite", help="print a BibTeX entry with the version and the lexicon hashes",
        description="Print a BibTeX @software entry for this version of discourse, with the SHA-256 "
        "prefixes of the lexicons the default analysis reads (the full hashes are in each manifest).",
    )
    return parser


def _dpi(text: str) -> int:
    value = int(text)
    if not 10 <= value <= 2400:
        raise argparse.ArgumentTypeError(f"dpi must be from 10 to 2400, not {value}")
    return value


def _add_verbosity(parser: argparse.ArgumentParser, quiet_help: str) -> None:
    """``--verbose`` / ``--quiet``: the level of the library's log messages on stderr."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-v", "--verbose", action="count", default=0,
                       help="say what is being done (-vv: debugging detail)")
    group.add_argument("-q", "--quiet", action="store_true", help=quiet_help)


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
        n_jobs=args.n_jobs,
        progress=not args.quiet,
    )
    if args.figures:
        from discourse.figures import write_standard_figures

        written = write_standard_figures(args.out, dpi=args.dpi, format=args.figure_format)
        if not args.quiet:
            print(f"wrote {len(written)} figure(s) ({args.figure_format}) to {args.out}/figures", file=sys.stderr)
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


def _run_cite() -> int:
    from discourse.citation import bibtex

    print(bibtex(), end="")
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
    from discourse.progress import configure_logging

    configure_logging(-1 if getattr(args, "quiet", False) else getattr(args, "verbose", 0))
    try:
        if args.command == "analyze":
            return _run_analyze(args)
        if args.command == "validate":
            return _run_validate(args)
        if args.command == "cite":
            return _run_cite()
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
