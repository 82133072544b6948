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
