"""Run the Markdown case corpus in tests/cases (format: tests/cases/README.md)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pytest

import revforensics as rf

CASES = Path(__file__).parent / "cases"
_ESCAPE = re.compile(r"\{U\+([0-9A-Fa-f]{4,6})\}")
_KIND_WORDS = re.compile(r'^(\w+)\s*(?:"(.*)"|(.+))?$')


class Case(NamedTuple):
    file: str
    title: str
    meta: list[tuple[str, str]]
    old: str
    new: str


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _parse(path: Path) -> list[Case]:
    cases = []
    for block in re.split(r"^## Case:", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]:
        title, _, body = block.partition("\n")
        head, _, rest = body.partition("### old\n")
        old, _, new = rest.partition("### new\n")
        meta = []
        for line in head.splitlines():
            if line.strip():
                key, _, value = line.partition(":")
                meta.append((key.strip(), value.strip()))
        cases.append(
            Case(
                path.name,
                title.strip(),
                meta,
                _unescape(old.strip("\n")),
                _unescape(new.strip("\n")),
            )
        )
    return cases


ALL = [
    case for path in sorted(CASES.glob("*.md")) if path.name != "README.md" for case in _parse(path)
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
