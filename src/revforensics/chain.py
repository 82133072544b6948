"""Chains of revisions: consecutive comparisons, sentence lineage, blame, suspect captures.

A :class:`RevisionChain` is an ordered run of revisions
(:class:`~revforensics.model.Revision`) of one statement. :func:`compare_chain` compares
each version with the next, and reads the comparisons once more to give every sentence
of every version a *lineage id*: the same claim keeps its id through edits, moves,
removals and restores, so a report can say "added in v1, softened in v3, removed in v4,
restored in v6".

Lineage reuses the alignments the pairwise comparisons already computed; it only adds one
normalization per distinct sentence and a few dictionary look-ups per sentence.
"""

from __future__ import annotations

import bisect
import builtins
import datetime as dt
import enum
import functools
import hashlib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import attrs

from revforensics.compare import Comparer
from revforensics.errors import InputError, InputTypeError
from revforensics.findings import Comparison, Finding, FindingKind
from revforensics.ingest.harvest import HarvestNote
from revforensics.lexicon import lexicon, lexicon_map
from revforensics.model import Revision, Sentence, Span
from revforensics.normalize import normalize

if TYPE_CHECKING:
    import os

    from revforensics.ingest.wayback import WaybackClient

__all__ = [
    "ERROR_PAGE_MAX_WORDS",
    "MASS_LOSS_FRACTION",
    "MASS_LOSS_MIN_WORDS",
    "NEAR_EMPTY_WORDS",
    "REVERT_SIMILARITY",
    "BlameLine",
    "ChainComparison",
    "EventKind",
    "Lineage",
    "LineageEvent",
    "Revert",
    "RevisionChain",
    "Step",
    "Suspect",
    "SuspectReason",
    "anchor_key",
    "compare_chain",
]

MASS_LOSS_FRACTION = 0.6
"""A version that has lost this share of the previous good version's words at once is
suspect: a truncated page, a cookie wall or a capture in the wrong language is far more
common than a publisher deleting most of a statement. On the 128 versions of the Open
Terms Archive chains it fires once (TikTok v1, a German capture with 88% fewer words,
undone by the next version); the largest real drops there lose 46-54% of the words (X
dropping a duplicated section), which 0.6 leaves alone."""
MASS_LOSS_MIN_WORDS = 50
"""Mass loss is only judged when the previous good version has at least this many words:
cutting a three-sentence post to one sentence is an edit, not a broken capture."""
NEAR_EMPTY_WORDS = 3
"""A version with fewer words than this (one or two) is near-empty when the previous good
version had at least four times as many: a two-word statement on its own is legitimate."""
ERROR_PAGE_MAX_WORDS = 60
"""Only a text of at most this many words can be an error page; longer texts that mention
"not found" are statements."""
REVERT_SIMILARITY = 0.95
"""Share of distinct sentences (Jaccard, on anchor keys) from which a version counts as a
near-identical return to an earlier one."""


def _tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


@functools.lru_cache(maxsize=65536)
def anchor_key(text: str) -> str:
    """The key a sentence is recognised by across versions.

    It is the sentence's normalized, case-folded text with white space collapsed: the key
    alignment anchors on.

    Example:
        >>> anchor_key("Troops  “advanced”.") == anchor_key('troops "advanced".')
        True
    """
    return " ".join(normalize(text).text.casefold().split())


def _anchor_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


_WORD = re.compile(r"\w+")


def _word_count(text: str) -> int:
    """White-space separated words; 0 when the text holds no letter or digit at all."""
    return len(text.split()) if _WORD.search(text) else 0


# --------------------------------------------------------------------------- the chain


def _labelled(values: Iterable[Revision]) -> tuple[Revision, ...]:
    if isinstance(values, Revision | str | bytes):
        msg = (
            f"RevisionChain takes an iterable of Revision objects, got one "
            f"{type(values).__name__}; wrap it in a list: RevisionChain([rev])"
        )
        raise InputTypeError(msg)
    out = []
    for n, rev in enumerate(values):
        if not isinstance(rev, Revision):
            msg = (
                f"RevisionChain item {n} must be a Revision, got {type(rev).__name__}; "
                "wrap texts first, e.g. Revision(text, label='v1')"
            )
            raise InputTypeError(msg)
        out.append(rev if rev.label else attrs.evolve(rev, label=f"v{n + 1}"))
    return tuple(out)


def _check_revisions(_instance: object, _attribute: object, value: tuple[Revision, ...]) -> None:
    seen: dict[str, int] = {}
    for n, rev in enumerate(value):
        if rev.label in seen:
            msg = (
                f"two revisions share the label {rev.label!r} (positions {seen[rev.label]} "
                f"and {n}); give each a distinct label, e.g. attrs.evolve(rev, label='v{n + 1}')"
            )
            raise InputError(msg)
        seen[rev.label] = n


