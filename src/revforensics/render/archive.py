"""Views of an archive: stored revisions, a statement's log, a capture, a check.

The ``revforensics archive`` commands print these; each takes what an
:class:`~revforensics.archive.Archive` call returned and never queries the archive again.

Each view comes in four formats: text for a terminal, JSON for programs, and Markdown and
HTML for a story file or an attachment. The Markdown and HTML views are built from one
small document (a title, paragraphs, tables and a preformatted text), so the two always
hold the same facts. Statement ids, titles, labels, sources and texts are written by
others: Markdown escapes them with :func:`~revforensics.render.markdown.escape_markdown`
and shows a capture's text in a fence longer than any backtick run in it; HTML escapes
everything and uses the comparison report's page shell (strict policy, no script).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Literal, NamedTuple

from revforensics.archive import (
    EXTRACTION_HEADS_KEY,
    Capture,
    Statement,
    StoredRevision,
    VerifyReport,
)
from revforensics.render.html import CSS, _e, page
from revforensics.render.markdown import escape_markdown

__all__ = [
    "FORMATS",
    "render_capture",
    "render_log",
    "render_stored",
    "render_upgrade",
    "render_verify",
]

Format = Literal["text", "markdown", "html", "json"]

FORMATS: tuple[Format, ...] = ("text", "markdown", "html", "json")
"""The formats of every archive view, by ``--format`` name; the first is the default."""


def _time(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _stored_json(stored: StoredRevision) -> dict[str, Any]:
    rev = stored.revision
    return {
        "statement": stored.statement,
        "seq": stored.seq,
        "duplicate": stored.duplicate,
        "captured_at": _time(rev.captured_at),
        "recorded_at": _time(stored.recorded_at),
        "label": rev.label,
        "source": rev.source,
        "sha256": stored.sha256,
        "media_type": rev.media_type,
        "bytes": len(rev.raw) if rev.raw is not None else len(rev.text.encode("utf-8")),
        "extractor": rev.extractor,
        "digest": rev.digest,
        "text_sha256": stored.text_sha256,
        "characters": len(rev.text),
        "reextractions": stored.reextractions,
        "prev_link_hash": stored.prev_link_hash,
        "link_hash": stored.link_hash,
    }


def _dumps(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_stored(stored: StoredRevision, fmt: Format = "text") -> str:
    """What ``archive add`` prints: the revision added, or the one it duplicates.

    Markdown and HTML give a table of the stored facts (those of the JSON object).
    """
    if fmt == "json":
        return _dumps(_stored_json(stored))
    if fmt in _DOCUMENTS:
        return _DOCUMENTS[fmt](_stored_doc(stored))
    digest = stored.revision.digest
    shown = f"  digest {digest} (web archive's)\n" if digest is not None else ""
    if stored.duplicate:
        head = f"duplicate: already stored as revision {stored.seq} of {stored.statement!r}"
        return f"{head}; nothing added\n  sha256 {stored.sha256}\n{shown}"
    return (
        f"added revision {stored.seq} of {stored.statement!r}\n"
        f"  sha256 {stored.sha256}\n"
        f"{shown}"
        f"  link   {stored.link_hash}\n"
    )


def render_log(statement: Statement, log: list[StoredRevision], fmt: Format = "text") -> str:
    """What ``archive log`` prints: a statement and its revisions in order.

    Markdown and HTML give the statement's facts and a table with one row per revision.
    """
    if fmt in _DOCUMENTS:
        return _DOCUMENTS[fmt](_log_doc(statement, log))
    if fmt == "json":
        return _dumps(
            {
                "statement": {
                    "id": statement.id,
                    "title": statement.title,
                    "source": statement.source,
                    "created_at": _time(statement.created_at),
                    "revisions": statement.revisions,
                    "head_link_hash": statement.head_link_hash,
                },
                "revisions": [_stored_json(stored) for stored in log],
            }
        )
    title = f" ({statement.title})" if statement.title else ""
    head = f"head {statement.head_link_hash[:12]}"
    lines = [f"statement {statement.id!r}{title}: {statement.revisions} revision(s), {head}"]
    for stored in log:
        rev = stored.revision
        when = _time(rev.captured_at) or "(no capture time)"
        label = f" {rev.label}" if rev.label else ""
        extra = f", {stored.reextractions} re-extraction(s)" if stored.reextractions else ""
        digest = f"  digest {rev.digest}" if rev.digest is not None else ""
        lines.append(
            f"{stored.seq:>4}  {when}{label}  sha256 {stored.sha256[:12]}  "
            f"{len(rev.text)} chars{extra}  link {stored.link_hash[:12]}{digest}"
        )
    return "\n".join(lines) + "\n"


def render_capture(capture: Capture, fmt: Format = "text") -> str:
    """What ``archive show`` prints: a capture, its extractions and latest text.

    Markdown and HTML give the capture's facts, the revisions that stored it and its
    extractions as tables, then the latest text, verbatim (in Markdown, in a fence that
    no backtick run in the text can close).
    """
    if fmt in _DOCUMENTS:
        return _DOCUMENTS[fmt](_capture_doc(capture))
    if fmt == "json":
        return _dumps(
            {
                "sha256": capture.sha256,
                "bytes": capture.byte_length,
                "media_type": capture.media_type,
                "extractions": [
                    {
                        "id": x.id,
                        "kind": x.kind,
                        "extractor": x.extractor,
                        "recorded_at": _time(x.recorded_at),
                        "text_sha256": x.text_sha256,
                        "text": x.text,
                    }
                    for x in capture.extractions
                ],
                "revisions": [
                    {
                        "statement": r.statement,
                        "seq": r.seq,
                        "link_hash": r.link_hash,
                        "digest": r.revision.digest,
                    }
                    for r in capture.revisions
                ],
            }
        )
    used = ", ".join(
        f"{r.statement!r} revision {r.seq}"
        + (f" (digest {r.revision.digest})" if r.revision.digest is not None else "")
        for r in capture.revisions
    )
    lines = [
        f"capture {capture.sha256}",
        f"  {capture.byte_length} bytes, media type {capture.media_type or '(unknown)'}",
        f"  stored by {used or '(no revision)'}",
    ]
    lines += [
        f"  extraction {x.id}: {x.kind} by {x.extractor or '(none)'}" for x in capture.extractions
    ]
    latest = capture.extractions[-1] if capture.extractions else None
    if latest is not None:
        lines += [f"--- text of extraction {latest.id} ---", latest.text.rstrip("\n")]
    return "\n".join(lines) + "\n"


def render_verify(report: VerifyReport, fmt: Format = "text") -> str:
    """What ``archive verify`` prints: ``ok`` with the counts, or every problem found.

    Markdown and HTML give the ok line or a table with one row per problem, then each
    statement's head (its last seq and link hash: keep a copy elsewhere).

    Example:
        >>> from revforensics.archive import Problem, VerifyReport
        >>> bad = Problem("revisions", "statement 'mod' seq 2", "link hash differs")
        >>> print(render_verify(VerifyReport("news.db", [bad], revisions=2), "markdown"))
        # Archive check: 1 problem(s)
        <BLANKLINE>
        Archive news.db; read 0 statements, 2 revisions, 0 captures, 0 extractions.
        <BLANKLINE>
        | # | table | row | detail |
        |---:|---|---|---|
        | 1 | revisions | statement 'mod' seq 2 | link hash differs |
        <BLANKLINE>
    """
    if fmt in _DOCUMENTS:
        return _DOCUMENTS[fmt](_verify_doc(report))
    counts = {
        "statements": report.statements,
        "revisions": report.revisions,
        "captures": report.captures,
        "extractions": report.extractions,
    }
    if fmt == "json":
        data = {
            "path": report.path,
            "ok": report.ok,
            "counts": counts,
            "heads": {
                sid: {"seq": seq, "link_hash": link}
                for sid, (seq, link) in report.heads.items()
                if sid != EXTRACTION_HEADS_KEY
            },
            "extraction_head": _extraction_head(report),
            "problems": [
                {
                    "table": p.table,
                    "row": p.row,
                    "statement": p.statement,
                    "seq": p.seq,
                    "detail": p.detail,
                }
                for p in report.problems
            ],
        }
        return _dumps(data)
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    if report.ok:
        return f"ok: {summary}; every hash and link checks out\n"
    lines = [f"{len(report.problems)} problem(s) in {report.path} ({summary}):"]
    lines += [f"  {problem}" for problem in report.problems]
    return "\n".join(lines) + "\n"


def render_upgrade(path: str, before: int, after: int, fmt: Format = "text") -> str:
    """What ``archive upgrade`` prints: the schema version before and after.

    Example:
        >>> print(render_upgrade("news.db", 2, 3), end="")
        upgraded news.db from schema 2 to 3; no stored row or hash changed

    .. versionadded:: 0.3
    """
    if before == after:
        line = f"already at schema {after}; nothing to do"
    else:
        line = f"upgraded from schema {before} to {after}; no stored row or hash changed"
    if fmt == "json":
        return _dumps({"path": path, "before": before, "after": after})
    if fmt in _DOCUMENTS:
        title: _Line = ("Archive upgrade: ", _Theirs(path))
        return _DOCUMENTS[fmt](_Doc(title, [_Para((line[:1].upper() + line[1:] + ".",))]))
    if before == after:
        return f"{path}: {line}\n"
    return f"upgraded {path} from schema {before} to {after}; no stored row or hash changed\n"


# The Markdown and HTML views: one small document, two writers. Plain ``str`` pieces are
# our own words, already safe in Markdown; ``_Theirs`` marks text written by others (ids,
# titles, labels, sources, paths, problem details), which Markdown escapes; ``_Code`` is a
# hash, shown monospaced. HTML escapes every piece.


class _Theirs(NamedTuple):
    text: str


class _Code(NamedTuple):
    text: str


_Piece = str | _Theirs | _Code
_Line = tuple[_Piece, ...]


class _Para(NamedTuple):
    line: _Line
    tone: str = ""  # "ok" or "problem": the verify line


class _Heading(NamedTuple):
    line: _Line


class _Table(NamedTuple):
    head: tuple[str, ...]  # empty: a table of facts, names in the first column
    rows: list[tuple[_Piece, ...]]
    numeric: tuple[int, ...] = ()  # columns aligned to the right


class _Pre(NamedTuple):
    text: str


_Part = _Para | _Heading | _Table | _Pre


class _Doc(NamedTuple):
    title: _Line
    parts: list[_Part]


def _theirs(value: str | None) -> _Piece:
    return _Theirs(value) if value else "—"


_DIGEST = "web archive digest"
"""A revision's :attr:`~revforensics.model.Revision.digest`: the one the web archive
(WARC, Wayback Machine) recorded, not a hash of this archive's."""


