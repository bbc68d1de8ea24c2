"""The actor stage's shortcuts for texts that name no actor give what the full path gives."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from discourse.actors import default_registry
from discourse.actors.analyzer import TABLES, ActorAnalyzer
from discourse.actors.context import DocContext
from discourse.actors.discovery import find_candidates
from discourse.actors.matching import _ACTOR_ID, _ALIAS, _Entry
from discourse.datasets import load_seed
from discourse.pipeline.stages import ActorStage, Unit
from discourse.text import Doc

NO_ACTOR = [
    "",
    "lol no.",
    "I think this is a terrible idea, honestly. Who wrote this?",
    '"Great," he said. "Just great." The end.',
    "THIS IS SO STUPID. Why would anyone do that???",
]


@pytest.mark.parametrize("params", [None, {"method": "rules"}])
@pytest.mark.parametrize("text", NO_ACTOR)
def test_analysis_without_mentions_equals_the_full_path(text, params):
    analyzer = ActorAnalyzer(stance_params=params)
    doc = Doc(text)
    assert default_registry().find(doc) == ()
    fast = analyzer.analyze(doc)
    # the full path: the shared context and the three analysers
    stance_analyzer, relation_extractor, predicator = analyzer._analyzers()
    ctx = DocContext(doc, default_registry())
    stance = stance_analyzer.analyze_context(ctx)
    relations = relation_extractor.extract_context(ctx, stance)
    predications = predicator.extract_context(ctx)
    assert fast.stance == stance
    assert fast.relations == relations
    assert fast.predications == predications
    assert fast.stance.params == stance.params and fast.stance.threshold == stance.threshold



def test_shared_empty_analysis_follows_the_configuration():
    # the empty analysis is built once per configuration and shared: a changed parameter
    # must give a new one, equal to what the full path gives under the new parameters
    analyzer = ActorAnalyzer()
    first = analyzer.analyze(Doc("lol no."))
    assert analyzer.analyze(Doc("Who wrote this?")) is first
    analyzer.stance_params = {"method": "rules"}
    rules = analyzer.analyze(Doc("lol no."))
    assert rules.stance.params["method"] == "rules" and rules.stance.threshold == 0.05
    assert rules.stance.params == ActorAnalyzer(stance_params={"method": "rules"})._analyzers()[0].get_params()
    analyzer.predication = False
    assert rules.predications is not None and analyzer.analyze(Doc("lol no.")).predications is None


@pytest.mark.parametrize("text", NO_ACTOR + ["Russia accused the US of lying."])
def test_unit_rows_shortcut_equals_the_tables(text):
    stage = ActorStage(stance_params={"method": "rules"})
    unit = Unit("t", "c1", "comment", Doc(text))
    result = stage.analyze_unit(unit)
    rows = stage.unit_rows(unit, result)
    expected = {
        table: [{**row, "thread_id": "t", "unit_id": "c1", "unit_kind": "comment"} for row in result.to_records(source)]
        for table, source in ActorStage._UNIT_TABLES.items()
    }
    assert rows == expected
    assert set(ActorStage._UNIT_TABLES.values()) <= set(TABLES)


def test_candidates_do_not_depend_on_the_word_memos():
    """The discovery's memos (per word) give the same candidates as a first look."""
    from discourse.actors import discovery

    text = ("Senator Blutarsky met the Zorgonians. De Gaulle and the ZRB agreed; STUPID idea. "
            "Great news from Qarnak Front! Blutarsky again, and Zorgonians.")
    first = find_candidates(text)
    for memo in (discovery._NAME_WORD, discovery._STOP_GROUP, discovery._SINGLE):
        memo.clear()
    assert find_candidates(text) == first
    assert find_candidates(text) == first  # now from the memos
    assert [c.text for c in first][:2] == ["Blutarsky", "Zorgonians"]


