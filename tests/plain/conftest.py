from __future__ import annotations

from collections.abc import Iterator

import pytest

from .terminal import PlainTerminal


@pytest.fixture
def terminals() -> Iterator[list[PlainTerminal]]:
    """The terminals a test starts; whatever still runs at its end is stopped."""
    started: list[PlainTerminal] = []
    yield started
    for term in started:
        term.close()
