"""Context rules: mentions that the alias matcher finds but the context says are not the actor.

The matcher (:mod:`discourse.actors.matching`) decides by the alias and its case rule alone.
These rules then look at the words around a mention (the word lists are data:
``actor_rules.toml``); each is documented in ``docs/guide/actors.md`` under "Context rules":

``possessive s``
    A person's one-word name with "s" (*Putins*, derived:
    :func:`~discourse.actors.surnames.possessive_aliases`) is the possessive without its
    apostrophe where one can stand ("Putins army"): the person, flagged possessive; a plural
    ("the Bidens", "Obamas were") is dropped, and so is one right after a mention of the same
    person ("Hillary Clintons family").
``place``
    A capital or seat of government (an alias of form ``metonym``) right after a locative
    preposition ("talks in Moscow", "stayed in Ottawa", "at the Kremlin") is the place, not the
    government: dropped. A possessive ("in Washington's view") is kept.
``dateline``
    A metonym in capitals at the start of a line or sentence, followed by a dash or colon
    ("WASHINGTON — The House voted", "BEIJING (Reuters) -"), is where a report was filed: dropped.
``language``
    A demonym naming a language ("did not speak Polish", "fluent in French", "the search
    features in Spanish.", "a French-language work", "German-speaking", "his Russian lessons")
    is not the state: dropped.
``event``
    A metonym followed by a meeting or treaty noun ("the Paris conference", "Astana talks",
    "Minsk agreements") names the event: dropped.
``embedded``
    A one-word name inside a longer proper name that the registry does not know is not the
    actor: after a capitalised first name or a place prefix ("Michael Jordan", "Ivanka Trump",
    "New Mexico", "Latin America"), after "Name of" ("Times of London", "Bank of England"), and a
    demonym before a capitalised word that is not a state organ ("American English", "British
    Airways"; but "Russian Foreign Ministry", "Israeli Army" keep the demonym), and a one-word
    party name after a capitalised ordinary word ("Liberal Democrat", "Social Democrats"). Titles
    ("President Trump"), ordinary English words ("Communist China"), acronyms ("US President")
    and headlines in Title Case do not trigger the rule, except a common given name before a
    person's name in a headline ("Eric Trump Says..."); nor does a word of the person's own name
    aliases or another form of one (``[nicknames]``: "Charles Schumer", "Maggie Thatcher",
    "Jorge Bergoglio"). A given name before another name is someone else's: a person's one-word
    alias that is a given name of the person whose mention follows ("President Hassan Rouhani" is
    not Samia Hassan), or a given name before an unknown capitalised word ("Bernie Marcus"). A
    capital or seat after a capitalised word inside a sentence, even an English word, closes a
    longer name ("Bank Muscat", "Access Hollywood", "Real Madrid"). A regnal numeral after a name is no
    alias ("Pius XI" is not Xi), a person's title-led alias before a numeral none of the
    person's names has is another bearer ("Pope Leo XIII" is not Leo XIV), and a place or body
    so numbered is an event or a person ("Vatican II", the council).
``named after``
    A name followed by a thing called after it, a capitalised noun of ``[named_after]`` with up
    to two capitalised words between ("the George Washington Bridge", "Jomo Kenyatta
    International Airport", "the Carter Center", "Trump Tower", "the Israel Museum"), is that
    thing, not the actor: dropped. Not after a possessive ("Trump's Tower") nor in a line in Title
    Case ("Trump Visits Airport").
``foreign institution``
    A bare institution word that the registry gives to one state ("Congress" -> US Congress)
    names another state's institution when that state is named just before it ("Peru's
    unicameral Congress", "the Peruvian Congress") or after it ("the Congress of Peru"): the
    mention goes to that state's government actor (or is dropped if there is none).
``sub-national office``
    An office that the regions of a federal state (US states, Canadian provinces, Australian
    states: ``[subnational]``) have as well as the state, named with the region ("the Illinois
    Attorney General's office", "Pennsylvania's Supreme Court", "the Florida Department of
    State"), is the region's, not the federal organ: dropped. So is a region's name that the
    registry gives to a state or its government before a title only a region's officials bear
    ("Washington Gov. Jay Inslee", "Georgia Secretary of State").
``party phrase``
    A party's alias of an ideology adjective then a partisan plural ("Liberal Democrats" of the
    UK; ``[party_phrases]``) is also a phrase of common speech (US "liberal Democrats"): it stands
    only if the text (or its thread's article) names another actor of the party's state.
``titled surname``
    A capitalised bare surname that is no alias (a common word, a given name, a surname several
    registry persons share: "Sanders", "Moon", "Ryan") is a registry person when a title of
    political office stands right before it and exactly one registry person with that surname
    holds a fitting office ("Sen. Sanders" -> Bernie Sanders, not Sarah Huckabee Sanders;
    "President Moon" -> Moon Jae-in), or when it is the subject of a speech verb ("Ryan said"),
    exactly one registry person has the surname and the text (or its thread) names an actor of
    that person's state, and the surname is no word of another person's name written before it
    ("Ban Ki-moon ... Moon said" is not Moon Jae-in). Later bare uses in the same text follow the
    first resolved one. A
    surname used in a longer unknown name in the text ("Jim Kelly") is left alone everywhere
    in it. The titles (with the office words that fit them) and the verbs are data
    (``[surname_titles]``, ``[speech_verbs]``).
``surname``
    Once a text names a person in full ("John Kerry"), a later bare surname in the same text
    ("Kerry said") is that person, unless two persons of the text share the surname. (A bare
    surname is an alias only for very prominent persons; this covers the others, text by text.)
    One sense per text: a surname the registry writes for one bearer goes to another bearer the
    text named in full before it ("Jeb Bush ... Bush said"), unless the text names the owner too
    or the owner is the head of state or government in office ("Ivanka Trump ... Trump"); after
    a common given name and the alias of someone the registry does not know ("Juan Carlos Cruz
    ... Cruz said"), later bare uses name no registry person, with the same exceptions.
``partial name``
    Once a text names a person (by any alias or resolved surname), a later capitalised given
    name or name after a title standing alone is that person ("Bill Clinton ... Bill and
    Hillary", "Pope Francis ... Francis"); a given name also in an earlier sentence. Not a word
    two persons of the text share, nor one in a longer name.
``government compound``
    A head of state or government's name right before *government*, *administration*, *regime*
    or *cabinet* (``[government_compound]``; one space between, no possessive) names that
    head's government, one span: "the Harper government" -> the Government of Canada, "the
    Maduro regime" -> Venezuela's, "the Obama regime" and "the Reagan administration" -> the
    actor of the registry's "Obama administration". A person who headed no state keeps the
    mention.
``abbreviation by state``
    An abbreviation the registry gives to one actor that an actor of another state also goes by
    (``[abbreviation_by_state]``: "CPC", the Communist Party of China and the Conservative Party
    of Canada) is the other actor when the text's other mentions or its thread name that actor's
    state and not the registry owner's.
``outlet short name``
    An outlet's short name after "the" ("the Globe": The Globe and Mail; ``[outlet_short_names]``)
    in a text with a word of news work ("article", "editorial", "readers"), not after "around"
    or "across" (the planet) nor before a capitalised word: the outlet, added
    (:mod:`discourse.actors.shortnames`).
``lower-case name``
    In a text written with capitals, a person's written one-word name in lower case ("unscrupulous
    trump has now...", "get rid of notley") is the person, with the gate of derived surnames;
    an English word (*trump*, *bush*) not after a determiner, "to" or a modal, nor before
    "card" ("his trump card"): :mod:`discourse.actors.lowercase`.

A derived surname of a person who holds or held a top office of a state of ``[top_office]``
(the major English-speaking democracies) needs no actor of that state in the text ("Harper won
three elections"); nor does the speech-verb half of ``titled surname`` for such a person, unless
the surname is frequent. "House" without "the" is the chamber before a mention or a noun of
parliamentary business ("House Democrats", "40 House offices": ``heads`` of
``[bare_institutions]``).

**The thread as context.** Commenters write "Harper" or "Sanders" because the article named
Stephen Harper or Bernie Sanders. The pipeline passes a comment a :class:`ThreadContext` built
from the thread's title and body (:func:`thread_context`): the states their actors belong to
count as named in the comment for the "derived surname" rule, and the persons they name in full
give their bare surnames to the comment as in the "surname" rule (a person the comment itself
names in full with the same surname takes precedence).

Examples
--------
>>> from discourse.actors import find_mentions
>>> [m.actor_id for m in find_mentions("Peru's unicameral Congress met; talks in Moscow; Michael Jordan.")]
['peru', 'peru_government']
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeGuard

from discourse.actors.lowercase import lower_case_index, lower_case_names
from discourse.actors.shortnames import outlet_short_names
from discourse.actors.matching import Mention, alias_key, fold_accents
from discourse.actors.rules import actor_rules, is_common_word, is_title_case
from discourse.actors.surnames import UNRESOLVED_INSTITUTION, is_surname, surname_index
from discourse.text import Doc, Token

if TYPE_CHECKING:  # pragma: no cover - the registry imports this module
    from discourse.actors.registry import ActorRegistry

__all__ = ["apply_context_rules", "RULES", "ThreadContext", "thread_context", "dropped_matches"]


class ThreadContext(NamedTuple):
    """What a thread's article tells the context rules about its comments.

    Attributes
    ----------
    states : frozenset of str
        Ids of the states (roots) of the actors the title and body name.
    surnames : mapping of str to str
        Bare surname -> person id, for the persons the title and body name in full (surnames two
        of them share are left out).
    """

    states: frozenset[str]
    surnames: Mapping[str, str]


def thread_context(docs_and_mentions: Iterable[tuple[Doc, Sequence[Mention]]], registry: ActorRegistry) -> ThreadContext:
    """The :class:`ThreadContext` of a thread from its title's and body's mentions.

    Examples
    --------
    >>> from discourse.actors import default_registry
    >>> from discourse.text import Doc
    >>> reg = default_registry()
    >>> body = Doc("Senator Bernie Sanders spoke in Ottawa.")
    >>> context = thread_context([(body, reg.find(body))], reg)
    >>> dict(context.surnames), sorted(context.states)
    ({'Sanders': 'bernie_sanders'}, ['united_states'])
    >>> [m.actor_id for m in reg.find(Doc("Sanders is right."), context=context)]
    ['bernie_sanders']
    """
    states: set[str] = set()
    surnames: dict[str, str] = {}
    shared: set[str] = set()
    for doc, mentions in docs_and_mentions:
        states |= {_home(registry, m.actor_id) for m in mentions if m.actor_id != UNRESOLVED_INSTITUTION}
        for surname, (actor_id, _end) in _full_names(doc, mentions, registry).items():
            if surnames.get(surname, actor_id) != actor_id:
                shared.add(surname)
            surnames[surname] = actor_id
    return ThreadContext(frozenset(states), {k: v for k, v in surnames.items() if k not in shared})

RULES = (
    "possessive s", "bare institution", "party phrase", "derived surname", "sub-national office", "place", "event", "embedded", "named after", "foreign institution", "surname", "titled surname",
    "partial name", "government compound", "abbreviation by state", "outlet short name", "lower-case name",
)
"""The names of the context rules, in the order they are applied."""

_PLACE_KINDS = frozenset({"country", "territory"})
_STATE_KINDS = frozenset({"country", "territory", "government"})
# Rule "bare institution": outlets name the state a text is about last. Not so in the rules
# "derived surname" and "titled surname" and the thread's states, where an outlet says in whose
# public sphere the text is written ("O'Reilly on Fox News and his Swedish guest" is Bill O'Reilly;
# on the corpora, counting outlets only when no other state is named changed one mention there,
# wrongly; see docs/guide/actors.md).
_OUTLET_KINDS = frozenset({"media", "platform"})


def _word(token: Token | None) -> TypeGuard[Token]:
    """A word token (not None, a number or punctuation)."""
    return token is not None and token.kind == "word"


def _titlecase_word(token: Token | None) -> TypeGuard[Token]:
    """A capitalised word that is not all capitals ("Michael", not "PM" or "the")."""
    if token is None or token.kind != "word" or len(token.text) < 2:
        return False
    text = token.text
    return text[0].isupper() and text[1:].islower() and text.isalpha()


def _acronym(token: Token | None) -> TypeGuard[Token]:
    """An all-capitals word of two or more letters ("BC", "PEI")."""
    return token is not None and token.kind == "word" and len(token.text) >= 2 and token.text.isupper() and token.text.isalpha()


def _adjacent(doc: Doc, left: Token, right: Token) -> bool:
    """Separated by exactly one space."""
    return right.start - left.end == 1 and doc.text[left.end] == " "


class _Context:
    """What the rules need to know about one document, computed when first asked."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], registry: ActorRegistry) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self.ranges = doc.sentence_token_ranges
        self.mentions = mentions
        self.registry = registry
        self._covered: dict[int, Mention] | None = None
        self.title_case: dict[int, bool] = {}

    @property
    def covered(self) -> dict[int, Mention]:
        """Token index -> the mention covering it."""
        if self._covered is None:
            self._covered = {}
            for m in self.mentions:
                for k in range(m.token_start, m.token_end):
                    self._covered[k] = m
        return self._covered

    def is_title_case(self, sentence: int) -> bool:
        known = self.title_case.get(sentence)
        if known is None:
            first, stop = self.ranges[sentence]
            known = self.title_case[sentence] = is_title_case(self.doc, first, stop)
        return known

    def token(self, k: int, sentence: int) -> Token | None:
        first, stop = self.ranges[sentence]
        return self.tokens[k] if first <= k < stop else None


