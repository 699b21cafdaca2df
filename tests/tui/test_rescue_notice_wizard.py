"""The wizard announces rescue copies of its document: a notification when it opens
(Pilot), and the list again after quitting (the real program in tmux)."""

from __future__ import annotations

import shlex
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mldwizard.core.specs import Specs

from .helpers import SIZE, app_for, settle
from .test_tab_burst_tmux import Tmux

STAMP = "20261203T080000Z"


@pytest.fixture
def copy(doc_path: Path) -> Path:
    path = doc_path.with_name(f"{doc_path.stem}.unsaved-{STAMP}.toml")
    shutil.copyfile(doc_path, path)
    return path


async def test_the_wizard_says_on_mount_which_copies_exist(
    doc_path: Path, specs: Specs, copy: Path
) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notes = [n for n in app._notifications if n.title == "Unsaved copies"]
        assert len(notes) == 1
        assert str(copy) in notes[0].message and "2026-12-03 08:00 UTC" in notes[0].message
        assert notes[0].timeout >= 30


async def test_no_notice_without_copies(doc_path: Path, specs: Specs) -> None:
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not [n for n in app._notifications if n.title == "Unsaved copies"]


@pytest.fixture
def shell(tmp_path: Path, doc_path: Path) -> Iterator[Tmux]:
    """``mldwizard edit`` in tmux, with the shell's screen kept after it ends."""
    edit = shlex.join([sys.executable, "-m", "mldwizard", "edit", str(doc_path)])
    session = Tmux(tmp_path / "tmux.sock", ["sh", "-c", shlex.quote(f"{edit}; sleep 600")])
    yield session
    session.run("kill-server")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_the_wizard_lists_the_copies_again_on_quit(shell: Tmux, copy: Path) -> None:
    shell.shown("Unsaved copies")
    shell.run("send-keys", "C-q")
    shell.shown(": saved.")
    shell.shown("1 unsaved copy of design.toml")
    assert copy.name in shell.run("capture-pane", "-p", "-J")
