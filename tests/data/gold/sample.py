"""How the gold samples were drawn (reproducible: fixed seed, sorted inputs).

Run from the repository root::

    PYTHONPATH=. python tests/data/gold/sample.py mentions --shared ../shared > /tmp/mention_sample.jsonl
    PYTHONPATH=. python tests/data/gold/sample.py stance --shared ../shared > /tmp/stance_candidates.jsonl

``mentions``: for each of the five sources, all sentences of all records are pooled (sentences
split with :func:`discourse.text.split_sentences`; NewsMTSC records are already sentences), kept
when 25..400 characters long with at least 5 words, de-duplicated by text, and sorted by
reference. From each pool, with ``random.Random(SEED)``, ``N_RANDOM`` sentences are drawn
uniformly (stratum ``random``), then ``N_NAMED`` sentences from those left that contain a
capitalised word not at the sentence start (not *I*) or an all-caps token of 2+ letters (stratum
``capitalised``): a surface rule that enriches the sample for names without using the library's
actor matcher.

``stance``: candidate comment sentences (SFU, Civil Comments, Reddit) that contain a name from
the annotator's own short list of political actors (``STANCE_NAMES`` below, not the library's
registry). Candidates are split into those with a praise word near the name (``PRAISE``) and the
rest, and shuffled with the fixed seed; the annotator read them in that order (the order of
this output) and kept the pairs whose stance could be judged, preferring variety of actors
(README.md says how far each stratum was read; skipped candidates are not recorded).

The output is the unannotated sample (references, hashes and the sentence text for the
annotator's eyes only: never commit it; the gold files store every sentence by reference,
whatever its source's licence, because nothing of ``../shared`` is copied into the project).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gold import DEFAULT_SHARED, SOURCE_FILES, _csv_rows, sha256  # noqa: E402

from discourse.text import split_sentences  # noqa: E402

SEED = 20261206
N_RANDOM = 32
N_NAMED = 32
MIN_CHARS, MAX_CHARS, MIN_WORDS = 25, 400, 5
SOURCES = ("ptc", "newsmtsc", "sfu", "civil", "reddit")

_WORD = re.compile(r"[A-Za-z][A-Za-z.'\-]*")
_CAPITALISED = re.compile(r"^[A-Z][a-z]")
_ALL_CAPS = re.compile(r"^[A-Z][A-Z.]*[A-Z]\.?$")


def records(shared: Path, source: str) -> Iterator[tuple[str, str, str]]:
    """(file, key, text) of every record of `source`, in file order."""
    if source == "ptc":
        folder = shared / SOURCE_FILES["ptc"]
        for path in sorted(folder.glob("article*.txt")):
            with open(path, encoding="utf-8", newline="") as fh:
                yield f"{SOURCE_FILES['ptc']}/{path.name}", path.stem, fh.read()
    elif source == "newsmtsc":
        for file in SOURCE_FILES["newsmtsc"]:
            with open(shared / file, encoding="utf-8") as fh:
                lines = fh.read().rstrip("\n").split("\n")
            for n, line in enumerate(lines, 1):
                rec = json.loads(line)
                yield file, f"{n}:{rec['primary_gid']}", rec["sentence_normalized"]
    elif source in ("sfu", "civil"):
        file = SOURCE_FILES[source]
        rows = _csv_rows(str(shared / file))
        header = rows[0]
        key_col = "_unit_id" if source == "sfu" else "comment_id"
        text_col = "comment" if source == "sfu" else "comment_text"
        i_key, i_text = header.index(key_col), header.index(text_col)
        for row in rows[1:]:
            yield file, row[i_key], row[i_text]
    elif source == "reddit":
        file = SOURCE_FILES["reddit"]
        for n, row in enumerate(_csv_rows(str(shared / file)), 1):
            yield file, str(n), row[0]
    else:
        raise ValueError(source)


def sentences(shared: Path, source: str) -> list[dict]:
    """Every usable sentence of `source`, de-duplicated, sorted by reference."""
    seen: set[str] = set()
    out = []
    for file, key, text in records(shared, source):
        spans = [(0, len(text))] if source == "newsmtsc" else [
            (s.start, s.end) for s in split_sentences(text)]
        for start, end in spans:
            sent = text[start:end]
            if not (MIN_CHARS <= len(sent) <= MAX_CHARS) or len(_WORD.findall(sent)) < MIN_WORDS:
                continue
            if sent in seen:
                continue
            seen.add(sent)
            out.append({"source": source, "file": file, "key": key, "start": start, "end": end,
                        "sha256": sha256(sent), "sentence": sent})
    return out


def has_name_like(sentence: str) -> bool:
    """A capitalised word not at the start (not "I"), or an all-caps token of 2+ letters."""
    words = _WORD.findall(sentence)
    for i, w in enumerate(words):
        if _ALL_CAPS.match(w) and len(w.replace(".", "")) >= 2:
            return True
        if i > 0 and _CAPITALISED.match(w) and w not in ("I", "I'm", "I'll", "I've", "I'd"):
            return True
    return False


def mention_sample(shared: Path) -> list[dict]:
    out = []
    for source in SOURCES:
        rng = random.Random(f"{SEED}-{source}")
        pool = sentences(shared, source)
        chosen = rng.sample(range(len(pool)), N_RANDOM)
        taken = set(chosen)
        named = [i for i in range(len(pool)) if i not in taken and has_name_like(pool[i]["sentence"])]
        chosen_named = rng.sample(named, N_NAMED)
        for stratum, idx in (("random", chosen), ("capitalised", chosen_named)):
            for n, i in enumerate(idx):
                rec = dict(pool[i], stratum=stratum)
                out.append(rec)
    for n, rec in enumerate(out):
        rec["id"] = f"m{n + 1:03d}-{rec['source']}"
    return out


# -- stance candidates ----------------------------------------------------------------------
#: the annotator's own list of frequent political actor names in North American comments.
STANCE_NAMES = (
    "Trump", "Obama", "Hillary", "Clinton", "Bernie", "Sanders", "Biden", "Pence", "Putin",
    "Trudeau", "Harper", "Notley", "Wynne", "Ford", "Scheer", "Mulcair", "Singh", "May",
    "Bush", "Reagan", "Cruz", "Rubio", "Romney", "McConnell", "Pelosi", "Ryan", "Kasich",
    "Carson", "Mueller", "Comey", "Merkel", "Macron", "Netanyahu", "Assad", "Kim Jong",
    "Congress", "Senate", "Supreme Court", "FBI", "CIA", "NRA", "EPA", "UN", "NATO", "EU",
    "Democrats", "Republicans", "GOP", "Liberals", "Conservatives", "Tories", "NDP",
    "Russia", "China", "Canada", "Israel", "Iran", "Mexico", "Saudi", "Ukraine", "Syria",
    "Fox", "CNN", "CBC", "Globe", "New York Times", "Twitter", "Facebook",
)
PRAISE = (
    "great", "good", "best", "better", "thank", "thanks", "respect", "admire", "brilliant",
    "excellent", "honest", "smart", "decent", "support", "love", "proud", "well done",
    "kudos", "bravo", "agree", "right", "deserve", "competent", "leadership", "hero",
    "courage", "integrity", "intelligent", "wise", "impressive", "fair",
)
_NAMES_RE = re.compile(r"\b(" + "|".join(re.escape(n) for n in STANCE_NAMES) + r")\b")
_PRAISE_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in PRAISE) + r")", re.I)


def stance_candidates(shared: Path) -> list[dict]:
    out = []
    for source in ("sfu", "civil", "reddit"):
        rng = random.Random(f"{SEED}-stance-{source}")
        pool = [s for s in sentences(shared, source) if _NAMES_RE.search(s["sentence"])]
        praise = [s for s in pool if _PRAISE_RE.search(s["sentence"])]
        other = [s for s in pool if not _PRAISE_RE.search(s["sentence"])]
        rng.shuffle(praise)
        rng.shuffle(other)
        for s in praise:
            out.append(dict(s, stratum="praise_word"))
        for s in other:
            out.append(dict(s, stratum="name"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", choices=("mentions", "stance"))
    parser.add_argument("--shared", default=str(DEFAULT_SHARED),
                        help="the shared data root (holds eval/ and train/)")
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    rows = mention_sample(shared) if args.which == "mentions" else stance_candidates(shared)
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
