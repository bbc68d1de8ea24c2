"""Derived aliases (discourse.actors.surnames) and the context rules that go with them:
distinctive surnames, bare institution words, party member forms."""

from __future__ import annotations

import pytest

from discourse.actors import ActorRegistry, default_registry
from discourse.actors.matching import AliasMatcher
from discourse.actors.registry import Actor, Alias
from discourse.actors.surnames import UNRESOLVED_INSTITUTION, institution_index, surname_aliases, surname_of
from discourse.text import Doc
from actor_helpers import found_mentions


def _toy() -> ActorRegistry:
    return ActorRegistry.from_dict([
        {"id": "us", "name": "United States", "kind": "country", "names": ["United States", "US"]},
        {"id": "us_gov", "name": "US government", "kind": "government", "parent": "us", "names": ["US government"]},
        {"id": "congress", "name": "US Congress", "kind": "government", "parent": "us", "names": ["US Senate", "US House"]},
        {"id": "court", "name": "US Supreme Court", "kind": "court", "parent": "us", "names": ["US Supreme Court"]},
        {"id": "ca", "name": "Canada", "kind": "country", "names": ["Canada"]},
        {"id": "ca_gov", "name": "Government of Canada", "kind": "government", "parent": "ca", "names": ["Ottawa government"]},
        {"id": "kerry", "name": "John Kerry", "kind": "person", "parent": "us_gov", "names": ["John Kerry"]},
        {"id": "obama", "name": "Barack Obama", "kind": "person", "parent": "us_gov", "names": ["Barack Obama", "Obama"]},
        {"id": "sanders_b", "name": "Bernie Sanders", "kind": "person", "parent": "us_gov", "names": ["Bernie Sanders"]},
        {"id": "sanders_s", "name": "Sarah Huckabee Sanders", "kind": "person", "parent": "us_gov", "names": ["Sarah Huckabee Sanders"]},
        {"id": "ryan", "name": "Paul Ryan", "kind": "person", "parent": "us_gov", "names": ["Paul Ryan"]},
        {"id": "zinke", "name": "Ryan Zinke", "kind": "person", "parent": "us_gov", "names": ["Ryan Zinke"]},
        {"id": "moon", "name": "Jane Moon", "kind": "person", "parent": "us_gov", "names": ["Jane Moon"]},
        {"id": "harper", "name": "Stephen Harper", "kind": "person", "parent": "ca_gov", "names": ["Stephen Harper"]},
        {"id": "wells", "name": "Ben Wallace", "kind": "person", "parent": "us_gov", "names": ["Ben Wallace"]},
    ])


def test_surname_of_skips_suffixes_and_single_words():
    assert surname_of("Robert F. Kennedy Jr.") == "Kennedy"
    assert surname_of("Martin Luther King III") == "King"
    assert surname_of("Bono") is None
    assert surname_of("Kim jong-un") is None  # not a capitalised last word


def test_only_distinctive_surnames_become_aliases():
    texts = {a.text for _, a in _toy().derived_aliases}
    assert {"Kerry", "Harper", "Zinke", "Wallace"} <= texts
    assert "Sanders" not in texts  # two persons share it
    assert "Ryan" not in texts  # Ryan Zinke's first name
    assert "Moon" not in texts  # an English word
    assert "Obama" not in texts  # already an alias: the written alias decides


def test_a_non_person_alias_written_as_one_word_is_no_surname():
    actors = [
        Actor("wh", "White House", "organisation", ("White House",)),
        Actor("sw", "Sheldon Whitehouse", "person", ("Sheldon Whitehouse",)),
        Actor("kerry", "John Kerry", "person", ("John Kerry",)),
    ]
    assert [a.text for _, a in surname_aliases(actors)] == ["Kerry"]


def test_family_name_first_states_give_no_surname_alias():
    actors = [
        Actor("china", "China", "country", ("China",)),
        Actor("xi", "Xi Jinping", "person", ("Xi Jinping",), country="china"),
        Actor("kerry", "John Kerry", "person", ("John Kerry",)),
    ]
    assert [a.text for _, a in surname_aliases(actors)] == ["Kerry"]


def test_derived_surname_resolves_with_an_actor_of_the_same_state():
    reg = _toy()
    assert found_mentions(reg, "Obama and Kerry met.") == [("Obama", "obama"), ("Kerry", "kerry")]
    assert found_mentions(reg, "The US wants Kerry back.") == [("US", "us"), ("Kerry", "kerry")]


