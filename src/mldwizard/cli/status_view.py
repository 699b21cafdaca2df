"""``mldwizard status`` in the terminal: one document in detail, or a portfolio."""

from __future__ import annotations

import datetime as dt
import sys

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..core.health import DocumentHealth
from ..core.identity import now
from ..core.workshops import open_actions

FRESHNESS_STYLE = {"empty": "dim", "fresh": "green", "review-due": "yellow", "drifted": "bold red"}


def _console() -> Console:
    # Piped into a CI log there is no terminal width to respect: use a readable one.
    return Console(highlight=False, width=None if sys.stdout.isatty() else 132)


def show_status(health: DocumentHealth) -> None:
    console = _console()
    doc = health.doc
    console.print(Text(f"{doc.project.title}  ({health.path})", style="bold"))
    steps = Table(expand=True, box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    steps.add_column("#", justify="right", no_wrap=True)
    steps.add_column("Step", ratio=2, min_width=14)
    steps.add_column("Status", no_wrap=True)
    steps.add_column("Owners", ratio=1, min_width=8)
    for column in ("Updated", "Reviewed", "Rev", "Freshness", "Req."):
        steps.add_column(column, no_wrap=True)
    for s in health.steps:
        steps.add_row(
            str(s.step.number or ""),
            Text(s.step.title),
            s.state.status,
            Text(", ".join(s.state.owners) or "-"),
            _date(s.state.updated),
            _date(s.state.reviewed),
            str(s.state.revision),
            Text(s.freshness, style=FRESHNESS_STYLE[s.freshness]),
            f"{s.progress.required_answered}/{s.progress.required}",
        )
    console.print(steps)
    people = Table(title="People", title_justify="left", expand=False)
    for column in ("Handle", "Name", "Steps owned", "Only owner of", "Updates"):
        people.add_column(column)
    for p in health.people:
        people.add_row(
            Text(p.handle),
            Text(p.name),
            str(len(p.owns)),
            Text(", ".join(p.sole_owner_of) or "-"),
            str(p.updates),
        )
    console.print(people)
    actions = open_actions(doc)
    if actions:
        table = Table(title="Open action items (from workshops)", title_justify="left")
        for column in ("Workshop", "Action", "Owner", "Due"):
            table.add_column(column)
        for w, a in actions:
            overdue = a.due is not None and a.due < now().date()
            table.add_row(
                w.id,
                Text(a.text),
                Text(a.owner or "-"),
                Text(a.due.isoformat() if a.due else "-", style="bold red" if overdue else ""),
            )
        console.print(table)
    single = ", ".join(s.step.slug for s in health.single_owner_steps) or "none"
    bus = health.bus_factor
    console.print(
        Text.assemble(
            ("Bus factor: ", "bold"),
            (str(bus), "bold red" if bus < 2 else "bold green"),
            "   single-owner steps: ",
            single,
        )
    )
    console.print(
        Text.assemble(
            ("Should this be ML at all? ", "bold"),
            health.gate_verdict or "pending",
            ("   Feasibility: ", "bold"),
            health.feasibility_verdict or "pending",
        )
    )


def _date(moment: dt.datetime | None) -> str:
    return moment.strftime("%y-%m-%d") if moment else ""


def show_portfolio(healths: list[DocumentHealth]) -> None:
    console = _console()
    table = Table(title="Portfolio", title_justify="left", expand=True)
    for column in (
        "Document",
        "Title",
        "Complete",
        "Fresh",
        "Review due",
        "Drifted",
        "Bus factor",
        "Gate",
        "Feasibility",
    ):
        table.add_column(column)
    for h in healths:
        count = {
            f: sum(1 for s in h.steps if s.freshness == f)
            for f in ("fresh", "review-due", "drifted")
        }
        chapters = [s for s in h.steps if s.step.kind == "chapter"]
        done = sum(1 for s in chapters if s.progress.complete)
        table.add_row(
            Text(str(h.path)),
            Text(h.doc.project.title),
            f"{done}/{len(chapters)}",
            str(count["fresh"]),
            Text(str(count["review-due"]), style="yellow" if count["review-due"] else ""),
            Text(str(count["drifted"]), style="bold red" if count["drifted"] else ""),
            Text(str(h.bus_factor), style="bold red" if h.bus_factor < 2 else ""),
            h.gate_verdict or "pending",
            h.feasibility_verdict or "pending",
        )
    console.print(table)
