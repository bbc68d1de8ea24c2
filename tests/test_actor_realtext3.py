"""Missed actor mentions found in a third reading of real text (issue 14, round 3: recall).

The sentences were annotated by hand before the library read them; each class of miss has
sentences like the ones read (written for these tests, not copied from the corpora) that failed
before the fix, and sentences where the actor must still not be found.
"""

from __future__ import annotations

import pytest

from actor_helpers import found_mentions as _found
from discourse.actors import ActorRegistry
from discourse.actors.lowercase import lower_case_index


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.default()


# -- rule "lower-case name": a politician's name lower-cased in a text with capitals ------------


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("Dishonest, ignorant and unscrupulous trump has now fooled half of America.", "trump", "trump"),
        ("I voted for trump because Hillary lied about everything.", "trump", "trump"),
        ("Wow, trump really is a colossal FOOL !!!", "trump", "trump"),
        ("We can thank bush and his cabinet for the war in Iraq.", "bush", "george_w_bush"),
        ("Get rid of notley in Alberta, and Canada will thank you.", "notley", "rachel_notley"),
        ("The problem is that trudeau is clueless about the economy.", "trudeau", "justin_trudeau"),
    ],
)
def test_lower_case_name_is_the_person(registry: ActorRegistry, text: str, surface: str, actor_id: str) -> None:
    assert (surface, actor_id) in _found(registry, text)


def test_lower_case_name_keeps_the_possessive(registry: ActorRegistry) -> None:
    (m,) = [m for m in registry.find("Nobody in Ohio believes trump's promises any more.") if m.actor_id == "trump"]
    assert m.possessive


@pytest.mark.parametrize(
    "text",
    [
        "He played his trump card at the last minute, as Bob expected.",  # the English noun
        "In Ohio, loyalty trumps competence every single time.",  # the verb ("trumps" never counts)
        "Safety should trump profit at Boeing, Bob.",  # after a modal verb
        "He thinks his values trump everyone else's, Bob.",  # the verb before its object
        "Their bosses ran a bush league operation, said Bob.",  # an idiom
        "Quit beating around the bush, Bob, and answer the question.",  # after a determiner
        "Read https://example.com/news/trump-wins-again before you post, Folks.",  # a web address
        "Reply to @trump_fan2016 and to #trump, Folks.",  # a handle and a hashtag
        "Get rid of notley now, she is useless.",  # a premier: no Canadian actor in the text
        "I would rather pay 20 pence more than vote for Trump.",  # a quantity: the coin
        "Since Brexit a stamp costs fifty pence more, thanks Trump.",  # a number word
    ],
)
def test_lower_case_name_left_alone(registry: ActorRegistry, text: str) -> None:
    names = ("trump", "george_w_bush", "rachel_notley", "mike_pence")
    assert [s for s, a in _found(registry, text) if a in names and s.islower()] == []


def test_lower_case_name_not_repeated_in_lower_case_text(registry: ActorRegistry) -> None:
    # a text written without capitals is read by the matcher itself: one mention, not two
    assert _found(registry, "i think trump is bad. i agree") == [("trump", "trump")]


def test_lower_case_index_only_unshared_person_names(registry: ActorRegistry) -> None:
    index = lower_case_index(registry)
    assert index["trump"][0] == "trump" and index["notley"][0] == "rachel_notley"
    assert "trumps" not in index  # the s form of an English word
    assert "jordan" not in index  # a country's alias too
    assert all(len(key) >= 4 for key in index)


# -- the cabinets of Obama and George W. Bush (gazetteer): members that were missing ------------


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("Interior Secretary Sally Jewell toured the new monument in Utah.", "Sally Jewell", "sally_jewell"),
        ("Veterans groups called on Eric Shinseki to resign over the waiting lists.", "Eric Shinseki", "eric_shinseki"),
        ("Kathleen Sebelius apologized for the website. Sebelius said fixes were coming.", "Sebelius", "kathleen_sebelius"),
        ("Former attorney general Alberto Gonzales defended the memo on CNN.", "Alberto Gonzales", "alberto_gonzales"),
        ("Hank Paulson asked Congress for $700 billion to stabilise the banks.", "Hank Paulson", "henry_paulson"),
        ("Commerce Secretary Penny Pritzker met exporters in Chicago.", "Penny Pritzker", "penny_pritzker"),
        ("Michael Chertoff ran the Department of Homeland Security after Katrina.", "Michael Chertoff", "michael_chertoff"),
        ("Labor Secretary Hilda Solis announced the jobless figures.", "Hilda Solis", "hilda_solis"),
    ],
)
def test_obama_and_bush_cabinet_members_are_found(registry: ActorRegistry, text: str, surface: str, actor_id: str) -> None:
    assert (surface, actor_id) in _found(registry, text)


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        # a newcomer takes no bare surname from a leader already listed
        ("Christie stunned Republican leaders when he backed the outsider.", "Christie", "chris_christie"),
        ("Chaffetz criticized McCarthy's remarks about the Benghazi committee in the House.", "McCarthy", "kevin_mccarthy"),
    ],
)
def test_cabinet_members_leave_leaders_their_surnames(registry: ActorRegistry, text: str, surface: str, actor_id: str) -> None:
    assert (surface, actor_id) in _found(registry, text)


def test_treasury_secretary_snow_only_in_full(registry: ActorRegistry) -> None:
    # "John Snow" is as often a misspelt film character; only "John W. Snow" is written
    assert [a for _, a in _found(registry, "John Snow knows nothing, said fans of the show in America.")] == ["united_states"]
    assert ("John W. Snow", "john_w_snow") in _found(registry, "Treasury Secretary John W. Snow said the dollar was strong.")


# -- Canada's provincial parties (gazetteer): missing although their premiers were listed -------


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("Another cash grab by the Ontario Liberals before the election.", "Ontario Liberals", "ca_on_liberal_party"),
        ("The Ontario PCs promised buck-a-beer.", "Ontario PCs", "ca_on_pc_party"),
        ("The Alberta NDP raised royalties.", "Alberta NDP", "ca_ab_ndp"),
        ("Donors to the BC Liberals got meetings with ministers.", "BC Liberals", "ca_bc_liberal_party"),
        ("The UCP won a majority in Alberta.", "UCP", "ca_ab_ucp"),
        ("The Parti Québécois lost to the CAQ.", "CAQ", "ca_qc_caq"),
    ],
)
def test_canadian_provincial_parties_are_found(registry: ActorRegistry, text: str, surface: str, actor_id: str) -> None:
    assert (surface, actor_id) in _found(registry, text)


def test_bare_ndp_stays_the_federal_party(registry: ActorRegistry) -> None:
    # bare names several parties share are not written for the provinces
    assert _found(registry, "The NDP under Singh lost seats.") == [("NDP", "ca_ndp")]
