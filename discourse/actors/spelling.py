"""Misspelt names: a name of several words written with one word one letter off.

Commenters misspell names ("Hilary Clinton", "Barrack Obama", "Chrisy Clark", "the Unites
States", "Brietbart News"); the alias matcher (:mod:`discourse.actors.matching`) only finds
names as the registry writes them. :func:`correct_spelling` adds the mentions the matcher missed
this way, under one strict rule:

* the alias has two or more words, all letters, and no leading title;
* one of its words (six letters or more) is written one edit away: one letter inserted, dropped
  or replaced, or two neighbouring letters swapped (Damerau-Levenshtein distance 1), with a
  capital, and the written word is not itself a word of any alias;
* an added final "s" on the last word counts only as a possessive written without its
  apostrophe, on the name of a person or a state ("Hillary Clintons family"; "New Yorkers" are not *The New
  Yorker*);
* every other word of the alias is written exactly (case and accents aside), separated by
  spaces, right around it, and a word next to the misspelt one is a name of the alias, not an
  English word or a stop word ("Clinton", "Merkel", "States"; not "of", "Party",
  "Government": "Republic of Columbia", "Demicratic party" are left alone; it keeps the
  look-up to a few microseconds per comment);
* the candidates all name one actor, and no word of the span is a mention of another actor
  (a mention of the same actor inside the span, "Obama" of "Barrack Obama", is replaced by the
  longer one).

Single words are never corrected. On 21,578 unlabelled texts (Civil Comments, political Reddit
comments, SFU comments, the PTC news articles) one edit on a one-word alias was as often a
different name or word as a misspelling ("Sharia", "Columbia University", "Cardinal Müller",
"Dallas"). With the rule above, the 23 corrections it makes in those texts and the 7,758
NewsMTSC training sentences were all read and all right ("Barrack Obama", "Christia
Freeland", "Rex Tilllerson", "Debbie Wasserman Shultz", "Wolfgang Schaeuble").

The mention keeps the registry's spelling in ``alias``; its span holds the text as written, so
``Mention.surface(text) != alias`` (case aside) shows that it was corrected.

Examples
--------
>>> from discourse.actors import ActorRegistry
>>> registry = ActorRegistry.default()
>>> [(m.alias, m.surface("Barrack Obama met Hilary Clinton."))
...  for m in registry.find("Barrack Obama met Hilary Clinton.")]
[('Barack Obama', 'Barrack Obama'), ('Hillary Clinton', 'Hilary Clinton')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import compress
from typing import TYPE_CHECKING, NamedTuple

from discourse.actors.matching import Mention, fold_accents
from discourse.text import Doc

if TYPE_CHECKING:  # pragma: no cover - the registry imports this module
    from discourse.actors.registry import Actor

__all__ = ["SpellingIndex", "correct_spelling", "one_edit_apart"]

MIN_ALIAS_WORD = 6
"""Letters an alias word needs before a one-edit spelling of it is accepted."""

MIN_WRITTEN_WORD = MIN_ALIAS_WORD - 1

_POSSESSORS = frozenset({"person", "country", "territory"})
# An added final "s" on the last word is read as a possessive without its apostrophe ("Hillary
# Clintons family", "South Africas poor"): accepted only on the name of a person or a state.


class _Target(NamedTuple):
    actor_id: str
    kind: str  # the actor's kind
    alias: str
    form: str
    words: tuple[str, ...]  # folded lower-case words of the alias
    position: int  # the word that may be misspelt


def one_edit_apart(a: str, b: str) -> bool:
    """True if `a` and `b` differ by one edit: a letter inserted, dropped or replaced, or two
    neighbouring letters swapped (Damerau-Levenshtein distance 1).

    Examples
    --------
    >>> one_edit_apart("hilary", "hillary"), one_edit_apart("jarret", "jarrett")
    (True, True)
    >>> one_edit_apart("ukriane", "ukraine"), one_edit_apart("obama", "obama")
    (True, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _deletions(word: str) -> set[str]:
    """The word and every word it gives with one letter dropped: two words one edit apart
    always share one of these (the symmetric-deletion look-up)."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


class SpellingIndex:
    """The alias words that may be found misspelt, keyed for one-edit look-up.

    Built once per registry (:attr:`~discourse.actors.ActorRegistry.spelling`).

    Parameters
    ----------
    actors : iterable of Actor
        The registry's actors; aliases of the form ``abbreviation`` and aliases with a title
        (``President Trump``) or a word that is not all letters are left out.

    Examples
    --------
    >>> from discourse.actors import Actor
    >>> index = SpellingIndex([Actor("hc", "Hillary Clinton", "person", ("Hillary Clinton",))])
    >>> [t.alias for t in index.targets("Hilary")]
    ['Hillary Clinton']
    """

    def __init__(self, actors: Iterable[Actor]) -> None:
        from discourse.actors.rules import actor_rules, is_common_word

        rules = actor_rules()
        titles, stopwords = rules.titles, rules.stopwords
        keys: dict[str, list[tuple[str, str, str, str, tuple[str, ...], int]]] = {}
        words_of_aliases: set[str] = set()
        partners: set[str] = set()
        for actor in actors:
            for alias in actor.aliases:
                words = tuple(fold_accents(w).lower() for w in alias.text.split())
                words_of_aliases.update(words)
                if (
                    len(words) < 2
                    or alias.form == "abbreviation"
                    or not all(w.isalpha() for w in words)
                    or words[0] in titles
                ):
                    continue
                # Anchors: the alias's own name words ("clinton", "states"), not "the", "of".
                partners.update(
                    w for w in words if len(w) > 2 and w not in stopwords and not is_common_word(w.capitalize())
                )
                for position, word in enumerate(words):
                    if len(word) < MIN_ALIAS_WORD:
                        continue
                    # a plain tuple with the fields of _Target (the collector stops tracking it,
                    # and then this large dict: its full collections need not visit them)
                    target = (actor.id, actor.kind, alias.text, alias.form, words, position)
                    for key in _deletions(word):
                        keys.setdefault(key, []).append(target)
        self.keys: dict[str, tuple[tuple[str, str, str, str, tuple[str, ...], int], ...]] = {
            key: tuple(targets) for key, targets in keys.items()
        }
        self.alias_words = frozenset(words_of_aliases)
        self.partners = frozenset(partners)

    def targets(self, written: str) -> list[_Target]:
        """The alias words one edit away from a written word (its folded lower-case form).

        Examples
        --------
        >>> from discourse.actors import Actor
        >>> index = SpellingIndex([Actor("us", "United States", "country", ("United States",))])
        >>> [(t.alias, t.position) for t in index.targets("Unites")]
        [('United States', 0)]
        """
        word = fold_accents(written).lower()
        seen = []
        for key in _deletions(word):
            for target in self.keys.get(key, ()):
                _actor_id, actor_kind, _alias, _form, words, position = target  # the fields of _Target
                alias_word = words[position]
                if target in seen or not one_edit_apart(word, alias_word):
                    continue
                if word == alias_word + "s" and position + 1 == len(words) and actor_kind not in _POSSESSORS:
                    continue  # "New Yorkers" are not "The New Yorker" (see the module notes)
                seen.append(target)
        return [_Target._make(target) for target in sorted(seen)]


def correct_spelling(
    doc: Doc,
    mentions: Sequence[Mention],
    index: SpellingIndex,
    anchors: Sequence[int] | None = None,
) -> tuple[Mention, ...]:
    """`mentions` (the matcher's, in text order) with the misspelt names of the module's rule
    added, in text order.

    `anchors`, if known, are the indices (in order) of the tokens whose lower-case form is one
    of ``index.partners`` (the name words a misspelt word must stand next to; see
    :meth:`~discourse.actors.matching.AliasMatcher.find_anchored`): no look-up at all.

    Examples
    --------
    >>> from discourse.actors import ActorRegistry
    >>> registry = ActorRegistry.default()
    >>> doc = Doc("The Unites States and Angel Merkel.")
    >>> [(m.actor_id, m.start, m.end) for m in correct_spelling(doc, registry.matcher.find(doc), registry.spelling)]
    [('united_states', 4, 17), ('angela_merkel', 22, 34)]
    """
    if anchors is not None and not anchors:
        return tuple(mentions)
    columns = doc.token_columns
    texts, lowers, starts, ends = columns.texts, columns.lowers, columns.starts, columns.ends
    n = len(texts)
    alias_words = index.alias_words
    found: list[Mention] = []
    last = -1
    # Only a word next to a name word of a multi-word alias can be one (found at C speed).
    partners = index.partners
    if anchors is None:
        if partners.isdisjoint(lowers):
            return tuple(mentions)
        anchors = compress(range(n), map(partners.__contains__, lowers))  # type: ignore[assignment]
    for anchor in anchors:  # type: ignore[union-attr]
        for i in (anchor - 1, anchor + 1):
            if i <= last or i >= n:
                continue
            text = texts[i]
            if len(text) < MIN_WRITTEN_WORD or not text[0].isupper() or text.isupper() or not text.isalpha():
                continue
            if lowers[i] in alias_words:
                continue
            last = i
            spans = {}
            for target in index.targets(text):
                first = i - target.position
                stop = first + len(target.words)
                if first < 0 or stop > n:
                    continue
                if all(
                    k == i or (_folded(lowers[k]) == target.words[k - first])
                    for k in range(first, stop)
                ) and all(doc.text[ends[k] : starts[k + 1]].isspace() for k in range(first, stop - 1)):
                    spans[(first, stop)] = target
            actors = {target.actor_id for target in spans.values()}
            if len(actors) != 1:
                continue  # no candidate, or names of two actors
            (first, stop), target = max(spans.items(), key=lambda item: (item[0][1] - item[0][0], item[1]))
            found.append(_mention(doc, first, stop, target))
    if not found:
        return tuple(mentions)
    return _merge(mentions, found)


def _folded(lower: str) -> str:
    return lower if lower.isascii() else fold_accents(lower)


def _mention(doc: Doc, first: int, stop: int, target: _Target) -> Mention:
    columns = doc.token_columns
    start, end = columns.starts[first], columns.ends[stop - 1]
    following = columns.lowers[stop] if stop < len(columns.lowers) and columns.starts[stop] == end else ""
    possessive = following == "'s" or (following == "'" and columns.lowers[stop - 1].endswith("s"))
    sentence = doc.sentence_of(start) or 0
    return Mention(start, end, target.actor_id, target.alias, target.form, possessive, sentence, first, stop)


def _merge(mentions: Sequence[Mention], corrected: Sequence[Mention]) -> tuple[Mention, ...]:
    """Add each corrected mention unless it overlaps a mention of another actor; mentions of the
    same actor inside it give way to it."""
    kept = list(mentions)
    for new in corrected:
        inside = [m for m in kept if m.token_start < new.token_end and new.token_start < m.token_end]
        if any(m.actor_id != new.actor_id for m in inside):
            continue
        kept = [m for m in kept if m not in inside]
        kept.append(new)
    kept.sort(key=lambda m: (m.start, m.end))
    return tuple(kept)
