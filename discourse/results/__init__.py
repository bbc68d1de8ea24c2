"""What an analysis produces: tables, their schemas, how they are written, and provenance.

- :mod:`discourse.results.store`: the :class:`Results` object (one pandas DataFrame per table
  plus the provenance record) and :class:`ResultsWriter`, which replaces a results folder
  atomically;
- :mod:`discourse.results.schema`: every table's documented, stable columns;
- :mod:`discourse.results.columns`: typed columns, and how values are formatted and parsed;
- :mod:`discourse.results.provenance`: versions, hashes and the environment behind the numbers.

Examples
--------
>>> from discourse.datasets import load_seed
>>> from discourse.pipeline import analyze
>>> results = analyze(load_seed())
>>> "units" in results.tables
True
"""

from __future__ import annotations

from discourse.results.store import FIGURES, MANIFEST, MAX_TABLE_BYTES, Results, ResultsWriter

__all__ = ["Results", "ResultsWriter", "MANIFEST", "FIGURES", "MAX_TABLE_BYTES"]
