"""Target-dependent features of a mention, shared by the fitted stance model's fitting and inference.

The fitted target-sentiment model (:mod:`discourse.actors.stance_model`, fitted by
:mod:`discourse.training.target_sentiment`) is a multinomial logistic regression over sparse
features of one target mention in its sentence. This module is the *only* place those features
are computed, so fitting and inference see the same tokens (the library's :class:`~discourse.text.Doc`)
and the same names. Every feature is a :class:`Hit`: a name, a value and the character span of
the word(s) that fired it, so a prediction decomposes into terms tied to spans.

Feature families (the prefix before ``|``):

* ``L1..L4`` / ``R1..R4``: a word left/right of the target, by distance bucket (1, 2-3, 4-7,
  8-10 tokens);
* ``c`` / ``x`` (+ ``q``, ``o``): a word within 10 tokens in the target's clause or across a
  clause boundary ("but", ";", "while", relative "who/which", brackets, dashes), inside a
  quotation the target is not in (``q``), with another named entity in between (``o``);
* ``s``: a word of the sentence within 25 tokens (the sentence-level context);
* words carry their scope: ``~`` negated (a negator up to three words before, same clause),
  ``?`` under a modal ("would", "could", "may"...);
* ``b`` (bigrams, a setting): two adjacent words within three tokens, by side (``bLn``, ``bRn``);
* ``t``: the target's form (a pronoun, or ``<name>``: never the name itself, so no actor gets
  a prior of its own from the training data); ``np``: modifiers right before it in its noun phrase
  ("the *disgraced* former senator X"); ``poss``: the head after a possessive ("X's *lies*");
* ``A`` / ``P``: the verb whose agent (subject; "by X" in a passive) or patient (object; subject
  of a passive) the target is, by simple position rules; ``role``: which of the two;
* ``lex``: the rule method's attached cues (stance lexicons, speech acts, VADER), value = the
  rule contribution, named by lexicon and role (a setting); ``sv``: the VADER and stance-lexicon
  valences of the sentence within 60 tokens, unweighted (the sentence-level sentiment);
* ``qs``: the sentence is a question;
* ``ins`` (a setting): an insult or a name for people that disparages them ("stupid", "idiot",
  "thug", "clown": the single words of the library's ``rhetoric_insults`` and
  ``rhetoric_name_calling`` lists, after Coe, Kenski & Rains 2014) within 10 tokens, by its
  clause relation to the target (``ins|c``, ``ins|xo``, ...; not when negated): one weight per relation for all
  the words, so the few insults of news sentences teach it, and comments, where they are
  common, use it.

Examples
--------
>>> from discourse.text import Doc
>>> doc = Doc("Critics slammed Smith.")
>>> names = [h.name for h in target_features(doc, 0, 2, 3)]
>>> "A|slammed" in names, "P|slammed" in names, "L1|slammed" in names
(False, True, True)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import partial
from itertools import accumulate, compress
from operator import and_, itemgetter, xor
from typing import Any, NamedTuple

from discourse.actors.context import AUXILIARIES, BE_FORMS, pos_of
from discourse.text import Doc, normalize

__all__ = [
    "FEATURE_VERSION", "DEFAULT_SETTINGS", "TOKEN_PREFIXES", "Hit", "SentenceFacts", "sentence_facts",
    "target_features", "role_note", "NAME_FORM", "NAME_FORM_FEATURE",
]

FEATURE_VERSION = "5"
"""Version of the feature definitions; a weight file records the version it was fitted with."""

DEFAULT_SETTINGS: dict[str, Any] = {"bigrams": True, "lexicon": True, "insults": True}
"""Feature settings (chosen by cross-validation; the weight file stores the chosen ones)."""

NAME_FORM = "<name>"
"""The target's form when it is named (not a pronoun): the model never sees which name."""

NAME_FORM_FEATURE = "t|" + NAME_FORM
"""The feature of a named target (the same for every named actor: part of the baseline)."""

