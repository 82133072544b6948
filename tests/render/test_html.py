"""The HTML report's structure, read back with an HTML parser (the browser tests run it)."""

from __future__ import annotations

import pytest

import revforensics as rf
from report_pairs import PAIRS, Dom, hostile, kursk, long_identical, moved, rtl
from revforensics.render.html import CONTENT_SECURITY_POLICY, render_html, render_html_fragment


@pytest.fixture(scope="module")
def pages():
    builders = {**PAIRS, "hostile": hostile, "rtl": rtl}
    return {name: render_html(build()) for name, build in builders.items()}


def test_page_is_self_contained(pages):
    """No script, no external resource, every link internal; the strict policy is set."""
    for name, page in pages.items():
        dom = Dom(page)
        assert not dom.tags("script"), name
        assert not [e for e in dom.elements if "src" in e.attrs], name
        assert all(e.attrs["href"].startswith("#") for e in dom.tags("a")), name
        assert not dom.tags("link"), name
        metas = {e.attrs.get("http-equiv"): e.attrs.get("content") for e in dom.tags("meta")}
        assert metas["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert "default-src 'none'" in CONTENT_SECURITY_POLICY
        assert any(e.attrs.get("name") == "viewport" for e in dom.tags("meta"))


def test_internal_links_have_targets_and_ids_are_unique(pages):
    """Every #link lands on an element, and no id is used twice."""
    for name, page in pages.items():
        dom = Dom(page)
        ids = dom.ids
        assert len(ids) == len(set(ids)), name
        for a in dom.tags("a"):
            assert a.attrs["href"][1:] in ids, (name, a.attrs["href"])


def test_findings_ranked_with_badges_and_explanations():
    """Each finding is an item with its kind badge, level, explanation and sentence links."""
    cmp = moved()
    dom = Dom(render_html(cmp))
    items = [e for e in dom.tags("li") if "finding" in e.attrs.get("class", "")]
    assert [e.attrs["id"] for e in items] == [f"f{n}" for n in range(1, len(cmp.findings) + 1)]
    badges = [
        e.attrs["class"] for e in dom.tags("span") if "badge kind" in e.attrs.get("class", "")
    ]
    assert badges == [f"badge kind k-{f.kind.value}" for f in cmp.findings]
    text = "".join(dom.text)
    for finding in cmp.findings:
        assert finding.explanation in text


def test_moved_sentence_links_both_ways():
    """The moved sentence's old place links to its new place, and back."""
    page = render_html(moved())
    assert '<a class="move" href="#n0">↓ moved to new sentence 1</a>' in page
    assert '<a class="move" href="#o2">↑ moved here from old sentence 3</a>' in page
    assert 'id="o2"' in page and 'id="n0"' in page


def test_word_marks_come_from_the_evidence():
    """Deleted and inserted words are marked inside the edited sentence; the rest is not."""
    page = render_html(moved())
    assert '<del title="finding 4: reworded">river</del>' in page
    assert '<ins title="finding 4: reworded">bridge</ins>' in page
    assert "<del" not in page.split('id="o0"')[1].split("</span></div>")[0]  # unchanged


def test_removed_clause_has_a_caret_where_it_was():
    """The Kursk report strikes the clause in the old text and puts a caret in the new one."""
    page = render_html(kursk())
    assert '<del title="finding 1: assertion removed">and have embarked on new' in page
    new_sentence = page.split('id="n1"')[1].split("</span></div>")[0]
    assert new_sentence.endswith(
        'Russian Federation<span class="caret" title="finding 1: assertion removed: words taken out here" role="img" aria-label="finding 1: assertion removed: words taken out here">‸</span>.'
    )


def test_cosmetic_edits_folded_but_listed():
    """Cosmetic edits sit in a closed <details>, with invisible characters named."""
    page = render_html(kursk())
    section = page.split('<section class="cosmetic"')[1]
    assert section.split(">", 1)[1].startswith(
        "<h2>Cosmetic edits</h2><details><summary>4 cosmetic"
    )
    assert "3⟨U+202F⟩216" in section
    assert '<span class="cos" title="cosmetic: number_format">3,216</span>' in page


def test_unchanged_regions_fold():
    """Long runs of unchanged sentences fold, keeping one sentence of context by the edit."""
    page = render_html(long_identical(60, edit_at=30))
    assert page.count('<details class="same">') == 2
    assert "<summary>29 unchanged sentences</summary>" in page  # 0..28 folded, 29 shown
    assert "<summary>28 unchanged sentences</summary>" in page  # 31 shown, 32..59 folded
    whole = render_html(long_identical(60, edit_at=None))
    assert "<summary>60 unchanged sentences</summary>" in whole
    assert "No findings: the texts are identical." in whole


def test_short_unchanged_runs_stay_open():
    """Near miss: three unchanged sentences are shown, not folded."""
    page = render_html(long_identical(3, edit_at=None))
    assert '<details class="same">' not in page


def test_citation_block():
    """Each revision's label, both hashes, source and capture time are in the citation."""
    cmp = kursk()
    cite = render_html(cmp).split('<section class="citation"')[1]
    for rev in (cmp.old, cmp.new):
        assert rev.sha256 in cite
        assert rev.raw_sha256 in cite
        assert rev.captured_at is not None and rev.captured_at.isoformat() in cite
    assert cmp.old.raw_sha256 == cmp.old.sha256 and cmp.new.raw_sha256 != cmp.new.sha256
    assert "https://example.invalid/news/2025-01-06" in cite
    assert '<dt>extractor</dt><dd dir="auto">example 1.0</dd>' in cite


def test_text_blocks_set_their_own_direction():
    """Right-to-left and mixed text: every text cell has dir=auto, labels are isolated."""
    cmp = rtl()
    dom = Dom(render_html(cmp))
    cells = [e for e in dom.tags("div") if e.attrs.get("class", "").startswith("cell ")]
    text_cells = [c for c in cells if "none" not in c.attrs["class"]]
    assert text_cells and all(c.attrs.get("dir") == "auto" for c in text_cells)
    assert "<bdi>نسخة 1</bdi>" in render_html(cmp)
    assert all(
        e.attrs.get("dir") == "auto" for e in dom.tags("p") if "expl" in e.attrs.get("class", "")
    )


def test_hostile_text_is_escaped_everywhere():
    """Payloads in text, labels and sources come out as text, including in attributes."""
    cmp = hostile()
    page = render_html(cmp)
    dom = Dom(page)
    assert {e.tag for e in dom.elements}.isdisjoint({"script", "img", "svg", "iframe", "textarea"})
    assert [e.tag for e in dom.tags("style")] == ["style"]
    assert not [e for e in dom.elements if any(k.startswith("on") for k in e.attrs)]
    assert not [e for e in dom.elements if e.attrs.get("id") == "pwned"]
    assert dom.title.startswith("What changed: <img src=x onerror=")  # shown as text
    assert "javascript:" in "".join(dom.text)  # the statement's URL stays readable text


def test_unwritable_characters_are_replaced():
    """NUL and lone surrogates, which UTF-8 HTML cannot carry, show as U+FFFD."""
    page = render_html(rf.compare("Units held\x00 the line.", "Units held the \ud800line."))
    assert "\x00" not in page and "\ud800" not in page
    page.encode("utf-8")


def test_empty_comparison_renders():
    """An empty old text gives a readable page with one inserted row."""
    dom = Dom(render_html(PAIRS["empty"]()))
    assert [
        e.attrs["class"] for e in dom.tags("div") if e.attrs.get("class", "").startswith("row ")
    ] == [
        "row labels",
        "row inserted",
    ]


def test_jupyter_fragment():
    """_repr_html_ is the same report as a fragment, with ids that cannot clash."""
    cmp = moved()
    fragment = cmp._repr_html_()
    assert fragment == render_html_fragment(cmp)
    assert fragment.startswith('<div class="rf"><style>')
    assert "<html" not in fragment and "<!DOCTYPE" not in fragment
    prefix = f"rf-{cmp.old.sha256[:8]}-{cmp.new.sha256[:8]}-"
    dom = Dom(fragment)
    assert dom.ids and all(i.startswith(prefix) for i in dom.ids)
    assert all(a.attrs["href"].startswith(f"#{prefix}") for a in dom.tags("a"))
