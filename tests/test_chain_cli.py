import io
import json
import sys
from pathlib import Path

import jsonschema
import pytest

from revforensics import cli
from revforensics.cli import main
from revforensics.render.chain_json import load_chain_schema

BODY = [
    "The General Staff reported 42 attacks near Pokrovsk during the day.",
    "Air defence units destroyed 12 drones over the Kharkiv region overnight.",
    "Rescue teams worked through the night at the damaged depot in Sumy.",
]


@pytest.fixture
def versions(tmp_path):
    texts = [
        " ".join(BODY),
        " ".join([BODY[0], BODY[1].replace("destroyed", "reportedly destroyed"), BODY[2]]),
        "404 Not Found.",
        " ".join([BODY[0], BODY[2]]),
    ]
    paths = []
    for n, body in enumerate(texts, 1):
        path = tmp_path / f"v{n}.txt"
        path.write_text(body + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def test_text_timeline_and_stories(versions, capsys):
    """The text report lists each version, marks the suspect one and tells each claim's story."""
    assert main(["chain", *versions]) == 0
    out = capsys.readouterr().out
    assert out.startswith("4 version(s), 1 suspect, 0 revert(s)")
    assert "SUSPECT capture (error_page" in out
    assert "softened" in out
    assert "“Air defence units destroyed 12 drones" in out
    assert "softened in " in out and "removed in " in out
    assert "across suspect versions" in out


def test_json_follows_the_schema(versions, capsys):
    assert main(["chain", *versions, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(load_chain_schema()).validate(data)
    assert data["versions"][2]["suspect"]["reasons"] == ["error_page"]


def test_a_file_named_twice_gets_distinct_labels(versions, capsys):
    assert main(["chain", versions[0], versions[1], versions[0]]) == 0
    out = capsys.readouterr().out
    assert "reverts to " in out and "#1" in out and "#3" in out


def test_lang_is_passed_on(versions, capsys):
    assert main(["chain", *versions[:2], "--lang", "en", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["steps"][0]["comparison"]["old"]["lang"] == "en"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["chain"], "no versions given"),
        (["chain", "missing.txt"], "no such file"),
        (["chain", "a.txt", "--git", "repo", "path"], "not both"),
    ],
)
def test_bad_arguments(argv, message, capsys):
    """Bad input gives one line on stderr and exit status 2."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("option", "argv"),
    [
        ("--warc URL", ["--warc", ""]),
        ("--warc URL", ["--warc", "  "]),
        ("--wayback URL", ["--wayback", ""]),
        ("--cache DIR", ["--wayback", "https://example.org/", "--cache", ""]),
    ],
)
def test_an_empty_source_option_is_named_not_taken_as_absent(
    versions, option, argv, capsys, monkeypatch
):
    """`chain --warc "" crawl.warc` read the WARC file as a text version and exited 0 (an
    empty value was taken for no option); now it is an error naming the option."""
    from revforensics.chain import RevisionChain

    def offline(*_args, **_kwargs):
        pytest.fail("the Wayback Machine must not be asked")

    monkeypatch.setattr(RevisionChain, "from_wayback", offline)
    files = [versions[0]] if "--cache" not in argv else []
    assert main(["chain", *argv, *files]) == 2
    err = capsys.readouterr().err
    assert f"{option} is empty" in err and err.count("\n") == 1


def test_help_ends_with_an_example(capsys):
    assert main(["chain", "--help"]) == 0
    assert "revforensics chain v1.txt v2.txt" in capsys.readouterr().out


def test_git(tmp_path, capsys):
    """chain --git reads a file's history from a repository built in the test."""
    pytest.importorskip("revforensics.ingest.git")
    import subprocess

    repo = tmp_path / "repo"
    repo.mkdir()

    def git(*args):
        subprocess.run(
            ["git", "-C", str(repo), *args],  # noqa: S607 - git from PATH, as a user runs it
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    git("config", "user.email", "t@example.invalid")
    git("config", "user.name", "t")
    for body in (BODY[0], " ".join(BODY[:2])):
        (repo / "s.md").write_text(body + "\n", encoding="utf-8")
        git("add", "s.md")
        git("commit", "-q", "-m", "update")
    assert main(["chain", "--git", str(repo), "s.md"]) == 0
    assert "2 version(s)" in capsys.readouterr().out
    # The followed file is an input too: a report never replaces it in the working tree.
    followed = (repo / "s.md").read_text(encoding="utf-8")
    assert main(["chain", "--git", str(repo), "s.md", "-o", str(repo / "s.md")]) == 2
    assert "is the input" in capsys.readouterr().err
    assert (repo / "s.md").read_text(encoding="utf-8") == followed


# --------------------------------------------------------------------------- report formats


@pytest.mark.parametrize(
    ("fmt", "start"),
    [
        ("text", "4 version(s)"),
        ("markdown", "# Chain: v1.txt → v4.txt (4 versions)"),
        ("html", "<!DOCTYPE html>"),
        ("json", "{"),
    ],
)
def test_each_format(versions, capsys, fmt, start):
    """Every chain report format goes to standard output."""
    assert main(["chain", *versions, "--format", fmt]) == 0
    assert capsys.readouterr().out.startswith(start)


def test_output_file_matches_stdout(versions, tmp_path, capsys):
    """--output writes what standard output would have shown, and nothing to stdout."""
    assert main(["chain", *versions, "--format", "html"]) == 0
    shown = capsys.readouterr().out
    target = tmp_path / "chain.html"
    assert main(["chain", *versions, "--format", "html", "--output", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == shown


def test_output_refuses_to_overwrite_a_version(versions, capsys):
    """--output naming one of the versions is refused, and the version is untouched."""
    before = Path(versions[1]).read_text(encoding="utf-8")
    assert main(["chain", *versions, "-o", versions[1]]) == 2
    assert "is the input" in capsys.readouterr().err
    assert Path(versions[1]).read_text(encoding="utf-8") == before


# --------------------------------------------------------------------------- --fail-on


@pytest.mark.parametrize(
    ("fail_on", "scope", "status"),
    [
        # v1 -> v2 softens the drones claim; v2 -> v4 (across the 404) removes it.
        ("softened", "steps", 1),
        ("softened", "last", 0),  # the last step removes, it does not soften
        ("softened", "net", 0),  # v1 against v4: the claim is gone, not softened
        ("assertion_removed", "last", 1),
        ("assertion_removed", "net", 1),
        ("critical", "steps", 1),
        ("number_changed", "steps", 0),  # near miss: no figure changes anywhere
        ("changed", "steps", 1),
    ],
)
def test_fail_on_scopes(versions, capsys, fail_on, scope, status):
    """--fail-on matches the steps --fail-scope names; the report is written in full."""
    argv = ["chain", *versions, "--fail-on", fail_on, "--fail-scope", scope]
    assert main(argv) == status
    captured = capsys.readouterr()
    assert captured.out.startswith("4 version(s)")
    if status:
        assert captured.err.startswith(f"revforensics: --fail-on {fail_on} matched: ")
        assert captured.err.count("\n") == 1
    else:
        assert captured.err == ""


def test_fail_on_names_the_step(versions, capsys):
    """The stderr line says which step matched, by the versions' labels."""
    assert main(["chain", *versions, "--fail-on", "softened"]) == 1
    err = capsys.readouterr().err
    assert "1 finding (softened) in v1.txt → v2.txt" in err


def test_fail_on_ignores_held_steps(tmp_path, capsys):
    """A step into an unconfirmed suspect capture is held: its removals do not alert.

    Near miss: the same removal in a sound version does alert.
    """
    first = tmp_path / "a.txt"
    first.write_text(" ".join(BODY) + "\n", encoding="utf-8")
    broken = tmp_path / "b.txt"
    broken.write_text("404 Not Found.\n", encoding="utf-8")
    cut = tmp_path / "c.txt"
    cut.write_text(BODY[0] + "\n", encoding="utf-8")
    assert main(["chain", str(first), str(broken), "--fail-on", "assertion_removed"]) == 0
    assert main(["chain", str(first), str(cut), "--fail-on", "assertion_removed"]) == 1
    capsys.readouterr()


def test_fail_on_bad_value_is_a_usage_error(versions, capsys):
    assert main(["chain", *versions, "--fail-on", "nonsense"]) == 2
    assert "unknown --fail-on value nonsense" in capsys.readouterr().err


# --------------------------------------------------------------------------- progress


class _Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def many(tmp_path):
    """Seven versions, each a small edit of the one before."""
    paths = []
    for n in range(7):
        path = tmp_path / f"m{n}.txt"
        path.write_text(f"{BODY[0]} The count stood at {n + 10} units.\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def test_plain_progress_on_a_terminal(many, monkeypatch, capsys):
    """Without rich, a terminal gets a \\r counter up to the total, then a cleared line."""
    monkeypatch.setattr(cli, "_rich_installed", lambda: False)
    err = _Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["chain", *many, "--format", "json"]) == 0
    json.loads(capsys.readouterr().out)  # standard output holds the JSON only
    shown = err.getvalue()
    # 6 neighbour steps and the net comparison of v1 with v7.
    assert [f"comparing versions: {n}/7" for n in range(1, 8)] == [
        part for part in shown.split("\r") if part.strip()
    ]
    assert shown.endswith("\r" + " " * len("comparing versions: 7/7") + "\r")


def test_rich_progress_on_a_terminal(many, monkeypatch, capsys):
    """With rich, the terminal gets its bar; standard output still holds only the report."""
    pytest.importorskip("rich")
    err = _Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["chain", *many]) == 0
    assert capsys.readouterr().out.startswith("7 version(s)")
    assert "comparing versions" in err.getvalue()


@pytest.mark.parametrize("rich", [True, False])
def test_no_progress_off_a_terminal_or_on_short_chains(many, versions, monkeypatch, capsys, rich):
    """A pipe never gets progress; nor does a terminal for a chain of a few versions."""
    monkeypatch.setattr(cli, "_rich_installed", lambda: rich)
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    assert main(["chain", *many]) == 0
    assert pipe.getvalue() == ""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert len(versions) <= cli.PROGRESS_MIN_VERSIONS
    assert main(["chain", *versions]) == 0
    assert terminal.getvalue() == ""
    capsys.readouterr()


def test_fail_scope_last_alerts_when_the_newest_version_confirms_a_loss(tmp_path, capsys):
    """A daily job on --fail-scope last alerts on the run whose new capture confirms a loss."""
    kept = (
        "The ministry confirmed that units advanced toward the northern bridge on Monday. "
        "Officials said the operation had been planned for several weeks in advance."
    )
    cut = (
        " The general staff reported that three villages were taken during the night."
        " Civilian evacuations continued in the southern districts under police escort."
        " The ministry added that supply lines remained secure despite heavy shelling."
        " Further updates on the situation along the whole front line will follow tomorrow"
        " morning after the regular briefing of the general staff in the capital."
    )
    paths = []
    for name, text in (("v1.txt", kept + cut), ("v2.txt", kept), ("v3.txt", kept)):
        path = tmp_path / name
        path.write_text(text + "\n", encoding="utf-8")
        paths.append(str(path))
    argv = ["--fail-on", "assertion_removed", "--fail-scope", "last"]
    # v2 alone is a suspect mass loss: held, no alert yet.
    assert main(["chain", *paths[:2], *argv]) == 0
    capsys.readouterr()
    # v3 keeps the text gone: the loss is confirmed, and this run alerts.
    assert main(["chain", *paths, *argv]) == 1
    assert "v1.txt → v2.txt" in capsys.readouterr().err
