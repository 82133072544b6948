"""A real chain: six captures of the UK's travel advice for Chile, compared in order.

Run it with ``python examples/uk_travel_advice_chain.py``. It reads the captures in
``data/uk-travel-advice/chile-warnings-and-insurance/`` (Open Government Licence v3.0,
see the README there), compares each with the next, prints the story of every claim
that changed, and writes ``uk-travel-advice-chain.html`` in the current folder: the
chain's report, a timeline of the captures, the story of each claim and every step's
findings (the last edit removed the Jama Pass border closure).
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import revforensics as rf

PAGE = (
    Path(__file__).resolve().parent / "data" / "uk-travel-advice" / "chile-warnings-and-insurance"
)
SOURCE = "https://www.gov.uk/foreign-travel-advice/chile"
REPORT = "uk-travel-advice-chain.html"


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
    """Compare the chain, print its story, write its HTML report; return the result."""
    chain = load_chain()
    result = rf.compare_chain(chain)
    print(rf.render_chain_text(result), end="")

    report = (out or Path.cwd()) / REPORT
    report.write_text(rf.render_chain_html(result), encoding="utf-8")
    print()
    print(f"Report of {len(chain)} captures, {chain[0].label} to {chain[-1].label}: {report}")
    return result


if __name__ == "__main__":
    main()