def _whole_tokens(doc: Doc, m: Mention) -> bool:
    """The mention is made of whole tokens (not a piece of "US-backed")."""
    tokens = doc.tokens
    return tokens[m.token_start].start == m.start and tokens[m.token_end - 1].end == m.end


def _place(ctx: _Context, m: Mention) -> bool:
    if m.form != "metonym" or m.possessive:
        return False
    k = m.token_start - 1
    before = ctx.token(k, m.sentence)
    if before is not None and before.lower == "the":
        before = ctx.token(k - 1, m.sentence)
    return _word(before) and before.lower in actor_rules().place_prepositions


# What may follow a dateline's city before its dash: ", D.C." / ", Israel", then "(Reuters)".
_DATELINE_TAIL = re.compile(r"(?:,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*){0,2})?[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:—|–|--?|:)")


def _dateline(doc: Doc, m: Mention) -> bool:
    """Rule "dateline": a capital written in capitals at the start of a line or sentence and
    followed by a dash or colon ("WASHINGTON — The House voted", "BEIJING (Reuters) -",
    "LONDON:") is where the report was filed, a place."""
    text = doc.text
    surface = text[m.start : m.end]
    if m.possessive or not surface.isupper() or _DATELINE_TAIL.match(text, m.end) is None:
        return False
    line = text.rfind("\n", 0, m.start) + 1
    sentence_start = doc.sentences[m.sentence].start
    return not text[max(line, sentence_start) : m.start].strip()


def _language(ctx: _Context, m: Mention) -> bool:
    """Rule "language": a demonym naming a language ("did not speak Polish", "fluent in
    French", "the search features in Spanish.", "a French-language work", "his Russian
    lessons") is no mention of the state (``[language]``)."""
    if m.possessive:
        return False
    rules = actor_rules()
    token = ctx.tokens[m.token_end - 1]
    if token.end > m.end:  # the demonym starts a compound: "French-language", "German-speaking"
        rest = ctx.doc.text[m.end : token.end].lower()
        return rest[:1] == "-" and (rest[1:] in rules.language_nouns or rest == "-speaking")
    after = ctx.token(m.token_end, m.sentence)
    if after is not None and after.lower in rules.language_nouns and after.start == m.end + 1:
        return True  # "his Russian lessons", "a French language teacher", "the Greek word for"
    ends = after is None or after.kind != "word"  # nothing follows in the clause: "in Spanish."
    before = ctx.token(m.token_start - 1, m.sentence)
    if before is None or not _word(before):
        return False
    word = before.lower
    follows = "" if after is None else after.lower  # (read only when a word follows: not `ends`)
    if word in ("in", "into"):
        verb = ctx.token(m.token_start - 2, m.sentence)
        if _word(verb) and verb.lower in rules.language_verbs:
            return ends or follows in rules.language_after
        return word == "in" and ends and (after is None or after.text in ".!?;")
    return word in rules.language_verbs and (ends or follows in rules.language_after)


def _event(ctx: _Context, m: Mention) -> bool:
    if m.form != "metonym" or m.possessive:
        return False
    after = ctx.token(m.token_end, m.sentence)
    return _word(after) and after.lower in actor_rules().event_nouns


def _embedded(ctx: _Context, m: Mention) -> bool:
    doc = ctx.doc
    if m.token_end - m.token_start != 1 or " " in m.alias:
        return False
    surface = doc.text[m.start : m.end]
    if surface.isupper() and not m.alias.isupper() and _regnal_numeral(ctx, m, surface):
        return True  # "Pius XI", "Leo XI": a numeral, not "Xi"
    if not surface[:1].isupper() or surface.isupper() or not _whole_tokens(doc, m):
        return False  # acronyms and lower-case text are left to the case rules
    before = ctx.token(m.token_start - 1, m.sentence)
    if (before is None or not before.text[:1].isupper()) and m.form != "demonym" and (
        before is None or before.lower != "of"
    ):
        return False  # the common case: nothing capitalised around it
    rules = actor_rules()
    if before is not None and before.lower == "of" and m.token_start - 2 not in ctx.covered:
        # "Times of London", "Bank of England": a place name closing a longer name
        head = ctx.token(m.token_start - 2, m.sentence)
        kind = ctx.registry[m.actor_id].kind
        if (
            (kind in _PLACE_KINDS or m.form == "metonym")
            and _titlecase_word(head)
            and _adjacent(doc, head, before)
            and head.lower not in rules.titles
            and head.lower not in rules.organs
            and head.lower not in rules.stopwords
            and not ctx.is_title_case(m.sentence)
        ):
            return True
    if (
        before is not None
        and m.token_start - 1 not in ctx.covered
        and _titlecase_word(before)
        and _adjacent(doc, before, doc.tokens[m.token_start])
    ):
        word = before.lower
        if word in rules.prefixes and ctx.registry[m.actor_id].kind in _PLACE_KINDS:
            # "Central America", "Central American migrants", "South America" in a list of
            # capitalised names: another place, even where the line is Title Case or the prefix
            # is also an organ word ("Central Bank")
            return True
        if word in rules.titles or word in rules.organs or word in rules.stopwords:
            pass
        elif ctx.registry[m.actor_id].kind == "person" and alias_key(word) in own_name_words(ctx.registry, m.actor_id):
            pass  # "Michael Pompeo", "Charles Schumer": the person's own (formal) given name
        elif word in rules.prefixes:
            if not ctx.is_title_case(m.sentence):
                return True  # "New Mexico", "Latin America"
        elif not is_common_word(before.text) and (
            not ctx.is_title_case(m.sentence) or _first_name_of_another(ctx, m, word)
        ):
            return True  # "Michael Jordan", "Ivanka Trump"; "Eric Trump Says" in a headline too
        elif (
            m.form == "metonym"
            and m.token_start - 1 != ctx.ranges[m.sentence][0]  # not "Unlike Washington, ..."
            and not ctx.is_title_case(m.sentence)
        ):
            return True  # "Bank Muscat", "Access Hollywood", "Real Madrid": a longer name
        elif _another_given_name(ctx, m, word):
            return True  # "Beau Biden", "Bill Pruitt": a given name that is also an English word
        elif (
            ctx.registry[m.actor_id].kind == "party"
            and m.token_start - 1 != ctx.ranges[m.sentence][0]  # not "Leading Democratic senators"
            and not ctx.is_title_case(m.sentence)
        ):
            return True  # "Liberal Democrat", "Social Democrats": another party's name
    if m.form == "demonym" and not m.possessive:
        after = ctx.token(m.token_end, m.sentence)
        if (
            after is not None
            and m.token_end not in ctx.covered
            and _titlecase_word(after)
            and _adjacent(doc, doc.tokens[m.token_end - 1], after)
            and after.lower not in rules.organs
            and after.lower not in rules.titles
            and not ctx.is_title_case(m.sentence)
        ):
            return True  # "American English", "British Airways"
    return False


def _first_name_of_another(ctx: _Context, m: Mention, word: str) -> bool:
    """Rule "embedded" in a line in Title Case, where a capitalised word says little: a common
    given name (``[given_names]``) right before a one-word alias of a person is still a first
    name ("Eric Trump Says Father Will Win"), unless it is one of the person's own names. The
    same holds in a sentence that only looks like a headline because the names in it are also
    English words ("Eric Trump met Fred Trump and Ivanka Trump"). Other words that are not
    English are left alone there: on the corpora they were as often words of the headline
    ("Embed Clinton:", "Ruskie Trump") as unknown first names."""
    return (
        word in actor_rules().given_names
        and ctx.registry[m.actor_id].kind == "person"
        and word not in own_name_words(ctx.registry, m.actor_id)
    )


def _another_given_name(ctx: _Context, m: Mention, word: str) -> bool:
    """Rule "embedded": a common given name that is also an English word ("Beau", "Bill",
    "Hunter": ``[given_names]``) right before a one-word alias of a person names another person
    of that surname ("Beau Biden", "Bill Pruitt"), unless it is one of the person's own given
    names or the start of one ("Don Rumsfeld" of Donald Rumsfeld). Given names that are not
    English words are caught before this by the general test; in a line in Title Case a
    capitalised word says nothing."""
    if word not in actor_rules().given_names or ctx.registry[m.actor_id].kind != "person":
        return False
    own = own_name_words(ctx.registry, m.actor_id)
    if word in own or (len(word) >= 3 and any(name.startswith(word) for name in own)):
        return False
    return not ctx.is_title_case(m.sentence)


_PERSON_WORDS: weakref.WeakKeyDictionary[ActorRegistry, dict[tuple[str, str], frozenset[str]]] = weakref.WeakKeyDictionary()


def _person_words(
    registry: ActorRegistry, actor_id: str, build: Callable[[list[str]], frozenset[str]]
) -> frozenset[str]:
    """``build`` of a person's name and name aliases (the texts), memoised per registry, person and
    ``build``."""
    cache = _PERSON_WORDS.get(registry)
    if cache is None:
        cache = _PERSON_WORDS[registry] = {}
    key = (build.__name__, actor_id)
    words = cache.get(key)
    if words is None:
        actor = registry[actor_id]
        words = cache[key] = build([actor.name] + [a.text for a in actor.aliases if a.form == "name"])
    return words


