"""Documents that hold control characters, as a hand edit or an older mldwizard could write
them: the edits refuse them now (core/stored_text.py), and every face must still show such a
document safely. Tests that build one through the edits do so inside :func:`hand_written`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any
from unittest import mock

from mldwizard.core import edits, patch, review


def _let_through(field: str, value: Any) -> None:
    del field, value


@contextmanager
def hand_written() -> Iterator[None]:
    with ExitStack() as stack:
        for module in (edits, review, patch):
            stack.enter_context(mock.patch.object(module, "refuse_controls", _let_through))
        yield
