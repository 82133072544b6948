"""What every chain report says the same way: each version's status and each claim's story.

The text, Markdown and HTML chain reports all read a
:class:`~revforensics.chain.ChainComparison` through these helpers, so they never disagree
on which step reports a version, which claims changed, or how an event is worded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from revforensics.chain import (
    ChainComparison,
    EventKind,
    Lineage,
    LineageEvent,
    Revert,
    Step,
    Suspect,
)
from revforensics.findings import Verdict
from revforensics.ingest.harvest import HarvestNote

__all__ = [
    "NOTES_TITLE",
    "VersionRow",
    "changed_lineages",
    "event_phrase",
    "is_quiet",
    "note_line",
    "quiet_summary",
    "reading_order",
    "step_groups",
    "story",
    "version_rows",
]

_WORDS = {
    EventKind.INTRODUCED: "added",
    EventKind.MOVED: "moved",
    EventKind.DUPLICATED: "repeated",
    EventKind.REMOVED: "removed",
    EventKind.RESTORED: "restored",
}


def event_phrase(event: LineageEvent, at: str) -> str:
    """What happened, with ``at`` (the version, as the format writes it) in its place.

    A change is named by the kinds of its findings (``softened, number changed in v3``),
    or ``edited`` when the words changed but no finding names it.

    Example:
        >>> from revforensics.chain import LineageEvent
        >>> event_phrase(LineageEvent("restored", 3, 2, since=1), "v4")
        'restored in v4'
    """
    if event.kind is EventKind.CHANGED:
        kinds = list(dict.fromkeys(f.kind.value.replace("_", " ") for f in event.findings))
        return f"{', '.join(kinds) or 'edited'} in {at}"
    if event.kind is EventKind.MERGED:
        return f"merged into {event.into} in {at}"
    if event.kind is EventKind.REMOVED and event.confirmed:
        return f"removed in {at} (a suspect loss, confirmed later)"
    return f"{_WORDS[event.kind]} in {at}"


def story(lineage: Lineage, at: Callable[[LineageEvent], str]) -> str:
    """A claim's story in one line: ``present in v1, softened in v3, removed in v4``.

    ``at`` writes the version of an event (a label, or a link to it). A claim present in
    the first sound version starts ``present in``, one added later ``added in``.
    """
    parts = [event_phrase(event, at(event)) for event in lineage.events]
    if lineage.events and lineage.events[0].step is None:
        parts[0] = f"present in {at(lineage.events[0])}"
    return ", ".join(parts)


def changed_lineages(result: ChainComparison) -> list[Lineage]:
    """The lineages with a story.

    Left out are those never seen in a sound version, and those present from the first
    version on and never touched.
    """
    return [
        lin
        for lin in result.lineages
        if lin.events and not (len(lin.events) == 1 and lin.events[0].step is None)
    ]


class VersionRow(NamedTuple):
    """One version as the timeline shows it.

    Attributes:
        version: Its position in the chain.
        step: The index in ``result.steps`` of the reported comparison that leads to it,
            or ``None`` for the first sound version and for unconfirmed suspects.
        status: ``first``, ``suspect``, or the verdict of that step.
        findings: How many findings that step reports.
        bridge: Whether that step compares across suspect versions.
        old: The version that step compares with (the previous sound one), or ``None``.
        suspect: Its suspect record, if any (confirmed or not).
        revert: Its revert record, if it returns to an earlier version.
    """

    version: int
    step: int | None
    status: str
    findings: int
    bridge: bool
    old: int | None
    suspect: Suspect | None
    revert: Revert | None


def version_rows(result: ChainComparison) -> list[VersionRow]:
    """Each version's status, in chain order."""
    # Bridges come after the neighbour steps, so a bridge into a version wins over the
    # (held) neighbour step into it.
    into = {step.new: (n, step) for n, step in enumerate(result.steps) if not step.held}
    suspects = {s.version: s for s in result.suspects}
    reverts = {r.version: r for r in result.reverts}
    rows = []
    for k in range(len(result.chain)):
        suspect = suspects.get(k)
        step: int | None = None
        findings = 0
        bridge = False
        old: int | None = None
        if suspect is not None and not suspect.confirmed:
            status = "suspect"
        elif k in into and k != 0:
            step, reported = into[k]
            status = reported.comparison.verdict.value
            findings = len(reported.findings)
            bridge = reported.bridge
            old = reported.old
        else:
            status = "first"
        rows.append(VersionRow(k, step, status, findings, bridge, old, suspect, reverts.get(k)))
    return rows


def is_quiet(step: Step) -> bool:
    """A reported step with nothing to read: no finding, verdict unchanged or cosmetic."""
    return (
        not step.held
        and not step.findings
        and step.comparison.verdict is not (Verdict.MEANING_CHANGED)
    )


def reading_order(result: ChainComparison) -> list[int]:
    """Step indices in reading order: each bridge right after the held step into its version."""
    neighbours = len(result.chain) - 1
    bridges: dict[int, list[int]] = {}
    for n, step in enumerate(result.steps[neighbours:], neighbours):
        bridges.setdefault(step.new, []).append(n)
    order = []
    for n in range(neighbours):
        order.append(n)
        order.extend(bridges.get(n + 1, []))
    return order


def step_groups(result: ChainComparison) -> list[list[int]]:
    """Steps in reading order, with each run of quiet steps (see :func:`is_quiet`) as one group.

    A report writes a group of more than one step as a single line, so a chain of many
    identical captures stays short.
    """
    groups: list[list[int]] = []
    for n in reading_order(result):
        quiet = is_quiet(result.steps[n])
        if quiet and groups and len(groups[-1]) and is_quiet(result.steps[groups[-1][-1]]):
            groups[-1].append(n)
        else:
            groups.append([n])
    return groups


def quiet_summary(result: ChainComparison, group: list[int]) -> str:
    """``2 unchanged, 1 cosmetic``: what a run of quiet steps holds."""
    unchanged = sum(result.steps[n].comparison.verdict is Verdict.UNCHANGED for n in group)
    cosmetic = len(group) - unchanged
    parts = [f"{unchanged} unchanged"] if unchanged else []
    parts += [f"{cosmetic} cosmetic only"] if cosmetic else []
    return ", ".join(parts)


NOTES_TITLE = "Notes from reading the archive"
"""The heading over a chain's :attr:`~revforensics.chain.RevisionChain.notes`."""


def note_line(note: HarvestNote) -> tuple[str, str]:
    """``(tag, text)`` for one note: ``skipped`` or ``note``, then ``where: message``.

    Example:
        >>> note_line(HarvestNote("CDX line 7", "it has 4 fields, not 6", skipped=True))
        ('skipped', 'CDX line 7: it has 4 fields, not 6')
    """
    return ("skipped" if note.skipped else "note", f"{note.where}: {note.message}")
