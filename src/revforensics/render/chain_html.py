"""A self-contained HTML report of a chain: timeline, claims, steps, net, citation.

It is built from the comparison report's parts (:mod:`revforensics.render.html`): the
same page shell and Content-Security-Policy, style sheet, escaping, finding cards,
side-by-side rows and citation block. So it is one file, runs no script, loads nothing,
and every piece of statement text, label and source in it is escaped.

A chain can be long, so the page stays readable and small:

- the timeline folds runs of identical captures into one row;
- each step shows its top :data:`TOP_FINDINGS` findings, the next ones up to
  :data:`MAX_FINDINGS` folded away, and says how many more the JSON report holds;
- a step's side by side shows only the changed sentences with one sentence of context
  on each side (at most :data:`MAX_ROWS` rows), folded in ``<details>``; unchanged text
  is counted, not repeated;
- runs of steps without findings take one line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from revforensics.chain import ChainComparison, Lineage, LineageEvent, Step
from revforensics.findings import Verdict
from revforensics.render._chain import (
    NOTES_TITLE,
    VersionRow,
    changed_lineages,
    is_quiet,
    note_line,
    quiet_summary,
    step_groups,
    story,
    version_rows,
)
from revforensics.render._common import VERDICTS, summary
from revforensics.render.html import (
    _LEGEND,
    CSS,
    _compact,
    _e,
    _finding_html,
    _Grid,
    _row_html,
    citation_html,
    page,
)

__all__ = [
    "MAX_FINDINGS",
    "MAX_ROWS",
    "TOP_FINDINGS",
    "render_chain_html",
    "render_chain_html_fragment",
]

TOP_FINDINGS = 5
"""Findings shown open in each step; the next ones are folded away."""
MAX_FINDINGS = 60
"""Findings written per step at most (open and folded). A rewrite of a long policy can
produce hundreds in one step; past this many the page says how many more the JSON report
(``--format json``) holds, so the page stays small enough to open and mail."""
MAX_ROWS = 120
"""Side-by-side rows written per step at most (changed sentences and their context)."""
_FOLD_VERSIONS = 3
"""Runs of at least this many identical captures take one timeline row."""
_FOLD_CLAIMS = 40
"""Claims listed open; the rest are folded away."""
_QUOTE = 240

CHAIN_CSS = (
    CSS
    + """
.rf table.timeline td:nth-child(1),.rf table.timeline td:nth-child(5){text-align:end;
font-variant-numeric:tabular-nums}
.rf table.timeline th,.rf table.timeline td:nth-child(1),.rf table.timeline td:nth-child(3),
.rf table.timeline td:nth-child(4){white-space:nowrap;overflow-wrap:normal}
.rf table.timeline td:nth-child(2){min-width:4rem;max-width:16rem}
.rf table.timeline td:nth-child(6){min-width:14rem}
.rf .t-suspect td{background:var(--del)}
.rf tr.run td{color:var(--muted);font-style:italic}
.rf .mark{display:inline-block;font-size:.78rem;padding:0 .45rem;margin:.05rem .2rem .05rem 0;
border-radius:1rem;border:1px solid currentColor}
.rf .mark.suspect{color:var(--critical)}.rf .mark.bridge{color:var(--high)}
.rf .mark.revert{color:var(--cos)}.rf .mark.confirmed{color:var(--medium)}
.rf .badge.st-meaning_changed{color:var(--critical)}.rf .badge.st-cosmetic{color:var(--cos)}
.rf .badge.st-unchanged{color:var(--ins-fg)}.rf .badge.st-suspect{color:var(--critical)}
.rf .badge.st-first{color:var(--muted)}
.rf ol.claims{padding-inline-start:0;list-style:none}
.rf ol.claims li{margin:0 0 .6rem;padding:.3rem .6rem;border-left:.25rem solid var(--line)}
.rf .lid{font-weight:700;margin-right:.3rem}
.rf .story{display:block;color:var(--muted);font-size:.92rem}
.rf section.step{border-top:1px solid var(--line);margin-top:1rem}
.rf section.step h3{margin-top:.6rem}
.rf .held{color:var(--muted)}
.rf p.quiet{color:var(--muted);border-top:1px solid var(--line);margin:1rem 0 0;padding-top:.4rem}
.rf .row.gap{display:block;padding:.25rem .6rem;color:var(--muted);font-size:.85rem;
background:var(--card)}
.rf details.sbs{margin:.4rem 0 1rem}
"""
)
"""The comparison report's style sheet plus the timeline, claims and step rules."""

