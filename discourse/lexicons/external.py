"""Lexicons that come from an installed dependency rather than from this library's files.

VADER's lexicon (Hutto & Gilbert 2014, MIT licence) is read from the ``vaderSentiment`` package,
which the library depends on, so the scores are tied to that package's exact file; its SHA-256
goes into provenance like any other lexicon's.

Examples
--------
>>> lex = vader_lexicon()
>>> lex.weights()["good"], lex.meta["source"]
(1.9, 'vaderSentiment package')
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from types import MappingProxyType

from discourse.lexicons import Lexicon

__all__ = ["vader_lexicon", "vader_emoji_lexicon", "package_file"]


def package_file(package: str, *parts: str) -> Path:
    """The path of a data file of an installed package, found without importing the package.

    Importing ``textblob`` imports all of nltk (and with it scipy and scikit-learn when they are
    installed): about a second and 60 MB per process, for a word list.

    Examples
    --------
    >>> package_file("textblob", "en", "en-lexicon.txt").read_bytes()[:3]
    b';;;'
    """
    from importlib import util

    from discourse.errors import LexiconError

    spec = util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise LexiconError(f"{'/'.join(parts)} comes with {package}, a core dependency: pip install {package}")
    return Path(list(spec.submodule_search_locations)[0], *parts)

_CITATION = (
    "Hutto, C.J. & Gilbert, E.E. (2014). VADER: A Parsimonious Rule-based Model for Sentiment "
    "Analysis of Social Media Text. ICWSM-14."
)


def _read_package_file(filename: str) -> tuple[str, str, str]:
    resource = resources.files("vaderSentiment") / filename
    data = resource.read_bytes()
    return data.decode("utf-8"), hashlib.sha256(data).hexdigest(), str(resource)


def _meta(filename: str) -> MappingProxyType[str, str]:
    return MappingProxyType(
        {
            "source": "vaderSentiment package",
            "file": filename,
            "version": metadata.version("vaderSentiment"),
            "licence": "MIT",
            "citation": _CITATION,
        }
    )


@lru_cache(maxsize=None)
def vader_lexicon() -> Lexicon:
    """VADER's word -> mean valence lexicon (7,500 entries), from the installed package.

    Values are the mean human valence ratings (-4..+4) as strings, exactly as in the file.
    """
    text, digest, path = _read_package_file("vader_lexicon.txt")
    entries = {}
    for line in text.splitlines():
        parts = line.strip("\n").split("\t")
        if len(parts) >= 2 and parts[0]:
            entries[parts[0]] = parts[1]
    return Lexicon("vader", MappingProxyType(entries), _meta("vader_lexicon.txt"), digest, path)


@lru_cache(maxsize=None)
def vader_emoji_lexicon() -> Lexicon:
    """VADER's emoji -> textual description table, from the installed package."""
    text, digest, path = _read_package_file("emoji_utf8_lexicon.txt")
    entries = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0]:
            entries[parts[0]] = parts[1]
    return Lexicon(
        "vader_emoji", MappingProxyType(entries), _meta("emoji_utf8_lexicon.txt"), digest, path
    )
