"""Detectors that read the structure of a text rather than single words.

Questions and rhetorical questions, exclamations, ellipses, shouting, quotations and scare
quotes, imperatives, numbers, repetition and masked profanity. Each function takes a
:class:`~discourse.rhetoric.rules.Context` (the shared tokens and sentences of one text) and
returns character spans ``(start, end)`` into the text. All work is linear in the length of the
text: the regular expressions are anchored with look-behinds so that they can only start at the
beginning of a run, and every quoted stretch is bounded.

Examples
--------
>>> from discourse.text import Doc
>>> from discourse.rhetoric.rules import Context
>>> ctx = Context(Doc("Why? Because WE SAID SO!!! Really..."))
>>> [ctx.doc.text[a:b] for a, b in exclamations(ctx)], [ctx.doc.text[a:b] for a, b in ellipses(ctx)]
(['!!!'], ['...'])
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from functools import partial
from itertools import compress, repeat
from operator import add, attrgetter, eq, itemgetter, le
from collections.abc import Collection, Mapping, Sequence

from discourse.rhetoric.rules import Context

__all__ = [
    "questions",
    "rhetorical_questions",
    "exclamations",
    "ellipses",
    "shouting",
    "quotations",
    "imperatives",
    "numbers",
    "repeated_ngrams",
    "duplicate_sentences",
    "epizeuxis",
    "masked_words",
    "superlative_suffix",
    "merge_spans",
]

Span2 = tuple[int, int]
_TEXT = attrgetter("text")
_KIND = attrgetter("kind")

_BANGS = re.compile(r"!+")  # finditer resumes after a run, so each run is one match
# Two or more "." or one or more "…". Written to open with a character class, which the regex
# engine finds with a fast scan ("\.{2,}|…+" is tried at every offset of the text).
_ELLIPSIS = re.compile(r"[.…](?:(?<=\.)\.+|(?<=…)…*)")
# A double-quoted stretch within one line, at most 1,000 characters: every '"' starts at most
# one bounded attempt, so 50,000 quotation marks in a row are scanned in linear time.
_DOUBLE = re.compile(r'"([^"\n]{1,1000})"')
# A single-quoted stretch: the opening mark follows a non-word character and precedes a letter
# (so '60s and don't never open), in-word apostrophes are allowed inside, the closing mark
# follows a non-space and precedes a non-word character.
# (The pattern starts with the literal quote, so the engine can search for it quickly; the
# look-behind after it checks the character before the quote.)
_SINGLE = re.compile(r"'(?<![\w']')(?=[^\W\d_])((?:[^'\n]|(?<=\w)'(?=\w)){1,300}?)(?<=[^\s'])'(?!\w)")
_EST = re.compile(r"est(?<=[a-z]{2}est)(?![\w'*-])")
# Candidates for masked profanity: letters with masking symbols (f**k, sh*t, s#!t, a$$, @ss).
_MASK_CHARS = "*#@$%!"
# Bounded (at most 21 characters from a start that no word character precedes): linear time.
_MASKED = re.compile(r"(?<![\w*#@$%!])(?=[\w*#@$%!]{0,20}[*#@$%!])[a-z@$][\w*#@$%!]{1,20}(?![\w*#@$%])")
# "[a-z]![a-z]" written to start with the literal "!", which the engine finds with a fast scan
_BANG_WORD = re.compile(r"!(?<=[a-z]!)(?=[a-z])")
_MASK_CHAR = re.compile(r"[*#@$%!]")
_MASK_RUN = re.compile(r"[\w*#@$%!]+")  # from a mask character to the end of its run
_in_mask_run = re.compile(r"[\w*#@$%!]").match  # one character of a run _MASKED can match
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_TERMINAL_QUOTE = re.compile(r"[.!?]['\"]?$")

_LEAD_SKIP = frozenset(
    "so and but now just please then oh ok okay well yes hey or also".split() + [",", "-", '"', "'", "(", ":"]
)
_SUBJECTS = frozenset("i you he she we they".split())
_NEG_AUX = frozenset(
    """isn't aren't wasn't weren't don't doesn't didn't can't couldn't won't wouldn't shouldn't
    hasn't haven't hadn't ain't isnt arent dont doesnt didnt cant wont""".split()
)
_DECLARATIVE_START = frozenset(
    "you they we i he she it this that there these those you're they're we're i'm".split()
)
_TAGS = frozenset("right no eh huh correct yes ok".split())
_NOT_IMPERATIVE_NEXT = frozenset(
    """'s is are was were has have had will would can could should may might must does did
    of""".split()
)
_IMPERATIVE_OPENERS = frozenset(("don't", "dont", "never", "do", "let"))
_VOWELS = frozenset("AEIOUY")
# Byte table: ASCII capitals, "'", "-" and "?" (what encode(..., "replace") makes of any
# non-ASCII character) -> "U", everything else -> "." (see _shouted_words()).
_SHOUT_SHAPES = bytes(ord("U") if 65 <= b <= 90 or b in b"'-?" else ord(".") for b in range(256))
# (written with a literal prefix, which the regex engine finds with a fast scan; "U{3,}" is
# tried at every offset)
_SHOUT_RUN = re.compile(rb"UUU+")
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_STOPWORDS = frozenset(
    """the a an and or but if then that this these those it its to of in on at by for with as
    from into is are was were be been being do does did have has had i you he she we they me
    him her us them my your his our their what which who when where why how there here not no
    so will would can could should may might must just also very all any some more most than
    's up out about over""".split()
)
# word -> 0 for a stopword, 1 for any other word (filled as words are seen)
_CONTENT: defaultdict[str, int] = defaultdict(partial(int, 1), dict.fromkeys(_STOPWORDS, 0))
_CONTENT_LIMIT = 200_000
_NO_EPIZEUXIS = frozenset(
    "that had is the a an to of in and it was do be i you he she we they my his her".split()
)


