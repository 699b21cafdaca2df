"""The key views of the wizard on the bundled example, for snapshot tests and screenshots.

Each scenario gets the app to one view through Pilot, as a user would.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.pilot import Pilot
from textual.widgets import Input, Select

from mldwizard.tui.app import WizardApp

Scenario = Callable[[Pilot[None]], Awaitable[None]]


async def _settle(pilot: Pilot[None]) -> None:
    """Let workers, focus changes (which scroll) and animations finish."""
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def _go(pilot: Pilot[None], ref: str) -> None:
    app: WizardApp = pilot.app  # type: ignore[assignment]
    await app.go_to(app.session.specs.resolve(ref))
    await _settle(pilot)


async def _top(pilot: Pilot[None]) -> None:
    """Scroll the step to its top: where focusing left it depends on timing."""
    pilot.app.screen.query_one("#step-view").scroll_home(animate=False)
    await _settle(pilot)


async def chapter_with_help(pilot: Pilot[None]) -> None:
    await _go(pilot, "metrics")
    await _top(pilot)


async def markdown_preview(pilot: Pilot[None]) -> None:
    await _go(pilot, "metrics")
    await pilot.press("f2")
    await _top(pilot)


async def gate_verdict(pilot: Pilot[None]) -> None:
    await _go(pilot, "gate")
    await _top(pilot)


async def feasibility_no_go(pilot: Pilot[None]) -> None:
    await _go(pilot, "feasibility")
    await _top(pilot)  # where the cursor's first item left the scroll depends on timing
    row = pilot.app.screen.query_one("#item-labelled_data")
    row.query_one(".note", Input).value = "Only 300 tickets carry a final queue."
    row.query_one(".condition", Input).value = "Queue labels kept for a year"
    row.query_one(".fatal").value = True  # type: ignore[attr-defined]
    await pilot.pause()
    row.query_one(".status", Select).value = "not-met"
    await _settle(pilot)


async def review_screen(pilot: Pilot[None]) -> None:
    """F8 on a chapter: its answers beside its review items (the example's data chapter has
    an open critical comment); the reviewer is asked once, the last one offered."""
    await _go(pilot, "datasets")
    await pilot.press("f8")
    await _settle(pilot)
    await pilot.press("enter")  # the reviewer offered: the chapter's last one
    await _settle(pilot)


async def overview(pilot: Pilot[None]) -> None:
    await pilot.press("f9")
    await _settle(pilot)


VIEWS: dict[str, Scenario] = {
    "chapter-help": chapter_with_help,
    "markdown-preview": markdown_preview,
    "gate-verdict": gate_verdict,
    "feasibility-no-go": feasibility_no_go,
    "review-screen": review_screen,
    "overview": overview,
}
