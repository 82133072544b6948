"""qualifier_removed and qualifier_added (revforensics.detect.qualifiers)."""

from __future__ import annotations

import pytest

import revforensics as rf
from revforensics.compare import Comparer
from revforensics.detect import detect_qualifiers
from revforensics.detect.qualifiers import qualifier_entry

QUALIFIER_KINDS = {"qualifier_removed", "qualifier_added"}


def qualifier_findings(old, new, lang):
    return [f for f in rf.compare(old, new, lang=lang).findings if f.kind.value in QUALIFIER_KINDS]


def only(old, new, lang):
    found = qualifier_findings(old, new, lang)
    assert len(found) == 1, [(f.kind.value, f.explanation) for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("key", "entry"),
    [
        ("massive", "massive"),
        ("high-precision", "high-precision"),
        ("нові", "нов*"),
        ("нових", "нов*"),
        ("новыми", "нов*"),
        ("наступальні", "наступальн*"),
        ("массированные", "массированн*"),
        ("додатково", None),
        ("успешно", None),
        ("новини", None),
        ("новость", None),
        ("operations", None),
    ],
)
def test_lexicon_entries_match_adjective_forms_only(key, entry):
    """Stems match every adjective ending, never an adverb or another word on the same stem."""
    assert qualifier_entry(key) == entry


# -- English ------------------------------------------------------------------------------


def test_en_seed_new_offensive_operations():
    """The seed wording: both qualifiers are evidence, the head noun is kept."""
    f = only(
        "Ukrainian units launched new offensive operations in the Kursk region.",
        "Ukrainian units launched operations in the Kursk region.",
        "en",
    )
    assert f.kind.value == "qualifier_removed"
    assert f.rule == "qualifier.removed"
    assert f.old.text == "new offensive"
    assert f.new is not None and len(f.new) == 0
    notes = [(e.kind, e.span.text, e.note) for e in f.evidence]
    assert ("qualifier", "new", "new") in notes
    assert ("qualifier", "offensive", "offensive") in notes
    assert ("head", "operations", "kept") in notes
    assert f.explanation == "The qualifiers “new” and “offensive” were removed from “operations”."


def test_en_added_massive():
    """A qualifier inserted before a kept noun."""
    f = only(
        "The enemy launched strikes on Kharkiv.",
        "The enemy launched massive strikes on Kharkiv.",
        "en",
    )
    assert (f.kind.value, f.new.text) == ("qualifier_added", "massive")
    assert f.explanation == "The qualifier “massive” was added to “strikes”."


def test_en_magnitude_grows_with_the_number_of_qualifiers():
    """Two qualifiers weigh more than one."""
    one = only("Units launched new operations.", "Units launched operations.", "en")
    two = only("Units launched new offensive operations.", "Units launched operations.", "en")
    assert two.severity > one.severity


def test_en_sentence_initial_qualifier():
    """A capitalized qualifier that opens the sentence is still a qualifier."""
    f = only("Heavy fighting continues near Toretsk.", "Fighting continues near Toretsk.", "en")
    assert (f.kind.value, f.old.text) == ("qualifier_removed", "Heavy")


def test_en_qualifier_can_head_a_qualifier():
    """'a large-scale offensive': the noun 'offensive' is also a lexicon word."""
    f = only(
        "Russia is preparing an offensive.", "Russia is preparing a large-scale offensive.", "en"
    )
    assert (f.kind.value, f.new.text) == ("qualifier_added", "large-scale")


EN_CONTROLS = [
    ("Russia launched massive strikes.", "Russia launched strikes that were massive."),
    ("Massive strikes hit Kharkiv overnight.", "Heavy strikes hit Kharkiv overnight."),
    (
        "Fighting continues. Russia launched new offensive operations in the Kursk region.",
        "Fighting continues.",
    ),
    (
        "Units held the line and launched new offensive operations in the Kursk region.",
        "Units held the line.",
    ),
    ("Russia targeted energy infrastructure.", "Russia struck energy infrastructure."),
    ("The damage was heavy.", "The damage was limited."),
    ("Talks are planned in New York.", "Talks are planned in York."),
    ("Ukraine needs additional air defence systems.", "Ukraine needs more air defence systems."),
    ("Nothing new was reported.", "Nothing was reported."),
]


