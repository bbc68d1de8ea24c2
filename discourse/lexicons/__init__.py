"""Word lists as data files with provenance, and the loader (also for users' own lists).

A lexicon file is UTF-8 text. Header lines start with ``#`` and hold ``key: value`` pairs; the
keys ``name``, ``source``, ``licence``, ``citation`` and ``version`` are expected in bundled
files. Every other non-blank line is an entry: a term (one or more words, lower case; a final
``*`` matches any ending), optionally followed by a tab and a value (a weight or a category).

The SHA-256 of each file goes into the provenance of every result that used it.

Examples
--------
>>> lex = parse_lexicon("# name: demo\\n# version: 1\\nregime\\t-1.0\\nliberat*\\t0.5\\n", name="demo")
>>> lex.weights()["regime"], lex.meta["version"], len(lex)
(-1.0, '1', 2)
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from discourse.errors import LexiconError

__all__ = ["Lexicon", "load_lexicon", "parse_lexicon", "bundled_lexicons", "provenance_record", "DATA_DIR"]

DATA_DIR = Path(str(resources.files("discourse.lexicons") / "data"))
"""Folder of the bundled lexicon files."""

_EXTENSIONS = (".txt", ".tsv")


def provenance_record(
    name: str,
    path: str | os.PathLike[str] | None,
    sha256: str,
    meta: Mapping[str, object],
    entries: int,
    *,
    default: str = "",
) -> dict[str, str]:
    """The provenance record of a word list or registry, as results record it.

    Keys: ``name, file, sha256, version, source, licence, citation, entries`` (all strings);
    `default` stands in for a missing source or licence.

    Examples
    --------
    >>> provenance_record("x", "/a/x.txt", "ab12", {"version": "1"}, 3)["file"]
    'x.txt'
    """
    return {
        "name": name,
        "file": Path(path).name if path else "",
        "sha256": sha256,
        "version": str(meta.get("version", "")),
        "source": str(meta.get("source", default)),
        "licence": str(meta.get("licence", default)),
        "citation": str(meta.get("citation", "")),
        "entries": str(entries),
    }


@dataclass(frozen=True)
class Lexicon:
    """A word list with its provenance.

    Attributes
    ----------
    name : str
        Short name (the bundled file's stem, or the user's choice).
    entries : mapping of str to str
        Term -> value as written in the file (``""`` when the line has no value).
    meta : mapping of str to str
        Header fields: source, licence, citation, version...
    sha256 : str
        Hash of the file's bytes (of the text, for lexicons parsed from a string).
    path : str or None
        Where it was read from.

    Examples
    --------
    >>> lex = parse_lexicon("fake news\\nhoax\\n", name="demo")
    >>> sorted(lex.terms())
    ['fake news', 'hoax']
    """

    name: str
    entries: Mapping[str, str]
    meta: Mapping[str, str] = field(default_factory=dict)
    sha256: str = ""
    path: str | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, term: object) -> bool:
        return term in self.entries

    def terms(self) -> frozenset[str]:
        """All terms, wildcards (``word*``) included as written."""
        return frozenset(self.entries)

    def weights(self) -> dict[str, float]:
        """Term -> numeric value; raises :class:`LexiconError` if a value is not a number."""
        out = {}
        for term, value in self.entries.items():
            try:
                out[term] = float(value) if value else 1.0
            except ValueError:
                raise LexiconError(
                    f"lexicon {self.name!r}: value {value!r} of {term!r} is not a number"
                ) from None
        return out

    def info(self) -> dict[str, str]:
        """Provenance record: name, file, sha256, version, source, licence, citation."""
        return provenance_record(self.name, self.path, self.sha256, self.meta, len(self.entries))


def parse_lexicon(text: str, *, name: str, path: str | None = None, sha256: str = "") -> Lexicon:
    """Parse lexicon text (see the module docstring for the format).

    Raises
    ------
    LexiconError
        If an entry line is malformed (more than two tab-separated fields).
    """
    meta: dict[str, str] = {}
    entries: dict[str, str] = {}
    where = path or name
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep and key.strip() and " " not in key.strip():
                meta[key.strip().lower()] = value.strip()
            continue
        parts = raw.rstrip("\n").split("\t")
        if len(parts) > 2:
            raise LexiconError(f"{where}:{number}: expected 'term' or 'term<TAB>value', got {raw!r}")
        term = " ".join(parts[0].lower().split())
        if term:
            entries[term] = parts[1].strip() if len(parts) == 2 else ""
    digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Lexicon(name, MappingProxyType(entries), MappingProxyType(meta), digest, path)


def bundled_lexicons() -> list[str]:
    """Names of the lexicons shipped with the library.

    Examples
    --------
    >>> isinstance(bundled_lexicons(), list)
    True
    """
    return sorted(p.stem for p in DATA_DIR.iterdir() if p.suffix in _EXTENSIONS)


@lru_cache(maxsize=None)
def _load_file(path: str, name: str) -> Lexicon:
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not valid UTF-8 at byte {exc.start}") from None
    return parse_lexicon(text, name=name, path=path, sha256=hashlib.sha256(data).hexdigest())


def load_lexicon(name_or_path: str | os.PathLike[str]) -> Lexicon:
    """Load a bundled lexicon by name, or a user's lexicon file by path (cached per process).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "elite.txt"
    >>> _ = f.write_text("# source: my study\\nelite*\\nestablishment\\n", encoding="utf-8")
    >>> load_lexicon(f).meta["source"]
    'my study'
    """
    candidate = Path(name_or_path)
    if candidate.suffix in _EXTENSIONS and candidate.exists():
        return _load_file(str(candidate.resolve()), candidate.stem)
    name = str(name_or_path)
    for ext in _EXTENSIONS:
        bundled = DATA_DIR / f"{name}{ext}"
        if bundled.exists():
            return _load_file(str(bundled), name)
    raise LexiconError(
        f"no bundled lexicon {name!r} and no such file; bundled: {', '.join(bundled_lexicons())}"
    )
