"""Reading the captures of one URL from WARC and ARC files written here with warcio."""

import datetime as dt
import gzip
import io
import itertools
import json
import sys
import zlib
from pathlib import Path

import pytest

pytest.importorskip("warcio", reason="the [warc] extra (warcio) is not installed")

from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from revforensics.errors import InputError, InputTypeError, MissingExtraError, ReadError
from revforensics.ingest.warc import revisions_from_warc, url_key, warc_urls

DATA = Path(__file__).resolve().parents[1] / "data"
URL = "https://example.org/statement"
OTHER = "https://example.org/other"
HTML = "text/html; charset=utf-8"


def _page(*paragraphs):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><body><article><h1>Update</h1>{body}</article></body></html>".encode()


V1 = _page("Units launched new offensive operations near the border today.")
V2 = _page("Units continued defensive operations near the border today.")
V3 = _page("Units held their positions near the border through the night.")


def _when(day, hour=12):
    return f"2024-03-{day:02d}T{hour:02d}:00:00Z"


def _record(
    url,
    body,
    date,
    *,
    content_type=HTML,
    status="200 OK",
    headers=(),
    kind="response",
    compress=True,
    digest=None,
):
    """One record, as the bytes a WARC file holds (a gzip member when compress)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    http_headers = [("Content-Type", content_type), *headers] if content_type else list(headers)
    if kind == "request":
        head = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    else:
        head = StatusAndHeaders(status, http_headers, protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": date}
    if digest is not None:
        warc_headers["WARC-Payload-Digest"] = digest
    record = writer.create_warc_record(
        url,
        kind,
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=head,
        warc_headers_dict=warc_headers,
    )
    writer.write_record(record)
    return out.getvalue()


def _revisit(url, date, digest, *, compress=True, refers_date="2024-03-01T12:00:00Z"):
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    record = writer.create_revisit_record(url, digest, url, refers_date)
    record.rec_headers.replace_header("WARC-Date", date)
    writer.write_record(record)
    return out.getvalue()


def _digest_of(record_bytes):
    """The WARC-Payload-Digest warcio wrote into a record."""
    for record in ArchiveIterator(io.BytesIO(record_bytes)):
        return record.rec_headers.get_header("WARC-Payload-Digest")
    raise AssertionError


def _write(tmp_path, name, *records):
    path = tmp_path / name
    path.write_bytes(b"".join(records))
    return path


def _texts(harvest):
    return [rev.text for rev in harvest.revisions]


# --- which records, in what order ----------------------------------------------------


def test_captures_of_the_url_become_revisions_in_date_order(tmp_path):
    """Out-of-order responses of one URL come back oldest first, each with its provenance."""
    third = _record(URL, V3, _when(3))
    path = _write(
        tmp_path,
        "crawl.warc.gz",
        third,
        _record(URL, V1, _when(1)),
        _record(OTHER, V2, _when(1, 13)),
        _record(URL, V2, _when(2)),
    )
    harvest = revisions_from_warc(path, url=URL)
    revs = harvest.revisions
    assert [r.label for r in revs] == [
        "2024-03-01 12:00:00Z",
        "2024-03-02 12:00:00Z",
        "2024-03-03 12:00:00Z",
    ]
    assert [r.raw for r in revs] == [V1, V2, V3]
    assert "offensive" in revs[0].text and "defensive" in revs[1].text
    assert revs[0].captured_at == dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC)
    assert {r.source for r in revs} == {URL}
    assert {r.media_type for r in revs} == {"text/html"}
    assert revs[2].digest == _digest_of(third)
    assert revs[2].digest.startswith("sha1:")
    assert harvest.notes == ()


def test_request_records_and_other_urls_are_not_revisions(tmp_path):
    """Near miss: a request record of the URL and a response of another URL are left out."""
    path = _write(
        tmp_path,
        "crawl.warc.gz",
        _record(URL, b"", _when(1), kind="request"),
        _record(URL, V1, _when(1, 13)),
        _record(OTHER, V2, _when(2)),
    )
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1]
    assert [r.raw for r in revisions_from_warc(path, url=OTHER).revisions] == [V2]


def test_http_and_https_are_different_urls(tmp_path):
    """Near miss: asking for http:// finds nothing when only https:// was captured."""
    path = _write(tmp_path, "crawl.warc.gz", _record(URL, V1, _when(1)))
    harvest = revisions_from_warc(path, url="http://example.org/statement")
    assert harvest.revisions == ()
    (note,) = harvest.notes
    assert "nearest: https://example.org/statement" in note.message


def test_when_the_only_record_of_the_url_is_broken_it_is_not_its_own_nearest(tmp_path):
    """The note used to say the files held "1 other URL" and suggest, as nearest, the very
    URL asked for; a broken record is not a capture the files hold (warc_urls agrees)."""
    record = _record(URL, V1, _when(1), compress=False)
    path = _write(tmp_path, "c.warc", record[:-40])
    harvest = revisions_from_warc(path, url=URL)
    broken, note = harvest.notes
    assert broken.skipped
    assert note.message == (
        f"no response record of {URL}; the files hold no http(s) captures at all "
        "(1 record could not be read: see the notes above)"
    )
    assert warc_urls(path) == {}


def test_the_nearest_urls_are_other_urls(tmp_path):
    """Near miss: with a broken record of the URL and a good one of a close URL, the close
    one is named, the URL asked for is not."""
    path = _write(
        tmp_path,
        "c.warc",
        _record(f"{URL}/", V2, _when(2), compress=False),
        _record(URL, V1, _when(1), compress=False)[:-40],
    )
    (_, note) = revisions_from_warc(path, url=URL).notes
    assert note.message.endswith(
        f"captures of 1 other URL; nearest: {URL}/ (1 record could not be read: see the notes above)"
    )


