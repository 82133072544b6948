r"""Page furniture: the parts of a captured page that are navigation, not statements.

Captured pages carry more than the statement: pointers to other pages ("See [Dual
citizenship](https://...)"), copyright lines, and feeds of teasers that rotate on every
visit (a feature carousel, a news listing). Their edits are real, but they are the page
moving, not the publisher changing what it says, so their findings weigh little
(:data:`FURNITURE_SALIENCE`); nothing is hidden.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

from revforensics.lexicon import lexicon
from revforensics.tokenize import Token

__all__ = [
    "FURNITURE_SALIENCE",
    "feed_ranges",
    "furniture",
    "is_cross_reference",
    "is_furniture",
]

FURNITURE_SALIENCE = 0.4
"""Weight of page furniture in a finding's severity."""

_TEMPLATE_WORDS = 4
_TEMPLATE_CHARS = 50
_FEED_ITEMS = 3
_FEED_ITEM_LINES = 3
_FEED_MAX_ITEMS = 200
_FEED_ALIKE = 60
_LETTER = re.compile(r"[^\W\d_]")
_LINK = re.compile(r"https?://|www\.|\]\(")
_LEADING_MARKS = re.compile(r"[\s\-*•#>_]*")
_NAVIGATION = re.compile(
    r"[\s\-*•#>_]*\[(?:prev|previous|next|back to)\b[^\]]*\]\([^)]*\)[\s\W]*",
    re.IGNORECASE,
)
"""A line that is only a link whose text opens with Prev or Next: navigation between a
help centre's articles. A sentence that goes on after the link is a sentence."""
_COPYRIGHT = re.compile(r"[\s\-*•#>_]*(?:©|\(c\)\s|copyright\b|all rights reserved)", re.IGNORECASE)

_Line = tuple[int, int, str, int]
"""A non-blank line: offsets of its stripped text, its template key, its paragraph.

The key is the case-folded text of a short line (four words or fewer, 50 characters or
fewer, with a letter); it is empty for every other line.
"""


@functools.cache
def _pointer_opening() -> re.Pattern[str]:
    cues = sorted(lexicon("pointer_cues"), key=len, reverse=True)
    alternatives = "|".join(re.escape(c) + (r"(?!\w)" if c[-1].isalnum() else "") for c in cues)
    return re.compile(f"(?:{alternatives})", re.IGNORECASE)


def is_furniture(sentence: str) -> bool:
    """Whether a sentence is a pointer (a cue such as ``See`` and a link) or a copyright line.

    Example:
        >>> is_furniture("See [Dual citizenship](https://www.gov.uk/dual-citizenship).")
        True
        >>> is_furniture("© U.S. Department of the Interior.")
        True
        >>> is_furniture("See how the troops advanced.")  # no link: a sentence like others
        False
    """
    return _is_furniture_at(
        sentence, 0, len(sentence), [m.start() for m in _LINK.finditer(sentence)]
    )


def is_cross_reference(text: str, tokens: Sequence[Token], lo: int, hi: int) -> bool:
    """Whether tokens ``[lo, hi)`` are a cross-reference in parentheses.

    A cross-reference is a pointer cue, then where to look: ``(see Annex 2)``,
    ``(cf. Table 3)``, ``(див. додаток 2)``. ``text`` is the text the tokens' offsets
    point into. The run may hold its brackets or stand right inside them.

    Example:
        >>> from revforensics.tokenize import tokenize
        >>> text = "Fees apply (see the table below) to all cars."
        >>> is_cross_reference(text, tokenize(text), 2, 8)
        True
        >>> text = "Residents will see power cuts tonight."
        >>> is_cross_reference(text, tokenize(text), 2, 6)
        False
    """
    while lo < hi and tokens[lo].text == "(" and tokens[hi - 1].text == ")":
        lo, hi = lo + 1, hi - 1
    opened = lo > 0 and tokens[lo - 1].text == "("
    closed = hi < len(tokens) and tokens[hi].text == ")"
    if not (opened and closed) or lo >= hi:
        return False
    inside = tokens[lo:hi]
    if any(t.text in "():" for t in inside):
        return False  # "(see below: diplomats are exempt)" says something itself
    # A pointer names where to look: a numbered part ("Table 3 of the annual report"),
    # or, in a few words, "below", "above" or a link.
    numbered = any(
        t.key in _WHERE_WORDS and nxt.kind == "number" for t, nxt in itertools.pairwise(inside)
    )
    where = any(t.kind in ("number", "url") or t.key in _WHERE_WORDS for t in inside)
    limit = _NUMBERED_REFERENCE_TOKENS if numbered else _CROSS_REFERENCE_TOKENS
    if not where or len(inside) > limit:
        return False
    return bool(_pointer_opening().match(text, tokens[lo].start, tokens[hi - 1].end))


_CROSS_REFERENCE_TOKENS = 6
"""Tokens a cross-reference holds at the most: "see the table below"."""
_NUMBERED_REFERENCE_TOKENS = 10
"""The same, when it names a numbered part: "cf. Table 3 of the annual report"."""
_WHERE_WORDS = frozenset(
    {
        *("below", "above", "annex", "appendix", "table", "figure", "fig", "section", "page"),
        *("нижче", "вище", "додаток", "додатку", "таблицю", "рис", "розділ", "стор"),
        *("ниже", "выше", "приложение", "приложения", "таблицу", "раздел", "стр"),
    }
)
"""Words that say where to look, when no figure or link does."""


