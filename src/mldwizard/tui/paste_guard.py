"""A paste that holds a control character is refused, in every field of the full-screen
faces: the text is not inserted, and a notice names the field and the character (the rule
is the core's, :func:`mldwizard.core.stored_text.control_problem`). Tabs and line breaks
paste as before."""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.widget import Widget

from ..core.stored_text import control_problem
from .widgets.fields import QuestionField


def refused_paste(app: App[None], event: events.Event) -> bool:
    """Whether ``event`` is a paste refused here (then it goes no further)."""
    if not isinstance(event, events.Paste) or event.is_forwarded:
        return False
    problem = control_problem(event.text)
    if problem is None:
        return False
    app.notify(
        f"Not pasted into {_field_name(app.focused)}: the text {problem}.",
        title="Paste refused",
        severity="error",
        timeout=10,
    )
    return True


def _field_name(widget: Widget | None) -> str:
    for node in widget.ancestors_with_self if widget is not None else ():
        if isinstance(node, QuestionField):
            return f"{node.step.slug}.{node.question.id}"
    if widget is not None and widget.id:
        return widget.id.replace("-", " ")
    return "the field"
