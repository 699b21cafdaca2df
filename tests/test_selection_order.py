"""A multi-choice or people answer is the selection, not its order: giving the same
selection in another order is no change (core/edits.py, the one rule for every face)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core import edits, storage
from mldwizard.core.specs import Specs

from .conftest import load


def test_the_same_selection_in_another_order_is_no_change(
    tmp_path: Path, specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ex.toml"
    assert main(["new", str(path), "--example", "--no-input"]) == 0
    stored = load(path, specs).step("features").answers["importance_methods"]
    assert len(stored) > 1
    before = path.read_bytes()
    assert main(["set", str(path), "features", "importance_methods", *reversed(stored)]) == 0
    assert path.read_bytes() == before  # no revision, no changelog entry, same order
    team = load(path, specs).step("essentials").answers["team"]
    assert len(team) > 1
    step = specs.resolve("essentials")
    storage.update_document(
        path, specs, "tester", lambda d: edits.set_answer(d, step, "team", team[::-1])
    )
    assert path.read_bytes() == before
    # A different selection is a change, in the order given.
    changed = [*reversed(stored[1:])]
    assert main(["set", str(path), "features", "importance_methods", *changed]) == 0
    assert load(path, specs).step("features").answers["importance_methods"] == changed
    capsys.readouterr()
