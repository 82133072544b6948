"""Assertions and pytest fixtures for pipelines that rewrite official statements.

A pipeline that summarizes, translates or republishes a statement must not drop or soften
what it asserts. These helpers compare the text that went in with the text that came out
and fail with the findings and their evidence, quoted from both texts::

    from revforensics.testing import assert_no_meaning_change

    def test_cleanup_keeps_the_claims():
        assert_no_meaning_change(original, clean_up(original))

The module is also a pytest plugin, registered through the ``pytest11`` entry point as
``revforensics``: installing the package gives every test suite the
``revforensics_comparer`` and ``revforensics_compare`` fixtures. Disable it with
``-p no:revforensics``. Importing :mod:`revforensics` never imports pytest; only this
module does.

Example:
    >>> assert_no_meaning_change("Units held the line.", "Units  held the line.").verdict
    <Verdict.COSMETIC: 'cosmetic'>
    >>> assert_no_meaning_change("Units held the line.", "Units did not hold the line.")
    Traceback (most recent call last):
    ...
    AssertionError: the meaning changed: 1 finding(s) not allowed
    ...

.. versionadded:: 0.1
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest

from revforensics.compare import Comparer
from revforensics.errors import InputError, InputTypeError
from revforensics.findings import Comparison, Finding, FindingKind, Level
from revforensics.model import Revision, Span

__all__ = [
    "assert_findings",
    "assert_no_meaning_change",
    "format_findings",
    "revforensics_compare",
    "revforensics_comparer",
]

_CONTEXT = 60
"""Characters of context shown on each side of a finding's span."""


def _kinds(
    values: Iterable[FindingKind | str] | FindingKind | str | None,
) -> frozenset[FindingKind]:
    if values is None:
        return frozenset()
    if isinstance(values, str):  # one kind (FindingKind is a str too)
        values = [values]
    kinds = set()
    for value in values:
        try:
            kinds.add(FindingKind(value))
        except ValueError:
            known = ", ".join(k.value for k in FindingKind)
            msg = f"unknown finding kind {value!r}; use one of: {known}"
            raise InputError(msg) from None
    return frozenset(kinds)


def _excerpt(text: str, span: Span, opening: str, closing: str) -> str:
    """The span in its context, marked, on one line: ``…held the line[-, and more-]…``."""
    start = max(0, span.start - _CONTEXT)
    end = min(len(text), span.end + _CONTEXT)
    before = ("…" if start else "") + text[start : span.start]
    after = text[span.end : end] + ("…" if end < len(text) else "")
    marked = f"{before}{opening}{span.text}{closing}{after}"
    return " ".join(marked.split())


def format_findings(cmp: Comparison, findings: Iterable[Finding] | None = None) -> str:
    """Findings as a readable diff: each with its explanation, evidence and context.

    Deleted text is marked ``[-like this-]`` in the old text, inserted text
    ``{+like this+}`` in the new one (the ``wdiff`` convention), each within up to 60
    characters of context; ``‸`` marks a position where a side has nothing.

    Args:
        cmp: The comparison the findings come from (their spans index its texts).
        findings: The findings to show; all of them when ``None``.

    Example:
        >>> from revforensics import compare
        >>> cmp = compare("Police said 12 people were hurt.", "Police said 15 people were hurt.")
        >>> print(format_findings(cmp))  # doctest: +ELLIPSIS
        1. number_changed (... rule number...): The figure “12” became “15” ...
           old: Police said [-12-] people were hurt.
           new: Police said {+15+} people were hurt.
        <BLANKLINE>
    """
    chosen = cmp.findings if findings is None else tuple(findings)
    lines: list[str] = []
    for rank, finding in enumerate(chosen, 1):
        lines.append(
            f"{rank}. {finding.kind.value} ({finding.level.value} {finding.severity}, "
            f"rule {finding.rule}): {finding.explanation}"
        )
        for side, span, text, marks in (
            ("old", finding.old, cmp.old.text, ("[-", "-]")),
            ("new", finding.new, cmp.new.text, ("{+", "+}")),
        ):
            if span is None:
                lines.append(f"   {side}: (nothing on this side)")
            elif not span.text:  # a position only: show it as a caret
                lines.append(f"   {side}: {_excerpt(text, span, '‸', '')}")
            else:
                lines.append(f"   {side}: {_excerpt(text, span, *marks)}")
    return "\n".join(lines) + "\n"


def _compare(
    old: str | Revision | Comparison,
    new: str | Revision | None,
    comparer: Comparer | None,
    lang: str | None,
) -> Comparison:
    if isinstance(old, Comparison):
        if new is not None:
            msg = "pass either a Comparison or two texts, not a Comparison and a text"
            raise InputTypeError(msg)
        return old
    if new is None:
        msg = "pass the new text too, or a Comparison on its own"
        raise InputTypeError(msg)
    if comparer is None:
        comparer = Comparer(lang=lang)
    elif lang is not None:
        msg = "pass lang or comparer, not both; set the language with Comparer(lang=...)"
        raise InputError(msg)
    return comparer.compare(old, new)


