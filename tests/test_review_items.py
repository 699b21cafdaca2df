"""The built-in review items (``[[review]]`` in chapter_specs) follow the content rules of
issue 14: about 80 to 100 checks, each a sentence a reviewer can tick, at least three per
step with at least one (and at most two) critical, every dimension covered, LLM checks only
in the overlay, and never asked before the answers they look at exist. Parametrised per
step, so a failure names the chapter."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from mldwizard.core.review_spec import DIMENSIONS, ReviewItem
from mldwizard.core.specs import Question, Specs, StepSpec, load_specs
from mldwizard.core.stages import stage_index

SPECS = load_specs()
REVIEWED_KINDS = ("chapter", "gate", "feasibility")
"""The steps that carry review items: the chapters, the gate and the feasibility checklist."""
STEPS = [s for s in SPECS.steps if s.kind in REVIEWED_KINDS]
ALL_ITEMS = [(step, item) for step in STEPS for item in step.review]
ITEMS = [pytest.param(step, item, id=f"{step.slug}.{item.id}") for step, item in ALL_ITEMS]
BY_STEP = [pytest.param(step, id=step.slug) for step in STEPS]

ITEM_COUNT = (80, 100)
CRITICAL_PER_STEP = (1, 2)
FIX_MAX_WORDS = 25

NOT_IMPERATIVE = {
    "a", "an", "the", "this", "that", "it", "its", "we", "you", "they", "there", "each",
    "every", "all", "no", "not", "should", "must", "may", "can", "could", "would", "will",
    "maybe", "perhaps", "consider", "try", "please",
}  # fmt: skip
"""First words that show a fix is a statement or a suggestion, not an instruction."""


def own_items(step: StepSpec) -> list[ReviewItem]:
    """The step's own items, without those an overlay adds when it applies."""
    return [r for r in step.review if r.applies_to is None]


def sentence_problems(text: str) -> list[str]:
    """Why ``text`` is not one declarative sentence a reviewer can tick ([] if it is)."""
    problems = []
    if "?" in text:
        problems.append("asks a question")
    if not text.endswith("."):
        problems.append("does not end with a full stop")
    if re.search(r"[.!?;]\s", text):
        problems.append("more than one sentence")
    if not text[:1].isupper():
        problems.append("does not start with a capital letter")
    if text != " ".join(text.split()):
        problems.append("has a line break or a double space")
    return problems


def fix_problems(fix: str) -> list[str]:
    """Why ``fix`` is not a short instruction to the author ([] if it is)."""
    problems = sentence_problems(fix)
    first = fix.split()[0].strip(",:").lower() if fix.split() else ""
    if first in NOT_IMPERATIVE:
        problems.append(f"starts with {first!r}, not a verb telling the author what to do")
    elif first.endswith("s") and not first.endswith("ss"):
        problems.append(f"starts with {first!r}: a description, not an instruction")
    if len(fix.split()) > FIX_MAX_WORDS:
        problems.append(f"{len(fix.split())} words, more than {FIX_MAX_WORDS}")
    return problems


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Is the business metric tracked by someone?", "asks a question"),
        ("The metric is tracked", "does not end with a full stop"),
        ("The metric is tracked. Its owner is named.", "more than one sentence"),
        ("The metric is tracked; the owner is named.", "more than one sentence"),
        ("the metric is tracked.", "does not start with a capital letter"),
        ("The metric is\ntracked.", "has a line break or a double space"),
    ],
)
def test_the_sentence_check_catches_what_it_is_for(text: str, problem: str) -> None:
    assert problem in sentence_problems(text)
    assert sentence_problems("One named person (not a team) decides, with a date.") == []


@pytest.mark.parametrize(
    ("fix", "problem"),
    [
        ("The team should name the owner.", "starts with 'the'"),
        ("You could name the owner.", "starts with 'you'"),
        ("Names the owner of the metric.", "starts with 'names'"),
        ("Consider naming an owner.", "starts with 'consider'"),
        ("Name " + "the owner " * 13 + "now.", "words, more than"),
    ],
)
def test_the_fix_check_catches_what_it_is_for(fix: str, problem: str) -> None:
    assert any(problem in p for p in fix_problems(fix)), fix_problems(fix)
    assert fix_problems("Address each gap and pass the test.") == []


def test_the_number_of_items_is_in_range() -> None:
    low, high = ITEM_COUNT
    assert low <= len(ALL_ITEMS) <= high, len(ALL_ITEMS)
    from_overlays = sum(len(o.review) for o in SPECS.overlays)
    assert from_overlays >= 8, from_overlays
    assert sum(1 for _, item in ALL_ITEMS if item.applies_to is not None) == from_overlays


def test_the_sixteen_chapters_the_gate_and_the_checklist_are_reviewed() -> None:
    assert len(SPECS.chapters) == 16
    assert {s.kind for s in STEPS} == set(REVIEWED_KINDS)


@pytest.mark.parametrize("step", BY_STEP)
def test_every_step_has_three_items_and_one_or_two_critical(step: StepSpec) -> None:
    own = own_items(step)
    assert len(own) >= 3, [r.id for r in own]
    critical = [r.id for r in own if r.severity == "critical"]
    low, high = CRITICAL_PER_STEP
    assert low <= len(critical) <= high, critical


def test_every_dimension_has_items_and_every_severity_is_used() -> None:
    per_dimension = Counter(item.dimension for _, item in ALL_ITEMS)
    thin = {d: per_dimension[d] for d in DIMENSIONS if per_dimension[d] < 3}
    assert not thin, f"dimensions with fewer than 3 items: {thin}"
    per_severity = Counter(item.severity for _, item in ALL_ITEMS)
    assert per_severity["major"] > per_severity["critical"] > 0, per_severity
    assert per_severity["minor"] >= 5, per_severity


