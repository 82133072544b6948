"""``compare(old, new)``: the whole pipeline, from two texts to a :class:`Comparison`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import attrs

from revforensics._dmp import Encoder
from revforensics._lang import check_language, detect_language
from revforensics.align import align
from revforensics.cosmetic import classify_variant
from revforensics.detect import DEFAULT_DETECTORS, Detector, detect_moved
from revforensics.detect._cues import shares_stem
from revforensics.detect._text import describe_change, quote
from revforensics.diff import Hunk, diff_keys
from revforensics.errors import InputError, InputTypeError
from revforensics.findings import (
    Comparison,
    CosmeticEdit,
    CosmeticKind,
    Evidence,
    Finding,
    FindingKind,
    Verdict,
)
from revforensics.model import Link, Revision, Span
from revforensics.normalize import normalize
from revforensics.pair import AlignedPair, Document
from revforensics.segment import segment_normalized
from revforensics.watch import WatchList

__all__ = ["Comparer", "compare"]

REWORDED_CONTENT = 3
"""Changed content tokens from which a rewording weighs double."""
REWORDED_PROTECTED = 4.0
"""A rewording that touches a protected token (a number, a negator, a modal, a name, a
quotation) weighs four times as much: until typed detectors explain it, it must not rank
below a move."""


def _watch_list(value: WatchList | Iterable[str]) -> WatchList:
    return value if isinstance(value, WatchList) else WatchList(value)


def _as_revision(value: object, role: str) -> Revision:
    if isinstance(value, Revision):
        return value
    if isinstance(value, str):
        return Revision(value, label=role)
    msg = (
        f"compare() takes the {role} text as a str or a Revision, got {type(value).__name__}; "
        "decode bytes first, e.g. data.decode('utf-8')"
    )
    raise InputTypeError(msg)


def _document(revision: Revision, lang: str | None, encoder: Encoder) -> Document:
    norm = normalize(revision.text)
    code = lang or detect_language(norm.text)
    return Document(revision, norm, code, segment_normalized(norm, code), encoder)


def _overlaps(a: Span, b: Span) -> bool:
    if len(a) == 0 or len(b) == 0:
        return a.start == b.start or (b.start <= a.start < b.end) or (a.start <= b.start < a.end)
    return a.start < b.end and b.start < a.end


# How specific each kind is: a finding whose evidence is almost all evidence of a more
# specific one repeats it (a place named as the source of a reattribution; a clause that
# is only three qualifiers). Moves and rewordings are never dropped here.
_SPECIFICITY: dict[FindingKind, int] = {
    **dict.fromkeys(
        (
            FindingKind.NEGATION_FLIPPED,
            FindingKind.NUMBER_CHANGED,
            FindingKind.DATE_CHANGED,
            FindingKind.SOFTENED,
            FindingKind.STRENGTHENED,
            FindingKind.REATTRIBUTED,
            FindingKind.QUOTE_ALTERED,
            FindingKind.QUOTE_REMOVED,
        ),
        0,
    ),
    **dict.fromkeys(
        (
            FindingKind.ENTITY_REMOVED,
            FindingKind.ENTITY_ADDED,
            FindingKind.ENTITY_REPLACED,
            FindingKind.QUALIFIER_REMOVED,
            FindingKind.QUALIFIER_ADDED,
        ),
        1,
    ),
    FindingKind.ASSERTION_REMOVED: 2,
    FindingKind.ASSERTION_ADDED: 2,
}
SUBSUMED_COVERAGE = 0.8
"""Share of a finding's evidence characters that a more specific one must cover."""
_PASSIVE_EVIDENCE = frozenset({"context", "moved", "watched"})


def _evidence(finding: Finding) -> list[tuple[str, Span]]:
    return [(e.side, e.span) for e in finding.evidence if e.kind not in _PASSIVE_EVIDENCE]


def _overlap(span: Span, cover: Sequence[Span]) -> int:
    """How many characters of ``span`` the union of ``cover`` holds."""
    total, reach = 0, span.start
    for c in sorted(cover, key=lambda c: c.start):
        start, end = max(c.start, reach), min(c.end, span.end)
        if end > start:
            total += end - start
            reach = end
    return total


def _drop_subsumed(found: list[Finding]) -> list[Finding]:
    """Drop findings that only repeat the evidence of more specific ones in the same pair."""
    if len(found) < 2:
        return found
    kept = []
    for finding in found:
        rank = _SPECIFICITY.get(finding.kind)
        own = _evidence(finding)
        if rank is None or not own:
            kept.append(finding)
            continue
        cover = [
            ev
            for other in found
            if _SPECIFICITY.get(other.kind, rank) < rank
            for ev in _evidence(other)
        ]
        total = sum(len(span) for _, span in own)
        covered = sum(_overlap(span, [c for s, c in cover if s == side]) for side, span in own)
        if not total or covered < SUBSUMED_COVERAGE * total:
            kept.append(finding)
    return kept


