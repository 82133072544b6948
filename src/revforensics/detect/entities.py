"""``entity_removed``, ``entity_added`` and ``entity_replaced``: names in a kept sentence.

There is no NER model. A *name* is a run of capitalized words that does not open its
sentence (``the General Staff``, ``Kursk region``), an all-capital acronym (``ЗСУ``,
``NATO``), or a unit designator (``47th brigade``, ``47-ма окрема бригада``). A capital
at the start of a sentence, after a bullet or a colon, or in a title-case line proves
nothing, so such a word counts only when it is a well-known name (``entity_names``), is
followed by a type word (``Курська область``), or is capitalized mid-sentence somewhere
in either version.

Names are compared by a *stem*: Ukrainian and Russian case endings are dropped
(Курськ, Курська, Курській), the regional ``-щина`` form is read as ``-ськ``
(Курщина), the word is transliterated to a Latin skeleton that folds Ukrainian, Russian
and English spellings together (г/h/g, и/і/y, х/kh/h, ц/ts, doubled letters), and two
skeletons within one edit are the same name (Kharkiv, Kharkov, Харків, Харьков). So a
case ending, a transliteration variant or a one-letter typo fix is never a new name;
that also means ``в Курській області`` to ``на Курщині`` names the same region and
gets no entity finding (the wording change is still reported as ``reworded``).

Only ``equal`` and ``edited`` links are read: a wholly removed or added sentence is
reported by the assertion detector, with its names in its evidence, and so is a clause
cut from a kept sentence ("and launched new offensive operations in the Kursk region"):
names inside it are not reported again. A name is *replaced* when another takes its
slot, a hunk that changes little else; a dropped name stood for by a pronoun (Zelensky
said -> He said), an acronym and its expansion (ЗСУ, Збройних сил України; AFU) and a
syllable abbreviation (Минобороны, Министерство обороны) are the same name.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
import weakref
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from rapidfuzz.distance import DamerauLevenshtein

from revforensics.detect._common import make_finding
from revforensics.detect._text import quote
from revforensics.detect.assertions import CLAIM_MIN_CONTENT, REPLACEMENT_RATIO
from revforensics.diff import Hunk
from revforensics.findings import Evidence, Finding, FindingKind
from revforensics.lexicon import lexicon, lexicon_map
from revforensics.model import Span
from revforensics.pair import LIST_MARKER, AlignedPair, Document
from revforensics.tokenize import Token

__all__ = ["detect_entities", "name_stem", "same_name"]

PLACE_MAGNITUDE = 1.2
"""Places and units weigh more than other names: where and by whom is the news."""
_NOUNS = {"place": "place", "unit": "unit", "org": "organization", "person": "person"}

# -- transliteration skeleton -------------------------------------------------------------

_CYRILLIC_TO_LATIN = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
        "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
        "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
        "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    }
)  # fmt: skip
# Applied in order to the Latin spelling, so "Kharkov", "Харьков" and "Kharkiv" meet:
# uk г is h, ru г is g, both are h here; x/kh/h and y/i/j likewise fold.
_LATIN_FOLDS = (
    ("shch", "sh"),
    ("kh", "h"),
    ("zh", "z"),
    ("ts", "c"),
    ("tz", "c"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("x", "ks"),
    ("q", "k"),
    ("j", "i"),
    ("y", "i"),
    ("g", "h"),
)
# Ukrainian and Russian noun and adjective endings, longest first. Only dropped when
# three letters stay, so short names keep their shape.
_ENDINGS = sorted(
    (  # noqa: SIM905 - a word list reads best as one string
        "ами ями ого его ому ему ою ею ої ій ий ой ый ая яя ое ее ую юю ые ие их ых им ым ом "
        "ем ам ям ах ях а я у ю і и е о ы ь ї є"
    ).split(),
    key=len,
    reverse=True,
)
# Регіон на -щина is the region of the town on -ськ/-цьк: Курщина, Донеччина.
_REGIONAL = (("ччин", "цьк"), ("щин", "ськ"))
_CYRILLIC = re.compile("[а-яіїєґ]")
_DIGIT = re.compile(r"\d")
_DOUBLED = re.compile(r"(.)\1+")
_NOT_LATIN = re.compile("[^a-z0-9#]")
_MIN_STEM = 3
_PREFIX_EXTRA = 3
"""Letters a longer stem may add to a shorter one and still be the same name."""


def _latin(word: str) -> str:
    """Fold a lower-case word's spelling to a Latin skeleton."""
    out = word.translate(_CYRILLIC_TO_LATIN)
    for old, new in _LATIN_FOLDS:
        out = out.replace(old, new)
    return _NOT_LATIN.sub("", _DOUBLED.sub(r"\1", out))


def _raw_stem(word: str) -> str:
    w = word.casefold().replace("'", "")
    w = w.removesuffix("s") if word.endswith(("'s", "’s")) else w
    if _CYRILLIC.search(w):
        for ending in _ENDINGS:
            if w.endswith(ending) and len(w) - len(ending) >= _MIN_STEM:
                w = w[: -len(ending)]
                break
        for regional, town in _REGIONAL:
            if w.endswith(regional) and len(w) > len(regional) + 1:
                w = w[: -len(regional)] + town
    w = _latin(w)
    while len(w) > _MIN_STEM and w[-1] in "aeiou":
        w = w[:-1]
    return w


def _acronym_key(word: str) -> str:
    return _latin(word.casefold())


@functools.cache
def _aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for variant, canonical in lexicon_map("entity_aliases").items():
        out[_raw_stem(variant)] = _raw_stem(canonical)
        out[_acronym_key(variant)] = _acronym_key(canonical)
    return out


@functools.lru_cache(maxsize=1 << 16)
def name_stem(word: str) -> str:
    """The transliterated stem two spellings of one name share.

    Example:
        >>> {name_stem(w) for w in ("Курській", "Курщині", "Kursk", "Курской")}
        {'kursk'}
    """
    stem = _raw_stem(word)
    return _aliases().get(stem, stem)


