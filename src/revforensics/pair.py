"""The context a detector sees: one alignment link with its tokens and word diff."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, cast

from revforensics._dmp import Encoder
from revforensics._furniture import FURNITURE_SALIENCE, furniture
from revforensics.cosmetic import classify_change, is_protected
from revforensics.diff import Hunk
from revforensics.findings import CosmeticKind, FindingKind
from revforensics.judge import LEDE_SALIENCE, TITLE_SALIENCE, severity
from revforensics.lexicon import lexicon
from revforensics.model import Link, Revision, Sentence, Span
from revforensics.normalize import Normalized
from revforensics.segment import Segment
from revforensics.tokenize import Token, tokenize

if TYPE_CHECKING:
    from revforensics.detect.dates import DateMention

__all__ = ["AlignedPair", "Document"]

_LEDE_SENTENCES = 2
_STEM = 5


class Document:
    """A revision taken through normalize and segment (internal to a comparison).

    Tokens and token codes are computed per sentence on first use: most sentences of a
    long, lightly edited statement are identical in both versions and never need them.
    """

    def __init__(
        self,
        revision: Revision,
        norm: Normalized,
        lang: str,
        segments: Sequence[Segment],
        encoder: Encoder,
    ) -> None:
        """Work out each sentence's anchor key; salience waits until a finding needs it."""
        self.revision = revision
        self.norm = norm
        self.lang = lang
        self.segments = list(segments)
        self._encoder = encoder
        self._tokens: dict[int, list[Token]] = {}
        self._codes: dict[int, str] = {}
        text = norm.text
        self.anchor_keys = [" ".join(text[s.start : s.end].casefold().split()) for s in segments]
        """Per sentence, its normalized text folded for case and white space."""
        self.anchor_set = frozenset(self.anchor_keys)
        self.sentences = tuple(
            Sentence(
                index=i,
                span=norm.span(seg.start, seg.end),
                paragraph=seg.paragraph,
                heading=seg.heading,
            )
            for i, seg in enumerate(self.segments)
        )

    @cached_property
    def salience(self) -> list[float]:
        """Each sentence's weight in a finding's severity (title, lede, furniture, stamps).

        Worked out on first use: a text whose sentences all stay unchanged never needs it.
        """
        return _salience(self.norm.text, self.segments)

    def sentence_tokens(self, index: int) -> list[Token]:
        """The tokens of one sentence (offsets into the normalized text)."""
        found = self._tokens.get(index)
        if found is None:
            seg = self.segments[index]
            tokens = tokenize(self.norm.text, seg.start, seg.end)
            found = self._tokens[index] = _mark_references(_mark_list_item(tokens), self.norm.text)
        return found

    def code(self, index: int) -> str:
        """One sentence's word tokens, one code point each: what alignment compares."""
        found = self._codes.get(index)
        if found is None:
            keys = (t.key for t in self.sentence_tokens(index) if t.kind != "punct")
            found = self._codes[index] = self._encoder.encode(keys)
        return found

    def stem_code(self, index: int) -> str:
        """One sentence's word stems, one code point each: a looser key for alignment.

        A stem is a word's first five letters, enough to tell ``постраждалих`` and
        ``постраждалі`` are one word; figures keep their value.
        """
        keys = (
            t.key[:_STEM] if t.kind == "word" else t.key
            for t in self.sentence_tokens(index)
            if t.kind != "punct"
        )
        return self._encoder.encode(keys)

    def span(self, start: int, end: int) -> Span:
        """The original-text span of a normalized range."""
        return self.norm.span(start, end)


_PROSE_END = re.compile(r"[.!?…][\"')\]»]*$")


METADATA_SALIENCE = 0.15
"""Weight of a page's revision metadata: a stamp label and the value that follows it."""


def _is_stamp_label(line: str) -> bool:
    """A label such as ``Latest update:`` or ``Оновлено:``: stamp words and a colon only."""
    stripped = line.strip()
    if not stripped.endswith(":"):
        return False
    words = stripped[:-1].casefold().split()
    return bool(words) and all(w in lexicon("date_stamp_words") for w in words)


