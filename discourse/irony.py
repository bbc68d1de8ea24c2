"""One irony signal for the whole library: where a text says the opposite of what its words say.

Sarcasm is the main register of reader comments ("Ah, hamas wants peace! /s"), and a lexicon or
a news-trained model reads its praise literally. This module finds conventional irony markers
and the stretch of text each one covers; sentiment (the ``news`` method), stance and rhetoric
(mockery) all read it from here, so the three agree on what is ironic.

Markers (``irony_markers.tsv``, with the literature it follows) and what they cover:

* **tag** ``/s`` (the Reddit sarcasm tag; Khodak et al. 2018): its paragraph, up to the tag;
* **emoji** eye-roll, upside-down face, smirk, unamused, clown (Felbo et al. 2017): its sentence,
  or the previous sentence when the emoji stands alone;
* **opener** at the start of a sentence: "Surely ...", "Oh great", "Yeah right", "Oh sure"
  (Tepperman et al. 2006; Kreuz & Caucci 2007): its sentence;
* **formula** anywhere: "Thanks, Obama", "What could possibly go wrong", "How convenient",
  "Nice try", "Good luck with that": its sentence;
* **scare quotes** (found here, not listed; Predelli 2003): a quotation of one to three words
  holding a positive word ("the "peace" deal", "very 'happy' countries": double or single
  quotes) not introduced by a speech verb: the quoted words only; likewise the one to three words after "so-called" ("so-called liberation").

What irony does to a score is up to the method, but the library's own methods agree: praise
inside an ironic stretch counts as blame (its contribution is flipped), blame stays blame. The
VADER and TextBlob sentiment methods are left alone: they reproduce their reference packages.

Examples
--------
>>> [(c.kind, c.marker) for c in irony("Ah, hamas wants peace! /s").cues]
[('tag', '/s')]
>>> irony("Ah, hamas wants peace! /s").covers(10)
True
>>> irony("Hamas wants peace.").cues
()
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from discourse.lexicons import load_lexicon
from discourse.text import Doc, as_doc

__all__ = ["IronyCue", "Irony", "irony", "irony_info"]

_SPEECH_BEFORE = frozenset(
    "said says say told tell called calls call described describes wrote writes termed dubbed named quoted".split()
)
_SO_CALLED = re.compile(r"\bso[- ]called\s+", re.IGNORECASE)
# A word or three in single quotes ('happy', 'peace plan'): the opening mark not inside a word
# (it's, the Kurds' land), the closing one not followed by a letter.
_SINGLE_QUOTED = re.compile(r"(?<![\w'])'(\w[\w-]*(?:[ \t]+[\w-]+){0,2})'(?![\w'])")


class IronyCue(NamedTuple):
    """One irony marker and the span it covers.

    Attributes
    ----------
    kind : str
        ``tag``, ``emoji``, ``opener``, ``formula`` or ``scare_quote``.
    marker : str
        The list entry (or ``"quotes"`` / ``"so-called"``).
    start, end : int
        The marker's span.
    scope_start, scope_end : int
        The span the marker makes ironic.

    Examples
    --------
    >>> irony("Surely this will work.").cues[0].scope_end
    22
    """

    kind: str
    marker: str
    start: int
    end: int
    scope_start: int
    scope_end: int

    def to_text(self) -> str:
        """Compact evidence form ``marker@start:end``.

        Examples
        --------
        >>> IronyCue("tag", "/s", 5, 7, 0, 7).to_text()
        '/s@5:7'
        """
        return f"{self.marker}@{self.start}:{self.end}"


@dataclass(frozen=True)
class Irony:
    """The irony markers of one text.

    Examples
    --------
    >>> r = irony("Oh great, another war.")
    >>> bool(r), r.covers(12), r.evidence()
    (True, True, 'oh great@0:8')
    """

    cues: tuple[IronyCue, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.cues)

    def covers(self, start: int, end: int | None = None) -> bool:
        """True if the span ``[start, end)`` (or the offset `start`) lies in an ironic stretch."""
        end = start + 1 if end is None else end
        return any(c.scope_start <= start and end <= c.scope_end for c in self.cues)

    def covering(self, start: int, end: int | None = None) -> tuple[IronyCue, ...]:
        """The cues whose scope contains the span."""
        end = start + 1 if end is None else end
        return tuple(c for c in self.cues if c.scope_start <= start and end <= c.scope_end)

    def evidence(self) -> str:
        """All cues as ``marker@start:end``, joined with ``"; "``."""
        return "; ".join(c.to_text() for c in self.cues)


class _Markers(NamedTuple):
    pattern: re.Pattern[str]
    kinds: dict[str, str]
    triggers: tuple[str, ...]  # a text holding none of these cannot hold a marker (quick check)


@lru_cache(maxsize=1)
def _markers() -> _Markers:
    lexicon = load_lexicon("irony_markers")
    kinds = {term: str(kind) for term, kind in lexicon.entries.items()}
    words: list[str]  # patterns of markers that start with a word character, and the others
    others: list[str]
    words, others = [], []
    for term in sorted(kinds, key=lambda t: (-len(t), t)):
        body = r"\s*".join(re.escape(part) for part in term.split())
        body = body.replace(r"\,\s*", r",?\s*").replace(r",\s*", r",?\s*")
        if term[-1:].isalnum():
            body = body + r"(?![\w'])"
        if term[:1] == "/":  # a tag stands after a space or a mark, not in a word ("parent/s")
            body = r"(?<!\w)" + body
        (words if term[:1].isalnum() else others).append(body)
    # Word markers share one look-behind (a word start), so the pattern fails fast inside words.
    pattern = r"(?<![\w'])(?:" + "|".join(words) + ")" + ("|" + "|".join(others) if others else "")
    triggers = tuple(sorted({term.split()[0].rstrip(",") for term in kinds}))
    return _Markers(re.compile(pattern), kinds, triggers)


def irony_info() -> dict[str, str]:
    """Provenance of the marker list (name, file, sha256, version, source, licence, citation).

    Examples
    --------
    >>> irony_info()["name"]
    'irony_markers'
    """
    return load_lexicon("irony_markers").info()


def _sentence_span(doc: Doc, offset: int) -> tuple[int, int]:
    si = doc.sentence_of(offset)
    if si is None:
        return offset, offset
    s = doc.sentences[si]
    return s.start, s.end


def _paragraph_span(doc: Doc, offset: int) -> tuple[int, int]:
    for p in doc.paragraphs:
        if p.start <= offset < p.end:
            return p.start, p.end
    return 0, len(doc.text)


def _is_sentence_start(doc: Doc, offset: int) -> bool:
    si = doc.sentence_of(offset)
    if si is None:
        return False
    head = doc.norm[doc.sentences[si].start : offset]
    return not head.strip(" \t\n\"'*>-(")


def irony(text_or_doc: str | Doc) -> Irony:
    """The irony markers of a text and the spans they cover (see the module notes).

    Examples
    --------
    >>> r = irony('Thanks for the "peace" deal.')
    >>> [(c.kind, c.scope_start, c.scope_end) for c in r.cues]
    [('scare_quote', 16, 21)]
    """
    # Irony depends on the text alone; rhetoric, stance and news sentiment all ask for it.
    return as_doc(text_or_doc).derived(irony, _irony_of)


def _irony_of(doc: Doc) -> Irony:
    lower = doc.lower
    markers = _markers()
    cues = []
    for match in _marker_matches(lower, markers):
        start, end = match.span()
        term = " ".join(match.group(0).replace(",", ", ").split()).replace(" ,", ",")
        kind = markers.kinds.get(term) or markers.kinds.get(term.replace(",", ""), "formula")
        if kind == "tag":
            p0, _ = _paragraph_span(doc, start)
            cues.append(IronyCue(kind, "/s", start, end, p0, end))
        elif kind == "emoji":
            s0, s1 = _sentence_span(doc, start)
            if not any(ch.isalnum() for ch in doc.text[s0:start]):  # stands alone: the sentence before
                si = doc.sentence_of(start)
                if si:
                    s0 = doc.sentences[si - 1].start
            cues.append(IronyCue(kind, term, start, end, s0, max(s1, end)))
        elif kind == "opener":
            if _is_sentence_start(doc, start):
                s0, s1 = _sentence_span(doc, start)
                cues.append(IronyCue(kind, term, start, end, s0, s1))
        else:
            s0, s1 = _sentence_span(doc, start)
            cues.append(IronyCue("formula", term, start, end, s0, s1))
    cues.extend(_scare_quotes(doc))
    return Irony(tuple(sorted(cues, key=lambda c: (c.start, c.end, c.kind))))


def _marker_matches(lower: str, markers: _Markers) -> list[re.Match[str]]:
    """The matches of the marker pattern in `lower`, as ``pattern.finditer`` finds them.

    A match can only start where one of the markers' first words (the triggers) starts, so the
    pattern is tried only there: each trigger is found by ``str.find`` (in C), instead of the
    pattern being tried at every character (most texts hold a trigger such as "that" or "who",
    few hold a marker). Candidates are visited in order and those inside a match are skipped,
    which is exactly how ``finditer`` proceeds.
    """
    candidates = set()
    for trigger in markers.triggers:
        at = lower.find(trigger)
        while at >= 0:
            candidates.add(at)
            at = lower.find(trigger, at + 1)
    if not candidates:
        return []
    found = []
    end = 0
    match_at = markers.pattern.match  # (the look-behind still sees the text before `at`)
    for at in sorted(candidates):
        if at < end:
            continue
        match = match_at(lower, at)
        if match is not None:
            found.append(match)
            end = match.end()
    return found


def _positive(word: str) -> bool:
    """A clearly positive word in VADER's lexicon (valence >= 1.0)."""
    return _vader_weights().get(word, 0.0) >= 1.0


