"""``negation_flipped``: the polarity of a claim reversed in an aligned sentence.

NegEx-style (methods §4.1, §5.3): triggers from ``negators.txt`` (not, never, no,
without, n't, failed to, denied that; не, ні, ни, нет, немає, без, ніхто, никогда ...),
minus the pseudo-negations of ``pseudo_negations.txt`` (not only, no doubt, не виключено,
не менее ...) and two rules in code: concessive ``що б не`` / ``кто бы ни`` (б, би or бы
before не or ни) and ``No. 5``. Matching is by whole token, so fused prefixes
(``небольшой``, ``невеликий``) are never triggers.

A trigger present on one side only is a flip when three things hold:

1. it governs a word both versions share: the first content word after it ("did not
   *advance*" / "*advanced*"), or before it for existentials and n-words ("*втрат*
   немає"); a trigger that governs only new words sits in an added clause ("…, but no
   losses were reported") and negates nothing that was there;
2. its clause and the clause holding that shared word on the other side differ in the
   parity of their negations: two negators cancel (``не можемо не``), an n-word agrees with
   a Ukrainian or Russian particle instead of adding to it (``ніхто не постраждав``), and
   "neither … nor" is one negation; so ``never`` -> ``not`` or ``не`` -> ``ніхто не`` keeps
   the polarity;
3. the changed clause as a whole changes parity as well, so a negation moved to another
   word ("None of them solve" -> "they do not solve") is not a flip.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from revforensics.detect._common import lexicon_words, make_finding
from revforensics.detect._cues import (
    Changes,
    Cue,
    Group,
    clause_of,
    find_cues,
    groups,
    is_strong_boundary,
    trim_punct,
)
from revforensics.detect._text import quote
from revforensics.findings import Evidence, Finding, FindingKind
from revforensics.pair import AlignedPair
from revforensics.tokenize import Token

__all__ = ["detect_negation"]

_CONCESSIVE_BEFORE = frozenset({"б", "би", "бы"})
_CONCESSIVE_NEGATORS = frozenset({"не", "ни"})
_FORWARD_ONLY = frozenset({"determiner", "implicative", "denial"})
""""without losses", "failed to capture", "denied that": the scope is what follows."""
_BOTH_WAYS = frozenset({"existential", "nword"})
""""втрат немає", "found nothing": the scope may stand before the trigger."""
GARBLED_RUN = 12
"""The longest replaced run searched for a garbled copy of a negator (donâ € ™ t)."""
_MOJIBAKE = frozenset("âÃÂÐÑ\ufffd")
"""Letters that UTF-8 read as Latin-1 leaves behind (don’t -> donâ€™t)."""
_AUXILIARY_STEMS = frozenset(
    {"do", "does", "did", "is", "was", "are", "were", "has", "have", "had", "could", "would"}
    | {"should", "must", "need", "dare", "might", "ca", "wo", "sha"}
)
"""Verbs whose ``…'t`` form is a negative contraction even when misspelled (does't)."""


class _Negator(NamedTuple):
    lo: int
    hi: int
    entry: str
    kind: str
    """The trigger type from ``negators.txt``: particle, determiner, existential, nword,
    implicative or denial."""


def _negators(tokens: Sequence[Token]) -> tuple[list[_Negator], set[int]]:
    """Triggers in ``tokens`` and the token indices covered by pseudo-negations."""
    masked: set[int] = set()
    for cue in find_cues(tokens, "pseudo_negations", two_column=False):
        masked.update(range(cue.lo, cue.hi))
    found: list[_Negator] = []
    covered: set[int] = set()
    for cue in find_cues(tokens, "negators"):
        if any(k in masked for k in range(cue.lo, cue.hi)) or _is_false(tokens, cue):
            continue
        found.append(_Negator(cue.lo, cue.hi, cue.entry, cue.value))
        covered.update(range(cue.lo, cue.hi))
    taken = masked | covered
    for k, token in enumerate(tokens):
        # didn't, won't, can't: one token whose key ends in n't (or does't, a misspelling).
        if token.kind == "word" and k not in taken and _is_contraction(token.key):
            found.append(_Negator(k, k + 1, token.key, "particle"))
    found.sort()
    return found, masked


def _is_contraction(key: str) -> bool:
    if key.endswith("n't"):
        return True  # also a lone "n't" from text tokenized as "have n't"
    return key.endswith("'t") and key[:-2] in _AUXILIARY_STEMS


def _is_false(tokens: Sequence[Token], cue: Cue) -> bool:
    """Concessive "що б не", "кто бы ни"; the abbreviation "No. 5" or "No 5"."""
    key = tokens[cue.lo].key
    if key in _CONCESSIVE_NEGATORS and cue.lo > 0:
        return tokens[cue.lo - 1].key in _CONCESSIVE_BEFORE
    if key == "no" and cue.hi == cue.lo + 1 and cue.hi < len(tokens):
        nxt = tokens[cue.hi]
        return nxt.kind == "number" or nxt.key in {".", "#", "№"}
    return False


def _is_cyrillic(entry: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in entry)


def _strong_region(tokens: Sequence[Token], lo: int, hi: int) -> tuple[int, int]:
    start = lo
    while start > 0 and not is_strong_boundary(tokens[start - 1]):
        start -= 1
    end = hi
    while end < len(tokens) and not is_strong_boundary(tokens[end]):
        end += 1
    return start, end


def _units(tokens: Sequence[Token], negators: list[_Negator], region: tuple[int, int]) -> int:
    """How many negations a clause holds, with negative concord and "neither ... nor"."""
    lo, hi = region
    inside = [n for n in negators if lo <= n.lo and n.hi <= hi]
    anchors = [n for n in inside if n.kind != "nword"]
    slavic = [n for n in inside if n.kind == "nword" and _is_cyrillic(n.entry)]
    english = [n for n in inside if n.kind == "nword" and not _is_cyrillic(n.entry)]
    units = len(anchors)
    # "neither ... nor" and "not ... nor" are one negation.
    nor = [n for n in english if n.entry == "nor"]
    units += len(english) - len(nor)
    if nor and units == 0:
        units = 1
    if slavic and not anchors:
        # "ніхто не постраждав", "не було ні світла, ні води": the n-words agree with a
        # particle of the sentence; alone ("жодних втрат") they are one negation.
        s_lo, s_hi = _strong_region(tokens, lo, hi)
        agrees = any(s_lo <= n.lo and n.hi <= s_hi and n.kind != "nword" for n in negators)
        units += 0 if agrees else 1
    return units


class _Side(NamedTuple):
    name: str
    tokens: Sequence[Token]
    negators: list[_Negator]
    skip: set[int]
    """Token indices of triggers and pseudo-negations: never a governed word."""


def _side(name: str, tokens: Sequence[Token]) -> _Side:
    found, masked = _negators(tokens)
    return _Side(name, tokens, found, masked | {k for n in found for k in range(n.lo, n.hi)})


def _governed(changes: Changes, side: _Side, negator: _Negator) -> int | None:
    """The shared word a trigger governs, if any.

    A trigger that governs only added or removed words ("…, but no losses were reported")
    sits in a new or deleted clause and negates nothing that was there before.
    """
    return changes.governed(
        side.name,
        negator.lo,
        negator.hi,
        side.skip,
        backward=negator.kind in _BOTH_WAYS,
        fallback=negator.kind not in _FORWARD_ONLY,
        moved=True,
    )


def _garbled(changes: Changes, side: _Side, negator: _Negator) -> bool:
    """Whether the trigger's counterpart is the same word with broken encoding (donâ€™t)."""
    hunk = changes.hunk(side.name, negator.lo)
    if hunk is None or max(hunk.i2 - hunk.i1, hunk.j2 - hunk.j1) > GARBLED_RUN:
        return False
    other = changes.tokens("new" if side.name == "old" else "old")
    lo, hi = (hunk.j1, hunk.j2) if side.name == "old" else (hunk.i1, hunk.i2)
    twins = other[lo:hi]
    start = side.tokens[negator.lo].text[:2].casefold()
    return any(c in _MOJIBAKE for t in twins for c in t.text) and any(
        t.text[:2].casefold() == start for t in twins
    )


