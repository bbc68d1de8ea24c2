"""Provenance: what made a result (versions, lexicons with hashes, parameters, input).

A reviewer re-running an analysis years later compares this record with theirs. It contains no
timestamps, host names or paths outside the user's own arguments, so the same input and settings
give a byte-identical record.

Examples
--------
>>> record = environment()
>>> sorted(record["dependencies"])[:3]
['matplotlib', 'nltk', 'numpy']
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from discourse._version import __version__

__all__ = ["DEPENDENCIES", "environment", "file_sha256", "canonical_json", "lexicon_records"]

DEPENDENCIES = ("matplotlib", "nltk", "numpy", "pandas", "pyarrow", "textblob", "tqdm", "vaderSentiment")
"""Distributions whose versions can change the numbers or figures, recorded in every result."""


@lru_cache(maxsize=None)
def _version(distribution: str) -> str | None:
    # Once per process: reading the installed metadata cost 15-30 ms per analysis, and the
    # version that shaped the numbers is the one imported, not one installed since.
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def environment() -> dict[str, Any]:
    """Versions of the library, Python and the dependencies that shape the numbers.

    Examples
    --------
    >>> environment()["discourse"] == __version__
    True
    """
    return {
        "discourse": __version__,
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "dependencies": {name: _version(name) for name in DEPENDENCIES},
    }


def file_sha256(path: str | os.PathLike[str], *, chunk_size: int = 1 << 20) -> str:
    """SHA-256 of a file (or of every file in a folder, in sorted path order), streamed.

    Examples
    --------
    >>> from discourse.datasets import seed_path
    >>> len(file_sha256(seed_path()))
    64
    """
    digest = hashlib.sha256()
    path = Path(path)
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(str(file.relative_to(path)).encode("utf-8") + b"\0")
        with open(file, "rb") as handle:
            for block in iter(lambda: handle.read(chunk_size), b""):
                digest.update(block)
    return digest.hexdigest()


def canonical_json(data: Any) -> str:
    """JSON with sorted keys and fixed formatting, so equal data gives equal bytes.

    Examples
    --------
    >>> canonical_json({"b": 1, "a": [1.5, None]})
    '{\\n  "a": [\\n    1.5,\\n    null\\n  ],\\n  "b": 1\\n}\\n'
    """
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False, default=str) + "\n"


def lexicon_records(infos: Iterable[Mapping[str, str]]) -> list[dict[str, str]]:
    """De-duplicate lexicon provenance records (by name and hash) and sort them by name.

    Examples
    --------
    >>> lexicon_records([{"name": "b", "sha256": "2"}, {"name": "a", "sha256": "1"}, {"name": "b", "sha256": "2"}])
    [{'name': 'a', 'sha256': '1'}, {'name': 'b', 'sha256': '2'}]
    """
    unique = {(info.get("name", ""), info.get("sha256", "")): dict(info) for info in infos}
    return [unique[key] for key in sorted(unique)]
