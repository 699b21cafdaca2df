"""Conditions across steps and overlays, live in the wizard and in workshop mode.

An answer in one step shows or hides questions of a later one (an overlay's, or one whose
``when`` names the other step): the later step shows the right questions when the author
gets there, without a restart, and the sidebar's marks and count follow at once.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Input, Static

from mldwizard.core import storage, workshops
from mldwizard.core.document import new_document
from mldwizard.core.specs import Specs, load_specs
from mldwizard.tui.widgets.sidebar import Sidebar
from mldwizard.tui.widgets.step_view import StepView
from mldwizard.tui.workshop import WorkshopApp

from ..spec_folders import chapter, overlay, question, spec_folder
from .helpers import SIZE, answer, app_for, go_to, settle, until

# beta: `sugar` (required) comes from an overlay when alpha's flavour is sweet; `crumb`
# shows when the gate's inputs are unstructured; `shape` when beta's own size is answered,
# named the long way ('beta.size').
EXTRA = {
    "beta": chapter(
        "beta",
        question("size")
        + question("shape", extra='when = { question = "beta.size", answered = true }')
        + question(
            "crumb", extra='when = { question = "gate.input_type", equals = "unstructured" }'
        ),
        head='after = "alpha"',
    ),
    "o": overlay("o", question("sugar", extra='chapter = "beta"\nrequired = true')),
}


@pytest.fixture
def cake_specs(tmp_path: Path) -> Specs:
    return load_specs([spec_folder(tmp_path, **EXTRA)])


@pytest.fixture
def cake_doc(tmp_path: Path, cake_specs: Specs) -> Path:
    path = tmp_path / "cakes.toml"
    doc = new_document("Cakes", dt.date(2026, 11, 1), [s.slug for s in cake_specs.chapters])
    doc.chapters["alpha"].answers["flavour"] = "sour"
    doc.chapters["beta"].answers["size"] = "Large"
    storage.create_document(path, doc, cake_specs, "tester")
    return path


def mark(app: object, slug: str) -> str:
    sidebar = app.screen.query_one(Sidebar)  # type: ignore[attr-defined]
    return str(sidebar.get_option(slug).prompt)[0]


def help_shown(app: object) -> str:
    """The side panel's help as plain text (words joined by single spaces)."""
    content = app.screen.query_one("#side-text", Static).content  # type: ignore[attr-defined]
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(content)
    return " ".join(captured.get().split())


def shown(app: object) -> set[str]:
    view = app.screen.query_one(StepView)  # type: ignore[attr-defined]
    return {f.question.id for f in view.fields if f.display}


