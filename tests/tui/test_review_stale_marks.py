"""The review screen when the answers change under it (QA10a #1 and #4): the header says the
step is approved and changed since, as F5 does, and ``y`` names the mark made
before the change, with the answers changed, until it is marked again; the confirmation then
names what changed since the approved revision."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from mldwizard.tui.screens.review import ReviewScreen
from mldwizard.tui.screens.review_dialogs import ApproveDialog

from ..review_docs import cli, load, make_reviewable
from .helpers import until
from .review_keys import NARROW, _app, _on_review, _summary, _text


async def test_a_change_from_outside_needs_its_marks_again_before_approving(
    tmp_path: Path,
) -> None:
    path = make_reviewable(tmp_path)
    assert cli("review", path, "beta", "--by", "bo", "--item", "sized", "--mark", "met",
               "--reason", "ten by ten") == 0  # fmt: skip
    assert cli("review", path, "beta", "--by", "bo", "--approve") == 0
    app = _app(path, by="ana")
    async with app.run_test(size=NARROW) as pilot:
        await _on_review(pilot, app)
        assert "Beta chapter, approved (revision 2); reviewing as ana" in _summary(app)
        # The author changes the answer `sized` looks at, from another shell.
        assert cli("set", path, "beta", "size", "Twelve by ten") == 0
        header = "Beta chapter, approved, changed (revision 3)"  # F5's words
        await until(pilot, lambda: header in _summary(app), "the header says it changed")
        assert "approved by bo at revision 2, no longer counted" in _summary(app)

        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, ApproveDialog), "the approve dialog")
        said = " ".join(_text(app.screen.query_one("#approve-blockers", Static)).split())
        assert (
            "item sized was marked Met by bo at revision 2 (its note: ten by ten); "
            "changed since: Size: mark it again" in said
        )
        assert not app.screen.query("#approve-ok")  # nothing to confirm
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "back on the review")

        await pilot.press("m")  # sized, Met again: ana's, on revision 3
        await until(
            pilot,
            lambda: load(path)[0].step("beta").review.marks["sized"].by == "ana",
            "the mark given again",
        )
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, ApproveDialog), "the approve dialog")
        said = " ".join(_text(app.screen.query_one("#approve-blockers", Static)).split())
        assert "Changed since bo's review of revision 2" in said and "Size" in said
        await pilot.click("#approve-ok")
        await until(
            pilot, lambda: load(path)[0].step("beta").review.approvals[-1].by == "ana", "saved"
        )
    state = load(path)[0].step("beta")
    assert state.status == "approved" and state.review.marks["sized"].revision == 3
