"""Workshop mode shows the choices' labels on its answer pane, as the document does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mldwizard.core import edits, storage, workshops
from mldwizard.core.shown import shown_questions
from mldwizard.core.specs import Specs
from mldwizard.tui.workshop import WorkshopApp

from .helpers import SIZE, settle


async def test_the_answer_pane_shows_labels(doc_path: Path, specs: Specs) -> None:
    holder: list[str] = []

    def change(d):  # type: ignore[no-untyped-def]
        edits.upsert_person(d, "ana", "Ana", "ML lead")
        edits.set_answer(d, specs.resolve("1"), "principles", ["start-simple", "fail-safe"])
        edits.set_answer(d, specs.resolve("2"), "costlier_error", "false-negatives")
        w = workshops.start_workshop(
            d, dt.date(2026, 11, 30), workshops.parse_steps("1-2", specs), 10, "ana"
        )
        holder.append(w.id)

    storage.update_document(doc_path, specs, "ana", change)
    app = WorkshopApp(doc_path, specs, "ana", holder[0])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = " ".join(str(w.render()) for w in app.query(".ws-answer"))
        assert "• Start simple\n• Fail-safe" in shown and "start-simple" not in shown
        await pilot.press("ctrl+n")  # the next step of the workshop
        await settle(pilot)
        shown = " ".join(str(w.render()) for w in app.query(".ws-answer"))
        assert "False negatives are worse" in shown and "false-negatives" not in shown


async def test_each_question_shows_its_checklist_and_items_their_status_in_words(
    doc_path: Path, specs: Specs
) -> None:
    """The room sees what a good answer covers ("Cover: ..."), and the checklist's status
    as people say it ("Not met"), not as the file stores it."""
    holder: list[str] = []
    feasibility = specs.feasibility
    assert feasibility is not None
    item = feasibility.items[0].id

    def change(d):  # type: ignore[no-untyped-def]
        edits.upsert_person(d, "ana", "Ana", "ML lead")
        edits.set_item(d, specs, item, "not-met", "no data yet", "ana", "data by March")
        w = workshops.start_workshop(
            d, dt.date(2026, 11, 30), workshops.parse_steps("1,feasibility", specs), 10, "ana"
        )
        holder.append(w.id)

    storage.update_document(doc_path, specs, "ana", change)
    app = WorkshopApp(doc_path, specs, "ana", holder[0])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        covers = [str(w.render()) for w in app.query(".ws-cover")]
        shown = shown_questions(app.doc, specs.resolve("1"))
        with_asks = [q for q in shown if q.asks and not q.is_notes]
        assert with_asks and len(covers) == len(with_asks)
        assert covers[0].startswith("Cover: ")
        await pilot.press("ctrl+n")
        await settle(pilot)
        shown = " ".join(str(w.render()) for w in app.query(".ws-prompt"))
        assert "Not met" in shown and "not-met" not in shown
