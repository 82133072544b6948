"""A user's watch list: findings that touch watched terms weigh more.

A term matches a span when its words appear in it in order, compared after normalization
and case folding; a Cyrillic word matches by its stem (all but its last two letters, at
least four), so ``Курськ`` also matches ``Курській`` and ``Курщині`` does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from revforensics.errors import InputError, InputTypeError
from revforensics.findings import Evidence, Finding
from revforensics.normalize import normalize
from revforensics.tokenize import tokenize

__all__ = ["WATCH_WEIGHT", "WatchList"]

WATCH_WEIGHT = 1.2
"""How much more a finding that touches a watched term weighs (design: x1.2)."""
_MIN_STEM = 4


def _words(text: str) -> list[str]:
    return [t.key for t in tokenize(normalize(text).text) if t.kind != "punct"]


def _stem(word: str) -> str:
    if any("\u0400" <= c <= "\u04ff" for c in word):
        return word[: max(_MIN_STEM, len(word) - 2)]
    return word


def _terms(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        msg = "watch takes a list of terms, e.g. watch=['Kursk'], not a single string"
        raise InputTypeError(msg)
    terms = tuple(values)
    for term in terms:
        if not isinstance(term, str):
            msg = f"watch terms must be strings, got {type(term).__name__}"
            raise InputTypeError(msg)
        if not _words(term):
            msg = f"watch term {term!r} has no words; give names or phrases such as 'Kursk'"
            raise InputError(msg)
    return terms


@attrs.frozen
class WatchList:
    """Terms a reader cares about; findings whose evidence touches one weigh x1.2.

    Example:
        >>> WatchList(["Kursk region"]).matches("new operations in the Kursk region")
        ['Kursk region']
    """

    terms: tuple[str, ...] = attrs.field(converter=_terms, default=())
    _stems: tuple[tuple[str, tuple[str, ...]], ...] = attrs.field(init=False, repr=False, eq=False)

    @_stems.default
    def _make_stems(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((term, tuple(map(_stem, _words(term)))) for term in self.terms)

    def matches(self, text: str) -> list[str]:
        """The terms that occur in ``text``."""
        words = _words(text)
        return [
            term
            for term, stems in self._stems
            if any(
                all(w.startswith(s) for w, s in zip(words[i : i + len(stems)], stems, strict=False))
                and len(words) - i >= len(stems)
                for i in range(len(words))
            )
        ]

    def weigh(self, finding: Finding) -> Finding:
        """The finding, heavier and annotated if its evidence touches a watched term."""
        spans: Sequence[tuple[str, str]] = [(e.side, e.span.text) for e in finding.evidence]
        hits: dict[str, str] = {}
        for side, text in spans:
            for term in self.matches(text):
                hits.setdefault(term, side)
        if not hits:
            return finding
        side = next(iter(hits.values()))
        span = next(e.span for e in finding.evidence if e.side == side)
        extra = tuple(Evidence("watched", side, span, note=term) for term in hits)
        return attrs.evolve(
            finding,
            severity=min(100, round(finding.severity * WATCH_WEIGHT)),
            evidence=finding.evidence + extra,
            explanation=f"{finding.explanation} Watched: {', '.join(map(repr, hits))}.",
        )
