"""Deprecated location of :mod:`discourse.pipeline.cluster` (moved in 0.2.0).

``import discourse.cluster`` keeps working and warns; import :mod:`discourse.pipeline.cluster`
(or use ``discourse.cluster``, the attribute) instead.
"""

from __future__ import annotations

import warnings

from discourse.pipeline.cluster import *  # noqa: F401,F403  (the same public names)
from discourse.pipeline.cluster import __all__  # noqa: F401

warnings.warn(
    "discourse.cluster moved to discourse.pipeline.cluster",
    DeprecationWarning,
    stacklevel=2,
)
