"""``reattributed``: who a claim is attributed to changed, or the attribution came or went.

An attribution is a reporting cue from ``lexicons/reporting_verbs.txt`` ("said", "according
to", "за даними", "по словам") with its source: the noun phrase next to the cue, built
from capitalized words and ``lexicons/sources.txt`` entries ("the General Staff", "military
bloggers", "Генштабу ЗСУ", "местные жители"). A verb's source is its subject, before it or,
in an inverted clause, after it ("…, said the ministry", "повідомив Генштаб"); a
prepositional cue's source follows it.

Sources are compared by *units*: an alias id for a lexicon entry (``генштаб`` and
``генеральний штаб`` are one source), otherwise a stem with case endings stripped, so
"Генштаб", "Генштабу" and "Генштабом" are one source. Two sources are the same when one's
units are all among the other's ("Генштаб" and "Генштаб ЗСУ") and, where both name a
class of source, it is the same class ("the military" is not "military bloggers").

Rules, all on edited or equal links (a removed sentence is the assertion detector's):

* ``attribution.source_changed``: a cue kept or reworded, its source changed.
* ``attribution.source_removed`` / ``attribution.source_added``: a named source replaced
  by an agentless cue ("according to the ministry" to "reportedly"), or the reverse.
* ``attribution.removed`` / ``attribution.added``: an attribution deleted from, or put in
  front of, a claim that is otherwise kept ("12 drones were downed" to "bloggers claimed
  12 drones were downed").

A cue that changes strength while its source stays ("said" to "claimed") is a certainty
change and is left to the certainty detector. A source written as a pronoun ("he said")
is never compared: "Zelensky said" and "he said" may well be the same speaker.
Magnitude is ``1 + |Δ commitment|``: commitment is the cue's level, capped by the source's
class (bloggers vouch for less than a ministry), and 1.0 for a claim stated as fact.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

import attrs

from revforensics.detect._common import make_finding
from revforensics.detect._text import quote
from revforensics.detect.entities import same_name
from revforensics.findings import Evidence, Finding, FindingKind
from revforensics.lexicon import lexicon, lexicon_map
from revforensics.model import Span
from revforensics.pair import AlignedPair, Document
from revforensics.tokenize import Token

__all__ = ["detect_attribution"]

LEVEL_WEIGHT = {
    "factive": 0.95,
    "neutral": 0.80,
    "weak": 0.65,
    "unverified": 0.50,
    "distancing": 0.35,
    "rumour": 0.25,
    "denial": 0.90,
}
"""Commitment of a reporting cue (methods report §3.2-A)."""
CLASS_CAP = {
    "official": 1.0,
    "media": 0.65,
    "expert": 0.65,
    "unnamed": 0.50,
    "witness": 0.50,
    "unofficial": 0.25,
}
"""The most a source of each class can vouch for; the lowest class in a phrase wins."""
STATED_AS_FACT = 1.0
CLAIM_KEPT = 0.6
"""Share of a sentence's other content tokens that must survive for an attribution that
came or went to count as a change of attribution rather than a rewritten sentence."""
MAX_SOURCE_TOKENS = 8


def _words(text: str) -> list[str]:
    return text.split()


_PRONOUNS = frozenset(_words("he she they we i it він вона вони воно ми я он она они оно мы"))
"""Subject pronouns: a source whose referent this detector cannot know."""
_POSSESSIVES = frozenset(_words("його її їхніми нашими его ее их нашим"))
"""The source inside an "inner" cue: "за його словами", "по их данным"."""
_DETERMINERS = frozenset({"the", "a", "an"})
_EN_POSSESSIVES = frozenset({"his", "her", "their", "its", "our"})
_BE_FORMS = frozenset({"was", "were", "is", "are", "been", "be", "being"})
"""Before a reporting verb, the passive: "it was confirmed", "were reported" name nobody."""
_LINKS = frozenset({"of", "for"})
"""Words inside an English source name: "General Staff of the Armed Forces"."""
_BACK_LINKS = _LINKS | {"in", "at", "within"}
"""Words inside a source read back from its verb: "a source in the foreign ministry told"."""
_AND = frozenset({"and", "і", "й", "та", "и"})
"""Joint sources are one source phrase: "the General Staff and the Air Force said"."""
_FORWARD_LINKS = frozenset({"in", "at", "from", "в", "у", "во", "з", "із", "из"})
"""Prepositions inside a following source: "sources in the ministry", "джерела в Генштабі"."""
_LEAD_PREPOSITIONS = frozenset({"in", "from", "of", "в", "у", "во", "на"})
"""A following source may open with one: "повідомили в Генштабі", "according to
preliminary data from the regional administration"."""
_BETWEEN = frozenset(
    _words(
        "has have had also later earlier previously officially further again then "
        "також раніше офіційно вже знову вчора сьогодні "
        "также ранее официально уже снова вчера сегодня"
    )
)
"""Words that may stand between a subject and its verb: "the ministry has also said"."""
_ADJECTIVE_ENDINGS = (
    *_words("ий ій ый ой ая яя ое ее ые ие ої ого ому ему ими ыми их ых іх ові ні ські цькі"),
    # locative and instrumental: "в оперативном штабе", "обласною адміністрацією"
    *_words("ом ем им ым ім ою ею ую юю"),
    *_words("al ian ern ary ic ive ish ese"),
)
"""Endings of adjectives that may qualify a source: "моніторингових каналів", "regional
governor". Only ever tried next to a source noun, never on their own."""
_NOT_NAMES = frozenset(_words("having needless so-called"))
"""Capitalized at a sentence start, never a source: "Having said that, …"."""
_INVERSION_MARKS = frozenset({",", '"', "-", ":", "(", ";"})


