"""The ``discourse`` command: analyse threads, validate against human labels, print versions.

Examples
--------
::

    discourse analyze --seed --out seed-results           # the bundled example thread
    discourse analyze comments.jsonl --out results/       # format detected from the file
    discourse analyze export.csv --format csv --out results/ --figures
    discourse analyze threads.jsonl --out results/ --table-format csv   # CSV tables (default Parquet)
    discourse analyze --seed --out r --actors extra.toml  # bundled actors + your own
    discourse actors search zelensky                      # what the registry knows
    discourse actors candidates r/ > extra.toml           # names it did not know, to review
    discourse validate --data ../shared/eval --out validation/
    discourse info                                        # versions and lexicons, for methods sections
    discourse cite                                        # BibTeX with the version and lexicon hashes

Errors in the input or the options are reported on one line (naming file and line where there
is one), with exit code 2; nothing is left half-written in the output folder. An input with no
threads to analyse writes its (empty) tables and read report but exits with code 1 and says so.
Output cut short by a closed pipe (``discourse info | head``) ends quietly with code 141.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from discourse.errors import DiscourseError, InputError

__all__ = ["main", "build_parser"]

_EXAMPLES = """\
examples:
  discourse analyze --seed --out seed-results
  discourse analyze threads.jsonl --out results/ --figures
  discourse analyze threads.jsonl --out results/ --table-format csv
  discourse analyze comments.csv --articles articles.csv --out results/ --lenient
  discourse analyze export.csv --columns thread_id=article,id=comment_id,text=body --out results/
  discourse analyze reddit_comments.ndjson --submissions reddit_submissions.ndjson --out results/
  discourse analyze --seed --out seed-results --actors extra.toml
  discourse actors list --kind armed_group
  discourse actors show "the Kremlin"
  discourse actors candidates seed-results/ > extra.toml
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
        description="Run sentiment, actor/stance, rhetoric and incivility analysis and write tidy tables "
        "with a provenance manifest.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = analyze.add_mutually_exclusive_group(required=True)
    source.add_argument("input", nargs="?", type=Path, help="input file or ConvoKit folder")
    source.add_argument("--seed", action="store_true", help="analyse the bundled seed thread")
    analyze.add_argument("--out", type=Path, required=True, help="output folder")
    analyze.add_argument("--format", help="input format: seedtext, jsonl, csv, convokit, reddit (default: detected)")
    analyze.add_argument(
        "--table-format", choices=("parquet", "csv"), default="parquet",
        help="file format of the result tables: parquet (typed, compact) or csv (default: parquet)",
    )
    analyze.add_argument("--articles", type=Path, help="articles table, for --format csv")
    analyze.add_argument(
        "--columns",
        metavar="FIELD=COLUMN,...",
        help="CSV comments table: your column for each field, e.g. text=body,id=comment_id"
        " (fields: thread_id, id, parent_id, author, created, score, text, meta)",
    )
    analyze.add_argument(
        "--article-columns",
        metavar="FIELD=COLUMN,...",
        help="CSV articles table: your column for each field, e.g. id=article_id,title=headline"
        " (fields: id, title, text, url, outlet, published, authors, meta)",
    )
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
        description="Run the validations of sentiment, stance, rhetoric and incivility against "
        "human-labelled data and print/write the tables.",
    )
    validate.add_argument("--data", type=Path, required=True, help="folder of the evaluation data")
    validate.add_argument("--out", type=Path, help="folder for the CSV tables")
    validate.add_argument(
        "--only", choices=("sentiment", "stance", "rhetoric", "incivility"), action="append",
        help="run only these validations (repeatable)",
    )
    _add_verbosity(validate, "errors only")

    commands.add_parser("info", help="print versions, parameters and lexicons (for methods sections)")
    commands.add_parser(
        "cite", help="print a BibTeX entry with the version and the lexicon hashes",
        description="Print a BibTeX @software entry for this version of discourse, with the SHA-256 "
        "prefixes of the lexicons the default analysis reads (the full hashes are in each manifest).",
    )

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


class _OptionError(DiscourseError):
    """A command-line option with a value that cannot be used (reported with exit code 2)."""


