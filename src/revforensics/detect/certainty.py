"""``softened`` and ``strengthened``: a claim's certainty lowered or raised in place.

Certainty cues come from two lists (methods §3.2-3.3). ``certainty.txt`` scores hedges
(reportedly, нібито, не исключено), boosters (clearly, безумовно), modals (will/must >
should > may) and reporting verbs by commitment (confirmed > said > reported > claimed >
alleged) on a scale from -1 to +1, where 0 is a plain assertion. ``intensity.txt`` ranks
event verbs on scales (destroyed > damaged > hit; killed > wounded; captured > entered >
approached).

For each clause touched by the word diff, the certainty score of each side is the sum of
its cues' scores, and ``c = (1 + score) / 2``; a move along an intensity scale adds 0.1 per
rank. A change fires only when a cue sits inside a changed hunk, which keeps precision
high: unchanged hedges cancel out. Who said it is the attribution detector's business: a
reporting verb added or removed alone (a source appears or disappears) is left to it, and
only a verb replaced by another cue (``confirmed`` to ``claimed``) counts here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from revforensics.detect._common import changes_any_of, lexicon_words, make_finding
from revforensics.detect._cues import Changes, Cue, Group, find_cues, groups
from revforensics.detect._text import quote
from revforensics.findings import Evidence, Finding, FindingKind
from revforensics.model import Span
from revforensics.pair import AlignedPair
from revforensics.tokenize import Token

__all__ = ["detect_certainty"]

MIN_SCORE_CHANGE = 0.15
"""A net score change smaller than this (``confirmed`` to ``acknowledged``, 0.1) is a
near-synonym, not a change of certainty."""
RANK_STEP = 0.1
"""Certainty change per rank moved along an intensity scale (destroyed to damaged: 0.1)."""
_EPSILON = 1e-9

# Cue words that are often something else; checked against their neighbours.
_MODAL_NOUN_BEFORE = frozenset(
    {"the", "a", "his", "her", "their", "its", "our", "my", "your", "political", "good", "own"}
    | {"free", "ill", "of", "last", "popular", "people's"}
)
_SENTENCE_OPENERS = frozenset({".", "!", "?", '"', "(", ":", "-", "<list>"})


class _Scored(NamedTuple):
    """A cue with its parsed value."""

    cue: Cue
    category: str
    """``hedge``, ``booster``, ``modal``, ``report`` or ``intensity``."""
    score: float
    """Certainty score, or the rank on an intensity scale."""
    scale: str
    """The intensity scale; empty for certainty cues."""


def _is_false_cue(tokens: Sequence[Token], cue: Cue) -> bool:
    """Reject look-alike uses: the month May, the noun will, "the most", "some 200"."""
    token = tokens[cue.lo]
    prev = tokens[cue.lo - 1].key if cue.lo > 0 else ""
    nxt = tokens[cue.hi] if cue.hi < len(tokens) else None
    key = token.key
    if key == "may":
        month = token.text[:1].isupper() and cue.lo > 0 and prev not in _SENTENCE_OPENERS
        return month or (nxt is not None and nxt.kind == "number") or prev.startswith("#")
    if key == "will":
        return prev in _MODAL_NOUN_BEFORE
    if key in {"must", "hit"}:
        return prev in {"a", "the", "direct"}
    if key in {"most", "all"}:
        return prev in {"the", "at"}
    if key == "some":
        return nxt is not None and nxt.kind == "number"
    return False


def _attributive(tokens: Sequence[Token], k: int) -> bool:
    """Whether a participle stands before its noun, after a figure or an article."""
    if k == 0:
        return False
    prev = tokens[k - 1]
    return prev.kind == "number" or prev.key in {"a", "an", "the"}


def _scored(tokens: Sequence[Token]) -> list[_Scored]:
    out: list[_Scored] = []
    for cue in find_cues(tokens, "certainty"):
        if not _is_false_cue(tokens, cue):
            category, _, score = cue.value.partition(" ")
            if cue.entry == "confirmed" and _attributive(tokens, cue.lo):
                category = "booster"  # "12 confirmed deaths" names no source
            out.append(_Scored(cue, category, float(score), ""))
    for cue in find_cues(tokens, "intensity"):
        if not _is_false_cue(tokens, cue):
            scale, _, rank = cue.value.partition(":")
            out.append(_Scored(cue, "intensity", float(rank), scale))
    return out


def _inside(item: _Scored, region: tuple[int, int]) -> bool:
    return region[0] <= item.cue.lo and item.cue.hi <= region[1]


def _anchored(item: _Scored, changes: Changes, side: str, skip: frozenset[int]) -> bool:
    """Whether a changed cue governs a word both versions share.

    A modal governs the verb after it ("may also be applied"); a hedge, booster, reporting
    verb or intensity verb with nothing after it governs the word before it ("Troops
    advanced, reportedly"; "Об'єкт знищено"). A cue that governs only new or removed words
    sits in an added or deleted clause: the assertion detector reports that.
    """
    lo, hi = item.cue.lo, item.cue.hi
    if item.category == "modal":
        return changes.governed(side, lo, hi, skip) is not None
    return changes.governed(side, lo, hi, skip, fallback=True, cross=True) is not None


def _cancel(old: list[_Scored], new: list[_Scored]) -> tuple[list[_Scored], list[_Scored]]:
    """Drop cues found changed on both sides with the same entry: they moved, not changed."""
    both = Counter(s.cue.entry for s in old) & Counter(s.cue.entry for s in new)
    keep_old: list[_Scored] = []
    keep_new: list[_Scored] = []
    for items, keep in ((old, keep_old), (new, keep_new)):
        left = Counter(both)
        for item in items:
            if left[item.cue.entry] > 0:
                left[item.cue.entry] -= 1
            else:
                keep.append(item)
    return keep_old, keep_new


class _Change(NamedTuple):
    """A certainty change in one clause, with the cues that explain it."""

    delta: float
    """Change of ``c`` in [-1, 1]: negative is softened."""
    old: list[_Scored]
    new: list[_Scored]


class _Region(NamedTuple):
    """The cues of one clause on each side, split into changed and unchanged."""

    old: list[_Scored]
    new: list[_Scored]
    changed_old: list[_Scored]
    """Changed cues that govern a shared word."""
    changed_new: list[_Scored]
    stray: set[_Scored]
    """Changed cues in added or removed wording: they count for nothing."""


def _certainty_change(region: _Region) -> _Change | None:
    old = [s for s in region.old if s.category != "intensity"]
    new = [s for s in region.new if s.category != "intensity"]
    ev_old, ev_new = _cancel(
        [s for s in region.changed_old if s.category != "intensity"],
        [s for s in region.changed_new if s.category != "intensity"],
    )
    # A reporting verb gained or lost alone means a source gained or lost: attribution.
    dropped: set[_Scored] = set(region.stray)
    if not ev_new:
        dropped.update(s for s in ev_old if s.category == "report")
    if not ev_old:
        dropped.update(s for s in ev_new if s.category == "report")
    ev_old = [s for s in ev_old if s not in dropped]
    ev_new = [s for s in ev_new if s not in dropped]
    if not ev_old and not ev_new:
        return None
    # Sum over the whole clause, not the changed cues only: "according to preliminary
    # data" becoming "according to preliminary estimates" keeps the hedge "preliminary".
    score_old = sum(s.score for s in old if s not in dropped)
    score_new = sum(s.score for s in new if s not in dropped)
    delta = score_new - score_old
    if abs(delta) < MIN_SCORE_CHANGE - _EPSILON:
        return None
    return _Change(delta / 2, ev_old, ev_new)


def _intensity_change(region: _Region) -> _Change | None:
    old, new = _cancel(
        [s for s in region.changed_old if s.category == "intensity"],
        [s for s in region.changed_new if s.category == "intensity"],
    )
    scales = {s.scale for s in old} & {s.scale for s in new}
    old = [s for s in old if s.scale in scales]
    new = [s for s in new if s.scale in scales]
    steps = sum(s.score for s in new) - sum(s.score for s in old)
    if not steps:
        return None
    return _Change(RANK_STEP * steps, old, new)


def _changed_range(item: _Scored, changed: frozenset[int]) -> tuple[int, int]:
    """The cue's tokens that lie in changed hunks (all of them, usually)."""
    ks = [k for k in range(item.cue.lo, item.cue.hi) if k in changed]
    return (min(ks), max(ks) + 1) if ks else (item.cue.lo, item.cue.hi)


_RULES = {
    frozenset({"intensity"}): "certainty.intensity_scale",
    frozenset({"report"}): "certainty.reporting_verb",
    frozenset({"modal"}): "certainty.modal",
    frozenset({"hedge"}): "certainty.hedge",
    frozenset({"booster"}): "certainty.booster",
    frozenset({"hedge", "booster"}): "certainty.hedge",
}


def _finding(pair: AlignedPair, change: _Change, changes: Changes) -> Finding:
    evidence: list[Evidence] = []
    ranges: dict[str, list[tuple[int, int]]] = {"old": [], "new": []}
    partial: list[str] = []
    for side, items, span_of, changed in (
        ("old", change.old, pair.old_span, changes.old),
        ("new", change.new, pair.new_span, changes.new),
    ):
        for item in sorted(items, key=lambda s: s.cue.lo):
            lo, hi = _changed_range(item, changed)
            ranges[side].append((lo, hi))
            value = f"{item.scale} {item.score:g}" if item.scale else f"{item.score:+g}"
            kind = "reporting_verb" if item.category == "report" else item.category
            evidence.append(Evidence(kind, side, span_of(lo, hi), f"{item.cue.entry}: {value}"))
            if (lo, hi) != (item.cue.lo, item.cue.hi):
                partial.append(span_of(item.cue.lo, item.cue.hi).text)
    old_span = _side_span(pair, changes, "old", ranges)
    new_span = _side_span(pair, changes, "new", ranges)
    softened = change.delta < 0
    categories = frozenset(s.category for s in (*change.old, *change.new))
    what = "Intensity" if categories == {"intensity"} else "Certainty"
    verb = "lowered" if softened else "raised"
    if ranges["old"] and ranges["new"]:
        detail = f"{quote(old_span.text)} became {quote(new_span.text)}"
    elif ranges["old"]:
        detail = f"{quote(old_span.text)} was removed"
    else:
        detail = f"{quote(new_span.text)} was added"
    if len(partial) == 1:
        detail += f" (in {quote(partial[0])})"
    kind = FindingKind.SOFTENED if softened else FindingKind.STRENGTHENED
    return make_finding(
        pair,
        kind,
        rule=_RULES.get(categories, "certainty.mixed"),
        old=old_span,
        new=new_span,
        evidence=evidence,
        explanation=f"{what} {verb}: {detail}.",
        magnitude=1 + 2 * min(1.0, abs(change.delta)),
    )


def _side_span(
    pair: AlignedPair, changes: Changes, side: str, ranges: dict[str, list[tuple[int, int]]]
) -> Span:
    """The span of a side's evidence, or a caret where the other side's evidence sits."""
    mine = ranges[side]
    if mine:
        lo, hi = min(r[0] for r in mine), max(r[1] for r in mine)
        return pair.old_span(lo, hi) if side == "old" else pair.new_span(lo, hi)
    other = "new" if side == "old" else "old"
    return changes.caret(side, ranges[other][0][0])


class _Cues(NamedTuple):
    """The cues of both sides, and the token indices they cover (never a governed word)."""

    old: list[_Scored]
    new: list[_Scored]
    skip_old: frozenset[int]
    skip_new: frozenset[int]
    moved: frozenset[str] = frozenset()
    """Hedges and boosters the sentence holds as often before as after: they moved."""


_MOVABLE = frozenset({"hedge", "booster"})
"""Cues that speak for the whole sentence wherever they stand ("за попередніми даними")."""


def _moved(
    old: Sequence[_Scored],
    new: Sequence[_Scored],
    old_tokens: Sequence[Token],
    new_tokens: Sequence[Token],
) -> frozenset[str]:
    """Parenthetical hedges and boosters that the pair holds equally often on both sides.

    Set off by commas or standing at a sentence edge ("За попередніми даними, X" ->
    "X, за попередніми даними, Y"), such a cue speaks for the whole sentence wherever it
    stands. An inline one ("Russia reportedly struck Kyiv; Ukraine struck Belgorod") hedges
    its own clause, and moving it to another clause is a change.
    """
    before = Counter(
        s.cue.entry for s in old if s.category in _MOVABLE and _aside(old_tokens, s.cue)
    )
    after = Counter(
        s.cue.entry for s in new if s.category in _MOVABLE and _aside(new_tokens, s.cue)
    )
    return frozenset(entry for entry, n in before.items() if after[entry] == n)


_ASIDE_BEFORE = frozenset({",", "(", "-", ":", ";", ".", "!", "?", '"'})
_ASIDE_AFTER = frozenset({",", ")", "-", ".", ";", "!", "?", '"'})


def _aside(tokens: Sequence[Token], cue: Cue) -> bool:
    """Whether a cue is set off from its sentence: punctuation or an edge on both sides."""
    before = tokens[cue.lo - 1].text if cue.lo > 0 else "."
    after = tokens[cue.hi].text if cue.hi < len(tokens) else "."
    return before in _ASIDE_BEFORE and after in _ASIDE_AFTER


def _region(group: Group, cues: _Cues, changes: Changes) -> _Region:
    old = [s for s in cues.old if _inside(s, group.old)]
    new = [s for s in cues.new if _inside(s, group.new)]
    changed_old: list[_Scored] = []
    changed_new: list[_Scored] = []
    stray: set[_Scored] = set()
    for side, items, out, skipped in (
        ("old", old, changed_old, cues.skip_old),
        ("new", new, changed_new, cues.skip_new),
    ):
        for item in items:
            if not changes.changed(side, item.cue.lo, item.cue.hi):
                continue
            if item.cue.entry in cues.moved:
                continue  # "За попередніми даними, X" -> "X, за попередніми даними": moved
            if _anchored(item, changes, side, skipped):
                out.append(item)
            else:
                stray.add(item)
    return _Region(old, new, changed_old, changed_new, stray)


def _group_changes(group: Group, cues: _Cues, changes: Changes) -> list[_Change]:
    region = _region(group, cues, changes)
    cert = _certainty_change(region)
    scale = _intensity_change(region)
    if cert is None or scale is None:
        return [c for c in (cert, scale) if c is not None]
    if (cert.delta < 0) == (scale.delta < 0):
        # "reportedly hit" -> "destroyed": one strengthening, two pieces of evidence.
        return [_Change(cert.delta + scale.delta, cert.old + scale.old, cert.new + scale.new)]
    # "hit" -> "reportedly destroyed": raised on one axis, lowered on the other.
    return [cert, scale]


def detect_certainty(pair: AlignedPair) -> Iterator[Finding]:
    """Find hedges, modals, boosters, reporting verbs and intensity verbs that changed.

    Example:
        >>> import revforensics as rf
        >>> cmp = rf.compare("Officials confirmed the strike.", "Officials reported the strike.")
        >>> [(f.kind.value, f.explanation) for f in cmp.findings if f.rule.startswith("cert")]
        [('softened', 'Certainty lowered: “confirmed” became “reported”.')]

    .. versionadded:: 0.1
    """
    if not pair.old_tokens or not pair.new_tokens:
        return  # a whole sentence removed or added: the assertion detector reports it
    if not changes_any_of(pair, lexicon_words("certainty", "intensity", "reporting_verbs")):
        return  # no cue came, went or changed
    changes = Changes.of(pair)
    if not changes.hunks:
        return
    old, new = _scored(pair.old_tokens), _scored(pair.new_tokens)
    if not old and not new:
        return
    cues = _Cues(
        old,
        new,
        frozenset(k for s in old for k in range(s.cue.lo, s.cue.hi)),
        frozenset(k for s in new for k in range(s.cue.lo, s.cue.hi)),
        _moved(old, new, pair.old_tokens, pair.new_tokens),
    )
    # Tokens inside a cue (the periods of "т.зв.") never end a clause.
    keep_old = {k for s in old for k in range(s.cue.lo + 1, s.cue.hi)}
    keep_new = {k for s in new for k in range(s.cue.lo + 1, s.cue.hi)}
    for group in groups(pair, keep_old, keep_new):
        for change in _group_changes(group, cues, changes):
            yield _finding(pair, change, changes)
