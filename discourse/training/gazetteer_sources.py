"""Readers of the fact data the gazetteer is built from (``../shared/gazetteer/``).

One function per source; each returns plain records and never writes anything. The folder
layout is the one described in ``../shared/gazetteer/README.md``:

===================================================  ====================================================
``factbook_json/<region>/<fips>.json``               CIA World Factbook (final edition, 2026-01)
``country_codes/data/country-codes.csv``             ISO/FIPS codes and UN names (datasets/country-codes)
``world_leaders_wikidata/data/wikidata.csv``         heads of state/government from Wikidata (2024-10)
``partyfacts/import/...``                            Party Facts core parties (2024-03)
``factbook_appendixB_igos/files/FactAppB.html``      the Factbook's appendix of organisations (2020-01)
``misp_galaxy/clusters/intelligence-agencies.json``  MISP intelligence agencies (2024-03)
``fundus_publishers/docs/supported_publishers.md``   news publishers (fundus, 2026-07)
===================================================  ====================================================

Examples
--------
>>> clean_html("C&ocirc;te d'Ivoire<br>")
"Côte d'Ivoire"
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from discourse.errors import InputError

__all__ = [
    "Leader",
    "Place",
    "clean_html",
    "factbook_leaders",
    "fundus_publishers",
    "igo_appendix",
    "misp_agencies",
    "party_facts",
    "places",
    "source_digest",
    "wikidata_leaders",
]

SOURCE_FILES = {
    "factbook": "factbook_json",
    "iso": "country_codes/data/country-codes.csv",
    "wikidata": "world_leaders_wikidata/data/wikidata.csv",
    "partyfacts": "partyfacts/import/elecglob/partyfacts-core-parties.csv",
    "factbook_igos": "factbook_appendixB_igos/files/FactAppB.html",
    "misp": "misp_galaxy/clusters/intelligence-agencies.json",
    "fundus": "fundus_publishers/docs/supported_publishers.md",
}
"""Source key -> path under the gazetteer folder (a folder for the Factbook)."""


def clean_html(text: str) -> str:
    """Unescape entities, drop tags, collapse whitespace."""
    text = re.sub(r"<[^>]+>", " ", html.unescape(html.unescape(text or "")))
    return " ".join(text.replace("\xa0", " ").split())


def _require(path: Path) -> Path:
    if not path.exists():
        raise InputError(
            "missing gazetteer source; pass the folder described in ../shared/gazetteer/README.md",
            source=str(path),
        )
    return path


def source_digest(root: Path, key: str) -> str:
    """SHA-256 of a source file (or of the sorted files of a source folder), for the headers.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp()); _ = (d / "country_codes/data").mkdir(parents=True)
    >>> _ = (d / SOURCE_FILES["iso"]).write_text("a")
    >>> source_digest(d, "iso")[:12]
    'ca978112ca1b'
    """
    path = _require(root / SOURCE_FILES[key])
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*.json")) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()


# -- countries and territories ------------------------------------------------------------


@dataclass
class Place:
    """A country or territory: Factbook entry joined with the ISO/UN codes.

    Examples
    --------
    >>> Place("UP", "UKR", "UA", "Q212", "Yes", "Ukraine").iso3
    'UKR'
    """

    fips: str
    iso3: str
    iso2: str
    wikidata: str
    status: str  # country-codes "is_independent": "Yes", "Territory of GB", "Part of CN"...
    un_short: str  # UNTERM English Short ("" for non-members)
    names: list[str] = field(default_factory=list)  # display name first
    abbreviations: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    former: list[str] = field(default_factory=list)
    factbook: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """All of the Factbook entry's Government section as folded plain text (cross-checks)."""
        return clean_html(json.dumps(self.factbook.get("Government", {}), ensure_ascii=False))


def _field(data: dict[str, Any], *path: str) -> str:
    node: Any = data
    for key in path:
        if not isinstance(node, dict):
            return ""
        node = node.get(key)
    if isinstance(node, dict):
        node = node.get("text", "")
    return clean_html(node) if isinstance(node, str) else ""


