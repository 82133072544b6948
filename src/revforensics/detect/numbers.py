"""``number_changed``: a figure's value, range, unit or approximator changed.

A *quantity* is read from each side's tokens: digits (``1,200``, ``1 200``, ``3,5``),
number words composed by a small grammar (``twenty-one``, ``три тисячі``,
``two hundred and fifty``; ``number_words.txt``), a scale after digits (``1.5 thousand``,
``1,2 тис.``, ``3,5 тыс``, ``5 млн``), a range (``10-12``, ``from 10 to 12``,
``від 10 до 12``), vague quantities (``dozens``, ``десятки``, ``кілька``), an
approximator before it (``about``, ``at least``, ``понад``, ``не менее``;
``approximators.txt``) and a unit or currency (``km``, ``%``, ``$``, ``грн``;
``units.txt``). Quantities compare by value, so ``12`` / ``twelve`` and ``1,500`` /
``1.5 thousand`` are one figure in two forms and never a finding.

Not quantities: the numbers of a date or a time (the dates detector's, see
:func:`~revforensics.detect.dates.date_tokens`), list numbering (markup), designators and
ordinals glued to a suffix (``47-ма``, ``3-я``, ``Su-34``), numbered things (``№ 5``,
``ст. 111``), and ``one`` as a pronoun (``one of them``).

Severity follows the methods report (§7.1): ``min(1.3, 0.7 + |ln((new+1)/(old+1))|)``,
and a casualty or loss figure (``killed``, ``загинули``, ``потери``, within four words)
weighs 80/60 of another figure.
"""

from __future__ import annotations

import copy
import functools
import math
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple

from revforensics.detect._common import caret_after_kept, lexicon_words, make_finding, placed
from revforensics.detect._text import quote
from revforensics.detect.dates import (
    Matching,
    lone_in_clause,
    match_phrase,
    match_phrase_before,
    other_side,
    pair_mentions,
)
from revforensics.findings import Evidence, Finding, FindingKind
from revforensics.lexicon import lexicon, lexicon_map
from revforensics.model import Span
from revforensics.pair import AlignedPair
from revforensics.tokenize import Token, number_value

__all__ = ["Quantity", "detect_numbers", "find_quantities", "same_figures"]

CASUALTY_FACTOR = 80 / 60
"""Casualty and loss figures have base severity 80 where other figures have 60."""
MAX_MAGNITUDE = 1.3
MIN_MAGNITUDE = 0.7
UNIT_MAGNITUDE = 1.0
PRESENCE_MAGNITUDE = 1.0
CASUALTY_WINDOW = 4
"""Words on either side of a figure searched for a casualty or loss word."""

_SCALE_FLOOR = Decimal(1000)
_HUNDRED = Decimal(100)


@functools.cache
def _numbered() -> tuple[frozenset[str], frozenset[str]]:
    """Words after which a figure names a thing, and abbreviations read with their period.

    ``Annex 2``, ``№ 5``; ``No. 5``, ``ст. 111`` (``numbered_nouns.txt``). ``#`` is one too
    (``# 5``), written here: a ``#`` line is a comment in a list.
    """
    entries = lexicon("numbered_nouns")
    plain = frozenset(e for e in entries if not e.endswith(".")) | {"#"}
    return plain, frozenset(e[:-1] for e in entries if e.endswith("."))


_CLAUSE_BREAKS = frozenset({",", ";", ".", "!", "?"})
_OF = frozenset({"of", "з", "із", "зі", "из", "изо"})
_NOT_COUNTING_ONE = frozenset({"no", "the", "this", "that", "every", "any", "which", "each"})
_RANGE_START = {
    "from": "to",
    "between": "and",
    "від": "до",
    "з": "до",
    "із": "до",
    "між": "і",
    "от": "до",
    "с": "до",
    "между": "и",
}
"""A word that opens a range, and the word that links its two ends."""


class Quantity(NamedTuple):
    """One figure among a side's tokens, with what qualifies it.

    ``[lo, hi)`` covers the approximator, a currency sign, the figure (``[core_lo,
    core_hi)``, a range included) and its unit. ``approx`` and ``unit`` are classes
    from the lexicons (``lower``, ``km``) or ``""``; their token ranges are empty when
    absent. ``head`` is the key of the word after the quantity, used to pair figures.
    """

    lo: int
    hi: int
    core_lo: int
    core_hi: int
    value: Decimal
    upper: Decimal | None
    vague: bool
    weak: bool
    approx: str
    approx_range: tuple[int, int]
    unit: str
    unit_range: tuple[int, int]
    head: str
    casualty: bool