def test_url_matching_ignores_scheme_and_host_case_default_port_and_fragment(tmp_path):
    """The light normalisation finds the capture; a trailing slash or a query does not."""
    path = _write(
        tmp_path, "crawl.warc.gz", _record("HTTPS://Example.ORG:443/statement", V1, _when(1))
    )
    assert len(revisions_from_warc(path, url=f"{URL}#top").revisions) == 1
    assert revisions_from_warc(path, url=f"{URL}/").revisions == ()
    assert revisions_from_warc(path, url=f"{URL}?id=1").revisions == ()


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("HTTP://Example.ORG", "http://example.org/"),
        ("http://example.org:80/a#b", "http://example.org/a"),
        ("https://example.org:8443/a", "https://example.org:8443/a"),
        ("https://example.org:80/a", "https://example.org:80/a"),
        ("https://example.org/A%20b?Q=1", "https://example.org/A%20b?Q=1"),
        ("<https://example.org/>", "https://example.org/"),
        ("https://МВД.рф/", "https://xn--b1aew.xn--p1ai/"),
        ("https://example.org/новини", "https://example.org/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8"),
        ("https://example.org/%D0%BD%D0%BE", "https://example.org/%D0%BD%D0%BE"),
        ("https://example.org/%d0%bd", "https://example.org/%d0%bd"),
        ("https://example.org/a page?q=мир", "https://example.org/a%20page?q=%D0%BC%D0%B8%D1%80"),
        ("https://ex..ample.org/", "https://ex..ample.org/"),
    ],
)
def test_url_key(url, key):
    assert url_key(url) == key


def test_a_url_pasted_from_the_address_bar_finds_what_the_crawler_recorded(tmp_path):
    """Browsers show https://мвд.рф/новости; crawlers record the punycode host and the
    percent-encoded path they sent. Asked either way, the capture is found (it was not,
    and the note named no nearest URL)."""
    stored = "https://xn--b1aew.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8"
    path = _write(tmp_path, "c.warc.gz", _record(stored, V1, _when(1)))
    for asked in ("https://мвд.рф/новости", "https://xn--b1aew.xn--p1ai/новости", stored):
        harvest = revisions_from_warc(path, url=asked)
        assert [r.raw for r in harvest.revisions] == [V1], asked
        assert harvest.revisions[0].source == stored
    assert revisions_from_warc(path, url="https://мвд.рф/новини").revisions == ()


def _hand_written(uri, body, date, *, content_type):
    """A response record as some tools write it: any target URI, a WARC Content-Type or not."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(body)
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{date}>\r\n"
        f"WARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\n"
    )
    if content_type:
        head += "Content-Type: application/http; msgtype=response\r\n"
    head += f"Content-Length: {len(http) + len(body)}\r\n\r\n"
    return head.encode() + http + body + b"\r\n\r\n"


@pytest.mark.parametrize("content_type", [True, False])
@pytest.mark.parametrize("uri", [f"<{URL}>", "HTTPS://EXAMPLE.ORG/statement", URL])
def test_target_uris_in_any_case_with_or_without_a_content_type(tmp_path, uri, content_type):
    """An upper-case target URI with no WARC Content-Type lost every record to an
    AttributeError (warcio leaves such a record's HTTP headers unparsed)."""
    path = _write(
        tmp_path,
        "c.warc",
        _hand_written(uri, b"Troops advanced.", _when(1), content_type=content_type),
        _hand_written(uri, b"Troops withdrew.", _when(2), content_type=content_type),
    )
    harvest = revisions_from_warc(path, url=URL)
    assert [r.text for r in harvest.revisions] == ["Troops advanced.", "Troops withdrew."]
    assert not harvest.skipped


def test_several_files_make_one_history(tmp_path):
    """A crawl split over files: captures from both, ordered by date across them."""
    first = _write(tmp_path, "a.warc.gz", _record(URL, V3, _when(3)))
    second = _write(tmp_path, "b.warc", _record(URL, V1, _when(1), compress=False))
    harvest = revisions_from_warc([first, second], url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V3]


def test_warc_urls_counts_captures_per_url(tmp_path):
    """Responses and revisits count; requests do not; URLs are in matching form."""
    rec = _record(URL, V1, _when(1))
    path = _write(
        tmp_path,
        "crawl.warc.gz",
        _record(URL, b"", _when(1), kind="request"),
        rec,
        _revisit(URL, _when(2), _digest_of(rec)),
        _record("https://EXAMPLE.org/other#x", V2, _when(1)),
    )
    assert warc_urls(path) == {URL: 2, OTHER: 1}


# --- identical captures and revisits ---------------------------------------------------


def test_identical_consecutive_captures_collapse_with_a_note(tmp_path):
    """The same body twice makes one revision; the second capture is a note, not lost."""
    path = _write(
        tmp_path,
        "crawl.warc.gz",
        _record(URL, V1, _when(1)),
        _record(URL, V1, _when(2)),
        _record(URL, V2, _when(3)),
        _record(URL, V1, _when(4)),
    )
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V2, V1]
    (note,) = harvest.notes
    assert not note.skipped
    assert "still unchanged at 2024-03-02 12:00:00Z" in note.message


def test_a_revisit_of_the_latest_payload_is_a_note(tmp_path):
    """A revisit says the page was still the same at its time: no new revision."""
    first = _record(URL, V1, _when(1))
    path = _write(tmp_path, "crawl.warc.gz", first, _revisit(URL, _when(5), _digest_of(first)))
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1]
    (note,) = harvest.notes
    assert "still unchanged at 2024-03-05 12:00:00Z" in note.message
    assert note.where.startswith("record 2 (offset ")