def merge_spans(spans: list[Span2]) -> list[Span2]:
    """Sort spans and merge the ones that overlap.

    Examples
    --------
    >>> merge_spans([(5, 9), (0, 3), (2, 4), (9, 10)])
    [(0, 4), (5, 9), (9, 10)]
    """
    out: list[Span2] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _last_punct(ctx: Context, a: int, b: int) -> str:
    """The sentence-final punctuation of tokens ``a..b-1`` (quotes and brackets skipped)."""
    tokens, kinds = ctx.tokens, ctx.kinds
    k = b - 1
    while k >= a and kinds[k] == "punct" and tokens[k].text in "\"')]}":
        k -= 1
    if k >= a and kinds[k] == "punct":
        return tokens[k].text
    return ""


def questions(ctx: Context) -> list[int]:
    """Indices of the sentences that are questions (their final punctuation holds '?').

    Examples
    --------
    >>> from discourse.text import Doc
    >>> questions(Context(Doc("Is it? Yes. Why?!")))
    [0, 2]
    """
    if "?" not in ctx.doc.text:
        return []  # token surfaces are slices of the text: none can hold a '?'
    out = []
    for k, (a, b) in enumerate(ctx.ranges):
        if b > a and "?" in _last_punct(ctx, a, b):
            out.append(k)
    return out


def _first_content(ctx: Context, a: int, b: int) -> int:
    lowers, kinds = ctx.lowers, ctx.kinds
    k = a
    while k < b and (lowers[k] in _LEAD_SKIP or kinds[k] == "punct"):
        k += 1
    return k


def _starts_with(lowers: Sequence[str], k: int, stop: int, cues: Mapping[str, tuple[tuple[str, ...], ...]]) -> tuple[str, ...] | None:
    for cue in cues.get(lowers[k], ()) if k < stop else ():
        if tuple(lowers[k : k + len(cue)]) == cue and k + len(cue) <= stop:
            return cue
    return None


