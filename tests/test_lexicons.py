import re
from importlib.resources import files

import pytest

from revforensics import InputError
from revforensics.lexicon import lexicon, lexicon_map, lexicon_names

NAMES = sorted(lexicon_names())


def entries(name):
    text = (files("revforensics") / "lexicons" / f"{name}.txt").read_text(encoding="utf-8")
    lines = [
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]
    return [line.split("\t", 1)[0].strip() for line in lines]


def test_the_core_lists_ship():
    """The lists the engine needs are in the package."""
    assert {"abbreviations", "abbreviations_title", "protected", "stopwords"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_no_duplicates(name):
    """No entry is listed twice in a file."""
    found = entries(name)
    assert len(found) == len(set(found)), sorted({e for e in found if found.count(e) > 1})


@pytest.mark.parametrize("name", NAMES)
def test_entries_are_clean(name):
    """Entries are lower case, normalized, one script, single-spaced."""
    for entry in entries(name):
        assert entry == entry.lower(), entry
        assert "  " not in entry and "\t" not in entry, f"{entry!r}: stray white space"
        assert not (re.search("[a-z]", entry) and re.search("[а-яіїєґ]", entry)), (
            f"{entry!r} mixes scripts"
        )
        assert "’" not in entry and "ʼ" not in entry and "ё" not in entry, (
            f"{entry!r} is not normalized"
        )


@pytest.mark.parametrize("name", NAMES)
def test_no_entries_fused_by_a_missing_separator(name):
    """No entry is two other entries of the same list glued together ('saidclaimed')."""
    found = set(entries(name))
    fused = [
        e
        for e in found
        if " " not in e and any(e[:k] in found and e[k:] in found for k in range(3, len(e) - 2))
    ]
    assert not fused, fused


def test_unknown_lexicon():
    """Asking for a missing list names the ones that exist."""
    with pytest.raises(InputError, match="choose one of"):
        lexicon("nope")


def test_map_lines_need_a_tab():
    """A one-column list read as a map names the line without a tab."""
    with pytest.raises(InputError, match="needs a tab"):
        lexicon_map("stopwords")
