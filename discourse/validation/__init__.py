"""Validation of the library's measures against human-labelled data.

One module per topic (e.g. :mod:`discourse.validation.sentiment`). Each takes the folder of
evaluation data as an argument (never bundled: see the licences in its README), returns a
pandas DataFrame and can write it as CSV. Nothing here copies evaluation data.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["run_validations", "VALIDATIONS"]

VALIDATIONS = ("sentiment", "stance", "rhetoric", "incivility")
"""The validations ``discourse validate`` runs, in order."""


def run_validations(
    data_dir: str | os.PathLike[str],
    *,
    only: Sequence[str] | None = None,
    out: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """Run the validations against the evaluation data folder; optionally write CSV tables.

    Parameters
    ----------
    data_dir : path-like
        The evaluation data folder (``vader/``, ``newsmtsc/``, ``propaganda/``, ``comments/``).
    only : sequence of str, optional
        A subset of :data:`VALIDATIONS`.
    out : path-like, optional
        Folder for ``validation_<name>.csv`` files.

    Returns
    -------
    dict of str to pandas.DataFrame
        One table per validation.

    Examples
    --------
    >>> run_validations("/no/such/folder", only=["rhetoric"])  # doctest: +SKIP
    """
    from discourse.validation import incivility, rhetoric, sentiment, stance
    from discourse.validation._common import write_csv

    runners: dict[str, Callable[..., Any]] = {  # each takes data_dir, returns a DataFrame
        "sentiment": sentiment.validate_sentiment,
        "stance": stance.validate_stance,
        "rhetoric": rhetoric.validate_rhetoric,
        "incivility": incivility.validate_incivility,
    }
    tables = {}
    for name in only or VALIDATIONS:
        tables[name] = runners[name](data_dir)
        if out is not None:
            folder = Path(out)
            folder.mkdir(parents=True, exist_ok=True)
            write_csv(tables[name], folder / f"validation_{name}.csv")
    return tables
