"""The result tables and their documented, stable columns.

Every table that :func:`discourse.pipeline.analysis.analyze` returns and ``discourse analyze`` writes is
declared here, once: its columns, their types and their meaning. The documentation's table
reference is generated from this module, and the CSV writer refuses rows with undeclared columns,
so documentation and files cannot drift apart. Offsets (``start``, ``end``) are character
offsets into the unit's text, which is in the ``units`` table. ``unit_kind`` (``title``,
``article``, ``comment``) is the kind of one text; ``part`` (``article``, ``comments``) is the
half of a thread that thread-level tables pool over (title and body are part ``article``): two
concepts, two names.

Examples
--------
>>> [c.name for c in SCHEMAS["features"]][:5]
['thread_id', 'unit_id', 'unit_kind', 'feature', 'count']
"""

from __future__ import annotations

from discourse.results.columns import Column

__all__ = [
    "SCHEMAS",
    "TABLE_ORDER",
    "TABLE_DESCRIPTIONS",
    "WIDE_SCHEMAS",
    "WIDE_TABLES",
    "ALL_TABLES",
    "table_columns",
    "schema_markdown",
]

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
        Column("irony", "str", "irony markers the method applied, as marker@start:end (news method only; '' if none)"),
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
        Column("score", "float", "index value for index features (us_vs_them, rudeness_cues), else empty"),
        Column("evidence", "json", "list of {start, end, surface}: the spans behind the count"),
    ),
    "incivility": _UNIT
    + (
        Column("incivility", "float", "probability that the unit is uncivil (rude toward people: insults, name-calling, profanity), in [0, 1]"),
        Column("intolerance", "float", "probability that the unit is intolerant (attacks a group or its rights: dehumanisation, exclusion, threats, identity attacks), in [0, 1]"),
        Column("uncivil", "bool", "incivility >= the threshold (default 0.5)"),
        Column("intolerant", "bool", "intolerance >= the threshold"),
        Column("n_spans", "int", "evidence spans (see incivility_spans; only units at or above the threshold get them)"),
    ),
    "incivility_spans": _UNIT
    + (
        Column("start", "int", "span start offset"),
        Column("end", "int", "span end offset"),
        Column("surface", "str", "the span's text"),
        Column("kind", "str", "insult, name-calling, profanity, threat, identity attack, dehumanisation, exclusion or other"),
        Column("probability", "float", "the span model's highest word probability in the span"),
        Column("incivility", "float", "the span's contribution to the incivility logit"),
        Column("intolerance", "float", "the span's contribution to the intolerance logit"),
    ),
    "incivility_summary": (
        Column("thread_id", "str", "thread id"),
        Column("measure", "str", "'incivility' or 'intolerance'"),
        Column("group", "str", "'article' (title and body), 'comments', or comments at 'depth 0', 'depth 1', 'depth 2', 'depth 3+'"),
        Column("n", "int", "units in the group"),
        Column("n_flagged", "int", "units at or above the threshold"),
        Column("share", "float", "n_flagged / n"),
        Column("ci_low", "float", "Wilson confidence interval of the share, lower bound"),
        Column("ci_high", "float", "upper bound"),
        Column("mean", "float", "mean probability"),
    ),
    "mentions": _UNIT
    + (
        Column("actor", "str", "actor id (see the registry)"),
        Column("alias", "str", "the registry alias that matched"),
        Column("form", "str", "how the actor is named: name, abbreviation, demonym, metonym, epithet, description"),
        Column("start", "int", "mention start offset"),
        Column("end", "int", "mention end offset"),
        Column("sentence", "int", "sentence index within the unit"),
        Column("possessive", "bool", "the mention is possessive (Russia's)"),
    ),
    "stance": _UNIT
    + (
        Column("actor", "str", "target actor id"),
        Column("source", "str", "whose stance: 'author' or the quoted actor's id"),
        Column("n_mentions", "int", "mentions the score rests on"),
        Column("n_cued", "int", "mentions with at least one stance cue"),
        Column("n_positive", "int", "mentions scored positive"),
        Column("n_negative", "int", "mentions scored negative"),
        Column("score", "float", "mean stance over the mentions, in [-1, 1]"),
        Column("label", "str", "negative / neutral / positive"),
        Column("evidence", "str", "strongest cues as term@start:end(contribution)"),
        Column("n_ironic", "int", "mentions whose evidence irony flipped (see discourse.irony)"),
    ),
    "stance_sentences": _UNIT
    + (
        Column("sentence", "int", "sentence index within the unit"),
        Column("sentence_start", "int", "sentence start offset"),
        Column("sentence_end", "int", "sentence end offset"),
        Column("actor", "str", "target actor id"),
        Column("source", "str", "'author' or the quoted actor's id"),
        Column("n_mentions", "int", "mentions in the sentence"),
        Column("n_cued", "int", "mentions with a cue"),
        Column("n_positive", "int", "mentions scored positive"),
        Column("n_negative", "int", "mentions scored negative"),
        Column("score", "float", "stance in [-1, 1]"),
        Column("label", "str", "negative / neutral / positive"),
        Column("evidence", "str", "cues as term@start:end(contribution)"),
        Column("n_ironic", "int", "mentions whose evidence irony flipped"),
    ),
    "stance_mentions": _UNIT
    + (
        Column("sentence", "int", "sentence index"),
        Column("sentence_start", "int", "sentence start offset"),
        Column("sentence_end", "int", "sentence end offset"),
        Column("actor", "str", "target actor id"),
        Column("alias", "str", "alias that matched"),
        Column("form", "str", "naming form"),
        Column("start", "int", "mention start offset"),
        Column("end", "int", "mention end offset"),
        Column("source", "str", "'author' or the quoted actor's id"),
        Column("source_text", "str", "the speaker as written, for reported stance"),
        Column("role", "str", "the mention's role in its clause (author, speaker, target...)"),
        Column("raw", "float", "rules: sum of cue contributions before squashing; fitted: logit positive minus negative"),
        Column("score", "float", "stance toward this mention, in [-1, 1]"),
        Column("label", "str", "negative / neutral / positive"),
        Column("n_cues", "int", "cues that contributed"),
        Column("evidence", "str", "cues as term@start:end(contribution)"),
        Column("irony", "str", "irony markers that flipped evidence, as marker@start:end ('' if none)"),
    ),
    "stance_evidence": _UNIT
    + (
        Column("sentence", "int", "sentence index"),
        Column("actor", "str", "target actor id"),
        Column("source", "str", "'author' or the quoted actor's id"),
        Column("mention_start", "int", "mention start offset"),
        Column("mention_end", "int", "mention end offset"),
        Column("term", "str", "cue lexicon entry"),
        Column("start", "int", "cue start offset"),
        Column("end", "int", "cue end offset"),
        Column("value", "float", "the cue's lexicon value"),
        Column("weight", "float", "weight from distance, negation, contrast and role"),
        Column("contribution", "float", "value x weight"),
        Column("lexicon", "str", "lexicon the cue came from"),
        Column("note", "str", "why the weight is what it is"),
    ),
    "relations": _UNIT
    + (
        Column("sentence", "int", "sentence index"),
        Column("source", "str", "acting or speaking actor id"),
        Column("target", "str", "actor acted on or spoken about (empty: none)"),
        Column("relation", "str", "the cue (warn*, accus*, backed...)"),
        Column("kind", "str", "speech_act, action, compound or reported stance"),
        Column("polarity", "int", "-1, 0 or +1"),
        Column("negated", "bool", "the relation is negated"),
        Column("asserted_by", "str", "who asserts it: 'author' or a speaker's id"),
        Column("source_text", "str", "source as written"),
        Column("target_text", "str", "target as written"),
        Column("source_start", "int", "source mention start"),
        Column("source_end", "int", "source mention end"),
        Column("cue_start", "int", "cue start"),
        Column("cue_end", "int", "cue end"),
        Column("target_start", "int", "target mention start"),
        Column("target_end", "int", "target mention end"),
    ),
    "predications": _UNIT
    + (
        Column("sentence", "int", "sentence index"),
        Column("actor", "str", "actor id"),
        Column("mention_start", "int", "mention start offset"),
        Column("mention_end", "int", "mention end offset"),
        Column("word", "str", "the attached adjective or verb"),
        Column("start", "int", "word start offset"),
        Column("end", "int", "word end offset"),
        Column("pos", "str", "part-of-speech tag (Penn Treebank)"),
        Column("relation", "str", "attribute, predicate or action"),
        Column("polarity", "float", "the word's polarity (0 if not evaluative)"),
        Column("evaluative", "bool", "the word carries an evaluation"),
        Column("source", "str", "'author' or the quoted actor's id"),
    ),
    "stance_summary": (
        Column("thread_id", "str", "thread id"),
        Column("part", "str", "'article' (title and body) or 'comments'"),
        Column("actor", "str", "target actor id (rolled up to its top-level actor)"),
        Column("source", "str", "'author' or the quoted actor's id"),
        Column("n_units", "int", "units with mentions"),
        Column("n_mentions", "int", "mentions"),
        Column("n_cued", "int", "mentions with a cue"),
        Column("n_positive", "int", "mentions scored positive"),
        Column("n_negative", "int", "mentions scored negative"),
        Column("score", "float", "mean stance over the mentions, in [-1, 1]"),
        Column("label", "str", "negative / neutral / positive"),
        Column("evidence", "str", "strongest cues as unit:term@start:end(contribution)"),
        Column("n_ironic", "int", "mentions whose evidence irony flipped"),
    ),
    "relation_edges": (
        Column("thread_id", "str", "thread id"),
        Column("part", "str", "'article' or 'comments'"),
        Column("source", "str", "source actor id"),
        Column("target", "str", "target actor id"),
        Column("n", "int", "relations between them"),
        Column("n_negative", "int", "negative relations"),
        Column("n_neutral", "int", "neutral relations"),
        Column("n_positive", "int", "positive relations"),
        Column("polarity", "float", "mean polarity, in [-1, 1]"),
        Column("relations", "str", "the relation cues, ';'-separated"),
    ),
    "nominations": (
        Column("thread_id", "str", "thread id"),
        Column("actor", "str", "actor id"),
        Column("actor_name", "str", "display name"),
        Column("kind", "str", "country, person, organisation, group, media, other"),
        Column("alias", "str", "the name used"),
        Column("form", "str", "naming form"),
        Column("part", "str", "'article' or 'comments'"),
        Column("count", "int", "mentions with this alias"),
        Column("share", "float", "count / all mentions of the actor in the part"),
        Column("units", "int", "units using the alias"),
    ),
    "predication_summary": (
        Column("thread_id", "str", "thread id"),
        Column("part", "str", "'article' or 'comments'"),
        Column("actor", "str", "actor id"),
        Column("word", "str", "evaluative word (lower case)"),
        Column("relation", "str", "attribute, predicate or action"),
        Column("n", "int", "times attached to the actor"),
        Column("polarity", "float", "the word's polarity"),
    ),
    "actor_candidates": (
        Column("thread_id", "str", "thread id"),
        Column("name", "str", "a capitalised name or acronym that no registry actor matched"),
        Column("count", "int", "occurrences in the thread"),
        Column("units", "int", "units (title, article, comments) using it"),
        Column("example", "str", "the first sentence using it (at most 300 characters)"),
        Column("example_unit", "str", "the unit of the example"),
        Column("suggested_kind", "str", "a guess of the actor kind, for review"),
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
    "incivility": "incivility and intolerance probabilities per unit (fitted models)",
    "incivility_spans": "the evidence spans of the uncivil and intolerant units, with kind and contribution",
    "incivility_summary": "shares of uncivil and intolerant units per thread: article, comments, reply depth",
    "mentions": "every actor mention, with the alias and naming form",
    "stance": "stance toward each actor per unit and source (author or quoted actor)",
    "stance_sentences": "stance toward each actor per sentence",
    "stance_mentions": "stance toward each mention, with its role and source",
    "stance_evidence": "every cue behind every stance score, with weight and reason",
    "relations": "actor-to-actor relations (speech acts, actions, compounds) with offsets",
    "predications": "evaluative words attached to each actor mention",
    "stance_summary": "stance toward each actor, article vs comments, per source",
    "relation_edges": "relation network edges per part (source, target, counts, polarity)",
    "nominations": "which names each actor is given, article vs comments",
    "predication_summary": "evaluative words per actor and part, with counts",
    "actor_candidates": "names seen but not in the actor registry (discovery), per thread",
    "read_report": "input problems found in lenient mode (skipped, repaired or kept records)",
    "comments": "wide view: one row per comment with sentiment, incivility, stance toward the most mentioned actors and feature rates",
    "threads": "wide view: one row per thread, article vs comments",
}

