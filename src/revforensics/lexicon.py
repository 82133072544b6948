"""The word lists shipped with revforensics, loaded once from package data.

See ``lexicons/README.md`` in the package for what each list means. Entries are lower
case and already normalized (``'`` apostrophes, ``е`` for ``ё``).
"""

from __future__ import annotations

import functools
import importlib.resources

from revforensics.errors import InputError

__all__ = ["LEXICON_VERSION", "lexicon"]

LEXICON_VERSION = "2026.11.25"
"""Changes whenever an entry of any list changes; reported in JSON output."""

_NAMES = frozenset({"abbreviations", "abbreviations_title", "protected", "stopwords"})


@functools.cache
def lexicon(name: str) -> frozenset[str]:
    """Return the entries of the shipped word list ``name``.

    Args:
        name: One of ``abbreviations``, ``abbreviations_title``, ``protected``,
            ``stopwords``.

    Raises:
        InputError: If there is no list of that name.

    Example:
        >>> "ген" in lexicon("abbreviations_title")
        True
    """
    if name not in _NAMES:
        msg = f"no lexicon named {name!r}; choose one of {sorted(_NAMES)}"
        raise InputError(msg)
    resource = importlib.resources.files("revforensics") / "lexicons" / f"{name}.txt"
    lines = resource.read_text(encoding="utf-8").splitlines()
    return frozenset(
        entry for line in lines if (entry := line.strip()) and not entry.startswith("#")
    )