def _mapping_option(option: str, value: str | None, fields: Sequence[str]) -> dict[str, str] | None:
    """``"text=body,id=comment_id"`` -> ``{"text": "body", "id": "comment_id"}``, checked."""
    if value is None:
        return None
    mapping: dict[str, str] = {}
    for part in value.split(","):
        field, sep, column = part.partition("=")
        field, column = field.strip(), column.strip()
        if not sep or not field or not column:
            raise _OptionError(f"{option} {value!r}: each item must be FIELD=COLUMN, e.g. text=body,id=comment_id")
        if field not in fields:
            raise _OptionError(f"{option}: unknown field {field!r}; the fields are {', '.join(fields)}")
        if field in mapping:
            raise _OptionError(f"{option}: field {field!r} is given twice")
        mapping[field] = column
    return mapping


def _analysis_options(args: argparse.Namespace) -> dict[str, object]:
    """The options of ``analyze`` checked up front, so a bad value is one line, not a traceback."""
    from discourse import io
    from discourse.io.tables import ARTICLE_COLUMNS, COMMENT_COLUMNS
    from discourse.rhetoric import FEATURE_NAMES
    from discourse.sentiment import METHODS

    if args.sentiment not in METHODS:
        raise _OptionError(f"--sentiment {args.sentiment!r}: choose one of {', '.join(METHODS)}")
    features: str | list[str] = args.features.strip()
    if features != "all":
        features = [f.strip() for f in str(features).split(",") if f.strip()]
        unknown = [f for f in features if f not in FEATURE_NAMES]
        if unknown or not features:
            raise _OptionError(
                f"--features: unknown feature(s) {', '.join(map(repr, unknown)) or repr(args.features)};"
                f" give 'all' or a comma-separated list of: {', '.join(FEATURE_NAMES)}"
            )
    if args.format is not None and args.format not in io.FORMATS:
        raise _OptionError(f"--format {args.format!r}: choose one of {', '.join(io.FORMATS)}")
    if args.n_jobs < 1:
        raise _OptionError(f"--n-jobs {args.n_jobs}: give 1 or more worker processes")
    options: dict[str, object] = {}
    columns = _mapping_option("--columns", args.columns, COMMENT_COLUMNS)
    article_columns = _mapping_option("--article-columns", args.article_columns, ARTICLE_COLUMNS)
    if columns is not None or article_columns is not None:
        fmt = args.format or (io.detect_format(args.input) if args.input is not None else None)
        if fmt != "csv":
            raise _OptionError("--columns and --article-columns apply to CSV input (--format csv)")
        if columns is not None:
            options["columns"] = columns
        if article_columns is not None:
            options["article_columns"] = article_columns
    if args.input is not None:
        if not args.input.exists():
            raise _OptionError(f"{args.input}: no such file or folder")
        if args.input.is_dir() and args.format in ("jsonl", "csv", "seedtext"):
            raise _OptionError(
                f"{args.input}: is a folder, but --format {args.format} reads a file;"
                " give the file, or a folder format (convokit, reddit), or leave out --format"
            )
    if args.out.exists() and not args.out.is_dir():
        raise _OptionError(f"--out {args.out}: is a file; give a new or empty folder (or earlier results)")
    return {"features": features, "options": options}


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

    _plain_arrow_allocator()  # (before anything imports pyarrow)
    from discourse.pipeline.analysis import analyze_path
    from discourse.errors import DataWarning

    checked = _analysis_options(args)
    # In lenient mode every problem goes to the read_report table and is summarised below; the
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
        features=checked["features"],
        strict=not args.lenient,
        table_format=args.table_format,
        figures=args.figures,
        figure_dpi=args.dpi,
        figure_format=args.figure_format,
        n_jobs=args.n_jobs,
        progress=not args.quiet,
        # as a program (its own process, which ends after this analysis), free the models
        # before the wide tables' pass; called as a function (tests, scripts), keep them loaded
        release_models=getattr(args, "release_models", False),
        **checked["options"],  # type: ignore[arg-type]  # values checked by _analysis_options
    )
    report = manifest["tables"]["read_report"]["file"]
    if manifest["input"]["threads"] == 0:
        problems = manifest["input"].get("problems", 0)
        why = f"; {problems} input problem(s) are listed in {args.out}/{report}" if problems else ""
        print(
            f"discourse: error: {args.input}: no threads to analyse (the input is empty, or every"
            f" record was skipped){why}; the tables in {args.out} are empty",
            file=sys.stderr,
        )
        return 1
    if not args.quiet:
        counts = manifest["input"]
        print(
            f"analysed {counts['threads']} thread(s), {counts['comments']} comment(s) -> {args.out}",
            file=sys.stderr,
        )
        problems = counts.get("problems", 0)
        if problems:
            print(f"{problems} input problem(s) reported in {args.out}/{report}", file=sys.stderr)
        frequent = manifest.get("unmatched_names", {}).get("frequent", [])
        if frequent:
            names = ", ".join(f"{r['name']} ({r['count']})" for r in frequent)
            print(
                f"names not in the actor registry, left out of the stance tables: {names}\n"
                f"  review: discourse actors candidates {args.out} > extra.toml; then --actors extra.toml",
                file=sys.stderr,
            )
    return 0