def _digest(value: str | None) -> _Piece:
    return _Code(value) if value else "—"


def _stored_doc(stored: StoredRevision) -> _Doc:
    rev = stored.revision
    where = (f"revision {stored.seq} of ", _Theirs(stored.statement))
    if stored.duplicate:
        title: _Line = ("Duplicate: already stored as ", *where)
        note = "The capture is the statement's last one; nothing was added."
    else:
        title = ("Added ", *where)
        note = "The revision was added and linked to the one before it."
    data = _stored_json(stored)
    facts: list[tuple[_Piece, ...]] = [
        ("statement", _Theirs(stored.statement)),
        ("seq", str(stored.seq)),
        ("captured at", data["captured_at"] or "—"),
        ("recorded at", data["recorded_at"]),
        ("label", _theirs(rev.label)),
        ("source", _theirs(rev.source)),
        ("SHA-256 of the capture", _Code(stored.sha256)),
        ("media type", _theirs(rev.media_type)),
        ("bytes", str(data["bytes"])),
        ("extractor", _theirs(rev.extractor)),
        *([(_DIGEST, _Code(rev.digest))] if rev.digest is not None else []),
        ("SHA-256 of the text", _Code(stored.text_sha256)),
        ("characters", str(len(rev.text))),
        ("re-extractions", str(stored.reextractions)),
        ("previous link hash", _Code(stored.prev_link_hash)),
        ("link hash", _Code(stored.link_hash)),
    ]
    return _Doc(title, [_Para((note,)), _Table((), facts)])


