"""Revision.digest in the archive: schema 3, hashing, tampering and the schema-2 upgrade."""

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

import revforensics.archive as archive_module
from revforensics.archive import SCHEMA_VERSION, Archive, genesis_hash, link_hash
from revforensics.cli import main
from revforensics.errors import ArchiveError, InputError
from revforensics.model import Revision
from revforensics.render.archive import render_capture, render_log, render_stored

SCHEMA_2 = Path(__file__).parent / "data" / "archive-schema-2.sql"
DIGEST = "sha1:2WAXX5NUWNNCS2BDKCO5OVDQBJVNKIVV"
OTHER = "sha1:3XBYY6OVXOODT3CELDP6PWERCKOLJWWW"


def at(hour):
    return dt.datetime(2024, 3, 1, hour, tzinfo=dt.UTC)


def page(text, hour, digest=None):
    return Revision(
        text,
        f"v{hour}",
        at(hour),
        source="https://mod.example/daily",
        raw=f"<p>{text}</p>".encode(),
        media_type="text/html",
        extractor="example 1.0",
        digest=digest,
    )


@pytest.fixture
def db(tmp_path):
    return tmp_path / "archive.db"


@pytest.fixture
def schema2(tmp_path):
    """A schema-2 archive exactly as the revforensics before schema 3 wrote it."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    try:
        conn.executescript(SCHEMA_2.read_text(encoding="utf-8"))
    finally:
        conn.close()
    return path


def _sql(path, *statements):
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def _rows(path, table):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()  # noqa: S608 - ours
    finally:
        conn.close()


# -- schema 3 --------------------------------------------------------------------------


def test_digest_round_trips_through_every_reader(db):
    """log, revisions, chain, get and capture all give back the stored digest."""
    with Archive(db) as archive:
        stored = archive.add("s", page("Forces advanced.", 1, DIGEST), create=True)
        archive.add("s", page("Forces held.", 2))
        assert stored.revision.digest == DIGEST
        assert [s.revision.digest for s in archive.log("s")] == [DIGEST, None]
        assert [r.digest for r in archive.revisions("s")] == [DIGEST, None]
        assert [r.digest for r in archive.revisions("s", extraction="original")] == [DIGEST, None]
        assert [r.digest for r in archive.chain("s")] == [DIGEST, None]
        assert archive.get(stored.sha256).digest == DIGEST
        assert [r.revision.digest for r in archive.capture(stored.sha256).revisions] == [DIGEST]
        # A re-extraction gives a new text, not a new capture: the digest stays.
        archive.reextract(stored.sha256, "Forces advanced!", "example 2.0")
        assert archive.revisions("s")[0].text == "Forces advanced!"
        assert archive.revisions("s")[0].digest == DIGEST
        assert archive.get(stored.sha256).digest == DIGEST
        assert archive.verify().ok
    with Archive(db) as archive:
        assert archive.schema_version == SCHEMA_VERSION == 3
        assert archive.log("s")[0].revision.digest == DIGEST


def test_the_link_hash_covers_the_digest_only_when_there_is_one(db):
    """With a digest, it is in the hashed metadata; without, the metadata is schema 2's."""
    with Archive(db) as archive:
        first = archive.add("s", page("A.", 1), create=True)
        second = archive.add("s", page("B.", 2, DIGEST))
    metadata = {
        "statement": "s",
        "seq": 1,
        "captured_at": at(1).isoformat(),
        "source": "https://mod.example/daily",
        "label": "v1",
        "media_type": "text/html",
        "extractor": "example 1.0",
        "recorded_at": first.recorded_at.isoformat(),
    }
    # The schema-2 formula, exactly: no digest key at all (not even a null one).
    assert first.link_hash == link_hash(
        genesis_hash("s"), first.sha256, first.text_sha256, metadata
    )
    metadata |= {"seq": 2, "captured_at": at(2).isoformat(), "label": "v2"}
    metadata["recorded_at"] = second.recorded_at.isoformat()
    without = link_hash(first.link_hash, second.sha256, second.text_sha256, metadata)
    assert second.link_hash != without
    assert second.link_hash == link_hash(
        first.link_hash, second.sha256, second.text_sha256, metadata | {"digest": DIGEST}
    )


