import pytest

import revforensics as rf
from revforensics import FindingKind, Verdict
from revforensics.detect import detect_assertions

SEED_OLD = (
    "The Defence Forces continue the operation in the Kursk region, and have embarked on new "
    "offensive operations in the Kursk region. In the past day, 187 combat engagements took place."
)
SEED_NEW = (
    "The Defence Forces continue the operation in the Kursk region. "
    "In the past day, 187 combat engagements took place."
)


def test_seed_case_clause_removal_is_the_top_finding():
    """The dropped 'new offensive operations' clause is found, ranked first, with offsets."""
    cmp = rf.compare(SEED_OLD, SEED_NEW)
    top = cmp.findings[0]
    assert top.kind is FindingKind.ASSERTION_REMOVED
    assert top.rule == "assertion.clause_removed"
    assert top.old is not None
    assert SEED_OLD[top.old.start : top.old.end] == top.old.text
    assert "new offensive operations" in top.old.text
    assert top.level.value == "critical"
    assert cmp.verdict is Verdict.MEANING_CHANGED


def test_whole_sentence_removed_and_added():
    """Removed and added sentences are sentence-level findings with one side None."""
    old = "Forces repelled 12 attacks. Two bridges near Sumy were destroyed by strikes."
    new = "Forces repelled 12 attacks. Evacuation of civilians from Kupiansk continues today."
    cmp = rf.compare(old, new)
    kinds = {(f.kind, f.rule) for f in cmp.findings}
    assert (FindingKind.ASSERTION_REMOVED, "assertion.sentence_removed") in kinds
    assert (FindingKind.ASSERTION_ADDED, "assertion.sentence_added") in kinds
    removed = next(f for f in cmp.findings if f.kind is FindingKind.ASSERTION_REMOVED)
    assert removed.new is None
    assert removed.old is not None
    assert removed.old.text == "Two bridges near Sumy were destroyed by strikes."


def test_removal_outranks_addition():
    """Removing a claim weighs more than adding one (kind, not size)."""
    old = "Air defence shot down 20 drones over Kyiv overnight."
    new = "Air defence shot down 20 drones over Kyiv overnight. Debris fell on three districts of the city."
    added = rf.compare(old, new).findings[0]
    removed = rf.compare(new, old).findings[0]
    assert removed.severity > added.severity


def test_lede_weighs_more_than_body():
    """The same removal is more severe in the lede than deep in the body."""
    body = [f"Routine sentence number {w} describes ordinary logistics work." for w in "abcdefgh"]
    claim = "Units captured the village of Robotyne after heavy fighting."
    early = rf.compare(" ".join([claim, *body]), " ".join(body)).findings[0]
    late = rf.compare(" ".join([*body, claim]), " ".join(body)).findings[0]
    assert early.severity > late.severity


def test_moved_sentence():
    """A sentence moved into the lede is a 'moved' finding and nothing else."""
    a, b, c = (
        "Shelling hit Kharkiv overnight.",
        "Rescuers worked until dawn today.",
        "Three people were injured in the attack.",
    )
    cmp = rf.compare(f"{a} {b} {c}", f"{c} {a} {b}")
    assert [f.kind for f in cmp.findings] == [FindingKind.MOVED]
    assert cmp.findings[0].new is not None
    assert cmp.findings[0].new.text == c


def test_reworded_fallback():
    """A content word swapped that no typed detector explains is 'reworded'."""
    cmp = rf.compare("The depot was repainted overnight.", "The depot was inspected overnight.")
    assert [f.kind for f in cmp.findings] == [FindingKind.REWORDED]
    f = cmp.findings[0]
    assert f.old is not None and f.new is not None
    assert (f.old.text, f.new.text) == ("repainted", "inspected")


def test_typed_findings_replace_the_fallback():
    """When a detector explains a change (destroyed -> damaged), no 'reworded' is added."""
    cmp = rf.compare("The depot was destroyed overnight.", "The depot was damaged overnight.")
    assert [f.kind for f in cmp.findings] == [FindingKind.SOFTENED]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Troops did not advance.", "Troops did now advance."),
        ("12 soldiers were wounded.", "15 soldiers were wounded."),
        ("The bridge may reopen soon.", "The bridge will reopen soon."),
        ("Talks resume on 5 May in Geneva.", "Talks resume on 5 March in Geneva."),
        ("Strikes hit Kharkiv overnight.", "Strikes hit Kharkov overnight."),
        ("Він сказав «все добре» учора.", "Він сказав «все гаразд» учора."),
    ],
)
def test_protected_tokens_are_never_cosmetic(old, new):
    """One-character-looking edits to protected tokens are findings, never typo fixes."""
    cmp = rf.compare(old, new)
    assert cmp.verdict is Verdict.MEANING_CHANGED


