"""The ``revforensics`` command line: each command is one library call plus rendering."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple, TextIO

from revforensics._version import __version__
from revforensics.compare import compare
from revforensics.errors import ReadError, RevForensicsError, WriteError
from revforensics.findings import Comparison, FindingKind, Level
from revforensics.model import Revision
from revforensics.render import render_html, render_markdown, render_text, to_json
from revforensics.render.terminal import color_wanted, render_terminal

__all__ = ["RENDERERS", "Outcome", "add_output_options", "main", "read_text", "write_atomically"]

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_ERROR = 2
_SNIFF = 8192

RENDERERS: dict[str, Callable[[Comparison], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "html": render_html,
    "json": lambda cmp: to_json(cmp) + "\n",
}
"""The comparison report formats, by ``--format`` name."""


class Outcome(NamedTuple):
    """What a command's ``run`` function returns when the exit status is not plain success.

    Attributes:
        output: The rendered report.
        status: The exit status, such as :data:`EXIT_FOUND` when ``--fail-on`` matched.
        note: One line for standard error, or ``""``.
    """

    output: str
    status: int = EXIT_OK
    note: str = ""


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


def add_output_options(command: argparse.ArgumentParser, formats: Sequence[str]) -> None:
    """Add ``--format`` and ``--output``, shared by every command."""
    command.add_argument(
        "--format",
        choices=tuple(formats),
        default=formats[0],
        help=f"output format (default: {formats[0]})",
    )
    command.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write the report to FILE (replaced atomically) instead of standard output",
    )


_FAIL_ANY = ("any", "changed")


def _fail_on(value: str) -> frozenset[str]:
    names = {part.strip().lower() for part in value.split(",")}
    known = {*_FAIL_ANY, *(level.value for level in Level), *(kind.value for kind in FindingKind)}
    unknown = sorted(names - known)
    if unknown or not names or "" in names:
        shown = ", ".join(unknown) or repr(value)
        msg = (
            f"unknown --fail-on value {shown}; use finding kinds such as assertion_removed, "
            "levels (critical, high, medium, low, info), any or changed, separated by commas"
        )
        raise argparse.ArgumentTypeError(msg)
    return frozenset(names)


def _matches(cmp: Comparison, names: frozenset[str]) -> list[str]:
    """The reasons ``cmp`` meets a ``--fail-on`` list, or none."""
    order = list(Level)
    worst = max((n for n, level in enumerate(order) if level.value in names), default=-1)
    reasons = []
    if "changed" in names and cmp.verdict.value != "unchanged":
        reasons.append(f"the verdict is {cmp.verdict.value}")
    hits = [
        f
        for f in cmp.findings
        if "any" in names or f.kind.value in names or order.index(f.level) <= worst
    ]
    if hits:
        kinds = ", ".join(sorted({f.kind.value for f in hits}))
        reasons.append(f"{len(hits)} finding{'s' if len(hits) != 1 else ''} ({kinds})")
    return reasons


def _add_compare(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cmp = commands.add_parser(
        "compare",
        help="compare two versions of a statement",
        description="Compare two versions of a statement and report what changed in meaning.",
        epilog=(
            "exit status: 0 done, 1 a --fail-on condition was met, 2 error\n"
            "example: revforensics compare before.txt after.txt --format html -o report.html"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmp.add_argument("old", metavar="OLD", help="the earlier version: a UTF-8 file, or - for stdin")
    cmp.add_argument("new", metavar="NEW", help="the later version: a UTF-8 file, or - for stdin")
    add_output_options(cmp, tuple(RENDERERS))
    cmp.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help=(
            "colour the text report: auto (on a terminal, unless NO_COLOR is set; needs "
            'pip install "revforensics[term]"), always or never (default: auto)'
        ),
    )
    cmp.add_argument("--lang", help="language code (en, uk, ru); detected when omitted")
    cmp.add_argument(
        "--watch",
        action="append",
        default=[],
        metavar="TERM",
        help="a term to watch (repeatable): findings touching it weigh more",
    )
    cmp.add_argument(
        "--fail-on",
        type=_fail_on,
        action="append",
        default=[],
        metavar="KIND[,KIND...]",
        help=(
            "exit with status 1 when a finding of a listed kind is found; a level "
            "(critical, high, medium, low, info) matches findings at that level or above, "
            "'any' any finding, 'changed' any difference at all (repeatable)"
        ),
    )
    cmp.set_defaults(run=_run_compare, inputs=("old", "new"))


def _run_compare(args: argparse.Namespace) -> Outcome:
    if args.old == "-" and args.new == "-":
        msg = "-: only one of OLD and NEW can be standard input"
        raise ReadError(msg, source="-")
    old = Revision(read_text(args.old), label=args.old)
    new = Revision(read_text(args.new), label=args.new)
    result = compare(old, new, lang=args.lang, watch=args.watch)
    if args.format == "text":
        to_stdout = args.output in (None, "-")
        color = {"always": True, "never": False}.get(args.color, to_stdout and color_wanted())
        output = render_terminal(result, color=color)
    else:
        output = RENDERERS[args.format](result)
    names = frozenset().union(*args.fail_on)
    reasons = _matches(result, names) if names else []
    if reasons:
        note = f"--fail-on {','.join(sorted(names))} matched: {'; '.join(reasons)}"
        return Outcome(output, EXIT_FOUND, note)
    return Outcome(output)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomically(target: str, text: str, *, inputs: Sequence[str] = ()) -> None:
    """Write ``text`` to ``target`` as UTF-8 through a temporary file and a rename.

    A reader never sees a half-written report, and a failure leaves an existing file as
    it was.

    Raises:
        WriteError: If ``target`` is one of ``inputs``, a directory, or cannot be written.
    """
    path = Path(target)
    for source in inputs:
        if source == "-":
            continue
        same = Path(source).resolve() == path.resolve()
        with contextlib.suppress(OSError):
            same = same or path.samefile(source)
        if same:
            msg = f"{target}: is the input {source}; choose another --output file"
            raise WriteError(msg, target=target)
    if path.is_dir():
        msg = f"{target}: is a directory; give a file name for --output"
        raise WriteError(msg, target=target)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
        Path(tmp).chmod(mode)
        Path(tmp).replace(path)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
        msg = f"{target}: cannot write it ({exc.strerror or exc})"
        raise WriteError(msg, target=target) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revforensics",
        description="Statement-revision forensics: what did an edited statement change?",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_compare(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    The status is 0 on success, 1 when a ``--fail-on`` condition was met (the report is
    still written in full) and 2 on an error. Each command's ``run`` function is one
    library call plus rendering; it returns the output (a ``str``, or an
    :class:`Outcome` with a status), which goes to standard output or, atomically, to the
    ``--output`` file. Errors of the library become a one-line message and status 2.

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
    run: Callable[[argparse.Namespace], str | Outcome] = args.run
    try:
        result = run(args)
        outcome = result if isinstance(result, Outcome) else Outcome(result)
        target = getattr(args, "output", None)
        if target and target != "-":
            inputs = [getattr(args, name) for name in getattr(args, "inputs", ())]
            flat = [p for v in inputs for p in ([v] if isinstance(v, str) else v)]
            write_atomically(target, outcome.output, inputs=flat)
        else:
            sys.stdout.write(outcome.output)
    except RevForensicsError as exc:
        sys.stderr.write(f"revforensics: error: {exc}\n")
        return EXIT_ERROR
    if outcome.note:
        sys.stderr.write(f"revforensics: {outcome.note}\n")
    return outcome.status
