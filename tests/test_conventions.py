"""Tests of the researcher conventions: evidence spans and Results.evidence, logging and
progress, the figure writer's formats and resolution, `discourse cite`, CITATION.cff and the
CHANGELOG's structure."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.pipeline.analysis import analyze
from discourse.errors import DiscourseError, UnknownActorError
from discourse.evidence import EvidenceSpan, format_span, format_spans, parse_spans

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def results(seed_thread):
    return analyze(seed_thread)


@pytest.fixture(scope="module")
def texts(seed_thread):
    return {unit_id: text for unit_id, _, text in seed_thread.units()}


# -- one span encoding ------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    # Terms hold anything but the separator ";" and ":" (a leading "word:" is the unit prefix).
    term=st.text(st.characters(blacklist_characters=";:", blacklist_categories=("Cs",)), min_size=1, max_size=20)
    .map(str.strip).filter(bool),
    start=st.integers(0, 10**7),
    length=st.integers(0, 500),
    contribution=st.none() | st.floats(-50, 50, allow_nan=False).map(lambda x: round(x, 3)),
)
def test_span_encoding_round_trips(term, start, length, contribution):
    text = format_span(term, start, start + length, contribution)
    (span,) = parse_spans(text)
    assert (span.term, span.start, span.end) == (term, start, start + length)
    assert span.contribution == (None if contribution is None else pytest.approx(contribution, abs=5e-4))


def test_every_stance_evidence_field_parses(results, texts):
    """The stance tables' text form is the library's one encoding: every field parses, and
    every span's offsets point at its term in the unit's text."""
    for table in ("stance", "stance_sentences", "stance_mentions", "stance_summary"):
        frame = results[table]
        for unit_id, evidence in zip(frame.get("unit_id", pd.Series([None] * len(frame))), frame["evidence"]):
            for span in parse_spans(evidence):
                unit = span.unit or unit_id
                if unit in texts:
                    surface = texts[unit][span.start : span.end]
                    assert surface and span.contribution is not None
    mentions = results["stance_mentions"]
    row = mentions[mentions["evidence"].fillna("") != ""].iloc[0]
    spans = parse_spans(row["evidence"])
    assert format_spans(spans) == row["evidence"]  # the same text back


def test_parse_rejects_a_broken_field():
    with pytest.raises(DiscourseError, match="not a span"):
        parse_spans("warn*@7:12(-0.150); warn*@7")
    assert parse_spans(None) == [] and parse_spans(float("nan")) == []
    assert parse_spans("us:deep state@4:14(+1)") == [EvidenceSpan("deep state", 4, 14, 1.0, "us")]
    assert parse_spans("c01:a@b@3:4(-0.5)") == [EvidenceSpan("a@b", 3, 4, -0.5, "c01")]


# -- Results.evidence ---------------------------------------------------------------------------


def test_evidence_of_stance_toward_an_actor(results, texts):
    table = results.evidence(actor="Russia", part="comments")
    assert len(table) > 0 and set(table["part"]) == {"comments"} and set(table["actor"]) == {"russia"}
    assert set(table["source"]) == {"author"}
    cues = results["stance_evidence"].query("actor == 'russia' and source == 'author' and unit_kind == 'comment'")
    assert len(table) == len(cues)
    for row in table.itertuples():
        assert texts[row.unit_id][row.start : row.end] == row.surface
        assert row.context == texts[row.unit_id]  # a comment's whole text
        assert parse_spans(row.span) == [EvidenceSpan(row.term, row.start, row.end, round(row.contribution, 3))]
    article = results.evidence(actor=["united_states"], part="article")
    for row in article.itertuples():
        assert row.surface in row.context and row.context in texts[row.unit_id]  # the sentence
    by_alias = results.evidence(actor="US", part="article")
    pd.testing.assert_frame_equal(by_alias, article)
    with pytest.raises(UnknownActorError, match="did you mean"):
        results.evidence(actor="Rusia")


def test_evidence_of_a_feature_and_of_sentiment(results, texts):
    hedges = results.evidence(feature="hedges")
    profile = results["features"].query("feature == 'hedges'")
    assert len(hedges) == int(profile["count"].sum())  # one row per hit
    assert (hedges["contribution"] == 1.0).all() and set(hedges["measure"]) == {"feature"}
    for row in hedges.itertuples():
        assert texts[row.unit_id][row.start : row.end] == row.surface
    vader = results.evidence(sentiment="vader", part="comments")
    cues = results["sentiment_cues"].query("method == 'vader' and unit_kind == 'comment'")
    assert len(vader) == len(cues)
    assert list(vader.columns) == list(hedges.columns)  # one shape whatever the measure
    with pytest.raises(DiscourseError, match="exactly one"):
        results.evidence(actor="Russia", feature="hedges")
    with pytest.raises(DiscourseError, match="not in these results"):
        results.evidence(feature="no_such_feature")


# -- logging and progress -----------------------------------------------------------------------


def test_library_logger_has_only_a_null_handler():
    import discourse  # noqa: F401

    handlers = logging.getLogger("discourse").handlers
    assert any(isinstance(h, logging.NullHandler) for h in handlers)


def test_cli_verbosity_configures_the_logger(tmp_path, capsys):
    from discourse.cli import main

    assert main(["analyze", "--seed", "--out", str(tmp_path / "v"), "--verbose"]) == 0
    err = capsys.readouterr().err
    assert "discourse: info: analysed 1 thread(s), 16 comment(s)" in err
    assert main(["analyze", "--seed", "--out", str(tmp_path / "q"), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    assert logging.getLogger("discourse").level == logging.ERROR
    from discourse.progress import configure_logging

    configure_logging(0)


def test_progress_knows_the_total(tmp_path, monkeypatch):
    from discourse import io
    from discourse.datasets.synthetic import synthetic_corpus
    from discourse.progress import count_threads, progress

    path = tmp_path / "c.jsonl"
    io.write(synthetic_corpus(30, comments_per_thread=7), path)
    assert count_threads(path, "jsonl") == 5
    csv_path = tmp_path / "c.csv"
    io.write(synthetic_corpus(30, comments_per_thread=7), csv_path)
    assert count_threads(csv_path, "csv") == 5  # streamed once, no analysis
    assert count_threads(tmp_path / "missing.csv", "csv") is None
    monkeypatch.setattr("discourse.progress._stderr_is_terminal", lambda: True)
    bar = progress(range(3), total=None)
    assert bar.total == 3 and hasattr(bar, "format_dict")  # a tqdm bar with a total (so an ETA)
    bar.close()
    assert list(progress([1, 2], enabled=False)) == [1, 2]


# -- figures: formats and resolution ------------------------------------------------------------


def test_figure_formats_and_dpi(results, tmp_path):
    import matplotlib.image

    from discourse.plotting.figures import write_standard_figures

    folder = results.save(tmp_path / "r")
    pdfs = write_standard_figures(folder, format="pdf")
    assert [p.suffix for p in pdfs] == [".pdf"] * 8 and all(p.read_bytes().startswith(b"%PDF-") for p in pdfs)
    svgs = write_standard_figures(folder, format="svg")
    assert all(b"<svg" in p.read_bytes()[:600] for p in svgs)
    again = write_standard_figures(folder, format="svg")
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in svgs]  # fixed salt, no date
    (png,) = [p for p in write_standard_figures(folder, dpi=150) if p.name == "sentiment_thread.png"]
    assert matplotlib.image.imread(png).shape[1] == 8 * 150  # 8-inch figure
    with pytest.raises(ValueError, match="format"):
        write_standard_figures(folder, format="jpg")


def test_cli_figure_options(tmp_path, capsys):
    from discourse.cli import main

    out = tmp_path / "seed"
    assert main(["analyze", "--seed", "--out", str(out), "--figures", "--figure-format", "svg", "-q"]) == 0
    assert sorted(p.suffix for p in (out / "figures").iterdir()) == [".svg"] * 8
    with pytest.raises(SystemExit):
        main(["analyze", "--seed", "--out", str(out), "--dpi", "5"])
    capsys.readouterr()


# -- citation and changelog ---------------------------------------------------------------------


def test_cite_prints_bibtex_with_version_and_lexicon_hashes(capsys):
    from discourse import __version__
    from discourse.pipeline.analysis import Analysis
    from discourse.cli import main

    assert main(["cite"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("@software{") and out.rstrip().endswith("}")
    assert f"version = {{{__version__}}}" in out
    for record in Analysis().provenance()["lexicons"]:
        assert record["sha256"][:12] in out
    assert out.count("{") == out.count("}")


def test_citation_cff_is_complete_and_agrees():
    from discourse import __version__
    from discourse.citation import AUTHORS, DATE_RELEASED, TITLE

    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    fields = dict(re.findall(r"^([a-z-]+): (.+)$", text, flags=re.M))
    assert fields["version"].strip('"') == __version__
    assert fields["date-released"].strip('"') == DATE_RELEASED
    assert fields["title"].strip('"') == TITLE
    assert f'name: "{AUTHORS}"' in text
    assert "doi:" not in text.lower()  # none was minted; none is invented
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", changelog, flags=re.M)
    assert headings[0] == "[Unreleased]"
    assert f"[{__version__}] - {DATE_RELEASED}" in headings
