"""Context rules for ambiguous lexicon hits, and negation scope.

A lexicon entry's value column may hold rule tags, separated by spaces. They are *data*: each
names one of the checks below (a closed set; an unknown tag is a
:class:`~discourse.errors.LexiconError`), so a lexicon file can restrict where a word counts
but can never run code.

========================== ==================================================================
tag                        the hit counts only if...
========================== ==================================================================
``after=a|b``              the previous token (same sentence) is one of the words
``not_after=a|b``          the previous token is none of them (or there is none)
``before=a|b``             the next token (same sentence) is one of the words
``not_before=a|b``         the next token is none of them (or there is none)
``before_number``          a number follows (``about 100``, ``around a dozen``)
``before_adjective``       an adjective-like word follows (``most significant``)
``no_determiner_before``   no determiner precedes (``kind of`` yes, ``a kind of`` no)
``first_person_subject``   *I* or *we* is the subject (``I think``, ``we really believe``)
``not_month``              the word is not the month (``May 5``, ``in May``)
``not_country``            the word is not upper-case ``US`` in a normal sentence
``not_name``               the word is not part of a capitalised name: before another
                           (``Dick Cheney``) or after a given name (``Norm Dicks``)
``call``                   the phrase is a call (``wake up`` at the start, before ``people``)
``intensifier_so``         ``so`` modifies a following word after *be*/*seem* (``it is so clear``)
``neg=drop``               ...and a negated hit (``not stupid``) is not counted
``neg=hedge``              a negated booster (``not sure``) is counted as a hedge instead
``cat=NAME``               (no check) a category label, e.g. the type of a group reference
========================== ==================================================================

Negation scope: a negator (*not*, *no*, *never*, *without*, *hardly*, or a word ending in
*n't*) among the previous ``window`` tokens of the same sentence, with no punctuation between.

Examples
--------
>>> from discourse.text import Doc
>>> rule = parse_rules("before_number", where="demo")
>>> doc = Doc("It was about 100 people, not about them.")
>>> ctx = Context(doc)
>>> [passes(rule.checks, ctx, i, i + 1) for i, t in enumerate(doc.tokens) if t.lower == "about"]
[True, False]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter

from discourse.errors import LexiconError
from discourse.text import Doc

__all__ = ["Rule", "parse_rules", "Context", "passes", "negator_before", "NEG_DROP", "NEG_HEDGE"]

_FIRST = itemgetter(0)
# Token kind -> 1 if it counts as a word (Doc.words: word, number, acronym), else 0.
_WORD_KIND: defaultdict[str, int] = defaultdict(int, word=1, number=1, acronym=1)

NEG_DROP = "drop"
NEG_HEDGE = "hedge"
_NEG_POLICIES = {"drop", "hedge", "keep"}

_LIST_RULES = {"after", "not_after", "before", "not_before"}
_FLAG_RULES = {
    "before_number",
    "before_adjective",
    "no_determiner_before",
    "first_person_subject",
    "not_month",
    "not_country",
    "not_name",
    "call",
    "intensifier_so",
}
# Tags that label an entry for its detector rather than check its context.
_LABEL_TAGS = {"superlative", "exception", "magnitude", "cardinal", "short"}

NEGATORS = frozenset(
    "not no never without hardly barely scarcely neither nor cannot nobody nothing none".split()
)
DETERMINERS = frozenset(
    """a an the this that these those what which any some every each one no same other another
    all his her their our my your its whose""".split()
)
NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred hundreds thousand thousands million millions billion billions trillion trillions
    dozen dozens half""".split()
)
_SUBJECT_SKIP = frozenset(
    """do don't dont did didn't not really just also still honestly personally truly kinda
    strongly firmly genuinely sincerely actually 'm am 'd would can can't could always
    sometimes""".split()
)
_MONTH_CONTEXT = frozenset(
    "in of on since until till by early late mid last next this from through during".split()
)
_BE_LIKE = frozenset(
    """is was are were be been being 's 're am 'm seem seems seemed feel feels felt look looks
    looked sound sounds sounded get gets got getting become becomes became remain remains
    not""".split()
)
_FUNCTION = frozenset(
    """the a an and or but if then that this these those it its to of in on at by for with as
    from into i you he she we they me him her us them my your his our their what which who
    whom whose when where why how there here is are was were be been being do does did so
    not no far 's""".split()
)
_ADJ_SUFFIXES = (
    "ive", "ous", "ful", "able", "ible", "al", "ant", "ent", "ic", "ed", "ing", "less", "ly",
    "ary", "ile", "ish", "est", "ior", "ual",
)
_CALL_NEXT = frozenset(
    "people sheeple america americans folks everyone everybody guys world y'all you".split()
)
_CALL_PREV = frozenset("to must should please need needs gotta time".split())


