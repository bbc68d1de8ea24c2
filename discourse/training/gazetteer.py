"""Build the actor gazetteer (``discourse/lexicons/data/gazetteer/*.toml``) from fact data.

Run::

    python -m discourse.training.gazetteer ../shared/gazetteer --out discourse/lexicons/data/gazetteer

The builder reads the public fact data described in ``../shared/gazetteer/README.md`` (CIA World
Factbook, ISO/UN country codes, Wikidata world leaders, Party Facts, the Factbook's appendix of
organisations, MISP intelligence agencies, fundus publishers) and the hand-curated supplement in
``discourse/training/gazetteer_curated/*.toml`` (written for discourse from general knowledge:
spelling variants, nicknames, metonyms, armed groups, ministers, parties, agencies, media). It
writes one TOML file per family in the schema the registry loader reads, with a provenance
header, and checks what it wrote (see :func:`check_files`). Same input, same bytes.

How derived and curated data meet (the rules are also in :mod:`.gazetteer_rules`):

- a derived actor that shares a name with an actor of ``actors.toml`` of the same kind becomes
  an ``[[extend]]`` of it (the Factbook's "Vladimir Vladimirovich Putin" extends ``putin``);
- a derived actor that shares a name with a curated actor is merged into the curated one;
- every alias gets one owner, a case rule where it is an ordinary word, or is left out; the
  report lists every alias that was dropped and why.

Examples
--------
>>> from discourse.training.gazetteer import FAMILIES
>>> FAMILIES[0]
'10_countries'
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from discourse.errors import LexiconError
from discourse.training import gazetteer_sources as src
from discourse.training.gazetteer_rules import (
    FORM_KEYS,
    ActorData,
    alias_key,
    assign_case_rules,
    common_english_words,
    fold,
    resolve_collisions,
    slug,
    validate,
)

__all__ = ["FAMILIES", "BuildReport", "build", "check_files", "main"]

FAMILIES = (
    "10_countries",
    "20_governments",
    "30_organisations",
    "40_parties",
    "50_agencies",
    "60_armed_groups",
    "70_people",
    "80_media",
)
"""Output files, in load order (a parent is always defined in an earlier file)."""

PACKAGE = Path(__file__).resolve().parent.parent
ACTORS_TOML = PACKAGE / "lexicons" / "data" / "actors.toml"
CURATED_DIR = Path(__file__).resolve().parent / "gazetteer_curated"

SOURCES = {
    "factbook": ("CIA World Factbook, final edition (factbook/factbook.json @ 8662a8b17a78)", "CC0 / US public domain", "2026-01-22"),
    "iso": ("ISO 3166 / UN country codes (datasets/country-codes @ caa72d1e0e5a)", "ODC-PDDL-1.0", "2026-05"),
    "wikidata": ("Wikidata world leaders (every-politician-scrapers/world-leaders-2021 @ d3cd33860919)", "CC0 (Wikidata)", "2024-10"),
    "partyfacts": ("Party Facts core parties (hdigital/partyfactsdata @ 764de8978f84), Doering & Regel 2019", "MIT", "2024-03"),
    "factbook_igos": ("CIA World Factbook appendix B, international organisations (dieghernan/Country-Codes-and-International-Organizations @ 3a7203aa5fa6)", "public domain / MIT", "2020-01"),
    "misp": ("MISP galaxy intelligence agencies (MISP/misp-galaxy @ 9434ace4eb92)", "CC0 1.0 / BSD-2", "2024-03"),
    "fundus": ("fundus supported publishers (flairNLP/fundus @ 18da6e53592f)", "MIT", "2026-07"),
    "curated": ("written for discourse from general knowledge (discourse/training/gazetteer_curated/)", "MIT (part of discourse)", "see the file's current_to"),
}
"""Source key -> (description, licence, current to)."""

# Kinds of actors.toml (the current loader) that a gazetteer kind may extend.
_OLD_KIND = {
    "country": "country", "territory": "country", "person": "person", "government": "organisation",
    "party": "organisation", "agency": "organisation", "igo": "organisation", "court": "organisation",
    "organisation": "organisation", "armed_group": "group", "group": "group", "media": "media",
    "platform": "media", "other": "other",
}

_MAIN_TITLES = (
    "Prime Minister", "President", "Chancellor", "King", "Queen", "Premier", "Emir", "Amir",
    "Sultan", "Pope", "Emperor", "Crown Prince", "Grand Duke", "Prince", "Taoiseach",
)


@dataclass
class BuildReport:
    """What :func:`build` did: counts and every decision a reviewer should see.

    Examples
    --------
    >>> r = BuildReport(counts={"70_people": {"person": 2}}, lines=["dropped 'May'"])
    >>> r.total(), len(r.lines)
    (2, 1)
    """

    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # file -> kind -> n
    extends: dict[str, int] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def total(self) -> int:
        """New actors over all files."""
        return sum(sum(k.values()) for k in self.counts.values())


# -- inputs -------------------------------------------------------------------------------------


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{path}: {exc}") from None


def _builtin(path: Path = ACTORS_TOML) -> tuple[dict[str, dict[str, Any]], dict[str, set[str]]]:
    """actors.toml: id -> table, alias key -> owning ids."""
    data = _read_toml(path)
    tables = {t["id"]: t for t in data["actors"]}
    keys: dict[str, set[str]] = {}
    for table in data["actors"]:
        for form in FORM_KEYS:
            for text in table.get(form, []):
                keys.setdefault(alias_key(text), set()).add(table["id"])
    return tables, keys


def _curated(directory: Path = CURATED_DIR) -> dict[str, dict[str, Any]]:
    """Curated supplement files by family stem ("countries", "people"...)."""
    return {p.stem: _read_toml(p) for p in sorted(directory.glob("*.toml"))}


def _actor_from_table(table: dict[str, Any], *, extend: bool, where: str) -> ActorData:
    actor = ActorData(
        id=table["id"],
        name=table.get("name", ""),
        kind=table.get("kind", ""),
        extend=extend,
        parent=table.get("parent"),
        office=table.get("office"),
        since=table.get("since"),
        until=table.get("until"),
        country=table.get("country"),
        sources=["curated"],
        comment=table.get("comment"),
    )
    unknown = set(table) - {"id", "name", "kind", "parent", "office", "since", "until", "country", "exact", "cased", "comment", *FORM_KEYS}
    if unknown:
        raise LexiconError(f"{where}: actor {actor.id!r}: unknown field(s) {sorted(unknown)}")
    rules = {t: "exact" for t in table.get("exact", [])}
    rules.update({t: "cased" for t in table.get("cased", [])})
    for form in FORM_KEYS:
        for text in table.get(form, []):
            actor.add(form, text, curated=True, case=rules.get(text))
    stray = [t for t in rules if t not in actor.aliases()]
    if stray:
        raise LexiconError(f"{where}: actor {actor.id!r}: case rule for {stray}, not one of its aliases")
    return actor


# -- the build ---------------------------------------------------------------------------------


class _Builder:
    """Holds the state of one build; one method per family."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.builtin, self.builtin_keys = _builtin()
        self.curated = _curated()
        self.rules = self.curated.get("rules", {})
        self.report = BuildReport()
        self.files: dict[str, list[ActorData]] = {f: [] for f in FAMILIES}
        self.ids: set[str] = set(self.builtin)
        self.places = src.places(root)
        self.country_of_fips: dict[str, str] = {}
        self.country_name: dict[str, str] = {}
        self.adjective: dict[str, str] = {}

    # ---- helpers
    def log(self, line: str) -> None:
        self.report.lines.append(line)

    def new_id(self, base: str) -> str:
        candidate = base
        n = 2
        while candidate in self.ids:
            candidate = f"{base}_{n}"
            n += 1
        self.ids.add(candidate)
        return candidate

    def builtin_match(self, actor: ActorData) -> str | None:
        """The actors.toml id this derived actor duplicates (same name, compatible kind)."""
        for text in actor.aliases():
            for owner in sorted(self.builtin_keys.get(alias_key(text), ())):
                if self.builtin[owner]["kind"] == _OLD_KIND[actor.kind]:
                    words = alias_key(text).split()
                    if len(words) >= 2 or text.isupper() or alias_key(text) == alias_key(actor.name):
                        return owner
        return None

    def add_derived(self, actor: ActorData, out: list[ActorData]) -> None:
        """Append a derived actor to `out`: as ``[[extend]]`` of the actors.toml actor it
        duplicates, else under a new unique id."""
        builtin = self.builtin_match(actor)
        if builtin:
            out.append(self.to_extend(actor, builtin))
            return
        actor.id = self.new_id(actor.id)
        out.append(actor)

    def to_extend(self, actor: ActorData, builtin_id: str) -> ActorData:
        ext = ActorData(id=builtin_id, kind=actor.kind, extend=True, sources=list(actor.sources))
        ext.office, ext.since, ext.until, ext.country = actor.office, actor.since, actor.until, actor.country
        for form in FORM_KEYS:
            for text in actor.forms.get(form, []):
                ext.add(form, text, curated=alias_key(text) in actor.curated, case=actor.case.get(text))
        self.log(f"derived {actor.kind} {actor.name!r} is actors.toml {builtin_id!r}: written as [[extend]]")
        return ext

    # ---- countries and territories
    def countries(self) -> None:
        extra = self.rules.get("countries", {})
        drop = {alias_key(t) for t in extra.get("drop", [])}
        former_ok = {alias_key(t) for t in extra.get("former_names", [])}
        ids = extra.get("ids", {})
        sovereign = {p.iso2: p for p in self.places if p.status == "Yes"}
        out = self.files["10_countries"]
        pending: list[tuple[Any, ActorData]] = []
        for place in self.places:
            name = extra.get("display", {}).get(place.iso3 or place.fips, place.names[0] if place.names else "")
            if not name:
                continue
            kind = "country" if place.status == "Yes" or place.iso3 == "PSE" or place.fips == "KV" else "territory"
            actor = ActorData(id=ids.get(place.iso3 or place.fips, slug(name)), name=name, kind=kind, sources=["factbook"])
            if place.iso3:
                actor.source("iso")
            for n in [name] + place.names:
                if alias_key(n) not in drop:
                    actor.add("names", n)
            for n in place.former:
                if alias_key(n) in former_ok:
                    actor.add("names", n)
            for a in place.abbreviations:
                if alias_key(a) not in drop:
                    actor.add("abbreviations", a)
            for d in place.demonyms:
                if alias_key(d) not in drop and alias_key(d) != alias_key(name):
                    actor.add("demonyms", d)
            if kind == "country":
                for c in place.capitals:
                    if alias_key(c) not in drop and alias_key(c) != alias_key(name):
                        actor.add("metonyms", c)
            m = re.match(r"(?:Territory|Part|Commonwealth|Crown dependency|Associated with) (?:of |with )?([A-Z]{2})$", place.status)
            if m and m.group(1) in sovereign:
                pending.append((m.group(1), actor))
            pending.append((None, actor))
            self.country_of_fips[place.fips] = actor.id
            adjectives = [d for d in place.demonyms if not d.endswith("s")] or [name]
            self.adjective[actor.id] = adjectives[-1]
        by_iso2 = {}
        for place in self.places:
            if place.iso2 and place.fips in self.country_of_fips:
                by_iso2[place.iso2] = self.country_of_fips[place.fips]
        for sov, actor in pending:
            if sov is not None:
                actor.parent = by_iso2.get(sov)
                continue
            builtin = actor.id if actor.id in self.builtin else None  # ids: rules.toml [countries] ids
            if builtin:
                self.ids.add(builtin)
                for p, iid in list(self.country_of_fips.items()):
                    if iid == actor.id:
                        self.country_of_fips[p] = builtin
                self.adjective[builtin] = self.adjective.pop(actor.id, actor.name)
                ext = self.to_extend(actor, builtin)
                out.append(ext)
            else:
                actor.id = self.new_id(actor.id)
                out.append(actor)
        for actor in out:
            self.country_name[actor.id] = actor.name or self.builtin.get(actor.id, {}).get("name", actor.id)
            if actor.parent and actor.parent not in self.ids:
                actor.parent = None

    def country_id(self, fips: str) -> str | None:
        return self.country_of_fips.get(fips)

    # ---- governments
    def governments(self) -> None:
        out = self.files["20_governments"]
        for actor in list(self.files["10_countries"]):
            kind = actor.kind or self.builtin.get(actor.id, {}).get("kind")
            if kind != "country":
                continue
            cid = actor.id
            if cid == "syria":
                self.government_of[cid] = "syrian_government"  # actors.toml has it
                continue
            name = self.country_name[cid]
            adj = self.adjective.get(cid, name)
            gov = ActorData(id=self.new_id(f"{cid}_government"), name=f"Government of {name}", kind="government", parent=cid, country=cid, sources=["factbook"])
            for text in (f"{adj} government", f"government of {_with_article(name)}", f"{adj} cabinet", f"{name}'s government"):
                gov.add("names", text)
            out.append(gov)
            self.government_of[cid] = gov.id

    # ---- people
    def people(self) -> None:
        out = self.files["70_people"]
        seen: dict[str, ActorData] = {}
        wikidata = src.wikidata_leaders(self.root)
        candidates = []
        for place in self.places:
            cid = self.country_id(place.fips)
            if cid is not None:
                candidates += [(leader.represented, place.status != "Yes", place, cid, leader) for leader in src.factbook_leaders(place)]
        # A monarch of several realms belongs to the one where they are not "represented by" a
        # governor (Charles III: the United Kingdom); stable order otherwise.
        candidates.sort(key=lambda c: (c[0], c[1]))
        for _, _, place, cid, leader in candidates:
            if True:
                key = alias_key(leader.name)
                if key in seen:
                    continue  # a monarch of several realms, a president of overseas territories
                title = leader.title or leader.role
                country_name = _with_article(self.country_name.get(cid, cid))
                office = title if " of " in title else f"{title} of {country_name}"
                # id: first given name + the capitalised name ("volodymyr_zelenskyy"); the capitalised
                # words alone if they are several ("muhammad_bin_salman"); else the full name ("xi_jinping")
                if leader.given and leader.caps:
                    short = leader.given[:1] + leader.caps
                elif len(leader.caps) >= 2 and not re.fullmatch(r"[IVX]+", leader.caps[-1]):
                    short = leader.caps
                else:
                    short = leader.given + leader.surname
                actor = ActorData(
                    id=slug(" ".join(short)), name=leader.name, kind="person", office=office, since=leader.since,
                    country=cid, parent=self.government_of.get(cid), sources=["factbook"],
                )
                self._person_aliases(actor, leader.given, leader.surname, leader.caps, title)
                seen[key] = actor
        self._wikidata(wikidata, seen)
        for actor in seen.values():
            if not any(len(re.split(r"[\s-]+", t)) > 1 for t in actor.aliases()):
                self.log(f"derived person {actor.name!r} has a one-word name and no title form, left out")
                continue
            for text in list(actor.aliases()):
                if len(re.split(r"[\s-]+", text)) == 1:
                    actor.remove(text)  # a bare given name or surname ("Philippe"): only curated
            builtin = self.builtin_match(actor)
            if builtin:
                out.append(self.to_extend(actor, builtin))
            else:
                actor.id = self.new_id(actor.id)
                out.append(actor)

    def _person_aliases(self, actor: ActorData, given: list[str], surname: list[str], caps: list[str], title: str) -> None:
        full = " ".join(given + surname)
        actor.add("names", full)
        if given and (len(given) > 1 or len(surname) > len(caps)) and caps:
            actor.add("names", " ".join(given[:1] + caps))
        core = next((t for t in _MAIN_TITLES if re.search(rf"\b{t}\b", title)), None)
        regnal = bool(caps) and bool(re.fullmatch(r"[IVX]+", caps[-1]))
        if core and caps:
            if regnal:
                actor.add("names", f"{core} {' '.join(surname)}")
                actor.add("names", f"{core} {surname[0]}")
            elif len(caps) == 1 and alias_key(caps[0]) and len(caps[0]) > 2:
                actor.add("names", f"{core} {caps[0]}")
        for text in list(actor.aliases()):
            folded = fold(text)
            if folded != text:
                actor.add("names", folded)

    def _wikidata(self, rows: list[dict[str, str]], seen: dict[str, ActorData]) -> None:
        """Cross-check Wikidata's leaders against the Factbook (its labels can be vandalised)."""
        by_qid = {p.wikidata: p for p in self.places if p.wikidata}
        for row in rows:
            place = by_qid.get(row["countryid"])
            label = row["officeholderLabel"].strip()
            where = f"wikidata {row['country']} / {row['positionLabel']} / {label!r}"
            if place is None or self.country_id(place.fips) is None:
                self.log(f"{where}: country not in the gazetteer, skipped")
                continue
            cid = self.country_id(place.fips)
            if not _label_looks_right(label):
                self.log(f"{where}: label fails the form check (lower-case word, digits or 'X of Y'), skipped")
                continue
            particles = {"bin", "ibn", "al", "el", "da", "de", "dos", "van", "der", "von", "del"}
            words = [w for w in alias_key(label).split() if len(w) > 2 and w not in particles]
            # the same person: the surname is a word of a Factbook holder's name and the first
            # name is within two edits of one of its words ("Johnny"/"John", "Oljas"/"Olzhas")
            same_surname = [
                a for a in seen.values()
                if a.country == cid and words and words[-1] in alias_key(a.name).split() and "factbook" in a.sources
            ]
            match = seen.get(alias_key(label)) or next(
                (a for a in same_surname if any(_edits(words[0], w) <= 2 for w in alias_key(a.name).split())),
                None,
            )
            if match is None and same_surname:
                self.log(f"{where}: same surname as the Factbook's {same_surname[0].name!r} but another first name; skipped (not guessed)")
                continue
            if match is not None:
                if alias_key(label) != alias_key(match.name):
                    match.add("names", label)
                match.source("wikidata")
                self.log(f"{where}: matches the Factbook holder {match.name!r}")
                continue
            # Not the Factbook's current holder: accept only if the Factbook text names the person.
            text = alias_key(place.text)
            surname = words[-1] if words else ""
            if not surname or not re.search(rf"\b{re.escape(surname)}\b", text):
                self.log(f"{where}: not confirmed by the Factbook entry of {cid!r}, skipped")
                continue
            start = int(row["start_year"]) if row["start_year"].isdigit() else None
            end = int(row["end_year"]) if row["end_year"].isdigit() else None
            if end is None:
                # current in Wikidata (2024-10) but not in the Factbook (2026-01): the end year is unknown
                self.log(f"{where}: current in Wikidata but not in the Factbook; end year unknown, skipped")
                continue
            actor = ActorData(
                id=slug(label), name=label, kind="person", office=row["positionLabel"], since=start, until=end,
                country=cid, parent=self.government_of.get(cid), sources=["wikidata"],  # type: ignore[arg-type]  # a None cid finds None
            )
            actor.add("names", label)
            if fold(label) != label:
                actor.add("names", fold(label))
            seen[alias_key(label)] = actor
            self.log(f"{where}: former office holder, confirmed by the Factbook text ({surname!r}), until {end}")

    # ---- curated families
    def apply_curated(self) -> None:
        """Merge curated actors into their family files; absorb derived duplicates."""
        for stem, data in sorted(self.curated.items()):
            if stem == "rules":
                continue
            family = next((f for f in FAMILIES if f.endswith("_" + stem)), None)
            if family is None:
                raise LexiconError(f"{CURATED_DIR / (stem + '.toml')}: no output family {stem!r}; use one of {FAMILIES}")
            where = str(CURATED_DIR / f"{stem}.toml")
            for table in data.get("extend", []):
                self._merge_extend(family, _actor_from_table(table, extend=True, where=where))
            for table in data.get("actors", []):
                self._merge_actor(family, _actor_from_table(table, extend=False, where=where))
            for block in data.get("people", []):
                for row in block.get("rows", []):
                    self._merge_person(family, _person_row(row, block, where))

    def _find(self, actor_id: str) -> ActorData | None:
        for actors in self.files.values():
            for actor in actors:
                if actor.id == actor_id:
                    return actor
        return None

    def _merge_extend(self, family: str, ext: ActorData) -> None:
        existing = self._find(ext.id)
        if existing is not None and not (existing.extend and ext.id in self.builtin and existing not in self.files[family]):
            _absorb(existing, ext, curated=True)
            if existing.extend is False:
                for name in ("office", "since", "until", "parent", "country"):
                    if getattr(ext, name) is not None:
                        setattr(existing, name, getattr(ext, name))
            return
        if ext.id not in self.builtin:
            raise LexiconError(f"curated [[extend]] {ext.id!r}: no actor with this id (actors.toml or derived)")
        self.files[family].append(ext)

    def _merge_person(self, family: str, actor: ActorData) -> None:
        """A curated person row: new actor, or more names/years for a derived or built-in one."""
        if actor.parent is None and actor.country in self.government_of:
            actor.parent = self.government_of[actor.country]
        if actor.parent == "-":
            actor.parent = None  # not an office of the state (opposition leaders, militants)
        if actor.id in self.builtin:
            actor.extend = True
            self._merge_extend(family, actor)
            return
        existing = self._find(actor.id)
        if existing is not None:
            _absorb(existing, actor, curated=True)
            existing.source("curated")
            for name in ("name", "office", "since", "until", "parent"):
                if getattr(actor, name):
                    setattr(existing, name, getattr(actor, name))
            return
        self._merge_actor(family, actor)

    def _merge_actor(self, family: str, actor: ActorData) -> None:
        if actor.id in self.builtin:
            raise LexiconError(f"curated actor {actor.id!r} redefines an actors.toml id; use [[extend]]")
        derived = self._find(actor.id)
        if derived is not None:  # the same id from a source: the curated table wins, names merge
            if derived.extend:
                raise LexiconError(f"curated actor {actor.id!r} redefines an actors.toml id; use [[extend]]")
            _absorb(actor, derived, curated=False)
            for name in ("office", "since", "until", "country", "parent"):
                if getattr(actor, name) is None and getattr(derived, name) is not None:
                    setattr(actor, name, getattr(derived, name))
            for actors in self.files.values():
                if derived in actors:
                    actors.remove(derived)
            self.log(f"derived {derived.kind} {derived.id!r} merged into the curated table of the same id")
        keys = {alias_key(t) for t in actor.aliases() if len(alias_key(t).split()) >= 2 or t.isupper()}
        for fam, actors in self.files.items():
            for other in list(actors):
                if other.extend or other.kind != actor.kind or "curated" in other.sources:
                    continue
                if actor.country and other.country and actor.country != other.country:
                    continue  # "National Security Agency" of Bahrain is not the NSA
                if keys & {alias_key(t) for t in other.aliases()}:
                    _absorb(actor, other, curated=False)
                    for name in ("office", "since", "country", "parent"):
                        if getattr(actor, name) is None and getattr(other, name) is not None:
                            setattr(actor, name, getattr(other, name))
                    actors.remove(other)
                    self.log(f"derived {other.kind} {other.id!r} merged into curated {actor.id!r}")
        self.ids.add(actor.id)
        self.files[family].append(actor)

    def run(self) -> BuildReport:
        self.government_of: dict[str, str] = {}
        self.countries()
        self.governments()
        self.people()
        from discourse.training import gazetteer_families as fam

        fam.organisations(self)
        fam.parties(self)
        fam.agencies(self)
        fam.media(self)
        self.apply_curated()
        self._finish()
        return self.report

    def _finish(self) -> None:
        common = common_english_words()
        everything = [a for f in FAMILIES for a in self.files[f]]
        self.report.lines += assign_case_rules(everything, common)
        drop = {alias_key(t) for t in self.rules.get("aliases", {}).get("drop", [])}
        for actor in everything:
            for text in actor.aliases():
                if alias_key(text) in drop and alias_key(text) not in actor.curated:
                    actor.remove(text)
                    self.log(f"dropped {text!r} of {actor.id!r} (rules.toml drop list)")
        for actor in everything:
            if actor.extend and actor.id in self.builtin:
                for text in actor.aliases():
                    if actor.id in self.builtin_keys.get(alias_key(text), ()):
                        actor.remove(text)  # actors.toml has it already (its case rule stays)
        resolution = resolve_collisions(self.builtin_keys, everything)
        self.report.lines += resolution.dropped
        for family in FAMILIES:
            kept = []
            for actor in self.files[family]:
                if not actor.extend and not actor.aliases():
                    self.log(f"{actor.id!r} lost every alias to collisions, left out")
                    continue
                if actor.extend and not actor.aliases():
                    continue
                kept.append(actor)
            self.files[family] = kept
        known = set(self.builtin)
        for family in FAMILIES:
            known |= {a.id for a in self.files[family] if not a.extend}  # written parents-first
            for actor in self.files[family]:
                if actor.parent is not None and actor.parent not in known:
                    self.log(f"{actor.id!r}: parent {actor.parent!r} left out")
                    actor.parent = None
                if actor.country is not None and actor.country not in known:
                    actor.country = None
        for family in FAMILIES:
            counts: dict[str, int] = {}
            for actor in self.files[family]:
                if actor.extend:
                    self.report.extends[family] = self.report.extends.get(family, 0) + 1
                else:
                    counts[actor.kind] = counts.get(actor.kind, 0) + 1
            self.report.counts[family] = dict(sorted(counts.items()))


