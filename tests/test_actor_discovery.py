"""Discovery of names the registry does not know (table actor_candidates, warning, TOML)."""

from __future__ import annotations

import sys
import warnings

import pytest

from discourse.actors import ActorRegistry
from discourse.actors.discovery import (
    aggregate_candidates,
    candidate_rows,
    candidates_toml,
    find_candidates,
    unmatched_summary,
)
from discourse.errors import DataWarning
from discourse.text import Doc

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


# A small fixed registry, so that the tests do not depend on what the bundled gazetteer knows.
SMALL = ActorRegistry.from_dict([
    {"id": "russia", "name": "Russia", "kind": "country", "names": ["Russia"], "metonyms": ["Kremlin"]},
    {"id": "trump", "name": "Donald Trump", "kind": "person", "names": ["Trump"], "cased": ["Trump"]},
])


def names(text: str) -> list[str]:
    return [c.text for c in find_candidates(text, registry=SMALL)]


def test_finds_unknown_names_and_acronyms_not_known_actors():
    text = "Officials in Russia said the Houthis and the FSB met Keir Blutarsky in Sanaa."
    found = names(text)
    assert "Houthis" in found and "FSB" in found and "Keir Blutarsky" in found
    assert "Russia" not in found  # a registry actor is not a candidate


def test_no_spam_from_function_words_titles_shouting_and_headlines():
    assert names("I think We should Never trust Them, LOL.") == []
    assert names("THIS IS SO STUPID AND WRONG") == []
    assert names("Russia Warns Western Powers Over Deadly Strikes") == []  # Title Case headline
    assert names("President Blutarsky spoke.") == ["Blutarsky"]  # the title is not part of the name
    assert names("all lower case text with no names") == []


def test_runs_keep_connectors_inside_names():
    assert names("He visited the Bank of Narnia yesterday.") == ["Bank of Narnia"]


def test_candidate_rows_count_and_example():
    doc = Doc("The Houthis fired. Later the Houthis fired again.")
    rows = candidate_rows([("c1", doc, SMALL.find(doc))], thread_id="t1")
    assert rows == [{"thread_id": "t1", "name": "Houthis", "count": 2, "units": 1,
                     "example": "The Houthis fired.", "example_unit": "c1", "suggested_kind": "other"}]


def test_aggregate_folds_case_and_accents_and_counts_threads():
    rows = [
        {"thread_id": "t1", "name": "Orbán", "count": 3, "units": 2, "example": "a", "suggested_kind": "other"},
        {"thread_id": "t2", "name": "Orban", "count": 1, "units": 1, "example": "b", "suggested_kind": "person"},
    ]
    [merged] = aggregate_candidates(rows)
    assert (merged["name"], merged["count"], merged["threads"], merged["units"]) == ("Orbán", 4, 2, 3)
    assert merged["examples"] == "a | b"


def test_candidates_toml_is_a_loadable_extension():
    rows = aggregate_candidates([
        {"thread_id": "t", "name": "Houthis", "count": 5, "units": 5, "example": 'He said "no".', "suggested_kind": "group"},
        {"thread_id": "t", "name": "FSB", "count": 3, "units": 3, "example": "FSB", "suggested_kind": "organisation"},
        {"thread_id": "t", "name": "Kremlin", "count": 9, "units": 9, "example": "x", "suggested_kind": "other"},  # known
        {"thread_id": "t", "name": "Rare", "count": 1, "units": 1, "example": "x", "suggested_kind": "other"},
    ])
    text = candidates_toml(rows, registry=SMALL)
    data = tomllib.loads(text)
    assert [a["name"] for a in data["actors"]] == ["Houthis", "FSB"]  # known and rare names left out
    registry = SMALL.extend(data)
    assert registry.resolve("houthis") == "houthis" and "russia" in registry


def test_warning_when_unmatched_names_are_frequent():
    rows = [{"thread_id": "t", "name": "Hamas", "count": 30, "units": 20}]
    summary = unmatched_summary(rows, n_units=100)
    assert summary["frequent"] == [{"name": "Hamas", "count": 30, "units": 20}]
    from discourse.actors.discovery import warn_unmatched

    with pytest.warns(DataWarning, match="'Hamas' \\(30\\)"):
        warn_unmatched(summary)
    assert unmatched_summary(rows, n_units=100_000)["frequent"] == []  # rare in a large corpus: no warning


def test_analyze_writes_actor_candidates_and_records_them():
    from discourse import analyze
    from discourse.datasets import load_seed

    with warnings.catch_warnings():
        warnings.simplefilter("error", DataWarning)  # the seed has no frequent unknown name
        results = analyze(load_seed())
    table = results["actor_candidates"]
    assert list(table.columns) == ["thread_id", "name", "count", "units", "example", "example_unit", "suggested_kind"]
    assert "Idlib" in set(table["name"])
    assert results.provenance["unmatched_names"]["distinct"] == len(table)


def test_discovery_can_be_switched_off():
    from discourse import analyze
    from discourse.datasets import load_seed

    results = analyze(load_seed(), discover_actors=False)
    assert len(results["actor_candidates"]) == 0
    assert "unmatched_names" not in results.provenance
    assert results.provenance["parameters"]["discover_actors"] is False


