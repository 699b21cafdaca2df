"""Review items: what a reviewer checks in a step, as data (``[[review]]`` in a spec).

Each item is one check in the reviewer's words, with the answers it looks at, how much
it matters, from which stage it applies, and a short hint for the author who must fix it.
An overlay's items name the ``chapter`` they join and apply only when the overlay does.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .conditions import Condition
from .ids import KEBAB, SNAKE
from .stages import Stage

Severity = Literal["critical", "major", "minor"]
SEVERITIES: tuple[Severity, ...] = ("critical", "major", "minor")

DIMENSIONS: dict[str, str] = {
    "problem-framing": "Problem framing",
    "cost-of-mistakes": "Cost of mistakes",
    "prior-work": "Prior work and build-vs-buy",
    "metrics": "Metrics and measurement",
    "data": "Data, labels and features",
    "validation": "Validation and leakage",
    "baselines": "Baselines",
    "error-analysis": "Error analysis",
    "pipeline": "Pipeline and reproducibility",
    "serving": "Serving, integration and release",
    "monitoring": "Monitoring and ownership",
    "modern-ai": "LLM, RAG and agent systems",
}
"""The review dimensions, slug -> the words a reader sees."""

Dimension = Literal[
    "problem-framing",
    "cost-of-mistakes",
    "prior-work",
    "metrics",
    "data",
    "validation",
    "baselines",
    "error-analysis",
    "pipeline",
    "serving",
    "monitoring",
    "modern-ai",
]

REVIEW_TEXT_MAX = 200
"""An item is one check a reviewer can tick, said in a sentence."""
REVIEW_FIX_MAX = 160
"""The fix is a hint, not a lecture."""


class ReviewItem(BaseModel):
    """One check a reviewer makes in a step."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=SNAKE, description="Unique within the step (with its overlays).")
    dimension: Dimension = Field(description="The review dimension it belongs to.")
    severity: Severity = Field(
        description="critical: the chapter cannot be approved until it is Met (or not "
        "applicable with a reason); major: an open comment on it blocks approval; minor."
    )
    text: str = Field(
        min_length=1,
        max_length=REVIEW_TEXT_MAX,
        description="What the reviewer checks, in the reviewer's words, one sentence.",
    )
    questions: list[str] = Field(
        default_factory=list,
        description="The answers it looks at: ids of the step's questions, or "
        "'step-slug.question_id' of any step.",
    )
    from_stage: Stage = Field(
        "design", description="The document stage from which a reviewer checks it."
    )
    fix: str = Field(
        min_length=1,
        max_length=REVIEW_FIX_MAX,
        description="A short hint for the author on how to meet it.",
    )
    chapter: str | None = Field(
        None, pattern=KEBAB, description="Overlays only: the chapter the item joins."
    )
    applies_to: Condition | None = Field(
        None, description="Set when loaded on an overlay's items: when the item applies."
    )