def rhetorical_questions(
    ctx: Context,
    question_ids: Sequence[int],
    cues: Mapping[str, tuple[tuple[str, ...], ...]],
    answers: Mapping[str, tuple[tuple[str, ...], ...]],
    short_answers: Collection[str],
) -> list[Span2]:
    """Spans of rhetorical questions (see the catalogue for the five criteria).

    `cues` and `answers` map a first word to the phrases (token tuples) starting with it.

    Examples
    --------
    >>> from discourse.text import Doc
    >>> ctx = Context(Doc("Why? Because. Who cares?"))
    >>> cues = {"who": (("who", "cares"),)}
    >>> rhetorical_questions(ctx, questions(ctx), cues, {"because": (("because",),)}, ())
    [(0, 13), (14, 24)]
    """
    doc = ctx.doc
    ranges = doc.sentence_token_ranges
    sentences = doc.sentences
    lowers = ctx.lowers
    asked = set(question_ids)
    out: list[Span2] = []
    for k in question_ids:
        a, b = ranges[k]
        first = _first_content(ctx, a, b)
        if first >= b:
            continue
        n_words = (b - a) - ctx.kinds[a:b].count("punct")  # tokens that are not punctuation
        word = lowers[first]
        rhetorical = (
            _starts_with(lowers, first, b, cues) is not None
            or word in _NEG_AUX
            or (word in _DECLARATIVE_START and n_words >= 4 and lowers[first + 1 : first + 2] != ["?"])
        )
        if not rhetorical and b - a >= 4:
            end = b - 1
            while end > a and ctx.tokens[end].kind == "punct":
                end -= 1
            tag = lowers[end]
            before = lowers[end - 1] if end - 1 >= a else ""
            if (tag in _TAGS and before == ",") or (
                tag in _SUBJECTS | {"it", "there"} and lowers[end - 1] in _NEG_AUX and lowers[end - 2] == ","
            ):
                rhetorical = True
        span_end = sentences[k].end
        if not rhetorical and k + 1 < len(ranges) and (k + 1) not in asked:
            na, nb = ranges[k + 1]
            gap = doc.text[sentences[k].end : sentences[k + 1].start]
            if nb > na and "\n\n" not in gap and gap.count("\n") <= 1:
                nfirst = _first_content(ctx, na, nb) if lowers[na] not in ("no", "yes") else na
                cue = _starts_with(lowers, nfirst, nb, answers)
                if cue is not None:
                    after = nfirst + len(cue)
                    if cue[0] not in short_answers or after >= nb or ctx.tokens[after].kind == "punct":
                        rhetorical = True
                        span_end = sentences[k + 1].end
        if rhetorical:
            out.append((sentences[k].start, span_end))
    return out


def exclamations(ctx: Context) -> list[Span2]:
    """Runs of exclamation marks (a run is one span, however long).

    Examples
    --------
    >>> from discourse.text import Doc
    >>> exclamations(Context(Doc("No!!! Yes!")))
    [(2, 5), (9, 10)]
    """
    text = ctx.doc.norm
    if "!" not in text:
        return []
    return [m.span() for m in _BANGS.finditer(text)]


def ellipses(ctx: Context) -> list[Span2]:
    """Runs of two or more full stops, or of '…'.

    Examples
    --------
    >>> from discourse.text import Doc
    >>> ellipses(Context(Doc("Well... ok… fine.")))
    [(4, 7), (10, 11)]
    """
    text = ctx.doc.norm
    if ".." not in text and "…" not in text:
        return []
    return [m.span() for m in _ELLIPSIS.finditer(text)]


def _is_shout(ctx: Context, i: int, acronyms: Collection[str], english: Collection[str]) -> bool:
    token = ctx.tokens[i]
    text = token.text
    if token.kind != "word":
        return False
    letters = text.replace("'", "").replace("-", "")
    if len(letters) < 3 or not letters.isalpha() or not letters.isupper():
        return False
    if token.lower in acronyms or not (_VOWELS & set(letters)):
        return False
    if token.lower not in english and token.lower.replace("'", "") not in english:
        return False  # not an English word: an acronym or code (UBC, LCBO)
    lowers = ctx.lowers
    if i + 1 < len(lowers) and lowers[i + 1] == "'s" and ctx.tokens[i + 1].start == token.end:
        return False  # possessive: an organisation's name
    if 0 < i < len(lowers) - 1 and lowers[i - 1] == "(" and lowers[i + 1] == ")":
        return False  # (SAA): an acronym being introduced
    if len(letters) <= 4 and _ROMAN.fullmatch(letters):
        return False
    return True


