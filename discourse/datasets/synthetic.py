"""A synthetic comment corpus for benchmarks and tests, made reproducibly from the seed thread.

**For benchmarks and tests only, not for substantive findings.** Every comment is a random
recombination of the seed thread's sentences; the corpus has the *shape* of a news-comment
corpus (lengths, reply trees, authors, times, scores) but says nothing about what real readers
think. Do not report analyses of it as if it were data.

How a corpus is made
--------------------
Thread ``i`` (``0, 1, ...``) is built by its own generator, ``random.Random`` seeded with the
string ``"discourse.synthetic/<seed>/<i>"`` (no global random state), so the corpus is identical
on every iteration, in every process and on every machine, and any thread can be made on its own
(:func:`synthetic_thread`). Only ``Random.random``, ``randrange`` and IEEE arithmetic are used
(no ``log``/``exp``, whose last bit may differ between C libraries). The sentence pool is cut by
the library's text layer, so a release that changes sentence splitting may change the corpus:
record the version of ``discourse`` with any figure measured on it.

Article
    The seed article (title and 12 paragraphs, 1,210 words) with one word of each sentence
    varied as below (so each thread's article is a distinct text of the same length and
    layout), a unique id ``synthetic-<seed>-t<i:06d>``, outlet ``"synthetic"``, published 3
    hours after the previous thread's article (from 2017-09-22 00:00 UTC) and
    ``meta={"synthetic": True, "seed": seed, "thread_index": i}``.
Sentences
    The pool is every sentence (``discourse.text.Doc(text).sentences``) of the seed's 16 comments
    (79) and of its article (41). A comment draws from the comment sentences with probability 0.75
    and from the article sentences otherwise (readers quote the article). Each drawn sentence has
    one purely alphabetic word replaced by a word of the seed drawn by frequency (case pattern
    kept), so texts rarely repeat (over 99% of 20,000 comments are distinct; the repeats are
    one-word one-liners) and a per-text or per-sentence cache cannot flatter a benchmark.
    Sentences are joined by a space, or by a blank line (a paragraph break) with probability
    0.12.
Length (words = ``Doc(text).n_words``)
    A target is drawn from this histogram (share of comments, target range uniform inside)::

        target words  1-12  13-30  31-50  51-80  81-120  121-180  181-260  261-400  401-700
        share (%)     12.0   21.0   18.0   17.0    13.5      9.5      5.0      2.8      1.2

    Sentences are added while the next one brings the length closer to the target (the first is
    always kept), so a target of 1-12 words gives a one-sentence comment (a "one-liner"). The
    realised lengths (20,000 comments; seeds 0, 1, 2): mean 80-81 words, median 52-53, 90th
    percentile about 175, 99th about 440, maximum about 700 (the long tail); 30% of comments are
    a single sentence and 7% have at most 12 words (the one-liners).
Reply tree
    Comments are in posting order. The first comment replies to the article; each later one is a
    reply to an earlier comment with probability 0.55, the parent being one of the 8 latest
    comments with probability 0.6 (a conversation) and any earlier comment otherwise. Depths fall
    off geometrically (seeds 0, 1, 2; 20,000 comments): 46% of comments are roots (depth 0),
    25-26% at depth 1, 14% at 2, 7-8% at 3, about 7% at 4 or more, the deepest at 9-13.
Authors
    From a fixed pool of 2,000 pseudonyms (``"quietHarbor"``, ``"boldFalcon17"``, ...);
    activity is skewed (author rank ``int(2000 * u**3)``: the 20 busiest write about a fifth of
    the comments). Nobody replies to themselves.
Times
    The first comment 1-900 s after publication, then gaps of 1 to ``40 + 12 * j`` seconds
    (uniform) before comment ``j``: strictly increasing, slowing as the thread ages.
Scores
    ``up - down`` with ``up = int(2 / sqrt(1 - u)) - 2`` and ``down = int(1 / sqrt(1 - v)) - 1``
    (``u``, ``v`` uniform; Pareto tails of index 2, capped at 10,000; ``sqrt`` is correctly
    rounded everywhere): median 0, four fifths of the comments between -1 and 3, about 1 in 3,000
    beyond +-100.

Examples
--------
>>> corpus = synthetic_corpus(250, comments_per_thread=100)
>>> corpus.count()
(3, 250)
>>> thread = next(iter(corpus))
>>> thread.id, thread.integrity().ok, len(thread)
('synthetic-0-t000000', True, 100)
>>> list(corpus)[0] == thread  # identical on every iteration
True
"""

