"""Driving the wizard in tests the way a user does (keys), or its widgets' values."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, TextArea

from mldwizard.core.specs import Specs
from mldwizard.tui.app import WizardApp
from mldwizard.tui.factory import make_app
from mldwizard.tui.screens.wizard import WizardScreen

SIZE = (120, 36)


def app_for(path: Path, specs: Specs, only: str | None = None) -> WizardApp:
    return make_app(path, specs, "tester", only=specs.resolve(only) if only else None)


def wizard(app: WizardApp) -> WizardScreen:
    return app.wizard_screen


async def answer(pilot: Pilot[None], qid: str, value: Any) -> None:
    """Set a question's widget as a user would leave it (typing into text widgets)."""
    app = pilot.app
    widget = app.screen.query_one(f"#q-{qid} #input")
    if isinstance(widget, Input | TextArea):
        widget.focus()
        await pilot.pause()
        if isinstance(widget, Input):
            widget.value = ""
        else:
            widget.text = ""
        text = "\n".join(value) if isinstance(value, list) else str(value)
        await pilot.press(*[_key(c) for c in text])
    elif isinstance(widget, Select):
        widget.value = value
    elif isinstance(widget, SelectionList):
        widget.deselect_all()
        for item in value:
            widget.select(item)
    await pilot.pause()


def _key(char: str) -> str:
    return {"\n": "enter", " ": "space"}.get(char, char)


async def go_to(pilot: Pilot[None], slug: str) -> None:
    app: WizardApp = pilot.app  # type: ignore[assignment]
    step = app.session.specs.resolve(slug)
    await app.go_to(step)
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(
    pilot: Pilot[None], condition: Callable[[], object], what: str, timeout: float = 30
) -> None:
    """Wait (letting the app run) until ``condition()`` holds; fail after ``timeout`` s."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"not reached in {timeout} s: {what}")


def in_sight(widget: Widget) -> bool:
    """Drawn whole on the screen: not cut by the box or the screen's edge, and nothing drawn
    over it (the buttons, docked at the box's bottom, covered the owner and the due date)."""
    screen = widget.screen
    geometry = screen.find_widget(widget)
    region = geometry.region
    if region.height == 0 or region.intersection(geometry.clip) != region:
        return False
    for y in range(region.y, region.bottom):
        for x in (region.x, region.right - 1):
            at, _ = screen.get_widget_at(x, y)
            if at is not widget and widget not in at.ancestors:
                return False
    return True


async def wait_for_watch(
    pilot: Pilot[None], done: Callable[[], object], timeout: float = 60
) -> None:
    """Wait until the file watch has taken the change in (``done()`` holds), however long a
    loaded machine takes (up to ``timeout`` s), letting the app run and settle meanwhile."""
    deadline = time.monotonic() + timeout
    while True:
        await settle(pilot)
        if done():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the file watch did not take the change in {timeout} s")
        await asyncio.sleep(0.25)
