"""``qualifier_removed`` and ``qualifier_added``: specificity dropped from or added to a noun.

"new offensive operations" -> "operations" keeps the claim that there are operations and
drops the claim that they are new and offensive. A qualifier is a word of the
``qualifiers`` lexicon (Ukrainian and Russian entries are adjective stems, so every case
form matches: нові, нових, новими). It fires only when

- the qualifiers are all that a hunk changes on their side, apart from function words
  and punctuation, and the other side of the hunk adds no content word: a qualifier
  swapped for another word ("massive" -> "heavy", "launched new" -> "conducted") is a
  rewording, not a loss of specificity;
- the word right after them, their head noun, is kept: it is not part of the change,
  so a removed clause ("and launched new offensive operations") stays the assertion
  detector's;
- the qualifier's count over the whole pair changes: a qualifier that moved inside the
  sentence, or changed its case form, was neither removed nor added.

A word the list does not hold is a qualifier too when it is all a hunk inserts or
deletes, stands right before a kept content word and looks like a modifier: an English
word with an adjective suffix (``commercial``, ``automatic``, ``unprovoked``) or a
hyphenated compound (``high-voltage``, ``state-owned``), a Ukrainian or Russian word with
a long adjective ending (``цивільних``, ``гражданский``). Such a finding (rules
``qualifier.removed_modifier`` / ``qualifier.added_modifier``) weighs x0.8: the list's
words are the ones that change a claim's force. A plain noun used as a modifier
(``diesel generators``) cannot be told from a noun that lost its verb, and is left to the
``reworded`` fallback.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from revforensics.cosmetic import protected_words
from revforensics.detect._common import make_finding
from revforensics.detect._text import quote
from revforensics.diff import Hunk
from revforensics.findings import Evidence, Finding, FindingKind
from revforensics.lexicon import lexicon
from revforensics.model import Span
from revforensics.pair import AlignedPair
from revforensics.tokenize import Token

__all__ = ["detect_qualifiers", "qualifier_entry"]

EXTRA_QUALIFIER = 0.2
"""Each qualifier past the first adds this much to the magnitude."""
MAX_MAGNITUDE = 1.6
MODIFIER_MAGNITUDE = 0.8
"""A modifier found by its form, not listed: it specifies, but need not change force."""
_ENGLISH_ADJECTIVE_SUFFIXES = (
    *("al", "ial", "ic", "ical", "ive", "ous", "ful", "less", "able", "ible", "ary", "ory"),
    *("ian", "ese", "ish", "ent", "ant", "ed"),
)
_LONG_ADJECTIVE_ENDINGS = frozenset(
    (  # noqa: SIM905 - a word list reads best as one string
        "ий ій ого ього ої ому ьому ими іми их іх ый ая яя ое ее ые ие ых ым ыми ую юю его ему"
    ).split()
)
"""Endings of two letters or more that nouns rarely have: not -ою, -ею, -ой (ракетою,
страной), and a word in -ние or -тие (здание, заявление) is a noun."""
_NOUN_ENDINGS = ("ние", "тие", "ння", "ття", "ment", "ance", "ence", "ency")
_SHORT_ADJECTIVE = re.compile(
    r"(?:(?:ськ|цьк|зьк|альн|ільн|ильн|ичн|ічн|овн|ійн)[аеіяєую]|[ое]в[еі])$"
)
"""A one-letter ending after an adjective suffix: аварійні, позачергове, вогнепальна,
безкоштовне (Ukrainian nominatives). Only in words of seven letters or more, and never
``-ова``: війна, мова, голова, розмова are nouns."""
_SHORT_ADJECTIVE_MIN = 7
_MODIFIER_MIN = 4
"""Letters a modifier found by its form has at the least: shorter words are too ambiguous."""

# Ukrainian and Russian adjective endings (full forms only: the short forms and the -о
# adverbs, додатково and успешно, are left out on purpose).
_ADJECTIVE_ENDINGS = frozenset(
    (  # noqa: SIM905 - a word list reads best as one string
        "ий ій а я е є і ї ого ього ої ому ьому ій им ім ими ою ею у ю их іх "
        "ый ой ая яя ое ее ые ие ых ым ыми ом ем ую юю его ему ей"
    ).split()
)
_FILLER = frozenset(
    {"and", "or", "і", "й", "та", "и", "а", "a", "an", "the"}
    # Prepositions that change their form with the next word: "об умышленном поджоге" ->
    # "о поджоге", "зі службових" -> "з".
    | {"о", "об", "обо", "в", "во", "у", "с", "со", "к", "ко", "з", "із", "зі"}
)
_CYRILLIC = re.compile("[а-яіїєґ]")


class _Match(NamedTuple):
    """A qualifier: tokens ``[lo, hi)`` and the lexicon entry they matched."""

    lo: int
    hi: int
    entry: str


@functools.cache
def _lexicon() -> tuple[frozenset[str], tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The qualifier entries: single words, adjective stems, and multi-word phrases."""
    words: set[str] = set()
    stems: list[str] = []
    phrases: list[tuple[str, ...]] = []
    for entry in lexicon("qualifiers"):
        if " " in entry:
            phrases.append(tuple(entry.split()))
        elif entry.endswith("*"):
            stems.append(entry[:-1])
        else:
            words.add(entry)
    return frozenset(words), tuple(sorted(stems, key=len, reverse=True)), tuple(phrases)


