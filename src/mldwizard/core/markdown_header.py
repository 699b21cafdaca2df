"""The line under the document's title: when it was created, its stage, how far it is and
what is still open (questions, checklist items, review comments), each count a link to the
section that lists them (the draft has no "Open questions" section, so no link there)::

    *Created 2026-09-10 · Stage: Prototype (...) · 16 of 16 chapters complete, 6 approved ·
    no open questions · [2 open review comments (1 critical)](#open-review-comments)*

A document stopped at a feasibility NO-GO (the verdict above it says why) does not count
what is left to answer: nobody should answer it. It says that it stopped there, and the
"Open questions" section still lists what was left open.
"""

from __future__ import annotations

from .approved_text import shown_status
from .document import Document
from .markdown_anchors import OPEN_QUESTIONS, OPEN_REVIEW_COMMENTS, Headings
from .markdown_open import open_summary, stopped_at_no_go
from .progress import chapters_complete, step_progress
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
    if counts and stopped_at_no_go(doc, specs):
        rest = "the rest left unanswered"
        rest = rest if draft else linked(rest, OPEN_QUESTIONS)
        line.append(f"stopped at the feasibility NO-GO, with {rest}")
    else:
        line += [c if draft else linked(c, OPEN_QUESTIONS) for c in counts]
        line += [] if counts else ["no open questions"]
    threads = open_comments_text(doc, specs)  # answered is not agreed: say what is still open
    if threads:
        line.append(linked(threads, OPEN_REVIEW_COMMENTS))
    return "*" + " · ".join(line) + "*"


def progress(doc: Document, specs: Specs) -> str:
    """ "16 of 16 chapters complete, 5 approved, 1 changed since its approval", "0 of 16
    chapters complete, 3 started": complete is every required question answered, which is
    not the same as approved (a Draft chapter may be complete); started is a chapter with
    answers that is not complete; an approved chapter whose text changed since is approved
    no longer (the rule of the chapter's own status line, the status table and ``check``'s
    MLD006)."""
    done, total = chapters_complete(doc, specs)
    started = sum(
        1 for s in specs.chapters if (p := step_progress(doc, s)).answered and not p.complete
    )
    shown = [shown_status(doc, s.slug) for s in specs.chapters]
    approved, changed = shown.count("approved"), shown.count("changed")
    counts = [f"{started} started"] if started else []
    counts += [f"{approved} approved"] if approved else []
    if changed:
        counts.append(f"{changed} changed since {'its' if changed == 1 else 'their'} approval")
    return ", ".join([f"{done} of {total} chapters complete", *counts])
