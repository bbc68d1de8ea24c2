"""Actors: who is named in a text, and how the text positions them.

One module per concept; data flows down this list:

========================================  ==================================================
:mod:`discourse.actors.registry`          :class:`Actor`, :class:`Alias`, :class:`ActorRegistry`,
                                          the default registry, name resolution
:mod:`discourse.actors.loading`           reading registry files and dicts (data, never code)
:mod:`discourse.actors.matching`          the mention finder (:func:`find_mentions`)
:mod:`discourse.actors.disambiguation`    context rules applied to the matches (place, event, ...)
:mod:`discourse.actors.rules`             the word lists of those rules and of discovery (data)
:mod:`discourse.actors.discovery`         the names a text uses that the registry does not know
:mod:`discourse.actors.units`             the text units of a thread
:mod:`discourse.actors.nomination`        which names each actor is given (:func:`nominations`)
:mod:`discourse.actors.context`           the shared sentence context of the analysers below
:mod:`discourse.actors.attribution`       whose words: the author's or a reported speaker's
:mod:`discourse.actors.stance_features`   the fitted stance model's target-dependent features
:mod:`discourse.actors.stance_model`      the fitted stance model's weights and scoring
:mod:`discourse.actors.stance`            stance toward each actor, with evidence
:mod:`discourse.actors.relations`         who accuses, warns, backs whom
:mod:`discourse.actors.predication`       which qualities and actions are attached to actors
:mod:`discourse.actors.analyzer`          all of them in one pass (:func:`analyze_actors`)
========================================  ==================================================

The registry, matching, nomination and resolution names are importable from here;
the analysers load their cue lexicons on first use, so they are imported from their modules
(or, lazily, from here: ``discourse.actors.analyze_actors``).

Examples
--------
>>> from discourse.actors import find_mentions, resolve_actors
>>> [m.actor_id for m in find_mentions("The Kremlin and the U.S. disagree.")]
['russia', 'united_states']
>>> resolve_actors(["Russia", "US"])
['russia', 'united_states']
"""

from __future__ import annotations

from typing import Any

from discourse.actors.matching import AliasMatcher, Mention, find_mentions
from discourse.actors.nomination import NominationTable, nomination_table, nominations
from discourse.actors.registry import (
    CASE_MODES,
    FORMS,
    KINDS,
    Actor,
    ActorRegistry,
    Alias,
    default_registry,
    registry_or_default,
    resolve_actors,
)
from discourse.actors.units import Unit, thread_units

__all__ = [
    "KINDS",
    "FORMS",
    "CASE_MODES",
    "Alias",
    "Actor",
    "Mention",
    "AliasMatcher",
    "ActorRegistry",
    "default_registry",
    "registry_or_default",
    "resolve_actors",
    "find_mentions",
    "NominationTable",
    "nominations",
    "nomination_table",
    "Unit",
    "thread_units",
    "ActorAnalyzer",
    "analyze_actors",
    "analyze_thread_actors",
]

# Imported on first use: the analysers load cue lexicons (see the module docstring).
_LAZY = frozenset({"ActorAnalyzer", "analyze_actors", "analyze_thread_actors"})


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from discourse.actors import analyzer

        value = getattr(analyzer, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'discourse.actors' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