@dataclass(frozen=True)
class Rule:
    """Parsed rule tags of one lexicon entry.

    Attributes
    ----------
    checks : tuple
        ``(name, argument)`` pairs, all of which must pass.
    negation : str
        ``"drop"``, ``"hedge"`` or ``"keep"`` (what a negated hit means).
    labels : frozenset of str
        Label tags (``cat=...`` values and detector labels such as ``magnitude``).

    Examples
    --------
    >>> parse_rules("neg=drop after=is|was", where="x").negation
    'drop'
    """

    checks: tuple[tuple[str, frozenset[str] | None], ...] = ()
    negation: str = "keep"
    labels: frozenset[str] = frozenset()


def parse_rules(value: str, *, where: str, default_negation: str = "keep") -> Rule:
    """Parse the value column of a rhetoric lexicon entry.

    Raises
    ------
    LexiconError
        For an unknown tag or a malformed one (the message names `where`).

    Examples
    --------
    >>> name, words = parse_rules("not_after=make|made", where="x").checks[0]
    >>> name, sorted(words)
    ('not_after', ['made', 'make'])
    """
    checks: list[tuple[str, frozenset[str] | None]] = []
    negation = default_negation
    labels: set[str] = set()
    for tag in value.split():
        key, sep, arg = tag.partition("=")
        if key == "neg" and sep:
            if arg not in _NEG_POLICIES:
                raise LexiconError(f"{where}: negation policy must be drop|hedge|keep, got {arg!r}")
            negation = arg
        elif key == "cat" and sep and arg:
            labels.add(arg)
        elif key in _LIST_RULES and sep and arg:
            checks.append((key, frozenset(w for w in arg.lower().split("|") if w)))
        elif key in _FLAG_RULES and not sep:
            checks.append((key, None))
        elif key in _LABEL_TAGS and not sep:
            labels.add(key)
        else:
            raise LexiconError(
                f"{where}: unknown rule tag {tag!r} (known: {', '.join(sorted(_LIST_RULES))}=..., "
                f"{', '.join(sorted(_FLAG_RULES | _LABEL_TAGS))}, neg=..., cat=...)"
            )
    return Rule(tuple(checks), negation, frozenset(labels))


class Context:
    """Per-document data the rules read: token columns and sentence starts.

    Built once per analysed text. The token fields come as columns (the shared
    :attr:`Doc.token_columns <discourse.text.Doc.token_columns>`), so the detectors index plain
    sequences instead of reading attributes token by token: ``lowers`` (a list), ``kinds``, ``texts``, ``offsets`` (token
    starts) and ``ends`` (tuples), ``ranges``/``firsts``/``starts`` for sentences.

    Examples
    --------
    >>> ctx = Context(Doc("One. Two"))
    >>> ctx.is_sentence_start(2)
    True
    """

    __slots__ = (
        "doc", "tokens", "lowers", "kinds", "texts", "offsets", "ends", "ranges", "firsts",
        "starts", "_caps", "_word_lowers", "_word_index",
    )

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        columns = doc.token_columns
        self.offsets: tuple[int, ...] = columns.starts
        self.ends: tuple[int, ...] = columns.ends
        self.texts: tuple[str, ...] = columns.texts
        self.lowers: list[str] = list(columns.lowers)
        self.kinds: tuple[str, ...] = columns.kinds
        self.ranges = doc.sentence_token_ranges
        # first token of each sentence, in order (for bisecting a token to its sentence)
        self.firsts = list(map(_FIRST, self.ranges))
        self.starts = frozenset(self.firsts)
        self._caps: dict[int, bool] = {}
        self._word_lowers: list[str] | None = None
        self._word_index: list[int] | None = None

    def _wordy(self) -> Sequence[int]:
        """1 for each token that counts as a word, else 0 (the kinds looked up in one C call)."""
        if len(self.kinds) > 1:
            return itemgetter(*self.kinds)(_WORD_KIND)
        return [_WORD_KIND[k] for k in self.kinds]

    @property
    def word_lowers(self) -> list[str]:
        """Lower-case forms of ``doc.words`` (word, number and acronym tokens)."""
        if self._word_lowers is None:
            self._word_lowers = list(compress(self.lowers, self._wordy()))
        return self._word_lowers

    @property
    def word_index(self) -> list[int]:
        """Token index of each word of ``doc.words``: word ``k`` is token ``word_index[k]``.

        Built only by the detectors that report word spans (rarely needed), so that the
        ``Doc.words`` token tuple is never built just for its offsets.
        """
        if self._word_index is None:
            self._word_index = list(compress(range(len(self.kinds)), self._wordy()))
        return self._word_index

    @property
    def n_words(self) -> int:
        """``doc.n_words`` (word, number and acronym tokens)."""
        return self.doc.n_words

    def is_sentence_start(self, i: int) -> bool:
        """True if token `i` opens a sentence."""
        return i in self.starts

    def prev(self, i: int) -> str | None:
        """Lower form of the token before `i` in the same sentence, or ``None``."""
        if i == 0 or i in self.starts:
            return None
        return self.lowers[i - 1]

    def next(self, j: int) -> str | None:
        """Lower form of token `j` (the one after a hit ending at `j`) if in the same sentence."""
        if j >= len(self.lowers) or j in self.starts:
            return None
        return self.lowers[j]

    def sentence_in_caps(self, i: int) -> bool:
        """True if the sentence of token `i` is written entirely in capitals."""
        doc = self.doc
        k = doc.sentence_of(self.tokens[i].start)
        if k is None:
            return False
        if k not in self._caps:
            span = doc.sentences[k]
            chunk = doc.text[span.start : span.end]
            self._caps[k] = chunk == chunk.upper() and sum(ch.isalpha() for ch in chunk) > 3
        return self._caps[k]


