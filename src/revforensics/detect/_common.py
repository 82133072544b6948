"""Small helpers shared by the detectors."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from revforensics.detect._text import quote
from revforensics.findings import Evidence, Finding, FindingKind
from revforensics.lexicon import lexicon
from revforensics.model import Span
from revforensics.pair import AlignedPair

__all__ = [
    "caret_after_kept",
    "changes_any_of",
    "lexicon_words",
    "make_finding",
    "new_token_span",
    "old_token_span",
    "placed",
]


@functools.cache
def lexicon_words(*names: str) -> frozenset[str]:
    """Every word of the named lists (each word of a multi-word entry)."""
    return frozenset(word for name in names for entry in lexicon(name) for word in entry.split())


def changes_any_of(pair: AlignedPair, words: frozenset[str]) -> bool:
    """Whether a meaningful hunk of the pair changes one of ``words`` (by token key)."""
    return any(t.key in words for t in pair.changed_tokens)


def placed(side: str, span: Span, caret: Span, replaced: Span | None) -> tuple[Span, Span, str]:
    """Order a mention that came or went on one side, and word what happened to it.

    Args:
        side: ``old`` for a mention that went, ``new`` for one that came.
        span: The mention.
        caret: Where it went to or came from on the other side (``replaced`` when set).
        replaced: What took its place on the other side, if anything.

    Returns:
        ``(old, new, verb)``: the finding's two spans and a verb phrase such as
        ``was removed`` or ``replaced “12”``.
    """
    if side == "old":
        verb = f"was replaced by {quote(replaced.text)}" if replaced else "was removed"
        return span, caret, verb
    verb = f"replaced {quote(replaced.text)}" if replaced else "was added"
    return caret, span, verb


def caret_after_kept(pair: AlignedPair, lo: int, side: str) -> Span:
    """Where on the other side a word at token ``lo`` of ``side`` went or came from.

    That is just after the last token before ``lo`` that the diff kept: unchanged, or
    changed only cosmetically in a run of the same length.
    """
    kept = [hunk for hunk in pair.hunks if hunk.tag == "equal"]
    kept += [
        h for h, cosmetic in pair.changes if cosmetic is not None and h.i2 - h.i1 == h.j2 - h.j1
    ]
    position = 0
    for hunk in kept:
        start, end = (hunk.i1, hunk.i2) if side == "old" else (hunk.j1, hunk.j2)
        other = hunk.j1 if side == "old" else hunk.i1
        if start < min(end, lo):
            position = max(position, other + min(end, lo) - start)
    return pair.new_span(position, position) if side == "old" else pair.old_span(position, position)


def old_token_span(pair: AlignedPair, k: int) -> Span:
    """The old-text span of old token ``k``."""
    return pair.old_span(k, k + 1)


def new_token_span(pair: AlignedPair, k: int) -> Span:
    """The new-text span of new token ``k``."""
    return pair.new_span(k, k + 1)


def make_finding(  # noqa: PLR0913 - every argument is a part of the finding
    pair: AlignedPair,
    kind: FindingKind,
    *,
    rule: str,
    old: Span | None,
    new: Span | None,
    evidence: Iterable[Evidence],
    explanation: str,
    magnitude: float = 1.0,
) -> Finding:
    """A finding whose severity comes from its kind, ``magnitude`` and the pair's salience."""
    return Finding(
        kind=kind,
        severity=pair.severity(kind, magnitude),
        old=old,
        new=new,
        evidence=tuple(evidence),
        explanation=explanation,
        rule=rule,
    )
