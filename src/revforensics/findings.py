"""What a comparison reports: typed findings, cosmetic edits, a verdict.

The string values of :class:`FindingKind`, :class:`CosmeticKind`, :class:`Level` and
:class:`Verdict` are a public contract: they appear in the ``revforensics.diff/1`` JSON and
do not change within a major version.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from revforensics.errors import InputError
from revforensics.model import Link, Revision, Sentence, Span

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "Comparison",
    "CosmeticEdit",
    "CosmeticKind",
    "Evidence",
    "Finding",
    "FindingKind",
    "Level",
    "Verdict",
]


class FindingKind(enum.StrEnum):
    """The kinds of meaningful change (see the design's table)."""

    ASSERTION_REMOVED = "assertion_removed"
    ASSERTION_ADDED = "assertion_added"
    SOFTENED = "softened"
    STRENGTHENED = "strengthened"
    NEGATION_FLIPPED = "negation_flipped"
    REATTRIBUTED = "reattributed"
    NUMBER_CHANGED = "number_changed"
    ENTITY_REMOVED = "entity_removed"
    ENTITY_ADDED = "entity_added"
    ENTITY_REPLACED = "entity_replaced"
    DATE_CHANGED = "date_changed"
    QUOTE_ALTERED = "quote_altered"
    QUOTE_REMOVED = "quote_removed"
    QUALIFIER_REMOVED = "qualifier_removed"
    QUALIFIER_ADDED = "qualifier_added"
    MOVED = "moved"
    REWORDED = "reworded"


class CosmeticKind(enum.StrEnum):
    """Subtypes of cosmetic edits: changes of form that leave the meaning alone."""

    WHITESPACE = "whitespace"
    PUNCTUATION = "punctuation"
    QUOTES = "quotes"
    CASE = "case"
    TYPO = "typo"
    GRAMMAR = "grammar"
    ABBREVIATION = "abbreviation"
    NUMBER_FORMAT = "number_format"
    HOMOGLYPH = "homoglyph"
    INVISIBLE = "invisible"
    MARKUP = "markup"
    BOILERPLATE = "boilerplate"


class Level(enum.StrEnum):
    """Severity bands: critical >= 80, high >= 60, medium >= 35, low >= 10, info below."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @classmethod
    def of(cls, severity: int) -> Level:
        """The band a severity score from 0 to 100 falls in."""
        for floor, level in ((80, cls.CRITICAL), (60, cls.HIGH), (35, cls.MEDIUM), (10, cls.LOW)):
            if severity >= floor:
                return level
        return cls.INFO


class Verdict(enum.StrEnum):
    """The overall judgement of a comparison."""

    UNCHANGED = "unchanged"
    COSMETIC = "cosmetic"
    MEANING_CHANGED = "meaning_changed"


@attrs.frozen
class Evidence:
    """A piece of lexical evidence behind a finding.

    Args:
        kind: What it is: ``deleted``, ``inserted``, ``context`` (the surrounding sentence),
            or a detector-specific name.
        side: ``old`` or ``new``: which revision ``span`` indexes.
        span: The characters.
        note: Extra detail, such as the lexicon entry that matched.
    """

    kind: str
    side: str = attrs.field(validator=attrs.validators.in_(("old", "new")))
    span: Span
    note: str = ""


def _evidence(values: Iterable[Evidence]) -> tuple[Evidence, ...]:
    return tuple(values)


def _check_severity(_instance: object, _attribute: object, value: int) -> None:
    if type(value) is not int or not 0 <= value <= 100:
        msg = f"severity must be an int from 0 to 100, got {value!r}"
        raise InputError(msg)


@attrs.frozen
class Finding:
    """One meaningful change, with evidence in both revisions.

    Args:
        kind: What changed.
        severity: 0 to 100, from kind, magnitude and salience; findings are ranked by it.
        old: The evidence's span in the old revision, or ``None`` when it has none (an
            added sentence). An empty span marks a position.
        new: The same in the new revision.
        evidence: The lexical evidence, each piece with its side and span.
        explanation: One sentence for a reader, built from the evidence.
        rule: The identifier of the rule that fired, such as ``assertion.clause_removed``.

    .. versionadded:: 0.1
    """

    kind: FindingKind = attrs.field(converter=FindingKind)
    severity: int = attrs.field(validator=_check_severity)
    old: Span | None
    new: Span | None
    evidence: tuple[Evidence, ...] = attrs.field(converter=_evidence)
    explanation: str
    rule: str

    @property
    def level(self) -> Level:
        """The severity band."""
        return Level.of(self.severity)


@attrs.frozen
class CosmeticEdit:
    """A change of form only, listed apart from the findings so nothing is hidden.

    .. versionadded:: 0.1
    """

    subtype: CosmeticKind = attrs.field(converter=CosmeticKind)
    old: Span
    new: Span


def _findings(values: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(values)


def _links(values: Iterable[Link]) -> tuple[Link, ...]:
    return tuple(values)


def _edits(values: Iterable[CosmeticEdit]) -> tuple[CosmeticEdit, ...]:
    return tuple(values)


def _sentences(values: Iterable[Sentence]) -> tuple[Sentence, ...]:
    return tuple(values)


@attrs.frozen
class Comparison:
    """The result of comparing two revisions.

    Args:
        old: The old revision.
        new: The new revision.
        verdict: ``unchanged`` (identical texts), ``cosmetic`` (only cosmetic edits) or
            ``meaning_changed`` (at least one finding).
        findings: Ranked, most severe first.
        alignment: Sentence links in reading order.
        cosmetic: Cosmetic edits in order of the old text.
        old_sentences: The old revision's sentences (indices in ``alignment`` refer here).
        new_sentences: The new revision's sentences.
        languages: The language codes used for the old and new text.

    .. versionadded:: 0.1
    """

    old: Revision
    new: Revision
    verdict: Verdict = attrs.field(converter=Verdict)
    findings: tuple[Finding, ...] = attrs.field(converter=_findings)
    alignment: tuple[Link, ...] = attrs.field(converter=_links)
    cosmetic: tuple[CosmeticEdit, ...] = attrs.field(converter=_edits)
    old_sentences: tuple[Sentence, ...] = attrs.field(converter=_sentences)
    new_sentences: tuple[Sentence, ...] = attrs.field(converter=_sentences)
    languages: tuple[str, str] = ("en", "en")

    def __iter__(self) -> Iterator[Finding]:
        """Iterate over the findings, most severe first."""
        return iter(self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The comparison as a ``revforensics.diff/1`` JSON object (a plain dict)."""
        from revforensics.render.json import to_dict  # noqa: PLC0415 - avoids an import cycle

        return to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The comparison as ``revforensics.diff/1`` JSON text.

        Example:
            >>> import revforensics as rf
            >>> rf.compare("Units advanced.", "Units advanced.").to_json().count('"unchanged"')
            1
        """
        from revforensics.render.json import to_json  # noqa: PLC0415 - avoids an import cycle

        return to_json(self, indent=indent)

    def _repr_html_(self) -> str:
        """The HTML report as a fragment, for Jupyter and other rich displays."""
        from revforensics.render.html import render_html_fragment  # noqa: PLC0415 - cycle

        return render_html_fragment(self)

    @classmethod
    def from_json(cls, text: str | bytes) -> Comparison:
        """Rebuild a comparison from :meth:`to_json` output, validating it.

        Raises:
            SchemaError: If the JSON is not a valid ``revforensics.diff/1`` document.
        """
        from revforensics.render.json import from_json  # noqa: PLC0415 - avoids an import cycle

        return from_json(text)
