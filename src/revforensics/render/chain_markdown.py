"""Markdown report of a chain: timeline, the story of each claim, each step, citation.

Every piece of statement text, label and source is escaped with
:func:`~revforensics.render.markdown.escape_markdown`, as in the comparison report, so a
statement can open no link, tag, list or table cell.
"""

from __future__ import annotations

from revforensics._version import __version__
from revforensics.chain import ChainComparison, Step
from revforensics.findings import Comparison, Verdict
from revforensics.lexicon import LEXICON_VERSION
from revforensics.render._chain import (
    NOTES_TITLE,
    VersionRow,
    changed_lineages,
    note_line,
    quiet_summary,
    step_groups,
    story,
    version_rows,
)
from revforensics.render._common import DIGEST_LABEL, DIGEST_NOTE, VERDICTS, summary
from revforensics.render.markdown import escape_markdown

__all__ = ["TOP_FINDINGS", "render_chain_markdown"]

TOP_FINDINGS = 5
"""Findings listed per step; the HTML and JSON reports have them all."""
_QUOTE = 160


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) > _QUOTE:
        flat = flat[: _QUOTE - 1] + "…"
    return f"“{escape_markdown(flat)}”"


def _labels(result: ChainComparison) -> list[str]:
    return [escape_markdown(rev.label) for rev in result.chain]


def _status(row: VersionRow, labels: list[str]) -> tuple[str, str]:
    """The change column and the notes column of a timeline row."""
    notes = []
    if row.status == "first":
        change = "first version"
    elif row.status == "suspect":
        change = "**suspect capture**"
    else:
        change = row.status.replace("_", " ")
    if row.suspect is not None:
        detail = escape_markdown(row.suspect.detail)
        if row.suspect.confirmed_by is None:
            notes.append(f"{detail}; its changes are held, not reported")
        else:
            by = labels[row.suspect.confirmed_by]
            notes.append(f"suspect ({detail}), loss confirmed by {by}")
    if row.bridge and row.old is not None:
        notes.append(f"compared with {labels[row.old]}, across suspect versions")
    if row.revert is not None:
        how = "identical text" if row.revert.exact else f"{row.revert.similarity:.0%} of sentences"
        notes.append(f"reverts to {labels[row.revert.to]} ({how})")
    return change, "; ".join(notes)


def _timeline(result: ChainComparison, labels: list[str]) -> list[str]:
    lines = [
        "## Timeline",
        "",
        "| # | version | captured at | change | findings | notes |",
        "|---:|---|---|---|---:|---|",
    ]
    for row in version_rows(result):
        rev = result.chain[row.version]
        when = rev.captured_at.isoformat() if rev.captured_at else "—"
        change, notes = _status(row, labels)
        count = str(row.findings) if row.step is not None else "—"
        lines.append(
            f"| {row.version + 1} | {labels[row.version]} | {when} | {change} | {count} | {notes} |"
        )
    return [*lines, ""]


def _claims(result: ChainComparison, labels: list[str]) -> list[str]:
    lineages = changed_lineages(result)
    if not lineages:
        return ["## Claims that changed", "", "No claim changed.", ""]
    lines = ["## Claims that changed", ""]
    lines += [
        f"- **{lin.id}** {_quote(lin.text)}: {story(lin, lambda e: labels[e.version])}"
        for lin in lineages
    ]
    return [*lines, ""]


def _findings(cmp: Comparison, shown: int = TOP_FINDINGS) -> list[str]:
    summary_line = summary(cmp)
    head = f"**Verdict:** {VERDICTS[cmp.verdict]}. {summary_line[:1].upper()}{summary_line[1:]}."
    lines = [head, ""]
    lines += [
        f"{rank}. **{f.level.value.upper()} {f.severity}** `{f.kind.value}`: "
        f"{escape_markdown(f.explanation)}"
        for rank, f in enumerate(cmp.findings[:shown], 1)
    ]
    if len(cmp.findings) > shown:
        lines.append(
            f"\n… and {len(cmp.findings) - shown} more; the HTML and JSON reports list them all."
        )
    return [*lines, ""] if cmp.findings else lines


def _step_title(result: ChainComparison, n: int, labels: list[str]) -> str:
    step = result.steps[n]
    title = f"Step {n + 1}: {labels[step.old]} → {labels[step.new]}"
    if step.bridge:
        skipped = ", ".join(labels[k] for k in range(step.old + 1, step.new))
        title += f" (across suspect {skipped})"
    elif step.held:
        title += " (held)"
    return title


def _held(result: ChainComparison, step: Step, labels: list[str]) -> str:
    suspect = next(
        s.version for s in result.suspects if s.version in (step.old, step.new) and not s.confirmed
    )
    held = len(step.comparison.findings)
    return (
        f"Held: {labels[suspect]} is a suspect capture, so this step is not reported "
        f"({held} finding{'s' if held != 1 else ''} held back)."
    )


