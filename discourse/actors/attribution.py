"""Attribution: who says what. Reported speech and quotations with their source.

News texts mix the author's voice with the voices they report. In "Russia has openly accused
the US of violating de-escalation zones" the negative evaluation of the US is Russia's, not the
author's. This module finds such *attributions* in a text: a reporting expression (a reporting
verb such as "said", "claims", "confirmed", an evaluative speech act such as "accused",
"warned", a characterising frame such as "characterized it as", or "according to"), the
*speaker* it names and the *content* attributed to the speaker (the reported clause or the
quotation). Stance records (:mod:`discourse.actors.stance`) take their ``source`` from the innermost
attribution whose content contains the mention; everything else is the author's.

Rules (deterministic, bounded windows, linear in the text):

* the speaker is the phrase right before the reporting verb (auxiliaries and adverbs skipped,
  at most ten tokens back to a clause boundary), or right after it in inversions
  (``"...," said spokesman Jason Miller``); after "according to", the phrase that follows;
* the speaker phrase resolves to an actor if its head is a mention ("Russia accused"), or a
  representative noun modified by one ("US officials said", "the Russian side warned"); to
  ``"author"`` for I/we; a he/she/they refers back to the previous speaker in the text;
  anything else is ``"other"`` (a speaker outside the registry, kept as ``source_text``);
* the content is a quotation next to the verb (``X said, "..."`` or ``"...," X said``), else
  what follows the verb up to a strong clause boundary ("while", "but", ";") or the end of the
  sentence, or, for a verb that closes its sentence (``..., X said.``), what precedes it;
* noun uses ("his claims", "news reports") are not reporting verbs, except evaluative speech-act
  nouns, whose speaker is the nearest actor before them ("the Russians issued a stern warning to
  the US"); agentless passives ("are said to") are left to the author.

Examples
--------
>>> text = "Russia has openly accused the US of violating de-escalation zones."
>>> [(a.source, a.content.slice(text)) for a in find_attributions(text).attributions]
[('russia', 'the US of violating de-escalation zones.')]
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from discourse.actors.context import (
    ADVERB_SKIP,
    AUXILIARIES,
    DETERMINERS,
    FIRST_PERSON,
    PREPOSITIONS,
    PRONOUNS,
    STRONG_BOUNDARY,
    Cue,
    DocContext,
    SentenceScan,
    pos_of,
)
from discourse.actors.matching import Mention
from discourse.actors.registry import ActorRegistry, registry_or_default
from discourse.model import Span
from discourse.text import Doc, as_doc

__all__ = ["Attribution", "AttributionResult", "find_attributions"]  # helpers below are internal

_SPEAKER_WINDOW = 10  # tokens back from the verb
_QUOTE_GAP = 12  # tokens between a verb and an adjacent quotation
_PHRASE_STOP = frozenset(
    """
    and or but while whereas although though because since if when where which who whom whose
    that as than so yet
    """.split()
)


@dataclass(frozen=True)
class Attribution:
    """One reported utterance.

    Attributes
    ----------
    kind : str
        ``"reported"`` (reporting verb with a clause), ``"quote"`` (reporting verb with a
        quotation) or ``"according_to"``.
    category : str
        ``say`` (neutral reporting), ``claim`` (distancing), ``as`` (characterising frame),
        ``speech`` (evaluative speech act: accuse, warn, praise...), ``according``.
    cue : Span
        The reporting expression (label: its lexicon entry, e.g. ``accus*``).
    content : Span
        What is attributed to the speaker.
    speaker : Span or None
        The speaker phrase.
    source : str
        An actor id, ``"author"`` (I/we), or ``"other"`` (a speaker not in the registry).
    source_text : str
        The speaker phrase as written.
    sentence : int
        Index of the sentence of the cue.
    polarity : float
        For evaluative speech acts, the valence toward the object on VADER's -4..+4 scale
        (after negation); 0 for neutral reporting.

    Examples
    --------
    >>> a = find_attributions("The SDF for its part claims it came under attack.").attributions[0]
    >>> (a.source, a.category, a.cue.label)
    ('sdf', 'claim', 'claims')
    """

    kind: str
    category: str
    cue: Span
    content: Span
    speaker: Span | None
    source: str
    source_text: str
    sentence: int
    polarity: float = 0.0

    def to_record(self) -> dict[str, Any]:
        """One tidy row (see :meth:`AttributionResult.to_records`).

        Examples
        --------
        >>> find_attributions("Damascus said no.").attributions[0].to_record()["source"]
        'syrian_government'
        """
        return {
            "sentence": self.sentence,
            "kind": self.kind,
            "category": self.category,
            "source": self.source,
            "source_text": self.source_text,
            "cue": self.cue.label,
            "cue_start": self.cue.start,
            "cue_end": self.cue.end,
            "speaker_start": self.speaker.start if self.speaker else None,
            "speaker_end": self.speaker.end if self.speaker else None,
            "content_start": self.content.start,
            "content_end": self.content.end,
            "polarity": self.polarity,
        }


@dataclass(frozen=True)
class AttributionResult:
    """The attributions of one text.

    Notes
    -----
    Columns of :meth:`to_records` (one row per attribution): ``sentence``, ``kind``,
    ``category``, ``source`` (actor id, ``author`` or ``other``), ``source_text``, ``cue``
    (lexicon entry), ``cue_start``/``cue_end``, ``speaker_start``/``speaker_end``,
    ``content_start``/``content_end`` (offsets into the text) and ``polarity``.

    Examples
    --------
    >>> r = find_attributions('"We will respond," the Kremlin said.')
    >>> r.source_at(3), r.to_records()[0]["kind"]
    ('russia', 'quote')
    """

    attributions: tuple[Attribution, ...]

    def to_records(self) -> list[dict[str, Any]]:
        """The tidy rows (see Notes)."""
        return [a.to_record() for a in self.attributions]

    def at(self, offset: int) -> Attribution | None:
        """The innermost attribution whose content contains `offset`, if any."""
        return innermost(self.attributions, offset)

    def source_at(self, offset: int) -> str:
        """The source of the words at `offset`: the innermost speaker, or ``"author"``."""
        found = self.at(offset)
        return found.source if found is not None else "author"


def innermost(attributions: Sequence[Attribution], offset: int) -> Attribution | None:
    """The attribution with the smallest content span containing `offset`."""
    best = None
    for attribution in attributions:
        content = attribution.content
        if content.start <= offset < content.end and (
            best is None or len(content) < len(best.content)
        ):
            best = attribution
    return best


# -- detection ---------------------------------------------------------------------------------


def _mention_at(ctx: DocContext, k: int) -> Mention | None:
    return ctx.mention_at_token.get(k)


class _Edges(NamedTuple):
    """Sorted token positions of a sentence's boundaries, for bisection."""

    strong: list[int]  # factor <= 0.35 (contrast, ;)
    clause: list[int]  # factor <= 0.5 (also : and brackets)
    commas: list[int]
    subordinate: list[int]  # contrast and subordinators
    mention_ends: list[int]  # token_end of the sentence's mentions, in order
    first_word: int  # first non-punctuation token


