"""revisions_from_wayback against a scripted Wayback Machine on loopback (never the Internet).

The archive in these tests is an ``http.server`` on 127.0.0.1 started and stopped by a
fixture; it serves CDX answers shaped like the Internet Archive's and raw captures, and
plays scripted failures (429, 5xx, truncated bodies, broken gzip). Sleeping and the clock
are injected, so no test waits: the sleeps the client asked for are recorded instead.
"""

import base64
import datetime as dt
import email.utils
import gzip
import hashlib
import importlib.util
import json
import socket
import sys
import threading
import tomllib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from revforensics import __version__
from revforensics.errors import (
    InputError,
    InputTypeError,
    MissingExtraError,
    ReadError,
    RevForensicsError,
    WaybackError,
)
from revforensics.ingest.harvest import Harvest
from revforensics.ingest.wayback import USER_AGENT, WaybackClient, revisions_from_wayback

httpx = pytest.importorskip("httpx", reason="needs the [wayback] extra (httpx)")

ROOT = Path(__file__).resolve().parents[2]
PAGE_URL = "https://example.org/news/statement"
HEADER = ["timestamp", "original", "mimetype", "statuscode", "digest", "length"]


def sha1_b32(body):
    return base64.b32encode(hashlib.sha1(body).digest()).decode()  # noqa: S324 - the archive's digest


def article(*paragraphs, meta=""):
    """A page trafilatura extracts: an article with a heading and real paragraphs."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head>{meta}<title>News</title></head><body><article><h1>Statement</h1>{body}</article></body></html>"


V1 = article(
    "Units launched new offensive operations in the Kursk region overnight.",
    "The situation along the front line remains difficult and tense.",
).encode()
V2 = article(
    "Units held their positions in the Kursk region overnight.",
    "The situation along the front line remains difficult and tense.",
).encode()


def row(stamp, body, mimetype="text/html", url=PAGE_URL, digest=None):
    return [stamp, url, mimetype, "200", digest or sha1_b32(body), str(len(body))]


def capture_path(stamp, url=PAGE_URL):
    return f"/web/{stamp}id_/{url}"


@dataclass
class Reply:
    """One scripted answer. ``truncate`` promises more bytes than it sends, then hangs up."""

    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    truncate: bool = False


class Archive:
    """A scriptable Wayback Machine: CDX answers by (url, resumeKey), captures by path."""

    def __init__(self):
        self.cdx = {}
        self.captures = {}
        self.log = []  # (path, query dict, user agent) of every request, in order
        self.url = ""

    def script_cdx(self, rows, *, url=PAGE_URL, resume_key=None, body=None, replies=()):
        """Serve a CDX answer written as the Internet Archive does: one row per line."""
        if body is None:
            lines = [json.dumps(r) for r in rows]
            body = ("[" + ",\n".join(lines) + "]\n").encode() if rows else b"[]\n"
        self.cdx[url, resume_key] = [
            *replies,
            Reply(body=body, headers={"Content-Type": "application/json"}),
        ]

    def script(self, stamp, *replies, url=PAGE_URL):
        self.captures[capture_path(stamp, url)] = list(replies)

    def page(self, stamp, body, content_type="text/html; charset=utf-8", url=PAGE_URL):
        self.script(stamp, Reply(body=body, headers={"Content-Type": content_type}), url=url)

    def answer(self, path, query):
        if path == "/cdx/search/cdx":
            key = (query.get("url", [""])[0], query.get("resumeKey", [None])[0])
            replies = self.cdx.get(key)
        else:
            replies = self.captures.get(path)
        if not replies:
            return Reply(404, b"<p>Not found in the archive</p>", {"Content-Type": "text/html"})
        return replies.pop(0) if len(replies) > 1 else replies[0]

    def requests(self, prefix=""):
        return [path for path, _, _ in self.log if path.startswith(prefix)]


def _handler(archive):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            path, _, query = self.path.partition("?")
            archive.log.append((path, parse_qs(query), self.headers.get("User-Agent")))
            reply = archive.answer(path, parse_qs(query))
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            extra = 1000 if reply.truncate else 0
            self.send_header("Content-Length", str(len(reply.body) + extra))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(reply.body)
            self.close_connection = True

        def log_message(self, *args):  # keep the test output quiet
            pass

    return Handler


@pytest.fixture
def archive():
    archive = Archive()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(archive))
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()
    archive.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield archive
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


class FakeTime:
    """A clock that moves only when the client sleeps; records every sleep asked for."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds

    def clock(self):
        return self.now


@pytest.fixture
def fake_time():
    return FakeTime()


@pytest.fixture
def client(archive, fake_time):
    return WaybackClient(
        endpoint=archive.url, sleep=fake_time.sleep, clock=fake_time.clock, timeout=5, retries=2
    )


# --- the ordinary path -------------------------------------------------------------------


def test_reads_each_distinct_capture_raw_with_its_provenance(archive, client):
    """Two distinct versions (a repeat of the first collapsed) come back raw, oldest first, cited."""
    archive.script_cdx(
        [
            HEADER,
            row("20240301120000", V1),
            row("20240301180000", V1),  # same digest: the server did not collapse it
            row("20240302090000", V2),
        ]
    )
    archive.page("20240301120000", V1)
    archive.page("20240302090000", V2)

    harvest = revisions_from_wayback(PAGE_URL, client=client)

    assert isinstance(harvest, Harvest)
    assert harvest.notes == ()
    first, second = harvest.revisions
    assert first.raw == V1 and second.raw == V2
    assert "new offensive operations" in first.text
    assert "held their positions" in second.text
    assert first.captured_at == dt.datetime(2024, 3, 1, 12, 0, tzinfo=dt.UTC)
    assert (first.label, second.label) == ("2024-03-01 12:00:00 UTC", "2024-03-02 09:00:00 UTC")
    assert first.source == f"{archive.url}/web/20240301120000id_/{PAGE_URL}"
    assert first.digest == f"sha1:{sha1_b32(V1)}"
    assert first.media_type == "text/html"
    # The repeat was never fetched; every capture request was the raw id_ form.
    assert archive.requests("/web/") == [
        capture_path("20240301120000"),
        capture_path("20240302090000"),
    ]


