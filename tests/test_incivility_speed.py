"""The incivility scorer's fast path gives exactly the scores and spans of the explicit one.

Two checks:

- a property test: the fast path's weighted context features (:mod:`discourse.incivility.scorer`)
  are exactly those of :func:`~discourse.incivility.features.context_features` filtered through
  the weight table, in the same order (so every float sum is the same);
- a stored reference: the SHA-256 of the ``repr`` of every probability and span of ~2,000 texts
  (the seed, a seeded synthetic corpus and edge cases) for the bundled weight file. It was
  computed with the implementation before the fast path (commit f223ff3), and re-recorded when
  the scorer was made to count a phrase category that words of the text also carry once, as
  the document models were fitted (``features.document_counts``; issue #16): the outputs of 86
  of the 2,073 texts changed, exactly those where such a category occurs, and
  ``test_logits_equal_the_document_counts_representation`` checks the new logits against the
  explicit representation. A refit changes the weight file, and an edit of a lexicon the
  features read (``features.LEXICON_FILES``) or of the seed changes the outputs; then
  recompute the reference with the explicit path of a commit after that fix (the spans'
  path; the logits as in that test) and record why.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from discourse.incivility import IncivilityAnalyzer, IncivilityResult, features, load_weights
from discourse.incivility.features import (
    context_features,
    document_counts,
    lexicon_categories,
    own_features,
    replaced_own_counts,
    skeleton,
)
from discourse.incivility.scorer import ContextTables, WordRecords, weighted_context
from discourse.incivility.tokens import (
    _HAS_SPACED,
    _PLAIN_SPLIT,
    _PLAIN_SPLIT_ASCII,
    _SPACED_HINT,
    normalize_word,
    split_words,
)

# weight file SHA-256 -> SHA-256 of the outputs of the reference texts (see the module docstring)
REFERENCE = {
    "677d8c0f2444f012d5325550e3d2d387716431fb2f5de2a5233a70d03b22ee7b": (
        # re-recorded with the counting fix of issue #16 (f223ff3 gave 2d9befd0...6611c)
        "3db5305511d67b84dd27a65a2a5f1b4207723f7b0534f19e47424ade6fab0903",
        4146,
    ),
}

# words with weighted pairs, negators, reporting verbs, phrase starts, group nouns, insults
_WORDS = (
    "you are an idiot not never no the word called said they them go back muslims vermin "
    "stupid moron people of out here these those and but is a i shut up fuck f*ck idiots"
).split()


def reference_texts() -> list[str]:
    from discourse.datasets import load_seed, synthetic_corpus

    seed = load_seed()
    threads = [seed] if hasattr(seed, "units") else list(seed)
    threads += list(synthetic_corpus(2000, comments_per_thread=100, seed=16))
    texts = [text for thread in threads for _, _, text in thread.units()]
    texts += [
        "You're a stuuupid f*ck, muzz1e!",
        "what a s t u p i d idea",
        "a s t u p i d man",
        "You are NOT an idiot, but you are a moron.",
        "he called them animals",
        'She said "you idiot" to him.',
        "Send them back",
        "Go back, @bob!!",
        "",
        "   ",
        "f&ck FN fin sh#t a$$ s#!t",
        "I I I x y z",
        "Muslims are vermin and should all be deported, they are animals.",
        "never a stupid idea, not the word idiots",
        "These people, those IDIOTS, they are not human; go back where you came from",
    ]
    return texts


def outputs_sha256(analyzer_factory) -> tuple[str, int]:
    """SHA-256 of the reprs of the probabilities and spans of the reference texts, analysed
    with every span setting."""
    rows = []
    for spans in (True, "flagged"):
        analyzer = analyzer_factory(spans)
        for text in reference_texts():
            r = analyzer.analyze(text)
            spans_repr = [
                [s.start, s.end, s.kind, repr(s.probability), repr(s.incivility), repr(s.intolerance)]
                for s in r.spans
            ]
            rows.append([repr(r.incivility), repr(r.intolerance)] + spans_repr)
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest(), len(rows)


def _explicit_logits(text: str, models) -> tuple[float, float]:
    """Intercept + the weights times the document models' input, ``document_counts``."""
    counts = document_counts(skeleton(text))
    return tuple(
        models[m]["intercept"] + sum(models[m]["weights"].get(f, 0.0) * n for f, n in sorted(counts.items()))
        for m in ("incivility", "intolerance")
    )


def _replaced(text: str) -> dict[str, int]:
    sk = skeleton(text)
    return replaced_own_counts([e[0] for e in sk.extras], [t.norm for t, s in zip(sk.tokens, sk.scopes) if not s])


