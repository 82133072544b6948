"""A tamper-evident SQLite archive of statement revisions, with the stdlib ``sqlite3``.

An archive file holds *statements* (a document followed over time), the raw *captures* of
each version (content-addressed by the SHA-256 of their bytes), the *extractions* of text
from those captures, and the *revisions* that put captures in order under a statement.
Each statement's revisions form a hash chain: every ``link_hash`` covers the previous link,
the capture's hash, the text's hash and the revision's metadata; each capture's extractions
form another (every ``row_hash`` covers the previous extraction's), so :meth:`Archive.verify`
names any row altered, inserted or deleted afterwards.

The tables and views are plain SQL, documented in ``docs/reference/archive-schema.md``, so
Datasette or ``sqlite-utils`` can browse a file.

Example:
    >>> import datetime as dt
    >>> from revforensics.model import Revision
    >>> with Archive(":memory:") as archive:
    ...     stored = archive.add("mod-daily", Revision("Forces advanced.", "v1"), create=True)
    ...     again = archive.add("mod-daily", Revision("Forces advanced.", "v1"))
    ...     report = archive.verify()
    >>> stored.seq, again.seq, again.duplicate, report.ok
    (1, 1, True, True)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self

import attrs

from revforensics.errors import ArchiveError, InputError, InputTypeError
from revforensics.model import Revision

if TYPE_CHECKING:
    from revforensics.chain import RevisionChain

__all__ = [
    "APPLICATION_ID",
    "EXTRACTION_HEADS_KEY",
    "SCHEMA_VERSION",
    "Archive",
    "Capture",
    "Extraction",
    "Problem",
    "Statement",
    "StoredRevision",
    "VerifyReport",
    "extraction_genesis_hash",
    "extractions_digest",
    "genesis_hash",
    "link_hash",
]

SCHEMA_VERSION = 3
"""The schema version, kept in ``PRAGMA user_version``.

