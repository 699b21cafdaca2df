"""What every wizard test run in this process shares."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def quit_again_at_any_pace(monkeypatch: pytest.MonkeyPatch) -> None:
    """A second Ctrl+Q quits anyway (keeping a copy) only within ``QUIT_AGAIN_S`` of a quit
    that could not save. Tests press it as soon as the first quit has ended, and on a loaded
    machine that was once more than the 5 s: the wizard asked again, no test step answered,
    and the run hung until pytest's timeout. The window is the author's, not the machine's."""
    monkeypatch.setattr("mldwizard.tui.app.QUIT_AGAIN_S", 600.0)
