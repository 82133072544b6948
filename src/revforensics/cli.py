"""The ``revforensics`` command line: each command is one library call plus rendering."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import importlib.util
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

from revforensics._version import __version__
from revforensics.archive import Archive
from revforensics.batch import BatchSummary, compare_jsonl
from revforensics.compare import Comparer, compare
from revforensics.errors import InputError, ReadError, RevForensicsError, WriteError
from revforensics.findings import Comparison, FindingKind, Level
from revforensics.ingest.text import decode_text, read_text_file
from revforensics.model import Revision
from revforensics.render import render_html, render_markdown, render_text, to_json
from revforensics.render.archive import FORMATS as ARCHIVE_FORMATS
from revforensics.render.archive import (
    render_capture,
    render_log,
    render_stored,
    render_upgrade,
    render_verify,
)
from revforensics.render.terminal import color_wanted, render_terminal

if TYPE_CHECKING:
    from revforensics.chain import ChainComparison, RevisionChain

__all__ = [
    "PROGRESS_MIN_VERSIONS",
    "RENDERERS",
    "Outcome",
    "add_output_options",
    "chain_progress",
    "main",
    "read_text",
    "write_atomically",
]

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_PROBLEMS = 1
EXIT_ERROR = 2

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


def _fail_note(names: frozenset[str], reasons: Sequence[str]) -> str:
    return f"--fail-on {','.join(sorted(names))} matched: {'; '.join(reasons)}"


_FAIL_STEPS_SHOWN = 5


def _chain_matches(result: ChainComparison, names: frozenset[str], scope: str) -> list[str]:
    """The reasons a chain meets a ``--fail-on`` list, in the steps ``scope`` names.

    ``steps`` reads every reported step (neighbours and bridges; held steps next to a
    suspect capture report nothing), ``last`` only the step into the last version (and a
    loss that the last version confirms), and ``net`` the first sound version against the
    last.
    """
    from revforensics.render._chain import version_rows  # noqa: PLC0415 - lazy

    labels = [rev.label for rev in result.chain]
    if scope == "net":
        net = result.net
        found = _matches(net.comparison, names) if net.old != net.new else []
        where = f"net {labels[net.old]} → {labels[net.new]}"
        return [f"{'; '.join(found)} ({where})"] if found else []
    if scope == "last":
        row = version_rows(result)[-1]
        chosen = [] if row.step is None else [result.steps[row.step]]
        # The last version may be what confirms an earlier mass loss: that loss is news
        # of this run, although the step that shows it leads into the earlier version.
        newest = len(result.chain) - 1
        confirmed = {s.version for s in result.suspects if s.confirmed_by == newest}
        chosen += [st for st in result.steps if st.confirmed_loss and st.new in confirmed]
    else:
        chosen = [step for step in result.steps if not step.held]
    hits = []
    for step in chosen:
        found = _matches(step.comparison, names)
        if found:
            hits.append(f"{'; '.join(found)} in {labels[step.old]} → {labels[step.new]}")
    if len(hits) > _FAIL_STEPS_SHOWN:
        hits[_FAIL_STEPS_SHOWN:] = [f"and {len(hits) - _FAIL_STEPS_SHOWN} more steps"]
    return hits


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
    _add_fail_on(cmp)
    cmp.set_defaults(run=_run_compare, inputs=("old", "new"))


def _add_fail_on(command: argparse.ArgumentParser, where: str = "") -> None:
    command.add_argument(
        "--fail-on",
        type=_fail_on,
        action="append",
        default=[],
        metavar="KIND[,KIND...]",
        help=(
            f"exit with status 1 when a finding of a listed kind is found{where}; a level "
            "(critical, high, medium, low, info) matches findings at that level or above, "
            "'any' any finding, 'changed' any difference at all (repeatable)"
        ),
    )


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
        return Outcome(output, EXIT_FOUND, _fail_note(names, reasons))
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
    check_output(target, inputs)
    path = Path(target)
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


def check_output(target: str, inputs: Sequence[str]) -> None:
    """Refuse an ``--output`` file that is one of the inputs, or a directory.

    Raises:
        WriteError: If it is.
    """
    path = Path(target)
    for source in inputs:
        if source == "-":
            continue
        same = Path(source).resolve() == path.resolve()
        with contextlib.suppress(OSError):
            same = same or path.samefile(source)
        if same:
            msg = f"{target}: is the input file {source}; choose another --output file"
            raise WriteError(msg, target=target)
    if path.is_dir():
        msg = f"{target}: is a directory; give a file name for --output"
        raise WriteError(msg, target=target)


def _inputs(args: argparse.Namespace) -> list[str]:
    """The files a command reads, which its --output must never replace."""
    values = [getattr(args, name) for name in getattr(args, "inputs", ())]
    found = [p for v in values if v for p in ([v] if isinstance(v, str) else v)]
    git = getattr(args, "git", None)
    if git:  # chain --git REPO PATH reads REPO/PATH in the working tree
        found.append(str(Path(git[0]) / git[1]))
    return found


def _add_chain(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    chain = commands.add_parser(
        "chain",
        help="follow a statement through several versions",
        description=(
            "Compare each version of a statement with the next, follow every claim through\n"
            "the versions (added, changed, removed, restored) and flag suspect captures."
        ),
        epilog=(
            "exit status: 0 done, 1 a --fail-on condition was met, 2 error\n"
            "examples: revforensics chain v1.txt v2.txt v3.txt --format html -o chain.html\n"
            "          revforensics chain --git ./scrape advisories/ukraine.md --format json\n"
            "          revforensics chain --wayback https://www.gov.uk/foreign-travel-advice/"
            "ukraine \\\n"
            "              --since 2024-08-01 --until 2024-08-31 --cache ./captures\n"
            "          revforensics chain --warc https://example.org/news crawl-*.warc.gz"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    chain.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="the versions, oldest first: UTF-8 files (with --warc: the WARC or ARC files)",
    )
    source = chain.add_argument_group("other sources of versions (instead of text files)")
    source.add_argument(
        "--git",
        nargs=2,
        metavar=("REPO", "PATH"),
        help="every committed version of PATH in the git repository REPO",
    )
    source.add_argument(
        "--wayback",
        metavar="URL",
        help="every distinct capture of URL in the Wayback Machine (extra [wayback])",
    )
    source.add_argument(
        "--since", metavar="DATE", help="with --wayback: the earliest capture (2024-08-01, 2024)"
    )
    source.add_argument("--until", metavar="DATE", help="with --wayback: the latest capture")
    source.add_argument(
        "--cache",
        metavar="DIR",
        help="with --wayback: keep fetched captures in DIR, so a stopped run resumes",
    )
    source.add_argument(
        "--warc",
        metavar="URL",
        help="every distinct capture of URL in the WARC or ARC files given as FILE (extra [warc])",
    )
    add_output_options(chain, CHAIN_FORMATS)
    chain.add_argument("--lang", help="language code (en, uk, ru); detected when omitted")
    _add_fail_on(chain, " in a step (see --fail-scope)")
    chain.add_argument(
        "--fail-scope",
        choices=("steps", "last", "net"),
        default="steps",
        help=(
            "where --fail-on looks: 'steps' every reported step (default), 'last' only the "
            "step into the newest version, 'net' the first version against the last"
        ),
    )
    chain.set_defaults(run=_run_chain, inputs=("files",))


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


CHAIN_FORMATS = ("text", "markdown", "html", "json")
"""The chain report formats, by ``--format`` name."""


def _render_chain(result: ChainComparison, fmt: str) -> str:
    from revforensics.render.chain_html import render_chain_html  # noqa: PLC0415 - lazy
    from revforensics.render.chain_json import chain_to_json  # noqa: PLC0415 - lazy
    from revforensics.render.chain_markdown import render_chain_markdown  # noqa: PLC0415
    from revforensics.render.chain_text import render_chain_text  # noqa: PLC0415 - lazy

    renderers: dict[str, Callable[[ChainComparison], str]] = {
        "text": render_chain_text,
        "markdown": render_chain_markdown,
        "html": render_chain_html,
        "json": lambda result: chain_to_json(result) + "\n",
    }
    return renderers[fmt](result)


PROGRESS_MIN_VERSIONS = 5
"""Chains of more versions than this show a progress line on a terminal's standard error."""