Version 3 keeps each revision's web-archive digest (:attr:`Revision.digest
<revforensics.model.Revision.digest>`). Version 2 files still open, verify and take
revisions without a digest; :meth:`Archive.upgrade` makes them version 3. Version 1 files
(written by development versions before 0.2) are refused with
:class:`~revforensics.errors.ArchiveError`.
"""

_OLDEST_READABLE = 2
"""The oldest schema version this revforensics opens (and can upgrade)."""

EXTRACTION_HEADS_KEY = ""
"""The key of :attr:`VerifyReport.heads` whose value covers every capture's extractions.

No statement can have this id (an id must not be blank), so it never hides a statement.
"""

APPLICATION_ID = 0x52465341
"""``PRAGMA application_id`` of every archive: ``RFSA`` in ASCII. Marks a file as ours."""

_BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another process's write transaction before giving up."""

_GENESIS = "revforensics.archive/1 genesis\n"
_EXTRACTION_GENESIS = "revforensics.archive/2 extractions\n"

ExtractionChoice = Literal["latest", "original"]
"""Which text of a capture to return: the last one recorded, or the one stored with it."""

# The schema. SQLite keeps each CREATE statement's text, comments included, in
# sqlite_master, so the comments below are what Datasette and `sqlite3 .schema` show.
# verify() compares sqlite_master against exactly these statements (see _SCHEMAS).
_REVISIONS_2 = """CREATE TABLE revisions (
    -- The versions of each statement, in order, as a hash chain.
    statement_id TEXT NOT NULL REFERENCES statements (id),
    seq INTEGER NOT NULL,                -- 1, 2, 3... with no gaps
    capture_sha256 TEXT NOT NULL REFERENCES captures (sha256),
    extraction_id INTEGER NOT NULL REFERENCES extractions (id),  -- the original text
    captured_at TEXT,                    -- ISO 8601 with offset; NULL when not known
    source TEXT,                         -- the URL or path it was captured from
    label TEXT NOT NULL,                 -- a short name such as 'v1'; may be empty
    recorded_at TEXT NOT NULL,           -- ISO 8601 in UTC: when this row was stored
    prev_link_hash TEXT NOT NULL,        -- link_hash of seq - 1, or the genesis
    link_hash TEXT NOT NULL,             -- see docs/reference/archive-schema.md
    PRIMARY KEY (statement_id, seq)
)"""

_REVISIONS_3 = """CREATE TABLE revisions (
    -- The versions of each statement, in order, as a hash chain.
    statement_id TEXT NOT NULL REFERENCES statements (id),
    seq INTEGER NOT NULL,                -- 1, 2, 3... with no gaps
    capture_sha256 TEXT NOT NULL REFERENCES captures (sha256),
    extraction_id INTEGER NOT NULL REFERENCES extractions (id),  -- the original text
    captured_at TEXT,                    -- ISO 8601 with offset; NULL when not known
    source TEXT,                         -- the URL or path it was captured from
    label TEXT NOT NULL,                 -- a short name such as 'v1'; may be empty
    recorded_at TEXT NOT NULL,           -- ISO 8601 in UTC: when this row was stored
    prev_link_hash TEXT NOT NULL,        -- link_hash of seq - 1, or the genesis
    link_hash TEXT NOT NULL,             -- see docs/reference/archive-schema.md
    digest TEXT,                         -- a web archive's payload digest; NULL when none
    PRIMARY KEY (statement_id, seq)
)"""

_UPGRADE_3 = ("ALTER TABLE revisions ADD COLUMN digest TEXT",)
"""Turns a version-2 file into version 3. SQLite adds the column to the stored CREATE
TABLE text in its own words, so an upgraded file's ``revisions`` text differs from a new
file's; :data:`_SCHEMAS` accepts both."""

_DDL_2 = (
    """CREATE TABLE statements (
    -- A statement followed over time, such as one page of a ministry's site.
    id TEXT PRIMARY KEY NOT NULL,     -- chosen by the user: a URL or a slug
    title TEXT,                       -- optional
    source TEXT,                      -- optional: where the statement is published
    created_at TEXT NOT NULL,         -- ISO 8601 in UTC: when this row was created
    revision_count INTEGER NOT NULL,  -- the number of revisions, so the last seq
    head_link_hash TEXT NOT NULL,     -- link_hash of the last revision, or the genesis
    row_hash TEXT NOT NULL            -- SHA-256 over id, title, source and created_at
)""",
    """CREATE TABLE captures (
    -- Raw captures, content-addressed: each distinct byte string is stored once.
    sha256 TEXT PRIMARY KEY NOT NULL,  -- SHA-256 of raw, in hex
    raw BLOB NOT NULL,                 -- the bytes exactly as captured
    media_type TEXT,                   -- such as text/html; NULL when not known
    byte_length INTEGER NOT NULL       -- the length of raw in bytes
)""",
    """CREATE TABLE extractions (
    -- Text extracted from a capture. A later extractor adds a 're-extraction' row:
    -- a new reading of the same bytes, not an edit by the publisher.
    id INTEGER PRIMARY KEY,
    capture_sha256 TEXT NOT NULL REFERENCES captures (sha256),
    kind TEXT NOT NULL,         -- 'capture' (stored with a revision) or 're-extraction'
    text TEXT NOT NULL,         -- the extracted text, exactly
    text_sha256 TEXT NOT NULL,  -- SHA-256 of text in UTF-8, in hex
    extractor TEXT,             -- name and version, such as 'trafilatura 2.0.0'
    recorded_at TEXT NOT NULL,  -- ISO 8601 in UTC: when this row was stored
    prev_row_hash TEXT NOT NULL,  -- row_hash of the capture's previous extraction, or genesis
    row_hash TEXT NOT NULL      -- SHA-256 over the other columns but text
)""",
    """CREATE TABLE extraction_heads (
    -- The head of each capture's chain of extractions, apart from the capture's bytes.
    capture_sha256 TEXT PRIMARY KEY NOT NULL REFERENCES captures (sha256),
    extraction_count INTEGER NOT NULL,  -- the number of its extractions
    extraction_head TEXT NOT NULL       -- row_hash of its last extraction, or the genesis
)""",
    _REVISIONS_2,
    "CREATE INDEX extractions_by_capture ON extractions (capture_sha256)",
    "CREATE INDEX revisions_by_capture ON revisions (capture_sha256)",
    """CREATE VIEW revision_texts AS
-- Every revision with the text stored with it (its original extraction).
SELECT r.statement_id AS statement, r.seq, r.captured_at, r.source, r.label,
       e.extractor, e.text, r.capture_sha256, r.extraction_id
FROM revisions AS r JOIN extractions AS e ON e.id = r.extraction_id
ORDER BY r.statement_id, r.seq""",
    """CREATE VIEW latest_texts AS
-- Every revision with the latest text recorded for its capture: its original
-- extraction, or a later re-extraction of the same bytes.
SELECT r.statement_id AS statement, r.seq, r.captured_at, r.source, r.label,
       e.kind, e.extractor, e.text, r.capture_sha256, e.id AS extraction_id
FROM revisions AS r JOIN extractions AS e ON e.id = (
    SELECT max(x.id) FROM extractions AS x
    WHERE x.capture_sha256 = r.capture_sha256
      AND (x.id = r.extraction_id OR x.kind = 're-extraction'))
ORDER BY r.statement_id, r.seq""",
    """CREATE VIEW statement_log AS
-- One line per revision, without the texts: what log() and `archive log` show.
SELECT r.statement_id AS statement, r.seq, r.captured_at, r.recorded_at, r.label,
       r.source, r.capture_sha256, c.media_type, c.byte_length, e.extractor,
       e.text_sha256, length(e.text) AS characters,
       (SELECT count(*) FROM extractions AS x
        WHERE x.capture_sha256 = r.capture_sha256 AND x.kind = 're-extraction')
           AS reextractions,
       r.prev_link_hash, r.link_hash
FROM revisions AS r
JOIN captures AS c ON c.sha256 = r.capture_sha256
JOIN extractions AS e ON e.id = r.extraction_id
ORDER BY r.statement_id, r.seq""",
)

_DDL = tuple(_REVISIONS_3 if sql is _REVISIONS_2 else sql for sql in _DDL_2)
"""The statements that create a new (version 3) archive."""

_TABLES = ("statements", "captures", "extractions", "revisions")
"""The tables counted in :class:`VerifyReport` (``extraction_heads`` is not)."""


def _sha256_text(text: str) -> str:
    # surrogateescape changes nothing for valid text (writes refuse lone surrogates); when
    # verify() reads a damaged value leniently, it re-encodes the exact bytes on disk.
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _canonical(value: Mapping[str, object]) -> str:
    # Sorted keys, no white space, UTF-8 as is: one byte string per value, so anyone can
    # recompute a hash with any JSON library that can do the same.
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def genesis_hash(statement_id: str) -> str:
    """The ``prev_link_hash`` of a statement's first revision.

    It is the SHA-256 of the UTF-8 text ``revforensics.archive/1 genesis``, a newline and
    the statement id, so two statements never share a chain.

    Example:
        >>> genesis_hash("mod-daily")[:12]
        'ed044bfd724f'
    """
    return _sha256_text(_GENESIS + statement_id)


def extraction_genesis_hash(capture_sha256: str) -> str:
    """The ``prev_row_hash`` of a capture's first extraction.

    It is the SHA-256 of the UTF-8 text ``revforensics.archive/2 extractions``, a newline
    and the capture's SHA-256, so two captures never share a chain of extractions.

    Example:
        >>> extraction_genesis_hash("0" * 64)[:12]
        '1a61ce69011b'
    """
    return _sha256_text(_EXTRACTION_GENESIS + capture_sha256)


def extractions_digest(heads: Mapping[str, str]) -> str:
    """The digest of every capture's extraction head, as kept in :attr:`VerifyReport.heads`.

    It is the SHA-256 of the canonical JSON of ``{"table": "extraction heads", "heads":
    heads}``, where ``heads`` maps each capture's SHA-256 to its ``extraction_head``.

    Example:
        >>> extractions_digest({})[:12]
        '3a6bb9cc8f56'
    """
    return _sha256_text(_canonical({"table": "extraction heads", "heads": dict(heads)}))


def link_hash(
    prev_link_hash: str, capture_sha256: str, text_sha256: str, metadata: Mapping[str, object]
) -> str:
    """The link hash of one revision in a statement's chain.

    It is the SHA-256, in hex, of the UTF-8 text ``prev_link_hash``, ``capture_sha256``,
    ``text_sha256`` and the canonical JSON of ``metadata`` (sorted keys, separators
    ``,`` and ``:``, non-ASCII kept), joined by newlines. The archive's metadata has the
    keys ``statement``, ``seq``, ``captured_at``, ``source``, ``label``, ``media_type``,
    ``extractor`` and ``recorded_at``, with the values as stored, and ``digest`` only
    when the revision has one (so a revision without one hashes as in schema 2).

    Example:
        >>> link_hash("0" * 64, "1" * 64, "2" * 64, {"seq": 1})[:12]
        '4dca35e7334e'
    """
    payload = "\n".join((prev_link_hash, capture_sha256, text_sha256, _canonical(metadata)))
    return _sha256_text(payload)


def _statement_row_hash(
    statement_id: str, title: str | None, source: str | None, created_at: str
) -> str:
    fields = {"id": statement_id, "title": title, "source": source, "created_at": created_at}
    return _sha256_text(_canonical({"table": "statements", **fields}))


def _extraction_row_hash(  # noqa: PLR0913 - one argument per hashed column
    *,
    extraction_id: int,
    capture_sha256: str,
    kind: str,
    text_sha256: str,
    extractor: str | None,
    recorded_at: str,
    prev_row_hash: str,
) -> str:
    fields = {
        "id": extraction_id,
        "capture_sha256": capture_sha256,
        "kind": kind,
        "text_sha256": text_sha256,
        "extractor": extractor,
        "recorded_at": recorded_at,
        "prev_row_hash": prev_row_hash,
    }
    return _sha256_text(_canonical({"table": "extractions", **fields}))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def _parse_time(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


def _check_storable(name: str, value: str | None) -> None:
    """SQLite stores UTF-8; a lone surrogate cannot be encoded, so refuse it up front."""
    if value is None:
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        msg = (
            f"{name} has a lone surrogate {value[exc.start]!r} at offset {exc.start}, "
            "which UTF-8 cannot store; repair the text before archiving it"
        )
        raise InputError(msg) from None


@attrs.frozen
class Statement:
    """A statement in an archive: a document followed over time.

    Attributes:
        id: The id chosen by the user, such as a URL or a slug.
        title: An optional title.
        source: Where the statement is published, if given.
        created_at: When the statement was created in the archive (UTC).
        revisions: How many revisions it has; the last one's ``seq``.
        head_link_hash: The last revision's link hash (the genesis when there is none).
            Write it down elsewhere to detect a later truncation of the chain.

    .. versionadded:: 0.1
    """

    id: str
    title: str | None
    source: str | None
    created_at: dt.datetime
    revisions: int
    head_link_hash: str


@attrs.frozen
class StoredRevision:
    """A revision as stored in an archive, with its place in the statement's chain.

    Attributes:
        statement: The statement's id.
        seq: Its position in the statement, from 1.
        revision: The revision with the text stored with it (its original extraction).
        text_sha256: The SHA-256 of that text.
        recorded_at: When the revision was stored (UTC).
        prev_link_hash: The previous revision's link hash, or the statement's genesis.
        link_hash: This revision's link hash.
        reextractions: How many re-extractions its capture has.
        duplicate: ``True`` when :meth:`Archive.add` found the capture already stored
            and returned the existing revision instead of adding one.

    .. versionadded:: 0.1
    """

    statement: str
    seq: int
    revision: Revision
    text_sha256: str
    recorded_at: dt.datetime
    prev_link_hash: str
    link_hash: str
    reextractions: int = 0
    duplicate: bool = False

    @property
    def sha256(self) -> str:
        """The capture's SHA-256: the revision's content address."""
        return self.revision.raw_sha256


@attrs.frozen
class Extraction:
    """One text extracted from a capture.

    Attributes:
        id: The row id in the ``extractions`` table.
        sha256: The capture's SHA-256.
        kind: ``"capture"`` when stored with a revision, ``"re-extraction"`` when a later
            extractor read the same bytes again.
        text: The extracted text.
        text_sha256: The SHA-256 of ``text``.
        extractor: The extractor's name and version, or ``None``.
        recorded_at: When the row was stored (UTC).

    .. versionadded:: 0.1
    """

    id: int
    sha256: str
    kind: str
    text: str
    text_sha256: str
    extractor: str | None
    recorded_at: dt.datetime


def _extractions(values: Iterable[Extraction]) -> tuple[Extraction, ...]:
    return tuple(values)


def _stored_revisions(values: Iterable[StoredRevision]) -> tuple[StoredRevision, ...]:
    return tuple(values)


@attrs.frozen
class Capture:
    """A raw capture with everything the archive knows about it.

    Attributes:
        sha256: The SHA-256 of ``raw``.
        raw: The bytes exactly as captured.
        media_type: Their media type, or ``None``.
        extractions: Every text extracted from them, oldest first.
        revisions: Every revision that stored them, in any statement.

    .. versionadded:: 0.1
    """

    sha256: str
    raw: bytes = attrs.field(repr=False)
    media_type: str | None
    extractions: tuple[Extraction, ...] = attrs.field(converter=_extractions)
    revisions: tuple[StoredRevision, ...] = attrs.field(converter=_stored_revisions)

    @property
    def byte_length(self) -> int:
        """The number of bytes in the capture."""
        return len(self.raw)


@attrs.frozen
class Problem:
    """One problem found by :meth:`Archive.verify`.

    Attributes:
        table: The table (or ``"schema"``, ``"file"``) where the problem is.
        row: The row, as its key: ``"statement 'x' seq 3"``, ``"sha256 ab12…"``.
        detail: What differs, with the stored and the recomputed values.
        statement: The statement concerned, when there is one.
        seq: The revision concerned, when there is one.

    .. versionadded:: 0.1
    """

    table: str
    row: str
    detail: str
    statement: str | None = None
    seq: int | None = None

    def __str__(self) -> str:
        """One line: table, row and what differs."""
        where = f"{self.table} {self.row}" if self.row else self.table
        return f"{where}: {self.detail}"


def _problems(values: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(values)


@attrs.frozen
class VerifyReport:
    """The result of :meth:`Archive.verify`.

    Attributes:
        path: The archive file.
        problems: Every problem found; empty when the archive checks out.
        statements: The number of statements read.
        revisions: The number of revisions read.
        captures: The number of captures read.
        extractions: The number of extractions read.
        heads: Each statement's last ``(seq, link_hash)``, by statement id, and under
            the key ``""`` (:data:`EXTRACTION_HEADS_KEY`, never a statement id) the
            number of extractions and :func:`extractions_digest` of every capture's
            extraction head. Keep a copy: a chain's last rows can be cut off, or a
            rewritten file's hashes recomputed, without trace unless you compare its
            heads with ones recorded elsewhere.

    .. versionadded:: 0.1
    """

    path: str
    problems: tuple[Problem, ...] = attrs.field(converter=_problems)
    statements: int = 0
    revisions: int = 0
    captures: int = 0
    extractions: int = 0
    heads: Mapping[str, tuple[int, str]] = attrs.field(factory=dict)

    @property
    def ok(self) -> bool:
        """``True`` when no problem was found."""
        return not self.problems


_REVISION_SELECT = """
SELECT r.statement_id, r.seq, r.capture_sha256, r.captured_at, r.source, r.label,
       r.recorded_at, r.prev_link_hash, r.link_hash, {digest} AS digest,
       c.raw, c.media_type, e.text, e.text_sha256, e.extractor,
       (SELECT count(*) FROM extractions AS x
        WHERE x.capture_sha256 = r.capture_sha256 AND x.kind = 're-extraction')
           AS reextractions
FROM revisions AS r
JOIN captures AS c ON c.sha256 = r.capture_sha256
JOIN extractions AS e ON e.id = r.extraction_id
"""

_LATEST_EXTRACTION = """
SELECT x.text, x.extractor FROM extractions AS x
WHERE x.capture_sha256 = ? AND (x.id = ? OR x.kind = 're-extraction')
ORDER BY x.id DESC LIMIT 1
"""


def _make_revision(  # noqa: PLR0913 - mirrors the stored columns
    text: str,
    raw: bytes,
    *,
    label: str,
    captured_at: str | None,
    source: str | None,
    media_type: str | None,
    extractor: str | None,
    digest: str | None,
) -> Revision:
    # A revision stored without raw bytes has its text's UTF-8 as its capture; give it
    # back as raw=None, which has the same raw_sha256 and loses nothing.
    is_text = raw == text.encode("utf-8")
    return Revision(
        text,
        label,
        _parse_time(captured_at),
        source=source,
        raw=None if is_text else bytes(raw),
        media_type=media_type,
        extractor=extractor,
        digest=digest,
    )


def _stored(row: sqlite3.Row, *, duplicate: bool = False) -> StoredRevision:
    revision = _make_revision(
        row["text"],
        row["raw"],
        label=row["label"],
        captured_at=row["captured_at"],
        source=row["source"],
        media_type=row["media_type"],
        extractor=row["extractor"],
        digest=row["digest"],
    )
    recorded_at = _parse_time(row["recorded_at"])
    assert recorded_at is not None  # noqa: S101 - NOT NULL column
    return StoredRevision(
        statement=row["statement_id"],
        seq=row["seq"],
        revision=revision,
        text_sha256=row["text_sha256"],
        recorded_at=recorded_at,
        prev_link_hash=row["prev_link_hash"],
        link_hash=row["link_hash"],
        reextractions=row["reextractions"],
        duplicate=duplicate,
    )


def _extraction(row: sqlite3.Row) -> Extraction:
    recorded_at = _parse_time(row["recorded_at"])
    assert recorded_at is not None  # noqa: S101 - NOT NULL column
    return Extraction(
        id=row["id"],
        sha256=row["capture_sha256"],
        kind=row["kind"],
        text=row["text"],
        text_sha256=row["text_sha256"],
        extractor=row["extractor"],
        recorded_at=recorded_at,
    )


_SchemaRows = frozenset[tuple[str, str, str, str | None]]


def _expected_schema(statements: Iterable[str]) -> _SchemaRows:
    db = sqlite3.connect(":memory:")
    try:
        for statement in statements:
            db.execute(statement)
        rows = db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    finally:
        db.close()
    return frozenset(rows)


_SCHEMAS: dict[int, tuple[_SchemaRows, ...]] = {
    2: (_expected_schema(_DDL_2),),
    3: (_expected_schema(_DDL), _expected_schema(_DDL_2 + _UPGRADE_3)),
}
"""The schemas a file of each readable version may have: a version-3 file was either
created so or upgraded from version 2."""


class Archive:
    """A revision archive in one SQLite file.

    Opening a path that does not exist (or an empty file) creates an archive there.
    Opening an existing file checks that it is a revforensics archive first and never
    writes to any other file.

    Every write is one ``BEGIN IMMEDIATE`` transaction, committed before the method
    returns; several processes may write to one file at once (they take turns, waiting up
    to 30 s for each other). Use it as a context manager, or call :meth:`close`.

    Args:
        path: The archive file, or ``":memory:"`` for a throw-away archive.

    Raises:
        ArchiveError: If the file is not an SQLite database, is another program's
            database, has a newer schema version, or is too damaged to open.

    Example:
        >>> with Archive(":memory:") as archive:
        ...     _ = archive.create_statement("advisory", title="Travel advisory")
        ...     [s.id for s in archive.statements()]
        ['advisory']

    .. versionadded:: 0.1
    """

    def __init__(self, path: str | Path) -> None:
        """Open the archive at ``path``, creating it when the file is new or empty."""
        self._path = str(path)
        self._schema_problems: list[Problem] = []
        self._version = SCHEMA_VERSION
        memory = self._path == ":memory:"
        if "\0" in self._path:
            msg = (
                f"{self._path!r}: the path has a null byte, which no file name can hold; "
                "check how the path was built"
            )
            raise ArchiveError(msg, path=self._path)
        try:
            # Resolved now: verify() reads the header of this file even after a chdir.
            self._file = None if memory else Path(self._path).resolve()
            new = memory or not Path(self._path).exists() or Path(self._path).stat().st_size == 0
        except OSError as exc:
            raise self._error(f"cannot look at the file ({exc})", "check the path") from exc
        try:
            # isolation_level=None: no implicit transactions; we issue BEGIN IMMEDIATE.
            self._db = sqlite3.connect(self._path, isolation_level=None)
        except (sqlite3.Error, UnicodeError) as exc:
            raise self._error(f"cannot open it ({exc})", "check the path") from exc
        try:
            self._open(new=new, memory=memory)
        except BaseException:
            self._db.close()
            raise

    @property
    def path(self) -> str:
        """The archive file's path."""
        return self._path

    @property
    def schema_version(self) -> int:
        """The file's schema version: :data:`SCHEMA_VERSION`, or 2 until :meth:`upgrade`.

        .. versionadded:: 0.3
        """
        return self._version

    def __enter__(self) -> Self:
        """Return the archive itself."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the archive."""
        self.close()

    def __repr__(self) -> str:
        """Show the file."""
        return f"Archive({self._path!r})"

    def close(self) -> None:
        """Close the connection; committed writes are already on disk."""
        self._db.close()

    # -- opening --------------------------------------------------------------------

    def _error(self, what: str, fix: str) -> ArchiveError:
        return ArchiveError(f"{self._path}: {what}; {fix}", path=self._path)

    def _open(self, *, new: bool, memory: bool) -> None:
        self._db.row_factory = sqlite3.Row
        # Until the file is known to be ours, read names as they are, even if not UTF-8.
        self._db.text_factory = _lenient_text
        try:
            self._db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            # Read before writing anything: a file that is not ours is never touched.
            tables = [
                row[0]
                for row in self._db.execute(
                    "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                )
            ]
            app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
        except (sqlite3.DatabaseError, UnicodeError) as exc:
            # SQLite's message may quote damaged schema text; Python then fails to
            # decode the message itself and raises UnicodeDecodeError.
            if "not a database" in str(exc):
                what = "is not an SQLite database"
            else:
                what = f"cannot be read as an SQLite database ({exc})"
            raise self._error(
                what,
                "give the path of a revforensics archive, or a new path to create one; "
                "revforensics never writes into a file it did not create",
            ) from exc
        finally:
            self._db.text_factory = str
        fresh = not tables and app_id == 0 and version == 0
        if not fresh:
            self._check_ours(tables, app_id, version)
            self._version = version
        try:
            if not memory:
                # WAL: readers never block the writer and a crash cannot tear a commit.
                mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise self._error(
                        f"cannot switch to WAL mode (got {mode!r})",
                        "put the archive on a local file system",
                    )
            # synchronous=FULL: fsync the WAL at every commit, so a committed row survives
            # kill -9 *and* power loss (WAL's NORMAL may lose the last commits on power loss).
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("PRAGMA foreign_keys = ON")
            if fresh or new:
                self._create()
        except (sqlite3.Error, UnicodeError) as exc:
            raise self._wrap(exc) from exc
        self._schema_problems = self._schema_check()

    def _check_ours(self, tables: list[str], app_id: int, version: int) -> None:
        if app_id != APPLICATION_ID:
            listed = ", ".join(sorted(tables)[:5]) or "none"
            raise self._error(
                f"is an SQLite database but not a revforensics archive "
                f"(application_id {app_id:#x}, user_version {version}, tables: {listed})",
                "give a new path to create an archive; revforensics never writes into "
                "another program's database",
            )
        if version > SCHEMA_VERSION:
            raise self._error(
                f"uses archive schema version {version}, newer than this revforensics "
                f"supports ({SCHEMA_VERSION})",
                "upgrade revforensics, e.g. pip install -U revforensics",
            )
        if 1 <= version < _OLDEST_READABLE:
            raise self._error(
                f"uses archive schema version {version}, written by a development version "
                f"of revforensics before extractions were chained; this one reads only "
                f"versions {_OLDEST_READABLE} to {SCHEMA_VERSION} and never rewrites a file",
                "read it with the revforensics that wrote it and add its revisions to a "
                "new archive",
            )
        if version not in _SCHEMAS:
            raise self._error(
                f"is marked as a revforensics archive but has unknown schema version "
                f"{version} (expected {SCHEMA_VERSION})",
                "the file is damaged or was edited: restore it from a backup",
            )

    def _create(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have created the archive since we looked.
            if self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                for statement in _DDL:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _schema_check(self) -> list[Problem]:
        factory = self._db.text_factory
        self._db.text_factory = _lenient_text
        try:
            rows = self._db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
            found = {tuple(row) for row in rows}
        except (sqlite3.DatabaseError, UnicodeError) as exc:
            raise self._wrap(exc) from exc
        finally:
            self._db.text_factory = factory
        # Against the closest of the schemas a file of this version may have.
        return min(
            (_schema_problems(found, expected) for expected in _SCHEMAS[self._version]),
            key=len,
        )

    def _wrap(self, exc: sqlite3.Error | UnicodeError) -> ArchiveError:
        text = str(exc)
        if isinstance(exc, UnicodeError):
            return self._error(
                f"holds text that is not UTF-8 ({text})",
                f"the file is damaged: run `revforensics archive verify {self._path}`",
            )
        if "locked" in text or "busy" in text:
            return self._error(
                f"is locked by another writer ({text})",
                f"it held the lock for more than {_BUSY_TIMEOUT_MS // 1000} s; try again",
            )
        if isinstance(exc, sqlite3.ProgrammingError) and "closed" in text:
            return self._error("the archive is closed", "open it again with Archive(path)")
        return self._error(
            f"SQLite failed ({text})",
            f"run `revforensics archive verify {self._path}`; if the file is damaged, "
            "restore it from a backup",
        )

    def _select(self) -> str:
        # A version-2 file has no digest column: its revisions have none.
        return _REVISION_SELECT.format(digest="r.digest" if self._version >= 3 else "NULL")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self._db
        except (sqlite3.Error, UnicodeError) as exc:
            raise self._wrap(exc) from exc

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed on success and rolled back on any error.

        BEGIN IMMEDIATE takes the write lock up front, so the reads inside it (the last
        seq, the head link) cannot go stale before the insert.
        """
        if self._schema_problems:
            first = self._schema_problems[0]
            raise self._error(
                f"its schema was altered ({first}); it is read-only until repaired",
                f"run `revforensics archive verify {self._path}` to see every problem",
            )
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except (sqlite3.Error, UnicodeError) as exc:
            raise self._wrap(exc) from exc
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as exc:
            # The failed statement may have ended the transaction already.
            with suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            if isinstance(exc, (sqlite3.Error, UnicodeError)):
                raise self._wrap(exc) from exc
            raise

    # -- statements -----------------------------------------------------------------

    def create_statement(
        self, statement_id: str, *, title: str | None = None, source: str | None = None
    ) -> Statement:
        """Create a statement to add revisions to.

        Args:
            statement_id: Its id: a URL, a slug, anything unique in this archive.
            title: An optional title.
            source: Where it is published, such as its URL.

        Returns:
            The new statement.

        Raises:
            InputError: If the id is empty or already exists.
            ArchiveError: If the file cannot be written.
        """
        _check_statement_id(statement_id)
        for name, value in (("title", title), ("source", source)):
            if value is not None and not isinstance(value, str):
                msg = f"{name} must be a str or None, got {type(value).__name__}"
                raise InputTypeError(msg)
            _check_storable(name, value)
        with self._write() as db:
            if self._statement_row(db, statement_id) is not None:
                msg = f"statement {statement_id!r} already exists in {self._path}; add to it"
                raise InputError(msg)
            self._insert_statement(db, statement_id, title, source)
            row = self._statement_row(db, statement_id)
        assert row is not None  # noqa: S101 - inserted just above
        return _statement(row)

    def statements(self) -> list[Statement]:
        """Every statement in the archive, by id."""
        with self._read() as db:
            rows = db.execute("SELECT * FROM statements ORDER BY id").fetchall()
        return [_statement(row) for row in rows]

    def statement(self, statement_id: str) -> Statement:
        """One statement, by id.

        Raises:
            InputError: If there is no such statement.
        """
        with self._read() as db:
            row = self._statement_row(db, statement_id)
        if row is None:
            raise self._unknown(statement_id)
        return _statement(row)

    @staticmethod
    def _statement_row(db: sqlite3.Connection, statement_id: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = db.execute(
            "SELECT * FROM statements WHERE id = ?", (statement_id,)
        ).fetchone()
        return row

    @staticmethod
    def _insert_statement(
        db: sqlite3.Connection, statement_id: str, title: str | None, source: str | None
    ) -> None:
        created_at = _now()
        db.execute(
            "INSERT INTO statements (id, title, source, created_at, revision_count,"
            " head_link_hash, row_hash) VALUES (?, ?, ?, ?, 0, ?, ?)",
            (
                statement_id,
                title,
                source,
                created_at,
                genesis_hash(statement_id),
                _statement_row_hash(statement_id, title, source, created_at),
            ),
        )

    def _unknown(self, statement_id: str) -> InputError:
        msg = (
            f"statement {statement_id!r} does not exist in {self._path}; create it first "
            f"with create_statement({statement_id!r}), add(..., create=True), "
            "or `revforensics archive add --create`"
        )
        return InputError(msg)

    # -- adding ---------------------------------------------------------------------

    def add(self, statement_id: str, revision: Revision, *, create: bool = False) -> StoredRevision:
        """Add a revision to the end of a statement's chain, in one transaction.

        The capture (``revision.raw``, or the text's UTF-8 when there is none) is stored
        once, under its SHA-256, however many statements use it. Adding a capture the
        statement already has is not an error; nothing new is added and the existing
        revision comes back with ``duplicate=True`` when the capture is

        - the same as the statement's last revision's (the page did not change), or
        - the same as an earlier revision's with the same ``captured_at``
          (the same history imported twice).

        The same capture at another time after a different one is a *revert* and is added.
        Without ``captured_at`` a re-import cannot be told from a revert, so it is added.
        If a duplicate brings a different text or extractor, that text is recorded as a
        re-extraction of the capture (see :meth:`reextract`), not as a new revision.

        A duplicate's ``digest`` must be ``None`` or the stored revision's: the chain
        cannot change, and a different digest is not dropped in silence.

        Captures must be added in the order they were captured: a ``captured_at``
        earlier than the statement's latest one is refused. A revision without
        ``captured_at`` is stored with NULL there (no time is invented) and takes its
        place by ``seq`` alone.

        Args:
            statement_id: The statement's id.
            revision: The revision; ``raw``, ``media_type``, ``extractor`` and
                ``digest`` are kept.
            create: Create the statement when it does not exist yet.

        Returns:
            The stored revision (or the existing one, with ``duplicate=True``).

        Raises:
            InputError: If the statement does not exist (and ``create`` is false), if
                ``captured_at`` is earlier than the statement's latest, or if the capture
                is already stored with another media type, or the statement's revision
                of it with another digest.
            ArchiveError: If the file cannot be written, or the revision has a digest
                and the file is a schema-2 archive (run :meth:`upgrade` first).
        """
        if not isinstance(revision, Revision):
            msg = (
                f"add() takes a Revision, got {type(revision).__name__}; "
                "wrap text in Revision(text)"
            )
            raise InputTypeError(msg)
        _check_statement_id(statement_id)
        for name in ("text", "label", "source", "media_type", "extractor"):
            _check_storable(f"Revision.{name}", getattr(revision, name))
        raw = revision.raw if revision.raw is not None else revision.text.encode("utf-8")
        sha = revision.raw_sha256
        text_sha = revision.sha256
        captured_at = None if revision.captured_at is None else revision.captured_at.isoformat()
        if revision.digest is not None and self._version < 3:
            raise self._error(
                f"is a schema-{self._version} archive, which has no place for the revision's "
                f"digest {revision.digest!r}",
                f"upgrade it first with `revforensics archive upgrade {self._path}` or "
                "Archive.upgrade() (it only adds a column; every stored row and hash stays)",
            )
        with self._write() as db:
            statement = self._statement_row(db, statement_id)
            if statement is None:
                if not create:
                    raise self._unknown(statement_id)
                self._insert_statement(db, statement_id, None, None)
                statement = self._statement_row(db, statement_id)
                assert statement is not None  # noqa: S101 - inserted just above
            count: int = statement["revision_count"]
            media_type = self._store_capture(db, sha, raw, revision.media_type)
            existing = self._duplicate_of(db, statement_id, sha, revision.captured_at, count)
            if existing is not None:
                seq, extraction_id = existing
                self._check_same_digest(db, statement_id, seq, revision.digest)
                if not self._same_extraction(db, extraction_id, sha, text_sha, revision.extractor):
                    self._extraction_id(
                        db,
                        sha=sha,
                        text=revision.text,
                        text_sha=text_sha,
                        extractor=revision.extractor,
                        kind="re-extraction",
                    )
                return self._log_rows(db, statement_id, seq, duplicate=True)[0]
            self._check_order(db, statement_id, revision.captured_at)
            extraction_id = self._extraction_id(
                db,
                sha=sha,
                text=revision.text,
                text_sha=text_sha,
                extractor=revision.extractor,
                kind="capture",
            )
            extractor = db.execute(
                "SELECT extractor FROM extractions WHERE id = ?", (extraction_id,)
            ).fetchone()[0]
            seq = count + 1
            prev = statement["head_link_hash"]
            recorded_at = _now()
            metadata = {
                "statement": statement_id,
                "seq": seq,
                "captured_at": captured_at,
                "source": revision.source,
                "label": revision.label,
                "media_type": media_type,
                "extractor": extractor,
                "recorded_at": recorded_at,
            }
            # Only when there is one: a revision without a digest hashes as in schema 2.
            if revision.digest is not None:
                metadata["digest"] = revision.digest
            link = link_hash(prev, sha, text_sha, metadata)
            row = {
                "statement_id": statement_id,
                "seq": seq,
                "capture_sha256": sha,
                "extraction_id": extraction_id,
                "captured_at": captured_at,
                "source": revision.source,
                "label": revision.label,
                "recorded_at": recorded_at,
                "prev_link_hash": prev,
                "link_hash": link,
            }
            if revision.digest is not None:
                row["digest"] = revision.digest
            db.execute(
                f"INSERT INTO revisions ({', '.join(row)})"  # noqa: S608 - our column names
                f" VALUES ({', '.join('?' * len(row))})",
                tuple(row.values()),
            )
            db.execute(
                "UPDATE statements SET revision_count = ?, head_link_hash = ? WHERE id = ?",
                (seq, link, statement_id),
            )
            return self._log_rows(db, statement_id, seq)[0]

    def _store_capture(
        self, db: sqlite3.Connection, sha: str, raw: bytes, media_type: str | None
    ) -> str | None:
        row = db.execute("SELECT media_type FROM captures WHERE sha256 = ?", (sha,)).fetchone()
        if row is None:
            db.execute(
                "INSERT INTO captures (sha256, raw, media_type, byte_length) VALUES (?, ?, ?, ?)",
                (sha, raw, media_type, len(raw)),
            )
            # A row of its own: updating it never rewrites the capture's bytes.
            db.execute(
                "INSERT INTO extraction_heads (capture_sha256, extraction_count,"
                " extraction_head) VALUES (?, 0, ?)",
                (sha, extraction_genesis_hash(sha)),
            )
            return media_type
        stored: str | None = row[0]
        if media_type is not None and media_type != stored:
            msg = (
                f"capture {sha[:12]} is already stored in {self._path} with media type "
                f"{stored!r}, not {media_type!r}; the same bytes have one media type: "
                "pass media_type=None or the stored one"
            )
            raise InputError(msg)
        return stored

    def _check_same_digest(
        self, db: sqlite3.Connection, statement_id: str, seq: int, digest: str | None
    ) -> None:
        if digest is None:  # add() refused a digest for a schema-2 file already
            return
        stored = db.execute(
            "SELECT digest FROM revisions WHERE statement_id = ? AND seq = ?",
            (statement_id, seq),
        ).fetchone()[0]
        if stored != digest:
            msg = (
                f"this capture is already revision {seq} of statement {statement_id!r} in "
                f"{self._path}, with digest {stored!r}, not {digest!r}; a stored revision "
                "never changes: pass digest=None or the stored one, or add the capture to "
                "another statement"
            )
            raise InputError(msg)

    @staticmethod
    def _duplicate_of(
        db: sqlite3.Connection,
        statement_id: str,
        sha: str,
        captured_at: dt.datetime | None,
        count: int,
    ) -> tuple[int, int] | None:
        rows = db.execute(
            "SELECT seq, captured_at, extraction_id FROM revisions"
            " WHERE statement_id = ? AND capture_sha256 = ? ORDER BY seq",
            (statement_id, sha),
        ).fetchall()
        for row in rows:
            if row["seq"] == count:
                return row["seq"], row["extraction_id"]
            stored = _parse_time(row["captured_at"])
            if captured_at is not None and stored is not None and stored == captured_at:
                return row["seq"], row["extraction_id"]
        return None

    @staticmethod
    def _same_extraction(
        db: sqlite3.Connection,
        extraction_id: int,
        sha: str,
        text_sha: str,
        extractor: str | None,
    ) -> bool:
        return (
            db.execute(
                "SELECT 1 FROM extractions WHERE capture_sha256 = ? AND text_sha256 = ?"
                " AND extractor IS ? AND (id = ? OR kind = 're-extraction')",
                (sha, text_sha, extractor, extraction_id),
            ).fetchone()
            is not None
        )

    def _check_order(
        self, db: sqlite3.Connection, statement_id: str, captured_at: dt.datetime | None
    ) -> None:
        if captured_at is None:
            return
        rows = db.execute(
            "SELECT seq, captured_at FROM revisions"
            " WHERE statement_id = ? AND captured_at IS NOT NULL",
            (statement_id,),
        ).fetchall()
        for row in rows:
            stored = _parse_time(row["captured_at"])
            if stored is not None and stored > captured_at:
                msg = (
                    f"refused: captured_at {captured_at.isoformat()} is earlier than revision "
                    f"{row['seq']} of statement {statement_id!r} ({row['captured_at']}); "
                    "a statement's revisions are kept in capture order: add older captures "
                    "first, or to another statement"
                )
                raise InputError(msg)

    @staticmethod
    def _extraction_id(  # noqa: PLR0913 - one argument per stored column
        db: sqlite3.Connection,
        *,
        sha: str,
        text: str,
        text_sha: str,
        extractor: str | None,
        kind: str,
    ) -> int:
        row = db.execute(
            "SELECT id FROM extractions WHERE capture_sha256 = ? AND text_sha256 = ?"
            " AND extractor IS ? ORDER BY id LIMIT 1",
            (sha, text_sha, extractor),
        ).fetchone()
        if row is not None:
            return int(row[0])
        recorded_at = _now()
        count, prev = db.execute(
            "SELECT extraction_count, extraction_head FROM extraction_heads"
            " WHERE capture_sha256 = ?",
            (sha,),
        ).fetchone()
        cursor = db.execute(
            "INSERT INTO extractions (capture_sha256, kind, text, text_sha256, extractor,"
            " recorded_at, prev_row_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, '')",
            (sha, kind, text, text_sha, extractor, recorded_at, prev),
        )
        new_id = cursor.lastrowid
        assert new_id is not None  # noqa: S101 - an INSERT always sets it
        row_hash = _extraction_row_hash(
            extraction_id=new_id,
            capture_sha256=sha,
            kind=kind,
            text_sha256=text_sha,
            extractor=extractor,
            recorded_at=recorded_at,
            prev_row_hash=prev,
        )
        db.execute("UPDATE extractions SET row_hash = ? WHERE id = ?", (row_hash, new_id))
        db.execute(
            "UPDATE extraction_heads SET extraction_count = ?, extraction_head = ?"
            " WHERE capture_sha256 = ?",
            (count + 1, row_hash, sha),
        )
        return new_id

    def reextract(self, sha256: str, text: str, extractor: str) -> Extraction:
        """Record a new extraction of a stored capture, such as by a newer extractor.

        The statement's revisions do not change: a re-extraction is a new reading of the
        same bytes, not an edit by the publisher. :meth:`revisions` returns the latest
        text by default. Recording the same text by the same extractor again returns the
        existing row.

        Args:
            sha256: The capture's SHA-256 (or a unique prefix of at least 6 hex digits).
            text: The extracted text.
            extractor: The extractor's name and version, such as ``"trafilatura 2.0.0"``.

        Returns:
            The extraction.

        Raises:
            InputError: If the capture is not in the archive.
        """
        if not isinstance(text, str) or not isinstance(extractor, str):
            msg = "reextract() takes text and extractor as str; decode bytes first"
            raise InputTypeError(msg)
        _check_storable("text", text)
        _check_storable("extractor", extractor)
        text_sha = Revision(text).sha256
        with self._write() as db:
            sha = self._resolve(db, sha256)
            new_id = self._extraction_id(
                db, sha=sha, text=text, text_sha=text_sha, extractor=extractor, kind="re-extraction"
            )
            row = db.execute("SELECT * FROM extractions WHERE id = ?", (new_id,)).fetchone()
        return _extraction(row)

    # -- reading --------------------------------------------------------------------

    def _log_rows(
        self,
        db: sqlite3.Connection,
        statement_id: str,
        seq: int | None = None,
        *,
        duplicate: bool = False,
    ) -> list[StoredRevision]:
        if seq is None:
            rows = db.execute(
                self._select() + " WHERE r.statement_id = ? ORDER BY r.seq", (statement_id,)
            )
        else:
            rows = db.execute(
                self._select() + " WHERE r.statement_id = ? AND r.seq = ?", (statement_id, seq)
            )
        return [_stored(row, duplicate=duplicate) for row in rows]

    def log(self, statement_id: str) -> list[StoredRevision]:
        """A statement's revisions in order, each with its original text and chain links.

        Raises:
            InputError: If there is no such statement.
        """
        with self._read() as db:
            if self._statement_row(db, statement_id) is None:
                raise self._unknown(statement_id)
            return self._log_rows(db, statement_id)

    def revisions(
        self, statement_id: str, *, extraction: ExtractionChoice = "latest"
    ) -> list[Revision]:
        """A statement's revisions in order, ready to compare.

        Args:
            statement_id: The statement's id.
            extraction: ``"latest"`` (the default) gives each capture's latest recorded
                text, so a re-extraction replaces the text it improves on;
                ``"original"`` gives the text stored with each revision.

        Raises:
            InputError: If there is no such statement, or ``extraction`` is unknown.
        """
        if extraction not in ("latest", "original"):
            msg = f"extraction must be 'latest' or 'original', got {extraction!r}"
            raise InputError(msg)
        with self._read() as db:
            if self._statement_row(db, statement_id) is None:
                raise self._unknown(statement_id)
            out = []
            for stored in self._log_rows(db, statement_id):
                revision = stored.revision
                if extraction == "latest" and stored.reextractions:
                    revision = self._latest(db, statement_id, stored)
                out.append(revision)
        return out

    def chain(self, statement_id: str, *, extraction: ExtractionChoice = "latest") -> RevisionChain:
        """A statement's revisions as a :class:`~revforensics.chain.RevisionChain`.

        Each version keeps its label; an unlabelled one, or one whose label another
        revision of the statement shares, is called by its place (``#2``), with a prime
        added (``#2'``) while that name is another revision's label.

        Args:
            statement_id: The statement's id.
            extraction: As for :meth:`revisions`.

        Raises:
            InputError: If there is no such statement, or ``extraction`` is unknown.
        """
        from revforensics.chain import RevisionChain  # noqa: PLC0415 - chain imports compare

        revisions = self.revisions(statement_id, extraction=extraction)
        labels = Counter(rev.label for rev in revisions)
        used = {rev.label for rev in revisions if rev.label and labels[rev.label] == 1}
        named = []
        for seq, rev in enumerate(revisions, 1):
            if rev.label and labels[rev.label] == 1:
                named.append(rev)
                continue
            # A stored label may itself read "#2": never give its name to another revision.
            name = f"#{seq}"
            while name in used:
                name += "'"
            used.add(name)
            named.append(attrs.evolve(rev, label=name))
        return RevisionChain(named)

    @staticmethod
    def _latest(db: sqlite3.Connection, statement_id: str, stored: StoredRevision) -> Revision:
        own = db.execute(
            "SELECT extraction_id FROM revisions WHERE statement_id = ? AND seq = ?",
            (statement_id, stored.seq),
        ).fetchone()[0]
        text, extractor = db.execute(_LATEST_EXTRACTION, (stored.sha256, own)).fetchone()
        old = stored.revision
        raw = old.raw if old.raw is not None else old.text.encode("utf-8")
        return Revision(
            text,
            old.label,
            old.captured_at,
            source=old.source,
            raw=raw,
            media_type=old.media_type,
            extractor=extractor,
            digest=old.digest,
        )

    def _resolve(self, db: sqlite3.Connection, sha256: str) -> str:
        if not isinstance(sha256, str):
            msg = f"sha256 must be a hex str, got {type(sha256).__name__}"
            raise InputTypeError(msg)
        prefix = sha256.strip().lower()
        if len(prefix) < 6 or any(c not in "0123456789abcdef" for c in prefix):
            msg = f"{sha256!r} is not a SHA-256: give its hex digits (at least 6)"
            raise InputError(msg)
        rows = db.execute(
            "SELECT sha256 FROM captures WHERE substr(sha256, 1, ?) = ? LIMIT 3",
            (len(prefix), prefix),
        ).fetchall()
        if not rows:
            msg = (
                f"no capture {sha256!r} in {self._path}; "
                "list captures with `revforensics archive log DB STATEMENT`"
            )
            raise InputError(msg)
        if len(rows) > 1:
            found = ", ".join(row[0][:16] for row in rows)
            msg = f"{sha256!r} matches several captures ({found}…); give more digits"
            raise InputError(msg)
        return str(rows[0][0])

    def capture(self, sha256: str) -> Capture:
        """A capture with its extractions and the revisions that stored it.

        Args:
            sha256: The capture's SHA-256, or a unique prefix of at least 6 hex digits.

        Raises:
            InputError: If there is no such capture, or the prefix matches several.
        """
        with self._read() as db:
            sha = self._resolve(db, sha256)
            row = db.execute("SELECT * FROM captures WHERE sha256 = ?", (sha,)).fetchone()
            extractions = [
                _extraction(x)
                for x in db.execute(
                    "SELECT * FROM extractions WHERE capture_sha256 = ? ORDER BY id", (sha,)
                )
            ]
            revisions = [
                _stored(r)
                for r in db.execute(
                    self._select() + " WHERE r.capture_sha256 = ? ORDER BY r.rowid", (sha,)
                )
            ]
        return Capture(sha, bytes(row["raw"]), row["media_type"], extractions, revisions)

    def get(self, sha256: str, *, extraction: ExtractionChoice = "latest") -> Revision:
        """The capture with this SHA-256 as a :class:`Revision`.

        The label, ``captured_at`` and source are those of the first revision that
        stored the capture; the text is its latest extraction, or with
        ``extraction="original"`` the text stored with that first revision.

        Args:
            sha256: The capture's SHA-256, or a unique prefix of at least 6 hex digits.
            extraction: ``"latest"`` or ``"original"``.

        Raises:
            InputError: If there is no such capture, or the prefix matches several.
        """
        if extraction not in ("latest", "original"):
            msg = f"extraction must be 'latest' or 'original', got {extraction!r}"
            raise InputError(msg)
        found = self.capture(sha256)
        if not found.revisions:
            raise self._error(
                f"capture {found.sha256[:12]} is stored but no revision uses it",
                f"run `revforensics archive verify {self._path}`",
            )
        first = found.revisions[0].revision
        reextractions = [x for x in found.extractions if x.kind == "re-extraction"]
        if extraction == "original" or not reextractions:
            return first
        latest = reextractions[-1]
        return Revision(
            latest.text,
            first.label,
            first.captured_at,
            source=first.source,
            raw=found.raw,
            media_type=found.media_type,
            extractor=latest.extractor,
            digest=first.digest,
        )

    # -- upgrading ------------------------------------------------------------------

    def upgrade(self) -> bool:
        """Upgrade a schema-2 file to the current schema, in one transaction.

        It adds the ``revisions.digest`` column (NULL in every stored row) and sets
        ``PRAGMA user_version``; no stored row or hash changes, so :meth:`verify` checks
        the file as before. A schema-2 file can be read and take revisions without a
        digest as it is; it needs upgrading only to store a revision's digest.

        Returns:
            ``True`` when the file was upgraded, ``False`` when it was already current.

        Raises:
            ArchiveError: If the file's schema was altered, or it cannot be written.

        Example:
            >>> with Archive(":memory:") as archive:
            ...     archive.upgrade(), archive.schema_version
            (False, 3)

        .. versionadded:: 0.3
        """
        with self._write() as db:
            # Another process may have upgraded the file since it was opened.
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                for statement in _UPGRADE_3:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        upgraded = self._version < SCHEMA_VERSION
        self._version = SCHEMA_VERSION
        self._schema_problems = self._schema_check()
        return upgraded

    # -- verifying ------------------------------------------------------------------

    def verify(self) -> VerifyReport:
        """Recompute every hash and link, and report every problem found.

        Checks SQLite's own ``PRAGMA integrity_check`` and foreign keys; the schema; each
        capture's SHA-256 and length from its bytes; each text's SHA-256; each statement's
        and extraction's row hash; and each statement's chain: seq continuity from 1,
        every ``prev_link_hash`` and ``link_hash``, and the statement's count and head.
        It only reads, in one snapshot, so it can run while others write.

        Returns:
            The report; ``report.ok`` is true when nothing was found.

        Raises:
            ArchiveError: If SQLite refuses to read the file at all.
        """
        checker = _Verifier(self._db, self._path, self._file)
        try:
            self._db.execute("BEGIN")
        except (sqlite3.Error, UnicodeError) as exc:
            raise self._wrap(exc) from exc
        # A damaged text may not be valid UTF-8: read it as it is, so its row is named.
        self._db.text_factory = _lenient_text
        try:
            checker.run(self._schema_check())
        finally:
            self._db.text_factory = str
            with suppress(sqlite3.Error):  # a read transaction has nothing to lose
                self._db.execute("COMMIT")
        return checker.report()


def _schema_problems(
    found: set[tuple[str, str, str, str | None]], expected: _SchemaRows
) -> list[Problem]:
    problems = [
        Problem("schema", f"{kind} {name}", "is missing")
        for kind, name, _table, _sql in sorted(expected - found, key=lambda x: (x[0], x[1]))
        if not any(f[0] == kind and f[1] == name for f in found)
    ]
    for kind, name, _table, sql in sorted(found - expected, key=lambda x: x[:2]):
        known = any(e[0] == kind and e[1] == name for e in expected)
        detail = "differs from the archive schema" if known else "is not part of the schema"
        problems.append(Problem("schema", f"{kind} {name}", f"{detail}: {sql!r}"))
    return problems


def _check_statement_id(statement_id: object) -> None:
    if not isinstance(statement_id, str):
        msg = f"a statement id must be a str, got {type(statement_id).__name__}"
        raise InputTypeError(msg)
    if not statement_id.strip():
        msg = f"a statement id must not be empty, got {statement_id!r}; use a URL or a slug"
        raise InputError(msg)
    _check_storable("statement id", statement_id)


def _statement(row: sqlite3.Row) -> Statement:
    created_at = _parse_time(row["created_at"])
    assert created_at is not None  # noqa: S101 - NOT NULL column
    return Statement(
        id=row["id"],
        title=row["title"],
        source=row["source"],
        created_at=created_at,
        revisions=row["revision_count"],
        head_link_hash=row["head_link_hash"],
    )


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _is_digest(value: object) -> bool:
    try:
        Revision("", digest=value)  # type: ignore[arg-type] # checked here
    except (InputError, InputTypeError):
        return False
    return True


def _is_time(value: object, *, optional: bool) -> bool:
    if value is None:
        return optional
    if not isinstance(value, str):
        return False
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return parsed.utcoffset() is not None


class _Verifier:
    """The checks behind :meth:`Archive.verify`; collects problems, never raises them."""

    def __init__(self, db: sqlite3.Connection, path: str, file: Path | None) -> None:
        self.db = db
        self.path = path
        self.file = file
        self.problems: list[Problem] = []
        self.counts = dict.fromkeys(_TABLES, 0)
        self.heads: dict[str, tuple[int, str]] = {}
        self.captures: dict[str, str | None] = {}
        self.extraction_heads: dict[str, tuple[object, object]] = {}
        self.extractions: dict[int, sqlite3.Row] = {}
        self.used_captures: set[str] = set()
        self.used_extractions: set[int] = set()
        self.uses: dict[tuple[str, object], list[tuple[str, int]]] = {}

    def add(self, table: str, row: str, detail: str, **where: Any) -> None:  # noqa: ANN401
        self.problems.append(Problem(table, row, detail, **where))

    def add_used(self, table: str, key: tuple[str, object], row: str, detail: str) -> None:
        """Add a problem with a capture or extraction, naming the revisions that use it."""
        uses = self.uses.get(key, [])
        if uses:
            named = ", ".join(f"statement {s!r} seq {n}" for s, n in uses[:3])
            more = f" and {len(uses) - 3} more" if len(uses) > 3 else ""
            row = f"{row} (used by {named}{more})"
            self.add(table, row, detail, statement=uses[0][0], seq=uses[0][1])
        else:
            self.add(table, row, detail)

    def find_uses(self) -> None:
        query = "SELECT statement_id, seq, capture_sha256, extraction_id FROM revisions"
        for sid, seq, capture, extraction in self.db.execute(query):
            self.uses.setdefault(("capture", capture), []).append((sid, seq))
            self.uses.setdefault(("extraction", extraction), []).append((sid, seq))

    def report(self) -> VerifyReport:
        total = sum(n for n, _ in self.extraction_heads.values() if isinstance(n, int))
        # str(): a damaged row may hold a value of another type; the digest still differs.
        digest = extractions_digest({str(k): str(h) for k, (_, h) in self.extraction_heads.items()})
        self.heads[EXTRACTION_HEADS_KEY] = (total, digest)
        return VerifyReport(
            self.path,
            self.problems,
            statements=self.counts["statements"],
            revisions=self.counts["revisions"],
            captures=self.counts["captures"],
            extractions=self.counts["extractions"],
            heads=self.heads,
        )

    def run(self, schema_problems: list[Problem]) -> None:
        self.stage("file", self.check_header)
        self.stage("file", self.integrity)
        self.stage("revisions", self.find_uses)
        self.problems.extend(schema_problems)
        self.stage("captures", self.check_captures)
        self.stage("extractions", self.check_extractions)
        self.stage("statements", self.check_statements)
        self.stage("revisions", self.check_revisions)
        self.stage("captures", self.check_unused)

    def stage(self, table: str, check: Any) -> None:  # noqa: ANN401
        try:
            check()
        except sqlite3.Error as exc:
            self.add(table, "", f"cannot be read ({exc}); the file is damaged")
        except (ValueError, TypeError, KeyError, IndexError, UnicodeError) as exc:
            # A damaged row can hold a value of the wrong type; say so instead of crashing.
            self.add(table, "", f"holds a value of the wrong type ({exc})")

    def check_header(self) -> None:
        """Check the 100-byte file header fields that SQLite itself does not check.

        SQLite ignores several header fields when reading (the suggested cache size, the
        reserved bytes, an empty freelist's count...), so a changed byte there alters no
        row; still, no archive is written that way, so report it. The check is skipped
        while the WAL holds frames (page 1 in the file may then be older than the real
        one); closing the last connection folds the WAL into the file.
        """
        if self.file is None:
            return
        try:
            wal = self.file.with_name(self.file.name + "-wal")
            if wal.exists() and wal.stat().st_size > 0:
                return
            with self.file.open("rb") as file:
                header = file.read(100)
        except OSError as exc:
            self.add(
                "file",
                "header",
                f"cannot be read at {self.file} ({exc}); was the file moved or deleted "
                "after it was opened? The rows were checked through the open connection",
            )
            return
        if len(header) < 100:
            self.add("file", "header", f"is {len(header)} bytes long, not 100")
            return

        def field(start: int, end: int) -> int:
            return int.from_bytes(header[start:end], "big")

        expected = {
            "read/write versions (bytes 18-19)": (field(18, 20), 0x0202),
            "reserved space per page (byte 20)": (header[20], 0),
            "payload fractions (bytes 21-23)": (field(21, 24), 0x402020),
            "schema format (bytes 44-47)": (field(44, 48), 4),
            "default cache size (bytes 48-51)": (field(48, 52), 0),
            "auto-vacuum root (bytes 52-55)": (field(52, 56), 0),
            "text encoding (bytes 56-59)": (field(56, 60), 1),
            "incremental vacuum (bytes 64-67)": (field(64, 68), 0),
            "reserved bytes 72-91": (field(72, 92), 0),
            "version-valid-for (bytes 92-95)": (field(92, 96), field(24, 28)),
        }
        for name, (found, wanted) in expected.items():
            if found != wanted:
                self.add("file", "header", f"{name} is {found:#x}, expected {wanted:#x}")
        trunk, count = field(32, 36), field(36, 40)
        if (trunk == 0) != (count == 0):
            self.add(
                "file",
                "header",
                f"freelist trunk page {trunk} and freelist count {count} disagree",
            )
        version = field(96, 100)
        if not 3_007_000 <= version < 4_000_000:
            self.add("file", "header", f"SQLite version number {version} is not a version")

    def integrity(self) -> None:
        for (line,) in self.db.execute("PRAGMA integrity_check"):
            if line != "ok":
                self.add("file", "", f"SQLite integrity check: {line}")
        for row in self.db.execute("PRAGMA foreign_key_check"):
            self.add(row[0], f"rowid {row[1]}", f"refers to a missing row of {row[2]}")

    def check_captures(self) -> None:
        query = "SELECT rowid, sha256, raw, media_type, byte_length FROM captures"
        for row in self.db.execute(query):
            self.counts["captures"] += 1
            sha, raw = row["sha256"], row["raw"]
            key = f"sha256 {str(sha)[:12]}" if isinstance(sha, str) else f"rowid {row['rowid']}"
            if not isinstance(raw, bytes):
                self.add_used(
                    "captures", ("capture", sha), key, f"raw is not a BLOB: {_short(raw)}"
                )
                continue
            actual = hashlib.sha256(raw).hexdigest()
            if actual != sha:
                self.add_used(
                    "captures",
                    ("capture", sha),
                    key,
                    f"raw bytes hash to {actual[:12]}, not the stored sha256",
                )
            if row["byte_length"] != len(raw):
                self.add_used(
                    "captures",
                    ("capture", sha),
                    key,
                    f"byte_length is {_short(row['byte_length'])} but raw has {len(raw)} bytes",
                )
            if not (row["media_type"] is None or isinstance(row["media_type"], str)):
                self.add_used(
                    "captures",
                    ("capture", sha),
                    key,
                    f"media_type is not text: {_short(row['media_type'])}",
                )
            if isinstance(sha, str):
                self.captures[sha] = row["media_type"]

    def check_extractions(self) -> None:
        query = "SELECT capture_sha256, extraction_count, extraction_head FROM extraction_heads"
        for sha, count, head in self.db.execute(query):
            self.extraction_heads[sha] = (count, head)
        for sha in sorted(self.captures.keys() - self.extraction_heads.keys()):
            self.add_used(
                "extraction_heads",
                ("capture", sha),
                f"sha256 {sha[:12]}",
                "missing: the capture's extraction head was deleted",
            )
        # Each capture's extractions form a chain, in id order, like a statement's revisions.
        chains: dict[object, list[sqlite3.Row]] = {}
        for row in self.db.execute("SELECT * FROM extractions ORDER BY id"):
            self.check_extraction(row)
            chains.setdefault(row["capture_sha256"], []).append(row)
        for sha, (count, head) in self.extraction_heads.items():
            rows = chains.get(sha, [])
            prev = extraction_genesis_hash(str(sha))
            for row in rows:
                if row["prev_row_hash"] != prev:
                    self.add_used(
                        "extractions",
                        ("extraction", row["id"]),
                        f"id {row['id']}",
                        "prev_row_hash does not match the row_hash of its capture's previous "
                        "extraction: an extraction before it was deleted or inserted",
                    )
                prev = row["row_hash"]
            if count != len(rows) or head != prev:
                what = (
                    f"extraction_count is {_short(count)} but {len(rows)} extractions were found"
                    if count != len(rows)
                    else "extraction_head does not match the row_hash of its last extraction"
                )
                self.add_used(
                    "extraction_heads",
                    ("capture", sha),
                    f"sha256 {str(sha)[:12]}",
                    f"{what}: extractions were deleted or added",
                )

    def check_extraction(self, row: sqlite3.Row) -> None:
        self.counts["extractions"] += 1
        key = f"id {row['id']}"
        text = row["text"]
        if not isinstance(text, str):
            self.add_used(
                "extractions",
                ("extraction", row["id"]),
                key,
                f"text is not text: {_short(text)}",
            )
            return
        actual = _sha256_text(text)
        if actual != row["text_sha256"]:
            self.add_used(
                "extractions",
                ("extraction", row["id"]),
                key,
                f"text hashes to {actual[:12]}, not the stored text_sha256",
            )
        if row["kind"] not in ("capture", "re-extraction"):
            self.add_used(
                "extractions", ("extraction", row["id"]), key, f"kind is {_short(row['kind'])}"
            )
        if not _is_time(row["recorded_at"], optional=False):
            self.add_used(
                "extractions",
                ("extraction", row["id"]),
                key,
                f"recorded_at is {_short(row['recorded_at'])}",
            )
        expected = _extraction_row_hash(
            extraction_id=row["id"],
            capture_sha256=row["capture_sha256"],
            kind=row["kind"],
            text_sha256=row["text_sha256"],
            extractor=row["extractor"],
            recorded_at=row["recorded_at"],
            prev_row_hash=row["prev_row_hash"],
        )
        if expected != row["row_hash"]:
            self.add_used(
                "extractions",
                ("extraction", row["id"]),
                key,
                "row_hash does not match capture_sha256, kind, text_sha256, extractor, "
                "recorded_at and prev_row_hash: one of them was altered",
            )
        if row["capture_sha256"] not in self.captures:
            self.add_used(
                "extractions",
                ("extraction", row["id"]),
                key,
                "its capture is missing from captures",
            )
        self.extractions[row["id"]] = row

    def check_statements(self) -> None:
        for row in self.db.execute("SELECT * FROM statements ORDER BY id"):
            self.counts["statements"] += 1
            sid = row["id"]
            key = f"{sid!r}"
            if not isinstance(sid, str):
                self.add("statements", key, "id is not text")
                continue
            if not _is_time(row["created_at"], optional=False):
                self.add("statements", key, f"created_at is {_short(row['created_at'])}")
            expected = _statement_row_hash(sid, row["title"], row["source"], row["created_at"])
            if expected != row["row_hash"]:
                self.add(
                    "statements",
                    key,
                    "row_hash does not match id, title, source and created_at: "
                    "one of them was altered",
                    statement=sid,
                )
            self.heads[sid] = (row["revision_count"], row["head_link_hash"])

    def check_revisions(self) -> None:
        rows = self.db.execute("SELECT * FROM revisions ORDER BY statement_id, seq").fetchall()
        chains: dict[str, list[sqlite3.Row]] = {}
        for row in rows:
            self.counts["revisions"] += 1
            chains.setdefault(row["statement_id"], []).append(row)
        for sid in sorted(chains, key=str):
            if sid not in self.heads:
                self.add(
                    "revisions",
                    f"statement {sid!r}",
                    "has revisions but no row in statements",
                    statement=str(sid),
                )
            self.check_chain(str(sid), chains[sid])
        for sid in self.heads.keys() - chains.keys():
            self.check_head(sid, [])

    def check_chain(self, sid: str, rows: list[sqlite3.Row]) -> None:
        prev_link = genesis_hash(sid)
        expected_seq = 1
        for row in rows:
            seq = row["seq"]
            key = f"statement {sid!r} seq {seq}"
            where = {"statement": sid, "seq": seq if isinstance(seq, int) else None}
            if seq != expected_seq:
                if isinstance(seq, int) and seq > expected_seq:
                    missing = (
                        f"seq {expected_seq}"
                        if seq == expected_seq + 1
                        else f"seq {expected_seq} to {seq - 1}"
                    )
                    self.add(
                        "revisions",
                        f"statement {sid!r} {missing}",
                        f"missing: seq {expected_seq - 1} is followed by seq {seq}",
                        statement=sid,
                        seq=expected_seq,
                    )
                else:
                    self.add("revisions", key, f"seq {_short(seq)} is out of sequence", **where)
            expected_seq = seq + 1 if isinstance(seq, int) else expected_seq + 1
            self.used_captures.add(row["capture_sha256"])
            self.used_extractions.add(row["extraction_id"])
            if row["prev_link_hash"] != prev_link:
                self.add(
                    "revisions",
                    key,
                    "prev_link_hash does not match the previous revision's link_hash",
                    **where,
                )
            self.check_link(sid, row, key, where)
            prev_link = row["link_hash"]
        self.check_head(sid, rows)

    def check_link(self, sid: str, row: sqlite3.Row, key: str, where: dict[str, Any]) -> None:
        for column in ("captured_at", "recorded_at"):
            if not _is_time(row[column], optional=column == "captured_at"):
                self.add("revisions", key, f"{column} is {_short(row[column])}", **where)
        for column in ("source", "label"):
            value = row[column]
            if not (isinstance(value, str) or (value is None and column == "source")):
                self.add("revisions", key, f"{column} is {_short(value)}", **where)
                return
        capture = row["capture_sha256"]
        if capture not in self.captures:
            self.add("revisions", key, f"capture {_short(capture)} is missing", **where)
            return
        extraction = self.extractions.get(row["extraction_id"])
        if extraction is None:
            self.add(
                "revisions", key, f"extraction {_short(row['extraction_id'])} is missing", **where
            )
            return
        if extraction["capture_sha256"] != capture:
            self.add(
                "revisions",
                key,
                f"extraction {row['extraction_id']} belongs to another capture",
                **where,
            )
        metadata = {
            "statement": sid,
            "seq": row["seq"],
            "captured_at": row["captured_at"],
            "source": row["source"],
            "label": row["label"],
            "media_type": self.captures[capture],
            "extractor": extraction["extractor"],
            "recorded_at": row["recorded_at"],
        }
        digest = self.digest(row, key, where)
        if digest is not None:
            metadata["digest"] = digest
        expected = link_hash(row["prev_link_hash"], capture, extraction["text_sha256"], metadata)
        if expected != row["link_hash"]:
            self.add(
                "revisions",
                key,
                "link_hash does not match the revision: its capture, text, captured_at, "
                "source, label, media type, extractor, digest or recorded_at was altered",
                **where,
            )

    def digest(self, row: sqlite3.Row, key: str, where: dict[str, Any]) -> object:
        """The revision's digest (``None`` in a schema-2 file), checked for its form."""
        digest = row["digest"] if "digest" in row.keys() else None  # noqa: SIM118 - a Row
        if digest is not None and not _is_digest(digest):
            self.add("revisions", key, f"digest is {_short(digest)}", **where)
        return digest

    def check_head(self, sid: str, rows: list[sqlite3.Row]) -> None:
        count, head = self.heads.get(sid, (None, None))
        if count is None:
            return
        last_seq = rows[-1]["seq"] if rows else 0
        last_link = rows[-1]["link_hash"] if rows else genesis_hash(sid)
        if count != last_seq or count != len(rows):
            self.add(
                "statements",
                f"{sid!r}",
                f"revision_count is {_short(count)} but the last revision found is seq "
                f"{last_seq} ({len(rows)} rows): revisions were deleted or added",
                statement=sid,
            )
        if head != last_link:
            self.add(
                "statements",
                f"{sid!r}",
                "head_link_hash does not match the last revision's link_hash",
                statement=sid,
            )

    def check_unused(self) -> None:
        for sha in sorted(self.captures.keys() - self.used_captures):
            self.add(
                "captures",
                f"sha256 {sha[:12]}",
                "no revision uses it: the revision that stored it was deleted",
            )
        for xid, row in sorted(self.extractions.items()):
            if row["kind"] == "capture" and xid not in self.used_extractions:
                self.add(
                    "extractions",
                    f"id {xid}",
                    "no revision uses it: the revision that stored it was deleted",
                )