def _with_article(name: str) -> str:
    """'United Kingdom' -> 'the United Kingdom' (for office titles)."""
    if name.startswith(("United ", "Republic", "Democratic", "Central African", "Dominican", "Czech", "Holy See")) or name.endswith(
        ("Islands", "Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros", "Seychelles", "Emirates")
    ):
        return "the " + name
    return name


def _person_row(row: str, block: dict[str, Any], where: str) -> ActorData:
    """Parse a curated person row: ``id | Name | alias, alias* | office | since | until [| parent]``.

    An alias ending in ``*`` is ``cased``, in ``!`` ``exact``; the block gives ``country`` (and
    optionally ``parent``). Examples
    --------
    >>> a = _person_row("zelensky | Volodymyr Zelensky | Zelenskyy, Zelensky* | President of Ukraine | 2019 |",
    ...                 {"country": "ukraine"}, "x")
    >>> a.aliases(), a.case["Zelensky"], a.since, a.until
    (['Volodymyr Zelensky', 'Zelenskyy', 'Zelensky'], 'cased', 2019, None)
    """
    parts = [p.strip() for p in row.split("|")]
    if len(parts) not in (6, 7) or not parts[0] or not parts[1]:
        raise LexiconError(f"{where}: person row {row!r}: use 'id | Name | aliases | office | since | until [| parent]'")
    actor = ActorData(
        id=parts[0], name=parts[1], kind="person", office=parts[3] or None,
        since=int(parts[4]) if parts[4] else None, until=int(parts[5]) if parts[5] else None,
        country=block.get("country"), parent=(parts[6] if len(parts) == 7 and parts[6] else block.get("parent")),
        sources=["curated"],
    )
    actor.add("names", parts[1], curated=True)
    for alias in [a.strip() for a in parts[2].split(",") if a.strip()]:
        case = {"*": "cased", "!": "exact"}.get(alias[-1])
        text = alias.rstrip("*!").strip()
        actor.add("names", text, curated=True, case=case)
    return actor


