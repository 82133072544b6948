"""Hypothesis strategies for communiqué-like text and cosmetic rewrites of it."""

from __future__ import annotations

from hypothesis import strategies as st

SUBJECTS = {
    "en": [
        "The General Staff",
        "Air defence units",
        "The ministry",
        "Rescue teams",
        "The regional police",
    ],
    "uk": ["Генеральний штаб", "Сили оборони", "Міністерство", "Рятувальники", "Обласна поліція"],
    "ru": ["Генеральный штаб", "Силы обороны", "Министерство", "Спасатели", "Областная полиция"],
}
VERBS = {
    "en": ["reported", "confirmed", "stated", "announced", "recorded"],
    "uk": ["повідомив", "підтвердив", "заявив", "оголосив", "зафіксував"],
    "ru": ["сообщил", "подтвердил", "заявил", "объявил", "зафиксировал"],
}
OBJECTS = {
    "en": [
        "attacks near the village",
        "strikes on the depot",
        "losses of the enemy",
        "shelling of the city",
        "drones over the region",
    ],
    "uk": [
        "атак біля села",
        "ударів по складу",
        "втрат противника",
        "обстрілів міста",
        "дронів над областю",
    ],
    "ru": [
        "атак у села",
        "ударов по складу",
        "потерь противника",
        "обстрелов города",
        "дронов над областью",
    ],
}
PLACES = {
    "en": ["Kursk", "Kharkiv", "Sumy", "Pokrovsk", "Kherson"],
    "uk": ["Курськ", "Харків", "Суми", "Покровськ", "Херсон"],
    "ru": ["Курск", "Харьков", "Сумы", "Покровск", "Херсон"],
}
CONNECT = {"en": "in", "uk": "у", "ru": "в"}
LANGS = ("en", "uk", "ru")


@st.composite
def sentences(draw: st.DrawFn, lang: str) -> str:
    """One statement sentence: subject, reporting verb, a number, an event and a place."""
    subject = draw(st.sampled_from(SUBJECTS[lang]))
    verb = draw(st.sampled_from(VERBS[lang]))
    number = draw(st.integers(min_value=1, max_value=25000))
    obj = draw(st.sampled_from(OBJECTS[lang]))
    place = draw(st.sampled_from(PLACES[lang]))
    quoted = draw(st.booleans())
    core = f"{subject} {verb} {number} {obj} {CONNECT[lang]} {place}"
    if quoted:
        core += f', "{draw(st.sampled_from(OBJECTS[lang]))}"'
    return core + "."


@st.composite
def statements(draw: st.DrawFn, lang: str | None = None) -> str:
    """A short statement of 1 to 8 sentences in one or more paragraphs."""
    code = lang or draw(st.sampled_from(LANGS))
    parts = draw(st.lists(sentences(code), min_size=1, max_size=8))
    out = []
    for k, part in enumerate(parts):
        if k and draw(st.integers(0, 3)) == 0:
            out.append("\n\n")
        elif k:
            out.append(" ")
        out.append(part)
    return "".join(out)


def _requote(text: str, style: tuple[str, str]) -> str:
    out, opening = [], True
    for char in text:
        if char == '"':
            out.append(style[0] if opening else style[1])
            opening = not opening
        else:
            out.append(char)
    return "".join(out)


def _regroup_numbers(text: str, separator: str) -> str:
    import re

    def group(match: re.Match[str]) -> str:
        digits = match.group()
        if len(digits) < 4:
            return digits
        head = len(digits) % 3 or 3
        groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
        return separator.join(groups)

    return re.sub(r"\d+", group, text)


@st.composite
def cosmetic_rewrites(draw: st.DrawFn, text: str) -> str:
    """Rewrite ``text`` changing only its form: quotes, spaces, case, number format."""
    style = draw(st.sampled_from([('"', '"'), ("“", "”"), ("«", "»"), ("„", "“")]))
    out = _requote(text, style)
    words = out.split(" ")
    rewritten = []
    for k, word in enumerate(words):
        rewritten.append(word.upper() if k and draw(st.integers(0, 6)) == 0 else word)
        rewritten.append(draw(st.sampled_from([" ", " ", "  ", "\u00a0", " \u200b"])))
    out = "".join(rewritten[:-1])
    separator = draw(st.sampled_from(["", ",", " ", "\u00a0", "\u202f"]))
    out = _regroup_numbers(out, separator)
    if draw(st.booleans()):
        out = (
            draw(st.sampled_from(["", "  ", "\n"]))
            + out
            + draw(st.sampled_from(["", "\n", " \n\n"]))
        )
    return out


@st.composite
def edited_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A statement and an edited version: sentences dropped, added or words replaced."""
    lang = draw(st.sampled_from(LANGS))
    old = draw(statements(lang))
    parts = old.split(". ")
    edits = draw(st.lists(st.integers(0, 3), max_size=4))
    for edit in edits:
        k = draw(st.integers(0, len(parts) - 1))
        if edit == 0 and len(parts) > 1:
            parts.pop(k)
        elif edit == 1:
            parts.insert(k, draw(sentences(lang)).rstrip("."))
        elif edit == 2:
            words = parts[k].split(" ")
            words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(OBJECTS[lang]))
            parts[k] = " ".join(words)
        else:
            parts.insert(draw(st.integers(0, len(parts))), parts.pop(k))
    return old, ". ".join(parts)
