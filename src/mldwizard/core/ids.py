"""The forms of ids in specs: question and item ids, step slugs, references across steps."""

from __future__ import annotations

SNAKE = r"^[a-z][a-z0-9_]*$"
"""A question's or an item's id: ``cost_of_mistake``."""
KEBAB = r"^[a-z][a-z0-9-]*$"
"""A step's slug or a rule's name: ``error-analysis``."""
QUESTION_REF = r"^[a-z][a-z0-9-]*\.[a-z][a-z0-9_]*$"
"""``step-slug.question_id``: a question of any step."""
