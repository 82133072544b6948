"""Comparers that misbehave on purpose, importable by worker processes (tests/ is on the path)."""

import os
import signal
import time
from pathlib import Path

import revforensics as rf

KILL = "KILL-THE-WORKER"
EXIT = "EXIT-THE-WORKER"
HANG = "HANG-THE-WORKER"


class Misbehaving:
    """Compares like the default comparer, except on texts that carry a trigger word."""

    def compare(self, old, new):
        if KILL in new:
            os.kill(os.getpid(), signal.SIGKILL)
        if EXIT in new:
            os._exit(3)
        if HANG in new:
            time.sleep(60)
        return rf.compare(old, new)


class DiesOnce:
    """Dies the first time it sees a record whose text names a marker file, then works."""

    def compare(self, old, new):
        marker = Path(new.split("|")[-1])
        if marker.exists():
            marker.unlink()
            os._exit(4)
        return rf.compare(old, new)


class LoneSurrogate:
    """Returns a comparison whose old text holds a lone surrogate: JSON that UTF-8 refuses."""

    def compare(self, old, new):
        return rf.compare(old + "\ud800", new)


HEAD = "HOLD-THE-HEAD"


class SlowHead:
    """Holds the record whose old text is HEAD until the parent has stopped reading.

    The test's record source writes how many records it has handed out to ``read`` in
    ``folder``; every other record appends one byte to ``done``. The head is released once
    every record read but itself is done and neither count moves: the parent is waiting.
    """

    def __init__(self, folder):
        self.folder = Path(folder)

    def compare(self, old, new):
        if old == HEAD:
            self._wait()
        else:
            with (self.folder / "done").open("a") as handle:
                handle.write(".")
        return rf.compare(old, new)

    def _wait(self):
        deadline = time.monotonic() + 60
        last = None
        while time.monotonic() < deadline:
            try:
                read = int((self.folder / "read").read_text())
            except (OSError, ValueError):
                read = 0
            done_file = self.folder / "done"
            done = done_file.stat().st_size if done_file.exists() else 0
            if done == read - 1 and (read, done) == last:
                return
            last = (read, done)
            time.sleep(0.05)
