import json
import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from revforensics.errors import GitError, InputError, ReadError
from revforensics.ingest.git import revisions_from_git

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
KYIV = timezone(timedelta(hours=3))

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="needs the git executable")


def git(repo, *args, when="2024-01-01T00:00:00+00:00", author_when=None):
    """Run git in repo with a fixed identity and dates, isolated from the user's config."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "scraper",
        "GIT_AUTHOR_EMAIL": "scraper@example.org",
        "GIT_COMMITTER_NAME": "scraper",
        "GIT_COMMITTER_EMAIL": "scraper@example.org",
        "GIT_AUTHOR_DATE": author_when or when,
        "GIT_COMMITTER_DATE": when,
    }
    done = subprocess.run([GIT, "-C", str(repo), *args], env=env, capture_output=True, check=True)
    return done.stdout.decode().strip()


def commit(repo, files, when, message="scrape", **kwargs):
    """Write (or delete, for None) files, then commit everything."""
    for name, content in files.items():
        path = repo / name
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    git(repo, "add", "-A", when=when)
    git(repo, "commit", "-q", "-m", message, when=when, **kwargs)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path):
    path = tmp_path / "scrapes"
    path.mkdir()
    git(path, "init", "-q")
    return path


V1 = "# Заява\n\nСили оборони утримують позиції біля Курська.\nСитуація складна, але контрольована.\n"
V2 = "# Заява\n\nСили оборони утримують позиції біля Курська.\nСитуація складна.\n"
V3 = "# Заява\n\nСили оборони утримують позиції біля Курська.\nСитуація складна.\nДодано: евакуація триває.\n"
V6 = "# Заява\n\nСили оборони відійшли від Курська.\n"


@pytest.fixture
def history(repo):
    """Add, edit, rename (with an edit), touch another file, delete, re-add."""
    old, new = "Заява.md", "statements/заява міністерства.md"
    hashes = [
        commit(repo, {old: V1}, "2024-05-01T09:12:00+03:00"),
        commit(repo, {old: V2}, "2024-05-01T11:40:00+03:00"),
        commit(repo, {old: None, new: V3}, "2024-05-01T14:05:00+03:00", "rename"),
        commit(repo, {"other.md": "Unrelated page.\n"}, "2024-05-02T08:00:00+03:00"),
        commit(repo, {new: None}, "2024-05-02T09:00:00+03:00", "page gone"),
        commit(repo, {new: V6}, "2024-05-02T10:30:00+00:00", "page back"),
    ]
    return repo, new, old, hashes


def test_history_oldest_first_following_renames_skipping_deletions(history):
    """One revision per commit that had the file: renamed from, deletion skipped, re-add kept."""
    repo, new, old, hashes = history
    revs = revisions_from_git(repo, new)
    assert [r.text for r in revs] == [V1, V2, V3, V6]
    kept = [hashes[0], hashes[1], hashes[2], hashes[5]]
    assert [r.label for r in revs] == [git(repo, "rev-parse", "--short", h) for h in kept]
    assert [r.source for r in revs] == [
        f"git:{repo}@{hashes[0]}:{old}",
        f"git:{repo}@{hashes[1]}:{old}",
        f"git:{repo}@{hashes[2]}:{new}",
        f"git:{repo}@{hashes[5]}:{new}",
    ]
    assert [r.captured_at for r in revs] == [
        datetime(2024, 5, 1, 9, 12, tzinfo=KYIV),
        datetime(2024, 5, 1, 11, 40, tzinfo=KYIV),
        datetime(2024, 5, 1, 14, 5, tzinfo=KYIV),
        datetime(2024, 5, 2, 10, 30, tzinfo=UTC),
    ]
    assert revs[0].captured_at.utcoffset() == timedelta(hours=3)  # the committer's offset kept
    assert all(r.raw is None and r.media_type is None and r.extractor is None for r in revs)


def test_old_name_gives_only_its_own_history(history):
    """Asking for the old name (now gone) finds its versions, not the renamed file's later ones."""
    repo, _new, old, _hashes = history
    assert [r.text for r in revisions_from_git(repo, old)] == [V1, V2]


def test_committer_time_not_author_time(repo):
    """captured_at is when the scrape was committed, not the author date (rebases keep that)."""
    commit(
        repo,
        {"a.md": "Text.\n"},
        "2024-06-01T12:00:00+00:00",
        author_when="2020-01-01T00:00:00+00:00",
    )
    (rev,) = revisions_from_git(repo, "a.md")
    assert rev.captured_at == datetime(2024, 6, 1, 12, tzinfo=UTC)


