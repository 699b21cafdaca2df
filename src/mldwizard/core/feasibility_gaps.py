"""The feasibility verdict's parts: an item's evidence, a gap and what its record lacks, and
the result every face reads. Importable from ``core.feasibility`` too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .checklist_gaps import ChecklistGap
from .checklist_gaps import gap_line as gap_line  # importable from here, as before
from .checklist_gaps import item_name as item_name
from .document import FeasibilityItem, FeasibilityVerdict
from .evidence_links import counted_links
from .specs import FeasibilityItemSpec

NO_EVIDENCE = "Met without evidence: add a note, a link or an answer it rests on"


def evidence_problem(
    state: FeasibilityItem,
    answered: Callable[[str], bool],
    named: Callable[[str], str] = str,
) -> str | None:
    """Why a Met does not count as Met (None when its evidence stands). A link counts when
    it is a web address or a path in the repository (see :mod:`.evidence_links`). ``named``
    names an answer it rests on (by default its ``step.question`` id; a document's faces
    pass :func:`mldwizard.core.context.ref_name`, its title and chapter)."""
    if state.note.strip() or counted_links(state.links):
        return None
    if not state.refs:
        return NO_EVIDENCE
    if any(answered(ref) for ref in state.refs):
        return None
    names = ", ".join(map(named, state.refs))
    return (
        f"Met without evidence: {names} {'has' if len(state.refs) == 1 else 'have'} no answer yet"
    )


class Gap(ChecklistGap[FeasibilityItemSpec]):
    """A gap of the feasibility checklist: only a gap someone is to close needs a record."""


@dataclass(frozen=True)
class FeasibilityResult:
    verdict: FeasibilityVerdict | None
    fatal: list[Gap] = field(default_factory=list)
    """Critical items Not met and not closable (or lacking what closes them): NO-GO."""
    conditions: list[Gap] = field(default_factory=list)
    """Critical items Not met but closable, Partial or Unknown (or Met without evidence)."""
    gaps: list[Gap] = field(default_factory=list)
    """Non-critical items not met."""
    missing: list[str] = field(default_factory=list)
    """Ids of items with no status yet."""
    deliverables: list[str] = field(default_factory=list)
    """Required questions of the deliverable steps not answered yet."""
    reasons: list[str] = field(default_factory=list)
    """The verdict in sentences: why, and what to do next."""
    scoped: list[Gap] = field(default_factory=list)
    """SCOPE-DOWN: the gaps that the named scope leaves out."""
    deliverable_groups: list[tuple[str, list[str]]] = field(default_factory=list)
    """The unanswered deliverables by chapter: ("2. Is there a problem?", [titles])."""

    @property
    def not_met_gaps(self) -> list[Gap]:
        return [g for g in self.gaps if g.status == "not-met"]

    @property
    def unevidenced(self) -> list[Gap]:
        return [g for g in [*self.conditions, *self.gaps] if g.unevidenced]

    @property
    def open_gaps(self) -> list[Gap]:
        """The gaps a CONDITIONAL verdict rests on, each of which needs an owner, a
        condition and a due date (unless waived, or Met without evidence)."""
        return [*self.conditions, *self.gaps]
