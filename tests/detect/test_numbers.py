"""number_changed: figures whose value, range, unit or approximator changed."""

from decimal import Decimal

import pytest

import revforensics as rf
from revforensics.detect.dates import date_tokens
from revforensics.detect.numbers import find_quantities, same_figures
from revforensics.findings import FindingKind
from revforensics.normalize import normalize
from revforensics.tokenize import tokenize


def numbers(old, new, lang):
    cmp = rf.compare(old, new, lang=lang)
    return [f for f in cmp.findings if f.kind is FindingKind.NUMBER_CHANGED]


def quantities(text):
    tokens = tokenize(normalize(text).text)
    return find_quantities(tokens, date_tokens(tokens))


POSITIVES = [
    # (lang, old, new, old span, new span, rule)
    (
        "en",
        "Twelve civilians were killed in Kharkiv.",
        "Fifteen civilians were killed in Kharkiv.",
        "Twelve",
        "Fifteen",
        "numbers.value_changed",
    ),
    (
        "en",
        "12 civilians were killed in Kharkiv.",
        "15 civilians were killed in Kharkiv.",
        "12",
        "15",
        "numbers.value_changed",
    ),
    (
        "en",
        "About 200 soldiers were wounded near Bakhmut.",
        "At least 200 soldiers were wounded near Bakhmut.",
        "About 200",
        "At least 200",
        "numbers.approximator_changed",
    ),
    (
        "en",
        "Rescuers evacuated 300 residents.",
        "Rescuers evacuated more than 300 residents.",
        "300",
        "more than 300",
        "numbers.approximator_changed",
    ),
    (
        "en",
        "Troops advanced 10-12 km along the axis.",
        "Troops advanced 10-15 km along the axis.",
        "10-12 km",
        "10-15 km",
        "numbers.range_changed",
    ),
    (
        "en",
        "Outages will last from 20 to 30 hours.",
        "Outages will last from 20 to 40 hours.",
        "from 20 to 30 hours",  # the unit is part of the quantity
        "from 20 to 40 hours",
        "numbers.range_changed",
    ),
    (
        "en",
        "The convoy carried 1.5 thousand tonnes of aid.",
        "The convoy carried 2.5 thousand tonnes of aid.",
        "1.5 thousand tonnes",
        "2.5 thousand tonnes",
        "numbers.value_changed",
    ),
    (
        "en",
        "Units pushed the enemy back by 2 km near Robotyne.",
        "Units pushed the enemy back by 2 miles near Robotyne.",
        "2 km",
        "2 miles",
        "numbers.unit_changed",
    ),
    (
        "en",
        "Prices rose 12% over the year.",
        "Prices rose 21% over the year.",
        "12%",
        "21%",
        "numbers.value_changed",
    ),
    (
        "en",
        "Dozens of civilians were evacuated.",
        "Hundreds of civilians were evacuated.",
        "Dozens",
        "Hundreds",
        "numbers.value_changed",
    ),
    (
        "en",
        "The brigade lost twenty-one vehicles.",
        "The brigade lost thirty-one vehicles.",
        "twenty-one",
        "thirty-one",
        "numbers.value_changed",
    ),
    (
        "uk",
        "Загинули 12 людей, ще 30 поранені.",
        "Загинули 15 людей, ще 30 поранені.",
        "12",
        "15",
        "numbers.value_changed",
    ),
    (
        "uk",
        "Втрати ворога становлять близько 1200 осіб.",
        "Втрати ворога становлять понад 1200 осіб.",
        "близько 1200",
        "понад 1200",
        "numbers.approximator_changed",
    ),
    (
        "uk",
        "Евакуйовано 1,2 тис. дітей.",
        "Евакуйовано 1,5 тис. дітей.",
        "1,2 тис",
        "1,5 тис",
        "numbers.value_changed",
    ),
    (
        "uk",
        "Збито дванадцять безпілотників над Київщиною.",
        "Збито двадцять безпілотників над Київщиною.",
        "дванадцять",
        "двадцять",
        "numbers.value_changed",
    ),
    (
        "uk",
        "Просунулися від 10 до 12 кілометрів.",
        "Просунулися від 10 до 15 кілометрів.",
        "від 10 до 12 кілометрів",
        "від 10 до 15 кілометрів",
        "numbers.range_changed",
    ),
    (
        "uk",
        "Звернулися три тисячі мешканців.",
        "Звернулися п'ять тисяч мешканців.",
        "три тисячі",
        "п'ять тисяч",
        "numbers.value_changed",
    ),
    (
        "uk",
        "Поранення отримали щонайменше 30 людей.",
        "Поранення отримали 30 людей.",
        "щонайменше 30",
        "30",
        "numbers.approximator_changed",
    ),
    (
        "ru",
        "Погибли 12 человек, еще 30 ранены.",
        "Погибли 15 человек, еще 30 ранены.",
        "12",
        "15",
        "numbers.value_changed",
    ),
    (
        "ru",
        "Пострадали не менее 200 человек.",
        "Пострадали около 200 человек.",
        "не менее 200",
        "около 200",
        "numbers.approximator_changed",
    ),
    (
        "ru",
        "Сбиты 3,5 тыс. беспилотников.",
        "Сбиты 4,5 тыс. беспилотников.",
        "3,5 тыс",
        "4,5 тыс",
        "numbers.value_changed",
    ),
    (
        "ru",
        "Сбиты двенадцать беспилотников над областью.",
        "Сбиты двадцать беспилотников над областью.",
        "двенадцать",
        "двадцать",
        "numbers.value_changed",
    ),
    (
        "ru",
        "Продвинулись от 10 до 12 километров.",
        "Продвинулись от 10 до 15 километров.",
        "от 10 до 12 километров",
        "от 10 до 15 километров",
        "numbers.range_changed",
    ),
    (
        "ru",
        "Без света остаются 1,2 млн абонентов.",
        "Без света остаются 1,5 млн абонентов.",
        "1,2 млн",
        "1,5 млн",
        "numbers.value_changed",
    ),
    (
        "ru",
        "Цены выросли на 7% за год.",
        "Цены выросли на 9% за год.",
        "7%",
        "9%",
        "numbers.value_changed",
    ),
]


