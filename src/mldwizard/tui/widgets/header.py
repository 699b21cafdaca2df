"""The header, with the document's title in the very first frame.

Textual's Header fills its title from an async watcher, two frames after the screen is
first drawn; the wizard's first frame would show an empty bar that then fills in.
"""

from __future__ import annotations

from textual.widgets import Header, Static


class TitledHeader(Header):
    def on_mount(self) -> None:
        # HeaderTitle is a Static (Textual is pinned; a snapshot test would show a change).
        self.query_one("HeaderTitle", Static).update(self.format_title())