def shouting(
    ctx: Context, acronyms: Collection[str], english: Collection[str] = ()
) -> list[tuple[int, int]]:
    """Token ranges ``(first, last + 1)`` of runs of all-caps words that contain a shouted word.

    A shouted word is an all-caps English word (in `english`, when given) of three or more
    letters that is not a listed acronym. A single capitalised word that opens a sentence and is
    followed by a colon is a label (``PRINCIPLE: ...``), not shouting.

    Examples
    --------
    >>> from discourse.text import Doc
    >>> shouting(Context(Doc("The US did NOT win RIGHT NOW.")), {"us"})
    [(3, 4), (5, 7)]
    """
    shouted = _shouted_words(ctx, acronyms, english)
    if not shouted:
        return []
    # The run around each shouted word (a run is a maximal stretch of consecutive all-caps
    # tokens that does not cross a sentence start), in order, each run once.
    tokens = ctx.tokens
    texts = ctx.texts
    starts = ctx.starts
    n = len(tokens)
    out = []
    covered = 0
    for s in sorted(shouted):
        if s < covered:
            continue  # in the run already reported (or skipped)
        a = s
        while a > 0 and a not in starts and _is_caps(ctx, a - 1):
            a -= 1
        b = s + 1
        while b < n and b not in starts and _is_caps(ctx, b):
            b += 1
        covered = b
        if b - a == 1 and a in starts and b < n and ctx.lowers[b] == ":":
            continue  # a label such as "UPDATE:" or "PRINCIPLE:"
        while b - a > 1 and len(texts[a]) == 1:
            a += 1
        while b - a > 1 and len(texts[b - 1]) == 1:
            b -= 1
        out.append((a, b))
    return out


_CAPS_KINDS = ("word", "acronym", "number")


def _is_caps(ctx: Context, i: int) -> bool:
    """True if token `i` is an all-caps word, acronym or number (part of a capitals run)."""
    return ctx.kinds[i] in _CAPS_KINDS and ctx.texts[i].isupper()


def _shouted_words(ctx: Context, acronyms: Collection[str], english: Collection[str]) -> set[int]:
    """Indices of the shouted words (see :func:`_is_shout`)."""
    tokens = ctx.tokens
    kinds = ctx.kinds
    texts = ctx.texts
    # A shouted word has >= 3 characters, each an upper-case letter, "'" or "-". In the text's
    # shape (one byte per character: A-Z, ', - and every non-ASCII character -> "U", the rest
    # -> ".") it lies in a run of at least three "U"s and starts inside it. So only the tokens
    # starting in such runs are looked at (most texts have few or none).
    shape = ctx.doc.text.encode("ascii", "replace").translate(_SHOUT_SHAPES)
    if b"UUU" not in shape:
        return set()
    candidates: list[int] = []
    offsets = ctx.offsets
    for run in _SHOUT_RUN.finditer(shape):
        candidates.extend(range(bisect_left(offsets, run.start()), bisect_left(offsets, run.end())))
    return {
        i
        for i in candidates
        if kinds[i] == "word"
        and len(texts[i]) >= 3
        and _is_shout(ctx, i, acronyms, english or (tokens[i].lower,))
    }


def _token_index(starts: Sequence[int], offset: int) -> int:
    """Index of the first token starting at or after `offset`."""
    return bisect_left(starts, offset)


