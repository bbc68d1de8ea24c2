"""The fifth category pass of the bundled gazetteer (issue 14, mention recall): US House members
2011-2020 by role, presidents before 1933, the FBI and CIA directors, civil-rights leaders, the
presidential candidates 1964-2004 and the Senate leaders since 1977
(``discourse/training/gazetteer_curated/people.toml``).

Each test has a case the pass must find and one it must leave alone: the principle of the
pass is that a newcomer never takes a bare surname away from a leader already listed.
"""

from __future__ import annotations

from discourse.actors import default_registry
from actor_helpers import found_mentions


def _ids(text: str) -> list[tuple[str, str]]:
    return found_mentions(default_registry(), text)


def test_house_member_by_full_name_and_later_surname():
    text = "Rep. Keith Ellison of Minnesota spoke on Tuesday. Ellison said the vote was close."
    assert ("Keith Ellison", "keith_ellison") in _ids(text)
    assert ("Ellison", "keith_ellison") in _ids(text)
    assert ("Don Young", "don_young") in _ids("Don Young is the Dean of the House.")


def test_newcomers_do_not_take_a_listed_leaders_bare_surname():
    # Gregg Harper, Tim Ryan, Pete Sessions and Jack Kemp are left out on purpose: with them,
    # these bare surnames would have two owners and stay unresolved.
    reg = default_registry()
    ids = {a.id for a in reg}
    assert not {"gregg_harper", "tim_ryan", "pete_sessions", "jack_kemp"} & ids
    assert ("Harper", "stephen_harper") in _ids("Canada will vote. Harper said the economy is strong.")
    assert ("Sessions", "jeff_sessions") in _ids("The Justice Department is his. Sessions said he was proud.")


def test_president_and_civil_rights_leader_full_names():
    assert _ids("Abraham Lincoln and Teddy Roosevelt were Republicans.") == [
        ("Abraham Lincoln", "abraham_lincoln"), ("Teddy Roosevelt", "theodore_roosevelt"), ("Republicans", "us_republican_party")]
    assert ("Martin Luther King Jr.", "martin_luther_king_jr") in _ids("Martin Luther King Jr. marched in Selma.")
    assert ("MLK", "martin_luther_king_jr") in _ids("MLK had a dream.")


def test_a_bare_jr_is_nobody():
    # a comma inside an alias would split it into a separate alias "Jr." (a first version did)
    found = _ids("Donald Trump, Jr. corresponded with Wikileaks; Waldo E. Martin, Jr., a historian.")
    assert "martin_luther_king_jr" not in {actor for _, actor in found}
    assert "Martin Luther" not in {surface for surface, _ in _ids("Martin Luther nailed the theses in 1517.")}


def test_pat_buchanan_keeps_his_surname_from_president_buchanan():
    found = _ids("Patrick J. Buchanan has a column out today. Buchanan argues that the party lost its way.")
    assert ("Patrick J. Buchanan", "pat_buchanan") in found
    assert ("Buchanan", "pat_buchanan") in found
    assert "james_buchanan" not in {actor for _, actor in found}


def test_written_bare_surnames_need_no_state_in_the_text():
    # derived surnames need a state named in the text; a local comment rarely names one
    assert _ids("Palin is so stupid.") == [("Palin", "sarah_palin")]
    assert _ids("Mr. Abe said the talks went well.") == [("Abe", "shinzo_abe")]
    # the longer alias still wins: "Abe Lincoln" is the president, not Shinzo Abe
    assert _ids("Honest Abe Lincoln freed the slaves.") == [("Abe Lincoln", "abraham_lincoln")]


def test_heads_of_government_before_2000():
    assert _ids("Mugabe should run as a corpse.") == [("Mugabe", "robert_mugabe")]
    found = _ids("The CIA removed Jacobo Arbenz in 1954; Neville Chamberlain signed at Munich.")
    assert ("Jacobo Arbenz", "jacobo_arbenz") in found and ("Neville Chamberlain", "neville_chamberlain") in found
    # a frequent surname is not written: "Salazar said" is not Portugal's dictator
    assert _ids("Salazar said nobody meant any harm.") == []


def test_organs_of_the_holy_see_government():
    found = _ids("The CDF, under Muller, had warned the Congregation for Bishops and the Vatican Secretariat of State.")
    assert ("CDF", "cdf") in found and ("Congregation for Bishops", "congregation_for_bishops") in found
    assert ("Vatican Secretariat of State", "holy_see_secretariat_of_state") in found
    reg = default_registry()
    assert reg["cdf"].parent == "roman_curia" and reg["roman_curia"].parent == "holy_see_government"
    # "cdf" in lower case is not the congregation (exact abbreviation)
    assert _ids("the cdf file was corrupt") == []


def test_possessive_trump_without_apostrophe():
    assert _ids("Trumps supporters will see it soon.") == [("Trumps", "trump")]
    # the verb in mixed-case text is not the president
    assert _ids("In the end, love trumps hate.") == []


def test_a_foundation_or_family_is_not_the_person():
    found = _ids("Donors gave millions to the Clinton Foundation.")
    assert found == [("Clinton Foundation", "clinton_foundation")]
    assert "clinton_family" in {actor for _, actor in _ids("Trump attacked the Clintons again.")}
    # without the article, "Obamas" is as often "Obama's": not the family
    assert "obama_family" not in {actor for _, actor in _ids("ISIS only showed up during Obamas term.")}


def test_common_misspellings_of_state_names_in_comments():
    assert ("Isreal", "israel") in _ids("Compared to Syria, Isreal looks pretty good.")
    assert ("Phillipines", "philippines") in _ids("The US Navy will support the Phillipines.")
    assert ("Ukranian", "ukraine") in _ids("Ukranian troops advanced near the river.")
    assert ("lybia", "libya") in _ids("syria, lybia, to name only a few")  # a text in lower case
    # one-word names are cased: a capital elsewhere in the text, the lower-case spelling is no name
    assert ("isreal", "israel") not in _ids("Why do people think isreal is a word? I do not.")
