import datetime as dt
import json
from pathlib import Path

import pytest

from revforensics.chain import (
    MASS_LOSS_FRACTION,
    EventKind,
    RevisionChain,
    SuspectReason,
    compare_chain,
)
from revforensics.errors import InputError, InputTypeError
from revforensics.findings import FindingKind
from revforensics.ingest.harvest import HarvestNote
from revforensics.model import Revision
from revforensics.render.chain_json import chain_from_json

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
OTA = DATA / "opentermsarchive_pga"

UTC = dt.UTC
BODY = [
    "The General Staff reported 42 attacks near Pokrovsk during the day.",
    "Air defence units destroyed 12 drones over the Kharkiv region overnight.",
    "Rescue teams worked through the night at the damaged depot in Sumy.",
    "The ministry said repairs to the power line will take three days.",
    "Police opened an investigation into the shelling of the market in Kherson.",
]


def text(*sentences):
    return " ".join(sentences)


def chain_of(*texts):
    return RevisionChain(Revision(t) for t in texts)


def kinds(result, lineage_id):
    return [(e.kind.value, e.version) for e in result.lineage(lineage_id).events]


def lineage_of(result, version, fragment):
    """The lineage id of the sentence of a version that contains a fragment."""
    for sentence, lineage_id in zip(
        result.sentences[version], result.lineage_ids[version], strict=True
    ):
        if fragment in sentence.text:
            return lineage_id
    raise AssertionError(f"{fragment!r} not in version {version}")


# --------------------------------------------------------------------------- the chain


def test_labels_default_to_positions_and_keep_given_ones():
    """Unlabelled revisions become v1, v2, …; given labels stay."""
    chain = RevisionChain([Revision("A."), Revision("B.", label="noon"), Revision("C.")])
    assert [rev.label for rev in chain] == ["v1", "noon", "v3"]


def test_append_returns_a_new_chain():
    """append() leaves the chain alone and labels the new revision by its position."""
    chain = RevisionChain([Revision("A.")])
    longer = chain.append(Revision("B."))
    assert len(chain) == 1
    assert [rev.label for rev in longer] == ["v1", "v2"]


def test_an_empty_chain_exists_but_cannot_be_compared():
    """A web archive with no capture gives an empty chain; comparing it says why."""
    note = HarvestNote("https://example.org/", "no captures in 2024", skipped=False)
    chain = RevisionChain([], notes=[note])
    assert len(chain) == 0
    assert chain.notes == (note,)
    assert [rev.label for rev in chain.append(Revision("A."))] == ["v1"]
    with pytest.raises(InputError, match=r"no versions.*https://example.org/: no captures in 2024"):
        compare_chain(chain)
    with pytest.raises(InputError, match=r"no versions, so there is nothing to compare$"):
        RevisionChain([]).compare()


def test_notes_do_not_change_what_a_chain_is():
    """Two chains of the same revisions are equal whatever was noted while reading them."""
    note = HarvestNote("CDX line 2", "4 fields, not 6", skipped=True)
    assert RevisionChain([Revision("A.")], notes=[note]) == RevisionChain([Revision("A.")])
    assert RevisionChain([Revision("A.")], notes=[note]).append(Revision("B.")).notes == (note,)


def test_items_must_be_revisions():
    with pytest.raises(InputTypeError, match="must be a Revision"):
        RevisionChain(["plain text"])
    with pytest.raises(InputTypeError, match="wrap it in a list"):
        RevisionChain(Revision("A."))


def test_duplicate_labels_are_refused():
    with pytest.raises(InputError, match="share the label 'x'"):
        RevisionChain([Revision("A.", label="x"), Revision("B.", label="x")])