def _check_order(value: object) -> None:
    if value not in ("time", "given"):
        msg = f"order must be 'time' or 'given', got {value!r}"
        raise InputError(msg)


def _check_time_order(value: tuple[Revision, ...]) -> None:
    for n in range(1, len(value)):
        before, after = value[n - 1], value[n]
        if (
            before.captured_at is not None
            and after.captured_at is not None
            and after.captured_at < before.captured_at
        ):
            msg = (
                f"revisions out of order: {after.label!r} (captured "
                f"{after.captured_at.isoformat()}) comes after {before.label!r} (captured "
                f"{before.captured_at.isoformat()}); pass them oldest first, let "
                "RevisionChain.sorted(revisions) order them by capture time, or pass "
                "order='given' when the order you give is authoritative (a git history)"
            )
            raise InputError(msg)


def _capture_time(revision: Revision) -> dt.datetime:
    assert revision.captured_at is not None  # noqa: S101 - sorted() checked it
    return revision.captured_at


@attrs.frozen
class RevisionChain:
    """The versions of one statement, oldest first.

    Args:
        revisions: The revisions. Neighbours that both have ``captured_at`` must not go
            back in time; labels must be distinct. A revision without a label is labelled
            by its position: ``v1``, ``v2``, … A chain may be empty (a web archive with
            no capture of a page): it can be inspected and appended to, but comparing it
            raises :class:`~revforensics.errors.InputError`.
        order: ``"time"`` (the default) checks that capture times never go back;
            ``"given"`` takes the order given as authoritative and keeps the capture
            times as recorded, even when a clock went backwards (a git history, whose
            commits are in order whatever their dates say).
        notes: What reading the revisions from a web archive met: captures skipped and
            doubts about captures kept (:class:`~revforensics.ingest.harvest.HarvestNote`).
            Reports list them, so a reader knows what the chain does not contain.

    Raises:
        InputError: If two labels repeat, or capture times go backwards (use
            :meth:`sorted` for unordered input).
        InputTypeError: If an item is not a :class:`~revforensics.model.Revision`.

    Example:
        >>> chain = RevisionChain([Revision("Troops advanced."), Revision("Troops held.")])
        >>> [rev.label for rev in chain]
        ['v1', 'v2']
        >>> len(chain.append(Revision("Troops withdrew.")))
        3

    .. versionadded:: 0.1
    """

    revisions: tuple[Revision, ...] = attrs.field(converter=_labelled, validator=_check_revisions)
    order: Literal["time", "given"] = attrs.field(
        default="time",
        kw_only=True,
        validator=lambda _i, _a, value: _check_order(value),
        eq=False,  # how the order was checked, not what the chain holds
    )
    notes: tuple[HarvestNote, ...] = attrs.field(
        default=(),
        kw_only=True,
        converter=_tuple,
        eq=False,  # how the revisions were read, not what the chain holds
    )

    def __attrs_post_init__(self) -> None:
        """Check the capture times' order, unless the order given is authoritative."""
        if self.order == "time":
            _check_time_order(self.revisions)

    @classmethod
    def sorted(cls, revisions: Iterable[Revision]) -> RevisionChain:
        """Make a chain from revisions in any order, sorted by ``captured_at`` (stable).

        Raises:
            InputError: If a revision has no ``captured_at``: it cannot be placed.
        """
        items = list(revisions)
        for n, rev in enumerate(items):
            if isinstance(rev, Revision) and rev.captured_at is None:
                msg = (
                    f"cannot sort by capture time: revision {n} ({rev.label or 'unlabelled'}) "
                    "has no captured_at; set it, or pass the revisions in order to "
                    "RevisionChain(...)"
                )
                raise InputError(msg)
        return cls(builtins.sorted(items, key=_capture_time))

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> RevisionChain:
        """Read UTF-8 text files, in the order given, into a chain.

        Raises:
            ReadError: If a file is missing, binary, not UTF-8 or empty.
        """
        from revforensics.ingest.text import read_text_file  # noqa: PLC0415 - only here

        return cls(read_text_file(path) for path in paths)

    @classmethod
    def from_git(cls, repo: str | Path, path: str) -> RevisionChain:
        """Every committed version of ``path`` in a git repository, oldest first.

        Renames are followed; ``captured_at`` is the commit time and the label the short
        commit hash. The history's order is authoritative (``order="given"``): a commit
        whose date is earlier than its parent's, from a skewed clock, stays in place.
        """
        from revforensics.ingest.git import revisions_from_git  # noqa: PLC0415 - only here

        # Commits are in history order whatever their dates say: a scraper host whose
        # clock ran behind still committed after the one before.
        return cls(revisions_from_git(repo, path), order="given")

    @classmethod
    def from_wayback(  # noqa: PLR0913 - each option is a keyword of its own
        cls,
        url: str,
        *,
        since: dt.date | dt.datetime | str | None = None,
        until: dt.date | dt.datetime | str | None = None,
        client: WaybackClient | None = None,
        cache: str | os.PathLike[str] | None = None,
        progress: Callable[[int, int], object] | None = None,
    ) -> RevisionChain:
        """Every distinct capture of ``url`` in the Wayback Machine, oldest first.

        Needs the extra ``[wayback]`` (and ``[html]`` for HTML pages). The arguments are
        those of :func:`~revforensics.ingest.wayback.revisions_from_wayback`; captures
        skipped and doubts about kept ones become the chain's :attr:`notes`. A URL with
        no capture in the period gives an empty chain whose note says so; one whose
        captures were all skipped, a note saying how many were listed.

        Raises:
            WaybackError: If the capture list cannot be fetched after the retries.
            MissingExtraError: If ``httpx`` is not installed.
        """
        from revforensics.ingest.wayback import revisions_from_wayback  # noqa: PLC0415

        # The reader's own note says when the archive has no capture, or none readable.
        harvest = revisions_from_wayback(
            url, since=since, until=until, client=client, cache=cache, progress=progress
        )
        return cls(harvest.revisions, notes=harvest.notes)

    @classmethod
    def from_warc(
        cls, paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], *, url: str
    ) -> RevisionChain:
        """Every distinct capture of ``url`` in WARC or ARC files, oldest first.

        Needs the extra ``[warc]`` (and ``[html]`` for HTML pages). The arguments are
        those of :func:`~revforensics.ingest.warc.revisions_from_warc`; records skipped
        and doubts about kept ones become the chain's :attr:`notes`. A URL the files do
        not hold gives an empty chain whose note names the nearest URLs they do hold.

        Raises:
            ReadError: If a file is missing or is not a WARC or ARC file.
            MissingExtraError: If ``warcio`` is not installed.
        """
        from revforensics.ingest.warc import revisions_from_warc  # noqa: PLC0415 - only here

        # The reader's own note says when the files hold no capture of the URL, naming the
        # nearest URLs they do hold.
        harvest = revisions_from_warc(paths, url=url)
        return cls(harvest.revisions, notes=harvest.notes)

    def append(self, revision: Revision) -> RevisionChain:
        """A new chain with ``revision`` added at the end (this one is unchanged)."""
        return attrs.evolve(self, revisions=(*self.revisions, revision))

    def compare(
        self,
        *,
        comparer: Comparer | None = None,
        progress: Callable[[int, int], object] | None = None,
    ) -> ChainComparison:
        """Compare the chain; see :func:`compare_chain`."""
        return compare_chain(self, comparer=comparer, progress=progress)

    def index(self, version: int | str) -> int:
        """The position of a version given by position or by label.

        Negative positions count from the end.

        Raises:
            InputError: If there is no such position or label.
        """
        if isinstance(version, int) and not isinstance(version, bool):
            if -len(self.revisions) <= version < len(self.revisions):
                return version % len(self.revisions)
            msg = f"no version {version} in a chain of {len(self.revisions)}; count from 0"
            raise InputError(msg)
        for n, rev in enumerate(self.revisions):
            if rev.label == version:
                return n
        labels = [rev.label for rev in self.revisions]
        msg = f"no version labelled {version!r}; the labels are {labels}"
        raise InputError(msg)

    def __len__(self) -> int:
        """The number of versions."""
        return len(self.revisions)

    def __iter__(self) -> Iterator[Revision]:
        """The versions, oldest first."""
        return iter(self.revisions)

    @overload
    def __getitem__(self, index: int) -> Revision: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Revision, ...]: ...
    def __getitem__(self, index: int | slice) -> Revision | tuple[Revision, ...]:
        """A version by position, or a tuple of them for a slice."""
        return self.revisions[index]


