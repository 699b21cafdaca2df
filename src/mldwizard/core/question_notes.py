"""What every face shows around a question besides its prompt: the checklist of what a good
answer covers (``asks``) and the earlier answer the question builds on (``builds_on``).

The faces (the wizard, its help panel, plain mode, the workshop, ``mldwizard specs``, the
Markdown and what is made from it) only show what is resolved here, so each says the same:
"Cover: who; when; what it costs" and "Builds on 6. Baseline › Fallback behaviour", with the
earlier answer (its text as people read it: labels, names) and its anchor in the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from .context import StepAnswers
from .document import Document, person_label
from .kinds import Answer, format_answer, is_answered
from .markdown_anchors import Headings, plan_headings
from .specs import Question, Specs, StepSpec
from .stages import STAGE_LABEL

COVER = "Cover: "
ASK_SEPARATOR = "; "
"""Entries of ``asks`` may hold commas ("who, and how often"): joined with semicolons."""
NOT_ANSWERED = "(not answered yet)"
EXCERPT_LINES = 3
EXCERPT_CHARS = 240
"""An earlier answer shown beside a question: a few lines, the whole one elsewhere."""


def cover_line(question: Question) -> str:
    """``Cover: who; when; what it costs``, or "" for a question without ``asks``."""
    return COVER + ASK_SEPARATOR.join(question.asks) if question.asks else ""


def earlier_question(specs: Specs, question: Question) -> tuple[StepSpec, Question] | None:
    """The step and question ``question.builds_on`` names (the loader checked it exists)."""
    if question.builds_on is None:
        return None
    slug, _, qid = question.builds_on.partition(".")
    step = specs.get(slug)
    earlier = step.question(qid) if step is not None else None
    return (step, earlier) if step is not None and earlier is not None else None


def earlier_label(step: StepSpec, question: Question) -> str:
    """``6. Baseline › Fallback behaviour``."""
    return f"{step.label} › {question.title}"


@dataclass(eq=False)
class EarlierAnswer:
    """The question ``builds_on`` names, resolved against a document."""

    step: StepSpec
    question: Question
    value: Answer | None
    """The stored answer (None when there is none)."""
    lines: tuple[str, ...]
    """The answer as people read it, line by line (labels for choices, names for people, a
    list one ``• item`` a line); empty when not answered."""
    _doc_title: str
    _specs: Specs
    _headings: Headings | None = None
    same_step: bool = False
    """The earlier question is in the same step as the one that builds on it."""
    asked: bool = True
    """Whether the document asks the earlier question (its conditions hold); when not, it
    cannot be answered, and "not answered yet" would send the author looking for it."""
    later: str | None = None
    """The stage from which the earlier question is asked, when the document is not
    there yet (None when it is asked now)."""

    @property
    def ref(self) -> str:
        return f"{self.step.slug}.{self.question.id}"

    @property
    def answered(self) -> bool:
        return bool(self.lines)

    @property
    def chapter(self) -> str:
        """The step's label, as the sidebar shows it: ``6. Baseline``."""
        return self.step.label

    @property
    def title(self) -> str:
        return self.question.title

    @property
    def heading(self) -> str:
        """``Builds on 6. Baseline › Fallback behaviour``."""
        return "Builds on " + earlier_label(self.step, self.question)

    @property
    def where(self) -> str:
        """Why it is open and where to answer it: ``(not answered yet: it is in 6.
        Baseline)``, ``(not answered yet: above in this chapter)``, ``(not asked for this
        document)`` or ``(asked from the prototype stage)``."""
        return f"({self.open_reason})"

    @property
    def open_reason(self) -> str:
        if not self.asked:
            return "not asked for this document"
        if self.later is not None:
            return f"asked from the {self.later.lower()} stage"
        if self.same_step:
            return f"{NOT_ANSWERED[1:-1]}: above in this chapter"
        return f"{NOT_ANSWERED[1:-1]}: it is in {self.chapter}"

    @property
    def text(self) -> str:
        """The whole answer as text ("" when not answered)."""
        return "\n".join(self.lines)

    @cached_property
    def anchor(self) -> str:
        """The anchor of its heading in the Markdown and the web page (without ``#``)."""
        headings = self._headings or plan_headings(self._doc_title, self._specs)
        return headings.question(self.step.slug, self.question.id)[1]

    def excerpt(
        self, max_lines: int = EXCERPT_LINES, max_chars: int = EXCERPT_CHARS
    ) -> tuple[str, bool]:
        """The answer's first few lines, cut at a word with "…" past ``max_chars``; and
        whether anything was left out."""
        lines = [line for line in self.lines if line.strip()]  # blank lines: room wasted
        kept: list[str] = []
        used = 0
        for line in lines[:max_lines]:
            if used + len(line) > max_chars:
                room = max(max_chars - used, 0)
                cut = line[:room].rsplit(" ", 1)[0] if " " in line[:room] else line[:room]
                kept.append(cut.rstrip() + "…")
                return "\n".join(kept), True
            kept.append(line)
            used += len(line)
        return "\n".join(kept), len(lines) > max_lines


def builds_on(
    doc: Document, specs: Specs, question: Question, headings: Headings | None = None
) -> EarlierAnswer | None:
    """What ``question`` builds on, with its answer in ``doc``; None when it builds on
    nothing. ``headings``: the document's, when at hand (else planned if the anchor is
    asked for)."""
    found = earlier_question(specs, question)
    if found is None:
        return None
    step, earlier = found
    state = doc.gate if step.kind == "gate" else doc.chapters.get(step.slug)
    value = state.answers.get(earlier.id) if state is not None else None
    lines = answer_lines(doc, earlier, value) if is_answered(value) else ()
    return EarlierAnswer(
        step,
        earlier,
        value,
        lines,
        doc.project.title,
        specs,
        headings,
        same_step=any(q is question for q in step.questions),
        asked=earlier.visible(StepAnswers(doc, step.slug)),
        later=None if earlier.asked_at(doc.stage) else STAGE_LABEL[earlier.from_stage],
    )


def answer_lines(doc: Document, question: Question, value: Answer | None) -> tuple[str, ...]:
    """An answer as a reader reads it in a terminal, line by line."""
    if not is_answered(value) or value is None:
        return ()
    if question.kind in ("person", "people"):
        people = {p.handle: person_label(p) for p in doc.people}
        handles = value if isinstance(value, list) else [value]
        return (", ".join(people.get(str(h), str(h)) for h in handles),)
    shown = question.labelled(value)
    if isinstance(shown, list):
        return tuple(f"• {' '.join(str(item).split())}" for item in shown)
    if isinstance(shown, str):
        lines = [line.rstrip() for line in shown.strip().splitlines()]
        return tuple(lines)
    return (format_answer(shown),)
