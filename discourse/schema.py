"""The result tables and their documented, stable columns.

Every table that :func:`discourse.analysis.analyze` returns and ``discourse analyze`` writes is
declared here, once: its columns, their types and their meaning. The documentation's table
reference is generated from this module, and the CSV writer refuses rows with undeclared columns,
so documentation and files cannot drift apart. Offsets (``start``, ``end``) are character
offsets into the unit's text, which is in the ``units`` table.

Examples
--------
>>> [c.name for c in SCHEMAS["features"]][:5]
['thread_id', 'unit_id', 'unit_kind', 'feature', 'count']
"""

from __future__ import annotations

from discourse.tables import Column

__all__ = ["SCHEMAS", "TABLE_ORDER", "TABLE_DESCRIPTIONS", "schema_markdown"]

_UNIT = (
    Column("thread_id", "str", "thread (article) id"),
    Column("unit_id", "str", "unit id: 'title', 'article' or the comment id"),
    Column("unit_kind", "str", "'title', 'article' or 'comment'"),
)

SCHEMAS: dict[str, tuple[Column, ...]] = {
    "units": _UNIT
    + (
        Column("position", "int", "reading order within the thread (title -2, article -1, comments 0, 1, ...)"),
        Column("parent_id", "str", "comment replied to (empty: the article)"),
        Column("depth", "int", "reply depth (0: reply to the article; empty for title/article)"),
        Column("author", "str", "author as given in the data"),
        Column("created", "str", "posting/publication time, ISO 8601"),
        Column("n_chars", "int", "characters in the text"),
        Column("n_sentences", "int", "sentences"),
        Column("n_words", "int", "word-like tokens (the denominator of every rate)"),
        Column("text", "str", "the unit's text, which all offsets refer to"),
    ),
    "segments": _UNIT
    + (
        Column("segment", "str", "'paragraph' or 'sentence'"),
        Column("index", "int", "0-based index of the segment within the unit"),
        Column("start", "int", "start offset in the unit's text"),
        Column("end", "int", "end offset (exclusive)"),
    ),
    "sentiment": _UNIT
    + (
        Column("level", "str", "'unit' (the whole text) or 'sentence'"),
        Column("sentence", "int", "sentence index for level 'sentence' (empty for 'unit')"),
        Column("start", "int", "start offset of the scored text"),
        Column("end", "int", "end offset of the scored text"),
        Column("method", "str", "sentiment method: vader, textblob or news"),
        Column("measure", "str", "'score' (in [-1, 1]) or a method field (compound, pos, neu, neg, polarity, subjectivity...)"),
        Column("value", "float", "the measure's value"),
        Column("label", "str", "negative / neutral / positive (from the score and the method's threshold)"),
        Column("n_cues", "int", "number of evidence cues (see sentiment_cues)"),
    ),
    "sentiment_cues": _UNIT
    + (
        Column("method", "str", "sentiment method"),
        Column("start", "int", "cue start offset"),
        Column("end", "int", "cue end offset"),
        Column("cue", "str", "lexicon entry that matched"),
        Column("value", "float", "its contribution in the method's own units"),
    ),
    "sentiment_summary": (
        Column("thread_id", "str", "thread id"),
        Column("method", "str", "sentiment method"),
        Column("group", "str", "'article', 'article_sentences', 'comments' or 'difference' (comments - article sentences)"),
        Column("n", "int", "units in the group"),
        Column("mean", "float", "mean score"),
        Column("median", "float", "median score"),
        Column("share_negative", "float", "share of units labelled negative"),
        Column("share_neutral", "float", "share labelled neutral"),
        Column("share_positive", "float", "share labelled positive"),
        Column("ci_low", "float", "bootstrap confidence interval of the mean, lower bound"),
        Column("ci_high", "float", "upper bound"),
    ),
    "features": _UNIT
    + (
        Column("feature", "str", "rhetorical feature name (see the catalogue)"),
        Column("count", "int", "number of hits"),
        Column("rate_per_1000", "float", "hits per 1,000 words"),
        Column("n_words", "int", "words in the unit"),
        Column("score", "float", "index value for index features (us_vs_them, incivility), else empty"),
        Column("evidence", "json", "list of {start, end, surface}: the spans behind the count"),
    ),
    "read_report": (
        Column("source", "str", "input file"),
        Column("line", "int", "line (or row) number"),
        Column("record", "str", "record id, when known"),
        Column("field", "str", "field concerned"),
        Column("reason", "str", "what was wrong"),
        Column("action", "str", "skipped, repaired or kept"),
        Column("records", "int", "records the problem covers (a skipped thread counts its comments)"),
    ),
}

TABLE_DESCRIPTIONS: dict[str, str] = {
    "units": "one row per analysed text (title, article body, comments), with its text",
    "segments": "paragraph and sentence spans of each unit",
    "sentiment": "sentiment per unit and per article sentence, one row per measure",
    "sentiment_cues": "the words behind each sentiment score, with offsets and contributions",
    "sentiment_summary": "article vs comments sentiment per thread, with bootstrap intervals",
    "features": "rhetorical-feature counts and rates per unit, with evidence spans",
    "read_report": "input problems found in lenient mode (skipped, repaired or kept records)",
}

TABLE_ORDER: tuple[str, ...] = tuple(SCHEMAS)
"""The order in which tables are written and listed."""


def schema_markdown() -> str:
    """The table reference as Markdown (used by the documentation).

    Examples
    --------
    >>> schema_markdown().startswith("### `units`")
    True
    """
    parts = []
    for name in TABLE_ORDER:
        parts.append(f"### `{name}`\n\n{TABLE_DESCRIPTIONS[name].capitalize()}.\n")
        parts.append("| column | type | meaning |\n|---|---|---|")
        parts += [f"| `{c.name}` | {c.dtype} | {c.description} |" for c in SCHEMAS[name]]
        parts.append("")
    return "\n".join(parts)
