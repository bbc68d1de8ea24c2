"""The "textblob" method reproduces TextBlob's pattern sentiment exactly, offline, in linear time."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import time

import pytest
from textblob import TextBlob
from textblob._text import ABBREVIATIONS, EMOTICONS

from discourse.sentiment.textblob_method import NEGATIONS, PatternScorer, _tables, pattern_sentiment

CASES = [
    "Textblob is amazingly simple to use. What great fun!",
    "The movie was not very good!",
    "I don't like it, it's not bad though.",
    "He is really not nice (!) at all.",
    "Great :-) but sad :( and 18 ) and : - D",
    "Mr. Smith and the U.S. and Bcd. left... Very good.... END-OF-SENTENCE",
    "“Quoted” ‘words’ and 'single' \"double\"",
    "Line one\n\nline two\r\n\r\nthree\n\r\r\nfour",
    "never good, no bad, not a good idea, not really a bad idea",
    "a.b.c.d.!.,.,., terrible.",
    "",
    "!!!",
]


@pytest.mark.parametrize("text", CASES)
def test_cases_equal_textblob(text):
    assert pattern_sentiment(text) == tuple(TextBlob(text).sentiment)


def test_seed_thread_equals_textblob(seed_thread):
    for text in [seed_thread.article.title, seed_thread.article.text]:
        assert pattern_sentiment(text) == tuple(TextBlob(text).sentiment)
    for comment in seed_thread.comments:
        assert pattern_sentiment(comment.text) == tuple(TextBlob(comment.text).sentiment)


def test_random_texts_equal_textblob():
    rng = random.Random(1988)
    lexicon = sorted(_tables().lexicon)
    faces = [face for group in EMOTICONS.values() for face in sorted(group)]
    fragments = ["not", "no", "never", "n't", "don't", "isn't", "very", "really", "a", "the", "!",
                 "(!)", "( ! )", "(", ")", "...", "....", ".", "?", "'", '"', "“", "”", "U.S.",
                 "Mr.", "Xyz.", "e.g.", "\n\n", "\r\n\r\n", "END-OF-SENTENCE", "18)", "x", ":", "-"]
    pool = lexicon + faces * 5 + sorted(ABBREVIATIONS) * 3 + fragments * 20
    for _ in range(1500):
        words = []
        for _ in range(rng.randint(0, 20)):
            w = rng.choice(pool)
            r = rng.random()
            w = w.upper() if r < 0.1 else w.capitalize() if r < 0.2 else w
            if rng.random() < 0.15:
                w += rng.choice([".", ",", "!", "?", ")", '"', "...", "!!", "?!"])
            if rng.random() < 0.1:
                w = rng.choice("([\"'#") + w
            words.append(w)
            words.append(rng.choice([" ", " ", "", "\n", "\n\n", "\t"]))
        text = "".join(words)
        assert pattern_sentiment(text) == tuple(TextBlob(text).sentiment), repr(text)


def test_lexicon_equals_textblobs_own():
    from textblob.en import sentiment as reference

    reference.load()
    tables = _tables()
    assert set(tables.lexicon) == set(reference.keys())
    for word, by_pos in reference.items():
        assert tables.lexicon[word] == tuple(by_pos[None]), word
    assert tables.adverbs == frozenset(w for w, by_pos in reference.items() if "RB" in by_pos)
    assert NEGATIONS == frozenset(reference.negations)


def test_cues_and_hand_computed_example():
    # "horrible" is -1.0 in pattern's lexicon; ":(" is a frown (-0.75): mean -0.875.
    out = PatternScorer().score("A horrible movie :(")
    assert [(c.cue, c.value) for c in out.cues] == [("horrible", -1.0), (":(", -0.75)]
    assert out.polarity == (-1.0 - 0.75) / 2
    text = "It was not very good!"
    out = PatternScorer().score(text)
    (cue,) = out.cues
    assert text[cue.start : cue.end] == "not very good!"


def test_no_download_and_no_network():
    # Run in a fresh interpreter with downloads and sockets disabled and no NLTK data.
    code = textwrap.dedent(
        """
        import socket, nltk
        def refuse(*args, **kwargs):
            raise RuntimeError("network or download attempted")
        nltk.download = refuse
        socket.socket = refuse
        socket.create_connection = refuse
        from discourse.sentiment import sentiment
        for method in ("textblob", "vader", "news"):
            r = sentiment("A truly wonderful, honest report. Not bad!", method=method)
            assert -1 <= r.score <= 1
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"NLTK_DATA": "/nonexistent", "PATH": "/usr/bin:/bin", "HOME": "/nonexistent"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_punctuation_runs_are_linear():
    # TextBlob peels punctuation one character at a time (quadratic); ours must not be.
    timings = []
    for n in (50_000, 200_000):
        text = "a" + "!?." * (n // 3) + "b " + "\"" * (n // 4)
        start = time.process_time()
        pattern_sentiment(text)
        timings.append(time.process_time() - start)
    assert timings[1] < 8 * timings[0] + 0.05, timings