def _log_doc(statement: Statement, log: list[StoredRevision]) -> _Doc:
    facts: list[tuple[_Piece, ...]] = [
        ("statement", _Theirs(statement.id)),
        ("title", _theirs(statement.title)),
        ("source", _theirs(statement.source)),
        ("created at", statement.created_at.isoformat()),
        ("revisions", str(statement.revisions)),
        ("head link hash", _Code(statement.head_link_hash)),
    ]
    # The digest column only when a revision has one: other logs look as before.
    digests = any(stored.revision.digest is not None for stored in log)
    rows: list[tuple[_Piece, ...]] = [
        (
            str(stored.seq),
            _time(stored.revision.captured_at) or "—",
            _theirs(stored.revision.label),
            _theirs(stored.revision.source),
            _Code(stored.sha256),
            str(len(stored.revision.text)),
            str(stored.reextractions),
            _Code(stored.link_hash),
            *([_digest(stored.revision.digest)] if digests else []),
        )
        for stored in log
    ]
    head = "seq|captured at|label|source|SHA-256|characters|re-extractions|link hash"
    head += f"|{_DIGEST}" if digests else ""
    parts: list[_Part] = [_Table((), facts), _Heading(("Revisions, oldest first",))]
    parts.append(
        _Table(tuple(head.split("|")), rows, (0, 5, 6)) if rows else _Para(("No revision yet.",))
    )
    return _Doc(("Revisions of ", _Theirs(statement.id)), parts)


