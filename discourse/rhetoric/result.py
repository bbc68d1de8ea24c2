"""Result types of the rhetorical analysis: counts, rates and the evidence spans behind them.

Examples
--------
>>> from discourse.rhetoric import rhetorical_features
>>> result = rhetorical_features("Wake up, people! This is a FALSE flag.", features=["shouting", "conspiracy"])
>>> [(r["feature"], r["count"], [e["surface"] for e in r["evidence"]]) for r in result.to_records()]
[('shouting', 1, ['FALSE']), ('conspiracy', 2, ['Wake up', 'FALSE flag'])]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from discourse.model import Span

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["FeatureCount", "RhetoricResult", "RECORD_COLUMNS"]

RECORD_COLUMNS = ("feature", "count", "rate_per_1000", "n_words", "score", "evidence")
"""Columns of :meth:`RhetoricResult.to_records`, in order."""


class FeatureCount(NamedTuple):
    """One feature's count in one text.

    Attributes
    ----------
    feature : str
        The feature's name (see :data:`discourse.rhetoric.CATALOGUE`) or ``"dictionary:category"``
        for a user dictionary.
    count : int
        Number of hits; always ``len(offsets)``.
    rate_per_1000 : float
        ``1000 * count / n_words`` (0.0 for a text without words).
    offsets : tuple of (int, int)
        Character offsets ``(start, end)`` of each hit in the text, in order.
    score : float or None
        Only for indices: the us-vs-them share of sentences (0-1) and the rudeness-cue rate.

    Examples
    --------
    >>> FeatureCount("questions", 1, 100.0, ((0, 4),)).count
    1
    """

    feature: str
    count: int  # type: ignore[assignment]  # a field named like tuple.count, which it shadows
    rate_per_1000: float
    offsets: tuple[tuple[int, int], ...]
    score: float | None = None


@dataclass(frozen=True)
class RhetoricResult:
    """Rhetorical features of one text, each with its evidence spans.

    Attributes
    ----------
    text : str
        The analysed text (every offset refers to it).
    n_words : int
        Number of word tokens (``Doc.n_words``), the denominator of every rate.
    names : tuple of str
        The reported features, in catalogue order (user-dictionary categories last).
    offsets : mapping of str to sequence of (int, int)
        Feature -> character offsets of its hits (may hold more features than `names`).
    scores : mapping of str to float
        Index scores (``us_vs_them``: share of sentences, 0-1; ``rudeness_cues``: rate).

    Examples
    --------
    >>> from discourse.rhetoric import rhetorical_features
    >>> r = rhetorical_features("Is it really true? Of course not.")
    >>> r.count("questions"), r["questions"].rate_per_1000
    (1, 142.85714285714286)
    >>> r.evidence("questions")
    [{'start': 0, 'end': 18, 'surface': 'Is it really true?'}]
    """

    text: str
    n_words: int
    names: tuple[str, ...] = ()
    offsets: Mapping[str, Sequence[tuple[int, int]]] = field(default_factory=dict)
    scores: Mapping[str, float] = field(default_factory=dict)

    def _count(self, name: str) -> FeatureCount:
        found = tuple(self.offsets[name])
        per = 1000.0 / self.n_words if self.n_words else 0.0
        return FeatureCount(name, len(found), len(found) * per, found, self.scores.get(name))

    @property
    def features(self) -> dict[str, FeatureCount]:
        """Feature -> :class:`FeatureCount`, in order (built on access; results stay plain data)."""
        return {name: self._count(name) for name in self.names}

    def __getitem__(self, feature: str) -> FeatureCount:
        if feature not in self.names:
            raise KeyError(
                f"feature {feature!r} is not in this result; it has: {', '.join(self.names)}"
            )
        return self._count(feature)

    def __iter__(self) -> Iterator[FeatureCount]:
        return (self._count(name) for name in self.names)

    def __len__(self) -> int:
        return len(self.names)

    def count(self, feature: str) -> int:
        """Number of hits of `feature`.

        Examples
        --------
        >>> from discourse.rhetoric import rhetorical_features
        >>> rhetorical_features("Why? Why not?").count("questions")
        2
        """
        if feature in self.names:
            return len(self.offsets[feature])
        return self[feature].count

    def rate(self, feature: str) -> float:
        """Hits of `feature` per 1,000 words.

        Examples
        --------
        >>> from discourse.rhetoric import rhetorical_features
        >>> rhetorical_features("Why not?").rate("questions")
        500.0
        """
        return self[feature].rate_per_1000

    def spans(self, feature: str) -> tuple[Span, ...]:
        """The hits of `feature` as :class:`~discourse.model.Span` views labelled with its name.

        Examples
        --------
        >>> from discourse.rhetoric import rhetorical_features
        >>> r = rhetorical_features("No, no, NO!")
        >>> [s.slice(r.text) for s in r.spans("epizeuxis")]
        ['No, no, NO']
        """
        return tuple(Span(a, b, feature) for a, b in self[feature].offsets)

    def evidence(self, feature: str) -> list[dict[str, Any]]:
        """The hits of `feature` as ``{"start", "end", "surface"}`` dicts.

        Examples
        --------
        >>> from discourse.rhetoric import rhetorical_features
        >>> rhetorical_features("What a joke.").evidence("aspersion")
        [{'start': 0, 'end': 11, 'surface': 'What a joke'}]
        """
        text = self.text
        return [{"start": a, "end": b, "surface": text[a:b]} for a, b in self[feature].offsets]

    def as_dict(self) -> dict[str, int]:
        """Feature -> count.

        Examples
        --------
        >>> from discourse.rhetoric import rhetorical_features
        >>> rhetorical_features("LOL, NOT funny.", features=["shouting", "mockery"]).as_dict()
        {'shouting': 1, 'mockery': 1}
        """
        return {name: len(self.offsets[name]) for name in self.names}

    def to_records(self, keys: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Tidy rows, one per feature.

        Columns (stable): ``feature`` (str), ``count`` (int), ``rate_per_1000`` (float, hits per
        1,000 words), ``n_words`` (int), ``score`` (float for the indices ``us_vs_them`` and
        ``rudeness_cues``, else ``None``), ``evidence`` (list of ``{"start", "end", "surface"}``
        dicts, offsets into the unit's text), then `keys` (columns added to every row: the
        pipeline adds ``thread_id``, ``unit_id`` and ``unit_kind``).

        Examples
        --------
        >>> from discourse.rhetoric import rhetorical_features
        >>> rhetorical_features("No doubt.", features=["boosters"]).to_records()
        [{'feature': 'boosters', 'count': 1, 'rate_per_1000': 500.0, 'n_words': 2, 'score': None, 'evidence': [{'start': 0, 'end': 8, 'surface': 'No doubt'}]}]
        >>> rhetorical_features("No.", features=["hedges"]).to_records({"unit_id": "c1"})[0]["unit_id"]
        'c1'
        """
        # (row by row: twice as fast as zipping the lists of to_columns into dicts; the two
        # give the same values, pinned by tests/test_thread_columns.py)
        text = self.text
        n_words = self.n_words
        per = 1000.0 / n_words if n_words else 0.0  # the same product as FeatureCount's rate
        offsets = self.offsets
        score = self.scores.get
        names = self.names
        # (name, spans) pairs: straight from the mapping when it holds exactly the reported
        # features in order (the usual case), else looked up.
        pairs = offsets.items() if tuple(offsets) == names else zip(names, map(offsets.__getitem__, names))
        # Most features of a text have no hit: their rows are copies of one template (a C-level
        # dict copy and three stores), with the keys in the documented order.
        template: dict[str, Any] = {
            "feature": None, "count": 0, "rate_per_1000": 0.0, "n_words": n_words, "score": None, "evidence": None,
        }
        if keys:
            template.update(keys)
        copy = template.copy
        records: list[dict[str, Any]] = []
        append = records.append
        for name, found in pairs:
            row = copy()
            row["feature"] = name
            row["score"] = score(name)
            if found:
                row["count"] = len(found)
                row["rate_per_1000"] = len(found) * per
                row["evidence"] = [{"start": a, "end": b, "surface": text[a:b]} for a, b in found]
            else:
                row["evidence"] = []
            append(row)
        return records

    def to_columns(self) -> dict[str, list[Any]]:
        """:meth:`to_records` column by column: :data:`RECORD_COLUMNS` -> one list each, in the
        order of :attr:`names` (what the pipeline gathers into the ``features`` table, without a
        dict per row: most rows are a feature without hits).

        Examples
        --------
        >>> from discourse.rhetoric import rhetorical_features
        >>> columns = rhetorical_features("No doubt, no doubt.", features=["boosters", "hedges"]).to_columns()
        >>> columns["feature"], columns["count"], columns["rate_per_1000"]
        (['boosters', 'hedges'], [2, 0], [500.0, 0.0])
        """
        text = self.text
        n_words = self.n_words
        per = 1000.0 / n_words if n_words else 0.0  # the same product as FeatureCount's rate
        names = list(self.names)
        found = list(map(self.offsets.__getitem__, names))
        counts = list(map(len, found))
        return {
            "feature": names,
            "count": counts,
            "rate_per_1000": [count * per if count else 0.0 for count in counts],
            "n_words": [n_words] * len(names),
            "score": list(map(self.scores.get, names)),
            "evidence": [[{"start": a, "end": b, "surface": text[a:b]} for a, b in spans] for spans in found],
        }

    def to_frame(self) -> "pd.DataFrame":
        """:meth:`to_records` as a pandas DataFrame.

        Examples
        --------
        >>> from discourse.rhetoric import rhetorical_features
        >>> rhetorical_features("Hm.", features=["hedges"]).to_frame().shape
        (1, 6)
        """
        import pandas as pd

        return pd.DataFrame(self.to_records(), columns=list(RECORD_COLUMNS))
