import datetime as dt
import hashlib
import random
import sqlite3

import pytest

from revforensics.archive import APPLICATION_ID, SCHEMA_VERSION, Archive, genesis_hash
from revforensics.errors import ArchiveError, InputError, InputTypeError, RevForensicsError
from revforensics.model import Revision

UTC = dt.UTC
KYIV = dt.timezone(dt.timedelta(hours=2))


def at(hour, minute=0, tz=UTC):
    return dt.datetime(2024, 3, 1, hour, minute, tzinfo=tz)


def html(text, extra=""):
    return Revision(
        text,
        captured_at=None,
        raw=f"<html><p>{text}</p>{extra}</html>".encode(),
        media_type="text/html",
        extractor="example 1.0",
    )


@pytest.fixture
def db(tmp_path):
    return tmp_path / "archive.db"


@pytest.fixture
def archive(db):
    with Archive(db) as opened:
        yield opened


def _sql(path, *statements):
    """Edit the file behind the archive's back, as a tamperer with sqlite3 would."""
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


# -- round trips ---------------------------------------------------------------------


def test_text_round_trip(archive):
    """A plain-text revision comes back equal, with its offset-bearing captured_at."""
    rev = Revision("Forces advanced 5 km.", "v1", at(9, 12, KYIV), source="https://mod.example/1")
    stored = archive.add("mod", rev, create=True)
    assert stored.seq == 1
    assert not stored.duplicate
    assert stored.sha256 == rev.raw_sha256 == rev.sha256
    assert stored.prev_link_hash == genesis_hash("mod")
    assert archive.revisions("mod") == [rev]
    assert archive.get(rev.sha256) == rev
    back = archive.log("mod")[0].revision
    assert back.captured_at.utcoffset() == dt.timedelta(hours=2)


def test_raw_round_trip_keeps_bytes_exactly(archive):
    """Raw bytes, including non-UTF-8 bytes, media type and extractor come back unchanged."""
    raw = "<p>Привіт, світ</p>".encode("cp1251") + bytes(range(256))
    rev = Revision(
        "Привіт, світ",
        "v1",
        at(8),
        source="https://mfa.example",
        raw=raw,
        media_type="text/html; charset=windows-1251",
        extractor="trafilatura 2.0.0",
    )
    stored = archive.add("mfa", rev, create=True)
    assert stored.sha256 == hashlib.sha256(raw).hexdigest()
    assert archive.get(stored.sha256) == rev
    assert archive.get(stored.sha256[:10]).raw == raw
    capture = archive.capture(stored.sha256)
    assert capture.raw == raw
    assert capture.byte_length == len(raw)
    assert archive.verify().ok


def test_memory_archive():
    """':memory:' gives a throw-away archive with the same behaviour."""
    with Archive(":memory:") as archive:
        archive.add("s", Revision("One."), create=True)
        assert [r.text for r in archive.revisions("s")] == ["One."]
        assert archive.verify().ok


def test_reopen_keeps_everything(db):
    """What one Archive wrote, the next one reads, and the chain continues."""
    with Archive(db) as archive:
        archive.create_statement("s", title="Daily summary", source="https://mod.example")
        archive.add("s", Revision("One.", captured_at=at(9)))
    with Archive(db) as archive:
        second = archive.add("s", Revision("Two.", captured_at=at(10)))
        assert second.seq == 2
        assert second.prev_link_hash == archive.log("s")[0].link_hash
        (statement,) = archive.statements()
        assert (statement.title, statement.source, statement.revisions) == (
            "Daily summary",
            "https://mod.example",
            2,
        )
        assert statement.head_link_hash == second.link_hash
        assert archive.verify().ok


@pytest.mark.usefixtures("archive")
def test_wal_mode_is_persistent(db):
    """The file is in WAL mode, which readers see without setting it."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        conn.close()


# -- de-duplication and re-extraction ------------------------------------------------


def test_same_capture_twice_is_a_duplicate(archive):
    """Adding the statement's last capture again adds nothing and flags the duplicate."""
    first = archive.add("s", html("One.", "<nav/>"), create=True)
    again = archive.add("s", html("One.", "<nav/>"))
    assert again.duplicate
    assert (again.seq, again.link_hash) == (first.seq, first.link_hash)
    assert len(archive.log("s")) == 1
    assert archive.verify().captures == 1


def test_a_different_capture_is_not_a_duplicate(archive):
    """Near miss: one byte more in the raw page is a new revision."""
    archive.add("s", html("One."), create=True)
    other = archive.add("s", html("One.", " "))
    assert (other.seq, other.duplicate) == (2, False)


