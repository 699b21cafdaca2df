"""``check --base``: which of the branch's commits a step's update, review or ack covers, and
whether the update was a person's.

A step's last update or review on the branch (its answers, items or override, or its
``reviewed`` moment: a review, an approval, an ``mldwizard ack``) covers the commits up to
the commit that recorded it in the document: the newest commit of the branch from which
the step is as it is now. Code commits made after that one (not reachable from it; what a
merge of the base brings is never the branch's) and code changes not committed yet still
count. An update or review not committed yet covers everything: it was made looking at the
working tree. The commit that recorded an ack holds the ack's own ``commit`` (HEAD when it
was made) and the working tree it was made on; a rebase keeps the first, not the second.

An answer written by a coding agent (a changelog author ``agent:NAME``) covers nothing by
itself: the step waits for a person of the document to update, review or ack it after the
agent's last change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .agent_names import is_agent
from .approved_text import CONTENT_FIELDS
from .document import ChangelogEntry, Document, StepState
from .errors import MldwizardError
from .gitbranch import blob_at, history_of
from .gitlog import Repo
from .specs import Specs


def step_content(state: StepState) -> dict[str, Any]:
    """What makes a new revision of a step (the same fields as the changelog's)."""
    return state.model_dump(mode="json", include=set(CONTENT_FIELDS))


def step_key(doc: Document | None, slug: str) -> tuple[str, str, str] | None:
    """The step's content, its ``reviewed`` moment and its last changelog entry: what an
    update, a review or an ack changes (two acks in the same second differ by the entry)."""
    state = _step(doc, slug)
    if doc is None or state is None:
        return None
    last = next((e for e in reversed(doc.changelog) if e.chapter == slug), None)
    entry = repr(last.model_dump(mode="json")) if last is not None else ""
    return (repr(step_content(state)), repr(state.reviewed), entry)


def _step(doc: Document | None, slug: str) -> StepState | None:
    if doc is None or not doc.is_stored(slug):
        return None
    return doc.step(slug)


def _entry_key(entry: ChangelogEntry) -> tuple[str, str, str | None, str]:
    return (entry.at.isoformat(), entry.by, entry.chapter, entry.summary)


def waiting_agent(doc: Document, base_doc: Document | None, slug: str) -> str | None:
    """The agent (``agent:NAME``) whose change to the step on the branch no person of the
    document (an author among its people) has followed yet (an update, a review, an
    approval or an ack made after the agent's last change); None when there is none."""
    old = {_entry_key(e) for e in base_doc.changelog} if base_doc is not None else set()
    mine = [e for e in doc.changelog if e.chapter == slug and _entry_key(e) not in old]
    agents = [e for e in mine if is_agent(e.by)]
    if not agents:
        return None
    last = max(agents, key=lambda e: e.at)
    people = {p.handle for p in doc.people}  # an outsider, or a bot's git user.name, is none
    if any(e.by in people and not is_agent(e.by) and e.at >= last.at for e in mine):
        return None
    state = _step(doc, slug)
    if state is not None and state.reviewed is not None and state.reviewed >= last.at:
        return None
    return last.by


@dataclass
class DocumentHistory:
    """The document's versions in the branch's commits, newest first, read when asked."""

    repo: Repo
    base_sha: str
    rel: str
    specs: Specs
    _versions: list[tuple[str, Document | None]] | None = None
    _cache: dict[str, Document | None] = field(default_factory=dict)

    def _parse(self, sha: str, rel: str) -> Document | None:
        if sha not in self._cache:
            from .storage import parse_document

            data = blob_at(self.repo, sha, rel)
            doc: Document | None = None
            if data is not None:
                try:
                    doc = parse_document(data, self.repo.root / f"{sha[:10]}:{rel}", self.specs)
                except MldwizardError:
                    doc = None
            self._cache[sha] = doc
        return self._cache[sha]

    def versions(self) -> list[tuple[str, Document | None]]:
        if self._versions is None:
            self._versions = [
                (sha, self._parse(sha, name))
                for sha, name in history_of(self.repo, self.base_sha, self.rel)
            ]
        return self._versions

    def cover(self, doc: Document, slug: str) -> str | None:
        """The commit that recorded the step's last update or review on the branch; None
        when that update or review is not committed yet (it covers everything)."""
        now = step_key(doc, slug)
        versions = self.versions()
        if not versions or step_key(versions[0][1], slug) != now:
            return None  # the working tree's step differs from the last commit's
        found = versions[0][0]
        for sha, version in versions[1:]:
            if step_key(version, slug) != now:
                break
            found = sha
        return found
