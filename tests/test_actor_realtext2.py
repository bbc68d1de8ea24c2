"""Wrong and missed actor mentions found in a second reading of real text (issue 14, round 2).

Each class of fault has sentences like the ones read (PTC articles, NewsMTSC, Civil Comments,
Reddit, SFU comments) that failed before the fix, and sentences where the actor must still be
found (or must still not be).
"""

from __future__ import annotations

import pytest

from actor_helpers import found_mentions as _found


# -- formal given names: "Charles Schumer" is Chuck Schumer --------------------------------------


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("Senate Minority Leader Charles Schumer (D-N.Y.) and other Democrats objected.", "Schumer", "chuck_schumer"),
        ("Sen. Charles Grassley (R-IA) is to be commended on his handling of it.", "Grassley", "chuck_grassley"),
        ("Trump's newly named Secretary of State, Michael Pompeo, is also an ardent neocon.", "Pompeo", "mike_pompeo"),
        ("Leading Democratic senators like Robert Menendez, Ben Cardin and Chuck Schumer opposed it.", "Menendez", "bob_menendez"),
        ("You know, Maggie Thatcher broke that glass ceiling.", "Thatcher", "margaret_thatcher"),
        ("Ditto senators like Pat Leahy who say America must face down Russia.", "Leahy", "patrick_leahy"),
        ("Steve Harper, Canadian Republican.. Harper said he would run again.", "Harper", "stephen_harper"),
    ],
)
def test_a_formal_or_short_given_name_is_the_persons_own(reg, text, surface, actor_id):
    found = _found(reg, text)
    assert (surface, actor_id) in found, found


@pytest.mark.parametrize(
    "text, actor_id",
    [
        ("Trump's newly named Secretary of State, Michael Pompeo, is also an ardent neocon.", "alun_michael"),
        ("Beau Biden served in Iraq before he died.", "joe_biden"),
        ("Bill Pruitt said the farm would close.", "scott_pruitt"),
    ],
)
def test_another_given_name_still_names_another_person(reg, text, actor_id):
    found = _found(reg, text)
    assert actor_id not in [a for _, a in found], found