def _cancel(old: list[_Negator], new: list[_Negator]) -> tuple[list[_Negator], list[_Negator]]:
    both = Counter(n.entry for n in old) & Counter(n.entry for n in new)
    out: list[list[_Negator]] = []
    for items in (old, new):
        left = Counter(both)
        keep = []
        for item in items:
            if left[item.entry] > 0:
                left[item.entry] -= 1
            else:
                keep.append(item)
        out.append(keep)
    return out[0], out[1]


def _in(negators: list[_Negator], region: tuple[int, int]) -> list[_Negator]:
    return [n for n in negators if region[0] <= n.lo and n.hi <= region[1]]


def _reverses(changes: Changes, sides: dict[str, _Side], name: str, negator: _Negator) -> bool:
    """Whether the clause of a changed trigger and its counterpart differ in polarity.

    The trigger's governed word is found on the other side, and the polarity of the clause
    holding it there is compared with the trigger's own clause: "did not advance" against
    "advanced", but also "cannot and does not promise" against "does not promise", where
    the other clause keeps a negation of its own.
    """
    side = sides[name]
    other = sides["new" if name == "old" else "old"]
    head = _governed(changes, side, negator)
    if head is None:
        return False
    twin = changes.counterpart(name, head)
    if twin is None:
        twin = _moved_twin(side, other, head)
    if twin is None:
        return False
    mine = clause_of(side.tokens, negator.lo, side.skip)
    theirs = clause_of(other.tokens, twin, other.skip)
    return (
        _units(side.tokens, side.negators, mine) % 2
        != _units(other.tokens, other.negators, theirs) % 2
    )