class _Core(NamedTuple):
    end: int
    value: Decimal
    vague: bool
    weak: bool


@functools.cache
def _number_words() -> dict[str, Decimal]:
    return {entry: Decimal(value) for entry, value in lexicon_map("number_words").items()}


def _word_values(key: str) -> list[Decimal] | None:
    """The values of a number word, or of each part of a hyphenated one (``twenty-one``)."""
    words = _number_words()
    if key in words:
        return [words[key]]
    parts = key.split("-")
    if len(parts) > 1 and all(part in words for part in parts):
        return [words[part] for part in parts]
    return None


class _Composer:
    """Adds up number words in order, refusing sequences that are not one number."""

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.current = Decimal(0)
        self.limit: Decimal | None = None
        self.scale: Decimal | None = None
        self.started = False

    def add(self, value: Decimal) -> bool:
        """Take one more word's value; ``False`` (and no change) if it does not fit."""
        if value >= _SCALE_FLOOR:
            if self.scale is not None and value >= self.scale:
                return False
            self.total += (self.current or Decimal(1)) * value
            self.current = Decimal(0)
            self.scale = self.limit = value
        elif value == _HUNDRED and 0 < self.current < 10:
            self.current *= _HUNDRED
            self.limit = _HUNDRED
        else:
            if self.limit is not None and value >= self.limit:
                return False
            if value >= 10 and self.limit is not None and self.limit < _HUNDRED:
                return False  # "twenty twelve" is two numbers
            if self.started and self.limit is not None and self.limit < 10:
                return False
            self.current += value
            self.limit = value
        self.started = True
        return True

    @property
    def value(self) -> Decimal:
        return self.total + self.current


def _read_digits(tokens: Sequence[Token], k: int) -> _Core | None:
    """Digits at ``k`` with an optional scale: ``1,2 тис.``, ``5 million``, ``2 hundred``."""
    value = number_value(tokens[k].text)
    if value is None:
        return None
    n = len(tokens)
    end = k + 1
    scale = Decimal(1)
    if end < n and _word_values(tokens[end].key) == [_HUNDRED]:
        scale, end = _HUNDRED, end + 1
    values = _word_values(tokens[end].key) if end < n else None
    if values is not None and len(values) == 1 and values[0] >= _SCALE_FLOOR:
        scale, end = scale * values[0], end + 1
    return _Core(end, value * scale, vague=False, weak=False)


def _read_vague(tokens: Sequence[Token], k: int) -> _Core | None:
    """A vague quantity at ``k``: ``dozens``, ``десятки тисяч``, ``hundreds of thousands``."""
    found = match_phrase(tokens, k, "vague_quantities")
    if found is None:
        return None
    n = len(tokens)
    end, order = found[0], Decimal(found[1])
    nxt = end + 1 if end < n and tokens[end].key == "of" else end
    if nxt < n:
        values = _word_values(tokens[nxt].key)
        larger = match_phrase(tokens, nxt, "vague_quantities")
        if values and len(values) == 1 and values[0] >= _SCALE_FLOOR:
            order, end = order * values[0], nxt + 1
        elif larger is not None and Decimal(larger[1]) >= 10:
            order, end = order * Decimal(larger[1]), larger[0]
    return _Core(end, order, vague=True, weak=False)


def _read_words(tokens: Sequence[Token], k: int) -> _Core | None:
    """Number words from ``k`` on, as far as they compose one number."""
    n = len(tokens)
    composer = _Composer()
    end = k
    while end < n:
        key = tokens[end].key
        values = _word_values(key)
        if values is None:
            nxt = _word_values(tokens[end + 1].key) if end + 1 < n else None
            if key == "and" and composer.started and nxt is not None:
                end += 1  # "two hundred and fifty"
                continue
            break
        trial = copy.copy(composer)
        if not all(trial.add(v) for v in values):
            break  # "twenty-one-twelve" is not one number
        composer = trial
        end += 1
    while end > k and tokens[end - 1].key == "and":
        end -= 1
    if end == k:
        return None
    value = composer.value
    return _Core(end, value, vague=False, weak=end == k + 1 and value == 1)


