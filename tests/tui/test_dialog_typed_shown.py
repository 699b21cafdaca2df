"""Keys typed while the conflict dialog opens are shown in it, at every terminal size, and
the footer shows the dialog's keys.

As a tester met it: the dialog held every key, but in an 80x24 terminal its "Typed
meanwhile" line was drawn under the buttons (both at the bottom of the box), so the author
never saw that their words were kept; and the footer still listed the wizard's keys (F4,
F9, ...), not Escape ("Decide later"), the one key the dialog answers to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from mldwizard.core.specs import Specs
from mldwizard.tui.screens.dialogs import ConflictDialog

from .helpers import app_for, settle, until
from .test_conflict_typing import _keys, _theirs


def _shown(app: Any, widget: Static) -> bool:
    """Whether ``widget`` is on the screen and nothing is drawn over it."""
    region = widget.region
    if not region or not app.screen.region.contains_region(region):
        return False
    found, _ = app.screen.get_widget_at(region.x, region.y)
    return bool(found is widget)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_keys_typed_while_the_dialog_opens_are_shown_in_it(
    doc_path: Path, specs: Specs, size: tuple[int, int]
) -> None:
    app = app_for(doc_path, specs, only="essentials")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        app.screen.query_one("#q-summary #input").focus()
        await pilot.press(*_keys("Pickers walk too far. "))
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press(*_keys("Each "))
        _theirs(doc_path, specs)
        push = app.push_screen

        def push_and_type(screen: Any, *args: Any, **kwargs: Any) -> Any:
            pushed = push(screen, *args, **kwargs)
            if isinstance(screen, ConflictDialog):  # the keys arrive while it is mounted
                for key in _keys("pick takes"):
                    app.post_message(events.Key(key, " " if key == "space" else key))
            return pushed

        app.push_screen = push_and_type  # type: ignore[method-assign]
        app.run_worker(app.save(asked=False))  # the autosave after a pause in typing
        await until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the dialog")
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        await until(pilot, lambda: dialog.typed.text == "pick takes", "the keys held")
        await pilot.press(*_keys(" 90 seconds."))
        await until(pilot, lambda: dialog.typed.text.endswith("90 seconds."), "the keys held")
        await pilot.pause()
        line = dialog.query_one("#typed-meanwhile", Static)
        assert str(line.render()).endswith(": pick takes 90 seconds.")
        await until(pilot, lambda: _shown(app, line), f"'Typed meanwhile' visible at {size}")
        await until(
            pilot,
            lambda: any(
                k.key == "escape" and k.description == "Decide later" and k.region
                for k in app.screen.query(FooterKey)
            ),
            "the dialog's keys in the footer",
        )
        footer = [k.key for k in app.screen.query(FooterKey) if k.region]
        assert "f9" not in footer  # the wizard's keys do nothing while the dialog is up
