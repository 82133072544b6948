import pytest

from revforensics.tokenize import number_value, tokenize


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,200", "1200"),
        ("1 200", "1200"),
        ("1200", "1200"),
        ("3,5", "3.5"),
        ("3.5", "3.5"),
        ("1,200.50", "1200.50"),
        ("1.200,5", "1200.5"),
        ("12 000 000", "12000000"),
    ],
)
def test_number_values(text, value):
    """Thousands separators and decimal marks are read as value."""
    assert str(number_value(text)) == value


def test_same_value_same_key():
    """Numbers in different formats share a key, so the diff sees them as equal."""
    keys = {tokenize(t)[0].key for t in ["1,200", "1 200", "1200", "1200.0"]}
    assert keys == {"#1200"}


def test_different_values_differ():
    """A changed figure keeps a different key: it is never cosmetic."""
    assert tokenize("12")[0].key != tokenize("15")[0].key


def test_kinds_and_words():
    """Hyphenated and apostrophe words stay whole; URLs are one token."""
    tokens = tokenize("п'ять F-16 see https://gov.uk/a, 16th.")
    assert [(t.text, t.kind) for t in tokens] == [
        ("п'ять", "word"),
        ("F-16", "word"),
        ("see", "word"),
        ("https://gov.uk/a", "url"),
        (",", "punct"),
        ("16th", "word"),
        (".", "punct"),
    ]


def test_keys_are_case_insensitive():
    """Case changes compare equal."""
    assert tokenize("Kursk")[0].key == tokenize("KURSK")[0].key
