"""Lexicon cues in token runs, and clause groups of hunks: shared by certainty and negation.

A *cue* is a lexicon entry found in a sentence's tokens. Entries are written as text and
tokenized like the text itself, so ``didn't``, ``т.зв.`` and ``according to preliminary
data`` match the token runs they produce; matching is by whole token key, so a prefix
fused into a word (``небольшой``) never matches ``не``.

A *group* is a run of meaningful hunks with no clause boundary in the unchanged tokens
between them, and its *region* on each side reaches out to the nearest boundaries: the
clause in which the change happened. Cues outside the region cannot explain it.

:class:`Changes` answers what the two versions share: the word a cue *governs* (the first
content word after it, or before it) must have a *counterpart* on the other side, or the
cue sits in added or removed wording and changes no claim that was there.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Collection, Sequence
from typing import NamedTuple

from revforensics.diff import Hunk
from revforensics.lexicon import lexicon, lexicon_map
from revforensics.model import Span
from revforensics.normalize import normalize
from revforensics.pair import AlignedPair
from revforensics.tokenize import Token, tokenize

__all__ = [
    "Changes",
    "Cue",
    "Group",
    "clause_of",
    "find_cues",
    "groups",
    "is_boundary",
    "is_strong_boundary",
    "shares_stem",
    "trim_punct",
]

BOUNDARY_PUNCT = frozenset({",", ";", ":", "(", ")", ".", "!", "?", "...", "-"})
"""Punctuation that ends a clause: a cue's reach and a negator's scope stop here."""
STRONG_PUNCT = frozenset({";", ".", "!", "?", "..."})
"""Punctuation that ends a sentence or a full clause."""
BOUNDARY_WORDS = frozenset(
    {
        # English
        "and",
        "but",
        "or",
        "while",
        "whereas",
        "although",
        "though",
        "because",
        # Ukrainian
        "і",
        "й",
        "та",
        "а",
        "але",
        "або",
        "хоча",
        "бо",
        # Russian
        "и",
        "но",
        "или",
        "хотя",
        "зато",
    }
)
"""Conjunctions that start a new clause (NegEx's termination terms, roughly)."""
BOUNDARY_ADVERBS = frozenset({"however", "проте", "однак", "однако"})
"""Adverbs that start a new clause when set off by punctuation ("…, however, …"); inside a
clause ("none of them however solve") they do not."""


class Cue(NamedTuple):
    """One lexicon entry found in a token list.

    Attributes:
        lo: Index of its first token.
        hi: One past its last token.
        entry: The lexicon entry as written in the file.
        value: The entry's second column (empty for one-column lists).
    """

    lo: int
    hi: int
    entry: str
    value: str


_Table = dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]


@functools.cache
def _table(name: str, *, two_column: bool) -> _Table:
    """Entries keyed by their first token key, longest first."""
    items = lexicon_map(name).items() if two_column else ((e, "") for e in lexicon(name))
    by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for entry, value in items:
        keys = tuple(t.key for t in tokenize(normalize(entry).text))
        if keys:
            by_first.setdefault(keys[0], []).append((keys, entry, value))
    return {
        first: tuple(sorted(found, key=lambda item: (-len(item[0]), item[1])))
        for first, found in by_first.items()
    }


def find_cues(tokens: Sequence[Token], name: str, *, two_column: bool = True) -> list[Cue]:
    """The entries of lexicon ``name`` in ``tokens``: left to right, longest match first.

    Example:
        >>> from revforensics.tokenize import tokenize
        >>> [c.entry for c in find_cues(tokenize("They may not only win"), "pseudo_negations",
        ...                              two_column=False)]
        ['not only']
    """
    table = _table(name, two_column=two_column)
    out: list[Cue] = []
    k = 0
    n = len(tokens)
    while k < n:
        for keys, entry, value in table.get(tokens[k].key, ()):
            end = k + len(keys)
            if end <= n and all(tokens[k + m].key == keys[m] for m in range(1, len(keys))):
                out.append(Cue(k, end, entry, value))
                k = end
                break
        else:
            k += 1
    return out


def is_boundary(tokens: Sequence[Token], k: int) -> bool:
    """Whether token ``k`` ends a clause: ``, ; : ( ) . ! ? -`` or a conjunction."""
    token = tokens[k]
    if token.kind == "punct":
        return token.key in BOUNDARY_PUNCT
    if token.kind != "word":
        return False
    if token.key in BOUNDARY_ADVERBS:
        before = tokens[k - 1] if k > 0 else None
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        return before is None or any(t is not None and t.kind == "punct" for t in (before, after))
    return token.key in BOUNDARY_WORDS


