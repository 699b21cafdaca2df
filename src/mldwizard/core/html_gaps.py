"""A gap as the web page's verdict banner shows it, by both checklists' boxes: who closes it
and by when, a person by name; and the banner's link to the section with the full text."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from .checklist_gaps import AnyGap
from .document import Document
from .markdown_items import cannot_close
from .markdown_text import reader_name


def gap_record(doc: Document, gap: AnyGap) -> list[str]:
    """ "Owner: Devika Rao (Product manager). Due: 2026-12-27.", and what the record lacks;
    nothing for an item that cannot be closed (nobody closes it, by no date)."""
    state = gap.state
    if cannot_close(state):
        return []
    parts = []
    if state.owner:
        parts.append(f"Owner: {escape(person_name(doc, state.owner))}.")
    if state.due is not None:
        parts.append(f"Due: {state.due.isoformat()}.")
    if gap.problems:
        parts.append(escape(f"Still lacking: {', '.join(gap.problems)}."))
    return parts


def full_text_link(label: str, anchors: Mapping[str, str]) -> str:
    """The banner's pointer to a section with the full text ("" when it has no section)."""
    anchor = anchors.get(label)
    if not anchor:
        return ""
    return (
        f'<a class="verdict-more" href="#{escape(anchor)}">Evidence, conditions and the '
        f"items: {escape(label)}</a>"
    )


def person_name(doc: Document, handle: str) -> str:
    """ "Ana Lopez (ML lead)": a person as a reader knows them (the handle if unknown)."""
    person = doc.person(handle)
    name = reader_name(doc, handle)
    return f"{name} ({person.role})" if person is not None and person.role.strip() else name