def _variants(stem: str) -> tuple[str, ...]:
    # Курська область and Kursk, Харьковская and Kharkiv: the adjective's -sk may go.
    if stem.endswith(("sk", "ck")) and len(stem) - 2 >= _MIN_STEM:
        return (stem, stem[:-2])
    return (stem,)


_LOOSE_STEM = 5
"""Letters a stem needs before any one-letter edit is taken for a spelling variant."""
_SHIFTING_VOWELS = frozenset("ioeyu")
"""Vowels that Ukrainian, Russian and English spellings of one name add or drop (Kyiv / Kiev)."""
_TRADED_VOWELS = frozenset(
    {frozenset("io"), frozenset("ie"), frozenset("iy"), frozenset("ou"), frozenset("ey")}
)
"""Vowel pairs they trade: Львів / Львов, Russia / Россия; never a / i (Litva, Latvia)."""


def _transliterated(short: str, long: str) -> bool:
    """Whether two stems one edit apart differ only by a vowel that spellings trade."""
    if len(short) == len(long):
        changed = [(x, y) for x, y in zip(short, long, strict=True) if x != y]
        return len(changed) == 1 and frozenset(changed[0]) in _TRADED_VOWELS
    return any(
        long[:k] + long[k + 1 :] == short and long[k] in _SHIFTING_VOWELS for k in range(len(long))
    )


def _close(a: str, b: str, *, extend: bool = True) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) < _MIN_STEM or a[0] != b[0]:
        return False
    if DamerauLevenshtein.distance(a, b) <= 1:
        # A short stem takes only the edits transliteration makes (Lviv / Lvov, Kyiv / Kiev):
        # one edit elsewhere is another place (Litva / Latvia, Iran / Iraq).
        return len(short) >= _LOOSE_STEM or _transliterated(short, long)
    extra = len(long) - len(short)
    return extend and len(short) > _MIN_STEM and long.startswith(short) and extra <= _PREFIX_EXTRA


@functools.lru_cache(maxsize=1 << 16)
def _same_stem(a: str, b: str) -> bool:
    if a.startswith("#") or b.startswith("#") or _DIGIT.search(a) or _DIGIT.search(b):
        return a == b  # a unit number, an acronym or a model (F-16, F-15) compares exactly
    return any(_close(x, y) for x in _variants(a) for y in _variants(b))


def same_name(a: str, b: str) -> bool:
    """Whether two words are spellings of one name: case forms, transliterations, a typo.

    Example:
        >>> same_name("Kharkov", "Харкові"), same_name("Курська", "Курщина")
        (True, True)
        >>> same_name("Kursk", "Belgorod"), same_name("Pokrovsk", "Toretsk")
        (False, False)
    """
    return _same_stem(name_stem(a), name_stem(b))


# -- finding names in a sentence ----------------------------------------------------------


class _Name(NamedTuple):
    """A name in one side's tokens: tokens ``[lo, hi)``, with its stems and type."""

    lo: int
    hi: int
    stems: tuple[str, ...]
    kind: str
    initials: str = ""
    """The first letters of a multi-word name (``afu`` for Armed Forces of Ukraine), or an
    acronym's letters: so ``AFU`` names the same thing."""


_PRONOUNS = frozenset(
    (  # noqa: SIM905 - a word list reads best as one string
        "he she it they him her them his its their він вона воно вони його її їх їм "
        "он она оно они его ее их им"
    ).split()
)
_QUOTES = frozenset({'"', "'"})
"""Quotation marks after normalization; a lone ``'`` is a single quote (‘Entry
requirements’ page), an apostrophe inside a word is part of the word."""
_NEAR = frozenset(
    (  # noqa: SIM905 - a word list reads best as one string
        "near outside around поблизу біля неподалік під околиць около возле вблизи под"
    ).split()
)
"""Prepositions after which a name is a place (near Belaya, під Покровськом)."""
_LIST_GLUE = frozenset({",", "and", "or", "та", "і", "й", "и", "або", "или"})
_CONNECTORS = frozenset({"of", "de", "da", "del", "von", "van", "al"})
# Capitalized words that are not names: months and weekdays belong to the dates detector.
_NOT_NAMES = frozenset(
    (  # noqa: SIM905 - a word list reads best as one string
        "i january february march april may june july august september october november "
        "december monday tuesday wednesday thursday friday saturday sunday "
        "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri "
        "sat sun "
        # time zones, units and file formats written in capitals
        "utc gmt bst cet cest eet eest msk kb mb gb tb km kg pdf am pm "
        # references to a part of a document: their figure is what matters
        "no art fig figs ref refs sec eq eqs vol pp ch article section chapter paragraph "
        "clause annex appendix figure table"
    ).split()
)
# After these marks a capital opens a sentence-like unit (a bullet, a heading, a list).
_OPENERS = frozenset({"#", "*", "-", "+", "•", ">", ":", "(", "[", "|", LIST_MARKER})
_MODEL = re.compile(r"[^\W\d_]+-\d+[^\W_]*")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th|-?[a-zа-яіїє]{1,3})", re.IGNORECASE)
_UNIT_GAP = 4
"""Words a unit number may stand from its unit word (47th Separate Mechanized Brigade)."""
_QUOTED_NAME = 4
"""Tokens within which a double quote must close for its capitalized words to be a name
(«Азов»); a longer or lower-case quotation is a quoted sentence."""
_HEADING_TITLE_RATIO = 0.75
_TITLE_MIN_WORDS = 3
"""A line is title case when all its content words (three at least) are capitalized, or
three in four of them in a heading."""
_MAX_ACRONYM = 6
_SYLLABLE = 3
"""Letters of the first word a syllable abbreviation keeps: Мін-оборони, Ген-штаб."""