def _rich_installed() -> bool:
    return importlib.util.find_spec("rich") is not None


@contextlib.contextmanager
def chain_progress(
    versions: int | None, stream: TextIO | None = None, *, what: str = "comparing versions"
) -> Iterator[Callable[[int, int], object] | None]:
    """A progress callback for :func:`~revforensics.chain.compare_chain`, or ``None``.

    There is progress only when ``stream`` (standard error by default) is a terminal and
    the chain has more than :data:`PROGRESS_MIN_VERSIONS` versions (``None``: not known
    yet, as when fetching captures): a ``rich`` bar when the ``[term]`` extra is
    installed, else a plain counter rewritten in place, headed ``what``. The line is
    cleared when the block ends, so nothing of it stays in a log; a pipe or a file never
    gets any.
    """
    out = stream if stream is not None else sys.stderr
    isatty = getattr(out, "isatty", None)
    few = versions is not None and versions <= PROGRESS_MIN_VERSIONS
    if few or not (isatty and isatty()):
        yield None
        return
    if _rich_installed():
        from rich.console import Console  # noqa: PLC0415 - optional extra, imported lazily
        from rich.progress import (  # noqa: PLC0415
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        columns = (
            TextColumn(what),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=Console(file=out), transient=True) as bar:
            task = bar.add_task("chain", total=None)
            yield lambda done, total: bar.update(task, completed=done, total=total)
        return
    width = 0

    def update(done: int, total: int) -> None:
        nonlocal width
        line = f"{what}: {done}/{total}"
        width = max(width, len(line))
        out.write(f"\r{line}")
        out.flush()

    try:
        yield update
    finally:
        if width:
            out.write("\r" + " " * width + "\r")
            out.flush()


def _compare_chain(chain: RevisionChain, lang: str | None) -> ChainComparison:
    """compare_chain with a progress line on a terminal."""
    from revforensics.chain import compare_chain  # noqa: PLC0415 - lazy

    with chain_progress(len(chain)) as progress:
        return compare_chain(chain, comparer=Comparer(lang=lang), progress=progress)


_EMPTY_HINTS = {
    "wayback": "URL is empty; give the page's URL, e.g. --wayback https://example.org/news",
    "warc": "URL is empty; give the page's URL, e.g. --warc https://example.org/news crawl.warc.gz",
    "cache": "DIR is empty; give a folder, e.g. --cache ./captures",
}


def _check_sources(args: argparse.Namespace) -> None:
    """One source of versions, and only the options that go with it.

    An option is given when it is not ``None``: ``--warc ""`` is given, and empty, not
    absent (it used to read the WARC file as a text version).
    """
    for name, hint in _EMPTY_HINTS.items():
        value = getattr(args, name)
        if value is not None and not value.strip():
            msg = f"--{name} {hint}"
            raise InputError(msg)
    given = [f"--{name}" for name in ("git", "wayback", "warc") if getattr(args, name) is not None]
    if len(given) > 1:
        msg = f"give one source of versions, not {' and '.join(given)}"
        raise InputError(msg)
    for name in ("since", "until", "cache"):
        if getattr(args, name) is not None and args.wayback is None:
            msg = f"--{name} goes with --wayback URL"
            raise InputError(msg)
    if (args.git is not None or args.wayback is not None) and args.files:
        msg = f"give either FILE arguments or {given[0]}, not both (got {args.files[0]!r})"
        raise InputError(msg)


def _read_chain(args: argparse.Namespace) -> RevisionChain:
    """The chain the arguments name: text files, a git history, the Wayback Machine or WARCs."""
    from revforensics.chain import RevisionChain  # noqa: PLC0415 - lazy

    _check_sources(args)
    if args.git is not None:
        return RevisionChain.from_git(args.git[0], args.git[1])
    if args.wayback is not None:
        with chain_progress(None, what="fetching captures") as progress:
            return RevisionChain.from_wayback(
                args.wayback,
                since=args.since,
                until=args.until,
                cache=args.cache,
                progress=progress,
            )
    if args.warc is not None:
        if not args.files:
            msg = "--warc URL reads the WARC or ARC files given as FILE arguments; name them"
            raise InputError(msg)
        return RevisionChain.from_warc(args.files, url=args.warc)
    if not args.files:
        msg = (
            "no versions given; name the files oldest first, or use --git REPO PATH, "
            "--wayback URL or --warc URL FILE..."
        )
        raise InputError(msg)
    if args.files.count("-") > 1:
        msg = "-: standard input can be only one of the versions"
        raise ReadError(msg, source="-")
    return RevisionChain(
        Revision(read_text(path), label=label, source=path)
        for path, label in zip(args.files, _labels(args.files), strict=True)
    )


def _skipped_note(chain: RevisionChain) -> str:
    """One line for standard error when reading an archive skipped captures."""
    skipped = sum(note.skipped for note in chain.notes)
    if not skipped:
        return ""
    return (
        f"{skipped} capture{'s' if skipped > 1 else ''} skipped while reading the archive; "
        "the report lists them"
    )


def _run_chain(args: argparse.Namespace) -> Outcome:
    chain = _read_chain(args)
    result = _compare_chain(chain, args.lang)
    output = _render_chain(result, args.format)
    names = frozenset().union(*args.fail_on)
    reasons = _chain_matches(result, names, args.fail_scope) if names else []
    skipped = _skipped_note(chain)
    if reasons:
        note = _fail_note(names, reasons)
        return Outcome(output, EXIT_FOUND, f"{note}; {skipped}" if skipped else note)
    return Outcome(output, note=skipped)


def _add_format(parser: argparse.ArgumentParser, formats: Sequence[str] = ARCHIVE_FORMATS) -> None:
    add_output_options(parser, formats)


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
    actions = arc.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add",
        help="add a version of a statement",
        description="Add a text file as the next revision of a statement (Archive.add).",
        epilog="example: revforensics archive add news.db mod-daily v2.txt --label v2",
    )
    add.add_argument("db", metavar="DB", help="the archive file; created with --create")
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
    add.set_defaults(run=_run_archive_add, inputs=("db", "file"))
    log = actions.add_parser(
        "log",
        help="list a statement's revisions",
        description="List a statement's revisions in order, with hashes (Archive.log).",
        epilog="example: revforensics archive log news.db mod-daily --format json",
    )
    log.add_argument("db", metavar="DB", help="the archive file")
    log.add_argument("statement", metavar="STATEMENT", help="the statement's id")
    _add_format(log)
    log.set_defaults(run=_run_archive_log, inputs=("db",))
    show = actions.add_parser(
        "show",
        help="show a capture and its texts",
        description=(
            "Show a capture: its size, media type, the revisions that stored it, and its "
            "latest text (Archive.capture)."
        ),
        epilog="example: revforensics archive show news.db 3f2a9c --format markdown",
    )
    show.add_argument("db", metavar="DB", help="the archive file")
    show.add_argument("sha256", metavar="SHA256", help="the capture's SHA-256 or a prefix")
    _add_format(show)
    show.set_defaults(run=_run_archive_show, inputs=("db",))
    verify = actions.add_parser(
        "verify",
        help="check every hash and link; exit 1 on problems",
        description=(
            "Recompute every hash and link of the archive and list every problem "
            "(Archive.verify). Exit status 0: no problem; 1: problems found; 2: error."
        ),
        epilog="example: revforensics archive verify news.db --format markdown -o check.md",
    )
    verify.add_argument("db", metavar="DB", help="the archive file")
    _add_format(verify)
    verify.set_defaults(run=_run_archive_verify, inputs=("db",))
    blame = actions.add_parser(
        "blame",
        help="show where each sentence of a version came in and changed",
        description=(
            "Compare a statement's revisions as a chain and show, for each sentence of one "
            "version, the version that introduced its claim and those that changed it "
            "(Archive.chain, then ChainComparison.blame)."
        ),
        epilog="example: revforensics archive blame news.db mod-daily --version v3",
    )
    blame.add_argument("db", metavar="DB", help="the archive file")
    blame.add_argument("statement", metavar="STATEMENT", help="the statement's id")
    blame.add_argument(
        "--version",
        default="-1",
        metavar="V",
        help="a label, or a position from 0 (negative from the end); default: the latest",
    )
    blame.add_argument("--lang", help="language code (en, uk, ru); detected when omitted")
    _add_format(blame, ("text", "markdown", "json"))
    blame.set_defaults(run=_run_archive_blame, inputs=("db",))
    upgrade = actions.add_parser(
        "upgrade",
        help="upgrade an archive to the current schema",
        description=(
            "Upgrade a schema-2 archive to the current schema in one transaction, so it can "
            "keep web archives' digests; no stored row or hash changes (Archive.upgrade)."
        ),
        epilog="example: revforensics archive upgrade news.db",
    )
    upgrade.add_argument("db", metavar="DB", help="the archive file")
    _add_format(upgrade)
    upgrade.set_defaults(run=_run_archive_upgrade, inputs=("db",))


