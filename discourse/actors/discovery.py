"""Discovery: the names a text uses that the registry does not know.

A stance table only covers the actors the registry knows, so every analysis also reports the
*candidate* names it saw and could not match (table ``actor_candidates``). Detection is cheap
and surface-based (no model):

* a **run** of capitalised words (joined by single spaces, with ``of``, ``for``, ``al``,
  ``bin``, ``de``... inside: "Muslim Brotherhood", "Bank of England"), outside any actor mention;
* stop words (function words, pronouns, calendar words, interjections, titles; the lists in
  ``actor_rules.toml``) end a run and are trimmed from its ends;
* a one-word run whose lower-case form is a common English word (in the Brill lexicon with a
  tag other than a proper noun) is dropped ("Great", "Today"), unless the lexicon lists the
  capitalised plural as a proper noun (``NNPS``: "Democrats", "Republicans");
* **acronyms** of two to six capitals ("FSB", "GOP", "MAGA"), except in shouted sentences and
  except English words of four or more letters in capitals ("STUPID", "SOON");
* sentences in Title Case (headlines: three or more ordinary English words capitalised, at least
  60% of them) are skipped, as are tokens with digits, URLs and handles.

:func:`aggregate_candidates` merges per-thread rows into one table (name, count, examples,
suggested kind) and :func:`candidates_toml` turns it into a registry extension for review
(``discourse actors candidates RESULTS > extra.toml``).

Examples
--------
>>> [c.text for c in find_candidates("Officials met the Qarnak Front and the ZRB; Blutarsky's aides agreed.")]
['Qarnak Front', 'ZRB', 'Blutarsky']
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from operator import attrgetter
from typing import Any, NamedTuple

from discourse.actors.disambiguation import own_name_words
from discourse.actors.matching import Mention, alias_key
from discourse.actors.registry import ActorRegistry, fold_name, registry_or_default
from discourse.actors.rules import actor_rules, is_common_word, is_title_case
from discourse.text import Doc, as_doc

__all__ = [
    "Candidate",
    "find_candidates",
    "candidate_rows",
    "aggregate_candidates",
    "candidates_toml",
    "frequent_candidates",
    "unmatched_summary",
    "UnmatchedTally",
    "warn_unmatched",
    "NOT_ACTOR_KINDS",
]

# Lower-case words allowed inside a run of capitalised words ("Bank of England").
_CONNECTORS = frozenset(
    {"of", "for", "al", "el", "ez", "az", "bin", "ibn", "de", "du", "da", "la", "le", "von", "van", "der", "den"}
)
_NAME_CHARS = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.-](?=[^\W\d_]))*\.?")  # letters, inner ' - .
_HAS_UPPER = re.compile(r"[A-Z\u00C0-\u00DE]")
_START = attrgetter("start")
# A word starting with a capital (not inside a word: "U.S." gives "U" only). The capital comes
# first in the pattern and the look-behind after it, so the engine skips to capitals at C speed.
_WORD_CAPITAL = re.compile(r"[A-Z\u00C0-\u00DE](?<![\w'’.-].)[\w'’]*")
_EXAMPLE_CHARS = 300


class Candidate(NamedTuple):
    """An unmatched name: a view ``[start, end)`` of the text.

    Attributes
    ----------
    start, end : int
        Character offsets (end exclusive).
    text : str
        The name as written (spacing normalised).
    sentence : int
        Index of the sentence in ``doc.sentences``.
    kind : str
        Suggested kind (a guess for the reviewer: see :func:`suggest_kind`; ``place`` and
        ``fragment``, :data:`NOT_ACTOR_KINDS`, from the words around it).
    """

    start: int
    end: int
    text: str
    sentence: int
    kind: str


def _is_name_word(text: str) -> bool:
    return _NAME_CHARS.fullmatch(text) is not None


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


_GROUP_SUFFIXES = ("ans", "ists", "ites", "ese", "urds")


def _plural_proper(word: str) -> bool:
    """The Brill lexicon lists the word as a plural proper noun (NNPS)."""
    from discourse.actors.context import pos_lexicon

    return pos_lexicon().tags.get(word) == "NNPS"


def suggest_kind(words: Sequence[str], after_title: bool) -> str:
    """A guess of the kind of a candidate name, for the reviewer (never used for matching).

    The last word decides when it is a head word of ``actor_rules.toml`` ("... Party" ->
    ``party``, "... News" -> ``media``); an acronym is an ``organisation``; a name after a title
    or of two or three name words is a ``person``; a plural in -s a ``group``.

    Examples
    --------
    >>> suggest_kind(["Muslim", "Brotherhood"], False), suggest_kind(["Keir", "Starmer"], False)
    ('other', 'person')
    >>> suggest_kind(["FSB"], False), suggest_kind(["Salafists"], False), suggest_kind(["Modi"], True)
    ('organisation', 'group', 'person')
    """
    rules = actor_rules()
    head = words[-1].lower().rstrip(".")
    if head in rules.kind_heads:
        return rules.kind_heads[head]
    if len(words) == 1 and _is_acronym(words[0]):
        return "organisation"
    if after_title:
        return "person"
    if 2 <= len(words) <= 3 and all(w[:1].isupper() and not is_common_word(w) for w in words):
        return "person"
    if len(words) == 1 and (head.endswith(_GROUP_SUFFIXES) or _plural_proper(words[0])):
        return "group"  # "Kurds", "Salafists", "Democrats" (not "Francis")
    return "other"


def _shouted(doc: Doc, first: int, stop: int) -> bool:
    """True for a sentence mostly in capitals."""
    words = [t.text for t in doc.tokens[first:stop] if t.kind == "word" and t.text.isalpha() and len(t.text) >= 2]
    return len(words) >= 3 and sum(1 for w in words if w.isupper()) >= 0.6 * len(words)


_MAX = sys.maxsize
_MEMO_LIMIT = 100_000  # entries of each word memo below (an open vocabulary)
_NAME_WORD: dict[str, bool] = {}  # token text -> _name_word_ok (memo)
_STOP_GROUP: dict[str, bool] = {}  # capitalised word as the pattern found it -> a stop word (memo)
_SINGLE: dict[str, tuple[bool, bool, bool, str, str]] = {}  # one-word run -> _single_word (memo)


def _name_word_ok(token: Any, stopwords: frozenset[str], titles: frozenset[str]) -> bool:
    """Checks of a capitalised token that depend on the word alone (memoised by its text): not a
    stop word, not a hyphenated title ("Major-General"), a word or acronym made of letters."""
    ok = not (
        token.lower in stopwords
        or ("-" in token.lower and all(part in titles for part in token.lower.split("-")))
        or token.kind not in ("word", "acronym")
        or not _is_name_word(token.text)
    )
    if len(_NAME_WORD) > _MEMO_LIMIT:
        _NAME_WORD.clear()
    _NAME_WORD[token.text] = ok
    return ok


def _stop_group(group: str, stopwords: frozenset[str]) -> bool:
    """True if a capitalised word found by the pattern is a stop word ("I", "The"); memoised."""
    stop = group.lower() in stopwords
    if len(_STOP_GROUP) > _MEMO_LIMIT:
        _STOP_GROUP.clear()
    _STOP_GROUP[group] = stop
    return stop


def _single_word(word: str, lower: str) -> tuple[bool, bool, bool, str, str]:
    """What a run of one word (a capitalised token that passed :func:`_name_word_ok`) gives,
    as far as it depends on the word alone (memoised by its text): ``(dropped, capitals,
    acronym, kind, kind after a title)``. `dropped`: a connector ("De"), a shouted English word
    ("STUPID"), or a one-letter or common English word; `capitals`: it has two or more capitals
    and so needs the shouted-sentence check. The same tests, in effect, as the general path."""
    acronym = _is_acronym(word)
    dropped = (
        lower in _CONNECTORS
        or (acronym and len(word) >= 4 and is_common_word(word.capitalize()))
        or (not acronym and (len(word) < 2 or is_common_word(word)))
    )
    capitals = word.isupper() and len(word) > 1
    info = (dropped, capitals, acronym, suggest_kind([word], False), suggest_kind([word], True))
    if len(_SINGLE) > _MEMO_LIMIT:
        _SINGLE.clear()
    _SINGLE[word] = info
    return info


def find_candidates(
    text_or_doc: str | Doc,
    mentions: Sequence[Mention] | None = None,
    registry: ActorRegistry | None = None,
) -> list[Candidate]:
    """Capitalised names and acronyms in a text that are not actor mentions.

    Parameters
    ----------
    text_or_doc : str or Doc
    mentions : sequence of Mention, optional
        The mentions already found (default: found with `registry`).
    registry : ActorRegistry, optional
        The registry that finds (or found) `mentions`; defaults to the bundled registry. Names
        of it that its context rules dropped in this text (:meth:`ActorRegistry.dropped_spans`:
        "WASHINGTON —", "in the White House") are no candidates.

    Returns
    -------
    list of Candidate
        In text order.

    Examples
    --------
    >>> [(c.text, c.kind) for c in find_candidates("On Monday Senator Blutarsky met the Zorgonians in private.")]
    [('Blutarsky', 'person'), ('Zorgonians', 'group')]
    """
    doc = as_doc(text_or_doc)
    text = doc.text
    if _HAS_UPPER.search(text) is None:
        return []  # an all-lower-case text: nothing to go on (and the common case is cheap)
    registry = registry_or_default(registry)
    if mentions is None:
        mentions = registry.find(doc)
    rules = actor_rules()
    stopwords, titles = rules.stopwords, rules.titles
    caps = _capitalised_words(doc, mentions, stopwords, titles)
    if not caps:
        return []
    found = _runs(doc, caps, mentions, stopwords, titles)
    dropped = registry.dropped_spans(doc)
    if dropped and found:  # registry names the context rules dropped ("in the White House")
        found = [c for c in found if not any(a <= c.start and c.end <= b for a, b in dropped)]
    if found and mentions:
        found = _without_own_given_names(doc, found, mentions, registry)
    return found


def _without_own_given_names(
    doc: Doc, found: list[Candidate], mentions: Sequence[Mention], registry: ActorRegistry
) -> list[Candidate]:
    """`found` without a person's own given name written right before their mention.

    The mention of "Maggie Thatcher" or "Senator Charles Schumer" is the surname alone (rule
    "embedded" keeps it because the word before is one of the person's names or a form of one,
    ``[nicknames]``); the given name is no unknown actor."""
    person_at = {m.start: m.actor_id for m in mentions if registry[m.actor_id].kind == "person"}
    if not person_at:
        return found
    text = doc.text
    kept = []
    for c in found:
        actor_id = person_at.get(c.end + 1)
        if actor_id is not None and text[c.end] == " ":
            own = own_name_words(registry, actor_id)
            if all(alias_key(word) in own for word in c.text.split()):
                continue
        kept.append(c)
    return kept


def _capitalised_words(
    doc: Doc, mentions: Sequence[Mention], stopwords: frozenset[str], titles: frozenset[str]
) -> list[tuple[int, int]]:
    """``(sentence, token index)`` of the capitalised name-like words that are not mentions.

    Runs once per text, so it avoids all per-word work it can: the capitals are found at C
    speed by the pattern (most words are not capitalised), and the checks that depend on the
    word alone are memoised."""
    covered: set[int] | frozenset[int] | None = None
    caps: list[tuple[int, int]] = []
    # set with `covered`, on the first capitalised word (most texts' words are never looked up)
    starts: tuple[int, ...] = ()
    texts: tuple[str, ...] = ()
    ranges: tuple[tuple[int, int], ...] = ()
    stop_group, name_word = _STOP_GROUP.get, _NAME_WORD.get
    for match in _WORD_CAPITAL.finditer(doc.text):
        group = match.group()
        stop = stop_group(group)
        if stop is None:
            stop = _stop_group(group, stopwords)
        if stop:
            continue  # "I", "The", "And": never (part of) a name
        if covered is None:
            covered = {k for m in mentions for k in range(m.token_start, m.token_end)} if mentions else frozenset()
            columns = doc.token_columns
            starts, texts = columns.starts, columns.texts
            ranges = doc.sentence_token_ranges
        start = match.start()
        k = bisect_right(starts, start) - 1
        if k < 0 or starts[k] != start or k in covered:
            continue  # inside a token, or a mention
        word = texts[k]
        ok = name_word(word)  # the checks that depend on the word alone
        if ok is None:
            ok = _name_word_ok(doc.tokens[k], stopwords, titles)
        if not ok:
            continue
        # the sentence whose first token is the last one at or before k (ranges: (first, stop))
        si = bisect_right(ranges, (k, _MAX)) - 1
        if k == ranges[si][0] and is_common_word(word) and not (
            k + 1 < len(texts) and texts[k + 1][:1].isupper()
        ):
            continue  # an ordinary word capitalised because it starts the sentence
        caps.append((si, k))
    return caps


def _runs(
    doc: Doc,
    caps: list[tuple[int, int]],
    mentions: Sequence[Mention],
    stopwords: frozenset[str],
    titles: frozenset[str],
) -> list[Candidate]:
    """The candidates: runs of the capitalised words `caps` (see :func:`_capitalised_words`)."""
    text = doc.text
    tokens = doc.tokens
    ranges = doc.sentence_token_ranges
    found: list[Candidate] = []
    shouted: dict[int, bool] = {}
    title_case: dict[int, bool] = {}
    capitalised: dict[int, int] = {}

    def is_headline(si: int) -> bool:
        if si not in title_case:
            # A headline needs three capitalised words besides names; fewer capitals: no need to look
            if not capitalised:
                for sj, _ in caps:
                    capitalised[sj] = capitalised.get(sj, 0) + 1
                for m in mentions:
                    capitalised[m.sentence] = capitalised.get(m.sentence, 0) + 1
            title_case[si] = capitalised[si] >= 4 and is_title_case(doc, *ranges[si])
        return title_case[si]

    def is_shouted(si: int) -> bool:
        if si not in shouted:
            shouted[si] = _shouted(doc, *ranges[si])
        return shouted[si]

    def emit(si: int, run: list[int], after_title: bool) -> None:
        if len(run) == 1:  # the common case, with the word's own checks memoised
            k = run[0]
            token = tokens[k]
            info = _SINGLE.get(token[2])  # Token.text
            if info is None:
                info = _single_word(token[2], token[3])
            if info[0] or (info[1] and is_shouted(si)) or (not info[2] and is_headline(si)):
                return
            start, end = token[0], token[1]
            kind = _reading(doc, k, si, token[3], info[4] if after_title else info[3])
            found.append(Candidate(start, end, " ".join(text[start:end].split()), si, kind))
            return
        while run and (tokens[run[0]].lower in stopwords or tokens[run[0]].lower in _CONNECTORS):
            run.pop(0)
        while run and (tokens[run[-1]].lower in stopwords or tokens[run[-1]].lower in _CONNECTORS):
            run.pop()
        if not run:
            return
        words = [tokens[k].text for k in run]
        acronym = len(run) == 1 and _is_acronym(words[0])
        if acronym and len(words[0]) >= 4 and is_common_word(words[0].capitalize()):
            return  # a shouted English word ("STUPID"), not an acronym
        if any(w.isupper() and len(w) > 1 for w in words) and is_shouted(si):
            return  # capitals in a shouted sentence say nothing
        if not acronym:
            if len(run) == 1 and (len(words[0]) < 2 or is_common_word(words[0])):
                return  # (at a sentence start only the lexicon can tell a name)
            if is_headline(si):
                return  # a headline: every word is capitalised
        start, end = tokens[run[0]].start, tokens[run[-1]].end
        name = " ".join(text[start:end].split())
        found.append(Candidate(start, end, name, si, _reading(doc, run[0], si, name.lower(), suggest_kind(words, after_title))))

    run: list[int] = []
    run_sentence = -1
    after_title = False
    last_title = -2  # token index of the last title word ("President")
    for si, k in caps:
        word = tokens[k].lower
        if run and si == run_sentence:
            last = run[-1]
            if k == last + 1 and _spaced(text, tokens[last], tokens[k]) and word not in titles:
                run.append(k)
                continue
            if (
                k == last + 2
                and tokens[last + 1].lower in _CONNECTORS
                and _spaced(text, tokens[last], tokens[last + 1])
                and _spaced(text, tokens[last + 1], tokens[k])
            ):
                run += [last + 1, k]
                continue
        if run:
            emit(run_sentence, run, after_title)
            run = []
        if word in titles:
            last_title = k  # "President Blutarsky": not part of the name, but says it is a person's
            continue
        run, run_sentence, after_title = [k], si, k == last_title + 1
    if run:
        emit(run_sentence, run, after_title)
    return found


NOT_ACTOR_KINDS = ("place", "fragment")
"""The suggested kinds of candidates that are no actor's name by themselves: a place (*in
Vancouver*, *Ontario*) and the end of a longer name whose first word is a stop word (*Nations*
of *First Nations*). The warning of :func:`warn_unmatched` leaves them out."""

# Rule "place" of the context rules without "at" and "into": people are their objects too
# ("angry at Simpson", "looked into Comey").
_NOT_PLACE_PREPOSITIONS = frozenset({"at", "into"})


def _reading(doc: Doc, k: int, si: int, lower: str, kind: str) -> str:
    """The suggested kind of a candidate starting at token `k` (sentence `si`), given the kind
    `kind` its words suggest: ``fragment`` after a capitalised English stop word inside a
    clause, after a word, number or comma (*over 600 First Nations*, *writes Will Saletan*: the
    name began before discovery's run, as stop words never start one; not *idea: Would
    Blagojevich*, where the sentence splitter saw no new sentence), else ``place`` for a name with no other guess (``other``)
    that is a sub-national region (*Ontario*, *Texas*: ``[subnational]``) or follows a locative
    preposition of rule "place", a *the* between allowed (*in Vancouver*, *near the Middle
    East*), else `kind`."""
    rules = actor_rules()
    tokens = doc.tokens
    first = doc.sentence_token_ranges[si][0]
    if k - 1 > first:
        before = tokens[k - 1]
        word = before[2]  # Token.text
        if (
            len(word) > 1
            and word[:1].isupper()
            and word[1:].islower()
            and before[3] in rules.stopwords  # Token.lower
            and before[3] not in rules.titles
            and _spaced(doc.text, before, tokens[k])
            and (tokens[k - 2][4] in ("word", "number") or tokens[k - 2][2] == ",")  # Token.kind, .text
            and is_common_word(word)
        ):
            return "fragment"
    if kind != "other":
        return kind
    if alias_key(lower) in rules.subnational_regions:
        return "place"
    j = k - 1
    if j >= first and tokens[j][3] == "the":
        j -= 1
    if j >= first and tokens[j][3] in rules.place_prepositions and tokens[j][3] not in _NOT_PLACE_PREPOSITIONS:
        return "place"
    return kind


def _spaced(text: str, left: Any, right: Any) -> bool:
    """Two tokens separated by exactly one space."""
    return right.start - left.end == 1 and text[left.end] == " "


def candidate_rows(
    units: Iterable[tuple[str, Doc, Sequence[Mention]]],
    *,
    thread_id: str | None = None,
    registry: ActorRegistry | None = None,
) -> list[dict[str, Any]]:
    """Rows of the ``actor_candidates`` table for one thread: one per name.

    Parameters
    ----------
    units : iterable of (unit_id, Doc, mentions)
    thread_id : str, optional
        Put first in each row when given.
    registry : ActorRegistry, optional
        The registry that found the mentions (default: the bundled one); see :func:`find_candidates`.

    Returns
    -------
    list of dict
        ``name``, ``count`` (occurrences), ``units`` (units using it), ``example`` (the first
        sentence using it, at most 300 characters), ``example_unit``, ``suggested_kind``; by
        count, then name.

    Examples
    --------
    >>> from discourse.text import Doc
    >>> rows = candidate_rows([("c1", Doc("Hamas said no. Hamas again."), ())])
    >>> [(r["name"], r["count"], r["units"]) for r in rows]
    [('Hamas', 2, 1)]
    """
    table: dict[str, dict[str, Any]] = {}
    seen_units: dict[str, set[str]] = {}
    readings: dict[str, dict[str, int]] = {}  # name -> occurrences read as each of NOT_ACTOR_KINDS
    for unit_id, doc, mentions in units:
        for c in find_candidates(doc, mentions, registry):
            row = table.get(c.text)
            if row is None:
                sentence = doc.sentences[c.sentence]
                example = " ".join(doc.text[sentence.start : sentence.end].split())[:_EXAMPLE_CHARS]
                row = table[c.text] = {
                    "name": c.text, "count": 0, "units": 0, "example": example,
                    "example_unit": unit_id, "suggested_kind": None,
                }
                seen_units[c.text] = set()
                readings[c.text] = {}
            row["count"] += 1
            seen_units[c.text].add(unit_id)
            if c.kind in NOT_ACTOR_KINDS:
                readings[c.text][c.kind] = readings[c.text].get(c.kind, 0) + 1
            elif row["suggested_kind"] is None:
                row["suggested_kind"] = c.kind
    rows = []
    for name, row in table.items():
        row["units"] = len(seen_units[name])
        row["suggested_kind"] = _row_kind(row["suggested_kind"], readings[name], row["count"])
        rows.append({"thread_id": thread_id, **row} if thread_id is not None else row)
    rows.sort(key=lambda r: (-r["count"], r["name"]))
    return rows


def _row_kind(first: str | None, readings: Mapping[str, int], count: int) -> str:
    """The suggested kind of a thread's row: the reading of :data:`NOT_ACTOR_KINDS` that at
    least half of the name's occurrences have (the more frequent of the two), else the kind of
    its first other occurrence (``other`` if none)."""
    if readings and 2 * sum(readings.values()) >= count:
        return sorted(readings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return first or "other"


def aggregate_candidates(rows: Iterable[Mapping[str, Any]], *, examples: int = 3) -> list[dict[str, Any]]:
    """Merge ``actor_candidates`` rows (per thread) into one row per name for the whole corpus.

    Names are merged after accent and case folding (the most frequent spelling is shown).

    Returns
    -------
    list of dict
        ``name``, ``count``, ``threads``, ``units``, ``suggested_kind`` (the most frequent guess),
        ``examples`` (up to `examples` sentences, " | "-separated), by count then name.

    Examples
    --------
    >>> rows = [{"thread_id": "t1", "name": "Hamas", "count": 2, "units": 1, "example": "Hamas said.",
    ...          "example_unit": "c1", "suggested_kind": "other"},
    ...         {"thread_id": "t2", "name": "HAMAS", "count": 1, "units": 1, "example": "HAMAS!",
    ...          "example_unit": "c9", "suggested_kind": "organisation"}]
    >>> [(r["name"], r["count"], r["threads"]) for r in aggregate_candidates(rows)]
    [('Hamas', 3, 2)]
    """
    merged: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = fold_name(str(row["name"]))
        entry = merged.setdefault(
            key, {"spellings": {}, "count": 0, "threads": set(), "units": 0, "kinds": {}, "examples": []}
        )
        count = int(row["count"])
        entry["spellings"][row["name"]] = entry["spellings"].get(row["name"], 0) + count
        entry["count"] += count
        entry["threads"].add(row.get("thread_id"))
        entry["units"] += int(row.get("units", 1) or 1)
        kind = row.get("suggested_kind") or "other"
        entry["kinds"][kind] = entry["kinds"].get(kind, 0) + count
        example = row.get("example")
        if example and len(entry["examples"]) < examples and example not in entry["examples"]:
            entry["examples"].append(example)
    out = []
    for entry in merged.values():
        name = sorted(entry["spellings"].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        kind = sorted(entry["kinds"].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        out.append({
            "name": name, "count": entry["count"], "threads": len(entry["threads"]),
            "units": entry["units"], "suggested_kind": kind, "examples": " | ".join(entry["examples"]),
        })
    out.sort(key=lambda r: (-r["count"], r["name"]))
    return out


def frequent_candidates(
    rows: Sequence[Mapping[str, Any]], n_units: int, *, min_count: int = 5, min_share: float = 0.01
) -> list[Mapping[str, Any]]:
    """The aggregated candidates frequent enough to warn about: at least `min_count`
    occurrences and used in at least `min_share` of the analysed units.

    Examples
    --------
    >>> frequent_candidates([{"name": "Hamas", "count": 9, "units": 9}], n_units=100)[0]["name"]
    'Hamas'
    >>> frequent_candidates([{"name": "Hamas", "count": 9, "units": 9}], n_units=10_000)
    []
    """
    return [r for r in rows if int(r["count"]) >= min_count and int(r["units"]) >= min_share * max(n_units, 1)]


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", fold_name(name)).strip("_") or "actor"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}_{n}", n + 1
    taken.add(slug)
    return slug


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in escaped) + '"'


def candidates_toml(
    rows: Sequence[Mapping[str, Any]],
    *,
    registry: ActorRegistry | None = None,
    min_count: int = 2,
    limit: int = 50,
    source: str = "",
) -> str:
    """A registry extension (TOML) from aggregated candidates, for a person to review.

    Each candidate becomes an ``[[actors]]`` table with a comment giving its count and example
    sentences; single words get a ``cased`` rule (the safe default for names); the kind is the
    suggested one. Names that the registry resolves after all (another spelling) are skipped.

    Examples
    --------
    >>> text = candidates_toml([{"name": "Zorgons", "count": 4, "threads": 2, "units": 4,
    ...                          "suggested_kind": "group", "examples": "The Zorgons said no."}])
    >>> print(text.split("[[actors]]")[1].strip())  # doctest: +NORMALIZE_WHITESPACE
    # 4 occurrences in 2 thread(s); e.g. "The Zorgons said no."
    id = "zorgons"
    name = "Zorgons"
    kind = "group"
    names = ["Zorgons"]
    cased = ["Zorgons"]
    """
    from discourse.errors import UnknownActorError

    reg = registry_or_default(registry)
    taken = set(reg.ids)
    lines = [
        "# name: candidates",
        f"# source: unmatched names found by discourse (actor_candidates){' in ' + source if source else ''}",
        "# licence: (yours)",
        "# version: 1",
        "#",
        "# REVIEW BEFORE USE: delete the tables that are not actors, fix ids, kinds and parents",
        "# (parent = an id of the registry, e.g. \"ukraine\"), move aliases of known actors into",
        "# [[extend]] tables. Then: discourse analyze ... --actors THIS_FILE",
        "",
    ]
    n = 0
    for row in rows:
        if n >= limit or int(row["count"]) < min_count:
            continue
        name = str(row["name"])
        if row.get("suggested_kind") in NOT_ACTOR_KINDS:
            continue  # a place or a fragment of a longer name: no actor to add
        try:
            reg.resolve(name)
            continue  # known after all (another spelling of a registry name)
        except UnknownActorError:
            pass
        n += 1
        examples = str(row.get("examples", "")).split(" | ")[:2]
        shown = "; ".join(_toml_string(e[:160]) for e in examples if e)
        lines.append("[[actors]]")
        lines.append(f"# {row['count']} occurrences in {row.get('threads', 1)} thread(s); e.g. {shown}")
        lines.append(f"id = {_toml_string(_slug(name, taken))}")
        lines.append(f"name = {_toml_string(name)}")
        lines.append(f"kind = {_toml_string(str(row.get('suggested_kind') or 'other'))}")
        form = "abbreviations" if _is_acronym(name) else "names"
        lines.append(f"{form} = [{_toml_string(name)}]")
        if " " not in name and not _is_acronym(name):
            lines.append(f"cased = [{_toml_string(name)}]")
        lines.append("")
    return "\n".join(lines)


def unmatched_summary(rows: Iterable[Mapping[str, Any]], n_units: int, *, top: int = 10) -> dict[str, Any]:
    """A short record of the unmatched names of an analysis (for its manifest and warning).

    Parameters
    ----------
    rows : iterable of dict
        ``actor_candidates`` rows (per thread).
    n_units : int
        Units analysed (titles, article bodies, comments).

    Returns
    -------
    dict
        ``distinct`` (names), ``occurrences``, ``frequent`` (up to `top` ``{name, count, units}``
        of :func:`frequent_candidates`, leaving out the names that at least half of their
        occurrences show to be no actor's name: rows whose ``suggested_kind`` is one of
        :data:`NOT_ACTOR_KINDS`, a place or a fragment of a longer name).

    Examples
    --------
    >>> rows = [{"thread_id": "t", "name": "Hamas", "count": 9, "units": 9},
    ...         {"thread_id": "t", "name": "Vancouver", "count": 12, "units": 12, "suggested_kind": "place"}]
    >>> unmatched_summary(rows, 100)["frequent"]
    [{'name': 'Hamas', 'count': 9, 'units': 9}]
    """
    tally = UnmatchedTally()
    tally.add(rows)
    return tally.summary(n_units, top=top)


class UnmatchedTally:
    """:func:`unmatched_summary` counted as the ``actor_candidates`` rows of a run stream by.

    One small entry per distinct name (folded as :func:`aggregate_candidates` folds them: its
    count, units and spellings), so a streamed analysis keeps memory that grows with the
    distinct names, not with the threads (keeping the rows cost about 0.2 KB per comment).

    Examples
    --------
    >>> tally = UnmatchedTally()
    >>> tally.add([{"name": "Hamas", "count": 4, "units": 4}])
    >>> tally.add([{"name": "HAMAS", "count": 5, "units": 5}])
    >>> tally.summary(100)
    {'distinct': 1, 'occurrences': 9, 'frequent': [{'name': 'HAMAS', 'count': 9, 'units': 9}]}
    """

    def __init__(self) -> None:
        # folded name -> [count, units, {spelling: count}, occurrences in rows of NOT_ACTOR_KINDS]
        self._names: dict[str, list[Any]] = {}

    def __len__(self) -> int:
        return len(self._names)

    def add(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Count ``actor_candidates`` rows (only ``name``, ``count``, ``units`` and
        ``suggested_kind`` are read)."""
        names = self._names
        for row in rows:
            name = row["name"]
            key = fold_name(str(name))
            entry = names.get(key)
            if entry is None:
                entry = names[key] = [0, 0, {}, 0]
            count = int(row["count"])
            entry[0] += count
            entry[1] += int(row.get("units", 1) or 1)
            spellings = entry[2]
            spellings[name] = spellings.get(name, 0) + count
            if row.get("suggested_kind") in NOT_ACTOR_KINDS:
                entry[3] += count

    def summary(self, n_units: int, *, top: int = 10) -> dict[str, Any]:
        """The record of :func:`unmatched_summary` for the rows added so far."""
        merged = []
        likely: list[dict[str, Any]] = []  # the names that may be actors (see NOT_ACTOR_KINDS)
        for count, units, spellings, not_actor in self._names.values():
            name = sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            merged.append({"name": name, "count": count, "units": units})
            if 2 * not_actor < count:
                likely.append(merged[-1])
        merged.sort(key=lambda r: (-r["count"], r["name"]))
        likely.sort(key=lambda r: (-r["count"], r["name"]))
        frequent = frequent_candidates(likely, n_units)[:top]
        return {
            "distinct": len(merged),
            "occurrences": sum(int(r["count"]) for r in merged),
            "frequent": [{"name": r["name"], "count": int(r["count"]), "units": int(r["units"])} for r in frequent],
        }


def warn_unmatched(summary: Mapping[str, Any], *, stacklevel: int = 3) -> str | None:
    """Issue a :class:`~discourse.errors.DataWarning` when frequent names went unmatched.

    Returns the message (``None`` when there was nothing to warn about).

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = warn_unmatched({"frequent": [{"name": "Hamas", "count": 9, "units": 9}]})
    >>> str(caught[0].message).split(";")[0]
    "1 frequent name(s) are not in the actor registry: 'Hamas' (9)"
    """
    import warnings

    from discourse.errors import DataWarning

    frequent = summary.get("frequent") or []
    if not frequent:
        return None
    names = ", ".join(f"{r['name']!r} ({r['count']})" for r in frequent)
    message = (
        f"{len(frequent)} frequent name(s) are not in the actor registry: {names}; they are left out "
        "of the stance tables. Review the actor_candidates table, then add them: "
        "`discourse actors candidates RESULTS > extra.toml` and `--actors extra.toml`"
    )
    warnings.warn(message, DataWarning, stacklevel=stacklevel)
    return message
