from datetime import UTC, datetime
from pathlib import Path

import pytest

from revforensics.errors import (
    InputTypeError,
    ReadError,
)
from revforensics.ingest.html import decode_html, read_html_file, revision_from_html

trafilatura = pytest.importorskip("trafilatura", reason="needs the [html] extra")

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"

UK = (
    (
        "Міністерство оборони повідомляє, що підрозділи продовжують оборонну операцію на сході країни. "
        "Ворог зазнав значних втрат у живій силі та техніці, повідомив речник відомства."
    ),
    (
        "За словами генерала, ситуація на фронті залишається складною, але контрольованою. "
        "Евакуація мирного населення з прифронтових районів триває згідно з планом."
    ),
)
RU = (
    (
        "Министерство обороны сообщает, что подразделения продолжают наступательную операцию. "
        "Противник понёс значительные потери в живой силе и технике, сообщил представитель ведомства."
    ),
)
EN = (
    (
        "The Department said on Monday that “all roaming charges” will be waived until further notice. "
        "Customers in the affected areas do not need to take any action."
    ),
    (
        "Service providers will restore normal billing once the networks are fully operational again, "
        "the statement added."
    ),
)


def page(paras, meta="", title="Statement"):
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>Site</title></head><body>"
        '<nav><ul><li><a href="/">Home page link</a></li><li><a href="/news">News index link</a></li>'
        '<li><a href="/contacts">Contacts link</a></li></ul></nav>'
        f"<article><h1>{title}</h1>{body}<ul><li>First point of the list.</li><li>Second point.</li></ul></article>"
        "<footer><p>© 2024 All rights reserved. Privacy policy and cookie settings.</p></footer>"
        "</body></html>"
    )


def test_keeps_raw_and_paragraph_structure():
    """The raw bytes are kept exactly; the text has blank-line paragraphs, # headings, - items."""
    raw = page(EN, title="Roaming update").encode()
    when = datetime(2017, 9, 30, 12, tzinfo=UTC)
    rev = revision_from_html(raw, source="https://example.org/x", captured_at=when, label="v1")
    assert rev.raw == raw
    assert rev.media_type == "text/html"
    assert rev.extractor == f"trafilatura {trafilatura.__version__} revforensics-html/1"
    assert (rev.source, rev.captured_at, rev.label) == ("https://example.org/x", when, "v1")
    assert rev.text.split("\n\n") == [
        "# Roaming update",
        EN[0],
        EN[1],
        "- First point of the list.\n- Second point.",
    ]
    assert rev.raw_sha256 != rev.sha256


def test_navigation_and_footer_do_not_leak():
    """favor_precision leaves out the menu and the footer (near miss: the body is there)."""
    rev = revision_from_html(page(EN).encode())
    assert "waived until further notice" in rev.text
    for boilerplate in ("Home page link", "News index link", "All rights reserved"):
        assert boilerplate not in rev.text


@pytest.mark.parametrize(
    ("raw", "charset", "found_by"),
    [
        pytest.param(page(UK).encode("cp1251"), "cp1251", "sniff", id="cp1251-uk-sniffed"),
        pytest.param(page(RU).encode("cp1251"), "cp1251", "sniff", id="cp1251-ru-sniffed"),
        pytest.param(
            page(UK, '<meta charset="windows-1251">').encode("cp1251"),
            "cp1251",
            "declaration",
            id="cp1251-meta-charset",
        ),
        pytest.param(
            page(
                RU, '<meta http-equiv="Content-Type" content="text/html; charset=Windows-1251">'
            ).encode("cp1251"),
            "cp1251",
            "declaration",
            id="cp1251-http-equiv",
        ),
        pytest.param(
            page(EN, '<meta charset="ISO-8859-1">').encode("cp1252"),
            "cp1252",
            "declaration",
            id="latin1-declared-read-as-windows-1252",
        ),
        pytest.param(
            b"\xef\xbb\xbf" + page(UK, '<meta charset="windows-1251">').encode(),
            "utf-8",
            "bom",
            id="utf8-bom-beats-a-wrong-meta",
        ),
        pytest.param(page(UK).encode("utf-16"), "utf-16-le", "bom", id="utf16-bom"),
        pytest.param(page(UK).encode(), "utf-8", "sniff", id="utf8-undeclared"),
    ],
)
def test_decoding(raw, charset, found_by):
    """Pages decode by BOM, declaration or sniff, and the extracted text is the real one."""
    decoded = decode_html(raw)
    assert (decoded.charset, decoded.found_by) == (charset, found_by)
    rev = revision_from_html(raw)
    assert rev.raw == raw
    paras = UK if "Міністерство" in decoded.text else RU if "Министерство" in decoded.text else EN
    for para in paras:
        assert para in rev.text


def test_latin1_declaration_keeps_curly_quotes():
    """A page declared iso-8859-1 with 0x93/0x94 bytes decodes them as “ ” like a browser."""
    raw = page(EN, '<meta charset="iso-8859-1">').encode("cp1252")
    assert b"\x93all roaming charges\x94" in raw
    assert "“all roaming charges”" in revision_from_html(raw).text


def test_http_charset_argument_wins_over_meta():
    """encoding= (the HTTP header) is used before the page's own declaration."""
    raw = page(UK, '<meta charset="iso-8859-1">').encode("cp1251")
    assert UK[0] not in revision_from_html(raw).text  # the wrong declaration gives mojibake
    assert UK[0] in revision_from_html(raw, encoding="windows-1251").text