def _existing_db(path: str) -> str:
    # Reading commands never create an archive: a typo in DB is an error, not a new file.
    if not Path(path).exists():
        msg = f"{path}: no such archive; check the path (archive add --create makes one)"
        raise ReadError(msg, source=path)
    return path


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
    if not args.create and args.db != ":memory:":
        _existing_db(args.db)  # without --create a new file could hold no such statement
    with Archive(args.db) as archive:
        stored = archive.add(args.statement, revision, create=args.create)
    return render_stored(stored, args.format)


def _run_archive_log(args: argparse.Namespace) -> str:
    with Archive(_existing_db(args.db)) as archive:
        log = archive.log(args.statement)
        statement = archive.statement(args.statement)
    return render_log(statement, log, args.format)


def _run_archive_show(args: argparse.Namespace) -> str:
    with Archive(_existing_db(args.db)) as archive:
        capture = archive.capture(args.sha256)
    return render_capture(capture, args.format)


def _run_archive_verify(args: argparse.Namespace) -> Outcome:
    with Archive(_existing_db(args.db)) as archive:
        report = archive.verify()
    return Outcome(render_verify(report, args.format), EXIT_OK if report.ok else EXIT_PROBLEMS)


def _run_archive_blame(args: argparse.Namespace) -> str:
    from revforensics.render.chain_text import render_blame  # noqa: PLC0415 - lazy

    with Archive(_existing_db(args.db)) as archive:
        chain = archive.chain(args.statement)
    version: int | str = args.version
    if args.version not in {rev.label for rev in chain} and _is_int(args.version):
        version = int(args.version)
    result = _compare_chain(chain, args.lang)
    return render_blame(result, version, args.format)