def _salience(text: str, segments: Sequence[Segment]) -> list[float]:
    """Title x1.5; the lede, the first two prose sentences of the body, x1.3; metadata x0.15.

    Prose sentences end with a terminator: labels and date lines ("Still current at:",
    ": 2 August 2025") that open many official pages are not the lede. A text with no
    prose sentence (a post of bare lines) takes its first two lines as the lede.
    A stamp label ("Latest update:", "Updated:", "Оновлено:") and the value after it
    describe the page's revisions, not the statement: every edit rewrites them.
    Page furniture (a pointer to a link, a copyright line, the teasers of a rotating
    feed; see :func:`revforensics._furniture.furniture`) weighs x0.4.
    """
    salience = [1.0] * len(segments)
    if segments and segments[0].heading:
        salience[0] = TITLE_SALIENCE
    metadata: set[int] = set()
    for i, seg in enumerate(segments):
        if _is_stamp_label(text[seg.start : seg.end]):
            metadata.update(k for k in (i, i + 1) if k < len(segments) and not segments[k].heading)
    body = [i for i, seg in enumerate(segments) if not seg.heading and i not in metadata]
    # Search only the last characters: a search from 0 on every sentence is quadratic.
    prose = [
        i
        for i in body
        if _PROSE_END.search(text, max(segments[i].start, segments[i].end - 8), segments[i].end)
    ]
    for i in (prose or body)[:_LEDE_SENTENCES]:
        salience[i] = LEDE_SALIENCE
    for i in metadata:
        salience[i] = METADATA_SALIENCE
    for i in furniture(text, [(seg.start, seg.end, seg.heading) for seg in segments]):
        salience[i] = FURNITURE_SALIENCE
    return salience


LIST_MARKER = "<list>"
"""The key shared by every ordered-list marker: renumbering a list is markup."""


def _mark_list_item(tokens: list[Token]) -> list[Token]:
    """Fold a leading ``12.`` or ``3)`` into one markup token keyed :data:`LIST_MARKER`."""
    if len(tokens) > 2 and tokens[0].kind == "number" and tokens[1].text in {".", ")"}:
        first, mark = tokens[0], tokens[1]
        if mark.start == first.end and first.text.isdigit() and len(first.text) <= 3:
            text = first.text + mark.text
            return [Token(first.start, mark.end, text, LIST_MARKER, "punct"), *tokens[2:]]
    return tokens


REFERENCE_MARKER = "<ref>"
"""The key shared by every footnote or citation mark: adding or renumbering one is markup."""

_REFERENCE_WORDS = frozenset({"citation", "citation needed", "cite", "ref", "note"})
_REFERENCE_INSIDE = 8
"""Tokens a reference mark may hold between its brackets, at most: ``[3, 5-7]``."""


def _is_reference(inner: Sequence[Token], *, glued: bool) -> bool:
    """Whether bracketed tokens are a footnote or citation mark.

    A mark holds figures (``3``, ``3, 5-7``) or one letter (``a``) glued to the word or
    stop before it (``held.[3]``, ``Monday[3]``), or a reference word anywhere
    (``[citation needed]``, ``[CITATION]``, ``[note 4]``). A bracketed figure after a
    space (``reached [12] tanks``, ``the toll was [12].``) is a figure: an editor's
    insertion or a filled-in template, not a footnote.
    """
    if not inner:
        return False
    words = " ".join(t.key for t in inner if t.kind == "word")
    figures = [t for t in inner if t.kind == "number"]
    if any(t.kind == "punct" and t.text not in {",", "-", ";"} for t in inner):
        return False
    if any(not (t.text.isdigit() and len(t.text) <= 3) for t in figures):
        return False  # [2024], [1.5]: a year or a value, not a footnote
    if words in _REFERENCE_WORDS:
        return True
    single_letter = len(inner) == 1 and len(words) == 1 and words.islower()
    return (single_letter or (bool(figures) and not words)) and glued


