"""F2 shows the current chapter as the reader's document shows it: the answered questions
under their titles, then one line naming the open ones, and it follows what is typed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from mldwizard.core.specs import Specs

from .helpers import SIZE, answer, app_for, go_to, settle, until


def preview_source(app: object) -> str:
    """The Markdown the preview panel renders (rich's Markdown keeps its source)."""
    content = app.screen.query_one("#side-text", Static).content  # type: ignore[attr-defined]
    return str(getattr(content, "markup", ""))


async def test_f2_shows_the_reader_view_of_the_chapter(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await go_to(pilot, "essentials")
        await answer(pilot, "summary", "We route tickets.")
        await pilot.press("f2")
        # Waited for whole: under load the preview may be drawn while keys are still typed.
        await until(pilot, lambda: "We route tickets." in preview_source(app), "the preview")
        text = preview_source(app)
        assert text.startswith("### 1. Essentials\n")
        assert "#### Summary" in text
        assert "TODO" not in text and "#### Team" not in text  # unanswered: not a heading
        open_line = text.strip().splitlines()[-1]
        assert open_line.startswith("*Open: Team (required), ")
        assert "Status updates" in open_line
        # Typing an answer moves it from the open line to its own heading.
        await answer(pilot, "status_updates", "Weekly in the channel.")
        await until(
            pilot, lambda: "Weekly in the channel." in preview_source(app), "the new answer"
        )
        text = preview_source(app)
        assert "#### Status updates" in text
        assert "Status updates" not in text.strip().splitlines()[-1]
