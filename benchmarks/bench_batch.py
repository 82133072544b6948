"""Throughput of revforensics.batch going from 1 to 2 workers, as a ratio.

Pairs: UK travel advice (``shared/data/travel_advisories/uk_travel_advice_pairs.jsonl``)
when present, else a synthetic corpus drawn from ``revforensics.strategies`` with a fixed
seed. Each configuration runs the same pairs; the figure to read is the ratio of 2-worker
to 1-worker throughput, measured in one run (the machine is shared: absolute times vary).

Run: ``PYTHONPATH=src python benchmarks/bench_batch.py [--pairs 1000] [--repeat 2]``
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from revforensics.batch import compare_many
from revforensics.errors import InputError
from revforensics.strategies import EDITS, random_revision, random_statement

DATA = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "travel_advisories"
    / "uk_travel_advice_pairs.jsonl"
)


def travel_pairs(limit: int) -> list[dict[str, str]]:
    """The first ``limit`` UK travel advice pairs, repeated if there are fewer."""
    with DATA.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    records = [{"id": r["id"], "old": r["old"], "new": r["new"]} for r in rows]
    return [records[k % len(records)] for k in range(limit)]


def synthetic_pairs(limit: int) -> list[dict[str, str]]:
    """Generated statements with one known edit each (seed 11)."""
    rng = random.Random(11)  # noqa: S311 - a reproducible sample
    out: list[dict[str, str]] = []
    while len(out) < limit:
        statement = random_statement(rng, min_sentences=6, max_sentences=12)
        try:
            old, new, _ = random_revision(rng, statement, [rng.choice(EDITS)])
        except InputError:
            continue
        out.append({"id": f"s{len(out)}", "old": old, "new": new})
    return out


def time_pool(records: list[dict[str, str]], workers: int) -> float:
    """Seconds to compare every record with ``workers`` processes (pool start included)."""
    start = time.perf_counter()
    results = list(compare_many(records, workers=workers, form="json"))
    elapsed = time.perf_counter() - start
    assert all(r.ok for r in results), [r.error for r in results if not r.ok][:3]
    return elapsed


def time_dask(records: list[dict[str, str]], workers: int) -> float | None:
    """Seconds for compare_dask on a LocalCluster of ``workers`` processes; None without Dask."""
    try:
        import distributed  # noqa: PLC0415 - optional

        from revforensics.batch import compare_dask  # noqa: PLC0415
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "pairs.jsonl"
        source.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
        size = source.stat().st_size
        with (
            distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            distributed.Client(cluster),
        ):
            start = time.perf_counter()  # cluster start-up is not counted
            compare_dask(source, Path(tmp) / "out", blocksize=max(size // 8, 1))
            return time.perf_counter() - start


def main() -> None:
    """Print throughput ratios for the process pool and, if installed, Dask."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2, help="runs per setting; best is kept")
    parser.add_argument("--synthetic", action="store_true", help="skip the travel advice data")
    args = parser.parse_args()
    if DATA.exists() and not args.synthetic:
        records, corpus = travel_pairs(args.pairs), "UK travel advice"
    else:
        records, corpus = synthetic_pairs(args.pairs), "synthetic statements (seed 11)"
    chars = sum(len(r["old"]) + len(r["new"]) for r in records)
    print(f"corpus: {corpus}; {len(records)} pairs, {chars / len(records):,.0f} chars per pair")
    for name, timer in (("process pool", time_pool), ("dask LocalCluster", time_dask)):
        best: dict[int, float] = {}
        for workers in (1, 2):
            runs = [timer(records, workers) for _ in range(args.repeat)]
            if any(run is None for run in runs):
                print(f"{name}: skipped (pip install 'revforensics[dask]')")
                break
            best[workers] = min(run for run in runs if run is not None)
        else:
            ratio = best[1] / best[2]
            print(f"{name}: 2 workers / 1 worker throughput = {ratio:.2f}x")


if __name__ == "__main__":
    main()