def test_cdx_query_asks_for_the_right_rows(archive, client):
    """The CDX query names the fields, keeps only HTTP 200, collapses digests, pages and bounds."""
    archive.script_cdx([], url=PAGE_URL)
    revisions_from_wayback(PAGE_URL, client=client, since="2024", until=dt.date(2024, 3, 31))
    ((path, query, _),) = archive.log
    assert path == "/cdx/search/cdx"
    assert query == {
        "url": [PAGE_URL],
        "output": ["json"],
        "fl": [",".join(HEADER)],
        "filter": ["statuscode:200"],
        "collapse": ["digest"],
        "showResumeKey": ["true"],
        "limit": ["1000"],
        "from": ["2024"],
        "to": ["20240331"],
    }


def test_every_request_names_the_library(archive, client):
    """The user agent names revforensics, its version and the project URL, on every request."""
    archive.script_cdx([HEADER, row("20240301120000", V1)])
    archive.page("20240301120000", V1)
    revisions_from_wayback(PAGE_URL, client=client)
    agents = {agent for _, _, agent in archive.log}
    assert agents == {USER_AGENT}
    assert USER_AGENT.startswith(f"revforensics/{__version__} (+")


def test_user_agent_url_is_the_projects():
    """The URL in the user agent is the one pyproject.toml publishes (kept in step)."""
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    named = USER_AGENT.split("(+", 1)[1].rstrip(")")
    assert any(value.startswith(named) for value in urls.values())


def test_progress_is_called_after_each_capture(archive, client):
    """progress(done, total) runs after every capture, skipped ones included."""
    archive.script_cdx([HEADER, row("20240301120000", V1), row("20240302090000", V2)])
    archive.page("20240301120000", V1)  # the second is missing: a 404, skipped
    calls = []
    revisions_from_wayback(PAGE_URL, client=client, progress=lambda *a: calls.append(a))
    assert calls == [(1, 2), (2, 2)]


@pytest.mark.parametrize("body", [b"[]\n", b""])
def test_a_url_with_no_captures_gives_an_empty_harvest(archive, client, body):
    """No captures: no revisions, no error, and one note that says so."""
    archive.script_cdx([], body=body)
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert harvest.revisions == ()
    (note,) = harvest.notes
    assert note.where == PAGE_URL and not note.skipped
    assert "has no capture of it; check the URL" in note.message
    assert archive.requests("/web/") == []


# --- the CDX listing -----------------------------------------------------------------------


def test_malformed_cdx_lines_are_skipped_and_reported(archive, client):
    """A bad row is a note naming its line; the good rows on either side still count."""
    body = (
        "[" + json.dumps(HEADER) + ",\n"
        + json.dumps(row("20240301120000", V1)) + ",\n"
        + '["20240301130000", "https://example.org/news/statement", "text/html"],\n'
        + '["2024-03-01", "https://example.org/news/statement", "text/html", "200", "AAAA", "1"],\n'
        + '["20240301150000", "https://example.org/news/statement", \xff broken\n'
        + json.dumps(row("20240302090000", V2)) + "]\n"
    ).encode("latin-1")  # fmt: skip
    archive.script_cdx([], body=body)
    archive.page("20240301120000", V1)
    archive.page("20240302090000", V2)

    harvest = revisions_from_wayback(PAGE_URL, client=client)

    assert [rev.captured_at.day for rev in harvest.revisions] == [1, 2]
    assert [(note.where, note.skipped) for note in harvest.notes] == [
        ("CDX line 3", True),
        ("CDX line 4", True),
        ("CDX line 5", True),
    ]
    assert "3 fields, not 6" in harvest.notes[0].message
    assert "'2024-03-01' is not a 14-digit" in harvest.notes[1].message
    assert "not JSON" in harvest.notes[2].message


def test_a_well_formed_answer_gives_no_notes(archive, client):
    """Near miss: the same rows, all well formed, in one compact JSON line: nothing reported."""
    archive.script_cdx([], body=json.dumps([HEADER, row("20240301120000", V1)]).encode())
    archive.page("20240301120000", V1)
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert len(harvest.revisions) == 1 and harvest.notes == ()


def test_pages_follow_the_resume_key_and_collapse_across_pages(archive, client, fake_time):
    """Page 2 is asked for with the resume key and the same query; equal digests across the seam collapse."""
    key = "org,example)/news/statement 20240301180000!"
    archive.script_cdx([HEADER, row("20240301120000", V1), row("20240301180000", V2), [], [key]])
    archive.script_cdx(
        [HEADER, row("20240301200000", V2), row("20240302090000", V1)], resume_key=key
    )
    for stamp, body in [("20240301120000", V1), ("20240301180000", V2), ("20240302090000", V1)]:
        archive.page(stamp, body)

    harvest = revisions_from_wayback(PAGE_URL, client=client)

    assert [rev.label[:16] for rev in harvest.revisions] == [
        "2024-03-01 12:00",
        "2024-03-01 18:00",
        "2024-03-02 09:00",
    ]
    (_, first, _), (_, second, _) = [entry for entry in archive.log if entry[0].startswith("/cdx")]
    assert second.pop("resumeKey") == [key]
    assert second == first
    # The second CDX request waited the stricter CDX interval, not min_interval.
    assert fake_time.sleeps[0] == client.cdx_interval


def test_rows_out_of_time_order_are_sorted_before_collapsing(archive, client):
    """Rows 3 March (A), 1 March (A), 2 March (B): collapsing as they came kept A of the 3rd
    and dropped A of the 1st, so the chain lost its first version and the revert to it."""
    stamps = ["20240303120000", "20240301120000", "20240302120000"]
    archive.script_cdx([HEADER, *(row(s, b) for s, b in zip(stamps, [V1, V1, V2], strict=True))])
    for stamp, body in zip(stamps, [V1, V1, V2], strict=True):
        archive.page(stamp, body)
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert [(rev.captured_at.day, rev.raw) for rev in harvest.revisions] == [
        (1, V1),
        (2, V2),
        (3, V1),
    ]
    assert archive.requests("/web/") == [capture_path(s) for s in sorted(stamps)]


