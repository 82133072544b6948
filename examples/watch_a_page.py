"""Watch a page: archive each new capture, compare it with the last one, report changes.

Run it with ``python examples/watch_a_page.py``. It keeps an archive, ``watch.sqlite``,
in the current folder and writes ``watch-report.html`` there when the page changed.

With no arguments it replays a demonstration: two captures of an invented press release
(``data/watch/yesterday.html`` then ``today.html``, with fixed capture times). The first
run archives both and reports what today's capture changed; run it again and it says
nothing changed, because both captures are already in the archive.

To watch a page of your own, save it (for example with ``curl -o page.html URL``) and
run ``python examples/watch_a_page.py page.html`` after each save, from a scheduled job.
The archive keeps each page's captures under the page's file name (``page``). Each
capture is stored with the time you ran the script; a capture identical to the last one
is recognised and nothing is added.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import revforensics as rf
from revforensics.ingest import read_html_file

DATA = Path(__file__).resolve().parent / "data" / "watch"
DEMO = (
    (DATA / "yesterday.html", dt.datetime(2025, 3, 3, 8, 5, tzinfo=dt.UTC)),
    (DATA / "today.html", dt.datetime(2025, 3, 4, 8, 5, tzinfo=dt.UTC)),
)
DEMO_STATEMENT = "boil-water-notice"
ARCHIVE = "watch.sqlite"
REPORT = "watch-report.html"


def watch(
    archive: rf.Archive, statement: str, page: Path, captured_at: dt.datetime, out: Path
) -> str:
    """Archive a capture of ``page`` as ``statement``; compare it with the one before.

    Returns:
        One line for the job's log. When the page changed, the HTML report is written to
        ``out / REPORT`` and the line names it.
    """
    capture = read_html_file(
        page, label=captured_at.strftime("%Y-%m-%d %H:%M UTC"), captured_at=captured_at
    )
    stored = archive.add(statement, capture, create=True)
    if stored.duplicate:
        return f"{page.name}: nothing changed since the capture of {stored.revision.label}"
    if stored.seq == 1:
        return f"{page.name}: first capture archived; the next one will be compared with it"
    previous = archive.log(statement)[stored.seq - 2].revision
    comparison = rf.compare(previous, stored.revision)
    if comparison.verdict is rf.Verdict.UNCHANGED:
        return f"{page.name}: archived; the text is the same as before (the page's markup changed)"
    report = out / REPORT
    report.write_text(rf.render_html(comparison), encoding="utf-8")
    return (
        f"{page.name}: {comparison.verdict.value.replace('_', ' ')}, "
        f"{len(comparison.findings)} finding(s); report: {report}"
    )


def main(pages: list[str] | None = None, out: Path | None = None) -> list[str]:
    """Watch the given pages (or replay the demonstration); print and return the log lines."""
    out = out or Path.cwd()
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    if pages:  # each page is its own statement, named after its file
        captures = [(Path(p).stem, Path(p), now) for p in pages]
    else:
        captures = [(DEMO_STATEMENT, page, when) for page, when in DEMO]
    with rf.Archive(out / ARCHIVE) as archive:
        lines = [watch(archive, *capture, out) for capture in captures]
    for line in lines:
        print(line)
    return lines


if __name__ == "__main__":
    main(sys.argv[1:])
