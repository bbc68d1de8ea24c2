"""Sphinx configuration for the discourse documentation (MyST Markdown + NumPy docstrings)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": False}
autodoc_typehints = "description"
autodoc_member_order = "bysource"
autosummary_generate = False
# Offline builds: no inventories are fetched (intersphinx_mapping stays empty on purpose).
intersphinx_mapping: dict[str, tuple[str, None]] = {}
nitpicky = False

html_theme = "alabaster"
html_static_path = ["_static"]
html_theme_options = {"description": "News articles and their comment threads", "fixed_sidebar": True}