def test_a_revisit_of_an_older_payload_is_a_revert(tmp_path):
    """A, B, then a revisit of A: the page went back to A at the revisit's time."""
    first = _record(URL, V1, _when(1))
    path = _write(
        tmp_path,
        "crawl.warc.gz",
        first,
        _record(URL, V2, _when(2)),
        _revisit(URL, _when(3), _digest_of(first)),
    )
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V2, V1]
    assert harvest.revisions[2].captured_at == dt.datetime(2024, 3, 3, 12, tzinfo=dt.UTC)
    assert harvest.revisions[2].digest == _digest_of(first)
    assert any("is a revisit" in n.message for n in harvest.notes)


def test_a_revisit_with_no_original_is_skipped(tmp_path):
    """Near miss: a revisit whose payload no response holds cannot be resolved."""
    path = _write(
        tmp_path,
        "crawl.warc.gz",
        _record(URL, V1, _when(1)),
        _revisit(URL, _when(3), "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", refers_date=_when(2)),
    )
    harvest = revisions_from_warc(path, url=URL)
    assert len(harvest.revisions) == 1
    (note,) = harvest.skipped
    assert "no earlier response record" in note.message


def test_a_revisit_resolves_to_the_latest_response_any_of_its_references_name(tmp_path):
    """Its digest names A, its WARC-Refers-To-Date names the later B: B, the latest match."""
    first = _record(URL, V1, _when(1))
    path = _write(
        tmp_path,
        "crawl.warc.gz",
        first,
        _record(URL, V2, _when(2)),
        _record(URL, V3, _when(3)),
        _revisit(URL, _when(4), _digest_of(first), refers_date=_when(2)),
    )
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V2, V3, V2]


def test_revisits_are_resolved_without_rescanning_every_response(tmp_path, monkeypatch):
    """Each digest is decoded once, not once per revisit and earlier response: a crawl of
    many revisits whose original is elsewhere took time growing with their square (1,000
    responses and 1,000 revisits: 100 times warcio's bare loop)."""
    from revforensics.ingest import warc

    count = 60
    records = [
        _record(
            URL, f"Version {n}.".encode(), _when(1 + n // 24, n % 24), content_type="text/plain"
        )
        for n in range(count)
    ]
    elsewhere = [
        _revisit(
            URL, _when(5, n % 24), f"sha1:{chr(ord('A') + n % 26) * 32}", refers_date=_when(28)
        )
        for n in range(count)
    ]
    path = _write(tmp_path, "crawl.warc.gz", *records, *elsewhere)
    calls = []
    real = warc._digest_bytes  # noqa: SLF001 - the helper whose calls are counted
    monkeypatch.setattr(warc, "_digest_bytes", lambda digest: calls.append(digest) or real(digest))
    harvest = revisions_from_warc(path, url=URL)
    assert len(harvest.revisions) == count
    assert len(harvest.skipped) == count
    assert len(calls) <= 3 * count  # once per response to index it and check it, once per revisit


# --- the HTTP body -----------------------------------------------------------------------


def test_a_gzip_content_encoded_body_is_decoded(tmp_path):
    """raw is what a browser rendered; the digest is the one written for the gzip bytes."""
    record = _record(URL, gzip.compress(V1), _when(1), headers=[("Content-Encoding", "gzip")])
    harvest = revisions_from_warc(_write(tmp_path, "c.warc.gz", record), url=URL)
    (rev,) = harvest.revisions
    assert rev.raw == V1
    assert rev.digest == _digest_of(record)
    assert "offensive" in rev.text
    assert harvest.notes == ()


def test_a_deflate_body_is_decoded(tmp_path):
    record = _record(URL, zlib.compress(V2), _when(1), headers=[("Content-Encoding", "deflate")])
    (rev,) = revisions_from_warc(_write(tmp_path, "c.warc.gz", record), url=URL).revisions
    assert rev.raw == V2


def test_a_chunked_body_is_dechunked(tmp_path):
    chunked = b"".join(
        f"{len(part):x}\r\n".encode() + part + b"\r\n" for part in (V1[:30], V1[30:])
    )
    record = _record(
        URL, chunked + b"0\r\n\r\n", _when(1), headers=[("Transfer-Encoding", "chunked")]
    )
    harvest = revisions_from_warc(_write(tmp_path, "c.warc", record), url=URL)
    assert [r.raw for r in harvest.revisions] == [V1]
    assert harvest.notes == ()


def test_a_body_stored_dechunked_is_read_as_it_is_with_a_note(tmp_path):
    """Some crawlers keep the chunked header but store the body de-chunked."""
    record = _record(URL, V1, _when(1), headers=[("Transfer-Encoding", "chunked")])
    harvest = revisions_from_warc(_write(tmp_path, "c.warc", record), url=URL)
    assert [r.raw for r in harvest.revisions] == [V1]
    assert "not chunked" in harvest.notes[0].message
    assert not harvest.notes[0].skipped


def test_a_broken_content_encoding_skips_the_capture(tmp_path):
    """Declared gzip, stored plain: skipped with a note, never garbled or passed through."""
    path = _write(
        tmp_path,
        "c.warc.gz",
        _record(URL, V1, _when(1), headers=[("Content-Encoding", "gzip")]),
        _record(URL, gzip.compress(V2)[:-20], _when(2), headers=[("Content-Encoding", "gzip")]),
        _record(URL, V3, _when(3)),
    )
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V3]
    first, second = harvest.skipped
    assert "Content-Encoding gzip cannot be undone" in first.message
    assert "truncated" in second.message


def test_a_windows_1251_page_with_the_charset_only_in_http(tmp_path):
    page = _page("Підрозділи розпочали нові наступальні операції в Курській області.")
    raw = page.decode().encode("cp1251")
    record = _record(URL, raw, _when(1), content_type="text/html; charset=windows-1251")
    (rev,) = revisions_from_warc(_write(tmp_path, "c.warc.gz", record), url=URL).revisions
    assert "наступальні операції" in rev.text
    assert rev.raw == raw


