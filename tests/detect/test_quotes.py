"""The ``quote_altered`` and ``quote_removed`` detector."""

from __future__ import annotations

import pytest

import revforensics as rf
from revforensics.findings import FindingKind

ALTERED, REMOVED = FindingKind.QUOTE_ALTERED, FindingKind.QUOTE_REMOVED


def found(old: str, new: str, lang: str) -> list[rf.Finding]:
    return [f for f in rf.compare(old, new, lang=lang).findings if f.kind in (ALTERED, REMOVED)]


# -- altered ----------------------------------------------------------------------------------

ALTERED_CASES = [
    (
        "en",
        'The commander said: "We will hold Robotyne."',
        'The commander said: "We may hold Robotyne."',
        "will",
        "may",
    ),
    (
        "en",
        'The governor said: "Twelve were killed and 40 injured."',
        'The governor said: "Twelve were killed and 25 injured."',
        "40",
        "25",
    ),
    (
        "en",
        "The report called it a 'regrouping' near Kupiansk.",
        "The report called it a 'retreat' near Kupiansk.",
        "regrouping",
        "retreat",
    ),
    (
        "uk",
        "Зеленський заявив: «Ми п'ять разів наступали».",
        "Зеленський заявив: «Ми кілька разів наступали».",
        "п'ять",
        "кілька",
    ),
    (
        "uk",
        "Президент назвав удар „злочином проти цивільних“.",
        "Президент назвав удар „трагедією для цивільних“.",
        "злочином проти",
        "трагедією для",
    ),
    (
        "ru",
        "Генерал заявил: «Мы наступаем под Курском».",
        "Генерал заявил: «Мы отступаем под Курском».",
        "наступаем",
        "отступаем",
    ),
    (
        "ru",
        "Губернатор сообщил: «Погибли 12 человек, ранены 40».",
        "Губернатор сообщил: «Погибли 12 человек, ранены 25».",
        "40",
        "25",
    ),
]


@pytest.mark.parametrize(("lang", "old", "new", "was", "now"), ALTERED_CASES)
def test_changed_words_inside_a_quotation(lang, old, new, was, now):
    """A word changed inside quotation marks is ``quote_altered``; spans are the changed words."""
    [finding] = found(old, new, lang)
    assert finding.kind is ALTERED
    assert finding.rule == "quotes.altered"
    assert (finding.old.text, finding.new.text) == (was, now)
    quotes = [e for e in finding.evidence if e.kind == "quote"]
    assert {e.side for e in quotes} == {"old", "new"}
    assert all(was in e.span.text for e in quotes if e.side == "old")


def test_words_cut_from_a_quotation_leave_a_caret():
    """Deleted words inside a quotation: the old span holds them, the new one is a caret."""
    [finding] = found(
        'He said: "We will hold the line and counterattack near Robotyne." The briefing ended.',
        'He said: "We will hold the line." The briefing ended.',
        "en",
    )
    assert finding.kind is ALTERED
    assert finding.old.text == "and counterattack near Robotyne"
    assert len(finding.new) == 0
    assert "was deleted" in finding.explanation


def test_a_long_quotation_changed_in_its_second_sentence():
    """A quotation of two sentences is paired as one quotation."""
    [finding] = found(
        'The general said: "We hold the line. We will advance in the south." Units moved.',
        'The general said: "We hold the line. We will wait in the south." Units moved.',
        "en",
    )
    assert (finding.kind, finding.old.text, finding.new.text) == (ALTERED, "advance", "wait")


def test_only_the_changed_quotation_of_two_is_reported():
    """With two quotations in a sentence, the unchanged one is left alone."""
    [finding] = found(
        'He called it "a crime" and the raid "a provocation" on Monday.',
        'He called it "a crime" and the raid "an operation" on Monday.',
        "en",
    )
    assert finding.old.text == "a provocation"


def test_a_quotation_rewritten_wholesale_is_paired_by_its_place():
    """Two quotations, the first rewritten entirely: it is paired by position, not removed."""
    [finding] = found(
        'He called them "the enemy" and "the aggressor" today.',
        'He called them "our neighbours" and "the aggressor" today.',
        "en",
    )
    assert (finding.kind, finding.old.text, finding.new.text) == (
        ALTERED,
        "the enemy",
        "our neighbours",
    )


