"""Render the Kursk example as an HTML report and take screenshots a person can look at.

Run ``PYTHONPATH=src python benchmarks/report_screenshot.py [OUTDIR]`` (default
``build/report-screenshots``). It writes ``kursk.html`` with a desktop and a phone
screenshot of it, and the same for a right-to-left example, using headless Chromium
(Debian package ``chromium``). It prints the paths it wrote.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import revforensics as rf
from revforensics.render.html import render_html

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "data"
CHROMIUM = Path("/usr/bin/chromium")
SIZES = {"desktop": "1200,1800", "phone": "390,2400"}


def _screenshot(page: Path, png: Path, size: str) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(  # noqa: S603 - a fixed browser path and our own file
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                f"--window-size={size}",
                f"--screenshot={png}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=90,
        )


def _comparisons() -> dict[str, rf.Comparison]:
    kursk = rf.compare(
        rf.Revision((DATA / "kursk_v1.txt").read_text(encoding="utf-8"), label="v1 (08:00)"),
        rf.Revision((DATA / "kursk_v2.txt").read_text(encoding="utf-8"), label="v2 (edited)"),
    )
    rtl = rf.compare(
        rf.Revision(
            "أعلنت الوزارة أن 12 جنديا قتلوا في الهجوم. وقال المتحدث إن Kursk region محاصرة.",
            label="نسخة 1",
        ),
        rf.Revision(
            "أعلنت الوزارة أن 15 جنديا قتلوا في الهجوم. وقال المتحدث إن Kursk region محاصرة.",
            label="נוסח 2",
        ),
    )
    return {"kursk": kursk, "rtl": rtl}


def main(argv: list[str]) -> int:
    """Write the pages and screenshots; return the exit status."""
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "build" / "report-screenshots"
    out.mkdir(parents=True, exist_ok=True)
    if not CHROMIUM.exists():
        print("no /usr/bin/chromium: install it with apt-get install -y chromium", file=sys.stderr)
        return 1
    for name, cmp in _comparisons().items():
        page = out / f"{name}.html"
        page.write_text(render_html(cmp), encoding="utf-8")
        print(page)
        for label, size in SIZES.items():
            png = out / f"{name}-{label}.png"
            _screenshot(page, png, size)
            print(png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
