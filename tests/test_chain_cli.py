import json

import jsonschema
import pytest

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
