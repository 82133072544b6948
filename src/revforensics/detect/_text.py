"""Helpers for writing explanations."""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")
_LIMIT = 90


def quote(text: str, limit: int = _LIMIT) -> str:
    """``text`` on one line in double quotes, shortened in the middle past ``limit``."""
    flat = _SPACES.sub(" ", text).strip()
    if len(flat) > limit:
        half = (limit - 1) // 2
        flat = f"{flat[:half].rstrip()} … {flat[-half:].lstrip()}"
    return f"“{flat}”"
