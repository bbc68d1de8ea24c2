"""The shared irony signal."""

from __future__ import annotations

import pytest

from discourse.irony import irony, irony_info


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Ah, hamas wants peace! /s", "tag"),
        ("Surely this will win them the hearts and minds...", "opener"),
        ("He is a real statesman 🙄", "emoji"),
        ("Yeah right, Putin wants peace.", "opener"),
        ("Oh great, another summit.", "opener"),
        ("Thanks, Obama.", "formula"),
        ("Thanks Obama", "formula"),
        ("What could possibly go wrong?", "formula"),
        ('The "peace" talks went nowhere.', "scare_quote"),
        ("The so-called liberation of the city.", "scare_quote"),
    ],
)
def test_markers_found(text, kind):
    cues = irony(text).cues
    assert [c.kind for c in cues].count(kind) >= 1, cues
    for c in cues:
        assert 0 <= c.start < c.end <= len(text) and 0 <= c.scope_start <= c.scope_end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia wants peace.",
        "She surely knows the answer, I said.",  # "surely" not opening the sentence
        'Russia said "peace" was near.',  # a reported word, not a scare quote
        'He called it "a war crime committed in broad daylight".',  # a long quotation
        "The /sbin folder is missing.",
        "The talks were a great surprise to everyone.",
    ],
)
def test_literal_text_is_not_ironic(text):
    assert not irony(text), irony(text).cues


def test_scope_of_a_tag_is_its_paragraph():
    text = "First point, sincere.\n\nHamas wants peace. Sure. /s"
    r = irony(text)
    assert not r.covers(text.index("sincere"))
    assert r.covers(text.index("Hamas")) and r.covers(text.index("peace"))


def test_scope_of_a_lone_emoji_is_the_sentence_before():
    text = "Great leader. 🙄"
    assert irony(text).covers(0, 5)


def test_scope_of_a_scare_quote_is_the_quoted_words():
    text = 'The "heroic" army entered the town.'
    r = irony(text)
    assert r.covers(text.index("heroic"), text.index("heroic") + 6)
    assert not r.covers(text.index("town"))


def test_provenance():
    info = irony_info()
    assert info["name"] == "irony_markers" and len(info["sha256"]) == 64 and "Khodak" in info["citation"]


def test_marker_matches_equal_the_pattern_tried_everywhere():
    # The pattern is tried only where a trigger word starts; that must find exactly what
    # finditer finds trying every character (texts built from the markers, their pieces, and
    # glue that tests the word-start look-behind).
    import random

    from discourse.irony import _marker_matches, _markers

    markers = _markers()
    rng = random.Random(7)
    pieces = list(markers.kinds) + [t[:-1] for t in markers.kinds] + ["x", "'", ",", " ", "who", "oh", "\n", "ah!"]
    for _ in range(3000):
        lower = "".join(rng.choice(pieces) + rng.choice(["", " ", "  ", ", "]) for _ in range(rng.randint(0, 10)))
        got = [(m.span(), m.group(0)) for m in _marker_matches(lower, markers)]
        assert got == [(m.span(), m.group(0)) for m in markers.pattern.finditer(lower)], lower


@pytest.mark.parametrize("text", ["The SO-CALLED peace deal.", "Their So Called  experts said so."])
def test_so_called_in_any_case_is_found(text):
    # (the "so-called" pattern is only tried when the lower-cased text holds "called")
    cues = [c for c in irony(text).cues if c.marker == "so-called"]
    assert len(cues) == 1 and text[cues[0].start : cues[0].start + 2].lower() == "so"


def test_slash_s_inside_a_word_is_no_sarcasm_tag() -> None:
    # "parent/s" (a plural written with a slash) is not the Reddit tag; "peace!/s" and " /s" are
    assert irony("The form lists the contact person as a parent/s or guardian.").cues == ()
    assert [c.marker for c in irony("Ah, hamas wants peace!/s").cues] == ["/s"]
    assert [c.marker for c in irony("Great idea /s").cues] == ["/s"]


def test_single_quoted_praise_is_a_scare_quote() -> None:
    text = "Denmark, Sweden and Belgium are very 'happy' countries."
    cues = irony(text).cues
    assert [(c.kind, text[c.scope_start : c.scope_end]) for c in cues] == [("scare_quote", "happy")]
    # apostrophes are no quotation marks, and a reported word stays reported
    assert irony("It's the Kurds' land, isn't it, and they're great.").cues == ()
    assert irony("He said 'great job' to them.").cues == ()
