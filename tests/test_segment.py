import pytest

from revforensics import InputError, segment


def texts(text, lang=None):
    return [s.text for s in segment(text, lang=lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Gen. Syrskyi arrived. He spoke.", "en", ["Gen. Syrskyi arrived.", "He spoke."]),
        (
            "The U.S. sent aid at 5 p.m. today. It arrived.",
            "en",
            ["The U.S. sent aid at 5 p.m. today.", "It arrived."],
        ),
        (
            "Growth was 3.5 percent. Then it fell.",
            "en",
            ["Growth was 3.5 percent.", "Then it fell."],
        ),
        ("See No. 5 of the list. Done.", "en", ["See No. 5 of the list.", "Done."]),
        ("Ген. Сирський прибув. Він виступив.", "uk", ["Ген. Сирський прибув.", "Він виступив."]),
        (
            "Д. С. Песков заявил об этом. Потом ушел.",
            "ru",
            ["Д. С. Песков заявил об этом.", "Потом ушел."],
        ),
        ("Відповідно до ст. 5 закону. Далі.", "uk", ["Відповідно до ст. 5 закону.", "Далі."]),
        (
            "Він сказав: «Ми тримаємо. Ми стоїмо». Кінець.",
            "uk",
            ["Він сказав: «Ми тримаємо. Ми стоїмо».", "Кінець."],
        ),
        ("He said “we hold. We stand.” Next.", "en", ["He said “we hold. We stand.”", "Next."]),
        # Figure, equation and "compare" references: a bracket or parenthesis follows.
        (
            "As shown in Figs. [3] and (4), it held. Eq. (2) fails. Next.",
            "en",
            ["As shown in Figs. [3] and (4), it held.", "Eq. (2) fails.", "Next."],
        ),
        ("See (cf. Smith) the note. Done.", "en", ["See (cf. Smith) the note.", "Done."]),
        # A footnote mark after the full stop still ends the sentence.
        ("The line held.[3] Then it broke.", "en", ["The line held.[3]", "Then it broke."]),
        # A near miss: a word ending a sentence that only resembles one ("figs" as fruit).
        ("She bought figs. Then she left.", "en", ["She bought figs.", "Then she left."]),
    ],
)
def test_sentences(text, lang, expected):
    """Abbreviations, initials, decimals and quotes do not end sentences."""
    assert texts(text, lang) == expected


def test_one_sentence_per_line_posts():
    """Each line of a Telegram-style post is its own sentence, even without a period."""
    post = "🔴 Ситуація на 08:00\nПротивник атакував 52 рази\nЗСУ тримають позиції"
    assert texts(post, "uk") == [
        "🔴 Ситуація на 08:00",
        "Противник атакував 52 рази",
        "ЗСУ тримають позиції",
    ]


def test_list_items_and_paragraphs():
    """Bullets are sentences; blank lines start paragraphs; a # line is a heading."""
    doc = "# Title\n\nIntro sentence.\n\n- first item\n- second item"
    sentences = segment(doc, lang="en")
    assert [s.text for s in sentences] == [
        "# Title",
        "Intro sentence.",
        "- first item",
        "- second item",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 2, 2]
    assert [s.heading for s in sentences] == [True, False, False, False]


def test_hard_wrapped_lines_join():
    """A line that ends mid-sentence and continues in lower case is one sentence."""
    assert texts("The enemy attacked\nnear the village. Done.", "en") == [
        "The enemy attacked\nnear the village.",
        "Done.",
    ]


def test_clauses():
    """Clauses break at commas, semicolons, dashes and coordinating conjunctions."""
    (sentence,) = segment(
        "Units held the line, and launched new operations; losses were light.", lang="en"
    )
    assert [c.text for c in sentence.clauses] == [
        "Units held the line,",
        "and launched new operations;",
        "losses were light.",
    ]


def test_spans_index_the_original():
    """Spans point into the un-normalized text."""
    text = "  «Нові»\u00a0дані…  Ще одне.  "
    for s in segment(text, lang="uk"):
        assert text[s.span.start : s.span.end] == s.text
        for c in s.clauses:
            assert text[c.start : c.end] == c.text


def test_empty_lang_is_an_error():
    """An empty language code names the fix."""
    with pytest.raises(InputError, match="language code"):
        segment("x", lang="")


def test_empty_text():
    """An empty or blank text has no sentences."""
    assert segment("") == ()
    assert segment(" \n\n ") == ()


def test_ordered_list_markers_stay_with_their_item():
    """'1.' at the start of a line belongs to the item, not a sentence of its own."""
    assert texts("1. Units advanced.\n2. Losses were light.", "en") == [
        "1. Units advanced.",
        "2. Losses were light.",
    ]


def test_terminator_before_a_closing_quote_ends_the_sentence():
    """A period inside closing quotes ends the sentence, with or without other text."""
    assert texts('He said "We won." Then he left.', "en") == ['He said "We won."', "Then he left."]