def _moved_twin(side: _Side, other: _Side, head: int) -> int | None:
    """The governed word's copy on the other side when the sentence was reordered.

    "Ознак … не виявлено" -> "Виявлено ознаки …": the diff keeps the verb at one end and
    rewrites the other, so it has no counterpart there. The one other-side word of the same
    key, outside any negator, is its copy; two or more, and nothing is claimed.
    """
    key = side.tokens[head].key
    found = [
        j
        for j, token in enumerate(other.tokens)
        if token.kind == "word" and token.key == key and j not in other.skip
    ]
    return found[0] if len(found) == 1 else None


def _flip(
    pair: AlignedPair, changes: Changes, group: Group, old: _Side, new: _Side
) -> Finding | None:
    changed_old = [n for n in _in(old.negators, group.old) if changes.changed("old", n.lo, n.hi)]
    changed_new = [n for n in _in(new.negators, group.new) if changes.changed("new", n.lo, n.hi)]
    # Triggers changed on both sides with the same entry were moved or re-typed, not added.
    gone, came = _cancel(changed_old, changed_new)
    sides = {"old": old, "new": new}
    gone = [
        n for n in gone if not _garbled(changes, old, n) and _reverses(changes, sides, "old", n)
    ]
    came = [
        n for n in came if not _garbled(changes, new, n) and _reverses(changes, sides, "new", n)
    ]
    if not gone and not came:
        return None
    # The clause as a whole must change polarity too: "None of them solve" -> "they do not
    # solve", or "neither chosen by A nor by B" -> "not in either A or B", moves a negation
    # without reversing the claim.
    if (
        _units(old.tokens, old.negators, group.old) % 2
        == _units(new.tokens, new.negators, group.new) % 2
    ):
        return None
    evidence: list[Evidence] = []
    for side, items, span_of in (("old", gone, pair.old_span), ("new", came, pair.new_span)):
        evidence += [
            Evidence("negator", side, span_of(n.lo, n.hi), f"{n.entry} ({n.kind})") for n in items
        ]
    old_span = pair.old_span(gone[0].lo, gone[-1].hi) if gone else changes.caret("old", came[0].lo)
    new_span = pair.new_span(came[0].lo, came[-1].hi) if came else changes.caret("new", gone[0].lo)
    # The clause quoted is the one that holds the negator (the new one when both do).
    where, first, span_of = (new, came[0], pair.new_span) if came else (old, gone[0], pair.old_span)
    clause = span_of(*trim_punct(where.tokens, *clause_of(where.tokens, first.lo, where.skip)))
    evidence.append(Evidence("context", where.name, clause))
    if gone and came:
        detail = f"{quote(old_span.text)} became {quote(new_span.text)} in {quote(clause.text)}"
        rule = "negation.negator_replaced"
    elif came:
        detail = f"{quote(new_span.text)} was added to {quote(clause.text)}"
        rule = "negation.negator_added"
    else:
        detail = f"{quote(old_span.text)} was removed from {quote(clause.text)}"
        rule = "negation.negator_removed"
    return make_finding(
        pair,
        FindingKind.NEGATION_FLIPPED,
        rule=rule,
        old=old_span,
        new=new_span,
        evidence=evidence,
        explanation=f"Polarity reversed: {detail}.",
    )


def detect_negation(pair: AlignedPair) -> Iterator[Finding]:
    """Find claims whose polarity was reversed by adding or removing a negator.

    Example:
        >>> import revforensics as rf
        >>> cmp = rf.compare("Units did not advance near Siversk.", "Units advanced near Siversk.")
        >>> [f.explanation for f in cmp.findings if f.kind.value == "negation_flipped"]
        ['Polarity reversed: “not” was removed from “Units did not advance near Siversk”.']

    .. versionadded:: 0.1
    """
    if not pair.old_tokens or not pair.new_tokens:
        return  # a whole sentence removed or added: the assertion detector reports it
    words = lexicon_words("negators", "pseudo_negations")
    if not any(t.key in words or t.key.endswith("n't") for t in pair.changed_tokens):
        return  # a flip needs a negator to come, go or change
    changes = Changes.of(pair)
    if not changes.hunks:
        return
    old = _side("old", pair.old_tokens)
    new = _side("new", pair.new_tokens)
    if not old.negators and not new.negators:
        return
    keep_old = {k for n in old.negators for k in range(n.lo + 1, n.hi)}
    keep_new = {k for n in new.negators for k in range(n.lo + 1, n.hi)}
    for group in groups(pair, keep_old, keep_new):
        finding = _flip(pair, changes, group, old, new)
        if finding is not None:
            yield finding
