"""The sentiment front door, result types, the news method and thread/corpus aggregation."""

from __future__ import annotations

import json
import math
import pickle

import numpy as np
import pytest

import discourse.sentiment as sentiment_module
from discourse.lexicons import DATA_DIR
from discourse.model import Article, Comment, Corpus, Thread
from discourse.sentiment import (
    DEFAULT_THRESHOLDS,
    SentimentAnalyzer,
    SentimentResult,
    bootstrap_mean_ci,
    corpus_sentiment,
    label_for,
    sentence_sentiments,
    sentiment,
    thread_sentiment,
)
from discourse.sentiment.news import FEATURES, WEIGHTS_FILE, NewsScorer, news_features
from discourse.sentiment.vader import polarity_scores
from discourse.text import Doc

ISSUE_EXAMPLE = "The US is not motivated by defeat of ISIS terrorism"


# -- front door and results ----------------------------------------------------------------


@pytest.mark.parametrize("method", ["vader", "textblob", "news"])
def test_issue_example_returns_typed_result(method):
    result = sentiment(ISSUE_EXAMPLE, method=method)
    assert isinstance(result, SentimentResult)
    assert result.method == method
    assert -1.0 <= result.score <= 1.0
    assert result.label == label_for(result.score, DEFAULT_THRESHOLDS[method])
    assert result.params == {"method": method, "threshold": DEFAULT_THRESHOLDS[method]}
    for cue in result.cues:
        assert 0 <= cue.start <= cue.end <= len(ISSUE_EXAMPLE)


def test_vader_fields_and_hand_checked_cues():
    result = sentiment(ISSUE_EXAMPLE)
    assert result.fields == polarity_scores(ISSUE_EXAMPLE) | {}  # same four numbers
    assert list(result.fields) == ["compound", "pos", "neu", "neg"]
    # "motivated" (+2.0) and "defeat" (-2.0) are both negated by "not" (x -0.74; "defeat" is
    # three words after it); "terrorism" (-3.6) stands. Sum -3.6 -> -3.6 / sqrt(3.6^2 + 15).
    assert [(c.cue, round(c.value, 4)) for c in result.cues] == [
        ("motivated", -1.48), ("defeat", 1.48), ("terrorism", -3.6),
    ]
    assert result.score == round(-3.6 / math.sqrt(3.6**2 + 15), 4) == -0.6808
    assert result.label == "negative"


def test_textblob_fields():
    result = sentiment("What a wonderful, honest report!", method="textblob")
    assert sorted(result.fields) == ["polarity", "subjectivity"]
    assert result.score == result.fields["polarity"]
    assert 0.0 <= result.fields["subjectivity"] <= 1.0


def test_labels_follow_thresholds():
    assert label_for(0.05) == "positive" and label_for(-0.05) == "negative"
    assert label_for(0.0499) == "neutral"
    strict = sentiment("Good.", threshold=0.9)
    assert strict.label == "neutral" and strict.params["threshold"] == 0.9
    with pytest.raises(ValueError, match="threshold"):
        sentiment("Good.", threshold=2.0)


def test_unknown_method_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown sentiment method 'bert'"):
        sentiment("x", method="bert")


@pytest.mark.parametrize("text", ["", " ", "\n\t ", "😀😀", "\x00\x01", "\u202eabc", "e\u0301"])
@pytest.mark.parametrize("method", ["vader", "textblob", "news"])
def test_degenerate_inputs(text, method):
    result = sentiment(text, method=method)
    assert -1.0 <= result.score <= 1.0
    assert result.label in ("negative", "neutral", "positive")


def test_inputs_str_doc_comment_article_agree():
    text = "A terrible, cruel decision. Yet some good may come of it."
    expected = sentiment(text)
    assert sentiment(Doc(text)) == expected
    assert sentiment(Comment(id="c1", text=text)) == expected
    assert sentiment(Article(id="a1", title="ignored", text=text)) == expected
    with pytest.raises(TypeError):
        sentiment(42)  # type: ignore[arg-type]


def test_module_is_callable():
    assert sentiment_module("Great news!") == sentiment("Great news!")


def test_to_records_columns():
    rows = sentiment("Great news!").to_records()
    assert [r["measure"] for r in rows] == ["score", "compound", "pos", "neu", "neg"]
    assert set(rows[0]) == {"method", "measure", "value", "label", "n_cues", "irony"}
    assert rows[0]["value"] == rows[1]["value"]
    cue_rows = sentiment("Great news!").cue_records()
    assert cue_rows == [{"method": "vader", "start": 0, "end": 5, "cue": "great", "value": 3.1}]


