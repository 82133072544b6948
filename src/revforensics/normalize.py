r"""Stage 1: fold typographic variants away, keeping a map back to the original text.

:func:`normalize` returns a :class:`Normalized` text in which quote, apostrophe, dash,
space and ellipsis variants, invisible and bidirectional-control characters, ``ё`` and
Latin/Cyrillic look-alikes inside a word are folded to one form, and base characters with
combining marks are composed (NFC). Every later stage
works on the normalized text and converts its offsets back with :meth:`Normalized.span`,
so that every reported span indexes the original string.

Most folds replace one character with one character, which keeps offsets unchanged;
only the few length-changing folds (``…`` to ``...``, removed invisible characters,
``\r\n`` to ``\n``, NFC composition) are recorded, as chunks, so the map stays small.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable

import attrs

from revforensics.errors import InputTypeError
from revforensics.model import Span

__all__ = [
    "DASHES",
    "DOUBLE_QUOTES",
    "INVISIBLE",
    "SINGLE_QUOTES",
    "Normalized",
    "fold_homoglyphs",
    "normalize",
    "skeleton",
]

# One-to-one folds. Keys are single characters; values are single characters.
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02\u2039\u203a"
SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4\uff07\u02b9"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_SPACES = (
    "\t\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
)
_LINE_BREAKS = "\u2028\u2029\x85"
_ONE_TO_ONE: dict[str, str] = {
    **dict.fromkeys(DOUBLE_QUOTES, '"'),
    **dict.fromkeys(SINGLE_QUOTES, "'"),
    **dict.fromkeys(DASHES, "-"),
    **dict.fromkeys(_SPACES, " "),
    **dict.fromkeys(_LINE_BREAKS, "\n"),
    "ё": "е",
    "Ё": "Е",
}
# Characters that render as nothing: zero-width space/joiners, word joiner, BOM, soft hyphen,
# Mongolian vowel separator. Removing them changes offsets, so they are recorded as chunks.
INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"
    # bidirectional marks, embeddings, overrides and isolates
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_LENGTH_CHANGING: dict[str, str] = {"\u2026": "...", **dict.fromkeys(INVISIBLE, "")}

_SPECIAL = re.compile(
    "[" + re.escape("".join(_ONE_TO_ONE) + "".join(_LENGTH_CHANGING)) + "]|\r\n?",
)
# A base character with its combining marks: the unit NFC composes.
_CLUSTER = re.compile(
    r"(?s).[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+"
)

# Latin and Cyrillic letters that look the same. Inside a word written mostly in one
# script, look-alikes from the other are folded into it ("Кyрськ" with a Latin y is Курськ).
_LATIN_TO_CYRILLIC = dict(zip("aceopxyikACEHIKMOPTXB", "асеорхуікАСЕНІКМОРТХВ", strict=True))
_CYRILLIC_TO_LATIN = {v: k for k, v in _LATIN_TO_CYRILLIC.items()}
# Words that hold both an ASCII letter and a Cyrillic one; only these can need folding.
# Lookaheads from each word start keep the scan linear (nested stars backtrack).
_MIXED_WORD = re.compile(r"(?<![^\W\d_])(?=[^\W\d_]*[A-Za-z])(?=[^\W\d_]*[\u0400-\u04ff])[^\W\d_]+")
_ANY_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Greek letters that look like Latin or Cyrillic ones ("Οdesa" with a Greek omicron).
# A word written wholly in Greek is Greek and is never touched.
_GREEK_TO_LATIN = dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνρυχ", "ABEZHIKMNOPTYXoikvpux", strict=True))
_GREEK_TO_CYRILLIC = dict(zip("ΑΒΕΗΙΚΜΟΡΤΧοικρχ", "АВЕНІКМОРТХоікрх", strict=True))
_GREEK_MIXED = re.compile(
    r"(?<![^\W\d_])(?=[^\W\d_]*[\u0370-\u03ff])(?=[^\W\d_]*[A-Za-z\u0400-\u04ff])[^\W\d_]+"
)
_ANY_GREEK = re.compile(r"[\u0370-\u03ff]")


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff" or "\u0500" <= char <= "\u052f"


def _is_latin(char: str) -> bool:
    return char.isascii() or "\u00c0" <= char <= "\u024f"


def fold_homoglyphs(text: str) -> str:
    """Fold Latin/Cyrillic look-alikes inside mixed-script words into the word's script.

    The script is chosen by the letters that have no look-alike; a word written wholly in
    one script is never touched. Greek look-alikes (``Ο``, ``ο``, ``Α``) inside a Latin or
    Cyrillic word are folded too. The result has the same length as ``text``.

    Example:
        >>> fold_homoglyphs("Кyрськ and Kursk")  # the y is Latin
        'Курськ and Kursk'
        >>> fold_homoglyphs("Οdesa and Αθήνα")  # a Greek omicron; a Greek word stays
        'Odesa and Αθήνα'
    """
    if _ANY_GREEK.search(text):
        text = _GREEK_MIXED.sub(_fold_greek, text)

    def repair(match: re.Match[str]) -> str:
        word = match.group()
        cyr = [c for c in word if _is_cyrillic(c)]
        if not cyr or len(cyr) == len(word):
            return word
        lat = [c for c in word if _is_latin(c)]
        if not lat:
            return word
        cyr_own = sum(c not in _CYRILLIC_TO_LATIN for c in cyr)
        lat_own = sum(c not in _LATIN_TO_CYRILLIC for c in lat)
        to_cyrillic = (cyr_own, len(cyr)) > (lat_own, len(lat))
        table = _LATIN_TO_CYRILLIC if to_cyrillic else _CYRILLIC_TO_LATIN
        return "".join(table.get(c, c) for c in word)

    if not _ANY_CYRILLIC.search(text):
        return text
    return _MIXED_WORD.sub(repair, text)


def _fold_greek(match: re.Match[str]) -> str:
    """A Latin or Cyrillic word with Greek look-alikes in it, written in its own script."""
    word = match.group()
    cyrillic = sum(_is_cyrillic(c) for c in word) > sum(c.isascii() for c in word)
    table = _GREEK_TO_CYRILLIC if cyrillic else _GREEK_TO_LATIN
    return "".join(table.get(c, c) for c in word)


Chunk = tuple[int, int, int, int]


def _chunks(values: Iterable[Chunk]) -> tuple[Chunk, ...]:
    return tuple(values)


def skeleton(text: str) -> str:
    """Map every Cyrillic look-alike letter to its Latin twin, for comparing spellings.

    Two words with the same skeleton look the same on screen.

    Example:
        >>> skeleton("Сеіс") == skeleton("Ceic")
        True
    """
    return text.translate(_SKELETON)


_SKELETON = str.maketrans(_CYRILLIC_TO_LATIN)


@attrs.frozen
class Normalized:
    """A normalized text with the map back to its original.

    Args:
        original: The text as given.
        text: The normalized text.
        chunks: Length-changing folds as ``(norm_start, norm_end, orig_start, orig_end)``,
            sorted; everywhere else one normalized character is one original character.

    .. versionadded:: 0.1
    """

    original: str
    text: str
    chunks: tuple[Chunk, ...] = attrs.field(converter=_chunks, repr=False)
    _starts: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)

    @_starts.default
    def _index_starts(self) -> tuple[int, ...]:
        return tuple(c[0] for c in self.chunks)

    def _chunk_before(self, pos: int) -> tuple[int, int, int, int] | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        return self.chunks[i] if i >= 0 else None

    def _start(self, pos: int) -> int:
        chunk = self._chunk_before(pos)
        if chunk is None:
            return pos
        n_start, n_end, o_start, o_end = chunk
        if n_start <= pos < n_end:
            return o_start
        return pos - n_end + o_end

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the normalized range ``[start, end)`` to the original text's offsets.

        A range that covers part of a length-changing fold widens to the whole fold, so
        the original range always covers the characters that produced the normalized ones.
        """
        if not self.chunks:
            return (start, end) if start < end else (start, start)
        if start >= end:
            pos = self._start(start)
            return pos, pos
        last = end - 1
        chunk = self._chunk_before(last)
        if chunk is not None and chunk[0] <= last < chunk[1]:
            o_end = chunk[3]
        else:
            o_end = self._start(last) + 1
        return self._start(start), o_end

    def span(self, start: int, end: int) -> Span:
        """The original-text :class:`~revforensics.model.Span` of a normalized range."""
        o_start, o_end = self.to_original(start, end)
        return Span(o_start, o_end, self.original[o_start:o_end])


