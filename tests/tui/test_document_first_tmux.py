"""``mldwizard PATH`` (QA 14b #14: it was a usage error): a .toml document that exists as
the first argument opens the wizard on it, as ``mldwizard edit PATH`` does, in a real 80x24
terminal; a path that is no document stays the usage error it was."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.examples import example_path

from .test_tab_burst_tmux import pytestmark  # noqa: F401  (skipped without tmux)
from .test_tab_shows_question_tmux import SmallTmux


def test_a_document_as_the_first_argument_opens_the_wizard(tmp_path: Path) -> None:
    path = tmp_path / "ex.toml"
    shutil.copy(example_path(), path)
    tmux = SmallTmux(tmp_path / "tmux.sock", [sys.executable, "-m", "mldwizard", str(path)])
    try:
        tmux.shown("1. Essentials")
        tmux.run("send-keys", "C-q")
        tmux.until(lambda: not tmux.running(), "the wizard quit")
    finally:
        tmux.run("kill-server")


def test_without_a_terminal_it_says_what_edit_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ex.toml"
    shutil.copy(example_path(), path)
    assert main(["edit", str(path)]) == 2
    said = capsys.readouterr()
    assert main([str(path)]) == 2
    assert capsys.readouterr() == said
    assert "edit opens the full-screen wizard and needs a terminal" in said.err


def test_a_missing_document_is_still_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([str(tmp_path / "nope.toml")])
    assert exited.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
