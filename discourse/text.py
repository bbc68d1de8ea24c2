"""The text layer: cleaning, sentence splitting and tokenisation with character offsets.

Every analyser reads the same :class:`Doc`, built once per text: the original text (which owns all
offsets), a *normalised* copy of the same length for matching (non-breaking spaces become spaces,
curly quotes straight quotes, dashes hyphens, control characters spaces), its lower-cased form
(also of the same length), sentence spans and tokens. Because the normalised forms keep every
character at its offset, a match found in them is a span of the original text.

Scraped comments often lose the line breaks between sentences (``"degree.It is"``,
``"Noticed?I sent"``, ``"sometimesFor Russia"``, ``"title:What If"``, ``"Arabia?the u.s."``). The
splitter finds these glue points and splits there without changing the text; :func:`repair` gives
a display copy with the missing spaces put back.

Nothing here needs downloaded data: the rules are regular expressions and a short list of
abbreviations, so results do not depend on which NLTK corpora a machine happens to have.

Examples
--------
>>> doc = Doc("I have done research.It is clear: the U.S. military stays.")
>>> [s.slice(doc.text) for s in doc.sentences]
['I have done research.', 'It is clear: the U.S. military stays.']
>>> [t.text for t in doc.tokens][:4]
['I', 'have', 'done', 'research']
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left, bisect_right
import unicodedata
from collections.abc import Callable, Hashable, Iterator, Sequence
from functools import cached_property, lru_cache, partial
from itertools import accumulate, chain
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

from discourse.model import Span, paragraph_spans

_T = TypeVar("_T")

__all__ = [
    "Token",
    "TokenColumns",
    "Doc",
    "as_doc",
    "normalize",
    "clean",
    "repair",
    "split_sentences",
    "tokenize",
    "TOKEN_KINDS",
]

# -- normalisation (length-preserving) ------------------------------------------------------

_SAME_LENGTH_MAP: dict[int, str] = {}
for _ch in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000":
    _SAME_LENGTH_MAP[ord(_ch)] = " "
for _ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad":  # zero-width characters and soft hyphen
    _SAME_LENGTH_MAP[ord(_ch)] = " "
for _ch in "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4":
    _SAME_LENGTH_MAP[ord(_ch)] = "'"
for _ch in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb":
    _SAME_LENGTH_MAP[ord(_ch)] = '"'
for _ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212":
    _SAME_LENGTH_MAP[ord(_ch)] = "-"
for _code in list(range(0, 9)) + [11, 12] + list(range(14, 32)) + list(range(127, 160)):
    _SAME_LENGTH_MAP[_code] = " "
_SAME_LENGTH_MAP[ord("\r")] = "\n"  # CRLF reads as two line breaks' worth of space, never glue
_SAME_LENGTH_TABLE = str.maketrans(_SAME_LENGTH_MAP)
_ASCII_TO_NORMALIZE = re.compile("[" + re.escape("".join(chr(c) for c in _SAME_LENGTH_MAP if c < 128)) + "]")


def normalize(text: str) -> str:
    """Return a copy of `text` of the same length, normalised for matching.

    Non-breaking and zero-width spaces become spaces, curly quotes straight quotes, dashes ``-``,
    carriage returns line breaks and other control characters spaces. Offsets into the result are
    offsets into `text`.

    Examples
    --------
    >>> normalize("\\u201cSecret\\u201d\\u00a0talks \\u2014 US\\u2019s")
    '"Secret" talks - US\\'s'
    """
    if text.isascii() and _ASCII_TO_NORMALIZE.search(text) is None:
        return text  # nothing to change: skip the (slow) character-by-character translation
    return text.translate(_SAME_LENGTH_TABLE)


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):  # no character grew, so each maps to exactly one
        return lowered
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


_TAG = re.compile(r"<[A-Za-z/!][^<>]{0,500}>")
_BREAK_TAG = re.compile(r"<\s*(?:br|/p|p|/div|div|li)\b[^<>]{0,200}>", re.IGNORECASE)
_MANY_SPACES = re.compile(r"[ \t]{2,}")
_MANY_BREAKS = re.compile(r"\n{3,}")


_MAX_UNESCAPE_ROUNDS = 8


def _without_controls(text: str) -> str:
    """Remove control characters (C0, C1, DEL; NUL included) except line breaks and tabs."""
    return "".join(ch for ch in text if ch in "\n\t\r" or unicodedata.category(ch) != "Cc")


def clean(text: str) -> str:
    """Clean scraped text: HTML entities and tags, control characters, Unicode form, spacing.

    Unlike :func:`normalize` this may change the length of the text, so apply it when loading
    data (before any offsets are computed), not to a text whose spans you keep. Line-break tags
    become line breaks, other tags are dropped, entities are decoded, the text is put in Unicode
    NFC form, control characters (NUL included) are removed, runs of spaces and of blank lines
    are collapsed, and the ends are trimmed. Curly quotes and non-breaking spaces are kept (they
    are normalised for matching by :func:`normalize`).

    Examples
    --------
    >>> clean("Fire points&nbsp;will be <b>suppressed</b>.<br>Checkmate.\\x00")
    'Fire points\\xa0will be suppressed.\\nCheckmate.'
    """
    text = _without_controls(text)
    # Scraped text is often escaped twice ("&amp;lt;b&amp;gt;"): repeat until nothing changes,
    # so that cleaning a cleaned text changes nothing.
    for _ in range(_MAX_UNESCAPE_ROUNDS):
        before = text
        if "<" in text:
            text = _BREAK_TAG.sub("\n", text)
            text = _TAG.sub("", text)
        if "&" in text:
            text = html.unescape(text)
        if text == before:
            break
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _without_controls(text)
    # NFC after removing controls: a removed NUL between a letter and its accent would
    # otherwise leave the pair decomposed (and a second clean() would change the text).
    text = unicodedata.normalize("NFC", text)
    text = _MANY_SPACES.sub(" ", text)
    text = _MANY_BREAKS.sub("\n\n", text)
    return text.strip()


# -- tokens ---------------------------------------------------------------------------------

TOKEN_KINDS = ("word", "number", "acronym", "url", "punct", "symbol")
"""The kinds of :class:`Token`: ``word`` (letters, digits, internal ``'``/``-``/``*``),
``number``, ``acronym`` (dotted: ``U.S.``, ``e.g.``), ``url`` (web and e-mail addresses),
``punct`` (punctuation, runs such as ``?!`` or ``...`` kept together) and ``symbol`` (emoji and
anything else that is not a space)."""


class Token(NamedTuple):
    """A token: offsets into the owner's text, its surface and its normalised lower-case form.

    Examples
    --------
    >>> Doc("Russia's").tokens
    (Token(start=0, end=6, text='Russia', lower='russia', kind='word'), Token(start=6, end=8, text="'s", lower="'s", kind='word'))
    """

    start: int
    end: int
    text: str
    lower: str
    kind: str

    @property
    def span(self) -> Span:
        """The token as a :class:`~discourse.model.Span` labelled with its kind."""
        return Span(self.start, self.end, self.kind)


# Token patterns, most frequent first: a plain word not followed by anything that could make it
# part of a longer token is matched by the first branch. Web addresses are only looked for in
# texts that can hold one, since that branch is tried at every token.
_TOKEN_COMMON = r"""
    [^\W\d_]+(?![\w.@'*/:+-])                   # plain word
  | (?:[^\W\d_]\.){2,}(?![^\W\d_])              # dotted acronym: U.S., e.g.
  | [$£€]?\d+(?:[.,:/]\d+)*%?(?![\w*'])         # number, date, money, percentage
  | 's\b                                        # possessive clitic
  | \w+(?:(?:'(?!s\b)|[*-]+)\w+)*\**            # word with ' - * inside: F'n, f**k, al-Qaeda
  | \.{2,}|[!?]+|[.,;:…"'()\[\]{}\-/\\&]        # punctuation (runs kept together)
  | \S                                          # emoji, symbols
"""
_TOKEN_WEB = r"""
    (?:https?://|www\.)[^\s<>"]+
  | (?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+
  |
"""
_TOKENS_PLAIN = re.compile(r"(\s*)(" + _TOKEN_COMMON + ")", re.VERBOSE)
_TOKENS_WEB = re.compile(r"(\s*)(" + _TOKEN_WEB + _TOKEN_COMMON + ")", re.VERBOSE)
_NUMBER = re.compile(r"[$£€]?\d+(?:[.,:/]\d+)*%?")
_PUNCT_CHARS = frozenset(".,;:…\"'()[]{}-/\\&!?")
_new_token = partial(tuple.__new__, Token)


class TokenColumns(NamedTuple):
    """The tokens of a :class:`Doc` field by field (see :attr:`Doc.token_columns`).

    Examples
    --------
    >>> Doc("Hi there").token_columns.starts
    (0, 3)
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    texts: tuple[str, ...]
    lowers: tuple[str, ...]
    kinds: tuple[str, ...]


def _token_kind(token: str) -> str:
    if token.isalpha():
        return "word"
    first = token[0]
    if first.isdigit() or first in "$£€":
        return "number" if _NUMBER.fullmatch(token) else "word"
    if len(token) > 1 and ("://" in token or token.startswith("www.") or "@" in token):
        return "url"
    if len(token) >= 4 and token[1] == "." and token[-1] == "." and _DOTTED.fullmatch(token[:-1]):
        return "acronym"
    if first.isalnum() or first == "_" or token == "'s":
        return "word"
    if first in _PUNCT_CHARS:
        return "punct"
    return "symbol"


class _KindCache(dict):
    """Token text -> kind, filled on first sight: the kind depends on the text alone, and a
    dictionary look-up (in C, through ``map``) is cheaper than classifying every token again."""

    def __missing__(self, token: str) -> str:
        if len(self) >= _KIND_CACHE_SIZE:
            self.clear()  # bounded: a million comments bring many one-off tokens
        kind = self[token] = _token_kind(token)
        return kind


_KIND_CACHE_SIZE = 200_000
_kind_of = _KindCache().__getitem__
_text_of_pair = itemgetter(1)

_Columns = tuple[tuple[int, ...], tuple[int, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _scan_columns(doc_text: str, norm: str, lower: str, start: int, end: int) -> _Columns:
    """Tokens of ``norm[start:end]`` as parallel tuples: starts, ends, surfaces (from `doc_text`),
    lower forms (from `lower`) and kinds."""
    piece = norm[start:end]
    pattern = _TOKENS_WEB if ("@" in piece or "://" in piece or "www." in piece) else _TOKENS_PLAIN
    pairs = pattern.findall(piece)
    # Offsets from the cumulative lengths of (space, token) pairs; every step below is a C-level
    # map or slice rather than a Python loop per token, since this runs on every text. Tuples
    # from the start: they are the Doc's token columns, so nothing is copied into them later.
    offsets = tuple(accumulate(map(len, chain.from_iterable(pairs)), initial=start))
    starts, stops = offsets[1::2], offsets[2::2]
    normed = tuple(map(_text_of_pair, pairs))
    surfaces = normed if doc_text is norm else tuple(map(doc_text.__getitem__, map(slice, starts, stops)))
    if piece.isascii():
        # ASCII lower-casing maps each character alone, so a token's slice of `lower` is the
        # token lower-cased (not so in general: Greek final sigma depends on the next letter).
        lowers = tuple(map(str.lower, normed))
    else:
        lowers = tuple(map(lower.__getitem__, map(slice, starts, stops)))
    kinds = tuple(map(_kind_of, normed))
    return starts, stops, surfaces, lowers, kinds


# -- sentence boundaries --------------------------------------------------------------------

# Abbreviations after which a full stop does not end a sentence (ranks and titles of news
# reporting, months, common Latin). Lower case, without the dot.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof rev hon sen rep gov pres gen maj col lt capt cpt sgt cmdr adm brig cdr
    cpl pvt st mt ft jr sr inc corp ltd co bros dept univ no nos vol vols fig figs pp approx
    vs cf al est jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs
    fri sat sun
    """.split()
)

# Words that, capitalised after a dotted acronym ("...the U.S. The talks"), start a new sentence;
# any other capitalised word ("the U.S. Army") continues it.
_SENTENCE_STARTERS = frozenset(
    """
    the a an this that these those it its he she they we i you there here but and or so yet
    if when while after before although though however meanwhile in on at for as what why how
    who which where no not my our your their his her one some many most all
    """.split()
)

_TLDS = frozenset(
    """
    com org net gov edu mil int io co uk us ca de fr ru cn info biz tv me ly html htm php asp
    aspx js py txt pdf doc docx jpg jpeg png gif csv json xml
    """.split()
)

# Candidate boundaries are runs of sentence punctuation, line breaks and lower-to-upper case
# changes; each pattern starts with a plain character class, which the regex engine scans for
# quickly, and the context is checked in Python. Every run is visited once, so a run of 100,000
# "!" costs one match: no pattern here can backtrack catastrophically.
_PUNCT_RUN = re.compile(r"[.!?…:]+")
# An upper-case letter between two lower-case ones ("sometimesFor"). The pattern starts with the
# capital, which is rare, so the regex engine skips ahead to capitals instead of trying every
# lower-case letter; the letters around it are checked in place.
_CASE_CHANGE = re.compile(r"[A-Z](?<=[a-z][A-Z])(?=[a-z])")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LINE_BREAK = re.compile(r"\n(?=[ \t]*[^\sa-z])")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_NEXT_WORD = re.compile(r"\s*[\"'(\[]*(\S)(\w*)")
_LOWER_WORD = re.compile(r"[a-z]+")
_CLOSERS = "\"')]"


def _is_ascii_lower(ch: str) -> bool:
    return "a" <= ch <= "z"


def _is_ascii_upper(ch: str) -> bool:
    return "A" <= ch <= "Z"


def _is_abbreviation_stop(norm: str, dot: int, next_start: int) -> bool:
    """True if the full stop at `dot` belongs to an abbreviation rather than ending a sentence."""
    first = dot
    while first > 0 and dot - first < 30 and (norm[first - 1].isalpha() or norm[first - 1] == "."):
        first -= 1
    word = norm[first:dot].lstrip(".")
    if not word:
        return False
    if "." in word:  # dotted acronym: U.S., e.g.
        if not _DOTTED.fullmatch(word):
            return False
        following = _NEXT_WORD.match(norm, next_start)
        if following is None:
            return False
        first_char, rest = following.group(1), following.group(2)
        if not first_char.isupper():
            return True  # "the u.s. military", "e.g. the"
        return (first_char + rest).lower() not in _SENTENCE_STARTERS
    if word.lower() in ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isupper()  # an initial: "J. Smith"


def _punctuation_cut(norm: str, start: int, end: int) -> int | None:
    """Where the punctuation run ``norm[start:end]`` ends a sentence, or ``None``."""
    run = norm[start:end]
    size = len(norm)
    before = norm[start - 1] if start else ""
    after = norm[end] if end < size else ""
    if ":" in run:  # "title:What": a colon glued to a capitalised word
        ok = run == ":" and _is_ascii_lower(before) and _is_ascii_upper(after)
        return end if ok else None
    stop = end
    while stop < size and norm[stop] in _CLOSERS:
        stop += 1
    following = norm[stop] if stop < size else ""
    if following.isspace():  # "end. Next", "end!) next"
        if run == ".":
            return None if _is_abbreviation_stop(norm, start, stop) else stop
        word = _NEXT_WORD.match(norm, stop)
        next_char = word.group(1) if word else ""
        if run.startswith(("..", "…")):
            return stop if next_char.isupper() else None  # else trailing off mid-sentence
        if next_char.islower() and norm[stop - 1] == ")":
            return None  # "(and Europe!) just look": an aside in brackets
        return stop
    if not following or "…" in run:
        return None
    two_lower_before = start >= 2 and _is_ascii_lower(before) and _is_ascii_lower(norm[start - 2])
    if stop > end:  # closers glued to a capital: 'the agenda."Of course'
        return stop if before.isalpha() and _is_ascii_upper(following) else None
    if two_lower_before and _is_ascii_upper(after):  # "degree.It", "Noticed?I"
        if run == "." and _is_abbreviation_stop(norm, start, end):
            return None
        return end
    if "." not in run and before.isalpha() and _is_ascii_lower(after):  # "Arabia?the"
        return end
    if run == "." and two_lower_before and start >= 3 and _is_ascii_lower(norm[start - 3]):
        right = _LOWER_WORD.match(norm, end)  # "area.and", but not "site.com" or a URL
        if right is None or len(right.group()) < 2 or right.group() in _TLDS:
            return None
        chunk_start = norm.rfind(" ", max(0, start - 200), start) + 1
        chunk = norm[chunk_start : end + 2]
        return None if ("/" in chunk or "@" in chunk or chunk.startswith("www")) else end
    return None


def _case_glue_points(norm: str) -> list[int]:
    """Capitals glued to a lower-case word of 3+ letters ("sometimesFor"): sentence starts."""
    cuts = []
    for match in _CASE_CHANGE.finditer(norm):
        capital = match.start()
        first = capital - 1
        while first > 0 and _is_ascii_lower(norm[first - 1]):
            first -= 1
        if capital - first >= 3 and (first == 0 or not (norm[first - 1].isalnum() or norm[first - 1] == "_")):
            cuts.append(capital)
    return cuts


def _boundaries(norm: str) -> list[int]:
    """Offsets where a new sentence may start (before trimming white space)."""
    cuts = []
    for match in _PUNCT_RUN.finditer(norm):
        cut = _punctuation_cut(norm, match.start(), match.end())
        if cut is not None:
            cuts.append(cut)
    cuts += _case_glue_points(norm)
    # A blank line always ends a sentence; a single line break does unless the next line goes
    # on in lower case (hard-wrapped text).
    cuts.extend(m.end() for m in _BLANK_LINE.finditer(norm))
    cuts.extend(m.end() for m in _LINE_BREAK.finditer(norm))
    return sorted(set(cuts))


def split_sentences(text: str) -> list[Span]:
    """Split `text` into sentence spans (labelled ``"sentence"``), trimmed of white space.

    Handles abbreviations (``Col.``, ``Maj.-Gen.``, ``U.S.``), dates (``9/22/17``) and sentences
    glued together when line breaks were stripped from scraped text.

    Examples
    --------
    >>> text = "Col. Ryan Dillon spoke.The U.S. side agreed?yes"
    >>> [s.slice(text) for s in split_sentences(text)]
    ['Col. Ryan Dillon spoke.', 'The U.S. side agreed?', 'yes']
    """
    return list(_sentences_of(normalize(text)))


def _sentences_of(norm: str) -> Iterator[Span]:
    start = 0
    for cut in _boundaries(norm) + [len(norm)]:
        begin, end = start, cut
        while begin < end and norm[begin].isspace():
            begin += 1
        while end > begin and norm[end - 1].isspace():
            end -= 1
        if end > begin:
            yield Span(begin, end, "sentence")
        start = cut


def tokenize(text: str) -> list[Token]:
    """Tokenise `text` into :class:`Token` objects with character offsets.

    Tokens never cross a sentence boundary, so glued sentences (``sometimesFor``) give two words.

    Examples
    --------
    >>> [t.text for t in tokenize("We do NOT need their F'n oil fields...")]
    ['We', 'do', 'NOT', 'need', 'their', "F'n", 'oil', 'fields', '...']
    """
    return list(Doc(text).tokens)


def repair(text: str) -> str:
    """A display copy of `text` with a space put back at each glue point between sentences.

    Examples
    --------
    >>> repair("research.It is clear")
    'research. It is clear'
    """
    pieces = []
    previous = 0
    for sentence in as_doc(text).sentences[1:]:
        if not text[sentence.start - 1].isspace():
            pieces += [text[previous : sentence.start], " "]
            previous = sentence.start
    pieces.append(text[previous:])
    return "".join(pieces)


# -- the document ---------------------------------------------------------------------------


class Doc:
    """A text with its normalised forms, sentences and tokens, computed once and shared.

    Parameters
    ----------
    text : str
        The owner's text; every offset refers to it.

    Attributes
    ----------
    text : str
        The text as given.
    norm : str
        Same length as `text`, normalised for matching (see :func:`normalize`).
    lower : str
        `norm` in lower case, same length.

    Examples
    --------
    >>> doc = Doc("Why did the US go? It is oil.")
    >>> len(doc.sentences), doc.n_words
    (2, 8)
    >>> [t.text for t in doc.sentence_tokens(0)]
    ['Why', 'did', 'the', 'US', 'go', '?']
    """

    def __init__(self, text: str) -> None:
        if not isinstance(text, str):
            raise TypeError(f"Doc needs a str, not {type(text).__name__}")
        self.text = text
        self.norm = normalize(text)
        self.lower = _lower_same_length(self.norm)
        self._derived: dict[Hashable, Any] = {}

    def __repr__(self) -> str:
        preview = self.text[:40] + ("..." if len(self.text) > 40 else "")
        return f"Doc({preview!r}, sentences={len(self.sentences)}, tokens={len(self.tokens)})"

    def __len__(self) -> int:
        return len(self.text)

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentence spans in order (see :func:`split_sentences`)."""
        return tuple(_sentences_of(self.norm))

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """Spans of blocks separated by blank lines."""
        return paragraph_spans(self.text)

    @cached_property
    def _tokenised(self) -> tuple[tuple[Token, ...], tuple[tuple[int, int], ...], TokenColumns]:
        columns = _scan_columns(self.text, self.norm, self.lower, 0, len(self.norm))
        # A token that runs across a sentence start ("sometimesFor") is split there (rare, but
        # frequent in scraped junk: the columns become lists once, spliced in place, so each
        # split costs a move of pointers rather than a copy of every column).
        spliced: list[list[Any]] | None = None
        starts: Sequence[int]  # the columns' tuples, then the spliced lists
        stops: Sequence[int]
        starts, stops = columns[0], columns[1]
        for sentence in self.sentences[1:]:
            cut = sentence.start
            index = bisect_right(starts, cut) - 1
            if index >= 0 and starts[index] < cut < stops[index]:
                if spliced is None:
                    spliced = [list(column) for column in columns]
                    starts, stops = spliced[0], spliced[1]
                first, last = starts[index], stops[index]
                left = _scan_columns(self.text, self.norm, self.lower, first, cut)
                right = _scan_columns(self.text, self.norm, self.lower, cut, last)
                for column, a, b in zip(spliced, left, right):
                    column[index : index + 1] = a + b
        if spliced is not None:
            columns = tuple(map(tuple, spliced))  # type: ignore[assignment]  # the same five columns, as tuples
            starts = columns[0]
        tokens = tuple(map(_new_token, zip(*columns)))
        ranges = tuple(
            (bisect_left(starts, s.start), bisect_left(starts, s.end)) for s in self.sentences
        )
        return tokens, ranges, TokenColumns(*columns)

    @property
    def tokens(self) -> tuple[Token, ...]:
        """All tokens, in order; none crosses a sentence boundary."""
        return self._tokenised[0]

    @property
    def sentence_token_ranges(self) -> tuple[tuple[int, int], ...]:
        """For each sentence, the ``(first, last + 1)`` indices of its tokens in :attr:`tokens`."""
        return self._tokenised[1]

    def sentence_tokens(self, index: int) -> tuple[Token, ...]:
        """The tokens of sentence number `index`."""
        first, stop = self.sentence_token_ranges[index]
        return self.tokens[first:stop]

    @cached_property
    def token_columns(self) -> TokenColumns:
        """The fields of :attr:`tokens` as parallel tuples, transposed once for all analysers.

        Examples
        --------
        >>> Doc("No, really.").token_columns.kinds
        ('word', 'punct', 'word', 'punct')
        """
        return self._tokenised[2]

    @cached_property
    def words(self) -> tuple[Token, ...]:
        """Tokens of kind ``word``, ``number`` or ``acronym`` (what rates per 1,000 words count)."""
        return tuple(t for t in self.tokens if t.kind in ("word", "number", "acronym"))

    @cached_property
    def n_words(self) -> int:
        """Number of word-like tokens (``len(doc.words)``); the denominator of every rate."""
        kinds = self.token_columns.kinds  # (counted in C, without building the words)
        return kinds.count("word") + kinds.count("number") + kinds.count("acronym")

    def sentence_of(self, offset: int) -> int | None:
        """Index of the sentence containing character `offset`, or ``None`` (between sentences)."""
        sentences = self.sentences
        lo, hi = 0, len(sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            if sentences[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(sentences) and sentences[lo].start <= offset < sentences[lo].end:
            return lo
        return None

    def derived(self, key: Hashable, compute: Callable[[Doc], _T]) -> _T:
        """``compute(self)``, computed on first request and shared by every later caller.

        For results that depend on the text alone (not on any analyser's parameters), so that
        analysers reading the same :class:`Doc` compute them once; `key` names the result (use
        the computing function itself). The result must not be mutated.

        Examples
        --------
        >>> doc = Doc("Oh great.")
        >>> doc.derived(len, len) is doc.derived(len, lambda d: 0)
        True
        """
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = compute(self)
            return value

    @cached_property
    def duplicate_sentences(self) -> tuple[tuple[Span, Span], ...]:
        """Sentences that repeat an earlier one, as ``(repeat, first occurrence)`` pairs.

        Sentences are compared in lower case with white space collapsed; sentences of fewer than
        four words are ignored (short replies such as "No." repeat naturally).

        Examples
        --------
        >>> d = Doc("Wake up people. It is oil. Wake up people.")
        >>> d.duplicate_sentences
        ()
        >>> d = Doc("It was all about the oil. Nothing else. It was all about the oil.")
        >>> [(a.start, b.start) for a, b in d.duplicate_sentences]
        [(40, 0)]
        """
        first_seen: dict[str, Span] = {}
        pairs = []
        for span in self.sentences:
            key = " ".join(self.lower[span.start : span.end].split())
            if len(key.split()) < 4:
                continue
            if key in first_seen:
                pairs.append((span, first_seen[key]))
            else:
                first_seen[key] = span
        return tuple(pairs)


@lru_cache(maxsize=4096)
def _cached_doc(text: str) -> Doc:
    return Doc(text)


def as_doc(text_or_doc: str | Doc) -> Doc:
    """Return a :class:`Doc`, building (and caching per process) one for a plain string.

    Analysers call this on their input, so passing a :class:`Doc` shares one tokenisation across
    all of them, and passing the same string twice tokenises it once.

    Examples
    --------
    >>> as_doc("Same text.") is as_doc("Same text.")
    True
    """
    if isinstance(text_or_doc, Doc):
        return text_or_doc
    if not isinstance(text_or_doc, str):
        raise TypeError(f"expected a str or Doc, not {type(text_or_doc).__name__}")
    return _cached_doc(text_or_doc)
