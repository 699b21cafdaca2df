"""What a workshop review session shows: one review item at a time, large, with the answers
it looks at so the room can judge, and at the end a summary with what blocks approval.
All the words come from :mod:`mldwizard.core.workshop_review`; this only lays them out."""

from __future__ import annotations

from rich.markdown import Markdown
from rich.text import Text
from textual.widgets import Static

from ..core.document import Document
from ..core.review_model import MARK_LABEL
from ..core.review_spec import ReviewItem
from ..core.specs import Specs, StepSpec
from ..core.workshop_review import (
    MARK_KEYS,
    THREAD_KEYS,
    item_heading,
    looked_at,
    mark_text,
    session_summary,
    thread_lines,
)

SEVERITY_STYLE = {"critical": "bold red", "major": "bold yellow", "minor": "bold"}


def keys_line(threads: bool = False) -> Text:
    """``m Met  p Partial  n Not met  x Not applicable  c Comment``, the comment keys when
    the page has comments, and the workshop's own keys: the footer does not hold every key
    at 80 columns, so the page says them."""
    text = Text()
    for key, mark in MARK_KEYS.items():
        label = "Not applicable" if mark == "not-applicable" else MARK_LABEL[mark]
        text.append(key, style="bold reverse")
        text.append(f" {label}  ")
    text.append("c", style="bold reverse")
    text.append(" Comment\n")
    if threads:
        text.append_text(thread_keys_line())
    for key, label in (("d", "Decision"), ("a", "Action"), ("o", "Question"), ("+/-", "minute")):
        text.append(key, style="bold reverse")
        text.append(f" {label}  ")
    return text


def thread_keys_line() -> Text:
    """``R Resolve  C Close  O Reopen a comment``."""
    text = Text()
    for key, action in THREAD_KEYS.items():
        text.append(key, style="bold reverse")
        text.append(f" {action.title()}  ")
    text.append("a comment\n")
    return text


def item_widgets(doc: Document, specs: Specs, step: StepSpec, item: ReviewItem) -> list[Static]:
    """The item, its verdict and its comments first (what the room decides on), then how
    to fix it and the answers it looks at, rendered as the reader's document shows them."""
    marked = doc.step(step.slug).review.marks.get(item.id)
    widgets = [
        Static(Text(item_heading(item), style=SEVERITY_STYLE[item.severity]), classes="wr-kind"),
        Static(Text(item.text, style="bold"), classes="ws-title wr-text"),
    ]
    verdict = Text.assemble(
        ("Verdict: ", "bold"), (mark_text(doc, step, item), "bold" if marked else "dim")
    )
    widgets.append(Static(verdict, classes="wr-mark"))
    lines = thread_lines(doc, step, item)
    for line in lines:
        widgets.append(Static(Text(line), classes="wr-thread"))
    widgets.append(Static(Text.assemble(("Fix: ", "bold"), item.fix), classes="wr-fix"))
    answers = looked_at(doc, specs, step, item)
    if answers:
        widgets.append(Static(Text("The answers it looks at", style="bold"), classes="ws-prompt"))
    for seen in answers:
        where = f" ({seen.where})" if seen.where else ""
        widgets.append(Static(Text(f"{seen.title}{where}", style="bold"), classes="ws-prompt"))
        shown = Markdown(seen.answer) if seen.answer else Text("(not answered yet)", style="dim")
        widgets.append(Static(shown, classes="ws-answer"))
    widgets.append(Static(keys_line(bool(lines)), classes="ws-prompt wr-keys"))
    return widgets


def summary_widgets(doc: Document, step: StepSpec, by: str) -> list[Static]:
    """What the approval waits for first, then the room's mark on each item: at 80x24 the
    blockers were below the fold, under the items (QA10a #5)."""
    s = session_summary(doc, step, by)
    widgets = [Static(Text(f"Summary: {step.label}", style="bold"), classes="ws-title")]
    if s.blockers:
        widgets.append(
            Static(Text("Approval is blocked by", style="bold red"), classes="ws-prompt")
        )
        widgets += [Static(Text(f"• {b}"), classes="wr-line") for b in s.blockers]
    elif by in s.approved_by:
        widgets.append(
            Static(Text(f"Approved by {by} (this revision).", style="bold"), classes="ws-prompt")
        )
    else:
        text = Text.assemble(
            ("Nothing blocks an approval: ", "bold green"),
            ("A", "bold reverse"),
            f" approves as {by}.",
        )
        widgets.append(Static(text, classes="ws-prompt wr-approve"))
    if s.lacking and s.approved_by:
        widgets.append(
            Static(Text("Still needed: " + "; ".join(s.lacking) + "."), classes="ws-prompt")
        )
    if doc.step(step.slug).review.threads:
        keys = Text("On this page: ")
        keys.append_text(thread_keys_line())
        keys.rstrip()
        widgets.append(Static(keys, classes="ws-prompt wr-keys"))
    widgets.append(Static(Text("The items", style="bold"), classes="ws-prompt"))
    widgets += [Static(Text(f"• {line}"), classes="wr-line") for line in s.lines]
    return widgets
