"""Command palette entries: jump to any step, toggle the preview, export, overview, people."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .app import WizardApp


class StepCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        app = cast("WizardApp", self.app)
        commands: list[tuple[str, Callable[[], object], str]] = []
        for step in app.session.specs.steps:
            commands.append((f"Go to {step.label}", _go(app, step.slug), step.slug))
        commands += [
            ("Toggle help / Markdown preview", app.action_toggle_preview, "side panel"),
            ("Export Markdown (save now)", app.action_export, "writes the .md file"),
            ("Overview", app.action_overview, "completeness and verdicts"),
            ("People", app.action_people, "add or edit people"),
            ("Step owners, status, code paths, links", app.action_step_details, "F3"),
        ]
        return commands

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(text, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help_text)


def _go(app: WizardApp, slug: str) -> Callable[[], object]:
    def go() -> None:
        step = app.session.specs.get(slug)
        if step is not None:
            app.run_worker(app.go_to(step))

    return go
