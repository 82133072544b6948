"""The ``negation_flipped`` detector: polarity reversed by a negator added or removed."""

from __future__ import annotations

import pytest

import revforensics as rf
from revforensics.findings import FindingKind
from revforensics.lexicon import lexicon_map

KIND = FindingKind.NEGATION_FLIPPED


def found(old: str, new: str, lang: str) -> list[rf.Finding]:
    return [f for f in rf.compare(old, new, lang=lang).findings if f.kind is KIND]


# -- positives: (lang, old, new, the negator, the side it is on) -------------------------------

POSITIVES = [
    (
        "en",
        "In the Pokrovsk direction, Russian troops did not advance near Myrnohrad.",
        "In the Pokrovsk direction, Russian troops advanced near Myrnohrad.",
        "not",
        "old",
    ),
    (
        "en",
        "The Defence Forces have embarked on new offensive operations in the Kursk region.",
        "The Defence Forces have not embarked on new offensive operations in the Kursk region.",
        "not",
        "new",
    ),
    (
        "en",
        "There were casualties among civilians after the overnight strike on Sumy.",
        "There were no casualties among civilians after the overnight strike on Sumy.",
        "no",
        "new",
    ),
    (
        "en",
        "The evacuation train departed from Pokrovsk on schedule this morning.",
        "The evacuation train didn't depart from Pokrovsk on schedule this morning.",
        "didn't",
        "new",
    ),
    (
        "en",
        "Russian forces captured the bridgehead near Krynky after repeated assaults.",
        "Russian forces failed to capture the bridgehead near Krynky after repeated assaults.",
        "failed to",
        "new",
    ),
    (
        "en",
        "The ministry confirmed that its aircraft had entered Polish airspace on Saturday.",
        "The ministry denied that its aircraft had entered Polish airspace on Saturday.",
        "denied that",
        "new",
    ),
    (
        "uk",
        "На Покровському напрямку російські війська просувалися біля Мирнограда.",
        "На Покровському напрямку російські війська не просувалися біля Мирнограда.",
        "не",
        "new",
    ),
    (
        "uk",
        "Після нічного обстрілу Херсона є загиблі серед цивільного населення.",
        "Після нічного обстрілу Херсона немає загиблих серед цивільного населення.",
        "немає",
        "new",
    ),
    (
        "uk",
        "Колона прибула до Куп'янська з важкими втратами, повідомили у бригаді.",
        "Колона прибула до Куп'янська без важких втрат, повідомили у бригаді.",
        "без",
        "new",
    ),
    (
        "uk",
        "Внаслідок нічної атаки дронів на Київ ніхто з мешканців не постраждав, повідомили у КМВА.",
        "Внаслідок нічної атаки дронів на Київ двоє мешканців постраждали, повідомили у КМВА.",
        "не",
        "old",
    ),
    (
        "ru",
        "Подразделения бригады не выполнили боевую задачу на Покровском направлении.",
        "Подразделения бригады выполнили боевую задачу на Покровском направлении.",
        "не",
        "old",
    ),
    (
        "ru",
        "После ночного обстрела Донецка есть погибшие среди мирного населения.",
        "После ночного обстрела Донецка нет погибших среди мирного населения.",
        "нет",
        "new",
    ),
    (
        "ru",
        "Министерство обороны подтвердило удар по аэродрому в Крыму в ночь на субботу.",
        "Министерство обороны опровергло удар по аэродрому в Крыму в ночь на субботу.",
        "опровергло",
        "new",
    ),
]


@pytest.mark.parametrize(
    ("lang", "old", "new", "negator", "side"),
    POSITIVES,
    ids=[f"{p[0]}-{p[3]}-{p[4]}" for p in POSITIVES],
)
def test_a_negator_added_or_removed_flips_polarity(lang, old, new, negator, side):
    """The negator is the evidence on its side, with an empty caret on the other side."""
    findings = found(old, new, lang)
    assert len(findings) == 1
    f = findings[0]
    assert f.old is not None and f.new is not None
    mine, other = (f.old, f.new) if side == "old" else (f.new, f.old)
    assert mine.text.endswith(negator)  # "ніхто … не": the n-word and the particle
    assert len(other) == 0
    text = old if side == "old" else new
    assert text[mine.start : mine.end] == mine.text
    assert any(e.kind == "negator" and e.span.text == negator for e in f.evidence)
    assert f.rule == f"negation.negator_{'removed' if side == 'old' else 'added'}"
    assert f.explanation.startswith("Polarity reversed:")


# -- near misses: (lang, old, new) -------------------------------------------------------------