_REACH = 10  # tokens either side of the target with positional features
_BAG_REACH = 25  # tokens either side of the target in the sentence bag (giant comment sentences)
_SV_REACH = 60  # tokens either side of the target whose lexicon valence counts as the sentence's
_NEGATORS = frozenset(
    "not no never nor neither without none nobody nothing cannot hardly barely n't".split()
)
_MODALS = frozenset("would could may might should must can will shall 'd 'll".split())
# Clause boundaries: contrast, relative and subordinate clauses, semicolons, brackets, dashes.
_CLAUSE_WORDS = frozenset(
    "but while whereas although though however yet who which whom whose because since unless".split()
)
_CLAUSE_PUNCT = frozenset(";:()[]-")
_PRONOUNS = frozenset("he she they him her them his hers their i we you it".split())
_STOP_NP = frozenset("the a an this that these those his her their its our my your".split())


class Hit(NamedTuple):
    """One fired feature: its name, value and the character span of the words that fired it.

    Examples
    --------
    >>> Hit("L1|slammed", 1.0, 8, 15).name
    'L1|slammed'
    """

    name: str
    value: float
    start: int
    end: int


class SentenceFacts(NamedTuple):
    """What the features need from one sentence, computed once per sentence (see :func:`sentence_facts`).

    Examples
    --------
    >>> sentence_facts(Doc("He did not win."), 0).scope
    ('', '', '', '~', '')
    """

    first: int  # token range of the sentence in doc.tokens
    stop: int
    words: tuple[str, ...]  # feature form of each token ('' = skipped: punctuation)
    scope: tuple[str, ...]  # '~' negated, '?' under a modal, ''
    clause: tuple[int, ...]  # clause number of each token
    quoted: tuple[bool, ...]  # inside double quotes
    verb: tuple[bool, ...]  # a main verb (not an auxiliary)
    passive: tuple[bool, ...]  # a verb after a form of "be" ("was accused")
    proper: tuple[bool, ...]  # a capitalised name-like word (another entity), not sentence-initial
    modifier: tuple[bool, ...]  # an adjective, noun or participle (can stand in a noun phrase)
    question: bool
    bag: tuple[str, ...]  # the sentence-bag feature name of each token ('' = none)
    suffix: tuple[str, ...]  # "|" + scope mark + word of each token, the tail of its feature names
    proper_at: tuple[int, ...]  # positions of the proper-name-like words
    spans: tuple[tuple[int, int], ...] = ()  # (start, end) of each token (shared keys of the scorer)
    insult: tuple[bool, ...] = ()  # an insult or disparaging name, not negated (the ``ins`` features)


def _word_form(text: str, lower: str, kind: str) -> str:
    if kind == "punct":
        return "!" if "!" in text else ""
    if kind == "number":
        return "<num>"
    if kind == "url":
        return "<url>"
    return lower


_hit = partial(tuple.__new__, Hit)  # skips the generated __new__: hot path
_CUE_K = itemgetter(0)  # a scan cue's first token
class _NoInsults:
    """``insult[k]`` is False for every k (the ``insults`` setting off)."""

    def __getitem__(self, k: int) -> bool:
        return False


_NO_INSULTS = _NoInsults()


class _Window(dict):
    """Positions marked True, False elsewhere (a sparse list for giant sentences)."""

    def __missing__(self, k: int) -> bool:
        return False


# (across a clause boundary, inside a quotation the target is not in, another name in between)
# -> the prefix of the clause feature: c / x, then q, then o
_CLAUSE_PREFIX = {
    (across, quote, other): ("x" if across else "c") + ("q" if quote else "") + ("o" if other else "")
    for across in (False, True) for quote in (False, True) for other in (False, True)
}


_PASSIVE_SKIP = frozenset(("not", "also", "reportedly", "allegedly"))


