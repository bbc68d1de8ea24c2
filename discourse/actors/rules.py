"""The word lists behind the actor context rules and the discovery of unknown names.

Read once per process from ``discourse/lexicons/data/actor_rules.toml`` (data, with a provenance
header); :mod:`discourse.actors.disambiguation` and :mod:`discourse.actors.discovery` say how
each list is used.

Examples
--------
>>> rules = actor_rules()
>>> "in" in rules.place_prepositions, "president" in rules.titles
(True, True)
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from discourse.actors.matching import alias_key
from discourse.errors import LexiconError

if sys.version_info >= (3, 11):  # pragma: no cover - depends on the interpreter
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["ActorRules", "actor_rules", "is_common_word", "is_title_case"]


@dataclass(frozen=True)
class ActorRules:
    """The lists of ``actor_rules.toml`` (lower case) and the file's provenance record.

    Attributes
    ----------
    place_prepositions, event_nouns, titles, organs, prefixes, institutions, stopwords : frozenset of str
        See the comments in the data file.
    named_after : frozenset of str
        Nouns of things named after an actor ("Bridge", "Airport": rule "named after").
    institution_gap : int
        Lower-case words allowed between a state's name and its institution.
    bare_institutions : tuple of str
        Institution words matched alone and resolved from context ("Senate", "Supreme Court"),
        as written (they are ``cased`` aliases).
    bare_need_article, bare_legislatures : frozenset of str
        Those of them that need "the" before them ("the House"), and those that fall back to the
        state's government actor when the state has no actor of its own for the institution.
    bare_heads : frozenset of str
        Nouns after which a ``need_article`` word needs no "the" ("House vote", "House members").
    bare_services : frozenset of str
        The armed services among the words ("Army", "Navy"): not part of a longer name ("Air
        Force One", "Navy Yard").
    bare_generic : frozenset of str
        Generic names of a state's organ ("Ministry of Defence", "Foreign Ministry"; ``generic``
        of ``[bare_institutions]``, also in `bare_institutions`): a registry actor's alias that is
        one of them is no alias of that actor alone; the word is resolved like the other bare
        institution words.
    kind_heads : dict of str to str
        Head word -> suggested kind, for discovery.
    common_surnames : frozenset of str
        Derived surname aliases: surnames too frequent to be distinctive ("Moore", "Walker").
    clerical_titles : frozenset of str
        Titles of clerics: a surname after one is not the registry's politician.
    surname_titles : dict of str to tuple of str
        Rule "titled surname": a title of office (lower case, possibly several words) -> the
        lower-case words of which one must occur in a person's ``office`` for the title to fit.
    speech_verbs, speech_between : frozenset of str
        Rule "titled surname": the speech and communication verbs that make a bare surname their
        subject ("Kerry said"), and the words allowed between ("Kerry has said").
    party_adjectives, party_nouns : frozenset of str
        Rule "party phrase": a party alias of an adjective then a noun of these lists ("Liberal
        Democrats") needs another actor of the party's state in the text.
    top_office_states : frozenset of str
        Rule "derived surname": the states (registry ids) whose top office holders a text may
        name by surname alone, without naming the state ("Harper", "Kerry").
    subnational_regions : frozenset of str
        Rule "sub-national office": the names of the first-level divisions of federal states
        ("illinois", "ontario", "new south wales").
    subnational_offices, subnational_heads : frozenset of str
        The offices those regions have too ("attorney general's office", "supreme court") and the
        head words of departments ("department", "ministry").
    subnational_titles : frozenset of str
        Titles only a region's officials bear ("governor", "attorney general"), without full
        stops.
    months, date_before : frozenset of str
        Rule "surname": the month names (some are surnames too: *May*) and the words before one
        that make it a date (``[surname_dates]``: *on May 22*, *in May*).
    nicknames : dict of str to frozenset of str
        Given name -> its other forms (``[nicknames]``: "charles" -> "chuck", "charlie"): rules
        "embedded" and "derived surname" take a formal given name for the person's own
        ("Charles Schumer" is Chuck Schumer).
    lower_case_after, lower_case_before : frozenset of str
        Rule "lower-case name" (``[lower_case_names]``): the words before (determiners, "to",
        modals) and after ("card") a person's name written in lower case that is also an
        English word, which make it the word ("his trump card", "to trump"), not the person.
    language_verbs, language_after, language_nouns : frozenset of str
        Rule "language" (``[language]``): the verbs before a demonym and the words after it that
        make it a language ("speaks French fluently"), and the nouns after it or joined to it by a
        hyphen that do ("Russian lessons", "French-language").
    abbreviation_by_state : dict of str to str
        Rule "abbreviation by state" (``[abbreviation_by_state]``): an abbreviation as the registry
        writes it ("CPC") -> the id of the actor of another state that it names when the text
        names that state and not the registry owner's.
    outlet_short_names : dict of str to str
        Rule "outlet short name" (``[outlet_short_names]``): a short name as written ("Globe") ->
        the outlet's registry id.
    outlet_words : frozenset of str
        The same rule: the words of news work, one of which the text must have ("article",
        "editorial", "columnist").
    government_nouns : frozenset of str
        Rule "government compound" (``[government_compound]``): the nouns after a head of state or
        government's name that make the pair the government ("the Harper government", "the
        Maduro regime").
    info : dict
        Provenance record (name, file, sha256, version, source, licence, citation, entries).
    """

    place_prepositions: frozenset[str]
    event_nouns: frozenset[str]
    titles: frozenset[str]
    organs: frozenset[str]
    prefixes: frozenset[str]
    institutions: frozenset[str]
    institution_gap: int
    stopwords: frozenset[str]
    kind_heads: dict[str, str] = field(default_factory=dict)
    bare_institutions: tuple[str, ...] = ()
    bare_need_article: frozenset[str] = frozenset()
    bare_legislatures: frozenset[str] = frozenset()
    bare_heads: frozenset[str] = frozenset()
    bare_services: frozenset[str] = frozenset()
    bare_generic: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    family_name_first: frozenset[str] = frozenset()
    office_titles: frozenset[str] = frozenset()
    common_surnames: frozenset[str] = frozenset()
    clerical_titles: frozenset[str] = frozenset()
    surname_titles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    speech_verbs: frozenset[str] = frozenset()
    speech_between: frozenset[str] = frozenset()
    top_office_states: frozenset[str] = frozenset()
    party_adjectives: frozenset[str] = frozenset()
    party_nouns: frozenset[str] = frozenset()
    subnational_regions: frozenset[str] = frozenset()
    subnational_offices: frozenset[str] = frozenset()
    subnational_heads: frozenset[str] = frozenset()
    subnational_titles: frozenset[str] = frozenset()
    named_after: frozenset[str] = frozenset()
    language_verbs: frozenset[str] = frozenset()
    language_nouns: frozenset[str] = frozenset()
    language_after: frozenset[str] = frozenset()
    lower_case_after: frozenset[str] = frozenset()
    lower_case_before: frozenset[str] = frozenset()
    government_nouns: frozenset[str] = frozenset()
    abbreviation_by_state: dict[str, str] = field(default_factory=dict)
    outlet_short_names: dict[str, str] = field(default_factory=dict)
    outlet_words: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()
    date_before: frozenset[str] = frozenset()
    nicknames: dict[str, frozenset[str]] = field(default_factory=dict)
    info: dict[str, str] = field(default_factory=dict)


def _words(data: dict[str, Any], table: str, key: str) -> frozenset[str]:
    try:
        values = data[table][key]
    except KeyError:
        raise LexiconError(f"actor_rules.toml: missing [{table}] {key}") from None
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise LexiconError(f"actor_rules.toml: [{table}] {key} must be a list of strings")
    return frozenset(v.lower() for v in values)


@lru_cache(maxsize=1)
def actor_rules() -> ActorRules:
    """The bundled rule lists, read once per process.

    Examples
    --------
    >>> actor_rules().kind_heads["party"]
    'party'
    """
    from discourse.lexicons import DATA_DIR, provenance_record

    path = DATA_DIR / "actor_rules.toml"
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    data = tomllib.loads(text)
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        if sep and " " not in key.strip():
            header.setdefault(key.strip().lower(), value.strip())
    kind_heads: dict[str, str] = {}
    for kind, heads in data.get("kinds", {}).items():
        for head in heads:
            kind_heads.setdefault(head.lower(), kind)
    lists = {
        "place_prepositions": _words(data, "place", "prepositions"),
        "event_nouns": _words(data, "event", "nouns"),
        "titles": _words(data, "titles", "words"),
        "organs": _words(data, "organs", "words"),
        "prefixes": _words(data, "prefixes", "words"),
        "institutions": _words(data, "institutions", "words"),
        "stopwords": _words(data, "stopwords", "words"),
    }
    entries = sum(len(v) for v in lists.values()) + len(kind_heads) + len(data.get("bare_institutions", {}).get("words", [])) + len(data.get("given_names", {}).get("words", []))
    entries += len(data.get("common_surnames", {}).get("words", [])) + len(data.get("clerical_titles", {}).get("words", []))
    entries += len(data.get("surname_titles", {})) + len(data.get("speech_verbs", {}).get("words", []))
    entries += len(data.get("top_office", {}).get("states", [])) + len(data.get("bare_institutions", {}).get("heads", [])) + len(data.get("bare_institutions", {}).get("generic", []))
    entries += len(data.get("party_phrases", {}).get("adjectives", [])) + len(data.get("party_phrases", {}).get("nouns", []))
    entries += sum(len(data.get("subnational", {}).get(key, [])) for key in ("regions", "offices", "heads", "titles"))
    entries += len(data.get("named_after", {}).get("nouns", []))
    entries += len(data.get("language", {}).get("verbs", [])) + len(data.get("language", {}).get("after", []))
    entries += len(data.get("language", {}).get("nouns", []))
    entries += len(data.get("lower_case_names", {}).get("english_after", [])) + len(data.get("lower_case_names", {}).get("english_before", []))
    entries += len(data.get("government_compound", {}).get("nouns", []))
    abbreviations = data.get("abbreviation_by_state", {})
    if not all(isinstance(v, str) for v in abbreviations.values()):
        raise LexiconError("actor_rules.toml: [abbreviation_by_state] values must be actor ids (strings)")
    entries += len(abbreviations)
    outlets = data.get("outlet_short_names", {})
    outlet_names = outlets.get("names", {})
    if not isinstance(outlet_names, dict) or not all(isinstance(v, str) for v in outlet_names.values()):
        raise LexiconError("actor_rules.toml: [outlet_short_names.names] values must be actor ids (strings)")
    entries += len(outlet_names) + len(outlets.get("words", []))
    entries += len(data.get("surname_dates", {}).get("months", [])) + len(data.get("surname_dates", {}).get("before", []))
    nicknames = _nicknames(data.get("nicknames", {}).get("groups", []))
    entries += len(data.get("nicknames", {}).get("groups", []))
    info = provenance_record(header.get("name", "actor_rules"), path, hashlib.sha256(raw).hexdigest(), header, entries)
    gap = data.get("institutions", {}).get("gap", 2)
    if not isinstance(gap, int):
        raise LexiconError("actor_rules.toml: [institutions] gap must be an integer")
    bare = data.get("bare_institutions", {})
    words = bare.get("words", [])
    generic = bare.get("generic", [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words + generic):
        raise LexiconError("actor_rules.toml: [bare_institutions] words and generic must be lists of strings")
    surname_titles: dict[str, tuple[str, ...]] = {}
    for title, offices in data.get("surname_titles", {}).items():
        if not isinstance(offices, list) or not offices or not all(isinstance(o, str) for o in offices):
            raise LexiconError(f"actor_rules.toml: [surname_titles] {title!r} must be a non-empty list of strings")
        surname_titles[alias_key(title)] = tuple(o.lower() for o in offices)
    return ActorRules(
        **lists,
        surname_titles=surname_titles,
        common_surnames=_words(data, "common_surnames", "words") if "common_surnames" in data else frozenset(),
        clerical_titles=_words(data, "clerical_titles", "words") if "clerical_titles" in data else frozenset(),
        speech_verbs=_words(data, "speech_verbs", "words") if "speech_verbs" in data else frozenset(),
        speech_between=_words(data, "speech_verbs", "between") if "speech_verbs" in data else frozenset(),
        top_office_states=_words(data, "top_office", "states") if "top_office" in data else frozenset(),
        party_adjectives=_words(data, "party_phrases", "adjectives") if "party_phrases" in data else frozenset(),
        party_nouns=_words(data, "party_phrases", "nouns") if "party_phrases" in data else frozenset(),
        named_after=_words(data, "named_after", "nouns") if "named_after" in data else frozenset(),
        language_verbs=_words(data, "language", "verbs") if "language" in data else frozenset(),
        language_nouns=_words(data, "language", "nouns") if "nouns" in data.get("language", {}) else frozenset(),
        language_after=_words(data, "language", "after") if "language" in data else frozenset(),
        lower_case_after=_words(data, "lower_case_names", "english_after") if "lower_case_names" in data else frozenset(),
        lower_case_before=_words(data, "lower_case_names", "english_before") if "lower_case_names" in data else frozenset(),
        subnational_regions=_words(data, "subnational", "regions") if "subnational" in data else frozenset(),
        subnational_offices=_words(data, "subnational", "offices") if "subnational" in data else frozenset(),
        subnational_heads=_words(data, "subnational", "heads") if "subnational" in data else frozenset(),
        subnational_titles=_words(data, "subnational", "titles") if "subnational" in data else frozenset(),
        abbreviation_by_state=dict(abbreviations),
        outlet_short_names=dict(outlet_names),
        outlet_words=_words(data, "outlet_short_names", "words") if "words" in outlets else frozenset(),
        government_nouns=_words(data, "government_compound", "nouns") if "government_compound" in data else frozenset(),
        months=_words(data, "surname_dates", "months") if "surname_dates" in data else frozenset(),
        date_before=_words(data, "surname_dates", "before") if "surname_dates" in data else frozenset(),
        institution_gap=gap,
        nicknames=nicknames,
        kind_heads=kind_heads,
        info=info,
        bare_institutions=tuple(words + [w for w in generic if w not in words]),
        bare_need_article=_words(data, "bare_institutions", "need_article") if words else frozenset(),
        bare_legislatures=_words(data, "bare_institutions", "legislatures") if words else frozenset(),
        bare_heads=_words(data, "bare_institutions", "heads") if "heads" in bare else frozenset(),
        bare_services=_words(data, "bare_institutions", "services") if "services" in bare else frozenset(),
        bare_generic=frozenset(alias_key(w) for w in generic),
        given_names=_words(data, "given_names", "words") if "given_names" in data else frozenset(),
        family_name_first=_words(data, "family_name_first", "countries") if "family_name_first" in data else frozenset(),
        office_titles=_words(data, "office_titles", "words") if "office_titles" in data else frozenset(),
    )


def _nicknames(groups: Any) -> dict[str, frozenset[str]]:
    """``[nicknames]`` groups -> word -> the other words of every group it is in (lower case)."""
    if not isinstance(groups, list) or not all(
        isinstance(g, list) and len(g) >= 2 and all(isinstance(w, str) for w in g) for g in groups
    ):
        raise LexiconError("actor_rules.toml: [nicknames] groups must be lists of two or more strings")
    out: dict[str, set[str]] = {}
    for group in groups:
        words = {w.lower() for w in group}
        for word in words:
            out.setdefault(word, set()).update(words - {word})
    return {word: frozenset(others) for word, others in out.items()}


def is_common_word(text: str) -> bool:
    """True if a capitalised word is an ordinary English word: the Brill lexicon (TextBlob's
    copy, MIT) tags its lower-case form as something other than a proper noun, and does not list
    the capitalised form as a plural proper noun ("Democrats", NNPS).

    Examples
    --------
    >>> is_common_word("Great"), is_common_word("Michael"), is_common_word("Democrats")
    (True, False, False)
    """
    known = _COMMON.get(text)
    if known is not None:
        return known
    from discourse.actors.context import pos_lexicon  # loaded once per process

    tags = pos_lexicon().tags
    lower_tag = tags.get(text.lower())
    known = lower_tag is not None and not lower_tag.startswith("NNP") and tags.get(text) != "NNPS"
    if len(_COMMON) > 100_000:  # bounded: an open vocabulary
        _COMMON.clear()
    _COMMON[text] = known
    return known


_COMMON: dict[str, bool] = {}  # word -> is_common_word (memo)


def _title_case_skip(rules: ActorRules) -> frozenset[str]:
    """The words :func:`is_title_case` does not count (built once per rules, not per sentence:
    the union of two sets of hundreds of words costs more than the sentence test)."""
    cached = _TITLE_CASE_SKIP.get(id(rules))
    if cached is None or cached[0] is not rules:
        cached = _TITLE_CASE_SKIP[id(rules)] = (rules, rules.stopwords | rules.titles)
    return cached[1]


_TITLE_CASE_SKIP: dict[int, tuple[ActorRules, frozenset[str]]] = {}  # id(rules) -> (rules, words)


def is_title_case(doc: Any, first: int, stop: int) -> bool:
    """True for a headline-style sentence (tokens ``first:stop`` of a
    :class:`~discourse.text.Doc`): three or more ordinary English words written with a capital,
    at least 60% of them. Names, titles and stop words do not count, so a sentence with many
    names is not a headline.

    Examples
    --------
    >>> from discourse.text import Doc
    >>> d = Doc("Russia Warns Western Powers Over Deadly Strikes")
    >>> is_title_case(d, 0, len(d.tokens))
    True
    >>> d = Doc("Keir Starmer met the Muslim Brotherhood at the Bank of England.")
    >>> is_title_case(d, 0, len(d.tokens))
    False
    """
    skip = _title_case_skip(actor_rules())
    common = capitalised = 0
    tokens = doc.tokens
    for k in range(first + 1, stop):  # the first word is capitalised anyway
        token = tokens[k]
        if token.kind != "word" or len(token.text) < 3 or token.lower in skip or not is_common_word(token.text):
            continue
        common += 1
        capitalised += token.text[:1].isupper()
    return capitalised >= 3 and capitalised >= 0.6 * common
