"""Free the analysers' models and memos once a streamed analysis no longer needs them.

After the last thread, ``discourse analyze`` still builds the wide ``comments`` and ``threads``
tables from the written tables, which needs no model. But the models stay loaded: the actor
registry with its matcher and spelling index, the stance model, the incivility weights (about
200,000 floats, read from JSON and compiled again into look-up tables), the part-of-speech
lexicon, the sentiment and rhetoric lexicons and the memos of every analyser, nearly all held by
the library's ``functools`` caches: about 1.7 million of Python's allocated blocks and 75 MB of
resident memory, under the wide pass, which set the peak of a million-comment run.

Clearing the caches changes no result: each is a pure function of its arguments and fills again
on the next call (loading the models again takes a few seconds). It is a choice for a process
that analyses once, made by the command line (``analyze_path(..., release_models=True)``), not
by default: a session that goes on analysing would load everything again.
"""

from __future__ import annotations

import gc
import sys
from typing import Any

__all__ = ["release_models"]


def _library_caches() -> list[Any]:
    """The ``functools.lru_cache``/``functools.cache`` functions defined at the top level of the
    library's loaded modules."""
    caches = []
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "discourse" or name.startswith("discourse.")):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and callable(getattr(value, "cache_info", None)):
                caches.append(value)
    return caches


def release_models(analysis: Any = None) -> int:
    """Drop `analysis`'s built stages (rebuilt on next use) and clear every cache of the
    library, then collect the garbage and give free memory back to the system.

    Parameters
    ----------
    analysis : Analysis, optional
        Its stages (the analysers, which hold the models) are dropped.

    Returns
    -------
    int
        The number of caches cleared.

    Examples
    --------
    In a process that has analysed (``discourse analyze`` calls it through ``analyze_path``):

    >>> release_models(analysis)  # doctest: +SKIP
    54
    >>> from discourse.pipeline.analysis import Analysis
    >>> stages = Analysis().stages_  # the analysers load their models, lexicons and memos
    >>> len(_library_caches()) > 10  # the caches release_models clears
    True
    """
    if analysis is not None:
        analysis.__dict__.pop("_stages", None)
    caches = _library_caches()
    for cache in caches:
        cache.cache_clear()
    gc.collect()  # the models hold reference cycles (the registry and its indexes)
    from discourse.pipeline._malloc import release_free_memory

    release_free_memory()
    return len(caches)