class _TokenInfo(NamedTuple):
    """What the sentence facts need from one token type, independent of its neighbours."""

    lower: str  # (checked: the memo is keyed by the surface)
    kind: str
    word: str  # feature form ('' = skipped)
    boundary: bool  # starts a clause: "but", "which"..., or one of ;:()[]- (not a quotation mark)
    negator: bool
    modal: bool
    verb: bool  # a main verb (not an auxiliary)
    passive_tag: bool  # VBN or VBD
    skip_back: bool  # an adverb skipped when looking for "be" before a participle
    be: bool
    proper: bool  # a name-like word (if not sentence-initial)
    modifier: bool
    insult: bool  # an insult or disparaging name (see the module notes)
    tail: str  # "|" + word ('' if skipped): the tail of its feature names when not in a scope
    bag: str  # "s" + tail ('' if skipped): its sentence-bag feature when not in a scope
    quote: bool  # punctuation holding a double quotation mark (it opens or closes a quotation)


def _insult_words() -> frozenset[str]:
    from discourse.lexicons import load_lexicon

    words = set()
    for name in ("rhetoric_insults", "rhetoric_name_calling"):
        words |= {term for term in load_lexicon(name).terms() if " " not in term and "*" not in term}
    return frozenset(words)


_INSULTS = _insult_words()


def _token_info(token: Any) -> _TokenInfo:
    text, lower, kind = token[2], token[3], token[4]
    tag = pos_of(token) if kind == "word" else ""
    word = _word_form(text, lower, kind)
    # Punctuation is read in its normalised form (curly quotes straight, dashes "-"): the token's
    # slice of Doc.norm, which normalize() gives character by character.
    mark = normalize(text) if kind == "punct" else ""
    quote = '"' in mark
    return _TokenInfo(
        lower,
        kind,
        word,
        not quote and (lower in _CLAUSE_WORDS or mark[:1] in _CLAUSE_PUNCT),
        lower in _NEGATORS or lower.endswith("n't"),
        lower in _MODALS,
        tag.startswith("VB") and lower not in AUXILIARIES,
        tag in ("VBN", "VBD"),
        lower.endswith("ly") or lower in _PASSIVE_SKIP,
        lower in BE_FORMS,
        kind == "word" and text[:1].isupper() and tag in ("NNP", "NNPS") and not text.isupper(),
        tag.startswith(("JJ", "NN")) or tag in ("VBN", "VBG"),
        kind == "word" and lower in _INSULTS,
        "|" + word if word else "",
        "s|" + word if word else "",
        quote,
    )


_INFO: dict[str, _TokenInfo] = {}  # surface -> facts of the token type (bounded)


def sentence_facts(doc: Doc, si: int) -> SentenceFacts:
    """The per-sentence facts of sentence `si` of `doc` (tokens from :attr:`Doc.tokens`).

    Examples
    --------
    >>> f = sentence_facts(Doc('Smith said "they lie" but Jones won.'), 0)
    >>> f.clause, f.quoted[3:6]
    ((0, 0, 0, 0, 0, 0, 1, 1, 1, 1), (True, True, False))
    """
    first, stop = doc.sentence_token_ranges[si]
    tokens = doc.tokens[first:stop]
    memo = _INFO
    infos = []
    for t in tokens:  # one look-up per token: the facts of its word type are computed once
        info = memo.get(t[2])
        if info is None or info[0] != t[3] or info[1] != t[4]:
            info = _token_info(t)
            if len(memo) > 200_000:  # bounded: an open vocabulary
                memo.clear()
            memo[t[2]] = info
        infos.append(info)
    n = len(tokens)
    if not n:
        return SentenceFacts(first, stop, (), (), (), (), (), (), (), (), False, (), (), (), (), ())
    # The facts of the word types as columns (transposed in C); the ones that depend on the
    # neighbours are derived from them below, with Python loops only over the rare tokens
    # (quotation marks, negators, modals, participles).
    (_, _, words, boundary, negator, modal, verb, participle, skip_back, be, proper, modifier, insult,
     tails, bags, quote) = zip(*infos)
    # A clause runs from a boundary token to the next; the first clause is number 0.
    clause = tuple(accumulate(boundary, initial=0))[1:]
    # Inside a quotation: after an odd number of quotation marks (the marks themselves are not).
    quoted = tuple(map(_inside_only, accumulate(quote, xor), quote)) if any(quote) else (False,) * n
    scope = _scopes(words, clause, negator, modal) if any(negator) or any(modal) else ("",) * n
    passive = _passives(verb, participle, skip_back, be)
    proper = (False,) + proper[1:]  # (the first word of a sentence is capitalised anyway)
    question = any(t[4] == "punct" and "?" in t[2] for t in tokens[-2:])
    if any(scope):  # the scope mark goes into the feature names; a negated insult is none
        suffix = tuple([f"|{mark}{w}" if w else "" for w, mark in zip(words, scope)])
        bag = tuple(["s" + tail if tail else "" for tail in suffix])
        insult = tuple([is_insult and mark != "~" for is_insult, mark in zip(insult, scope)])
    else:  # (most sentences) the names of the word types
        suffix, bag = tails, bags
    columns = doc.token_columns
    return SentenceFacts(first, stop, words, scope, clause, quoted, verb, passive, proper, modifier, question,
                         bag, suffix, tuple(compress(range(n), proper)),
                         tuple(zip(columns.starts[first:stop], columns.ends[first:stop])), insult)


