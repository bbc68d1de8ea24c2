"""Wrong and missed actor mentions found by reading real text outside the gold sample (issue 14).

Each class of fault has sentences like the ones read (PTC articles, NewsMTSC, Civil Comments,
Reddit) that failed before the fix, and sentences where the actor must still be found.
"""

from __future__ import annotations

import pytest

from actor_helpers import found_mentions as _found


# -- rule "dateline": the city a report was filed from is a place --------------------------------


@pytest.mark.parametrize(
    "text, surface",
    [
        ("WASHINGTON — Lawmakers expect a floor vote on the measure this week.", "WASHINGTON"),
        ("WASHINGTON -- President Barack Obama unveils the proposal today.", "WASHINGTON"),
        ("WASHINGTON– Mississippi voters went to the polls on Tuesday.", "WASHINGTON"),
        ("LONDON — Prime Minister David Cameron gathered his cabinet on Monday.", "LONDON"),
        ("BEIJING: The US embassy in China warned travellers about the smog.", "BEIJING"),
        ("KINSHASA, Congo -- Health officials in Congo confirmed new cases on Friday.", "KINSHASA"),
        ("WASHINGTON (Reuters) - The Pentagon said on Monday it had no comment.", "WASHINGTON"),
        ("Trump calls on Sessions to end the probe\nWASHINGTON — President Donald Trump called.", "WASHINGTON"),
    ],
)
def test_a_dateline_is_where_the_report_was_filed_not_the_government(reg, text, surface):
    assert surface not in [s for s, _ in _found(reg, text)], _found(reg, text)


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("Washington — not Moscow — decides what happens next.", "Washington", "united_states"),
        ("We all know WASHINGTON - they lie to us.", "WASHINGTON", "united_states"),
        ("Moscow said on Monday it would respond.", "Moscow", "russia"),
        ("Officials in Beijing said. BEIJING has denied it.", "BEIJING", "china"),
    ],
)
def test_a_capital_elsewhere_is_still_its_government(reg, text, surface, actor_id):
    assert (surface, actor_id) in _found(reg, text), _found(reg, text)


# -- Native Americans are a people of their own, not the United States --------------------------


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Have you read how the US treated the Native Americans back then?", "Native Americans"),
        ("Native Americans hold the land sacred; it has thousands of sites.", "Native Americans"),
        ("For years she said she had Native American ancestry.", "Native American"),
        ("Hillary Clinton spoke to a gathering of American Indians in Arizona.", "American Indians"),
    ],
)
def test_native_americans_are_a_group_not_the_state(reg, text, surface):
    found = _found(reg, text)
    assert (surface, "native_americans") in found, found
    assert not any(a in ("united_states", "india") and s in surface for s, a in found), found


def test_native_born_americans_are_still_americans(reg):
    text = "Since 2017 native Americans gained 2.4 million jobs and native-born Americans more."
    assert [a for _, a in _found(reg, text)] == ["united_states", "united_states"], _found(reg, text)


# -- rule "embedded" in headlines: a given name before a surname is another person ---------------


@pytest.mark.parametrize(
    "text",
    [
        "Eric Trump Says His Father Will Win Again",
        "Eric Trump: My Father Is Not A Racist",
        "Hunter Biden and Eric Trump met Fred Trump and Ivanka Trump.",  # taken for a headline
    ],
)
def test_a_given_name_before_a_surname_in_a_headline_is_another_person(reg, text):
    assert "trump" not in [a for _, a in _found(reg, text)], _found(reg, text)


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("Donald Trump Says He Will Run Again", "Donald Trump", "trump"),
        ("Iran Says Trump Will Lose The Trade War", "Trump", "trump"),
        ("Bill Clinton Says Hillary Will Win Iowa", "Hillary", "hillary_clinton"),
    ],
)
def test_the_person_in_a_headline_is_still_found(reg, text, surface, actor_id):
    assert (surface, actor_id) in _found(reg, text), _found(reg, text)


