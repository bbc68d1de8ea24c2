"""The front door: :func:`rhetorical_features` for one text, tables for a whole thread.

Examples
--------
>>> from discourse.datasets import load_seed
>>> table = contrast_table(load_seed(), features=["shouting", "profanity"])
>>> list(table["feature"]), list(table["article_count"]), list(table["comments_count"])
(['shouting', 'profanity'], [0, 0], [10, 7])
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from discourse.lexicons.dic import UserDictionary, read_dic
from discourse.model import Thread
from discourse.rhetoric.catalogue import FEATURE_NAMES
from discourse.rhetoric.engine import get_engine
from discourse.rhetoric.result import RECORD_COLUMNS, RhetoricResult
from discourse.text import Doc, as_doc

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "RhetoricAnalyzer",
    "rhetorical_features",
    "thread_features",
    "contrast_table",
    "THREAD_COLUMNS",
    "CONTRAST_COLUMNS",
]


THREAD_COLUMNS = ("unit_id", "unit_kind") + RECORD_COLUMNS
"""Columns of :func:`thread_features`."""

CONTRAST_COLUMNS = (
    "feature",
    "article_count",
    "article_rate",
    "comments_count",
    "comments_rate",
    "comments_with_feature",
    "comments_share",
    "rate_ratio",
)
"""Columns of :func:`contrast_table`."""


def _resolve_features(features: str | Iterable[str]) -> tuple[str, ...]:
    if isinstance(features, str):
        if features == "all":
            return FEATURE_NAMES
        features = [features]
    chosen = tuple(dict.fromkeys(features))
    unknown = [f for f in chosen if f not in FEATURE_NAMES]
    if unknown:
        raise ValueError(
            f"unknown rhetorical feature(s) {', '.join(map(repr, unknown))}; "
            f"choose from: {', '.join(FEATURE_NAMES)}"
        )
    return chosen


class RhetoricAnalyzer:
    """Rhetorical features with their evidence, configurable.

    Parameters
    ----------
    features : "all" or sequence of str
        Which catalogue features to report (all are computed; the indices need their parts).
    dictionaries : sequence of UserDictionary or path
        User dictionaries (LIWC-style ``.dic`` or word lists) whose categories are reported as
        extra features ``"name:category"``.
    ngram : int
        Length of the n-grams for ``repeated_ngrams`` (default 3).
    negation_window : int
        Tokens searched before a hit for a negator (default 3).
    hostility_window : int
        Maximum token distance between a group reference and a hostile word (default 10).

    Examples
    --------
    >>> analyzer = RhetoricAnalyzer(features=["hedges", "boosters"])
    >>> analyzer.get_params()["features"]
    ('hedges', 'boosters')
    >>> analyzer.analyze("I am not sure. Clearly it is about 100 km.").as_dict()
    {'hedges': 2, 'boosters': 1}
    """

    def __init__(
        self,
        *,
        features: str | Sequence[str] = "all",
        dictionaries: Sequence[UserDictionary | str | os.PathLike[str]] = (),
        ngram: int = 3,
        negation_window: int = 3,
        hostility_window: int = 10,
    ) -> None:
        self.features = features if isinstance(features, str) else tuple(features)
        self.dictionaries = tuple(dictionaries)
        self.ngram = ngram
        self.negation_window = negation_window
        self.hostility_window = hostility_window

    def get_params(self) -> dict[str, Any]:
        """The constructor's parameters (paths of dictionaries as strings).

        Examples
        --------
        >>> RhetoricAnalyzer(ngram=4).get_params()["ngram"]
        4
        """
        return {
            "features": self.features,
            "dictionaries": tuple(
                d.path or d.name if isinstance(d, UserDictionary) else os.fspath(d)
                for d in self.dictionaries
            ),
            "ngram": self.ngram,
            "negation_window": self.negation_window,
            "hostility_window": self.hostility_window,
        }

    # state built on first use (scikit-learn style: trailing underscore)
    def _setup(self) -> None:
        if getattr(self, "engine_", None) is not None:
            return
        if not isinstance(self.ngram, int) or self.ngram < 1:
            raise ValueError(f"ngram must be a positive integer, got {self.ngram!r}")
        if self.negation_window < 0 or self.hostility_window < 0:
            raise ValueError("negation_window and hostility_window must be >= 0")
        self.selected_ = _resolve_features(self.features)
        self.dictionaries_ = tuple(
            d if isinstance(d, UserDictionary) else read_dic(d) for d in self.dictionaries
        )
        self.engine_ = get_engine(self.ngram, self.negation_window, self.hostility_window)

    def __getstate__(self) -> dict[str, Any]:
        # Learned state (the compiled engine) is rebuilt on first use in another process.
        return {k: v for k, v in self.__dict__.items() if not k.endswith("_")}

    def lexicon_info(self) -> list[dict[str, str]]:
        """Provenance (:meth:`~discourse.lexicons.Lexicon.info`) of every lexicon used.

        Examples
        --------
        >>> info = RhetoricAnalyzer().lexicon_info()
        >>> all({"name", "sha256", "licence"} <= set(d) for d in info)
        True
        """
        self._setup()
        infos = [lex.info() for lex in self.engine_.lexicons.values()]
        return infos + [d.info() for d in self.dictionaries_]

    def analyze(self, text_or_doc: str | Doc) -> RhetoricResult:
        """Count every selected feature in one text.

        Parameters
        ----------
        text_or_doc : str or Doc
            The text (a :class:`~discourse.text.Doc` shares its tokens with other analysers).

        Examples
        --------
        >>> RhetoricAnalyzer(features=["imperatives"]).analyze("Read it. I think.").count("imperatives")
        1
        """
        self._setup()
        doc = as_doc(text_or_doc)
        spans, scores, n_words = self.engine_.measure(doc)
        names = self.selected_
        for dictionary in self.dictionaries_:
            names = names + tuple(self._add_dictionary(dictionary, doc, spans))
        return RhetoricResult(doc.text, n_words, names, spans, scores)

    @staticmethod
    def _add_dictionary(dictionary: UserDictionary, doc: Doc, spans: dict) -> list[str]:
        names = []
        for category, found in dictionary.apply(doc).items():
            name = f"{dictionary.name}:{category}"
            spans[name] = found
            names.append(name)
        return names

    def thread_features(self, thread: Thread) -> "pd.DataFrame":
        """One row per unit (title, article, comment) and feature; see :func:`thread_features`.

        Examples
        --------
        >>> from discourse.datasets import load_seed
        >>> len(RhetoricAnalyzer(features=["hedges"]).thread_features(load_seed()))
        18
        """
        import pandas as pd

        rows = []
        for unit_id, kind, text in thread.units():
            for record in self.analyze(text).to_records():
                rows.append({"unit_id": unit_id, "unit_kind": kind, **record})
        return pd.DataFrame(rows, columns=list(THREAD_COLUMNS))

    def contrast_table(self, thread: Thread) -> "pd.DataFrame":
        """The article against its comments, one row per feature; see :func:`contrast_table`.

        Examples
        --------
        >>> from discourse.datasets import load_seed
        >>> RhetoricAnalyzer(features=["hedges"]).contrast_table(load_seed())["article_count"].item()
        11
        """
        import pandas as pd

        sides: dict[str, dict[str, Any]] = {}
        totals = {"article": 0, "comments": 0}
        with_feature: dict[str, int] = {}
        n_comments = 0
        for _, kind, text in thread.units():
            side = "comments" if kind == "comment" else "article"
            result = self.analyze(text)
            totals[side] += result.n_words
            n_comments += side == "comments"
            for fc in result:
                counts = sides.setdefault(fc.feature, {"article": 0, "comments": 0})
                counts[side] += fc.count
                if side == "comments" and fc.count:
                    with_feature[fc.feature] = with_feature.get(fc.feature, 0) + 1
        rows = []
        for feature, counts in sides.items():
            a_rate = 1000.0 * counts["article"] / totals["article"] if totals["article"] else 0.0
            c_rate = 1000.0 * counts["comments"] / totals["comments"] if totals["comments"] else 0.0
            rows.append(
                {
                    "feature": feature,
                    "article_count": counts["article"],
                    "article_rate": a_rate,
                    "comments_count": counts["comments"],
                    "comments_rate": c_rate,
                    "comments_with_feature": with_feature.get(feature, 0),
                    "comments_share": with_feature.get(feature, 0) / n_comments if n_comments else 0.0,
                    "rate_ratio": c_rate / a_rate if a_rate else float("nan"),
                }
            )
        return pd.DataFrame(rows, columns=list(CONTRAST_COLUMNS))


_DEFAULT: dict[str | tuple[str, ...], RhetoricAnalyzer] = {}


def _analyzer(features: str | Sequence[str]) -> RhetoricAnalyzer:
    key = features if isinstance(features, str) else tuple(features)
    analyzer = _DEFAULT.get(key)
    if analyzer is None:
        analyzer = RhetoricAnalyzer(features=features)
        analyzer._setup()
        if len(_DEFAULT) > 64:
            _DEFAULT.clear()
        _DEFAULT[key] = analyzer
    return analyzer


def rhetorical_features(
    text_or_doc: str | Doc, features: str | Sequence[str] = "all"
) -> RhetoricResult:
    """Count rhetorical features in a text, with the evidence spans behind every count.

    Parameters
    ----------
    text_or_doc : str or Doc
        The text of one unit (an article, a title or a comment).
    features : "all" or sequence of str
        Feature names from the catalogue (:data:`discourse.rhetoric.FEATURE_NAMES`).

    Returns
    -------
    RhetoricResult
        Per feature: count, rate per 1,000 words and character spans; ``to_records()`` gives
        tidy rows.

    Examples
    --------
    >>> r = rhetorical_features("We do NOT need their F'n oil fields. Kids... wake up!")
    >>> r.count("shouting"), r.evidence("profanity")[0]["surface"], r.count("us_vs_them")
    (1, "F'n", 1)
    """
    return _analyzer(features).analyze(text_or_doc)


def thread_features(
    thread: Thread, features: str | Sequence[str] = "all", *, analyzer: RhetoricAnalyzer | None = None
) -> "pd.DataFrame":
    """Rhetorical features of every unit of a thread: one row per unit and feature.

    Columns: ``unit_id`` (``"title"``, ``"article"`` or the comment id), ``unit_kind``
    (``title``/``article``/``comment``) and the columns of
    :meth:`RhetoricResult.to_records` (``feature``, ``count``, ``rate_per_1000``, ``n_words``,
    ``score``, ``evidence``).

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> df = thread_features(load_seed(), ["questions"])
    >>> df.loc[df.unit_id == "c04", "count"].item()
    3
    """
    return (analyzer or _analyzer(features)).thread_features(thread)


def contrast_table(
    thread: Thread, features: str | Sequence[str] = "all", *, analyzer: RhetoricAnalyzer | None = None
) -> "pd.DataFrame":
    """Contrast the article (title and body pooled) with its comments, one row per feature.

    Columns: ``feature``; ``article_count`` and ``article_rate`` (per 1,000 words);
    ``comments_count`` and ``comments_rate`` (all comments pooled); ``comments_with_feature``
    (comments with at least one hit) and ``comments_share`` (their share of all comments);
    ``rate_ratio`` (comments rate / article rate, NaN when the article has none).

    Examples
    --------
    >>> from discourse.datasets import load_seed
    >>> row = contrast_table(load_seed(), ["second_person"]).iloc[0]
    >>> int(row.article_count), int(row.comments_count) > 5
    (0, True)
    """
    return (analyzer or _analyzer(features)).contrast_table(thread)