from __future__ import annotations

import math
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from discourse.model import Article, Comment, Corpus, Thread

__all__ = [
    "synthetic_corpus",
    "synthetic_thread",
    "write_synthetic_jsonl",
    "LENGTH_HISTOGRAM",
]

LENGTH_HISTOGRAM: tuple[tuple[int, int, int], ...] = (
    (1, 12, 120),
    (13, 30, 210),
    (31, 50, 180),
    (51, 80, 170),
    (81, 120, 135),
    (121, 180, 95),
    (181, 260, 50),
    (261, 400, 28),
    (401, 700, 12),
)
"""Target comment lengths: ``(min words, max words, weight in per mille)``; weights sum to 1000."""

_LENGTH_TOTAL = sum(w for _, _, w in LENGTH_HISTOGRAM)
_COMMENT_SENTENCE_SHARE = 0.75
_PARAGRAPH_BREAK_SHARE = 0.12
_REPLY_SHARE = 0.55
_RECENT_PARENT_SHARE = 0.6
_RECENT_WINDOW = 8
_N_AUTHORS = 2000
_SCORE_CAP = 10_000
_START = datetime(2017, 9, 22, tzinfo=timezone.utc)
_THREAD_INTERVAL = timedelta(hours=3)

# Pseudonym parts: a small closed set written for this module (not a word list from the
# literature); 40 x 50 = 2,000 names, some with a number as people add one.
_ADJECTIVES = (
    "quiet bold silver old red free lone true dark grey wild plain iron honest lucky calm swift "
    "bitter sober rusty sharp blue green proud tired loyal brave sly frank stern humble crafty "
    "dusty hollow jolly noble rough salty shy keen"
).split()
_NOUNS = (
    "Harbor Falcon Oak River Badger Patriot Reader Farmer Owl Pilot Sailor Miner Hawk Fox Wolf "
    "Cedar Stone Prairie Thinker Skeptic Observer Citizen Voter Veteran Teacher Builder Hunter "
    "Rider Walker Watcher Bear Eagle Raven Willow Maple Valley Canyon Island Meadow Ridge Comet "
    "Anchor Lantern Compass Beacon Drifter Nomad Pioneer Ranger Sentinel"
).split()


@dataclass(frozen=True)
class _Sentence:
    text: str
    n_words: int
    replaceable: tuple[tuple[int, int], ...]  # (start, end) of purely alphabetic words


@dataclass(frozen=True)
class _Template:
    """A seed text and, per sentence, the (start, end) of its purely alphabetic words."""

    text: str
    sentences: tuple[tuple[tuple[int, int], ...], ...]


def _template(text: str) -> _Template:
    from discourse.text import Doc

    doc = Doc(text)
    sentences = []
    for index in range(len(doc.sentences)):
        words = tuple(
            (t.start, t.end)
            for t in doc.sentence_tokens(index)
            if t.kind == "word" and t.text.isalpha() and t.text.isascii()
        )
        if words:
            sentences.append(words)
    return _Template(text, tuple(sentences))


@dataclass(frozen=True)
class _Pool:
    comment_sentences: tuple[_Sentence, ...]
    article_sentences: tuple[_Sentence, ...]
    vocabulary: tuple[str, ...]  # lower-case alphabetic words of the seed, with repeats
    title_template: _Template
    text_template: _Template
    authors: tuple[str, ...]


def _sentences_of(texts: list[str]) -> tuple[list[_Sentence], list[str]]:
    from discourse.text import Doc

    sentences: list[_Sentence] = []
    words: list[str] = []
    for text in texts:
        doc = Doc(text)
        for span in doc.sentences:
            raw = span.slice(text)
            stripped = raw.strip()
            if not stripped:
                continue
            sentence_doc = Doc(stripped)
            if sentence_doc.n_words == 0:
                continue
            replaceable = tuple(
                (t.start, t.end)
                for t in sentence_doc.tokens
                if t.kind == "word" and t.text.isalpha() and t.text.isascii()
            )
            words.extend(stripped[a:b].lower() for a, b in replaceable)
            sentences.append(_Sentence(stripped, sentence_doc.n_words, replaceable))
    return sentences, words