# -- discovery: a registry name a context rule dropped is no unknown name ------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("WASHINGTON — Lawmakers plan to take up the measure on Thursday.", "WASHINGTON"),
        ("LONDON — Prime Minister David Cameron gathered his cabinet on Monday.", "LONDON"),
        ("The POS occupying the White House will be gone soon.", "White House"),
        ("He was residing in the White House with his family.", "White House"),
        ("With this crowd in Ottawa they would surely make a fortune.", "Ottawa"),
        ("Officials met at the Paris conference on Monday.", "Paris"),
    ],
)
def test_a_registry_name_dropped_by_a_context_rule_is_no_candidate(reg, text, name):
    from discourse.actors.discovery import find_candidates, unmatched_summary, candidate_rows
    from discourse.text import Doc

    doc = Doc(text)
    assert name not in [c.text for c in find_candidates(doc, reg.find(doc))]
    rows = candidate_rows([("c1", doc, reg.find(doc))] * 10)
    assert name not in [r["name"] for r in unmatched_summary(rows, 10)["frequent"]]


def test_unknown_names_around_a_dropped_name_are_still_candidates(reg):
    from discourse.actors.discovery import find_candidates
    from discourse.text import Doc

    doc = Doc("Michael Jordan and Danny Davis met in Ottawa with the Qarnak Front.")
    assert [c.text for c in find_candidates(doc, reg.find(doc))] == ["Michael Jordan", "Danny Davis", "Qarnak Front"]


def test_dropped_names_are_those_of_the_registry_that_found_the_mentions(reg):
    """Each registry keeps what its own context rules dropped: a registry that does not know
    Ottawa still offers it as a candidate after the default registry has read the same Doc."""
    from discourse.actors import ActorRegistry
    from discourse.actors.discovery import candidate_rows, find_candidates
    from discourse.text import Doc

    small = ActorRegistry.from_dict([{"id": "qarnak", "name": "Qarnak Front", "kind": "armed_group", "names": ["Qarnak Front"]}])
    doc = Doc("He stayed in Ottawa with the Qarnak Front.")
    assert reg.dropped_spans(doc) == ()  # not read yet
    small_mentions = small.find(doc)  # read by the small registry first, then by the default one
    assert [c.text for c in find_candidates(doc, registry=reg)] == ["Qarnak Front"]
    assert reg.dropped_spans(doc) == ((13, 19),)
    assert small.dropped_spans(doc) == ()
    assert [c.text for c in find_candidates(doc, small_mentions, small)] == ["Ottawa"]
    rows = candidate_rows([("c1", doc, small_mentions)], registry=small)
    assert [r["name"] for r in rows] == ["Ottawa"]


# -- rule "language": a demonym naming a language is not the state --------------------------------


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Mr. Nowak said that his cousin did not speak Polish.", "Polish"),
        ("Born in Montreal, he had better speak French, or he is a fool!", "French"),
        ("He yelled at two women who were speaking Spanish in a Manhattan diner.", "Spanish"),
        ("Most of the queries that week were typed in Spanish.", "Spanish"),
        ("They speak French, and English too, so they get the best posts.", "French"),
        ("She is fluent in Russian and reads the papers daily.", "Russian"),
        ("The book was translated into Spanish.", "Spanish"),
    ],
)
def test_a_demonym_naming_a_language_is_not_the_state(reg, text, surface):
    assert surface not in [s for s, _ in _found(reg, text)], _found(reg, text)


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("She teaches Russian, U.S. and Canadian diplomatic history.", "Russian", "russia"),
        ("Putin tried interfering in French or German elections.", "French", "france"),
        ("I tutor Indian and Canadian students in maths.", "Indian", "india"),
        ("We learned Russian tactics the hard way.", "Russian", "russia"),
        ("The Russians speak of a Russian victory.", "Russian", "russia"),
    ],
)
def test_a_demonym_of_the_state_near_such_words_stays(reg, text, surface, actor_id):
    assert (surface, actor_id) in _found(reg, text), _found(reg, text)