TABLE_ORDER: tuple[str, ...] = tuple(SCHEMAS)
"""The order in which the tidy tables are written and listed."""

# Wide views (discourse.results.wide): one row per comment / thread. Their columns depend on the
# actors and features chosen: a name with <actor> or <feature> stands for one column per actor
# (actor id) or feature; the rest are fixed.
WIDE_SCHEMAS: dict[str, tuple[Column, ...]] = {
    "comments": (
        Column("thread_id", "str", "thread (article) id"),
        Column("unit_id", "str", "the comment's id (as in every tidy table)"),
        Column("parent_id", "str", "comment replied to (empty: the article)"),
        Column("depth", "int", "reply depth (0: reply to the article)"),
        Column("position", "int", "reading order within the thread (0, 1, ...)"),
        Column("author", "str", "author as given in the data"),
        Column("created", "datetime", "posting time, UTC (a time without a zone is read as UTC)"),
        Column("n_words", "int", "word-like tokens (empty for deleted/removed comments)"),
        Column("sentiment", "float", "sentiment score in [-1, 1] (the analysis' method)"),
        Column("sentiment_label", "category", "negative / neutral / positive"),
        Column("incivility", "float", "probability that the comment is uncivil (if the analysis scored it)"),
        Column("intolerance", "float", "probability that the comment is intolerant (if scored)"),
        Column("stance_<actor>", "float", "the commenter's own stance (source 'author') toward the actor as matched, in [-1, 1]; empty: not mentioned"),
        Column("mentions_<actor>", "int", "mentions of the actor that stance rests on (0: none)"),
        Column("<feature>_per_1000", "float", "hits of the feature per 1,000 words"),
    ),
    "threads": (
        Column("thread_id", "str", "thread (article) id"),
        Column("title", "str", "the article's title"),
        Column("published", "datetime", "the article's publication time, UTC"),
        Column("n_comments", "int", "comments in the thread"),
        Column("n_words", "int", "words in all comments"),
        Column("article_sentiment", "float", "sentiment of the article body"),
        Column("comments_sentiment", "float", "mean sentiment of the comments"),
        Column("comments_sentiment_ci_low", "float", "bootstrap interval of that mean, lower bound"),
        Column("comments_sentiment_ci_high", "float", "upper bound"),
        Column("comments_share_negative", "float", "share of comments labelled negative"),
        Column("comments_share_positive", "float", "share labelled positive"),
        Column("article_incivility", "float", "mean incivility probability of title and body (if scored)"),
        Column("comments_share_uncivil", "float", "share of comments at or above the incivility threshold"),
        Column("comments_share_intolerant", "float", "share of comments at or above the intolerance threshold"),
        Column("stance_article_<actor>", "float", "stance toward the actor (rolled up) in title and body, source 'author' (stance_summary)"),
        Column("stance_comments_<actor>", "float", "the same in the comments"),
        Column("<feature>_per_1000_article", "float", "hits per 1,000 words of title and body"),
        Column("<feature>_per_1000_comments", "float", "hits per 1,000 words of all comments"),
    ),
}

