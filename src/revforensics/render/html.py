"""A self-contained HTML report: one file to attach to a story, safe to open.

The page makes no request of its own: no scripts, fonts, images or style sheets are
loaded, and a Content-Security-Policy in the page forbids them anyway. Every piece of
statement text, label and source is escaped with :func:`html.escape`; the page has no
link other than to places inside itself, so a URL in a statement stays text.

Word-level marks come from what the comparison already holds, never from a new diff: the
evidence spans of each finding (``<del>`` in the old text, ``<ins>`` in the new) and the
spans of cosmetic edits (dotted underline). A finding's empty span, which marks where
words were taken out, shows as a caret.

The same renderer gives :meth:`Comparison._repr_html_` its fragment for Jupyter.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from revforensics._version import __version__
from revforensics.findings import Comparison, Finding, FindingKind, Verdict
from revforensics.lexicon import LEXICON_VERSION
from revforensics.model import Link, Revision, Sentence, Span
from revforensics.render._common import (
    DIGEST_LABEL,
    DIGEST_NOTE,
    VERDICTS,
    cosmetic_counts,
    summary,
    visible,
)

__all__ = ["CONTENT_SECURITY_POLICY", "render_html", "render_html_fragment"]

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; "
    "base-uri 'none'; form-action 'none'"
)
"""The page's policy: inline styles only; no script, image, font, frame or connection."""

# Evidence that locates a finding rather than being the change itself.
_NOT_MARKED = frozenset({"context", "moved", "watched"})
# Runs of at least this many unchanged sentences are folded away, with one sentence of
# context kept on each side of a change.
_FOLD_AT = 4
_UNSAFE = re.compile(r"[\x00\ud800-\udfff]")


def _e(text: str) -> str:
    """Escape text for element content and attribute values alike."""
    # NUL and lone surrogates cannot be written as UTF-8 HTML: show U+FFFD instead.
    return html.escape(_UNSAFE.sub("\ufffd", text), quote=True)


class _Mark(NamedTuple):
    start: int
    end: int
    tag: str  # "del", "ins", "cos" or "caret"
    title: str


_PRIORITY = {"del": 2, "ins": 2, "cos": 1}


def _finding_marks(rank: int, finding: Finding, side: str) -> Iterable[_Mark]:
    if finding.kind is FindingKind.MOVED:
        return
    title = f"finding {rank}: {finding.kind.value.replace('_', ' ')}"
    spans = [e.span for e in finding.evidence if e.side == side and e.kind not in _NOT_MARKED]
    if not spans:
        whole = finding.old if side == "old" else finding.new
        spans = [whole] if whole is not None else []
    for span in spans:
        if span.start == span.end:
            yield _Mark(span.start, span.end, "caret", f"{title}: words taken out here")
        else:
            yield _Mark(span.start, span.end, "del" if side == "old" else "ins", title)


def _marks(cmp: Comparison, side: str) -> list[_Mark]:
    marks = [
        mark
        for rank, finding in enumerate(cmp.findings, 1)
        for mark in _finding_marks(rank, finding, side)
    ]
    for edit in cmp.cosmetic:
        span = edit.old if side == "old" else edit.new
        if span.start < span.end:
            marks.append(_Mark(span.start, span.end, "cos", f"cosmetic: {edit.subtype.value}"))
    return sorted(marks)


class _Side:
    """One revision's sentences and marks, with look-ups by offset."""

    def __init__(self, name: str, sentences: Sequence[Sentence], marks: list[_Mark]) -> None:
        self.name = name
        self.sentences = sentences
        self.starts = [s.span.start for s in sentences]
        self.marks = marks
        self.mark_starts = [m.start for m in marks]

    def sentence_at(self, pos: int) -> int | None:
        """The index of the sentence holding ``pos``, or of the last one starting before."""
        i = bisect.bisect_right(self.starts, pos) - 1
        return i if i >= 0 else (0 if self.sentences else None)

    def marks_in(self, span: Span) -> list[_Mark]:
        hi = bisect.bisect_right(self.mark_starts, span.end)
        return [
            m
            for m in self.marks[:hi]
            if m.end > span.start or (m.tag == "caret" and m.start >= span.start)
        ]

    def sentence_html(self, index: int, prefix: str) -> str:
        sentence = self.sentences[index]
        return (
            f'<span class="s" id="{prefix}{self.name[0]}{index}">'
            f'<span class="num" aria-hidden="true">{index + 1}</span>'
            f"{_marked(sentence.span, self.marks_in(sentence.span))}</span>"
        )


