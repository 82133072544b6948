"""The ``revforensics`` command line: each command is one library call plus rendering."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from revforensics._version import __version__
from revforensics.compare import compare
from revforensics.errors import InputError, ReadError, RevForensicsError
from revforensics.ingest.text import decode_text, read_text_file
from revforensics.model import Revision
from revforensics.render import render_text, to_json

__all__ = ["main", "read_text"]

EXIT_OK = 0
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revforensics",
        description="Statement-revision forensics: what did an edited statement change?",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_compare(commands)
    _add_chain(commands)
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