def test_a_run_of_one_digest_out_of_order_still_collapses_to_its_first(archive, client):
    """Near miss: A on the 2nd and A on the 1st, listed backwards: one revision, the 1st."""
    stamps = ["20240302120000", "20240301120000"]
    archive.script_cdx([HEADER, *(row(s, V1) for s in stamps)])
    archive.page("20240301120000", V1)
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert [rev.captured_at.day for rev in harvest.revisions] == [1]
    assert archive.requests("/web/") == [capture_path("20240301120000")]


def test_a_resume_key_that_repeats_stops_paging(archive, client):
    """A server that hands back the same key forever is stopped after it repeats, with a note."""
    key = "same-key"
    archive.script_cdx([HEADER, row("20240301120000", V1), [], [key]])
    archive.script_cdx([HEADER, row("20240302090000", V2), [], [key]], resume_key=key)
    archive.page("20240301120000", V1)
    archive.page("20240302090000", V2)
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert len(harvest.revisions) == 2
    assert [note.where for note in harvest.notes] == ["CDX page 2"]
    assert len(archive.requests("/cdx")) == 2


def test_an_unreachable_index_raises_wayback_error_after_the_retries(archive, client, fake_time):
    """The listing failing with 503 every time: a WaybackError naming the status and the fix."""
    archive.script_cdx([], replies=[Reply(503)] * 10)
    with pytest.raises(
        WaybackError, match=r"after 3 attempts \(HTTP 503\); try again later"
    ) as info:
        revisions_from_wayback(PAGE_URL, client=client)
    assert info.value.status == 503
    assert info.value.source.startswith(f"{archive.url}/cdx/search/cdx?url=")
    assert isinstance(info.value, ReadError)
    assert len(archive.requests("/cdx")) == 3
    # Backoff 2 s, topped up to the 2.5 s CDX interval, then 4 s: asked for, never really slept.
    assert fake_time.sleeps == [2.0, 0.5, 4.0]


def test_a_client_error_on_the_index_is_not_retried(archive, client):
    """Near miss: a 400 from the CDX API is an answer, not a hiccup: one request, then the error."""
    archive.script_cdx([], replies=[Reply(400, b"bad query")])
    with pytest.raises(WaybackError, match="answered HTTP 400") as info:
        revisions_from_wayback(PAGE_URL, client=client)
    assert info.value.status == 400
    assert len(archive.requests("/cdx")) == 1


def test_an_answer_that_is_not_cdx_raises(archive, client):
    """An HTML page where CDX JSON was expected is not read as a list of bad rows."""
    archive.script_cdx([], body=b"<html><body>Service unavailable</body></html>")
    with pytest.raises(WaybackError, match="the CDX answer is not JSON"):
        revisions_from_wayback(PAGE_URL, client=client)


def test_an_answer_without_a_header_row_raises(archive, client):
    """Rows whose fields cannot be named (no header row) are not guessed at."""
    archive.script_cdx([row("20240301120000", V1)])
    with pytest.raises(WaybackError, match="does not start with a header row"):
        revisions_from_wayback(PAGE_URL, client=client)


def test_a_refused_connection_is_wrapped(fake_time):
    """Nobody listening: a WaybackError after the retries; httpx's error is chained, not leaked."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = WaybackClient(
        endpoint=f"http://127.0.0.1:{port}", retries=1, sleep=fake_time.sleep, clock=fake_time.clock
    )
    with pytest.raises(WaybackError, match="could not connect") as info:
        revisions_from_wayback(PAGE_URL, client=client)
    assert info.value.status is None
    assert isinstance(info.value.__cause__, httpx.ConnectError)


# --- retries and politeness ----------------------------------------------------------------


def test_requests_start_at_least_min_interval_apart(archive, client, fake_time):
    """Each capture request waits out min_interval since the previous request started."""
    stamps = ["20240301120000", "20240302090000", "20240303090000"]
    archive.script_cdx([HEADER, *(row(s, b) for s, b in zip(stamps, [V1, V2, V1], strict=True))])
    for stamp, body in zip(stamps, [V1, V2, V1], strict=True):
        archive.page(stamp, body)
    revisions_from_wayback(PAGE_URL, client=client)
    assert fake_time.sleeps == [1.0, 1.0, 1.0]


def test_429_waits_as_long_as_retry_after_says(archive, client, fake_time):
    """A 429 with Retry-After: 7 is retried after 7 s (more than the 2 s backoff), then read."""
    archive.script_cdx([HEADER, row("20240301120000", V1)])
    archive.script(
        "20240301120000",
        Reply(429, b"slow down", {"Retry-After": "7"}),
        Reply(body=V1, headers={"Content-Type": "text/html"}),
    )
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert len(harvest.revisions) == 1 and harvest.notes == ()
    assert fake_time.sleeps == [1.0, 7.0]  # min_interval before the capture, then Retry-After


def test_503_then_success_backs_off_once(archive, client, fake_time):
    """One 503, then the page: one backoff of `backoff` seconds, and the capture is kept."""
    archive.script_cdx([HEADER, row("20240301120000", V1)])
    archive.script(
        "20240301120000", Reply(503), Reply(body=V1, headers={"Content-Type": "text/html"})
    )
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert len(harvest.revisions) == 1
    assert fake_time.sleeps == [1.0, 2.0]
    assert len(archive.requests("/web/")) == 2


def test_a_capture_failing_every_time_is_skipped_and_the_rest_go_on(archive, client):
    """502 on every attempt: that capture is a note naming the status; the next one is read."""
    archive.script_cdx([HEADER, row("20240301120000", V1), row("20240302090000", V2)])
    archive.script("20240301120000", Reply(502))
    archive.page("20240302090000", V2)
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert [rev.raw for rev in harvest.revisions] == [V2]
    (note,) = harvest.notes
    assert note.where == "capture 20240301120000" and note.skipped
    assert "after 3 attempts (HTTP 502)" in note.message
    assert archive.requests("/web/").count(capture_path("20240301120000")) == 3


def test_a_404_is_not_retried(archive, client, fake_time):
    """Near miss: a 404 is the archive's answer; one request, a note, no backoff."""
    archive.script_cdx([HEADER, row("20240301120000", V1)])
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    (note,) = harvest.skipped
    assert "HTTP 404" in note.message and note.skipped
    last = harvest.notes[-1]  # and why the harvest is empty, without blaming the URL
    assert "lists 1 distinct capture of it, and none could be read" in last.message
    assert archive.requests("/web/") == [capture_path("20240301120000")]
    assert fake_time.sleeps == [1.0]


