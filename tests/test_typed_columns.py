"""The typed columns of result frames: the special cases (numbers, strings and JSON values
that need no conversion) give exactly what the general conversion gives.

``_reference`` below is the general path of ``discourse.results.columns._typed_column``
(every column went through it before the special cases were added); the property tests compare
the two on columns of mixed values, dtypes included.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.results.columns import Column, _typed_column, typed_frame


def _reference(values: list[Any], dtype: str) -> Any:
    array = np.fromiter(values, dtype=object, count=len(values))
    missing = pd.isna(array)
    if dtype == "float":
        array[missing] = np.nan
        return array.astype(np.float64)
    if dtype == "int":
        array[missing] = 0
        return pd.arrays.IntegerArray(array.astype(np.int64), missing)
    array[missing] = None
    if dtype == "str":
        array[array == ""] = None
    return pd.Series(array, dtype=object, copy=False)


def _check(values: list[Any], dtype: str) -> None:
    """The column converts as the general path converts it, or fails as it does (a value
    an int or float column cannot hold)."""
    try:
        expected = _reference(values, dtype)
    except (TypeError, ValueError) as error:
        with pytest.raises(type(error)):
            _typed_column(values, dtype)
    else:
        _same(_typed_column(values, dtype), expected)


def _same(got: Any, expected: Any) -> None:
    got, expected = pd.Series(got), pd.Series(expected)
    assert got.dtype == expected.dtype
    assert len(got) == len(expected)
    for a, b in zip(got.tolist(), expected.tolist()):
        if b is pd.NA:
            assert a is pd.NA
        elif isinstance(b, float) and math.isnan(b):
            assert isinstance(a, float) and math.isnan(a)
        else:
            assert type(a) is type(b) and a == b


_numbers = st.one_of(st.none(), st.integers(-(2**60), 2**60), st.floats(allow_nan=True), st.booleans())
_texts = st.one_of(st.none(), st.sampled_from(["", "a", "thread-1", "é"]), st.text(max_size=5))
_json = st.one_of(
    st.none(),
    st.lists(st.integers(0, 9), max_size=2),
    st.dictionaries(st.sampled_from(["start", "end"]), st.integers(0, 9), max_size=2),
    st.sampled_from(["", "x"]),
    st.integers(0, 3),
    st.just(float("nan")),
    st.just(pd.NA),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_numbers, max_size=30))
def test_float_columns_with_none_equal_the_general_conversion(values) -> None:
    _check(values, "float")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-(2**62), 2**62), st.just(float("nan"))), max_size=30))
def test_int_columns_equal_the_general_conversion(values) -> None:
    _check(values, "int")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_texts, st.just(float("nan")), st.just(pd.NA), st.lists(st.integers(), max_size=1)), max_size=30))
def test_str_columns_equal_the_general_conversion(values) -> None:
    _check(values, "str")


@settings(max_examples=300, deadline=None)
@given(st.lists(_texts, max_size=30))
def test_plain_str_columns_equal_the_general_conversion(values) -> None:
    _check(values, "str")


@settings(max_examples=300, deadline=None)
@given(st.lists(_json, max_size=30))
def test_json_columns_equal_the_general_conversion(values) -> None:
    _check(values, "json")


@pytest.mark.parametrize("value", [pd.NA, pd.NaT, np.float64(0.5), "1.5"])
def test_float_columns_with_other_values_take_the_general_path(value) -> None:
    _check([1.0, None, value], "float")


def test_typed_frame_keeps_the_declared_types_and_values() -> None:
    columns = [Column("s", "str", ""), Column("x", "float", ""), Column("n", "int", ""), Column("j", "json", "")]
    frame = typed_frame({"s": ["a", "", None], "x": [None, 1, 0.5], "n": [1, None, 3], "j": [[], None, {"a": 1}]}, columns)
    assert [str(t) for t in frame.dtypes] == ["object", "float64", "Int64", "object"]
    assert frame["s"].tolist() == ["a", None, None]
    assert frame["x"].isna().tolist() == [True, False, False] and frame["x"].tolist()[1:] == [1.0, 0.5]
    assert frame["n"].tolist() == [1, pd.NA, 3]
    assert frame["j"].tolist() == [[], None, {"a": 1}]


@pytest.mark.parametrize("dtype", ["str", "category"])
def test_pd_na_and_empty_strings_are_missing_values_of_a_text_column(dtype):
    # (pd.NA used to reach ``array == ""``, whose truth value pandas refuses: a TypeError)
    column = pd.Series(_typed_column(["a", pd.NA, "", None, "b"], dtype))
    assert column.isna().tolist() == [False, True, True, True, False]
    assert column[0] == "a" and column[4] == "b"