def test_out_of_order_timestamps_name_both_and_the_fix():
    """A capture time going backwards names both versions, both times and sorted()."""
    early = Revision("A.", label="early", captured_at=dt.datetime(2024, 5, 1, 9, tzinfo=UTC))
    late = Revision("B.", label="late", captured_at=dt.datetime(2024, 5, 1, 11, tzinfo=UTC))
    with pytest.raises(InputError) as info:
        RevisionChain([late, early])
    message = str(info.value)
    assert "'early'" in message and "'late'" in message
    assert "2024-05-01T09:00:00+00:00" in message and "RevisionChain.sorted" in message
    assert [rev.label for rev in RevisionChain.sorted([late, early])] == ["early", "late"]


def test_equal_times_and_undated_neighbours_are_allowed():
    """Only two dated neighbours going backwards is an error."""
    when = dt.datetime(2024, 5, 1, 9, tzinfo=UTC)
    chain = RevisionChain(
        [Revision("A.", captured_at=when), Revision("B."), Revision("C.", captured_at=when)]
    )
    assert len(chain) == 3


def test_sorted_is_stable_and_refuses_undated():
    when = dt.datetime(2024, 5, 1, 9, tzinfo=UTC)
    first, second = Revision("A.", "a", when), Revision("B.", "b", when)
    assert [r.label for r in RevisionChain.sorted([first, second])] == ["a", "b"]
    with pytest.raises(InputError, match="has no captured_at"):
        RevisionChain.sorted([first, Revision("C.", "c")])


def test_naive_timestamps_are_refused_by_revision():
    with pytest.raises(InputError, match="timezone-aware"):
        Revision("A.", captured_at=dt.datetime(2024, 5, 1, 9))  # noqa: DTZ001


def test_index_by_label_or_position():
    chain = chain_of("A.", "B.", "C.")
    assert chain.index("v2") == 1
    assert chain.index(-1) == 2
    with pytest.raises(InputError, match="no version labelled 'v9'"):
        chain.index("v9")
    with pytest.raises(InputError, match="no version 5"):
        chain.index(5)


def test_compare_chain_refuses_a_list():
    with pytest.raises(InputTypeError, match="RevisionChain"):
        compare_chain([Revision("A.")])  # type: ignore[arg-type]


def test_from_files_reads_in_order(tmp_path):
    pytest.importorskip("revforensics.ingest.text")
    paths = []
    for n, body in enumerate(["Troops advanced.", "Troops held."]):
        path = tmp_path / f"v{n}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    chain = RevisionChain.from_files(paths)
    assert [rev.text for rev in chain] == ["Troops advanced.", "Troops held."]


# --------------------------------------------------------------------------- steps


def test_steps_and_net():
    """N-1 neighbour steps, and a net comparison of the first and last version."""
    result = chain_of(text(*BODY), text(*BODY[:4]), text(*BODY[:3])).compare()
    assert [(s.old, s.new, s.bridge, s.held) for s in result.steps] == [
        (0, 1, False, False),
        (1, 2, False, False),
    ]
    assert (result.net.old, result.net.new) == (0, 2)
    removed = [f for f in result.net.comparison.findings if f.kind is FindingKind.ASSERTION_REMOVED]
    assert len(removed) == 2


def test_one_version_chain():
    """A single version: no steps, every sentence introduced, blame points at it."""
    result = chain_of(text(*BODY[:2])).compare()
    assert result.steps == ()
    assert result.net.comparison.verdict == "unchanged"
    assert result.lineage_ids == (("L1", "L2"),)
    assert [b.introduced for b in result.blame(0)] == [0, 0]


# --------------------------------------------------------------------------- lineage


def test_lineage_through_an_edit():
    """An edited sentence keeps its lineage; the change event carries the step's finding."""
    softened = BODY[1].replace("destroyed", "reportedly destroyed")
    result = chain_of(text(*BODY), text(BODY[0], softened, *BODY[2:])).compare()
    lineage_id = lineage_of(result, 0, "Air defence")
    assert lineage_of(result, 1, "Air defence") == lineage_id
    events = result.lineage(lineage_id).events
    assert [(e.kind, e.version) for e in events] == [
        (EventKind.INTRODUCED, 0),
        (EventKind.CHANGED, 1),
    ]
    assert FindingKind.SOFTENED in {f.kind for f in events[1].findings}
    # Near miss: the untouched sentences have no change event.
    assert kinds(result, lineage_of(result, 1, "Rescue teams")) == [("introduced", 0)]


