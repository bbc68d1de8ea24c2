"""The detection engine: all features of the catalogue in one pass over a document's tokens.

The bundled lexicons are compiled once per process into a single
:class:`~discourse.lexicons.dic.TermMatcher` (one dictionary lookup per token, whatever the
number of lists); context rules and negation are checked only on the few tokens that hit; the
structural detectors in :mod:`discourse.rhetoric.structure` read the same tokens and sentences.
Nothing here re-tokenises.

Examples
--------
>>> from discourse.text import Doc
>>> spans, scores = get_engine().run(Doc("We do NOT need their oil. Wake up, people!"))
>>> [(a, b) for a, b in spans["shouting"]], spans["us_vs_them"]
([(6, 9)], [(0, 20)])
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from importlib import metadata
from types import MappingProxyType
from collections.abc import Hashable
from functools import lru_cache
from typing import NamedTuple

from discourse.irony import irony
from discourse.lexicons import Lexicon, load_lexicon
from discourse.lexicons.dic import TermMatcher, term_tokens
from discourse.lexicons.external import vader_lexicon
from discourse.rhetoric import structure
from discourse.rhetoric.catalogue import CATALOGUE, FEATURE_NAMES
from discourse.rhetoric.rules import (
    NEG_DROP,
    NEG_HEDGE,
    Context,
    negator_before,
    parse_rules,
    passes,
)
from discourse.text import Doc

__all__ = ["Engine", "get_engine", "LEXICON_FEATURES", "INCIVILITY_PARTS"]

Span2 = tuple[int, int]

# Lexicon file -> the matcher key of its hits (a feature name, or an internal "_..." key).
LEXICON_FEATURES: dict[str, str] = {
    "rhetoric_hedges": "hedges",
    "rhetoric_boosters": "boosters",
    "rhetoric_absolutist": "absolutist",
    "rhetoric_intensifiers": "intensifiers",
    "rhetoric_superlatives": "superlatives",
    "rhetoric_hyperbole": "hyperbole",
    "rhetoric_attribution": "attribution",
    "rhetoric_distancing": "distancing",
    "rhetoric_first_person_singular": "first_person_singular",
    "rhetoric_first_person_plural": "first_person_plural",
    "rhetoric_second_person": "second_person",
    "rhetoric_third_person_plural": "third_person_plural",
    "rhetoric_negations": "negations",
    "rhetoric_obligation_modals": "obligation_modals",
    "rhetoric_profanity": "profanity",
    "rhetoric_name_calling": "name_calling",
    "rhetoric_insults": "insults",
    "rhetoric_aspersion": "aspersion",
    "rhetoric_lying_accusations": "lying_accusations",
    "rhetoric_conspiracy": "conspiracy",
    "rhetoric_populism": "populist_anti_elite",
    "rhetoric_group_references": "group_references",
    "rhetoric_hostile": "_hostile",
    "rhetoric_fear": "appeal_to_fear",
    "rhetoric_loaded_language": "loaded_language",
    "rhetoric_flag_waving": "flag_waving",
    "rhetoric_politeness": "politeness",
    "rhetoric_mockery": "mockery",
    "rhetoric_slogans": "slogans",
    "rhetoric_number_words": "_number",
}
# Lists read by the structural detectors (sets and cue tables, not matched on every token).
_AUX_LEXICONS = (
    "rhetoric_acronyms",
    "rhetoric_question_cues",
    "rhetoric_answer_cues",
    "rhetoric_speech_verbs",
    "rhetoric_imperative_verbs",
)
INCIVILITY_PARTS = (
    "profanity",
    "name_calling",
    "insults",
    "aspersion",
    "lying_accusations",
    "shouting",
    "group_hostility",
    "personal_attack",
    "mockery",
)
VADER_NEGATIVE = -1.0  # VADER valence at or below which a word is a negative evaluation
_NOT_EVALUATIVE = frozenset("no not never nothing none nor without cannot".split())
_HOSTILE_SOURCES = ("_hostile", "name_calling", "insults", "profanity")
_IN_GROUP = "first_person_plural"
_OUT_GROUP = ("third_person_plural", "group_references")


class _Payload(NamedTuple):
    key: str
    checks: tuple
    negation: str
    labels: frozenset


def _cue_table(lex: Lexicon) -> dict[str, tuple[tuple[str, ...], ...]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for term in lex.terms():
        tokens = term_tokens(term)
        if tokens:
            table.setdefault(tokens[0], []).append(tokens)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


class Engine:
    """All rhetorical detectors, compiled from the bundled lexicons.

    Parameters
    ----------
    ngram : int
        Length of the word n-grams that count as repetition.
    negation_window : int
        How many tokens before a hit are searched for a negator.
    hostility_window : int
        Maximum distance in tokens between a group reference and a hostile word.

    Examples
    --------
    >>> Engine().lexicon_names()[:2]
    ['rhetoric_hedges', 'rhetoric_boosters']
    """

    def __init__(self, ngram: int = 3, negation_window: int = 3, hostility_window: int = 10) -> None:
        self.attack_window = 4
        self.ngram = ngram
        self.negation_window = negation_window
        self.hostility_window = hostility_window
        pairs: list[tuple[str, Hashable]] = []
        self.lexicons: dict[str, Lexicon] = {}
        self.superlative_exceptions: set[str] = set()
        for name, key in LEXICON_FEATURES.items():
            lex = load_lexicon(name)
            self.lexicons[name] = lex
            for term, value in lex.entries.items():
                rule = parse_rules(value, where=f"{lex.path or name}: {term!r}")
                if "exception" in rule.labels:
                    self.superlative_exceptions.add(term)
                    continue
                pairs.append((term, _Payload(key, rule.checks, rule.negation, rule.labels)))
        self.matcher = TermMatcher(pairs)
        for name in _AUX_LEXICONS:
            self.lexicons[name] = load_lexicon(name)
        self.acronyms = frozenset(self.lexicons["rhetoric_acronyms"].terms())
        english = english_words()
        self.lexicons["textblob_en_lexicon"] = english
        self.english = english.terms()
        self.question_cues = _cue_table(self.lexicons["rhetoric_question_cues"])
        answers = self.lexicons["rhetoric_answer_cues"]
        self.answer_cues = _cue_table(answers)
        self.short_answers = frozenset(t for t, v in answers.entries.items() if "short" in v.split())
        self.speech = frozenset(term_tokens(t)[0] for t in self.lexicons["rhetoric_speech_verbs"].terms())
        self.imperative_verbs = frozenset(self.lexicons["rhetoric_imperative_verbs"].terms())
        profane = self.lexicons["rhetoric_profanity"].terms()
        self.unmask_targets = _unmask_targets(profane)
        vader = vader_lexicon()
        self.lexicons["vader"] = vader
        self.negative_words = frozenset(
            w for w, v in vader.weights().items() if v <= VADER_NEGATIVE and w not in _NOT_EVALUATIVE
        )

    def lexicon_names(self) -> list[str]:
        """Names of every lexicon the engine reads (bundled files, VADER, TextBlob's words)."""
        return list(self.lexicons)

    # -- the pass --------------------------------------------------------------------------
    def run(self, doc: Doc) -> tuple[dict[str, list[Span2]], dict[str, float]]:
        """Spans of every feature (character offsets) and the index scores of `doc`.

        Examples
        --------
        >>> spans, scores = get_engine().run(Doc("Clearly, you idiot."))
        >>> spans["boosters"], spans["name_calling"], scores["rudeness_cues"]
        ([(0, 7)], [(13, 18)], 333.3333333333333)
        """
        spans, scores, _ = self.measure(doc)
        return spans, scores

    def measure(self, doc: Doc) -> tuple[dict[str, list[Span2]], dict[str, float], int]:
        """:meth:`run` and ``doc.n_words`` (counted on the token kinds; see ``Context.n_words``).

        Examples
        --------
        >>> get_engine().measure(Doc("Clearly, you idiot."))[2]
        3
        """
        spans: dict[str, list[Span2]] = {name: [] for name in FEATURE_NAMES}
        tokens = doc.tokens
        if not tokens:
            return spans, {"us_vs_them": 0.0, "rudeness_cues": 0.0}, 0
        ctx = Context(doc)
        lowers = ctx.lowers
        hits: dict[str, list[tuple[int, int]]] = {}
        last_end: dict[str, int] = {}
        labels_at: dict[int, frozenset] = {}
        window = self.negation_window
        key: str  # the fields of each match's payload (a _Payload; the matcher types it Hashable)
        checks: tuple
        negation: str
        labels: frozenset
        for i, j, (key, checks, negation, labels) in self.matcher.match(lowers):  # type: ignore[misc]  # a payload is typed Hashable; here a _Payload
            if checks and not passes(checks, ctx, i, j):
                continue
            if negation != "keep":
                neg = negator_before(ctx, i, window)
                if neg is not None:
                    if negation == NEG_DROP:
                        continue
                    if negation == NEG_HEDGE:
                        if neg >= last_end.get("hedges", 0):
                            hits.setdefault("hedges", []).append((neg, j))
                            last_end["hedges"] = j
                        continue
            if i < last_end.get(key, 0):
                continue
            last_end[key] = j
            found = hits.get(key)
            if found is None:
                hits[key] = [(i, j)]
            else:
                found.append((i, j))
            if labels:
                labels_at[i] = labels
        starts, ends = ctx.offsets, ctx.ends
        for key, pairs in hits.items():
            if key[0] != "_":
                spans[key] = [(starts[i], ends[j - 1]) for i, j in pairs]
        lower = doc.lower
        if "n't" in lower:
            # tokens ending in n't: the token that ends where an "n't" of the text ends
            contracted = []
            at = lower.find("n't")
            while at >= 0:
                k = bisect_left(ends, at + 3)
                if k < len(ends) and ends[k] == at + 3 and starts[k] <= at:
                    contracted.append((starts[k], ends[k]))
                at = lower.find("n't", at + 3)
            spans["negations"] = structure.merge_spans(spans["negations"] + contracted)
        self._structure(ctx, spans, hits, labels_at)
        scores = self._indices(ctx, spans, hits)
        return spans, scores, ctx.n_words

    def _structure(self, ctx: Context, spans, hits, labels_at) -> None:
        doc = ctx.doc
        tokens = ctx.tokens
        sentences = doc.sentences
        asked = structure.questions(ctx)
        spans["questions"] = [(sentences[k].start, sentences[k].end) for k in asked]
        if asked:
            spans["rhetorical_questions"] = structure.rhetorical_questions(
                ctx, asked, self.question_cues, self.answer_cues, self.short_answers
            )
        spans["exclamations"] = structure.exclamations(ctx)
        spans["ellipsis"] = structure.ellipses(ctx)
        runs = structure.shouting(ctx, self.acronyms, self.english)
        spans["shouting"] = [(tokens[a].start, tokens[b - 1].end) for a, b in runs]
        scare, direct = structure.quotations(ctx, self.speech)
        spans["scare_quotes"], spans["direct_quotations"] = scare, direct
        imperative = structure.imperatives(ctx, set(asked), self.imperative_verbs)
        spans["imperatives"] = [span for _, span in imperative]
        numbers = {i: ("magnitude" if "magnitude" in labels_at.get(i, ()) else "cardinal") for i, _ in hits.get("_number", ())}
        spans["numbers"] = structure.numbers(ctx, numbers)
        spans["repeated_ngrams"] = structure.repeated_ngrams(ctx, self.ngram)
        spans["duplicate_sentences"] = structure.duplicate_sentences(ctx)
        spans["epizeuxis"] = structure.epizeuxis(ctx)
        masked = structure.masked_words(ctx)
        if masked:
            found = [span for span, surface in masked if _unmasks(surface, self.unmask_targets)]
            if found:
                spans["profanity"] = structure.merge_spans(spans["profanity"] + found)
        suffix = structure.superlative_suffix(ctx, self.superlative_exceptions)
        if suffix:
            spans["superlatives"] = structure.merge_spans(spans["superlatives"] + suffix)
        # Mockery includes the library's one irony signal (discourse.irony), scare quotes aside
        # (they are a feature of their own).
        ironic = [(c.start, c.end) for c in irony(doc).cues if c.kind != "scare_quote"]
        if ironic:
            spans["mockery"] = structure.merge_spans(sorted(spans["mockery"] + ironic))
        spans["slogans"] = self._slogans(ctx, spans["slogans"], runs, imperative, direct)
        spans["group_hostility"] = self._group_hostility(ctx, hits)
        spans["personal_attack"] = self._personal_attack(ctx, hits)

    def _personal_attack(self, ctx: Context, hits) -> list[Span2]:
        """Second-person address with a negative evaluation nearby, once per sentence."""
        you = hits.get("second_person")
        if not you:
            return []
        lowers, tokens = ctx.lowers, ctx.tokens
        negative = self.negative_words
        firsts = ctx.firsts
        ranges = ctx.ranges
        uncivil = {i for key in ("name_calling", "insults", "aspersion", "lying_accusations", "profanity") for i, _ in hits.get(key, ())}
        width = self.attack_window
        out: dict[int, Span2] = {}
        for i, j in you:
            k = bisect_right(firsts, i) - 1
            if k in out:
                continue
            a, b = ranges[k]
            best: tuple[int, int] | None = None  # (distance, token)
            for m in range(max(a, i - width), min(b, j + width)):
                if i <= m < j:
                    continue
                if m in uncivil or (lowers[m] in negative and negator_before(ctx, m, 2) is None):
                    d = abs(m - i)
                    if best is None or d < best[0]:
                        best = (d, m)
            if best is not None:
                m = best[1]
                out[k] = (tokens[min(i, m)].start, tokens[max(j - 1, m)].end)
        return [out[k] for k in sorted(out)]

    def _slogans(self, ctx: Context, known, runs, imperative, quotes) -> list[Span2]:
        """Known slogans, all-caps calls of 3-8 words, short exclamatory imperatives."""
        found = list(known)
        tokens = ctx.tokens
        kinds = ctx.kinds
        norm = ctx.doc.norm
        starts = ctx.starts
        for a, b in runs:
            n = (b - a) - kinds[a:b].count("punct")  # tokens that are not punctuation
            if not 3 <= n <= 8:
                continue
            start, end = tokens[a].start, tokens[b - 1].end
            quoted = start > 0 and norm[start - 1] in "\"'" and end < len(norm) and norm[end] in "\"'"
            if a in starts or quoted:
                found.append((start, end))
        ranges = ctx.ranges
        sentences = ctx.doc.sentences
        for k, _ in imperative:
            a, b = ranges[k]
            n = (b - a) - kinds[a:b].count("punct")
            if 2 <= n <= 6 and "!" in norm[sentences[k].start : sentences[k].end]:
                found.append((sentences[k].start, sentences[k].end))
        return structure.merge_spans(found) if len(found) > 1 else found

    def _group_hostility(self, ctx: Context, hits) -> list[Span2]:
        groups = hits.get("group_references")
        if not groups:
            return []
        hostile = sorted(p for key in _HOSTILE_SOURCES for p in hits.get(key, ()))
        if not hostile:
            return []
        firsts = ctx.firsts
        tokens = ctx.tokens
        out = []
        width = self.hostility_window
        hostile_starts = [hi for hi, _ in hostile]
        hostile_sentence = [bisect_right(firsts, hi) - 1 for hi in hostile_starts]
        longest = max(hj - hi for hi, hj in hostile)
        for gi, gj in groups:
            sentence = bisect_right(firsts, gi) - 1
            best: tuple[int, int, int] | None = None  # (distance, start, end)
            lo = bisect_left(hostile_starts, gi - width - longest)
            hi_bound = bisect_left(hostile_starts, gj + width)
            for n in range(lo, hi_bound):
                hi, hj = hostile[n]
                if hj > gi - width - 1 and hi < gj + width and not (hi < gj and gi < hj):
                    if hostile_sentence[n] != sentence:
                        continue
                    distance = gi - hj if hj <= gi else hi - gj
                    if best is None or distance < best[0]:
                        best = (distance, hi, hj)
            if best is not None:
                a, b = min(gi, best[1]), max(gj, best[2])
                out.append((tokens[a].start, tokens[b - 1].end))
        return structure.merge_spans(out)

    def _indices(self, ctx: Context, spans, hits) -> dict[str, float]:
        tokens = ctx.tokens
        firsts = ctx.firsts
        inside: dict[int, list[int]] = {}
        outside: dict[int, list[int]] = {}
        for i, j in hits.get(_IN_GROUP, ()):
            inside.setdefault(bisect_right(firsts, i) - 1, []).extend((i, j - 1))
        if inside:
            for key in _OUT_GROUP:
                for i, j in hits.get(key, ()):
                    k = bisect_right(firsts, i) - 1
                    if k in inside:
                        outside.setdefault(k, []).extend((i, j - 1))
        contrast = []
        for k in sorted(outside):
            cues = inside[k] + outside[k]
            contrast.append((tokens[min(cues)].start, tokens[max(cues)].end))
        spans["us_vs_them"] = contrast
        n_sentences = len(firsts)
        uncivil = structure.merge_spans([s for key in INCIVILITY_PARTS for s in spans[key]])
        spans["rudeness_cues"] = uncivil
        n_words = ctx.n_words
        return {
            "us_vs_them": len(contrast) / n_sentences if n_sentences else 0.0,
            "rudeness_cues": 1000.0 * len(uncivil) / n_words if n_words else 0.0,
        }


_UNMASK_ENDINGS = ("", "s", "ed", "er", "ers", "ing", "in", "y", "ty", "head", "hole", "face")


def _unmask_targets(terms) -> tuple[str, ...]:
    """Plain spellings a masked word may stand for: the profanity list with common endings."""
    out: set[str] = set()
    for term in terms:
        if " " in term or "'" in term or "-" in term:
            continue
        if term.endswith("*"):
            stem = term[:-1]
            out.update(stem + ending for ending in _UNMASK_ENDINGS)
        else:
            out.add(term)
    return tuple(sorted(out))


@lru_cache(maxsize=4096)
def _unmasks(surface: str, targets: tuple[str, ...]) -> bool:
    """True if `surface` with each masking symbol read as one letter spells a target word."""
    if len(surface) > 21:
        return False
    letters = sum(ch.isalpha() for ch in surface)
    if letters < 1 or letters == len(surface):
        return False
    for word in targets:
        if len(word) != len(surface):
            continue
        if all(s == w or s in "*#@$%!" for s, w in zip(surface, word)):
            if surface[0] == word[0] or surface[0] in "@$":
                return True
    return False


@lru_cache(maxsize=1)
def english_words() -> Lexicon:
    """English word forms from TextBlob's bundled Brill lexicon (lower case as written there).

    Used to tell a shouted word (``STUPID``: an English word in capitals) from an unknown
    acronym (``UBC``, ``LCBO``). The file comes with the installed ``textblob`` package (MIT);
    its SHA-256 goes into provenance.

    Examples
    --------
    >>> words = english_words()
    >>> "stupid" in words, "ubc" in words, words.meta["licence"]
    (True, False, 'MIT')
    """
    from discourse.lexicons.external import package_file

    resource = package_file("textblob", "en", "en-lexicon.txt")  # (textblob itself is not imported)
    data = resource.read_bytes()
    entries: dict[str, str] = {}
    for line in data.decode("utf-8").splitlines():
        word = line.split(" ", 1)[0]
        if word and not line.startswith(";") and word.islower():
            entries[word] = ""
        elif word[:1].isupper() and word[1:].islower() and len(word) >= 5:
            entries.setdefault(word.lower(), "")  # proper names of five letters or more
    meta = {
        "source": "textblob package, en/en-lexicon.txt (Brill tagger lexicon)",
        "licence": "MIT",
        "citation": "Loria, S. TextBlob (MIT); Brill, E. (1992). A simple rule-based part of speech tagger.",
        "version": metadata.version("textblob"),
    }
    return Lexicon(
        "textblob_en_lexicon",
        MappingProxyType(entries),
        MappingProxyType(meta),
        hashlib.sha256(data).hexdigest(),
        str(resource),
    )


@lru_cache(maxsize=8)
def get_engine(ngram: int = 3, negation_window: int = 3, hostility_window: int = 10) -> Engine:
    """The engine for these parameters, compiled once per process.

    Examples
    --------
    >>> get_engine() is get_engine()
    True
    """
    return Engine(ngram, negation_window, hostility_window)


assert set(LEXICON_FEATURES.values()) - {"_hostile", "_number"} <= set(FEATURE_NAMES)
assert all(f.name in FEATURE_NAMES for f in CATALOGUE)