def _unexplained(pair: AlignedPair, findings: Sequence[Finding]) -> list[Hunk]:
    """The meaningful hunks with a changed content word that no finding's evidence touches.

    A word counts as changed when it is on one side of the hunk only (semantic cleanup
    folds kept words into a hunk around the real edit). So a hunk whose number change a
    detector explained still falls back to ``reworded`` when it also gained, say, an
    attribution that nothing reported.
    """
    # Context, move and watch evidence cover whole sentences: they explain no word change.
    claimed = [
        (e.side, e.span) for f in findings for e in f.evidence if e.kind not in _PASSIVE_EVIDENCE
    ]
    left: list[Hunk] = []
    for hunk, cosmetic in pair.changes:
        if cosmetic is not None:
            continue
        old = pair.old_tokens[hunk.i1 : hunk.i2]
        new = pair.new_tokens[hunk.j1 : hunk.j2]
        old_keys, new_keys = Counter(t.key for t in old), Counter(t.key for t in new)
        gone, came = old_keys - new_keys, new_keys - old_keys
        changed = [
            (side, k)
            for side, tokens, keys, base in (
                ("old", old, gone, hunk.i1),
                ("new", new, came, hunk.j1),
            )
            for k, t in enumerate(tokens, base)
            if t.key in keys and pair.is_content(t)
        ]
        if not changed:  # only function words or punctuation changed: judge the whole hunk
            changed = [("old", k) for k in range(hunk.i1, hunk.i2)]
            changed += [("new", k) for k in range(hunk.j1, hunk.j2)]
        elif _claims_part(pair, hunk, claimed):
            # What a finding explained may bring another form of a kept word with it:
            # "held" -> "did not hold" is the negation reported, not a rewording too.
            changed = _drop_inflected(pair, changed, gone, came)
        for side, k in changed:
            span = pair.old_span(k, k + 1) if side == "old" else pair.new_span(k, k + 1)
            if not any(side == c_side and _overlaps(span, c_span) for c_side, c_span in claimed):
                left.append(hunk)
                break
    return left


def _claims_part(pair: AlignedPair, hunk: Hunk, claimed: Sequence[tuple[str, Span]]) -> bool:
    """Whether a finding's evidence touches the hunk on either side."""
    old, new = pair.old_span(hunk.i1, hunk.i2), pair.new_span(hunk.j1, hunk.j2)
    return any(_overlaps(old if side == "old" else new, span) for side, span in claimed)


def _drop_inflected(
    pair: AlignedPair, changed: list[tuple[str, int]], gone: Counter[str], came: Counter[str]
) -> list[tuple[str, int]]:
    """The changed words less those that are another form of a word the other side gained."""
    tokens = {"old": pair.old_tokens, "new": pair.new_tokens}
    other = {"old": came, "new": gone}
    return [
        (side, k)
        for side, k in changed
        if not any(shares_stem(tokens[side][k].key, key) for key in other[side])
    ]


def _reworded(pair: AlignedPair, findings: Sequence[Finding]) -> Finding | None:
    """One ``reworded`` finding for the meaningful hunks no detector explained."""
    left = _unexplained(pair, findings)
    if not left:
        return None
    evidence: list[Evidence] = []
    content = 0
    protected = any(pair.touches_protected(hunk) for hunk in left)
    for hunk in left:
        old = pair.old_tokens[hunk.i1 : hunk.i2]
        new = pair.new_tokens[hunk.j1 : hunk.j2]
        content += sum(map(pair.is_content, old)) + sum(map(pair.is_content, new))
        if old:
            evidence.append(Evidence("deleted", "old", pair.old_span(hunk.i1, hunk.i2)))
        if new:
            evidence.append(Evidence("inserted", "new", pair.new_span(hunk.j1, hunk.j2)))
    old_span = pair.old_span(left[0].i1, left[-1].i2)
    new_span = pair.new_span(left[0].j1, left[-1].j2)
    what = describe_change(old_span, new_span)
    magnitude = 2.0 if content >= REWORDED_CONTENT else 1.0
    if protected:
        magnitude = REWORDED_PROTECTED
        what += " (a number, negation, modal, name or quotation is involved)"
    return Finding(
        kind=FindingKind.REWORDED,
        severity=pair.severity(FindingKind.REWORDED, magnitude),
        old=old_span,
        new=new_span,
        evidence=tuple(evidence),
        explanation=f"Wording changed: {what}.",
        rule="fallback.reworded",
    )