@pytest.mark.parametrize(
    ("lang", "old", "new", "expected"), [(*case[:3], case[3:]) for case in POSITIVES]
)
def test_a_changed_figure_is_reported(lang, old, new, expected):
    """A figure's value, range, unit or approximator change is one number_changed finding."""
    found = numbers(old, new, lang)
    assert len(found) == 1, found
    finding = found[0]
    assert (finding.old.text, finding.new.text, finding.rule) == expected


CONTROLS = [
    # format only: digits and words, separators, scale words
    ("en", "The convoy of twelve trucks arrived.", "The convoy of 12 trucks arrived."),
    ("en", "The enemy lost 1,200 soldiers.", "The enemy lost 1 200 soldiers."),
    ("en", "The convoy delivered 1.5 thousand tonnes.", "The convoy delivered 1,500 tonnes."),
    (
        "en",
        "Russia lost 12 tanks and 15 APCs in the battle.",
        "Russia lost 15 APCs and 12 tanks in the battle.",
    ),
    (
        "en",
        "1. Troops repelled an assault.\n2. Units held.",
        "3. Troops repelled an assault.\n4. Units held.",
    ),
    ("en", "The second wave of drones hit the port.", "The third wave of drones hit the port."),
    (
        "en",
        "One of the missiles hit a residential building.",
        "One of the missiles hit an apartment building.",
    ),
    ("en", "Russia handed over 12 prisoners.", "Russia transferred 12 prisoners."),
    ("en", "The talks began on 19 May 2024.", "The talks began on 19 May 2025."),
    ("en", "Call +380 44 123 4567 for help.", "Call +380 44 765 4321 for help."),
    ("en", "The Su-34 jet was shot down.", "The Su-35 jet was shot down."),
    ("en", "Under Article 111 he faces prison.", "Under Article 110 he faces prison."),
    ("uk", "Загинули дванадцять людей.", "Загинули 12 людей."),
    ("uk", "Ворог втратив 1,2 тис. військових.", "Ворог втратив 1200 військових."),
    ("uk", "Противник втратив 12 танків та 15 ББМ.", "Противник втратив 15 ББМ та 12 танків."),
    ("uk", "Евакуювали не менше 200 людей.", "Вивезли не менше 200 людей."),
    (
        "uk",
        "Одна з ракет влучила в житловий будинок.",
        "Одна з ракет влучила в багатоквартирний будинок.",
    ),
    ("uk", "Позиції утримує 47-ма бригада.", "Позиції утримує 110-та бригада."),
    ("uk", "Обмін відбувся 19 травня 2024 року.", "Обмін відбувся 19 травня 2025 року."),
    (
        "uk",
        "Справу відкрито за ст. 111 Кримінального кодексу.",
        "Справу відкрито за ст. 110 Кримінального кодексу.",
    ),
    ("ru", "Погибли двенадцать человек.", "Погибли 12 человек."),
    ("ru", "Сбиты 3,5 тыс. беспилотников.", "Сбиты 3500 беспилотников."),
    ("ru", "Противник потерял 12 танков и 15 ББМ.", "Противник потерял 15 ББМ и 12 танков."),
    ("ru", "Эвакуировали не менее 200 человек.", "Вывезли не менее 200 человек."),
    ("ru", "Одна из ракет попала в жилой дом.", "Одна из ракет попала в многоквартирный дом."),
    ("ru", "Действуют подразделения 3-й армии.", "Действуют подразделения 8-й армии."),
    ("ru", "Обмен состоялся 19 мая 2024 года.", "Обмен состоялся 19 мая 2025 года."),
]