def own_name_words(registry: ActorRegistry, actor_id: str) -> frozenset[str]:
    """The folded words of a person's name and name aliases, with the other forms of each.

    Parameters
    ----------
    registry : ActorRegistry
        The registry that knows the person.
    actor_id : str
        The person's id.

    Returns
    -------
    frozenset of str
        Folded words (:func:`~discourse.actors.matching.alias_key`): "donald", "j.", "trump",
        and the other forms of each given name in ``[nicknames]`` of ``actor_rules.toml``
        ("charles" for Chuck Schumer).
    """
    return _person_words(registry, actor_id, _own_words)


def _own_words(texts: list[str]) -> frozenset[str]:
    own = {alias_key(w) for text in texts for w in text.split()}
    nicknames = actor_rules().nicknames
    # a formal given name or its short form is the person's own ("Charles" of Chuck Schumer)
    return frozenset(own.union(*(nicknames.get(w, ()) for w in own)))


def _named_after(ctx: _Context, m: Mention) -> bool:
    """Rule "named after": the mention is followed by a noun of a thing called after it ("George
    Washington Bridge"), up to two capitalised words between ("Jomo Kenyatta International
    Airport"), each written capitalised and one space apart."""
    previous = ctx.doc.tokens[m.token_end - 1]
    if m.possessive or previous.end != m.end:
        return False  # "Trump's Tower"; a name inside a word ("Soros-financed Center")
    nouns = actor_rules().named_after
    for k in range(m.token_end, m.token_end + 3):
        after = ctx.token(k, m.sentence)
        if after is None or not _titlecase_word(after) or not _adjacent(ctx.doc, previous, after):
            return False
        if after.lower in nouns:
            return not ctx.is_title_case(m.sentence)
        previous = after
    return False