def _marked(span: Span, marks: Sequence[_Mark]) -> str:
    """The span's text with each mark's characters wrapped; the strongest mark wins."""
    text, base = span.text, span.start
    carets: dict[int, list[_Mark]] = defaultdict(list)
    cuts = {0, len(text)}
    ranges = []
    for mark in marks:
        start, end = max(mark.start - base, 0), min(mark.end - base, len(text))
        if mark.tag == "caret":
            if 0 <= start <= len(text):
                carets[start].append(mark)
                cuts.add(start)
            continue
        if start < end:
            ranges.append((start, end, mark))
            cuts.update((start, end))
    points = sorted(cuts)
    out: list[str] = []
    for a, b in itertools.pairwise(points):
        out.extend(
            f'<span class="caret" title="{_e(c.title)}" role="img" aria-label="{_e(c.title)}">'
            "‸</span>"
            for c in carets.pop(a, [])
        )
        covering = [m for s, e, m in ranges if s <= a and b <= e]
        piece = _e(text[a:b])
        if not covering:
            out.append(piece)
            continue
        top = max(covering, key=lambda m: _PRIORITY[m.tag])
        tag = "span" if top.tag == "cos" else top.tag
        css = ' class="cos"' if top.tag == "cos" else ""
        out.append(f'<{tag}{css} title="{_e(top.title)}">{piece}</{tag}>')
    out.extend(
        f'<span class="caret" title="{_e(c.title)}" role="img" aria-label="{_e(c.title)}">‸</span>'
        for rest in carets.values()
        for c in rest
    )
    return "".join(out)


class _Row(NamedTuple):
    css: str
    old: str
    new: str
    plain: bool


class _Grid:
    """Rows of the side-by-side view, in the new text's reading order."""

    def __init__(self, cmp: Comparison, prefix: str) -> None:
        self.cmp = cmp
        self.prefix = prefix
        self.old = _Side("old", cmp.old_sentences, _marks(cmp, "old"))
        self.new = _Side("new", cmp.new_sentences, _marks(cmp, "new"))

    def cell(self, side: _Side, indices: Sequence[int], note: str = "") -> str:
        lang = self.cmp.languages[0 if side.name == "old" else 1]
        body = " ".join(side.sentence_html(i, self.prefix) for i in indices)
        return (
            f'<div class="cell {side.name}" data-side="{side.name}" dir="auto" lang="{_e(lang)}">'
            f"{note}{body}</div>"
        )

    def empty(self, side: str) -> str:
        return f'<div class="cell {side} none" data-side="{side}"></div>'

    def plain(self, side: _Side, indices: Sequence[int]) -> bool:
        return not any(side.marks_in(side.sentences[i].span) for i in indices)

    def row(self, link: Link) -> _Row:
        if link.moved:
            first_old = link.old[0]
            back = (
                f'<a class="move" href="#{self.prefix}o{first_old}">'
                f"↑ moved here from old sentence {first_old + 1}</a>"
            )
            note = f'<div class="cell old none" data-side="old">{back}</div>'
            css = f"row moved {link.op}"
            return _Row(css, note, self.cell(self.new, link.new), plain=False)
        if link.op == "deleted":
            return _Row(
                "row deleted", self.cell(self.old, link.old), self.empty("new"), plain=False
            )
        if link.op == "inserted":
            return _Row(
                "row inserted", self.empty("old"), self.cell(self.new, link.new), plain=False
            )
        plain = (
            link.op == "equal" and self.plain(self.old, link.old) and self.plain(self.new, link.new)
        )
        return _Row(
            f"row {link.op}", self.cell(self.old, link.old), self.cell(self.new, link.new), plain
        )

    def origin(self, link: Link) -> _Row:
        """Where a moved sentence stood in the old text, linked to where it went."""
        first_new = link.new[0]
        note = (
            f'<a class="move" href="#{self.prefix}n{first_new}">'
            f"↓ moved to new sentence {first_new + 1}</a>"
        )
        return _Row(
            "row origin", self.cell(self.old, link.old, note), self.empty("new"), plain=False
        )

    def rows(self) -> list[_Row]:
        links = self.cmp.alignment
        row_of_old = {i: r for r, link in enumerate(links) if not link.moved for i in link.old}
        anchors = sorted(row_of_old)
        after: dict[int, list[Link]] = defaultdict(list)
        for link in links:
            if link.moved and link.old:
                k = bisect.bisect_left(anchors, link.old[0]) - 1
                after[row_of_old[anchors[k]] if k >= 0 else -1].append(link)
        rows = [self.origin(link) for link in after.get(-1, [])]
        for r, link in enumerate(links):
            rows.append(self.row(link))
            rows.extend(self.origin(moved) for moved in after.get(r, []))
        return rows


