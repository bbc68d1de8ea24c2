"""discourse: analysis of news discourse, an article and the reader-comment thread under it.

The front door:

- :func:`load_seed` and :mod:`discourse.io` (``read``, ``stream``, ``write``) to get threads;
- :func:`analyze` for everything at once (tidy tables with provenance, :class:`Results`);
- :mod:`discourse.sentiment`, :mod:`discourse.stance`, :mod:`discourse.rhetoric` for one measure
  on one text; :mod:`discourse.plotting` for figures.

Sub-modules are imported on first use, so ``import discourse`` stays quick.

Examples
--------
>>> import discourse
>>> thread = discourse.load_seed()
>>> results = discourse.analyze(thread)
>>> int(results["units"].shape[0])
18
"""

from __future__ import annotations

import logging
from importlib import import_module
from typing import Any

from discourse._version import __version__
from discourse.datasets import load_seed
from discourse.model import Article, Comment, Corpus, Span, Thread

# A library logs but never decides where messages go: the user's logging configuration does
# (the `discourse` command sets one up; see discourse.progress.configure_logging).
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "__version__",
    "Article",
    "Comment",
    "Corpus",
    "Span",
    "Thread",
    "load_seed",
    "analyze",
    "Analysis",
    "Results",
    "io",
    "sentiment",
    "stance",
    "actors",
    "rhetoric",
    "plotting",
    "text",
    "cluster",
]

_LAZY = {
    "analyze": ("discourse.pipeline.analysis", "analyze"),
    "Analysis": ("discourse.pipeline.analysis", "Analysis"),
    "Results": ("discourse.results", "Results"),
}
_SUBMODULES = {"io", "sentiment", "stance", "actors", "rhetoric", "plotting", "text"}
_MOVED = {"cluster": "discourse.pipeline.cluster"}  # attribute -> its module (moved in 0.2.0)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attribute = _LAZY[name]
        value = getattr(import_module(module), attribute)
    elif name in _SUBMODULES:
        value = import_module(f"discourse.{name}")
    elif name in _MOVED:
        value = import_module(_MOVED[name])
    else:
        raise AttributeError(f"module 'discourse' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
