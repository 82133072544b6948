"""Text and JSON views of an archive: stored revisions, a statement's log, a capture, a check.

The ``revforensics archive`` commands print these; each takes what an
:class:`~revforensics.archive.Archive` call returned and never queries the archive again.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from revforensics.archive import Capture, Statement, StoredRevision, VerifyReport

__all__ = ["render_capture", "render_log", "render_stored", "render_verify"]

Format = Literal["text", "json"]


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
        "text_sha256": stored.text_sha256,
        "characters": len(rev.text),
        "reextractions": stored.reextractions,
        "prev_link_hash": stored.prev_link_hash,
        "link_hash": stored.link_hash,
    }


def _dumps(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_stored(stored: StoredRevision, fmt: Format = "text") -> str:
    """What ``archive add`` prints: the revision added, or the one it duplicates."""
    if fmt == "json":
        return _dumps(_stored_json(stored))
    if stored.duplicate:
        head = f"duplicate: already stored as revision {stored.seq} of {stored.statement!r}"
        return f"{head}; nothing added\n  sha256 {stored.sha256}\n"
    return (
        f"added revision {stored.seq} of {stored.statement!r}\n"
        f"  sha256 {stored.sha256}\n"
        f"  link   {stored.link_hash}\n"
    )


def render_log(statement: Statement, log: list[StoredRevision], fmt: Format = "text") -> str:
    """What ``archive log`` prints: a statement and its revisions in order."""
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
        lines.append(
            f"{stored.seq:>4}  {when}{label}  sha256 {stored.sha256[:12]}  "
            f"{len(rev.text)} chars{extra}  link {stored.link_hash[:12]}"
        )
    return "\n".join(lines) + "\n"


def render_capture(capture: Capture, fmt: Format = "text") -> str:
    """What ``archive show`` prints: a capture, its extractions and latest text."""
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
                    {"statement": r.statement, "seq": r.seq, "link_hash": r.link_hash}
                    for r in capture.revisions
                ],
            }
        )
    used = ", ".join(f"{r.statement!r} revision {r.seq}" for r in capture.revisions)
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
    """What ``archive verify`` prints: ``ok`` with the counts, or every problem found."""
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
                sid: {"seq": seq, "link_hash": link} for sid, (seq, link) in report.heads.items()
            },
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
