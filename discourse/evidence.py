"""Evidence spans: one text encoding for every table, and one table of the evidence behind a number.

Every score in the results rests on spans of text: the cue words of a stance, the hits of a
rhetorical feature, the lexicon words of a sentiment score. In text columns a span is written
one way everywhere::

    [unit:]term@start:end(+0.123)

``term`` is the cue or lexicon entry (or the feature's surface text), ``start:end`` character
offsets into the unit's text (end exclusive), the number in brackets its signed contribution
(optional); ``unit:`` prefixes spans pooled over several units (``stance_summary``). Several
spans are joined with ``"; "``. :func:`format_span` writes this form and :func:`parse_spans`
reads it back (also the stance model's output, which uses the same form).

:func:`evidence_table` (and :meth:`Results.evidence <discourse.results.Results.evidence>`)
gathers the evidence of stance toward an actor, of a rhetorical feature or of sentiment into
one DataFrame with the same columns whatever the measure, including the text the span sits in.

Examples
--------
>>> text = format_span("belligerent", 378, 389, -1.2, unit="article")
>>> text
'article:belligerent@378:389(-1.200)'
>>> parse_spans(text + "; warn*@7:12(-0.150)")[1]
EvidenceSpan(term='warn*', start=7, end=12, contribution=-0.15, unit=None)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from discourse.errors import DiscourseError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EvidenceSpan", "format_span", "format_spans", "parse_spans", "evidence_table", "resolve_actor_names",
    "EVIDENCE_COLUMNS",
]

SEPARATOR = "; "
"""Between the spans of one evidence field."""

EVIDENCE_COLUMNS = (
    "thread_id", "unit_id", "unit_kind", "part", "measure", "actor", "source", "feature", "term",
    "start", "end", "surface", "contribution", "span", "context",
)
"""Columns of :func:`evidence_table`."""

# The term is everything up to the last "@" that is followed by offsets, so a term may itself
# hold "@". A leading "word:" is read as the unit prefix (units never hold ":", "@" or spaces;
# cue terms never hold ":"), so a term of the form "word:rest" cannot be written without a unit.
_SPAN = re.compile(
    r"^(?:(?P<unit>[^:@\s;]+):(?=.+@\d+:\d+))?(?P<term>.+)@(?P<start>\d+):(?P<end>\d+)"
    r"(?:\((?P<contribution>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\))?$",
    re.DOTALL,
)


class EvidenceSpan(NamedTuple):
    """One evidence span: a term at character offsets, with its contribution.

    Attributes
    ----------
    term : str
        The cue, lexicon entry or surface text.
    start, end : int
        Offsets into the unit's text (end exclusive).
    contribution : float or None
        Signed contribution to the score (None where the encoding has none).
    unit : str or None
        The unit id, in evidence pooled over units.
    """

    term: str
    start: int
    end: int
    contribution: float | None = None
    unit: str | None = None


def format_span(term: str, start: int, end: int, contribution: float | None = None, *, unit: str | None = None) -> str:
    """One span in the library's text encoding, ``[unit:]term@start:end(+0.123)``.

    Examples
    --------
    >>> format_span("warn*", 7, 12, -0.15)
    'warn*@7:12(-0.150)'
    >>> format_span("hedges", 3, 9)
    'hedges@3:9'
    """
    prefix = f"{unit}:" if unit else ""
    tail = f"({contribution:+.3f})" if contribution is not None else ""
    return f"{prefix}{term}@{int(start)}:{int(end)}{tail}"


def format_spans(spans: Sequence[EvidenceSpan]) -> str:
    """Several spans joined by ``"; "`` (the inverse of :func:`parse_spans`).

    Examples
    --------
    >>> format_spans([EvidenceSpan("a", 0, 1, 0.5), EvidenceSpan("b", 2, 3)])
    'a@0:1(+0.500); b@2:3'
    """
    return SEPARATOR.join(format_span(s.term, s.start, s.end, s.contribution, unit=s.unit) for s in spans)


def parse_spans(text: str | None) -> list[EvidenceSpan]:
    """Read an evidence field written by :func:`format_span` (or by the stance analysers).

    Raises
    ------
    DiscourseError
        On a part that is not a span, naming it (a hand-edited or truncated field).

    Examples
    --------
    >>> parse_spans("article:belligerent@378:389(-1.200); deep state@4:14")
    [EvidenceSpan(term='belligerent', start=378, end=389, contribution=-1.2, unit='article'), EvidenceSpan(term='deep state', start=4, end=14, contribution=None, unit=None)]
    >>> parse_spans("")
    []
    """
    if text is None or (isinstance(text, float) and text != text) or not str(text).strip():
        return []
    spans = []
    for part in str(text).split(";"):
        part = part.strip()
        if not part:
            continue
        match = _SPAN.match(part)
        if match is None:
            raise DiscourseError(
                f"evidence part {part!r} is not a span of the form term@start:end(+0.123); "
                "was the field edited or cut?"
            )
        contribution = match["contribution"]
        spans.append(
            EvidenceSpan(
                match["term"], int(match["start"]), int(match["end"]),
                float(contribution) if contribution is not None else None, match["unit"],
            )
        )
    return spans


def resolve_actor_names(names: str | Sequence[str], tables: Any, registry: Any = None) -> list[str]:
    """Actor ids for the names a user gives a plot, table or evidence call.

    A name is taken as an actor id when the results hold that id, then as a display name in the
    results' ``nominations`` (case-insensitive: covers a custom registry's actors), and
    otherwise resolved by the actor registry (:meth:`ActorRegistry.resolve
    <discourse.actors.ActorRegistry.resolve>`: ids, display names, aliases such as ``"US"``).

    Parameters
    ----------
    names : str or sequence of str
    tables : Results or mapping of tables
    registry : ActorRegistry, optional
        Default: the bundled registry.

    Raises
    ------
    UnknownActorError
        A name that is neither in the results nor in the registry, with suggestions.

    Examples
    --------
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> resolve_actor_names(["Russia", "US", "syria"], analyze(load_seed()))
    ['russia', 'united_states', 'syria']
    """
    from discourse.actors import registry_or_default
    from discourse.actors.registry import fold_name

    tables = getattr(tables, "tables", tables)
    wanted = [names] if isinstance(names, str) else list(names)
    present: set[str] = set()
    by_name: dict[str, str] = {}
    for table in ("stance_mentions", "stance_evidence", "mentions"):
        frame = tables.get(table) if hasattr(tables, "get") else None
        if frame is not None and "actor" in frame:
            present.update(frame["actor"].dropna().astype(str).unique())
    nominations = tables.get("nominations") if hasattr(tables, "get") else None
    if nominations is not None and len(nominations) and "actor_name" in nominations:
        pairs = nominations[["actor", "actor_name"]].drop_duplicates()
        for actor_id, name in zip(pairs["actor"].astype(str), pairs["actor_name"].astype(str)):
            present.add(actor_id)
            by_name.setdefault(fold_name(name), actor_id)
    ids = []
    for name in wanted:
        if isinstance(name, str) and name in present:
            ids.append(name)
        elif isinstance(name, str) and fold_name(name) in by_name:
            ids.append(by_name[fold_name(name)])
        else:
            ids.append(registry_or_default(registry).resolve(name))  # raises with suggestions
    return ids


def _contexts(tables: Any) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], list[tuple[int, int]]]]:
    """Unit texts and sentence spans per (thread, unit)."""
    texts: dict[tuple[str, str], str] = {}
    units = tables.get("units")
    if units is not None and "text" in units:
        for thread, unit, text in zip(units["thread_id"], units["unit_id"], units["text"]):
            texts[(str(thread), str(unit))] = text if isinstance(text, str) else ""
    sentences: dict[tuple[str, str], list[tuple[int, int]]] = {}
    segments = tables.get("segments")
    if segments is not None:
        rows = segments[segments["segment"] == "sentence"]
        for thread, unit, start, end in zip(rows["thread_id"], rows["unit_id"], rows["start"], rows["end"]):
            sentences.setdefault((str(thread), str(unit)), []).append((int(start), int(end)))
    return texts, sentences


def _context(text: str, kind: str, spans: list[tuple[int, int]], start: int) -> str:
    """The comment's whole text; for the article and title, the sentence holding `start`."""
    if kind == "comment" or not spans:
        return text
    for s, e in spans:
        if s <= start < e:
            return text[s:e]
    return text


