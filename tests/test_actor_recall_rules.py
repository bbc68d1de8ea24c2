"""Context rules added for actor-mention recall (issue 14, second pass): "partial name", top
office holders by surname alone, and "House" as a modifier of parliamentary business.

Each rule has cases where it must fire and cases where it must not; they use small registries
so that they test the rule, not the bundled gazetteer.
"""

from __future__ import annotations

from discourse.actors import ActorRegistry
from discourse.actors.rules import actor_rules
from actor_helpers import found_mentions


def _toy() -> ActorRegistry:
    return ActorRegistry.from_dict([
        {"id": "united_states", "name": "United States", "kind": "country", "names": ["United States", "US"]},
        {"id": "us_gov", "name": "US government", "kind": "government", "parent": "united_states", "names": ["US government"]},
        {"id": "congress", "name": "US Congress", "kind": "government", "parent": "united_states", "names": ["US Senate", "US House"]},
        {"id": "canada", "name": "Canada", "kind": "country", "names": ["Canada"]},
        {"id": "ca_gov", "name": "Government of Canada", "kind": "government", "parent": "canada", "names": ["Ottawa government"]},
        {"id": "ru", "name": "Ruritania", "kind": "country", "names": ["Ruritania"]},
        {"id": "ru_gov", "name": "Government of Ruritania", "kind": "government", "parent": "ru", "names": ["Ruritanian government"]},
        {"id": "australia", "name": "Australia", "kind": "country", "names": ["Australia"]},
        {"id": "au_gov", "name": "Government of Australia", "kind": "government", "parent": "australia", "names": ["Canberra government"]},
        {"id": "clinton", "name": "Bill Clinton", "kind": "person", "parent": "us_gov", "names": ["Bill Clinton"]},
        {"id": "gates", "name": "Melinda Gates", "kind": "person", "parent": "us_gov", "names": ["Melinda Gates"]},
        {"id": "bill_other", "name": "Bill Frist", "kind": "person", "parent": "us_gov", "names": ["Bill Frist"]},
        {"id": "hurd", "name": "Will Hurd", "kind": "person", "parent": "us_gov", "names": ["Will Hurd"]},
        {"id": "pope", "name": "Pope Francis", "kind": "person", "parent": "us_gov", "names": ["Pope Francis"]},
        {"id": "turnbull", "name": "Malcolm Turnbull", "kind": "person", "parent": "au_gov",
         "office": "Prime Minister of Australia", "names": ["Malcolm Turnbull", "Turnbull"]},
        {"id": "trump", "name": "Donald Trump", "kind": "person", "parent": "us_gov", "names": ["Donald Trump"]},
        {"id": "harper", "name": "Stephen Harper", "kind": "person", "parent": "ca_gov",
         "office": "Prime Minister of Canada", "names": ["Stephen Harper"]},
        {"id": "cochran", "name": "Thad Cochran", "kind": "person", "parent": "us_gov",
         "office": "Senator from Mississippi", "names": ["Thad Cochran"]},
        {"id": "zorin", "name": "Ivan Zorinsky", "kind": "person", "parent": "ru_gov",
         "office": "Prime Minister of Ruritania", "names": ["Ivan Zorinsky"]},
        {"id": "ryan", "name": "Paul Ryan", "kind": "person", "parent": "congress",
         "office": "Speaker of the House of Representatives", "names": ["Paul Ryan"]},
        {"id": "wilson", "name": "Harold Wilson", "kind": "person", "parent": "us_gov",
         "office": "President of the United States", "names": ["Harold Wilson"]},
    ])


# --- rule "partial name" ------------------------------------------------------------------------

