"""Sentiment of a thread and of a corpus: comments in reading order, article vs comments.

A thread's article is compared with its comments on one scale: the article's *sentences* form
one group (an article is one text, its sentence-level profile is its distribution), the
comments the other. Each group is summarised by its mean, median, shares of negative, neutral
and positive units, and a percentile bootstrap confidence interval of the mean (resampling
units with ``numpy.random.default_rng(seed)``, so the same seed gives the same interval). The
difference of the means (comments minus article sentences) gets its own interval, resampling
both groups independently.

Examples
--------
>>> from discourse.datasets import load_seed
>>> ts = thread_sentiment(load_seed(), n_boot=200)
>>> [row["group"] for row in ts.summary_records()]
['article', 'article_sentences', 'comments', 'difference']
>>> len(ts.comments)
16
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np
import numpy.typing as npt

from discourse.model import Corpus, Thread
from discourse.sentiment.analyzer import SentimentAnalyzer
from discourse.sentiment.result import SentenceSentiments, SentimentResult

__all__ = [
    "GroupSummary",
    "CommentSentiment",
    "ThreadSentiment",
    "CorpusSentiment",
    "summarize_scores",
    "bootstrap_mean_ci",
    "thread_sentiment",
    "thread_summary",
    "corpus_sentiment",
]

class _BootOptions(TypedDict):
    """The bootstrap settings passed on to :func:`summarize_scores` (and recorded as parameters)."""

    n_boot: int
    ci: float
    seed: int


_BLOCK = 1_000_000  # resampled values held in memory at once


def bootstrap_mean_ci(
    scores: npt.ArrayLike, *, n_boot: int = 2000, ci: float = 0.95, seed: int | Sequence[int] = 0
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean (NaNs for no scores or ``n_boot=0``).

    `seed` is an int or a sequence of ints (entropy for :func:`numpy.random.default_rng`, e.g.
    a run seed and a group key, so that each group's interval has its own stream).

    Examples
    --------
    >>> low, high = bootstrap_mean_ci([0.1, 0.5, -0.2, 0.4], n_boot=500, seed=1)
    >>> low <= 0.2 <= high
    True
    >>> bootstrap_mean_ci([0.1, 0.5], seed=3) == bootstrap_mean_ci([0.1, 0.5], seed=3)
    True
    """
    values = np.asarray(scores, dtype=float)
    if values.size == 0 or n_boot <= 0:
        return (math.nan, math.nan)
    means = _boot_means(values, n_boot, np.random.default_rng(seed))
    tail = (1.0 - ci) / 2.0 * 100.0
    low, high = np.percentile(means, [tail, 100.0 - tail])
    return (float(low), float(high))


