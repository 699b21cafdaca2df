"""Every step, grouped by part, with a mark for its state and the overall progress."""

from __future__ import annotations

from itertools import groupby

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.approved_text import shown_status
from ...core.document import Document
from ...core.progress import chapters_complete, step_progress
from ...core.specs import PARTS, Specs, StepSpec

MARKS = {
    "empty": ("○", "dim"),
    "in-progress": ("◐", "yellow"),
    "complete": ("●", "green"),
    "approved": ("✔", "bold green"),
}


FRESHNESS_TAGS = {"review-due": ("review due", "yellow"), "drifted": ("code changed", "bold red")}


def step_state(doc: Document, step: StepSpec) -> str:
    """empty, in-progress, complete or approved: what the sidebar mark shows (an approved
    step whose text changed since its approval is not approved: the document's rule)."""
    if shown_status(doc, step.slug) == "approved":
        return "approved"
    progress = step_progress(doc, step)
    if progress.answered == 0:
        return "empty"
    return "complete" if progress.complete else "in-progress"


class Sidebar(OptionList):
    """Selecting a step posts :class:`Sidebar.Picked`."""

    class Picked(Message):
        def __init__(self, slug: str) -> None:
            super().__init__()
            self.slug = slug

    def __init__(self, specs: Specs) -> None:
        super().__init__(id="sidebar")
        self.specs = specs
        self.border_title = "Steps"
        self.freshness: dict[str, str] = {}

    def on_mount(self) -> None:
        options: list[Option | None] = []
        for part, steps in groupby(self.specs.steps, key=lambda s: self.specs.parts[s.slug]):
            if options:
                options.append(None)
            options.append(Option(Text(PARTS[part], style="bold"), disabled=True))
            options.extend(Option(Text(step.label), id=step.slug) for step in steps)
        self.set_options(options)

    def refresh_steps(self, doc: Document, current: str) -> None:
        """Update every step's mark from the document and highlight the current step."""
        for step in self.specs.steps:
            mark, style = MARKS[step_state(doc, step)]
            label = Text.assemble((mark, style), " ", step.label)
            tag = FRESHNESS_TAGS.get(self.freshness.get(step.slug, ""))
            if tag:
                label.append(f" {tag[0]}", style=tag[1])
            self.replace_option_prompt(step.slug, label)
        self.highlighted = self.get_option_index(current)
        done, total = chapters_complete(doc, self.specs)
        self.border_subtitle = f"{done}/{total} chapters complete"

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Picked(event.option.id))
