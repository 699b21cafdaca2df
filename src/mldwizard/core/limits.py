"""Size limits every face shares: an answer's length, a document's size.

The bundled example, a full design of a real project, is about 160 KB and its longest
answer under 2,000 characters; the export benchmark's document of 1 MB is big but real. An
answer of a megabyte, or a document of fifty, is a paste gone wrong or a hostile file: it
is refused with what the limit is, at once, instead of being stored, rendered into every
export, or parsed for a minute.
"""

from __future__ import annotations

from typing import Any

MAX_ANSWER_CHARS = 100_000
"""The most characters one answer may hold (a list: its entries together); about fifty
times the example's longest. A coding agent's proposal has a tighter limit of its own
(:data:`mldwizard.core.agent_edits.MAX_PROPOSAL_CHARS`)."""

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
"""The most bytes a document file may hold (8 MiB, about fifty times the example)."""


def answer_size(value: Any) -> int:
    """The characters of an answer: a text's, a list's entries together, else 0."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list):
        return sum(len(x) for x in value if isinstance(x, str))
    return 0


def answer_too_long(where: str, value: Any) -> str | None:
    """Why ``value`` is too long to store as an answer (``where``: ``step.question``)."""
    size = answer_size(value)
    if size <= MAX_ANSWER_CHARS:
        return None
    return (
        f"{where}: the answer is {size:,} characters long, over the {MAX_ANSWER_CHARS:,} an "
        "answer may hold; shorten it, or link to a longer text (a file in the repository, a "
        "page) with a summary here"
    )


def document_too_big(path: object, size: int) -> str | None:
    """Why a document of ``size`` bytes is not read (None: it is within the limit)."""
    if size <= MAX_DOCUMENT_BYTES:
        return None
    return (
        f"{path}: the file is {size / 1024 / 1024:.1f} MiB, over the "
        f"{MAX_DOCUMENT_BYTES // 1024 // 1024} MiB a document may hold (a full design is "
        "well under 1 MiB): it is not read; an answer pasted by mistake, or not a design "
        "document? Restore the last good version (git, or NAME.toml.bak)"
    )
