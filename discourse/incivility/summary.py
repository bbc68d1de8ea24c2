"""Shares of uncivil and intolerant units with confidence intervals, by part and reply depth.

A share is the number of units whose probability is at or above the threshold over the number
of units, with a Wilson score interval (Wilson 1927; Brown, Cai & DasGupta 2001), which stays
inside [0, 1] and behaves with few units and shares near 0, as in most comment threads.

Examples
--------
>>> [round(v, 4) for v in wilson_interval(3, 10)]
[0.1078, 0.6032]
>>> rows = summary_rows([("comment", 0, 0.9, 0.1), ("comment", 1, 0.2, 0.7), ("article", None, 0.1, 0.0)])
>>> [(r["measure"], r["group"], r["n"], r["share"]) for r in rows][:3]
[('incivility', 'article', 1, 0.0), ('incivility', 'comments', 2, 0.5), ('incivility', 'depth 0', 1, 1.0)]
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from statistics import NormalDist
from typing import Any

__all__ = ["wilson_interval", "summary_rows", "SUMMARY_COLUMNS", "depth_group"]

SUMMARY_COLUMNS = ("measure", "group", "n", "n_flagged", "share", "ci_low", "ci_high", "mean")
"""Keys of the rows of :func:`summary_rows` (the thread table adds ``thread_id``)."""


def wilson_interval(k: int, n: int, ci: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of the proportion `k` / `n` (NaNs for ``n == 0``).

    Examples
    --------
    >>> wilson_interval(0, 20)[0]
    0.0
    """
    if n == 0:
        return float("nan"), float("nan")
    z = NormalDist().inv_cdf(0.5 + ci / 2.0)
    p = k / n
    denominator = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    # exact bounds at the edges (no rounding residue: 0 of n flagged gives a lower bound of 0)
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    return low, high


def depth_group(depth: int | None, max_depth: int = 3) -> str:
    """The reply-depth group of a comment: ``depth 0`` ... ``depth 3+``.

    Examples
    --------
    >>> depth_group(0), depth_group(5)
    ('depth 0', 'depth 3+')
    """
    if depth is None:
        return "depth ?"
    return f"depth {depth}" if depth < max_depth else f"depth {max_depth}+"


def summary_rows(
    units: Iterable[tuple[str, int | None, float, float]],
    *,
    threshold: float = 0.5,
    ci: float = 0.95,
    max_depth: int = 3,
) -> list[dict[str, Any]]:
    """Summary rows from ``(unit_kind, depth, incivility, intolerance)`` per unit.

    Groups: ``article`` (title and body), ``comments`` (all comments), then ``depth 0``,
    ``depth 1``... (comments by reply depth, the deepest pooled as ``depth {max_depth}+``).
    Keys: :data:`SUMMARY_COLUMNS`; ``mean`` is the mean probability. Groups without units (a
    thread without comments) get no row.
    """
    groups: dict[str, list[tuple[float, float]]] = {"article": [], "comments": []}
    depths: dict[str, list[tuple[float, float]]] = {}
    for kind, depth, inc, intol in units:
        if kind == "comment":
            groups["comments"].append((inc, intol))
            depths.setdefault(depth_group(depth, max_depth), []).append((inc, intol))
        else:
            groups["article"].append((inc, intol))
    groups.update(sorted(depths.items()))
    rows = []
    for m, measure in enumerate(("incivility", "intolerance")):
        for group, values in groups.items():
            n = len(values)
            if not n:
                continue
            k = sum(1 for v in values if v[m] >= threshold)
            low, high = wilson_interval(k, n, ci)
            rows.append(
                {
                    "measure": measure,
                    "group": group,
                    "n": n,
                    "n_flagged": k,
                    "share": k / n if n else float("nan"),
                    "ci_low": low,
                    "ci_high": high,
                    "mean": sum(v[m] for v in values) / n if n else float("nan"),
                }
            )
    return rows
