import pytest

from revforensics.errors import ReadError
from revforensics.ingest.text import decode_text, read_text_file


def test_reads_utf8_with_path_as_source_and_label(tmp_path):
    """A UTF-8 file becomes a revision with the path as source and default label."""
    path = tmp_path / "v1.txt"
    path.write_text("Сили просунулися.\r\nДругий рядок.\n", encoding="utf-8")
    rev = read_text_file(path)
    assert rev.text == "Сили просунулися.\r\nДругий рядок.\n"  # line endings kept
    assert rev.source == str(path)
    assert rev.label == str(path)
    assert rev.raw is None
    assert rev.captured_at is None
    assert rev.raw_sha256 == rev.sha256


def test_label_and_str_path(tmp_path):
    """An explicit label wins; a str path works like a Path."""
    path = tmp_path / "a.txt"
    path.write_text("Forces advanced.", encoding="utf-8")
    assert read_text_file(str(path), label="v1").label == "v1"


def test_bom_is_dropped(tmp_path):
    """A UTF-8 byte-order mark is not part of the text."""
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfForces advanced.")
    assert read_text_file(path).text == "Forces advanced."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file; check the path"),
        (b"", "is empty"),
        (b"  \n\t\n", "is empty"),
        (b"\x00\x01binary\x00", "binary"),
        ("Привіт".encode("cp1251"), r"is not UTF-8 \(byte 0xcf at offset 0\); convert it first"),
    ],
)
def test_bad_files_name_the_fix(tmp_path, content, message):
    """Each bad file gives a ReadError naming the path and what to do."""
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReadError, match=message) as info:
        read_text_file(path)
    assert info.value.source == str(path)
    assert str(path) in str(info.value)


def test_directory(tmp_path):
    """A directory is refused with a message, not an IsADirectoryError."""
    with pytest.raises(ReadError, match="is a directory"):
        read_text_file(tmp_path)


def test_decode_text_allow_empty():
    """An empty version is accepted where a history may hold one (git), refused otherwise."""
    assert decode_text(b"", name="x", source="x", allow_empty=True) == ""
    with pytest.raises(ReadError):
        decode_text(b"", name="x", source="x")
