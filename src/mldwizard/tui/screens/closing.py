"""Whether a screen is on its way out, for the work that finishes after it (a save, a step
rebuild, a freshness check run in a worker or a callback)."""

from __future__ import annotations

from textual.widget import Widget


def taken_down(node: Widget) -> bool:
    """``node`` is being removed, or the app is exiting (``App.exit`` was called: Textual
    then takes every screen down). Its widgets may be gone already and nothing can be
    mounted into it: a save that ends now has written the document, and only the refresh of
    what was on screen is left, which there is no screen for."""
    return not node.is_attached or node._pruning or node._closing or node._closed
