"""Review items (``[[review]]``) load and are validated like questions: ids unique, the
questions they look at resolve, an overlay's items join the chapter they name."""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.specs import load_specs

from .spec_folders import ALPHA, BETA, overlay, question, spec_folder


def review(rid: str, extra: str = "", questions: str = '["size"]') -> str:
    return f"""
[[review]]
id = "{rid}"
dimension = "metrics"
severity = "major"
text = "The check {rid} holds."
questions = {questions}
fix = "Make {rid} hold."
{extra}
"""


def test_review_items_load_with_their_fields(tmp_path: Path) -> None:
    folder = spec_folder(
        tmp_path,
        beta=BETA
        + review("sized", 'from_stage = "prototype"')
        + review("flavoured", questions='["alpha.flavour", "shape"]'),
    )
    beta = load_specs([folder]).get("beta")
    assert beta is not None
    assert [r.id for r in beta.review] == ["sized", "flavoured"]
    assert beta.review[0].from_stage == "prototype"
    assert beta.review[1].questions == ["alpha.flavour", "shape"]
    assert beta.review[1].from_stage == "design"


def test_the_built_in_specs_load_with_their_review_items() -> None:
    specs = load_specs()
    for step in specs.steps:
        assert len({r.id for r in step.review}) == len(step.review), step.slug


def test_an_overlay_review_item_joins_its_chapter_when_the_overlay_applies(
    tmp_path: Path,
) -> None:
    folder = spec_folder(
        tmp_path,
        o=overlay(
            "o",
            question("sugar", extra='chapter = "beta"')
            + review("sweet_enough", 'chapter = "beta"', questions='["sugar", "size"]'),
        ),
    )
    beta = load_specs([folder]).get("beta")
    assert beta is not None
    item = next(r for r in beta.review if r.id == "sweet_enough")
    assert item.applies_to is not None and item.applies_to.question == "alpha.flavour"


BROKEN: dict[str, tuple[dict[str, str], str, list[str]]] = {
    "duplicate id": (
        {"beta": BETA + review("same") + review("same")},
        "beta.toml",
        ["review item 'same': duplicate id"],
    ),
    "unknown question": (
        {"beta": BETA + review("r", questions='["colour"]')},
        "beta.toml",
        ["review item beta.r: question 'colour'", "unknown question of 'beta'", "size, shape"],
    ),
    "unknown step": (
        {"beta": BETA + review("r", questions='["gamma.size"]')},
        "beta.toml",
        ["review item beta.r: question 'gamma.size' names an unknown step 'gamma'"],
    ),
    "bad severity": (
        {"beta": BETA + review("r").replace('"major"', '"blocker"')},
        "beta.toml",
        ["severity", "critical", "major", "minor"],
    ),
    "bad dimension": (
        {"beta": BETA + review("r").replace('"metrics"', '"vibes"')},
        "beta.toml",
        ["dimension", "problem-framing"],
    ),
    "chapter outside an overlay": (
        {"beta": BETA + review("r", 'chapter = "alpha"')},
        "beta.toml",
        ["only an overlay's review items name a 'chapter'"],
    ),
    "overlay item without a chapter": (
        {"o": overlay("o", question("x", extra='chapter = "beta"') + review("r"))},
        "o.toml",
        ["an overlay's review item names the 'chapter' it joins"],
    ),
    "overlay item naming a step that is no chapter": (
        {
            "o": overlay(
                "o", question("x", extra='chapter = "beta"') + review("r", 'chapter = "gate"')
            )
        },
        "o.toml",
        ["review item 'r': 'chapter' = 'gate' is not a chapter"],
    ),
    "overlay item with an id its chapter has": (
        {
            "beta": BETA + review("r"),
            "o": overlay(
                "o", question("x", extra='chapter = "beta"') + review("r", 'chapter = "beta"')
            ),
        },
        "o.toml",
        ["chapter 'beta' already has a review item with this id"],
    ),
    "unknown field": (
        {"beta": BETA + review("r", "weight = 3")},
        "beta.toml",
        ["weight"],
    ),
    "text too long": (
        {"beta": BETA + review("r").replace("The check r holds.", "x" * 201)},
        "beta.toml",
        ["text"],
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_review_items_are_named(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files, culprit, fragments = BROKEN[case]
    folder = spec_folder(tmp_path, **files)
    code = main(["specs", "--specs", str(folder)])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert err.startswith(f"mldwizard: {folder / culprit}: "), err
    for fragment in fragments:
        assert fragment in err, (fragment, err)
    assert "Traceback" not in err


def test_alpha_with_a_review_item_is_valid(tmp_path: Path) -> None:
    folder = spec_folder(tmp_path, alpha=ALPHA + review("r", questions='["flavour"]'))
    alpha = load_specs([folder]).get("alpha")
    assert alpha is not None and [r.id for r in alpha.review] == ["r"]
