"""entity_removed, entity_added and entity_replaced (revforensics.detect.entities)."""

from __future__ import annotations

import pytest

import revforensics as rf
from revforensics.compare import Comparer
from revforensics.detect import detect_entities
from revforensics.detect.entities import name_stem, same_name

ENTITY_KINDS = {"entity_removed", "entity_added", "entity_replaced"}


def entity_findings(old, new, lang):
    return [f for f in rf.compare(old, new, lang=lang).findings if f.kind.value in ENTITY_KINDS]


def only(old, new, lang):
    found = entity_findings(old, new, lang)
    assert len(found) == 1, [(f.kind.value, f.explanation) for f in found]
    return found[0]


# -- names and their spellings ------------------------------------------------------------

SAME = [
    (
        "Kursk",
        [
            "Курськ",
            "Курська",
            "Курській",
            "Курської",
            "Курщині",
            "Курщина",
            "Курск",
            "Курской",
            "Курске",
            "Kursk's",
        ],
    ),
    (
        "Kharkiv",
        [
            "Kharkov",
            "Харків",
            "Харкова",
            "Харкові",
            "Харьков",
            "Харківська",
            "Харківщина",
            "Харьковской",
        ],
    ),
    ("Kyiv", ["Kiev", "Київ", "Києва", "Києві", "Киев", "Киеве"]),
    ("Donetsk", ["Донецьк", "Донецк", "Донеччина", "Донеччині", "Донецька"]),
    ("Luhansk", ["Луганськ", "Луганск", "Луганщина", "Lugansk"]),
    ("Zaporizhzhia", ["Запоріжжя", "Запоріжжі", "Запорізька", "Zaporozhye"]),
    ("Sumy", ["Суми", "Сумах", "Сумы", "Сумщина", "Сумська"]),
    ("Ukraine", ["Україна", "України", "Украина", "Украины"]),
    ("Zelensky", ["Zelenskyy", "Зеленський", "Зеленский", "Зеленского"]),
    ("Belgorod", ["Бєлгород", "Белгород", "Бєлгородщина", "Белгородской"]),
    ("Vovchansk", ["Вовчанськ", "Волчанск"]),
    ("Mykolaiv", ["Миколаїв", "Николаев", "Nikolaev"]),
    ("Russia", ["Росія", "Россия", "России"]),
]
DIFFERENT = [
    ("Kursk", "Belgorod"),
    ("Kharkiv", "Kherson"),
    ("Pokrovsk", "Toretsk"),
    ("Sumy", "Sudzha"),
    ("Kursk", "Kurakhove"),
    ("Belaya", "Belgorod"),
    ("Russia", "Belarus"),
    ("Mariupol", "Melitopol"),
    ("Bakhmut", "Avdiivka"),
    ("Zelensky", "Zaluzhnyi"),
    ("Курська", "Бєлгородська"),
    ("Покровськ", "Торецьк"),
]


@pytest.mark.parametrize(("name", "forms"), SAME, ids=[s[0] for s in SAME])
def test_case_forms_and_transliterations_are_one_name(name, forms):
    """Case endings, -щина regions and Latin/Cyrillic transliterations name the same place."""
    assert [f for f in forms if not same_name(name, f)] == []


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_places_are_different_names(a, b):
    """Neighbouring places with similar spellings stay apart."""
    assert not same_name(a, b)


def test_name_stem_folds_case_and_script():
    """The stem is a Latin skeleton without the case ending."""
    assert {name_stem(w) for w in ("Курській", "Курщині", "Kursk", "Курской")} == {"kursk"}


# -- English ------------------------------------------------------------------------------


def test_en_replaced_belaya_by_kursk_region():
    """The design's example: one place for another in the same slot, with its type word."""
    f = only("Fighting continues near Belaya.", "Fighting continues in the Kursk region.", "en")
    assert f.kind.value == "entity_replaced"
    assert (f.old.text, f.new.text) == ("Belaya", "Kursk region")
    assert f.rule == "entity.replaced"
    assert "“Belaya”" in f.explanation and "“Kursk region”" in f.explanation


