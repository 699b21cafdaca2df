"""The feasibility verdict's parts: an item's evidence, a gap and what its record lacks, and
the result every face reads. Importable from ``core.feasibility`` too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .document import FeasibilityItem, FeasibilityVerdict, ItemStatus
from .evidence_links import counted_links
from .specs import FeasibilityItemSpec

NO_EVIDENCE = "Met without evidence: add a note, a link or an answer it rests on"


def evidence_problem(state: FeasibilityItem, answered: Callable[[str], bool]) -> str | None:
    """Why a Met does not count as Met (None when its evidence stands). A link counts when
    it is a web address or a path in the repository (see :mod:`.evidence_links`)."""
    if state.note.strip() or counted_links(state.links):
        return None
    if not state.refs:
        return NO_EVIDENCE
    if any(answered(ref) for ref in state.refs):
        return None
    names = ", ".join(state.refs)
    return f"Met without evidence: {names} has no answer yet"


@dataclass(frozen=True)
class Gap:
    item: FeasibilityItemSpec
    state: FeasibilityItem
    unevidenced: str | None = None
    """Why a Met counts as Unknown (None for a gap marked as such)."""

    @property
    def status(self) -> ItemStatus:
        """A gap is an item with a status other than met (a Met without evidence is
        unknown; one without a status is missing)."""
        if self.unevidenced:
            return "unknown"
        return self.state.status or "unknown"

    @property
    def waived(self) -> bool:
        """A non-critical gap accepted as it is. A waiver on a critical item counts for
        nothing (``set`` refuses one; ``check`` names one an older document holds)."""
        return bool(self.state.waiver.strip()) and not self.item.critical

    @property
    def needs_record(self) -> bool:
        """Whether the gap needs an owner, a condition and a due date: a gap someone is to
        close. Not a Met without evidence (it needs its evidence), a waived gap, one that
        cannot be closed, or a critical Not met the author has not marked closable (the
        honest NO-GO: nobody closes it)."""
        if self.unevidenced or self.waived or self.state.fatal:
            return False
        return not (
            self.state.status == "not-met" and self.item.critical and not self.state.closable
        )

    @property
    def problems(self) -> list[str]:
        """What the record of a gap still lacks: an owner, a condition, a due date."""
        if not self.needs_record:
            return []
        lacking = []
        if not self.state.owner:
            lacking.append("no owner")
        if not self.state.condition.strip():
            lacking.append("no condition that would close it")
        if self.state.due is None:
            lacking.append("no due date")
        return lacking

    @property
    def blocking_reason(self) -> str:
        """Why a critical item Not met is a NO-GO."""
        if self.state.fatal:
            return "Not met, marked as not closable"
        if not self.state.closable:
            return "Not met and not marked closable"
        return "Not met, closable but " + ", ".join(self.problems)


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


def item_name(gap: Gap) -> str:
    """The item as a reader names it: its statement without the closing stop."""
    return gap.item.text.rstrip(".")


def gap_line(gap: Gap) -> str:
    """ "Using the data ... is allowed (partial): no due date" or "... owner devika, due
    2026-12-04": what a gap still lacks, or what closes it."""
    state = gap.state
    if gap.unevidenced:
        return f"{item_name(gap)} ({gap.status}): {gap.unevidenced}"
    waived = f", waived: {state.waiver}" if gap.waived else ""
    said = f"{item_name(gap)} ({gap.status}{waived})"
    lacking = gap.problems
    if lacking:
        return f"{said}: " + ", ".join(lacking)
    if not state.owner:
        return said
    due = f", due {state.due.isoformat()}" if state.due else ""
    return f"{said}: owner {state.owner}{due}"
