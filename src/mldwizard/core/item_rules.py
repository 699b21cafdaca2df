"""What an item of either checklist (the feasibility checklist, a stage gate) refuses when it
is set, whatever face sets it: evidence links that are not web addresses or paths in the
repository, and a waiver given on a Met item (there is no gap to accept)."""

from __future__ import annotations

from .document import FeasibilityItem
from .evidence_links import link_problem


def item_problem(where: str, item: FeasibilityItem, old: FeasibilityItem | None) -> str | None:
    """Why ``item`` (the item as it would be stored; ``old`` as it is) is refused, with
    ``where`` ("stage-gate-pilot.latency_measured") first; None when it is accepted."""
    for link in item.links:
        problem = link_problem(link)
        if problem is not None and link not in (old.links if old else []):
            return f"{where}: {problem}"
    waiver = item.waiver.strip()
    if item.status == "met" and waiver and item.waiver != (old.waiver if old else ""):
        return (
            f"{where}: --waive accepts a gap as it is, and a Met item has none: give the "
            "waiver only on an item that is Partial, Not met or Unknown"
        )
    return None
