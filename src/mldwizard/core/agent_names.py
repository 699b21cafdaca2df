"""Who a coding agent is in a document: the changelog author ``agent:<client name>``."""

from __future__ import annotations

import re

AGENT_PREFIX = "agent:"
"""Changelog authors that are coding agents start with this (``check`` does not ask for
them among the document's people: an agent is not a person)."""
_NOT_IN_NAME = re.compile(r"[^a-z0-9._-]+")


def agent_author(client_name: str | None) -> str:
    """``agent:<name>`` from the name a client gives itself: lower case, letters, digits,
    ``.``, ``_`` and ``-`` only (anything else becomes ``-``), at most 40 characters;
    ``agent:unknown`` when nothing is left."""
    name = _NOT_IN_NAME.sub("-", (client_name or "").lower())[:40].strip("-.")
    return AGENT_PREFIX + (name or "unknown")


def is_agent(author: str) -> bool:
    return author.startswith(AGENT_PREFIX)
