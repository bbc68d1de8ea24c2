"""Property-based and adversarial tests: any text, exact agreement, ranges, spans, linear time."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from discourse.sentiment import sentence_sentiments, sentiment
from discourse.sentiment.news import news_features
from discourse.sentiment.textblob_method import pattern_sentiment
from discourse.sentiment.vader import _tables, polarity_scores

REFERENCE = SentimentIntensityAnalyzer()
SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words that trigger the rules, and characters that break naive code: controls and NUL, RTL,
# combining marks, emoji (with modifiers and joiners), quotes, line separators.
WORDS = ["good", "bad", "not", "no", "but", "very", "kind", "of", "least", "never", "so", "the",
         "shit", "hardly", "reduce", "fewer", "die", "great", "terrible", "isn't", "don't", "yet",
         "However", "GOOD", ":)", ":(", "(!)", "!", "?", "...", "U.S.", "Mr.", "END-OF-SENTENCE"]
ODD = "\x00\x01\x1c\x85\u2028\u200b\ufeff\u202e\u05d0\u0645\u0301\u0308😀👍🏽‍💔❤️“”‘’'\"()!?.,;:\t\r\n "
texts = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(ODD)),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet=ODD, max_size=3)), max_size=30).map(
        lambda parts: " ".join(parts)
    ),
)


def check_result(text, result):
    assert -1.0 <= result.score <= 1.0
    assert result.label in ("negative", "neutral", "positive")
    for cue in result.cues:
        assert 0 <= cue.start <= cue.end <= len(text)


@SETTINGS
@given(texts)
def test_vader_equals_reference_on_any_text(text):
    assert polarity_scores(text) == REFERENCE.polarity_scores(text)


@SETTINGS
@given(texts)
def test_textblob_equals_reference_on_any_text(text):
    assert pattern_sentiment(text) == tuple(TextBlob(text).sentiment)


@SETTINGS
@given(texts, st.sampled_from(["vader", "textblob", "news"]))
def test_sentiment_any_text(text, method):
    result = sentiment(text, method=method)
    check_result(text, result)
    assert sentiment(text, method=method) == result  # deterministic
    if method == "vader":
        emoji = _tables().emoji
        for cue in result.cues:  # a cue is its word, or spans the emoji whose description held it
            surface = text[cue.start : cue.end]
            assert surface.lower() == cue.cue or any(ch in emoji for ch in surface)


@SETTINGS
@given(texts, st.sampled_from(["vader", "textblob", "news"]))
def test_sentence_sentiments_any_text(text, method):
    profile = sentence_sentiments(text, method=method)
    for result in profile.sentences:
        check_result(text, result)
        assert result.span is not None
        for cue in result.cues:
            assert result.span.start <= cue.start <= cue.end <= result.span.end


@SETTINGS
@given(texts)
def test_news_features_any_text(text):
    features, cues = news_features(text)
    assert -1.0 <= features["adjusted_compound"] <= 1.0
    assert -1.0 <= features["adjusted_pos_minus_neg"] <= 1.0
    assert -1.0 <= features["polarity"] <= 1.0
    assert 0.0 <= features["contrast"] <= 1.0
    for cue in cues:
        assert 0 <= cue.start <= cue.end <= len(text)


# -- adversarial inputs: bounded relative to a 1 MB ordinary text --------------------------

ADVERSARIAL = {
    "100,000 exclamation marks": "!" * 100_000,
    "200,000-character word": "a" * 200_000,
    "50,000 quotation marks": '"' * 50_000,
    "nested parentheses": "(" * 50_000 + "good" + ")" * 50_000,
    "glued punctuation": "a" + "!?." * 60_000 + "b",
    "alternating abbreviation": "a." * 60_000 + "!.," * 20_000,
    "100,000 emoji": "😀" * 100_000,
}


@pytest.fixture(scope="module")
def megabyte(seed_thread):
    text = " ".join([seed_thread.article.text] + [c.text for c in seed_thread.comments])
    return (text + "\n\n") * (1_000_000 // (len(text) + 2) + 1)


@pytest.mark.slow
@pytest.mark.parametrize("method", ["vader", "textblob", "news"])
def test_adversarial_inputs_run_in_linear_time(method, megabyte, capsys):
    # CPU time of this process, not wall time: a loaded CI machine must not make a linear
    # scorer look quadratic (or hide a quadratic one).
    start = time.process_time()
    check_result(megabyte, sentiment(megabyte, method=method))
    baseline = time.process_time() - start
    bound = 3 * baseline + 0.5
    report = [f"{method}: 1 MB ordinary text {baseline:.2f}s; bound {bound:.2f}s"]
    for name, text in ADVERSARIAL.items():
        start = time.process_time()
        check_result(text, sentiment(text, method=method))
        elapsed = time.process_time() - start
        report.append(f"  {name}: {elapsed:.3f}s")
        assert elapsed < bound, f"{method} on {name}: {elapsed:.2f}s > {bound:.2f}s"
    with capsys.disabled():
        print("\n" + "\n".join(report))
