"""Known wrong actor mentions of the world-scale registry (issue 14, precision pass).

Each fixed fault has a case that failed before the fix and cases where the rule must still
fire. Small registries test the rules; the bundled registry is used where the fault was in its
data (an alias, a missing fact).
"""

from __future__ import annotations

import pytest

from discourse.actors import ActorRegistry
from discourse.actors.loading import apply_layers, parse_registry_data
from discourse.actors.surnames import family_name_first, ministry_variant
from discourse.errors import LexiconError
from actor_helpers import found_mentions


def _found(reg: ActorRegistry, text: str) -> list[tuple[str, str, str]]:
    """``(surface, actor id, alias)`` of every mention."""
    return [(text[m.start : m.end], m.actor_id, m.alias) for m in reg.find(text)]


# -- 1. a mention's alias is one of its actor's --------------------------------------------------


@pytest.mark.parametrize("text", ["RUSSIA PENTAGON", "Russia Pentagon", "Russia's White House said"])
def test_proper_name_of_one_states_institution_is_not_given_to_another_state(reg, text):
    found = _found(reg, text)
    assert not [f for f in found if f[1] == "russia_government"], found
    assert [f for f in found if f[1] in ("pentagon", "white_house")], found


def test_kind_of_institution_still_goes_to_the_named_state(reg):
    assert ("Congress", "peru_government", "Congress") in _found(reg, "Peru's unicameral Congress voted.")


# -- 2. the span covers the alias -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "actor_id"),
    [
        ("the Foreign Office said", "Foreign Office", "uk_foreign_office"),
        ("the Justice Department said", "Justice Department", "us_doj"),
        ("DR Congo's health ministry", "DR Congo", "congo"),
    ],
)
def test_title_words_are_part_of_an_institutions_name(reg, text, surface, actor_id):
    assert (surface, actor_id) in found_mentions(reg, text)


def test_titles_are_left_out_of_a_persons_span_whole():
    toy = ActorRegistry.from_dict([
        {"id": "t", "name": "Donald Trump", "kind": "person", "names": ["President-elect Trump", "Prime Minister Trump"]},
        {"id": "fo", "name": "Foreign Office", "kind": "government", "names": ["Foreign Office"]},
    ])
    assert found_mentions(toy, "President-elect Trump met the Foreign Office.") == [("Trump", "t"), ("Foreign Office", "fo")]
    assert found_mentions(toy, "Prime Minister Trump") == [("Trump", "t")]


# -- 3. generic ministry names ----------------------------------------------------------------------


def test_generic_ministry_without_a_state_is_no_mention(reg):
    assert found_mentions(reg, "The Ministry of Defence said the drill was over.") == []


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Russia warned again. The Ministry of Defence said so.", "russian_military"),
        ("Britain warned again. The Defence Ministry said so.", "uk_ministry_of_defence"),
        ("Austria warned again. The Ministry of Defence said so.", "austria_ministry_of_defence"),
        ("Russia warned again. The Foreign Ministry said so.", "russia_foreign_ministry"),
    ],
)
def test_generic_ministry_goes_to_the_texts_state(reg, text, actor_id):
    assert [a for s, a in found_mentions(reg, text) if "Ministry" in s] == [actor_id]


def test_generic_ministry_of_a_state_without_one_is_dropped(reg):
    # Israel has no Ministry of Intelligence in the registry: not Iran's
    found = found_mentions(reg, "the head of the Israeli Ministry of Intelligence said")
    assert all(a != "iran_ministry_of_intelligence" for _, a in found), found


def test_generic_name_in_a_toy_registry():
    toy = ActorRegistry.from_dict([
        {"id": "aa", "name": "Aland", "kind": "country", "names": ["Aland"], "demonyms": ["Alandic"]},
        {"id": "bb", "name": "Borduria", "kind": "country", "names": ["Borduria"]},
        {"id": "aa_mod", "name": "Ministry of Defence", "kind": "agency", "parent": "aa",
         "names": ["Ministry of Defence", "Alandic Ministry of Defence"]},
    ])
    assert found_mentions(toy, "The Ministry of Defence said.") == []
    assert found_mentions(toy, "Borduria: the Ministry of Defence said.") == [("Borduria", "bb")]
    assert ("Defence Ministry", "aa_mod") in found_mentions(toy, "Aland: the Defence Ministry said.")


def test_ministry_variant():
    assert ministry_variant("foreign ministry") == "ministry of foreign"
    assert ministry_variant("ministry of the interior") == "interior ministry"
    assert ministry_variant("ministry of foreign affairs") is None  # two words: no short form
    assert ministry_variant("senate") is None


