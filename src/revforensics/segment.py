"""Stage 2: split a text into paragraphs, sentences and clauses, with offsets.

Line structure comes first, because official posts and Markdown pages use it: every line
break ends a sentence unless it is a hard wrap (the line ends without terminal punctuation
and the next starts in lower case), a blank line ends a paragraph, and a Markdown ``#``
line is a heading. Inside a line, `sentencex` finds the boundaries, and a small pass of our
own merges its false splits after abbreviations and initials in English, Ukrainian and
Russian (``Gen. Syrskyi``, ``ген. Сирський``, ``Д. С. Песков``, ``ст. 5``, ``p.m. today``),
which the design's measurements found every library gets wrong.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import sentencex

from revforensics._lang import check_language, detect_language
from revforensics.lexicon import lexicon
from revforensics.model import Sentence
from revforensics.normalize import Normalized, normalize

__all__ = ["Segment", "segment", "segment_normalized"]


class Segment(NamedTuple):
    """A sentence in normalized offsets (the internal twin of :class:`Sentence`)."""

    start: int
    end: int
    paragraph: int
    heading: bool


_LIST_ITEM = re.compile(r"\s*(?:[-*+•▪►◦]\s|\d{1,3}[.)]\s|[a-zа-я][.)]\s)")
_TERMINAL = frozenset(".!?:;\"')»]")
_INITIAL = re.compile(r"^[A-ZА-ЯІЇЄҐ]$")
_TRAILING_REFERENCE = re.compile(r"\s*\[[^\[\]\n]{1,20}\]$")
_REFERENCE_WINDOW = 24
_ENDS = frozenset(".!?…")
_MAX_TITLE_WORDS = 15


def _is_false_split(previous: str, following: str) -> bool:
    """Whether the boundary between two sentencex pieces is an abbreviation, not an end."""
    if _MARKER_ONLY.fullmatch(previous):
        return True
    # Look at the tail only: a regex search anchored at the end of a long piece is quadratic.
    tail = previous.rstrip()
    reference = _TRAILING_REFERENCE.search(tail[-_REFERENCE_WINDOW:])
    if reference:
        # sentencex ends a sentence after a bracketed reference: "as shown in [3] and".
        tail = tail[: len(tail) - len(reference.group())]
        if not tail or tail[-1] not in _ENDS:
            return True
    if not tail.endswith("."):
        return False
    pieces = tail[:-1].rsplit(None, 1)
    word = pieces[-1].lstrip('("[') if pieces else ""
    if not word:
        return False
    head = following.lstrip()[:1]
    return (
        bool(_INITIAL.match(word))
        or word.lower() in lexicon("abbreviations_title")
        or head.islower()
        or ((head.isdigit() or head in "([") and word.lower() in lexicon("abbreviations"))
    )


# A line can hold more than one sentence only if a terminator (perhaps with a footnote
# mark such as "[3]") is followed by a space.
_INNER_END = re.compile(r"[.!?;\u3002][\"')\]]*(?:\[[^\[\]\s]{1,10}\])?(?=\s)")
# A piece that is only an ordered-list marker ("1.", "b)") belongs to the item after it.
_MARKER_ONLY = re.compile(r"\s*(?:\d{1,3}|[a-zа-я])[.)]\s*")


def _sentences_in_line(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    piece = text[start:end].rstrip()
    if not _INNER_END.search(piece):
        return [(start, start + len(piece))]
    try:
        found = sentencex.get_sentence_boundaries(lang, piece)
    except Exception:  # noqa: BLE001 - a splitter failure must not lose the comparison
        return [(start, start + len(piece))]
    bounds: list[list[int]] = []
    for item in found:
        s, e = int(item["start_index"]), int(item["end_index"])
        if not piece[s:e].strip():
            continue
        if bounds and _is_false_split(piece[bounds[-1][0] : bounds[-1][1]], piece[s:e]):
            bounds[-1][1] = e
        else:
            bounds.append([s, e])
    out = []
    for s, e in bounds:
        chunk = piece[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        out.append((start + s + lead, start + e - trail))
    return out


def _lines(text: str) -> list[tuple[int, int, int]]:
    """Logical lines ``(start, end, paragraph)``: hard-wrapped lines are joined."""
    lines: list[tuple[int, int, int]] = []
    paragraph = 0
    blank_before = False
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        stripped = raw.strip()
        if not stripped:
            blank_before = bool(lines)
            continue
        if blank_before:
            paragraph += 1
            blank_before = False
        elif lines:
            prev_start, prev_end, prev_par = lines[-1]
            prev = text[prev_start:prev_end].rstrip()
            continues = (
                stripped[0].islower()
                and prev[-1] not in _TERMINAL
                and not _LIST_ITEM.match(raw)
                and not prev.lstrip().startswith("#")
            )
            if continues:
                lines[-1] = (prev_start, end, prev_par)
                continue
        lines.append((start, end, paragraph))
    return lines


def segment_normalized(norm: Normalized, lang: str) -> list[Segment]:
    """Segment a normalized text; offsets are into ``norm.text``."""
    text = norm.text
    segments: list[Segment] = []
    lines = _lines(text)
    for line_no, (start, end, paragraph) in enumerate(lines):
        line = text[start:end].strip()
        heading = line.startswith("#")
        if not heading and line_no == 0:
            words = len(line.split())
            heading = line[-1] not in _TERMINAL and words <= _MAX_TITLE_WORDS and len(lines) > 1
        pieces = [(start, end)] if heading else _sentences_in_line(text, start, end, lang)
        for s, e in pieces:
            chunk = text[s:e]
            s2 = s + len(chunk) - len(chunk.lstrip())
            e2 = e - (len(chunk) - len(chunk.rstrip()))
            if e2 > s2:
                segments.append(Segment(s2, e2, paragraph, heading))
    return segments


def segment(text: str, *, lang: str | None = None) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with their paragraphs and clauses.

    Args:
        text: The original text; spans index it.
        lang: ``en``, ``uk``, ``ru`` (or another code sentencex knows). Detected when
            ``None``.

    Returns:
        The sentences in order, with original-text spans.

    Raises:
        InputTypeError: If ``text`` is not a ``str``.
        InputError: If ``lang`` is an empty string.

    Example:
        >>> [s.text for s in segment("Gen. Syrskyi said so at 5 p.m. today. Ген. Сирський - теж.")]
        ['Gen. Syrskyi said so at 5 p.m. today.', 'Ген. Сирський - теж.']

    .. versionadded:: 0.1
    """
    norm = normalize(text)
    code = check_language(lang) or detect_language(norm.text)
    return tuple(
        Sentence(
            index=i,
            span=norm.span(seg.start, seg.end),
            paragraph=seg.paragraph,
            heading=seg.heading,
        )
        for i, seg in enumerate(segment_normalized(norm, code))
    )
