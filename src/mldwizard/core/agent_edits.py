"""What a coding agent may change in a document: one answer at a time, as a proposal.

An agent (a client of ``mldwizard mcp``) writes an answer through the same edits and the
same locked, merged, atomic save as ``mldwizard set``; the changelog names it
``agent:<client name>`` with the reason it gave, and the chapter goes to ``review`` so a
human owner must approve it. Nothing here approves, ``ack``-s, or changes owners, people,
review records or the stage: an agent cannot.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import edits, storage
from .agent_names import AGENT_PREFIX, is_agent
from .document import ChangelogEntry, Document
from .errors import UsageError
from .kinds import Answer
from .mdlinks_unsafe import unsafe_schemes_in
from .names import shown_name
from .specs import Specs, StepSpec

MAX_REASON_CHARS = 1000
MAX_PROPOSAL_CHARS = 20_000
"""The longest answer an agent may propose, in characters: longer than any answer a
chapter needs (a long-text answer is a few paragraphs), short enough that a runaway agent
cannot bloat the document, its Markdown and its backup in one call."""
SHOWN_ANSWER_CHARS = 500
"""How much of the proposed answer a proposal's result shows back to the agent."""


def shown_answer(value: Answer, limit: int = SHOWN_ANSWER_CHARS) -> tuple[str, int]:
    """The answer as its text (a list one item a line), cut to ``limit`` characters (a cut
    one ends in '…'), and the length of the whole text."""
    text = "\n".join(map(str, value)) if isinstance(value, list) else str(value)
    return (text if len(text) <= limit else text[: limit - 1] + "…"), len(text)


def clean_reason(reason: str) -> str:
    """The reason on one line; refused when empty, too long or holding control characters."""
    text = " ".join(reason.split())
    if not text:
        raise UsageError("reason: say why this answer is proposed (it goes in the changelog)")
    if len(text) > MAX_REASON_CHARS:
        raise UsageError(
            f"reason: at most {MAX_REASON_CHARS} characters, got {len(text)}; keep it short"
        )
    if any(unicodedata.category(c).startswith("C") for c in text):
        raise UsageError("reason: control or invisible formatting characters are not allowed")
    return text


@dataclass(frozen=True)
class Proposal:
    step: StepSpec
    question: str
    value: Answer
    status_before: str
    saved: Document


def propose_answer(
    path: Path,
    specs: Specs,
    chapter: str,
    question: str,
    text: str,
    reason: str,
    author: str,
) -> Proposal:
    """Write ``text`` as the answer to ``chapter``.``question`` (validated as ``mldwizard
    set`` validates a typed value), set the chapter to ``review`` and save, the reason in
    the changelog. Raises :class:`UsageError` (nothing written) for a text longer than
    :data:`MAX_PROPOSAL_CHARS`, an unknown chapter or question, a value that does not fit,
    or an answer that is already the one given."""
    if not is_agent(author):
        raise UsageError(f"a proposal's author is an agent ({AGENT_PREFIX}NAME), got {author!r}")
    if len(text) > MAX_PROPOSAL_CHARS:
        raise UsageError(
            f"text: at most {MAX_PROPOSAL_CHARS:,} characters, got {len(text):,}; "
            "propose a shorter answer (nothing was written)"
        )
    step = specs.resolve(chapter)
    edits.question_of(step, question)  # an unknown question names the valid ones
    schemes = unsafe_schemes_in(text)
    if schemes:  # the document would show it as text: an agent is told, nothing is written
        raise UsageError(
            f"text: the answer to {step.slug}.{shown_name(question)} links to an unsafe "
            f"{schemes[0]}: address; a link goes to a web page "
            "(http:// or https://), a mailto: address, a heading (#...) or a relative path. "
            "Propose the answer without it (nothing was written)"
        )
    note = f"reason: {clean_reason(reason)}"
    values: list[Answer] = []
    statuses: list[str] = []

    def change(doc: Document) -> None:
        state = doc.step(step.slug)
        before = state.answers.get(question)
        statuses.append(state.status)
        value = edits.set_answer_text(
            doc, step, question, [text], "an agent proposes text and cannot remove an answer"
        )
        if state.answers.get(question) == before:
            raise UsageError(
                f"{step.slug}.{shown_name(question)}: that is already the answer; "
                "nothing was written"
            )
        values.append(value)
        edits.set_status(doc, step, "review")

    def with_reason(entries: list[ChangelogEntry]) -> list[ChangelogEntry]:
        for entry in entries:
            entry.summary = f"{entry.summary}; {note}"
        return entries

    saved = storage.update_document(path, specs, author, change, relabel=with_reason)
    return Proposal(step, question, values[-1], statuses[-1], saved)
