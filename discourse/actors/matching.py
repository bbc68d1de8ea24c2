"""Mention matching: every alias of a registry compiled into a token trie, found with spans.

The matcher walks the shared tokens of a :class:`~discourse.text.Doc` once, with one dictionary
look-up per token (most tokens start no alias and cost nothing more).

Matching rules (see ``docs/guide/actors.md``):

* aliases are tokenised like the text, so "U.S." is one token and "Russia's" is
  ``Russia`` + ``'s`` (possessives are found and flagged); hyphenated words and words glued in
  scraping (``US-backed``, ``CongoMaliSyria``) are matched piece by piece, never inside a word;
* the longest alias wins at each position ("Syrian Army" before "Syrian"); a leading title or
  "the" of an alias is matched but left out of the span ("President Trump" is a mention of
  Trump spanning "Trump", with alias "President Trump");
* accents are ignored on both sides ("Orbán" = "Orban", "Erdoğan" = "Erdogan");
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

import re
import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache, partial
from itertools import compress
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from discourse.errors import LexiconError
from discourse.model import Span
from discourse.text import Doc, Token

if TYPE_CHECKING:  # pragma: no cover - only for type hints (registry imports this module)
    from discourse.actors.registry import Actor, ActorRegistry, Alias

__all__ = ["Mention", "AliasMatcher", "find_mentions", "is_caseless", "fold_accents", "alias_key"]

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
    lead: int = 0  # leading title/determiner pieces left out of the span ("President" of "President Trump")


# The trie stores each entry as a plain tuple with the fields of _Entry in order (a plain tuple is
# untracked by the garbage collector, a named tuple never is: see AliasMatcher.__init__), read
# back at these positions.
_CHECKS, _ACTOR_ID, _ALIAS, _FORM, _SHOUT_GUARD, _SIZE, _LEAD = (
    _Entry._fields.index(name) for name in ("checks", "actor_id", "alias", "form", "shout_guard", "size", "lead")
)
# Such a stored entry, as the walk sees it (the positions above are computed, so a checker cannot
# tell the field types apart).
_Stored = tuple[Any, ...]


@lru_cache(maxsize=65536)
def fold_accents(word: str) -> str:
    """A lower-case word without accents, the form aliases and text are compared in, so that
    "Orbán" matches "Orban" and "Erdoğan" matches "Erdogan" (either way round). Letters that do
    not decompose ("ø", "ł", "ß") are kept.

    Examples
    --------
    >>> fold_accents("orbán"), fold_accents("erdoğan"), fold_accents("łódź")
    ('orban', 'erdogan', 'łodz')
    """
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", folded)


def alias_key(text: str) -> str:
    """The form in which alias texts are compared with each other and with the word lists of
    ``actor_rules.toml``: lower case, accents folded (:func:`fold_accents`), runs of white space
    as one space. Two aliases with the same key are the same alias.

    Examples
    --------
    >>> alias_key("  Ministry of\tDéfense "), alias_key("Orbán")
    ('ministry of defense', 'orban')
    """
    return fold_accents(" ".join(text.lower().split()))


_LETTER_MARKED = re.compile(r"[\u00C0-\u024F\u1E00-\u1EFF\u0300-\u036F]")  # accented Latin letters


def _fold_pieces(text: str, pieces: Sequence[Token], lowers: list[str]) -> bool:
    """Fold the accents of the pieces that have any, in place in `lowers` (found with a regular
    expression, so curly quotes and other non-ASCII characters cost nothing). True if a piece
    changed."""
    last = -1
    changed = False
    for match in _LETTER_MARKED.finditer(text):
        k = bisect_right(pieces, match.start(), key=_START) - 1
        if k > last and k >= 0 and pieces[k][1] > match.start():
            folded = fold_accents(lowers[k])
            if folded != lowers[k]:
                lowers[k] = folded
                changed = True
            last = k
    return changed


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


def _alias_pieces(text: str) -> Sequence[Token]:
    pieces, _ = _pieces_of(Doc(" ".join(text.split())))
    return pieces


def _is_caps_word(text: str) -> bool:
    return len(text) >= 2 and text.isalpha() and text.isupper()


def _compile_alias(actor_id: str, alias: Alias, person: bool = True) -> _Entry:
    pieces = _alias_pieces(alias.text)
    if not pieces:
        raise LexiconError(f"actor {actor_id!r}: alias {alias.text!r} has no word in it")
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
    keys = tuple(fold_accents(p.lower) for p in pieces)
    return _Entry(
        keys, tuple(checks), actor_id, alias.text, alias.form, shout_guard, len(keys), _lead(alias.text, pieces, alias.form, person)
    )


def _lead(text: str, pieces: Sequence[Token], form: str, person: bool = True) -> int:
    """How many leading pieces of an alias are titles or "the" ("President Trump", "the Fed",
    "Prime Minister Netanyahu"): the mention's span leaves them out, as a name is written without
    its title (the alias, and so the nomination table, keeps them). Epithets keep their article
    ("the Donald"); an alias made only of such words keeps them all.

    Titles lead only a person's name (`person`): in the name of an institution or a place they
    are words of the name ("Foreign Office", "Defense Department", "Saint Lucia"), and only "the"
    is left out. A title is left out whole: the piece after a hyphen ("President-elect") belongs
    to it. `pieces` are those of `text` (:func:`_alias_pieces`).

    Examples
    --------
    >>> _lead("Foreign Office", _alias_pieces("Foreign Office"), "name", person=False)
    0
    >>> _lead("President-elect Trump", _alias_pieces("President-elect Trump"), "name")
    2
    """
    from discourse.actors.rules import actor_rules  # (data, read once)

    titles = actor_rules().titles
    text = " ".join(text.split())
    lead = 0
    for piece in pieces[:-1]:
        word = piece.lower.rstrip(".")
        if word == "the" and form != "epithet" or person and word in titles and piece.text[:1].isupper():
            lead += 1
        elif not word and lead:  # the "." of "Mr." when it is a piece of its own
            lead += 1
        elif lead and text[pieces[lead - 1].end : piece.start] == "-":
            lead += 1  # "President-elect": the rest of a hyphenated title
        else:
            break
    return lead


class AliasMatcher:
    """All aliases of a set of actors compiled into a token trie (nested dicts keyed by piece).

    Built once per :class:`~discourse.actors.ActorRegistry` (see
    :attr:`~discourse.actors.ActorRegistry.matcher`); :meth:`find` is the mention finder.

    Parameters
    ----------
    actors : iterable of Actor
        The actors whose aliases are compiled. Two actors sharing an alias is an error.
    derived : iterable of (actor id, Alias), optional
        Aliases derived from the registry rather than written in it (see
        :mod:`discourse.actors.surnames`); one whose pieces are already an alias is left out.

    Examples
    --------
    >>> from discourse.actors import Actor
    >>> m = AliasMatcher([Actor("opec", "OPEC", "organisation", ("OPEC",))])
    >>> [x.actor_id for x in m.find(Doc("OPEC met."))]
    ['opec']
    """

    def __init__(self, actors: Iterable[Actor], derived: Iterable[tuple[str, Alias]] = ()) -> None:
        trie: dict[Any, Any] = {}
        owners: dict[tuple[str, ...], str] = {}

        def add(entry: _Entry) -> None:
            owners[entry.keys] = entry.actor_id
            node = trie
            for key in entry.keys:
                node = node.setdefault(key, {})
            # None marks the end of an alias (keys are strings). A plain tuple with the fields
            # of _Entry, read at the positions _CHECKS ... _LEAD: the garbage collector stops tracking a tuple of strings
            # and tuples (never a named tuple), so its full collections need not visit the
            # entries of a large registry (tens of thousands of objects).
            node[None] = tuple(entry)

        for actor in actors:
            for alias in actor.aliases:
                entry = _compile_alias(actor.id, alias, actor.kind == "person")
                other = owners.get(entry.keys)
                if other is not None and other != actor.id:
                    raise LexiconError(
                        f"alias {alias.text!r} is used by both {other!r} and {actor.id!r}; "
                        "give it to one actor (aliases are compared case-insensitively)"
                    )
                if other is None:
                    add(entry)
        # Derived aliases (bare surnames, bare institution words: discourse.actors.surnames)
        # never displace an alias written in the registry.
        for actor_id, alias in derived:
            entry = _compile_alias(actor_id, alias)._replace(lead=0)  # "Supreme Court" keeps "Supreme"
            if entry.keys not in owners:
                add(entry)
        self.index = trie
        self.first_keys = frozenset(trie)
        # First pieces that every alias starting with them needs written exactly ("IS", "WHO",
        # "IN"): a lower-case "is" is then rejected with one look-up, before any trie walk.
        # (A large registry has many such abbreviations that are also English words.)
        exact_first: dict[str, set[str]] = {}
        for key, node in trie.items():
            surfaces: set[str] | None = set()
            stack = [node]
            while stack and surfaces is not None:
                current = stack.pop()
                for child_key, child in current.items():
                    if child_key is None:
                        rule = next((c for c in child[_CHECKS] if c[0] == 0), None)  # (position, rule, surface)
                        if rule is None or rule[1] != "exact":
                            surfaces = None
                            break
                        surfaces.add(rule[2])
                    else:
                        stack.append(child)
            if surfaces:
                exact_first[key] = surfaces
        self.exact_first = {key: frozenset(v) for key, v in exact_first.items()}
        # What the walk needs of each first piece, in one look-up: its node, the alias ending
        # there (None for "the", "a", "in": pieces that only start longer aliases, the most
        # frequent hits) and the written forms it requires (None: any case).
        self.first: dict[str, tuple[dict[Any, Any], _Stored | None, frozenset[str] | None]] = {
            key: (node, node.get(None), self.exact_first.get(key)) for key, node in trie.items()
        }
        # Frequent words that only start longer aliases ("the" of "the Kremlin", "a" of "A la
        # valenciana", "for" of "For a United Ukraine!") are found through a rarer piece of each
        # of those aliases instead: "kremlin" is rare, "the" is in every comment (see
        # _key_pieces). So a comment that names no actor rarely leaves C, however many aliases
        # the registry has.
        self.keyed, indirect = _key_pieces(self.first)
        self.starters = frozenset(self.first.keys() - indirect)  # first pieces looked up directly
        self.triggers = frozenset(self.starters | self.keyed.keys())
        self.keys = frozenset(key for keys in owners for key in keys)
        self.acronyms = frozenset(k for k in trie if k.isalpha())
        self.splits: dict[str, Any] = {}  # memo of _pieces_of
        self._with: dict[frozenset[str], frozenset[str]] = {}  # triggers | words, for find_anchored

    def find(self, doc: Doc) -> tuple[Mention, ...]:
        """The mentions in a :class:`~discourse.text.Doc`, in text order (not cached here; the
        registry caches per document)."""
        return self._find(doc, None)[0]

    def find_anchored(self, doc: Doc, words: frozenset[str]) -> tuple[tuple[Mention, ...], list[int] | None]:
        """:meth:`find`, and the indices (in order) of the tokens whose lower-case form is one of
        `words`, found by the same pass over the text (one look-up per token for both; the
        registry asks for the anchor words of
        :func:`~discourse.actors.spelling.correct_spelling`). ``None`` when the pass cannot tell:
        the matcher read hyphenated words in pieces or changed a word by folding its accents.

        Examples
        --------
        >>> from discourse.actors import Actor
        >>> m = AliasMatcher([Actor("opec", "OPEC", "organisation", ("OPEC",))])
        >>> found, anchors = m.find_anchored(Doc("OPEC met in Vienna."), frozenset({"vienna"}))
        >>> [x.actor_id for x in found], anchors
        (['opec'], [3])
        """
        return self._find(doc, words)

    def _find(self, doc: Doc, words: frozenset[str] | None) -> tuple[tuple[Mention, ...], list[int] | None]:
        pieces, shifts = _pieces_of(doc, self.keys, self.splits)
        # the lower-case pieces: the doc's own column when the pieces are its tokens (the common
        # case: built once with the tokens, shared with the other analysers)
        lowers: Sequence[str] = doc.token_columns.lowers if pieces is doc.tokens else list(map(_LOWER, pieces))
        own = pieces is doc.tokens  # `lowers` is the doc's lower-case column
        if not doc.text.isascii():  # fold accents only where there are any (Orbán = Orban)
            lowers = list(lowers)
            if _fold_pieces(doc.text, pieces, lowers):
                own = False  # (curly quotes alone change no piece: still the doc's column)
        # The pieces that start an alias, found at C speed (most words start none).
        heads = self.first
        triggers = self.triggers
        anchors: list[int] | None = None
        if words is None:
            hits = list(compress(range(len(lowers)), map(triggers.__contains__, lowers)))
        else:  # one pass for the triggers and `words`; then the few hits are sorted out
            table = self._with.get(words)
            if table is None:
                if len(self._with) > 8:
                    self._with.clear()
                table = self._with[words] = frozenset(triggers | words)
            hits = list(compress(range(len(lowers)), map(table.__contains__, lowers)))
            if own:  # (hits are few: a comprehension costs less than another pass in C)
                anchors = [i for i in hits if lowers[i] in words] if hits else []
        if hits:  # most hits start no alias here ("the" not before "Kremlin"): dropped cheaply
            hits = self._starts(hits, lowers, pieces)  # (and the anchor words that are no trigger)
        if not hits:
            return (), anchors
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
            node, entry, _required = heads[lowers[i]]  # (the case of the first piece: checked in _starts)
            # Walk the trie as far as the text goes; remember every alias that ends on the way.
            if entry is not None and len(node) == 1:
                ends: Sequence[_Stored] = (entry,)  # no longer alias starts here
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
                if entry[_CHECKS] and not self._case_ok(entry, pieces, i, doc, caseless):
                    if caseless is None and self._needs_caseless(entry, pieces, i):
                        caseless = is_caseless(doc)
                        if not self._case_ok(entry, pieces, i, doc, caseless):
                            continue
                    else:
                        continue
                if entry[_SHOUT_GUARD] and self._shouted(pieces, i, entry[_SIZE]):
                    continue
                matched = entry
                break
            if matched is None:
                continue
            first = i + matched[_LEAD]  # the span starts after a leading title ("President Trump")
            if matched[_LEAD]:  # "President Xi Jinping": the name after the title may run on
                matched = self._run_on(matched, pieces, lowers, norm, first, doc, caseless)
                i = first - matched[_LEAD]
            stop = i + matched[_SIZE]
            first_start = pieces[first][0]
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
                t0, t1 = _token_index(shifts, first), _token_index(shifts, stop - 1) + 1
            else:
                t0, t1 = first, stop
            found.append(
                _new_mention(
                    (first_start, last_end, matched[_ACTOR_ID], matched[_ALIAS], matched[_FORM], possessive, s_index, t0, t1)
                )
            )
            resume = stop
        return tuple(found), anchors

    def _run_on(
        self, matched: _Stored, pieces: Sequence[Token], lowers: Sequence[str], norm: str, first: int, doc: Doc,
        caseless: bool | None,
    ) -> _Stored:
        """The longest alias of the same actor that starts where a title-led alias's name starts
        (piece `first`) and ends after it, or `matched` itself.

        A title-led alias ("President Xi") is found before the aliases starting at its name,
        so without this "President Xi Jinping" would be spanned "Xi", the rest of the name left
        uncovered (a family-name-first name: "President Xi" and "Xi Jinping" are both written
        aliases). Only an alias of the same actor counts: the title names that person.
        """
        head = self.first.get(lowers[first])
        if head is None:
            return matched
        node, _entry, required = head
        if required is not None and pieces[first][2] not in required:
            return matched
        end = first + matched[_SIZE] - matched[_LEAD]  # the piece after the title-led alias
        best = None
        j = first + 1
        n = len(pieces)
        while j < n:
            child = node.get(lowers[j])
            if child is None:
                break
            a, b = pieces[j - 1][1], pieces[j][0]
            if b != a and not (b == a + 1 and norm[a] == " ") and not _GAP_OK.issuperset(norm[a:b]):
                break
            node = child
            j += 1
            entry = node.get(None)
            if (
                entry is not None
                and j > end
                and entry[_ACTOR_ID] == matched[_ACTOR_ID]
                and not entry[_LEAD]
                and (not entry[_CHECKS] or self._case_ok(entry, pieces, first, doc, caseless))
                and not (entry[_SHOUT_GUARD] and self._shouted(pieces, first, entry[_SIZE]))
            ):
                best = entry
        return matched if best is None else best

    def _starts(self, hits: list[int], lowers: Sequence[str], pieces: Sequence[Token]) -> list[int]:
        """The pieces where an alias may start, in order, from the pieces `hits` (any piece that
        is no trigger is passed over): a first piece looked up directly, or the first piece
        that an alias keyed on a later piece (:func:`_key_pieces`) would start at ("the" two
        pieces before "york"); without the first pieces that cannot start one here: a piece
        that only starts longer aliases and is not followed by a second piece of one ("the" not
        before "Kremlin": most hits), or a piece written in the wrong case ("is", not "IS")."""
        keyed, starters, heads = self.keyed, self.starters, self.first
        n = len(lowers)
        starts = []
        for j in hits:
            word = lowers[j]
            back = keyed.get(word)
            if back is not None:
                for offset, first in back:
                    i = j - offset
                    if i >= 0 and lowers[i] == first and self._may_start(i, lowers, pieces, n):
                        starts.append(i)
            if word in starters:  # (self._may_start inlined: the most frequent case)
                node, entry, required = heads[word]
                if entry is None and (j + 1 == n or lowers[j + 1] not in node):
                    continue
                if required is None or pieces[j][2] in required:
                    starts.append(j)
        if len(starts) > 1:  # keyed pieces reach back past other hits; a start is walked once
            starts = sorted(set(starts))
        return starts

    def _may_start(self, i: int, lowers: Sequence[str], pieces: Sequence[Token], n: int) -> bool:
        """Whether first piece `i` is followed by a second piece of an alias it starts, if it
        starts no alias alone, and is written as its aliases require."""
        node, entry, required = self.first[lowers[i]]
        if entry is None and (i + 1 == n or lowers[i + 1] not in node):
            return False
        return required is None or pieces[i][2] in required  # Token.text

    @staticmethod
    def _case_ok(entry: _Stored, pieces: Sequence[Token], i: int, doc: Doc, caseless: bool | None) -> bool:
        """Check the alias's case rules; an unknown `caseless` counts as False."""
        for position, rule, surface in entry[_CHECKS]:
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
    def _needs_caseless(entry: _Stored, pieces: Sequence[Token], i: int) -> bool:
        """True if the only failing rules are ones a caseless text would relax."""
        for position, rule, surface in entry[_CHECKS]:
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


