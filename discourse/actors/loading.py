"""Reading actor registries from data: TOML or JSON files and plain dicts (never code).

The schema (``docs/guide/actors.md``): an ``actors`` list of tables with ``id``, ``name``,
``kind``, optional ``parent`` and alias lists by form (``names``, ``abbreviations``,
``demonyms``, ``metonyms``, ``epithets``, ``descriptions``, or ``aliases`` as strings or
``{text, form, case}`` tables); ``exact``/``cased``/``any`` list aliases with a case rule.

Examples
--------
>>> actors, meta = parse_registry_data([{"id": "x", "name": "X Corp", "kind": "organisation",
...                                      "names": ["X Corp"]}])
>>> [a.id for a in actors], meta
(['x'], {})
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from discourse.actors.registry import Actor, Alias, guess_form
from discourse.errors import LexiconError

if sys.version_info >= (3, 11):  # pragma: no cover - depends on the interpreter
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["parse_registry_data", "read_registry_file", "RegistryFile"]

_FORM_KEYS = {
    "names": "name",
    "abbreviations": "abbreviation",
    "demonyms": "demonym",
    "metonyms": "metonym",
    "epithets": "epithet",
    "descriptions": "description",
}
_ACTOR_KEYS = frozenset(
    {"id", "name", "kind", "parent", "aliases", "exact", "cased", "any"} | set(_FORM_KEYS)
)


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
    case_of: dict[str, str] = {}
    for mode in ("exact", "cased", "any"):
        for text in _string_list(data.get(mode, []), f"{label} field {mode!r}"):
            case_of[" ".join(text.split())] = mode
    aliases: list[Alias] = []
    for key, form in _FORM_KEYS.items():
        for text in _string_list(data.get(key, []), f"{label} field {key!r}"):
            aliases.append(Alias(text, form, case_of.get(" ".join(text.split()), "auto")))
    for item in data.get("aliases", []) or []:
        if isinstance(item, str):
            aliases.append(Alias(item, guess_form(item), case_of.get(" ".join(item.split()), "auto")))
        elif isinstance(item, Mapping):
            extra = set(item) - {"text", "form", "case"}
            if extra or not isinstance(item.get("text"), str):
                raise LexiconError(f"{label}: alias {dict(item)!r} needs 'text' (and optional 'form', 'case')")
            aliases.append(
                Alias(item["text"], item.get("form", guess_form(item["text"])), item.get("case", "auto"))
            )
        else:
            raise LexiconError(f"{label}: alias {item!r} must be a string or a table")
    known = {" ".join(a.text.split()) for a in aliases}
    stray = [t for t in case_of if t not in known]
    if stray:
        raise LexiconError(f"{label}: case rule for {stray} which is not one of its aliases")
    parent = data.get("parent")
    try:
        return Actor(data["id"], data["name"], data["kind"], tuple(aliases), parent)
    except LexiconError as exc:
        raise LexiconError(f"{where}: {exc}") from None


def parse_registry_data(
    data: Mapping[str, Any] | list[Any], *, source: str = "<dict>"
) -> tuple[list[Actor], dict[str, str]]:
    """The actors and the ``meta`` table of registry data (see the module docstring).

    Parameters
    ----------
    data : dict or list
        ``{"actors": [...], "meta": {...}}`` or a bare list of actor tables.
    source : str
        Where the data came from, for error messages.

    Raises
    ------
    LexiconError
        Unknown fields, wrong types, case rules for aliases an actor does not have.

    Examples
    --------
    >>> actors, _ = parse_registry_data({"actors": [{"id": "x", "name": "X", "kind": "other",
    ...                                              "names": ["X Corp"]}]})
    >>> actors[0].aliases[0].text
    'X Corp'
    """
    meta: dict[str, str] = {}
    if isinstance(data, Mapping):
        unknown = set(data) - {"actors", "meta"}
        if unknown:
            raise LexiconError(f"{source}: unknown top-level field(s) {sorted(unknown)}; use 'actors' and 'meta'")
        raw_meta = data.get("meta", {}) or {}
        if not isinstance(raw_meta, Mapping):
            raise LexiconError(f"{source}: 'meta' must be a table")
        meta = {str(k): str(v) for k, v in raw_meta.items()}
        items = data.get("actors", [])
    else:
        items = data
    if not isinstance(items, list):
        raise LexiconError(f"{source}: 'actors' must be a list of tables")
    actors = [_actor_from_dict(item, f"{source}: actors[{n}]") for n, item in enumerate(items)]
    return actors, meta


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
