"""The F9 overview's stage field moving past a stage gate that does not pass: a confirm that
lists what blocks the move and takes the reason (kept in the changelog), like
``set --stage S --reason TEXT``. Dismisses with the reason, or None (cancelled)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from ...core.stage_moves import REASON_MIN


class StageGateDialog(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Keep the stage", id="stage-gate-cancel")]

    def __init__(self, stage: str, blockers: list[str]) -> None:
        super().__init__(classes="dialog", id="stage-gate-dialog")
        self.stage = stage
        self.blockers = blockers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(
                Text.assemble((f"Move to {self.stage}? A gate on the way does not pass:", "bold"))
            )
            yield Static(Text("\n".join(f"• {line}" for line in self.blockers)), id="sg-blockers")
            yield Static(
                "Moving anyway needs a reason, for the changelog (who decided, and why):",
                classes="prompt",
            )
            yield Input(placeholder="the reason", id="sg-reason")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Move anyway", variant="warning", id="sg-move", disabled=True)
                yield Button("Keep the stage", id="sg-cancel")

    def on_mount(self) -> None:
        self.query_one("#sg-reason", Input).focus()

    @on(Input.Changed, "#sg-reason")
    def _typed(self, event: Input.Changed) -> None:
        self.query_one("#sg-move", Button).disabled = len(event.value.strip()) < REASON_MIN

    @on(Input.Submitted, "#sg-reason")
    def _submitted(self, event: Input.Submitted) -> None:
        if len(event.value.strip()) >= REASON_MIN:
            self.dismiss(event.value.strip())

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "sg-move":
            self.dismiss(self.query_one("#sg-reason", Input).value.strip())
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
