"""The ``reattributed`` detector: sources that changed, attributions that came or went."""

from __future__ import annotations

import pytest

import revforensics as rf
from revforensics.detect.attribution import _stem
from revforensics.findings import FindingKind
from revforensics.lexicon import lexicon_map

KIND = FindingKind.REATTRIBUTED


def found(old: str, new: str, lang: str) -> list[rf.Finding]:
    return [f for f in rf.compare(old, new, lang=lang).findings if f.kind is KIND]


# -- a source replaced by another -------------------------------------------------------------

SOURCE_CHANGED = [
    (
        "en",
        "The General Staff said 12 drones were shot down over the Kursk region.",
        "Military bloggers claimed 12 drones were shot down over the Kursk region.",
        "General Staff",
        "Military bloggers",
    ),
    (
        "en",
        "According to the ministry, the convoy reached Kherson on Tuesday.",
        "According to local media, the convoy reached Kherson on Tuesday.",
        "ministry",
        "local media",
    ),
    (
        "en",
        "Two people were injured in the shelling of Kherson, the police said.",
        "Two people were injured in the shelling of Kherson, witnesses said.",
        "police",
        "witnesses",
    ),
    (
        "uk",
        "За даними Генштабу, ворог втратив 12 танків за минулу добу.",
        "За даними джерел, ворог втратив 12 танків за минулу добу.",
        "Генштабу",
        "джерел",
    ),
    (
        "uk",
        "Ворог втратив 12 танків, повідомив Генштаб ЗСУ.",
        "Ворог втратив 12 танків, повідомили російські військові блогери.",
        "Генштаб ЗСУ",
        "російські військові блогери",
    ),
    (
        "ru",
        "По данным Минобороны, противник потерял 12 танков за сутки.",
        "По словам местных жителей, противник потерял 12 танков за сутки.",
        "Минобороны",
        "местных жителей",
    ),
    (
        "ru",
        "Об этом сообщили в Минобороны России.",
        "Об этом сообщили в российских телеграм-каналах.",
        "Минобороны России",
        "российских телеграм-каналах",
    ),
]


@pytest.mark.parametrize(("lang", "old", "new", "was", "now"), SOURCE_CHANGED)
def test_a_changed_source_is_reported_with_both_source_spans(lang, old, new, was, now):
    """A claim credited to another source is ``reattributed``; its spans are the two sources."""
    [finding] = found(old, new, lang)
    assert finding.rule == "attribution.source_changed"
    assert finding.old.text == was
    assert finding.new.text == now
    assert was in finding.explanation and now in finding.explanation
    kinds = {(e.kind, e.side) for e in finding.evidence}
    assert {("cue", "old"), ("cue", "new"), ("source", "old"), ("source", "new")} <= kinds


def test_spans_index_the_original_text():
    """Source spans point into the original, un-normalized text."""
    old = "Kyiv\u00a0—\u00a0According to the ministry, 12 drones were shot down."
    new = "Kyiv\u00a0—\u00a0According to local media, 12 drones were shot down."
    [finding] = found(old, new, "en")
    assert old[finding.old.start : finding.old.end] == "ministry"
    assert new[finding.new.start : finding.new.end] == "local media"


def test_severity_grows_with_the_drop_in_commitment():
    """Magnitude is 1 + |Δ commitment|: bloggers vouch for less than local media do."""
    body = " Units held their positions. The front is stable."
    official = "According to the ministry, 12 drones were shot down."
    media = "According to local media, 12 drones were shot down."
    bloggers = "According to military bloggers, 12 drones were shot down."
    lede = "Statement.\n\n"
    [to_media] = found(lede + "x." + body + " " + official, lede + "x." + body + " " + media, "en")
    [to_bloggers] = found(
        lede + "x." + body + " " + official, lede + "x." + body + " " + bloggers, "en"
    )
    assert 70 <= to_media.severity < to_bloggers.severity


# -- attributions that came or went -----------------------------------------------------------

ADDED_OR_REMOVED = [
    (
        "en",
        "Ukrainian forces advanced two kilometres near Robotyne on Sunday.",
        "Russian military bloggers claimed that Ukrainian forces advanced two kilometres near Robotyne on Sunday.",
        "attribution.added",
        "bloggers claimed",
    ),
    (
        "en",
        "The regional governor said a school was damaged in the strike on Monday.",
        "A school was damaged in the strike on Monday.",
        "attribution.removed",
        "governor said",
    ),
    (
        "uk",
        "Ворог втратив 12 танків за минулу добу.",
        "Як стверджують російські блогери, ворог втратив 12 танків за минулу добу.",
        "attribution.added",
        "блогери",
    ),
    (
        "uk",
        "За словами очевидців, ракета влучила в житловий будинок у Харкові.",
        "Ракета влучила в житловий будинок у Харкові.",
        "attribution.removed",
        "очевидців",
    ),
    (
        "ru",
        "Как сообщили в полиции, в результате обстрела погибли два человека.",
        "В результате обстрела погибли два человека.",
        "attribution.removed",
        "полиции",
    ),
    (
        "ru",
        "Украинские войска продвинулись на два километра у Работино.",
        "Как утверждают российские блогеры, украинские войска продвинулись на два километра у Работино.",
        "attribution.added",
        "блогеры",
    ),
]


