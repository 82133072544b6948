"""The HTML report in a real browser: headless Chromium from Debian's ``chromium`` package.

Chromium loads each page from a file, runs it (scripts, event handlers and all, had
there been any) and dumps the resulting DOM or takes a screenshot. The tests skip when
``/usr/bin/chromium`` is missing; CI installs it with ``apt-get install -y chromium``.
"""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest

from report_pairs import (
    PAYLOADS,
    Dom,
    chain_story,
    hostile,
    hostile_archive,
    hostile_chain,
    kursk,
)
from revforensics.render.archive import render_capture, render_verify
from revforensics.render.chain_html import render_chain_html
from revforensics.render.html import CONTENT_SECURITY_POLICY, render_html

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="/usr/bin/chromium is missing; install it with: apt-get install -y chromium",
)


def _chromium(tmp_path: Path, page: Path, *args: str) -> str:
    """Run headless Chromium on a local file, with no network use of its own."""
    command = [
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
        f"--user-data-dir={tmp_path / 'profile'}",
        # Let load, error and timer events fire before the DOM is dumped.
        "--virtual-time-budget=2000",
        *args,
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _dump(tmp_path: Path, html: str, name: str = "page.html") -> Dom:
    page = tmp_path / name
    page.write_text(html, encoding="utf-8")
    return Dom(_chromium(tmp_path, page, "--dump-dom"))


def test_page_shows_the_findings(tmp_path):
    """After the page runs, the DOM holds each finding with its badge and explanation."""
    cmp = kursk()
    dom = _dump(tmp_path, render_html(cmp))
    items = [e for e in dom.tags("li") if "finding" in e.attrs.get("class", "")]
    assert len(items) == len(cmp.findings) == 1
    text = " ".join(dom.text)
    assert "assertion removed" in text
    assert cmp.findings[0].explanation in text
    assert dom.title.startswith("What changed: v1 (08:00) → v2 (edited)")


def _assert_nothing_ran(dom: Dom, title: str) -> None:
    assert dom.title == title  # every payload would set it to PWNED
    assert "pwned" not in dom.ids  # or add an element with this id
    live = {"script", "img", "svg", "iframe", "textarea", "object", "embed"}
    assert not [e.tag for e in dom.elements if e.tag in live]
    assert len(dom.tags("style")) == 1  # ours; an injected one could hide the page
    assert not [e for e in dom.elements if any(k.startswith("on") for k in e.attrs)]
    assert all(a.attrs["href"].startswith("#") for a in dom.tags("a"))  # no javascript: link
    assert not [e for e in dom.tags("meta") if e.attrs.get("http-equiv", "").lower() == "refresh"]
    assert "PWNED" in " ".join(dom.text)  # the payloads are on the page, as text


def _hostile_page(report: str) -> str:
    if report == "comparison":
        return render_html(hostile())
    if report == "chain":
        return render_chain_html(hostile_chain())
    views = hostile_archive()
    if report == "archive show":
        return render_capture(views.capture, "html")
    return render_verify(views.problems, "html")


@pytest.mark.parametrize("report", ["comparison", "chain", "archive show", "archive verify"])
@pytest.mark.parametrize("policy", ["with CSP", "without CSP"])
def test_hostile_statement_executes_nothing(tmp_path, policy, report):
    """Scripts, onerror/onload handlers and javascript: links in statements do not run.

    Without the Content-Security-Policy the escaping alone must hold, so both are run. The
    chain report carries the payloads in version labels, sources, claims, findings and
    the side by side of each step; the archive pages in the statement id, the capture's
    text, the archive's path and the problems found.
    """
    page = _hostile_page(report)
    if policy == "without CSP":
        meta = f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        assert meta in page
        page = page.replace(meta, "")
    title = Dom(page).title
    _assert_nothing_ran(_dump(tmp_path, page), title)


@pytest.mark.parametrize("payload", PAYLOADS[:3], ids=["script", "img-onerror", "svg-onload"])
def test_control_the_payloads_do_run_when_not_escaped(tmp_path, payload):
    """Near miss: each payload pasted raw into a page does run in this browser.

    This shows the test above can fail: Chromium here runs scripts and handlers, and the
    dump sees their effect.
    """
    raw = f"<!DOCTYPE html><html><head><title>safe</title></head><body>{payload}</body></html>"
    assert _dump(tmp_path, raw, "raw.html").title == "PWNED"


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("report", ["kursk", "chain"])
def test_screenshot_for_a_person(tmp_path, report):
    """A screenshot of a report is a real picture, far richer than a blank page.

    ``kursk`` is the comparison report of the seed case; ``chain`` the chain report of the
    story chain (timeline, claims, held steps, bridge, revert).
    """
    page = tmp_path / f"{report}.html"
    html = render_html(kursk()) if report == "kursk" else render_chain_html(chain_story())
    page.write_text(html, encoding="utf-8")
    shot, blank_shot = tmp_path / f"{report}.png", tmp_path / "blank.png"
    _chromium(tmp_path, page, f"--screenshot={shot}", "--window-size=1200,1800")
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    _chromium(tmp_path, blank, f"--screenshot={blank_shot}", "--window-size=1200,1800")
    assert _png_size(shot) == (1200, 1800)
    assert _png_size(blank_shot) == (1200, 1800)
    # A white page compresses to a few kilobytes; text, badges and marks do not.
    assert shot.stat().st_size > 5 * blank_shot.stat().st_size
