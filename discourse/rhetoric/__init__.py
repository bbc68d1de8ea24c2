"""Rhetorical features of news articles and comments: counts, rates and evidence spans.

A catalogue of features grounded in the literature (hedges and boosters after Hyland 2005,
incivility cues after Coe, Kenski & Rains 2014, populism after Rooduijn & Pauwels 2011, propaganda
techniques after Da San Martino et al. 2019, and more), each counted with the character spans
that justify the count. See :data:`CATALOGUE` and ``docs/guide/rhetoric.md``.

Examples
--------
>>> from discourse.rhetoric import rhetorical_features
>>> r = rhetorical_features("Is it any wonder? The deep state lies. Kids... WAKE UP!")
>>> {name: r.count(name) for name in ("rhetorical_questions", "conspiracy", "shouting")}
{'rhetorical_questions': 1, 'conspiracy': 2, 'shouting': 1}
"""

from discourse.rhetoric.analyzer import (
    CONTRAST_COLUMNS,
    THREAD_COLUMNS,
    RhetoricAnalyzer,
    contrast_table,
    rhetorical_features,
    thread_features,
)
from discourse.rhetoric.catalogue import (
    CATALOGUE,
    FEATURE_NAMES,
    Feature,
    catalogue_table,
    get_feature,
)
from discourse.rhetoric.result import RECORD_COLUMNS, FeatureCount, RhetoricResult

__all__ = [
    "rhetorical_features",
    "thread_features",
    "contrast_table",
    "RhetoricAnalyzer",
    "RhetoricResult",
    "FeatureCount",
    "Feature",
    "CATALOGUE",
    "FEATURE_NAMES",
    "catalogue_table",
    "get_feature",
    "RECORD_COLUMNS",
    "THREAD_COLUMNS",
    "CONTRAST_COLUMNS",
]
