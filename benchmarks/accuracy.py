"""Accuracy harness: precision, recall and F1 of revforensics on labelled revisions.

Run: ``python benchmarks/accuracy.py`` (add ``--only cases`` or another section name).

Sections, each printed as a table:

- ``cases``: the project's own case corpus (tests/cases/*.md), per finding kind and
  language. A case's ``expect: KIND`` lines are the positives; ``forbid: KIND`` (or
  ``forbid: any``) lines are the controls that must not fire. Targets: P >= 0.95 and
  R >= 0.90 per kind and language.
- ``heldout``: the same scores on the sets of ``benchmarks/heldout``, written blind by
  annotators who never saw the rules; its README says how each set was used.
- ``arxivedits``: arXivEdits sentence pairs, content edits against typo/format-only fixes
  (pairs whose edits are only language/style rewrites are left out: they are neither).
  Target F1 >= 0.90.
- ``iterater``: IteraTeR R3 document pairs, any meaning-changed edit against none.
- ``edgi``: EDGI's significant and insignificant government page pairs. Target 6 of 6.
- ``uk``: UK travel advice with the government's own change notes: an
  ``assertion_removed`` in >= 95 % of pairs whose note says information was removed; a
  finding of high severity or more in <= 10 % of "no significant updates"/editorial pairs.
- ``ota``: Open Terms Archive chains: technical/extraction-only versions must be judged
  non-meaning, content changes meaningful.

A prediction of "meaningful" is one fixed rule throughout, chosen before measuring:
at least one finding of ``high`` severity or more (>= 60) — the level a newsroom alert
would use. The ``arxivedits`` section also prints the curve over severity floors, so the
choice can be seen, not tuned. The real data lives in ``../shared/data``; sections whose
data is missing are skipped.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import revforensics as rf
from revforensics._lang import detect_language

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT / "tests"))
from casefile import meta_values, parse  # noqa: E402 - the tests folder is not a package

HIGH = 60
FLOORS = (1, 10, 20, 35, 60, 80)


def meaningful(cmp: rf.Comparison, floor: int = HIGH) -> bool:
    """The one prediction rule: a finding at or above ``floor`` severity."""
    return any(f.severity >= floor for f in cmp.findings)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1; NaN where undefined."""
    p = tp / (tp + fp) if tp + fp else math.nan
    r = tp / (tp + fn) if tp + fn else math.nan
    f = 2 * p * r / (p + r) if p + r and not math.isnan(p + r) else math.nan
    return p, r, f


def fmt(value: float) -> str:
    """A score in five characters."""
    return "  -  " if math.isnan(value) else f"{value:5.2f}"


def jsonl(path: Path) -> Iterator[dict[str, object]]:
    """The records of a JSON Lines file."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


CASES = ROOT / "tests" / "cases"
"""The project's own case corpus; ``--cases DIR`` scores another folder of case files."""
SHOW_MISSES = False
"""``--show-misses``: print each case whose expectation failed, with what was found."""


def section_cases(folder: Path | None = None) -> None:
    """Precision and recall per kind and language on the case corpus (or ``folder``)."""
    counts: Counter[tuple[str, str, str]] = Counter()
    kinds = [k.value for k in rf.FindingKind]
    for path in sorted((folder or CASES).glob("*.md")):
        for case in parse(path):
            lang = (meta_values(case, "lang") or [detect_language(case.old + case.new)])[0]
            cmp = rf.compare(case.old, case.new, lang=lang)
            found = {f.kind.value for f in cmp.findings}
            expected = {v.split()[0] for v in meta_values(case, "expect")}
            forbidden = {v.split()[0] for v in meta_values(case, "forbid")}
            if "any" in forbidden:
                forbidden = set(kinds)
            missed = sorted(expected - found)
            wrong = sorted((forbidden - expected) & found)
            for kind in expected:
                counts[kind, lang, "tp" if kind in found else "fn"] += 1
            for kind in forbidden - expected:
                counts[kind, lang, "fp" if kind in found else "tn"] += 1
            if SHOW_MISSES and (missed or wrong):
                shown = ", ".join(f"{f.kind.value} {f.severity}" for f in cmp.findings) or "none"
                print(f"  {path.name}: {case.title}")
                print(f"    missed {missed} fired {wrong}; found: {shown}")
    print(f"{'kind':20} {'lang':4} {'pos':>4} {'ctl':>4}   P     R     F1")
    for kind in kinds:
        for lang in ("en", "uk", "ru"):
            tp, fn = counts[kind, lang, "tp"], counts[kind, lang, "fn"]
            fp, tn = counts[kind, lang, "fp"], counts[kind, lang, "tn"]
            if tp + fn + fp + tn == 0:
                continue
            p, r, f = prf(tp, fp, fn)
            flag = (
                ""
                if (math.isnan(p) or p >= 0.95) and (math.isnan(r) or r >= 0.9)
                else "  <- below target"
            )
            print(f"{kind:20} {lang:4} {tp + fn:4} {fp + tn:4}  {fmt(p)} {fmt(r)} {fmt(f)}{flag}")