def test_en_replacement_claims_the_hunk():
    """The replaced names explain the change: no reworded fallback on top."""
    cmp = rf.compare(
        "Fighting continues near Belaya.", "Fighting continues in the Kursk region.", lang="en"
    )
    assert [f.kind.value for f in cmp.findings] == ["entity_replaced"]


def test_en_removed_town_has_a_caret_on_the_new_side():
    """A dropped town: the old span is the name, the new span an empty caret."""
    f = only(
        "Defence forces repelled assaults near Pokrovsk and Toretsk.",
        "Defence forces repelled assaults near Pokrovsk.",
        "en",
    )
    assert f.kind.value == "entity_removed"
    assert f.old.text == "Toretsk"
    assert f.new is not None and len(f.new) == 0
    assert [(e.kind, e.side) for e in f.evidence] == [("entity", "old")]


def test_en_added_official():
    """A named official replacing 'the governor' is an added name."""
    f = only(
        "The strikes hit Kharkiv, the governor said.",
        "The strikes hit Kharkiv, Governor Oleh Syniehubov said.",
        "en",
    )
    assert f.kind.value == "entity_added"
    assert "Oleh Syniehubov" in f.new.text


def test_en_unit_number_change_is_a_replaced_unit():
    """A unit designator is a name: the 47th brigade is not the 110th."""
    f = only(
        "The 47th Separate Mechanized Brigade repelled the attack.",
        "The 110th Separate Mechanized Brigade repelled the attack.",
        "en",
    )
    assert f.kind.value == "entity_replaced"
    assert f.old.text == "47th Separate Mechanized Brigade"
    assert "unit" in f.explanation


def test_en_places_weigh_more_than_other_names():
    """Places and units get the x1.2 magnitude; an organization does not."""
    place = only("Russian forces struck Kharkiv again.", "Russian forces struck Sumy again.", "en")
    org = only("Officials met NATO envoys again.", "Officials met EU envoys again.", "en")
    assert place.severity > org.severity


def test_en_names_with_the_same_initials_differ():
    """Initials only tie an acronym to its expansion: Kharkiv Oblast is not Kherson Oblast."""
    f = only(
        "Drones struck Kharkiv Oblast overnight.", "Drones struck Kherson Oblast overnight.", "en"
    )
    assert (f.kind.value, f.old.text, f.new.text) == (
        "entity_replaced",
        "Kharkiv Oblast",
        "Kherson Oblast",
    )


def test_en_a_reordered_list_is_a_removal_and_an_addition():
    """A list that lost one town and gained another at another place is no swap."""
    old = "Assaults were repelled near Lysivka, Myrnohrad, Novohrodivka and Selydove."
    new = "Assaults were repelled near Lysivka, Novohrodivka, Selydove and Hrodivka."
    kinds = sorted(
        (f.kind.value, (f.old.text if f.kind.value == "entity_removed" else f.new.text))
        for f in entity_findings(old, new, "en")
    )
    assert kinds == [("entity_added", "Hrodivka"), ("entity_removed", "Myrnohrad")]


def test_en_sentence_initial_known_place():
    """A well-known town opening a sentence is a name, though its capital proves nothing."""
    f = only(
        "Pokrovsk remains the most intense section.",
        "Toretsk remains the most intense section.",
        "en",
    )
    assert (f.kind.value, f.old.text, f.new.text) == ("entity_replaced", "Pokrovsk", "Toretsk")


def test_en_sentence_initial_name_known_from_the_document():
    """A capital at a sentence start counts when the word is capitalized mid-sentence elsewhere."""
    old = "Shelling was reported near Vilcha and Lyptsi. Vilcha remains without power."
    new = "Shelling was reported near Vilcha and Lyptsi. Lyptsi remains without power."
    f = only(old, new, "en")
    assert (f.kind.value, f.old.text, f.new.text) == ("entity_replaced", "Vilcha", "Lyptsi")


