"""HTML pages → :class:`~revforensics.model.Revision`, keeping the raw bytes.

Needs the optional extra ``[html]`` (trafilatura), imported only when a page is
extracted: ``pip install "revforensics[html]"``.

The page is decoded in the order browsers use (the WHATWG encoding-sniffing algorithm,
simplified): a byte-order mark; else the charset the caller was told (the HTTP
``Content-Type`` header, passed as ``encoding=``); else a ``<meta charset>``,
``<meta http-equiv="Content-Type">`` or ``<?xml encoding?>`` declaration in the first
4 KiB; else a sniff (strict UTF-8, then charset-normalizer, which trafilatura already
depends on). Like browsers, a declared ``iso-8859-1`` or ``ascii`` is read as
windows-1252, so the curly quotes of such pages survive. When the charset the page or the
caller *declares* cannot decode the bytes, nothing is guessed: a :class:`ReadError`
names the charset and suggests ``encoding=``.

The text is trafilatura's main-content extraction with ``favor_precision=True`` (the
design measured it as the only extractor that kept every paragraph and leaked no
navigation), written as Markdown-like plain text so the segmenter sees the structure:
one block per paragraph, separated by blank lines; headings start with ``#``; list items
with ``- ``; table rows join their cells with `` | ``. Formatting, links, images and
comments are left out.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from revforensics.errors import InputTypeError, MissingExtraError, ReadError
from revforensics.ingest.text import read_bytes, text_codec
from revforensics.model import Revision

__all__ = ["DecodedHTML", "decode_html", "read_html_file", "revision_from_html"]

MEDIA_TYPE = "text/html"

# Bump when the way trafilatura's XML becomes text changes, so a new text is recorded as
# a re-extraction (a new extractor string), never as an edit by the publisher.
_LAYOUT = "revforensics-html/1"

# The WHATWG prescan looks at the first 1024 bytes; pages with long inline scripts before
# the <meta> are common enough that 4 KiB is worth it (an HTTP charset still wins).
_PRESCAN = 4096
_DECLARATION = re.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# windows-1252 as browsers decode it: the five bytes cp1252 leaves undefined map to the
# C1 controls of the same number, so every byte decodes (WHATWG encoding standard).
_WINDOWS_1252 = "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256))


class DecodedHTML(NamedTuple):
    """A decoded page, with the charset used and where it came from.

    Attributes:
        text: The page's markup as a string (a byte-order mark removed).
        charset: The Python codec name used, such as ``"cp1251"``.
        found_by: ``"bom"``, ``"argument"`` (the ``encoding=`` given), ``"declaration"``
            (in the page) or ``"sniff"``.
    """

    text: str
    charset: str
    found_by: str


def _codec(label: str) -> str | None:
    """The Python codec for a charset label, as browsers map it; ``None`` if unknown."""
    name = text_codec(label)
    if name is None:
        return None
    if name in {"iso8859-1", "ascii"}:
        return "cp1252"
    return name


def _decode(raw: bytes, codec: str) -> str:
    if codec == "cp1252":
        return codecs.charmap_decode(raw, "strict", _WINDOWS_1252)[0]
    return raw.decode(codec)


def _sniff(raw: bytes) -> str | None:
    """Guess the charset: strict UTF-8 first, then charset-normalizer's best guess."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    try:
        from charset_normalizer import from_bytes  # noqa: PLC0415 - comes with the extra
    except ImportError as exc:
        raise MissingExtraError("Guessing an HTML page's charset", extra="html") from exc
    best = from_bytes(raw).best()
    return None if best is None else _codec(best.encoding)


def _declared(raw: bytes) -> str | None:
    match = _DECLARATION.search(raw[:_PRESCAN])
    if match is None:
        return None
    label: bytes = match.group(1) or match.group(2)
    codec = _codec(label.decode("ascii"))
    # A page whose declaration can be read as ASCII is not UTF-16, whatever it says.
    if codec is not None and codec.startswith("utf-16"):
        return "utf-8"
    return codec