# --------------------------------------------------------------------------- results


class EventKind(enum.StrEnum):
    """What happened to a lineage (a claim) at one version."""

    INTRODUCED = "introduced"
    CHANGED = "changed"
    MOVED = "moved"
    DUPLICATED = "duplicated"
    MERGED = "merged"
    REMOVED = "removed"
    RESTORED = "restored"


class SuspectReason(enum.StrEnum):
    """Why a capture is suspect."""

    EMPTY = "empty"
    NEAR_EMPTY = "near_empty"
    ERROR_PAGE = "error_page"
    MASS_LOSS = "mass_loss"


@attrs.frozen
class Suspect:
    """A version that looks like a broken capture rather than an edit.

    Args:
        version: Its position in the chain.
        reasons: Why it is suspect.
        detail: The measurements behind the reasons, for a reader.
        confirmed_by: The later version that kept the lost text gone, when the loss was
            confirmed; the version then counts as a real edit.

    .. versionadded:: 0.1
    """

    version: int
    reasons: tuple[SuspectReason, ...] = attrs.field(converter=_tuple)
    detail: str
    confirmed_by: int | None = None

    @property
    def confirmed(self) -> bool:
        """Whether a later version confirmed the loss."""
        return self.confirmed_by is not None


@attrs.frozen
class Step:
    """One comparison of the chain.

    Args:
        old: Position of the old version.
        new: Position of the new version.
        comparison: The full comparison, never filtered.
        bridge: ``True`` for a comparison across suspect versions (the previous good
            version with the next good one); ``False`` for neighbours.
        held: ``True`` when the step leads into or out of an unconfirmed suspect
            version: its findings are not reported (see :attr:`findings`).
        confirmed_loss: ``True`` when the new version was suspect of mass loss and a
            later version confirmed it.

    .. versionadded:: 0.1
    """

    old: int
    new: int
    comparison: Comparison
    bridge: bool = False
    held: bool = False
    confirmed_loss: bool = False

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The reported findings: none for a held step, else the comparison's."""
        return () if self.held else self.comparison.findings


