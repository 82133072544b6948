"""date_changed: absolute and relative dates and times of day that changed."""

import pytest

import revforensics as rf
from revforensics.detect.dates import date_tokens, find_dates, same_date
from revforensics.findings import FindingKind
from revforensics.normalize import normalize
from revforensics.tokenize import tokenize


def dates(old, new, lang):
    cmp = rf.compare(old, new, lang=lang)
    return [f for f in cmp.findings if f.kind is FindingKind.DATE_CHANGED]


def mentions(text):
    return find_dates(tokenize(normalize(text).text))


POSITIVES = [
    # (lang, old, new, old span, new span, rule)
    (
        "en",
        "The exchange took place on 19 May near the border.",
        "The exchange took place on 25 May near the border.",
        "19 May",
        "25 May",
        "dates.day_changed",
    ),
    (
        "en",
        "The summit is set for May 19, 2025, in Warsaw.",
        "The summit is set for May 21, 2025, in Warsaw.",
        "May 19, 2025",
        "May 21, 2025",
        "dates.day_changed",
    ),
    (
        "en",
        "The order was signed on 19.05.2025 by the governor.",
        "The order was signed on 20.05.2025 by the governor.",
        "19.05.2025",
        "20.05.2025",
        "dates.day_changed",
    ),
    (
        "en",
        "Applications close on 19/05/2025 at noon.",
        "Applications close on 26/05/2025 at noon.",
        "19/05/2025 at noon",  # the part of the day belongs to the date expression
        "26/05/2025 at noon",
        "dates.day_changed",
    ),
    (
        "en",
        "Applications close on 2025-05-19 online.",
        "Applications close on 2025-05-26 online.",
        "2025-05-19",
        "2025-05-26",
        "dates.day_changed",
    ),
    (
        "en",
        "The alert lasted until 08:00 in Kyiv.",
        "The alert lasted until 10:00 in Kyiv.",
        "08:00",
        "10:00",
        "dates.time_changed",
    ),
    (
        "en",
        "The shelling began at 8 a.m. local time.",
        "The shelling began at 11 a.m. local time.",
        "8 a.m.",
        "11 a.m.",
        "dates.time_changed",
    ),
    (
        "en",
        "The minister met his counterpart yesterday in Warsaw.",
        "The minister met his counterpart today in Warsaw.",
        "yesterday",
        "today",
        "dates.day_changed",
    ),
    (
        "en",
        "Police detained the suspect on Monday in Lviv.",
        "Police detained the suspect on Thursday in Lviv.",
        "Monday",
        "Thursday",
        "dates.day_changed",
    ),
    (
        "en",
        "The bridge will reopen in 2024, the ministry said.",
        "The bridge will reopen in 2025, the ministry said.",
        "2024",
        "2025",
        "dates.day_changed",
    ),
    (
        "en",
        "Elections are planned in May, the commission said.",
        "Elections are planned in June, the commission said.",
        "May",
        "June",
        "dates.day_changed",
    ),
    (
        "en",
        "The attack on the port happened yesterday, the governor said.",
        "The attack on the port happened on Monday, the governor said.",
        "yesterday",
        "Monday",
        "dates.reference_changed",
    ),
    (
        "uk",
        "Обмін полоненими відбувся 19 травня на кордоні.",
        "Обмін полоненими відбувся 25 травня на кордоні.",
        "19 травня",
        "25 травня",
        "dates.day_changed",
    ),
    (
        "uk",
        "Міністр вчора зустрівся з колегою у Варшаві.",
        "Міністр сьогодні зустрівся з колегою у Варшаві.",
        "вчора",
        "сьогодні",
        "dates.day_changed",
    ),
    (
        "uk",
        "Станом на 08:00 відбулося 120 боєзіткнень.",
        "Станом на 10:00 відбулося 120 боєзіткнень.",
        "08:00",
        "10:00",
        "dates.time_changed",
    ),
    (
        "uk",
        "Розпорядження підписано 19.05.2025 головою ОВА.",
        "Розпорядження підписано 21.05.2025 головою ОВА.",
        "19.05.2025",
        "21.05.2025",
        "dates.day_changed",
    ),
    (
        "uk",
        "Підозрюваного затримали у понеділок у Львові.",
        "Підозрюваного затримали у четвер у Львові.",
        "понеділок",
        "четвер",
        "dates.day_changed",
    ),
    (
        "uk",
        "Міст відновлять у 2024 році, повідомили в міністерстві.",
        "Міст відновлять у 2025 році, повідомили в міністерстві.",
        "2024 році",
        "2025 році",
        "dates.day_changed",
    ),
    (
        "uk",
        "Вибори планують провести у травні.",
        "Вибори планують провести у червні.",
        "травні",
        "червні",
        "dates.day_changed",
    ),
    (
        "uk",
        "Комендантська година починається о 22.00 щодня.",
        "Комендантська година починається о 23.00 щодня.",
        "22.00",
        "23.00",
        "dates.time_changed",
    ),
    (
        "ru",
        "Обмен пленными состоялся 19 мая на границе.",
        "Обмен пленными состоялся 25 мая на границе.",
        "19 мая",
        "25 мая",
        "dates.day_changed",
    ),
    (
        "ru",
        "Министр вчера встретился с коллегой в Варшаве.",
        "Министр сегодня встретился с коллегой в Варшаве.",
        "вчера",
        "сегодня",
        "dates.day_changed",
    ),
    (
        "ru",
        "По состоянию на 08:00 произошло 120 столкновений.",
        "По состоянию на 10:00 произошло 120 столкновений.",
        "08:00",
        "10:00",
        "dates.time_changed",
    ),
    (
        "ru",
        "Подозреваемого задержали в понедельник во Львове.",
        "Подозреваемого задержали в четверг во Львове.",
        "понедельник",
        "четверг",
        "dates.day_changed",
    ),
    (
        "ru",
        "Мост восстановят в 2024 году, сообщили в министерстве.",
        "Мост восстановят в 2025 году, сообщили в министерстве.",
        "2024 году",
        "2025 году",
        "dates.day_changed",
    ),
    (
        "ru",
        "Выборы планируют провести в мае.",
        "Выборы планируют провести в июне.",
        "мае",
        "июне",
        "dates.day_changed",
    ),
    (
        "ru",
        "Соглашение подписано 19 мая 2024 года в Лондоне.",
        "Соглашение подписано 20 июня 2025 года в Лондоне.",
        "19 мая 2024 года",
        "20 июня 2025 года",
        "dates.day_changed",
    ),
]


