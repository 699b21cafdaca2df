"""The bundled example document."""

from __future__ import annotations

from pathlib import Path

EXAMPLE_NAME = "ticket-routing.toml"


def example_path() -> Path:
    return Path(__file__).resolve().parent.parent / "examples" / EXAMPLE_NAME
