"""Validation against the human-rated VADER ground truth (skipped without the eval data)."""

from __future__ import annotations

import json

import pytest

from discourse.errors import InputError
from discourse.lexicons import DATA_DIR
from discourse.sentiment.news import WEIGHTS_FILE
from discourse.validation import sentiment as validation

VADER_R = {  # vaderSentiment 3.3.2 on these files (eval README); ours must equal them
    "tweets": 0.872,
    "nytEditorialSnippets": 0.503,
    "movieReviewSnippets": 0.427,
    "amazonReviewSnippets": 0.590,
}
TEXTBLOB_R = {"tweets": 0.697, "nytEditorialSnippets": 0.299, "movieReviewSnippets": 0.409, "amazonReviewSnippets": 0.512}


@pytest.fixture(scope="module")
def table(eval_dir):
    return validation.validate_sentiment(eval_dir)


def test_ground_truth_sizes(eval_dir):
    data = validation.load_ground_truth(eval_dir)
    assert {k: len(v) for k, v in data.items()} == {
        "tweets": 4200, "nytEditorialSnippets": 5190, "movieReviewSnippets": 10605, "amazonReviewSnippets": 3708,
    }
    assert sum(len(v) for v in data.values()) == 23_703


def test_vader_agrees_with_reference_on_every_sentence(eval_dir):
    agreement = validation.vader_agreement(eval_dir)
    total = agreement[agreement.set == "all"].iloc[0]
    assert total.n == 23_703
    assert total.share_compound == 1.0 and total.share_all == 1.0
    assert total.max_abs_diff == 0.0


@pytest.mark.slow
def test_textblob_agrees_with_reference_on_every_sentence(eval_dir):
    agreement = validation.textblob_agreement(eval_dir)
    total = agreement[agreement.set == "all"].iloc[0]
    assert total.n == 23_703 and total.share_all == 1.0


@pytest.mark.slow
def test_table_reproduces_published_vader_and_textblob_figures(table):
    for name, r in VADER_R.items():
        row = table[(table.set == name) & (table.method == "vader")].iloc[0]
        assert row.pearson_r == pytest.approx(r, abs=0.0006)
    for name, r in TEXTBLOB_R.items():
        row = table[(table.set == name) & (table.method == "textblob")].iloc[0]
        assert row.pearson_r == pytest.approx(r, abs=0.0006)
    assert list(table.columns) == ["set", "n", "method", "pearson_r", "macro_f1", "evaluation"]
    assert table.macro_f1.between(0, 1).all()


def test_news_beats_vader_out_of_fold(table):
    def r(name, method):
        return table[(table.set == name) & (table.method == method)].iloc[0].pearson_r

    assert r("nytEditorialSnippets", "news") > 0.503
    assert r("nytEditorialSnippets", "news") > r("nytEditorialSnippets", "vader") + 0.015
    for name in VADER_R:  # never worse than VADER on the other sets
        assert r(name, "news") >= r(name, "vader")
    news_rows = table[table.method == "news"]
    assert set(news_rows.evaluation) == {"out-of-fold (10 folds)"}


@pytest.mark.slow
def test_shipped_weights_match_a_refit(eval_dir):
    shipped = json.loads((DATA_DIR / WEIGHTS_FILE).read_text(encoding="utf-8"))
    refit = validation.fit_news_weights(eval_dir)
    assert refit["weights"] == pytest.approx(shipped["weights"], abs=2e-6)
    assert refit["out_of_fold_pearson_r"] == shipped["out_of_fold_pearson_r"]
    assert refit["data_sha256"] == shipped["data_sha256"]


def test_cli_writes_csv(eval_dir, tmp_path, capsys):
    out = tmp_path / "table.csv"
    assert validation.main([str(eval_dir), "--methods", "vader", "--out", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert lines[0] == "set,n,method,pearson_r,macro_f1,evaluation"
    assert len(lines) == 5
    assert "nytEditorialSnippets" in capsys.readouterr().out


def test_bad_file_names_file_and_line(tmp_path):
    bad = tmp_path / "tweets_GroundTruth.txt"
    bad.write_text("1\t0.5\tfine\r\n2\tnot-a-number\toops\r\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"tweets_GroundTruth.txt:2: field 'mean'"):
        validation.read_ground_truth(bad)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="not found"):
        validation.load_ground_truth(empty)
