"""Severity by kind, magnitude and salience; the verdict.

``severity = base(kind) x magnitude x salience``, clipped to 1..100. The bases follow the
design's methods report; salience weighs the title (x1.5) and the lede, the first two
sentences of the body (x1.3), because an edit there changes what most readers see.
"""

from __future__ import annotations

from revforensics.findings import FindingKind

__all__ = ["BASE_SEVERITY", "LEDE_SALIENCE", "TITLE_SALIENCE", "severity"]

BASE_SEVERITY: dict[FindingKind, float] = {
    FindingKind.ASSERTION_REMOVED: 85,
    FindingKind.NEGATION_FLIPPED: 90,
    FindingKind.NUMBER_CHANGED: 60,
    FindingKind.REATTRIBUTED: 70,
    FindingKind.SOFTENED: 55,
    FindingKind.STRENGTHENED: 55,
    FindingKind.ENTITY_REPLACED: 65,
    FindingKind.ENTITY_REMOVED: 55,
    FindingKind.ENTITY_ADDED: 40,
    FindingKind.DATE_CHANGED: 55,
    FindingKind.QUOTE_ALTERED: 70,
    FindingKind.QUOTE_REMOVED: 60,
    FindingKind.QUALIFIER_REMOVED: 45,
    FindingKind.QUALIFIER_ADDED: 40,
    FindingKind.ASSERTION_ADDED: 40,
    FindingKind.MOVED: 15,
    FindingKind.REWORDED: 10,
}
TITLE_SALIENCE = 1.5
LEDE_SALIENCE = 1.3


def severity(kind: FindingKind, magnitude: float = 1.0, salience: float = 1.0) -> int:
    """The severity of a finding, from 1 to 100.

    Example:
        >>> severity(FindingKind.ASSERTION_REMOVED), severity(FindingKind.MOVED, salience=1.3)
        (85, 20)
    """
    return max(1, min(100, round(BASE_SEVERITY[kind] * magnitude * salience)))
