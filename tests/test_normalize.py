import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from revforensics import InputTypeError, RevForensicsError, normalize
from revforensics.normalize import fold_homoglyphs


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("«так»", '"так"'),
        ("„so“", '"so"'),
        ("п’ять пʼять", "п'ять п'ять"),
        ("a — b – c", "a - b - c"),
        ("1\u00a0000 2\u202f000 3\u2009000", "1 000 2 000 3 000"),
        ("ёлка Ёж", "елка Еж"),
        ("wait…", "wait..."),
        ("in\u200bvisible\u00adtext\ufeff", "invisibletext"),
        ("line\r\nbreak\rx", "line\nbreak\nx"),
        ("e\u0301", "é"),
    ],
)
def test_folds(raw, folded):
    """Each variant class folds to one form."""
    assert normalize(raw).text == folded


def test_case_is_kept():
    """Case is needed for names and sentence starts, so normalize keeps it."""
    assert normalize("Kursk KURSK").text == "Kursk KURSK"


def test_homoglyphs_fold_into_the_word_script():
    """A Latin look-alike inside a Cyrillic word is folded, and the reverse."""
    assert fold_homoglyphs("Кyрськ") == "Курськ"
    assert fold_homoglyphs("Kursк") == "Kursk"


def test_single_script_words_are_untouched():
    """Whole words in one script are never folded, whatever they look like."""
    assert fold_homoglyphs("Texac Техас") == "Texac Техас"


def test_spans_map_back_across_length_changes():
    """A normalized range maps to the original characters that produced it."""
    raw = "a\u200bb … «c»"
    norm = normalize(raw)
    start = norm.text.index("...")
    assert norm.span(start, start + 3).text == "…"
    assert norm.span(0, len(norm.text)).text == raw.rstrip()


def test_bad_type():
    """A non-string is a TypeError that is also a RevForensicsError."""
    with pytest.raises(InputTypeError) as info:
        normalize(b"bytes")  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert isinstance(info.value, RevForensicsError)


@given(st.text())
def test_every_normalized_range_indexes_the_original(text):
    """Property: consecutive normalized ranges map to valid original ranges in order (two
    ranges inside one length-changing fold, such as the dots of '…', share that fold)."""
    norm = normalize(text)
    n = len(norm.text)
    cuts = sorted({0, n, n // 2, n // 3})
    previous_start = 0
    for a, b in itertools.pairwise(cuts):
        span = norm.span(a, b)
        assert span.text == text[span.start : span.end]
        assert span.start >= previous_start
        previous_start = span.start


@given(
    st.text(alphabet=st.sampled_from("ab …«»\u200b\u200e\r\ne\u0301ё’—\u00a0"), max_size=40),
    st.data(),
)
def test_any_range_maps_inside_the_original_in_order(text, data):
    """Property: any normalized ranges, even inside a length-changing fold, map to original
    ranges in the same order, and without folds the map is the identity."""
    norm = normalize(text)
    a, b, c = sorted(data.draw(st.integers(0, len(norm.text))) for _ in range(3))
    left, right = norm.span(a, b), norm.span(b, c)
    assert left.text == text[left.start : left.end]
    assert right.text == text[right.start : right.end]
    assert left.start <= right.start
    assert left.end <= right.end or b == c
    if not norm.chunks:
        assert (left.start, left.end) == (a, b)
