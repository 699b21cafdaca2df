"""`mldwizard mcp`: an agent on a branch asks which chapters cover the files it changed and
what `check --base` says, on a real temporary repository (the one test_check_base builds),
through the SDK's stdio client."""

from __future__ import annotations

from pathlib import Path

import pytest

from .mcp_client import call, mcp_session, refused
from .test_check_base import branch  # noqa: F401  (the repository, on branch "feature")
from .test_living_git import AFTER, commit, isolated_git, make_doc  # noqa: F401  (autouse too)


async def test_which_chapters_cover_the_files_an_agent_changed(
    branch: tuple[Path, Path],  # noqa: F811
) -> None:
    repo, doc = branch
    async with mcp_session(doc) as session:
        found = await call(
            session,
            "chapters_for_files",
            files=["src/scoring/model.py", str(repo / "src" / "serving" / "api.py"), "README"],
        )
        by_chapter = {c["chapter"]: c["files"] for c in found["chapters"]}
        assert by_chapter == {
            "essentials": ["src/scoring/model.py"],
            "serving": ["src/serving/api.py"],  # an absolute path inside the repository
        }
        essentials = next(c for c in found["chapters"] if c["chapter"] == "essentials")
        assert essentials["owners"] == ["ana", "bo"] and essentials["code_paths"]
        assert found["not_covered"] == ["README"]
        for outside in ("../elsewhere/model.py", "src/../../elsewhere.py", "/etc/passwd"):
            found = await call(session, "chapters_for_files", files=[outside])
            [bad] = found["refused"]
            assert bad["file"] == outside and "repository" in bad["problem"]
            assert found["chapters"] == [] and found["not_covered"] == []
        said = await refused(session, "chapters_for_files", files="src/scoring/model.py")
        assert "files" in said  # a list, not a string


async def test_bad_paths_folders_and_several_documents(
    branch: tuple[Path, Path],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """QA 15 #16: a path outside the repository is refused on its own, the others are
    answered; a folder is covered by the chapters whose code paths are in it; with two
    documents and no ``document``, both answer."""
    repo, doc = branch
    files = ["src/scoring/model.py", "/etc/passwd", "../etc/passwd", "src/serving", "src/"]
    async with mcp_session(doc) as session:
        found = await call(session, "chapters_for_files", files=files)
    assert [(r["file"], "repository" in r["problem"]) for r in found["refused"]] == [
        ("/etc/passwd", True),
        ("../etc/passwd", True),
    ]
    by_chapter = {c["chapter"]: c["files"] for c in found["chapters"]}
    assert by_chapter == {
        "essentials": ["src/scoring/model.py", "src"],  # src/scoring lies under src
        "serving": ["src/serving", "src"],
    }
    assert found["not_covered"] == [] and found["document"] == str(doc)

    other = make_doc(monkeypatch, capsys, repo / "docs" / "other.toml", ["README"], title="Other")
    async with mcp_session(doc, other) as session:
        found = await call(
            session, "chapters_for_files", files=["README", "src/scoring/model.py", "LICENSE"]
        )
        one = await call(session, "chapters_for_files", files=["README"], document="other")
        said = await refused(session, "chapters_for_files", files=["README"], document="nope")
    assert found["documents"] == [str(doc), str(other)] and "document" not in found
    assert [(c["document"], c["chapter"], c["files"]) for c in found["chapters"]] == [
        (str(doc), "essentials", ["src/scoring/model.py"]),
        (str(other), "essentials", ["README"]),
    ]
    assert found["not_covered"] == ["LICENSE"]
    assert one["document"] == str(other) and [c["files"] for c in one["chapters"]] == [["README"]]
    assert "not served here" in said


async def test_what_check_says_about_the_branch_and_after_a_proposal(
    branch: tuple[Path, Path],  # noqa: F811
) -> None:
    repo, doc = branch
    commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    async with mcp_session(doc) as session:
        checked = await call(session, "check_changes", base="main")
        drift = [f for f in checked["findings"] if f["code"] == "MLD040"]
        assert [f["chapter"] for f in drift] == ["essentials"]
        assert drift[0]["details"]["files"] == ["src/scoring/model.py"]
        assert [c["subject"] for c in drift[0]["details"]["commits"]] == ["faster scoring"]
        assert checked["failed"] is True and checked["summary"]["error"] >= 1

        # The agent updates the chapter its code changed: a proposal, for an owner to approve.
        await call(
            session,
            "propose_answer",
            chapter="essentials",
            question="summary",
            text="Scores card payments, now in half the time.",
            reason="src/scoring/model.py caches the features.",
        )
        # It waits for a person: the finding stays, and says what a person must do.
        checked = await call(session, "check_changes", base="main")
        [waiting] = [f for f in checked["findings"] if f["code"] == "MLD040"]
        assert waiting["details"]["waiting_for_review_of"] == "agent:test-agent"
        assert "review" in waiting["message"] and checked["failed"] is True

        said = await refused(session, "check_changes", base="no-such-branch")
        assert "no such branch" in said
        said = await refused(session, "check_changes", base="--output=/tmp/x")
        assert "not a git revision" in said
