"""The status screen: owners, freshness, code drift, bus factor, the review state of each
reviewed step and the lint findings silenced (as `mldwizard status`)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ...core.errors import MldwizardError
from ...core.health import DocumentHealth
from ...core.identity import now
from ...core.lint_silence_report import ListedSilence, checked_silences
from ...core.review_status import review_states
from ...core.session import Session
from ...status_rows import (
    person_row,
    review_blockers,
    review_row,
    silence_lines,
    step_row,
    summary,
)
from ..health import HealthReady, read_health
from ..widgets.fitted_table import Column, FittedTable

# At 80 columns the table keeps #, Step (whole: the dates and the revision go first), Status,
# Owners, Freshness and Required.
STEP_COLUMNS = [
    Column("#", priority=5),
    Column("Step", flex=True, min_width=16),
    Column("Status", priority=8),
    Column("Owners", priority=6),
    Column("Updated", priority=3, yields=True),
    Column("Reviewed", priority=2, yields=True),
    Column("Rev", priority=1, yields=True),
    Column("Freshness", priority=7),
    Column("Required", priority=4),
]
# At 80 columns: Step (wrapped), Met, Critical, Open and Approval; Approved by when it fits.
REVIEW_COLUMNS = [
    Column("Step", flex=True, min_width=12),
    Column("Approved by", priority=5),
    Column("Met", priority=6),
    Column("Critical", priority=8),
    Column("Open", priority=7),
    Column("Approval", priority=9),
]
PEOPLE_COLUMNS = [
    Column("Handle", priority=9),
    Column("Name", priority=5),
    Column("Steps owned", priority=6),
    Column("Only owner of", flex=True),
    Column("Updates", priority=4),
]


class SilencesReady(Message):
    """Posted (from the worker) with the document's silenced lint findings."""

    def __init__(self, silences: list[ListedSilence]) -> None:
        super().__init__()
        self.silences = silences


class StatusScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back to the wizard", id="status-back")]

    def __init__(self, session: Session) -> None:
        super().__init__(id="status")
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="status-body"):
            yield Static(Text("Reading the git history…", style="italic"), id="st-summary")
            yield FittedTable(
                STEP_COLUMNS, wrap=True, id="st-steps", cursor_type="row", zebra_stripes=True
            )
            # Shown once read, for a document with a review, or a silence.
            for hidden in (
                Static(Text("Reviews", style="bold"), id="st-reviews-title"),
                FittedTable(REVIEW_COLUMNS, wrap=True, id="st-reviews", cursor_type="none"),
                Static(id="st-review-blockers"),
                Static(Text("Silenced lint findings", style="bold"), id="st-silences-title"),
                Static(id="st-silences"),
            ):
                hidden.display = False
                yield hidden
            yield Static(Text("People", style="bold"), id="st-people-title")
            yield FittedTable(PEOPLE_COLUMNS, id="st-people", cursor_type="none")
            yield Static(id="st-drift")
        yield Footer()

    def on_mount(self) -> None:
        path, doc, specs = self.session.path, self.session.base, self.session.specs

        def work() -> None:
            try:
                health = read_health(path, doc, specs)
            except (MldwizardError, OSError, ValueError) as exc:
                self.app.call_from_thread(
                    self.query_one("#st-summary", Static).update,
                    Text(f"Could not read the status: {exc}", style="red"),
                )
                return
            self.post_message(HealthReady(health))
            # The lint runs here too: it reads every answer.
            self.post_message(SilencesReady(checked_silences(doc, specs, now().date())))

        self.run_worker(work, thread=True, exclusive=True)

    def on_health_ready(self, event: HealthReady) -> None:
        event.stop()
        self.show(event.health)

    def on_silences_ready(self, event: SilencesReady) -> None:
        event.stop()
        self.query_one("#st-silences", Static).update(silence_lines(event.silences))
        for part in ("#st-silences-title", "#st-silences"):
            self.query_one(part).display = bool(event.silences)

    def show(self, health: DocumentHealth) -> None:
        self.query_one("#st-steps", FittedTable).set_rows([step_row(s) for s in health.steps])
        self.query_one("#st-people", FittedTable).set_rows([person_row(p) for p in health.people])
        reviews = review_states(health)
        self.query_one("#st-reviews", FittedTable).set_rows(
            [review_row(r, na_on_own_line=True) for r in reviews]
        )
        for part in ("#st-reviews-title", "#st-reviews"):
            self.query_one(part).display = bool(reviews)
        blockers = review_blockers(reviews)
        self.query_one("#st-review-blockers", Static).update(blockers)
        self.query_one("#st-review-blockers").display = bool(blockers)
        summary_text = summary(health)
        if health.repo is None:
            summary_text.append("\nNot in a git repository: code drift is not checked.", "dim")
        self.query_one("#st-summary", Static).update(summary_text)
        drift = Text()
        for s in health.steps:
            if s.drift is not None:
                drift.append(f"{s.step.label}: ", style="bold")
                drift.append(
                    f"{len(s.drift.files)} file(s) changed since it was written, "
                    f"newest {s.drift.newest.sha[:10]} "
                    f"({s.drift.newest.time.date()}): " + ", ".join(s.drift.files[:5]) + "\n"
                )
        self.query_one("#st-drift", Static).update(drift)
