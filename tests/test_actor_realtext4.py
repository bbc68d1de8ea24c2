"""Actor mentions found wrongly in a fourth reading of real text (issue 14, round 4: precision).

About 200 mentions the library found in the shared corpora were read; each class fixed here has
sentences like the ones read (written for these tests, not copied from the corpora) that failed
before the fix, and sentences where the reading must stay as it was.
"""

from __future__ import annotations

import pytest

from actor_helpers import found_mentions as _found
from discourse.actors import ActorRegistry


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.default()


# -- rule "government compound": a head's name before "government", "regime"... ----------------


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("Voters finally turned on the Harper government last fall.", "Harper government", "canada_government"),
        ("Nobody trusted the Harper Government with the pension money.", "Harper Government", "canada_government"),
        ("The Maduro regime jailed another two reporters this week.", "Maduro regime", "venezuela_government"),
        ("Labor senators pressed the Turnbull government on coal.", "Turnbull government", "australia_government"),
        ("Critics say the Modi government has failed young workers.", "Modi government", "india_government"),
        ("Eight years of the Obama regime left the border wide open.", "Obama regime", "white_house"),
        ("Half of the Trump cabinet owns oil stocks, Bob.", "Trump cabinet", "white_house"),
        ("She drafted trade rules in the Reagan administration for years.", "Reagan administration", "white_house"),
    ],
)
def test_government_compound_is_the_government(registry: ActorRegistry, text: str, surface: str, actor_id: str) -> None:
    found = _found(registry, text)
    assert (surface, actor_id) in found
    assert not [f for f in found if f[1] != actor_id], found  # the head alone is not read too


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("Harper's government cut the science budget in Canada.", "Harper", "stephen_harper"),  # possessive
        ("Ask Trump, government workers are not paid this month.", "Trump", "trump"),  # a comma between
        ("Harper said government debt would fall in Canada.", "Harper", "stephen_harper"),  # not one name
        ("Under a Bernie Sanders administration, Vermont farmers would thrive.", "Bernie Sanders", "bernie_sanders"),  # no head
    ],
)
def test_government_compound_leaves_other_uses(registry: ActorRegistry, text: str, surface: str, actor_id: str) -> None:
    assert (surface, actor_id) in _found(registry, text)


def test_government_compound_mention_fields(registry: ActorRegistry) -> None:
    text = "Blame the Turnbull government for that, mate."
    (m,) = registry.find(text)
    assert (m.start, m.end, m.alias, m.possessive) == (10, 29, "Turnbull government", False)
    assert text[m.start : m.end] == "Turnbull government"
    assert m.token_end - m.token_start == 2


# -- rule "language": a demonym before a noun of language, or joined to one ----------------------


@pytest.mark.parametrize(
    "text, surface",
    [
        ("She picked up a rare French-language pamphlet at a flea market in Ohio.", "French"),
        ("The bishop now leads the German-speaking dioceses near Canada.", "German"),
        ("Have you finished your Russian lessons yet, comrade Bob?", "Russian"),
        ("My aunt was a math and French language teacher in Ohio.", "French"),
        ("The Greek word for it means to throw two things together.", "Greek"),
        ("The call centre bot answered me in a fake American accent.", "American"),
    ],
)
def test_language_noun_is_no_state(registry: ActorRegistry, text: str, surface: str) -> None:
    assert surface not in [s for s, _ in _found(registry, text)]


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("Bill Clinton took Russian speaking fees, the senator said.", "Russian", "russia"),  # plain "speaking"
        ("Mali says the French veto was a betrayal.", "French", "france"),
        ("The Russian-backed rebels shelled the town again.", "Russian", "russia"),  # a compound of no language
        ("Canada's French policy, Bob, is a mess.", "French", "france"),
    ],
)
def test_language_rule_leaves_the_state(registry: ActorRegistry, text: str, surface: str, actor_id: str) -> None:
    assert (surface, actor_id) in _found(registry, text)


# -- rule "embedded": a place prefix before a country's name, also in a capitalised list ----------


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Thousands of families fled the drought in Central America last spring.", "America"),
        ("The Central American caravan reached the border town on Sunday.", "American"),
        ("The firm sells in Asia, South America, Cuba, India, Korea and Chile.", "America"),
        ("Fishing boats crowd the South China Sea every June.", "China"),
    ],
)
def test_place_prefix_before_a_country_is_another_place(registry: ActorRegistry, text: str, surface: str) -> None:
    assert surface not in [s for s, _ in _found(registry, text)]


@pytest.mark.parametrize(
    "text, surface, actor_id",
    [
        ("Officials from Russia and Central Asia met in Astana.", "Russia", "russia"),
        ("Leaders of South Korea and China met in Seoul.", "China", "china"),
        ("Farmers in America rejected the trade deal.", "America", "united_states"),
    ],
)
def test_place_prefix_rule_leaves_the_state(registry: ActorRegistry, text: str, surface: str, actor_id: str) -> None:
    assert (surface, actor_id) in _found(registry, text)


# -- rule "abbreviation by state": "CPC" in a Canadian text ------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Young voters will never leave Trudeau for the CPC, Bob.",
        "Trudeau and the CPC leader both held pricey fundraisers this spring.",
    ],
)
def test_cpc_in_a_canadian_text_is_the_conservative_party(registry: ActorRegistry, text: str) -> None:
    assert ("CPC", "ca_conservative_party") in _found(registry, text)


@pytest.mark.parametrize(
    "text",
    [
        "The CPC Central Committee met in Beijing on Monday.",
        "Xi told the CPC congress that China would never yield.",
        "Canada asked China why the CPC detained two of its citizens.",  # both states: the registry's
        "The CPC was founded in 1921.",  # no state named: the registry's
    ],
)
def test_cpc_elsewhere_stays_the_communist_party(registry: ActorRegistry, text: str) -> None:
    found = _found(registry, text)
    assert ("CPC", "ca_conservative_party") not in found


def test_abbreviation_by_state_names_registry_actors(registry: ActorRegistry) -> None:
    from discourse.actors.rules import actor_rules

    table = actor_rules().abbreviation_by_state
    assert table  # the bundled file has entries
    for abbreviation, actor_id in table.items():
        assert actor_id in registry, actor_id
        owners = [a.id for a in registry.actors() for alias in a.aliases if alias.text == abbreviation]
        assert owners and actor_id not in owners, (abbreviation, owners)


# -- rule "outlet short name": "the Globe" where the text is about news -----------------------


@pytest.mark.parametrize(
    "text",
    [
        "Why does the Globe keep printing these editorials, Bob?",
        "The Globe's columnists missed the rural vote entirely.",
        "I was censored again by the Globe this morning.",
    ],
)
def test_the_globe_in_a_text_about_news_is_the_globe_and_mail(registry: ActorRegistry, text: str) -> None:
    assert ("Globe", "globe_and_mail") in _found(registry, text)


@pytest.mark.parametrize(
    "text",
    [
        "Readers around the Globe sent us letters this week.",  # the planet
        "The Globe Theatre article was lovely.",  # a longer name
        "The Globe is warming faster than we thought.",  # no word of news work
        "The Boston Globe editorial was sharp; the Globe rarely endorses anyone.",  # that paper
        "A globe on the editor's desk spun slowly.",  # lower case, no "the"
    ],
)
def test_the_globe_elsewhere_is_not_the_globe_and_mail(registry: ActorRegistry, text: str) -> None:
    assert "globe_and_mail" not in [a for _, a in _found(registry, text)]
