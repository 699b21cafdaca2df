"""The bundled example does not age: a copy made on any day (``new --example``, ``demo``)
reads as the same project seen from that day. What it records as done lies in the past,
what it plans (due dates, the dates written in their conditions) in the future, and
``check`` passes on it.

The golden files render the example file itself, unshifted (tests/test_golden.py), so they
stay the same whatever the day.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from mldwizard.cli import main
from mldwizard.core import storage
from mldwizard.core.examples import EXAMPLE_AS_OF, example_path, shift_dates
from mldwizard.core.specs import Specs

# The day of the example's own dates, a day after a due date in it, months and years later.
DAYS = ["2026-11-27", "2026-12-19", "2027-06-01", "2030-01-01"]
ISO = re.compile(r"\d{4}([-_])\d{2}\1\d{2}")  # 2026-10-05, router_train_2026_10_05


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("today", DAYS)
def test_a_new_example_passes_check_on_any_day(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    specs: Specs,
    today: str,
) -> None:
    monkeypatch.setenv("MLDWIZARD_NOW", f"{today}T09:00:00Z")
    path = tmp_path / "ex.toml"
    assert _cli(capsys, "new", str(path), "--example", "--no-input")[0] == 0
    code, out = _cli(capsys, "check", str(path))
    assert code == 0, out
    day = dt.date.fromisoformat(today)
    doc = storage.load_document(path, specs)
    # Done before today, planned after it, consistently.
    assert all(entry.at.date() < day for entry in doc.changelog)
    assert doc.project.created < day
    gaps = [item for item in doc.feasibility.items.values() if item.due is not None]
    assert gaps and all(item.due is not None and item.due > day for item in gaps)
    # A date written in a condition moved with its due date ("... by 2026-12-18").
    allowed = doc.feasibility.items["data_allowed"]
    assert allowed.due is not None and allowed.due.isoformat() in allowed.condition
    assert (allowed.due - day) == (dt.date(2026, 12, 18) - EXAMPLE_AS_OF)


@pytest.mark.parametrize("today", ["2027-06-01", "2030-01-01"])
def test_the_demo_copy_passes_check_on_any_day(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    today: str,
) -> None:
    monkeypatch.setenv("MLDWIZARD_NOW", f"{today}T09:00:00Z")
    assert _cli(capsys, "demo", str(tmp_path / "demo"))[0] == 0
    code, out = _cli(capsys, "check", str(tmp_path / "demo" / "ticket-routing.toml"))
    assert code == 0, out


def test_every_date_moves_by_the_same_days(tmp_path: Path, specs: Specs) -> None:
    """Answers, TOML dates and date-times all move, and nothing else changes."""
    text = example_path().read_text(encoding="utf-8")
    by = dt.date(2030, 1, 1) - EXAMPLE_AS_OF
    moved = shift_dates(text, by)
    before, after = list(ISO.finditer(text)), list(ISO.finditer(moved))
    assert len(before) == len(after) > 50
    assert any(m.group(1) == "_" for m in before)
    for old, new in zip(before, after, strict=True):
        day = dt.date.fromisoformat(old.group(0).replace("_", "-"))
        assert dt.date.fromisoformat(new.group(0).replace("_", "-")) - day == by
    assert ISO.sub("", text) == ISO.sub("", moved)


def test_the_anchor_lies_between_what_is_done_and_what_is_planned(specs: Specs) -> None:
    """Editing the example with a later event (or an earlier plan) moves EXAMPLE_AS_OF."""
    doc = storage.load_document(example_path(), specs)
    done = [e.at.date() for e in doc.changelog]
    for state in doc.chapters.values():
        done += [d.date() for d in (state.updated, state.reviewed) if d is not None]
    assert max(done) < EXAMPLE_AS_OF
    planned = [item.due for item in doc.feasibility.items.values() if item.due is not None]
    assert planned and min(planned) > EXAMPLE_AS_OF


def test_shift_dates_reads_dates_in_names_and_leaves_non_dates() -> None:
    by = dt.timedelta(days=40)
    assert shift_dates("router_train_2026_10_05", by) == "router_train_2026_11_14"
    assert shift_dates("at = 2026-12-30T10:00:00Z", by) == "at = 2027-02-08T10:00:00Z"
    assert shift_dates("build 2026-13-40, id 12026-10-05", by) == "build 2026-13-40, id 12026-10-05"
    assert shift_dates("mixed 2026-10_05", by) == "mixed 2026-10_05"


def _json_check(capsys: pytest.CaptureFixture[str], path: Path) -> list[dict[str, object]]:
    import json

    main(["check", str(path), "--format", "json"])
    out, _ = capsys.readouterr()
    findings: list[dict[str, object]] = json.loads(out)["findings"]
    return findings


@pytest.mark.parametrize("today", ["2026-11-27", "2027-03-01", "2028-02-29", "2031-07-15"])
def test_a_new_example_has_no_past_date_and_no_stale_silence(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    today: str,
) -> None:
    """The example silences MLD105 on its milestones for the answer it holds: moving the
    dates inside that answer must move the silence's fingerprint with it (QA 15 #11)."""
    monkeypatch.setenv("MLDWIZARD_NOW", f"{today}T09:00:00Z")
    path = tmp_path / "ex.toml"
    assert _cli(capsys, "new", str(path), "--example", "--no-input")[0] == 0
    codes = [f["code"] for f in _json_check(capsys, path)]
    assert "MLD105" not in codes and "MLD120" not in codes, codes


def test_a_silence_in_the_example_goes_stale_when_a_date_is_edited(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    specs: Specs,
) -> None:
    """The fingerprint stays sensitive to dates: a person who moves a milestone date by hand
    sees the silence go stale, and MLD120 names the document's path in its command."""
    monkeypatch.setenv("MLDWIZARD_NOW", "2027-03-01T09:00:00Z")
    path = tmp_path / "my docs" / "ex.toml"
    path.parent.mkdir()
    assert _cli(capsys, "new", str(path), "--example", "--no-input")[0] == 0
    milestones = storage.load_document(path, specs).chapters["essentials"].answers["milestones"]
    assert isinstance(milestones, list)
    edited = [milestones[0].replace("-", "/", 1), *milestones[1:]]
    assert _cli(capsys, "set", str(path), "essentials", "milestones", *edited)[0] == 0
    stale = [f for f in _json_check(capsys, path) if f["code"] == "MLD120"]
    assert len(stale) == 1, stale
    message = str(stale[0]["message"])
    assert "PATH" not in message
    assert f"mldwizard lint '{path}' --unsilence essentials.milestones MLD105" in message
