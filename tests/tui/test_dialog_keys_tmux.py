"""The real ``python -m mldwizard edit`` in tmux: keys sent to dialogs in one burst, as the
tester did (QA report on issue 10, items 2 and 5)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mldwizard.core import edits, storage
from mldwizard.core.specs import Specs

from ..conftest import load
from .test_tab_burst_tmux import Tmux, pytestmark  # noqa: F401 (skipped without tmux)


@pytest.fixture
def approved_doc(doc_path: Path, specs: Specs) -> Path:
    def change(d):  # type: ignore[no-untyped-def]
        edits.set_status(d, specs.resolve("1"), "approved")

    storage.update_document(doc_path, specs, "ana", change)
    return doc_path


@pytest.fixture
def tmux(tmp_path: Path, doc_path: Path) -> Iterator[Tmux]:
    command = [sys.executable, "-m", "mldwizard", "edit", str(doc_path)]
    session = Tmux(tmp_path / "tmux.sock", command)
    yield session
    session.run("kill-server")


def test_tab_enter_in_the_approval_dialog_presses_a_button_not_a_newline(
    approved_doc: Path, tmux: Tmux, specs: Specs
) -> None:
    tmux.shown("status approved")
    tmux.run("send-keys", "-l", "Typed")  # the cursor is in the first unanswered question
    tmux.shown("is approved")  # the autosave asks, a second after the typing stopped
    tmux.run("send-keys", "Tab", "Enter")  # one burst: the first button, pressed
    tmux.until(lambda: "is approved" not in tmux.screen(), "the dialog closed")
    tmux.run("send-keys", "C-q")
    tmux.until(lambda: not tmux.running(), "the wizard quit")
    state = load(approved_doc, specs).chapters["essentials"]
    assert state.answers["summary"] == "Typed"  # no newline from the Enter
    assert state.status == "review"


def test_a_burst_in_the_people_dialog_fills_each_field(
    tmux: Tmux, doc_path: Path, specs: Specs
) -> None:
    tmux.shown("1. Essentials")
    tmux.run("send-keys", "F4")
    tmux.shown("type a new handle")
    tmux.run("send-keys", "ann", "Tab", "Ann Lee", "Tab", "Designer", "Enter")
    tmux.shown("Added ann.")
    tmux.run("send-keys", "Escape")
    tmux.until(lambda: "type a new handle" not in tmux.screen(), "the dialog closed")
    tmux.run("send-keys", "C-q")
    tmux.until(lambda: not tmux.running(), "the wizard quit")
    person = load(doc_path, specs).person("ann")
    assert person is not None
    assert (person.name, person.role) == ("Ann Lee", "Designer")
