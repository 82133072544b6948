"""WARC and ARC files → the revisions of one URL, with notes on what was skipped.

Needs the optional extra ``[warc]`` (warcio), imported only when a file is read:
``pip install "revforensics[warc]"``.

warcio parses the records (WARC 1.0/1.1, 0.17/0.18 and ARC, each plain or gzip-compressed); this
module decides what becomes a revision, and reads on past what is broken:

* **Which records.** ``response`` records, and ARC records (converted by warcio's
  ``arc2warc``), whose target URI equals the URL asked for after :func:`url_key`:
  scheme and host lower-cased, the default port (``:80`` for http, ``:443`` for https)
  dropped, an empty path made ``/``, the fragment dropped, and a URL as a browser shows
  it put as the browser sends it (an ``xn--`` host, non-ASCII characters and spaces
  percent-encoded). Nothing else is changed: ``http`` and ``https``, ``www.`` or not, a
  trailing slash, the query string and the path's case and existing percent-encoding all
  make different URLs. Records with no HTTP
  headers (``resource``, ``metadata``) and ``request`` records never become revisions.
* **Revisits.** A ``revisit`` record says "fetched again at this time; the payload is the
  one recorded before". It is resolved to the response it refers to (by payload digest,
  then ``WARC-Refers-To``, then ``WARC-Refers-To-Date``) and then treated as a capture of
  that payload at the revisit's own time. So a revisit of the latest version makes no new
  revision but a note saying the page was *still the same at that time*; a revisit of an
  older payload (the page reverted) makes a revision. A revisit whose original is not in
  the files given is skipped with a note.
* **Order and duplicates.** Captures are ordered by ``WARC-Date`` (stable: file order,
  then record order, breaks ties). Consecutive captures whose decoded bodies are
  byte-identical (as a same payload digest implies) make one revision, the earliest; each
  later one leaves a note (``skipped=False``) saying it confirms that revision at its time.
* **The revision.** ``captured_at`` is the ``WARC-Date`` (UTC), ``label`` that time as
  ``2024-03-01 12:00:00Z`` (with `` (2)``… when two revisions share a second), ``source``
  the target URI as written, ``raw`` the HTTP body with the chunked transfer coding and the
  ``Content-Encoding`` (gzip, deflate; br when ``brotli`` is installed) removed: the bytes a
  browser rendered. ``digest`` is the ``WARC-Payload-Digest`` as written; a record without
  one (every ARC record) gets ``sha1:`` base 32 of the payload, computed here, and a note.
  HTML (``text/html``, ``application/xhtml+xml``; extra ``[html]``) is extracted with
  :func:`~revforensics.ingest.html.revision_from_html` given the HTTP charset;
  ``text/plain`` is decoded by its HTTP charset, else as UTF-8.

What is skipped, always with a :class:`~revforensics.ingest.harvest.HarvestNote`: a
response that is not ``200`` (a redirect, a 404), another media type (a PDF, an image),
a body whose ``Content-Encoding`` or chunking cannot be undone, a page its declared
charset cannot decode. A payload that does not match its ``WARC-Payload-Digest`` is kept,
with a note (``skipped=False``).

**Broken records.** A record warcio cannot parse (a garbled header, a truncated record,
a damaged gzip member) is reported as ``record N (offset X) of FILE`` and reading goes on
at the next place a record can start: in a gzip file, the next gzip member that
decompresses to a WARC or ARC header; in a plain file, the next line that is a WARC
version line (``WARC/1.0``, ``WARC/1.1``; ``WARC/0.17`` and ``WARC/0.18`` of older crawls)
or an ARC header line. Everything between is
skipped, so ``N`` counts a broken stretch as one record. A payload that happens to hold
such a line could be mistaken for a record start, which only costs another note. A gzip
file written as one stream rather than one member per record is read whole, in order,
without this resynchronisation (so is several such streams joined, and a file of one
member): if the stream is cut short or damaged, the records before that point are kept
and a note says where it stopped. A file that is missing, empty or not a WARC or ARC file
at all raises :class:`~revforensics.errors.ReadError` naming it.
"""

from __future__ import annotations

import base64
import binascii
import collections
import datetime as dt
import difflib
import hashlib
import mmap
import re
import zlib
from collections.abc import Callable, Iterable
from os import PathLike, fspath
from pathlib import Path
from typing import IO, Any, Literal, cast
from urllib.parse import quote, urlsplit, urlunsplit

import attrs

from revforensics.errors import InputError, InputTypeError, MissingExtraError, ReadError
from revforensics.ingest.harvest import Harvest, HarvestNote
from revforensics.ingest.html import decode_html, revision_from_html
from revforensics.ingest.text import decode_text, text_codec
from revforensics.model import Revision

__all__ = ["revisions_from_warc", "url_key", "warc_urls"]

WarcPaths = str | PathLike[str] | Iterable[str | PathLike[str]]
"""One WARC/ARC file, or several (a crawl often spans many)."""

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_GZIP_MAGIC = b"\x1f\x8b\x08"
# Where a record can start, in a plain file: a WARC version line (1.0 and 1.1, and 0.17
# and 0.18 of Heritrix 1.x crawls, 2008-2010, which warcio reads too), or an ARC v1
# header line "URL IP-address 14-digit-date content-type length". The URL may hold
# spaces (old Internet Archive crawls wrote them as they were; warcio splits the line
# from the right), so it is anything up to the last four fields.
_START = rb"(?:WARC/(?:1\.[01]|0\.1[78])\r?\n|\S[^\n]* \S+ \d{14} \S+ \d+\r?\n)"
_RECORD_START = re.compile(_START)
_PLAIN_RESYNC = re.compile(rb"(?<=\n)" + _START)
# How much of a candidate gzip member to inflate to see whether it starts a record.
_PEEK = 4096
# How much of a gzip member to inflate at a time when checking where it ends.
_INFLATE_STEP = 1 << 20
_CLOSE_MATCHES = 3
_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]+")