def test_a_truncated_body_is_retried(archive, client):
    """A body cut short (fewer bytes than Content-Length) is fetched again, never kept cut."""
    archive.script_cdx([HEADER, row("20240301120000", V1)])
    archive.script(
        "20240301120000",
        Reply(body=V1[:40], headers={"Content-Type": "text/html"}, truncate=True),
        Reply(body=V1, headers={"Content-Type": "text/html"}),
    )
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert harvest.revisions[0].raw == V1 and harvest.notes == ()
    assert len(archive.requests("/web/")) == 2


def test_a_body_always_truncated_is_skipped(archive, client):
    """Cut short every time: skipped, and the note says the connection broke off."""
    archive.script_cdx([HEADER, row("20240301120000", V1)])
    archive.script(
        "20240301120000", Reply(body=V1[:40], headers={"Content-Type": "text/html"}, truncate=True)
    )
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert harvest.revisions == ()
    assert "connection broke off" in harvest.notes[0].message


def test_a_redirect_loop_skips_the_capture_without_retrying(archive, client):
    """A capture that redirects to itself: httpx gives up after its redirect limit; that is
    a skipped capture (it used to leak httpx.TooManyRedirects), asked once, and the next
    capture is read."""
    archive.script_cdx([HEADER, row("20240301120000", V1), row("20240302090000", V2)])
    archive.script(
        "20240301120000", Reply(302, headers={"Location": capture_path("20240301120000")})
    )
    archive.page("20240302090000", V2)
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert [rev.raw for rev in harvest.revisions] == [V2]
    (note,) = harvest.notes
    assert note.where == "capture 20240301120000" and note.skipped
    assert "redirected it too many times" in note.message
    followed = 1 + httpx.Client().max_redirects
    assert archive.requests("/web/").count(capture_path("20240301120000")) == followed


def test_a_cdx_url_that_httpx_refuses_skips_only_that_capture(archive, client):
    """A CDX row whose URL holds a control character: httpx refuses to send the request (it
    used to leak httpx.InvalidURL and lose every capture); that capture is a note."""
    bad = "https://example.org/news/\x01statement"
    archive.script_cdx([HEADER, row("20240301120000", V1, url=bad), row("20240302090000", V2)])
    archive.page("20240302090000", V2)
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert [rev.raw for rev in harvest.revisions] == [V2]
    (note,) = harvest.notes
    assert note.skipped and "its URL cannot be requested" in note.message


def test_a_cdx_index_that_redirects_in_a_loop_raises_wayback_error(fake_time):
    """The listing itself redirecting to itself is a WaybackError, httpx's error chained."""

    def handler(request):
        return httpx.Response(302, headers={"Location": str(request.url)})

    client = WaybackClient(
        transport=httpx.MockTransport(handler), sleep=fake_time.sleep, clock=fake_time.clock
    )
    with pytest.raises(WaybackError, match="redirected it too many times") as info:
        revisions_from_wayback(PAGE_URL, client=client)
    assert isinstance(info.value.__cause__, httpx.TooManyRedirects)
    assert fake_time.sleeps == []  # not retried


def test_gzip_content_encoding_is_undone(archive, client):
    """A gzip-encoded capture is kept decoded; its digest (of the payload) matches: no note."""
    archive.script_cdx([HEADER, row("20240301120000", V1)])
    archive.script(
        "20240301120000",
        Reply(
            body=gzip.compress(V1),
            headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
        ),
    )
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert harvest.revisions[0].raw == V1 and harvest.notes == ()


def test_x_gzip_content_encoding_is_undone_as_gzip(archive, client):
    """x-gzip, which httpx passes through, is gzip (RFC 9110): decoded, never read as text."""
    archive.script_cdx([HEADER, row("20240301120000", V1)])
    archive.script(
        "20240301120000",
        Reply(
            body=gzip.compress(V1),
            headers={"Content-Type": "text/html", "Content-Encoding": "x-gzip"},
        ),
    )
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert harvest.revisions[0].raw == V1 and harvest.notes == ()


@pytest.mark.parametrize("coding", ["compress", "x-bzip2", "compress, gzip"])
def test_a_content_encoding_nobody_undid_skips_the_capture(archive, client, tmp_path, coding):
    """httpx passes a coding it does not know through; the compressed bytes used to be read
    as the page. Now the capture is skipped, not cached (a later run tries again), and the
    next one is read."""
    archive.script_cdx([HEADER, row("20240301120000", V1), row("20240302090000", V2)])
    archive.script(
        "20240301120000",
        Reply(
            body=gzip.compress(V1),
            headers={"Content-Type": "text/html; charset=iso-8859-1", "Content-Encoding": coding},
        ),
    )
    archive.page("20240302090000", V2)
    harvest = revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)
    assert [rev.raw for rev in harvest.revisions] == [V2]
    (note,) = harvest.notes
    assert note.skipped
    assert f"its Content-Encoding {coding} could not be undone" in note.message
    assert not list(tmp_path.glob("20240301120000-*"))


def test_brotli_without_brotli_says_so(archive, client):
    """br is undone by httpx only when brotli is installed; without it the note says why."""
    if importlib.util.find_spec("brotli") or importlib.util.find_spec("brotlicffi"):
        pytest.skip("brotli is installed, so httpx undoes br")
    archive.script_cdx([HEADER, row("20240301120000", V1)])
    archive.script(
        "20240301120000",
        Reply(
            body=b"\x1b\x00\x00", headers={"Content-Type": "text/html", "Content-Encoding": "br"}
        ),
    )
    (note,) = revisions_from_wayback(PAGE_URL, client=client).skipped
    assert "its Content-Encoding br could not be undone, as brotli is not installed" in note.message


def test_broken_gzip_is_reported_not_garbled(archive, client):
    """Content-Encoding gzip over bytes that are not gzip: retried, then skipped with the reason."""
    archive.script_cdx([HEADER, row("20240301120000", V1)])
    archive.script(
        "20240301120000",
        Reply(
            body=b"\x1f\x8b\x08 not really gzip",
            headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
        ),
    )
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert harvest.revisions == ()
    (note,) = harvest.skipped
    assert "Content-Encoding could not be undone" in note.message and note.skipped