def _read_core(tokens: Sequence[Token], k: int) -> _Core | None:
    """The figure that starts at token ``k``: digits or number words, with a scale.

    A plural scale word with no figure before it is vague (``тисячі людей``).
    """
    token = tokens[k]
    if token.kind == "number":
        return _read_digits(tokens, k)
    if token.kind != "word":
        return None
    first = _word_values(token.key)
    if first is None or first[0] >= _SCALE_FLOOR:
        vague = _read_vague(tokens, k)
        if vague is not None:
            return vague
    return None if first is None else _read_words(tokens, k)


def _excluded(tokens: Sequence[Token], k: int, core: _Core) -> bool:
    """Whether the figure at ``k`` names or orders something rather than counting it."""
    n = len(tokens)
    token = tokens[k]
    prev = tokens[k - 1].key if k > 0 else ""
    plain, abbreviated = _numbered()
    if prev in plain:
        return True
    if prev == "." and k > 1 and tokens[k - 2].key in abbreviated:
        return True
    if core.weak:
        nxt = tokens[core.end].key if core.end < n else ""
        if nxt in _OF or prev in _NOT_COUNTING_ONE or nxt in {"another", "other"}:
            return True
    if token.kind != "number":
        return False
    end = core.end
    if (
        end + 1 < n
        and end == k + 1
        and tokens[end].key == "-"
        and tokens[end].start == token.end
        and tokens[end + 1].kind == "word"
        and tokens[end + 1].start == tokens[end].end
        and match_phrase(tokens, end + 1, "units") is None
    ):
        return True  # 47-ма, 3-я, 2-й: an ordinal or a unit's designator
    return (
        k > 1
        and prev == "-"
        and tokens[k - 1].end == token.start
        and tokens[k - 2].kind == "word"
        and tokens[k - 2].end == tokens[k - 1].start
    )  # Su-34, COVID-19: a model's name


def _casualty(tokens: Sequence[Token], lo: int, hi: int) -> bool:
    """Whether a casualty or loss word stands within a few words, inside the clause."""
    stems = lexicon("casualty_stems")
    words: list[str] = []
    for step, start in ((-1, lo - 1), (1, hi)):
        k = start
        while 0 <= k < len(tokens) and abs(k - start) < CASUALTY_WINDOW:
            if tokens[k].key in _CLAUSE_BREAKS:
                break
            words.append(tokens[k].key)
            k += step
    return any(key.startswith(stem) for key in words for stem in stems)


def _head(tokens: Sequence[Token], hi: int) -> str:
    """The word after a figure (``killed`` in ``12 killed``), past one function word."""
    stop = lexicon("stopwords")
    for k in range(hi, min(hi + 2, len(tokens))):
        token = tokens[k]
        if token.kind != "word":
            return ""
        if token.key not in stop:
            return token.key
    return ""


def _range(
    tokens: Sequence[Token], k: int, core: _Core, skip: frozenset[int]
) -> tuple[int, int, Decimal | None]:
    """Extend a figure to a range: ``(lo, end, upper)``; ``upper`` is ``None`` if none."""
    n = len(tokens)
    end = core.end
    opener = tokens[k - 1].key if k > 0 else ""
    link = _RANGE_START.get(opener)
    if end + 1 < n and end + 1 not in skip:
        key = tokens[end].key
        if key == "-" or (link is not None and key == link):
            second = _read_core(tokens, end + 1)
            if (
                second is not None
                and second.value > core.value
                and not second.vague
                and (tokens[end + 1].kind == "number") == (tokens[k].kind == "number")
            ):
                lo = k - 1 if link is not None and key == link else k
                return lo, second.end, second.value
    return k, end, None


_PHONE_MARKS = frozenset({"+", "(", ")", "-", "/"})


def _phone_numbers(tokens: Sequence[Token]) -> frozenset[int]:
    """Indices of the digits of phone numbers: ``+255 22 229 0000``, ``(0)20 7008 5000``.

    A run of digit groups and ``+()-/`` marks, each at most one space from the next, is
    a phone number when it has three groups or more, or two after a leading ``+``.
    """
    out: set[int] = set()
    k = 0
    n = len(tokens)
    while k < n:
        end = k
        while end < n and (tokens[end].kind == "number" or tokens[end].key in _PHONE_MARKS):
            if end > k and tokens[end].start - tokens[end - 1].end > 1:
                break
            end += 1
        run = range(k, end)
        numbers = [i for i in run if tokens[i].kind == "number"]
        plus = end > k and tokens[k].key == "+"
        if len(numbers) >= 3 or (plus and len(numbers) >= 2):
            out.update(numbers)
        k = max(end, k + 1)
    return frozenset(out)