def _edges(ctx: DocContext, scan: SentenceScan) -> _Edges:
    key = ("edges", scan.index)
    cached = ctx.sentence_cache.get(key)
    if cached is None:
        bounds = scan.bounds
        tokens = ctx.doc.tokens
        first_word = scan.first
        while first_word < scan.stop and tokens[first_word].kind == "punct":
            first_word += 1
        cached = _Edges(
            [b.k for b in bounds if b.factor <= 0.35],
            [b.k for b in bounds if b.factor <= STRONG_BOUNDARY],
            [b.k for b in bounds if b.kind == ","],
            [b.k for b in bounds if b.kind in ("contrast", "subordinator")],
            [m.token_end for m in ctx.by_sentence.get(scan.index, ())],
            first_word,
        )
        ctx.sentence_cache[key] = cached
    return cached


def _title_case(ctx: DocContext, scan: SentenceScan) -> bool:
    """True if most words of the sentence are capitalised (a headline)."""
    key = ("title_case", scan.index)
    cached = ctx.sentence_cache.get(key)
    if cached is None:
        tokens = ctx.doc.tokens
        words = [t.text for t in tokens[scan.first : scan.stop] if t.kind == "word" and t.text[:1].isalpha()]
        capitalised = sum(1 for w in words if w[:1].isupper())
        cached = ctx.sentence_cache[key] = capitalised * 10 >= len(words) * 6
    return cached


def _any_between(positions: list[int], low: int, high: int) -> bool:
    """True if a sorted position lies in ``[low, high)``."""
    i = bisect_left(positions, low)
    return i < len(positions) and positions[i] < high


def _is_boundary_token(ctx: DocContext, k: int) -> bool:
    token = ctx.doc.tokens[k]
    if token.kind == "punct":
        return True
    return token.lower in _PHRASE_STOP


def _left_phrase(ctx: DocContext, scan: SentenceScan, k: int) -> tuple[int, int] | None:
    """Token range of the speaker phrase ending right before token `k` (aux/adverbs skipped)."""
    tokens = ctx.doc.tokens
    j = k - 1
    while j >= scan.first and (
        tokens[j].lower in AUXILIARIES or tokens[j].lower in ADVERB_SKIP
        or (tokens[j].lower.endswith("ly") and len(tokens[j].lower) > 4 and _mention_at(ctx, j) is None)
    ) and k - j <= 6:
        j -= 1
    end = j + 1
    start = end
    while start > scan.first and end - start < _SPEAKER_WINDOW:
        before = tokens[start - 1]
        if _is_boundary_token(ctx, start - 1):
            # "Russian and pro-Damascus analysts", "Obama and Merkel said": coordinated names
            coordinated = (
                before.lower in ("and", "or")
                and start - 2 >= scan.first
                and (_mention_at(ctx, start - 2) is not None or tokens[start - 2].text[:1].isupper())
                and start - 2 > scan.first
            )
            if not coordinated:
                break
        start -= 1
    return (start, end) if end > start else None


