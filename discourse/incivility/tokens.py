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
from typing import NamedTuple

__all__ = ["WordToken", "word_tokens", "normalize_word", "set_unmask_words"]

# A word: letters, digits and, inside it, the characters people use to disguise letters
# ('f*ck', 's#!t', 'a$$'); or three or more single letters separated by single spaces
# ('s t u p i d'). Edges are letters, digits, '$' or a leading '@', so punctuation around a
# word ('idiot!!!', "'quoted'") is not part of it.
_PLAIN = r"@?[^\W_](?:[\w@$*#&!'\u2019\-]*[^\W_]|[\w@$*#&!'\u2019\-]*\$)?"
_SPACED = r"(?<![\w@$*#&!'\u2019\-])[A-Za-z](?: [A-Za-z]){2,}(?![\w@$*#&!'\u2019\-])"
_WORD = re.compile(_SPACED + "|" + _PLAIN)
_PLAIN_WORD = re.compile(_PLAIN)
_HAS_SPACED = re.compile(_SPACED)
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
_REPEAT = re.compile(r"([a-z])\1{2,}")
_MASK = re.compile(r"[*#&]")
_UNMASK: dict[tuple[int, str], tuple[str, ...]] = {}


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


@lru_cache(maxsize=200_000)
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
    has_letter = any(ch.isalpha() for ch in word)
    if not has_letter:
        return "<num>" if any(ch.isdigit() for ch in word) else word
    if any(ch in "013457@$!" for ch in word):
        word = word.translate(_LEET)
    word = _REPEAT.sub(r"\1", word)
    if "*" in word or "#" in word or "&" in word:
        word = _unmask(word) if word[0] not in "*#&" else _MASK.sub("*", word)
    return word


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
    if _HAS_SPACED.search(text) is None:  # the usual case: no spaced-out letters
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
