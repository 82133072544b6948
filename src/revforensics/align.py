"""Stage 3: align old sentences with new ones.

The steps follow the design (and NewsEdits, CATS and MASSAlign before it):

1. **Anchors.** Sentences are matched by exact key with a patience diff: equal runs at
   both ends, then keys that occur once on each side, in order (their longest increasing
   subsequence), recursively inside the gaps; repeated boilerplate pairs up in order.
2. **Candidates.** Each leftover new sentence is scored against the leftover old ones with
   rapidfuzz's Indel similarity over token codes (token-level LCS, like NewsEdits' best
   non-neural matcher, about 1,000x faster than difflib). Past 200 leftovers, an index
   of rare tokens and of gaps between anchors picks which old sentences to score.
3. **Greedy one-to-one** matching by score, preferring partners in the same gap between
   anchors. A pair is accepted at similarity >= ``threshold``, or when one sentence is
   mostly contained in the other (a clause was cut or added).
4. **Split/merge.** A leftover sentence next to a matched one joins its group when that
   raises the group's similarity.
5. **Vicinity.** One old and one new sentence left alone between the same matched
   neighbours are paired when they share a quarter of their words, or a third of their
   word stems (``Постраждалих немає`` / ``Є постраждалі``: inflection changes every word).
6. **Moves** are the links outside the longest increasing subsequence of new positions:
   the minimum set of sentences that must have moved.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import Indel

from revforensics.model import AlignmentOp, Link

__all__ = ["align"]

_CANDIDATE_CUTOFF = 0.25
_CANDIDATE_LIMIT = 8
_CONTAINMENT = 0.8
_CONTAINMENT_MIN_TOKENS = 3
_CONTAINMENT_MIN_SIMILARITY = 0.3
_SAME_GAP_BONUS = 0.1
_GROUP_GAIN = 0.05
_INDEX_FROM = 200
"""Leftover old sentences from which candidates come from an index, not from all of them."""
_RARE_SHARE = 20
"""A token is rare, and indexed, when at most 1/20 of the leftover sentences hold it."""
_VICINITY_SIMILARITY = 0.25
_VICINITY_STEM_SIMILARITY = 1 / 3
"""Stems match more loosely than words, so a lone pair needs more of them in common."""


def _similarity(a: str, b: str) -> float:
    return float(Indel.normalized_similarity(a, b))


def _containment(a: str, b: str, sim: float) -> float:
    shorter = min(len(a), len(b))
    if shorter == 0:
        return 0.0
    common = sim * (len(a) + len(b)) / 2  # the LCS length, recovered from Indel similarity
    return common / shorter


def _anchors(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Exact anchors by patience diff: equal ends, then keys unique on both sides, recursively.

    Patience diff keeps the cost near-linear in the number of sentences, where a Myers diff
    over sentences grows with length times the number of edits; it also never pairs common
    boilerplate across the document, because only unique keys anchor a region.
    """
    pairs: list[tuple[int, int]] = []
    stack = [(0, len(old), 0, len(new))]
    while stack:
        o0, o1, n0, n1 = stack.pop()
        while o0 < o1 and n0 < n1 and old[o0] == new[n0]:
            pairs.append((o0, n0))
            o0, n0 = o0 + 1, n0 + 1
        while o1 > o0 and n1 > n0 and old[o1 - 1] == new[n1 - 1]:
            o1, n1 = o1 - 1, n1 - 1
            pairs.append((o1, n1))
        if o0 >= o1 or n0 >= n1:
            continue
        old_count = Counter(old[o0:o1])
        new_count = Counter(new[n0:n1])
        new_at = {new[j]: j for j in range(n0, n1) if new_count[new[j]] == 1}
        unique = [
            (i, new_at[old[i]])
            for i in range(o0, o1)
            if old_count[old[i]] == 1 and old[i] in new_at
        ]
        if not unique:
            continue
        keep = _lis([j for _, j in unique])
        chosen = [pair for pos, pair in enumerate(unique) if pos in keep]
        starts = [(o0, n0)] + [(i + 1, j + 1) for i, j in chosen]
        ends = [*chosen, (o1, n1)]
        pairs.extend(chosen)
        stack.extend((a, c, b, d) for (a, b), (c, d) in zip(starts, ends, strict=True))
    pairs.sort()
    return pairs