def test_derived_surname_alone_or_with_another_state_is_unresolved():
    reg = _toy()
    assert found_mentions(reg, "Kerry scored twice on Sunday.") == []
    assert found_mentions(reg, "Canada cheered when Zinke scored.") == [("Canada", "ca")]


def test_derived_surname_inside_a_longer_name_is_dropped_everywhere_in_the_text():
    reg = _toy()
    # "Dwight Harper" is someone else: this Harper, and the later bare one, are not the registry's
    assert found_mentions(reg, "Canada met Dwight Harper. Harper said no.") == [("Canada", "ca")]
    assert found_mentions(reg, "Canada met Stephen Harper. Harper said no.")[-1] == ("Harper", "harper")
    # first name of a longer name, and a piece of a hyphenated name
    assert found_mentions(reg, "The US saw Kerry Washington.") == [("US", "us")]
    assert found_mentions(reg, "The US read Benjamin Wallace-Wells.") == [("US", "us")]


def test_written_alias_wins_over_a_derived_one():
    actors = [Actor("x", "Harper Corp", "organisation", ("Harper",))]
    matcher = AliasMatcher(actors, [("y", Alias("Harper", "name", "cased"))])
    assert [m.actor_id for m in matcher.find(Doc("Harper rose."))] == ["x"]


def test_institution_index_reads_state_name_and_word_aliases():
    reg = _toy()
    assert reg.institution_index[("us", "senate")] == "congress"
    assert reg.institution_index[("us", "supreme court")] == "court"
    actors = [Actor("ca", "Canada", "country", ("Canada",)),
              Actor("p", "Parliament of Canada", "government", ("Parliament of Canada",), parent="ca")]
    assert institution_index(actors, ["Parliament"], {"ca": "ca", "p": "ca"}) == {("ca", "parliament"): "p"}


def test_bare_institution_resolves_to_the_nearest_state_of_the_text():
    reg = _toy()
    assert found_mentions(reg, "Obama said the Senate and the Supreme Court agreed.") == [
        ("Obama", "obama"), ("Senate", "congress"), ("Supreme Court", "court")]
    # another state: its own actor, else its government for a legislature
    assert found_mentions(reg, "In Canada the Senate voted.") == [("Canada", "ca"), ("Senate", "ca_gov")]
    assert found_mentions(reg, "The Senate voted. The US was watching.")[0] == ("Senate", "congress")


def test_bare_institution_without_a_state_or_in_a_longer_name_is_dropped():
    reg = _toy()
    assert found_mentions(reg, "The Senate voted.") == []
    assert found_mentions(reg, "The US: House prices rose.") == [("US", "us")]  # "House" needs "the"
    assert found_mentions(reg, "The US: the House voted.") == [("US", "us"), ("House", "congress")]
    assert found_mentions(reg, "The US: the State Supreme Court ruled.") == [("US", "us")]
    assert found_mentions(reg, "The US: the House of Cards.") == [("US", "us")]
    assert all(m.actor_id != UNRESOLVED_INSTITUTION for m in reg.find("the Senate and the House"))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Benioff is neither a Democrat nor a Republican.", ["us_democratic_party", "us_republican_party"]),
        ("He beat his Democratic challenger.", ["us_democratic_party"]),
        ("She has led the Democratic Unionist Party in Belfast for years and says it will stay.", None),  # another party
        ("democratic values matter to Canada.", ["canada"]),  # lower case in a cased text: the adjective
    ],
)
def test_party_member_forms(text, expected):
    found = [m.actor_id for m in default_registry().find(text)]
    if expected is None:
        assert "us_democratic_party" not in found
    else:
        assert found == expected


def test_default_registry_surnames_on_real_names():
    reg = default_registry()
    assert found_mentions(reg, "Obama and Kerry's plan.") == [("Obama", "obama"), ("Kerry", "john_kerry")]
    # a footballer's surname with no political actor around: unresolved
    assert found_mentions(reg, "Urban Meyer showed once more that he can recruit.") == []
    assert found_mentions(reg, "Crafty Yeti and Talon are likely the strongest picks.") == []


