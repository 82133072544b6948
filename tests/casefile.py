"""The Markdown case-corpus format (tests/cases/README.md), shared with benchmarks/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

_ESCAPE = re.compile(r"\{U\+([0-9A-Fa-f]{4,6})\}")


class Case(NamedTuple):
    file: str
    title: str
    meta: list[tuple[str, str]]
    old: str
    new: str


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def parse(path: Path) -> list[Case]:
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


def meta_values(case: Case, key: str) -> list[str]:
    """Every value of one key of a case, in order."""
    return [value for k, value in case.meta if k == key]