@functools.cache
def qualifier_entry(key: str) -> str | None:
    """The lexicon entry a word's key matches, if any.

    Example:
        >>> qualifier_entry("нових"), qualifier_entry("новыми"), qualifier_entry("massive")
        ('нов*', 'нов*', 'massive')
        >>> qualifier_entry("додатково") is None, qualifier_entry("новини") is None
        (True, True)
    """
    words, stems, _ = _lexicon()
    if key in words:
        return key
    if _CYRILLIC.match(key):
        for stem in stems:
            if key.startswith(stem) and key[len(stem) :] in _ADJECTIVE_ENDINGS:
                return stem + "*"
    return None


def _qualifiers(tokens: Sequence[Token], openers: set[int]) -> list[_Match]:
    """Every qualifier in ``tokens``; a capital mid-sentence is a name (New York)."""
    _, _, phrases = _lexicon()
    out: list[_Match] = []
    k = 0
    while k < len(tokens):
        token = tokens[k]
        if token.kind != "word" or (token.text[:1].isupper() and k not in openers):
            k += 1
            continue
        phrase = next(
            (p for p in phrases if tuple(t.key for t in tokens[k : k + len(p)]) == p), None
        )
        if phrase is not None:
            out.append(_Match(k, k + len(phrase), " ".join(phrase)))
            k += len(phrase)
            continue
        entry = qualifier_entry(token.key)
        if entry is not None:
            out.append(_Match(k, k + 1, entry))
        k += 1
    return out


def _modifier_like(token: Token) -> bool:
    """Whether an unlisted word looks like a modifier by its form (see the module notes)."""
    key = token.key
    if token.kind != "word" or len(key) < _MODIFIER_MIN or key in lexicon("stopwords"):
        return False
    if key in protected_words() or qualifier_entry(key) is not None:
        return False  # a cue word is another detector's; a listed one is matched as such
    if key.endswith(_NOUN_ENDINGS) or not (key.isascii() or _CYRILLIC.match(key)):
        return False
    if _CYRILLIC.match(key):
        long = any(key.endswith(e) and len(key) > len(e) + 2 for e in _LONG_ADJECTIVE_ENDINGS)
        short = len(key) >= _SHORT_ADJECTIVE_MIN and bool(_SHORT_ADJECTIVE.search(key))
        return long or short
    if "-" in key.strip("-"):
        return True  # high-voltage, state-owned, long-range
    return key.endswith(_ENGLISH_ADJECTIVE_SUFFIXES)


def _sentence_starts(pair: AlignedPair, *, old: bool) -> set[int]:
    """The first word of each sentence (after any bullet or emoji), where capitals are free."""
    doc = pair.old if old else pair.new
    tokens = pair.old_tokens if old else pair.new_tokens
    starts: set[int] = set()
    k = 0
    for i in pair.link.old if old else pair.link.new:
        while k < len(tokens) and tokens[k].start < doc.segments[i].start:
            k += 1
        m = k
        while m < len(tokens) and tokens[m].kind != "word":
            m += 1
        starts.add(m)
    return starts


def _is_filler(token: Token) -> bool:
    return token.kind == "punct" or token.key in _FILLER


class _Side:
    """One side of a pair with its qualifiers and their counts."""

    def __init__(self, pair: AlignedPair, *, old: bool) -> None:
        self.pair = pair
        self.old = old
        self.tokens = pair.old_tokens if old else pair.new_tokens
        self.found = _qualifiers(self.tokens, _sentence_starts(pair, old=old))
        self.counts = Counter(m.entry for m in self.found)

    def span(self, lo: int, hi: int) -> Span:
        return self.pair.old_span(lo, hi) if self.old else self.pair.new_span(lo, hi)

    def inside(self, lo: int, hi: int) -> list[_Match]:
        return [m for m in self.found if lo <= m.lo and m.hi <= hi]

    def head(self, hi: int) -> int | None:
        """The kept head noun right after a changed run ending at ``hi``."""
        if hi >= len(self.tokens):
            return None
        token = self.tokens[hi]
        if token.kind != "word" or not self.pair.is_content(token):
            return None
        return hi  # a qualifier can head too: "a large-scale offensive"


def _bare_qualifiers(
    side: _Side, other: _Side, lo: int, hi: int, other_run: Sequence[Token]
) -> list[_Match] | None:
    """The qualifiers a hunk side ``[lo, hi)`` drops, when that is all it changes."""
    found = side.inside(lo, hi)
    if not found:
        return None
    covered = {k for m in found for k in range(m.lo, m.hi)}
    if any(k not in covered and not _is_filler(side.tokens[k]) for k in range(lo, hi)):
        return None  # other words changed too: a rewording or a clause
    if any(not _is_filler(t) for t in other_run):
        return None  # replaced by something: a swap, not a loss of specificity
    budget = side.counts - other.counts
    kept: list[_Match] = []
    for match in found:
        if budget[match.entry] > 0:
            budget[match.entry] -= 1
            kept.append(match)
    return kept or None


