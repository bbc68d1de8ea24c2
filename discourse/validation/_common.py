"""Shared helpers of the validation modules: classification scores and atomic CSV output."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from discourse.io.atomic import atomic_write

__all__ = ["classification_scores", "write_csv"]


def classification_scores(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> tuple[float, float, dict[str, float]]:
    """Macro-F1 over `labels`, accuracy, and the per-class F1 (0 for a class with no hit).

    Examples
    --------
    >>> f1, acc, per_class = classification_scores(["a", "b"], ["a", "a"], ["a", "b", "c"])
    >>> round(f1, 3), acc, per_class["b"]
    (0.222, 0.5, 0.0)
    """
    per_class = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
        per_class[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    accuracy = sum(1 for g, p in zip(gold, predicted) if g == p) / len(gold) if gold else 0.0
    return sum(per_class.values()) / len(labels), accuracy, per_class


def write_csv(frame: Any, path: str | os.PathLike[str]) -> Path:
    """Write a table as CSV atomically (temporary file, then rename); return the path.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> out = write_csv(pd.DataFrame({"a": [1]}), pathlib.Path(tempfile.mkdtemp()) / "t.csv")
    >>> out.read_text()
    'a\\n1\\n'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(target, newline="") as stream:
        frame.to_csv(stream, index=False, lineterminator="\n")
    return target