@pytest.mark.parametrize(
    ("lang", "old", "new", "expected"), [(*case[:3], case[3:]) for case in POSITIVES]
)
def test_a_changed_date_is_reported(lang, old, new, expected):
    """A changed date, time, weekday, month, year or relative day is one date_changed."""
    found = dates(old, new, lang)
    assert len(found) == 1, found
    finding = found[0]
    assert (finding.old.text, finding.new.text, finding.rule) == expected


CONTROLS = [
    (
        "en",
        "The agreement was signed on 19 May 2025 in London.",
        "The agreement was signed on 19.05.2025 in London.",
    ),
    (
        "en",
        "The agreement was signed on 19 May 2025 in London.",
        "The agreement was signed on 2025-05-19 in London.",
    ),
    ("en", "The curfew begins at 22:00 every day.", "The curfew begins at 10 p.m. every day."),
    (
        "en",
        "The exchange took place on 19 May near the border.",
        "The exchange took place on 19 May 2025 near the border.",
    ),
    (
        "en",
        "On 19 May, police detained two suspects in Lviv.",
        "Police detained two suspects in Lviv on 19 May.",
    ),
    ("en", "Enemy forces may attack the city.", "Enemy forces may strike the city."),
    (
        "en",
        "The strike happened last night, the governor said.",
        "The strike happened yesterday, the governor said.",
    ),
    (
        "en",
        "The 19 soldiers of the unit were evacuated.",
        "The 25 soldiers of the unit were evacuated.",
    ),
    ("en", "Soldiers march through the town.", "Soldiers marched through the town."),
    (
        "uk",
        "Угоду підписали 19 травня 2025 року в Лондоні.",
        "Угоду підписали 19.05.2025 в Лондоні.",
    ),
    (
        "uk",
        "Обмін відбувся 19 травня на кордоні.",
        "Обмін відбувся 19 травня 2025 року на кордоні.",
    ),
    (
        "uk",
        "19 травня поліцейські затримали двох підозрюваних.",
        "Поліцейські затримали двох підозрюваних 19 травня.",
    ),
    (
        "uk",
        "Удар було завдано вчора, повідомив голова ОВА.",
        "Удар було завдано учора, повідомив голова ОВА.",
    ),
    ("uk", "Засідання відбудеться 19 травня.", "Засідання відбудеться у понеділок, 19 травня."),
    ("uk", "Загинули 19 людей, ще 30 поранені.", "Загинули 25 людей, ще 30 поранені."),
    (
        "ru",
        "Соглашение подписали 19 мая 2025 года в Лондоне.",
        "Соглашение подписали 19.05.2025 в Лондоне.",
    ),
    ("ru", "Обмен состоялся 19 мая на границе.", "Обмен состоялся 19 мая 2025 года на границе."),
    (
        "ru",
        "19 мая полицейские задержали двух подозреваемых.",
        "Полицейские задержали двух подозреваемых 19 мая.",
    ),
    (
        "ru",
        "Городская среда после обстрела требует восстановления.",
        "Городская среда после обстрелов требует восстановления.",
    ),
    ("ru", "Удар был нанесен прошлой ночью.", "Удар был нанесен этой ночью."),
    ("ru", "Погибли 19 человек, еще 30 ранены.", "Погибли 25 человек, еще 30 ранены."),
]