def test_results_and_analyzer_pickle():
    analyzer = SentimentAnalyzer("news", threshold=0.2)
    result = analyzer.score("Not bad at all.")
    assert pickle.loads(pickle.dumps(result)) == result
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone.get_params() == analyzer.get_params()
    assert clone.score("Not bad at all.") == result


def test_analyzer_params_and_lexicon_info():
    analyzer = SentimentAnalyzer("textblob")
    assert analyzer.get_params() == {"method": "textblob", "threshold": None}
    info = analyzer.lexicon_info()
    assert info[0]["name"] == "pattern_en_sentiment" and len(info[0]["sha256"]) == 64
    news_info = SentimentAnalyzer("news").lexicon_info()
    assert news_info[0]["file"] == WEIGHTS_FILE
    assert {"sentiment_news_shifters", "sentiment_news_deniers", "vader"} <= {i["name"] for i in news_info}


# -- sentences -----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["vader", "textblob", "news"])
def test_sentence_profile_offsets_point_into_the_text(method):
    text = "I love this plan. It is a terrible disaster, frankly!  Nothing else."
    profile = sentence_sentiments(text, method=method)
    doc = Doc(text)
    assert [r.span for r in profile.sentences] == list(doc.sentences)
    for result in profile.sentences:
        for cue in result.cues:
            assert result.span.start <= cue.start <= cue.end <= result.span.end
    assert profile.labels[0] == "positive" and profile.labels[1] == "negative"
    rows = profile.to_records()
    assert {r["sentence"] for r in rows} == {0, 1, 2}


def test_sentence_vader_cues_slice_to_words():
    text = "Good start. But a terrible ending!"
    profile = sentence_sentiments(text)
    words = [text[c.start : c.end].lower() for r in profile.sentences for c in r.cues]
    assert words == ["good", "terrible"]


# -- the news method -----------------------------------------------------------------------


def test_news_weights_file_has_provenance_and_no_data():
    spec = json.loads((DATA_DIR / WEIGHTS_FILE).read_text(encoding="utf-8"))
    assert spec["features"] == list(FEATURES)
    assert set(spec["weights"]) == {"intercept", *FEATURES}
    assert "nytEditorialSnippets" in spec["fitted_on"] and "no evaluation data" in spec["fitted_on"]
    assert spec["command"].startswith("python -m discourse.validation.sentiment")
    assert spec["out_of_fold_pearson_r"]["nytEditorialSnippets"] > 0.503
    assert len(json.dumps(spec)) < 5000  # a handful of numbers, no copied sentences


def test_news_prediction_is_the_documented_linear_model():
    spec = json.loads((DATA_DIR / WEIGHTS_FILE).read_text(encoding="utf-8"))
    text = "Yet its courthouses hardly inspire confidence; the plan may reduce crime."
    features, _ = news_features(text)
    expected = spec["weights"]["intercept"] + sum(spec["weights"][f] * features[f] for f in FEATURES)
    out = NewsScorer().score(text)
    assert out.predicted_mean == pytest.approx(expected, abs=1e-12)
    assert out.score == pytest.approx(max(-1.0, min(1.0, expected / 4)), abs=1e-12)
    result = sentiment(text, method="news")
    assert result.fields["predicted_mean"] == out.predicted_mean


def test_news_shifters_reverse_valence_like_negation():
    vader = polarity_scores("Fewer people will die.")
    features, cues = news_features("Fewer people will die.")
    # "die" (-2.9) after "fewer" counts -2.9 * -0.74 = +2.146: VADER's compound flips sign.
    assert vader["compound"] < 0 < features["adjusted_compound"]
    assert [(c.cue, round(c.value, 3)) for c in cues] == [("shift:fewer", 0.0), ("vader:die", 2.146)]
    # A shifter in another clause does not act.
    features, _ = news_features("Fewer came, and people will die.")
    assert features["adjusted_compound"] < 0


def test_news_contrast_opener_share():
    features, cues = news_features("But the plan failed. The city grew. However, it is fine.")
    assert features["contrast"] == pytest.approx(2 / 3)
    assert [c.cue for c in cues if c.cue.startswith("contrast:")] == ["contrast:but", "contrast:however"]


# -- threads and corpora -------------------------------------------------------------------