def test_derived_surname_after_a_title_needs_no_state_context():
    reg = _toy()
    assert found_mentions(reg, "Secretary Kerry left.") == [("Kerry", "kerry")]
    assert found_mentions(reg, "Premier Harper said so.") == [("Harper", "harper")]
    assert found_mentions(reg, "Mr. Harper said so.") == []  # an honorific names anyone
    assert found_mentions(reg, "Kerry left.") == []


def test_bare_institution_takes_the_state_named_right_before_else_the_most_named():
    reg = _toy()
    # the US is named twice, Canada once: the text's Senate is the US one...
    text = "The US and the US government spoke; Canada listened. Then the Senate voted."
    assert found_mentions(reg, text)[-1] == ("Senate", "congress")
    # ...unless a state is named right before the word
    text = "The US and the US government spoke; Canada's Senate voted."
    assert found_mentions(reg, text)[-1] == ("Senate", "ca_gov")


def test_derived_surname_after_any_capitalised_word_is_another_name():
    reg = _toy()
    # "Chuck" is an English word, so rule "embedded" would keep it; a derived surname is stricter
    assert found_mentions(reg, "Canada met Chuck Harper.") == [("Canada", "ca")]
    assert found_mentions(reg, "Canada met Premier Harper.") == [("Canada", "ca"), ("Harper", "harper")]


@pytest.mark.parametrize(
    "text, kept",
    [
        ("She joined the Liberal Democrat group in Brussels.", False),  # another party's name
        ("They said the Social Democrats won the vote.", False),
        ("Leading Democratic senators objected.", True),  # a capital at the sentence start says nothing
        ("They met a Democrat from Ohio.", True),
    ],
)
def test_one_word_party_name_after_a_capitalised_word(text, kept):
    assert ("us_democratic_party" in [m.actor_id for m in default_registry().find(text)]) is kept


# --- rule "titled surname": bare surnames that are no alias, resolved by a title or a speech verb


def _titled() -> ActorRegistry:
    return ActorRegistry.from_dict([
        {"id": "us", "name": "United States", "kind": "country", "names": ["United States", "US"]},
        {"id": "us_gov", "name": "US government", "kind": "government", "parent": "us", "names": ["US government"]},
        {"id": "kr", "name": "South Korea", "kind": "country", "names": ["South Korea"]},
        {"id": "kr_gov", "name": "Government of South Korea", "kind": "government", "parent": "kr", "names": ["Seoul government"]},
        {"id": "sanders_b", "name": "Bernie Sanders", "kind": "person", "parent": "us_gov", "office": "Senator from Vermont",
         "names": ["Bernie Sanders"]},
        {"id": "sanders_s", "name": "Sarah Huckabee Sanders", "kind": "person", "parent": "us_gov",
         "office": "Governor of Arkansas (White House Press Secretary 2017-2019)", "names": ["Sarah Huckabee Sanders"]},
        {"id": "ryan", "name": "Paul Ryan", "kind": "person", "parent": "us_gov", "office": "Speaker of the House",
         "names": ["Paul Ryan"]},
        {"id": "zinke", "name": "Ryan Zinke", "kind": "person", "parent": "us_gov", "office": "Secretary of the Interior",
         "names": ["Ryan Zinke"]},
        {"id": "moon", "name": "Moon Jae-in", "kind": "person", "parent": "kr_gov", "country": "kr",
         "office": "President of South Korea", "names": ["Moon Jae-in"]},
        {"id": "butts", "name": "Gerald Butts", "kind": "person", "parent": "us_gov",
         "office": "Principal Secretary to the Prime Minister", "names": ["Gerald Butts"]},
    ])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sen. Sanders voted no.", [("Sanders", "sanders_b")]),  # the office picks one of two
        ("Senator Sanders voted no.", [("Sanders", "sanders_b")]),
        ("Press Secretary Sanders spoke.", [("Sanders", "sanders_s")]),
        ("Speaker Ryan agreed.", [("Ryan", "ryan")]),  # Ryan is Ryan Zinke's first name: no alias
        ("Ryan said the US would wait.", [("Ryan", "ryan"), ("US", "us")]),  # speech verb + his state
        ("Ryan has said the US would wait.", [("Ryan", "ryan"), ("US", "us")]),
        ("Sen. Sanders spoke. Later Sanders left.", [("Sanders", "sanders_b"), ("Sanders", "sanders_b")]),
    ],
)
def test_titled_surname_resolves(text, expected):
    assert found_mentions(_titled(), text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Sanders said the US would wait.",  # shared surname, no title: unresolved
        "Ryan said he would wait.",  # speech verb, but no actor of his state in the text
        "Ryan went to the US.",  # no title, no speech verb
        "Mr. Sanders voted no.",  # an honorific names anyone
        "Governor Ryan said the US would wait.",  # no Ryan of the registry is a governor
        "Jim Ryan said the US would wait. Speaker Ryan agreed.",  # the text's own Ryan, everywhere
        "PM Butts agreed.",  # his office serves the prime minister: the title does not fit
        "SANDERS SAID THE US WOULD WAIT.",  # shouted: not written as a name
    ],
)
def test_titled_surname_stays_unresolved(text):
    assert [actor for _, actor in found_mentions(_titled(), text) if actor not in ("us",)] == []


