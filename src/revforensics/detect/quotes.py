"""``quote_altered`` and ``quote_removed``: the words inside quotation marks changed or went.

After normalization every double quotation mark (``"…"``, ``“…”``, ``„…“``, ``«…»``) is
``"`` and every single one is ``'``, so a change of quotation style never reaches this
detector. Quotations are found by pairing marks inside the aligned sentences: a mark with
a space or an opening bracket before it and a letter after it opens, a mark with a letter
before it and a space or punctuation after it closes, and an ambiguous ``"`` alternates.
Single marks pair only when both are unambiguous, so apostrophes (``п'ять``, ``don't``,
``soldiers'``) are never quotations.

Rules:

* ``quotes.altered``: a quotation kept in the new text (matched through the word diff)
  whose words changed (token keys: case, quote style and look-alike letters do not count;
  punctuation only when it is a question mark).
* ``quotes.removed``: a quotation gone from a sentence that is kept.
* ``quotes.removed_with_clause`` and ``quotes.removed_with_sentence``: a quotation gone
  with the clause or the whole sentence that held it. The assertion detector reports the
  clause or sentence; this says that someone's words went with it, unless the new text
  still quotes them elsewhere.
* ``quotes.paraphrased``: the quotation marks gone but most words kept: the quotation
  became a paraphrase (also ``quote_removed``).

A short quoted name (``бригада «Азов»``, ``operation "Spiderweb"``) is a name, not a
quotation, and is left to the entity detector.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from revforensics.detect._common import make_finding
from revforensics.detect._text import describe_change, quote
from revforensics.diff import Hunk
from revforensics.findings import Evidence, Finding, FindingKind
from revforensics.model import Span
from revforensics.pair import AlignedPair, Document
from revforensics.tokenize import Token

__all__ = ["detect_quotes"]

PARAPHRASE_KEPT = 0.6
"""Share of a vanished quotation's words still in the sentence that makes it a paraphrase."""
PARAPHRASE_MAGNITUDE = 0.8
"""A paraphrase keeps the words but no longer vouches for them being verbatim."""
CLAUSE_CONTENT = 3
"""Content tokens deleted around a quotation that make it part of a removed clause."""
NAME_WORDS = 5
"""A name or title in quotation marks has at most this many words (see ``_is_name``)."""

_OPEN_BEFORE = frozenset(" \n([{-/:—")
_CLOSE_AFTER = frozenset(" \n.,;:!?)]}-\"'…")
_MARKS = frozenset({'"', "'"})
_EDGE_PUNCT = frozenset({".", ",", ";", ":", "-", "..."})
_SCARE_QUOTE_CUES = frozenset(
    {
        *("so-called", "звані", "званий", "звана", "зване", "званих", "званого", "званої"),
        *("называемые", "называемый", "называемая", "называемое", "называемых"),
        *("называемого", "называемой", "зв"),
    }
)
"""Words before scare quotes: "so-called", "так звані", "так называемые"."""


@attrs.frozen
class _Quote:
    """A quotation: its marks (``None`` when it runs past the link) and content range."""

    open: int | None
    close: int | None
    lo: int
    hi: int

    @property
    def first(self) -> int:
        return self.open if self.open is not None else self.lo

    @property
    def last(self) -> int:
        return self.close + 1 if self.close is not None else self.hi


def _direction(text: str, token: Token) -> str:
    """``open``, ``close`` or ``either`` from the characters around a mark."""
    before = text[token.start - 1] if token.start > 0 else " "
    after = text[token.end] if token.end < len(text) else " "
    opens = (before in _OPEN_BEFORE or before in _MARKS) and not after.isspace()
    closes = not before.isspace() and (after in _CLOSE_AFTER)
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _quotes(doc: Document, tokens: Sequence[Token]) -> list[_Quote]:
    """The outermost quotations among ``tokens``."""
    text = doc.norm.text
    stacks: dict[str, list[int]] = {'"': [], "'": []}
    found: list[_Quote] = []
    dangling_close: int | None = None
    for k, token in enumerate(tokens):
        if token.text not in _MARKS:
            continue
        stack = stacks[token.text]
        direction = _direction(text, token)
        if token.text == "'" and direction == "either":
            continue  # a lone apostrophe
        if direction == "either":
            direction = "close" if stack else "open"
        if direction == "open":
            stack.append(k)
        elif stack:
            start = stack.pop()
            found.append(_Quote(start, k, start + 1, k))
        elif token.text == '"' and dangling_close is None and not found:
            dangling_close = k  # a quotation opened in an earlier sentence
    if dangling_close is not None:
        found.append(_Quote(None, dangling_close, 0, dangling_close))
    unclosed = stacks['"']
    if unclosed:
        start = unclosed[0]
        found.append(_Quote(start, None, start + 1, len(tokens)))
    outer = [
        q
        for q in found
        if not any(o is not q and o.first <= q.first and q.last <= o.last for o in found)
    ]
    return sorted(outer, key=lambda q: q.first)


