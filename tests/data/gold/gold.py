"""Loader for the hand-annotated gold samples in this folder.

The gold files store every sentence *by reference*: the source file (relative to the shared data
root, ``../shared`` beside the repository), the record key inside that file, the character offsets
of the sentence inside the record's text and the SHA-256 of the sentence text; the field ``text``
is always null. The project's rule is that nothing from ``../shared/train`` or ``../shared/eval``
is copied into the repository, whatever the corpus's licence (SFU comments: CC BY-NC-SA; PTC
articles: research use only; NewsMTSC: MIT; Civil Comments / Toxic Spans: CC0; Reddit
incivility: BSD-3), so every sentence is resolved here, at run time, from the shared folder and
checked by its hash. Without that folder the annotations (offsets, labels, actors) can be read,
but no sentence.

Example
-------
>>> from tests.data.gold.gold import load_mentions          # doctest: +SKIP
>>> records = load_mentions("../shared")                      # doctest: +SKIP
>>> records[0]["sentence"][records[0]["mentions"][0]["start"]:]  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

GOLD_DIR = Path(__file__).resolve().parent
REPO_ROOT = GOLD_DIR.parents[2]
DEFAULT_SHARED = REPO_ROOT.parent / "shared"
MENTIONS_FILE = GOLD_DIR / "actor_mentions.jsonl"
STANCE_FILE = GOLD_DIR / "comment_stance.jsonl"
READINGS_FILE = GOLD_DIR.parent / "stance_reading" / "readings.jsonl"

#: source name -> file(s) relative to the shared root (NewsMTSC has three files).
SOURCE_FILES = {
    "ptc": "eval/propaganda/train-articles",
    "newsmtsc": (
        "eval/newsmtsc/split30_dev_rw.jsonl",
        "eval/newsmtsc/split30_dev_mt.jsonl",
        "train/newsmtsc/train.jsonl",
    ),
    "sfu": "eval/comments/SFU_constructiveness_toxicity.csv",
    "civil": "train/toxic_spans/civil_comments_spans/comments.csv",
    "reddit": "train/reddit_incivility/train.csv",
}

csv.field_size_limit(sys.maxsize)


class GoldDataError(ValueError):
    """A gold record cannot be resolved against the shared data, or is malformed."""


def sha256(text: str) -> str:
    """SHA-256 (hex) of `text` encoded as UTF-8.

    >>> sha256("abc")[:8]
    'ba7816bf'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def has_shared(shared: str | Path = DEFAULT_SHARED) -> bool:
    """Whether `shared` holds the ``eval/`` and ``train/`` folders the gold sentences come from.

    >>> has_shared("/nonexistent/shared")
    False
    """
    root = Path(shared)
    return (root / "eval").is_dir() and (root / "train").is_dir()


def _read_text(path: Path) -> str:
    if not path.exists():
        raise GoldDataError(
            f"source file {path} does not exist; pass the folder that holds eval/ and train/ "
            f"(default {DEFAULT_SHARED})"
        )
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


@lru_cache(maxsize=None)
def _csv_rows(path: str) -> tuple[tuple[str, ...], ...]:
    with open(path, encoding="utf-8", newline="") as fh:
        return tuple(tuple(row) for row in csv.reader(fh))


@lru_cache(maxsize=None)
def _sfu(path: str) -> dict[str, str]:
    rows = _csv_rows(path)
    header = rows[0]
    i_id, i_text = header.index("_unit_id"), header.index("comment")
    return {r[i_id]: r[i_text] for r in rows[1:]}


@lru_cache(maxsize=None)
def _civil(path: str) -> dict[str, str]:
    rows = _csv_rows(path)
    header = rows[0]
    i_id, i_text = header.index("comment_id"), header.index("comment_text")
    return {r[i_id]: r[i_text] for r in rows[1:]}


@lru_cache(maxsize=None)
def _jsonl(path: str) -> tuple[str, ...]:
    with open(path, encoding="utf-8") as fh:
        return tuple(fh.read().rstrip("\n").split("\n"))


