"""A review session in a workshop, below the screen: ``workshop --review`` refuses a bad
chapter or reviewer with exit 2 before any view opens; a mark recorded by the session is
the mark ``mldwizard review --item ID --mark`` records; the workshop entry notes the
session, ``workshop --summary`` shows it, and a workshop written before sessions existed
still loads."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from mldwizard.core import storage, workshop_review, workshops
from mldwizard.core.errors import UsageError

from .cli_run import cli
from .review_docs import AT, load, make_reviewable


@pytest.fixture
def doc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = make_reviewable(tmp_path)
    capsys.readouterr()
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--review", "nope", "--by", "bo"), "no chapter 'nope'; choose one of:"),
        (("--review", "beta", "--by", "zed"), "--by 'zed' is not among the document's people"),
        # The author (MLDWIZARD_AUTHOR=tester) is not among the people: a reviewer is named.
        (("--review", "beta"), "--review needs a reviewer of record: --by HANDLE"),
        (("--by", "bo"), "--by goes with --review CHAPTER"),
        (("--review", "beta", "--by", "bo", "--steps", "1"), "it takes no --steps"),
        (("--review", "beta", "--by", "bo", "--summary"), "it takes no --review"),
        # alpha's spec has no review items: nothing for the room to walk.
        (("--review", "alpha", "--by", "bo"), "Alpha chapter has no review items for the room"),
    ],
)
def test_bad_chapter_or_person_is_a_clear_error(
    doc: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    before = doc.read_bytes()
    code, out, err = cli(capsys, "workshop", doc, *args)
    assert code == 2, (out, err)
    assert message in err
    assert "Traceback" not in err
    assert doc.read_bytes() == before


def test_only_later_items_say_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .review_docs import BETA, item

    path = make_reviewable(tmp_path, beta=BETA + item("proven", "critical", 'from_stage = "pilot"'))
    capsys.readouterr()
    code, _, err = cli(capsys, "workshop", path, "--review", "beta", "--by", "bo")
    assert code == 2
    assert "its 1 review item(s) apply from a later stage" in err


def test_a_good_request_needs_a_terminal_only_then(
    doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Checked and fine, it goes as far as opening the view (pytest has no terminal)."""
    code, _, err = cli(capsys, "workshop", doc, "--review", "beta", "--by", "bo")
    assert code == 2
    assert "needs a terminal" in err