@pytest.mark.parametrize(("lang", "old", "new"), CONTROLS)
def test_near_misses_are_not_changed_figures(lang, old, new):
    """Format-only edits, moves, list numbers, ordinals, designators, "one of", "не менее"
    with another verb, phone numbers and the years of a date are not number_changed."""
    assert numbers(old, new, lang) == []


def test_casualty_figures_weigh_more():
    """The same change weighs more when the figure counts the killed (base 80 vs 60)."""
    killed = numbers(
        "Police said 12 people were killed there.", "Police said 15 people were killed there.", "en"
    )
    trucks = numbers(
        "Police said 12 trucks were parked there.", "Police said 15 trucks were parked there.", "en"
    )
    assert killed[0].severity > trucks[0].severity


def test_a_bigger_change_weighs_more():
    """Severity grows with the logarithm of the ratio, up to a cap."""
    small = numbers(
        "Police said 100 trucks were parked.", "Police said 110 trucks were parked.", "en"
    )
    large = numbers(
        "Police said 100 trucks were parked.", "Police said 900 trucks were parked.", "en"
    )
    assert small[0].severity < large[0].severity


def test_explanation_names_the_figures_and_the_casualty_word():
    """The explanation is one sentence quoting both figures and what they count."""
    found = numbers(
        "In Sumy, 12 civilians were killed.", "In Sumy, 15 civilians were killed.", "en"
    )
    assert found[0].explanation == "The figure “12” became “15” (killed)."


def test_approximator_explanation():
    """An approximator change names both qualifiers."""
    found = numbers(
        "Rescuers evacuated about 200 residents.",
        "Rescuers evacuated at least 200 residents.",
        "en",
    )
    assert "“about” became “at least”" in found[0].explanation
    kinds = {e.kind for e in found[0].evidence}
    assert {"figure", "approximator"} <= kinds