def test_repo_as_subdirectory_and_str(history):
    """A folder inside the repository works, with paths relative to it; source stays root-relative."""
    repo, new, _old, hashes = history
    revs = revisions_from_git(str(repo / "statements"), "заява міністерства.md")
    assert [r.text for r in revs] == [V1, V2, V3, V6]
    assert revs[-1].source == f"git:{repo / 'statements'}@{hashes[5]}:{new}"


def test_empty_version_is_kept(repo):
    """An emptied page is a capture (the chain flags it as suspect), not an error."""
    commit(repo, {"a.md": "Text.\n"}, "2024-06-01T12:00:00+00:00")
    commit(repo, {"a.md": ""}, "2024-06-01T13:00:00+00:00")
    assert [r.text for r in revisions_from_git(repo, "a.md")] == ["Text.\n", ""]


def test_non_utf8_version_names_the_commit(repo):
    """A cp1251 version is refused, naming the file and the commit."""
    commit(repo, {"a.md": "Текст.\n"}, "2024-06-01T12:00:00+00:00")
    bad = commit(repo, {"a.md": "Текст змінено.\n".encode("cp1251")}, "2024-06-01T13:00:00+00:00")
    short = git(repo, "rev-parse", "--short", bad)
    with pytest.raises(ReadError, match=f"a.md at commit {short}: is not UTF-8") as info:
        revisions_from_git(repo, "a.md")
    assert info.value.source == f"git:{repo}@{bad}:a.md"


def test_html_file_keeps_raw(repo):
    """A scraped .html file keeps its bytes and is extracted (extra [html])."""
    trafilatura = pytest.importorskip("trafilatura")
    page = (
        '<html><head><meta charset="windows-1251"></head><body><article>'
        "<p>Сили оборони утримують позиції біля Курська, повідомив речник міністерства.</p>"
        "<p>Ситуація на фронті складна, але контрольована, евакуація триває за планом.</p>"
        "</article></body></html>"
    ).encode("cp1251")
    commit(repo, {"page.html": page}, "2024-06-01T12:00:00+00:00")
    (rev,) = revisions_from_git(repo, "page.html")
    assert rev.raw == page
    assert rev.media_type == "text/html"
    assert rev.extractor.startswith(f"trafilatura {trafilatura.__version__}")
    assert "Сили оборони утримують позиції" in rev.text
    assert rev.captured_at == datetime(2024, 6, 1, 12, tzinfo=UTC)


def test_shallow_clone_has_only_fetched_history(history, tmp_path):
    """A shallow clone gives the fetched versions only; a path only in older history names the fix."""
    repo, new, old, _hashes = history
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert [r.text for r in revisions_from_git(clone, new)] == [V6]
    with pytest.raises(GitError, match="shallow clone: run git fetch --unshallow"):
        revisions_from_git(clone, old)


def test_path_never_in_history(history):
    """A path never committed names the repository and suggests git log --all."""
    repo, *_ = history
    with pytest.raises(GitError, match="never committed") as info:
        revisions_from_git(repo, "statments/typo.md")
    message = str(info.value)
    assert str(repo) in message
    assert "git log --all -- statments/typo.md" in message
    assert "shallow" not in message


def test_not_a_repository(tmp_path, monkeypatch):
    """A plain folder is not a repository: the message says what to give instead."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    folder = tmp_path / "plain"
    folder.mkdir()
    with pytest.raises(GitError, match="is not a git repository") as info:
        revisions_from_git(folder, "a.md")
    assert isinstance(info.value, InputError)
    assert isinstance(info.value.__cause__, GitError)


def test_missing_folder(tmp_path):
    """A folder that does not exist is named."""
    with pytest.raises(GitError, match="no such directory"):
        revisions_from_git(tmp_path / "nowhere", "a.md")


def test_repository_without_commits(repo):
    """An empty repository gives a GitError carrying git's own reason."""
    with pytest.raises(GitError, match=r"git log failed: .*does not have any commits"):
        revisions_from_git(repo, "a.md")


def test_a_directory_is_not_a_file(history):
    """Asking for a folder's history is refused."""
    repo, *_ = history
    with pytest.raises(
        GitError, match="statements is a directory; give the path of one file in it"
    ):
        revisions_from_git(repo, "statements")


