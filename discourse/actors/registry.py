"""The actor registry: :class:`Actor`, :class:`Alias`, :class:`ActorRegistry`, and the one
place that supplies the default registry.

An :class:`Actor` is a country, person, organisation, group, media outlet or other entity that a
text can take a stance toward. It is named by *aliases* of different *forms*: names
("United States"), abbreviations ("US", "U.S."), demonyms ("Americans"), metonyms
("Washington", "the Pentagon", "the Kremlin"), epithets ("Assad regime") and descriptions
("Arab-Kurdish coalition"). How an actor is named is itself a discourse choice (the *nomination*
strategy of Reisigl & Wodak 2001, see :mod:`discourse.actors.nomination`).

An :class:`ActorRegistry` holds the actors, is read from a TOML or JSON file or a dict (data
only, never code; see :mod:`discourse.actors.loading`), compiles all aliases once into an
:class:`~discourse.actors.matching.AliasMatcher`, and resolves the names a user types (ids,
display names, aliases) to actor ids (:meth:`ActorRegistry.resolve`).

Every function that takes ``registry=None`` gets the bundled registry from
:func:`registry_or_default`, the only fallback in the package.

Examples
--------
>>> reg = default_registry()
>>> reg.resolve("Russia"), reg.resolve("the Kremlin"), resolve_actors(["US", "cia"])
('russia', 'russia', ['united_states', 'cia'])
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import unicodedata
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import Any

from discourse.actors.disambiguation import ThreadContext, apply_context_rules, dropped_matches
from discourse.actors.matching import AliasMatcher, Mention, alias_key
from discourse.actors.spelling import SpellingIndex, correct_spelling
from discourse.errors import LexiconError, UnknownActorError
from discourse.lexicons import provenance_record
from discourse.text import Doc, as_doc

__all__ = [
    "KINDS",
    "FORMS",
    "CASE_MODES",
    "Alias",
    "Actor",
    "ActorRegistry",
    "default_registry",
    "registry_or_default",
    "resolve_actors",
    "fold_name",
]

KINDS = (
    "country",
    "territory",
    "person",
    "government",
    "party",
    "agency",
    "igo",
    "court",
    "armed_group",
    "media",
    "platform",
    "organisation",
    "group",
    "other",
)
"""The kinds of :class:`Actor` (``igo``: an intergovernmental organisation; ``agency``: an
intelligence, security, military or other state agency; ``armed_group``: a non-state armed or
militant group)."""

FORMS = ("name", "abbreviation", "demonym", "metonym", "epithet", "description")
"""The forms of :class:`Alias` (how an actor is named)."""

CASE_MODES = ("auto", "any", "cased", "exact")
"""Case rules of an :class:`Alias` (see the module docstring)."""

_ID = re.compile(r"[A-Za-z0-9_.:-]+")

# -- data classes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Alias:
    """One way of naming an actor.

    Parameters
    ----------
    text : str
        The alias as written ("U.S.", "Assad regime").
    form : str
        One of :data:`FORMS`.
    case : str
        One of :data:`CASE_MODES`.

    Examples
    --------
    >>> Alias("US", "abbreviation", "exact").case
    'exact'
    """

    text: str
    form: str = "name"
    case: str = "auto"

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or not self.text.strip():
            raise LexiconError(f"alias must be a non-empty string, got {self.text!r}")
        if self.form not in FORMS:
            raise LexiconError(f"alias {self.text!r}: form {self.form!r} is not one of {FORMS}")
        if self.case not in CASE_MODES:
            raise LexiconError(f"alias {self.text!r}: case {self.case!r} is not one of {CASE_MODES}")


def fold_name(text: str) -> str:
    """A name folded for comparison: accents removed, case folded, spacing normalised.

    Examples
    --------
    >>> fold_name("  Orbán   Viktor "), fold_name("ERDOĞAN")
    ('orban viktor', 'erdogan')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def guess_form(text: str) -> str:
    """The form of a plain-string alias: ``abbreviation`` for short all-caps strings, else ``name``.

    Examples
    --------
    >>> guess_form("U.S."), guess_form("Syria")
    ('abbreviation', 'name')
    """
    compact = text.replace(".", "")
    if compact.isupper() and len(compact) <= 6:
        return "abbreviation"
    return "name"


