"""The tiny declarative condition form used by ``when`` in specs and by gate rules.

A condition names one question of the same step and exactly one test:

* ``equals = V``: the answer is V (for list kinds: V is among the selected items);
* ``in = [V, ...]``: the answer is one of them (list kinds: any selected item is);
* ``not_in = [V, ...]``: the answer is none of them, or there is none (list kinds: no
  selected item is); e.g. questions for a classic model, whatever the kind of system
  unless it is one built on a language model;
* ``answered = true|false``: the question has (or has not) a non-empty answer.

Nothing is ever evaluated as code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .kinds import is_answered

Scalar = str | int | float | bool | dt.date


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    question: str = Field(description="Id of an earlier question in the same step.")
    equals: Scalar | None = Field(None, description="True when the answer is this value.")
    in_: list[Scalar] | None = Field(
        None, alias="in", description="True when the answer is one of these values."
    )
    not_in: list[Scalar] | None = Field(
        None,
        description="True when the answer is none of these values (or not given).",
    )
    answered: bool | None = Field(
        None, description="True when the question is (or, with false, is not) answered."
    )

    @model_validator(mode="after")
    def _exactly_one_test(self) -> Condition:
        tests = [t for t in (self.equals, self.in_, self.not_in, self.answered) if t is not None]
        if len(tests) != 1:
            raise ValueError(
                "a condition needs exactly one of 'equals', 'in', 'not_in', 'answered'"
            )
        if self.in_ is not None and not self.in_:
            raise ValueError("'in' needs at least one value, or the condition never holds")
        if self.not_in is not None and not self.not_in:
            raise ValueError("'not_in' needs at least one value, or the condition always holds")
        return self

    def holds(self, answers: Mapping[str, Any]) -> bool:
        value = answers.get(self.question)
        if self.answered is not None:
            return is_answered(value) == self.answered
        if self.not_in is not None:
            if not is_answered(value):
                return True
            values = value if isinstance(value, list) else [value]
            return not any(_same(v, w) for v in values for w in self.not_in)
        if not is_answered(value):
            return False
        wanted = [self.equals] if self.equals is not None else list(self.in_ or [])
        values = value if isinstance(value, list) else [value]
        return any(_same(v, w) for v in values for w in wanted)

    def describe(self) -> str:
        if self.answered is not None:
            return f"{self.question} is {'answered' if self.answered else 'not answered'}"
        if self.equals is not None:
            return f"{self.question} = {self.equals!r}"
        if self.not_in is not None:
            return f"{self.question} not in {self.not_in!r}"
        return f"{self.question} in {self.in_!r}"


def _same(value: Any, wanted: Any) -> bool:
    # bool is an int in Python: never let True equal 1.
    if isinstance(value, bool) or isinstance(wanted, bool):
        return isinstance(value, bool) and isinstance(wanted, bool) and value == wanted
    return bool(value == wanted)