def test_no_registry_alias_is_a_generic_ministry_name_left_unlisted(reg):
    """Audit: a registry alias of the form "Ministry of X" / "X Ministry" with no state's name in
    it is one of the generic names of ``actor_rules.toml`` (else it would name one state)."""
    import re

    from discourse.actors.rules import actor_rules

    generic = actor_rules().bare_generic
    state_words = {w for a in reg if a.kind in ("country", "territory") for al in a.aliases for w in al.text.lower().split()}
    loose = []
    for actor in reg:
        for alias in actor.aliases:
            text = " ".join(alias.text.lower().split())
            if re.fullmatch(r"(the )?(ministry of( the)? [a-z ]+|[a-z]+ ministry)", text) and not set(text.split()) & state_words:
                if text.removeprefix("the ") not in generic:
                    loose.append((actor.id, alias.text))
    assert loose == []


# -- 4. [[extend]] carries facts ------------------------------------------------------------------


def test_extend_fills_in_missing_facts_and_keeps_present_ones():
    base = parse_registry_data({"actors": [
        {"id": "k", "name": "Kim", "kind": "person", "names": ["Kim Jong Un"], "office": "Leader"}]}).actors
    layer = parse_registry_data({"extend": [
        {"id": "k", "names": ["Kim Jong-un"], "country": "north_korea", "since": 2011, "office": "Other"}]})
    (kim,) = apply_layers(base, [layer])
    assert (kim.country, kim.since, kim.office) == ("north_korea", 2011, "Leader")
    assert [a.text for a in kim.aliases] == ["Kim Jong Un", "Kim Jong-un"]


def test_extend_still_rejects_other_fields():
    with pytest.raises(LexiconError, match="parent"):
        parse_registry_data({"extend": [{"id": "k", "parent": "x"}]})


def test_seed_actors_get_the_gazetteers_facts(reg):
    assert reg["kim_jong_un"].country == "north_korea"
    assert reg["putin"].country == "russia" and reg["putin"].office == "President of Russia"
    assert reg["ban_ki_moon"].country == "south_korea"
    assert reg.root("kim_jong_un") == "north_korea"  # the seed's parent is kept


# -- 5. family name first; shared surnames ----------------------------------------------------------


def test_family_name_first_from_the_parent_chain():
    reg = ActorRegistry.from_dict([
        {"id": "north_korea", "name": "North Korea", "kind": "country", "names": ["North Korea"]},
        {"id": "nkg", "name": "North Korean government", "kind": "government", "parent": "north_korea", "names": ["Pyongyang"]},
        {"id": "kim", "name": "Kim Jong Un", "kind": "person", "parent": "nkg", "names": ["Kim Jong Un"]},
        {"id": "un_sg", "name": "Ban Ki Moon", "kind": "person", "names": ["Ban Ki Moon"]},
    ])
    assert family_name_first(reg) == frozenset({"kim"})


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Ban Ki Moon said. Moon added.", "Moon"),
        ("Moon said the talks were over.", "Moon"),
        ("Sanders said no.", "Sanders"),
        ("Kim said no. North Korea agreed.", "Kim"),
    ],
)
def test_given_name_or_shared_surname_alone_is_no_mention(reg, text, absent):
    assert absent not in [s for s, _ in found_mentions(reg, text)]


def test_moon_is_not_ban_ki_moon(reg):
    # a given name: Ban's family name is Ban. (Moon Jae-in after a speech verb is rule "titled
    # surname": the only registry person surnamed Moon, and the text names a South Korean.)
    found = found_mentions(reg, "Ban Ki-moon spoke. Later Moon said it.")
    assert ("Moon", "ban_ki_moon") not in found and ("Ban Ki-moon", "ban_ki_moon") in found


def test_family_name_is_the_surname_of_a_family_name_first_person(reg):
    assert ("Ban", "ban_ki_moon") in found_mentions(reg, "Ban Ki-moon said it. Ban added more.")
    assert ("Moon", "moon_jae_in") in found_mentions(reg, "Moon Jae-in spoke. Moon said more.")


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Bill Clinton spoke. Clinton said more.", "bill_clinton"),  # was hillary_clinton
        ("Chris Cuomo asked. Cuomo said more.", "chris_cuomo"),  # was andrew_cuomo
        ("Hillary Clinton and Bill Clinton came. Clinton said more.", "hillary_clinton"),  # owner named
        ("Ivanka Trump spoke. Trump said more.", "trump"),  # a head of state keeps the bare surname
        ("Clinton said more.", "hillary_clinton"),
    ],
)
def test_written_surname_yields_to_the_person_named_in_full(reg, text, actor_id):
    surname = text.split(" said")[0].split()[-1]
    assert [a for s, a in found_mentions(reg, text) if s == surname][-1] == actor_id
