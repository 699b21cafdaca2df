"""The gate's verdict in plain mode, and an override with a written reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import edits
from ..core.specs import LEVELS, StepSpec
from ..core.verdicts import gate_advice, gate_pending, gate_result, level_label
from .prompts import Interrupted

if TYPE_CHECKING:
    from .runner import PlainRun


def verdict_and_override(run: PlainRun, step: StepSpec) -> None:
    result = gate_result(run.doc, run.specs)
    if result is None:
        return
    prompts = run.prompts
    say = prompts.say
    if result.verdict is None:
        say(f"Verdict: {gate_pending(run.doc, run.specs, result)}", "bold")
        return
    say(f"Verdict: {level_label(result.verdict)}", "bold reverse")
    if result.opinion_only:
        say(result.opinion_only, "bold yellow")
    for reason in result.reasons:
        say(f"  - {reason}")
    advice = gate_advice(result)
    if advice:
        say(advice, "yellow")
    if not prompts.confirm("gate.override", "Override this verdict (with a reason)?", False):
        return
    level = prompts.select(
        "gate.override.level", "Your verdict:", [(level_label(lv), lv) for lv in LEVELS], None
    )
    try:
        reason = prompts.text(
            "gate.override.reason",
            "Why?",
            "",
            True,
            lambda t: None if t.strip() else "a reason is required",
        )
    except Interrupted as stop:
        # A level and a written reason make an override, as in the wizard.
        typed = stop.typed if isinstance(stop.typed, str) else ""
        if typed.strip():
            if run.save(step.slug, lambda d: edits.set_override(d, level, typed)):
                run.kept = f"Your override and its reason are saved in {run.path}."
            else:
                run.keep_copy("gate.override_reason", typed, "could not be saved")
        raise
    run.save(step.slug, lambda d: edits.set_override(d, level, reason))
