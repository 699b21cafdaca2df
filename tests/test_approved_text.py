"""An approval holds for the text it approved (:mod:`mldwizard.core.approved_text`).

The bundled example is approved chapter by chapter; an edit that does not go through
mldwizard (by hand, a merge, a rebase, a script) leaves ``updated`` and the revision as they
were, so only the digest recorded with the approval can tell that the text changed.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from mldwizard.cli import main
from mldwizard.core import review as review_actions
from mldwizard.core.approved_text import changed_after_approval, content_digest
from mldwizard.core.document import Document
from mldwizard.core.examples import EXAMPLE_AS_OF, example_document
from mldwizard.core.markdown import render_markdown as render
from mldwizard.core.merge import flatten, merge_flat, rebuild
from mldwizard.core.specs import Specs

from .cli_run import cli

OLD = "Version one should route at least 90% of topic tickets"
NEW = "Version one should route at least 97% of topic tickets"
TODAY = "2026-12-06T10:00:00Z"


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example as `new --example` makes it on 2026-12-06 (the report's day)."""
    monkeypatch.setenv("MLDWIZARD_NOW", TODAY)
    path = tmp_path / "ex.toml"
    assert main(["new", str(path), "--example", "--no-input"]) == 0
    return path


def hand_edit(path: Path, old: str = OLD, new: str = NEW) -> None:
    """What the report's `sed -i` did: one answer changed, nothing else."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def findings(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, Any]]]:
    code, out, err = cli(capsys, "check", *args, "--format", "json")
    assert code in (0, 1), err
    return code, json.loads(out)["findings"]


def mld006(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in found if f["code"] == "MLD006"]


def section(markdown: str, heading: str) -> str:
    start = markdown.index(heading)
    return markdown[start : markdown.index("#### ", start)]


# ---- the digest ---------------------------------------------------------------------------


def test_the_digest_is_of_the_values_not_of_the_file(specs: Specs) -> None:
    doc = example_document(specs, EXAMPLE_AS_OF)
    before = content_digest(doc.step("essentials"))
    raw = doc.model_dump(mode="python", exclude_none=True)
    essentials = raw["chapters"]["essentials"]
    answers = essentials["answers"]
    # Keys in another order, Windows line endings, an answer left empty: the same text.
    essentials["answers"] = {k: answers[k] for k in reversed(list(answers))}
    essentials["answers"] = {
        k: v.replace("\n", "\r\n") if isinstance(v, str) else v
        for k, v in essentials["answers"].items()
    }
    essentials["answers"]["not_written_yet"] = ""
    rewritten = tomli_w.dumps(dict(reversed(list(raw.items()))), multiline_strings=True)
    again = Document.model_validate(tomllib.loads(rewritten))
    assert content_digest(again.step("essentials")) == before

    essentials["answers"]["summary"] = answers["summary"].replace("90%", "97%")
    assert content_digest(Document.model_validate(raw).step("essentials")) != before


@pytest.mark.parametrize(
    "today", [EXAMPLE_AS_OF, dt.date(2026, 12, 6), dt.date(2027, 6, 1), dt.date(2031, 2, 28)]
)
def test_the_example_stays_approved_whenever_it_is_copied(specs: Specs, today: dt.date) -> None:
    """Moving the example's dates changes its text: its digests move with it."""
    doc = example_document(specs, today)
    approved = [s for s in doc.chapters if doc.step(s).status == "approved"] + ["gate"]
    assert len(approved) > 5
    assert all(doc.step(s).review.approvals[-1].digest for s in approved)
    assert [s for s in approved if changed_after_approval(doc, s)] == []
    assert "Changed since its approval" not in render(doc, specs)


# ---- the report's reproduction: a hand edit --------------------------------------------


