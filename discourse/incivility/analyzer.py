"""The front door: :func:`score` one text; :class:`IncivilityAnalyzer` to configure it.

Examples
--------
>>> r = score("Muslims are vermin and should all be deported, they are animals.")
>>> r.intolerant, r.uncivil, [(r.text[s.start:s.end], s.kind) for s in r.spans][0]
(True, False, ('Muslims are vermin', 'dehumanisation'))
"""

from __future__ import annotations

import math
import os
from collections import Counter
from functools import lru_cache, partial, reduce
from itertools import compress
from operator import add, itemgetter, not_
from typing import Any

from discourse.incivility.features import (
    Skeleton,
    context_features,
    lexicon_categories,
    own_features,
    replaced_own_counts,
    skeleton,
)
from discourse.incivility.tokens import (
    _HAS_SPACED,
    _PLAIN_SPLIT,
    _PLAIN_SPLIT_ASCII,
    _SPACED_HINT,
    MEMO_WORDS,
    WordSplit,
    split_words,
)
from discourse.incivility.model import Weights, load_weights
from discourse.incivility.scorer import ContextTables, WordRecords, weighted_context_of
from discourse.incivility.result import IncivilityResult, IncivilitySpan, Term
from discourse.text import Doc

__all__ = ["IncivilityAnalyzer", "score"]

# the fields of a word record (scorer.WordRecords): norm, incivility, intolerance, span, as the
# previous word, as the next word, lexicon categories, row of the pair table,
# complex(incivility, intolerance)
_NORM = itemgetter(0)
_CATS = itemgetter(6)
_ROW = itemgetter(7)
_BOTH = itemgetter(8)
_BOTH_FEATURE = itemgetter(3)  # a weight-table entry: complex(incivility, intolerance)
_REFINE = (("dehumanisation", "dehumanisation"), ("exclusion", "exclusion"))