def test_a_charset_that_cannot_decode_the_page_skips_it(tmp_path):
    """Near miss: the same cp1251 bytes declared UTF-8 are reported, not garbled."""
    raw = _page("Підрозділи розпочали нові наступальні операції.").decode().encode("cp1251")
    record = _record(URL, raw, _when(1), content_type="text/html; charset=utf-8")
    harvest = revisions_from_warc(_write(tmp_path, "c.warc.gz", record), url=URL)
    assert harvest.revisions == ()
    (note,) = harvest.skipped
    assert "cannot decode it as utf-8" in note.message


def test_a_page_with_no_charset_anywhere_is_kept_with_a_doubt(tmp_path):
    """No charset in the header or the page: the charset is guessed, and the guess is
    reported as it is from the Wayback Machine (it was silent, and guesses go wrong)."""
    page = _page("Підрозділи розпочали нові наступальні операції в Курській області.")
    raw = page.decode().encode("cp1251")
    record = _record(URL, raw, _when(1), content_type="text/html")
    harvest = revisions_from_warc(_write(tmp_path, "c.warc.gz", record), url=URL)
    assert "наступальні операції" in harvest.revisions[0].text
    (note,) = harvest.notes
    assert not note.skipped
    assert "no charset declared in the header or the page; read as cp1251 by a guess" in (
        note.message
    )


def test_a_utf8_page_with_no_charset_is_read_without_a_doubt(tmp_path):
    """Near miss: bytes that are valid UTF-8 are read as UTF-8 with confidence, no note."""
    page = _page("Підрозділи розпочали нові наступальні операції в Курській області.")
    record = _record(URL, page, _when(1), content_type="text/html")
    harvest = revisions_from_warc(_write(tmp_path, "c.warc.gz", record), url=URL)
    assert "наступальні операції" in harvest.revisions[0].text
    assert harvest.notes == ()


def test_text_plain_by_its_charset(tmp_path):
    raw = "Війська відступили.".encode("cp1251")
    record = _record(URL, raw, _when(1), content_type="text/plain; charset=windows-1251")
    (rev,) = revisions_from_warc(_write(tmp_path, "c.warc.gz", record), url=URL).revisions
    assert (rev.text, rev.media_type, rev.raw) == ("Війська відступили.", "text/plain", raw)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/plain; charset=hex", b"Troops advanced."),
        ("text/plain; charset=undefined", b"Troops advanced."),
        ("text/html; charset=rot13", V1),
        ("text/html; charset=base64", V1),
    ],
)
def test_a_charset_that_names_no_text_codec_skips_the_capture(tmp_path, content_type, body):
    """Python's bytes-to-bytes codecs are not charsets: a capture declaring one is skipped
    with a note (it used to raise LookupError out of the reader), and reading goes on."""
    path = _write(
        tmp_path,
        "c.warc.gz",
        _record(URL, body, _when(1), content_type=content_type),
        _record(URL, V2, _when(2)),
    )
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V2]
    (note,) = harvest.notes
    assert note.skipped
    assert "unknown charset" in note.message
    assert note.where not in note.message  # said once, not twice


def test_a_meta_charset_that_names_no_text_codec_is_ignored(tmp_path):
    """Near miss: in the page, such a label is ignored, as browsers do, and the page read."""
    body = b"<html><head><meta charset=base64></head><body>" + V1[12:]
    record = _record(URL, body, _when(1), content_type="text/html")
    harvest = revisions_from_warc(_write(tmp_path, "c.warc.gz", record), url=URL)
    assert "offensive operations" in harvest.revisions[0].text
    assert harvest.notes == ()


@pytest.mark.parametrize(
    ("status", "content_type", "expected"),
    [
        ("404 Not Found", HTML, "is an HTTP 404 response"),
        ("301 Moved Permanently", HTML, "is an HTTP 301 response"),
        ("200 OK", "application/pdf", "is application/pdf"),
    ],
)
def test_non_pages_are_skipped_with_a_note(tmp_path, status, content_type, expected):
    path = _write(
        tmp_path,
        "c.warc.gz",
        _record(URL, V1, _when(1)),
        _record(URL, b"%PDF-1.4 not a page", _when(2), status=status, content_type=content_type),
        _record(URL, V2, _when(3)),
    )
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V2]
    (note,) = harvest.skipped
    assert expected in note.message
    assert note.where.startswith("record 2 (offset ")


# --- digests -------------------------------------------------------------------------------


def test_a_payload_that_does_not_match_its_digest_is_kept_with_a_note(tmp_path):
    record = _record(URL, V1, _when(1), compress=False)
    tampered = record.replace(b"offensive", b"defensive")
    harvest = revisions_from_warc(_write(tmp_path, "t.warc", tampered), url=URL)
    (rev,) = harvest.revisions
    assert b"defensive" in rev.raw
    (note,) = harvest.notes
    assert not note.skipped
    assert "does not match its WARC-Payload-Digest" in note.message


def test_a_matching_hex_digest_is_kept_as_written(tmp_path):
    """Near miss: a digest in base 16 that matches raises no note."""
    import hashlib

    digest = "sha1:" + hashlib.sha1(V1).hexdigest()  # noqa: S324 - WARC digests are SHA-1
    record = _record(URL, V1, _when(1), digest=digest)
    harvest = revisions_from_warc(_write(tmp_path, "t.warc.gz", record), url=URL)
    assert harvest.revisions[0].digest == digest
    assert harvest.notes == ()


# --- broken records and bad files --------------------------------------------------------


