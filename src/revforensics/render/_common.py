"""Words and counts that every report format shares, so the formats never disagree."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from revforensics.findings import Comparison, Level, Verdict

__all__ = [
    "DIGEST_LABEL",
    "DIGEST_NOTE",
    "VERDICTS",
    "cosmetic_counts",
    "level_counts",
    "summary",
    "visible",
]

VERDICTS = {
    Verdict.UNCHANGED: "unchanged: the two texts are identical",
    Verdict.COSMETIC: "cosmetic: only the form changed, not the wording",
    Verdict.MEANING_CHANGED: "meaning changed",
}


DIGEST_LABEL = "web archive's digest"
"""How citations name :attr:`Revision.digest <revforensics.model.Revision.digest>`: the
digest the web archive recorded, not one revforensics computed."""

DIGEST_NOTE = (
    "The web archive's digest is the payload digest that the web archive (a WARC file or "
    "the Wayback Machine) recorded for the capture, kept as given: look the capture up "
    "there by it."
)
"""The sentence a citation adds when a revision has a web archive's digest."""


def level_counts(cmp: Comparison) -> list[tuple[Level, int]]:
    """The number of findings at each level, most severe level first, zeros left out."""
    counts = Counter(f.level for f in cmp.findings)
    return [(level, counts[level]) for level in Level if counts[level]]


def cosmetic_counts(cmp: Comparison) -> list[tuple[str, int]]:
    """The number of cosmetic edits of each subtype, by subtype name."""
    counts = Counter(e.subtype.value for e in cmp.cosmetic)
    return sorted(counts.items())


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(cmp: Comparison) -> str:
    """One line: how many findings at which levels, and how many cosmetic edits.

    Example:
        >>> from revforensics.compare import compare
        >>> summary(compare("Units held the line.", "Units held the line."))
        'no findings, no cosmetic edits'
    """
    if cmp.findings:
        levels = ", ".join(f"{n} {level.value}" for level, n in level_counts(cmp))
        findings = f"{_plural(len(cmp.findings), 'finding')} ({levels})"
    else:
        findings = "no findings"
    cosmetic = _plural(len(cmp.cosmetic), "cosmetic edit") if cmp.cosmetic else "no cosmetic edits"
    return f"{findings}, {cosmetic}"


_SPACES = re.compile(" {2,}")


def _shown(char: str) -> str:
    if char == " " or not (char.isspace() or unicodedata.category(char) in {"Cc", "Cf", "Co"}):
        return char
    return f"⟨U+{ord(char):04X}⟩"


def visible(text: str) -> str:
    """Text with every space other than U+0020, control and invisible character named.

    Cosmetic edits are often exactly such characters (a no-break space in ``3 216``, a
    zero-width space), so reports show them instead of letting them vanish. Runs of
    spaces, and a text of spaces only, show each space as ``␣``.

    Example:
        >>> visible("3\u202f216 and\u200bmore")
        '3⟨U+202F⟩216 and⟨U+200B⟩more'
        >>> visible("a  b"), visible(" ")
        ('a␣␣b', '␣')
    """
    shown = "".join(_shown(char) for char in text)
    if not shown.strip(" "):
        return "␣" * len(shown)
    return _SPACES.sub(lambda m: "␣" * len(m.group()), shown)
