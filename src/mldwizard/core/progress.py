"""How far along a document is: per step and overall, counting only what the document's
stage asks (see :mod:`mldwizard.core.shown`). Shared by every face."""

from __future__ import annotations

from dataclasses import dataclass

from .document import Document
from .kinds import is_answered
from .shown import shown_questions, step_answers
from .specs import Specs, StepSpec
from .stages import reached


@dataclass(frozen=True)
class StepProgress:
    answered: int
    """Shown questions with an answer (feasibility, a stage gate: items with a status); a
    step's free notes are not counted, neither here nor in ``shown``."""
    shown: int
    required_answered: int
    required: int

    @property
    def complete(self) -> bool:
        return self.answered > 0 and self.required_answered == self.required


def step_progress(doc: Document, step: StepSpec) -> StepProgress:
    if step.kind == "feasibility":
        done = sum(1 for item in step.items if doc.feasibility.status_of(item.id) is not None)
        return StepProgress(done, len(step.items), done, len(step.items))
    if step.kind == "stage-gate":  # its items, once the document is at its stage
        state = doc.stage_gates.get(step.slug)
        t = step.transition
        done = sum(1 for i in step.criteria if state and state.status_of(i.id) is not None)
        if t is None or not reached(doc.stage, t.from_):
            # a later gate: nothing is asked yet, but items marked early count as written
            return StepProgress(done, len(step.criteria) if done else 0, done, done)
        return StepProgress(done, len(step.criteria), done, len(step.criteria))
    answers = step_answers(doc, step)
    # The free notes are extra: never missing, and no measure of how far along a step is.
    # Questions left for a later stage are not shown, so they count neither way.
    shown = [q for q in shown_questions(doc, step) if not q.is_notes]
    required = [q for q in shown if q.required_at(doc.stage)]
    return StepProgress(
        answered=sum(1 for q in shown if is_answered(answers.get(q.id))),
        shown=len(shown),
        required_answered=sum(1 for q in required if is_answered(answers.get(q.id))),
        required=len(required),
    )


def chapters_complete(doc: Document, specs: Specs) -> tuple[int, int]:
    """(complete chapters, all chapters); the gate and the checklist are not chapters."""
    chapters = specs.chapters
    return sum(1 for s in chapters if step_progress(doc, s).complete), len(chapters)