@pytest.mark.parametrize(("lang", "old", "new", "rule", "words"), ADDED_OR_REMOVED)
def test_an_attribution_that_came_or_went_is_reported(lang, old, new, rule, words):
    """A kept claim that gains or loses its attribution is ``reattributed``, with a caret."""
    [finding] = found(old, new, lang)
    assert finding.rule == rule
    changed, caret = (
        (finding.new, finding.old) if rule.endswith("added") else (finding.old, finding.new)
    )
    assert words in changed.text
    assert len(caret) == 0


@pytest.mark.parametrize(
    ("lang", "old", "new", "was"),
    [
        (
            "en",
            "According to the Defence Ministry, 30 missiles were launched at Kyiv overnight.",
            "Reportedly, 30 missiles were launched at Kyiv overnight.",
            "Defence Ministry",
        ),
        (
            "uk",
            "За даними Генштабу, росіяни втратили 1200 осіб за добу.",
            "За попередніми даними, росіяни втратили 1200 осіб за добу.",
            "Генштабу",
        ),
        (
            "ru",
            "По данным Генштаба, противник потерял 12 танков.",
            "По предварительным данным, противник потерял 12 танков.",
            "Генштаба",
        ),
    ],
)
def test_a_named_source_replaced_by_an_agentless_cue(lang, old, new, was):
    """ "according to the ministry" to "reportedly" drops the source: ``source_removed``."""
    [finding] = found(old, new, lang)
    assert finding.rule == "attribution.source_removed"
    assert finding.old.text == was
    assert "no named source" in finding.explanation


def test_an_agentless_cue_replaced_by_a_named_source():
    """ "reportedly" to "according to bloggers" names a source: ``source_added``."""
    [finding] = found(
        "Reportedly, 30 missiles were launched at Kyiv overnight.",
        "According to military bloggers, 30 missiles were launched at Kyiv overnight.",
        "en",
    )
    assert finding.rule == "attribution.source_added"
    assert finding.new.text == "military bloggers"


# -- near misses ------------------------------------------------------------------------------

