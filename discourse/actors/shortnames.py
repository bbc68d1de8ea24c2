"""Context rule "outlet short name": a news outlet named by its short name ("the Globe").

Readers call The Globe and Mail "the Globe" (the SFU comments are its readers'; so are many Civil
Comments). The short name alone is also the planet ("around the Globe") and other papers' (the
Boston Globe), so it is no alias. This rule adds the mention where the text makes the outlet
clear (see ``docs/guide/actors.md``, "Context rules"): a short name of ``[outlet_short_names]``
of ``actor_rules.toml``, written as listed (capitalised),

* right after "the" (or "The"), the "the" not after *around*, *across*, *over*, *throughout*
  ("around the Globe", "all over the Globe": the planet);
* not before a capitalised word ("the Globe Theatre") nor inside a mention;
* in a text with a word of news work (``words``: *article*, *editorial*, *columnist*, *paper*,
  *published*, *readers*, *commenters*, *censored*...);
* in a text that names no other outlet whose name ends in the short name (after *the Boston
  Globe*, *the Globe* is that paper).

Examples
--------
>>> from discourse.actors import ActorRegistry
>>> from discourse.text import Doc
>>> reg = ActorRegistry.default()
>>> text = "Why does the Globe publish such trash? It is a hot day around the Globe."
>>> [(text[m.start:m.end], m.actor_id) for m in reg.find(Doc(text))]
[('Globe', 'globe_and_mail')]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from discourse.actors.matching import Mention
from discourse.actors.rules import actor_rules
from discourse.text import Doc

if TYPE_CHECKING:  # pragma: no cover
    from discourse.actors.registry import ActorRegistry

__all__ = ["outlet_short_names"]

# "the" after these is the planet: "around the Globe", "all over the Globe" ("in the Globe" and
# "at the Globe" are as often the paper: "an article in the Globe", "writing at the Globe")
_PLACE_BEFORE = frozenset({"around", "round", "across", "over", "throughout", "within", "circle", "circled", "circling"})


def outlet_short_names(doc: Doc, mentions: Sequence[Mention], registry: ActorRegistry) -> tuple[Mention, ...]:
    """`mentions` with the outlets named by a short name added (rule "outlet short name").

    Parameters
    ----------
    doc : Doc
    mentions : sequence of Mention
        The mentions after the other context rules, in text order.
    registry : ActorRegistry
        Short names whose actor the registry lacks are skipped.

    Returns
    -------
    tuple of Mention
        In text order.
    """
    rules = actor_rules()
    names = rules.outlet_short_names
    text = doc.text
    for name in names:
        if name in text:
            break
    else:
        return tuple(mentions)  # the common case: no short name in the text (a substring test: fast)
    texts = doc.token_columns.texts
    lowers = doc.token_columns.lowers
    if rules.outlet_words.isdisjoint(lowers):
        return tuple(mentions)  # nothing in the text says it is about news
    tokens = doc.tokens
    covered = {k for m in mentions for k in range(m.token_start, m.token_end)}
    others = {m.alias.rsplit(None, 1)[-1] for m in mentions if " " in m.alias}  # "Boston Globe" -> "Globe"
    added: list[Mention] = []
    firsts = [first for first, _ in doc.sentence_token_ranges]
    for k, word in enumerate(texts):
        actor_id = names.get(word)
        if actor_id is None or k in covered or actor_id not in registry or k == 0 or lowers[k - 1] != "the":
            continue
        if word in others and any(m.alias.endswith(" " + word) and m.actor_id != actor_id for m in mentions):
            continue  # "the Boston Globe ... the Globe": that paper
        if k >= 2 and lowers[k - 2] in _PLACE_BEFORE:
            continue  # "around the Globe": the planet
        if k + 1 < len(tokens) and tokens[k + 1].kind == "word" and tokens[k + 1].text[:1].isupper():
            continue  # "the Globe Theatre": a longer name
        token = tokens[k]
        possessive = k + 1 < len(tokens) and tokens[k + 1].start == token.end and lowers[k + 1] in ("'s", "\u2019s")
        sentence = bisect_right(firsts, k) - 1
        added.append(Mention(token.start, token.end, actor_id, word, "name", possessive, sentence, k, k + 1))
    if not added:
        return tuple(mentions)
    return tuple(sorted([*mentions, *added], key=lambda m: (m.start, m.end)))