def test_shared_capture_across_statements(archive):
    """The same bytes under two statements are one capture row and two revisions."""
    a = archive.add("a", html("Shared."), create=True)
    b = archive.add("b", html("Shared."), create=True)
    assert not b.duplicate
    assert a.sha256 == b.sha256
    capture = archive.capture(a.sha256)
    assert [(r.statement, r.seq) for r in capture.revisions] == [("a", 1), ("b", 1)]
    report = archive.verify()
    assert (report.captures, report.revisions, report.ok) == (1, 2, True)


def test_revert_is_kept(archive):
    """A capture equal to an earlier one, after a different one, is a revert: added."""
    archive.add("s", Revision("A.", captured_at=at(9)), create=True)
    archive.add("s", Revision("B.", captured_at=at(10)))
    revert = archive.add("s", Revision("A.", captured_at=at(11)))
    assert (revert.seq, revert.duplicate) == (3, False)


def test_revert_without_times_is_kept(archive):
    """Without captured_at a revert cannot be told from a re-import, so it is kept."""
    for text in ("A.", "B.", "A."):
        archive.add("s", Revision(text), create=True)
    assert [r.text for r in archive.revisions("s")] == ["A.", "B.", "A."]


def test_reimport_with_times_is_idempotent(archive):
    """Importing the same dated history twice adds it once."""
    history = [Revision(t, captured_at=at(h)) for t, h in (("A.", 9), ("B.", 10), ("A.", 11))]
    for rev in history:
        archive.add("s", rev, create=True)
    again = [archive.add("s", rev) for rev in history]
    assert [s.duplicate for s in again] == [True, True, True]
    assert [s.seq for s in again] == [1, 2, 3]
    assert len(archive.log("s")) == 3


def test_duplicate_with_new_extractor_is_a_reextraction(archive):
    """Same raw bytes, new extractor and text: recorded as a re-extraction, no new revision."""
    raw = b"<html><p>Forces advanced.</p><nav>Menu</nav></html>"
    old = Revision("Forces advanced. Menu", raw=raw, media_type="text/html", extractor="x 1.0")
    new = Revision("Forces advanced.", raw=raw, media_type="text/html", extractor="x 2.0")
    archive.add("s", old, create=True)
    stored = archive.add("s", new)
    assert stored.duplicate
    assert stored.reextractions == 1
    assert len(archive.log("s")) == 1
    assert archive.revisions("s")[0].text == "Forces advanced."
    assert archive.revisions("s")[0].extractor == "x 2.0"
    assert archive.revisions("s", extraction="original")[0] == old
    kinds = [x.kind for x in archive.capture(stored.sha256).extractions]
    assert kinds == ["capture", "re-extraction"]
    assert archive.verify().ok


def test_reextract(archive):
    """reextract() adds a text for a capture; the chain and the original text stay."""
    stored = archive.add("s", html("Old text."), create=True)
    extraction = archive.reextract(stored.sha256, "New text.", "example 2.0")
    assert (extraction.kind, extraction.extractor) == ("re-extraction", "example 2.0")
    assert archive.reextract(stored.sha256, "New text.", "example 2.0").id == extraction.id
    assert archive.revisions("s")[0].text == "New text."
    assert archive.revisions("s", extraction="original")[0].text == "Old text."
    assert archive.get(stored.sha256).text == "New text."
    assert archive.get(stored.sha256, extraction="original").text == "Old text."
    assert archive.log("s")[0].link_hash == stored.link_hash
    assert archive.verify().ok


def test_reextract_unknown_capture(archive):
    """Re-extracting a capture that is not there names the fix."""
    with pytest.raises(InputError, match="no capture"):
        archive.reextract("ab" * 32, "x", "example 2.0")
    with pytest.raises(InputError, match="not a SHA-256"):
        archive.reextract("xyz", "x", "example 2.0")


def test_media_type_conflict(archive):
    """The same bytes stored with another media type are refused; None is accepted."""
    raw = b"<p>x</p>"
    archive.add("a", Revision("x", raw=raw, media_type="text/html"), create=True)
    with pytest.raises(InputError, match="media type"):
        archive.add("b", Revision("x", raw=raw, media_type="text/plain"), create=True)
    stored = archive.add("b", Revision("x", raw=raw), create=True)
    assert stored.revision.media_type == "text/html"


# -- order and bad input -------------------------------------------------------------


