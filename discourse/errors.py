"""Exceptions and warnings raised by ``discourse``.

Every error says *what* was wrong, *where* (file, line, record id, field) and, where possible,
*how to fix it*, in a single line so that the command-line tool can print it as is.

Examples
--------
>>> from discourse.errors import InputError
>>> print(InputError("missing required field", source="comments.jsonl", line=3, field="id"))
comments.jsonl:3: field 'id': missing required field
"""

from __future__ import annotations

__all__ = [
    "DiscourseError",
    "InputError",
    "IntegrityError",
    "ModelError",
    "ResultsError",
    "LexiconError",
    "MissingDependencyError",
    "UnknownActorError",
    "DataWarning",
]


class DiscourseError(Exception):
    """Base class of every exception raised on purpose by ``discourse``.

    Examples
    --------
    >>> issubclass(InputError, DiscourseError)
    True
    """


class InputError(DiscourseError, ValueError):
    """A record or file that cannot be read as it is.

    Parameters
    ----------
    reason : str
        What is wrong, in words a user can act on.
    source : str, optional
        The file (or other source) the record came from.
    line : int, optional
        1-based line (or row) number in `source`.
    record : str, optional
        The id of the record (comment id, thread id), when known.
    field : str, optional
        The field that is missing or wrong.
    fix : str, optional
        How to fix it from Python (appended to the message after ``"; "``).
    cli_fix : str, optional
        How to fix it on the command line, when that differs (``discourse`` prints
        :meth:`for_cli` instead of ``str(error)``).

    Examples
    --------
    >>> err = InputError("not valid JSON", source="t.jsonl", line=7)
    >>> err.line, str(err)
    (7, 't.jsonl:7: not valid JSON')
    >>> err = InputError("no column 'id'", source="c.csv", fix="pass columns={'id': ...}",
    ...                  cli_fix="use --columns id=YOUR_COLUMN")
    >>> err.for_cli()
    "c.csv: no column 'id'; use --columns id=YOUR_COLUMN"
    """

    def __init__(
        self,
        reason: str,
        *,
        source: str | None = None,
        line: int | None = None,
        record: str | None = None,
        field: str | None = None,
        fix: str | None = None,
        cli_fix: str | None = None,
    ) -> None:
        self.reason = reason
        self.source = source
        self.line = line
        self.record = record
        self.field = field
        self.fix = fix
        self.cli_fix = cli_fix
        super().__init__(self._format(fix))

    def for_cli(self) -> str:
        """The message with the command-line advice (``cli_fix``) instead of the Python one."""
        return self._format(self.cli_fix if self.cli_fix is not None else self.fix)

    def _format(self, fix: str | None = None) -> str:
        where = ""
        if self.source is not None:
            where = str(self.source)
            if self.line is not None:
                where += f":{self.line}"
        elif self.line is not None:
            where = f"line {self.line}"
        parts = []
        if self.record is not None:
            parts.append(f"record {self.record!r}")
        if self.field is not None:
            parts.append(f"field {self.field!r}")
        detail = ", ".join(parts)
        message = f"{detail}: {self.reason}" if detail else self.reason
        if fix:
            message = f"{message}; {fix}"
        return f"{where}: {message}" if where else message


class IntegrityError(InputError):
    """A thread whose reply structure is broken (duplicate ids, orphans, cycles, self-replies).

    Examples
    --------
    >>> str(IntegrityError("reply cycle c1 -> c2 -> c1", record="t1"))
    "record 't1': reply cycle c1 -> c2 -> c1"
    """


class ModelError(DiscourseError, TypeError, ValueError):
    """A model object (:mod:`discourse.model`) built with a field of the wrong type or value.

    A subclass of :class:`TypeError` (a wrong type, as Python itself raises) and of
    :class:`ValueError` (a wrong value, such as a lone surrogate in a text).

    Examples
    --------
    >>> str(ModelError("Comment 'c1': field 'text' must be a str, not NoneType"))
    "Comment 'c1': field 'text' must be a str, not NoneType"
    """


class ResultsError(InputError):
    """A results folder (``manifest.json`` and tables) that cannot be loaded as it is.

    Examples
    --------
    >>> str(ResultsError("table file must be a plain file name, not '../x.csv'",
    ...                  source="out/manifest.json", field="tables.units.file"))
    "out/manifest.json: field 'tables.units.file': table file must be a plain file name, not '../x.csv'"
    """


class LexiconError(DiscourseError, ValueError):
    """A lexicon, dictionary or actor-registry file that cannot be used.

    Examples
    --------
    >>> str(LexiconError("bad.dic:4: category 9 is not declared"))
    'bad.dic:4: category 9 is not declared'
    """


class MissingDependencyError(DiscourseError, ImportError):
    """An optional dependency is needed for this call; the message names the extra to install.

    Examples
    --------
    >>> str(MissingDependencyError("dask", extra="dask"))
    "this needs 'dask', which is not installed: pip install 'discourse[dask]'"
    """

    def __init__(self, package: str, *, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"this needs {package!r}, which is not installed: pip install 'discourse[{extra}]'"
        )


class UnknownActorError(DiscourseError, LookupError):
    """An actor name that the registry cannot resolve to one actor (unknown or ambiguous).

    Parameters
    ----------
    reason : str
        The full message (what, where, and the suggestions).
    name : str
        The name as the user gave it.
    suggestions : tuple of str
        Actor ids that the user may have meant.

    Examples
    --------
    >>> err = UnknownActorError("no actor 'Rusia'; did you mean 'russia'?", name="Rusia", suggestions=("russia",))
    >>> err.suggestions, isinstance(err, LookupError)
    (('russia',), True)
    """

    def __init__(self, reason: str, *, name: str, suggestions: tuple[str, ...] = ()) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        super().__init__(reason)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class DataWarning(UserWarning):
    """Something in the data was repaired or skipped in lenient mode (see the read report)."""