class _CandidateIndex:
    """Which leftover old sentences are worth scoring against a new one.

    Scoring every leftover pair costs n x m; on long documents most pairs share only common
    words. Candidates are the sentences in the same gap between anchors, plus those sharing
    a rare token (held by at most 1/20 of them) with the new sentence; a sentence with no
    rare token is scored against all. A moved sentence whose rare words all changed is then
    missed, and reported as removed and added: the price of near-linear cost.
    """

    def __init__(self, free: dict[int, str], gap: Sequence[int]) -> None:
        self.free = free
        self.by_gap: dict[int, list[int]] = {}
        for i in free:
            self.by_gap.setdefault(gap[i], []).append(i)
        holders: dict[str, list[int]] = {}
        for i, code in free.items():
            for token in set(code):
                holders.setdefault(token, []).append(i)
        limit = max(_CANDIDATE_LIMIT, len(free) // _RARE_SHARE)
        self.rare = {token: ids for token, ids in holders.items() if len(ids) <= limit}

    def choices(self, code: str, gap: int) -> dict[int, str]:
        rare = [self.rare[token] for token in set(code) if token in self.rare]
        if not rare:
            return self.free
        ids = set(self.by_gap.get(gap, ()))
        for holders in rare:
            ids.update(holders)
        return {i: self.free[i] for i in sorted(ids)}


def _lone_pairs(
    n_old: int, n_new: int, new_of_old: dict[int, int], old_of_new: dict[int, int]
) -> list[tuple[int, int]]:
    """Unmatched (old, new) pairs that are each alone between the same matched neighbours."""

    def neighbours(count: int, matched: dict[int, int]) -> dict[int, tuple[int, int]]:
        out: dict[int, tuple[int, int]] = {}
        before = -1
        for k in range(count):
            if k in matched:
                before = matched[k]
            else:
                out[k] = (before, -2)
        after = -3  # stands for "the end", on either side
        for k in reversed(range(count)):
            if k in matched:
                after = matched[k]
            elif k in out:
                out[k] = (out[k][0], after)
        return out

    old_side = neighbours(n_old, new_of_old)  # (new partner before, new partner after)
    new_side = neighbours(n_new, {j: j for j in old_of_new})  # (new index before, after)
    by_gap_old: dict[tuple[int, int], list[int]] = {}
    for i, gap in old_side.items():
        by_gap_old.setdefault(gap, []).append(i)
    by_gap_new: dict[tuple[int, int], list[int]] = {}
    for j, gap in new_side.items():
        by_gap_new.setdefault(gap, []).append(j)
    return [
        (olds[0], by_gap_new[gap][0])
        for gap, olds in sorted(by_gap_old.items())
        if len(olds) == 1 and len(by_gap_new.get(gap, ())) == 1
    ]


def _lis(values: Sequence[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    tail_pos: list[int] = []
    parent = [-1] * len(values)
    for pos, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_pos.append(pos)
        else:
            tails[k] = value
            tail_pos[k] = pos
        parent[pos] = tail_pos[k - 1] if k else -1
    keep: set[int] = set()
    pos = tail_pos[-1] if tail_pos else -1
    while pos >= 0:
        keep.add(pos)
        pos = parent[pos]
    return keep


def align(  # noqa: C901, PLR0912, PLR0915 - the steps read best as one function, as documented
    old: Sequence[str],
    new: Sequence[str],
    *,
    threshold: float = 0.5,
    codes: tuple[Callable[[int], str], Callable[[int], str]] | None = None,
    stems: tuple[Callable[[int], str], Callable[[int], str]] | None = None,
) -> list[Link]:
    """Align two documents given as sequences of sentence keys.

    Args:
        old: One key per old sentence; equal keys are exact anchors.
        new: The same for the new sentences.
        threshold: Token similarity from which two sentences are the same sentence edited.
        codes: Functions giving a sentence's token codes (one character per word token, see
            :class:`revforensics._dmp.Encoder`) for the old and new side, called only for
            sentences that are not anchored. An empty code is a sentence with no words.
            When ``None``, the keys themselves are the codes.
        stems: Like ``codes``, of the words' stems; only the vicinity step reads them, for
            a lone pair whose words have too little in common.

    Returns:
        Links covering every sentence once, in reading order.

    Example:
        >>> [(l.op, l.old, l.new) for l in align(["ab", "cd", "efg"], ["ab", "efx", "cd"])]
        [('equal', (0,), (0,)), ('edited', (2,), (1,)), ('equal', (1,), (2,))]

    .. versionadded:: 0.1
    """
    old_code, new_code = codes or (old.__getitem__, new.__getitem__)
    anchors = _anchors(old, new)
    old_of_new: dict[int, int] = {j: i for i, j in anchors}
    new_of_old: dict[int, int] = dict(anchors)
    # gap id: how many anchors come before a sentence; equal ids mean the same gap.
    old_gap = [0] * len(old)
    new_gap = [0] * len(new)
    seen = 0
    for i in range(len(old)):
        old_gap[i] = seen
        seen += i in new_of_old
    seen = 0
    for j in range(len(new)):
        new_gap[j] = seen
        seen += j in old_of_new

    free_old = {i: c for i in range(len(old)) if i not in new_of_old and (c := old_code(i))}
    free_new = [j for j in range(len(new)) if j not in old_of_new and new_code(j)]
    index = _CandidateIndex(free_old, old_gap) if len(free_old) > _INDEX_FROM else None
    candidates: list[tuple[float, float, int, int]] = []
    if free_old:
        for j in free_new:
            code = new_code(j)
            found = process.extract(
                code,
                index.choices(code, new_gap[j]) if index else free_old,
                scorer=Indel.normalized_similarity,
                score_cutoff=_CANDIDATE_CUTOFF,
                limit=_CANDIDATE_LIMIT,
            )
            for _choice, sim, i in found:
                cont = _containment(old_code(i), code, sim)
                # Containment alone pairs sentences only inside the same gap between
                # anchors: a short sentence is contained in many long ones elsewhere.
                contained = (
                    old_gap[i] == new_gap[j]
                    and cont >= _CONTAINMENT
                    and min(len(old_code(i)), len(code)) >= _CONTAINMENT_MIN_TOKENS
                    and sim >= _CONTAINMENT_MIN_SIMILARITY
                )
                if sim < threshold and not contained:
                    continue
                score = max(sim, threshold) + (_SAME_GAP_BONUS if old_gap[i] == new_gap[j] else 0)
                drift = abs(i / max(len(old), 1) - j / max(len(new), 1))
                candidates.append((-score, drift, i, j))
    candidates.sort()
    groups: dict[int, tuple[list[int], list[int]]] = {}  # keyed by first old index
    for _score, _drift, i, j in candidates:
        if i in new_of_old or j in old_of_new:
            continue
        new_of_old[i] = j
        old_of_new[j] = i
        groups[i] = ([i], [j])

    # Split/merge: a leftover sentence beside a fuzzy-matched group joins it when that raises
    # the group's similarity; repeat until nothing joins, so a sentence split in many grows.
    group_of_old = {i: i for i in groups}
    group_of_new = {js[0]: i for i, (_, js) in groups.items()}
    sides = (
        (len(old), new_of_old, group_of_old, old_code, True),
        (len(new), old_of_new, group_of_new, new_code, False),
    )
    grew = True
    while grew:
        grew = False
        for count, taken, group_of, code_of, is_old in sides:
            for lone in range(count):
                if lone in taken or not code_of(lone):
                    continue
                for neighbour in (lone - 1, lone + 1):
                    key = group_of.get(neighbour)
                    if key is None:
                        continue
                    olds, news = groups[key]
                    grown = sorted([*(olds if is_old else news), lone])
                    o_side, n_side = (grown, news) if is_old else (olds, grown)
                    before = _similarity("".join(map(old_code, olds)), "".join(map(new_code, news)))
                    after = _similarity(
                        "".join(map(old_code, o_side)), "".join(map(new_code, n_side))
                    )
                    if after >= before + _GROUP_GAIN:
                        (olds if is_old else news)[:] = grown
                        taken[lone] = news[0] if is_old else olds[0]
                        group_of[lone] = key
                        grew = True
                        break

    # Vicinity: one old and one new sentence left alone between the same two matched
    # neighbours are one sentence rewritten ("2 August 2025" -> "5 December 2025") when they
    # share some words; otherwise they stay a removal and an addition.
    for i, j in _lone_pairs(len(old), len(new), new_of_old, old_of_new):
        pair = old_code(i), new_code(j)
        if not all(pair):
            continue
        similar = _similarity(*pair) >= _VICINITY_SIMILARITY
        if not similar and stems is not None:
            similar = _similarity(stems[0](i), stems[1](j)) >= _VICINITY_STEM_SIMILARITY
        if similar:
            new_of_old[i] = j
            old_of_new[j] = i
            groups[i] = ([i], [j])

    links: list[Link] = []
    for i, j in anchors:
        links.append(Link("equal", (i,), (j,), 1.0))
    for olds, news in groups.values():
        o_key = "".join(map(old_code, olds))
        n_key = "".join(map(new_code, news))
        op: AlignmentOp = "equal" if o_key == n_key else "edited"
        links.append(Link(op, olds, news, round(_similarity(o_key, n_key), 4)))

    # Moves: order by old position; links outside the LIS of new positions moved.
    links.sort(key=lambda link: link.old[0])
    keep = _lis([link.new[0] for link in links])
    links = [
        link if pos in keep else Link(link.op, link.old, link.new, link.similarity, moved=True)
        for pos, link in enumerate(links)
    ]

    matched_new = {k for link in links for k in link.new}
    deleted = [Link("deleted", (i,), ()) for i in range(len(old)) if i not in new_of_old]
    inserted = [Link("inserted", (), (j,)) for j in range(len(new)) if j not in matched_new]

    # Reading order: new-document order, with each deletion after the new position of the
    # in-place link that precedes it in the old document.
    place: list[tuple[float, int, Link]] = []
    last_new = -1.0
    by_old = sorted([*links, *deleted], key=lambda link: link.old[0])
    for link in by_old:
        if link.op == "deleted":
            place.append((last_new + 0.5, link.old[0], link))
        else:
            if not link.moved:
                last_new = float(max(link.new))
            place.append((float(link.new[0]), link.old[0], link))
    place.extend((float(link.new[0]), -1, link) for link in inserted)
    place.sort(key=lambda item: (item[0], item[1]))
    return [link for _, _, link in place]
