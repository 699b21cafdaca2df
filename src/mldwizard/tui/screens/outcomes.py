"""The end of the road: the overview, and the NO-GO screen that treats a stop as a success."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Select, Static

from ...core import storage
from ...core.errors import UsageError
from ...core.feasibility import FeasibilityResult
from ...core.feasibility_lines import blocking_line, blocking_lines
from ...core.identity import now
from ...core.markdown_stage_gates import verdict_words
from ...core.progress import step_progress
from ...core.session import Session
from ...core.shown import missing_questions, stage_change_lines
from ...core.stage_gate_verdicts import overdue_on_the_way, stage_gate_standings
from ...core.stage_moves import blocker_lines, move_stage
from ...core.stages import STAGE_LABEL, STAGE_MEANING, STAGES, Stage
from ..stage_notice import stage_notice
from ..widgets.drop_down import DropDown
from ..widgets.fitted_table import Column, FittedTable
from ..widgets.sidebar import MARKS, step_state
from .dialogs import DialogBody, InterruptingDialog
from .stage_gate_dialog import StageGateDialog

OVERVIEW_COLUMNS = [
    Column("", priority=9),
    Column("Step", flex=True, min_width=16),
    Column("Status", priority=6),
    Column("Owners", priority=5),
    Column("Answered", priority=7),
    Column("Required left", priority=8),
]


class OverviewScreen(Screen[str]):
    """Completeness per step, both verdicts, what is still missing, and where the files are.

    Dismisses with "back" (to the wizard) or "quit".
    """

    BINDINGS = [
        Binding("escape", "back", "Back to the wizard", id="overview-back"),
        Binding("ctrl+q", "finish", "Save and quit", id="overview-quit", priority=True),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(id="overview")
        self.session = session
        self.stage_changed = False
        """The document's stage was changed here: the wizard builds its step anew."""

    def compose(self) -> ComposeResult:
        doc, specs = self.session.doc, self.session.specs
        yield Header(show_clock=False)
        with VerticalScroll(id="overview-body"):
            yield Static(Text(f"Overview: {doc.project.title}", style="bold"), id="ov-title")
            with Horizontal(id="ov-stage-row"):
                yield Label("Stage", classes="prompt")
                yield DropDown(
                    [(STAGE_LABEL[s], s) for s in STAGES],
                    value=doc.stage,
                    allow_blank=False,
                    id="ov-stage",
                )
                yield Static(Text(STAGE_MEANING[doc.stage], style="dim"), id="ov-stage-meaning")
            yield Static("", id="ov-stage-required")  # what a stage change made required
            yield Static(self._verdicts(), id="ov-verdicts")
            yield FittedTable(
                OVERVIEW_COLUMNS, id="ov-steps", cursor_type="none", zebra_stripes=True
            )
            yield Static(self._missing(), id="ov-missing")
            yield Static(
                Text(
                    f"Document: {self.session.path}\n"
                    f"Markdown: {storage.markdown_path(self.session.path)}"
                ),
                id="ov-files",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Back to the wizard", id="back")
                yield Button("Save and quit", variant="primary", id="quit")
        yield Footer()
        del specs

    def on_mount(self) -> None:
        self._fill_steps()

    @on(Select.Changed, "#ov-stage")
    def _stage_picked(self, event: Select.Changed) -> None:
        """Move the document to the stage picked, and say what it now requires."""
        doc = self.session.doc
        before = doc.stage
        to = next((s for s in STAGES if s == event.value), None)
        if to is None or to == before:
            return
        blockers = blocker_lines(doc, self.session.specs, to)
        if blockers:  # past a stage gate that does not pass: only with a reason
            self.app.push_screen(
                StageGateDialog(to, blockers), lambda reason: self._move(before, to, reason)
            )
            return
        self._move(before, to, None)

    def _move(self, before: Stage, stage: Stage, reason: str | None) -> None:
        doc = self.session.doc
        if reason is None and blocker_lines(doc, self.session.specs, stage):
            select = self.query_one("#ov-stage", Select)
            with self.prevent(Select.Changed):
                select.value = doc.stage  # cancelled: the field shows the stage kept
            return
        late = overdue_on_the_way(doc, self.session.specs, stage, now().date())
        try:
            move_stage(doc, self.session.specs, stage, reason)
        except UsageError as exc:  # not one of the choices offered: cannot happen
            self.notify(str(exc), severity="error")
            return
        self.stage_changed = True
        meaning = Text(STAGE_MEANING[doc.stage], style="dim")
        self.query_one("#ov-stage-meaning", Static).update(meaning)
        self._after_stage()
        head = f"Stage: {before} -> {doc.stage}." + (f" Reason: {reason}" if reason else "")
        every = stage_change_lines(doc, self.session.specs, before)
        listed = self.query_one("#ov-stage-required", Static)
        listed.update(Text("\n".join([head, *every])))
        listed.display = True
        where = "all of them are listed under the stage field"
        body = stage_notice(doc, self.session.specs, before, head, where)
        self.notify(body, title="Stage changed", timeout=12)
        if late:
            self.notify(
                "Gaps past their due date (check: MLD022):\n" + "\n".join(late),
                title="Overdue",
                severity="warning",
                timeout=12,
            )

    def _after_stage(self) -> None:
        from ..app import WizardApp

        if isinstance(self.app, WizardApp):
            self.app.document_changed()  # saved like an answer (autosave, quit)
        self._fill_steps()
        # Which gate the document faces next, and whether one was passed anyway, follow the
        # move (QA10a #6: the gate just passed still said "the gate this document faces next").
        self.query_one("#ov-verdicts", Static).update(self._verdicts())
        self.query_one("#ov-missing", Static).update(self._missing())

    def _fill_steps(self) -> None:
        doc = self.session.doc
        rows: list[list[str | Text]] = []
        for step in self.session.specs.steps:
            mark, style = MARKS[step_state(doc, step)]
            progress = step_progress(doc, step)
            left = progress.required - progress.required_answered
            rows.append(
                [
                    Text(mark, style=style),
                    Text(step.label),
                    doc.step(step.slug).status,
                    Text(", ".join(doc.step(step.slug).owners)),
                    f"{progress.answered}/{progress.shown}",
                    Text(str(left), style="yellow") if left else "0",
                ]
            )
        self.query_one(FittedTable).set_rows(rows)

    def _verdicts(self) -> Text:
        from ...core.verdicts import (
            feasibility_result,
            gate_pending,
            gate_result,
            gate_verdict_text,
        )

        doc, specs = self.session.doc, self.session.specs
        gate, feas = gate_result(doc, specs), feasibility_result(doc, specs)
        text = Text()
        text.append("Should this be ML at all? ", style="bold")
        computed = gate.verdict if gate else None
        if gate is not None and computed is None and not doc.gate.override:
            # Pending: which questions, whether new in question set v2, and the leaning.
            text.append(gate_pending(doc, specs, gate) + "\n")
        else:
            text.append(gate_verdict_text(doc.gate.override, computed) + "\n")
        if gate is not None and gate.verdict and gate.opinion_only and not doc.gate.override:
            text.append(f"  {gate.opinion_only}\n", style="yellow")
        text.append("Feasibility: ", style="bold")
        text.append(f"{(feas.verdict if feas else None) or 'pending'}\n")
        for standing in stage_gate_standings(doc, specs):  # as the document's Verdicts box
            text.append(f"Stage gate {standing.result.name}: ", style="bold")
            text.append(verdict_words(doc, standing) + "\n")
            if standing.standing != "later":
                for line in standing.result.blockers():
                    text.append(f"  Blocks the move: {line}\n", style="yellow")
        return text

    def _missing(self) -> Text:
        doc, specs = self.session.doc, self.session.specs
        text = Text("Unanswered required questions\n", style="bold")
        count = 0
        for step in specs.steps:
            for question in missing_questions(doc, step):
                text.append(f"  {step.label}: ", style="dim")
                text.append(" ".join(question.prompt.split()) + "\n")
                count += 1
        if count == 0:
            text.append("  none: every required question is answered\n", style="green")
        return text

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss("quit" if event.button.id == "quit" else "back")

    def action_back(self) -> None:
        self.dismiss("back")

    def action_finish(self) -> None:
        self.dismiss("quit")


OUTCOME_LEAD = {
    "NO-GO": "The feasibility checklist says this project should not go ahead as planned. "
    "That is a good outcome: you found out now, in the design document, not in month nine "
    "after the team has built it.",
    # PIVOT and SCOPE-DOWN: what the project is instead comes from the verdict's reason,
    # shown under the lead (said once, not twice in other words).
    "PIVOT": "That is a good outcome: you found a cheaper way before the team built a model "
    "it did not need.",
    "SCOPE-DOWN": "That is a good outcome: build the smaller project first, and the rest "
    "once its gaps close.",
}
OUTCOMES = frozenset(OUTCOME_LEAD)
"""The verdicts that open the outcome screen: each says a different project than planned."""


class NoGoScreen(InterruptingDialog[str]):
    """A NO-GO, a PIVOT or a SCOPE-DOWN found now is the method working. Dismisses with
    "stop" or "continue".

    It opens once the author has left the item that made the verdict one of them (see
    ``held_outcome``), maybe while typing on: no button has the focus at first, and what is
    typed goes back to the checklist when they continue. Its text scrolls above the buttons,
    so at 80x24 nothing is cut off."""

    BINDINGS = [Binding("escape", "carry_on", "Continue", id="nogo-continue")]

    def __init__(self, result: FeasibilityResult) -> None:
        super().__init__(id="nogo")
        self.result = result

    def compose(self) -> ComposeResult:
        verdict = self.result.verdict or "NO-GO"
        with Vertical(classes="dialog-box nogo-box"):
            yield Label(f"[b]{verdict}[/b]", id="nogo-title")
            with DialogBody(classes="dialog-body", id="nogo-body"):
                yield Static(OUTCOME_LEAD.get(verdict, OUTCOME_LEAD["NO-GO"]), id="nogo-lead")
                yield Static(self._reasons(), id="nogo-reasons")
                yield Static(
                    "The document records why, with the evidence and what would change the "
                    f"verdict, and its Markdown leads with the {verdict}.",
                    classes="dim",
                )
            yield self.typed_meanwhile()
            with Horizontal(classes="dialog-buttons"):
                label = {
                    "NO-GO": "Write the stopped-early document and quit",
                    "PIVOT": "Write the document and build the other approach",
                    "SCOPE-DOWN": "Write the document and build the smaller project",
                }.get(verdict, "Write the document and quit")
                yield Button(label, variant="error", id="stop")
                yield Button("Continue anyway", id="continue")

    def _reasons(self) -> Text:
        """What blocks (each item with its evidence and what would change it), or what to
        do next; the parts a named scope leaves out."""
        lines = Text()
        for gap in self.result.fatal:
            lines.append(f"✗ {blocking_line(gap)}\n", style="bold")
            if gap.state.note.strip():
                lines.append(f"   Evidence: {gap.state.note}\n")
            if gap.state.condition.strip():
                lines.append(f"   What would change this: {gap.state.condition}\n")
        if not self.result.fatal:
            for line in blocking_lines(self.result):
                lines.append(f"{line}\n", style="bold")
        for gap in self.result.scoped:
            lines.append(f"• Outside the scope: {gap.item.text}\n")
        lines.rstrip()
        return lines

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss("stop" if event.button.id == "stop" else "continue")

    def action_carry_on(self) -> None:
        self.dismiss("continue")
