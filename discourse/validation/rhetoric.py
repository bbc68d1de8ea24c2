"""Validate the rhetorical features against human annotations.

Three checks:

- :func:`validate_ptc` (PTC v2, Da San Martino et al. 2019/2020): for each feature that
  corresponds to a propaganda technique, the share of its hits that overlap a gold span of that
  technique, against the same share for random windows of the same length in the same article
  (20 per hit, fixed seed), their ratio (lift), and the recall of gold spans (the share of gold
  spans that overlap at least one hit).
- :func:`validate_sfu` (SFU Opinion and Comments Corpus, Kolhatkar et al.): the AUC with which
  the rudeness-cue index (``rudeness_cues``) separates toxic from non-toxic comments, next to its parts and to VADER's
  compound sentiment. A comment is toxic when the annotators' most popular answer
  (``is_toxic_popular_answer_1``, 1 = not toxic .. 4 = very toxic) is 2 or more ("toxic2");
  the stricter cut at 3 ("toxic3") is reported too. AUC is the Mann-Whitney probability that a
  toxic comment scores higher than a non-toxic one (ties count half).
- :func:`validate_gold` (``tests/data/rhetoric_gold.tsv``, hand-checked examples): precision
  and recall of each feature's hits, matching predicted and expected surfaces.

Command line::

    python -m discourse.validation.rhetoric ../shared/eval --out rhetoric_validation.csv
    python -m discourse.validation.rhetoric --gold

Nothing here copies the evaluation data.

Examples
--------
>>> auc([0.9, 0.8, 0.1], [True, True, False])
1.0
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from discourse.errors import InputError
from discourse.rhetoric import RhetoricAnalyzer
from discourse.text import clean
from discourse.validation._common import write_csv

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "TECHNIQUES",
    "INCIVILITY_PARTS",
    "auc",
    "bootstrap_auc",
    "validate_ptc",
    "validate_sfu",
    "sfu_comments",
    "validate_gold",
    "load_gold",
    "GOLD_PATH",
    "main",
]

TECHNIQUES: dict[str, tuple[str, ...]] = {
    "Loaded_Language": ("loaded_language",),
    "Name_Calling,Labeling": ("name_calling", "insults"),
    "Exaggeration,Minimisation": ("hyperbole", "superlatives", "intensifiers", "absolutist"),
    "Flag-Waving": ("flag_waving",),
    "Doubt": ("distancing", "scare_quotes", "rhetorical_questions"),
    "Appeal_to_fear-prejudice": ("appeal_to_fear",),
    "Repetition": ("repeated_ngrams", "epizeuxis", "duplicate_sentences"),
    "Slogans": ("slogans", "shouting"),
}
"""PTC technique -> the features that correspond to it."""

INCIVILITY_PARTS = (
    "profanity",
    "name_calling",
    "insults",
    "aspersion",
    "lying_accusations",
    "shouting",
    "group_hostility",
    "personal_attack",
    "mockery",
)

GOLD_PATH = Path(__file__).resolve().parents[2] / "tests" / "data" / "rhetoric_gold.tsv"
"""The hand-checked examples in a source checkout."""


def auc(scores: npt.ArrayLike, labels: npt.ArrayLike) -> float:
    """Area under the ROC curve by the rank (Mann-Whitney) formula; ties count half.

    Examples
    --------
    >>> auc([1, 1, 0, 0], [True, False, True, False])
    0.5
    """
    x = np.asarray(scores, dtype=float)
    y = np.asarray(labels, dtype=bool)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    # average ranks (ties share the mean of their positions), 1-based
    values, inverse, counts = np.unique(x, return_inverse=True, return_counts=True)
    upper = np.cumsum(counts)
    ranks = (upper - (counts - 1) / 2.0)[inverse]
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def bootstrap_auc(
    scores: npt.ArrayLike,
    labels: npt.ArrayLike,
    baseline: npt.ArrayLike | None = None,
    *,
    n: int = 1000,
    seed: int = 0,
) -> tuple[float, float]:
    """95% percentile bootstrap interval of the AUC (or of AUC minus `baseline`'s AUC, paired).

    Examples
    --------
    >>> low, high = bootstrap_auc([3, 2, 1, 0] * 10, [True, True, False, False] * 10, n=50)
    >>> low == high == 1.0
    True
    """
    x = np.asarray(scores, dtype=float)
    y = np.asarray(labels, dtype=bool)
    b = None if baseline is None else np.asarray(baseline, dtype=float)
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(n):
        idx = rng.integers(0, len(x), len(x))
        value = auc(x[idx], y[idx])
        if b is not None:
            value -= auc(b[idx], y[idx])
        draws.append(value)
    low, high = np.nanpercentile(draws, [2.5, 97.5])
    return float(low), float(high)


def _find(data_dir: str | os.PathLike[str], *parts: str) -> Path:
    base = Path(data_dir)
    for candidate in (base.joinpath(*parts), base.joinpath(*parts[1:]) if len(parts) > 1 else None):
        if candidate is not None and candidate.exists():
            return candidate
    raise InputError(
        f"{Path(*parts)} not found under {base} (pass the evaluation folder, e.g. ../shared/eval)",
        source=str(base),
    )


# -- PTC ---------------------------------------------------------------------------------------



def sfu_comments(data_dir: str | os.PathLike[str]) -> tuple[list[str], np.ndarray]:
    """The labelled SFU comments (cleaned) and their toxicity level (the popular answer, 1-4).

    Parameters
    ----------
    data_dir : str or path
        The evaluation data folder (``../shared/eval``).

    Returns
    -------
    texts : list of str
    level : numpy.ndarray of int

    Raises
    ------
    InputError
        If the file lacks the ``comment`` or the label column.
    """
    import pandas as pd

    path = _find(data_dir, "comments", "SFU_constructiveness_toxicity.csv")
    frame = pd.read_csv(path)
    label = "is_toxic_popular_answer_1"
    if label not in frame or "comment" not in frame:
        raise InputError(f"expected columns 'comment' and {label!r}", source=str(path))
    frame = frame[frame[label].notna() & frame["comment"].notna()]
    return [clean(str(t)) for t in frame["comment"]], frame[label].astype(int).to_numpy()

def _read_ptc(data_dir: str | os.PathLike[str]) -> tuple[dict[str, str], dict[str, list[tuple[str, int, int]]]]:
    labels_path = _find(data_dir, "propaganda", "train-task-flc-tc.labels")
    articles_dir = labels_path.parent / "train-articles"
    gold: dict[str, list[tuple[str, int, int]]] = {}
    with open(labels_path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 4:
                raise InputError("expected 4 tab-separated fields", source=str(labels_path), line=number)
            article, technique, start, end = parts
            gold.setdefault(article, []).append((technique, int(start), int(end)))
    texts = {}
    for path in sorted(articles_dir.glob("article*.txt")):
        article = path.stem.removeprefix("article")
        with open(path, encoding="utf-8", newline="") as handle:
            texts[article] = handle.read()
    return texts, gold


def validate_ptc(
    data_dir: str | os.PathLike[str], *, n_random: int = 20, seed: int = 0
) -> "pd.DataFrame":
    """Hits of technique-like features against PTC gold spans (see the module docstring).

    Returns one row per technique and feature (and a row ``"(any of them)"`` per technique for
    the union of its features), with columns ``technique``, ``feature``, ``n_hits``,
    ``hit_share_in_gold`` (hits overlapping a gold span of the technique), ``random_share``
    (same-length random windows overlapping one), ``lift`` (their ratio), ``n_gold`` and
    ``gold_recall`` (gold spans overlapping a hit).
    """
    import pandas as pd

    texts, gold = _read_ptc(data_dir)
    analyzer = RhetoricAnalyzer()
    rng = np.random.default_rng(seed)
    stats: dict[tuple[str, str], Counter] = {}
    for article, text in texts.items():
        if not text:
            continue
        result = analyzer.analyze(text)
        length = len(text)
        spans_by_tech: dict[str, list[tuple[int, int]]] = {}
        for technique, start, end in gold.get(article, ()):
            spans_by_tech.setdefault(technique, []).append((start, end))
        for technique, features in TECHNIQUES.items():
            spans = spans_by_tech.get(technique, [])
            covered = np.zeros(length + 1, dtype=np.int64)
            for start, end in spans:
                covered[max(0, start) : min(length, end)] = 1
            cum = np.concatenate(([0], np.cumsum(covered)))

            def overlaps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
                return (cum[np.minimum(b, length)] - cum[np.minimum(a, length)]) > 0

            union: list[tuple[int, int]] = []
            for feature in features + ("(any of them)",):
                hits = union if feature == "(any of them)" else list(result.offsets[feature])
                if feature != "(any of them)":
                    union.extend(hits)
                c = stats.setdefault((technique, feature), Counter())
                c["n_gold"] += len(spans)
                if hits:
                    a = np.array([h[0] for h in hits])
                    b = np.array([h[1] for h in hits])
                    c["n_hits"] += len(hits)
                    c["in_gold"] += int(overlaps(a, b).sum())
                    widths = np.repeat(b - a, n_random)
                    starts = rng.integers(0, np.maximum(length - widths, 0) + 1)
                    c["random_in_gold"] += int(overlaps(starts, starts + widths).sum())
                    c["n_random"] += len(widths)
                for start, end in spans:
                    if any(h[0] < end and start < h[1] for h in hits):
                        c["gold_found"] += 1
    rows = []
    for (technique, feature), c in stats.items():
        share = c["in_gold"] / c["n_hits"] if c["n_hits"] else float("nan")
        random_share = c["random_in_gold"] / c["n_random"] if c["n_random"] else float("nan")
        rows.append(
            {
                "technique": technique,
                "feature": feature,
                "n_hits": c["n_hits"],
                "hit_share_in_gold": share,
                "random_share": random_share,
                "lift": share / random_share if random_share else float("nan"),
                "n_gold": c["n_gold"],
                "gold_recall": c["gold_found"] / c["n_gold"] if c["n_gold"] else float("nan"),
            }
        )
    return pd.DataFrame(rows)


# -- SFU ---------------------------------------------------------------------------------------


def validate_sfu(data_dir: str | os.PathLike[str], *, n_boot: int = 1000) -> "pd.DataFrame":
    """AUC of the rudeness-cue index (and its parts, and VADER) for toxic vs non-toxic comments.

    (The fitted measures of :mod:`discourse.incivility` are validated by
    :mod:`discourse.validation.incivility`.)

    Returns one row per measure and cut, with columns ``measure``, ``cut`` (``toxic2``:
    popular answer >= 2; ``toxic3``: >= 3), ``n_toxic``, ``n_nontoxic``, ``auc`` and, for the
    index and VADER, a 95% bootstrap interval (``ci_low``, ``ci_high``; `n_boot` resamples,
    seed 0). The row ``"rudeness_cues - vader_negative"`` is the paired difference of the two
    AUCs with its bootstrap interval. Rows ``"... [odd rows]"`` use only the odd-numbered
    comments: the word lists were extended after reading errors on the even-numbered ones, so
    the odd rows are the held-out figure.
    Measures: ``rudeness_cues`` (the index: its rate per 1,000 words), ``rudeness_cues_count``
    (hits, not divided by length), each part's rate, and ``vader_negative`` (minus VADER's
    compound score, so that higher means more negative).
    """
    import pandas as pd
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    texts, level = sfu_comments(data_dir)
    analyzer = RhetoricAnalyzer(features=("rudeness_cues",) + INCIVILITY_PARTS)
    vader = SentimentIntensityAnalyzer()
    measures: dict[str, list[float]] = {m: [] for m in ("rudeness_cues", "rudeness_cues_count", *INCIVILITY_PARTS, "vader_negative")}
    for text in texts:
        result = analyzer.analyze(text)
        measures["rudeness_cues"].append(result.rate("rudeness_cues"))
        measures["rudeness_cues_count"].append(result.count("rudeness_cues"))
        for part in INCIVILITY_PARTS:
            measures[part].append(result.rate(part))
        measures["vader_negative"].append(-vader.polarity_scores(text)["compound"])
    rows = []
    baseline = measures["vader_negative"]
    for cut in (2, 3):
        toxic = level >= cut
        for measure, values in measures.items():
            row = {
                "measure": measure,
                "cut": f"toxic{cut}",
                "n_toxic": int(toxic.sum()),
                "n_nontoxic": int((~toxic).sum()),
                "auc": auc(values, toxic),
                "ci_low": float("nan"),
                "ci_high": float("nan"),
            }
            if measure in ("rudeness_cues", "vader_negative"):
                row["ci_low"], row["ci_high"] = bootstrap_auc(values, toxic, n=n_boot)
            rows.append(row)
        odd = np.arange(len(toxic)) % 2 == 1  # rows never looked at while writing the lists
        for measure in ("rudeness_cues", "vader_negative"):
            values = np.asarray(measures[measure])[odd]
            low, high = bootstrap_auc(values, toxic[odd], n=n_boot)
            rows.append(
                {
                    "measure": f"{measure} [odd rows]",
                    "cut": f"toxic{cut}",
                    "n_toxic": int(toxic[odd].sum()),
                    "n_nontoxic": int((~toxic[odd]).sum()),
                    "auc": auc(values, toxic[odd]),
                    "ci_low": low,
                    "ci_high": high,
                }
            )
        difference = auc(measures["rudeness_cues"], toxic) - auc(baseline, toxic)
        low, high = bootstrap_auc(measures["rudeness_cues"], toxic, baseline, n=n_boot)
        rows.append(
            {
                "measure": "rudeness_cues - vader_negative",
                "cut": f"toxic{cut}",
                "n_toxic": int(toxic.sum()),
                "n_nontoxic": int((~toxic).sum()),
                "auc": difference,
                "ci_low": low,
                "ci_high": high,
            }
        )
    return pd.DataFrame(rows)


# -- hand-checked examples -----------------------------------------------------------------------


def load_gold(path: str | os.PathLike[str] | None = None) -> list[dict[str, Any]]:
    """The hand-checked examples: dicts with ``feature``, ``text``, ``expected`` (list of str),
    ``note`` and ``line``.

    Examples
    --------
    >>> rows = load_gold()
    >>> len(rows) >= 60, sorted(rows[0])
    (True, ['expected', 'feature', 'line', 'note', 'text'])
    """
    path = Path(path) if path is not None else GOLD_PATH
    rows: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as handle:
        header = None
        for number, line in enumerate(handle, 1):
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if header is None:
                header = parts
                continue
            if len(parts) < 3:
                raise InputError("expected feature, text, expected[, note]", source=str(path), line=number)
            expected = [e.strip() for e in parts[2].split("|") if e.strip()]
            rows.append(
                {
                    "feature": parts[0].strip(),
                    "text": parts[1],
                    "expected": expected,
                    "note": parts[3] if len(parts) > 3 else "",
                    "line": number,
                }
            )
    return rows


def validate_gold(path: str | os.PathLike[str] | None = None, *, details: list | None = None) -> "pd.DataFrame":
    """Precision and recall per feature on the hand-checked examples.

    Predicted and expected hits are matched by their surface (a multiset per example). Columns:
    ``feature``, ``examples``, ``tp``, ``fp``, ``fn``, ``precision``, ``recall``; the last row
    (``feature == "ALL"``) pools every feature. Pass a list as `details` to collect the
    mismatches as ``(line, feature, text, missing, extra)``.

    Examples
    --------
    >>> table = validate_gold()
    >>> table.iloc[-1]["feature"], bool(table.iloc[-1]["precision"] > 0.8)
    ('ALL', True)
    """
    import pandas as pd

    analyzer = RhetoricAnalyzer()
    per: dict[str, Counter] = {}
    for row in load_gold(path):
        feature = row["feature"]
        predicted = Counter(e["surface"] for e in analyzer.analyze(row["text"]).evidence(feature))
        expected = Counter(row["expected"])
        tp = sum((predicted & expected).values())
        c = per.setdefault(feature, Counter())
        c["examples"] += 1
        c["tp"] += tp
        c["fp"] += sum(predicted.values()) - tp
        c["fn"] += sum(expected.values()) - tp
        if details is not None and predicted != expected:
            details.append(
                (row["line"], feature, row["text"], sorted((expected - predicted).elements()),
                 sorted((predicted - expected).elements()))
            )
    total: Counter[str] = Counter()
    rows = []
    for feature, c in per.items():
        total.update(c)
        rows.append({"feature": feature, **_prf(c)})
    rows.append({"feature": "ALL", **_prf(total)})
    return pd.DataFrame(rows)


def _prf(c: Counter) -> dict[str, Any]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    return {
        "examples": c["examples"],
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
    }


# -- all together ----------------------------------------------------------------------------------


def validate_rhetoric(data_dir: str | os.PathLike[str] | None, *, gold: bool = True) -> "pd.DataFrame":
    """All checks as one tidy table: ``dataset``, ``subject``, ``feature``, ``metric``, ``value``.

    `data_dir` may be ``None`` to run only the hand-checked examples.
    """
    import pandas as pd

    parts = []
    if data_dir is not None:
        ptc = validate_ptc(data_dir)
        parts.append(
            ptc.melt(id_vars=["technique", "feature"], var_name="metric", value_name="value")
            .rename(columns={"technique": "subject"})
            .assign(dataset="ptc")
        )
        sfu = validate_sfu(data_dir)
        parts.append(
            sfu.melt(id_vars=["measure", "cut"], var_name="metric", value_name="value")
            .rename(columns={"measure": "feature", "cut": "subject"})
            .assign(dataset="sfu")
        )
    if gold:
        table = validate_gold()
        parts.append(
            table.melt(id_vars=["feature"], var_name="metric", value_name="value")
            .assign(dataset="gold", subject="hand-checked")
        )
    out = pd.concat(parts, ignore_index=True)
    return out[["dataset", "subject", "feature", "metric", "value"]]


def main(argv: Iterable[str] | None = None) -> int:
    """Command line: ``python -m discourse.validation.rhetoric [DATA_DIR] [--out F] [--gold]``."""
    import pandas as pd

    parser = argparse.ArgumentParser(
        prog="python -m discourse.validation.rhetoric",
        description="Validate the rhetorical features on PTC, SFU and the hand-checked examples.",
    )
    parser.add_argument("data_dir", nargs="?", help="evaluation data folder (e.g. ../shared/eval)")
    parser.add_argument("--out", help="write the tidy table as CSV")
    parser.add_argument("--gold", action="store_true", help="only the hand-checked examples")
    parser.add_argument("--details", action="store_true", help="list the gold mismatches")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.data_dir is None and not args.gold:
        parser.error("give DATA_DIR, or --gold for the hand-checked examples only")
    pd.set_option("display.width", 160)
    pd.set_option("display.max_columns", 20)
    details: list = []
    gold = validate_gold(details=details)
    print("Hand-checked examples (tests/data/rhetoric_gold.tsv): precision and recall per feature")
    print(gold.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    if args.details:
        for line, feature, text, missing, extra in details:
            print(f"  line {line} {feature}: {text!r} missing={missing} extra={extra}")
    frames = [gold.melt(id_vars=["feature"], var_name="metric", value_name="value").assign(dataset="gold", subject="hand-checked")]
    if args.data_dir is not None and not args.gold:
        ptc = validate_ptc(args.data_dir)
        print("\nPTC v2 train: hits of technique-like features inside gold spans (20 random windows per hit, seed 0)")
        print(ptc.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
        sfu = validate_sfu(args.data_dir)
        print("\nSFU comments: AUC for toxic vs non-toxic")
        print(sfu.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
        frames += [
            ptc.melt(id_vars=["technique", "feature"], var_name="metric", value_name="value")
            .rename(columns={"technique": "subject"}).assign(dataset="ptc"),
            sfu.melt(id_vars=["measure", "cut"], var_name="metric", value_name="value")
            .rename(columns={"measure": "feature", "cut": "subject"}).assign(dataset="sfu"),
        ]
    if args.out:
        table = pd.concat(frames, ignore_index=True)[["dataset", "subject", "feature", "metric", "value"]]
        write_csv(table, args.out)
        print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
