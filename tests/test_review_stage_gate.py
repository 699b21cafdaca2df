"""A stage gate can be reviewed headless like any step: its review is merged and written
(the merge once rebuilt a stage gate's review rounds as a table: "expected a list")."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path


def test_reviewing_a_stage_gate_saves_its_rounds_and_threads(
    tmp_path: Path, ok: Callable[..., str]
) -> None:
    doc = tmp_path / "ex.toml"
    ok("new", doc, "--example", "--no-input")
    ok("review", doc, "stage-gate-pilot", "--by", "jonas")
    out = ok("review", doc, "stage-gate-pilot", "--by", "jonas", "--comment", "Who ran the drill?")
    assert "comment #1" in out
    review = tomllib.loads(doc.read_text(encoding="utf-8"))["stage_gates"]["stage-gate-pilot"][
        "review"
    ]
    assert [r["by"] for r in review["rounds"]] == ["jonas"]
    assert [t["text"] for t in review["threads"]] == ["Who ran the drill?"]
    listing = ok("review", doc, "stage-gate-pilot", "--by", "jonas")
    assert "Who ran the drill?" in listing
