"""The review screen's answer side: the step's questions and answers as the reader's
document shows them, read-only; the answers the highlighted review item looks at are
marked and scrolled into view."""

from __future__ import annotations

from rich.console import Group
from rich.markdown import Markdown
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...core.document import Document
from ...core.markdown import answer_markdown
from ...core.markdown_text import readable
from ...core.review_rules import summarise
from ...core.shown import shown_questions
from ...core.specs import StepSpec


class AnswerBlock(Static):
    """One question's title and its answer."""

    def __init__(self, qid: str) -> None:
        super().__init__(id=f"ra-{qid}", classes="review-answer")
        self.qid = qid
        self.title = ""
        self.markdown = ""
        """The answer as the reader's document has it (Markdown)."""


class ReviewAnswers(VerticalScroll):
    """Scrolls with the arrow keys once focused (Tab), and with the mouse."""

    async def show(self, doc: Document, step: StepSpec) -> None:
        """Fill (or refill) with the step's shown questions and their answers; an answer
        changed since the review it is compared with (see ``summarise``) says so."""
        answers = doc.step(step.slug).answers
        s = summarise(doc, step, blockers=False)
        since = f" (changed since revision {s.since.revision})" if s.since is not None else ""
        questions = [q for q in shown_questions(doc, step) if not q.is_notes]
        have = {b.qid: b for b in self.query(AnswerBlock)}
        wanted = [q.id for q in questions]
        if list(have) != wanted:
            await self.remove_children()
            await self.mount_all(AnswerBlock(qid) for qid in wanted)
            have = {b.qid: b for b in self.query(AnswerBlock)}
        for question in questions:
            value = answers.get(question.id)
            body = answer_markdown(doc, question, value, f"{step.slug}-{question.id}")
            title = Text(readable(question.title), style="bold")
            if question.id in s.changed:
                title.append(since, style="bold yellow")
            block = have.get(question.id)
            if block is not None and (block.markdown, block.title) != (body, title.plain):
                block.markdown, block.title = body, title.plain
                block.update(Group(title, Markdown(body)))

    def highlight(self, qids: list[str]) -> None:
        """Mark the answers a review item looks at, and bring the first into view."""
        first = None
        for block in self.query(AnswerBlock):
            wanted = block.qid in qids
            block.set_class(wanted, "-looked-at")
            if wanted and first is None:
                first = block
        if first is not None:
            self.scroll_to_widget(first, top=True, animate=False)