def find_quantities(tokens: Sequence[Token], skip: frozenset[int] = frozenset()) -> list[Quantity]:
    """The quantities among ``tokens``, in order, leaving out the indices in ``skip``.

    Example:
        >>> from revforensics.tokenize import tokenize
        >>> [(str(q.value), q.approx) for q in find_quantities(tokenize("at least 1.5 thousand"))]
        [('1500.0', 'lower')]
    """
    out: list[Quantity] = []
    n = len(tokens)
    skip = skip | _phone_numbers(tokens)
    k = 0
    while k < n:
        core = None if k in skip else _read_core(tokens, k)
        if core is None or any(i in skip for i in range(k, core.end)):
            k += 1
            continue
        if _excluded(tokens, k, core):
            k = max(core.end, k + 1)
            continue
        core_lo, core_hi, upper = _range(tokens, k, core, skip)
        lo = core_lo
        if lo > 0 and tokens[lo - 1].kind == "punct":
            sign = match_phrase(tokens, lo - 1, "units")
            unit_before = sign is not None and sign[0] == lo
        else:
            unit_before = False
        unit, unit_range = "", (core_hi, core_hi)
        if unit_before:
            found = match_phrase(tokens, lo - 1, "units")
            assert found is not None  # noqa: S101 - checked just above
            unit, unit_range = found[1], (lo - 1, lo)
            lo -= 1
        approx, approx_range = "", (lo, lo)
        before = match_phrase_before(tokens, lo, "approximators")
        if before is not None and not any(i in skip for i in range(before[0], lo)):
            approx, approx_range = before[1], (before[0], lo)
            lo = before[0]
        hi = core_hi
        if not unit and (after := match_phrase(tokens, core_hi, "units")) is not None:
            unit, unit_range = after[1], (core_hi, after[0])
            hi = after[0]
        out.append(
            Quantity(
                lo=lo,
                hi=hi,
                core_lo=core_lo,
                core_hi=core_hi,
                value=core.value,
                upper=upper,
                vague=core.vague,
                weak=core.weak,
                approx=approx,
                approx_range=approx_range,
                unit=unit,
                unit_range=unit_range,
                head=_head(tokens, hi),
                casualty=_casualty(tokens, lo, hi),
            )
        )
        k = max(hi, k + 1)
    return out


def same_figures(old: Sequence[Token], new: Sequence[Token]) -> bool:
    """Whether two runs of tokens are the same figures written another way.

    Every word of both runs must belong to a figure, and the figures must agree in
    value, range, approximator and unit: ``12`` / ``twelve``, ``1,2 тис.`` / ``1200``,
    ``3,5 тыс`` / ``3500``. The cosmetic classifier can call this to list such edits as
    ``number_format`` rather than leave them to the ``reworded`` fallback.

    Example:
        >>> from revforensics.tokenize import tokenize
        >>> same_figures(tokenize("twelve"), tokenize("12"))
        True
    """
    sides = []
    for tokens in (old, new):
        found = find_quantities(tokens)
        covered = {k for q in found for k in range(q.lo, q.hi)}
        if not found or any(t.kind != "punct" and k not in covered for k, t in enumerate(tokens)):
            return False
        sides.append([(q.value, q.upper, q.vague, q.approx, q.unit) for q in found])
    return sides[0] == sides[1]


# -- comparing ---------------------------------------------------------------------------


def _same_figure(a: Quantity, b: Quantity) -> bool:
    return (a.value, a.upper, a.vague) == (b.value, b.upper, b.vague)


def _same(a: Quantity, b: Quantity) -> bool:
    """The same figure, qualified alike, before the same word: only its form changed."""
    return _same_figure(a, b) and (a.approx, a.unit, a.head) == (b.approx, b.unit, b.head)


def _akin(a: Quantity, b: Quantity) -> bool:
    """Figures of the same thing: the same word after them (``12 tanks``, ``15 tanks``)."""
    return bool(a.head) and a.head == b.head


def _log_change(old: Decimal, new: Decimal) -> float:
    return abs(math.log((float(new) + 1) / (float(old) + 1))) if old >= 0 and new >= 0 else 1.0


def _magnitude(old: Quantity, new: Quantity) -> float:
    change = _log_change(old.value, new.value)
    if old.upper is not None or new.upper is not None:
        change = max(
            change,
            _log_change(old.upper or old.value, new.upper or new.value),
        )
    magnitude = min(MAX_MAGNITUDE, MIN_MAGNITUDE + change)
    if old.vague != new.vague:
        magnitude = max(magnitude, UNIT_MAGNITUDE)
    return magnitude


