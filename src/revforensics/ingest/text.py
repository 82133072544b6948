"""Text files → :class:`~revforensics.model.Revision`.

The text of a plain file *is* the capture, so the revision keeps no separate ``raw``
bytes: its content address is the SHA-256 of the text (see
:attr:`~revforensics.model.Revision.raw_sha256`).
"""

from __future__ import annotations

import codecs
from pathlib import Path

from revforensics.errors import ReadError
from revforensics.model import Revision

__all__ = ["decode_text", "read_text_file"]

# Look for NUL bytes in the head only: enough to tell a binary file, cheap on big texts.
_SNIFF = 8192


def decode_text(data: bytes, *, name: str, source: str, allow_empty: bool = False) -> str:
    r"""Decode the bytes of a text file as UTF-8, dropping a leading byte-order mark.

    Args:
        data: The file's bytes.
        name: How to name the input in an error message (a path, ``standard input``).
        source: What to store as :attr:`ReadError.source`.
        allow_empty: Accept a file with nothing but white space (a git history may hold
            an emptied version, which the chain flags as a suspect capture).

    Returns:
        The text, otherwise unchanged (line endings included).

    Raises:
        ReadError: If the data is empty (unless allowed), binary, or not UTF-8.

    Example:
        >>> decode_text("\ufeffПривіт".encode(), name="a.txt", source="a.txt")
        'Привіт'

    .. versionadded:: 0.1
    """
    if not allow_empty and not data.strip():
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


def text_codec(label: str) -> str | None:
    """The Python codec that decodes bytes to text for a charset label; ``None`` if none does.

    :func:`codecs.lookup` also knows codecs that map bytes to bytes (``hex``, ``base64``,
    ``rot13``, ``zlib``), which ``bytes.decode`` refuses with a :class:`LookupError`, and
    ``undefined``, which refuses every byte. A header or page naming one of them (by mistake
    or on purpose) declares no usable charset, just as one naming no codec at all.

    Example:
        >>> text_codec("Windows-1251"), text_codec("hex"), text_codec("klingon")
        ('cp1251', None, None)
    """
    try:
        info = codecs.lookup(label.strip())
    except (LookupError, ValueError):  # ValueError: a NUL or a lone surrogate in the label
        return None
    # _is_text_encoding is how bytes.decode itself tells the bytes-to-bytes codecs apart.
    if not info._is_text_encoding or info.name == "undefined":  # noqa: SLF001
        return None
    return info.name


def read_bytes(path: str | Path, *, kind: str = "text file") -> bytes:
    """Read a file's bytes, turning OS errors into a :class:`ReadError` naming the fix.

    Args:
        path: The file.
        kind: What to ask for when ``path`` is a directory, such as ``"HTML file"``.

    Raises:
        ReadError: If the file is missing, a directory, or unreadable.

    .. versionadded:: 0.1
    """
    source = str(path)
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        msg = f"{source}: no such file; check the path"
        raise ReadError(msg, source=source) from None
    except IsADirectoryError:
        msg = f"{source}: is a directory; give a {kind}"
        raise ReadError(msg, source=source) from None
    except OSError as exc:
        msg = f"{source}: cannot read it ({exc.strerror or exc})"
        raise ReadError(msg, source=source) from None


def read_text_file(path: str | Path, *, label: str | None = None) -> Revision:
    """Read a UTF-8 text file (a byte-order mark is fine) as a revision.

    Args:
        path: The file.
        label: The revision's label; the path as given when omitted.

    Returns:
        A :class:`Revision` with ``source=str(path)``, no ``raw`` (the text is the
        capture) and no ``captured_at`` (a file's modification time is not a capture time).

    Raises:
        ReadError: If the file is missing, a directory, unreadable, empty, binary, or not
            UTF-8; the message says what to do.

    Example:
        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "v1.txt"
        >>> _ = path.write_text("Forces advanced.", encoding="utf-8")
        >>> rev = read_text_file(path, label="v1")
        >>> rev.text, rev.label, rev.source == str(path)
        ('Forces advanced.', 'v1', True)

    .. versionadded:: 0.1
    """
    source = str(path)
    text = decode_text(read_bytes(path), name=source, source=source)
    return Revision(text, source if label is None else label, source=source)
