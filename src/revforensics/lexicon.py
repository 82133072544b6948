"""The word lists shipped with revforensics, loaded once from package data.

See ``lexicons/README.md`` in the package for what each list means. Entries are lower
case and already normalized (``'`` apostrophes, ``е`` for ``ё``).
"""

from __future__ import annotations

import functools
import importlib.resources

from revforensics.errors import InputError

__all__ = ["LEXICON_VERSION", "lexicon", "lexicon_map", "lexicon_names"]

LEXICON_VERSION = "2026.12.05.13"
"""Changes whenever an entry of any list changes; reported in JSON output."""


@functools.cache
def lexicon_names() -> frozenset[str]:
    """The names of the shipped lists (their file names without ``.txt``)."""
    folder = importlib.resources.files("revforensics") / "lexicons"
    return frozenset(
        entry.name.removesuffix(".txt") for entry in folder.iterdir() if entry.name.endswith(".txt")
    )


def _lines(name: str) -> list[str]:
    if name not in lexicon_names():
        msg = f"no lexicon named {name!r}; choose one of {sorted(lexicon_names())}"
        raise InputError(msg)
    resource = importlib.resources.files("revforensics") / "lexicons" / f"{name}.txt"
    lines = resource.read_text(encoding="utf-8").splitlines()
    return [entry for line in lines if (entry := line.strip()) and not entry.startswith("#")]


@functools.cache
def lexicon(name: str) -> frozenset[str]:
    """Return the entries of the shipped word list ``name``.

    Entries of a two-column list (see :func:`lexicon_map`) are its keys.

    Args:
        name: A name from :func:`lexicon_names`, such as ``stopwords``.

    Raises:
        InputError: If there is no list of that name.

    Example:
        >>> "ген" in lexicon("abbreviations_title")
        True
    """
    return frozenset(line.split("\t", 1)[0].strip() for line in _lines(name))


@functools.cache
def lexicon_map(name: str) -> dict[str, str]:
    """Return a two-column list as a mapping: each line is ``entry<TAB>value``.

    Entries may hold spaces (``according to``); the value is free text such as a level.

    Raises:
        InputError: If there is no list of that name, or a line has no tab.
    """
    out: dict[str, str] = {}
    for line in _lines(name):
        entry, tab, value = line.partition("\t")
        if not tab:
            msg = f"lexicon {name!r}: the line {line!r} needs a tab between entry and value"
            raise InputError(msg)
        out[entry.strip()] = value.strip()
    return out
