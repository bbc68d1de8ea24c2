"""Known wrong actor mentions of the world-scale registry (issue 14, fourth pass).

Each fixed fault has a case that failed before the fix and cases where the rule must still
fire or must still not fire.
"""

from __future__ import annotations

import pytest

from actor_helpers import found_mentions as _found


# -- a given name that is also a word, before a person's surname, names another person ----------


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("Delaware Attorney General Beau Biden was deployed to Iraq.", "joe_biden"),
        ("Beau Biden was an original.", "joe_biden"),
        ("Mourners said goodbye to Beau Biden, 46, at the weekend.", "joe_biden"),
        ("The show was hosted by Bill Pruitt and his producer.", "scott_pruitt"),
        ("The rally was opened by Chuck Trump on a hot afternoon.", "trump"),
    ],
)
def test_a_given_name_that_is_a_word_before_a_surname_is_another_person(reg, text, wrong):
    assert [f for f in _found(reg, text) if f[1] == wrong] == [], _found(reg, text)


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("President Biden said the bill would pass.", "Biden", "joe_biden"),
        ("Mr. Biden said the bill would pass.", "Biden", "joe_biden"),
        ("Joe Biden said the bill would pass.", "Joe Biden", "joe_biden"),
        ("Donald J. Trump said the wall would be built.", "Donald J. Trump", "trump"),
        ("Yesterday Biden said the bill would pass.", "Biden", "joe_biden"),
        ("Then Trump said the wall would be built.", "Trump", "trump"),
        ("Will Biden run again in the autumn?", "Biden", "joe_biden"),  # "Will" is no given name here
        ("She said she was glad to have worked with Dick Cheney and Don Rumsfeld.", "Rumsfeld", "donald_rumsfeld"),  # his own name
        ("Hunter Biden is under investigation.", "Hunter Biden", "hunter_biden"),
    ],
)
def test_the_person_is_still_found_after_titles_own_names_and_other_words(reg, text, surface, actor_id):
    assert (surface, actor_id) in [(f[0], f[1]) for f in _found(reg, text)], _found(reg, text)


# -- a person's name with "s" and no apostrophe is the possessive where one can stand ------------


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("Putins army invaded the east.", "Putins", "putin"),
        ("As ISIS only showed up during Obamas term, the point stands.", "Obamas", "obama"),
        ("The Russians undermined Bernies campaign.", "Bernies", "bernie_sanders"),
        ("Much of Assads army is young conscripts.", "Assads", "assad"),
        ("Mueller is 74. Muellers 2017 appointment was a surprise.", "Muellers", "robert_mueller"),  # a number follows
    ],
)
def test_a_possessive_without_apostrophe_names_the_person(reg, text, surface, actor_id):
    found = [m for m in reg.find(text) if text[m.start : m.end] == surface]
    assert [(m.actor_id, m.possessive) for m in found] == [(actor_id, True)], found


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("The Bidens had already been fostering the dog.", "joe_biden"),  # the family
        ("The Muellers want any information about her last days.", "robert_mueller"),
        ("Obamas were everywhere at the party.", "obama"),  # a verb follows: a plural
        ("He did not like Putins.", "putin"),  # nothing follows
        ("Two Putins would be worse.", "putin"),
        ("I read about Putins Russia yesterday.", "putin"),  # a capitalised word follows
    ],
)
def test_a_name_with_s_is_no_possessive_after_a_determiner_or_before_a_verb(reg, text, wrong):
    assert [f for f in _found(reg, text) if f[1] == wrong] == [], _found(reg, text)


def test_the_trumps_are_the_family(reg):
    text = "Lara Trump denied that the Trumps had paid anyone to stay quiet."
    assert ("Trumps", "trump_family") in _found(reg, text)
    assert ("Trumps", "trump") not in _found(reg, text)


def test_a_possessive_without_apostrophe_after_the_persons_own_name_names_them_once(reg):
    text = "Why is it that Hillary Clintons family is never looked at?"
    assert [f[1] for f in _found(reg, text)].count("hillary_clinton") == 1, _found(reg, text)
