"""Overlays and references across steps in spec files: every mistake is a clear message
naming the file and the question, exit code 2, never a traceback (``mldwizard specs
--specs DIR``, the way an author of extra chapters meets them)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core.context import StepAnswers
from mldwizard.core.document import Document, Project, StepState
from mldwizard.core.specs import load_specs

from .spec_folders import ALPHA, FLAVOUR, chapter, overlay, question, spec_folder

BETA_AFTER = 'after = "alpha"'

# name -> (files of the spec folder, the file named, fragments of the message)
BROKEN: dict[str, tuple[dict[str, str], str, list[str]]] = {
    "overlay without applies_to": (
        {"o": overlay("o", question("x", extra='chapter = "beta"'), head="")},
        "o.toml",
        ["an overlay needs 'applies_to'"],
    ),
    "applies_to not dotted": (
        {
            "o": overlay(
                "o",
                question("x", extra='chapter = "beta"'),
                head='applies_to = { question = "flavour", equals = "sweet" }',
            )
        },
        "o.toml",
        ["applies_to", "'step-slug.question_id'", "'flavour'"],
    ),
    "overlay question without chapter": (
        {"o": overlay("o", question("x"))},
        "o.toml",
        ["question 'x'", "names the 'chapter' it joins"],
    ),
    "chapter naming the gate": (
        {"o": overlay("o", question("x", extra='chapter = "gate"'))},
        "o.toml",
        ["question 'x'", "'chapter' = 'gate' is not a chapter", "alpha, beta"],
    ),
    "chapter naming no step": (
        {"o": overlay("o", question("x", extra='chapter = "nope"'))},
        "o.toml",
        ["question 'x'", "'chapter' = 'nope' is not a chapter"],
    ),
    "id clash in the target chapter": (
        {"o": overlay("o", question("size", title="Other", extra='chapter = "beta"'))},
        "o.toml",
        ["question 'size'", "chapter 'beta' already has a question with this id"],
    ),
    "title clash in the target chapter": (
        {"o": overlay("o", question("x", title="Size", extra='chapter = "beta"'))},
        "o.toml",
        ["question 'x'", "'Size' is already the title of beta.size"],
    ),
    "a chapter's question with chapter": (
        {"alpha": chapter("alpha", FLAVOUR + question("colour", extra='chapter = "beta"'))},
        "alpha.toml",
        ["question 'colour'", "only an overlay's questions name a 'chapter'"],
    ),
    "a chapter with applies_to": (
        {
            "alpha": chapter(
                "alpha", FLAVOUR, head='applies_to = { question = "beta.size", answered = true }'
            )
        },
        "alpha.toml",
        ["only an overlay has 'applies_to'"],
    ),
    "a question with its own applies_to": (
        {
            "beta": chapter(
                "beta",
                question(
                    "size", extra='applies_to = { question = "alpha.flavour", equals = "sweet" }'
                ),
                head=BETA_AFTER,
            )
        },
        "beta.toml",
        ["question 'size'", "'applies_to' is set on an overlay", "use 'when'"],
    ),
    "condition naming an unknown step": (
        {
            "beta": chapter(
                "beta",
                question("size", extra='when = { question = "nope.flavour", equals = "sweet" }'),
                head=BETA_AFTER,
            )
        },
        "beta.toml",
        ["question beta.size", "condition 'nope.flavour'", "unknown step 'nope'"],
    ),
    "condition naming an unknown question": (
        {
            "beta": chapter(
                "beta",
                question("size", extra='when = { question = "alpha.nope", equals = "sweet" }'),
                head=BETA_AFTER,
            )
        },
        "beta.toml",
        [
            "question beta.size",
            "condition 'alpha.nope'",
            "unknown question of 'alpha'",
            "flavour, colour",
        ],
    ),
    "condition naming a step without questions": (
        {
            "beta": chapter(
                "beta",
                question("size", extra='when = { question = "feasibility.x", answered = true }'),
                head=BETA_AFTER,
            )
        },
        "beta.toml",
        ["question beta.size", "unknown question of 'feasibility'", "it has no questions"],
    ),
    "condition naming a later step": (
        {
            "alpha": chapter(
                "alpha",
                FLAVOUR
                + question("colour", extra='when = { question = "beta.size", answered = true }'),
            )
        },
        "alpha.toml",
        ["question alpha.colour", "condition 'beta.size'", "a later step"],
    ),
    "condition naming a later question of the same step": (
        {
            "alpha": chapter(
                "alpha",
                FLAVOUR
                + question("colour", extra='when = { question = "alpha.taste", answered = true }')
                + question("taste"),
            )
        },
        "alpha.toml",
        ["question alpha.colour", "condition 'alpha.taste'", "a later question of the same step"],
    ),
    "condition naming itself": (
        {
            "alpha": chapter(
                "alpha",
                FLAVOUR
                + question("colour", extra='when = { question = "alpha.colour", answered = true }'),
            )
        },
        "alpha.toml",
        ["question alpha.colour", "condition 'alpha.colour'", "the question itself"],
    ),
    "condition value that is not a choice": (
        {
            "beta": chapter(
                "beta",
                question("size", extra='when = { question = "alpha.flavour", equals = "salty" }'),
                head=BETA_AFTER,
            )
        },
        "beta.toml",
        [
            "question beta.size",
            "condition 'alpha.flavour'",
            "'salty' is not a choice",
            "sweet, sour",
        ],
    ),
    "applies_to value that is not a choice": (
        {
            "o": overlay(
                "o",
                question("x", extra='chapter = "beta"'),
                head='applies_to = { question = "alpha.flavour", in = ["sweet", "salty"] }',
            )
        },
        "o.toml",
        ["question beta.x", "applies_to 'alpha.flavour'", "'salty' is not a choice"],
    ),
    "applies_to naming a later step": (
        {
            "o": overlay(
                "o",
                question("x", extra='chapter = "alpha"'),
                head='applies_to = { question = "beta.size", answered = true }',
            )
        },
        "o.toml",
        ["question alpha.x", "applies_to 'beta.size'", "a later step"],
    ),
    "applies_to naming an unknown question": (
        {
            "o": overlay(
                "o",
                question("x", extra='chapter = "beta"'),
                head='applies_to = { question = "alpha.nope", answered = true }',
            )
        },
        "o.toml",
        ["question beta.x", "applies_to 'alpha.nope'", "unknown question of 'alpha'"],
    ),
    "builds_on naming an unknown step": (
        {
            "beta": chapter(
                "beta", question("size", extra='builds_on = "nope.flavour"'), head=BETA_AFTER
            )
        },
        "beta.toml",
        ["question beta.size", "builds_on 'nope.flavour'", "unknown step 'nope'"],
    ),
    "builds_on naming an unknown question": (
        {
            "beta": chapter(
                "beta", question("size", extra='builds_on = "alpha.nope"'), head=BETA_AFTER
            )
        },
        "beta.toml",
        ["question beta.size", "builds_on 'alpha.nope'", "unknown question of 'alpha'"],
    ),
    "builds_on naming a later step": (
        {"alpha": chapter("alpha", FLAVOUR + question("colour", extra='builds_on = "beta.size"'))},
        "alpha.toml",
        ["question alpha.colour", "builds_on 'beta.size'", "a later step"],
    ),
    "builds_on naming a later question of the same step": (
        {
            "beta": chapter(
                "beta",
                question("size", extra='builds_on = "beta.shape"') + question("shape"),
                head=BETA_AFTER,
            )
        },
        "beta.toml",
        ["question beta.size", "builds_on 'beta.shape'", "a later question of the same step"],
    ),
    "builds_on naming itself": (
        {
            "beta": chapter(
                "beta", question("size", extra='builds_on = "beta.size"'), head=BETA_AFTER
            )
        },
        "beta.toml",
        ["question beta.size", "builds_on 'beta.size'", "the question itself"],
    ),
    "builds_on without the step": (
        {"beta": chapter("beta", question("size", extra='builds_on = "colour"'), head=BETA_AFTER)},
        "beta.toml",
        ["question 'size'", "builds_on", "'step-slug.question_id'", "not 'colour'"],
    ),
    "an overlay question's builds_on": (
        {"o": overlay("o", question("x", extra='chapter = "beta"\nbuilds_on = "alpha.nope"'))},
        "o.toml",
        ["question beta.x", "builds_on 'alpha.nope'", "unknown question of 'alpha'"],
    ),
    "an overlay question's plain condition naming a question of another chapter": (
        {
            "o": overlay(
                "o",
                question("x", extra='chapter = "beta"')
                + question(
                    "y", extra='chapter = "alpha"\nwhen = { question = "x", answered = true }'
                ),
            )
        },
        "o.toml",
        ["question alpha.y", "condition 'x' (in chapter 'alpha')", "unknown question of 'alpha'"],
    ),
    "overlay slug of an extra step": (
        {"o": overlay("beta", question("x", extra='chapter = "beta"'))},
        "o.toml",
        ["slug 'beta' is already used by a step"],
    ),
    "overlay slug of a built-in step": (
        {"o": overlay("gate", question("x", extra='chapter = "beta"'))},
        "o.toml",
        ["slug 'gate' is already used by a step"],
    ),
    "two overlays with one slug": (
        {
            "o": overlay("o", question("x", extra='chapter = "beta"')),
            "p": overlay("o", question("y", extra='chapter = "beta"')),
        },
        "p.toml",
        ["slug 'o' is already used by another overlay"],
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_links_are_named(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files, culprit, fragments = BROKEN[case]
    folder = spec_folder(tmp_path, **files)
    code = main(["specs", "--specs", str(folder)])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert out == ""
    assert err.startswith(f"mldwizard: {folder / culprit}: "), err
    for fragment in fragments:
        assert fragment in err, (fragment, err)
    assert "Traceback" not in err


def test_a_broken_overlay_in_a_real_process(tmp_path: Path) -> None:
    """The program as a user runs it: one line, exit 2, no traceback."""
    files, culprit, _ = BROKEN["applies_to value that is not a choice"]
    folder = spec_folder(tmp_path, **files)
    done = subprocess.run(
        [sys.executable, "-m", "mldwizard", "specs", "--specs", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert str(folder / culprit) in done.stderr


def _doc(**answers: dict[str, object]) -> Document:
    doc = Document(project=Project(title="T", created=__import__("datetime").date(2026, 1, 1)))
    for slug, values in answers.items():
        doc.chapters[slug] = StepState(answers=dict(values))
    return doc


def test_an_extra_folder_may_add_an_overlay(tmp_path: Path) -> None:
    """A user's own overlay joins a chapter before its notes, shown only when it applies; a
    plain id in an overlay's condition names a question of the chapter it joins."""
    folder = spec_folder(
        tmp_path,
        o=overlay(
            "o",
            question("sugar", extra='chapter = "beta"')
            + question(
                "icing", extra='chapter = "beta"\nwhen = { question = "size", answered = true }'
            ),
        ),
    )
    specs = load_specs([folder])
    beta = specs.get("beta")
    assert beta is not None
    assert [q.id for q in beta.questions] == ["size", "shape", "sugar", "icing", "notes"]
    assert specs.get("o") is None  # an overlay is not a step
    sugar, icing = beta.question("sugar"), beta.question("icing")
    assert sugar is not None and icing is not None

    def shown(doc: Document) -> list[str]:
        answers = StepAnswers(doc, "beta")
        return [q.id for q in beta.questions if q.visible(answers)]

    assert shown(_doc(alpha={"flavour": "sour"})) == ["size", "shape", "notes"]
    assert shown(_doc(alpha={"flavour": "sweet"})) == ["size", "shape", "sugar", "notes"]
    assert shown(_doc(alpha={"flavour": "sweet"}, beta={"size": "big"})) == [
        "size",
        "shape",
        "sugar",
        "icing",
        "notes",
    ]


def test_alpha_is_valid_on_its_own(tmp_path: Path) -> None:
    """The synthetic folder itself loads: every broken case above breaks one thing."""
    specs = load_specs([spec_folder(tmp_path)])
    alpha = specs.get("alpha")
    assert alpha is not None and alpha.question("flavour") is not None
    assert ALPHA.count("[[questions]]") == 2


def test_the_spec_schema_offers_applies_to_on_an_overlay_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A question's applies_to comes from its overlay (a spec setting it is refused), so
    the JSON Schema authors' editors read does not offer it on a question."""
    assert main(["schema", "--of", "spec"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert "applies_to" in schema["properties"]
    assert "applies_to" not in schema["$defs"]["Question"]["properties"]
    assert "chapter" in schema["$defs"]["Question"]["properties"]
