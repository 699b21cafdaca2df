"""Textual's ``prevent`` must not drop messages posted by other widgets' tasks (see
``tui/textual_fixes.py``). On unpatched Textual 8.2.8 a task waiting inside ``prevent``
made every ``TextArea.Changed`` posted meanwhile vanish: letters typed then were in the
field but never reported, so never saved (the hammer test lost them about once in 15)."""

from __future__ import annotations

import asyncio

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Static, TextArea

import mldwizard.tui  # noqa: F401  (installs the fix, as every face of the wizard does)
from mldwizard.tui.textual_fixes import _prevent_in_this_task


class _Typing(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.reported: list[str] = []

    def compose(self) -> ComposeResult:
        yield TextArea(id="field")
        yield Static(id="other")

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.reported.append(event.text_area.text)


async def test_changes_typed_while_another_task_waits_inside_prevent_are_reported() -> None:
    app = _Typing()
    async with app.run_test() as pilot:
        app.query_one("#field").focus()
        await pilot.pause()
        other = app.query_one("#other")
        inside = asyncio.Event()
        release = asyncio.Event()

        async def hold() -> None:  # a handler of a prevented message, awaiting
            with other.prevent(TextArea.Changed):
                inside.set()
                await release.wait()

        other.run_worker(hold())
        await inside.wait()
        for letter in "hello":
            app.post_message(events.Key(letter, letter))
        for _ in range(200):
            if app.query_one("#field", TextArea).text == "hello":
                break
            await pilot.pause(0.01)
        await pilot.pause()
        typed = app.query_one("#field", TextArea).text
        release.set()
        await pilot.pause()
    assert typed == "hello"
    assert app.reported and app.reported[-1] == "hello"


async def test_prevent_still_stops_what_its_own_block_posts() -> None:
    app = _Typing()
    async with app.run_test() as pilot:
        field = app.query_one("#field", TextArea)
        with field.prevent(TextArea.Changed):
            field.text = "from the document"
        field.move_cursor(field.document.end)
        await pilot.pause()
        field.focus()
        await pilot.press("x")
        await pilot.pause()
    assert app.reported == ["from the documentx"]


def test_the_fix_is_installed() -> None:
    from textual.message_pump import MessagePump

    assert MessagePump.prevent is _prevent_in_this_task
