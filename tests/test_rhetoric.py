"""Rhetorical features: catalogue, context rules, results, thread tables, the seed."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from discourse.lexicons import load_lexicon
from discourse.rhetoric import (
    CATALOGUE,
    FEATURE_NAMES,
    RECORD_COLUMNS,
    RhetoricAnalyzer,
    RhetoricResult,
    catalogue_table,
    contrast_table,
    get_feature,
    rhetorical_features,
    thread_features,
)
from discourse.text import Doc
from discourse.validation.rhetoric import load_gold, validate_gold

REPO = Path(__file__).resolve().parents[1]


def surfaces(text: str, feature: str) -> list[str]:
    return [e["surface"] for e in rhetorical_features(text).evidence(feature)]


# -- catalogue -------------------------------------------------------------------------------


def test_catalogue_has_at_least_20_grounded_features():
    assert len(CATALOGUE) >= 20
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    for feature in CATALOGUE:
        assert re.fullmatch(r"[a-z_]+", feature.name)
        assert feature.definition and feature.operationalisation and feature.version
        assert re.search(r"\(\d{4}\)", feature.reference), feature.name  # a dated reference


def test_every_bundled_lexicon_has_a_full_provenance_header():
    names = {lex for f in CATALOGUE for lex in f.lexicons} - {"vader", "textblob_en_lexicon"}
    names |= {p.stem for p in (REPO / "discourse/lexicons/data").glob("rhetoric_*.tsv")}
    for name in sorted(names):
        lex = load_lexicon(name)
        for key in ("name", "source", "licence", "citation", "version"):
            assert lex.meta.get(key), f"{name} lacks '# {key}:'"
        assert lex.meta["name"] == name
        assert len(lex) > 0


def test_catalogue_table_renders_licences_from_headers():
    table = catalogue_table()
    assert list(table.columns) == [
        "name", "group", "definition", "operationalisation", "reference", "lexicon", "licence",
        "version",
    ]
    assert len(table) == len(CATALOGUE)
    row = table.set_index("name").loc["profanity"]
    assert row["lexicon"] == "rhetoric_profanity.tsv" and row["licence"].startswith("MIT")


def test_docs_list_every_feature():
    guide = (REPO / "docs" / "guide" / "rhetoric.md").read_text(encoding="utf-8")
    for name in FEATURE_NAMES:
        assert f"`{name}`" in guide, f"docs/guide/rhetoric.md does not mention {name}"


def test_get_feature_unknown_name_lists_the_names():
    with pytest.raises(KeyError, match="hedges"):
        get_feature("nope")


# -- context and negation -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, feature, expected",
    [
        ("The talks were about oil.", "hedges", []),
        ("About 100 soldiers died.", "hedges", ["About"]),
        ("It was a kind of miracle.", "hedges", []),
        ("I kind of agree.", "hedges", ["kind of"]),
        ("I'm not sure.", "hedges", ["not sure"]),
        ("I'm not sure.", "boosters", []),
        ("I am sure.", "boosters", ["sure"]),
        ("Make sure it works.", "boosters", []),
        ("They met in May.", "hedges", []),
        ("It may rain.", "hedges", ["may"]),
        ("The US will respond to us.", "first_person_plural", ["us"]),
        ("That is not always true.", "absolutist", []),
        ("We do NOT need to control their oil.", "obligation_modals", []),
        ("We need to act.", "obligation_modals", ["need to"]),
        ("He is not an idiot.", "name_calling", []),
        ("The problem lies in Syria.", "lying_accusations", []),
        ("Those are lies.", "lying_accusations", ["lies"]),
        ("I wake up at seven.", "conspiracy", []),
        ("Wake up, people!", "conspiracy", ["Wake up"]),
        ("The establishment of a zone.", "populist_anti_elite", []),
        ("Dick Cheney spoke.", "profanity", []),
        ("Rep. Norm Dicks spoke.", "profanity", []),  # a surname after a given name
        ("You Dicks! Stop it.", "profanity", ["Dicks"]),  # after a pronoun: the insult
        ("The United States will act.", "attribution", []),
        ("So who controls the oil?", "intensifiers", []),
        ("It is so obvious.", "intensifiers", ["so"]),
    ],
)
def test_ambiguous_words_are_checked_in_context(text, feature, expected):
    assert surfaces(text, feature) == expected


def test_shouting_skips_acronyms_but_keeps_shouted_runs():
    assert surfaces("The US, SDF, ISIS, SAA, YPG and NATO met.", "shouting") == []
    assert surfaces("The UBC and LCBO budgets.", "shouting") == []  # not English words
    assert surfaces("We do NOT need their oil RIGHT NOW.", "shouting") == ["NOT", "RIGHT NOW"]
    assert surfaces("As I said:USA OUT OF EURASIA", "shouting") == ["USA OUT OF EURASIA"]
    assert surfaces("PRINCIPLE: serve people.", "shouting") == []  # a label


def test_profanity_finds_obfuscated_spellings():
    found = surfaces("F'n oil, what the f**k, sh*t, s#!t and a$$. Class passed.", "profanity")
    assert found == ["F'n", "f**k", "sh*t", "s#!t", "a$$"]


def test_scare_quotes_versus_quotations():
    text = (
        "Marxist 'Saint' Mandela said \"no comment\" about the '60s, "
        "and a study entitled \"Military to Military\" found the \"secret\" talks."
    )
    assert surfaces(text, "scare_quotes") == ["'Saint'", '"secret"']
    assert surfaces(text, "direct_quotations") == ['"no comment"', '"Military to Military"']


def test_hypophora_and_rhetorical_questions():
    text = "Why? Because they want oil. What time is it? Isn't it obvious?"
    assert surfaces(text, "questions") == ["Why?", "What time is it?", "Isn't it obvious?"]
    assert surfaces(text, "rhetorical_questions") == [
        "Why? Because they want oil.",
        "Isn't it obvious?",
    ]


def test_us_vs_them_index_is_a_share_of_sentences():
    result = rhetorical_features("We want peace but they want war. It rains. They lie.")
    assert result.evidence("us_vs_them")[0]["surface"] == "We want peace but they"
    assert result["us_vs_them"].score == pytest.approx(1 / 3)


def test_group_hostility_needs_both_parts():
    assert surfaces("A curse upon all Whites.", "group_hostility") == ["curse upon all Whites"]
    assert surfaces("Many Syrians fled to Europe.", "group_hostility") == []


def test_numbers_skip_years_dates_and_ordinals():
    text = "About 100 died, 3% left and two million fled in 2015 (9/22/17), on the 25th."
    assert surfaces(text, "numbers") == ["100", "3%", "two million"]


def test_repetition_features():
    assert surfaces("No, no, no! That had had effect.", "epizeuxis") == ["No, no, no"]
    text = "It was all about the oil. Nothing else. It was all about the oil."
    assert surfaces(text, "duplicate_sentences") == ["It was all about the oil."]
    assert surfaces(text, "repeated_ngrams") == []  # fewer than two content words per trigram
    assert surfaces("Control the oil fields. Seize the oil fields now.", "repeated_ngrams") == [
        "the oil fields"
    ]


# -- results -----------------------------------------------------------------------------------


def test_result_records_are_tidy_and_spans_slice_to_surfaces():
    text = "We do NOT need their F'n oil fields... Kids, wake up!"
    result = rhetorical_features(text)
    assert isinstance(result, RhetoricResult)
    records = result.to_records()
    assert [r["feature"] for r in records] == list(FEATURE_NAMES)
    for record in records:
        assert list(record) == list(RECORD_COLUMNS)
        assert record["count"] == len(record["evidence"])
        assert record["n_words"] == Doc(text).n_words
        assert math.isclose(record["rate_per_1000"], 1000 * record["count"] / record["n_words"])
        for ev in record["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["surface"]
    for span in result.spans("profanity"):
        assert span.label == "profanity" and span.slice(text) == "F'n"
    frame = result.to_frame()
    assert list(frame.columns) == list(RECORD_COLUMNS) and len(frame) == len(FEATURE_NAMES)


def test_feature_selection_and_errors():
    result = rhetorical_features("Clearly.", features=["boosters", "hedges"])
    assert result.names == ("boosters", "hedges") and result.as_dict() == {"boosters": 1, "hedges": 0}
    with pytest.raises(ValueError, match="unknown rhetorical feature"):
        rhetorical_features("x", features=["nope"])
    with pytest.raises(KeyError, match="not in this result"):
        result["questions"]


def test_empty_text_gives_zero_rates():
    result = rhetorical_features("")
    assert result.n_words == 0 and all(fc.count == 0 and fc.rate_per_1000 == 0 for fc in result)


def test_doc_and_string_give_the_same_result():
    text = "Why? Because THEY lie!"
    assert rhetorical_features(text).to_records() == rhetorical_features(Doc(text)).to_records()


def test_analyzer_params_and_provenance(tmp_path):
    dic = tmp_path / "elite.txt"
    dic.write_text("# source: my study\nelite*\n", encoding="utf-8")
    analyzer = RhetoricAnalyzer(features=["hedges"], dictionaries=[dic], ngram=4)
    assert analyzer.get_params() == {
        "features": ("hedges",),
        "dictionaries": (str(dic),),
        "ngram": 4,
        "negation_window": 3,
        "hostility_window": 10,
    }
    result = analyzer.analyze("The elites think so, perhaps.")
    assert result.as_dict() == {"hedges": 1, "elite:elite": 1}
    assert result.evidence("elite:elite")[0]["surface"] == "elites"
    info = {d["name"]: d for d in analyzer.lexicon_info()}
    assert {"rhetoric_hedges", "vader", "textblob_en_lexicon", "elite"} <= set(info)
    assert all(len(d["sha256"]) == 64 for d in info.values())
    assert info["elite"]["source"] == "my study"


def test_analyzer_rejects_bad_parameters():
    with pytest.raises(ValueError, match="ngram"):
        RhetoricAnalyzer(ngram=0).analyze("x")


# -- thread tables on the seed -----------------------------------------------------------------


def test_thread_features_one_row_per_unit_and_feature(seed_thread):
    table = thread_features(seed_thread, ["shouting", "us_vs_them"])
    n_units = len(list(seed_thread.units()))
    assert len(table) == 2 * n_units
    assert set(table.unit_kind) == {"title", "article", "comment"}
    c01 = table[(table.unit_id == "c01") & (table.feature == "us_vs_them")].iloc[0]
    assert c01["count"] == 1
    assert c01["evidence"][0]["surface"] == "We do NOT need to control their"


def test_contrast_table_on_the_seed(seed_thread):
    table = contrast_table(seed_thread, ["shouting", "profanity", "group_references", "second_person"])
    rows = table.set_index("feature")
    # counted by hand: NOT; RIGHT NOW, MAYBE SOON; ACCIDENTAL, USA OUT OF EURASIA(I); STUPID;
    # INCLUDING, CURSE; KILL THE WHITES; ANYONE
    assert rows.loc["shouting", "article_count"] == 0
    assert rows.loc["shouting", "comments_count"] == 10
    # F'n; fuck, shit, damned; shit; pissed; crap
    assert rows.loc["profanity", "comments_count"] == 7
    # the article: Russians x2, Kurds x3
    assert rows.loc["group_references", "article_count"] == 5
    assert rows.loc["second_person", "article_count"] == 0
    assert rows.loc["second_person", "comments_rate"] > 10
    assert 0 < rows.loc["profanity", "comments_share"] <= 1


# -- the hand-checked examples -----------------------------------------------------------------


def test_gold_set_is_large_enough_and_well_formed():
    rows = load_gold()
    assert len(rows) >= 60
    assert {r["feature"] for r in rows} <= set(FEATURE_NAMES)
    assert {r["feature"] for r in rows} == set(FEATURE_NAMES)  # every feature is covered


def test_gold_precision_and_recall():
    table = validate_gold().set_index("feature")
    assert table.loc["ALL", "precision"] >= 0.95
    assert table.loc["ALL", "recall"] >= 0.95
    assert (table["recall"] >= 0.75).all() and (table["precision"] >= 0.75).all()


def test_results_and_analyzers_pickle_for_worker_processes(tmp_path):
    import pickle

    from discourse.lexicons.dic import read_dic

    path = tmp_path / "mine.dic"
    path.write_text("%\n1\tthreat\n%\ndanger*\t1\n", encoding="utf-8")
    analyzer = RhetoricAnalyzer(features=["hedges"], dictionaries=[read_dic(path)])
    result = analyzer.analyze("Perhaps a dangerous plan.")
    clone = pickle.loads(pickle.dumps(analyzer))
    assert clone.get_params()["features"] == ("hedges",)
    assert clone.analyze("Perhaps a dangerous plan.").to_records() == result.to_records()
    assert pickle.loads(pickle.dumps(result)).to_records() == result.to_records()


def test_catalogue_names_exactly_the_lexicons_the_engine_reads():
    from discourse.rhetoric.engine import get_engine

    named = {lex for f in CATALOGUE for lex in f.lexicons}
    files = {p.stem for p in (REPO / "discourse/lexicons/data").glob("rhetoric_*.tsv")}
    assert files <= named
    assert named == set(get_engine().lexicons)
