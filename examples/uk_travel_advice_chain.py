"""A real chain: six captures of the UK's travel advice for Chile, compared in order.

Run it with ``python examples/uk_travel_advice_chain.py``. It reads the captures in
``data/uk-travel-advice/chile-warnings-and-insurance/`` (Open Government Licence v3.0,
see the README there), compares each with the next, prints the story of every claim
that changed, and writes ``uk-travel-advice-last-step.html`` in the current folder:
the report of the last edit, which removed the Jama Pass border closure.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import revforensics as rf
from revforensics.render.chain_text import render_chain_text

PAGE = (
    Path(__file__).resolve().parent / "data" / "uk-travel-advice" / "chile-warnings-and-insurance"
)
SOURCE = "https://www.gov.uk/foreign-travel-advice/chile"
REPORT = "uk-travel-advice-last-step.html"


def load_chain() -> rf.RevisionChain:
    """The captures as a chain, oldest first, each with its capture time and source."""
    with (PAGE / "captures.csv").open(encoding="utf-8", newline="") as rows:
        captures = list(csv.DictReader(rows))
    return rf.RevisionChain(
        rf.Revision(
            (PAGE / row["file"]).read_text(encoding="utf-8"),
            label=row["file"].removesuffix(".md"),
            captured_at=dt.datetime.fromisoformat(row["captured_at"]),
            source=SOURCE,
        )
        for row in captures
    )


def main(out: Path | None = None) -> rf.ChainComparison:
    """Compare the chain, print its story, write the last step's HTML report; return it."""
    chain = load_chain()
    result = rf.compare_chain(chain)
    print(render_chain_text(result), end="")

    last = result.steps[len(chain) - 2]  # the last neighbour step (bridges come after)
    report = (out or Path.cwd()) / REPORT
    report.write_text(rf.render_html(last.comparison), encoding="utf-8")
    print()
    print(f"Last step, {chain[last.old].label} → {chain[last.new].label}: {report}")
    return result


if __name__ == "__main__":
    main()
