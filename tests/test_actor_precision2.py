"""Known wrong actor mentions of the world-scale registry (issue 14, second precision pass).

Each fixed fault has a case that failed before the fix and cases where the rule must still
fire or must still not fire.
"""

from __future__ import annotations

import pytest

from discourse.actors import Actor, ActorRegistry


def _found(reg: ActorRegistry, text: str) -> list[tuple[str, str, str]]:
    """``(surface, actor id, alias)`` of every mention."""
    return [(text[m.start : m.end], m.actor_id, m.alias) for m in reg.find(text)]


# -- 1. a title-led alias runs on into a longer alias of the same person --------------------------


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("Chinese President Xi Jinping said no.", "Xi Jinping", "xi_jinping"),
        ("South Korean President Moon Jae-in disagreed on Tuesday.", "Moon Jae-in", "moon_jae_in"),
    ],
)
def test_title_led_alias_covers_the_whole_name(reg, text, surface, actor_id):
    found = _found(reg, text)
    assert (surface, actor_id, surface) in found, found
    assert len([f for f in found if f[1] == actor_id]) == 1, found


def test_title_led_alias_runs_on_only_into_the_same_actors_alias():
    reg = ActorRegistry(
        [
            Actor("xi", "Xi Li", "person", ("Xi Li", "President Xi", "Xi")),
            Actor("xi_bank", "Xi Bank", "organisation", ("Xi Bank",)),
        ]
    )
    assert _found(reg, "President Xi Li spoke.") == [("Xi Li", "xi", "Xi Li")]
    # a longer alias of another actor starting at the name: the title-led alias stays
    assert _found(reg, "President Xi Bank")[0] == ("Xi", "xi", "President Xi")
    assert _found(reg, "President Xi said.") == [("Xi", "xi", "President Xi")]


# -- 2. surnames with capitals inside them --------------------------------------------------------


def test_surname_with_a_glued_prefix_goes_to_the_person_named_in_full(reg):
    text = "Governor Henry McMaster signed it. McMaster said no."
    assert _found(reg, text)[-1] == ("McMaster", "henry_mcmaster", "McMaster")
    # without the full name the written alias keeps its owner
    assert _found(reg, "McMaster said no.") == [("McMaster", "hr_mcmaster", "McMaster")]


def test_rule_surname_takes_a_prefixed_surname_from_a_full_name():
    reg = ActorRegistry(
        [
            Actor("a", "Cy McHugh", "person", ("Cy McHugh",)),
            Actor("b", "Di McHugh", "person", ("Di McHugh",)),
        ]
    )
    # (must still fire) "McHugh" is shared, so no derived alias; the text's full name gives it
    assert _found(reg, "Cy McHugh spoke. McHugh said no.") == [
        ("Cy McHugh", "a", "Cy McHugh"), ("McHugh", "a", "McHugh")
    ]
    assert _found(reg, "McHugh said no.") == []


# -- 3. a news outlet names its state only when nothing else does ----------------------------------


def test_outlet_does_not_outweigh_the_state_a_text_is_about(reg):
    # Reuters (a US outlet in the registry) is named more often than Zimbabwe
    text = "Image copyright Reuters. Army chief Constantino Chiwenga (Reuters, Reuters) spoke."
    found = _found(reg, text)
    assert not [f for f in found if f[1] == "us_military"], found
    assert [f for f in found if f[1] == "constantino_chiwenga"], found


def test_outlet_still_names_its_state_when_nothing_else_does(reg):
    found = _found(reg, "The Senate voted late, Fox News reported.")
    assert ("Senate", "us_congress", "Senate") in found, found


# -- 4. a party name that is also a phrase of common speech needs its state -----------------------


def test_party_phrase_without_its_state_is_no_mention(reg):
    found = _found(reg, "MOST of the Shouting comes from Liberal Democrats. Trump won.")
    assert not [f for f in found if f[1] == "gb_liberal_democrats"], found


@pytest.mark.parametrize(
    "text",
    [
        "Nick Clegg led the Liberal Democrats.",  # another actor of the party's state
        "The Liberal Democrats gained seats in Britain.",
        "The Lib Dems gained seats.",  # not a phrase of common speech: no state needed
    ],
)
def test_party_phrase_with_its_state_still_names_the_party(reg, text):
    assert [f for f in _found(reg, text) if f[1] == "gb_liberal_democrats"], _found(reg, text)


def test_party_phrases_are_computed_from_the_rule_lists():
    from discourse.actors.disambiguation import _party_phrases

    reg = ActorRegistry(
        [
            Actor("ruritania", "Ruritania", "country", ("Ruritania",)),
            Actor("rp", "Conservative Greens", "party", ("Conservative Greens", "Ruritanian Greens"), parent="ruritania"),
            Actor("nowhere", "Liberal Democrats", "party", ("Liberal Democrats",)),  # no state
        ]
    )
    assert _party_phrases(reg) == frozenset({"Conservative Greens"})
    assert _found(reg, "The Conservative Greens won.") == []
    assert [f[1] for f in _found(reg, "The Conservative Greens won in Ruritania.")] == ["rp", "ruritania"]
    assert _found(reg, "The Liberal Democrats won.") == [("Liberal Democrats", "nowhere", "Liberal Democrats")]
