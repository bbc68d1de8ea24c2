"""Withheld calls: mentions the author asserts nothing about (discourse.actors.assertion)."""

from __future__ import annotations

import pytest

from discourse.actors.assertion import REASONS, unasserted
from discourse.stance import stance, stance_toward
from discourse.text import Doc


def _only(text: str, **params):
    mentions = stance(text, **params).mentions
    assert len(mentions) == 1, mentions
    return mentions[0]


@pytest.mark.parametrize(
    "text, reason, marker",
    [
        ("If Trump wins, I will eat this column.", "conditional", "If"),
        ("Why is Trump such a great leader?", "question", "?"),
        ("Rich Chinese buyers are a brilliant idea.", "attributive", "buyers"),
        ("They brought these huge families to Canada, a good idea.", "place", "to"),
        ("Bragging about your crime on Facebook is moronic.", "place", "on"),
        ("The veto-holding members of the UN Security Council are liars.", "member", "members"),
    ],
)
def test_unasserted_mentions_get_no_call_and_say_why(text: str, reason: str, marker: str) -> None:
    free = _only(text, scope=False)
    assert free.label != "neutral"  # the model alone makes a call here
    m = _only(text)
    assert (m.label, m.score, m.role, m.source) == ("neutral", 0.0, reason, "author")
    assert m.raw == free.raw  # the model's own logit difference and terms stay visible
    scope = [c for c in m.cues if c.lexicon == "scope"]
    assert len(scope) == 1 and scope[0].term == f"({reason})"
    assert text[scope[0].start : scope[0].end] == marker
    assert scope[0].contribution == 0.0 and "call withheld" in scope[0].note
    assert [c for c in m.cues if c.lexicon != "scope"] == list(free.cues)
    row = stance(text).to_records("mention")[0]
    assert (row["role"], row["label"]) == (reason, "neutral")


@pytest.mark.parametrize(
    "text",
    [
        "Trump will lose badly if he keeps lying.",  # the mention is in the main clause
        "The Chinese are brilliant.",  # a demonym as a noun names the people
        "I have no faith in Trudeau, a terrible leader.",  # a person after "in" is no place
        "Canada is a great country.",
        "The Russian side lied.",  # a demonym before a noun the actor acts through
        "The President of the United States is an embarrassment.",  # an office holder acts for it
    ],
)
def test_asserted_mentions_keep_their_call(text: str) -> None:
    m = _only(text)
    assert m.role == "author" and m.label != "neutral"
    assert not [c for c in m.cues if c.lexicon == "scope"]


def test_most_probable_class_and_switch_off_do_not_withhold() -> None:
    text = "If Trump wins, I will eat this column."
    assert _only(text, abstain=False).role == "author"
    assert _only(text, abstain=False).label == "positive"
    assert _only(text, scope=False).role == "author"
    assert _only(text, method="rules").role == "author"


def test_stance_toward_reads_the_kind_of_the_actor_the_span_names() -> None:
    text = "They brought these huge families to Canada, a good idea."
    start = text.index("Canada")
    m = stance_toward(text, start, start + len("Canada"))
    assert (m.role, m.label) == ("place", "neutral")
    free = stance_toward(text, start, start + len("Canada"), scope=False)
    assert free.label == "positive"
    # a span the registry does not know has no kind: only the kind-free tests apply
    text = "They sent the refugees to Smithville, a good idea."
    start = text.index("Smithville")
    assert stance_toward(text, start, start + 10).role == "author"


def test_unasserted_rules() -> None:
    doc = Doc("Unless Russia withdraws, the talks fail. Russia withdrew, then the talks went on.")
    assert unasserted(doc, 0, 1, 2).reason == "conditional"
    assert unasserted(doc, 1, 8, 9) is None
    doc = Doc("Strikes cut power in the southern Ukraine region.")
    k = [t[2] for t in doc.tokens].index("Ukraine")
    assert unasserted(doc, 0, k, k + 1, kind="country").reason == "place"
    assert unasserted(doc, 0, k, k + 1, kind="person") is None
    doc = Doc("He got it out of India.")
    assert unasserted(doc, 0, 5, 6, kind="country").note.startswith("named as a place ('out of')")
    doc = Doc("They sank the Spanish naval force and taught Indian and Canadian students.")
    assert unasserted(doc, 0, 3, 4, form="demonym").note.startswith("a demonym before a noun ('force')")
    assert unasserted(doc, 0, 8, 9, form="demonym").reason == "attributive"  # "Indian and Canadian students"
    assert unasserted(Doc("Russian forces took the town."), 0, 0, 1, form="demonym") is None
    assert unasserted(Doc("The Russians lied."), 0, 1, 2, form="demonym") is None
    doc = Doc("Chinese investors bought it.")
    assert unasserted(doc, 0, 0, 1, form="name") is None
    assert unasserted(doc, 0, 0, 1, form="demonym").reason == "attributive"
    doc = Doc("Half of the GOP hates her, and Trump supporters cheer.")
    assert unasserted(doc, 0, 3, 4).note.startswith("a part or the members of it ('half of')")
    assert unasserted(doc, 0, 8, 9).reason == "member"
    assert unasserted(Doc("The lies of Trump are a disgrace."), 0, 3, 4) is None
    assert set(REASONS) == {"question", "conditional", "place", "attributive", "member"}
