import html
import json
import re
import sqlite3

import pytest

from revforensics.cli import main


@pytest.fixture
def files(tmp_path):
    v1, v2 = tmp_path / "v1.txt", tmp_path / "v2.txt"
    v1.write_text("Units launched new operations near Kursk.\n", encoding="utf-8")
    v2.write_text("Units held the line.\n", encoding="utf-8")
    return v1, v2


@pytest.fixture
def db(tmp_path, files, capsys):
    path = tmp_path / "news.db"
    v1, v2 = files
    assert (
        main(
            [
                "archive",
                "add",
                str(path),
                "mod",
                str(v1),
                "--create",
                "--label",
                "v1",
                "--captured-at",
                "2024-03-01T09:12:00+02:00",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "archive",
                "add",
                str(path),
                "mod",
                str(v2),
                "--label",
                "v2",
                "--captured-at",
                "2024-03-01T11:40:00+02:00",
            ]
        )
        == 0
    )
    capsys.readouterr()
    return path


def test_add_prints_seq_and_hashes(tmp_path, files, capsys):
    """archive add reports the new revision's seq, capture hash and link hash."""
    path = tmp_path / "a.db"
    assert main(["archive", "add", str(path), "s", str(files[0]), "--create"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("added revision 1 of 's'")
    assert "sha256 " in out
    assert "link " in out


def test_add_json_and_duplicate(db, files, capsys):
    """Adding the last capture again is a duplicate: exit 0, nothing added."""
    assert main(["archive", "add", str(db), "mod", str(files[1]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["seq"], data["duplicate"], data["label"]) == (2, True, "v2")
    assert data["source"].endswith("v2.txt")


def test_add_without_create_names_the_flag(tmp_path, files, capsys):
    """Adding to an unknown statement fails with exit 2 and names --create."""
    assert main(["archive", "add", str(tmp_path / "a.db"), "s", str(files[0])]) == 2
    err = capsys.readouterr().err
    assert "--create" in err
    assert err.count("\n") == 1
    assert not (tmp_path / "a.db").exists()  # a failed add leaves no empty archive behind


def test_add_to_an_unknown_statement_of_an_existing_archive(db, files, capsys):
    """Without --create, a statement the archive does not hold is an error naming the flag."""
    assert main(["archive", "add", str(db), "other", str(files[0])]) == 2
    assert "--create" in capsys.readouterr().err


def test_blame_names_where_each_sentence_came_from(db, tmp_path, capsys):
    """archive blame shows the version that introduced each sentence and those that changed it."""
    v3 = tmp_path / "v3.txt"
    v3.write_text("Units held the line. Reinforcements arrived.\n", encoding="utf-8")
    argv = ["archive", "add", str(db), "mod", str(v3), "--label", "v3"]
    assert main([*argv, "--captured-at", "2024-03-02T09:00:00+02:00"]) == 0
    capsys.readouterr()
    assert main(["archive", "blame", str(db), "mod"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "blame of v3 (2 sentence(s))"
    assert lines[1].split()[0] == "v2"
    assert lines[1].endswith("Units held the line.")
    assert lines[2].split()[0] == "v3"
    assert main(["archive", "blame", str(db), "mod", "--version", "v1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == "v1"
    assert [(s["text"], s["introduced"], s["changed"]) for s in data["sentences"]] == [
        ("Units launched new operations near Kursk.", "v1", [])
    ]
    assert main(["archive", "blame", str(db), "mod", "--version", "0"]) == 0
    assert capsys.readouterr().out.startswith("blame of v1 ")


def test_blame_errors(db, tmp_path, capsys):
    """An unknown statement or version, or a missing archive, is one error line, exit 2."""
    for argv in (
        ["blame", str(db), "nope"],
        ["blame", str(db), "mod", "--version", "v9"],
        ["blame", str(tmp_path / "typo.db"), "mod"],
    ):
        assert main(["archive", *argv]) == 2
        assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [("yesterday", "not an ISO 8601 time"), ("2024-03-01T09:00:00", "no UTC offset")],
)
def test_add_bad_captured_at(db, files, capsys, value, message):
    """A --captured-at that is not an aware ISO time is refused."""
    assert main(["archive", "add", str(db), "mod", str(files[0]), "--captured-at", value]) == 2
    assert message in capsys.readouterr().err


def test_add_out_of_order(db, files, capsys):
    """An earlier capture time than the last one is refused with exit 2."""
    argv = [
        "archive",
        "add",
        str(db),
        "mod",
        str(files[0]),
        "--captured-at",
        "2024-03-01T08:00:00Z",
    ]
    assert main(argv) == 2
    assert "earlier than revision 2" in capsys.readouterr().err


def test_log_text_and_json(db, capsys):
    """archive log lists revisions in order, in text and JSON."""
    assert main(["archive", "log", str(db), "mod"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("statement 'mod': 2 revision(s)")
    assert "2024-03-01T09:12:00+02:00 v1" in lines[1]
    assert main(["archive", "log", str(db), "mod", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["seq"] for r in data["revisions"]] == [1, 2]
    assert data["statement"]["head_link_hash"] == data["revisions"][1]["link_hash"]
    assert data["revisions"][1]["prev_link_hash"] == data["revisions"][0]["link_hash"]


def test_show_by_prefix(db, capsys):
    """archive show accepts a prefix of the SHA-256 and prints the text."""
    main(["archive", "log", str(db), "mod", "--format", "json"])
    sha = json.loads(capsys.readouterr().out)["revisions"][0]["sha256"]
    assert main(["archive", "show", str(db), sha[:10]]) == 0
    out = capsys.readouterr().out
    assert sha in out
    assert "Units launched new operations near Kursk." in out
    assert main(["archive", "show", str(db), sha, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["revisions"] == [
        {
            "statement": "mod",
            "seq": 1,
            "link_hash": data["revisions"][0]["link_hash"],
            "digest": None,
        }
    ]


def test_verify_exit_status(db, capsys):
    """archive verify exits 0 when clean and 1, listing the row, when tampered."""
    assert main(["archive", "verify", str(db)]) == 0
    assert capsys.readouterr().out.startswith("ok: 1 statements, 2 revisions")
    conn = sqlite3.connect(db)
    conn.execute("UPDATE revisions SET captured_at = '2024-03-01T10:00:00+02:00' WHERE seq = 2")
    conn.commit()
    conn.close()
    assert main(["archive", "verify", str(db)]) == 1
    out = capsys.readouterr().out
    assert "statement 'mod' seq 2" in out
    assert main(["archive", "verify", str(db), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert [(p["statement"], p["seq"]) for p in data["problems"]] == [("mod", 2)]


def test_reading_commands_do_not_create_files(tmp_path, capsys):
    """log, show and verify on a missing DB fail with exit 2 and create nothing."""
    missing = tmp_path / "typo.db"
    for argv in (
        ["log", str(missing), "s"],
        ["show", str(missing), "abcdef"],
        ["verify", str(missing)],
    ):
        assert main(["archive", *argv]) == 2
        assert "no such archive" in capsys.readouterr().err
    assert not missing.exists()


def test_foreign_file_exit_2(tmp_path, capsys):
    """A file that is not an archive gives one error line and exit 2."""
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n" * 100)
    assert main(["archive", "verify", str(path)]) == 2
    err = capsys.readouterr().err
    assert "is not an SQLite database" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("action", ["add", "log", "show", "verify", "blame"])
def test_help_ends_with_an_example(action, capsys):
    """Each archive --help ends with an example."""
    assert main(["archive", action, "--help"]) == 0
    assert (
        capsys.readouterr()
        .out.rstrip()
        .splitlines()[-1]
        .startswith("example: revforensics archive")
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "{db}", "mod"],
        ["log", "{db}", "mod", "--format", "json"],
        ["verify", "{db}"],
        ["blame", "{db}", "mod"],
        ["blame", "{db}", "mod", "--format", "markdown"],
    ],
)
def test_output_file_matches_stdout(db, tmp_path, capsys, argv):
    """--output writes exactly what standard output shows, for the reading commands."""
    argv = ["archive", *(a.format(db=db) for a in argv)]
    assert main(argv) == 0
    shown = capsys.readouterr().out
    target = tmp_path / "out.txt"
    assert main([*argv, "--output", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == shown


def test_show_and_add_write_to_output(db, files, tmp_path, capsys):
    """show and add accept --output too; add writes its receipt there."""
    receipt = tmp_path / "receipt.json"
    v1, _ = files
    third = tmp_path / "v3.txt"
    third.write_text(v1.read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["archive", "add", str(db), "mod", str(third), "--format", "json", "-o", str(receipt)]
    assert main(argv) == 0
    stored = json.loads(receipt.read_text(encoding="utf-8"))
    assert stored["seq"] == 3
    shown = tmp_path / "show.txt"
    assert main(["archive", "show", str(db), stored["sha256"][:12], "-o", str(shown)]) == 0
    assert shown.read_text(encoding="utf-8").startswith(f"capture {stored['sha256']}")
    assert capsys.readouterr().out == ""


def test_output_never_overwrites_the_archive(db, capsys):
    """--output naming the archive itself is refused; the archive still verifies."""
    before = db.read_bytes()
    assert main(["archive", "log", str(db), "mod", "--output", str(db)]) == 2
    assert "is the input" in capsys.readouterr().err
    assert db.read_bytes() == before
    assert main(["archive", "verify", str(db)]) == 0


def test_blame_markdown_is_a_table_with_escaped_text(tmp_path, capsys):
    """Blame as Markdown: one table row per sentence, statement text escaped."""
    path = tmp_path / "m.db"
    v1, v2 = tmp_path / "a.txt", tmp_path / "b.txt"
    v1.write_text("Units held the line. See [link](javascript:x) <b>now</b>.\n", encoding="utf-8")
    v2.write_text(
        "Units probably held the line. See [link](javascript:x) <b>now</b>.\n", encoding="utf-8"
    )
    for n, f in enumerate((v1, v2), 1):
        assert (
            main(["archive", "add", str(path), "mod", str(f), "--create", "--label", f"v{n}"]) == 0
        )
    capsys.readouterr()
    assert main(["archive", "blame", str(path), "mod", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Blame of v2\n")
    assert "| 1 | L1 | v1 | v2 | Units probably held the line. |" in out
    assert "\\[link\\](javascript\\:x) \\<b\\>now\\</b\\>" in out
    assert not re.search(r"(?<!\\)\]\(", out)  # no unescaped "](" can open a link


def _sha(db, capsys, seq=1):
    main(["archive", "log", str(db), "mod", "--format", "json"])
    return json.loads(capsys.readouterr().out)["revisions"][seq - 1]["sha256"]


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("action", ["add", "log", "show", "verify"])
def test_every_action_writes_markdown_and_html(db, tmp_path, capsys, action, fmt):
    """add, log, show and verify take --format markdown and html, to stdout or --output."""
    argv = {
        "log": ["log", str(db), "mod"],
        "show": ["show", str(db), _sha(db, capsys)[:12]],
        "verify": ["verify", str(db)],
        "add": ["add", str(db), "mod", str(tmp_path / "v3.txt"), "--label", "v3"],
    }[action]
    (tmp_path / "v3.txt").write_text("Units held the line again.\n", encoding="utf-8")
    target = tmp_path / f"out.{fmt}"
    assert main(["archive", *argv, "--format", fmt, "--output", str(target)]) == 0
    assert capsys.readouterr().out == ""
    written = target.read_text(encoding="utf-8")
    if fmt == "html":
        assert written.startswith("<!DOCTYPE html>")
        assert "Content-Security-Policy" in written
        assert "<script" not in written
    else:
        assert written.startswith("# ")
    if action == "add":  # run again: the same capture is now a duplicate, shown on stdout
        assert main(["archive", *argv, "--format", fmt]) == 0
        assert "Duplicate: already stored as revision 3" in capsys.readouterr().out
    else:  # reading commands: --output holds exactly what stdout shows
        assert main(["archive", *argv, "--format", fmt]) == 0
        assert capsys.readouterr().out == written


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_verify_with_problems_exits_1_in_every_format(db, tmp_path, capsys, fmt):
    """verify exits 1 in Markdown and HTML too, with the tampered row in a table."""
    assert main(["archive", "verify", str(db), "--format", fmt]) == 0
    assert "Archive check: ok" in capsys.readouterr().out
    conn = sqlite3.connect(db)
    conn.execute("UPDATE revisions SET label = 'v2 | edited' WHERE seq = 2")
    conn.commit()
    conn.close()
    assert main(["archive", "verify", str(db), "--format", fmt]) == 1
    out = capsys.readouterr().out
    assert "Archive check: 1 problem(s)" in out
    row = "statement 'mod' seq 2"
    assert (f"| revisions | {row} |" if fmt == "markdown" else f"<bdi>{html.escape(row)}") in out
    target = tmp_path / f"check.{fmt}"
    assert main(["archive", "verify", str(db), "--format", fmt, "-o", str(target)]) == 1
    assert target.read_text(encoding="utf-8") == out


def test_show_markdown_keeps_a_hostile_text_in_its_fence(tmp_path, capsys):
    """A text with backtick runs and a fence line stays inside show's Markdown fence."""
    path, text = tmp_path / "h.db", "Said: ```` and\n```\n<script>alert(1)</script> | x\n"
    source = tmp_path / "h.txt"
    source.write_text(text, encoding="utf-8")
    assert main(["archive", "add", str(path), "h", str(source), "--create"]) == 0
    capsys.readouterr()
    main(["archive", "log", str(path), "h", "--format", "json"])
    sha = json.loads(capsys.readouterr().out)["revisions"][0]["sha256"]
    assert main(["archive", "show", str(path), sha, "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.endswith(f"`````text\n{text}`````\n")


def test_archive_formats_are_checked(capsys):
    """An unknown --format is a usage error (status 2) naming the choices."""
    assert main(["archive", "log", "x.db", "mod", "--format", "pdf"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'pdf'" in err
    assert "'markdown', 'html', 'json'" in err


def test_add_refuses_an_output_over_its_inputs_before_storing(db, files, capsys):
    """-o naming the archive or the file read is refused before anything is stored."""
    for target in (db, files[0]):
        assert main(["archive", "add", str(db), "mod", str(files[0]), "-o", str(target)]) == 2
        assert "is the input" in capsys.readouterr().err
    assert main(["archive", "log", str(db), "mod", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["revisions"]) == 2  # nothing was added


def test_verify_json_keeps_the_extraction_head_apart(db, capsys):
    """The extractions' count and digest are their own key, not a statement's head."""
    assert main(["archive", "verify", str(db), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["heads"]) == {"mod"}
    assert data["extraction_head"]["count"] == 2
    assert len(data["extraction_head"]["digest"]) == 64
