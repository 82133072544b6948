"""The Markdown report: structure, and safety when it renders text written by others."""

from __future__ import annotations

import re

import pytest

from report_pairs import PAYLOADS, hostile, kursk
from revforensics.render.markdown import escape_markdown, render_markdown

markdown_it = pytest.importorskip(
    "markdown_it", reason="markdown-it-py (a test dependency) is not installed"
)


def _to_html(markdown: str) -> str:
    # The most permissive viewer: raw HTML allowed, tables on.
    return markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def test_hostile_statement_renders_as_text():
    """Tags, event handlers and javascript: links in statement text stay text in the HTML."""
    html = _to_html(render_markdown(hostile()))
    assert "PWNED" in html  # the payloads are shown...
    for tag in ("<script", "<img", "<svg", "<iframe", "<meta", "<style", "<a ", "<p id="):
        assert tag not in html, tag  # ...but none became an element
    assert not re.search(r"<[a-z][^>]*\s(href|src|on[a-z]+)=", html)


def test_control_hostile_markdown_would_be_live():
    """Near miss: the same payload unescaped does become elements, so the test above can fail."""
    html = _to_html(f"{PAYLOADS[1]}\n\n{PAYLOADS[3]}")
    assert "<img" in html
    assert '<a href="javascript' in html


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("- a list?", "\\- a list?"),
        ("12. a list?", "12\\. a list?"),
        ("# heading", "\\# heading"),
        ("a | cell", "a \\| cell"),
        ("line\n\n- next", "line - next"),
        ("12 killed", "12 killed"),
    ],
)
def test_escape_markdown(text, escaped):
    """Escaping blocks what would start a block or a cell, and leaves plain prose alone."""
    assert escape_markdown(text) == escaped


def test_structure_of_the_kursk_report():
    """Verdict, the ranked finding, cosmetic edits with visible no-break spaces, citation."""
    report = render_markdown(kursk())
    assert report.startswith("# What changed: v1 (08\\:00) → v2 (edited)\n")
    assert "### 1. `assertion_removed`: critical (100)" in report
    assert "“3⟨U+202F⟩216”" in report  # the cosmetic change is the narrow no-break space
    assert "| SHA-256 of the capture |" in report
    assert "| captured at | 2025-01-06T08:05:00+00:00 | 2025-01-06T11:40:00+00:00 |" in report
