"""Deprecated location of :mod:`discourse.pipeline.analysis` (moved in 0.2.0).

``from discourse.analysis import Analysis, analyze`` keeps working and warns; import from
:mod:`discourse.pipeline` (or use ``discourse.analyze``) instead.
"""

from __future__ import annotations

import warnings

from discourse.pipeline.analysis import Analysis, analyze, analyze_path, describe_environment

__all__ = ["Analysis", "analyze", "analyze_path", "describe_environment"]

warnings.warn(
    "discourse.analysis moved to discourse.pipeline.analysis; import Analysis and analyze from "
    "discourse.pipeline (or use discourse.analyze)",
    DeprecationWarning,
    stacklevel=2,
)