HELDOUT = ROOT / "benchmarks" / "heldout"


def section_heldout() -> None:
    """The held-out sets in benchmarks/heldout (see its README), each scored like the cases."""
    for folder in sorted(p for p in HELDOUT.iterdir() if p.is_dir()):
        print(f"-- {folder.name}")
        section_cases(folder)


def section_arxivedits() -> None:
    """Content edits against typo/format-only fixes, sentence pairs."""
    path = DATA / "arxivedits" / "arxivedits_train_pairs.jsonl"
    typo_format = {"Improve-grammar-Typo", "Format"}
    rows: list[tuple[bool, rf.Comparison]] = []
    for item in jsonl(path):
        labels = item["labels"]
        assert isinstance(labels, dict)
        intents = {e["intention"] for a in labels["annotations"] for e in a["edits"]}
        if "Content" in intents:
            gold = True
        elif intents and intents <= typo_format:
            gold = False
        else:
            continue  # language/style rewrites: neither class
        rows.append((gold, rf.compare(str(item["old"]), str(item["new"]), lang="en")))
    print(
        f"{len(rows)} pairs ({sum(g for g, _ in rows)} content, "
        f"{sum(not g for g, _ in rows)} typo/format)"
    )
    print("floor   P     R     F1")
    for floor in FLOORS:
        tp = sum(g and meaningful(c, floor) for g, c in rows)
        fp = sum(not g and meaningful(c, floor) for g, c in rows)
        fn = sum(g and not meaningful(c, floor) for g, c in rows)
        p, r, f = prf(tp, fp, fn)
        mark = {HIGH: "  <- the rule (high)", 1: "  <- the verdict (any finding)"}.get(floor, "")
        print(f"{floor:5} {fmt(p)} {fmt(r)} {fmt(f)}{mark}")


def section_iterater() -> None:
    """Document pairs with any meaning-changed edit, against fluency/clarity-only ones."""
    path = DATA / "iterater_r3" / "iterater_r3_human_revisions.jsonl"
    tp = fp = fn = tn = 0
    for item in jsonl(path):
        labels = item["labels"]
        assert isinstance(labels, dict)
        gold = bool(labels["meaning_changed"])
        predicted = meaningful(rf.compare(str(item["old"]), str(item["new"]), lang="en"))
        tp, fp = tp + (gold and predicted), fp + (not gold and predicted)
        fn, tn = fn + (gold and not predicted), tn + (not gold and not predicted)
    p, r, f = prf(tp, fp, fn)
    print(
        f"{tp + fn} meaning-changed, {fp + tn} not: P {fmt(p)}  R {fmt(r)}  F1 {fmt(f)} "
        "(silver labels)"
    )


