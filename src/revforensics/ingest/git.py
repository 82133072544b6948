"""Git-scraped history → :class:`~revforensics.model.Revision` objects, one per commit.

Newsrooms *git-scrape* official pages: a scheduled job fetches a page and commits it
when it changed. Every commit that touched the file is a capture, timed by the commit.

It runs the ``git`` executable (no Python binding to install):

- ``git log --follow`` lists the commits of the current branch (``HEAD``) that touched
  the file, following renames; merge commits count when they changed the file.
- ``git cat-file --batch`` reads the file as it was at each commit, under the name it had
  then.

Documented behaviours:

- **Deletions.** A commit that deleted the file has no version of it and is skipped; if
  the file comes back later, its history goes on (a chain sees the gap as one edit).
- **Renames** are followed (``git log --follow``, which detects a rename as a file that
  is at least 50% similar); each revision's ``source`` names the path at that commit.
  A rename without an edit gives a revision with the same text as the one before.
- **Shallow clones.** Only the fetched commits are there, so the oldest revision returned
  is the oldest *fetched* version, not the first one published. Run
  ``git fetch --unshallow`` first for the whole story.
- **Encodings.** Text files must be UTF-8 (a byte-order mark is fine); ``.html`` and
  ``.htm`` files go through :func:`revforensics.ingest.html.revision_from_html`, which
  keeps the raw bytes and decodes them by their declared or sniffed charset (and needs
  the extra ``[html]``). An empty version is kept, with empty text: a chain flags it as a
  suspect capture.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

from revforensics.errors import GitError
from revforensics.ingest.text import decode_text
from revforensics.model import Revision

__all__ = ["revisions_from_git"]

_HTML_SUFFIXES = (".html", ".htm")
# Record and field separators: git's log output cannot contain them in these fields.
_RS, _FS = "\x1e", "\x1f"
_FORMAT = f"{_RS}%H{_FS}%h{_FS}%cI"


class _Commit(NamedTuple):
    full: str
    short: str
    committed: dt.datetime
    path: str | None  # the file's path at this commit; None where the commit deleted it


def _git_executable(repo: str) -> str:
    git = shutil.which("git")
    if git is None:
        msg = (
            f"{repo}: the git executable is not on PATH; install git "
            "(https://git-scm.com/downloads) to read a git history"
        )
        raise GitError(msg, source=f"git:{repo}")
    return git


def _run(git: str, repo: str, *args: str, stdin: bytes | None = None) -> bytes:
    """Run ``git -C repo ARGS`` and return its standard output; raise GitError on failure."""
    # Literal pathspecs: a scraped file named "page?id=3.html" or "a[1].md" is that file,
    # not a pattern matching others.
    env = {**os.environ, "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0", "GIT_LITERAL_PATHSPECS": "1"}
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv, no shell; paths are arguments
            [git, "-C", repo, "-c", "core.quotepath=off", *args],
            input=stdin,
            capture_output=True,
            env=env,
            check=False,
        )
    except OSError as exc:
        msg = f"{repo}: could not run git ({exc.strerror or exc}); check that git works"
        raise GitError(msg, source=f"git:{repo}") from exc
    if done.returncode != 0:
        error = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = error[-1] if error else f"exit status {done.returncode}"
        msg = f"{repo}: git {args[0]} failed: {detail}"
        raise GitError(msg, source=f"git:{repo}")
    return done.stdout


def _check_repository(git: str, repo: str) -> str:
    """Return the repository-relative prefix of ``repo``; raise if it is no repository."""
    if not Path(repo).is_dir():
        msg = f"{repo}: no such directory; give the folder of a git repository"
        raise GitError(msg, source=f"git:{repo}")
    try:
        prefix = _run(git, repo, "rev-parse", "--show-prefix")
    except GitError as exc:
        msg = (
            f"{repo}: is not a git repository ({exc}); give the folder that holds "
            "the scraped history (the one with .git), or clone it first"
        )
        raise GitError(msg, source=f"git:{repo}") from exc
    return os.fsdecode(prefix.rstrip(b"\n"))


class _NotOneFile(Exception):  # noqa: N818 - internal signal, never raised to users
    """The log lists several paths in one commit: the path followed is a directory."""


def _object_type(git: str, repo: str, spec: str) -> str | None:
    """``blob``, ``tree``… for ``commit:path``, or ``None`` when it does not exist."""
    try:
        return _run(git, repo, "cat-file", "-t", spec).decode("ascii").strip()
    except GitError:
        return None


def _parse_log(out: bytes, start_path: str) -> list[_Commit]:
    """Parse ``git log -z --name-status`` output, newest first, into commits.

    ``--follow`` follows one file, so each commit lists at most one entry, for the path
    the file has at that commit (a merge lists it once, with a combined status such as
    ``MM``); several entries mean the path is a directory.
    """
    commits: list[_Commit] = []
    current = start_path
    for record in out.split(_RS.encode())[1:]:
        header, _, rest = record.partition(b"\0")
        full, short, date = header.decode("ascii").split(_FS)
        tokens = [os.fsdecode(t) for t in rest.split(b"\0") if t.strip(b"\n")]
        tokens = [t.lstrip("\n") for t in tokens]
        path: str | None = current
        if tokens:
            status = tokens[0]
            if status[0] in "RC" and len(tokens) == 3:
                path, current = tokens[2], tokens[1]
            elif len(tokens) == 2:
                current = tokens[1]
                path = None if status == "D" else current
            else:
                raise _NotOneFile(tokens[-1])
        commits.append(_Commit(full, short, dt.datetime.fromisoformat(date), path))
    return commits


def _blobs(git: str, repo: str, specs: list[str]) -> list[bytes]:
    """Read ``commit:path`` objects with one ``git cat-file --batch`` process."""
    if any("\n" in spec for spec in specs):  # the batch protocol is line-based
        return [_run(git, repo, "cat-file", "blob", spec) for spec in specs]
    request = b"".join(os.fsencode(spec) + b"\n" for spec in specs)
    out = _run(git, repo, "cat-file", "--batch", stdin=request)
    blobs: list[bytes] = []
    pos = 0
    for spec in specs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        if len(header) != 3 or header[1] != b"blob":
            kind = header[1].decode() if len(header) == 3 else "missing"
            msg = f"{repo}: {spec} is a {kind}, not a file; give the path of one file"
            raise GitError(msg, source=f"git:{repo}")
        size = int(header[2])
        blobs.append(out[end + 1 : end + 1 + size])
        pos = end + 1 + size + 1
    return blobs


def revisions_from_git(repo: str | Path, path: str) -> list[Revision]:
    r"""Every committed version of a file, oldest first, following renames.

    Args:
        repo: The repository's folder (or a folder inside it).
        path: The file's current path, relative to ``repo``.

    Returns:
        One :class:`Revision` per commit of ``HEAD`` that touched the file (deletions
        skipped), oldest first: ``captured_at`` is the committer time (timezone-aware,
        in the committer's offset), ``label`` the short commit hash, and ``source``
        ``"git:<repo>@<full hash>:<path at that commit>"``. Text files have no ``raw``
        (the text is the capture); HTML files keep their bytes as ``raw``.

    Raises:
        GitError: If git is not installed, ``repo`` is not a git repository or has no
            commits, or ``path`` was never in its history.
        ReadError: If a version is not UTF-8 or is binary (the message names the commit).
        MissingExtraError: If the file is HTML and the extra ``[html]`` is missing.

    Example:
        >>> import os, pathlib, subprocess, tempfile
        >>> repo = tempfile.mkdtemp()
        >>> def commit(text, when):
        ...     _ = pathlib.Path(repo, "note.md").write_text(text, encoding="utf-8")
        ...     env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
        ...            "GIT_AUTHOR_NAME": "bot", "GIT_AUTHOR_EMAIL": "bot@example.org",
        ...            "GIT_COMMITTER_NAME": "bot", "GIT_COMMITTER_EMAIL": "bot@example.org"}
        ...     for args in (["add", "note.md"], ["commit", "-q", "-m", "scrape"]):
        ...         _ = subprocess.run(["git", "-C", repo, *args], env=env, check=True)
        >>> _ = subprocess.run(["git", "init", "-q", repo], check=True)
        >>> commit("Units advanced.\n", "2024-05-01T09:12:00+03:00")
        >>> commit("Units held the line.\n", "2024-05-01T11:40:00+03:00")
        >>> for rev in revisions_from_git(repo, "note.md"):
        ...     print(rev.captured_at.isoformat(), rev.text.strip())
        2024-05-01T09:12:00+03:00 Units advanced.
        2024-05-01T11:40:00+03:00 Units held the line.

    .. versionadded:: 0.1
    """
    repo_s = str(repo)
    git = _git_executable(repo_s)
    prefix = _check_repository(git, repo_s)
    # --cc lists a merge commit when it changed the file relative to every parent (a
    # resolved conflict is a version too); other merges equal one parent and add nothing.
    out = _run(
        git, repo_s, "log", "--follow", "--cc", "-z", "--name-status", f"--format={_FORMAT}",
        "--", path,
    )  # fmt: skip
    wanted = posixpath.normpath(prefix + path)
    history: list[_Commit] = []
    is_dir = bool(out) and _object_type(git, repo_s, f"HEAD:{wanted}") == "tree"
    if not is_dir:
        try:
            history = _parse_log(out, wanted)
        except _NotOneFile:
            is_dir = True
    if is_dir:
        msg = f"{repo_s}: {path} is a directory; give the path of one file in it"
        raise GitError(msg, source=f"git:{repo_s}:{path}")
    commits = [c for c in history if c.path is not None]
    if not commits:
        shallow = _run(git, repo_s, "rev-parse", "--is-shallow-repository").strip() == b"true"
        hint = "; this is a shallow clone: run git fetch --unshallow" if shallow else ""
        msg = (
            f"{repo_s}: {path} was never committed on the current branch{hint}; check the "
            f"path (relative to the repository) or look on every branch: "
            f"git log --all -- {path}"
        )
        raise GitError(msg, source=f"git:{repo_s}:{path}")
    commits.reverse()  # git lists newest first
    blobs = _blobs(git, repo_s, [f"{c.full}:{c.path}" for c in commits])
    return [_revision(repo_s, commit, blob) for commit, blob in zip(commits, blobs, strict=True)]


def _revision(repo: str, commit: _Commit, blob: bytes) -> Revision:
    assert commit.path is not None  # noqa: S101 - deletions were filtered out
    source = f"git:{repo}@{commit.full}:{commit.path}"
    if commit.path.lower().endswith(_HTML_SUFFIXES):
        from revforensics.ingest.html import revision_from_html  # noqa: PLC0415 - optional

        return revision_from_html(
            blob, source=source, captured_at=commit.committed, label=commit.short
        )
    name = f"{commit.path} at commit {commit.short}"
    text = decode_text(blob, name=name, source=source, allow_empty=True)
    return Revision(text, commit.short, commit.committed, source=source)