@lru_cache(maxsize=1)
def _vader_weights() -> dict[str, float]:
    from discourse.lexicons.external import vader_lexicon

    return vader_lexicon().weights()


def _scare_quotes(doc: Doc) -> list[IronyCue]:
    norm = doc.norm
    if '"' not in norm and "'" not in norm and "so" not in doc.lower:
        return []
    marks = [m.start() for m in re.finditer('"', norm)]
    # (marker, marker start, marker end, scope start, scope end)
    spans = [("quotes", marks[n], marks[n + 1] + 1, marks[n] + 1, marks[n + 1]) for n in range(0, len(marks) - 1, 2)]
    if "'" in norm:  # single quotes, as many (Canadian, British) comments write them
        spans += [("quotes", m.start(), m.end(), m.start(1), m.end(1)) for m in _SINGLE_QUOTED.finditer(norm)]
        spans.sort(key=lambda span: span[1])
    # (no "called" in the lower-cased text, no match: skip trying the pattern at every character)
    words: re.Match[str] | list[str] | None  # the words after "so-called", then the quoted words
    for match in _SO_CALLED.finditer(norm) if "called" in doc.lower else ():
        words = re.match(r"[\w'-]+(?:\s+[\w'-]+){0,2}", norm[match.end() :])
        if words:
            spans.append(("so-called", match.start(), match.end() + words.end(), match.end(), match.end() + words.end()))
    found = []
    for marker, start, end, scope_start, scope_end in spans:
        words = re.findall(r"[\w'-]+", doc.lower[scope_start:scope_end])
        if not 1 <= len(words) <= 3:
            continue
        if marker == "quotes":  # "so-called" distances whatever follows; quotes only praise
            if not any(_positive(w) for w in words):
                continue
            before = re.findall(r"[\w']+", doc.lower[max(0, start - 40) : start])[-3:]
            if any(w in _SPEECH_BEFORE for w in before):
                continue  # a reported word, not a distancing one
        found.append(IronyCue("scare_quote", marker, start, end, scope_start, scope_end))
    return found
