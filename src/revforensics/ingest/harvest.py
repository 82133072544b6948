"""What reading a web archive gives: the revisions, and what was skipped or doubtful.

Reading many captures from a web archive (the Wayback Machine, a WARC file) is never
all-or-nothing: one CDX line is malformed, one record is truncated, one page is a PDF.
Those captures are skipped and *reported*, never fatal to the rest and never dropped in
silence, so a reader of the chain knows what it does not contain.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from revforensics.model import Revision

__all__ = ["Harvest", "HarvestNote"]


def _tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


@attrs.frozen
class HarvestNote:
    """One problem met while reading an archive.

    Attributes:
        where: Which capture or record, in terms the reader can look up: ``"CDX line
            7"``, ``"capture 20240301120000"``, ``"record 12 (offset 40960) of
            crawl.warc.gz"``.
        message: What went wrong, in one sentence.
        skipped: ``True`` when the capture is not among the revisions because of it;
            ``False`` for a doubt about a capture that was kept (a digest that does not
            match, a charset that had to be guessed).

    Example:
        >>> HarvestNote("CDX line 3", "it has 4 fields, not 7", skipped=True).skipped
        True

    .. versionadded:: 0.1
    """

    where: str
    message: str
    skipped: bool = attrs.field(kw_only=True)


@attrs.frozen
class Harvest:
    """The revisions read from an archive, oldest first, and the notes on what was not.

    Attributes:
        revisions: One revision per distinct capture, oldest first.
        notes: Every capture skipped, and every doubt about one kept, in the order met.

    Example:
        >>> harvest = Harvest([Revision("Troops advanced.")],
        ...                   [HarvestNote("CDX line 2", "no timestamp", skipped=True)])
        >>> len(harvest.revisions), [note.where for note in harvest.skipped]
        (1, ['CDX line 2'])

    .. versionadded:: 0.1
    """

    revisions: tuple[Revision, ...] = attrs.field(converter=_tuple)
    notes: tuple[HarvestNote, ...] = attrs.field(default=(), converter=_tuple)

    @property
    def skipped(self) -> tuple[HarvestNote, ...]:
        """The notes on captures left out."""
        return tuple(note for note in self.notes if note.skipped)
