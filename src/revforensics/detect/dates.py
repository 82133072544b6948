"""``date_changed``: an absolute or relative date, or a time of day, changed.

Date expressions are read from the tokens of each side with small grammars: ``19 May
2025``, ``May 19, 2025``, ``19 травня 2025 року``, ``19 мая``, ``19.05.2025``,
``19/05/2025``, ``2025-05-19``, a month or a year after a preposition (``in May``,
``у 2024 році``), weekdays, relative days from ``relative_dates.txt`` (``yesterday``,
``минулої доби``, ``за минувшие сутки``) and times (``08:00``, ``8 a.m.``, ``о 22.00``).
Each has fields (year, month, day, weekday, offset in days, hour, minute). Two
expressions are the same date when every field both give agrees: ``19 May 2025`` and
``19.05.2025`` are one date written twice, ``19 May`` and ``25 May`` are not.

The numbers detector leaves the tokens of these expressions alone (see
:func:`date_tokens`), and both detectors pair their mentions with :func:`pair_mentions`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import Generic, NamedTuple, Protocol, TypeVar

from revforensics.detect._common import (
    caret_after_kept,
    changes_any_of,
    lexicon_words,
    make_finding,
    placed,
)
from revforensics.detect._text import quote
from revforensics.diff import Hunk
from revforensics.findings import Evidence, Finding, FindingKind
from revforensics.lexicon import lexicon, lexicon_map
from revforensics.model import Span
from revforensics.normalize import normalize
from revforensics.pair import AlignedPair
from revforensics.tokenize import Token, tokenize

__all__ = [
    "DateMention",
    "Matching",
    "Ranged",
    "date_key",
    "date_tokens",
    "detect_dates",
    "find_dates",
    "lone_in_clause",
    "match_phrase",
    "match_phrase_before",
    "other_side",
    "pair_mentions",
    "phrase_table",
    "same_date",
    "touched",
]

SHIFT_MAGNITUDE = 1.25
"""A date moved by more than a day (or a year changed) weighs more: the design's table."""
SAME_DAY_MAGNITUDE = 1.0
"""A shift of one day, a changed hour, or a change of reference frame."""
PRESENCE_MAGNITUDE = 0.8
"""A date added to or removed from a kept sentence."""
STAMP_MAGNITUDE = 0.35
"""A date changed in a stamp line (``Updated: 2 August 2025``): every edit re-stamps."""
REPLACEMENT_WORDS = 4
"""Up to this many words, what replaced a removed date is quoted in the explanation."""
CLAUSE_CONTENT = 3
"""Other content tokens from which a removed or added run is a clause: the assertion
detector's business, not a date's."""

# -- phrase tables -----------------------------------------------------------------------


@functools.cache
def phrase_table(name: str) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """A two-column lexicon indexed by the first word of each entry, longest entries first.

    Multi-word entries (``at least``, ``минулої доби``) match on sequences of token keys;
    an entry is tokenized like the text it is matched in, so ``кв. км`` is three tokens.
    """
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for entry, value in lexicon_map(name).items():
        words = tuple(t.key for t in tokenize(normalize(entry).text)) or (entry,)
        table.setdefault(words[0], []).append((words, value))
    for entries in table.values():
        entries.sort(key=lambda item: -len(item[0]))
    return table


def match_phrase(tokens: Sequence[Token], k: int, name: str) -> tuple[int, str] | None:
    """The longest entry of lexicon ``name`` starting at token ``k``: ``(end, value)``."""
    if k >= len(tokens):
        return None
    for words, value in phrase_table(name).get(tokens[k].key, ()):
        end = k + len(words)
        if end <= len(tokens) and all(tokens[k + i].key == word for i, word in enumerate(words)):
            return end, value
    return None


def match_phrase_before(tokens: Sequence[Token], k: int, name: str) -> tuple[int, str] | None:
    """The longest entry of lexicon ``name`` ending just before token ``k``: ``(start, value)``."""
    best: tuple[int, str] | None = None
    for first in range(max(0, k - 4), k):
        found = match_phrase(tokens, first, name)
        if found is not None and found[0] == k:
            best = (first, found[1])
            break  # the earliest start is the longest entry
    return best


# -- date expressions ----------------------------------------------------------------------


class DateMention(NamedTuple):
    """One date or time expression among a side's tokens ``[lo, hi)``.

    ``kind`` is ``day`` (a calendar day, month, year, weekday or relative day) or
    ``time`` (a time of day). Fields that the expression does not give are ``None``.
    """

    lo: int
    hi: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    day_hi: int | None = None
    weekday: int | None = None
    offset: int | None = None
    hour: int | None = None
    minute: int | None = None
    part: int | None = None
    """The part of the day: 1 morning, 2 afternoon, 3 evening, 4 night (``day_parts.txt``)."""