def _row_html(row: _Row) -> str:
    return f'<div class="{row.css}">{row.old}{row.new}</div>'


def _folded(rows: Sequence[_Row]) -> str:
    """Rows with long runs of unchanged sentences folded into ``<details>``."""
    out: list[str] = []
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and rows[j].plain:
            j += 1
        if j == i:
            out.append(_row_html(rows[i]))
            i += 1
            continue
        run = rows[i:j]
        lead = 1 if i > 0 else 0  # context after the change before the run
        tail = 1 if j < len(rows) else 0  # and before the change after it
        if len(run) >= _FOLD_AT and len(run) - lead - tail >= 2:
            hidden = run[lead : len(run) - tail]
            out.extend(_row_html(row) for row in run[:lead])
            out.append(
                f'<details class="same"><summary>{len(hidden)} unchanged sentences</summary>'
                f"{''.join(_row_html(row) for row in hidden)}</details>"
            )
            out.extend(_row_html(row) for row in run[len(run) - tail :])
        else:
            out.extend(_row_html(row) for row in run)
        i = j
    return "".join(out)


def _where(side: str, span: Span | None, *, changed: bool = True) -> str:
    if span is None:
        return f"<dt>{side}</dt><dd>(none)</dd>"
    if span.start == span.end:
        return f"<dt>{side}</dt><dd>at {span.start} (nothing)</dd>"
    tag = ("del" if side == "old" else "ins") if changed else "span"
    return (
        f"<dt>{side} [{span.start}:{span.end}]</dt>"
        f'<dd dir="auto"><{tag}>{_e(span.text)}</{tag}></dd>'
    )


def _finding_html(rank: int, finding: Finding, grid: _Grid) -> str:
    level = finding.level.value
    kind = finding.kind.value
    changed = finding.kind is not FindingKind.MOVED  # a move deletes and inserts nothing
    links = []
    for side, span in ((grid.old, finding.old), (grid.new, finding.new)):
        index = side.sentence_at(span.start) if span is not None else None
        if index is not None:
            links.append(
                f'<a href="#{grid.prefix}{side.name[0]}{index}">'
                f"{side.name} sentence {index + 1}</a>"
            )
    return (
        f'<li class="finding lv-{level}" id="{grid.prefix}f{rank}">'
        f'<div class="head"><span class="rank">{rank}</span> '
        f'<span class="badge kind k-{kind}">{kind.replace("_", " ")}</span> '
        f'<span class="badge level lv-{level}">{level} · {finding.severity}</span></div>'
        f'<p class="expl" dir="auto">{_e(finding.explanation)}</p>'
        f'<dl class="where">{_where("old", finding.old, changed=changed)}'
        f"{_where('new', finding.new, changed=changed)}</dl>"
        f'<p class="meta">{" · ".join(links)}{" · " if links else ""}'
        f"rule <code>{_e(finding.rule)}</code></p></li>"
    )


def _cosmetic_html(cmp: Comparison) -> str:
    if not cmp.cosmetic:
        return ""
    counts = ", ".join(f"{n} {kind}" for kind, n in cosmetic_counts(cmp))
    rows = "".join(
        f"<tr><td>{n}</td><td>{edit.subtype.value}</td>"
        f'<td dir="auto">[{edit.old.start}:{edit.old.end}] <q>{_e(visible(edit.old.text))}</q></td>'
        f'<td dir="auto">[{edit.new.start}:{edit.new.end}] <q>{_e(visible(edit.new.text))}</q></td>'
        "</tr>"
        for n, edit in enumerate(cmp.cosmetic, 1)
    )
    return (
        '<section class="cosmetic" aria-label="cosmetic edits">'
        f"<h2>Cosmetic edits</h2><details><summary>{len(cmp.cosmetic)} "
        f"cosmetic edit{'s' if len(cmp.cosmetic) != 1 else ''} ({counts}): changes of form only"
        '</summary><div class="scroll"><table><thead><tr><th>#</th><th>subtype</th>'
        f"<th>old</th><th>new</th></tr></thead><tbody>{rows}</tbody></table></div></details>"
        "</section>"
    )


