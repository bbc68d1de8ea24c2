"""Context rule "lower-case name": a person's one-word name written in lower case in a cased text.

The matcher (:mod:`discourse.actors.matching`) reads a ``cased`` alias (*Trump*, *Notley*) only
as written, unless the whole text is written without capitals. Commenters often lower-case only
the names of politicians they despise ("a dishonest, ignorant and unscrupulous trump has
managed to...", "get rid of notley"), in text otherwise written with capitals. This rule adds
those mentions (see ``docs/guide/actors.md``, "Context rules"). A lower-case word counts when

* it is a written one-word ``cased`` alias of exactly one registry actor, a person, and of no
  other alias (written or derived) of another actor, four or more letters long, and not the *s*
  form of an English word (*trumps*: "politics trumps evidence");
* it stands as a word of ordinary prose: not inside a web address, handle, hashtag or user name
  (a ``/``, ``@``, ``#``, ``_``, ``www`` or ``.com`` in its run of non-space characters), not
  glued to letters or symbols;
* the text (or its thread's article) names an actor of the person's state, or the person holds or
  held a top office (the gate of derived surnames: *trump* needs no *US*, *notley* needs *Alberta*
  or another Canadian actor);
* if it is also an English word (*trump*, *bush*, *pence*), it does not stand right after a
  determiner, possessive, *to*, a modal verb or a number, nor right before *card*, an object
  such as *everyone* or *all*, or *league* (``[lower_case_names]`` of ``actor_rules.toml``):
  "his trump card", "beating around the bush", "20 pence", "his values trump everyone else's",
  "bush league".

Examples
--------
>>> from discourse.actors import ActorRegistry
>>> from discourse.text import Doc
>>> reg = ActorRegistry.default()
>>> text = "Dishonest and unscrupulous trump has now fooled the voters. He played his trump card."
>>> [(text[m.start:m.end], m.actor_id) for m in reg.find(Doc(text))]
[('trump', 'trump')]
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from discourse.actors.matching import Mention, fold_accents
from discourse.actors.rules import actor_rules, is_common_word
from discourse.text import Doc

if TYPE_CHECKING:  # pragma: no cover
    from discourse.actors.registry import ActorRegistry

__all__ = ["lower_case_names", "lower_case_index"]

_MIN_LETTERS = 4  # shorter names are too often words of other languages or slang ("wu mao")
_NOT_PROSE = ("/", "@", "#", "_", "www", ".com")
_EDGE_OK = frozenset(" \t\n\r\"'“”‘’()[]{}-–—….,;:!?*")

_INDEX: weakref.WeakKeyDictionary[ActorRegistry, dict[str, tuple[str, str, str]]] = weakref.WeakKeyDictionary()


def lower_case_index(registry: ActorRegistry) -> dict[str, tuple[str, str, str]]:
    """Lower-case (accent-folded) name -> ``(person id, alias, form)`` for the persons' written
    one-word ``cased`` aliases that no other actor shares (computed once per registry).

    Examples
    --------
    >>> from discourse.actors import ActorRegistry
    >>> lower_case_index(ActorRegistry.default())["trump"]
    ('trump', 'Trump', 'name')
    """
    index = _INDEX.get(registry)
    if index is not None:
        return index
    owners: dict[str, set[str]] = {}
    candidates: dict[str, tuple[str, str, str]] = {}
    for actor in registry.written_actors:
        for alias in actor.aliases:
            key = fold_accents(alias.text.lower())
            owners.setdefault(key, set()).add(actor.id)
            if (
                actor.kind == "person"
                and alias.case == "cased"
                and " " not in alias.text
                and alias.text[:1].isupper()
                and alias.text[1:].islower()
                and alias.text.isalpha()
                and len(alias.text) >= _MIN_LETTERS
            ):
                candidates.setdefault(key, (actor.id, alias.text, alias.form))
    for actor_id, alias in registry.derived_aliases:
        owners.setdefault(fold_accents(alias.text.lower()), set()).add(actor_id)
    index = {}
    for key, entry in candidates.items():
        if owners[key] != {entry[0]}:
            continue  # shared with another actor (or a derived alias of one): not this rule's to decide
        if key.endswith("s") and is_common_word(key[:-1].capitalize()):
            continue  # "trumps": as often the English verb
        index[key] = entry
    _INDEX[registry] = index
    return index


def _in_prose(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` is a word of prose: not glued to letters or symbols, and its
    run of non-space characters is no web address, handle, hashtag or user name."""
    if (start > 0 and text[start - 1] not in _EDGE_OK) or (end < len(text) and text[end] not in _EDGE_OK):
        return False
    a, b = start, end
    while a > 0 and not text[a - 1].isspace():
        a -= 1
    while b < len(text) and not text[b].isspace():
        b += 1
    chunk = text[a:b].lower()
    return not any(mark in chunk for mark in _NOT_PROSE)


def lower_case_names(
    doc: Doc,
    mentions: Sequence[Mention],
    registry: ActorRegistry,
    fits: Callable[[str], bool],
) -> tuple[Mention, ...]:
    """`mentions` with the persons' names written in lower case added (rule "lower-case name").

    Parameters
    ----------
    doc : Doc
    mentions : sequence of Mention
        The mentions after the other context rules, in text order.
    registry : ActorRegistry
    fits : callable
        Whether a person may be named here without a full name: the text (or its thread's
        article) names an actor of the person's state, or the person held a top office (the
        gate of derived surnames).

    Returns
    -------
    tuple of Mention
        In text order.
    """
    index = lower_case_index(registry)
    texts = doc.token_columns.texts
    if index.keys().isdisjoint(texts):
        return tuple(mentions)
    from discourse.actors.matching import is_caseless

    if is_caseless(doc):
        return tuple(mentions)  # the matcher reads every case there (and the rules have run)
    rules = actor_rules()
    tokens = doc.tokens
    lowers = doc.token_columns.lowers
    covered = {k for m in mentions for k in range(m.token_start, m.token_end)}
    text = doc.text
    added: list[Mention] = []
    firsts = [first for first, _ in doc.sentence_token_ranges]
    for k, word in enumerate(texts):
        entry = index.get(word)
        if entry is None or k in covered or tokens[k].kind != "word":
            continue
        actor_id, alias, form = entry
        start, end = tokens[k].start, tokens[k].end
        if not _in_prose(text, start, end):
            continue
        if is_common_word(alias) and (
            (k > 0 and (lowers[k - 1] in rules.lower_case_after or lowers[k - 1][:1].isdigit()))
            or (k + 1 < len(tokens) and lowers[k + 1] in rules.lower_case_before)
        ):
            continue  # the English word: "his trump card", "around the bush"
        if not fits(actor_id):
            continue
        possessive = k + 1 < len(tokens) and tokens[k + 1].start == end and lowers[k + 1] in ("'s", "\u2019s")
        sentence = bisect_right(firsts, k) - 1  # the sentence whose tokens start at or before k
        added.append(Mention(start, end, actor_id, alias, form, possessive, sentence, k, k + 1))
    if not added:
        return tuple(mentions)
    return tuple(sorted([*mentions, *added], key=lambda m: (m.start, m.end)))