@functools.cache
def _types() -> tuple[dict[str, str], tuple[tuple[str, str], ...], dict[str, str]]:
    """The type words: exact entries, stems (``област*``) and abbreviations (``м.``)."""
    exact: dict[str, str] = {}
    stems: list[tuple[str, str]] = []
    abbreviations: dict[str, str] = {}
    for entry, kind in lexicon_map("entity_types").items():
        if entry.endswith("*"):
            stems.append((entry[:-1], kind))
        elif entry.endswith("."):
            abbreviations[entry[:-1]] = kind
        else:
            exact[entry] = kind
    return exact, tuple(stems), abbreviations


_STEM_EXTRA = 4
"""Letters a word may add to a type-word stem: област* matches області, областю."""


def _type_of(token: Token) -> str | None:
    """The type a type word marks (``region`` -> place, ``бригади`` -> unit), if any."""
    if token.kind != "word":
        return None
    exact, stems, _ = _types()
    found = exact.get(token.key)
    if found is not None:
        return found
    for stem, kind in stems:
        if token.key.startswith(stem) and len(token.key) - len(stem) <= _STEM_EXTRA:
            return kind
    return None


def _type_word(token: Token) -> str | None:
    """A lower-case type word's type: ``Kursk region``, not ``Kursk Region Council``."""
    return _type_of(token) if token.text[:1].islower() else None


@functools.cache
def _gazetteer() -> tuple[dict[str, str], dict[str, str]]:
    """The well-known names by stem (for Cyrillic words) and by Latin spelling."""
    names = lexicon_map("entity_names")
    by_stem = {name_stem(name): kind for name, kind in names.items()}
    by_spelling = {_latin(name): kind for name, kind in names.items()}
    return by_stem, by_spelling


_KNOWN_FUZZY = 6
"""Letters from which a Latin spelling one edit away is the same known name: Kharkov is
Kharkiv, but Crime is not Crimea."""


@functools.lru_cache(maxsize=1 << 12)
def _known(word: str) -> str:
    """The type of a well-known name (Харкову is Kharkiv, a place), or ``""``.

    Stricter than :func:`same_name`, since it decides whether a capital that opens a
    sentence is a name at all: Ukrainian is not Ukraine, Crime is not Crimea. Cyrillic
    words are compared by stem, as they inflect; Latin ones by their spelling.
    """
    by_stem, by_spelling = _gazetteer()
    if _CYRILLIC.search(word.casefold()):
        stem = name_stem(word)
        if stem in by_stem:
            return by_stem[stem]
        return next(
            (
                kind
                for name, kind in by_stem.items()
                if any(_close(a, b, extend=False) for a in _variants(stem) for b in _variants(name))
            ),
            "",
        )
    spelling = _latin(word.casefold().removesuffix("'s"))
    if spelling in by_spelling:
        return by_spelling[spelling]
    if len(spelling) < _KNOWN_FUZZY:
        return ""
    return next(
        (
            kind
            for name, kind in _spellings_by_initial().get(spelling[0], ())
            if len(name) >= _KNOWN_FUZZY
            and abs(len(name) - len(spelling)) <= 1
            and DamerauLevenshtein.distance(spelling, name) <= 1
        ),
        "",
    )


@functools.cache
def _spellings_by_initial() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for name, kind in _gazetteer()[1].items():
        out.setdefault(name[:1], []).append((name, kind))
    return out


@functools.lru_cache(maxsize=1 << 16)
def _acronym_stem(word: str) -> str:
    """An acronym's key: transliterated, aliased (ВСУ is ЗСУ), marked for exact comparison.

    Cached: every run of capitalized words yields the keys of its prefixes, pair after pair.
    """
    key = _acronym_key(word)
    return "#" + _aliases().get(key, key)


def _is_acronym(token: Token) -> bool:
    return token.kind == "word" and _acronym_word(token.text, token.key)


@functools.lru_cache(maxsize=1 << 16)
def _acronym_word(text: str, key: str) -> bool:
    """Whether a word is written as an acronym (``NATO``, ``ЗСУ``).

    Cached by spelling, like :func:`_capital_word`: a pair asks this of each of its words
    several times (names, initials, capital stems), and common words recur across pairs.
    """
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and key not in _NOT_NAMES


def _is_capital(token: Token) -> bool:
    return token.kind == "word" and _capital_word(token.text, token.key)


@functools.lru_cache(maxsize=1 << 16)
def _capital_word(text: str, key: str) -> bool:
    """Whether a word is capitalized as a name may be (``Kursk``, ``F-16``; not ``I``, ``May``).

    Cached by spelling: see :func:`_acronym_word`.
    """
    return (
        len(text) > 1  # an initial (V. Zelensky) or a letter of U.S.
        # E80, 47th: figures; F-16, Су-34: model names
        and (not any(c.isdigit() for c in text) or bool(_MODEL.fullmatch(text)))
        and text[:1].isupper()
        and key not in _NOT_NAMES
        and key not in lexicon("stopwords")
    )


def _may_start_name(token: Token) -> bool:
    """Whether a name may start at ``token``: a number, or a word shaped like a name's start.

    A necessary condition for :meth:`_Side._unit`, :meth:`_Side._dotted` and
    :meth:`_Side._starts_name`, cached by spelling, so that the many lower-case words of a
    sentence are passed over with one look-up instead of three readers.
    """
    return token.kind == "number" or (
        token.kind == "word" and _may_start_word(token.text, token.key)
    )


@functools.lru_cache(maxsize=1 << 16)
def _may_start_word(text: str, key: str) -> bool:
    """Whether a word may open a name: an ordinal, a letter of U.S., a capital, an acronym."""
    return (
        bool(_ORDINAL.fullmatch(text))
        or (len(text) == 1 and text.isupper())
        or _acronym_word(text, key)
        or _capital_word(text, key)
    )


def _stem(token: Token) -> str:
    if _is_acronym(token):
        return _acronym_stem(token.text)
    head, _, tail = token.text.partition("-")
    # Houthi-led, Kremlin-backed: the name is the part before a lower-case suffix.
    return name_stem(head if tail and tail.islower() else token.text)


