"""The one place that talks to diff-match-patch.

Sequences of tokens (or sentences) are diffed by mapping each distinct key to one code
point, the ``diff_linesToChars`` trick at token granularity, so diff-match-patch's Myers
diff and semantic cleanup run on short strings. A deadline always applies: the design's
measurements saw an unbounded diff of unrelated texts run for minutes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import diff_match_patch

__all__ = ["Encoder", "diff_codes"]

DELETE, EQUAL, INSERT = -1, 0, 1
_SURROGATES = range(0xD800, 0xE000)


class Encoder:
    """Maps keys to single code points, the same code for the same key."""

    def __init__(self) -> None:
        """Start with an empty code book."""
        self._codes: dict[str, str] = {}
        self._next = 0x100

    def code(self, key: str) -> str:
        """The code point standing for ``key``."""
        found = self._codes.get(key)
        if found is None:
            if self._next in _SURROGATES:
                self._next = _SURROGATES.stop
            found = chr(self._next)
            self._next += 1
            self._codes[key] = found
        return found

    def encode(self, keys: Iterable[str]) -> str:
        """The string of codes for ``keys``."""
        code = self.code
        return "".join(code(k) for k in keys)


def diff_codes(old: str, new: str, *, timeout: float, semantic: bool) -> Sequence[tuple[int, int]]:
    """Diff two code strings; return ``(op, length)`` runs with op -1, 0 or 1.

    Args:
        old: Encoded old sequence.
        new: Encoded new sequence.
        timeout: Seconds diff-match-patch may spend before it returns a coarser diff.
        semantic: Whether to run ``diff_cleanupSemantic`` (readable hunks for words;
            off for sentence sequences, where every equality is an anchor).
    """
    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = timeout
    diffs = dmp.diff_main(old, new, False)  # noqa: FBT003 - dmp's positional checklines
    if semantic:
        dmp.diff_cleanupSemantic(diffs)
    return [(op, len(text)) for op, text in diffs]
