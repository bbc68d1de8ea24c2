"""How to cite discourse: BibTeX with the exact version and the hashes of the lexicons used.

A result is reproducible only with the library version *and* the word lists and weights it read,
so the citation carries both: :func:`bibtex` (``discourse cite``) prints a ``@software`` entry
whose ``version`` is the installed version and whose ``note`` lists every lexicon of the default
analysis by name and SHA-256 prefix (the full hashes are in every results manifest). The same
metadata is in ``CITATION.cff`` at the repository root (GitHub's "Cite this repository").

Examples
--------
>>> entry = bibtex()
>>> entry.splitlines()[0]
'@software{discourse_0_1_0,'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["TITLE", "AUTHORS", "DATE_RELEASED", "bibtex"]

TITLE = "discourse: analysis of news articles and their reader-comment threads"
"""Title of the software, as in ``CITATION.cff``."""

AUTHORS = "The discourse developers"
"""Authors, as in ``CITATION.cff`` (a group name: no individual authors are recorded)."""

DATE_RELEASED = "2026-11-25"
"""Release date of the latest released version (0.1.0), as in ``CITATION.cff`` and ``CHANGELOG.md``."""


def _escape(text: str) -> str:
    """Text safe inside a BibTeX field (braces balanced, specials escaped)."""
    for char in ("\\", "{", "}", "%", "&", "#", "_", "$"):
        text = text.replace(char, "\\" + char)
    return text


def bibtex(lexicons: Sequence[Mapping[str, Any]] | None = None, *, hash_length: int = 12) -> str:
    """A BibTeX ``@software`` entry for the installed version, with the lexicon hashes.

    Parameters
    ----------
    lexicons : sequence of mapping, optional
        Lexicon records (``name``, ``sha256``), e.g. ``results.provenance["lexicons"]`` of the
        run being cited. Default: those of the default analysis.
    hash_length : int
        Characters of each SHA-256 to print (default 12; 64 for the full hash).

    Returns
    -------
    str
        The entry, ending with a newline.

    Examples
    --------
    >>> print(bibtex([{"name": "vader_lexicon", "sha256": "ab" * 32}]))  # doctest: +ELLIPSIS
    @software{discourse_0_1_0,
      title = {discourse: analysis of news articles and their reader-comment threads},
      author = {{The discourse developers}},
      version = {0.1.0},
      year = {2026},
      note = {Lexicons (name: SHA-256 prefix): vader\\_lexicon: abababababab},
    }
    <BLANKLINE>
    """
    from discourse import __version__

    if lexicons is None:
        from discourse.pipeline.analysis import Analysis

        lexicons = Analysis().provenance()["lexicons"]
    hashes = "; ".join(
        f"{_escape(str(item.get('name', '?')))}: {str(item.get('sha256', ''))[:hash_length]}"
        for item in sorted(lexicons, key=lambda item: str(item.get("name", "")))
    )
    key = "discourse_" + "".join(c if c.isalnum() else "_" for c in __version__)
    lines = [
        f"@software{{{key},",
        f"  title = {{{_escape(TITLE)}}},",
        f"  author = {{{{{AUTHORS}}}}},",
        f"  version = {{{__version__}}},",
        f"  year = {{{DATE_RELEASED[:4]}}},",
        f"  note = {{Lexicons (name: SHA-256 prefix): {hashes}}},",
        "}",
    ]
    return "\n".join(lines) + "\n"
