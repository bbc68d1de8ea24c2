"""The shared sentence context of the actor analysers: cue lexicons, sentence scans and a
per-text :class:`DocContext`.

The internal API of :mod:`discourse.actors` (not a front door). Stance, attribution, relations
and predication all read the same per-sentence *scan*: the evaluative cues of a sentence (with
negation and intensity already applied), its clause boundaries and its reporting verbs, computed
once per sentence that names an actor and shared through a :class:`DocContext`. Lexicons are
loaded once per process.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache, partial
from itertools import accumulate, compress, count, repeat
from operator import itemgetter, mul
from typing import Any, NamedTuple

from discourse.actors.matching import Mention
from discourse.actors.registry import ActorRegistry
from discourse.lexicons import Lexicon, load_lexicon
from discourse.lexicons.external import vader_lexicon
from discourse.text import Doc, Token

# Closed grammatical sets (kept in code, as the conventions allow).
BE_FORMS = frozenset("is are was were be been being am get gets got gotten".split())
AUXILIARIES = frozenset(
    """
    has have had having do does did will would shall should can could may might must
    is are was were be been being am 's 've 'd 'll
    """.split()
)
ADVERB_SKIP = frozenset(
    """
    also further furthermore reportedly publicly openly repeatedly again later earlier previously
    then still already just even only once recently allegedly officially privately separately
    too not never
    """.split()
)
UNDERGO = frozenset("under face faces faced facing".split())  # "came under fire", "faced criticism"
PRONOUNS = frozenset("he she they it we i you him her them us me".split())
FIRST_PERSON = frozenset("i we".split())
DETERMINERS = frozenset(
    """
    the a an these those this that his her their its our my your such some many several
    news media press recent earlier new
    """.split()
)
PREPOSITIONS = frozenset(
    "for in on at from with of by to into onto over under about against among between".split()
)

# How much an evaluation carries across a boundary between the cue and the mention.
BOUNDARY_FACTORS = {
    "contrast": 0.35,
    "subordinator": 0.6,
    "relative": 0.6,
    "coordinator": 0.85,
    "complementizer": 0.85,
    ",": 0.7,
    ";": 0.35,
    ":": 0.5,
    "(": 0.5,
    ")": 0.5,
    "[": 0.5,
    "]": 0.5,
    "-": 0.6,
    "...": 0.7,
    "?": 0.5,
    "!": 0.5,
}
STRONG_BOUNDARY = 0.5  # at or below: a clause edge for speaker and object search
NEGATION_SCALAR = -0.74  # VADER's N_SCALAR (Hutto & Gilbert 2014)
BOOSTER_FACTOR = 1.25
DAMPENER_FACTOR = 0.75
CAPS_FACTOR = 1.2

LEXICON_NAMES = (
    "stance_cues",
    "stance_neutral",
    "stance_speech_acts",
    "stance_actions",
    "stance_reporting",
    "stance_modifiers",
    "stance_representatives",
)


class _Round6(dict):
    """``round(x, 6)`` memo for the float columns of records (lexicon values, weights and their
    products recur). Zeros are never stored, so ``-0.0`` keeps its sign; callers pass floats only
    (an int key would find the float of the same value)."""

    def __missing__(self, x: float) -> float:
        rounded = round(x, 6)
        if rounded:
            if len(self) > 20_000:  # bounded: a corpus has many distinct values
                self.clear()
            self[x] = rounded
        return rounded


ROUND6 = _Round6()


class WordInfo(NamedTuple):
    """What the lexicons say about one word (or phrase)."""

    polarity: float  # VADER scale; for role "speech": the valence toward the object
    lexicon: str  # where the polarity came from
    role: str  # "", "speech", "reporting", "action", or a modifier category
    relation: float  # relation polarity (actions, speech acts)
    category: str  # reporting category: say / claim / as / according
    term: str  # the lexicon entry that matched


class Cue(NamedTuple):
    """An evaluative or functional word of a sentence, after negation and intensity."""

    k: int  # first token index
    k_end: int  # token index after the cue
    start: int
    end: int
    term: str
    value: float  # polarity after modifiers (VADER scale)
    base: float  # polarity before modifiers
    lexicon: str
    role: str
    relation: float
    category: str
    passive: bool
    note: str  # "negated by 'not'", "boosted by 'very'"...


class Boundary(NamedTuple):
    """A clause boundary between tokens, with the factor an evaluation keeps across it."""

    k: int
    factor: float
    kind: str


class SentenceScan(NamedTuple):
    """Everything the analysers read from one sentence."""

    index: int  # type: ignore[assignment]  # a field named like tuple.index, which it shadows
    first: int  # token range of the sentence
    stop: int
    cues: tuple[Cue, ...]
    bounds: tuple[Boundary, ...]
    carry: tuple[float, ...]  # carry[i]: product of boundary factors before token first + i
    # carry[i] is scaled by 2**-shift[i] (empty: no scaling), so that a sentence with thousands
    # of boundaries does not underflow to 0.0 (powers of two scale exactly: ratios are unchanged)
    shift: tuple[int, ...] = ()

    def between(self, low: int, high: int) -> float:
        """Product of the boundary factors at token indices ``low <= k < high``."""
        carry, i, j = self.carry, low - self.first, high - self.first
        if not self.shift:
            return carry[j] / carry[i]
        return math.ldexp(carry[j] / carry[i], self.shift[i] - self.shift[j])


def _wild_split(lexicon: Lexicon) -> tuple[dict[str, str], dict[str, str], dict[tuple[str, ...], str]]:
    exact, wild, phrases = {}, {}, {}
    for term, value in lexicon.entries.items():
        if " " in term:
            phrases[tuple(term.split())] = value
        elif term.endswith("*") and len(term) > 1:
            wild[term[:-1]] = value
        else:
            exact[term] = value
    return exact, wild, phrases


class CueIndex:
    """All stance lexicons merged into look-up tables, with a per-word memo."""

    def __init__(self) -> None:
        self.lexicons = {name: load_lexicon(name) for name in LEXICON_NAMES}
        self.vader = vader_lexicon()
        neutral = self.lexicons["stance_neutral"].terms()
        self.vader_polarity = {w: v for w, v in self.vader.weights().items() if w not in neutral and " " not in w}
        cues = self.lexicons["stance_cues"]
        self.cue_exact, cue_wild, cue_phrases = _wild_split(cues)
        self.cue_wild = {k: float(v) for k, v in cue_wild.items()}
        speech_exact, speech_wild, speech_phrases = _wild_split(self.lexicons["stance_speech_acts"])
        action_exact, action_wild, action_phrases = _wild_split(self.lexicons["stance_actions"])
        report_exact, _report_wild, report_phrases = _wild_split(self.lexicons["stance_reporting"])
        mod_exact, _mod_wild, mod_phrases = _wild_split(self.lexicons["stance_modifiers"])
        self.speech_exact = {k: float(v) for k, v in speech_exact.items()}
        self.speech_wild = {k: float(v) for k, v in speech_wild.items()}
        self.action_exact = {k: float(v) for k, v in action_exact.items() if not k.startswith("-")}
        self.compound = {k[1:]: float(v) for k, v in action_exact.items() if k.startswith("-")}
        self.action_wild = {k: float(v) for k, v in action_wild.items()}
        self.report_exact = dict(report_exact)
        self.modifiers = dict(mod_exact)
        self.representatives = self.lexicons["stance_representatives"].terms()
        self.wild_lengths = sorted(
            {len(k) for k in (*self.cue_wild, *self.speech_wild, *self.action_wild)}, reverse=True
        )
        # Phrases: first word -> [(words, info)], longest first.
        phrases: dict[str, list[tuple[tuple[str, ...], WordInfo]]] = {}

        def add(words: tuple[str, ...], info: WordInfo) -> None:
            phrases.setdefault(words[0], []).append((words, info))

        for words, value in cue_phrases.items():
            add(words, WordInfo(float(value), "stance_cues", "", 0.0, "", " ".join(words)))
        for words, value in speech_phrases.items():
            add(words, WordInfo(float(value), "stance_speech_acts", "speech", 1.0 if float(value) > 0 else -1.0, "say", " ".join(words)))
        for words, value in action_phrases.items():
            add(words, WordInfo(0.0, "", "action", float(value), "", " ".join(words)))
        for words, value in report_phrases.items():
            add(words, WordInfo(0.0, "", "reporting", 0.0, value, " ".join(words)))
        for words, value in mod_phrases.items():
            add(words, WordInfo(0.0, "", value, 0.0, "", " ".join(words)))
        for term, value in self.vader.entries.items():
            if " " in term and term.replace("'", "").replace(" ", "").isalpha():
                add(tuple(term.split()), WordInfo(float(value), "vader", "", 0.0, "", term))
        for entries in phrases.values():
            entries.sort(key=lambda item: -len(item[0]))
        self.phrases = phrases
        # first word -> the words that can follow it in a phrase (a quick "no phrase here")
        self.phrase_seconds = {first: frozenset(words[1] for words, _ in entries) for first, entries in phrases.items()}
        self._memo: dict[str, WordInfo | None] = {}
        # Per looked-up word: worth a visit in a sentence scan (a lexicon entry, a phrase start,
        # a hyphenated word, or anything not starting with a letter or digit, which includes all
        # punctuation). Words not looked up yet are visited too, and then filled in here.
        self.interest: dict[str, bool] = {}

    def info(self) -> list[dict[str, str]]:
        """Provenance of every lexicon used."""
        return [self.vader.info()] + [lex.info() for lex in self.lexicons.values()]

    def _wild(self, table: dict[str, float], word: str) -> tuple[float, str] | None:
        for length in self.wild_lengths:
            if length <= len(word):
                value = table.get(word[:length])
                if value is not None:
                    return value, word[:length] + "*"
        return None

    def lookup(self, word: str) -> WordInfo | None:
        """What the lexicons say about a lower-case word (``None`` for most words)."""
        memo = self._memo
        if word in memo:
            return memo[word]
        info = self._resolve(word)
        if len(memo) > 200_000:  # bounded: a corpus has an open vocabulary
            memo.clear()
            self.interest.clear()
        memo[word] = info
        self.interest[word] = (
            info is not None or word in self.phrases or "-" in word or not word[:1].isalnum()
        )
        return info

    def _resolve(self, word: str) -> WordInfo | None:
        polarity, lexicon, term = 0.0, "", word
        if word in self.cue_exact:
            polarity, lexicon = float(self.cue_exact[word]), "stance_cues"
        else:
            wild = self._wild(self.cue_wild, word)
            if wild is not None:
                polarity, lexicon, term = wild[0], "stance_cues", wild[1]
            elif word in self.vader_polarity:
                polarity, lexicon = self.vader_polarity[word], "vader"
        role, relation, category = "", 0.0, ""
        modifier = self.modifiers.get(word)
        if modifier is None and word.endswith("n't"):
            modifier = "negator"
        if modifier is not None:
            return WordInfo(0.0, "", modifier, 0.0, "", word)
        speech = self.speech_exact.get(word)
        speech_term = word
        if speech is None:
            wild = self._wild(self.speech_wild, word)
            if wild is not None:
                speech, speech_term = wild
        if speech is not None:
            return WordInfo(speech, "stance_speech_acts", "speech", 1.0 if speech > 0 else -1.0, "say", speech_term)
        if word in self.report_exact:
            role, category = "reporting", self.report_exact[word]
        else:
            action = self.action_exact.get(word)
            action_term = word
            if action is None:
                wild = self._wild(self.action_wild, word)
                if wild is not None:
                    action, action_term = wild
            if action is not None:
                role, relation = "action", action
                if not lexicon:
                    term = action_term
        if not lexicon and not role:
            return None
        return WordInfo(polarity, lexicon, role, relation, category, term)

    def phrase_at(self, lowers: Sequence[str], k: int, stop: int) -> tuple[int, WordInfo] | None:
        """The longest lexicon phrase starting at token `k` (ending before `stop`)."""
        candidates = self.phrases.get(lowers[k])
        if not candidates:
            return None
        for words, info in candidates:
            end = k + len(words)
            if end <= stop and tuple(lowers[k:end]) == words:
                return end, info
        return None


@lru_cache(maxsize=1)
def cue_index() -> CueIndex:
    """The process-wide cue index (lexicons are read once)."""
    return CueIndex()


def _uncovered_parts(token: Token, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    parts = []
    position = token.start
    for start, end in sorted(ranges):
        if start > position:
            parts.append((position, start))
        position = max(position, end)
    if position < token.end:
        parts.append((position, token.end))
    return parts


_LOWER = itemgetter(3)  # Token.lower
_UNSEEN: Any = object()  # a sentinel, passed where a WordInfo is expected
_new_boundary = partial(tuple.__new__, Boundary)  # skip the generated __new__: hot path
_new_cue = partial(tuple.__new__, Cue)
_new_scan = partial(tuple.__new__, SentenceScan)
_BOUNDARY_ROLES = frozenset({"contrast", "subordinator", "relative", "coordinator", "complementizer"})


def scan_sentence(
    doc: Doc, index: CueIndex, si: int, full: set[int], partial: dict[int, list[tuple[int, int]]]
) -> SentenceScan:
    """Scan sentence `si`: cues (with negation, intensity and capitals applied) and boundaries.

    Look-ups run as comprehensions over the sentence's words; the Python loop only visits the
    few tokens that are punctuation, lexicon entries, phrase starts or parts of mentions.
    """
    scaled: str | int  # a cue's intensifier note in the cue loop; the rescaling exponent after it
    first, stop = doc.sentence_token_ranges[si]
    tokens = doc.tokens
    toks = tokens[first:stop]
    lowers = list(map(_LOWER, toks))
    phrases = index.phrases
    partial_here = [k - first for k in partial if first <= k < stop] if partial else ()
    # One pass at C speed: the tokens worth a look (punctuation, lexicon words, phrase starts,
    # hyphenated words, words not seen before; see CueIndex.interest). The rest cannot be cues.
    visit = list(compress(count(), map(index.interest.get, lowers, repeat(True))))
    if partial_here:
        visit = sorted(set(visit).union(partial_here))
    raw: list[tuple[Any, ...]] = []  # cue fields before modifiers are applied
    bounds: list[Boundary] = []
    negators: list[tuple[int, str]] = []
    scalers: list[tuple[int, float, str]] = []
    skip_until = -1
    norm = doc.norm
    memo = index._memo
    phrase_seconds = index.phrase_seconds
    for i in visit:
        if i < skip_until:
            continue
        k = first + i
        token = toks[i]  # start, end, text, lower, kind
        kind = token[4]
        if kind == "punct":
            key = norm[token[0]]
            if key == "." and token[1] - token[0] > 1:
                key = "..."
            factor = BOUNDARY_FACTORS.get(key)
            if factor is not None:
                bounds.append(_new_boundary((k, factor, key)))
            continue
        if kind != "word" and kind != "acronym":
            continue
        if k in full:
            if token[3] not in memo:
                index.lookup(token[3])  # a name: known now, so later scans skip it at C speed
            continue
        if partial and k in partial:  # "US-backed": the word part outside the mention
            for a, b in _uncovered_parts(token, partial[k]):
                word = doc.lower[a:b].strip("-'*")
                if not word:
                    continue
                offset = doc.lower.find(word, a, b)
                relation = index.compound.get(word)
                info = index.lookup(word)
                if relation is not None:
                    raw.append((k, k + 1, offset, offset + len(word), word, info.polarity if info else 0.0,
                                info.lexicon if info else "", "compound", relation, "", False, "", False))
                elif info is not None and info.polarity:
                    raw.append((k, k + 1, offset, offset + len(word), word, info.polarity, info.lexicon,
                                "", 0.0, "", False, "", False))
            continue
        word = lowers[i]
        phrase = None
        if word in phrases and i + 1 < len(lowers) and lowers[i + 1] in phrase_seconds[word]:
            phrase = index.phrase_at(lowers, i, stop - first)
        if phrase is not None and full and any(j in full for j in range(k, phrase[0] + first)):
            phrase = None
        span_start = token[0]
        if phrase is not None:
            end = phrase[0] + first
            info = phrase[1]
            span_end = tokens[end - 1][1]
        else:
            end = k + 1
            span_end = token[1]
            info = memo.get(word, _UNSEEN)
            if info is _UNSEEN:
                info = index.lookup(word)
            if info is None and "-" in word:  # "low-damage": read the last part
                last = word.rsplit("-", 1)[1]
                info = index.lookup(last)
                span_start = token[1] - len(last)  # the evidence is "damage", not the compound
        if info is None:
            continue
        skip_until = end - first
        role = info[2]  # WordInfo: polarity, lexicon, role, relation, category, term
        if not role or role == "speech" or role == "action" or role == "reporting":
            text = token[2]
            raw.append((k, end, span_start, span_end, info[5], info[0], info[1], role, info[3], info[4],
                        False, "", len(text) > 1 and text.isupper()))
        elif role == "negator":
            negators.append((k, info[5]))
        elif role == "booster" or role == "dampener":
            scalers.append((end, BOOSTER_FACTOR if role == "booster" else DAMPENER_FACTOR, info[5]))
        elif role in _BOUNDARY_ROLES:
            bounds.append(_new_boundary((k, BOUNDARY_FACTORS[role], role)))
        else:
            text = token[2]
            raw.append((k, end, span_start, span_end, info[5], info[0], info[1], role, info[3], info[4],
                        False, "", len(text) > 1 and text.isupper()))
    bounds.sort()
    clause_edges = [b.k for b in bounds if b.factor <= 0.7]
    negator_ks = [nk for nk, _ in negators]
    scaler_at = {sk: (factor, word) for sk, factor, word in scalers}
    shouting: bool | None = None
    cues = []
    for item in raw:
        ck = item[0]
        note = ""  # modifiers, joined with "; "
        value = item[5]
        if value and item[12]:  # an all-caps word: emphasis, unless the whole sentence shouts
            if shouting is None:
                shouting = _shouting(tokens, first, stop)
            if not shouting:
                value *= CAPS_FACTOR
        base = value
        if negator_ks:  # a negator up to three words before, in the same clause (bisect)
            n = bisect_left(negator_ks, ck) - 1
            if n >= 0 and negator_ks[n] >= ck - 3:
                nk = negator_ks[n]
                e = bisect_right(clause_edges, nk)
                if e >= len(clause_edges) or clause_edges[e] >= ck:
                    value *= NEGATION_SCALAR
                    note = f"negated by '{negators[n][1]}'"
        if scaler_at:
            scaler = scaler_at.get(ck)
            if scaler is not None:  # an intensifier right before the cue
                value *= scaler[0]
                scaled = ("boosted" if scaler[0] > 1 else "dampened") + f" by '{scaler[1]}'"
                note = f"{note}; {scaled}" if note else scaled
        role = item[7]
        passive = (role == "speech" or role == "action" or role == "reporting") and _is_passive(tokens, first, ck)
        cues.append(
            _new_cue((ck, item[1], item[2], item[3], item[4], value, base, item[6], role, item[8],
                      item[9], passive, note))
        )
    if not bounds:
        return _new_scan((si, first, stop, tuple(cues), (), (1.0,) * (stop - first + 1), ()))
    factors = [1.0] * (stop - first)
    for bound in bounds:
        factors[bound.k - first] *= bound.factor
    # carry[i]: the product of the factors before token first + i, multiplied in order (as the
    # loop below does); the factors are at most 1, so the last product is the smallest.
    carry = list(accumulate(factors, mul, initial=1.0))
    if carry[-1] >= _TINY:
        return _new_scan((si, first, stop, tuple(cues), tuple(bounds), tuple(carry), ()))
    carry = [1.0] * (stop - first + 1)
    shift: list[int] = []
    if bounds:
        factor_at: dict[int, float] = {}
        for bound in bounds:
            factor_at[bound.k] = factor_at.get(bound.k, 1.0) * bound.factor
        product = 1.0
        scaled = 0
        for i in range(stop - first):
            carry[i] = product
            if scaled:
                shift.append(scaled)
            product *= factor_at.get(first + i, 1.0)
            if product < _TINY:  # thousands of commas: rescale before the product underflows
                if not scaled:
                    shift = [0] * (i + 1)
                product = math.ldexp(product, _RESCALE)
                scaled += _RESCALE
        carry[stop - first] = product
        if scaled:
            shift.append(scaled)
    return SentenceScan(si, first, stop, tuple(cues), tuple(bounds), tuple(carry), tuple(shift))


_RESCALE = 512
_TINY = math.ldexp(1.0, -_RESCALE)


def _shouting(tokens: Sequence[Token], first: int, stop: int) -> bool:
    """True if most words of the sentence are in capitals (then capitals are no emphasis)."""
    words = [t.text for t in tokens[first:stop] if t.kind == "word" and t.text.isalpha()]
    return bool(words) and sum(w.isupper() for w in words) * 2 > len(words)


def _is_passive(tokens: Sequence[Token], first: int, k: int) -> bool:
    """True if the verb at `k` follows a form of "be" (adverbs may intervene): "was accused"."""
    j = k - 1
    while j >= first and k - j <= 4 and (
        tokens[j].lower in ADVERB_SKIP or (tokens[j].lower.endswith("ly") and len(tokens[j].lower) > 4)
    ):
        j -= 1
    if j >= first and tokens[j].lower in BE_FORMS:
        word = tokens[k].lower
        # a past participle ("was accused", "were told"), not a progressive ("is warning")
        return not word.endswith("ing") and (word.endswith(("ed", "en", "wn")) or pos_of(tokens[k]) in ("VBN", "VBD"))
    # "came under attack", "faced heavy criticism": the subject undergoes the act
    for j in range(k - 1, max(first, k - 3) - 1, -1):
        if tokens[j].kind != "word":
            return False
        if tokens[j].lower in UNDERGO:
            return True
    return False


class DocContext:
    """One text being analysed: its doc, mentions and lazily computed sentence scans.

    Attributes
    ----------
    quotes : list of (int, int)
        Double-quoted spans ``(open, close)`` (offsets of the quotation marks), paired in order;
        an unpaired last mark is ignored. `quote_closes` lists their closes.
    """

    def __init__(self, doc: Doc, registry: ActorRegistry, mentions: Sequence[Mention] | None = None) -> None:
        self.doc = doc
        self.registry = registry
        self.mentions = found = tuple(registry.find(doc) if mentions is None else mentions)
        self.index = cue_index()
        self._scans: dict[int, SentenceScan] = {}
        self.attribution_cache: dict[int, list[Any]] = {}
        self.sentence_cache: dict[tuple[Any, ...], Any] = {}  # small per-sentence facts (key: a name, a sentence, ...)
        self.by_sentence: dict[int, list[Mention]] = {}
        self.mention_at_token: dict[int, Mention] = {}
        # Tokens entirely inside a (non-epithet) mention, and partly covered tokens with the
        # covered character ranges. Epithets ("Assad regime") keep their evaluative words as cues.
        self._full: set[int] = set()
        self._partial: dict[int, list[tuple[int, int]]] = {}
        if found:
            by_sentence, at, full = self.by_sentence, self.mention_at_token, self._full
            tokens = doc.tokens
            for mention in found:
                start, end, form, si, t0, t1 = mention[0], mention[1], mention[4], mention[6], mention[7], mention[8]
                group = by_sentence.get(si)
                if group is None:
                    by_sentence[si] = [mention]
                else:
                    group.append(mention)
                for k in range(t0, t1):
                    if k not in at:
                        at[k] = mention
                    if form != "epithet":
                        token = tokens[k]
                        if start <= token[0] and token[1] <= end:
                            full.add(k)
                        else:
                            self._partial.setdefault(k, []).append((start, end))
        norm = doc.norm
        mark = norm.find('"')
        if mark == -1:
            self.quotes: list[tuple[int, int]] = []
            self.quote_closes: list[int] = []
        else:
            marks = []
            while mark != -1:
                marks.append(mark)
                mark = norm.find('"', mark + 1)
            self.quotes = [(marks[n], marks[n + 1]) for n in range(0, len(marks) - 1, 2)]
            self.quote_closes = [close for _, close in self.quotes]

    def scan(self, si: int) -> SentenceScan:
        """The scan of sentence `si` (computed once)."""
        scan = self._scans.get(si)
        if scan is None:
            scan = scan_sentence(self.doc, self.index, si, self._full, self._partial)
            self._scans[si] = scan
        return scan


# -- part of speech (for noun/verb decisions and predication) --------------------------------


class PosLexicon(NamedTuple):
    """Brill's word -> most frequent tag lexicon, as shipped (offline) with TextBlob."""

    tags: dict[str, str]
    info: dict[str, str]