@pytest.mark.parametrize("spans", [False, True])
def test_logits_equal_the_document_counts_representation(spans):
    """The scorer computes the representation the document models were fitted on (issue #16:
    it used to add a phrase category to the same category of the text's words, which the
    fitting counted once), and its terms add up to its logits."""
    models = load_weights().models
    analyzer = IncivilityAnalyzer(spans=spans)
    texts = reference_texts() + [
        "You people crack me up, you and your friends.",
        "you people, you people and your kind",
        "You people are idiots, you hear me?",
    ]
    collided = 0
    for text in texts:
        r = analyzer.analyze(text)
        explicit = _explicit_logits(text, models)
        assert r.logits == pytest.approx(explicit, abs=1e-9), text
        if _replaced(text):
            collided += 1
            for m in (0, 1):
                total = r.intercepts[m] + sum(t.incivility if m == 0 else t.intolerance for t in r.terms)
                assert total == pytest.approx(r.logits[m], abs=1e-9), text
    # the texts must exercise the case the fix is about
    assert collided >= 50


def test_outputs_equal_the_reference_implementation():
    sha = load_weights().sha256
    if sha not in REFERENCE:
        pytest.fail(
            f"no reference outputs for weight file {sha[:12]}: recompute them with the new weights "
            "(see this module's docstring)"
        )
    assert outputs_sha256(lambda spans: IncivilityAnalyzer(spans=spans)) == REFERENCE[sha]


def _slow_path(text: str, joint) -> tuple[list[str], list[tuple[float, float, float]]]:
    """What the scorer summed before the fast path: every context occurrence, each name once
    in first-occurrence order, filtered through the weight table."""
    scopes, extras = context_features(split_words(text))
    names = dict.fromkeys(name for name, _, _ in extras)
    # a phrase category that k unscoped words also carry counts once in all: 1 - k times
    norms = [norm for norm, scope in zip(split_words(text).norms, scopes) if not scope]
    phrases = [name for name, i, j in extras if name.startswith("l:") and j > i]
    k = replaced_own_counts(phrases, norms)
    return scopes, [tuple(v * (1 - k.get(name, 0)) for v in joint[name]) for name in names if name in joint]


_TEXTS = st.lists(
    st.one_of(st.sampled_from(_WORDS), st.sampled_from([",", ".", " ", '"', "\u201c", ";", "!", "\n"])),
    max_size=40,
).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_weighted_context_equals_filtered_context_features(text):
    analyzer = IncivilityAnalyzer()
    analyzer._setup()
    tables = analyzer.tables_
    assert weighted_context(split_words(text), tables) == _slow_path(text, tables.joint)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_logits_equal_the_document_counts_representation_property(text):
    models = load_weights().models
    assert IncivilityAnalyzer(spans=False).analyze(text).logits == pytest.approx(_explicit_logits(text, models), abs=1e-9)


def test_weighted_context_on_a_small_table():
    tables = ContextTables.build(
        {
            "b:NEG_not an": (0.25, 0.0, 0.0),
            "w:NEG_idiot": (-1.0, 0.0, 0.0),
            "b:an idiot": (2.0, 0.0, 0.0),
            "b:you idiot": (1.0, 0.0, 0.0),
            "x:you_attack": (0.5, 0.0, 0.0),
        }
    )
    # the negated pair and word, not the plain pair; nothing across the comma
    assert weighted_context(split_words("not an idiot"), tables)[1] == [(0.25, 0.0, 0.0), (-1.0, 0.0, 0.0)]
    assert weighted_context(split_words("an idiot"), tables)[1] == [(2.0, 0.0, 0.0)]
    assert weighted_context(split_words("you, idiot"), tables)[1] == [(0.5, 0.0, 0.0)]
    # a repeated pair counts once
    assert weighted_context(split_words("you idiot you idiot"), tables)[1] == [(1.0, 0.0, 0.0), (0.5, 0.0, 0.0)]


# -- the word records (issue 16: the first sight of a word) -------------------------------------


def _own_weights_explicit(norm: str, joint, span) -> tuple[float, float, float, float, float]:
    """A word's own weights as the analyser summed them before the records were built in one
    step: through the feature tuple of :func:`own_features`, the span model over its distinct
    features."""
    feats = own_features(norm)
    inc = intol = sp = 0.0
    for weights in filter(None, map(joint.get, feats)):
        inc += weights[0]
        intol += weights[1]
    for weights in filter(None, map(joint.get, dict.fromkeys(feats))):
        sp += weights[2]
    return (inc, intol, sp, span.get("p:" + norm, 0.0), span.get("n:" + norm, 0.0))