def record_text(shared: str | Path, source: str, file: str, key: str) -> str:
    """The full text of one record (article, comment or NewsMTSC sentence).

    Parameters
    ----------
    shared : str or Path
        The shared data root (holds ``eval/`` and ``train/``).
    source : str
        ``ptc``, ``newsmtsc``, ``sfu``, ``civil`` or ``reddit``.
    file : str
        The file relative to `shared` (for PTC: ``.../article<ID>.txt``).
    key : str
        The record key: PTC ``article<ID>``; NewsMTSC ``<line number>:<primary_gid>`` (1-based);
        SFU the ``_unit_id``; Civil Comments the ``comment_id``; Reddit the 1-based CSV row.

    Examples
    --------
    >>> record_text("../shared", "reddit", "train/reddit_incivility/train.csv", "1")  # doctest: +SKIP
    'lmao bob'
    """
    path = Path(shared) / file
    if source == "ptc":
        return _read_text(path)
    if not path.exists():
        _read_text(path)  # raises with the message
    if source == "newsmtsc":
        line_no, _, gid = key.partition(":")
        lines = _jsonl(str(path))
        n = int(line_no)
        if not 1 <= n <= len(lines):
            raise GoldDataError(f"{file}: no line {n} (file has {len(lines)})")
        record = json.loads(lines[n - 1])
        if record.get("primary_gid") != gid:
            raise GoldDataError(
                f"{file} line {n}: primary_gid is {record.get('primary_gid')!r}, gold expects "
                f"{gid!r}; the file is not the release the gold data was drawn from"
            )
        return record["sentence_normalized"]
    if source == "sfu":
        table = _sfu(str(path))
    elif source == "civil":
        table = _civil(str(path))
    elif source == "reddit":
        rows = _csv_rows(str(path))
        n = int(key)
        if not 1 <= n <= len(rows):
            raise GoldDataError(f"{file}: no row {n} (file has {len(rows)})")
        return rows[n - 1][0]
    else:
        raise GoldDataError(f"unknown source {source!r}; expected one of {sorted(SOURCE_FILES)}")
    if key not in table:
        raise GoldDataError(f"{file}: no record with key {key!r}")
    return table[key]


def resolve(record: dict[str, Any], shared: str | Path = DEFAULT_SHARED) -> str:
    """The sentence text of a gold `record`, resolved from `shared` and checked by its hash.

    Raises
    ------
    GoldDataError
        When the source cannot be read, the offsets fall outside the record, or the text at the
        offsets does not have the recorded SHA-256 (a different release of the data).
    """
    text = record_text(shared, record["source"], record["file"], str(record["key"]))
    start, end = record["start"], record["end"]
    if not 0 <= start < end <= len(text):
        raise GoldDataError(
            f"gold record {record['id']}: offsets {start}:{end} outside {record['file']} "
            f"key {record['key']} (length {len(text)})"
        )
    sentence = text[start:end]
    if sha256(sentence) != record["sha256"]:
        raise GoldDataError(
            f"gold record {record['id']}: text at {record['file']} key {record['key']} "
            f"[{start}:{end}] does not match the recorded SHA-256 (got {sentence[:60]!r}...); "
            "the shared data is not the release this sample was drawn from"
        )
    return sentence


def _load(path: Path, shared: str | Path) -> list[dict[str, Any]]:
    if not has_shared(shared):
        raise GoldDataError(
            f"{path.name} stores its sentences by reference only; the shared data folder {shared} "
            f"(eval/ and train/) is absent, so they cannot be resolved (default {DEFAULT_SHARED})"
        )
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldDataError(f"{path.name} line {n}: not JSON ({exc})") from None
            if record.get("text") is not None:
                raise GoldDataError(f"{path.name} record {record.get('id')}: stores its text; "
                                    "gold records are by reference only (text null)")
            record["sentence"] = resolve(record, shared)
            out.append(record)
    return out


def load_mentions(shared: str | Path = DEFAULT_SHARED) -> list[dict[str, Any]]:
    """The actor-mention gold sample, each record with its resolved ``sentence``.

    Mention offsets (``mentions[i].start/end``) are relative to the sentence.
    """
    return _load(MENTIONS_FILE, shared)


def load_stance(shared: str | Path = DEFAULT_SHARED) -> list[dict[str, Any]]:
    """The comment stance gold sample, each record with its resolved ``sentence``.

    Target offsets (``target_start/target_end``) are relative to the sentence.
    """
    return _load(STANCE_FILE, shared)


def referenced_comment_keys() -> set[tuple[str, str]]:
    """``(source, key)`` of every comment the stance gold sample and the stance-reading sample
    (``tests/data/stance_reading/readings.jsonl``) reference: what a new draw of comments must
    leave out, so that neither sample is trained on or drawn again. Needs no shared data.
    """
    keys = set()
    for path in (STANCE_FILE, READINGS_FILE):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                keys.add((record["source"], str(record["key"])))
    return keys
