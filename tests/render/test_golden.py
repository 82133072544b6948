"""Text and Markdown reports, checked against golden files.

The golden files in ``golden/`` are the reports of the comparisons and chains in
``tests/report_pairs.py``, one per pair or chain and format (``kursk.txt``, ``kursk.md``,
``chain_story.md``, …). When
a change to a renderer or a detector changes a report on purpose, regenerate them and
review the diff before committing::

    PYTHONPATH=src python -m pytest tests/render/test_golden.py --update-goldens
    git diff tests/render/golden/

The engine and lexicon versions in the citation line are replaced by placeholders, so a
version bump alone does not change the files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from report_pairs import CHAINS, PAIRS
from revforensics._version import __version__
from revforensics.lexicon import LEXICON_VERSION
from revforensics.render.chain_markdown import render_chain_markdown
from revforensics.render.chain_text import render_chain_text
from revforensics.render.markdown import render_markdown
from revforensics.render.text import render_text

GOLDEN = Path(__file__).resolve().parent / "golden"
RENDERERS = {"txt": render_text, "md": render_markdown}
CHAIN_RENDERERS = {"txt": render_chain_text, "md": render_chain_markdown}


def _stable(report: str) -> str:
    return report.replace(
        f"revforensics {__version__} (lexicon {LEXICON_VERSION})",
        "revforensics VERSION (lexicon LEXICON)",
    )


@pytest.fixture(scope="module")
def comparisons():
    return {name: build() for name, build in PAIRS.items()}


def _check(request, path: Path, report: str) -> None:
    if request.config.getoption("--update-goldens"):
        path.write_text(report, encoding="utf-8", newline="\n")
        pytest.skip(f"rewrote {path.name}")
    assert path.exists(), f"{path} is missing; create it with --update-goldens"
    assert report == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("ext", sorted(RENDERERS))
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_report_matches_golden(request, comparisons, name, ext):
    """Each report is exactly its golden file (regenerate with --update-goldens)."""
    _check(request, GOLDEN / f"{name}.{ext}", _stable(RENDERERS[ext](comparisons[name])))


@pytest.fixture(scope="module")
def chains():
    return {name: build() for name, build in CHAINS.items()}


@pytest.mark.parametrize("ext", sorted(CHAIN_RENDERERS))
@pytest.mark.parametrize("name", sorted(CHAINS))
def test_chain_report_matches_golden(request, chains, name, ext):
    """Each chain report is exactly its golden file: the story chain has a softened claim,
    a 404 capture held as suspect, a bridge across it, a restore, a revert and a quiet run."""
    _check(request, GOLDEN / f"{name}.{ext}", _stable(CHAIN_RENDERERS[ext](chains[name])))


def test_goldens_have_no_strays():
    """Every golden file belongs to a pair or a chain and a format, so none is unchecked."""
    expected = {f"{name}.{ext}" for name in PAIRS for ext in RENDERERS}
    expected |= {f"{name}.{ext}" for name in CHAINS for ext in CHAIN_RENDERERS}
    assert {p.name for p in GOLDEN.iterdir()} == expected
