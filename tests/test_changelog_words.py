"""QA10c #10: "Recent changes" names checklist items (the feasibility checklist's and the
stage gates') by their text with their new status, and a move past a gate that did not pass
in words, its reason once (the entry's note), its Markdown kept; entries written before
(an item without its status, the reason inside the summary) still read as sentences."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable

from mldwizard.core.document import ChangelogEntry, Document, FeasibilityItem
from mldwizard.core.examples import EXAMPLE_AS_OF, example_document
from mldwizard.core.markdown_changes import changes
from mldwizard.core.merge import record_changes
from mldwizard.core.specs import Specs
from mldwizard.core.stage_moves import move_stage

AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def test_recent_changes_name_items_with_their_new_status_and_a_forced_move_in_words(
    specs: Specs,
) -> None:
    doc = example_document(specs, EXAMPLE_AS_OF)
    shown = len(doc.changelog)

    def edit(change: Callable[[Document], object]) -> None:
        before = copy.deepcopy(doc)
        change(doc)
        assert record_changes(before, doc, "mira", AT)

    item = doc.stage_gates["stage-gate-pilot"].items["fallback_works"]
    edit(lambda d: setattr(item, "status", "not-met"))
    edit(lambda d: setattr(item, "note", "The switch failed in the drill of 2026-11-30."))
    team = doc.feasibility.items["team_skills"]
    edit(lambda d: setattr(team, "status", "met"))
    edit(lambda d: move_stage(d, specs, "production", "Board decided; ship it, now."))
    new = changes(doc, specs, len(doc.changelog) - shown).splitlines()
    assert [line.split(", ", 1)[1] for line in reversed(new)] == [
        'Mira Okafor (Stage gate: prototype to pilot): set "The fallback works: switching '
        'the model off was tried" to Not met',
        'Mira Okafor (Stage gate: prototype to pilot): updated "The fallback works: '
        'switching the model off was tried"',
        'Mira Okafor (Feasibility checklist): set "The team has the skills, or can get them '
        'in time" to Met',
        "Mira Okafor: moved the stage from Prototype to Production",
        "Mira Okafor (Stage gate: prototype to pilot): moved on although the gate said "
        "NO-GO. Reason given: Board decided; ship it, now.",
        "Mira Okafor (Stage gate: pilot to production): moved on although the gate said "
        "INCOMPLETE. Reason given: Board decided; ship it, now.",
    ]


def test_old_summaries_of_items_and_forced_moves_still_read_as_sentences(specs: Specs) -> None:
    """Entries written before items carried their status, and before the reason was the
    entry's note, as documents on disk hold them."""
    doc = example_document(specs, EXAMPLE_AS_OF)
    for chapter, summary in (
        ("stage-gate-pilot", "checklist fallback_works, baseline_compared"),
        ("feasibility", "checklist data_allowed"),
        ("feasibility", "set moved on despite the gate (NO-GO: The sponsor **insists**; budget)"),
        (
            "stage-gate-production",
            "set status empty -> draft, moved on despite the gate (INCOMPLETE: Board, 01-12.)",
        ),
    ):
        doc.changelog.append(ChangelogEntry(at=AT, by="mira", chapter=chapter, summary=summary))
    lines = [line.split(", ", 1)[1] for line in reversed(changes(doc, specs, 4).splitlines())]
    assert lines == [
        'Mira Okafor (Stage gate: prototype to pilot): updated "The fallback works: switching '
        'the model off was tried"; updated "The model was measured against the baseline and '
        'the metric targets"',
        'Mira Okafor (Feasibility checklist): updated "Using the data for this purpose is allowed"',
        "Mira Okafor (Feasibility checklist): moved on although the checklist said NO-GO. "
        "Reason given: The sponsor **insists**; budget",
        "Mira Okafor (Stage gate: pilot to production): set status from Not started to "
        "Draft; moved on although the gate said INCOMPLETE. Reason given: Board, 01-12.",
    ]


def test_the_item_status_goes_into_new_summaries(specs: Specs) -> None:
    doc = example_document(specs, EXAMPLE_AS_OF)
    before = copy.deepcopy(doc)
    doc.feasibility.items["team_skills"] = FeasibilityItem(status="met", note="Drilled.")
    doc.feasibility.items.pop("data_allowed")
    record_changes(before, doc, "mira", AT)
    entry = doc.changelog[-1]
    assert entry.summary == "checklist team_skills=met, data_allowed=none"
    assert entry.questions == ["team_skills", "data_allowed"]