def _unexplained_sentence(pair: AlignedPair) -> Iterable[Finding]:
    """A finding for a removed or added sentence that no detector reported.

    With the default detectors this never fires; with a custom list it keeps the verdict
    honest: a change of words is never passed off as cosmetic.
    """
    removed = pair.link.op == "deleted"
    if pair.link.op not in ("deleted", "inserted"):
        return
    tokens = pair.old_tokens if removed else pair.new_tokens
    span = pair.old_text_span() if removed else pair.new_text_span()
    if span is None or all(t.kind == "punct" for t in tokens):
        return
    yield Finding(
        kind=FindingKind.REWORDED,
        severity=pair.severity(FindingKind.REWORDED),
        old=span if removed else None,
        new=None if removed else span,
        evidence=(
            Evidence("deleted" if removed else "inserted", "old" if removed else "new", span),
        ),
        explanation=f"Text {'removed' if removed else 'added'}: {quote(span.text)}.",
        rule="fallback.unexplained",
    )


def _gap_edit(
    old: str, old_range: tuple[int, int], new: str, new_range: tuple[int, int]
) -> CosmeticEdit | None:
    """A cosmetic edit for the text between two matched positions, if it differs."""
    if old[old_range[0] : old_range[1]] == new[new_range[0] : new_range[1]]:
        return None
    old_gap = Span.of(old, *old_range)
    new_gap = Span.of(new, *new_range)
    kind = CosmeticKind.WHITESPACE
    if old_gap.text.strip() or new_gap.text.strip():
        kind = classify_variant(old_gap.text, new_gap.text)
    return CosmeticEdit(kind, old_gap, new_gap)


def _token_edits(pair: AlignedPair) -> Iterable[CosmeticEdit]:
    """Cosmetic edits inside a pair: variant spellings, gaps, and cosmetic hunks.

    Characters are compared first and spans built only where they differ: most tokens of
    a long statement are untouched.
    """
    old_text, new_text = pair.old.revision.text, pair.new.revision.text
    old_map, new_map = pair.old.norm.to_original, pair.new.norm.to_original
    for hunk in pair.hunks:
        if hunk.tag != "equal":
            continue
        prev: tuple[int, int] | None = None
        for k in range(hunk.i2 - hunk.i1):
            ot, nt = pair.old_tokens[hunk.i1 + k], pair.new_tokens[hunk.j1 + k]
            o0, o1 = old_map(ot.start, ot.end)
            n0, n1 = new_map(nt.start, nt.end)
            if old_text[o0:o1] != new_text[n0:n1]:
                o, n = Span.of(old_text, o0, o1), Span.of(new_text, n0, n1)
                yield CosmeticEdit(classify_variant(o.text, n.text), o, n)
            if prev is not None:
                gap = _gap_edit(old_text, (prev[0], o0), new_text, (prev[1], n0))
                if gap is not None:
                    yield gap
            prev = (o1, n1)
    for hunk, cosmetic in pair.changes:
        if cosmetic is not None:
            yield CosmeticEdit(
                cosmetic, pair.old_span(hunk.i1, hunk.i2), pair.new_span(hunk.j1, hunk.j2)
            )


def _markup_line_edit(pair: AlignedPair, old_pos: int, new_pos: int) -> CosmeticEdit | None:
    """A sentence with no words (a rule line, a lone bullet) deleted or inserted."""
    tokens = pair.old_tokens if pair.link.op == "deleted" else pair.new_tokens
    if any(t.kind != "punct" for t in tokens):
        return None
    if pair.link.op == "deleted":
        span = pair.old_text_span()
        assert span is not None  # noqa: S101
        return CosmeticEdit(
            CosmeticKind.MARKUP, span, Span.of(pair.new.revision.text, new_pos, new_pos)
        )
    span = pair.new_text_span()
    assert span is not None  # noqa: S101
    return CosmeticEdit(
        CosmeticKind.MARKUP, Span.of(pair.old.revision.text, old_pos, old_pos), span
    )


def _rank(finding: Finding) -> tuple[int, int, int, str, str]:
    big = 1 << 62
    return (
        -finding.severity,
        finding.old.start if finding.old is not None else big,
        finding.new.start if finding.new is not None else big,
        finding.kind.value,
        finding.rule,
    )