def test_retry_after_as_an_http_date_counts_from_the_servers_clock(fake_time):
    """Retry-After given as a date is measured against the server's Date header."""
    sent = dt.datetime(2024, 3, 1, 12, 0, 0, tzinfo=dt.UTC)
    answers = iter(
        [
            httpx.Response(
                429,
                headers={
                    "Date": email.utils.format_datetime(sent, usegmt=True),
                    "Retry-After": email.utils.format_datetime(
                        sent + dt.timedelta(seconds=30), usegmt=True
                    ),
                },
            ),
            httpx.Response(200, json=[HEADER]),
        ]
    )
    client = WaybackClient(
        transport=httpx.MockTransport(lambda _request: next(answers)),
        sleep=fake_time.sleep,
        clock=fake_time.clock,
    )
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert harvest.revisions == () and not harvest.skipped
    assert fake_time.sleeps == [30.0]


def test_a_retry_after_longer_than_max_backoff_stops_the_retries(fake_time):
    """'Come back in an hour' is not answered by hammering: no retry, the wait named."""
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(429, headers={"Retry-After": "3600"})

    client = WaybackClient(
        transport=httpx.MockTransport(handler), sleep=fake_time.sleep, clock=fake_time.clock
    )
    with pytest.raises(WaybackError, match=r"asked to wait 3600 s \(Retry-After\)"):
        revisions_from_wayback(PAGE_URL, client=client)
    assert len(seen) == 1 and fake_time.sleeps == []


def test_a_200_is_never_retried(fake_time):
    """Near miss: a 200 with an odd body is final; the client does not ask again."""
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, json=[HEADER])

    client = WaybackClient(
        transport=httpx.MockTransport(handler), sleep=fake_time.sleep, clock=fake_time.clock
    )
    revisions_from_wayback(PAGE_URL, client=client)
    assert len(seen) == 1 and fake_time.sleeps == []


# --- what a capture becomes ----------------------------------------------------------------


def test_charset_only_in_the_header_decodes_a_windows_1251_page(archive, client):
    """A cp1251 page with no <meta> charset is read with the header's charset, no guess."""
    page = article(
        "Підрозділи розпочали нові наступальні операції в Курській області.",
        "Ситуація на лінії фронту залишається складною та напруженою.",
    ).encode("cp1251")
    archive.script_cdx([HEADER, row("20240301120000", page)])
    archive.page("20240301120000", page, "text/html; charset=windows-1251")
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert "наступальні операції" in harvest.revisions[0].text
    assert harvest.notes == ()


def test_a_declared_charset_that_cannot_decode_is_skipped(archive, client):
    """A cp1251 page sent as UTF-8: skipped with a note naming the charset, never garbled."""
    page = article("Підрозділи розпочали нові наступальні операції в Курській області.").encode(
        "cp1251"
    )
    archive.script_cdx([HEADER, row("20240301120000", page)])
    archive.page("20240301120000", page, "text/html; charset=utf-8")
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert harvest.revisions == ()
    (note,) = harvest.skipped
    assert note.skipped and "cannot decode it as utf-8" in note.message


def test_a_page_with_no_charset_anywhere_is_kept_with_a_doubt(archive, client):
    """Near miss: no charset declared at all, so it is sniffed, kept, and the guess reported."""
    page = article("Підрозділи розпочали нові наступальні операції в Курській області.").encode(
        "cp1251"
    )
    archive.script_cdx([HEADER, row("20240301120000", page)])
    archive.page("20240301120000", page, "text/html")
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert "наступальні операції" in harvest.revisions[0].text
    (note,) = harvest.notes
    assert not note.skipped and "read as cp1251 by a guess" in note.message


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/html; charset=hex", V1),
        ("text/html; charset=base64", V1),
        ("text/plain; charset=rot13", b"Troops advanced."),
        ("text/plain; charset=undefined", b"Troops advanced."),
    ],
)
def test_a_charset_that_names_no_text_codec_skips_the_capture(archive, client, content_type, body):
    """Python's bytes-to-bytes codecs are not charsets: skipped as an unknown charset (they
    used to leak LookupError), and the next capture is read."""
    archive.script_cdx([HEADER, row("20240301120000", body), row("20240302090000", V2)])
    archive.page("20240301120000", body, content_type)
    archive.page("20240302090000", V2)
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert [rev.raw for rev in harvest.revisions] == [V2]
    (note,) = harvest.notes
    assert note.skipped and "unknown charset" in note.message


def test_plain_text_captures_are_decoded_by_their_charset(archive, client):
    """text/plain in windows-1251 is decoded by its header charset and kept raw."""
    body = "Сили оборони утримують позиції.".encode("cp1251")
    archive.script_cdx([HEADER, row("20240301120000", body, "text/plain")])
    archive.page("20240301120000", body, "text/plain; charset=windows-1251")
    (rev,) = revisions_from_wayback(PAGE_URL, client=client).revisions
    assert rev.text == "Сили оборони утримують позиції." and rev.raw == body
    assert rev.media_type == "text/plain"


def test_a_pdf_is_skipped_with_a_note(archive, client):
    """A PDF capture is not text: skipped, with its media type named."""
    pdf = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
    archive.script_cdx(
        [HEADER, row("20240301120000", pdf, "application/pdf"), row("20240302090000", V2)]
    )
    archive.page("20240301120000", pdf, "application/pdf")
    archive.page("20240302090000", V2)
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert [rev.raw for rev in harvest.revisions] == [V2]
    assert "application/pdf" in harvest.notes[0].message and harvest.notes[0].skipped


def test_a_digest_mismatch_is_kept_and_reported(archive, client):
    """The body's SHA-1 differs from the CDX digest: kept (it is what the archive served), noted."""
    archive.script_cdx([HEADER, row("20240301120000", V1, digest=sha1_b32(V2))])
    archive.page("20240301120000", V1)
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert harvest.revisions[0].raw == V1
    assert (
        harvest.revisions[0].digest == f"sha1:{sha1_b32(V2)}"
    )  # the archive's claim, as provenance
    (note,) = harvest.notes
    assert not note.skipped and "not the CDX digest" in note.message


