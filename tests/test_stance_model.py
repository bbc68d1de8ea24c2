"""The fitted target-sentiment model: weight file, features, decomposition, refit bytes."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

from discourse.errors import LexiconError
from discourse.lexicons import DATA_DIR
from discourse.actors.stance_features import FEATURE_VERSION, sentence_facts, target_features
from discourse.actors.stance import StanceAnalyzer
from discourse.actors.stance_model import MODEL_FILE, TargetSentimentModel, default_model, load_model
from discourse.text import Doc

REPO = Path(__file__).resolve().parents[1]


def _train_dir() -> Path:
    configured = os.environ.get("DISCOURSE_TRAIN_DIR")
    return Path(configured) if configured else REPO.parent / "shared" / "train"


def test_weight_file_has_provenance():
    data = json.loads((DATA_DIR / MODEL_FILE).read_text(encoding="utf-8"))
    for key in ("source", "licence", "citation", "training_data_sha256", "parameters", "cv", "feature_version",
                "library_version", "settings", "intercept", "weights"):
        assert key in data, key
    assert "MIT" in data["licence"] and "Hamborg" in data["citation"]
    assert len(data["training_data_sha256"]) == 64
    assert len(data["cv"]["macro_f1_folds"]) == 5
    assert data["feature_version"] == FEATURE_VERSION
    assert (DATA_DIR / MODEL_FILE).stat().st_size < 3_500_000
    assert all(len(w) == 3 for w in data["weights"].values())


def test_model_info_records_hash():
    info = default_model().info()
    assert info["name"] == "stance_target_model" and len(info["sha256"]) == 64
    assert int(info["entries"]) == len(default_model().weights)


def test_wrong_feature_version_is_refused():
    data = dict(default_model().data, feature_version="0")
    with pytest.raises(LexiconError, match="refit"):
        TargetSentimentModel(data)


def test_missing_file_is_a_lexicon_error(tmp_path):
    with pytest.raises(LexiconError, match="cannot read"):
        load_model(tmp_path / "none.json")


FITTED = StanceAnalyzer(method="fitted")


@pytest.mark.parametrize(
    "text, target",
    [
        ("Critics slammed Smith for lying to voters.", "Smith"),
        ("Smith praised the brave volunteers who saved the town.", "Smith"),
        ("Russia's strikes cut power in Kyiv, where Smith lives.", "Smith"),
        ("Ah, Smith wants peace! /s", "Smith"),
    ],
)
def test_contributions_sum_to_the_stance_logit(text, target):
    start = text.find(target)
    m = FITTED.toward(text, start, start + len(target))
    model = default_model()
    intercept = model.intercept[2] - model.intercept[0]
    assert m.cues and math.isclose(intercept + sum(c.contribution for c in m.cues), m.raw, abs_tol=1e-9)
    assert -1.0 <= m.score <= 1.0
    for c in m.cues:  # every term is tied to a span of the text, and names the features it fired
        assert 0 <= c.start < c.end <= len(text) and c.lexicon == "stance_target_model"
        if c.term == "(other words)":  # the residual of the small terms spans the sentence
            assert abs(c.contribution) < 0.05 * len(text.split()) and (c.start, c.end) == (m.sentence_start, m.sentence_end)
        elif c.term == "(target named)":  # the target's form, on the target's own span
            assert (c.start, c.end) == (start, start + len(target)) and c.note == "t|<name>"  # whole words here
        else:
            assert c.term == text[c.start : c.end].lower() and "|" in c.note and abs(c.contribution) >= 0.05


def test_evidence_text_encoding():
    m = FITTED.toward("Critics slammed Smith.", 16, 21)
    row = m.to_record()
    assert row["evidence"] and all("@" in part and "(" in part for part in row["evidence"].split("; "))


def test_deterministic():
    text = "The disgraced former senator Smith was accused of fraud by prosecutors."
    a = FITTED.toward(text, 29, 34)
    b = StanceAnalyzer().toward(Doc(text), 29, 34)
    assert a == b


def test_target_dependent():
    # The same sentence, two targets, opposite evaluations: the model reads which words attach.
    text = "Smith praised the volunteers, but prosecutors accused Jones of fraud and corruption."
    smith = FITTED.toward(text, 0, 5)
    jones = FITTED.toward(text, text.index("Jones"), text.index("Jones") + 5)
    assert smith.score > jones.score


def test_features_are_positional():
    doc = Doc("Critics slammed Smith, but Jones won.")
    smith = {h.name for h in target_features(doc, 0, 2, 3)}
    jones = {h.name for h in target_features(doc, 0, 5, 6)}
    assert "L1|slammed" in smith and "P|slammed" in smith
    assert "xo|slammed" in jones  # across "but", with another name in between
    assert "s|slammed" in smith and "s|slammed" in jones


def test_negation_and_modal_scope():
    facts = sentence_facts(Doc("Smith did not lie but could win."), 0)
    assert facts.scope[3] == "~" and facts.scope[6] == "?"


@pytest.mark.slow
def test_refit_gives_identical_bytes(tmp_path, assert_same_bytes):
    train = _train_dir()
    if not (train / "newsmtsc" / "train.jsonl").is_file():
        pytest.skip(f"NewsMTSC training data not found at {train} (set DISCOURSE_TRAIN_DIR)")
    pytest.importorskip("sklearn")
    from discourse.training.target_sentiment import main

    out = tmp_path / "model.json"
    assert main([str(train), "--out", str(out)]) == 0
    assert_same_bytes(out, DATA_DIR / MODEL_FILE)


def test_confident_calls_are_shipped_with_their_cross_validation():
    data = json.loads((DATA_DIR / MODEL_FILE).read_text(encoding="utf-8"))
    calls = data["calls"]
    assert calls["precision_target"] == 0.7 and 0 < calls["score_threshold"] < 1
    cv = calls["cv"]
    # chosen on the training folds for the target (the fallback, if it were unreachable, is the
    # best smaller precision: then this would fail and the docs would have to say so)
    assert cv["precision_negative"] >= 0.7 and cv["precision_positive"] >= 0.7
    assert cv["macro_f1"] <= data["cv"]["macro_f1_mean"]  # abstaining costs macro-F1
    assert default_model().call_threshold == calls["score_threshold"]


def test_missing_calls_is_refused():
    data = {k: v for k, v in default_model().data.items() if k != "calls"}
    with pytest.raises(LexiconError, match="refit"):
        TargetSentimentModel(data)


TEXTS = [
    ("Critics slammed Smith for lying to voters.", "Smith"),
    ("Smith praised the brave volunteers who saved the town.", "Smith"),
    ("Smith met the volunteers on Tuesday.", "Smith"),
    ("Smith's plan could help, analysts said.", "Smith"),
    ("Putin is a thug and a liar.", "Putin"),
]


@pytest.mark.parametrize("text, target", TEXTS)
def test_confident_calls_label_by_the_threshold(text, target):
    start = text.find(target)
    confident = StanceAnalyzer().toward(text, start, start + len(target))
    probable = StanceAnalyzer(abstain=False).toward(text, start, start + len(target))
    threshold = default_model().call_threshold
    expected = "positive" if confident.score > threshold else "negative" if confident.score < -threshold else "neutral"
    assert confident.label == expected
    assert (confident.score, confident.raw, confident.cues) == (probable.score, probable.raw, probable.cues)
    assert StanceAnalyzer(threshold=0.99).toward(text, start, start + len(target)).label == "neutral"


def test_abstain_is_a_parameter_and_sets_the_aggregate_threshold():
    assert StanceAnalyzer().get_params()["abstain"] is True
    assert StanceAnalyzer().effective_threshold() == default_model().call_threshold
    assert StanceAnalyzer(abstain=False).effective_threshold() == default_model().score_threshold


def test_a_model_read_once_scores_as_its_file_does(tmp_path):
    """`model=` takes a weight file or a model already read (the experiments score variants so,
    without swapping the default model of the process)."""
    from discourse.stance import stance

    data = json.loads((DATA_DIR / MODEL_FILE).read_text(encoding="utf-8"))
    data["intercept"] = [data["intercept"][0] - 3.0, data["intercept"][1], data["intercept"][2] + 3.0]
    path = tmp_path / "variant.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    variant = load_model(path)
    text = "Putin met the volunteers on Tuesday."
    by_object = StanceAnalyzer(model=variant).toward(text, 0, 5)
    assert by_object == StanceAnalyzer(model=str(path)).toward(text, 0, 5)
    assert by_object.score > StanceAnalyzer().toward(text, 0, 5).score  # the variant, not the default
    assert StanceAnalyzer(model=variant).effective_threshold() == variant.call_threshold
    assert [m.score for m in stance(text, model=variant).mentions] == [by_object.score]
    assert default_model().data["intercept"] != data["intercept"]  # the default is left alone


def _folds_and_logits(n: int = 300, seed: int = 0):
    import numpy as np

    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    logits = rng.normal(size=(n, 3)) + 1.5 * np.eye(3)[y]  # informative, not perfect
    return y, logits, np.arange(n) % 5, rng.random(n) * 2


def _integer_count_scores(gold, predicted) -> tuple[float, float, float]:
    """Macro-F1 and the precision of negative and positive labels from Python integer counts
    (the trainer's arithmetic before its steps counted with weights)."""
    f1s, precision = [], []
    for c in range(3):
        tp = sum(1 for g, p in zip(gold, predicted) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, predicted) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, predicted) if g == c and p != c)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
        precision.append(tp / (tp + fp) if tp + fp else 0.0)
    return sum(f1s) / 3, precision[0], precision[2]


