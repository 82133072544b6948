"""The HTML chain report's structure, read back with an HTML parser (the browser tests run it)."""

from __future__ import annotations

import re

import pytest

import revforensics as rf
from report_pairs import CHAINS, PAYLOADS, Dom, chain_story, hostile_chain
from revforensics.render import chain_html
from revforensics.render.chain_html import render_chain_html, render_chain_html_fragment
from revforensics.render.chain_markdown import render_chain_markdown
from revforensics.render.html import CONTENT_SECURITY_POLICY


@pytest.fixture(scope="module")
def story():
    return chain_story()


@pytest.fixture(scope="module")
def pages(story):
    builders = {**CHAINS, "hostile": hostile_chain}
    built = {name: build() for name, build in builders.items()}
    built["chain_story"] = story
    return {name: render_chain_html(result) for name, result in built.items()}


def _classes(element) -> list[str]:
    return element.attrs.get("class", "").split()


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
        assert len(dom.tags("style")) == 1


def test_internal_links_have_targets_and_ids_are_unique(pages):
    """Every #link lands on an element, and no id is used twice, for every chain shape."""
    for name, page in pages.items():
        dom = Dom(page)
        ids = dom.ids
        assert len(ids) == len(set(ids)), name
        for a in dom.tags("a"):
            assert a.attrs["href"][1:] in ids, (name, a.attrs["href"])


def test_timeline_has_a_row_per_version_with_marks(story):
    """Each version is a row with its status; the 404 is suspect, v4 a bridge, v5 a revert.

    The two identical captures at the end are only two, fewer than a folded run needs.
    """
    dom = Dom(render_chain_html(story))
    rows = [e for e in dom.tags("tr") if e.attrs.get("id", "").startswith("v")]
    assert [e.attrs["id"] for e in rows] == [f"v{k}" for k in range(7)]
    assert [_classes(e)[0] for e in rows] == [
        "t-first",
        "t-meaning_changed",
        "t-suspect",
        "t-meaning_changed",
        "t-meaning_changed",
        "t-unchanged",
        "t-unchanged",
    ]
    marks = [" ".join(_classes(e)) for e in dom.tags("span") if "mark" in _classes(e)]
    assert marks == ["mark suspect", "mark bridge", "mark revert"]


def test_claim_story_links_each_event_to_its_step(story):
    """“present in v1, softened in v2, removed in v4, restored in v5”, each a link to the step."""
    page = render_chain_html(story)
    bridge = next(n for n, s in enumerate(story.steps) if s.bridge)
    assert (
        '<span class="story">present in <a href="#v0"><bdi>v1</bdi></a>, '
        'softened in <a href="#s0"><bdi>v2</bdi></a>, '
        f'removed in <a href="#s{bridge}"><bdi>v4</bdi></a>, '
        'restored in <a href="#s3"><bdi>v5</bdi></a></span>'
    ) in page


def test_held_steps_list_no_findings_and_quiet_runs_take_one_line(story):
    """Steps next to the 404 say they are held; v5 → v6 → v7 is one quiet line."""
    dom = Dom(render_chain_html(story))
    text = "".join(dom.text)
    assert "Held: v3 is a suspect capture" in text
    for held in (1, 2):
        section = f"s{held}-f1"
        assert section not in dom.ids  # no finding card in a held step
    quiet = [e for e in dom.tags("p") if "quiet" in _classes(e)]
    assert [e.attrs["id"] for e in quiet] == ["s4"]
    assert "s5" in dom.ids  # the folded step keeps an anchor
    assert "no finding in 2 steps (2 unchanged)" in text


def test_side_by_side_shows_changed_rows_only():
    """A one-sentence edit in a long text shows that row and its context, not the rest."""
    sentences = [f"Sector {n} reported {n + 3} patrols during the night." for n in range(60)]
    edited = list(sentences)
    edited[30] = "Sector 30 reported 39 patrols during the night."
    result = rf.compare_chain(
        rf.RevisionChain([rf.Revision(" ".join(sentences)), rf.Revision(" ".join(edited))]),
        comparer=rf.Comparer(lang="en"),
    )
    page = render_chain_html(result)
    dom = Dom(page)
    rows = [e for e in dom.tags("div") if "row" in _classes(e) and "labels" not in _classes(e)]
    gaps = [e for e in rows if "gap" in _classes(e)]
    assert len(rows) - len(gaps) == 3  # the change and one row of context on each side
    assert "⋯ 29 unchanged rows not shown" in page
    assert "⋯ 28 unchanged rows not shown" in page
    assert "Sector 10 reported" not in page
    assert "Sector 29 reported 32" in page  # context


def test_findings_past_the_top_are_folded_and_past_the_cap_counted(monkeypatch, story):
    """With a cap of 1, the second finding of a step is neither open nor written."""
    monkeypatch.setattr(chain_html, "TOP_FINDINGS", 1)
    page = render_chain_html(story)
    assert '<details><summary>1 more finding</summary><ol class="findings" start="2">' in page
    monkeypatch.setattr(chain_html, "MAX_FINDINGS", 1)
    capped = render_chain_html(story)
    assert "… and 1 more, less severe; the JSON report" in capped
    assert capped.count('class="finding ') < page.count('class="finding ')