MATCHER_TEXTS = [
    "The Kremlin denied it; the Pentagon did not. In Common We Can won in the end.",
    "the kremlin said so, THE KREMLIN said so, and the the Kremlin too.",
    "For a United Ukraine! There is a Future. I Democratici, A la valenciana.",
    "a la carte, in common, the other side, the sun, the Sun and The Sunday Times.",
    "The New York Times and the Wall Street Journal; the Fed and the Hill.",
    "Is Militants? IS militants attacked. Is it the Associated Press or the AP?",
    "the",
    "Kremlin the",
    "Orbán and the Kremlin; the Hindu-Kush; the Taliban-led government.",
    "All of Us, all of us; all India Trinamool Congress. No 10 and No. 10 said no.",
    "IS-K and is k; Make America Great Again. A. J. Balfour, A. Philip Randolph; a J. Balfour.",
    "the New York Post, New York Times, the new york times, New York Daily News.",
    "Ukraine For a United Ukraine, for a united ukraine",
]


def _every_first_piece(matcher):
    """`matcher` with every first piece looked up directly (no piece keyed on a later one)."""
    from discourse.actors.matching import AliasMatcher

    reference = AliasMatcher.__new__(AliasMatcher)
    reference.__dict__.update(matcher.__dict__)
    reference.keyed = {}
    reference.starters = reference.triggers = frozenset(matcher.first)
    return reference


@pytest.mark.parametrize("text", MATCHER_TEXTS)
def test_matcher_keyed_pieces_equal_first_piece_look_up(text):
    """Aliases starting with a frequent word ("the Kremlin", "For a United Ukraine!") are
    reached through a rarer piece; without that shortcut (every first piece looked up) the
    mentions are the same."""
    fast = default_registry().matcher
    assert fast.keyed, "the bundled registry has frequent first pieces ('the', 'in', 'a')"
    doc = Doc(text)
    assert fast.find(doc) == _every_first_piece(fast).find(doc)


def test_matcher_keyed_pieces_on_the_seed():
    fast = default_registry().matcher
    reference = _every_first_piece(fast)
    found = 0
    for _, _, text in load_seed().units():
        doc = Doc(text)
        mentions = fast.find(doc)
        assert mentions == reference.find(doc)
        found += len(mentions)
    assert found > 0


def _aliases_under(node, path):
    for key, child in node.items():
        if key is None:
            yield path
        else:
            yield from _aliases_under(child, path + (key,))


def test_frequent_first_pieces_are_reached_through_a_rarer_piece_of_each_alias():
    from discourse.actors.matching import _piece_rank

    matcher = default_registry().matcher
    indirect = set(matcher.first) - matcher.starters
    assert {"the", "in", "a", "for", "all", "is"} <= indirect
    assert "trump" in matcher.starters and "people" in matcher.starters  # an alias alone; "People's Party"
    for word in indirect:
        node, entry, _ = matcher.first[word]
        assert entry is None and _piece_rank(word, frozenset())[0] >= 2  # no alias alone; no name word
        for path in _aliases_under(node, ()):
            assert any((offset, word) in matcher.keyed.get(piece, ()) for offset, piece in enumerate(path, 1)), path
    for piece, pairs in matcher.keyed.items():
        assert piece in matcher.triggers and all(first in indirect for _, first in pairs)


def test_every_alias_under_a_keyed_first_piece_is_found_as_before():
    """Each alias of the bundled registry that starts with a piece found through a later
    piece, written in a sentence (as written and in lower case), gives the mentions that
    looking up every first piece gives."""
    fast = default_registry().matcher
    reference = _every_first_piece(fast)
    indirect = set(fast.first) - fast.starters
    entries = [
        entry for word in sorted(indirect) for path in _aliases_under(fast.first[word][0], ())
        for entry in [_walk(fast.first[word][0], path)]
    ]
    assert len(entries) > 500
    found = 0
    for entry in entries:
        alias = entry[_ALIAS]
        for text in (f"Yes, {alias} said so.", f"and {alias.lower()} - the {alias}"):
            doc = Doc(text)
            mentions = fast.find(doc)
            assert mentions == reference.find(doc), text
            found += any(m.alias == entry[_ALIAS] for m in mentions)
    assert found > len(entries)  # (most are found as written)


def _walk(node, path):
    for key in path:
        node = node[key]
    return node[None]