def decode_html(
    raw: bytes, *, encoding: str | None = None, source: str | None = None
) -> DecodedHTML:
    """Decode an HTML page's bytes by its byte-order mark, given, declared or sniffed charset.

    Args:
        raw: The page exactly as fetched.
        encoding: The charset from the HTTP ``Content-Type`` header, or one you know.
        source: Where the page came from, for error messages.

    Returns:
        The markup, the codec used and how it was chosen.

    Raises:
        ReadError: If ``encoding`` is not a known charset, or the chosen charset cannot
            decode the bytes (the message names it and suggests ``encoding=``).

    Example:
        >>> page = '<meta charset="windows-1251"><p>Привіт</p>'.encode("cp1251")
        >>> decode_html(page)
        DecodedHTML(text='<meta charset="windows-1251"><p>Привіт</p>', charset='cp1251', found_by='declaration')

    .. versionadded:: 0.1
    """  # noqa: E501 - a doctest output line cannot be wrapped
    name = source or "HTML page"
    for bom, bom_codec in _BOMS:
        if raw.startswith(bom):
            return _try(raw[len(bom) :], bom_codec, "bom", name, source)
    if encoding is not None:
        codec = _codec(encoding)
        if codec is None:
            msg = (
                f"{name}: unknown charset encoding={encoding!r}; "
                "give a charset name such as 'utf-8', 'windows-1251' or 'iso-8859-2'"
            )
            raise ReadError(msg, source=name)
        return _try(raw, codec, "argument", name, source)
    declared = _declared(raw)
    if declared is not None:
        return _try(raw, declared, "declaration", name, source)
    sniffed = _sniff(raw)
    if sniffed is None:
        msg = f"{name}: cannot tell its charset; pass it, e.g. encoding='windows-1251'"
        raise ReadError(msg, source=name)
    return _try(raw, sniffed, "sniff", name, source)


def _try(raw: bytes, codec: str, found_by: str, name: str, source: str | None) -> DecodedHTML:
    try:
        return DecodedHTML(_decode(raw, codec), codec, found_by)
    except UnicodeDecodeError as exc:
        where = {
            "bom": "its byte-order mark",
            "argument": "encoding=",
            "declaration": "the page's own declaration",
            "sniff": "a guess",
        }[found_by]
        guess = _sniff(raw) if found_by != "sniff" else None
        hint = (
            f"pass the real one, e.g. encoding={guess!r}"
            if guess is not None and guess != codec
            else "pass the real one as encoding="
        )
        msg = (
            f"{name}: cannot decode it as {codec} (from {where}): "
            f"byte 0x{raw[exc.start]:02x} at offset {exc.start}; {hint}"
        )
        raise ReadError(msg, source=source or name) from exc


def _inline(element: ET.Element) -> str:
    """An element's text with its line breaks (``<lb/>``), lists and tables left out."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag not in {"list", "table"}:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(text: str) -> str:
    """Collapse white space inside each line; drop empty lines (a blank line ends a block)."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _list_lines(element: ET.Element, depth: int = 0) -> Iterator[str]:
    for item in element.findall("item"):
        text = " ".join(_clean(_inline(item)).split("\n"))
        if text:
            yield "  " * depth + "- " + text
        for nested in item.findall("list"):
            yield from _list_lines(nested, depth + 1)


def _table_lines(element: ET.Element) -> Iterator[str]:
    for row in element.iter("row"):
        cells = [" ".join(_clean(_inline(cell)).split("\n")) for cell in row.findall("cell")]
        if any(cells):
            yield " | ".join(cells)


_BLOCK_TAGS = frozenset({"p", "head", "list", "table", "quote", "div", "code"})


def _blocks(element: ET.Element) -> Iterator[str]:
    for child in element:
        if child.tag == "head":
            rend = child.get("rend", "h2")
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            text = " ".join(_clean(_inline(child)).split("\n"))
            if text:
                yield "#" * level + " " + text
        elif child.tag == "list":
            yield "\n".join(_list_lines(child))
        elif child.tag == "table":
            yield "\n".join(_table_lines(child))
        elif child.tag in {"div", "quote"} and any(c.tag in _BLOCK_TAGS for c in child):
            yield from _blocks(child)
        else:
            yield _clean(_inline(child))