@pytest.mark.parametrize(("lang", "old", "new"), CONTROLS)
def test_near_misses_are_not_changed_dates(lang, old, new):
    """Another format, an added year or weekday, a move, "may"/"march"/"среда" as words,
    one day named twice, and numbers that are not dates are not date_changed."""
    assert dates(old, new, lang) == []


def test_a_shift_of_more_than_a_day_weighs_more():
    """A date moved by several days ranks above one moved by a day."""
    one = dates(
        "The talks were held on 19 May in Geneva.", "The talks were held on 20 May in Geneva.", "en"
    )
    six = dates(
        "The talks were held on 19 May in Geneva.", "The talks were held on 25 May in Geneva.", "en"
    )
    assert six[0].severity > one[0].severity


def test_explanation_says_how_far_the_date_moved():
    """The explanation quotes both dates and the shift."""
    found = dates("The exchange took place on 19 May.", "The exchange took place on 25 May.", "en")
    assert found[0].explanation == "The date “19 May” became “25 May” (6 days later)."


def test_a_date_stamp_weighs_little():
    """A re-stamped "Updated:" line is reported, at low severity."""
    old = "Updated: 2 August 2025\n\nTravellers should monitor local media."
    new = "Updated: 5 December 2025\n\nTravellers should monitor local media."
    found = dates(old, new, "en")
    assert [f.rule for f in found] == ["dates.stamp_changed"]
    assert found[0].level.value == "low"


def test_a_removed_date_is_reported():
    """A date dropped alone from a kept sentence is date_changed, with a caret."""
    found = dates(
        "The convoy arrived in Kherson on 19 May.", "The convoy arrived in Kherson.", "en"
    )
    assert [f.rule for f in found] == ["dates.removed"]
    assert found[0].old.text == "19 May" and len(found[0].new) == 0


def test_a_date_inside_a_removed_clause_is_left_to_assertions():
    """A date cut together with a clause belongs to the assertion detector."""
    old = "Units held the line, and on 19 May destroyed an enemy depot near Tokmak."
    new = "Units held the line."
    assert dates(old, new, "en") == []


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("19 May 2025", (2025, 5, 19)),
        ("May 19, 2025", (2025, 5, 19)),
        ("19.05.2025", (2025, 5, 19)),
        ("2025-05-19", (2025, 5, 19)),
        ("19 травня 2025 року", (2025, 5, 19)),
        ("19-го травня", (None, 5, 19)),
        ("19 мая", (None, 5, 19)),
        ("19th May", (None, 5, 19)),
        ("Jan. 6", (None, 1, 6)),
        ("у 2024 році", (2024, None, None)),
        ("в мае", (None, 5, None)),
    ],
)
def test_calendar_dates_are_read(text, fields):
    """Day-month-year in words, digits and ISO form, in three languages."""
    (m,) = mentions(text)
    assert (m.year, m.month, m.day) == fields


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("yesterday", -1),
        ("last night", -1),
        ("минулої доби", -1),
        ("за минувшие сутки", -1),
        ("сьогодні", 0),
        ("завтра", 1),
    ],
)
def test_relative_days_are_read(text, offset):
    """Relative days, multi-word ones included, carry an offset in days."""
    (m,) = mentions(text)
    assert m.offset == offset


@pytest.mark.parametrize(
    ("text", "hour"), [("08:00", 8), ("10 p.m.", 22), ("о 22.00", 22), ("8 a.m.", 8)]
)
def test_times_are_read(text, hour):
    """Times on the 24-hour and 12-hour clocks, and uk/ru dotted times after a preposition."""
    (m,) = mentions(text)
    assert (m.kind, m.hour) == ("time", hour)


@pytest.mark.parametrize(
    "text",
    ["troops may advance", "they march north", "городская среда", "12.5 million", "1 250 people"],
)
def test_words_and_numbers_that_are_not_dates(text):
    """The modal "may", the verb "march", "среда" as environment and decimals are not dates."""
    assert mentions(text) == []


def test_a_weekday_next_to_a_date_joins_it():
    """ "Monday, 19 May" is one date with a weekday."""
    (m,) = mentions("Monday, 19 May")
    assert (m.weekday, m.month, m.day) == (1, 5, 19)


def test_same_date_needs_a_shared_field():
    """Dates agree when every field both give agrees; disjoint ones are not known to agree."""
    (a,) = mentions("19 May")
    (b,) = mentions("19 May 2025")
    (c,) = mentions("yesterday")
    assert same_date(a, b) and not same_date(a, c)


def test_date_tokens_cover_the_numbers_of_a_date():
    """The numbers of a date are the date detector's, not figures."""
    tokens = tokenize("On 19 May 2025, 12 people")
    assert [tokens[k].text for k in sorted(date_tokens(tokens))] == ["19", "May", "2025"]