def _roman(n: int) -> str:
    """``n`` (1-39) in Roman numerals."""
    return "X" * (n // 10) + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[n % 10]


# Regnal numbers as written after a name ("Pius XI", "Henry VIII", "Benedict XVI"); "I" is left
# out where it would be the pronoun ("Trump I think")
_NUMERALS = frozenset(_roman(n) for n in range(1, 40))


def _regnal_numeral(ctx: _Context, m: Mention, surface: str) -> bool:
    """Rule "embedded": a Roman numeral in capitals right after a name written in Title Case
    ("Pius XI", "Leo XI") numbers that name; it is not an alias written in another case ("Xi").
    A title before it ("President XI") and a line in capitals ("POPE PIUS XI") give no such
    sign."""
    if surface not in _NUMERALS or not _whole_tokens(ctx.doc, m):
        return False
    before = ctx.token(m.token_start - 1, m.sentence)
    return (
        _titlecase_word(before)
        and _adjacent(ctx.doc, before, ctx.tokens[m.token_start])
        and before.lower not in actor_rules().titles
    )


def _numbered(doc: Doc, m: Mention, registry: ActorRegistry) -> bool:
    """Rule "embedded": a name followed by a Roman numeral that none of the actor's names has
    names something else. A person's regnal name (an alias led by a title: "Pope Leo", "King
    Charles") so numbered is another bearer of it ("Pope Leo XIII" is not Pope Leo XIV; "Pope
    Emeritus Benedict XVI" is Benedict XVI); the name of a place or body so numbered is an event
    or a person ("Vatican II", the council; "Minsk II", the agreement; "Billy Wagner III", not
    the Wagner Group), for numerals of two or more letters ("I", "V", "X" are also the pronoun,
    "versus" and the platform). A numeral after a person's name without a title is a
    generational suffix of the same person ("Donald F. McGahn II", "Bush II")."""
    tokens = doc.tokens
    if m.token_end >= len(tokens) or m.actor_id == UNRESOLVED_INSTITUTION:
        return False
    after = tokens[m.token_end]
    if after.text not in _NUMERALS or after.text == "I" or not _adjacent(doc, tokens[m.token_end - 1], after):
        return False
    actor = registry[m.actor_id]
    if actor.kind == "person":
        rules = actor_rules()
        lead = m.alias.split()[0].lower().rstrip(".")
        if lead not in rules.titles and lead not in rules.clerical_titles:
            return False
    elif len(after.text) < 2:
        return False
    return all(after.text not in text.split() for text in [actor.name, *(a.text for a in actor.aliases)])


def _state_of(ctx: _Context, other: Mention | None) -> str | None:
    """The root state of a mention, if it names a state (country, territory, government)."""
    if other is None:
        return None
    registry = ctx.registry
    root = registry.root(other.actor_id)
    if registry[root].kind in _STATE_KINDS or registry[other.actor_id].kind in _STATE_KINDS:
        return root
    return None


_INSTITUTION_ALIAS: dict[str, bool] = {}  # alias -> is it a bare institution word (memo)


def _is_institution(alias: str) -> bool:
    known = _INSTITUTION_ALIAS.get(alias)
    if known is None:
        if len(_INSTITUTION_ALIAS) > 100_000:
            _INSTITUTION_ALIAS.clear()
        known = _INSTITUTION_ALIAS[alias] = alias_key(alias) in actor_rules().institutions
    return known


def _foreign_state(ctx: _Context, m: Mention) -> str | None:
    """The other state whose institution this mention names, if any."""
    if not _is_institution(m.alias):
        return None
    rules = actor_rules()
    own = ctx.registry.root(m.actor_id)
    # before: "Peru's [unicameral] Congress", "the Peruvian Congress", "Peru Congress"
    k = m.token_start - 1
    gap = 0
    while gap < rules.institution_gap:
        token = ctx.token(k, m.sentence)
        if token is None or token.kind != "word" or not token.text.islower() or k in ctx.covered:
            break
        if token.lower in ("'s", "of", "in", "and", "or", "the"):
            break
        k -= 1
        gap += 1
    token = ctx.token(k, m.sentence)
    if token is not None and token.lower in ("'s", "'", "’s", "’"):
        k -= 1
    state = _state_of(ctx, ctx.covered.get(k))
    if state is not None and state != own:
        return state
    # after: "the Congress of Peru", "parliament in Peru"
    after = ctx.token(m.token_end, m.sentence)
    if after is not None and after.lower in ("of", "in"):
        state = _state_of(ctx, ctx.covered.get(m.token_end + 1))
        if state is not None and state != own:
            return state
    return None


def _government_of(registry: ActorRegistry, state: str) -> str | None:
    """The government actor of a state: ``<state>_government`` or the first actor of kind
    ``government`` whose parent or country is the state."""
    candidate = f"{state}_government"
    if candidate in registry and registry[candidate].kind == "government":
        return candidate
    for actor in registry:
        if actor.kind == "government" and state in (actor.parent, actor.country):
            return actor.id
    return None


def apply_context_rules(
    doc: Doc, mentions: Sequence[Mention], registry: ActorRegistry, context: ThreadContext | None = None
) -> tuple[Mention, ...]:
    """The mentions that survive the context rules (see the module docstring), some reassigned.

    Parameters
    ----------
    doc : Doc
    mentions : sequence of Mention
        What the alias matcher found in `doc`.
    registry : ActorRegistry
        The registry the mentions come from (kinds, roll-up, government actors).

    Examples
    --------
    >>> from discourse.actors import default_registry
    >>> from discourse.text import Doc
    >>> reg = default_registry()
    >>> doc = Doc("He grew up in Moscow; Moscow denied it.")
    >>> [(m.alias, m.start) for m in apply_context_rules(doc, reg.matcher.find(doc), reg)]
    [('Moscow', 22)]
    """
    if not mentions:
        found = _surnames(doc, [], registry, context) if context is not None and context.surnames else ()
        found = _partial_names(doc, _titled_surnames(doc, found, registry, context), registry)
        if found:  # (rare here: names from the thread)
            found = tuple(_government_compounds(doc, found, registry))
        return _lower_case(doc, outlet_short_names(doc, found, registry), registry, context)
    ctx: _Context | None = None
    tokens = doc.tokens
    kept: list[Mention] = []
    get = _FLAGS.get
    surnames = registry.derived_surnames
    unknown_names: set[str] = set()  # derived surnames used in a longer unknown name ("Danny Davis")
    unknown_written: dict[str, int] = {}  # written one-word person aliases in one: alias -> where
    if any(m[2] == UNRESOLVED_INSTITUTION for m in mentions):
        mentions = _bare_institutions(doc, mentions, registry)
    states = _TextStates(mentions, registry, context)  # (computed when first needed)
    phrases = _party_phrases(registry)
    numerals = not _NUMERALS.isdisjoint(doc.token_columns.texts)  # "Pope Leo XIII" (rare: decided in C)
    possessives = registry.possessive_names
    for m in mentions:
        if m[3] in possessives:  # Mention.alias: rule "possessive s" ("Putins army")
            read = _possessive_s(doc, m, possessives[m[3]])
            if read is None or (kept and kept[-1][2] == read[2] and kept[-1][8] == read[7]):
                continue  # (Mention.actor_id, .token_end, .token_start) "Hillary Clintons": named once
            m = read
        if numerals and _numbered(doc, m, registry):
            continue
        if m[8] < len(tokens) and tokens[m[8]][2][:1].isupper():  # Mention.token_end, Token.text
            if ctx is None:
                ctx = _Context(doc, mentions, registry)
            if _named_after(ctx, m):
                continue
            if m[8] - m[7] == 1 and _given_name_of_another(ctx, m):  # Mention.token_end, .token_start
                if m[3] in surnames:
                    unknown_names.add(m[3])
                continue
        if m[3] in phrases:  # Mention.alias: rule "party phrase" ("Liberal Democrats")
            if _home(registry, m[2]) not in states():
                continue  # no other actor of the party's state: a description ("liberal Democrats")
        if m[3] in surnames:  # Mention.alias: a derived surname ("Kerry")
            if ctx is None:
                ctx = _Context(doc, mentions, registry)
            if not _whole_tokens(doc, m):
                continue  # a piece of "Wallace-Wells": not the surname alone
            if not _surname_gate(registry, m[2], states) and not _after_title(ctx, m):
                continue  # no actor of the person's state in the text: a footballer, an actor...
            if (
                _embedded(ctx, m)
                or _after_name(ctx, m)
                or _first_name_of_other(ctx, m)
                or _after_place_word(ctx, m)
                or _after_cleric(ctx, m)
            ):
                unknown_names.add(m[3])
                continue
            kept.append(m)
            continue
        flags = get(m[3])  # Mention.alias (tuple index: hot path)
        if flags is None:
            flags = _flags(m[3], m[4])
        if flags:
            if flags == _SINGLE:
                # the common case ("Russia", "Trump"): only a capitalised word or "of" before it
                # can make it part of a longer name
                k = m[7] - 1  # Mention.token_start
                if k < 0:
                    kept.append(m)
                    continue
                before = tokens[k][2]  # Token.text
                if not before[:1].isupper() and before != "of":
                    kept.append(m)
                    continue
            if ctx is None:
                ctx = _Context(doc, mentions, registry)
            if flags & (_OFFICE | _REGION) and _subnational(doc, m, flags, registry):
                continue
            if flags & _METONYM and (_place(ctx, m) or _event(ctx, m) or _dateline(doc, m)):
                continue
            if flags & _DEMONYM and _language(ctx, m):
                continue
            if flags & _SINGLE and _embedded(ctx, m):
                if (
                    m[4] == "name"  # Mention.form
                    and registry[m[2]].kind == "person"  # Mention.actor_id
                    and m[7] > 0
                    and tokens[m[7] - 1][3] in actor_rules().given_names  # Token.lower before it
                ):
                    unknown_written.setdefault(m[3], m[0])  # "Juan Carlos Cruz": the text's own Cruz
                continue
            if flags & _INSTITUTION:
                state = _foreign_state(ctx, m)
                if state is not None:
                    government = _government_of(registry, state)
                    if government is None:
                        continue
                    m = m._replace(actor_id=government)
        kept.append(m)
    if unknown_names:  # the text's own (unknown) Davis, not the registry's: every use of it
        kept = [m for m in kept if m[3] not in unknown_names]
    if unknown_written:
        kept = _one_sense(kept, unknown_written, registry)
    found = _partial_names(doc, _titled_surnames(doc, _surnames(doc, kept, registry, context), registry, context), registry)
    reassigned = _abbreviations_by_state(_government_compounds(doc, found, registry), registry, context)
    return _lower_case(doc, outlet_short_names(doc, reassigned, registry), registry, context)


def _abbreviations_by_state(
    mentions: Sequence[Mention], registry: ActorRegistry, context: ThreadContext | None
) -> Sequence[Mention]:
    """Rule "abbreviation by state": an abbreviation of ``[abbreviation_by_state]`` ("CPC", the
    Communist Party of China) names the other actor given there (the Conservative Party of
    Canada) when the text's other mentions, or its thread, name that actor's state and not the
    registry owner's."""
    table = actor_rules().abbreviation_by_state
    if not any(m[3] in table for m in mentions):  # Mention.alias
        return mentions
    states = {_home(registry, o[2]) for o in mentions if o[3] not in table and o[2] != UNRESOLVED_INSTITUTION}
    if context is not None:
        states |= context.states
    out = list(mentions)
    for k, m in enumerate(mentions):
        other = table.get(m[3])
        if other is not None and other in registry and _home(registry, other) in states and _home(registry, m[2]) not in states:
            out[k] = m._replace(actor_id=other)
    return out


def _government_compounds(doc: Doc, mentions: Sequence[Mention], registry: ActorRegistry) -> Sequence[Mention]:
    """Rule "government compound": a head of state or government's name right before one of the
    nouns of ``[government_compound]`` (one space between, no possessive) names that head's
    government, one span: "the Harper government", "the Maduro regime", "Trump cabinet".
    Persons who headed no state keep their mention ("the Christie administration" is New
    Jersey's)."""
    nouns = actor_rules().government_nouns
    tokens = doc.tokens
    text = doc.text
    out: list[Mention] | None = None
    for k, m in enumerate(mentions):
        after = m[8]  # Mention.token_end
        if m[5] or after >= len(tokens) or tokens[after][3] not in nouns:  # .possessive; Token.lower
            continue
        noun = tokens[after]
        if noun.start != m[1] + 1 or text[m[1]] != " " or after >= doc.sentence_token_ranges[m[6]][1]:
            continue  # not "Harper government": another clause, another sentence
        government = _head_government(registry, m[2])
        if government is None:
            continue
        if out is None:
            out = list(mentions)
        out[k] = Mention(m[0], noun.end, government, f"{m[3]} {noun.lower}", m[4], False, m[6], m[7], after + 1)
    return mentions if out is None else out


_HEAD_GOVERNMENT: weakref.WeakKeyDictionary[ActorRegistry, tuple[dict[str, str], dict[str, str], dict[str, str | None]]] = (
    weakref.WeakKeyDictionary()
)


def _head_government(registry: ActorRegistry, actor_id: str) -> str | None:
    """Rule "government compound": the government a head of state or government stands for, or
    None. A person with an alias "<name> administration" of another actor is that actor's
    ("Obama regime" -> the actor of "Obama administration"); else a person whose ``office`` is
    head of their own state (:func:`_head_of_state`) stands for the actor of the other
    administrations of that state if the registry has one ("Reagan administration" is the White
    House, as "Bush administration" is), or the state's government actor."""
    cached = _HEAD_GOVERNMENT.get(registry)
    if cached is None:
        administrations = {
            alias_key(a.text): other.id
            for other in registry.written_actors
            if other.kind in ("government", "organisation")  # not "US administration" (the country)
            for a in other.aliases
            if a.text.endswith(" administration")
        }
        by_state: dict[str, str] = {}
        for actor_of in administrations.values():
            by_state.setdefault(_home(registry, actor_of), actor_of)
        cached = _HEAD_GOVERNMENT[registry] = (administrations, by_state, {})
    administrations, by_state, known = cached
    if actor_id in known:
        return known[actor_id]
    government: str | None = None
    actor = registry[actor_id]
    if actor.kind == "person":
        for alias in actor.aliases:
            government = administrations.get(alias_key(f"{alias.text} administration"))
            if government is not None:
                break
        if government is None and _head_of_state(registry, actor_id):
            home = _home(registry, actor_id)
            government = by_state[home] if home in by_state else _government_of(registry, home)
    known[actor_id] = government
    return government


def _lower_case(
    doc: Doc, mentions: Sequence[Mention], registry: ActorRegistry, context: ThreadContext | None
) -> tuple[Mention, ...]:
    """Rule "lower-case name" (:mod:`discourse.actors.lowercase`), with the gate of derived
    surnames (:func:`_surname_gate`)."""
    if lower_case_index(registry).keys().isdisjoint(doc.token_columns.texts):
        return tuple(mentions)  # the common case, decided before building the gate
    states = _TextStates(mentions, registry, context)
    return lower_case_names(doc, mentions, registry, lambda actor_id: _surname_gate(registry, actor_id, states))


def dropped_matches(matches: Sequence[Mention], found: Sequence[Mention]) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of the matcher's `matches` that the context rules dropped (not among
    `found`, the mentions they kept): places, events, datelines, names inside longer names.

    Examples
    --------
    >>> from discourse.actors import default_registry
    >>> from discourse.text import Doc
    >>> reg, doc = default_registry(), Doc("He stayed in Ottawa; Ottawa said no.")
    >>> found = reg.find(doc)
    >>> [(m.start, m.actor_id) for m in found], dropped_matches(reg.matcher.find(doc), found)
    ([(21, 'canada')], ((13, 19),))
    """
    if len(found) >= len(matches):
        kept = {m[0] for m in found}  # Mention.start
        if all(m[0] in kept for m in matches):
            return ()  # the common case: nothing dropped
    else:
        kept = {m[0] for m in found}
    return tuple((m[0], m[1]) for m in matches if m[0] not in kept)  # Mention.start, .end


_PLURAL_BEFORE = frozenset({"both", "all", "two", "three", "other"})  # "both Trumps"; with DETERMINERS


def _possessive_s(doc: Doc, m: Mention, base: str) -> Mention | None:
    """Rule "possessive s": a person's name with "s" (*Putins*: a derived alias of
    :func:`~discourse.actors.surnames.possessive_aliases`) is the possessive without its
    apostrophe when it is a whole capitalised word, no determiner or number stands before it
    (*the Bidens*, *two Trumps*: a family, a plural) and a lower-case noun, adjective or number
    follows it after one space (*Putins army*, *Obamas term*, *Bernies dumb*; not *Trumps were*,
    *Meyers said*): the mention of the name (alias `base`), marked possessive; else dropped."""
    from discourse.actors.context import DETERMINERS, pos_of  # (imports the registry)

    tokens = doc.tokens
    k = m.token_start
    token = tokens[k]
    if m.token_end - k != 1 or token.start != m.start or token.end != m.end or not token.text[:1].isupper():
        return None
    first, stop = doc.sentence_token_ranges[m.sentence]
    if k > first:
        before = tokens[k - 1]
        if before.lower in DETERMINERS or before.lower in _PLURAL_BEFORE or before.kind == "number":
            return None
    if k + 1 >= stop:
        return None
    after = tokens[k + 1]
    if after.start != m.end + 1 or doc.text[m.end] != " ":
        return None
    if after.kind != "number" and not (
        after.kind == "word" and after.text[:1].islower() and pos_of(after).startswith(("NN", "JJ", "CD"))
    ):
        return None
    return m._replace(alias=base, possessive=True)


def _other_states(
    mentions: Sequence[Mention],
    surnames: frozenset[str] | set[str],
    phrases: frozenset[str],
    registry: ActorRegistry,
    context: ThreadContext | None,
) -> set[str]:
    """The states of a text's mentions that name a state by themselves (not a derived surname,
    not a party phrase: those need one of these), with the thread's article's states."""
    states = {
        _home(registry, o[2]) for o in mentions if o[3] not in surnames and o[3] not in phrases and o[2] != UNRESOLVED_INSTITUTION
    }
    if context is not None:
        states |= context.states
    return states


class _TextStates:
    """The states of a text's `mentions` and its thread (:func:`_other_states`), computed on the
    first call: most texts need them for no mention."""

    __slots__ = ("_mentions", "_registry", "_context", "_states")

    def __init__(self, mentions: Sequence[Mention], registry: ActorRegistry, context: ThreadContext | None) -> None:
        self._mentions = mentions
        self._registry = registry
        self._context = context
        self._states: set[str] | None = None

    def __call__(self) -> set[str]:
        if self._states is None:
            registry = self._registry
            self._states = _other_states(
                self._mentions, registry.derived_surnames, _party_phrases(registry), registry, self._context
            )
        return self._states


def _surname_gate(registry: ActorRegistry, actor_id: str, states: _TextStates) -> bool:
    """The gate of rules "derived surname" and "lower-case name": a person named by a bare
    surname or in lower case is the registry's person only if the text or its thread names an
    actor of the person's state, or the person holds or held a top office (:func:`_top_office`)."""
    return _top_office(registry, actor_id) or _home(registry, actor_id) in states()


_PARTY_PHRASES: weakref.WeakKeyDictionary[ActorRegistry, frozenset[str]] = weakref.WeakKeyDictionary()


def _party_phrases(registry: ActorRegistry) -> frozenset[str]:
    """Rule "party phrase": the aliases of parties with a state that are an adjective then a
    noun of ``[party_phrases]`` ("Liberal Democrats"), as written (computed once per registry)."""
    phrases = _PARTY_PHRASES.get(registry)
    if phrases is None:
        rules = actor_rules()
        found = set()
        for actor in registry:
            if actor.kind != "party" or registry[_home(registry, actor.id)].kind not in _STATE_KINDS:
                continue
            for alias in actor.aliases:
                words = alias.text.lower().split()
                if len(words) == 2 and words[0] in rules.party_adjectives and words[1] in rules.party_nouns:
                    found.add(alias.text)
        phrases = _PARTY_PHRASES[registry] = frozenset(found)
    return phrases


def _home(registry: ActorRegistry, actor_id: str) -> str:
    """The state an actor belongs to: the root of its parent chain, or (for actors outside the
    state, like a former president or an opposition leader) the root of its ``country``; the
    root itself for other actors (the UN, a party without a country)."""
    root = registry.root(actor_id)
    if registry[root].kind in _STATE_KINDS:
        return root
    country = registry[actor_id].country or registry[root].country
    return registry.root(country) if country is not None else root


