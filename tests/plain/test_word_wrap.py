"""The word wrap of the answer being typed in plain mode (plain/prompt_layout.py): the rows
prompt_toolkit draws never split a word, the padding is only shown, and the cursor maps
back and forth between what is stored and what is shown."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

from prompt_toolkit.layout.processors import TransformationInput

from mldwizard.plain.prompt_layout import _WordWrap

SURVEY = (
    "Q3 routing audit measured 16.5% wrong first queue; agent survey (31 of 40 answered): "
    "84% name misroutes among their top three daily annoyances; confirmed by all five team "
    "leads and the enterprise CSMs."
)
PREFIX = 3  # " › " and the continuation under it


def wrapped(text: str, width: int) -> tuple[list[str], object]:
    window = SimpleNamespace(get_line_prefix=lambda lineno, wrap: " " * PREFIX)
    ti = TransformationInput(
        buffer_control=None,  # type: ignore[arg-type]
        document=None,  # type: ignore[arg-type]
        lineno=0,
        source_to_display=lambda i: i,
        fragments=[("", text)],
        width=width,
        height=24,
    )
    done = _WordWrap(window).apply_transformation(ti)  # type: ignore[arg-type]
    shown = "".join(t for _, t, *_ in done.fragments)
    row = width - PREFIX
    return [shown[i : i + row] for i in range(0, len(shown), row)], done


def test_no_row_splits_a_word_and_the_words_stay_in_order() -> None:
    for width in (40, 60, 80, 83, 120):
        rows, _ = wrapped(SURVEY, width)
        words = SURVEY.split()
        assert " ".join(" ".join(rows).split()) == " ".join(words)
        for row, following in itertools.pairwise(rows):
            # A row that ends in a letter is followed by a row starting with a space or a
            # new word, never by the rest of the same word.
            assert not (row[-1:].strip() and following[:1].strip()), (width, row, following)


def test_the_cursor_maps_between_stored_and_shown_text() -> None:
    _, done = wrapped(SURVEY, 80)
    to_display, to_source = done.source_to_display, done.display_to_source  # type: ignore[attr-defined]
    positions = [to_display(i) for i in range(len(SURVEY) + 1)]
    assert positions == sorted(set(positions))  # one place for each, in order
    assert all(to_source(to_display(i)) == i for i in range(len(SURVEY) + 1))


def test_a_word_longer_than_a_row_still_wraps_by_character() -> None:
    long = "x" * 100
    rows, _ = wrapped(f"see {long} here", 40)
    assert "".join(rows).replace(" ", "") == f"see{long}here"


def test_no_row_begins_with_the_space_after_a_word_that_filled_the_row_above() -> None:
    """QA10a #11: a word ending on a row's last column left its space to begin the next row
    (the example's rule answer at 80 columns: '    "2FA", "bloqueado" ...')."""
    text = (
        'in three languages ("SEPA", "Lastschrift", "domiciliación" to billing; "SSO", '
        '"2FA", "bloqueado" to account/security'
    )
    for width in range(40, 121):
        rows, _ = wrapped(text, width)
        assert not any(row.startswith(" ") for row in rows[1:]), (width, rows)
        assert " ".join(" ".join(rows).split()) == text