def _right_phrase(ctx: DocContext, scan: SentenceScan, k: int) -> tuple[int, int] | None:
    """Token range of a speaker phrase right after token `k` ("said X", "by X", "according
    to X"), up to a clause boundary or a verb form."""
    tokens = ctx.doc.tokens
    start = k
    end = start
    while (
        end < scan.stop
        and end - start < 8
        and not _is_boundary_token(ctx, end)
        and (end == start or tokens[end].lower not in AUXILIARIES)
    ):
        end += 1
    return (start, end) if end > start else None


def _resolve(
    ctx: DocContext, scan: SentenceScan, phrase: tuple[int, int], previous: Attribution | None
) -> tuple[str, Mention | None]:
    """The source of a speaker phrase: an actor id, "author", "other" (see module docstring)."""
    tokens = ctx.doc.tokens
    start, end = phrase
    mentions = _mentions_in(ctx, start, end)
    head = tokens[end - 1]
    head_mention = _mention_at(ctx, end - 1)
    if head_mention is not None and not (start <= head_mention.token_start and head_mention.token_end <= end):
        head_mention = None
    if head_mention is not None:
        return head_mention.actor_id, head_mention
    pronoun = head.lower.split("'")[0]
    if pronoun in PRONOUNS and end - start <= 2:
        if pronoun in FIRST_PERSON:
            return "author", None
        if previous is not None and previous.source not in ("author",):
            return previous.source, None
        return "other", None
    if mentions:
        last = mentions[-1]
        if head.lower in ctx.index.representatives:
            return last.actor_id, last
        following = tokens[last.token_end].lower if last.token_end < end else ""
        if following in PREPOSITIONS or following in ("'s", "'") and last.possessive:
            return last.actor_id, last
    return "other", None


def _mentions_in(ctx: DocContext, start: int, end: int) -> list[Mention]:
    """Mentions lying entirely in tokens ``[start, end)`` (a short phrase), in order."""
    found: list[Mention] = []
    for k in range(start, end):
        mention = ctx.mention_at_token.get(k)
        if mention is not None and (not found or found[-1] is not mention):
            if start <= mention.token_start and mention.token_end <= end:
                found.append(mention)
    return found


def _quote_after(ctx: DocContext, scan: SentenceScan, k: int) -> tuple[int, int] | None:
    """A quotation opening right after token `k` - 1: nothing but punctuation, "that" or a short
    adverbial ending in "," or ":" between (``said in a statement, "...``)."""
    quotes = ctx.quotes
    if not quotes or k <= scan.first:
        return None
    tokens = ctx.doc.tokens
    norm = ctx.doc.norm
    after = tokens[k - 1].end
    limit = tokens[min(scan.stop, k + 6) - 1].end if scan.stop > k else after
    i = bisect_left(quotes, (after, -1))
    if i >= len(quotes):
        return None
    open_, close = quotes[i]
    if open_ > limit + 1:
        return None
    between = norm[after:open_].strip()
    if not between or between.endswith((",", ":")) or between.lower() == "that":
        return (open_ + 1, close) if close > open_ + 1 else None
    return None


def _quote_before(ctx: DocContext, scan: SentenceScan, k: int) -> tuple[int, int] | None:
    """A quotation closing right before token `k` whose last words end in a comma, ? or ! (or
    any quotation when the speaker and verb close the sentence): ``"...," X said``."""
    quotes = ctx.quotes
    if not quotes:
        return None
    norm = ctx.doc.norm
    before = ctx.doc.tokens[k].start
    closes = ctx.quote_closes  # quotations are paired in order: their closes ascend too
    i = bisect_left(closes, before) - 1
    if i < 0:
        return None
    open_, close = quotes[i]
    if norm[close + 1 : before].strip(" ,.:;-"):
        return None
    inner = norm[open_ + 1 : close].rstrip()
    if inner.endswith((",", "?", "!")) or norm[close + 1 : before].strip() == ",":
        return open_ + 1, close
    if _closes_sentence(ctx, scan, k + 1) and inner:
        return open_ + 1, close
    return None


def _content_after(ctx: DocContext, scan: SentenceScan, k: int, *, subordinate: bool = False) -> Span | None:
    """From token `k` (skipping "that" and punctuation) to a strong boundary or the end (to the
    next comma in a subordinate clause)."""
    tokens = ctx.doc.tokens
    skipped = 0
    while k < scan.stop and (tokens[k].lower == "that" or tokens[k].kind == "punct"):
        k += 1
        skipped += 1
        if skipped > 20:
            return None
    if k >= scan.stop:
        return None
    edges = _edges(ctx, scan)
    stop = scan.stop
    i = bisect_right(edges.strong, k)
    if i < len(edges.strong):
        stop = edges.strong[i]
    if subordinate:
        i = bisect_right(edges.commas, k)
        if i < len(edges.commas):
            stop = min(stop, edges.commas[i])
    if stop <= k:
        return None
    return Span(tokens[k].start, tokens[stop - 1].end, "content")


