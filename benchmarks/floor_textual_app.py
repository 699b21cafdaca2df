#!/usr/bin/env python
"""The floor for the wizard's start-up: the minimal Textual app (Header, Footer, one Label)
that first does what `mldwizard edit` must do before any screen opens.

`mldwizard edit DOC` has to read and validate the chapter specs and the document (a broken
document is reported in the terminal before any screen opens), and the document model is
pydantic. So this program imports the core, loads and validates DOC exactly as `edit` does
(`specs_for` + `storage.load_document`, with the collector paused as the CLI pauses it), and
then runs the minimal app. No wizard built on this stack can paint sooner; bench_tui_startup.py
reports it next to the minimal app and the wizard.

Run as ``python benchmarks/floor_textual_app.py DOC``; quit with Ctrl+Q.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

MARKER = "Floor baseline label"


def main(doc_path: str) -> None:
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as the CLI does
    from mldwizard import startup

    startup.pause()
    from mldwizard.core import storage
    from mldwizard.core.workspace import specs_for

    path = Path(doc_path)
    doc = storage.load_document(path, specs_for(path, []))

    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Label

    class FloorApp(App[None]):
        TITLE = doc.project.title

        def compose(self) -> ComposeResult:
            yield Header()
            yield Label(MARKER)
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(startup.resume)

    FloorApp().run()


if __name__ == "__main__":
    main(sys.argv[1])
