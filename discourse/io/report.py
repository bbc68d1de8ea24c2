"""What a reader did with every record: the read report of lenient mode.

Nothing is lost silently: each record a reader sees is either read or listed here with its file,
line and reason, so that ``records_in == records_read + records_skipped`` always holds.

Examples
--------
>>> report = ReadReport()
>>> report.seen(3); report.read(2)
>>> report.add(Problem("c.jsonl", 2, "not valid JSON", action="skipped"))
>>> report.balanced, report.records_skipped
(True, 1)
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from discourse.errors import DataWarning, InputError

__all__ = ["Problem", "ReadReport"]

ACTIONS = ("skipped", "repaired", "kept")
"""What lenient mode did: ``skipped`` (the record is not in the result), ``repaired`` (it is, with
the stated change) or ``kept`` (it is, unchanged, but something about it is wrong)."""


@dataclass(frozen=True)
class Problem:
    """One problem found while reading.

    Parameters
    ----------
    source : str
        File (or other source) name.
    line : int or None
        1-based line or row number, when the format has lines.
    reason : str
        What was wrong.
    record : str, optional
        Record id (comment or thread), when known.
    field : str, optional
        The field concerned.
    action : {"skipped", "repaired", "kept"}
        What lenient mode did about it.
    records : int
        How many records a skip removed (default 1; a thread skipped with its 5 comments is 6).
        Ignored for ``repaired`` and ``kept``.

    Examples
    --------
    >>> str(Problem("a.csv", 4, "missing required field", field="id"))
    "a.csv:4: field 'id': missing required field [skipped]"
    """

    source: str
    line: int | None
    reason: str
    record: str | None = None
    field: str | None = None
    action: str = "skipped"
    records: int = 1

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"action must be one of {ACTIONS}, not {self.action!r}")
        if self.records < 0:
            raise ValueError(f"records must be >= 0, not {self.records}")

    def to_error(self) -> InputError:
        """The strict-mode exception for this problem."""
        return InputError(
            self.reason, source=self.source, line=self.line, record=self.record, field=self.field
        )

    def __str__(self) -> str:
        return f"{self.to_error()} [{self.action}]"


@dataclass
class ReadReport:
    """The account a reader gives of its input: counts and every problem.

    Attributes
    ----------
    records_in : int
        Records the reader saw (lines of a JSONL file, rows of a CSV table...).
    records_read : int
        Records that made it into the result.
    problems : list of Problem
        Everything skipped, repaired or kept despite a problem, in input order.

    Examples
    --------
    >>> ReadReport().summary()
    '0 records in, 0 read, 0 skipped, 0 problems'
    """

    records_in: int = 0
    records_read: int = 0
    problems: list[Problem] = field(default_factory=list)

    def seen(self, n: int = 1) -> None:
        """Count `n` records as seen."""
        self.records_in += n

    def read(self, n: int = 1) -> None:
        """Count `n` records as read into the result."""
        self.records_read += n

    def add(self, problem: Problem) -> None:
        """Record a problem."""
        self.problems.append(problem)

    def reset(self) -> None:
        """Forget everything (a streamed corpus starts a fresh account on each pass)."""
        self.records_in = 0
        self.records_read = 0
        self.problems.clear()

    @property
    def records_skipped(self) -> int:
        """Number of records that are not in the result."""
        return sum(p.records for p in self.problems if p.action == "skipped")

    def count(self, action: str) -> int:
        """Number of problems with this action (``skipped``, ``repaired`` or ``kept``).

        Examples
        --------
        >>> r = ReadReport(problems=[Problem("f", 1, "x", action="kept")])
        >>> r.count("kept"), r.count("skipped")
        (1, 0)
        """
        return sum(1 for p in self.problems if p.action == action)

    @property
    def balanced(self) -> bool:
        """True if every record seen is accounted for (read or reported skipped)."""
        return self.records_in == self.records_read + self.records_skipped

    @property
    def ok(self) -> bool:
        """True if there were no problems at all."""
        return not self.problems

    def summary(self) -> str:
        """One line: records in, read, skipped, and the number of problems."""
        return (
            f"{self.records_in} records in, {self.records_read} read, "
            f"{self.records_skipped} skipped, {len(self.problems)} problems"
        )

    def warn(self) -> None:
        """Emit one :class:`~discourse.errors.DataWarning` summarising the problems, if any."""
        if self.problems:
            first = self.problems[0]
            warnings.warn(f"{self.summary()}; first: {first}", DataWarning, stacklevel=3)

    def to_records(self) -> list[dict[str, object]]:
        """The problems as plain dicts (for a table or a JSON file)."""
        return [
            {
                "source": p.source,
                "line": p.line,
                "record": p.record,
                "field": p.field,
                "reason": p.reason,
                "action": p.action,
                "records": p.records,
            }
            for p in self.problems
        ]