def test_typo_fix_is_cosmetic():
    """A small spelling fix in an ordinary word is cosmetic, subtype typo."""
    cmp = rf.compare(
        "The goverment announced the measures.", "The government announced the measures."
    )
    assert cmp.verdict is Verdict.COSMETIC
    assert [e.subtype.value for e in cmp.cosmetic] == ["typo"]


def test_identical_texts_are_unchanged():
    """compare(x, x) finds nothing."""
    cmp = rf.compare(SEED_OLD, SEED_OLD)
    assert cmp.verdict is Verdict.UNCHANGED
    assert cmp.findings == ()
    assert cmp.cosmetic == ()


def test_empty_sides():
    """Comparing with an empty text reports every claim as removed or added."""
    assert rf.compare("", "").verdict is Verdict.UNCHANGED
    gone = rf.compare(SEED_NEW, "")
    assert {f.kind for f in gone.findings} == {FindingKind.ASSERTION_REMOVED}
    came = rf.compare("", SEED_NEW)
    assert {f.kind for f in came.findings} == {FindingKind.ASSERTION_ADDED}


def test_revisions_keep_their_labels():
    """Revision labels and hashes carry into the comparison."""
    old = rf.Revision("A claim about Kherson was made.", label="v1")
    new = rf.Revision("A claim about Kherson was made.", label="v2")
    cmp = rf.compare(old, new)
    assert (cmp.old.label, cmp.new.label) == ("v1", "v2")
    assert cmp.old.sha256 == cmp.new.sha256


@pytest.mark.parametrize("bad", [None, 3, b"text", ["text"]])
def test_non_string_arguments(bad):
    """A non-string is a TypeError that is also a RevForensicsError, naming the fix."""
    with pytest.raises(rf.InputTypeError, match="str or a Revision") as info:
        rf.compare(bad, "text")
    assert isinstance(info.value, TypeError)
    with pytest.raises(rf.RevForensicsError):
        rf.compare("text", bad)


@pytest.mark.parametrize(
    "kwargs", [{"threshold": 0}, {"threshold": 1.5}, {"diff_timeout": 0}, {"lang": ""}]
)
def test_bad_options(kwargs):
    """Bad options are ValueErrors that say what is allowed."""
    with pytest.raises(rf.InputError):
        rf.Comparer(**kwargs)


def test_custom_detector_list():
    """With no detectors, every meaningful change still surfaces as 'reworded'."""
    cmp = rf.Comparer(detectors=()).compare(SEED_OLD, SEED_NEW)
    assert [f.kind for f in cmp.findings] == [FindingKind.REWORDED]


def test_findings_are_ranked():
    """Findings come most severe first."""
    cmp = rf.compare(SEED_OLD + " Shelling continued.", "Shelling continued. " + SEED_NEW)
    severities = [f.severity for f in cmp.findings]
    assert severities == sorted(severities, reverse=True)


@pytest.mark.parametrize(
    ("old", "new", "subtype"),
    [
        ("Units advanced near **Kursk**.", "Units advanced near Kursk.", "markup"),
        ("* Units advanced.", "-   Units advanced.", "markup"),
        (
            "The advance, reportedly slow, continued.",
            "The advance - reportedly slow - continued.",
            "punctuation",
        ),
        ("Units hold the long-term line.", "Units hold the long term line.", "punctuation"),
        ("Troops entered Kursk region.", "Troops entered Kur\u200esk region.", "invisible"),
        ("Курськ під обстрілом.", "Ку\u0301рськ під обстрілом.", "homoglyph"),
        (
            "1. Units advanced.\n2. Losses were light.",
            "3. Units advanced.\n4. Losses were light.",
            "markup",
        ),
        ("- Units advanced.", "1. Units advanced.", "markup"),
        ("Aid reached the centres.", "Aid reached the centers.", "typo"),
        ("The scale-dependene is weak.", "The scale-dependence is weak.", "typo"),
        ("The colour of the flag.", "The color of the flag.", "typo"),
        ("Troops held the bridge.", "Troops held a bridge.", "grammar"),
        (
            "Forces repelled attack near Kupiansk.",
            "Forces repelled an attack near Kupiansk.",
            "grammar",
        ),
        ("This is a so called truce.", "This is a so-called truce.", "punctuation"),
        ("Units held the UD-line.", "Units held the UD line.", "punctuation"),
        ("In Section 3, units advanced.", "In Sec. 3, units advanced.", "abbreviation"),
        ("Gen. Syrskyi said the line held.", "General Syrskyi said the line held.", "abbreviation"),
    ],
)
def test_form_only_edits_are_cosmetic(old, new, subtype):
    """Emphasis, bullets, list numbers, commas, hyphenation, bidi marks and stress accents
    around the same words are cosmetic, with the right subtype."""
    cmp = rf.compare(old, new)
    assert cmp.verdict is Verdict.COSMETIC, rf.render_text(cmp)
    assert subtype in {e.subtype.value for e in cmp.cosmetic}