def test_nested_quotations_are_compared_as_the_outer_one():
    """«… „…“ …»: the inner name stays, the outer quotation's words changed."""
    [finding] = found(
        "Він сказав: «Ми захищаємо „Азовсталь“ до кінця».",
        "Він сказав: «Ми захищаємо „Азовсталь“ поки можемо».",
        "uk",
    )
    assert (finding.old.text, finding.new.text) == ("до кінця", "поки можемо")


# -- removed ----------------------------------------------------------------------------------

REMOVED_CASES = [
    (
        "en",
        'The ministry called the retreat "a planned regrouping" on Monday.',
        "The ministry called the retreat a withdrawal on Monday.",
        "quotes.removed",
        "a planned regrouping",
    ),
    (
        "en",
        'He said: "We will hold the line." Units advanced.',
        "He said we will hold the line. Units advanced.",
        "quotes.paraphrased",
        "We will hold the line",
    ),
    (
        "en",
        'Officials announced the results of the "referendum" there.',
        "Officials announced the results of the referendum there.",
        "quotes.paraphrased",
        "referendum",
    ),
    (
        "uk",
        "Міністр назвав переговори «конструктивними і чесними» та пообіцяв продовжити їх.",
        "Міністр пообіцяв продовжити переговори.",
        "quotes.removed",
        "конструктивними і чесними",
    ),
    (
        "uk",
        "Командир сказав: «Ми тримаємо позиції». Бої тривають.",
        "Командир сказав, що ми тримаємо позиції. Бої тривають.",
        "quotes.paraphrased",
        "Ми тримаємо позиції",
    ),
    (
        "ru",
        "Губернатор говорил о «не менее 14 погибших» после удара.",
        "Губернатор говорил о жертвах после удара.",
        "quotes.removed",
        "не менее 14 погибших",
    ),
    (
        "ru",
        "Оккупанты объявили результаты «референдума» в области.",
        "Оккупанты объявили результаты референдума в области.",
        "quotes.paraphrased",
        "референдума",
    ),
]


@pytest.mark.parametrize(("lang", "old", "new", "rule", "words"), REMOVED_CASES)
def test_a_quotation_gone_from_a_kept_sentence(lang, old, new, rule, words):
    """A quotation that vanished, or lost its marks, is ``quote_removed``."""
    [finding] = found(old, new, lang)
    assert finding.kind is REMOVED
    assert finding.rule == rule
    assert words in finding.old.text
    if rule == "quotes.paraphrased":
        assert finding.new.text.casefold() == words.casefold()
    else:
        assert len(finding.new) == 0


def test_a_paraphrase_weighs_less_than_a_removal():
    """Words kept without their marks are a milder change than words gone."""
    [paraphrased] = found(
        'He said: "We hold." Units advanced.', "He said we hold. Units advanced.", "en"
    )
    [removed] = found(
        'He called it "a planned regrouping" today.', "He called it a withdrawal today.", "en"
    )
    assert paraphrased.severity < removed.severity


# -- near misses ------------------------------------------------------------------------------