_ORDINAL_DAY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)")
_DAY_DOT_MONTH = re.compile(r"(\d{1,2})\.(\d{1,2})")
_ORDINAL_SUFFIXES = frozenset({"го", "ого", "е", "й", "я"})
_MONTH_ABBREVIATIONS = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)
_RANGE_LINKS = frozenset({"-", "по", "до", "to", "and", "і", "й", "та", "и", "through"})
_RANGE_OPENERS = frozenset({"from", "between", "з", "із", "від", "с", "от"})
_MONTH_PREPOSITIONS = frozenset(
    {
        *("in", "since", "until", "by", "during", "early", "late", "mid", "from", "through"),
        *("of", "end", "у", "в", "во", "з", "із", "від", "до", "с", "по", "на", "початку"),
        *("кінця", "середини", "наприкінці", "протягом", "начале", "конце", "середине"),
        *("начала", "конца", "середины", "течение"),
    }
)
_YEAR_PREPOSITIONS = frozenset(
    {
        *("in", "since", "until", "by", "during", "early", "late", "mid", "end"),
        *("spring", "summer", "autumn", "fall", "winter"),
        *("у", "в", "во", "з", "із", "від", "с", "от"),
        *("початку", "кінця", "кінці", "середини", "наприкінці"),
        *("начала", "начале", "конца", "конце", "середины", "середине"),
    }
)
_YEAR_WORDS = frozenset(
    {"року", "році", "рік", "роки", "роках", "рр", "р", "года", "году", "год", "гг", "г"}
)
_WEEKDAY_PREPOSITIONS = frozenset(
    {
        *("у", "в", "во", "на", "з", "до", "с", "по", "минулого", "минулої", "минулий"),
        *("минулу", "цього", "цієї", "цей", "цю", "наступного", "наступної", "наступний"),
        *("наступну", "прошлый", "прошлую", "прошлого", "прошлой", "этот", "эту", "этого"),
        *("следующий", "следующую", "ночь", "ніч"),
    }
)
_TIME_PREPOSITIONS = frozenset({"о", "об", "в", "at"})
_TIME_BOUNDS = frozenset(
    {"до", "після", "від", "з", "с", "после", "от", "на", "until", "after", "from", "by", "to"}
)
"""Before ``18.00`` these make it a time only when no unit follows (``до 18.00`` is a time,
``до 12.50 грн`` an amount)."""
_AM_PM = frozenset({"am", "pm"})


def _digits(token: Token, width: int) -> int | None:
    """The value of a plain digit token of at most ``width`` digits."""
    if token.kind == "number" and token.text.isdigit() and len(token.text) <= width:
        return int(token.text)
    return None


def _year(token: Token) -> int | None:
    if token.kind == "number" and token.text.isdigit() and len(token.text) == 4:
        value = int(token.text)
        if 1900 <= value <= 2100:
            return value
    return None


def _glued(a: Token, b: Token) -> bool:
    return a.end == b.start