def _words(tokens: Sequence[Token], quoted: _Quote) -> list[str]:
    return [t.key for t in tokens[quoted.lo : quoted.hi] if t.kind != "punct" or t.text == "?"]


def _is_name(tokens: Sequence[Token], quoted: _Quote) -> bool:
    """A short capitalized quotation used as a name or title, not as speech.

    Names stand in a sentence like nouns: бригада «Азов», «Азов» утримує, the
    ('Entry requirements' page). A quotation of speech follows a colon or is followed by
    punctuation (``«Так», — сказав він``). So: a short quotation that opens with a
    capital, has no punctuation inside, does not follow a colon and is followed by a word
    is a name; so is one of capitalized words only, with a word on either side.
    """
    words = tokens[quoted.lo : quoted.hi]
    if not words or len(words) > NAME_WORDS or any(t.kind == "punct" for t in words):
        return False
    if quoted.open is None or quoted.close is None or not words[0].text[:1].isupper():
        return False
    before = tokens[quoted.open - 1] if quoted.open > 0 else None
    after = tokens[quoted.close + 1] if quoted.close + 1 < len(tokens) else None
    if before is not None and before.text == ":":
        return False
    if after is not None and after.kind == "word":
        return True
    capitalized = all(t.text[:1].isupper() or t.kind == "number" for t in words)
    return capitalized and before is not None and before.kind == "word"


def _token_map(hunks: Sequence[Hunk]) -> dict[int, int]:
    out: dict[int, int] = {}
    for hunk in hunks:
        if hunk.tag == "equal":
            for k in range(hunk.i2 - hunk.i1):
                out[hunk.i1 + k] = hunk.j1 + k
    return out


def _inside(index: int, quotes: Sequence[_Quote]) -> _Quote | None:
    for q in quotes:
        if q.first <= index < q.last:
            return q
    return None