@attrs.frozen
class LineageEvent:
    """One thing that happened to a lineage.

    Args:
        kind: What happened.
        version: The version where it shows.
        step: Index in :attr:`ChainComparison.steps` of the comparison that shows it
            (``None`` for claims present in the first good version).
        findings: That comparison's findings touching the claim.
        since: For ``restored``, the last version the claim was in before.
        into: For ``merged``, the lineage that absorbed it.
        confirmed: For ``removed`` at a suspect version whose loss a later one confirmed.

    .. versionadded:: 0.1
    """

    kind: EventKind = attrs.field(converter=EventKind)
    version: int
    step: int | None = None
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_tuple)
    since: int | None = None
    into: str | None = None
    confirmed: bool = False


@attrs.frozen
class Lineage:
    """A claim followed through the chain.

    Args:
        id: ``L1``, ``L2``, … in order of first appearance.
        anchor: Hash of the anchor key of the sentence that started it.
        text: That sentence's text.
        versions: The versions it appears in.
        events: What happened to it, in version order. Empty for a lineage seen only in
            unconfirmed suspect versions.

    .. versionadded:: 0.1
    """

    id: str
    anchor: str
    text: str
    versions: tuple[int, ...] = attrs.field(converter=_tuple)
    events: tuple[LineageEvent, ...] = attrs.field(converter=_tuple)


@attrs.frozen
class Revert:
    """A version that returns to an earlier one.

    Args:
        version: The reverting version.
        to: The earlier version it returns to (not its predecessor).
        exact: Whether the texts are identical character for character.
        similarity: Jaccard similarity of their distinct sentences (anchor keys).

    .. versionadded:: 0.1
    """

    version: int
    to: int
    exact: bool
    similarity: float


@attrs.frozen
class BlameLine:
    """Who wrote one sentence: where its claim came in and where it changed.

    .. versionadded:: 0.1
    """

    sentence: Sentence
    lineage: str
    introduced: int
    changed: tuple[int, ...] = attrs.field(converter=_tuple)
    events: tuple[LineageEvent, ...] = attrs.field(converter=_tuple)