class _Scanner:
    """Reads the date and time expressions of one token list, left to right."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.n = len(tokens)

    def key(self, k: int) -> str:
        return self.tokens[k].key if 0 <= k < self.n else ""

    def month(self, k: int) -> tuple[int, int] | None:
        """A month name at ``k``: ``(end, month)``; English names must be capitalized."""
        if k >= self.n or self.tokens[k].kind != "word":
            return None
        token = self.tokens[k]
        value = lexicon_map("months").get(token.key)
        if value is None:
            return None
        if token.key.isascii() and not token.text[:1].isupper():
            return None  # "may", "march": a modal and a verb
        end = k + 1
        if token.key in _MONTH_ABBREVIATIONS and self.key(end) == ".":
            end += 1  # "Jan. 6"
        return end, int(value)

    def day(self, k: int) -> tuple[int, int] | None:
        """A day of the month at ``k`` (``19``, ``19th``, ``19-го``): ``(end, day)``."""
        if k >= self.n:
            return None
        token = self.tokens[k]
        value = _digits(token, 2)
        end = k + 1
        if value is None and token.kind == "word":
            match = _ORDINAL_DAY.fullmatch(token.key)
            value = int(match.group(1)) if match else None
        if value is None or not 1 <= value <= 31:
            return None
        if (
            end + 1 < self.n
            and self.key(end) == "-"
            and _glued(self.tokens[end - 1], self.tokens[end])
            and self.key(end + 1) in _ORDINAL_SUFFIXES
        ):
            end += 2
        return end, value

    def year_after(self, k: int) -> tuple[int, int | None]:
        """An optional ``, 2025 року`` after a day and month: ``(end, year)``."""
        j = k + 1 if self.key(k) == "," else k
        if j < self.n and (year := _year(self.tokens[j])) is not None:
            end = j + 1
            if self.key(end) in _YEAR_WORDS:
                end += 1
            return end, year
        return k, None

    def scan(self) -> list[DateMention]:
        found: list[DateMention] = []
        k = 0
        while k < self.n:
            mention = self.at(k)
            if mention is None:
                k += 1
            else:
                found.append(mention)
                k = max(mention.hi, k + 1)
        return _merge_partial(self, found)

    def at(self, k: int) -> DateMention | None:
        token = self.tokens[k]
        if token.key not in _starters() and not any(c.isdigit() for c in token.text):
            return None  # every reader starts at a figure or a month, weekday or day word
        readers: tuple[Callable[[int], DateMention | None], ...] = (
            self.relative,
            self.day_part,
            self.iso,
            self.numeric,
            self.time,
            self.day_month,
            self.month_day,
            self.month_alone,
            self.year_alone,
            self.weekday,
        )
        for reader in readers:
            mention = reader(k)
            if mention is not None:
                return mention
        return None

    def relative(self, k: int) -> DateMention | None:
        found = match_phrase(self.tokens, k, "relative_dates")
        if found is None:
            return None
        parts = lexicon_map("day_parts")
        part = next((parts[t.key] for t in self.tokens[k : found[0]] if t.key in parts), None)
        return DateMention(
            k, found[0], "day", offset=int(found[1]), part=None if part is None else int(part)
        )

    def day_part(self, k: int) -> DateMention | None:
        """``вранці``, ``вечером``, ``in the evening``: a part of the day, alone."""
        found = match_phrase(self.tokens, k, "day_parts")
        if found is None:
            return None
        return DateMention(k, found[0], "day", part=int(found[1]))

    def iso(self, k: int) -> DateMention | None:
        """``2025-05-19``."""
        if k + 4 >= self.n:
            return None
        t = self.tokens
        year = _year(t[k])
        if year is None or self.key(k + 1) != "-" or self.key(k + 3) != "-":
            return None
        if not all(_glued(t[i], t[i + 1]) for i in range(k, k + 4)):
            return None
        month, day = _digits(t[k + 2], 2), _digits(t[k + 4], 2)
        if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return DateMention(k, k + 5, "day", year=year, month=month, day=day)

    def numeric(self, k: int) -> DateMention | None:
        """``19.05.2025``, ``19.05.25`` and ``19/05/2025``."""
        t = self.tokens
        if k + 2 >= self.n:
            return None
        match = _DAY_DOT_MONTH.fullmatch(t[k].text) if t[k].kind == "number" else None
        if match and self.key(k + 1) == "." and _glued(t[k], t[k + 1]):
            day, month, end = int(match.group(1)), int(match.group(2)), k + 2
        elif (
            k + 4 < self.n
            and (day_value := _digits(t[k], 2)) is not None
            and self.key(k + 1) == "/"
            and (month_value := _digits(t[k + 2], 2)) is not None
            and self.key(k + 3) == "/"
            and all(_glued(t[i], t[i + 1]) for i in range(k, k + 4))
        ):
            day, month, end = day_value, month_value, k + 4
            if month > 12 and day <= 12:
                day, month = month, day  # 05/19/2025, the US order
        else:
            return None
        if not _glued(t[end - 1], t[end]) or t[end].kind != "number":
            return None
        text = t[end].text
        if not text.isdigit() or len(text) not in (2, 4):
            return None
        year = int(text) if len(text) == 4 else 2000 + int(text)
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        return DateMention(k, end + 1, "day", year=year, month=month, day=day)

    def time(self, k: int) -> DateMention | None:
        """``08:00``, ``8 a.m.``, ``о 22.00`` / ``в 22.00``."""
        t = self.tokens
        hour = _digits(t[k], 2)
        if (
            hour is not None
            and k + 2 < self.n
            and self.key(k + 1) == ":"
            and _glued(t[k], t[k + 1])
            and _glued(t[k + 1], t[k + 2])
            and t[k + 2].text.isdigit()
            and len(t[k + 2].text) == 2
        ):
            minute = int(t[k + 2].text)
            if hour <= 24 and minute <= 59:
                end, hour = self.am_pm(k + 3, hour)
                return DateMention(k, end, "time", hour=hour, minute=minute)
            return None
        if hour is not None and hour <= 12:
            end, hour24 = self.am_pm(k + 1, hour)
            if end > k + 1:
                return DateMention(k, end, "time", hour=hour24, minute=0)
        match = _DAY_DOT_MONTH.fullmatch(t[k].text) if t[k].kind == "number" else None
        before = self.key(k - 1)
        if (
            match
            and len(t[k].text.split(".")[1]) == 2
            and (
                before in _TIME_PREPOSITIONS
                or (before in _TIME_BOUNDS and match_phrase(t, k + 1, "units") is None)
            )
            # "19.05." is a day and a month; "18.00." ends a sentence with a time.
            and not (
                k + 1 < self.n
                and self.key(k + 1) == "."
                and _glued(t[k], t[k + 1])
                and 1 <= int(match.group(2)) <= 12
            )
        ):
            hour, minute = int(match.group(1)), int(match.group(2))
            if hour <= 24 and minute <= 59:
                return DateMention(k, k + 1, "time", hour=hour, minute=minute)
        return None

    def am_pm(self, k: int, hour: int) -> tuple[int, int]:
        """Read ``a.m.``/``pm`` at ``k``: ``(end, hour on the 24-hour clock)``."""
        key = self.key(k)
        end = k
        half = ""
        if key in _AM_PM:
            half, end = key, k + 1
        elif key in {"a", "p"} and self.key(k + 1) == "." and self.key(k + 2) == "m":
            half, end = key + "m", k + 3
            if self.key(end) == "." and _glued(self.tokens[end - 1], self.tokens[end]):
                end += 1
        if half == "pm" and hour < 12:
            hour += 12
        elif half == "am" and hour == 12:
            hour = 0
        return end, hour

    def day_month(self, k: int) -> DateMention | None:
        """``19 May 2025``, ``19-20 травня``, ``з 19 по 25 мая``, ``19th May``."""
        first = self.day(k)
        if first is None:
            return None
        end, day = first
        day_hi = None
        second = self.day(end + 1) if self.key(end) in _RANGE_LINKS else None
        if second is not None and self.month(second[0]) is not None and second[1] > day:
            end, day_hi = second
        month = self.month(end)
        if month is None:
            return None
        end, year = self.year_after(month[0])
        lo = k - 1 if day_hi is not None and self.key(k - 1) in _RANGE_OPENERS else k
        return DateMention(lo, end, "day", year=year, month=month[1], day=day, day_hi=day_hi)

    def month_day(self, k: int) -> DateMention | None:
        """``May 19, 2025``, ``Jan. 6`` (English order)."""
        month = self.month(k)
        if month is None or not self.tokens[k].key.isascii():
            return None
        found = self.day(month[0])
        if found is None or self.key(found[0]) == ":":
            return None
        end, year = self.year_after(found[0])
        return DateMention(k, end, "day", year=year, month=month[1], day=found[1])

    def month_alone(self, k: int) -> DateMention | None:
        """``May 2025``, ``in May``, ``у травні``, ``з початку травня``."""
        month = self.month(k)
        if month is None:
            return None
        end, year = self.year_after(month[0])
        if year is None and self.key(k - 1) not in _MONTH_PREPOSITIONS:
            return None
        return DateMention(k, end, "day", year=year, month=month[1])

    def year_alone(self, k: int) -> DateMention | None:
        """``in 2024``, ``у 2024 році``, ``2024 года``."""
        year = _year(self.tokens[k])
        if year is None:
            return None
        if self.key(k + 1) in _YEAR_WORDS:
            return DateMention(k, k + 2, "day", year=year)
        if self.key(k - 1) in _YEAR_PREPOSITIONS:
            return DateMention(k, k + 1, "day", year=year)
        return None

    def weekday(self, k: int) -> DateMention | None:
        """``on Monday``, ``у понеділок``, ``в среду`` (Cyrillic names need a preposition)."""
        token = self.tokens[k]
        value = lexicon_map("weekdays").get(token.key)
        if value is None or token.kind != "word":
            return None
        if token.key.isascii():
            if not token.text[:1].isupper():
                return None
        elif self.key(k - 1) not in _WEEKDAY_PREPOSITIONS and not self.next_is_date(k + 1):
            return None
        return DateMention(k, k + 1, "day", weekday=int(value))

    def next_is_date(self, k: int) -> bool:
        """Whether a day-and-month date follows, after a comma or a bracket."""
        while k < self.n and self.tokens[k].kind == "punct" and self.key(k) in {",", "("}:
            k += 1
        return k < self.n and self.day_month(k) is not None


def _merge_partial(scanner: _Scanner, found: list[DateMention]) -> list[DateMention]:
    """Join day expressions that stand side by side and say different things.

    ``Monday, 19 May``, ``вчора, 19 травня``, ``19 мая (среда)``: one date, told twice.
    """
    out: list[DateMention] = []
    for mention in found:
        prev = out[-1] if out else None
        if prev is not None and mention.kind == prev.kind == "day":
            gap = scanner.tokens[prev.hi : mention.lo]
            disjoint = not (_fields(prev).keys() & _fields(mention).keys())
            if disjoint and all(t.key in {",", "(", ")"} for t in gap):
                merged = prev._replace(hi=mention.hi)
                for name in ("year", "month", "day", "day_hi", "weekday", "offset", "part"):
                    if getattr(mention, name) is not None:
                        merged = merged._replace(**{name: getattr(mention, name)})
                out[-1] = merged
                continue
        out.append(mention)
    return out


@functools.cache
def _starters() -> frozenset[str]:
    """Words a date expression can open with (besides a figure)."""
    relative = {entry.split()[0] for entry in lexicon("relative_dates") | lexicon("day_parts")}
    return frozenset(relative | set(lexicon_map("months")) | set(lexicon_map("weekdays")))


def find_dates(tokens: Sequence[Token]) -> list[DateMention]:
    """The date and time expressions among ``tokens``, in order.

    Example:
        >>> from revforensics.tokenize import tokenize
        >>> [(m.day, m.month, m.year) for m in find_dates(tokenize("On 19 May 2025 at 08:00"))]
        [(19, 5, 2025), (None, None, None)]
    """
    return _Scanner(tokens).scan()


def date_tokens(tokens: Sequence[Token]) -> frozenset[int]:
    """Indices of the tokens that belong to a date or time expression.

    The numbers detector skips them: the ``19`` of ``19 May`` is a date, not a figure.
    """
    return frozenset(k for m in find_dates(tokens) for k in range(m.lo, m.hi))


# -- pairing mentions across versions ------------------------------------------------------


class Ranged(Protocol):
    """Anything that occupies the token range ``[lo, hi)`` of one side."""

    @property
    def lo(self) -> int:
        """First token."""
        ...

    @property
    def hi(self) -> int:
        """One past the last token."""
        ...


M = TypeVar("M", bound=Ranged)


def _token_map(pair: AlignedPair) -> dict[int, int]:
    """Old token index to new token index, for tokens the diff kept (cosmetic edits too)."""
    out: dict[int, int] = {}
    kept = [hunk for hunk in pair.hunks if hunk.tag == "equal"]
    kept += [hunk for hunk, cosmetic in pair.changes if cosmetic is not None]
    for hunk in kept:
        if hunk.i2 - hunk.i1 == hunk.j2 - hunk.j1:
            for offset in range(hunk.i2 - hunk.i1):
                out[hunk.i1 + offset] = hunk.j1 + offset
    return out


def touched(mention: Ranged, hunks: Sequence[Hunk], side: str) -> set[int]:
    """Indices of the hunks that change ``mention`` (an insertion at its edge counts)."""
    out = set()
    for index, hunk in enumerate(hunks):
        lo, hi = (hunk.i1, hunk.i2) if side == "old" else (hunk.j1, hunk.j2)
        if (lo < mention.hi and mention.lo < hi) or (lo == hi and mention.lo <= lo <= mention.hi):
            out.add(index)
    return out


def _anchored(pair: AlignedPair, old: Sequence[M], new: Sequence[M]) -> list[tuple[int, int]]:
    """Pairs of mentions that share a token the diff kept (one mention, edited)."""
    mapping = _token_map(pair)
    used: set[int] = set()
    out = []
    for a, mention in enumerate(old):
        targets = {mapping[k] for k in range(mention.lo, mention.hi) if k in mapping}
        for b, other in enumerate(new):
            if b not in used and any(other.lo <= j < other.hi for j in targets):
                used.add(b)
                out.append((a, b))
                break
    return out


class Matching(NamedTuple, Generic[M]):
    """How a detector compares its mentions when pairing them (see :func:`pair_mentions`).

    Args:
        same: The two are one mention in another form or place: no finding.
        akin: The two are of one sort (the same head word, the same field): preferred.
        comparable: The two may be paired at all; others are removed and added.
        moved: A looser ``same``, tried after pairing by hunk: moved with new words.
    """

    same: Callable[[M, M], bool]
    akin: Callable[[M, M], bool]
    comparable: Callable[[M, M], bool] = lambda _a, _b: True
    moved: Callable[[M, M], bool] = lambda _a, _b: False


def pair_mentions(
    pair: AlignedPair, old: Sequence[M], new: Sequence[M], matching: Matching[M]
) -> list[tuple[M | None, M | None]]:
    """Pair the mentions of the two sides that a meaningful hunk may have changed.

    1. Mentions that share a kept token (``May`` of ``19 May`` and ``25 May``) are one
       mention edited.
    2. Changed mentions that are the ``same`` as one on the other side only moved or
       changed form: they are dropped.
    3. The rest pair in order when they share a hunk, preferring ``akin`` partners.
    4. Leftovers that ``moved`` with new words around them are dropped too. Then
       ``akin`` ones pair anywhere in the pair; what is left was removed or added.

    Only ``comparable`` mentions pair in steps 3 and 4. Pairs whose two sides no
    meaningful hunk touches are left out.
    """
    hunks = [hunk for hunk, _old, _new in pair.meaningful()]
    old_touch = [touched(m, hunks, "old") for m in old]
    new_touch = [touched(m, hunks, "new") for m in new]
    anchored = _anchored(pair, old, new)
    out: list[tuple[M | None, M | None]] = [
        (old[a], new[b]) for a, b in anchored if old_touch[a] or new_touch[b]
    ]
    paired_old = {a for a, _ in anchored}
    paired_new = {b for _, b in anchored}
    left_old = [a for a in range(len(old)) if old_touch[a] and a not in paired_old]
    left_new = [b for b in range(len(new)) if new_touch[b] and b not in paired_new]

    def shared(a: int, b: int) -> bool:
        return bool(old_touch[a] & new_touch[b]) and matching.comparable(old[a], new[b])

    rules: tuple[tuple[bool, Callable[[int, int], bool]], ...] = (
        (False, lambda a, b: matching.same(old[a], new[b])),
        (True, lambda a, b: shared(a, b) and matching.akin(old[a], new[b])),
        (True, shared),
        (False, lambda a, b: matching.moved(old[a], new[b])),
        (True, lambda a, b: matching.comparable(old[a], new[b]) and matching.akin(old[a], new[b])),
    )
    for report, rule in rules:
        for a, b in _greedy(left_old, left_new, rule):
            if report:
                out.append((old[a], new[b]))
    out.extend((old[a], None) for a in left_old)
    out.extend((None, new[b]) for b in left_new)
    return out


def _greedy(
    left_old: list[int], left_new: list[int], rule: Callable[[int, int], bool]
) -> list[tuple[int, int]]:
    """Pair leftovers in order by ``rule``, removing the paired ones from both lists."""
    out = []
    for a in list(left_old):
        for b in left_new:
            if rule(a, b):
                out.append((a, b))
                left_old.remove(a)
                left_new.remove(b)
                break
    return out


def lone_in_clause(pair: AlignedPair, mention: Ranged, side: str) -> bool:
    """Whether an unpaired mention sits in a hunk with other content: a clause change.

    A clause added or removed around a date or a figure is the assertion detector's
    finding; a date or figure alone going or coming is ours.
    """
    tokens = pair.old_tokens if side == "old" else pair.new_tokens
    for hunk, _old, _new in pair.meaningful():
        lo, hi = (hunk.i1, hunk.i2) if side == "old" else (hunk.j1, hunk.j2)
        if lo < mention.hi and mention.lo < hi:
            others = [
                t
                for k, t in enumerate(tokens[lo:hi], start=lo)
                if not mention.lo <= k < mention.hi and pair.is_content(t)
            ]
            if len(others) >= CLAUSE_CONTENT:
                return True
    return False


def other_side(pair: AlignedPair, mention: Ranged, side: str) -> Span | None:
    """What replaced (or was replaced by) an unpaired mention.

    That is the other side of its hunk, when it is a few words (``recent years``).
    """
    for hunk, old, new in pair.meaningful():
        lo, hi = (hunk.i1, hunk.i2) if side == "old" else (hunk.j1, hunk.j2)
        other = new if side == "old" else old
        words = [t for t in other if t.kind != "punct"]
        if lo < mention.hi and mention.lo < hi and words and len(words) <= REPLACEMENT_WORDS:
            if side == "old":
                return pair.new_span(hunk.j1, hunk.j2)
            return pair.old_span(hunk.i1, hunk.i2)
    return None


# -- comparing dates -----------------------------------------------------------------------


def _fields(m: DateMention) -> dict[str, tuple[int | None, ...]]:
    """The field groups a mention gives, for comparison."""
    out: dict[str, tuple[int | None, ...]] = {}
    if m.kind == "time":
        out["time"] = (m.hour % 24 if m.hour is not None else None, m.minute)
        return out
    if m.year is not None:
        out["year"] = (m.year,)
    if m.month is not None:
        out["month"] = (m.month,)
    if m.day is not None:
        out["day"] = (m.day, m.day_hi)
    if m.weekday is not None:
        out["weekday"] = (m.weekday,)
    if m.offset is not None:
        out["offset"] = (m.offset,)
    if m.part is not None:
        out["part"] = (m.part,)
    return out


def date_key(m: DateMention) -> tuple[object, ...]:
    """Everything a mention says, in a form that compares.

    One date written two ways (``5 March 2024``, ``March 5, 2024``, ``05.03.2024``) has
    one key.

    Example:
        >>> from revforensics.tokenize import tokenize
        >>> [date_key(m) for m in find_dates(tokenize("5 March 2024"))] == [
        ...     date_key(m) for m in find_dates(tokenize("March 5, 2024"))
        ... ]
        True
    """
    return (m.kind, *sorted(_fields(m).items()))


def same_date(a: DateMention, b: DateMention) -> bool:
    """Whether two expressions name the same date or time.

    They must share a field, and every field both give must agree: ``19 May`` and
    ``19 May 2025`` do; ``yesterday`` and ``Monday`` share none, so they are not known to
    be the same.
    """
    if a.kind != b.kind:
        return False
    fa, fb = _fields(a), _fields(b)
    shared = _shared(fa, fb)
    return bool(shared) and all(fa[k] == fb[k] for k in fa.keys() & fb.keys())


def _shared(fa: Mapping[str, object], fb: Mapping[str, object]) -> set[str]:
    """The fields two mentions both give that say which day it is.

    The part of the day alone does not: "вчера вечером" and "в понедельник вечером" share
    only "evening", and are not known to be one day.
    """
    shared = fa.keys() & fb.keys()
    if shared == {"part"} and (len(fa) > 1 or len(fb) > 1):
        return set()
    return shared


def _akin(a: DateMention, b: DateMention) -> bool:
    return bool(_shared(_fields(a), _fields(b)))


def _frame(m: DateMention) -> str:
    if m.kind == "time":
        return "time"
    if m.year is not None or m.month is not None or m.day is not None:
        return "calendar"
    return "relative" if m.offset is not None else "weekday"


def _comparable(a: DateMention, b: DateMention) -> bool:
    """Whether two dates may be paired as one date changed.

    They must be of one kind and share a field, or name the day in other terms
    (``yesterday`` / ``19 May``); ``1 March`` and ``2026`` are two separate dates.
    """
    if a.kind != b.kind:
        return False
    return _akin(a, b) or _frame(a) != _frame(b)


def _shift_days(a: DateMention, b: DateMention) -> int | None:
    """How many days a date moved, when both sides say enough to tell."""
    if a.offset is not None and b.offset is not None:
        return abs(b.offset - a.offset)
    if a.month is not None and b.month is not None:
        year_a = a.year or b.year or 2000
        year_b = b.year or a.year or 2000
        try:
            old = date(year_a, a.month, a.day or 1)
            new = date(year_b, b.month, b.day or 1)
        except ValueError:
            return None
        return abs((new - old).days)
    if a.year is not None and b.year is not None:
        return 365 * abs(b.year - a.year)
    if a.weekday is not None and b.weekday is not None:
        return abs(b.weekday - a.weekday)
    return None


_PERIOD_DAYS = 7
"""Relative offsets from a week up name periods ("next month"), not days to count."""


def _direction(a: DateMention, b: DateMention, days: int) -> str:
    """`` (6 days later)``, `` (1 year earlier)``, or nothing when the order is unknown."""
    if a.offset is not None and b.offset is not None:
        if max(abs(a.offset), abs(b.offset)) >= _PERIOD_DAYS:
            # "next week" -> "next month": periods, whose offsets are rounded
            return f" ({'later' if b.offset > a.offset else 'earlier'})"
        later = b.offset > a.offset
    elif a.year is not None and b.year is not None and (a.month, a.day) == (b.month, b.day):
        years = abs(b.year - a.year)
        unit = "year" if years == 1 else "years"
        return f" ({years} {unit} {'later' if b.year > a.year else 'earlier'})"
    elif a.month is not None and b.month is not None and a.day is None and b.day is None:
        year_a = a.year or b.year or 0
        year_b = b.year or a.year or 0
        months = (year_b * 12 + b.month) - (year_a * 12 + a.month)
        unit = "month" if abs(months) == 1 else "months"
        return f" ({abs(months)} {unit} {'later' if months > 0 else 'earlier'})"
    elif a.month is not None and b.month is not None:
        later = (b.year or 0, b.month, b.day or 0) > (a.year or 0, a.month, a.day or 0)
    else:
        return ""
    unit = "day" if days == 1 else "days"
    return f" ({days} {unit} {'later' if later else 'earlier'})"


def _changed(pair: AlignedPair, old: DateMention, new: DateMention) -> Finding:
    old_span, new_span = pair.old_span(old.lo, old.hi), pair.new_span(new.lo, new.hi)
    evidence = [
        Evidence("date", "old", old_span, _describe(old)),
        Evidence("date", "new", new_span, _describe(new)),
    ]
    what = "time" if old.kind == "time" else "date"
    detail = ""
    magnitude = SAME_DAY_MAGNITUDE
    if _stamp(pair):
        rule = "dates.stamp_changed"
        magnitude = STAMP_MAGNITUDE
        detail = " (a date stamp, which every edit renews)"
    elif old.kind == "time":
        rule = "dates.time_changed"
    elif not _shared(_fields(old), _fields(new)):
        rule = "dates.reference_changed"
        detail = " (the reference changed, so the two cannot be checked against each other)"
    elif all(
        value == _fields(new).get(name) for name, value in _fields(old).items() if name != "part"
    ):
        rule = "dates.part_changed"  # the same day, another part of it
        what = "time of day"
    else:
        rule = "dates.day_changed"
        days = _shift_days(old, new)
        if days is not None and days > 1:
            magnitude = SHIFT_MAGNITUDE
        if days:
            detail = _direction(old, new, days)
        if old.year is not None and new.year is not None and old.year != new.year:
            magnitude = SHIFT_MAGNITUDE
    return make_finding(
        pair,
        FindingKind.DATE_CHANGED,
        rule=rule,
        old=old_span,
        new=new_span,
        evidence=evidence,
        explanation=f"The {what} {quote(old_span.text)} became {quote(new_span.text)}{detail}.",
        magnitude=magnitude,
    )


def _stamp(pair: AlignedPair) -> bool:
    """Whether both sides are date lines: dates, punctuation and stamp words only."""
    words = lexicon("date_stamp_words")
    for side, tokens in (("old", pair.old_tokens), ("new", pair.new_tokens)):
        inside = {k for m in pair.dates(side) for k in range(m.lo, m.hi)}
        if not inside:
            return False
        for k, token in enumerate(tokens):
            if k not in inside and token.kind != "punct" and token.key not in words:
                return False
    return True


def _describe(m: DateMention) -> str:
    """A short, language-neutral note of a mention's fields: ``2025-05-19``, ``-1 day``."""
    if m.kind == "time":
        return f"{(m.hour or 0) % 24:02d}:{m.minute or 0:02d}"
    parts = []
    if m.year is not None or m.month is not None or m.day is not None:
        day = "??" if m.day is None else f"{m.day:02d}"
        if m.day_hi is not None:
            day += f"..{m.day_hi:02d}"
        month = "??" if m.month is None else f"{m.month:02d}"
        parts.append(f"{m.year or '????'}-{month}-{day}")
    if m.weekday is not None:
        parts.append(f"weekday {m.weekday}")
    if m.offset is not None:
        parts.append(f"{m.offset:+d} day")
    if m.part is not None:
        parts.append(_PART_NAMES[m.part])
    return ", ".join(parts)


