"""SCOPE-DOWN: what the checklist's named scope gives.

The items marked as holding within the scope (``in_scope``) count as Met there, if their
evidence stands. A scope that makes the verdict better gives SCOPE-DOWN: GO within it, or
CONDITIONAL within it while the whole project is NO-GO (then with its conditions, each with
an owner and a due date). A scope that changes nothing is explained, never ignored:
"Within English tickets: CONDITIONAL, not GO, because ...".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from .document import FeasibilityItem
from .feasibility_gaps import FeasibilityResult, Gap, item_name
from .specs import StepSpec


def scope_down(
    spec: StepSpec,
    items: Mapping[str, FeasibilityItem],
    scope: str,
    whole: FeasibilityResult,
    within: FeasibilityResult,
) -> FeasibilityResult:
    """The verdict once the scope is read: SCOPE-DOWN when the scope makes it better, else
    ``whole`` with a reason saying what the scope gives and why."""
    left_out = [
        Gap(i, s)
        for i in spec.items
        if (s := items.get(i.id)) is not None and s.in_scope and s.status != "met"
    ]
    if not left_out:
        note = (
            f"Within {scope}: no item that is not Met is marked as holding within it, so the "
            "scope changes nothing; mark those that hold there (mldwizard set PATH "
            "feasibility ITEM --in-scope)."
        )
        return replace(whole, reasons=[*whole.reasons, note])
    better = within.verdict == "GO" or (
        whole.verdict == "NO-GO" and within.verdict == "CONDITIONAL"
    )
    if not better:
        return replace(whole, reasons=[*whole.reasons, _why_not(scope, whole, within)])
    names = "; ".join(item_name(g) for g in left_out)
    beyond = f"The whole project stays {whole.verdict} until these hold beyond it: {names}."
    if within.verdict == "GO":
        head = f"SCOPE-DOWN: GO for {scope} only. Build that first. {beyond}"
    else:
        head = (
            f"SCOPE-DOWN: CONDITIONAL for {scope} only. Build that first, while the gaps "
            f"below are closed, each by its owner and due date. {beyond}"
        )
    return replace(
        within, verdict="SCOPE-DOWN", reasons=[head, *within.reasons[1:]], scoped=left_out
    )


def _why_not(scope: str, whole: FeasibilityResult, within: FeasibilityResult) -> str:
    """ "Within X: CONDITIONAL, not GO, because ..."."""
    said: str = within.verdict or "no verdict yet"
    if within.verdict == whole.verdict:
        said = f"still {said}"
    elif within.verdict in ("CONDITIONAL", "NO-GO"):
        said = f"{said}, not GO"
    if within.verdict == "NO-GO" and within.fatal:
        because = [f"{item_name(g)} ({g.blocking_reason.lower()})" for g in within.fatal]
    elif within.verdict == "CONDITIONAL":
        because = [f"{item_name(g)} ({g.status})" for g in within.conditions]
        not_met = within.not_met_gaps
        if len(not_met) > 1:
            because.append(f"{len(not_met)} non-critical items Not met")
    else:
        because = [_headline(within.reasons[0])] if within.reasons else []
    return f"Within {scope}: {said}, because: " + "; ".join(because) + "."


def _headline(reason: str) -> str:
    """A reason without its verdict and its closing stop."""
    head, sep, rest = reason.partition(": ")
    text = rest if sep and head.isupper() else reason
    return text.rstrip(".")