@lru_cache(maxsize=1)
def _pool() -> _Pool:
    """The seed's sentences, vocabulary and article template, and the pseudonyms (built once)."""
    from discourse.datasets import load_seed

    seed = load_seed()
    comment_sentences, words_c = _sentences_of([c.text for c in seed.comments])
    article_sentences, words_a = _sentences_of([seed.article.text])
    assert len(_ADJECTIVES) * len(_NOUNS) >= _N_AUTHORS  # distinct names
    authors = []
    for i in range(_N_AUTHORS):
        name = _ADJECTIVES[i % len(_ADJECTIVES)] + _NOUNS[(i // len(_ADJECTIVES)) % len(_NOUNS)]
        if i % 3 == 1:
            name += str((i * 7919) % 100)
        authors.append(name)
    return _Pool(
        tuple(comment_sentences),
        tuple(article_sentences),
        tuple(words_c + words_a),
        _template(seed.article.title),
        _template(seed.article.text),
        tuple(authors),
    )


def _with_case_of(word: str, model: str) -> str:
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _varied(sentence: _Sentence, rng: random.Random, vocabulary: tuple[str, ...]) -> str:
    """The sentence with one alphabetic word replaced by a seed word (same case pattern)."""
    if not sentence.replaceable:
        return sentence.text
    start, end = sentence.replaceable[rng.randrange(len(sentence.replaceable))]
    new = _with_case_of(vocabulary[rng.randrange(len(vocabulary))], sentence.text[start:end])
    return sentence.text[:start] + new + sentence.text[end:]


def _varied_template(template: _Template, rng: random.Random, vocabulary: tuple[str, ...]) -> str:
    """The text with one alphabetic word of each sentence replaced (same case pattern)."""
    text = template.text
    changes = []
    for words in template.sentences:
        start, end = words[rng.randrange(len(words))]
        changes.append((start, end, _with_case_of(vocabulary[rng.randrange(len(vocabulary))], text[start:end])))
    pieces = []
    last = 0
    for start, end, new in changes:
        pieces += [text[last:start], new]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _target_length(rng: random.Random) -> int:
    pick = rng.randrange(_LENGTH_TOTAL)
    for low, high, weight in LENGTH_HISTOGRAM:
        if pick < weight:
            return low + rng.randrange(high - low + 1)
        pick -= weight
    raise AssertionError("unreachable: LENGTH_HISTOGRAM weights")  # pragma: no cover


def _comment_text(rng: random.Random, pool: _Pool) -> str:
    target = _target_length(rng)
    parts: list[str] = []
    total = 0
    while True:
        source = (
            pool.comment_sentences
            if rng.random() < _COMMENT_SENTENCE_SHARE
            else pool.article_sentences
        )
        sentence = source[rng.randrange(len(source))]
        # Add it if it brings the length closer to the target (the first is always kept).
        if parts and 2 * total + sentence.n_words > 2 * target:
            break
        if parts:
            parts.append("\n\n" if rng.random() < _PARAGRAPH_BREAK_SHARE else " ")
        parts.append(_varied(sentence, rng, pool.vocabulary))
        total += sentence.n_words
        if total >= target:
            break
    return "".join(parts)


def _score(rng: random.Random) -> int:
    up = min(int(2.0 / math.sqrt(1.0 - rng.random())) - 2, _SCORE_CAP)
    down = min(int(1.0 / math.sqrt(1.0 - rng.random())) - 1, _SCORE_CAP)
    return up - down


def _author(rng: random.Random) -> int:
    u = rng.random()
    return int(_N_AUTHORS * u * u * u)  # skewed: low ranks are the busy authors


def _check(n_comments: int, comments_per_thread: int, seed: int) -> None:
    for name, value in (("n_comments", n_comments), ("comments_per_thread", comments_per_thread),
                        ("seed", seed)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if n_comments < 0:
        raise ValueError(f"n_comments must be >= 0, got {n_comments}")
    if comments_per_thread < 1:
        raise ValueError(f"comments_per_thread must be >= 1, got {comments_per_thread}")


def synthetic_thread(index: int, n_comments: int = 100, *, seed: int = 0) -> Thread:
    """Thread number `index` of the synthetic corpus made with `seed` (see the module docstring).

    Parameters
    ----------
    index : int
        The thread's position in the corpus (``>= 0``); it fixes the id, times and generator.
    n_comments : int
        Number of comments (``>= 0``).
    seed : int
        The corpus seed.

    Returns
    -------
    Thread
        Always the same for the same arguments. For benchmarks and tests only.

    Examples
    --------
    >>> t = synthetic_thread(7, 20, seed=1)
    >>> t.id, len(t), t.comments[0].parent_id is None
    ('synthetic-1-t000007', 20, True)
    >>> synthetic_thread(7, 20, seed=1) == t
    True
    """
    _check(n_comments, 1, seed)
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise ValueError(f"index must be an int >= 0, got {index!r}")
    pool = _pool()
    rng = random.Random(f"discourse.synthetic/{seed}/{index}")
    thread_id = f"synthetic-{seed}-t{index:06d}"
    published = _START + index * _THREAD_INTERVAL
    article = Article(
        id=thread_id,
        title=_varied_template(pool.title_template, rng, pool.vocabulary),
        text=_varied_template(pool.text_template, rng, pool.vocabulary),
        outlet="synthetic",
        published=published,
        meta={"synthetic": True, "seed": seed, "thread_index": index},
    )
    comments: list[Comment] = []
    author_of: list[int] = []
    created = published + timedelta(seconds=1 + rng.randrange(900))
    for j in range(n_comments):
        if j:
            created += timedelta(seconds=1 + rng.randrange(40 + 12 * j))
        parent: int | None = None
        if j and rng.random() < _REPLY_SHARE:
            if rng.random() < _RECENT_PARENT_SHARE:
                parent = j - 1 - rng.randrange(min(j, _RECENT_WINDOW))
            else:
                parent = rng.randrange(j)
        author = _author(rng)
        if parent is not None and author == author_of[parent]:
            author = (author + 1) % _N_AUTHORS  # nobody replies to themselves
        author_of.append(author)
        comments.append(
            Comment(
                id=f"t{index:06d}-c{j:04d}",
                text=_comment_text(rng, pool),
                author=pool.authors[author],
                parent_id=None if parent is None else comments[parent].id,
                created=created,
                score=_score(rng),
            )
        )
    return Thread(article, tuple(comments))


def synthetic_corpus(
    n_comments: int = 20_000, *, comments_per_thread: int = 100, seed: int = 0
) -> Corpus:
    """A lazily streamed synthetic corpus of exactly `n_comments` comments.

    **For benchmarks and tests, not for substantive findings**: the comments are resampled
    sentences of the seed thread (see the module docstring for every distribution).

    Parameters
    ----------
    n_comments : int
        Total number of comments (``>= 0``).
    comments_per_thread : int
        Comments per thread (``>= 1``); the last thread holds the remainder, so there are
        ``ceil(n_comments / comments_per_thread)`` threads.
    seed : int
        Different seeds give different corpora; the same seed gives the same corpus on every
        iteration and every machine.

    Returns
    -------
    Corpus
        Streamed (``corpus.in_memory`` is False): threads are made one at a time on each
        iteration, so memory stays constant whatever `n_comments`.

    Examples
    --------
    >>> corpus = synthetic_corpus(30, comments_per_thread=20, seed=3)
    >>> corpus.in_memory, corpus.count(), [len(t) for t in corpus]
    (False, (2, 30), [20, 10])
    """
    _check(n_comments, comments_per_thread, seed)

    def threads() -> Iterator[Thread]:
        remaining = n_comments
        index = 0
        while remaining > 0:
            size = min(comments_per_thread, remaining)
            yield synthetic_thread(index, size, seed=seed)
            remaining -= size
            index += 1

    return Corpus(threads, name=f"synthetic-{seed}-{n_comments}")


def write_synthetic_jsonl(
    path: str | os.PathLike[str],
    n_comments: int = 20_000,
    *,
    comments_per_thread: int = 100,
    seed: int = 0,
) -> None:
    """Write :func:`synthetic_corpus` as the library's JSON Lines, streamed and atomically.

    One thread is in memory at a time; the file appears only once complete (see
    :func:`discourse.io.atomic_write`). The same arguments give byte-identical files.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from discourse.io import stream
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "synthetic.jsonl"
    >>> write_synthetic_jsonl(path, 150, comments_per_thread=100)
    >>> stream(path).count()
    (2, 150)
    """
    from discourse.io.jsonl import write_jsonl

    write_jsonl(synthetic_corpus(n_comments, comments_per_thread=comments_per_thread, seed=seed), path)