@attrs.frozen
class ChainComparison:
    """The comparison of a whole chain.

    Args:
        chain: The chain compared.
        steps: First the ``len(chain) - 1`` neighbour comparisons, step ``i`` comparing
            version ``i`` with ``i + 1``; then the bridges across suspect versions.
        net: The first good version compared with the last good one.
        sentences: Per version, its sentences.
        lineage_ids: Per version, the lineage id of each sentence.
        lineages: Every lineage, in order of first appearance.
        suspects: The suspect versions, with their reasons.
        reverts: The versions that return to an earlier one.

    .. versionadded:: 0.1
    """

    chain: RevisionChain
    steps: tuple[Step, ...] = attrs.field(converter=_tuple)
    net: Step
    sentences: tuple[tuple[Sentence, ...], ...] = attrs.field(converter=_tuple)
    lineage_ids: tuple[tuple[str, ...], ...] = attrs.field(converter=_tuple)
    lineages: tuple[Lineage, ...] = attrs.field(converter=_tuple)
    suspects: tuple[Suspect, ...] = attrs.field(converter=_tuple)
    reverts: tuple[Revert, ...] = attrs.field(converter=_tuple)

    def lineage(self, lineage_id: str) -> Lineage:
        """The lineage with that id.

        Raises:
            InputError: If there is none.
        """
        for found in self.lineages:
            if found.id == lineage_id:
                return found
        msg = f"no lineage {lineage_id!r}; ids run from L1 to L{len(self.lineages)}"
        raise InputError(msg)

    def suspect(self, version: int | str) -> Suspect | None:
        """The suspect record of a version, or ``None`` when it looks sound."""
        index = self.chain.index(version)
        return next((s for s in self.suspects if s.version == index), None)

    def blame(self, version: int | str) -> tuple[BlameLine, ...]:
        """For each sentence of a version: where its claim came in and where it changed.

        Only versions up to the chosen one count.

        Args:
            version: A position (negative counts from the end) or a label.

        Example:
            >>> chain = RevisionChain([
            ...     Revision("Troops advanced. The bridge is held."),
            ...     Revision("Troops advanced. The bridge is probably held."),
            ... ])
            >>> [(b.sentence.text, b.introduced, b.changed) for b in chain.compare().blame(-1)]
            [('Troops advanced.', 0, ()), ('The bridge is probably held.', 0, (1,))]
        """
        index = self.chain.index(version)
        by_id = {lin.id: lin for lin in self.lineages}
        lines = []
        for sentence, lineage_id in zip(
            self.sentences[index], self.lineage_ids[index], strict=True
        ):
            lin = by_id[lineage_id]
            events = tuple(e for e in lin.events if e.version <= index)
            introduced = next(
                (e.version for e in events if e.kind is EventKind.INTRODUCED), lin.versions[0]
            )
            changed = tuple(e.version for e in events if e.kind is EventKind.CHANGED)
            lines.append(BlameLine(sentence, lineage_id, introduced, changed, events))
        return tuple(lines)

    def _repr_html_(self) -> str:
        """The HTML chain report as a fragment, so Jupyter shows it for a result."""
        from revforensics.render.chain_html import render_chain_html_fragment  # noqa: PLC0415

        return render_chain_html_fragment(self)

    def to_dict(self) -> dict[str, Any]:
        """The chain comparison as a ``revforensics.chain/1`` object."""
        from revforensics.render.chain_json import chain_to_dict  # noqa: PLC0415 - cycle

        return chain_to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The chain comparison as ``revforensics.chain/1`` JSON text."""
        from revforensics.render.chain_json import chain_to_json  # noqa: PLC0415 - cycle

        return chain_to_json(self, indent=indent)


# --------------------------------------------------------------------------- suspects


@functools.cache
def _error_page_patterns() -> dict[str, re.Pattern[str]]:
    """One pattern per strength (``strong``, ``weak``) of the ``error_pages`` lexicon."""
    out = {}
    entries = lexicon_map("error_pages")
    for strength in ("strong", "weak"):
        phrases = sorted((p for p, s in entries.items() if s == strength), key=len, reverse=True)
        out[strength] = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)")
    return out


def _error_phrase(text: str, *, collapsed: bool) -> str | None:
    folded = normalize(text).text.casefold()
    patterns = _error_page_patterns()
    match = patterns["strong"].search(folded) or (
        patterns["weak"].search(folded) if collapsed else None
    )
    return match[0] if match else None


ERROR_PAGE_SHARED = 0.5
"""A short capture with a weak error phrase ("not found") is an error page only if less
than this share of its content words were in the version before: "The twelve sailors
were not found." after a report on the sailors is a statement, not a 404 page."""


def _content_words(text: str) -> set[str]:
    stop = lexicon("stopwords")
    return {w for w in _WORD.findall(normalize(text).text.casefold()) if w not in stop}


def _unrelated(text: str, base_text: str | None) -> bool:
    """Whether a capture shares little of its wording with the version before."""
    if base_text is None:
        return True
    mine = _content_words(text)
    return not mine or len(mine & _content_words(base_text)) < ERROR_PAGE_SHARED * len(mine)


def _suspect_reasons(
    text: str, words: int, base_words: int | None, base_text: str | None = None
) -> list[tuple[SuspectReason, str]]:
    """Why a text is suspect as the version after one of ``base_words`` words."""
    reasons: list[tuple[SuspectReason, str]] = []
    if words == 0:
        reasons.append((SuspectReason.EMPTY, "no words"))
    elif words < NEAR_EMPTY_WORDS and base_words is not None and base_words >= 4 * NEAR_EMPTY_WORDS:
        reasons.append((SuspectReason.NEAR_EMPTY, f"{words} word(s)"))
    if 0 < words <= ERROR_PAGE_MAX_WORDS:
        collapsed = base_words is not None and words * 2 < base_words
        phrase = _error_phrase(text, collapsed=collapsed and _unrelated(text, base_text))
        if phrase:
            reasons.append((SuspectReason.ERROR_PAGE, f"{words} words including {phrase!r}"))
    if (
        base_words is not None
        and base_words >= MASS_LOSS_MIN_WORDS
        and words < (1 - MASS_LOSS_FRACTION) * base_words
    ):
        lost = 1 - words / base_words
        reasons.append(
            (SuspectReason.MASS_LOSS, f"{base_words} -> {words} words ({lost:.0%} lost at once)")
        )
    return reasons


