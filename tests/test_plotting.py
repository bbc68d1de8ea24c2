"""Tests of discourse.plotting and discourse.plotting.figures: every plot drawn on the seed (Agg backend),
with assertions on the artists (lines, bars, points, tick labels) against the table functions
and against numbers computed independently here (vaderSentiment, the rhetoric contrast table,
the thread model's reply depths)."""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from discourse import plotting
from discourse.pipeline.analysis import analyze
from discourse.datasets.synthetic import synthetic_thread
from discourse.model import Article, Comment, Thread
from discourse.results import Results

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def results(seed_thread):
    return analyze(seed_thread)


@pytest.fixture(scope="module")
def synthetic():
    """A 60-comment synthetic thread: a real reply tree and posting times."""
    thread = synthetic_thread(3, 60)
    return thread, analyze(thread)


def new_ax():
    return Figure(figsize=(8, 4), layout="constrained").subplots()


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def drawn_ticklabels(axis):
    """The tick labels an axis actually draws (those inside its view interval)."""
    if not axis.axes.axison:
        return []
    lo, hi = sorted(axis.get_view_interval())
    return [
        tick.label1
        for tick in axis.get_major_ticks()
        if lo - 1e-9 <= tick.get_loc() <= hi + 1e-9 and tick.label1.get_visible() and tick.label1.get_text()
    ]


