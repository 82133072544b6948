"""The exceptions revforensics raises.

Every exception derives from :class:`RevForensicsError`, so one ``except`` clause catches
anything the library raises on purpose. Errors caused by bad input also derive from the
matching built-in (``ValueError`` or ``TypeError``), so code written against plain Python
conventions keeps working::

    RevForensicsError
    ├── InputError (ValueError)         bad input value: text, option or file content
    │   ├── SchemaError                 a JSON document is not revforensics.diff/1
    │   ├── ReadError                   the CLI could not read or decode an input file
    │   └── WriteError                  the CLI could not, or must not, write an output file
    ├── InputTypeError (TypeError)      an argument of the wrong type
    └── MissingExtraError (ImportError) an optional extra is needed but not installed

Third-party failures are wrapped, never leaked: they arrive as one of the above, with the
original exception chained as ``__cause__``.
"""

from __future__ import annotations

__all__ = [
    "InputError",
    "InputTypeError",
    "MissingExtraError",
    "ReadError",
    "RevForensicsError",
    "SchemaError",
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
    """An input file could not be read or decoded as UTF-8 text.

    Attributes:
        source: The path (or ``-`` for standard input) that failed.
    """

    def __init__(self, message: str, *, source: str) -> None:
        """Create the error naming the file that failed."""
        super().__init__(message)
        self.source = source


class WriteError(InputError):
    """An output file could not be written, or writing it would overwrite an input.

    Attributes:
        target: The path that was to be written.
    """

    def __init__(self, message: str, *, target: str) -> None:
        """Create the error naming the file that was to be written."""
        super().__init__(message)
        self.target = target


class MissingExtraError(RevForensicsError, ImportError):
    """A feature needs an optional extra that is not installed.

    The message names the ``pip install "revforensics[EXTRA]"`` command that fixes it.

    Attributes:
        extra: The extra's name, such as ``term``.
    """

    def __init__(self, message: str, *, extra: str) -> None:
        """Create the error naming the missing extra."""
        super().__init__(message)
        self.extra = extra