@pytest.mark.parametrize(("old", "new"), EN_CONTROLS)
def test_en_near_misses(old, new):
    """A moved or swapped qualifier, one in a deleted sentence or clause, a verb, a
    predicate adjective, New in a name and a qualifier without a head are not findings."""
    assert qualifier_findings(old, new, "en") == []


# -- Ukrainian ----------------------------------------------------------------------------


def test_uk_seed_nowi_nastupalni():
    """нові наступальні дії -> дії: two inflected qualifiers removed."""
    f = only(
        "ЗСУ розпочали нові наступальні дії в Курській області.",
        "ЗСУ розпочали дії в Курській області.",
        "uk",
    )
    assert (f.kind.value, f.old.text) == ("qualifier_removed", "нові наступальні")
    assert [e.note for e in f.evidence if e.kind == "qualifier"] == ["нов*", "наступальн*"]


def test_uk_added_genitive_plural():
    """масованих ударів: a qualifier in the genitive plural is matched by its stem."""
    f = only("Ворог завдав ударів по Харкову.", "Ворог завдав масованих ударів по Харкову.", "uk")
    assert (f.kind.value, f.new.text) == ("qualifier_added", "масованих")


UK_CONTROLS = [
    ("Ворог готує нові удари по енергетиці.", "Ворог готується до нових ударів по енергетиці."),
    ("Ворог завдав масованого удару по Києву.", "Удар по Києву був масованим."),
    ("Бої тривають. Ворог розпочав нові наступальні дії на Курщині.", "Бої тривають."),
    (
        "Підрозділи утримують позиції та розпочали нові наступальні дії в Курській області.",
        "Підрозділи утримують позиції.",
    ),
    ("Ворог додатково обстріляв Нікополь.", "Ворог обстріляв Нікополь."),
    ("Масовані удари по Харкову тривають.", "Потужні удари по Харкову тривають."),
]


@pytest.mark.parametrize(("old", "new"), UK_CONTROLS)
def test_uk_near_misses(old, new):
    """Another case form (нові, нових), a move, a deleted sentence or clause, the adverb
    додатково and a swapped qualifier are not findings."""
    assert qualifier_findings(old, new, "uk") == []


# -- Russian ------------------------------------------------------------------------------


def test_ru_removed_massirovanny():
    """массированный удар -> удар."""
    f = only(
        "Противник нанес массированный удар по энергетике.",
        "Противник нанес удар по энергетике.",
        "ru",
    )
    assert (f.kind.value, f.old.text) == ("qualifier_removed", "массированный")


def test_ru_added_two_qualifiers():
    """новые наступательные действия: two qualifiers added in one finding."""
    f = only(
        "Подразделения продолжают действия в Курской области.",
        "Подразделения продолжают новые наступательные действия в Курской области.",
        "ru",
    )
    assert (f.kind.value, f.new.text) == ("qualifier_added", "новые наступательные")


RU_CONTROLS = [
    ("Враг готовит новые удары по энергетике.", "Враг готовится к новым ударам по энергетике."),
    ("Противник нанес массированный удар по Киеву.", "Удар по Киеву был массированным."),
    (
        "Бои продолжаются. Противник начал новые наступательные действия в Курской области.",
        "Бои продолжаются.",
    ),
    (
        "Подразделения удерживают позиции и начали новые наступательные действия в Курской области.",
        "Подразделения удерживают позиции.",
    ),
    ("Противник дополнительно обстрелял Никополь.", "Противник обстрелял Никополь."),
    ("Массированные удары по Харькову продолжаются.", "Мощные удары по Харькову продолжаются."),
]


@pytest.mark.parametrize(("old", "new"), RU_CONTROLS)
def test_ru_near_misses(old, new):
    """Another case form (новые, новым), a move, a deleted sentence or clause, the adverb
    дополнительно and a swapped qualifier are not findings."""
    assert qualifier_findings(old, new, "ru") == []


def test_detector_alone_is_deterministic():
    """The detector runs on its own and gives the same findings twice."""
    comparer = Comparer(detectors=(detect_qualifiers,))
    runs = [
        comparer.compare("Massive strikes hit Sumy.", "Strikes hit Sumy.").findings
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert [f.kind.value for f in runs[0]] == ["qualifier_removed"]
