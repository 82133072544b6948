"""Run the Markdown case corpus in tests/cases (format: tests/cases/README.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import revforensics as rf
from casefile import Case, parse

CASES = Path(__file__).parent / "cases"
_KIND_WORDS = re.compile(r'^(\w+)\s*(?:"(.*)"|(.+))?$')


ALL = [
    case for path in sorted(CASES.glob("*.md")) if path.name != "README.md" for case in parse(path)
]


def test_corpus_is_not_empty():
    """The corpus parser finds cases in every file (a format slip would silently skip them)."""
    files = {case.file for case in ALL}
    expected = {p.name for p in CASES.glob("*.md")} - {"README.md"}
    assert files == expected
    assert len(ALL) >= 20


def _kind_words(value: str) -> tuple[str, str]:
    match = _KIND_WORDS.match(value)
    assert match, f"bad expectation {value!r}"
    return match.group(1), (match.group(2) or match.group(3) or "").strip()


@pytest.mark.parametrize("case", ALL, ids=[f"{c.file}:{c.title}" for c in ALL])
def test_case(case: Case):
    """Each case's expectations hold; the report is shown when one fails."""
    lang = dict(case.meta).get("lang")
    cmp = rf.compare(case.old, case.new, lang=lang)
    report = rf.render_text(cmp)
    for key, value in case.meta:
        if key == "verdict":
            assert cmp.verdict.value == value, report
        elif key == "top":
            assert cmp.findings, report
            assert cmp.findings[0].kind.value == value, report
        elif key == "expect":
            kind, words = _kind_words(value)
            spans = [
                s.text
                for f in cmp.findings
                if f.kind.value == kind
                for s in (f.old, f.new)
                if s is not None
            ]
            assert spans, f"no {kind} finding\n{report}"
            if words:
                assert any(words in s for s in spans), f"no {kind} with {words!r}\n{report}"
        elif key == "forbid":
            if value == "any":
                assert not cmp.findings, report
            else:
                assert value not in {f.kind.value for f in cmp.findings}, report
        elif key == "cosmetic":
            assert value in {e.subtype.value for e in cmp.cosmetic}, report
        elif key != "lang":
            pytest.fail(f"unknown key {key!r} in {case.file}: {case.title}")