def _given_name_of_another(ctx: _Context, m: Mention) -> bool:
    """Rule "embedded", a name after the alias: a person's one-word alias that is a given name of
    the person whose mention starts right after it is that person's given name ("President Hassan
    Rouhani" is not Samia Hassan; "Trump Pence" names two); a person's one-word alias that is a given name (a common one,
    ``[given_names]``, or the first word of one of the person's own names: "Bernie", "Jeb") right
    before a capitalised word that no mention covers and the English lexicon does not know is the
    given name of someone else ("Bernie Marcus", "Jeb Fain", "Dan Cathy"). Not in a line in Title
    Case, nor before a word of the person's own names ("Bibi Netanyahu", "Orban Viktor")."""
    registry = ctx.registry
    if m.possessive or registry[m.actor_id].kind != "person" or not _whole_tokens(ctx.doc, m):
        return False
    after = ctx.token(m.token_end, m.sentence)
    if after is None or not _titlecase_word(after) or not _adjacent(ctx.doc, ctx.tokens[m.token_end - 1], after):
        return False
    if ctx.is_title_case(m.sentence) or alias_key(after.text) in own_name_words(registry, m.actor_id):
        return False
    rules = actor_rules()
    alias = alias_key(ctx.doc.text[m.start : m.end])  # the name itself ("President Hassan": "hassan")
    other = ctx.covered.get(m.token_end)
    if other is not None:  # "Hassan Rouhani", not "Trump Pence" (two persons)
        return (
            other.actor_id != m.actor_id
            and other.token_start == m.token_end
            and registry[other.actor_id].kind == "person"
            and (alias in rules.given_names or alias in _given_names_of(registry, other.actor_id))
        )
    word = after.lower
    if word in rules.titles or word in rules.organs or word in rules.stopwords or is_common_word(after.text):
        return False
    return alias in rules.given_names or alias in _given_names_of(registry, m.actor_id)


def _given_names_of(registry: ActorRegistry, actor_id: str) -> frozenset[str]:
    """The folded first words of a person's multi-word name aliases after any title ("bernie" of
    Senator Bernie Sanders), less words that are also the last word of one ("Kim Jong Un")."""
    return _person_words(registry, actor_id, _given_words)


def _given_words(texts: list[str]) -> frozenset[str]:
    titles = actor_rules().titles
    names = []
    for text in texts:
        words = text.split()
        while words and (words[0].lower().rstrip(".") in titles or words[0].lower() == "the"):
            words = words[1:]  # "Senator Bernie Sanders": the given name is "Bernie"
        names.append(words)
    firsts = {alias_key(n[0]) for n in names if len(n) >= 2}
    lasts = {alias_key(n[-1]) for n in names if len(n) >= 2}
    return frozenset(firsts - lasts)


def _after_title(ctx: _Context, m: Mention) -> bool:
    """A title of public office right before the mention ("Secretary Kerry", "Sen. Cochran"; not
    "Mr." or "Cardinal": ``[office_titles]`` of ``actor_rules.toml``)."""
    k = m.token_start - 1
    before = ctx.token(k, m.sentence)
    if before is not None and before.text == ".":
        before = ctx.token(k - 1, m.sentence)
    return _word(before) and before.lower.rstrip(".") in actor_rules().office_titles


def _after_name(ctx: _Context, m: Mention) -> bool:
    """Rule "derived surname": any capitalised word right before a derived surname that is not a
    title, stop word, state organ or mention makes it another person's name, even an English word
    ("Chuck Baldwin", "Will Harper"; rule "embedded" lets such first names pass for written
    aliases). In a sentence in Title Case only a common given name counts ("Katherine Snyder,
    Associate Professor"), as any word may be capitalised there."""
    before = ctx.token(m.token_start - 1, m.sentence)
    if before is None or m.token_start - 1 in ctx.covered or not _titlecase_word(before):
        return False
    rules = actor_rules()
    word = before.lower
    return (
        _adjacent(ctx.doc, before, ctx.tokens[m.token_start])
        and word not in rules.stopwords
        and word not in rules.titles
        and word not in rules.organs
        and (word in rules.given_names or not ctx.is_title_case(m.sentence))
        and alias_key(word) not in own_name_words(ctx.registry, m.actor_id)  # "Charles Grassley"
    )


def _after_cleric(ctx: _Context, m: Mention) -> bool:
    """Rule "derived surname": a derived surname right after a clerical title ("Sean Cardinal
    O'Malley", "Archbishop Vigano": ``[clerical_titles]``) names a cleric, not the politician."""
    return _cleric_before(ctx.tokens, m.token_start, ctx.ranges[m.sentence][0])


def _cleric_before(tokens: Sequence[Token], k: int, first: int) -> bool:
    """A clerical title right before token `k` (a full stop between allowed: "Fr. Martin")."""
    j = k - 1
    if j >= first and tokens[j].text == ".":
        j -= 1
    return j >= first and tokens[j].lower.rstrip(".") in actor_rules().clerical_titles


def _after_place_word(ctx: _Context, m: Mention) -> bool:
    """Rule "derived surname": a derived surname right after a locative preposition of rule
    "place" other than "at" and "into" ("a shooting in Dayton, Ohio", "near Churchill,
    Manitoba"; but "angry at Cantor") names a place, not the person (a possessive, "in Snyder's Michigan", is kept)."""
    if m.possessive:
        return False
    before = ctx.token(m.token_start - 1, m.sentence)
    # not "at" and "into": people are their objects too ("angry at Cantor", "looked into Comey")
    return before is not None and before.lower in actor_rules().place_prepositions and before.lower not in ("at", "into")


def _first_name_of_other(ctx: _Context, m: Mention) -> bool:
    """Rule "derived surname": a derived surname right before another capitalised word that is
    not a mention, title or stop word is the first name of a longer name ("Kerry Washington")."""
    after = ctx.token(m.token_end, m.sentence)
    if after is None or not _titlecase_word(after):
        return False
    other = ctx.covered.get(m.token_end)
    if other is not None and not (other.form == "metonym" and other.token_end - other.token_start == 1):
        return False  # a mention follows; but a one-word place is a surname too ("Kerry Washington")
    rules = actor_rules()
    word = after.lower
    return (
        _adjacent(ctx.doc, ctx.tokens[m.token_end - 1], after)
        and word not in rules.stopwords
        and word not in rules.titles
        and word not in rules.organs
        and not ctx.is_title_case(m.sentence)
    )


def _bare_institutions(doc: Doc, mentions: Sequence[Mention], registry: ActorRegistry) -> list[Mention]:
    """Rule "bare institution": resolve each bare institution word ("the Senate") to the
    institution of the state it belongs to, or drop it: the state named right before it
    ("Canada's Senate", "the Canadian Senate") or right after it ("the Senate of Canada"), else
    the state the text names most often (ties: the nearest before it). See
    :mod:`discourse.actors.surnames` and ``[bare_institutions]`` of ``actor_rules.toml``."""
    rules = actor_rules()
    tokens = doc.tokens
    index = registry.institution_index
    states: list[str | None] = []  # the state of every mention (None: not a state's actor)
    for m in mentions:
        state = None
        if m.actor_id != UNRESOLVED_INSTITUTION:
            home = _home(registry, m.actor_id)
            if registry[home].kind in _STATE_KINDS:
                state = home
        states.append(state)
    # A news outlet names its state only when nothing else in the text names a state: "Image
    # copyright Reuters ... Army chief Chiwenga" in a text on Zimbabwe is no US text (the outlet
    # says where the news was read, not what it is about); "Graham's Senate race, according to
    # USA Today" names no other state and stays a US text.
    counts: dict[str, int] = {}
    outlets: dict[str, int] = {}
    for m, state in zip(mentions, states):
        if state is not None:
            tally = outlets if registry[m.actor_id].kind in _OUTLET_KINDS else counts
            tally[state] = tally.get(state, 0) + 1
    if not counts:
        counts = outlets
    top = max(counts.values(), default=0)
    leaders = {state for state, n in counts.items() if n == top}
    by_token = {k: position for position, m in enumerate(mentions) for k in range(m.token_start, m.token_end)}
    out: list[Mention] = []
    for position, m in enumerate(mentions):
        if m.actor_id != UNRESOLVED_INSTITUTION:
            out.append(m)
            continue
        word = alias_key(m.alias)
        first, stop = doc.sentence_token_ranges[m.sentence]
        before = tokens[m.token_start - 1] if m.token_start - 1 >= first else None
        if word in rules.bare_need_article and (before is None or before.lower != "the") and not _chamber_head(tokens, m, stop, by_token, rules):
            continue  # "House prices": only "the House" (or "House Democrats", "a House vote") is the chamber
        if (_titlecase_word(before) or _acronym(before)) and before.lower != "the" and m.token_start - 1 not in by_token:
            continue  # "State Supreme Court", "Alaska Senate", "BC Liberals": a longer name the registry does not know
        if word in rules.bare_services and _service_in_longer_name(tokens, m, first, stop, by_token, rules):
            continue  # "Air Force One", "the Navy Yard", "Vietnam People's Army"
        if word in rules.subnational_offices and _after_region(doc, m):
            continue  # rule "sub-national office": "Pennsylvania's Supreme Court", "the New Jersey Senate"
        state = None
        k = m.token_start - 1
        if before is not None and before.lower in ("'s", "’s", "'", "’"):
            k -= 1
        if k >= first and k in by_token:
            state = states[by_token[k]]  # "Canada's Senate", "the Canadian Senate"
        after = tokens[m.token_end] if m.token_end < stop else None
        if state is None and after is not None and after.lower == "of":
            # "the Senate of Canada" names its state; "House of Cards" is another name
            following = by_token.get(m.token_end + 1)
            if following is None or states[following] is None:
                continue
            state = states[following]
        if state is None and leaders:
            if len(leaders) == 1:
                state = next(iter(leaders))
            else:  # a tie: the nearest before, else the first after
                state = next((states[j] for j in range(position - 1, -1, -1) if states[j] in leaders), None)
                if state is None:
                    state = next(states[j] for j in range(position + 1, len(mentions)) if states[j] in leaders)
        if state is None:
            continue  # no state named in the text: unresolved
        actor_id = index.get((state, word))
        if actor_id is None and word in rules.bare_legislatures:
            actor_id = _government_of(registry, state)
        if actor_id is not None:
            out.append(m._replace(actor_id=actor_id))
    return out


def _service_in_longer_name(
    tokens: Sequence[Token], m: Mention, first: int, stop: int, by_token: Mapping[int, int], rules: Any
) -> bool:
    """Rule "bare institution", armed services (``services`` of ``[bare_institutions]``): the
    word is part of a longer name when a capitalised word that is no title follows it ("Air Force
    One", "Navy Yard", "Army Radio"; not "Army General", "Navy SEAL" in capitals) or a
    capitalised word with a possessive that is no mention precedes it ("People's Army")."""
    after = tokens[m.token_end] if m.token_end < stop else None
    if after is not None and after.kind == "word" and after.text[:1].isupper() and not after.text.isupper():
        if after.lower.rstrip(".") not in rules.titles and m.token_end not in by_token:
            return True
    k = m.token_start - 1
    if k - 1 >= first and tokens[k].lower in ("'s", "’s") and _titlecase_word(tokens[k - 1]) and k - 1 not in by_token:
        return True
    return False