def test_long_run_of_identical_captures_is_one_timeline_row():
    """Ten identical captures after a first one take one row; a near miss of two does not."""
    text = "Units held the line near the river."
    many = rf.compare_chain(rf.RevisionChain([rf.Revision(text) for _ in range(11)]))
    dom = Dom(render_chain_html(many))
    runs = [e for e in dom.tags("tr") if "run" in _classes(e)]
    assert len(runs) == 1
    assert "10 captures identical to the one before" in "".join(dom.text)
    few = rf.compare_chain(rf.RevisionChain([rf.Revision(text) for _ in range(3)]))
    assert not [e for e in Dom(render_chain_html(few)).tags("tr") if "run" in _classes(e)]


def test_citation_has_every_version(story):
    """One card per version with its text hash, source and capture time."""
    page = render_chain_html(story)
    for k, rev in enumerate(story.chain, 1):
        assert f"version {k}: <bdi>{rev.label}</bdi>" in page
        assert rev.sha256 in page
        assert rev.captured_at.isoformat() in page
        assert rev.source in page


def test_hostile_text_is_escaped_everywhere():
    """No payload survives as markup: labels, sources and statement text are all escaped."""
    result = hostile_chain()
    page = render_chain_html(result)
    dom = Dom(page)
    assert not dom.tags("script") and not dom.tags("img") and not dom.tags("iframe")
    assert "pwned" not in dom.ids
    assert "PWNED" in " ".join(dom.text)
    markdown = render_chain_markdown(result)
    for payload in PAYLOADS:
        assert payload not in page
    # In Markdown every < and [ of a statement is backslash-escaped, so none opens a tag or link.
    assert not re.search(r"(?<!\\)[<\[]", markdown.split("## Citation")[0].split("\n", 1)[1])


def test_empty_identical_and_single_chains_read_well(pages):
    """Nothing to compare, or nothing changed, is said in words; no empty sections."""
    single = "".join(Dom(pages["chain_single"]).text)
    assert "Only one version: nothing to compare." in single
    assert "No claim changed." in single
    identical = "".join(Dom(pages["chain_identical"]).text)
    assert "no finding in 3 steps (3 unchanged)" in identical
    assert "unchanged: the two texts are identical" in identical


def test_two_versions_net_is_the_step():
    """With two versions the net comparison is step 1, said once and linked."""
    result = rf.compare_chain(
        rf.RevisionChain([rf.Revision("Units held."), rf.Revision("Units withdrew.")])
    )
    page = render_chain_html(result)
    assert 'The first and last sound versions are <a href="#s0">step 1</a>.' in page


def test_fragment_for_jupyter_prefixes_ids(story):
    """The fragment has its own scoped style and prefixed ids; _repr_html_ returns it."""
    fragment = render_chain_html_fragment(story)
    assert fragment.startswith('<div class="rf"><style>')
    assert "<html" not in fragment
    dom = Dom(fragment)
    assert all(i.startswith("rfc-") for i in dom.ids)
    assert all(a.attrs["href"][1:] in dom.ids for a in dom.tags("a"))
    assert story._repr_html_() == fragment


EDGE_CHAINS = {
    "all empty": ["", "", ""],
    "first empty": ["", "Units held the line near the river today.", "Units held the line."],
    "last empty": [
        "Units held the line near the river today. Reinforcements arrived in the evening.",
        "",
    ],
    "only empty": [""],
    "confirmed loss": [
        " ".join(f"Sector {n} reported {n + 3} patrols during the night." for n in range(20)),
        "Sector 1 reported 4 patrols during the night.",
        "Sector 1 reported 4 patrols during the night. Talks resume on Monday.",
    ],
}


@pytest.mark.parametrize("name", sorted(EDGE_CHAINS))
def test_edge_chains_render_in_every_format(name):
    """Empty captures, a chain of suspects only, a confirmed loss: every format reads.

    Each report names every version; the HTML keeps its links and ids sound.
    """
    result = rf.compare_chain(
        rf.RevisionChain([rf.Revision(t) for t in EDGE_CHAINS[name]]),
        comparer=rf.Comparer(lang="en"),
    )
    page = render_chain_html(result)
    dom = Dom(page)
    assert len(dom.ids) == len(set(dom.ids))
    assert all(a.attrs["href"][1:] in dom.ids for a in dom.tags("a"))
    rows = [e for e in dom.tags("tr") if e.attrs.get("id", "").startswith("v")]
    assert len(rows) == len(result.chain)
    markdown = render_chain_markdown(result)
    assert markdown.count("\n| ") >= 2 * len(result.chain)  # timeline and citation rows
    for rev in result.chain:
        assert rev.sha256 in page and rev.sha256 in markdown


def test_held_step_of_an_empty_capture_is_said_in_words():
    """A step into an empty capture is held, and the page says so with the count."""
    result = rf.compare_chain(
        rf.RevisionChain(
            [rf.Revision(t) for t in ["Units held the line. Talks resume on Monday.", ""]]
        )
    )
    text = "".join(Dom(render_chain_html(result)).text)
    assert "Held: v2 is a suspect capture, so this step is not reported" in text
    assert "Only one sound version: nothing to compare." in text
