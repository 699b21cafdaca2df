"""``mldwizard review PATH CHAPTER --by H`` decides between the review screen and the
headless checklist: only with no action, at a terminal; a wrong chapter or person is
refused the same way at a terminal as without one. Also what the core lets each person do
to a thread (what the screen offers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mldwizard.cli import review_cmd
from mldwizard.core import review
from mldwizard.core.identity import now

from .review_docs import cli, load, make_reviewable


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str | None]]:
    """A terminal, and the wizard it would open (its step and reviewer) recorded."""
    calls: list[tuple[str, str | None]] = []

    def fake_open(path, specs, author, only, **kw):  # type: ignore[no-untyped-def]
        calls.append((only.slug, kw.get("review_by")))
        return 0

    monkeypatch.setattr(review_cmd, "interactive", lambda: True)
    monkeypatch.setattr(review_cmd, "open_wizard", fake_open)
    return calls


def test_no_action_at_a_terminal_opens_the_screen(
    tmp_path: Path, opened: list[tuple[str, str | None]]
) -> None:
    path = make_reviewable(tmp_path)
    before = path.read_bytes()
    assert cli("review", path, "beta", "--by", "bo") == 0
    assert opened == [("beta", "bo")]
    assert path.read_bytes() == before  # opening it records nothing yet


def test_an_action_at_a_terminal_stays_headless(
    tmp_path: Path, opened: list[tuple[str, str | None]], capsys: pytest.CaptureFixture[str]
) -> None:
    path = make_reviewable(tmp_path)
    assert cli("review", path, "beta", "--by", "bo", "--item", "sized", "--mark", "met") == 0
    assert cli("review", path, "beta", "--by", "bo", "--approve") == 0
    assert opened == []
    assert "approved by bo" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("chapter", "by", "said"),
    [
        ("nope", "bo", "nope"),
        ("beta", "zed", "--by 'zed' is not among the document's people; the people are: ana"),
    ],
)
def test_a_wrong_chapter_or_person_is_refused_alike(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    chapter: str,
    by: str,
    said: str,
) -> None:
    path = make_reviewable(tmp_path)
    capsys.readouterr()
    assert cli("review", path, chapter, "--by", by) == 2
    headless = capsys.readouterr().err
    assert said in headless
    monkeypatch.setattr(review_cmd, "interactive", lambda: True)
    monkeypatch.setattr(review_cmd, "open_wizard", lambda *a, **k: pytest.fail("opened"))
    assert cli("review", path, chapter, "--by", by) == 2
    assert capsys.readouterr().err == headless


def test_what_each_person_may_do_to_a_thread(tmp_path: Path) -> None:
    path = make_reviewable(tmp_path)
    assert cli("review", path, "beta", "--by", "bo", "--item", "shaped", "--comment", "Odd") == 0
    doc, specs = load(path)
    beta = specs.resolve("beta")
    (thread,) = doc.step("beta").review.threads
    assert review.thread_actions(thread, "bo") == ["resolve", "close"]
    assert review.thread_actions(thread, "ana") == ["resolve"]
    review.change_thread(doc, beta, "ana", now(), 1, "resolve")
    assert review.thread_actions(thread, "ana") == ["reopen"]
    assert review.thread_actions(thread, "bo") == ["close", "reopen"]
    with pytest.raises(Exception, match="only they close it"):
        review.change_thread(doc, beta, "ana", now(), 1, "close")
    review.change_thread(doc, beta, "bo", now(), 1, "close")
    assert review.thread_actions(thread, "bo") == ["reopen"]
    assert review.thread_actions(thread, "ana") == ["reopen"]