def _full_names(doc: Doc, mentions: Sequence[Mention], registry: ActorRegistry) -> dict[str, tuple[str, int]]:
    """Surname -> (person id, end of the first full-name mention) of the persons a text names in
    full; a surname two of them share is left out."""
    by_surname: dict[str, tuple[str, int]] = {}
    shared: set[str] = set()
    tokens = doc.tokens
    name_first = registry.family_name_first
    for m in mentions:
        if m.token_end - m.token_start < 2 or m.form != "name" or registry[m.actor_id].kind != "person":
            continue
        # the family name: the last word, or the first for a state that writes it first ("Kim
        # Jong Un", "Moon Jae-in": "Un", "in" name no one)
        surname = tokens[m.token_start if m.actor_id in name_first else m.token_end - 1].text
        if len(surname) < 3 or not is_surname(surname):  # "Kerry", and "McMaster", "O'Reilly"
            continue
        known = by_surname.get(surname)
        if known is not None and known[0] != m.actor_id:
            shared.add(surname)
        elif known is None:
            by_surname[surname] = (m.actor_id, m.end)
    for surname in shared:
        del by_surname[surname]
    return by_surname


def _surnames(
    doc: Doc, mentions: list[Mention], registry: ActorRegistry, context: ThreadContext | None = None
) -> tuple[Mention, ...]:
    """Rule "surname": once a text names a person in full ("John Kerry"), the bare surname
    later in the same text ("Kerry said") is that person too (one person per surname and text;
    a surname two persons of the text share is left alone); with a thread `context`, also the
    surnames of the persons the article names in full (anywhere in the text; the text's own
    full names take precedence)."""
    by_surname = _full_names(doc, mentions, registry)
    if context is not None:
        for surname, actor_id in context.surnames.items():
            by_surname.setdefault(surname, (actor_id, 0))
    if not by_surname:
        return tuple(mentions)
    tokens = doc.tokens
    mentions = _yield_written_surnames(mentions, by_surname, registry)
    covered = {k for m in mentions for k in range(m.token_start, m.token_end)}
    added: list[Mention] = []
    starts = doc.sentence_token_ranges
    for k, token in enumerate(tokens):
        hit = by_surname.get(token.text)
        if hit is None or k in covered or token.start < hit[1]:
            continue
        if k + 1 < len(tokens) and tokens[k + 1].text[:1].isupper() and tokens[k + 1].kind == "word":
            continue  # "Kerry Smith": another name
        if token.lower in actor_rules().months and _date(tokens, k):
            continue  # "Theresa May ... on May 22": the month
        possessive = k + 1 < len(tokens) and tokens[k + 1].lower in ("'s", "’s") and tokens[k + 1].start == token.end
        sentence = next(si for si, (first, stop) in enumerate(starts) if first <= k < stop)
        added.append(Mention(token.start, token.end, hit[0], token.text, "name", possessive, sentence, k, k + 1))
    if not added:
        return tuple(mentions)
    return tuple(sorted(mentions + added, key=lambda m: m.start))


def _date(tokens: Sequence[Token], k: int) -> bool:
    """Rule "surname": the month name at token `k` is a date, not a surname (*Theresa May ... on
    May 22*, *in May*): a number follows it, or a word of time or place that takes a date precedes
    it (not *by* or *to*: *banned by May*, *a letter to May*; ``[surname_dates]`` of
    ``actor_rules.toml``)."""
    after = tokens[k + 1].text if k + 1 < len(tokens) else ""
    return after[:1].isdigit() or (k > 0 and tokens[k - 1].lower in actor_rules().date_before)


def _yield_written_surnames(
    mentions: list[Mention], by_surname: Mapping[str, tuple[str, int]], registry: ActorRegistry
) -> list[Mention]:
    """Rule "surname", for surnames written as an alias: a bare surname that the registry writes
    for its most prominent bearer (*Clinton* -> Hillary Clinton, *Cuomo* -> Andrew Cuomo) names the
    other person of that surname whom the text names in full before it (*Bill Clinton ... Clinton
    said*, *Chris Cuomo ... Cuomo said*), unless the text also names the alias's owner some other
    way (*Hillary Clinton and Bill Clinton ... Clinton*), or the owner is the head of state or
    government of their state (``President/Prime Minister/Chancellor of <state>``): a writer names
    the President by surname alone even beside a relative named in full (*Ivanka Trump ... Trump
    said* is the President)."""
    moved: dict[int, str] = {}
    for position, m in enumerate(mentions):
        hit = by_surname.get(m.alias) if m.token_end - m.token_start == 1 and m.form == "name" else None
        if hit is None or hit[0] == m.actor_id or m.start < hit[1] or registry[m.actor_id].kind != "person":
            continue
        if _sitting_head(registry, m.actor_id):
            continue
        if any(o.actor_id == m.actor_id and o.alias != m.alias for o in mentions):
            continue  # the text names the alias's owner too: the written alias stands
        moved[position] = hit[0]
    if not moved:
        return mentions
    return [m._replace(actor_id=moved[k]) if k in moved else m for k, m in enumerate(mentions)]


def _one_sense(mentions: list[Mention], unknown: Mapping[str, int], registry: ActorRegistry) -> list[Mention]:
    """Rule "surname", one sense per text: once a text names someone the registry does not know by
    a common given name (``[given_names]``) and a person's one-word written alias (*Juan Carlos
    Cruz*, *Billy Bush*: rule "embedded" drops the alias there), a later bare use of the alias in that text is that
    someone (*Cruz said*), not the registry's person: dropped. It stands when the text also names
    the registry's person by another alias (*Ted Cruz*, *Sen. Cruz*, *President Bush*), or when the
    person is a head of state or government in office (*Fred Trump ... Trump said* is the
    President; see :func:`_sitting_head`)."""
    named = {(m.actor_id, m.alias) for m in mentions}
    others = {actor_id for actor_id, alias in named if alias not in unknown}
    out = []
    for m in mentions:
        where = unknown.get(m.alias)
        if (
            where is not None
            and m.start > where
            and m.token_end - m.token_start == 1
            and m.actor_id not in others
            and not _sitting_head(registry, m.actor_id)
        ):
            continue
        out.append(m)
    return out


def _sitting_head(registry: ActorRegistry, actor_id: str) -> bool:
    """The person is head of state or government of their state and still in office (no
    ``until``): the one a writer names by surname alone beside a relative named in full (*Ivanka
    Trump ... Trump said*). A former one is not (*Jeb Bush ... Bush said* is Jeb Bush)."""
    return registry[actor_id].until is None and _head_of_state(registry, actor_id)


_OFFICE_ALIAS: dict[str, bool] = {}  # alias -> is it an office a region has too (memo)


def _is_office(alias: str) -> bool:
    """Rule "sub-national office": the alias is an office that the regions of a federal state
    have as well as the state (``offices`` of ``[subnational]``: "Attorney General's office",
    "Supreme Court"), or names a department or ministry ("Department of State", "Justice
    Department", ``heads``)."""
    known = _OFFICE_ALIAS.get(alias)
    if known is None:
        rules = actor_rules()
        key = alias_key(alias).removeprefix("the ")
        words = key.split()
        known = key in rules.subnational_offices or (
            len(words) >= 2 and (words[-1] in rules.subnational_heads or (words[0] in rules.subnational_heads and words[1] == "of"))
        )
        if len(_OFFICE_ALIAS) > 100_000:
            _OFFICE_ALIAS.clear()
        _OFFICE_ALIAS[alias] = known
    return known


def _after_region(doc: Doc, m: Mention) -> bool:
    """Rule "sub-national office": the name of a region of ``[subnational]`` stands right before
    the mention, or with a possessive ("the Illinois Attorney General's office", "Pennsylvania's
    Supreme Court")."""
    tokens = doc.tokens
    first = doc.sentence_token_ranges[m.sentence][0]
    j = m.token_start - 1
    if j < first or not _adjacent(doc, tokens[j], tokens[m.token_start]):
        return False
    if j - 1 >= first and tokens[j].lower in ("'s", "’s", "'", "’") and tokens[j].start == tokens[j - 1].end:
        j -= 1  # "Pennsylvania's"
    regions = actor_rules().subnational_regions
    words: list[str] = []
    for i in range(j, max(first, j - 3) - 1, -1):  # names of up to four words ("Newfoundland and Labrador")
        token = tokens[i]
        if token.kind != "word" or (i < j and not _adjacent(doc, token, tokens[i + 1])):
            break
        words.insert(0, token.lower)
        if token.text[:1].isupper() and " ".join(words) in regions:
            return True
    return False


def _before_region_title(doc: Doc, m: Mention) -> bool:
    """Rule "sub-national office": a title that only a region's officials bear follows the
    mention ("Washington Gov. Jay Inslee", "Georgia Secretary of State"; ``titles`` of
    ``[subnational]``)."""
    tokens = doc.tokens
    stop = doc.sentence_token_ranges[m.sentence][1]
    k = m.token_end
    if k < stop and tokens[k].lower in ("'s", "’s"):
        k += 1
    words: list[str] = []
    titles = actor_rules().subnational_titles
    while k < stop and len(words) < 4:
        token = tokens[k]
        k += 1
        if token.text == ".":
            continue
        if token.kind != "word":
            break
        words.append(token.lower.rstrip("."))
        if " ".join(words) in titles:
            return True
    return False


def _subnational(doc: Doc, m: Mention, flags: int, registry: ActorRegistry) -> bool:
    """Rule "sub-national office": an office a region of a federal state has too, named with the
    region ("the Illinois Attorney General's office", "the Florida Department of State"), is the
    region's, not the federal state's organ; a region's name that the registry gives to a state
    or its government, before a title only a region's officials bear, is the region ("Washington
    Gov. Jay Inslee", "Georgia Secretary of State"). The registry holds neither: dropped."""
    kind = registry[m.actor_id].kind
    if flags & _OFFICE and kind != "person" and _after_region(doc, m):
        return True
    return bool(flags & _REGION) and kind != "territory" and _before_region_title(doc, m)


_METONYM, _SINGLE, _INSTITUTION, _DEMONYM, _OFFICE, _REGION = 1, 2, 4, 8, 16, 32
_FLAGS: dict[str, int] = {}  # alias -> the rules that may apply (memo; an alias has one form)


def _flags(alias: str, form: str) -> int:
    """Which rules can apply to mentions of an alias (most aliases: only "embedded")."""
    flags = 0
    if form == "metonym":
        flags |= _METONYM
    if form == "demonym":
        flags |= _DEMONYM
    if " " not in alias.strip() and alias[:1].isupper() and not alias.isupper():
        flags |= _SINGLE
    if _is_institution(alias):
        flags |= _INSTITUTION
    if _is_office(alias):
        flags |= _OFFICE
    if alias_key(alias) in actor_rules().subnational_regions:
        flags |= _REGION
    if len(_FLAGS) > 200_000:  # bounded: user registries come and go
        _FLAGS.clear()
    _FLAGS[alias] = flags
    return flags


_SURNAME_INDEX: weakref.WeakKeyDictionary[ActorRegistry, dict[str, tuple[str, ...]]] = weakref.WeakKeyDictionary()


