"""The fitted stance model's fast path: a mention's features summed into the logits as they are found.

:func:`discourse.actors.stance_features.target_features` lists a mention's features as
:class:`~discourse.actors.stance_features.Hit` records and
:meth:`~discourse.actors.stance_model.TargetSentimentModel.predict_spans` scores them: the
reference path, which fitting uses. :func:`score_mention` computes the *same* sums without the
records: it visits the features in the same order, adds the same weights in the same order (so the
floats are bit-identical) and looks each word's weights up once per sentence, for all its
positional families at once (:class:`WordRows`). ``tests/test_stance_scoring.py`` checks the two
paths against each other on many texts.

Irony flips (praise inside an ironic stretch counts as blame) are rare; a mention with any goes
the reference path.

Examples
--------
>>> from discourse.text import Doc
>>> from discourse.actors.stance_features import sentence_facts, target_features
>>> from discourse.actors.stance_model import default_model
>>> doc, model = Doc("Critics slammed Smith."), default_model()
>>> facts = sentence_facts(doc, 0)
>>> fast = score_mention(model, doc, facts, word_rows(model).rows(facts), 2, 3)
>>> fast == model.predict_spans(target_features(doc, 0, 2, 3, facts=facts, settings=model.settings))[:4]
True
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from discourse.actors.stance_features import (
    _BAG_REACH,
    _BUCKET,
    _PRONOUNS,
    _REACH,
    _SV_REACH,
    _STOP_NP,
    _NO_INSULTS,
    _Window,
    NAME_FORM,
    TOKEN_PREFIXES,
    SentenceFacts,
    role_note,
)
from discourse.text import Doc

__all__ = ["WordRows", "word_rows", "score_mention"]

_CLASSES = ("negative", "neutral", "positive")
# distance -> index of the L / R family in a word's row
_LEFT = tuple(int(b) - 1 if b else -1 for b in _BUCKET)
_RIGHT = tuple(int(b) + 3 if b else -1 for b in _BUCKET)
_BAG = len(TOKEN_PREFIXES) - 1
_NO_WEIGHTS: tuple[None, ...] = (None,) * len(TOKEN_PREFIXES)  # a word none of whose features has a weight


class WordRows:
    """A model's weights by word: for the tail ``|<scope><word>`` of a token's feature names, the
    entry ``(w_neg, w_neu, w_pos, w_pos - w_neg, name)`` of each family of :data:`TOKEN_PREFIXES`
    (``None`` where the feature has no weight). Memoised per tail (bounded).

    Examples
    --------
    >>> from discourse.actors.stance_model import default_model
    >>> rows = word_rows(default_model())
    >>> rows.row("|slammed")[0][4]
    'L1|slammed'
    """

    def __init__(self, weights: dict[str, Sequence[float]]) -> None:
        self.entries: dict[str, tuple[float, float, float, float, str]] = {
            name: (w[0], w[1], w[2], w[2] - w[0], name) for name, w in weights.items()
        }
        self._memo: dict[str, tuple[Any, ...]] = {}
        # the ``ins|`` entries by clause relation (index as the clause families, minus 8)
        self.insults = tuple(self.entries.get("ins|" + prefix) for prefix in TOKEN_PREFIXES[8:16])

    def row(self, tail: str) -> tuple[Any, ...]:
        """The entries of ``prefix + tail`` for every prefix (:data:`_NO_WEIGHTS` if none has one)."""
        row = self._memo.get(tail)
        if row is None:
            get = self.entries.get
            row = tuple([get(prefix + tail) for prefix in TOKEN_PREFIXES])
            if not any(row):
                row = _NO_WEIGHTS
            if len(self._memo) > 200_000:  # bounded: an open vocabulary
                self._memo.clear()
            self._memo[tail] = row
        return row

    def rows(self, facts: SentenceFacts) -> list[tuple[Any, ...] | None]:
        """The row of every token of a sentence (``None``: no features, e.g. punctuation)."""
        memo, row = self._memo, self.row
        out: list[tuple[Any, ...] | None] = []
        for tail in facts.suffix:
            if not tail:
                out.append(None)
                continue
            found = memo.get(tail)
            out.append(found if found is not None else row(tail))
        return out


def word_rows(model: Any) -> WordRows:
    """The :class:`WordRows` of a :class:`~discourse.actors.stance_model.TargetSentimentModel`
    (built once per model).

    Examples
    --------
    >>> from discourse.actors.stance_model import default_model
    >>> word_rows(default_model()) is word_rows(default_model())
    True
    """
    rows = model.__dict__.get("word_rows_")
    if rows is None:
        rows = model.__dict__["word_rows_"] = WordRows(model.weights)
    return rows


def score_mention(
    model: Any,
    doc: Doc,
    facts: SentenceFacts,
    rows: Sequence[tuple[Any, ...] | None],
    t0: int,
    t1: int,
    others: Sequence[tuple[int, int]] = (),
    rule_cues: Sequence[Sequence[Any]] = (),
    sentence_cues: Sequence[Sequence[Any]] = (),
) -> tuple[str, float, float, dict[tuple[int, int], list[Any]]]:
    """Label, score, raw and the per-span terms of the target at tokens ``[t0, t1)``: the first
    four values of ``model.predict_spans(target_features(...))`` without irony flips, computed
    without feature records (see the module notes). `rows` are ``word_rows(model).rows(facts)``.

    Examples
    --------
    >>> from discourse.actors.stance_model import default_model
    >>> from discourse.actors.stance_features import sentence_facts
    >>> doc, model = Doc("Critics slammed Smith."), default_model()
    >>> facts = sentence_facts(doc, 0)
    >>> label, score, raw, spans = score_mention(model, doc, facts, word_rows(model).rows(facts), 2, 3)
    >>> (8, 15) in spans, spans[(8, 15)][1]
    (True, 'L1|slammed')
    """
    entries = word_rows(model).entries
    settings = model.settings
    zn, zu, zp = model.intercept
    spans: dict[tuple[int, int], list[Any]] = {}
    first, stop = facts.first, facts.stop
    a, b = t0 - first, t1 - first
    n = stop - first
    if not (a < 0 or b > n or a >= b):
        tokens = doc.tokens
        words, scope, clause, quoted = facts.words, facts.scope, facts.clause, facts.quoted
        keys = facts.spans
        insult = facts.insult if settings.get("insults", True) else _NO_INSULTS
        insults = word_rows(model).insults
        # Other entities, as target_features finds them.
        lo, hi = max(0, a - _BAG_REACH), min(n, b + _BAG_REACH)
        other_at = [False] * n if n <= 4 * _BAG_REACH else _Window()
        for o0, o1 in others:
            for k in range(max(o0 - first, lo), min(o1 - first, hi)):
                if not a <= k < b:
                    other_at[k] = True
        proper_at = facts.proper_at
        for k in proper_at[bisect_left(proper_at, lo) : bisect_left(proper_at, hi)]:
            if not a <= k < b:
                other_at[k] = True
        target_quoted = quoted[a]
        target_clause = clause[a]
        low, high = max(0, a - _REACH), min(n, b + _REACH)
        # Each fired feature with a weight: z += w (x = 1), and its term w_pos - w_neg on its span.
        # The window tokens' spans are new keys (each token is visited once, the dict starts
        # empty); a token's terms are summed in the order the reference adds them.
        # Left of the target (walking away from it), then right; an entity between a word and
        # the target (seen_other) is reset at the target.
        # (distance buckets: _LEFT[a - k] on the left, _RIGHT[k - b + 1] on the right)
        sides = ((range(a - 1, low - 1, -1), _LEFT, -1, a), (range(b, high), _RIGHT, 1, 1 - b))
        for side, positions, sign, offset in sides:
            seen_other = 0
            for k in side:
                if other_at[k]:
                    seen_other = 1
                    continue
                row = rows[k]
                if row is None or (row is _NO_WEIGHTS and not insult[k]):
                    continue
                c = (4 if clause[k] != target_clause else 0) + (2 if quoted[k] and not target_quoted else 0) + seen_other
                e = row[positions[sign * k + offset]]
                f = row[8 + c]
                if e is not None:
                    zn += e[0]
                    zu += e[1]
                    zp += e[2]
                    if f is not None:
                        zn += f[0]
                        zu += f[1]
                        zp += f[2]
                        entry = [e[3] + f[3], e[4], f[4]]
                    else:
                        entry = [e[3], e[4]]
                elif f is not None:
                    zn += f[0]
                    zu += f[1]
                    zp += f[2]
                    entry = [f[3], f[4]]
                else:
                    entry = None
                if insult[k]:
                    g = insults[c]
                    if g is not None:
                        zn += g[0]
                        zu += g[1]
                        zp += g[2]
                        if entry is None:
                            entry = [g[3], g[4]]
                        else:
                            entry[0] += g[3]
                            entry.append(g[4])
                if entry is not None:
                    spans[keys[k]] = entry
        # The sentence bag, in token order: tokens of the window may have an entry already, the
        # others not (the target's own tokens have none).
        for k0, k1, inside in ((lo, low, False), (low, a, True), (b, high, True), (high, hi, False)):
            for k in range(k0, k1):
                row = rows[k]
                if row is None or row is _NO_WEIGHTS or other_at[k]:
                    continue
                e = row[_BAG]
                if e is not None:
                    zn += e[0]
                    zu += e[1]
                    zp += e[2]
                    if inside:
                        entry = spans.get(keys[k])
                        if entry is not None:
                            entry[0] += e[3]
                            entry.append(e[4])
                            continue
                    spans[keys[k]] = [e[3], e[4]]
        # The remaining families: few per mention, looked up by name as target_features names them.
        named: list[tuple[str, int, int]] = []
        push = named.append
        if settings.get("bigrams", True):
            for k in list(range(max(0, a - 4), a - 1)) + list(range(b, min(n - 1, b + 3))):
                w1, w2 = words[k], words[k + 1]
                if not w1 or not w2 or other_at[k] or other_at[k + 1]:
                    continue
                push((f"b{'L' if k < a else 'R'}n|{w1}_{w2}", tokens[first + k][0], tokens[first + k + 1][1]))
        form = words[a] if b - a == 1 and words[a] in _PRONOUNS else NAME_FORM
        push((f"t|{form}", tokens[t0][0], tokens[t1 - 1][1]))
        k = a - 1
        while k >= 0 and a - k <= 3 and facts.modifier[k] and words[k] not in _STOP_NP and not other_at[k]:
            push((f"np|{words[k]}", *keys[k]))
            k -= 1
        if b < n and words[b] in ("'s", "'"):
            k = b + 1
            while k < n and k <= b + 3 and words[k]:
                if not facts.verb[k] and tokens[first + k][4] == "word":
                    push((f"poss|{words[k]}", *keys[k]))
                if k + 1 < n and not words[k + 1]:
                    break
                k += 1
        verb = facts.verb
        left = next((k for k in range(a - 1, max(-1, a - 9), -1) if verb[k] and clause[k] == target_clause), None)
        right = next((k for k in range(b, min(n, b + 8)) if verb[k] and clause[k] == target_clause), None)
        verb_k, role = None, ""
        if right is not None and left is None:
            verb_k, role = right, ("P" if facts.passive[right] else "A")
        elif left is not None:
            by = a > 0 and words[a - 1] == "by"
            verb_k, role = left, ("A" if by and facts.passive[left] else "P")
        if verb_k is not None:
            push((f"{role}|{scope[verb_k]}{words[verb_k]}", *keys[verb_k]))
            push((f"role|{role}", *keys[verb_k]))
        if facts.question:
            push(("qs|?", *keys[n - 1]))
        for name, start, end in named:
            e = entries.get(name)
            if e is not None:
                zn += e[0]
                zu += e[1]
                zp += e[2]
                entry = spans.get((start, end))
                if entry is None:
                    spans[(start, end)] = [e[3], name]
                else:
                    entry[0] += e[3]
                    entry.append(name)
        if settings.get("lexicon", True):
            valued: list[tuple[str, float, int, int]] = []
            for cue in rule_cues:
                contribution = cue[5]
                if contribution:
                    valued.append((f"lex|{cue[6]}|{role_note(cue[7])}", float(contribution), cue[1], cue[2]))
            cues = sentence_cues if isinstance(sentence_cues, (list, tuple)) else list(sentence_cues)
            k0, k1 = t0 - _SV_REACH, t1 + _SV_REACH
            for cue in cues[bisect_left(cues, k0, key=_CUE_K) : bisect_left(cues, k1, key=_CUE_K)]:
                value = cue[5]
                if value:
                    valued.append((f"sv|{cue[7]}", float(value), cue[2], cue[3]))
            for name, x, start, end in valued:
                e = entries.get(name)
                if e is not None:
                    zn += e[0] * x
                    zu += e[1] * x
                    zp += e[2] * x
                    entry = spans.get((start, end))
                    if entry is None:
                        spans[(start, end)] = [e[3] * x, name]
                    else:
                        entry[0] += e[3] * x
                        entry.append(name)
    top = max(zn, zu, zp)
    en, eu, ep = math.exp(zn - top), math.exp(zu - top), math.exp(zp - top)
    total = en + eu + ep
    on, ou, op = model.offsets
    adjusted = (zn + on, zu + ou, zp + op)
    return _CLASSES[adjusted.index(max(adjusted))], (ep - en) / total, zp - zn, spans


def _cue_k(cue: Sequence[Any]) -> int:
    return cue[0]


_CUE_K = _cue_k
