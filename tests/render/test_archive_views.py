"""The archive views in Markdown and HTML: tables, a fenced text, and no way out for others' text.

Every string a user or a page supplied (statement id, title, source, labels, texts,
problem details, the archive's path) carries payloads from :data:`report_pairs.PAYLOADS`,
new lines and ``|``; the Markdown goes through markdown-it-py, the HTML through a parser.
"""

from __future__ import annotations

import html
import re

import pytest

from report_pairs import HOSTILE_TEXT, Dom, hostile_archive
from revforensics.archive import VerifyReport
from revforensics.render.archive import (
    _fence,
    render_capture,
    render_log,
    render_stored,
    render_verify,
)
from revforensics.render.html import CONTENT_SECURITY_POLICY

markdown_it = pytest.importorskip(
    "markdown_it", reason="markdown-it-py (a test dependency) is not installed"
)

VIEWS = hostile_archive()


def _to_html(markdown: str) -> str:
    # The most permissive viewer: raw HTML allowed, tables on.
    return markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)


def _view(name: str, fmt: str) -> str:
    if name == "add":
        return render_stored(VIEWS.stored, fmt)  # type: ignore[arg-type]
    if name == "log":
        return render_log(VIEWS.statement, VIEWS.log, fmt)  # type: ignore[arg-type]
    if name == "show":
        return render_capture(VIEWS.capture, fmt)  # type: ignore[arg-type]
    return render_verify(VIEWS.problems, fmt)  # type: ignore[arg-type]


ACTIONS = ["add", "log", "show", "verify"]


def _rows(page: str) -> list[list[str]]:
    """Each table row of an HTML page as the text of its cells."""
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", page, re.DOTALL):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, re.DOTALL)
        rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)) for c in cells])
    return rows


def _assert_inert(page: str) -> None:
    """No element, attribute or link came from the payloads; they are shown as text."""
    dom = Dom(page)
    live = {"script", "img", "svg", "iframe", "textarea", "object", "embed", "a"}
    assert not [e.tag for e in dom.elements if e.tag in live]
    assert not [e for e in dom.tags("meta") if e.attrs.get("http-equiv", "").lower() == "refresh"]
    assert not [e for e in dom.elements if any(k.startswith("on") for k in e.attrs)]
    assert "pwned" not in dom.ids
    assert len(dom.tags("style")) <= 1
    assert "PWNED" in " ".join(dom.text)


@pytest.mark.parametrize("action", ACTIONS)
def test_markdown_renders_payloads_as_text(action):
    """In Markdown every payload stays text: no tag, handler or link in the rendered HTML."""
    rendered = _to_html(_view(action, "markdown"))
    _assert_inert(rendered)
    assert not re.search(r"<[a-z][^>]*\s(href|src|on[a-z]+)=", rendered)


@pytest.mark.parametrize("action", ACTIONS)
def test_html_renders_payloads_as_text(action):
    """The HTML page uses the shared shell (strict policy) and every payload is escaped."""
    page = _view(action, "html")
    assert page.startswith("<!DOCTYPE html>")
    assert f'content="{CONTENT_SECURITY_POLICY}"' in page
    _assert_inert(page)
    assert "<script" not in page
    assert page.endswith("</html>\n")


def test_control_an_unescaped_payload_would_be_live():
    """Near miss: the checks above see a payload that was not escaped."""
    page = render_verify(VIEWS.problems, "html").replace("</main>", "<img src=x></main>")
    with pytest.raises(AssertionError):
        _assert_inert(page)


def test_markdown_log_is_one_row_per_revision_with_cells_intact():
    """log: a row per revision, eight cells each, though a label holds a new line and |."""
    rendered = _to_html(_view("log", "markdown"))
    tables = re.split(r"<table[^>]*>", rendered)[1:]
    assert len(tables) == 2  # the statement's facts, then the revisions
    rows = _rows(tables[1])
    assert rows[0][:3] == ["seq", "captured at", "label"]
    assert [len(r) for r in rows] == [8, 8, 8]
    assert [r[0] for r in rows[1:]] == ["1", "2"]
    assert rows[1][2] == "v1 | evil | cell |"  # the new line became a space, | stayed text
    assert rows[1][4] == VIEWS.log[0].sha256


