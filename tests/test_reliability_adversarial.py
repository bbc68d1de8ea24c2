"""Issue 9, part 2: adversarial comments through the whole pipeline, in linear time.

Every case is analysed by :func:`discourse.pipeline.analysis.analyze` (text layer, sentiment, rhetoric,
actors, stance, relations, predications and all summaries, as one thread) and must finish within
a bound set by analysing 1 MB of ordinary comment text in the same run:

- one adversarial comment: at most ``3 x T(one comment of 1 MB ordinary text) + 1 s``;
- the 10,000-deep reply chain: at most ``3 x T(1 MB ordinary text as 10,000 flat comments) + 1 s``,
  run under ``sys.setrecursionlimit(200)`` to show that no step recurses along the chain.

The bounds are generous on purpose (a loaded 2-core CI machine); a regex that backtracks
catastrophically or a quadratic loop misses them by orders of magnitude (vaderSentiment's own
``polarity_scores`` needs about a quarter of an hour for 1 MB). Measured times and bounds are
printed as each case finishes and again as a table when the module ends, outside pytest's
output capture, so they appear in the CI log without ``-s``.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterator

import pytest

from discourse.pipeline.analysis import analyze
from discourse.model import Article, Comment, Thread

pytestmark = pytest.mark.slow

MB = 1_000_000
N_CHAIN = 10_000
FACTOR, SLACK = 3.0, 1.0
ARTICLE = Article(id="adversarial", title="Russia warns the US", text="Russia warned the US military on Friday.")


def _thread(texts: list[str], *, chain: bool = False) -> Thread:
    comments = tuple(
        Comment(id=f"c{i}", text=text, parent_id=f"c{i - 1}" if chain and i else None)
        for i, text in enumerate(texts)
    )
    return Thread(ARTICLE, comments)


def _timed(thread: Thread) -> tuple[float, object]:
    start = time.process_time()
    results = analyze(thread, n_boot=200)
    return time.process_time() - start, results


@pytest.fixture(scope="module")
def ordinary(seed_thread) -> str:
    """1 MB of the seed thread's comments, repeated: ordinary comment text."""
    text = "\n\n".join(c.text for c in seed_thread.comments)
    return ((text + "\n\n") * (MB // (len(text) + 2) + 1))[:MB]


@pytest.fixture(scope="module")
def report(request) -> Iterator[list[str]]:
    """Collects one line per measurement; printed as a table when the module ends (uncaptured)."""
    lines: list[str] = []
    yield lines
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        print("\n\nadversarial inputs through analyze() (times in seconds):")
        for line in lines:
            print("  " + line)


def _record(report: list[str], line: str) -> None:
    report.append(line)
    print(line)


@pytest.fixture(scope="module")
def baseline(ordinary, report) -> float:
    """T(one comment of 1 MB ordinary text), after a warm-up that loads every lexicon."""
    analyze(_thread(["Warm up: the US and Russia said the regime lied!"]), n_boot=200)
    seconds, results = _timed(_thread([ordinary]))
    assert results["units"]["n_chars"].max() == MB
    _record(report, f"{'1 MB ordinary text (baseline)':<44} {MB:>9,} chars {seconds:7.2f}")
    return seconds


def _one_sentence(ordinary: str) -> str:
    """1 MB without a sentence boundary: the ordinary words, lower case, no punctuation."""
    words = re.sub(r"[^\w\s']+", " ", ordinary.lower())
    return " ".join(words.split())[:MB].ljust(MB, "a")


def _junk(size: int) -> str:
    """Scraped junk: HTML remnants, URLs, emoji, RTL, combining marks, controls, NUL, quotes."""
    pieces = [
        "<br>", "&nbsp;", "&amp;", "<div class=x>", "http://t.co/x?y=1", "www.zerohedge.com", "a@b.co",
        "\U0001f600", "\U0001f44d\U0001f3fd", "\u200d", "\U0001f1fa\U0001f1f8", "\u05e9\u05dc\u05d5\u05dd",
        "\u0645\u0631\u062d\u0628\u0627", "\u202e", "e\u0301\u0308", "\x00", "\x07", "\r\n", "\u2028",
        "\ufeff", "\u201c", "\u201d", '"', "'", "...", "!!!", "?!", "U.S.", "Russia's", "the", "regime",
        "WAKE UP", "f**k", "(", ")", "9/22/17", "$3.5", "\t", "\n\n",
    ]
    text = " ".join(pieces[(i * 7) % len(pieces)] for i in range(size // 3))
    return text[:size]


def _spam(size: int) -> str:
    """Actor names and cues at the highest density: every few words a mention and a cue."""
    unit = "the US and Russia said the regime lied "
    return (unit * (size // len(unit) + 1))[:size]


CASES = {
    "1 MB comment, one sentence (no punctuation)": _one_sentence,
    "1 MB comment of scraped junk": lambda _: _junk(MB),
    "100,000 '!'": lambda _: "!" * 100_000,
    "200,000-character word": lambda _: "a" * 200_000,
    "50,000 quotation marks": lambda _: '"' * 50_000,
    "50,000 alternating curly quotes": lambda _: "\u201c\u201d" * 25_000,
    "parentheses nested 50,000 deep": lambda _: "(" * 50_000 + "the US lied" + ")" * 50_000,
    "250 KB of actor-name spam": lambda _: _spam(250_000),
}


@pytest.mark.parametrize("name", list(CASES))
def test_adversarial_comment_in_linear_time(name, ordinary, baseline, report):
    text = CASES[name](ordinary)
    seconds, results = _timed(_thread([text]))
    bound = FACTOR * baseline + SLACK
    _record(report, f"{name:<44} {len(text):>9,} chars {seconds:7.2f}  (bound {bound:.2f})")
    assert seconds <= bound, f"{name}: {seconds:.2f} s > bound {bound:.2f} s"
    units = results["units"].set_index("unit_id")
    assert units.loc["c0", "text"] == text and units.loc["c0", "n_chars"] == len(text)
    assert results["sentiment"].query("measure == 'score'")["value"].between(-1, 1).all()


def test_deep_reply_chain_needs_no_recursion(ordinary, report):
    """10,000 comments each replying to the previous one, under a recursion limit of 200."""
    flat = [ordinary[i : i + MB // N_CHAIN] for i in range(0, MB, MB // N_CHAIN)]
    analyze(_thread(flat[:3]), n_boot=200)  # warm-up
    flat_seconds, _ = _timed(_thread(flat))
    bound = FACTOR * flat_seconds + SLACK
    _record(report, f"{'1 MB ordinary text as 10,000 flat comments':<44} {MB:>9,} chars {flat_seconds:7.2f}")

    texts = [f"Reply {i}: I doubt the US will listen to Russia." for i in range(N_CHAIN)]
    thread = _thread(texts, chain=True)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)
    try:
        seconds, results = _timed(thread)
    finally:
        sys.setrecursionlimit(limit)
    chars = sum(map(len, texts))
    _record(report, f"{'10,000-deep reply chain (recursion limit 200)':<44} {chars:>9,} chars {seconds:7.2f}  (bound {bound:.2f})")
    assert seconds <= bound, f"deep chain: {seconds:.2f} s > bound {bound:.2f} s"
    units = results["units"]
    comments = units[units["unit_kind"] == "comment"]
    assert len(comments) == N_CHAIN
    assert comments["depth"].tolist() == list(range(N_CHAIN))  # walked in reply order, depth by depth
    assert comments["unit_id"].tolist() == [f"c{i}" for i in range(N_CHAIN)]


def test_recursion_limit_is_really_low_enough_to_catch_recursion():
    """The 200-frame limit does catch a recursive walk of a 10,000-deep chain (a control)."""

    def depth_of(node: int) -> int:
        return 0 if node == 0 else 1 + depth_of(node - 1)

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)
    try:
        with pytest.raises(RecursionError):
            depth_of(N_CHAIN - 1)
    finally:
        sys.setrecursionlimit(limit)