def _is_symbol(token: Token) -> bool:
    """An emoji or status mark, which Telegram posts use as bullets."""
    return token.kind == "punct" and any(
        not c.isascii() and unicodedata.category(c).startswith("S") for c in token.text
    )


def _quoted_name(tokens: Sequence[Token], k: int) -> bool:
    """Whether the quotation opening at ``k`` is a short name: «Азов», "Azov", «Сили ТрО».

    A short quotation whose words are not all capitalized is a quoted sentence.
    """
    if tokens[k].text != '"':
        return False  # single quotes mark titles in British prose: 'Safety and security'
    inside = tokens[k + 1 : k + 1 + _QUOTED_NAME]
    end = next((m for m, t in enumerate(inside) if t.text == '"'), None)
    if not end:
        return False
    return all(t.text[:1].isupper() for t in inside[:end] if t.kind == "word")


def _title_case(tokens: Sequence[Token], *, heading: bool) -> bool:
    """Whether a line is in title case, where capitals are style (``Forces Advance Near``).

    A sentence that lists many places still has a lower-case verb (``Strikes hit Kharkiv,
    Sumy, ...``), so outside headings every content word must be capitalized.
    """
    words = [
        t
        for t in tokens
        if t.kind == "word" and t.text[:1].isalpha() and t.key not in lexicon("stopwords")
    ]
    capital = sum(t.text[:1].isupper() for t in words)
    ratio = _HEADING_TITLE_RATIO if heading else 1.0
    return len(words) >= _TITLE_MIN_WORDS and capital >= ratio * len(words)


def _openers(doc: Document, sentences: Sequence[int], tokens: Sequence[Token]) -> set[int]:
    """Token indices where a capital proves nothing: sentence starts and the like.

    Every word of a title-case line (``Russian Forces Advance Near Kursk``) is one.
    """
    out: set[int] = set()
    k = 0
    for i in sentences:
        seg = doc.segments[i]
        while k < len(tokens) and tokens[k].start < seg.start:
            k += 1
        begin = k
        while k < len(tokens) and tokens[k].start < seg.end:
            k += 1
        if _title_case(tokens[begin:k], heading=seg.heading):
            out.update(range(begin, k))
            continue
        first_word = next((m for m in range(begin, k) if tokens[m].kind == "word"), begin)
        out.update(range(begin, first_word))  # "❗️Ворог атакував" opens with a symbol
        quoted = first_word > begin and tokens[first_word - 1].text in _QUOTES
        if not (quoted and _quoted_name(tokens, first_word - 1)):
            out.add(first_word)  # but «Азов» утримує позиції: a quoted name
        for m in range(first_word + 1, k):
            prev = tokens[m - 1]
            if (
                prev.key in _OPENERS
                or _is_symbol(prev)
                or (prev.text in _QUOTES and not _quoted_name(tokens, m - 1))
            ):
                out.add(m)
    return out


# A capitalized word right after a lower-case word (and maybe a comma): mid-sentence.
# The capital comes first and the look-behind (which spans it, hence the ".") second, so
# that the regex engine can skip ahead to capitals instead of trying every position.
_MID_CAPITAL = re.compile(
    r"[A-ZА-ЯІЇЄҐ]"
    r"(?:(?<=[a-zа-яіїєґ'][ \t].)|(?<=[a-zа-яіїєґ'][,;][ \t].))"
    r"[^\W\d_]+"
)


def _previous_word_is_lower(text: str, pos: int) -> bool:
    """Whether the word before ``pos`` starts in lower case (not a title-case line)."""
    end = pos
    while end > 0 and not text[end - 1].isalpha():
        end -= 1
    start = end
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "'"):
        start -= 1
    return start < end and text[start].islower()


class _MidSentenceCapitals:
    """The words capitalized mid-sentence anywhere in one document, asked about by stem.

    Read with one regular expression over the normalized text, not by tokenizing every
    sentence: most sentences of a long statement never need their tokens. The regular
    expression finds every capital after a lower-case letter; whether the word before it
    starts in lower case too (not a title-case line) is checked only for the words whose
    stem is asked about, which are few.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: dict[str, list[int]] = {}
        for match in _MID_CAPITAL.finditer(text):
            self._starts.setdefault(match.group(), []).append(match.start())
        self._by_stem: dict[str, list[str]] = {}
        for word in self._starts:
            self._by_stem.setdefault(name_stem(word), []).append(word)
        self._answers: dict[str, bool] = {}

    def __contains__(self, stem: str) -> bool:
        """Whether a word with this stem is capitalized mid-sentence somewhere."""
        found = self._answers.get(stem)
        if found is None:
            found = self._answers[stem] = any(
                _previous_word_is_lower(self._text, start)
                for word in self._by_stem.get(stem, ())
                for start in self._starts[word]
            )
        return found


_MID_SENTENCE: weakref.WeakKeyDictionary[Document, _MidSentenceCapitals] = (
    weakref.WeakKeyDictionary()
)


def _capitalized_mid_sentence(doc: Document) -> _MidSentenceCapitals:
    """The words capitalized mid-sentence in ``doc``, by stem.

    Read once per document, and only when a capital that opens a sentence sits in a changed
    hunk.
    """
    found = _MID_SENTENCE.get(doc)
    if found is None:
        found = _MID_SENTENCE[doc] = _MidSentenceCapitals(doc.norm.text)
    return found


def _abbreviates(acronym: _Name, name: _Name) -> bool:
    """Whether ``acronym`` is one acronym whose letters are ``name``'s initials (AFU)."""
    return (
        len(acronym.stems) == 1
        and acronym.stems[0].startswith("#")
        and len(name.stems) > 1
        and acronym.initials == name.initials
    )


def _bucket(stem: str) -> str:
    """The key under which stems that may be one name meet.

    An exact key (an acronym, a model) is its whole self, any other stem its first letter:
    :func:`_close` never matches stems with different first letters.
    """
    return stem if stem.startswith("#") or _DIGIT.search(stem) else stem[:1]


