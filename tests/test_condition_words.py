"""Conditions in words on every face, and overlay questions in listings and documents.

A condition is said with titles and labels ("Flavour (Alpha chapter) is Sweet as honey"),
never as ``alpha.flavour = 'sweet'``; an overlay's questions are listed in their chapter
and marked as such; an answer to an overlay question whose overlay stopped applying stays
in the document, valid, shown and exported.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core import storage
from mldwizard.core.condition_words import in_words, shown_when
from mldwizard.core.conditions import Condition
from mldwizard.core.document import new_document
from mldwizard.core.examples import EXAMPLE_AS_OF, example_document
from mldwizard.core.markdown import render_markdown
from mldwizard.core.specs import Specs, load_specs

from .spec_folders import FLAVOUR, chapter, overlay, question, spec_folder

EXTRA = {
    "alpha": chapter(
        "alpha",
        FLAVOUR
        + question("colour")
        + question("tried", kind="choice", extra='choices = ["tried, good", "tried, bad", "no"]')
        + question("sizes", kind="multi_choice", extra='choices = ["small", "large"]')
        + question("vegan", kind="bool"),
    ),
    "beta": chapter(
        "beta",
        question("size", extra='when = { question = "alpha.flavour", equals = "sweet" }')
        + question("shape", extra='when = { question = "beta.size", answered = true }')
        + question("input", extra='when = { question = "gate.input_type", in = ["unstructured"] }'),
        head='after = "alpha"',
    ),
    "o": overlay(
        "o",
        question("sugar", extra='chapter = "beta"')
        + question(
            "icing", extra='chapter = "beta"\nwhen = { question = "shape", answered = false }'
        )
        + question(
            "honey",
            extra='chapter = "beta"\nwhen = { question = "alpha.flavour", in = ["sour", "sweet"] }',
        ),
    ),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return spec_folder(tmp_path, **EXTRA)


@pytest.fixture
def extra_specs(folder: Path) -> Specs:
    return load_specs([folder])


def _words(specs: Specs, slug: str, qid: str) -> str | None:
    step = specs.get(slug)
    assert step is not None
    q = step.question(qid)
    assert q is not None
    return shown_when(q, specs, step)


def test_conditions_in_words(extra_specs: Specs) -> None:
    gate = extra_specs.get("gate")
    assert gate is not None and gate.question("input_type") is not None
    inputs = gate.question("input_type")
    assert inputs is not None
    assert _words(extra_specs, "beta", "size") == "Flavour (Alpha chapter) is Sweet as honey"
    # A dotted name of the question's own step reads like a plain one.
    assert _words(extra_specs, "beta", "shape") == "Size is answered"
    assert _words(extra_specs, "beta", "input") == (
        f"{inputs.title} (gate) is {inputs.label_of('unstructured')}"
    )
    assert _words(extra_specs, "beta", "sugar") == "Flavour (Alpha chapter) is Sweet as honey"
    assert _words(extra_specs, "beta", "icing") == (
        "Flavour (Alpha chapter) is Sweet as honey, and Shape is not answered"
    )
    # Two tests of one question (the overlay's and the question's own) say what both allow.
    assert _words(extra_specs, "beta", "honey") == "Flavour (Alpha chapter) is Sweet as honey"
    assert _words(extra_specs, "beta", "notes") is None

    alpha = extra_specs.get("alpha")
    assert alpha is not None

    def said(**test: object) -> str:
        return in_words(Condition.model_validate(test), extra_specs, alpha)

    assert (
        said(question="flavour", **{"in": ["sweet", "sour"]}) == "Flavour is Sweet as honey or sour"
    )
    assert said(question="tried", **{"in": ["tried, good", "tried, bad", "no"]}) == (
        'Tried is "tried, good", "tried, bad" or "no"'
    )
    assert said(question="sizes", equals="large") == "Sizes includes large"
    assert said(question="vegan", equals=False) == "Vegan is no"
    assert said(question="colour", answered=False) == "Colour is not answered"


def test_specs_lists_overlays_in_words(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "240")  # table cells on one line each
    assert main(["specs", "--specs", str(folder), "beta"]) == 0
    out = " ".join(capsys.readouterr().out.split())  # rich wraps at the terminal's width
    assert "shown when Flavour (Alpha chapter) is Sweet as honey" in out
    assert "alpha.flavour" not in out and "'sweet'" not in out
    sugar = out[out.index("sugar text") :]
    assert sugar.startswith(
        "sugar text Sugar What about sugar? added by the overlay 'Sweet things' (o) "
        "shown only when Flavour (Alpha chapter) is Sweet as honey help:"
    )

    assert main(["specs", "--specs", str(folder)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Overlays" in out
    for bit in ("Sweet things", "Flavour (Alpha chapter) is Sweet as honey", "beta.sugar"):
        assert bit in out, bit

    assert main(["specs", "--specs", str(folder), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    overlays = [s for s in listed if s["kind"] == "overlay"]
    assert "o" in [o["slug"] for o in overlays]
    beta = next(s for s in listed if s["slug"] == "beta")
    sugar_entry = next(q for q in beta["questions"] if q["id"] == "sugar")
    assert sugar_entry["overlay"] == "o"
    assert sugar_entry["applies_to"] == {"question": "alpha.flavour", "equals": "sweet"}
    assert "overlay" not in next(q for q in beta["questions"] if q["id"] == "size")


def _document(tmp_path: Path, specs: Specs, flavour: str) -> Path:
    path = tmp_path / "design.toml"
    doc = new_document("Cakes", dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
    doc.chapters["alpha"].answers["flavour"] = flavour
    doc.chapters["beta"].answers["sugar"] = "Cane sugar, 40 g per cake."
    storage.create_document(path, doc, specs, "tester")
    return path


def test_the_draft_says_when_a_question_is_asked(tmp_path: Path, extra_specs: Specs) -> None:
    path = _document(tmp_path, extra_specs, "sweet")
    doc = storage.load_document(path, extra_specs)
    draft = render_markdown(doc, extra_specs, draft=True)
    assert "*Asked when Flavour (Alpha chapter) is Sweet as honey.*" in draft
    doc.chapters["alpha"].answers["flavour"] = "sour"
    draft = render_markdown(doc, extra_specs, draft=True)
    assert (
        "*Asked when Flavour (Alpha chapter) is Sweet as honey; that is no longer so, and the "
        "answer is kept.*"
    ) in draft
    assert "Cane sugar, 40 g per cake." in draft
    reader = render_markdown(doc, extra_specs)
    assert "Asked when" not in reader  # the reader's document reads as a document


def test_an_overlay_answer_outlives_its_overlay(
    tmp_path: Path, folder: Path, extra_specs: Specs, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sweet, then sour: the sugar answer stays, loads, shows, exports; check is quiet."""
    path = _document(tmp_path, extra_specs, "sweet")
    specs_args = ["--specs", str(folder)]
    assert main(["set", str(path), "alpha", "flavour", "sour", *specs_args]) == 0
    capsys.readouterr()
    doc = storage.load_document(path, extra_specs)
    assert doc.chapters["alpha"].answers["flavour"] == "sour"
    assert doc.chapters["beta"].answers["sugar"] == "Cane sugar, 40 g per cake."

    assert main(["show", str(path), "beta", *specs_args]) == 0
    assert "Cane sugar, 40 g per cake." in capsys.readouterr().out
    assert main(["export", str(path), *specs_args]) == 0
    exported = capsys.readouterr().out
    assert "#### Sugar" in exported and "Cane sugar, 40 g per cake." in exported
    code = main(["check", str(path), "--format", "json", *specs_args])
    out = capsys.readouterr().out
    assert "sugar" not in out, out
    assert code in (0, 1)  # other findings (an empty document) may be there


def test_a_draft_says_a_condition_once_a_chapter(specs: Specs) -> None:
    """qa9c #15: the example's draft said "Asked when Kind of system (1. Essentials) is not
    ..." 25 times, up to ten times in one chapter; then (qa10c #15) "Asked on the same
    condition as "Pipeline steps" above." about 20 times. Now each condition is said once a
    chapter, at its first question, naming the others it holds for."""
    draft = render_markdown(example_document(specs, EXAMPLE_AS_OF), specs, draft=True)
    assert "same condition" not in draft
    named = 0
    for section in draft.split("\n### ")[1:]:
        notes = [line for line in section.splitlines() if line.startswith("*Asked when ")]
        conditions = [line.split(". The same goes for ")[0] for line in notes]
        assert len(conditions) == len(set(conditions)), section.splitlines()[0]
        for line in notes:
            found = re.search(r"\. The same goes for (.+) below\.\*$", line)
            if found:
                titles = re.findall(r'"([^"]+)"', found[1])
                named += len(titles)
                after = section.split(line, 1)[1]
                assert all(f"#### {title}\n" in after for title in titles), titles
    assert named > 10
