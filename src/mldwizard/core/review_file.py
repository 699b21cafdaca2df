"""A whole review from a TOML file (``mldwizard review ... --from review.toml``).

The file's shape (documented in the README)::

    by = "ana"                 # optional; when given it must be the --by reviewer
    approve = false            # approve after applying everything below

    [[items]]                  # one per item marked
    id = "one_decider"
    mark = "not-met"           # met, partial, not-met, not-applicable
    reason = ""                # the mark's note: evidence, or why it is not applicable
                               # (required then); absent: the item's note is kept
    comment = "A team is named, not a person."   # opens a thread on the item
    severity = "critical"      # the comment's, when not the item's

    [[comments]]               # a comment on the chapter (or on an item: item = "...")
    text = "The glossary helps."
    severity = "minor"

    [[replies]]                # on existing threads
    thread = 2
    text = "Fixed in revision 5."
    action = "resolve"         # or close, reopen; absent: only a reply

Every problem names the file, the line and the field; nothing is written when one is found.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import review
from .document import Document
from .errors import UsageError
from .specs import StepSpec
from .tomlio import parse_toml, read_bytes, validation_messages


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class FileItem(_Strict):
    id: str = Field(min_length=1)
    mark: str | None = None
    reason: str | None = None
    comment: str | None = None
    severity: str | None = None


class FileComment(_Strict):
    text: str = Field(min_length=1)
    item: str | None = None
    severity: str | None = None


class FileReply(_Strict):
    thread: int = Field(ge=1)
    text: str = ""
    action: Literal["resolve", "close", "reopen"] | None = None


class ReviewFile(_Strict):
    by: str | None = None
    approve: bool = False
    items: list[FileItem] = Field(default_factory=list)
    comments: list[FileComment] = Field(default_factory=list)
    replies: list[FileReply] = Field(default_factory=list)


class LoadedReview:
    """A review file read and checked for shape, with what it needs to name lines."""

    def __init__(self, path: Path, text: str, content: ReviewFile) -> None:
        self.path = path
        self.text = text
        self.content = content

    def where(self, loc: tuple[str | int, ...]) -> str:
        """``review.toml:12: items[2].mark`` for a location in the file."""
        line = line_of(self.text, loc)
        name = ""
        for part in loc:
            name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
        return f"{self.path}:{line}: {name}" if line else f"{self.path}: {name}"


def read_review_file(path: Path) -> LoadedReview:
    data = read_bytes(path, UsageError, "review file")
    raw = parse_toml(data, path, UsageError)
    text = data.decode("utf-8").removeprefix("\ufeff")
    try:
        content = ReviewFile.model_validate(raw)
    except ValidationError as exc:
        loaded = LoadedReview(path, text, ReviewFile())
        lines = []
        errors = exc.errors(include_url=False)
        for err, message in zip(errors, validation_messages(exc), strict=True):
            loc = tuple(p for p in err["loc"] if isinstance(p, int | str))
            lines.append(f"{loaded.where(loc)}: {message.partition(': ')[2]}")
        raise UsageError("\n".join(lines) + "\nnothing was written") from None
    if not (content.items or content.comments or content.replies or content.approve):
        raise UsageError(f"{path}: the review file marks, says and approves nothing")
    return LoadedReview(path, text, content)


def apply_review_file(
    doc: Document, step: StepSpec, by: str, at: dt.datetime, loaded: LoadedReview
) -> list[str]:
    """Apply everything in the file, in order; returns what was done, one line each.

    Raises UsageError naming the file, line and field at the first problem (the caller's
    save is then abandoned: nothing is written)."""
    c = loaded.content
    if c.by is not None and c.by != by:
        raise UsageError(f"{loaded.where(('by',))}: {c.by!r} is not the reviewer (--by {by})")
    done: list[str] = []
    review.start_round(doc, step, by, at)
    for n, item in enumerate(c.items):
        with _located(loaded, ("items", n, "id")):
            review.review_item(step, item.id)
        if item.mark is None and item.comment is None:
            raise UsageError(f"{loaded.where(('items', n))}: give a mark, a comment or both")
        if item.mark is not None:
            old = doc.step(step.slug).review.marks.get(item.id)
            with _located(loaded, ("items", n, "mark")):
                marked = review.mark_item(doc, step, by, at, item.id, item.mark, item.reason)
            done.append(f"marked {item.id}: {marked.mark}")
            how = f"a reason in {loaded.where(('items', n, 'reason'))}"
            if line := review.dropped_note_line(item.id, old, marked.mark, item.reason, how):
                done.append(line)
        if item.comment is not None:
            with _located(loaded, ("items", n, "comment")):
                thread = review.open_thread(doc, step, by, at, item.comment, item.id, item.severity)
            done.append(f"comment #{thread.id} ({thread.severity}) on {item.id}")
    for n, comment in enumerate(c.comments):
        with _located(loaded, ("comments", n)):
            thread = review.open_thread(
                doc, step, by, at, comment.text, comment.item, comment.severity
            )
        done.append(f"comment #{thread.id} ({thread.severity})")
    for n, reply in enumerate(c.replies):
        with _located(loaded, ("replies", n, "thread")):
            if reply.action is None:
                review.reply(doc, step, by, at, reply.thread, reply.text)
                done.append(f"replied to #{reply.thread}")
            else:
                review.change_thread(doc, step, by, at, reply.thread, reply.action, reply.text)
                done.append(f"{reply.action} #{reply.thread}")
    return done


@contextmanager
def _located(loaded: LoadedReview, loc: tuple[str | int, ...]) -> Iterator[None]:
    """Prefix a UsageError raised inside with the file, line and field."""
    try:
        yield
    except UsageError as exc:
        raise UsageError(f"{loaded.where(loc)}: {exc}") from None


def line_of(text: str, loc: tuple[str | int, ...]) -> int | None:
    """The line of a field in a review file: of ``key =`` inside the n-th ``[[array]]``
    block, or at the top (None when it cannot be found, e.g. an inline table)."""
    lines = text.splitlines()
    start, end = 0, len(lines)
    key: str | int | None = loc[0] if loc else None
    if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
        header = re.compile(rf"^\s*\[\[\s*{re.escape(loc[0])}\s*\]\]")
        blocks = [i for i, line in enumerate(lines) if header.match(line)]
        if loc[1] >= len(blocks):
            return _key_line(lines, 0, len(lines), loc[0])
        start = blocks[loc[1]] + 1
        end = next((i for i in range(start, len(lines)) if lines[i].lstrip()[:1] == "["), end)
        key = loc[2] if len(loc) > 2 else None
        if key is None:
            return start
        return _key_line(lines, start, end, key) or start
    else:
        end = next((i for i, line in enumerate(lines) if line.lstrip()[:1] == "["), end)
    return _key_line(lines, start, end, key) if key is not None else None


def _key_line(lines: list[str], start: int, end: int, key: str | int) -> int | None:
    pattern = re.compile(rf"^\s*[\"']?{re.escape(str(key))}[\"']?\s*=")
    return next((i + 1 for i in range(start, end) if pattern.match(lines[i])), None)