def test_a_redirect_to_another_capture_time_is_kept_and_noted(archive, client):
    """The archive sends us to the nearest capture: kept with that capture's time, and noted."""
    archive.script_cdx([HEADER, row("20240301120000", V1)])
    archive.script(
        "20240301120000", Reply(302, headers={"Location": capture_path("20240301120500")})
    )
    archive.page("20240301120500", V1)
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    (rev,) = harvest.revisions
    assert rev.captured_at == dt.datetime(2024, 3, 1, 12, 5, tzinfo=dt.UTC)
    assert rev.source.endswith(capture_path("20240301120500"))
    (note,) = harvest.notes
    assert not note.skipped and "redirected to capture 20240301120500" in note.message


def test_a_redirect_away_from_the_raw_capture_is_skipped(archive, client):
    """A redirect to the replay page (toolbar, rewritten links) is not kept as the capture."""
    archive.script_cdx([HEADER, row("20240301120000", V1)])
    archive.script(
        "20240301120000", Reply(302, headers={"Location": f"/web/20240301120000/{PAGE_URL}"})
    )
    archive.captures[f"/web/20240301120000/{PAGE_URL}"] = [
        Reply(body=V1, headers={"Content-Type": "text/html"})
    ]
    harvest = revisions_from_wayback(PAGE_URL, client=client)
    assert harvest.revisions == ()
    assert "redirected away from the raw capture" in harvest.notes[0].message


# --- the cache and resuming ----------------------------------------------------------------

STAMPS = ["20240301120000", "20240302090000", "20240303090000", "20240304090000"]
BODIES = [V1, V2, V1, V2]


def _script_four(archive, *, failing=()):
    archive.script_cdx([HEADER, *(row(s, b) for s, b in zip(STAMPS, BODIES, strict=True))])
    for stamp, body in zip(STAMPS, BODIES, strict=True):
        if stamp in failing:
            archive.script(stamp, Reply(503))
        else:
            archive.page(stamp, body)


def test_a_second_run_fetches_only_what_the_first_could_not(archive, client, tmp_path):
    """Interrupted by 503s on the last two captures, the re-run fetches those two and no others."""
    _script_four(archive, failing=STAMPS[2:])
    first = revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)
    assert len(first.revisions) == 2 and len(first.skipped) == 2

    _script_four(archive)
    archive.log.clear()
    second = revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)

    assert [rev.raw for rev in second.revisions] == BODIES
    assert second.notes == ()
    assert archive.requests("/web/") == [capture_path(s) for s in STAMPS[2:]]
    assert [rev.source for rev in second.revisions[:2]] == [rev.source for rev in first.revisions]
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*"))


def test_come_back_in_an_hour_stops_the_run_and_a_later_run_resumes(
    archive, client, fake_time, tmp_path
):
    """A capture answered 429 with Retry-After: 3600 (more than max_backoff): no capture is
    asked for after it (they used to be, one after another), the one fetched is kept, one
    note names the three left, and a later run with the same cache fetches only those."""
    _script_four(archive)
    archive.script(STAMPS[1], Reply(429, b"slow down", {"Retry-After": "3600"}))
    first = revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)
    assert [rev.raw for rev in first.revisions] == BODIES[:1]
    assert archive.requests("/web/") == [capture_path(s) for s in STAMPS[:2]]
    assert 3600 not in fake_time.sleeps
    (note,) = first.notes
    assert note.skipped and note.where == f"captures {STAMPS[1]} to {STAMPS[3]}"
    assert note.message.startswith(
        "skipped: 3 captures not fetched; the archive asked to wait 3600 s"
    )
    assert "run again later with the same cache=" in note.message

    _script_four(archive)
    archive.log.clear()
    second = revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)
    assert [rev.raw for rev in second.revisions] == BODIES
    assert second.notes == ()
    assert archive.requests("/web/") == [capture_path(s) for s in STAMPS[1:]]


def test_after_being_asked_to_wait_the_cache_is_still_read(archive, client, tmp_path):
    """Near miss: the captures left that the cache holds are read from it, with no request;
    only the one the archive would not serve is named."""
    _script_four(archive)
    revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)
    for path in tmp_path.glob(f"{STAMPS[1]}-*"):
        path.unlink()
    archive.script(STAMPS[1], Reply(429, headers={"Retry-After": "3600"}))
    archive.log.clear()
    harvest = revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)
    assert [rev.raw for rev in harvest.revisions] == [BODIES[0], *BODIES[2:]]
    assert archive.requests("/web/") == [capture_path(STAMPS[1])]
    (note,) = harvest.notes
    assert note.where == f"capture {STAMPS[1]}" and "1 capture not fetched" in note.message


def test_a_cdx_digest_in_base_64_is_cached_like_any_other(archive, client, tmp_path):
    """A digest holding "/" (base 64, as some CDX servers write) named a folder that is not
    there: the run ended with a WriteError about free space, the good capture lost too."""
    archive.script_cdx(
        [HEADER, row("20240301120000", V1, digest="ab/cd+ef="), row("20240302090000", V2)]
    )
    archive.page("20240301120000", V1)
    archive.page("20240302090000", V2)
    first = revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)
    assert [rev.raw for rev in first.revisions] == [V1, V2]
    assert first.revisions[0].digest == "sha1:ab/cd+ef="
    assert [p.is_file() for p in tmp_path.iterdir()] == [True] * 4
    archive.log.clear()
    second = revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)
    assert [rev.raw for rev in second.revisions] == [V1, V2]
    assert archive.requests("/web/") == []


def test_a_cache_entry_whose_body_changed_is_fetched_again(archive, client, tmp_path):
    """A cached body that no longer matches its recorded SHA-256 is not trusted: noted and refetched."""
    _script_four(archive)
    revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)
    (body_file,) = tmp_path.glob(f"{STAMPS[1]}-*.body")
    body_file.write_bytes(V2.replace(b"held", b"lost"))
    archive.log.clear()

    harvest = revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)

    assert harvest.revisions[1].raw == V2
    assert archive.requests("/web/") == [capture_path(STAMPS[1])]
    (note,) = harvest.notes
    assert note.where == f"capture {STAMPS[1]}" and not note.skipped
    assert "does not match its recorded SHA-256" in note.message
    assert body_file.read_bytes() == V2  # repaired