def quotations(ctx: Context, speech: Collection[str]) -> tuple[list[Span2], list[Span2]]:
    """``(scare_quotes, direct_quotations)``: spans including the quotation marks.

    Examples
    --------
    >>> from discourse.text import Doc
    >>> quotations(Context(Doc("The 'experts' said “we will win this war now”.")), {"said"})
    ([(4, 13)], [(19, 45)])
    """
    norm = ctx.doc.norm
    if '"' not in norm and "'" not in norm:
        return [], []
    found: list[tuple[int, int, str]] = []
    if '"' in norm:
        found.extend((m.start(), m.end(), m.group(1)) for m in _DOUBLE.finditer(norm))
    if "'" in norm:
        found.extend((m.start(), m.end(), m.group(1)) for m in _SINGLE.finditer(norm))
    if not found:
        return [], []
    tok_starts = ctx.offsets
    lowers = ctx.lowers
    scare: list[Span2] = []
    direct: list[Span2] = []
    for start, end, inner in sorted(found):
        words = inner.split()
        if not words or not any(ch.isalnum() for ch in inner):
            continue
        if len(words) >= 5 or _TERMINAL_QUOTE.search(inner.rstrip()):
            direct.append((start, end))
            continue
        first = _token_index(tok_starts, start)
        after = _token_index(tok_starts, end)
        # a verb of saying just before the quote, or after a quote closed by a comma
        # ('"We will win," he said'); "the 'experts' said" is a scare quote, not a quotation
        if lowers[after : after + 1] == [","]:
            following = lowers[after + 1 : after + 3]
        elif inner.rstrip().endswith(","):
            following = lowers[after : after + 2]
        else:
            following = []
        near = lowers[max(0, first - 3) : first] + following
        attributed = any(w in speech for w in near)
        name_like = len(words) >= 2 and all(w[:1].isupper() for w in words if w[:1].isalpha())
        if attributed or name_like:
            direct.append((start, end))
        else:
            scare.append((start, end))
    return scare, direct


def imperatives(
    ctx: Context, question_ids: Collection[int], verbs: Collection[str]
) -> list[tuple[int, Span2]]:
    """``(sentence index, span of the opening verb)`` of imperative sentences.

    Examples
    --------
    >>> from discourse.text import Doc
    >>> imperatives(Context(Doc("Wake up. Don't go. Do you know?")), {2}, {"wake", "do"})
    [(0, (0, 4)), (1, (9, 17))]
    """
    out = []
    tokens, lowers, kinds = ctx.tokens, ctx.lowers, ctx.kinds
    for k, (a, b) in enumerate(ctx.ranges):
        if k in question_ids:
            continue
        first = a
        while first < b and (lowers[first] in _LEAD_SKIP or kinds[first] == "punct"):
            first += 1
        if first >= b or kinds[first] != "word":
            continue
        word = lowers[first]
        if word not in _IMPERATIVE_OPENERS and word not in verbs:
            continue  # none of the branches below can fire
        nxt = lowers[first + 1] if first + 1 < b else None
        stop = first + 1
        if word in ("don't", "dont", "never") or (word == "do" and nxt == "not"):
            stop = first + (2 if word == "do" else 1)
            following = lowers[stop] if stop < b else None
            if following is None or kinds[stop] != "word" or following in _SUBJECTS:
                continue
            stop += 1
        elif word == "let":
            if nxt not in ("'s", "us"):
                continue
            stop = first + 2
        elif word in verbs:
            if nxt in _NOT_IMPERATIVE_NEXT or (word == "do" and nxt in _SUBJECTS | {"it's"}):
                continue
            if nxt is None and word in ("be", "do"):
                continue
        else:
            continue
        out.append((k, (tokens[first].start, tokens[stop - 1].end)))
    return out


def numbers(ctx: Context, number_words: Mapping[int, str]) -> list[Span2]:
    """Spans of numbers used as figures: numerals and magnitude words, merged when adjacent.

    `number_words` maps token indices to ``"magnitude"`` or ``"cardinal"``.

    Examples
    --------
    >>> from discourse.text import Doc
    >>> doc = Doc("In 2015, 100 died and two million fled.")
    >>> [doc.text[a:b] for a, b in numbers(Context(doc), {6: "cardinal", 7: "magnitude"})]
    ['100', 'two million']
    """
    tokens = ctx.tokens
    kinds: tuple[str, ...] | set[str]  # the token kinds, then the kinds of a group's marks
    kinds = ctx.kinds
    marks: dict[int, str] = dict(number_words)
    if "number" in kinds:
        # list.index jumps from one number token to the next in C (numbers are sparse)
        index = kinds.index
        i = index("number")
        while True:
            text = tokens[i].text
            if not ("/" in text or ":" in text or _YEAR.fullmatch(text)):
                marks[i] = "numeral"
            try:
                i = index("number", i + 1)
            except ValueError:
                break
    if not marks:
        return []
    out: list[Span2] = []
    group: list[int] = []
    for i in sorted(marks) + [-2]:
        if group and (i != group[-1] + 1 or i in ctx.starts):
            kinds = {marks[g] for g in group}
            if "numeral" in kinds or "magnitude" in kinds:
                first = group[0]
                if first > 0 and ctx.lowers[first - 1] in ("a", "an") and marks[first] == "magnitude":
                    first -= 1
                out.append((tokens[first].start, tokens[group[-1]].end))
            group = []
        if i >= 0:
            if i + 1 < len(tokens) and tokens[i + 1].text == "%" and marks.get(i + 1) is None:
                marks[i + 1] = "magnitude"
            group.append(i)
    return out


