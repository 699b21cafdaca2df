"""Plain mode's word on a weak answer, right after it is given: each lint finding on it
(not silenced), with its fix and the command that silences it for this answer."""

from __future__ import annotations

from pathlib import Path

from ..core.document import Document
from ..core.identity import now
from ..core.lint import LintContext, lint_question
from ..core.specs import Question, Specs, StepSpec
from .command_hints import command_line
from .prompts import Prompts


def say_lint(
    prompts: Prompts, path: Path, doc: Document, specs: Specs, step: StepSpec, question: Question
) -> None:
    found = lint_question(LintContext(doc, specs, now().date()), step, question)
    for finding in (f for f in found if f.silenced is None):
        prompts.say(f"  {finding.code} {finding.message}. {finding.fix}", "yellow")
        ref = f"{step.slug}.{question.id}"
        silence = command_line("lint", path, specs, "--silence", ref, finding.code, "--reason")
        prompts.say(f"  (if it does not apply here: {silence} TEXT)", "dim")
