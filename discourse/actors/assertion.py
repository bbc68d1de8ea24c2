"""Is a mention's evaluation asserted by the author? Scope tests for the fitted model's confident calls.

A stance call says what the author holds about an actor. Some mentions sit where the sentence
does not assert anything about the actor, whatever the words around it; the fitted model
(:mod:`discourse.actors.stance_model`), trained on news sentences that evaluate named people,
scores them anyway, and on reader comments those scores are mostly wrong (a fixed-seed reading of
the default method's confident calls on SFU, Civil Comments and Reddit comments: see the stance
section of ``docs/validation.md``). With ``abstain=True`` (the confident calls) the stance
analyser withholds the call of such a mention: the label is ``neutral``, the score 0, the
model's logit difference stays in ``raw`` and its terms in the evidence, the mention's ``role``
names the reason and an evidence term with weight 0 points at the word that triggered it.

Five tests, each a grammatical fact that holds for comments and news alike:

``question``
    The sentence is a question (it ends with "?"). A question asks rather than asserts; in
    comments it is often rhetorical, and what it implies is not in its words ("How many refugees
    will the Vatican shelter?").
``conditional``
    The mention is inside a clause opened by *if*, *unless* or *whether* (up to the next comma,
    semicolon, colon, dash or *then*): "If Trump wins, I'll eat this column" says nothing of
    Trump. A mention in the main clause ("Trump will lose if he lies") is asserted.
``place``
    The actor is a country or territory named as a place: the object of *in*, *into*,
    *inside*, *within*, *across*, *throughout*, *around*, *near*, *to*, *from* or *out of*,
    articles and adjectives allowed in between ("refugees to Canada", "prejudice is widespread
    in Belgium", "in the southern USA", "strikes cut power in Ukraine's capital"); likewise a
    platform after *on* ("pictures of your crime on Facebook"). What happens there is not an
    evaluation of the state (issue 15, item 2).
``attributive``
    A demonym used as an adjective before a noun, perhaps after other adjectives ("Chinese
    buyers", "Syrian refugees", "French passports", "the Spanish naval force", "Indian and
    Canadian students"): the sentence evaluates what the noun names. Not when the noun is one
    through which the actor acts or speaks ("the Russian side", "Russian forces", "Chinese
    officials": the ``stance_representatives`` lexicon that attribution uses too).
``member``
    The actor names the whole of which the sentence speaks of a part or of the members: the
    complement of a partitive or membership noun ("the veto-holding members of the UN
    Security Council", "the people of the USA", "half of the GOP") or a name before a noun for its
    followers ("Trump supporters", "NDP members"). The sentence evaluates the members, not the
    actor. (Office holders are not members here: "the President of the United States" acts for
    it, as "US officials" do.)

These are tests of *where the mention stands*, not of the words around it; none looks at an
actor's name. The most probable class (``abstain=False``) does not apply them.

Examples
--------
>>> from discourse.text import Doc
>>> doc = Doc("If Trump wins, I'll eat this column.")
>>> unasserted(doc, 0, 1, 2).reason
'conditional'
>>> unasserted(Doc("Trump lies."), 0, 0, 1) is None
True
"""

from __future__ import annotations

from typing import NamedTuple

from functools import lru_cache

from discourse.actors.context import pos_of
from discourse.lexicons import load_lexicon
from discourse.text import Doc

__all__ = ["Withheld", "unasserted", "REASONS", "PLACE_KINDS"]

REASONS = ("question", "conditional", "place", "attributive", "member")
"""The reasons a call is withheld (the ``role`` of the mention record)."""

PLACE_KINDS = frozenset({"country", "territory"})
"""Actor kinds that can be named as a place."""

