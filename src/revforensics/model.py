"""Frozen data shared by every stage: revisions, spans, sentences and alignment links.

All offsets are Python code-point offsets into the *original*, un-normalized text of a
revision, half-open ``[start, end)``, so ``original[span.start:span.end] == span.text``
always holds and a journalist can quote the exact characters.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable
from typing import Literal

import attrs

from revforensics.errors import InputError, InputTypeError

__all__ = ["AlignmentOp", "Link", "Revision", "Sentence", "Span"]

AlignmentOp = Literal["equal", "edited", "deleted", "inserted"]
"""How a group of old sentences relates to a group of new ones (difflib's vocabulary)."""


def _ints(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(values)


def _check_offset(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int:
        msg = f"{type(instance).__name__}.{attribute.name} must be an int, got {value!r}"
        raise InputTypeError(msg)
    if value < 0:
        msg = f"{type(instance).__name__}.{attribute.name} must be >= 0, got {value}"
        raise InputError(msg)


@attrs.frozen
class Span:
    """A half-open range ``[start, end)`` of a revision's original text, with that text.

    Args:
        start: First code point of the range.
        end: One past the last code point; ``end == start`` marks a position (a caret).
        text: Exactly ``original[start:end]``.

    Raises:
        InputError: If ``end < start`` or ``len(text) != end - start``.

    Example:
        >>> text = "Units launched new operations."
        >>> Span.of(text, 15, 18)
        Span(start=15, end=18, text='new')

    .. versionadded:: 0.1
    """

    start: int = attrs.field(validator=_check_offset)
    end: int = attrs.field(validator=_check_offset)
    text: str = attrs.field()

    @text.validator
    def _check_text(self, _attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str):
            msg = f"Span.text must be a str, got {type(value).__name__}"
            raise InputTypeError(msg)
        if self.end < self.start:
            msg = f"Span end {self.end} is before start {self.start}"
            raise InputError(msg)
        if len(value) != self.end - self.start:
            msg = (
                f"Span text has {len(value)} characters but [{self.start}, {self.end}) "
                f"covers {self.end - self.start}; build spans with Span.of(original, start, end)"
            )
            raise InputError(msg)

    @classmethod
    def of(cls, original: str, start: int, end: int) -> Span:
        """Make the span ``[start, end)`` of ``original``, checking it lies inside."""
        if not 0 <= start <= end <= len(original):
            msg = f"span [{start}, {end}) is outside a text of {len(original)} characters"
            raise InputError(msg)
        return cls(start, end, original[start:end])

    def __len__(self) -> int:
        """The number of code points covered."""
        return self.end - self.start


def _check_text_arg(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        msg = (
            f"Revision.{attribute.name} must be a str, got {type(value).__name__}; "
            "decode bytes first, e.g. data.decode('utf-8')"
        )
        raise InputTypeError(msg)


def _check_aware(_instance: object, _attribute: object, value: dt.datetime | None) -> None:
    if value is None:
        return
    if not isinstance(value, dt.datetime):
        msg = f"Revision.captured_at must be a datetime or None, got {type(value).__name__}"
        raise InputTypeError(msg)
    if value.utcoffset() is None:
        msg = (
            f"Revision.captured_at must be timezone-aware, got naive {value.isoformat()}; "
            "attach a zone, e.g. value.replace(tzinfo=datetime.UTC)"
        )
        raise InputError(msg)


def _check_raw(_instance: object, _attribute: object, value: bytes | None) -> None:
    if value is not None and not isinstance(value, bytes):
        msg = (
            f"Revision.raw must be bytes or None, got {type(value).__name__}; "
            "pass the capture exactly as fetched, e.g. response.content"
        )
        raise InputTypeError(msg)


def _check_optional_str(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value is not None and not isinstance(value, str):
        msg = f"Revision.{attribute.name} must be a str or None, got {type(value).__name__}"
        raise InputTypeError(msg)


_DIGEST = re.compile(r"[A-Za-z][A-Za-z0-9-]*:[A-Za-z0-9+/=_-]+")


def _check_digest(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    _check_optional_str(instance, attribute, value)
    if isinstance(value, str) and not _DIGEST.fullmatch(value):
        msg = (
            f"Revision.digest must be 'algorithm:value', such as "
            f"'sha1:2WAXX5NUWNNCS2BDKCO5OVDQBJVNKIVV', got {value!r}"
        )
        raise InputError(msg)


@attrs.frozen
class Revision:
    """One captured version of a statement.

    Args:
        text: The statement's text, exactly as captured or extracted. It is never
            modified: every span reported by revforensics indexes this string.
        label: A short human name such as ``"v1"`` or ``"09:12 post"``.
        captured_at: When the version was captured; timezone-aware, or ``None``.
        source: Where it came from: a URL or a path.
        raw: The capture's bytes exactly as fetched (an HTML page, a WARC payload), when
            ``text`` was extracted from them; ``None`` when the text is the capture.
        media_type: The raw capture's media type, such as ``"text/html"``.
        extractor: The name and version of the tool that extracted ``text`` from ``raw``,
            such as ``"trafilatura 2.0.0"``; ``None`` when nothing was extracted.
        digest: The digest a web archive recorded for the capture's payload, as
            ``algorithm:value``: a WARC record's ``WARC-Payload-Digest`` or the Wayback
            CDX ``digest`` (``"sha1:…"``, base 32). It is provenance, kept as the archive
            wrote it, so a reader can find the same capture there; it is not recomputed
            from ``raw``, because archives digest the payload as it was transferred
            (perhaps compressed), while ``raw`` holds it decoded.

    Raises:
        InputTypeError: If ``text`` is not a ``str`` or ``raw`` is not ``bytes``.
        InputError: If ``captured_at`` is a naive datetime, or ``digest`` is not
            ``algorithm:value``.

    Example:
        >>> rev = Revision("Forces advanced.", raw=b"<p>Forces advanced.</p>",
        ...                media_type="text/html", extractor="example 1.0")
        >>> rev.raw_sha256 == Revision("<p>Forces advanced.</p>").sha256
        True

    .. versionadded:: 0.1
    """

    text: str = attrs.field(validator=_check_text_arg)
    label: str = attrs.field(default="", validator=_check_text_arg)
    captured_at: dt.datetime | None = attrs.field(default=None, validator=_check_aware)
    source: str | None = attrs.field(default=None, kw_only=True)
    raw: bytes | None = attrs.field(default=None, kw_only=True, validator=_check_raw, repr=False)
    media_type: str | None = attrs.field(default=None, kw_only=True, validator=_check_optional_str)
    extractor: str | None = attrs.field(default=None, kw_only=True, validator=_check_optional_str)
    digest: str | None = attrs.field(default=None, kw_only=True, validator=_check_digest)

    @property
    def sha256(self) -> str:
        """The SHA-256 of the text encoded as UTF-8, in hex."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def raw_sha256(self) -> str:
        """The SHA-256 of the raw capture, in hex: the revision's content address.

        It hashes ``raw`` when there is one and otherwise the text as UTF-8 (then it
        equals :attr:`sha256`).
        """
        if self.raw is None:
            return self.sha256
        return hashlib.sha256(self.raw).hexdigest()


@attrs.frozen
class Sentence:
    """A sentence of a revision, with its place in the document's structure.

    Args:
        index: Position among the revision's sentences, from 0.
        span: Where it is in the original text (surrounding white space excluded).
        paragraph: Index of the paragraph (block separated by blank lines) it belongs to.
        heading: Whether it is a heading (Markdown ``#`` or a short title line).

    .. versionadded:: 0.1
    """

    index: int
    span: Span
    paragraph: int
    heading: bool = False

    @property
    def text(self) -> str:
        """The sentence's original text."""
        return self.span.text

    @functools.cached_property
    def clauses(self) -> tuple[Span, ...]:
        """Spans of its clauses, in order; together they cover the sentence's words.

        Clauses break at ``; : ,``, spaced dashes and coordinating conjunctions.
        """
        from revforensics._clauses import split_clauses  # noqa: PLC0415 - keeps model light

        base = self.span.start
        return tuple(Span(base + a, base + b, self.text[a:b]) for a, b in split_clauses(self.text))


@attrs.frozen
class Link:
    """One entry of a sentence alignment: which old sentences became which new ones.

    Args:
        op: ``equal`` (same words, maybe cosmetic differences), ``edited``, ``deleted``
            (old only) or ``inserted`` (new only).
        old: Indices of the old sentences; more than one for a merge.
        new: Indices of the new sentences; more than one for a split.
        similarity: Token similarity of the two sides, from 0 to 1 (1 for ``equal``,
            0 for ``deleted`` and ``inserted``).
        moved: Whether the sentence left its relative place (outside the longest
            increasing subsequence of the alignment).

    .. versionadded:: 0.1
    """

    op: AlignmentOp
    old: tuple[int, ...] = attrs.field(converter=_ints)
    new: tuple[int, ...] = attrs.field(converter=_ints)
    similarity: float = 0.0
    moved: bool = False