# -- stems -------------------------------------------------------------------------------

_CYRILLIC_ENDINGS = sorted(
    _words(
        "ями ами ого ому его ему ими ыми ів їв ов ев ей ой ий ій ый ая яя ое ее ые ие іх их "
        "ых ою ею ом ем ам ям ім им ым ої ах ях а я у ю о е є и і ї ы ь й"
    ),
    key=len,
    reverse=True,
)
_CYRILLIC_STEM = 6
_LATIN_STEM = 8
_MIN_STEM = 3


def _stem(key: str) -> str:
    """A crude, deterministic stem: case endings off, then truncated.

    Enough to tell that "Генштабу" and "Генштабом" are one word and "bloggers" and
    "blogger" are too; it is only ever compared with other stems made the same way.
    """
    word = key.replace("-", "").replace("'", "")
    if word.endswith("s'"):
        word = word[:-1]
    if any("\u0400" <= c <= "\u04ff" for c in word):
        for ending in _CYRILLIC_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
                word = word[: -len(ending)]
                break
        return word[:_CYRILLIC_STEM]
    if key.endswith("'s"):
        word = key[:-2].replace("-", "")
    if word.endswith("ies") and len(word) > _MIN_STEM + 1:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss") and len(word) > _MIN_STEM:
        word = word[:-1]
    return word[:_LATIN_STEM]


@attrs.frozen
class _Entry:
    """A source-lexicon entry: its class and the unit it stands for."""

    klass: str
    unit: str


@functools.cache
def _sources() -> dict[tuple[str, ...], _Entry]:
    out: dict[tuple[str, ...], _Entry] = {}
    for entry, value in lexicon_map("sources").items():
        klass, _, canonical = value.partition(" ")
        stems = tuple(_stem(word) for word in entry.split())
        out.setdefault(stems, _Entry(klass, canonical or "/".join(stems)))
    return out


@functools.cache
def _source_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(k) for k in _sources()}, reverse=True))


@functools.cache
def _cues() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    """Reporting cues by first word, longest first: (keys, level, slot)."""
    out: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for entry, value in lexicon_map("reporting_verbs").items():
        level, _, slot = value.partition(" ")
        keys = tuple(entry.split())
        out.setdefault(keys[0], []).append((keys, level, slot or "verb"))
    for options in out.values():
        options.sort(key=lambda o: -len(o[0]))
    return out


# -- attributions on one side --------------------------------------------------------------


@attrs.frozen
class _Source:
    lo: int
    hi: int
    units: frozenset[str]
    klass: str  # a CLASS_CAP key, "named" or "pronoun"
    names: tuple[str, ...] = ()
    """Its capitalized words that no list holds, as written: a person's or body's name."""