def section_edgi() -> None:
    """EDGI's own significant/insignificant classification."""
    right = total = 0
    for item in jsonl(DATA / "edgi" / "edgi_pairs.jsonl"):
        labels = item["labels"]
        assert isinstance(labels, dict)
        significance = labels.get("significance")
        cmp = rf.compare(str(item["old"]), str(item["new"]), lang="en")
        top = cmp.findings[0] if cmp.findings else None
        said = "significant" if meaningful(cmp) else "insignificant"
        shown = f"{top.level.value} {top.kind.value}" if top else "no finding"
        if significance is None:
            print(f"  {item['id']:40} (unlabelled)     -> {said:13} top: {shown}")
            continue
        total += 1
        right += said == significance
        ok = "ok " if said == significance else "MISS"
        print(f"  {ok} {item['id']:36} {significance:13} -> {said:13} top: {shown}")
    print(f"EDGI: {right} of {total} right (target 6 of 6)")


def section_uk() -> None:
    """UK travel advice against the government's own change notes."""
    removal = removal_found = cosmetic = cosmetic_high = 0
    for item in jsonl(DATA / "travel_advisories" / "uk_travel_advice_pairs.jsonl"):
        labels = item["labels"]
        assert isinstance(labels, dict)
        kinds = labels.get("reason_kind") or []
        cmp = rf.compare(str(item["old"]), str(item["new"]), lang="en")
        if "removal" in kinds:
            removal += 1
            removal_found += any(f.kind is rf.FindingKind.ASSERTION_REMOVED for f in cmp.findings)
        if labels.get("reason_says_cosmetic"):
            cosmetic += 1
            cosmetic_high += meaningful(cmp)
    print(
        f"notes saying information was removed: assertion_removed in {removal_found}/{removal} "
        f"({removal_found / max(removal, 1):.0%}; target >= 95 %)"
    )
    print(
        "notes saying no significant update / editorial: high+ finding in "
        f"{cosmetic_high}/{cosmetic} "
        f"({cosmetic_high / max(cosmetic, 1):.0%}; target <= 10 %)"
    )


def section_ota() -> None:
    """Open Terms Archive: technical versions non-meaning, content versions meaningful."""
    counts: Counter[tuple[str, bool]] = Counter()
    for chain in sorted((DATA / "opentermsarchive_pga").glob("*/chain.json")):
        versions = json.loads(chain.read_text(encoding="utf-8"))["versions"]
        previous: str | None = None
        for version in versions:
            text = (chain.parent / version["file"]).read_text(encoding="utf-8")
            if previous is not None and version["change_kind"] != "first_record":
                cmp = rf.compare(previous, text)
                counts[version["change_kind"], cmp.verdict is rf.Verdict.MEANING_CHANGED] += 1
            previous = text
    for kind in ("technical_or_extraction_change", "content_change"):
        yes, no = counts[kind, True], counts[kind, False]
        print(f"{kind:32} meaning_changed {yes:3}  not {no:3}")


SECTIONS: dict[str, tuple[Callable[[], None], Iterable[str]]] = {
    "cases": (section_cases, ()),
    "heldout": (section_heldout, ()),
    "arxivedits": (section_arxivedits, ("arxivedits",)),
    "iterater": (section_iterater, ("iterater_r3",)),
    "edgi": (section_edgi, ("edgi",)),
    "uk": (section_uk, ("travel_advisories",)),
    "ota": (section_ota, ("opentermsarchive_pga",)),
}


def main() -> None:
    """Run the chosen sections."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(SECTIONS), action="append")
    parser.add_argument(
        "--cases",
        type=Path,
        metavar="DIR",
        help="score the case files (*.md) of DIR instead of tests/cases, e.g. a held-out set",
    )
    parser.add_argument(
        "--show-misses", action="store_true", help="list the cases whose expectations failed"
    )
    args = parser.parse_args()
    global CASES, SHOW_MISSES  # noqa: PLW0603 - a script's two settings
    CASES = args.cases or CASES
    SHOW_MISSES = args.show_misses
    for name in args.only or SECTIONS:
        run, needs = SECTIONS[name]
        print(f"\n== {name}")
        missing = [d for d in needs if not (DATA / d).exists()]
        if missing:
            print(f"data not found ({', '.join(missing)} under {DATA}), skipping")
            continue
        start = time.perf_counter()
        run()
        print(f"({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()
