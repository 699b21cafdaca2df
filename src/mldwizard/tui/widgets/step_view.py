"""The main pane: one step's introduction, metadata, questions (and gate or checklist)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Collection
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static, TextArea

from ...core.approved_text import status_words
from ...core.checklist_items import checklist_marks
from ...core.condition_words import condition_note
from ...core.context import StepAnswers
from ...core.document import Document
from ...core.identity import now
from ...core.kinds import is_answered
from ...core.lint import LintContext, lint_step
from ...core.question_notes import EarlierAnswer, builds_on
from ...core.shown import later_questions, shown_questions
from ...core.specs import PARTS, Question, Specs, StepSpec
from ...core.verdicts import feasibility_result, gate_result
from .checklist import Checklist, ItemRow
from .fields import TEXT_INPUT_KINDS, QuestionField
from .gate_panel import GatePanel
from .later_line import LaterLine
from .lint_hint import LintHint
from .stage_gate_step import NO_STATUS, show_stage_gate, stage_gate_checklist
from .step_standing import standing

TYPED_KINDS = (*TEXT_INPUT_KINDS, "long_text", "list")
"""Questions answered by typing: keys typed ahead can go there."""

FIRST_FRAME_QUESTIONS = 3
"""Questions drawn with a step's first frame (about what fits above the fold); the rest are
mounted right after it, so a step switch shows sooner. ``StepView.Ready`` says when all are.

At app start Textual holds repaints until the app is mounted, and runs after-refresh
callbacks at once meanwhile, so there every question is in the first frame. Waiting for a
real paint there (measured: first frame 50 ms sooner) made the step ready 150 ms later."""


LINT_DELAY_S = 0.3
"""The lint's hints follow typing once per pause, not once per key."""