def citation_html(revisions: Sequence[tuple[str, Revision, str]]) -> str:
    """The citation block: one card per revision with its hashes, source and capture time.

    Args:
        revisions: ``(role, revision, language)`` for each revision, in order; a chain
            report passes all of its versions.
    """
    cards = []
    note = ""
    if any(rev.digest is not None for _, rev, _ in revisions):
        note = " " + _e(DIGEST_NOTE)
    for role, rev, lang in revisions:
        rows = [
            ("label", _e(rev.label or role)),
            ("source", _e(rev.source) if rev.source else "—"),
            ("captured at", _e(rev.captured_at.isoformat()) if rev.captured_at else "—"),
            ("language", _e(lang)),
            ("characters", str(len(rev.text))),
            ("SHA-256 of the text", f"<code>{rev.sha256}</code>"),
            ("SHA-256 of the capture", f"<code>{rev.raw_sha256}</code>"),
        ]
        if rev.raw is not None:
            rows.append(("media type", _e(rev.media_type) if rev.media_type else "—"))
            rows.append(("extractor", _e(rev.extractor) if rev.extractor else "—"))
        if rev.digest is not None:
            rows.append((_e(DIGEST_LABEL), f"<code>{_e(rev.digest)}</code>"))
        body = "".join(f'<dt>{name}</dt><dd dir="auto">{value}</dd>' for name, value in rows)
        cards.append(
            f'<div class="card"><h3>{_e(role)}: <bdi>{_e(rev.label or role)}</bdi></h3>'
            f"<dl>{body}</dl></div>"
        )
    return (
        '<section class="citation" aria-label="citation"><h2>Citation</h2>'
        f'<div class="cards">{"".join(cards)}</div>'
        f'<p class="engine">Compared by revforensics {_e(__version__)} '
        f"(lexicon {_e(LEXICON_VERSION)}). Offsets are code points into each original text, "
        "half-open [start:end). The SHA-256 of the capture hashes the raw bytes when the text "
        f"was extracted from a page, and the text otherwise.{note}</p></section>"
    )


_LEGEND = (
    '<p class="legend"><del>deleted</del> <ins>inserted</ins> '
    '<span class="cos">cosmetic</span> <span class="caret">‸</span> words taken out here</p>'
)


def _body(cmp: Comparison, prefix: str) -> str:
    grid = _Grid(cmp, prefix)
    old_label, new_label = (
        _e(rev.label or side) for side, rev in (("old", cmp.old), ("new", cmp.new))
    )
    parts = [
        f"<header><h1>What changed: <bdi>{old_label}</bdi> → <bdi>{new_label}</bdi></h1>",
        (
            f'<p class="verdict v-{cmp.verdict.value}"><strong>Verdict:</strong> '
            f"{_e(VERDICTS[cmp.verdict])}. {_e(summary(cmp))}.</p>"
        ),
        (
            f'<nav aria-label="sections"><a href="#{prefix}findings">Findings</a> · '
            f'<a href="#{prefix}text">Side by side</a> · '
            f'<a href="#{prefix}cite">Citation</a></nav></header>'
        ),
        (
            f'<section id="{prefix}findings" aria-labelledby="{prefix}h-find">'
            f'<h2 id="{prefix}h-find">Findings, most severe first</h2>'
        ),
    ]
    if cmp.findings:
        items = "".join(_finding_html(n, f, grid) for n, f in enumerate(cmp.findings, 1))
        parts.append(f'<ol class="findings">{items}</ol>')
    else:
        nothing = (
            "the texts are identical"
            if cmp.verdict is Verdict.UNCHANGED
            else "only the form changed"
        )
        parts.append(f'<p class="none">No findings: {nothing}.</p>')
    parts.append("</section>")
    parts.append(
        f'<section id="{prefix}text" aria-labelledby="{prefix}h-text">'
        f'<h2 id="{prefix}h-text">Side by side</h2>{_LEGEND}'
        f'<div class="grid"><div class="row labels" aria-hidden="true">'
        f"<div><bdi>{old_label}</bdi> (old)</div><div><bdi>{new_label}</bdi> (new)</div></div>"
        f"{_folded(grid.rows())}</div></section>"
    )
    parts.append(_cosmetic_html(cmp))
    parts.append(
        f'<div id="{prefix}cite">'
        + citation_html([("old", cmp.old, cmp.languages[0]), ("new", cmp.new, cmp.languages[1])])
        + "</div>"
    )
    return "".join(parts)