def _content_before(ctx: DocContext, scan: SentenceScan, k: int) -> Span | None:
    """From the sentence start to token `k` (exclusive), trimmed of punctuation."""
    tokens = ctx.doc.tokens
    end = k
    while end > scan.first and tokens[end - 1].kind == "punct" and k - end < 20:
        end -= 1
    start = _edges(ctx, scan).first_word
    if end <= start or tokens[end - 1].kind == "punct":
        return None
    return Span(tokens[start].start, tokens[end - 1].end, "content")


def _sentence_attributions(ctx: DocContext, si: int, previous: Attribution | None) -> list[Attribution]:
    scan = ctx.scan(si)
    found: list[Attribution] = list(convention_attributions(ctx, si))
    for cue in scan.cues:
        if cue.role not in ("reporting", "speech"):
            continue
        attribution = _attribution_for(ctx, scan, cue, found[-1] if found else previous)
        if attribution is not None:
            found.append(attribution)
    return found


# -- comment and headline conventions ------------------------------------------------------------

_QUOTE_BLOCK = re.compile(r"(?m)^[ \t]*(?:>|&gt;)[^\n]*(?:\n[ \t]*(?:>|&gt;)[^\n]*)*")
_NOT_HEADLINE_VERBS = frozenset("be blame".split())  # "X to be sanctioned", "X to blame": not X's words
_NONE: tuple[Attribution, ...] = ()


def quote_blocks(doc: Doc) -> list[tuple[int, int]]:
    """Spans of quote blocks: runs of lines starting with ``>`` (Reddit, e-mail and forum
    convention for quoting an earlier comment or text).

    Examples
    --------
    >>> quote_blocks(Doc("> Russia is a friend.\\nNo it is not."))
    [(0, 21)]
    >>> quote_blocks(Doc("&gt; Russia is a friend.\\nNo it is not."))  # HTML-escaped, as Reddit exports have it
    [(0, 24)]
    """
    text = doc.text
    if ">" not in text and "&gt;" not in text:
        return []
    return [m.span() for m in _QUOTE_BLOCK.finditer(text)]


def convention_attributions(ctx: DocContext, si: int) -> tuple[Attribution, ...]:
    """Reported speech marked by convention rather than by a reporting verb (cached per sentence):

    * a sentence inside a quote block (:func:`quote_blocks`): someone else's words, source
      ``"quoted"``, kind ``quote_block``;
    * headline grammar "X to VERB ..." ("Ukraine to nominate Trump for Nobel Peace Prize"): the
      planned act is X's, source X, kind ``headline`` ("X says ..." is a reporting verb already).

    Examples
    --------
    >>> from discourse.actors import default_registry
    >>> ctx = DocContext(Doc("Ukraine to nominate Trump for Nobel Peace Prize"), default_registry())
    >>> [(a.kind, a.source) for a in convention_attributions(ctx, 0)]
    [('headline', 'ukraine')]
    """
    key = ("conventions", si)
    cached = ctx.sentence_cache.get(key)
    if cached is not None:
        return cached
    found = []
    doc = ctx.doc
    sentence = doc.sentences[si]
    blocks = ctx.sentence_cache.get(("quote_blocks",))
    if blocks is None:
        blocks = ctx.sentence_cache[("quote_blocks",)] = quote_blocks(doc)
    for start, end in blocks:
        if start <= sentence.start < end or sentence.start <= start < sentence.end:
            found.append(Attribution("quote_block", "quote", Span(start, start + 1, ">"), Span(start, end, "content"),
                                     None, "quoted", ">", si))
            break
    headline = _headline_attribution(ctx, si)
    if headline is not None:
        found.append(headline)
    result = tuple(found) if found else _NONE
    ctx.sentence_cache[key] = result
    return result


def _headline_attribution(ctx: DocContext, si: int) -> Attribution | None:
    mentions = ctx.by_sentence.get(si)
    if not mentions:
        return None
    tokens = ctx.doc.tokens
    first, stop = ctx.doc.sentence_token_ranges[si]
    k = first
    while k < stop and tokens[k].kind == "punct":
        k += 1
    if k < stop and tokens[k].lower == "the":
        k += 1
    m = mentions[0]
    if m.token_start != k or m.token_end + 1 >= stop:
        return None
    to, verb = tokens[m.token_end], tokens[m.token_end + 1]
    if to.lower != "to" or verb.kind != "word" or verb.lower in _NOT_HEADLINE_VERBS or pos_of(verb) != "VB":
        return None
    sentence = ctx.doc.sentences[si]
    return Attribution("headline", "say", Span(to.start, to.end, "to"), Span(verb.start, sentence.end, "content"),
                       Span(m.start, m.end, "speaker"), m.actor_id, ctx.doc.text[m.start : m.end], si)