def test_a_duplicate_with_the_same_or_no_digest_is_a_duplicate(db):
    """Re-adding a capture with its digest, or none, changes nothing and keeps the digest."""
    with Archive(db) as archive:
        archive.add("s", page("A.", 1, DIGEST), create=True)
        again = archive.add("s", page("A.", 1, DIGEST))
        bare = archive.add("s", page("A.", 1))
        assert (again.duplicate, bare.duplicate) == (True, True)
        assert bare.revision.digest == DIGEST
        assert archive.statement("s").revisions == 1


def test_a_duplicate_with_another_digest_is_refused_and_nothing_changes(db):
    """The stored revision cannot take a different digest; it is not dropped in silence."""
    with Archive(db) as archive:
        archive.add("s", page("A.", 1), create=True)
        archive.add("t", page("B.", 1, DIGEST), create=True)
        before = [_rows(db, t) for t in ("revisions", "extractions")]
        with pytest.raises(InputError, match="already revision 1 of statement 's'") as info:
            archive.add("s", page("A.", 1, OTHER))
        assert "digest None, not 'sha1:3XBY" in str(info.value)
        with pytest.raises(InputError, match=f"digest '{DIGEST}', not '{OTHER}'"):
            archive.add("t", page("B.", 1, OTHER))
        assert [_rows(db, t) for t in ("revisions", "extractions")] == before
        assert archive.verify().ok


def test_new_file_has_the_documented_column(db):
    """A new archive's revisions table has a nullable digest column, holding NULL if none."""
    with Archive(db) as archive:
        archive.add("s", page("A.", 1), create=True)
        archive.add("s", page("B.", 2, DIGEST))
    conn = sqlite3.connect(db)
    try:
        columns = {row[1]: row for row in conn.execute("PRAGMA table_info(revisions)")}
        digests = [r[0] for r in conn.execute("SELECT digest FROM revisions ORDER BY seq")]
    finally:
        conn.close()
    assert columns["digest"][2:4] == ("TEXT", 0)  # type, NOT NULL
    assert digests == [None, DIGEST]


# -- tampering ---------------------------------------------------------------------------


@pytest.fixture
def filled(db):
    with Archive(db) as archive:
        for hour in range(1, 5):
            digest = DIGEST if hour % 2 else None
            archive.add("s", page(f"Revision {hour}.", hour, digest), create=True)
        assert archive.verify().ok
    return db


def _problems(path):
    with Archive(path) as archive:
        report = archive.verify()
    assert not report.ok
    return [(p.table, p.statement, p.seq, p.detail) for p in report.problems]


@pytest.mark.parametrize(
    ("change", "seq"),
    [
        (f"SET digest = '{OTHER}' WHERE seq = 1", 1),  # altered
        ("SET digest = NULL WHERE seq = 3", 3),  # removed
        (f"SET digest = '{DIGEST}' WHERE seq = 2", 2),  # added where there was none
    ],
)
def test_an_altered_digest_is_named(filled, change, seq):
    """Changing, removing or adding a digest breaks that revision's link, and only that."""
    _sql(filled, f"UPDATE revisions {change}")
    problems = _problems(filled)
    assert [(t, s, n) for t, s, n, _ in problems] == [("revisions", "s", seq)]
    assert "digest" in problems[0][3]


def test_a_malformed_digest_is_named_as_such(filled):
    """A digest that is no ``algorithm:value`` is reported as such, beside the broken link."""
    _sql(filled, "UPDATE revisions SET digest = 'not a digest' WHERE seq = 1")
    details = [d for t, s, n, d in _problems(filled) if (t, s, n) == ("revisions", "s", 1)]
    assert "digest is 'not a digest'" in details
    assert any("link_hash does not match" in d for d in details)


# -- schema 2 ----------------------------------------------------------------------------


