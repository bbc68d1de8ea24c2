"""Typed tables in memory (discourse.results.columns) and the collector pacing of the analysis loop."""

from __future__ import annotations

import gc
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.pipeline._gc import young_collections_only
from discourse.pipeline.analysis import analyze
from discourse.results.columns import Column, frame_from_records, typed_frame

COLUMNS = [
    Column("s", "str", ""),
    Column("i", "int", ""),
    Column("f", "float", ""),
    Column("b", "bool", ""),
    Column("j", "json", ""),
]


def test_missing_values_per_type() -> None:
    records = [
        {"s": "", "i": None, "f": None, "b": None, "j": None},
        {"s": "x", "i": 3, "f": 1.5, "b": True, "j": [1, 2]},
        {"s": float("nan"), "i": float("nan"), "f": float("nan"), "b": pd.NA, "j": float("nan")},
        {},  # every column absent
    ]
    frame = frame_from_records(records, COLUMNS)
    assert [str(t) for t in frame.dtypes] == ["object", "Int64", "float64", "boolean", "object"]
    assert frame["s"].tolist() == [None, "x", None, None]
    assert frame["i"].isna().tolist() == [True, False, True, True] and frame["i"][1] == 3
    assert frame["f"].isna().tolist() == [True, False, True, True] and frame["f"][1] == 1.5
    assert frame["b"].isna().tolist() == [True, False, True, True] and bool(frame["b"][1]) is True
    assert frame["j"].tolist() == [None, [1, 2], None, None]


def test_list_values_stay_one_cell_each() -> None:
    # equal-length lists must not be broadcast into a 2-D array
    frame = typed_frame({"j": [[1, 2], [3, 4]]}, [Column("j", "json", "")])
    assert frame["j"].tolist() == [[1, 2], [3, 4]]


@settings(max_examples=250, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "s": st.one_of(st.none(), st.text(max_size=5)),
                "i": st.one_of(st.none(), st.integers(-(2**62), 2**62)),
                "f": st.one_of(st.none(), st.floats(allow_nan=True)),
                "b": st.one_of(st.none(), st.booleans()),
            },
        ),
        max_size=20,
    )
)
def test_frame_matches_row_by_row_conversion(records: list[dict]) -> None:
    frame = frame_from_records(records, COLUMNS[:4])
    assert len(frame) == len(records)
    for k, record in enumerate(records):
        s, i, f, b = (record.get(name) for name in "sifb")
        if s:  # "" counts as missing, as it does once written to CSV
            assert frame["s"][k] == s
        else:
            assert frame["s"][k] is None
        assert (frame["i"][k] is pd.NA) if i is None else frame["i"][k] == i
        if f is None or math.isnan(f):
            assert math.isnan(frame["f"][k])
        else:
            assert frame["f"][k] == f
        assert (frame["b"][k] is pd.NA) if b is None else bool(frame["b"][k]) is b


def test_analysis_restores_the_collector(seed_thread) -> None:
    assert gc.isenabled()
    analyze(seed_thread, features=["questions"])
    assert gc.isenabled()
    gc.disable()
    try:
        analyze(seed_thread, features=["questions"])
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_collector_restored_after_an_error() -> None:
    with pytest.raises(RuntimeError), young_collections_only():
        assert not gc.isenabled()
        raise RuntimeError
    assert gc.isenabled()
