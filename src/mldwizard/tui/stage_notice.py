"""What the wizard says when the document's stage changes: in the overview (F9) or on disk
(someone else's ``set --stage``). The words are the core's (:mod:`mldwizard.core.shown`);
this only fits them into a notice short enough not to cover the screen."""

from __future__ import annotations

from ..core.document import Document
from ..core.shown import stage_change_lines, stage_change_summary
from ..core.specs import Specs
from ..core.stages import Stage

NOTICE_LINES = 4
"""At most this many lines of the list in a notice (80x24 keeps the overview's stage row
clear); a longer list is summed up and its place named."""


def stage_notice(doc: Document, specs: Specs, before: Stage, head: str, where: str) -> str:
    """``head`` and what the change makes required: the whole list when it is short, else a
    summary saying ``where`` the whole list is."""
    lines = stage_change_lines(doc, specs, before)
    if len(lines) <= NOTICE_LINES:
        return "\n".join([head, *lines])
    return f"{head} {stage_change_summary(doc, specs, before)}: {where}."