def _capture_doc(capture: Capture) -> _Doc:
    facts: list[tuple[_Piece, ...]] = [
        ("SHA-256", _Code(capture.sha256)),
        ("bytes", str(capture.byte_length)),
        ("media type", _theirs(capture.media_type)),
    ]
    parts: list[_Part] = [_Table((), facts), _Heading(("Stored by",))]
    if capture.revisions:
        digests = any(r.revision.digest is not None for r in capture.revisions)
        rows: list[tuple[_Piece, ...]] = [
            (
                _Theirs(r.statement),
                str(r.seq),
                _Code(r.link_hash),
                *([_digest(r.revision.digest)] if digests else []),
            )
            for r in capture.revisions
        ]
        head = ("statement", "seq", "link hash", *([_DIGEST] if digests else []))
        parts.append(_Table(head, rows, (1,)))
    else:
        parts.append(_Para(("No revision.",)))
    parts.append(_Heading(("Extractions, oldest first",)))
    extractions: list[tuple[_Piece, ...]] = [
        (
            str(x.id),
            x.kind,
            _theirs(x.extractor),
            x.recorded_at.isoformat(),
            _Code(x.text_sha256),
            str(len(x.text)),
        )
        for x in capture.extractions
    ]
    head = ("id", "kind", "extractor", "recorded at", "SHA-256 of the text", "characters")
    parts.append(_Table(head, extractions, (0, 5)) if extractions else _Para(("None.",)))
    if capture.extractions:
        latest = capture.extractions[-1]
        parts += [_Heading((f"Text of extraction {latest.id}",)), _Pre(latest.text)]
    return _Doc(("Capture ", _Code(capture.sha256)), parts)


def _verify_doc(report: VerifyReport) -> _Doc:
    counts = (
        f"{report.statements} statements, {report.revisions} revisions, "
        f"{report.captures} captures, {report.extractions} extractions"
    )
    path = _Theirs(report.path)
    if report.ok:
        title: _Line = ("Archive check: ok",)
        parts: list[_Part] = [
            _Para((f"ok: {counts}; every hash and link checks out.",), "ok"),
            _Para(("Archive ", path, ".")),
        ]
    else:
        title = (f"Archive check: {len(report.problems)} problem(s)",)
        rows: list[tuple[_Piece, ...]] = [
            (str(n), _Theirs(p.table), _theirs(p.row), _Theirs(p.detail))
            for n, p in enumerate(report.problems, 1)
        ]
        parts = [
            _Para(("Archive ", path, f"; read {counts}."), "problem"),
            _Table(("#", "table", "row", "detail"), rows, (0,)),
        ]
    if report.heads:
        parts.append(_Heading(("Heads: keep a copy elsewhere to detect a cut-off chain",)))
        heads: list[tuple[_Piece, ...]] = [
            (
                _Theirs(sid) if sid != EXTRACTION_HEADS_KEY else "(all extractions)",
                str(seq),
                _Code(link),
            )
            for sid, (seq, link) in report.heads.items()
        ]
        parts.append(_Table(("statement", "seq", "link hash"), heads, (1,)))
    return _Doc(title, parts)


_BACKTICKS = re.compile(r"`+")


def _fence(text: str) -> str:
    """A backtick fence that no line of ``text`` can close: longer than its longest run.

    Example:
        >>> _fence("no ticks"), _fence("a ```` b")
        ('```', '`````')
    """
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    return "`" * max(3, longest + 1)


