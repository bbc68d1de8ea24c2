"""Bundled example data: the seed thread the library was created from.

Examples
--------
>>> from discourse.datasets import load_seed
>>> thread = load_seed()
>>> thread.article.title[:12], len(thread.comments)
('Russia Warns', 16)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from discourse.model import Thread

__all__ = [
    "SEED_FILENAME",
    "seed_path",
    "load_seed",
    "synthetic_corpus",
    "synthetic_thread",
    "write_synthetic_jsonl",
]

SEED_FILENAME = "zerohedge_2017-09_russia-warns-us-syria.txt"
"""File name of the seed document (identical to ``seeds/`` in the source repository)."""


def seed_path() -> Path:
    """Path of the bundled seed document (plain-text thread layout).

    Examples
    --------
    >>> seed_path().name
    'zerohedge_2017-09_russia-warns-us-syria.txt'
    """
    return Path(str(resources.files("discourse.datasets") / "data" / SEED_FILENAME))


def load_seed() -> Thread:
    """The seed thread: a September 2017 news article on Russia, the US and Syria, 16 comments.

    The article has a title and 12 paragraphs; the comments are roots (the layout has no reply
    structure), with ids ``c01`` to ``c16`` in page order. See ``seeds/README.md``.

    Examples
    --------
    >>> load_seed().comments[0].id
    'c01'
    """
    from discourse.io.seedtext import read_seedtext

    return read_seedtext(seed_path())


def __getattr__(name: str) -> object:
    # The synthetic corpus is imported on first use: load_seed() should not pay for it.
    if name in ("synthetic_corpus", "synthetic_thread", "write_synthetic_jsonl"):
        from discourse.datasets import synthetic

        return getattr(synthetic, name)
    raise AttributeError(f"module 'discourse.datasets' has no attribute {name!r}")