def _import_warcio() -> Any:  # noqa: ANN401 - warcio's ArchiveIterator class; warcio is untyped
    try:
        from warcio.archiveiterator import (  # type: ignore[import-untyped]  # noqa: PLC0415 - optional extra, imported lazily
            ArchiveIterator,
        )
    except ImportError as exc:
        raise MissingExtraError("Reading WARC files", extra="warc") from exc
    return ArchiveIterator


def _http_parser() -> Any:  # noqa: ANN401 - warcio's StatusAndHeadersParser class
    from warcio.statusandheaders import (  # type: ignore[import-untyped]  # noqa: PLC0415 - optional extra
        StatusAndHeadersParser,
    )

    return StatusAndHeadersParser


def url_key(url: str) -> str:
    """The form of a URL that WARC target URIs are matched in.

    Scheme and host are lower-cased, the default port (80 for http, 443 for https) and the
    fragment are dropped, and an empty path becomes ``/``. A URL as a browser's address bar
    shows it is put as the browser sends it (and crawlers record it): a non-ASCII host in
    its IDNA ``xn--`` form, non-ASCII characters and spaces in the path and query
    percent-encoded as UTF-8 (an existing ``%XX`` is kept). Nothing else changes: ``http``
    and ``https``, ``www.``, a trailing slash, the query and the path's case (and the case
    of its ``%XX``) are kept, so they name different URLs.

    Args:
        url: A URL, as written in a WARC record or by a user.

    Returns:
        The URL in matching form.

    Example:
        >>> url_key("HTTP://Example.ORG:80#top")
        'http://example.org/'
        >>> url_key("https://example.org/News?id=7")
        'https://example.org/News?id=7'
        >>> url_key("https://мвд.рф/новини")
        'https://xn--b1aew.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8'

    .. versionadded:: 0.1
    """
    text = url.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    scheme = parts.scheme.lower()
    path, query = _percent_encode(parts.path), _percent_encode(parts.query)
    if not parts.netloc:
        return urlunsplit((scheme, "", path, query, ""))
    host = _ascii_host((parts.hostname or "").lower())
    if ":" in host:
        host = f"[{host}]"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = (f"{userinfo}@" if userinfo else "") + host
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc += f":{port}"
    return urlunsplit((scheme, netloc, path or "/", query, ""))


_NOT_URL_ASCII = re.compile(r"[^\x21-\x7e]+")


def _percent_encode(part: str) -> str:
    """Non-ASCII characters, spaces and controls as UTF-8 ``%XX``, as browsers send them."""
    if part.isascii() and part.isprintable() and " " not in part:  # the usual case
        return part
    return _NOT_URL_ASCII.sub(
        lambda match: quote(match.group(), safe="", errors="surrogatepass"), part
    )


def _ascii_host(host: str) -> str:
    """A non-ASCII host name in its IDNA (``xn--``) form; as it is if it has none."""
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:  # an empty or over-long label: no DNS name, left to not match
        return host


@attrs.frozen
class _Capture:
    """A response or revisit record of the URL asked for, as read from its file."""

    where: str
    order: int
    uri: str
    captured_at: dt.datetime
    kind: Literal["response", "revisit"]
    status: int | None
    headers: tuple[tuple[str, str], ...]
    payload: bytes | None
    digest: str | None
    record_id: str | None
    refers_to: str | None
    refers_to_date: str | None

    def header(self, name: str) -> str | None:
        lowered = name.lower()
        for key, value in self.headers:
            if key.lower() == lowered:
                return value
        return None


@attrs.define
class _Reading:
    """What a pass over the files collects."""

    want: str | None
    captures: list[_Capture] = attrs.Factory(list)
    notes: list[HarvestNote] = attrs.Factory(list)
    urls: collections.Counter[str] = attrs.Factory(collections.Counter)
    counted: str | None = None  # the URL the record being read was counted under


def _paths(paths: WarcPaths) -> list[str | PathLike[str]]:
    """The files to read, checked: a wrong type fails here, not deep inside pathlib."""
    if isinstance(paths, str | PathLike):
        given = [paths]
    elif isinstance(paths, bytes | bytearray) or not isinstance(paths, Iterable):
        given = [paths]  # named as the wrong type below
    else:
        given = list(paths)
    if not given:
        msg = "paths is empty; give one WARC or ARC file, or a list of them"
        raise InputError(msg)
    for path in given:
        if isinstance(path, PathLike):
            path = fspath(path)  # noqa: PLW2901 - a PathLike[bytes] is checked as its bytes
        if isinstance(path, bytes | bytearray):
            msg = (
                f"paths must be str or os.PathLike, got bytes {bytes(path)[:60]!r}; "
                "decode it first, e.g. os.fsdecode(path)"
            )
            raise InputTypeError(msg)
        if not isinstance(path, str | PathLike):
            msg = (
                f"paths must be a file (str or os.PathLike) or a list of them, got "
                f"{type(path).__name__}"
            )
            raise InputTypeError(msg)
    return given


def warc_urls(paths: WarcPaths) -> dict[str, int]:
    """The URLs that WARC/ARC files hold captures of, and how many captures each has.

    Counts ``response`` and ``revisit`` records (and ARC records) of ``http`` and ``https``
    URLs, keyed by :func:`url_key`, in the order first met. Use it to find the ``url=``
    to give :func:`revisions_from_warc`. Broken records are not counted;
    :func:`revisions_from_warc` reports them.

    Args:
        paths: One file or several, plain or gzip-compressed.

    Returns:
        A dict from URL to number of captures.

    Raises:
        MissingExtraError: If warcio is not installed.
        ReadError: If a file is missing, empty or not a WARC or ARC file.
        InputError: If ``paths`` is empty.
        InputTypeError: If ``paths`` is not a path or a list of paths (``bytes`` included).

    Example:
        >>> import io, pathlib, tempfile
        >>> from warcio.warcwriter import WARCWriter
        >>> from warcio.statusandheaders import StatusAndHeaders
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "crawl.warc.gz"
        >>> with path.open("wb") as out:
        ...     writer = WARCWriter(out, gzip=True)
        ...     for url in ["https://example.org/a", "https://example.org/a",
        ...                 "https://Example.org/b#top"]:
        ...         head = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")],
        ...                                 protocol="HTTP/1.1")
        ...         writer.write_record(writer.create_warc_record(
        ...             url, "response", payload=io.BytesIO(b"Hello."), length=6,
        ...             http_headers=head))
        >>> warc_urls(path)
        {'https://example.org/a': 2, 'https://example.org/b': 1}

    .. versionadded:: 0.1
    """
    reading = _Reading(want=None)
    for path in _paths(paths):
        _read_file(path, reading)
    return dict(reading.urls)


