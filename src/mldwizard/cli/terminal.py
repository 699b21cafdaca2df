"""Output for terminals: text from documents and git is shown, never run by the terminal.

A title, an answer or a file name can hold escape sequences (a cloned repository is enough
to get one) that would retitle the window, clear the screen or worse. Every control
character except newline and tab is shown as ``\\xNN`` instead.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group, RenderableType
from rich.segment import Segment, Segments

from .out import clean

__all__ = ["SafeConsole", "clean"]


class SafeConsole(Console):
    """A rich Console whose output holds no control characters but its own styling."""

    def print(  # type: ignore[override]
        self, *objects: Any, style: str | None = None, end: str = "\n", **kwargs: Any
    ) -> None:
        if not objects:
            super().print(end=end, **kwargs)
            return
        renderables: list[RenderableType] = [
            self.render_str(o, style=style or "") if isinstance(o, str) else o for o in objects
        ]
        group = renderables[0] if len(renderables) == 1 else Group(*renderables)
        segments = [
            s if s.control else Segment(clean(s.text), s.style)
            for s in self.render(group, self.options)
        ]
        super().print(Segments(segments), end="", **kwargs)
        if end != "\n":
            super().print(end=end)
