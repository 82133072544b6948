"""Hypothesis strategies: communiqué-like statements, and revisions with known edits.

:func:`statements` draws short official statements in English, Ukrainian or Russian from
small templates and word pools of our own (sources, reporting verbs, units, places,
numbers, dates), with grammatical agreement. :func:`revisions` applies *known* edits to
one and returns ``(old, new, expected)``: ``expected`` is an :class:`Oracle` that says
which finding each edit must produce and where, or that the edit is cosmetic only.

The strategies need the ``hypothesis`` extra; importing this module does not. The same
generators driven by :class:`random.Random` (:func:`random_statement`,
:func:`random_revision`) serve benchmarks that must draw a fixed sample without Hypothesis.

Example:
    >>> import random
    >>> from revforensics import compare
    >>> rng = random.Random(7)
    >>> old, new, expected = random_revision(rng, random_statement(rng, "en"), ["change_number"])
    >>> [(e.edit, e.kind.value) for e in expected.edits]
    [('change_number', 'number_changed')]
    >>> expected.missed(compare(old, new))
    ()

.. versionadded:: 0.1
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import attrs

from revforensics.errors import InputError, MissingExtraError
from revforensics.findings import Comparison, Finding, FindingKind
from revforensics.model import Span

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = [
    "COSMETIC_EDITS",
    "EDITS",
    "LANGUAGES",
    "MEANING_EDITS",
    "ExpectedEdit",
    "Oracle",
    "Piece",
    "Statement",
    "random_revision",
    "random_statement",
    "revisions",
    "statements",
]

_T = TypeVar("_T")

LANGUAGES = ("en", "uk", "ru")
"""The languages :func:`statements` writes."""

MEANING_EDITS: dict[str, FindingKind] = {
    "remove_sentence": FindingKind.ASSERTION_REMOVED,
    "remove_clause": FindingKind.ASSERTION_REMOVED,
    "add_sentence": FindingKind.ASSERTION_ADDED,
    "soften": FindingKind.SOFTENED,
    "negate": FindingKind.NEGATION_FLIPPED,
    "change_number": FindingKind.NUMBER_CHANGED,
    "change_date": FindingKind.DATE_CHANGED,
    "replace_place": FindingKind.ENTITY_REPLACED,
    "reattribute": FindingKind.REATTRIBUTED,
}
"""Edits that change the meaning, each with the finding kind it must produce."""

COSMETIC_EDITS = (
    "cosmetic_quotes",
    "cosmetic_whitespace",
    "cosmetic_case",
    "cosmetic_zero_width",
    "cosmetic_homoglyph",
    "cosmetic_thousands",
)
"""Edits of form only: they must produce no finding. ``cosmetic`` picks one of them."""

EDITS = (*MEANING_EDITS, *COSMETIC_EDITS)
"""Every edit :func:`revisions` knows, by name."""


# --------------------------------------------------------------------------------------
# Drawing: one interface over Hypothesis and random.Random


class _Chooser(Protocol):
    def choice(self, options: Sequence[_T]) -> _T: ...
    def integer(self, low: int, high: int) -> int: ...


@attrs.frozen
class _Seeded:
    rng: random.Random

    def choice(self, options: Sequence[_T]) -> _T:
        return options[self.rng.randrange(len(options))]

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)


@attrs.frozen
class _Drawn:
    draw: Callable[[Any], Any]

    def choice(self, options: Sequence[_T]) -> _T:
        st = _hypothesis()
        picked: _T = self.draw(st.sampled_from(options))
        return picked

    def integer(self, low: int, high: int) -> int:
        st = _hypothesis()
        value: int = self.draw(st.integers(low, high))
        return value


def _hypothesis() -> Any:  # noqa: ANN401 - the module, typed by Hypothesis itself
    try:
        from hypothesis import strategies as st  # noqa: PLC0415 - optional extra
    except ImportError as exc:
        raise MissingExtraError("Hypothesis strategies", extra="hypothesis") from exc
    return st


# --------------------------------------------------------------------------------------
# Statements as pieces, so every edit knows where it lands


@attrs.frozen
class Piece:
    """A run of a generated sentence, labelled with the slot it fills.

    Args:
        slot: What the run is: ``source``, ``report``, ``event``, ``number``, ``object``,
            ``place``, ``date``, ``quote``, ``hedge``, or ``text`` for fixed wording.
        text: The characters, spaces included.
        group: 0 for the main clause, 1 for a second clause that can be cut.
        mark: Which edit touched the piece (-1: none); used to place the oracle's spans.
        value: The slot's value in a machine form (a number, a pool key), if any.
    """

    slot: str
    text: str
    group: int = 0
    mark: int = -1
    value: Any = None


def _pieces(values: Iterable[Iterable[Piece]]) -> tuple[tuple[Piece, ...], ...]:
    return tuple(tuple(sentence) for sentence in values)


def _strs(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen
class Statement:
    """A generated statement: its sentences as labelled pieces, and how they are joined.

    Args:
        lang: ``en``, ``uk`` or ``ru``.
        sentences: Each sentence as a tuple of :class:`Piece`.
        breaks: The separator before each sentence after the first (a space or a blank
            line).

    Example:
        >>> import random
        >>> statement = random_statement(random.Random(1), "uk")
        >>> statement.text == str(statement)
        True
    """

    lang: str
    sentences: tuple[tuple[Piece, ...], ...] = attrs.field(converter=_pieces)
    breaks: tuple[str, ...] = attrs.field(converter=_strs)

    @property
    def text(self) -> str:
        """The statement as plain text."""
        return _render(self.sentences, self.breaks)[0]

    def __str__(self) -> str:
        """The statement as plain text."""
        return self.text


def _render(
    sentences: Sequence[Sequence[Piece]], breaks: Sequence[str]
) -> tuple[str, dict[int, tuple[int, int]]]:
    """The text, and for each edit mark the range its pieces cover."""
    out: list[str] = []
    pos = 0
    marks: dict[int, tuple[int, int]] = {}
    for k, sentence in enumerate(sentences):
        if k:
            out.append(breaks[k - 1])
            pos += len(breaks[k - 1])
        for piece in sentence:
            if piece.mark >= 0:
                start, end = marks.get(piece.mark, (pos, pos + len(piece.text)))
                marks[piece.mark] = (min(start, pos), max(end, pos + len(piece.text)))
            out.append(piece.text)
            pos += len(piece.text)
    return "".join(out), marks


# --------------------------------------------------------------------------------------
# Word pools. Ukrainian and Russian nouns carry their forms after a numeral (1, 2-4, 5+)
# and sources their gender, so that verbs and nouns agree.

_SOURCES: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("the General Staff", "m"),
        ("the Ministry of Defence", "n"),
        ("the regional military administration", "f"),
        ("the State Emergency Service", "f"),
        ("the National Police", "f"),
        ("the Air Force command", "n"),
    ],
    "uk": [
        ("Генеральний штаб", "m"),
        ("Міністерство оборони", "n"),
        ("обласна військова адміністрація", "f"),
        ("Державна служба з надзвичайних ситуацій", "f"),
        ("Національна поліція", "f"),
        ("командування Повітряних сил", "n"),
    ],
    "ru": [
        ("Генеральный штаб", "m"),
        ("Министерство обороны", "n"),
        ("областная военная администрация", "f"),
        ("Государственная служба по чрезвычайным ситуациям", "f"),
        ("Национальная полиция", "f"),
        ("командование Воздушных сил", "n"),
    ],
}
# Reporting verbs: English forms, or a stem and the ending for each gender.
_REPORTS: dict[str, list[str]] = {
    "en": ["said", "reported", "stated", "announced"],
    "uk": ["повідоми", "заяви", "зазначи", "поінформува"],
    "ru": ["сообщи", "заяви", "отмети", "проинформирова"],
}
_ENDINGS = {
    "uk": {"m": "в", "f": "ла", "n": "ло"},
    "ru": {"m": "л", "f": "ла", "n": "ло"},
}
# Events: actor, past verb, base form for the English negation, noun forms (1, 2-4, 5+).
_EVENTS: dict[str, list[tuple[str, str, str, tuple[str, str, str]]]] = {
    "en": [
        ("air defence units", "shot down", "shoot down", ("drone", "drones", "drones")),
        ("air defence units", "intercepted", "intercept", ("missile", "missiles", "missiles")),
        ("the defence forces", "repelled", "repel", ("attack", "attacks", "attacks")),
        (
            "artillery units",
            "destroyed",
            "destroy",
            ("ammunition depot", "ammunition depots", "ammunition depots"),
        ),
        ("rescuers", "evacuated", "evacuate", ("resident", "residents", "residents")),
    ],
    "uk": [
        ("сили ППО", "збили", "", ("дрон", "дрони", "дронів")),
        ("сили ППО", "перехопили", "", ("ракету", "ракети", "ракет")),
        ("сили оборони", "відбили", "", ("атаку", "атаки", "атак")),
        (
            "артилеристи",
            "знищили",
            "",
            ("склад боєприпасів", "склади боєприпасів", "складів боєприпасів"),
        ),
        ("рятувальники", "евакуювали", "", ("мешканця", "мешканців", "мешканців")),
    ],
    "ru": [
        ("силы ПВО", "сбили", "", ("беспилотник", "беспилотника", "беспилотников")),
        ("силы ПВО", "перехватили", "", ("ракету", "ракеты", "ракет")),
        ("силы обороны", "отразили", "", ("атаку", "атаки", "атак")),
        (
            "артиллеристы",
            "уничтожили",
            "",
            ("склад боеприпасов", "склада боеприпасов", "складов боеприпасов"),
        ),
        ("спасатели", "эвакуировали", "", ("жителя", "жителей", "жителей")),
    ],
}
# Regions: the name as it stands in "in the ... region" (locative adjectives in uk/ru).
_PLACES = {
    "en": ["Kharkiv", "Sumy", "Zaporizhzhia", "Kherson", "Donetsk", "Odesa", "Mykolaiv"],
    "uk": [
        "Харківській",
        "Сумській",
        "Запорізькій",
        "Херсонській",
        "Донецькій",
        "Одеській",
        "Миколаївській",
    ],
    "ru": [
        "Харьковской",
        "Сумской",
        "Запорожской",
        "Херсонской",
        "Донецкой",
        "Одесской",
        "Николаевской",
    ],
}
_REGION = {"en": (" in the ", " region"), "uk": (" у ", " області"), "ru": (" в ", " области")}
_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "uk": [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
}
_HEDGES = {
    "en": ["reportedly", "probably", "allegedly"],
    "uk": ["ймовірно", "можливо", "нібито"],
    "ru": ["предположительно", "возможно", "якобы"],
}
_CONNECTORS = {"en": [", and ", ", while "], "uk": [", а ", ", і "], "ru": [", а ", ", и "]}
_PEOPLE = {
    "en": ("civilian", "civilians", "civilians"),
    "uk": ("людина", "людини", "людей"),
    "ru": ("человек", "человека", "человек"),
}
_INJURED = {"en": "were injured", "uk": "дістали поранення", "ru": "получили ранения"}
_PAST_DAY = {"en": "Over the past day, ", "uk": "За минулу добу ", "ru": "За прошедшие сутки "}
_THAT = {"en": " that ", "uk": ", що ", "ru": ", что "}
_SITUATION = {"en": "the situation ", "uk": "ситуація ", "ru": "ситуация "}
_QUOTES = {
    "en": ["remains difficult but under control", "is under control", "remains tense"],
    "uk": ["залишається складною, але контрольованою", "під контролем", "залишається напруженою"],
    "ru": ["остается сложной, но контролируемой", "под контролем", "остается напряженной"],
}
_QUOTE_MARKS = {"en": ("“", "”"), "uk": ("«", "»"), "ru": ("«", "»")}
_OTHER_QUOTES = [('"', '"'), ("“", "”"), ("«", "»"), ("„", "“")]
# Look-alike letters: Latin to Cyrillic and back.
_HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х", "i": "і"}
_HOMOGLYPHS.update({v: k for k, v in list(_HOMOGLYPHS.items())})


def _plural_form(lang: str, n: int) -> int:
    """Which noun form follows the numeral ``n``: 0 (one), 1 (two to four), 2 (many)."""
    if lang == "en":
        return 0 if n == 1 else 1
    if 11 <= n % 100 <= 14:
        return 2
    return 0 if n % 10 == 1 else 1 if 2 <= n % 10 <= 4 else 2


def _format_number(lang: str, n: int, separator: str | None = None) -> str:
    sep = separator if separator is not None else ("," if lang == "en" else " ")
    digits = str(n)
    if n < 1000 or not sep:
        return digits
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sep.join(groups)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------------------
# Sentence templates


def _number(c: _Chooser) -> int:
    band = c.integer(0, 9)
    if band < 6:
        return c.integer(2, 60)
    if band < 8:
        return c.integer(61, 999)
    return c.integer(1000, 25000)


def _source(c: _Chooser, lang: str) -> tuple[Piece, Piece]:
    name, gender = c.choice(_SOURCES[lang])
    verb = c.choice(_REPORTS[lang])
    report = verb if lang == "en" else verb + _ENDINGS[lang][gender]
    return Piece("source", name, value=(name, gender)), Piece("report", report, value=verb)


def _object(lang: str, forms: tuple[str, str, str], n: int, group: int) -> list[Piece]:
    return [
        Piece("number", _format_number(lang, n), group, value=n),
        Piece("text", " ", group),
        Piece("object", forms[_plural_form(lang, n)], group, value=forms),
    ]


def _region(lang: str, place: str, group: int) -> list[Piece]:
    before, after = _REGION[lang]
    return [
        Piece("text", before, group),
        Piece("place", place, group, value=place),
        Piece("text", after, group),
    ]


def _clause(c: _Chooser, lang: str, group: int, *, first: bool) -> list[Piece]:
    """``actor event N objects in the PLACE region``."""
    actor, past, base, forms = c.choice(_EVENTS[lang])
    return [
        Piece("actor", _capital(actor) if first else actor, group),
        Piece("text", " ", group),
        Piece("event", past, group, value=(past, base)),
        Piece("text", " ", group),
        *_object(lang, forms, _number(c), group),
        *_region(lang, c.choice(_PLACES[lang]), group),
    ]


def _dated_report(c: _Chooser, lang: str) -> list[Piece]:
    """On DATE, SOURCE said that ACTOR did N things in PLACE."""
    day, month = c.integer(1, 28), c.integer(0, 11)
    date = f"{day} {_MONTHS[lang][month]}"
    source, report = _source(c, lang)
    if lang == "en":
        head = [
            Piece("text", "On "),
            Piece("date", date, value=(day, month)),
            Piece("text", ", "),
            source,
        ]
    else:
        head = [
            Piece("date", date, value=(day, month)),
            Piece("text", " "),
            attrs.evolve(source, text=_capital(source.text)),
        ]
    return [
        *head,
        Piece("text", " "),
        report,
        Piece("text", _THAT[lang]),
        *_clause(c, lang, 0, first=False),
        Piece("text", "."),
    ]


def _two_clauses(c: _Chooser, lang: str) -> list[Piece]:
    """ACTOR did N things in PLACE, and ACTOR2 did M things in PLACE2."""
    return [
        *_clause(c, lang, 0, first=True),
        Piece("text", c.choice(_CONNECTORS[lang]), 1),
        *_clause(c, lang, 1, first=False),
        Piece("text", "."),
    ]


def _casualties(c: _Chooser, lang: str) -> list[Piece]:
    """Over the past day, N civilians were injured in PLACE, SOURCE said."""
    source, report = _source(c, lang)
    n = c.integer(2, 60)
    tail = (
        [source, Piece("text", " "), report]
        if lang == "en"
        else [report, Piece("text", " "), source]
    )
    return [
        Piece("text", _PAST_DAY[lang]),
        *_object(lang, _PEOPLE[lang], n, 0),
        Piece("text", " " + _INJURED[lang]),
        *_region(lang, c.choice(_PLACES[lang]), 0),
        Piece("text", ", "),
        *tail,
        Piece("text", "."),
    ]


def _quoted(c: _Chooser, lang: str) -> list[Piece]:
    """SOURCE said that the situation "remains tense"."""
    source, report = _source(c, lang)
    opening, closing = _QUOTE_MARKS[lang]
    return [
        attrs.evolve(source, text=_capital(source.text)),
        Piece("text", " "),
        report,
        Piece("text", _THAT[lang] + _SITUATION[lang]),
        Piece("quote_mark", opening),
        Piece("quote", c.choice(_QUOTES[lang])),
        Piece("quote_mark", closing),
        Piece("text", "."),
    ]


_TEMPLATES = (_dated_report, _two_clauses, _casualties, _quoted)


def _statement(c: _Chooser, lang: str | None, min_sentences: int, max_sentences: int) -> Statement:
    code = lang if lang is not None else c.choice(LANGUAGES)
    if code not in LANGUAGES:
        msg = f"statements() writes {', '.join(LANGUAGES)}, got lang={code!r}"
        raise InputError(msg)
    count = c.integer(min_sentences, max_sentences)
    # A statement opens with a dated report and holds every template at least once when
    # it is long enough, so that each edit finds a sentence to act on.
    kinds = [0, 1, 2, 3][:count]
    kinds += [c.integer(0, len(_TEMPLATES) - 1) for _ in range(count - len(kinds))]
    rest = kinds[1:]
    order = [0]
    while rest:
        order.append(rest.pop(c.integer(0, len(rest) - 1)))
    sentences = [_TEMPLATES[k](c, code) for k in order]
    breaks = [c.choice([" ", " ", "\n\n"]) for _ in sentences[1:]]
    return Statement(code, sentences, breaks)


# --------------------------------------------------------------------------------------
# Edits


@attrs.frozen
class ExpectedEdit:
    """What one applied edit must produce.

    Args:
        edit: The edit's name, from :data:`EDITS`.
        kind: The finding kind it must produce, or ``None`` for a cosmetic edit (which
            must produce none).
        old: Where the edit is in the old text, or ``None`` if it has no old side (an
            added sentence).
        new: The same in the new text.
    """

    edit: str
    kind: FindingKind | None
    old: Span | None
    new: Span | None

    def is_found_by(self, finding: Finding) -> bool:
        """Whether ``finding`` has this edit's kind and touches its old or new span."""
        return finding.kind is self.kind and _touches(finding, self)


