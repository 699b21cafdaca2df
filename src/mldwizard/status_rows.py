"""The status tables' rows and summary as rich Text: shared by `mldwizard status` (a rich
Table) and the wizard's status screen (a DataTable), so both say the same thing."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from .core.health import DocumentHealth, PersonLoad, StepHealth
from .core.stages import stage_text

FRESHNESS_STYLE = {"empty": "dim", "fresh": "green", "review-due": "yellow", "drifted": "bold red"}
STEP_COLUMNS = ("#", "Step", "Status", "Owners", "Updated", "Reviewed", "Rev", "Freshness", "Req.")
PEOPLE_COLUMNS = ("Handle", "Name", "Steps owned", "Only owner of", "Updates")


def _date(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d") if moment else ""


def step_row(s: StepHealth) -> list[str | Text]:
    return [
        str(s.step.number or ""),
        Text(s.step.title),
        s.state.status,
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
