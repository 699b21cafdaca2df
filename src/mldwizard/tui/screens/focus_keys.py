"""Tab and Shift+Tab on the wizard: the cursor moves before the keys typed after it land.

Textual's own Tab binding is not a priority binding: it runs only once the Tab key has
bubbled up from the focused field, and every key already queued behind it (a paste, keys
typed while the app was busy saving) is handed to the focused field first, the one being
left. So "AAA Tab BBB" in one write gave "AAABBB" in the first field and nothing in the
second. As priority bindings of the wizard screen, Tab and Shift+Tab move the cursor when
the app takes the key, before it hands on the next one. The dialogs (people, step details,
the workshop's captures, the ones a save opens) use the same bindings, so a burst such as
"ann Tab Ann Tab Designer Enter" fills their fields one by one; the command palette keeps
its own Tab; an open drop-down list closes and the cursor moves on, as with Textual's own
binding.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

FOCUS_BINDINGS: list[BindingType] = [
    Binding("tab", "app.focus_next", "Next field", id="next-field", show=False, priority=True),
    Binding(
        "shift+tab",
        "app.focus_previous",
        "Previous field",
        id="previous-field",
        show=False,
        priority=True,
    ),
]