def _split_names(text: str, *, commas: bool = False) -> list[str]:
    """Split a Factbook list of names ("Kyiv (Kiev is the ...)", "US or USA") into names;
    "note - ..." parts and parenthetical remarks are dropped."""
    out = []
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", text)
    separators = r";|,| or |/" if commas else r";| or "
    for part in re.split(separators, text):
        part = " ".join(part.split()).strip(" .*")
        low = part.lower()
        if not part or low.startswith("note") or low in ("none", "no official capital") or "former" in low:
            continue
        out.append(part)
    return out


def _demonyms(noun: str, adjective: str) -> list[str]:
    out: list[str] = []
    text = re.sub(r"\((?!s\)|es\))[^)]*\)", "", noun + ";" + adjective)
    for raw in re.split(r",|;| or |/|\band\b", text):
        raw = raw.strip(" .")
        if not raw or raw.lower().startswith(("note", "none", "singular", "plural")):
            continue
        for plural in ("(s)", "(es)"):
            if raw.endswith(plural):
                stem = raw[: -len(plural)].strip()
                out += [stem, stem + plural.strip("()")]
                break
        else:
            out.append(raw)
    words = []
    for item in out:
        item = " ".join(item.split())
        if item and item[:1].isupper() and len(item) <= 40 and item not in words:
            words.append(item)
    return words


def _iso_rows(root: Path) -> list[dict[str, str]]:
    path = _require(root / SOURCE_FILES["iso"])
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _factbook_entries(root: Path) -> dict[str, tuple[str, dict[str, Any]]]:
    """FIPS code -> (region, Factbook JSON) for every entity file."""
    folder = _require(root / SOURCE_FILES["factbook"])
    entries = {}
    for file in sorted(folder.glob("*/*.json")):
        region = file.parent.name
        if region in ("meta", "oceans", "world"):
            continue
        entries[file.stem.upper()] = (region, json.loads(file.read_text(encoding="utf-8")))
    return entries


def _inhabited(data: dict[str, Any]) -> bool:
    population = _field(data, "People and Society", "Population", "total") or _field(
        data, "People and Society", "Population"
    )
    return bool(re.search(r"\d", population)) and "no permanent" not in population


def places(root: Path) -> list[Place]:
    """Countries and inhabited territories: every ISO entry joined to its Factbook entry by
    FIPS code, plus Factbook entities without an ISO code that are inhabited (Kosovo,
    Akrotiri...). The Factbook's separate Gaza Strip and West Bank entries are kept as their own
    territories besides the ISO entry for Palestine.

    Examples
    --------
    >>> from pathlib import Path
    >>> root = Path("../shared/gazetteer")
    >>> if root.exists():
    ...     ua = next(p for p in places(root) if p.iso3 == "UKR")
    ...     assert "Kyiv" in ua.capitals and "Ukrainians" in ua.demonyms
    """
    factbook = _factbook_entries(root)
    result: list[Place] = []
    used: set[str] = set()
    for row in _iso_rows(root):
        fips = row["FIPS"].strip()
        fb: dict[str, Any] = {}
        if fips in factbook and len(fips) == 2:
            fb = factbook[fips][1]
            used.add(fips)
        elif fips in ("RIKV",):  # Serbia's row carries Kosovo's code too
            fips = "RI"
            fb = factbook["RI"][1]
            used.add("RI")
        elif fips in ("SVJN", "GZWE"):
            fips = fips[:2] if fips == "SVJN" else ""
        if row["is_independent"] == "International" or row["ISO3166-1-Alpha-3"] == "BES":
            continue  # BES shares the Netherlands' FIPS code
        if fb and not _inhabited(fb):
            continue
        if not fb and row["is_independent"] not in ("Yes", "In contention"):
            continue  # an uninhabited or minor territory the Factbook does not describe
        place = Place(
            fips=fips,
            iso3=row["ISO3166-1-Alpha-3"],
            iso2=row["ISO3166-1-Alpha-2"],
            wikidata=row.get("wikidata_id", "").rsplit("/", 1)[-1],
            status=row["is_independent"],
            un_short=row["UNTERM English Short"].strip(),
            factbook=fb,
        )
        _fill(place, row)
        result.append(place)
    for fips, (region, fb) in sorted(factbook.items()):
        if fips in used or fips in ("GZ", "WE") or not _inhabited(fb) or region == "antarctica":
            continue
        if fips not in ("KV", "AX", "DX", "PF"):
            continue  # the other unmatched entries are uninhabited or covered by an ISO row
        place = Place(fips=fips, iso3="", iso2="", wikidata="", status="Factbook", un_short="", factbook=fb)
        _fill(place, {})
        result.append(place)
    for fips in ("GZ", "WE"):
        if fips in factbook:
            place = Place(fips=fips, iso3="", iso2="", wikidata="", status="Factbook", un_short="", factbook=factbook[fips][1])
            _fill(place, {})
            result.append(place)
    return result