_HREF = re.compile(r'<a( class="[^"]*")? href="#([^"]+)">(.*?)</a>')
_ID = re.compile(r' id="([^"]+)"')


class _Ids:
    """The ids a page section holds, so links into text that was left out become plain."""

    def __init__(self, html: str) -> None:
        self.ids = set(_ID.findall(html))

    def unlink(self, html: str) -> str:
        def keep(match: re.Match[str]) -> str:
            if match.group(2) in self.ids:
                return match.group(0)
            return f"<span{match.group(1) or ''}>{match.group(3)}</span>"

        return _HREF.sub(keep, html)


class _Page:
    def __init__(self, result: ChainComparison, prefix: str) -> None:
        self.result = result
        self.p = prefix
        self.labels = [_e(rev.label) for rev in result.chain]
        self.rows = version_rows(result)

    def label(self, k: int) -> str:
        return f"<bdi>{self.labels[k]}</bdi>"

    def link(self, target: str, text: str) -> str:
        return f'<a href="#{self.p}{target}">{text}</a>'

    # ------------------------------------------------------------------ header

    def header(self) -> str:
        result = self.result
        net = result.net
        n = len(result.chain)
        reported = [s for s in result.steps if not s.held]
        changed = sum(1 for s in reported if s.comparison.verdict is not Verdict.UNCHANGED)
        with_findings = sum(1 for s in reported if s.findings)
        facts = (
            f"{n} version{'s' if n != 1 else ''}, {len(result.suspects)} suspect, "
            f"{len(result.reverts)} revert{'s' if len(result.reverts) != 1 else ''}; "
            f"{changed} of {len(reported)} reported steps changed the text, "
            f"{with_findings} with findings."
        )
        if net.old == net.new:
            verdict = '<p class="verdict"><strong>Net:</strong> only one sound version.</p>'
        else:
            cmp = net.comparison
            verdict = (
                f'<p class="verdict v-{cmp.verdict.value}"><strong>Net, '
                f"{self.label(net.old)} → {self.label(net.new)}:</strong> "
                f"{_e(VERDICTS[cmp.verdict])}. {_e(_sentence(summary(cmp)))}.</p>"
            )
        nav = " · ".join(
            self.link(target, name)
            for target, name in (
                ("timeline", "Timeline"),
                ("claims", "Claims"),
                ("steps", "Steps"),
                ("net", "Net"),
                ("cite", "Citation"),
            )
        )
        return (
            f"<header><h1>Chain: {self.label(0)} → {self.label(n - 1)} "
            f"({n} version{'s' if n != 1 else ''})</h1>{verdict}<p>{_e(facts)}</p>"
            f'<nav aria-label="sections">{nav}</nav></header>{self.notes()}'
        )

    def notes(self) -> str:
        """What reading the archive skipped or doubted, before anything else is read."""
        if not self.result.chain.notes:
            return ""
        items = "".join(
            f'<li><span class="badge">{tag}</span> <span dir="auto">{_e(text)}</span></li>'
            for tag, text in map(note_line, self.result.chain.notes)
        )
        return (
            f'<section aria-labelledby="{self.p}h-notes"><h2 id="{self.p}h-notes">'
            f"{NOTES_TITLE}</h2><ul>{items}</ul></section>"
        )

    # ------------------------------------------------------------------ timeline

    def marks(self, row: VersionRow) -> str:
        out = []
        if row.suspect is not None:
            detail = _e(row.suspect.detail)
            if row.suspect.confirmed_by is None:
                out.append(
                    f'<span class="mark suspect" title="{detail}">suspect</span> {detail}; '
                    "its changes are held, not reported"
                )
            else:
                by = self.label(row.suspect.confirmed_by)
                out.append(
                    f'<span class="mark confirmed" title="{detail}">suspect, confirmed</span> '
                    f"{detail}; the loss is confirmed by {by}"
                )
        if row.bridge and row.old is not None:
            out.append(
                f'<span class="mark bridge">bridge</span> compared with {self.label(row.old)}, '
                "across suspect versions"
            )
        if row.revert is not None:
            how = (
                "identical text"
                if row.revert.exact
                else f"{row.revert.similarity:.0%} of sentences"
            )
            out.append(
                f'<span class="mark revert">revert</span> to {self.label(row.revert.to)} ({how})'
            )
        return "<br>".join(out)

    def version_row(self, row: VersionRow) -> str:
        rev = self.result.chain[row.version]
        when = _e(rev.captured_at.isoformat()) if rev.captured_at else "—"
        name = self.label(row.version)
        if row.step is not None:
            name = self.link(f"s{row.step}", name)
        status = {"first": "first version", "suspect": "suspect capture"}.get(
            row.status, row.status.replace("_", " ")
        )
        count = str(row.findings) if row.step is not None else "—"
        return (
            f'<tr id="{self.p}v{row.version}" class="t-{row.status}"><td>{row.version + 1}</td>'
            f"<td>{name}</td><td>{when}</td>"
            f'<td><span class="badge st-{row.status}">{status}</span></td>'
            f"<td>{count}</td><td>{self.marks(row)}</td></tr>"
        )

    def run_row(self, run: Sequence[VersionRow]) -> str:
        first, last = self.result.chain[run[0].version], self.result.chain[run[-1].version]
        span = ""
        if first.captured_at and last.captured_at:
            span = f", {_e(first.captured_at.isoformat())} to {_e(last.captured_at.isoformat())}"
        return (
            f'<tr class="run"><td>{run[0].version + 1}–{run[-1].version + 1}</td>'
            f'<td colspan="5">{self.label(run[0].version)} … {self.label(run[-1].version)}: '
            f"{len(run)} captures identical to the one before{span}</td></tr>"
        )

    def timeline(self) -> str:
        body: list[str] = []
        rows = self.rows
        i = 0
        while i < len(rows):
            j = i
            while j < len(rows) and rows[j].status == "unchanged" and rows[j].revert is None:
                j += 1
            if j - i >= _FOLD_VERSIONS:
                body.append(self.run_row(rows[i:j]))
                i = j
            elif j > i:
                body.extend(self.version_row(row) for row in rows[i:j])
                i = j
            else:
                body.append(self.version_row(rows[i]))
                i += 1
        return (
            f'<section id="{self.p}timeline" aria-labelledby="{self.p}h-time">'
            f'<h2 id="{self.p}h-time">Timeline</h2><div class="scroll"><table class="timeline">'
            "<thead><tr><th>#</th><th>version</th><th>captured at</th><th>change</th>"
            "<th>findings</th><th>marks</th></tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div></section>"
        )

    # ------------------------------------------------------------------ claims

    def event_at(self, event: LineageEvent) -> str:
        name = self.label(event.version)
        if event.step is not None:
            return self.link(f"s{event.step}", name)
        return self.link(f"v{event.version}", name)

    def claim(self, lin: Lineage) -> str:
        flat = " ".join(lin.text.split())
        if len(flat) > _QUOTE:
            flat = flat[: _QUOTE - 1] + "…"
        return (
            f'<li id="{self.p}{_e(lin.id)}"><span class="lid">{_e(lin.id)}</span>'
            f'<q dir="auto">{_e(flat)}</q>'
            f'<span class="story">{story(lin, self.event_at)}</span></li>'
        )

    def claims(self) -> str:
        lineages = changed_lineages(self.result)
        head = (
            f'<section id="{self.p}claims" aria-labelledby="{self.p}h-claims">'
            f'<h2 id="{self.p}h-claims">Claims that changed ({len(lineages)})</h2>'
        )
        if not lineages:
            return head + '<p class="none">No claim changed.</p></section>'
        items = [self.claim(lin) for lin in lineages]
        out = f'<ol class="claims">{"".join(items[:_FOLD_CLAIMS])}</ol>'
        if len(items) > _FOLD_CLAIMS:
            out += (
                f"<details><summary>{len(items) - _FOLD_CLAIMS} more claims</summary>"
                f'<ol class="claims">{"".join(items[_FOLD_CLAIMS:])}</ol></details>'
            )
        return head + out + "</section>"

    # ------------------------------------------------------------------ steps

    def side_by_side(self, grid: _Grid, old: int, new: int) -> str:
        rows = grid.rows()
        keep = [False] * len(rows)
        for r, row in enumerate(rows):
            if not row.plain:
                for near in (r - 1, r, r + 1):
                    if 0 <= near < len(rows):
                        keep[near] = True
        out: list[str] = []
        shown = 0
        r = 0
        while r < len(rows):
            if not keep[r]:
                gap = r
                while r < len(rows) and not keep[r]:
                    r += 1
                out.append(_gap(r - gap))
                continue
            if shown == MAX_ROWS:
                rest = sum(keep[r:])
                out.append(
                    f'<div class="row gap">… {rest} more changed rows; the JSON report '
                    "holds every alignment link</div>"
                )
                break
            out.append(_row_html(rows[r]))
            shown += 1
            r += 1
        changed = sum(1 for row in rows if not row.plain)
        return (
            f'<details class="sbs"><summary>Side by side: {changed} changed '
            f"row{'s' if changed != 1 else ''} of {self.label(old)} and {self.label(new)}"
            f"</summary>{_LEGEND}"
            f'<div class="grid"><div class="row labels" aria-hidden="true">'
            f"<div>{self.label(old)} (old)</div><div>{self.label(new)} (new)</div></div>"
            f"{''.join(out)}</div></details>"
        )

    def comparison(self, step: Step, prefix: str) -> str:
        cmp = step.comparison
        grid = _Grid(cmp, prefix)
        verdict = (
            f'<p class="verdict v-{cmp.verdict.value}"><strong>Verdict:</strong> '
            f"{_e(VERDICTS[cmp.verdict])}. {_e(_sentence(summary(cmp)))}.</p>"
        )
        parts = [verdict]
        findings = cmp.findings[:MAX_FINDINGS]
        cards = [_finding_html(rank, f, grid) for rank, f in enumerate(findings, 1)]
        if cards:
            parts.append(f'<ol class="findings">{"".join(cards[:TOP_FINDINGS])}</ol>')
        if len(cmp.findings) > TOP_FINDINGS:
            more = len(cmp.findings) - TOP_FINDINGS
            parts.append(
                f"<details><summary>{more} more finding{'s' if more != 1 else ''}</summary>"
            )
            if len(cards) > TOP_FINDINGS:
                parts.append(
                    f'<ol class="findings" start="{TOP_FINDINGS + 1}">'
                    f"{''.join(cards[TOP_FINDINGS:])}</ol>"
                )
            if len(cmp.findings) > len(cards):
                parts.append(
                    f'<p class="none">… and {len(cmp.findings) - len(cards)} more, less '
                    "severe; the JSON report (--format json) lists them all.</p>"
                )
            parts.append("</details>")
        if cmp.verdict is not Verdict.UNCHANGED:
            parts.append(self.side_by_side(grid, step.old, step.new))
        return "".join(parts)

    def step_title(self, n: int) -> str:
        step = self.result.steps[n]
        title = f"Step {n + 1}: {self.label(step.old)} → {self.label(step.new)}"
        if step.bridge:
            skipped = ", ".join(self.label(k) for k in range(step.old + 1, step.new))
            title += f" (across suspect {skipped})"
        elif step.held:
            title += " (held)"
        return title

    def held(self, step: Step) -> str:
        suspect = next(
            s.version
            for s in self.result.suspects
            if s.version in (step.old, step.new) and not s.confirmed
        )
        count = len(step.comparison.findings)
        return (
            f'<p class="held">Held: {self.label(suspect)} is a suspect capture, so this step '
            f"is not reported ({count} finding{'s' if count != 1 else ''} held back).</p>"
        )

    def quiet(self, group: list[int]) -> str:
        steps = self.result.steps
        first, last = steps[group[0]], steps[group[-1]]
        anchors = "".join(f'<span id="{self.p}s{n}"></span>' for n in group[1:])
        if len(group) == 1:
            what = _e(VERDICTS[first.comparison.verdict])
            return (
                f'<p class="quiet" id="{self.p}s{group[0]}">{self.step_title(group[0])}: '
                f"{what}; no finding.</p>"
            )
        return (
            f'<p class="quiet" id="{self.p}s{group[0]}">{anchors}'
            f"Steps {group[0] + 1}–{group[-1] + 1}: {self.label(first.old)} → "
            f"{self.label(last.new)}: no finding in {len(group)} steps "
            f"({_e(quiet_summary(self.result, group))}).</p>"
        )

    def step(self, n: int) -> str:
        step = self.result.steps[n]
        body = self.held(step) if step.held else self.comparison(step, f"{self.p}s{n}-")
        html = (
            f'<section class="step" id="{self.p}s{n}" aria-labelledby="{self.p}h-s{n}">'
            f'<h3 id="{self.p}h-s{n}">{self.step_title(n)}</h3>{body}</section>'
        )
        return _Ids(html).unlink(html)

    def steps(self) -> str:
        head = (
            f'<section id="{self.p}steps" aria-labelledby="{self.p}h-steps">'
            f'<h2 id="{self.p}h-steps">Steps</h2>'
        )
        if not self.result.steps:
            return head + '<p class="none">Only one version: nothing to compare.</p></section>'
        parts = []
        for group in step_groups(self.result):
            first = self.result.steps[group[0]]
            quiet = len(group) > 1 or (
                is_quiet(first) and first.comparison.verdict is Verdict.UNCHANGED
            )
            parts.append(self.quiet(group) if quiet else self.step(group[0]))
        return head + "".join(parts) + "</section>"

    # ------------------------------------------------------------------ net, citation

    def net(self) -> str:
        net = self.result.net
        head = (
            f'<section id="{self.p}net" aria-labelledby="{self.p}h-net">'
            f'<h2 id="{self.p}h-net">Net: {self.label(net.old)} → {self.label(net.new)}</h2>'
        )
        if net.old == net.new:
            return (
                f'{head}<p class="none">Only one sound version: nothing to compare.</p></section>'
            )
        same = next(
            (n for n, s in enumerate(self.result.steps) if s.comparison is net.comparison), None
        )
        if same is not None:
            return (
                head + f"<p>The first and last sound versions are "
                f"{self.link(f's{same}', f'step {same + 1}')}.</p></section>"
            )
        html = head + self.comparison(net, f"{self.p}net-") + "</section>"
        return _Ids(html).unlink(html)

    def languages(self) -> list[str]:
        result = self.result
        n = len(result.chain)
        if n == 1:
            return [result.net.comparison.languages[0]]
        steps = result.steps
        return [steps[0].comparison.languages[0]] + [
            steps[k - 1].comparison.languages[1] for k in range(1, n)
        ]

    def citation(self) -> str:
        revisions = [
            (f"version {k + 1}", rev, lang)
            for k, (rev, lang) in enumerate(zip(self.result.chain, self.languages(), strict=True))
        ]
        return f'<div id="{self.p}cite">{citation_html(revisions)}</div>'

    def body(self) -> str:
        parts = (self.header, self.timeline, self.claims, self.steps, self.net, self.citation)
        return "".join(part() for part in parts)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _gap(count: int) -> str:
    return (
        f'<div class="row gap">⋯ {count} unchanged row{"s" if count != 1 else ""} not shown</div>'
    )


