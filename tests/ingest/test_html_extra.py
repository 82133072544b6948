import sys

import pytest

from revforensics.errors import MissingExtraError, RevForensicsError
from revforensics.ingest.html import revision_from_html

PAGE = (
    b"<html><body><article><p>Units held the line near Kursk overnight.</p></article></body></html>"
)


def test_missing_extra(monkeypatch):
    """Without trafilatura, a MissingExtraError (an ImportError) names the pip command."""
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    with pytest.raises(MissingExtraError, match=r'pip install "revforensics\[html\]"') as info:
        revision_from_html(PAGE)
    assert isinstance(info.value, ImportError)
    assert isinstance(info.value, RevForensicsError)
    assert info.value.extra == "html"


def test_missing_charset_detector(monkeypatch):
    """Guessing a non-UTF-8 page's charset also needs the extra; a UTF-8 page does not guess."""
    monkeypatch.setitem(sys.modules, "charset_normalizer", None)
    from revforensics.ingest.html import decode_html

    assert decode_html(PAGE).charset == "utf-8"
    with pytest.raises(MissingExtraError, match="charset"):
        decode_html("<p>Привіт, світе</p>".encode("cp1251"))