def detect_qualifiers(pair: AlignedPair) -> Iterator[Finding]:
    """Find specificity qualifiers dropped from or added before a kept head noun.

    Example:
        >>> import revforensics as rf
        >>> cmp = rf.compare(
        ...     "Units launched new offensive operations.", "Units launched operations."
        ... )
        >>> [(f.kind.value, f.old.text) for f in cmp.findings]
        [('qualifier_removed', 'new offensive')]

    .. versionadded:: 0.1
    """
    if pair.link.op in ("deleted", "inserted") or not pair.link.old or not pair.link.new:
        return
    meaningful = pair.meaningful()
    if not any(
        qualifier_entry(t.key) is not None or _modifier_like(t) for t in pair.changed_tokens
    ):
        return  # no qualifier came or went
    old, new = _Side(pair, old=True), _Side(pair, old=False)
    yield from _modifiers(pair, old, new, meaningful)
    if not old.found and not new.found:
        return
    for hunk, old_run, new_run in meaningful:
        removed = _bare_qualifiers(old, new, hunk.i1, hunk.i2, new_run)
        if removed is not None and (head := old.head(hunk.i2)) is not None:
            caret = pair.new_span(hunk.j1, hunk.j1)
            yield _finding(pair, old, removed, head, caret)
        added = _bare_qualifiers(new, old, hunk.j1, hunk.j2, old_run)
        if added is not None and (head := new.head(hunk.j2)) is not None:
            caret = pair.old_span(hunk.i1, hunk.i1)
            yield _finding(pair, new, added, head, caret)


def _modifiers(
    pair: AlignedPair,
    old: _Side,
    new: _Side,
    meaningful: Sequence[tuple[Hunk, list[Token], list[Token]]],
) -> Iterator[Finding]:
    """Unlisted modifiers inserted or deleted alone before a kept content word."""
    counts = (
        Counter(t.key for t in pair.old_tokens),
        Counter(t.key for t in pair.new_tokens),
    )
    for hunk, old_run, new_run in meaningful:
        for side, run, other_run, lo in (
            (old, old_run, new_run, hunk.i1),
            (new, new_run, old_run, hunk.j1),
        ):
            words = [(k, t) for k, t in enumerate(run, start=lo) if not _is_filler(t)]
            if len(words) != 1 or any(not _is_filler(t) for t in other_run):
                continue
            if any(t.kind == "punct" for t in run):
                continue  # "looted, burned houses": an item of a list, not a modifier
            k, token = words[0]
            if side.inside(k, k + 1) or not _modifier_like(token):
                continue  # a listed qualifier is read by the main rule
            if token.text[:1].isupper() and k not in _sentence_starts(pair, old=side.old):
                continue  # a capital mid-sentence is a name
            mine, theirs = counts if side.old else counts[::-1]
            if mine[token.key] <= theirs[token.key]:
                continue  # the word is still there elsewhere: moved, not dropped
            head = side.head(lo + len(run))
            if head is None:
                continue
            caret = pair.new_span(hunk.j1, hunk.j1) if side.old else pair.old_span(hunk.i1, hunk.i1)
            yield _finding(
                pair, side, [_Match(k, k + 1, "")], head, caret, magnitude=MODIFIER_MAGNITUDE
            )


def _finding(  # noqa: PLR0913 - the side, its qualifiers, their head and weight
    pair: AlignedPair,
    side: _Side,
    found: list[_Match],
    head: int,
    caret: Span,
    *,
    magnitude: float | None = None,
) -> Finding:
    """One finding for the qualifiers ``found`` before ``head``; ``caret`` marks the other side."""
    removed = side.old
    where = "old" if removed else "new"
    spans = [side.span(m.lo, m.hi) for m in found]
    head_span = side.span(head, head + 1)
    changed = side.span(found[0].lo, found[-1].hi)
    words = " and ".join(quote(s.text) for s in spans)
    plural = "s" if len(spans) > 1 else ""
    verb = "were" if plural else "was"
    if removed:
        explanation = f"The qualifier{plural} {words} {verb} removed from {quote(head_span.text)}."
    else:
        explanation = f"The qualifier{plural} {words} {verb} added to {quote(head_span.text)}."
    listed = magnitude is None
    if magnitude is None:
        magnitude = min(MAX_MAGNITUDE, 1.0 + EXTRA_QUALIFIER * (len(found) - 1))
    evidence = [
        Evidence("qualifier", where, span, note=match.entry or "modifier")
        for span, match in zip(spans, found, strict=True)
    ]
    evidence.append(Evidence("head", where, head_span, note="kept"))
    rule = "qualifier.removed" if removed else "qualifier.added"
    return make_finding(
        pair,
        FindingKind.QUALIFIER_REMOVED if removed else FindingKind.QUALIFIER_ADDED,
        rule=rule if listed else f"{rule}_modifier",
        old=changed if removed else caret,
        new=caret if removed else changed,
        evidence=evidence,
        explanation=explanation,
        magnitude=magnitude,
    )