@dataclass(frozen=True)
class Actor:
    """A named actor.

    Parameters
    ----------
    id : str
        Stable identifier (letters, digits, ``_ . : -``), e.g. ``"united_states"``.
    name : str
        Display name.
    kind : str
        One of :data:`KINDS`.
    aliases : tuple of Alias or str
        How the actor is named; plain strings become :class:`Alias` objects (form ``name``, or
        ``abbreviation`` for short all-caps strings).
    parent : str, optional
        Id of the actor this one rolls up to (the Pentagon to the United States).
    office : str, optional
        A person's main office, free text ("President of Ukraine").
    since, until : int, optional
        Years in that office (or of the actor's existence); no `until` means current as of the
        data's ``current_to`` date.
    country : str, optional
        Id of the country the actor belongs to (parties, agencies, people).
    sources : tuple of str
        Short keys of the fact sources (named in the file header).

    Examples
    --------
    >>> a = Actor("nato", "NATO", "organisation", ("NATO", "North Atlantic Treaty Organization"))
    >>> [(x.text, x.form) for x in a.aliases]
    [('NATO', 'abbreviation'), ('North Atlantic Treaty Organization', 'name')]
    """

    id: str
    name: str
    kind: str
    aliases: tuple[Alias, ...] = ()
    parent: str | None = None
    office: str | None = None
    since: int | None = None
    until: int | None = None
    country: str | None = None
    sources: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not _ID.fullmatch(self.id):
            raise LexiconError(f"actor id {self.id!r}: use letters, digits and _ . : - only")
        if self.kind not in KINDS:
            raise LexiconError(f"actor {self.id!r}: kind {self.kind!r} is not one of {KINDS}")
        if not isinstance(self.name, str) or not self.name.strip():
            raise LexiconError(f"actor {self.id!r}: name must be a non-empty string")
        for key in ("parent", "country", "office"):
            if getattr(self, key) is not None and not isinstance(getattr(self, key), str):
                raise LexiconError(f"actor {self.id!r}: {key} must be a string")
        for key in ("since", "until"):
            value = getattr(self, key)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise LexiconError(f"actor {self.id!r}: {key} must be a year (an integer), got {value!r}")
        if self.since is not None and self.until is not None and self.until < self.since:
            raise LexiconError(f"actor {self.id!r}: until {self.until} is before since {self.since}")
        if isinstance(self.sources, str) or not all(isinstance(x, str) for x in self.sources):
            raise LexiconError(f"actor {self.id!r}: sources must be a list of strings")
        object.__setattr__(self, "sources", tuple(self.sources))
        aliases: list[Alias] = []
        seen: set[str] = set()
        raw = self.aliases
        if isinstance(raw, (str, Alias)):
            raw = (raw,)
        for alias in raw:
            if isinstance(alias, str):
                alias = Alias(alias, guess_form(alias))
            elif not isinstance(alias, Alias):
                raise LexiconError(f"actor {self.id!r}: alias {alias!r} is not a string")
            key = " ".join(alias.text.split())
            if key not in seen:
                seen.add(key)
                aliases.append(alias)
        if not aliases:
            raise LexiconError(f"actor {self.id!r} has no aliases, so it could never be found")
        object.__setattr__(self, "aliases", tuple(aliases))


