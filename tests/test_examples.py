import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _tree(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


def test_kursk_example_puts_the_removed_assertion_first(capsys):
    """examples/kursk.py runs and its top finding is the removed 'new offensive operations'."""
    namespace = runpy.run_path(str(EXAMPLES / "kursk.py"))
    cmp = namespace["main"]()
    top = cmp.findings[0]
    assert top.kind.value == "assertion_removed"
    assert top.old is not None
    assert "new offensive operations" in top.old.text
    assert cmp.old.text[top.old.start : top.old.end] == top.old.text
    assert cmp.cosmetic  # the thousands separators changed too, listed apart
    assert "assertion_removed" in capsys.readouterr().out


def test_uk_travel_advice_chain_tells_the_story_of_each_section(tmp_path, capsys):
    """The real FCDO chain: earthquake removed, Jama Pass added then removed, a no-change day."""
    namespace = runpy.run_path(str(EXAMPLES / "uk_travel_advice_chain.py"))
    result = namespace["main"](tmp_path)
    chain = result.chain
    assert [rev.label for rev in chain] == [
        "2025-05-08",
        "2025-05-09",
        "2026-01-24",
        "2026-01-25",
        "2026-01-27",
        "2026-01-28",
    ]
    assert all(rev.captured_at is not None for rev in chain)
    verdicts = [step.comparison.verdict.value for step in result.steps if not step.bridge]
    assert verdicts == [
        "meaning_changed",
        "meaning_changed",
        "meaning_changed",
        "unchanged",  # the page captured on 25 and 27 January is the same
        "meaning_changed",
    ]
    assert not result.steps[3].findings
    assert not result.suspects

    first, last = result.steps[0], result.steps[-1]
    removed_first = [f.old.text for f in first.findings if f.kind.value == "assertion_removed"]
    assert any("7.4 magnitude earthquake" in text for text in removed_first)
    top = last.findings[0]
    assert top.kind.value == "assertion_removed"
    assert "Jama Pass" in top.old.text
    assert chain[last.old].text[top.old.start : top.old.end] == top.old.text

    # The Jama Pass claim lives from 25 January to its removal on 28 January.
    (jama,) = [line for line in result.lineages if line.text.startswith("Due to bad weather")]
    assert [(e.kind.value, chain[e.version].label) for e in jama.events] == [
        ("introduced", "2026-01-25"),
        ("removed", "2026-01-28"),
    ]
    # The wildfire section, added on 24 January, is still there at the end: no removal.
    (fires,) = [line for line in result.lineages if line.text.startswith("Chile is experiencing")]
    assert [e.kind.value for e in fires.events] == ["introduced"]

    report = tmp_path / "uk-travel-advice-chain.html"
    page = report.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Jama Pass" in page
    assert "2026-01-28" in capsys.readouterr().out


def test_uk_travel_advice_fixture_is_small_and_attributed():
    """The shipped FCDO captures stay small and carry the OGL v3.0 attribution."""
    folder = EXAMPLES / "data" / "uk-travel-advice"
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert size < 100_000
    for name in ("README.md", "NOTICE"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "Open Government Licence v3.0" in text
        assert "https://www.gov.uk/foreign-travel-advice/chile" in text


def test_watch_a_page_reports_a_change_once_then_nothing(tmp_path, capsys):
    """First run archives both captures and reports; a second run adds and rewrites nothing."""
    namespace = runpy.run_path(str(EXAMPLES / "watch_a_page.py"))
    main = namespace["main"]

    first = main(out=tmp_path)
    assert (
        first[0] == "yesterday.html: first capture archived; the next one will be compared with it"
    )
    assert first[1].startswith("today.html: meaning changed, 5 finding(s); report: ")
    report = tmp_path / "watch-report.html"
    page = report.read_text(encoding="utf-8")
    assert "softened" in page
    before = _tree(tmp_path)

    second = main(out=tmp_path)
    assert second == [
        "yesterday.html: nothing changed since the capture of 2025-03-03 08:05 UTC",
        "today.html: nothing changed since the capture of 2025-03-04 08:05 UTC",
    ]
    assert _tree(tmp_path)["watch-report.html"] == before["watch-report.html"]
    assert "nothing changed" in capsys.readouterr().out

    import revforensics as rf

    with rf.Archive(tmp_path / "watch.sqlite") as archive:
        assert len(archive.log("boil-water-notice")) == 2
        assert archive.verify().ok


def test_watch_a_page_tells_a_markup_change_from_an_edit(tmp_path):
    """A new capture whose markup changed but whose text did not is archived, not reported."""
    main = runpy.run_path(str(EXAMPLES / "watch_a_page.py"))["main"]
    page = tmp_path / "notice.html"
    original = (EXAMPLES / "data" / "watch" / "today.html").read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    assert main([str(page)], out=tmp_path) == [
        "notice.html: first capture archived; the next one will be compared with it"
    ]
    page.write_text(original.replace("<footer>", "<footer><p>Follow us.</p>"), encoding="utf-8")
    (line,) = main([str(page)], out=tmp_path)
    assert line.startswith("notice.html: archived; the text is the same as before")
    assert not (tmp_path / "watch-report.html").exists()
    page.write_text(original.replace("4 of the 40", "9 of the 40"), encoding="utf-8")
    (line,) = main([str(page)], out=tmp_path)
    assert line.startswith("notice.html: meaning changed, 1 finding(s)")


@pytest.mark.parametrize("script", sorted(p.name for p in EXAMPLES.glob("*.py")))
def test_every_example_runs(script, tmp_path):
    """Each script in examples/ runs as a journalist would run it, writing only where it runs."""
    before = _tree(EXAMPLES)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    run = subprocess.run(
        [sys.executable, str(EXAMPLES / script)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip()
    assert _tree(EXAMPLES) == before, "an example wrote into examples/"
