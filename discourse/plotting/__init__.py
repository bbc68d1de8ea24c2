"""Axes-level plots of analysis results, in the style of seaborn.

Every plot is ``plot_x(data, *, ..., ax=None, **kwargs) -> Axes``: it draws on `ax` (default: the
current axes), returns it, and never calls ``plt.show()``, ``savefig`` or changes rcParams.
Every plot has a table function ``x_table(data, ...)`` that returns exactly the numbers it
draws (compute first, draw second), for papers and for checking.

`data` is a :class:`~discourse.results.Results` (from :func:`discourse.pipeline.analysis.analyze` or
:meth:`Results.load <discourse.results.Results.load>`), a mapping of table names to DataFrames,
or (where one table suffices) that DataFrame.

=====================================  ===========================================
plot                                   numbers
=====================================  ===========================================
:func:`plot_sentiment_thread`          :func:`sentiment_thread_table`
:func:`plot_sentiment_distribution`    :func:`sentiment_distribution_table`
:func:`plot_rhetorical_profile`        :func:`rhetorical_profile_table`
:func:`plot_reply_tree`                :func:`reply_tree_table`
:func:`plot_actor_stance`              :func:`actor_stance_table`
:func:`plot_stance_heatmap`            :func:`stance_heatmap_table`
:func:`plot_relation_network`          :func:`relation_network_table`
:func:`plot_incivility`                :func:`incivility_table`
=====================================  ===========================================

Colours are colour-blind safe: Okabe-Ito blue (article) and orange (comments) for categories,
``RdBu`` for sentiment, ``PuOr`` for stance, ``cividis`` for rates.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from matplotlib.figure import Figure
>>> from discourse.pipeline.analysis import analyze
>>> from discourse.datasets import load_seed
>>> from discourse import plotting
>>> results = analyze(load_seed())
>>> fig = Figure(figsize=(7, 4))
>>> ax = plotting.plot_sentiment_thread(results, window=5, ax=fig.subplots())
>>> ax.get_ylabel()
'sentiment (VADER compound, -1 to 1)'
"""

from discourse.plotting.incivility import incivility_table, plot_incivility
from discourse.plotting.rhetoric import plot_rhetorical_profile, rhetorical_profile_table
from discourse.plotting.sentiment import (
    plot_sentiment_distribution,
    plot_sentiment_thread,
    sentiment_distribution_table,
    sentiment_thread_table,
)
from discourse.plotting.stance import (
    actor_stance_table,
    plot_actor_stance,
    plot_relation_network,
    plot_stance_heatmap,
    relation_network_table,
    stance_heatmap_table,
)
from discourse.plotting.tree import plot_reply_tree, reply_tree_table

__all__ = [
    "sentiment_thread_table",
    "plot_sentiment_thread",
    "sentiment_distribution_table",
    "plot_sentiment_distribution",
    "rhetorical_profile_table",
    "plot_rhetorical_profile",
    "reply_tree_table",
    "plot_reply_tree",
    "actor_stance_table",
    "plot_actor_stance",
    "stance_heatmap_table",
    "plot_stance_heatmap",
    "relation_network_table",
    "plot_relation_network",
    "incivility_table",
    "plot_incivility",
]
