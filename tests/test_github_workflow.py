"""The README's GitHub Actions workflow (docs/github-workflow.yml), run as CI would run it.

Its ``run:`` lines are read from the file (a small reader: no YAML library is a dependency)
and the ``mldwizard`` ones are run, as a separate program, in a clone of a repository with a
pull-request branch, with ``${{ github.base_ref }}`` set to ``main`` (a ``> FILE`` at the end
of one writes its output there, as the shell would); the SARIF they write is what the upload
step is given.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .test_check_base import commit_all, main_repo
from .test_check_sarif_junit import sarif_validator
from .test_living_git import AFTER, BEFORE, CHECKED, LATER, commit, git, make_doc, ok
from .test_living_git import isolated_git as isolated_git  # autouse here too

ROOT = Path(__file__).parents[1]
WORKFLOW = ROOT / "docs" / "github-workflow.yml"
SARIF = "mldwizard.sarif"
RUN = re.compile(r"^\s*(?:-\s+)?run:\s*(\S.*)$")


def run_lines(text: str) -> list[str]:
    """The commands of every one-line ``run:`` step (a block scalar would be refused)."""
    lines = [m.group(1).strip() for line in text.splitlines() if (m := RUN.match(line))]
    assert all(not line.startswith(("|", ">")) for line in lines), "one command per run:"
    return lines


def test_the_readme_shows_the_workflow_file_as_it_is() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert workflow in blocks
    assert "fetch-depth: 0" in workflow and re.search(r"^on:\n  pull_request:", workflow, re.M)


def test_the_workflow_runs_the_check_on_the_pull_request_branch() -> None:
    commands = run_lines(WORKFLOW.read_text(encoding="utf-8"))
    assert commands[0] == "pip install mldwizard"
    checks = [c for c in commands if c.startswith("mldwizard ")]
    assert checks == [
        "mldwizard check docs/design.toml --base origin/${{ github.base_ref }} --format github",
        "mldwizard check docs/design.toml --base origin/${{ github.base_ref }} --format sarif"
        f" > {SARIF}",
    ]
    assert len(commands) == 3  # nothing else this test does not run


def test_the_workflow_uploads_the_sarif_to_code_scanning_even_after_a_failed_check() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    permissions = re.search(r"^permissions:\n((?:  .*\n)+)", text, re.M)
    assert permissions is not None and "  security-events: write" in permissions.group(1)
    steps = re.split(r"^      - ", text, flags=re.M)[1:]
    [write] = [s for s in steps if "--format sarif" in s]
    [upload] = [s for s in steps if "github/codeql-action/upload-sarif@" in s]
    assert steps.index(upload) == steps.index(write) + 1 == len(steps) - 1
    for step in (write, upload):
        assert step.startswith("if: always()\n")
    assert re.search(rf"^\s+sarif_file: {re.escape(SARIF)}$", upload, re.M)
    # The install line says what it assumes (README: "Installing").
    assert "pin the version you use" in text and "git+https://" in text


def run_workflow(checkout: Path, base_ref: str = "main") -> list[tuple[int, str, str]]:
    """Every ``mldwizard`` step of the workflow, run in ``checkout`` like CI runs it."""
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    results = []
    for command in run_lines(WORKFLOW.read_text(encoding="utf-8")):
        if not command.startswith("mldwizard "):
            continue
        command, _, target = command.partition(" > ")
        argv = shlex.split(command.replace("${{ github.base_ref }}", base_ref))
        out = subprocess.run(
            [sys.executable, "-m", "mldwizard", *argv[1:]],
            cwd=checkout,
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        if target:
            (checkout / target.strip()).write_text(out.stdout, encoding="utf-8")
        results.append((out.returncode, out.stdout, out.stderr))
    return results


def uploaded(checkout: Path) -> dict[str, Any]:
    """The SARIF the upload step is given, valid for the schema."""
    log: dict[str, Any] = json.loads((checkout / SARIF).read_text(encoding="utf-8"))
    sarif_validator().validate(log)
    return log


def ci_checkout(origin: Path, where: Path, branch: str) -> Path:
    """What actions/checkout with fetch-depth 0 leaves: a full clone on the branch."""
    if where.exists():
        git(where, "fetch", "-q", "origin")
        git(where, "checkout", "-q", "--detach", f"origin/{branch}")
        return where
    git(where.parent, "clone", "-q", f"file://{origin}", str(where))
    git(where, "checkout", "-q", "--detach", f"origin/{branch}")
    return where


@pytest.fixture
def origin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, Path]:
    repo = main_repo(tmp_path / "origin")
    (repo / ".gitignore").write_text("*.bak\n.*.lock\n")
    commit(repo, BEFORE, "code", write=("src/scoring/model.py", "README"))
    doc = make_doc(monkeypatch, capsys, repo / "docs" / "design.toml", ["src/scoring/**"])
    commit_all(repo, "2026-11-01 13:00:00 +0000", "the design document")
    monkeypatch.setenv("MLDWIZARD_NOW", CHECKED)
    return repo, doc


def test_a_pull_request_touching_a_chapters_code_fails_until_acknowledged(
    origin: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = origin
    git(repo, "checkout", "-q", "-b", "faster")
    sha = commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    git(repo, "checkout", "-q", "main")  # the base moves on meanwhile
    commit(repo, AFTER, "main: readme", write=("README",))
    checkout = ci_checkout(repo, tmp_path / "ci", "faster")

    [(code, out, err), (sarif_code, _, sarif_err)] = run_workflow(checkout)
    assert code == 1, err
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(errors) == 1
    assert "MLD040 essentials" in errors[0] and "file=docs/design.toml" in errors[0]
    assert f"{sha[:10]} 'faster scoring'" in errors[0] and "src/scoring/model.py" in errors[0]
    assert sarif_code == 1, sarif_err  # `if: always()` runs it and the upload all the same
    [result] = uploaded(checkout)["runs"][0]["results"]
    assert result["ruleId"] == "MLD040"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "docs/design.toml"
    )
    related = [r["physicalLocation"]["artifactLocation"]["uri"] for r in result["relatedLocations"]]
    assert related == ["src/scoring/model.py"]

    git(repo, "checkout", "-q", "faster")
    ok(capsys, "ack", doc, "essentials", "--by", "ana", "--note", "faster, same design")
    commit_all(repo, LATER, "ack essentials")
    git(repo, "checkout", "-q", "main")
    [(code, out, err), (sarif_code, _, _)] = run_workflow(ci_checkout(repo, checkout, "faster"))
    assert code == 0, out + err
    assert "::error" not in out
    assert sarif_code == 0 and uploaded(checkout)["runs"][0]["results"] == []


def test_a_pull_request_changing_only_the_document_passes(
    origin: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = origin
    git(repo, "checkout", "-q", "-b", "words")
    ok(capsys, "set", doc, "essentials", "summary", "Scores card payments in real time.")
    commit_all(repo, AFTER, "design: real time")
    git(repo, "checkout", "-q", "main")
    [(code, out, err), _] = run_workflow(ci_checkout(repo, tmp_path / "ci", "words"))
    assert code == 0, out + err
    assert "MLD040" not in out and "::error" not in out


def test_without_the_full_history_the_step_says_what_to_change(
    origin: tuple[Path, Path], tmp_path: Path
) -> None:
    repo, _ = origin
    git(repo, "checkout", "-q", "-b", "faster")
    commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    git(repo, "checkout", "-q", "main")
    commit(repo, AFTER, "main: readme", write=("README",))
    shallow = tmp_path / "shallow"  # actions/checkout's default: fetch-depth 1
    git(
        tmp_path,
        "clone",
        "-q",
        "--depth",
        "1",
        "--branch",
        "faster",
        f"file://{repo}",
        str(shallow),
    )
    [(code, out, err), (sarif_code, sarif_out, _)] = run_workflow(shallow)
    assert code == 2 and out == ""
    assert "fetch-depth: 0" in err and "Traceback" not in err
    assert sarif_code == 2 and sarif_out == ""  # the upload then fails: nothing to upload