@pytest.mark.parametrize(
    ("old", "new"),
    [("Is the bridge open?", "Is the bridge open."), ('He said "go" now.', "He said go now.")],
)
def test_protected_punctuation_is_not_cosmetic(old, new):
    """A question mark or quotation marks that disappear change what is claimed."""
    assert rf.compare(old, new).verdict is Verdict.MEANING_CHANGED


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Prices increased sharply.", "Prices decreased sharply."),
        ("Село заміноване.", "Село розміноване."),
    ],
)
def test_prefix_flips_are_not_typos(old, new):
    """One or two letters at the start of a word can reverse it; that is never a typo fix."""
    assert rf.compare(old, new).verdict is Verdict.MEANING_CHANGED


def test_a_latin_i_for_the_ukrainian_conjunction_is_a_homoglyph():
    """A one-letter word typed in the other script is a homoglyph edit."""
    cmp = rf.compare("Харків і Суми під обстрілом.", "Харків i Суми під обстрілом.")
    assert cmp.verdict is Verdict.COSMETIC
    assert [e.subtype.value for e in cmp.cosmetic] == ["homoglyph"]


@pytest.mark.parametrize("lang", ["klingon", "e", "e1", 5])
def test_bad_language_codes(lang):
    """A language must be an ISO 639 code."""
    with pytest.raises(rf.InputError, match="language code"):
        rf.compare("a", "b", lang=lang)


def test_unexplained_changes_still_count_without_detectors():
    """With no detectors, a removed sentence still makes the verdict meaning_changed."""
    cmp = rf.Comparer(detectors=()).compare(
        "Shelling hit Kharkiv overnight. Rescuers came.", "Rescuers came."
    )
    assert cmp.verdict is Verdict.MEANING_CHANGED
    assert cmp.findings[0].rule == "fallback.unexplained"


def test_severity_out_of_range_is_an_input_error():
    """Building a finding by hand with a bad severity is a RevForensicsError."""
    with pytest.raises(rf.InputError, match="severity"):
        rf.Finding(FindingKind.MOVED, 101, None, None, (), "x", "r")


def test_labels_and_date_lines_are_not_the_lede():
    """On an official page opening with labels and dates, the lede is the first prose."""
    page = "# Advice\n\nStill current at:\n: 2 August 2025\n\nFlooding closed the main road. Ferries run. Shops open daily."
    cut = page.replace("Flooding closed the main road. ", "")
    late = page.replace(" Shops open daily.", "")
    assert rf.compare(page, cut).findings[0].severity > rf.compare(page, late).findings[0].severity


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("The 115th brigade held Kupiansk.", "The 116th brigade held Kupiansk."),
        ("Shells of 120mm calibre fell.", "Shells of 125mm calibre fell."),
        ("Status: ✅ bridge intact.", "Status: ❌ bridge intact."),
        ("Crimea is a part of Ukraine.", "Crimea is apart of Ukraine."),
        # Inflections are not typo fixes, even one letter apart at the end.
        ("The trigger resists coherent noises.", "The trigger resists coherent noise."),
        ("Drones struck the depot.", "Drones struck the depots."),
        ("Units compared the losses.", "Units compare the losses."),
        ("The larger convoy left.", "The large convoy left."),
        # Ukrainian and Russian endings inflect: never a typo, in either language.
        ("Удар по об'єкту енергетики.", "Удар по об'єктах енергетики."),
        ("Удар по объекту энергетики.", "Удар по объектам энергетики."),
        # An article goes with another change: a soldier, now several.
        ("A soldier was wounded.", "Soldiers were wounded."),
        ("They lost 21 tanks.", "They lost 2-1 tanks."),
        # An abbreviation keeps a word's first letters and a period; a cue word is never one.
        ("See No. 5 on the list.", "See Nobody 5 on the list."),
        ("Units held the sector near Siversk.", "Units held the sec near Siversk."),  # no period
        ("Units reached the Don river.", "Units reached the D. river."),  # one letter kept
    ],
)
def test_more_near_misses_that_are_not_cosmetic(old, new):
    """Digits inside words, status symbols, space joins that make a new word, inflections,
    and an article that goes with another change are meaning."""
    assert rf.compare(old, new).verdict is Verdict.MEANING_CHANGED


MOVED_OLD = "Alpha is here. Bravo saw 12 drones today. Charlie is there. Delta is near."
MOVED_NEW = "Alpha is here. Charlie is there. Bravo saw 120 drones today. Delta is near."


def test_a_moved_and_edited_sentence_reports_both():
    """The move does not hide the changed figure inside the moved sentence."""
    kinds = [f.kind for f in rf.compare(MOVED_OLD, MOVED_NEW).findings]
    assert FindingKind.MOVED in kinds
    assert FindingKind.NUMBER_CHANGED in kinds


