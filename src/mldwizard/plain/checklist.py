"""The feasibility checklist in plain mode: each item's status and the details a gap needs,
then the verdict. A stage gate's items are asked the same way (see ``stage_gate``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..core import edits
from ..core.document import person_label
from ..core.specs import StepSpec
from ..core.stage_gate_edits import set_gate_item
from ..core.verdicts import feasibility_result
from .prompts import Interrupted
from .stage_gate import items_of, marks_of

if TYPE_CHECKING:
    from .runner import PlainRun

SKIP = "(skip)"
ITEM_STATUSES = [
    ("Met", "met"),
    ("Partial", "partial"),
    ("Not met", "not-met"),
    ("Unknown", "unknown"),
    (SKIP, None),
]


def ask_item(run: PlainRun, step: StepSpec, item_id: str) -> None:
    """One item: its status, the evidence, and for a gap who closes it, how, and whether it
    can be closed at all. Saved when complete; on Ctrl-C, saved with the parts given so far
    (and the text being typed), the others as they were."""
    prompts = run.prompts
    item = next(i for i in items_of(step) if i.id == item_id)
    old = marks_of(run.doc, step).get(item_id)
    key = f"{step.slug}.{item_id}"
    critical = " (critical)" if item.critical else ""
    prompts.say("  " + item.help, "dim")
    status = prompts.select(key, item.text + critical, ITEM_STATUSES, old.status if old else None)
    if status is None:
        return
    parts: dict[str, Any] = {"fatal": False, "closable": False} if status != "not-met" else {}
    if status == "met":
        parts["owner"] = ""  # nobody needs to close a gap that is not there
    asking = f"{key}.note"
    try:
        parts["note"] = prompts.text(
            asking, "Evidence for this status:", old.note if old else "", False, None
        )
        if status != "met":
            people = [(person_label(p), p.handle) for p in run.doc.people] + [(SKIP, None)]
            asking = f"{key}.owner"
            owner = prompts.select(
                asking, "Who closes the gap?", people, old.owner if old else None
            )
            parts["owner"] = owner or ""
            asking = f"{key}.condition"
            parts["condition"] = prompts.text(
                asking, "What would close it?", old.condition if old else "", False, None
            )
            asking = f"{key}.due"
            due = old.due.isoformat() if old and old.due else ""
            parts["due"] = prompts.text(
                asking, "By when (YYYY-MM-DD)?", due, False, _date_problem
            ).strip()
            if status == "not-met":
                asking = f"{key}.closable"
                closable = prompts.confirm(
                    asking,
                    "Can it be closed (by its owner, condition and due date)?",
                    old.closable if old else False,
                )
                parts["closable"], parts["fatal"] = closable, not closable
            if not item.critical:
                asking = f"{key}.waiver"
                parts["waiver"] = prompts.text(
                    asking,
                    "Accepted as it is? Why (blank: not waived):",
                    old.waiver if old else "",
                    False,
                    None,
                )
    except Interrupted as stop:
        field = asking.rsplit(".", 1)[1]
        if isinstance(stop.typed, str) and field in ("note", "condition", "waiver"):
            parts[field] = stop.typed
        if _save_item(run, step, item_id, status, parts):
            run.kept = f"{key}: what you gave so far is saved in {run.path}."
        elif isinstance(stop.typed, str) and stop.typed.strip():
            run.keep_copy(asking, stop.typed, "could not be saved")
        raise
    _save_item(run, step, item_id, status, parts)


def _save_item(
    run: PlainRun, step: StepSpec, item_id: str, status: str, parts: dict[str, Any]
) -> bool:
    if step.kind == "stage-gate":
        return run.save(
            step.slug,
            lambda d: set_gate_item(
                d,
                run.specs,
                step,
                item_id,
                status,
                parts.get("note"),
                parts.get("owner"),
                parts.get("condition"),
                parts.get("fatal"),
                require_details=False,
                due=dt.date.fromisoformat(parts["due"]) if parts.get("due") else None,
                clear_due="due" in parts and not parts["due"],
                waiver=parts.get("waiver"),
                closable=parts.get("closable"),
            ),
        )
    return run.save(
        step.slug,
        lambda d: edits.set_item(
            d,
            run.specs,
            item_id,
            status,
            parts.get("note"),
            parts.get("owner"),
            parts.get("condition"),
            parts.get("fatal"),
            require_details=False,
            due=dt.date.fromisoformat(parts["due"]) if parts.get("due") else None,
            clear_due="due" in parts and not parts["due"],
            waiver=parts.get("waiver"),
            closable=parts.get("closable"),
        ),
    )


def _date_problem(text: str) -> str | None:
    if not text.strip():
        return None
    try:
        dt.date.fromisoformat(text.strip())
    except ValueError:
        return "Write the date as YYYY-MM-DD, e.g. 2027-01-31 (blank: none yet)"
    return None


def say_verdict(run: PlainRun) -> None:
    result = feasibility_result(run.doc, run.specs)
    if result is None:
        return
    say = run.prompts.say
    verdict = result.verdict or f"pending ({len(result.missing)} item(s) without a status)"
    say(
        f"Feasibility: {verdict}",
        "bold white on red" if result.verdict == "NO-GO" else "bold reverse",
    )
    for reason in result.reasons:
        say(f"  - {reason}")
    for gap in result.fatal + result.conditions:
        if gap.state.condition:
            say(f"  - {gap.item.text} {gap.state.condition}")
    if result.verdict == "NO-GO":
        say("Found now, not in month nine: the document records why.", "bold")
