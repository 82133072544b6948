"""A writer killed with SIGKILL loses nothing it committed; several writers lose nothing.

These tests start real processes. They are part of the normal suite: they are the proof
the archive's durability claim rests on, and they take a few seconds.
"""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from revforensics.archive import Archive

SRC = Path(__file__).resolve().parents[1] / "src"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")

# The children import only the archive and its two dependencies. Registering the package
# without running its __init__ (which loads the whole comparison pipeline, ~0.3 s)
# keeps each of the many child start-ups short; the archive code is the same.
PRELUDE = """
import sys, types
package = types.ModuleType("revforensics")
package.__path__ = [sys.argv[1] + "/revforensics"]
sys.modules["revforensics"] = package
from revforensics.archive import Archive
from revforensics.model import Revision
"""

# Adds revisions forever, printing each seq once add() has returned (committed).
WRITER = (
    PRELUDE
    + """
import random
db, name, seed = sys.argv[2], sys.argv[3], int(sys.argv[4])
rng = random.Random(seed)
with Archive(db) as archive:
    n = 0
    while True:
        n += 1
        # Sizes from a few bytes to several pages, so kills land inside multi-page writes.
        raw = f"{name} {seed} {n} ".encode() + rng.randbytes(rng.choice((8, 900, 9000, 40000)))
        rev = Revision(f"{name} {seed} {n}", raw=raw, media_type="application/octet-stream")
        stored = archive.add(name, rev, create=True)
        print(stored.seq, flush=True)
"""
)

# Adds a fixed number of revisions to a shared statement and to its own, then exits.
COUNTED = (
    PRELUDE
    + """
db, name, count = sys.argv[2], sys.argv[3], int(sys.argv[4])
with Archive(db) as archive:
    for n in range(count):
        shared = archive.add("shared", Revision(f"{name} {n}"), create=True)
        own = archive.add(name, Revision(f"{name} {n}"), create=True)
        print(shared.seq, own.seq, flush=True)
"""
)


def _start(code, *args):
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen(
        [sys.executable, "-c", code, str(SRC), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def _committed(output):
    """The seqs in complete lines; a line cut by the kill is not a report."""
    lines = output.decode().split("\n")
    return [int(line) for line in lines[:-1] if line]


def test_kill_9_loses_no_committed_revision(tmp_path):
    """SIGKILL a writer at random moments, 30 times: every seq it reported is there.

    Each round starts a writer on the same archive and kills it either at a random
    moment of its start-up (opening, or creating the file) or a random few milliseconds
    after its first commit, that is in the middle of the following writes. After all
    rounds the archive opens, holds every reported seq with no gap, and verifies.
    """
    db = tmp_path / "killed.db"
    rng = random.Random(9)
    reported = []
    for round_number in range(30):
        child = _start(WRITER, db, "killed", round_number)
        assert child.stdout is not None
        if round_number % 3 == 0:
            time.sleep(rng.uniform(0, 0.15))  # anywhere in start-up or the first writes
        else:
            first = child.stdout.readline()  # blocks until the first commit
            assert first, child.stderr.read().decode() if child.stderr else ""
            reported.append(int(first))
            time.sleep(rng.uniform(0, 0.03))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=10)
        assert child.returncode == -signal.SIGKILL, err.decode()
        reported.extend(_committed(out))
    assert len(reported) > 60  # the kills did interrupt a writer that was writing
    with Archive(db) as archive:
        seqs = [stored.seq for stored in archive.log("killed")]
        report = archive.verify()
    assert report.ok, [str(p) for p in report.problems]
    assert seqs == list(range(1, len(seqs) + 1))
    assert set(reported) <= set(seqs)
    assert len(set(reported)) == len(reported)


def test_concurrent_writers_lose_nothing(tmp_path):
    """Four processes add to one statement (and each to its own) at once, from a file
    none of them has created yet: every add lands once and the chains verify."""
    db = tmp_path / "busy.db"
    writers, count = 4, 25
    children = [_start(COUNTED, db, f"writer{i}", count) for i in range(writers)]
    shared_seqs = []
    for i, child in enumerate(children):
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err.decode()
        pairs = [line.split() for line in out.decode().splitlines()]
        assert [int(own) for _shared, own in pairs] == list(range(1, count + 1)), f"writer{i}"
        shared_seqs += [int(shared) for shared, _own in pairs]
    assert sorted(shared_seqs) == list(range(1, writers * count + 1))
    with Archive(db) as archive:
        texts = [rev.text for rev in archive.revisions("shared")]
        report = archive.verify()
    assert report.ok, [str(p) for p in report.problems]
    assert sorted(texts) == sorted(f"writer{i} {n}" for i in range(writers) for n in range(count))
    assert report.statements == writers + 1
