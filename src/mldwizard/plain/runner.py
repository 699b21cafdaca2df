"""The steps, one question at a time. Every answer is saved through the core the moment it
is given (merged with whatever others changed meanwhile), so an interrupted run loses
nothing."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from ..core import edits, storage
from ..core.document import SCHEMA_VERSION, Document, person_label
from ..core.errors import MldwizardError
from ..core.handle_options import PLAIN_HOW, handle_options, stored_handles
from ..core.kinds import ValueProblem, format_answer, is_answered, parse_text
from ..core.list_text import BULLET_HINT, format_list_text
from ..core.progress import step_progress
from ..core.rescue import rescue_copies, rescue_notice
from ..core.session import Session
from ..core.shown import later_questions, shown_questions, step_answers
from ..core.spec_text import example_markdown, readable_lines
from ..core.specs import Question, Specs, StepSpec
from ..core.stages import STAGE_LABEL, Stage
from . import checklist, gate, people
from .checklist import SKIP
from .command_hints import command_line
from .lint_notes import say_lint
from .prompts import REQUIRED, Interrupted, Prompts
from .question_notes import say_builds_on, with_asks
from .stage_gate import ask_stage_gate


class PlainRun:
    def __init__(self, path: Path, specs: Specs, author: str, prompts: Prompts) -> None:
        self.path = path
        self.specs = specs
        self.author = author
        self.prompts = prompts
        self.doc = storage.load_document(path, specs)
        self.version = storage.schema_on_disk(path)  # an older one: say when a save upgrades
        self.saved = 0
        self.failed = 0
        # What became of the text in the prompt Ctrl-C interrupted (for the closing message).
        self.kept: str | None = None

    # -- driving ------------------------------------------------------------------------

    def run(self, steps: list[StepSpec], ask_to_continue: bool = True) -> None:
        for index, step in enumerate(steps):
            self.run_step(step)
            if (
                ask_to_continue
                and index + 1 < len(steps)
                and not self.prompts.confirm(
                    "continue", f"Go on to {steps[index + 1].label}?", True
                )
            ):
                break

    def run_step(self, step: StepSpec) -> None:
        say = self.prompts.say
        say("")
        say(step.label, "bold")
        say(" ".join(step.intro.split()), "italic")
        self._say_later(step, later_questions(self.doc, step))  # before any question
        if self.doc.step(step.slug).status == "approved" and not self.prompts.confirm(
            f"{step.slug}.approved",
            f"{step.label} is approved. Changing it sends it back to review. Go on?",
            False,
        ):
            return
        if step.kind == "feasibility":
            checklist.ask_items(self, step)
        if step.kind == "stage-gate":
            ask_stage_gate(self, step)
        asked: set[str] = set()
        while True:  # conditions may reveal questions as answers come in
            # Asked: what the document's stage asks, and a later question already answered.
            pending = [
                q
                for q in shown_questions(self.doc, step)
                if q.id not in asked and q.visible(step_answers(self.doc, step))
            ]
            if not pending:
                break
            asked.add(pending[0].id)
            self._ask(step, pending[0])
        # Again where the chapter ends (the first may have scrolled away), as it is now.
        self._say_later(step, later_questions(self.doc, step))
        if step.kind == "gate":
            gate.verdict_and_override(self, step)
        if step.kind == "feasibility":
            checklist.say_verdict(self)

    def _say_later(self, step: StepSpec, later: list[Question]) -> None:
        """The questions the stage leaves for later, and how to answer one now."""
        if not later:
            return
        qid = later[0].id if len(later) == 1 else "QUESTION"
        set_command = command_line("set", self.path, self.specs, step.slug, qid, "TEXT")
        wizard = command_line("chapter", self.path, self.specs, step.slug)
        names = "" if len(later) == 1 else f" (QUESTION: {', '.join(q.id for q in later)})"
        self.prompts.say(
            f"  {_later_text(later, self.doc.stage)}. To answer "
            f"{'it' if len(later) == 1 else 'one'} now: {set_command}{names}, or Enter on "
            f'its "later" line in the wizard ({wizard}).',
            "dim",
        )

    # -- one question -------------------------------------------------------------------

    def _ask(self, step: StepSpec, question: Question) -> None:
        current = self.doc.step(step.slug).answers.get(question.id)
        key = f"{step.slug}.{question.id}"
        mark = REQUIRED if question.required_at(self.doc.stage) else ""
        message = with_asks(" ".join(question.prompt.split()) + mark, question)
        self.prompts.say("  " + "\n".join(readable_lines(question.help)), "dim")
        example = "\n".join(readable_lines(example_markdown(question)))
        self.prompts.say("  e.g. " + example, "dim green")
        say_builds_on(self.prompts, self.path, self.doc, self.specs, question)
        try:
            value = self._read(key, message, question, current)
        except Interrupted as stop:
            self._keep_typed(step, question, stop.typed, current)
            raise
        if value is not None and not edits.same_answer(question, current, value):
            self.save(step.slug, lambda d: edits.set_answer(d, step, question.id, value))
        say_lint(self.prompts, self.path, self.doc, self.specs, step, question)

    def _read(self, key: str, message: str, q: Question, current: Any) -> Any:
        p = self.prompts
        if q.kind == "person":
            return people.ask_person(self, key, message, current, SKIP)
        if q.kind in ("choice", "bool"):
            options = [*self._options(q, current), (SKIP, None)]
            return p.select(key, message, options, current)
        if q.kind in ("multi_choice", "people"):
            if q.kind == "people":
                ticked = people.ask_people(self, key, message, list(current or []))
            else:
                ticked = p.checkbox(key, message, self._options(q, current), list(current or []))
            same = ticked is None or edits.same_answer(q, list(current or []), ticked)
            return None if same else ticked
        multiline = q.kind in ("long_text", "list")

        def validate(text: str) -> str | None:
            if not text.strip():
                return None
            try:
                parse_text(q.kind, [text], q.choices)
            except ValueProblem as exc:
                return str(exc)
            return None

        shown = _prefill(q, current)
        if q.kind == "list":
            p.say(f"  ({BULLET_HINT})", "dim")
        text = p.text(key, message, shown, multiline, validate)
        if _unchanged(q, text, current):  # the answer stays as it is, byte for byte
            return None
        return _typed_answer(q, text, current)

    def _keep_typed(self, step: StepSpec, q: Question, typed: Any, current: Any) -> None:
        """Ctrl-C in an open prompt: what it held is saved as the answer when it is one,
        else kept in a copy of the document next to it (the closing message says where)."""
        key = f"{step.slug}.{q.id}"
        if isinstance(typed, list):  # the ticks of a checkbox
            if not edits.same_answer(q, list(current or []), typed):
                self._keep_answer(step, q, typed, None)
            return
        if not isinstance(typed, str) or _unchanged(q, typed, current):
            return  # nothing typed, or nothing changed
        try:
            value = _typed_answer(q, typed, current)
        except ValueProblem as exc:
            self.keep_copy(key, typed, f"not a valid answer: {exc}")
            return
        if value is not None:
            self._keep_answer(step, q, value, typed)

    def _keep_answer(self, step: StepSpec, q: Question, value: Any, typed: str | None) -> None:
        """``typed``: the text ``value`` was read from (None: ticks in a list)."""
        key = f"{step.slug}.{q.id}"
        what = "What you were typing" if typed is not None else "What you ticked"
        if self.save(step.slug, lambda d: edits.set_answer(d, step, q.id, value)):
            self.kept = f"{what} for {key} is saved as its answer in {self.path}."
        else:
            self.keep_copy(key, typed if typed is not None else repr(value), "could not be saved")

    def keep_copy(self, key: str, typed: str, why: str) -> None:
        """Keep text that cannot go into the document the way the wizard does: in
        ``NAME.unsaved-STAMP.toml`` next to it (the document, with the text at the end)."""
        try:
            copy = Session(self.path, self.specs, self.author, self.doc).save_copy({key: typed})
        except MldwizardError as exc:
            # Last resort: on the screen, where it can still be copied.
            self.kept = f"What you were typing for {key} ({why}) could not be kept: {exc}. "
            self.kept += "Here it is:\n" + typed
            return
        self.kept = f"What you were typing for {key} is kept in {copy} ({why})."

    def _options(self, q: Question, current: Any) -> list[tuple[str, Any]]:
        if q.kind == "bool":
            return [("Yes", True), ("No", False)]
        if q.kind in ("person", "people"):
            # A stored handle not among the people is offered too (marked): not offered, it
            # was dropped by the next Enter.
            stored = stored_handles(current)
            return list(handle_options(self.doc.people, stored, person_label, PLAIN_HOW))
        return [(q.label_of(c), c) for c in q.choices or []]

    # -- saving ---------------------------------------------------------------------------

    def save(self, slug: str, change: Any) -> bool:
        def apply(doc: Document) -> None:
            change(doc)
            if doc.step(slug).status == "approved":
                doc.step(slug).status = "review"  # the author confirmed this on entering

        try:
            self.doc = storage.update_document(self.path, self.specs, self.author, apply)
        except MldwizardError as exc:
            self.prompts.say(f"  not saved: {exc}", "red")
            self.failed += 1
            return False
        self.saved += 1
        upgraded = self.version != SCHEMA_VERSION
        notice = storage.upgrade_notice(self.path, self.version) if upgraded else None
        if notice:
            self.prompts.say(f"  {notice}", "yellow")
            self.version = storage.schema_on_disk(self.path)
        return True


def _as_text(current: Any) -> str:
    """An answer as the text a prompt starts with ("" when unanswered)."""
    if isinstance(current, list):
        return format_list_text([str(item) for item in current])
    return format_answer(current) if is_answered(current) else ""


def _prefill(q: Question, current: Any) -> str:
    """The text a prompt starts with: the answer, a long one without the line break it
    may end with (a TOML multi-line string does), so that what is typed after it goes on
    its last line, not onto a new one."""
    shown = _as_text(current)
    return shown.rstrip("\r\n") if q.kind == "long_text" else shown


def _unchanged(q: Question, text: str, current: Any) -> bool:
    """Nothing typed, or only blank lines or spaces after a long answer (invisible in the
    document, and what an Enter pressed a moment early leaves)."""
    shown = _prefill(q, current)
    return text == shown or (q.kind == "long_text" and text.rstrip() == shown.rstrip())


def _typed_answer(q: Question, text: str, current: Any = None) -> Any:
    """The answer in typed text; None when nothing was typed (keep what is there).
    A long answer keeps the line break the stored one ended with (left out of the prompt).
    Raises ValueProblem when it is not an answer of the question's kind."""
    if not text.strip():
        return None
    if q.kind == "long_text":
        shown = _as_text(current)
        return text + shown[len(shown.rstrip("\r\n")) :]
    return parse_text(q.kind, [text], q.choices)