def test_trainer_figures_without_weights_are_integer_count_figures():
    """`sample_weight=None` counts with weights of one, which gives the same floats as integer
    counts (the refitted weight file's bytes rely on it) and the same fits as no weights; other
    weights give other figures (the domain-adaptation experiment relies on both)."""
    import numpy as np
    from discourse.training import target_sentiment as ts

    y, logits, fold_of, w = _folds_and_logits()
    for t in ts.OFFSET_GRID:
        labels = np.array(ts.offset_labels(logits, t))
        for f in range(ts.FOLDS):
            gold, guess = y[fold_of == f], labels[fold_of == f]
            f1, p_neg, p_pos = _integer_count_scores(gold.tolist(), guess.tolist())
            assert ts.macro_f1(gold, guess) == f1
            one_fold = ts.fold_scores(gold, guess, np.zeros(len(gold), dtype=int))
            assert (one_fold["precision_negative"], one_fold["precision_positive"]) == (p_neg / ts.FOLDS, p_pos / ts.FOLDS)
    ones = np.ones(len(y))
    assert ts.best_offset(logits, y, fold_of) == ts.best_offset(logits, y, fold_of, ones)
    assert ts.call_candidates(logits, y, fold_of) == ts.call_candidates(logits, y, fold_of, ones)
    assert ts.confident_calls(logits, y, fold_of) == ts.confident_calls(logits, y, fold_of, ones)
    assert ts.best_offset(logits, y, fold_of, w)[1] != ts.best_offset(logits, y, fold_of)[1]
    assert ts.call_candidates(logits, y, fold_of, w) != ts.call_candidates(logits, y, fold_of)