def _lines(text: str) -> list[_Line]:
    """The non-blank lines; a short one (a template candidate) keys by its folded text."""
    lines: list[_Line] = []
    pos = paragraph = 0
    for raw in text.splitlines(keepends=True):
        body = raw.strip()
        if body:
            start = pos + raw.index(body[0])
            key = ""
            if len(body) <= _TEMPLATE_CHARS and len(body.split()) <= _TEMPLATE_WORDS:
                key = body.casefold() if _LETTER.search(body) else ""
            lines.append((start, start + len(body), key, paragraph))
        else:
            paragraph += 1
        pos += len(raw)
    return lines


def _blocks(
    lines: Sequence[_Line], template: Sequence[bool]
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Blocks of content lines, each with the run of template lines that follows it."""
    blocks: list[tuple[int, int, tuple[str, ...]]] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and not template[j]:
            j += 1
        k = j
        while k < len(lines) and template[k]:
            k += 1
        if j > i and k > j:
            # An item is the block's last paragraph. A longer one (a page header, then
            # the first teaser) gives only its last line to the feed.
            first = j - 1
            while first > i and lines[first - 1][3] == lines[j - 1][3]:
                first -= 1
            first = first if j - first <= _FEED_ITEM_LINES else j - 1
            blocks.append((first, j, tuple(line[2] for line in lines[j:k])))
        i = max(k, i + 1)
    return blocks


def feed_ranges(text: str) -> list[tuple[int, int]]:
    r"""Character ranges of the items of a feed: a list of teasers that rotate.

    News listings and feature carousels repeat one template after every item (``Share /
    Facebook / Twitter / View info``, ``Read more``). A template line is a short line
    (four words or fewer, with a letter) that occurs three times or more. A feed item is
    the last paragraph of a block of other lines (at most three lines; only its last
    line when longer) followed by a run of template lines; the run must follow at least
    three blocks, no two of them alike (an Indel similarity of 60 % or more).

    Example:
        >>> teasers = ["Manatees need warm water.", "Spring comes early.", "Meet our rangers."]
        >>> page = "".join(f"{teaser}\nShare\nView info\n" for teaser in teasers)
        >>> [page[a:b] for a, b in feed_ranges(page)] == teasers
        True
    """
    lines = _lines(text)
    counts = Counter(key for _, _, key, _ in lines if key)
    template = [bool(line[2]) and counts[line[2]] >= _FEED_ITEMS for line in lines]
    if sum(template) < _FEED_ITEMS:
        return []
    items: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for a, b, run in _blocks(lines, template):
        items.setdefault(run, []).append((a, b))
    ranges: list[tuple[int, int]] = []
    for found in items.values():
        texts = [text[lines[a][0] : lines[b - 1][1]].casefold() for a, b in found]
        if len(found) >= _FEED_ITEMS and _all_different(texts):
            ranges.extend((lines[a][0], lines[b - 1][1]) for a, b in found)
    return sorted(ranges)


def _all_different(texts: Sequence[str]) -> bool:
    """Whether no two texts are alike: teasers differ, copies of one clause do not.

    A page that prints one text several times (a terms page with a copy per region, an
    address under each office) repeats its headings too, but its blocks are near copies.
    """
    if len(texts) > _FEED_MAX_ITEMS:
        return False
    # Pairwise, not rapidfuzz's cdist: cdist needs NumPy, which is not a dependency.
    return not any(
        fuzz.ratio(a, b, score_cutoff=_FEED_ALIKE)
        for i, a in enumerate(texts)
        for b in texts[i + 1 :]
    )


def furniture(text: str, sentences: Sequence[tuple[int, int, bool]]) -> list[int]:
    r"""Indices of the sentences that are page furniture.

    Args:
        text: The revision's text.
        sentences: Each sentence's start, end and whether it is a heading.

    Example:
        >>> text = "Forces advanced.\nSee [maps](https://example.org)."
        >>> furniture(text, [(0, 16, False), (17, 49, False)])
        [1]
    """
    feed = feed_ranges(text)
    starts = [a for a, _ in feed]
    links = [m.start() for m in _LINK.finditer(text)]  # one scan, not one per sentence
    found: list[int] = []
    for i, (start, end, heading) in enumerate(sentences):
        k = bisect.bisect_right(starts, start) - 1
        in_feed = k >= 0 and start < feed[k][1]
        if in_feed or (not heading and _is_furniture_at(text, start, end, links)):
            found.append(i)
    return found


def _is_furniture_at(text: str, start: int, end: int, links: Sequence[int]) -> bool:
    """:func:`is_furniture` for ``text[start:end]``, given where the text's links start."""
    if _COPYRIGHT.match(text, start, end) or _NAVIGATION.fullmatch(text, start, end):
        return True
    k = bisect.bisect_left(links, start)
    if k == len(links) or links[k] >= end:
        return False
    marks = _LEADING_MARKS.match(text, start, end)
    return bool(_pointer_opening().match(text, marks.end() if marks else start, end))
