"""Plain mode on the bundled example, the way a tester drove it: the real ``mldwizard
chapter ex.toml N --plain`` in a pty at 80x24, Esc then Enter on every question.
Stepping through without changing anything changes nothing (a multi-choice answer stored
out of choice order included); text typed after a long answer goes on its last line."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.specs import Specs

from ..conftest import load
from .terminal import (
    ESC_ENTER,
    PlainTerminal,
    compact,
    prompt_of,
    start,
    step_through,
    strip_styles,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

SAVED = "change(s) saved in"


@pytest.fixture
def example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "ex.toml"
    assert main(["new", str(path), "--example", "--no-input"]) == 0
    capsys.readouterr()
    return path


def _out_of_order(example: Path, specs: Specs, slug: str) -> list[str]:
    """The step's multi-choice answers the example stores out of choice order."""
    answers = load(example, specs).step(slug).answers
    step = specs.resolve(slug)
    return [
        q.id
        for q in step.questions
        if q.kind == "multi_choice"
        and isinstance(answers.get(q.id), list)
        and answers[q.id] != [c for c in q.choices or [] if c in answers[q.id]]
    ]


def _was_asked(asked: list[str], prompt: str) -> bool:
    return any(question in (prompt, prompt + " *") for question in asked)


def test_stepping_through_a_chapter_changes_nothing(
    example: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    assert _out_of_order(example, specs, "features")  # what the tester's run reordered
    before = example.read_bytes(), example.with_suffix(".md").read_bytes()
    term = start(terminals, example, str(specs.resolve("features").number))
    asked = step_through(term)
    assert _was_asked(asked, prompt_of(specs, "features", "importance_methods"))
    term.wait_for_text(f"Done. 0 {SAVED} {example}")
    assert term.finish() == 0
    assert (example.read_bytes(), example.with_suffix(".md").read_bytes()) == before


def test_text_typed_after_a_long_answer_goes_on_its_last_line(
    example: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    old = load(example, specs).step("integration").answers
    assert old["ci_checks"].endswith(".\n")  # a TOML multi-line string
    assert _out_of_order(example, specs, "integration")
    term = start(terminals, example, str(specs.resolve("integration").number))
    ci_checks = prompt_of(specs, "integration", "ci_checks")
    # Enter pressed before Esc then Enter: blank lines after an answer are no change.
    api_contract = prompt_of(specs, "integration", "api_contract")
    asked = step_through(term, {ci_checks: " PLAINTEST", api_contract: "\r\r"})
    assert _was_asked(asked, api_contract)
    assert _was_asked(asked, ci_checks)
    term.wait_for_text(f"Done. 1 {SAVED} {example}")
    assert term.finish() == 0
    new = load(example, specs).step("integration").answers
    assert new["ci_checks"] == old["ci_checks"][:-1] + " PLAINTEST\n"
    assert {k: v for k, v in new.items() if k != "ci_checks"} == {
        k: v for k, v in old.items() if k != "ci_checks"
    }


def test_a_later_question_is_named_at_every_stage_with_how_to_answer_it(
    example: Path, specs: Specs, terminals: list[PlainTerminal], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["set", str(example), "--stage", "prototype"]) == 0
    capsys.readouterr()
    later = (
        "1 question left for later stages (not asked at prototype): Incidents so far (from "
        f"production). To answer it now: mldwizard set {example} integration "
        'incident_history TEXT, or Enter on its "later" line in the wizard (mldwizard '
        f"chapter {example} integration)."
    )
    term = start(terminals, example, str(specs.resolve("integration").number))
    assert term.wait_for_prompt_or(1, SAVED)
    # Before the first question (it may have scrolled away since) ...
    first = term.raw.decode(errors="replace").split("Enter to finish")[0]
    assert compact(later) in compact(strip_styles(first))
    step_through(term)
    # ... and again on the screen where the chapter ends.
    term.wait_for_text(f"Done. 0 {SAVED} {example}")
    assert term.shows_typed(later), term.text
    assert term.finish() == 0


def test_a_wrapped_answer_starts_no_row_with_a_stray_space(
    example: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    """QA10a #11: at 80 columns the example's rule answer showed '    "2FA", "bloqueado"
    ...' and '    Building them ...': the space after a word that filled a row began the
    next row, one column right of the others."""
    term = start(terminals, example, "baseline")
    term.wait_for("Go on?")  # the chapter is approved
    term.type("y")
    assert term.wait_for_prompt_or(1, SAVED)  # the constant baseline
    term.type(ESC_ENTER)
    assert term.wait_for_prompt_or(2, SAVED)  # its score
    term.type("\r")
    assert term.wait_for_prompt_or(3, SAVED)
    assert term.last_question()[0] == prompt_of(specs, "baseline", "heuristic_baseline") + " *"
    term.settle()
    _, row = term.last_question()
    answer = [line for line in term.lines[row:] if line.startswith(("  ", " ›"))]
    first = next(n for n, line in enumerate(answer) if line.startswith(" › The 212 keyword"))
    rows = [line for line in answer[first + 1 :] if line.strip()]
    assert rows and all(line.startswith("   ") for line in rows), term.text
    assert not any(line.startswith("    ") for line in rows), term.text
    term.type("\x03")
