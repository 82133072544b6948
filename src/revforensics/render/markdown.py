"""Markdown report: for a story file, an issue, a pull request or a chat message.

Statement text is written by others, so every piece of it is escaped before it goes into
the Markdown: it can neither start a list or a heading, nor open a link, an HTML tag, an
entity, a table cell or emphasis. The report renders the same in any CommonMark or
GitHub-flavoured Markdown viewer.
"""

from __future__ import annotations

import re

from revforensics._version import __version__
from revforensics.findings import Comparison, CosmeticEdit, Finding
from revforensics.lexicon import LEXICON_VERSION
from revforensics.model import Revision, Span
from revforensics.render._common import DIGEST_LABEL, DIGEST_NOTE, VERDICTS, summary, visible

__all__ = ["escape_markdown", "render_markdown"]

# Every ASCII character that can start or end Markdown or HTML syntax inline. A
# backslash before any ASCII punctuation is a valid CommonMark escape, so escaping a few
# more than strictly needed is harmless; escaping fewer is how reports turn into links.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#!|~&$:])")
# At the start of a line, these would open a list, a quote block or a heading.
_LEADING = re.compile(r"^(\d+(?=[.)])|[-+=])")
_SPACE = re.compile(r"\s+")
_SHORT = 400  # quoted spans longer than this are cut in the middle, with the count said


def escape_markdown(text: str) -> str:
    r"""Make text written by others safe to put anywhere inline in a Markdown document.

    White space runs (new lines included) become one space, so the text cannot start a
    block; Markdown and HTML punctuation is backslash-escaped.

    Example:
        >>> print(escape_markdown("*Not* a [link](javascript:alert(1)) <b>"))
        \*Not\* a \[link\](javascript\:alert(1)) \<b\>
    """
    escaped = _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text).strip())
    match = _LEADING.match(escaped)
    if match is None:
        return escaped
    end = match.end()
    if escaped[:end].isdigit():  # "1." would start an ordered list: escape its dot
        return f"{escaped[:end]}\\{escaped[end:]}"
    return f"\\{escaped}"


def _quote(span: Span) -> str:
    text = _SPACE.sub(" ", span.text).strip()
    if len(text) > _SHORT:
        cut = len(text) - _SHORT
        text = f"{text[: _SHORT // 2]} […{cut} characters…] {text[-_SHORT // 2 :]}"
    return f"“{escape_markdown(text)}”"


def _where(label: str, span: Span | None) -> str:
    if span is None:
        return f"- **{label}:** (none)"
    if span.start == span.end:
        return f"- **{label}:** at {span.start} (nothing)"
    return f"- **{label}** \\[{span.start}:{span.end}\\]: {_quote(span)}"


def _finding(rank: int, finding: Finding) -> list[str]:
    return [
        f"### {rank}. `{finding.kind.value}`: {finding.level.value} ({finding.severity})",
        "",
        escape_markdown(finding.explanation),
        "",
        _where("old", finding.old),
        _where("new", finding.new),
        f"- **rule:** `{finding.rule}`",
        "",
    ]


def _cell(span: Span) -> str:
    if span.start == span.end:
        return f"at {span.start} (nothing)"
    return f"\\[{span.start}:{span.end}\\] “{escape_markdown(visible(span.text))}”"


def _cosmetic(edits: tuple[CosmeticEdit, ...]) -> list[str]:
    lines = [
        f"## Cosmetic edits ({len(edits)})",
        "",
        "Changes of form only, listed so that nothing is hidden.",
        "",
        "| # | subtype | old | new |",
        "|---:|---|---|---|",
    ]
    lines += [
        f"| {n} | {edit.subtype.value} | {_cell(edit.old)} | {_cell(edit.new)} |"
        for n, edit in enumerate(edits, 1)
    ]
    return [*lines, ""]


def _row(name: str, old: str, new: str) -> str:
    return f"| {name} | {old} | {new} |"


def _value(value: str | None) -> str:
    return escape_markdown(value) if value else "—"


def _digest(digest: str | None) -> str:
    return f"`{digest}`" if digest else "—"  # "algorithm:value": no backtick can occur


def _citation(old: Revision, new: Revision, languages: tuple[str, str]) -> list[str]:
    def when(rev: Revision) -> str:
        return rev.captured_at.isoformat() if rev.captured_at else "—"

    lines = [
        "## Citation",
        "",
        "| | old | new |",
        "|---|---|---|",
        _row("label", _value(old.label or "old"), _value(new.label or "new")),
        _row("source", _value(old.source), _value(new.source)),
        _row("captured at", when(old), when(new)),
        _row("language", _value(languages[0]), _value(languages[1])),
        _row("characters", str(len(old.text)), str(len(new.text))),
        _row("SHA-256 of the text", f"`{old.sha256}`", f"`{new.sha256}`"),
    ]
    if old.raw is not None or new.raw is not None:
        lines.append(_row("SHA-256 of the capture", f"`{old.raw_sha256}`", f"`{new.raw_sha256}`"))
        lines.append(_row("media type", _value(old.media_type), _value(new.media_type)))
        lines.append(_row("extractor", _value(old.extractor), _value(new.extractor)))
    engine = f"Compared by revforensics {__version__} (lexicon {LEXICON_VERSION})."
    if old.digest is not None or new.digest is not None:
        lines.append(_row(DIGEST_LABEL, _digest(old.digest), _digest(new.digest)))
        engine += " " + DIGEST_NOTE
    lines += ["", engine, ""]
    return lines


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def render_markdown(cmp: Comparison) -> str:
    """A Markdown report: verdict, ranked findings, cosmetic edits and a citation table.

    Offsets are code-point offsets into each revision's original text, as in every
    revforensics output. Nothing is recomputed: the report shows what ``cmp`` holds.

    Args:
        cmp: The comparison to report.

    Returns:
        The report, ending with a newline.

    Example:
        >>> from revforensics.compare import compare
        >>> report = render_markdown(compare("Units held the line.", "Units held the line."))
        >>> print(report.splitlines()[2])
        **Verdict:** unchanged: the two texts are identical. No findings, no cosmetic edits.

    .. versionadded:: 0.1
    """
    old, new = (
        escape_markdown(rev.label or side) for side, rev in (("old", cmp.old), ("new", cmp.new))
    )
    lines = [
        f"# What changed: {old} → {new}",
        "",
        f"**Verdict:** {VERDICTS[cmp.verdict]}. {_sentence_case(summary(cmp))}.",
        "",
    ]
    if cmp.findings:
        lines += ["## Findings, most severe first", ""]
        for rank, finding in enumerate(cmp.findings, 1):
            lines += _finding(rank, finding)
    if cmp.cosmetic:
        lines += _cosmetic(cmp.cosmetic)
    lines += _citation(cmp.old, cmp.new, cmp.languages)
    return "\n".join(lines)