def test_titled_surname_of_a_family_name_first_state():
    reg = ActorRegistry.from_dict([
        {"id": "south_korea", "name": "South Korea", "kind": "country", "names": ["South Korea"]},
        {"id": "moon", "name": "Moon Jae-in", "kind": "person", "parent": "south_korea", "country": "south_korea",
         "office": "President of South Korea", "names": ["Moon Jae-in"]},
    ])
    assert found_mentions(reg, "President Moon met them.") == [("Moon", "moon")]
    assert found_mentions(reg, "The Moon said nothing.") == []


def test_titled_surname_on_the_default_registry():
    reg = default_registry()
    assert found_mentions(reg, "Sen. Sanders called the bill a disgrace.") == [("Sanders", "bernie_sanders")]
    assert found_mentions(reg, "Sanders said the bill was a disgrace.") == []  # two registry Sanderses


def test_derived_surname_after_a_locative_preposition_is_a_place():
    reg = _toy()
    assert found_mentions(reg, "Obama said a man was shot in Kerry, Ohio.") == [("Obama", "obama")]
    assert ("Kerry", "kerry") in found_mentions(reg, "Obama praised Kerry.")
    assert ("Kerry", "kerry") in found_mentions(reg, "Obama believed in Kerry's plan.")  # a possessive: the person


def test_given_name_before_a_derived_surname_counts_in_title_case_lines():
    reg = _toy()
    # a list of names and positions, most words capitalised: still another Kerry
    line = "Jennifer Kerry, Associate Professor, Department of English, Barack Obama Visiting Fellow"
    assert ("Kerry", "kerry") not in found_mentions(reg, line)


def test_derived_surname_after_at_is_still_the_person():
    assert ("Kerry", "kerry") in found_mentions(_toy(), "Obama lashed out at Kerry.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trudeau and the Liberals raised taxes in Canada.", "ca_liberal_party"),  # the state the text is about
        ("The Conservatives won the election in Britain.", "gb_conservative_party"),
        ("The Conservatives in Canada chose a leader.", "ca_conservative_party"),
        ("Liberals hate Trump in America.", None),  # the US has no party of that name
        ("The BC Liberals lost in Canada.", None),  # a longer (provincial) name
        ("The Ontario Liberals lost in Canada.", None),
    ],
)
def test_bare_party_nicknames_resolve_to_the_party_of_the_state(text, expected):
    found = [actor for word, actor in found_mentions(default_registry(), text) if word in ("Liberals", "Conservatives")]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i think sen. sanders is wrong. no doubt", [("sanders", "sanders_b")]),  # all lower case: the title decides
        ("i think sanders said the us would wait. no doubt", []),  # no title: a speech verb is not enough
        ("I think Sen. sanders is wrong.", []),  # not a text without any capital
    ],
)
def test_titled_surname_in_text_without_capitals(text, expected):
    assert [(w, a) for w, a in found_mentions(_titled(), text) if a != "us"] == expected


def test_surname_after_a_clerical_title_is_a_cleric_everywhere_in_the_text():
    reg = _toy()
    found = found_mentions(reg, "Obama met Cardinal Kerry in Rome. Later Kerry said the US would pray.")
    assert ("Kerry", "kerry") not in found
    assert ("Obama", "obama") in found
    assert found_mentions(_titled(), "Father Ryan said the US would pray.") == [("US", "us")]