def _mark_references(tokens: list[Token], text: str) -> list[Token]:
    """Fold each footnote or citation mark into one markup token keyed :data:`REFERENCE_MARKER`.

    Marks such as ``[3]``, ``[12, 14]``, ``[a]`` and ``[citation needed]``. A mark points
    to a source; it is not a quantity, so adding, dropping or renumbering one is a
    cosmetic ``markup`` edit and never a ``number_changed``.
    """
    if not any(t.text == "[" for t in tokens):
        return tokens
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        token = tokens[k]
        if token.text == "[":
            close = next(
                (
                    j
                    for j in range(k + 1, min(len(tokens), k + _REFERENCE_INSIDE + 2))
                    if tokens[j].text in {"[", "]"}
                ),
                None,
            )
            if close is not None and tokens[close].text == "]":
                following = tokens[close + 1] if close + 1 < len(tokens) else None
                link = following is not None and following.text == "("  # [12](https://...)
                if not link and _is_reference(
                    tokens[k + 1 : close], glued=bool(out) and out[-1].end == token.start
                ):
                    end = tokens[close].end
                    mark = text[token.start : end]
                    out.append(Token(token.start, end, mark, REFERENCE_MARKER, "punct"))
                    k = close + 1
                    continue
        out.append(token)
        k += 1
    return out


def _date_items(
    tokens: Sequence[Token], dates: Sequence[DateMention]
) -> tuple[list[object], dict[int, int]]:
    """A side as a sequence of items, a whole date being one item (its value).

    Returns the items, and for each token that is not punctuation, its item's index.
    """
    from revforensics.detect.dates import date_key  # noqa: PLC0415 - see _reformatted_dates

    starts = {m.lo: m for m in dates}
    items: list[object] = []
    item_of: dict[int, int] = {}
    k = 0
    while k < len(tokens):
        mention = starts.get(k)
        if mention is not None:
            items.append(date_key(mention))
            item_of.update(dict.fromkeys(range(mention.lo, mention.hi), len(items) - 1))
            k = mention.hi
            continue
        if tokens[k].kind != "punct":
            items.append(tokens[k].key)
            item_of[k] = len(items) - 1
        k += 1
    return items, item_of


def _quoted_flags(tokens: Sequence[Token]) -> list[bool]:
    flags = []
    inside = False
    for token in tokens:
        if token.text == '"':
            inside = not inside
            flags.append(True)
        else:
            flags.append(inside)
    return flags