def test_the_session_marks_as_the_review_command_does(
    doc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    twin = tmp_path / "twin.toml"
    shutil.copy(doc, twin)
    code, _, err = cli(
        capsys, "review", twin, "beta", "--by", "bo", "--item", "sized", "--mark", "partial"
    )
    assert code == 0, err
    _, specs = load(doc)
    step = specs.resolve("beta")
    planned = workshops.plan_workshop(load(doc)[0], dt.date(2026, 11, 30), [step], 15, None)

    def change(d):  # type: ignore[no-untyped-def]
        workshops.hold_workshop(d, planned)
        workshop_review.record_mark(d, planned.id, step, "bo", AT, "sized", "partial")

    storage.update_document(doc, specs, "bo", change)
    ours, theirs = load(doc)[0].step("beta").review, load(twin)[0].step("beta").review
    assert ours.marks["sized"].model_dump(exclude={"at"}) == theirs.marks["sized"].model_dump(
        exclude={"at"}
    )
    assert [(r.by, r.revision) for r in ours.rounds] == [(r.by, r.revision) for r in theirs.rounds]
    entry = load(doc)[0].workshops[0].reviews[0]
    assert (entry.step, entry.by, entry.marks) == ("beta", "bo", {"sized": "partial"})


def test_rules_stay_the_cores(doc: Path) -> None:
    """Not applicable without a reason, a comment without text: refused by the core."""
    d, specs = load(doc)
    step = specs.resolve("beta")
    w = workshops.start_workshop(d, dt.date(2026, 11, 30), [step], 15, None)
    with pytest.raises(UsageError, match="not-applicable needs a reason"):
        workshop_review.record_mark(d, w.id, step, "bo", AT, "tidy", "not-applicable", " ")
    with pytest.raises(UsageError, match="a comment needs text"):
        workshop_review.record_comment(d, w.id, step, "bo", AT, "tidy", "")
    assert w.reviews == [] and workshops.is_empty(w)


def test_summary_lists_the_session_and_old_workshops_load(
    doc: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, specs = load(doc)
    step = specs.resolve("beta")
    # A workshop as documents held it before review sessions: no `reviews` key.
    old = doc.read_text(encoding="utf-8") + (
        '\n[[workshops]]\nid = "2026-11-02"\ndate = 2026-11-02\nsteps = ["alpha"]\n'
        'attendees = ["ana"]\n'
    )
    doc.write_text(old, encoding="utf-8")
    assert load(doc)[0].workshops[0].reviews == []

    def change(d):  # type: ignore[no-untyped-def]
        w = workshops.start_workshop(d, dt.date(2026, 11, 30), [step], 15, "ana")
        workshop_review.record_mark(d, w.id, step, "bo", AT, "sized", "met")
        workshop_review.record_mark(d, w.id, step, "bo", AT, "tidy", "not-applicable", "Later")
        workshop_review.record_comment(d, w.id, step, "bo", AT, "shaped", "Which shape?")

    storage.update_document(doc, specs, "ana", change)
    code, out, err = cli(capsys, "workshop", doc, "--summary")
    assert code == 0, err
    assert "### Reviews" in out
    revision = load(doc)[0].step("beta").revision  # the session began at it
    assert (
        f"- Beta chapter (reviewer Bo, revision {revision}): marked `sized` met, "
        "`tidy` not applicable; comments #1 (Which shape?)"  # its text (QA 14b #10)
    ) in out
    # In the document's Markdown too, as every workshop is.
    assert "`sized` met" in doc.with_suffix(".md").read_text(encoding="utf-8")


def test_progress_line_counts_the_marks(doc: Path) -> None:
    d, specs = load(doc)
    step = specs.resolve("beta")
    assert workshop_review.progress_line(d, step, 0) == "Item 1 of 3 · 3 not marked"
    w = workshops.start_workshop(d, dt.date(2026, 11, 30), [step], 15, None)
    workshop_review.record_mark(d, w.id, step, "bo", AT, "sized", "met")
    workshop_review.record_mark(d, w.id, step, "bo", AT, "shaped", "not-met")
    assert workshop_review.progress_line(d, step, 2) == (
        "Item 3 of 3 · 1 met · 1 not met · 1 not marked"
    )
    assert workshop_review.progress_line(d, step, None).startswith("Summary · 1 met")


def test_a_session_on_a_later_day_is_todays_review_round(
    doc: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """QA 14b #8: bo had reviewed this revision weeks ago; the workshop's marks today left
    the Markdown's "Reviewed by ... on DATE" at the old day."""
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-10-21T09:00:00Z")
    code, _, err = cli(
        capsys, "review", doc, "beta", "--by", "bo", "--item", "tidy", "--mark", "met"
    )
    assert code == 0, err
    md = doc.with_suffix(".md")
    assert "Reviewed by Bo on 2026-10-21" in md.read_text(encoding="utf-8")
    _, specs = load(doc)
    step = specs.resolve("beta")
    today = dt.datetime(2026, 12, 6, 15, 0, tzinfo=dt.UTC)
    planned = workshops.plan_workshop(load(doc)[0], today.date(), [step], 15, None)

    def change(d):  # type: ignore[no-untyped-def]
        workshops.hold_workshop(d, planned)
        workshop_review.record_mark(d, planned.id, step, "bo", today, "sized", "partial")

    storage.update_document(doc, specs, "bo", change)
    beta = load(doc)[0].step("beta")
    assert [(r.by, r.at.date().isoformat()) for r in beta.review.rounds] == [
        ("bo", "2026-10-21"),
        ("bo", "2026-12-06"),
    ]
    assert "Reviewed by Bo on 2026-12-06" in md.read_text(encoding="utf-8")
    # A second look the same day is the same round.
    storage.update_document(
        doc,
        specs,
        "bo",
        lambda d: workshop_review.record_mark(d, planned.id, step, "bo", today, "tidy", "met"),
    )
    assert len(load(doc)[0].step("beta").review.rounds) == 2


def test_a_stage_gate_says_how_it_is_decided_instead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA 14b #14: "nothing to review at the prototype stage: its spec has no [[review]]
    items" mixed the stage with the spec's jargon, for a step that never has review items."""
    from mldwizard.core.examples import example_path

    path = tmp_path / "ex.toml"
    shutil.copy(example_path(), path)
    args = ("workshop", path, "--review", "stage-gate-production", "--by", "devika")
    code, _, err = cli(capsys, *args)
    assert code == 2
    assert err.strip() == (
        "mldwizard: Stage gate: pilot to production has no review items for the room to walk: "
        "a stage gate is decided by marking its own items (in the wizard, or `mldwizard "
        "workshop PATH --steps stage-gate-production`), and approved with `mldwizard review "
        "PATH stage-gate-production --by HANDLE --approve`"
    )
