"""``mldwizard status`` in the terminal: one document in detail, or a portfolio."""

from __future__ import annotations

import sys

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..core.health import DocumentHealth
from ..core.identity import now
from ..core.lint_silence_report import checked_silences
from ..core.rescue import rescue_copies, rescue_notice
from ..core.review_status import review_states
from ..core.stages import STAGE_LABEL
from ..core.workshops import open_actions
from ..status_rows import (
    PEOPLE_COLUMNS,
    REVIEW_COLUMNS,
    STEP_COLUMNS,
    person_row,
    review_blockers,
    review_row,
    silence_lines,
    step_row,
    summary,
)
from .stage_gate_views import stage_gate_rows
from .terminal import SafeConsole


def _console() -> Console:
    # Piped into a CI log there is no terminal width to respect: use a readable one.
    return SafeConsole(highlight=False, width=None if sys.stdout.isatty() else 132)


def show_status(health: DocumentHealth) -> None:
    console = _console()
    doc = health.doc
    console.print(Text(f"{doc.project.title}  ({health.path})", style="bold"))
    steps = Table(expand=True, box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    for column in STEP_COLUMNS:
        wraps = column in ("Step", "Owners")
        steps.add_column(
            column,
            no_wrap=not wraps,
            ratio=2 if column == "Step" else None,
            min_width=14 if column == "Step" else None,
        )
    for s in health.steps:
        steps.add_row(*step_row(s))
    console.print(steps)
    people = Table(title="People", title_justify="left", expand=False)
    for column in PEOPLE_COLUMNS:
        people.add_column(column)
    for p in health.people:
        people.add_row(*person_row(p))
    console.print(people)
    reviews = review_states(health)
    if reviews:
        table = Table(title="Reviews", title_justify="left")
        for column in REVIEW_COLUMNS:
            table.add_column(column)
        for r in reviews:
            table.add_row(*review_row(r))
        console.print(table)
        console.print(review_blockers(reviews), end="")
    silences = checked_silences(doc, health.specs, now().date())
    if silences:
        # Not a table: at 80 columns its reason cell became a column of 13 characters. Each
        # silence is a line (where, code, who, when) with its reason whole under it, as F5.
        console.print(Text("Silenced lint findings", style="italic"))
        console.print(silence_lines(silences))
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
    console.print(summary(health))
    for gate_row in stage_gate_rows(doc, health.specs, reasons=True):
        console.print(gate_row)
    for line in rescue_notice(health.path, rescue_copies(health.path)):
        console.print(Text(line, style="yellow"))


def show_portfolio(healths: list[DocumentHealth]) -> None:
    console = _console()
    table = Table(title="Portfolio", title_justify="left", expand=True)
    for column in (
        "Document",
        "Title",
        "Stage",
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
            STAGE_LABEL[h.doc.stage],
            f"{done}/{len(chapters)}",
            str(count["fresh"]),
            Text(str(count["review-due"]), style="yellow" if count["review-due"] else ""),
            Text(str(count["drifted"]), style="bold red" if count["drifted"] else ""),
            Text(str(h.bus_factor), style="bold red" if h.bus_factor < 2 else ""),
            h.gate_label,
            h.feasibility_verdict or "pending",
        )
    console.print(table)