def _piece_rank(piece: str, direct: frozenset[str]) -> tuple[int, int]:
    """How frequent a piece of an alias is likely to be in text, lower for rarer (an estimate:
    only an order is needed, no counts): a first piece looked up anyway (`direct`: an alias
    alone, whose hits cost nothing more), a name word, an ordinary English word, a number or a
    word of one or two letters ("k" of "IS-K"), a stop word, then punctuation; longer before
    shorter in each class (frequent words are short)."""
    from discourse.actors.rules import actor_rules, is_common_word  # (data, read once)

    if piece in direct:
        return (0, 0)
    if piece.isalpha():
        if piece in actor_rules().stopwords:
            rank = 3
        elif len(piece) <= 2 or is_common_word(piece.capitalize()):
            rank = 2
        else:
            rank = 1
    else:
        rank = 2 if piece.isdigit() else 4
    return (rank, -len(piece))


def _key_pieces(
    first: dict[str, tuple[dict[Any, Any], _Stored | None, frozenset[str] | None]]
) -> tuple[dict[str, tuple[tuple[int, str], ...]], frozenset[str]]:
    """The first pieces better found through a rarer piece of each alias they start.

    A first piece qualifies if it is an ordinary word, a stop word, a number or punctuation, no
    alias is that piece alone (it only starts longer aliases: "the", "a", "for") and each alias
    it starts has a later piece that is rarer by :func:`_piece_rank` ("ukraine" of "For a United Ukraine!", "valenciana" of "A la
    valenciana"); the alias is then keyed on its rarest piece. Which pieces qualify changes the
    speed of :meth:`AliasMatcher.find`, not its mentions: every alias that a text holds and that
    starts at a qualifying piece holds its key piece too, which leads back to the start.

    Returns ``(keyed, indirect)``: key piece -> the ``(offset, first piece)`` pairs of the
    aliases keyed on it (offset: how many pieces after the first piece it stands), and the
    qualifying first pieces.
    """
    direct = frozenset(key for key, (_node, entry, _required) in first.items() if entry is not None)
    keyed: dict[str, dict[tuple[int, str], None]] = {}
    indirect = set()
    for key, (node, entry, _required) in first.items():
        own = _piece_rank(key, direct)
        if own[0] < 2:
            continue  # an alias alone, or a name word: rare enough itself
        choices: list[tuple[str, int]] = []  # (key piece, offset) of each alias under `key`
        stack: list[tuple[dict[Any, Any], tuple[str, ...]]] = [(node, ())]
        while stack:
            current, path = stack.pop()
            for child_key, child in current.items():
                if child_key is None:
                    rank, offset, piece = min((_piece_rank(p, direct), k, p) for k, p in enumerate(path, 1))
                    choices.append((piece, offset) if rank < own else ("", 0))  # ("": none rarer)
                else:
                    stack.append((child, path + (child_key,)))
        if all(piece for piece, _offset in choices):
            indirect.add(key)
            for piece, offset in choices:
                keyed.setdefault(piece, {})[(offset, key)] = None
    return {piece: tuple(sorted(pairs)) for piece, pairs in sorted(keyed.items())}, frozenset(indirect)


def is_caseless(doc: Doc) -> bool:
    """True if the text is written without capitals: no capitalised word except at a sentence
    start, and at least one sentence starting in lower case or a lower-case "i".

    Examples
    --------
    >>> is_caseless(Doc("president trump said so. i agree")), is_caseless(Doc("Trump said so."))
    (True, False)
    """
    tokens = doc.tokens
    ranges = doc.sentence_token_ranges
    if "i" not in doc.token_columns.texts and not any(
        first < stop and tokens[first].kind == "word" and tokens[first].text[:1].islower() for first, stop in ranges
    ):
        return False  # (decided without reading every word: most texts are cased)
    lower_start = False
    for first, stop in ranges:
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




def find_mentions(text_or_doc: str | Doc, registry: ActorRegistry | None = None) -> list[Mention]:
    """Find the actors named in a text, with character spans.

    Parameters
    ----------
    text_or_doc : str or Doc
        The text (any string; offsets refer to it).
    registry : ActorRegistry, optional
        Defaults to :func:`~discourse.actors.default_registry`.

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
    from discourse.actors.registry import registry_or_default  # the registry imports this module

    return list(registry_or_default(registry).find(text_or_doc))
