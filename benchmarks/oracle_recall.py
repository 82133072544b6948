"""Recall of the oracle's known edits, per edit kind and language.

Draws N revisions per edit kind and language from ``revforensics.strategies`` with a fixed
seed (one edit per revision, on a fresh statement), compares each pair with the default
detectors, and prints:

- for a meaningful edit, the recall: the share of edits that a finding of the expected
  kind reports where the edit is (its span on either side);
- for a cosmetic edit, the false-positive rate: the share of revisions with any finding.

It does not assert anything: the figures are measurements. ``--examples`` prints one
missed example for each cell below 100 % recall (or above 0 % false positives).

Run: ``PYTHONPATH=src python benchmarks/oracle_recall.py [--n 60] [--seed 2024] [--examples]``
"""

from __future__ import annotations

import argparse
import random

from revforensics import compare
from revforensics.errors import InputError
from revforensics.strategies import (
    EDITS,
    LANGUAGES,
    MEANING_EDITS,
    random_revision,
    random_statement,
)


def draw(rng: random.Random, lang: str, edit: str) -> tuple[str, str, object]:
    """One revision with the edit applied; redraws the statement when no sentence fits."""
    for _ in range(100):
        statement = random_statement(rng, lang, min_sentences=4, max_sentences=7)
        try:
            return random_revision(rng, statement, [edit])
        except InputError:
            continue
    msg = f"no statement took the edit {edit!r} in 100 draws"
    raise RuntimeError(msg)


def main() -> None:
    """Print the recall and false-positive table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=60, help="revisions per edit and language")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--examples", action="store_true", help="print one miss per weak cell")
    args = parser.parse_args()
    rng = random.Random(args.seed)  # noqa: S311 - a reproducible sample, not cryptography
    print(f"n = {args.n} per cell, seed = {args.seed}")
    print(f"{'edit':<22} {'expects':<18}" + "".join(f"{lang:>8}" for lang in LANGUAGES))
    misses = []
    for edit in EDITS:
        cells = []
        for lang in LANGUAGES:
            hits = 0
            first_miss = None
            for _ in range(args.n):
                old, new, oracle = draw(rng, lang, edit)
                cmp = compare(old, new)
                ok = (
                    not oracle.false_alarms(cmp) if oracle.cosmetic_only else not oracle.missed(cmp)
                )
                hits += ok
                if not ok and first_miss is None:
                    first_miss = (old, new, oracle, [f.kind.value for f in cmp.findings])
            rate = hits / args.n if edit in MEANING_EDITS else 1 - hits / args.n
            cells.append(f"{rate:>7.0%} ")
            if first_miss is not None:
                misses.append((edit, lang, first_miss))
        expects = MEANING_EDITS[edit].value if edit in MEANING_EDITS else "none (FP rate)"
        print(f"{edit:<22} {expects:<18}" + "".join(cells))
    if args.examples:
        for edit, lang, (old, new, oracle, kinds) in misses:
            expected = oracle.edits[0]
            print(f"\n--- {edit} / {lang}: found {kinds}")
            before = expected.old.text if expected.old else None
            after = expected.new.text if expected.new else None
            print(f"edit: {before!r} -> {after!r}")
            print(f"old: {old}\nnew: {new}")


if __name__ == "__main__":
    main()