def revisions_from_warc(paths: WarcPaths, *, url: str) -> Harvest:
    """Read every capture of ``url`` in WARC/ARC files as revisions, oldest first.

    See the module documentation for which records count, how revisits and identical
    captures are treated, what a revision holds and how broken records are skipped.

    Args:
        paths: One file or several (a crawl spans many), plain or gzip-compressed; ARC
            files too.
        url: The page's URL; matched after :func:`url_key`.

    Returns:
        The revisions, oldest first, and a note for every capture or record skipped and
        every doubt about one kept. With no capture of ``url``, no revisions and a note
        naming the nearest URLs the files do hold.

    Raises:
        MissingExtraError: If warcio is not installed, or a capture is HTML and
            trafilatura (extra ``[html]``) is not.
        ReadError: If a file is missing, empty or not a WARC or ARC file.
        InputError: If ``paths`` or ``url`` is empty.
        InputTypeError: If ``paths`` is not a path or a list of paths (``bytes`` included),
            or ``url`` is not a ``str``.

    Example:
        >>> import io, pathlib, tempfile
        >>> from warcio.warcwriter import WARCWriter
        >>> from warcio.statusandheaders import StatusAndHeaders
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "crawl.warc"
        >>> with path.open("wb") as out:
        ...     writer = WARCWriter(out, gzip=False)
        ...     for date, body in [("2024-03-01T12:00:00Z", b"Troops advanced."),
        ...                        ("2024-03-01T18:00:00Z", b"Troops advanced."),
        ...                        ("2024-03-02T09:30:00Z", b"Troops withdrew.")]:
        ...         head = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")],
        ...                                 protocol="HTTP/1.1")
        ...         writer.write_record(writer.create_warc_record(
        ...             "https://example.org/statement", "response",
        ...             payload=io.BytesIO(body), length=len(body), http_headers=head,
        ...             warc_headers_dict={"WARC-Date": date}))
        >>> harvest = revisions_from_warc(path, url="https://example.org/statement")
        >>> [(rev.label, rev.text) for rev in harvest.revisions]
        [('2024-03-01 12:00:00Z', 'Troops advanced.'), ('2024-03-02 09:30:00Z', 'Troops withdrew.')]
        >>> print(harvest.notes[0].message)
        same body as revision '2024-03-01 12:00:00Z': still unchanged at 2024-03-01 18:00:00Z

    .. versionadded:: 0.1
    """
    if not isinstance(url, str):
        msg = f"url must be a str such as 'https://example.org/page', got {type(url).__name__}"
        raise InputTypeError(msg)
    if not url.strip():
        msg = "url is empty; give the page's URL, such as 'https://example.org/page'"
        raise InputError(msg)
    reading = _Reading(want=url_key(url))
    for path in _paths(paths):
        _read_file(path, reading)
    revisions = _build(reading)
    if not revisions and not reading.captures:
        broken = sum(note.skipped for note in reading.notes)
        reading.notes.append(_no_capture_note(url, reading.urls, broken))
    return Harvest(revisions, reading.notes)


def _no_capture_note(url: str, urls: collections.Counter[str], broken: int) -> HarvestNote:
    # Never the URL asked for among the others: its records, if any, were all broken.
    others = [other for other in urls if other != url_key(url)]
    if not others:
        message = f"no response record of {url}; the files hold no http(s) captures at all"
    else:
        near = difflib.get_close_matches(url_key(url), others, n=_CLOSE_MATCHES, cutoff=0.6)
        hint = f"; nearest: {', '.join(near)}" if near else ""
        message = (
            f"no response record of {url}; the files hold captures of "
            f"{len(others)} other URL{'s' if len(others) != 1 else ''}{hint}"
        )
    if broken:
        message += (
            f" ({broken} record{'s' if broken != 1 else ''} could not be read: see the notes above)"
        )
    return HarvestNote(url, message, skipped=False)


# --- reading records -------------------------------------------------------------------


def _open_map(path: str | PathLike[str]) -> tuple[IO[bytes], mmap.mmap]:
    name = str(path)
    try:
        fh = Path(path).open("rb")  # noqa: SIM115 - closed by the caller
    except FileNotFoundError:
        raise ReadError(f"{name}: no such file; check the path", source=name) from None
    except ValueError:  # pathlib's "embedded null byte"
        msg = f"{name!r}: is not a usable path (it contains a NUL character); check the path"
        raise ReadError(msg, source=name) from None
    except IsADirectoryError:
        msg = f"{name}: is a directory; give a WARC or ARC file"
        raise ReadError(msg, source=name) from None
    except OSError as exc:
        raise ReadError(f"{name}: cannot read it ({exc.strerror or exc})", source=name) from None
    try:
        view = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except ValueError:
        fh.close()
        msg = f"{name}: is empty; give a WARC or ARC file"
        raise ReadError(msg, source=name) from None
    except OSError as exc:
        fh.close()
        raise ReadError(f"{name}: cannot read it ({exc.strerror or exc})", source=name) from None
    return fh, view


def _starts_record(view: mmap.mmap, position: int, *, gzipped: bool) -> bool:
    """Whether a record starts at ``position``.

    In a gzip file: a gzip member that inflates to a record's first line. In a plain
    file: a WARC version line or an ARC header line, after any blank lines.
    """
    if not gzipped:
        head = view[position : position + _PEEK].lstrip(b"\r\n")
        return _RECORD_START.match(head) is not None or head.startswith(b"filedesc://")
    if view[position : position + len(_GZIP_MAGIC)] != _GZIP_MAGIC:
        return False
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        # A whole first line: an ARC header line holds the URL, often more than 64 bytes.
        head = inflater.decompress(view[position : position + _PEEK], _PEEK)
    except zlib.error:
        return False
    return _RECORD_START.match(head) is not None or head.startswith(b"filedesc://")


