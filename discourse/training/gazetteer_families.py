"""Derived families of the gazetteer: organisations, parties, agencies and media from sources.

Each function takes the running builder (:class:`discourse.training.gazetteer._Builder`) and
appends :class:`~discourse.training.gazetteer_rules.ActorData` to one of its family files.
"""

from __future__ import annotations

from typing import Any

__all__ = ["agencies", "media", "organisations", "parties"]


def organisations(builder: Any) -> None:
    """Intergovernmental organisations from the Factbook appendix (filled in below)."""


def parties(builder: Any) -> None:
    """Parties from Party Facts."""


def agencies(builder: Any) -> None:
    """Intelligence agencies from the MISP galaxy."""


def media(builder: Any) -> None:
    """Publishers from fundus."""