def test_unweighted_oof_logits_are_those_of_unweighted_fits():
    pytest.importorskip("sklearn")
    import numpy as np
    from discourse.training import target_sentiment as ts

    rng = np.random.default_rng(2)
    y = np.arange(90) % 3
    M = rng.random((90, 6)) + np.eye(6)[y] * 0.5
    fold_of = np.arange(90) % 5
    logits = ts.oof_logits(M, y, fold_of, 0.3)
    for f in range(ts.FOLDS):
        alone = ts.make_classifier(0.3).fit(M[fold_of != f], y[fold_of != f])
        assert np.array_equal(logits[fold_of == f], alone.decision_function(M[fold_of == f]))


def test_weighted_counts_are_sums_of_weights():
    import numpy as np
    from discourse.training import target_sentiment as ts

    gold, pred = np.array([0, 0, 1, 2]), np.array([0, 1, 1, 2])
    # doubling the weight of the one error counts it twice, as a duplicated row would
    twice = ts.macro_f1(np.array([0, 0, 0, 1, 2]), np.array([0, 1, 1, 1, 2]))
    assert ts.macro_f1(gold, pred, np.array([1.0, 2.0, 1.0, 1.0])) == pytest.approx(twice, abs=1e-15)


def test_weighted_oof_logits_match_a_weighted_fit():
    pytest.importorskip("sklearn")
    import numpy as np
    from discourse.training import target_sentiment as ts

    rng = np.random.default_rng(1)
    y = np.arange(60) % 3
    M = rng.random((60, 4)) + np.eye(4)[y] * 0.5
    fold_of = np.arange(60) % 5
    w = rng.random(60) + 0.5
    logits = ts.oof_logits(M, y, fold_of, 1.0, w)
    train = fold_of != 0
    alone = ts.make_classifier(1.0).fit(M[train], y[train], sample_weight=w[train] / w[train].mean())
    assert np.array_equal(logits[fold_of == 0], alone.decision_function(M[fold_of == 0]))
    assert not np.array_equal(logits, ts.oof_logits(M, y, fold_of, 1.0))
