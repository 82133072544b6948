r"""Check that markup-only edits of real policy documents are not judged meaning changes.

What is measured: over the Open Terms Archive versions in
``shared/data/opentermsarchive_pga/*/chain.json``, every version whose ``change_kind`` is
``technical_or_extraction_change`` is compared with its predecessor by
``revforensics.compare()``. A pair is *markup-only* when both versions have exactly the
same words, i.e. ``re.findall(r"\w+", old) == re.findall(r"\w+", new)``; such pairs
should all be judged ``unchanged`` or ``cosmetic`` (target: all of them). Technical
changes whose words differ are reported too, for information. The script prints one line
per pair, the top findings of any markup-only pair judged ``meaning_changed``, a summary,
and the wall-clock time of the whole run.

Run from the repository root::

    python benchmarks/ota_markup.py
"""

from __future__ import annotations

import itertools
import json
import re
import sys
import time
from pathlib import Path
from typing import NamedTuple

import revforensics as rf

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
OTA = DATA / "opentermsarchive_pga"
TECHNICAL = "technical_or_extraction_change"
WORD = re.compile(r"\w+")
TOP_FINDINGS = 3
SHORT = 70


class Outcome(NamedTuple):
    """One compared pair."""

    document: str
    version: int
    markup_only: bool
    comparison: rf.Comparison
    seconds: float


def shorten(text: str, limit: int = SHORT, skip: int = 0) -> str:
    """``text`` on one line from about ``skip``, cut to ``limit`` characters, as a repr."""
    flat = " ".join(text.split())
    if skip > 0:
        flat = "…" + flat[skip:]
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def common_prefix(old: str, new: str) -> int:
    """How many leading characters the two texts share, less some context to keep."""
    flat_old, flat_new = " ".join(old.split()), " ".join(new.split())
    shared = 0
    for a, b in zip(flat_old, flat_new, strict=False):
        if a != b:
            break
        shared += 1
    return max(0, shared - SHORT // 3)


def technical_pairs(chain_file: Path) -> list[tuple[int, str, str]]:
    """``(version, old text, new text)`` for each technical change and its predecessor."""
    versions = json.loads(chain_file.read_text(encoding="utf-8"))["versions"]
    folder = chain_file.parent
    pairs = []
    for previous, current in itertools.pairwise(versions):
        if current["change_kind"] != TECHNICAL:
            continue
        old = (folder / previous["file"]).read_text(encoding="utf-8")
        new = (folder / current["file"]).read_text(encoding="utf-8")
        pairs.append((int(current["version"]), old, new))
    return pairs


def print_findings(comparison: rf.Comparison) -> None:
    """The top findings of a comparison, with their spans shortened around the change."""
    for finding in comparison.findings[:TOP_FINDINGS]:
        skip = 0
        if finding.old is not None and finding.new is not None:
            skip = common_prefix(finding.old.text, finding.new.text)
        old = shorten(finding.old.text, skip=skip) if finding.old is not None else "-"
        new = shorten(finding.new.text, skip=skip) if finding.new is not None else "-"
        print(f"      {finding.kind.value} (severity {finding.severity}, rule {finding.rule})")
        print(f"        explanation: {shorten(finding.explanation, 2 * SHORT)}")
        print(f"        old: {old}")
        print(f"        new: {new}")


def summarize(outcomes: list[Outcome], *, markup_only: bool) -> str:
    """How many pairs of one group were judged something other than a meaning change."""
    group = [o for o in outcomes if o.markup_only is markup_only]
    calm = sum(o.comparison.verdict is not rf.Verdict.MEANING_CHANGED for o in group)
    return f"{calm} of {len(group)}"


def main() -> int:
    """Compare every technical change with its predecessor and print the results."""
    chains = sorted(OTA.glob("*/chain.json"))
    if not chains:
        print(f"data not found, skipping: {OTA}/*/chain.json")
        return 0
    start = time.perf_counter()
    outcomes: list[Outcome] = []
    print(f"{'document':<32}{'ver':>4}  {'same words':<11}{'verdict':<17}{'findings':>8}{'s':>7}")
    for chain_file in chains:
        document = chain_file.parent.name
        for version, old, new in technical_pairs(chain_file):
            markup_only = WORD.findall(old) == WORD.findall(new)
            began = time.perf_counter()
            comparison = rf.compare(old, new)
            outcome = Outcome(
                document, version, markup_only, comparison, time.perf_counter() - began
            )
            outcomes.append(outcome)
            print(
                f"{document:<32}{version:>4}  {'yes' if markup_only else 'no':<11}"
                f"{comparison.verdict.value:<17}{len(comparison.findings):>8}"
                f"{outcome.seconds:>7.2f}"
            )
            if markup_only and comparison.verdict is rf.Verdict.MEANING_CHANGED:
                print_findings(comparison)
    elapsed = time.perf_counter() - start

    print()
    print(
        f"markup-only pairs judged non-meaning: {summarize(outcomes, markup_only=True)}"
        " (target: all)"
    )
    print(
        "technical pairs with different words judged non-meaning: "
        f"{summarize(outcomes, markup_only=False)} (for information)"
    )
    print(f"whole run: {elapsed:.2f} s for {len(outcomes)} pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