@attrs.frozen
class _Attribution:
    cue_lo: int
    cue_hi: int
    entry: str
    level: str
    source: _Source | None
    slot: str = ""
    """Where the cue's source stands (``reporting_verbs.txt``); ``none``: it has none."""
    passive: bool = False
    """A verb in the passive with no agent: "it was confirmed that", "was reported"."""

    @property
    def agentless(self) -> bool:
        """Whether the cue names nobody.

        So it is by design ("reportedly"), or as a prepositional cue with no speaker after it
        ("according to preliminary data"). A verb whose subject was not found ("has yet to
        announce") is not: its subject may stand further back.
        """
        if self.source is not None:
            return False
        return self.slot in {"none", "after"} or self.passive

    @property
    def lo(self) -> int:
        return min(self.cue_lo, self.source.lo) if self.source else self.cue_lo

    @property
    def hi(self) -> int:
        return max(self.cue_hi, self.source.hi) if self.source else self.cue_hi

    @property
    def commitment(self) -> float:
        weight = LEVEL_WEIGHT.get(self.level, LEVEL_WEIGHT["neutral"])
        if self.source is not None:
            weight = min(weight, CLASS_CAP.get(self.source.klass, 1.0))
        return weight


class _Side:
    """One side's tokens with source-lexicon matches and attributions."""

    def __init__(self, tokens: Sequence[Token], firsts: Sequence[int], lang: str) -> None:
        self.tokens = tokens
        self.lang = lang
        self.stems = [_stem(t.key) if t.kind == "word" else "" for t in tokens]
        self.match: dict[int, tuple[int, _Entry]] = {}  # start -> (end, entry)
        self.member: dict[int, _Entry] = {}
        self._match_sources()
        self.cue_member: set[int] = set()
        self.plain_nouns: set[int] = set()
        self.unlisted: set[tuple[int, int]] = set()
        """Source phrases read from their grammar, not from the lists."""
        self.firsts = set(firsts)
        self.attributions = list(self._attributions(self.firsts))

    def _match_sources(self) -> None:
        table = _sources()
        k = 0
        while k < len(self.tokens):
            for length in _source_lengths():
                stems = tuple(self.stems[k : k + length])
                if len(stems) == length and "" not in stems and stems in table:
                    entry = table[stems]
                    self.match[k] = (k + length, entry)
                    for m in range(k, k + length):
                        self.member[m] = entry
                    k += length
                    break
            else:
                k += 1

    def _is_name(self, k: int) -> bool:
        token = self.tokens[k]
        return (
            token.kind == "word"
            and token.text[:1].isupper()
            and token.key not in lexicon("stopwords")
            and token.key not in _NOT_NAMES
            and k not in self.cue_member
        )

    def _noun(self, k: int) -> bool:
        """A name or a source noun: what a source phrase is built around."""
        if k in self.cue_member:
            return False
        if k in self.plain_nouns:
            return True
        return self._is_name(k) or (k in self.member and self.member[k].klass != "mod")

    def _modifier(self, k: int) -> bool:
        """A word that qualifies a source noun: a listed one, or an adjective by its ending."""
        if k in self.cue_member:
            return False
        if k in self.member:
            return self.member[k].klass == "mod"
        token = self.tokens[k]
        if token.kind != "word" or not token.text.islower():
            return False
        if token.key in lexicon("stopwords") or token.key in _PRONOUNS:
            return False
        # A noun before a listed source noun qualifies it: "the health ministry".
        nxt = self.member.get(k + 1)
        adjunct = self.lang == "en" and nxt is not None and nxt.klass not in {"mod", "doc"}
        return adjunct or token.key.endswith(_ADJECTIVE_ENDINGS)

    def _backward(self, end: int, floor: int) -> tuple[int, int] | None:
        """The source phrase ending at token ``end - 1``, not reaching below ``floor``."""
        k = end - 1
        if k < floor:
            return None
        if self.tokens[k].key in _PRONOUNS:
            return (k, k + 1)
        if not self._noun(k):
            return self._unlisted_subject(k, floor)
        lo = end
        while k >= floor and end - k <= MAX_SOURCE_TOKENS:
            key = self.tokens[k].key
            if self._noun(k) or self._modifier(k):
                lo = k
                k -= 1
            elif key in _DETERMINERS | _BACK_LINKS | _AND:
                # "Staff of the Armed Forces", "a source in the ministry": step back over
                # "the" and "of" to a name; an article with no "of" before it opens the
                # phrase and is not evidence.
                j = k - 1 if key in _DETERMINERS else k
                bridge = self.tokens[j].key in _BACK_LINKS | _AND if j >= floor else False
                if j - 1 >= floor and bridge and self._noun(j - 1):
                    k = j - 1
                    continue
                break
            else:
                break
        return (lo, end)

    def _unlisted_subject(self, k: int, floor: int) -> tuple[int, int] | None:
        """An English subject the lists do not hold.

        "his lawyer said", "the head of the community said": a determiner or possessive
        before the word marks it as a noun; "of" before that joins a listed noun to it.
        """
        if self.lang != "en" or not self._plain_word(k) or k - 1 < floor:
            return None
        if self._noun(k - 1):  # "the CEC chair said", "a UN spokesman said"
            found = self._backward(k, floor)
            if found is not None:
                self.unlisted.add((found[0], k + 1))
                return (found[0], k + 1)
        if self.tokens[k - 1].key not in _DETERMINERS | _EN_POSSESSIVES:
            return None
        if k - 3 >= floor and self.tokens[k - 2].key in _LINKS and self._noun(k - 3):
            found = self._backward(k - 2, floor)
            if found is not None:
                self.unlisted.add((found[0], k + 1))
                return (found[0], k + 1)
        self.unlisted.add((k, k + 1))
        return (k, k + 1)

    def _noun_after_modifiers(self, k: int, ceiling: int) -> int | None:
        """The index of the noun that modifiers starting at ``k`` qualify, if any."""
        m = k
        while m < ceiling and m - k < 2 and not self._noun(m) and self._modifier(m):
            m += 1
        return m if m < ceiling and self._noun(m) else None

    def _forward(self, start: int, ceiling: int, *, lead: bool) -> tuple[int, int] | None:
        """The source phrase opening at token ``start`` (after an optional preposition)."""
        k = start
        if lead and k < ceiling and self.tokens[k].key in _LEAD_PREPOSITIONS:
            k += 1
        if k < ceiling and self.tokens[k].key in _PRONOUNS:
            return (k, k + 1)
        while k < ceiling and self.tokens[k].key in _DETERMINERS:
            k += 1
        lo = hi = k
        while k < ceiling and k - lo < MAX_SOURCE_TOKENS:
            key = self.tokens[k].key
            if hi > lo and (key in _LINKS or key in _FORWARD_LINKS or key in _AND):
                k += 1  # "sources in the ministry": the phrase goes on if a noun follows
                while k < ceiling and self.tokens[k].key in _DETERMINERS:
                    k += 1
            noun = self._noun_after_modifiers(k, ceiling)
            if noun is None:
                break
            k = hi = noun + 1
        if hi == lo:
            return None
        if self.lang == "en" and hi < ceiling and self._plain_word(hi):
            return None  # "according to the Radon-Nikodym theorem": a name, not a source
        return (lo, hi)

    def _plain_word(self, k: int) -> bool:
        token = self.tokens[k]
        return (
            token.kind == "word"
            and token.text.islower()
            and token.key not in lexicon("stopwords")
            and k not in self.cue_member
        )

    def _cue_at(self, k: int) -> tuple[int, str, str, str] | None:
        for keys, level, slot in _cues().get(self.tokens[k].key, ()):
            found = tuple(t.key for t in self.tokens[k : k + len(keys)])
            if found == keys:
                return k + len(keys), " ".join(keys), level, slot
        return None

    def _attributions(self, firsts: set[int]) -> Iterator[_Attribution]:
        cues: list[tuple[int, int, str, str, str]] = []
        k = 0
        while k < len(self.tokens):
            found = self._cue_at(k)
            if found is None:
                k += 1
                continue
            end, entry, level, slot = found
            after_word = k > 0 and k not in firsts and self.tokens[k - 1].kind == "word"
            if after_word and self.tokens[k].text[:1].isupper():
                k = end  # "United States", "Reports" in a title: a name, not a verb
                continue
            following = self._cue_at(end) if end < len(self.tokens) else None
            if slot == "verb" and end - k == 1 and following and following[3] == "verb":
                self.plain_nouns.add(k)  # "Baltic states said": a noun before the verb
                k = end
                continue
            cues.append((k, end, entry, level, slot))
            self.cue_member.update(range(k, end))
            k = end
        # Sources stop at sentence starts and at other cues.
        bounds = sorted({0, len(self.tokens), *firsts})
        for lo, hi, entry, level, slot in cues:
            floor = max(b for b in bounds if b <= lo)
            ceiling = min(b for b in bounds if b > lo) if any(b > lo for b in bounds) else hi
            span = self._slot(lo, hi, slot, floor, ceiling)
            source = self._source(*span) if span is not None else None
            passive = (
                slot not in {"none", "after", "inner"}
                and lo > 0
                and self.tokens[lo - 1].key in _BE_FORMS
                and (hi >= len(self.tokens) or self.tokens[hi].key != "by")
            )
            yield _Attribution(lo, hi, entry, level, source, slot, passive)

    def _slot(
        self, lo: int, hi: int, slot: str, floor: int, ceiling: int
    ) -> tuple[int, int] | None:
        if slot == "none":
            return None
        if slot == "inner":
            inner = [m for m in range(lo, hi) if self.tokens[m].key in _POSSESSIVES]
            return (inner[0], inner[0] + 1) if inner else None
        if slot == "after":
            return self._forward(hi, ceiling, lead=True)
        # A verb: its subject before it, skipping "has", "also"...
        end = lo
        while end - 1 >= floor and self.tokens[end - 1].key in _BETWEEN and lo - end < 2:
            end -= 1
        found = self._backward(end, floor)
        if found is not None:
            return self._listed_after(found, hi, ceiling)
        before = self.tokens[lo - 1].text if lo - 1 >= floor else ""
        if self.lang == "en" and before and before not in _INVERSION_MARKS:
            return None  # "drones were reported downed": no inverted subject in English
        return self._forward(hi, ceiling, lead=self.lang != "en")

    def _listed_after(self, before: tuple[int, int], hi: int, ceiling: int) -> tuple[int, int]:
        """The subject of a verb that has a name before it: that name, or a listed source after.

        Ukrainian and Russian invert freely: in "…на аеродромі Морозовськ повідомили
        російські ЗМІ" the name before the verb is a place, and the listed source after it is
        the subject. English keeps the name.
        """
        if self.lang == "en":
            return before
        behind = self._source(*before)
        after = self._forward(hi, ceiling, lead=True)
        if after is None or behind is None or behind.klass != "named":
            return before
        ahead = self._source(*after)
        return after if ahead is not None and ahead.klass in CLASS_CAP else before

    def _source(self, lo: int, hi: int) -> _Source | None:
        """The source in tokens ``[lo, hi)``; ``None`` when nobody is named in them.

        "preliminary data" or "the statement" name no speaker: a cue with only such a
        phrase is agentless, like "reportedly".
        """
        if hi - lo == 1 and self.tokens[lo].key in _PRONOUNS | _POSSESSIVES:
            return _Source(lo, hi, frozenset(), "pronoun")
        units: set[str] = set()
        names: list[str] = []
        classes: list[str] = []
        named = False
        k = lo
        while k < hi:
            if k in self.match and self.match[k][0] <= hi:
                end, entry = self.match[k]
                units.add(entry.unit)
                if entry.klass in CLASS_CAP:
                    classes.append(entry.klass)
                elif entry.klass == "country":
                    classes.append("official")  # "Russia said": the country speaks officially
                named = named or entry.klass == "place"  # "лікар області"
                k = end
                continue
            token = self.tokens[k]
            if token.kind in ("word", "number") and token.key not in lexicon("stopwords"):
                unit = self.stems[k] or token.key
                units.add(unit)
                if self._is_name(k):
                    named = True
                    if k not in self.firsts:  # a capital that opens the sentence may be a title
                        names.append(token.key)
            k += 1
        klass = _klass(classes, named=named, unlisted=(lo, hi) in self.unlisted and bool(units))
        if klass is None:
            return None
        return _Source(lo, hi, frozenset(units), klass, tuple(names))


