"""The bundled example as `new --example` makes it on 2026-12-06 (QA10c's day), made once
a module and copied for each test (making it takes a second or more on a loaded machine)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mldwizard.cli import main

TODAY = "2026-12-06T10:00:00Z"


def make_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("made") / "ex.toml"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MLDWIZARD_NOW", TODAY)
        assert main(["new", str(path), "--example", "--no-input"]) == 0
    return path


def copy_example(made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of ``made`` (with its Markdown), edited on that day by one of its people (so
    no warning about the author muddles the output)."""
    monkeypatch.setenv("MLDWIZARD_NOW", TODAY)
    monkeypatch.setenv("MLDWIZARD_AUTHOR", "mira")
    path = tmp_path / "ex.toml"
    shutil.copyfile(made, path)
    shutil.copyfile(made.with_suffix(".md"), path.with_suffix(".md"))
    return path