CONTROLS = [
    (
        "en",
        "Ukrainian units advanced near Robotyne during the past day.",
        "Ukrainian units not only advanced near Robotyne during the past day but also dug in.",
    ),
    (
        "en",
        "The strike on the hospital in Kyiv was carried out by Russian aviation.",
        "There is no doubt the strike on the hospital in Kyiv was carried out by Russian aviation.",
    ),
    (
        "en",
        "Food prices rose across the region, due to the blockade of the ports.",
        "Food prices rose across the region, not least due to the blockade of the ports.",
    ),
    (
        "en",
        "The convoy did not reach Kupiansk on Monday because of shelling.",
        "The convoy didn't reach Kupiansk on Monday because of shelling.",
    ),
    (
        "en",
        "The ministry has never confirmed the losses of the brigade near Avdiivka.",
        "The ministry has not confirmed the losses of the brigade near Avdiivka.",
    ),
    (
        "en",
        "Ukrainian units advanced near Robotyne during the past day.",
        "Ukrainian units advanced near Robotyne during the past day, but no details were given.",
    ),
    (
        "en",
        "Resolution 5 of the Cabinet of Ministers on the curfew enters into force today.",
        "Resolution No. 5 of the Cabinet of Ministers on the curfew enters into force today.",
    ),
    (
        "en",
        "The command said the brigade did not fail to respond to the attack on its positions.",
        "The command said the brigade responded to the attack on its positions.",
    ),
    (
        "uk",
        "Росія готує новий наступ на Харківщину найближчими тижнями.",
        "Не виключено, що Росія готує новий наступ на Харківщину найближчими тижнями.",
    ),
    (
        "uk",
        "Під час атаки на Одесу поранено 15 людей, серед них троє дітей.",
        "Під час атаки на Одесу поранено не менше 15 людей, серед них троє дітей.",
    ),
    (
        "uk",
        "На околиці села розвідники виявили велику групу диверсантів противника.",
        "На околиці села розвідники виявили невелику групу диверсантів противника.",
    ),
    (
        "uk",
        "Ми захищатимемо Харків до кінця, заявив командувач угруповання.",
        "Що б не сталося, ми захищатимемо Харків до кінця, заявив командувач угруповання.",
    ),
    (
        "uk",
        "Під час обстрілу Херсона не постраждав жоден із цивільних, повідомила ОВА.",
        "Під час обстрілу Херсона ніхто з цивільних не постраждав, повідомила ОВА.",
    ),
    (
        "uk",
        "Ми не можемо не відповісти на черговий удар по цивільній інфраструктурі Одеси.",
        "Ми відповімо на черговий удар по цивільній інфраструктурі Одеси.",
    ),
    (
        "ru",
        "Противник готовит новое наступление на Харьковском направлении.",
        "Не исключено, что противник готовит новое наступление на Харьковском направлении.",
    ),
    (
        "ru",
        "При атаке на Одессу ранены 15 человек, среди них трое детей.",
        "При атаке на Одессу ранены не менее 15 человек, среди них трое детей.",
    ),
    (
        "ru",
        "В районе села разведчики обнаружили крупную группу диверсантов противника.",
        "В районе села разведчики обнаружили небольшую группу диверсантов противника.",
    ),
    (
        "ru",
        "Мы будем защищать Харьков до конца, заявил командующий группировкой.",
        "Что бы ни случилось, мы будем защищать Харьков до конца, заявил командующий группировкой.",
    ),
    (
        "ru",
        "Необходимо признать успехи противника на Покровском направлении за неделю.",
        "Нельзя не признать успехи противника на Покровском направлении за неделю.",
    ),
    (
        "ru",
        "Подразделения удерживают позиции у Часов Яра в течение суток.",
        "Подразделения удерживают позиции у Часов Яра в течение суток, но не получили подкрепления.",
    ),
]


@pytest.mark.parametrize(("lang", "old", "new"), CONTROLS, ids=[c[2][:40] for c in CONTROLS])
def test_pseudo_negations_and_kept_polarity_do_not_fire(lang, old, new):
    """Pseudo-negations, fused prefixes, concessives, concord, double negation, re-spelled or
    swapped negators and negators in added clauses never count as a polarity flip."""
    assert found(old, new, lang) == []


# -- rules --------------------------------------------------------------------------------------


def test_explanation_quotes_the_clause():
    """The explanation names the negator and the clause it governs."""
    (f,) = found("Troops did not advance near Bakhmut.", "Troops advanced near Bakhmut.", "en")
    assert f.explanation == (
        "Polarity reversed: “not” was removed from “Troops did not advance near Bakhmut”."
    )
    kinds = [(e.kind, e.side) for e in f.evidence]
    assert ("negator", "old") in kinds
    assert ("context", "old") in kinds


def test_negation_ranks_first():
    """A flipped claim is critical and outranks the other findings of the comparison."""
    cmp = rf.compare(
        "Rain fell all day. Troops did not advance near Bakhmut. Roads were muddy.",
        "Rain fell all day. Troops advanced near Bakhmut. Roads were muddy.",
        lang="en",
    )
    assert cmp.findings[0].kind is KIND
    assert cmp.findings[0].level.value == "critical"


def test_a_fused_prefix_never_matches():
    """Prefixes fused into a word (небольшой, невеликий, unconfirmed) are not triggers."""
    assert (
        found(
            "Обстріл завдав великих збитків інфраструктурі міста вночі.",
            "Обстріл завдав невеликих збитків інфраструктурі міста вночі.",
            "uk",
        )
        == []
    )


def test_a_garbled_contraction_is_not_a_removed_negator():
    """don’t read back as donâ€™t (UTF-8 taken for Latin-1) keeps its polarity."""
    assert (
        found(
            "If you encounter flood waters, turn around, don’t drown.",
            "If you encounter flood waters, turn around, donâ\x80\x99t drown.",
            "en",
        )
        == []
    )


def test_every_negator_has_a_known_type():
    """Each line of negators.txt names one of the trigger types the detector knows."""
    kinds = {"particle", "determiner", "existential", "nword", "implicative", "denial"}
    for entry, value in lexicon_map("negators").items():
        assert value in kinds, entry
