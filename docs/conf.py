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
exclude_patterns = ["_build", "_generated", "Thumbs.db", ".DS_Store"]
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
# The table reference is generated from discourse.schema at build time, so the documented
# columns are always those the code writes.
_GENERATED = Path(__file__).parent / "_generated"
_GENERATED.mkdir(exist_ok=True)
from discourse.schema import schema_markdown  # noqa: E402

(_GENERATED / "tables.md").write_text(schema_markdown(), encoding="utf-8")