def test_lineage_through_a_move():
    """A sentence that moved keeps its lineage and gets a moved event, not a change."""
    moved = [BODY[1], BODY[2], BODY[3], BODY[0], BODY[4]]
    result = chain_of(text(*BODY), text(*moved)).compare()
    lineage_id = lineage_of(result, 1, "General Staff")
    assert lineage_id == lineage_of(result, 0, "General Staff")
    assert ("moved", 1) in kinds(result, lineage_id)
    assert ("changed", 1) not in kinds(result, lineage_id)


def test_removed_then_restored_keeps_the_old_id():
    """A sentence removed in v2 and back in v4 is restored, with its first lineage id."""
    others = [BODY[0], BODY[2], BODY[3], BODY[4]]
    result = chain_of(
        text(*BODY),
        text(*others),
        text(*others, "A later note was added."),
        text(*BODY, "A later note was added."),
    ).compare()
    lineage_id = lineage_of(result, 0, "Air defence")
    assert lineage_of(result, 3, "Air defence") == lineage_id
    assert kinds(result, lineage_id) == [("introduced", 0), ("removed", 1), ("restored", 3)]
    restored = result.lineage(lineage_id).events[-1]
    assert restored.since == 0
    assert result.lineage(lineage_id).versions == (0, 3)


def test_revert_to_an_earlier_version_is_reported():
    """A version identical to an earlier one (not its predecessor) is a revert."""
    edited = text(BODY[0], BODY[1].replace("12", "14"), *BODY[2:])
    result = chain_of(text(*BODY), edited, text(*BODY)).compare()
    assert [(r.version, r.to, r.exact) for r in result.reverts] == [(2, 0, True)]
    # the steps are still there: a revert is reported, not dropped
    assert result.steps[1].comparison.findings


def test_near_identical_revert_and_a_control():
    """Returning to an earlier text with only a case change is a near revert; a fresh
    edit is not a revert at all."""
    original = text(*BODY)
    edited = text(*BODY[:4], "A new closing sentence was published today.")
    back = original.replace("The General Staff", "The general staff")
    result = chain_of(original, edited, back).compare()
    assert [(r.to, r.exact, r.similarity) for r in result.reverts] == [(0, False, 1.0)]
    other = text(*BODY[:4], "A different closing sentence came later on.")
    assert chain_of(original, edited, other).compare().reverts == ()


def test_a_duplicated_sentence_shares_its_lineage():
    """A sentence repeated in a later version keeps one lineage id, with a duplicated event."""
    result = chain_of(text(*BODY), text(*BODY, BODY[0])).compare()
    ids = result.lineage_ids[1]
    assert ids[0] == ids[-1] == "L1"
    assert ("duplicated", 1) in kinds(result, "L1")


def test_blame():
    """blame() names, per sentence, where its claim came in and where it changed."""
    v2 = text(*BODY, "Evacuation of the district continues.")
    v3 = v2.replace("42 attacks", "45 attacks")
    result = chain_of(text(*BODY), v2, v3).compare()
    lines = result.blame("v3")
    assert [(b.introduced, b.changed) for b in lines] == [
        (0, (2,)),
        (0, ()),
        (0, ()),
        (0, ()),
        (0, ()),
        (1, ()),
    ]
    assert result.chain[2].text[lines[0].sentence.span.start : lines[0].sentence.span.end] == (
        lines[0].sentence.text
    )
    # blame of an earlier version does not see later changes
    assert result.blame(0)[0].changed == ()


# --------------------------------------------------------------------------- suspects