def test_a_garbled_gzip_member_is_skipped_and_reading_goes_on(tmp_path):
    good1 = _record(URL, V1, _when(1))
    bad = bytearray(_record(URL, V2, _when(2)))
    bad[30:60] = b"\x00" * 30
    good2 = _record(URL, V3, _when(3))
    path = _write(tmp_path, "c.warc.gz", good1, bytes(bad), good2)
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V3]
    (note,) = harvest.skipped
    assert note.where == f"record 2 (offset {len(good1)}) of {path}"
    assert f"reading went on at offset {len(good1) + len(bad)}" in note.message


def test_a_truncated_gzip_member_is_skipped_and_reading_goes_on(tmp_path):
    good1 = _record(URL, V1, _when(1))
    bad = _record(URL, V2, _when(2))
    good2 = _record(URL, V3, _when(3))
    path = _write(tmp_path, "c.warc.gz", good1, bad[: len(bad) // 2], good2)
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V3]
    assert len(harvest.skipped) == 1
    assert harvest.skipped[0].where.startswith("record 2 ")


def test_a_garbled_plain_header_is_skipped_and_reading_goes_on(tmp_path):
    good1 = _record(URL, V1, _when(1), compress=False)
    bad = _record(URL, V2, _when(2), compress=False).replace(b"WARC/1.", b"WARX/1.", 1)
    good2 = _record(URL, V3, _when(3), compress=False)
    path = _write(tmp_path, "c.warc", good1, bad, good2)
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V3]
    (note,) = harvest.skipped
    assert note.where == f"record 2 (offset {len(good1)}) of {path}"


@pytest.mark.parametrize("compress", [True, False])
def test_a_broken_first_record_does_not_make_the_file_unreadable(tmp_path, compress):
    """Near miss of the not-an-archive error: a good record follows the broken first one."""
    bad = bytearray(_record(URL, V1, _when(1), compress=compress))
    bad[0:12] = b"\x00garbage\x00\x00\x00\x00"
    path = _write(tmp_path, "c.warc", bytes(bad), _record(URL, V2, _when(2), compress=compress))
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V2]
    (note,) = harvest.skipped
    assert note.where == f"record 1 (offset 0) of {path}"


def test_a_truncated_plain_file_keeps_what_came_before(tmp_path):
    good1 = _record(URL, V1, _when(1), compress=False)
    bad = _record(URL, V2, _when(2), compress=False)
    path = _write(tmp_path, "c.warc", good1, bad[:-200])
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1]
    (note,) = harvest.skipped
    assert "no later record" in note.message


def test_a_gzip_file_of_one_stream_is_read_whole(tmp_path):
    plain = _record(URL, V1, _when(1), compress=False) + _record(URL, V2, _when(2), compress=False)
    path = _write(tmp_path, "whole.warc.gz", gzip.compress(plain))
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V2]
    assert "one gzip stream" in harvest.notes[0].message