def test_capital_word_pattern_equals_the_lookbehind_first_reference():
    """The discovery's capital-first pattern (fast) finds exactly what the plain definition finds:
    a capitalised word not preceded by a word character, apostrophe, dot or hyphen."""
    import re

    from discourse.actors.discovery import _WORD_CAPITAL

    reference = re.compile(r"(?<![\w'’.-])[A-Z\u00C0-\u00DE][\w'’]*")
    texts = [
        "Obama met U.S. officials in Washington.", "McCain's plan; O'Rourke and Ocasio-Cortez.",
        "A", "x-Ray and e.Gov; don'T", "Émile Zola and Ångström", "’Tis the SEASON. I said NO.",
        "end.Start of a line\nNew line", "-Dash and .Dot and 'Quote and ’Curly",
    ]
    for text in texts:
        assert [(m.start(), m.group()) for m in _WORD_CAPITAL.finditer(text)] == [
            (m.start(), m.group()) for m in reference.finditer(text)
        ]


# -- the warning lists likely actors only: not places, not fragments of a longer name -----------


def test_places_and_fragments_of_longer_names_get_their_own_kind():
    kinds = {c.text: c.kind for c in find_candidates(
        "I have lived in Vancouver since 1990, like over 600 First Nations in Ontario; Blutarsky said so.",
        registry=SMALL)}
    assert kinds == {"Vancouver": "place", "Nations": "fragment", "Ontario": "place", "Blutarsky": "other"}


@pytest.mark.parametrize(
    "text, kind",
    [
        ("People were angry at Blutarsky today.", "other"),  # "at": people are its objects too
        ("Funds went into Blutarsky accounts.", "other"),
        ("The talks were held within the Qarnak Front itself.", "armed_group"),  # a head word's guess stays
        ("Officials of the Zorgon Party met in the capital.", "party"),
        ("Zorgonians met. Would Blutarsky agree?", "other"),  # a sentence start, not a fragment
        ("The idea: Would Blutarsky agree?", "other"),  # a stop word after a colon starts a clause
        ("We met Mr Blutarsky yesterday.", "other"),  # "Mr" is no English word: no fragment
    ],
)
def test_place_and_fragment_readings_need_their_context(text, kind):
    [candidate] = [c for c in find_candidates(text, registry=SMALL) if c.text in ("Blutarsky", "Qarnak Front", "Zorgon Party")]
    assert candidate.kind == kind


def test_a_threads_row_is_a_place_when_half_its_occurrences_are():
    doc = Doc("I live in Vancouver. Vancouver is pricey. Vancouver council met. We moved to Vancouver.")
    [row] = candidate_rows([("c1", doc, SMALL.find(doc))])
    assert (row["name"], row["count"], row["suggested_kind"]) == ("Vancouver", 4, "other")  # 1 of 4
    doc = Doc("I live in Vancouver. Vancouver is pricey. We stayed in Vancouver.")
    [row] = candidate_rows([("c1", doc, SMALL.find(doc))])
    assert row["suggested_kind"] == "place"  # 2 of 3


def test_warning_leaves_out_places_and_fragments_but_not_unknown_actors():
    rows = [
        {"thread_id": "t", "name": "Uber", "count": 104, "units": 57, "suggested_kind": "other"},
        {"thread_id": "t", "name": "Vancouver", "count": 20, "units": 15, "suggested_kind": "place"},
        {"thread_id": "u", "name": "Vancouver", "count": 7, "units": 5, "suggested_kind": "other"},
        {"thread_id": "t", "name": "Nations", "count": 16, "units": 15, "suggested_kind": "fragment"},
        {"thread_id": "t", "name": "Hamas", "count": 30, "units": 20, "suggested_kind": "organisation"},
        {"thread_id": "t", "name": "Zelensky", "count": 12, "units": 10, "suggested_kind": "person"},
        {"thread_id": "t", "name": "Maduro", "count": 6, "units": 4, "suggested_kind": "place"},
        {"thread_id": "u", "name": "Maduro", "count": 9, "units": 8, "suggested_kind": "other"},
    ]
    summary = unmatched_summary(rows, n_units=200)
    assert [r["name"] for r in summary["frequent"]] == ["Uber", "Hamas", "Maduro", "Zelensky"]
    assert summary["distinct"] == 6 and summary["occurrences"] == 204  # all names still counted


def test_candidates_toml_leaves_out_places_and_fragments():
    rows = [
        {"name": "Vancouver", "count": 9, "threads": 2, "units": 9, "suggested_kind": "place", "examples": "in Vancouver"},
        {"name": "Nations", "count": 9, "threads": 2, "units": 9, "suggested_kind": "fragment", "examples": "First Nations"},
        {"name": "Zorgons", "count": 4, "threads": 1, "units": 4, "suggested_kind": "group", "examples": "Zorgons"},
    ]
    data = tomllib.loads(candidates_toml(rows, registry=SMALL))
    assert [a["name"] for a in data["actors"]] == ["Zorgons"]
