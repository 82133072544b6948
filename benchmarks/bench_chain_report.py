"""Size and cost of the chain reports against the chain comparison, in one run.

For each Open Terms Archive chain in ``../shared/data/opentermsarchive_pga/*/chain.json``
and for the synthetic 30-version chain of ``bench_chain.py``, it times ``compare_chain``
and each chain renderer (HTML, Markdown, text) and prints the page sizes and the ratio
``render / compare``: rendering must stay a small fraction of comparing.

With ``--pages DIR`` it also writes the HTML pages there, and with ``--shots`` a desktop
screenshot of the story chain of the tests and of the largest chain (headless Chromium,
Debian package ``chromium``).

Run: ``PYTHONPATH=src:tests python benchmarks/bench_chain_report.py [--pages DIR] [--shots]``
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from bench_chain import _ota_chains, _synthetic

from revforensics.chain import ChainComparison, RevisionChain, compare_chain
from revforensics.render.chain_html import render_chain_html
from revforensics.render.chain_markdown import render_chain_markdown
from revforensics.render.chain_text import render_chain_text

CHROMIUM = Path("/usr/bin/chromium")
T = TypeVar("T")
RENDERERS: dict[str, Callable[[ChainComparison], str]] = {
    "html": render_chain_html,
    "md": render_chain_markdown,
    "text": render_chain_text,
}


def _timed(call: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = call()
    return value, time.perf_counter() - start


def _screenshot(page: Path, png: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(  # noqa: S603 - a fixed browser path and our own file
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "--window-size=1200,2400",
                f"--screenshot={png}",
                page.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def main(argv: list[str]) -> int:
    """Print the table; write pages and screenshots when asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, help="write each HTML page into this folder")
    parser.add_argument("--shots", action="store_true", help="screenshot two pages (--pages)")
    args = parser.parse_args(argv)
    chains: list[tuple[str, RevisionChain]] = [*_ota_chains(), ("synthetic-30", _synthetic(30))]
    print(
        f"{'chain':32} {'vers':>4} {'text MB':>7} {'compare s':>9} {'html s':>6} {'html kB':>7} "
        f"{'md kB':>6} {'html/compare':>12} {'all/compare':>11}"
    )
    largest: tuple[int, str] = (0, "")
    for name, chain in chains:
        result, compared = _timed(lambda chain=chain: compare_chain(chain))
        outputs = {}
        spent = {}
        for fmt, render in RENDERERS.items():
            outputs[fmt], spent[fmt] = _timed(lambda render=render, result=result: render(result))
        size = len(outputs["html"].encode())
        chars = sum(len(rev.text) for rev in chain) / 1e6
        print(
            f"{name:32} {len(chain):>4} {chars:>7.2f} {compared:>9.2f} {spent['html']:>6.2f} "
            f"{size / 1e3:>7.0f} {len(outputs['md'].encode()) / 1e3:>6.0f} "
            f"{spent['html'] / compared:>12.2f} {sum(spent.values()) / compared:>11.2f}"
        )
        if args.pages:
            args.pages.mkdir(parents=True, exist_ok=True)
            (args.pages / f"{name}.html").write_text(outputs["html"], encoding="utf-8")
            largest = max(largest, (size, name))
    if args.pages and args.shots and CHROMIUM.exists():
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from report_pairs import chain_story  # noqa: PLC0415 - test data, only here

        story = args.pages / "chain_story.html"
        story.write_text(render_chain_html(chain_story()), encoding="utf-8")
        for page in (story, args.pages / f"{largest[1]}.html"):
            png = page.with_suffix(".png")
            _screenshot(page, png)
            print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