def _inside_only(inside: bool, is_quote: bool) -> bool:
    return inside and not is_quote  # a quotation mark itself is outside


def _scopes(
    words: tuple[str, ...], clause: tuple[int, ...], negator: tuple[bool, ...], modal: tuple[bool, ...]
) -> tuple[str, ...]:
    """The scope mark of each token: ``~`` with a negator up to three tokens before it in its
    clause, else ``?`` with a modal there, else ``''`` (skipped tokens have none)."""
    n = len(words)
    scope = [""] * n
    for mark, cues in (("?", modal), ("~", negator)):  # (a negator's mark overrides a modal's)
        for j in compress(range(n), cues):
            for i in range(j + 1, min(n, j + 4)):
                if clause[i] != clause[j]:
                    break
                if words[i]:
                    scope[i] = mark
    return tuple(scope)


def _passives(
    verb: tuple[bool, ...], participle: tuple[bool, ...], skip_back: tuple[bool, ...], be: tuple[bool, ...]
) -> tuple[bool, ...]:
    """Whether each token is a passive participle: a main verb tagged VBN / VBD whose nearest
    token before it, adverbs ("-ly", "not", "also", ...) skipped, is a form of "be"."""
    passive = [False] * len(verb)
    for k in compress(range(len(verb)), map(and_, verb, participle)):
        j = k - 1
        while j >= 0 and skip_back[j]:
            j -= 1
        passive[k] = j >= 0 and be[j]
    return tuple(passive)


# distance (1.._REACH) -> bucket: 1, 2-3, 4-7, 8+
_BUCKET = ("",) + tuple("1" if d <= 1 else "2" if d <= 3 else "3" if d <= 7 else "4" for d in range(1, _REACH + 2))

TOKEN_PREFIXES: tuple[str, ...] = (
    tuple(f"L{b}" for b in "1234")
    + tuple(f"R{b}" for b in "1234")
    + tuple(_CLAUSE_PREFIX[across, quote, other] for across in (False, True) for quote in (False, True)
            for other in (False, True))
    + ("s",)
)
"""The prefixes of the per-token feature families, in a fixed order: ``L1..L4``, ``R1..R4``, the
eight clause prefixes (index ``8 + 4 * across + 2 * quoted + other``) and the sentence bag ``s``
(used by the scorer of :mod:`discourse.actors.stance_scoring` to look a word's weights up once)."""


def role_note(note: str) -> str:
    """The role part of a rule cue's note, as the ``lex|`` features name it.

    Examples
    --------
    >>> role_note("negated by 'not'; object of the speech act")
    'object'
    """
    for key in ("object", "speaker", "agent", "patient", "outside", "said by"):
        if key in note:
            return key.replace(" ", "_")
    return "near"


