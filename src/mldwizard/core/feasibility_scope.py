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
    marked = [
        Gap(i, s)
        for i in spec.items
        if (s := items.get(i.id)) is not None and s.in_scope and s.status not in (None, "met")
    ]
    left_out = [g for g in marked if g.state.scope_note.strip()]
    unsaid = [g for g in marked if not g.state.scope_note.strip()]
    why_not = (
        [
            f"Marked as holding within {scope} without saying why, so not counted there: "
            + "; ".join(item_name(g) for g in unsaid)
            + " (say why with mldwizard set PATH feasibility ITEM --scope-note TEXT)."
        ]
        if unsaid
        else []
    )
    if not left_out:
        if unsaid:
            return replace(whole, reasons=[*whole.reasons, *why_not])
        note = (
            f"Within {scope}: no item that is not Met is marked as holding within it, so the "
            "scope changes nothing; mark those that hold there, saying why (mldwizard set "
            "PATH feasibility ITEM --in-scope --scope-note TEXT)."
        )
        return replace(whole, reasons=[*whole.reasons, note])
    better = within.verdict == "GO" or (
        whole.verdict == "NO-GO" and within.verdict == "CONDITIONAL"
    )
    if not better:
        return replace(whole, reasons=[*whole.reasons, _why_not(scope, whole, within), *why_not])
    names = "; ".join(item_name(g) for g in left_out)
    beyond = f"The whole project stays {whole.verdict} until these hold beyond it: {names}."
    only = _only(scope)
    relies = "The scope relies on: " + "; ".join(
        f"{item_name(g)} ({g.status}), because {g.state.scope_note.strip().rstrip('.')}"
        for g in left_out
    )
    if within.verdict == "GO":
        head = f"SCOPE-DOWN: GO for {only}. Build that first. {relies}. {beyond}"
    else:
        head = (
            f"SCOPE-DOWN: CONDITIONAL for {only}. Build that first, while the gaps "
            f"below are closed, each by its owner and due date. {relies}. {beyond}"
        )
    return replace(
        within,
        verdict="SCOPE-DOWN",
        reasons=[head, *within.reasons[1:], *why_not],
        scoped=left_out,
    )


def _only(scope: str) -> str:
    """ "English tickets only", whether or not the scope already ends in "only"."""
    words = scope.rstrip(" .").split()
    if words and words[-1].lower() == "only":
        return scope.rstrip(" .")
    return f"{scope} only"


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
