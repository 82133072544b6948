"""Comparisons that the report tests render: each a pair a reader would meet.

Each entry of :data:`PAIRS` builds its comparison when called; the golden files in
``tests/render/golden/`` are named after the keys.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

import revforensics as rf
from revforensics.archive import Capture, Problem, Statement

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "data"
UTC = dt.UTC


def kursk() -> rf.Comparison:
    """The seed case, with full provenance so the citation block has every field."""
    old = rf.Revision(
        (EXAMPLES / "kursk_v1.txt").read_text(encoding="utf-8"),
        label="v1 (08:00)",
        captured_at=dt.datetime(2025, 1, 6, 8, 5, tzinfo=UTC),
        source="https://example.invalid/news/2025-01-06",
    )
    new = rf.Revision(
        (EXAMPLES / "kursk_v2.txt").read_text(encoding="utf-8"),
        label="v2 (edited)",
        captured_at=dt.datetime(2025, 1, 6, 11, 40, tzinfo=UTC),
        source="https://example.invalid/news/2025-01-06",
        raw=b"<p>captured page</p>",
        media_type="text/html",
        extractor="example 1.0",
    )
    return rf.compare(old, new)


def identical() -> rf.Comparison:
    text = "Forces held the line near Pokrovsk.\n\nThe day was quiet. No strikes were reported."
    return rf.compare(rf.Revision(text, label="v1"), rf.Revision(text, label="v2"))


def cosmetic() -> rf.Comparison:
    old = 'The ministry said "all 1,200 troops" returned.  Talks resume on Monday.'
    new = "The ministry said “all 1 200 troops” returned. Talks resume on Monday."
    return rf.compare(rf.Revision(old, label="morning"), rf.Revision(new, label="evening"))


def uk() -> rf.Comparison:
    old = (
        "Сили оборони продовжують операцію в Курській області та розпочали нові наступальні дії.\n\n"
        "За минулу добу відбулося 187 бойових зіткнень. Ворог завдав 4 ракетні удари."
    )
    new = (
        "Сили оборони продовжують операцію в Курській області.\n\n"
        "За минулу добу відбулося 195 бойових зіткнень. Ворог завдав 4 ракетні удари."
    )
    return rf.compare(rf.Revision(old, label="v1"), rf.Revision(new, label="v2"), lang="uk")


def ru() -> rf.Comparison:
    old = (
        "Министерство обороны сообщило, что подразделения уничтожили склад боеприпасов.\n\n"
        "Потери противника составили около 200 человек."
    )
    new = (
        "Министерство обороны сообщило, что подразделения, вероятно, повредили склад боеприпасов.\n\n"
        "Потери противника составили около 200 человек."
    )
    return rf.compare(rf.Revision(old, label="v1"), rf.Revision(new, label="v2"), lang="ru")


def moved() -> rf.Comparison:
    """A sentence moved to the top, one edited, one deleted and one added."""
    old = (
        "Alpha unit advanced two kilometres today. Beta unit was reported near the river. "
        "Gamma unit arrived later in the evening. Delta unit ended the patrol. "
        "Epsilon unit was not deployed."
    )
    new = (
        "Gamma unit arrived later in the evening. Alpha unit advanced two kilometres today. "
        "Beta unit was reported near the bridge. Delta unit ended the patrol. "
        "Officials said the operation would continue."
    )
    return rf.compare(rf.Revision(old, label="v1"), rf.Revision(new, label="v2"), lang="en")


def empty() -> rf.Comparison:
    return rf.compare(rf.Revision("", label="blank"), rf.Revision("Units held.", label="v2"))


def rtl() -> rf.Comparison:
    """Right-to-left text mixed with Latin and digits: Arabic and Hebrew labels and text."""
    old = (
        "أعلنت الوزارة أن 12 جنديا قتلوا في الهجوم. وقال المتحدث إن Kursk region محاصرة.\n\n"
        "הצבא הודיע כי הכוחות התקדמו. The statement was confirmed."
    )
    new = (
        "أعلنت الوزارة أن 15 جنديا قتلوا في الهجوم. وقال المتحدث إن Kursk region محاصرة.\n\n"
        "הצבא הודיע כי הכוחות התקדמו. The statement was reported."
    )
    return rf.compare(rf.Revision(old, label="نسخة 1"), rf.Revision(new, label="גרסה 2"))


def long_identical(sentences: int = 60, edit_at: int | None = 30) -> rf.Comparison:
    """A long statement with one edited sentence in the middle (or none)."""
    old = [f"Sector {n} reported {n + 3} patrols during the night." for n in range(sentences)]
    new = list(old)
    if edit_at is not None:
        new[edit_at] = f"Sector {edit_at} reported {edit_at + 9} patrols during the night."
    return rf.compare(" ".join(old), " ".join(new), lang="en")


PAIRS: dict[str, Callable[[], rf.Comparison]] = {
    "kursk": kursk,
    "identical": identical,
    "cosmetic": cosmetic,
    "uk": uk,
    "ru": ru,
    "moved": moved,
    "empty": empty,
}


# Statement text that tries to run code, load things or open links in a report. Each
# payload would leave a trace a test can look for: the title "PWNED", an element with id
# "pwned", or a navigation away from the page.
PAYLOADS = (
    "<script>document.title='PWNED';document.body.insertAdjacentHTML('beforeend','<p id=pwned>x</p>')</script>",
    "<img src=x onerror=\"document.title='PWNED'\">",
    "<svg onload=\"document.title='PWNED'\"><circle r=1 /></svg>",
    "[click me](javascript:document.title='PWNED') <a href=\"javascript:document.title='PWNED'\">link</a>",
    "javascript:document.title='PWNED' https://example.invalid/track.gif",
    "<iframe srcdoc=\"<script>parent.document.title='PWNED'</script>\"></iframe>",
    '<meta http-equiv="refresh" content="0;url=javascript:document.title=\'PWNED\'">',
    '"><style>body{display:none}</style><p id="pwned">',
    "</textarea></details></title><script>document.title='PWNED'</script>",
)


def hostile() -> rf.Comparison:
    """Every payload deleted, inserted, in a label and in a source: all in the report."""
    old = "The ministry confirmed the strike. " + " ".join(
        f"Note {n} reads {p} in full." for n, p in enumerate(PAYLOADS[:5])
    )
    new = "The ministry reported the strike. " + " ".join(
        f"Note {n} reads {p} in full." for n, p in enumerate(PAYLOADS[4:], 4)
    )
    return rf.compare(
        rf.Revision(
            old, label="<img src=x onerror=\"document.title='PWNED'\">", source=PAYLOADS[3]
        ),
        rf.Revision(
            new, label="v2 <script>document.title='PWNED'</script>", source="javascript:alert(1)"
        ),
        lang="en",
    )


class Element(NamedTuple):
    tag: str
    attrs: dict[str, str]


class Dom(HTMLParser):
    """A flat list of the elements of an HTML document, with its title and text.

    Feed it the page as rendered, or the DOM Chromium dumped after running it.
    """

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.title = ""
        self.text: list[str] = []
        self._in_title = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        self.text.append(data)

    def tags(self, name: str) -> list[Element]:
        return [e for e in self.elements if e.tag == name]

    @property
    def ids(self) -> list[str]:
        return [e.attrs["id"] for e in self.elements if "id" in e.attrs]


# --------------------------------------------------------------------------- chains

DAY = dt.datetime(2024, 5, 1, tzinfo=UTC)
_STAFF = "The General Staff reported 42 attacks near Pokrovsk during the day."
_DRONES = "Air defence units destroyed 12 drones over the Kharkiv region overnight."
_RESCUE = "Rescue teams worked through the night at the damaged depot in Sumy."


def chain_story() -> rf.ChainComparison:
    """A claim softened, lost to an error page, removed, restored; a revert; a quiet run.

    v3 is a 404 page (a suspect capture, held); v4 is compared with v2 across it; v5
    restores the drones claim exactly as v1 had it; v6 and v7 are identical to v5.
    """
    texts = [
        f"{_STAFF} {_DRONES} {_RESCUE}",
        f"{_STAFF} {_DRONES.replace('destroyed', 'reportedly destroyed')} {_RESCUE}",
        "404 Not Found. The page you requested could not be found.",
        f"{_STAFF.replace('42', '45')} {_RESCUE}",
        f"{_STAFF} {_DRONES} {_RESCUE}",
        f"{_STAFF} {_DRONES} {_RESCUE}",
        f"{_STAFF} {_DRONES} {_RESCUE}",
    ]
    times = [(0, 9), (0, 11), (0, 13), (0, 14), (1, 9), (2, 9), (3, 9)]
    revisions = [
        rf.Revision(
            text,
            label=f"v{n}",
            captured_at=DAY + dt.timedelta(days=d, hours=h),
            source=f"https://example.invalid/mod/{n}",
        )
        for n, (text, (d, h)) in enumerate(zip(texts, times, strict=True), 1)
    ]
    return rf.compare_chain(rf.RevisionChain(revisions), comparer=rf.Comparer(lang="en"))


def chain_identical() -> rf.ChainComparison:
    """Four identical captures: every step unchanged."""
    text = f"{_STAFF} {_RESCUE}"
    return rf.compare_chain(rf.RevisionChain([rf.Revision(text) for _ in range(4)]))


def chain_single() -> rf.ChainComparison:
    """One version: nothing to compare."""
    return rf.compare_chain(rf.RevisionChain([rf.Revision(_STAFF, label="only")]))


CHAINS: dict[str, Callable[[], rf.ChainComparison]] = {
    "chain_story": chain_story,
    "chain_identical": chain_identical,
    "chain_single": chain_single,
}


def hostile_chain() -> rf.ChainComparison:
    """Every payload in version labels, sources and texts, removed and restored."""
    base = "The ministry confirmed the strike."
    notes = [f"Note {n} reads {p} in full." for n, p in enumerate(PAYLOADS)]
    texts = [
        f"{base} {' '.join(notes[:5])}",
        f"{base.replace('confirmed', 'reported')} {' '.join(notes[4:])}",
        f"{base} {' '.join(notes[:5])}",
    ]
    labels = [PAYLOADS[1], f"v2 {PAYLOADS[0]}", PAYLOADS[7]]
    sources = [PAYLOADS[3], "javascript:alert(1)", PAYLOADS[6]]
    return rf.compare_chain(
        rf.RevisionChain(
            rf.Revision(text, label=label, source=source)
            for text, label, source in zip(texts, labels, sources, strict=True)
        ),
        comparer=rf.Comparer(lang="en"),
    )


# --------------------------------------------------------------------------- archive

# A capture's text that tries to leave a Markdown fence: runs of backticks up to five, a
# line that is a fence, a tilde fence, and every payload.
HOSTILE_TEXT = (
    "Line with `code` and a ```` run.\n"
    "```\n"
    "`````\n"
    "~~~\n"
    "| a | table | row |\n"
    "# not a heading\n" + "\n".join(PAYLOADS) + "\n"
)


class ArchiveViews(NamedTuple):
    """What the archive commands render, read back from an archive with hostile content."""

    statement: Statement
    log: list[rf.StoredRevision]
    capture: Capture
    stored: rf.StoredRevision
    problems: rf.VerifyReport


def hostile_archive() -> ArchiveViews:
    """A statement whose id, title, source, labels and texts carry every payload.

    Labels hold new lines and ``|`` to try to break out of a table cell; the second
    revision's text is :data:`HOSTILE_TEXT`. ``problems`` is a report of two made-up
    problems whose rows and details carry payloads too.
    """
    sid = "mod|<script>document.title='PWNED'</script>"
    with rf.Archive(":memory:") as archive:
        archive.create_statement(sid, title=PAYLOADS[1], source=PAYLOADS[3])
        archive.add(
            sid,
            rf.Revision("Units held the line.", label="v1\n| evil | cell |", source=PAYLOADS[4]),
        )
        stored = archive.add(
            sid,
            rf.Revision(HOSTILE_TEXT, label=PAYLOADS[2], source="javascript:alert(1)"),
        )
        statement, log = archive.statement(sid), archive.log(sid)
        capture = archive.capture(stored.sha256)
    problems = rf.VerifyReport(
        "<img src=x onerror=\"document.title='PWNED'\">.db",
        [
            Problem("revisions", f"statement {sid!r} seq 2", "link hash differs\n| x | y |"),
            Problem("captures", "sha256 ab12", PAYLOADS[0], statement=sid, seq=1),
        ],
        statements=1,
        revisions=2,
        heads={sid: (2, stored.link_hash)},
    )
    return ArchiveViews(statement, log, capture, stored, problems)
