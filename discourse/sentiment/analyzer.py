"""The sentiment analyser: one configurable object behind the plain functions.

Methods
    ``"vader"``: VADER (Hutto & Gilbert 2014), identical to vaderSentiment 3.3.2; score =
    compound. ``"textblob"``: TextBlob's pattern polarity (De Smedt & Daelemans 2012); score =
    polarity. ``"news"``: the combination tuned for opinionated news text
    (:mod:`discourse.sentiment.news`); score = predicted human mean rating / 4.

Labels
    ``positive`` if score >= threshold, ``negative`` if score <= -threshold, else ``neutral``.
    Default thresholds (:data:`DEFAULT_THRESHOLDS`): 0.05 for VADER (its authors' convention)
    and TextBlob; 0.125 for news, whose score is a predicted rating / 4, so that its labels cut
    at a predicted rating of +-0.5, the same cut used for the human ratings in validation.

Examples
--------
>>> analyzer = SentimentAnalyzer(method="vader")
>>> analyzer.get_params()
{'method': 'vader', 'threshold': None}
>>> analyzer.score("The US is not motivated by defeat of ISIS terrorism").label
'negative'
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from discourse.model import Article, Comment, Span
from discourse.sentiment.result import Cue, SentenceSentiments, SentimentResult, label_for
from discourse.text import Doc, as_doc

__all__ = ["SentimentAnalyzer", "METHODS", "DEFAULT_THRESHOLDS", "TextLike"]

METHODS = ("vader", "textblob", "news")
"""The available methods."""

DEFAULT_THRESHOLDS = MappingProxyType({"vader": 0.05, "textblob": 0.05, "news": 0.125})
"""Label thresholds used when ``threshold=None``."""

TextLike = str | Doc | Comment | Article
"""What the analysers accept: a string, a shared :class:`~discourse.text.Doc`, or a comment or
article (its ``text``; an article's title is a separate unit)."""


def _text_of(item: TextLike) -> str | Doc:
    if isinstance(item, (str, Doc)):
        return item
    if isinstance(item, (Comment, Article)):
        return item.text
    raise TypeError(f"expected a str, Doc, Comment or Article, not {type(item).__name__}")


def _shift(cues: tuple[Cue, ...], offset: int) -> tuple[Cue, ...]:
    if not offset:
        return cues
    return tuple(Cue(c.start + offset, c.end + offset, c.cue, c.value) for c in cues)


class SentimentAnalyzer:
    """Score texts and sentences with one method and label threshold.

    Parameters
    ----------
    method : {"vader", "textblob", "news"}
        The scoring method (see the module docstring).
    threshold : float, optional
        Label threshold; ``None`` uses the method's default (:data:`DEFAULT_THRESHOLDS`).

    Examples
    --------
    >>> result = SentimentAnalyzer(method="textblob").score("A truly wonderful day.")
    >>> result.method, result.label, sorted(result.fields)
    ('textblob', 'positive', ['polarity', 'subjectivity'])
    """

    def __init__(self, method: str = "vader", *, threshold: float | None = None) -> None:
        self.method = method
        self.threshold = threshold

    def __repr__(self) -> str:
        return f"SentimentAnalyzer(method={self.method!r}, threshold={self.threshold!r})"

    def get_params(self) -> dict[str, Any]:
        """The constructor's parameters, as given.

        Examples
        --------
        >>> SentimentAnalyzer("news", threshold=0.2).get_params()
        {'method': 'news', 'threshold': 0.2}
        """
        return {"method": self.method, "threshold": self.threshold}

    def effective_params(self) -> dict[str, Any]:
        """The parameters as applied (``threshold`` resolved); what every result records.

        Examples
        --------
        >>> SentimentAnalyzer("news").effective_params()
        {'method': 'news', 'threshold': 0.125}
        """
        return dict(self._engine()[2])

    def lexicon_info(self) -> list[dict[str, str]]:
        """Provenance (``Lexicon.info()``-style records) of every lexicon the method uses.

        Examples
        --------
        >>> [info["name"] for info in SentimentAnalyzer().lexicon_info()][:2]
        ['vader', 'vader_emoji']
        """
        return self._engine()[0].lexicon_info()

    # -- engine -----------------------------------------------------------------------------
    def __getstate__(self) -> dict[str, Any]:
        return self.get_params()  # the engine is rebuilt on first use after unpickling

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def _engine(self) -> tuple[Any, float, dict[str, Any]]:
        """The method's scorer, the effective threshold and the params recorded in results."""
        key = (self.method, self.threshold)
        cached = self.__dict__.get("_engine_cache")
        if cached is not None and cached[0] == key:
            return cached[1]
        scorer_class: type  # VaderScorer, PatternScorer or NewsScorer (imported on first use)
        if self.method == "vader":
            from discourse.sentiment.vader import VaderScorer as scorer_class
        elif self.method == "textblob":
            from discourse.sentiment.textblob_method import PatternScorer as scorer_class
        elif self.method == "news":
            from discourse.sentiment.news import NewsScorer as scorer_class
        else:
            raise ValueError(f"unknown sentiment method {self.method!r}; choose one of {METHODS}")
        threshold = self.threshold
        if threshold is None:
            threshold = DEFAULT_THRESHOLDS[self.method]
        elif not 0 <= threshold <= 1:
            raise ValueError(f"threshold must lie in [0, 1], got {threshold!r}")
        # One dict shared by all results of this analyser (read-only by convention; a plain dict
        # so that results pickle for multiprocessing).
        params = {"method": self.method, "threshold": float(threshold)}
        engine = (scorer_class(), float(threshold), params)
        self.__dict__["_engine_cache"] = (key, engine)
        return engine

    def _result(
        self, text_or_doc: str | Doc, sentence: int | None = None, span: Span | None = None
    ) -> SentimentResult:
        scorer, threshold, params = self._engine()
        method = self.method
        if method == "news":
            news = scorer.score(text_or_doc, sentence)
            fields = dict(news.features)
            fields["predicted_mean"] = news.predicted_mean
            label = label_for(news.score, threshold)
            return SentimentResult(news.score, label, method, fields, news.cues, params, span)
        text = text_or_doc.text if isinstance(text_or_doc, Doc) else text_or_doc
        offset = 0
        if span is not None:
            text, offset = text[span.start : span.end], span.start
        out = scorer.score(text)
        if method == "vader":
            score = out.compound
            fields = {"compound": out.compound, "pos": out.pos, "neu": out.neu, "neg": out.neg}
        else:
            score = out.polarity
            fields = {"polarity": out.polarity, "subjectivity": out.subjectivity}
        cues = _shift(out.cues, offset)
        label = label_for(score, threshold)
        return SentimentResult(score, label, method, fields, cues, params, span)

    # -- public -----------------------------------------------------------------------------
    def score(self, text_or_doc: TextLike) -> SentimentResult:
        """The sentiment of a whole text (a string, Doc, comment or article body).

        Examples
        --------
        >>> r = SentimentAnalyzer().score("Great news!")
        >>> r.score, r.fields["pos"], [c.span.slice("Great news!") for c in r.cues]
        (0.6588, 0.815, ['Great'])
        """
        return self._result(_text_of(text_or_doc))

    def sentences(self, text_or_doc: TextLike) -> SentenceSentiments:
        """The sentiment of each sentence of ``doc.sentences`` (the text's profile).

        Each sentence is scored on its own; cue offsets point into the whole text.

        Examples
        --------
        >>> prof = SentimentAnalyzer().sentences("I love it. I hate it.")
        >>> [(r.span.start, r.label) for r in prof.sentences]
        [(0, 'positive'), (11, 'negative')]
        """
        doc = as_doc(_text_of(text_or_doc))
        results = tuple(
            self._result(doc, index, span) for index, span in enumerate(doc.sentences)
        )
        return SentenceSentiments(self.method, results)