def _index(stems: Iterable[str]) -> dict[str, list[str]]:
    """Stems by first letter, so that matching a long passage's names stays fast."""
    out: dict[str, list[str]] = {}
    for stem in stems:
        out.setdefault(stem[:1], []).append(stem)
    return out


def _covers(short: Sequence[str], long: Sequence[str]) -> bool:
    return all(any(_same_stem(a, b) for b in long) for a in short)


class _Side:
    """One side of a pair: its tokens, the names in them, and every word's stem."""

    def __init__(self, pair: AlignedPair, changed: set[int], *, old: bool) -> None:
        self.pair = pair
        self.changed = changed
        self.doc = pair.old if old else pair.new
        self.other = pair.new if old else pair.old
        self.tokens = pair.old_tokens if old else pair.new_tokens
        self.openers = _openers(self.doc, pair.link.old if old else pair.link.new, self.tokens)
        self.names = self._find()

    @functools.cached_property
    def name_tokens(self) -> frozenset[int]:
        """Indices of the tokens inside this side's names."""
        return frozenset(k for n in self.names for k in range(n.lo, n.hi))

    def overlapping(self, lo: int, hi: int) -> list[_Name]:
        """This side's names that overlap tokens ``[lo, hi)`` (names are sorted, disjoint)."""
        first = bisect.bisect_right(self._name_ends, lo)
        out = []
        for name in self.names[first:]:
            if name.lo >= hi:
                break
            out.append(name)
        return out

    @functools.cached_property
    def _name_ends(self) -> list[int]:
        return [n.hi for n in self.names]

    @functools.cached_property
    def word_stems(self) -> frozenset[str]:
        return frozenset(name_stem(t.text) for t in self.tokens if t.kind == "word")

    @functools.cached_property
    def spellings(self) -> frozenset[str]:
        """Acronym keys of the runs of words that start with a capital.

        ``Збройних сил України`` gives ``#zsu`` and ``Armed Forces of Ukraine`` ``#afu``:
        what an acronym on the other side may stand for.
        """
        return frozenset(key for _, _, key in self._initial_runs())

    def _initial_runs(self) -> Iterator[tuple[int, int, str]]:
        tokens = self.tokens
        for k, token in enumerate(tokens):
            if not _is_capital(token):
                continue
            letters = ""
            m = k
            while m < len(tokens) and tokens[m].kind == "word" and len(letters) < _MAX_ACRONYM:
                if letters and tokens[m].key in {"of", "the", "and"}:
                    m += 1
                    continue
                letters += tokens[m].key[0]
                m += 1
                if len(letters) > 1:
                    yield k, m, _acronym_stem(letters)

    @functools.cached_property
    def compounds(self) -> frozenset[str]:
        """Stems of the syllable abbreviations that capitalized word pairs make.

        Міністерство оборони gives Міноборони, Генеральний штаб gives Генштаб.
        """
        return frozenset(stem for _, stem in self._compound_pairs())

    def _compound_pairs(self) -> Iterator[tuple[int, str]]:
        tokens = self.tokens
        for k in range(len(tokens) - 1):
            first, second = tokens[k], tokens[k + 1]
            if _is_capital(first) and second.kind == "word" and len(first.key) > _SYLLABLE:
                yield k, name_stem(first.key[:_SYLLABLE] + second.key)

    @functools.cached_property
    def capital_stems(self) -> frozenset[str]:
        """The stems of this side's capitalized words and acronyms, and of its names."""
        out = {_stem(t) for t in self.tokens if _is_capital(t) or _is_acronym(t)}
        out.update(s for name in self.names for s in name.stems)
        return frozenset(out)

    def spelled_out(self, other: _Side) -> set[int]:
        """Indices of changed words that spell out an acronym or abbreviation of ``other``."""
        acronyms = {s for s in other.capital_stems if s.startswith("#")}
        singles = _index(s for s in other.capital_stems if not s.startswith("#"))
        out: set[int] = set()
        for lo, hi, key in self._initial_runs():
            if key in acronyms and any(k in self.changed for k in range(lo, hi)):
                out.update(range(lo, hi))
        for k, stem in self._compound_pairs():
            if (k in self.changed or k + 1 in self.changed) and any(
                _same_stem(stem, single) for single in singles.get(stem[:1], ())
            ):
                out.update((k, k + 1))
        return out

    @functools.cached_property
    def _word_index(self) -> dict[str, list[str]]:
        return _index(self.word_stems | self.compounds)

    @functools.cached_property
    def _name_index(self) -> dict[str, list[_Name]]:
        out: dict[str, list[_Name]] = {}
        for name in self.names:
            for key in {_bucket(s) for s in name.stems}:
                out.setdefault(key, []).append(name)
            if name.initials:
                out.setdefault("@" + name.initials, []).append(name)
        return out

    def covers(self, stem: str) -> bool:
        """Whether this side holds the word or acronym ``stem`` in any form."""
        if stem.startswith("#"):
            return stem in self.capital_stems or stem in self.spellings
        return any(_same_stem(stem, w) for w in self._word_index.get(stem[:1], ()))

    def names_too(self, name: _Name, words: Sequence[Token]) -> bool:
        """Whether this side names ``name`` (of the other side, whose ``words`` it has).

        One name covers another when every stem of the shorter is in the longer
        (``Kursk`` and ``Kursk region``, ``Zelensky`` and ``President Zelensky``); or
        when this side holds each of its words in some form: as a plain word
        (``Pokrovsk`` opening a sentence), an acronym's expansion (ЗСУ, Збройних сил
        України), a syllable abbreviation (Минобороны, Министерство обороны).
        """
        # Names sharing no stem's first letter, or initials, cannot cover each other.
        keys = {_bucket(s) for s in name.stems} | {"@" + name.initials}
        for key in keys:
            for other in self._name_index.get(key, ()):
                short, long = sorted((name.stems, other.stems), key=len)
                if _covers(short, long) or _abbreviates(name, other) or _abbreviates(other, name):
                    return True
        stems = [_stem(t) for t in words] or list(name.stems)
        if name.kind == "unit":
            stems = list(name.stems)  # a unit is its number
        return all(self.covers(s) for s in stems)

    def _licensed(self, k: int) -> bool:
        """Whether a capital at an opener is a name all the same."""
        following = self.tokens[k + 1] if k + 1 < len(self.tokens) else None
        if following is not None and _type_word(following) is not None:
            return True
        if _known(self.tokens[k].text):
            return True
        stem = name_stem(self.tokens[k].text)
        return stem in _capitalized_mid_sentence(self.doc) or stem in _capitalized_mid_sentence(
            self.other
        )

    def _starts_name(self, k: int) -> bool:
        token = self.tokens[k]
        if _is_acronym(token):
            return not self._placeholder(k)
        if not _is_capital(token):
            return False
        # Licensing may read the whole document: only worth it where the text changed.
        return k not in self.openers or (k in self.changed and self._licensed(k))

    def _placeholder(self, k: int) -> bool:
        """An acronym alone in square brackets: a placeholder or a marker ([MATH], [REF])."""
        tokens = self.tokens
        return 0 < k < len(tokens) - 1 and tokens[k - 1].text == "[" and tokens[k + 1].text == "]"

    def _find(self) -> list[_Name]:
        names: list[_Name] = []
        k = 0
        while k < len(self.tokens):
            if not _may_start_name(self.tokens[k]):
                k += 1  # most words
                continue
            name = self._unit(k) or self._dotted(k)
            if name is None and self._starts_name(k):
                name = self._run(k)
            if name is None:
                k += 1
            else:
                names.append(name)
                k = name.hi
        return self._places(names)

    def _places(self, names: list[_Name]) -> list[_Name]:
        """Type untyped names by their context.

        ``near X`` is a place, and so is every name listed with a place (Лисівка,
        Мирноград та Селидове).
        """
        tokens = self.tokens
        out = [
            n._replace(kind="place")
            if n.kind == "name" and n.lo > 0 and tokens[n.lo - 1].key in _NEAR
            else n
            for n in names
        ]
        for _ in range(2):  # forwards, then backwards through each list
            for i in range(1, len(out)):
                a, b = out[i - 1], out[i]
                between = tokens[a.hi : b.lo]
                if not all(t.key in _LIST_GLUE for t in between):
                    continue
                if a.kind == "place" and b.kind == "name":
                    out[i] = b._replace(kind="place")
                elif b.kind == "place" and a.kind == "name":
                    out[i - 1] = a._replace(kind="place")
        return out

    def _dotted(self, k: int) -> _Name | None:
        """An acronym written with periods, ``U.S.`` or ``U.K.``: the same as ``US``."""
        tokens = self.tokens
        hi = k
        while (
            hi + 1 < len(tokens)
            and tokens[hi].kind == "word"
            and len(tokens[hi].text) == 1
            and tokens[hi].text.isupper()
            and tokens[hi + 1].text == "."
            and tokens[hi + 1].start == tokens[hi].end
        ):
            hi += 2
        if hi - k < 4:  # two letters at least
            return None
        letters = "".join(t.key for t in tokens[k:hi:2])
        return _Name(k, hi, (_acronym_stem(letters.upper()),), "org", letters)

    def _unit(self, k: int) -> _Name | None:
        """A unit designator at ``k``: a number, at most three words, a unit word."""
        tokens = self.tokens
        token = tokens[k]
        m = k + 1
        if token.kind == "number" and token.key[1:].isdigit():
            number = token.key[1:]
            if (
                m + 1 < len(tokens)
                and tokens[m].text == "-"
                and tokens[m].start == token.end
                and tokens[m + 1].kind == "word"
                and len(tokens[m + 1].text) <= 3
            ):
                m += 2  # 47-ма, 3-я
        elif token.kind == "word" and _ORDINAL.fullmatch(token.text):
            number = "".join(c for c in token.text if c.isdigit())
        else:
            return None
        for n in range(m, min(len(tokens), m + _UNIT_GAP)):
            if tokens[n].kind != "word":
                return None
            if _type_of(tokens[n]) == "unit":
                return _Name(k, n + 1, (f"#{number}",), "unit")
        return None

    def _run(self, k: int) -> _Name:
        """The name that starts at ``k``: capitals and connectors, then a type word."""
        tokens = self.tokens
        hi = k + 1
        while hi < len(tokens) and hi not in self.openers:
            if _is_capital(tokens[hi]) or _is_acronym(tokens[hi]):
                hi += 1
            elif (gap := self._connector(hi)) and hi + gap not in self.openers:
                hi += gap + 1
            else:
                break
        words = [tokens[k]]  # Al Jazeera: a connector may open a name
        words += [t for t in tokens[k + 1 : hi] if t.key not in _CONNECTORS and t.key != "the"]
        stems = tuple(_stem(t) for t in words)
        if len(words) == 1:
            initials = words[0].key if _is_acronym(words[0]) else ""
        else:
            initials = "".join(t.key[0] for t in words)
        kind = ""
        if hi < len(tokens) and (after := _type_word(tokens[hi])) is not None:
            kind, hi = after, hi + 1
        elif (before := self._type_before(k)) is not None:
            kind = before  # "village of" and "м." stay out of the evidence
        if not kind:
            kind = _known(words[-1].text)  # Ukraine's General Staff is no place
        if not kind and all(s.startswith("#") for s in stems):
            kind = "org"
        return _Name(k, hi, stems, kind or "name", initials)

    def _connector(self, k: int) -> int:
        """How many connector words at ``k`` join two capitals: ``of``, ``of the``."""
        tokens = self.tokens
        if tokens[k].key not in _CONNECTORS:
            return 0
        gap = (
            2 if k + 1 < len(tokens) and tokens[k].key == "of" and tokens[k + 1].key == "the" else 1
        )
        return gap if k + gap < len(tokens) and _is_capital(tokens[k + gap]) else 0

    def _type_before(self, k: int) -> str | None:
        """A type word before a name: ``village of Vilcha``, ``село Вільча``, ``м. Харків``."""
        tokens = self.tokens
        m = k - 1
        if m >= 0 and tokens[m].text in _QUOTES:
            m -= 1
        abbreviations = _types()[2]
        if m >= 1 and tokens[m].text == "." and tokens[m - 1].key in abbreviations:
            return abbreviations[tokens[m - 1].key]
        if m >= 1 and tokens[m].key == "of":
            m -= 1
        return _type_word(tokens[m]) if m >= 0 else None


