"""Colour terminal report, with ``rich`` (the ``[term]`` extra) and a plain fallback.

The colour report has the same lines as :func:`~revforensics.render.text.render_text`;
colour only adds emphasis: levels, deleted words in red, inserted words in green. Without
``rich``, on a pipe or a file, or when ``NO_COLOR`` is set, it is exactly the plain report.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import sys
from typing import TextIO

from revforensics.errors import MissingExtraError
from revforensics.findings import Comparison
from revforensics.render.text import render_text

__all__ = ["color_wanted", "render_terminal"]

_LEVEL_STYLES = {
    "CRITICAL": "bold red",
    "HIGH": "bold yellow",
    "MEDIUM": "yellow",
    "LOW": "cyan",
    "INFO": "dim",
}


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _have_rich() -> bool:
    return importlib.util.find_spec("rich") is not None


def color_wanted(stream: TextIO | None = None) -> bool:
    """Whether automatic colour is on: ``rich`` installed, a terminal, no ``NO_COLOR``.

    See https://no-color.org: any non-empty ``NO_COLOR`` turns colour off.
    """
    out = stream if stream is not None else sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty()) and _have_rich()


def render_terminal(cmp: Comparison, *, color: bool | None = None) -> str:
    """The text report, in colour when asked or when the terminal wants it.

    Args:
        cmp: The comparison to report; nothing is recomputed.
        color: ``True`` forces colour (ANSI escapes), ``False`` gives the plain report,
            ``None`` decides with :func:`color_wanted` for standard output.

    Raises:
        MissingExtraError: If ``color=True`` and ``rich`` is not installed.

    Example:
        >>> from revforensics.compare import compare
        >>> from revforensics.render.text import render_text
        >>> cmp = compare("Units held.", "Units held.")
        >>> render_terminal(cmp, color=False) == render_text(cmp)
        True

    .. versionadded:: 0.1
    """
    plain = render_text(cmp)
    if color is None:
        color = color_wanted()
    if not color:
        return plain
    if not _have_rich():
        raise MissingExtraError("Colour output", extra="term")
    return _colour(plain)


def _colour(plain: str) -> str:
    from rich.console import Console  # noqa: PLC0415 - optional extra, imported lazily
    from rich.text import Text  # noqa: PLC0415

    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=True, color_system="standard", width=100_000, soft_wrap=True
    )
    for line in plain.splitlines():
        # A Text, never markup, so statement text cannot inject styles; control characters
        # (an ESC could drive the terminal) are shown by name instead of sent.
        text = Text(_CONTROL.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", line))
        stripped = line.lstrip()
        head = stripped.split(" ", 2)
        if line.startswith("verdict:"):
            text.stylize("bold", 0, len("verdict:"))
            if "meaning changed" in line:
                text.stylize("bold red", len("verdict: "))
        elif len(head) > 1 and head[0].rstrip(".").isdigit() and head[1] in _LEVEL_STYLES:
            text.stylize(_LEVEL_STYLES[head[1]])
        elif stripped.startswith("old ["):
            text.stylize("red", line.index("]:") + 2)
        elif stripped.startswith("new ["):
            text.stylize("green", line.index("]:") + 2)
        console.print(text)
    return buffer.getvalue()