def test_a_cache_entry_with_unreadable_metadata_is_fetched_again(archive, client, tmp_path):
    """Near miss for the cache: damaged JSON is a note and a refetch, never a crash."""
    _script_four(archive)
    revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)
    (meta_file,) = tmp_path.glob(f"{STAMPS[0]}-*.json")
    meta_file.write_text("{not json", encoding="utf-8")
    harvest = revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)
    assert len(harvest.revisions) == 4
    assert "cannot be read" in harvest.notes[0].message


@pytest.mark.parametrize(
    ("edit", "shown"),
    [
        ({"url": 5}, "its 'url' is 5, not a string"),
        ({"url": None}, "its 'url' is None, not a string"),
        ({"status": "200"}, "its 'status' is '200', not a number"),
        ({"headers": {"content-type": None}}, "its 'headers' is {'content-type': None}"),
        ({"headers": [["a"]]}, "its 'headers' is [['a']], not an object of strings"),
    ],
)
def test_a_cache_entry_with_a_field_of_the_wrong_type_is_fetched_again(
    archive, client, tmp_path, edit, shown
):
    """Metadata that parses but holds a field of the wrong type (edited by hand, written by
    another tool) is a note and a refetch; it used to raise TypeError far from the cache."""
    _script_four(archive)
    revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)
    (meta_file,) = tmp_path.glob(f"{STAMPS[0]}-*.json")
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta_file.write_text(json.dumps(meta | edit), encoding="utf-8")
    archive.log.clear()
    harvest = revisions_from_wayback(PAGE_URL, client=client, cache=tmp_path)
    assert [rev.raw for rev in harvest.revisions] == BODIES
    assert archive.requests("/web/") == [capture_path(STAMPS[0])]
    (note,) = harvest.notes
    assert not note.skipped
    assert "its metadata is not as revforensics writes it" in note.message
    assert shown in note.message


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"since": dt.datetime(2024, 3, 1)},  # noqa: DTZ001 - the fault under test
            InputError,
            "since must be timezone-aware",
        ),
        ({"until": "2024-3"}, InputError, r"4 to 14 digits.*'2024-3'"),
        ({"until": "2024/03/01"}, InputError, r"a date \(2024-03-01\)"),
        ({"since": "20240302", "until": "20240301"}, InputError, "swap them"),
        ({"since": 2024}, InputTypeError, "got int"),
        ({"client": "fast"}, InputTypeError, "must be a WaybackClient"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, match):
    with pytest.raises(error, match=match):
        revisions_from_wayback(PAGE_URL, **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        (
            {"since": "2024-13-45"},
            r"since='2024-13-45' is not a date: the month 13 is not 01 to 12",
        ),
        ({"since": "2024-02-30"}, "2024-02-30 is not a day of the calendar"),
        ({"until": "2023-02-29"}, "2023-02-29 is not a day of the calendar"),
        ({"until": "2024-00"}, "the month 00 is not 01 to 12"),
        ({"since": "20249999999999"}, "the month 99 is not 01 to 12"),
        ({"since": "2024034"}, "the day cannot start with 4"),
        ({"since": "20240301246000"}, "the hour 24 is not 00 to 23"),
        ({"until": "202403011260"}, "the minute 60 is not 00 to 59"),
        ({"until": "20242"}, "the month cannot start with 2"),
    ],
)
def test_since_and_until_that_are_no_date_are_refused(kwargs, match, fake_time):
    """Digits that name no moment were sent to the CDX server as they were, which answered
    for a period that is not there: a typo read as "no capture"."""

    def never(request):
        pytest.fail(f"nothing should be asked for, got {request.url}")

    client = WaybackClient(
        transport=httpx.MockTransport(never), sleep=fake_time.sleep, clock=fake_time.clock
    )
    with pytest.raises(InputError, match=match):
        revisions_from_wayback(PAGE_URL, client=client, **kwargs)


def test_since_and_until_that_are_dates_are_sent(fake_time):
    """Near miss: a leap day, the last second of a day and a half-written month are dates."""
    seen = []

    def handler(request):
        seen.append((request.url.params["from"], request.url.params["to"]))
        return httpx.Response(200, json=[])

    client = WaybackClient(
        transport=httpx.MockTransport(handler), sleep=fake_time.sleep, clock=fake_time.clock
    )
    for since, until in [("2024-02-29", "20240229235959"), ("20241", "2024-12-31")]:
        revisions_from_wayback(PAGE_URL, client=client, since=since, until=until)
    assert seen == [("20240229", "20240229235959"), ("20241", "20241231")]


@pytest.mark.parametrize("url", ["", "   ", "https://example.org/a page"])
def test_a_bad_url_is_refused(url):
    with pytest.raises(InputError, match="one URL with no spaces"):
        revisions_from_wayback(url)


def test_an_aware_datetime_is_sent_in_utc(fake_time):
    """since/until given as aware datetimes are converted to UTC CDX timestamps."""
    seen = []

    def handler(request):
        seen.append(request.url.params)
        return httpx.Response(200, json=[])

    kyiv = dt.timezone(dt.timedelta(hours=2))
    client = WaybackClient(
        transport=httpx.MockTransport(handler), sleep=fake_time.sleep, clock=fake_time.clock
    )
    revisions_from_wayback(
        PAGE_URL, client=client, since=dt.datetime(2024, 3, 1, 1, 30, tzinfo=kyiv), until="2024"
    )
    assert seen[0]["from"] == "20240229233000" and seen[0]["to"] == "2024"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"min_interval": -1}, "min_interval"),
        ({"retries": 1.5}, "retries"),
        ({"timeout": 0}, "timeout must be more than 0"),
        ({"endpoint": "web.archive.org"}, "endpoint must be an http"),
    ],
)
def test_bad_client_settings_are_named(kwargs, match):
    with pytest.raises(InputError, match=match):
        WaybackClient(**kwargs)


def test_a_transport_that_is_not_httpx_is_refused():
    client = WaybackClient(transport=object())
    with pytest.raises(InputTypeError, match=r"httpx\.MockTransport"):
        revisions_from_wayback(PAGE_URL, client=client)


