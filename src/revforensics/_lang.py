"""Dependency-free language guess for English, Ukrainian and Russian text."""

from __future__ import annotations

import re

from revforensics.errors import InputError

__all__ = ["check_language", "detect_language"]

_LANG_CODE = re.compile(r"[a-z]{2,3}")


def check_language(lang: object) -> str | None:
    """Validate a language option: ``None`` (detect) or an ISO 639 code, lower-cased.

    English, Ukrainian and Russian have rules of their own; other codes go to the sentence
    splitter, which falls back to generic rules for them.

    Raises:
        InputError: If ``lang`` is not two or three letters.
    """
    if lang is None:
        return None
    code = lang.strip().lower() if isinstance(lang, str) else ""
    if not _LANG_CODE.fullmatch(code):
        msg = f"lang must be a language code such as 'en', 'uk' or 'ru', got {lang!r}"
        raise InputError(msg)
    return code


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")


def detect_language(text: str) -> str:
    """Guess whether ``text`` is English (``en``), Ukrainian (``uk``) or Russian (``ru``).

    Cyrillic text is Ukrainian when letters found only in Ukrainian (і ї є ґ) outnumber
    those found only in Russian (ы э ъ ё), otherwise Russian. Text with more Latin than
    Cyrillic letters, or with no letters, is English.

    Example:
        >>> detect_language("Генштаб повідомив"), detect_language("Генштаб сообщил, что")
        ('uk', 'ru')
    """
    cyrillic = len(_CYRILLIC.findall(text))
    if cyrillic == 0 or cyrillic < len(_LATIN.findall(text)):
        return "en"
    uk = len(_UKRAINIAN_ONLY.findall(text))
    ru = len(_RUSSIAN_ONLY.findall(text))
    return "uk" if uk > ru else "ru"
