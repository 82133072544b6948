"""The Wayback Machine → revisions: every distinct capture of a page, raw and cited.

Needs the optional extra ``[wayback]`` (httpx), imported only when the archive is read:
``pip install "revforensics[wayback]"``. HTML captures also need ``[html]``.

:func:`revisions_from_wayback` asks the Wayback Machine's CDX index for the captures of
a URL (HTTP 200 only, ``collapse=digest``), keeps the first of each run of captures whose
digest did not change, in time order (again on our side: the server is not trusted to),
and fetches each one *raw*, as ``/web/<timestamp>id_/<url>``: the bytes the crawler
received, never the replay page with the archive's toolbar and rewritten links. Each
revision keeps the raw bytes, the capture time and the archive URL fetched, and the CDX
digest as provenance.

Reading many captures is never all-or-nothing: a malformed CDX line, a capture that keeps
failing, a PDF, a page whose declared charset cannot decode it are skipped and reported
as :class:`~revforensics.ingest.harvest.HarvestNote` objects; the rest go on. Only a
listing that cannot be fetched at all raises :class:`~revforensics.errors.WaybackError`.

The client is polite (:class:`WaybackClient`): one request at a time, a minimum interval
between request starts, retries with capped exponential backoff on 429, 5xx and broken
transfers, honouring ``Retry-After``, and a user agent naming the library. With
``cache=`` every capture fetched is kept on disk, so an interrupted run resumes where it
stopped.
"""

from __future__ import annotations

import base64
import datetime as dt
import email.message
import email.utils
import hashlib
import json
import os
import re
import tempfile
import time
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urlencode

import attrs

from revforensics._version import __version__
from revforensics.errors import (
    InputError,
    InputTypeError,
    MissingExtraError,
    ReadError,
    WaybackError,
    WriteError,
)
from revforensics.ingest.harvest import Harvest, HarvestNote
from revforensics.ingest.html import decode_html, revision_from_html
from revforensics.ingest.text import decode_text, text_codec
from revforensics.model import Revision

if TYPE_CHECKING:
    import httpx

__all__ = ["USER_AGENT", "WaybackClient", "revisions_from_wayback"]

# Keep in step with [project.urls] in pyproject.toml (a test checks it).
_PROJECT_URL = "https://example.invalid/revforensics"
USER_AGENT = f"revforensics/{__version__} (+{_PROJECT_URL})"

_FIELDS = ("timestamp", "original", "mimetype", "statuscode", "digest", "length")
_TIMESTAMP = re.compile(r"\d{14}")
_DIGEST = re.compile(r"[A-Za-z0-9+/=_-]+")
_SAFE_NAME = re.compile(r"[A-Za-z0-9]{1,64}")
_QUERY_STAMP = re.compile(r"\d{4,14}")
_RAW_CAPTURE = re.compile(r"/web/(\d{14})id_/")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Headers worth keeping beside a cached body: what decoding needs and what cites it.
_KEPT_HEADERS = (
    "content-type",
    "content-encoding",
    "content-length",
    "date",
    "memento-datetime",
    "link",
    "x-archive-src",
)
_CACHE_FORMAT = "revforensics.wayback-capture/1"