CSS = """
.rf{--bg:#fff;--fg:#1d1d1f;--muted:#5b5b66;--line:#d3d6dc;--card:#f6f7f9;
--del:#ffe0e0;--del-fg:#8a0010;--ins:#d9f4de;--ins-fg:#0a5a1f;--cos:#6b4fbf;--focus:#1558d6;
--critical:#9b0015;--high:#b34700;--medium:#7a5d00;--low:#36587a;--info:#555;
font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;
color:var(--fg);background:var(--bg);max-width:84rem;margin:0 auto;padding:1rem}
@media (prefers-color-scheme:dark){.rf{--bg:#15161a;--fg:#ececf1;--muted:#a8a8b3;
--line:#3a3d45;--card:#1f2127;--del:#4a1a1f;--del-fg:#ffb3ba;--ins:#173b22;--ins-fg:#a8f0b8;
--cos:#c4b0ff;--focus:#8ab4ff;--critical:#ff8a96;--high:#ffb273;--medium:#f0d060;
--low:#9cc2ea;--info:#bbb}}
.rf *{box-sizing:border-box}
.rf h1{font-size:1.5rem;line-height:1.25;margin:.2rem 0 .6rem;overflow-wrap:anywhere}
.rf h2{font-size:1.2rem;margin:1.6rem 0 .6rem;border-bottom:1px solid var(--line)}
.rf h3{font-size:1rem;margin:0 0 .4rem;overflow-wrap:anywhere}
.rf a{color:var(--focus)}
.rf a:focus-visible,.rf summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px;
border-radius:2px}
.rf :target{outline:3px solid var(--focus);outline-offset:2px}
.rf summary{cursor:pointer;padding:.3rem 0;color:var(--muted)}
.rf code{font:.85em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
overflow-wrap:anywhere}
.rf .verdict{padding:.6rem .8rem;border-left:.35rem solid var(--muted);background:var(--card)}
.rf .v-meaning_changed{border-color:var(--critical)}
.rf .v-cosmetic{border-color:var(--cos)}
.rf .v-unchanged{border-color:var(--ins-fg)}
.rf ol.findings{list-style:none;padding:0;margin:0}
.rf .finding{border:1px solid var(--line);border-left:.35rem solid var(--info);
border-radius:.3rem;padding:.6rem .8rem;margin:0 0 .8rem;background:var(--bg)}
.rf .finding.lv-critical{border-left-color:var(--critical)}
.rf .finding.lv-high{border-left-color:var(--high)}
.rf .finding.lv-medium{border-left-color:var(--medium)}
.rf .finding.lv-low{border-left-color:var(--low)}
.rf .rank{font-weight:700;margin-right:.2rem}
.rf .badge{display:inline-block;font-size:.8rem;font-weight:600;padding:.05rem .5rem;
border-radius:1rem;border:1px solid currentColor;white-space:nowrap}
.rf .badge.kind{color:var(--fg);background:var(--card)}
.rf .badge.lv-critical{color:var(--critical)}.rf .badge.lv-high{color:var(--high)}
.rf .badge.lv-medium{color:var(--medium)}.rf .badge.lv-low{color:var(--low)}
.rf .badge.lv-info{color:var(--info)}
.rf .expl{margin:.4rem 0}
.rf dl.where{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:.3rem 0}
.rf dl.where dt{color:var(--muted);font-size:.9rem}
.rf dl.where dd{margin:0;overflow-wrap:anywhere;white-space:pre-wrap}
.rf .meta{font-size:.85rem;color:var(--muted);margin:.3rem 0 0}
.rf del{background:var(--del);color:var(--del-fg);text-decoration:line-through}
.rf ins{background:var(--ins);color:var(--ins-fg);text-decoration:underline}
.rf .cos{text-decoration:underline dotted var(--cos) 2px;text-underline-offset:3px}
.rf .caret{color:var(--del-fg);font-weight:700;padding:0 .1rem}
.rf .legend{font-size:.85rem;color:var(--muted)}
.rf .grid{border:1px solid var(--line);border-radius:.3rem}
.rf .row{display:grid;grid-template-columns:1fr 1fr;border-top:1px solid var(--line)}
.rf .row.labels{border-top:0;font-weight:600;font-size:.9rem;background:var(--card)}
.rf .row.labels>div{padding:.4rem .6rem;overflow-wrap:anywhere}
.rf .cell{padding:.4rem .6rem;white-space:pre-wrap;overflow-wrap:anywhere;min-width:0}
.rf .cell+.cell{border-left:1px solid var(--line)}
.rf .cell.none{background:var(--card)}
.rf .row.deleted .cell.old{background:var(--del)}
.rf .row.inserted .cell.new{background:var(--ins)}
.rf .row.origin .cell.old{color:var(--muted)}
.rf .num{display:inline-block;min-width:1.6em;font-size:.75rem;color:var(--muted);
user-select:none}
.rf .move{font-size:.85rem;white-space:normal}
.rf .row.origin .move{display:block}
.rf details.same{border-top:1px solid var(--line);padding:0 .6rem}
.rf details.same[open]{padding:0}
.rf details.same[open]>summary{padding:.3rem .6rem}
.rf .scroll{overflow-x:auto}
.rf table{border-collapse:collapse;width:100%;font-size:.9rem}
.rf th,.rf td{border:1px solid var(--line);padding:.3rem .5rem;text-align:start;
vertical-align:top;overflow-wrap:anywhere}
.rf .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:.8rem}
.rf .card{border:1px solid var(--line);border-radius:.3rem;padding:.6rem .8rem;
background:var(--card)}
.rf .card dl{margin:0}.rf .card dt{font-size:.8rem;color:var(--muted)}
.rf .card dd{margin:0 0 .3rem;overflow-wrap:anywhere}
.rf .engine{font-size:.85rem;color:var(--muted)}
@media (max-width:48rem){.rf{padding:.6rem}
.rf .row{grid-template-columns:1fr}
.rf .row.labels{display:none}
.rf .cell+.cell{border-left:0;border-top:1px dashed var(--line)}
.rf .cell.none:empty{display:none}
.rf .cell::before{content:attr(data-side);display:block;font-size:.7rem;
text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}}
@media print{.rf details>*{display:block}}
"""
"""The report's style sheet; every rule is scoped to ``.rf`` so a notebook's page is untouched."""