def test_html_log_has_the_same_rows():
    """log in HTML: the same cells as in Markdown, new line kept as text."""
    rows = _rows(re.split(r"<table[^>]*>", _view("log", "html"))[2])
    assert [len(r) for r in rows] == [8, 8, 8]
    assert rows[1][2] == "v1\n| evil | cell |"
    assert rows[2][3] == "javascript:alert(1)"


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_show_gives_the_text_verbatim(fmt):
    """show: the latest text comes back exactly, though it holds fences and backtick runs."""
    out = _view("show", fmt)
    page = _to_html(out) if fmt == "markdown" else out
    blocks = re.findall(r"<pre[^>]*>(?:<code[^>]*>)?(.*?)(?:</code>)?</pre>", page, re.DOTALL)
    assert [html.unescape(b) for b in blocks] == [HOSTILE_TEXT]
    rows = _rows(page)
    assert ["SHA-256", VIEWS.capture.sha256] in rows
    assert rows[-1][:3] == ["2", "capture", "—"]  # the extractions table


def test_fence_is_longer_than_any_backtick_run():
    """The fence of show is longer than the longest backtick run of the text."""
    out = _view("show", "markdown")
    assert "\n``````text\n" in out  # the text's longest run is five
    assert _fence("") == "```"
    assert _fence("``") == "```"
    assert _fence("a ``` b") == "````"


def test_control_a_short_fence_lets_the_text_out():
    """Near miss: a three-backtick fence around the same text ends early in a viewer."""
    out = _view("show", "markdown").replace("``````", "```")
    rendered = _to_html(out)
    blocks = re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", rendered, re.DOTALL)
    assert [html.unescape(b) for b in blocks] != [HOSTILE_TEXT]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_verify_problems_are_one_row_each(fmt):
    """verify with problems: a row per problem, the detail in one cell; heads listed."""
    out = _view("verify", fmt)
    page = _to_html(out) if fmt == "markdown" else out
    assert "Archive check: 2 problem(s)" in page
    tables = re.split(r"<table[^>]*>", page)
    problems = _rows(tables[1])
    assert problems[0] == ["#", "table", "row", "detail"]
    assert [len(r) for r in problems] == [4, 4, 4]
    assert problems[1][3].replace("\n", " ") == "link hash differs | x | y |"
    heads = _rows(tables[2])
    assert heads[1][1:] == ["2", VIEWS.stored.link_hash]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_verify_ok_has_no_problem_table(fmt):
    """verify when clean: the ok line with the counts, and no problem table."""
    link = "ab" * 32
    report = VerifyReport("news.db", [], statements=1, revisions=2, heads={"mod": (2, link)})
    out = render_verify(report, fmt)
    page = _to_html(out) if fmt == "markdown" else out
    assert "ok: 1 statements, 2 revisions, 0 captures, 0 extractions" in page
    assert "Archive check: ok" in page
    assert _rows(page) == [["statement", "seq", "link hash"], ["mod", "2", link]]  # heads only


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_add_lists_the_stored_facts(fmt):
    """add: the revision's facts, as in the JSON receipt, in a two-column table."""
    out = _view("add", fmt)
    rows = _rows(_to_html(out) if fmt == "markdown" else out)
    facts = {r[0]: r[1] for r in rows if len(r) == 2}
    assert facts["seq"] == "2"
    assert facts["link hash"] == VIEWS.stored.link_hash
    assert facts["SHA-256 of the capture"] == VIEWS.stored.sha256
    assert facts["characters"] == str(len(HOSTILE_TEXT))
    assert "Added revision 2 of" in out