def _fold_char(char: str) -> str:
    return _LENGTH_CHANGING.get(char, _ONE_TO_ONE.get(char, char))


def normalize(text: str) -> Normalized:
    r"""Normalize ``text`` for comparison, keeping a map back to the original offsets.

    Folds: Unicode NFC; typographic double quotes and guillemets to ``"``; single quotes
    and apostrophes (including the Ukrainian ``ʼ``) to ``'``; dashes and the minus sign to
    ``-``; every space variant (NBSP, thin, narrow) to a space; ``\\r\\n`` and Unicode line
    separators to ``\\n``; ``…`` to ``...``; invisible characters removed; ``ё`` to ``е``;
    Latin/Cyrillic look-alikes inside mixed-script words. Case is kept.

    Args:
        text: Any string.

    Returns:
        The normalized text and its offset map.

    Raises:
        InputTypeError: If ``text`` is not a ``str``.

    Example:
        >>> n = normalize("«Нові» — «наступальні»…")
        >>> n.text
        '"Нові" - "наступальні"...'
        >>> n.span(9, 25).text
        '«наступальні»…'

    .. versionadded:: 0.1
    """
    if not isinstance(text, str):
        msg = f"normalize() takes a str, got {type(text).__name__}"
        raise InputTypeError(msg)
    pattern = _SPECIAL
    if not unicodedata.is_normalized("NFC", text):
        pattern = re.compile(f"{_CLUSTER.pattern}|{_SPECIAL.pattern}")
    pieces: list[str] = []
    chunks: list[tuple[int, int, int, int]] = []
    n = 0
    done = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        pieces.append(text[done:start])
        n += start - done
        found = match.group()
        if found[0] == "\r":
            replacement = "\n"
        elif len(found) > 1:  # a base character with combining marks
            replacement = "".join(map(_fold_char, unicodedata.normalize("NFC", found)))
        else:
            replacement = _fold_char(found)
        if len(replacement) != end - start:
            chunks.append((n, n + len(replacement), start, end))
        pieces.append(replacement)
        n += len(replacement)
        done = end
    pieces.append(text[done:])
    return Normalized(text, fold_homoglyphs("".join(pieces)), chunks)
