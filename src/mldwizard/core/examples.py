"""The bundled example document, and the copy of it a user gets: dated as of today.

The example tells a project in progress: what was done (changelog, reviews, measurements)
lies before the day it was written, what is planned (due dates, milestones, the shadow
mode) after it. A copy made on a later day would otherwise read as a project whose every
deadline has passed, and ``check`` would fail on it. So a copy moves every date in the
file, TOML dates and date-times as well as ISO dates written inside answers ("by
2026-12-18", a snapshot table named ``router_train_2026_10_05``), by the days between
:data:`EXAMPLE_AS_OF` and today: the story keeps its shape, seen from today.

An approval holds for the text it approved (its digest, see
:mod:`mldwizard.core.approved_text`): moving the dates changes the text, so each digest of
the example's text is given again for the moved text, as the silences are below.

A silenced lint finding holds for the answer it was given for (its fingerprint): moving
the dates inside an answer changes its text, so each silence given for the example's
answer is given again for the moved answer. The fingerprint itself stays sensitive to
dates: a person who edits a silenced date later must still see the silence go stale.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .lint_silence import answer_fingerprint
from .lint_text import answer_text

if TYPE_CHECKING:
    from .document import Document, StepState
    from .specs import Specs

EXAMPLE_NAME = "ticket-routing.toml"

# The day the example is written as of: after everything it records as done, before
# everything it plans. Move it when the example gains a later event (a test checks this).
EXAMPLE_AS_OF = dt.date(2026, 11, 27)

# An ISO date (2026-12-18) or one in a name (router_train_2026_10_05), not inside a longer
# number; a date-time's date part matches too.
_DATE = re.compile(r"(?<![0-9])(\d{4})([-_])(\d{2})\2(\d{2})(?![0-9])")


def example_path() -> Path:
    return Path(__file__).resolve().parent.parent / "examples" / EXAMPLE_NAME


def example_bytes(today: dt.date) -> bytes:
    """The example's file as a copy made on ``today`` holds it."""
    text = example_path().read_text(encoding="utf-8")
    moved = shift_dates(text, today - EXAMPLE_AS_OF)
    if moved != text:
        moved = _silences_moved(text, moved)
        moved = _digests_moved(text, moved)
    return moved.encode("utf-8")


def _digests_moved(text: str, moved: str) -> str:
    """``moved`` with each approval digest of a step's text in ``text`` given again for the
    step's moved text (a digest of some other text, already stale, stays as it is)."""
    from .approved_text import content_digest
    from .document import Document

    before = Document.model_validate(tomllib.loads(text))
    after = Document.model_validate(tomllib.loads(moved))
    for old, new in zip(_states(before), _states(after), strict=True):
        stale, fresh = content_digest(old), content_digest(new)
        if stale != fresh:
            moved = moved.replace(f'digest = "{stale}"', f'digest = "{fresh}"')
    return moved


def _states(doc: Document) -> Iterator[StepState]:
    yield from doc.chapters.values()
    yield doc.gate
    yield doc.feasibility
    yield from doc.stage_gates.values()


def _silences_moved(text: str, moved: str) -> str:
    """``moved`` (``text`` with its dates moved) with each silence's answer fingerprint
    given again for the moved answer, when it was the fingerprint of the answer in
    ``text`` (a silence already stale in the example stays stale)."""
    before, after = tomllib.loads(text), tomllib.loads(moved)
    for old_table, new_table in zip(_step_tables(before), _step_tables(after), strict=True):
        old_answers, new_answers = old_table.get("answers", {}), new_table.get("answers", {})
        for silence in old_table.get("silenced", []):
            stored, question = silence.get("answer"), silence.get("question")
            old = answer_text(old_answers.get(question))
            new = answer_text(new_answers.get(question))
            if stored is None or old is None or new is None:
                continue
            if answer_fingerprint(old) == stored:
                moved = moved.replace(
                    f'answer = "{stored}"', f'answer = "{answer_fingerprint(new)}"'
                )
    return moved


def _step_tables(raw: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every table of a step's state in a raw document (chapters, gate, feasibility, stage
    gates), in the file's order."""
    for table in raw.get("chapters", {}).values():
        yield table
    for key in ("gate", "feasibility"):
        if key in raw:
            yield raw[key]
    for table in raw.get("stage_gates", {}).values():
        yield table


def example_document(specs: Specs, today: dt.date) -> Document:
    """The example as a copy made on ``today`` holds it (see :func:`example_bytes`)."""
    from . import storage

    return storage.parse_document(example_bytes(today), example_path(), specs)


def shift_dates(text: str, by: dt.timedelta) -> str:
    """``text`` with every date in it moved by ``by``; a run of digits that only looks like
    a date (2026-13-40) is left as it is."""

    def moved(match: re.Match[str]) -> str:
        year, sep, month, day = match.groups()
        try:
            when = dt.date(int(year), int(month), int(day)) + by
        except (ValueError, OverflowError):
            return match.group(0)
        return f"{when.year:04d}{sep}{when.month:02d}{sep}{when.day:02d}"

    return _DATE.sub(moved, text) if by else text
