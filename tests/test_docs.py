"""The reference pages stay in step with the code they describe."""

import re
import runpy
from pathlib import Path

import pytest

import revforensics as rf

DOCS = Path(__file__).resolve().parents[1] / "docs"
GENERATOR = DOCS / "gen_cli_help.py"
CLI_HELP = DOCS / "reference" / "cli-help.md"
API = DOCS / "reference" / "api.md"


def _documented_names(markdown: str) -> set[str]:
    """Names written in backticks in a heading: "### `Lineage` and `LineageEvent`"."""
    return {
        name
        for line in markdown.splitlines()
        if line.startswith("#")
        for name in re.findall(r"`([^`]+)`", line)
    }


def test_every_public_name_has_a_heading_in_the_api_reference():
    """Each name in revforensics.__all__ is the subject of a heading in docs/reference/api.md."""
    missing = sorted(set(rf.__all__) - _documented_names(API.read_text(encoding="utf-8")))
    assert not missing, (
        f"docs/reference/api.md has no heading for {missing}; "
        "add a section such as '### `Name`' saying what it is and how to use it"
    )


def test_documented_names_are_read_from_headings_only():
    """Near miss: a name mentioned in running text, or in no backticks, does not count."""
    page = "# API\n\nUse `Hidden` here.\n\n### `Shown` and `AlsoShown`\n\n## Plain heading\n"
    assert _documented_names(page) == {"Shown", "AlsoShown"}


def test_cli_help_page_is_current():
    """docs/reference/cli-help.md is exactly what docs/gen_cli_help.py writes now."""
    generator = runpy.run_path(str(GENERATOR))
    committed = CLI_HELP.read_text(encoding="utf-8")
    recorded = re.search(r"with Python (\d+\.\d+)", committed)
    assert recorded, f"{CLI_HELP} has no generator line; run: {generator['COMMAND']}"
    if recorded.group(1) != generator["python_version"]():
        pytest.skip(
            f"cli-help.md was generated with Python {recorded.group(1)}, whose argparse "
            f"lays out help differently from this Python {generator['python_version']()}"
        )
    expected = generator["render"]()
    assert committed == expected, (
        "docs/reference/cli-help.md is out of date with the command line; "
        f"regenerate it with: {generator['COMMAND']} (and commit the result)"
    )


def test_cli_help_page_covers_every_command():
    """Every command and archive action has its --help on the page, each with an example."""
    page = CLI_HELP.read_text(encoding="utf-8")
    for command in (
        "",
        " compare",
        " chain",
        " archive",
        " archive add",
        " archive log",
        " archive show",
        " archive verify",
        " archive blame",
        " archive upgrade",
        " batch",
    ):
        assert f"## `revforensics{command} --help`" in page
    blocks = re.findall(
        r"## `revforensics((?: \S+)*) --help`\n\n```text\n(.*?)\n```", page, re.DOTALL
    )
    assert len(blocks) == 11  # one per command above
    for name, block in blocks:
        assert re.search(r"examples?: revforensics", block), name