def _fill(place: Place, row: dict[str, str]) -> None:
    fb = place.factbook
    names: list[str] = []
    cldr = row.get("CLDR display name", "").strip()
    official = row.get("official_name_en", "").strip()
    if cldr and "&" not in cldr and " - " not in cldr and not cldr.isupper():
        names.append(cldr)
    short = _field(fb, "Government", "Country name", "conventional short form")
    if short and short.lower() != "none" and "(" not in short and "," not in short:
        names.append(short)
    if official and "(" not in official and "," not in official:
        names.append(official)
    un_short = re.sub(r"\s*\(the\)|\*", "", place.un_short).strip()
    official = official.replace("*", "").strip()
    if un_short and "(" not in un_short:
        names.append(un_short)
    formal = row.get("UNTERM English Formal", "").strip()
    if formal:
        names.append(re.sub(r"^the ", "", formal))
    long_form = _field(fb, "Government", "Country name", "conventional long form")
    if long_form and long_form.lower() != "none":
        names += _split_names(long_form)
    local = _field(fb, "Government", "Country name", "local short form")
    if local and local.lower() != "none" and local.isascii():
        names += [n for n in _split_names(local, commas=True) if len(n) >= 4]
    names = [" ".join(n.replace("*", " ").split()) for n in names]  # UNTERM marks observers with "*"
    place.names = [n for i, n in enumerate(names) if n and n not in names[:i]]
    abbrev = _field(fb, "Government", "Country name", "abbreviation")
    if abbrev and abbrev.lower() != "none":
        parts = re.split(r"\s+or\s+|,|\(|\)|/", abbrev)
        place.abbreviations = [a.strip() for a in parts if re.fullmatch(r"[A-Z][A-Za-z.]*[A-Z.]", a.strip())]
    former = _field(fb, "Government", "Country name", "former")
    if former:
        place.former = [n for n in _split_names(former, commas=True) if n and n[:1].isupper()]
    capitals = []
    cap = _field(fb, "Government", "Capital", "name")
    if cap:
        for part in re.split(r";", cap):
            if part.strip().lower().startswith("note"):
                continue
            for name in re.split(r",(?![^(]*\))", part):
                name = re.sub(r"\([^)]*\)| in [A-Z]\w+$", "", name).strip()
                if name and name[:1].isupper() and len(name.split()) <= 4 and len(name) >= 3:
                    capitals.append(name)
    if row.get("Capital", "").strip():
        capitals.append(row["Capital"].strip())
    place.capitals = [c for i, c in enumerate(capitals) if c not in capitals[:i]]
    place.demonyms = _demonyms(
        _field(fb, "People and Society", "Nationality", "noun"),
        _field(fb, "People and Society", "Nationality", "adjective"),
    )


# -- leaders ----------------------------------------------------------------------------------


@dataclass
class Leader:
    """A head of state or government (or deputy) named in a source.

    Examples
    --------
    >>> Leader("UP", "President", ["Volodymyr"], ["Zelenskyy"], ["Zelenskyy"], 2019).name
    'Volodymyr Zelenskyy'
    """

    fips: str
    title: str
    given: list[str]
    surname: list[str]  # words of the surname block, CAPS words title-cased
    caps: list[str]  # the Factbook's capitalised words (the name it is known by)
    since: int | None
    until: int | None = None
    role: str = ""  # "chief of state" / "head of government"
    source: str = "factbook"
    represented: bool = False  # a monarch or president of another state, represented here

    @property
    def name(self) -> str:
        """Full display name."""
        return " ".join(self.given + self.surname)


