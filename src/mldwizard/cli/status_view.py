"""``mldwizard status`` in the terminal: one document in detail, or a portfolio."""

from __future__ import annotations

import sys
from pathlib import Path

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


NARROW_BELOW = 100
"""Below this many columns the step table leaves out its dates (as F5 does) rather than cut
an owner or the freshness; the portfolio puts each title under its document."""
DATES = ("Updated", "Reviewed")


def show_status(health: DocumentHealth) -> None:
    console = _console()
    doc = health.doc
    console.print(Text(f"{doc.project.title}  ({health.path})", style="bold"))
    narrow = console.width < NARROW_BELOW
    shown = [i for i, c in enumerate(STEP_COLUMNS) if not (narrow and c in DATES)]
    handles = [h for s in health.steps for h in s.state.owners]
    steps = Table(expand=True, box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    for i in shown:
        column = STEP_COLUMNS[i]
        wraps = column in ("Step", "Owners")
        steps.add_column(
            column,
            no_wrap=not wraps,
            ratio=2 if column == "Step" else None,
            min_width={"Step": 14, "Owners": max(map(len, handles), default=1) + 1}.get(column),
        )
    for s in health.steps:
        row = step_row(s)
        steps.add_row(*(row[i] for i in shown))
    console.print(steps)
    if narrow:
        console.print(
            Text(f"Dates left out below {NARROW_BELOW} columns: mldwizard status --format json"),
            style="dim",
        )
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


def show_portfolio(healths: list[DocumentHealth], unloadable: dict[Path, str]) -> None:
    """A row per document; the verdicts, what a row is for, are never cut. Documents that
    do not load are named under the table, with why."""
    console = _console()
    narrow = console.width < 110
    table = Table(
        title="Portfolio",
        title_justify="left",
        expand=not narrow,  # narrow: each column as wide as it needs, the document's the rest
        box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD,
        pad_edge=not narrow,
        collapse_padding=narrow,
    )
    verdicts = [(h.gate_label, h.feasibility_verdict or "pending") for h in healths]
    longest_word = max((len(w) for v in verdicts for w in v[0].split()), default=4)
    table.add_column("Document", ratio=2, min_width=12, overflow="fold")
    if not narrow:
        table.add_column("Title", ratio=3)
    table.add_column("Stage", no_wrap=True)
    table.add_column("Complete" if not narrow else "Done", no_wrap=True)
    if narrow:
        table.add_column("Due/drift", no_wrap=True)  # review due / drifted
    else:
        for column in ("Fresh", "Review due", "Drifted"):
            table.add_column(column, no_wrap=True)
    table.add_column("Bus factor" if not narrow else "Bus", no_wrap=True)
    table.add_column("Gate", min_width=longest_word)
    table.add_column("Feasibility", no_wrap=True)
    for h, (gate, feasibility) in zip(healths, verdicts, strict=True):
        count = {
            f: sum(1 for s in h.steps if s.freshness == f)
            for f in ("fresh", "review-due", "drifted")
        }
        chapters = [s for s in h.steps if s.step.kind == "chapter"]
        done = sum(1 for s in chapters if s.progress.complete)
        due = Text(str(count["review-due"]), style="yellow" if count["review-due"] else "")
        drifted = Text(str(count["drifted"]), style="bold red" if count["drifted"] else "")
        where = Text(str(h.path))
        if narrow:
            where.append(f"\n{h.doc.project.title}", style="dim")
            cells: list[str | Text] = [where]
        else:
            cells = [where, Text(h.doc.project.title)]
        cells += [STAGE_LABEL[h.doc.stage], f"{done}/{len(chapters)}"]
        if narrow:
            cells.append(Text.assemble(due, "/", drifted))
        else:
            cells += [str(count["fresh"]), due, drifted]
        cells += [
            Text(str(h.bus_factor), style="bold red" if h.bus_factor < 2 else ""),
            Text(gate),
            Text(feasibility),
        ]
        table.add_row(*cells)
    console.print(table)
    for path, error in unloadable.items():
        console.print(Text(f"{path}: does not load: {error}", style="bold red"))