class _OneStreamGzipError(Exception):
    """The gzip file is one stream (or several), not one member per record."""


def _member_inflated(records: Any) -> bool:  # noqa: ANN401 - warcio's ArchiveIterator
    """Whether warcio itself inflated the record's gzip member to its end.

    Then the member is sound and warcio's offset is where it ends (the check below would
    only inflate it again, the main cost of reading a clean file). warcio reads a member
    whose first bytes do not inflate as raw bytes, with no decompressor, and stops at a
    damaged later block short of the end: both go to :func:`_check_member_end`.
    """
    reader = getattr(records, "reader", None)
    decompressor = getattr(reader, "decompressor", None)
    empty = getattr(reader, "empty", None)
    # warcio inflates a block at a time, so its member may have ended in the buffer with a
    # later record of the same member still to read (a file of one gzip stream). Should
    # warcio's internals change, these are missing and every member is checked.
    return (
        bool(getattr(decompressor, "eof", False))
        and callable(empty)
        and bool(empty())
        and not getattr(records, "next_line", None)
    )


def _inflate_until(inflater: Any, view: mmap.mmap, position: int, stop: int) -> int:  # noqa: ANN401 - zlib's Decompress
    """Feed ``view[position:stop]`` to ``inflater`` until its stream ends; where feeding stopped.

    Raises:
        zlib.error: If the data does not inflate.
    """
    while position < stop and not inflater.eof:
        data = view[position : min(position + _INFLATE_STEP, stop)]
        position += len(data)
        # max_length bounds the memory a highly compressed payload takes here.
        while data and not inflater.eof:
            inflater.decompress(data, _INFLATE_STEP)
            data = inflater.unconsumed_tail
    return position


def _check_member_end(view: mmap.mmap, start: int, end: int) -> None:
    """Raise unless the record warcio read from ``start`` to ``end`` is one whole gzip member.

    warcio reads a gzip member whose deflate data is damaged as uncompressed bytes, which
    can parse as a record long enough to swallow the good records after it. Inflating the
    member at ``start`` tells where it really ends. Looking for gzip headers between
    ``start`` and ``end`` instead would be fooled by a payload that is itself a gzip file
    (a crawl that archived a ``.warc.gz``): deflate stores incompressible data verbatim, so
    that file's members, records and all, show through the compressed bytes.

    Raises:
        _OneStreamGzipError: If the member holds more records than this one.
        ValueError: If the record is not its member, in words for the note.
    """
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        position = _inflate_until(inflater, view, start, end)
    except zlib.error as exc:
        msg = f"its gzip member is damaged ({exc}); warcio read it as uncompressed bytes"
        raise ValueError(msg) from None
    if inflater.eof:
        member_end = position - len(inflater.unused_data)
        if member_end != end:
            msg = f"it runs on past the end of its gzip member, at offset {member_end}"
            raise ValueError(msg)
        return
    # The member goes on past this record. If it inflates cleanly to its end, it holds more
    # records than this one: the file is one gzip stream, or several joined (cat a.warc.gz
    # b.warc.gz), to be read whole. Otherwise warcio read bytes uncompressed that happen to
    # inflate so far, and a record starting inside them would be one this record swallowed.
    try:
        _inflate_until(inflater, view, position, len(view))
    except zlib.error:
        pass
    else:
        if inflater.eof:
            raise _OneStreamGzipError
    position = start
    while (position := view.find(_GZIP_MAGIC, position + 1, end)) != -1:
        if _starts_record(view, position, gzipped=True):
            msg = f"it runs on over the record that starts at offset {position}"
            raise ValueError(msg)


def _next_start(view: mmap.mmap, after: int, *, gzipped: bool) -> int | None:
    """Where the next record can start after offset ``after``, or ``None``."""
    if not gzipped:
        match = _PLAIN_RESYNC.search(view, after + 1)
        return None if match is None else int(match.start())
    position = after
    while (position := view.find(_GZIP_MAGIC, position + 1)) != -1:
        if _starts_record(view, position, gzipped=True):
            return position
    return None


class _Inflated:
    """A gzip file of one stream (or a few), inflated as it is read, for warcio to parse.

    ``gzip.open`` raises at the first read that meets a cut or damaged stream, which threw
    away the good records that came before it (a download cut short is the usual case).
    This reader instead ends where the data stops making sense and says why in
    :attr:`problem`, so every record before that point is read.
    """

    def __init__(self, view: mmap.mmap) -> None:
        self._view = view
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._position = 0  # how much of the compressed file has been fed in
        self._tail = b""  # compressed bytes fed in but not yet inflated (max_length)
        self._pending = b""  # inflated bytes not yet read
        self._out = 0  # how many inflated bytes have been read
        self._done = False
        self.problem: str | None = None

    def tell(self) -> int:
        return self._out

    def seek(self, position: int) -> int:
        if position != self._out:
            msg = "a gzip stream is read in order"
            raise OSError(msg)
        return position

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._pending) < size):
            self._fill()
        cut = len(self._pending) if size < 0 else size
        data, self._pending = self._pending[:cut], self._pending[cut:]
        self._out += len(data)
        return data

    def _fill(self) -> None:
        if self._inflater.eof:
            self._next_member()
            return
        data = self._tail
        if not data:
            data = self._view[self._position : self._position + _INFLATE_STEP]
            self._position += len(data)
        if not data:
            self._done = True
            self.problem = (
                f"its gzip stream is cut short: the file ends at offset {self._position} "
                "before the stream does (an interrupted download or copy?)"
            )
            return
        saved = self._inflater.copy()
        try:
            self._pending += self._inflater.decompress(data, _INFLATE_STEP)
        except zlib.error as exc:
            # zlib keeps nothing of a call that fails: find the longest part of these bytes
            # that inflates (a failing prefix only fails longer), to keep what came before
            # the damage, byte for byte.
            good, bad = 0, len(data)
            while bad - good > 1:
                middle = (good + bad) // 2
                try:
                    saved.copy().decompress(data[:middle])
                except zlib.error:
                    bad = middle
                else:
                    good = middle
            self._pending += saved.decompress(data[:good])
            self._done = True
            at = self._position - len(data) + good
            self.problem = f"its gzip stream is damaged at offset {at} ({exc})"
            return
        self._tail = self._inflater.unconsumed_tail

    def _next_member(self) -> None:
        """After a stream ends: the next one, if another follows (``cat a.gz b.gz``)."""
        start = self._position - len(self._inflater.unused_data)
        rest = self._view[start : start + len(_GZIP_MAGIC)]
        if rest == _GZIP_MAGIC:
            self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            self._position, self._tail = start, b""
            return
        self._done = True
        if self._view[start:].strip(b"\x00\r\n\t "):
            self.problem = (
                f"it holds {len(self._view) - start} bytes after the end of its gzip data, "
                f"at offset {start}, which are not gzip"
            )


