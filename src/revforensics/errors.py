"""The exceptions revforensics raises.

Every exception derives from :class:`RevForensicsError`, so one ``except`` clause catches
anything the library raises on purpose. Errors caused by bad input also derive from the
matching built-in (``ValueError`` or ``TypeError``), so code written against plain Python
conventions keeps working::

    RevForensicsError
    ├── InputError (ValueError)         bad input value: text, option or file content
    │   ├── SchemaError                 a JSON document is not revforensics.diff/1
    │   ├── ReadError                   an input file or capture could not be read or decoded
    │   │   ├── GitError                a git history could not be read
    │   │   └── WaybackError            the Wayback Machine's capture index could not be read
    │   ├── WriteError                  the CLI could not, or must not, write an output file
    │   └── BatchError                  a batch input file or record cannot be used
    ├── InputTypeError (TypeError)      an argument of the wrong type
    ├── MissingExtraError (ImportError) an optional extra, such as ``[html]``, is not installed
    └── ArchiveError                    an archive file cannot be used: not SQLite, not an
                                        archive, a newer schema, damaged, locked or closed

Third-party failures are wrapped, never leaked: they arrive as one of the above, with the
original exception chained as ``__cause__``.
"""

from __future__ import annotations

__all__ = [
    "ArchiveError",
    "BatchError",
    "GitError",
    "InputError",
    "InputTypeError",
    "MissingExtraError",
    "ReadError",
    "RevForensicsError",
    "SchemaError",
    "WaybackError",
    "WriteError",
]


class RevForensicsError(Exception):
    """Base class of every exception raised by revforensics."""


class InputError(RevForensicsError, ValueError):
    """An input value cannot be used; the message names the value and the fix."""


class InputTypeError(RevForensicsError, TypeError):
    """An argument has the wrong type; the message names the expected type."""


class SchemaError(InputError):
    """A JSON document does not follow the ``revforensics.diff/1`` schema.

    Attributes:
        path: Where in the document the problem is, as a JSON-pointer-like string.
    """

    def __init__(self, message: str, *, path: str = "") -> None:
        """Create the error with its location in the document."""
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


class ReadError(InputError):
    """An input file or capture could not be read or decoded.

    Attributes:
        source: The path, URL or ``git:`` source (or ``-`` for standard input) that failed.
    """

    def __init__(self, message: str, *, source: str) -> None:
        """Create the error naming the file that failed."""
        super().__init__(message)
        self.source = source


class GitError(ReadError):
    """A git history could not be read: no git, not a repository, or a path never in it.

    Attributes:
        source: The repository and path, as ``git:<repo>:<path>``.

    .. versionadded:: 0.1
    """


class WaybackError(ReadError):
    """The Wayback Machine's capture index (its CDX API) could not be read, even after retries.

    Raised only for the listing of captures: a capture that cannot be fetched is skipped
    and reported in the :class:`~revforensics.ingest.harvest.Harvest`, never fatal.

    Attributes:
        source: The CDX query URL that failed.
        status: The last HTTP status received, or ``None`` when no answer came at all
            (connection refused or reset, time-out, truncated body).

    .. versionadded:: 0.1
    """

    def __init__(self, message: str, *, source: str, status: int | None = None) -> None:
        """Create the error naming the query and the last status."""
        super().__init__(message, source=source)
        self.status = status


class BatchError(InputError):
    """A batch input (a JSON Lines file or one of its records) cannot be used.

    Attributes:
        record_id: The id of the record at fault, or ``None`` when the whole input is.
    """

    def __init__(self, message: str, *, record_id: str | None = None) -> None:
        """Create the error naming the record at fault."""
        super().__init__(message)
        self.record_id = record_id


class MissingExtraError(RevForensicsError, ImportError):
    """An optional dependency is not installed; the message names the extra to install.

    Attributes:
        extra: The extra's name, such as ``"html"``.

    Example:
        >>> err = MissingExtraError("HTML extraction", extra="html")
        >>> print(err)
        HTML extraction needs the optional extra [html]: pip install "revforensics[html]"

    .. versionadded:: 0.1
    """

    def __init__(self, feature: str, *, extra: str) -> None:
        """Create the error for ``feature``, which needs ``extra``."""
        super().__init__(
            f'{feature} needs the optional extra [{extra}]: pip install "revforensics[{extra}]"'
        )
        self.extra = extra


class ArchiveError(RevForensicsError):
    """An archive file cannot be opened, read or written.

    Raised for a file that is not an SQLite database, an SQLite database that is not a
    revforensics archive, an archive with a newer schema, a damaged file, a file locked by
    another writer for too long, or a closed archive. Bad values given to an archive
    (an unknown statement, out-of-order captures) raise :class:`InputError` instead.

    Attributes:
        path: The archive file concerned.
    """

    def __init__(self, message: str, *, path: str) -> None:
        """Create the error naming the archive file."""
        super().__init__(message)
        self.path = path


class WriteError(InputError):
    """An output file could not be written, or writing it would overwrite an input.

    Attributes:
        target: The path that was to be written.
    """

    def __init__(self, message: str, *, target: str) -> None:
        """Create the error naming the file that was to be written."""
        super().__init__(message)
        self.target = target