def _label_looks_right(label: str) -> bool:
    """Form check of a Wikidata label: capitalised words (particles excepted), no digits, no
    'X of Y' regnal label (those are handled by the Factbook entry)."""
    if re.search(r"\d|^Q\d+$|,| of ", label):
        return False
    particles = {"bin", "al", "el", "da", "de", "do", "dos", "das", "van", "der", "von", "ibn", "del", "e", "y", "i", "la", "le", "di"}
    for word in label.split():
        base = word.split("-")[0]
        if base.lower() in particles:
            continue
        if not word[:1].isupper():
            return False
    return True


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (small words only)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _absorb(target: ActorData, other: ActorData, *, curated: bool) -> None:
    for form in FORM_KEYS:
        for text in other.forms.get(form, []):
            target.add(form, text, curated=curated or alias_key(text) in other.curated, case=other.case.get(text))
    for key in other.sources:
        target.source(key)


# -- output ---------------------------------------------------------------------------------------


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_string(value)
    return "[" + ", ".join(_toml_value(v) for v in value) + "]"


def _table(actor: ActorData) -> list[str]:
    lines = ["[[extend]]" if actor.extend else "[[actors]]", f"id = {_toml_string(actor.id)}"]
    if not actor.extend:
        lines += [f"name = {_toml_string(actor.name)}", f"kind = {_toml_string(actor.kind)}"]
        if actor.parent:
            lines.append(f"parent = {_toml_string(actor.parent)}")
    for form in FORM_KEYS:
        texts = actor.forms.get(form, [])
        if texts:
            lines.append(f"{form} = {_toml_value(texts)}")
    aliases = actor.aliases()
    for mode in ("exact", "cased"):
        texts = [t for t in aliases if actor.case.get(t) == mode]
        if texts:
            lines.append(f"{mode} = {_toml_value(texts)}")
    # an [[extend]] carries the facts too: the loader fills in those the extended actor lacks
    # (a seed actor of actors.toml has no country)
    for name in ("office", "since", "until", "country"):
        value = getattr(actor, name)
        if value is not None:
            lines.append(f"{name} = {_toml_value(value)}")
    if not actor.extend:
        if actor.sources:
            lines.append(f"sources = {_toml_value(sorted(actor.sources))}")
    return lines


