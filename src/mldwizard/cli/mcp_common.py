"""What the tools of ``mldwizard mcp`` share: their annotations, the arguments every tool
names the same way, and how a problem becomes a tool error (never a traceback)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Annotated

from mcp.server.mcpserver.exceptions import ResourceError, ToolError
from mcp_types import ToolAnnotations
from pydantic import Field

from ..core.errors import MldwizardError

READ_ONLY = ToolAnnotations(read_only_hint=True, open_world_hint=False)
PROPOSES = ToolAnnotations(
    read_only_hint=False, destructive_hint=False, idempotent_hint=False, open_world_hint=False
)

DocumentArg = Annotated[
    str | None,
    Field(
        description="The document: its path as given to `mldwizard mcp` (or its id); "
        "may be left out when only one document is served."
    ),
]
ChapterArg = Annotated[
    str,
    Field(description="A chapter number (5), a slug (metrics), gate, feasibility, or a stage gate"),
]


@contextlib.contextmanager
def as_tool_error() -> Iterator[None]:
    """A problem the CLI would report (exit 2) is a tool error, its message as the CLI's."""
    try:
        yield
    except MldwizardError as exc:
        raise ToolError(str(exc)) from None


@contextlib.contextmanager
def as_resource_error() -> Iterator[None]:
    try:
        yield
    except MldwizardError as exc:
        raise ResourceError(str(exc)) from None