@lru_cache(maxsize=1)
def pos_lexicon() -> PosLexicon:
    """Read TextBlob's copy of Brill's (1992) tagger lexicon once per process (MIT licence)."""
    import hashlib
    from importlib import metadata

    from discourse.lexicons.external import package_file

    data = package_file("textblob", "en", "en-lexicon.txt").read_bytes()  # (textblob not imported)
    tags: dict[str, str] = {}
    for line in data.decode("utf-8").splitlines():
        if line.startswith(";;;"):
            continue
        parts = line.split()
        if len(parts) == 2:
            tags[parts[0]] = parts[1]
    info = {
        "name": "brill_pos_lexicon",
        "file": "textblob/en/en-lexicon.txt",
        "sha256": hashlib.sha256(data).hexdigest(),
        "version": metadata.version("textblob"),
        "source": "textblob package (pattern.en), from Brill's tagger v1.14",
        "licence": "MIT",
        "citation": "Brill, E. (1992). A simple rule-based part of speech tagger. ANLP.",
        "entries": str(len(tags)),
    }
    return PosLexicon(tags, info)


_SUFFIX_TAGS = (
    ("ly", "RB"), ("ing", "VBG"), ("ed", "VBN"), ("ous", "JJ"), ("ful", "JJ"), ("ive", "JJ"),
    ("able", "JJ"), ("ible", "JJ"), ("ic", "JJ"), ("al", "JJ"), ("less", "JJ"), ("ist", "JJ"),
)