CONTROLS = [
    # Quotation-mark style only.
    (
        "en",
        "The commander said: “We will hold Robotyne.”",
        "The commander said: «We will hold Robotyne.»",
    ),
    (
        "uk",
        "Зеленський заявив: «Ми п'ять разів наступали».",
        "Зеленський заявив: “Ми п'ять разів наступали”.",
    ),
    (
        "ru",
        "Командир сказал: «Мы удерживаем позиции».",
        "Командир сказал: „Мы удерживаем позиции“.",
    ),
    # Apostrophes inside words are not quotation marks.
    (
        "en",
        "The soldiers' commander said they don't retreat.",
        "The soldiers' commander said they won't retreat.",
    ),
    (
        "uk",
        "Ворог п'ять разів атакував позиції біля Курахового.",
        "Ворог п'ять разів атакував позиції біля Покровська.",
    ),
    (
        "uk",
        "Командир сказав: «Ми пʼять разів наступали».",
        "Командир сказав: «Ми п'ять разів наступали».",
    ),
    # Words outside an unchanged quotation change.
    (
        "en",
        'The commander said on Monday: "We will hold Robotyne."',
        'The commander said on Tuesday: "We will hold Robotyne."',
    ),
    ("uk", "Генштаб заявив: «Ворог відступає».", "Блогери заявили: «Ворог відступає»."),
    (
        "ru",
        "Командир сказал в понедельник: «Мы удерживаем позиции».",
        "Командир сказал во вторник: «Мы удерживаем позиции».",
    ),
    # Case and ё inside a quotation.
    (
        "en",
        'The commander said: "We will hold Robotyne."',
        'The commander said: "WE will hold Robotyne."',
    ),
    ("ru", "Командир сказал: «Мы ещё держимся».", "Командир сказал: «Мы еще держимся»."),
    # A quotation moved within its sentence, or to another sentence.
    (
        "en",
        'The commander said "we will hold" on Monday.',
        'On Monday the commander said "we will hold".',
    ),
    (
        "en",
        'The commander said: "We will hold." Units advanced.',
        'Units advanced. The commander said: "We will hold."',
    ),
    # Quoted names are names, not quotations.
    (
        "uk",
        "Бійці бригади «Азов» утримують позиції біля Торецька.",
        "Бійці бригади Азов утримують позиції біля Торецька.",
    ),
    (
        "ru",
        "Бойцы бригады «Азов» удерживают позиции у Торецка.",
        "Бойцы бригады «Азов» удерживают позиции у Покровска.",
    ),
    # Page titles in quotation marks are names too.
    (
        "en",
        "Updated information on visa requirements ('Entry requirements' page).",
        "Updated information on curfews ('Safety and security' page).",
    ),
    # A whole line in quotation marks: its marks are typography.
    (
        "en",
        "Latest update:\n\n“Information on a suspected drone impact.”\n\nStay alert.",
        "Latest update:\n\nInformation on a suspected drone impact.\n\nStay alert.",
    ),
]


@pytest.mark.parametrize(("lang", "old", "new"), CONTROLS)
def test_near_misses_are_not_quotation_changes(lang, old, new):
    """Mark style, apostrophes, edits outside, case, moves and quoted names never fire."""
    assert found(old, new, lang) == []


@pytest.mark.parametrize(
    ("lang", "old", "new", "rule", "words"),
    [
        (
            "en",
            'Units held the line. The commander said: "We will hold."',
            "Units held the line.",
            "quotes.removed_with_sentence",
            '"We will hold."',
        ),
        (
            "uk",
            "Оборонці утримують позиції. «Ситуація складна, але контрольована», — сказав речник.",
            "Оборонці утримують позиції.",
            "quotes.removed_with_sentence",
            "«Ситуація складна, але контрольована»",
        ),
        (
            "en",
            (
                "Units withdrew from the village, and commanders described the move as "
                '"a temporary measure" in a statement.'
            ),
            "Units withdrew from the village.",
            "quotes.removed_with_clause",
            '"a temporary measure"',
        ),
    ],
)
def test_a_quotation_removed_with_its_sentence_or_clause(lang, old, new, rule, words):
    """Someone's words went with the sentence or clause: both findings are reported."""
    cmp = rf.compare(old, new, lang=lang)
    kinds = {f.kind for f in cmp.findings}
    assert rf.FindingKind.ASSERTION_REMOVED in kinds
    (quoted,) = [f for f in cmp.findings if f.kind is rf.FindingKind.QUOTE_REMOVED]
    assert quoted.rule == rule
    assert quoted.old is not None and quoted.old.text == words
    assert cmp.findings[0].kind is rf.FindingKind.ASSERTION_REMOVED  # the claim ranks first


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # The sentence went but its quotation is still quoted elsewhere: nothing of it lost.
        (
            'Units held the line. The commander said: "We will hold." Later he repeated it.',
            'Units held the line. Later the commander repeated: "We will hold."',
        ),
        # A quoted name in a removed sentence is a name, left to the entity detector.
        (
            'Units held the line. The "Azov" brigade rotated out.',
            "Units held the line.",
        ),
    ],
)
def test_a_removed_sentence_whose_quotation_survives_or_is_a_name(old, new):
    cmp = rf.compare(old, new, lang="en")
    assert not [f for f in cmp.findings if f.kind is rf.FindingKind.QUOTE_REMOVED]
