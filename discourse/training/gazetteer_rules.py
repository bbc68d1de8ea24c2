"""Alias rules of the gazetteer builder: normalisation, case rules, collisions, validation.

The gazetteer (``discourse/lexicons/data/gazetteer/*.toml``) adds about two thousand actors to
the hand-written ``actors.toml``. Its goal is mention *precision* on real comments, so every
alias passes the rules here before it is written:

- **One owner per alias.** Aliases are compared after whitespace normalisation, case folding,
  accent folding and reading hyphens as spaces (the registry matcher reads "al-Qaeda" as
  "al Qaeda"). ``actors.toml`` always keeps its aliases; between new actors a hand-curated claim
  beats a claim derived from a source; two derived claims on the same alias drop it from both
  (it names nothing reliably, e.g. "Korean" for both Koreas); two curated claims are an error.
- **Case rules.** A single capitalised word is ``cased`` (matches "Chad", not "chad", unless the
  whole comment is written in lower case). A phrase is ``cased`` when every word of it is also
  an ordinary lower-case English word ("Green Party", "United States"), judged by the Brill
  tagger lexicon shipped with TextBlob. An all-caps abbreviation whose lower case is an English
  word ("CARE", "AIM") is ``exact``. Rules written in the curated data are kept.
- **Left out.** Words that are too common to name an actor even when capitalised (months,
  modal verbs, frequent first names: "May", "Will", "Kim", "Lee") are dropped unless the
  curated data marks them ``exact``.

Examples
--------
>>> alias_key("  Al-Qaeda ")
'al qaeda'
>>> alias_key("Erdoğan") == alias_key("erdogan")
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from discourse.errors import LexiconError

__all__ = [
    "FORM_KEYS",
    "KINDS",
    "ActorData",
    "Resolution",
    "alias_key",
    "assign_case_rules",
    "common_english_words",
    "resolve_collisions",
    "validate",
]

FORM_KEYS = ("names", "abbreviations", "demonyms", "metonyms", "epithets", "descriptions")
"""Alias lists of an actor table, by form (as in ``actors.toml``)."""

KINDS = (
    "country", "territory", "person", "government", "party", "agency", "igo", "court",
    "armed_group", "media", "platform", "organisation", "group", "other",
)
"""Kinds allowed by the gazetteer schema (``/work/notes/SCHEMA-actors.md``)."""

# Capitalised words that still name too many things to stand alone as an alias: months, modal
# verbs, frequent given names and surnames shared by many prominent people. Only an explicit
# curated ``exact`` rule lets one of them through.
TOO_COMMON = frozenset(
    """
    may will mark bill kim lee li park wang zhang chen liu yang lin ma sun hu he lu
    jun june april august grace hope joy faith victoria male la le de al bin
    president king queen prince minister premier chancellor general leader
    """.split()
)

# All-caps strings that are abbreviations of something else far more often than of an actor in
# the sources (internet slang, technology, medicine): a derived abbreviation in this list is left
# out ("IMO" is the International Maritime Organization in the Factbook, "in my opinion" in
# comments). Curated aliases are not affected.
COMMON_ACRONYMS = frozenset(
    """
    imo imho lol omg wtf tbh fyi aka btw idk smh til eli ama op iso drm doj las can usb ceo cfo
    gdp ngo dna gps asap diy faq rip mvp vip pow ptsd aids hiv psa eod tldr nsfw goat dm pm ok eta
    am fm hr it pr tv pc ai api faq ftw irl jk np nvm ty yw gg afk brb dui dwi gop tba tbd
    nib spf ccc fls arf eas nea wcl eco cdc cpi ppi rpi pcp pcb aws sap dtp npd fia cio dnd dji mic
    ksi hna nsu voa dst osa sia nsa cse sdu
    """.split()
)

_ID = re.compile(r"[a-z0-9_]+")


def fold(text: str) -> str:
    """Accent-fold `text` (NFKD, combining marks removed).

    Examples
    --------
    >>> fold("Orbán Erdoğan Élysée")
    'Orban Erdogan Elysee'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ı", "i")


def alias_key(text: str) -> str:
    """The comparison key of an alias: folded, lower-case, hyphens as spaces, one space.

    Examples
    --------
    >>> alias_key("Hayat  Tahrir al-Sham")
    'hayat tahrir al sham'
    """
    text = fold(text).replace("’", "'").replace("‘", "'")
    text = re.sub(r"[-‐‑–—]+", " ", text)
    return " ".join(text.casefold().split())