class ActorRegistry:
    """A set of actors with a compiled alias matcher.

    Parameters
    ----------
    actors : iterable of Actor
        The actors; ids must be unique, parents must exist and not form a cycle.
    meta : mapping, optional
        Provenance (name, source, licence, version...).
    sha256, path : str, optional
        Hash and location of the file it was read from.

    Examples
    --------
    >>> reg = ActorRegistry.default()
    >>> reg["pentagon"].parent, reg.root("pentagon")
    ('united_states', 'united_states')
    >>> custom = ActorRegistry.from_dict({"actors": [
    ...     {"id": "opec", "name": "OPEC", "kind": "organisation", "abbreviations": ["OPEC"]}]})
    >>> [m.actor_id for m in custom.find("OPEC and Opec met.")]
    ['opec', 'opec']
    """

    def __init__(
        self,
        actors: Iterable[Actor],
        *,
        meta: Mapping[str, str] | None = None,
        sha256: str = "",
        path: str | None = None,
        provenance: Sequence[Mapping[str, str]] = (),
    ) -> None:
        by_id: dict[str, Actor] = {}
        for actor in actors:
            if not isinstance(actor, Actor):
                raise LexiconError(f"expected Actor objects, got {type(actor).__name__}")
            if actor.id in by_id:
                raise LexiconError(f"actor id {actor.id!r} is defined twice")
            by_id[actor.id] = actor
        for actor in by_id.values():
            if actor.parent is not None and actor.parent not in by_id:
                raise LexiconError(f"actor {actor.id!r}: parent {actor.parent!r} is not in the registry")
            if actor.country is not None and actor.country not in by_id:
                raise LexiconError(f"actor {actor.id!r}: country {actor.country!r} is not in the registry")
        for actor in by_id.values():  # parent cycles would make roll-up loop
            seen = {actor.id}
            current = actor.parent
            while current is not None:
                if current in seen:
                    raise LexiconError(f"actor {actor.id!r}: parent chain loops through {current!r}")
                seen.add(current)
                current = by_id[current].parent
        self._actors = MappingProxyType(by_id)
        self.meta = MappingProxyType(dict(meta or {}))
        self.sha256 = sha256 or hashlib.sha256(
            json.dumps(self.to_dict(), sort_keys=True).encode("utf-8")
        ).hexdigest()
        self.path = path
        self._provenance = tuple(dict(r) for r in provenance)
        self._mentions: weakref.WeakKeyDictionary[Doc, tuple[Mention, ...]] = weakref.WeakKeyDictionary()
        # Doc -> spans of its alias matches the context rules dropped (only Docs that have some)
        self._dropped: weakref.WeakKeyDictionary[Doc, tuple[tuple[int, int], ...]] = weakref.WeakKeyDictionary()
        _ = self.matcher  # compile now: alias conflicts surface when the registry is built

    # -- construction -----------------------------------------------------------------------
    @classmethod
    def default(cls) -> ActorRegistry:
        """The bundled registry (``discourse/lexicons/data/actors.toml``), built once per process.

        Examples
        --------
        >>> "russia" in ActorRegistry.default()
        True
        """
        return default_registry()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | list[Any], *, source: str = "<dict>") -> ActorRegistry:
        """Build a registry from plain data: ``{"actors": [...], "extend": [...], "meta": {...}}``
        or a list of actor tables.

        Each actor has ``id``, ``name``, ``kind``, optional ``parent`` (and the optional facts
        ``office``, ``since``, ``until``, ``country``, ``sources``) and its aliases as lists
        ``names``, ``abbreviations``, ``demonyms``, ``metonyms``, ``epithets``,
        ``descriptions`` and/or ``aliases`` (strings or ``{text, form, case}``); ``exact`` and
        ``cased`` list aliases with a case rule (see :mod:`discourse.actors.loading`).

        Examples
        --------
        >>> reg = ActorRegistry.from_dict([{"id": "x", "name": "X Corp", "kind": "organisation",
        ...                                 "aliases": ["X Corp", {"text": "XC", "case": "exact"}]}])
        >>> [a.text for a in reg["x"].aliases]
        ['X Corp', 'XC']
        """
        from discourse.actors.loading import apply_layers, parse_registry_data  # loading imports this module

        layer = parse_registry_data(data, source=source)
        try:
            return cls(apply_layers([], [layer]), meta=layer.meta)
        except LexiconError as exc:
            raise LexiconError(f"{source}: {exc}") from None

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> ActorRegistry:
        """Read a registry from a ``.toml`` or ``.json`` file (data only; nothing is executed).

        The file stands alone: its parents and ``[[extend]]`` tables name its own actors. To add a
        file to the bundled actors use ``ActorRegistry.default().extend(path)``.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> f = pathlib.Path(tempfile.mkdtemp()) / "mine.json"
        >>> _ = f.write_text('{"actors": [{"id": "wagner", "name": "Wagner Group", '
        ...                  '"kind": "armed_group", "names": ["Wagner Group", "Wagner"]}]}')
        >>> ActorRegistry.from_file(f)["wagner"].name
        'Wagner Group'
        """
        return cls.from_files([path])

    @classmethod
    def from_files(
        cls,
        paths: Sequence[str | os.PathLike[str]],
        *,
        base: ActorRegistry | None = None,
        name: str | None = None,
    ) -> ActorRegistry:
        """Read registry files in order, each on top of the ones before (and of `base`).

        A later file may name actors of earlier files (and of `base`) as parents and add aliases
        to them in ``[[extend]]`` tables; an id defined twice is an error. The registry's
        :meth:`provenance` has one record per file (with its ``current_to`` date when the file
        gives one); its SHA-256 is that of the single file, or of the files' hashes together.

        Parameters
        ----------
        paths : sequence of path
            ``.toml`` or ``.json`` files.
        base : ActorRegistry, optional
            Actors the files are stacked on (e.g. the bundled registry).
        name : str, optional
            The registry's name (default: the single file's name, or the names joined by "+").

        Examples
        --------
        >>> import tempfile, pathlib
        >>> f = pathlib.Path(tempfile.mkdtemp()) / "extra.toml"
        >>> _ = f.write_text('''
        ... [[actors]]
        ... id = "tiger_forces"
        ... name = "Tiger Forces"
        ... kind = "armed_group"
        ... parent = "syrian_army"
        ... names = ["Tiger Forces", "Qawat al-Nimr"]
        ... [[extend]]
        ... id = "ukraine"
        ... metonyms = ["Kyjiw"]
        ... ''')
        >>> reg = ActorRegistry.from_files([f], base=ActorRegistry.default())
        >>> reg.root("tiger_forces"), reg.resolve("Kyjiw"), "russia" in reg
        ('syria', 'ukraine', True)
        """
        from discourse.actors.loading import apply_layers, read_registry_layer  # loading imports this module

        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        layers = []
        records = list(base.provenance()) if base is not None else []
        path: str | os.PathLike[str] | None  # each file read, then the registry's own path (or None)
        for path in paths:
            layer, file = read_registry_layer(path)
            layers.append(layer)
            entries = sum(len(a.aliases) for a in layer.actors) + sum(len(e.aliases) for e in layer.extensions)
            record = provenance_record(layer.meta["name"], file.path, file.sha256, layer.meta, entries)
            if "current_to" in layer.meta:
                record["current_to"] = layer.meta["current_to"]
            records.append(record)
        where = str(paths[0]) if len(paths) == 1 else "actor registry files " + ", ".join(map(str, paths))
        base_actors = base.actors() if base is not None else ()
        try:
            actors = apply_layers(base_actors, layers)
        except LexiconError as exc:
            raise LexiconError(str(exc) if str(exc).startswith(str(paths[0])) else f"{where}: {exc}") from None
        single = len(layers) == 1 and base is None
        if single:
            meta = dict(layers[0].meta)
            sha256, path = records[0]["sha256"], layers[0].source
        else:
            stems = [r["name"] for r in records]
            meta = {"name": name or "+".join(stems)}
            # the details are in the per-file records (provenance()); here a short summary
            meta["version"] = "+".join(r["version"] or "?" for r in records)
            meta["source"] = f"{len(records)} files: " + ", ".join(r["file"] or r["name"] for r in records)
            meta["licence"] = "per file (see the file records)"
            meta["citation"] = records[0]["citation"]
            joined = "\n".join(f"{r['name']}:{r['sha256']}" for r in records)
            sha256, path = hashlib.sha256(joined.encode("utf-8")).hexdigest(), None
        if name is not None:
            meta["name"] = name
        try:
            return cls(actors, meta=meta, sha256=sha256, path=path, provenance=records)
        except LexiconError as exc:
            raise LexiconError(f"{where}: {exc}") from None

    def extend(
        self,
        actors: ActorRegistry | Iterable[Actor] | Mapping[str, Any] | list[Any] | str | os.PathLike[str],
        *,
        replace: bool = False,
    ) -> ActorRegistry:
        """A new registry with more actors or aliases (this one is unchanged).

        Parameters
        ----------
        actors : ActorRegistry, iterable of Actor, dict/list data (as for :meth:`from_dict`), or path
            Data and files may name this registry's actors as parents and extend them with
            ``extend`` tables (aliases, case rules).
        replace : bool
            If True, an actor with an id already present replaces the old one; otherwise a
            duplicate id is an error.

        Examples
        --------
        >>> reg = ActorRegistry.default().extend([Actor("tiger_forces", "Tiger Forces", "armed_group", ("Tiger Forces",))])
        >>> [m.actor_id for m in reg.find("The Tiger Forces and Russia")]
        ['tiger_forces', 'russia']
        >>> reg = ActorRegistry.default().extend({"extend": [{"id": "russia", "names": ["Rossiya"]}]})
        >>> reg.resolve("Rossiya")
        'russia'
        """
        from discourse.actors.loading import apply_layers, parse_registry_data  # loading imports this module

        if isinstance(actors, (str, os.PathLike)):
            if replace:
                raise LexiconError("extend(path, replace=True) is not supported: edit the file instead")
            return type(self).from_files([actors], base=self)
        meta = dict(self.meta)
        meta["name"] = f"{meta.get('name', 'registry')}+extended"
        if isinstance(actors, Mapping) or (isinstance(actors, list) and actors and isinstance(actors[0], Mapping)):
            layer = parse_registry_data(actors)
            if replace:
                gone = {a.id for a in layer.actors}
                base = [a for a in self._actors.values() if a.id not in gone]
            else:
                base = list(self._actors.values())
            try:
                return ActorRegistry(apply_layers(base, [layer]), meta=meta, provenance=self.provenance())
            except LexiconError as exc:
                raise LexiconError(f"<dict>: {exc}") from None
        if isinstance(actors, ActorRegistry):
            new = list(actors.actors())
        else:
            new = list(actors)
        new_ids = {a.id for a in new}
        if not replace:
            clash = sorted(new_ids & set(self._actors))
            if clash:
                raise LexiconError(f"actor id(s) {clash} already in the registry; pass replace=True")
        kept = [a for a in self._actors.values() if a.id not in new_ids]
        return ActorRegistry(kept + new, meta=meta, provenance=self.provenance())

    def remove(self, *ids: str) -> ActorRegistry:
        """A new registry without these actors (children lose their parent link).

        Examples
        --------
        >>> "cia" in ActorRegistry.default().remove("cia")
        False
        """
        gone = set(ids)
        kept = []
        for actor in self._actors.values():
            if actor.id in gone:
                continue
            parent = actor.parent if actor.parent not in gone else None
            country = actor.country if actor.country not in gone else None
            kept.append(replace(actor, parent=parent, country=country))
        return ActorRegistry(kept, meta=self.meta)

    def to_dict(self) -> dict[str, Any]:
        """The registry as plain data (readable again by :meth:`from_dict`).

        Examples
        --------
        >>> d = ActorRegistry.default().to_dict()
        >>> ActorRegistry.from_dict(d)["syria"].name
        'Syria'
        """
        actors = []
        for actor in self._actors.values():
            item: dict[str, Any] = {"id": actor.id, "name": actor.name, "kind": actor.kind}
            if actor.parent is not None:
                item["parent"] = actor.parent
            for key in ("office", "since", "until", "country"):
                if getattr(actor, key) is not None:
                    item[key] = getattr(actor, key)
            if actor.sources:
                item["sources"] = list(actor.sources)
            item["aliases"] = [{"text": a.text, "form": a.form, "case": a.case} for a in actor.aliases]
            actors.append(item)
        return {"meta": dict(self.meta), "actors": actors}

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle as data (for worker processes): the actors, meta, hash and path."""
        return (_rebuild_registry, (self.to_dict(), self.sha256, self.path, self.provenance()))

    # -- access -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def __getitem__(self, actor_id: str) -> Actor:
        try:
            return self._actors[actor_id]
        except KeyError:
            raise KeyError(f"no actor {actor_id!r} in the registry") from None

    def __repr__(self) -> str:
        return f"ActorRegistry({self.meta.get('name', '')!r}, actors={len(self)})"

    def actors(self) -> tuple[Actor, ...]:
        """All actors in registry order."""
        return tuple(self._actors.values())

    @property
    def ids(self) -> tuple[str, ...]:
        """All actor ids in registry order."""
        return tuple(self._actors)

    @cached_property
    def positions(self) -> Mapping[str, int]:
        """Actor id -> its place in registry order (built once: tables sort by it per thread,
        and a registry of thousands of actors should not be walked for every thread).

        Examples
        --------
        >>> reg = ActorRegistry.default()
        >>> reg.positions[reg.ids[0]]
        0
        """
        return MappingProxyType({actor_id: k for k, actor_id in enumerate(self._actors)})

    def ancestors(self, actor_id: str) -> tuple[str, ...]:
        """The chain of parents of an actor (an id, display name or alias), nearest first.

        Examples
        --------
        >>> ActorRegistry.default().ancestors("syrian_army")
        ('syrian_government', 'syria')
        """
        chain = []
        if actor_id not in self._actors:
            actor_id = self.resolve(actor_id)  # a display name or alias
        current = self[actor_id].parent
        while current is not None:
            chain.append(current)
            current = self._actors[current].parent
        return tuple(chain)

    def root(self, actor_id: str) -> str:
        """The top of an actor's parent chain (itself when it has no parent); `actor_id` may be
        a display name or alias too.

        Examples
        --------
        >>> ActorRegistry.default().root("cia")
        'united_states'
        """
        if actor_id not in self._actors:
            actor_id = self.resolve(actor_id)  # a display name or alias
        chain = self.ancestors(actor_id)
        return chain[-1] if chain else actor_id

    # -- names a user types -------------------------------------------------------------------
    @cached_property
    def _name_index(self) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
        """Folded id, display name and alias -> actor ids (a list: a name may be shared)."""
        ids: dict[str, list[str]] = {}
        names: dict[str, list[str]] = {}
        aliases: dict[str, list[str]] = {}
        for actor in self._actors.values():
            for table, key in ((ids, actor.id), (names, actor.name)):
                table.setdefault(fold_name(key), []).append(actor.id)
            for alias in actor.aliases:
                owners = aliases.setdefault(fold_name(alias.text), [])
                if actor.id not in owners:
                    owners.append(actor.id)
        return ids, names, aliases

    def resolve(self, name: str) -> str:
        """The id of the actor a user means by `name`: an id, a display name or an alias.

        Ids match as written, then ids, display names and aliases case-insensitively, ignoring
        accents, spacing and a leading "the" ("the kremlin" is Russia). A name that fits several
        actors at the first level where it fits at all is an error, as is an unknown name.

        Parameters
        ----------
        name : str
            What the user typed.

        Raises
        ------
        UnknownActorError
            Unknown (with "did you mean ...?" suggestions) or ambiguous (listing the ids).

        Examples
        --------
        >>> reg = ActorRegistry.default()
        >>> reg.resolve("united_states"), reg.resolve("United States"), reg.resolve("U.S.")
        ('united_states', 'united_states', 'united_states')
        >>> reg.resolve("Rusia")
        Traceback (most recent call last):
        ...
        discourse.errors.UnknownActorError: no actor 'Rusia' in the registry 'actors'; did you mean 'russia' (Russia)?
        """
        if not isinstance(name, str):
            raise UnknownActorError(f"actor names are strings, got {type(name).__name__} {name!r}", name=str(name))
        if name in self._actors:
            return name
        key = fold_name(name)
        for table in self._name_index:
            owners = table.get(key)
            if owners is None and key.startswith("the "):
                owners = table.get(key[4:])
            if owners is None:
                continue
            if len(owners) == 1:
                return owners[0]
            listed = ", ".join(f"{o!r} ({self._actors[o].name})" for o in owners)
            raise UnknownActorError(
                f"{name!r} names several actors in the registry: {listed}; pass the id you mean",
                name=name,
                suggestions=tuple(owners),
            )
        suggestions = self.suggest(name)
        hint = ""
        if suggestions:
            hint = "; did you mean " + " or ".join(f"{s!r} ({self._actors[s].name})" for s in suggestions) + "?"
        else:
            hint = "; see `discourse actors search` or add it with --actors FILE"
        raise UnknownActorError(
            f"no actor {name!r} in the registry {self.meta.get('name', '')!r}{hint}",
            name=name,
            suggestions=suggestions,
        )

    def suggest(self, name: str, n: int = 3) -> tuple[str, ...]:
        """Ids of the actors whose id, display name or alias is closest to `name` (difflib).

        Examples
        --------
        >>> ActorRegistry.default().suggest("Pentagone")
        ('pentagon',)
        """
        key = fold_name(name)
        owners: dict[str, list[str]] = {}
        for table in self._name_index:
            for folded, ids in table.items():
                owners.setdefault(folded, []).extend(ids)
        found: list[str] = []
        best = 0.0
        for match in difflib.get_close_matches(key, list(owners), n=n * 2, cutoff=0.75):
            score = difflib.SequenceMatcher(None, key, match).ratio()
            best = max(best, score)
            if score < best - 0.1:  # far behind the best guess: noise ("Rusia" is not "USA")
                break
            for actor_id in owners[match]:
                if actor_id not in found:
                    found.append(actor_id)
        return tuple(found[:n])

    def info(self) -> dict[str, str]:
        """Provenance record, like :meth:`discourse.lexicons.Lexicon.info`.

        Examples
        --------
        >>> ActorRegistry.default().info()["name"]
        'actors'
        """
        aliases = sum(len(a.aliases) for a in self._actors.values())
        record = provenance_record(str(self.meta.get("name", "")), self.path, self.sha256, self.meta, aliases)
        if "current_to" in self.meta:
            record["current_to"] = str(self.meta["current_to"])
        return record

    def provenance(self) -> list[dict[str, str]]:
        """One provenance record per file the registry was read from (just :meth:`info` for a
        registry built in code); what results record.

        Examples
        --------
        >>> [r["file"] for r in ActorRegistry.default().provenance()][0]
        'actors.toml'
        """
        return [dict(r) for r in self._provenance] if self._provenance else [self.info()]

    # -- matching ---------------------------------------------------------------------------
    @cached_property
    def matcher(self) -> AliasMatcher:
        """The compiled :class:`~discourse.actors.matching.AliasMatcher` of all aliases, with the
        derived ones (distinctive surnames, bare institution words: see
        :mod:`discourse.actors.surnames`)."""
        return AliasMatcher(self.written_actors, self.derived_aliases + tuple((i, a) for i, a, _ in self._possessives))

    @cached_property
    def _possessives(self) -> tuple[tuple[str, Alias, str], ...]:
        """The possessives without apostrophe of the persons' one-word names (*Putins*: see
        :func:`discourse.actors.surnames.possessive_aliases`), matched with the derived aliases
        and checked by the context rule "possessive s"."""
        from discourse.actors.surnames import possessive_aliases

        return tuple(possessive_aliases(self.written_actors, taken=[a.text for _, a in self.derived_aliases]))

    @cached_property
    def possessive_names(self) -> Mapping[str, str]:
        """The possessive aliases without apostrophe (*Putins*) -> the alias they come from
        (*Putin*).

        Examples
        --------
        >>> ActorRegistry.default().possessive_names["Putins"]
        'Putin'
        """
        return MappingProxyType({a.text: base for _, a, base in self._possessives})

    @cached_property
    def written_actors(self) -> tuple[Actor, ...]:
        """The actors with the written aliases the matcher compiles: all but the generic organ
        names (``generic`` of ``[bare_institutions]``, "Ministry of Defence"), which name the
        organ of whichever state the text is about and are left to the rule "bare institution"
        (derived aliases, :attr:`derived_aliases`). The one place these names are filtered; an
        actor with no other alias is left out.

        Examples
        --------
        >>> reg = ActorRegistry.default()
        >>> 0 < len(reg.written_actors) <= len(reg)
        True
        """
        from discourse.actors.rules import actor_rules

        generic = actor_rules().bare_generic
        actors = []
        for actor in self._actors.values():
            kept = tuple(a for a in actor.aliases if alias_key(a.text) not in generic)
            if len(kept) == len(actor.aliases):
                actors.append(actor)
            elif kept:
                actors.append(replace(actor, aliases=kept))
        return tuple(actors)

    @cached_property
    def spelling(self) -> SpellingIndex:
        """The :class:`~discourse.actors.spelling.SpellingIndex` of this registry's aliases: names
        of several words found with one word misspelt (:mod:`discourse.actors.spelling`)."""
        return SpellingIndex(self._actors.values())

    @cached_property
    def derived_aliases(self) -> tuple[tuple[str, Alias], ...]:
        """``(actor id, Alias)`` pairs derived from the registry rather than written in it: the
        distinctive surnames of its persons and the bare institution words (placeholder actor
        :data:`~discourse.actors.surnames.UNRESOLVED_INSTITUTION`), see
        :mod:`discourse.actors.surnames`.

        Examples
        --------
        >>> reg = ActorRegistry.default()
        >>> ("john_kerry", "Kerry") in [(i, a.text) for i, a in reg.derived_aliases]
        True
        """
        from discourse.actors.rules import actor_rules
        from discourse.actors.surnames import compound_surname_aliases, institution_aliases, surname_aliases

        words = actor_rules().bare_institutions
        taken = [a.text for actor in self.written_actors for a in actor.aliases]  # not the generic organ names
        return tuple(
            institution_aliases(words, taken)
            + surname_aliases(self._actors.values(), taken=words, name_first=self.family_name_first)
            + compound_surname_aliases(self._actors.values(), taken=words, name_first=self.family_name_first)
        )

    @cached_property
    def family_name_first(self) -> frozenset[str]:
        """The ids of the persons whose state writes the family name first ("Xi Jinping", "Moon
        Jae-in": :func:`discourse.actors.surnames.family_name_first`), computed once for the
        derived surnames and the context rules.

        Examples
        --------
        >>> "moon_jae_in" in ActorRegistry.default().family_name_first
        True
        """
        from discourse.actors.surnames import family_name_first

        return family_name_first(self._actors.values())

    @cached_property
    def derived_surnames(self) -> frozenset[str]:
        """The one-word surname aliases of :attr:`derived_aliases` (as written), the ones rule
        "derived surname" checks; two-word surnames (*Wasserman Schultz*) need no context rule."""
        from discourse.actors.surnames import UNRESOLVED_INSTITUTION

        return frozenset(
            a.text for actor_id, a in self.derived_aliases if actor_id != UNRESOLVED_INSTITUTION and " " not in a.text
        )

    @cached_property
    def institution_index(self) -> Mapping[tuple[str, str], str]:
        """``(state id, folded word) -> actor id`` for the bare institution words (see
        :func:`discourse.actors.surnames.institution_index`).

        Examples
        --------
        >>> ActorRegistry.default().institution_index[("united_states", "senate")]
        'us_congress'
        """
        from discourse.actors.rules import actor_rules
        from discourse.actors.surnames import institution_index

        roots = {actor_id: self.root(actor_id) for actor_id in self._actors}
        return MappingProxyType(institution_index(self._actors.values(), actor_rules().bare_institutions, roots))

    def find(self, text_or_doc: str | Doc, context: ThreadContext | None = None) -> tuple[Mention, ...]:
        """Mentions of this registry's actors in a text, in order (cached per :class:`Doc`):
        the :attr:`matcher`'s, after the context rules of :mod:`discourse.actors.disambiguation`.

        Parameters
        ----------
        text_or_doc : str or Doc
        context : ThreadContext, optional
            What the thread's article names (:func:`~discourse.actors.disambiguation.thread_context`):
            the mentions of a comment are then read in it, and those are what later calls for
            the same :class:`Doc` return (the pipeline calls this first for each comment, so
            every analyser of the comment sees the same mentions).

        Examples
        --------
        >>> [m.alias for m in ActorRegistry.default().find("The Syrian Army entered Syria.")]
        ['Syrian Army', 'Syria']
        """
        doc = as_doc(text_or_doc)
        if context is None:
            cached = self._mentions.get(doc)
            if cached is not None:
                return cached
        matches = self._matches(doc)
        found = apply_context_rules(doc, matches, self, context)
        dropped = dropped_matches(matches, found)
        if dropped:
            self._dropped[doc] = dropped
        else:
            self._dropped.pop(doc, None)
        self._mentions[doc] = found
        return found

    def dropped_spans(self, doc: Doc) -> tuple[tuple[int, int], ...]:
        """``(start, end)`` of this registry's names in `doc` that the context rules dropped
        when :meth:`find` last read it (places, events, datelines, names inside longer names);
        empty if none, or if it has not read `doc`. Discovery leaves them out: a registry name
        the context says is no actor here is no unknown name either.

        Examples
        --------
        >>> from discourse.text import Doc
        >>> reg, doc = ActorRegistry.default(), Doc("He stayed in Ottawa; Ottawa said no.")
        >>> [(m.start, m.actor_id) for m in reg.find(doc)], reg.dropped_spans(doc)
        ([(21, 'canada')], ((13, 19),))
        """
        return self._dropped.get(doc, ())

    def _matches(self, doc: Doc) -> tuple[Mention, ...]:
        """The matcher's mentions with the misspelt names added (before the context rules)."""
        spelling = self.spelling
        mentions, anchors = self.matcher.find_anchored(doc, spelling.partners)  # (one pass for both)
        return correct_spelling(doc, mentions, spelling, anchors=anchors)


def _rebuild_registry(
    data: dict[str, Any], sha256: str, path: str | None, provenance: Sequence[Mapping[str, str]] = ()
) -> ActorRegistry:
    """Unpickle a registry; the default one comes back as the process's default."""
    default = default_registry()
    if sha256 == default.sha256:
        return default
    built = ActorRegistry.from_dict(data)
    return ActorRegistry(built.actors(), meta=data.get("meta", {}), sha256=sha256, path=path, provenance=provenance)


@lru_cache(maxsize=1)
def default_registry() -> ActorRegistry:
    """The bundled registry (``discourse/lexicons/data/actors.toml``), built once per process.

    Examples
    --------
    >>> default_registry() is default_registry()
    True
    """
    from discourse.lexicons import DATA_DIR

    return ActorRegistry.from_files(default_registry_files(DATA_DIR), name="actors")


def default_registry_files(data_dir: str | os.PathLike[str]) -> list[str]:
    """The files of the bundled registry: ``actors.toml``, then ``gazetteer/*.toml`` in file-name
    order (so a gazetteer file can extend actors of ``actors.toml`` and of earlier files).

    Examples
    --------
    >>> from discourse.lexicons import DATA_DIR
    >>> default_registry_files(DATA_DIR)[0].endswith("actors.toml")
    True
    """
    folder = os.path.join(os.fspath(data_dir), "gazetteer")
    gazetteer = sorted(f for f in os.listdir(folder) if f.endswith(".toml")) if os.path.isdir(folder) else []
    return [os.path.join(os.fspath(data_dir), "actors.toml")] + [os.path.join(folder, f) for f in gazetteer]


def registry_or_default(registry: ActorRegistry | None = None) -> ActorRegistry:
    """`registry`, or the bundled one when it is ``None``: the package's only fallback.

    Examples
    --------
    >>> registry_or_default(None) is default_registry()
    True
    """
    return default_registry() if registry is None else registry


def resolve_actors(names: str | Iterable[str], registry: ActorRegistry | None = None) -> list[str]:
    """Actor ids for names a user typed: ids, display names or aliases (see
    :meth:`ActorRegistry.resolve`).

    Parameters
    ----------
    names : str or iterable of str
        One name or several; the ids come back in the same order.
    registry : ActorRegistry, optional
        Defaults to the bundled registry.

    Raises
    ------
    UnknownActorError
        For the first name that is unknown or ambiguous, with suggestions.

    Examples
    --------
    >>> resolve_actors(["Russia", "US", "syrian_army"])
    ['russia', 'united_states', 'syrian_army']
    """
    registry = registry_or_default(registry)
    if isinstance(names, str):
        names = [names]
    return [registry.resolve(name) for name in names]
