"""Page furniture: pointers, copyright lines and rotating feeds weigh little."""

from __future__ import annotations

import pytest

import revforensics as rf
from revforensics._furniture import feed_ranges, is_furniture

SHARE = "Share\nFacebook\nTwitter\nView info\n"
TEASERS = [
    "The golden-cheeked warbler has been considered endangered since 1990.",
    "November is Manatee Awareness Month.",
    "Spring is coming early in three quarters of national parks.",
    "Katahdin Woods and Waters became a national monument.",
    "Crab Orchard refuge offers public use programs.",
]


def carousel(teasers: list[str]) -> str:
    body = "".join(f"{teaser}\n{SHARE}" for teaser in teasers)
    return f"Department of the Interior\n\nThe department protects lands.\n\n{body}\nContact us\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "See [Dual citizenship](https://www.gov.uk/dual-citizenship).",
        "For more information, see the [FCDO guidance](https://www.gov.uk/x).",
        "* Find out more at https://travelhealthpro.org.uk/country/16/austria",
        "Детальніше: https://mil.gov.ua/news",
        "Подробнее на сайте https://mil.ru/",
        "© U.S. Department of the Interior. All rights reserved.",
        "Copyright 2025 Ministry of Defence",
    ],
)
def test_furniture(sentence):
    assert is_furniture(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "See how the troops advanced.",  # a cue but no link
        "Troops entered [Sudzha](https://example.org/sudzha) on 6 August.",  # a link, no cue
        "Seek local advice and [check the Mozambique advice](https://www.gov.uk/m).",
        "Copyrighted films were seized at the border.",  # not a copyright line
        "Seeing the damage, officials closed [the bridge](https://example.org).",
    ],
)
def test_not_furniture(sentence):
    assert not is_furniture(sentence)


def test_a_carousel_is_a_feed():
    page = carousel(TEASERS)
    assert [page[a:b] for a, b in feed_ranges(page)] == TEASERS


@pytest.mark.parametrize(
    "page",
    [
        carousel(TEASERS[:2]),  # two items are not yet a feed
        # One clause printed once per region, with its heading: near copies, not teasers.
        "".join(
            f"Liability\nTo the maximum extent permitted by law in {region}, X is not liable.\n"
            for region in ("the EU", "the US", "the UK", "Canada")
        ),
        "Report\n\n" + "\n".join(TEASERS),  # no template between the lines
    ],
)
def test_not_a_feed(page):
    assert feed_ranges(page) == []


def test_a_rotated_feed_gives_no_high_finding():
    old, new = carousel(TEASERS[:4]), carousel(TEASERS[1:])
    cmp = rf.compare(old, new, lang="en")
    assert cmp.verdict is rf.Verdict.MEANING_CHANGED  # still reported, nothing hidden
    removed = [f for f in cmp.findings if f.kind is rf.FindingKind.ASSERTION_REMOVED]
    assert removed
    assert max(f.severity for f in cmp.findings) < 60


def test_an_edit_outside_the_feed_still_weighs_fully():
    old = carousel(TEASERS)
    new = old.replace("The department protects lands.\n", "")
    cmp = rf.compare(old, new, lang="en")
    assert cmp.findings[0].kind is rf.FindingKind.ASSERTION_REMOVED
    assert cmp.findings[0].severity >= 60


def test_a_removed_pointer_weighs_less_than_a_removed_claim():
    claim = "British citizens must show a passport at the border."
    pointer = "See [Dual citizenship](https://www.gov.uk/dual-citizenship)."
    base = "Entry requirements.\n\nThe rules are set by Ireland.\n\nThey change often.\n\n"
    for gone, high in ((pointer, False), (claim, True)):
        old = base + claim + "\n\n" + pointer + "\n"
        cmp = rf.compare(old, old.replace(gone + "\n", ""), lang="en")
        (finding,) = cmp.findings
        assert finding.kind is rf.FindingKind.ASSERTION_REMOVED
        assert (finding.severity >= 60) is high


@pytest.mark.parametrize(
    ("old", "new", "lang"),
    [
        (
            "A levy applies to all vehicles entering the country (see the table below).",
            "A levy applies to all vehicles entering the country.",
            "en",
        ),
        (
            "Results are consistent with earlier surveys (cf. Table 3 of the annual report).",
            "Results are consistent with earlier surveys.",
            "en",
        ),
        (
            "Рівень загрози залишається високим (див. додаток 2 до цього наказу).",
            "Рівень загрози залишається високим.",
            "uk",
        ),
        (
            "Уровень угрозы остаётся высоким (см. приложение 2 к настоящему приказу).",
            "Уровень угрозы остаётся высоким.",
            "ru",
        ),
    ],
)
def test_a_removed_cross_reference_is_reported_and_weighs_little(old, new, lang):
    """A parenthetical pointer asserts nothing: its removal is a low or medium finding."""
    cmp = rf.compare(old, new, lang=lang)
    (finding,) = cmp.findings
    assert finding.kind is rf.FindingKind.ASSERTION_REMOVED
    assert finding.severity < 60
    assert finding.explanation.startswith("The cross-reference")


@pytest.mark.parametrize(
    ("old", "new", "lang"),
    [
        # Near misses: a claim in parentheses is a claim.
        (
            "Troops held the town (and launched new offensive operations in the Kursk region).",
            "Troops held the town.",
            "en",
        ),
        (
            "Подача газа восстановлена (повреждённый участок газопровода заменён сегодня ночью).",
            "Подача газа восстановлена.",
            "ru",
        ),
        (
            "Сили оборони утримали місто (та розпочали нові наступальні дії на Курщині).",
            "Сили оборони утримали місто.",
            "uk",
        ),
    ],
)
def test_a_removed_claim_in_parentheses_still_weighs_fully(old, new, lang):
    cmp = rf.compare(old, new, lang=lang)
    assert cmp.findings[0].severity >= 60
    assert all("cross-reference" not in f.explanation for f in cmp.findings)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # A parenthesis that says something itself is no cross-reference.
        (
            "Diplomats pay no fee at the crossings (see below: diplomats are exempt) this year.",
            "Diplomats pay no fee at the crossings this year.",
        ),
        # A sentence that opens with a link and goes on is no navigation.
        (
            (
                "Stay alert.\n\n[Next week](https://example.gov/e) the city will evacuate "
                "5,000 residents.\n"
            ),
            "Stay alert.\n",
        ),
    ],
)
def test_near_misses_of_furniture_weigh_fully(old, new):
    cmp = rf.compare(old, new, lang="en")
    assert cmp.findings[0].kind is rf.FindingKind.ASSERTION_REMOVED
    assert cmp.findings[0].severity >= 60


def test_a_prev_next_link_line_is_navigation():
    assert is_furniture("[Prev Why is content restricted in my country?](https://help.example/x)")
    assert is_furniture("* [Next Do not impersonate anyone](https://help.example/y) →")
    assert not is_furniture("[Next week](https://x.gov/e) the city will evacuate residents.")