def test_en_whole_sentence_removed_is_left_to_the_assertion_detector():
    """Names inside a deleted sentence are not reported again."""
    old = "Fighting continues near Pokrovsk. Drones attacked Sumy and Kharkiv overnight."
    assert entity_findings(old, "Fighting continues near Pokrovsk.", "en") == []


def test_en_name_in_a_removed_clause_is_left_to_the_assertion_detector():
    """A clause cut from a kept sentence is an assertion_removed whose evidence holds the place."""
    old = "Units held the line and launched new offensive operations in the Kursk region."
    cmp = rf.compare(old, "Units held the line.", lang="en")
    assert [f.kind.value for f in cmp.findings] == ["assertion_removed"]


def test_en_a_dropped_unit_is_a_name_not_a_clause():
    """A run made of a name ("the 47th Mechanized Brigade and") is reported as the name."""
    old = "Soldiers of the 47th Mechanized Brigade and the 3rd Assault Brigade held the line."
    new = "Soldiers of the 3rd Assault Brigade held the line."
    f = only(old, new, "en")
    assert (f.kind.value, f.old.text) == ("entity_removed", "47th Mechanized Brigade")


EN_CONTROLS = [
    ("Shelling hit Kharkov overnight.", "Shelling hit Kharkiv overnight."),
    ("Drones attacked Kiev before dawn.", "Drones attacked Kyiv before dawn."),
    ("Fighting continues near Pokrovks.", "Fighting continues near Pokrovsk."),
    ("Fighting continues near Kursk.", "Clashes continue near Kursk."),
    ("fighting continues near Kursk.", "Fighting continues near Kursk."),
    ("**Kursk region**: shelling continued.", "Kursk region: shelling continued."),
    ("In Kharkiv, strikes damaged a school.", "Strikes damaged a school in Kharkiv."),
    ("Units of the Armed Forces of Ukraine entered Sudzha.", "Units of the AFU entered Sudzha."),
    ("The U.S. announced new aid.", "The US announced new aid."),
    ("Russian Forces Advance Near Kursk", "Russian Forces Advance Near Kursk Border"),
    ("The strike happened on Monday.", "The strike happened on Tuesday."),
    ("Zelensky said the situation was difficult.", "He said the situation was difficult."),
    (
        "The General Staff said drones were downed.",
        "The General Staff of the Armed Forces of Ukraine said drones were downed.",
    ),
    (
        "See 'Crime' on the 'Safety and security' page.",
        "See 'Terrorism' on the 'Safety and security' page.",
    ),
]


@pytest.mark.parametrize(("old", "new"), EN_CONTROLS)
def test_en_near_misses(old, new):
    """Transliterations, typo fixes, sentence-initial capitals, Markdown, moves, acronyms,
    title case, weekdays, pronouns and quoted page titles are not entity changes."""
    assert entity_findings(old, new, "en") == []


# -- Ukrainian ----------------------------------------------------------------------------


def test_uk_replaced_region_keeps_its_type_word():
    """Курська область -> Бєлгородська область at the start of a sentence."""
    f = only(
        "Курська область під обстрілом з ранку.",
        "Бєлгородська область під обстрілом з ранку.",
        "uk",
    )
    assert (f.kind.value, f.old.text, f.new.text) == (
        "entity_replaced",
        "Курська область",
        "Бєлгородська область",
    )
    assert "place" in f.explanation


def test_uk_removed_town():
    """A town dropped from a list of shelled places."""
    f = only("Окупанти обстріляли Херсон і Нікополь.", "Окупанти обстріляли Херсон.", "uk")
    assert (f.kind.value, f.old.text) == ("entity_removed", "Нікополь")


def test_uk_added_unit():
    """A unit named where none was: 24-ї бригади."""
    f = only(
        "Атаку відбили поблизу Часового Яру.",
        "Атаку відбили бійці 24-ї бригади поблизу Часового Яру.",
        "uk",
    )
    assert (f.kind.value, f.new.text) == ("entity_added", "24-ї бригади")