def test_out_of_order_capture_is_refused(archive):
    """A captured_at earlier than the statement's latest is refused and writes nothing."""
    archive.add("s", Revision("A.", captured_at=at(10)), create=True)
    with pytest.raises(InputError, match=r"earlier than revision 1") as info:
        archive.add("s", Revision("B.", captured_at=at(9)))
    assert "add older captures first" in str(info.value)
    assert len(archive.log("s")) == 1
    assert archive.verify().ok


def test_order_compares_instants_not_text(archive):
    """09:30+02:00 is 07:30 UTC: earlier than 08:00 UTC, though its text sorts later."""
    archive.add("s", Revision("A.", captured_at=at(8)), create=True)
    with pytest.raises(InputError, match="earlier"):
        archive.add("s", Revision("B.", captured_at=at(9, 30, KYIV)))
    archive.add("s", Revision("C.", captured_at=at(10, 30, KYIV)))  # 08:30 UTC: later


def test_same_time_and_no_time_are_accepted(archive):
    """An equal captured_at is in order; a revision without one takes its place by seq."""
    archive.add("s", Revision("A.", captured_at=at(10)), create=True)
    archive.add("s", Revision("B.", captured_at=at(10)))
    undated = archive.add("s", Revision("C."))
    assert undated.revision.captured_at is None
    with pytest.raises(InputError, match="earlier"):
        archive.add("s", Revision("D.", captured_at=at(9)))
    assert [s.seq for s in archive.log("s")] == [1, 2, 3]


def test_unknown_statement(archive):
    """Adding to a statement that does not exist names create_statement and --create."""
    with pytest.raises(InputError, match="does not exist") as info:
        archive.add("nope", Revision("A."))
    assert "create_statement('nope')" in str(info.value)
    assert "--create" in str(info.value)
    with pytest.raises(InputError, match="does not exist"):
        archive.log("nope")
    assert archive.statements() == []


def test_create_statement_twice(archive):
    """A statement id is unique."""
    archive.create_statement("s")
    with pytest.raises(InputError, match="already exists"):
        archive.create_statement("s")


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda a: a.add("", Revision("x")), InputError),
        (lambda a: a.add(3, Revision("x")), InputTypeError),
        (lambda a: a.add("s", "text", create=True), InputTypeError),
        (lambda a: a.add("s", Revision("bad \ud800"), create=True), InputError),
        (lambda a: a.revisions("s", extraction="newest"), InputError),
        (lambda a: a.get("0" * 64), InputError),
    ],
)
def test_bad_arguments(archive, call, error):
    """Bad arguments raise revforensics errors and write nothing."""
    with pytest.raises(error):
        call(archive)
    assert archive.statements() == []


def test_closed_archive(db):
    """Using a closed archive raises ArchiveError, not sqlite3.ProgrammingError."""
    archive = Archive(db)
    archive.close()
    with pytest.raises(ArchiveError, match="closed"):
        archive.statements()


# -- files that are not archives -----------------------------------------------------


