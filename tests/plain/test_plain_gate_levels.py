"""Plain mode's gate verdict in a real terminal of 80x24: a new level in words, the warning
when the verdict rests on opinion only, and an override to a new level."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mldwizard.core import edits, storage
from mldwizard.core.specs import Specs
from mldwizard.core.verdicts import LEVEL_ADVICE

from ..conftest import load
from ..gate_answers import EMAIL_TRIAGE
from .terminal import DOWN, ENTER, ESC_ENTER, PlainTerminal, start

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")


def test_an_existing_model_on_opinion_only_then_an_override_to_do_not_build(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    gate = specs.resolve("gate")

    def answer(d):  # type: ignore[no-untyped-def]
        for qid, value in EMAIL_TRIAGE.items():
            edits.set_answer(d, gate, qid, value)

    storage.update_document(doc_path, specs, "tester", answer)
    assert load(doc_path, specs).gate.verdict == "existing-model"
    term = start(terminals, doc_path, "gate", cols=80)
    for question in gate.questions:
        if question.id in EMAIL_TRIAGE or question.id == "notes":
            term.wait_for_prompt(question.prompt + (" *" if question.required else ""))
            term.type(ESC_ENTER if question.kind == "long_text" else ENTER)  # keep it
    term.wait_for_prompt("Override this verdict (with a reason)?")
    # What a person reads above the prompt, on the 24 rows of the screen.
    assert term.shows("Verdict: Use an existing model or API"), term.text
    assert term.shows("No measurement yet: the verdict rests on opinion only."), term.text
    assert term.shows("on 200 labelled cases before building"), term.text
    assert term.shows(LEVEL_ADVICE["existing-model"]), term.text
    assert term.shows("measure it on your data before building one"), term.text
    assert all(len(line) <= 80 for line in term.lines)
    term.type("y")
    term.wait_for_prompt("Your verdict:")
    for label in ("A rule will do", "Use an existing model or API", "Do not build this"):
        term.wait_for(label)
    term.type(DOWN * 4)  # after a rule, an existing model, a simple and a complex model
    term.type(ENTER)
    term.wait_for_prompt("Why?")
    reason = "Nobody has asked the sales team whether they would read the sorted mail"
    term.type_and_see(reason)
    term.type(ESC_ENTER)
    assert term.finish() == 0
    saved = load(doc_path, specs).gate
    assert (saved.verdict, saved.override, saved.override_reason) == (
        "existing-model",
        "do-not-build",
        reason,
    )
