"""The overlay for systems built on a language model (chapter_specs/llm-systems.toml).

Its questions join the chapters they belong to, before the chapter's notes, and are shown
only when Essentials' "Kind of system" is a language-model kind; retrieval questions only for
systems with retrieval, tool questions only for agents. Checked on the loaded built-in specs,
on documents (the bundled classic example, the test document ``tests/data/llm-router.toml``)
and through the command line.
"""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from mldwizard.cli import main
from mldwizard.core.context import StepAnswers
from mldwizard.core.document import Document
from mldwizard.core.examples import example_path
from mldwizard.core.specs import NOTES_ID, Specs, builtin_specs_dir
from mldwizard.core.storage import load_document

OVERLAY_FILE = builtin_specs_dir() / "llm-systems.toml"
LLM_ROUTER = Path(__file__).parent / "data" / "llm-router.toml"

RETRIEVAL_ONLY = {
    "metrics.retrieval_quality",
    "error-analysis.retrieval_findings",
    "training-pipeline.index_pipeline",
}
AGENT_ONLY = {"integration.tool_permissions"}


def _overlay() -> dict[str, Any]:
    with OVERLAY_FILE.open("rb") as f:
        return tomllib.load(f)


def _overlay_refs() -> list[str]:
    """'chapter.question_id' of every overlay question, read from the file itself."""
    return [f"{q['chapter']}.{q['id']}" for q in _overlay()["questions"]]


def _visible(doc: Document, specs: Specs) -> set[str]:
    """Every question shown anywhere in the document, as 'chapter.question_id'."""
    return {
        f"{step.slug}.{q.id}"
        for step in specs.chapters
        for q in step.questions
        if q.visible(StepAnswers(doc, step.slug))  # at any stage: later ones are shown too
    }


def _with_kind(kind: str, specs: Specs) -> Document:
    doc = load_document(example_path(), specs)
    doc.chapters["essentials"].answers["system_kind"] = kind
    return doc


def test_the_overlay_is_a_file_of_questions_for_language_model_systems() -> None:
    data = _overlay()
    assert data["slug"] == "llm-systems" and data["kind"] == "overlay"
    assert data["applies_to"] == {
        "question": "essentials.system_kind",
        "in": ["llm", "rag", "agent"],
    }
    refs = _overlay_refs()
    assert 10 <= len(refs) <= 18, len(refs)
    assert set(refs) >= RETRIEVAL_ONLY | AGENT_ONLY


def test_every_overlay_question_joins_its_chapter_before_the_notes(specs: Specs) -> None:
    assert specs.get("llm-systems") is None, "an overlay is not a step of the wizard"
    for ref in _overlay_refs():
        slug, _, qid = ref.partition(".")
        step = specs.get(slug)
        assert step is not None and step.kind == "chapter", ref
        question = step.question(qid)
        assert question is not None, ref
        assert question.applies_to is not None, ref
        assert question.applies_to.question == "essentials.system_kind", ref
        ids = [q.id for q in step.questions]
        assert ids[-1] == NOTES_ID, ref
        own = [i for i, q in enumerate(step.questions) if q.applies_to is None and not q.is_notes]
        assert max(own) < ids.index(qid) < ids.index(NOTES_ID), ref
        assert 2 <= len(question.asks) <= 5, ref


def test_a_classic_system_shows_none_of_them(specs: Specs) -> None:
    doc = load_document(example_path(), specs)
    assert doc.chapters["essentials"].answers["system_kind"] == "classic"
    assert _visible(doc, specs) & set(_overlay_refs()) == set()


@pytest.mark.parametrize(
    ("kind", "hidden"),
    [
        ("llm", RETRIEVAL_ONLY | AGENT_ONLY),
        ("rag", AGENT_ONLY),
        ("agent", RETRIEVAL_ONLY),  # an agent's search tool is measured with its tools
    ],
)
def test_a_language_model_system_shows_the_questions_for_its_kind(
    specs: Specs, kind: str, hidden: set[str]
) -> None:
    overlay = set(_overlay_refs())
    shown = _visible(_with_kind(kind, specs), specs) & overlay
    assert shown == overlay - hidden


def test_the_test_document_with_retrieval_shows_the_retrieval_but_not_the_agent_questions(
    specs: Specs,
) -> None:
    doc = load_document(LLM_ROUTER, specs)
    assert doc.chapters["essentials"].answers["system_kind"] == "rag"
    shown = _visible(doc, specs)
    assert shown >= RETRIEVAL_ONLY
    assert AGENT_ONLY & shown == set()
    answered = {
        f"{slug}.{qid}" for slug, state in doc.chapters.items() for qid in state.answers
    } & set(_overlay_refs())
    assert len(answered) >= 5, answered


def test_results_are_asked_once_a_prototype_exists_and_plans_at_design(specs: Specs) -> None:
    """An honest author at design time plans the evaluation and the red-teaming; the
    results are asked (and required) only once there is something to measure."""

    def question(ref: str) -> Any:
        slug, _, qid = ref.partition(".")
        step = specs.get(slug)
        assert step is not None
        return step.question(qid)

    for plan in ("validation.llm_eval_set", "error-analysis.red_team_plan"):
        assert question(plan).required_at("design"), plan
    for result, plan in [
        ("error-analysis.llm_eval_findings", "validation.llm_eval_set"),
        ("error-analysis.retrieval_findings", "metrics.retrieval_quality"),
        ("error-analysis.red_team_findings", "error-analysis.red_team_plan"),
    ]:
        q = question(result)
        assert not q.asked_at("design") and not q.required_at("design"), result
        assert q.required_at("pilot"), result
        assert q.builds_on == plan, result


def test_specs_lists_the_overlay_questions_in_their_chapter(
    capsys: pytest.CaptureFixture[str],
) -> None:
    by_chapter: dict[str, list[str]] = {}
    for ref in _overlay_refs():
        slug, _, qid = ref.partition(".")
        by_chapter.setdefault(slug, []).append(qid)
    titles = {q["id"]: q["title"] for q in _overlay()["questions"]}
    for slug, qids in by_chapter.items():
        assert main(["specs", slug]) == 0
        out = capsys.readouterr().out
        for qid in qids:
            assert qid in out, (slug, qid)
            assert " ".join(titles[qid].split()) in " ".join(out.split()), (slug, qid)
        assert main(["specs", slug, "--format", "json"]) == 0
        (step,) = json.loads(capsys.readouterr().out)
        listed = [q["id"] for q in step["questions"]]
        assert set(qids) <= set(listed), slug
        assert listed[-1] == NOTES_ID


def test_show_prints_the_test_documents_overlay_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "llm-router.toml"
    shutil.copyfile(LLM_ROUTER, path)
    assert main(["show", str(path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    for title in ("Scoring of model answers", "Grounding and refusal", "Cost of model requests"):
        assert title in out
    assert "Tool permissions" not in out
    assert "EUR 290" in out