def _read_file(path: str | PathLike[str], reading: _Reading) -> None:
    name = str(path)
    fh, view = _open_map(path)
    with fh, view:
        gzipped = view[:3] == _GZIP_MAGIC
        first = view[: _PEEK * 4]
        if gzipped:
            try:
                first = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(first, 256)
            except zlib.error:
                first = b""
        starts = _RECORD_START.match(first.lstrip(b"\r\n")) or first.startswith(b"filedesc://")
        # A file whose first record is broken is still an archive if a record follows.
        if not starts and _next_start(view, 0, gzipped=gzipped) is None:
            gzipped = not gzipped  # a gzip file's first member may be the broken part
        if not starts and _next_start(view, 0, gzipped=gzipped) is None:
            shown = first[:40].decode("latin-1").split("\n")[0]
            msg = (
                f"{name}: is not a WARC or ARC file (it starts {shown!r}); "
                "give a .warc, .warc.gz, .arc or .arc.gz file"
            )
            raise ReadError(msg, source=name)
        # A gzip file of one member is read as one stream from the start: warcio gives up on
        # a stream damaged in its first block, losing the records before the damage.
        if gzipped and starts and _next_start(view, 0, gzipped=True) is None:
            _read_whole(view, name, reading)
            return
        mark = (len(reading.captures), len(reading.notes), reading.urls.copy())
        try:
            _read_records(fh, view, name, reading, gzipped=gzipped)
        except _OneStreamGzipError:
            del reading.captures[mark[0] :], reading.notes[mark[1] :]
            reading.urls = mark[2]
            _read_whole(view, name, reading)


def _read_whole(view: mmap.mmap, name: str, reading: _Reading) -> None:
    """Read a gzip file as one stream (or several joined), in order, up to any damage."""
    mark = len(reading.notes)
    whole = _Inflated(view)
    if _read_records(cast("IO[bytes]", whole), None, name, reading, gzipped=False) > 1:
        reading.notes.insert(
            mark,
            HarvestNote(
                name,
                "holds several records in one gzip stream, not one gzip member per "
                "record as WARC tools write; read it whole, so offsets are into the "
                "uncompressed data and a broken record ends the file",
                skipped=False,
            ),
        )
    if whole.problem is not None:
        reading.notes.append(
            HarvestNote(
                name,
                f"{whole.problem}; the records before that point were read, and "
                "whatever came after it is lost",
                skipped=True,
            )
        )


def _next_record(
    records: Any,  # noqa: ANN401 - warcio's ArchiveIterator; warcio is untyped
    view: mmap.mmap | None,
    start: int,
    *,
    first: bool,
    gzipped: bool,
) -> Any:  # noqa: ANN401 - a warcio record
    """The record warcio reads at ``start``; ``None`` at the end of the file.

    Raises:
        _OneStreamGzipError: If the file is one gzip stream, to be read whole.
        Exception: What makes the record unreadable, in words for the note.
    """
    # Bytes that are no record (a damaged gzip header, say) can still parse as an ARC header
    # line whose length swallows the good records after it. In a gzip file this is checked
    # only where reading (re)starts: warcio's later offsets there are its own (in a file of
    # one gzip stream not even offsets into the file), and a member read past its end is
    # caught by _check_member_end.
    if (
        view is not None
        and (first or not gzipped)
        and view[start : start + _PEEK].strip(b"\r\n")
        and not _starts_record(view, start, gzipped=gzipped)
    ):
        msg = "no record starts here"
        raise ValueError(msg)
    try:
        return next(records)
    except StopIteration:
        # warcio ends quietly on a record cut short by the end of the file.
        if view is not None and view[start:].strip(b"\r\n"):
            msg = "the file ends inside this record"
            raise EOFError(msg) from None
        return None
    except Exception as exc:
        if "non-chunked gzip" not in str(exc):
            raise
        # warcio says the same of a damaged member in a file of many: only a file with no
        # second member is read whole.
        if view is None or _next_start(view, 0, gzipped=True) is None:
            raise _OneStreamGzipError from exc
        msg = "its gzip member is damaged: it runs on past its end"
        raise ValueError(msg) from exc


