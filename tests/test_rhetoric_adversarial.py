"""Linear time on adversarial input, and the per-comment cost of all features together."""

from __future__ import annotations

import gc
import time

import pytest

from discourse.rhetoric import RhetoricAnalyzer
from discourse.text import Doc

MB = 1_000_000


def _ordinary(seed_thread, size: int) -> str:
    text = " ".join(t for _, _, t in seed_thread.units())
    return (text * (size // len(text) + 1))[:size]


def _time(analyzer: RhetoricAnalyzer, text: str) -> float:
    doc = Doc(text)
    doc.tokens, doc.words, doc.duplicate_sentences  # the text layer's cost is not ours
    # As timeit does: no garbage-collection pauses inside the timed call, whose frequency depends
    # on everything else the process has allocated, not on the algorithm under test.
    gc.collect()
    gc.disable()
    try:
        start = time.process_time()
        analyzer.analyze(doc).to_records()
        return time.process_time() - start
    finally:
        gc.enable()


ADVERSARIAL = {
    "100,000 '!'": "!" * 100_000,
    "50,000 '\"'": '"' * 50_000,
    "50,000 \"'\"": "'" * 50_000,
    "quote openers": " 'ab" * 50_000,
    "200,000-char word": "a" * 200_000,
    "200,000-char capitals": "A" * 200_000,
    "masked word chain": "f*" * 100_000,
    "nested parentheses": "(" * 50_000 + "x" + ")" * 50_000,
    "100,000 shouted words": "WAR " * 100_000,
    "group + hostile words": "Jews kill " * 100_000,
    "you + insult": "you idiot " * 100_000,
    "repeated words": "no, " * 100_000,
    "masked profanity": "f**k " * 50_000,
}


@pytest.mark.slow
def test_adversarial_inputs_run_in_linear_time(seed_thread, capsys):
    analyzer = RhetoricAnalyzer()
    analyzer.analyze("warm up")
    reference = _time(analyzer, _ordinary(seed_thread, MB))
    lines = [f"1 MB ordinary text: {reference:.2f} s"]
    for name, text in ADVERSARIAL.items():
        seconds = _time(analyzer, text)
        # per character, no adversarial case may cost more than 4x ordinary text (+ slack)
        bound = 4 * reference * len(text) / MB + 0.25
        lines.append(f"{name:>24}: {len(text):>9,} chars {seconds:6.2f} s (bound {bound:.2f} s)")
        assert seconds <= bound, lines[-1]
    with capsys.disabled():
        print("\n" + "\n".join(lines))


@pytest.mark.slow
def test_cost_grows_linearly_with_length(seed_thread):
    analyzer = RhetoricAnalyzer()
    small = min(_time(analyzer, _ordinary(seed_thread, 50_000)) for _ in range(3))
    large = min(_time(analyzer, _ordinary(seed_thread, 400_000)) for _ in range(2))
    assert large <= 8 * small * 2.5 + 0.05


# Speed per comment is a benchmark figure, not a test: see examples/benchmark.py (row 'rhetoric').