_PART_NAMES = {1: "morning", 2: "afternoon", 3: "evening", 4: "night"}


def _presence(pair: AlignedPair, mention: DateMention, side: str) -> Finding:
    span = (pair.old_span if side == "old" else pair.new_span)(mention.lo, mention.hi)
    what = "time" if mention.kind == "time" else "date"
    replaced = other_side(pair, mention, side)
    evidence = [Evidence("date", side, span, _describe(mention))]
    caret = replaced if replaced is not None else caret_after_kept(pair, mention.lo, side)
    old, new, verb = placed(side, span, caret, replaced)
    rule = "dates.removed" if side == "old" else "dates.added"
    if replaced is not None:
        evidence.append(Evidence("replacement", "new" if side == "old" else "old", replaced))
    return make_finding(
        pair,
        FindingKind.DATE_CHANGED,
        rule=rule,
        old=old,
        new=new,
        evidence=evidence,
        explanation=f"The {what} {quote(span.text)} {verb}.",
        magnitude=PRESENCE_MAGNITUDE,
    )


def _touches_dates(pair: AlignedPair) -> bool:
    """Whether a meaningful hunk changes a number or a month, weekday or relative-date word."""
    words = lexicon_words("months", "weekdays", "relative_dates", "date_stamp_words", "day_parts")
    return any(t.kind == "number" for t in pair.changed_tokens) or changes_any_of(pair, words)


def detect_dates(pair: AlignedPair) -> Iterator[Finding]:
    """Find dates and times that changed inside a kept sentence.

    Same date in another format (``19 May 2025`` / ``19.05.2025``) is not a change; a
    date that only moved inside the sentence is not either. A date that comes or goes
    alone is reported; one inside an added or removed clause is left to the assertion
    detector.

    .. versionadded:: 0.1
    """
    if pair.link.op in ("deleted", "inserted") or not _touches_dates(pair):
        return
    old, new = pair.dates("old"), pair.dates("new")
    matching = Matching(same=same_date, akin=_akin, comparable=_comparable)
    for a, b in pair_mentions(pair, old, new, matching):
        if a is not None and b is not None:
            if not same_date(a, b):
                yield _changed(pair, a, b)
        elif a is not None:
            if not lone_in_clause(pair, a, "old"):
                yield _presence(pair, a, "old")
        elif b is not None and not lone_in_clause(pair, b, "new"):
            yield _presence(pair, b, "new")
