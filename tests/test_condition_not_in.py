"""``not_in``: a question shown unless another answer is one of some values, and shown while
that answer is not given (questions for a classic model, unless the system is built on a
language model). Checked on load like ``in``, and said in words on every face."""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.condition_words import shown_when
from mldwizard.core.conditions import Condition
from mldwizard.core.specs import load_specs

from .spec_folders import chapter, question, spec_folder


@pytest.mark.parametrize(
    ("answer", "holds"),
    [
        (None, True),
        ("", True),
        ("sour", True),
        ("sweet", False),
        (["x", "sweet"], False),
        (["x"], True),
    ],
)
def test_not_in_holds_unless_the_answer_is_one_of_the_values(answer: object, holds: bool) -> None:
    when = Condition.model_validate({"question": "flavour", "not_in": ["sweet"]})
    answers = {} if answer is None else {"flavour": answer}
    assert when.holds(answers) is holds


def test_not_in_needs_values_and_is_the_only_test() -> None:
    with pytest.raises(ValueError, match="'not_in' needs at least one value"):
        Condition.model_validate({"question": "q", "not_in": []})
    with pytest.raises(ValueError, match="exactly one of 'equals', 'in', 'not_in', 'answered'"):
        Condition.model_validate({"question": "q", "not_in": ["a"], "equals": "b"})


def _folder(tmp_path: Path, condition: str) -> Path:
    beta = chapter("beta", question("size", extra=f"when = {condition}"), head='after = "alpha"')
    return spec_folder(tmp_path, beta=beta)


def test_a_not_in_condition_across_steps_is_checked_and_said_in_words(tmp_path: Path) -> None:
    folder = _folder(tmp_path, '{ question = "alpha.flavour", not_in = ["sweet"] }')
    specs = load_specs([folder])
    beta = specs.get("beta")
    assert beta is not None
    size = beta.question("size")
    assert size is not None
    assert shown_when(size, specs, beta) == "Flavour (Alpha chapter) is not Sweet as honey"


def test_a_not_in_value_that_is_no_choice_is_refused_on_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, '{ question = "alpha.flavour", not_in = ["salty"] }')
    assert main(["specs", "--specs", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "beta.toml" in err and "'salty' is not a choice of 'flavour'" in err
    assert "Traceback" not in err