WIDE_TABLES: tuple[str, ...] = tuple(WIDE_SCHEMAS)
"""The wide views written beside the tidy tables (``comments``, ``threads``)."""

ALL_TABLES: tuple[str, ...] = TABLE_ORDER + WIDE_TABLES
"""Every table a results folder may hold, in the order they are written."""


def table_columns(table: str, names: list[str] | None = None) -> tuple[Column, ...]:
    """The declared columns of a table; for a wide table, those of the given column `names`
    (``stance_russia`` is the ``stance_<actor>`` column, and so on).

    Raises
    ------
    KeyError
        For an unknown table, or a name that is not a column of the table.

    Examples
    --------
    >>> [c.dtype for c in table_columns("comments", ["unit_id", "created", "stance_russia"])]
    ['str', 'datetime', 'float']
    """
    if table in SCHEMAS:
        return SCHEMAS[table]
    if table not in WIDE_SCHEMAS:
        raise KeyError(f"unknown table {table!r}; the tables are {list(ALL_TABLES)}")
    declared = WIDE_SCHEMAS[table]
    if names is None:
        return tuple(c for c in declared if "<" not in c.name)
    fixed = {c.name: c for c in declared if "<" not in c.name}
    patterns = sorted((c for c in declared if "<" in c.name), key=lambda c: -len(c.name))
    resolved = []
    for name in names:
        column = fixed.get(name)
        if column is None:
            for pattern in patterns:
                head, _, tail = pattern.name.partition(">")
                prefix = head.split("<")[0]
                if name.startswith(prefix) and name.endswith(tail) and len(name) > len(prefix) + len(tail):
                    column = Column(name, pattern.dtype, pattern.description)
                    break
        if column is None:
            raise KeyError(f"{name!r} is not a column of table {table!r}")
        resolved.append(column)
    return tuple(resolved)


def schema_markdown() -> str:
    """The table reference as Markdown (used by the documentation).

    Examples
    --------
    >>> schema_markdown().startswith("### `units`")
    True
    """
    parts = []
    for name in ALL_TABLES:
        parts.append(f"### `{name}`\n\n{TABLE_DESCRIPTIONS[name].capitalize()}.\n")
        parts.append("| column | type | meaning |\n|---|---|---|")
        parts += [f"| `{c.name}` | {c.dtype} | {c.description} |" for c in {**SCHEMAS, **WIDE_SCHEMAS}[name]]
        parts.append("")
    return "\n".join(parts)
