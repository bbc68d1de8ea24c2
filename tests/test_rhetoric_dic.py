"""User dictionaries: LIWC-style .dic files and word lists, and the shared term matcher."""

from __future__ import annotations

import pytest

from discourse.errors import LexiconError
from discourse.lexicons.dic import TermMatcher, UserDictionary, parse_dic, read_dic
from discourse.rhetoric import RhetoricAnalyzer
from discourse.text import Doc

LIWC = """%
1\tposemo
2\tnegemo
3\tfunct
%
good\t1
happ*\t1
bad\t2
hate*\t2
not good\t2
the\t3
like\t(3)1
"""


def test_liwc_dic_categories_wildcards_and_phrases(tmp_path):
    path = tmp_path / "mini.dic"
    path.write_text(LIWC, encoding="utf-8")
    d = read_dic(path)
    assert d.name == "mini" and d.categories == ("posemo", "negemo", "funct")
    text = "Happiness is good, not good, the hateful is bad."
    hits = d.apply(text)
    as_text = {c: [text[a:b] for a, b in spans] for c, spans in hits.items()}
    assert as_text == {
        "posemo": ["Happiness", "good"],
        "negemo": ["not good", "hateful", "bad"],
        "funct": ["the"],
    }
    info = d.info()
    assert info["file"] == "mini.dic" and len(info["sha256"]) == 64 and info["entries"] == "7"


def test_liwc_conditional_entry_needs_the_previous_category():
    d = parse_dic(LIWC, name="mini")
    assert [s for s in d.apply("I like it")["posemo"]] == []
    text = "the like"
    assert d.apply(text)["posemo"] == [(4, 8)]


def test_space_separated_liwc_lines_and_bom(tmp_path):
    path = tmp_path / "spaces.dic"
    path.write_bytes("\ufeff%\n1 we\n2 they\n%\nwe 1\nthose people 2\nthem 2\n".encode("utf-8"))
    d = read_dic(path)
    assert d.entries["those people"] == ("they",)
    assert d.apply("We saw those people and them.") == {"we": [(0, 2)], "they": [(7, 19), (24, 28)]}


def test_plain_word_list_with_header_and_categories(tmp_path):
    path = tmp_path / "elite.txt"
    path.write_text(
        "# name: elite\n# source: my coding scheme\nelite*\tanti\nthe people\tpeople\n",
        encoding="utf-8",
    )
    d = read_dic(path)
    assert d.categories == ("anti", "people") and d.meta["source"] == "my coding scheme"
    assert d.apply("The elites ignore the people.") == {"anti": [(4, 10)], "people": [(18, 28)]}


@pytest.mark.parametrize(
    "content, line, message",
    [
        ("%\n1\tpos\n", 2, "not closed"),
        ("%\none\tpos\n%\ngood\t1\n", 2, "category line"),
        ("%\n1\tpos\n1\tneg\n%\n", 3, "declared twice"),
        ("%\n1\tpos\n%\ngood\t9\n", 4, "not declared"),
        ("%\n1\tpos\n%\ngood\n", 4, "no category"),
        ("%\n1\tpos\n%\ngo*od\t1\n", 4, "may only end"),
        ("%\n1\tpos\n%\ngood\tx1\n", 4, "not a category"),
        ("%\n%\ngood\t1\n", 2, "no category declared"),
        ("good\tpos\textra\n", 1, "expected 'term'"),
        ("good\n%\n", 2, "'%' line inside a word list"),
        ("*\n", 1, "may only end"),
        ("\u200b\n", 1, "no word"),
    ],
)
def test_malformed_dictionaries_name_file_and_line(tmp_path, content, line, message):
    path = tmp_path / "bad.dic"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as info:
        read_dic(path)
    assert f"bad.dic:{line}:" in str(info.value)


def test_invalid_utf8_and_missing_file(tmp_path):
    path = tmp_path / "latin.dic"
    path.write_bytes(b"%\n1\tpos\n%\ncaf\xe9\t1\n")
    with pytest.raises(LexiconError, match=r"latin.dic:4: not valid utf-8"):
        read_dic(path)
    with pytest.raises(LexiconError, match="cannot read"):
        read_dic(tmp_path / "missing.dic")


def test_empty_word_list_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("# name: x\n\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="no entries"):
        read_dic(path)


def test_a_dictionary_is_data_only(tmp_path):
    marker = tmp_path / "pwned"
    code = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    path = tmp_path / "evil.txt"
    path.write_text(f"{code}\nimport os\n", encoding="utf-8")
    d = read_dic(path)
    d.apply("import os and more")
    assert not marker.exists()
    assert isinstance(d, UserDictionary)


def test_dictionary_features_in_the_analyzer(tmp_path):
    path = tmp_path / "threat.dic"
    path.write_text("%\n1\tthreat\n%\ndanger*\t1\nwar\t1\n", encoding="utf-8")
    result = RhetoricAnalyzer(features=["appeal_to_fear"], dictionaries=[path]).analyze(
        "A dangerous war. War!"
    )
    assert result.names == ("appeal_to_fear", "threat:threat")
    assert [e["surface"] for e in result.evidence("threat:threat")] == ["dangerous", "war", "War"]
    assert result["threat:threat"].rate_per_1000 == pytest.approx(1000 * 3 / 4)


def test_term_matcher_longest_first_and_wildcards():
    m = TermMatcher([("deep state", "c"), ("deep", "d"), ("drain the swamp*", "s"), ("us*", "u")])
    lowers = [t.lower for t in Doc("Deep state? Drain the swamps, use it.").tokens]
    found = [(lowers[i:j], p) for i, j, p in m.match(lowers)]
    assert found == [
        (["deep", "state"], "c"),
        (["deep"], "d"),
        (["drain", "the", "swamps"], "s"),
        (["use"], "u"),
    ]
    assert m.match([]) == []