def _span(pair: AlignedPair, side: str, lo: int, hi: int) -> Span:
    return pair.old_span(lo, hi) if side == "old" else pair.new_span(lo, hi)


def _note(q: Quantity) -> str:
    value = format(q.value.normalize(), "f")
    if q.upper is not None:
        value += f"..{format(q.upper.normalize(), 'f')}"
    if q.vague:
        value = f"~{value}"
    parts = [value, q.approx, q.unit]
    return " ".join(p for p in parts if p)


def _head_note(pair: AlignedPair, old: Quantity | None, new: Quantity | None) -> str:
    """A note naming what a figure counts, such as `` (killed)``.

    The casualty word near a casualty figure, else the word after a figure with no unit
    (``12 drones``), else nothing.
    """
    stems = lexicon("casualty_stems")
    for q, tokens in ((new, pair.new_tokens), (old, pair.old_tokens)):
        if q is None:
            continue
        if q.casualty:
            near = [*tokens[max(0, q.lo - CASUALTY_WINDOW) : q.lo], *tokens[q.hi : q.hi + 4]]
            for token in near:
                if token.kind == "word" and any(token.key.startswith(s) for s in stems):
                    return f" ({token.text})"
        if not q.unit and q.hi < len(tokens) and tokens[q.hi].key == q.head:
            return f" ({tokens[q.hi].text})"
    return ""


def _ends(pair: AlignedPair, q: Quantity, side: str, *, approx: bool) -> Span:
    """A quantity's span as a finding shows it.

    That is the figure with its unit or currency, and its approximator when that changed.
    """
    lo = q.approx_range[0] if approx else q.core_lo
    hi = q.core_hi
    if q.unit and q.unit_range[0] >= q.core_hi:
        hi = q.unit_range[1]
    elif q.unit:
        lo = min(lo, q.unit_range[0])
    return _span(pair, side, lo, hi)


def _approximator_change(pair: AlignedPair, old: Quantity, new: Quantity) -> str:
    old_word = quote(_span(pair, "old", *old.approx_range).text)
    new_word = quote(_span(pair, "new", *new.approx_range).text)
    if old.approx and new.approx:
        return f"changed its qualifier: {old_word} became {new_word}"
    if new.approx:
        return f"gained the qualifier {new_word}"
    return f"lost the qualifier {old_word}"


def _moved(a: Quantity, b: Quantity) -> bool:
    return _same_figure(a, b) and (a.approx, a.unit) == (b.approx, b.unit)


def _approximator_edited(pair: AlignedPair, old: Quantity, new: Quantity) -> bool:
    """Whether the edits at the approximators touch nothing but approximators.

    ``handed over 12`` -> ``transferred 12`` drops the word ``over`` with its verb: that
    is a rewording, not a figure losing its bound.
    """
    for hunk, _old, _new in pair.meaningful():
        hits_old = hunk.i1 < old.approx_range[1] and old.approx_range[0] < hunk.i2
        hits_new = hunk.j1 < new.approx_range[1] and new.approx_range[0] < hunk.j2
        if not (hits_old or hits_new):
            continue
        for k in range(hunk.i1, hunk.i2):
            inside = old.approx_range[0] <= k < old.approx_range[1]
            if not inside and pair.old_tokens[k].kind != "punct":
                return False
        for k in range(hunk.j1, hunk.j2):
            inside = new.approx_range[0] <= k < new.approx_range[1]
            if not inside and pair.new_tokens[k].kind != "punct":
                return False
    return True


