"""Plain-text report for a terminal or a log."""

from __future__ import annotations

from collections import Counter

from revforensics.findings import Comparison, Finding, Verdict
from revforensics.model import Span

__all__ = ["render_text"]

_VERDICTS = {
    Verdict.UNCHANGED: "unchanged: the two texts are identical",
    Verdict.COSMETIC: "cosmetic: only the form changed, not the wording",
    Verdict.MEANING_CHANGED: "meaning changed",
}


def _where(label: str, span: Span | None) -> str:
    if span is None:
        return f"    {label}: (none)"
    if span.start == span.end:
        return f"    {label}: at {span.start} (nothing)"
    text = " ".join(span.text.split())
    return f"    {label} [{span.start}:{span.end}]: {text}"


def _finding(rank: int, finding: Finding) -> list[str]:
    return [
        f"{rank}. {finding.level.value.upper()} {finding.severity:>3}  {finding.kind.value}",
        f"    {finding.explanation}",
        _where("old", finding.old),
        _where("new", finding.new),
    ]


def render_text(cmp: Comparison) -> str:
    """A readable report: the verdict, ranked findings with offsets, cosmetic counts.

    Example:
        >>> import revforensics as rf
        >>> print(rf.render_text(rf.compare("Tanks advanced.", "Tanks advanced.")))
        old: old (15 characters, sha256 8e914f42f0a8)
        new: new (15 characters, sha256 8e914f42f0a8)
        verdict: unchanged: the two texts are identical
        <BLANKLINE>
    """
    lines = [
        f"{side}: {rev.label or side} ({len(rev.text)} characters, sha256 {rev.sha256[:12]})"
        for side, rev in (("old", cmp.old), ("new", cmp.new))
    ]
    lines.append(f"verdict: {_VERDICTS[cmp.verdict]}")
    if cmp.findings:
        lines += ["", f"{len(cmp.findings)} finding(s), most severe first:"]
        for rank, finding in enumerate(cmp.findings, 1):
            lines += _finding(rank, finding)
    if cmp.cosmetic:
        counts = Counter(e.subtype.value for e in cmp.cosmetic)
        summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
        lines += ["", f"{len(cmp.cosmetic)} cosmetic edit(s), listed apart: {summary}"]
    return "\n".join(lines) + "\n"
