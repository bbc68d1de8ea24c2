"""discourse.training.incivility_variants: the rater shares and the paired gain criterion."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")

from discourse.training.incivility_variants import _criterion, _gain, civil_comment_shares  # noqa: E402


def _write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def test_civil_comment_shares(tmp_path):
    folder = tmp_path / "toxic_spans" / "civil_comments_spans"
    folder.mkdir(parents=True)
    _write(folder, "comments.csv", "comment_id,comment_text\n1,you idiot\n2,fine words\n3,no raters\n")
    _write(
        folder,
        "annotations.csv",
        "annotation,comment_id,worker,country,all toxic,not toxic\n"
        "0,1,7,USA,False,False\n1,1,8,USA,False,True\n2,1,9,USA,True,False\n"
        "3,2,7,USA,False,True\n4,2,8,USA,False,True\n",
    )
    _write(folder, "spans.csv", "annotation,type,start,end\n0,Insult,4,9\n2,Threat,0,3\n")
    shares = civil_comment_shares(tmp_path)
    # comment 1: two of three raters did not tick "not toxic", one marked an insult
    assert shares["you idiot"] == pytest.approx((2 / 3, 1 / 3))
    assert shares["fine words"] == (0.0, 0.0)
    assert "no raters" not in shares


def test_gain_of_a_better_and_of_the_same_score():
    rng = np.random.default_rng(0)
    n = 400
    sources = np.array(["civil_comments", "reddit_incivility"] * (n // 2))
    judged = rng.integers(0, 2, n).astype(float)
    base = judged + rng.normal(0, 2.0, n)
    better = judged + rng.normal(0, 0.5, n)
    assert _gain(base, base, judged, sources) == (0.0, 0.0)
    gain, se = _gain(better, base, judged, sources)
    assert gain == pytest.approx(_criterion(better, judged, sources) - _criterion(base, judged, sources))
    assert gain > 3 * se > 0