def repeated_ngrams(ctx: Context, n: int = 3) -> list[Span2]:
    """Spans of later occurrences of word n-grams (with >= 2 content words), merged.

    Examples
    --------
    >>> from discourse.text import Doc
    >>> doc = Doc("Control the oil fields. Seize the oil fields.")
    >>> [doc.text[a:b] for a, b in repeated_ngrams(Context(doc))]
    ['the oil fields']
    """
    lowers = ctx.word_lowers
    if len(lowers) < 2 * n or n < 2:
        return []  # (a 1-gram never holds two content words)
    # Cheap necessary conditions first. A reported n-gram holds two content words with no
    # content word between them, and so does its first occurrence: so some pair of
    # consecutive content words occurs twice (and some content word does).
    content = _content_words(lowers)
    if len(set(content)) == len(content):
        return []
    pairs = list(zip(content, content[1:]))
    if len(set(pairs)) == len(pairs):
        return []
    grams = list(zip(*[lowers[k:] for k in range(n)]))
    m = len(grams)
    if len(set(grams)) == m:
        return []  # no n-gram occurs twice (most texts)
    # first occurrence of each n-gram (reversed, so the earliest index is written last)
    first = dict(zip(reversed(grams), range(m - 1, -1, -1)))
    marked: list[tuple[int, int]] = []
    # later occurrences at least n words after the first, found in C: first + n <= i
    later = compress(range(m), map(le, map(add, map(first.__getitem__, grams), repeat(n)), range(m)))
    for i in later:
        if sum(1 for w in grams[i] if w not in _STOPWORDS) >= 2:
            marked.append((i, i + n))
    if not marked:
        return []
    index, starts, ends = ctx.word_index, ctx.offsets, ctx.ends
    return [(starts[index[a]], ends[index[b - 1]]) for a, b in merge_spans(marked)]


def _content_words(lowers: Sequence[str]) -> list[str]:
    """The words of `lowers` that are not stopwords, in order."""
    if len(_CONTENT) > _CONTENT_LIMIT:  # bound the memory of the word cache
        _CONTENT.clear()
        _CONTENT.update(dict.fromkeys(_STOPWORDS, 0))
    if len(lowers) > 1:
        flags = itemgetter(*lowers)(_CONTENT)  # one C call; unseen words are added as 1
    else:
        flags = [_CONTENT[w] for w in lowers]
    return list(compress(lowers, flags))


def duplicate_sentences(ctx: Context) -> list[Span2]:
    """Spans of the sentences that repeat an earlier one (see ``Doc.duplicate_sentences``).

    ``Doc`` compares sentences in lower case with white space collapsed. Most texts repeat no
    sentence at all, which is checked first on the same keys built more cheaply: a sentence
    whose only white space is single spaces is its own key once stripped. Only if two keys are
    equal is ``Doc.duplicate_sentences`` (with its four-word minimum) computed.

    Examples
    --------
    >>> from discourse.text import Doc
    >>> duplicate_sentences(Context(Doc("It was all about the oil. Yes. It was all about the  OIL.")))
    [(31, 57)]
    """
    doc = ctx.doc
    sentences = doc.sentences
    if len(sentences) < 2:
        return []
    lower = doc.lower
    keys = set()
    for span in sentences:
        chunk = lower[span.start : span.end]
        # (isprintable: no white space other than " ", so splitting and joining on white
        # space only strips the ends when no two spaces follow each other)
        keys.add(chunk.strip() if chunk.isprintable() and "  " not in chunk else " ".join(chunk.split()))
    if len(keys) == len(sentences):
        return []
    return [(a.start, a.end) for a, _ in doc.duplicate_sentences]


