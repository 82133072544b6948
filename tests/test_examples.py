import runpy
import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_kursk_example_puts_the_removed_assertion_first(capsys):
    """examples/kursk.py runs and its top finding is the removed 'new offensive operations'."""
    namespace = runpy.run_path(str(EXAMPLES / "kursk.py"))
    cmp = namespace["main"]()
    top = cmp.findings[0]
    assert top.kind.value == "assertion_removed"
    assert top.old is not None
    assert "new offensive operations" in top.old.text
    assert cmp.old.text[top.old.start : top.old.end] == top.old.text
    assert cmp.cosmetic  # the thousands separators changed too, listed apart
    assert "assertion_removed" in capsys.readouterr().out


def test_every_example_runs():
    """Each script in examples/ runs to completion as a journalist would run it."""
    scripts = sorted(EXAMPLES.glob("*.py"))
    assert scripts
    for script in scripts:
        run = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, check=False
        )
        assert run.returncode == 0, run.stderr