def target_features(
    doc: Doc,
    si: int,
    t0: int,
    t1: int,
    others: Sequence[tuple[int, int]] = (),
    rule_cues: Iterable[Sequence[Any]] = (),
    sentence_cues: Iterable[Sequence[Any]] = (),
    settings: dict[str, Any] | None = None,
    facts: SentenceFacts | None = None,
) -> list[Hit]:
    """The features of the target at tokens ``[t0, t1)`` of sentence `si`.

    Parameters
    ----------
    doc : Doc
        The text.
    si : int
        The sentence of the target.
    t0, t1 : int
        Token range of the target (indices into ``doc.tokens``).
    others : sequence of (int, int)
        Token ranges of other actor mentions in the sentence (besides capitalised names, which
        are found here).
    rule_cues : iterable of CueEvidence-like tuples
        The rule method's cues attached to the target: ``(term, start, end, value, weight,
        contribution, lexicon, note)``.
    sentence_cues : iterable of Cue-like tuples
        All cues of the sentence scan: ``(k, k_end, start, end, term, value, base, lexicon, ...)``.
    settings : dict, optional
        ``bigrams`` and ``lexicon`` switches (:data:`DEFAULT_SETTINGS`).
    facts : SentenceFacts, optional
        :func:`sentence_facts` of the sentence, if already computed.

    Returns
    -------
    list of Hit
        In a fixed order (for the same input, the same list).

    Examples
    --------
    >>> hits = target_features(Doc("The brutal dictator Smith spoke."), 0, 3, 4)
    >>> [h.name for h in hits if h.name.startswith("np")]
    ['np|dictator', 'np|brutal']
    """
    settings = DEFAULT_SETTINGS if settings is None else settings
    f = facts if facts is not None else sentence_facts(doc, si)
    first, stop = f.first, f.stop
    tokens = doc.tokens
    words, scope, clause, quoted = f.words, f.scope, f.clause, f.quoted
    a, b = t0 - first, t1 - first  # target, relative to the sentence
    n = stop - first
    if a < 0 or b > n or a >= b:
        return []
    hits: list[Hit] = []
    add = hits.append
    # Other entities: given mentions, and capitalised names outside the target (looked at only in
    # the window read below, so a giant sentence with many mentions stays linear).
    lo, hi = max(0, a - _BAG_REACH), min(n, b + _BAG_REACH)
    other_at = [False] * n if n <= 4 * _BAG_REACH else _Window()  # (a giant sentence: only the window)
    for o0, o1 in others:
        for k in range(max(o0 - first, lo), min(o1 - first, hi)):
            if not a <= k < b:
                other_at[k] = True
    proper_at = f.proper_at
    for k in proper_at[bisect_left(proper_at, lo) : bisect_left(proper_at, hi)]:
        if not a <= k < b:
            other_at[k] = True
    target_quoted = quoted[a]
    target_clause = clause[a] if a < n else 0
    # Words around the target: position and clause features near it, the sentence bag further.
    low, high = max(0, a - _REACH), min(n, b + _REACH)
    suffix = f.suffix
    insult = f.insult if settings.get("insults", True) else _NO_INSULTS
    seen_other = False
    for k in range(a - 1, low - 1, -1):  # leftwards, so "another entity in between" accumulates
        if other_at[k]:
            seen_other = True
            continue
        tail = suffix[k]
        if not tail:
            continue
        token = tokens[first + k]
        s0, s1 = token[0], token[1]
        add(_hit(("L" + _BUCKET[a - k] + tail, 1.0, s0, s1)))
        prefix = _CLAUSE_PREFIX[clause[k] != target_clause, quoted[k] and not target_quoted, seen_other]
        add(_hit((prefix + tail, 1.0, s0, s1)))
        if insult[k]:
            add(_hit(("ins|" + prefix, 1.0, s0, s1)))
    seen_other = False
    for k in range(b, high):
        if other_at[k]:
            seen_other = True
            continue
        tail = suffix[k]
        if not tail:
            continue
        token = tokens[first + k]
        s0, s1 = token[0], token[1]
        add(_hit(("R" + _BUCKET[k - b + 1] + tail, 1.0, s0, s1)))
        prefix = _CLAUSE_PREFIX[clause[k] != target_clause, quoted[k] and not target_quoted, seen_other]
        add(_hit((prefix + tail, 1.0, s0, s1)))
        if insult[k]:
            add(_hit(("ins|" + prefix, 1.0, s0, s1)))
    bag = f.bag
    for k in range(lo, hi):
        name = bag[k]
        if name and not other_at[k] and not a <= k < b:
            token = tokens[first + k]
            add(_hit((name, 1.0, token[0], token[1])))
    if settings.get("bigrams", True):
        for k in list(range(max(0, a - 4), a - 1)) + list(range(b, min(n - 1, b + 3))):
            w1, w2 = words[k], words[k + 1]
            if not w1 or not w2 or other_at[k] or other_at[k + 1]:
                continue
            add(_hit((f"b{'L' if k < a else 'R'}n|{w1}_{w2}", 1.0, tokens[first + k][0], tokens[first + k + 1][1])))
    # The target itself (its form only: a name's identity is no evidence of how this text treats
    # it, though NewsMTSC's targets would teach a prior per person) and its noun phrase.
    form = words[a] if b - a == 1 and words[a] in _PRONOUNS else NAME_FORM
    add(Hit(f"t|{form}", 1.0, tokens[t0][0], tokens[t1 - 1][1]))
    k = a - 1
    while k >= 0 and a - k <= 3 and f.modifier[k] and words[k] not in _STOP_NP and not other_at[k]:
        token = tokens[first + k]
        add(Hit(f"np|{words[k]}", 1.0, token[0], token[1]))
        k -= 1
    if b < n and words[b] in ("'s", "'"):
        k = b + 1
        while k < n and k <= b + 3 and words[k]:
            if not f.verb[k] and tokens[first + k][4] == "word":
                token = tokens[first + k]
                add(Hit(f"poss|{words[k]}", 1.0, token[0], token[1]))
            if k + 1 < n and not words[k + 1]:
                break
            k += 1
    # Agent or patient of the nearest verb in the clause.
    left = next((k for k in range(a - 1, max(-1, a - 9), -1) if f.verb[k] and clause[k] == target_clause), None)
    right = next((k for k in range(b, min(n, b + 8)) if f.verb[k] and clause[k] == target_clause), None)
    verb_k, role = None, ""
    if right is not None and left is None:  # (a verb before the target in its clause makes it the object)
        verb_k, role = right, ("P" if f.passive[right] else "A")
    elif left is not None:
        by = a > 0 and words[a - 1] == "by"
        verb_k, role = left, ("A" if by and f.passive[left] else "P")
    if verb_k is not None:
        token = tokens[first + verb_k]
        add(Hit(f"{role}|{scope[verb_k]}{words[verb_k]}", 1.0, token[0], token[1]))
        add(Hit(f"role|{role}", 1.0, token[0], token[1]))
    if f.question:
        last = tokens[stop - 1]
        add(Hit("qs|?", 1.0, last[0], last[1]))
    if settings.get("lexicon", True):
        for cue in rule_cues:
            contribution = cue[5]
            if contribution:
                add(Hit(f"lex|{cue[6]}|{role_note(cue[7])}", float(contribution), cue[1], cue[2]))
        cues = sentence_cues if isinstance(sentence_cues, (list, tuple)) else list(sentence_cues)
        k0, k1 = t0 - _SV_REACH, t1 + _SV_REACH  # (a giant sentence: the cues near the target)
        for cue in cues[bisect_left(cues, k0, key=_CUE_K) : bisect_left(cues, k1, key=_CUE_K)]:
            value = cue[5]
            if value:
                add(Hit(f"sv|{cue[7]}", float(value), cue[2], cue[3]))
    return hits