_TITLE_WORDS = frozenset(
    """
    President Prime Minister King Queen Chancellor Supreme Leader Amir Emir Sultan Crown Prince
    Premier Governor General Gen. Col. Capt. Dr. Sir Dame Lady Lord Grand Duke Vice Co-Vice
    First Deputy Acting Interim Transition Transitional Caretaker Chief Executive Administrator
    Chairperson Chairman Chair Council Presidency State Foreign Co-prince Archbishop Pope
    Taoiseach Mayor Commissioner Secretary High Republic Federal Lieutenant Lieutenant-Governor
    Governor-General Air Vice-Marshal Sovereign Commander-in-Chief Armed Forces Presidential
    Leadership Government Territorial Assembly Swiss Confederation Captains Regent Pontifical
    Commission Governorate Ministers Affairs Political Emperor Taliban GNU CNSP Superior Island
    Field Marshal Senior Chairwoman Bailiff Prefect Head Union Ratu Sheikh Shaykh Mufti Co-Vice Minister,
    """.split()
)
_PARTICLES = frozenset("bin bint ibn al el da de do dos das di del della van der den von e i y le la du ould".split())


def _name_case(word: str) -> str:
    """'ZELENSKYY' -> 'Zelenskyy', 'HOSEINI-KHAMENEI' -> 'Hoseini-Khamenei', 'III' stays."""
    if re.fullmatch(r"[IVX]+", word):
        return word
    parts = re.split(r"([-'’])", word)
    return "".join(p[:1].upper() + p[1:].lower() if p.isalpha() and p.isupper() else p for p in parts)


def _is_caps(word: str) -> bool:
    """True if the word (or a hyphenated part of it: "Hoseini-KHAMENEI") is in capitals."""
    for part in word.split("-"):
        letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", part)
        if len(letters) >= 2 and letters.isupper():
            return True
    return False


def _split_top(text: str) -> list[str]:
    """Split at ';' outside parentheses."""
    parts: list[str]
    current: list[str]  # the characters of the part being read
    parts, depth, current = [], 0, []
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if ch == ";" and depth <= 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


_NOT_NAMES = frozenset("UK US USA RN GNU CNSP UN EU NZ DR SR".split())
_PARTICLE_PREFIX = re.compile(r"(al|el|ad|as|ash|an|ar|at|az|bin|ibn)-", re.I)


def _is_particle(word: str) -> bool:
    return word.lower() in _PARTICLES or bool(_PARTICLE_PREFIX.match(word) and word[:1].islower())


def _parse_holder(segment: str) -> tuple[str, list[str], list[str], list[str], int] | None:
    """'President Volodymyr ZELENSKYY (since 20 May 2019)' -> title, given, surname, caps, year."""
    m = re.match(r"\s*(.*?)\s*\(([^()]*?since[^()]*?(\d{4})[^()]*)\)", segment)
    if not m:
        return None
    before, year = m.group(1), int(m.group(3))
    before = re.sub(r"^(represented by|and|also|former)\s+", "", before.strip(" ,"))
    before = before.split(" also referred")[0]
    before = re.sub(r'"[^"]*"|\([A-Z][a-z]+\)', " ", before)  # nicknames: "BongBong", (Sam)
    words = before.replace(",", " , ").split()
    first_caps = next((i for i, w in enumerate(words) if _is_caps(w) and w.strip("()") not in _NOT_NAMES), None)
    if first_caps is None:
        return None
    k = first_caps
    while k > 0 and (
        (words[k - 1][:1].isupper() and words[k - 1] not in _TITLE_WORDS and not words[k - 1].endswith(")"))
        or (_is_particle(words[k - 1]) and k < first_caps + 1)
    ):
        k -= 1
    while k < first_caps and _is_particle(words[k]):
        k += 1
    if k > 0 and words[k - 1] in ("of", "the"):
        k = first_caps  # "President of China XI Jinping": the words before the name are a place
    title_words = [w for w in words[:k] if w != ","]
    given = [w for w in words[k:first_caps]]
    surname: list[str] = []
    caps: list[str] = []
    for w in words[first_caps:]:
        if w in (",", "of", "Jr.", "and") or w.startswith("("):
            break
        if _is_caps(w) and not (re.fullmatch(r"[IVX]+", w) and not surname):
            cased = _name_case(w)
            if surname and w.lower() in _PARTICLES:
                cased = w.lower()
            surname.append(cased)
            caps.append(cased)
        elif _is_caps(w):  # "XI" is a name, not a regnal number, when nothing precedes it
            surname.append(w.title())
            caps.append(w.title())
        elif w[:1].isupper() or _is_particle(w):
            surname.append(w)
        else:
            break
    if not surname:
        return None
    title = " ".join(title_words).strip(" ,")
    return title, given, surname, caps, year


