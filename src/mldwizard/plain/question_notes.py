"""What plain mode prints around a question besides its help: the earlier answer it builds
on (before the prompt) and what a good answer covers (a line under the prompt, which the
prompt itself prints: see ``prompts.Prompts``)."""

from __future__ import annotations

from pathlib import Path

from ..core.document import Document
from ..core.question_notes import builds_on, cover_line
from ..core.specs import Question, Specs
from .command_hints import command_line
from .prompts import Prompts

EXCERPT_LINES = 6
EXCERPT_CHARS = 480
"""More than the wizard shows: nothing beside it competes for the room."""


def say_builds_on(
    prompts: Prompts, path: Path, doc: Document, specs: Specs, question: Question
) -> None:
    """``Builds on 6. Baseline › Fallback behaviour:`` and that answer (a few lines, and how
    to see it whole), or where it is still to be answered."""
    earlier = builds_on(doc, specs, question)
    if earlier is None:
        return
    if not earlier.answered:
        prompts.say(f"  {earlier.heading}: {earlier.where}", "cyan")
        return
    prompts.say(f"  {earlier.heading}:", "cyan")
    excerpt, shortened = earlier.excerpt(EXCERPT_LINES, EXCERPT_CHARS)
    for line in excerpt.splitlines():
        prompts.say("    " + line, "italic")
    if shortened:
        whole = command_line("show", path, specs, earlier.step.slug)
        prompts.say(f"    (shortened; whole: {whole})", "dim")


def with_asks(message: str, question: Question) -> str:
    """The prompt's message, with the line of what its answer covers under it."""
    line = cover_line(question)
    return f"{message}\n{line}" if line else message