def test_thread_sentiment_on_seed(seed_thread):
    ts = thread_sentiment(seed_thread, n_boot=500, seed=3)
    assert [c.comment_id for c in ts.comments] == [c.id for _, c in seed_thread.walk()]
    assert [c.position for c in ts.comments] == list(range(16))
    for c in ts.comments:
        assert c.result == sentiment(seed_thread.comment(c.comment_id).text)
    groups = {s.group: s for s in ts.summary}
    comments = groups["comments"]
    scores = np.array([c.result.score for c in ts.comments])
    assert comments.n == 16 and comments.mean == pytest.approx(scores.mean())
    assert comments.median == pytest.approx(np.median(scores))
    assert comments.share_negative + comments.share_neutral + comments.share_positive == pytest.approx(1)
    assert comments.share_negative == pytest.approx(np.mean([c.result.label == "negative" for c in ts.comments]))
    assert comments.ci_low <= comments.mean <= comments.ci_high
    sentences = groups["article_sentences"]
    assert sentences.n == len(Doc(seed_thread.article.text).sentences)
    assert groups["difference"].mean == pytest.approx(comments.mean - sentences.mean)
    assert ts.title is not None and ts.params["seed"] == 3
    # same seed, same numbers; tables have the documented columns
    again = thread_sentiment(seed_thread, n_boot=500, seed=3)
    assert again.summary == ts.summary
    table = ts.comments_table()
    assert list(table.columns[:6]) == ["position", "comment_id", "parent_id", "depth", "score", "label"]
    assert list(ts.profile_table().columns) == ["sentence", "start", "end", "score", "label"]
    assert list(ts.summary_table().group) == ["article", "article_sentences", "comments", "difference"]
    records = ts.to_records()
    assert {r["unit_kind"] for r in records} == {"title", "article", "comment"}


def test_thread_reading_order_follows_replies():
    thread = Thread(
        Article(id="a", text="An article."),
        (Comment(id="1", text="Good."), Comment(id="2", text="Bad."), Comment(id="3", text="Fine.", parent_id="1")),
    )
    ts = thread_sentiment(thread, n_boot=0)
    assert [(c.comment_id, c.depth) for c in ts.comments] == [("1", 0), ("3", 1), ("2", 0)]
    assert math.isnan(ts.summary[2].ci_low)  # n_boot=0: no interval


def test_bootstrap_is_seeded_and_sane():
    values = [0.1, 0.5, -0.2, 0.4, 0.9, -0.7]
    assert bootstrap_mean_ci(values, seed=1) == bootstrap_mean_ci(values, seed=1)
    low, high = bootstrap_mean_ci(values, n_boot=4000, seed=1)
    assert low < np.mean(values) < high and -0.7 <= low and high <= 0.9
    assert bootstrap_mean_ci([0.3], seed=0) == (0.3, 0.3)
    assert all(math.isnan(x) for x in bootstrap_mean_ci([], seed=0))


def test_corpus_sentiment_streams(seed_thread):
    calls = []

    def open_threads():
        calls.append(1)
        return iter([seed_thread, seed_thread.replace(article=Article(id="t2", text="Fine."), comments=())])

    cs = corpus_sentiment(Corpus(open_threads), n_boot=100)
    assert len(calls) == 1
    assert [row["thread_id"] for row in cs.threads] == [seed_thread.id, "t2"]
    assert cs.threads[1]["n_comments"] == 0 and math.isnan(cs.threads[1]["mean"])
    assert cs.overall.n == 16
    assert cs.thread_table().shape[0] == 2 and cs.summary_table().shape[0] == 1


def test_thread_summary_from_computed_results():
    from discourse.sentiment import thread_summary

    comments = [sentiment("Great!"), sentiment("Awful."), sentiment("Fine.")]
    groups = thread_summary(None, None, comments, n_boot=200, seed=1)
    assert [g.group for g in groups] == ["article", "article_sentences", "comments", "difference"]
    assert groups[0].n == 0 and math.isnan(groups[0].mean)
    assert groups[2].n == 3 and groups[2].mean == pytest.approx(np.mean([c.score for c in comments]))
    assert groups[3].n == 0  # no article sentences to compare with
    text = "A fine plan. A terrible outcome."
    full = thread_summary(sentiment(text), sentence_sentiments(text), comments, n_boot=200, seed=1)
    assert full[1].n == 2 and full[3].mean == pytest.approx(full[2].mean - full[1].mean)
