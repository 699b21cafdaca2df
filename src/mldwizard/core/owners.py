"""Backup owners: every answered step should have at least two, and nobody should carry
far more than the others.

The suggestion adds owners only (never removes one), so that every answered step reaches
``MIN_OWNERS`` where people allow it, and the heaviest load (steps owned, after the
change) is as small as it can be. It is found exactly: a binary search over that load, each
candidate checked with a max-flow (steps -> people, capacity = load left). Same document,
same suggestion.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from .document import Document
from .progress import step_progress
from .specs import Specs

MIN_OWNERS = 2


@dataclass
class Suggestion:
    additions: list[tuple[str, str]] = field(default_factory=list)
    """(step slug, handle) pairs to add, in step order."""
    unfilled: dict[str, int] = field(default_factory=dict)
    """Steps that still lack owners, with how many are missing."""
    loads: dict[str, int] = field(default_factory=dict)
    """Steps each person owns after the additions."""

    @property
    def max_load(self) -> int:
        return max(self.loads.values(), default=0)


def suggest_backups(doc: Document, specs: Specs, max_load: int | None = None) -> Suggestion:
    handles = [p.handle for p in doc.people]
    steps = [s for s in specs.steps if step_progress(doc, s).answered > 0]
    owners = {s.slug: list(dict.fromkeys(doc.step(s.slug).owners)) for s in specs.steps}
    load = {h: sum(1 for o in owners.values() if h in o) for h in handles}
    need = {s.slug: max(0, MIN_OWNERS - len(owners[s.slug])) for s in steps}
    need = {slug: n for slug, n in need.items() if n}
    order = sorted(handles, key=lambda h: (load[h], h))

    def flow_at(limit: int) -> dict[str, list[str]]:
        return _assign(need, owners, order, {h: max(0, limit - load[h]) for h in handles})

    upper = max(load.values(), default=0) + sum(need.values())
    best = flow_at(upper)
    best_count = sum(len(v) for v in best.values())
    low = max(load.values(), default=0)
    high = upper
    while low < high:  # the smallest limit that still places as many owners as possible
        middle = (low + high) // 2
        if sum(len(v) for v in flow_at(middle).values()) == best_count:
            high = middle
        else:
            low = middle + 1
    limit = low if max_load is None else min(low, max_load)
    chosen = flow_at(limit)
    result = Suggestion()
    for step in steps:
        for handle in chosen.get(step.slug, []):
            result.additions.append((step.slug, handle))
        missing = need.get(step.slug, 0) - len(chosen.get(step.slug, []))
        if missing:
            result.unfilled[step.slug] = missing
    result.loads = dict(load)
    for _, handle in result.additions:
        result.loads[handle] += 1
    return result


def _assign(
    need: dict[str, int],
    owners: dict[str, list[str]],
    people: list[str],
    capacity: dict[str, int],
) -> dict[str, list[str]]:
    """Max-flow (Edmonds-Karp) from steps to people; deterministic given the orders."""
    source, sink = "\0source", "\0sink"
    graph: dict[str, dict[str, int]] = {source: {}, sink: {}}

    def edge(a: str, b: str, cap: int) -> None:
        graph.setdefault(a, {})[b] = graph.get(a, {}).get(b, 0) + cap
        graph.setdefault(b, {}).setdefault(a, 0)

    for slug, n in need.items():
        edge(source, "s:" + slug, n)
        for handle in people:
            if handle not in owners[slug]:
                edge("s:" + slug, "p:" + handle, 1)
    for handle in people:
        if capacity[handle] > 0:
            edge("p:" + handle, sink, capacity[handle])
    while True:
        parent: dict[str, str] = {source: source}
        queue = deque([source])
        while queue and sink not in parent:
            node = queue.popleft()
            for nxt, cap in graph[node].items():
                if cap > 0 and nxt not in parent:
                    parent[nxt] = node
                    queue.append(nxt)
        if sink not in parent:
            break
        node = sink
        while node != source:  # every path carries one unit (edges of capacity 1)
            prev = parent[node]
            graph[prev][node] -= 1
            graph[node][prev] += 1
            node = prev
    chosen: dict[str, list[str]] = {}
    for slug in need:
        for handle in people:
            if handle not in owners[slug] and graph["s:" + slug].get("p:" + handle) == 0:
                chosen.setdefault(slug, []).append(handle)
    return chosen