@attrs.frozen
class Comparer:
    """A configured comparison pipeline; :func:`compare` uses the defaults.

    Args:
        detectors: The detectors to run on every aligned pair, in order.
        threshold: Token similarity (0 to 1) from which two sentences count as one
            sentence edited rather than one removed and another added.
        diff_timeout: Seconds diff-match-patch may spend on one pair before it settles
            for a coarser diff; keeps pathological input bounded.
        lang: Force a language code (``en``, ``uk``, ``ru``) instead of detecting it.
        watch: Terms a reader cares about (names, places, phrases): findings whose
            evidence touches one weigh x1.2 and say so.

    Example:
        >>> comparer = Comparer(threshold=0.6)
        >>> comparer.compare("Troops advanced.", "Troops did not advance.").verdict
        <Verdict.MEANING_CHANGED: 'meaning_changed'>

    .. versionadded:: 0.1
    """

    detectors: tuple[Detector, ...] = attrs.field(default=DEFAULT_DETECTORS, converter=tuple)
    threshold: float = attrs.field(default=0.5)
    diff_timeout: float = attrs.field(default=0.2)
    lang: str | None = attrs.field(default=None, converter=check_language)
    watch: WatchList = attrs.field(default=WatchList(), converter=_watch_list)

    @threshold.validator
    def _check_threshold(self, _attribute: object, value: float) -> None:
        if not isinstance(value, int | float) or not 0.0 < value <= 1.0:
            msg = f"threshold must be a number in (0, 1], got {value!r}; the default is 0.5"
            raise InputError(msg)

    @diff_timeout.validator
    def _check_timeout(self, _attribute: object, value: float) -> None:
        if not isinstance(value, int | float) or value <= 0:
            msg = f"diff_timeout must be a positive number of seconds, got {value!r}"
            raise InputError(msg)

    def compare(self, old: str | Revision, new: str | Revision) -> Comparison:
        """Compare two revisions; see :func:`compare`."""
        old_rev, new_rev = _as_revision(old, "old"), _as_revision(new, "new")
        encoder = Encoder()
        old_doc = _document(old_rev, self.lang, encoder)
        new_doc = _document(new_rev, self.lang, encoder)
        links = align(
            old_doc.anchor_keys,
            new_doc.anchor_keys,
            threshold=self.threshold,
            codes=(old_doc.code, new_doc.code),
            stems=(old_doc.stem_code, new_doc.stem_code),
        )
        findings, cosmetic = self._walk(links, old_doc, new_doc, encoder)
        if not findings and not cosmetic:
            # Safety net: texts that differ always show at least one recorded edit.
            whole = _gap_edit(
                old_rev.text, (0, len(old_rev.text)), new_rev.text, (0, len(new_rev.text))
            )
            cosmetic.extend([whole] if whole is not None else [])
        if self.watch.terms:
            findings = [self.watch.weigh(f) for f in findings]
        findings.sort(key=_rank)
        cosmetic.sort(key=lambda e: (e.old.start, e.new.start, e.subtype.value))
        if findings:
            verdict = Verdict.MEANING_CHANGED
        elif old_rev.text == new_rev.text:
            verdict = Verdict.UNCHANGED
        else:
            verdict = Verdict.COSMETIC
        return Comparison(
            old=old_rev,
            new=new_rev,
            verdict=verdict,
            findings=findings,
            alignment=links,
            cosmetic=cosmetic,
            old_sentences=old_doc.sentences,
            new_sentences=new_doc.sentences,
            languages=(old_doc.lang, new_doc.lang),
        )

    def _walk(
        self, links: Sequence[Link], old: Document, new: Document, encoder: Encoder
    ) -> tuple[list[Finding], list[CosmeticEdit]]:
        """Run the detectors and collect cosmetic edits along the alignment."""
        findings: list[Finding] = []
        cosmetic: list[CosmeticEdit] = []
        old_pos = new_pos = 0  # how far the reading has come, for carets
        prev: Link | None = None
        for link in links:
            if _identical(link, old, new) and not link.moved:
                # Nothing to detect and nothing cosmetic inside; only the gap before it.
                _gap_before(prev, link, old, new, cosmetic)
                old_pos = old.sentences[link.old[-1]].span.end
                new_pos = new.sentences[link.new[-1]].span.end
                prev = link
                continue
            pair = AlignedPair(link, old, new, self._hunks(link, old, new, encoder))
            found = _drop_subsumed([f for detector in self.detectors for f in detector(pair)])
            extra = _reworded(pair, found)
            findings.extend([*found, extra] if extra is not None else found)
            # Fallbacks for custom detector lists: never pass a move or a removed
            # sentence off as cosmetic.
            if link.moved and not any(f.kind is FindingKind.MOVED for f in found):
                findings.extend(detect_moved(pair))
            elif not found:
                findings.extend(_unexplained_sentence(pair))
            if link.op in ("deleted", "inserted"):
                edit = _markup_line_edit(pair, old_pos, new_pos)
                cosmetic.extend([edit] if edit is not None else [])
            else:
                cosmetic.extend(_token_edits(pair))
                _gap_before(prev, link, old, new, cosmetic)
            if link.old and not link.moved:
                old_pos = old.sentences[link.old[-1]].span.end
            if link.new and not link.moved:
                new_pos = new.sentences[link.new[-1]].span.end
            prev = link if link.op not in ("deleted", "inserted") else None
        cosmetic.extend(_document_edges(links, old, new))
        return findings, cosmetic

    def _hunks(self, link: Link, old: Document, new: Document, encoder: Encoder) -> list[Hunk]:
        if not link.old or not link.new:
            return []
        old_tokens = [t.key for i in link.old for t in old.sentence_tokens(i)]
        new_tokens = [t.key for j in link.new for t in new.sentence_tokens(j)]
        if old_tokens == new_tokens:
            return [Hunk("equal", 0, len(old_tokens), 0, len(new_tokens))] if old_tokens else []
        return diff_keys(old_tokens, new_tokens, encoder=encoder, timeout=self.diff_timeout)


