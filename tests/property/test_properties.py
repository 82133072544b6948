"""Properties of compare() on generated statements and on arbitrary text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import revforensics as rf

from .strategies import cosmetic_rewrites, edited_pairs, statements


def all_spans(cmp: rf.Comparison):
    """Every span the comparison reports, with the text it must index."""
    for f in cmp.findings:
        if f.old is not None:
            yield f.old, cmp.old.text
        if f.new is not None:
            yield f.new, cmp.new.text
        for e in f.evidence:
            yield e.span, cmp.old.text if e.side == "old" else cmp.new.text
    for edit in cmp.cosmetic:
        yield edit.old, cmp.old.text
        yield edit.new, cmp.new.text
    for side, text in ((cmp.old_sentences, cmp.old.text), (cmp.new_sentences, cmp.new.text)):
        for sentence in side:
            yield sentence.span, text
            for clause in sentence.clauses:
                yield clause, text


def check_spans(cmp: rf.Comparison) -> None:
    for span, original in all_spans(cmp):
        assert original[span.start : span.end] == span.text


def check_alignment(cmp: rf.Comparison) -> None:
    old = sorted(i for link in cmp.alignment for i in link.old)
    new = sorted(j for link in cmp.alignment for j in link.new)
    assert old == list(range(len(cmp.old_sentences)))
    assert new == list(range(len(cmp.new_sentences)))


@given(edited_pairs())
def test_spans_index_the_originals(pair):
    """Every span of every finding, evidence, cosmetic edit and sentence indexes its original."""
    cmp = rf.compare(*pair)
    check_spans(cmp)
    check_alignment(cmp)


@given(st.text(max_size=300), st.text(max_size=300))
def test_arbitrary_text_never_breaks_spans(old, new):
    """Arbitrary Unicode (invisible characters, combining marks, CRLF) keeps spans exact."""
    cmp = rf.compare(old, new)
    check_spans(cmp)
    check_alignment(cmp)
    assert (cmp.verdict is rf.Verdict.UNCHANGED) == (old == new)


@given(statements())
def test_comparing_a_text_with_itself_finds_nothing(text):
    """compare(x, x) is unchanged, with no findings and no cosmetic edits."""
    cmp = rf.compare(text, text)
    assert cmp.verdict is rf.Verdict.UNCHANGED
    assert cmp.findings == ()
    assert cmp.cosmetic == ()


@given(st.data())
def test_cosmetic_rewrites_are_cosmetic(data):
    """Quote style, spaces, NBSP, zero-width spaces, case and number format are cosmetic."""
    text = data.draw(statements())
    rewritten = data.draw(cosmetic_rewrites(text))
    cmp = rf.compare(text, rewritten)
    expected = rf.Verdict.UNCHANGED if text == rewritten else rf.Verdict.COSMETIC
    assert cmp.verdict is expected, rf.render_text(cmp)
    check_spans(cmp)


@given(st.sampled_from(["uk", "en"]), st.data())
def test_apostrophe_variants_are_cosmetic(lang, data):
    """Ukrainian apostrophes (' ’ ʼ) are one character to the comparison."""
    base = (
        "Сили оборони знищили п'ять складів і сім'ю дронів."
        if lang == "uk"
        else "The army's depot wasn't hit."
    )
    variant = base.replace("'", data.draw(st.sampled_from(["’", "ʼ", "'"])))
    assert rf.compare(base, variant).verdict in {rf.Verdict.COSMETIC, rf.Verdict.UNCHANGED}


@given(edited_pairs())
def test_output_is_deterministic_and_round_trips(pair):
    """The same input gives the same JSON, and the JSON rebuilds the same comparison."""
    first, second = rf.compare(*pair), rf.compare(*pair)
    assert first.to_json() == second.to_json()
    assert rf.Comparison.from_json(first.to_json()) == first


@given(edited_pairs())
def test_verdict_matches_findings(pair):
    """meaning_changed exactly when there are findings; findings are ranked."""
    cmp = rf.compare(*pair)
    assert (cmp.verdict is rf.Verdict.MEANING_CHANGED) == bool(cmp.findings)
    severities = [f.severity for f in cmp.findings]
    assert severities == sorted(severities, reverse=True)


@given(edited_pairs())
def test_links_in_place_are_monotonic(pair):
    """Links not marked as moved keep their order on both sides."""
    cmp = rf.compare(*pair)
    kept = [link for link in cmp.alignment if link.old and link.new and not link.moved]
    assert [link.old[0] for link in kept] == sorted(link.old[0] for link in kept)
    assert [link.new[0] for link in kept] == sorted(link.new[0] for link in kept)
