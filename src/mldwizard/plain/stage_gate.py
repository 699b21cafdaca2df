"""Stage gates in plain mode: the items of the gate the document faces (or passed) are asked
like the feasibility checklist's (``checklist.ask_item``), then the verdict; a gate of a later
stage is one line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.markdown_stage_gates import later_text
from ..core.specs import StepSpec
from ..core.stage_gate_verdicts import stage_gate_result, standing

if TYPE_CHECKING:
    from .runner import PlainRun


def ask_stage_gate(run: PlainRun, step: StepSpec) -> None:
    from .checklist import ask_item

    if standing(run.doc, step) == "later":
        run.prompts.say(f"  {later_text(step)}", "dim")
        return
    for item in step.criteria:
        before = stage_gate_result(run.doc, run.specs, step).verdict or "no verdict yet"
        if ask_item(run, step, item.id):  # the verdict as it changes, not only at the end
            now = stage_gate_result(run.doc, run.specs, step)
            verdict = now.verdict or "no verdict yet"
            moved = f", was {before}" if before != verdict else ""
            style = "bold red" if now.verdict == "NO-GO" else "bold"
            run.prompts.say(f"  {now.name}: {verdict}{moved}", style)
    say_stage_verdict(run, step)


def say_stage_verdict(run: PlainRun, step: StepSpec) -> None:
    result = stage_gate_result(run.doc, run.specs, step)
    run.prompts.say(
        f"{result.name}: {result.verdict}",
        "bold white on red" if result.verdict == "NO-GO" else "bold reverse",
    )
    for reason in result.reasons:
        run.prompts.say(f"  - {reason}")
