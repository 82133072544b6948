"""The ``softened`` and ``strengthened`` detector: hedges, modals, boosters, reporting verbs
and intensity verbs that changed inside a kept sentence."""

from __future__ import annotations

import pytest

import revforensics as rf
from revforensics.detect.certainty import detect_certainty
from revforensics.findings import FindingKind
from revforensics.lexicon import lexicon_map

SOFTENED = FindingKind.SOFTENED
STRENGTHENED = FindingKind.STRENGTHENED
CERTAINTY = {SOFTENED, STRENGTHENED}


def found(old: str, new: str, lang: str) -> list[rf.Finding]:
    return [f for f in rf.compare(old, new, lang=lang).findings if f.kind in CERTAINTY]


def only_certainty(old: str, new: str, lang: str) -> list[rf.Finding]:
    cmp = rf.Comparer(detectors=(detect_certainty,), lang=lang).compare(old, new)
    return [f for f in cmp.findings if f.kind in CERTAINTY]


# -- positives: (lang, old, new, kind, old evidence, new evidence) ----------------------------

POSITIVES = [
    (
        "en",
        "Officials confirmed the strike on the fuel depot in Novorossiysk.",
        "Officials reported the strike on the fuel depot in Novorossiysk.",
        SOFTENED,
        "confirmed",
        "reported",
    ),
    (
        "en",
        "The crossing at Krakovets will reopen to passenger traffic on Monday.",
        "The crossing at Krakovets may reopen to passenger traffic on Monday.",
        SOFTENED,
        "will",
        "may",
    ),
    (
        "en",
        "Russian forces shelled the centre of Kherson on Tuesday.",
        "Russian forces reportedly shelled the centre of Kherson on Tuesday.",
        SOFTENED,
        "",
        "reportedly",
    ),
    (
        "en",
        "Ukrainian drones destroyed an oil refinery in the Ryazan region overnight.",
        "Ukrainian drones damaged an oil refinery in the Ryazan region overnight.",
        SOFTENED,
        "destroyed",
        "damaged",
    ),
    (
        "en",
        "British nationals should leave the Kharkiv region by commercial means.",
        "British nationals must leave the Kharkiv region by commercial means.",
        STRENGTHENED,
        "should",
        "must",
    ),
    (
        "en",
        "Russian missiles reportedly hit the thermal power plant in Kharkiv.",
        "Russian missiles destroyed the thermal power plant in Kharkiv.",
        STRENGTHENED,
        "reportedly hit",
        "destroyed",
    ),
    (
        "uk",
        "Генштаб ЗСУ повідомив про ураження нафтобази в Новоросійську.",
        "Генштаб ЗСУ підтвердив ураження нафтобази в Новоросійську.",
        STRENGTHENED,
        "повідомив",
        "підтвердив",
    ),
    (
        "uk",
        "Російські війська обстріляли центр Херсона у вівторок.",
        "Російські війська нібито обстріляли центр Херсона у вівторок.",
        SOFTENED,
        "",
        "нібито",
    ),
    (
        "uk",
        "Під час атаки безпілотників знищено склад боєприпасів у Бєлгородській області.",
        "Під час атаки безпілотників пошкоджено склад боєприпасів у Бєлгородській області.",
        SOFTENED,
        "знищено",
        "пошкоджено",
    ),
    (
        "uk",
        "Росія готує новий наступ на Харківщину найближчими тижнями.",
        "Не виключено, що Росія готує новий наступ на Харківщину найближчими тижнями.",
        SOFTENED,
        "",
        "Не виключено",
    ),
    (
        "ru",
        "Министерство обороны подтвердило удар по нефтебазе в Новороссийске.",
        "Министерство обороны сообщило об ударе по нефтебазе в Новороссийске.",
        SOFTENED,
        "подтвердило",
        "сообщило",
    ),
    (
        "ru",
        "Украинские беспилотники якобы атаковали завод в Рязани минувшей ночью.",
        "Украинские беспилотники атаковали завод в Рязани минувшей ночью.",
        STRENGTHENED,
        "якобы",
        "",
    ),
    (
        "ru",
        "Пункт пропуска может быть открыт для пассажирского движения в понедельник.",
        "Пункт пропуска будет открыт для пассажирского движения в понедельник.",
        STRENGTHENED,
        "может",
        "будет",
    ),
    (
        "ru",
        "Четверо мирных жителей ранены при обстреле автовокзала в Горловке.",
        "Четверо мирных жителей погибли при обстреле автовокзала в Горловке.",
        STRENGTHENED,
        "ранены",
        "погибли",
    ),
]