def is_strong_boundary(token: Token) -> bool:
    """Whether a token ends a sentence or a full clause (``; . ! ?``)."""
    return token.kind == "punct" and token.key in STRONG_PUNCT


AUXILIARIES = frozenset(
    {
        # English auxiliaries, modals and adverbs that stand between a cue and its verb
        "will",
        "would",
        "shall",
        "should",
        "could",
        "may",
        "might",
        "must",
        "also",
        "still",
        "yet",
        "even",
        "longer",
        "able",
        "already",
        "always",
        "ever",
        "immediately",
        "currently",
        "not",
        "therefore",
        "thus",
        "however",
        # Ukrainian
        "проте",
        "однак",
        "було",
        "були",
        "була",
        "був",
        "буде",
        "будуть",
        "бути",
        "є",
        "може",
        "можуть",
        "ще",
        # Russian
        "однако",
        "будет",
        "будут",
        "быть",
        "есть",
        "может",
        "могут",
        "еще",
    }
)
"""Words skipped when looking for the word a cue governs ("may also be applied")."""
SMALL_HUNK = 6
"""A replaced run this short on both sides keeps its words' stems as shared
(``advanced`` -> ``did not advance``); a longer one is a rewrite, whose stems prove nothing."""
STEM = 5
"""Two words share a stem when their first letters agree this far, or, for a short word,
up to its last letter (``advanced`` / ``advance``, ``село`` / ``села``); never below
:data:`MIN_STEM`."""
MIN_STEM = 3
MIN_KEPT_RUN = 2
"""Content words in a row that a rewritten run must keep for them to count as shared."""
INNER_LIMIT = 300
"""Tokens on a side past which a rewritten run is not aligned again inside (difflib is
quadratic there); its cues then count as added or removed wording."""
_CROSSABLE = frozenset({",", ":", "-"})


def shares_stem(a: str, b: str) -> bool:
    """Whether two token keys look like forms of one word.

    Example:
        >>> shares_stem("advanced", "advance"), shares_stem("село", "села")
        (True, True)
        >>> shares_stem("hit", "him"), shares_stem("втрати", "вартість")
        (False, False)
        >>> shares_stem("took", "take"), shares_stem("struck", "strikes")
        (True, True)
    """
    if a == b:
        return True
    need = min(STEM, min(len(a), len(b)) - 1)
    if need >= MIN_STEM and a[:need] == b[:need]:
        return True
    return _base_verb(a) == _base_verb(b) is not None


@functools.cache
def _verb_bases() -> frozenset[str]:
    return frozenset(lexicon_map("irregular_verbs").values())


def _base_verb(key: str) -> str | None:
    """The base form of an irregular English verb form (``took``, ``takes``: ``take``)."""
    forms = lexicon_map("irregular_verbs")
    if key in forms:
        return forms[key]
    bases = _verb_bases()
    for suffix, tail in (("s", ""), ("es", ""), ("ing", ""), ("ing", "e")):
        if key.endswith(suffix) and key[: -len(suffix)] + tail in bases:
            return key[: -len(suffix)] + tail
    return key if key in bases else None


