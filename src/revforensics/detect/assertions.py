"""``assertion_removed`` and ``assertion_added``, at sentence and at clause level.

A sentence is a claim when it has at least three content tokens (non-stopword words,
numbers, URLs); shorter ones, and headings, are fragments and weigh less. Inside a kept
sentence, a deleted run of at least three content tokens that is not replaced by a third
as many is a removed clause: the General Staff's dropped "and have launched new offensive
operations in the Kursk region" is the model case. Additions are symmetric.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from revforensics._furniture import FURNITURE_SALIENCE, is_cross_reference
from revforensics.detect._text import quote
from revforensics.findings import Evidence, Finding, FindingKind
from revforensics.pair import AlignedPair
from revforensics.tokenize import Token

__all__ = ["detect_assertions"]

CLAIM_MIN_CONTENT = 3
"""Content tokens that make a sentence or a deleted run a claim."""
REPLACEMENT_RATIO = 3
"""A run replaced by fewer than 1/3 as many content tokens counts as removed."""
FRAGMENT_MAGNITUDE = 0.35
DUPLICATE_MAGNITUDE = 0.5
NUMBER_BONUS = 0.1
MAX_NUMBER_BONUS = 0.2


def _content(pair: AlignedPair, tokens: Sequence[Token]) -> int:
    return sum(pair.is_content(t) for t in tokens)


def _run_content(pair: AlignedPair, side: str, lo: int, hi: int) -> int:
    """Content tokens of a run, a date or time counting once.

    ``22:00 до 06:00`` is two times, not four figures, so a rewritten time is never a
    removed clause.
    """
    tokens = pair.old_tokens if side == "old" else pair.new_tokens
    mentions = pair.dates(side)
    inside = {k for m in mentions for k in range(m.lo, m.hi)}
    plain = sum(pair.is_content(tokens[k]) for k in range(lo, hi) if k not in inside)
    dated = sum(1 for m in mentions if lo < m.hi and m.lo < hi)
    return plain + dated


def _magnitude(tokens: Sequence[Token], content: int) -> float:
    if content < CLAIM_MIN_CONTENT:
        return FRAGMENT_MAGNITUDE
    numbers = sum(t.kind == "number" for t in tokens)
    return 1.0 + min(MAX_NUMBER_BONUS, NUMBER_BONUS * numbers)


def _whole_sentences(pair: AlignedPair) -> Iterator[Finding]:
    removed = pair.link.op == "deleted"
    tokens = pair.old_tokens if removed else pair.new_tokens
    content = _content(pair, tokens)
    if content == 0:
        return  # markup only, such as a rule line: listed as a cosmetic edit
    doc, other = (pair.old, pair.new) if removed else (pair.new, pair.old)
    index = (pair.link.old if removed else pair.link.new)[0]
    magnitude = _magnitude(tokens, content)
    if doc.segments[index].heading:
        magnitude = min(magnitude, FRAGMENT_MAGNITUDE * 2)
    still_there = doc.anchor_keys[index] in other.anchor_set
    if still_there:
        magnitude *= DUPLICATE_MAGNITUDE
    span = pair.old_text_span() if removed else pair.new_text_span()
    if span is None:
        return
    kind = FindingKind.ASSERTION_REMOVED if removed else FindingKind.ASSERTION_ADDED
    verb = "was removed" if removed else "was added"
    what = "The claim" if content >= CLAIM_MIN_CONTENT else "The line"
    note = " (an identical sentence is still present elsewhere)" if still_there else ""
    yield Finding(
        kind=kind,
        severity=pair.severity(kind, magnitude),
        old=span if removed else None,
        new=None if removed else span,
        evidence=(
            Evidence("deleted" if removed else "inserted", "old" if removed else "new", span),
        ),
        explanation=f"{what} {quote(span.text)} {verb}{note}.",
        rule="assertion.sentence_removed" if removed else "assertion.sentence_added",
    )


def _trim(tokens: Sequence[Token], lo: int, hi: int) -> tuple[int, int]:
    """Drop punctuation at both ends of a token run, so evidence quotes start on a word."""
    while lo < hi and tokens[lo].kind == "punct":
        lo += 1
    while hi > lo and tokens[hi - 1].kind == "punct":
        hi -= 1
    return lo, hi


def _clauses(pair: AlignedPair) -> Iterator[Finding]:
    for hunk, cosmetic in pair.changes:
        if cosmetic is not None:
            continue
        old = pair.old_tokens[hunk.i1 : hunk.i2]
        new = pair.new_tokens[hunk.j1 : hunk.j2]
        lost = _run_content(pair, "old", hunk.i1, hunk.i2)
        gained = _run_content(pair, "new", hunk.j1, hunk.j2)
        i1, i2 = _trim(pair.old_tokens, hunk.i1, hunk.i2)
        j1, j2 = _trim(pair.new_tokens, hunk.j1, hunk.j2)
        old_span = pair.old_span(i1, i2) if i2 > i1 else pair.old_span(hunk.i1, hunk.i2)
        new_span = pair.new_span(j1, j2) if j2 > j1 else pair.new_span(hunk.j1, hunk.j2)
        if lost >= CLAIM_MIN_CONTENT and gained * REPLACEMENT_RATIO <= lost:
            kind, side, tokens = FindingKind.ASSERTION_REMOVED, "old", old
            evidence = [Evidence("deleted", "old", old_span)]
            if new:
                evidence.append(Evidence("inserted", "new", new_span))
            context = pair.new_text_span()
            verb = "were deleted from"
        elif gained >= CLAIM_MIN_CONTENT and lost * REPLACEMENT_RATIO <= gained:
            kind, side, tokens = FindingKind.ASSERTION_ADDED, "new", new
            evidence = [Evidence("inserted", "new", new_span)]
            if old:
                evidence.append(Evidence("deleted", "old", old_span))
            context = pair.old_text_span()
            verb = "were added to"
        else:
            continue
        if context is not None:
            evidence.append(Evidence("context", "new" if side == "old" else "old", context))
        changed = old_span if side == "old" else new_span
        magnitude = _magnitude(tokens, max(lost, gained))
        words = "The words"
        doc, run = (
            (pair.old, (hunk.i1, hunk.i2)) if side == "old" else (pair.new, (hunk.j1, hunk.j2))
        )
        side_tokens = pair.old_tokens if side == "old" else pair.new_tokens
        if is_cross_reference(doc.norm.text, side_tokens, *run):
            # "(see Annex 2)" sends the reader elsewhere; it asserts nothing itself.
            magnitude *= FURNITURE_SALIENCE
            words = "The cross-reference"
            verb = verb.replace("were", "was")
        yield Finding(
            kind=kind,
            severity=pair.severity(kind, magnitude),
            old=old_span,
            new=new_span,
            evidence=tuple(evidence),
            explanation=(
                f"{words} {quote(changed.text)} {verb} a sentence that is otherwise kept."
            ),
            rule="assertion.clause_removed" if side == "old" else "assertion.clause_added",
        )


def detect_assertions(pair: AlignedPair) -> Iterator[Finding]:
    """Find removed and added claims: whole sentences, and clauses inside kept sentences.

    .. versionadded:: 0.1
    """
    if pair.link.op in ("deleted", "inserted"):
        yield from _whole_sentences(pair)
    else:
        yield from _clauses(pair)