@pytest.mark.parametrize(
    "case", POSITIVES, ids=[f"{p[0]}-{p[3].value}-{p[5] or p[4]}" for p in POSITIVES]
)
def test_certainty_change_is_found_with_minimal_evidence(case):
    """A changed hedge, modal, booster, reporting verb or intensity verb is one finding of the
    right direction whose spans are the changed cues (an empty caret where a cue is new)."""
    lang, old, new, kind, old_text, new_text = case
    findings = found(old, new, lang)
    assert [f.kind for f in findings] == [kind]
    f = findings[0]
    assert f.old is not None and f.new is not None
    assert old_text in f.old.text or (not old_text and len(f.old) == 0)
    assert new_text in f.new.text or (not new_text and len(f.new) == 0)
    assert old[f.old.start : f.old.end] == f.old.text
    assert new[f.new.start : f.new.end] == f.new.text
    assert f.rule.startswith("certainty.")
    assert f.explanation.startswith(("Certainty", "Intensity"))


# -- near misses: (lang, old, new) -------------------------------------------------------------

CONTROLS = [
    (
        "en",
        "The General Staff said that air defence shot down 24 of the 31 drones.",
        "The General Staff stated that air defence shot down 24 of the 31 drones.",
    ),
    (
        "en",
        "Russian forces reportedly shelled the centre of Kherson on Tuesday.",
        "Russian forces reportedly shelled the centre of Kherson on Wednesday.",
    ),
    (
        "en",
        "The agreement on security cooperation was signed on 12 June in Kyiv.",
        "The agreement on security cooperation was signed on 12 May in Kyiv.",
    ),
    (
        "en",
        "British nationals should register with the embassy on arrival.",
        "British nationals should register with the embassy on arrival, and delays may occur.",
    ),
    (
        "en",
        "Air defence shot down 12 drones over the Odesa region, the General Staff reported.",
        "Air defence shot down 12 drones over the Odesa region.",
    ),
    (
        "en",
        "According to preliminary data, 14 people were injured in Zaporizhzhia.",
        "According to preliminary estimates, 14 people were injured in Zaporizhzhia.",
    ),
    (
        "en",
        "Reportedly, the convoy reached Kupiansk on Monday evening after a delay.",
        "The convoy reportedly reached Kupiansk on Monday evening after a delay.",
    ),
    (
        "en",
        "Some 200 residents were evacuated from Vovchansk on Sunday.",
        "About 200 residents were evacuated from Vovchansk on Sunday.",
    ),
    (
        "uk",
        "Речник Повітряних сил заявив, що ППО збила 24 з 31 безпілотника.",
        "Речник Повітряних сил повідомив, що ППО збила 24 з 31 безпілотника.",
    ),
    (
        "uk",
        "За даними Генерального штабу, противник втратив 12 танків за добу.",
        "За інформацією Генерального штабу, противник втратив 12 танків за добу.",
    ),
    (
        "uk",
        "Противник, ймовірно, готує наступ на Харківщину у четвер.",
        "Противник, ймовірно, готує наступ на Харківщину у п'ятницю.",
    ),
    (
        "uk",
        "Удар пошкодив підстанцію в Харківській області пізно ввечері.",
        "Удар пошкодив підстанцію в Харківській області пізно ввечері та знищив дві вантажівки.",
    ),
    (
        "ru",
        "Представитель Воздушных сил заявил, что ПВО сбила 24 из 31 беспилотника.",
        "Представитель Воздушных сил сообщил, что ПВО сбила 24 из 31 беспилотника.",
    ),
    (
        "ru",
        "По предварительным данным, в результате удара по Запорожью ранены 14 человек.",
        "По предварительной информации, в результате удара по Запорожью ранены 14 человек.",
    ),
    (
        "ru",
        "Противник потерял 12 танков за минувшие сутки, сообщил Генштаб.",
        "Противник потерял 12 танков за минувшие сутки.",
    ),
    (
        "ru",
        "Движение поездов на участке Белгород – Курск восстановлено.",
        "Движение поездов на участке Белгород – Курск восстановлено, однако могут быть задержки.",
    ),
]