_DESCRIPTIONS = {
    "10_countries": "UN member and observer states, Kosovo and Taiwan, and inhabited territories: names, short and former names, abbreviations, demonyms, capitals and seats of government as metonyms. Extends the countries of actors.toml.",
    "20_governments": "One government actor per country (parent: the country), and organs and seats of government (ministries, presidencies, parliaments, buildings used as metonyms).",
    "30_organisations": "Intergovernmental organisations, UN bodies, EU institutions and international courts.",
    "40_parties": "Political parties of the G20 democracies and other states in the news, with nicknames.",
    "50_agencies": "Intelligence, security, police and military agencies (parent: the government).",
    "60_armed_groups": "Armed, militant and paramilitary groups, with aliases and transliterations.",
    "70_people": "Heads of state and government (current as of the Factbook, former from Wikidata and general knowledge), ministers and prominent politicians with their years in office.",
    "80_media": "News outlets, agencies and platforms.",
}


def _curated_digest() -> str:
    """SHA-256 over the curated supplement files (names and bytes, sorted)."""
    digest = hashlib.sha256()
    for path in sorted(CURATED_DIR.glob("*.toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _lexicon_digest() -> str:
    """SHA-256 of TextBlob's Brill lexicon, which decides the case rules of phrases."""
    import textblob

    return hashlib.sha256((Path(textblob.__file__).parent / "en" / "en-lexicon.txt").read_bytes()).hexdigest()


def _parents_first(actors: list[ActorData]) -> list[ActorData]:
    """Order actors by id, but an actor named as parent or country by another actor of the same
    file comes before it (the loader reads tables in order)."""
    by_id = {a.id: a for a in actors}

    def depth(actor: ActorData, seen: frozenset[str] = frozenset()) -> int:
        refs = [r for r in (actor.parent, actor.country) if r in by_id and r != actor.id and r not in seen]
        return 1 + max((depth(by_id[r], seen | {actor.id}) for r in refs), default=-1)

    return sorted(actors, key=lambda a: (depth(a), a.id))


def _render(family: str, actors: list[ActorData], root: Path) -> str:
    used = sorted({k for a in actors for k in a.sources})
    current = {
        "10_countries": "2026-01 (CIA World Factbook final edition, 2026-01-22); later changes not covered",
        "20_governments": "2026-01 (derived from the country list); curated organs to 2025",
        "30_organisations": "2025 (general knowledge; the Factbook appendix is from 2020-01)",
        "40_parties": "2025 (general knowledge; Party Facts to 2024-03)",
        "50_agencies": "2025 (general knowledge; MISP galaxy to 2024-03)",
        "60_armed_groups": "2025 (general knowledge); later splits, mergers and renamings not covered",
        "70_people": "heads of state/government: 2026-01-22 (Factbook); former ones: Wikidata 2024-10 checked against the Factbook; ministers and politicians: general knowledge to 2025; leaders who took office after 2026-01 are not covered",
        "80_media": "2026-07 (fundus) and general knowledge to 2025",
    }[family]
    header = [
        f"# name: gazetteer/{family}",
        f"# description: {_DESCRIPTIONS[family]}",
        "# source: " + "; ".join(f"[{k}] {SOURCES[k][0]}" for k in used),
        "# licence: MIT (this file, part of discourse); facts from: " + "; ".join(f"[{k}] {SOURCES[k][1]}" for k in used),
        "# citation: discourse gazetteer; Party Facts: Doering, H., & Regel, S. (2019). Party Facts: A database of political parties worldwide. Party Politics 25(2)." if "partyfacts" in used else "# citation: discourse gazetteer",
        "# version: 1",
        f"# current_to: {current}",
        "# built_by: python -m discourse.training.gazetteer ../shared/gazetteer --out discourse/lexicons/data/gazetteer",
        "# source_sha256: " + "; ".join(
            [f"{k}={src.source_digest(root, k)[:16]}" for k in used if k in src.SOURCE_FILES]
            + [f"curated={_curated_digest()[:16]}", f"textblob_en_lexicon={_lexicon_digest()[:16]}"]
        ),
        "#",
        "# Generated file: edit discourse/training/gazetteer_curated/*.toml and rebuild, not this file.",
        "# Case rules: single capitalised words are `cased` (\"Chad\", not \"chad\", unless the whole text is",
        "# lower-case); phrases made only of ordinary English words are `cased` (\"Green Party\"); all-caps",
        "# abbreviations that are English words or two letters long are `exact`. See gazetteer_rules.py.",
        "",
        "[meta]",
        f'name = "gazetteer/{family}"',
        'version = "1"',
        f"current_to = {_toml_string(current)}",
        "",
    ]
    extends = sorted((a for a in actors if a.extend), key=lambda a: a.id)
    news = _parents_first(sorted((a for a in actors if not a.extend), key=lambda a: a.id))
    body: list[str] = []
    for actor in extends + news:
        body += _table(actor) + [""]
    return "\n".join(header + body)


def build(root: Path, out: Path) -> BuildReport:
    """Build every gazetteer file from the fact data in `root` into `out`, then check them.

    Parameters
    ----------
    root : Path
        The ``../shared/gazetteer`` folder.
    out : Path
        Output folder (``discourse/lexicons/data/gazetteer``); created if missing. Files of the
        families are replaced; other files are left alone.

    Returns
    -------
    BuildReport
        Counts by file and kind, and every alias decision.

    Examples
    --------
    >>> from pathlib import Path
    >>> import tempfile
    >>> root = Path("../shared/gazetteer")
    >>> if root.exists():  # doctest: +SKIP
    ...     report = build(root, Path(tempfile.mkdtemp()))
    ...     assert report.total() >= 1500
    """
    builder = _Builder(Path(root))
    report = builder.run()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for family in FAMILIES:
        text = _render(family, builder.files[family], Path(root))
        (out / f"{family}.toml").write_text(text, encoding="utf-8", newline="\n")
    check_files(out)
    return report


def check_files(folder: Path, actors_toml: Path = ACTORS_TOML) -> list[tuple[str, dict[str, Any]]]:
    """Parse and validate the gazetteer files of `folder` (in sorted order) against actors.toml.

    Raises
    ------
    LexiconError
        On a TOML error, a duplicate id, an unknown parent, a shared alias or a stray case rule.

    Examples
    --------
    >>> from discourse.lexicons import DATA_DIR
    >>> files = check_files(DATA_DIR / "gazetteer")
    >>> files[0][0]
    '10_countries.toml'
    """
    tables, keys = _builtin(actors_toml)
    files = [(p.name, _read_toml(p)) for p in sorted(Path(folder).glob("*.toml"))]
    validate(set(tables), keys, files)
    return files


def main(argv: list[str] | None = None) -> int:
    """Command line: build the gazetteer and print the counts (``--report FILE``: every decision).

    Examples
    --------
    >>> main(["../shared/gazetteer", "--out", "/tmp/gazetteer"])  # doctest: +SKIP
    10_countries: 234 actors {'country': 166, 'territory': 68}, 32 extends
    ...
    """
    parser = argparse.ArgumentParser(prog="python -m discourse.training.gazetteer", description=__doc__.split("\n")[0])
    parser.add_argument("root", nargs="?", default="../shared/gazetteer", help="fact data folder (../shared/gazetteer)")
    parser.add_argument("--out", default=str(PACKAGE / "lexicons" / "data" / "gazetteer"), help="output folder")
    parser.add_argument("--report", help="write every alias decision to this file")
    args = parser.parse_args(argv)
    report = build(Path(args.root), Path(args.out))
    for family, counts in report.counts.items():
        print(f"{family}: {sum(counts.values())} actors {counts}, {report.extends.get(family, 0)} extends")
    print(f"total new actors: {report.total()}; decisions logged: {len(report.lines)}")
    if args.report:
        Path(args.report).write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