def test_schema_2_file_opens_reads_and_verifies(schema2):
    """A file written before schema 3 is read as it is: every revision without a digest."""
    with Archive(schema2) as archive:
        assert archive.schema_version == 2
        report = archive.verify()
        assert report.ok, report.problems
        assert (report.statements, report.revisions) == (2, 3)
        log = archive.log("mod-daily")
        assert [s.revision.digest for s in log] == [None, None]
        assert [s.revision.text for s in log] == ["Forces advanced 1 km.", "Forces advanced 2 km."]
        assert archive.revisions("mod-daily")[0].text == "Forces advanced 1 km!"
        assert archive.capture(log[0].sha256).revisions[0].revision.digest is None


def test_schema_2_file_takes_revisions_without_a_digest(schema2):
    """Writing a revision without a digest into a schema-2 file works as it always did."""
    with Archive(schema2) as archive:
        stored = archive.add("mod-daily", page("Forces advanced 3 km.", 3))
        assert stored.seq == 3
        assert archive.schema_version == 2
        assert archive.verify().ok
    assert sqlite3.connect(schema2).execute("PRAGMA user_version").fetchone()[0] == 2


def test_schema_2_file_refuses_a_digest_and_names_the_upgrade(schema2):
    """A digest has no place in a schema-2 file: ArchiveError says how to upgrade; no write."""
    before = {t: _rows(schema2, t) for t in ("revisions", "captures", "extractions")}
    with Archive(schema2) as archive:
        with pytest.raises(ArchiveError, match="schema-2 archive") as info:
            archive.add("mod-daily", page("Forces advanced 3 km.", 3, DIGEST))
        assert f"revforensics archive upgrade {schema2}" in str(info.value)
        assert "Archive.upgrade()" in str(info.value)
        # A duplicate with a digest is refused the same way, not dropped in silence.
        with pytest.raises(ArchiveError, match="upgrade"):
            archive.add("notes", Revision("Plain text note.", "n1", digest=DIGEST))
    assert {t: _rows(schema2, t) for t in before} == before


def test_upgrade_adds_the_column_and_changes_nothing_stored(schema2):
    """upgrade() makes it schema 3; every row, hash and head stays; verify() still passes."""
    tables = ("statements", "captures", "extractions", "extraction_heads", "revisions")
    before = {t: _rows(schema2, t) for t in tables}
    with Archive(schema2) as archive:
        heads = archive.verify().heads
        assert archive.upgrade() is True
        assert archive.schema_version == 3
        report = archive.verify()
        assert report.ok, report.problems
        assert report.heads == heads
    after = {t: _rows(schema2, t) for t in tables}
    assert after["revisions"] == [(*row, None) for row in before["revisions"]]
    assert {t: after[t] for t in tables if t != "revisions"} == {
        t: before[t] for t in tables if t != "revisions"
    }
    with Archive(schema2) as archive:
        assert archive.schema_version == 3
        assert archive.upgrade() is False
        archive.add("mod-daily", page("Forces advanced 3 km.", 3, DIGEST))
        assert archive.log("mod-daily")[-1].revision.digest == DIGEST
        assert archive.verify().ok


def test_upgrade_of_a_current_file_does_nothing(db):
    """Control: a new archive is already schema 3; upgrade() writes nothing."""
    with Archive(db) as archive:
        archive.add("s", page("A.", 1), create=True)
    before = _rows(db, "revisions")
    with Archive(db) as archive:
        assert archive.upgrade() is False
    assert _rows(db, "revisions") == before


def test_upgrade_is_one_transaction(schema2, monkeypatch):
    """If a step of the upgrade fails, nothing of it stays: still schema 2, no column."""
    failing = (*archive_module._UPGRADE_3, "INSERT INTO no_such_table VALUES (1)")  # noqa: SLF001
    monkeypatch.setattr(archive_module, "_UPGRADE_3", failing)
    with Archive(schema2) as archive:
        with pytest.raises(ArchiveError, match="no_such_table"):
            archive.upgrade()
        assert archive.schema_version == 2
        assert archive.verify().ok
    conn = sqlite3.connect(schema2)
    try:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(revisions)")]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    finally:
        conn.close()
    assert "digest" not in columns


