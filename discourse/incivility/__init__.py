"""Incivility and intolerance of comments: fitted, explainable models with evidence spans.

Two measures, kept apart as the literature does (Papacharissi 2004; Coe, Kenski & Rains 2014;
Rossini 2022):

- **incivility**: rudeness toward people: insults, name-calling, profanity, vulgarity, aspersion;
- **intolerance**: attacks on groups and their rights: stereotyping, dehumanisation, exclusion,
  threats, identity attacks.

Each is a logistic regression over word, word-pair, character n-gram, lexicon and target-cue
features (:mod:`~discourse.incivility.features`), fitted on public labelled data by
:mod:`discourse.training.incivility`, so every score decomposes into terms tied to words
(``intercept + sum of terms = logit``). A span model fitted on the SemEval-2021 toxic-spans
annotation marks the evidence spans, each with its kind (:data:`KINDS`) and its contribution.
Inference reads one JSON weight file and needs no third-party package.

Examples
--------
>>> from discourse.incivility import score
>>> r = score("You are a stupid idiot.")
>>> r.uncivil, r.intolerant
(True, False)
>>> [(r.text[s.start:s.end], s.kind) for s in r.spans]
[('stupid idiot', 'name-calling')]
>>> score("You are not an idiot.").incivility < r.incivility
True
"""

from discourse.incivility.analyzer import IncivilityAnalyzer, score
from discourse.incivility.model import Weights, load_weights
from discourse.incivility.result import (
    KINDS,
    MEASURES,
    RECORD_COLUMNS,
    SPAN_COLUMNS,
    IncivilityResult,
    IncivilitySpan,
    Term,
)
from discourse.incivility.summary import SUMMARY_COLUMNS, summary_rows, wilson_interval

__all__ = [
    "score",
    "IncivilityAnalyzer",
    "IncivilityResult",
    "IncivilitySpan",
    "Term",
    "KINDS",
    "MEASURES",
    "RECORD_COLUMNS",
    "SPAN_COLUMNS",
    "SUMMARY_COLUMNS",
    "summary_rows",
    "wilson_interval",
    "Weights",
    "load_weights",
]