_NOUN_ENDINGS = ("ion", "ions", "ism", "isms", "ment", "ments", "ings", "threat", "threats", "warning")


def _is_noun_use(ctx: DocContext, scan: SentenceScan, cue: Cue) -> bool:
    """True if an evaluative speech act is used as a noun ("a stern warning", "Russian
    warnings", "Russia's threat") rather than as a verb ("Russia warns")."""
    tokens = ctx.doc.tokens
    word = tokens[cue.k].lower
    previous = tokens[cue.k - 1].lower if cue.k > scan.first else ""
    if previous in ("'s", "'"):
        return True  # "Russia's threat"
    if previous in AUXILIARIES or previous in ("to",):
        return False
    if word.endswith(_NOUN_ENDINGS) or word == "praise" and previous in DETERMINERS:
        return True
    if previous in DETERMINERS or previous in ("'s", "'"):
        return True
    info = ctx.index.lookup(previous) if previous else None
    return bool(info is not None and info.role == "" and info.polarity)  # "stern warning"


def _attribution_for(ctx: DocContext, scan: SentenceScan, cue: Cue, previous: Attribution | None) -> Attribution | None:
    tokens = ctx.doc.tokens
    text = ctx.doc.text
    k = cue.k
    category = "speech" if cue.role == "speech" else cue.category
    polarity = cue.value if cue.role == "speech" else 0.0
    cue_span = Span(cue.start, cue.end, cue.term)
    mentions = ctx.by_sentence.get(scan.index, ())
    source: str | None  # (declared here: both ways below assign them)
    phrase: tuple[int, int] | None
    speaker: Span | None
    content: Span | None
    if category == "according":
        phrase = _right_phrase(ctx, scan, cue.k_end)
        if phrase is None:
            return None
        source, _ = _resolve(ctx, scan, phrase, previous)
        if source == "other":
            inside = _mentions_in(ctx, phrase[0], phrase[1])
            if inside and inside[0].possessive:  # "according to Hersh's investigation"
                source = inside[0].actor_id
        first_word = _edges(ctx, scan).first_word
        lead = first_word < k and not all(
            t.kind == "punct" or t.lower in ("this", "that", "it") for t in tokens[first_word : min(k, first_word + 4)]
        )
        if lead:
            content = _content_before(ctx, scan, _trim_to_boundary(ctx, scan, k))
        else:
            content = _content_after(ctx, scan, phrase[1])
        if content is None:
            return None
        speaker = Span(tokens[phrase[0]].start, tokens[phrase[1] - 1].end, "speaker")
        return Attribution("according_to", "according", cue_span, content, speaker, source,
                           speaker.slice(text), scan.index, 0.0)
    if k > scan.first and tokens[k - 1].lower == "to":
        return None  # "afraid to say", "refused to comment": the matrix subject speaks
    if _proper_noun_use(ctx, scan, k):
        return None  # "Syrian War Report (9/22/17)": part of a name
    source = None
    phrase = None
    speaker = None
    if cue.role == "speech" and _is_noun_use(ctx, scan, cue):
        # A speech-act noun: its speaker is the actor right before it or the nearest actor of
        # the clause ("the Russians issued a stern warning"); its content is its object.
        owner = None
        edges = _edges(ctx, scan)
        i = bisect_right(edges.mention_ends, k) - 1
        if i >= 0:
            mention = mentions[i]
            if k - mention.token_end <= 12 and not _any_between(edges.clause, mention.token_end, k):
                owner = mention
        if owner is None:
            return None
        if cue.k_end >= scan.stop or tokens[cue.k_end].lower not in ("to", "of", "against", "that", "on", "at"):
            return None
        source, phrase = owner.actor_id, (owner.token_start, owner.token_end)
        speaker = Span(owner.start, owner.end, "speaker")
        content = _content_after(ctx, scan, cue.k_end)
        if content is None:
            return None
        return Attribution("reported", category, cue_span, content, speaker, source,
                           speaker.slice(text), scan.index, polarity)
    if cue.role == "reporting" and _is_noun_use(ctx, scan, cue):
        return None  # "news reports", "his claims"
    if cue.passive:
        if cue.k_end < scan.stop and tokens[cue.k_end].lower == "by":
            phrase = _right_phrase(ctx, scan, cue.k_end + 1)
        if phrase is None:
            return None  # "are said to": the author's distancing, no speaker
        source, _ = _resolve(ctx, scan, phrase, previous)
        speaker = Span(tokens[phrase[0]].start, tokens[phrase[1] - 1].end, "speaker")
        content = _passive_subject(ctx, scan, k)  # "the meeting ... was acknowledged by X"
        if content is None:
            return None
        return Attribution("reported", category, cue_span, content, speaker, source,
                           speaker.slice(text), scan.index, polarity)
    else:
        phrase = _left_phrase(ctx, scan, k)
        if phrase is not None and tokens[phrase[1] - 1].lower in ("which", "who"):
            phrase = None
        if phrase is None:
            phrase = _before_apposition(ctx, scan, k)  # "Sisi, a general-turned-politician, said"
        if phrase is None:
            if tokens[k].lower.endswith("ing") and previous is not None and previous.sentence == scan.index:
                source, speaker = previous.source, previous.speaker  # ", saying that ...": same speaker
            elif category in ("say", "claim") and (k == scan.first or tokens[k - 1].kind == "punct"):
                phrase = _right_phrase(ctx, scan, cue.k_end)  # inversion: '"...," said Jason Miller'
                if phrase is not None and not _looks_like_speaker(ctx, scan, phrase):
                    phrase = None
                if phrase is not None and phrase[1] < scan.stop and tokens[phrase[1]].kind != "punct":
                    phrase = None  # "said Trump would...": Trump is what is said, not who says it
            if phrase is None and source is None:
                return None
        if phrase is not None:
            source, _ = _resolve(ctx, scan, phrase, previous)
    if phrase is not None:
        speaker = Span(tokens[phrase[0]].start, tokens[phrase[1] - 1].end, "speaker")
        if phrase[1] <= k and _dismissed(ctx, scan, phrase, k):
            return None  # "Because Russia thinks everyone is stupid": the author's words, not Russia's
    if source is None:
        return None
    # Content: an adjacent quotation, else what the verb introduces (or, for a verb closing its
    # sentence, what precedes the speaker).
    before_speaker = phrase[0] if phrase is not None and phrase[1] <= k else k
    after_verb = phrase[1] if phrase is not None and phrase[0] >= cue.k_end else cue.k_end
    kind = "quote"
    quote = _quote_after(ctx, scan, after_verb) or _quote_before(ctx, scan, before_speaker)
    if quote is not None:
        content = Span(quote[0], quote[1], "content")
    else:
        kind = "reported"
        closing = (
            category in ("say", "claim")
            and before_speaker > scan.first
            and tokens[before_speaker - 1].kind == "punct"
            and _closes_sentence(ctx, scan, after_verb)
        )
        if closing:
            content = _content_before(ctx, scan, before_speaker)
        else:
            content = _content_after(ctx, scan, after_verb, subordinate=_in_subordinate(ctx, scan, before_speaker))
    if content is None:
        return None
    source_text = speaker.slice(text) if speaker is not None else ""
    return Attribution(kind, category, cue_span, content, speaker, source, source_text, scan.index, polarity)