# -- findings -------------------------------------------------------------------------------


def _first_hunk(
    name: _Name, ends: Sequence[int], hunks: Sequence[Hunk], *, old: bool
) -> int | None:
    """The first hunk ``name`` overlaps; ``ends`` are the hunks' ends on its side, sorted."""
    index = bisect.bisect_right(ends, name.lo)
    if index < len(hunks):
        lo = hunks[index].i1 if old else hunks[index].j1
        if lo < name.hi:
            return index
    return None


def _noun(name: _Name) -> str:
    return _NOUNS.get(name.kind, "name")


def _magnitude(*names: _Name) -> float:
    return PLACE_MAGNITUDE if any(n.kind in {"place", "unit"} for n in names) else 1.0


def detect_entities(pair: AlignedPair) -> Iterator[Finding]:
    """Find names dropped from, added to or swapped in a kept sentence.

    A name is *dropped* when it overlaps a changed hunk and the new side names it
    nowhere (in any case form or spelling); *added* likewise. A dropped and an added
    name in the same hunk are one *replacement* (``Belaya`` -> ``Kursk region``).

    Example:
        >>> import revforensics as rf
        >>> cmp = rf.compare(
        ...     "Fighting continues near Belaya.", "Fighting continues in the Kursk region."
        ... )
        >>> [(f.kind.value, f.old.text, f.new.text) for f in cmp.findings]
        [('entity_replaced', 'Belaya', 'Kursk region')]

    .. versionadded:: 0.1
    """
    if pair.link.op in ("deleted", "inserted") or not pair.link.old or not pair.link.new:
        return
    if not any(
        t.text[:1].isupper() or any(c.isdigit() for c in t.text) for t in pair.changed_tokens
    ):
        return  # names are capitalized or numbered: none changed
    hunks = [hunk for hunk, _, _ in pair.meaningful()]
    if not hunks:
        return
    old = _Side(pair, {k for h in hunks for k in range(h.i1, h.i2)}, old=True)
    new = _Side(pair, {k for h in hunks for k in range(h.j1, h.j2)}, old=False)
    gone = _changed(old, new, hunks, old=True)
    came = _changed(new, old, hunks, old=False)
    left: list[tuple[str, _Name, Hunk]] = []
    for index, hunk in enumerate(hunks):
        removed, added = gone.get(index, []), came.get(index, [])
        slot = _slot_taken(old, new, hunk, removed, added)
        if slot is not None:
            yield _replaced(pair, *slot)
            continue
        paired = 0
        if _swap(old, new, hunk, removed, added):
            paired = min(len(removed), len(added))
            for before, after in zip(removed, added, strict=False):
                yield _replaced(pair, before, after)
        left += [("old", name, hunk) for name in removed[paired:]]
        left += [("new", name, hunk) for name in added[paired:]]
    swapped = _same_slot(old, new, left)
    if swapped is not None:
        yield _replaced(pair, *swapped)
        return
    for side, name, hunk in left:
        caret = (
            pair.new_span(hunk.j1, hunk.j1) if side == "old" else pair.old_span(hunk.i1, hunk.i1)
        )
        yield _presence(pair, name, caret, side)


