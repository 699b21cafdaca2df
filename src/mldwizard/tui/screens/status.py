"""The status screen: owners, freshness, code drift and bus factor (as `mldwizard status`)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ...core.errors import MldwizardError
from ...core.health import DocumentHealth
from ...core.session import Session
from ...status_rows import person_row, step_row, summary
from ..health import HealthReady, read_health


class StatusScreen(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back to the wizard", id="status-back")]

    def __init__(self, session: Session) -> None:
        super().__init__(id="status")
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with VerticalScroll(id="status-body"):
            yield Static(Text("Reading the git history…", style="italic"), id="st-summary")
            yield DataTable(id="st-steps", cursor_type="row", zebra_stripes=True)
            yield Static(Text("People", style="bold"), id="st-people-title")
            yield DataTable(id="st-people", cursor_type="none")
            yield Static(id="st-drift")
        yield Footer()

    def on_mount(self) -> None:
        steps = self.query_one("#st-steps", DataTable)
        steps.add_columns(
            "#", "Step", "Status", "Owners", "Updated", "Reviewed", "Rev", "Freshness", "Required"
        )
        self.query_one("#st-people", DataTable).add_columns(
            "Handle", "Name", "Steps owned", "Only owner of", "Updates"
        )
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

        self.run_worker(work, thread=True, exclusive=True)

    def on_health_ready(self, event: HealthReady) -> None:
        event.stop()
        self.show(event.health)

    def show(self, health: DocumentHealth) -> None:
        steps = self.query_one("#st-steps", DataTable)
        steps.clear()
        for s in health.steps:
            steps.add_row(*step_row(s))
        people = self.query_one("#st-people", DataTable)
        people.clear()
        for p in health.people:
            people.add_row(*person_row(p))
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
