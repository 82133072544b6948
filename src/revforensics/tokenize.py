"""Word tokens of a normalized text, with comparison keys.

A token's *key* is what the diff compares: words compare case-insensitively, numbers by
value (``1,000``, ``1 000`` and ``1000`` share a key), so variants that only differ in
form diff as equal and are reported as cosmetic edits, never as findings.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Literal, NamedTuple

__all__ = ["Token", "TokenKind", "number_value", "tokenize"]

TokenKind = Literal["word", "number", "url", "punct"]

_MARK = "[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_LETTER = r"[^\W_]"
_HAS_MARK = re.compile(_MARK)
_TOKEN = re.compile(
    # URLs stop at brackets and backslashes: Markdown escapes them (``\(``) around links.
    r"(?P<url>https?://[^\s<>\"'()\[\]\\]*[^\s<>\"'()\[\]\\.,;:!?])"
    # Thousands grouped by comma or space (NBSP and thin spaces are spaces after
    # normalization), or a plain number with an optional decimal part; never glued to letters.
    r"|(?P<number>(?:\d{1,3}(?:[, ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![^\W_]))"
    # Combining marks (a stress accent NFC cannot compose) stay inside their word.
    rf"|(?P<word>{_LETTER}(?:{_LETTER}|{_MARK})*(?:['\-]{_LETTER}(?:{_LETTER}|{_MARK})*)*)"
    r"|(?P<punct>\.{2,}|[^\w\s]|_)",
)


class Token(NamedTuple):
    """One token of a normalized text.

    Attributes:
        start: Offset of its first character in the normalized text.
        end: Offset one past its last character.
        text: The normalized characters.
        key: What the diff compares (see the module docstring).
        kind: ``word``, ``number``, ``url`` or ``punct``.
    """

    start: int
    end: int
    text: str
    key: str
    kind: TokenKind


def number_value(text: str) -> Decimal | None:
    """Read a digit string with thousands separators or a decimal comma as a value.

    A comma or period followed by exactly three digits, or repeated, groups thousands;
    otherwise it is the decimal mark (``3,5`` is 3.5, ``1,500`` is 1500).

    Example:
        >>> number_value("12 000"), number_value("3,5"), number_value("1,500.25")
        (Decimal('12000'), Decimal('3.5'), Decimal('1500.25'))
    """
    digits = text.replace(" ", "")
    if "," in digits and "." in digits:
        decimal_mark = "." if digits.rfind(".") > digits.rfind(",") else ","
        grouping = "," if decimal_mark == "." else "."
        digits = digits.replace(grouping, "").replace(decimal_mark, ".")
    else:
        for mark in ",.":
            parts = digits.split(mark)
            if len(parts) > 2 or (len(parts) == 2 and len(parts[1]) == 3 and mark == ","):
                digits = "".join(parts)
            elif len(parts) == 2:
                digits = ".".join(parts)
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _number_key(text: str) -> str:
    value = number_value(text)
    if value is None:
        return text
    return "#" + format(value.normalize(), "f")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Split a normalized text (or its range ``[start, end)``) into tokens.

    Tokens are words, numbers, URLs and punctuation; offsets are into ``text``. White space
    is not a token; it is compared separately, as a cosmetic matter.

    Example:
        >>> [t.key for t in tokenize("Close to 1 000 Russian troops.")]
        ['close', 'to', '#1000', 'russian', 'troops', '.']
    """
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        kind: TokenKind = match.lastgroup  # type: ignore[assignment]
        value = match.group()
        if kind == "word":
            key = value.casefold()
            if _HAS_MARK.search(key):
                key = "".join(c for c in key if not unicodedata.combining(c))
        elif kind == "number":
            key = _number_key(value)
        elif kind == "punct" and value[0] == ".":
            key = value if len(value) == 1 else "..."
        else:
            key = value
        append(Token(match.start(), match.end(), value, key, kind))
    return tokens