def test_partial_name_resolves_a_given_name_or_a_name_word_after_the_person():
    reg = _toy()
    assert found_mentions(reg, "Bill Clinton spoke on trade. Later on, Bill and his wife met the press.") == [
        ("Bill Clinton", "clinton"), ("Bill", "clinton")]
    # the matcher reports "Pope Francis" as the name after the title
    assert found_mentions(reg, "Pope Francis wrote a letter. In it, Francis asked for calm.") == [
        ("Francis", "pope"), ("Francis", "pope")]
    # a person named by a one-word alias: the given name resolves too
    assert ("Malcolm", "turnbull") in found_mentions(reg, "Turnbull was ousted. I think Malcolm knew it.")


def test_partial_name_in_an_earlier_sentence_but_not_inside_the_same_name():
    reg = _toy()
    assert found_mentions(reg, "I think Malcolm may try it. Turnbull is weak.") == [
        ("Malcolm", "turnbull"), ("Turnbull", "turnbull")]
    # the rest of a name split by an aside is not a second mention
    assert ("Donald", "trump") not in found_mentions(reg, "Donald (the loser) Trump lost.")


def test_partial_name_left_alone_when_shared_or_part_of_another_name():
    reg = _toy()
    # two persons of the text are called Bill
    assert found_mentions(reg, "Bill Clinton and Bill Frist met. Later on, Bill left.") == [
        ("Bill Clinton", "clinton"), ("Bill Frist", "bill_other")]
    # a capitalised word after it: another person's name
    assert ("Bill", "clinton") not in found_mentions(reg, "Bill Clinton spoke. Later on, Bill Maher laughed.")
    # a name word before it: the text speaks of another Malcolm too, so none resolves
    found = found_mentions(reg, "Malcolm Turnbull won. Later on, Janet Malcolm said Malcolm was wrong.")
    assert ("Malcolm", "turnbull") not in found
    # after a saint's or cleric's title: another person of that name
    assert found_mentions(reg, "Pope Francis wrote a letter. In it, St. Francis was quoted.") == [("Francis", "pope")]
    # an ordinary English word capitalised only because it opens the sentence
    assert found_mentions(reg, "Will Hurd spoke on Monday. Will they vote for him?") == [("Will Hurd", "hurd")]


# --- top office holders by surname ----------------------------------------------------------------

def test_top_office_holder_of_an_english_speaking_democracy_needs_no_state_in_the_text():
    reg = _toy()
    assert "canada" in actor_rules().top_office_states
    assert found_mentions(reg, "Harper won three elections.") == [("Harper", "harper")]
    # not a top office: the state must be named, as before
    assert found_mentions(reg, "Cochran lost.") == []
    assert found_mentions(reg, "Cochran lost in the US.") == [("Cochran", "cochran"), ("US", "united_states")]
    # a top office of another state: the state must be named
    assert found_mentions(reg, "Zorinsky lost.") == []
    assert found_mentions(reg, "Zorinsky lost in Ruritania.") == [("Zorinsky", "zorin"), ("Ruritania", "ru")]


def test_speech_verb_surname_of_a_top_office_holder_unless_the_surname_is_frequent():
    reg = _toy()
    assert found_mentions(reg, "Reprising comments, Ryan said: this is a process.") == [("Ryan", "ryan")]
    assert "wilson" in actor_rules().common_surnames
    assert found_mentions(reg, "Wilson said he was hurt.") == []


# --- "House" without "the" -------------------------------------------------------------------------

def test_house_before_a_noun_of_parliamentary_business_is_the_chamber():
    reg = _toy()
    assert found_mentions(reg, "The memo said 40 House offices were hacked in the US.") == [
        ("House", "congress"), ("US", "united_states")]
    assert found_mentions(reg, "A House vote is due, the US says.") == [("House", "congress"), ("US", "united_states")]


def test_house_without_the_before_other_words_is_not_the_chamber():
    reg = _toy()
    assert found_mentions(reg, "House prices rose in the US.") == [("US", "united_states")]
    assert found_mentions(reg, "House of Cards aired in the US.") == [("US", "united_states")]
    assert found_mentions(reg, "House music is big in the US.") == [("US", "united_states")]
    # no state in the text: unresolved, dropped
    assert found_mentions(reg, "The memo said 40 House offices were hacked.") == []
