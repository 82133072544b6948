"""The ``revforensics`` command line: each command is one library call plus rendering."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from revforensics._version import __version__
from revforensics.archive import Archive, StoredRevision
from revforensics.compare import compare
from revforensics.errors import InputError, ReadError, RevForensicsError
from revforensics.ingest.text import decode_text, read_text_file
from revforensics.model import Revision
from revforensics.render import render_text, to_json

__all__ = ["main", "read_text"]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_ERROR = 2


def read_text(source: str, stdin: TextIO | None = None) -> str:
    """Read a UTF-8 text file, or standard input for ``-``.

    The checks and messages are those of :func:`revforensics.ingest.text.read_text_file`.

    Raises:
        ReadError: If the file is missing, unreadable, binary, not UTF-8, or empty.
    """
    if source != "-":
        return read_text_file(source).text
    stream = stdin or sys.stdin
    try:
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode()
    except OSError as exc:
        msg = f"standard input: cannot read it ({exc.strerror or exc})"
        raise ReadError(msg, source=source) from None
    return decode_text(data, name="standard input", source=source)


def _add_compare(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmp = commands.add_parser(
        "compare",
        help="compare two versions of a statement",
        description="Compare two versions of a statement and report what changed in meaning.",
        epilog="example: revforensics compare before.txt after.txt --format json",
    )
    cmp.add_argument("old", metavar="OLD", help="the earlier version: a UTF-8 file, or - for stdin")
    cmp.add_argument("new", metavar="NEW", help="the later version: a UTF-8 file, or - for stdin")
    cmp.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    cmp.add_argument("--lang", help="language code (en, uk, ru); detected when omitted")
    cmp.add_argument(
        "--watch",
        action="append",
        default=[],
        metavar="TERM",
        help="a term to watch (repeatable): findings touching it weigh more",
    )
    cmp.set_defaults(run=_run_compare)


def _run_compare(args: argparse.Namespace) -> str:
    if args.old == "-" and args.new == "-":
        msg = "-: only one of OLD and NEW can be standard input"
        raise ReadError(msg, source="-")
    old = Revision(read_text(args.old), label=args.old)
    new = Revision(read_text(args.new), label=args.new)
    result = compare(old, new, lang=args.lang, watch=args.watch)
    return to_json(result) + "\n" if args.format == "json" else render_text(result)


def _add_chain(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    chain = commands.add_parser(
        "chain",
        help="follow a statement through several versions",
        description=(
            "Compare each version of a statement with the next, follow every claim through "
            "the versions (added, changed, removed, restored) and flag suspect captures."
        ),
        epilog=(
            "examples: revforensics chain v1.txt v2.txt v3.txt; "
            "revforensics chain --git ./scrape advisories/ukraine.md --format json"
        ),
    )
    chain.add_argument(
        "files", nargs="*", metavar="FILE", help="the versions, oldest first: UTF-8 files"
    )
    chain.add_argument(
        "--git",
        nargs=2,
        metavar=("REPO", "PATH"),
        help="read every committed version of PATH in the git repository REPO instead",
    )
    chain.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    chain.add_argument("--lang", help="language code (en, uk, ru); detected when omitted")
    chain.set_defaults(run=_run_chain)


def _labels(paths: Sequence[str]) -> list[str]:
    """Short labels for files: their names, or the paths when two names clash.

    A file named twice (a revert) gets its position too: labels are unique.

    Example:
        >>> _labels(["a/v1.txt", "a/v2.txt"]), _labels(["a/v.txt", "b/v.txt", "a/v.txt"])
        (['v1.txt', 'v2.txt'], ['a/v.txt#1', 'b/v.txt', 'a/v.txt#3'])
    """
    names = [Path(path).name or path for path in paths]
    labels = names if len(set(names)) == len(set(paths)) else list(paths)
    return [
        f"{label}#{n}" if paths.count(path) > 1 else label
        for n, (path, label) in enumerate(zip(paths, labels, strict=True), 1)
    ]


def _run_chain(args: argparse.Namespace) -> str:
    from revforensics.chain import RevisionChain, compare_chain  # noqa: PLC0415 - lazy
    from revforensics.compare import Comparer  # noqa: PLC0415 - lazy
    from revforensics.render.chain_json import chain_to_json  # noqa: PLC0415 - lazy
    from revforensics.render.chain_text import render_chain_text  # noqa: PLC0415 - lazy

    if args.git and args.files:
        msg = f"give either FILE arguments or --git REPO PATH, not both (got {args.files[0]!r})"
        raise InputError(msg)
    if args.git:
        chain = RevisionChain.from_git(args.git[0], args.git[1])
    elif args.files:
        if args.files.count("-") > 1:
            msg = "-: standard input can be only one of the versions"
            raise ReadError(msg, source="-")
        chain = RevisionChain(
            Revision(read_text(path), label=label, source=path)
            for path, label in zip(args.files, _labels(args.files), strict=True)
        )
    else:
        msg = "no versions given; name the files oldest first, or use --git REPO PATH"
        raise InputError(msg)
    result = compare_chain(chain, comparer=Comparer(lang=args.lang))
    return chain_to_json(result) + "\n" if args.format == "json" else render_chain_text(result)


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )


def _add_archive(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    arc = commands.add_parser(
        "archive",
        help="keep revisions in a tamper-evident SQLite archive",
        description=(
            "Keep every captured version of a statement in one SQLite file, "
            "content-addressed and hash-chained, and check that nothing was altered."
        ),
        epilog="example: revforensics archive add news.db mod-daily today.txt --create",
    )
    # TODO: `archive blame DB STATEMENT` is wired by the lead once RevisionChain is merged.
    actions = arc.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add",
        help="add a version of a statement",
        description="Add a text file as the next revision of a statement (Archive.add).",
        epilog="example: revforensics archive add news.db mod-daily v2.txt --label v2",
    )
    add.add_argument("db", metavar="DB", help="the archive file; created when missing")
    add.add_argument("statement", metavar="STATEMENT", help="the statement's id: a URL or slug")
    add.add_argument("file", metavar="FILE", help="the version: a UTF-8 file, or - for stdin")
    add.add_argument("--create", action="store_true", help="create the statement if missing")
    add.add_argument(
        "--captured-at",
        metavar="ISO",
        help="when it was captured, ISO 8601 with an offset, e.g. 2024-03-01T09:12:00+02:00",
    )
    add.add_argument("--source", metavar="S", help="where it came from (default: FILE)")
    add.add_argument("--label", metavar="L", default="", help="a short name such as v2")
    _add_format(add)
    add.set_defaults(run=_run_archive_add)
    log = actions.add_parser(
        "log",
        help="list a statement's revisions",
        description="List a statement's revisions in order, with hashes (Archive.log).",
        epilog="example: revforensics archive log news.db mod-daily --format json",
    )
    log.add_argument("db", metavar="DB", help="the archive file")
    log.add_argument("statement", metavar="STATEMENT", help="the statement's id")
    _add_format(log)
    log.set_defaults(run=_run_archive_log)
    show = actions.add_parser(
        "show",
        help="show a capture and its texts",
        description=(
            "Show a capture: its size, media type, the revisions that stored it, and its "
            "latest text (Archive.capture)."
        ),
        epilog="example: revforensics archive show news.db 3f2a9c1b0d4e",
    )
    show.add_argument("db", metavar="DB", help="the archive file")
    show.add_argument("sha256", metavar="SHA256", help="the capture's SHA-256 or a prefix")
    _add_format(show)
    show.set_defaults(run=_run_archive_show)
    verify = actions.add_parser(
        "verify",
        help="check every hash and link; exit 1 on problems",
        description=(
            "Recompute every hash and link of the archive and list every problem "
            "(Archive.verify). Exit status 0: no problem; 1: problems found; 2: error."
        ),
        epilog="example: revforensics archive verify news.db",
    )
    verify.add_argument("db", metavar="DB", help="the archive file")
    _add_format(verify)
    verify.set_defaults(run=_run_archive_verify)


def _existing_db(path: str) -> str:
    # Reading commands never create an archive: a typo in DB is an error, not a new file.
    if not Path(path).exists():
        msg = f"{path}: no such archive; check the path (archive add creates one)"
        raise ReadError(msg, source=path)
    return path


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


def _run_archive_add(args: argparse.Namespace) -> str:
    captured_at = None
    if args.captured_at is not None:
        try:
            captured_at = dt.datetime.fromisoformat(args.captured_at)
        except ValueError:
            msg = (
                f"--captured-at {args.captured_at!r} is not an ISO 8601 time; "
                "write it like 2024-03-01T09:12:00+02:00"
            )
            raise InputError(msg) from None
        if captured_at.utcoffset() is None:
            msg = f"--captured-at {args.captured_at!r} has no UTC offset; add one, e.g. +02:00 or Z"
            raise InputError(msg)
    text = read_text(args.file)
    source = args.source if args.source is not None else args.file
    revision = Revision(text, args.label, captured_at, source=source)
    with Archive(args.db) as archive:
        stored = archive.add(args.statement, revision, create=args.create)
    if args.format == "json":
        return _dumps(_stored_json(stored))
    if stored.duplicate:
        head = f"duplicate: already stored as revision {stored.seq} of {stored.statement!r}"
        return f"{head}; nothing added\n  sha256 {stored.sha256}\n"
    return (
        f"added revision {stored.seq} of {stored.statement!r}\n"
        f"  sha256 {stored.sha256}\n"
        f"  link   {stored.link_hash}\n"
    )


def _run_archive_log(args: argparse.Namespace) -> str:
    with Archive(_existing_db(args.db)) as archive:
        log = archive.log(args.statement)
        statement = archive.statement(args.statement)
    if args.format == "json":
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


def _run_archive_show(args: argparse.Namespace) -> str:
    with Archive(_existing_db(args.db)) as archive:
        capture = archive.capture(args.sha256)
    if args.format == "json":
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


def _run_archive_verify(args: argparse.Namespace) -> tuple[str, int]:
    with Archive(_existing_db(args.db)) as archive:
        report = archive.verify()
    status = EXIT_OK if report.ok else EXIT_PROBLEMS
    counts = {
        "statements": report.statements,
        "revisions": report.revisions,
        "captures": report.captures,
        "extractions": report.extractions,
    }
    if args.format == "json":
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
        return _dumps(data), status
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    if report.ok:
        return f"ok: {summary}; every hash and link checks out\n", status
    lines = [f"{len(report.problems)} problem(s) in {report.path} ({summary}):"]
    lines += [f"  {problem}" for problem in report.problems]
    return "\n".join(lines) + "\n", status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revforensics",
        description="Statement-revision forensics: what did an edited statement change?",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_compare(commands)
    _add_chain(commands)
    _add_archive(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 success, 2 error).

    Each command's ``run`` function is one library call plus rendering; it returns the
    output (or the output and an exit status, as ``archive verify`` does: 1 when it finds
    problems), and errors of the library become a one-line message and exit status 2.

    Example:
        >>> main(["compare", "--help"])  # doctest: +ELLIPSIS
        usage: revforensics compare ...
        0
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help and usage errors
        return int(exc.code or 0)
    run: Callable[[argparse.Namespace], str | tuple[str, int]] = args.run
    try:
        result = run(args)
    except RevForensicsError as exc:
        sys.stderr.write(f"revforensics: error: {exc}\n")
        return EXIT_ERROR
    output, status = (result, EXIT_OK) if isinstance(result, str) else result
    sys.stdout.write(output)
    return status