def _unchanged(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_foreign_sqlite_file_is_refused_and_untouched(tmp_path):
    """Another program's SQLite database raises ArchiveError and is never written."""
    path = tmp_path / "other.db"
    _sql(path, "CREATE TABLE notes (body TEXT)", "INSERT INTO notes VALUES ('keep me')")
    before = _unchanged(path)
    with pytest.raises(ArchiveError, match="not a revforensics archive") as info:
        Archive(path)
    assert "notes" in str(info.value)
    assert "new path" in str(info.value)
    assert info.value.path == str(path)
    assert _unchanged(path) == before
    assert not (tmp_path / "other.db-wal").exists()


def test_non_sqlite_file_is_refused_and_untouched(tmp_path):
    """A text file raises ArchiveError naming the file, and keeps its bytes."""
    path = tmp_path / "notes.txt"
    path.write_bytes(b"These are my notes, not a database.\n" * 200)
    before = _unchanged(path)
    with pytest.raises(ArchiveError, match="is not an SQLite database") as info:
        Archive(path)
    assert str(path) in str(info.value)
    assert _unchanged(path) == before


def test_newer_schema_is_refused(db):
    """An archive written by a newer revforensics asks for an upgrade."""
    with Archive(db) as archive:
        archive.add("s", Revision("A."), create=True)
    _sql(db, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = _unchanged(db)
    with pytest.raises(ArchiveError, match="newer") as info:
        Archive(db)
    assert "upgrade revforensics" in str(info.value)
    assert _unchanged(db) == before


def test_unknown_older_schema_is_refused(db):
    """Our application id with user_version 0 is a damaged archive, not a new one."""
    with Archive(db):
        pass
    _sql(db, "PRAGMA user_version = 0")
    with pytest.raises(ArchiveError, match="unknown schema version 0"):
        Archive(db)


def test_empty_file_and_empty_database_become_archives(tmp_path):
    """An empty file, or an SQLite file without tables, holds nothing: it is initialized."""
    empty = tmp_path / "empty.db"
    empty.touch()
    bare = tmp_path / "bare.db"
    _sql(bare, "PRAGMA page_size = 1024", "VACUUM")
    for path in (empty, bare):
        with Archive(path) as archive:
            archive.add("s", Revision("A."), create=True)
            assert archive.verify().ok


def test_directory_is_refused(tmp_path):
    """A directory is not an archive file."""
    with pytest.raises(ArchiveError, match=str(tmp_path)):
        Archive(tmp_path)


# -- targeted tampering through SQL --------------------------------------------------


@pytest.fixture
def filled(db):
    with Archive(db) as archive:
        archive.create_statement("s", title="Daily")
        for hour in range(1, 6):
            rev = Revision(
                f"Revision {hour}.",
                f"v{hour}",
                at(hour),
                source="https://mod.example",
                raw=f"<p>Revision {hour}.</p>".encode(),
                media_type="text/html",
                extractor="example 1.0",
            )
            archive.add("s", rev)
        archive.add("t", Revision("Other statement."), create=True)
        assert archive.verify().ok
    return db


def _problems(path):
    with Archive(path) as archive:
        report = archive.verify()
    assert not report.ok
    return report.problems


def _sha_of_seq(path, seq):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT capture_sha256 FROM revisions WHERE statement_id = 's' AND seq = ?", (seq,)
        ).fetchone()[0]
    finally:
        conn.close()


def test_untouched_archive_verifies(filled):
    """Control: the same archive, not edited, has no problem."""
    with Archive(filled) as archive:
        report = archive.verify()
    assert report.ok
    assert (report.statements, report.revisions, report.captures) == (2, 6, 6)
    assert report.heads["s"][0] == 5


def test_tampered_text_is_named(filled):
    """Editing a stored text names the extraction and the revision that uses it."""
    _sql(filled, "UPDATE extractions SET text = 'Revision 9.' WHERE text = 'Revision 3.'")
    problems = _problems(filled)
    assert any(
        p.table == "extractions" and (p.statement, p.seq) == ("s", 3) and "text hashes" in p.detail
        for p in problems
    )
    assert all(p.seq in (3, None) for p in problems)


def test_tampered_text_and_its_hash_are_named(filled):
    """Editing a text and its hash together still breaks the revision's link."""
    new_sha = hashlib.sha256(b"Revision 9.").hexdigest()
    _sql(
        filled,
        f"UPDATE extractions SET text = 'Revision 9.', text_sha256 = '{new_sha}'"  # noqa: S608 - a hex digest we computed
        " WHERE text = 'Revision 3.'",
    )
    problems = _problems(filled)
    assert any(p.table == "revisions" and p.seq == 3 and "link_hash" in p.detail for p in problems)


def test_tampered_raw_is_named(filled):
    """Editing raw bytes names the capture and the revision using it."""
    sha = _sha_of_seq(filled, 2)
    _sql(filled, f"UPDATE captures SET raw = X'3c703e4661' WHERE sha256 = '{sha}'")  # noqa: S608 - a hex digest from the file
    problems = _problems(filled)
    assert any(
        p.table == "captures" and p.seq == 2 and sha[:12] in p.row and "hash to" in p.detail
        for p in problems
    )


def test_tampered_captured_at_is_named(filled):
    """Moving a capture time breaks that revision's link, and only that one."""
    _sql(filled, "UPDATE revisions SET captured_at = '2024-03-01T03:30:00+00:00' WHERE seq = 4")
    problems = _problems(filled)
    assert [(p.table, p.statement, p.seq) for p in problems] == [("revisions", "s", 4)]
    assert "captured_at" in problems[0].detail


def test_tampered_label_title_and_media_type_are_named(filled):
    """Labels, titles and media types are covered by hashes too."""
    sha = _sha_of_seq(filled, 1)
    _sql(
        filled,
        "UPDATE revisions SET label = 'v2b' WHERE seq = 2 AND statement_id = 's'",
        "UPDATE statements SET title = 'Weekly' WHERE id = 's'",
        f"UPDATE captures SET media_type = 'text/plain' WHERE sha256 = '{sha}'",  # noqa: S608 - a hex digest from the file
    )
    found = {(p.table, p.seq) for p in _problems(filled)}
    assert found == {("revisions", 2), ("statements", None), ("revisions", 1)}


def test_deleted_middle_revision_is_named(filled):
    """Deleting seq 3 is reported as seq 3 missing, and the chain break at seq 4."""
    _sql(filled, "DELETE FROM revisions WHERE statement_id = 's' AND seq = 3")
    problems = _problems(filled)
    assert any(p.seq == 3 and "missing" in p.detail for p in problems)
    assert any(p.seq == 4 and "prev_link_hash" in p.detail for p in problems)
    assert any(p.table == "captures" and "no revision uses it" in p.detail for p in problems)


def test_deleted_last_revision_is_named(filled):
    """Cutting off the last revision disagrees with the statement's count and head."""
    _sql(filled, "DELETE FROM revisions WHERE statement_id = 's' AND seq = 5")
    details = [p.detail for p in _problems(filled) if p.table == "statements"]
    assert any("revision_count is 5" in d for d in details)
    assert any("head_link_hash" in d for d in details)


def test_inserted_revision_is_named(filled):
    """A row copied in with a forged seq does not fit the chain."""
    _sql(
        filled,
        "INSERT INTO revisions SELECT statement_id, 6, capture_sha256, extraction_id,"
        " captured_at, source, label, recorded_at, link_hash, link_hash, digest FROM revisions"
        " WHERE statement_id = 's' AND seq = 5",
    )
    problems = _problems(filled)
    assert any(p.seq == 6 and "link_hash" in p.detail for p in problems)


def test_altered_schema_is_reported_and_read_only(filled):
    """An added trigger is a schema problem; writes are refused until repaired."""
    _sql(filled, "CREATE TRIGGER sneaky AFTER INSERT ON revisions BEGIN SELECT 1; END")
    with Archive(filled) as archive:
        report = archive.verify()
        assert any(p.table == "schema" and "sneaky" in p.row for p in report.problems)
        assert len(archive.log("s")) == 5  # reading still works
        with pytest.raises(ArchiveError, match="schema was altered"):
            archive.add("s", Revision("More."))


def test_invalid_utf8_text_is_named(filled):
    """Bytes that are not UTF-8 written into a text column are reported, not raised."""
    _sql(
        filled,
        "UPDATE extractions SET text = CAST(X'526576697369ff6e20322e' AS TEXT)"
        " WHERE text = 'Revision 2.'",
    )
    problems = _problems(filled)
    assert any(p.table == "extractions" and p.seq == 2 for p in problems)
    with Archive(filled) as archive, pytest.raises(ArchiveError):
        archive.log("s")


# -- one byte flipped anywhere in the file -------------------------------------------


def _build_for_flips(path):
    """A small but varied archive: several statements, HTML, non-UTF-8 bytes, a capture
    larger than a page (overflow pages), a re-extraction and a shared capture."""
    rng = random.Random(4)
    with Archive(path) as archive:
        archive.create_statement("mod-daily", title="Daily summary", source="https://mod.example")
        for hour in range(1, 7):
            text = f"Revision {hour}: units held the line near Kursk. " * rng.randint(1, 8)
            archive.add(
                "mod-daily",
                Revision(
                    text,
                    f"v{hour}",
                    at(hour, tz=KYIV),
                    source="https://mod.example/daily",
                    raw=f"<html><body><p>{text}</p></body></html>".encode(),
                    media_type="text/html",
                    extractor="example 1.0",
                    # Every other one with a web archive's digest, so flips reach them too.
                    digest=f"sha1:{'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[hour::2]}"
                    if hour % 2
                    else None,
                ),
            )
        big = rng.randbytes(9000)
        archive.add("mfa", Revision("Binary capture.", raw=big, extractor="pdf 1"), create=True)
        archive.add("mfa", Revision("Привіт.", raw="Привіт.".encode("cp1251")), create=True)
        archive.add("mfa", Revision("Shared.", raw=b"<p>Shared.</p>"), create=True)
        archive.add("mod-daily", Revision("Shared.", raw=b"<p>Shared.</p>"))
        archive.reextract(archive.log("mfa")[0].sha256, "Binary capture, better.", "pdf 2")
        assert archive.verify().ok
    # Closing the last connection checkpoints the WAL into the file and deletes it.
    assert not path.with_name(path.name + "-wal").exists()


def _dump(path):
    """Everything a reader can see in the file: schema, rows and header settings."""
    conn = sqlite3.connect(path)
    try:
        pragmas = [
            conn.execute(f"PRAGMA {name}").fetchone()[0]
            for name in ("application_id", "user_version", "encoding", "page_size")
        ]
        return pragmas, list(conn.iterdump())
    finally:
        conn.close()


def _offsets(size, page_size, rng):
    """Every byte of the 100-byte file header, the first 12 and 8 random bytes of every
    page (b-tree headers and cell pointers live at the start), and 300 random offsets."""
    chosen = set(range(100))
    for start in range(0, size, page_size):
        chosen.update(range(start, min(start + 12, size)))
        chosen.update(start + rng.randrange(page_size) for _ in range(8))
    chosen.update(rng.randrange(size) for _ in range(300))
    return sorted(o for o in chosen if o < size)


def test_flipping_any_byte_is_detected_or_changes_nothing(tmp_path):
    """Flip one byte at many offsets: verify() reports it, or opening raises ArchiveError.

    The only flips allowed to pass are those that change nothing a reader can see: the
    schema, every row of every table and the header settings are exactly the same. They
    land in space no row uses (the gap between a page's cell pointers and its cells,
    freed cells, the slack at the end of the last overflow page), or in two header
    fields that hold no data: the schema cookie (bytes 40-43; SQLite just reloads the
    schema) and the SQLite version that last wrote the file (bytes 96-99). No stored
    value can hide there, so no hash of the stored values can cover them; verify()
    checks every other header field itself, because SQLite ignores several. The test
    fails on any flip that changes a value yet passes verify(), and on any exception
    other than ArchiveError. Measured on this file (schema version 2, before digests): 36% of the 748
    sampled offsets (which favour page headers) are such unused bytes; flipping every one
    of its 73,728 bytes, 61% were, 39% were detected and none passed silently.
    """
    original = tmp_path / "original.db"
    _build_for_flips(original)
    data = original.read_bytes()
    page_size = int.from_bytes(data[16:18], "big")
    baseline = _dump(original)
    rng = random.Random(20240301)
    offsets = _offsets(len(data), page_size, rng)
    copy = tmp_path / "flipped.db"
    detected = harmless = 0
    silent, header_passes = [], set()
    for offset in offsets:
        flipped = bytearray(data)
        flipped[offset] ^= rng.randrange(1, 256)
        for suffix in ("-wal", "-shm"):
            copy.with_name(copy.name + suffix).unlink(missing_ok=True)
        copy.write_bytes(flipped)
        try:
            with Archive(copy) as archive:
                report = archive.verify()
        except ArchiveError:
            detected += 1
            continue
        if not report.ok:
            detected += 1
        elif _dump(copy) == baseline:
            harmless += 1
            if offset < 100:
                header_passes.add(offset)
        else:
            silent.append(offset)
    assert silent == [], f"flips at {silent} changed the data but verify() said ok"
    assert detected + harmless == len(offsets) > 500
    assert header_passes <= {40, 41, 42, 43, 96, 97, 98, 99}
    assert harmless / len(offsets) < 0.45


def test_errors_are_revforensics_errors():
    """ArchiveError is part of the one exception tree."""
    assert issubclass(ArchiveError, RevForensicsError)
    assert not issubclass(ArchiveError, sqlite3.Error)


def test_chain_of_a_statement(archive):
    """Archive.chain gives the statement's revisions as a chain, labels made unique."""
    archive.create_statement("mod")
    for i, (text, label) in enumerate(
        [("Forces advanced.", "daily"), ("Forces held.", "daily"), ("Forces withdrew.", "")]
    ):
        archive.add("mod", Revision(text, label, at(9 + i)))
    chain = archive.chain("mod")
    assert [rev.label for rev in chain] == ["#1", "#2", "#3"]
    assert [rev.text for rev in chain] == ["Forces advanced.", "Forces held.", "Forces withdrew."]
    assert [rev.captured_at for rev in chain] == [at(9), at(10), at(11)]
    result = chain.compare()
    assert [line.introduced for line in result.blame(-1)] == [0]


def test_chain_keeps_unique_labels_and_refuses_unknown_statements(archive):
    archive.add("mod", Revision("Forces advanced.", "v1", at(9)), create=True)
    archive.add("mod", Revision("Forces held.", "v2", at(10)))
    assert [rev.label for rev in archive.chain("mod")] == ["v1", "v2"]
    with pytest.raises(InputError, match="create_statement"):
        archive.chain("nope")


def test_path_with_a_nul_byte_is_an_archive_error(tmp_path):
    """A path no file system accepts is refused with ArchiveError naming it."""
    bad = str(tmp_path / "x\0y")
    with pytest.raises(ArchiveError, match="null byte") as info:
        Archive(bad)
    assert info.value.path == bad
    assert repr(bad) in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_verify_reports_a_file_moved_after_opening(db, tmp_path):
    """verify() names a file moved away after opening as a file problem; it never raises."""
    with Archive(db) as archive:
        archive.add("s", Revision("Units held."), create=True)
    with Archive(db) as archive:
        db.rename(tmp_path / "moved.db")
        report = archive.verify()
    assert [(p.table, p.row) for p in report.problems] == [("file", "header")]
    assert "cannot be read" in report.problems[0].detail
    assert str(db) in report.problems[0].detail
    assert report.heads["s"][0] == 1  # the open connection still reads every row


def test_verify_reads_the_header_of_the_file_opened_not_the_working_directory(
    tmp_path, monkeypatch
):
    """A relative path is resolved at open: changing directory later changes nothing."""
    monkeypatch.chdir(tmp_path)
    with Archive("archive.db") as archive:
        archive.add("s", Revision("Units held."), create=True)
    with Archive("archive.db") as archive:
        other = tmp_path / "elsewhere"
        other.mkdir()
        (other / "archive.db").write_bytes(b"not a database at all, just some bytes" * 4)
        monkeypatch.chdir(other)
        assert archive.verify().ok
        assert archive.path == "archive.db"


def test_unreadable_path_is_an_archive_error(tmp_path):
    """A path the OS refuses to look at (a name too long) is an ArchiveError."""
    bad = tmp_path / ("x" * 5000)
    with pytest.raises(ArchiveError, match="x" * 20):
        Archive(bad)


def test_chain_names_never_clash_with_a_stored_label(archive):
    """A stored label that reads like a generated name (#2) keeps it; the place name moves."""
    archive.create_statement("mod")
    for i, label in enumerate(["#2", "", "v3", "#2'"]):
        archive.add("mod", Revision(f"Forces moved {i} km.", label, at(9 + i)))
    chain = archive.chain("mod")
    assert [rev.label for rev in chain] == ["#2", "#2''", "v3", "#2'"]
    assert [rev.text for rev in chain][1] == "Forces moved 1 km."


def test_chain_names_by_place_when_no_stored_label_is_in_the_way(archive):
    """Control: a shared '#1' is renamed by place, and '#1' is then free for revision 1."""
    archive.create_statement("mod")
    for i, label in enumerate(["#1", "#1", "#3"]):
        archive.add("mod", Revision(f"Forces moved {i} km.", label, at(9 + i)))
    assert [rev.label for rev in archive.chain("mod")] == ["#1", "#2", "#3"]


# -- re-extractions are chained like revisions ---------------------------------------


def _reextracted(db):
    """A statement whose first capture has its original text and two re-extractions."""
    with Archive(db) as archive:
        first = archive.add("s", html("Forces advanced."), create=True)
        archive.add("s", html("Forces retreated."))
        archive.reextract(first.sha256, "Forces advanced far.", "example 2.0")
        archive.reextract(first.sha256, "Forces advanced 5 km.", "example 3.0")
        report = archive.verify()
    assert report.ok
    return first.sha256, report.heads


def _forge_extraction(path, sha, text, *, update_capture):
    """Insert a re-extraction as a tamperer who knows every hash formula would."""
    from revforensics.archive import _extraction_row_hash, _now, _sha256_text

    conn = sqlite3.connect(path)
    try:
        count, head = conn.execute(
            "SELECT extraction_count, extraction_head FROM extraction_heads"
            " WHERE capture_sha256 = ?",
            (sha,),
        ).fetchone()
        text_sha, recorded_at = _sha256_text(text), _now()
        cursor = conn.execute(
            "INSERT INTO extractions (capture_sha256, kind, text, text_sha256, extractor,"
            " recorded_at, prev_row_hash, row_hash) VALUES (?, 're-extraction', ?, ?, 'x 1',"
            " ?, ?, '')",
            (sha, text, text_sha, recorded_at, head),
        )
        row_hash = _extraction_row_hash(
            extraction_id=cursor.lastrowid,
            capture_sha256=sha,
            kind="re-extraction",
            text_sha256=text_sha,
            extractor="x 1",
            recorded_at=recorded_at,
            prev_row_hash=head,
        )
        conn.execute(
            "UPDATE extractions SET row_hash = ? WHERE id = ?", (row_hash, cursor.lastrowid)
        )
        if update_capture:
            conn.execute(
                "UPDATE extraction_heads SET extraction_count = ?, extraction_head = ?"
                " WHERE capture_sha256 = ?",
                (count + 1, row_hash, sha),
            )
        conn.commit()
    finally:
        conn.close()


def test_inserted_reextraction_is_named(db):
    sha, _ = _reextracted(db)
    _forge_extraction(db, sha, "Forces never advanced.", update_capture=False)
    problems = _problems(db)
    assert [(p.table, p.row.split(" (")[0]) for p in problems] == [
        ("extraction_heads", f"sha256 {sha[:12]}")
    ]
    assert "extraction_count is 3 but 4 extractions were found" in problems[0].detail
    assert problems[0].statement == "s"


def test_inserted_reextraction_with_every_hash_recomputed_changes_the_kept_head(db):
    """A rewrite that recomputes every hash passes verify(), but not against a kept head."""
    sha, heads = _reextracted(db)
    _forge_extraction(db, sha, "Forces never advanced.", update_capture=True)
    with Archive(db) as archive:
        report = archive.verify()
        texts = [rev.text for rev in archive.revisions("s")]
    assert texts[0] == "Forces never advanced."
    assert report.ok
    assert report.heads["s"] == heads["s"]  # the revisions did not change
    assert report.heads[""] != heads[""]
    assert report.heads[""][0] == heads[""][0] + 1 == 5


def test_deleted_last_reextraction_is_named(db):
    _reextracted(db)
    _sql(db, "DELETE FROM extractions WHERE extractor = 'example 3.0'")
    problems = _problems(db)
    assert [p.table for p in problems] == ["extraction_heads"]
    assert "extraction_count is 3 but 2 extractions were found" in problems[0].detail


def test_deleted_middle_reextraction_is_named(db):
    _reextracted(db)
    _sql(db, "DELETE FROM extractions WHERE extractor = 'example 2.0'")
    problems = _problems(db)
    assert ("extractions", "id 4") in [(p.table, p.row.split(" (")[0]) for p in problems]
    assert any("an extraction before it was deleted" in p.detail for p in problems)


def test_deleted_reextraction_with_capture_updated_changes_the_kept_head(db):
    _, heads = _reextracted(db)
    _sql(
        db,
        "DELETE FROM extractions WHERE extractor = 'example 3.0'",
        "UPDATE extraction_heads SET extraction_count = 2, extraction_head ="
        " (SELECT row_hash FROM extractions WHERE extractor = 'example 2.0')"
        " WHERE capture_sha256 = (SELECT capture_sha256 FROM extractions"
        " WHERE extractor = 'example 2.0')",
    )
    with Archive(db) as archive:
        report = archive.verify()
    assert report.ok
    assert report.heads[""] != heads[""]


def test_extraction_heads_are_stable_and_follow_real_reextractions(db):
    """Control: reopening changes no head; a real re-extraction changes only the extraction head."""
    sha, heads = _reextracted(db)
    with Archive(db) as archive:
        assert archive.verify().heads == heads
        archive.reextract(sha, "Forces advanced 6 km.", "example 4.0")
        after = archive.verify()
    assert after.ok
    assert after.heads["s"] == heads["s"]
    assert after.heads[""] != heads[""]
    assert "" not in [s.id for s in Archive(":memory:").statements()]


def test_schema_version_1_is_refused_with_a_clear_error(db):
    with Archive(db) as archive:
        archive.add("s", Revision("A."), create=True)
    _sql(db, "PRAGMA user_version = 1")
    before = _unchanged(db)
    with pytest.raises(ArchiveError, match="schema version 1, written by a development") as info:
        Archive(db)
    assert "add its revisions to a new archive" in str(info.value)
    assert _unchanged(db) == before


def test_deleted_extraction_head_is_named(db):
    sha, _ = _reextracted(db)
    _sql(
        db,
        "DELETE FROM extraction_heads WHERE capture_sha256 ="
        " (SELECT capture_sha256 FROM extractions WHERE extractor = 'example 2.0')",
    )
    problems = _problems(db)
    assert [(p.table, p.row.split(" (")[0], p.detail) for p in problems] == [
        (
            "extraction_heads",
            f"sha256 {sha[:12]}",
            "missing: the capture's extraction head was deleted",
        )
    ]