_SURFACES = st.one_of(
    st.sampled_from(
        _WORDS
        + ["hahahahaha", "looool", "muzz1e", "sh*t", "a$$", "@bob", "www.x.y", "1234", "Xx_xX", "HTTP", "Https"]
        + ["\u212aill", "\u0130diot", "Idiot", "STUUUPID", "Don\u2019t", "YOU"]  # Kelvin sign, dotted I
    ),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzAEIOU01345!$*#&@'-_", min_size=1, max_size=14),
)


@settings(max_examples=400, deadline=None)
@given(_SURFACES)
def test_word_record_equals_the_explicit_features(surface):
    analyzer = IncivilityAnalyzer()
    analyzer._setup()
    norm = normalize_word(surface)
    record = analyzer.records_.of_norm(norm)
    expected = (norm, *_own_weights_explicit(norm, analyzer.joint_, analyzer.span_), lexicon_categories(norm))
    assert record[:7] == expected
    assert record[7] == analyzer.tables_.pairs.get(norm, {})
    # by surface: the same record (through the known words' short cut, where it applies)
    assert analyzer.records_[surface] == record
    # the same floats, not only equal ones (repr: -0.0 and 0.0 differ)
    assert repr(record[1:6]) == repr(expected[1:6])


def test_known_vocabulary_records_equal_records_made_on_first_sight():
    analyzer = IncivilityAnalyzer()
    analyzer._setup()
    records = analyzer.records_
    assert len(records.known) > 10_000  # the model's own words, computed at load
    fresh = WordRecords(analyzer.tables_, analyzer.span_, vocabulary=False)
    assert not fresh.known
    words = sorted(records.known)[::50] + ["idiot", "fuck", "the", "muslims"]
    for word in words:
        assert repr(fresh.of_norm(word)) == repr(records.known[word]), word


def test_word_records_stay_bounded():
    analyzer = IncivilityAnalyzer()
    analyzer._setup()
    records = WordRecords(analyzer.tables_, analyzer.span_, limit=10, vocabulary=False)
    words = [f"zq{k}xw" for k in range(100)] + [f"Word{k}" for k in range(100)]
    for word in words:
        assert records[word] == records.of_norm(normalize_word(word))
        assert len(records) <= 10 and len(records.by_norm) <= 10


def _cues_by_windows(norms, scopes, cats_at, sentence):
    """The target cues as features._cues found them before it visited only the words with
    categories: every position of each window, in order."""
    n = len(norms)
    out = []
    starts = [i for i in range(n) if cats_at[i] or norms[i] in features._THEY]
    for i in starts:
        if scopes[i]:
            continue
        cats = cats_at[i]
        if "second_person" in cats:
            for k in range(i + 1, min(n, i + 1 + features.ATTACK_WINDOW)):
                if sentence[k]:
                    break
                if cats_at[k] and not scopes[k] and not features._ATTACK.isdisjoint(cats_at[k]):
                    out.append(("x:you_attack", i, k))
                    break
        group = not features._GROUP.isdisjoint(cats)
        if group or norms[i] in features._THEY:
            wanted = features._HOSTILE if group else features._DEHUMANISE
            best = None
            for k in range(max(0, i - features.GROUP_WINDOW), min(n, i + 1 + features.GROUP_WINDOW)):
                if not cats_at[k] or k == i or scopes[k] or wanted.isdisjoint(cats_at[k]):
                    continue
                if any(sentence[min(i, k) + 1 : max(i, k) + 1]):
                    continue
                if best is None or abs(k - i) < abs(best - i):
                    best = k
            if best is not None:
                out.append(("x:group_attack" if group else "x:they_dehumanise", min(i, best), max(i, best)))
    return out


_CATEGORY_SETS = st.sampled_from(
    [(), (), (), ("second_person",), ("group",), ("identity",), ("insult",), ("profanity",), ("dehumanisation",),
     ("exclusion", "hostile"), ("group", "name_calling"), ("second_person", "threat")]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["you", "they", "them", "dogs", "x"]), _CATEGORY_SETS,
                          st.sampled_from(["", "", "", "NEG_"]), st.booleans()), max_size=24))
def test_cues_equal_the_window_scan(words):
    norms = [w for w, _, _, _ in words]
    cats_at = [c for _, c, _, _ in words]
    scopes = [s for _, _, s, _ in words]
    sentence = [b for _, _, _, b in words]
    assert features._cues(norms, scopes, cats_at, sentence) == _cues_by_windows(norms, scopes, cats_at, sentence)