def _read_records(  # noqa: C901 - one loop over the records, with its resynchronisation
    fh: IO[bytes], view: mmap.mmap | None, name: str, reading: _Reading, *, gzipped: bool
) -> int:
    """Read the records of one file into ``reading``; how many there were, broken ones too."""
    archive_iterator = _import_warcio()
    number = 0
    position: int | None = 0
    while position is not None:
        fh.seek(position)
        records = archive_iterator(fh, arc2warc=True)
        resume: int | None = None
        while True:
            start = int(records.offset)
            try:
                first = start == position
                record = _next_record(records, view, start, first=first, gzipped=gzipped)
            except _OneStreamGzipError:
                raise
            except Exception as exc:  # noqa: BLE001 - whatever warcio raises, the record is broken
                number += 1
                resume = _broken(
                    reading,
                    number,
                    start,
                    exc,
                    name=name,
                    view=view,
                    gzipped=gzipped,
                    after=max(start, position),
                )
                break
            if record is None:
                break
            number += 1
            where = f"record {number} (offset {start}) of {name}"
            errors = records.err_count
            reading.counted = None
            try:
                _take(record, where, reading)
                records.read_to_end()
                _check_whole(record)
                if gzipped and view is not None and not _member_inflated(records):
                    _check_member_end(view, start, int(records.offset))
            except _OneStreamGzipError:
                raise
            except Exception as exc:  # noqa: BLE001 - a record that fails midway is broken
                _forget(reading, where)
                resume = _broken(
                    reading,
                    number,
                    start,
                    exc,
                    name=name,
                    view=view,
                    gzipped=gzipped,
                    after=max(start, position),
                )
                break
            if records.err_count != errors:
                reading.notes.append(
                    HarvestNote(
                        where,
                        "is not followed by the blank lines that end a record; its "
                        "Content-Length may be wrong, so its content was not used",
                        skipped=True,
                    )
                )
                if reading.captures and reading.captures[-1].where == where:
                    reading.captures.pop()
        position = resume
    return number


def _forget(reading: _Reading, where: str) -> None:
    """Take back what a record that broke midway added: its capture, and its count."""
    if reading.captures and reading.captures[-1].where == where:
        reading.captures.pop()
    if reading.counted is not None:  # a broken record is not a capture the files hold
        reading.urls[reading.counted] -= 1
        if not reading.urls[reading.counted]:
            del reading.urls[reading.counted]


def _broken(  # noqa: PLR0913 - the record's place and the file's state
    reading: _Reading,
    number: int,
    start: int,
    exc: Exception,
    *,
    name: str,
    view: mmap.mmap | None,
    gzipped: bool,
    after: int,
) -> int | None:
    """Note a broken record; where reading goes on, strictly after ``after``.

    ``after`` is never before where this pass over the file began: warcio's offsets inside
    a member it misread can point back, and resuming there again would never end.
    """
    resume = None if view is None else _next_start(view, after, gzipped=gzipped)
    reason = " ".join(str(exc).split()) or type(exc).__name__
    then = (
        f"reading went on at offset {resume}"
        if resume is not None
        else "no later record could be found in the file"
    )
    reading.notes.append(
        HarvestNote(
            f"record {number} (offset {start}) of {name}",
            f"cannot be read ({type(exc).__name__}: {reason}); {then}",
            skipped=True,
        )
    )
    return resume


def _take(record: Any, where: str, reading: _Reading) -> None:  # noqa: ANN401 - a warcio record
    """Note a response or revisit record's URL; keep it when it is the URL wanted."""
    kind = record.rec_type
    if kind not in {"response", "revisit"}:
        return
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI") or ""
    key = url_key(uri)
    if not key.startswith(("http://", "https://")):
        return
    reading.urls[key] += 1
    reading.counted = key
    if key != reading.want:
        return
    date = _parse_date(headers.get_header("WARC-Date"))
    if date is None:
        reading.notes.append(
            HarvestNote(
                where,
                f"has no usable WARC-Date ({headers.get_header('WARC-Date')!r}); skipped",
                skipped=True,
            )
        )
        return
    http = record.http_headers
    # warcio parses HTTP headers only for a lower-case "http:"/"https:" target URI. A
    # response record of such a URI with no Content-Type is read as warcio reads one of
    # "http:": as HTTP (its content_type is then None, which used to raise here).
    content_type = record.content_type or "application/http"
    if http is None and kind == "response" and content_type.startswith("application/http"):
        http = _http_parser()(["HTTP/1.0", "HTTP/1.1"]).parse(record.raw_stream)
    status: int | None = None
    http_headers: tuple[tuple[str, str], ...] = ()
    if http is not None:
        code = str(http.get_statuscode() or "")
        status = int(code) if code.isdigit() else None
        http_headers = tuple((str(k), str(v)) for k, v in http.headers)
    payload = record.raw_stream.read() if kind == "response" else None
    _check_whole(record)
    reading.captures.append(
        _Capture(
            where=where,
            order=len(reading.captures),
            uri=uri,
            captured_at=date,
            kind=kind,
            status=status,
            headers=http_headers,
            payload=payload,
            digest=headers.get_header("WARC-Payload-Digest"),
            record_id=headers.get_header("WARC-Record-ID"),
            refers_to=headers.get_header("WARC-Refers-To"),
            refers_to_date=headers.get_header("WARC-Refers-To-Date"),
        )
    )


def _check_whole(record: Any) -> None:  # noqa: ANN401 - a warcio record
    """Raise if the file ended inside the record (warcio ends quietly on it)."""
    short = getattr(record.raw_stream, "limit", 0)
    if short:
        msg = f"the record ends {short} bytes short of its Content-Length"
        raise EOFError(msg)


