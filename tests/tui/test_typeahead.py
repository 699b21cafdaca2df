"""Typing never goes nowhere: at start-up, right after a step change, during a rebuild."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Select

from mldwizard.core import edits, storage
from mldwizard.core.specs import Specs
from mldwizard.tui.factory import make_app
from mldwizard.tui.widgets.checklist import ItemRow

from .helpers import SIZE, app_for, settle, wait_for_watch


def _burst(pilot: Pilot[None], *keys: str) -> None:
    """Keys as a fast typist sends them: all queued at once, none waiting for the app."""
    for key in keys:
        pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))


async def _handled(pilot: Pilot[None], timeout: float = 180.0) -> None:
    """Wait until the app has handled every key posted to it so far: a call queued behind
    them runs. Not ``pilot.pause()``, which gives up after 30 s: each Ctrl+N or Ctrl+P is a
    whole step switch, and on a loaded machine a burst of them takes longer than that."""
    done = asyncio.Event()
    pilot.app.call_later(done.set)
    try:
        await asyncio.wait_for(done.wait(), timeout)
    except TimeoutError:
        raise AssertionError(f"the keys were not handled in {timeout} s") from None


async def _until_still(pilot: Pilot[None], timeout: float = 30.0) -> None:
    """Wait until no step switch has run for a second (all held-down keys handled)."""
    screen = pilot.app.wizard_screen  # type: ignore[attr-defined]
    last, still = None, 0
    for _ in range(int(timeout / 0.1)):
        await settle(pilot)
        now = (screen.step.slug, screen.heading_to.slug, screen._switching)
        still = still + 1 if now == last and not now[2] else 0
        if still >= 10:
            return
        last = now
        await pilot.pause(0.1)
    raise AssertionError(f"the wizard kept switching steps for {timeout} s")


async def _run_at_once(path: Path, specs: Specs, scenario, only: str | None = None):  # type: ignore[no-untyped-def]
    """Run ``scenario`` as soon as the app runs: before the first step is even drawn."""
    app = make_app(path, specs, "tester", only=specs.resolve(only) if only else None)
    seen: dict[str, object] = {}

    async def pilot_it(pilot: Pilot[None]) -> None:
        await scenario(pilot, seen)
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)

    await app.run_async(headless=True, size=SIZE, auto_pilot=pilot_it)
    return app, seen


async def test_keys_typed_before_the_first_step_is_drawn_land_in_the_first_question(
    doc_path: Path, specs: Specs
) -> None:
    async def type_at_once(pilot: Pilot[None], seen: dict[str, object]) -> None:
        await pilot.press(*"Early bird", "backspace")

    await _run_at_once(doc_path, specs, type_at_once)
    doc = storage.load_document(doc_path, specs)
    assert doc.chapters["essentials"].answers["summary"] == "Early bir"


async def test_keys_typed_right_after_ctrl_n_go_to_the_next_step(
    doc_path: Path, specs: Specs
) -> None:
    async def type_through_a_switch(pilot: Pilot[None], seen: dict[str, object]) -> None:
        await settle(pilot)
        _burst(pilot, *"one", "ctrl+n", *"two")

    await _run_at_once(doc_path, specs, type_through_a_switch)
    doc = storage.load_document(doc_path, specs)
    assert doc.chapters["essentials"].answers["summary"] == "one"
    assert doc.chapters["problem"].answers["problem_statement"] == "two"


async def test_holding_ctrl_n_and_ctrl_p_neither_crashes_nor_loses_the_way(
    doc_path: Path, specs: Specs
) -> None:
    async def hammer(pilot: Pilot[None], seen: dict[str, object]) -> None:
        _burst(pilot, *["ctrl+n"] * 12, *["ctrl+p"] * 9)
        await _handled(pilot)
        # The pilot's pause can return while keys are still being handled (a step switch is
        # awaited in the middle of them): wait until the step has stopped changing.
        await _until_still(pilot)
        seen["step"] = pilot.app.wizard_screen.step.slug  # type: ignore[attr-defined]
        seen["fields"] = [
            f.question.id
            for f in pilot.app.wizard_screen.query_one("StepView").fields  # type: ignore[attr-defined]
        ]

    app, seen = await _run_at_once(doc_path, specs, hammer)
    assert app.return_code == 0
    steps = list(specs.steps)
    expected = steps[3]
    assert seen["step"] == expected.slug
    assert seen["fields"] == [q.id for q in expected.questions]


async def test_a_rebuild_by_someone_else_keeps_the_cursor_where_it_was(
    doc_path: Path, specs: Specs
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"Typed so far")
        await pilot.press("left", "left", "left")  # the cursor inside the text, before "far"
        await pilot.press("ctrl+s")
        await settle(pilot)

        def add_person(d):  # type: ignore[no-untyped-def]
            edits.upsert_person(d, "bob", "Bob", "Analyst")

        storage.update_document(doc_path, specs, "other", add_person)
        # The file watch takes the change in and rebuilds the step (4 s were once too few
        # on a loaded machine).
        await wait_for_watch(
            pilot,
            lambda: "bob" in app.wizard_screen.query_one("StepView").handles,  # type: ignore[attr-defined]
        )
        await settle(pilot)
        focused = app.focused
        assert focused is not None and focused.parent is not None
        assert focused.parent.id == "q-summary"
        await pilot.press(*"so ")
        await pilot.press("ctrl+s")
        await settle(pilot)
    doc = storage.load_document(doc_path, specs)
    assert doc.chapters["essentials"].answers["summary"] == "Typed so so far"
    assert doc.person("bob") is not None


async def test_the_checklist_opens_with_the_cursor_on_the_first_open_item(
    doc_path: Path, specs: Specs
) -> None:
    def one_item(d):  # type: ignore[no-untyped-def]
        first = specs.resolve("feasibility").items[0]
        edits.set_item(d, specs, first.id, "met", "checked")

    storage.update_document(doc_path, specs, "tester", one_item)
    app = app_for(doc_path, specs, only="feasibility")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        focused = app.focused
        assert isinstance(focused, Select)
        row = next(a for a in focused.ancestors if isinstance(a, ItemRow))
        assert row.item.id == specs.resolve("feasibility").items[1].id


def _first_text_question(specs: Specs, slug: str) -> str:
    """The gate's first question answered by typing (shown on an empty document)."""
    kinds = ("text", "number", "date", "long_text", "list")
    return next(q.id for q in specs.resolve(slug).questions if q.kind in kinds and q.visible({}))