def _boot_means(values: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Means of `n_boot` resamples, drawn in blocks so memory stays bounded."""
    n = values.size
    per_block = max(1, _BLOCK // n)
    means = np.empty(n_boot)
    done = 0
    while done < n_boot:
        size = min(per_block, n_boot - done)
        means[done : done + size] = values[rng.integers(0, n, size=(size, n))].mean(axis=1)
        done += size
    return means


@dataclass(frozen=True)
class GroupSummary:
    """Summary of a group of unit scores (one row of a summary table).

    Attributes
    ----------
    group : str
        ``"article"`` (the whole article, one unit), ``"article_sentences"``, ``"comments"`` or
        ``"difference"`` (comments minus article sentences; only mean and CI are set).
    n : int
        Number of units.
    mean, median : float
        Of the scores (NaN when there are none).
    share_negative, share_neutral, share_positive : float
        Shares of units with each label.
    ci_low, ci_high : float
        Bootstrap interval of the mean (NaN when not computed).

    Examples
    --------
    >>> s = summarize_scores("comments", [0.2, 0.4], ["positive", "positive"], n_boot=0)
    >>> s.to_record()["n"]
    2
    """

    group: str
    n: int
    mean: float
    median: float
    share_negative: float
    share_neutral: float
    share_positive: float
    ci_low: float
    ci_high: float

    def to_record(self) -> dict[str, Any]:
        """The summary as one flat dict (the columns listed above)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def summarize_scores(
    group: str,
    scores: Sequence[float],
    labels: Sequence[str],
    *,
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
) -> GroupSummary:
    """Summarise one group of scores and labels.

    Examples
    --------
    >>> labels = ["positive", "negative", "neutral"]
    >>> s = summarize_scores("comments", [0.5, -0.5, 0.0], labels, n_boot=0)
    >>> s.mean, s.median, s.share_positive
    (0.0, 0.0, 0.3333333333333333)
    """
    n = len(scores)
    if n == 0:
        nan = math.nan
        return GroupSummary(group, 0, nan, nan, nan, nan, nan, nan, nan)
    values = np.asarray(scores, dtype=float)
    low, high = bootstrap_mean_ci(values, n_boot=n_boot, ci=ci, seed=seed)
    return GroupSummary(
        group,
        n,
        float(values.mean()),
        float(np.median(values)),
        labels.count("negative") / n,
        labels.count("neutral") / n,
        labels.count("positive") / n,
        low,
        high,
    )


def _difference(
    a: Sequence[float], b: Sequence[float], *, n_boot: int, ci: float, seed: int
) -> GroupSummary:
    """Mean of `b` minus mean of `a`, with an independent two-sample bootstrap interval."""
    nan = math.nan
    if not a or not b:
        return GroupSummary("difference", 0, nan, nan, nan, nan, nan, nan, nan)
    first, second = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    low = high = nan
    if n_boot > 0:
        rng = np.random.default_rng(seed)
        diffs = _boot_means(second, n_boot, rng) - _boot_means(first, n_boot, rng)
        tail = (1.0 - ci) / 2.0 * 100.0
        low, high = (float(x) for x in np.percentile(diffs, [tail, 100.0 - tail]))
    gap = float(second.mean() - first.mean())
    return GroupSummary("difference", len(a) + len(b), gap, nan, nan, nan, nan, low, high)


@dataclass(frozen=True)
class CommentSentiment:
    """One comment's sentiment, placed in the thread.

    Attributes
    ----------
    position : int
        0-based place in reading order (depth-first, replies after their parent).
    comment_id, parent_id : str, str or None
        The comment and the comment it replies to (``None``: the article).
    depth : int
        0 for a reply to the article.
    result : SentimentResult
        The comment's sentiment (cue offsets into the comment's text).

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> first = thread_sentiment(load_seed(), n_boot=0).comments[0]
    >>> first.position, first.comment_id, first.depth
    (0, 'c01', 0)
    """

    position: int
    comment_id: str
    parent_id: str | None
    depth: int
    result: SentimentResult


@dataclass(frozen=True)
class ThreadSentiment:
    """Sentiment of a thread: article, its sentence profile, the comments, and a summary.

    Attributes
    ----------
    thread_id, method : str
        The thread and the method.
    title : SentimentResult or None
        The headline's sentiment (``None`` when the article has no title).
    article : SentimentResult
        The article body's sentiment as one text.
    article_sentences : SentenceSentiments
        The body's sentence-level profile.
    comments : tuple of CommentSentiment
        In reading order.
    summary : tuple of GroupSummary
        ``article``, ``article_sentences``, ``comments``, ``difference``.
    params : dict
        Analyser parameters plus ``n_boot``, ``ci``, ``seed``.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> ts = thread_sentiment(load_seed(), n_boot=0)
    >>> ts.thread_id, ts.method, len(ts.comment_records())
    ('zerohedge_2017-09_russia-warns-us-syria', 'vader', 16)
    """

    thread_id: str
    method: str
    title: SentimentResult | None
    article: SentimentResult
    article_sentences: SentenceSentiments
    comments: tuple[CommentSentiment, ...]
    summary: tuple[GroupSummary, ...]
    params: dict[str, Any]

    def to_records(self) -> list[dict[str, Any]]:
        """Tidy rows, one per unit x measure: ``unit_id``, ``unit_kind`` (title, article,
        comment), ``position`` (reading order; -1 for title/article), ``depth``, then the
        columns of :meth:`SentimentResult.to_records`."""
        rows: list[dict[str, Any]] = []
        units: list[tuple[str, str, int, int, SentimentResult]] = []
        if self.title is not None:
            units.append(("title", "title", -1, -1, self.title))
        units.append(("article", "article", -1, -1, self.article))
        units += [(c.comment_id, "comment", c.position, c.depth, c.result) for c in self.comments]
        for unit_id, kind, position, depth, result in units:
            where = {"unit_id": unit_id, "unit_kind": kind, "position": position, "depth": depth}
            rows += [{**where, **row} for row in result.to_records()]
        return rows

    def comment_records(self) -> list[dict[str, Any]]:
        """One row per comment in reading order: ``position, comment_id, parent_id, depth,
        score, label``, then the method's fields, and ``n_cues``."""
        rows = []
        for c in self.comments:
            row = {
                "position": c.position,
                "comment_id": c.comment_id,
                "parent_id": c.parent_id,
                "depth": c.depth,
                "score": c.result.score,
                "label": c.result.label,
            }
            row.update(c.result.fields)
            row["n_cues"] = len(c.result.cues)
            rows.append(row)
        return rows

    def profile_records(self) -> list[dict[str, Any]]:
        """The article's sentence profile: ``sentence, start, end, score, label``."""
        return [
            {
                "sentence": i,
                "start": r.span.start if r.span else 0,
                "end": r.span.end if r.span else 0,
                "score": r.score,
                "label": r.label,
            }
            for i, r in enumerate(self.article_sentences.sentences)
        ]

    def summary_records(self) -> list[dict[str, Any]]:
        """The summary rows (see :class:`GroupSummary`), with ``thread_id`` and ``method``."""
        head = {"thread_id": self.thread_id, "method": self.method}
        return [{**head, **s.to_record()} for s in self.summary]

    def comments_table(self) -> Any:
        """:meth:`comment_records` as a pandas DataFrame."""
        return _frame(self.comment_records())

    def profile_table(self) -> Any:
        """:meth:`profile_records` as a pandas DataFrame."""
        return _frame(self.profile_records())

    def summary_table(self) -> Any:
        """:meth:`summary_records` as a pandas DataFrame."""
        return _frame(self.summary_records())


def _frame(rows: list[dict[str, Any]]) -> Any:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a core dependency
        from discourse.errors import MissingDependencyError

        raise MissingDependencyError("pandas", extra="pandas") from None
    return pd.DataFrame.from_records(rows)


def thread_sentiment(
    thread: Thread,
    method: str = "vader",
    *,
    threshold: float | None = None,
    analyzer: SentimentAnalyzer | None = None,
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
) -> ThreadSentiment:
    """Sentiment of a thread at every level, with the article-vs-comments summary.

    Parameters
    ----------
    thread : Thread
        The thread.
    method, threshold : see :class:`~discourse.sentiment.SentimentAnalyzer`.
    analyzer : SentimentAnalyzer, optional
        Use this configured analyser instead of `method`/`threshold`.
    n_boot, ci, seed : int, float, int
        Bootstrap resamples (0 skips the intervals), interval level, random seed.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> ts = thread_sentiment(load_seed(), n_boot=100, seed=7)
    >>> ts.comments[0].comment_id, ts.summary[2].group, ts.summary[2].n
    ('c01', 'comments', 16)
    """
    analyzer = analyzer or SentimentAnalyzer(method, threshold=threshold)
    title = analyzer.score(thread.article.title) if thread.article.title else None
    article = analyzer.score(thread.article.text)
    profile = analyzer.sentences(thread.article.text)
    comments = tuple(
        CommentSentiment(position, c.id, c.parent_id, depth, analyzer.score(c.text))
        for position, (depth, c) in enumerate(thread.walk())
    )
    options: _BootOptions = {"n_boot": n_boot, "ci": ci, "seed": seed}
    summary = thread_summary(article, profile, [c.result for c in comments], **options)
    params = {**analyzer.effective_params(), **options}
    return ThreadSentiment(
        thread.id, analyzer.method, title, article, profile, comments, summary, params
    )


def thread_summary(
    article: SentimentResult | None,
    profile: SentenceSentiments | None,
    comments: Sequence[SentimentResult],
    *,
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
) -> tuple[GroupSummary, ...]:
    """The article-vs-comments summary from results already computed.

    Returns the groups ``article`` (the body as one unit), ``article_sentences``, ``comments``
    and ``difference`` (comments mean minus article-sentences mean), in that order; a group
    without units has ``n=0`` and NaNs. Used by :func:`thread_sentiment` and by the pipeline.

    Examples
    --------
    >>> from discourse.sentiment import sentence_sentiments, sentiment
    >>> text = "A fine plan. A terrible outcome."
    >>> groups = thread_summary(sentiment(text), sentence_sentiments(text),
    ...                         [sentiment("Great!"), sentiment("Awful.")], n_boot=0)
    >>> [(g.group, g.n) for g in groups]
    [('article', 1), ('article_sentences', 2), ('comments', 2), ('difference', 4)]
    """
    options: _BootOptions = {"n_boot": n_boot, "ci": ci, "seed": seed}
    whole = [article] if article is not None else []
    sentences = list(profile.sentences) if profile is not None else []
    sentence_scores = [r.score for r in sentences]
    comment_scores = [r.score for r in comments]
    return (
        summarize_scores("article", [r.score for r in whole], [r.label for r in whole], n_boot=0),
        summarize_scores(
            "article_sentences", sentence_scores, [r.label for r in sentences], **options
        ),
        summarize_scores("comments", comment_scores, [r.label for r in comments], **options),
        _difference(sentence_scores, comment_scores, **options),
    )


@dataclass(frozen=True)
class CorpusSentiment:
    """Sentiment summaries of a corpus, thread by thread and over all comments.

    Attributes
    ----------
    method : str
        The method.
    threads : tuple of dict
        Per thread: ``thread_id, n_comments, article_score, article_label`` and the comment
        group's ``mean, median, share_negative, share_neutral, share_positive, ci_low,
        ci_high``.
    overall : GroupSummary
        All comments of the corpus together.
    params : dict
        Analyser parameters plus the bootstrap settings.

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> corpus_sentiment([load_seed()], n_boot=0).thread_records()[0]["n_comments"]
    16
    """

    method: str
    threads: tuple[dict[str, Any], ...]
    overall: GroupSummary
    params: dict[str, Any]

    def thread_records(self) -> list[dict[str, Any]]:
        """One row per thread (the columns listed under `threads`)."""
        return [dict(row) for row in self.threads]

    def thread_table(self) -> Any:
        """:meth:`thread_records` as a pandas DataFrame."""
        return _frame(self.thread_records())

    def summary_table(self) -> Any:
        """The overall comment summary as a one-row DataFrame."""
        return _frame([{"method": self.method, **self.overall.to_record()}])


def corpus_sentiment(
    corpus: Corpus | Iterable[Thread],
    method: str = "vader",
    *,
    threshold: float | None = None,
    analyzer: SentimentAnalyzer | None = None,
    n_boot: int = 1000,
    ci: float = 0.95,
    seed: int = 0,
) -> CorpusSentiment:
    """Stream a corpus once: per-thread comment summaries and an overall summary.

    Only scores and labels are kept (not the per-comment cues), so memory grows with the
    number of comments by a few bytes each. Each thread's interval uses `seed`; the overall
    interval resamples all comments (cost ``n_boot x n_comments``; use ``n_boot=0`` to skip).

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> cs = corpus_sentiment([load_seed()], n_boot=0)
    >>> cs.overall.n, cs.threads[0]["n_comments"]
    (16, 16)
    """
    analyzer = analyzer or SentimentAnalyzer(method, threshold=threshold)
    options: _BootOptions = {"n_boot": n_boot, "ci": ci, "seed": seed}
    rows = []
    all_scores: list[float] = []
    all_labels: list[str] = []
    for thread in corpus:
        article = analyzer.score(thread.article.text)
        scores, labels = [], []
        for comment in thread.comments:
            result = analyzer.score(comment.text)
            scores.append(result.score)
            labels.append(result.label)
        group = summarize_scores("comments", scores, labels, **options)
        row = {
            "thread_id": thread.id,
            "n_comments": len(scores),
            "article_score": article.score,
            "article_label": article.label,
        }
        row.update({k: v for k, v in group.to_record().items() if k not in ("group", "n")})
        rows.append(row)
        all_scores += scores
        all_labels += labels
    overall = summarize_scores("comments", all_scores, all_labels, **options)
    params = {**analyzer.effective_params(), **options}
    return CorpusSentiment(analyzer.method, tuple(rows), overall, params)
