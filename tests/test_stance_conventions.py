"""Stance methods by name, irony in stance tables, and the comment/headline attribution conventions."""

from __future__ import annotations

import pytest

from discourse.actors.attribution import find_attributions, quote_blocks
from discourse.actors.stance import METHODS, StanceAnalyzer, stance, stance_toward
from discourse.errors import InputError
from discourse.text import Doc


def test_methods_by_name():
    assert METHODS == ("fitted", "rules")
    text = "The heroic Syrian Army liberated Deir Ezzor."
    fitted = stance(text)
    rules = stance(text, method="rules")
    assert fitted.params["method"] == "fitted" and rules.params["method"] == "rules"
    assert all(c.lexicon == "stance_target_model" for m in fitted.mentions for c in m.cues)
    assert all(c.lexicon != "stance_target_model" for m in rules.mentions for c in m.cues)
    with pytest.raises(InputError, match="unknown stance method"):
        StanceAnalyzer(method="neural")


def test_rules_method_unchanged_by_name():
    # The rule method keeps its documented behaviour (the example of its module notes).
    r = stance("Russia has openly accused the US of violating de-escalation zones.", method="rules")
    assert [(m.actor, m.source, m.label) for m in r.mentions] == [
        ("russia", "author", "neutral"), ("united_states", "russia", "negative")]


def test_provenance_has_model_hash_and_irony_list():
    names = {d["name"]: d for d in StanceAnalyzer().lexicon_info()}
    assert len(names["stance_target_model"]["sha256"]) == 64 and "irony_markers" in names
    assert "stance_target_model" not in {d["name"] for d in StanceAnalyzer(method="rules").lexicon_info()}
    params = StanceAnalyzer().get_params()
    assert params["method"] == "fitted" and params["irony"] is True and params["model"] is None


@pytest.mark.parametrize("method", ["fitted", "rules"])
def test_irony_flips_praise_and_is_reported(method):
    literal = "Putin is a great peacemaker."
    ironic = "Putin is a great peacemaker. /s"
    a = stance(literal, method=method).mentions[0]
    b = stance(ironic, method=method).mentions[0]
    assert a.irony == "" and b.irony == "/s@29:31"
    assert b.score < a.score and b.label != "positive"
    off = stance(ironic, method=method, irony=False).mentions[0]
    assert off.irony == "" and off.score == pytest.approx(a.score, abs=0.2)
    unit = stance(ironic, method=method).to_records()[0]
    assert unit["n_ironic"] == 1
    assert stance(ironic, method=method).to_records("mention")[0]["irony"] == "/s@29:31"


def test_quote_block_is_reported_speech():
    text = "> Russia is a great friend.\nNo it is not, Russia lies."
    assert quote_blocks(Doc(text)) == [(0, 27)]
    ms = stance(text).mentions
    assert [(m.source, m.role) for m in ms] == [("quoted", "reported"), ("author", "author")]
    kinds = [a.kind for a in find_attributions(text).attributions]
    assert kinds == ["quote_block"]


def test_html_escaped_quote_block_is_reported_speech():
    # Reddit exports escape the quote marker: "&gt;" at a line start is a quote block too
    text = "&gt; Russia is a great friend.\nNo it is not, Russia lies."
    assert quote_blocks(Doc(text)) == [(0, 30)]
    assert [(m.source, m.role) for m in stance(text).mentions] == [("quoted", "reported"), ("author", "author")]
    assert quote_blocks(Doc("Less &gt; more, Russia says.")) == []


def test_headline_to_do_is_the_subjects():
    r = stance("Ukraine to nominate Trump for Nobel Peace Prize")
    by_actor = {m.actor: m for m in r.mentions}
    assert by_actor["trump"].source == "ukraine" and by_actor["trump"].role == "reported"
    assert by_actor["ukraine"].role == "speaker"
    # "X to be ..." and "X to blame" are about X, not X's words
    assert [m.source for m in stance("Trump to be impeached").mentions] == ["author"]
    assert [m.source for m in stance("Russia to blame for the blackout").mentions] == ["author"]


def test_dismissive_think_stays_the_authors():
    r = stance("Because Russia thinks everyone is too stupid to see through it.", method="rules")
    assert [(m.actor, m.source, m.role) for m in r.mentions] == [("russia", "author", "author")]
    assert [c.term for c in r.mentions[0].cues] == ["stupid"]
    plain = find_attributions("Russia thinks the deal is good.").attributions
    assert [a.source for a in plain] == ["russia"]  # an ordinary report of a belief


def test_stance_toward_default_is_fitted():
    m = stance_toward("Critics slammed Smith.", 16, 21)
    assert m.label == "negative" and m.cues[0].lexicon == "stance_target_model"
