"""revforensics.testing: assertions, fixtures, and the pytest plugin run through pytester."""

import tomllib
from pathlib import Path

import pytest

import revforensics as rf
from revforensics.testing import assert_findings, assert_no_meaning_change, format_findings

OLD = "Units held the line, and launched new offensive operations in the Kursk region."
CUT = "Units held the line."
SPACED = "Units  held the line, and launched new offensive operations in the Kursk region."

# pytester runs each suite in-process; -p no:revforensics drops an installed entry point
# so that the explicit -p below never registers the module twice.
PLUGIN = ["-p", "no:revforensics", "-p", "revforensics.testing"]


def test_cosmetic_rewrite_passes_and_returns_the_comparison():
    """A change of spacing only is not a change of meaning."""
    cmp = assert_no_meaning_change(OLD, SPACED)
    assert cmp.verdict is rf.Verdict.COSMETIC


def test_dropped_clause_fails_with_evidence_from_both_texts():
    """The failure names the kind and quotes the removed clause in its old context."""
    with pytest.raises(AssertionError) as info:
        assert_no_meaning_change(OLD, CUT)
    message = str(info.value)
    assert message.startswith("the meaning changed: 1 finding(s) not allowed")
    assert "assertion_removed" in message
    assert "[-and launched new offensive operations in the Kursk region-]" in message
    assert "new: Units held the line" in message


def test_allow_tolerates_listed_kinds_only():
    """allow= lets named kinds through; any other kind still fails."""
    assert_no_meaning_change(OLD, CUT, allow=["assertion_removed"])
    assert_no_meaning_change(OLD, CUT, allow=rf.FindingKind.ASSERTION_REMOVED)
    with pytest.raises(AssertionError, match="allowed: moved"):
        assert_no_meaning_change(OLD, CUT, allow=["moved"])


def test_max_severity_tolerates_minor_findings():
    """Findings at or below max_severity pass; above it they fail."""
    severity = rf.compare(OLD, CUT).findings[0].severity
    assert_no_meaning_change(OLD, CUT, max_severity=severity)
    with pytest.raises(AssertionError):
        assert_no_meaning_change(OLD, CUT, max_severity=severity - 1)


def test_unknown_kind_is_an_input_error():
    """A typo in allow= is reported, not silently ignored."""
    with pytest.raises(rf.InputError, match="unknown finding kind 'asertion_removed'"):
        assert_no_meaning_change(OLD, CUT, allow=["asertion_removed"])


def test_accepts_a_comparison_or_a_comparer():
    """A ready Comparison or a configured Comparer can be passed."""
    cmp = rf.compare(OLD, SPACED)
    assert assert_no_meaning_change(cmp) is cmp
    assert assert_no_meaning_change(OLD, SPACED, comparer=rf.Comparer(lang="en")).languages == (
        "en",
        "en",
    )
    with pytest.raises(rf.InputTypeError):
        assert_no_meaning_change(cmp, SPACED)
    with pytest.raises(rf.InputTypeError):
        assert_no_meaning_change(OLD)


def test_assert_findings_counts_by_kind_level_and_text():
    """assert_findings returns the matches and fails outside the bounds, listing all findings."""
    cmp = rf.compare("Police said 12 people were hurt.", "Police said 15 people were hurt.")
    found = assert_findings(cmp, kinds=["number_changed"], touching="12", min_level="low")
    assert [f.kind for f in found] == [rf.FindingKind.NUMBER_CHANGED]
    assert_findings(cmp, kinds="negation_flipped", at_least=0, at_most=0)
    with pytest.raises(AssertionError) as info:
        assert_findings(cmp, kinds="negation_flipped")
    message = str(info.value)
    assert "expected at least 1 finding(s) of negation_flipped, found 0" in message
    assert "[-12-]" in message
    assert "{+15+}" in message
    with pytest.raises(AssertionError, match="touching '13'"):
        assert_findings(cmp, touching="13")


def test_assert_findings_on_an_unchanged_text_says_none():
    """With nothing to report the message says so rather than showing an empty list."""
    cmp = rf.compare(CUT, CUT)
    with pytest.raises(AssertionError, match=r"\(none\)"):
        assert_findings(cmp)


@pytest.mark.parametrize(
    "kwargs",
    [{"at_least": -1}, {"at_least": 2, "at_most": 1}, {"min_level": "severe"}],
)
def test_assert_findings_rejects_bad_bounds(kwargs):
    """Inconsistent bounds and unknown levels are input errors."""
    with pytest.raises(rf.InputError):
        assert_findings(rf.compare(CUT, CUT), **kwargs)


def test_format_findings_marks_a_side_without_text():
    """An added sentence has no old side: the rendering says so."""
    cmp = rf.compare(CUT, CUT + " Two villages were shelled overnight.")
    rendered = format_findings(cmp)
    assert "old: (nothing on this side)" in rendered
    assert "{+Two villages were shelled overnight.+}" in rendered


def test_importing_the_package_does_not_import_pytest():
    """revforensics stays usable where pytest is not installed."""
    import subprocess
    import sys

    code = "import sys, revforensics, revforensics.strategies; print('pytest' in sys.modules)"
    src = str(Path(rf.__file__).resolve().parents[1])
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": src, "PATH": ""},
    )
    assert out.stdout.strip() == "False"


def test_plugin_is_registered_as_a_pytest11_entry_point():
    """pyproject.toml registers revforensics.testing under pytest11."""
    root = Path(__file__).resolve().parents[1]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["entry-points"]["pytest11"] == {
        "revforensics": "revforensics.testing"
    }


def test_plugin_fixtures_in_a_user_suite(pytester):
    """A user's suite gets the fixtures; overriding the comparer fixture configures them."""
    pytester.makeconftest(
        """
        import pytest
        from revforensics import Comparer

        @pytest.fixture
        def revforensics_comparer():
            return Comparer(lang="uk")
        """
    )
    pytester.makepyfile(
        """
        def test_uses_the_configured_comparer(revforensics_compare):
            cmp = revforensics_compare("Сили оборони знищили склад.", "Сили оборони знищили склад.")
            assert cmp.languages == ("uk", "uk")
        """
    )
    result = pytester.runpytest(*PLUGIN)
    result.assert_outcomes(passed=1)


def test_plugin_failure_shows_findings_and_evidence(pytester):
    """A failing assertion in a user's suite prints the readable diff in pytest's report."""
    pytester.makepyfile(
        f"""
        from revforensics.testing import assert_no_meaning_change

        def summarize(text):
            return text.split(",")[0] + "."

        def test_summary_keeps_claims():
            assert_no_meaning_change({OLD!r}, summarize({OLD!r}))

        def test_summary_of_a_short_text():
            assert_no_meaning_change("Units held the line.", summarize("Units held the line."))
        """
    )
    result = pytester.runpytest(*PLUGIN)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*AssertionError: the meaning changed: 1 finding(s) not allowed*",
            "*assertion_removed*",
            "*old: Units held the line, [[]-and launched new offensive operations*",
        ]
    )


def test_plugin_can_be_disabled(pytester):
    """-p no:revforensics removes the fixtures (the entry point's name is revforensics)."""
    pytester.makepyfile(
        """
        def test_needs_fixture(revforensics_compare):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:revforensics")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'revforensics_compare' not found*"])
