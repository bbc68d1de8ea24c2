"""The shared text layer: normalisation, sentence splitting, tokens with offsets."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.text import Doc, as_doc, clean, normalize, repair, split_sentences, tokenize


def sentences(text: str) -> list[str]:
    return [s.slice(text) for s in split_sentences(text)]


@pytest.mark.parametrize(
    "glued, left, right",
    [
        ("under the title:What If", "under the title:", "What If"),
        ("And No One Noticed?I sent it", "And No One Noticed?", "I sent it"),
        ("You people crack me up sometimesFor Russia to state", "You people crack me up sometimes", "For Russia to state"),
        ("To a large degree.It is a phenomenon", "To a large degree.", "It is a phenomenon"),
        ("saudi arabia?the u.s.?  prior", "saudi arabia?", "the u.s.?"),
        ("one percent of its area.and is that what", "one percent of its area.", "and is that what"),
    ],
)
def test_glued_sentences_are_split(glued, left, right):
    parts = sentences(glued)
    assert left in parts
    assert any(p.startswith(right) for p in parts)


def test_glued_sentences_in_the_seed(seed_thread):
    found = {}
    for comment in seed_thread.comments:
        for part in sentences(comment.text):
            found[part[:25]] = part
    for start in ["What If World Peace", "I sent it to the tipline", "For Russia to state they", "It is a phenomenon worth", "the u.s.?"]:
        assert any(key.startswith(start[:25]) for key in found), start


@pytest.mark.parametrize(
    "text",
    [
        "A representative of the U.S. military command in Al Udeid was told.",
        "Russian Maj.-Gen. Igor Konashenkov said so.",
        "US coalition spokesman Col. Ryan Dillon confirmed it.",
        "Syrian War Report (9/22/17) courtesy of SouthFront.",
        "It cost $3.5 billion, e.g. for bases.",
        "Visit zerohedge.com for more.",
    ],
)
def test_abbreviations_do_not_end_sentences(text):
    assert sentences(text) == [text]


def test_acronym_at_sentence_end_before_a_starter():
    assert sentences("They blamed the U.S. The talks failed.") == ["They blamed the U.S.", "The talks failed."]


def test_ellipsis_and_brackets_inside_sentences():
    assert len(sentences("and then... nothing happened.")) == 1
    assert len(sentences("look at the US (and Europe!) just look.")) == 1


def test_lowercase_commenters_get_sentences():
    assert sentences("i think you are right.  imo trump is smart.  time will tell.") == [
        "i think you are right.",
        "imo trump is smart.",
        "time will tell.",
    ]


def test_line_breaks():
    assert sentences("First line\nSecond line") == ["First line", "Second line"]
    assert sentences("a sentence hard\nwrapped here") == ["a sentence hard\nwrapped here"]


def test_duplicate_sentence_in_seed_comment_8(seed_thread):
    doc = Doc(seed_thread.comments[7].text)
    assert len(doc.sentences) == 2
    (repeat, first), = doc.duplicate_sentences
    assert repeat.slice(doc.text) == first.slice(doc.text)
    assert first.start == 0 and repeat.start > first.end


def test_tokens_have_offsets_into_original_text():
    text = "\u201cFire points\u201d\u00a0will be suppressed,\u201d Russia\u2019s Maj.-Gen. said; the u.s. F'n f**k 9/22/17 \U0001F600"
    doc = Doc(text)
    assert len(doc.norm) == len(text) == len(doc.lower)
    for token in doc.tokens:
        assert text[token.start : token.end] == token.text
        assert doc.lower[token.start : token.end] == token.lower
    surfaces = [t.text for t in doc.tokens]
    assert "Russia" in surfaces and "\u2019s" in surfaces
    assert "u.s." in surfaces and "F'n" in surfaces and "f**k" in surfaces and "9/22/17" in surfaces
    kinds = {t.text: t.kind for t in doc.tokens}
    assert kinds["u.s."] == "acronym" and kinds["9/22/17"] == "number" and kinds["\U0001F600"] == "symbol"


def test_glued_words_are_split_into_tokens():
    assert [t.text for t in tokenize("crack me up sometimesFor Russia")][-3:] == ["sometimes", "For", "Russia"]


def test_normalize_keeps_length():
    text = "\u2018a\u2019 \u201cb\u201d \u2014 c\u00a0d\x00e\r\n"
    assert normalize(text) == "'a' \"b\" - c d e\n\n"


def test_clean_scraped_text():
    raw = "<p>Line one&nbsp;here</p><p>Two &amp; three</p>\x00\r\n\r\n\r\n\r\nEnd"
    assert clean(raw) == "Line one\u00a0here\n\nTwo & three\n\nEnd"


def test_repair_puts_spaces_back():
    assert repair("research.It is so?yes") == "research. It is so? yes"


def test_as_doc_caches():
    assert as_doc("Some text here.") is as_doc("Some text here.")
    doc = Doc("x")
    assert as_doc(doc) is doc
    with pytest.raises(TypeError):
        as_doc(3)  # type: ignore[arg-type]


TEXTS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_property_any_text_gives_consistent_doc(text):
    doc = Doc(text)
    assert len(doc.norm) == len(text) == len(doc.lower)
    previous_end = 0
    for sentence in doc.sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert not text[sentence.start].isspace() and not text[sentence.end - 1].isspace()
        previous_end = sentence.end
    for token in doc.tokens:
        assert 0 <= token.start < token.end <= len(text)
        assert text[token.start : token.end] == token.text
    assert sum(b - a for a, b in doc.sentence_token_ranges) == len(doc.tokens)
    again = Doc(text)
    assert again.sentences == doc.sentences and again.tokens == doc.tokens
    # the shared columns and the word count agree with the tokens they are made from
    columns = doc.token_columns
    assert all(len(column) == len(doc.tokens) for column in columns)
    assert list(zip(*columns)) == [tuple(token) for token in doc.tokens]
    assert doc.n_words == len(doc.words) == sum(k in ("word", "number", "acronym") for k in columns.kinds)


@settings(max_examples=250, deadline=None)
@given(TEXTS)
def test_property_clean_is_idempotent_and_control_free(text):
    once = clean(text)
    assert clean(once) == once
    assert "\x00" not in once


ADVERSARIAL = {
    "exclamations": "!" * 100_000,
    "long_word": "a" * 200_000,
    "quotes": '"' * 50_000,
    "parentheses": "(" * 50_000 + ")" * 50_000,
    "dots": "word." * 40_000,
    "glued": "aaa.Bbb" * 30_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_text_in_linear_time(name):
    ordinary = ("The Russians reportedly issued a stern warning to the US military. " * 15_000)[:1_000_000]
    start = time.process_time()
    Doc(ordinary).tokens
    baseline = time.process_time() - start
    start = time.process_time()
    doc = Doc(ADVERSARIAL[name])
    doc.tokens
    elapsed = time.process_time() - start
    bound = max(1.0, 2 * baseline)
    print(f"\n{name}: {len(ADVERSARIAL[name]):,} chars in {elapsed:.3f} s (bound {bound:.3f} s, 1 MB ordinary text {baseline:.3f} s)")
    assert elapsed < bound


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("aZ9 .,!?'-@/:\n") + ["ΑΣ", "Σ", "İ", "ß", "é", "\u2019", "\u00a0", "😀", "www.", "U.S."]),
        max_size=30,
    ).map("".join)
)
def test_token_columns_agree_with_the_text(text):
    # Tokens are built column-wise (surfaces, lower forms and kinds by C-level maps, kinds from
    # a cache); each must still be the slice of the text / lower-cased copy at its offsets, and
    # its kind the classifier's.
    from discourse.text import _token_kind

    doc = Doc(text)
    for token in doc.tokens:
        assert token.text == doc.text[token.start : token.end]
        assert token.lower == doc.lower[token.start : token.end]
        assert token.kind == _token_kind(doc.norm[token.start : token.end])
    assert doc.token_columns == (tuple(zip(*doc.tokens)) or ((),) * 5)


def test_final_sigma_lower_form_is_the_slice_of_the_lowered_text():
    # Greek final sigma lower-cases by context: "ΟΔΟΣ" before ".ΑΣΑ" lowers to "οδοσ", alone to "οδος"
    # (non-ASCII texts take their lower forms from Doc.lower, not str.lower per token).
    doc = Doc("ΟΔΟΣ.ΑΣΑ")
    assert [t.lower for t in doc.tokens] == [doc.lower[t.start : t.end] for t in doc.tokens]


GLUE_TEXTS = st.lists(
    st.sampled_from(list("abcXYZ _.\n") + ["sometimes", "For", "ab", "Éa", "éB", "q1", "US", "3rd"]),
    max_size=40,
).map("".join)


def _case_cuts_before(norm: str) -> list[int]:
    """The glue points of the previous scan (``[a-z][A-Z]`` at every lower-case letter)."""
    from discourse.text import _is_ascii_lower

    cuts = []
    for match in re.finditer(r"[a-z][A-Z]", norm):
        capital = match.end() - 1
        if capital + 1 >= len(norm) or not _is_ascii_lower(norm[capital + 1]):
            continue
        first = capital - 1
        while first > 0 and _is_ascii_lower(norm[first - 1]):
            first -= 1
        if capital - first >= 3 and (first == 0 or not (norm[first - 1].isalnum() or norm[first - 1] == "_")):
            cuts.append(capital)
    return cuts


@settings(max_examples=400, deadline=None)
@given(st.one_of(GLUE_TEXTS, TEXTS))
def test_case_change_scan_finds_the_glue_points_of_the_previous_scan(text):
    # The scan starts at capitals (rare) instead of at every lower-case letter.
    from discourse.text import _case_glue_points

    norm = normalize(text)
    assert _case_glue_points(norm) == _case_cuts_before(norm)


def _tokenised_before(doc: Doc) -> tuple:
    """The token columns as the previous code built them (lists, split in place at sentence starts)."""
    from bisect import bisect_right

    from discourse.text import _scan_columns

    columns = [list(c) for c in _scan_columns(doc.text, doc.norm, doc.lower, 0, len(doc.norm))]
    starts, stops = columns[0], columns[1]
    for sentence in doc.sentences[1:]:
        cut = sentence.start
        index = bisect_right(starts, cut) - 1
        if index >= 0 and starts[index] < cut < stops[index]:
            first, last = starts[index], stops[index]
            left = _scan_columns(doc.text, doc.norm, doc.lower, first, cut)
            right = _scan_columns(doc.text, doc.norm, doc.lower, cut, last)
            for column, a, b in zip(columns, left, right):
                column[index : index + 1] = list(a) + list(b)
    return tuple(map(tuple, columns))


@settings(max_examples=400, deadline=None)
@given(st.one_of(GLUE_TEXTS, TEXTS))
def test_token_columns_equal_those_of_the_previous_splitting(text):
    doc = Doc(text)
    assert tuple(doc.token_columns) == _tokenised_before(doc)
    assert all(type(column) is tuple for column in doc.token_columns)