def epizeuxis(ctx: Context) -> list[Span2]:
    """Spans of runs of the same word repeated immediately ('no, no, no').

    Examples
    --------
    >>> from discourse.text import Doc
    >>> epizeuxis(Context(Doc("No, no, no. That that is it.")))
    [(0, 10)]
    """
    lowers = ctx.word_lowers
    if True not in map(eq, lowers, lowers[1:]):
        return []
    text = ctx.doc.text
    tokens = ctx.tokens
    words = [tokens[i] for i in ctx.word_index]  # (Doc.words, without building it for all texts)
    out: list[Span2] = []
    run_start = -1
    last = -2  # index of the last word that continued a run
    end = 0
    # Only positions whose word equals the previous one can continue a run.
    for k in compress(range(1, len(words)), map(eq, lowers[1:], lowers)):
        prev, cur = words[k - 1], words[k]
        if (
            cur.kind == "word"
            and cur.lower not in _NO_EPIZEUXIS
            and cur.start - prev.end <= 3
            and not text[prev.end : cur.start].strip(" ,!-")
        ):
            if run_start >= 0 and k != last + 1:  # a word in between ended the run
                out.append((run_start, end))
                run_start = -1
            if run_start < 0:
                run_start = prev.start
            end = cur.end
            last = k
    if run_start >= 0:
        out.append((run_start, end))
    return out


def masked_words(ctx: Context) -> list[tuple[Span2, str]]:
    """Words written with masking symbols (``f**k``, ``s#!t``): span and lower-case surface.

    Examples
    --------
    >>> from discourse.text import Doc
    >>> masked_words(Context(Doc("What the F**K, s#!t!")))
    [((9, 13), 'f**k'), ((15, 19), 's#!t')]
    """
    lower = ctx.doc.lower
    if not (
        "*" in lower
        or "#" in lower
        or "@" in lower
        or "$" in lower
        or "%" in lower
        or ("!" in lower and _BANG_WORD.search(lower))
    ):
        return []
    out = []
    for m in _masked_matches(lower):
        surface = m.group(0).rstrip("!")
        if any(ch in surface for ch in _MASK_CHARS) and sum(ch.isalpha() for ch in surface) >= 1:
            out.append(((m.start(), m.start() + len(surface)), surface))
    return out


def _masked_matches(lower: str) -> list[re.Match[str]]:
    """The matches of ``_MASKED.finditer(lower)``, without trying the pattern at every offset.

    ``_MASKED`` can only match at the start of a run of ``[\\w*#@$%!]`` characters whose first
    mask character lies within 21 characters of that start. So: find each run's first mask
    character (a fast character-class scan), look back at most 21 characters for the run's
    start, try the pattern there once, and skip to the end of the run. Each character is
    looked at a bounded number of times: linear in the length of the text.
    """
    out: list[re.Match[str]] = []
    search = _MASK_CHAR.search
    pos = 0
    while True:
        hit = search(lower, pos)
        if hit is None:
            return out
        p = hit.start()
        start = p
        while start > 0 and p - start <= 20 and _in_mask_run(lower, start - 1):
            start -= 1
        if start == 0 or not _in_mask_run(lower, start - 1):  # the run starts within reach
            m = _MASKED.match(lower, start)
            if m is not None:
                out.append(m)
        pos = _MASK_RUN.match(lower, p).end()  # type: ignore[union-attr]  # p is a mask character: the run matches



def superlative_suffix(ctx: Context, exceptions: Collection[str]) -> list[Span2]:
    """Spans of words in -est (five letters or more) that are not listed exceptions.

    Examples
    --------
    >>> from discourse.text import Doc
    >>> superlative_suffix(Context(Doc("The biggest, honest test.")), {"honest"})
    [(4, 11)]
    """
    lower = ctx.doc.lower
    if "est" not in lower:
        return []
    out = []
    for m in _EST.finditer(lower):
        end = m.end()
        start = m.start() - 2
        while start > 0 and end - start < 34 and "a" <= lower[start - 1] <= "z":
            start -= 1
        if start > 0 and (lower[start - 1].isalnum() or lower[start - 1] in "_'*-"):
            continue
        if lower[start:end] not in exceptions:
            out.append((start, end))
    return out
