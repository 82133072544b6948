"""Plain-text report of a chain: the timeline of versions, then the story of each claim."""

from __future__ import annotations

import json

from revforensics.chain import BlameLine, ChainComparison, Step
from revforensics.findings import Verdict
from revforensics.render._chain import NOTES_TITLE, changed_lineages, note_line, story
from revforensics.render.markdown import escape_markdown

__all__ = ["render_blame", "render_chain_text"]

TOP_FINDINGS = 3
"""Findings shown per step in the timeline; the JSON output has them all."""
_QUOTE = 70


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= _QUOTE else flat[: _QUOTE - 1] + '…'}”"


def _step_lines(result: ChainComparison, step: Step) -> list[str]:
    cmp = step.comparison
    if cmp.verdict is Verdict.UNCHANGED:
        return ["unchanged"]
    if cmp.verdict is Verdict.COSMETIC:
        return [f"cosmetic: {len(cmp.cosmetic)} edit(s) of form only"]
    lines = [f"meaning changed: {len(cmp.findings)} finding(s)"]
    lines.extend(
        f"  {finding.level.value.upper()} {finding.severity:>3} {finding.kind.value}: "
        f"{finding.explanation}"
        for finding in cmp.findings[:TOP_FINDINGS]
    )
    if len(cmp.findings) > TOP_FINDINGS:
        lines.append(f"  … and {len(cmp.findings) - TOP_FINDINGS} more (see --format json)")
    if step.bridge:
        lines[0] += f" (compared with {result.chain[step.old].label}, across suspect versions)"
    return lines


def _timeline(result: ChainComparison) -> list[str]:
    labels = [rev.label for rev in result.chain]
    width = max(len(label) for label in labels)
    into = {step.new: step for step in result.steps if not step.held}
    suspects = {s.version: s for s in result.suspects}
    reverts = {r.version: r for r in result.reverts}
    lines = []
    for k, rev in enumerate(result.chain):
        when = rev.captured_at.isoformat() if rev.captured_at else "(no capture time)"
        head = f"{labels[k]:<{width}}  {when}  "
        suspect = suspects.get(k)
        body: list[str]
        if suspect is not None and not suspect.confirmed:
            body = [f"SUSPECT capture ({suspect.detail}); its changes are held, not reported"]
        elif k in into and k != 0:
            body = _step_lines(result, into[k])
            if suspect is not None:
                by = labels[suspect.confirmed_by or 0]
                body.insert(1, f"  suspect ({suspect.detail}), loss confirmed by {by}")
        else:
            body = [f"first version: {len(result.sentences[k])} sentence(s)"]
        if k in reverts:
            revert = reverts[k]
            how = "identical text" if revert.exact else f"{revert.similarity:.0%} of sentences"
            body.append(f"  reverts to {labels[revert.to]} ({how})")
        lines.append(head + body[0])
        lines += [" " * (width + 2) + line for line in body[1:]]
    return lines


def _stories(result: ChainComparison) -> list[str]:
    labels = [rev.label for rev in result.chain]
    return [
        f"{lin.id} {_quote(lin.text)}: {story(lin, lambda e: labels[e.version])}"
        for lin in changed_lineages(result)
    ]


def render_chain_text(result: ChainComparison) -> str:
    """A readable report: one block per version, then each claim that changed.

    Example:
        >>> from revforensics.chain import RevisionChain
        >>> from revforensics.model import Revision
        >>> chain = RevisionChain([
        ...     Revision("Troops advanced. The bridge is held.", label="v1"),
        ...     Revision("Troops advanced.", label="v2"),
        ...     Revision("Troops advanced. The bridge is held.", label="v3"),
        ... ])
        >>> print(render_chain_text(chain.compare()))
        3 version(s), 0 suspect, 1 revert(s)
        <BLANKLINE>
        v1  (no capture time)  first version: 2 sentence(s)
        v2  (no capture time)  meaning changed: 1 finding(s)
              MEDIUM  39 assertion_removed: The line “The bridge is held.” was removed.
        v3  (no capture time)  meaning changed: 1 finding(s)
              LOW  18 assertion_added: The line “The bridge is held.” was added.
              reverts to v1 (identical text)
        <BLANKLINE>
        Claims that changed:
        L2 “The bridge is held.”: present in v1, removed in v2, restored in v3
        <BLANKLINE>
    """
    head = (
        f"{len(result.chain)} version(s), {len(result.suspects)} suspect, "
        f"{len(result.reverts)} revert(s)"
    )
    lines = [head, ""]
    if result.chain.notes:
        notes = [note_line(note) for note in result.chain.notes]
        lines += [f"{NOTES_TITLE}:", *(f"  {tag:7}  {text}" for tag, text in notes), ""]
    lines += _timeline(result)
    stories = _stories(result)
    lines += ["", "Claims that changed:", *stories] if stories else ["", "No claim changed."]
    return "\n".join(lines) + "\n"


def _blame_markdown(labels: list[str], index: int, lines: tuple[BlameLine, ...]) -> str:
    names = [escape_markdown(label) for label in labels]
    out = [
        f"# Blame of {names[index]}",
        "",
        f"{len(lines)} sentence(s), with where each claim came in and changed.",
        "",
        "| # | claim | introduced | changed | sentence |",
        "|---:|---|---|---|---|",
    ]
    out += [
        f"| {line.sentence.index + 1} | {line.lineage} | {names[line.introduced]} "
        f"| {', '.join(names[k] for k in line.changed) or '—'} "
        f"| {escape_markdown(line.sentence.text)} |"
        for line in lines
    ]
    return "\n".join(out) + "\n"


def render_blame(result: ChainComparison, version: int | str, fmt: str = "text") -> str:
    """Who wrote each sentence of a version: :meth:`ChainComparison.blame`.

    Text gives one line per sentence: the version that introduced its claim, the versions
    that changed it, and the sentence. Markdown (``fmt="markdown"``) gives the same as a
    table, every piece of text escaped. JSON gives a list of objects, with the sentence's
    span in that version's text.

    Example:
        >>> from revforensics.chain import RevisionChain
        >>> from revforensics.model import Revision
        >>> chain = RevisionChain([
        ...     Revision("Troops advanced. The bridge is held.", "v1"),
        ...     Revision("Troops advanced. The bridge is probably held.", "v2"),
        ... ])
        >>> print(render_blame(chain.compare(), "v2"), end="")
        blame of v2 (2 sentence(s))
        v1       Troops advanced.
        v1 > v2  The bridge is probably held.
    """
    index = result.chain.index(version)
    labels = [rev.label for rev in result.chain]
    lines = result.blame(index)
    if fmt == "json":
        data = {
            "version": labels[index],
            "sentences": [
                {
                    "index": line.sentence.index,
                    "start": line.sentence.span.start,
                    "end": line.sentence.span.end,
                    "text": line.sentence.text,
                    "lineage": line.lineage,
                    "introduced": labels[line.introduced],
                    "changed": [labels[k] for k in line.changed],
                }
                for line in lines
            ],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _blame_markdown(labels, index, lines)
    history = [" > ".join(labels[k] for k in (line.introduced, *line.changed)) for line in lines]
    width = max((len(h) for h in history), default=0)
    out = [f"blame of {labels[index]} ({len(lines)} sentence(s))"]
    out += [
        f"{h:<{width}}  {' '.join(line.sentence.text.split())}"
        for h, line in zip(history, lines, strict=True)
    ]
    return "\n".join(out) + "\n"
