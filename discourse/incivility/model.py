"""The fitted weights: loaded once from ``discourse/lexicons/data/incivility_weights.json``.

The file is plain JSON written by :mod:`discourse.training.incivility` (no pickle, no code):
for each model an intercept and a mapping feature -> weight, plus the provenance (sources,
licences, citations, SHA-256 of every training file, parameters, cross-validated scores).

Examples
--------
>>> weights = load_weights()
>>> sorted(weights.models)
['incivility', 'intolerance', 'kind', 'span']
>>> weights.info()["name"]
'incivility_weights'
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from discourse.errors import LexiconError
from discourse.lexicons import DATA_DIR, provenance_record

__all__ = ["Weights", "load_weights", "WEIGHTS_PATH"]

WEIGHTS_PATH = DATA_DIR / "incivility_weights.json"
"""The bundled weight file."""


@dataclass(frozen=True)
class Weights:
    """The fitted models with their provenance.

    Attributes
    ----------
    models : dict
        ``incivility``, ``intolerance`` and ``span``: ``{"intercept", "weights", ...}``;
        ``kind``: ``{"classes", "intercepts", "weights": feature -> per-class list}``.
    meta : dict
        Everything else in the file (sources, parameters, label mapping, command).
    sha256 : str
        Hash of the file's bytes (recorded in every result's provenance).
    path : str
        Where the file was read from.
    """

    models: dict[str, dict[str, Any]]
    meta: dict[str, Any] = field(default_factory=dict)
    sha256: str = ""
    path: str = ""

    def info(self) -> dict[str, str]:
        """Provenance record (the shape of :meth:`discourse.lexicons.Lexicon.info`).

        Examples
        --------
        >>> len(load_weights().info()["sha256"])
        64
        """
        sources = self.meta.get("sources", [])
        meta = {
            "version": self.meta.get("version", ""),
            "source": "fitted by discourse.training.incivility on "
            + ", ".join(s["name"] for s in sources),
            "licence": self.meta.get("licence", ""),
            "citation": "; ".join(s["citation"] for s in sources),
        }
        entries = sum(len(m.get("weights", {})) for m in self.models.values())
        return provenance_record(str(self.meta.get("name", "")), self.path, self.sha256, meta, entries)

    def cv_scores(self) -> dict[str, Any]:
        """The cross-validated scores recorded at fitting time.

        Examples
        --------
        >>> sorted(load_weights().cv_scores())
        ['incivility', 'intolerance', 'kind', 'span']
        """
        keys = ("cv_roc_auc", "held_out_roc_auc", "cv_char_f1", "cv_macro_f1", "cv_f1_by_class", "C", "threshold")
        return {name: {k: m[k] for k in keys if k in m} for name, m in self.models.items()}


@lru_cache(maxsize=4)
def _load(path: str) -> Weights:
    data = Path(path).read_bytes()
    try:
        content = json.loads(data.decode("utf-8"))
        models = content.pop("models")
        for name in ("incivility", "intolerance", "span", "kind"):
            models[name]["weights"]
    except (ValueError, KeyError, TypeError) as exc:
        raise LexiconError(
            f"{path}: not an incivility weight file ({exc}); refit it with "
            "python -m discourse.training.incivility ../shared/train"
        ) from None
    return Weights(models, content, hashlib.sha256(data).hexdigest(), path)


def load_weights(path: str | os.PathLike[str] | None = None) -> Weights:
    """The bundled weights, or a weight file written by the training module (cached).

    Raises
    ------
    LexiconError
        If the file is not a weight file of this model.
    """
    return _load(str(Path(path).resolve()) if path is not None else str(WEIGHTS_PATH))