def test_missing_extra(monkeypatch):
    """Without httpx, a MissingExtraError (an ImportError) names the extra to install."""
    monkeypatch.setitem(sys.modules, "httpx", None)
    with pytest.raises(MissingExtraError, match=r'pip install "revforensics\[wayback\]"') as info:
        revisions_from_wayback(PAGE_URL)
    assert info.value.extra == "wayback"
    assert isinstance(info.value, RevForensicsError)


def test_the_endpoint_default_is_the_real_archive():
    """The defaults are the polite ones documented in the how-to page."""
    client = WaybackClient()
    assert client.endpoint == "https://web.archive.org"
    assert (client.min_interval, client.cdx_interval, client.retries) == (1.0, 2.5, 5)
    assert WaybackClient(endpoint="http://127.0.0.1:8080/").endpoint == "http://127.0.0.1:8080"
    assert urlsplit(client.endpoint).scheme == "https"


# --- as a chain, from Python and from the command line -------------------------------------


def test_a_chain_from_the_wayback_machine_carries_its_notes(archive, client):
    """RevisionChain.from_wayback: the captures in order, and the skipped line in its notes."""
    from revforensics.chain import RevisionChain

    archive.script_cdx([HEADER, row("20240301120000", V1), ["bad"], row("20240302090000", V2)])
    archive.page("20240301120000", V1)
    archive.page("20240302090000", V2)
    chain = RevisionChain.from_wayback(PAGE_URL, client=client)
    assert [rev.label for rev in chain] == ["2024-03-01 12:00:00 UTC", "2024-03-02 09:00:00 UTC"]
    assert [note.where for note in chain.notes] == ["CDX line 3"]
    result = chain.compare()
    assert result.steps[0].findings, "the removed offensive operations must be reported"
    assert result.to_dict()["notes"][0]["where"] == "CDX line 3"


def test_a_url_with_no_captures_gives_an_empty_chain_and_says_why(archive, client):
    from revforensics.chain import RevisionChain

    archive.script_cdx([])
    chain = RevisionChain.from_wayback(PAGE_URL, since="2024", until="2024", client=client)
    assert len(chain) == 0
    (note,) = chain.notes
    assert note.where == PAGE_URL
    assert "no capture of it between 2024 and 2024" in note.message
    with pytest.raises(InputError, match=r"no versions.*no capture of it"):
        chain.compare()


def test_when_every_listed_capture_is_skipped_the_chain_does_not_say_there_is_none(archive, client):
    """A PDF and a 404: the chain's note says two captures were listed and none could be
    read (it used to say the archive has no capture of the URL, and to check the URL)."""
    from revforensics.chain import RevisionChain

    pdf = b"%PDF-1.4"
    archive.script_cdx(
        [HEADER, row("20240301120000", pdf, "application/pdf"), row("20240302090000", V2)]
    )
    archive.page("20240301120000", pdf, "application/pdf")
    chain = RevisionChain.from_wayback(PAGE_URL, since="2024", until="2024", client=client)
    assert len(chain) == 0
    *skipped, last = chain.notes
    assert [note.skipped for note in skipped] == [True, True]
    assert last.where == PAGE_URL and not last.skipped
    assert last.message == (
        "the Wayback Machine lists 2 distinct captures of it between 2024 and 2024, "
        "and none could be read; the notes above say why"
    )
    with pytest.raises(InputError, match="lists 2 distinct captures"):
        chain.compare()


def test_when_every_cdx_line_is_bad_the_chain_says_so(archive, client):
    from revforensics.chain import RevisionChain

    archive.script_cdx([HEADER, ["20240301120000", PAGE_URL]])
    chain = RevisionChain.from_wayback(PAGE_URL, client=client)
    assert chain.notes[-1].message == (
        "the Wayback Machine's index lists no usable capture of it; "
        "the notes above say why its lines were skipped"
    )


@pytest.fixture
def cli_client(monkeypatch, client):
    """Point the command line's Wayback reads at the loopback archive."""
    from revforensics.chain import RevisionChain

    real = RevisionChain.from_wayback.__func__

    def local(cls, url, **kwargs):
        return real(cls, url, client=client, **kwargs)

    monkeypatch.setattr(RevisionChain, "from_wayback", classmethod(local))
    return client


@pytest.mark.usefixtures("cli_client")
def test_cli_chain_wayback_reports_the_chain_and_the_skipped_captures(archive, tmp_path, capsys):
    from revforensics.cli import main

    archive.script_cdx([HEADER, row("20240301120000", V1), ["bad"], row("20240302090000", V2)])
    archive.page("20240301120000", V1)
    archive.page("20240302090000", V2)
    cache = tmp_path / "captures"
    argv = ["chain", "--wayback", PAGE_URL, "--since", "2024-03-01", "--cache", str(cache)]
    assert main([*argv, "--format", "markdown"]) == 0
    out, err = capsys.readouterr()
    assert "## Notes from reading the archive" in out
    assert "- **skipped** CDX line 3\\:" in out  # the colon escaped, as in all Markdown text
    assert "new offensive operations" in out
    assert "1 capture skipped while reading the archive" in err
    assert sorted(p.suffix for p in cache.iterdir()), "the cache must hold the captures"
    cdx = [query for path, query, _ in archive.log if path == "/cdx/search/cdx"]
    assert cdx[0]["from"] == ["20240301"]


@pytest.mark.usefixtures("cli_client")
def test_cli_chain_wayback_with_no_captures_is_an_error_that_says_why(archive, capsys):
    from revforensics.cli import main

    archive.script_cdx([])
    assert main(["chain", "--wayback", PAGE_URL]) == 2
    err = capsys.readouterr().err
    assert "no versions" in err
    assert "the Wayback Machine has no capture of it" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["chain", "--wayback", PAGE_URL, "v1.txt"], "not both"),
        (["chain", "--wayback", PAGE_URL, "--git", ".", "a.md"], "one source of versions"),
        (["chain", "a.txt", "b.txt", "--since", "2024"], "--since goes with --wayback"),
        (["chain", "--warc", PAGE_URL], "name them"),
    ],
)
def test_cli_chain_source_options_are_checked(argv, message, capsys):
    from revforensics.cli import main

    assert main(argv) == 2
    assert message in capsys.readouterr().err