class IncivilityAnalyzer:
    """Incivility and intolerance of a text, with the terms and spans behind the scores.

    Parameters
    ----------
    weights : path, optional
        A weight file written by :mod:`discourse.training.incivility` (default: the bundled one).
    threshold : float
        Probability at or above which a text counts as uncivil / intolerant (default 0.5).
    span_threshold : float, optional
        Word probability above which the span model marks a word as evidence (default: the one
        chosen by cross-validation at fitting time, stored in the weight file).
    spans : bool or "flagged"
        Compute evidence spans for every text (``True``, the default), for none (``False``:
        about a third faster), or only for texts at or above the threshold on either measure
        (``"flagged"``: what the pipeline does, so that the evidence tables explain the uncivil
        and intolerant units at a fraction of the cost).

    Examples
    --------
    >>> analyzer = IncivilityAnalyzer(threshold=0.6)
    >>> analyzer.get_params()["threshold"]
    0.6
    >>> analyzer.analyze("You stupid moron.").uncivil
    True
    """

    def __init__(
        self,
        *,
        weights: str | os.PathLike[str] | None = None,
        threshold: float = 0.5,
        span_threshold: float | None = None,
        spans: bool | str = True,
    ) -> None:
        self.weights = weights
        self.threshold = threshold
        self.span_threshold = span_threshold
        self.spans = spans

    def get_params(self) -> dict[str, Any]:
        """The constructor's parameters (the weight file as a string).

        Examples
        --------
        >>> IncivilityAnalyzer().get_params()["weights"] is None
        True
        """
        return {
            "weights": None if self.weights is None else os.fspath(self.weights),
            "threshold": self.threshold,
            "span_threshold": self.span_threshold,
            "spans": self.spans,
        }

    def _setup(self) -> Weights:
        weights = getattr(self, "weights_", None)
        if weights is None:
            if not 0.0 < self.threshold < 1.0:
                raise ValueError(f"threshold must be in (0, 1), got {self.threshold!r}")
            if self.spans not in (True, False, "flagged"):
                raise ValueError(f"spans must be True, False or 'flagged', got {self.spans!r}")
            self.logit_cut_ = math.log(self.threshold / (1.0 - self.threshold))
            weights = load_weights(self.weights)
            models = weights.models
            self.inc_ = models["incivility"]["weights"]
            self.int_ = models["intolerance"]["weights"]
            self.intercepts_ = (float(models["incivility"]["intercept"]), float(models["intolerance"]["intercept"]))
            self.intercepts_c_ = complex(*self.intercepts_)
            self.span_ = models["span"]["weights"]
            self.span_intercept_ = float(models["span"]["intercept"])
            threshold = self.span_threshold if self.span_threshold is not None else models["span"]["threshold"]
            self.span_logit_ = math.log(threshold / (1.0 - threshold))
            self.kind_ = models["kind"]
            # shared by every analyser of the same weight file (the pipeline builds one per run)
            self.joint_, self.tables_, self.records_ = _compiled(weights.path)
            self.edges_ = (self.span_.get("p:<s>", 0.0), self.span_.get("n:</s>", 0.0))
            self.weights_ = weights
        return weights

    def __getstate__(self) -> dict[str, Any]:
        # learned state is re-read from the weight file in another process
        return {k: v for k, v in self.__dict__.items() if not k.endswith("_")}

    def lexicon_info(self) -> list[dict[str, str]]:
        """Provenance of the weight file and of the lexicons its features read.

        Examples
        --------
        >>> [d["name"] for d in IncivilityAnalyzer().lexicon_info()][:2]
        ['incivility_weights', 'rhetoric_profanity']
        """
        from discourse.incivility.features import LEXICON_FILES
        from discourse.lexicons import load_lexicon
        from discourse.rhetoric.engine import english_words

        lexicons = [load_lexicon(name).info() for name in LEXICON_FILES]
        return [self._setup().info()] + lexicons + [english_words().info()]

    def analyze(self, text_or_doc: str | Doc) -> IncivilityResult:
        """Score one text.

        Examples
        --------
        >>> r = IncivilityAnalyzer().analyze("This is a thoughtful piece.")
        >>> r.uncivil, r.intolerant
        (False, False)
        """
        self._setup()
        text = text_or_doc.text if isinstance(text_or_doc, Doc) else str(text_or_doc)
        if _SPACED_HINT.search(text) is None or _HAS_SPACED.search(text) is None:  # the usual case
            parts = (_PLAIN_SPLIT_ASCII if text.isascii() else _PLAIN_SPLIT).split(text)
            # one look-up per word: normalised form, own weights, categories, pair-table row
            records = list(map(self.records_.__getitem__, parts[1::2]))
            norms = list(map(_NORM, records))
            gaps = parts[0::2]
            ws = None  # (made for the spans, which few texts need)
        else:  # spaced-out letters joined into words
            ws = split_words(text)
            records = [self.records_.of_norm(norm) for norm in ws.norms]
            norms, gaps = ws.norms, ws.gaps
        n = len(norms)
        scopes, found = weighted_context_of(
            norms, gaps, list(map(_CATS, records)), list(map(_ROW, records)), self.tables_
        )
        # a word's own features count once per distinct (unscoped) word
        if not any(scopes):
            distinct = dict(zip(norms, records))
        else:
            distinct = dict(compress(zip(norms, records), map(not_, scopes)))  # (in C)
        # left-to-right sums in C (reduce adds in the same order as a loop: the same floats);
        # both measures at once as complex numbers (incivility + intolerance j), whose real and
        # imaginary parts add separately, each exactly as a float sum would
        logits = reduce(add, map(_BOTH, distinct.values()), self.intercepts_c_)
        # context-dependent features (scoped words, pairs, phrases, cues) count once per text,
        # in the order of their first occurrence
        logits = reduce(add, map(_BOTH_FEATURE, found), logits)
        inc = logits.real
        intol = logits.imag
        spans: tuple[IncivilitySpan, ...] = ()
        if self.spans and n and (self.spans is True or max(inc, intol) >= self.logit_cut_):
            # the evidence needs every occurrence with its words (few texts: the flagged ones)
            if ws is None:
                ws = WordSplit(norms, gaps, parts, None)
            scopes, extras = context_features(ws)
            joint = self.joint_
            span_extras = []
            for name, i, j in extras:
                weights = joint.get(name)
                if weights is not None and weights[2]:
                    span_extras.append((name, i, j, weights[2]))
            spans = self._spans(text, Skeleton(ws.tokens(), scopes, extras), records, span_extras)
        return IncivilityResult._of(text, (inc, intol), self.intercepts_, spans, self.threshold, partial(self._terms, text))

    @staticmethod
    def _own_set(norm: str) -> frozenset[str]:
        return _own_set(norm)

    def _terms(self, text: str) -> tuple[Term, ...]:
        """Every weighted feature occurrence of `text`, with its share of the weight (the
        explicit path: the same sums as :meth:`analyze`, one term per occurrence)."""
        sk = skeleton(text)
        tokens, scopes = sk.tokens, sk.scopes
        inc_w, int_w = self.inc_, self.int_
        repeats: dict[str, int] = {}
        for tok, scope in zip(tokens, scopes):
            if not scope:
                repeats[tok.norm] = repeats.get(tok.norm, 0) + 1
        times: dict[str, int] = {}
        for name, _, _ in sk.extras:
            times[name] = times.get(name, 0) + 1
        # a phrase category that k words also carry counts once in all (document_counts): its
        # weight is shared among the k words and the phrase
        shared = {name: k + 1 for name, k in replaced_own_counts(times, repeats).items()}
        occurrences = [
            (f, k, k, repeats[tok.norm] * shared.get(f, 1))
            for k, (tok, scope) in enumerate(zip(tokens, scopes))
            if not scope
            for f in own_features(tok.norm)
        ]
        occurrences += [(name, i, j, times[name] * shared.get(name, 1)) for name, i, j in sk.extras]
        out = []
        for name, i, j, m in occurrences:
            a = inc_w.get(name, 0.0)
            b = int_w.get(name, 0.0)
            if a or b:
                out.append(Term(name, tokens[i].start, tokens[j].end, a / m, b / m))
        out.sort(key=lambda t: (t.start, t.end, t.feature))
        return tuple(out)

    def _spans(self, text: str, sk, records, span_extras) -> tuple[IncivilitySpan, ...]:
        """Runs of words whose span-model probability exceeds the threshold (separated by
        whitespace only), with their kind and their share of the document models' terms
        (`records`: the words' records, see :class:`~discourse.incivility.scorer.WordRecords`)."""
        tokens, scopes = sk.tokens, sk.scopes
        n = len(tokens)
        b = self.span_intercept_
        z = [b + r[3] for r in records]
        # the span model reads each word's features as a set: a feature found twice on a word
        # (a repeated pair, a phrase category the word also has) counts once
        unique = len({e[0] for e in span_extras}) == len(span_extras)
        seen: set[tuple[str, int]] = set()
        for name, i, j, w in span_extras:
            for k in range(i, j + 1):
                if unique and name[0] != "l":
                    z[k] += w
                elif (name, k) not in seen and (scopes[k] or name not in _own_set(tokens[k].norm)):
                    seen.add((name, k))
                    z[k] += w
        # neighbours' words: a word's weight as the previous (p:) and the next (n:) word
        z[0] += self.edges_[0]
        z[-1] += self.edges_[1]
        for k in range(1, n):
            z[k] += records[k - 1][4]
            z[k - 1] += records[k][5]
        cut = self.span_logit_
        flagged = [k for k in range(n) if z[k] > cut and not scopes[k]]  # scoped: not the writer's
        if not flagged:
            return ()
        runs: list[list[int]] = []
        for k in flagged:
            if runs and runs[-1][-1] == k - 1 and text[tokens[k - 1].end : tokens[k].start].isspace():
                runs[-1].append(k)
            else:
                runs.append([k])
        # the context features on each word of the runs (one pass over the text's features)
        in_run = {k for run in runs for k in run}
        on_word: dict[int, list[tuple[str, int, int]]] = {k: [] for k in in_run}
        for extra in sk.extras:
            for k in range(extra[1], extra[2] + 1):
                if k in in_run:
                    on_word[k].append(extra)
        runs = [run for run in runs if not _bare_group(tokens, run, on_word)]
        if not runs:
            return ()
        contribution = self._word_contributions(sk, records, on_word)
        return tuple(
            IncivilitySpan(
                tokens[run[0]].start,
                tokens[run[-1]].end,
                self._kind(sk, run, on_word),
                1.0 / (1.0 + math.exp(-max(z[k] for k in run))),
                sum(contribution[k][0] for k in run),
                sum(contribution[k][1] for k in run),
            )
            for run in runs
        )

    def _word_contributions(self, sk, records, on_word) -> dict[int, tuple[float, float]]:
        """The share of the document models' terms of each word in `on_word` (a repeated word or
        feature shares its weight equally among its occurrences, an occurrence among its words)."""
        tokens, scopes = sk.tokens, sk.scopes
        repeats = Counter(t.norm for t, scope in zip(tokens, scopes) if not scope)
        times = Counter(map(itemgetter(0), sk.extras))
        joint = self.joint_
        # a phrase category that k words also carry counts once in all, shared as in _terms
        shared = {name: k + 1 for name, k in replaced_own_counts(times, repeats).items()}
        out = {}
        for k, extras in on_word.items():
            inc = intol = 0.0
            if not scopes[k]:
                m = repeats[tokens[k].norm]
                inc, intol = records[k][1] / m, records[k][2] / m
                for name in shared.keys() & _own_set(tokens[k].norm):
                    found = joint.get(name)
                    if found is not None:  # the word keeps 1 / (k + 1) of the weight it carried
                        inc -= found[0] * (1.0 - 1.0 / shared[name]) / m
                        intol -= found[1] * (1.0 - 1.0 / shared[name]) / m
            for name, i, j in extras:
                found = joint.get(name)
                if found is not None:
                    share = 1.0 / ((j - i + 1) * times[name] * shared.get(name, 1))
                    inc += found[0] * share
                    intol += found[1] * share
            out[k] = (inc, intol)
        return out

    def _kind(self, sk, run: list[int], on_word) -> str:
        """Kind of a span: the kind model's most likely class over its words, refined by the
        lexicons (an insult that is a listed name is name-calling; a dehumanising or excluding
        cue word names its kind)."""
        model = self.kind_
        weights = model["weights"]
        tokens, scopes = sk.tokens, sk.scopes
        n = len(tokens)
        totals = [float(v) * len(run) for v in model["intercepts"]]
        cats: set[str] = set()
        for k in run:
            feats = dict.fromkeys(own_features(tokens[k].norm) if not scopes[k] else ())
            feats.update(dict.fromkeys(extra[0] for extra in on_word[k]))
            feats["p:" + (tokens[k - 1].norm if k else "<s>")] = None
            feats["n:" + (tokens[k + 1].norm if k + 1 < n else "</s>")] = None
            for f in feats:  # insertion order: the same float sums in every process
                column = weights.get(f)
                if column is not None:
                    for c, v in enumerate(column):
                        totals[c] += v
            if not scopes[k]:
                cats.update(lexicon_categories(tokens[k].norm))
        kind = model["classes"][max(range(len(totals)), key=totals.__getitem__)]
        if kind != "profanity":
            for category, name in _REFINE:
                if category in cats:
                    return name
        if kind == "insult" and "name_calling" in cats:
            return "name-calling"
        return kind


