"""``moved``: a sentence left its place, weightier when it enters or leaves the lede."""

from __future__ import annotations

from collections.abc import Iterator

from revforensics.detect._text import quote
from revforensics.findings import Evidence, Finding, FindingKind
from revforensics.judge import severity
from revforensics.pair import AlignedPair

__all__ = ["detect_moved"]

SALIENCE_CHANGE_MAGNITUDE = 40 / 15
"""A move into or out of the title or lede weighs 40 instead of 15 (methods report)."""


def detect_moved(pair: AlignedPair) -> Iterator[Finding]:
    """Report sentences outside the alignment's longest increasing subsequence.

    .. versionadded:: 0.1
    """
    link = pair.link
    if not link.moved or not link.old or not link.new:
        return
    old_span, new_span = pair.old_text_span(), pair.new_text_span()
    if old_span is None or new_span is None:
        return
    before = max(pair.old.salience[i] for i in link.old)
    after = max(pair.new.salience[j] for j in link.new)
    where = ""
    if after > before:
        where = ", into the opening of the statement"
    elif before > after:
        where = ", out of the opening of the statement"
    magnitude = SALIENCE_CHANGE_MAGNITUDE if where else 1.0
    yield Finding(
        kind=FindingKind.MOVED,
        severity=severity(FindingKind.MOVED, magnitude),
        old=old_span,
        new=new_span,
        evidence=(Evidence("moved", "old", old_span), Evidence("moved", "new", new_span)),
        explanation=(
            f"The sentence {quote(new_span.text)} moved from position {link.old[0] + 1} "
            f"to {link.new[0] + 1}{where}."
        ),
        rule="structure.moved",
    )