def slug(text: str) -> str:
    """An ascii snake_case id for `text`.

    Examples
    --------
    >>> slug("Côte d'Ivoire")
    'cote_d_ivoire'
    """
    text = fold(text).lower()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


@dataclass
class ActorData:
    """One actor (``[[actors]]``) or extension (``[[extend]]``) as the builder assembles it.

    Parameters
    ----------
    id : str
        The actor id (snake_case ascii).
    name : str
        Display name ("" for an extension).
    kind : str
        One of :data:`KINDS` ("" for an extension).
    extend : bool
        True for an ``[[extend]]`` of an actor defined earlier (e.g. in ``actors.toml``).

    Examples
    --------
    >>> a = ActorData("chad", "Chad", "country")
    >>> a.add("names", "Chad", curated=True)
    >>> a.aliases()
    ['Chad']
    """

    id: str
    name: str = ""
    kind: str = ""
    extend: bool = False
    parent: str | None = None
    office: str | None = None
    since: int | None = None
    until: int | None = None
    country: str | None = None
    sources: list[str] = field(default_factory=list)
    forms: dict[str, list[str]] = field(default_factory=dict)
    case: dict[str, str] = field(default_factory=dict)  # alias -> "cased" | "exact"
    curated: set[str] = field(default_factory=set)  # alias keys claimed by curated data
    comment: str | None = None

    def add(self, form: str, text: str, *, curated: bool = False, case: str | None = None) -> None:
        """Add alias `text` under `form` (one of :data:`FORM_KEYS`) unless already present."""
        if form not in FORM_KEYS:
            raise LexiconError(f"actor {self.id!r}: unknown alias form {form!r}; use one of {FORM_KEYS}")
        text = " ".join(str(text).split())
        if not text or not re.search(r"\w", text):
            return
        key = alias_key(text)
        if curated:
            self.curated.add(key)
        for texts in self.forms.values():
            for existing in texts:
                if existing == text:
                    if case:
                        self.case[existing] = case
                    return
        self.forms.setdefault(form, []).append(text)
        if case:
            self.case[text] = case

    def remove(self, text: str) -> None:
        """Drop alias `text` (exact string) and its case rule."""
        for form, texts in self.forms.items():
            if text in texts:
                texts.remove(text)
        self.case.pop(text, None)

    def aliases(self) -> list[str]:
        """All alias texts, by form order."""
        return [t for form in FORM_KEYS for t in self.forms.get(form, [])]

    def source(self, key: str) -> None:
        """Record that source `key` contributed to this actor."""
        if key not in self.sources:
            self.sources.append(key)


# -- case rules -----------------------------------------------------------------------------


def common_english_words(lexicon: Path | None = None) -> frozenset[str]:
    """Lower-case words of the Brill tagger lexicon shipped with TextBlob (Brown + Penn
    Treebank): the ordinary English words an alias may collide with.

    Examples
    --------
    >>> "turkey" in common_english_words()
    True
    """
    if lexicon is None:
        import textblob  # a core dependency of discourse

        lexicon = Path(textblob.__file__).parent / "en" / "en-lexicon.txt"
    words = set()
    for line in lexicon.read_text(encoding="utf-8").splitlines():
        if line.startswith(";;;"):
            continue
        word = line.split(" ", 1)[0]
        if word.isalpha() and word.islower():
            words.add(word)
    return frozenset(words)


def _is_abbreviation(text: str) -> bool:
    compact = text.replace(".", "").replace("&", "").replace("-", "")
    return compact.isalnum() and compact.upper() == compact and any(c.isalpha() for c in compact)


def case_rule_for(text: str, common: frozenset[str]) -> str | None:
    """The case rule the builder gives a derived alias (``None`` = match in any case).

    Examples
    --------
    >>> words = frozenset({"green", "party", "turkey"})
    >>> case_rule_for("Turkey", words), case_rule_for("Green Party", words)
    ('cased', 'cased')
    >>> case_rule_for("Zelenskyy", words), case_rule_for("Saudi Arabia", words)
    ('cased', None)
    >>> case_rule_for("CARE", frozenset({"care"})), case_rule_for("NATO", words)
    ('exact', None)
    """
    if _is_abbreviation(text):
        letters = re.sub(r"[^A-Za-z]", "", text)
        if letters.lower() in common or len(letters) <= 2:
            return "exact"
        return None  # short ones are cased automatically by the matcher; long ones are names
    # words as the matcher sees them: split at spaces and hyphens ("N'Djamena" is one word)
    words = [re.sub(r"^[^\w]+|[^\w]+$", "", w) for w in re.split(r"[\s\-‐–]+", fold(text))]
    words = [w for w in words if re.search(r"[^\W\d_]", w)]
    if not any(w[:1].isupper() for w in words):
        return None  # an all-lower-case alias ("neocons") has nothing to be cased
    if len(words) == 1:
        return "cased"
    capitalised = [w for w in words if w[:1].isupper()]
    if all(w.lower() in common for w in capitalised):
        return "cased"
    return None


