"""The line under the document's title: when it was created, its stage, how far it is and
what is still open (questions, checklist items, review comments), each count a link to the
section that lists them (the draft has no "Open questions" section, so no link there)::

    *Created 2026-09-10 · Stage: Prototype (...) · 16 of 16 chapters answered, 6 approved ·
    no open questions · [2 open review comments (1 critical)](#open-review-comments)*
"""

from __future__ import annotations

from .approved_text import shown_status
from .document import Document
from .markdown_anchors import OPEN_QUESTIONS, OPEN_REVIEW_COMMENTS, Headings
from .markdown_open import open_summary
from .progress import chapters_complete
from .review_render import open_comments_text
from .specs import Specs
from .stages import stage_text


def summary_line(doc: Document, specs: Specs, headings: Headings, *, draft: bool) -> str:
    def linked(text: str, key: str) -> str:
        return f"[{text}](#{headings.anchor[key]})"

    line = [
        f"Created {doc.project.created.isoformat()}",
        f"Stage: {stage_text(doc.stage)}",
        progress(doc, specs),
    ]
    counts = open_summary(doc, specs)
    line += [c if draft else linked(c, OPEN_QUESTIONS) for c in counts] or ["no open questions"]
    threads = open_comments_text(doc, specs)  # answered is not agreed: say what is still open
    if threads:
        line.append(linked(threads, OPEN_REVIEW_COMMENTS))
    return "*" + " · ".join(line) + "*"


def progress(doc: Document, specs: Specs) -> str:
    """ "16 of 16 chapters answered, 5 approved, 1 changed since its approval": every
    required question answered is not the same as approved (a Draft chapter may be
    complete), and an approved chapter whose text changed since is approved no longer (the
    rule of the chapter's own status line, the status table and ``check``'s MLD006)."""
    done, total = chapters_complete(doc, specs)
    shown = [shown_status(doc, s.slug) for s in specs.chapters]
    approved, changed = shown.count("approved"), shown.count("changed")
    counts = [f"{approved} approved"] if approved else []
    if changed:
        counts.append(f"{changed} changed since {'its' if changed == 1 else 'their'} approval")
    return ", ".join([f"{done} of {total} chapters answered", *counts])
