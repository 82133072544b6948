"""The one place that talks to diff-match-patch.

Sequences of tokens are diffed by mapping each distinct key to one code
point, the ``diff_linesToChars`` trick at token granularity, so diff-match-patch's Myers
diff and semantic cleanup run on short strings. A deadline always applies: the design's
measurements saw an unbounded diff of unrelated texts run for minutes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import diff_match_patch

from revforensics.errors import InputError

__all__ = ["Encoder", "diff_codes"]

DELETE, EQUAL, INSERT = -1, 0, 1
# Codes come from the private-use areas first (no character there is a space, a mark or
# punctuation, which diff-match-patch's cleanup would treat as a boundary), then from the
# supplementary ideographic planes, which are letters as well.
_CODE_RANGES = (range(0xE000, 0xF900), range(0xF0000, 0x10FFFE), range(0x20000, 0x3134B))


class Encoder:
    """Maps keys to single code points, the same code for the same key."""

    def __init__(self) -> None:
        """Start with an empty code book."""
        self._codes: dict[str, str] = {}
        self._points = (point for block in _CODE_RANGES for point in block)

    def code(self, key: str) -> str:
        """The code point standing for ``key``."""
        found = self._codes.get(key)
        if found is None:
            point = next(self._points, None)
            if point is None:
                msg = "the texts hold more distinct words than the diff can encode; split them"
                raise InputError(msg)
            found = self._codes[key] = chr(point)
        return found

    def encode(self, keys: Iterable[str]) -> str:
        """The string of codes for ``keys``."""
        code = self.code
        return "".join(code(k) for k in keys)


def diff_codes(old: str, new: str, *, timeout: float) -> Sequence[tuple[int, int]]:
    """Diff two code strings with semantic cleanup; return ``(op, length)`` runs.

    Args:
        old: Encoded old sequence.
        new: Encoded new sequence.
        timeout: Seconds diff-match-patch may spend before it returns a coarser diff.
    """
    dmp = diff_match_patch.diff_match_patch()
    dmp.Diff_Timeout = timeout
    diffs = dmp.diff_main(old, new, False)  # noqa: FBT003 - dmp's positional checklines
    dmp.diff_cleanupSemantic(diffs)
    return [(op, len(text)) for op, text in diffs]