@st.composite
def _alias_texts(draw):
    """Texts made of aliases that start with a frequent word (in any case, cut short or run
    together), their pieces and frequent words."""
    matcher = default_registry().matcher
    indirect = sorted(set(matcher.first) - matcher.starters)
    words = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            frequent = [w for w in ("the", "a", "in", "for", "all", "is", "no", "there") if w in indirect]
            first = draw(st.one_of(st.sampled_from(frequent), st.sampled_from(indirect)))
            paths = sorted(_aliases_under(matcher.first[first][0], ()))
            path = (first,) + draw(st.sampled_from(paths))
            path = path[: draw(st.integers(1, len(path)))]
            words += [draw(st.sampled_from([p, p.title(), p.upper()])) for p in path]
        elif kind == 1:
            words.append(draw(st.sampled_from(indirect)))
        elif kind == 2:
            pieces = sorted(matcher.keyed)
            words.append(draw(st.sampled_from(pieces)).title())
        else:
            words.append(draw(st.sampled_from(["the", "a", "is", "and", ",", ".", "-", "'s", "Said"])))
    glue = draw(st.sampled_from([" ", "-", " , "]))
    return glue.join(words)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_alias_texts())
def test_matcher_keyed_pieces_property(text):
    """Property: the keyed look-up finds what looking up every first piece finds."""
    fast = default_registry().matcher
    doc = Doc(text)
    assert fast.find(doc) == _every_first_piece(fast).find(doc)


def test_capitalised_surname_keys_follow_the_registry():
    """The titled-surname rule's capitalised keys are those of the registry asked for."""
    from discourse.actors import ActorRegistry
    from discourse.actors.disambiguation import _surname_index, _surname_keys
    from discourse.lexicons import DATA_DIR

    small = ActorRegistry.from_file(DATA_DIR / "actors.toml")
    for registry in (default_registry(), small, default_registry()):
        index, capitalised = _surname_keys(registry)
        assert index == _surname_index(registry)
        assert capitalised == {key for key in index if not key.islower()}
    assert "Sanders" in _surname_keys(default_registry())[1]


FLAG_TEXTS = MATCHER_TEXTS + [
    "Hilary Clinton and Barrack Obama met Angel Merkel.",
    "The Unites States of America; the pro-Kremlin media.",
    "Orbán's Hungary and Erdoğan; Hilary Clinton again.",
    "nothing to see here",
    "",
]


@pytest.mark.parametrize("text", FLAG_TEXTS)
def test_find_anchored_says_whether_an_anchor_word_occurs(text):
    """One pass for the alias triggers and the spelling anchors gives what two passes give."""
    from discourse.actors.spelling import correct_spelling

    registry = default_registry()
    doc = Doc(text)
    words = registry.spelling.partners
    mentions, anchors = registry.matcher.find_anchored(doc, words)
    assert mentions == registry.matcher.find(doc)
    if anchors is not None:  # told by the pass: the same as the look-up in the doc's own lower case
        assert bool(anchors) == (not words.isdisjoint(doc.token_columns.lowers))
    assert correct_spelling(doc, mentions, registry.spelling, anchors=anchors) == correct_spelling(
        doc, mentions, registry.spelling
    )


@pytest.mark.parametrize("text", FLAG_TEXTS + [
    "“Hilary Clinton” and the ‘Unites States’ — curly quotes change no word.",
    "Café talk: Angel Merkel, Orbán and the Unites States.",
])
def test_find_anchored_equals_find_and_the_anchor_positions(text):
    """The anchor positions told by the matcher's pass are the tokens whose lower-case form is an
    anchor word, and spelling correction from them equals its own look-up."""
    from discourse.actors.spelling import correct_spelling

    registry = default_registry()
    doc = Doc(text)
    words = registry.spelling.partners
    mentions, anchors = registry.matcher.find_anchored(doc, words)
    assert mentions == registry.matcher.find(doc)
    if anchors is not None:
        assert anchors == [k for k, lower in enumerate(doc.token_columns.lowers) if lower in words]
    assert correct_spelling(doc, mentions, registry.spelling, anchors=anchors) == correct_spelling(
        doc, mentions, registry.spelling
    )
    assert registry.find(doc) == tuple(registry.find(Doc(text)))