def assign_case_rules(actors: Iterable[ActorData], common: frozenset[str]) -> list[str]:
    """Give every alias without a rule the builder's rule; drop too-common words.

    Returns the report lines (what was dropped).

    Examples
    --------
    >>> a = ActorData("theresa_may", "Theresa May", "person")
    >>> a.add("names", "Theresa May"); a.add("names", "May")
    >>> assign_case_rules([a], frozenset({"may"}))
    ["dropped too-common alias 'May' of 'theresa_may'"]
    >>> a.aliases()
    ['Theresa May']
    """
    report = []
    for actor in actors:
        for text in actor.aliases():
            if text in actor.case:
                continue
            key = alias_key(text)
            if key in TOO_COMMON or (len(key) <= 2 and not _is_abbreviation(text)):
                actor.remove(text)
                report.append(f"dropped too-common alias {text!r} of {actor.id!r}")
                continue
            derived = key not in actor.curated
            letters = re.sub(r"[^A-Za-z]", "", text)
            if derived and _is_abbreviation(text) and letters.lower() in common:
                actor.remove(text)  # "SIGN", "PRO", "SAD": an English word when shouted
                report.append(f"dropped abbreviation {text!r} of {actor.id!r} (an English word)")
                continue
            if derived and letters and " " not in text and letters.lower() in COMMON_ACRONYMS and not letters.islower() and letters != text.title():
                actor.remove(text)
                report.append(f"dropped common acronym {text!r} of {actor.id!r}")
                continue
            if derived and " " not in text and not letters.isupper() and sum(c.isupper() for c in letters) >= 2 and letters.lower() in common:
                actor.remove(text)  # mixed-case "LeT": the matcher cannot keep "let" out
                report.append(f"dropped mixed-case abbreviation {text!r} of {actor.id!r} (an English word in lower case)")
                continue
            rule = case_rule_for(text, common)
            if rule:
                actor.case[text] = rule
    return report


# -- collisions -----------------------------------------------------------------------------


@dataclass
class Resolution:
    """What :func:`resolve_collisions` did, for the build report.

    Examples
    --------
    >>> Resolution().dropped
    []
    """

    dropped: list[str] = field(default_factory=list)


def resolve_collisions(builtin: dict[str, set[str]], actors: list[ActorData]) -> Resolution:
    """Make every alias key belong to one actor (rules in the module docstring; between derived
    claims a country beats a territory and a territory anything else).

    Parameters
    ----------
    builtin : dict
        Alias key -> ids of ``actors.toml`` that own it (these always win).
    actors : list of ActorData
        New actors and extensions, in load order; changed in place.

    Raises
    ------
    LexiconError
        If two actors both claim an alias in the curated data.

    Examples
    --------
    >>> n, s = ActorData("north_korea_government", "G", "government"), ActorData("south_korea_government", "G", "government")
    >>> n.add("names", "Korean government"); s.add("names", "Korean government")
    >>> resolve_collisions({}, [n, s]).dropped
    ["'korean government': ambiguous between ['north_korea_government', 'south_korea_government'], dropped from all"]
    """
    result = Resolution()
    claims: dict[str, list[tuple[ActorData, str]]] = {}
    for actor in actors:
        for text in actor.aliases():
            claims.setdefault(alias_key(text), []).append((actor, text))
    for key in sorted(claims):
        owners = {a.id for a, _ in claims[key]}
        if key in builtin:
            keep = builtin[key]
            for actor, text in claims[key]:
                if actor.id not in keep:
                    actor.remove(text)
                    result.dropped.append(
                        f"{text!r}: kept by actors.toml actor {sorted(keep)[0]!r}, dropped from {actor.id!r}"
                    )
            continue
        if len(owners) == 1:
            continue
        curated = sorted({a.id for a, _ in claims[key] if key in a.curated})
        if len(curated) > 1:
            raise LexiconError(
                f"gazetteer: alias {key!r} is claimed by curated actors {curated}; "
                "give it to one of them in discourse/training/gazetteer_curated/"
            )
        winner = curated[0] if curated else None
        # Between derived claims a country beats a territory, a territory anything else: a
        # place's own name beats an acronym ("Guam" vs the GUAM organisation), France keeps
        # "Frenchman" (Saint Pierre and Miquelon's Factbook demonym too).
        for kind in ("country", "territory"):
            places = sorted({a.id for a, _ in claims[key] if a.kind == kind})
            if winner is None and len(places) == 1:
                winner = places[0]
            if places:
                break
        for actor, text in claims[key]:
            if actor.id != winner:
                actor.remove(text)
        if winner:
            losers = sorted(owners - {winner})
            why = "curated for" if curated else "name of the place"
            result.dropped.append(f"{key!r}: {why} {winner!r}, dropped from {losers}")
        else:
            result.dropped.append(f"{key!r}: ambiguous between {sorted(owners)}, dropped from all")
    return result


