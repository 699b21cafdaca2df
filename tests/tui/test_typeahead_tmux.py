"""The real ``python -m mldwizard edit`` in tmux: text typed right after Ctrl+N onto a step
that starts with a choice (the gate) stays on that step, even when Ctrl+P and more text
follow in the same write."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mldwizard.core.specs import Specs

from ..conftest import load
from .test_tab_burst_tmux import Tmux, pytestmark  # noqa: F401 (skipped without tmux)

CTRL_N, CTRL_P = "\x0e", "\x10"


@pytest.fixture
def wizard(tmp_path: Path, doc_path: Path) -> Iterator[Tmux]:
    session = Tmux(
        tmp_path / "tmux.sock", [sys.executable, "-m", "mldwizard", "edit", str(doc_path)]
    )
    yield session
    session.run("kill-server")


def _to_step_2(tmux: Tmux) -> None:
    tmux.shown("1. Essentials")
    tmux.run("send-keys", "C-n")
    tmux.shown("2. Is there a problem?")


def _quit(tmux: Tmux) -> None:
    tmux.run("send-keys", "C-q")
    tmux.until(lambda: not tmux.running(), "the wizard quit")


def test_text_typed_onto_the_gate_goes_into_its_text_question(
    wizard: Tmux, doc_path: Path, specs: Specs
) -> None:
    _to_step_2(wizard)
    wizard.run("send-keys", "-l", CTRL_N + "NNN")  # one write: Ctrl+N and the text after it
    wizard.shown("NNN")
    _quit(wizard)
    doc = load(doc_path, specs)
    assert doc.step("gate").answers.get("notes") == "NNN"
    assert "problem_statement" not in doc.chapters["problem"].answers


def test_text_typed_onto_the_gate_never_lands_in_step_2_after_ctrl_p(
    wizard: Tmux, doc_path: Path, specs: Specs
) -> None:
    _to_step_2(wizard)
    wizard.run("send-keys", "-l", CTRL_N + "NNN" + CTRL_P + "PPP")  # all in one write
    wizard.shown("PPP")
    # Typed on the gate: kept there, or shown in a notice ("Not kept: 'NNN' ...").
    wizard.until(lambda: "'NNN'" in wizard.screen() or _gate_notes(doc_path, specs), "NNN")
    _quit(wizard)
    doc = load(doc_path, specs)
    assert doc.chapters["problem"].answers.get("problem_statement") == "PPP"
    assert doc.step("gate").answers.get("notes") in (None, "NNN")


def _gate_notes(doc_path: Path, specs: Specs) -> bool:
    return load(doc_path, specs).step("gate").answers.get("notes") == "NNN"