def _one_stream(*records):
    """Records gzipped as one stream, flushed after each: the compressed parts, in order."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [deflater.compress(record) + deflater.flush(zlib.Z_FULL_FLUSH) for record in records]
    parts[-1] += deflater.flush()
    return parts


ONE_STREAM_BODIES = [f"Version {n} of the statement, in plain text.".encode() for n in range(4)]


def _one_stream_records():
    return [
        _record(URL, body, _when(day), content_type="text/plain", compress=False)
        for day, body in enumerate(ONE_STREAM_BODIES, start=1)
    ]


def test_a_gzip_file_of_one_stream_cut_short_keeps_the_records_before_the_cut(tmp_path):
    """A .warc.gz of one gzip stream whose download stopped inside the third record: the
    two whole records before the cut are read (they were all lost, with a note that the file
    held no captures), and a note says the file is cut short."""
    parts = _one_stream(*_one_stream_records())
    cut = b"".join(parts[:2]) + parts[2][: len(parts[2]) // 2]
    harvest = revisions_from_warc(_write(tmp_path, "cut.warc.gz", cut), url=URL)
    assert [r.raw for r in harvest.revisions] == ONE_STREAM_BODIES[:2]
    assert "one gzip stream" in harvest.notes[0].message
    assert harvest.notes[-1].skipped
    assert "its gzip stream is cut short" in harvest.notes[-1].message
    assert "the records before that point were read" in harvest.notes[-1].message


def test_a_gzip_file_of_one_stream_damaged_keeps_the_records_before_the_damage(tmp_path):
    parts = _one_stream(*_one_stream_records())
    damaged = b"".join(parts[:2]) + b"\xff" * 40 + b"".join(parts[2:])
    harvest = revisions_from_warc(_write(tmp_path, "bad.warc.gz", damaged), url=URL)
    assert [r.raw for r in harvest.revisions] == ONE_STREAM_BODIES[:2]
    assert "its gzip stream is damaged" in harvest.notes[-1].message


def test_gzip_streams_one_after_another_are_all_read(tmp_path):
    """Near miss: `cat a.warc.gz b.warc.gz` of two one-stream files is whole, no cut note."""
    records = _one_stream_records()
    content = gzip.compress(b"".join(records[:2])) + gzip.compress(b"".join(records[2:]))
    harvest = revisions_from_warc(_write(tmp_path, "two.warc.gz", content), url=URL)
    assert [r.raw for r in harvest.revisions] == ONE_STREAM_BODIES
    (note,) = harvest.notes
    assert "in one gzip stream" in note.message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<html><body>not an archive</body></html>", "is not a WARC or ARC file"),
        (gzip.compress(b"just some text\n"), "is not a WARC or ARC file"),
        (b"", "is empty"),
    ],
)
def test_a_file_that_is_not_an_archive_raises(tmp_path, content, expected):
    path = _write(tmp_path, "page.warc", content)
    with pytest.raises(ReadError, match=expected) as info:
        revisions_from_warc(path, url=URL)
    assert info.value.source == str(path)


@pytest.mark.parametrize(
    ("paths", "url", "error", "match"),
    [
        (
            "crawl\x00.warc",
            URL,
            ReadError,
            r"'crawl\\x00.warc': is not a usable path \(it contains a NUL",
        ),
        (b"crawl.warc", URL, InputTypeError, r"got bytes b'crawl.warc'; decode it first"),
        (["a.warc", b"b.warc"], URL, InputTypeError, "got bytes"),
        (5, URL, InputTypeError, "a file .* or a list of them, got int"),
        ([], URL, InputError, "paths is empty"),
        ("crawl.warc", None, InputTypeError, "url must be a str .* got NoneType"),
        ("crawl.warc", "  ", InputError, "url is empty"),
    ],
)
def test_bad_arguments_are_named(paths, url, error, match):
    """Wrong arguments raise the library's errors, naming the problem: never pathlib's
    ValueError or TypeError, nor an AttributeError from deep inside."""
    with pytest.raises(error, match=match):
        revisions_from_warc(paths, url=url)


def test_warc_urls_checks_its_paths_too():
    with pytest.raises(InputTypeError, match="got bytes"):
        warc_urls(b"crawl.warc")


def test_a_missing_file_raises(tmp_path):
    with pytest.raises(ReadError, match="no such file") as info:
        warc_urls(tmp_path / "nope.warc.gz")
    assert info.value.source == str(tmp_path / "nope.warc.gz")


def test_without_warcio_the_error_names_the_extra(tmp_path, monkeypatch):
    path = _write(tmp_path, "c.warc.gz", _record(URL, V1, _when(1)))
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    with pytest.raises(MissingExtraError, match=r"\[warc\]"):
        revisions_from_warc(path, url=URL)


# --- ARC -----------------------------------------------------------------------------------


def _arc(*captures):
    """A small ARC v1 file: the filedesc header record, then one record per capture."""
    spec = b"1 0 test\nURL IP-address Archive-date Content-type Archive-length\n"
    parts = [b"filedesc://test.arc 0.0.0.0 20240301000000 text/plain %d\n" % len(spec) + spec]
    for url, stamp, body in captures:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
        head = f"\n{url} 93.184.216.34 {stamp} text/html {len(http)}\n".encode()
        parts.append(head + http)
    return b"".join(parts) + b"\n"


def test_an_arc_file_is_read(tmp_path):
    """ARC records become revisions; their digest is computed, and a note says so."""
    content = _arc(
        (URL, "20240302120000", V2), (URL, "20240301120000", V1), (OTHER, "20240301130000", V3)
    )
    path = _write(tmp_path, "old.arc", content)
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V2]
    assert harvest.revisions[0].captured_at == dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC)
    import base64
    import hashlib

    sha1 = hashlib.sha1(V1).digest()  # noqa: S324 - WARC digests are SHA-1
    expected = "sha1:" + base64.b32encode(sha1).decode()
    assert harvest.revisions[0].digest == expected
    (note,) = harvest.notes
    assert "no WARC-Payload-Digest" in note.message
    assert warc_urls(path) == {URL: 2, OTHER: 1}


def test_a_gzipped_arc_file_is_read(tmp_path):
    path = _write(tmp_path, "old.arc.gz", gzip.compress(_arc((URL, "20240301120000", V1))))
    assert [r.raw for r in revisions_from_warc(path, url=URL).revisions] == [V1]


def _arc_members(*captures):
    """The records of an ARC file as gzip members, one per record, as ARC tools wrote them."""
    spec = b"1 0 test\nURL IP-address Archive-date Content-type Archive-length\n"
    head = b"filedesc://test.arc 0.0.0.0 20240301000000 text/plain %d\n" % len(spec)
    members = [gzip.compress(head + spec + b"\n")]
    for url, stamp, body in captures:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
        line = f"{url} 93.184.216.34 {stamp} text/html {len(http)}\n".encode()
        members.append(gzip.compress(line + http + b"\n"))
    return members


SPACED = "http://example.org/a page.html"


@pytest.mark.parametrize("compress", [False, True])
def test_an_arc_record_whose_url_holds_a_space_is_read(tmp_path, compress):
    """Old Internet Archive crawls wrote URLs with spaces as they were; warcio reads them
    (as %20). The record used to be taken for a broken one, and in a plain file everything
    after it was skipped."""
    captures = (
        (URL, "20240301120000", V1),
        (SPACED, "20240301130000", V2),
        (URL, "20240302120000", V3),
    )
    content = b"".join(_arc_members(*captures)) if compress else _arc(*captures)
    path = _write(tmp_path, "old.arc.gz" if compress else "old.arc", content)
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V3]
    assert not harvest.skipped
    assert warc_urls(path) == {URL: 2, "http://example.org/a%20page.html": 1}
    spaced = revisions_from_warc(path, url="http://example.org/a%20page.html")
    assert [r.raw for r in spaced.revisions] == [V2]


def test_reading_goes_on_at_an_arc_member_with_a_long_header_line(tmp_path):
    """After a damaged member, the next gzip member whose ARC header line is longer than 64
    bytes (most are: it holds the URL) is where reading goes on; it used to be passed over."""
    long_url = "http://example.org/news/2024/03/statement-on-the-situation-in-the-region"
    members = _arc_members(
        (long_url, "20240301120000", V1),
        (long_url, "20240302120000", V2),
        (long_url, "20240303120000", V3),
    )
    damaged = bytearray(members[2])
    damaged[20:36] = b"\x00" * 16
    members[2] = bytes(damaged)
    path = _write(tmp_path, "old.arc.gz", *members)
    harvest = revisions_from_warc(path, url=long_url)
    assert [r.raw for r in harvest.revisions] == [V1, V3]
    (note,) = harvest.skipped
    assert f"reading went on at offset {sum(map(len, members[:3]))}" in note.message


def test_a_warc_0_18_file_is_read(tmp_path):
    """WARC/0.18 (Heritrix 1.x crawls, 2008-2010), which warcio reads, was refused as
    "not a WARC or ARC file"."""
    records = [_record(URL, body, _when(day), compress=False) for day, body in ((1, V1), (2, V2))]
    path = _write(
        tmp_path, "old.warc", *(r.replace(b"WARC/1.0\r\n", b"WARC/0.18\r\n", 1) for r in records)
    )
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V2]
    assert harvest.notes == ()


def test_a_warc_version_that_does_not_exist_is_not_a_record_start(tmp_path):
    """Near miss: a record claiming WARC/0.19 is a broken record, and reading goes on."""
    good = _record(URL, V1, _when(1), compress=False)
    bad = _record(URL, V2, _when(2), compress=False).replace(b"WARC/1.0\r\n", b"WARC/0.19\r\n", 1)
    path = _write(tmp_path, "c.warc", good, bad, _record(URL, V3, _when(3), compress=False))
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V3]
    (note,) = harvest.skipped
    assert note.where == f"record 2 (offset {len(good)}) of {path}"


# --- property ------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from([URL, OTHER]), st.integers(0, 3), st.integers(1, 28)),
        min_size=1,
        max_size=8,
    )
)
def test_every_revision_is_a_payload_that_was_written(captures):
    """Whatever the mix, each revision's raw is a body written for that URL, oldest first."""
    import tempfile
    from pathlib import Path

    bodies = [f"Version {n} of the statement.".encode() for n in range(4)]
    records = [
        _record(url, bodies[n], _when(day), content_type="text/plain") for url, n, day in captures
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = _write(Path(tmp), "p.warc.gz", *records)
        harvest = revisions_from_warc(path, url=URL)
    written = {bodies[n] for url, n, _ in captures if url == URL}
    assert {r.raw for r in harvest.revisions} <= written
    assert bool(harvest.revisions) == bool(written)
    dates = [r.captured_at for r in harvest.revisions]
    assert dates == sorted(dates)
    raws = [r.raw for r in harvest.revisions]
    assert all(a != b for a, b in itertools.pairwise(raws))


# --- as a chain, from Python and from the command line -------------------------------------


def test_a_chain_from_warc_files_compares_the_captures_and_keeps_the_notes(tmp_path):
    """RevisionChain.from_warc: the captures in order, a skipped record in the chain's notes."""
    from revforensics.chain import RevisionChain

    path = _write(
        tmp_path,
        "crawl.warc.gz",
        _record(URL, V1, _when(1)),
        _record(URL, b"%PDF-1.7", _when(1, 13), content_type="application/pdf"),
        _record(URL, V2, _when(2)),
    )
    chain = RevisionChain.from_warc(path, url=URL)
    assert [rev.raw for rev in chain] == [V1, V2]
    assert [note.skipped for note in chain.notes] == [True]
    kinds = {f.kind for f in chain.compare().steps[0].findings}
    assert kinds, "launched offensive -> continued defensive operations must be reported"


def test_a_chain_from_warc_files_without_the_url_is_empty_and_names_the_nearest(tmp_path):
    from revforensics.chain import RevisionChain
    from revforensics.errors import InputError

    path = _write(tmp_path, "crawl.warc.gz", _record(OTHER, V1, _when(1)))
    chain = RevisionChain.from_warc(path, url=URL)
    assert len(chain) == 0
    assert OTHER in " ".join(note.message for note in chain.notes)
    with pytest.raises(InputError, match="no versions"):
        chain.compare()


def test_cli_chain_warc_reports_the_chain_and_the_skipped_records(tmp_path, capsys):
    """revforensics chain --warc URL FILE...: one history from several files, notes listed."""
    from revforensics.cli import main

    first = _write(
        tmp_path,
        "a.warc.gz",
        _record(URL, V1, _when(1)),
        _record(URL, b"%PDF-1.7", _when(1, 13), content_type="application/pdf"),
    )
    second = _write(tmp_path, "b.warc", _record(URL, V2, _when(2), compress=False))
    assert main(["chain", "--warc", URL, str(first), str(second), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert len(data["versions"]) == 2
    assert [note["skipped"] for note in data["notes"]] == [True]
    assert "1 capture skipped while reading the archive" in err


def test_cli_chain_warc_without_the_url_is_an_error_that_says_why(tmp_path, capsys):
    from revforensics.cli import main

    path = _write(tmp_path, "crawl.warc.gz", _record(OTHER, V1, _when(1)))
    assert main(["chain", "--warc", URL, str(path)]) == 2
    err = capsys.readouterr().err
    assert "no versions" in err
    assert OTHER in err


def test_a_member_that_is_not_gzip_but_parses_as_an_arc_line_swallows_nothing(tmp_path):
    """Bytes after a gzip magic that read, uncompressed, as an ARC header with a long length
    must not hide the good record after them."""
    good1 = _record(URL, V1, _when(1))
    bad = b"\x1f\x8b\x08 x 20240301120000 text/html 5000\n" + b"y" * 40
    good2 = _record(URL, V3, _when(3))
    path = _write(tmp_path, "c.warc.gz", good1, bad, good2)
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V3]
    (note,) = harvest.skipped
    assert note.where == f"record 2 (offset {len(good1)}) of {path}"
    assert f"reading went on at offset {len(good1) + len(bad)}" in note.message


def test_a_member_cut_anywhere_never_hides_the_records_around_it(tmp_path):
    """Cut the middle gzip member at every 5th byte, or garble 16 bytes there: the records
    before and after it are always read (warcio reads a damaged member uncompressed, which
    used to swallow the next record now and then)."""
    bodies = [f"Version {n} of the statement, in plain text.".encode() for n in range(3)]
    good1, middle, good2 = (
        _record(URL, body, _when(day), content_type="text/plain")
        for day, body in enumerate(bodies, start=1)
    )
    for cut in range(12, len(middle) - 4, 5):
        for bad in (middle[:cut], middle[:cut] + b"\x00" * 16 + middle[cut + 16 :]):
            path = _write(tmp_path, f"c{cut}.warc.gz", good1, bad, good2)
            raws = [r.raw for r in revisions_from_warc(path, url=URL).revisions]
            assert raws[0] == bodies[0], cut
            assert raws[-1] == bodies[2], cut


def test_a_damaged_member_that_warcio_takes_for_one_stream_skips_only_itself():
    """tests/data/damaged-member.warc.gz: three text/plain records, the middle gzip member cut
    and padded (found by the test above). warcio calls it a file of one gzip stream; reading
    it whole would lose all three, so only the damaged record is skipped."""
    path = DATA / "damaged-member.warc.gz"
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [
        b"Version 0 of the statement, in plain text.",
        b"Version 2 of the statement, in plain text.",
    ]
    assert not any("one gzip stream" in note.message for note in harvest.notes)
    assert "its gzip member is damaged" in harvest.notes[-1].message
    assert "reading went on at offset 640" in harvest.notes[-1].message


def test_an_archived_warc_file_inside_a_payload_is_not_read_as_this_crawls_records(tmp_path):
    """A crawl that saved a .warc.gz: deflate stores the incompressible file verbatim, so its
    gzip members show through the outer record's bytes. They are payload, not captures: the
    forged record inside is never a revision, and the outer record is not called broken."""
    import random

    rng = random.Random(7)
    forged = _record(
        URL, b"FORGED: Troops never advanced.", _when(1, 18), content_type="text/plain"
    )
    inner = rng.randbytes(40_000) + forged + rng.randbytes(40_000)
    dump = "https://example.org/dumps/crawl.warc.gz"
    outer = _record(dump, inner, _when(1, 13), content_type="application/gzip")
    assert forged in outer, "the test needs the inner member stored verbatim"
    path = _write(
        tmp_path, "c.warc.gz", _record(URL, V1, _when(1)), outer, _record(URL, V3, _when(3))
    )
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V3]
    assert harvest.notes == ()
    assert warc_urls(path) == {URL: 2, dump: 1}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"-4\nhello world, this is the body", "says Transfer-Encoding: chunked but"),
        (b"-4\r\nTroops advanced.\r\n0\r\n\r\n", "says Transfer-Encoding: chunked but"),
        (b"4\r\nTrop\r\n-4\r\nTroops\r\n0\r\n\r\n", "a chunk size line b'-4' at offset 9"),
        (b"4\r\nTrop\r\n0x4\r\nTroops\r\n0\r\n\r\n", "a chunk size line b'0x4' at offset 9"),
        (b"4\r\nTrop\r\n+4\r\nTroops\r\n0\r\n\r\n", "a chunk size line b'+4' at offset 9"),
    ],
)
def test_a_chunk_size_that_is_not_hex_digits_is_not_a_chunk(tmp_path, body, expected):
    """A size line of "-4" used to send the de-chunker back for ever; it, "0x4" and "+4"
    are not chunk sizes: a first line that is not one means the body was stored de-chunked
    (read as it is, with a note), a later one means the chunking is broken (skipped)."""
    record = _record(
        URL, body, _when(1), content_type="text/plain", headers=[("Transfer-Encoding", "chunked")]
    )
    harvest = revisions_from_warc(_write(tmp_path, "c.warc", record), url=URL)
    (note,) = harvest.notes
    assert expected in note.message
    assert [r.raw for r in harvest.revisions] == ([] if note.skipped else [body])