ERROR_PAGE = "404 Not Found. The page you requested could not be found."


def long_body(n=14):
    """A statement long enough for the mass-loss rule (at least 50 words)."""
    return text(*(BODY * 3)[:n])


def test_error_page_in_the_middle_is_held_and_bridged():
    """An error page between two good versions gives no assertion_removed: its steps are
    held and the good versions are compared directly."""
    good = text(*BODY)
    later = good.replace("42 attacks", "44 attacks")
    result = chain_of(good, ERROR_PAGE, later).compare()
    suspect = result.suspect(1)
    assert suspect is not None and SuspectReason.ERROR_PAGE in suspect.reasons
    assert "404" in suspect.detail and not suspect.confirmed
    assert [s.held for s in result.steps[:2]] == [True, True]
    assert result.steps[0].comparison.findings  # the full comparison is kept
    assert result.steps[0].findings == ()
    bridge = result.steps[2]
    assert (bridge.old, bridge.new, bridge.bridge) == (0, 2, True)
    assert {f.kind for f in bridge.findings} == {FindingKind.NUMBER_CHANGED}
    reported = [f for step in result.steps for f in step.findings]
    assert not [f for f in reported if f.kind is FindingKind.ASSERTION_REMOVED]
    # no claim is removed or restored because of the error page
    events = {e.kind for lin in result.lineages for e in lin.events}
    assert EventKind.REMOVED not in events and EventKind.RESTORED not in events


def test_a_short_statement_mentioning_not_found_is_not_an_error_page():
    """Near miss: a short version that says 'not found' but is not a collapse of the
    one before stays a statement."""
    result = chain_of(
        "The missing sailors were not found today.",
        "The missing sailors were not found by rescuers today.",
    ).compare()
    assert result.suspects == ()


def test_an_error_page_first_is_suspect():
    """A strong phrase flags a short first version; there is nothing before it."""
    result = chain_of("Page not found. Sorry.", text(*BODY)).compare()
    assert [s.version for s in result.suspects] == [0]
    assert [b.introduced for b in result.blame(1)] == [1] * len(BODY)


def test_empty_version_is_suspect():
    result = chain_of(text(*BODY), "   \n", text(*BODY)).compare()
    assert [s.version for s in result.suspects] == [1]
    assert SuspectReason.EMPTY in result.suspects[0].reasons
    assert result.lineage_ids[1] == ()
    assert not [f for step in result.steps for f in step.findings]


def test_near_empty_version_is_suspect():
    result = chain_of(text(*BODY), "Loading…", text(*BODY)).compare()
    assert SuspectReason.NEAR_EMPTY in result.suspects[0].reasons


def test_unconfirmed_mass_loss():
    """A version losing most of its words at once, restored next, is an unconfirmed suspect."""
    full = long_body()
    cut = text(*BODY[:2])
    assert len(cut.split()) < (1 - MASS_LOSS_FRACTION) * len(full.split())
    result = chain_of(full, cut, full).compare()
    (suspect,) = result.suspects
    assert suspect.reasons == (SuspectReason.MASS_LOSS,) and not suspect.confirmed
    assert not [f for step in result.steps for f in step.findings]


def test_confirmed_loss_is_reported_where_it_first_appeared():
    """When a later version keeps the text gone, the loss is confirmed and reported at the
    suspect version, marked confirmed."""
    full = long_body()
    cut = text(*BODY[:2])
    later = cut.replace("42 attacks", "43 attacks")
    result = chain_of(full, cut, later).compare()
    (suspect,) = result.suspects
    assert suspect.confirmed_by == 2
    step = result.steps[0]
    assert step.confirmed_loss and not step.held
    assert FindingKind.ASSERTION_REMOVED in {f.kind for f in step.findings}
    removed = [e for lin in result.lineages for e in lin.events if e.kind is EventKind.REMOVED]
    assert removed and all(e.version == 1 and e.confirmed for e in removed)
    assert not any(s.bridge for s in result.steps)


