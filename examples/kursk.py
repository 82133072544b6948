"""The seed case: a General Staff summary edited to drop "new offensive operations".

Run it with ``python examples/kursk.py``. It compares the two versions in ``data/`` and
prints the report; the removed assertion comes first, with its offsets into both texts.
The texts are an illustrative reconstruction (see ``data/README.md``).
"""

from __future__ import annotations

from pathlib import Path

import revforensics as rf

DATA = Path(__file__).resolve().parent / "data"


def main() -> rf.Comparison:
    """Compare the two versions, print the report and return the comparison."""
    old = rf.Revision((DATA / "kursk_v1.txt").read_text(encoding="utf-8"), label="v1 (08:00)")
    new = rf.Revision((DATA / "kursk_v2.txt").read_text(encoding="utf-8"), label="v2 (edited)")
    comparison = rf.compare(old, new)
    print(rf.render_text(comparison), end="")
    top = comparison.findings[0]
    if top.old is not None:
        print()
        print(f"Top finding: {top.kind.value}, old text [{top.old.start}:{top.old.end}]:")
        print(f"  {old.text[top.old.start : top.old.end]!r}")
    return comparison


if __name__ == "__main__":
    main()
