"""Helpers for writing explanations."""

from __future__ import annotations

import re

from revforensics.model import Span

_SPACES = re.compile(r"\s+")
_LIMIT = 90


def quote(text: str, limit: int = _LIMIT) -> str:
    """``text`` on one line in double quotes, shortened in the middle past ``limit``."""
    flat = _SPACES.sub(" ", text).strip()
    if len(flat) > limit:
        half = (limit - 1) // 2
        flat = f"{flat[:half].rstrip()} … {flat[-half:].lstrip()}"
    return f"“{flat}”"


def describe_change(old: Span, new: Span) -> str:
    """``“a” became “b”``, ``“a” was deleted`` or ``“b” was inserted``, from two spans."""
    if len(old) and len(new):
        return f"{quote(old.text)} became {quote(new.text)}"
    if len(old):
        return f"{quote(old.text)} was deleted"
    return f"{quote(new.text)} was inserted"