def test_cli_chain_warc_with_a_charset_that_names_no_text_codec_skips_it(tmp_path, capsys):
    """revforensics chain --warc: a capture declaring charset=hex is a skipped capture (exit
    0), not a traceback with exit status 1, which means a --fail-on condition was met."""
    from revforensics.cli import main

    path = _write(
        tmp_path,
        "c.warc.gz",
        _record(URL, b"Troops advanced.", _when(1), content_type="text/plain; charset=hex"),
        _record(URL, V1, _when(2)),
        _record(URL, V2, _when(3)),
    )
    assert main(["chain", "--warc", URL, str(path)]) == 0
    assert "1 capture skipped while reading the archive" in capsys.readouterr().err


@pytest.mark.parametrize("hidden", [False, True])
def test_members_are_checked_the_same_without_warcios_shortcut(tmp_path, monkeypatch, hidden):
    """A member warcio inflated to its end is taken as checked (the cheap path); with that
    shortcut hidden, as if warcio's internals changed, every member is inflated again and
    the same records come out: good ones, one holding an archived .warc.gz, and none lost
    around a damaged member."""
    import random

    from revforensics.ingest import warc

    if hidden:
        monkeypatch.setattr(warc, "_member_inflated", lambda _records: False)
    rng = random.Random(3)
    inner = rng.randbytes(40_000) + _record(URL, b"FORGED", _when(2)) + rng.randbytes(40_000)
    damaged = bytearray(_record(URL, V2, _when(4)))
    damaged[40:56] = b"\x00" * 16
    path = _write(
        tmp_path,
        "c.warc.gz",
        _record(URL, V1, _when(1)),
        _record(OTHER, inner, _when(3), content_type="application/gzip"),
        bytes(damaged),
        _record(URL, V3, _when(5)),
    )
    harvest = revisions_from_warc(path, url=URL)
    assert [r.raw for r in harvest.revisions] == [V1, V3]
    (note,) = harvest.skipped
    assert note.where.startswith("record 3 ")
