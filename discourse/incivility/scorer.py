"""The scorer's fast path: only the weighted context features of a text, in the order that
:func:`~discourse.incivility.features.context_features` lists them.

Scoring needs the weights of a text's context features (word pairs, negated or reported words,
multi-word lexicon entries, target cues), each counted once, summed in the order of their first
occurrence. Most of the ~65 word pairs of a comment have no weight, and building their names
(``"b:" + a + " " + b``) only to find that out was a third of the scorer's time. Here the
pair weights sit in a two-level table keyed by the two words (already normalised strings with
their hashes cached), so a pair costs two dictionary look-ups in C and no new string. The result
is the same list of weights as filtering :func:`context_features`' occurrences through the
weight table, so the sums are the same floats (``tests/test_incivility_speed.py`` checks it);
a phrase category that words of the text also carry is scaled so that it counts once in all,
as the document models were fitted (``features.replaced_own_counts``).

Examples
--------
>>> from discourse.incivility.tokens import split_words
>>> tables = ContextTables.build({"b:you idiot": (1.0, 0.0, 0.5), "x:you_attack": (0.5, 0.0, 0.0)})
>>> weighted_context(split_words("You idiot!"), tables)
(['', ''], [(1.0, 0.0, 0.5), (0.5, 0.0, 0.0)])
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from itertools import compress, repeat
from operator import not_
from typing import NamedTuple

from discourse.incivility.features import (
    _char_ngrams,
    _cues,
    _any_hostile,
    _clause_gaps,
    _sentence_gaps,
    char_grams,
    _scopes,
    lexicon_categories,
    phrase_features,
    replaced_own_counts,
)
from discourse.incivility.tokens import MEMO_WORDS, WordSplit, normalize_word

__all__ = ["ContextTables", "WordRecords", "own_weights", "weighted_context", "weighted_context_of"]

# a feature's weights: (incivility, intolerance, span); the analyser's tables add
# complex(incivility, intolerance) as a fourth item
Weights = tuple[float, float, float] | tuple[float, float, float, complex]
_EMPTY: dict[str, tuple[str, Weights]] = {}
# the functions behind the per-word caches: a word record is memoised once, by WordRecords
_normalize = normalize_word.__wrapped__
_lexicon_categories_of = lexicon_categories.__wrapped__
_char_ngrams_of = _char_ngrams.__wrapped__
# the model's own words: those with a word or neighbour weight (not the negated/reported forms)
_VOCABULARY = ("w:", "p:", "n:")
_SCOPES = ("NEG_", "REP_")  # the scope prefixes of features._scopes (upper case: never a word)
_SCOPED = tuple("w:" + scope for scope in _SCOPES)


class ContextTables(NamedTuple):
    """The weight table split for the fast path.

    Attributes
    ----------
    joint : mapping
        Feature name -> (incivility, intolerance, span) weights (every weighted feature; the
        analyser's table adds ``complex(incivility, intolerance)`` as a fourth item).
    pairs : mapping
        First word (with its scope prefix, ``"NEG_an"``) -> second word -> (feature name,
        weights), for the weighted ``b:`` features.
    scoped : mapping
        Scope prefix (``"NEG_"``, ``"REP_"``) -> (the rows of `pairs` of the scoped first
        words, by the bare word; the word's own ``w:`` feature and weights under that scope, by
        the bare word): what a scoped word looks up, without building ``"NEG_" + word``.
    """

    joint: Mapping[str, Weights]
    pairs: Mapping[str, Mapping[str, tuple[str, Weights]]]
    scoped: Mapping[str, tuple[Mapping[str, Mapping[str, tuple[str, Weights]]], Mapping[str, tuple[str, Weights]]]]

    @classmethod
    def build(cls, joint: Mapping[str, Weights]) -> "ContextTables":
        """Index the ``b:`` features of `joint` by their two words.

        Examples
        --------
        >>> ContextTables.build({"b:a b": (1.0, 0.0, 0.0)}).pairs
        {'a': {'b': ('b:a b', (1.0, 0.0, 0.0))}}
        """
        pairs: dict[str, dict[str, tuple[str, Weights]]] = {}
        scoped: dict[str, tuple[dict, dict]] = {scope: ({}, {}) for scope in _SCOPES}
        intern = sys.intern
        for name, weights in joint.items():
            if name.startswith("b:"):
                first, sep, second = name[2:].partition(" ")
                # a word never contains a space (tokens.py), so any other name cannot occur
                if sep and " " not in second:
                    # one string object per word (sys.intern), shared with the word records:
                    # a look-up that finds it compares pointers, not characters
                    pairs.setdefault(intern(first), {})[intern(second)] = (name, weights)
            elif name.startswith(_SCOPED):
                scoped[name[2:6]][1][intern(name[6:])] = (name, weights)
        for first, row in pairs.items():
            if first[:4] in scoped:
                scoped[first[:4]][0][intern(first[4:])] = row
        return cls(joint, pairs, scoped)


def weighted_context(ws: WordSplit, tables: ContextTables) -> tuple[list[str], list[Weights]]:
    """The scopes of the words of `ws` (as :func:`~discourse.incivility.features.context_features`
    gives them) and the weights of its weighted context features, each feature once, in the
    order of its first occurrence there; a phrase category that k distinct unscoped words of
    the text also carry by themselves has its weights times 1 - k (it counts once in all, as in
    :func:`~discourse.incivility.features.document_counts`: see
    :func:`~discourse.incivility.features.replaced_own_counts`).

    Examples
    --------
    >>> from discourse.incivility.tokens import split_words
    >>> tables = ContextTables.build({"w:NEG_idiot": (-1.0, 0.0, 0.0), "b:NEG_not an": (0.25, 0.0, 0.0)})
    >>> weighted_context(split_words("not an idiot"), tables)
    (['', 'NEG_', 'NEG_'], [(0.25, 0.0, 0.0), (-1.0, 0.0, 0.0)])
    """
    norms = ws.norms
    rows = list(map(tables.pairs.get, norms, repeat(_EMPTY)))
    return weighted_context_of(norms, ws.gaps, list(map(lexicon_categories, norms)), rows, tables)


def weighted_context_of(
    norms: list[str],
    gaps: list[str],
    cats_at: list[tuple[str, ...]],
    rows: list[Mapping[str, tuple[str, Weights]]],
    tables: ContextTables,
) -> tuple[list[str], list[Weights]]:
    """:func:`weighted_context` from the words' parts already looked up: their lexicon categories
    (`cats_at`, changed in place) and their rows of the pair table (`rows`, ``tables.pairs`` of
    the word or an empty mapping; changed in place).

    Examples
    --------
    >>> tables = ContextTables.build({"b:you idiot": (1.0, 0.0, 0.5)})
    >>> weighted_context_of(["you", "idiot"], ["", " ", ""], [(), ()], [tables.pairs["you"], {}], tables)
    (['', ''], [(1.0, 0.0, 0.5)])
    """
    n = len(norms)
    joint = tables.joint
    clause = _clause_gaps(gaps)
    scopes = _scopes(norms, gaps, clause)
    scoped = list(compress(range(n), scopes))
    by_scope = tables.scoped
    if scoped:
        # a pair carries the scope of its first word, else of its second ('b:NEG_not an')
        for i in scoped:
            cats_at[i] = ()
            scoped_rows = by_scope[scopes[i]][0]
            rows[i] = scoped_rows.get(norms[i], _EMPTY)
            if i and not scopes[i - 1]:
                rows[i - 1] = scoped_rows.get(norms[i - 1], _EMPTY)
    # per pair (i, i + 1): (name, weights) or None; a look-up in the first word's row, in C
    found: list[tuple[str, Weights] | None] = list(map(dict.get, rows, norms[1:]))  # type: ignore[arg-type]  # the rows are dicts (ContextTables.build)
    for k in compress(range(1, n), clause[1:]):
        found[k - 1] = None  # no pair across a clause boundary
    # a scoped word's own feature comes just before the pair it starts (reverse order keeps the
    # insertion points right)
    for i in reversed(scoped):
        own = by_scope[scopes[i]][1].get(norms[i])  # ("w:" + scope + word, weights)
        if own is not None:
            found.insert(i, own)
    # each feature once, at its first occurrence (a repeated name maps to the same weights)
    chosen: dict[str, Weights] = dict(filter(None, found))
    phrases = phrase_features(norms, scopes, clause, cats_at)
    # the sentence ends only where a target cue can be (a word with a hostile category)
    cues = _cues(norms, scopes, cats_at, _sentence_gaps(gaps)) if _any_hostile(cats_at) else []
    for name, _, _ in phrases + cues:
        if name not in chosen:
            weights = joint.get(name)
            if weights is not None:
                chosen[name] = weights
    if phrases:
        # a phrase category that k distinct unscoped words also carry counts once in the
        # document models (features.document_counts), not k + 1 times: its entry carries
        # (1 - k) times its weights, so that the words' own sums plus the entries add up to it
        unscoped = compress(norms, map(not_, scopes)) if scoped else norms
        for name, k in replaced_own_counts([p[0] for p in phrases], unscoped).items():
            weights = chosen.get(name)
            if weights is not None:
                chosen[name] = tuple(v * (1 - k) for v in weights)  # type: ignore[assignment]  # as long as weights
    return scopes, list(chosen.values())


def own_weights(
    norm: str, cats: tuple[str, ...], joint: Mapping[str, Weights], span: Mapping[str, float]
) -> tuple[float, float, float, float, float]:
    """The weights of an unscoped word by itself: the sums of its own features' weights
    (:func:`~discourse.incivility.features.own_features`: ``w:``, ``c:``, ``l:``) in the
    incivility, intolerance and span models, then its span-model weights as the previous
    (``p:``) and the next (``n:``) word.

    The sums run left to right in the features' order, as a loop over ``own_features(norm)``
    would (a feature without a weight adds nothing); the span model counts a feature found twice
    on the word (a repeated character 4-gram) once, at its first occurrence. No feature tuple is
    built: a new word costs a few look-ups (most are dictionary words, without 4-grams).

    Examples
    --------
    >>> own_weights("idiot", ("name_calling",), {"w:idiot": (1.0, 0.0, 0.5), "l:name_calling": (0.5, 0.0, 0.0)}, {})
    (1.5, 0.0, 0.5, 0.0, 0.0)
    """
    get = joint.get
    inc = intol = sp = 0.0
    weights = get("w:" + norm)
    if weights is not None:
        inc += weights[0]
        intol += weights[1]
        sp += weights[2]
    inc, intol, sp = _add_weights(
        inc, intol, sp, _char_ngrams_of(norm), get, tuple("l:" + cat for cat in cats), get
    )
    return (inc, intol, sp, span.get("p:" + norm, 0.0), span.get("n:" + norm, 0.0))


def _add_weights(
    inc: float,
    intol: float,
    sp: float,
    grams: tuple[str, ...],
    gram_weights: Callable[[str], Weights | None],
    cats: tuple[str, ...],
    cat_weights: Callable[[str], Weights | None],
) -> tuple[float, float, float]:
    """Add the weights of a word's character 4-grams (`grams`, looked up by `gram_weights`) and
    of its lexicon categories (`cats`, by `cat_weights`) to the three sums, in order; the span
    model counts a 4-gram found twice on the word once (its first occurrence). The one summation
    of :func:`own_weights` and of the records of words outside the model's vocabulary."""
    if grams:
        seen: set[str] = set()
        for gram in grams:
            weights = gram_weights(gram)
            if weights is not None:
                inc += weights[0]
                intol += weights[1]
                if gram not in seen:
                    seen.add(gram)
                    sp += weights[2]
    for cat in cats:
        weights = cat_weights(cat)
        if weights is not None:
            inc += weights[0]
            intol += weights[1]
            sp += weights[2]
    return inc, intol, sp


class WordRecords(dict):
    """Per surface form of a word (as the text spells it): its record, ``(norm, *own weights,
    lexicon categories, row of the pair table, complex(incivility, intolerance))`` (the five
    floats of :func:`own_weights`, flat, so that summing them reads no second tuple;
    ``tables.pairs`` of the word or an empty mapping; the two document weights once more as one
    complex number, which the analyser sums for both models at once). One look-up per word
    instead of four into four large tables. The normalised forms are interned
    (:func:`sys.intern`), as are the words of the pair table.

    Filled on first sight (``__missing__``): the surface is normalised, and the record of its
    normalised form is computed once (a second memo, keyed by the normalised form, shares it
    between spellings such as ``The`` and ``the``). Both memos are bounded (`limit` entries,
    then emptied). The record is built directly, not through the per-word caches of
    :mod:`~discourse.incivility.features` and :mod:`~discourse.incivility.tokens` (which serve
    the explicit path): one memo entry per new word instead of five.

    Parameters
    ----------
    tables : ContextTables
        The weights (``tables.joint``) and the pair table.
    span : mapping
        The span model's weights (its ``p:`` and ``n:`` features).
    limit : int
        Entries at most in each memo (default :data:`~discourse.incivility.tokens.MEMO_WORDS`).
    vocabulary : bool
        Build the records of the model's own words (those with a ``w:``, ``p:`` or ``n:``
        weight: about 24,000, 0.16 s and 7 MB for the bundled weights) at construction, kept for
        the process (`known`, never emptied); a word outside them is then scored over the
        weighted character 4-grams and lexicon categories alone. ``False``: every record is made
        on first sight through :func:`own_weights` (the same records; for tests).

    Examples
    --------
    >>> tables = ContextTables.build({"b:you idiot": (1.0, 0.0, 0.5), "w:you": (0.25, 0.0, 0.0)})
    >>> records = WordRecords(tables, {})
    >>> records["YOU"][:6], records["YOU"] is records["you"]
    (('you', 0.25, 0.0, 0.0, 0.0, 0.0), True)
    """

    def __init__(
        self, tables: ContextTables, span: Mapping[str, float], limit: int = MEMO_WORDS, vocabulary: bool = True
    ) -> None:
        super().__init__()
        self.joint = tables.joint
        self.span = span
        self.pairs = tables.pairs
        self.limit = limit
        self.by_norm: dict[str, tuple] = {}
        self.known: dict[str, tuple] = {}
        self.vocabulary = vocabulary
        if vocabulary:
            words = sorted({name[2:] for name in self.joint if name.startswith(_VOCABULARY) and not name.startswith(_SCOPED)})
            self.known = {norm: self._record(sys.intern(norm)) for norm in words}
            # for the other words, which have no w:, p: or n: weight: the weighted character
            # 4-grams by the 4-gram itself (no "c:" string to build per gram) and the lexicon
            # categories' weights, two small tables instead of the whole weight table
            self.grams = {name[2:]: w for name, w in self.joint.items() if name.startswith("c:")}
            self.categories = {name[2:]: w for name, w in self.joint.items() if name.startswith("l:")}
        # known words of ASCII letters that normalise to themselves: a surface whose lower case
        # is one of them normalises to it (normalize_word reads only the lower case, and it
        # changes nothing else in such a word), so its record is found without normalising
        self.plain = {
            norm: record
            for norm, record in self.known.items()
            if norm.isascii() and norm.isalpha() and _normalize(norm) == norm
        }

    def _record(self, norm: str) -> tuple:
        cats = _lexicon_categories_of(norm)
        inc, intol, sp, prev, nxt = own_weights(norm, cats, self.joint, self.span)
        return (norm, inc, intol, sp, prev, nxt, cats, self.pairs.get(norm, _EMPTY), complex(inc, intol))

    def _unknown_record(self, norm: str) -> tuple:
        """:meth:`_record` of a word that is not among the model's own words (`self.known`):
        the same sums as :func:`own_weights`, whose ``w:``, ``p:`` and ``n:`` look-ups would all
        miss, over the small tables."""
        cats = _lexicon_categories_of(norm)
        inc, intol, sp = _add_weights(0.0, 0.0, 0.0, char_grams(norm), self.grams.get, cats, self.categories.get)
        return (norm, inc, intol, sp, 0.0, 0.0, cats, self.pairs.get(norm, _EMPTY), complex(inc, intol))

    def of_norm(self, norm: str) -> tuple:
        """The record of a normalised word (for words that no single surface spells, such as
        spaced-out letters joined).

        Examples
        --------
        >>> tables = ContextTables.build({"b:you idiot": (1.0, 0.0, 0.5)})
        >>> WordRecords(tables, {}).of_norm("you")[7]
        {'idiot': ('b:you idiot', (1.0, 0.0, 0.5))}
        """
        record = self.known.get(norm) or self.by_norm.get(norm)
        if record is None:
            norm = sys.intern(norm)
            record = self._unknown_record(norm) if self.vocabulary else self._record(norm)
            if len(self.by_norm) >= self.limit:  # bounded memory on a large corpus
                self.by_norm.clear()
            self.by_norm[norm] = record
        return record

    def __missing__(self, surface: str) -> tuple:
        record = self.plain.get(surface.lower())
        if record is None:
            record = self.of_norm(_normalize(surface))
        if len(self) >= self.limit:  # bounded memory on a large corpus
            self.clear()
        self[surface] = record
        return record