def negator_before(ctx: Context, i: int, window: int) -> int | None:
    """Index of a negator among the `window` tokens before token `i`, or ``None``.

    The scan stops at a sentence start and at punctuation (other than quotation marks).

    Examples
    --------
    >>> ctx = Context(Doc("I am not very sure, really sure."))
    >>> negator_before(ctx, 4, 3), negator_before(ctx, 7, 3)
    (2, None)
    """
    tokens, lowers, starts = ctx.tokens, ctx.lowers, ctx.starts
    k = i
    for _ in range(window):
        if k in starts or k == 0:
            return None
        k -= 1
        word = lowers[k]
        if tokens[k].kind == "punct" and word not in ("'", '"'):
            return None
        if word in NEGATORS or word.endswith("n't"):
            return k
    return None


def _is_number(ctx: Context, j: int) -> bool:
    word = ctx.next(j)
    if word is None:
        return False
    if ctx.tokens[j].kind == "number" or word in NUMBER_WORDS:
        return True
    if word in ("a", "an") and j + 1 < len(ctx.lowers) and (j + 1) not in ctx.starts:
        return ctx.lowers[j + 1] in NUMBER_WORDS
    return False


def _first_person_subject(ctx: Context, i: int) -> bool:
    k = i
    for _ in range(4):
        if k == 0 or k in ctx.starts:
            return False
        k -= 1
        word = ctx.lowers[k]
        if word in ("i", "we", "i'm", "we're"):
            return True
        if word not in _SUBJECT_SKIP:
            return False
    return False


def passes(checks: tuple[tuple[str, frozenset[str] | None], ...], ctx: Context, i: int, j: int) -> bool:
    """True if a hit on tokens ``i..j-1`` passes every check.

    Examples
    --------
    >>> ctx = Context(Doc("a kind of man, I kind of agree"))
    >>> rule = parse_rules("no_determiner_before", where="x")
    >>> passes(rule.checks, ctx, 1, 3), passes(rule.checks, ctx, 6, 8)
    (False, True)
    """
    for name, arg in checks:
        if name == "after":
            if ctx.prev(i) not in arg:  # type: ignore[operator]  # these checks carry a word set, never None
                return False
        elif name == "not_after":
            if ctx.prev(i) in arg:  # type: ignore[operator]  # these checks carry a word set, never None
                return False
        elif name == "before":
            if ctx.next(j) not in arg:  # type: ignore[operator]  # these checks carry a word set, never None
                return False
        elif name == "not_before":
            if ctx.next(j) in arg:  # type: ignore[operator]  # these checks carry a word set, never None
                return False
        elif name == "before_number":
            if not _is_number(ctx, j):
                return False
        elif name == "before_adjective":
            word = ctx.next(j)
            if word is None or word in _FUNCTION or not word.endswith(_ADJ_SUFFIXES):
                return False
        elif name == "no_determiner_before":
            if ctx.prev(i) in DETERMINERS:
                return False
        elif name == "first_person_subject":
            if not _first_person_subject(ctx, i):
                return False
        elif name == "not_month":
            token = ctx.tokens[i]
            if token.text[:1].isupper() and not ctx.is_sentence_start(i):
                return False
            if ctx.prev(i) in _MONTH_CONTEXT or _is_number(ctx, j):
                return False
        elif name == "not_country":
            if ctx.tokens[i].text == "US" and not ctx.sentence_in_caps(i):
                return False
        elif name == "not_name":
            if ctx.tokens[i].text.istitle() and (
                (ctx.next(j) is not None and ctx.tokens[j].text.istitle())
                # a capitalised word before it that is not a pronoun or other function word
                # ("Norm Dicks"; not "You Dicks!")
                or (ctx.prev(i) not in _FUNCTION and ctx.tokens[i - 1].text.istitle()
                    and ctx.tokens[i - 1].kind == "word")
            ):
                return False
        elif name == "call":
            if not (
                ctx.is_sentence_start(i)
                or ctx.next(j) in _CALL_NEXT
                or ctx.prev(i) in _CALL_PREV
                or (i > 0 and ctx.tokens[i - 1].kind == "punct" and ctx.lowers[i - 1] in (",", ":", "-", "!"))
            ):
                return False
        elif name == "intensifier_so":
            nxt = ctx.next(j)
            if nxt is None or nxt in _FUNCTION or ctx.tokens[j].kind != "word":
                return False
            if ctx.prev(i) not in _BE_LIKE:
                return False
    return True