def assert_no_meaning_change(  # noqa: PLR0913 - each option is a keyword of its own
    old: str | Revision | Comparison,
    new: str | Revision | None = None,
    *,
    allow: Iterable[FindingKind | str] | FindingKind | str | None = None,
    max_severity: int | None = None,
    comparer: Comparer | None = None,
    lang: str | None = None,
) -> Comparison:
    """Assert that ``new`` says what ``old`` says: no finding beyond those allowed.

    Cosmetic edits (spacing, quotes, case, number format…) always pass.

    Args:
        old: The original text (or a :class:`Comparison` already made, alone).
        new: The rewritten text.
        allow: Finding kinds that are acceptable, such as ``["moved", "reworded"]``.
        max_severity: Also allow findings of any kind up to this severity (0 to 100).
        comparer: The :class:`Comparer` to use; the default one when ``None``.
        lang: ``en``, ``uk`` or ``ru``, for the default comparer.

    Returns:
        The comparison, for further checks.

    Raises:
        AssertionError: If a finding is not allowed; the message shows each one with its
            evidence in both texts.
        InputError: If a kind in ``allow`` is unknown.

    .. versionadded:: 0.1
    """
    allowed = _kinds(allow)
    cmp = _compare(old, new, comparer, lang)
    bad = [
        f
        for f in cmp.findings
        if f.kind not in allowed and (max_severity is None or f.severity > max_severity)
    ]
    if bad:
        allowed_note = f" (allowed: {', '.join(sorted(allowed))})" if allowed else ""
        msg = (
            f"the meaning changed: {len(bad)} finding(s) not allowed{allowed_note}\n"
            + format_findings(cmp, bad).rstrip("\n")
        )
        raise AssertionError(msg)
    return cmp


def assert_findings(  # noqa: PLR0913 - each bound is a keyword of its own
    cmp: Comparison,
    *,
    kinds: Iterable[FindingKind | str] | FindingKind | str | None = None,
    at_least: int = 1,
    at_most: int | None = None,
    min_level: Level | str | None = None,
    touching: str | None = None,
) -> tuple[Finding, ...]:
    """Assert that a comparison reports the findings a test expects.

    Args:
        cmp: The comparison.
        kinds: Count only findings of these kinds; all kinds when ``None``.
        at_least: The fewest matching findings that pass.
        at_most: The most that pass; no upper bound when ``None``. ``at_most=0`` asserts
            there is none.
        min_level: Count only findings at this level or more severe (``"high"``…).
        touching: Count only findings whose span or evidence contains this text on
            either side, such as a name or a number.

    Returns:
        The matching findings, most severe first.

    Raises:
        AssertionError: If the count is out of bounds; the message lists what matched and
            every finding with its evidence.
        InputError: If a kind or level is unknown or the bounds are inconsistent.

    Example:
        >>> from revforensics import compare
        >>> cmp = compare("12 people were injured.", "15 people were injured.")
        >>> [f.kind.value for f in assert_findings(cmp, kinds="number_changed", touching="12")]
        ['number_changed']

    .. versionadded:: 0.1
    """
    wanted = _kinds(kinds)
    if at_least < 0 or (at_most is not None and at_most < at_least):
        msg = f"need 0 <= at_least <= at_most, got at_least={at_least}, at_most={at_most}"
        raise InputError(msg)
    floor = 0
    if min_level is not None:
        try:
            level = Level(min_level)
        except ValueError:
            known = ", ".join(v.value for v in Level)
            msg = f"unknown level {min_level!r}; use one of: {known}"
            raise InputError(msg) from None
        floor = {Level.CRITICAL: 80, Level.HIGH: 60, Level.MEDIUM: 35, Level.LOW: 10}.get(level, 0)

    def matches(finding: Finding) -> bool:
        if wanted and finding.kind not in wanted:
            return False
        if finding.severity < floor:
            return False
        if touching is None:
            return True
        spans = [finding.old, finding.new, *(e.span for e in finding.evidence)]
        return any(span is not None and touching in span.text for span in spans)

    found = tuple(f for f in cmp.findings if matches(f))
    if len(found) < at_least or (at_most is not None and len(found) > at_most):
        bound = f"at least {at_least}" if at_most is None else f"{at_least} to {at_most}"
        what = ", ".join(sorted(wanted)) if wanted else "any kind"
        extra = "".join(
            [
                f" at level {min_level} or above" if min_level is not None else "",
                f" touching {touching!r}" if touching is not None else "",
            ]
        )
        lines = [f"expected {bound} finding(s) of {what}{extra}, found {len(found)}"]
        lines.append(f"verdict: {cmp.verdict.value}; all {len(cmp.findings)} finding(s):")
        lines.append(format_findings(cmp).rstrip("\n") if cmp.findings else "   (none)")
        raise AssertionError("\n".join(lines))
    return found


# --------------------------------------------------------------------------------------
# pytest fixtures (this module is registered as the ``revforensics`` plugin)


@pytest.fixture
def revforensics_comparer() -> Comparer:
    """The :class:`Comparer` that ``revforensics_compare`` uses.

    Override it in a ``conftest.py`` to configure every comparison of a suite::

        @pytest.fixture
        def revforensics_comparer():
            return Comparer(lang="uk", watch=["Курськ"])
    """
    return Comparer()


@pytest.fixture
def revforensics_compare(
    revforensics_comparer: Comparer,
) -> Callable[[str | Revision, str | Revision], Comparison]:
    """A function ``compare(old, new)`` that uses the ``revforensics_comparer`` fixture."""
    return revforensics_comparer.compare