def test_a_schema_2_table_marked_version_3_is_a_schema_problem(schema2):
    """Setting user_version 3 without the column is caught: the schema differs, no writes."""
    _sql(schema2, "PRAGMA user_version = 3")
    with Archive(schema2) as archive:
        report = archive.verify()
        assert [(p.table, p.row) for p in report.problems] == [("schema", "table revisions")]
        with pytest.raises(ArchiveError, match="schema was altered"):
            archive.add("notes", Revision("New note."))


def test_an_altered_schema_2_file_is_not_upgraded(schema2):
    """upgrade() refuses a file whose schema was altered, like every write."""
    _sql(schema2, "CREATE TRIGGER sneaky AFTER INSERT ON revisions BEGIN SELECT 1; END")
    with Archive(schema2) as archive, pytest.raises(ArchiveError, match="schema was altered"):
        archive.upgrade()
    assert sqlite3.connect(schema2).execute("PRAGMA user_version").fetchone()[0] == 2


def test_cli_upgrade(schema2, capsys):
    """`archive upgrade DB` upgrades once, then says there is nothing to do."""
    assert main(["archive", "upgrade", str(schema2)]) == 0
    assert capsys.readouterr().out == (
        f"upgraded {schema2} from schema 2 to 3; no stored row or hash changed\n"
    )
    assert main(["archive", "upgrade", str(schema2), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"path": str(schema2), "before": 3, "after": 3}
    assert main(["archive", "verify", str(schema2)]) == 0


def test_cli_upgrade_of_a_missing_file_creates_nothing(tmp_path, capsys):
    """A typo in DB is an error, not a new archive."""
    path = tmp_path / "typo.db"
    assert main(["archive", "upgrade", str(path)]) == 2
    assert "no such archive" in capsys.readouterr().err
    assert not path.exists()


# -- views -------------------------------------------------------------------------------


def test_views_show_the_digest_when_present(db):
    """archive add/log/show: text, JSON, Markdown and HTML name the web archive's digest."""
    with Archive(db) as archive:
        stored = archive.add("s", page("A.", 1, DIGEST), create=True)
        archive.add("s", page("B.", 2))
        log, statement = archive.log("s"), archive.statement("s")
        capture = archive.capture(stored.sha256)
    assert f"digest {DIGEST}" in render_stored(stored)
    assert json.loads(render_stored(stored, "json"))["digest"] == DIGEST
    assert f"`{DIGEST}`" in render_stored(stored, "markdown")
    assert f"<code>{DIGEST}</code>" in render_stored(stored, "html")
    text = render_log(statement, log).splitlines()
    assert text[1].endswith(f"digest {DIGEST}")
    assert "digest" not in text[2]
    assert [r["digest"] for r in json.loads(render_log(statement, log, "json"))["revisions"]] == [
        DIGEST,
        None,
    ]
    markdown = render_log(statement, log, "markdown")
    assert "| web archive digest |" in markdown
    assert f"| `{DIGEST}` |" in markdown
    assert "web archive digest" in render_log(statement, log, "html")
    assert f"(digest {DIGEST})" in render_capture(capture)
    assert json.loads(render_capture(capture, "json"))["revisions"][0]["digest"] == DIGEST
    assert f"`{DIGEST}`" in render_capture(capture, "markdown")


def test_views_without_a_digest_look_as_before(db):
    """Control: without any digest, the text and Markdown views have no digest at all."""
    with Archive(db) as archive:
        stored = archive.add("s", page("A.", 1), create=True)
        log, statement = archive.log("s"), archive.statement("s")
        capture = archive.capture(stored.sha256)
    for fmt in ("text", "markdown", "html"):
        assert "digest" not in render_stored(stored, fmt)
        assert "digest" not in render_log(statement, log, fmt)
        assert "digest" not in render_capture(capture, fmt)
    assert json.loads(render_stored(stored, "json"))["digest"] is None
