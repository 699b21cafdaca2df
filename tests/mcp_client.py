"""A real MCP client for the tests: the SDK's stdio client starts ``python -m mldwizard mcp``
as a subprocess and talks to it as an agent's client would."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import mcp_types as types
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client

TIMEOUT_S = 180  # a loaded machine: starting Python and the SDK can take a while


@asynccontextmanager
async def mcp_session(
    *documents: Path | str,
    client: str = "Test Agent",
    cwd: Path | None = None,
    command: list[str] | None = None,
) -> AsyncIterator[ClientSession]:
    """A session with ``mldwizard mcp DOCUMENTS`` (``python -m mldwizard``), or ``command``."""
    argv = command or [sys.executable, "-m", "mldwizard", "mcp", *map(str, documents)]
    params = StdioServerParameters(
        command=argv[0],
        args=argv[1:],
        env={k: v for k, v in os.environ.items() if k.startswith(("PYTHON", "MLDWIZARD", "GIT"))},
        cwd=cwd,
    )
    with anyio.fail_after(TIMEOUT_S):
        async with (
            stdio_client(params) as (read, write),
            ClientSession(
                read, write, client_info=types.Implementation(name=client, version="1.0")
            ) as session,
        ):
            await session.initialize()
            yield session


def text_of(result: types.CallToolResult) -> str:
    return "\n".join(c.text for c in result.content if isinstance(c, types.TextContent))


async def call(session: ClientSession, tool: str, **arguments: Any) -> dict[str, Any]:
    """A tool call that must succeed: its JSON result."""
    result = await session.call_tool(tool, arguments)
    assert not result.is_error, text_of(result)
    data = json.loads(text_of(result))
    assert isinstance(data, dict)
    return data


async def refused(session: ClientSession, tool: str, **arguments: Any) -> str:
    """A tool call that must be a tool error (isError), never a protocol error: its text."""
    result = await session.call_tool(tool, arguments)
    assert result.is_error, text_of(result)
    text = text_of(result)
    assert "Traceback" not in text
    return text
