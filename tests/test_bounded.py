"""Pathological input finishes: the diff deadline and near-linear stages bound the work.

No wall-clock assertion: timings are measured in benchmarks/, never in unit tests; a hang
here would still fail the run.
"""

import random

import revforensics as rf

_RNG = random.Random(0)
WORDS = [
    "".join(_RNG.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(2 + n % 8))
    for n in range(3000)
]


def prose(words: int, seed: int) -> str:
    rng = random.Random(seed)
    out, capital = [], True
    for _ in range(words):
        word = rng.choice(WORDS)
        out.append(word.capitalize() if capital else word)
        capital = rng.random() < 0.07
        if capital:
            out[-1] += "."
    return " ".join(out) + "."


def test_two_unrelated_ten_thousand_word_texts():
    """Unrelated texts give removals and additions, not a forced alignment."""
    cmp = rf.compare(prose(10_000, 1), prose(10_000, 2))
    kinds = {f.kind for f in cmp.findings}
    assert rf.FindingKind.ASSERTION_REMOVED in kinds
    assert rf.FindingKind.ASSERTION_ADDED in kinds


def test_one_sentence_of_two_hundred_thousand_characters():
    """A single enormous "sentence" with an insertion and a cut is diffed and reported."""
    old = " ".join(random.Random(3).choice(WORDS) for _ in range(40_000))[:200_000]
    cut = old.index(" ", 100_000)
    new = old[:cut] + " with several inserted words" + old[cut : cut + 50_000] + old[cut + 50_500 :]
    cmp = rf.compare(old, new)
    assert len(cmp.old_sentences) == 1
    assert cmp.verdict is rf.Verdict.MEANING_CHANGED
