"""What a document has not answered yet: per step, for the "Open questions" section at the
end of a reader's document, the counts in its summary line and the wizard's preview.

A question is open when it is shown (its condition holds and the document's stage asks it,
see ``core.shown``) and has no answer; it is "required" when the stage requires it. A
question left for a later stage is not open. A feasibility
item is open while it has no status. Required questions come first.

The reader's list is compact, so that a half-finished document still reads as a design
document and not as a form: per step, each required open question (each critical item of
the checklist) on one line with its title and its full prompt, then the optional ones by
title on one line. What a good answer covers is the draft's (``export --draft``), next to
the place of each answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Document
from .kinds import is_answered
from .markdown_anchors import Headings
from .markdown_text import readable
from .shown import later_questions, shown_questions, step_answers
from .specs import Specs, StepSpec
from .stages import STAGE_LABEL, stage_index
from .verdicts import feasibility_result

# Sentences of a prompt that tell a wizard's user what to do with its widgets.
_UI_SENTENCE = re.compile(
    r"(?:^|(?<=[.?!]))\s*(?:Pick|Select|Choose|Press|Tick|Check)\b[^.?!]*"
    r"(?:\b(?:handles?|all that apply|from the list|below|above|key|box(?:es)?)\b)[^.?!]*[.?!]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Open:
    """One open question (or feasibility item) of a step."""

    title: str
    required: bool
    mark: str = ""
    """What sets it apart: "required", "critical" or nothing."""
    prompt: str = ""
    """What it asks, as the reader's document says it (a checklist item: its help)."""


def open_in_step(doc: Document, step: StepSpec) -> list[Open]:
    """The step's open questions, required ones first, each group in spec order (a
    chapter's free notes are never one: nothing is missing without them)."""
    if step.kind == "feasibility":
        return [
            Open(item.text.rstrip("."), True, "critical" if item.critical else "", item.help)
            for item in step.items
            if doc.feasibility.status_of(item.id) is None
        ]
    answers = step_answers(doc, step)
    found = [
        Open(q.title, required, "required" if required else "", q.prompt)
        for q in shown_questions(doc, step)
        if not is_answered(answers.get(q.id)) and not q.is_notes  # notes are never owed
        for required in [q.required_at(doc.stage)]
    ]
    return [o for o in found if o.required] + [o for o in found if not o.required]


def reader_prompt(prompt: str) -> str:
    """The prompt without the wizard's instructions, on one line."""
    kept = _UI_SENTENCE.sub("", prompt).strip()
    return " ".join((kept or prompt).split())


def open_counts(doc: Document, specs: Specs) -> tuple[int, int]:
    """(open questions, of which required) in the whole document."""
    found = [o for step in specs.steps for o in open_in_step(doc, step)]
    return len(found), sum(1 for o in found if o.required)


def items_text(found: list[Open]) -> str:
    """ "12 items without a status (8 critical)", for the feasibility checklist."""
    count, critical = len(found), sum(1 for o in found if o.mark == "critical")
    text = f"{count} item{'' if count == 1 else 's'} without a status"
    return text + (f" ({critical} critical)" if critical else "")


def open_summary(doc: Document, specs: Specs) -> list[str]:
    """The document's open questions and checklist items without a status, counted apart
    ("155 open questions (100 required)", "12 checklist items without a status"); empty
    when nothing is open."""
    questions = [
        o for step in specs.steps if step.kind != "feasibility" for o in open_in_step(doc, step)
    ]
    items = [
        o for step in specs.steps if step.kind == "feasibility" for o in open_in_step(doc, step)
    ]
    out = []
    if questions:
        out.append(counts_text(len(questions), sum(1 for o in questions if o.required)))
    if items:
        out.append(f"{len(items)} checklist item{'' if len(items) == 1 else 's'} without a status")
    return out


def counts_text(total: int, required: int) -> str:
    """ "23 open questions (9 required)", "1 open question", "no open questions"."""
    if total == 0:
        return "no open questions"
    noun = "open question" if total == 1 else "open questions"
    return f"{total} {noun}" + (f" ({required} required)" if required else "")


def open_list(step: StepSpec, items: list[Open]) -> str:
    """A step's open questions: each required one (each critical item of the checklist) on
    a line of its own with its full prompt, then the others by title on one line::

        - *Team* (required): Who is on the team that builds and runs the system?
        - *Milestones* (required): What are the milestones up to version one?
        - **Optional:** *Status updates*, *Links*.
    """
    feasibility = step.kind == "feasibility"
    owed = [(o.mark == "critical") if feasibility else o.required for o in items]
    first = [o for o, due in zip(items, owed, strict=True) if due]
    rest = [o for o, due in zip(items, owed, strict=True) if not due]
    lines = [
        f"- *{readable(o.title)}* ({o.mark}): {readable(reader_prompt(o.prompt))}" for o in first
    ]
    if rest:
        label = "Not critical" if feasibility else "Optional"
        lines.append(f"- **{label}:** " + ", ".join(f"*{readable(o.title)}*" for o in rest) + ".")
    return "\n".join(lines)


def open_section(doc: Document, specs: Specs, headings: Headings) -> list[str]:
    """The blocks of "Open questions": one per step with anything open, linked back; in a
    document stopped at a feasibility NO-GO, first a line that says so, with the counts its
    summary line leaves out."""
    out: list[str] = []
    if stopped_at_no_go(doc, specs):
        counts = " and ".join(open_summary(doc, specs))
        out.append(
            "The document stopped at the feasibility NO-GO: these were left unanswered, and "
            f"need no answer unless the plan changes: {counts}."
        )
    for step in specs.steps:
        found = open_in_step(doc, step)
        if not found:
            continue
        text, anchor = headings.step(step.slug)
        heading = headings.text["open:" + step.slug]
        out.append(f"### {heading}\n\nBack to [{text}](#{anchor}).\n\n{open_list(step, found)}")
    return out


def later_line(doc: Document, step: StepSpec) -> str:
    """The questions the document's stage does not ask yet, so a reviewer sees what was
    put off and until when: ``*Later stages: "Learning curves", "Worst cases" (from
    prototype); "Test results" (from pilot).*`` (each title quoted, as one may hold a
    comma; "" when there are none)."""
    by_stage: dict[str, list[str]] = {}
    for q in later_questions(doc, step):
        if not q.is_notes:
            by_stage.setdefault(STAGE_LABEL[q.from_stage].lower(), []).append(readable(q.title))
    if not by_stage:
        return ""
    parts = [
        ", ".join(f'"{title}"' for title in titles) + f" (from {stage})"
        for stage, titles in by_stage.items()
    ]
    return f"*Later stages: {'; '.join(parts)}.*"


def stopped_at_no_go(doc: Document, specs: Specs) -> bool:
    """Whether the document stopped at a feasibility NO-GO: the verdict is NO-GO and the
    team did not move on past design despite it (a move with a reason carries on)."""
    result = feasibility_result(doc, specs)
    if result is None or result.verdict != "NO-GO":
        return False
    return not (stage_index(doc.stage) > stage_index("design") and doc.feasibility.moved_despite)
