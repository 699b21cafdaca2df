"""`mldwizard owners`: who owns what, and backup owners so every answered step has two.

The CLI is driven in-process; ``core.owners.suggest_backups`` is also checked as a property
against a brute force over small random documents.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mldwizard.cli import main
from mldwizard.core.document import Document, Person, new_document
from mldwizard.core.owners import MIN_OWNERS, suggest_backups
from mldwizard.core.progress import step_progress
from mldwizard.core.specs import Specs, load_specs

from .conftest import load

Run = Callable[..., str]


def cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def ok(capsys: pytest.CaptureFixture[str]) -> Run:
    def run(*args: object) -> str:
        code, out, err = cli(capsys, *args)
        assert code == 0, err
        return out

    return run


@pytest.fixture
def team(doc_path: Path, ok: Run) -> Path:
    """ana owns three steps (two alone), bo one, cy none; the gate is answered, unowned."""
    p = doc_path
    for handle in ("ana", "bo", "cy"):
        ok("person", p, handle)
    ok("set", p, "essentials", "summary", "Scores payments.", "--owner", "ana")
    ok("set", p, "problem", "risks", "Chargebacks.", "--owner", "ana")
    ok("set", p, "metrics", "business_metric", "Losses.", "--owner", "ana,bo")
    ok("set", p, "gate", "expert_rule", "partly")
    ok("set", p, "serving", "--owner", "cy")  # owned, not answered: counts as load only
    return p


ADD = re.compile(r"^add (\S+)\s+to (.+)$")


def additions(out: str, specs: Specs) -> list[tuple[str, str]]:
    labels = {s.label: s.slug for s in specs.steps}
    found = []
    for line in out.splitlines():
        match = ADD.match(line)
        if match:
            found.append((labels[match.group(2)], match.group(1)))
    return found


def answered(doc: Document, specs: Specs) -> list[str]:
    return [s.slug for s in specs.steps if step_progress(doc, s).answered > 0]


def test_owners_lists_who_owns_what(team: Path, ok: Run) -> None:
    out = ok("owners", team)
    lines = out.splitlines()
    assert len(lines) == 3
    assert re.match(r"^ana\s+3 step\(s\): essentials, problem, metrics$", lines[0])
    assert re.match(r"^bo\s+1 step\(s\): metrics$", lines[1])
    assert re.match(r"^cy\s+1 step\(s\): serving$", lines[2])


def test_suggest_prints_and_writes_nothing(team: Path, ok: Run, specs: Specs) -> None:
    before = team.read_bytes()
    out = ok("owners", team, "--suggest")
    added = additions(out, specs)
    assert sorted(slug for slug, _ in added) == ["essentials", "gate", "gate", "problem"]
    assert ("essentials", "ana") not in added and ("problem", "ana") not in added
    assert "cannot fill" not in out
    # ana already owns 3; the best plan gives nobody more than that.
    [summary] = [line for line in out.splitlines() if line.startswith("steps owned afterwards:")]
    assert summary.endswith("(most: 3)") and "ana 3" in summary
    assert team.read_bytes() == before
    assert ok("owners", team, "--suggest") == out  # same document, same suggestion


def test_suggest_apply(team: Path, ok: Run, specs: Specs) -> None:
    before = load(team, specs)
    out = ok("owners", team, "--suggest", "--apply")
    assert f"Saved {team}." in out
    added = additions(out, specs)
    after = load(team, specs)
    for slug in answered(after, specs):
        owners = after.step(slug).owners
        assert len(owners) >= MIN_OWNERS and len(set(owners)) == len(owners), slug
    for slug in [s.slug for s in specs.steps]:
        old, new = before.step(slug), after.step(slug)
        expected = old.owners + [h for s, h in added if s == slug]
        assert new.owners == expected, slug
        assert (new.revision, new.updated, new.status) == (old.revision, old.updated, old.status)
    new_entries = after.changelog[len(before.changelog) :]
    assert new_entries and all(e.by == "tester" for e in new_entries)
    assert {e.chapter for e in new_entries} == {"essentials", "problem", "gate"}
    assert all("owners" in e.summary for e in new_entries)
    out = ok("owners", team, "--suggest")
    assert out.strip() == "Every answered step already has at least two owners."


def test_apply_takes_the_author(team: Path, ok: Run, specs: Specs) -> None:
    ok("owners", team, "--suggest", "--apply", "--author", "bo")
    assert load(team, specs).changelog[-1].by == "bo"


@pytest.fixture
def overloaded(doc_path: Path, ok: Run) -> Path:
    """ana alone owns four answered steps; bo and cy own nothing."""
    for handle in ("ana", "bo", "cy"):
        ok("person", doc_path, handle)
    for chapter, question in (
        ("essentials", "summary"),
        ("problem", "risks"),
        ("research", "decomposition"),
        ("metrics", "business_metric"),
    ):
        ok("set", doc_path, chapter, question, "Something.", "--owner", "ana")
    return doc_path


def test_max_load_is_respected_and_the_rest_reported(
    overloaded: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    code, out, _ = cli(capsys, "owners", overloaded, "--suggest")
    assert code == 0 and len(additions(out, specs)) == 4 and "cannot fill" not in out

    code, out, _ = cli(capsys, "owners", overloaded, "--suggest", "--max-load", "1")
    assert code == 1
    added = additions(out, specs)
    assert sorted(h for _, h in added) == ["bo", "cy"]  # one step each, no more
    unfilled = [line for line in out.splitlines() if line.startswith("cannot fill")]
    assert len(unfilled) == 2
    assert all("cannot fill 1 owner place(s) of " in u for u in unfilled)
    assert all(u.endswith("not enough people under --max-load") for u in unfilled)
    assert "bo 1" in out and "cy 1" in out and "(most: 4)" in out  # ana already had 4

    before = overloaded.read_bytes()
    code, out, _ = cli(capsys, "owners", overloaded, "--suggest", "--max-load", "2", "--apply")
    assert code == 0 and "cannot fill" not in out  # two each for bo and cy is enough
    doc = load(overloaded, specs)
    loads = {h: sum(h in doc.step(s.slug).owners for s in specs.steps) for h in ("bo", "cy")}
    assert loads == {"bo": 2, "cy": 2}
    assert overloaded.read_bytes() != before


def test_max_load_with_apply_writes_what_fits(
    overloaded: Path, capsys: pytest.CaptureFixture[str], specs: Specs
) -> None:
    code, out, _ = cli(capsys, "owners", overloaded, "--suggest", "--max-load", "1", "--apply")
    assert code == 1 and f"Saved {overloaded}." in out
    doc = load(overloaded, specs)
    assert sorted(len(doc.step(s).owners) for s in answered(doc, specs)) == [1, 1, 2, 2]


def test_not_enough_people(doc_path: Path, ok: Run, capsys: pytest.CaptureFixture[str]) -> None:
    ok("set", doc_path, "essentials", "summary", "Scores payments.")  # nobody at all
    code, out, _ = cli(capsys, "owners", doc_path, "--suggest")
    assert code == 1
    assert "cannot fill 2 owner place(s) of 1. Essentials: not enough people\n" in out
    ok("person", doc_path, "ana")
    ok("set", doc_path, "essentials", "--owner", "ana")
    before = doc_path.read_bytes()
    code, out, _ = cli(capsys, "owners", doc_path, "--suggest", "--apply")
    assert code == 1
    assert "cannot fill 1 owner place(s) of 1. Essentials: not enough people\n" in out
    assert "add " not in out
    assert doc_path.read_bytes() == before  # nothing to add: the file is left alone


def test_nothing_to_suggest(doc_path: Path, ok: Run) -> None:
    out = ok("owners", doc_path, "--suggest")  # nothing answered
    assert out.strip() == "Every answered step already has at least two owners."


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--apply"], "--apply goes with --suggest"),
        (["--suggest", "--max-load", "0"], "--max-load must be at least 1"),
    ],
)
def test_owners_usage_errors(
    team: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = team.read_bytes()
    code, _, err = cli(capsys, "owners", team, *args)
    assert code == 2 and message in err
    assert team.read_bytes() == before


# ---- suggest_backups as a property -------------------------------------------------------

SPECS = load_specs()
CHAPTERS = [s for s in SPECS.chapters]


def _free_text_question(slug: str) -> str:
    spec = SPECS.resolve(slug)
    return next(q.id for q in spec.questions if q.kind in ("text", "long_text") and not q.when)


ANSWERABLE = {s.slug: _free_text_question(s.slug) for s in CHAPTERS}


@st.composite
def documents(draw: st.DrawFn) -> Document:
    handles = [f"p{i}" for i in range(draw(st.integers(2, 5)))]
    slugs = list(ANSWERABLE)
    chosen = draw(st.lists(st.sampled_from(slugs), min_size=1, max_size=6, unique=True))
    idle = draw(
        st.lists(st.sampled_from([s for s in slugs if s not in chosen]), max_size=3, unique=True)
    )
    doc = new_document("Random", dt.date(2026, 11, 1), slugs)
    doc.people = [Person(handle=h) for h in draw(st.permutations(handles))]
    for slug in chosen:
        doc.chapters[slug].answers[ANSWERABLE[slug]] = "An answer."
        doc.chapters[slug].owners = draw(
            st.lists(st.sampled_from(handles), max_size=3, unique=True)
        )
    for slug in idle:  # owned but unanswered: load, yet nothing to fill
        doc.chapters[slug].owners = draw(
            st.lists(st.sampled_from(handles), min_size=1, max_size=2, unique=True)
        )
    return doc


def _loads(doc: Document) -> dict[str, int]:
    return {
        p.handle: sum(p.handle in doc.step(s.slug).owners for s in SPECS.steps) for p in doc.people
    }


def _options(doc: Document, sizes: Callable[[int], range]) -> list[list[tuple[int, ...]]]:
    handles = [p.handle for p in doc.people]
    out = []
    for slug in answered(doc, SPECS):
        owners = doc.step(slug).owners
        need = max(0, MIN_OWNERS - len(owners))
        free = [i for i, h in enumerate(handles) if h not in owners]
        out.append(
            [c for k in sizes(min(need, len(free))) for c in itertools.combinations(free, k)]
        )
    return out


def brute_min_max_load(doc: Document) -> int:
    """Every way of adding all the missing owners; the smallest heaviest load."""
    options = _options(doc, lambda k: range(k, k + 1))
    start = tuple(_loads(doc)[p.handle] for p in doc.people)

    @cache
    def best(i: int, loads: tuple[int, ...]) -> int:
        if i == len(options):
            return max(loads)
        results = []
        for combo in options[i]:
            new = list(loads)
            for j in combo:
                new[j] += 1
            results.append(best(i + 1, tuple(new)))
        return min(results)

    return best(0, start)


def brute_max_placed(doc: Document, cap: int) -> int:
    """The most owner places that can be filled when nobody may go above ``cap``."""
    options = _options(doc, lambda k: range(k + 1))
    start = tuple(_loads(doc)[p.handle] for p in doc.people)

    @cache
    def most(i: int, loads: tuple[int, ...]) -> int:
        if i == len(options):
            return 0
        results = []
        for combo in options[i]:
            new = list(loads)
            for j in combo:
                new[j] += 1
            if all(new[j] <= cap for j in combo):
                results.append(len(combo) + most(i + 1, tuple(new)))
        return max(results)

    return most(0, start)


def _apply(doc: Document, adds: list[tuple[str, str]]) -> Document:
    after = doc.model_copy(deep=True)
    for slug, handle in adds:
        after.step(slug).owners = [*after.step(slug).owners, handle]
    return after


PROPERTY = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(doc=documents())
def test_suggest_backups_is_complete_minimal_and_deterministic(doc: Document) -> None:
    original = doc.model_copy(deep=True)
    result = suggest_backups(doc, SPECS)
    steps = answered(original, SPECS)
    n_people = len(original.people)

    assert result.unfilled == {}
    assert len(set(result.additions)) == len(result.additions)  # nobody added twice
    handles = {p.handle for p in original.people}
    for slug, handle in result.additions:
        assert slug in steps and handle in handles
        assert handle not in original.step(slug).owners  # never where already an owner
    assert [s for s, _ in result.additions] == sorted(
        (s for s, _ in result.additions), key=[x.slug for x in SPECS.steps].index
    )  # in step order

    after = _apply(original, result.additions)
    for slug in steps:
        before_owners = original.step(slug).owners
        assert len(after.step(slug).owners) == max(len(before_owners), min(2, n_people)), slug
    assert result.loads == _loads(after)
    assert result.max_load == max(_loads(after).values())
    assert result.max_load == brute_min_max_load(original)

    again = suggest_backups(original.model_copy(deep=True), SPECS)
    assert (again.additions, again.unfilled, again.loads) == (
        result.additions,
        result.unfilled,
        result.loads,
    )


@PROPERTY
@given(doc=documents(), cap=st.integers(1, 4))
def test_suggest_backups_under_a_max_load(doc: Document, cap: int) -> None:
    original = doc.model_copy(deep=True)
    result = suggest_backups(doc, SPECS, max_load=cap)
    before = _loads(original)
    after = _loads(_apply(original, result.additions))
    for handle in {h for _, h in result.additions}:
        assert after[handle] <= cap, (handle, before[handle], after[handle])
    needed = sum(
        max(0, MIN_OWNERS - len(original.step(s).owners)) for s in answered(original, SPECS)
    )
    placed = len(result.additions)
    assert placed + sum(result.unfilled.values()) == needed
    assert placed == brute_max_placed(original, cap)  # as many as the cap allows
