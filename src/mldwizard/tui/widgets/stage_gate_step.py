"""A stage gate as a wizard step: the feasibility checklist's rows for its items, its verdict
live at the top; before its stage, one "later" line instead of the rows."""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from ...core.checklist_items import checklist_marks
from ...core.document import Document, FeasibilityItem
from ...core.markdown_stage_gates import later_text
from ...core.specs import Specs, StepSpec
from ...core.stage_gate_verdicts import stage_gate_result, standing
from .checklist import Checklist, ItemRow
from .stage_gate_banner import stage_gate_banner, stage_gate_later_summary, stage_gate_summary

NO_STATUS = FeasibilityItem(note="-")
"""Stands for an item with no entry (its status is None)."""


def stage_gate_checklist(step: StepSpec, doc: Document) -> Widget:
    """The rows of the gate the document faces (or passed); a "later" line before that."""
    if standing(doc, step) == "later":
        return Static(Text(later_text(step), style="dim"), id="stage-gate-later")
    return Checklist(step.criteria, doc, slug=step.slug, marks=checklist_marks(doc, step))


def show_stage_gate(
    view: Widget,
    step: StepSpec,
    doc: Document,
    specs: Specs,
    *,
    values: bool,
    keep: Collection[Widget],
) -> None:
    """Refresh the step: the rows' values (except those in ``keep``) and the live verdict."""
    result = stage_gate_result(doc, specs, step)
    later = standing(doc, step) == "later"
    summary = stage_gate_later_summary(result) if later else stage_gate_summary(result)
    view.query_one("#step-verdict", Static).update(summary)
    checklist = next(iter(view.query(Checklist)), None)
    if checklist is None:
        return
    marks = checklist_marks(doc, step)
    if values:
        for row in view.query(ItemRow):
            if row not in keep:
                row.show(marks.get(row.item.id))
    checklist.show_banner(stage_gate_banner(result))
    checklist.show_gaps({g.item.id: g for g in [*result.blocking, *result.open_gaps]})