async def test_an_answer_adds_an_overlays_questions_to_a_later_step(
    cake_doc: Path, cake_specs: Specs
) -> None:
    app = app_for(cake_doc, cake_specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sidebar = app.screen.query_one(Sidebar)
        assert mark(app, "beta") == "●"  # all it requires is answered
        complete_before = sidebar.border_subtitle

        await go_to(pilot, "alpha")
        await answer(pilot, "flavour", "sweet")
        await until(pilot, lambda: mark(app, "beta") == "◐", "beta needs its new question")
        assert sidebar.border_subtitle != complete_before

        await go_to(pilot, "beta")
        await until(pilot, lambda: "sugar" in shown(app), "the overlay's question on beta")
        view = app.screen.query_one(StepView)

        # Its help says when it is asked, in words.
        field = view.field("sugar")
        assert field is not None
        field.query_one("#input").focus()
        await until(
            pilot,
            lambda: "Asked when Flavour (Alpha chapter) is Sweet as honey." in help_shown(app),
            "the condition in the help",
        )

        # And back: sour takes it away again (it was never answered).
        await go_to(pilot, "alpha")
        await answer(pilot, "flavour", "sour")
        await until(pilot, lambda: mark(app, "beta") == "●", "beta complete again")
        assert sidebar.border_subtitle == complete_before
        await go_to(pilot, "beta")
        await until(pilot, lambda: "size" in shown(app), "beta shown")
        assert "sugar" not in shown(app)


async def test_the_gates_answer_shows_a_later_chapters_question(
    cake_doc: Path, cake_specs: Specs
) -> None:
    app = app_for(cake_doc, cake_specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "beta")
        await until(pilot, lambda: "size" in shown(app), "beta shown")
        assert "crumb" not in shown(app)
        await go_to(pilot, "gate")
        await answer(pilot, "input_type", "unstructured")
        await go_to(pilot, "beta")
        await until(pilot, lambda: "crumb" in shown(app), "crumb shown on beta")
        await go_to(pilot, "gate")
        await answer(pilot, "input_type", "few-fields")
        await go_to(pilot, "beta")
        await until(pilot, lambda: "size" in shown(app), "beta shown again")
        assert "crumb" not in shown(app)


async def test_a_condition_naming_its_own_step_the_long_way_works_live(
    cake_doc: Path, cake_specs: Specs
) -> None:
    app = app_for(cake_doc, cake_specs, only="beta")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await until(pilot, lambda: "shape" in shown(app), "shape shown: size is answered")
        view = app.screen.query_one(StepView)
        size = view.field("size")
        assert size is not None
        size.query_one("#input", Input).focus()
        await pilot.pause()
        await pilot.press("ctrl+u")  # clears the line
        await until(pilot, lambda: "shape" not in shown(app), "shape hidden: size cleared")
        await pilot.press(*"Small")
        await until(pilot, lambda: "shape" in shown(app), "shape shown again")


@pytest.mark.parametrize(("flavour", "expected"), [("sour", False), ("sweet", True)])
async def test_workshop_mode_shows_the_overlays_questions(
    cake_doc: Path, cake_specs: Specs, flavour: str, expected: bool
) -> None:
    def prompts() -> str:
        return " ".join(str(w.render()) for w in app.query(".ws-prompt"))

    held: list[str] = []

    def change(d):  # type: ignore[no-untyped-def]
        d.chapters["alpha"].answers["flavour"] = flavour
        steps = workshops.parse_steps("alpha,beta", cake_specs)
        held.append(workshops.start_workshop(d, dt.date(2026, 11, 30), steps, 10, None).id)

    storage.update_document(cake_doc, cake_specs, "tester", change)
    app = WorkshopApp(cake_doc, cake_specs, "tester", held[0])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.step.slug == "beta"
        await until(pilot, lambda: "What about size?" in prompts(), "beta's questions")
        assert ("What about sugar?" in prompts()) is expected, prompts()
        await pilot.press("ctrl+q")


async def test_someone_elses_answer_in_another_step_shows_here_without_moving(
    cake_doc: Path, cake_specs: Specs
) -> None:
    """The file changes on disk (a colleague, a git pull): the step on screen is
    re-evaluated against the other step's new answer, and the sidebar follows."""
    app = app_for(cake_doc, cake_specs, only="beta")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await until(pilot, lambda: "size" in shown(app), "beta shown")
        assert "sugar" not in shown(app) and mark(app, "beta") == "●"

        def sweet(d):  # type: ignore[no-untyped-def]
            d.chapters["alpha"].answers["flavour"] = "sweet"

        storage.update_document(cake_doc, cake_specs, "colleague", sweet)
        await until(pilot, lambda: "sugar" in shown(app), "the overlay's question appears")
        await until(pilot, lambda: mark(app, "beta") == "◐", "beta's mark follows")


async def test_an_answered_overlay_question_stays_when_its_overlay_stops_applying(
    cake_doc: Path, cake_specs: Specs
) -> None:
    def answered(d):  # type: ignore[no-untyped-def]
        d.chapters["alpha"].answers["flavour"] = "sweet"
        d.chapters["beta"].answers["sugar"] = "Cane sugar"

    storage.update_document(cake_doc, cake_specs, "tester", answered)
    app = app_for(cake_doc, cake_specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "alpha")
        await answer(pilot, "flavour", "sour")
        await go_to(pilot, "beta")
        await until(pilot, lambda: "size" in shown(app), "beta shown")
        assert "sugar" in shown(app)  # answered: always shown, never dropped
        view = app.screen.query_one(StepView)
        field = view.field("sugar")
        assert field is not None
        field.query_one("#input").focus()
        await until(
            pilot,
            lambda: "that is no longer so, and the answer is kept" in help_shown(app),
            "the help says why it is still there",
        )
        assert app.session.doc.chapters["beta"].answers["sugar"] == "Cane sugar"


async def test_kind_of_system_adds_the_language_model_questions(
    doc_path: Path, specs: Specs
) -> None:
    """The built-in overlay, as an author meets it: Essentials' kind of system set to a
    language model adds its questions to a later chapter; back to classic removes them."""
    overlay = next(o for o in specs.overlays if o.applies_to is not None)
    assert overlay.applies_to is not None and overlay.applies_to.question == (
        "essentials.system_kind"
    )
    added = next(q for q in overlay.questions if q.when is None and q.from_stage == "design")
    assert added.chapter is not None
    llm = (overlay.applies_to.in_ or [overlay.applies_to.equals])[0]
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for kind, expected in ((llm, True), ("classic", False)):
            await go_to(pilot, "essentials")
            await answer(pilot, "system_kind", kind)
            await go_to(pilot, added.chapter)
            await until(pilot, lambda: len(shown(app)) > 0, f"{added.chapter} shown")
            assert (added.id in shown(app)) is expected, (kind, added.id)