def pos_of(token: Token) -> str:
    """The most frequent Penn tag of a token's word (suffix rules for unknown words)."""
    hit = _POS_MEMO.get(token[2])
    if hit is not None and hit[0] == token[3] and hit[1] == token[4]:  # same lower form and kind
        return hit[2]
    tag = _pos_of(token)
    if len(_POS_MEMO) > 200_000:  # bounded: an open vocabulary
        _POS_MEMO.clear()
    _POS_MEMO[token[2]] = (token[3], token[4], tag)
    return tag


_POS_MEMO: dict[str, tuple[str, str, str]] = {}  # text -> (lower, kind, tag)


def _pos_of(token: Token) -> str:
    tags = pos_lexicon().tags
    tag = tags.get(token.text) or tags.get(token.lower)
    if tag is not None:
        return tag
    if token.kind != "word":
        return "CD" if token.kind == "number" else "SYM"
    if token.text[:1].isupper():
        return "NNP"
    for suffix, suffix_tag in _SUFFIX_TAGS:
        if token.lower.endswith(suffix) and len(token.lower) > len(suffix) + 2:
            return suffix_tag
    return "NN"


def is_noun_use(tokens: Sequence[Token], first: int, k: int) -> bool:
    """True if the word at `k` is used as a noun: usually a noun, and preceded by a
    determiner, adjective, preposition, possessive or number ("a direct clash", "of support")."""
    if not pos_of(tokens[k]).startswith("NN"):
        return False
    if k == first:
        return False
    previous = tokens[k - 1]
    if previous.lower in AUXILIARIES:
        return False  # "is warning"
    if tokens[k].lower.endswith(("ings", "ions", "ion", "ment", "ments")):
        return True  # never verbs: "Russian warnings", "accusations"
    if previous.lower in ("'s", "'") or previous.lower in DETERMINERS or previous.lower in PREPOSITIONS:
        return True
    tag = pos_of(previous)
    if tag == "NN":  # "air attack": a known singular noun before
        return True
    return tag.startswith(("JJ", "DT", "PRP$", "CD")) and previous.lower not in AUXILIARIES
