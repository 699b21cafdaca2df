"""Snapshots of the key screens (120x36, fixed clock and author, the bundled example).

Update after an intended change with: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mldwizard.core.examples import EXAMPLE_NAME, example_path
from mldwizard.core.specs import Specs
from mldwizard.tui.factory import make_app

from .helpers import SIZE
from .scenarios import VIEWS


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # paths on screen are relative, so snapshots are stable
    shutil.copy(example_path(), tmp_path / EXAMPLE_NAME)
    return Path(EXAMPLE_NAME)


@pytest.mark.parametrize("view", ["chapter-help", "gate-verdict", "feasibility-no-go", "overview"])
def test_snapshot(view: str, example: Path, specs: Specs, snap_compare: Callable[..., Any]) -> None:
    app = make_app(example, specs, "tester", still=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=VIEWS[view])
