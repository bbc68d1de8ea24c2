"""Command-line arguments of the example scripts when the gallery runs them (sphinx-gallery).

Each script takes an output folder; the gallery gives it one under ``examples/out/``, and the corpus
example a smaller corpus so that the whole gallery runs in well under a minute on two cores.
A module (not a function in conf.py) so that Sphinx can cache the configuration.
"""

from __future__ import annotations

from pathlib import Path

_EXTRA = {"corpus_scale.py": ["--comments", "600", "--per-thread", "120"]}
# Scripts that take no output folder: their own arguments (none: the bundled seed).
_OWN = {"discover_actors.py": []}


def reset_argv(gallery_conf: dict, script_vars: dict) -> list[str]:
    """sys.argv[1:] for one example: an output folder, plus its extra arguments.

    The path is relative (sphinx-gallery runs each script in ``examples/``, so the files go to
    ``examples/out/gallery/``, ignored by git) so that no machine's path is printed in the docs.
    """
    name = Path(script_vars["src_file"]).name
    if name in _OWN:
        return list(_OWN[name])
    return [f"out/gallery/{Path(name).stem}", *_EXTRA.get(name, [])]
