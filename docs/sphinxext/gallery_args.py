"""Command-line arguments of the example scripts when the gallery runs them (sphinx-gallery).

Each script takes an output folder; the gallery gives it a fresh temporary one, and the corpus
example a smaller corpus so that the whole gallery runs in well under a minute on two cores.
A module (not a function in conf.py) so that Sphinx can cache the configuration.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

_EXTRA = {"corpus_scale.py": ["--comments", "600", "--per-thread", "120"]}


def reset_argv(gallery_conf: dict, script_vars: dict) -> list[str]:
    """sys.argv[1:] for one example: a temporary output folder, plus its extra arguments."""
    name = Path(script_vars["src_file"]).name
    out = Path(tempfile.mkdtemp(prefix="discourse-gallery-")) / Path(name).stem
    return [str(out), *_EXTRA.get(name, [])]
