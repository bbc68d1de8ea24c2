"""Integrity of the read stance calls (tests/data/stance_reading): valid records, resolvable texts."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "data" / "stance_reading"
sys.path.insert(0, str(HERE))
from reading import CLASSES, DEFAULT_SHARED, GOLD, READINGS, comments  # noqa: E402

RECORDS = [json.loads(line) for line in READINGS.read_text(encoding="utf-8").splitlines()]


def test_records_are_complete_and_balanced() -> None:
    keys = {"round", "seed", "i", "source", "key", "start", "end", "actor", "call", "score", "reading"}
    assert all(set(r) == keys for r in RECORDS)
    assert all(r["reading"] == "right" or r["reading"] in CLASSES for r in RECORDS)
    assert all(r["source"] in ("reddit", "civil", "sfu") and 0 <= r["start"] < r["end"] for r in RECORDS)
    per_round = Counter((r["round"], r["call"]) for r in RECORDS)
    assert set(per_round.values()) == {35}
    # Rounds 2-4 leave out the calls read before; round 1 did not (README): a call read twice
    # is one of rounds 0 and 1, read the same way both times.
    seen: dict[tuple, dict] = {}
    for r in RECORDS:
        call = (r["source"], r["key"], r["start"], r["end"])
        if call in seen:
            assert {seen[call]["round"], r["round"]} == {0, 1} and seen[call]["reading"] == r["reading"], r
        seen[call] = r
    gold = {(g["source"], str(g["key"])) for g in map(json.loads, GOLD.read_text(encoding="utf-8").splitlines())}
    assert not gold & {(r["source"], r["key"]) for r in RECORDS}  # the test set was never read


def test_mentions_resolve_in_the_shared_comments() -> None:
    if not (DEFAULT_SHARED / "train").exists():
        pytest.skip(f"shared data folder {DEFAULT_SHARED} not present")
    wanted = {(r["source"], r["key"]) for r in RECORDS}
    texts = {(s, k): t for s, k, t in comments(DEFAULT_SHARED) if (s, k) in wanted}
    assert set(texts) == wanted
    for r in RECORDS:
        surface = texts[r["source"], r["key"]][r["start"] : r["end"]]
        assert surface.strip() and surface[0].isalnum(), r
