"""Reading the document's health (freshness, drift from git) off the UI thread."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from ..core.document import Document
from ..core.health import DocumentHealth, assess, scan_repositories
from ..core.identity import now
from ..core.specs import Specs


class HealthReady(Message):
    """Posted (from a worker thread) when the health of the document is known."""

    def __init__(self, health: DocumentHealth) -> None:
        super().__init__()
        self.health = health


def read_health(path: Path, doc: Document, specs: Specs) -> DocumentHealth:
    """Blocking: runs git. Call it from a thread worker; it touches no widget."""
    scan = scan_repositories([(path, doc)], None)[path]
    health = assess(path, doc, specs, now(), scan.repo, scan.commits)
    health.drift_error = scan.error
    return health
