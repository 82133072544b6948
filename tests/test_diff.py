import itertools

from revforensics import diff_keys


def test_hunks_cover_both_sides():
    """The hunks tile both sequences in order, like difflib opcodes."""
    old = ["the", "units", "launched", "new", "offensive", "operations", "today"]
    new = ["the", "units", "continue", "operations", "today"]
    hunks = diff_keys(old, new)
    assert hunks[0].i1 == 0 and hunks[0].j1 == 0
    assert hunks[-1].i2 == len(old) and hunks[-1].j2 == len(new)
    for a, b in itertools.pairwise(hunks):
        assert (a.i2, a.j2) == (b.i1, b.j1)
    assert [h.tag for h in hunks] == ["equal", "replace", "equal"]


def test_pure_deletion_and_insertion():
    """A run only on one side is a delete or an insert."""
    assert [h.tag for h in diff_keys(["a", "b", "c"], ["a", "c"])] == ["equal", "delete", "equal"]
    assert [h.tag for h in diff_keys(["a", "c"], ["a", "b", "c"])] == ["equal", "insert", "equal"]


def test_identical_and_empty():
    """Equal input gives one equal hunk; empty input gives none."""
    assert [h.tag for h in diff_keys(["a"], ["a"])] == ["equal"]
    assert diff_keys([], []) == []