def _plain_arrow_allocator() -> None:
    """Give Arrow the system allocator in this process (the command's own) and its workers:
    pyarrow's default (mimalloc) keeps freed pages, about 40 MB of the peak of a 10,000-comment
    run (the wide tables' pass: 189 MB instead of 251 MB on its own).

    ``pa.set_memory_pool`` alone reaches only the allocations pyarrow's Python layer makes; the
    Parquet writer and reader use Arrow's C++ default pool, which the environment variable
    ``ARROW_DEFAULT_MEMORY_POOL`` chooses when pyarrow is first imported (a value the user set
    is kept). Also fixes glibc's memory-map threshold (:mod:`discourse.pipeline._malloc`), so
    those buffers of several MiB stay out of the C heap. Both are choices for the whole process,
    made by the command and not by the library functions a user calls in their own session.
    """
    from discourse.pipeline._malloc import fix_mmap_threshold

    fix_mmap_threshold()
    if "pyarrow" not in sys.modules:
        os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - a core dependency
        return
    pa.set_memory_pool(pa.system_memory_pool())


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
            rows += candidate_rows(units, thread_id=thread.id, registry=registry)
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


def _run_cite() -> int:
    from discourse.citation import bibtex

    print(bibtex(), end="")
    return 0


def _run_info() -> int:
    from discourse.pipeline.analysis import describe_environment

    print(describe_environment())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``discourse`` command; returns the exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments. ``None`` (the command as a program: ``discourse`` or ``python -m
        discourse``) reads ``sys.argv`` and lets ``analyze`` free the models before its last,
        wide-table pass (``analyze_path(release_models=True)``), since the process ends after
        it; given arguments (a test or a script calling this function) keep them loaded.

    Examples
    --------
    >>> main(["info"]) == 0  # doctest: +ELLIPSIS
    discourse ...
    True
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    args.release_models = argv is None  # run as the command (see _run_analyze)
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
        if args.command == "actors":
            return _run_actors(args)
        return _run_info()
    except BrokenPipeError:
        return _broken_pipe()
    except DiscourseError as exc:
        message = exc.for_cli() if isinstance(exc, InputError) else str(exc)
        print(f"discourse: error: {message}", file=sys.stderr)
        return 2
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            return _broken_pipe()
        print(f"discourse: error: {_os_error(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("discourse: interrupted; nothing was written to the output folder", file=sys.stderr)
        return 130


def _os_error(exc: OSError) -> str:
    """An operating-system error as ``file: what`` (e.g. ``x.jsonl: is a directory``)."""
    what = (exc.strerror or str(exc)).lower()
    return f"{exc.filename}: {what}" if exc.filename else what


def _broken_pipe() -> int:
    """The reader of our output went away (``discourse info | head``): stop quietly.

    Python would report the failed flush of stdout at exit; pointing stdout at /dev/null
    avoids that (the recipe of the Python documentation on SIGPIPE). 141 = 128 + SIGPIPE, the
    status a shell tool killed by the closed pipe would have.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 141


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