def _identical(link: Link, old: Document, new: Document) -> bool:
    """Whether a link's two sides are the very same characters."""
    if link.op != "equal":
        return False
    old_text = "\n".join(old.sentences[i].text for i in link.old)
    return old_text == "\n".join(new.sentences[j].text for j in link.new)


def _gap_before(
    prev: Link | None, link: Link, old: Document, new: Document, out: list[CosmeticEdit]
) -> None:
    """Record a cosmetic edit if the white space between two adjacent links changed."""
    if prev is None or not _adjacent(prev, link):
        return
    gap = _gap_edit(
        old.revision.text,
        (old.sentences[prev.old[-1]].span.end, old.sentences[link.old[0]].span.start),
        new.revision.text,
        (new.sentences[prev.new[-1]].span.end, new.sentences[link.new[0]].span.start),
    )
    if gap is not None:
        out.append(gap)


def _adjacent(prev: Link, link: Link) -> bool:
    """Whether two links follow each other directly on both sides."""
    return (
        not prev.moved
        and not link.moved
        and prev.old[-1] + 1 == link.old[0]
        and prev.new[-1] + 1 == link.new[0]
    )


def _document_edges(links: Sequence[Link], old: Document, new: Document) -> Iterable[CosmeticEdit]:
    """Leading and trailing white space of the documents, when both ends match."""
    kept = [link for link in links if link.old and link.new and not link.moved]
    if not kept:
        return
    first, last = kept[0], kept[-1]
    if first.old[0] == 0 and first.new[0] == 0:
        edit = _gap_edit(
            old.revision.text,
            (0, old.sentences[0].span.start),
            new.revision.text,
            (0, new.sentences[0].span.start),
        )
        if edit is not None:
            yield edit
    if last.old[-1] == len(old.sentences) - 1 and last.new[-1] == len(new.sentences) - 1:
        edit = _gap_edit(
            old.revision.text,
            (old.sentences[-1].span.end, len(old.revision.text)),
            new.revision.text,
            (new.sentences[-1].span.end, len(new.revision.text)),
        )
        if edit is not None:
            yield edit


def compare(
    old: str | Revision,
    new: str | Revision,
    *,
    lang: str | None = None,
    watch: Iterable[str] = (),
) -> Comparison:
    """Compare two versions of a statement and report what changed in meaning.

    Args:
        old: The earlier version, as text or a :class:`~revforensics.model.Revision`.
        new: The later version.
        lang: ``en``, ``uk`` or ``ru`` to skip language detection.
        watch: Terms to watch; findings that touch them weigh x1.2.

    Returns:
        The comparison: verdict, ranked findings, alignment and cosmetic edits.

    Raises:
        InputTypeError: If ``old`` or ``new`` is neither a ``str`` nor a ``Revision``.
        InputError: If ``lang`` is not a language code.

    Example:
        >>> cmp = compare(
        ...     "Units held the line, and launched new offensive operations in the Kursk region.",
        ...     "Units held the line.",
        ... )
        >>> top = cmp.findings[0]
        >>> top.kind.value, top.old.text
        ('assertion_removed', 'and launched new offensive operations in the Kursk region')

    .. versionadded:: 0.1
    """
    return Comparer(lang=lang, watch=watch).compare(old, new)