def _find_suspects(revisions: Sequence[Revision]) -> tuple[list[int], dict[int, Suspect]]:
    """The good versions in order, and the suspect ones (confirmed or not)."""
    words = [_word_count(rev.text) for rev in revisions]
    good: list[int] = []
    suspects: dict[int, Suspect] = {}
    pending: list[int] = []

    def reasons(k: int, base: int | None) -> list[tuple[SuspectReason, str]]:
        if base is None:
            return _suspect_reasons(revisions[k].text, words[k], None)
        return _suspect_reasons(revisions[k].text, words[k], words[base], revisions[base].text)

    for k in range(len(revisions)):
        found = reasons(k, good[-1] if good else None)
        if not found:
            good.append(k)
            pending = []
            continue
        for s in pending:
            # A loss is confirmed when a later version is sound next to the suspect one:
            # the text that went stays gone. An empty page or an error page never is.
            if SuspectReason.MASS_LOSS in suspects[s].reasons and not reasons(k, s):
                suspects[s] = attrs.evolve(suspects[s], confirmed_by=k)
                good += [s, k]
                pending = []
                break
        else:
            suspects[k] = Suspect(
                k, [r for r, _ in found], "; ".join(f"{r.value}: {d}" for r, d in found)
            )
            pending.append(k)
    return good, suspects


# --------------------------------------------------------------------------- lineage


class _Spans:
    """Finds the sentences a span overlaps by bisection (sentences are in text order)."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.starts = [s.span.start for s in sentences]
        self.ends = [s.span.end for s in sentences]

    def touching(self, span: Span | None) -> range:
        if span is None or span.start == span.end:
            return range(0)
        first = bisect.bisect_right(self.ends, span.start)
        last = bisect.bisect_left(self.starts, span.end)
        return range(first, max(first, last))


class _Builder:
    """Assigns lineage ids version by version and collects events."""

    def __init__(self, sentences: Sequence[tuple[Sentence, ...]]) -> None:
        self.sentences = sentences
        self.keys = [[anchor_key(s.text) for s in version] for version in sentences]
        self.ids: list[list[int]] = [[] for _ in sentences]
        self.by_key: dict[str, int] = {}
        self.first: list[tuple[str, str]] = []  # per lineage: (anchor hash, text)
        self.events: dict[int, list[LineageEvent]] = defaultdict(list)
        self.last_good: dict[int, int] = {}  # lineage -> last good version it was in

    def assign(self, k: int, source: int | None, cmp: Comparison | None) -> None:
        """Give version ``k``'s sentences ids, through ``cmp`` (source -> k) links."""
        inherited: dict[int, int] = {}
        if cmp is not None and source is not None:
            for link in cmp.alignment:
                if link.op in ("equal", "edited") and link.old:
                    for j in link.new:
                        inherited[j] = self.ids[source][link.old[0]]
        out = self.ids[k]
        for j, key in enumerate(self.keys[k]):
            lineage = self.by_key.get(key)
            if lineage is None:
                lineage = inherited.get(j)
                if lineage is None:
                    lineage = len(self.first)
                    self.first.append((_anchor_hash(key), self.sentences[k][j].text))
                self.by_key[key] = lineage
            out.append(lineage)

    def first_good(self, k: int) -> None:
        for lineage in dict.fromkeys(self.ids[k]):
            self.events[lineage].append(LineageEvent(EventKind.INTRODUCED, k))
            self.last_good[lineage] = k

    def transition(  # noqa: C901, PLR0912 - one pass over the lineages of two versions
        self, a: int, b: int, step: int, cmp: Comparison, *, confirmed: bool
    ) -> None:
        """Events for good version ``b`` after good version ``a``."""
        ids_a, ids_b = self.ids[a], self.ids[b]
        count_a, count_b = Counter(ids_a), Counter(ids_b)
        keys_a: dict[int, set[str]] = defaultdict(set)
        keys_b: dict[int, set[str]] = defaultdict(set)
        for lineage, key in zip(ids_a, self.keys[a], strict=True):
            keys_a[lineage].add(key)
        for lineage, key in zip(ids_b, self.keys[b], strict=True):
            keys_b[lineage].add(key)
        touched: dict[int, list[Finding]] = defaultdict(list)
        old_spans, new_spans = _Spans(cmp.old_sentences), _Spans(cmp.new_sentences)
        for finding in cmp.findings:
            hit = {ids_a[i] for i in old_spans.touching(finding.old)}
            hit |= {ids_b[j] for j in new_spans.touching(finding.new)}
            for lineage in hit:
                touched[lineage].append(finding)
        moved: set[int] = set()
        merged: dict[int, int] = {}
        for link in cmp.alignment:
            if link.op not in ("equal", "edited") or not link.new:
                continue
            if link.moved:
                moved.update(ids_b[j] for j in link.new)
            into = ids_b[link.new[0]]
            for i in link.old:
                if ids_a[i] != into:
                    merged.setdefault(ids_a[i], into)
        for lineage in dict.fromkeys(ids_b):
            found = touched.get(lineage, [])
            kept = [f for f in found if f.kind is not FindingKind.MOVED]
            if lineage not in count_a:
                if lineage in self.last_good:
                    event = LineageEvent(
                        EventKind.RESTORED, b, step, found, since=self.last_good[lineage]
                    )
                else:
                    event = LineageEvent(EventKind.INTRODUCED, b, step, found)
                self.events[lineage].append(event)
                continue
            if lineage in moved:
                shifts = [f for f in found if f.kind is FindingKind.MOVED]
                self.events[lineage].append(LineageEvent(EventKind.MOVED, b, step, shifts))
            if keys_a[lineage] == keys_b[lineage] and count_b[lineage] > count_a[lineage]:
                # The same words once more: the finding is the added copy.
                self.events[lineage].append(LineageEvent(EventKind.DUPLICATED, b, step, kept))
            elif keys_a[lineage] != keys_b[lineage] or kept:
                self.events[lineage].append(LineageEvent(EventKind.CHANGED, b, step, kept))
        for lineage in dict.fromkeys(ids_a):
            if lineage in count_b:
                continue
            if lineage in merged and merged[lineage] in count_b:
                event = LineageEvent(
                    EventKind.MERGED,
                    b,
                    step,
                    touched.get(lineage, []),
                    into=f"L{merged[lineage] + 1}",
                )
            else:
                event = LineageEvent(
                    EventKind.REMOVED, b, step, touched.get(lineage, []), confirmed=confirmed
                )
            self.events[lineage].append(event)
        for lineage in ids_b:
            self.last_good[lineage] = b

    def lineages(self) -> tuple[Lineage, ...]:
        versions: dict[int, list[int]] = defaultdict(list)
        for k, ids in enumerate(self.ids):
            for lineage in dict.fromkeys(ids):
                versions[lineage].append(k)
        return tuple(
            Lineage(f"L{n + 1}", anchor, text, versions[n], self.events.get(n, ()))
            for n, (anchor, text) in enumerate(self.first)
        )