CONTROLS = [
    # Only the reporting verb's strength changes: the certainty detector's business.
    (
        "en",
        "The General Staff said 12 drones were shot down.",
        "The General Staff claimed 12 drones were shot down.",
    ),
    (
        "uk",
        "Генштаб повідомляє, що ворог втратив 12 танків.",
        "Генштаб стверджує, що ворог втратив 12 танків.",
    ),
    (
        "ru",
        "Минобороны сообщило, что противник потерял 12 танков.",
        "Минобороны утверждает, что противник потерял 12 танков.",
    ),
    # The same source in another case form or with another cue.
    (
        "uk",
        "Генштаб повідомив, що ворог втратив 12 танків.",
        "За даними Генштабу, ворог втратив 12 танків.",
    ),
    (
        "ru",
        "Генштаб сообщил, что противник потерял 12 танков.",
        "По данным Генштаба, противник потерял 12 танков.",
    ),
    (
        "en",
        "According to the ministry, 12 drones were shot down.",
        "The ministry said 12 drones were shot down.",
    ),
    # The same source spelled out or aliased.
    (
        "en",
        "The General Staff said 12 drones were shot down.",
        "The General Staff of the Armed Forces of Ukraine said 12 drones were shot down.",
    ),
    (
        "uk",
        "Генштаб ЗСУ повідомив, що ворог втратив 12 танків.",
        "Генеральний штаб ЗСУ повідомив, що ворог втратив 12 танків.",
    ),
    ("uk", "Про це повідомив Генштаб ЗСУ.", "Про це повідомив Генштаб Збройних сил України."),
    ("ru", "Об этом сообщили в Минобороны.", "Об этом сообщили в Министерстве обороны."),
    (
        "uk",
        "Ворог атакував Харків, заявив мер Терехов.",
        "Ворог атакував Харків, заявив мер міста Терехов.",
    ),
    (
        "en",
        "The General Staff said 12 drones were shot down.",
        "The General Staff and the Air Force said 12 drones were shot down.",
    ),
    # The claim reworded under the same attribution.
    (
        "en",
        "According to the ministry, 12 drones were shot down over the Kursk region.",
        "According to the ministry, 15 drones were destroyed over the Kursk region.",
    ),
    (
        "uk",
        "За даними Генштабу, ворог втратив 12 танків.",
        "За даними Генштабу, ворог втратив 15 танків.",
    ),
    (
        "ru",
        "Россия заявила, что сбила 12 дронов.",
        "Россия заявила, что сбила 15 дронов над Белгородом.",
    ),
    # A name becomes a pronoun: the speaker may well be the same.
    (
        "en",
        "Zelensky said the troops would hold the line.",
        "He said the troops would hold the line.",
    ),
    ("uk", "Ворог втратив 12 танків, заявив Зеленський.", "Ворог втратив 12 танків, заявив він."),
    (
        "ru",
        "Противник потерял 12 танков, заявил Сырский.",
        "Противник потерял 12 танков, заявил он.",
    ),
    # The attribution moves within the sentence.
    (
        "en",
        "The ministry said 12 drones were downed over Belgorod.",
        "12 drones were downed over Belgorod, the ministry said.",
    ),
    (
        "ru",
        "По данным Генштаба, противник потерял 12 танков.",
        "Противник потерял 12 танков, сообщил Генштаб.",
    ),
    # A cosmetic change of the source.
    (
        "en",
        "The General Staff said 12 drones were shot down.",
        "The general staff said 12 drones were shot down.",
    ),
    # "reported" as a participle has no subject to compare.
    (
        "en",
        "12 drones were reported downed near Kursk.",
        "15 drones were reported downed near Kursk.",
    ),
    # A phrase that names no speaker is no source: "preliminary data", "estimates".
    (
        "en",
        "According to data from the regional administration, 12 people were injured.",
        "According to preliminary data from the regional administration, 12 people were injured.",
    ),
    (
        "en",
        "According to preliminary data, 14 people were injured.",
        "According to preliminary estimates, 14 people were injured.",
    ),
    # Cue words that are not reporting here: a name, a set phrase, a theorem.
    (
        "en",
        "Antigua may ignore United States copyright law.",
        "Antigua may now ignore United States copyright law.",
    ),
    (
        "en",
        "Having said that, the ministry expects 12 flights.",
        "Having said that, the ministry expects 15 flights.",
    ),
    (
        "en",
        "In short, according to the Radon-Nikodym theorem, a density exists.",
        "In short, a density exists.",
    ),
]


@pytest.mark.parametrize(("lang", "old", "new"), CONTROLS)
def test_near_misses_are_not_reattributions(lang, old, new):
    """Verb strength, case forms, aliases, pronouns, moves and claim edits never fire."""
    assert found(old, new, lang) == []


def test_a_removed_sentence_is_left_to_the_assertion_detector():
    """A deleted sentence with an attribution is an assertion, not a reattribution."""
    old = "Units held the line. The ministry said 12 drones were downed."
    assert found(old, "Units held the line.", "en") == []


def test_a_rewritten_sentence_is_not_an_attribution_removed():
    """When the claim is rewritten too, dropping its attribution is not reported here."""
    assert (
        found(
            "The ministry said 12 drones were downed over Belgorod on Monday.",
            "Air defence worked over Belgorod on Monday.",
            "en",
        )
        == []
    )


# -- lexicons ---------------------------------------------------------------------------------


def test_stems_fold_case_forms():
    """Case forms of one source share a stem; different sources do not."""
    assert _stem("генштаб") == _stem("генштабу") == _stem("генштабом") == _stem("генштабі")
    assert _stem("блогери") == _stem("блогерів")
    assert _stem("bloggers") == _stem("blogger")
    assert _stem("генштаб") != _stem("джерел")


def test_every_reporting_cue_has_a_known_level_and_slot():
    """Each reporting-verb line names a commitment level and, optionally, a slot."""
    from revforensics.detect.attribution import LEVEL_WEIGHT

    for entry, value in lexicon_map("reporting_verbs").items():
        level, _, slot = value.partition(" ")
        assert level in LEVEL_WEIGHT, entry
        assert slot in {"", "after", "none", "inner"}, entry


def test_every_source_has_a_known_class():
    """Each source line names a class the detector ranks, or mod, doc, place or country."""
    from revforensics.detect.attribution import CLASS_CAP

    for entry, value in lexicon_map("sources").items():
        klass = value.split(" ")[0]
        assert klass in {*CLASS_CAP, "mod", "doc", "place", "country"}, entry
