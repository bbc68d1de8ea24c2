"""User dictionaries: LIWC-style ``.dic`` files and plain word lists, matched on shared tokens.

Researchers often own or license dictionaries (LIWC, the Moral Foundations Dictionary, their own
coding schemes). The library never ships them; :func:`read_dic` reads them from the user's disk
and :meth:`UserDictionary.apply` counts their categories in a text like any built-in feature,
with the character spans of every hit. A dictionary file is *data only*: nothing in it is ever
evaluated or executed.

Two formats are read:

LIWC-style ``.dic``
    A header between two lines holding ``%``, declaring numbered categories
    (``1<TAB>posemo``), then one entry per line: a term (a word or a phrase; a final ``*`` matches
    any ending) followed by the numbers of its categories. LIWC2007's conditional entries such as
    ``like<TAB>(02 134)126 253`` are accepted: the plain numbers always apply, the number after
    the parenthesis only when the previous word belongs to one of the categories inside it.
Plain word list
    One term per line, optionally ``term<TAB>category``; lines starting with ``#`` are comments
    or ``# key: value`` provenance fields. Terms without a category belong to one category named
    after the dictionary.

Malformed files raise :class:`~discourse.errors.LexiconError` naming the file and line.

:class:`TermMatcher` is the matching engine shared with :mod:`discourse.rhetoric`: terms are
tokenised with the library's own tokeniser, so a phrase in a word list matches exactly the token
sequence the text layer produces, and lookups go through a per-word cache (linear in the number
of tokens, whatever the number of terms).

Examples
--------
>>> d = parse_dic("%\\n1\\tpos\\n2\\tneg\\n%\\ngood\\t1\\nbad*\\t2\\nnot good\\t2\\n", name="demo")
>>> d.categories
('pos', 'neg')
>>> hits = d.apply("Good news, not good, badly done.")
>>> {c: [s for s, e in spans] for c, spans in hits.items()}
{'pos': [0], 'neg': [11, 21]}
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress
from operator import itemgetter
from pathlib import Path
from types import MappingProxyType
from typing import Any

from discourse.errors import LexiconError
from discourse.lexicons import provenance_record
from discourse.text import Doc, as_doc

__all__ = ["TermMatcher", "UserDictionary", "read_dic", "parse_dic", "term_tokens"]

_CACHE_LIMIT = 200_000  # distinct words remembered per matcher before the cache is reset
_LONGEST_CACHED_WORD = 64


def term_tokens(term: str) -> tuple[str, ...]:
    """Split a lexicon term into the lower-case tokens the text layer would produce.

    Examples
    --------
    >>> term_tokens("Let's go")
    ('let', "'s", 'go')
    >>> term_tokens("so-called")
    ('so-called',)
    """
    return tuple(t.lower for t in Doc(term).tokens)


class TermMatcher:
    """Find every occurrence of a set of terms in a token sequence.

    Parameters
    ----------
    terms : iterable of (str, hashable)
        ``(term, payload)`` pairs. A term is a word or phrase; a single final ``*`` makes its
        last word a prefix (``elit*`` matches *elite*, *elites*, *elitist*). The payload is
        returned with each match (a category, a feature id...).

    Notes
    -----
    Matching is a single left-to-right pass over the tokens. Each distinct word is resolved once
    (exact terms, then wildcard prefixes) and remembered, so the cost per token is one
    dictionary lookup; phrases are indexed by their first two words, so a frequent first word
    ("the") costs one more lookup, not one comparison per phrase. At each position, longer terms
    come first.

    Examples
    --------
    >>> m = TermMatcher([("deep state", "c"), ("state", "s"), ("elit*", "e")])
    >>> m.match(["the", "deep", "state", "elites"])
    [(1, 3, 'c'), (2, 3, 's'), (3, 4, 'e')]
    """

    def __init__(self, terms: Iterable[tuple[str, Hashable]]) -> None:
        # An entry is (tokens, wild, payload); grouped by first token, or by prefix length for
        # single-word wildcards.
        first: dict[str, list[tuple[tuple[str, ...], bool, Hashable]]] = {}
        wild_first: dict[int, dict[str, list[tuple[tuple[str, ...], bool, Hashable]]]] = {}
        for term, payload in terms:
            tokens, wild = _split_term(term)
            if not tokens:
                continue
            entry = (tokens, wild, payload)
            if wild and len(tokens) == 1:
                wild_first.setdefault(len(tokens[0]), {}).setdefault(tokens[0], []).append(entry)
            else:
                first.setdefault(tokens[0], []).append(entry)
        self._first = first
        self._wild_first = wild_first
        self._wild_lengths = tuple(sorted(wild_first))
        self._cache = _ResolvedWords(self._resolve)

    def _resolve(self, word: str) -> Any:
        """``(singles, by_second, loose)`` for a word, or ``()`` if no term starts with it.

        `singles` are the payloads of one-word terms; `by_second` maps a second word to the
        phrases ``(length, rest after the second word, wild, payload)`` starting with the two;
        `loose` holds two-word phrases whose second word is a wildcard prefix. A word that only
        starts phrases ("the", "of": the most frequent case) resolves to `by_second` alone, a
        dict, which :meth:`match` checks with one lookup of the next word.
        """
        found = list(self._first.get(word, ()))
        for size in self._wild_lengths:
            if size > len(word):
                break
            found.extend(self._wild_first[size].get(word[:size], ()))
        resolved: tuple[Any, ...] = ()
        if found:
            singles = tuple(payload for tokens, _, payload in found if len(tokens) == 1)
            by_second: dict[str, list[tuple[int, tuple[str, ...], bool, Hashable]]] = {}
            loose = []
            for tokens, wild, payload in found:
                if len(tokens) == 1:
                    continue
                if wild and len(tokens) == 2:
                    loose.append((tokens[1], payload))
                else:
                    by_second.setdefault(tokens[1], []).append(
                        (len(tokens), tokens[2:], wild, payload)
                    )
            for entries in by_second.values():
                entries.sort(key=lambda e: -e[0])
            seconds = {k: tuple(v) for k, v in by_second.items()} or None
            if seconds is not None and not singles and not loose:
                resolved = seconds  # type: ignore[assignment]  # phrases only: the mapping itself stands for the entry
            else:
                resolved = (singles, seconds, tuple(loose))
        if len(word) <= _LONGEST_CACHED_WORD:
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[word] = resolved
        return resolved

    def match(self, lowers: Sequence[str]) -> list[tuple[int, int, Hashable]]:
        """All matches as ``(first token, last token + 1, payload)``, in order of position.

        Parameters
        ----------
        lowers : sequence of str
            Lower-case token texts (``[t.lower for t in doc.tokens]``).
        """
        n = len(lowers)
        if n > 1:
            # every word looked up in one C call; a word never seen resolves via __missing__
            found = itemgetter(*lowers)(self._cache)
        elif n == 1:
            found = (self._cache[lowers[0]],)
        else:
            return []
        out: list[tuple[int, int, Hashable]] = []
        for i in compress(range(n), found):
            entry = found[i]
            if entry.__class__ is dict:  # the word only starts phrases
                if i + 1 < n:
                    phrases = entry.get(lowers[i + 1])
                    if phrases:
                        _add_phrases(lowers, i, phrases, out)
                continue
            singles, by_second, loose = entry
            if i + 1 < n:
                if by_second is not None:
                    phrases = by_second.get(lowers[i + 1])
                    if phrases:
                        _add_phrases(lowers, i, phrases, out)
                if loose:
                    following = lowers[i + 1]
                    for prefix, payload in loose:
                        if following.startswith(prefix):
                            out.append((i, i + 2, payload))
            for payload in singles:
                out.append((i, i + 1, payload))
        return out


def _add_phrases(
    lowers: Sequence[str], i: int, phrases: Sequence[tuple[int, tuple[str, ...], bool, Hashable]], out: list
) -> None:
    """Append ``(i, stop, payload)`` for each phrase (``length, rest, wild, payload``; its first
    two words already matched at `i`) whose remaining words follow in `lowers`; with `wild`,
    the last word is a prefix."""
    n = len(lowers)
    for length, rest, wild, payload in phrases:
        stop = i + length
        if stop > n:
            continue
        if rest:
            if wild:
                if tuple(lowers[i + 2 : stop - 1]) != rest[:-1] or not lowers[stop - 1].startswith(rest[-1]):
                    continue
            elif tuple(lowers[i + 2 : stop]) != rest:
                continue
        out.append((i, stop, payload))


class _ResolvedWords(dict):
    """Word -> its resolved terms (see :meth:`TermMatcher._resolve`), resolved on first lookup."""

    __slots__ = ("_resolve",)

    def __init__(self, resolve: Any) -> None:
        super().__init__()
        self._resolve = resolve

    def __missing__(self, word: str) -> Any:
        return self._resolve(word)  # stores the entry (unless the word is very long)


def _split_term(term: str) -> tuple[tuple[str, ...], bool]:
    """Tokens of a term and whether its last token is a prefix (final ``*``)."""
    term = term.strip()
    wild = term.endswith("*") and not term.endswith("**") and len(term) > 1
    tokens = list(term_tokens(term[:-1] if wild else term))
    if wild and tokens and tokens[-1][-1:].isalnum():
        return tuple(tokens), True
    if wild:  # "*" after punctuation: treat the star literally
        return term_tokens(term), False
    return tuple(tokens), False


# -- user dictionaries ------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")
_CONDITIONAL = re.compile(r"\(([\d,]+)\)(\d+)")
_PAREN_GROUP = re.compile(r"\(([^()]{0,200})\)")
_MAX_LINE = 10_000


@dataclass(frozen=True)
class UserDictionary:
    """A user's dictionary: categories and the terms that belong to them.

    Attributes
    ----------
    name : str
        Short name; features from it are reported as ``"name:category"``.
    categories : tuple of str
        Category names in file order.
    entries : mapping of str to tuple of str
        Term -> the categories it always counts for.
    conditional : mapping of str to tuple of (tuple of str, str)
        Term -> ``(categories of the previous word, category)`` pairs (LIWC2007 conditional
        entries); empty for most dictionaries.
    meta : mapping of str to str
        ``# key: value`` fields of a word list (source, licence...).
    sha256 : str
        Hash of the file's bytes.
    path : str or None
        Where it was read from.

    Examples
    --------
    >>> d = parse_dic("elite*\\nestablishment\\n", name="antielite")
    >>> d.categories, d.info()["entries"]
    (('antielite',), '2')
    """

    name: str
    categories: tuple[str, ...]
    entries: Mapping[str, tuple[str, ...]]
    conditional: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]] = field(
        default_factory=dict
    )
    meta: Mapping[str, str] = field(default_factory=dict)
    sha256: str = ""
    path: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        # Plain data only (read-only mappings and the compiled matcher are rebuilt), so a
        # dictionary can be sent to worker processes.
        return (
            _rebuild,
            (
                self.name,
                self.categories,
                dict(self.entries),
                dict(self.conditional),
                dict(self.meta),
                self.sha256,
                self.path,
            ),
        )

    def info(self) -> dict[str, str]:
        """Provenance record (same keys as :meth:`discourse.lexicons.Lexicon.info`).

        Examples
        --------
        >>> parse_dic("a\\n", name="x").info()["name"]
        'x'
        """
        return provenance_record(
            self.name,
            self.path,
            self.sha256,
            self.meta,
            len(self.entries) + len(self.conditional),
            default="user-supplied",
        )

    @cached_property
    def matcher(self) -> TermMatcher:
        """The compiled matcher (built on first use)."""
        pairs: list[tuple[str, Hashable]] = []
        for term, cats in self.entries.items():
            pairs.extend((term, ("always", cat, ())) for cat in cats)
        for term, conds in self.conditional.items():
            pairs.extend((term, ("if", cat, prev)) for prev, cat in conds)
        return TermMatcher(pairs)

    def apply(self, text_or_doc: str | Doc) -> dict[str, list[tuple[int, int]]]:
        """Character spans of the hits of each category (every category present, maybe empty).

        Matching is greedy and longest-first: where a phrase matches (``not good``), its words
        are not matched again on their own (``good``); every category of the matched term
        counts once.

        Examples
        --------
        >>> d = parse_dic("%\\n1 a\\n2 b\\n%\\nkind of 1\\nkind 1 2\\n", name="x")
        >>> d.apply("kind of nice, kind")
        {'a': [(0, 7), (14, 18)], 'b': [(14, 18)]}
        """
        doc = as_doc(text_or_doc)
        tokens = doc.tokens
        lowers = [t.lower for t in tokens]
        matches = self.matcher.match(lowers)
        out: dict[str, list[tuple[int, int]]] = {c: [] for c in self.categories}
        if not matches:
            return out
        cats_ending: dict[int, set[str]] = {}  # token index after a match -> its categories
        taken_until = 0
        chosen_start = -1
        chosen_stop = -1
        kind: str  # each match's payload: ("always" or "if", category, categories required before)
        cat: str
        prev: tuple[str, ...]
        for start, stop, (kind, cat, prev) in matches:  # type: ignore[misc]  # a payload is typed Hashable; here a triple
            if start < taken_until and not (start == chosen_start and stop == chosen_stop):
                continue  # inside a longer match already taken
            if kind == "if" and not any(p in cats_ending.get(start, ()) for p in prev):
                continue
            if start != chosen_start or stop != chosen_stop:
                chosen_start, chosen_stop, taken_until = start, stop, stop
            span = (tokens[start].start, tokens[stop - 1].end)
            if not out[cat] or out[cat][-1] != span:
                out[cat].append(span)
                cats_ending.setdefault(stop, set()).add(cat)
        return out


def _rebuild(name, categories, entries, conditional, meta, sha256, path) -> UserDictionary:
    return UserDictionary(
        name,
        tuple(categories),
        MappingProxyType(entries),
        MappingProxyType(conditional),
        MappingProxyType(meta),
        sha256,
        path,
    )


def read_dic(
    path: str | os.PathLike[str], *, name: str | None = None, encoding: str = "utf-8"
) -> UserDictionary:
    """Read a LIWC-style ``.dic`` file or a plain word list (the format is detected).

    Parameters
    ----------
    path : str or path-like
        The file.
    name : str, optional
        Name of the dictionary (default: the file's stem).
    encoding : str
        Text encoding (a UTF-8 byte-order mark is ignored).

    Raises
    ------
    LexiconError
        If the file cannot be read or is malformed; the message names file and line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "mine.dic"
    >>> _ = f.write_text("%\\n1\\tthreat\\n%\\ndanger*\\t1\\n", encoding="utf-8")
    >>> read_dic(f).apply("Dangerous times.")
    {'threat': [(0, 9)]}
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read dictionary ({exc.strerror or exc})") from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LexiconError(
            f"{path}:{line}: not valid {encoding} (byte {exc.start}); save the file as UTF-8"
        ) from None
    except LookupError:
        raise LexiconError(f"{path}: unknown encoding {encoding!r}") from None
    return parse_dic(
        text.lstrip("\ufeff"),
        name=name or path.stem,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def parse_dic(
    text: str, *, name: str, path: str | None = None, sha256: str = ""
) -> UserDictionary:
    """Parse dictionary text (LIWC-style if the first content line is ``%``, else a word list).

    Raises
    ------
    LexiconError
        If the text is malformed; the message names the source (`path` or `name`) and line.

    Examples
    --------
    >>> parse_dic("%\\n1 we\\n%\\nwe 1\\nus 1\\n", name="pron").entries["us"]
    ('we',)
    """
    where = path or name
    lines = text.splitlines()
    digest = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    for number, raw in enumerate(lines, 1):
        if len(raw) > _MAX_LINE:
            raise LexiconError(f"{where}:{number}: line longer than {_MAX_LINE} characters")
    first = next((line.strip() for line in lines if line.strip()), "")
    if first == "%":
        return _parse_liwc(lines, name=name, where=where, path=path, sha256=digest)
    return _parse_wordlist(lines, name=name, where=where, path=path, sha256=digest)


def _check_term(term: str, where: str, number: int) -> str:
    term = " ".join(term.lower().split())
    if not term:
        raise LexiconError(f"{where}:{number}: empty term")
    stars = term.count("*")
    if stars and not (stars == 1 and term.endswith("*") and len(term) > 1):
        raise LexiconError(
            f"{where}:{number}: '*' may only end a term (a wildcard), got {term!r}"
        )
    if not term_tokens(term.rstrip("*")):
        raise LexiconError(f"{where}:{number}: term {term!r} has no word in it")
    return term


def _parse_liwc(
    lines: Sequence[str], *, name: str, where: str, path: str | None, sha256: str
) -> UserDictionary:
    ids: dict[str, str] = {}
    order: list[str] = []
    number = 0
    state = "before"
    entries: dict[str, list[str]] = {}
    conditional: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        if state == "before":
            state = "header"  # the first content line is the opening "%"
            continue
        if state == "header":
            if line == "%":
                state = "words"
                if not ids:
                    raise LexiconError(f"{where}:{number}: no category declared in the header")
                continue
            parts = line.split(None, 2)
            if len(parts) < 2 or not _DIGITS.fullmatch(parts[0]):
                raise LexiconError(
                    f"{where}:{number}: expected a category line '<number> <name>', got {raw!r}"
                )
            key = str(int(parts[0]))
            if key in ids:
                raise LexiconError(f"{where}:{number}: category {parts[0]} is declared twice")
            ids[key] = parts[1]
            if parts[1] in order:
                raise LexiconError(f"{where}:{number}: category name {parts[1]!r} is used twice")
            order.append(parts[1])
            continue
        term, fields = _split_entry(raw)
        if not fields:
            raise LexiconError(
                f"{where}:{number}: entry {raw.strip()!r} has no category numbers "
                "(expected 'term<TAB>1 2 ...')"
            )
        term = _check_term(term, where, number)
        for item in fields:
            cond = _CONDITIONAL.fullmatch(item)
            if cond:
                prev = tuple(_category(ids, c, where, number) for c in cond.group(1).split(",") if c)
                target = _category(ids, cond.group(2), where, number)
                conditional.setdefault(term, []).append((prev, target))
            elif _DIGITS.fullmatch(item):
                cat = _category(ids, item, where, number)
                if cat not in entries.setdefault(term, []):
                    entries[term].append(cat)
            else:
                raise LexiconError(
                    f"{where}:{number}: {item!r} is not a category number in entry {raw.strip()!r}"
                )
    if state != "words":
        raise LexiconError(
            f"{where}:{number}: the category header is not closed (a line with '%' must follow "
            "the category lines)"
        )
    return UserDictionary(
        name,
        tuple(order),
        MappingProxyType({t: tuple(c) for t, c in entries.items()}),
        MappingProxyType({t: tuple(c) for t, c in conditional.items()}),
        MappingProxyType({}),
        sha256,
        path,
    )


def _category(ids: Mapping[str, str], number: str, where: str, line: int) -> str:
    key = str(int(number))
    if key not in ids:
        declared = ", ".join(sorted(ids, key=int))
        raise LexiconError(
            f"{where}:{line}: category {number} is not declared in the header (declared: {declared})"
        )
    return ids[key]


def _split_entry(raw: str) -> tuple[str, list[str]]:
    """Term and category fields of a LIWC entry line (tab-separated or whitespace-separated)."""
    line = _PAREN_GROUP.sub(lambda m: "(" + ",".join(m.group(1).split()) + ")", raw.strip())
    if "\t" in line:
        first, _, rest = line.partition("\t")
        return first.strip(), rest.split()
    parts = line.split()
    cut = len(parts)
    while cut > 1 and (_DIGITS.fullmatch(parts[cut - 1]) or _CONDITIONAL.fullmatch(parts[cut - 1])):
        cut -= 1
    return " ".join(parts[:cut]), parts[cut:]


def _parse_wordlist(
    lines: Sequence[str], *, name: str, where: str, path: str | None, sha256: str
) -> UserDictionary:
    meta: dict[str, str] = {}
    entries: dict[str, list[str]] = {}
    order: list[str] = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep and key.strip() and " " not in key.strip():
                meta[key.strip().lower()] = value.strip()
            continue
        if line == "%":
            raise LexiconError(
                f"{where}:{number}: a '%' line inside a word list; a LIWC-style .dic file must "
                "start with '%'"
            )
        parts = raw.split("\t")
        if len(parts) > 2:
            raise LexiconError(
                f"{where}:{number}: expected 'term' or 'term<TAB>category', got {raw.strip()!r}"
            )
        term = _check_term(parts[0], where, number)
        cat = parts[1].strip() if len(parts) == 2 and parts[1].strip() else name
        if cat not in order:
            order.append(cat)
        if cat not in entries.setdefault(term, []):
            entries[term].append(cat)
    if not entries:
        raise LexiconError(f"{where}: the word list has no entries")
    return UserDictionary(
        name,
        tuple(order),
        MappingProxyType({t: tuple(c) for t, c in entries.items()}),
        MappingProxyType({}),
        MappingProxyType(meta),
        sha256,
        path,
    )
