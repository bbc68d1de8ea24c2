"""The scorer's fast path: only the weighted context features of a text, in the order that
:func:`~discourse.incivility.features.context_features` lists them.

Scoring needs the weights of a text's context features (word pairs, negated or reported words,
multi-word lexicon entries, target cues), each counted once, summed in the order of their first
occurrence. Most of the ~65 word pairs of a comment have no weight, and building their names
(``"b:" + a + " " + b``) only to find that out was a third of the scorer's time. Here the
pair weights sit in a two-level table keyed by the two words (already normalised strings with
their hashes cached), so a pair costs two dictionary look-ups in C and no new string. The result
is the same list of weights as filtering :func:`context_features`' occurrences through the
weight table, so the sums are the same floats (``tests/test_incivility_speed.py`` checks it).

Examples
--------
>>> from discourse.incivility.tokens import split_words
>>> tables = ContextTables.build({"b:you idiot": (1.0, 0.0, 0.5), "x:you_attack": (0.5, 0.0, 0.0)})
>>> weighted_context(split_words("You idiot!"), tables)
(['', ''], [(1.0, 0.0, 0.5), (0.5, 0.0, 0.0)])
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import compress, repeat
from typing import NamedTuple

from discourse.incivility.features import _cues, _gaps, _scopes, lexicon_categories, phrase_features
from discourse.incivility.tokens import WordSplit

__all__ = ["ContextTables", "weighted_context"]

Weights3 = tuple[float, float, float]
_EMPTY: dict[str, tuple[str, Weights3]] = {}


class ContextTables(NamedTuple):
    """The weight table split for the fast path.

    Attributes
    ----------
    joint : mapping
        Feature name -> (incivility, intolerance, span) weights (every weighted feature).
    pairs : mapping
        First word (with its scope prefix, ``"NEG_an"``) -> second word -> (feature name,
        weights), for the weighted ``b:`` features.
    """

    joint: Mapping[str, Weights3]
    pairs: Mapping[str, Mapping[str, tuple[str, Weights3]]]

    @classmethod
    def build(cls, joint: Mapping[str, Weights3]) -> "ContextTables":
        """Index the ``b:`` features of `joint` by their two words.

        Examples
        --------
        >>> ContextTables.build({"b:a b": (1.0, 0.0, 0.0)}).pairs
        {'a': {'b': ('b:a b', (1.0, 0.0, 0.0))}}
        """
        pairs: dict[str, dict[str, tuple[str, Weights3]]] = {}
        for name, weights in joint.items():
            if name.startswith("b:"):
                first, sep, second = name[2:].partition(" ")
                # a word never contains a space (tokens.py), so any other name cannot occur
                if sep and " " not in second:
                    pairs.setdefault(first, {})[second] = (name, weights)
        return cls(joint, pairs)


def weighted_context(ws: WordSplit, tables: ContextTables) -> tuple[list[str], list[Weights3]]:
    """The scopes of the words of `ws` (as :func:`~discourse.incivility.features.context_features`
    gives them) and the weights of its weighted context features, each feature once, in the
    order of its first occurrence there.

    Examples
    --------
    >>> from discourse.incivility.tokens import split_words
    >>> tables = ContextTables.build({"w:NEG_idiot": (-1.0, 0.0, 0.0), "b:NEG_not an": (0.25, 0.0, 0.0)})
    >>> weighted_context(split_words("not an idiot"), tables)
    (['', 'NEG_', 'NEG_'], [(0.25, 0.0, 0.0), (-1.0, 0.0, 0.0)])
    """
    norms = ws.norms
    n = len(norms)
    joint = tables.joint
    clause, sentence = _gaps(ws.gaps)
    scopes = _scopes(norms, ws.gaps, clause)
    cats_at = list(map(lexicon_categories, norms))
    scoped = list(compress(range(n), scopes))
    firsts = norms
    if scoped:
        # a pair carries the scope of its first word, else of its second ('b:NEG_not an')
        firsts = norms[:-1]
        for i in scoped:
            cats_at[i] = ()
            if i < n - 1:
                firsts[i] = scopes[i] + norms[i]
            if i and not scopes[i - 1]:
                firsts[i - 1] = scopes[i] + norms[i - 1]
    # per pair (i, i + 1): (name, weights) or None; two look-ups in C, no string built
    found = list(map(dict.get, map(tables.pairs.get, firsts, repeat(_EMPTY)), norms[1:]))
    for k in compress(range(1, n), clause[1:]):
        found[k - 1] = None  # no pair across a clause boundary
    # a scoped word's own feature comes just before the pair it starts (reverse order keeps the
    # insertion points right)
    for i in reversed(scoped):
        name = "w:" + scopes[i] + norms[i]
        weights = joint.get(name)
        if weights is not None:
            found.insert(i, (name, weights))
    # each feature once, at its first occurrence (a repeated name maps to the same weights)
    chosen: dict[str, Weights3] = dict(filter(None, found))
    for name, _, _ in phrase_features(norms, scopes, clause, cats_at) + _cues(norms, scopes, cats_at, sentence):
        if name not in chosen:
            weights = joint.get(name)
            if weights is not None:
                chosen[name] = weights
    return scopes, list(chosen.values())