def _surname_index(registry: ActorRegistry) -> dict[str, tuple[str, ...]]:
    """The registry's :func:`~discourse.actors.surnames.surname_index` (computed once per
    registry), keyed by the surname as it is written capitalised ("Sanders", "O'Rourke") and,
    for texts written without capitals, in lower case ("sanders")."""
    index = _SURNAME_INDEX.get(registry)
    if index is None:
        folded = surname_index(registry, [a.text for _, a in registry.derived_aliases], registry.family_name_first)
        index = dict(folded)
        for actor_id in sorted({i for ids in folded.values() for i in ids}):
            actor = registry[actor_id]
            for text in [actor.name] + [a.text for a in actor.aliases if a.form == "name"]:
                for word in text.split():
                    key = fold_accents(word.lower())
                    if key in folded and actor_id in folded[key]:
                        index.setdefault(word, folded[key])
        _SURNAME_INDEX[registry] = index
    return index


# (weak reference to the last registry, its surname index, the index's capitalised keys)
_SURNAME_KEYS: list[Any] = [(None, None, None)]


def _surname_keys(registry: ActorRegistry) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """The registry's :func:`_surname_index` and the keys of it a cased text can use (those
    not in lower case: "Sanders", "O'Rourke"), kept for the last registry asked (the pipeline
    asks for the same one for every text; one tuple, read and replaced whole, so that threads
    do not mix registries)."""
    last, index, capitalised = _SURNAME_KEYS[0]
    if last is not None and last() is registry:
        return index, capitalised
    index = _surname_index(registry)
    capitalised = frozenset(key for key in index if not key.islower())
    _SURNAME_KEYS[0] = (weakref.ref(registry), index, capitalised)
    return index, capitalised