def test_a_small_cut_is_not_suspect():
    """Near miss: dropping one sentence of five is an edit."""
    result = chain_of(long_body(), long_body(12)).compare()
    assert result.suspects == ()


# --------------------------------------------------------------------------- output


def test_determinism():
    """The same chain gives the same JSON, byte for byte."""
    texts = [text(*BODY), text(*BODY[1:]), text(*BODY)]
    first = chain_of(*texts).compare().to_json()
    anchor = __import__("revforensics.chain", fromlist=["anchor_key"]).anchor_key
    anchor.cache_clear()
    assert chain_of(*texts).compare().to_json() == first


# --------------------------------------------------------------------------- real chains


def _ota(folder):
    meta = json.loads((folder / "chain.json").read_text(encoding="utf-8"))
    return RevisionChain(
        Revision(
            (folder / v["file"]).read_text(encoding="utf-8"),
            label=f"v{v['version']}",
            captured_at=dt.datetime.fromisoformat(v["date"]),
            source=v["file"],
        )
        for v in meta["versions"]
    )


@pytest.mark.skipif(not OTA.is_dir(), reason=f"needs the shared data set at {OTA}")
@pytest.mark.parametrize(
    "name",
    [
        "Pinterest_Community_Guidelines",
        "Reddit_Community_Guidelines",
        "Telegram_Privacy_Policy",
        "TikTok_Terms_of_Service",
        "X_Terms_of_Service",
    ],
)
def test_open_terms_archive_chains(name):
    """End to end on real chains of 18-34 versions: every sentence has a lineage, every
    span indexes its version, the German capture in TikTok's chain is the one suspect."""
    chain = _ota(OTA / name)
    result = chain.compare()
    assert len(result.steps) >= len(chain) - 1
    for k, rev in enumerate(chain):
        assert len(result.lineage_ids[k]) == len(result.sentences[k])
        for sentence in result.sentences[k]:
            assert rev.text[sentence.span.start : sentence.span.end] == sentence.text
    expected = [1] if name == "TikTok_Terms_of_Service" else []
    assert [s.version for s in result.suspects] == expected
    if name == "Reddit_Community_Guidelines":  # a page flapping between two versions
        assert len(result.reverts) >= 10
    # identical sentences share a lineage id across the whole chain
    seen = {}
    for sentences, ids in zip(result.sentences, result.lineage_ids, strict=True):
        for sentence, lineage_id in zip(sentences, ids, strict=True):
            assert seen.setdefault(sentence.text, lineage_id) == lineage_id


# --------------------------------------------------------------------------- progress


def _calls(chain):
    seen = []
    result = compare_chain(chain, progress=lambda done, total: seen.append((done, total)))
    return result, seen


def test_progress_counts_every_comparison():
    """progress(done, total) follows each comparison; total is known from the first call.

    A chain with a suspect capture makes one bridge and one net comparison more than its
    neighbour steps: 3 neighbours + 1 bridge + 1 net.
    """
    chain = RevisionChain(
        [
            Revision("Troops advanced near the river. The bridge is held by our units."),
            Revision("Troops advanced near the river. The bridge is probably held."),
            Revision("404 Not Found."),
            Revision("Troops advanced near the river."),
        ]
    )
    result, seen = _calls(chain)
    assert len(result.steps) == 4  # three neighbours and one bridge
    assert seen == [(n, 5) for n in range(1, 6)]


@pytest.mark.parametrize(("versions", "expected"), [(1, [(1, 1)]), (2, [(1, 1)])])
def test_progress_on_the_shortest_chains(versions, expected):
    """One version makes one comparison (with itself); two share the step and the net."""
    chain = RevisionChain([Revision(f"Units held line {n}.") for n in range(versions)])
    assert _calls(chain)[1] == expected