def factbook_leaders(place: Place) -> list[Leader]:
    """Heads of state and government (and the deputies listed with them) of one place.

    Examples
    --------
    >>> fb = {"Government": {"Executive branch": {"chief of state": {"text":
    ...     "President Volodymyr ZELENSKYY (since 20 May 2019)"}}}}
    >>> [(l.title, l.name, l.since) for l in factbook_leaders(Place("UP", "UKR", "UA", "", "Yes", "", factbook=fb))]
    [('President', 'Volodymyr Zelenskyy', 2019)]
    """
    branch = place.factbook.get("Government", {}).get("Executive branch", {})
    result: list[Leader] = []
    for role in ("chief of state", "head of government"):
        text = _field(branch, role)
        for segment in _split_top(text):
            represented = "represented by" in text or "Co-prince" in segment
            for piece in re.split(r"\brepresented by\b|,\s*and\s+", segment):
                parsed = _parse_holder(piece)
                if parsed is None:
                    continue
                title, given, surname, caps, year = parsed
                if re.search(r"heir|crown prince\b(?! and)", title, re.I) and "Prime Minister" not in title:
                    continue
                if any(r.given + r.surname == given + surname for r in result):
                    continue  # the same person as chief of state and head of government
                result.append(Leader(place.fips, title, given, surname, caps, year, role=role, represented=represented))
    return result


def wikidata_leaders(root: Path) -> list[dict[str, str]]:
    """Rows of the Wikidata world-leaders table (labels unchecked: see the builder)."""
    path = _require(root / SOURCE_FILES["wikidata"])
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# -- organisations ----------------------------------------------------------------------------


def party_facts(root: Path) -> list[dict[str, str]]:
    """Party Facts core parties (one dict per row of the CSV)."""
    path = _require(root / SOURCE_FILES["partyfacts"])
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def igo_appendix(root: Path) -> list[tuple[str, list[str], str]]:
    """The Factbook's appendix B: (full name, abbreviations, description) per organisation."""
    text = _require(root / SOURCE_FILES["factbook_igos"]).read_text(encoding="utf-8", errors="replace")
    entries = re.findall(
        r"appendix-entry-name category'>\s*(.*?)\s*</div>\s*<div class='appendix-entry-text category_data'>(.*?)</div>",
        text,
        re.S,
    )
    result = []
    for raw_name, raw_text in entries:
        name = clean_html(raw_name)
        abbrevs: list[str] = []
        m = re.match(r"(.*?)\s*\(([^()]*)\)\s*$", name)
        if m:
            name = m.group(1).strip()
            abbrevs = [a.strip() for a in re.split(r"\bor\b|,|;", m.group(2)) if a.strip()]
        result.append((name, abbrevs, clean_html(raw_text)))
    return result


def misp_agencies(root: Path) -> list[dict[str, Any]]:
    """MISP galaxy intelligence agencies (the ``values`` list)."""
    path = _require(root / SOURCE_FILES["misp"])
    return list(json.loads(path.read_text(encoding="utf-8"))["values"])


def fundus_publishers(root: Path) -> Iterator[tuple[str, str, str]]:
    """(country code, publisher name, domain) for every publisher fundus supports."""
    text = _require(root / SOURCE_FILES["fundus"]).read_text(encoding="utf-8")
    country = ""
    for block in re.split(r"(?m)^## ", text)[1:]:
        country = block.split("-", 1)[0].strip()
        for name, url in re.findall(r"<div>(.*?)</div>\s*</td>\s*<td>\s*<a href=\"([^\"]+)\"", block, re.S):
            domain = re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
            yield country, clean_html(name), domain