def test_a_hand_edit_of_an_approved_answer_fails_check_and_is_not_shown_as_approved(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert mld006(findings(capsys, str(example))[1]) == []
    hand_edit(example)

    code, found = findings(capsys, str(example))
    assert code == 1
    [finding] = mld006(found)
    assert finding["severity"] == "error" and finding["chapter"] == "essentials"
    assert "1. Essentials" in finding["message"] and "Mira Okafor" in finding["message"]
    assert "without mldwizard" in finding["message"]
    assert finding["details"]["approved_by"] == ["mira"]

    code, out, _ = cli(capsys, "export", str(example))
    assert code == 0
    essentials = section(out, "### 1. Essentials")
    assert essentials.startswith("### 1. Essentials\n\n*Changed since its approval · ")
    assert "Changed since that approval: the text below is not the one approved" in essentials
    assert "*Approved ·" not in essentials
    assert " · Approved by Mira Okafor ·" not in essentials

    code, out, _ = cli(capsys, "export", str(example), "--format", "html")
    assert code == 0
    assert '<tr class="status-changed"><td data-label="Step"><a href="#' in out
    assert "Changed since its approval</td>" in out

    code, out, _ = cli(capsys, "status", str(example))
    row = next(line for line in out.splitlines() if " Essentials " in line)
    assert "approved, changed" in row
    reviewed = next(line for line in out.splitlines() if "1. Essentials" in line)
    assert "mira (r6, changed since)" in reviewed

    code, out, _ = cli(capsys, "status", str(example), "--format", "json")
    steps = json.loads(out)["documents"][0]["steps"]
    essentials_json = next(s for s in steps if s["slug"] == "essentials")
    assert essentials_json["review"]["approval"] != "approved"
    assert essentials_json["review"]["changed_since_approval"] is True


def test_approving_the_changed_text_again_clears_it(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hand_edit(example)
    assert len(mld006(findings(capsys, str(example))[1])) == 1
    code, _, err = cli(capsys, "review", str(example), "essentials", "--by", "mira", "--approve")
    assert code == 0, err
    assert mld006(findings(capsys, str(example))[1]) == []
    _, out, _ = cli(capsys, "export", str(example))
    assert section(out, "### 1. Essentials").startswith("### 1. Essentials\n\n*Approved · ")
    # Undoing the edit by hand gives back the text approved the first time: still fine.
    hand_edit(example, NEW, OLD)
    assert mld006(findings(capsys, str(example))[1]) == []


def test_a_set_edit_of_an_approved_step_is_reported_once(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`set` moves `updated` and the revision, and changes the text: one MLD006, not two."""
    code, _, err = cli(capsys, "set", str(example), "essentials", "summary", "Route tickets.")
    assert code == 0, err
    [finding] = mld006(findings(capsys, str(example))[1])
    assert "changed on 2026-12-06" in finding["message"]


def test_an_older_document_without_digests_falls_back_to_the_dates(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Approvals recorded before digests existed: a hand edit is not seen (as before), an
    edit through mldwizard is (its `updated` is after the review)."""
    text = example.read_text(encoding="utf-8")
    example.write_text(
        "".join(line for line in text.splitlines(True) if not line.startswith("digest = ")),
        encoding="utf-8",
    )
    hand_edit(example)
    assert mld006(findings(capsys, str(example))[1]) == []
    code, _, err = cli(capsys, "set", str(example), "essentials", "summary", "Route tickets.")
    assert code == 0, err
    [finding] = mld006(findings(capsys, str(example))[1])
    assert "after its last review (2026-10-09)" in finding["message"]


# ---- a pull request: check --base on a real git repository ------------------------------

GIT = shutil.which("git")


def git(repo: Path, *args: str) -> None:
    assert GIT is not None
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CEILING_DIRECTORIES": str(repo.parent),
    }
    done = subprocess.run(
        [GIT, "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", *args],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_check_base_fails_a_branch_that_changes_approved_text(
    example: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = example.parent
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(repo.parent))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "init")
    git(repo, "checkout", "-q", "-b", "pr")
    code, found = findings(capsys, str(example), "--base", "main")
    assert mld006(found) == []

    hand_edit(example)
    git(repo, "commit", "-qam", "raise target")
    code, found = findings(capsys, str(example), "--base", "main")
    assert code == 1
    [finding] = mld006(found)
    assert finding["chapter"] == "essentials" and "Mira Okafor" in finding["message"]


# ---- a merge: approved on one side, changed on the other --------------------------------


def test_a_merge_of_an_approval_with_a_change_made_meanwhile_is_not_approved(
    specs: Specs,
) -> None:
    """One person approves the chapter while another changes its summary: the merged
    document holds both, and the approval is of the text before the change."""
    base = example_document(specs, EXAMPLE_AS_OF)
    base.step("essentials").status = "review"
    base.step("essentials").review.approvals.clear()
    mine = copy.deepcopy(base)
    at = dt.datetime(2026, 11, 28, 9, tzinfo=dt.UTC)
    review_actions.approve(mine, specs.resolve("essentials"), "mira", at)
    assert mine.step("essentials").status == "approved"
    assert changed_after_approval(mine, "essentials") is None
    theirs = copy.deepcopy(base)
    summary = theirs.step("essentials").answers["summary"]
    theirs.step("essentials").answers["summary"] = summary.replace("90%", "97%")

    merged_flat, conflicts = merge_flat(flatten(base), flatten(mine), flatten(theirs))
    assert conflicts == []
    merged = rebuild(merged_flat, theirs)
    assert merged.step("essentials").status == "approved"
    assert "97%" in merged.step("essentials").answers["summary"]
    changed = changed_after_approval(merged, "essentials")
    assert changed is not None and changed.approvers == ["mira"]
    assert "*Changed since its approval · " in render(merged, specs)