_COGNITION = frozenset(
    "think thinks thought believe believes believed pretend pretends pretended imagine imagines imagined "
    "assume assumes assumed figure figures figured expect expects reckon reckons".split()
)
_DISMISSING_BEFORE = frozenset("because cause 'cause cuz coz bc like".split())
_DISMISSING_ADVERBS = frozenset("actually really seriously honestly genuinely truly apparently somehow".split())


def _dismissed(ctx: DocContext, scan: SentenceScan, phrase: tuple[int, int], k: int) -> bool:
    """True if a cognition verb is framed as the author dismissing its subject: "because X
    thinks...", "as if X believes...", "X actually thinks...", "X pretends...". What follows is
    then the author's characterisation of X (not X's reported words)."""
    tokens = ctx.doc.tokens
    verb = tokens[k].lower
    if verb not in _COGNITION:
        return False
    if verb.startswith("pretend"):
        return True
    if any(tokens[j].lower in _DISMISSING_ADVERBS for j in range(phrase[1], k)):
        return True
    j = phrase[0] - 1
    if j >= scan.first and tokens[j].lower in _DISMISSING_BEFORE:
        return True
    return j - 1 >= scan.first and tokens[j - 1].lower == "as" and tokens[j].lower == "if"


def _before_apposition(ctx: DocContext, scan: SentenceScan, k: int) -> tuple[int, int] | None:
    """The speaker before an apposition that ends right before the verb: in "Sisi, a
    general-turned-politician, said" the phrase before the first comma."""
    tokens = ctx.doc.tokens
    if k - 1 <= scan.first or tokens[k - 1].lower not in (",", "-"):
        return None
    mark = tokens[k - 1].lower
    for j in range(k - 2, max(scan.first, k - 12) - 1, -1):
        if tokens[j].kind == "punct":
            # an apposition starts with an article or a capitalised title: ", a general-..., said"
            opener = tokens[j + 1]
            if tokens[j].lower == mark and j > scan.first and (
                opener.lower in ("a", "an", "the") or opener.text[:1].isupper()
            ):
                return _left_phrase(ctx, scan, j)
            return None
    return None


