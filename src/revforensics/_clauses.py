"""Clause boundaries inside one sentence, on original (un-normalized) text."""

from __future__ import annotations

import itertools
import re

__all__ = ["split_clauses"]

_CLAUSE_BREAK = re.compile(
    r"[;:,](?=\s)|\s[-\u2010-\u2015\u2212]\s"
    r"|\s(?=(?:and|but|while|whereas|і|й|та|а|але|проте|однак|и|но|однако)\s)",
    re.IGNORECASE,
)


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Clause ranges of a sentence: at ``; : ,``, spaced dashes and coordinating conjunctions.

    Each range is trimmed of white space; together they cover every word of ``text``.

    Example:
        >>> s = "Units held the line, and launched new operations; losses were light."
        >>> [s[a:b] for a, b in split_clauses(s)]
        ['Units held the line,', 'and launched new operations;', 'losses were light.']
    """
    cuts = [0]
    for match in _CLAUSE_BREAK.finditer(text):
        found = match.group()
        cut = match.end() if found in {";", ":", ","} else match.start()
        if text[cuts[-1] : cut].strip():
            cuts.append(cut)
    cuts.append(len(text))
    out = []
    for start, end in itertools.pairwise(cuts):
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if end - trail > start + lead:
            out.append((start + lead, end - trail))
    return out