def test_progress_leaves_the_result_alone():
    """With or without a progress callback, the result is the same."""
    chain = RevisionChain([Revision("Units held."), Revision("Units withdrew."), Revision("x y")])
    assert _calls(chain)[0] == compare_chain(chain)
    assert chain.compare(progress=lambda *_: None) == compare_chain(chain)


def test_a_given_order_may_go_back_in_time():
    """order='given' keeps a history whose clock went backwards; the default refuses it."""
    early = dt.datetime(2024, 5, 1, 9, tzinfo=dt.UTC)
    revisions = [
        Revision("Units advanced.", "a", early + dt.timedelta(hours=1)),
        Revision("Units held.", "b", early),
    ]
    with pytest.raises(InputError, match="order='given'"):
        RevisionChain(revisions)
    chain = RevisionChain(revisions, order="given")
    assert [rev.captured_at for rev in chain] == [early + dt.timedelta(hours=1), early]
    result = chain.compare()
    assert [f.kind for f in result.steps[0].comparison.findings] == [FindingKind.REWORDED]
    assert chain_from_json(result.to_json()) == result  # the stored order loads back
    with pytest.raises(InputError):
        RevisionChain(revisions, order="sometimes")


def test_a_short_statement_saying_not_found_is_not_an_error_page():
    """'not found' in a short statement about what came before is news, not a 404 page."""
    v1 = (
        "Rescue teams recovered all twelve sailors alive after the trawler sank near the "
        "port overnight."
    )
    v2 = "The twelve sailors were not found."
    result = compare_chain(RevisionChain([Revision(v1, "v1"), Revision(v2, "v2")]))
    assert result.suspects == ()
    assert result.steps[0].findings  # the edit is reported


def test_a_short_error_page_after_a_statement_is_still_suspect():
    """The same weak phrase on a page that shares nothing with the statement is an error page."""
    v1 = (
        "Rescue teams recovered all twelve sailors alive after the trawler sank near the "
        "port overnight."
    )
    v2 = "404 Not Found. The server could not find the requested resource."
    result = compare_chain(RevisionChain([Revision(v1, "v1"), Revision(v2, "v2")]))
    assert [s.reasons for s in result.suspects] == [(SuspectReason.ERROR_PAGE,)]


def test_reports_list_the_notes_of_reading_an_archive():
    """Every chain report shows the notes; JSON keeps them through a round trip."""
    from revforensics.render.chain_html import render_chain_html
    from revforensics.render.chain_markdown import render_chain_markdown
    from revforensics.render.chain_text import render_chain_text

    notes = [
        HarvestNote("CDX line 3", "the row has 1 field, not 6", skipped=True),
        HarvestNote("capture 20240302090000", "digest <differs>", skipped=False),
    ]
    result = RevisionChain([Revision("A held."), Revision("A fell.")], notes=notes).compare()
    text = render_chain_text(result)
    assert "  skipped  CDX line 3: the row has 1 field, not 6" in text
    assert "  note     capture 20240302090000: digest <differs>" in text
    html = render_chain_html(result)
    assert "Notes from reading the archive</h2>" in html
    assert "digest &lt;differs&gt;" in html
    assert "<differs>" not in html
    assert "## Notes from reading the archive" in render_chain_markdown(result)
    back = chain_from_json(result.to_json())
    assert back.chain.notes == tuple(notes)


def test_reports_without_notes_have_no_notes_section():
    """A chain read from files shows no notes heading; its JSON has an empty list."""
    from revforensics.render.chain_html import render_chain_html
    from revforensics.render.chain_text import render_chain_text

    result = RevisionChain([Revision("A held."), Revision("A fell.")]).compare()
    assert "Notes from reading" not in render_chain_text(result)
    assert "Notes from reading" not in render_chain_html(result)
    assert result.to_dict()["notes"] == []
    data = result.to_dict()
    del data["notes"]  # a document written before notes existed still reads
    assert chain_from_json(json.dumps(data)).chain.notes == ()
