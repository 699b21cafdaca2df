"""The wizard shows freshness in the sidebar and a status screen, read from git in a thread."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from mldwizard.core import edits, storage
from mldwizard.core.specs import Specs
from mldwizard.tui.screens.status import StatusScreen

from .helpers import SIZE, app_for, settle


def git(repo: Path, *args: str, date: str = "2026-11-29T10:00:00Z") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


@pytest.fixture
def drifted(tmp_path: Path, specs: Specs, make_doc, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "t")
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-01T12:00:00Z")
    path = make_doc()

    def change(d):  # type: ignore[no-untyped-def]
        step = specs.resolve("serving")
        edits.set_answer(d, step, "cost", "About 300 EUR a month.")
        edits.set_list_field(d, step, "code_paths", ["services/**"])

    storage.update_document(path, specs, "t", change)
    (tmp_path / "services").mkdir()
    (tmp_path / "services" / "api.py").write_text("x = 1\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "Speed up the API")
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-30T12:00:00Z")
    return path


async def test_sidebar_marks_drift_and_status_screen_explains(drifted: Path, specs: Specs) -> None:
    app = app_for(drifted, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.wizard_screen.health is not None
        serving = app.wizard_screen.health.steps[
            [s.step.slug for s in app.wizard_screen.health.steps].index("serving")
        ]
        assert serving.freshness == "drifted"
        sidebar = app.screen.query_one("#sidebar")
        prompt = sidebar.get_option("serving").prompt  # type: ignore[attr-defined]
        assert "code changed" in str(prompt)
        await pilot.press("f5")
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, StatusScreen)
        drift = str(app.screen.query_one("#st-drift").render())
        assert "services/api.py" in drift and "Serving" in drift
        summary = str(app.screen.query_one("#st-summary").render())
        assert "Bus factor: 0" in summary
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.wizard_screen