def _run_archive_upgrade(args: argparse.Namespace) -> str:
    with Archive(_existing_db(args.db)) as archive:
        before = archive.schema_version
        archive.upgrade()
        after = archive.schema_version
    return render_upgrade(args.db, before, after, args.format)


def _is_int(text: str) -> bool:
    return text.lstrip("-").isdigit()


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
    batch.add_argument(
        "--fail-on-error",
        action="store_true",
        help="exit with status 1 when any record failed (default: 0 once the batch ran)",
    )
    batch.set_defaults(run=_run_batch)


def _run_batch(args: argparse.Namespace) -> Outcome:
    if args.output is None or args.output == "-":
        summary = compare_jsonl(args.pairs, sys.stdout, workers=args.workers, timeout=args.timeout)
    else:
        summary = _batch_to_file(args)
    text = json.dumps(summary.to_dict()) if args.format == "json" else f"batch: {summary}"
    sys.stderr.write(text + "\n")
    return Outcome("", EXIT_FOUND if args.fail_on_error and summary.failed else EXIT_OK)


def _batch_to_file(args: argparse.Namespace) -> BatchSummary:
    """Stream the result lines to a temporary file beside OUT, then rename it over OUT.

    OUT is never the input file, and a run that fails leaves any earlier OUT as it was.
    """
    check_output(args.output, [args.pairs])
    target = Path(args.output)
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", delete=False
        ) as out:
            try:
                summary = compare_jsonl(args.pairs, out, workers=args.workers, timeout=args.timeout)
            except BaseException:
                out.close()
                Path(out.name).unlink(missing_ok=True)
                raise
        Path(out.name).replace(target)
    except OSError as exc:
        msg = f"{args.output}: cannot write it ({exc.strerror or exc})"
        raise WriteError(msg, target=args.output) from exc
    return summary


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="revforensics",
        description="Statement-revision forensics: what did an edited statement change?",
        epilog="example: revforensics compare before.txt after.txt",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_compare(commands)
    _add_chain(commands)
    _add_archive(commands)
    _add_batch(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status.

    The status is 0 on success, 1 when a ``--fail-on`` condition was met (the report is
    still written in full) or ``archive verify`` found problems, and 2 on an error. Each
    command's ``run`` function is one library call plus rendering; it returns the output
    (a ``str``, or an :class:`Outcome` with a status), which goes to standard output or,
    atomically, to the ``--output`` file. Errors of the library become a one-line message
    and status 2.

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
    # Commands that declare their inputs get --output written here, atomically; batch
    # streams its own output file.
    target = getattr(args, "output", None) if hasattr(args, "inputs") else None
    try:
        if target and target != "-":
            # Checked before the command runs: `archive add DB ... -o DB` must not store
            # a revision and then fail.
            check_output(target, _inputs(args))
        result = run(args)
        outcome = result if isinstance(result, Outcome) else Outcome(result)
        if target and target != "-":
            write_atomically(target, outcome.output, inputs=_inputs(args))
        else:
            sys.stdout.write(outcome.output)
    except RevForensicsError as exc:
        sys.stderr.write(f"revforensics: error: {exc}\n")
        return EXIT_ERROR
    if outcome.note:
        sys.stderr.write(f"revforensics: {outcome.note}\n")
    return outcome.status
