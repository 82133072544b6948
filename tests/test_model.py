"""Revision, Span and their validation."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

import revforensics as rf


def test_raw_sha256_hashes_the_raw_capture():
    raw = "<p>Сили оборони просунулися.</p>".encode("cp1251")
    rev = rf.Revision("Сили оборони просунулися.", raw=raw, media_type="text/html")
    assert rev.raw_sha256 == hashlib.sha256(raw).hexdigest()
    assert rev.raw_sha256 != rev.sha256


def test_raw_sha256_of_a_plain_text_revision_is_its_text_hash():
    rev = rf.Revision("Forces advanced.")
    assert rev.raw_sha256 == rev.sha256 == hashlib.sha256(b"Forces advanced.").hexdigest()


def test_provenance_is_kept():
    when = dt.datetime(2024, 8, 6, 9, 12, tzinfo=dt.UTC)
    rev = rf.Revision(
        "text",
        "v1",
        when,
        source="https://example.org/a",
        raw=b"<p>text</p>",
        media_type="text/html",
        extractor="trafilatura 2.0.0",
    )
    assert (rev.source, rev.media_type, rev.extractor) == (
        "https://example.org/a",
        "text/html",
        "trafilatura 2.0.0",
    )
    assert rev.captured_at == when
    assert "raw" not in repr(rev)  # a page of bytes would flood the repr


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"raw": "<p>text</p>"}, "Revision.raw must be bytes"),
        ({"media_type": 3}, "Revision.media_type must be a str"),
        ({"extractor": b"x"}, "Revision.extractor must be a str"),
    ],
)
def test_bad_provenance_types(kwargs, message):
    with pytest.raises(rf.InputTypeError, match=message):
        rf.Revision("text", **kwargs)


def test_naive_capture_time_is_refused_with_the_fix():
    with pytest.raises(rf.InputError, match=r"timezone-aware.*tzinfo=datetime.UTC"):
        rf.Revision("text", captured_at=dt.datetime(2024, 8, 6, 9, 12))  # noqa: DTZ001


@pytest.mark.parametrize(
    "digest",
    [
        "sha1:2WAXX5NUWNNCS2BDKCO5OVDQBJVNKIVV",  # Wayback CDX, base 32
        "sha256:0f343b0931126a20f133d67c2b018a3b",  # a WARC digest in hex
        "sha-512:q83vEjRWeJA=",  # base 64, with + / = allowed
        "SHA1:2WAXX5NUWNNCS2BDKCO5OVDQBJVNKIVV",  # upper case, as some WARC writers have it
    ],
)
def test_digest_is_kept_as_given(digest):
    """A well-formed ``algorithm:value`` digest is stored unchanged."""
    assert rf.Revision("A.", digest=digest).digest == digest


def test_digest_defaults_to_none():
    """Control: a revision without a digest has None, as before digests existed."""
    assert rf.Revision("A.").digest is None


@pytest.mark.parametrize(
    "digest",
    [
        "2WAXX5NUWNNCS2BDKCO5OVDQBJVNKIVV",  # no algorithm, no colon
        "sha1:",  # no value
        ":2WAXX5NU",  # no algorithm
        "sha1: 2WAXX5NU",  # a space
        "sha1:2WAXX 5NU",
        " sha1:2WAXX5NU",
        "sha1:2WAXX5NU\n",  # a trailing new line
        "",
    ],
)
def test_malformed_digest_is_refused_with_the_form(digest):
    """A digest that is not ``algorithm:value`` raises InputError showing the bad value."""
    with pytest.raises(rf.InputError, match="algorithm:value") as info:
        rf.Revision("A.", digest=digest)
    assert repr(digest) in str(info.value)


@pytest.mark.parametrize("digest", [b"sha1:2WAXX5NU", 42, ["sha1:x"]])
def test_non_str_digest_is_a_type_error(digest):
    """A digest that is not a str (bytes from a WARC header, say) is an InputTypeError."""
    with pytest.raises(rf.InputTypeError, match="digest must be a str or None"):
        rf.Revision("A.", digest=digest)
