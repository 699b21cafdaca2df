"""A stage gate's spec: the transition it guards and the short list of what must hold before
the project moves on (``chapter_specs/stage-gate-*.toml``). Importable from ``core.specs``.

A stage gate is a step of ``kind = "stage-gate"`` whose slug starts with
:data:`STAGE_GATE_PREFIX`; adding a gate for another transition is adding such a file.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .ids import QUESTION_REF, SNAKE
from .stages import Stage, stage_index

STAGE_GATE_PREFIX = "stage-gate-"
"""Every stage gate's slug starts with it: the document stores its marks under
``[stage_gates.<slug>]`` and knows a stage gate by its name alone."""


class Transition(BaseModel):
    """The move a stage gate guards: ``{ from = "prototype", to = "pilot" }``."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: Stage = Field(alias="from", description="The stage the project leaves.")
    to: Stage = Field(description="The stage the gate lets it enter (the next one).")

    @model_validator(mode="after")
    def _next_stage(self) -> Transition:
        if stage_index(self.to) != stage_index(self.from_) + 1:
            raise ValueError(
                f"a stage gate guards one step forward: from {self.from_!r} the next stage is "
                "not " + repr(self.to)
            )
        return self


class StageGateItemSpec(BaseModel):
    """One thing that must hold before the move, shaped like a feasibility item (no axis:
    every item of a stage gate is about the same move)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=SNAKE)
    text: str = Field(min_length=1, description="The statement that should hold.")
    help: str = Field(min_length=1, description="How to tell whether it is met.")
    critical: bool = False
    refs: list[Annotated[str, Field(pattern=QUESTION_REF)]] = Field(
        default_factory=list,
        description="The answers that are its evidence, as 'step-slug.question_id': a Met "
        "can rest on them (checked on load: each names a question).",
    )
