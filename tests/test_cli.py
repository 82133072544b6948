import io
import json
import subprocess
import sys

import pytest

from revforensics.cli import main

OLD = "Units launched new offensive operations near Kursk, and held the line. The day was quiet.\n"
NEW = "Units held the line. The day was quiet.\n"


@pytest.fixture
def files(tmp_path):
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def test_text_report(files, capsys):
    """The text report shows the verdict and the ranked finding with offsets."""
    assert main(["compare", str(files[0]), str(files[1])]) == 0
    out = capsys.readouterr().out
    assert "verdict: meaning changed" in out
    assert "assertion_removed" in out
    assert "old [" in out


def test_json_report(files, capsys):
    """--format json prints a revforensics.diff/1 document."""
    assert main(["compare", str(files[0]), str(files[1]), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "revforensics.diff/1"
    assert data["verdict"] == "meaning_changed"


def test_stdin(files, capsys, monkeypatch):
    """'-' reads one side from standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(OLD.encode())))
    assert main(["compare", "-", str(files[1]), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["old"]["label"] == "-"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "is empty"),
        (b"\x00\x01binary\x00", "binary"),
        ("Привіт".encode("cp1251"), "not UTF-8"),
    ],
)
def test_bad_files(tmp_path, files, capsys, content, message):
    """Bad input files give one line on stderr, exit 2, and no traceback."""
    bad = tmp_path / "bad.txt"
    if content is not None:
        bad.write_bytes(content)
    assert main(["compare", str(bad), str(files[1])]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_both_stdin(capsys):
    """Only one side can come from standard input."""
    assert main(["compare", "-", "-"]) == 2
    assert "only one" in capsys.readouterr().err


def test_usage_error(capsys):
    """A usage error exits 2 with argparse's message."""
    assert main(["compare", "only-one"]) == 2
    assert "usage:" in capsys.readouterr().err


def test_help_ends_with_an_example(capsys):
    """Each --help ends with an example."""
    assert main(["compare", "--help"]) == 0
    assert capsys.readouterr().out.rstrip().splitlines()[-1].startswith("example:")


def test_console_script(files):
    """python -m revforensics runs the same command in a fresh process, with no traceback."""
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "revforensics",
            "compare",
            str(files[0]),
            str(files[0].with_name("missing")),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr.startswith("revforensics: error:")
    assert "Traceback" not in run.stderr


def test_watch_option(files, capsys):
    """--watch raises the weight of findings that touch the term and names it."""
    assert main(["compare", str(files[0]), str(files[1]), "--watch", "Kursk"]) == 0
    assert "Watched: 'Kursk'" in capsys.readouterr().out
