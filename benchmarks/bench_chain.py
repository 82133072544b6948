"""Cost of a chain comparison against the sum of its pairwise comparisons, in one run.

For each Open Terms Archive chain in ``../shared/data/opentermsarchive_pga/*/chain.json``
and for a synthetic chain, it times:

- ``pairs``: the N-1 neighbour comparisons;
- ``extra``: the other comparisons the chain makes (first to last good version, and
  across suspect versions);
- ``rest``: everything else compare_chain does (lineage, suspects, reverts);

all as CPU time inside one ``compare_chain`` run (a comparer subclass times each
comparison), so a busy machine cannot skew one figure against another. It prints
``lineage = (pairs + rest) / pairs``, the figure the target (<= 1.2) is about: lineage must
not recompute the pairwise comparisons; and ``total = everything / pairs``. It also lists
the suspect versions and reverts.

Run: ``PYTHONPATH=src python benchmarks/bench_chain.py`` (add ``--repeat 3`` for the best
of three runs of each timing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from pathlib import Path

import attrs

from revforensics.chain import ChainComparison, RevisionChain, anchor_key, compare_chain
from revforensics.compare import Comparer
from revforensics.findings import Comparison
from revforensics.model import Revision

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "opentermsarchive_pga"


@attrs.frozen
class _TimedComparer(Comparer):
    """A comparer that adds the CPU time of each comparison to a shared list."""

    spent: list[float] = attrs.field(factory=list)

    def compare(self, old: str | Revision, new: str | Revision) -> Comparison:
        start = time.process_time()
        try:
            return super().compare(old, new)
        finally:
            self.spent.append(time.process_time() - start)


def _ota_chains() -> list[tuple[str, RevisionChain]]:
    out = []
    for meta_path in sorted(DATA.glob("*/chain.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        revisions = [
            Revision(
                (meta_path.parent / v["file"]).read_text(encoding="utf-8"),
                label=f"v{v['version']}",
                captured_at=dt.datetime.fromisoformat(v["date"]),
                source=v["file"],
            )
            for v in meta["versions"]
        ]
        out.append((meta_path.parent.name, RevisionChain(revisions)))
    return out


def _synthetic(versions: int = 30, sentences: int = 200, seed: int = 4) -> RevisionChain:
    """A statement edited many times: words changed, sentences dropped, restored, moved."""
    rng = random.Random(seed)  # noqa: S311 - seeded text generation, not cryptography
    subjects = ["The ministry", "Rescue teams", "The regional police", "Air defence units"]
    verbs = ["reported", "confirmed", "stated", "announced"]
    objects = ["strikes on the depot", "losses of the enemy", "shelling of the city"]
    places = ["Kharkiv", "Sumy", "Pokrovsk", "Kherson", "Odesa"]
    pool = [
        f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.randint(1, 9999)} "
        f"{rng.choice(objects)} in {rng.choice(places)}."
        for _ in range(sentences * 2)
    ]
    current = pool[:sentences]
    revisions = []
    for _ in range(versions):
        revisions.append(Revision(" ".join(current)))
        current = list(current)
        for _ in range(rng.randint(1, 6)):
            action = rng.random()
            k = rng.randrange(len(current))
            if action < 0.4:
                current[k] = current[k].replace("reported", "claimed").replace("confirmed", "said")
                current[k] = current[k].replace(str(rng.randint(1, 9)), str(rng.randint(1, 9)), 1)
            elif action < 0.6:
                del current[k]
            elif action < 0.8:
                current.insert(k, rng.choice(pool))
            else:
                current.insert(rng.randrange(len(current)), current.pop(k))
    return RevisionChain(revisions)


def _measure(name: str, chain: RevisionChain, repeat: int) -> None:
    """Time one chain: every figure comes from the same compare_chain run (best of repeat)."""
    best: tuple[float, float, float, ChainComparison] | None = None
    for _ in range(repeat):
        anchor_key.cache_clear()  # a fair run: no sentence keys left from the last one
        timed = _TimedComparer()
        start = time.process_time()
        result = compare_chain(chain, comparer=timed)
        total = time.process_time() - start
        pairs = sum(timed.spent[: len(chain) - 1])
        compares = sum(timed.spent)
        if best is None or total < best[0]:
            best = (total, pairs, compares, result)
    assert best is not None
    total, pairs, compares, result = best
    extra = compares - pairs  # the net comparison and the bridges
    suspects = ", ".join(
        f"{chain[s.version].label} ({s.detail}{', confirmed' if s.confirmed else ''})"
        for s in result.suspects
    )
    reverts = ", ".join(
        f"{chain[r.version].label}->{chain[r.to].label}{'' if r.exact else '~'}"
        for r in result.reverts
    )
    print(
        f"{name:32} {len(chain):>3} {pairs:8.2f} {extra:8.2f} {total - compares:8.3f}"
        f" {(total - extra) / pairs:8.3f} {total / pairs:6.2f}"
    )
    print(f"{'':32} suspects: {suspects or 'none'}")
    print(f"{'':32} reverts ({len(result.reverts)}): {reverts or 'none'}")


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs")
    args = parser.parse_args()
    print(
        f"{'chain':32} {'N':>3} {'pairs s':>8} {'extra s':>8} {'rest s':>8}"
        f" {'lineage':>8} {'total':>6}"
    )
    chains = _ota_chains()
    if not chains:
        print(f"skipped the Open Terms Archive chains: {DATA} is missing")
    for name, chain in chains:
        _measure(name, chain, args.repeat)
    _measure("synthetic (30 x ~200 sentences)", _synthetic(), args.repeat)
    print(
        "pairs: CPU seconds of the N-1 neighbour comparisons; extra: the net comparison and"
        " bridges;\nrest: everything else (lineage, suspects, reverts); lineage = (pairs + rest)"
        " / pairs, target <= 1.2;\ntotal = all of compare_chain / pairs."
    )


if __name__ == "__main__":
    main()
