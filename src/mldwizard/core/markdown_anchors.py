"""The document's headings and their anchors, decided by the specs alone.

Every chapter and every question has a heading whose anchor is the one GitHub (and
markdown-it's anchors plugin) derives from its text: lower case, punctuation dropped, spaces
as hyphens (``Business metric`` -> ``#business-metric``). Question titles are unique within a
step and, in the built-in specs, across the document; should a title's anchor already be
taken (a custom spec, or a question titled like a chapter), its heading names its step too
("Risks (Monitoring)"). So no anchor depends on which questions are answered (except the
chapters' "Other notes", numbered by GitHub in order; nothing links to them): a reader's
document leaves unanswered questions out, and the anchors of the others do not move.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .markdown_text import readable
from .mdsafe import github_anchor
from .specs import PARTS, Specs

VERDICTS = "Verdicts"
CONTENTS = "Contents"
OPEN_QUESTIONS = "Open questions"
WORKSHOPS = "Workshops"
RECENT_CHANGES = "Recent changes"
OPEN_REVIEW_COMMENTS = "Open review comments"
SILENCED_FINDINGS = "Silenced lint findings"


@dataclass
class Headings:
    """Heading text (Markdown) and anchor per part, step and question."""

    text: dict[str, str] = field(default_factory=dict)
    anchor: dict[str, str] = field(default_factory=dict)

    def add(self, key: str, text: str, seen: dict[str, int]) -> None:
        self.text[key] = text
        self.anchor[key] = github_anchor(text, seen)

    def part(self, part: str) -> tuple[str, str]:
        return self.text["part:" + part], self.anchor["part:" + part]

    def step(self, slug: str) -> tuple[str, str]:
        return self.text[slug], self.anchor[slug]

    def question(self, slug: str, qid: str) -> tuple[str, str]:
        return self.text[f"{slug}.{qid}"], self.anchor[f"{slug}.{qid}"]


def plan_headings(title: str, specs: Specs) -> Headings:
    """All headings in document order, the ones that may be left out included."""
    plan = Headings()
    seen: dict[str, int] = {}
    for key, text in (("title", readable(title)), (VERDICTS, VERDICTS), (CONTENTS, CONTENTS)):
        plan.add(key, text, seen)
    parts_done: set[str] = set()
    for step in specs.steps:
        part = specs.parts[step.slug]
        if part not in parts_done:
            parts_done.add(part)
            plan.add("part:" + part, PARTS[part], seen)
        plan.add(step.slug, readable(step.label), seen)
        for question in step.questions:
            text = readable(question.title)
            if question.is_notes:
                # Every chapter's last heading reads "Other notes", as written: GitHub numbers
                # the copies (other-notes-1, ...) in the order they appear. Nothing links to
                # them, and no other heading's anchor depends on them.
                plan.text[f"{step.slug}.{question.id}"] = text
                plan.anchor[f"{step.slug}.{question.id}"] = ""
                continue
            if _slug(text) in seen:
                text = f"{text} ({readable(step.title)})"
            plan.add(f"{step.slug}.{question.id}", text, seen)
    plan.add(OPEN_QUESTIONS, OPEN_QUESTIONS, seen)
    for step in specs.steps:  # each step's block in "Open questions"
        plan.add("open:" + step.slug, f"Open in {readable(step.label)}", seen)
    for key in (WORKSHOPS, RECENT_CHANGES, OPEN_REVIEW_COMMENTS, SILENCED_FINDINGS):
        plan.add(key, key, seen)
    return plan


def _slug(text: str) -> str:
    return github_anchor(text, {})
