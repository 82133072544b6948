"""Plain-text report for a terminal or a log."""

from __future__ import annotations

from revforensics.findings import Comparison, Finding
from revforensics.model import Revision, Span
from revforensics.render._common import DIGEST_LABEL, VERDICTS, cosmetic_counts

__all__ = ["render_text"]


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


def _provenance(rev: Revision) -> list[str]:
    """Where and when a revision was captured, when known: the citation a reader needs."""
    lines = []
    if rev.source:
        lines.append(f"    source: {' '.join(rev.source.split())}")
    if rev.captured_at:
        lines.append(f"    captured at: {rev.captured_at.isoformat()}")
    if rev.raw is not None:
        lines.append(f"    capture sha256: {rev.raw_sha256}")
    if rev.digest is not None:
        lines.append(f"    {DIGEST_LABEL}: {rev.digest}")
    return lines


def render_text(cmp: Comparison) -> str:
    """A readable report: the verdict, ranked findings with offsets, cosmetic counts.

    Under each revision's header line come its source, capture time, the SHA-256 of
    its raw capture and its web archive's digest, each only when the revision has one.

    Example:
        >>> import revforensics as rf
        >>> print(rf.render_text(rf.compare("Tanks advanced.", "Tanks advanced.")))
        old: old (15 characters, sha256 8e914f42f0a8)
        new: new (15 characters, sha256 8e914f42f0a8)
        verdict: unchanged: the two texts are identical
        <BLANKLINE>
    """
    lines = []
    for side, rev in (("old", cmp.old), ("new", cmp.new)):
        lines.append(
            f"{side}: {rev.label or side} ({len(rev.text)} characters, sha256 {rev.sha256[:12]})"
        )
        lines += _provenance(rev)
    lines.append(f"verdict: {VERDICTS[cmp.verdict]}")
    if cmp.findings:
        lines += ["", f"{len(cmp.findings)} finding(s), most severe first:"]
        for rank, finding in enumerate(cmp.findings, 1):
            lines += _finding(rank, finding)
    if cmp.cosmetic:
        summary = ", ".join(f"{n} {kind}" for kind, n in cosmetic_counts(cmp))
        lines += ["", f"{len(cmp.cosmetic)} cosmetic edit(s), listed apart: {summary}"]
    return "\n".join(lines) + "\n"
