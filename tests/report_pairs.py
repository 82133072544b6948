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
