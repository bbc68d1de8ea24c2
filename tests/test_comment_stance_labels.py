"""Integrity of the comment-stance training labels (examples/data/comment_stance_train) and the pure
functions of examples/stance_comment_labels.py.

The label file stores pairs by reference into ../shared; the checks that need the texts skip with
a reason when the training folder is absent.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("stance_comment_labels", REPO / "examples" / "stance_comment_labels.py")
scl = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scl)

SHARED = REPO.parent / "shared"
needs_train = pytest.mark.skipif(
    not all((SHARED / f).is_file() for f in scl.SOURCES.values()),
    reason=f"the shared training comments under {SHARED}/train are absent",
)
FIELDS = {"id", "source", "file", "key", "start", "end", "sha256", "draw", "target", "target_start",
          "target_end", "actor", "label", "flags"}


@pytest.fixture(scope="module")
def labels() -> list[dict]:
    return scl.load_labels()


def test_records_are_references_without_text(labels: list[dict]) -> None:
    assert len(labels) >= 250
    assert len({r["id"] for r in labels}) == len(labels)
    assert len({r["draw"] for r in labels}) == len(labels)
    for r in labels:
        assert set(r) == FIELDS, r["id"]
        assert r["file"] == scl.SOURCES[r["source"]]
        assert r["label"] in scl.LABELS and set(r["flags"]) <= set(scl.FLAGS), r["id"]
        assert re.fullmatch(r"[0-9a-f]{64}", r["sha256"])
        assert 0 <= r["start"] < r["end"] and 0 <= r["target_start"] < r["target_end"] <= r["end"] - r["start"]
        assert len(r["target"]) == r["target_end"] - r["target_start"] <= 40  # a name, never a sentence


def test_no_gold_or_reading_comment_is_labelled(labels: list[dict]) -> None:
    assert not {(r["source"], r["key"]) for r in labels} & scl.excluded_keys()


@needs_train
def test_references_resolve(labels: list[dict]) -> None:
    texts = scl.resolve(labels, SHARED)  # raises on a missing key or a changed sentence
    for r in labels:
        sentence = texts[(r["source"], r["key"])][r["start"]:r["end"]]
        assert sentence[r["target_start"]:r["target_end"]] == r["target"], r["id"]
        assert scl.usable(sentence)


@needs_train
def test_every_pair_is_a_mention_of_the_actor_stage(labels: list[dict]) -> None:
    features = scl.pair_features(labels, scl.resolve(labels, SHARED))  # raises when one is not found
    assert len(features) == len(labels) and all(features)


def test_resolve_rejects_a_changed_sentence(tmp_path: Path) -> None:
    (tmp_path / "train" / "reddit_incivility").mkdir(parents=True)
    (tmp_path / scl.SOURCES["reddit"]).write_text('"Trump lied again and again, said the author."\n', encoding="utf-8")
    (tmp_path / "train" / "toxic_spans" / "civil_comments_spans").mkdir(parents=True)
    (tmp_path / scl.SOURCES["civil"]).write_text("comment_id,comment_text\n", encoding="utf-8")
    good = {"id": "x", "source": "reddit", "key": "1", "start": 0, "end": 44,
            "sha256": scl.sha256("Trump lied again and again, said the author.")}
    assert scl.resolve([good], tmp_path)
    with pytest.raises(ValueError, match="hash"):
        scl.resolve([dict(good, sha256=scl.sha256("something else"))], tmp_path)
    with pytest.raises(ValueError, match="not found"):
        scl.resolve([dict(good, key="2")], tmp_path)


def test_comment_folds_keep_comments_together_and_are_fixed() -> None:
    recs = [{"source": "civil", "key": str(k % 13)} for k in range(60)]
    folds = scl.comment_folds(recs)
    assert folds == scl.comment_folds(list(recs))
    by_key: dict[str, set[int]] = {}
    for r, f in zip(recs, folds):
        by_key.setdefault(r["key"], set()).add(f)
    assert all(len(v) == 1 for v in by_key.values())
    assert set(folds) == set(range(5))


def test_joint_oof_ignores_zero_weight_rows() -> None:
    rng = np.random.default_rng(0)
    M = rng.normal(size=(60, 4))
    y = np.array([0, 1, 2] * 20)
    fold_of = np.arange(60) % 5
    w = np.r_[np.ones(45), np.zeros(15)]
    with_zeros = scl.joint_oof(M, y, fold_of, w, 1.0)
    without = scl.joint_oof(M[:45], y[:45], fold_of[:45], np.ones(45), 1.0)
    assert np.allclose(with_zeros[:45], without)
    assert np.any(with_zeros[45:] != 0)  # the zero-weight rows are still scored
    heavy = scl.joint_oof(M, y, fold_of, np.r_[np.ones(45), np.full(15, 10.0)], 1.0)
    assert not np.allclose(heavy[:45], without)  # weighted rows do count


def test_fold_macro_f1_is_the_mean_of_the_fold_figures() -> None:
    y = np.array([0, 1, 2] * 5)
    folds = np.arange(15) // 3
    pred = y.copy()
    pred[2] = 1  # fold 0: F1 1, 2/3, 0 -> 5/9; the other four folds are perfect
    assert scl.fold_macro_f1(y, y, folds) == pytest.approx(1.0)
    assert scl.fold_macro_f1(y, pred, folds) == pytest.approx((5 / 9 + 4) / 5)
