"""Helpers shared by the actor tests (not a test module)."""

from __future__ import annotations

from discourse.actors import ActorRegistry


def found_mentions(registry: ActorRegistry, text: str) -> list[tuple[str, str]]:
    """``(surface, actor id)`` of every mention `registry` finds in `text`, in text order."""
    return [(text[m.start : m.end], m.actor_id) for m in registry.find(text)]