def _changed(pair: AlignedPair, old: Quantity, new: Quantity) -> Finding | None:
    figure = not _same_figure(old, new)
    approx = old.approx != new.approx and _approximator_edited(pair, old, new)
    unit = old.unit != new.unit
    if not (figure or approx or unit):
        return None
    ends = {side: _ends(pair, q, side, approx=approx) for side, q in (("old", old), ("new", new))}
    evidence = [
        Evidence("figure", "old", pair.old_span(old.core_lo, old.core_hi), _note(old)),
        Evidence("figure", "new", pair.new_span(new.core_lo, new.core_hi), _note(new)),
    ]
    for side, q in (("old", old), ("new", new)):
        if approx and q.approx:
            span = _span(pair, side, *q.approx_range)
            evidence.append(Evidence("approximator", side, span, q.approx))
        if unit and q.unit:
            evidence.append(Evidence("unit", side, _span(pair, side, *q.unit_range), q.unit))
    head = _head_note(pair, old, new)
    if figure:
        ranged = old.upper is not None or new.upper is not None
        rule = "numbers.range_changed" if ranged else "numbers.value_changed"
        noun = "range" if ranged else "figure"
        explanation = (
            f"The {noun} {quote(ends['old'].text)} became {quote(ends['new'].text)}{head}."
        )
        magnitude = _magnitude(old, new)
    elif approx:
        rule = "numbers.approximator_changed"
        new_core = quote(pair.new_span(new.core_lo, new.core_hi).text)
        explanation = f"The figure {new_core}{head} {_approximator_change(pair, old, new)}."
        magnitude = MIN_MAGNITUDE
    else:
        rule = "numbers.unit_changed"
        old_core = quote(pair.old_span(old.core_lo, old.core_hi).text)
        old_unit = quote(_span(pair, "old", *old.unit_range).text) if old.unit else "none"
        new_unit = quote(_span(pair, "new", *new.unit_range).text) if new.unit else "none"
        explanation = f"The unit of the figure {old_core} changed: {old_unit} became {new_unit}."
        magnitude = UNIT_MAGNITUDE
    if old.casualty or new.casualty:
        magnitude *= CASUALTY_FACTOR
    return make_finding(
        pair,
        FindingKind.NUMBER_CHANGED,
        rule=rule,
        old=ends["old"],
        new=ends["new"],
        evidence=evidence,
        explanation=explanation,
        magnitude=magnitude,
    )


def _presence(pair: AlignedPair, q: Quantity, side: str) -> Finding:
    span = _span(pair, side, q.lo, q.hi)
    replaced = other_side(pair, q, side)
    evidence = [Evidence("figure", side, span, _note(q))]
    other = "new" if side == "old" else "old"
    head = _head_note(pair, q if side == "old" else None, q if side == "new" else None)
    if replaced is not None:
        evidence.append(Evidence("replacement", other, replaced))
        caret = replaced
    else:
        caret = caret_after_kept(pair, q.lo, side)
    old, new, verb = placed(side, span, caret, replaced)
    rule = "numbers.removed" if side == "old" else "numbers.added"
    magnitude = PRESENCE_MAGNITUDE * (CASUALTY_FACTOR if q.casualty else 1.0)
    return make_finding(
        pair,
        FindingKind.NUMBER_CHANGED,
        rule=rule,
        old=old,
        new=new,
        evidence=evidence,
        explanation=f"The figure {quote(span.text)}{head} {verb}.",
        magnitude=magnitude,
    )


def _touches_figures(pair: AlignedPair) -> bool:
    """Whether a meaningful hunk changes a figure, a number word, an approximator or a unit."""
    words = lexicon_words("number_words", "vague_quantities", "approximators", "units")
    return any(
        t.kind == "number" or any(part in words for part in t.key.split("-"))
        for t in pair.changed_tokens
    )


def detect_numbers(pair: AlignedPair) -> Iterator[Finding]:
    """Find figures whose value, range, unit or approximator changed in a kept sentence.

    A figure written another way (``12`` / ``twelve``, ``1,500`` / ``1.5 thousand``), a
    figure that only moved inside the sentence, list numbering and the numbers of a
    date are not findings. A figure that comes or goes alone is reported; one inside
    an added or removed clause is left to the assertion detector, and a lone ``one``
    that comes or goes (``one of them``) is not counted.

    .. versionadded:: 0.1
    """
    if pair.link.op in ("deleted", "inserted") or not _touches_figures(pair):
        return
    old_dates = frozenset(k for m in pair.dates("old") for k in range(m.lo, m.hi))
    new_dates = frozenset(k for m in pair.dates("new") for k in range(m.lo, m.hi))
    old = find_quantities(pair.old_tokens, old_dates)
    new = find_quantities(pair.new_tokens, new_dates)
    matching = Matching(same=_same, akin=_akin, moved=_moved)
    for a, b in pair_mentions(pair, old, new, matching):
        if a is not None and b is not None:
            finding = _changed(pair, a, b)
            if finding is not None:
                yield finding
        elif a is not None:
            if not a.weak and not lone_in_clause(pair, a, "old"):
                yield _presence(pair, a, "old")
        elif b is not None and not b.weak and not lone_in_clause(pair, b, "new"):
            yield _presence(pair, b, "new")
