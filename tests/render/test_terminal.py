"""The colour terminal report: same lines as the text report, colour only when wanted."""

from __future__ import annotations

import io
import re

import pytest

import revforensics as rf
from report_pairs import kursk, moved
from revforensics.cli import main
from revforensics.errors import MissingExtraError, RevForensicsError
from revforensics.render import terminal
from revforensics.render.terminal import color_wanted, render_terminal
from revforensics.render.text import render_text

pytest.importorskip("rich", reason="rich (the [term] extra, a test dependency) is not installed")

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_plain_is_the_text_report():
    """color=False gives exactly the plain text report."""
    cmp = moved()
    assert render_terminal(cmp, color=False) == render_text(cmp)


def test_colour_adds_only_escapes():
    """color=True adds ANSI colour; without it the lines are the text report's."""
    cmp = kursk()
    coloured = render_terminal(cmp, color=True)
    assert "\x1b[" in coloured
    assert ANSI.sub("", coloured) == render_text(cmp)


def test_control_characters_do_not_reach_the_terminal():
    """An escape sequence inside a statement is named, not sent to the terminal."""
    cmp = rf.compare(
        rf.Revision("Units held the line.", label="v1\x1b]0;owned\x07"), "Units held the bridge."
    )
    coloured = render_terminal(cmp, color=True)
    assert "\x07" not in coloured
    assert "\x1b]" not in coloured
    assert "⟨U+001B⟩" in coloured


def test_auto_colour(monkeypatch):
    """Colour is automatic on a terminal, off on a pipe, and off when NO_COLOR is set."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert color_wanted(_Tty())
    assert not color_wanted(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not color_wanted(_Tty())
    monkeypatch.setenv("NO_COLOR", "")  # an empty NO_COLOR does not count (no-color.org)
    assert color_wanted(_Tty())


def test_missing_rich(monkeypatch):
    """Without rich, forced colour names the extra to install; automatic colour falls back."""
    monkeypatch.setattr(terminal, "_have_rich", lambda: False)
    cmp = moved()
    with pytest.raises(MissingExtraError, match=r'pip install "revforensics\[term\]"') as info:
        render_terminal(cmp, color=True)
    assert isinstance(info.value, ImportError) and isinstance(info.value, RevForensicsError)
    assert info.value.extra == "term"
    assert not color_wanted(_Tty())
    assert render_terminal(cmp) == render_text(cmp)


@pytest.mark.parametrize(
    ("choice", "escapes"), [("always", True), ("never", False), ("auto", False)]
)
def test_cli_color_option(tmp_path, capsys, choice, escapes):
    """--color always/never/auto; auto is off here because pytest's stdout is not a terminal."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("Units launched new operations near Kursk, and held the line.", encoding="utf-8")
    new.write_text("Units held the line.", encoding="utf-8")
    assert main(["compare", str(old), str(new), "--color", choice]) == 0
    assert ("\x1b[" in capsys.readouterr().out) is escapes


def test_cli_forced_colour_without_rich(tmp_path, capsys, monkeypatch):
    """--color always without rich is a one-line error naming the extra (status 2)."""
    monkeypatch.setattr(terminal, "_have_rich", lambda: False)
    text = tmp_path / "a.txt"
    text.write_text("Units held.", encoding="utf-8")
    assert main(["compare", str(text), str(text), "--color", "always"]) == 2
    assert 'pip install "revforensics[term]"' in capsys.readouterr().err
