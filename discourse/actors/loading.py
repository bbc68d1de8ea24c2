"""Reading actor registries from data: TOML or JSON files and plain dicts (never code).

The schema (``docs/guide/actors.md``): an ``actors`` list of tables with ``id``, ``name``,
``kind``, optional ``parent``, ``office``, ``since``, ``until``, ``country``, ``sources`` and
alias lists by form (``names``, ``abbreviations``, ``demonyms``, ``metonyms``, ``epithets``,
``descriptions``, or ``aliases`` as strings or ``{text, form, case}`` tables);
``exact``/``cased``/``any`` list aliases with a case rule. An ``extend`` list of tables adds
aliases and case rules to an actor defined earlier (in the same data, or in the registry the data
is loaded on top of), and may carry the facts ``office``, ``since``, ``until`` and ``country``:
they fill in those the actor lacks (a fact the actor has is kept: the earlier definition wins).

A file or dict is read into a :class:`RegistryLayer`; :func:`apply_layers` stacks layers on a
base list of actors (the bundled registry is ``actors.toml`` plus the gazetteer files, in
order).

Examples
--------
>>> layer = parse_registry_data({"actors": [{"id": "x", "name": "X Corp", "kind": "organisation",
...                                          "names": ["X Corp"]}],
...                              "extend": [{"id": "x", "abbreviations": ["XC"], "exact": ["XC"]}]})
>>> [(a.text, a.case) for a in apply_layers([], [layer])[0].aliases]
[('X Corp', 'auto'), ('XC', 'exact')]
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from discourse.actors.registry import Actor, Alias, guess_form
from discourse.errors import LexiconError

if sys.version_info >= (3, 11):  # pragma: no cover - depends on the interpreter
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "extend_actor",
    "Extension",
    "RegistryLayer",
    "RegistryFile",
    "parse_registry_data",
    "read_registry_file",
    "read_registry_layer",
    "apply_layers",
]

_FORM_KEYS = {
    "names": "name",
    "abbreviations": "abbreviation",
    "demonyms": "demonym",
    "metonyms": "metonym",
    "epithets": "epithet",
    "descriptions": "description",
}
_CASE_KEYS = ("exact", "cased", "any")
_FACT_KEYS = ("office", "since", "until", "country", "sources")
_ACTOR_KEYS = frozenset(
    {"id", "name", "kind", "parent", "aliases", *_CASE_KEYS, *_FACT_KEYS} | set(_FORM_KEYS)
)
_EXTEND_FACTS = ("office", "since", "until", "country")  # filled in where the actor has none
_EXTEND_KEYS = frozenset({"id", "aliases", *_CASE_KEYS, *_EXTEND_FACTS} | set(_FORM_KEYS))


class Extension(NamedTuple):
    """An ``[[extend]]`` table: aliases and case rules added to an actor defined earlier.

    Attributes
    ----------
    id : str
        The actor extended.
    aliases : tuple of Alias
        New aliases (already on the actor: ignored).
    cases : tuple of (str, str)
        ``(alias text, case mode)`` for aliases the actor already has.
    where : str
        Source and position, for error messages.
    facts : tuple of (str, object)
        ``(field, value)`` of ``office``, ``since``, ``until``, ``country``: set on the actor
        where it has none.
    """

    id: str
    aliases: tuple[Alias, ...]
    cases: tuple[tuple[str, str], ...]
    where: str
    facts: tuple[tuple[str, Any], ...] = ()


class RegistryLayer(NamedTuple):
    """One file or dict of registry data: its new actors, its extensions and its ``meta``."""

    actors: list[Actor]
    extensions: list[Extension]
    meta: dict[str, str]
    source: str


def _norm(text: str) -> str:
    return " ".join(text.split())


def _header_meta(text: str) -> dict[str, str]:
    meta: dict[str, str] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        key, sep, value = stripped[1:].partition(":")
        if sep and key.strip() and " " not in key.strip() and key.strip().lower() not in meta:
            meta[key.strip().lower()] = value.strip()
    return meta


def _string_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{where}: expected a list of strings, got {value!r}")
    return value


def _case_rules(data: Mapping[str, Any], label: str) -> dict[str, str]:
    case_of: dict[str, str] = {}
    for mode in _CASE_KEYS:
        for text in _string_list(data.get(mode, []), f"{label} field {mode!r}"):
            case_of[_norm(text)] = mode
    return case_of


def _aliases(data: Mapping[str, Any], label: str, case_of: Mapping[str, str]) -> list[Alias]:
    aliases: list[Alias] = []
    for key, form in _FORM_KEYS.items():
        for text in _string_list(data.get(key, []), f"{label} field {key!r}"):
            aliases.append(Alias(text, form, case_of.get(_norm(text), "auto")))
    items = data.get("aliases", []) or []
    if not isinstance(items, list):
        raise LexiconError(f"{label}: 'aliases' must be a list")
    for item in items:
        if isinstance(item, str):
            aliases.append(Alias(item, guess_form(item), case_of.get(_norm(item), "auto")))
        elif isinstance(item, Mapping):
            extra = set(item) - {"text", "form", "case"}
            if extra or not isinstance(item.get("text"), str):
                raise LexiconError(f"{label}: alias {dict(item)!r} needs 'text' (and optional 'form', 'case')")
            aliases.append(
                Alias(item["text"], item.get("form", guess_form(item["text"])), item.get("case", "auto"))
            )
        else:
            raise LexiconError(f"{label}: alias {item!r} must be a string or a table")
    return aliases


def _actor_from_dict(data: Any, where: str) -> Actor:
    if not isinstance(data, Mapping):
        raise LexiconError(f"{where}: an actor must be a table/object, got {type(data).__name__}")
    unknown = set(data) - _ACTOR_KEYS
    actor_id = data.get("id")
    label = f"{where} (actor {actor_id!r})"
    if unknown:
        raise LexiconError(
            f"{label}: unknown field(s) {sorted(unknown)}; allowed: {sorted(_ACTOR_KEYS)}"
        )
    for required in ("id", "name", "kind"):
        if not isinstance(data.get(required), str):
            raise LexiconError(f"{label}: field {required!r} must be a string")
    case_of = _case_rules(data, label)
    aliases = _aliases(data, label, case_of)
    known = {_norm(a.text) for a in aliases}
    stray = [t for t in case_of if t not in known]
    if stray:
        raise LexiconError(f"{label}: case rule for {stray} which is not one of its aliases")
    sources = data.get("sources", [])
    facts = {key: data.get(key) for key in ("office", "since", "until", "country")}
    try:
        return Actor(
            data["id"], data["name"], data["kind"], tuple(aliases), data.get("parent"),
            sources=tuple(_string_list(sources, f"{label} field 'sources'")), **facts,
        )
    except LexiconError as exc:
        raise LexiconError(f"{where}: {exc}") from None


def _extension_from_dict(data: Any, where: str) -> Extension:
    if not isinstance(data, Mapping):
        raise LexiconError(f"{where}: an extend entry must be a table/object, got {type(data).__name__}")
    actor_id = data.get("id")
    label = f"{where} (extend {actor_id!r})"
    if not isinstance(actor_id, str):
        raise LexiconError(f"{label}: field 'id' must be the id of the actor to extend")
    unknown = set(data) - _EXTEND_KEYS
    if unknown:
        raise LexiconError(
            f"{label}: unknown field(s) {sorted(unknown)}; an extension adds aliases, case rules "
            f"and missing facts only (allowed: {sorted(_EXTEND_KEYS)})"
        )
    case_of = _case_rules(data, label)
    aliases = _aliases(data, label, case_of)
    new = {_norm(a.text) for a in aliases}
    cases = tuple((text, mode) for text, mode in case_of.items() if text not in new)
    facts = tuple((key, data[key]) for key in _EXTEND_FACTS if data.get(key) is not None)
    return Extension(actor_id, tuple(aliases), cases, label, facts)


def parse_registry_data(data: Mapping[str, Any] | list[Any], *, source: str = "<dict>") -> RegistryLayer:
    """The actors, extensions and ``meta`` table of registry data (see the module docstring).

    Parameters
    ----------
    data : dict or list
        ``{"actors": [...], "extend": [...], "meta": {...}}`` or a bare list of actor tables.
    source : str
        Where the data came from, for error messages.

    Raises
    ------
    LexiconError
        Unknown fields, wrong types, case rules for aliases an actor does not have.

    Examples
    --------
    >>> layer = parse_registry_data({"actors": [{"id": "x", "name": "X", "kind": "other",
    ...                                          "names": ["X Corp"]}]})
    >>> layer.actors[0].aliases[0].text, layer.extensions
    ('X Corp', [])
    """
    meta: dict[str, str] = {}
    extend: Any = []
    if isinstance(data, Mapping):
        unknown = set(data) - {"actors", "extend", "meta"}
        if unknown:
            raise LexiconError(
                f"{source}: unknown top-level field(s) {sorted(unknown)}; use 'actors', 'extend' and 'meta'"
            )
        raw_meta = data.get("meta", {}) or {}
        if not isinstance(raw_meta, Mapping):
            raise LexiconError(f"{source}: 'meta' must be a table")
        meta = {str(k): str(v) for k, v in raw_meta.items()}
        items = data.get("actors", [])
        extend = data.get("extend", [])
    else:
        items = data
    if not isinstance(items, list):
        raise LexiconError(f"{source}: 'actors' must be a list of tables")
    if not isinstance(extend, list):
        raise LexiconError(f"{source}: 'extend' must be a list of tables")
    actors = [_actor_from_dict(item, f"{source}: actors[{n}]") for n, item in enumerate(items)]
    extensions = [_extension_from_dict(item, f"{source}: extend[{n}]") for n, item in enumerate(extend)]
    return RegistryLayer(actors, extensions, meta, source)


def apply_layers(base: Iterable[Actor], layers: Sequence[RegistryLayer]) -> list[Actor]:
    """Stack registry layers on `base`: each layer's new actors, then its extensions.

    An extension may name any actor of `base`, of an earlier layer or of its own layer. A new
    actor whose id is taken is an error naming both places (use an extension to add aliases).

    Raises
    ------
    LexiconError
        Duplicate ids, an extension of an unknown actor, a case rule for an alias the actor does
        not have.

    Examples
    --------
    >>> base = [Actor("x", "X", "other", ("X Corp",))]
    >>> layer = parse_registry_data({"extend": [{"id": "x", "names": ["Xcorp"]}],
    ...     "actors": [{"id": "y", "name": "Y", "kind": "other", "parent": "x", "names": ["Y Ltd"]}]})
    >>> [(a.id, len(a.aliases)) for a in apply_layers(base, [layer])]
    [('x', 2), ('y', 1)]
    """
    actors: dict[str, Actor] = {}
    origin: dict[str, str] = {}
    actor: Actor | None  # an actor defined, then the one an extension names (None: unknown)
    for actor in base:
        actors[actor.id] = actor
        origin[actor.id] = "the base registry"
    for layer in layers:
        for actor in layer.actors:
            if actor.id in actors:
                place = "earlier in the same data" if origin[actor.id] == layer.source else f"in {origin[actor.id]}"
                raise LexiconError(
                    f"{layer.source}: actor id {actor.id!r} is defined twice ({place}); "
                    "to add aliases to an actor use an [[extend]] table"
                )
            actors[actor.id] = actor
            origin[actor.id] = layer.source
        for ext in layer.extensions:
            actor = actors.get(ext.id)
            if actor is None:
                raise LexiconError(
                    f"{ext.where}: no actor {ext.id!r} to extend (define it in [[actors]], or load "
                    "this file on top of the registry that has it)"
                )
            actors[ext.id] = extend_actor(actor, ext)
    return list(actors.values())


def extend_actor(actor: Actor, ext: Extension) -> Actor:
    """`actor` with the aliases and case rules of an extension, and its facts where `actor`
    has none.

    Examples
    --------
    >>> a = Actor("x", "X", "other", ("X Corp",))
    >>> ext = Extension("x", (Alias("XC", "abbreviation", "exact"),), (("X Corp", "cased"),), "<dict>",
    ...                 (("country", "y"), ("since", 2001)))
    >>> b = extend_actor(a, ext)
    >>> [(al.text, al.case) for al in b.aliases], b.country, b.since
    ([('X Corp', 'cased'), ('XC', 'exact')], 'y', 2001)
    >>> extend_actor(b, Extension("x", (), (), "<dict>", (("country", "z"),))).country  # kept
    'y'
    """
    cases = dict(ext.cases)
    have = {_norm(a.text) for a in actor.aliases}
    stray = [text for text in cases if text not in have]
    if stray:
        raise LexiconError(f"{ext.where}: case rule for {stray} which is not an alias of {actor.id!r}")
    aliases = [replace(a, case=cases[_norm(a.text)]) if _norm(a.text) in cases else a for a in actor.aliases]
    aliases += [a for a in ext.aliases if _norm(a.text) not in have]
    facts = {key: value for key, value in ext.facts if getattr(actor, key) is None}
    try:
        return replace(actor, aliases=tuple(aliases), **facts)
    except LexiconError as exc:
        raise LexiconError(f"{ext.where}: {exc}") from None


class RegistryFile:
    """A registry file as read: its parsed data, header fields, SHA-256 and path.

    Examples
    --------
    >>> from discourse.lexicons import DATA_DIR
    >>> f = read_registry_file(DATA_DIR / "actors.toml")
    >>> f.header["name"], len(f.sha256)
    ('actors', 64)
    """

    def __init__(self, data: Any, header: dict[str, str], sha256: str, path: str) -> None:
        self.data = data
        self.header = header
        self.sha256 = sha256
        self.path = path


def read_registry_file(path: str | os.PathLike[str]) -> RegistryFile:
    """Read a ``.toml`` or ``.json`` registry file as data (nothing in it is executed).

    Raises
    ------
    LexiconError
        The file is missing, not UTF-8, not valid TOML/JSON, or has another suffix.
    """
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in (".toml", ".json"):
        raise LexiconError(f"{file}: actor registries are .toml or .json files")
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise LexiconError(f"{file}: cannot read actor registry ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{file}: not valid UTF-8 at byte {exc.start}") from None
    try:
        if suffix == ".toml":
            data: Any = tomllib.loads(text)
        else:
            data = json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise LexiconError(f"{file}: {exc}") from None
    return RegistryFile(data, _header_meta(text), hashlib.sha256(raw).hexdigest(), str(file))


def read_registry_layer(path: str | os.PathLike[str]) -> tuple[RegistryLayer, RegistryFile]:
    """A registry file read as a layer (for :func:`apply_layers`), with the file's record.

    Examples
    --------
    >>> from discourse.lexicons import DATA_DIR
    >>> layer, file = read_registry_layer(DATA_DIR / "actors.toml")
    >>> len(layer.actors) > 90, file.header["name"]
    (True, 'actors')
    """
    file = read_registry_file(path)
    layer = parse_registry_data(file.data, source=file.path)
    meta = {**file.header, **layer.meta}
    meta.setdefault("name", Path(file.path).stem)
    return layer._replace(meta=meta), file
