"""discourse.training.incivility_designs: the design comparison on a tiny synthetic input, and
its shipped design against the shipped model (needs the training data)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("sklearn")
pytest.importorskip("scipy")

from discourse.incivility import load_weights  # noqa: E402
from discourse.training import incivility as T  # noqa: E402
from discourse.training.incivility_designs import (  # noqa: E402
    DESIGNS_OF,
    _Fitter,
    fit_positive,
    markdown,
    prepare_rows,
    run_designs,
)

TRAIN = Path(__file__).resolve().parents[1].parent / "shared" / "train"

_CIVIL = ["the council met about the budget", "a fine report on the roads", "thanks for the clear article",
          "the vote is on monday", "good points about the schools", "the mayor spoke to residents"]
_RUDE = ["you idiot", "what a stupid moron", "shut up you fool", "you are a pathetic loser"]
_HATE = ["muslims are vermin", "send them back they are animals", "immigrants are parasites"]


def _rows(seed: int = 0) -> list[dict]:
    """Labelled texts of the four sources: rude words make a text uncivil, group slurs
    intolerant (the tweets' offensive-or-hate label counts both as uncivil, as in load_sources);
    a quarter of the texts have two sentences."""
    rng = np.random.default_rng(seed)
    rows = []
    for source in ("civil_comments", "reddit_incivility", "davidson", "hatexplain"):
        for k in range(36):
            kind = k % 3  # civil, rude, hateful
            text = str(rng.choice(_CIVIL))
            if kind == 1:
                text = f"{text} and {rng.choice(_RUDE)}"
            elif kind == 2:
                text = f"{rng.choice(_HATE)} {rng.choice(_CIVIL)}"
            if k % 4 == 0:
                text = f"{rng.choice(_CIVIL)}. {text}"
            text = f"{text} {k}"  # distinct texts (folds are by text)
            intolerance = None if source == "reddit_incivility" else int(kind == 2)
            if source in ("civil_comments", "reddit_incivility"):
                rows.append({"source": source, "text": text, "incivility": int(kind == 1), "intolerance": intolerance})
            else:
                rows.append({"source": source, "text": text, "incivility": int(kind > 0), "intolerance": intolerance})
    return rows


def test_designs_on_a_tiny_synthetic_input():
    rows = prepare_rows(_rows())
    sfu = prepare_rows([{"source": "sfu", "text": t, "incivility": v, "intolerance": None}
                        for t, v in [("you idiot", 3), ("a fine report", 0), ("the vote. what a stupid moron", 2), ("good points", 1)]])
    grids = {"incivility": (0.3, 3.0), "intolerance": (0.3, 3.0)}
    results = run_designs(rows, sfu=sfu, c_grids=grids, log=lambda m: None)
    assert [(r["measure"], r["design"]) for r in results] == [(m, d) for m in DESIGNS_OF for d in DESIGNS_OF[m]]
    for r in results:
        assert r["C"] in grids[r["measure"]]
        assert set(r["cv"]) == set(T.FIT_SOURCES[r["measure"]]) == set(r["transfer"])
        # the words separate the classes in every source: every design learns it
        assert r["cv_mean"] > 0.9, r
        assert r["transfer_mean"] > 0.8, r
        assert 0.0 <= r["sfu_toxic2"] <= 1.0 and -1.0 <= r["sfu_length_spearman"] <= 1.0
    incivility = [r for r in results if r["measure"] == "incivility"]
    assert set(incivility[0]["held_out"]) == {"davidson", "hatexplain"}
    # the same input gives the same output, and one table per measure
    assert run_designs(rows, sfu=sfu, c_grids=grids, log=lambda m: None) == results
    table = markdown(results)
    assert table.count("| incivility design |") == 1 and table.count("| intolerance design |") == 1
    assert len(table.splitlines()) == 2 + 4 + 1 + 2 + 5


def test_the_highest_sentence_reading():
    rows = prepare_rows(_rows())
    fitter = _Fitter(rows, "incivility")
    train = [i for i, r in enumerate(rows) if r["source"] in T.FIT_SOURCES["incivility"]]
    weights, intercept, vocab = fitter.fit(train, 1.0, False, "incivility")
    two = [i for i, r in enumerate(rows) if len(r["sents"]) == 2]
    assert two
    whole = fitter.scores(weights, intercept, vocab, two, "doc")
    highest = fitter.scores(weights, intercept, vocab, two, "max")
    for k, i in enumerate(two):
        per_sentence = T._matrix(rows[i]["sents"], vocab) @ weights + intercept
        assert highest[k] == pytest.approx(per_sentence.max())
    # the two readings differ on some texts (the whole text also counts the other sentence)
    assert np.abs(whole - highest).max() > 0.1


def test_fit_positive_keeps_word_weights_non_negative():
    from scipy.sparse import csr_matrix

    rng = np.random.default_rng(1)
    X = rng.integers(0, 2, (200, 6)).astype(float)
    y = (X[:, 0] - X[:, 1] + rng.normal(0, 0.3, 200) > 0).astype(int)
    X = np.c_[X, np.full(200, 10.0)]
    b = fit_positive(csr_matrix(X), y, np.ones(200), 1.0, 1)
    assert (b[:6] >= 0).all()
    assert b[0] > 0.5 and b[1] == 0.0  # the negative evidence is not used
    assert b[6] < 0  # the free source column takes the base rate


@pytest.mark.slow
def test_the_shipped_design_reproduces_the_shipped_model():
    """``signed_doc`` at the shipped C is the shipped fit: its held-out AUCs and its number of
    weights are those of the bundled incivility model."""
    if not (TRAIN / "toxic_spans").is_dir():
        pytest.skip(f"training data not found at {TRAIN}")
    shipped = load_weights().models["incivility"]
    rows = prepare_rows(T.load_sources(TRAIN))
    (r,) = run_designs(rows, ["incivility"], ["signed_doc"], c_grids={"incivility": (shipped["C"],)}, log=lambda m: None)
    assert r["held_out"] == shipped["held_out_roc_auc"]
    assert r["nonzero_weights"] == len(shipped["weights"])