def _parse_date(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if parsed.tzinfo is None:  # WARC-Date is always UTC
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


# --- digests ---------------------------------------------------------------------------


def _digest_bytes(digest: str) -> tuple[str, bytes] | None:
    """A digest's algorithm and value bytes, whichever of base 32, 16 or 64 it is in."""
    algorithm, sep, value = digest.strip().partition(":")
    if not sep or not value:
        return None
    algorithm = algorithm.lower()
    try:
        size = hashlib.new(algorithm).digest_size
    except ValueError:
        return None
    decoders: tuple[Callable[[str], bytes], ...] = (
        lambda v: base64.b32decode(v.upper() + "=" * (-len(v) % 8)),
        lambda v: base64.b16decode(v.upper()),
        lambda v: base64.b64decode(v + "=" * (-len(v) % 4)),
        lambda v: base64.urlsafe_b64decode(v + "=" * (-len(v) % 4)),
    )
    for decode in decoders:
        try:
            raw = decode(value)
        except (binascii.Error, ValueError):
            continue
        if len(raw) == size:
            return algorithm, raw
    return None


def _sha1_base32(payload: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(payload).digest()).decode("ascii")  # noqa: S324 - WARC's digest


def _check_digest(capture: _Capture, notes: list[HarvestNote]) -> str:
    """The digest to keep for a response; a note when it is missing or does not match."""
    payload = capture.payload or b""
    if capture.digest is None:
        return _sha1_base32(payload)
    parsed = _digest_bytes(capture.digest)
    if parsed is None:
        notes.append(
            HarvestNote(
                capture.where,
                f"its WARC-Payload-Digest {capture.digest!r} is not a digest that can be "
                "checked; kept, with the SHA-1 of the payload as its digest",
                skipped=False,
            )
        )
        return _sha1_base32(payload)
    algorithm, expected = parsed
    if hashlib.new(algorithm, payload).digest() != expected:
        notes.append(
            HarvestNote(
                capture.where,
                f"its payload does not match its WARC-Payload-Digest {capture.digest}; "
                "kept, but the record may be damaged",
                skipped=False,
            )
        )
    if re.fullmatch(r"[a-z][a-z0-9-]*:[A-Za-z0-9+/=_-]+", capture.digest):
        return capture.digest
    return f"{algorithm}:{base64.b32encode(expected).decode('ascii')}"


# --- decoding the HTTP body ------------------------------------------------------------


class _BodyError(Exception):
    """The HTTP body cannot be decoded; the message says why."""


def _dechunk(data: bytes) -> bytes | None:
    """The body with the chunked transfer coding undone; ``None`` if it is not chunked."""
    out = bytearray()
    position = 0
    first = True
    while True:
        end = data.find(b"\n", position)
        line = data[position : end if end != -1 else len(data)].split(b";")[0].strip()
        # Hex digits only: int(line, 16) would also take "-4" (which sent reading back
        # for ever), "+4", "0x4" and "1_0".
        if not _CHUNK_SIZE.fullmatch(line):
            if first:
                return None
            msg = f"a chunk size line {line[:20]!r} at offset {position} is not hexadecimal"
            raise _BodyError(msg)
        size = int(line, 16)
        first = False
        if end == -1:
            msg = "the chunked body ends inside a chunk size line"
            raise _BodyError(msg)
        position = end + 1
        if size == 0:
            return bytes(out)
        if position + size > len(data):
            msg = f"the chunked body is truncated (a chunk of {size} bytes runs past its end)"
            raise _BodyError(msg)
        out += data[position : position + size]
        before, position = position, position + size
        position += 2 if data[position : position + 2] == b"\r\n" else 1
        if position <= before:  # cannot happen with a size of hex digits; never loop
            msg = f"the chunked body does not advance at offset {before}"
            raise _BodyError(msg)


def _inflate(data: bytes, coding: str) -> bytes:
    if coding in {"br", "x-br"}:
        try:
            import brotli  # type: ignore[import-not-found, unused-ignore]  # noqa: PLC0415 - optional
        except ImportError:
            msg = "it is brotli-compressed (Content-Encoding: br) and brotli is not installed"
            raise _BodyError(msg) from None
        try:
            return bytes(brotli.decompress(data))
        except Exception as exc:
            msg = f"its brotli data is damaged ({exc})"
            raise _BodyError(msg) from exc
    attempts = [16 + zlib.MAX_WBITS] if coding in {"gzip", "x-gzip"} else [zlib.MAX_WBITS, -15]
    problem = ""
    for wbits in attempts:
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(data) + inflater.flush()
        except zlib.error as exc:
            problem = str(exc)
            continue
        if not inflater.eof:
            problem = "the compressed data is truncated"
            continue
        return out
    msg = f"its Content-Encoding {coding} cannot be undone ({problem})"
    raise _BodyError(msg)


def _body(capture: _Capture, payload: bytes, notes: list[HarvestNote]) -> bytes:
    """The HTTP body as a browser rendered it: chunking and Content-Encoding undone."""
    body = payload
    transfer = (capture.header("Transfer-Encoding") or "").lower()
    if "chunked" in transfer:
        dechunked = _dechunk(body)
        if dechunked is None:
            notes.append(
                HarvestNote(
                    capture.where,
                    "says Transfer-Encoding: chunked but its body is not chunked (the crawler "
                    "stored it de-chunked); read as it is",
                    skipped=False,
                )
            )
        else:
            body = dechunked
    encoding = (capture.header("Content-Encoding") or "").lower()
    codings = [c.strip() for c in encoding.split(",") if c.strip() not in {"", "identity"}]
    for coding in reversed(codings):
        if coding not in {"gzip", "x-gzip", "deflate", "br", "x-br"}:
            msg = f"its Content-Encoding {coding!r} is not one revforensics can undo"
            raise _BodyError(msg)
        body = _inflate(body, coding)
    return body


def _media_type(capture: _Capture) -> tuple[str, str | None]:
    value = capture.header("Content-Type") or ""
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return media.strip().lower(), charset


# --- from captures to revisions --------------------------------------------------------


class _Responses:
    """The responses of the URL met so far, indexed for resolving revisits.

    A revisit names its original by payload digest, ``WARC-Refers-To`` or
    ``WARC-Refers-To-Date``; the latest earlier response matching any of them is the one.
    Scanning every earlier response for every revisit made a crawl of many revisits
    quadratic (and decoded each digest again each time); these maps keep, for each key,
    the position of the latest response holding it.
    """

    def __init__(self) -> None:
        self._all: list[_Capture] = []
        self._indexed = 0  # responses before this position are in the maps
        self._by_digest: dict[tuple[str, bytes], int] = {}
        self._by_id: dict[str, int] = {}
        self._by_date: dict[dt.datetime, int] = {}

    def add(self, response: _Capture) -> None:
        self._all.append(response)

    def _index(self) -> None:
        """Index the responses added since the last revisit.

        Only when a revisit asks: most crawls of a page have none, and decoding every
        digest for nothing would be a tenth of the time spent reading.
        """
        for position in range(self._indexed, len(self._all)):
            response = self._all[position]
            parsed = _digest_bytes(response.digest) if response.digest else None
            if parsed is not None:
                self._by_digest[parsed] = position
            if response.record_id:
                self._by_id[response.record_id] = position
            self._by_date[response.captured_at] = position
        self._indexed = len(self._all)

    def resolve(self, revisit: _Capture) -> _Capture | None:
        """The response a revisit refers to, among the earlier responses of the URL."""
        self._index()
        found: list[int] = []
        parsed = _digest_bytes(revisit.digest) if revisit.digest else None
        if parsed is not None and parsed in self._by_digest:
            found.append(self._by_digest[parsed])
        if revisit.refers_to and revisit.refers_to in self._by_id:
            found.append(self._by_id[revisit.refers_to])
        when = _parse_date(revisit.refers_to_date)
        if when is not None and when in self._by_date:
            found.append(self._by_date[when])
        return self._all[max(found)] if found else None


def _label(when: dt.datetime, used: set[str]) -> str:
    base = when.strftime("%Y-%m-%d %H:%M:%SZ")
    label, n = base, 1
    while label in used:
        n += 1
        label = f"{base} ({n})"
    used.add(label)
    return label


def _build(reading: _Reading) -> list[Revision]:  # noqa: C901 - the documented steps, in order
    notes = reading.notes
    captures = sorted(reading.captures, key=lambda c: (c.captured_at, c.order))
    responses = _Responses()
    revisions: list[Revision] = []
    used: set[str] = set()
    last_body: bytes | None = None
    last_media: str | None = None
    computed = 0
    for capture in captures:
        original = capture
        if capture.kind == "revisit":
            found = responses.resolve(capture)
            if found is None:
                notes.append(
                    HarvestNote(
                        capture.where,
                        f"is a revisit of a payload ({capture.digest or capture.refers_to}) "
                        "that no earlier response record in these files holds; skipped",
                        skipped=True,
                    )
                )
                continue
            original = found
        else:
            if capture.status != 200:
                shown = (
                    "has no HTTP status line"
                    if capture.status is None
                    else f"is an HTTP {capture.status} response"
                )
                notes.append(HarvestNote(capture.where, f"{shown}, not 200 OK", skipped=True))
                continue
            responses.add(capture)
        media, charset = _media_type(original)
        if media not in _HTML_TYPES and media != "text/plain":
            shown = media or "no Content-Type"
            notes.append(
                HarvestNote(
                    capture.where,
                    f"is {shown}, not an HTML or text page revforensics can read",
                    skipped=True,
                )
            )
            continue
        try:
            body = _body(original, original.payload or b"", notes)
        except _BodyError as exc:
            notes.append(HarvestNote(capture.where, f"{exc}; skipped", skipped=True))
            continue
        digest = _check_digest(original, notes if original is capture else [])
        if body == last_body and media == last_media:
            notes.append(
                HarvestNote(
                    capture.where,
                    f"same body as revision {revisions[-1].label!r}: still unchanged at "
                    f"{capture.captured_at.strftime('%Y-%m-%d %H:%M:%SZ')}",
                    skipped=False,
                )
            )
            continue
        computed += original.digest is None
        label = _label(capture.captured_at, used)
        revision = _revision(
            capture, body, media=media, charset=charset, label=label, digest=digest, notes=notes
        )
        if revision is None:
            used.discard(label)
            continue
        if capture.kind == "revisit":
            notes.append(
                HarvestNote(
                    capture.where,
                    f"is a revisit: the body recorded at {original.where} came back",
                    skipped=False,
                )
            )
        revisions.append(revision)
        last_body, last_media = body, media
    if computed:
        notes.append(
            HarvestNote(
                "digests",
                f"{computed} revision{'s' if computed != 1 else ''} came from records with no "
                "WARC-Payload-Digest (ARC records never have one); their digest is the "
                "SHA-1 of the payload in base 32, computed by revforensics",
                skipped=False,
            )
        )
    return revisions


def _revision(  # noqa: PLR0913 - the parts of one revision
    capture: _Capture,
    body: bytes,
    *,
    media: str,
    charset: str | None,
    label: str,
    digest: str,
    notes: list[HarvestNote],
) -> Revision | None:
    try:
        if media in _HTML_TYPES:
            # Bytes that are valid UTF-8 are read as UTF-8 with confidence; anything else
            # undeclared is a statistical guess, and the reader should know (as from the
            # Wayback Machine). The guess is made once and handed on.
            decoded = decode_html(body, encoding=charset, source=capture.uri)
            if decoded.found_by == "sniff":
                charset = decoded.charset
                if decoded.charset != "utf-8":
                    message = (
                        "no charset declared in the header or the page; "
                        f"read as {decoded.charset} by a guess"
                    )
                    notes.append(HarvestNote(capture.where, message, skipped=False))
            revision = revision_from_html(
                body,
                source=capture.uri,
                captured_at=capture.captured_at,
                label=label,
                encoding=charset,
            )
            return attrs.evolve(revision, media_type=media, digest=digest)
        text = _plain_text(body, charset, capture.where, capture.uri)
    except ReadError as exc:
        # The note already says where; the error names the record for other readers.
        reason = str(exc).removeprefix(f"{capture.where}: ")
        notes.append(HarvestNote(capture.where, f"{reason}; skipped", skipped=True))
        return None
    return Revision(
        text,
        label,
        capture.captured_at,
        source=capture.uri,
        raw=body,
        media_type=media,
        digest=digest,
    )


def _plain_text(body: bytes, charset: str | None, where: str, uri: str) -> str:
    if charset is None:
        return decode_text(body, name=where, source=uri, allow_empty=True)
    codec = text_codec(charset)
    if codec is None:
        msg = f"{where}: unknown charset {charset!r} in its Content-Type"
        raise ReadError(msg, source=uri)
    try:
        return body.decode("utf-8-sig" if codec == "utf-8" else codec)
    except UnicodeDecodeError as exc:
        msg = (
            f"{where}: cannot decode it as its declared charset {charset} "
            f"(byte 0x{body[exc.start]:02x} at offset {exc.start})"
        )
        raise ReadError(msg, source=uri) from None
