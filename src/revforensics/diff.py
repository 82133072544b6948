"""Stage 4: word diff inside aligned sentences, in difflib's opcode vocabulary."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from revforensics._dmp import DELETE, EQUAL, Encoder, diff_codes

__all__ = ["Hunk", "HunkTag", "diff_keys"]

HunkTag = Literal["equal", "delete", "insert", "replace"]


class Hunk(NamedTuple):
    """One opcode: ``old[i1:i2]`` became ``new[j1:j2]`` (token indices)."""

    tag: HunkTag
    i1: int
    i2: int
    j1: int
    j2: int


def diff_keys(
    old: Sequence[str],
    new: Sequence[str],
    *,
    encoder: Encoder | None = None,
    timeout: float = 0.2,
) -> list[Hunk]:
    """Diff two sequences of token keys with diff-match-patch and semantic cleanup.

    Adjacent deletions and insertions are merged into ``replace`` hunks. The hunks cover
    both sequences completely and in order, like :meth:`difflib.SequenceMatcher.get_opcodes`.

    Args:
        old: Keys of the old tokens.
        new: Keys of the new tokens.
        encoder: A shared code book; a fresh one is used when ``None``.
        timeout: Seconds before diff-match-patch settles for a coarser diff.

    Example:
        >>> old, new = "units launched new operations".split(), "units continue operations".split()
        >>> for h in diff_keys(old, new):
        ...     print(h.tag, old[h.i1 : h.i2], new[h.j1 : h.j2])
        equal ['units'] ['units']
        replace ['launched', 'new'] ['continue']
        equal ['operations'] ['operations']

    .. versionadded:: 0.1
    """
    enc = encoder or Encoder()
    runs = diff_codes(enc.encode(old), enc.encode(new), timeout=timeout)
    hunks: list[Hunk] = []
    i = j = 0
    for op, length in runs:
        if op == EQUAL:
            hunks.append(Hunk("equal", i, i + length, j, j + length))
            i += length
            j += length
            continue
        di, dj = (length, 0) if op == DELETE else (0, length)
        if hunks and hunks[-1].tag != "equal":
            last = hunks.pop()
            hunks.append(Hunk("replace", last.i1, last.i2 + di, last.j1, last.j2 + dj))
        else:
            hunks.append(Hunk("delete" if op == DELETE else "insert", i, i + di, j, j + dj))
        i += di
        j += dj
    return hunks