class StepView(VerticalScroll):
    class Ready(Message):
        """Every question of the step is mounted (fields can be focused and filled)."""

        def __init__(self, view: StepView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, step: StepSpec, specs: Specs, doc: Document) -> None:
        super().__init__(id="step-view")
        self.step = step
        self.specs = specs
        self._doc = doc
        self.handles = [p.handle for p in doc.people]
        """The people its person pickers offer: rebuild the view when they change."""
        self._later: list[Question] = []
        self._opened: set[str] = set()
        """Questions left for a later stage that the author opened to answer now."""
        self._settled = asyncio.Event()
        self.leaving = False
        """Set by the screen before it removes the view: nothing more is mounted into it."""
        self._brought: Widget | None = None
        """The part last brought into view (see `on_resize`)."""
        self._width = 0
        self._lint_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        step, doc = self.step, self._doc
        with Vertical(id="step-top"):  # docked: always in sight
            # With the step's standing (approved, open threads) beside it: in sight on
            # opening, on the title's line while both fit (see refresh_from).
            yield Static(Text(step.label, style="bold"), id="step-title")
            if step.kind in ("gate", "feasibility", "stage-gate"):
                yield Static(id="step-verdict")
        part = Text(PARTS[self.specs.parts[step.slug]], style="dim")
        yield Static(part, id="step-part", classes="step-text")
        yield Static(Text(" ".join(step.intro.split())), id="step-intro", classes="step-text")
        yield Static(id="step-meta", classes="step-text")
        if step.kind == "gate":
            yield GatePanel(doc.gate)
        if step.kind == "feasibility":
            yield Checklist(step.items, doc)
        if step.kind == "stage-gate":
            yield stage_gate_checklist(step, doc)
        self._later = step.questions[FIRST_FRAME_QUESTIONS:]
        yield from self._make_fields(step.questions[:FIRST_FRAME_QUESTIONS])

    def _make_fields(self, questions: list[Question]) -> list[Widget]:
        """Each question's field; one asked only from a later stage gets the one line that
        stands for it while it is "later" before it (see ``refresh_from``)."""
        doc = self._doc
        answers = doc.step(self.step.slug).answers
        out: list[Widget] = []
        for q in questions:
            if q.from_stage != "design":
                out.append(LaterLine(q, self.open_later))
            required = q.required_at(doc.stage)
            earlier = self._earlier(q)
            out.append(
                QuestionField(self.step, q, answers.get(q.id), doc.people, earlier, required)
            )
        return out

    def _earlier(self, question: Question) -> EarlierAnswer | None:
        return builds_on(self._doc, self.specs, question)

    def _show_earlier(self) -> None:
        """Earlier answers the step's questions build on, as the document has them now."""
        for field in self.fields:
            if field.question.builds_on is not None:
                field.show_earlier(self._earlier(field.question))

    def on_mount(self) -> None:
        self.refresh_from(self._doc)
        if self._later:
            self.call_after_refresh(self._mount_later)
        else:
            self._settled.set()
            self.post_message(self.Ready(self))

    async def _mount_later(self) -> None:
        try:
            if self.leaving or not self.is_attached:
                return  # the step was left before its first frame was drawn
            # Built now, from the document as it is now (it may have changed since compose).
            fields, self._later = self._make_fields(self._later), []
            await self.mount_all(fields)
            if self.leaving or not self.is_attached:
                return
            self.refresh_from(self._doc)
            self.post_message(self.Ready(self))
        finally:
            self._settled.set()

    async def leave(self) -> None:
        """Stop mounting into the view and wait for a mount in progress, before removal."""
        self.leaving = True
        if self._later or not self._settled.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._settled.wait(), timeout=2.0)

    @property
    def fields(self) -> list[QuestionField]:
        return list(self.query(QuestionField))

    @property
    def parts(self) -> list[Widget]:
        """What the author edits: question fields, checklist rows, the override panel."""
        return [*self.fields, *self.query(ItemRow), *self.query(GatePanel)]

    def refresh_from(
        self, doc: Document, *, values: bool = False, keep: Collection[Widget] = ()
    ) -> None:
        """Show what depends on the answers: visibility, verdicts, metadata (and values,
        except in the parts in ``keep``: see ``screens/kept_edits``)."""
        self._doc = doc
        state = doc.step(self.step.slug)
        shown = {q.id for q in shown_questions(doc, self.step)}
        later = {q.id for q in later_questions(doc, self.step)}
        for line in self.query(LaterLine):
            line.display = line.question.id in later and line.question.id not in self._opened
        for field in self.fields:
            qid = field.question.id
            value = state.answers.get(qid)
            field.display = qid in shown or (qid in later and qid in self._opened)
            field.mark_required(field.question.required_at(doc.stage))
            if values and field not in keep:
                field.show(value)
        if values and self.step.kind == "gate":
            panel = self.query_one(GatePanel)
            if panel not in keep:
                panel.show_values(doc.gate)
        if values and self.step.kind == "feasibility":
            for row in self.query(ItemRow):
                if row not in keep:
                    row.show(doc.feasibility.items.get(row.item.id))
        if self.step.kind == "stage-gate":
            show_stage_gate(self, self.step, doc, self.specs, values=values, keep=keep)
        self.query_one("#step-meta", Static).update(self._meta(doc))
        title = Text(self.step.label, style="bold")
        if (said := standing(doc, self.step.slug)) is not None:
            title.append("  ").append_text(said)
        self.query_one("#step-title", Static).update(title)
        self._show_earlier()
        self._lint_soon()
        if self.step.kind == "gate":
            result = gate_result(doc, self.specs)
            if result is not None:
                self.query_one(GatePanel).show_result(result, doc.gate)
                self.query_one("#step-verdict", Static).update(GatePanel.summary(result, doc.gate))
        if self.step.kind == "feasibility":
            feas = feasibility_result(doc, self.specs)
            if feas is not None:
                self.query_one(Checklist).show_result(feas)
                self.query_one("#step-verdict", Static).update(Checklist.summary(feas))

    def _lint_soon(self) -> None:
        if self._lint_timer is not None:
            self._lint_timer.stop()
        self._lint_timer = self.set_timer(LINT_DELAY_S, self.show_lint)

    def show_lint(self) -> None:
        """Each answer's lint findings (not silenced), as the document has them now."""
        if self.leaving or not self.is_attached:
            return
        found = lint_step(LintContext(self._doc, self.specs, now().date()), self.step)
        for field in self.fields:
            for hint in field.query(LintHint).results(LintHint):
                hint.show([f for f in found if f.question == field.question.id])

    def _meta(self, doc: Document) -> Text:
        state = doc.step(self.step.slug)
        owners = ", ".join(state.owners) or "nobody yet"
        status = status_words(doc, self.step.slug)
        bits = [f"status {status}", f"owners {owners}", f"revision {state.revision}"]
        if state.updated:
            bits.append(f"updated {state.updated.date().isoformat()}")
        return Text(" · ".join(bits) + "   (F3: owners, status, code paths, links)", style="dim")

    def first_unanswered(self, *, text: bool = False) -> str | None:
        """The id of the first shown question without an answer (else the first shown one).
        With ``text``: the first shown unanswered question typed as text, else None. The
        step's free notes take typed text but are not where the cursor starts.

        Worked out from the document, so it is known before every field is mounted."""
        answers = self._doc.step(self.step.slug).answers
        shown = shown_questions(self._doc, self.step)
        for question in shown:
            typed = question.kind in TYPED_KINDS if text else not question.is_notes
            if typed and not is_answered(answers.get(question.id)):
                return question.id
        return shown[0].id if shown and not text else None

    def is_typed(self, question_id: str) -> bool:
        """Whether the question takes typed text (not a choice from a list)."""
        return any(q.id == question_id and q.kind in TYPED_KINDS for q in self.step.questions)

    @property
    def fields_to_come(self) -> int:
        """Questions not mounted yet (drawn right after the first frame)."""
        return len(self._later)

    def open_later(self, line: LaterLine) -> None:
        """Open a later question to answer it now: its field takes the line's place and has
        the cursor before this returns (the keys typed after Enter go into it)."""
        self._opened.add(line.question.id)
        self.refresh_from(self._doc)
        field = self.field(line.question.id)
        widget = field.input_widget() if field is not None else None
        if field is not None and widget is not None and not self.leaving:
            # Textual orders Tab by where widgets are laid out: lay the field out now, or a
            # Tab typed right after it (in the same burst) would count it at the step's top.
            self.screen._refresh_layout()
            self.screen.set_focus(widget, scroll_visible=False)  # now, not scheduled
            self.call_after_refresh(self.bring_into_view, field)

    def on_question_field_focused(self, event: QuestionField.Focused) -> None:
        """Tab (or a click) into a question: its prompt and what it builds on come into
        sight with its input, not only the input (Textual scrolls only the widget focused).
        Not stopped: the screen shows the question's help."""
        self.call_after_refresh(self.bring_into_view, event.field)

    def on_item_row_focused(self, event: ItemRow.Focused) -> None:
        event.stop()
        self.call_after_refresh(self.bring_into_view, event.row)

    def first_open_item(self) -> ItemRow | None:
        """On the checklist: the first item without a status (else the first item)."""
        rows = list(self.query(ItemRow))
        marks = checklist_marks(self._doc, self.step)
        open_rows = [r for r in rows if (marks.get(r.item.id) or NO_STATUS).status is None]
        candidates = open_rows or rows
        return candidates[0] if candidates else None

    def bring_into_view(self, part: Widget) -> None:
        """Scroll so that ``part`` (a question or a checklist item) is in sight whole: what
        it builds on, its prompt, what to cover and its input. The step's top stays in view
        if all that fits under it; a part already in sight whole does not move; a part taller
        than the view starts right under the step's title (never a cut-off line of the text
        above it), moved up only as far as needed to show the line with the text cursor,
        never past its prompt."""
        tops = self.query("#step-top")
        if self.leaving or not tops or not part.is_attached or part not in self.walk_children():
            return  # its step is being left
        focused = self.screen.focused
        if focused is not None and focused is not part and part not in focused.ancestors:
            # Asked for when the part got the cursor, which has moved on since (a choice
            # typed ahead from, right after a step switch): scrolling back to it would hide
            # the field the author is typing in. (Textual applies a scroll at the next
            # refresh, so the later request for that field saw it in view and did nothing.)
            # Nothing focused yet (a step opening) hides nothing: the part is brought in.
            return
        self._brought = part
        top = self._offset_of(part)
        bottom = top + part.outer_size.height
        height = self.scrollable_content_region.height
        title = tops.first().outer_size.height
        if bottom <= height:
            self.scroll_to(y=0, animate=False)
            return
        shown_top, shown_bottom = self.scroll_offset.y + title, self.scroll_offset.y + height
        if bottom - top <= height - title:  # fits: scroll as little as it takes
            if top >= shown_top and bottom <= shown_bottom:
                return
            if top < shown_top:
                y = top - title
            else:
                y = self._past_cut_text(bottom - height + title) - title
        else:
            y = top - title
            cursor = self._cursor_line(part)
            if cursor is not None and cursor >= y + height:
                y = min(cursor - height + 1, self._prompt_top(part) - title)
        self.scroll_to(y=y, animate=False)

    def _past_cut_text(self, row: int) -> int:
        """``row`` (the first under the title), or the row after the step's text (intro, the
        owners line) that it would cut: the view then opens on whole lines, not on the tail
        of a wrapped line ("status, code paths, links)" alone at the top at 80x24)."""
        for text in self.query_children(".step-text"):
            start = self._offset_of(text)
            end = start + text.outer_size.height
            if start < row < end:
                return end
        return row

    def _offset_of(self, widget: Widget) -> int:
        """Where ``widget`` starts in the view's scrolled content (its margin included)."""
        top, node = 0, widget
        while node is not self and isinstance(node.parent, Widget):
            top += node.virtual_region.y  # relative to its container's content
            node = node.parent
            if node is not self:
                top += node.styles.gutter.top  # the container's border and padding
        return top

    def _prompt_top(self, part: Widget) -> int:
        prompts = part.query(".prompt")
        return self._offset_of(prompts.first()) if prompts else self._offset_of(part)

    def _cursor_line(self, part: Widget) -> int | None:
        """The line with the text cursor, when it is in a long answer in ``part``."""
        focused = self.screen.focused
        if not isinstance(focused, TextArea) or part not in focused.ancestors:
            return None
        row = focused.wrapped_document.location_to_offset(focused.cursor_location).y
        inside = max(0, min(row - focused.scroll_offset.y, focused.content_size.height - 1))
        return self._offset_of(focused) + focused.styles.gutter.top + inside

    def on_resize(self, event: events.Resize) -> None:
        """The width changed under a part brought into view while it has the cursor: its
        text wraps anew, so it is brought into view again. (A step's first frame is laid
        out before the narrow layout's widths apply: the checklist's first item, measured
        then, ended up above the top edge at 80x24.)"""
        width, self._width = self._width, event.size.width
        part, focused = self._brought, self.screen.focused
        if width in (0, event.size.width) or part is None or focused is None:
            return
        if focused is part or part in focused.ancestors:
            self.call_after_refresh(self.bring_into_view, part)

    def field(self, question_id: str) -> QuestionField | None:
        """The question's field, if it is mounted."""
        return next((f for f in self.fields if f.question.id == question_id), None)

    def answers(self) -> dict[str, Any]:
        return dict(self._doc.step(self.step.slug).answers)

    def condition_of(self, question: Question) -> str | None:
        """When a conditional question is asked, in words, for the help panel."""
        answers = StepAnswers(self._doc, self.step.slug)
        return condition_note(question, self.specs, self.step, answers)