# -- validation -----------------------------------------------------------------------------


def validate(builtin_ids: set[str], builtin_keys: dict[str, set[str]], files: list[tuple[str, dict[str, Any]]]) -> None:
    """Check parsed gazetteer files (in load order) against the schema.

    Checks: kinds, unique snake_case ids (also against ``actors.toml``), parents defined in an
    earlier file or earlier in the same file or in ``actors.toml``, extensions of existing
    actors, case rules naming aliases of the actor, every alias owned by one actor.

    Raises
    ------
    LexiconError
        Naming the file, the actor and what to fix.

    Examples
    --------
    >>> validate({"russia"}, {"russia": {"russia"}},
    ...          [("x.toml", {"actors": [{"id": "lavrov2", "name": "L", "kind": "person",
    ...                                    "parent": "russia", "names": ["Lavrov II"]}]})])
    """
    known = set(builtin_ids)
    owner: dict[str, str] = {}
    for key, ids in builtin_keys.items():
        owner[key] = sorted(ids)[0]
    aliases_of: dict[str, set[str]] = {}
    for name, data in files:
        for table in data.get("actors", []):
            where = f"{name}: actor {table.get('id')!r}"
            actor_id = table.get("id")
            if not isinstance(actor_id, str) or not _ID.fullmatch(actor_id):
                raise LexiconError(f"{where}: id must be snake_case ascii")
            if actor_id in known:
                raise LexiconError(f"{where}: id is defined twice (use [[extend]] to add to an actor)")
            if table.get("kind") not in KINDS:
                raise LexiconError(f"{where}: kind {table.get('kind')!r} is not one of {KINDS}")
            if not isinstance(table.get("name"), str) or not table["name"].strip():
                raise LexiconError(f"{where}: needs a display name")
            parent = table.get("parent")
            if parent is not None and parent not in known:
                raise LexiconError(f"{where}: parent {parent!r} is not defined earlier")
            country = table.get("country")
            if country is not None and country not in known:
                raise LexiconError(f"{where}: country {country!r} is not defined earlier")
            for year in ("since", "until"):
                if year in table and not isinstance(table[year], int):
                    raise LexiconError(f"{where}: {year} must be an integer year")
            known.add(actor_id)
            _check_aliases(where, actor_id, table, owner, aliases_of)
        for table in data.get("extend", []):
            actor_id = table.get("id")
            where = f"{name}: extend {actor_id!r}"
            if actor_id not in known:
                raise LexiconError(f"{where}: no actor with this id is defined earlier")
            _check_aliases(where, actor_id, table, owner, aliases_of)


def _check_aliases(
    where: str, actor_id: str, table: dict[str, Any], owner: dict[str, str], aliases_of: dict[str, set[str]]
) -> None:
    texts = [t for form in FORM_KEYS for t in table.get(form, [])]
    if not texts and "extend" not in where:
        raise LexiconError(f"{where}: has no aliases, so it could never be found")
    own = aliases_of.setdefault(actor_id, set())
    for text in texts:
        if not isinstance(text, str) or not text.strip():
            raise LexiconError(f"{where}: alias {text!r} must be a non-empty string")
        key = alias_key(text)
        other = owner.get(key)
        if other is not None and other != actor_id:
            raise LexiconError(f"{where}: alias {text!r} already belongs to {other!r}")
        owner[key] = actor_id
        own.add(" ".join(text.split()))
    for mode in ("exact", "cased"):
        for text in table.get(mode, []):
            if " ".join(text.split()) not in own:
                raise LexiconError(f"{where}: {mode} rule for {text!r}, which is not one of its aliases")