def _title_before(tokens: Sequence[Token], k: int, first: int, titles: Mapping[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """The office words of the longest title of ``[surname_titles]`` that ends right before token
    `k` ("Secretary of State", "Sen.", "Prime Minister"), or ``None``."""
    words: list[str] = []
    j = k - 1
    while j >= first and len(words) < 4:
        token = tokens[j]
        if token.text == ".":
            if words:
                break
            j -= 1
            continue
        if token.kind != "word":
            break
        words.insert(0, token.lower.rstrip("."))
        j -= 1
    for n in range(len(words), 0, -1):
        offices = titles.get(alias_key(" ".join(words[-n:])))
        if offices is not None:
            return offices
    return None


def _speech_after(tokens: Sequence[Token], k: int, stop: int, verbs: frozenset[str], between: frozenset[str]) -> bool:
    """Token `k` is the subject of a speech verb right after it ("Kerry said", "Kerry has
    said")."""
    j = k + 1
    if j < stop and tokens[j].lower in between:
        j += 1
    return j < stop and tokens[j].lower in verbs


def _titled_surnames(
    doc: Doc, mentions: Sequence[Mention], registry: ActorRegistry, context: ThreadContext | None = None
) -> tuple[Mention, ...]:
    """Rule "titled surname" (see the module docstring): bare surnames that are no alias,
    resolved by a title of office before them or a speech verb after them."""
    index, capitalised = _surname_keys(registry)
    texts = doc.token_columns.texts
    if doc.text.islower():  # written without any capital: only "premier wynne" (see below)
        if index.keys().isdisjoint(texts):
            return tuple(mentions)
        return tuple(_lower_case_titled(doc, mentions, registry, index, [k for k, t in enumerate(texts) if t in index]))
    if capitalised.isdisjoint(texts):  # the common case, decided in C
        return tuple(mentions)
    tokens = doc.tokens
    hits = [k for k, text in enumerate(texts) if text in capitalised]
    rules = actor_rules()
    if not any(_may_trigger(texts, k, rules) for k in hits):  # most hits: "John", "Green" alone
        return tuple(mentions)
    covered = {k for m in mentions for k in range(m.token_start, m.token_end)}
    # the first tokens of person mentions: a capitalised word right before one is its first name
    person_starts = {m.token_start for m in mentions if registry[m.actor_id].kind == "person"}
    starts = doc.sentence_token_ranges
    firsts = [first for first, _stop in starts]
    sentence_of = {k: bisect_right(firsts, k) - 1 for k in hits}
    states: set[str] | None = None
    named_in_full = {tokens[m.token_end - 1].text for m in mentions if m.token_end - m.token_start >= 2}
    if context is not None:
        named_in_full |= set(context.surnames)
    resolved: dict[str, tuple[str, int]] = {}  # surname -> (person id, token of the first resolved use)
    other_names: set[str] = set()  # surnames the text uses in a longer unknown name ("Jim Kelly")
    name_words: dict[str, tuple[frozenset[str], int]] | None = None  # (computed when needed)
    candidates: list[int] = []
    for k in hits:
        token = tokens[k]
        if k in covered or token.text in named_in_full or not _titlecase_or_name(token.text):
            continue
        first, stop = starts[sentence_of[k]]
        before = tokens[k - 1] if k - 1 >= first else None
        after = tokens[k + 1] if k + 1 < stop else None
        if _cleric_before(tokens, k, first):
            other_names.add(token.text)  # "Cardinal Burke": a cleric
            continue
        if k + 1 in person_starts and after is not None and _adjacent(doc, token, after):
            continue  # "Secretary Michael Pompeo": a given name, not Alun Michael
        if after is not None and after.kind == "word" and after.text[:1].isupper() and k + 1 not in covered and _adjacent(doc, token, after):
            if after.lower not in rules.stopwords and after.lower not in rules.titles and after.lower not in rules.organs:
                other_names.add(token.text)  # "Kelly Ayotte": a first name
                continue
        if (
            before is not None
            and before.kind == "word"
            and before.text[:1].isupper()
            and k - 1 not in covered
            and _adjacent(doc, before, token)
            and before.lower.rstrip(".") not in rules.titles
            and before.lower not in rules.stopwords
            and before.lower not in rules.organs
            and not (k - 1 == first and is_common_word(before.text))  # "Later Sanders left"
        ):
            other_names.add(token.text)  # "Jim Kelly": someone else's surname
            continue
        candidates.append(k)
    for k in candidates:
        token = tokens[k]
        if token.text in other_names or token.text in resolved:
            continue
        owners = index[token.text]
        first, stop = starts[sentence_of[k]]
        offices = _title_before(tokens, k, first, rules.surname_titles)
        person = None
        if offices is not None:
            fitting = [i for i in owners if _office_fits(registry[i].office, offices)]
            if len(fitting) == 1:
                person = fitting[0]
        elif len(owners) == 1 and _speech_after(tokens, k, stop, rules.speech_verbs, rules.speech_between):
            if states is None:
                states = {_home(registry, m.actor_id) for m in mentions if m.actor_id != UNRESOLVED_INSTITUTION}
                if context is not None:
                    states |= context.states
            if _home(registry, owners[0]) in states or (
                _top_office(registry, owners[0]) and token.text.lower() not in rules.common_surnames
            ):  # a top office holder needs no state in the text, unless the surname is frequent
                person = owners[0]
            if person is not None:
                if name_words is None:
                    name_words = _name_words(doc, mentions, registry)
                if _word_of_another(name_words, token, person):
                    person = None  # "Ban Ki-moon ... Moon said": a word of Ban's name, not Moon Jae-in
        if person is not None:
            resolved[token.text] = (person, k)
    if not resolved:
        return tuple(mentions)
    added: list[Mention] = []
    for k in candidates:
        token = tokens[k]
        hit = resolved.get(token.text)
        if hit is None or k < hit[1] or token.text in other_names:
            continue
        possessive = k + 1 < len(tokens) and tokens[k + 1].lower in ("'s", "’s") and tokens[k + 1].start == token.end
        added.append(Mention(token.start, token.end, hit[0], token.text, "name", possessive, sentence_of[k], k, k + 1))
    return tuple(sorted([*mentions, *added], key=lambda m: m.start))


def _name_words(doc: Doc, mentions: Sequence[Mention], registry: ActorRegistry) -> dict[str, tuple[frozenset[str], int]]:
    """The words of the persons' names as the text writes them, capitalised: every word and every
    part of a hyphenated word of a person's mention ("Ban", "Ki", "Moon" of "Ban Ki-moon"), each
    with the persons whose mentions have it and the start of the first such mention."""
    found: dict[str, tuple[set[str], int]] = {}
    for m in mentions:
        if m.actor_id == UNRESOLVED_INSTITUTION or registry[m.actor_id].kind != "person":
            continue
        for part in _NAME_SPLIT.split(doc.text[m.start : m.end]):
            if len(part) < 2 or not part.isalpha():
                continue
            word = part[0].upper() + part[1:]
            ids, start = found.setdefault(word, (set(), m.start))
            ids.add(m.actor_id)
    return {word: (frozenset(ids), start) for word, (ids, start) in found.items()}


_NAME_SPLIT = re.compile(r"[\s\-‐‑–]+")


def _word_of_another(name_words: Mapping[str, tuple[frozenset[str], int]], token: Token, person: str) -> bool:
    """Token is a word of the name of another person than `person` that the text wrote before it
    ("Ban Ki-moon ... Moon said": the last part of Ban's given name; "Sarah Huckabee Sanders ...
    Huckabee said")."""
    hit = name_words.get(token.text)
    return hit is not None and hit[1] < token.start and person not in hit[0]


def _titlecase_or_name(text: str) -> bool:
    """Written as a name: a capital first and some lower-case letter after it ("Sanders",
    "McCarthy", "O'Rourke"; not "SANDERS" or "sanders")."""
    return text[:1].isupper() and any(c.islower() for c in text[1:])


def _office_fits(office: str | None, words: tuple[str, ...]) -> bool:
    """The person's office contains one of the title's office words, leaving out the office a
    post serves ("Principal Secretary to the Prime Minister" is no prime minister)."""
    if not office:
        return False
    office = _SERVES.sub("", office.lower())
    return any(word in office for word in words)


_SERVES = re.compile(r" (?:to|for) the [^(),;]*")


def _lower_case_titled(
    doc: Doc, mentions: Sequence[Mention], registry: ActorRegistry, index: Mapping[str, tuple[str, ...]], hits: Sequence[int]
) -> Sequence[Mention]:
    """Rule "titled surname" in a text written without any capital ("i think premier wynne...",
    "sen. sanders said"): only right after a fitting title of office (no speech verb: "wolf
    said" is too weak a sign without the capital)."""
    rules = actor_rules()
    tokens = doc.tokens
    last_words = _title_last_words(rules.surname_titles)
    titled = []
    for k in hits:  # most lower-case hits are ordinary words ("long", "wood"): no title before
        j = k - 1 if k and tokens[k - 1].text != "." else k - 2
        if j >= 0 and tokens[j].lower.rstrip(".") in last_words:
            titled.append(k)
    if not titled:
        return mentions
    hits = titled
    covered = {k for m in mentions for k in range(m.token_start, m.token_end)}
    added: list[Mention] = []
    for si, (first, stop) in enumerate(doc.sentence_token_ranges):
        for k in hits:
            if not first <= k < stop or k in covered:
                continue
            offices = _title_before(tokens, k, first, rules.surname_titles)
            if offices is None:
                continue
            after = tokens[k + 1] if k + 1 < stop else None
            if after is not None and after.kind == "word" and after.lower in index:
                continue  # "premier kathleen wynne": the given name is no surname
            fitting = [i for i in index[tokens[k].text] if _office_fits(registry[i].office, offices)]
            if len(fitting) == 1:
                token = tokens[k]
                possessive = after is not None and after.lower in ("'s", "’s") and after.start == token.end
                added.append(Mention(token.start, token.end, fitting[0], token.text, "name", possessive, si, k, k + 1))
    if not added:
        return mentions
    return tuple(sorted([*mentions, *added], key=lambda m: m.start))


# id of a rules table's titles -> (those titles, their last words); the entry holds the titles
# so that their id cannot be reused by another object while it is cached
_LAST_WORDS: dict[int, tuple[Mapping[str, tuple[str, ...]], frozenset[str]]] = {}


def _title_last_words(titles: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    """The last words of the titles of ``[surname_titles]`` ("state" of "secretary of state")."""
    known = _LAST_WORDS.get(id(titles))
    if known is None or known[0] is not titles:
        known = _LAST_WORDS[id(titles)] = (titles, frozenset(title.split()[-1] for title in titles))
    return known[1]


def _may_trigger(texts: Sequence[str], k: int, rules: Any) -> bool:
    """A quick test (token texts only) that token `k` may start the rule "titled surname": a
    title word before it or a speech verb after it."""
    j = k - 1 if k and texts[k - 1] != "." else k - 2
    if j >= 0 and texts[j].lower().rstrip(".") in _title_last_words(rules.surname_titles):
        return True
    n = len(texts)
    j = k + 1
    if j < n and texts[j].lower() in rules.speech_between:
        j += 1
    return j < n and texts[j].lower() in rules.speech_verbs


_NAME_PARTS: weakref.WeakKeyDictionary[ActorRegistry, dict[str, tuple[tuple[str, bool], ...]]] = weakref.WeakKeyDictionary()
_PART_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _name_parts(registry: ActorRegistry, actor_id: str) -> tuple[tuple[str, bool], ...]:
    """The single words of a person's written names that may stand for the person alone in a
    text that names them ("Bill", "Clinton" of "Bill Clinton"; "Francis" of "Pope Francis";
    "Malcolm" of "Malcolm Turnbull"): capitalised words of three or more letters of the display
    name and of the ``name`` aliases of two or more words, without titles, stop words, organs and
    suffixes ("Pope", "Jr"); each with whether it is the last word of one of those names (a
    surname, or the name after a title). For a person whose state writes the family name first
    only the family name counts ("Ban" of "Ban Ki Moon"; never "Moon", a syllable of the given
    name, written alone)."""
    cache = _NAME_PARTS.get(registry)
    if cache is None:
        cache = _NAME_PARTS[registry] = {}
    known = cache.get(actor_id)
    if known is None:
        actor = registry[actor_id]
        rules = actor_rules()
        parts: list[str] = []
        last: set[str] = set()
        name_first = actor_id in registry.family_name_first
        for text in [actor.name] + [a.text for a in actor.aliases if a.form == "name"]:
            words = text.split()
            if len(words) < 2:
                continue
            if name_first:  # "Ban Ki Moon", "Kim Jong Un": the family name alone, never a syllable of the given name
                words = words[:1]
            last.add(words[-1])
            for word in words:
                lower = word.lower().rstrip(".")
                if (
                    len(word) < 3
                    or not _titlecase_or_name(word)
                    or not word.replace("'", "").replace("’", "").replace("-", "").isalpha()
                    or lower in rules.titles
                    or lower in rules.clerical_titles
                    or lower in rules.stopwords
                    or lower in rules.organs
                    or lower in _PART_SUFFIXES
                    or word in parts
                ):
                    continue
                parts.append(word)
        known = cache[actor_id] = tuple((part, part in last) for part in parts)
    return known


def _partial_names(doc: Doc, mentions: Sequence[Mention], registry: ActorRegistry) -> tuple[Mention, ...]:
    """Rule "partial name": once a text names a registry person (by any alias, or a surname the
    other rules resolved), a later capitalised single word of that person's name standing alone
    is that person: the given name ("Bill Clinton ... Bill and Hillary", "Turnbull ... Malcolm")
    or a word of a name with a title ("Pope Francis ... Francis has said"). Within-text
    coreference: a writer who has introduced a person shortens the name. A given name in an
    earlier sentence than the person's first mention counts too ("I think Malcolm may try it.
    ... Turnbull"); not in the same sentence ("Donald (the loser) Trump") and not a surname
    (rule "surname" reads only forward). Left alone: a word two
    persons the text names share, a word after a clerical title or "St." ("St. Francis"), a word
    capitalised only because it opens a sentence or a Title Case line and is an ordinary English
    word ("Will", "Mark"), a word with a capitalised word
    right after it ("Bill Gates") or a capitalised name word right before it ("Robert Kennedy";
    then no use of the word in the text resolves: the text speaks of another person of that
    name too).

    Examples
    --------
    >>> from discourse.actors import find_mentions
    >>> text = "Bill Clinton spoke on trade. Later on, Bill and his wife met the press."
    >>> [(text[m.start:m.end], m.actor_id) for m in find_mentions(text)]
    [('Bill Clinton', 'bill_clinton'), ('Bill', 'bill_clinton')]
    """
    persons: dict[str, tuple[int, int]] = {}  # person id -> (end, sentence) of its first mention
    for m in mentions:
        if m.actor_id not in persons and m.actor_id != UNRESOLVED_INSTITUTION and registry[m.actor_id].kind == "person":
            persons[m.actor_id] = (m.end, m.sentence)
    if not persons:
        return tuple(mentions)
    owners: dict[str, str] = {}
    shared: set[str] = set()
    last_words: set[str] = set()
    for actor_id in persons:
        for part, last in _name_parts(registry, actor_id):
            if owners.setdefault(part, actor_id) != actor_id:
                shared.add(part)
            if last:
                last_words.add(part)
    texts = doc.token_columns.texts
    present = (owners.keys() & texts) - shared  # one pass in C
    if not present:  # the common case
        return tuple(mentions)
    covered = {k for m in mentions for k in range(m.token_start, m.token_end)}
    hits = []
    for word in present:  # tuple.index scans in C: faster than a loop over every token
        k = -1
        try:
            while True:
                k = texts.index(word, k + 1)
                if k not in covered:
                    hits.append(k)
        except ValueError:
            pass
    if not hits:  # most texts: the name words occur only inside the mentions themselves
        return tuple(mentions)
    hits.sort()
    rules = actor_rules()
    tokens = doc.tokens
    starts = doc.sentence_token_ranges
    firsts = [first for first, _stop in starts]
    other_names: set[str] = set()
    found: list[tuple[int, str, int]] = []  # (token, person, sentence)
    for k in hits:
        text = texts[k]
        person = owners[text]
        sentence = bisect_right(firsts, k) - 1
        first, stop = starts[sentence]
        token = tokens[k]
        before = tokens[k - 1] if k - 1 >= first else None
        if (
            before is not None
            and k - 1 not in covered
            and _titlecase_word(before)
            and _adjacent(doc, before, token)
            and before.lower.rstrip(".") not in rules.titles
            and before.lower not in rules.stopwords
            and before.lower not in rules.organs
            and not (k - 1 == first and is_common_word(before.text))  # "Similarly Bill and ..."
        ):
            other_names.add(text)  # "Robert Kennedy": another person of that name
            continue
        if _cleric_before(tokens, k, first):
            continue  # "St. Francis", "Father Brian": a saint or cleric of that name
        if token.start < persons[person][0] and (sentence >= persons[person][1] or text in last_words):
            # before the person's first mention: only a given name, and only in an earlier
            # sentence (not "[Mike] Pompeo", "Donald (...) Trump"; an earlier bare surname is left
            # to rule "surname", which reads only forward)
            continue
        if before is not None and k - 1 in covered and before.end == token.start - 1:
            continue  # "President Moon Jae-in": the rest of a name already found
        after = tokens[k + 1] if k + 1 < stop else None
        if (
            after is not None
            and after.text[:1].isupper()
            and _adjacent(doc, token, after)
            and after.lower not in rules.stopwords
        ):
            continue  # "Bill Gates", "George H.W. Bush", "the Kennedy Center"
        if is_common_word(text) and (k == first or _sentence_title_case(doc, sentence, starts)):
            continue  # "Will", "Mark" capitalised by position only
        found.append((k, person, sentence))
    added = []
    for k, person, sentence in found:
        token = tokens[k]
        if token.text in other_names:
            continue
        possessive = k + 1 < len(tokens) and tokens[k + 1].lower in ("'s", "’s") and tokens[k + 1].start == token.end
        added.append(Mention(token.start, token.end, person, token.text, "name", possessive, sentence, k, k + 1))
    if not added:
        return tuple(mentions)
    return tuple(sorted([*mentions, *added], key=lambda m: m.start))


def _sentence_title_case(doc: Doc, sentence: int, starts: Sequence[tuple[int, int]]) -> bool:
    """The sentence is a line in Title Case (a headline: any word may be capitalised)."""
    first, stop = starts[sentence]
    return is_title_case(doc, first, stop)


_TOP_OFFICE: weakref.WeakKeyDictionary[ActorRegistry, dict[str, bool]] = weakref.WeakKeyDictionary()
_TOP_OFFICE_RE = re.compile(r"(?:^|\()(?:President|Prime Minister|Chancellor) of (?:the )?([^(),;]+?)(?: \d{4}-\d{4})?(?:\)|$)")
_TOP_OFFICE_US = frozenset({"secretary of state", "speaker of the house of representatives"})


def _head_of_state(registry: ActorRegistry, actor_id: str) -> bool:
    """The person's ``office`` is head of state or government of their own state ("President of
    the United States", also a past office in parentheses)."""
    office = registry[actor_id].office
    if not office:
        return False
    home = registry[_home(registry, actor_id)]
    names = {home.name.lower()} | {a.text.lower() for a in home.aliases if a.form == "name"}
    return any(match.group(1).lower() in names for match in _TOP_OFFICE_RE.finditer(office))


def _top_office(registry: ActorRegistry, actor_id: str) -> bool:
    """Rule "derived surname": the person holds or held one of the top offices of a state of
    ``[top_office]`` (the major English-speaking democracies), so a writer may name them by
    surname alone without naming the state: head of state or government ("Prime Minister of
    Canada", also a past office in parentheses), or the US Secretary of State or Speaker of the
    House. The office must name the person's own state (not "President of the Treasury
    Board")."""
    cache = _TOP_OFFICE.get(registry)
    if cache is None:
        cache = _TOP_OFFICE[registry] = {}
    known = cache.get(actor_id)
    if known is None:
        home = _home(registry, actor_id)
        if home not in actor_rules().top_office_states:
            cache[actor_id] = False
            return False
        known = _head_of_state(registry, actor_id)
        if not known and home == "united_states":
            office = registry[actor_id].office or ""
            known = _SERVES.sub("", office.lower()).split(" (")[0] in _TOP_OFFICE_US
        cache[actor_id] = known
    return known


def _chamber_head(tokens: Sequence[Token], m: Mention, stop: int, by_token: Mapping[int, int], rules: Any) -> bool:
    """Rule "bare institution": a word that needs "the" ("House") is the chamber without it when
    it modifies a mention or a noun of parliamentary business right after it ("House Democrats",
    "40 House offices", "a House vote": ``heads`` of ``[bare_institutions]``). A following "of"
    or capitalised non-mention word makes a longer name instead ("House of Cards", "House
    Party")."""
    k = m.token_end
    if k >= stop or tokens[k].kind != "word":
        return False
    if k in by_token:
        return True  # "House Democrats", "House GOP"
    return tokens[k].text.islower() and tokens[k].lower in rules.bare_heads
