"""Answers files for feasibility tests: a described project (the problem, the gate and the
metrics chapters answered, taken from the bundled example) and a checklist all Met."""

from __future__ import annotations

import tomllib
from importlib.resources import files

import tomli_w

from mldwizard.core.specs import load_specs

SPECS = load_specs()


def described() -> str:
    """The example's answers to the problem, gate and metrics steps, owned by ana and bo."""
    example = files("mldwizard.examples").joinpath("ticket-routing.toml").read_text("utf-8")
    data = tomllib.loads(example)
    out = {
        "chapters": {
            slug: {"owners": ["ana", "bo"], "answers": data["chapters"][slug]["answers"]}
            for slug in ("problem", "metrics")
        },
        "gate": {"owners": ["ana", "bo"], "answers": data["gate"]["answers"]},
    }
    return tomli_w.dumps(out)


def all_items(status: str = "met", note: str = "Checked with the team.") -> str:
    """Every item of the checklist with ``status`` and an evidence note."""
    feasibility = SPECS.feasibility
    assert feasibility is not None
    lines = ['[feasibility]\nowners = ["ana", "bo"]\n']
    for item in feasibility.items:
        lines.append(f'[feasibility.items.{item.id}]\nstatus = "{status}"\nnote = "{note}"\n')
    return "\n".join(lines)