_GROUP_WORDS = frozenset(("group", "identity"))


def _bare_group(tokens, run: list[int], on_word) -> bool:
    """A run of group or identity nouns only ('Muslims', 'Syrian refugees') that no target cue
    ties to a hostile word: naming a group is not an attack on it. (Reading spans on real
    comments showed the span model, trained on comments pre-selected as toxic, marking group
    nouns in neutral sentences.)"""
    if not all(_GROUP_WORDS.intersection(lexicon_categories(tokens[k].norm)) for k in run):
        return False
    return not any(extra[0][0] == "x" for k in run for extra in on_word[k])


@lru_cache(maxsize=4)
def _compiled(path: str) -> tuple[dict[str, tuple[float, float, float, complex]], ContextTables, WordRecords]:
    """Every weighted feature -> (incivility, intolerance, span) weights and
    ``complex(incivility, intolerance)``, so that scoring needs one lookup per feature; the same weights indexed for the fast path
    (:mod:`discourse.incivility.scorer`); and the per-surface word records that gather a word's
    look-ups (shared by the analysers of a file: the pipeline builds one per run)."""
    models = load_weights(path).models
    inc, intol, span = (models[m]["weights"] for m in ("incivility", "intolerance", "span"))
    joint = {}
    for f in sorted(set(inc) | set(intol) | set(span)):
        a, b = inc.get(f, 0.0), intol.get(f, 0.0)
        # the two document models' weights also as one complex number (see analyze)
        joint[f] = (a, b, span.get(f, 0.0), complex(a, b))
    tables = ContextTables.build(joint)
    lexicon_categories("")  # loads the lexicons, which set the unmasking targets of normalize_word
    return joint, tables, WordRecords(tables, span)


@lru_cache(maxsize=MEMO_WORDS)
def _own_set(norm: str) -> frozenset[str]:
    return frozenset(own_features(norm))


_DEFAULT: dict[str, IncivilityAnalyzer] = {}


def score(text_or_doc: str | Doc) -> IncivilityResult:
    """Incivility and intolerance of one text, with evidence spans (the bundled models).

    Parameters
    ----------
    text_or_doc : str or Doc
        A comment, title or article body.

    Returns
    -------
    IncivilityResult
        ``incivility`` and ``intolerance`` (probabilities in [0, 1]), ``spans`` (character
        offsets, kind, contribution) and ``terms`` (every weighted feature: intercept + terms
        = logit).

    Examples
    --------
    >>> r = score("You're a stuuupid f*ck.")
    >>> round(r.incivility, 1) >= 0.5, [r.text[s.start:s.end] for s in r.spans]
    (True, ['stuuupid f*ck'])
    """
    analyzer = _DEFAULT.get("default")
    if analyzer is None:
        analyzer = _DEFAULT["default"] = IncivilityAnalyzer()
    return analyzer.analyze(text_or_doc)