def _klass(classes: Sequence[str], *, named: bool, unlisted: bool) -> str | None:
    """A source's class: the lowest listed one, else ``named`` or ``unlisted``, else none."""
    if classes:
        return min(classes, key=lambda c: (CLASS_CAP[c], c))
    if named:
        return "named"
    return "unlisted" if unlisted else None


# -- comparing the two sides ---------------------------------------------------------------


def _covered(unit: str, others: frozenset[str]) -> bool:
    return any(unit == o or o.startswith(unit + ".") or unit.startswith(o + ".") for o in others)


def _same_names(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two sources name the same people.

    Each name is a form of one on the other side: ``Вадима Кирилина`` / ``Вадим Кирилин``,
    ``Zelensky`` / ``Зеленський``; but never a man's surname and a woman's
    (``Zelensky`` / ``Zelenska``, ``Зеленський`` / ``Зеленська``).
    """
    if not a or not b or len(a) != len(b):
        return False
    return all(any(_one_person(x, y) for y in b) for x in a) and all(
        any(_one_person(y, x) for x in a) for y in b
    )


_CASE_TAILS = frozenset(_words("а у ю ом ем ові еві ым им ой ою ей е і"))
"""Case endings a Ukrainian or Russian name takes on its nominative: Вадим, Вадима, Вадимом."""
_FEMININE = re.compile(r"(?:ськ|цьк|зьк|ск|цк)(?:а|ої|ій|ою|у|ая|ой|ую)$|(?:ova|ska|skaya)$")
_MASCULINE = re.compile(r"(?:ськ|цьк|зьк|ск|цк)(?:ий|ого|ому|им|ім|ого|ом)$|(?:ov|sky|skyi|skiy)$")


def _one_person(a: str, b: str) -> bool:
    """Whether two words are forms of one person's name (case forms, transliterations)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if long.startswith(short) and long[len(short) :] in _CASE_TAILS:
        return True  # Вадим / Вадима: a case ending the name stem keeps
    if {bool(_FEMININE.search(w)) for w in (a, b)} == {True, False} and any(
        _MASCULINE.search(w) for w in (a, b)
    ):
        return False  # Zelensky / Zelenska: husband and wife
    if a.isascii() and b.isascii():
        return False  # English names do not inflect: a letter more is another name
    return same_name(a, b)


def _same_source(a: _Source, b: _Source) -> bool:
    if "pronoun" in (a.klass, b.klass):
        return True  # a pronoun's referent is unknown: never claim a change
    if _same_names(a.names, b.names):
        return True  # one named speaker, titled another way ("губернатор"/"глава региона")
    lexical = set(CLASS_CAP)
    if a.klass in lexical and b.klass in lexical and a.klass != b.klass:
        return False
    return all(_covered(u, b.units) for u in a.units) or all(_covered(u, a.units) for u in b.units)


def _token_map(pair: AlignedPair) -> dict[int, int]:
    out: dict[int, int] = {}
    for hunk in pair.hunks:
        if hunk.tag == "equal":
            for k in range(hunk.i2 - hunk.i1):
                out[hunk.i1 + k] = hunk.j1 + k
    return out


def _changed(pair: AlignedPair) -> tuple[set[int], set[int]]:
    """Old and new token indices inside meaningful hunks."""
    old: set[int] = set()
    new: set[int] = set()
    for hunk, _o, _n in pair.meaningful():
        old.update(range(hunk.i1, hunk.i2))
        new.update(range(hunk.j1, hunk.j2))
    return old, new


def _tokens_of(attribution: _Attribution) -> range:
    return range(attribution.lo, attribution.hi)


def _match(
    pair: AlignedPair, old: list[_Attribution], new: list[_Attribution], mapping: dict[int, int]
) -> list[tuple[_Attribution, _Attribution]]:
    pairs: list[tuple[_Attribution, _Attribution]] = []
    free_old, free_new = list(old), list(new)

    def take(a: _Attribution, b: _Attribution) -> None:
        pairs.append((a, b))
        free_old.remove(a)
        free_new.remove(b)

    # 1. Through the word diff: a kept cue or source token lands in the other attribution.
    for a in list(free_old):
        for b in free_new:
            if any(mapping.get(k, -1) in _tokens_of(b) for k in _tokens_of(a)):
                take(a, b)
                break
    # 2. Both inside one replaced stretch: "the General Staff said" -> "bloggers claimed".
    for a in list(free_old):
        for b in free_new:
            if any(
                hunk.tag != "equal"
                and hunk.i1 < a.hi
                and a.lo < max(hunk.i2, hunk.i1 + 1)
                and hunk.j1 < b.hi
                and b.lo < max(hunk.j2, hunk.j1 + 1)
                for hunk in pair.hunks
            ):
                take(a, b)
                break
    # 3. One left on each side, both touched by the edit: the same slot, reworded.
    old_changed, new_changed = _changed(pair)
    if (
        len(free_old) == 1
        and len(free_new) == 1
        and any(k in old_changed for k in _tokens_of(free_old[0]))
        and any(k in new_changed for k in _tokens_of(free_new[0]))
    ):
        take(free_old[0], free_new[0])
    return pairs


def _claim_kept(pair: AlignedPair, tokens: Sequence[Token], region: range, kept: set[int]) -> bool:
    """Whether most content tokens outside ``region`` are unchanged."""
    content = [k for k, t in enumerate(tokens) if k not in region and pair.is_content(t)]
    if len(content) < 2:
        return False
    return sum(k in kept for k in content) >= CLAIM_KEPT * len(content)


def _describe(attribution: _Attribution, text: str) -> str:
    """How an explanation names an attribution: its source, class and cue."""
    source = attribution.source
    cue = quote(attribution.entry)
    if source is None:
        return f"no named source ({cue})"
    klass = source.klass if source.klass in CLASS_CAP else ""
    detail = f"{klass}, {cue}" if klass else cue
    return f"{quote(text)} ({detail})"


def _firsts(doc: Document, sentences: Sequence[int]) -> list[int]:
    """The token index at which each of a link's sentences starts."""
    out, at = [], 0
    for i in sentences:
        out.append(at)
        at += len(doc.sentence_tokens(i))
    return out


class _Finder:
    def __init__(self, pair: AlignedPair) -> None:
        self.pair = pair
        self.old = _Side(pair.old_tokens, _firsts(pair.old, pair.link.old), pair.old.lang)
        self.new = _Side(pair.new_tokens, _firsts(pair.new, pair.link.new), pair.new.lang)

    def span(self, side: str, lo: int, hi: int) -> Span:
        return self.pair.old_span(lo, hi) if side == "old" else self.pair.new_span(lo, hi)

    def evidence(self, side: str, attribution: _Attribution) -> list[Evidence]:
        out = [
            Evidence(
                "cue",
                side,
                self.span(side, attribution.cue_lo, attribution.cue_hi),
                f"{attribution.entry} ({attribution.level})",
            )
        ]
        if attribution.source is not None:
            source = attribution.source
            out.append(
                Evidence("source", side, self.span(side, source.lo, source.hi), source.klass)
            )
        return out

    def source_span(self, side: str, attribution: _Attribution) -> Span:
        source = attribution.source
        if source is None:
            return self.span(side, attribution.cue_lo, attribution.cue_hi)
        return self.span(side, source.lo, source.hi)

    def find(self) -> Iterator[Finding]:
        pair = self.pair
        mapping = _token_map(pair)
        old_changed, new_changed = _changed(pair)
        matched = _match(pair, self.old.attributions, self.new.attributions, mapping)
        for a, b in matched:
            touched = any(k in old_changed for k in _tokens_of(a)) or any(
                k in new_changed for k in _tokens_of(b)
            )
            if touched:
                yield from self.compared(a, b)
        done = {id(x) for match in matched for x in match}
        for removed, attributions, changed, kept in (
            (True, self.old.attributions, old_changed, set(mapping)),
            (False, self.new.attributions, new_changed, set(mapping.values())),
        ):
            tokens = pair.old_tokens if removed else pair.new_tokens
            for x in attributions:
                if id(x) in done or x.source is None:
                    continue
                region = _tokens_of(x)
                if any(k in kept for k in region) or not any(k in changed for k in region):
                    continue  # partly kept: not an attribution that came or went
                if _claim_kept(pair, tokens, region, kept):
                    yield self.gone(x, removed=removed)

    def compared(self, a: _Attribution, b: _Attribution) -> Iterator[Finding]:
        """A finding if the source of one attribution, kept or reworded, changed."""
        if a.source is not None and b.source is not None:
            if not _same_source(a.source, b.source):
                yield self.changed(a, b, "attribution.source_changed")
            # else only the cue changed: a certainty matter
        # Only an agentless cue drops or brings a source: a verb whose subject was not found
        # ("has yet to announce") may well keep it.
        elif a.source is not None and a.source.klass != "pronoun" and b.agentless:
            yield self.changed(a, b, "attribution.source_removed")
        elif b.source is not None and b.source.klass != "pronoun" and a.agentless:
            yield self.changed(a, b, "attribution.source_added")

    def changed(self, a: _Attribution, b: _Attribution, rule: str) -> Finding:
        old_span, new_span = self.source_span("old", a), self.source_span("new", b)
        was = _describe(a, old_span.text)
        now = _describe(b, new_span.text)
        return make_finding(
            self.pair,
            FindingKind.REATTRIBUTED,
            rule=rule,
            old=old_span,
            new=new_span,
            evidence=[*self.evidence("old", a), *self.evidence("new", b)],
            explanation=f"The claim is now attributed to {now} instead of {was}.",
            magnitude=1.0 + abs(a.commitment - b.commitment),
        )

    def gone(self, attribution: _Attribution, *, removed: bool) -> Finding:
        side = "old" if removed else "new"
        span = self.span(side, attribution.lo, attribution.hi)
        # A caret on the other side, where the attribution was or would be.
        caret = self._caret(attribution, removed=removed)
        who = _describe(attribution, self.source_span(side, attribution).text)
        if removed:
            text = f"The attribution to {who} was removed; the claim now stands as fact."
        else:
            text = f"The claim, stated as fact before, is now attributed to {who}."
        return make_finding(
            self.pair,
            FindingKind.REATTRIBUTED,
            rule="attribution.removed" if removed else "attribution.added",
            old=span if removed else caret,
            new=caret if removed else span,
            evidence=[
                *self.evidence(side, attribution),
                Evidence("deleted" if removed else "inserted", side, span),
            ],
            explanation=text,
            magnitude=1.0 + abs(STATED_AS_FACT - attribution.commitment),
        )

    def _caret(self, attribution: _Attribution, *, removed: bool) -> Span:
        for hunk in self.pair.hunks:
            lo, hi = (hunk.i1, hunk.i2) if removed else (hunk.j1, hunk.j2)
            if lo <= attribution.lo < max(hi, lo + 1):
                return (
                    self.pair.new_span(hunk.j1, hunk.j1)
                    if removed
                    else self.pair.old_span(hunk.i1, hunk.i1)
                )
        return self.pair.new_span(0, 0) if removed else self.pair.old_span(0, 0)


def detect_attribution(pair: AlignedPair) -> Iterator[Finding]:
    """Find claims whose source changed, or that gained or lost an attribution.

    Example:
        >>> import revforensics as rf
        >>> cmp = rf.compare(
        ...     "The General Staff said 12 drones were shot down.",
        ...     "Military bloggers claimed 12 drones were shot down.",
        ... )
        >>> [(f.kind.value, f.old.text, f.new.text) for f in cmp if f.kind == "reattributed"]
        [('reattributed', 'General Staff', 'Military bloggers')]

    .. versionadded:: 0.1
    """
    if pair.link.op in ("deleted", "inserted") or not pair.hunks:
        return
    if not any(_may_attribute(t) for t in pair.changed_tokens):
        return  # no cue, source word or name came, went or changed
    yield from _Finder(pair).find()


@functools.cache
def _attribution_stems() -> frozenset[str]:
    """Stems of every word of the reporting cues and the source list."""
    cue_words = (w for entry in lexicon_map("reporting_verbs") for w in entry.split())
    source_stems = (s for stems in _sources() for s in stems)
    return frozenset({*map(_stem, cue_words), *source_stems})


def _may_attribute(token: Token) -> bool:
    """Whether a changed token could be part of an attribution: a cue, a source, a name."""
    if token.kind != "word":
        return False
    return token.text[:1].isupper() or _stem(token.key) in _attribution_stems()