def _check_non_negative(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
        msg = f"WaybackClient.{attribute.name} must be a number of seconds >= 0, got {value!r}"
        raise InputError(msg)


def _check_positive(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    _check_non_negative(_instance, attribute, value)
    if value == 0:
        msg = f"WaybackClient.{attribute.name} must be more than 0, got {value!r}"
        raise InputError(msg)


def _check_count(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        msg = f"WaybackClient.{attribute.name} must be a whole number >= 0, got {value!r}"
        raise InputError(msg)


def _check_endpoint(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
        msg = (
            f"WaybackClient.endpoint must be an http(s) URL such as "
            f"'https://web.archive.org', got {value!r}"
        )
        raise InputError(msg)


def _strip_slash(value: object) -> object:
    return value.rstrip("/") if isinstance(value, str) else value


@attrs.frozen(kw_only=True)
class WaybackClient:
    """How to talk to the Wayback Machine: where, how fast, and how patiently.

    The defaults are meant for the real service; tests pass a ``transport`` (an httpx
    transport such as ``httpx.MockTransport``) and a fake ``sleep`` and ``clock``.

    Attributes:
        endpoint: The archive's base URL; the CDX API is ``{endpoint}/cdx/search/cdx``
            and raw captures ``{endpoint}/web/{timestamp}id_/{url}``.
        user_agent: Sent with every request, so the archive can tell who is asking.
        min_interval: Seconds between the starts of two capture requests.
        cdx_interval: Seconds between the start of the previous request and a request
            to the CDX API, which the archive limits more strictly.
        retries: How many times a request is retried after a 429, a 5xx, a connection
            error, a time-out, a truncated body or a body that cannot be un-gzipped.
            Other statuses (a 404, a 403) are never retried; a 200 is final.
        backoff: The first wait before a retry, in seconds; it doubles with each retry.
        max_backoff: The longest single wait. A ``Retry-After`` asking for longer ends
            the retries: the polite answer to "come back in an hour" is to stop. For a
            capture it ends the run: no more captures are asked for, those left are read
            from the cache or named in one note, and a later run with the same cache
            resumes.
        timeout: Seconds to wait for the server at each step of a request.
        page_size: CDX rows asked for per page; later pages follow the resume key.
        transport: An ``httpx.BaseTransport`` to send requests through, or ``None``.
        sleep: Called with the seconds to wait (``time.sleep`` by default).
        clock: A monotonic clock in seconds (``time.monotonic`` by default).

    Example:
        >>> WaybackClient().user_agent.startswith("revforensics/")
        True
        >>> WaybackClient(min_interval=-1)
        Traceback (most recent call last):
        ...
        revforensics.errors.InputError: WaybackClient.min_interval must be a number of seconds >= 0, got -1

    .. versionadded:: 0.1
    """  # noqa: E501 - a doctest output line cannot be wrapped

    endpoint: str = attrs.field(
        default="https://web.archive.org", converter=_strip_slash, validator=_check_endpoint
    )
    user_agent: str = USER_AGENT
    min_interval: float = attrs.field(default=1.0, validator=_check_non_negative)
    cdx_interval: float = attrs.field(default=2.5, validator=_check_non_negative)
    retries: int = attrs.field(default=5, validator=_check_count)
    backoff: float = attrs.field(default=2.0, validator=_check_non_negative)
    max_backoff: float = attrs.field(default=120.0, validator=_check_non_negative)
    timeout: float = attrs.field(default=30.0, validator=_check_positive)
    page_size: int = attrs.field(default=1000, validator=_check_count)
    transport: object = attrs.field(default=None, repr=False)
    sleep: Callable[[float], None] = attrs.field(default=time.sleep, repr=False)
    clock: Callable[[], float] = attrs.field(default=time.monotonic, repr=False)


class _GaveUpError(Exception):
    """A request still failed after every retry (internal; never leaves this module)."""

    def __init__(
        self, failure: str, status: int | None, attempts: int, cause: Exception | None
    ) -> None:
        super().__init__(failure)
        self.failure = failure
        self.status = status
        self.attempts = attempts
        self.cause = cause  # the transport error, chained onto the public error


class _AskedToWaitError(_GaveUpError):
    """The archive asked to wait longer than ``max_backoff`` (``Retry-After``): stop asking."""

    def __init__(
        self,
        failure: str,
        status: int | None,
        attempts: int,
        cause: Exception | None,
        *,
        wait: float,
    ) -> None:
        super().__init__(failure, status, attempts, cause)
        self.wait = wait


class _RefusedError(Exception):
    """A request that asking again cannot help: a redirect loop, a URL httpx refuses."""

    def __init__(self, failure: str, cause: Exception) -> None:
        super().__init__(failure)
        self.failure = failure
        self.cause = cause


def _describe(exc: Exception) -> str:
    import httpx  # noqa: PLC0415 - the extra is imported lazily

    kinds = (
        (httpx.RemoteProtocolError, "the connection broke off (a truncated body?)"),
        (httpx.DecodingError, "its Content-Encoding could not be undone (broken gzip?)"),
        (httpx.TimeoutException, "it timed out"),
        (httpx.ConnectError, "could not connect"),
        (httpx.TooManyRedirects, "the archive redirected it too many times (a redirect loop?)"),
        (httpx.InvalidURL, "its URL cannot be requested"),
    )
    kind = next((text for cls, text in kinds if isinstance(exc, cls)), "transfer failed")
    return f"{kind}: {type(exc).__name__}: {exc}"


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds the server asks us to wait: ``Retry-After`` as seconds or an HTTP date."""
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    # Measure against the server's own clock when it sent one, so skew does not matter.
    try:
        now = email.utils.parsedate_to_datetime(response.headers.get("date", ""))
    except (TypeError, ValueError, IndexError):
        now = dt.datetime.now(dt.UTC)
    if when.tzinfo is None or now.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())


class _Session:
    """One httpx client, the politeness settings and when the last request started."""

    def __init__(self, settings: WaybackClient) -> None:
        try:
            import httpx  # noqa: PLC0415 - optional extra, imported lazily
        except ImportError as exc:
            raise MissingExtraError("Reading the Wayback Machine", extra="wayback") from exc
        transport = settings.transport
        if transport is not None and not isinstance(transport, httpx.BaseTransport):
            msg = (
                f"WaybackClient.transport must be an httpx transport, such as "
                f"httpx.MockTransport(handler), got {type(transport).__name__}"
            )
            raise InputTypeError(msg)
        self.settings = settings
        self._http = httpx.Client(
            headers={"User-Agent": settings.user_agent},
            timeout=settings.timeout,
            follow_redirects=True,
            transport=transport,
        )
        self._last_start: float | None = None

    def close(self) -> None:
        self._http.close()

    def _throttle(self, interval: float) -> None:
        now = self.settings.clock()
        if self._last_start is not None and self._last_start + interval > now:
            self.settings.sleep(self._last_start + interval - now)
            now = self.settings.clock()
        self._last_start = now

    def get(self, url: str, *, interval: float) -> httpx.Response:
        """GET ``url``, retrying what is worth retrying.

        Raises:
            _AskedToWaitError: If the archive asks to wait longer than ``max_backoff``.
            _GaveUpError: If it still fails after the retries.
            _RefusedError: If it failed in a way that asking again cannot help.
        """
        import httpx  # noqa: PLC0415 - optional extra, imported lazily

        settings = self.settings
        attempt = 0
        while True:
            self._throttle(interval)
            retry_after, cause = None, None
            try:
                response = self._http.get(url)
            except (httpx.TransportError, httpx.DecodingError) as exc:
                failure, status, cause = _describe(exc), None, exc
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                # A redirect loop, or a URL (from a CDX row) that httpx refuses to send:
                # asking again gives the same answer, so it is not retried.
                raise _RefusedError(_describe(exc), exc) from exc
            else:
                if response.status_code != 429 and response.status_code < 500:
                    return response
                failure, status = f"HTTP {response.status_code}", response.status_code
                retry_after = _retry_after(response)
            attempt += 1
            if attempt > settings.retries:
                raise _GaveUpError(failure, status, attempt, cause)
            backoff = min(settings.backoff * 2 ** (attempt - 1), settings.max_backoff)
            delay = max(backoff, retry_after or 0.0)
            if delay > settings.max_backoff:
                failure += f", and it asked to wait {delay:g} s (Retry-After)"
                raise _AskedToWaitError(failure, status, attempt, cause, wait=delay)
            settings.sleep(delay)


# --- the CDX listing ---------------------------------------------------------------------


class _Capture(NamedTuple):
    """One CDX row that passed the checks."""

    timestamp: str
    original: str
    mimetype: str
    digest: str
    captured_at: dt.datetime


_ISO_DAY = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


# The fields of a CDX timestamp after the year: name, start, highest value.
_STAMP_FIELDS = (
    ("the month", 4, 12),
    ("the day", 6, 31),
    ("the hour", 8, 23),
    ("the minute", 10, 59),
    ("the second", 12, 59),
)


def _impossible(stamp: str) -> str | None:
    """Why a timestamp prefix of digits can name no moment (``"20241345"``), or ``None``.

    The CDX server takes any digits and answers for a period that is not there, so a typo
    would read as "no capture". A field cut in half (``"20241"``) is checked as far as it
    goes: its first digit must start some value in range.
    """
    for what, start, highest in _STAMP_FIELDS:
        digits = stamp[start : start + 2]
        if not digits:
            break
        lowest = 1 if start < 8 else 0  # months and days count from 1
        if len(digits) == 1:
            if int(digits) > highest // 10:
                return f"{what} cannot start with {digits}"
        elif not lowest <= int(digits) <= highest:
            return f"{what} {digits} is not {lowest:02d} to {highest}"
    if len(stamp) >= 8:
        try:
            dt.date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]))
        except ValueError:
            return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]} is not a day of the calendar"
    return None


def _stamp(value: object, name: str) -> str | None:
    """A ``since``/``until`` bound as a CDX timestamp prefix."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            msg = (
                f"{name} must be timezone-aware, got naive {value.isoformat()}; "
                f"add tzinfo, e.g. datetime(..., tzinfo=datetime.UTC)"
            )
            raise InputError(msg)
        return value.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S")
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d")
    if isinstance(value, str):
        given = value
        if _ISO_DAY.fullmatch(value):
            value = value.replace("-", "")  # 2024-08-01, as people write dates
        if not _QUERY_STAMP.fullmatch(value):
            msg = (
                f"{name} must be a date (2024-03-01) or a CDX timestamp of 4 to 14 digits "
                f"(YYYY[MM[DD[hh[mm[ss]]]]]), "
                f"got {value!r}; e.g. '2024', '20240301' or '20240301120000'"
            )
            raise InputError(msg)
        problem = _impossible(value)
        if problem is not None:
            msg = (
                f"{name}={given!r} is not a date: {problem}; give a real one, "
                "e.g. '2024-03-01' or '20240301120000'"
            )
            raise InputError(msg)
        return value
    msg = f"{name} must be a date, an aware datetime or a string such as '20240301', got {type(value).__name__}"  # noqa: E501
    raise InputTypeError(msg)


def _cdx_url(settings: WaybackClient, url: str, since: str | None, until: str | None) -> str:
    params = {
        "url": url,
        "output": "json",
        "fl": ",".join(_FIELDS),
        "filter": "statuscode:200",
        "collapse": "digest",
        "showResumeKey": "true",
        "limit": str(settings.page_size),
    }
    if since is not None:
        params["from"] = since
    if until is not None:
        params["to"] = until
    return f"{settings.endpoint}/cdx/search/cdx?{urlencode(params)}"


class _Unparsable(NamedTuple):
    reason: str


def _json_rows(body: bytes) -> list[tuple[int, object]]:
    """The rows of a CDX JSON answer with their line numbers, bad lines as ``_Unparsable``.

    The Wayback Machine writes one row per line, so when the document as a whole does not
    parse (one bad row, bad bytes), each line is parsed on its own and only the bad ones
    are lost.
    """
    try:
        document = json.loads(body)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError both are
        document = None
    if isinstance(document, list):
        return [(number, row) for number, row in enumerate(document, 1)]
    rows: list[tuple[int, object]] = []
    for number, line in enumerate(body.split(b"\n"), 1):
        text = line.strip()
        if text.startswith(b"[[") or (number == 1 and text.startswith(b"[")):
            text = text[1:]
        text = text.removesuffix(b",")
        if text.endswith(b"]]"):
            text = text[:-1]
        if not text or text == b"]":
            continue
        try:
            rows.append((number, json.loads(text)))
        except ValueError as exc:
            rows.append((number, _Unparsable(f"it is not JSON ({exc})")))
    return rows


def _row_capture(row: object, header: Mapping[str, int]) -> _Capture | str:  # noqa: PLR0911 - one per fault
    """A data row as a capture, or the reason it cannot be one."""
    if not isinstance(row, list) or not all(isinstance(field, str) for field in row):
        return f"it is not a list of strings: {str(row)[:80]!r}"
    if len(row) != len(header):
        return f"it has {len(row)} fields, not {len(header)}: {str(row)[:80]!r}"
    field = {name: row[index] for name, index in header.items()}
    stamp = field["timestamp"]
    try:
        if not _TIMESTAMP.fullmatch(stamp):
            raise ValueError(stamp)  # noqa: TRY301 - one message for both failures
        captured_at = dt.datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
    except ValueError:
        return f"its timestamp {stamp!r} is not a 14-digit date and time"
    if field["statuscode"] != "200":
        return f"its status is {field['statuscode']!r}, not 200"
    if not _DIGEST.fullmatch(field["digest"]):
        return f"its digest {field['digest']!r} is not a base-32 SHA-1"
    if not field["original"]:
        return "it has no URL"
    return _Capture(stamp, field["original"], field["mimetype"], field["digest"], captured_at)


class _Page(NamedTuple):
    captures: list[_Capture]
    resume_key: str | None
    notes: list[HarvestNote]


def _parse_cdx(body: bytes, page: int, source: str) -> _Page:
    captures: list[_Capture] = []
    notes: list[HarvestNote] = []
    header: dict[str, int] | None = None
    resume_key: str | None = None
    after_blank = False
    for number, row in _json_rows(body):
        where = f"CDX line {number}" if page == 1 else f"CDX page {page} line {number}"
        if isinstance(row, _Unparsable):
            notes.append(HarvestNote(where, f"skipped: {row.reason}", skipped=True))
            continue
        if header is None:
            if not isinstance(row, list) or not set(_FIELDS) <= set(row):
                msg = (
                    f"{source}: the CDX answer does not start with a header row naming "
                    f"{', '.join(_FIELDS)} (got {str(row)[:80]!r}); is the endpoint a CDX server?"
                )
                raise WaybackError(msg, source=source, status=200)
            header = {name: index for index, name in enumerate(row)}
        elif row == []:
            after_blank = True  # the resume key, if any, comes next
        elif after_blank and isinstance(row, list) and len(row) == 1 and isinstance(row[0], str):
            resume_key = row[0]
        else:
            capture = _row_capture(row, header)
            if isinstance(capture, str):
                notes.append(HarvestNote(where, f"skipped: {capture}", skipped=True))
            else:
                captures.append(capture)
    if header is None and notes:
        msg = (
            f"{source}: the CDX answer is not JSON (it starts {body[:60]!r}); "
            "is the endpoint a CDX server? Try again later"
        )
        raise WaybackError(msg, source=source, status=200)
    return _Page(captures, resume_key, notes)


def _collapse(captures: list[_Capture]) -> list[_Capture]:
    """The captures in time order, each run of one digest kept as its first capture.

    The server collapses runs of one digest; this checks, and collapses across pages. It
    sorts first (stable, so equal timestamps keep the server's order): collapsing rows
    that come out of order would keep a later capture of a version and drop its first.
    """
    kept: list[_Capture] = []
    for capture in sorted(captures, key=lambda c: c.timestamp):
        if not kept or kept[-1].digest != capture.digest:
            kept.append(capture)
    return kept


def _list_captures(
    session: _Session, url: str, since: str | None, until: str | None
) -> tuple[list[_Capture], list[HarvestNote]]:
    """Every capture of ``url``, runs of equal digests collapsed, and the notes on bad rows."""
    base = _cdx_url(session.settings, url, since, until)
    captures: list[_Capture] = []
    notes: list[HarvestNote] = []
    seen_keys: set[str] = set()
    query, page = base, 1
    while True:
        try:
            response = session.get(query, interval=session.settings.cdx_interval)
        except _GaveUpError as exc:
            msg = (
                f"{query}: the Wayback Machine's CDX index could not be read after "
                f"{exc.attempts} attempts ({exc.failure}); try again later, "
                "or allow more with WaybackClient(retries=..., max_backoff=...)"
            )
            raise WaybackError(msg, source=query, status=exc.status) from exc.cause
        except _RefusedError as exc:
            msg = (
                f"{query}: the Wayback Machine's CDX index could not be read ({exc.failure}); "
                "check the URL and WaybackClient.endpoint"
            )
            raise WaybackError(msg, source=query) from exc.cause
        if response.status_code != 200:
            msg = (
                f"{query}: the Wayback Machine's CDX index answered HTTP "
                f"{response.status_code}; check the URL, or try again later"
            )
            raise WaybackError(msg, source=query, status=response.status_code)
        parsed = _parse_cdx(response.content, page, query)
        notes.extend(parsed.notes)
        captures.extend(parsed.captures)
        key = parsed.resume_key
        if key is None:
            return _collapse(captures), notes
        if key in seen_keys:
            where = f"CDX page {page}"
            notes.append(
                HarvestNote(
                    where, f"the resume key {key!r} came back again; stopped paging", skipped=True
                )
            )
            return _collapse(captures), notes
        seen_keys.add(key)
        query, page = f"{base}&{urlencode({'resumeKey': key})}", page + 1


# --- fetching and caching captures -------------------------------------------------------


class _Fetched(NamedTuple):
    """A capture's body as received (Content-Encoding undone) and where it came from."""

    body: bytes
    url: str
    status: int
    headers: dict[str, str]


def _key(capture: _Capture) -> str:
    """The cache's file name stem for a capture: its timestamp, digest and a URL hash.

    The Wayback Machine's digests are base 32, but other CDX servers write base 64, whose
    "/" would name a folder that is not there; such a digest is hashed like the URL.
    """
    url_hash = hashlib.sha256(capture.original.encode("utf-8", "surrogatepass")).hexdigest()
    digest = capture.digest
    if not _SAFE_NAME.fullmatch(digest):
        digest = "h" + hashlib.sha256(digest.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{capture.timestamp}-{digest}-{url_hash[:12]}"


def _write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def _wrong_field(meta: object) -> str | None:
    """What is wrong with a cache entry's metadata, or ``None`` when every field has its type.

    The file may have been edited by hand or written by another tool; a field of the wrong
    type would otherwise fail far from here (a URL that is a number, a header that is null).
    """
    if not isinstance(meta, dict):
        return f"it is a JSON {type(meta).__name__}, not an object"
    for name in ("format", "original", "url", "sha256"):
        if not isinstance(meta.get(name), str):
            return f"its {name!r} is {_shown(meta.get(name))}, not a string"
    status = meta.get("status")
    if not isinstance(status, int) or isinstance(status, bool):
        return f"its 'status' is {_shown(status)}, not a number"
    headers = meta.get("headers")
    if not isinstance(headers, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in headers.items()
    ):
        return f"its 'headers' is {_shown(headers)}, not an object of strings"
    return None


class _Cache:
    """Fetched captures on disk: ``<key>.body`` and ``<key>.json`` (written last)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            msg = (
                f"{directory}: cannot create the cache folder ({exc.strerror or exc}); give another"
            )
            raise WriteError(msg, target=str(directory)) from None

    def load(self, capture: _Capture, where: str) -> tuple[_Fetched | None, HarvestNote | None]:
        """The cached capture, or ``None`` (with a note when an entry is there but bad)."""
        meta_path = self.directory / f"{_key(capture)}.json"
        if not meta_path.exists():
            return None, None
        try:
            meta = json.loads(meta_path.read_bytes())
            body = (self.directory / f"{_key(capture)}.body").read_bytes()
            wrong = _wrong_field(meta)
            if wrong is not None:
                reason = f"its metadata is not as revforensics writes it ({wrong})"
            elif hashlib.sha256(body).hexdigest() != meta["sha256"]:
                reason = "its body does not match its recorded SHA-256"
            elif meta["format"] != _CACHE_FORMAT or meta["original"] != capture.original:
                reason = "it is for another capture or format"
            else:
                fetched = _Fetched(body, meta["url"], meta["status"], dict(meta["headers"]))
                return fetched, None
        except (OSError, ValueError) as exc:
            reason = f"it cannot be read ({type(exc).__name__}: {exc})"
        note = f"cache entry {meta_path.name} not used: {reason}; fetched again"
        return None, HarvestNote(where, note, skipped=False)

    def store(self, capture: _Capture, fetched: _Fetched) -> None:
        key = _key(capture)
        meta = {
            "format": _CACHE_FORMAT,
            "timestamp": capture.timestamp,
            "digest": capture.digest,
            "original": capture.original,
            "url": fetched.url,
            "status": fetched.status,
            "headers": fetched.headers,
            "sha256": hashlib.sha256(fetched.body).hexdigest(),
        }
        try:
            _write_atomic(self.directory / f"{key}.body", fetched.body)
            _write_atomic(
                self.directory / f"{key}.json",
                json.dumps(meta, indent=1, sort_keys=True).encode("utf-8"),
            )
        except OSError as exc:
            msg = f"{self.directory}: cannot write to the cache ({exc.strerror or exc}); free space or give another folder"  # noqa: E501
            raise WriteError(msg, target=str(self.directory)) from None


class _EncodingError(Exception):
    """A Content-Encoding httpx left in place that cannot be undone here either."""


def _undo_encoding(body: bytes, header: str) -> bytes:
    """The body with the codings httpx does not know undone, or ``_EncodingError``.

    httpx undoes gzip and deflate (br and zstd when their packages are installed) and
    silently passes any other coding through, so a page sent with ``x-gzip`` (the old
    name of gzip, which HTTP/1.1 says to treat as gzip), ``br`` without brotli, or
    ``compress`` would be read as compressed bytes: mojibake or a false "no charset".
    """
    try:  # what httpx undid: its own table, which grows with br and zstd when installed
        from httpx._decoders import SUPPORTED_DECODERS  # noqa: PLC0415 - lazy, as httpx is
    except ImportError:  # pragma: no cover - a later httpx that moved it
        known: Collection[str] = ("identity", "gzip", "deflate")
    else:
        known = SUPPORTED_DECODERS.keys()
    codings = [c.strip().lower() for c in header.split(",")]
    codings = [c for c in codings if c and c != "identity"]
    left = [c for c in codings if c not in known]
    if not left:
        return body
    if any(c != "x-gzip" for c in left) or len(left) != len(codings):
        # httpx undid the codings it knows out of order around the ones it does not.
        hint = ", as brotli is not installed" if "br" in left else ""
        msg = f"its Content-Encoding {', '.join(codings)} could not be undone{hint}"
        raise _EncodingError(msg)
    for _ in left:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            body = inflater.decompress(body) + inflater.flush()
        except zlib.error as exc:
            msg = f"its Content-Encoding x-gzip could not be undone ({exc})"
            raise _EncodingError(msg) from None
        if not inflater.eof:
            msg = "its Content-Encoding x-gzip could not be undone (the gzip data is truncated)"
            raise _EncodingError(msg)
    return body


def _fetch(
    session: _Session | None, capture: _Capture, cache: _Cache | None, where: str
) -> tuple[_Fetched | None, list[HarvestNote]]:
    """The capture from the cache, else from the archive (unless ``session`` is ``None``).

    Raises:
        _AskedToWaitError: If the archive asks to wait longer than ``max_backoff``.
    """
    notes: list[HarvestNote] = []
    if cache is not None:
        cached, note = cache.load(capture, where)
        notes.extend([note] if note else [])
        if cached is not None:
            return cached, notes
    if session is None:
        return None, notes
    fetched, problem = _download(session, capture)
    if fetched is None:
        return None, [*notes, HarvestNote(where, f"skipped: {problem}", skipped=True)]
    if cache is not None:
        cache.store(capture, fetched)
    return fetched, notes


def _download(session: _Session, capture: _Capture) -> tuple[_Fetched | None, str]:
    """The raw capture from the archive, or why it could not be had.

    Raises:
        _AskedToWaitError: If the archive asks to wait longer than ``max_backoff``.
    """
    url = f"{session.settings.endpoint}/web/{capture.timestamp}id_/{capture.original}"
    try:
        response = session.get(url, interval=session.settings.min_interval)
    except _AskedToWaitError:
        raise
    except _GaveUpError as exc:
        return None, f"still failing after {exc.attempts} attempts ({exc.failure}): {url}"
    except _RefusedError as exc:
        return None, f"{exc.failure.rstrip('.')} ({url})"
    if response.status_code != 200:
        return None, f"the archive answered HTTP {response.status_code} for {url}"
    try:
        body = _undo_encoding(response.content, response.headers.get("content-encoding", ""))
    except _EncodingError as exc:
        return None, f"{exc} ({url})"
    headers = {name: response.headers[name] for name in _KEPT_HEADERS if name in response.headers}
    return _Fetched(body, str(response.url), response.status_code, headers), ""


def _content_type(header: str | None, fallback: str) -> tuple[str, str | None]:
    """The media type and charset of a ``Content-Type`` header (else the CDX mimetype)."""
    message = email.message.Message()
    message["content-type"] = header or fallback
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def _sha1_base32(body: bytes) -> str:
    return base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")  # noqa: S324 - the archive's digest


def _readable(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _revision(
    capture: _Capture, fetched: _Fetched, where: str
) -> tuple[Revision | None, list[HarvestNote]]:
    """Turn a fetched capture into a revision, or say why it is skipped."""
    moved = _RAW_CAPTURE.search(fetched.url)
    if moved is None:
        message = f"skipped: the archive redirected away from the raw capture, to {fetched.url}"
        return None, [HarvestNote(where, message, skipped=True)]
    stamp = moved.group(1)
    captured_at = dt.datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
    revision, notes = _read(fetched, capture.mimetype, captured_at, where)
    if revision is None:
        return None, notes
    doubts = []
    if stamp != capture.timestamp:
        message = f"the archive redirected to capture {stamp}; kept with that capture time"
        doubts.append(HarvestNote(where, message, skipped=False))
    if _sha1_base32(fetched.body) != capture.digest.upper():
        encoding = fetched.headers.get("content-encoding")
        why = (
            f"; it was sent with Content-Encoding {encoding}, and the archive digests "
            "the payload as stored"
            if encoding
            else ""
        )
        message = f"the body's SHA-1 is not the CDX digest {capture.digest}{why}; kept"
        doubts.append(HarvestNote(where, message, skipped=False))
    return attrs.evolve(revision, digest=f"sha1:{capture.digest}"), [*doubts, *notes]


def _read(
    fetched: _Fetched, cdx_mimetype: str, captured_at: dt.datetime, where: str
) -> tuple[Revision | None, list[HarvestNote]]:
    """Read the text of an HTML or plain-text capture; skip any other media type."""
    notes: list[HarvestNote] = []
    media_type, charset = _content_type(fetched.headers.get("content-type"), cdx_mimetype)
    label = _readable(captured_at)
    try:
        if media_type in _HTML_TYPES:
            # Bytes that are valid UTF-8 are read as UTF-8 with confidence; anything else
            # undeclared is a statistical guess, and the reader should know.
            decoded = decode_html(fetched.body, encoding=charset, source=fetched.url)
            if decoded.found_by == "sniff" and decoded.charset != "utf-8":
                message = (
                    "no charset declared in the header or the page; "
                    f"read as {decoded.charset} by a guess"
                )
                notes.append(HarvestNote(where, message, skipped=False))
            revision = revision_from_html(
                fetched.body,
                source=fetched.url,
                captured_at=captured_at,
                label=label,
                encoding=charset,
            )
            return revision, notes
        if media_type == "text/plain":
            text = _plain_text(fetched.body, charset, fetched.url)
            revision = Revision(
                text,
                label,
                captured_at,
                source=fetched.url,
                raw=fetched.body,
                media_type=media_type,
            )
            return revision, notes
    except ReadError as exc:
        return None, [*notes, HarvestNote(where, f"skipped: {exc}", skipped=True)]
    message = f"skipped: its media type {media_type} is not HTML or plain text ({fetched.url})"
    return None, [*notes, HarvestNote(where, message, skipped=True)]


def _plain_text(body: bytes, charset: str | None, source: str) -> str:
    if charset is None or charset.lower().replace("_", "-") in {"utf-8", "utf8", "us-ascii"}:
        return decode_text(body, name=source, source=source, allow_empty=True)
    codec = text_codec(charset)
    if codec is None:
        msg = f"{source}: unknown charset {charset!r} in its Content-Type"
        raise ReadError(msg, source=source)
    try:
        return body.decode(codec)
    except UnicodeDecodeError as exc:
        msg = (
            f"{source}: cannot decode it as {charset} (from its Content-Type): "
            f"byte 0x{body[exc.start]:02x} at offset {exc.start}"
        )
        raise ReadError(msg, source=source) from None


def _read_captures(
    session: _Session,
    captures: list[_Capture],
    store: _Cache | None,
    notes: list[HarvestNote],
    progress: Callable[[int, int], object] | None,
) -> list[Revision]:
    """Fetch and read each capture in turn, adding to ``notes``; the revisions read.

    When the archive asks to wait longer than ``max_backoff``, no more requests are sent:
    the polite answer to "come back in an hour" is to stop, not to ask for the next
    capture. The captures left are still read from the cache when it holds them, and one
    note names the rest, so a later run with the same cache picks up where this one ended.
    """
    revisions: list[Revision] = []
    asked: _AskedToWaitError | None = None
    unread: list[_Capture] = []
    for done, capture in enumerate(captures, 1):
        where = f"capture {capture.timestamp}"
        try:
            fetched, fetch_notes = _fetch(None if asked else session, capture, store, where)
        except _AskedToWaitError as exc:
            asked, fetched, fetch_notes = exc, None, []
        notes.extend(fetch_notes)
        if fetched is None and asked is not None:
            unread.append(capture)
        elif fetched is not None:
            revision, revision_notes = _revision(capture, fetched, where)
            notes.extend(revision_notes)
            if revision is not None:
                revisions.append(revision)
        if progress is not None:
            progress(done, len(captures))
    if asked is not None:
        notes.append(_stopped_note(asked, unread, session.settings, cached=store is not None))
    return revisions


def _stopped_note(
    asked: _AskedToWaitError, unread: list[_Capture], settings: WaybackClient, *, cached: bool
) -> HarvestNote:
    first, last = unread[0].timestamp, unread[-1].timestamp
    where = f"capture {first}" if len(unread) == 1 else f"captures {first} to {last}"
    count = f"{len(unread)} capture{'s' if len(unread) != 1 else ''}"
    then = (
        "run again later with the same cache= (--cache) to fetch only these"
        if cached
        else "run again later, with cache= (--cache) so a stopped run resumes"
    )
    message = (
        f"skipped: {count} not fetched; the archive asked to wait {asked.wait:g} s "
        f"(Retry-After), longer than max_backoff ({settings.max_backoff:g} s), so reading "
        f"stopped rather than keep asking; {then}"
    )
    return HarvestNote(where, message, skipped=True)


def _unique(labels: Iterator[str]) -> Iterator[str]:
    seen: dict[str, int] = {}
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        yield label if seen[label] == 1 else f"{label} #{seen[label]}"


def revisions_from_wayback(  # noqa: PLR0913 - each option is a keyword of its own
    url: str,
    *,
    since: dt.date | dt.datetime | str | None = None,
    until: dt.date | dt.datetime | str | None = None,
    client: WaybackClient | None = None,
    cache: str | os.PathLike[str] | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> Harvest:
    """Read every distinct capture of ``url`` from the Wayback Machine, raw, oldest first.

    Args:
        url: The page, as the archive knows it (``https://example.org/news/1``).
        since: The earliest capture to read: a date, an aware datetime, or a CDX
            timestamp prefix of 4 to 14 digits (``"2024"``, ``"20240301"``); ``"2024-03-01"``
            and ``"2024-03"`` are read as ``"20240301"`` and ``"202403"``.
        until: The latest capture to read, in the same forms. A prefix covers its whole
            period: ``"20240301"`` reads captures up to the end of that day.
        client: The politeness settings and, for tests, the transport; the defaults
            suit the real service.
        cache: A folder keeping each fetched capture (body and metadata), so a run that
            stopped part-way resumes without fetching those again.
        progress: Called as ``progress(done, total)`` after each capture.

    Returns:
        A :class:`~revforensics.ingest.harvest.Harvest`: one revision per distinct
        capture (``captured_at`` from the archive's timestamp, in UTC; ``label`` that
        time, readable; ``source`` the raw-capture URL fetched; ``raw`` the body as
        received; ``digest`` the CDX digest as ``"sha1:…"``), and the notes on what was
        skipped or doubtful. With no revision, a last note says why: the archive has no
        capture of the URL in the period, or none of those it lists could be read.

    Raises:
        MissingExtraError: If httpx (extra ``[wayback]``), or trafilatura for an HTML
            capture (extra ``[html]``), is not installed.
        WaybackError: If the list of captures cannot be fetched after the retries.
        InputError: If ``url``, ``since`` or ``until`` cannot be used.
        WriteError: If the cache folder cannot be created or written.

    Example:
        >>> import httpx
        >>> def archive(request):
        ...     if request.url.path == "/cdx/search/cdx":
        ...         return httpx.Response(200, json=[
        ...             ["timestamp", "original", "mimetype", "statuscode", "digest", "length"],
        ...             ["20240301120000", "https://example.org/", "text/plain", "200",
        ...              "JXHMFNPJ4O6IUBOKLSVXBWGGQU2IH5UZ", "60"]])
        ...     return httpx.Response(200, text="Troops advanced.",
        ...                           headers={"Content-Type": "text/plain; charset=utf-8"})
        >>> client = WaybackClient(transport=httpx.MockTransport(archive), sleep=lambda s: None)
        >>> harvest = revisions_from_wayback("https://example.org/", client=client)
        >>> [(rev.label, rev.text) for rev in harvest.revisions]
        [('2024-03-01 12:00:00 UTC', 'Troops advanced.')]
        >>> harvest.revisions[0].source
        'https://web.archive.org/web/20240301120000id_/https://example.org/'

    .. versionadded:: 0.1
    """
    if not isinstance(url, str):
        msg = f"url must be a str such as 'https://example.org/page', got {type(url).__name__}"
        raise InputTypeError(msg)
    if not url.strip() or re.search(r"\s", url.strip()):
        msg = f"url must be one URL with no spaces, such as 'https://example.org/page', got {url!r}"
        raise InputError(msg)
    start, end = _stamp(since, "since"), _stamp(until, "until")
    if start is not None and end is not None and start[: len(end)] > end[: len(start)]:
        msg = f"since={since!r} is after until={until!r}; swap them"
        raise InputError(msg)
    settings = client if client is not None else WaybackClient()
    if not isinstance(settings, WaybackClient):
        msg = f"client must be a WaybackClient, got {type(settings).__name__}"
        raise InputTypeError(msg)
    store = None if cache is None else _Cache(Path(cache))
    session = _Session(settings)
    try:
        captures, notes = _list_captures(session, url.strip(), start, end)
        revisions = _read_captures(session, captures, store, notes, progress)
    finally:
        session.close()
    revisions.sort(key=lambda rev: rev.captured_at or dt.datetime.min.replace(tzinfo=dt.UTC))
    labels = _unique(rev.label for rev in revisions)
    if not revisions:
        notes.append(_nothing_read(url.strip(), since, until, listed=len(captures), noted=notes))
    return Harvest(
        [attrs.evolve(rev, label=label) for rev, label in zip(revisions, labels, strict=True)],
        notes,
    )


def _nothing_read(
    url: str, since: object, until: object, *, listed: int, noted: Sequence[HarvestNote]
) -> HarvestNote:
    """The note of a harvest with no revision: no capture at all, or none readable."""
    period = _period(since, until)
    if listed:
        # "No capture, check the URL" here would send the reader after a mistake they
        # did not make.
        plural = "s" if listed != 1 else ""
        message = (
            f"the Wayback Machine lists {listed} distinct capture{plural} of it{period}, "
            "and none could be read; the notes above say why"
        )
    elif noted:
        message = (
            f"the Wayback Machine's index lists no usable capture of it{period}; "
            "the notes above say why its lines were skipped"
        )
    else:
        message = (
            f"the Wayback Machine has no capture of it{period}; check the URL "
            "(scheme, www, trailing slash) or widen the dates"
        )
    return HarvestNote(url, message, skipped=False)


def _period(since: object, until: object) -> str:
    """`` between X and Y`` for a message, or nothing when no bound was given."""
    if since is None and until is None:
        return ""
    if until is None:
        return f" since {since}"
    if since is None:
        return f" until {until}"
    return f" between {since} and {until}"