def _reverts(
    revisions: Sequence[Revision], good: Sequence[int], keys: Sequence[Sequence[str]]
) -> list[Revert]:
    """Good versions that return to an earlier good version other than their predecessor."""
    found = []
    sets = {k: frozenset(keys[k]) for k in good}

    def similarity(x: int, y: int) -> float:
        union = len(sets[x] | sets[y])
        return len(sets[x] & sets[y]) / union if union else 1.0

    for pos in range(2, len(good)):
        b, a = good[pos], good[pos - 1]
        if keys[b] == keys[a]:
            continue
        near = similarity(b, a)
        best: tuple[float, int] | None = None
        for j in good[: pos - 1]:
            # Sizes bound the similarity: skip pairs that cannot reach the threshold.
            small, large = sorted((len(sets[b]), len(sets[j])))
            if large and small / large < REVERT_SIMILARITY:
                continue
            sim = 1.0 if keys[j] == keys[b] else similarity(b, j)
            if sim >= REVERT_SIMILARITY and sim > near and (best is None or sim >= best[0]):
                best = (sim, j)
        if best is not None:
            sim, j = best
            exact = revisions[j].text == revisions[b].text
            found.append(Revert(b, j, exact=exact, similarity=round(sim, 4)))
    return found


# --------------------------------------------------------------------------- compare


class _Counted:
    """Compares through a comparer and reports ``(done, total)`` after each comparison."""

    def __init__(
        self, comparer: Comparer, total: int, progress: Callable[[int, int], object] | None
    ) -> None:
        self.comparer = comparer
        self.total = total
        self.progress = progress
        self.done = 0

    def __call__(self, old: Revision, new: Revision) -> Comparison:
        cmp = self.comparer.compare(old, new)
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)
        return cmp


