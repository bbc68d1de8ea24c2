"""Draw the hand-checked sample of predicted incivility spans, and show it for judging.

Sources (none used to fit the models):
- SFU Opinion and Comments Corpus (``../shared/eval/comments/SFU_constructiveness_toxicity.csv``,
  CC BY-NC-SA 4.0): referenced only: file, row (0-based, after dropping rows without a comment
  or label, as in discourse.validation), span offsets and the SHA-256 of the comment text. No
  SFU text is stored here.
- SemEval-2021 toxic-spans trial set (``../shared/train/toxic_spans/tsd_trial.csv``, Civil
  Comments, CC0 1.0), which is removed from all training: the span's text is stored.

Run from the repository root::

    PYTHONPATH=. python tests/data/incivility_spans_check/draw.py ../shared          # writes sample.tsv
    PYTHONPATH=. python tests/data/incivility_spans_check/draw.py ../shared --show   # prints spans in context

``judgements.tsv`` holds the sample with two judgements per span, made by reading each span in
its comment: ``uncivil`` (1: the span is rude or intolerant language, the kind of passage a
reader would point to) and ``correct`` (1: uncivil and of the predicted kind). Precision per kind
is ``python -m discourse.validation.incivility`` (or
``discourse.validation.incivility.span_check_precision``).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SEED = 16
PER_SOURCE = {"sfu": 70, "tsd_trial": 60}


def _texts(shared: Path) -> dict[str, list[str]]:
    import pandas as pd

    from discourse.text import clean

    sfu = pd.read_csv(shared / "eval" / "comments" / "SFU_constructiveness_toxicity.csv")
    sfu = sfu[sfu["is_toxic_popular_answer_1"].notna() & sfu["comment"].notna()]
    trial = pd.read_csv(shared / "train" / "toxic_spans" / "tsd_trial.csv", keep_default_na=False)
    return {"sfu": [clean(str(t)) for t in sfu["comment"]], "tsd_trial": [str(t) for t in trial["text"]]}


def draw(shared: Path) -> list[dict]:
    from discourse.incivility import score

    rng = np.random.default_rng(SEED)
    rows = []
    for source, texts in _texts(shared).items():
        found = []
        for i, text in enumerate(texts):
            for span in score(text).spans:
                found.append((i, span))
        pick = sorted(rng.choice(len(found), size=min(PER_SOURCE[source], len(found)), replace=False))
        for k in pick:
            i, span = found[k]
            text = texts[i]
            rows.append({
                "source": source,
                "row": i,
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "start": span.start,
                "end": span.end,
                "kind": span.kind,
                "surface": text[span.start : span.end] if source == "tsd_trial" else "",
            })
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("shared", type=Path, help="the folder holding eval/ and train/ (../shared)")
    parser.add_argument("--show", action="store_true", help="print each sampled span in its comment")
    args = parser.parse_args(argv)
    rows = draw(args.shared)
    if args.show:
        texts = _texts(args.shared)
        for n, r in enumerate(rows):
            text = texts[r["source"]][r["row"]]
            a, b = r["start"], r["end"]
            context = text[max(0, a - 120) : a] + "[[" + text[a:b] + "]]" + text[b : b + 120]
            print(f"{n}\t{r['source']}\t{r['row']}\t{r['kind']}\t" + " ".join(context.split()))
        return 0
    columns = ["source", "row", "sha256", "start", "end", "kind", "surface"]
    with open(HERE / "sample.tsv", "w", encoding="utf-8", newline="") as out:
        out.write("\t".join(columns) + "\n")
        for r in rows:
            out.write("\t".join(str(r[c]).replace("\t", " ").replace("\n", " ") for c in columns) + "\n")
    print(f"wrote {HERE / 'sample.tsv'} ({len(rows)} spans)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
