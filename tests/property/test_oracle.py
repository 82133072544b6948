"""Properties of compare() on revisions with known edits (revforensics.strategies).

Every comparison made here is also validated against the shipped diff/1 JSON Schema and
rebuilt from its JSON. Recall of the oracle's edits is a measured figure
(benchmarks/oracle_recall.py), not asserted here; what is asserted must always hold.
"""

from __future__ import annotations

import jsonschema
from hypothesis import given
from hypothesis import strategies as st

import revforensics as rf
from revforensics.render.json import load_schema
from revforensics.strategies import COSMETIC_EDITS, LANGUAGES, MEANING_EDITS, revisions, statements

from .test_properties import check_alignment, check_spans

VALIDATOR = jsonschema.Draft202012Validator(load_schema())


def check_json(cmp: rf.Comparison) -> None:
    """The comparison follows the schema and round-trips through JSON."""
    VALIDATOR.validate(cmp.to_dict())
    assert rf.Comparison.from_json(cmp.to_json()) == cmp


@given(revisions())
def test_oracle_spans_index_the_texts(example):
    """Each expected edit's spans are exact ranges of the old and new texts."""
    old, new, expected = example
    assert old != new or expected.cosmetic_only
    for edit in expected.edits:
        assert edit.old is not None or edit.new is not None
        if edit.old is not None:
            assert old[edit.old.start : edit.old.end] == edit.old.text
        if edit.new is not None:
            assert new[edit.new.start : edit.new.end] == edit.new.text


@given(revisions())
def test_any_edit_keeps_spans_alignment_and_schema(example):
    """Mixed known edits: spans exact, alignment complete, output valid diff/1 JSON."""
    old, new, _ = example
    cmp = rf.compare(old, new)
    check_spans(cmp)
    check_alignment(cmp)
    check_json(cmp)


@given(st.sampled_from(LANGUAGES), st.data())
def test_a_meaningful_edit_is_never_cosmetic(lang, data):
    """Whatever kind it gets, a meaningful edit makes the verdict meaning_changed."""
    edit = data.draw(st.sampled_from(sorted(MEANING_EDITS)))
    old, new, _ = data.draw(revisions(edits=[edit], lang=lang))
    cmp = rf.compare(old, new)
    assert cmp.verdict is rf.Verdict.MEANING_CHANGED, rf.render_text(cmp)
    check_json(cmp)


@given(st.sampled_from(LANGUAGES), st.data())
def test_cosmetic_edits_report_no_finding(lang, data):
    """Quotes, spaces, case, invisible characters, homoglyphs, digit grouping: no finding."""
    edits = data.draw(st.lists(st.sampled_from(COSMETIC_EDITS), min_size=1, max_size=3))
    old, new, expected = data.draw(revisions(edits=edits, lang=lang))
    assert expected.cosmetic_only
    cmp = rf.compare(old, new)
    assert expected.false_alarms(cmp) == (), rf.render_text(cmp)
    assert cmp.verdict is rf.Verdict.COSMETIC
    check_json(cmp)


@given(statements())
def test_generated_statements_compare_unchanged_with_themselves(statement):
    """compare(x, x) on a generated statement finds nothing."""
    cmp = rf.compare(statement.text, statement.text)
    assert cmp.verdict is rf.Verdict.UNCHANGED
    check_json(cmp)
