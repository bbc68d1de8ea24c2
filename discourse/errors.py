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

    Examples
    --------
    >>> err = InputError("not valid JSON", source="t.jsonl", line=7)
    >>> err.line, str(err)
    (7, 't.jsonl:7: not valid JSON')
    """

    def __init__(
        self,
        reason: str,
        *,
        source: str | None = None,
        line: int | None = None,
        record: str | None = None,
        field: str | None = None,
    ) -> None:
        self.reason = reason
        self.source = source
        self.line = line
        self.record = record
        self.field = field
        super().__init__(self._format())

    def _format(self) -> str:
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
        return f"{where}: {message}" if where else message


class IntegrityError(InputError):
    """A thread whose reply structure is broken (duplicate ids, orphans, cycles, self-replies).

    Examples
    --------
    >>> str(IntegrityError("reply cycle c1 -> c2 -> c1", record="t1"))
    "record 't1': reply cycle c1 -> c2 -> c1"
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
