"""Validation of the rhetorical features against PTC, SFU and the hand-checked examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from discourse.validation.rhetoric import TECHNIQUES, auc, main, validate_ptc, validate_sfu


def test_auc_rank_formula_with_ties():
    assert auc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == 0.75
    assert auc([1, 1, 1], [True, False, False]) == 0.5
    assert np.isnan(auc([1, 2], [True, True]))
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=200), rng.random(200) < 0.3
    pairs = [(a > b) + 0.5 * (a == b) for a in x[y] for b in x[~y]]
    assert auc(x, y) == pytest.approx(np.mean(pairs))


@pytest.fixture(scope="module")
def ptc(eval_dir):
    return validate_ptc(eval_dir)


@pytest.mark.slow
def test_ptc_hits_fall_in_gold_spans_more_than_chance(ptc):
    combined = ptc[ptc.feature == "(any of them)"].set_index("technique")
    assert set(combined.index) == set(TECHNIQUES)
    # every technique: hits land in its gold spans more often than random windows do
    assert (combined["lift"] > 1.2).all(), combined["lift"]
    strong = ["Loaded_Language", "Name_Calling,Labeling", "Exaggeration,Minimisation", "Flag-Waving"]
    assert (combined.loc[strong, "lift"] > 4).all()
    assert combined.loc["Exaggeration,Minimisation", "gold_recall"] > 0.3
    assert ((ptc.gold_recall >= 0) & (ptc.gold_recall <= 1)).all()


def test_ptc_is_deterministic(eval_dir, ptc):
    again = validate_ptc(eval_dir)
    pd.testing.assert_frame_equal(ptc, again)


def test_sfu_incivility_beats_sentence_sentiment(eval_dir):
    table = validate_sfu(eval_dir, n_boot=200).set_index(["measure", "cut"])
    index = table.loc[("rudeness_cues", "toxic2"), "auc"]
    vader = table.loc[("vader_negative", "toxic2"), "auc"]
    assert table.loc[("rudeness_cues", "toxic2"), "n_toxic"] == 219
    assert vader < 0.56
    assert index >= vader + 0.05
    assert table.loc[("rudeness_cues - vader_negative", "toxic2"), "ci_low"] > 0
    assert table.loc[("rudeness_cues [odd rows]", "toxic2"), "auc"] > 0.55  # held out
    assert table.loc[("rudeness_cues", "toxic3"), "auc"] > index  # grows with severity


def test_command_line_writes_a_tidy_csv(tmp_path, capsys):
    out = tmp_path / "gold.csv"
    assert main(["--gold", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == ["dataset", "subject", "feature", "metric", "value"]
    assert set(table.dataset) == {"gold"}
    assert "precision" in capsys.readouterr().out