def _same_slot(
    old: _Side, new: _Side, left: Sequence[tuple[str, _Name, Hunk]]
) -> tuple[_Name, _Name] | None:
    """One name gone and one come in a rewritten sentence, in the same slot.

    "Путин провел переговоры с Лукашенко в Минске" -> "Переговоры … прошли в Москве": the
    sentence was recast, so no hunk swaps the two, yet the one place that went and the one
    that came both stand after "в". Both must follow the same word and be of one kind, one
    of them known (a bare name in a place's slot is a place, as in :func:`_replaced`).
    """
    if [side for side, _, _ in left] != ["old", "new"]:
        return None
    (_, before, _), (_, after, _) = left
    kinds = {before.kind, after.kind} - {"name"}
    if len(kinds) != 1:
        return None
    if before.lo == 0 or after.lo == 0:
        return None
    if old.tokens[before.lo - 1].key != new.tokens[after.lo - 1].key:
        return None
    # And in the same place in the sentence: "speaking in Berlin, said aid would continue"
    # -> "…continue to flow in Ukraine" moved the slot, it did not fill it anew.
    where = before.lo / len(old.tokens), after.lo / len(new.tokens)
    return (before, after) if abs(where[0] - where[1]) <= _SLOT_DRIFT else None


_SLOT_DRIFT = 0.2
"""How far, as a share of the sentence, a recast sentence may shift a name's slot."""


def _in_clause(side: _Side, other: _Side, hunk: Hunk, *, old: bool) -> bool:
    """Whether a hunk removes (or adds) a whole clause, which the assertion detector reports.

    The test mirrors :mod:`~revforensics.detect.assertions` but counts only the content
    words outside the names: "and launched new offensive operations in the Kursk region"
    is a clause, "the 47th Mechanized Brigade and" is a name.
    """
    lo, hi = (hunk.i1, hunk.i2) if old else (hunk.j1, hunk.j2)
    across = other.tokens[hunk.j1 : hunk.j2] if old else other.tokens[hunk.i1 : hunk.i2]
    names = side.name_tokens
    lost = sum(side.pair.is_content(side.tokens[k]) for k in range(lo, hi) if k not in names)
    gained = sum(side.pair.is_content(t) for t in across)
    return lost >= CLAIM_MIN_CONTENT and gained * REPLACEMENT_RATIO <= lost


