"""Word tokens for the incivility models, normalised against obfuscation, with their offsets.

Comment writers disguise abuse ("f*ck", "muzz1e", "stuuupid", "s t u p i d") and the training
sources differ in casing and punctuation (HateXplain is lower-cased without punctuation), so the
models see every word through one normalisation:

- lower case; apostrophes dropped (``don't`` -> ``dont``, as HateXplain writes it);
- leetspeak inside words with letters (``muzz1e`` -> ``muzzie``, ``a$$`` -> ``ass``);
- letters repeated three or more times collapsed to one (``stuuupid`` -> ``stupid``);
- masked letters (``*``, ``#``, ``&``) unmasked when exactly one listed profanity or insult fits
  (``f*ck`` -> ``fuck``), else kept as ``*``;
- runs of three or more single letters separated by single spaces joined into one word
  (``s t u p i d`` -> ``stupid``);
- ``@user`` mentions and URLs replaced by placeholders.

Capitals are not a feature: ``"YOU ARE RIGHT"`` and ``"you are right"`` give the same tokens,
so shouting for emphasis cannot raise a score by itself.

Examples
--------
>>> [t.norm for t in word_tokens("You're a stuuupid f*ck, muzz1e!")]
['youre', 'a', 'stupid', 'fuck', 'muzzie']
>>> t = word_tokens("what a s t u p i d idea")[2]
>>> t.norm, t.start, t.end
('stupid', 7, 18)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

__all__ = ["WordToken", "WordSplit", "word_tokens", "split_words", "normalize_word", "set_unmask_words"]

# A word: letters, digits and, inside it, the characters people use to disguise letters
# ('f*ck', 's#!t', 'a$$'); or three or more single letters separated by single spaces
# ('s t u p i d'). Edges are letters, digits, '$' or a leading '@', so punctuation around a
# word ('idiot!!!', "'quoted'") is not part of it.
_PLAIN = r"@?[^\W_](?:[\w@$*#&!'\u2019\-]*[^\W_]|[\w@$*#&!'\u2019\-]*\$)?"
_SPACED = r"(?<![\w@$*#&!'\u2019\-])[A-Za-z](?: [A-Za-z]){2,}(?![\w@$*#&!'\u2019\-])"
_WORD = re.compile(_SPACED + "|" + _PLAIN)
_PLAIN_WORD = re.compile(_PLAIN)
# the same words as a capturing split: gap, word, gap, word, ..., gap (one C call per text)
_PLAIN_SPLIT = re.compile("(" + _PLAIN + ")")
# The same split for a text of ASCII characters only (str.isascii, a flag: most comments),
# about 40% cheaper. In such a text \w is exactly [A-Za-z0-9_] and [^\W_] exactly [A-Za-z0-9]
# (Python's Unicode \w is str.isalnum() or "_"), so character classes replace the category
# tests; and _PLAIN's optional '@' and optional tail become six alternatives tried in the order
# in which _PLAIN backtracks through them: the longest tail ending in a letter or digit, else
# the longest ending in '$' (tried only when the tail has no letter or digit, so it consists
# of the other word characters: _ASCII_MARKS), else none; first without '@', then with it (a
# text character is either '@' or a letter or digit, never both, so at most one half applies).
# tests/test_incivility_speed.py compares both splits on ASCII texts.
_ASCII_ALNUM = "[A-Za-z0-9]"
_ASCII_INNER = r"[A-Za-z0-9_@$*#&!'\-]"  # _PLAIN's inner characters in ASCII
_ASCII_MARKS = r"[_@$*#&!'\-]"  # the same without letters and digits
_PLAIN_ASCII = "|".join(
    at + _ASCII_ALNUM + tail
    for at in ("", "@")
    for tail in (_ASCII_INNER + "*" + _ASCII_ALNUM, _ASCII_MARKS + r"*\$", "")
)
_PLAIN_SPLIT_ASCII = re.compile("(" + _PLAIN_ASCII + ")")
_HAS_SPACED = re.compile(_SPACED)
# a cheap necessary condition of _SPACED (where _SPACED matches, its second and third letters
# follow single spaces and the third is followed by a space or by no word character), so that
# most texts skip the slower search with look-arounds; it starts with a literal space, which
# the regular-expression engine finds by a fast scan instead of trying every position
_SPACED_HINT = re.compile(r" [A-Za-z] [A-Za-z]\b", re.ASCII)
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
_LEET_CHARS = frozenset("013457@$!")
_REPEAT = re.compile(r"([a-z])\1{2,}")
_MASK = re.compile(r"[*#&]")
_UNMASK: dict[tuple[int, str], tuple[str, ...]] = {}

MEMO_WORDS = 50_000
"""Entries at most in each per-word memo of the model (normalised forms, features, weights).

