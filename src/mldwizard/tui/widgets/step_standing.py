"""The step's standing, beside its title where it never scrolls away: its status and its open
review threads. An owner opening an approved step months later (``mldwizard chapter PATH 5``)
saw neither at 80x24: the status line under the intro was scrolled off by the first
question brought into view (QA10a #11)."""

from __future__ import annotations

from rich.text import Text

from ...core.approved_text import shown_status
from ...core.document import Document
from ...core.review_rules import BLOCKING_SEVERITIES, open_threads

STATUS_WORDS = {
    "review": "in review",
    "approved": "approved",
    "changed": "approved, changed since",
}
STATUS_STYLE = {"review": "yellow", "approved": "green", "changed": "bold yellow"}


def standing(doc: Document, slug: str) -> Text | None:
    """``in review · 1 open thread, critical (F8)``; None for a step in draft (or not begun)
    without open threads: nothing to say there."""
    status = shown_status(doc, slug)
    threads = open_threads(doc.state_of(slug))
    if status not in STATUS_WORDS and not threads:
        return None
    text = Text()
    if status in STATUS_WORDS:
        text.append(STATUS_WORDS[status], style=STATUS_STYLE[status])
    if threads:
        if text:
            text.append(" · ")
        count = len(threads)
        text.append(f"{count} open thread{'' if count == 1 else 's'}", style="yellow")
        blocking = [s for s in BLOCKING_SEVERITIES if any(t.severity == s for t in threads)]
        if blocking:
            text.append(f", {' and '.join(blocking)}", style="yellow")
    text.append(" (F8)", style="dim")
    return text
