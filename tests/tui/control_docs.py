"""A document that holds terminal escape sequences in every kind of text it keeps, and how
to read what the full-screen faces would write to the terminal (qa9b #1)."""

from __future__ import annotations

import re
from pathlib import Path

from rich.segment import Segment
from textual.app import App

from mldwizard.cli import main

# OSC 0 (retitle the terminal; its BEL end), ED 2 (clear the screen), a C1 CSI, DEL.
HOSTILE = "\\u001b]0;PWNED\\u0007\\u001b[2J\\u009b31m\\u007f"
HOSTILE_TEXT = "\x1b]0;PWNED\x07\x1b[2J\x9b31m\x7f"
SHOWN = "\\x1b]0;PWNED\\x07\\x1b[2J\\x9b31m\\x7f"
"""How every face shows it: core.visible's rule."""

# Free-text keys: the title and summary, people, comments and replies, review notes and
# reasons, feasibility notes and conditions, decisions, and every multi-line answer.
_KEYS = "title|summary|name|role|text|note|condition|reason"
_ONE_LINE = re.compile(rf'^((?:{_KEYS}) = ")(?!"")', re.MULTILINE)
_MULTI_LINE = re.compile(r'^([a-z_]+ = """\n)', re.MULTILINE)
RAW = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# What Textual itself writes: colours and styles (SGR), cursor moves, OSC 8 links.
_TEXTUAL_OWN = re.compile(r"\x1b\[[0-9;:]*m|\x1b\[\d+;\d+H|\x1b\]8;[^\x07\x1b]*\x1b\\")


def hostile_example(path: Path) -> Path:
    """The bundled example with :data:`HOSTILE` at the start of every free text it holds."""
    assert main(["new", str(path), "--example", "--no-input"]) == 0
    text = path.read_text()
    text = _ONE_LINE.sub(lambda m: m.group(1) + HOSTILE + " ", text)
    text = _MULTI_LINE.sub(lambda m: m.group(1) + HOSTILE + " ", text)
    path.write_text(text)
    return path


def drawn(app: App[None]) -> tuple[list[str], str]:
    """The text of every segment on screen now (dialogs over what is under them), and what
    Textual would write to the terminal for it."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    texts = [
        segment.text
        for line in update.strips  # type: ignore[attr-defined]
        for strip in line
        for segment in strip
        if isinstance(segment, Segment) and segment.control is None
    ]
    return texts, update.render_segments(app.console)


def raw_controls(app: App[None]) -> list[str]:
    """The control characters the screen holds in its text, or writes to the terminal
    beyond Textual's own sequences: none, wherever the document's text is shown."""
    texts, output = drawn(app)
    found = [f"text {t!r}" for t in texts if RAW.search(t)]
    rest = _TEXTUAL_OWN.sub("", output)
    found += [f"output {rest[max(m.start() - 20, 0) : m.end() + 20]!r}" for m in RAW.finditer(rest)]
    return found


def screen_text(app: App[None]) -> str:
    return "".join(drawn(app)[0])