def assert_legible(fig):
    """Nothing cut off (every drawn text inside the figure) and no overlapping tick labels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    box = fig.bbox
    ticks = {id(t.label1) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis) for t in axis.get_major_ticks()}
    ticks |= {id(t.label2) for ax in fig.axes for axis in (ax.xaxis, ax.yaxis) for t in axis.get_major_ticks()}
    drawn = [t for ax in fig.axes for axis in (ax.xaxis, ax.yaxis) for t in drawn_ticklabels(axis)]
    others = [t for t in fig.findobj(matplotlib.text.Text) if id(t) not in ticks]
    for text in drawn + others:
        if not text.get_visible() or not text.get_text().strip():
            continue
        extent = text.get_window_extent(renderer)
        inside = extent.x0 >= box.x0 - 1 and extent.x1 <= box.x1 + 1 and extent.y0 >= box.y0 - 1 and extent.y1 <= box.y1 + 1
        assert inside, f"text cut off: {text.get_text()!r}"
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            boxes = [t.get_window_extent(renderer) for t in drawn_ticklabels(axis)]
            for a, b in zip(boxes, boxes[1:]):
                assert not a.overlaps(b), f"tick labels overlap on {ax.get_title() or ax.get_ylabel()!r}"


# -- sentiment along the thread ----------------------------------------------------------------


def test_thread_line_is_the_table_and_vader(results, seed_thread):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    table = plotting.sentiment_thread_table(results)
    ax = plotting.plot_sentiment_thread(results, ax=new_ax())
    line = ax.get_lines()[0]
    assert line.get_label() == "comments (one point each)"
    assert line.get_linestyle() == "None"  # separate comments are not joined by a line
    np.testing.assert_array_equal(line.get_xdata(), table["x"])
    np.testing.assert_array_equal(line.get_ydata(), table["score"])
    # Reading order: c01..c16 at x = 1..16, each score VADER's own compound of the comment.
    assert list(table["unit_id"]) == [c.id for c in seed_thread.comments]
    assert list(table["x"]) == list(range(1, 17))
    vader = SentimentIntensityAnalyzer()
    expected = [vader.polarity_scores(c.text)["compound"] for c in seed_thread.comments]
    np.testing.assert_allclose(table["score"], expected, atol=1e-12)
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(i) for i in range(1, 17)]
    assert ax.get_xlabel() == "comment (reading order)"
    assert "VADER compound" in ax.get_ylabel()


def test_thread_reference_is_the_mean_of_article_sentences(results, seed_thread):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from discourse.text import Doc

    doc = Doc(seed_thread.article.text)
    vader = SentimentIntensityAnalyzer()
    mean = np.mean([vader.polarity_scores(s.slice(doc.text))["compound"] for s in doc.sentences])
    table = plotting.sentiment_thread_table(results)
    assert table["article_level"].iloc[0] == pytest.approx(mean, abs=1e-12)
    summary = results["sentiment_summary"].set_index("group")
    assert table["article_ci_low"].iloc[0] == summary.loc["article_sentences", "ci_low"]
    ax = plotting.plot_sentiment_thread(results, ax=new_ax())
    reference = [line for line in ax.get_lines() if line.get_label().startswith("article")]
    assert len(reference) == 1 and reference[0].get_ydata()[0] == pytest.approx(mean)
    band = [p for p in ax.patches if p.get_label().startswith("95%")]
    assert len(band) == 1
    ys = band[0].get_path().vertices[:, 1] if hasattr(band[0], "get_path") else None
    lo, hi = summary.loc["article_sentences", ["ci_low", "ci_high"]]
    transformed = band[0].get_patch_transform().transform(band[0].get_path().vertices)[:, 1] if ys is not None else []
    assert min(transformed) == pytest.approx(lo) and max(transformed) == pytest.approx(hi)
    # The whole body as one text is far more negative (VADER saturates on long texts).
    body = plotting.sentiment_thread_table(results, reference="article")
    assert body["article_level"].iloc[0] == pytest.approx(vader.polarity_scores(seed_thread.article.text)["compound"])
    none = plotting.plot_sentiment_thread(results, reference=None, ax=new_ax())
    assert not [line for line in none.get_lines() if line.get_label().startswith("article")]


def test_thread_rolling_mean(results):
    table = plotting.sentiment_thread_table(results, window=5)
    assert table["rolling_mean"].iloc[:4].isna().all()
    assert table["rolling_mean"].iloc[4] == pytest.approx(table["score"].iloc[:5].mean())
    assert table["rolling_mean"].iloc[-1] == pytest.approx(table["score"].iloc[-5:].mean())
    ax = plotting.plot_sentiment_thread(results, window=5, ax=new_ax())
    rolling = ax.get_lines()[1]
    assert rolling.get_label() == "rolling mean of 5 comments"
    np.testing.assert_array_equal(rolling.get_ydata(), table["rolling_mean"])
    assert "rolling mean of 5 comments" in legend_texts(ax)
    with pytest.raises(ValueError, match="window"):
        plotting.sentiment_thread_table(results, window=0)


def test_thread_by_time(results, synthetic):
    with pytest.raises(ValueError, match="posting times"):
        plotting.sentiment_thread_table(results, by="time")
    thread, res = synthetic
    table = plotting.sentiment_thread_table(res, by="time")
    assert len(table) == 60 and table["x"].is_monotonic_increasing
    first = thread.comments[0]
    hours = (first.created - thread.article.published).total_seconds() / 3600
    assert table["x"].iloc[0] == pytest.approx(hours)
    ax = plotting.plot_sentiment_thread(res, by="time", window=10, legend="outside", ax=new_ax())
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), table["x"])
    assert ax.get_xlabel() == "hours since publication"
    # Reading order of the reply tree (depth-first) differs from posting order here.
    by_position = plotting.sentiment_thread_table(res)
    assert list(by_position["unit_id"]) == [c.id for _, c in thread.walk()]
    assert list(by_position["unit_id"]) != list(table["unit_id"])


# -- sentiment distributions --------------------------------------------------------------------


def test_distribution_bars(results):
    table = plotting.sentiment_distribution_table(results)
    ax = plotting.plot_sentiment_distribution(results, ax=new_ax())
    assert len(ax.containers) == 4  # two bar sets, then each group's mean with its interval
    # "auto" bins suit the smaller group: 16 comments get 5 bins (Rice's rule, odd), not 21.
    assert table["bin"].nunique() == 5
    for container, group, n in zip(ax.containers, ["article sentences", "comments"], [41, 16]):
        rows = table[table["group"] == group]
        assert len(container) == 5
        np.testing.assert_allclose([bar.get_height() for bar in container], rows["share"])
        assert rows["count"].sum() == n and rows["share"].sum() == pytest.approx(1.0)
        for bar, left, right in zip(container, rows["bin_left"], rows["bin_right"]):
            centre = bar.get_x() + bar.get_width() / 2
            assert left < centre < right
    labels = legend_texts(ax)
    assert labels[0].startswith("article sentences (n=41, mean ") and labels[1].startswith("comments (n=16, mean ")
    # The comments: 11 of 16 are negative (VADER <= -0.05), i.e. in bins left of the middle one.
    comments = table[table["group"] == "comments"]
    assert comments[comments["bin_right"] <= -0.04]["count"].sum() == 11
    means = sorted(line.get_xdata()[0] for line in ax.get_lines() if line.get_linestyle() == "--")
    assert means == pytest.approx(sorted(table.groupby("group")["mean"].first()))
    # Each mean carries its bootstrap interval, the same as sentiment_summary's for the comments.
    for container, group in zip(ax.containers[2:], ["article sentences", "comments"]):
        row = table[table["group"] == group].iloc[0]
        (segment,) = container.lines[2][0].get_segments()
        assert (segment[0][0], segment[1][0]) == pytest.approx((row["ci_low"], row["ci_high"]))
        assert row["ci_low"] < row["mean"] < row["ci_high"]
    assert table["n_threads"].eq(1).all()
    assert not any("pooled" in t.get_text() for t in ax.texts)  # one thread: nothing pooled


def test_distribution_options(results):
    table = plotting.sentiment_distribution_table(results, bins=4)
    assert list(table["bin_left"].iloc[:4]) == [-1.0, -0.5, 0.0, 0.5]
    assert plotting.sentiment.auto_bins(16) == 5 and plotting.sentiment.auto_bins(10**6) == 41
    sentences = analyze(synthetic_thread(0, 5), sentence_level="all")
    table = plotting.sentiment_distribution_table(sentences, comments="sentence")
    assert set(table["group"]) == {"article sentences", "comment sentences"}
    with pytest.raises(ValueError, match="bins"):
        plotting.sentiment_distribution_table(results, bins=0)


# -- rhetorical profile -------------------------------------------------------------------------


def test_profile_matches_the_contrast_table(results, seed_thread):
    from discourse.rhetoric import contrast_table

    table = plotting.rhetorical_profile_table(results, top=None)
    contrast = contrast_table(seed_thread).set_index("feature")
    for row in table.itertuples():
        assert row.article_count == contrast.loc[row.feature, "article_count"]
        assert row.comments_rate == pytest.approx(contrast.loc[row.feature, "comments_rate"])
        assert row.article_rate == pytest.approx(contrast.loc[row.feature, "article_rate"])
    # By hand: 18 hedges in 1,282 comment words; 11 in the 1,225 words of title + body.
    hedges = table.set_index("feature").loc["hedges"]
    assert (hedges.comments_words, hedges.article_words) == (1282, 1225)
    assert hedges.comments_rate == pytest.approx(1000 * 18 / 1282)
    # Zero rows are dropped; sorted by the larger rate, descending.
    assert ((table["article_count"] > 0) | (table["comments_count"] > 0)).all()
    key = table[["article_rate", "comments_rate"]].max(axis=1)
    assert key.is_monotonic_decreasing


def test_profile_bars(results):
    table = plotting.rhetorical_profile_table(results, top=12)
    fig = Figure(figsize=(8, 6), layout="constrained")
    ax = plotting.plot_rhetorical_profile(results, top=12, ax=fig.subplots())
    article, comments = ax.containers[:2]
    assert len(article) == len(comments) == 12
    np.testing.assert_allclose([b.get_width() for b in article], table["article_rate"])
    np.testing.assert_allclose([b.get_width() for b in comments], table["comments_rate"])
    assert [t.get_text() for t in ax.get_yticklabels()] == [f.replace("_", " ") for f in table["feature"]]
    # The first feature is drawn at the top.
    assert article[0].get_y() < article[-1].get_y() and ax.yaxis_inverted()
    # Counts only where there are hits (no stray "0" beside an absent bar), written beyond the whisker.
    counts = [t.get_text() for t in ax.texts]
    assert counts == [f"{c:,}" for c in table["article_count"] if c] + [f"{c:,}" for c in table["comments_count"] if c]
    assert "0" not in counts
    # Every rate has its interval: the whiskers span [ci_low, ci_high] and hold the rate.
    for container, side in zip(ax.containers[2:4], ("article", "comments")):
        spans = [(a[0], b[0]) for a, b in container.lines[2][0].get_segments()]
        np.testing.assert_allclose(spans, table[[f"{side}_ci_low", f"{side}_ci_high"]].to_numpy())
    assert (table["comments_ci_low"] <= table["comments_rate"]).all()
    assert (table["comments_rate"] <= table["comments_ci_high"]).all()
    assert legend_texts(ax) == [
        "article (1,225 words)",
        "16 comments (1,282 words)",
    ]
    assert_legible(fig)


def test_profile_options(results):
    t = plotting.rhetorical_profile_table(results, features=["hedges", "shouting", "aspersion"], sort="name")
    assert list(t["feature"]) == ["hedges", "shouting"]  # aspersion has no hit anywhere
    t = plotting.rhetorical_profile_table(results, sort="difference", top=2)
    assert list(t["feature"]) == ["rudeness_cues", "first_person_singular"] or t["comments_rate"].iloc[0] > 0
    diff = (t["comments_rate"] - t["article_rate"]).tolist()
    assert diff == sorted(diff, reverse=True)
    with pytest.raises(ValueError, match="not in the data"):
        plotting.rhetorical_profile_table(results, features=["no_such_feature"])
    with pytest.raises(ValueError, match="sort"):
        plotting.rhetorical_profile_table(results, sort="size")


# -- reply tree ---------------------------------------------------------------------------------


def test_tree_on_the_seed(results):
    table = plotting.reply_tree_table(results)
    assert list(table["unit_id"]) == ["article"] + [f"c{i:02d}" for i in range(1, 17)]
    assert (table["y"].iloc[1:] == 0).all() and table["y"].iloc[0] == -1
    ax = plotting.plot_reply_tree(results, ax=new_ax())
    points = ax.collections[-1]
    np.testing.assert_array_equal(points.get_offsets(), table[["x", "y"]].to_numpy())
    np.testing.assert_allclose(points.get_array(), table["value"])
    scores = plotting.sentiment_thread_table(results).set_index("unit_id")["score"]
    np.testing.assert_allclose(table["value"].iloc[1:], scores.loc[table["unit_id"].iloc[1:]])
    assert [t.get_text() for t in ax.get_xticklabels()] == list(table["unit_id"].iloc[1:])
    assert [t.get_text() for t in ax.get_yticklabels()] == ["article", "0"]
    colorbar = ax.figure.axes[-1]
    assert "sentiment" in colorbar.get_ylabel()


def test_tree_edges_follow_the_reply_structure(synthetic):
    thread, res = synthetic
    table = plotting.reply_tree_table(res)
    depth = {c.id: d for d, c in thread.walk()}
    assert all(table.set_index("unit_id")["y"].iloc[1:] == pd.Series(depth))
    where = table.set_index("unit_id")[["x", "y"]]
    fig = Figure(figsize=(12, 4), layout="constrained")
    ax = plotting.plot_reply_tree(res, ax=fig.subplots())
    edges = ax.collections[0].get_segments()
    assert len(edges) == 60
    for segment, child in zip(edges, thread.walk()):
        _, comment = child
        parent = comment.parent_id or "article"
        assert tuple(segment[0]) == tuple(where.loc[parent])  # starts at the parent
        assert tuple(segment[-1]) == tuple(where.loc[comment.id])  # ends at the child
    assert ax.get_xlabel() == "comment number (reading order)"  # 60 comments: no id labels
    assert_legible(fig)


def test_tree_coloured_by_a_feature(results):
    table = plotting.reply_tree_table(results, color="second_person")
    rates = results["features"].query("feature == 'second_person' and unit_kind == 'comment'")
    np.testing.assert_allclose(table["value"].iloc[1:], rates["rate_per_1000"])
    assert table["value"].iloc[0] == 0.0  # the article never addresses "you"
    ax = plotting.plot_reply_tree(results, color="second_person", ax=new_ax())
    assert "second person per 1,000 words" in ax.figure.axes[-1].get_ylabel()
    with pytest.raises(ValueError, match="feature"):
        plotting.reply_tree_table(results, color="no_such_feature")
    plain = plotting.plot_reply_tree(results, color="none", ax=new_ax())
    assert len(plain.figure.axes) == 1  # no colour bar


# -- actors: stance bars, heatmap, network ------------------------------------------------------


def test_actor_stance_matches_the_pipeline_summary(results, seed_thread):
    table = plotting.actor_stance_table(results, top=None)
    summary = results["stance_summary"].query("source == 'author'").set_index(["actor", "part"])
    mentioned = table[table["n_mentions"] > 0]
    assert len(mentioned) == len(summary)
    for row in mentioned.itertuples():
        official = summary.loc[(row.actor, row.part)]
        assert row.n_mentions == official["n_mentions"] and row.n_units == official["n_units"]
        assert row.score == pytest.approx(official["score"], abs=1e-6)
    # Intervals: around the mean, inside the range of the mention scores, none below 2 mentions.
    mentions = results["stance_mentions"].query("source == 'author'")
    for row in table.itertuples():
        scores = mentions[(mentions["actor"] == row.actor)
                          & ((mentions["unit_kind"] == "comment") == (row.part == "comments"))]["score"]
        if row.n_mentions >= 2:
            assert scores.min() - 1e-12 <= row.ci_low <= row.score <= row.ci_high <= scores.max() + 1e-12
        else:
            assert math.isnan(row.ci_low) and math.isnan(row.ci_high)
    # By hand: the article never names Israel; the comments do.
    assert "israel" not in (seed_thread.article.title + seed_thread.article.text).lower()
    israel = table.set_index(["actor", "part"]).loc[("israel", "article")]
    assert israel["n_mentions"] == 0 and math.isnan(israel["score"])
    # Deterministic, and an actor's interval does not depend on the other actors shown.
    alone = plotting.actor_stance_table(results, actors=["israel"])
    pd.testing.assert_frame_equal(
        alone,
        table[table["actor"] == "israel"].reset_index(drop=True),
    )


def test_actor_stance_bars(results):
    table = plotting.actor_stance_table(results, top=8)
    fig = Figure(figsize=(8, 6), layout="constrained")
    ax = plotting.plot_actor_stance(results, top=8, ax=fig.subplots())
    article, comments = ax.containers[:2]
    for bars, part in ((article, "article"), (comments, "comments")):
        rows = table[table["part"] == part]
        np.testing.assert_allclose([b.get_width() for b in bars], rows["score"].fillna(0.0))
    names = list(dict.fromkeys(table["name"]))
    assert [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()] == names
    expected = [f"n={n}" if n else "not mentioned" for part in ("article", "comments")
                for n in table[table["part"] == part]["n_mentions"]]
    assert [t.get_text() for t in ax.texts] == expected
    # Error bars span the intervals (only where there is one).
    segments = [seg for c in ax.containers[2:] for seg in c.lines[2][0].get_segments()]
    spans = sorted((round(a[0], 9), round(b[0], 9)) for a, b in segments)
    wanted = sorted((round(lo, 9), round(hi, 9)) for lo, hi in zip(table["ci_low"], table["ci_high"]) if np.isfinite(lo))
    assert spans == wanted
    assert legend_texts(ax) == ["article", "comments", "95% bootstrap interval\n(n: mentions)", "fewer than 5 mentions"]
    # Bars resting on fewer than 5 mentions are pale and hatched; the others solid.
    for bars, part in ((article, "article"), (comments, "comments")):
        rows = table[table["part"] == part]
        for bar, n in zip(bars, rows["n_mentions"]):
            assert (bar.get_hatch() == "////") == (0 < n < 5)
    left, right = ax.get_xlim()
    assert left == -right and right >= np.nanmax(np.abs(table[["ci_low", "ci_high"]].to_numpy()))
    assert_legible(fig)
    reported = plotting.actor_stance_table(results, source="russia", top=None)
    assert set(reported["actor"]) <= set(results["stance_mentions"].query("source == 'russia'")["actor"])


def test_stance_heatmap(results):
    table = plotting.stance_heatmap_table(results, top=6)
    units = list(dict.fromkeys(table["unit"]))
    n_paragraphs = int((results["segments"].query("unit_kind == 'article' and segment == 'paragraph'")).shape[0])
    assert units == ["title"] + [f"¶{i}" for i in range(1, n_paragraphs + 1)] + [f"c{i:02d}" for i in range(1, 17)]
    mentions = results["stance_mentions"].query("source == 'author'")
    paragraphs = results["segments"].query("unit_kind == 'article' and segment == 'paragraph'")
    spans = list(zip(paragraphs["start"], paragraphs["end"]))
    for actor, rows in table.groupby("actor", sort=False):
        mine = mentions[mentions["actor"] == actor]
        assert rows["n_mentions"].sum() == len(mine)  # every mention in exactly one cell
        for k, (start, end) in enumerate(spans, 1):
            inside = mine[(mine["unit_kind"] == "article") & (mine["start"] >= start) & (mine["start"] < end)]
            cell = rows[rows["unit"] == f"¶{k}"].iloc[0]
            assert cell["n_mentions"] == len(inside)
            if len(inside):
                assert cell["score"] == pytest.approx(inside["score"].mean())
    fig = Figure(figsize=(11, 5), layout="constrained")
    ax = plotting.plot_stance_heatmap(results, top=6, ax=fig.subplots())
    array = ax.collections[0].get_array()
    assert array.shape == (6, len(units))
    expected = table["score"].to_numpy().reshape(6, len(units))
    np.testing.assert_array_equal(np.ma.getmaskarray(array), np.isnan(expected))
    np.testing.assert_allclose(array.filled(np.nan), expected)
    assert [t.get_text() for t in ax.get_xticklabels()] == units
    assert "grey: not mentioned" in fig.axes[-1].get_ylabel()
    assert ax.get_xlabel().startswith("units in reading order")
    assert_legible(fig)


def test_relation_network(results):
    table = plotting.relation_network_table(results)
    edges = results["relation_edges"]
    pooled = edges.groupby(["source", "target"]).apply(
        lambda g: pd.Series({"n": g["n"].sum(), "polarity": (g["polarity"] * g["n"]).sum() / g["n"].sum()}),
        include_groups=False,
    )
    keep = np.array([bool(isinstance(t, str) and t and s != t) for s, t in pooled.index])
    pooled = pooled[keep]
    mine = table.set_index(["source", "target"])
    assert set(mine.index) == set(pooled.index)
    for key, row in pooled.iterrows():
        assert mine.loc[key, "n"] == row["n"] and mine.loc[key, "polarity"] == pytest.approx(row["polarity"])
    radius = np.hypot(table[["source_x", "target_x"]].to_numpy(), table[["source_y", "target_y"]].to_numpy())
    np.testing.assert_allclose(radius, 1.0)
    fig = Figure(figsize=(8, 6.4), layout="constrained")
    ax = plotting.plot_relation_network(results, ax=fig.subplots())
    assert len(ax.patches) == len(table)
    colors = [matplotlib.colors.to_hex(p.get_edgecolor()) for p in ax.patches]
    wanted = ["#b35806" if p <= -1 / 3 else "#542788" if p >= 1 / 3 else "#8c8c8c" for p in table["polarity"]]
    assert colors == wanted
    widths = [p.get_linewidth() for p in ax.patches]
    assert widths[0] == max(widths)  # the most frequent edge is the widest
    nodes = set(table["source"]) | set(table["target"])
    labels = [t for t in ax.texts if t.get_text() != "article and comments pooled"]
    assert len(labels) == len(nodes)
    assert any(t.get_text() == "article and comments pooled" for t in ax.texts)  # pooled: said so
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    boxes = [t.get_window_extent(canvas.get_renderer()) for t in labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), "node labels overlap"
    assert_legible(fig)
    # Without the relation_edges table the edges are made from the relations, by the same rules.
    no_edges = {name: frame for name, frame in results.tables.items() if name != "relation_edges"}
    pd.testing.assert_frame_equal(plotting.relation_network_table(no_edges), table)
    article = plotting.relation_network_table(results, part="article")
    assert article["n"].sum() + plotting.relation_network_table(results, part="comments")["n"].sum() == table["n"].sum()
    few = plotting.relation_network_table(results, top=3)
    assert len(set(few["source"]) | set(few["target"])) <= 3


def test_relation_network_panels_share_the_layout(results):
    from discourse.plotting.stance import _crossings

    pooled = plotting.relation_network_table(results)
    where = {}
    for part in ("article", "comments"):
        table = plotting.relation_network_table(results, part=part)
        assert set(table["part"]) == {part}
        for end in ("source", "target"):
            for actor, x, y in zip(table[end], table[f"{end}_x"], table[f"{end}_y"]):
                assert where.setdefault(actor, (x, y)) == (x, y)  # one place per actor in both panels
    # Both panels draw every node of the layout; those without a relation in the part are faint.
    fig = Figure(figsize=(12, 6), layout="constrained")
    left, right = fig.subplots(1, 2)
    plotting.plot_relation_network(results, part="article", ax=left)
    plotting.plot_relation_network(results, part="comments", ax=right)
    assert len(left.collections[0].get_offsets()) == len(right.collections[0].get_offsets())
    np.testing.assert_array_equal(left.collections[0].get_offsets(), right.collections[0].get_offsets())
    # The order on the circle has fewer crossing edges than the order by degree (33 -> 5 on the seed).
    pairs = sorted({tuple(sorted(p)) for p in zip(pooled["source"], pooled["target"])})
    angle = {}
    for end in ("source", "target"):
        for actor, x, y in zip(pooled[end], pooled[f"{end}_x"], pooled[f"{end}_y"]):
            angle[actor] = (np.pi / 2 - np.arctan2(y, x)) % (2 * np.pi)
    drawn = sorted(angle, key=angle.get)
    degree = pd.concat([pooled[["source", "n"]].rename(columns={"source": "a"}),
                        pooled[["target", "n"]].rename(columns={"target": "a"})]).groupby("a")["n"].sum()
    by_degree = sorted(degree.index, key=lambda a: (-degree[a], a))
    assert _crossings(drawn, pairs) < _crossings(by_degree, pairs)


def test_actor_plots_without_actor_tables(results):
    plain = {name: frame for name, frame in results.tables.items() if not name.startswith(("stance", "relation"))}
    with pytest.raises(ValueError, match="stance_mentions"):
        plotting.actor_stance_table(plain)
    frame = plotting.actor_stance_table(results["stance_mentions"], top=3)  # the table alone
    assert list(frame["actor"].unique()) == list(plotting.actor_stance_table(results, top=3)["actor"].unique())
    empty = analyze(Thread(Article(id="a", title="", text="Nothing here."), (Comment(id="x", text="ok"),)))
    for plot in (plotting.plot_actor_stance, plotting.plot_stance_heatmap, plotting.plot_relation_network):
        assert plot(empty, ax=new_ax()) is not None


# -- inputs and side effects ----------------------------------------------------------------------


def test_loaded_results_and_dataframes_give_the_same_numbers(results, tmp_path):
    loaded = Results.load(results.save(tmp_path / "r"))
    for table in (
        plotting.sentiment_thread_table,
        plotting.sentiment_distribution_table,
        plotting.rhetorical_profile_table,
        plotting.reply_tree_table,
        plotting.actor_stance_table,
        plotting.stance_heatmap_table,
        plotting.relation_network_table,
    ):
        pd.testing.assert_frame_equal(table(loaded), table(results), check_dtype=False)
    frame = plotting.sentiment_distribution_table(results["sentiment"])
    pd.testing.assert_frame_equal(frame, plotting.sentiment_distribution_table(results))
    plain = plotting.sentiment_thread_table(results["sentiment"])  # no units table: row order
    assert list(plain["unit_id"]) == list(plotting.sentiment_thread_table(results)["unit_id"])
    profile = plotting.rhetorical_profile_table(dict(results.tables))
    pd.testing.assert_frame_equal(profile, plotting.rhetorical_profile_table(results))


def test_several_threads_need_a_choice(results, synthetic):
    both = analyze([synthetic[0], synthetic_thread(4, 10)])
    with pytest.raises(ValueError, match="2 threads.*thread_id"):
        plotting.sentiment_thread_table(both)
    with pytest.raises(ValueError, match="not in the data"):
        plotting.reply_tree_table(both, thread_id="nope")
    one = plotting.reply_tree_table(both, thread_id="synthetic-0-t000004")
    assert len(one) == 11
    pooled = plotting.sentiment_distribution_table(both)
    assert pooled[pooled["group"] == "comments"]["n"].iloc[0] == 70
    with pytest.raises(TypeError):
        plotting.rhetorical_profile_table([1, 2, 3])
    with pytest.raises(ValueError, match="no 'features' table"):
        plotting.rhetorical_profile_table({"units": results["units"]})


def test_no_show_no_savefig_no_rcparams(results, monkeypatch):
    import matplotlib.pyplot as plt

    before = dict(matplotlib.rcParams)

    def forbidden(*args, **kwargs):
        raise AssertionError("plotting must not show or save")

    monkeypatch.setattr(plt, "show", forbidden)
    monkeypatch.setattr(Figure, "savefig", forbidden)
    plt.figure()
    ax = plotting.plot_sentiment_thread(results, window=3)
    assert ax is plt.gca()  # no ax given: the current axes
    plotting.plot_sentiment_distribution(results, ax=new_ax())
    plotting.plot_rhetorical_profile(results, ax=new_ax())
    plotting.plot_reply_tree(results, ax=new_ax())
    plotting.plot_actor_stance(results, ax=new_ax())
    plotting.plot_stance_heatmap(results, ax=new_ax())
    plotting.plot_relation_network(results, ax=new_ax())
    after = dict(matplotlib.rcParams)
    assert {k for k in before if before[k] != after[k]} == set()


def test_kwargs_reach_the_artists(results):
    ax = plotting.plot_sentiment_thread(results, color="black", marker="s", ax=new_ax())
    assert ax.get_lines()[0].get_marker() == "s"
    ax = plotting.plot_rhetorical_profile(results, top=3, hatch="//", ax=new_ax())
    assert ax.containers[0][0].get_hatch() == "//"


def test_empty_and_tiny_threads_draw():
    empty = analyze(Thread(Article(id="a", title="", text="")))
    tiny = analyze(Thread(Article(id="b", title="T", text="Bad war."), (Comment(id="x", text=""),)))
    for res in (empty, tiny):
        for plot in (
            plotting.plot_sentiment_thread,
            plotting.plot_sentiment_distribution,
            plotting.plot_rhetorical_profile,
            plotting.plot_reply_tree,
            plotting.plot_actor_stance,
            plotting.plot_stance_heatmap,
            plotting.plot_relation_network,
        ):
            assert plot(res, ax=new_ax()) is not None
    assert plotting.sentiment_thread_table(empty).empty
    assert math.isnan(plotting.sentiment_thread_table(empty)["article_level"].sum() or float("nan"))


# Texts that mix actor names and evaluative words with arbitrary Unicode, so that the actor
# tables are not always empty.
_WORDS = ["Russia", "the US", "Syria", "Israel", "Trump", "accused", "backed", "attacked", "great",
          "terrible", "regime", "not", "!!!", "?", ".", "\n\n", "SHAME", "we", "they"]
texts = st.lists(
    st.one_of(st.sampled_from(_WORDS), st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)),
    max_size=14,
).map(" ".join)


# Not a text function (those get 250 examples): the seven table functions on any thread, 50
# examples, since building all the tables of analyze() dominates the time (~170 ms per example).
@pytest.mark.slow
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=texts,
    comments=st.lists(st.tuples(texts, st.integers(min_value=-1, max_value=30)), max_size=8),
)
def test_tables_of_any_thread(body, comments):
    made = []
    for i, (text, parent) in enumerate(comments):
        parent_id = made[parent].id if 0 <= parent < len(made) else None
        made.append(Comment(id=f"c{i}", text=text, parent_id=parent_id))
    thread = Thread(Article(id="t", title="A title", text=body), tuple(made))
    res = analyze(thread, n_boot=10, features=["questions", "second_person"], predication=False)
    line = plotting.sentiment_thread_table(res, window=2)
    assert len(line) == len(made)
    assert line["score"].between(-1, 1).all()
    dist = plotting.sentiment_distribution_table(res)
    for _, rows in dist.groupby("group"):
        assert rows["count"].sum() == rows["n"].iloc[0]
    tree = plotting.reply_tree_table(res)
    depths = {c.id: d for d, c in thread.walk()}
    assert list(tree["unit_id"].iloc[1:]) == [c.id for _, c in thread.walk()]
    assert list(tree["y"].iloc[1:]) == [depths[c] for c in tree["unit_id"].iloc[1:]]
    profile = plotting.rhetorical_profile_table(res, top=None)
    assert (profile[["article_rate", "comments_rate"]].fillna(0) >= 0).all().all()
    stance = plotting.actor_stance_table(res, top=None, n_boot=20)
    assert stance["score"].dropna().between(-1, 1).all()
    assert stance["n_mentions"].sum() == int((res["stance_mentions"]["source"] == "author").sum())
    heat = plotting.stance_heatmap_table(res, top=None)
    assert heat["n_mentions"].sum() == stance["n_mentions"].sum()
    network = plotting.relation_network_table(res)
    assert (network["n"] == network[["n_negative", "n_neutral", "n_positive"]].sum(axis=1)).all()


# -- the standard figures -----------------------------------------------------------------------


@pytest.mark.slow
def test_standard_figures_are_written_and_byte_identical(results, tmp_path):
    from discourse.plotting.figures import FIGURES_DIR, standard_figures, write_standard_figures

    folder = results.save(tmp_path / "r")
    first = write_standard_figures(folder)
    names = [p.name for p in first]
    assert names == [
        "sentiment_thread.png", "sentiment_distribution.png", "rhetorical_profile.png", "reply_tree.png",
        "incivility.png", "actor_stance.png", "stance_heatmap.png", "actor_network.png",
    ]
    blobs = [p.read_bytes() for p in first]
    for blob in blobs:
        assert blob.startswith(b"\x89PNG\r\n\x1a\n") and len(blob) < 1_000_000  # 300 dpi
        assert b"matplotlib" not in blob.lower()  # no version stamp
    again = write_standard_figures(folder)
    assert [p.read_bytes() for p in again] == blobs
    assert sorted(p.name for p in (folder / FIGURES_DIR).iterdir()) == sorted(names)  # no temp files
    for fig in standard_figures(results).values():
        assert_legible(fig)


@pytest.mark.slow
def test_standard_figures_of_a_corpus(tmp_path):
    from discourse.plotting.figures import standard_figures, write_standard_figures

    corpus = [synthetic_thread(i, n) for i, n in ((0, 120), (1, 10))]
    results = analyze(corpus, n_boot=100, predication=False)
    folder = results.save(tmp_path / "c")
    names = [p.name for p in write_standard_figures(folder)]
    assert names == ["sentiment_distribution.png", "rhetorical_profile.png", "incivility.png"]  # pooled only
    with pytest.raises(ValueError, match="not in the results"):
        write_standard_figures(folder, thread_ids=["nope"])
    # A 120-comment thread: wide tree and heatmap, thinned labels, nothing cut off or overlapping.
    figures = standard_figures(results, thread_ids=["synthetic-0-t000000", "synthetic-0-t000001"])
    assert {"sentiment_thread-synthetic-0-t000000.png", "actor_network-synthetic-0-t000001.png"} <= set(figures)
    for name, fig in figures.items():
        if "t000000" in name:
            assert_legible(fig)


# -- actor arguments: ids, display names and aliases through the registry's resolver -------------


def test_actor_names_are_resolved(results):
    from discourse.errors import UnknownActorError

    by_name = plotting.actor_stance_table(results, actors=["Russia", "US"])
    by_id = plotting.actor_stance_table(results, actors=["russia", "united_states"])
    pd.testing.assert_frame_equal(by_name, by_id)
    assert list(dict.fromkeys(by_name["actor"])) == ["russia", "united_states"]
    assert (by_name["n_mentions"] > 0).all()  # drawn, not "not mentioned"
    ax = plotting.plot_actor_stance(results, actors=["Russia", "US"], ax=new_ax())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Russia", "United States"]
    assert "not mentioned" not in [t.get_text() for t in ax.texts]
    heat = plotting.stance_heatmap_table(results, actors=["the Kremlin", "U.S."])
    assert list(dict.fromkeys(heat["actor"])) == ["russia", "united_states"]
    # The DataFrame input resolves too (ids in the table first, then the registry).
    frame = plotting.actor_stance_table(results["stance_mentions"], actors=["Russia"])
    assert frame["n_mentions"].sum() == by_name.query("actor == 'russia'")["n_mentions"].sum()
    with pytest.raises(UnknownActorError, match="did you mean 'russia'"):
        plotting.plot_actor_stance(results, actors=["Rusia"], ax=new_ax())
    with pytest.raises(UnknownActorError):
        plotting.stance_heatmap_table(results, actors=["Nowhereland"])


# -- issue 19: the defects a journal would not accept, one assertion each -------------------------


def test_rolling_mean_has_its_own_colour_and_interval(results):
    table = plotting.sentiment_thread_table(results, window=5)
    done = table.dropna(subset=["rolling_mean"])
    assert (done["rolling_ci_low"] < done["rolling_mean"]).all() and (done["rolling_mean"] < done["rolling_ci_high"]).all()
    ax = plotting.plot_sentiment_thread(results, window=5, ax=new_ax())
    comments, rolling = ax.get_lines()[:2]
    assert matplotlib.colors.to_hex(comments.get_color()) != matplotlib.colors.to_hex(rolling.get_color())
    assert any("t interval of the rolling mean" in c.get_label() for c in ax.collections)


def test_heatmap_counts_and_clipping(results):
    table = plotting.stance_heatmap_table(results, top=4)
    fig = Figure(figsize=(11, 4), layout="constrained")
    ax = plotting.plot_stance_heatmap(results, top=4, vmax=0.1, ax=fig.subplots())
    written = sorted(int(t.get_text()) for t in ax.texts)
    assert written == sorted(int(n) for n in table["n_mentions"] if n)  # one count per coloured cell
    scores = table["score"].dropna()
    expected = "both" if (scores < -0.1).any() and (scores > 0.1).any() else "min" if (scores < -0.1).any() else "max"
    assert fig.axes[-1]._colorbar.extend == expected  # clipping shown by arrows
    wide = Figure(figsize=(11, 4), layout="constrained")
    ax = plotting.plot_stance_heatmap(results, top=4, vmax=1.0, ax=wide.subplots())
    assert wide.axes[-1]._colorbar.extend == "neither"
    assert all(t.get_rotation() == 0 for t in ax.get_xticklabels())  # horizontal where they fit


def test_flat_thread_says_why(results, synthetic):
    ax = plotting.plot_reply_tree(results, ax=new_ax())
    assert any(t.get_text().startswith("flat thread: all 16 comments") for t in ax.texts)
    ax = plotting.plot_reply_tree(synthetic[1], ax=new_ax())
    assert not any("flat thread" in t.get_text() for t in ax.texts)


def test_profile_leaves_out_indices_and_pooled_corpora_say_so():
    corpus = [synthetic_thread(i, 12) for i in range(2)]
    results = analyze(corpus, n_boot=50, predication=False)
    table = plotting.rhetorical_profile_table(results, top=None)
    assert "rudeness_cues" not in set(table["feature"])
    assert "rudeness_cues" in set(plotting.rhetorical_profile_table(results, top=None, indices=True)["feature"])
    ax = plotting.plot_rhetorical_profile(results, ax=new_ax())
    assert "2 threads pooled" in ax.get_xlabel()
    ax = plotting.plot_sentiment_distribution(results, ax=new_ax())
    assert any(t.get_text() == "pooled over 2 threads" for t in ax.texts)


def test_heatmap_in_a_subfigure(results):
    # an axes inside a SubFigure: the subfigure has no figure width of its own (AttributeError before)
    fig = Figure(figsize=(22, 4))
    left, right = fig.subfigures(1, 2)
    ax = plotting.plot_stance_heatmap(results, top=4, ax=left.subplots())
    alone = plotting.plot_stance_heatmap(results, top=4, ax=Figure(figsize=(11, 4)).subplots())
    assert ax.figure is left
    assert [t.get_text() for t in ax.texts] == [t.get_text() for t in alone.texts]  # same width, same counts