def _compact(css: str) -> str:
    return "".join(line.strip() for line in css.strip().splitlines())


def render_html(cmp: Comparison) -> str:
    """A self-contained HTML page: findings, side-by-side text, cosmetic edits, citation.

    The page needs no network and runs no script. It reads well on a phone (the two
    columns stack), works from the keyboard (every link and fold is focusable, with a
    visible focus ring) and shows right-to-left and mixed-script text in its own direction.

    Args:
        cmp: The comparison to report; nothing is recomputed.

    Returns:
        The page, ending with a newline.

    Example:
        >>> from revforensics.compare import compare
        >>> from revforensics.model import Revision
        >>> old = Revision("Units held the line.", label="<b>v1</b>")
        >>> page = render_html(compare(old, "Units held."))
        >>> page.startswith("<!DOCTYPE html>"), "<b>" in page, "&lt;b&gt;v1" in page
        (True, False, True)

    .. versionadded:: 0.1
    """
    old, new = (rev.label or side for side, rev in (("old", cmp.old), ("new", cmp.new)))
    title = f"What changed: {old} → {new} ({cmp.verdict.value.replace('_', ' ')})"
    return page(title, _body(cmp, ""))


def page(title: str, body: str, css: str = CSS) -> str:
    """The page shell every report shares: strict policy, viewport, title, scoped style.

    Args:
        title: The page title, as plain text (it is escaped here).
        body: The report's HTML, already escaped, placed in ``<main class="rf">``.
        css: The style sheet.
    """
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="generator" content="revforensics">'
        f"<title>{_e(title)}</title><style>{_compact(css)}</style></head>\n"
        f'<body><main class="rf">{body}</main></body></html>\n'
    )


def render_html_fragment(cmp: Comparison) -> str:
    """The report as an HTML fragment with its own scoped style, for Jupyter and embedding.

    Its ids start with a prefix made from the two texts' hashes, so several reports can
    share one page without their links crossing.

    Example:
        >>> from revforensics.compare import compare
        >>> compare("Units held.", "Units held.")._repr_html_().startswith('<div class="rf"')
        True
    """
    prefix = f"rf-{cmp.old.sha256[:8]}-{cmp.new.sha256[:8]}-"
    return f'<div class="rf"><style>{_compact(CSS)}</style>{_body(cmp, prefix)}</div>'
