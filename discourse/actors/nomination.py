"""The nomination table: which names each actor is given, in the article and in the comments.

How an actor is named is itself a discourse choice (the *nomination* strategy of Reisigl & Wodak
2001): "the Assad regime" and "the Syrian government" name the same actor.

Examples
--------
>>> table = nominations([("article", "Damascus said."), ("comments", "Damascus lies.")])
>>> [(r["alias"], r["part"], r["count"]) for r in table.to_records()]
[('Damascus', 'article', 1), ('Damascus', 'comments', 1)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from discourse.actors.matching import Mention
from discourse.actors.registry import ActorRegistry, registry_or_default
from discourse.actors.units import thread_units
from discourse.model import Thread
from discourse.text import Doc

__all__ = ["NominationTable", "nominations", "nomination_table"]


@dataclass(frozen=True)
class NominationTable:
    """How often each actor was named by each alias, per part of a thread.

    Attributes
    ----------
    rows : tuple of dict
        One row per actor x alias x part, with zero counts where an alias is used in one part
        only (so article and comments line up).

    Notes
    -----
    Columns of :meth:`to_records`: ``actor`` (id), ``actor_name``, ``kind``, ``alias`` (the
    registry spelling), ``form`` (name/abbreviation/demonym/metonym/epithet/description),
    ``part`` (article/comments), ``count`` (mentions), ``share`` (count / all mentions of the
    actor in that part; 0 when the actor is not named there), ``units`` (units using the alias).

    Examples
    --------
    >>> table = nominations([("article", "The Assad regime and Damascus."), ("comments", "Damascus!")])
    >>> [(r["alias"], r["part"], r["count"]) for r in table.to_records()]
    [('Assad regime', 'article', 1), ('Assad regime', 'comments', 0), ('Damascus', 'article', 1), ('Damascus', 'comments', 1)]
    """

    rows: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def to_records(self) -> list[dict[str, Any]]:
        """The tidy rows (see Notes)."""
        return [dict(row) for row in self.rows]

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame(self.to_records(), columns=list(_NOMINATION_COLUMNS))


_NOMINATION_COLUMNS = ("actor", "actor_name", "kind", "alias", "form", "part", "count", "share", "units")


def nominations(
    data: Thread | str | Doc | Iterable[tuple[str, str]], registry: ActorRegistry | None = None
) -> NominationTable:
    """Count which names each actor is given, in the article and in the comments.

    Parameters
    ----------
    data : Thread, str, Doc or iterable of (part, text)
        A thread (title and body count as ``article``), one text, or labelled texts.
    registry : ActorRegistry, optional
        Defaults to the bundled registry.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> rows = nominations(load_seed()).to_records()
    >>> [(r["alias"], r["count"]) for r in rows if r["actor"] == "syrian_government" and r["part"] == "article"]
    [('Assad government', 1), ('Damascus', 5), ('Syrian government', 1)]
    """
    registry = registry_or_default(registry)
    return nomination_table(((u.part, registry.find(u.text)) for u in thread_units(data)), registry)


def nomination_table(
    units: Iterable[tuple[str, Sequence[Mention]]], registry: ActorRegistry | None = None
) -> NominationTable:
    """The nomination table from mentions already found, one ``(part, mentions)`` pair per unit.

    The analysis pipeline uses this to count the mentions its stance step found, rather than
    searching every text again.

    Examples
    --------
    >>> reg = ActorRegistry.default()
    >>> table = nomination_table([("article", reg.find("Damascus said.")), ("comments", [])], reg)
    >>> [(r["alias"], r["part"], r["count"]) for r in table.to_records()]
    [('Damascus', 'article', 1), ('Damascus', 'comments', 0)]
    """
    registry = registry_or_default(registry)
    counts: dict[tuple[str, str, str], int] = {}
    unit_sets: dict[tuple[str, str, str], set[int]] = {}
    forms: dict[tuple[str, str], str] = {}
    parts: list[str] = []
    for n, (part, mentions) in enumerate(units):
        if part not in parts:
            parts.append(part)
        for mention in mentions:
            key = (mention.actor_id, mention.alias, part)
            counts[key] = counts.get(key, 0) + 1
            unit_sets.setdefault(key, set()).add(n)
            forms[(mention.actor_id, mention.alias)] = mention.form
    totals: dict[tuple[str, str], int] = {}
    for (actor_id, _alias, part), count in counts.items():
        totals[(actor_id, part)] = totals.get((actor_id, part), 0) + count
    order = {actor_id: k for k, actor_id in enumerate(registry.ids)}
    rows = []
    for actor_id, alias in sorted(forms, key=lambda key: (order.get(key[0], 0), key[1].lower())):
        actor = registry[actor_id]
        for part in parts:
            count = counts.get((actor_id, alias, part), 0)
            total = totals.get((actor_id, part), 0)
            rows.append(
                {
                    "actor": actor_id,
                    "actor_name": actor.name,
                    "kind": actor.kind,
                    "alias": alias,
                    "form": forms[(actor_id, alias)],
                    "part": part,
                    "count": count,
                    "share": round(count / total, 4) if total else 0.0,
                    "units": len(unit_sets.get((actor_id, alias, part), ())),
                }
            )
    return NominationTable(tuple(rows))
