"""Misspelt multi-word names (discourse.actors.spelling): what is corrected and what is not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from discourse.actors import ActorRegistry, find_mentions
from discourse.actors.spelling import one_edit_apart


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.actor_id, text[m.start : m.end]) for m in find_mentions(text, ActorRegistry.default())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hilary Clinton lost.", [("hillary_clinton", "Hilary Clinton")]),
        # the bare surname found by the matcher gives way to the longer corrected name
        ("Barrack Obama was born in Hawaii.", [("obama", "Barrack Obama")]),
        ("Rex Tilllerson agreed.", [("tillerson", "Rex Tilllerson")]),
        ("Angel Merkel spoke.", [("angela_merkel", "Angel Merkel")]),
    ],
)
def test_a_name_with_one_word_one_edit_off_is_found(text, expected):
    assert _found(text) == expected


def test_the_possessive_is_kept():
    mention = find_mentions("Nobody will miss the Chrisy Clark's of this world.")[0]
    assert (mention.actor_id, mention.alias, mention.possessive) == ("christy_clark", "Christy Clark", True)


@pytest.mark.parametrize(
    "text",
    [
        "Hilary said no.",  # one word alone is never corrected
        "Ask for Sharia law.",  # one edit from a one-word name ("al-Sharaa")
        "He spoke at Columbia University.",
        "New Yorkers voted.",  # an added s is a possessive only on a person's or a state's name
        "the Republic of Columbia",  # the neighbour is a stop word, not a name of the alias
    ],
)
def test_what_is_not_corrected(text):
    assert [m for m in find_mentions(text) if m.alias.lower() != text[m.start : m.end].lower()] == []


def test_correct_names_are_untouched():
    assert _found("Hillary Clinton met Barack Obama.") == [
        ("hillary_clinton", "Hillary Clinton"),
        ("obama", "Barack Obama"),
    ]


def _distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance, by the textbook table (the reference)."""
    rows = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


@given(st.text(alphabet="abcr", max_size=7), st.text(alphabet="abcr", max_size=7))
def test_one_edit_apart_is_distance_one(a, b):
    assert one_edit_apart(a, b) == (_distance(a, b) == 1)