def test_a_move_is_reported_without_the_moved_detector():
    """A custom detector list without detect_moved still reports moves."""
    cmp = rf.Comparer(detectors=(detect_assertions,)).compare(MOVED_OLD, MOVED_NEW)
    assert FindingKind.MOVED in [f.kind for f in cmp.findings]


def test_protected_rewording_outranks_a_move():
    """A change to a protected token that no typed detector explains still outranks a move."""
    cmp = rf.Comparer(detectors=(detect_assertions,)).compare(
        "Troops did not advance near Bakhmut. Rain fell all day long. Roads were muddy.",
        "Rain fell all day long. Troops did advance near Bakhmut. Roads were muddy.",
    )
    assert cmp.findings[0].kind is FindingKind.REWORDED
    assert cmp.findings[0].level.value in {"medium", "high", "critical"}


def test_a_negation_flip_outranks_a_move():
    """The typed negation finding ranks first."""
    cmp = rf.compare(
        "Troops did not advance near Bakhmut. Rain fell all day long. Roads were muddy.",
        "Rain fell all day long. Troops did advance near Bakhmut. Roads were muddy.",
    )
    assert cmp.findings[0].kind is FindingKind.NEGATION_FLIPPED


def test_no_third_party_exception_leaks(monkeypatch):
    """A failure inside the sentence splitter degrades to one sentence per line, never leaks."""
    import sentencex

    def broken(*_args):
        raise RuntimeError("splitter failed")

    monkeypatch.setattr(sentencex, "get_sentence_boundaries", broken)
    cmp = rf.compare("One claim. Another claim.", "One claim. Shelling resumed near Sumy.")
    assert cmp.verdict is Verdict.MEANING_CHANGED


def test_watched_terms_weigh_more():
    """A finding touching a watched term is heavier and says which term."""
    body = "Shelling hit Kharkiv overnight. Rescuers worked until dawn. Power was restored."
    old = body + " Units repelled attacks near the village of Robotyne."
    new = body
    plain = rf.compare(old, new).findings[0]
    watched = rf.compare(old, new, watch=["Robotyne"]).findings[0]
    assert watched.severity > plain.severity
    assert "Robotyne" in watched.explanation
    assert any(e.kind == "watched" and e.note == "Robotyne" for e in watched.evidence)


def test_watch_matches_case_endings():
    """A Cyrillic watch term matches its inflected forms."""
    assert rf.WatchList(["Курськ"]).matches("бої на Курській області") == ["Курськ"]
    assert rf.WatchList(["Kursk"]).matches("near Kharkiv") == []


@pytest.mark.parametrize(
    ("terms", "error"),
    [("Kursk", rf.InputTypeError), (["..."], rf.InputError), ([3], rf.InputTypeError)],
)
def test_bad_watch_lists(terms, error):
    """A bare string, a term with no words or a non-string is a clear error."""
    with pytest.raises(error):
        rf.compare("a", "b", watch=terms)


def test_revision_metadata_weighs_little():
    """A page's own change note ('Latest update: ...') is rewritten by every edit: low weight."""
    page = "# Advice\n\nLatest update:\n: Removal of information on the tsunami alert in the region.\n\nFerries run daily. Roads are open."
    renewed = page.replace(
        "Removal of information on the tsunami alert in the region.",
        "Reviewed with no significant updates.",
    )
    body_cut = page.replace(" Roads are open.", "")
    assert rf.compare(page, renewed).findings[0].level.value in {"info", "low"}
    assert (
        rf.compare(page, body_cut).findings[0].severity
        > rf.compare(page, renewed).findings[0].severity
    )


def test_stamp_dates_that_do_not_pair_weigh_little():
    """Months apart, 'Still current at: 9 May' and ': 20 January' do not pair: still low."""
    head = "# Advice\n\nStill current at:\n: {}\n\nUpdated:\n: {}\n\n"
    body = "Ferries run daily from the harbour. Roads to the airport are open."
    old = head.format("9 May 2025", "8 May 2025") + body
    new = head.format("20 January 2026", "19 January 2026") + body
    cmp = rf.compare(old, new, lang="en")
    assert cmp.findings  # the stamp changed: reported
    assert max(f.severity for f in cmp.findings) < 35


def test_a_partly_explained_hunk_still_reports_the_rest():
    """A figure change explained by number_changed does not hide an attribution added beside it."""
    cmp = rf.compare(
        "За добу відбулося 187 боєзіткнень на фронті.",
        "За добу відбулося 178 боєзіткнень на фронті, за даними блогерів.",
    )
    kinds = {f.kind for f in cmp.findings}
    assert FindingKind.NUMBER_CHANGED in kinds
    assert len(kinds) > 1, rf.render_text(cmp)
