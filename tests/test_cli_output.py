"""The CLI's report formats, --output files and --fail-on exit status."""

import json
import os
import stat
from pathlib import Path

import pytest

from revforensics.cli import main

OLD = "Units launched new offensive operations near Kursk, and held the line. The day was quiet.\n"
NEW = "Units held the line. The day was quiet.\n"
COSMETIC = "Units  held the line.  The day was quiet.\n"  # NEW with doubled spaces


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, text in (("old", OLD), ("new", NEW), ("cosmetic", COSMETIC)):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def _compare(files, *extra, new="new"):
    old = "new" if new == "cosmetic" else "old"
    return main(["compare", str(files[old]), str(files[new]), *extra])


@pytest.mark.parametrize(
    ("fmt", "start"),
    [
        ("text", "old: "),
        ("markdown", "# What changed: "),
        ("html", "<!DOCTYPE html>"),
        ("json", "{"),
    ],
)
def test_each_format_to_stdout(files, capsys, fmt, start):
    """--format picks the renderer; every format ends with a newline."""
    assert _compare(files, "--format", fmt) == 0
    out = capsys.readouterr().out
    assert out.startswith(start)
    assert out.endswith("\n")
    assert "assertion" in out


def test_output_file_matches_stdout(files, capsys, tmp_path):
    """--output writes exactly what standard output would have shown, and nothing to stdout."""
    assert _compare(files, "--format", "html") == 0
    shown = capsys.readouterr().out
    report = tmp_path / "report.html"
    assert _compare(files, "--format", "html", "--output", str(report)) == 0
    assert capsys.readouterr().out == ""
    assert report.read_text(encoding="utf-8") == shown


def test_output_replaces_a_file_and_leaves_no_temporary(files, tmp_path):
    """An existing report is replaced whole, keeps its mode, and no temporary file remains."""
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    report.write_text("old report", encoding="utf-8")
    report.chmod(0o640)
    assert _compare(files, "--format", "json", "-o", str(report)) == 0
    assert json.loads(report.read_text(encoding="utf-8"))["verdict"] == "meaning_changed"
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert [p.name for p in report.parent.iterdir()] == ["report.json"]


def test_new_output_file_follows_the_umask(files, tmp_path):
    """A new report is readable as any new file would be, not private like a temp file."""
    report = tmp_path / "report.md"
    old_mask = os.umask(0o022)
    try:
        assert _compare(files, "--format", "markdown", "-o", str(report)) == 0
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(report.stat().st_mode) == 0o644


def test_failed_write_keeps_the_old_file(files, tmp_path, monkeypatch, capsys):
    """If the final rename fails, the previous report is untouched and the temp file removed."""
    report = tmp_path / "report.txt"
    report.write_text("previous", encoding="utf-8")

    def refuse(_self, _target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", refuse)
    assert _compare(files, "-o", str(report)) == 2
    assert "cannot write it (Permission denied)" in capsys.readouterr().err
    assert report.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cosmetic.txt",
        "new.txt",
        "old.txt",
        "report.txt",
    ]


@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink"])
def test_refuses_to_overwrite_an_input(files, tmp_path, capsys, monkeypatch, spelling):
    """--output naming an input, however spelled, is an error and the input is untouched."""
    monkeypatch.chdir(tmp_path)
    target = {
        "same": str(files["new"]),
        "dotted": "./sub/../new.txt",
        "symlink": "link.txt",
    }[spelling]
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.txt").symlink_to(files["new"])
    assert _compare(files, "-o", target) == 2
    err = capsys.readouterr().err
    assert "is the input" in err and err.count("\n") == 1
    assert files["new"].read_text(encoding="utf-8") == NEW


@pytest.mark.parametrize(
    ("target", "message"),
    [("missing-dir/report.txt", "cannot write it"), (".", "is a directory")],
)
def test_unwritable_output(files, capsys, monkeypatch, target, message):
    """An output in a missing folder, or a folder, is a one-line error with status 2."""
    monkeypatch.chdir(files["old"].parent)
    assert _compare(files, "-o", target) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("fail_on", "new", "status"),
    [
        ("assertion_removed", "new", 1),
        ("number_changed", "new", 0),  # near miss: another kind
        ("number_changed,assertion_removed", "new", 1),
        ("critical", "new", 1),
        ("info", "new", 1),  # a level matches findings at that level or above
        ("any", "new", 1),
        ("any", "cosmetic", 0),  # cosmetic edits are not findings...
        ("changed", "cosmetic", 1),  # ...but they are changes
        ("critical", "cosmetic", 0),
        ("CRITICAL, Assertion_Removed", "new", 1),
    ],
)
def test_fail_on(files, capsys, fail_on, new, status):
    """--fail-on sets exit status 1 when a listed kind or level is found; the report is whole."""
    assert _compare(files, "--fail-on", fail_on, new=new) == status
    captured = capsys.readouterr()
    assert captured.out.startswith("old: ")
    if status:
        assert captured.err.startswith("revforensics: --fail-on ")
        assert " matched: " in captured.err
    else:
        assert captured.err == ""


def test_fail_on_repeated_and_with_output(files, tmp_path, capsys):
    """--fail-on can repeat; with --output the file is written and the status still 1."""
    report = tmp_path / "report.html"
    args = ["--fail-on", "number_changed", "--fail-on", "assertion_removed", "-o", str(report)]
    assert _compare(files, "--format", "html", *args) == 1
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "assertion_removed" in capsys.readouterr().err


@pytest.mark.parametrize("value", ["removed", "", "critical,,high", "severe"])
def test_fail_on_unknown_value(files, capsys, value):
    """An unknown --fail-on value is a usage error (status 2) naming the valid values."""
    assert _compare(files, "--fail-on", value) == 2
    err = capsys.readouterr().err
    assert "unknown --fail-on value" in err
    assert "assertion_removed" in err


def test_error_wins_over_fail_on(files, tmp_path, capsys):
    """A read error is status 2 even when --fail-on is given."""
    missing = tmp_path / "missing.txt"
    assert main(["compare", str(missing), str(files["new"]), "--fail-on", "any"]) == 2
    assert "no such file" in capsys.readouterr().err