_CONDITIONALS = frozenset({"if", "unless", "whether"})
_CONDITIONAL_END = frozenset({",", ";", ":", "-", "--", "—", "–", "then", "(", ")"})
_CONDITIONAL_REACH = 15  # tokens back from the mention to its "if"
_LOCATIVES = frozenset(
    {"in", "into", "inside", "within", "across", "throughout", "around", "near", "to", "from", "out of"}
)
_VENUE_KINDS = frozenset({"platform"})  # named as the place where something is posted: "on Facebook"
_VENUES = frozenset({"on"})
_ARTICLES = frozenset({"the", "a", "an"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_COORDINATORS = frozenset({"and", "or", "&"})
_ATTRIBUTIVE_REACH = 4  # tokens after a demonym to its noun
# Nouns for a part or the members of a whole (partitives, members, followers, office holders).
_PART_NOUNS = frozenset(
    """
    members member people citizens citizen residents population supporters supporter voters voter fans
    followers base majority minority half most part rest
    """.split()
)
_FOLLOWER_NOUNS = frozenset("supporters supporter voters voter fans followers base members member".split())


@lru_cache(maxsize=1)
def _representatives() -> frozenset[str]:
    """Head nouns through which an actor acts and speaks ("officials", "side", "forces"; the
    ``stance_representatives`` lexicon that attribution uses for "US officials said")."""
    return frozenset(load_lexicon("stance_representatives").terms())


class Withheld(NamedTuple):
    """Why a mention's call is withheld, and the word that shows it.

    Examples
    --------
    >>> Withheld("question", 10, 11, "the sentence is a question").reason
    'question'
    """

    reason: str  # one of REASONS
    start: int  # span of the marker word ("if", "?", "in", the noun after a demonym)
    end: int
    note: str


def unasserted(doc: Doc, si: int, t0: int, t1: int, kind: str = "", form: str = "") -> Withheld | None:
    """The reason the author asserts nothing about the mention at tokens ``[t0, t1)`` of sentence `si`.

    Parameters
    ----------
    doc : Doc
        The text.
    si : int
        The mention's sentence.
    t0, t1 : int
        Token range of the mention (indices into ``doc.tokens``).
    kind : str
        The actor's kind (``country``, ``person``...; '' if unknown): only places are tested
        for ``place``.
    form : str
        The alias form of the mention (``name``, ``demonym``...; '' if unknown): only demonyms are
        tested for ``attributive``.

    Returns
    -------
    Withheld or None
        ``None`` when the mention is asserted.

    Examples
    --------
    >>> doc = Doc("They sent the refugees to Canada.")
    >>> unasserted(doc, 0, 5, 6, kind="country").reason
    'place'
    >>> unasserted(doc, 0, 5, 6, kind="person") is None
    True
    >>> unasserted(Doc("Chinese buyers pay more."), 0, 0, 1, form="demonym").note
    "a demonym before a noun ('buyers'): the sentence evaluates what the noun names"
    """
    first, stop = doc.sentence_token_ranges[si]
    tokens = doc.tokens
    if not first <= t0 < t1 <= stop:
        return None
    # A question: "?" among the sentence's last two tokens (a closing quote or bracket may follow).
    for k in range(stop - 1, max(first, stop - 2) - 1, -1):
        token = tokens[k]
        if token[4] == "punct" and "?" in token[2]:
            return Withheld("question", token[0], token[1], "the sentence is a question: nothing is asserted")
    # A conditional clause around the mention: "if" before it with no clause end in between.
    for k in range(t0 - 1, max(first, t0 - _CONDITIONAL_REACH) - 1, -1):
        lower = tokens[k][3]
        if lower in _CONDITIONAL_END or tokens[k][2] in _CONDITIONAL_END:
            break
        if lower in _CONDITIONALS:
            return Withheld("conditional", tokens[k][0], tokens[k][1],
                            f"inside a conditional clause ('{lower}'): nothing is asserted")
    # A place: the object of a locative preposition (an article may stand between).
    if kind in PLACE_KINDS or kind in _VENUE_KINDS:
        k = t0 - 1
        while k >= first and t0 - k <= 3 and (tokens[k][3] in _ARTICLES or pos_of(tokens[k]) == "JJ"):
            k -= 1  # "in the southern USA"
        if k >= first:
            word = tokens[k][3]
            if word == "of" and k > first and tokens[k - 1][3] == "out":
                word = "out of"  # "got it out of India"
            places = _LOCATIVES if kind in PLACE_KINDS else _VENUES
            if word in places:
                return Withheld("place", tokens[k][0], tokens[k][1],
                                f"named as a place ('{word}'): what happens there is no evaluation of it")
    # An attributive demonym: a noun follows, perhaps after adjectives or a coordinated
    # adjective ("Spanish naval force", "Indian and Canadian students").
    if form == "demonym":
        for k in range(t1, min(stop, t1 + _ATTRIBUTIVE_REACH)):
            token = tokens[k]
            tag = pos_of(token) if token[4] == "word" else ""
            if tag in _NOUN_TAGS:
                if token[3] in _representatives():
                    return None  # "the Russian side", "Russian forces": the actor acting through them
                return Withheld("attributive", token[0], token[1],
                                f"a demonym before a noun ('{token[3]}'): the sentence evaluates what the noun names")
            if tag != "JJ" and token[3] not in _COORDINATORS:
                break
    # The complement of a part or membership noun ("members of the UN"), or a name before a
    # noun for its followers ("Trump supporters").
    k = t0 - 1
    if k >= first and tokens[k][3] in _ARTICLES:
        k -= 1
    if k - 1 >= first and tokens[k][3] == "of" and tokens[k - 1][3] in _PART_NOUNS:
        return Withheld("member", tokens[k - 1][0], tokens[k - 1][1],
                        f"a part or the members of it ('{tokens[k - 1][3]} of'): the sentence speaks of them")
    if t1 < stop and tokens[t1][3] in _FOLLOWER_NOUNS:
        return Withheld("member", tokens[t1][0], tokens[t1][1],
                        f"its followers ('{tokens[t1][3]}'): the sentence speaks of them")
    return None
