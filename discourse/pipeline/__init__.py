"""The pipeline: from threads to tables.

One package for running the analysers over a corpus:

- :mod:`discourse.pipeline.analysis`: :class:`Analysis` (the configuration) and :func:`analyze`
  (the front door, also ``discourse.analyze``);
- :mod:`discourse.pipeline.stages`: the analyser protocol (:class:`Analyser`; write your own with
  :class:`AnalyserBase` and pass it as ``analyze(..., analysers=[...])``) and the built-in
  stages (sentiment, actors and stance, rhetoric, incivility), each turning one unit of text
  into table rows;
- :mod:`discourse.pipeline.parallel`: the same work over several processes, same bytes;
- :mod:`discourse.pipeline.cluster`: the same work on a Dask cluster, written as Parquet.

What comes out (the :class:`~discourse.results.Results` object, the table schemas, the writers
and the provenance record) lives in :mod:`discourse.results`.

Examples
--------
>>> from discourse.datasets import load_seed
>>> from discourse.pipeline import analyze
>>> results = analyze(load_seed())
>>> int(results["units"].shape[0])
18
"""

from __future__ import annotations

from discourse.pipeline.analysis import Analysis, analyze, analyze_path
from discourse.pipeline.stages import UNIT_KEYS, Analyser, AnalyserBase, Unit

__all__ = ["Analysis", "analyze", "analyze_path", "Analyser", "AnalyserBase", "Unit", "UNIT_KEYS"]