def _overlaps(a: Span, b: Span) -> bool:
    if len(a) == 0:
        return b.start <= a.start <= b.end
    return a.start < b.end and b.start < a.end


def _touches(finding: Finding, edit: ExpectedEdit) -> bool:
    spans = [("old", finding.old), ("new", finding.new)]
    spans += [(e.side, e.span) for e in finding.evidence]
    for side, span in spans:
        target = edit.old if side == "old" else edit.new
        if span is not None and target is not None and _overlaps(span, target):
            return True
    return False


def _edits(values: Iterable[ExpectedEdit]) -> tuple[ExpectedEdit, ...]:
    return tuple(values)


@attrs.frozen
class Oracle:
    """The findings a revision's known edits must produce.

    Args:
        edits: One entry for each applied edit.

    .. versionadded:: 0.1
    """

    edits: tuple[ExpectedEdit, ...] = attrs.field(converter=_edits)

    @property
    def cosmetic_only(self) -> bool:
        """Whether every edit is cosmetic, so the comparison must report no finding."""
        return all(e.kind is None for e in self.edits)

    def found(self, cmp: Comparison) -> tuple[ExpectedEdit, ...]:
        """The meaningful edits that a finding of the expected kind reports."""
        return tuple(
            e for e in self.edits if e.kind is not None and any(map(e.is_found_by, cmp.findings))
        )

    def missed(self, cmp: Comparison) -> tuple[ExpectedEdit, ...]:
        """The meaningful edits that no finding of the expected kind reports."""
        found = self.found(cmp)
        return tuple(e for e in self.edits if e.kind is not None and e not in found)

    def false_alarms(self, cmp: Comparison) -> tuple[Finding, ...]:
        """Findings that touch a cosmetic edit and no meaningful one.

        For a cosmetic-only revision that is every finding.
        """
        if self.cosmetic_only:
            return cmp.findings
        meaningful = [e for e in self.edits if e.kind is not None]
        cosmetic = [e for e in self.edits if e.kind is None]
        return tuple(
            f
            for f in cmp.findings
            if any(_touches(f, e) for e in cosmetic) and not any(_touches(f, e) for e in meaningful)
        )