def test_a_deleted_directory_is_not_a_file(repo):
    """A folder no longer at HEAD is still recognised as a folder by its several files."""
    commit(repo, {"old/a.md": "A.\n", "old/b.md": "B.\n"}, "2024-06-01T10:00:00+00:00")
    commit(repo, {"old/a.md": None, "old/b.md": None, "c.md": "C.\n"}, "2024-06-01T11:00:00+00:00")
    with pytest.raises(GitError, match="old is a directory"):
        revisions_from_git(repo, "old")


def test_git_not_installed(history, monkeypatch):
    """Without git on PATH, the message says to install it."""
    repo, new, *_ = history
    monkeypatch.setenv("PATH", "")
    with pytest.raises(GitError, match="git executable is not on PATH; install git"):
        revisions_from_git(repo, new)


@pytest.mark.skipif(
    not (DATA / "travel_advisories").is_dir(), reason="needs ../shared/data/travel_advisories"
)
def test_travel_advisories_rebuilt_as_a_git_scrape(repo):
    """The UK travel-advice pages (shipped as pairs of git-scraped versions) replayed into a
    repository at their original commit times come back in order, text and time intact."""
    lines = (DATA / "travel_advisories" / "uk_travel_advice_pairs.jsonl").read_text(
        encoding="utf-8"
    )
    rows = [json.loads(line) for line in lines.splitlines()]
    path = "unitedkingdom/Mexico/Warnings and insurance.md"
    versions = {}
    for row in rows:
        if row["path"] == path:
            versions[row["old_commit_date"]] = row["old"]
            versions[row["new_commit_date"]] = row["new"]
    assert len(versions) >= 6
    for when, text in sorted(versions.items()):
        commit(repo, {path: text}, when)
    revs = revisions_from_git(repo, path)
    expected = sorted(versions.items())
    assert [r.text for r in revs] == [text for _, text in expected]
    assert [r.captured_at for r in revs] == [datetime.fromisoformat(w) for w, _ in expected]


def test_merge_that_resolves_a_conflict_is_a_version(repo):
    """Both branches' versions and the merge's own resolution are revisions, in commit order."""
    commit(repo, {"a.md": "Base.\n"}, "2024-06-01T10:00:00+00:00")
    git(repo, "checkout", "-q", "-b", "side")
    commit(repo, {"a.md": "Side.\n"}, "2024-06-01T11:00:00+00:00")
    git(repo, "checkout", "-q", "-")
    commit(repo, {"a.md": "Main.\n"}, "2024-06-01T12:00:00+00:00")
    subprocess.run([GIT, "-C", str(repo), "merge", "-q", "side"], capture_output=True, check=False)
    commit(repo, {"a.md": "Resolved.\n"}, "2024-06-01T13:00:00+00:00", "merge")
    assert [r.text for r in revisions_from_git(repo, "a.md")] == [
        "Base.\n",
        "Side.\n",
        "Main.\n",
        "Resolved.\n",
    ]


def test_a_path_is_literal_not_a_pattern(repo):
    """A scraped name with glob characters is that file: 'a[1].md' does not match 'a1.md'."""
    commit(repo, {"a[1].md": "Units advanced.\n"}, "2024-05-01T09:00:00+00:00")
    commit(repo, {"a1.md": "Another page.\n"}, "2024-05-01T10:00:00+00:00")
    commit(repo, {"a[1].md": "Units held.\n"}, "2024-05-01T11:00:00+00:00")
    revisions = revisions_from_git(repo, "a[1].md")
    assert [rev.text for rev in revisions] == ["Units advanced.\n", "Units held.\n"]


def test_a_skewed_clock_keeps_the_history_order(repo):
    """A commit dated before its parent (a scraper host's clock behind) stays in place."""
    from revforensics.chain import RevisionChain

    commit(repo, {"n.md": "Units advanced.\n"}, "2024-05-01T10:00:00+00:00")
    commit(repo, {"n.md": "Units held.\n"}, "2024-05-01T09:00:00+00:00")
    commit(repo, {"n.md": "Units withdrew.\n"}, "2024-05-01T11:00:00+00:00")
    chain = RevisionChain.from_git(repo, "n.md")
    assert [rev.text for rev in chain] == [
        "Units advanced.\n",
        "Units held.\n",
        "Units withdrew.\n",
    ]
    assert [rev.captured_at.hour for rev in chain] == [10, 9, 11]