def test_uk_quoted_unit_name():
    """A unit name in «» quotes at the start of a sentence is a name."""
    f = only(
        "«Азов» утримує позиції біля Торецька.", "«Хартія» утримує позиції біля Торецька.", "uk"
    )
    assert (f.kind.value, f.old.text, f.new.text) == ("entity_replaced", "Азов", "Хартія")


UK_CONTROLS = [
    ("Бої точаться в Курській області.", "Бої точаться на території Курської області."),
    (
        "Генштаб ЗСУ повідомив про бої в Курській області.",
        "Генштаб ЗСУ повідомив про бої на Курщині.",
    ),
    ("Окупанти обстріляли Харків.", "Окупанти обстріляли Харьков."),
    ("Бої тривають біля Торецка.", "Бої тривають біля Торецька."),
    ("Ворог атакував Харків.", "Противник атакував Харків."),
    ("❗️Ворог атакував Харків.", "❗️Противник атакував Харків."),
    ("**Харківщина**: ворог атакував громади.", "Харківщина: ворог атакував громади."),
    ("Про це повідомили в штабі ЗСУ.", "Про це повідомили в штабі ВСУ."),
    ("Про це повідомив Генштаб ЗСУ.", "Про це повідомив Генштаб Збройних сил України."),
    ("Зеленський заявив, що ситуація складна.", "Він заявив, що ситуація складна."),
]


@pytest.mark.parametrize(("old", "new"), UK_CONTROLS)
def test_uk_near_misses(old, new):
    """Case forms, Курщина for Курська область, Russian spellings, a one-letter fix,
    sentence-initial words, Markdown, ЗСУ/ВСУ and ЗСУ spelled out are not entity changes."""
    assert entity_findings(old, new, "uk") == []


# -- Russian ------------------------------------------------------------------------------


def test_ru_replaced_belaya_by_kursk_region():
    """Белая -> Курская область: a settlement replaced by a region."""
    f = only("Бои идут у Белой.", "Бои идут в Курской области.", "ru")
    assert (f.kind.value, f.old.text, f.new.text) == ("entity_replaced", "Белой", "Курской области")


def test_ru_removed_organization():
    """НАТО dropped from a meeting's participants."""
    f = only(
        "Встреча прошла с представителями НАТО и ЕС.", "Встреча прошла с представителями ЕС.", "ru"
    )
    assert (f.kind.value, f.old.text) == ("entity_removed", "НАТО")


def test_ru_added_town():
    """A second town added to a list."""
    f = only("Атаки отбиты под Покровском.", "Атаки отбиты под Покровском и Торецком.", "ru")
    assert (f.kind.value, f.new.text) == ("entity_added", "Торецком")


RU_CONTROLS = [
    ("По данным ЗСУ, атаки отбиты.", "По данным ВСУ, атаки отбиты."),
    (
        "Обстрелы продолжаются в Курской области.",
        "Обстрелы продолжаются на территории Курской области.",
    ),
    ("Удар нанесли по Белгородской области.", "Удар нанесли по Белгородщине."),
    ("Бои идут у Волчанска.", "Бои идут у Вовчанска."),
    ("Противник атаковал Харьков.", "Враг атаковал Харьков."),
    ("**Курская область**: обстрелы продолжаются.", "Курская область: обстрелы продолжаются."),
    ("Об этом сообщили в Минобороны.", "Об этом сообщили в Министерстве обороны."),
]


@pytest.mark.parametrize(("old", "new"), RU_CONTROLS)
def test_ru_near_misses(old, new):
    """ЗСУ/ВСУ, case forms, Белгородщина, Ukrainian spellings, sentence-initial words,
    Markdown and a syllable abbreviation are not entity changes."""
    assert entity_findings(old, new, "ru") == []


# -- the detector alone -------------------------------------------------------------------


def test_detector_is_deterministic_and_pure():
    """Running the detector twice on the same texts gives the same findings."""
    comparer = Comparer(detectors=(detect_entities,))
    runs = [
        comparer.compare(
            "Strikes hit Kharkiv and Sumy.", "Strikes hit Kharkiv and Poltava."
        ).findings
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert [f.kind.value for f in runs[0]] == ["entity_replaced"]
