"""Derived aliases: bare surnames of registry persons, and bare institution words.

Two kinds of alias are not written in the registry files but derived from them when a registry
is compiled (:attr:`discourse.actors.ActorRegistry.matcher`); ``docs/guide/actors.md`` documents
both under "Derived aliases".

**Distinctive surnames.** Newspapers and commenters name people by surname alone ("Kerry said",
"Harper's government"). A person's surname (the last word of a multi-word name, after dropping
"Jr.", "III"...) becomes a ``cased`` alias of that person when it is *distinctive*:

* it is the surname of exactly one person of the registry (not "Sanders": Bernie Sanders and
  Sarah Huckabee Sanders);
* it is nobody's first name in the registry (not "Ryan": Paul Ryan and Ryan Zinke), nor a common
  given name (``[given_names]`` of ``actor_rules.toml``: not "Austin", "Jonathan"), nor such a
  name with "s" ("Daniels", "Edwards"), nor one of the most frequent surnames
  (``[common_surnames]``: not "Moore", "Walker", "Roberts");
* it is no word of a non-person actor's alias (not "Arabia" of "Saudi Arabia", "Washington"),
  nor such an alias written as one word (not "Whitehouse", a common misspelling of the White
  House);
* it is not an ordinary English word: the Brill lexicon (TextBlob's copy) tags its lower-case
  form as something other than a proper noun (not "Moon", "Porter", "Price");
* the person is not of a state that writes the family name first (``[family_name_first]``:
  "Xi Jinping", "Kim Jong Un");
* it has at least four letters, starts with a capital, and is not already an alias of any actor
  (then the alias decides: "Trump", "Jordan") nor a title or stop word of ``actor_rules.toml``.

Surnames that fail these tests stay unresolved (and so appear in discovery), unless the same text
names the person in full first (the context rule "surname" of
:mod:`discourse.actors.disambiguation`). Context rules also drop a distinctive surname that is
part of a longer unknown name ("Danny Davis"), and every later bare use of it in that text.

**Bare institution words.** "the Senate", "the House", "the Supreme Court", "Parliament" name
the institution of whichever state the text is about. They are matched with the placeholder actor
:data:`UNRESOLVED_INSTITUTION`, and the context rule "bare institution" resolves each to the
institution of the nearest state named in the same text, or drops it (see
:func:`institution_index`). The words are data (``actor_rules.toml``, ``[bare_institutions]``).

Examples
--------
>>> from discourse.actors import Actor
>>> actors = [Actor("jk", "John Kerry", "person", ("John Kerry",)),
...           Actor("pr", "Paul Ryan", "person", ("Paul Ryan",)),
...           Actor("rz", "Ryan Zinke", "person", ("Ryan Zinke",))]
>>> [(actor_id, alias.text) for actor_id, alias in surname_aliases(actors)]
[('jk', 'Kerry'), ('rz', 'Zinke')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from discourse.actors.matching import alias_key, fold_accents

if TYPE_CHECKING:  # pragma: no cover - the registry imports this module
    from discourse.actors.registry import Actor, Alias

__all__ = [
    "UNRESOLVED_INSTITUTION", "family_name_first", "surname_aliases", "possessive_aliases", "compound_surname_aliases", "surname_index", "institution_aliases", "institution_index", "surname_of", "ministry_variant", "is_surname",
]

UNRESOLVED_INSTITUTION = "?institution"
"""Placeholder actor id of a bare institution word until a context rule resolves it."""

_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"})
_NUMERALS = frozenset({"ii", "iii", "iv", "v"})  # the numbers among the suffixes ("John Paul II")
_SURNAME = re.compile(r"[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’]*[a-z\u00DF-\u024F]")  # "Kerry", "McCarthy", "O'Rourke"
_NAME_FORMS = frozenset({"name"})


def _words(text: str) -> list[str]:
    words = [w.strip(",") for w in text.split()]
    while len(words) > 2 and words[-1].lower() in _SUFFIXES:
        words.pop()
    return words


def is_surname(word: str) -> bool:
    """True if `word` is written as a surname: a capital, then letters or apostrophes, ending in
    a lower-case letter. Capitals inside the word are allowed, as surnames with a glued prefix
    have them (*McMaster*, *MacArthur*, *O'Reilly*, *DeSantis*); all-capital words
    (abbreviations) and lower-case words are not surnames.

    Examples
    --------
    >>> [is_surname(w) for w in ("Kerry", "McMaster", "O'Reilly", "O’Rourke", "DeSantis", "Orbán")]
    [True, True, True, True, True, True]
    >>> [is_surname(w) for w in ("NATO", "kerry", "Smith-", "F.", "McM")]
    [False, False, False, False, False]
    """
    return _SURNAME.fullmatch(word) is not None


def surname_of(name: str) -> str | None:
    """The surname of a multi-word person name (its last word, without "Jr.", "III"...), or
    ``None`` for a single word, a last word that is not a capitalised name, or a regnal name: a
    common given name before a number (*John Paul II*, *Pope Paul VI*; ``[given_names]``).

    Examples
    --------
    >>> surname_of("Robert F. Kennedy Jr."), surname_of("Beto O'Rourke"), surname_of("Bono")
    ('Kennedy', "O'Rourke", None)
    >>> surname_of("John Paul II"), surname_of("Martin Luther King III")
    (None, 'King')
    """
    from discourse.actors.rules import actor_rules

    words = _words(name)
    if len(words) < 2 or words[-1].lower() in _SUFFIXES:
        return None
    last = words[-1]
    if len(words) < len(name.split()) and name.split()[-1].lower() in _NUMERALS and fold_accents(last.lower()) in actor_rules().given_names:
        return None  # a regnal name: "John Paul II" has no surname "Paul"
    return last if _SURNAME.fullmatch(last) else None


def family_name_first(actors: Iterable[Actor]) -> frozenset[str]:
    """The ids of the persons among `actors` whose state writes the family name first
    (``[family_name_first]`` of ``actor_rules.toml``): the person's ``country``, else the root of
    its parent chain when that is a state (*Kim Jong Un* of the seed registry has a parent, the
    North Korean government, and no ``country``).

    Examples
    --------
    >>> from discourse.actors import Actor
    >>> sorted(family_name_first([Actor("north_korea", "North Korea", "country", ("North Korea",)),
    ...     Actor("nkg", "North Korean government", "government", ("Pyongyang",), parent="north_korea"),
    ...     Actor("kim", "Kim Jong Un", "person", ("Kim Jong Un",), parent="nkg"),
    ...     Actor("moon", "Moon Jae-in", "person", ("Moon Jae-in",), country="south_korea"),
    ...     Actor("h", "Stephen Harper", "person", ("Stephen Harper",), country="canada")]))
    ['kim', 'moon']
    """
    from discourse.actors.rules import actor_rules

    states = actor_rules().family_name_first
    by_id = {a.id: a for a in actors}
    out = set()
    for actor in by_id.values():
        if actor.kind != "person":
            continue
        home = actor.country
        if home is None:
            root, seen = actor, set()
            while root.parent is not None and root.parent in by_id and root.id not in seen:
                seen.add(root.id)
                root = by_id[root.parent]
            home = root.id if root is not actor else None
        if home in states:
            out.add(actor.id)
    return frozenset(out)


def _first_name(name: str) -> str | None:
    words = _words(name)
    return fold_accents(words[0].lower()) if len(words) >= 2 else None


def surname_aliases(
    actors: Iterable[Actor], taken: Iterable[str] = (), name_first: frozenset[str] | None = None
) -> list[tuple[str, Alias]]:
    """The distinctive surnames of the persons among `actors`, as ``(actor id, Alias)`` pairs
    (``cased``, form ``name``), in actor order.

    Parameters
    ----------
    actors : iterable of Actor
        All actors of the registry (persons are the ones looked at; the aliases of all of them
        are "taken").
    taken : iterable of str
        More alias texts that a surname may not be (e.g. the bare institution words).
    name_first : frozenset of str, optional
        The ids of :func:`family_name_first` of `actors`, if already known (the registry
        computes them once); computed when not given.

    Examples
    --------
    >>> from discourse.actors import Actor
    >>> [a.text for _, a in surname_aliases([Actor("h", "Stephen Harper", "person", ("Stephen Harper",)),
    ...                                      Actor("m", "Jane Moon", "person", ("Jane Moon",))])]
    ['Harper']
    """
    from discourse.actors.registry import Alias  # the registry imports this module
    from discourse.actors.rules import actor_rules, is_common_word

    actors = list(actors)
    rules = actor_rules()
    blocked = rules.titles | rules.stopwords | rules.organs | rules.prefixes | rules.given_names | rules.common_surnames
    owners: dict[str, set[str]] = {}  # folded surname -> person ids
    spelled: dict[tuple[str, str], str] = {}  # (person id, folded surname) -> as written
    first_names: set[str] = set()
    if name_first is None:
        name_first = family_name_first(actors)
    aliases: set[str] = {alias_key(t) for t in taken}
    pieces: set[str] = set()  # the words of non-person aliases ("arabia", "washington")
    for actor in actors:
        for alias in actor.aliases:
            folded = alias_key(alias.text)
            aliases.add(folded)
            if actor.kind != "person":
                pieces.update(folded.replace("-", " ").split())
                pieces.add(folded.replace(" ", "").replace("-", ""))  # "whitehouse": a misspelt White House
        if actor.kind != "person" or actor.id in name_first:
            continue
        for text in [actor.name] + [a.text for a in actor.aliases if a.form in _NAME_FORMS]:
            first = _first_name(text)
            if first is not None:
                first_names.add(first)
            surname = surname_of(text)
            if surname is None:
                continue
            key = fold_accents(surname.lower())
            owners.setdefault(key, set()).add(actor.id)
            spelled.setdefault((actor.id, key), surname)
    found: list[tuple[str, Alias]] = []
    seen: set[str] = set()
    for actor in actors:
        if actor.kind != "person":
            continue
        for (actor_id, key), surname in spelled.items():
            if actor_id != actor.id or key in seen:
                continue
            if (
                len(owners[key]) == 1
                and len(key) >= 4
                and key not in first_names
                and not (key.endswith("s") and (key[:-1] in rules.given_names or key[:-1] in first_names))  # "Daniels"
                and key not in aliases
                and key not in blocked
                and key not in pieces
                and not key.endswith(("'s", "’s"))
                and not is_common_word(surname)
            ):
                seen.add(key)
                found.append((actor.id, Alias(surname, "name", "cased")))
    return found


_NO_PLAIN_S = ("s", "x", "z", "ch", "sh")  # names whose plural or possessive is not a bare "s"


def possessive_aliases(actors: Iterable[Actor], taken: Iterable[str] = ()) -> list[tuple[str, Alias, str]]:
    """The possessives without apostrophe of the persons' one-word names (*Putins* of *Putin*),
    as ``(actor id, Alias, the name's own alias text)`` triples (``cased``, form ``name``), in
    actor order.

    Commenters write "Putins army", "Obamas term". Each one-word alias of form ``name`` written
    for a person (not the derived surnames: a less known name with "s" is as often another
    surname, *Meyers* of *Meyer*), capitalised, of four or more letters and not ending in a
    letter whose possessive is not a bare "s" (*Soros*, *Sarkozy* stay), gives the alias with
    "s", unless that is already an alias of any actor (*Trumps* is written; *the Clintons* are a
    family). The context rule "possessive s" of :mod:`discourse.actors.disambiguation` keeps a
    match only where a possessive can stand.

    Examples
    --------
    >>> from discourse.actors import Actor
    >>> people = [Actor("vp", "Vladimir Putin", "person", ("Vladimir Putin", "Putin")),
    ...           Actor("gs", "George Soros", "person", ("George Soros", "Soros"))]
    >>> [(i, a.text, base) for i, a, base in possessive_aliases(people)]
    [('vp', 'Putins', 'Putin')]
    """
    from discourse.actors.registry import Alias  # the registry imports this module

    actors = list(actors)
    used = {alias_key(t) for t in taken}
    for actor in actors:
        used.update(alias_key(a.text) for a in actor.aliases)
    found: list[tuple[str, Alias, str]] = []
    for actor in actors:
        if actor.kind != "person":
            continue
        for alias in actor.aliases:
            text = alias.text
            if (
                alias.form not in _NAME_FORMS
                or len(text) < 4
                or not _SURNAME.fullmatch(text)
                or text.lower().endswith(_NO_PLAIN_S)
                or alias_key(text + "s") in used
            ):
                continue
            used.add(alias_key(text + "s"))
            found.append((actor.id, Alias(text + "s", "name", "cased"), text))
    return found


def compound_surname_aliases(
    actors: Iterable[Actor], taken: Iterable[str] = (), name_first: frozenset[str] | None = None
) -> list[tuple[str, Alias]]:
    """The two-word surnames of the persons among `actors` (*Wasserman Schultz*, *Blasey Ford*,
    *Huckabee Sanders*, *López Obrador*), as ``(actor id, Alias)`` pairs (``cased``, form
    ``name``), in actor order.

    Spanish double surnames and names with a maiden or middle family name are written in the
    news by their last two words. Such a pair is derived from a person's name (or name alias) of
    three or more words when both words are capitalised names (no initial, no particle: *da
    Silva*, *bin Salman* are not) and the first of them is not a given name (the list
    ``[given_names]`` or the first name of any registry person: not *Paul Stevens* of *John
    Paul Stevens*, *Kay Ivey*), title or stop word. Unlike a one-word surname the pair needs no
    context rule: two name words in that order rarely name anyone else. Left out: persons of a
    state that writes the family name first (*Jong Un*), pairs that are already an alias of
    any actor and pairs that two persons share.

    Parameters
    ----------
    actors : iterable of Actor
        All actors of the registry.
    taken : iterable of str
        More alias texts that a pair may not be.
    name_first : frozenset of str, optional
        The ids of :func:`family_name_first` of `actors`, if already known; computed when not
        given.

    Examples
    --------
    >>> from discourse.actors import Actor
    >>> people = [Actor("dws", "Debbie Wasserman Schultz", "person", ("Debbie Wasserman Schultz",)),
    ...           Actor("jps", "John Paul Stevens", "person", ("John Paul Stevens",)),
    ...           Actor("pr", "Paul D. Ryan", "person", ("Paul D. Ryan",))]
    >>> [(i, a.text) for i, a in compound_surname_aliases(people)]
    [('dws', 'Wasserman Schultz')]
    """
    from discourse.actors.registry import Alias  # the registry imports this module
    from discourse.actors.rules import actor_rules

    actors = list(actors)
    rules = actor_rules()
    blocked = rules.titles | rules.stopwords | rules.given_names
    used = {alias_key(t) for t in taken}
    first_names: set[str] = set()
    for actor in actors:
        used.update(alias_key(a.text) for a in actor.aliases)
        if actor.kind == "person":
            first_names.update(
                f for f in (_first_name(t) for t in [actor.name] + [a.text for a in actor.aliases if a.form in _NAME_FORMS]) if f
            )
    owners: dict[str, list[tuple[str, str]]] = {}  # folded pair -> [(person id, pair as written)]
    if name_first is None:
        name_first = family_name_first(actors)
    for actor in actors:
        if actor.kind != "person" or actor.id in name_first:
            continue
        for text in [actor.name] + [a.text for a in actor.aliases if a.form in _NAME_FORMS]:
            words = _words(text)
            if len(words) < 3 or not (_SURNAME.fullmatch(words[-2]) and _SURNAME.fullmatch(words[-1])):
                continue
            middle = fold_accents(words[-2].lower())
            if middle in blocked or middle in first_names:
                continue
            pair = f"{words[-2]} {words[-1]}"
            key = fold_accents(pair.lower())
            if key in used:
                continue
            entries = owners.setdefault(key, [])
            if actor.id not in [i for i, _ in entries]:
                entries.append((actor.id, pair))
    return [(entries[0][0], Alias(entries[0][1], "name", "cased")) for entries in owners.values() if len(entries) == 1]


def surname_index(
    actors: Iterable[Actor], taken: Iterable[str] = (), name_first: frozenset[str] | None = None
) -> dict[str, tuple[str, ...]]:
    """Folded surname -> the ids of the registry persons who have it, for the surnames that are
    *not* aliases: the ones the context rule "titled surname" may resolve ("sanders": Bernie
    Sanders and Sarah Huckabee Sanders; "moon": Moon Jae-in).

    The surname is the last word of a person's name or name aliases, except for persons of a
    state that writes the family name first (``[family_name_first]``), whose surname is the first
    word ("Moon Jae-in"). Surnames that are aliases of any actor (written or derived: those are
    resolved by the alias and its own rules), shorter than three letters, or titles and stop
    words of ``actor_rules.toml`` are left out.

    Parameters
    ----------
    actors : iterable of Actor
    taken : iterable of str
        More alias texts (the derived ones) that are left out.
    name_first : frozenset of str, optional
        The ids of :func:`family_name_first` of `actors`, if already known; computed when not
        given.

    Examples
    --------
    >>> from discourse.actors import Actor
    >>> people = [Actor("bs", "Bernie Sanders", "person", ("Bernie Sanders",)),
    ...           Actor("ss", "Sarah Sanders", "person", ("Sarah Sanders",)),
    ...           Actor("mj", "Moon Jae-in", "person", ("Moon Jae-in",), country="south_korea")]
    >>> surname_index(people)
    {'sanders': ('bs', 'ss'), 'moon': ('mj',)}
    """
    from discourse.actors.rules import actor_rules

    actors = list(actors)
    rules = actor_rules()
    blocked = rules.titles | rules.stopwords
    used = {alias_key(t) for t in taken}
    for actor in actors:
        used.update(alias_key(a.text) for a in actor.aliases)
    index: dict[str, list[str]] = {}
    if name_first is None:
        name_first = family_name_first(actors)
    for actor in actors:
        if actor.kind != "person":
            continue
        for text in [actor.name] + [a.text for a in actor.aliases if a.form in _NAME_FORMS]:
            if actor.id in name_first:
                words = _words(text)
                surname = words[0] if len(words) >= 2 and _SURNAME.fullmatch(words[0]) else None
            else:
                surname = surname_of(text)
            if surname is None:
                continue
            key = fold_accents(surname.lower())
            if len(key) < 3 or key in used or key in blocked:
                continue
            owners = index.setdefault(key, [])
            if actor.id not in owners:
                owners.append(actor.id)
    return {key: tuple(ids) for key, ids in index.items()}


def institution_aliases(words: Iterable[str], taken: Iterable[str] = ()) -> list[tuple[str, Alias]]:
    """The bare institution words (``actor_rules.toml``) as ``(placeholder id, Alias)`` pairs,
    ``cased``, leaving out any that is already an alias of an actor.

    Examples
    --------
    >>> [a.text for _, a in institution_aliases(["Senate", "Parliament"], taken=["parliament"])]
    ['Senate']
    """
    from discourse.actors.registry import Alias  # the registry imports this module

    used = {alias_key(t) for t in taken}
    return [
        (UNRESOLVED_INSTITUTION, Alias(word, "name", "cased"))
        for word in words
        if alias_key(word) not in used
    ]


def institution_index(actors: Iterable[Actor], words: Iterable[str], roots: Mapping[str, str]) -> dict[tuple[str, str], str]:
    """``(state id, folded institution word) -> actor id``: the actor of a state that has an
    alias made of a name of the state and the word ("US Senate", "UK Parliament", "Parliament of
    Canada", "Canadian Liberals"), found in the registry's own aliases. An actor belongs to the
    root of its parent chain, or, with no parent, to its ``country`` (a party).

    Parameters
    ----------
    actors : iterable of Actor
    words : iterable of str
        The bare institution words.
    roots : mapping
        Actor id -> the root of its parent chain (a state for state organs).

    Examples
    --------
    >>> from discourse.actors import Actor
    >>> actors = [Actor("us", "United States", "country", ("United States", "US")),
    ...           Actor("congress", "US Congress", "government", ("US Senate",), parent="us")]
    >>> institution_index(actors, ["Senate"], {"us": "us", "congress": "us"})
    {('us', 'senate'): 'congress'}
    """
    actors = list(actors)
    state_names: dict[str, set[str]] = {}  # state id -> its folded names (and demonyms)
    for actor in actors:
        if actor.kind in ("country", "territory"):
            state_names[actor.id] = {alias_key(a.text) for a in actor.aliases}
    folded_words = [alias_key(w) for w in words]
    index: dict[tuple[str, str], str] = {}
    for actor in actors:
        state = roots.get(actor.id)
        if state == actor.id and actor.country is not None:
            state = roots.get(actor.country, actor.country)  # a party: the state it belongs to
        if state is None or actor.id == state:
            continue
        names = state_names.get(state)
        if not names:
            continue
        for alias in actor.aliases:
            text = alias_key(alias.text)
            for word in folded_words:
                head = text[: -len(word)].strip() if text.endswith(" " + word) else None
                tail = text[len(word) :].strip() if text.startswith(word + " of ") else None
                if head is not None and (head in names or head.removeprefix("the ") in names):
                    index.setdefault((state, word), actor.id)
                elif tail is not None and tail[3:].removeprefix("the ") in names:
                    index.setdefault((state, word), actor.id)
                elif text == word:  # the state's actor that carries the bare name ("Ministry of Defence")
                    index.setdefault((state, word), actor.id)
    for (state, word), actor_id in list(index.items()):  # "Defence Ministry" = "Ministry of Defence"
        other = ministry_variant(word)
        if other is not None and other in folded_words:
            index.setdefault((state, other), actor_id)
    return index


def ministry_variant(word: str) -> str | None:
    """The other way of writing a ministry's generic name: "x ministry" <-> "ministry of x"
    (lower case), or None for other words.

    Examples
    --------
    >>> ministry_variant("defence ministry"), ministry_variant("ministry of the interior"), ministry_variant("senate")
    ('ministry of defence', 'interior ministry', None)
    """
    if word.endswith(" ministry") and " " not in word[: -len(" ministry")]:
        return "ministry of " + word[: -len(" ministry")]
    if word.startswith("ministry of ") and " " not in word[len("ministry of ") :].removeprefix("the "):
        return word[len("ministry of ") :].removeprefix("the ") + " ministry"
    return None