def evidence_table(
    results: Any,
    *,
    actor: str | Sequence[str] | None = None,
    part: str | None = None,
    feature: str | Sequence[str] | None = None,
    sentiment: str | None = None,
    source: str | None = "author",
    thread_id: str | None = None,
) -> pd.DataFrame:
    """The evidence behind stance toward `actor`, a rhetorical `feature` or `sentiment`.

    Exactly one of `actor`, `feature` and `sentiment` is given. Every row is one span, with the
    same columns for every measure (see Returns), strongest contribution first within a unit.

    Parameters
    ----------
    results : Results or mapping of tables
    actor : str or list of str, optional
        Actor ids, display names or aliases (``"united_states"``, ``"United States"``,
        ``"US"``; see :func:`resolve_actor_names`): every cue behind the stance toward them
        (``stance_evidence``). An unknown name raises
        :class:`~discourse.errors.UnknownActorError` with suggestions.
    part : {"article", "comments", None}
        The article (title and body) or the comments only (default: both).
    feature : str or list of str, optional
        Rhetorical features: every hit (``features``), contribution 1 (one hit) each.
    sentiment : str, optional
        A sentiment method (``"vader"``): every lexicon cue (``sentiment_cues``).
    source : str or None
        For stance: whose stance (``"author"``, default; an actor id; None for all).
    thread_id : str, optional
        One thread only.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EVIDENCE_COLUMNS`: ``thread_id``, ``unit_id``, ``unit_kind``, ``part``,
        ``measure`` (``stance``, ``feature`` or ``sentiment``), ``actor`` and ``source`` (stance),
        ``feature`` (features; the method for sentiment), ``term`` (cue or lexicon entry; the
        feature name for features), ``start``, ``end``, ``surface`` (the text at the span),
        ``contribution``, ``span`` (the text encoding, :func:`format_span`) and ``context``
        (the sentence, for the article; the whole comment, for comments).

    Examples
    --------
    >>> from discourse.pipeline.analysis import analyze
    >>> from discourse.datasets import load_seed
    >>> results = analyze(load_seed())
    >>> e = evidence_table(results, actor="Russia", part="comments")
    >>> e[["unit_id", "surface", "span"]].iloc[0].tolist()
    ['c10', 'fanatics', 'fanatics@326:334(-1.571)']
    """
    import pandas as pd

    chosen = [name for name, value in (("actor", actor), ("feature", feature), ("sentiment", sentiment)) if value is not None]
    if len(chosen) != 1:
        raise DiscourseError("give exactly one of actor=, feature= or sentiment= (the measure whose evidence you want)")
    if part not in (None, "article", "comments"):
        raise DiscourseError(f"part must be 'article', 'comments' or None, not {part!r}")
    tables = getattr(results, "tables", results)
    needed = {"actor": "stance_evidence", "feature": "features", "sentiment": "sentiment_cues"}[chosen[0]]
    frame = tables.get(needed)
    if frame is None:
        raise DiscourseError(f"the results have no {needed!r} table; analyse with the stage that writes it")
    if thread_id is not None:
        frame = frame[frame["thread_id"] == thread_id]
    if part is not None:
        is_comment = frame["unit_kind"] == "comment"
        frame = frame[is_comment if part == "comments" else ~is_comment]
    rows: list[tuple[Any, ...]] = []
    if actor is not None:
        ids = resolve_actor_names(actor, tables)
        frame = frame[frame["actor"].isin(ids)]
        if source is not None:
            frame = frame[frame["source"] == source]
        for row in frame.itertuples(index=False):
            rows.append((row.thread_id, row.unit_id, row.unit_kind, "stance", row.actor, row.source, None,
                         row.term, int(row.start), int(row.end), float(row.contribution)))
    elif feature is not None:
        names = [feature] if isinstance(feature, str) else list(feature)
        unknown = sorted(set(names) - set(frame["feature"]))
        if unknown:
            raise DiscourseError(f"feature(s) {unknown} not in these results (see discourse.rhetoric.FEATURE_NAMES)")
        frame = frame[frame["feature"].isin(names) & (frame["count"] > 0)]
        for row in frame.itertuples(index=False):
            for hit in row.evidence or ():
                rows.append((row.thread_id, row.unit_id, row.unit_kind, "feature", None, None, row.feature,
                             row.feature, int(hit["start"]), int(hit["end"]), 1.0))
    else:
        frame = frame[frame["method"] == sentiment]
        if frame.empty and sentiment not in set(tables[needed]["method"]):
            raise DiscourseError(f"sentiment method {sentiment!r} is not in these results")
        for row in frame.itertuples(index=False):
            rows.append((row.thread_id, row.unit_id, row.unit_kind, "sentiment", None, None, sentiment,
                         row.cue, int(row.start), int(row.end), float(row.value)))
    texts, sentences = _contexts(tables)
    records = []
    for thread, unit, kind, measure, actor_id, src, feat, term, start, end, contribution in rows:
        text = texts.get((str(thread), str(unit)), "")
        records.append({
            "thread_id": thread, "unit_id": unit, "unit_kind": kind,
            "part": "comments" if kind == "comment" else "article",
            "measure": measure, "actor": actor_id, "source": src, "feature": feat, "term": term,
            "start": start, "end": end, "surface": text[start:end], "contribution": contribution,
            "span": format_span(term, start, end, contribution),
            "context": _context(text, kind, sentences.get((str(thread), str(unit)), []), start),
        })
    table = pd.DataFrame.from_records(records, columns=list(EVIDENCE_COLUMNS))
    if len(table):
        # Reading order of units, then the strongest contribution first within a unit.
        order = {}
        units = tables.get("units")
        if units is not None:
            order = {(str(t), str(u)): i for i, (t, u) in enumerate(zip(units["thread_id"], units["unit_id"]))}
        table = table.assign(
            _unit=[order.get((str(t), str(u)), len(order)) for t, u in zip(table["thread_id"], table["unit_id"])],
            _weight=-table["contribution"].abs(),
        ).sort_values(["_unit", "_weight", "start"], kind="stable").drop(columns=["_unit", "_weight"])
    return table.reset_index(drop=True)