def _md(piece: _Piece) -> str:
    if isinstance(piece, _Code):
        return f"`{piece.text}`"  # hex digits only: nothing to escape
    if isinstance(piece, _Theirs):
        # New lines become spaces and "|" is escaped, so a table cell stays one cell.
        return escape_markdown(piece.text) or "—"
    return piece


def _md_row(cells: tuple[_Piece, ...]) -> str:
    return "| " + " | ".join(_md(c) for c in cells) + " |"


def _md_table(table: _Table) -> list[str]:
    align = ["---:" if n in table.numeric else "---" for n in range(len(table.head) or 2)]
    rows = [_md_row(row) for row in table.rows]
    return [_md_row(table.head) if table.head else "| | |", "|" + "|".join(align) + "|", *rows]


def _markdown(doc: _Doc) -> str:
    lines = ["# " + "".join(_md(p) for p in doc.title), ""]
    for part in doc.parts:
        if isinstance(part, _Heading):
            lines.append("## " + "".join(_md(p) for p in part.line))
        elif isinstance(part, _Para):
            lines.append("".join(_md(p) for p in part.line))
        elif isinstance(part, _Table):
            lines += _md_table(part)
        else:
            # Verbatim, in a fence the text cannot close: no line of it can end the block.
            text = part.text.removesuffix("\n")
            mark = _fence(text)
            lines += [f"{mark}text", text, mark]
        lines.append("")
    return "\n".join(lines)


ARCHIVE_CSS = (
    CSS
    + """
.rf pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--card);
border:1px solid var(--line);border-radius:.3rem;padding:.6rem .8rem;
font:.9em/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.rf table.arc th,.rf table.arc td{overflow-wrap:break-word}
.rf .arc .end{text-align:end;font-variant-numeric:tabular-nums}
.rf table.facts th{width:14rem;font-weight:600;color:var(--muted)}
.rf .arc code{overflow-wrap:anywhere}
"""
)
"""The comparison report's style sheet plus preformatted text and fact tables."""

_TONES = {"ok": "verdict v-unchanged", "problem": "verdict v-meaning_changed"}


def _h(piece: _Piece) -> str:
    if isinstance(piece, _Code):
        return f"<code>{_e(piece.text)}</code>"
    if isinstance(piece, _Theirs):
        return f"<bdi>{_e(piece.text)}</bdi>" if piece.text else "—"
    return _e(piece)


def _h_line(line: _Line) -> str:
    return "".join(_h(p) for p in line)


def _h_table(table: _Table) -> str:
    if not table.head:  # a table of facts: names in the first column
        rows = "".join(
            f'<tr><th scope="row">{_h(name)}</th><td dir="auto">{_h(value)}</td></tr>'
            for name, value in table.rows
        )
        return f'<div class="scroll"><table class="arc facts"><tbody>{rows}</tbody></table></div>'
    num = ' class="end"'  # not "num": the shared sheet styles that as a line number
    head = "".join(
        f'<th scope="col"{num if n in table.numeric else ""}>{_e(h)}</th>'
        for n, h in enumerate(table.head)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td{num if n in table.numeric else ""} dir="auto">{_h(c)}</td>'
            for n, c in enumerate(row)
        )
        + "</tr>"
        for row in table.rows
    )
    return (
        f'<div class="scroll"><table class="arc"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _html(doc: _Doc) -> str:
    parts = [f"<header><h1>{_h_line(doc.title)}</h1></header>"]
    for part in doc.parts:
        if isinstance(part, _Heading):
            parts.append(f"<h2>{_h_line(part.line)}</h2>")
        elif isinstance(part, _Para):
            tone = f' class="{_TONES[part.tone]}"' if part.tone else ""
            parts.append(f'<p{tone} dir="auto">{_h_line(part.line)}</p>')
        elif isinstance(part, _Table):
            parts.append(_h_table(part))
        else:
            parts.append(f'<pre dir="auto">{_e(part.text)}</pre>')
    title = "".join(p if isinstance(p, str) else p.text for p in doc.title)
    return page(title, "".join(parts), ARCHIVE_CSS)


_DOCUMENTS = {"markdown": _markdown, "html": _html}


def _extraction_head(report: VerifyReport) -> dict[str, object] | None:
    """The extractions' count and digest, kept apart from the statements' heads."""
    head = report.heads.get(EXTRACTION_HEADS_KEY)
    return None if head is None else {"count": head[0], "digest": head[1]}
