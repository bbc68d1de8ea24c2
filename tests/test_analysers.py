"""The analyser protocol: a researcher's own analyser runs beside the built-in ones (issue 17)."""

from __future__ import annotations

import pytest

from discourse.datasets import load_seed
from discourse.datasets.synthetic import synthetic_corpus
from discourse.pipeline import UNIT_KEYS, Analysis, AnalyserBase, analyze
from discourse.results.columns import Column


class Exclamations(AnalyserBase):
    """Exclamation marks per unit, and the thread's total."""

    name = "exclamations"
    schemas = {
        "exclamations": UNIT_KEYS + (Column("n", "int", "exclamation marks"),),
        "exclamations_total": (Column("thread_id", "str", "thread id"), Column("total", "int", "marks in the thread")),
    }

    def __init__(self, *, mark: str = "!") -> None:
        self.mark = mark

    def analyze_unit(self, unit):
        return unit.doc.text.count(self.mark)

    def unit_rows(self, unit, result):
        return {"exclamations": [{**self.keys(unit), "n": result}]}

    def thread_rows(self, thread_id, units, results):
        return {"exclamations_total": [{"thread_id": thread_id, "total": sum(results)}]}


def test_a_plugged_analyser_adds_its_tables_and_parameters():
    thread = load_seed()
    results = analyze(thread, analysers=[Exclamations(mark="?")])
    table = results["exclamations"]
    units = results["units"]
    assert list(table["unit_id"]) == list(units["unit_id"])  # one row per unit, in reading order
    texts = [text for _, _, text in thread.units()]
    assert list(table["n"]) == [t.count("?") for t in texts]
    assert int(results["exclamations_total"]["total"].iloc[0]) == sum(t.count("?") for t in texts)
    assert results.provenance["analysers"]["exclamations"] == {"mark": "?"}
    assert results.provenance["parameters"]["analysers"] == ["Exclamations(mark='?')"]
    # the built-in tables are untouched by the plug-in
    plain = analyze(thread)
    assert plain["features"].equals(results["features"])


def test_a_plugged_analyser_gives_the_same_rows_in_worker_processes():
    threads = list(synthetic_corpus(40, comments_per_thread=10, seed=3))
    serial = analyze(threads, analysers=[Exclamations()])
    parallel = analyze(threads, analysers=[Exclamations()], n_jobs=2)
    assert serial["exclamations"].equals(parallel["exclamations"])


def test_an_object_that_is_not_an_analyser_is_refused_with_the_reason():
    with pytest.raises(TypeError, match="lacks .*analyze_unit"):
        Analysis(analysers=[object()])


def test_a_plugged_table_may_not_take_a_built_in_name():
    class Clash(Exclamations):
        schemas = {"features": UNIT_KEYS}

    with pytest.raises(ValueError, match="'features' is already written"):
        Analysis(analysers=[Clash()])


@pytest.mark.parametrize("table_format", ["parquet", "csv"])
def test_plugged_tables_are_saved_and_loaded_with_their_types(tmp_path, table_format):
    from discourse.results import Results

    results = analyze(load_seed(), analysers=[Exclamations()], features=["questions"])
    folder = results.save(tmp_path / "out", format=table_format)
    again = Results.load(folder)
    assert again.schemas == results.schemas == dict(Exclamations.schemas)
    for name in Exclamations.schemas:
        assert again[name].equals(results[name]), name


def test_a_table_without_declared_columns_is_not_silently_dropped(tmp_path):
    from discourse.errors import ResultsError

    results = analyze(load_seed(), features=["questions"])
    results.tables["mine"] = results["units"][["unit_id"]]
    with pytest.raises(ResultsError, match="'mine'.*no declared columns"):
        results.save(tmp_path / "out")


def test_analyze_path_writes_plugged_tables(tmp_path):
    from discourse.io import write
    from discourse.pipeline import analyze_path
    from discourse.results import Results

    source = tmp_path / "in.jsonl"
    write([load_seed()], source)
    analyze_path(source, out=tmp_path / "out", analysers=[Exclamations()], features=["questions"])
    loaded = Results.load(tmp_path / "out")
    in_memory = analyze(load_seed(), analysers=[Exclamations()], features=["questions"])
    assert loaded["exclamations"].equals(in_memory["exclamations"])


def test_the_built_in_stages_are_analysers_of_the_same_protocol():
    """The pipeline knows one protocol: the built-in stages use the same mixin and declare their
    tables' columns as a plug-in does (taken from the one schema module)."""
    from discourse.results.schema import SCHEMAS

    analysis = Analysis()
    assert analysis.stages_, "the default analysis has stages"
    for stage in analysis.stages_:
        assert isinstance(stage, AnalyserBase), type(stage).__name__
        assert stage.tables == tuple(stage.schemas)
        assert all(stage.schemas[table] is SCHEMAS[table] for table in stage.tables)
        assert repr(stage).startswith(type(stage).__name__ + "(")