def test_find_anchored_tells_when_it_can():
    registry = default_registry()
    words = registry.spelling.partners
    found = registry.matcher.find_anchored(Doc("Hilary Clinton spoke."), words)[1]
    assert found is not None and [Doc("Hilary Clinton spoke.").tokens[k].lower for k in found] == ["clinton"]
    assert registry.matcher.find_anchored(Doc("nothing to see here"), words)[1] == []
    # curly quotes: the text is not ASCII but no word changes by folding, so the pass can tell
    assert registry.matcher.find_anchored(Doc("“Hilary Clinton” spoke."), words)[1] is not None
    assert registry.matcher.find_anchored(Doc("Orbán spoke."), words)[1] is None  # accents folded
    assert registry.matcher.find_anchored(Doc("pro-Clinton media"), words)[1] is None  # read in pieces


def test_find_anchored_tells_whether_when_it_can():
    registry = default_registry()
    words = registry.spelling.partners
    assert bool(registry.matcher.find_anchored(Doc("Hilary Clinton spoke."), words)[1]) is True
    assert registry.matcher.find_anchored(Doc("nothing to see here"), words)[1] == []
    assert registry.matcher.find_anchored(Doc("Orbán spoke."), words)[1] is None  # accents folded


def test_title_last_words_are_not_taken_from_an_object_that_had_the_same_id():
    """The memo of the titles' last words is keyed by the titles' id; an entry left by another
    object at that address (freed, its id reused) must not be returned."""
    from discourse.actors import disambiguation

    titles = {"secretary of state": ("x",), "senator": ("y",)}
    stale = {"prime minister": ("z",)}
    disambiguation._LAST_WORDS[id(titles)] = (stale, frozenset({"minister"}))
    try:
        assert disambiguation._title_last_words(titles) == frozenset({"state", "senator"})
        assert disambiguation._title_last_words(titles) == frozenset({"state", "senator"})
    finally:
        disambiguation._LAST_WORDS.pop(id(titles), None)


def _is_caseless_reference(doc):
    """is_caseless as it read every word (before the shortcut for texts with no sentence in
    lower case and no "i")."""
    lower_start = False
    tokens = doc.tokens
    for first, stop in doc.sentence_token_ranges:
        for k in range(first, stop):
            token = tokens[k]
            if token.kind != "word":
                continue
            text = token.text
            if k == first:
                if text[:1].islower():
                    lower_start = True
                continue
            if text[:1].isupper() and not text.isupper():
                return False
            if text == "i":
                lower_start = True
    return lower_start


_CASE_WORDS = ["i", "I", "trump", "Trump", "TRUMP", "said", "so", ".", "!", '"', "(", "eBay", "i.e.", "US", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_CASE_WORDS), max_size=14), st.sampled_from([" ", "  ", "\n"]))
def test_is_caseless_shortcut_equals_reading_every_word(words, glue):
    from discourse.actors.matching import is_caseless

    doc = Doc(glue.join(words))
    assert is_caseless(doc) == _is_caseless_reference(doc)


def test_registry_look_up_tables_leave_the_garbage_collector():
    """The matcher's entries and the misspelt-name index are plain tuples of strings and numbers,
    which the collector stops tracking (its full collections then need not visit them)."""
    import gc

    registry = default_registry()
    registry.matcher, registry.spelling  # (built on first use)
    for _ in range(4):  # (a tuple is untracked once its items are, then the dict holding them)
        gc.collect()
    entry = registry.matcher.first["russia"][1]
    assert type(entry) is tuple and not gc.is_tracked(entry)
    assert entry[_ACTOR_ID] == _Entry._make(entry).actor_id == "russia"  # read at the fields' positions
    assert not gc.is_tracked(registry.spelling.keys)
    from discourse.actors.spelling import _Target

    targets = registry.spelling.targets("Hilary")
    assert "Hillary Clinton" in [t.alias for t in targets] and all(type(t) is _Target for t in targets)
