"""What counts as cosmetic: the normalization classes and the protected-token rule.

A change is cosmetic when it only touches form: white space, invisible characters, quote
and apostrophe style, dashes, look-alike letters, case, number format, punctuation that
does not carry meaning, Markdown markup, or a small typo fix. The **protected-token rule**
keeps the classic failures out: a change touching a number, a negator, a modal or hedge,
a reporting verb, a month, a capitalized name, or a quoted word is never a typo fix, so
``not`` to ``now``, ``12`` to ``15`` and ``may`` to ``will`` always reach the detectors.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

from rapidfuzz.distance import DamerauLevenshtein

from revforensics.findings import CosmeticKind
from revforensics.lexicon import lexicon, lexicon_map, lexicon_names
from revforensics.normalize import (
    DASHES,
    DOUBLE_QUOTES,
    INVISIBLE,
    SINGLE_QUOTES,
    fold_homoglyphs,
    normalize,
    skeleton,
)
from revforensics.tokenize import Token, tokenize

__all__ = ["classify_change", "classify_variant", "is_protected"]

MARKUP_CHARS = frozenset("*#_>`|~\\=-+•")
# Punctuation whose insertion or removal changes meaning: a question becomes a statement,
# a quotation opens or closes, a figure becomes a percentage or a currency.
PROTECTED_PUNCT = frozenset('?"%$€£₴₽№<>°')
SIGNS = frozenset("+-")
"""Protected only when glued to a number (``+5``); otherwise bullets or dashes."""
# A typo fix is one edit (insertion, deletion, substitution or transposition) inside a
# word of five letters or more, away from its first letter and its last two: prefixes
# flip meaning ("increased"/"decreased", "заминирован"/"разминирован") and endings
# inflect it ("mine"/"mines", "Курськ"/"Курська"), so neither is ever a typo here.
_TYPO_MIN_LENGTH = 5
_TYPO_KEEP_START = 1
_TYPO_KEEP_END = 2


def _drop_invisible(text: str) -> str:
    return "".join(c for c in text if c not in INVISIBLE)


def _fold_spaces(text: str) -> str:
    return "".join(" " if c.isspace() else c for c in text)


_QUOTES = str.maketrans(dict.fromkeys(DOUBLE_QUOTES, '"') | dict.fromkeys(SINGLE_QUOTES, "'"))
_DASHES = str.maketrans(dict.fromkeys(DASHES, "-") | {"\u2026": "..."})
_YO = str.maketrans({"ё": "е", "Ё": "Е"})

_STEPS: Sequence[tuple[CosmeticKind, Callable[[str], str]]] = (
    (CosmeticKind.INVISIBLE, _drop_invisible),
    (CosmeticKind.WHITESPACE, _fold_spaces),
    (CosmeticKind.INVISIBLE, lambda t: unicodedata.normalize("NFC", t)),
    (CosmeticKind.QUOTES, lambda t: t.translate(_QUOTES)),
    (CosmeticKind.PUNCTUATION, lambda t: t.translate(_DASHES)),
    (CosmeticKind.HOMOGLYPH, lambda t: fold_homoglyphs(t.translate(_YO))),
    (CosmeticKind.HOMOGLYPH, lambda t: "".join(c for c in t if not unicodedata.combining(c))),
    (CosmeticKind.CASE, str.casefold),
)


def classify_variant(old: str, new: str) -> CosmeticKind:
    """Name the cosmetic class of two spellings that normalize to the same key.

    The folds are applied one after another; the class is the fold that made the two
    spellings equal. What still differs after every fold is a number written in another
    format when both sides are numbers of one value, and otherwise punctuation.

    Example:
        >>> classify_variant("“new”", '"new"'), classify_variant("Kursk", "KURSK")
        (<CosmeticKind.QUOTES: 'quotes'>, <CosmeticKind.CASE: 'case'>)
        >>> classify_variant("1,000", "1 000")
        <CosmeticKind.NUMBER_FORMAT: 'number_format'>
    """
    if (_LIST_MARK.fullmatch(old) and _LIST_MARK.fullmatch(new)) or (
        _is_reference_mark(old) and _is_reference_mark(new)
    ):
        return CosmeticKind.MARKUP  # a renumbered list item or footnote
    a, b = old, new
    for kind, fold in _STEPS:
        a, b = fold(a), fold(b)
        if a == b:
            return kind
    if _same_number(old, new):
        return CosmeticKind.NUMBER_FORMAT
    return CosmeticKind.PUNCTUATION


def _same_number(old: str, new: str) -> bool:
    tokens = tokenize(normalize(old).text), tokenize(normalize(new).text)
    numbers = [[t.key for t in side if t.kind == "number"] for side in tokens]
    return bool(numbers[0]) and numbers[0] == numbers[1]


def is_protected(
    token: Token, *, first: bool, quoted: bool, following: Token | None = None
) -> bool:
    """Whether a change to ``token`` can never be cosmetic (the protected-token rule).

    Args:
        token: The token.
        first: Whether it opens its sentence (capitals there are not names).
        quoted: Whether it stands inside quotation marks.
        following: The next token, if any: a ``+`` or ``-`` glued to a number is a sign.
    """
    if token.kind in ("number", "url") or (quoted and token.kind != "punct"):
        return True  # words inside a quotation are protected; its commas are not
    if token.kind == "word":
        # 115th, 120mm, F-16: a figure inside a word; negators, modals, months; names.
        return (
            any(c.isdigit() for c in token.text)
            or token.key in protected_words()
            or (not first and token.text[:1].isupper())
        )
    # Punctuation: status symbols (✅ / ❌), signs glued to a figure (+5), and ? " % ...
    if _is_symbol(token.text):
        return True
    if token.text in SIGNS:
        return following is not None and following.kind == "number" and following.start == token.end
    return token.text in PROTECTED_PUNCT


_PROTECTED_LISTS = (
    "protected",
    "negators",
    "certainty",
    "intensity",
    "reporting_verbs",
    "months",
    "weekdays",
    "relative_dates",
    "day_parts",
    "number_words",
    "approximators",
)
"""Lists whose words are protected tokens: the cues the typed detectors read."""


@functools.cache
def protected_words() -> frozenset[str]:
    """Every word of the protected lists.

    A multi-word entry (``according to``) gives its words that are not function words.
    """
    names = [name for name in _PROTECTED_LISTS if name in lexicon_names()]
    words: set[str] = set()
    for entry in (entry for name in names for entry in lexicon(name)):
        parts = entry.split()
        words.update(parts if len(parts) == 1 else set(parts) - lexicon("stopwords"))
    return frozenset(words)


_BULLETS = frozenset("•▪►◦●■□▶➤✓")


def _is_symbol(text: str) -> bool:
    """A non-ASCII symbol or emoji that is not a list bullet."""
    return any(
        not c.isascii() and c not in _BULLETS and unicodedata.category(c) in {"So", "Sm", "Sc"}
        for c in text
    )


def classify_change(
    old: Sequence[Token],
    new: Sequence[Token],
    protected: Sequence[bool],
) -> CosmeticKind | None:
    """Classify a replaced, deleted or inserted run of tokens; ``None`` means meaningful.

    Cosmetic runs are: unprotected punctuation only (``markup`` when every character is
    Markdown syntax), an English article added, dropped or swapped (``grammar``), a
    hyphenation change (``long term`` / ``long-term``), a word and its abbreviation with
    a period (``Section`` / ``Sec.``, ``abbreviation``), or one word replaced by another
    within a small edit distance (``typo``), none of them protected but the last two.
    ``protected`` holds one flag for each token of ``[*old, *new]``.
    """
    old_words = [t.key for t in old if t.kind != "punct"]
    new_words = [t.key for t in new if t.kind != "punct"]
    if old_words == new_words:
        return _punctuation_only(old, new, protected)
    rewritten = _same_words(old, new, old_words, new_words)
    if rewritten is not None:
        return rewritten
    if any(protected):
        # twelve / 12, 1,2 тис. / 1200: the same figures written another way
        return CosmeticKind.NUMBER_FORMAT if _same_figures(old, new) else None
    if _without_articles(old_words) == _without_articles(new_words):
        return CosmeticKind.GRAMMAR  # an English article added, dropped or swapped
    if len(old_words) == 1 == len(new_words):
        return _respelled(old_words[0], new_words[0])
    return None


def _same_words(
    old: Sequence[Token], new: Sequence[Token], old_words: list[str], new_words: list[str]
) -> CosmeticKind | None:
    """The same words written another way, protected or not: hyphenated, abbreviated."""
    hyphenated = any("-" in w for w in (*old_words, *new_words))
    joined = ("".join(old_words).replace("-", ""), "".join(new_words).replace("-", ""))
    if hyphenated and old_words and joined[0] == joined[1]:
        # long term / long-term, so called / so-called; but a part / apart is not one.
        return CosmeticKind.PUNCTUATION
    if _abbreviated(old, new, old_words, new_words) or _acronym(old, new):
        return CosmeticKind.ABBREVIATION  # Section / Sec., General / Gen., names included
    if _same_unit(old, new):
        return CosmeticKind.ABBREVIATION  # km / kilometres, per cent / %: one unit
    return None


def _same_unit(old: Sequence[Token], new: Sequence[Token]) -> bool:
    """Whether two runs spell one unit: ``km`` / ``kilometres``, ``%`` / ``per cent``."""
    units = _units()

    def unit_of(run: Sequence[Token]) -> str | None:
        whole = units.get(" ".join(t.key for t in run))
        words = " ".join(t.key for t in run if t.kind != "punct")
        return whole if whole is not None else units.get(words) if words else None

    unit = unit_of(old)
    return unit is not None and unit == unit_of(new)


@functools.cache
def _units() -> dict[str, str]:
    """Each spelling of a unit (its words, without punctuation) and the unit it names."""
    out: dict[str, str] = {}
    for entry, unit in lexicon_map("units").items():
        tokens = tokenize(normalize(entry).text)
        out.setdefault(" ".join(t.key for t in tokens), unit)
        words = " ".join(t.key for t in tokens if t.kind != "punct")
        if words:
            out.setdefault(words, unit)
    return out


_ACRONYM_LETTERS = (2, 8)
"""How many letters an acronym has, at the least and at the most."""


def _acronym(old: Sequence[Token], new: Sequence[Token]) -> bool:
    """Whether a run of words became the acronym of their initials, or the reverse.

    The acronym is one token of capital letters (``ЗСУ``, ``AFU``); the words are two
    or more, and their initials spell it, with or without their function words: ``Armed
    Forces of Ukraine`` / ``AFU``, ``Збройні сили України`` / ``ЗСУ``, ``Державна
    служба з надзвичайних ситуацій`` / ``ДСНС``. A name replaced by *another* acronym
    is not one (``Armed Forces of Ukraine`` / ``SBU``).

    Example:
        >>> from revforensics.tokenize import tokenize
        >>> _acronym(tokenize("Armed Forces of Ukraine"), tokenize("AFU"))
        True
        >>> _acronym(tokenize("Armed Forces of Ukraine"), tokenize("SBU"))
        False
    """
    short, full = (old, new) if len(old) < len(new) else (new, old)
    if len(short) != 1 or len(full) < _ACRONYM_LETTERS[0]:
        return False
    acronym = short[0].text
    if not (
        _ACRONYM_LETTERS[0] <= len(acronym) <= _ACRONYM_LETTERS[1]
        and acronym.isalpha()
        and acronym.isupper()
    ):
        return False
    words = [t.key for t in full]
    if not all(t.kind == "word" for t in full):
        return False
    key = acronym.casefold()
    content = [w for w in words if w not in lexicon("stopwords")]
    return key in {"".join(w[0] for w in words), "".join(w[0] for w in content)}


_ABBREVIATION_MIN = 2
"""Letters an abbreviation keeps, and letters it drops, at the least."""


def _abbreviated(
    old: Sequence[Token], new: Sequence[Token], old_words: list[str], new_words: list[str]
) -> bool:
    """Whether one word became its abbreviation with a period, or the reverse.

    The abbreviation is the word's first letters (two or more, dropping two or more)
    and comes with a period: ``Section`` / ``Sec.``, ``Figure`` / ``Fig.``, ``General`` /
    ``Gen.``; a plural abbreviation keeps the word's final ``s`` (``Figs.`` / ``Figures``,
    ``Eqs.`` / ``Equations``). Cue words of the detectors are never abbreviated away
    (``No.`` is not ``Nobody``).
    """
    if len(old_words) != 1 or len(new_words) != 1:
        return False
    (a,), (b,) = old_words, new_words
    short, full, short_run = (a, b, old) if len(a) < len(b) else (b, a, new)
    plural = short.endswith("s") and full.endswith("s") and full.startswith(short[:-1])
    return (
        len(short) >= _ABBREVIATION_MIN
        and len(full) >= len(short) + _ABBREVIATION_MIN
        and (full.startswith(short) or plural)
        and short.isalpha()
        and any(t.text == "." for t in short_run)
        and not {a, b} & protected_words()
    )


def _respelled(a: str, b: str) -> CosmeticKind | None:
    """The cosmetic class of one word written another way, if it is one."""
    if skeleton(a) == skeleton(b):
        return CosmeticKind.HOMOGLYPH  # a one-script word typed in the other script
    return CosmeticKind.TYPO if _is_typo(a, b) else None


def _same_figures(old: Sequence[Token], new: Sequence[Token]) -> bool:
    """Whether a run is the same figures written another way (words, digits, a scale)."""
    if not any(t.kind == "number" for t in (*old, *new)):
        return False
    # Imported here: the detectors import this module through revforensics.pair.
    from revforensics.detect.numbers import same_figures  # noqa: PLC0415

    return same_figures(old, new)


def _punctuation_only(
    old: Sequence[Token], new: Sequence[Token], protected: Sequence[bool]
) -> CosmeticKind | None:
    """Classify a run whose words are unchanged: only punctuation around them differs.

    Only the marks that really came or went count (``**Kursk**`` to ``Kursk`` drops four
    asterisks); the run is cosmetic unless one of those marks is protected (``?``, ``"``).
    """
    tokens = [*old, *new]
    gone = Counter(t.text for t in old if t.kind == "punct")
    came = Counter(t.text for t in new if t.kind == "punct")
    lost, gained = gone - came, came - gone
    changed = lost + gained
    if (
        len(lost) == len(gained) == 1
        and set(changed) == {"'", '"'}
        and lost.total() == gained.total()
    ):
        return CosmeticKind.QUOTES  # 'a step' -> "a step": single marks became double
    if any(flag and t.text in changed for t, flag in zip(tokens, protected, strict=True)):
        return None
    markup = all(_is_markup(mark) for mark in changed)
    return CosmeticKind.MARKUP if markup else CosmeticKind.PUNCTUATION


_LIST_MARK = re.compile(r"\d{1,3}[.)]")


def _is_reference_mark(mark: str) -> bool:
    """A footnote or citation mark, folded into one token by the pair (``[3]``, ``[a]``)."""
    return len(mark) > 2 and mark[0] == "[" and mark[-1] == "]"


def _is_markup(mark: str) -> bool:
    """Markdown syntax (emphasis, headings, quotes, bullets, list numbers) or a footnote."""
    return set(mark) <= MARKUP_CHARS or bool(_LIST_MARK.fullmatch(mark)) or _is_reference_mark(mark)


def _is_typo(a: str, b: str) -> bool:
    """One edit away from the first letter, and not an inflection.

    In Ukrainian and Russian the last two letters must stay: endings inflect a word. In
    English an edit there is a typo fix too (``dependene``, ``centres``/``centers``,
    ``colour``/``color``) unless it is an inflection: a final ``s``, ``d``, ``r`` or ``y``
    added, dropped or swapped for another (``mine``/``mines``, ``tries``/``tried``).

    Example:
        >>> _is_typo("dependene", "dependence"), _is_typo("noises", "noise")
        (True, False)
        >>> _is_typo("Курській", "Курська"), _is_typo("безпеки", "безпеку")
        (False, False)
    """
    if min(len(a), len(b)) < _TYPO_MIN_LENGTH or DamerauLevenshtein.distance(a, b) != 1:
        return False
    if a[:_TYPO_KEEP_START] != b[:_TYPO_KEEP_START]:
        return False
    if a[-_TYPO_KEEP_END:] == b[-_TYPO_KEEP_END:]:
        return True
    return _is_english(a + b) and not _is_inflection(a, b)


_INFLECTION_ENDS = frozenset("sdry")
_ARTICLES = frozenset({"a", "an", "the"})


def _without_articles(words: Sequence[str]) -> list[str]:
    return [w for w in words if w not in _ARTICLES]


def _is_english(text: str) -> bool:
    return text.isascii() and text.replace("-", "").isalpha()


def _is_inflection(a: str, b: str) -> bool:
    """Whether two English words one edit apart differ only by an inflecting last letter."""
    short, long = sorted((a, b), key=len)
    if len(long) > len(short):
        return long.startswith(short) and long[-1] in _INFLECTION_ENDS
    return a[:-1] == b[:-1] and {a[-1], b[-1]} <= _INFLECTION_ENDS
