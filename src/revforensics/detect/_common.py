"""Small helpers shared by the detectors."""

from __future__ import annotations

from collections.abc import Iterable

from revforensics.findings import Evidence, Finding, FindingKind
from revforensics.model import Span
from revforensics.pair import AlignedPair

__all__ = ["make_finding", "new_token_span", "old_token_span"]


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