def test_spans_index_the_original_text():
    """Spans point into the original text even when normalization changed characters."""
    old = "Рятувальники врятували\u00a0п’ять людей."
    new = "Рятувальники врятували\u00a0сім людей."
    found = numbers(old, new, "uk")
    assert found[0].old.text == "п’ять" and old[found[0].old.start : found[0].old.end] == "п’ять"
    assert found[0].new.text == "сім"


def test_a_figure_removed_alone_is_reported():
    """A figure dropped from a kept sentence, with nothing else, is number_changed."""
    found = numbers(
        "Around 4,000 households were left without power.",
        "Households were left without power.",
        "en",
    )
    assert [f.rule for f in found] == ["numbers.removed"]
    assert found[0].old.text == "Around 4,000"


def test_a_figure_added_alone_is_reported():
    """A figure added to a kept sentence is number_changed, with a caret on the old side."""
    found = numbers(
        "Air defence shot down drones over the region.",
        "Air defence shot down 12 drones over the region.",
        "en",
    )
    assert [f.rule for f in found] == ["numbers.added"]
    assert found[0].new.text == "12" and len(found[0].old) == 0


def test_a_figure_inside_a_removed_clause_is_left_to_assertions():
    """A figure removed together with a whole clause is the assertion detector's finding."""
    old = "Units held the line and destroyed 12 enemy tanks near the village of Robotyne."
    new = "Units held the line."
    assert numbers(old, new, "en") == []


def test_a_swap_between_categories_is_reported():
    """Two figures that trade places between nouns are both reported."""
    found = numbers("Russia lost 12 tanks and 15 APCs.", "Russia lost 15 tanks and 12 APCs.", "en")
    assert sorted((f.old.text, f.new.text) for f in found) == [("12", "15"), ("15", "12")]


def test_deleted_and_inserted_sentences_are_left_alone():
    """Whole sentences removed or added are the assertion detector's findings."""
    assert numbers("Units held. 12 tanks were destroyed.", "Units held.", "en") == []


@pytest.mark.parametrize(
    ("text", "value", "upper", "approx", "unit"),
    [
        ("at least 1.5 thousand", Decimal(1500), None, "lower", ""),
        ("не менее 3,5 тыс", Decimal(3500), None, "lower", ""),
        ("понад 1,2 тис.", Decimal(1200), None, "lower", ""),
        ("two hundred and fifty", Decimal(250), None, "", ""),
        ("сто двадцать пять", Decimal(125), None, "", ""),
        ("від 10 до 12", Decimal(10), Decimal(12), "", ""),
        ("$5 million", Decimal(5000000), None, "", "usd"),
        ("5 млн грн", Decimal(5000000), None, "", "uah"),
        ("12%", Decimal(12), None, "", "percent"),
    ],
)
def test_quantities_are_read(text, value, upper, approx, unit):
    """Digits, number words, scales, ranges, approximators and units read as one figure."""
    (q,) = quantities(text)
    assert (q.value, q.upper, q.approx, q.unit) == (value, upper, approx, unit)


@pytest.mark.parametrize(
    "text",
    [
        "one of them",
        "47-ма бригада",
        "3-я армия",
        "Su-34",
        "No. 5",
        "№ 12",
        "19 May 2025",
        "08:00",
        "+380 44 123 4567",
    ],
)
def test_not_quantities(text):
    """Pronoun "one", designators, model names, numbered things, dates, times and phones."""
    assert quantities(text) == []


def test_vague_quantities_are_read():
    """Vague plurals are figures of an order of magnitude, scaled by what follows."""
    (q,) = quantities("десятки тисяч людей")
    assert q.vague and q.value == 10000


@pytest.mark.parametrize(
    ("old", "new", "same"),
    [
        ("twelve", "12", True),
        ("1,2 тис.", "1200", True),
        ("3,5 тыс", "3500", True),
        ("twelve", "15", False),
        ("12", "12 people", False),
    ],
)
def test_same_figures(old, new, same):
    """same_figures tells a figure written another way from a changed one."""
    assert same_figures(tokenize(old), tokenize(new)) is same
