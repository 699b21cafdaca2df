"""What the Markdown shows under a question's heading besides the answer: the earlier
question it builds on (a link to that answer, or a word that it is still open) and, in a
draft, the prompt to answer with what a good answer covers, and when it is asked."""

from __future__ import annotations

from .document import Document
from .kinds import is_answered
from .markdown_anchors import Headings
from .markdown_open import reader_prompt
from .markdown_text import readable
from .mdsafe import inline
from .names import and_list
from .question_notes import ASK_SEPARATOR, COVER, EarlierAnswer, builds_on
from .specs import Question, Specs


def around_answer(
    doc: Document,
    specs: Specs,
    headings: Headings,
    question: Question,
    value: object,
    *,
    draft: bool,
    said: bool = False,
) -> list[str]:
    """The blocks between a question's heading and its answer: what it builds on (unless
    ``said``: the reader has just read it, the heading above or a line of this chapter), and
    in a draft, the prompt of a question not answered yet with what its answer covers."""
    out: list[str] = []
    earlier = None if said else builds_on(doc, specs, question, headings)
    if earlier is not None:
        out.append(builds_on_line(earlier))
    if draft and not is_answered(value):
        out.append(draft_prompt(question.prompt, question.asks))
    return out


def builds_on_line(earlier: EarlierAnswer) -> str:
    """``*Builds on [Fallback behaviour](#fallback-behaviour) (6. Baseline).*``; without a
    link while the earlier question is open (its heading is then not in a reader's
    document)."""
    chapter = readable(earlier.chapter)
    if earlier.answered:
        return f"*Builds on [{inline(earlier.title)}](#{earlier.anchor}) ({chapter}).*"
    if not earlier.asked:
        why = "not asked for this document"
    elif earlier.later is not None:
        why = f"asked from the {earlier.later.lower()} stage"
    else:
        why = "not answered yet"
    return f"*Builds on {readable(earlier.title)} ({chapter}), {why}.*"


def draft_prompt(prompt: str, asks: list[str]) -> str:
    """The question to answer, quoted, and what the answer covers (a draft's open
    question)."""
    lines = [readable(reader_prompt(prompt))]
    if asks:
        lines.append(COVER + ASK_SEPARATOR.join(readable(ask) for ask in asks))
    return "  \n".join(f"> {line}" for line in lines)


def said_once(notes: list[tuple[str, str | None]]) -> dict[str, str]:
    """A draft's condition notes, each said once a chapter: ``notes`` is (title, condition
    note or None) for each question in the order shown; the result gives the first question
    with each condition its note, naming the others it holds for (which say nothing)::

        Asked when Kind of system (1. Essentials) is not A prompted language model. The same
        goes for "Tools" and "Run triggers" below.
    """
    groups: dict[str, list[str]] = {}
    for title, note in notes:
        if note is not None:
            groups.setdefault(note, []).append(title)
    out: dict[str, str] = {}
    for note, (first, *rest) in groups.items():
        quoted = [f'"{title}"' for title in rest]
        others = and_list(quoted)
        out[first] = f"{note} The same goes for {others} below." if rest else note
    return out
