"""The stages a project goes through, and what a document can be asked at each.

A design document is written before a model exists. Questions about results (learning
curves, error analysis, a full training run) can only be answered later; each question
says from which stage it is asked and from which it is required, and the document says
which stage the project is at.
"""

from __future__ import annotations

from typing import Literal, get_args

Stage = Literal["design", "prototype", "pilot", "production"]
STAGES: tuple[Stage, ...] = get_args(Stage)
STAGE_LABEL: dict[str, str] = {
    "design": "Design",
    "prototype": "Prototype",
    "pilot": "Pilot",
    "production": "Production",
}
STAGE_MEANING: dict[str, str] = {
    "design": "the plan, before any model exists",
    "prototype": "a model trained offline, measured on held-out data",
    "pilot": "the model in front of some users or in shadow",
    "production": "the system in full use",
}


def stage_index(stage: Stage) -> int:
    return STAGES.index(stage)


def reached(current: Stage, needed: Stage) -> bool:
    """Whether a project at ``current`` has reached ``needed``."""
    return stage_index(current) >= stage_index(needed)


def stage_text(stage: Stage) -> str:
    """ "Prototype (a model trained offline, measured on held-out data)"."""
    return f"{STAGE_LABEL[stage]} ({STAGE_MEANING[stage]})"