_Sentences = list[list[Piece]]


def _marked(sentence: list[Piece], index: int, mark: int) -> None:
    sentence[index] = attrs.evolve(sentence[index], mark=mark)


def _find(sentence: Sequence[Piece], slot: str, group: int = 0) -> int | None:
    for k, piece in enumerate(sentence):
        if piece.slot == slot and piece.group == group:
            return k
    return None


def _different(c: _Chooser, options: Sequence[_T], current: _T) -> _T:
    return c.choice([o for o in options if o != current])


# Each edit: (eligible(sentence, lang), apply(chooser, lang, old, new, mark) -> None), where
# ``old`` and ``new`` are the sentence lists (new is edited in place; both get marks).


def _eligible_slot(slot: str) -> Callable[[Sequence[Piece], str], bool]:
    return lambda sentence, _lang: _find(sentence, slot) is not None


def _replace(  # noqa: PLR0913, PLR0917 - one edit's whole context
    old: list[Piece],
    new: list[Piece],
    index: int,
    mark: int,
    text: str,
    value: Any = None,  # noqa: ANN401
) -> None:
    _marked(old, index, mark)
    new[index] = Piece(old[index].slot, text, old[index].group, mark, value)


def _edit_number(c: _Chooser, lang: str, old: list[Piece], new: list[Piece], mark: int) -> None:
    k = _find(old, "number")
    assert k is not None  # noqa: S101 - eligibility checked
    n = old[k].value
    delta = c.choice([1, 2, 3, 5, 10, 100, n // 2 or 1, n])
    changed = n + delta if c.integer(0, 1) or n - delta < 1 else n - delta
    _replace(old, new, k, mark, _format_number(lang, changed), changed)
    forms = old[k + 2].value
    if forms[_plural_form(lang, changed)] != old[k + 2].text:  # the noun agrees anew
        _replace(old, new, k + 2, mark, forms[_plural_form(lang, changed)], forms)


def _edit_date(c: _Chooser, lang: str, old: list[Piece], new: list[Piece], mark: int) -> None:
    k = _find(old, "date")
    assert k is not None  # noqa: S101
    day, month = old[k].value
    if c.integer(0, 2):
        day = _different(c, range(1, 29), day)
    else:
        month = _different(c, range(12), month)
    _replace(old, new, k, mark, f"{day} {_MONTHS[lang][month]}", (day, month))


def _edit_place(c: _Chooser, lang: str, old: list[Piece], new: list[Piece], mark: int) -> None:
    k = _find(old, "place")
    assert k is not None  # noqa: S101
    place = _different(c, _PLACES[lang], old[k].value)
    _replace(old, new, k, mark, place, place)


def _edit_source(c: _Chooser, lang: str, old: list[Piece], new: list[Piece], mark: int) -> None:
    k, r = _find(old, "source"), _find(old, "report")
    assert k is not None  # noqa: S101
    assert r is not None  # noqa: S101
    name, gender = _different(c, _SOURCES[lang], old[k].value)
    text = _capital(name) if old[k].text[:1].isupper() else name
    _replace(old, new, k, mark, text, (name, gender))
    if lang != "en":
        report = old[r].value + _ENDINGS[lang][gender]
        if report != old[r].text:
            _replace(old, new, r, mark, report, old[r].value)


def _edit_negate(c: _Chooser, lang: str, old: list[Piece], new: list[Piece], mark: int) -> None:
    del c
    k = _find(old, "event")
    assert k is not None  # noqa: S101
    past, base = old[k].value
    text = f"did not {base}" if lang == "en" else f"не {past}"
    _replace(old, new, k, mark, text, old[k].value)


def _edit_soften(c: _Chooser, lang: str, old: list[Piece], new: list[Piece], mark: int) -> None:
    k = _find(old, "event")
    assert k is not None  # noqa: S101
    past, _base = old[k].value
    if lang == "en" and c.integer(0, 1):
        _replace(old, new, k, mark, f"may have {past}", old[k].value)
        return
    hedge = c.choice(_HEDGES[lang])
    _marked(old, k, mark)  # the hedged verb: the old side has no hedge to point at
    if lang != "en" and hedge != _HEDGES[lang][-1]:  # parenthetical: set off by commas
        new[k - 1 : k] = [
            Piece("text", ", "),
            Piece("hedge", hedge, mark=mark),
            Piece("text", ", "),
        ]
    else:
        new[k:k] = [Piece("hedge", hedge, mark=mark), Piece("text", " ")]


def _edit_cut_clause(c: _Chooser, lang: str, old: list[Piece], new: list[Piece], mark: int) -> None:
    del c, lang
    for k, piece in enumerate(old):
        if piece.group == 1 and piece.slot != "text":  # the connector is not the claim
            _marked(old, k, mark)
    new[:] = [p for p in new if p.group != 1]


def _edit_quotes(c: _Chooser, lang: str, old: list[Piece], new: list[Piece], mark: int) -> None:
    del lang
    marks = [k for k, p in enumerate(old) if p.slot == "quote_mark"]
    style = _different(c, _OTHER_QUOTES, (old[marks[0]].text, old[marks[1]].text))
    for k, text in zip(marks, style, strict=True):
        _replace(old, new, k, mark, text)


def _edit_whitespace(c: _Chooser, lang: str, old: list[Piece], new: list[Piece], mark: int) -> None:
    del lang
    spaces = [k for k, p in enumerate(old) if p.text == " "]
    k = c.choice(spaces)
    _replace(old, new, k, mark, c.choice(["  ", "\u00a0", " \t"]))


def _word_slot(sentence: Sequence[Piece]) -> list[int]:
    return [k for k, p in enumerate(sentence) if p.slot in ("object", "actor") and p.text.isalpha()]


def _edit_case(c: _Chooser, lang: str, old: list[Piece], new: list[Piece], mark: int) -> None:
    del lang
    k = c.choice(_word_slot(old))
    _replace(old, new, k, mark, old[k].text.upper(), old[k].value)


def _edit_zero_width(c: _Chooser, lang: str, old: list[Piece], new: list[Piece], mark: int) -> None:
    del lang
    k = c.choice([k for k, p in enumerate(old) if p.slot in ("object", "actor", "event")])
    text = old[k].text
    cut = c.integer(1, len(text) - 1)
    invisible = c.choice(["\u200b", "\u00ad", "\u2060"])
    _replace(old, new, k, mark, text[:cut] + invisible + text[cut:], old[k].value)


def _homoglyph_positions(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ch in _HOMOGLYPHS]


def _edit_homoglyph(c: _Chooser, lang: str, old: list[Piece], new: list[Piece], mark: int) -> None:
    del lang
    k = c.choice(
        [
            k
            for k, p in enumerate(old)
            if p.slot in ("object", "event") and _homoglyph_positions(p.text)
        ]
    )
    text = old[k].text
    i = c.choice(_homoglyph_positions(text))
    _replace(old, new, k, mark, text[:i] + _HOMOGLYPHS[text[i]] + text[i + 1 :], old[k].value)


def _edit_thousands(c: _Chooser, lang: str, old: list[Piece], new: list[Piece], mark: int) -> None:
    k = next(k for k, p in enumerate(old) if p.slot == "number" and p.value >= 1000)
    current = old[k].text
    options = [
        s
        for s in ("", ",", " ", "\u00a0", "\u202f")
        if _format_number(lang, old[k].value, s) != current
    ]
    text = _format_number(lang, old[k].value, c.choice(options))
    _replace(old, new, k, mark, text, old[k].value)


_Apply = Callable[[_Chooser, str, list[Piece], list[Piece], int], None]
_Eligible = Callable[[Sequence[Piece], str], bool]

_IN_PLACE: dict[str, tuple[_Eligible, _Apply]] = {
    "remove_clause": (lambda s, _l: any(p.group == 1 for p in s), _edit_cut_clause),
    "soften": (_eligible_slot("event"), _edit_soften),
    "negate": (_eligible_slot("event"), _edit_negate),
    "change_number": (_eligible_slot("number"), _edit_number),
    "change_date": (_eligible_slot("date"), _edit_date),
    "replace_place": (_eligible_slot("place"), _edit_place),
    "reattribute": (_eligible_slot("source"), _edit_source),
    "cosmetic_quotes": (_eligible_slot("quote_mark"), _edit_quotes),
    "cosmetic_whitespace": (lambda s, _l: any(p.text == " " for p in s), _edit_whitespace),
    "cosmetic_case": (lambda s, _l: bool(_word_slot(s)), _edit_case),
    "cosmetic_zero_width": (_eligible_slot("object"), _edit_zero_width),
    "cosmetic_homoglyph": (
        lambda s, _l: any(
            p.slot in ("object", "event") and _homoglyph_positions(p.text) for p in s
        ),
        _edit_homoglyph,
    ),
    "cosmetic_thousands": (
        lambda s, _l: any(p.slot == "number" and p.value >= 1000 for p in s),
        _edit_thousands,
    ),
}


def _check_edits(edits: Iterable[str]) -> list[str]:
    if isinstance(edits, str):
        msg = f"edits must be a list of edit names, got the string {edits!r}; write [{edits!r}]"
        raise InputError(msg)
    names = list(edits)
    for name in names:
        if name not in EDITS and name != "cosmetic":
            msg = f"unknown edit {name!r}; use 'cosmetic' or one of: {', '.join(EDITS)}"
            raise InputError(msg)
    return names


class _NoRoomError(Exception):
    """No sentence left that the edit can act on (the caller rejects the example)."""


def _revision(c: _Chooser, statement: Statement, edits: Sequence[str]) -> tuple[str, str, Oracle]:
    lang = statement.lang
    old: _Sentences = [list(s) for s in statement.sentences]
    new: _Sentences = [list(s) for s in statement.sentences]
    new_breaks = list(statement.breaks)
    # Each sentence takes at most one edit, so the oracle's expectations stay independent.
    touched: set[int] = set()  # indices into ``old``
    position = list(range(len(old)))  # where each old sentence now is in ``new`` (-1: gone)
    applied: list[tuple[str, int]] = []
    for mark, requested in enumerate(edits):
        name = c.choice(COSMETIC_EDITS) if requested == "cosmetic" else requested
        free = [i for i in range(len(old)) if i not in touched and position[i] >= 0]
        if name == "add_sentence":
            where = c.integer(0, len(new))
            sentence = [attrs.evolve(p, mark=mark) for p in c.choice(_TEMPLATES)(c, lang)]
            new.insert(where, sentence)
            new_breaks.insert(max(where - 1, 0), " ")
            position = [p + 1 if p >= where else p for p in position]
        elif name == "remove_sentence":
            if len(free) < 1 or sum(p >= 0 for p in position) < 2:
                raise _NoRoomError(name)
            i = c.choice(free)
            old[i] = [attrs.evolve(p, mark=mark) for p in old[i]]
            del new[position[i]]
            del new_breaks[max(position[i] - 1, 0) : max(position[i], 1)]
            touched.add(i)
            position = [
                -1 if k == i else p - 1 if p > position[i] else p for k, p in enumerate(position)
            ]
        else:
            eligible, apply = _IN_PLACE[name]
            candidates = [i for i in free if eligible(old[i], lang)]
            if not candidates:
                raise _NoRoomError(name)
            i = c.choice(candidates)
            apply(c, lang, old[i], new[position[i]], mark)
            touched.add(i)
        applied.append((name, mark))
    old_text, old_marks = _render(old, statement.breaks)
    new_text, new_marks = _render(new, new_breaks)
    expected = []
    for name, mark in applied:
        o, n = old_marks.get(mark), new_marks.get(mark)
        expected.append(
            ExpectedEdit(
                name,
                MEANING_EDITS.get(name),
                Span.of(old_text, *o) if o else None,
                Span.of(new_text, *n) if n else None,
            )
        )
    return old_text, new_text, Oracle(expected)


# --------------------------------------------------------------------------------------
# Public entry points


def random_statement(
    rng: random.Random, lang: str | None = None, *, min_sentences: int = 3, max_sentences: int = 6
) -> Statement:
    """Draw a statement with ``random.Random``, as :func:`statements` does with Hypothesis.

    Args:
        rng: The random source; seed it for a reproducible sample.
        lang: ``en``, ``uk`` or ``ru``; drawn when ``None``.
        min_sentences: At least this many sentences (1 or more).
        max_sentences: At most this many.

    Raises:
        InputError: If ``lang`` is not one of :data:`LANGUAGES` or the bounds are wrong.
    """
    _check_bounds(min_sentences, max_sentences)
    return _statement(_Seeded(rng), lang, min_sentences, max_sentences)


def random_revision(
    rng: random.Random, statement: Statement, edits: Iterable[str]
) -> tuple[str, str, Oracle]:
    """Apply known edits to a statement with ``random.Random``; see :func:`revisions`.

    Raises:
        InputError: If an edit name is unknown, or the statement has no sentence left that
            an edit can act on (draw a longer statement, or fewer edits).
    """
    names = _check_edits(edits)
    try:
        return _revision(_Seeded(rng), statement, names)
    except _NoRoomError as exc:
        msg = (
            f"no sentence of the statement is left for the edit {exc.args[0]!r}; "
            "use a longer statement (min_sentences) or fewer edits"
        )
        raise InputError(msg) from None


def _check_bounds(low: int, high: int) -> None:
    if not 1 <= low <= high:
        msg = f"need 1 <= min_sentences <= max_sentences, got {low} and {high}"
        raise InputError(msg)


def statements(
    lang: str | None = None, *, min_sentences: int = 3, max_sentences: int = 6
) -> SearchStrategy[Statement]:
    """A Hypothesis strategy for communiqué-like statements.

    Each statement opens with a dated report ("On 12 March, the General Staff said that
    air defence units shot down 24 drones in the Kharkiv region.") and mixes sentences
    with two clauses, casualty figures attributed to a source, and a quotation. Use
    ``statement.text`` (or ``str(statement)``) for the text.

    Args:
        lang: ``en``, ``uk`` or ``ru``; drawn for each example when ``None``.
        min_sentences: At least this many sentences; from 4 on, every template appears.
        max_sentences: At most this many.

    Raises:
        MissingExtraError: If Hypothesis is not installed.
        InputError: If ``lang`` or the bounds are wrong.

    .. versionadded:: 0.1
    """
    st = _hypothesis()
    _check_bounds(min_sentences, max_sentences)
    if lang is not None and lang not in LANGUAGES:
        msg = f"statements() writes {', '.join(LANGUAGES)}, got lang={lang!r}"
        raise InputError(msg)

    @st.composite  # type: ignore[untyped-decorator] # Hypothesis' decorator is untyped here
    def build(draw: Callable[[Any], Any]) -> Statement:
        return _statement(_Drawn(draw), lang, min_sentences, max_sentences)

    strategy: SearchStrategy[Statement] = build()
    return strategy


def revisions(
    statement: Statement | None = None,
    edits: Iterable[str] | None = None,
    *,
    lang: str | None = None,
) -> SearchStrategy[tuple[str, str, Oracle]]:
    """A Hypothesis strategy for ``(old, new, expected)``: known edits and their oracle.

    Args:
        statement: The statement to edit; drawn from :func:`statements` when ``None``.
        edits: Edit names from :data:`EDITS` (or ``cosmetic`` for any cosmetic one), each
            applied once to a different sentence; one to three drawn when ``None``.
        lang: The language of drawn statements.

    Returns:
        A strategy whose examples are the old text, the new text, and the :class:`Oracle`
        with the finding each edit must produce.

    Raises:
        MissingExtraError: If Hypothesis is not installed.
        InputError: If an edit name is unknown.

    Example:
        >>> from hypothesis import given, settings
        >>> from revforensics import compare
        >>> @settings(max_examples=10, deadline=None)
        ... @given(revisions(edits=["negate"], lang="en"))
        ... def test_negation_is_reported(example):
        ...     old, new, expected = example
        ...     assert not expected.missed(compare(old, new))
        >>> test_negation_is_reported()

    .. versionadded:: 0.1
    """
    st = _hypothesis()
    from hypothesis import reject  # noqa: PLC0415 - optional extra

    names = None if edits is None else _check_edits(edits)

    @st.composite  # type: ignore[untyped-decorator] # Hypothesis' decorator is untyped here
    def build(draw: Callable[[Any], Any]) -> tuple[str, str, Oracle]:
        chooser = _Drawn(draw)
        base = statement
        if base is None:
            base = draw(statements(lang, min_sentences=4, max_sentences=7))
        chosen = names
        if chosen is None:
            chosen = draw(st.lists(st.sampled_from([*EDITS, "cosmetic"]), min_size=1, max_size=3))
        try:
            return _revision(chooser, base, chosen)
        except _NoRoomError:
            reject()
            raise  # unreachable: reject() raises

    strategy: SearchStrategy[tuple[str, str, Oracle]] = build()
    return strategy