def _steps(result: ChainComparison, labels: list[str]) -> list[str]:
    lines = ["## Steps", ""]
    if not result.steps:
        return [*lines, "Only one version: nothing to compare.", ""]
    for group in step_groups(result):
        n = group[0]
        step = result.steps[n]
        if len(group) > 1:
            last = result.steps[group[-1]]
            lines += [
                f"### Steps {n + 1}–{group[-1] + 1}: {labels[step.old]} → {labels[last.new]}",
                "",
                f"No finding in {len(group)} steps ({quiet_summary(result, group)}).",
                "",
            ]
            continue
        lines += [f"### {_step_title(result, n, labels)}", ""]
        if step.held:
            lines += [_held(result, step, labels), ""]
        else:
            lines += _findings(step.comparison)
    return lines


def _net(result: ChainComparison, labels: list[str]) -> list[str]:
    net = result.net
    lines = [f"## Net: {labels[net.old]} → {labels[net.new]}", ""]
    if net.old == net.new:
        return [*lines, "Only one sound version: nothing to compare.", ""]
    same = next((n for n, s in enumerate(result.steps) if s.comparison is net.comparison), None)
    if same is not None:
        return [*lines, f"The first and last sound versions are step {same + 1}.", ""]
    return lines + _findings(net.comparison)


def _value(value: str | None) -> str:
    return escape_markdown(value) if value else "—"


def _citation(result: ChainComparison) -> list[str]:
    raw = any(rev.raw is not None for rev in result.chain)
    digest = any(rev.digest is not None for rev in result.chain)
    extra = " SHA-256 of the capture | media type | extractor |" if raw else ""
    extra += f" {DIGEST_LABEL} |" if digest else ""
    rules = ("---|---|---|" if raw else "") + ("---|" if digest else "")
    lines = [
        "## Citation",
        "",
        f"| # | label | source | captured at | characters | SHA-256 of the text |{extra}",
        f"|---:|---|---|---|---:|---|{rules}",
    ]
    for k, rev in enumerate(result.chain):
        when = rev.captured_at.isoformat() if rev.captured_at else "—"
        row = (
            f"| {k + 1} | {_value(rev.label)} | {_value(rev.source)} | {when} | {len(rev.text)} "
            f"| `{rev.sha256}` |"
        )
        if raw:
            row += f" `{rev.raw_sha256}` | {_value(rev.media_type)} | {_value(rev.extractor)} |"
        if digest:
            row += f" `{rev.digest}` |" if rev.digest else " — |"
        lines.append(row)
    lines += [
        "",
        (
            f"Compared by revforensics {__version__} (lexicon {LEXICON_VERSION}). "
            "Offsets are code points into each version's text."
            + (" " + DIGEST_NOTE if digest else "")
        ),
        "",
    ]
    return lines


def _headline(result: ChainComparison) -> str:
    reported = [s for s in result.steps if not s.held]
    with_findings = sum(1 for s in reported if s.findings)
    changed = sum(1 for s in reported if s.comparison.verdict is not Verdict.UNCHANGED)
    versions = len(result.chain)
    return (
        f"{versions} version{'s' if versions != 1 else ''}, {len(result.suspects)} suspect, "
        f"{len(result.reverts)} revert{'s' if len(result.reverts) != 1 else ''}; "
        f"{changed} of {len(reported)} reported steps changed the text, "
        f"{with_findings} with findings."
    )


def render_chain_markdown(result: ChainComparison) -> str:
    """A Markdown report of a chain: timeline, claims that changed, steps, net, citation.

    Each step lists its top :data:`TOP_FINDINGS` findings; runs of steps with no finding
    take one line each. Steps into or out of a suspect capture are *held*: their findings
    are counted, not listed.

    Args:
        result: The chain comparison; nothing is recomputed.

    Returns:
        The report, ending with a newline.

    Example:
        >>> from revforensics.chain import RevisionChain
        >>> from revforensics.model import Revision
        >>> chain = RevisionChain([
        ...     Revision("Troops advanced. The bridge is held.", label="v1"),
        ...     Revision("Troops advanced.", label="v2"),
        ...     Revision("Troops advanced. The bridge is held.", label="v3"),
        ... ])
        >>> report = render_chain_markdown(chain.compare())
        >>> print(report.splitlines()[0])
        # Chain: v1 → v3 (3 versions)
        >>> print(next(line for line in report.splitlines() if line.startswith("- **L2")))
        - **L2** “The bridge is held.”: present in v1, removed in v2, restored in v3

    .. versionadded:: 0.1
    """
    labels = _labels(result)
    versions = len(result.chain)
    lines = [
        f"# Chain: {labels[0]} → {labels[-1]} ({versions} version{'s' if versions != 1 else ''})",
        "",
        _headline(result),
        "",
    ]
    if result.chain.notes:
        lines += [f"## {NOTES_TITLE}", ""]
        for note in result.chain.notes:
            tag, text = note_line(note)
            lines.append(f"- **{tag}** {escape_markdown(text)}")
        lines.append("")
    lines += _timeline(result, labels)
    lines += _claims(result, labels)
    lines += _steps(result, labels)
    lines += _net(result, labels)
    lines += _citation(result)
    return "\n".join(lines)
