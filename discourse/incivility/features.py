"""The features of the incivility models, each tied to the words it was found on.

Every feature occurrence is a name and a range of word tokens ``(first, last)``; a linear model's
score is the sum of its weights over the occurrences, so each occurrence's weight is the
contribution of those words (the evidence). Feature families (prefix of the name):

``w:``
    the normalised word (see :mod:`discourse.incivility.tokens`);
``b:``
    two adjacent words of one clause;
``c:``
    character 4-grams within a word (with ``<``/``>`` at the word's edges) that is not an
    English word (TextBlob's word list), so disguised and unseen spellings share features with
    known ones ("muzzieazzholes" shares "azzh", "hole") while dictionary words do not leak into
    each other ("night" and a slur beginning "nig");
``l:``
    the word's categories in the library's lexicons (profanity, insult, name_calling, aspersion,
    hostile, group, second_person and the dehumanisation/exclusion/threat/identity cues);
``x:``
    target cues: a second-person word followed within four words by an insult, name or
    profanity (``x:you_attack``: incivility toward an interlocutor); a group or identity noun
    within five words of a dehumanising, excluding, threatening or hostile word
    (``x:group_attack``: intolerance); ``they``/``them`` with a dehumanising or excluding word
    (``x:they_dehumanise``).

**Negation and reported speech.** Words in the scope of a negator (the next three words of the
clause after ``not``, ``never``, ``don't``...) and words that are reported rather than used (the
next four words after ``called``, ``labelled``, ``branded``, ``the word``...; a quotation after
``said``/``wrote``/``tweeted``) get their word and word-pair features under a prefix
(``w:NEG_idiot``, ``b:REP_them animals``) and no character n-gram or lexicon features, so "you
are not an idiot" and "he called them animals" do not share features with "you are an idiot"
and "they are animals"; the models learn from the data how much such words still count, and
they are never evidence spans (the writer does not use them as insults).

Examples
--------
>>> ex = extract("You are NOT an idiot, but you are a moron.")
>>> sorted({name for name, _, _ in ex.occurrences if name.startswith(("w:NEG", "x:"))})
['w:NEG_an', 'w:NEG_idiot', 'x:you_attack']
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from discourse.incivility.tokens import MEMO_WORDS, WordSplit, WordToken, normalize_word, set_unmask_words, split_words

__all__ = [
    "Extracted",
    "char_grams",
    "Skeleton",
    "extract",
    "skeleton",
    "context_features",
    "own_features",
    "lexicon_categories",
    "phrase_features",
    "token_feature_lists",
    "feature_counts",
    "document_counts",
    "replaced_own_counts",
    "LEXICON_FILES",
]

LEXICON_FILES: dict[str, str] = {
    "rhetoric_profanity": "profanity",
    "rhetoric_insults": "insult",
    "rhetoric_name_calling": "name_calling",
    "rhetoric_aspersion": "aspersion",
    "rhetoric_hostile": "hostile",
    "rhetoric_group_references": "group",
    "rhetoric_second_person": "second_person",
    "incivility_cues": "",  # the value column names the category
}
"""Bundled lexicons read as features -> their category (empty: per-entry value)."""

NEGATORS = frozenset(
    "not no never dont doesnt didnt isnt arent wasnt werent cant cannot couldnt wouldnt "
    "shouldnt hasnt havent hadnt aint wont nor neither nobody none nothing hardly".split()
)
_NAMING = frozenset("called calls labelled labeled labels branded brands dubbed termed nicknamed referred".split())
_SPEECH = frozenset("said says say wrote writes tweeted posted shouted yelled screamed chanted".split())
_WORD_NOUNS = frozenset(("word", "words", "term", "slur", "slurs", "epithet"))
_THEY = frozenset(("they", "them", "these", "those"))
_ATTACK = frozenset(("insult", "name_calling", "profanity"))
_GROUP = frozenset(("group", "identity"))
_HOSTILE = frozenset(("dehumanisation", "exclusion", "threat", "hostile", "name_calling", "insult", "profanity"))
_DEHUMANISE = frozenset(("dehumanisation", "exclusion"))
_CLAUSE_RE = re.compile(r"[.,;:!?()\[\]\"\u201c\u201d\n]")
_SENTENCE_RE = re.compile(r"[.!?\n]")
_PLACEHOLDERS = frozenset(("<num>", "<url>", "@user"))
NEGATION_WINDOW = 3
REPORT_WINDOW = 4
ATTACK_WINDOW = 4
GROUP_WINDOW = 5


class Extracted(NamedTuple):
    """The features of one text.

    Attributes
    ----------
    tokens : list of WordToken
        The words, with offsets into the text.
    scopes : list of str
        Per word: ``""``, ``"NEG_"`` (negated) or ``"REP_"`` (reported).
    occurrences : list of (str, int, int)
        Feature name and the first and last word it was found on.
    """

    tokens: list[WordToken]
    scopes: list[str]
    occurrences: list[tuple[str, int, int]]


class _Lexicons(NamedTuple):
    words: Mapping[str, tuple[str, ...]]
    phrases: Mapping[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]
    prefixes: tuple[tuple[str, tuple[str, ...]], ...]
    # the first two words of every multi-word entry
    phrase_starts: frozenset[tuple[str, ...]]  # (each a pair: a tuple slice, typed as any length)


@lru_cache(maxsize=1)
def _lexicons() -> _Lexicons:
    from discourse.lexicons import load_lexicon

    words: dict[str, set[str]] = {}
    phrases: dict[str, dict[tuple[str, ...], set[str]]] = {}
    prefixes: dict[str, set[str]] = {}
    unmask: set[str] = set()
    for name, category in LEXICON_FILES.items():
        lexicon = load_lexicon(name)
        for term, value in lexicon.entries.items():
            cat = category or value.strip()
            parts = tuple(normalize_word(w) for w in term.rstrip("*").split())
            if not parts or not cat:
                continue
            if "'" in term and len(parts) == 1 and len(parts[0]) <= 3:
                # without its apostrophe a minced form is an abbreviation or a word ('FN' for
                # First Nations, 'fin'): too ambiguous to count
                continue
            if term.endswith("*") and len(parts) == 1:
                prefixes.setdefault(parts[0], set()).add(cat)
            elif len(parts) == 1:
                words.setdefault(parts[0], set()).add(cat)
            else:
                phrases.setdefault(parts[0], {}).setdefault(parts, set()).add(cat)
            if cat in ("profanity", "insult", "name_calling") and len(parts) == 1:
                unmask.add(parts[0])
    set_unmask_words(unmask)
    return _Lexicons(
        {w: tuple(sorted(c)) for w, c in words.items()},
        {w: tuple((p, tuple(sorted(c))) for p, c in sorted(d.items())) for w, d in phrases.items()},
        tuple((p, tuple(sorted(c))) for p, c in sorted(prefixes.items())),
        frozenset(p[:2] for d in phrases.values() for p in d),
    )


@lru_cache(maxsize=1)
def _prefix_tuple() -> tuple[str, ...]:
    return tuple(prefix for prefix, _ in _lexicons().prefixes)


@lru_cache(maxsize=MEMO_WORDS)
def lexicon_categories(norm: str) -> tuple[str, ...]:
    """Lexicon categories of one normalised word (wildcard entries included).

    Examples
    --------
    >>> lexicon_categories("idiots"), lexicon_categories("fucking"), lexicon_categories("table")
    (('name_calling',), ('profanity',), ())
    """
    lex = _lexicons()
    if not norm.startswith(_prefix_tuple()):  # the usual case: no wildcard entry applies
        return lex.words.get(norm, ())
    cats = set(lex.words.get(norm, ()))
    for prefix, found in lex.prefixes:
        if norm.startswith(prefix):
            cats.update(found)
    return tuple(sorted(cats))


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    from discourse.rhetoric.engine import english_words

    return english_words().terms()


def char_grams(norm: str) -> tuple[str, ...]:
    """The character 4-grams of a normalised word, padded with ``<`` and ``>`` (the first 25
    characters); none for a placeholder or a known English word.

    Known English words are represented by themselves (their ``w:`` feature); sub-word pieces
    are for unseen and disguised spellings only, so that *night* does not share ``<nig`` with a
    slur or *such* ``<suc`` with *suck*.

    Examples
    --------
    >>> char_grams("muzz1e"), char_grams("night")
    (('<muz', 'muzz', 'uzz1', 'zz1e', 'z1e>'), ())
    """
    if norm in _PLACEHOLDERS or norm in _english():
        return ()
    padded = "<" + norm[:25] + ">"
    return tuple([padded[i : i + 4] for i in range(len(padded) - 3)])


@lru_cache(maxsize=MEMO_WORDS)
def _char_ngrams(norm: str) -> tuple[str, ...]:
    # the ``c:`` features of a word: its character 4-grams (see char_grams)
    return tuple("c:" + gram for gram in char_grams(norm))


class _GapMemo(dict):
    """Does the text between two words contain a character of `pattern` (memoised: most gaps
    are one of a few strings, ``" "``, ``", "``, ``". "``; a hit is one C-level dictionary
    look-up, cheaper than a call through ``lru_cache``; bounded)."""

    def __init__(self, pattern: re.Pattern[str], limit: int = 4096) -> None:
        super().__init__()
        self.pattern = pattern
        self.limit = limit

    def __missing__(self, gap: str) -> bool:
        found = self.pattern.search(gap) is not None
        if len(self) >= self.limit:
            self.clear()
        self[gap] = found
        return found


_ends_clause = _GapMemo(_CLAUSE_RE).__getitem__
_ends_sentence = _GapMemo(_SENTENCE_RE).__getitem__


def _gaps(gaps: list[str]) -> tuple[list[bool], list[bool]]:
    """Per gap before word i (i >= 1): does it end a clause, does it end a sentence."""
    return _clause_gaps(gaps), _sentence_gaps(gaps)


def _clause_gaps(gaps: list[str]) -> list[bool]:
    """Per gap before word i (i >= 1): does it end a clause (the first word starts one)."""
    clause = list(map(_ends_clause, gaps[:-1]))
    if clause:
        clause[0] = True
    return clause


def _sentence_gaps(gaps: list[str]) -> list[bool]:
    """Per gap before word i (i >= 1): does it end a sentence (the first word starts one)."""
    sentence = list(map(_ends_sentence, gaps[:-1]))
    if sentence:
        sentence[0] = True
    return sentence


_RANGE = itemgetter(1, 2)
_TRIGGERS = NEGATORS | _NAMING | _WORD_NOUNS | _SPEECH


def _scopes(norms: list[str], gaps: list[str], clause: list[bool]) -> list[str]:
    n = len(norms)
    scopes = [""] * n
    if _TRIGGERS.isdisjoint(norms):  # the usual case: nothing negated or reported
        return scopes
    for i in compress(range(n), map(_TRIGGERS.__contains__, norms)):
        norm = norms[i]
        window = 0
        prefix = ""
        if norm in NEGATORS:
            window, prefix = NEGATION_WINDOW, "NEG_"
        elif norm in _NAMING or (norm in _WORD_NOUNS and i and norms[i - 1] == "the"):
            window, prefix = REPORT_WINDOW, "REP_"
        elif norm in _SPEECH and i + 1 < n and '"' in gaps[i + 1].replace("\u201c", '"'):
            # a quotation right after a verb of saying: up to its closing mark (at most 12 words)
            for k in range(i + 1, min(n, i + 13)):
                scopes[k] = scopes[k] or "REP_"
                after = gaps[k + 1]  # the text after word k (to the next word or the end)
                if '"' in after or "\u201d" in after:
                    break
            continue
        if not window:
            continue
        for k in range(i + 1, min(n, i + 1 + window)):
            if clause[k] or norms[k] == "but":
                break
            if not scopes[k]:
                scopes[k] = prefix
    return scopes


class Skeleton(NamedTuple):
    """The words of a text with everything but their own unscoped features (see :func:`extract`).

    Attributes
    ----------
    tokens, scopes
        As in :class:`Extracted`.
    extras : list of (str, int, int)
        Occurrences that depend on context: the own features of scoped words, word pairs,
        multi-word lexicon entries and target cues.
    """

    tokens: list[WordToken]
    scopes: list[str]
    extras: list[tuple[str, int, int]]


@lru_cache(maxsize=MEMO_WORDS)
def own_features(norm: str) -> tuple[str, ...]:
    """The features of an unscoped word by itself: ``w:``, ``c:`` and ``l:`` (cached).

    Examples
    --------
    >>> own_features("idiot"), own_features("muzzie")[:3]
    (('w:idiot', 'l:name_calling'), ('w:muzzie', 'c:<muz', 'c:muzz'))
    """
    return ("w:" + norm,) + _char_ngrams(norm) + tuple("l:" + c for c in lexicon_categories(norm))


def skeleton(text: str) -> Skeleton:
    """Words, scopes and the context-dependent occurrences of `text` (the fast path of scoring:
    the own features of unscoped words are looked up per distinct word).

    Examples
    --------
    >>> sk = skeleton("you idiot")
    >>> sk.extras
    [('b:you idiot', 0, 1), ('x:you_attack', 0, 1)]
    """
    ws = split_words(text)
    scopes, extras = context_features(ws)
    return Skeleton(ws.tokens(), scopes, extras)


def context_features(ws: WordSplit) -> tuple[list[str], list[tuple[str, int, int]]]:
    """The scopes of the words of `ws` and the occurrences that depend on context (see
    :class:`Skeleton`), in the order :func:`skeleton` lists them; offsets are not needed.

    Examples
    --------
    >>> scopes, extras = context_features(split_words("not an idiot"))
    >>> scopes, extras[:2]
    (['', 'NEG_', 'NEG_'], [('b:NEG_not an', 0, 1), ('w:NEG_an', 1, 1)])
    """
    norms = ws.norms
    clause, sentence = _gaps(ws.gaps)
    scopes = _scopes(norms, ws.gaps, clause)
    cats_at = list(map(lexicon_categories, norms))
    if not any(scopes):
        occ = [("b:" + a + " " + b, i, i + 1) for i, (a, b) in enumerate(zip(norms, norms[1:])) if not clause[i + 1]]
    else:
        # a negated or reported word keeps only its own word feature (learned from the data);
        # its lexicon categories are for words used, not negated or mentioned
        own = [("w:" + scope + norm, i, i) for i, (norm, scope) in enumerate(zip(norms, scopes)) if scope]
        for _, i, _ in own:
            cats_at[i] = ()
        pairs = [
            ("b:" + (s or t) + a + " " + b, i, i + 1)
            for i, (a, b, s, t) in enumerate(zip(norms, norms[1:], scopes, scopes[1:]))
            if not clause[i + 1]
        ]
        # word i's own feature, then its pair with word i + 1 (a stable merge of two sorted runs)
        occ = sorted(own + pairs, key=_RANGE)
    occ += phrase_features(norms, scopes, clause, cats_at)
    occ += _cues(norms, scopes, cats_at, sentence)
    return scopes, occ


def phrase_features(
    norms: list[str], scopes: list[str], clause: list[bool], cats_at: list[tuple[str, ...]]
) -> list[tuple[str, int, int]]:
    """The occurrences of multi-word lexicon entries ('go back', 'you people', 'out of here')
    within a clause and outside negation or report; their categories are added to `cats_at` (in
    place) for the target cues.

    Examples
    --------
    >>> norms = ["go", "back", "home"]
    >>> cats = [(), (), ()]
    >>> phrase_features(norms, [""] * 3, [True, False, False], cats), cats[0]
    ([('l:exclusion', 0, 1), ('l:hostile', 0, 1)], ('exclusion', 'hostile'))
    """
    lexicons = _lexicons()
    phrases = lexicons.phrases
    occ: list[tuple[str, int, int]] = []
    # the usual case: no two adjacent words begin an entry (the pairs are made and checked in
    # C; most texts have a word that begins one, 'the' or 'you', but few have the pair)
    if phrases.keys().isdisjoint(norms) or lexicons.phrase_starts.isdisjoint(zip(norms, norms[1:])):
        return occ
    n = len(norms)
    for i in compress(range(n), map(phrases.__contains__, norms)):
        for words, cats in phrases[norms[i]]:
            k = len(words)
            # (every entry has two words or more: the second word rules most out without a slice)
            if (
                i + 1 < n
                and norms[i + 1] == words[1]
                and tuple(norms[i : i + k]) == words
                and not any(clause[i + 1 : i + k])
                and not any(scopes[i : i + k])
            ):
                occ.extend(("l:" + c, i, i + k - 1) for c in cats)
                for j in range(i, i + k):
                    cats_at[j] = tuple(sorted(set(cats_at[j]) | set(cats)))
    return occ


def extract(text: str) -> Extracted:
    """The words of `text`, their scopes and every feature occurrence.

    Examples
    --------
    >>> ex = extract("Send them back")
    >>> [name for name, i, j in ex.occurrences if name.startswith(("l:", "x:"))]
    ['l:exclusion', 'x:they_dehumanise']
    """
    sk = skeleton(text)
    occ: list[tuple[str, int, int]] = []
    for i, (tok, scope) in enumerate(zip(sk.tokens, sk.scopes)):
        if not scope:
            occ.extend((f, i, i) for f in own_features(tok.norm))
    return Extracted(sk.tokens, sk.scopes, occ + sk.extras)


def _any_hostile(cats_at: list[tuple[str, ...]]) -> bool:
    """Does a word have a category of _HOSTILE, which every target cue's other end needs
    (_ATTACK and _DEHUMANISE are parts of it)? Most texts have none: then no cue is looked for
    (checked in C over the words with categories)."""
    return not all(map(_HOSTILE.isdisjoint, compress(cats_at, cats_at)))


def _cues(norms, scopes, cats_at, sentence) -> list[tuple[str, int, int]]:
    if not _any_hostile(cats_at):
        return []
    n = len(norms)
    out = []
    # only words with a lexicon category (`tagged`) can be the other end of a cue, and only
    # they or 'they'/'them' can start one (found in C; a scoped word has no categories); the
    # windows below visit the tagged words in them, in order (most words have no category)
    tagged = list(compress(range(n), cats_at))
    starts = tagged
    if not _THEY.isdisjoint(norms):
        starts = sorted(set(tagged).union(compress(range(n), map(_THEY.__contains__, norms))))
    for i in starts:
        if scopes[i]:
            continue
        cats = cats_at[i]
        if "second_person" in cats:
            # the first attack word within the next ATTACK_WINDOW words of the sentence
            for k in tagged[bisect_right(tagged, i) : bisect_right(tagged, i + ATTACK_WINDOW)]:
                if any(sentence[i + 1 : k + 1]):
                    break  # (and every later word is past the sentence's end too)
                if not scopes[k] and not _ATTACK.isdisjoint(cats_at[k]):
                    out.append(("x:you_attack", i, k))
                    break
        group = not _GROUP.isdisjoint(cats)
        they = norms[i] in _THEY
        if group or they:
            wanted = _HOSTILE if group else _DEHUMANISE
            best: int | None = None  # the nearest wanted word
            # the nearest wanted word within GROUP_WINDOW words either side, in the sentence
            # (the earlier one of two as near)
            for k in tagged[bisect_left(tagged, i - GROUP_WINDOW) : bisect_right(tagged, i + GROUP_WINDOW)]:
                if k == i or scopes[k] or wanted.isdisjoint(cats_at[k]):
                    continue
                lo, hi = min(i, k), max(i, k)
                if any(sentence[lo + 1 : hi + 1]):
                    continue
                if best is None or abs(k - i) < abs(best - i):
                    best = k
            if best is not None:
                name = "x:group_attack" if group else "x:they_dehumanise"
                out.append((name, min(i, best), max(i, best)))
    return out


def token_feature_lists(ex: Extracted, *, context: bool = True) -> list[list[str]]:
    """Per word: the features found on it (ranges spanning it included) and, with `context`,
    its neighbours' words (``p:``/``n:``). The span and kind models read these.

    Examples
    --------
    >>> lists = token_feature_lists(extract("you idiot"))
    >>> "x:you_attack" in lists[1], "p:you" in lists[1]
    (True, True)
    """
    n = len(ex.tokens)
    lists: list[list[str]] = [[] for _ in range(n)]
    for name, i, j in ex.occurrences:
        for k in range(i, j + 1):
            lists[k].append(name)
    if context:
        norms = [t.norm for t in ex.tokens]
        for k in range(n):
            lists[k].append("p:" + (norms[k - 1] if k else "<s>"))
            lists[k].append("n:" + (norms[k + 1] if k + 1 < n else "</s>"))
    return lists


def feature_counts(occurrences: Iterable[tuple[str, int, int]]) -> dict[str, int]:
    """Feature -> number of occurrences.

    Examples
    --------
    >>> feature_counts([("w:a", 0, 0), ("w:a", 2, 2)])
    {'w:a': 2}
    """
    counts: dict[str, int] = {}
    for name, _, _ in occurrences:
        counts[name] = counts.get(name, 0) + 1
    return counts


def document_counts(sk: Skeleton) -> dict[str, int]:
    """The document models' input: each feature's number of distinct words carrying it.

    A word repeated in a text counts once (so a long comment that names "Chinese" five times
    is not five times as intolerant); different words sharing a feature count separately
    ("idiot", "idiotic"); context features (pairs, phrases, cues, scoped words) count once.

    Examples
    --------
    >>> document_counts(skeleton("idiot idiot idiotic"))["l:name_calling"]
    1
    """
    counts: dict[str, int] = {}
    for norm in {t.norm for t, scope in zip(sk.tokens, sk.scopes) if not scope}:
        for name in own_features(norm):
            counts[name] = counts.get(name, 0) + 1
    # a context feature counts once in all: it replaces the count of the words that carry the
    # same feature by themselves (a phrase category such as 'you people' -> l:second_person
    # that 'you' also has); scoring corrects its sums by replaced_own_counts
    for name, _, _ in sk.extras:
        counts[name] = 1
    return counts


def replaced_own_counts(context_names: Iterable[str], norms: Iterable[str]) -> dict[str, int]:
    """Of the context features `context_names`, those that are also own features of some of the
    distinct unscoped words `norms`, with the number of such words.

    :func:`document_counts` counts such a feature once in all (the context occurrence replaces
    the words' count), so a scorer that sums every distinct word's own weights and then each
    context feature's weight once must take the feature's weight this many times off. Only
    multi-word lexicon entries can collide (an ``l:`` category that one of the entry's words, or
    another word of the text, also has): pairs, scoped words and cues have names no word's own
    features have.

    Examples
    --------
    >>> sk = skeleton("you people")
    >>> replaced_own_counts([n for n, _, _ in sk.extras], ["you", "people"])
    {'l:second_person': 1}
    >>> document_counts(sk)["l:second_person"]
    1
    """
    wanted = {name for name in context_names if name.startswith("l:")}
    if not wanted:
        return {}
    out: dict[str, int] = {}
    for norm in set(norms):
        for cat in lexicon_categories(norm):
            name = "l:" + cat
            if name in wanted:
                out[name] = out.get(name, 0) + 1
    return dict(sorted(out.items()))