class Changes:
    """The meaningful hunks of a pair, indexed by token, and what the versions share."""

    @classmethod
    def of(cls, pair: AlignedPair) -> Changes:
        """The pair's index, built once and shared by every detector that reads it."""
        found = pair.shared.get("changes")
        if not isinstance(found, Changes):
            found = pair.shared["changes"] = cls(pair)
        return found

    def __init__(self, pair: AlignedPair) -> None:
        """Index the pair's hunks."""
        self.pair = pair
        self.hunks = [hunk for hunk, _old, _new in pair.meaningful()]
        self._meaningful = frozenset(self.hunks)
        self._hunk: dict[str, dict[int, Hunk]] = {"old": {}, "new": {}}
        self._any: dict[str, dict[int, Hunk]] = {"old": {}, "new": {}}
        for hunk in pair.hunks:
            old, new = range(hunk.i1, hunk.i2), range(hunk.j1, hunk.j2)
            self._any["old"].update(dict.fromkeys(old, hunk))
            self._any["new"].update(dict.fromkeys(new, hunk))
            if hunk in self._meaningful:
                self._hunk["old"].update(dict.fromkeys(old, hunk))
                self._hunk["new"].update(dict.fromkeys(new, hunk))
        self._matched: dict[Hunk, tuple[dict[int, int], dict[int, int]]] = {}
        self.old = frozenset(self._hunk["old"])
        """Old token indices inside meaningful hunks."""
        self.new = frozenset(self._hunk["new"])
        """New token indices inside meaningful hunks."""

    def tokens(self, side: str) -> Sequence[Token]:
        """The tokens of ``side`` (``old`` or ``new``)."""
        return self.pair.old_tokens if side == "old" else self.pair.new_tokens

    def changed(self, side: str, lo: int, hi: int) -> bool:
        """Whether any token of ``[lo, hi)`` on ``side`` lies in a meaningful hunk."""
        found = self._hunk[side]
        return any(k in found for k in range(lo, hi))

    def hunk(self, side: str, k: int) -> Hunk | None:
        """The meaningful hunk holding token ``k`` of ``side``."""
        return self._hunk[side].get(k)

    def caret(self, side: str, other_k: int) -> Span:
        """An empty span on ``side`` where the hunk holding the other side's token starts."""
        hunk = self.hunk("new" if side == "old" else "old", other_k)
        if side == "old":
            pos = hunk.i1 if hunk is not None else 0
            return self.pair.old_span(pos, pos)
        pos = hunk.j1 if hunk is not None else 0
        return self.pair.new_span(pos, pos)

    def counterpart(self, side: str, k: int) -> int | None:
        """The token of the other side that says what token ``k`` of ``side`` says.

        Unchanged tokens map one to one; inside a rewritten run, a word kept in a run of
        content words maps to its copy, and in a short run a word maps to another form of
        itself (``advanced`` in "advanced" -> "did not advance"). ``None`` means the word
        was added or removed.
        """
        hunk = self._any[side].get(k)
        if hunk is None:
            return None
        mine, theirs = (hunk.i1, hunk.j1) if side == "old" else (hunk.j1, hunk.i1)
        size, other_size = (
            (hunk.i2 - hunk.i1, hunk.j2 - hunk.j1)
            if side == "old"
            else (hunk.j2 - hunk.j1, hunk.i2 - hunk.i1)
        )
        if hunk.tag == "equal" or (hunk not in self._meaningful and size == other_size):
            return theirs + k - mine
        if hunk not in self._meaningful:
            return None  # a cosmetic run of another length
        inner = self._inner(hunk)[0 if side == "old" else 1]
        if k in inner:
            return inner[k]
        if size > SMALL_HUNK or other_size > SMALL_HUNK:
            return None
        return self._stem_twin(side, k, range(theirs, theirs + other_size))

    def _stem_twin(self, side: str, k: int, other_range: range) -> int | None:
        """The first word in ``other_range`` of the other side that shares ``k``'s stem."""
        token = self.tokens(side)[k]
        if token.kind != "word":
            return None
        other = self.tokens("new" if side == "old" else "old")
        return next(
            (
                j
                for j in other_range
                if other[j].kind == "word" and shares_stem(token.key, other[j].key)
            ),
            None,
        )

    def _inner(self, hunk: Hunk) -> tuple[dict[int, int], dict[int, int]]:
        """Tokens of a replaced run that reappear, in order, on its other side.

        Semantic cleanup merges a rewritten clause into one hunk ("may also be applied" ->
        "of 70-100 US dollars will be applied"); a second, plain alignment inside it finds
        the words that stayed.
        """
        found = self._matched.get(hunk)
        if found is None and max(hunk.i2 - hunk.i1, hunk.j2 - hunk.j1) > INNER_LIMIT:
            found = self._matched[hunk] = ({}, {})  # a wholesale rewrite: keep it linear
        if found is None:
            old = [t.key for t in self.pair.old_tokens[hunk.i1 : hunk.i2]]
            new = [t.key for t in self.pair.new_tokens[hunk.j1 : hunk.j2]]
            blocks = difflib.SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()
            # A lone word in common is often chance ("travel" and "Electronic Travel
            # Authorisation"); a run with two content words or more is wording kept.
            tokens = self.pair.old_tokens
            runs = [
                b
                for b in blocks
                if sum(self.pair.is_content(tokens[hunk.i1 + b.a + m]) for m in range(b.size))
                >= MIN_KEPT_RUN
            ]
            pairs = [(hunk.i1 + b.a + m, hunk.j1 + b.b + m) for b in runs for m in range(b.size)]
            found = (dict(pairs), {j: i for i, j in pairs})
            self._matched[hunk] = found
        return found

    def _is_head(self, token: Token) -> bool:
        return self.pair.is_content(token) and token.key not in AUXILIARIES

    def _walk(
        self, side: str, start: int, step: int, skip: Collection[int], *, cross: bool
    ) -> int | None:
        """The first head word from ``start`` in direction ``step`` within the clause."""
        tokens = self.tokens(side)
        k = start
        crossed = not cross
        while 0 <= k < len(tokens):
            if k in skip:
                pass
            elif is_boundary(tokens, k):
                # A sentence adverb set off by a comma ("Ймовірно, ворог …", "Не
                # виключено, що …") governs the clause beyond it.
                if crossed or tokens[k].key not in _CROSSABLE or k != start:
                    return None
                crossed = True
            elif self._is_head(tokens[k]):
                return k
            k += step
        return None

    def governed(  # noqa: PLR0913 - each direction is a separate switch
        self,
        side: str,
        lo: int,
        hi: int,
        skip: Collection[int],
        *,
        forward: bool = True,
        backward: bool = False,
        fallback: bool = False,
        cross: bool = False,
        moved: bool = False,
    ) -> int | None:
        """The word both versions share that the cue at ``[lo, hi)`` governs, if any.

        The governed word is the first content word after the cue (skipping auxiliaries:
        "may also be applied"), or before it; it counts only when the other version has it
        too. A cue that governs nothing shared sits in added or removed wording.

        Args:
            side: ``old`` or ``new``.
            lo: The cue's first token.
            hi: One past its last token.
            skip: Token indices never taken as the governed word (other cues).
            forward: Look for the governed word after the cue.
            backward: Look before it as well.
            fallback: Look before it only when nothing follows ("Втрат не було").
            cross: Step over one comma right next to the cue.
            moved: Failing that, take a governed word that the other version holds exactly
                once elsewhere: the sentence was reordered around it.
        """
        heads = []
        ahead = self._walk(side, hi, 1, skip, cross=cross) if forward else None
        if ahead is not None:
            heads.append(ahead)
        if backward or (fallback and ahead is None):
            behind = self._walk(side, lo - 1, -1, skip, cross=cross)
            if behind is not None:
                heads.append(behind)
        for k in heads:
            if self.counterpart(side, k) is not None:
                return k
        if moved:
            other = self.tokens("new" if side == "old" else "old")
            for k in heads:
                key = self.tokens(side)[k].key
                if sum(t.kind == "word" and t.key == key for t in other) == 1:
                    return k
        return None


