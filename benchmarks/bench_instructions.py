"""Instruction counts of ``compare()`` against difflib's HtmlDiff, under valgrind's callgrind.

Run: ``python benchmarks/bench_instructions.py`` (needs ``valgrind``; Debian package).

Wall-clock ratios on a shared machine move by 30 % from run to run. Callgrind counts the
instructions a process executes, which another process on the machine does not change,
so the same input gives the same count. Each method runs in its own process on the
same 10k- and 40k-word inputs as ``bench_compare.py``; a process that only imports and
warms up is the baseline subtracted from every count.

The ratios answer the targets of ``bench_compare.py``: ``compare`` at most 1.5x
HtmlDiff at 10k words, and 40k words at most 4.6x the instructions of 10k. Instructions
are not seconds (a cache miss costs more than an add), so read both benchmarks.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (10_000, 40_000)
METHODS = ("baseline", "compare", "engine", "htmldiff")
_COLLECTED = re.compile(r"Collected : (\d+)")

CHILD = """
import difflib, json, sys
sys.path.insert(0, {here!r})
import bench_compare as b
import revforensics as rf
pairs = [json.loads(line) for line in b.PAIRS.open(encoding="utf-8")]
old, new = b.build_input(pairs, {words})
rf.compare("Units held. Units left.", "Units held. Units stayed.")  # warm the caches
method = {method!r}
if method == "compare":
    rf.compare(old, new)
elif method == "engine":
    rf.Comparer(detectors=[]).compare(old, new)
elif method == "htmldiff":
    difflib.HtmlDiff().make_file(old.splitlines(), new.splitlines())
"""


def count(valgrind: str, method: str, words: int) -> int:
    """Instructions executed by one process running ``method`` on ``words`` words."""
    code = CHILD.format(here=str(HERE), words=words, method=method)
    with tempfile.TemporaryDirectory() as tmp:
        run = subprocess.run(  # noqa: S603 - our own fixed command line
            [
                valgrind,
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/out",
                sys.executable,
                "-c",
                code,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    found = _COLLECTED.search(run.stderr)
    if run.returncode != 0 or found is None:
        msg = f"callgrind failed for {method} at {words} words:\n{run.stderr[-2000:]}"
        raise SystemExit(msg)
    return int(found.group(1))


def main() -> int:
    """Count, subtract the baseline, print the ratios."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        print("valgrind not found: apt-get install valgrind")
        return 1
    net: dict[tuple[str, int], int] = {}
    for words in SIZES:
        counts = {method: count(valgrind, method, words) for method in METHODS}
        for method in METHODS[1:]:
            net[method, words] = counts[method] - counts["baseline"]
    print("million instructions (baseline process subtracted)")
    print(f"{'method':<10}{'10k':>10}{'40k':>10}{'40k/10k':>10}")
    for method in METHODS[1:]:
        small, large = net[method, SIZES[0]], net[method, SIZES[1]]
        print(f"{method:<10}{small / 1e6:>10.0f}{large / 1e6:>10.0f}{large / small:>9.2f}x")
    print("ratios")
    for words in SIZES:
        for method in ("compare", "engine"):
            ratio = net[method, words] / net["htmldiff", words]
            print(f"  {words // 1000}k  {method}/htmldiff  {ratio:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
