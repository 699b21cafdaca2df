"""Text typed while the cursor is on no text field (Shift+Tab before the first question,
Tab past the last, the step list, the help panel) is never silently dropped: a notice
shows it and says where to type (a tester lost a paragraph to one Shift+Tab too many)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from mldwizard.core.specs import Specs
from mldwizard.tui.screens.typed_ahead import UNTYPED_NOTICE_DELAY_S

from ..conftest import load
from .helpers import SIZE, app_for, go_to, settle, until


def _notices(app: object) -> str:
    return "\n".join(n.message for n in app._notifications)  # type: ignore[attr-defined]


@pytest.mark.parametrize("keys", [["shift+tab"], ["tab"] * 30])
async def test_letters_typed_off_every_field_are_shown_not_dropped(
    doc_path: Path, specs: Specs, keys: list[str]
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "metrics")
        await until(pilot, lambda: isinstance(app.focused, Input | TextArea), "a field")
        for key in keys:
            await pilot.press(key)
            if not isinstance(app.focused, Input | TextArea):
                break
        await pilot.pause()
        assert not isinstance(app.focused, Input | TextArea), app.focused
        await pilot.press(*"vanishing")
        await until(pilot, lambda: "vanishing" in _notices(app), "the notice")
        assert "Not typed: 'vanishing'" in _notices(app)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert "vanishing" not in doc_path.read_text(encoding="utf-8")
    assert load(doc_path, specs) is not None


async def test_typing_in_a_field_gives_no_such_notice(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await go_to(pilot, "metrics")
        await until(pilot, lambda: isinstance(app.focused, Input | TextArea), "a field")
        await pilot.press(*"typed here")
        # Past the notice's delay, and then its timer's call handled, had it been started.
        await pilot.pause(UNTYPED_NOTICE_DELAY_S + 0.1)
        await settle(pilot)
        assert "Not typed" not in _notices(app)
