from revforensics import align


def ops(links):
    return [(link.op, link.old, link.new, link.moved) for link in links]


def test_identical_documents_anchor_everything():
    """Equal sentences become 'equal' links, in order, none moved."""
    assert ops(align(["ab", "cd"], ["ab", "cd"])) == [
        ("equal", (0,), (0,), False),
        ("equal", (1,), (1,), False),
    ]


def test_edited_sentence_is_linked():
    """A sentence sharing most tokens with its old self is 'edited', not removed and added."""
    links = align(["abcdefgh", "xyz"], ["abcdefgQ", "xyz"])
    assert ops(links)[0] == ("edited", (0,), (0,), False)
    assert 0.5 < links[0].similarity < 1


def test_unrelated_sentences_are_deleted_and_inserted():
    """No shared tokens: one deletion and one insertion, never a forced match."""
    assert sorted(link.op for link in align(["abcd", "zz"], ["efgh", "zz"])) == [
        "deleted",
        "equal",
        "inserted",
    ]


def test_a_move_is_the_minimum_set_outside_the_lis():
    """Moving one sentence to the front marks only that sentence as moved."""
    links = align(["aaaa", "bbbb", "cccc", "dddd"], ["dddd", "aaaa", "bbbb", "cccc"])
    moved = [link for link in links if link.moved]
    assert [(link.old, link.new) for link in moved] == [((3,), (0,))]


def test_split_and_merge():
    """One sentence split in two is one link with two new sentences, and the reverse."""
    split = align(["abcdefgh", "zz"], ["abcd", "efgh", "zz"])
    assert ops(split)[0] == ("equal", (0,), (0, 1), False)
    merged = align(["abcd", "efgh", "zz"], ["abcdefgh", "zz"])
    assert ops(merged)[0] == ("equal", (0, 1), (0,), False)


def test_heavily_cut_sentence_still_aligns_by_containment():
    """A sentence that lost most of its words, but nothing else, is still the same sentence."""
    links = align(["abcdefghijklm", "zz"], ["abcd", "zz"])
    assert ops(links)[0] == ("edited", (0,), (0,), False)


def test_repeated_boilerplate_pairs_in_order():
    """Duplicate sentences align one-to-one in order rather than all to the first."""
    links = align(["aa", "bb", "aa", "cc"], ["aa", "bb", "aa", "dd"])
    assert ops(links)[:3] == [
        ("equal", (0,), (0,), False),
        ("equal", (1,), (1,), False),
        ("equal", (2,), (2,), False),
    ]


def test_every_sentence_appears_once():
    """Each old and new sentence is in exactly one link."""
    old = ["abc", "def", "ghij", "klm", "abc"]
    new = ["ghiX", "abc", "nop", "def"]
    links = align(old, new)
    assert sorted(i for link in links for i in link.old) == list(range(len(old)))
    assert sorted(j for link in links for j in link.new) == list(range(len(new)))


def test_a_lone_rewritten_line_between_matched_neighbours_is_edited():
    """One old and one new sentence alone in the same gap pair up when they share words."""
    links = align(["aa", "xyz", "bb"], ["aa", "xQR", "bb"])
    assert ops(links)[1] == ("edited", (1,), (1,), False)


def test_lone_lines_sharing_nothing_stay_apart():
    """A line replaced by an unrelated one is a removal and an addition."""
    links = align(["aa", "xyz", "bb"], ["aa", "QRS", "bb"])
    assert sorted(link.op for link in links) == ["deleted", "equal", "equal", "inserted"]


def test_long_documents_use_the_candidate_index_without_losing_edits():
    """Past 200 leftover sentences, candidates come from an index; edits and moves still pair."""
    base = [
        chr(0xE000 + 8 * k) + chr(0xE001 + 8 * k) + chr(0xE002 + 8 * k) + "ab" for k in range(300)
    ]
    old = list(base)
    new = [key[:-1] + "c" for key in base]  # every sentence edited: nothing anchors
    new.insert(0, new.pop(250))  # and one moved to the top
    links = align(old, new)
    assert all(link.op == "edited" for link in links)
    moved = [link for link in links if link.moved]
    assert [(link.old, link.new) for link in moved] == [((250,), (0,))]