def _check_comparable(chain: object) -> None:
    if not isinstance(chain, RevisionChain):
        msg = (
            f"compare_chain() takes a RevisionChain, got {type(chain).__name__}; "
            "wrap the revisions: RevisionChain(revisions)"
        )
        raise InputTypeError(msg)
    if not chain.revisions:
        why = "; ".join(f"{note.where}: {note.message}" for note in chain.notes)
        msg = "the chain has no versions, so there is nothing to compare" + (
            f" ({why})" if why else ""
        )
        raise InputError(msg)


def compare_chain(
    chain: RevisionChain,
    *,
    comparer: Comparer | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> ChainComparison:
    """Compare every version with the next, follow each sentence's lineage, flag suspects.

    Args:
        chain: The versions, oldest first.
        comparer: The pipeline for each pairwise comparison; the defaults when omitted.
        progress: Called as ``progress(done, total)`` after each pairwise comparison,
            for a progress bar. ``total`` counts every comparison the chain needs (the
            neighbours, the bridges across suspect versions and the net comparison when
            it is not one of those) and is known before the first; ``done`` runs from 1
            to ``total``. A chain of one version makes one comparison.

    Returns:
        Steps (neighbour comparisons, then bridges across suspect versions), the net
        comparison of the first and last good versions, lineage ids for every sentence,
        the lineages with their events, suspect versions and reverts.

    Raises:
        InputTypeError: If ``chain`` is not a :class:`RevisionChain`.
        InputError: If the chain is empty; the message gives its notes (why a web
            archive gave no capture).

    Example:
        >>> chain = RevisionChain([
        ...     Revision("Troops advanced. The bridge is held.", label="09:12"),
        ...     Revision("Troops advanced.", label="11:40"),
        ...     Revision("Troops advanced. The bridge is held.", label="14:05"),
        ... ])
        >>> result = compare_chain(chain)
        >>> [(e.kind.value, e.version) for e in result.lineage("L2").events]
        [('introduced', 0), ('removed', 1), ('restored', 2)]
        >>> result.reverts[0].to, result.reverts[0].exact
        (0, True)

    .. versionadded:: 0.1
    """
    _check_comparable(chain)
    comparer = comparer or Comparer()
    revisions = chain.revisions
    n = len(revisions)
    good, suspects = _find_suspects(revisions)
    first, last = (good[0], good[-1]) if good else (0, n - 1)
    net_reused = n == 2 and (first, last) == (0, 1)
    bridges = sum(1 for a, b in itertools.pairwise(good) if b != a + 1)
    compared = _Counted(comparer, (n - 1) + bridges + (not net_reused), progress)
    pairs = [compared(a, b) for a, b in itertools.pairwise(revisions)]
    unconfirmed = {k for k, s in suspects.items() if not s.confirmed}

    steps = [
        Step(
            i,
            i + 1,
            cmp,
            held=i in unconfirmed or i + 1 in unconfirmed,
            confirmed_loss=i + 1 in suspects and suspects[i + 1].confirmed,
        )
        for i, cmp in enumerate(pairs)
    ]
    # Neighbouring good versions compare through their step; others through a bridge.
    through: dict[int, tuple[int, Comparison]] = {}
    for a, b in itertools.pairwise(good):
        if b == a + 1:
            through[b] = (a, pairs[a])
        else:
            cmp = compared(revisions[a], revisions[b])
            through[b] = (len(steps), cmp)
            steps.append(
                Step(a, b, cmp, bridge=True, confirmed_loss=b in suspects and suspects[b].confirmed)
            )

    if n == 1:
        net = Step(0, 0, compared(revisions[0], revisions[0]))
        sentences: list[tuple[Sentence, ...]] = [net.comparison.old_sentences]
    else:
        sentences = [pairs[0].old_sentences, *(cmp.new_sentences for cmp in pairs)]
        if net_reused:
            net = Step(0, 1, pairs[0])
        else:
            net = Step(first, last, compared(revisions[first], revisions[last]))

    builder = _Builder(sentences)
    good_set = set(good)
    previous_good: int | None = None
    for k in range(n):
        if k in good_set and previous_good is not None:
            step_index, cmp = through[k]
            builder.assign(k, previous_good, cmp)
            builder.transition(
                previous_good,
                k,
                step_index,
                cmp,
                confirmed=k in suspects and suspects[k].confirmed,
            )
        else:
            builder.assign(k, k - 1 if k else None, pairs[k - 1] if k else None)
            if k in good_set:
                builder.first_good(k)
        if k in good_set:
            previous_good = k

    return ChainComparison(
        chain=chain,
        steps=steps,
        net=net,
        sentences=sentences,
        lineage_ids=[tuple(f"L{i + 1}" for i in ids) for ids in builder.ids],
        lineages=builder.lineages(),
        suspects=[suspects[k] for k in sorted(suspects)],
        reverts=_reverts(revisions, good, builder.keys),
    )
