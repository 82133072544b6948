"""Stage 5: detectors turn aligned pairs into typed findings.

A detector is any callable ``(AlignedPair) -> Iterable[Finding]``, composed in a list like
structlog's processors. Pass your own list to :class:`~revforensics.compare.Comparer` to
add, remove or reorder them. Changes no detector explains are reported as ``reworded``
by the comparer itself, so nothing meaningful goes unreported.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from revforensics.detect.assertions import detect_assertions
from revforensics.detect.attribution import detect_attribution
from revforensics.detect.certainty import detect_certainty
from revforensics.detect.dates import detect_dates
from revforensics.detect.entities import detect_entities
from revforensics.detect.moved import detect_moved
from revforensics.detect.negation import detect_negation
from revforensics.detect.numbers import detect_numbers
from revforensics.detect.qualifiers import detect_qualifiers
from revforensics.detect.quotes import detect_quotes
from revforensics.findings import Finding
from revforensics.pair import AlignedPair

__all__ = [
    "DEFAULT_DETECTORS",
    "Detector",
    "detect_assertions",
    "detect_attribution",
    "detect_certainty",
    "detect_dates",
    "detect_entities",
    "detect_moved",
    "detect_negation",
    "detect_numbers",
    "detect_qualifiers",
    "detect_quotes",
]


class Detector(Protocol):
    """The shape of a detector."""

    def __call__(self, pair: AlignedPair, /) -> Iterable[Finding]:
        """Yield the findings this detector sees in ``pair``."""
        ...


DEFAULT_DETECTORS: tuple[Detector, ...] = (
    detect_negation,
    detect_numbers,
    detect_dates,
    detect_certainty,
    detect_attribution,
    detect_quotes,
    detect_entities,
    detect_qualifiers,
    detect_assertions,
    detect_moved,
)
"""The detectors :func:`revforensics.compare` runs, in order."""