def _match(
    pair: AlignedPair, old: Sequence[_Quote], new: Sequence[_Quote], mapping: dict[int, int]
) -> list[tuple[_Quote, _Quote]]:
    """Old and new quotations that are one quotation, through the word diff."""
    votes: dict[tuple[int, int], int] = {}
    for a_index, a in enumerate(old):
        for k in range(a.first, a.last):
            target = _inside(mapping.get(k, -1), new)
            if target is not None:
                key = (a_index, new.index(target))
                votes[key] = votes.get(key, 0) + 1
        # A quotation rewritten wholesale: a new one in the same place, between the
        # same kept words.
        before = [mapping[k] for k in range(a.first) if k in mapping]
        after = [mapping[k] for k in range(a.last, len(pair.old_tokens)) if k in mapping]
        lo = before[-1] if before else -1
        hi = after[0] if after else len(pair.new_tokens)
        for b_index, b in enumerate(new):
            if lo < b.first and b.last <= hi:
                votes.setdefault((a_index, b_index), 0)
    pairs: list[tuple[_Quote, _Quote]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for (i, j), _count in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((old[i], new[j]))
    return pairs


class _Finder:
    def __init__(self, pair: AlignedPair) -> None:
        self.pair = pair
        self.old = _quotes(pair.old, pair.old_tokens)
        self.new = _quotes(pair.new, pair.new_tokens)
        self.mapping = _token_map(pair.hunks)

    def _name(self, q: _Quote, side: str) -> bool:
        return _is_name(self.pair.old_tokens if side == "old" else self.pair.new_tokens, q)

    def content_text(self, q: _Quote) -> str:
        """The old quotation's words, without punctuation at either end."""
        return _content_text(self.pair, q)

    def old_span(self, q: _Quote) -> Span:
        return self.pair.old_span(q.first, q.last)

    def new_span(self, q: _Quote) -> Span:
        return self.pair.new_span(q.first, q.last)

    def find(self) -> Iterator[Finding]:
        matched = _match(self.pair, self.old, self.new, self.mapping)
        # Quoted names are matched like quotations, so that both sides are known, and
        # then left to the entity detector.
        for a, b in matched:
            if self._name(a, "old") or self._name(b, "new"):
                continue
            finding = self.altered(a, b)
            if finding is not None:
                yield finding
        done = {id(a) for a, _ in matched}
        for a in self.old:
            if id(a) in done or self._name(a, "old"):
                continue
            if (finding := self.removed(a)) is not None:
                yield finding

    def _changed_range(self, q: _Quote, side: str) -> tuple[int, int] | None:
        """The first to last changed token inside a quotation's content."""
        lo = hi = None
        for hunk, _o, _n in self.pair.meaningful():
            a, b = (hunk.i1, hunk.i2) if side == "old" else (hunk.j1, hunk.j2)
            a, b = max(a, q.lo), min(b, q.hi)
            if b > a:
                lo = a if lo is None else min(lo, a)
                hi = b if hi is None else max(hi, b)
        return (lo, hi) if lo is not None and hi is not None else None

    def _caret(self, q: _Quote, side: str, other: _Quote) -> Span:
        """An empty span in the other quotation where the changed words were."""
        for hunk in self.pair.hunks:
            a1, a2 = (hunk.i1, hunk.i2) if side == "old" else (hunk.j1, hunk.j2)
            if hunk.tag != "equal" and a1 < q.hi and q.lo < a2:
                pos = hunk.j1 if side == "old" else hunk.i1
                break
        else:
            pos = other.lo
        return self.pair.new_span(pos, pos) if side == "old" else self.pair.old_span(pos, pos)

    def altered(self, a: _Quote, b: _Quote) -> Finding | None:
        pair = self.pair
        if _words(pair.old_tokens, a) == _words(pair.new_tokens, b):
            return None
        old_range = self._changed_range(a, "old")
        new_range = self._changed_range(b, "new")
        if old_range is None and new_range is None:
            old_range, new_range = (a.lo, a.hi), (b.lo, b.hi)
        old_span = pair.old_span(*old_range) if old_range else self._caret(b, "new", a)
        new_span = pair.new_span(*new_range) if new_range else self._caret(a, "old", b)
        whole_old, whole_new = self.old_span(a), self.new_span(b)
        evidence = [Evidence("quote", "old", whole_old), Evidence("quote", "new", whole_new)]
        if len(old_span):
            evidence.append(Evidence("deleted", "old", old_span))
        if len(new_span):
            evidence.append(Evidence("inserted", "new", new_span))
        inside = quote(self.content_text(a))
        what = describe_change(old_span, new_span)
        return make_finding(
            pair,
            FindingKind.QUOTE_ALTERED,
            rule="quotes.altered",
            old=old_span,
            new=new_span,
            evidence=evidence,
            explanation=f"Inside the quotation {inside}, {what}.",
        )

    def removed(self, a: _Quote) -> Finding | None:
        pair = self.pair
        content = [k for k in range(a.lo, a.hi) if pair.old_tokens[k].kind != "punct"]
        if not content:
            return None
        if self._quoted_elsewhere(a):
            return None  # the quotation moved to another sentence: a move, not a removal
        if not any(
            t.kind != "punct" for k, t in enumerate(pair.old_tokens) if not a.first <= k < a.last
        ):
            return None  # a whole line in quotation marks: its marks are typography
        whole = self.old_span(a)
        if self._in_removed_clause(a):
            return make_finding(
                pair,
                FindingKind.QUOTE_REMOVED,
                rule="quotes.removed_with_clause",
                old=whole,
                new=self._removed_caret(a),
                evidence=[Evidence("quote", "old", whole), Evidence("deleted", "old", whole)],
                explanation=(
                    f"The quotation {quote(self.content_text(a))} was removed with the "
                    "clause around it."
                ),
            )
        marks = [k for k in (a.open, a.close) if k is not None]
        kept = self._kept_words(a, content)
        if len(kept) >= PARAPHRASE_KEPT * len(content):
            new_span = pair.new_span(min(kept), max(kept) + 1)
            evidence = [Evidence("quote", "old", whole), Evidence("paraphrase", "new", new_span)]
            evidence += [Evidence("deleted", "old", pair.old_span(k, k + 1)) for k in marks]
            return make_finding(
                pair,
                FindingKind.QUOTE_REMOVED,
                rule="quotes.paraphrased",
                old=whole,
                new=new_span,
                evidence=evidence,
                explanation=(
                    f"The quotation marks around {quote(self.content_text(a))} "
                    "were removed: the quotation became a paraphrase."
                ),
                magnitude=PARAPHRASE_MAGNITUDE,
            )
        caret = self._removed_caret(a)
        return make_finding(
            pair,
            FindingKind.QUOTE_REMOVED,
            rule="quotes.removed",
            old=whole,
            new=caret,
            evidence=[Evidence("quote", "old", whole), Evidence("deleted", "old", whole)],
            explanation=(
                f"The quotation {quote(self.content_text(a))} was removed from a "
                "sentence that is otherwise kept."
            ),
        )

    def _kept_words(self, a: _Quote, content: Sequence[int]) -> list[int]:
        """New indices of the quotation's words still in the sentence, quoted or not.

        A word is kept when the diff keeps it, or when the hunk that replaced the
        quotation holds it again (``"referendum"`` to ``referendum`` is one hunk).
        """
        old_tokens, new_tokens = self.pair.old_tokens, self.pair.new_tokens
        kept = [self.mapping[k] for k in content if k in self.mapping]
        for hunk in self.pair.hunks:
            if hunk.tag == "equal" or not (hunk.i1 < a.last and a.first < hunk.i2):
                continue
            pool = {j: new_tokens[j].key for j in range(hunk.j1, hunk.j2)}
            for k in content:
                if not hunk.i1 <= k < hunk.i2:
                    continue
                j = next((j for j, key in pool.items() if key == old_tokens[k].key), None)
                if j is not None:
                    kept.append(j)
                    del pool[j]
        return sorted(kept)

    def _in_removed_clause(self, a: _Quote) -> bool:
        """Whether the quotation went with a clause of its own words around it.

        Mirrors the assertion detector's removed clause: at least three content tokens
        outside the quotation deleted, replaced by fewer than a third as many.
        """
        pair = self.pair
        lost = gained = 0
        for hunk in pair.hunks:
            if hunk.tag == "equal" or not (hunk.i1 < a.last and a.first < hunk.i2):
                continue
            lost += sum(
                pair.is_content(pair.old_tokens[k])
                for k in range(hunk.i1, hunk.i2)
                if not a.first <= k < a.last
            )
            gained += sum(pair.is_content(t) for t in pair.new_tokens[hunk.j1 : hunk.j2])
        return lost >= CLAUSE_CONTENT and gained * CLAUSE_CONTENT < lost

    def _quoted_elsewhere(self, a: _Quote) -> bool:
        """Whether the new text still holds this quotation, in quotation marks, anywhere."""
        pair = self.pair
        return _quoted_in(pair.old.norm.text, pair.old_tokens, a, pair.new.anchor_keys)

    def _removed_caret(self, a: _Quote) -> Span:
        for hunk in self.pair.hunks:
            if hunk.tag != "equal" and hunk.i1 < a.last and a.first < hunk.i2:
                return self.pair.new_span(hunk.j1, hunk.j1)
        before = [self.mapping[k] for k in range(a.first) if k in self.mapping]
        pos = before[-1] + 1 if before else 0
        return self.pair.new_span(pos, pos)


def detect_quotes(pair: AlignedPair) -> Iterator[Finding]:
    """Find quotations whose words changed, that were removed, or became paraphrases.

    Example:
        >>> import revforensics as rf
        >>> cmp = rf.compare(
        ...     'The commander said: "We will hold Robotyne."',
        ...     'The commander said: "We may hold Robotyne."',
        ... )
        >>> [(f.kind.value, f.old.text, f.new.text) for f in cmp if f.kind == "quote_altered"]
        [('quote_altered', 'will', 'may')]

    .. versionadded:: 0.1
    """
    if not any(t.text in {'"', "'"} for t in (*pair.old_tokens, *pair.new_tokens)):
        return  # no quotation on either side
    if pair.link.op == "deleted":
        yield from _removed_with_sentence(pair)
    elif pair.link.op != "inserted" and pair.hunks:
        yield from _Finder(pair).find()


def _removed_with_sentence(pair: AlignedPair) -> Iterator[Finding]:
    """The quotations of a removed sentence, unless the new text still quotes them."""
    tokens = pair.old_tokens
    for q in _quotes(pair.old, tokens):
        if _is_name(tokens, q) or not any(t.kind != "punct" for t in tokens[q.lo : q.hi]):
            continue
        if q.open is not None and q.open > 0 and tokens[q.open - 1].key in _SCARE_QUOTE_CUES:
            continue  # a so-called "referendum": the marks distance a word, nobody is quoted
        if _quoted_in(pair.old.norm.text, tokens, q, pair.new.anchor_keys):
            continue
        whole = pair.old_span(q.first, q.last)
        words = _content_text(pair, q)
        yield make_finding(
            pair,
            FindingKind.QUOTE_REMOVED,
            rule="quotes.removed_with_sentence",
            old=whole,
            new=None,
            evidence=[Evidence("quote", "old", whole), Evidence("deleted", "old", whole)],
            explanation=f"The quotation {quote(words)} was removed with its sentence.",
        )


def _content_text(pair: AlignedPair, q: _Quote) -> str:
    """An old quotation's words, without punctuation at either end."""
    tokens = pair.old_tokens
    lo, hi = q.lo, q.hi
    while lo < hi and tokens[lo].text in _EDGE_PUNCT:
        lo += 1
    while hi > lo and tokens[hi - 1].text in _EDGE_PUNCT:
        hi -= 1
    return pair.old_span(lo, hi).text


def _quoted_in(text: str, tokens: Sequence[Token], q: _Quote, keys: Sequence[str]) -> bool:
    """Whether sentence keys (normalized, case-folded) still hold the quotation in marks."""
    words = text[tokens[q.lo].start : tokens[q.hi - 1].end]
    needle = " ".join(words.casefold().split())
    return any(f'"{needle}' in key or f"'{needle}" in key for key in keys)