class Group(NamedTuple):
    """Meaningful hunks of one clause and the clause's token range on each side.

    Attributes:
        hunks: The hunks, in order.
        old: ``(lo, hi)``: the clause's old token range.
        new: ``(lo, hi)``: the clause's new token range.
    """

    hunks: tuple[Hunk, ...]
    old: tuple[int, int]
    new: tuple[int, int]


def _has_boundary(tokens: Sequence[Token], lo: int, hi: int, keep: Collection[int]) -> bool:
    return any(is_boundary(tokens, k) and k not in keep for k in range(lo, hi))


def _region(tokens: Sequence[Token], lo: int, hi: int, keep: Collection[int]) -> tuple[int, int]:
    """Widen ``[lo, hi)`` to the nearest clause boundaries outside it."""
    start = lo
    while start > 0 and not (is_boundary(tokens, start - 1) and start - 1 not in keep):
        start -= 1
    end = hi
    while end < len(tokens) and not (is_boundary(tokens, end) and end not in keep):
        end += 1
    return start, end


def clause_of(tokens: Sequence[Token], k: int, keep: Collection[int] = ()) -> tuple[int, int]:
    """The token range of the clause holding token ``k``, between the nearest boundaries."""
    return _region(tokens, k, k + 1, keep)


def groups(
    pair: AlignedPair, keep_old: Collection[int] = (), keep_new: Collection[int] = ()
) -> list[Group]:
    """The pair's meaningful hunks grouped by clause, each with its clause region.

    Args:
        pair: The aligned pair.
        keep_old: Old token indices that never count as boundaries (the period inside a
            cue such as ``т.зв.``, the ``or`` of ``whether or not``).
        keep_new: The same for new tokens.
    """
    hunks = [hunk for hunk, _old, _new in pair.meaningful()]
    if not hunks:
        return []
    runs: list[list[Hunk]] = [[hunks[0]]]
    for hunk in hunks[1:]:
        prev = runs[-1][-1]
        if _has_boundary(pair.old_tokens, prev.i2, hunk.i1, keep_old) or _has_boundary(
            pair.new_tokens, prev.j2, hunk.j1, keep_new
        ):
            runs.append([hunk])
        else:
            runs[-1].append(hunk)
    return [
        Group(
            tuple(run),
            _region(pair.old_tokens, run[0].i1, run[-1].i2, keep_old),
            _region(pair.new_tokens, run[0].j1, run[-1].j2, keep_new),
        )
        for run in runs
    ]


def trim_punct(tokens: Sequence[Token], lo: int, hi: int) -> tuple[int, int]:
    """Drop punctuation at both ends of ``[lo, hi)`` so a quoted clause starts on a word."""
    while lo < hi and tokens[lo].kind == "punct":
        lo += 1
    while hi > lo and tokens[hi - 1].kind == "punct":
        hi -= 1
    return lo, hi