def render_chain_html(result: ChainComparison) -> str:
    """A self-contained HTML page for a chain comparison.

    It holds a timeline of the versions (capture time, verdict, number of findings, and
    marks for suspect captures, bridges across them and reverts); the story of each claim
    that changed, each event linking to its step; each step's ranked findings and a
    folded side by side of its changed sentences; the net comparison of the first and
    last sound versions; and a citation block with every version's hashes, source and
    capture time. Like :func:`~revforensics.render.html.render_html`, it runs no script,
    loads nothing, and escapes every piece of statement text.

    Args:
        result: The chain comparison; nothing is recomputed.

    Returns:
        The page, ending with a newline.

    Example:
        >>> from revforensics.chain import RevisionChain
        >>> from revforensics.model import Revision
        >>> chain = RevisionChain([
        ...     Revision("Troops advanced. The bridge is held.", label="<b>v1</b>"),
        ...     Revision("Troops advanced.", label="v2"),
        ... ])
        >>> page = render_chain_html(chain.compare())
        >>> page.startswith("<!DOCTYPE html>"), "<b>" in page, "&lt;b&gt;v1" in page
        (True, False, True)

    .. versionadded:: 0.1
    """
    first, last = result.chain[0].label, result.chain[-1].label
    net = result.net.comparison.verdict.value.replace("_", " ")
    title = f"Chain: {first} → {last} ({len(result.chain)} versions, net {net})"
    return page(title, _Page(result, "").body(), CHAIN_CSS)


def render_chain_html_fragment(result: ChainComparison) -> str:
    """The chain report as an HTML fragment with its own scoped style, for Jupyter.

    Its ids start with a prefix made from the versions' hashes, so several reports can
    share one page without their links crossing.

    Example:
        >>> from revforensics.chain import RevisionChain
        >>> from revforensics.model import Revision
        >>> chain = RevisionChain([Revision("Units held."), Revision("Units held.")])
        >>> chain.compare()._repr_html_().startswith('<div class="rf"')
        True

    .. versionadded:: 0.1
    """
    digest = hashlib.sha256("".join(rev.sha256 for rev in result.chain).encode()).hexdigest()
    prefix = f"rfc-{digest[:10]}-"
    return (
        f'<div class="rf"><style>{_compact(CHAIN_CSS)}</style>{_Page(result, prefix).body()}</div>'
    )
