"""Named actors: the registry, mention finding with character spans, and the nomination table.

An :class:`Actor` is a country, person, organisation, group, media outlet or other entity that a
text can take a stance toward. It is named by *aliases* of different *forms*: names
("United States"), abbreviations ("US", "U.S."), demonyms ("Americans"), metonyms
("Washington", "the Pentagon", "the Kremlin"), epithets ("Assad regime") and descriptions
("Arab-Kurdish coalition"). How an actor is named is itself a discourse choice (the *nomination*
strategy of Reisigl & Wodak 2001), so :func:`nominations` counts which names each part of a
thread uses.

An :class:`ActorRegistry` holds the actors, loads them from a TOML or JSON file or a dict (data
only, never code) and compiles all aliases once into a token trie: mention finding walks the
shared tokens of a :class:`~discourse.text.Doc` once, with one dictionary look-up per token.

Matching rules (see ``docs/guide/actors.md``):

* aliases are tokenised like the text, so "U.S." is one token and "Russia's" is
  ``Russia`` + ``'s`` (possessives are found and flagged); hyphenated words and words glued in
  scraping (``US-backed``, ``CongoMaliSyria``) are matched piece by piece, never inside a word;
* the longest alias wins at each position ("Syrian Army" before "Syrian");
* aliases match in any case except: ``exact`` aliases match only as written ("US" is never the
  pronoun "us", and in a shouted run such as "LET US GO" only after "the"); ``cased`` aliases
  must be capitalised as written unless the whole text is written without capitals (lower-case
  commenters: "president trump"). All-caps abbreviations of two or three letters are ``cased``
  automatically, and ``exact`` when their lower-case form is an English word.

Examples
--------
>>> ms = find_mentions("The US-backed SDF and Russia's jets; let us see what the u.s. does.")
>>> [(m.surface("The US-backed SDF and Russia's jets; let us see what the u.s. does."), m.actor_id) for m in ms]
[('US', 'united_states'), ('SDF', 'sdf'), ('Russia', 'russia'), ('u.s.', 'united_states')]
>>> ms[2].possessive
True
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import weakref
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from itertools import compress
from pathlib import Path
from types import MappingProxyType
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from discourse.errors import LexiconError
from discourse.lexicons import provenance_record
from discourse.model import Span, Thread
from discourse.text import Doc, Token, as_doc

if sys.version_info >= (3, 11):  # pragma: no cover - depends on the interpreter
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = [
    "KINDS",
    "FORMS",
    "CASE_MODES",
    "Alias",
    "Actor",
    "Mention",
    "ActorRegistry",
    "find_mentions",
    "NominationTable",
    "nominations",
    "nomination_table",
    "Unit",
    "thread_units",
]

KINDS = ("country", "person", "organisation", "group", "media", "other")
"""The kinds of :class:`Actor`."""

FORMS = ("name", "abbreviation", "demonym", "metonym", "epithet", "description")
"""The forms of :class:`Alias` (how an actor is named)."""

CASE_MODES = ("auto", "any", "cased", "exact")
"""Case rules of an :class:`Alias` (see the module docstring)."""

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
_ID = re.compile(r"[A-Za-z0-9_.:-]+")

# Lower-case forms of short all-caps abbreviations that are also English words: such an
# abbreviation only matches in capitals ("US" but never "us"). A closed grammatical set.
_ENGLISH_SHORT_WORDS = frozenset(
    """
    a am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ye yo
    all and any are but can did for got had has her him his how its let may nor not now off old
    one our out own say see she the too two use was way who why yet you aid ice war man men sun
    win won pm ad
    """.split()
)

# A hyphen anywhere, or a word glued to the next in scraping ("CongoMali"): tokens that are
# matched piece by piece. Three lower-case letters before the capital keep "McCain", "DeSantis"
# and "YouTube" whole.
_HYPHEN = re.compile(r"-+")
_CAMEL = re.compile(r"[A-Z](?<=[a-z]{3}[A-Z])(?=[a-z])")  # the capital of "CongoMali"
_START = attrgetter("start")
_LOWER = itemgetter(3)  # Token.lower
_GAP_OK = frozenset(" \t-")


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


def _guess_form(text: str) -> str:
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

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not _ID.fullmatch(self.id):
            raise LexiconError(f"actor id {self.id!r}: use letters, digits and _ . : - only")
        if self.kind not in KINDS:
            raise LexiconError(f"actor {self.id!r}: kind {self.kind!r} is not one of {KINDS}")
        if not isinstance(self.name, str) or not self.name.strip():
            raise LexiconError(f"actor {self.id!r}: name must be a non-empty string")
        if self.parent is not None and not isinstance(self.parent, str):
            raise LexiconError(f"actor {self.id!r}: parent must be an actor id string")
        aliases: list[Alias] = []
        seen: set[str] = set()
        raw = self.aliases
        if isinstance(raw, (str, Alias)):
            raw = (raw,)
        for alias in raw:
            if isinstance(alias, str):
                alias = Alias(alias, _guess_form(alias))
            elif not isinstance(alias, Alias):
                raise LexiconError(f"actor {self.id!r}: alias {alias!r} is not a string")
            key = " ".join(alias.text.split())
            if key not in seen:
                seen.add(key)
                aliases.append(alias)
        if not aliases:
            raise LexiconError(f"actor {self.id!r} has no aliases, so it could never be found")
        object.__setattr__(self, "aliases", tuple(aliases))


class Mention(NamedTuple):
    """A mention of an actor: a view ``[start, end)`` of the owner's text.

    A light immutable tuple (like :class:`~discourse.text.Token`), because a corpus holds
    millions of them; :attr:`span` gives the :class:`~discourse.model.Span`.

    Attributes
    ----------
    start, end : int
        Character offsets into the text (end exclusive).
    actor_id : str
        The actor named.
    alias : str
        The registry alias that matched (its canonical spelling; the surface may differ in case).
    form : str
        The alias's form (:data:`FORMS`).
    possessive : bool
        True if followed by a possessive ``'s`` or ``'`` ("Russia's", "Kurds' land").
    sentence : int
        Index of the sentence in ``doc.sentences``.
    token_start, token_end : int
        Indices into ``doc.tokens`` of the tokens the mention touches (``[start, end)``).

    Examples
    --------
    >>> m = find_mentions("Damascus said no.")[0]
    >>> (m.start, m.end, m.actor_id, m.form, m.span)
    (0, 8, 'syrian_government', 'metonym', Span(start=0, end=8, label='syrian_government'))
    """

    start: int
    end: int
    actor_id: str
    alias: str
    form: str
    possessive: bool = False
    sentence: int = 0
    token_start: int = 0
    token_end: int = 0

    @property
    def span(self) -> Span:
        """The mention as a :class:`~discourse.model.Span` labelled with the actor id."""
        return Span(self.start, self.end, self.actor_id)

    def surface(self, text: str | Doc) -> str:
        """The mention as written in `text` (the owner's text or its :class:`Doc`).

        Examples
        --------
        >>> find_mentions("the u.s. said")[0].surface("the u.s. said")
        'u.s.'
        """
        owner = text.text if isinstance(text, Doc) else text
        return owner[self.start : self.end]

    def to_record(self) -> dict[str, Any]:
        """One tidy row: ``actor``, ``alias``, ``form``, ``start``, ``end``, ``sentence``,
        ``possessive``.

        Examples
        --------
        >>> find_mentions("Russia's")[0].to_record()["possessive"]
        True
        """
        return {
            "actor": self.actor_id,
            "alias": self.alias,
            "form": self.form,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "possessive": self.possessive,
        }


_new_mention = partial(tuple.__new__, Mention)  # skips the generated __new__: hot path


# -- the compiled matcher ---------------------------------------------------------------------


class _Entry(NamedTuple):
    keys: tuple[str, ...]  # lower-case pieces
    checks: tuple[tuple[int, str, str], ...]  # (piece index, rule, alias surface) for cased pieces
    actor_id: str
    alias: str
    form: str
    shout_guard: bool  # contains an exact short all-caps piece ("US")
    size: int  # len(keys)


def _split_token(doc: Doc, token: Token) -> list[Token]:
    """Split a word token at hyphens and scraping glue into piece tokens with offsets."""
    norm = doc.norm[token.start : token.end]
    cuts = []  # (start, end) of the separators inside the token
    found = norm.find("-")
    while found != -1:
        stop = found + 1
        while stop < len(norm) and norm[stop] == "-":
            stop += 1
        cuts.append((found, stop))
        found = norm.find("-", stop)
    if not norm.islower() and _CAMEL.search(norm) is not None:
        cuts += [(m.start(), m.start()) for m in _CAMEL.finditer(norm)]
        cuts.sort()
    pieces = []
    position = 0
    text, lower, base = doc.text, doc.lower, token.start
    for cut_start, cut_end in cuts + [(len(norm), len(norm))]:
        if cut_start > position and norm[position:cut_start].strip("*'"):
            a, b = base + position, base + cut_start
            pieces.append(Token(a, b, text[a:b], lower[a:b], "word"))
        position = cut_end
    return pieces


def _pieces_of(
    doc: Doc, keys: frozenset[str] | None = None, memo: dict[str, Any] | None = None
) -> tuple[Sequence[Token], list[tuple[int, int]]]:
    """The doc's tokens with hyphenated/glued words split and lone hyphens dropped.

    Only words with a piece in `keys` (when given) are split: "de-escalation" stays whole
    unless an alias contains "de" or "escalation". Returns the pieces and the shifts that map
    a piece index back to its token index: ``(first piece index, token index - piece index)``
    pairs, in order (empty when the pieces are the tokens). `memo` (per `keys`) keeps the split of
    each hyphenated word seen before.
    """
    tokens = doc.tokens
    norm = doc.norm
    positions = []
    found = norm.find("-")
    while found != -1:
        positions.append(found)
        found = norm.find("-", found + 1)
    if _CAMEL.search(norm) is not None:
        positions += [m.start() for m in _CAMEL.finditer(norm)]
        positions.sort()
    if not positions:
        return tokens, []  # the common case: the tokens are the pieces
    replacements: list[tuple[int, list[Token]]] = []
    covered_until = -1
    lower = doc.lower
    for position in positions:
        if position < covered_until:
            continue  # several hyphens in one token: one look-up
        k = bisect_right(tokens, position, key=_START) - 1
        if k < 0 or not tokens[k].start <= position < tokens[k].end:
            continue
        token = tokens[k]
        covered_until = token.end
        if token.kind == "word" and memo is not None:
            # the split follows from the word (its text, and its lower form for a capital sigma)
            known = memo.get(token[2])
            if known is None or known[0] != token[3]:
                if len(memo) > 100_000:  # bounded: an open vocabulary
                    memo.clear()
                known = memo[token[2]] = (token[3], _split_plan(doc, token, keys))
            if known[1] is not None:
                text, base = doc.text, token[0]
                replacements.append(
                    (k, [Token(base + a, base + b, text[base + a : base + b], lower[base + a : base + b], "word")
                         for a, b in known[1]])
                )
        elif token.kind == "word":
            if (
                keys is not None
                and (token.text.islower() or token.text.isupper())
                and not any(part in keys for part in lower[token.start : token.end].split("-"))
            ):
                continue  # no alias uses any of its pieces: keep the word whole
            split = _split_token(doc, token)
            if keys is None or any(piece.lower in keys for piece in split):
                replacements.append((k, split))
        elif token.kind == "punct" and not norm[token.start : token.end].strip("-"):
            replacements.append((k, []))  # a lone hyphen or dash joins, it is not a piece
    if not replacements:
        return tokens, []
    pieces: list[Token] = []
    shifts: list[tuple[int, int]] = []
    previous = 0
    for k, replacement in replacements:
        pieces += tokens[previous:k]
        for piece in replacement:
            shifts.append((len(pieces), k - len(pieces)))
            pieces.append(piece)
        previous = k + 1
        shifts.append((len(pieces), previous - len(pieces)))
    pieces += tokens[previous:]
    return pieces, shifts


def _split_plan(doc: Doc, token: Token, keys: frozenset[str] | None) -> tuple[tuple[int, int], ...] | None:
    """The pieces a word is split into by :func:`_pieces_of`, as offsets into the word, or
    ``None`` if it stays whole."""
    if (
        keys is not None
        and (token.text.islower() or token.text.isupper())
        and not any(part in keys for part in token.lower.split("-"))
    ):
        return None
    split = _split_token(doc, token)
    if keys is None or any(piece.lower in keys for piece in split):
        return tuple((piece.start - token.start, piece.end - token.start) for piece in split)
    return None


def _token_index(shifts: list[tuple[int, int]], piece: int) -> int:
    """The token index of piece number `piece` (see :func:`_pieces_of`)."""
    if not shifts or piece < shifts[0][0]:
        return piece
    k = bisect_right(shifts, (piece, sys.maxsize)) - 1
    return piece + shifts[k][1]


def _alias_pieces(text: str) -> list[Token]:
    pieces, _ = _pieces_of(Doc(" ".join(text.split())))
    return pieces


def _is_caps_word(text: str) -> bool:
    return len(text) >= 2 and text.isalpha() and text.isupper()


def _compile_alias(actor: Actor, alias: Alias) -> _Entry:
    pieces = _alias_pieces(alias.text)
    if not pieces:
        raise LexiconError(f"actor {actor.id!r}: alias {alias.text!r} has no word in it")
    checks = []
    shout_guard = False
    for position, piece in enumerate(pieces):
        surface = piece.text
        caps = _is_caps_word(surface)
        rule = "any"
        if alias.case == "exact":
            if caps:
                rule = "exact"
        elif alias.case == "cased":
            if caps:
                rule = "caps"
            elif surface[:1].isupper():
                rule = "title"
        elif alias.case == "auto" and caps and len(surface) <= 3:
            rule = "exact" if surface.lower() in _ENGLISH_SHORT_WORDS else "caps"
        if rule != "any":
            checks.append((position, rule, surface))
        if rule == "exact" and len(surface) <= 3:
            shout_guard = True
    keys = tuple(p.lower for p in pieces)
    return _Entry(keys, tuple(checks), actor.id, alias.text, alias.form, shout_guard, len(keys))


class _Matcher:
    """All aliases of a registry compiled into a token trie (nested dicts keyed by piece)."""

    def __init__(self, actors: Iterable[Actor]) -> None:
        trie: dict[Any, Any] = {}
        owners: dict[tuple[str, ...], str] = {}
        for actor in actors:
            for alias in actor.aliases:
                entry = _compile_alias(actor, alias)
                other = owners.get(entry.keys)
                if other is not None and other != actor.id:
                    raise LexiconError(
                        f"alias {alias.text!r} is used by both {other!r} and {actor.id!r}; "
                        "give it to one actor (aliases are compared case-insensitively)"
                    )
                if other is None:
                    owners[entry.keys] = actor.id
                    node = trie
                    for key in entry.keys:
                        node = node.setdefault(key, {})
                    node[None] = entry  # None marks the end of an alias (keys are strings)
        self.index = trie
        self.first_keys = frozenset(trie)
        self.keys = frozenset(key for keys in owners for key in keys)
        self.acronyms = frozenset(k for k in trie if k.isalpha())
        self.splits: dict[str, Any] = {}  # memo of _pieces_of

    def find(self, doc: Doc) -> tuple[Mention, ...]:
        pieces, shifts = _pieces_of(doc, self.keys, self.splits)
        index = self.index
        lowers = list(map(_LOWER, pieces))
        # The pieces that start an alias, found at C speed (most words start none).
        hits = list(compress(range(len(lowers)), map(index.__contains__, lowers)))
        if not hits:
            return ()
        norm = doc.norm
        n = len(pieces)
        sentences = doc.sentences
        s_index = 0
        last_sentence = len(sentences) - 1
        caseless: bool | None = None
        found: list[Mention] = []
        resume = 0  # pieces before this are inside an earlier mention
        for i in hits:
            if i < resume:
                continue
            # Walk the trie as far as the text goes; remember every alias that ends on the way.
            node = index[lowers[i]]
            entry = node.get(None)
            if entry is not None and len(node) == 1:
                ends: Sequence[_Entry] = (entry,)  # no longer alias starts here
            elif entry is None and (i + 1 == n or lowers[i + 1] not in node):
                continue  # "the" not followed by "Pentagon", "Kremlin"...
            else:
                ends = [entry] if entry is not None else []
                j = i + 1
                while j < n:
                    child = node.get(lowers[j])
                    if child is None:
                        break
                    a, b = pieces[j - 1][1], pieces[j][0]  # Token: start, end, ...
                    if b != a and not (b == a + 1 and norm[a] == " ") and not _GAP_OK.issuperset(norm[a:b]):
                        break  # only spaces or hyphens may separate the pieces of an alias
                    node = child
                    if None in node:
                        ends.append(node[None])
                    j += 1
                if not ends:
                    continue
            matched = None
            for entry in reversed(ends):  # longest first
                if entry[1] and not self._case_ok(entry, pieces, i, doc, caseless):  # checks
                    if caseless is None and self._needs_caseless(entry, pieces, i):
                        caseless = _is_caseless(doc)
                        if not self._case_ok(entry, pieces, i, doc, caseless):
                            continue
                    else:
                        continue
                if entry[5] and self._shouted(pieces, i, entry[6]):  # shout_guard, size
                    continue
                matched = entry
                break
            if matched is None:
                continue
            stop = i + matched[6]
            first_start = pieces[i][0]
            last = pieces[stop - 1]
            last_end = last[1]
            possessive = False
            if stop < n and pieces[stop][0] == last_end:
                after = lowers[stop]
                possessive = after == "'s" or (
                    after == "'" and last[3].endswith("s") and self._word_follows(pieces, stop)
                )
            while s_index < last_sentence and sentences[s_index].end <= first_start:
                s_index += 1
            if shifts:
                t0, t1 = _token_index(shifts, i), _token_index(shifts, stop - 1) + 1
            else:
                t0, t1 = i, stop
            found.append(
                _new_mention(
                    (first_start, last_end, matched[2], matched[3], matched[4], possessive, s_index, t0, t1)
                )
            )
            resume = stop
        return tuple(found)

    @staticmethod
    def _case_ok(entry: _Entry, pieces: Sequence[Token], i: int, doc: Doc, caseless: bool | None) -> bool:
        """Check the alias's case rules; an unknown `caseless` counts as False."""
        for position, rule, surface in entry.checks:
            text = pieces[i + position].text
            if text == surface:
                continue
            if rule == "exact":
                return False
            if rule == "caps" and text.isupper():
                continue
            if rule == "title" and text[:1].isupper():
                continue
            if not caseless:
                return False
        return True

    @staticmethod
    def _needs_caseless(entry: _Entry, pieces: Sequence[Token], i: int) -> bool:
        """True if the only failing rules are ones a caseless text would relax."""
        for position, rule, surface in entry.checks:
            if rule == "exact" and pieces[i + position].text != surface:
                return False
        return True

    @staticmethod
    def _word_follows(pieces: Sequence[Token], k: int) -> bool:
        """True if piece `k` (a bare apostrophe) is followed by a word: "Kurds' land"."""
        return k + 1 < len(pieces) and pieces[k + 1].kind == "word"

    def _shouted(self, pieces: Sequence[Token], i: int, length: int) -> bool:
        """True if a short exact abbreviation stands in a shouted run ("LET US GO"), where it
        is only read as the actor after "the"."""
        before = pieces[i - 1] if i > 0 else None
        after = pieces[i + length] if i + length < len(pieces) else None
        loud = False
        for neighbour in (before, after):
            if (
                neighbour is not None
                and _is_caps_word(neighbour.text)
                and neighbour.lower not in self.acronyms
            ):
                loud = True
        return loud and not (before is not None and before.lower == "the")


def _is_caseless(doc: Doc) -> bool:
    """True if the text is written without capitals: no capitalised word except at a sentence
    start, and at least one sentence starting in lower case or a lower-case "i"."""
    lower_start = False
    tokens = doc.tokens
    for first, stop in doc.sentence_token_ranges:
        for k in range(first, stop):
            token = tokens[k]
            if token.kind != "word":
                continue
            text = token.text
            if k == first:
                if text[:1].islower():
                    lower_start = True
                continue
            if text[:1].isupper() and not text.isupper():
                return False
            if text == "i":
                lower_start = True
    return lower_start


# -- the registry -----------------------------------------------------------------------------


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
            aliases.append(Alias(item, _guess_form(item), case_of.get(" ".join(item.split()), "auto")))
        elif isinstance(item, Mapping):
            extra = set(item) - {"text", "form", "case"}
            if extra or not isinstance(item.get("text"), str):
                raise LexiconError(f"{label}: alias {dict(item)!r} needs 'text' (and optional 'form', 'case')")
            aliases.append(
                Alias(item["text"], item.get("form", _guess_form(item["text"])), item.get("case", "auto"))
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
        self._mentions: weakref.WeakKeyDictionary[Doc, tuple[Mention, ...]] = weakref.WeakKeyDictionary()
        _ = self._matcher  # compile now: alias conflicts surface when the registry is built

    # -- construction -----------------------------------------------------------------------
    @classmethod
    def default(cls) -> ActorRegistry:
        """The bundled registry (``discourse/lexicons/data/actors.toml``), built once per process.

        Examples
        --------
        >>> "russia" in ActorRegistry.default()
        True
        """
        return _default_registry()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | list[Any], *, source: str = "<dict>") -> ActorRegistry:
        """Build a registry from plain data: ``{"actors": [...], "meta": {...}}`` or a list.

        Each actor has ``id``, ``name``, ``kind``, optional ``parent`` and its aliases as lists
        ``names``, ``abbreviations``, ``demonyms``, ``metonyms``, ``epithets``,
        ``descriptions`` and/or ``aliases`` (strings or ``{text, form, case}``); ``exact`` and
        ``cased`` list aliases with a case rule.

        Examples
        --------
        >>> reg = ActorRegistry.from_dict([{"id": "x", "name": "X Corp", "kind": "organisation",
        ...                                 "aliases": ["X Corp", {"text": "XC", "case": "exact"}]}])
        >>> [a.text for a in reg["x"].aliases]
        ['X Corp', 'XC']
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
        try:
            return cls(actors, meta=meta)
        except LexiconError as exc:
            raise LexiconError(f"{source}: {exc}") from None

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> ActorRegistry:
        """Read a registry from a ``.toml`` or ``.json`` file (data only; nothing is executed).

        Examples
        --------
        >>> import tempfile, pathlib
        >>> f = pathlib.Path(tempfile.mkdtemp()) / "mine.json"
        >>> _ = f.write_text('{"actors": [{"id": "wagner", "name": "Wagner Group", '
        ...                  '"kind": "group", "names": ["Wagner Group", "Wagner"]}]}')
        >>> ActorRegistry.from_file(f)["wagner"].name
        'Wagner Group'
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
        registry = cls.from_dict(data, source=str(file))
        meta = {**_header_meta(text), **registry.meta}
        meta.setdefault("name", file.stem)
        return cls(
            registry.actors(),
            meta=meta,
            sha256=hashlib.sha256(raw).hexdigest(),
            path=str(file),
        )

    def extend(
        self, actors: ActorRegistry | Iterable[Actor] | Mapping[str, Any] | list[Any], *, replace: bool = False
    ) -> ActorRegistry:
        """A new registry with more actors (this one is unchanged).

        Parameters
        ----------
        actors : ActorRegistry, iterable of Actor, or dict/list data (as for :meth:`from_dict`)
        replace : bool
            If True, an actor with an id already present replaces the old one; otherwise a
            duplicate id is an error.

        Examples
        --------
        >>> reg = ActorRegistry.default().extend([Actor("wagner", "Wagner Group", "group", ("Wagner",))])
        >>> [m.actor_id for m in reg.find("Wagner and Russia")]
        ['wagner', 'russia']
        """
        if isinstance(actors, ActorRegistry):
            new = list(actors.actors())
        elif isinstance(actors, Mapping) or (
            isinstance(actors, list) and actors and isinstance(actors[0], Mapping)
        ):
            new = list(ActorRegistry.from_dict(actors).actors())  # type: ignore[arg-type]
        else:
            new = list(actors)  # type: ignore[arg-type]
        new_ids = {a.id for a in new}
        if not replace:
            clash = sorted(new_ids & set(self._actors))
            if clash:
                raise LexiconError(f"actor id(s) {clash} already in the registry; pass replace=True")
        kept = [a for a in self._actors.values() if a.id not in new_ids]
        meta = dict(self.meta)
        meta["name"] = f"{meta.get('name', 'registry')}+extended"
        return ActorRegistry(kept + new, meta=meta)

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
            kept.append(Actor(actor.id, actor.name, actor.kind, actor.aliases, parent))
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
            item["aliases"] = [{"text": a.text, "form": a.form, "case": a.case} for a in actor.aliases]
            actors.append(item)
        return {"meta": dict(self.meta), "actors": actors}

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle as data (for worker processes): the actors, meta, hash and path."""
        return (_rebuild_registry, (self.to_dict(), self.sha256, self.path))

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

    def ancestors(self, actor_id: str) -> tuple[str, ...]:
        """The chain of parents of an actor, nearest first.

        Examples
        --------
        >>> ActorRegistry.default().ancestors("syrian_army")
        ('syrian_government', 'syria')
        """
        chain = []
        current = self[actor_id].parent
        while current is not None:
            chain.append(current)
            current = self._actors[current].parent
        return tuple(chain)

    def root(self, actor_id: str) -> str:
        """The top of an actor's parent chain (itself when it has no parent).

        Examples
        --------
        >>> ActorRegistry.default().root("cia")
        'united_states'
        """
        chain = self.ancestors(actor_id)
        return chain[-1] if chain else actor_id

    def info(self) -> dict[str, str]:
        """Provenance record, like :meth:`discourse.lexicons.Lexicon.info`.

        Examples
        --------
        >>> ActorRegistry.default().info()["name"]
        'actors'
        """
        aliases = sum(len(a.aliases) for a in self._actors.values())
        return provenance_record(str(self.meta.get("name", "")), self.path, self.sha256, self.meta, aliases)

    # -- matching ---------------------------------------------------------------------------
    @cached_property
    def _matcher(self) -> _Matcher:
        return _Matcher(self._actors.values())

    def find(self, text_or_doc: str | Doc) -> tuple[Mention, ...]:
        """Mentions of this registry's actors in a text, in order (cached per :class:`Doc`).

        Examples
        --------
        >>> [m.alias for m in ActorRegistry.default().find("The Syrian Army entered Syria.")]
        ['Syrian Army', 'Syria']
        """
        doc = as_doc(text_or_doc)
        cached = self._mentions.get(doc)
        if cached is None:
            cached = self._matcher.find(doc)
            self._mentions[doc] = cached
        return cached


def _rebuild_registry(data: dict[str, Any], sha256: str, path: str | None) -> ActorRegistry:
    """Unpickle a registry; the default one comes back as the process's default."""
    default = _default_registry()
    if sha256 == default.sha256:
        return default
    built = ActorRegistry.from_dict(data)
    return ActorRegistry(built.actors(), meta=data.get("meta", {}), sha256=sha256, path=path)


@lru_cache(maxsize=1)
def _default_registry() -> ActorRegistry:
    from discourse.lexicons import DATA_DIR

    return ActorRegistry.from_file(DATA_DIR / "actors.toml")


def find_mentions(text_or_doc: str | Doc, registry: ActorRegistry | None = None) -> list[Mention]:
    """Find the actors named in a text, with character spans.

    Parameters
    ----------
    text_or_doc : str or Doc
        The text (any string; offsets refer to it).
    registry : ActorRegistry, optional
        Defaults to :meth:`ActorRegistry.default`.

    Returns
    -------
    list of Mention
        In text order, non-overlapping (longest alias first at each position).

    Examples
    --------
    >>> text = "Syrian Army units and the Kremlin; Assad's allies."
    >>> [(m.surface(text), m.actor_id, m.form) for m in find_mentions(text)]
    [('Syrian Army', 'syrian_army', 'name'), ('Kremlin', 'russia', 'metonym'), ('Assad', 'assad', 'name')]
    """
    return list((registry or ActorRegistry.default()).find(text_or_doc))


# -- thread units ------------------------------------------------------------------------------


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


# -- nomination table --------------------------------------------------------------------------


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
        Defaults to :meth:`ActorRegistry.default`.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> rows = nominations(load_seed()).to_records()
    >>> [(r["alias"], r["count"]) for r in rows if r["actor"] == "syrian_government" and r["part"] == "article"]
    [('Assad government', 1), ('Damascus', 5), ('Syrian government', 1)]
    """
    registry = registry or ActorRegistry.default()
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
    registry = registry or ActorRegistry.default()
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