@pytest.mark.parametrize(("lang", "old", "new"), CONTROLS, ids=[c[2][:40] for c in CONTROLS])
def test_near_misses_are_not_certainty_changes(lang, old, new):
    """Same commitment, a kept hedge, a month named May, a cue in an added clause, a reporting
    verb dropped with its source, a moved hedge, "some 200": none of these changes certainty."""
    assert found(old, new, lang) == []


# -- rules --------------------------------------------------------------------------------------


def test_explanation_names_both_cues():
    """The explanation is one sentence built from the evidence."""
    (f,) = found(
        "Officials confirmed the strike on the depot.",
        "Officials reported the strike on the depot.",
        "en",
    )
    assert f.explanation == "Certainty lowered: “confirmed” became “reported”."
    assert f.rule == "certainty.reporting_verb"
    assert [(e.kind, e.side, e.span.text) for e in f.evidence] == [
        ("reporting_verb", "old", "confirmed"),
        ("reporting_verb", "new", "reported"),
    ]


def test_a_hedge_inside_a_longer_cue_names_the_cue():
    """Only the inserted word is evidence, and the explanation shows the whole hedge."""
    (f,) = found(
        "According to data from the administration, 12 people were injured in Odesa.",
        "According to preliminary data from the administration, 12 people were injured in Odesa.",
        "en",
    )
    assert f.kind is SOFTENED
    assert f.new is not None and f.new.text == "preliminary"
    assert "(in “According to preliminary data”)" in f.explanation


def test_magnitude_grows_with_the_size_of_the_change():
    """Confirmed to alleged weighs more than confirmed to reported (1 + 2·|Δc|)."""
    # Two sentences first: the lede's extra weight would clip both severities at 100.
    old = (
        "Rain fell all day. Roads were muddy. "
        "The ministry confirmed that its forces shot down the drones over the port."
    )
    small = only_certainty(old, old.replace("confirmed", "reported"), "en")
    large = only_certainty(old, old.replace("confirmed", "alleged"), "en")
    assert small[0].severity < large[0].severity


def test_hedge_added_and_verb_upgraded_are_two_findings():
    """'hit' -> 'reportedly destroyed' is raised on the intensity scale and hedged at once."""
    kinds = sorted(
        f.kind.value
        for f in found(
            "Russian forces hit the fuel depot near Luhansk.",
            "Russian forces reportedly destroyed the fuel depot near Luhansk.",
            "en",
        )
    )
    assert kinds == ["softened", "strengthened"]


def test_a_reporting_verb_replaced_with_its_source_is_still_certainty():
    """When the source and the verb change, the verb's commitment is reported here."""
    (f,) = found(
        "The General Staff said 12 drones were shot down over the Kursk region.",
        "Military bloggers claimed 12 drones were shot down over the Kursk region.",
        "en",
    )
    assert f.kind is SOFTENED
    assert f.new is not None and f.new.text == "claimed"


def test_unchanged_pairs_and_whole_sentences_give_nothing():
    """Identical texts, and sentences only added or removed, are not certainty changes."""
    text = "Russian forces reportedly shelled Kherson."
    assert found(text, text, "en") == []
    assert found("Units held the line.", "Units held the line. Strikes may resume.", "en") == []


def test_every_certainty_entry_parses():
    """Each line of certainty.txt is 'class score' with a known class and a score in [-1, 1]."""
    for entry, value in lexicon_map("certainty").items():
        category, _, score = value.partition(" ")
        assert category in {"hedge", "booster", "modal", "report"}, entry
        assert -1.0 <= float(score) <= 1.0, entry
    for entry, value in lexicon_map("intensity").items():
        scale, _, rank = value.partition(":")
        assert scale in {"strike", "casualty", "control", "quantity"}, entry
        assert rank.isdigit(), entry


def test_confirmed_before_its_noun_is_a_booster():
    """'12 confirmed deaths' names no source: the participle raises certainty by itself."""
    (f,) = found(
        "Health officials counted 12 deaths in the outbreak near Kherson.",
        "Health officials counted 12 confirmed deaths in the outbreak near Kherson.",
        "en",
    )
    assert f.kind is STRENGTHENED
    assert f.rule == "certainty.booster"