A real corpus has an open vocabulary (misspellings, names, URLs): at 200,000 entries each, the
memos took about 300 MB; at 50,000 about a quarter of it. The scorer keeps two such memos (word
records by spelling and by normalised form, :class:`~discourse.incivility.scorer.WordRecords`,
about 20 MB when full) beside the fixed records of the model's own words; the caches of this
module and of :mod:`~discourse.incivility.features` serve the explicit path (terms, spans,
training)."""


class WordToken(NamedTuple):
    """One word of a text: its character offsets and normalised form.

    Attributes
    ----------
    start, end : int
        Character offsets into the original text (end exclusive).
    norm : str
        The normalised form (see the module docstring).
    """

    start: int
    end: int
    norm: str


def set_unmask_words(words: Iterable[str]) -> None:
    """Set the words that masked spellings may stand for (called once by the model loader).

    Examples
    --------
    >>> set_unmask_words(["fuck", "shit"]); normalize_word("sh*t")
    'shit'
    """
    _UNMASK.clear()
    table: dict[tuple[int, str], list[str]] = {}
    for word in sorted(set(words)):
        if word.isalpha():
            table.setdefault((len(word), word[0]), []).append(word)
    _UNMASK.update({key: tuple(value) for key, value in table.items()})
    normalize_word.cache_clear()


def _unmask(word: str) -> str:
    candidates = _UNMASK.get((len(word), word[0]), ())
    pattern = re.compile("".join("." if ch in "*#&" else re.escape(ch) for ch in word) + "$")
    found = [c for c in candidates if pattern.match(c)]
    return found[0] if len(found) == 1 else _MASK.sub("*", word)


@lru_cache(maxsize=MEMO_WORDS)
def normalize_word(surface: str) -> str:
    """The normalised form of one word (see the module docstring).

    Examples
    --------
    >>> normalize_word("IDIOTS"), normalize_word("y'all"), normalize_word("@someone")
    ('idiots', 'yall', '@user')
    """
    word = surface.lower().replace("\u2019", "'")
    if word.startswith("@") and len(word) > 1:
        return "@user"
    if word.startswith(("http", "www.")):
        return "<url>"
    word = word.replace("'", "")
    if word.isalpha():  # the usual case: letters only, so no digit, leet or mask character
        # (search first: a substitution with a template calls back into Python even when
        # nothing matches, and few words repeat a letter three times)
        return word if _REPEAT.search(word) is None else _REPEAT.sub(r"\1", word)
    if not any(ch.isalpha() for ch in word):
        return "<num>" if any(ch.isdigit() for ch in word) else word
    if not _LEET_CHARS.isdisjoint(word):
        word = word.translate(_LEET)
    word = _REPEAT.sub(r"\1", word)
    if "*" in word or "#" in word or "&" in word:
        word = _unmask(word) if word[0] not in "*#&" else _MASK.sub("*", word)
    return word


class WordSplit(NamedTuple):
    """The words of a text as plain lists (the scorer's fast path; see :func:`split_words`).

    Attributes
    ----------
    norms : list of str
        The normalised words.
    gaps : list of str
        The text before each word, then the text after the last one (``len(norms) + 1``).
    parts : list of str or None
        Gap, surface, gap, surface, ..., gap (the usual case); offsets are computed from these
        only when asked for (:meth:`tokens`).
    words : list of WordToken or None
        The tokens, when they were built anyway (texts with spaced-out letters).
    """

    norms: list[str]
    gaps: list[str]
    parts: list[str] | None
    words: list[WordToken] | None

    def tokens(self) -> list[WordToken]:
        """The words with their offsets (equal to :func:`word_tokens` of the text).

        Examples
        --------
        >>> split_words("You idiot!").tokens()
        [WordToken(start=0, end=3, norm='you'), WordToken(start=4, end=9, norm='idiot')]
        """
        if self.words is not None:
            return self.words
        ends = list(accumulate(map(len, self.parts)))  # type: ignore[arg-type]  # parts is set when words is not
        return list(map(WordToken, ends[0:-1:2], ends[1::2], self.norms))


def split_words(text: str) -> WordSplit:
    """The words of `text` as :class:`WordSplit`: the same words as :func:`word_tokens`, found
    with one regular-expression split and normalised through the per-word cache, with the
    offsets left for later (most texts never need them).

    Examples
    --------
    >>> ws = split_words("Go back, @bob!!")
    >>> ws.norms, ws.gaps
    (['go', 'back', '@user'], ['', ' ', ', ', '!!'])
    """
    if not _UNMASK:
        from discourse.incivility.features import lexicon_categories

        lexicon_categories("")
    if _SPACED_HINT.search(text) is None or _HAS_SPACED.search(text) is None:
        parts = (_PLAIN_SPLIT_ASCII if text.isascii() else _PLAIN_SPLIT).split(text)
        return WordSplit(list(map(normalize_word, parts[1::2])), parts[0::2], parts, None)
    words = word_tokens(text)
    if not words:
        return WordSplit([], [text], None, words)
    gaps = [text[: words[0].start]]
    gaps += [text[a.end : b.start] for a, b in zip(words, words[1:])]
    gaps.append(text[words[-1].end :])
    return WordSplit([t.norm for t in words], gaps, None, words)


def word_tokens(text: str) -> list[WordToken]:
    """The text's words with offsets and normalised forms; spaced-out letters joined.

    Examples
    --------
    >>> [(t.norm, text[t.start:t.end]) for text in ["Go back, @bob!!"] for t in word_tokens(text)]
    [('go', 'Go'), ('back', 'back'), ('@user', '@bob')]
    """
    if not _UNMASK:
        # the unmasking targets come from the bundled lexicons (loaded once, on first use)
        from discourse.incivility.features import lexicon_categories

        lexicon_categories("")
    norm = normalize_word
    if _SPACED_HINT.search(text) is None or _HAS_SPACED.search(text) is None:  # the usual case
        return [WordToken(m.start(), m.end(), norm(m.group())) for m in _PLAIN_WORD.finditer(text)]
    out: list[WordToken] = []
    append = out.append
    for match in _WORD.finditer(text):
        surface = match.group()
        start, end = match.span()
        if " " in surface:
            if surface[0] in "aAiI" and len(surface) >= 7:
                # 'a s t u p i d': the article, then the spaced word
                append(WordToken(start, start + 1, norm(surface[0])))
                start += 2
                surface = surface[2:]
            append(WordToken(start, end, norm(surface.replace(" ", ""))))
        else:
            append(WordToken(start, end, norm(surface)))
    return out
