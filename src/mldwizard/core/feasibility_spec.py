"""The feasibility checklist's spec: its items and the rules its verdict counts by, as data
(``chapter_specs/feasibility.toml``). Importable from ``core.specs`` too."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .ids import KEBAB, SNAKE

Axis = Literal["value", "data", "technical", "organisation", "ethics-legal"]
ANY_APPROACH_AXES: tuple[Axis, ...] = ("value", "ethics-legal", "organisation")


class FeasibilityItemSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=SNAKE)
    axis: Axis
    text: str = Field(min_length=1, description="The statement that should hold.")
    help: str = Field(min_length=1, description="How to tell whether it is met.")
    critical: bool = False


class FeasibilityRules(BaseModel):
    """How the feasibility verdict counts what the marks do not say alone (all data)."""

    model_config = ConfigDict(extra="forbid")

    conditional_gaps: int = Field(
        2, ge=1, description="Non-critical items Not met that make a GO a CONDITIONAL."
    )
    no_go_gaps: int = Field(
        4, ge=1, description="Non-critical items Not met that make a NO-GO, unless each is waived."
    )
    deliverables: list[Annotated[str, Field(pattern=KEBAB)]] = Field(
        default_factory=list,
        description="Step slugs whose required questions (at the document's stage) must be "
        "answered before any verdict but NO-GO; until then the verdict is INCOMPLETE.",
    )
    problem_items: list[Annotated[str, Field(pattern=SNAKE)]] = Field(
        default_factory=list,
        description="Items that, Met with evidence, say the problem is real (for PIVOT).",
    )
    pivot_levels: list[Annotated[str, Field(pattern=KEBAB)]] = Field(
        default_factory=list,
        description="Gate levels saying a different approach works: PIVOT when the problem "
        "is real.",
    )
    stop_levels: list[Annotated[str, Field(pattern=KEBAB)]] = Field(
        default_factory=list, description="Gate levels that are NO-GO material."
    )
    any_approach_axes: list[Axis] = Field(
        default_factory=lambda: list(ANY_APPROACH_AXES),
        description="Axes whose critical gaps hold for any approach: such a gap that cannot "
        "be closed is a NO-GO even when the gate says a rule or an existing model will do "
        "(a gap in labels or in the model's technique is no reason to stop a rule).",
    )

    @model_validator(mode="after")
    def _ordered(self) -> FeasibilityRules:
        if self.no_go_gaps <= self.conditional_gaps:
            raise ValueError(
                f"no_go_gaps ({self.no_go_gaps}) must be more than conditional_gaps "
                f"({self.conditional_gaps})"
            )
        both = set(self.pivot_levels) & set(self.stop_levels)
        if both:
            raise ValueError(f"{sorted(both)[0]!r} is in both pivot_levels and stop_levels")
        return self
