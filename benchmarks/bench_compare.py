"""Time ``revforensics.compare()`` against difflib's HtmlDiff and diff-match-patch.

What is measured: wall-clock seconds (median of ``time.perf_counter()`` over interleaved
repetitions) of three ways to diff the same two texts:

* ``compare``: ``revforensics.compare(old, new)``, the whole pipeline;
* ``htmldiff``: ``difflib.HtmlDiff().make_file(old.splitlines(), new.splitlines())``;
* ``dmp``: pure-Python diff-match-patch ``diff_main`` (default ``Diff_Timeout`` of 1 s)
  followed by ``diff_cleanupSemantic``, on characters. A run whose ``diff_main`` reaches
  the timeout returned a coarser diff; the table marks it.

Inputs are real consecutive versions of UK travel advice pages
(``shared/data/travel_advisories/uk_travel_advice_pairs.jsonl``). In file order, the pairs'
old texts are joined with blank lines until the old side reaches about 10,000 words (and
40,000 words for the large input); their new texts are joined in the same order. Before
timing, ``compare`` is called once on a short text so that one-off loading (lexicons,
segmenter) is not counted.

Run from the repository root::

    python benchmarks/bench_compare.py           # 5 repetitions
    python benchmarks/bench_compare.py --quick   # 1 repetition

Targets: ``compare`` at most 1.5x HtmlDiff at 10k words, and 40k words costing at most
4.6x the 10k time.
"""

from __future__ import annotations

import argparse
import difflib
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import diff_match_patch

import revforensics as rf

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
PAIRS = DATA / "travel_advisories" / "uk_travel_advice_pairs.jsonl"
SIZES = (10_000, 40_000)
METHODS = ("compare", "htmldiff", "dmp")
REPETITIONS = 5
TARGET_VS_HTMLDIFF = 1.5
TARGET_SCALING = 4.6
TIMEOUT_SLACK = 0.02
"""A ``diff_main`` run within this many seconds of ``Diff_Timeout`` counts as timed out."""


def build_input(pairs: list[dict[str, str]], words: int) -> tuple[str, str]:
    """Join old and new texts of ``pairs`` in order until the old side has ``words`` words."""
    olds: list[str] = []
    news: list[str] = []
    count = 0
    for pair in pairs:
        if count >= words:
            break
        olds.append(pair["old"])
        news.append(pair["new"])
        count += len(pair["old"].split())
    if count < words:
        msg = f"the data holds only {count} old-side words, fewer than {words}"
        raise SystemExit(msg)
    return "\n\n".join(olds), "\n\n".join(news)


def run_compare(old: str, new: str) -> rf.Comparison:
    """The revforensics pipeline."""
    return rf.compare(old, new)


def run_htmldiff(old: str, new: str) -> str:
    """The usual baseline: difflib's side-by-side HTML table."""
    return difflib.HtmlDiff().make_file(old.splitlines(), new.splitlines())


def run_dmp(old: str, new: str) -> float:
    """A character diff with semantic cleanup; return the seconds ``diff_main`` took."""
    dmp = diff_match_patch.diff_match_patch()
    start = time.perf_counter()
    diffs = dmp.diff_main(old, new)
    main_seconds = time.perf_counter() - start
    dmp.diff_cleanupSemantic(diffs)
    return main_seconds


FUNCS: dict[str, Callable[[str, str], object]] = {
    "compare": run_compare,
    "htmldiff": run_htmldiff,
    "dmp": run_dmp,
}


class Results:
    """Timings and side results of all runs."""

    def __init__(self) -> None:
        """Start with no runs."""
        self.times: dict[tuple[str, int], list[float]] = {
            (m, s): [] for m in METHODS for s in SIZES
        }
        self.dmp_timeouts: dict[int, int] = dict.fromkeys(SIZES, 0)
        self.comparisons: dict[int, rf.Comparison] = {}

    def median(self, method: str, size: int) -> float:
        """Median seconds of ``method`` at ``size``."""
        return statistics.median(self.times[method, size])


def run_all(inputs: dict[int, tuple[str, str]], repetitions: int) -> Results:
    """Time every method on every input, interleaving the repetitions."""
    timeout = diff_match_patch.diff_match_patch().Diff_Timeout
    results = Results()
    for rep in range(repetitions):
        for size in SIZES:
            old, new = inputs[size]
            for method in METHODS:
                start = time.perf_counter()
                result = FUNCS[method](old, new)
                seconds = time.perf_counter() - start
                results.times[method, size].append(seconds)
                if isinstance(result, rf.Comparison):
                    results.comparisons[size] = result
                elif method == "dmp" and isinstance(result, float):
                    results.dmp_timeouts[size] += result >= timeout - TIMEOUT_SLACK
                print(f"  rep {rep + 1}/{repetitions} {size // 1000}k {method:<8} {seconds:8.3f} s")
    return results


def report(results: Results, repetitions: int) -> None:
    """Print the medians, the ratios against the targets, and the sanity check."""
    timeout = diff_match_patch.diff_match_patch().Diff_Timeout
    small, large = SIZES
    print()
    print(f"median seconds over {repetitions} repetition(s)")
    print(f"{'method':<10}{'10k':>10}{'40k':>10}{'40k/10k':>10}")
    for method in METHODS:
        low, high = results.median(method, small), results.median(method, large)
        print(f"{method:<10}{low:>10.3f}{high:>10.3f}{high / low:>9.2f}x")
    for size in SIZES:
        hits = results.dmp_timeouts[size]
        print(
            f"dmp diff_main hit its {timeout:g} s timeout at {size // 1000}k: "
            f"{hits} of {repetitions} run(s)" + (" (coarser diff returned)" if hits else "")
        )

    print()
    print("ratios")
    for size in SIZES:
        compare = results.median("compare", size)
        vs_html = compare / results.median("htmldiff", size)
        vs_dmp = compare / results.median("dmp", size)
        target = ""
        if size == small:
            verdict = "PASS" if vs_html <= TARGET_VS_HTMLDIFF else "FAIL"
            target = f"  (target <= {TARGET_VS_HTMLDIFF}x: {verdict})"
        print(f"  {size // 1000}k  compare/htmldiff {vs_html:6.2f}x{target}")
        print(f"  {size // 1000}k  compare/dmp      {vs_dmp:6.2f}x")
    scale = results.median("compare", large) / results.median("compare", small)
    verdict = "PASS" if scale <= TARGET_SCALING else "FAIL"
    print(f"  compare 40k/10k        {scale:6.2f}x  (target <= {TARGET_SCALING}x: {verdict})")

    print()
    print("sanity check (last compare run)")
    for size in SIZES:
        comparison = results.comparisons[size]
        print(
            f"  {size // 1000}k  verdict {comparison.verdict.value}, "
            f"{len(comparison.findings)} findings, {len(comparison.cosmetic)} cosmetic edits"
        )


def main() -> int:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repetition instead of five")
    args = parser.parse_args()
    if not PAIRS.is_file():
        print(f"data not found, skipping: {PAIRS}")
        return 0
    repetitions = 1 if args.quick else REPETITIONS

    with PAIRS.open(encoding="utf-8") as lines:
        pairs = [json.loads(line) for line in lines if line.strip()]
    inputs = {size: build_input(pairs, size) for size in SIZES}
    for size, (old, new) in inputs.items():
        print(
            f"input ~{size // 1000}k: old {len(old.split()):,} words / {len(old):,} chars, "
            f"new {len(new.split()):,} words / {len(new):,} chars"
        )
    run_compare("Units advanced.", "Units did not advance.")  # warm-up: one-off loading
    report(run_all(inputs, repetitions), repetitions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
