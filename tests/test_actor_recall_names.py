"""Name forms added for actor-mention recall (issue 14, fourth pass): two-word surnames derived
from a person's name (*Wasserman Schultz*, *Huckabee Sanders*).

Each form has cases where it must be found and cases where it must not; they use small
registries so that they test the rule, not the bundled gazetteer.
"""

from __future__ import annotations

from discourse.actors import ActorRegistry
from discourse.actors.surnames import compound_surname_aliases
from actor_helpers import found_mentions


def _toy() -> ActorRegistry:
    return ActorRegistry.from_dict([
        {"id": "dws", "name": "Debbie Wasserman Schultz", "kind": "person", "names": ["Debbie Wasserman Schultz"]},
        {"id": "shs", "name": "Sarah Huckabee Sanders", "kind": "person", "names": ["Sarah Huckabee Sanders"]},
        {"id": "huck", "name": "Mike Huckabee", "kind": "person", "names": ["Mike Huckabee"]},
        {"id": "jps", "name": "John Paul Stevens", "kind": "person", "names": ["John Paul Stevens"]},
        {"id": "ryan", "name": "Paul D. Ryan", "kind": "person", "names": ["Paul D. Ryan"]},
        {"id": "lula", "name": "Luiz Inacio Lula da Silva", "kind": "person", "names": ["Luiz Inacio Lula da Silva"]},
        {"id": "kim", "name": "Kim Jong Un", "kind": "person", "country": "north_korea", "names": ["Kim Jong Un"]},
        {"id": "north_korea", "name": "North Korea", "kind": "country", "names": ["North Korea"]},
        {"id": "a1", "name": "Ann Grey Hollis", "kind": "person", "names": ["Ann Grey Hollis"]},
        {"id": "a2", "name": "Bob Grey Hollis", "kind": "person", "names": ["Bob Grey Hollis"]},
    ])


def test_two_word_surname_is_found_without_context():
    reg = _toy()
    # a sentence that names no other actor: the pair needs no state in the text
    assert found_mentions(reg, "Wasserman Schultz said it was over.") == [("Wasserman Schultz", "dws")]
    assert found_mentions(reg, "Ms. Huckabee Sanders's briefing ran late.") == [("Huckabee Sanders", "shs")]
    # hyphenated as one word ("Huckabee-Sanders") is read piece by piece, like every alias
    assert found_mentions(reg, "his mouthpiece Huckabee-Sanders spins") == [("Huckabee-Sanders", "shs")]
    # the full name still wins (longest alias)
    assert found_mentions(reg, "Debbie Wasserman Schultz resigned.") == [("Debbie Wasserman Schultz", "dws")]


def test_two_word_surname_not_derived_from_given_names_initials_particles_or_shared_pairs():
    pairs = {a.text for _, a in compound_surname_aliases(_toy())}
    assert "Paul Stevens" not in pairs      # "Paul" is a given name (first name of a registry person)
    assert "D. Ryan" not in pairs           # an initial
    assert "da Silva" not in pairs          # a lower-case particle
    assert "Jong Un" not in pairs           # family name first: "Jong Un" is the given name
    assert "Grey Hollis" not in pairs       # two persons share the pair
    assert pairs == {"Wasserman Schultz", "Huckabee Sanders"}
    reg = _toy()
    assert found_mentions(reg, "Justice Paul Stevens wrote it.") == []
    # "Huckabee" alone stays with its own rules (shared with Mike Huckabee: no alias)
    assert found_mentions(reg, "Huckabee said so.") == []


def test_two_word_surname_is_not_a_derived_one_word_surname():
    reg = _toy()
    assert "Wasserman Schultz" in {a.text for _, a in reg.derived_aliases}
    assert "Wasserman Schultz" not in reg.derived_surnames  # no state-context rule for the pair


def test_regnal_name_has_no_surname():
    from discourse.actors import Actor
    from discourse.actors.surnames import surname_index, surname_of

    assert surname_of("John Paul II") is None           # a pope's regnal name: "Paul" is no surname
    assert surname_of("Martin Luther King III") == "King"  # a numeral after a surname keeps it
    people = [Actor("rp", "Rand Paul", "person", ("Rand Paul",)),
              Actor("jp2", "Pope John Paul II", "person", ("John Paul II",))]
    assert surname_index(people) == {"paul": ("rp",)}
    reg = ActorRegistry.from_dict([
        {"id": "rp", "name": "Rand Paul", "kind": "person", "parent": "united_states", "names": ["Rand Paul"]},
        {"id": "jp2", "name": "Pope John Paul II", "kind": "person", "names": ["John Paul II"]},
        {"id": "united_states", "name": "United States", "kind": "country", "names": ["United States"]},
    ])
    # rule "titled surname", speech-verb half: one owner of "Paul", so it resolves in a US text
    assert ("Paul", "rp") in found_mentions(reg, "The United States will act, Paul said.")


def _services() -> ActorRegistry:
    return ActorRegistry.from_dict([
        {"id": "united_states", "name": "United States", "kind": "country", "names": ["United States", "US"]},
        {"id": "us_military", "name": "US military", "kind": "agency", "parent": "united_states",
         "names": ["US military", "US Army", "US Navy", "US Air Force"]},
        {"id": "russia", "name": "Russia", "kind": "country", "names": ["Russia"]},
        {"id": "russian_military", "name": "Russian military", "kind": "agency", "parent": "russia",
         "names": ["Russian military", "Russia Navy"]},
    ])


def test_bare_armed_service_is_the_service_of_the_state_of_the_text():
    reg = _services()
    assert found_mentions(reg, "The United States will act. My daughter joined the Army.")[-1] == ("Army", "us_military")
    assert found_mentions(reg, "Russia warned. The Navy sent ships.")[-1] == ("Navy", "russian_military")
    assert ("Navy", "us_military") in found_mentions(reg, "The US honored the widow of a slain Navy SEAL.")
    assert ("Army", "us_military") in found_mentions(reg, "The US sent Army General Mark Milley.")  # a title after it


def test_bare_armed_service_not_in_a_longer_name_nor_without_a_state():
    reg = _services()
    assert found_mentions(reg, "My daughter joined the Army.") == []  # no state in the text
    us = "The United States will act. "
    assert found_mentions(reg, us + "He boarded Air Force One.") == [("United States", "united_states")]
    assert found_mentions(reg, us + "The Navy Yard suspect was named.") == [("United States", "united_states")]
    assert found_mentions(reg, us + "He met a general of the Vietnam People's Army.") == [("United States", "united_states")]
    assert found_mentions(reg, us + "The Salvation Army helped.") == [("United States", "united_states")]
