"""Integrity of the hand-annotated gold samples in tests/data/gold/.

The samples store sentences by reference into ../shared (see tests/data/gold/README.md); the
checks that need the texts skip with a reason when that folder is absent.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

GOLD_DIR = Path(__file__).resolve().parent / "data" / "gold"
_spec = importlib.util.spec_from_file_location("gold_loader", GOLD_DIR / "gold.py")
gold = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gold)

KINDS = {"country", "territory", "person", "government", "party", "agency", "igo", "court",
         "armed_group", "media", "platform", "organisation", "group", "other"}
MENTION_FLAGS = {"people", "group", "nonpolitical", "local", "uncertain", "adjective", "place",
                 "metonym", "epithet", "member", "lowercase", "misspelling", "abbreviation",
                 "historical"}
STANCE_LABELS = {"positive", "negative", "neutral"}
STANCE_FLAGS = {"reported", "sarcastic", "uncertain"}
COMMENT_SOURCES = {"sfu", "civil", "reddit"}
SHARED = gold.DEFAULT_SHARED
needs_shared = pytest.mark.skipif(
    not (SHARED / "eval").is_dir() or not (SHARED / "train").is_dir(),
    reason=f"the shared data folder {SHARED} (eval/ and train/) is absent",
)


def _raw(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _check_reference(rec: dict) -> None:
    assert rec["source"] in gold.SOURCE_FILES, rec["id"]
    assert isinstance(rec["key"], str) and rec["key"], rec["id"]
    assert 0 <= rec["start"] < rec["end"], rec["id"]
    assert len(rec["sha256"]) == 64 and int(rec["sha256"], 16) >= 0, rec["id"]
    # the project's rule: no text of ../shared in the repository, whatever the source's licence
    assert rec["text"] is None, rec["id"]


def test_mention_records_are_valid():
    records = _raw(gold.MENTIONS_FILE)
    assert len(records) >= 300
    assert len({r["id"] for r in records}) == len(records)
    assert {r["source"] for r in records} == set(gold.SOURCE_FILES)
    for rec in records:
        _check_reference(rec)
        assert rec["stratum"] in ("random", "capitalised"), rec["id"]
        previous_end = 0
        for m in rec["mentions"]:
            assert m["kind"] in KINDS, (rec["id"], m)
            assert set(m["flags"]) <= MENTION_FLAGS, (rec["id"], m)
            assert m["actor"].strip(), (rec["id"], m)
            assert previous_end <= m["start"] < m["end"] <= rec["end"] - rec["start"], (rec["id"], m)
            assert m["end"] - m["start"] == len(m["surface"]), (rec["id"], m)
            previous_end = m["end"]


def test_stance_records_are_valid():
    records = _raw(gold.STANCE_FILE)
    assert len(records) >= 100
    assert len({r["id"] for r in records}) == len(records)
    assert {r["source"] for r in records} <= COMMENT_SOURCES
    for rec in records:
        _check_reference(rec)
        assert rec["label"] in STANCE_LABELS, rec["id"]
        assert set(rec["flags"]) <= STANCE_FLAGS, rec["id"]
        assert rec["actor"].strip(), rec["id"]
        assert 0 <= rec["target_start"] < rec["target_end"] <= rec["end"] - rec["start"], rec["id"]
        assert rec["target_end"] - rec["target_start"] == len(rec["target"]), rec["id"]
    labels = [r["label"] for r in records]
    assert labels.count("positive") >= 25 and labels.count("negative") >= 25


@needs_shared
def test_mention_sentences_resolve_and_spans_match():
    records = gold.load_mentions(SHARED)
    for rec in records:
        sentence = rec["sentence"]
        assert gold.sha256(sentence) == rec["sha256"]
        for m in rec["mentions"]:
            assert sentence[m["start"]:m["end"]] == m["surface"], (rec["id"], m)


@needs_shared
def test_stance_sentences_resolve_and_targets_match():
    for rec in gold.load_stance(SHARED):
        assert rec["sentence"][rec["target_start"]:rec["target_end"]] == rec["target"], rec["id"]


@needs_shared
def test_a_changed_text_raises_a_clear_error(tmp_path):
    rec = dict(_raw(gold.MENTIONS_FILE)[0])
    rec["sha256"] = "0" * 64
    with pytest.raises(gold.GoldDataError, match="SHA-256"):
        gold.resolve(rec, SHARED)
    with pytest.raises(gold.GoldDataError, match="does not exist"):
        gold.resolve(rec, tmp_path)


def test_without_shared_data_loading_fails_with_a_clear_reason(tmp_path):
    assert not gold.has_shared(tmp_path)
    for load in (gold.load_mentions, gold.load_stance):
        with pytest.raises(gold.GoldDataError, match="by reference only.*absent"):
            load(tmp_path)


def test_a_record_that_stores_its_text_is_refused(tmp_path):
    (tmp_path / "eval").mkdir()
    (tmp_path / "train").mkdir()
    rec = dict(_raw(gold.MENTIONS_FILE)[0], text="a sentence")
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    with pytest.raises(gold.GoldDataError, match="by reference only"):
        gold._load(path, tmp_path)


def _load_script(name: str):
    spec = importlib.util.spec_from_file_location(f"gold_{name}", GOLD_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_mention_scorer_matching_and_dont_care_spans():
    score = _load_script("score_mentions")
    rec = {"mentions": [
        {"start": 0, "end": 5, "flags": []},                  # "Trump"
        {"start": 10, "end": 19, "flags": ["people"]},        # optional
        {"start": 30, "end": 36, "flags": []},                # missed
    ]}
    pred = [(0, 5, "trump"), (10, 19, "united_states"), (21, 25, "x")]
    exact_core = score.score_record(rec, pred, "exact", core=True)
    assert (len(exact_core["tp"]), exact_core["fp"], exact_core["fn"]) == (1, [2], [2])
    exact_all = score.score_record(rec, pred, "exact", core=False)
    assert (len(exact_all["tp"]), exact_all["fp"], exact_all["fn"]) == (2, [2], [2])
    # "President Trump" vs gold "Trump": wrong span exactly, right by overlap
    pred2 = [(0, 5 + 10, "trump")]
    assert score.score_record({"mentions": rec["mentions"][:1]}, pred2, "exact", True)["fp"] == [0]
    assert len(score.score_record({"mentions": rec["mentions"][:1]}, pred2, "overlap", True)["tp"]) == 1
    p, r, f = score.prf(1, 1, 2)
    assert (p, round(r, 4), round(f, 4)) == (0.5, 0.3333, 0.4)


def test_mention_scorer_name_plausibility():
    score = _load_script("score_mentions")
    from discourse.actors import Actor, ActorRegistry
    reg = ActorRegistry([Actor("gwb", "George W. Bush", "person", ("Bush", "George W. Bush")),
                         Actor("us", "United States", "country", ("US", "U.S. government"))])
    assert score.plausible(reg, "gwb", "George W. Bush")
    assert not score.plausible(reg, "gwb", "George H. W. Bush")
    assert score.plausible(reg, "us", "US government (Trump administration)")
    assert not score.plausible(reg, "us", "CFIUS")
