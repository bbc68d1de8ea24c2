"""The text units of a thread (title, article body, comments) that the actor analysers walk.

Examples
--------
>>> [(u.part, u.kind) for u in thread_units("Damascus said no.")]
[('article', 'article')]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from discourse.model import Thread
from discourse.text import Doc

__all__ = ["Unit", "thread_units"]


class Unit(NamedTuple):
    """A text unit of a thread: which part it belongs to, its kind, id and text.

    Examples
    --------
    >>> Unit("comments", "comment", "c01", "Hi").part
    'comments'
    """

    part: str  # "article" or "comments"
    kind: str  # "title", "article", "comment"
    id: str
    text: str


def thread_units(data: Thread | str | Doc | Iterable[tuple[str, str]]) -> list[Unit]:
    """The units of a thread (title, article body, comments), or of plain texts.

    A thread's units carry the model's stable ids (``title``, ``article``, the comment ids);
    plain strings become one ``article`` unit; ``(part, text)`` pairs keep their part.

    Examples
    --------
    >>> [(u.part, u.kind, u.id) for u in thread_units([("comments", "Hi"), ("article", "Body")])]
    [('comments', 'comment', 'u0'), ('article', 'article', 'u1')]
    """
    if isinstance(data, Thread):
        # the model's stable unit ids: "title", "article" and the comment ids
        return [
            Unit("comments" if kind == "comment" else "article", kind, unit_id, text)
            for unit_id, kind, text in data.units()
        ]
    if isinstance(data, (str, Doc)):
        text = data.text if isinstance(data, Doc) else data
        return [Unit("article", "article", "u0", text)]
    units = []
    for n, (part, text) in enumerate(data):
        kind = "comment" if part == "comments" else "article"
        units.append(Unit(str(part), kind, f"u{n}", text))
    return units
