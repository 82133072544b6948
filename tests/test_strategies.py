"""revforensics.strategies: generated statements, known edits and their oracle."""

import random
import sys

import pytest
from hypothesis import given

import revforensics as rf
from revforensics.strategies import (
    EDITS,
    MEANING_EDITS,
    ExpectedEdit,
    Oracle,
    random_revision,
    random_statement,
    revisions,
    statements,
)


def test_same_seed_same_statement_and_revision():
    """The random.Random drivers are reproducible, for benchmarks."""
    first = random_statement(random.Random(5), "ru")
    assert first == random_statement(random.Random(5), "ru")
    assert random_revision(random.Random(9), first, ["negate"]) == random_revision(
        random.Random(9), first, ["negate"]
    )


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
def test_statements_read_like_communiques(lang):
    """A dated report opens the statement; every template appears from four sentences on."""
    statement = random_statement(random.Random(1), lang, min_sentences=4, max_sentences=4)
    slots = {p.slot for sentence in statement.sentences for p in sentence}
    assert {"date", "source", "report", "event", "number", "place", "quote"} <= slots
    assert statement.sentences[0][0].slot in {"date", "text"}
    assert statement.text[0].isupper() or statement.text[0].isdigit()
    assert statement.text.endswith(".")


@pytest.mark.parametrize(
    ("lang", "n", "form"),
    [
        ("uk", 1, "дрон"),
        ("uk", 3, "дрони"),
        ("uk", 12, "дронів"),
        ("uk", 22, "дрони"),
        ("ru", 21, "беспилотник"),
        ("ru", 5, "беспилотников"),
        ("en", 2, "drones"),
    ],
)
def test_nouns_agree_with_numbers(lang, n, form):
    """Ukrainian and Russian nouns take the form their numeral asks for."""
    from revforensics.strategies import _EVENTS, _plural_form

    forms = _EVENTS[lang][0][3]
    assert forms[_plural_form(lang, n)] == form


@pytest.mark.parametrize("edit", EDITS)
def test_each_edit_changes_the_text_where_the_oracle_says(edit):
    """Every edit kind applies, changes the text, and points at what it changed."""
    rng = random.Random(edit)
    for _ in range(20):
        statement = random_statement(rng, rng.choice(["en", "uk", "ru"]), min_sentences=5)
        try:
            old, new, oracle = random_revision(rng, statement, [edit])
        except rf.InputError:
            continue
        break
    else:
        pytest.fail(f"{edit} found no sentence in 20 statements")
    assert old == statement.text
    assert old != new
    (expected,) = oracle.edits
    assert expected.edit == edit
    assert expected.kind is MEANING_EDITS.get(edit)
    assert oracle.cosmetic_only is (edit not in MEANING_EDITS)
    if expected.old is not None:
        assert old[expected.old.start : expected.old.end] == expected.old.text
    if expected.new is not None:
        assert new[expected.new.start : expected.new.end] == expected.new.text


def test_oracle_found_missed_and_false_alarms():
    """The oracle matches by kind and position, not by kind alone."""
    old, new = "Police said 12 people were hurt.", "Police said 15 people were hurt."
    cmp = rf.compare(old, new)
    here = ExpectedEdit(
        "change_number",
        rf.FindingKind.NUMBER_CHANGED,
        rf.Span.of(old, 12, 14),
        rf.Span.of(new, 12, 14),
    )
    elsewhere = ExpectedEdit(
        "change_number", rf.FindingKind.NUMBER_CHANGED, rf.Span.of(old, 0, 6), rf.Span.of(new, 0, 6)
    )
    wrong_kind = ExpectedEdit("negate", rf.FindingKind.NEGATION_FLIPPED, here.old, here.new)
    oracle = Oracle([here, elsewhere, wrong_kind])
    assert oracle.found(cmp) == (here,)
    assert oracle.missed(cmp) == (elsewhere, wrong_kind)
    assert not oracle.cosmetic_only
    cosmetic = Oracle([ExpectedEdit("cosmetic_case", None, here.old, here.new)])
    assert cosmetic.cosmetic_only
    assert cosmetic.false_alarms(cmp) == cmp.findings


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: revisions(edits=["shorten"]), "unknown edit 'shorten'"),
        (lambda: revisions(edits="negate"), "write \\['negate'\\]"),
        (lambda: statements("de"), "got lang='de'"),
        (lambda: statements(min_sentences=3, max_sentences=2), "min_sentences"),
    ],
)
def test_bad_arguments_are_input_errors(call, match):
    """Unknown edits and languages fail at once, naming the bad value."""
    with pytest.raises(rf.InputError, match=match):
        call()


def test_no_room_for_an_edit_is_an_input_error():
    """Two edits that need a date on a statement with one dated sentence cannot both apply."""
    statement = random_statement(random.Random(2), "en", min_sentences=1, max_sentences=1)
    with pytest.raises(rf.InputError, match="no sentence of the statement is left"):
        random_revision(random.Random(2), statement, ["change_date", "change_date"])


@given(
    revisions(
        statement=random_statement(random.Random(3), "uk", min_sentences=6, max_sentences=6),
        edits=["cosmetic", "negate"],
    )
)
def test_revisions_of_a_given_statement(example):
    """A fixed statement can be edited; 'cosmetic' stands for one of the cosmetic edits."""
    old, _new, oracle = example
    assert old == random_statement(random.Random(3), "uk", min_sentences=6, max_sentences=6).text
    assert [e.kind for e in oracle.edits] == [None, rf.FindingKind.NEGATION_FLIPPED]
    assert oracle.edits[0].edit.startswith("cosmetic_")


def test_missing_hypothesis_names_the_extra(monkeypatch):
    """Without Hypothesis, the strategies raise MissingExtraError naming the pip command."""
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    monkeypatch.setitem(sys.modules, "hypothesis.strategies", None)
    with pytest.raises(
        rf.errors.MissingExtraError, match=r'pip install "revforensics\[hypothesis\]"'
    ) as info:
        statements()
    assert isinstance(info.value, ImportError)
    assert isinstance(info.value, rf.RevForensicsError)
    assert random_statement(random.Random(0)).text  # the random.Random drivers still work