def _layout(xml: str) -> str:
    """Turn trafilatura's XML into Markdown-like text, one block per paragraph."""
    # We parse trafilatura's own serialization, not the page, so no entity tricks reach it.
    root = ET.fromstring(xml)  # noqa: S314
    main = root.find("main")
    if main is None:
        return ""
    return "\n\n".join(block for block in _blocks(main) if block)


def _extract(markup: str, name: str, source: str | None) -> tuple[str, str]:
    """Run trafilatura; return the text and the extractor's name and version."""
    try:
        import trafilatura  # noqa: PLC0415 - optional extra, imported lazily
    except ImportError as exc:
        raise MissingExtraError("Extracting text from HTML", extra="html") from exc
    extractor = f"trafilatura {trafilatura.__version__} {_LAYOUT}"
    try:
        xml = trafilatura.extract(
            markup,
            output_format="xml",
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=False,
            deduplicate=False,
        )
        text = "" if xml is None else _layout(xml)
    except Exception as exc:  # a third-party failure never leaks (house rule)
        msg = f"{name}: trafilatura could not extract its text ({type(exc).__name__}: {exc})"
        raise ReadError(msg, source=source or name) from exc
    return text, extractor


def revision_from_html(
    raw: bytes,
    *,
    source: str | None = None,
    captured_at: dt.datetime | None = None,
    label: str = "",
    encoding: str | None = None,
) -> Revision:
    """Extract the main text of an HTML page into a revision that keeps the raw bytes.

    Args:
        raw: The page exactly as fetched; stored unchanged as :attr:`Revision.raw`.
        source: Where it came from: a URL or a path.
        captured_at: When it was fetched; timezone-aware.
        label: A short human name for the version.
        encoding: The charset from the HTTP ``Content-Type`` header, if you have it.

    Returns:
        A :class:`Revision` with ``media_type="text/html"`` and ``extractor`` naming
        trafilatura's version. A page with no main text (an error or empty page) gives an
        empty ``text``, still with its raw bytes, so nothing captured is lost; a chain
        flags it as a suspect capture.

    Raises:
        MissingExtraError: If trafilatura is not installed.
        ReadError: If the page cannot be decoded (see :func:`decode_html`) or trafilatura
            fails on it.
        InputError: If ``captured_at`` is naive.
        InputTypeError: If ``raw`` is not ``bytes``.

    Example:
        >>> page = (b"<html><body><article><h1>Update</h1>"
        ...         b"<p>Units launched new operations near the border today.</p>"
        ...         b"<p>The situation in the region remains difficult and tense.</p>"
        ...         b"</article></body></html>")
        >>> rev = revision_from_html(page, label="v1")
        >>> print(rev.text)
        # Update
        <BLANKLINE>
        Units launched new operations near the border today.
        <BLANKLINE>
        The situation in the region remains difficult and tense.
        >>> rev.raw == page, rev.media_type, rev.extractor.startswith("trafilatura ")
        (True, 'text/html', True)

    .. versionadded:: 0.1
    """
    if not isinstance(raw, bytes):
        msg = (
            f"revision_from_html needs the page's bytes, got {type(raw).__name__}; "
            "pass the capture exactly as fetched, e.g. response.content"
        )
        raise InputTypeError(msg)
    name = source or "HTML page"
    decoded = decode_html(raw, encoding=encoding, source=source)
    text, extractor = _extract(decoded.text, name, source)
    return Revision(
        text,
        label,
        captured_at,
        source=source,
        raw=raw,
        media_type=MEDIA_TYPE,
        extractor=extractor,
    )


def read_html_file(
    path: str | Path,
    *,
    label: str | None = None,
    captured_at: dt.datetime | None = None,
    encoding: str | None = None,
) -> Revision:
    """Read a saved HTML page and extract its main text (see :func:`revision_from_html`).

    Args:
        path: The file.
        label: The revision's label; the path as given when omitted.
        captured_at: When the page was fetched, if known; timezone-aware.
        encoding: The page's charset, if known (else declared or sniffed).

    Raises:
        ReadError: If the file is missing, a directory, unreadable or undecodable.
        MissingExtraError: If trafilatura is not installed.

    .. versionadded:: 0.1
    """
    source = str(path)
    return revision_from_html(
        read_bytes(path, kind="HTML file"),
        source=source,
        captured_at=captured_at,
        label=source if label is None else label,
        encoding=encoding,
    )