def test_wrong_declaration_that_cannot_decode_names_charset_and_fix():
    """A page declared UTF-8 that is cp1251 is refused, naming the charset and the fix."""
    raw = page(UK, '<meta charset="utf-8">').encode("cp1251")
    with pytest.raises(
        ReadError,
        match=r"page\.html: cannot decode it as utf-8 \(from the page's own declaration\)",
    ) as info:
        revision_from_html(raw, source="page.html")
    assert "encoding='cp1251'" in str(info.value)
    assert info.value.source == "page.html"
    assert isinstance(info.value.__cause__, UnicodeDecodeError)
    # and the suggested fix works
    assert UK[1] in revision_from_html(raw, encoding="cp1251").text


def test_unknown_encoding_argument():
    """An unknown charset name is refused with examples of good ones."""
    with pytest.raises(ReadError, match="unknown charset encoding='klingon'"):
        revision_from_html(page(EN).encode(), encoding="klingon")


def test_unknown_declared_charset_falls_back_to_sniff():
    """A declaration naming no known charset is ignored, as browsers do."""
    decoded = decode_html(page(UK, '<meta charset="x-no-such">').encode("cp1251"))
    assert (decoded.charset, decoded.found_by) == ("cp1251", "sniff")


@pytest.mark.parametrize("label", ["hex", "base64", "rot13", "zlib", "undefined", "utf\x008"])
def test_a_codec_that_does_not_decode_text_is_an_unknown_charset(label):
    """Python's bytes-to-bytes codecs (hex, base64...) and "undefined" are not charsets:
    given as encoding= they are refused as unknown, never a LookupError or UnicodeError."""
    with pytest.raises(ReadError, match="unknown charset encoding="):
        decode_html(page(EN).encode(), encoding=label)


@pytest.mark.parametrize("label", ["base64", "hex", "rot13", "undefined"])
def test_a_declared_codec_that_does_not_decode_text_falls_back_to_sniff(label):
    """Near miss of the above in the page: ignored like any unknown label, as browsers do."""
    decoded = decode_html(page(UK, f'<meta charset="{label}">').encode("cp1251"))
    assert (decoded.charset, decoded.found_by) == ("cp1251", "sniff")


def test_page_without_main_text_keeps_raw_with_empty_text():
    """An empty or error page is not an error: its bytes are kept, its text is empty."""
    raw = b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
    rev = revision_from_html(raw)
    assert rev.text == ""
    assert rev.raw == raw


def test_raw_must_be_bytes():
    """A str page is refused: the raw capture must be the bytes as fetched."""
    with pytest.raises(InputTypeError, match="got str"):
        revision_from_html(page(EN))  # type: ignore[arg-type]


def test_trafilatura_failure_is_wrapped(monkeypatch):
    """An exception inside trafilatura arrives as a ReadError with the cause chained."""

    def boom(*_args, **_kwargs):
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(trafilatura, "extract", boom)
    with pytest.raises(ReadError, match="trafilatura could not extract its text") as info:
        revision_from_html(page(EN).encode(), source="x.html")
    assert isinstance(info.value.__cause__, RuntimeError)


def test_read_html_file(tmp_path):
    """A saved page is read with its path as source and label."""
    path = tmp_path / "v1.html"
    path.write_bytes(page(UK, '<meta charset="windows-1251">').encode("cp1251"))
    rev = read_html_file(path)
    assert (rev.source, rev.label) == (str(path), str(path))
    assert rev.raw == path.read_bytes()
    assert UK[0] in rev.text
    with pytest.raises(ReadError, match="no such file"):
        read_html_file(tmp_path / "missing.html")


@pytest.mark.skipif(not (DATA / "edgi").is_dir(), reason="needs ../shared/data/edgi")
def test_edgi_fema_page():
    """On a real federal page the main text comes out in paragraphs, without the site chrome."""
    path = next((DATA / "edgi" / "diff_fixtures").glob("fema-hurricane-maria__before__*.html"))
    rev = read_html_file(path)
    blocks = rev.text.split("\n\n")
    assert len(blocks) > 20
    assert "## How to Find or Reunite with Loved Ones" in blocks
    for chrome in (
        "Skip to main content",
        "Skip footer content",
        "Official website of the Department",
    ):
        assert chrome in path.read_text(encoding="utf-8")
        assert chrome not in rev.text


@pytest.mark.skipif(not (DATA / "edgi").is_dir(), reason="needs ../shared/data/edgi")
def test_edgi_footer_change_leaves_text_alone_but_content_change_shows():
    """EDGI's paradigmatic false positive (rotating footer boxes) extracts to the same text;
    its true positive (a removed caption sentence) does not."""
    archive = DATA / "edgi" / "processing_archives"

    def text(name):
        return read_html_file(archive / name).text

    assert text("falsepos-footer-a.html") == text("falsepos-footer-b.html")
    old, new = text("truepos-image-removal-a.html"), text("truepos-image-removal-b.html")
    removed = "In November 2009, President Barack Obama and President Hu Jintao announced"
    assert removed in old
    assert removed not in new


def test_quotes_and_tables_keep_their_structure():
    """A quoted statement keeps its paragraphs; a table gives one line per row."""
    raw = (
        "<html><body><article><h2>Briefing</h2>"
        f"<p>{EN[0]}</p>"
        f"<blockquote><p>{EN[1]}</p><p>We will keep the public informed of every change.</p></blockquote>"
        "<table><tr><th>Region</th><th>Staff deployed</th></tr>"
        "<tr><td>Puerto Rico</td><td>14,000</td></tr></table>"
        "</article></body></html>"
    ).encode()
    blocks = revision_from_html(raw).text.split("\n\n")
    assert EN[1] in blocks
    assert "We will keep the public informed of every change." in blocks
    assert "Region | Staff deployed\nPuerto Rico | 14,000" in blocks
