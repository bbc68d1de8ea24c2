"""Sphinx configuration for the discourse documentation (MyST Markdown + NumPy docstrings)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(DOCS / "sphinxext"))

from discourse import __version__  # noqa: E402

project = "discourse"
author = "The discourse developers"
copyright = "2026, The discourse developers"
version = release = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "sphinx.ext.intersphinx",
    "sphinx_gallery.gen_gallery",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "_generated", "sphinxext", "Thumbs.db", ".DS_Store", "gallery/*.ipynb",
                    "gallery/*.py", "gallery/*.md5", "gallery/*.json", "notebooks/*.ipynb"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
# Attributes sections become fields of their class, so dataclass fields are not documented twice.
napoleon_use_ivar = True
# Each member is documented in the module that defines it; packages' re-exports are not repeated.
autodoc_default_options = {
    "members": True,
    "undoc-members": False,
    "show-inheritance": False,
    "ignore-module-all": True,
}
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autosummary_generate = False
# Offline builds: no inventories are fetched (intersphinx_mapping stays empty on purpose).
intersphinx_mapping: dict[str, tuple[str, None]] = {}
nitpicky = False
# Parameter types such as "path-like" name no single Python object; ambiguous type references
# are not errors in prose docstrings.
suppress_warnings = ["ref.python"]

html_theme = "alabaster"
html_static_path = ["_static"]
html_theme_options = {"description": "News articles and their comment threads", "fixed_sidebar": True}

# -- generated pages ------------------------------------------------------------------------
# The table reference is generated from discourse.results.schema at build time, so the documented
# columns are always those the code writes.
_GENERATED = Path(__file__).parent / "_generated"
_GENERATED.mkdir(exist_ok=True)
from discourse.results.schema import schema_markdown  # noqa: E402

(_GENERATED / "tables.md").write_text(schema_markdown(), encoding="utf-8")

# -- API reference ----------------------------------------------------------------------------
# One page per public module (summary table + reference), written at build time from the code
# (sphinxext/apipages.py), so no public name can be missing from it.
from apipages import write_api_pages  # noqa: E402

write_api_pages(DOCS / "api")

# -- gallery ------------------------------------------------------------------------------------
# The example scripts, run at build time (offline, the seed and a small synthetic corpus): each
# page shows the script, its printed output and its figures. The benchmarks take minutes and
# are only listed (see examples/GALLERY_HEADER.txt), as is the before/after comparison of the tables.
sphinx_gallery_conf = {
    "examples_dirs": str(ROOT / "examples"),
    "gallery_dirs": "gallery",
    "filename_pattern": r".*\.py$",
    "ignore_pattern": r"benchmark|compare_results|stance_domain_adaptation|stance_encoder_experiment|stance_comment_labels",
    "reset_argv": "gallery_args.reset_argv",
    "download_all_examples": False,
    "remove_config_comments": True,
    "plot_gallery": "True",
    "abort_on_example_error": True,
    "only_warn_on_example_error": False,
    "min_reported_time": 1,
    "image_scrapers": ("matplotlib",),
    "matplotlib_animations": False,
    "show_memory": False,
    "show_signature": False,
    "within_subsection_order": "FileNameSortKey",
    "write_computation_times": False,
}

# -- the notebook -------------------------------------------------------------------------------
# docs/notebooks/seed_study.ipynb is executed at build time (nbclient, the local kernel) and
# written as a Markdown page with its outputs (sphinxext/notebook_page.py); the tests execute it
# too (tests/test_notebook.py).
from notebook_page import write_notebook_page  # noqa: E402

write_notebook_page(DOCS / "notebooks" / "seed_study.ipynb", DOCS / "notebooks" / "seed_study.md", cwd=ROOT)
