#!/usr/bin/env python
"""A minimal Textual app (Header, Footer, one Label): the baseline for bench_tui_startup.py.

Run as ``python benchmarks/minimal_textual_app.py``; quit with Ctrl+Q.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label

MARKER = "Minimal baseline label"


class MinimalApp(App[None]):
    TITLE = "minimal"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(MARKER)
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