def test_modern_ai_items_come_only_from_the_overlay() -> None:
    for overlay in SPECS.overlays:
        for item in overlay.review:
            assert item.dimension == "modern-ai", f"{overlay.slug}.{item.id}"
    for step, item in ALL_ITEMS:
        from_overlay = item.applies_to is not None
        assert (item.dimension == "modern-ai") == from_overlay, f"{step.slug}.{item.id}"


SYSTEM_KIND = "essentials.system_kind"
SYSTEM_KINDS = ["classic", "llm", "rag", "agent"]


def applies_for_kind(step: StepSpec, item: ReviewItem, kind: str) -> bool:
    """Whether ``item`` applies to a system of ``kind``, under the rule the items are written
    for: an overlay's item applies when the overlay does, and an item that names questions of
    its own step applies only when at least one of them is asked (a classic model's training
    pipeline is not reviewed on a prompted model). Other conditions are taken as possibly
    holding."""
    answers = {SYSTEM_KIND: kind}
    if item.applies_to is not None and not item.applies_to.holds(answers):
        return False
    own = [_question(SPECS, step, q) for q in item.questions if "." not in q]
    asked = [
        q for q in own if q.when is None or q.when.question != SYSTEM_KIND or q.when.holds(answers)
    ]
    return not own or bool(asked)


def test_the_system_kinds_are_the_ones_the_essentials_offer() -> None:
    question = _question(SPECS, STEPS[0], SYSTEM_KIND)
    assert question.choices == SYSTEM_KINDS


@pytest.mark.parametrize("kind", SYSTEM_KINDS)
@pytest.mark.parametrize("step", BY_STEP)
def test_every_kind_of_system_meets_a_critical_item_in_every_step(
    step: StepSpec, kind: str
) -> None:
    applying = [r for r in step.review if applies_for_kind(step, r, kind)]
    assert len(applying) >= 2, [r.id for r in applying]
    assert any(r.severity == "critical" for r in applying), [r.id for r in applying]


def test_items_about_a_classic_model_do_not_apply_to_a_prompted_one() -> None:
    """The rule above is what keeps the LLM review free of checks nobody can answer."""
    features = SPECS.get("features")
    assert features is not None
    skew = next(r for r in features.review if r.id == "point_in_time_joins")
    assert applies_for_kind(features, skew, "classic")
    assert not applies_for_kind(features, skew, "llm")
    context = next(r for r in features.review if r.id == "context_same_in_evaluation")
    assert applies_for_kind(features, context, "llm")
    assert not applies_for_kind(features, context, "classic")


@pytest.mark.parametrize(("step", "item"), ITEMS)
def test_an_overlay_item_looks_at_an_answer_the_overlay_asks(
    step: StepSpec, item: ReviewItem
) -> None:
    if item.applies_to is None:
        return
    added = [q for q in item.questions if "." not in q and _question(SPECS, step, q).applies_to]
    assert added, f"{item.questions} are all the chapter's own questions"


@pytest.mark.parametrize(("step", "item"), ITEMS)
def test_the_text_is_one_sentence_a_reviewer_can_tick(step: StepSpec, item: ReviewItem) -> None:
    assert sentence_problems(item.text) == [], item.text


@pytest.mark.parametrize(("step", "item"), ITEMS)
def test_the_fix_is_a_short_instruction(step: StepSpec, item: ReviewItem) -> None:
    assert fix_problems(item.fix) == [], item.fix
    assert item.fix != item.text


def test_ids_are_unique_across_all_steps() -> None:
    seen = Counter(item.id for _, item in ALL_ITEMS)
    assert [i for i, n in seen.items() if n > 1] == []


def test_no_two_items_say_the_same_thing() -> None:
    def norm(text: str) -> str:
        return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())

    texts = Counter(norm(item.text) for _, item in ALL_ITEMS)
    assert [t for t, n in texts.items() if n > 1] == []
    fixes = Counter(norm(item.fix) for _, item in ALL_ITEMS)
    assert [t for t, n in fixes.items() if n > 1] == []


@pytest.mark.parametrize(("step", "item"), ITEMS)
def test_an_item_names_the_answers_it_looks_at(step: StepSpec, item: ReviewItem) -> None:
    """Only a step without questions of its own (the checklist) has items about the whole
    step; everywhere else an item names at least one answer, each once."""
    if step.questions:
        assert item.questions, "names no question"
    assert len(set(item.questions)) == len(item.questions), item.questions
    assert "notes" not in item.questions, "'Other notes' is free-form: not a check's evidence"


@pytest.mark.parametrize(("step", "item"), ITEMS)
def test_an_item_is_never_asked_before_the_answers_it_looks_at(
    step: StepSpec, item: ReviewItem
) -> None:
    latest = max(
        (_question(SPECS, step, ref).from_stage for ref in item.questions),
        key=stage_index,
        default="design",
    )
    assert stage_index(item.from_stage) >= stage_index(latest), (
        f"from_stage {item.from_stage!r}, but it looks at answers asked from {latest!r}"
    )


def _question(specs: Specs, step: StepSpec, ref: str) -> Question:
    slug, dot, qid = ref.partition(".")
    target = specs.get(slug) if dot else step
    question = target.question(qid if dot else ref) if target is not None else None
    assert question is not None, ref
    return question