class AlignedPair:
    """One alignment link with everything a detector needs.

    Attributes:
        link: The alignment link.
        old: The old document; ``old_tokens`` are the tokens of the link's old sentences.
        new: The new document, likewise.
        hunks: The word diff of ``old_tokens`` against ``new_tokens`` (empty for
            ``deleted`` and ``inserted`` links, whose text is all removed or all added).

    .. versionadded:: 0.1
    """

    def __init__(self, link: Link, old: Document, new: Document, hunks: Sequence[Hunk]) -> None:
        """Gather the link's tokens; ``hunks`` is their word diff."""
        self.link = link
        self.old = old
        self.new = new
        self.old_tokens, self._old_firsts = self._gather(old, link.old)
        self.new_tokens, self._new_firsts = self._gather(new, link.new)
        self.hunks = list(hunks)
        self.shared: dict[str, object] = {}
        """Indexes that several detectors build from this pair, built once (by name)."""

    @staticmethod
    def _gather(doc: Document, sentences: Sequence[int]) -> tuple[list[Token], set[int]]:
        tokens: list[Token] = []
        firsts: set[int] = set()
        for i in sentences:
            firsts.add(len(tokens))
            tokens.extend(doc.sentence_tokens(i))
        return tokens, firsts

    # -- spans ---------------------------------------------------------------------------

    def old_span(self, i1: int, i2: int) -> Span:
        """The old-text span of tokens ``[i1, i2)``; an empty range gives a caret."""
        return self._span(self.old, self.old_tokens, self.link.old, i1, i2)

    def new_span(self, j1: int, j2: int) -> Span:
        """The new-text span of tokens ``[j1, j2)``; an empty range gives a caret."""
        return self._span(self.new, self.new_tokens, self.link.new, j1, j2)

    @staticmethod
    def _span(
        doc: Document, tokens: Sequence[Token], sentences: Sequence[int], lo: int, hi: int
    ) -> Span:
        if hi > lo:
            return doc.span(tokens[lo].start, tokens[hi - 1].end)
        if lo > 0:
            pos = tokens[lo - 1].end
        elif tokens:
            pos = tokens[0].start
        else:
            pos = doc.segments[sentences[0]].start if sentences else 0
        return doc.span(pos, pos)

    def old_text_span(self) -> Span | None:
        """The span of the link's old sentences, or ``None`` when it has none."""
        return self._group_span(self.old, self.link.old)

    def new_text_span(self) -> Span | None:
        """The span of the link's new sentences, or ``None`` when it has none."""
        return self._group_span(self.new, self.link.new)

    @staticmethod
    def _group_span(doc: Document, sentences: Sequence[int]) -> Span | None:
        if not sentences:
            return None
        return doc.span(doc.segments[sentences[0]].start, doc.segments[sentences[-1]].end)

    # -- judgement helpers -----------------------------------------------------------------

    @cached_property
    def salience(self) -> float:
        """The highest salience of the link's sentences on either side."""
        values = [self.old.salience[i] for i in self.link.old]
        values += [self.new.salience[j] for j in self.link.new]
        return max(values, default=1.0)

    def severity(self, kind: FindingKind, magnitude: float = 1.0) -> int:
        """The severity of a finding of ``kind`` in this pair, salience included."""
        return severity(kind, magnitude, self.salience)

    @staticmethod
    def is_content(token: Token) -> bool:
        """Whether a token carries content: a number, a URL or a non-stopword word."""
        if token.kind in ("number", "url"):
            return True
        return token.kind == "word" and token.key not in lexicon("stopwords")

    @cached_property
    def _protected(self) -> tuple[set[int], set[int]]:
        def flags(tokens: Sequence[Token], firsts: set[int]) -> set[int]:
            quoted = _quoted_flags(tokens)
            out = set()
            for k, token in enumerate(tokens):
                first = k in firsts or (k > 0 and tokens[k - 1].text in {"#", "*", "-", "+"})
                following = tokens[k + 1] if k + 1 < len(tokens) else None
                if is_protected(token, first=first, quoted=quoted[k], following=following):
                    out.add(k)
            return out

        return (
            flags(self.old_tokens, self._old_firsts),
            flags(self.new_tokens, self._new_firsts),
        )

    def dates(self, side: str) -> list[DateMention]:
        """The date and time expressions of one side's tokens, found once per pair."""
        key = f"dates.{side}"
        found = self.shared.get(key)
        if found is None:
            # Imported here: the detectors import this module.
            from revforensics.detect.dates import find_dates  # noqa: PLC0415

            tokens = self.old_tokens if side == "old" else self.new_tokens
            found = self.shared[key] = find_dates(tokens)
        return cast("list[DateMention]", found)

    @property
    def lang(self) -> str:
        """The language code of the new side (of the old side for a deleted sentence)."""
        return self.new.lang if self.link.new else self.old.lang

    @property
    def old_protected(self) -> frozenset[int]:
        """Indices of protected tokens among ``old_tokens`` (see :func:`is_protected`)."""
        return frozenset(self._protected[0])

    @property
    def new_protected(self) -> frozenset[int]:
        """Indices of protected tokens among ``new_tokens``."""
        return frozenset(self._protected[1])

    def meaningful(self) -> list[tuple[Hunk, list[Token], list[Token]]]:
        """The non-cosmetic hunks, each with its old and new tokens."""
        return [
            (hunk, self.old_tokens[hunk.i1 : hunk.i2], self.new_tokens[hunk.j1 : hunk.j2])
            for hunk, cosmetic in self.changes
            if cosmetic is None
        ]

    @cached_property
    def changed_tokens(self) -> tuple[Token, ...]:
        """The tokens of the meaningful hunks, old side then new side.

        Detectors check it first: most pairs change none of the words they read.
        """
        return tuple(t for _, old, new in self.meaningful() for t in (*old, *new))

    def touches_protected(self, hunk: Hunk) -> bool:
        """Whether a hunk changes a protected token on either side."""
        old_protected, new_protected = self._protected
        return any(k in old_protected for k in range(hunk.i1, hunk.i2)) or any(
            k in new_protected for k in range(hunk.j1, hunk.j2)
        )

    @cached_property
    def changes(self) -> list[tuple[Hunk, CosmeticKind | None]]:
        """Every non-equal hunk with its cosmetic class, or ``None`` when it is meaningful."""
        old_protected, new_protected = self._protected
        out: list[tuple[Hunk, CosmeticKind | None]] = []
        for hunk in self.hunks:
            if hunk.tag == "equal":
                continue
            old = self.old_tokens[hunk.i1 : hunk.i2]
            new = self.new_tokens[hunk.j1 : hunk.j2]
            flags = [k in old_protected for k in range(hunk.i1, hunk.i2)]
            flags += [k in new_protected for k in range(hunk.j1, hunk.j2)]
            out.append((hunk, classify_change(old, new, flags)))
        return self._reformatted_dates(out)

    def _reformatted_dates(
        self, changes: list[tuple[Hunk, CosmeticKind | None]]
    ) -> list[tuple[Hunk, CosmeticKind | None]]:
        """Mark the hunks that only rewrite dates and times that keep their value.

        ``5 March 2024`` / ``March 5, 2024`` / ``05.03.2024``, ``14:00`` / ``14.00``,
        ``вночі`` / ``уночі``. Each side is read as a sequence of words in which a whole
        date or time is one item, its value; the two sequences are diffed, and a token is
        kept when its item lies in a run both sequences share, in the same order. A hunk
        that touches a date and holds kept tokens only is cosmetic. Two dates swapped,
        or a date that stayed while the words around it were swapped ("on 5 March Russia
        attacked Ukraine" / "on March 5 Ukraine attacked Russia"), are not kept.
        """
        pending = [
            i
            for i, (hunk, cosmetic) in enumerate(changes)
            if cosmetic is None and self.touches_protected(hunk)
        ]
        if not pending:
            return changes
        old_dates, new_dates = self.dates("old"), self.dates("new")
        if not old_dates or not new_dates:
            return changes
        old_items, old_of = _date_items(self.old_tokens, old_dates)
        new_items, new_of = _date_items(self.new_tokens, new_dates)
        matcher = difflib.SequenceMatcher(None, old_items, new_items, autojunk=False)
        kept_old: set[int] = set()
        kept_new: set[int] = set()
        for a, b, size in matcher.get_matching_blocks():
            kept_old.update(k for k, item in old_of.items() if a <= item < a + size)
            kept_new.update(j for j, item in new_of.items() if b <= item < b + size)
        dated_old = {k for m in old_dates for k in range(m.lo, m.hi)}
        dated_new = {j for m in new_dates for j in range(m.lo, m.hi)}
        out = list(changes)
        for i in pending:
            hunk = changes[i][0]
            old = range(hunk.i1, hunk.i2)
            new = range(hunk.j1, hunk.j2)
            touches = any(k in dated_old for k in old) or any(j in dated_new for j in new)
            kept = all(k in kept_old or k not in old_of for k in old) and all(
                j in kept_new or j not in new_of for j in new
            )
            if touches and kept:
                tokens = (*self.old_tokens[hunk.i1 : hunk.i2], *self.new_tokens[hunk.j1 : hunk.j2])
                digits = any(t.kind == "number" for t in tokens)
                out[i] = (hunk, CosmeticKind.NUMBER_FORMAT if digits else CosmeticKind.TYPO)
        return out
