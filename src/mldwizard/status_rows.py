"""The status tables' rows and summary as rich Text: shared by `mldwizard status` (a rich
Table) and the wizard's status screen (a DataTable), so both say the same thing."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from .core.health import DocumentHealth, PersonLoad, StepHealth
from .core.lint_silence_report import ListedSilence
from .core.review_status import StepReviewState
from .core.stages import stage_text

FRESHNESS_STYLE = {"empty": "dim", "fresh": "green", "review-due": "yellow", "drifted": "bold red"}
STEP_COLUMNS = ("#", "Step", "Status", "Owners", "Updated", "Reviewed", "Rev", "Freshness", "Req.")
PEOPLE_COLUMNS = ("Handle", "Name", "Steps owned", "Only owner of", "Updates")
REVIEW_COLUMNS = ("Step", "Approved by", "Met", "Critical", "Open", "Approval")
"""A reviewed step: who approved which revision, items met of those counted, critical items
not met, open threads, and whether it is approved, can be, or is blocked."""
APPROVAL_STYLE = {
    "approved": "green",
    "blocked": "bold red",
    "more needed": "yellow",
    "can approve": "",
}


def _date(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d") if moment else ""


def step_row(s: StepHealth) -> list[str | Text]:
    return [
        str(s.step.number or ""),
        Text(s.step.title),
        Text("approved, changed", style="bold yellow")
        if s.shown_status == "changed"
        else s.state.status,
        Text(", ".join(s.state.owners) or "-"),
        _date(s.state.updated),
        _date(s.state.reviewed) + (" (ack)" if s.ack is not None else ""),
        str(s.state.revision),
        Text(s.freshness, style=FRESHNESS_STYLE[s.freshness]),
        f"{s.progress.required_answered}/{s.progress.required}",
    ]


def person_row(p: PersonLoad) -> list[str | Text]:
    return [
        Text(p.handle),
        Text(p.name),
        str(len(p.owns)),
        Text(", ".join(p.sole_owner_of) or "-"),
        str(p.updates),
    ]


def review_row(r: StepReviewState, na_on_own_line: bool = False) -> list[str | Text]:
    """``na_on_own_line``: "2/2" and "3 n/a" on two lines of the cell (F5 at 80 columns
    keeps every column that way); else "2/2, 3 n/a"."""
    s = r.summary
    critical = len(r.critical_not_met)
    met = f"{len(s.met)}/{s.counted}"
    if s.not_applicable:
        met += ("\n" if na_on_own_line else ", ") + f"{len(s.not_applicable)} n/a"
    return [
        Text(r.step.label),
        Text(r.approved_by, style="" if s.approvals else "dim"),
        met,
        Text(f"{critical} not met", style="bold red")
        if critical
        else Text(f"{len(r.critical_unmarked)} not marked", style="yellow")
        if r.critical_unmarked
        else Text("-", style="dim"),
        Text(str(len(s.open)), style="yellow" if s.open else ""),
        Text(r.approval, style=APPROVAL_STYLE[r.approval]),
    ]


def review_blockers(states: list[StepReviewState]) -> Text:
    """What blocks the approval of each blocked step, and what a step approved by some
    still needs ("more needed"), a line each ("" when no step is either)."""
    out = Text()
    for r in states:
        if r.approval == "blocked":
            out.append(f"{r.step.label} cannot be approved:\n", style="bold")
            for blocker in r.summary.blockers:
                out.append(f"  • {blocker}\n")
        elif r.approval == "more needed":
            out.append(f"{r.step.label} needs more approvals:\n", style="bold")
            for lacking in r.summary.lacking:
                out.append(f"  • {lacking}\n")
    return out


def silence_lines(listed: list[ListedSilence]) -> Text:
    """The silences as lines that wrap at any width (the wizard's F5): where, which code,
    who and when, then the reason; a stale one says why. A blank line between two."""
    out = Text()
    for n, x in enumerate(listed):
        s = x.silence
        if n:
            out.append("\n")
        given = " ".join(
            part for part in (f"by {s.by}" if s.by else "", f"on {s.on}" if s.on else "") if part
        )
        out.append(f"{x.step.label} › {x.question_title}: ", style="bold")
        out.append(f"{s.code} ({x.rule_title})" + (f", silenced {given}" if given else "") + "\n")
        out.append(f"  {s.reason}\n")
        if x.stale:
            out.append(f"  Stale: {x.stale}.\n", style="bold yellow")
    out.rstrip()
    return out


def summary(health: DocumentHealth) -> Text:
    bus = health.bus_factor
    single = ", ".join(s.step.slug for s in health.single_owner_steps) or "none"
    return Text.assemble(
        ("Stage: ", "bold"),
        f"{stage_text(health.doc.stage)}\n",
        ("Bus factor: ", "bold"),
        (str(bus), "bold red" if bus < 2 else "bold green"),
        f"   single-owner steps: {single}\n",
        ("Should this be ML at all? ", "bold"),
        health.gate_label,
        ("   Feasibility: ", "bold"),
        health.feasibility_verdict or "pending",
    )
