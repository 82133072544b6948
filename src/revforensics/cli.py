"""The ``revforensics`` command line: each command is one library call plus rendering."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from revforensics._version import __version__
from revforensics.batch import compare_jsonl
from revforensics.compare import compare
from revforensics.errors import BatchError, ReadError, RevForensicsError
from revforensics.model import Revision
from revforensics.render import render_text, to_json

__all__ = ["main", "read_text"]

EXIT_OK = 0
EXIT_ERROR = 2
_SNIFF = 8192


def read_text(source: str, stdin: TextIO | None = None) -> str:
    """Read a UTF-8 text file, or standard input for ``-``.

    Raises:
        ReadError: If the file is missing, unreadable, binary, not UTF-8, or empty.
    """
    try:
        if source == "-":
            stream = stdin or sys.stdin
            data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode()
        else:
            data = Path(source).read_bytes()
    except FileNotFoundError:
        msg = f"{source}: no such file; check the path"
        raise ReadError(msg, source=source) from None
    except IsADirectoryError:
        msg = f"{source}: is a directory; give a text file"
        raise ReadError(msg, source=source) from None
    except OSError as exc:
        msg = f"{source}: cannot read it ({exc.strerror or exc})"
        raise ReadError(msg, source=source) from None
    name = "standard input" if source == "-" else source
    if not data.strip():
        msg = f"{name}: is empty; nothing to compare"
        raise ReadError(msg, source=source)
    if b"\x00" in data[:_SNIFF]:
        msg = f"{name}: looks like a binary file (it contains NUL bytes); give a text file"
        raise ReadError(msg, source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = (
            f"{name}: is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f cp1251 -t utf-8"
        )
        raise ReadError(msg, source=source) from None


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


def _add_batch(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    batch = commands.add_parser(
        "batch",
        help="compare many pairs from a JSON Lines file, in parallel",
        description=(
            "Compare every record {id, old, new, lang?} of a JSON Lines file in worker "
            "processes. Writes one revforensics.batch/1 JSON line per record, in input "
            "order, failed records included; prints a summary on standard error."
        ),
        epilog="example: revforensics batch pairs.jsonl --workers 4 --output results.jsonl",
    )
    batch.add_argument("pairs", metavar="PAIRS", help="a JSON Lines file, one record per line")
    batch.add_argument(
        "--workers", type=int, default=None, help="worker processes (default: one per CPU)"
    )
    batch.add_argument(
        "--output", "-o", metavar="OUT", help="write the result lines here (default: stdout)"
    )
    batch.add_argument(
        "--timeout", type=float, default=None, help="seconds one record may take (default: none)"
    )
    batch.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="format of the summary on stderr; result lines are always JSON (default: text)",
    )
    batch.set_defaults(run=_run_batch)


def _run_batch(args: argparse.Namespace) -> str:
    if args.output is None:
        summary = compare_jsonl(args.pairs, sys.stdout, workers=args.workers, timeout=args.timeout)
    else:
        try:
            with Path(args.output).open("w", encoding="utf-8") as out:
                summary = compare_jsonl(args.pairs, out, workers=args.workers, timeout=args.timeout)
        except OSError as exc:
            msg = f"{args.output}: cannot write it ({exc.strerror or exc})"
            raise BatchError(msg) from exc
    text = json.dumps(summary.to_dict()) if args.format == "json" else f"batch: {summary}"
    sys.stderr.write(text + "\n")
    return ""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revforensics",
        description="Statement-revision forensics: what did an edited statement change?",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_compare(commands)
    _add_batch(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 success, 2 error).

    Each command's ``run`` function is one library call plus rendering; it returns the
    output, and errors of the library become a one-line message and exit status 2.

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
    run: Callable[[argparse.Namespace], str] = args.run
    try:
        output = run(args)
    except RevForensicsError as exc:
        sys.stderr.write(f"revforensics: error: {exc}\n")
        return EXIT_ERROR
    sys.stdout.write(output)
    return EXIT_OK