def _phrases_by_scan(norms, scopes, clause, cats_at):
    """features.phrase_features without its check of adjacent word pairs: every position whose
    word begins an entry."""
    phrases = features._lexicons().phrases
    occ = []
    n = len(norms)
    for i in range(n):
        for words, cats in phrases.get(norms[i], ()):
            k = len(words)
            if tuple(norms[i : i + k]) == words and not any(clause[i + 1 : i + k]) and not any(scopes[i : i + k]):
                occ.extend(("l:" + c, i, i + k - 1) for c in cats)
                for j in range(i, i + k):
                    cats_at[j] = tuple(sorted(set(cats_at[j]) | set(cats)))
    return occ


def _phrase_entries() -> list[list[str]]:
    phrases = features._lexicons().phrases
    return [list(words) for entries in phrases.values() for words, _ in entries]


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_phrases_equal_the_scan_of_every_position(data):
    # an entry (or none) among the words of entries (a word that begins one without the rest)
    entries = _phrase_entries()
    words = st.lists(st.sampled_from(sorted({w for e in entries for w in e} | {"x"})), max_size=5)
    norms = data.draw(words) + data.draw(st.sampled_from(entries + [[]])) + data.draw(words)
    scopes = data.draw(st.lists(st.sampled_from(["", "", "", "NEG_"]), min_size=len(norms), max_size=len(norms)))
    clause = data.draw(st.lists(st.sampled_from([False, False, True]), min_size=len(norms), max_size=len(norms)))
    cats, expected_cats = [()] * len(norms), [()] * len(norms)
    assert features.phrase_features(norms, scopes, clause, cats) == _phrases_by_scan(norms, scopes, clause, expected_cats)
    assert cats == expected_cats


def test_fast_result_equals_the_constructed_one():
    args = ("You idiot.", (1.5, -2.0), (-1.0, -3.0), (), 0.5, None)
    fast, slow = IncivilityResult._of(*args), IncivilityResult(*args)
    assert fast == slow and repr(fast) == repr(slow) and fast.__dict__ == slow.__dict__
    assert fast.to_record() == {"incivility": slow.incivility, "intolerance": slow.intolerance,
                                "uncivil": slow.uncivil, "intolerant": slow.intolerant, "n_spans": 0}


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="ab I.,'*-_\u00e9\u2019 \n", max_size=30))
def test_spaced_hint_is_a_necessary_condition(text):
    # the hint only decides which path looks for spaced-out letters; it must never miss one
    if _HAS_SPACED.search(text) is not None:
        assert _SPACED_HINT.search(text) is not None


@settings(max_examples=2000, deadline=None)
@given(
    st.one_of(
        # the word characters, the marks inside words, '@', '$' and separators, densely
        st.text(alphabet="aZ09_@$*#&!'-., \n\t", max_size=30),
        st.text(alphabet=st.characters(max_codepoint=127), max_size=30),
    )
)
def test_ascii_split_equals_the_unicode_split(text):
    # the split of ASCII texts (tokens._PLAIN_SPLIT_ASCII) finds the same gaps and words
    assert _PLAIN_SPLIT_ASCII.split(text) == _PLAIN_SPLIT.split(text)


def test_ascii_split_on_the_reference_texts():
    texts = [t for t in reference_texts() if t.isascii()]
    assert len(texts) > 1000
    for text in texts + ["a$$ ab$$ @@x @_ _a_ x-- 'quoted' it's $5 @ a@b !wow! s#!t"]:
        assert _PLAIN_SPLIT_ASCII.split(text) == _PLAIN_SPLIT.split(text), text


@pytest.mark.slow
def test_benchmark_incivility_example_prints_each_pass(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "examples" / "benchmark_incivility.py"
    out = subprocess.run(
        [sys.executable, str(script), "--comments", "200", "--comments-per-thread", "50", "--passes", "2",
         "--profile", str(tmp_path / "first.prof")],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout.splitlines()
    assert out[0].startswith("200 comments (synthetic_corpus(200, seed=0)), 4 threads")
    rows = [line.split() for line in out[2:]]
    assert [row[0] for row in rows] == ["1", "2"]
    for _, total, stage, share in rows:
        total, stage = float(total.replace(",", "")), float(stage.replace(",", ""))
        assert 0 < stage < total
        # the share is the stage over the rest of the analysis, as printed (rounded)
        assert abs(float(share.rstrip("%")) - 100 * stage / (total - stage)) < 1.0
    assert (tmp_path / "first.prof").stat().st_size > 0
