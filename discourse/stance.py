"""Stance toward named actors: a compatibility module.

The stance code lives in :mod:`discourse.actors.stance` (one package for the actor code since
0.x, issue 14). This module re-exports its public names so that ``discourse.stance.stance`` and
``discourse.stance.stance_toward``, the front doors of earlier releases, keep working; new code
may import from either place.

Examples
--------
>>> from discourse.stance import stance, stance_toward
>>> [r["label"] for r in stance("Iran lied.").to_records()]
['negative']
"""

from __future__ import annotations

from discourse.actors.stance import *  # noqa: F401,F403 - the re-export is this module's purpose
from discourse.actors.stance import __all__ as _stance_all

__all__ = list(_stance_all)