def _passive_subject(ctx: DocContext, scan: SentenceScan, k: int) -> Span | None:
    """The clause before a passive reporting verb, back to the last strong boundary."""
    tokens = ctx.doc.tokens
    end = k
    while end > scan.first and k - end < 6 and (
        tokens[end - 1].lower in AUXILIARIES or tokens[end - 1].lower in ADVERB_SKIP
        or tokens[end - 1].lower.endswith("ly")
    ):
        end -= 1
    edges = _edges(ctx, scan)
    i = bisect_left(edges.clause, end) - 1
    start = edges.clause[i] + 1 if i >= 0 else edges.first_word
    while start < end and tokens[start].kind == "punct" and start - end < 20:
        start += 1
    if end <= start:
        return None
    return Span(tokens[start].start, tokens[end - 1].end, "content")


def _proper_noun_use(ctx: DocContext, scan: SentenceScan, k: int) -> bool:
    """True if a capitalised reporting word inside a normally capitalised sentence is part of a
    name ("Syrian War Report"); in Title Case headlines capitals say nothing."""
    tokens = ctx.doc.tokens
    if k == scan.first or not tokens[k].text[:1].isupper() or tokens[k].text.isupper():
        return False
    before = tokens[k - 1]
    if (
        k - 1 > scan.first
        and before.text[:1].isupper()
        and not before.text.isupper()
        and _mention_at(ctx, k - 1) is None
    ):
        return True  # "Syrian War Report": a run of capitalised words that is not an actor
    return not _title_case(ctx, scan)  # in a Title Case headline capitals say nothing


def _looks_like_speaker(ctx: DocContext, scan: SentenceScan, phrase: tuple[int, int]) -> bool:
    """An inverted speaker is short and names someone: a capitalised word, actor or pronoun."""
    tokens = ctx.doc.tokens[phrase[0] : phrase[1]]
    if len(tokens) > 6:
        return False
    return any(t.text[:1].isupper() or t.lower in PRONOUNS for t in tokens)


def _in_subordinate(ctx: DocContext, scan: SentenceScan, k: int) -> bool:
    """True if the speaker stands in a clause opened by though/while/because... earlier in the
    sentence (then the reported part ends at the next comma)."""
    subordinate = _edges(ctx, scan).subordinate
    return bool(subordinate) and subordinate[0] < k


def _trim_to_boundary(ctx: DocContext, scan: SentenceScan, k: int) -> int:
    """Move back from "according" over "this"/punctuation to where the attributed part ends."""
    tokens = ctx.doc.tokens
    start = k
    while k > scan.first and start - k < 30 and (
        tokens[k - 1].kind == "punct" or tokens[k - 1].lower in ("this", "that", "it")
    ):
        k -= 1
    return k


def _closes_sentence(ctx: DocContext, scan: SentenceScan, k: int) -> bool:
    """True if only a few non-clausal tokens follow token `k` to the sentence end
    ("..., Miller said on Monday.")."""
    words = 0
    tokens = ctx.doc.tokens
    for j in range(k, scan.stop):
        token = tokens[j]
        if token.kind == "punct":
            if j - k > 30:
                return False
            continue
        if token.lower == "that":
            return False
        words += 1
        if words > 5:
            return False
    return True


def sentence_attributions(ctx: DocContext, si: int) -> list[Attribution]:
    """Attributions whose cue is in sentence `si` (cached in the context). A pronoun speaker
    refers back to the last speaker of the three sentences before, when those were read."""
    cached = ctx.attribution_cache.get(si)
    if cached is None:
        previous = None
        for back in range(si - 1, max(-1, si - 4), -1):
            earlier = ctx.attribution_cache.get(back)
            if earlier:
                previous = earlier[-1]
                break
        cached = _sentence_attributions(ctx, si, previous)
        ctx.attribution_cache[si] = cached
    return cached


def attributions_around(ctx: DocContext, si: int, offset: int) -> list[Attribution]:
    """Attributions that may cover character `offset` of sentence `si`: those of the sentence,
    and those of the sentences where a quotation containing `offset` opens and closes (and the
    one after it: '..."The end." He added')."""
    found = sentence_attributions(ctx, si)
    quotes = ctx.quotes
    if quotes:
        found = list(found)
        k = bisect_right(quotes, (offset, sys.maxsize)) - 1
        if k >= 0 and quotes[k][0] < offset < quotes[k][1]:
            open_, close = quotes[k]
            last = len(ctx.doc.sentences) - 1
            for other in {ctx.doc.sentence_of(open_), ctx.doc.sentence_of(close)}:
                if other is None:
                    continue
                for candidate in (other, other + 1):
                    if candidate != si and 0 <= candidate <= last:
                        found += sentence_attributions(ctx, candidate)
    return found


