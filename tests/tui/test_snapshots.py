"""Snapshots of the key screens (120x36, fixed clock and author, the bundled example).

Update after an intended change with: pytest -n 0 tests/tui/test_snapshots.py --snapshot-update
(in one process: under pytest-xdist, syrupy neither removes nor reports a snapshot no test
uses any more; :func:`test_every_stored_snapshot_is_a_view` reports it instead).
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


SNAPSHOT_VIEWS = ["chapter-help", "gate-verdict", "feasibility-no-go", "overview"]
STORED = Path(__file__).parent / "__snapshots__" / "test_snapshots"


@pytest.mark.parametrize("view", SNAPSHOT_VIEWS)
def test_snapshot(view: str, example: Path, specs: Specs, snap_compare: Callable[..., Any]) -> None:
    app = make_app(example, specs, "tester", still=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=VIEWS[view])


def test_every_stored_snapshot_is_a_view() -> None:
    """A snapshot left behind by a view that is gone (or renamed) fails the run, as syrupy's
    own check does in one process but not under pytest-xdist, which runs the suite."""
    stored = sorted(path.name for path in STORED.iterdir())
    assert stored == sorted(f"test_snapshot[{view}].svg" for view in SNAPSHOT_VIEWS)