def steps_to_run(run: PlainRun, only: StepSpec | None, from_start: bool) -> list[StepSpec]:
    if only is not None:
        return [only]
    steps = list(run.specs.steps)
    if from_start:
        return steps
    for index, step in enumerate(steps):
        progress = step_progress(run.doc, step)
        if progress.required_answered < progress.required:
            return steps[index:]
    return steps


def run_plain(
    path: Path,
    specs: Specs,
    author: str,
    only: StepSpec | None,
    from_start: bool,
    prompts: Prompts,
) -> int:
    """The whole plain session; Ctrl-C, Ctrl-D, SIGTERM or SIGHUP end it with everything
    answered saved, and what the open prompt held kept."""
    run = PlainRun(path, specs, author, prompts)
    for line in rescue_notice(path, rescue_copies(path)):
        prompts.say(line, "yellow")
    try:
        run.run(steps_to_run(run, only, from_start), ask_to_continue=only is None)
    except (KeyboardInterrupt, EOFError):
        with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
            prompts.say("")
            prompts.say(
                f"Stopped. Your answers so far are saved in {path} "
                f"({run.saved} change(s) this session).",
                "bold",
            )
            if run.kept:
                prompts.say(run.kept, "bold")
        return 130
    if run.failed:
        prompts.say(
            f"{run.failed} answer(s) could not be saved (see above); "
            f"{run.saved} change(s) saved in {path}.",
            "bold red",
        )
        return 1
    prompts.say(
        f"Done. {run.saved} change(s) saved in {path} and {storage.markdown_path(path)}.", "bold"
    )
    return 0


def _later_text(later: list[Question], stage: Stage) -> str:
    """ "2 questions left for later stages (not asked at design): Learning curves (from
    prototype), Worst cases (from prototype)"."""
    count = f"{len(later)} question{'' if len(later) == 1 else 's'}"
    titles = ", ".join(f"{q.title} (from {STAGE_LABEL[q.from_stage].lower()})" for q in later)
    return f"{count} left for later stages (not asked at {stage}): {titles}"
