"""Sentiment at every level: texts, sentences, comments, articles, threads and corpora.

Three methods, all offline:

- ``"vader"`` (default): VADER (Hutto & Gilbert 2014), giving exactly vaderSentiment 3.3.2's
  scores, in linear time (:mod:`discourse.sentiment.vader`).
- ``"textblob"``: TextBlob 0.20's pattern polarity and subjectivity, exactly, in linear time
  (:mod:`discourse.sentiment.textblob_method`).
- ``"news"``: VADER and TextBlob combined with contrast and valence-shifter features, fitted to
  human ratings; better than VADER on opinionated news text (:mod:`discourse.sentiment.news`).

Every result carries a score in [-1, 1], a label (negative/neutral/positive; see
:mod:`discourse.sentiment.result`), the method's own fields, its parameters, and its evidence
(cues with character offsets). The module itself is callable: ``discourse.sentiment(text)`` is
``discourse.sentiment.sentiment(text)``.

Examples
--------
>>> from discourse.sentiment import sentiment, sentence_sentiments
>>> r = sentiment("The US is not motivated by defeat of ISIS terrorism")
>>> r.label, r.fields["compound"], [c.cue for c in r.cues]
('negative', -0.6808, ['motivated', 'defeat', 'terrorism'])
>>> sentence_sentiments("Good plan. Bad timing.").labels
('positive', 'negative')
"""

from __future__ import annotations

import sys
import types
from functools import lru_cache
from typing import Any

from discourse.sentiment.aggregate import (
    CommentSentiment,
    CorpusSentiment,
    GroupSummary,
    ThreadSentiment,
    bootstrap_mean_ci,
    corpus_sentiment,
    summarize_scores,
    thread_sentiment,
    thread_summary,
)
from discourse.sentiment.analyzer import (
    DEFAULT_THRESHOLDS,
    METHODS,
    SentimentAnalyzer,
    TextLike,
)
from discourse.sentiment.result import (
    DEFAULT_THRESHOLD,
    LABELS,
    Cue,
    SentenceSentiments,
    SentimentResult,
    label_for,
)

__all__ = [
    "sentiment",
    "sentence_sentiments",
    "thread_sentiment",
    "thread_summary",
    "corpus_sentiment",
    "SentimentAnalyzer",
    "SentimentResult",
    "SentenceSentiments",
    "ThreadSentiment",
    "CorpusSentiment",
    "CommentSentiment",
    "GroupSummary",
    "Cue",
    "METHODS",
    "LABELS",
    "DEFAULT_THRESHOLD",
    "DEFAULT_THRESHOLDS",
    "label_for",
    "summarize_scores",
    "bootstrap_mean_ci",
]


@lru_cache(maxsize=64)
def _analyzer(method: str, threshold: float | None) -> SentimentAnalyzer:
    return SentimentAnalyzer(method, threshold=threshold)


def sentiment(
    text_or_doc: TextLike, method: str = "vader", *, threshold: float | None = None
) -> SentimentResult:
    """The sentiment of a text, a :class:`~discourse.text.Doc`, a comment or an article body.

    Parameters
    ----------
    text_or_doc : str, Doc, Comment or Article
        What to score (a comment's or article's ``text``).
    method : {"vader", "textblob", "news"}
        The method.
    threshold : float, optional
        Label threshold (default: the method's, see ``DEFAULT_THRESHOLDS``).

    Examples
    --------
    >>> sentiment("").label, sentiment("").score
    ('neutral', 0.0)
    >>> sentiment("What a wonderful, honest report!", method="textblob").fields["polarity"]
    0.875
    """
    return _analyzer(method, threshold).score(text_or_doc)


def sentence_sentiments(
    text_or_doc: TextLike, method: str = "vader", *, threshold: float | None = None
) -> SentenceSentiments:
    """The sentiment of each sentence (``doc.sentences``) of a text: its profile.

    Examples
    --------
    >>> prof = sentence_sentiments("Russia warns the US. The talks were a great success.")
    >>> [round(s, 3) for s in prof.scores]
    [-0.103, 0.832]
    """
    return _analyzer(method, threshold).sentences(text_or_doc)


class _CallableModule(types.ModuleType):
    """Lets ``discourse.sentiment(text)`` work as the front door while staying a package."""

    def __call__(
        self, text_or_doc: TextLike, method: str = "vader", **kwargs: Any
    ) -> SentimentResult:
        return sentiment(text_or_doc, method, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
