import re
from importlib.resources import files

import pytest

from revforensics.lexicon import lexicon

NAMES = ["abbreviations", "abbreviations_title", "protected", "stopwords"]


def entries(name):
    text = (files("revforensics") / "lexicons" / f"{name}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("name", NAMES)
def test_no_duplicates(name):
    """No entry is listed twice in a file."""
    found = entries(name)
    assert len(found) == len(set(found))


@pytest.mark.parametrize("name", NAMES)
def test_entries_are_clean(name):
    """Entries are lower case, single tokens in one script, with no fused neighbours."""
    for entry in entries(name):
        assert entry == entry.lower(), entry
        assert " " not in entry, f"{entry!r}: two entries fused, or a stray space"
        assert not (re.search("[a-z]", entry) and re.search("[а-яіїєґ]", entry)), (
            f"{entry!r} mixes scripts"
        )
        assert "’" not in entry and "ё" not in entry, f"{entry!r} is not normalized"


def test_unknown_lexicon():
    """Asking for a missing list names the ones that exist."""
    from revforensics import InputError

    with pytest.raises(InputError, match="choose one of"):
        lexicon("nope")
