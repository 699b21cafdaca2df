"""QA14 finding 5: a NO-GO that did not come from the wizard (``mldwizard set``, ``--from``,
a teammate's merge, or already in the file when the wizard opened) reaches the author too:
a notice when they reach the checklist, the outcome screen once when they leave it or pass
it. Pilot, at the tester's terminal size, driven with Ctrl+N and Ctrl+P."""

from __future__ import annotations

from pathlib import Path

from mldwizard.cli import main
from mldwizard.core.specs import Specs
from mldwizard.tui.screens.outcomes import NoGoScreen

from ..feasibility_docs import all_items, described
from .helpers import app_for, go_to, settle, until

SMALL = (80, 24)
PEOPLE = '[[people]]\nhandle = "ana"\n[[people]]\nhandle = "bo"\n'


def no_go_by_cli(path: Path) -> None:
    """A described project, every item Met; then the law marked Not met and fatal by
    ``mldwizard set``, as the tester did."""
    answers = path.with_name("answers.toml")
    answers.write_text(PEOPLE + described() + all_items("met"), encoding="utf-8")
    assert main(["set", str(path), "--from", str(answers)]) == 0
    args = ["set", str(path), "feasibility", "data_allowed", "not-met", "--fatal"]
    assert main([*args, "--note", "Legal ruled: DPAs forbid this purpose"]) == 0


def notices(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


def step_of(app: object) -> str:
    return app.wizard_screen.step.slug  # type: ignore[attr-defined]


async def test_ctrl_n_out_of_a_no_go_checklist_opens_the_screen_once(
    doc_path: Path, specs: Specs
) -> None:
    no_go_by_cli(doc_path)
    order = [s.slug for s in specs.steps]
    before = order[order.index("feasibility") - 1]
    after = order[order.index("feasibility") + 1]
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, NoGoScreen)  # not on opening, over the first step
        await go_to(pilot, before)
        assert not isinstance(app.screen, NoGoScreen)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: step_of(app) == "feasibility", "the checklist")
        await settle(pilot)
        # Reaching it: a notice, not a screen over the checklist.
        assert not isinstance(app.screen, NoGoScreen)
        await until(
            pilot,
            lambda: any("Feasibility is NO-GO" in n for n in notices(app)),
            "a notice that the checklist says NO-GO",
        )
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, NoGoScreen), "the NO-GO screen")
        screen = app.screen
        assert isinstance(screen, NoGoScreen)
        assert screen.result.verdict == "NO-GO"
        await pilot.press("escape")  # Continue anyway
        await until(pilot, lambda: not isinstance(app.screen, NoGoScreen), "back in the wizard")
        await settle(pilot)
        assert step_of(app) == after
        # Shown once: back to the checklist and out again, nothing opens.
        await pilot.press("ctrl+p")
        await until(pilot, lambda: step_of(app) == "feasibility", "the checklist again")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: step_of(app) == after, "past the checklist again")
        await settle(pilot)
        assert not isinstance(app.screen, NoGoScreen)


async def test_jumping_over_the_checklist_opens_the_screen(doc_path: Path, specs: Specs) -> None:
    no_go_by_cli(doc_path)
    order = [s.slug for s in specs.steps]
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await go_to(pilot, order[-1])
        await until(pilot, lambda: isinstance(app.screen, NoGoScreen), "the NO-GO screen")


async def test_the_checklist_alone_says_it_on_opening(doc_path: Path, specs: Specs) -> None:
    """``mldwizard chapter PATH feasibility``: the one step there is says the NO-GO at once."""
    no_go_by_cli(doc_path)
    app = app_for(doc_path, specs, only="feasibility")
    async with app.run_test(size=SMALL) as pilot:
        await until(
            pilot,
            lambda: any("Feasibility is NO-GO" in n for n in notices(app)),
            "a notice that the checklist says NO-GO",
        )
        assert not isinstance(app.screen, NoGoScreen)


async def test_the_checklist_notice_blames_nobody_and_goes_when_the_screen_opens(
    doc_path: Path, specs: Specs
) -> None:
    """QA9a finding 7: the notice said "as marked outside the wizard" also for a NO-GO the
    author's own gate answers made in this session, and stayed up over the NO-GO screen,
    covering its buttons at 80x24."""
    no_go_by_cli(doc_path)
    order = [s.slug for s in specs.steps]
    before = order[order.index("feasibility") - 1]
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, before)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: step_of(app) == "feasibility", "the checklist")
        await until(
            pilot,
            lambda: any("Feasibility is NO-GO" in n for n in notices(app)),
            "a notice that the checklist says NO-GO",
        )
        assert not any("outside the wizard" in n for n in notices(app)), notices(app)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, NoGoScreen), "the NO-GO screen")
        await settle(pilot)
        assert notices(app) == []  # nothing left over the screen's buttons


def bottom_edge(app: object) -> str:
    box = app.screen.query_one(".dialog-box")  # type: ignore[attr-defined]
    return str(box.border_subtitle)


async def test_the_no_go_screen_says_to_tab_to_its_buttons(doc_path: Path, specs: Specs) -> None:
    """QA9a finding 8: the screen opens with no button under the cursor (typing cannot press
    one), so Enter did nothing and nothing said why. Its bottom edge says it, at 80x24."""
    no_go_by_cli(doc_path)
    app = app_for(doc_path, specs)
    async with app.run_test(size=SMALL) as pilot:
        await go_to(pilot, "feasibility")
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, NoGoScreen), "the NO-GO screen")
        await settle(pilot)
        assert app.screen.focused is None
        assert "Tab to the buttons" in bottom_edge(app)
        assert "Tab to the buttons" in screen_text(app)  # drawn, not cut off
        await pilot.press("enter")
        await until(pilot, lambda: "Tab to a button first" in bottom_edge(app), "Enter answered")
        assert isinstance(app.screen, NoGoScreen)  # the safety stays: Enter pressed nothing
        await pilot.press("tab")
        await until(pilot, lambda: app.screen.focused is not None, "a button has the cursor")
        assert bottom_edge(app) == ""
        await pilot.press("enter")  # now it presses the button
        await until(pilot, lambda: not isinstance(app.screen, NoGoScreen), "the screen closed")


def screen_text(app: object) -> str:
    svg = app.export_screenshot()  # type: ignore[attr-defined]
    return svg.replace("&#160;", " ")  # type: ignore[no-any-return]