def _notices(app: object) -> str:
    return "\n".join(n.message for n in app._notifications)  # type: ignore[attr-defined]


async def test_text_typed_after_ctrl_n_onto_a_choice_goes_to_that_steps_text_question(
    doc_path: Path, specs: Specs
) -> None:
    """The gate starts with choices: text typed right after Ctrl+N is not swallowed by the
    drop-down, it lands in the gate's first unanswered text question."""

    async def type_onto_the_gate(pilot: Pilot[None], seen: dict[str, object]) -> None:
        _burst(pilot, "ctrl+n")
        await _until_still(pilot)
        _burst(pilot, "ctrl+n", *"NNN")
        await _until_still(pilot)
        seen["step"] = pilot.app.wizard_screen.step.slug  # type: ignore[attr-defined]

    await _run_at_once(doc_path, specs, type_onto_the_gate)
    doc = storage.load_document(doc_path, specs)
    gate = specs.steps[2]
    assert gate.kind == "gate"
    assert doc.step(gate.slug).answers.get(_first_text_question(specs, gate.slug)) == "NNN"


async def test_text_typed_on_the_gate_never_follows_ctrl_p_into_the_step_before(
    doc_path: Path, specs: Specs
) -> None:
    """Ctrl+N, text, Ctrl+P, text in one burst: the text typed on the gate stays on the gate
    (or is shown in a notice), never in step 2's first question."""

    async def there_and_back(pilot: Pilot[None], seen: dict[str, object]) -> None:
        _burst(pilot, "ctrl+n")
        await _until_still(pilot)
        _burst(pilot, "ctrl+n", *"NNN", "ctrl+p", *"PPP")
        await _until_still(pilot)
        seen["notices"] = _notices(pilot.app)

    _, seen = await _run_at_once(doc_path, specs, there_and_back)
    doc = storage.load_document(doc_path, specs)
    assert doc.chapters["problem"].answers["problem_statement"] == "PPP"
    gate_text = doc.step("gate").answers.get(_first_text_question(specs, "gate"))
    assert gate_text == "NNN" or "'NNN'" in str(seen["notices"]), seen["notices"]