class AttributionIndex:
    """Attributions sorted for bounded look-ups (no scan over all of them per mention)."""

    _BACK = 16  # candidates looked at: nested contents start close together

    def __init__(self, attributions: Sequence[Attribution]) -> None:
        self.attributions = tuple(attributions)
        self._by_content = sorted(self.attributions, key=lambda a: (a.content.start, -a.content.end))
        self._starts = [a.content.start for a in self._by_content]
        self._by_speaker = sorted((a for a in self.attributions if a.speaker is not None), key=lambda a: a.speaker.start)  # type: ignore[union-attr]  # (only those with a speaker)
        self._speaker_starts = [a.speaker.start for a in self._by_speaker]  # type: ignore[union-attr]  # (as above)
        self.by_cue = {a.cue.start: a for a in self.attributions}

    def __bool__(self) -> bool:
        return bool(self.attributions)

    def innermost(self, offset: int, exclude: Attribution | None = None) -> Attribution | None:
        """The attribution with the smallest content containing `offset`."""
        i = bisect_right(self._starts, offset) - 1
        best = None
        stop = max(-1, i - self._BACK)
        while i > stop:
            a = self._by_content[i]
            if a.content.end > offset and a is not exclude and (best is None or len(a.content) < len(best.content)):
                best = a
            i -= 1
        return best

    def speaking(self, start: int, end: int) -> list[Attribution]:
        """Attributions whose speaker phrase overlaps ``[start, end)``."""
        i = bisect_left(self._speaker_starts, end) - 1
        found = []
        stop = max(-1, i - self._BACK)
        while i > stop:
            a = self._by_speaker[i]
            if a.speaker is not None and a.speaker.end > start:
                found.append(a)
            i -= 1
        return found


_NO_ATTRIBUTIONS = AttributionIndex(())  # shared by the many sentences without any (never modified)


def index_around(ctx: DocContext, si: int, offset: int) -> AttributionIndex:
    """An :class:`AttributionIndex` of :func:`attributions_around` (cached per sentence and
    quotation)."""
    quote = None
    quotes = ctx.quotes
    if quotes:
        k = bisect_right(quotes, (offset, sys.maxsize)) - 1
        if k >= 0 and quotes[k][0] < offset < quotes[k][1]:
            quote = k
    key = ("aindex", si, quote)
    cached = ctx.sentence_cache.get(key)
    if cached is None:
        found = attributions_around(ctx, si, offset)
        cached = AttributionIndex(found) if found else _NO_ATTRIBUTIONS
        ctx.sentence_cache[key] = cached
    return cached


_UNKNOWN: Any = object()


def mention_attributions(ctx: DocContext, si: int) -> list[tuple[Attribution | None, list[Attribution]]] | None:
    """For each mention of sentence `si` (in ``ctx.by_sentence`` order): the innermost
    attribution containing it and the attributions it is the speaker of; ``None`` if there are
    none for any of them. Computed once per sentence, in the same order of look-ups as one
    :func:`index_around` per mention (pronoun speakers depend on what was read before)."""
    key = ("mentions", si)
    found: list[tuple[Attribution | None, list[Attribution]]] | None = ctx.sentence_cache.get(key, _UNKNOWN)
    if found is not _UNKNOWN:
        return found
    found = None
    mentions = ctx.by_sentence.get(si, ())
    if not ctx.quotes:  # one index for the whole sentence
        attributions = ctx.attribution_cache.get(si)
        if attributions is None:
            for cue in ctx.scan(si).cues:
                if cue[8] == "reporting" or cue[8] == "speech":  # role
                    attributions = sentence_attributions(ctx, si)
                    break
            else:
                if convention_attributions(ctx, si):
                    attributions = sentence_attributions(ctx, si)
                else:
                    attributions = ctx.attribution_cache[si] = []  # no reporting expression here
        if attributions:
            index = index_around(ctx, si, 0)
            found = [(index.innermost(m.start), index.speaking(m.start, m.end)) for m in mentions]
    else:
        pairs = []
        for m in mentions:
            index = index_around(ctx, si, m.start)
            if index.attributions:
                pairs.append((index.innermost(m.start), index.speaking(m.start, m.end)))
            else:
                pairs.append((None, []))
        if any(container is not None or speaking for container, speaking in pairs):
            found = pairs
    ctx.sentence_cache[key] = found
    return found


def attributions_in(ctx: DocContext, sentences: Sequence[int] | None = None) -> list[Attribution]:
    """Attributions of the given sentences (all by default), in text order."""
    indices = range(len(ctx.doc.sentences)) if sentences is None else sorted(set(sentences))
    found: list[Attribution] = []
    for si in indices:
        found += sentence_attributions(ctx, si)
    return found


def find_attributions(text_or_doc: str | Doc, registry: ActorRegistry | None = None) -> AttributionResult:
    """Find reported speech and quotations, each with its speaker and content.

    Parameters
    ----------
    text_or_doc : str or Doc
        Any text; offsets refer to it.
    registry : ActorRegistry, optional
        The actors speakers are resolved to (default: :meth:`ActorRegistry.default`).

    Examples
    --------
    >>> text = 'US coalition spokesman Colonel Ryan Dillon confirmed that, "They had a discussion."'
    >>> a = find_attributions(text).attributions[0]
    >>> a.source, a.kind, a.content.slice(text)
    ('ryan_dillon', 'quote', 'They had a discussion.')
    """
    doc = as_doc(text_or_doc)
    ctx = DocContext(doc, registry_or_default(registry))
    return AttributionResult(tuple(attributions_in(ctx)))