_SLOT_CONTENT = 2
"""Content words besides the names a hunk may change on each side and still be a swap."""


def _swap(old: _Side, new: _Side, hunk: Hunk, removed: list[_Name], added: list[_Name]) -> bool:
    """Whether a hunk swaps names in one slot, rather than rewriting a passage.

    ``near Belaya`` -> ``in the Kursk region`` is a swap. A rewritten update line that
    happens to drop one name and add another, or a reordered list of towns that lost
    one and gained another, is a removal and an addition.
    """
    if not removed or not added:
        return False
    for side, names, lo, hi in ((old, removed, hunk.i1, hunk.i2), (new, added, hunk.j1, hunk.j2)):
        inside = {k for n in names for k in range(n.lo, n.hi)}
        if any(n not in names for n in side.overlapping(lo, hi)):
            return False  # a kept name in the hunk: a list changed, not one slot
        other = sum(side.pair.is_content(side.tokens[k]) for k in range(lo, hi) if k not in inside)
        if other > _SLOT_CONTENT:
            return False
    return True


def _slot_taken(
    old: _Side, new: _Side, hunk: Hunk, removed: list[_Name], added: list[_Name]
) -> tuple[_Name, _Name] | None:
    """A name swapped for one the sentence already named elsewhere, as ``(before, after)``.

    ``shelled Kherson; Mykolaiv was quiet`` -> ``shelled Mykolaiv; Mykolaiv was quiet``:
    Mykolaiv is named on both sides, so it is not *added*, yet it took Kherson's slot.
    Only a one-for-one swap of a name wholly inside the hunk counts; the slot rules are
    those of :func:`_swap`.
    """
    if len(removed) == 1 and not added:
        taken = new.overlapping(hunk.j1, hunk.j2)
        if _whole(taken, hunk.j1, hunk.j2) and _swap(old, new, hunk, removed, taken):
            return removed[0], taken[0]
    if len(added) == 1 and not removed:
        left = old.overlapping(hunk.i1, hunk.i2)
        if _whole(left, hunk.i1, hunk.i2) and _swap(old, new, hunk, left, added):
            return left[0], added[0]
    return None


def _whole(names: Sequence[_Name], lo: int, hi: int) -> bool:
    """Whether ``names`` is one name lying wholly inside tokens ``[lo, hi)``.

    ``Pokrovsk direction`` -> ``Pokrovsk and Kurakhove directions`` keeps Pokrovsk, so
    the old name is not a slot another took: the hunk holds only part of it.
    """
    return len(names) == 1 and lo <= names[0].lo and names[0].hi <= hi


def _changed(
    side: _Side, other: _Side, hunks: Sequence[Hunk], *, old: bool
) -> dict[int, list[_Name]]:
    """The names of ``side`` in a changed hunk that ``other`` names nowhere, by hunk.

    A name that spells out an acronym of the other side (Збройних сил України for ЗСУ)
    is named there, and so is one a pronoun stands for (Zelensky said -> He said).
    """
    out: dict[int, list[_Name]] = {}
    spelled: set[int] | None = None  # reads both sides whole: only once a name needs it
    ends = [hunk.i2 if old else hunk.j2 for hunk in hunks]
    for name in side.names:
        index = _first_hunk(name, ends, hunks, old=old)
        if index is None or _in_clause(side, other, hunks[index], old=old):
            continue
        if spelled is None:
            spelled = side.spelled_out(other)
        capitals = [
            k
            for k in range(name.lo, name.hi)
            if _is_capital(side.tokens[k]) or _is_acronym(side.tokens[k])
        ]
        if capitals and all(k in spelled for k in capitals):
            continue
        words = [side.tokens[k] for k in capitals if k not in spelled]
        if other.names_too(name, words):
            continue
        hunk = hunks[index]
        across = other.tokens[hunk.j1 : hunk.j2] if old else other.tokens[hunk.i1 : hunk.i2]
        keys = [t.key for t in across if t.kind == "word"]
        if keys and all(key in _PRONOUNS for key in keys):
            continue
        out.setdefault(index, []).append(name)
    return out


def _replaced(pair: AlignedPair, before: _Name, after: _Name) -> Finding:
    # A name in a place's slot is a place: Полтаву -> Кременчук.
    if before.kind == "name":
        before = before._replace(kind=after.kind)
    elif after.kind == "name":
        after = after._replace(kind=before.kind)
    old = pair.old_span(before.lo, before.hi)
    new = pair.new_span(after.lo, after.hi)
    noun = _noun(before)
    other = "" if _noun(after) == noun else f"the {_noun(after)} "
    return make_finding(
        pair,
        FindingKind.ENTITY_REPLACED,
        rule="entity.replaced",
        old=old,
        new=new,
        evidence=[
            Evidence("entity", "old", old, note=f"{before.kind}: {' '.join(before.stems)}"),
            Evidence("entity", "new", new, note=f"{after.kind}: {' '.join(after.stems)}"),
        ],
        explanation=f"The {noun} {quote(old.text)} was replaced by {other}{quote(new.text)}.",
        magnitude=_magnitude(before, after),
    )


def _presence(pair: AlignedPair, name: _Name, caret: Span, side: str) -> Finding:
    """A name that left (``side="old"``) or joined (``"new"``) a kept sentence."""
    span = (pair.old_span if side == "old" else pair.new_span)(name.lo, name.hi)
    gone = side == "old"
    return make_finding(
        pair,
        FindingKind.ENTITY_REMOVED if gone else FindingKind.ENTITY_ADDED,
        rule="entity.removed" if gone else "entity.added",
        old=span if gone else caret,
        new=caret if gone else span,
        evidence=[Evidence("entity", side, span, note=f"{name.kind}: {' '.join(name.stems)}")],
        explanation=(
            f"The {_noun(name)} {quote(span.text)} was "
            f"{'removed from' if gone else 'added to'} the sentence."
        ),
        magnitude=_magnitude(name),
    )
