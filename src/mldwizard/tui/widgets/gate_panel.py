"""The live gate verdict, its reasons, and the author's override (with its written reason)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, Select, Static

from ...core.document import GateState
from ...core.gate import GateResult
from ...core.gate_spec import LEVEL_DETAIL, LEVEL_LABEL, LEVELS
from ...core.verdicts import LEVEL_ADVICE, gate_advice, level_label
from .drop_down import DropDown
from .fields import place_cursor, prepare_editors

LEVEL_TEXT = {level: f"{LEVEL_LABEL[level]}: {LEVEL_DETAIL[level]}" for level in LEVELS}
FRAMING = {
    "heuristic": "A rule will do here. Make that rule your baseline (chapter 8) and let any "
    "model earn its place by beating it.",
    **{level: advice for level, advice in LEVEL_ADVICE.items() if level != "heuristic"},
}
"""What the verdict asks of the team, for the levels that put the ML chapters on hold (a
decisive rule's own advice, e.g. why not to build, replaces its level's: ``gate_advice``)."""
FRAMING_END = " Continue with this framing, or override below with a written reason."


class GatePanel(Vertical):
    class OverrideChanged(Message):
        def __init__(self, panel: GatePanel, level: str | None, reason: str) -> None:
            super().__init__()
            self.panel = panel
            self.level = level
            self.reason = reason

    def __init__(self, state: GateState) -> None:
        super().__init__(id="gate-panel")
        self._state = state

    def compose(self) -> ComposeResult:
        yield Static(id="verdict")
        yield Static("", id="framing")
        yield Label("Override the verdict (optional):", classes="prompt")
        yield DropDown(
            [(LEVEL_TEXT[level], level) for level in LEVELS],
            value=self._state.override or Select.NULL,
            prompt="(keep the computed verdict)",
            id="override",
        )
        # Short enough for the narrow main pane at 80x24 (38 columns): the long placeholder
        # was cut mid-word ("...does not fi"); what the box is for stays on its border.
        reason = Input(
            self._state.override_reason or "",
            placeholder="why the verdict does not fit",
            id="override-reason",
        )
        reason.border_title = "Reason (needed to override)"
        yield reason
        yield Static("", classes="problem")

    def on_mount(self) -> None:
        prepare_editors(self)

    def show_values(self, state: GateState) -> None:
        """Show the stored override (someone else may have changed it)."""
        select = self.query_one("#override", Select)
        reason = self.query_one("#override-reason", Input)
        with self.prevent(Select.Changed, Input.Changed):
            wanted = state.override or Select.NULL
            if select.value != wanted:
                select.value = wanted
            if reason.value != (state.override_reason or ""):
                reason.value = state.override_reason or ""
                place_cursor(reason)

    def show_problem(self, problem: str) -> None:
        """Why the override is not taken yet (empty: it is)."""
        self.query_one(".problem", Static).update(problem)

    def show_draft(self, text: str, problem: str) -> None:
        """A reason typed earlier that is not an override yet, and why not."""
        with self.prevent(Input.Changed):
            self.query_one("#override-reason", Input).value = text
        self.show_problem(problem)

    @staticmethod
    def summary(result: GateResult, state: GateState) -> Text:
        """The verdict in one line, for the top of the step (it never scrolls away)."""
        text = Text("Verdict: ", style="bold")
        if result.verdict is None:
            text.append("pending", style="bold")
            if result.lean:
                text.append(f", leaning towards {_lower(result.lean)}", style="italic")
        else:
            text.append(f" {level_label(result.verdict)} ", style="bold reverse")
            if result.opinion_only:
                text.append(" on opinion only: nothing measured yet", style="italic yellow")
        if state.override:
            text.append(f" overridden: {level_label(state.override)}", style="bold")
        return text

    def show_result(self, result: GateResult, state: GateState) -> None:
        text = Text()
        if result.verdict is None:
            text.append("Verdict: pending", style="bold")
            if result.lean:
                text.append(f" (leaning towards {_lower(result.lean)})", style="italic")
            count = len(result.missing)
            text.append(f"; {count} required question{'' if count == 1 else 's'} to answer\n")
        else:
            text.append("Verdict: ", style="bold")
            text.append(LEVEL_TEXT[result.verdict], style="bold reverse")
            text.append("\n")
        if result.opinion_only:
            text.append(f"{result.opinion_only}\n", style="bold yellow")
        for reason in result.reasons:
            text.append(f"  • {reason}\n")
        if result.against:
            text.append("Pointing the other way:\n", style="italic")
            for reason in result.against:
                text.append(f"  • {reason}\n", style="dim")
        if state.override:
            text.append(f"Overridden to {_lower(state.override)}: ", style="bold")
            text.append(state.override_reason or "")
        self.query_one("#verdict", Static).update(text)
        framing = self.query_one("#framing", Static)
        advice = FRAMING["heuristic"] if result.leaning == "heuristic" else gate_advice(result)
        framing.display = advice is not None and state.override is None
        if advice is not None:
            framing.update(advice + FRAMING_END)

    @on(Select.Changed, "#override")
    @on(Input.Changed, "#override-reason")
    def _changed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.current())

    def current(self) -> GatePanel.OverrideChanged:
        """The override as it stands in the widgets."""
        value = self.query_one("#override", Select).value
        level = None if value is Select.NULL else str(value)
        return self.OverrideChanged(self, level, self.query_one(Input).value)


def _lower(level: str) -> str:
    """ "a simple model": a gate level inside a sentence."""
    label = level_label(level)
    return label[:1].lower() + label[1:]
