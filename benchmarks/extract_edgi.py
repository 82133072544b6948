"""Check HTML extraction (``revforensics.ingest.html``, trafilatura) on EDGI's federal pages.

What is measured, per page of ``shared/data/edgi`` (12 ``processing_archives`` pages and
4 ``diff_fixtures`` pages, US federal sites, 2017):

* ``chars`` and ``blocks``: length of the extracted text and its number of blank-line
  separated blocks (paragraphs, headings, lists);
* ``naive``: length of a naive dump of every text node (``html.parser``, script and style
  skipped), for scale;
* ``leaks``: which site-chrome markers appear in the extracted text. The markers are
  strings seen in these pages' navigation and footers (skip links, "Privacy Policy",
  "Contact Us", social-media buttons, "USA.gov", ...); each appears in the naive dump;
* ``ratio``: wall-clock time of ``revision_from_html`` (decode + trafilatura +
  layout) over that of the naive dump, median of ``--repeat`` interleaved runs
  (``time.perf_counter()``).

Per pair it also says whether the before and after texts differ, next to EDGI's own
label (``insignificant`` changes should ideally leave the extracted text unchanged;
``significant`` ones must not).

Run from the repository root (needs the ``[html]`` extra)::

    PYTHONPATH=src python benchmarks/extract_edgi.py            # 5 repetitions
    PYTHONPATH=src python benchmarks/extract_edgi.py --repeat 1
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

from revforensics.ingest.html import revision_from_html

EDGI = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "edgi"

# Strings of these sites' navigation, share bars and footers (seen in the naive dumps).
BOILERPLATE = (
    "Skip to main content",
    "Jump to main content",
    "Jump to Content",
    "Toggle navigation",
    "Search form",
    "Privacy Policy",
    "Contact Us",
    "Accessibility",
    "USA.gov",
    "Facebook",
    "Twitter",
    "All rights reserved",
    "Back to Top",
    "End of web page",
)


class _Dump(HTMLParser):
    """Every text node, script and style skipped: the naive baseline."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:  # noqa: ARG002 - API
        if tag in {"script", "style"}:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.parts.append(data.strip())


def naive_text(raw: bytes) -> str:
    """Decode as UTF-8 (replacing errors) and join every text node with newlines."""
    dump = _Dump()
    dump.feed(raw.decode("utf-8", "replace"))
    dump.close()
    return "\n".join(dump.parts)


def _median_time(func: object, raw: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func(raw)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    """Print the per-page table and the per-pair check."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not EDGI.is_dir():
        print(f"no EDGI data at {EDGI}", file=sys.stderr)
        return 1
    pairs = [json.loads(line) for line in (EDGI / "edgi_pairs.jsonl").open(encoding="utf-8")]
    revision_from_html(b"<p>warm up: load trafilatura and lxml once</p>")

    print(f"{'page':52} {'chars':>6} {'blocks':>6} {'naive':>6} {'ratio':>6}  leaks")
    texts: dict[str, str] = {}
    ratios = []
    leaked_pages = 0
    for pair in pairs:
        for key in ("before_file", "after_file"):
            name = pair[key]
            raw = (EDGI / name).read_bytes()
            text = revision_from_html(raw).text
            naive = naive_text(raw)
            t_naive, t_ours = 0.0, 0.0
            for _ in range(args.repeat):  # interleave the two so drift hits both
                t_naive += _median_time(naive_text, raw, 1)
                t_ours += _median_time(revision_from_html, raw, 1)
            ratio = t_ours / t_naive
            ratios.append(ratio)
            leaks = [m for m in BOILERPLATE if m in text]
            leaked_pages += bool(leaks)
            texts[name] = text
            blocks = len([b for b in text.split("\n\n") if b.strip()])
            short = name.split("__")[0] + ("-after" if "__after__" in name else "")
            short = short if "__" in name else name
            print(
                f"{short[:52]:52} {len(text):6} {blocks:6} {len(naive):6} {ratio:6.1f}  "
                f"{', '.join(leaks) or '-'}"
            )
    print(
        f"\n{len(ratios)} pages; pages with a boilerplate marker: {leaked_pages}; "
        f"time ratio trafilatura/naive: median {statistics.median(ratios):.1f}x, "
        f"range {min(ratios):.1f}-{max(ratios):.1f}x"
    )
    print(f"\n{'pair':36} {'EDGI label':14} text changed")
    for pair in pairs:
        changed = texts[pair["before_file"]] != texts[pair["after_file"]]
        label = pair["labels"]["significance"] or "-"
        print(f"{pair['id']:36} {label:14} {'yes' if changed else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
