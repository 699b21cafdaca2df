"""``check --base`` after the issue-15 QA: acks and reviews cover only the commits before
them, a renamed document, narrowed code paths, CODEOWNERS at the merge base, an agent's
answer waiting for a person, the net diff (a revert), hints that fit the REF, a rename
target in MLD040, and ``ack --by`` case aside. Real temporary repositories, the real CLI.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .mcp_client import call, mcp_session
from .test_check_base import branch, check_base, codes, commit_all  # noqa: F401
from .test_living_git import (  # noqa: F401  (isolated_git: autouse here too)
    AFTER,
    BEFORE,
    LATER,
    MARKED,
    cli,
    commit,
    git,
    isolated_git,
    ok,
)

LATEST = "2026-11-14 10:00:00 +0000"


@pytest.fixture
def feature(branch: tuple[Path, Path]) -> tuple[Path, Path]:  # noqa: F811
    """test_check_base's repository: ``main`` with the document, on the branch ``feature``."""
    return branch


def mld040(data: dict[str, object]) -> dict[str, dict[str, object]]:
    findings = data["findings"]
    assert isinstance(findings, list)
    return {f["chapter"]: f for f in findings if f["code"] == "MLD040"}


# ---- 1: an ack or a review covers the commits up to the one that recorded it ----------


def test_code_committed_after_an_ack_is_flagged_again(
    feature: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = feature
    commit(repo, AFTER, "refactor", write=("src/scoring/model.py",))
    ok(capsys, "ack", doc, "essentials", "--by", "ana", "--note", "refactor only")
    acked = commit_all(repo, LATER, "ack essentials")
    code, data = check_base(capsys, doc)
    assert (code, codes(data)) == (0, [])  # the ack covers the refactor
    later = commit(repo, LATEST, "tokenizer to bytes", write=("src/scoring/tok.py",))

    code, data = check_base(capsys, doc)
    assert code == 1
    finding = mld040(data)["essentials"]
    details = finding["details"]
    assert isinstance(details, dict)
    assert details["files"] == ["src/scoring/tok.py"]  # the acked refactor is covered
    assert [c["sha"] for c in details["commits"]] == [later]
    message = str(finding["message"])
    assert f"after its last update or review on the branch ({acked[:10]} 'ack essentials')" in (
        message
    )
    assert "mldwizard ack" in message

    # A new ack (not committed yet) covers everything again; committed, too.
    ok(capsys, "ack", doc, "essentials", "--by", "bo", "--note", "bytes: same design")
    assert check_base(capsys, doc)[0] == 0
    commit_all(repo, LATEST, "ack again")
    assert check_base(capsys, doc)[0] == 0
    # Code not committed yet, after the committed ack, counts.
    (repo / "src" / "scoring" / "model.py").write_text("changed after the ack\n")
    code, data = check_base(capsys, doc)
    assert code == 1
    assert mld040(data)["essentials"]["details"]["uncommitted"] == ["src/scoring/model.py"]  # type: ignore[index]


def test_a_review_covers_the_commits_before_it_and_a_merge_of_main_brings_none(
    feature: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = feature
    commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    ok(capsys, "review", doc, "essentials", "--by", "bo", *MARKED)  # a mark records a review
    commit_all(repo, AFTER, "bo reviewed essentials")
    # main changes the same code after the review; merging it into the branch is not the
    # branch's change.
    git(repo, "checkout", "-q", "main")
    commit(repo, LATER, "main: scoring fix", write=("src/scoring/fix.py",))
    git(repo, "checkout", "-q", "feature")
    git(repo, "merge", "-q", "--no-edit", "main", date=LATER)
    code, data = check_base(capsys, doc)
    assert (code, codes(data)) == (0, [])
    # A code commit of the branch after the review does count.
    sha = commit(repo, LATEST, "scoring: new feature", write=("src/scoring/new.py",))
    code, data = check_base(capsys, doc)
    assert code == 1
    details = mld040(data)["essentials"]["details"]
    assert isinstance(details, dict)
    assert [c["sha"] for c in details["commits"]] == [sha]
    assert details["files"] == ["src/scoring/new.py"]


# ---- 2: a renamed document is compared with its version at the merge base -------------


def test_a_document_renamed_on_the_branch_keeps_its_mld040_and_no_old_findings(
    feature: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = feature
    commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    assert codes(check_base(capsys, doc)[1]) == [("MLD040", "essentials")]
    git(repo, "mv", "docs/design.toml", "docs/router.toml")
    git(repo, "mv", "docs/design.md", "docs/router.md")
    git(repo, "commit", "-q", "-m", "rename doc", date=LATER)
    moved = repo / "docs" / "router.toml"
    code, data = check_base(capsys, moved)
    assert code == 1
    assert codes(data) == [("MLD040", "essentials")]  # nothing the base already had


# ---- 3: code paths removed on the branch still count ---------------------------------


def test_narrowing_a_chapters_code_paths_does_not_hide_its_code_changes(
    feature: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = feature
    commit(repo, AFTER, "serving change", write=("src/serving/api.py",))
    text = doc.read_text(encoding="utf-8")
    assert text.count('"src/serving/**"') == 1
    doc.write_text(text.replace('"src/serving/**"', '"src/serving/other/**"'), encoding="utf-8")
    commit_all(repo, LATER, "tidy code paths")
    code, data = check_base(capsys, doc)
    assert code == 1
    finding = mld040(data)["serving"]
    assert finding["details"]["files"] == ["src/serving/api.py"]  # type: ignore[index]
    assert finding["details"]["removed_code_paths"] == ["src/serving/**"]  # type: ignore[index]
    assert (
        "(src/serving/api.py; the code paths the branch removed from the chapter still "
        "count: src/serving/**)" in str(finding["message"])
    )


# ---- 4: CODEOWNERS findings at the merge base come from its CODEOWNERS ----------------


def test_a_codeowners_file_broken_on_the_branch_is_reported(
    feature: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = feature
    (repo / ".github").mkdir()
    (repo / ".github" / "CODEOWNERS").write_text("* @ana\n/infra/ @!x\n")
    commit_all(repo, AFTER, "codeowners")
    code, data = check_base(capsys, doc)
    assert code == 0  # warnings only
    found = {(f["code"], f["chapter"]): f for f in data["findings"]}
    assert ("MLD046", None) in found
    assert "line 2 is skipped" in found[("MLD046", None)]["message"]
    # The same CODEOWNERS already on main: the branch brings none of it.
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--ff-only", "feature")
    git(repo, "checkout", "-q", "-b", "later")
    code, data = check_base(capsys, doc)
    assert (code, codes(data)) == (0, [])
    # A branch that gives the code to someone who owns no chapter: MLD045 is new.
    (repo / ".github" / "CODEOWNERS").write_text("* @zed\n/infra/ @!x\n")
    commit_all(repo, LATER, "codeowners: zed")
    _, data = check_base(capsys, doc)
    assert ("MLD045", "essentials") in codes(data)
    assert ("MLD046", None) not in codes(data)  # the skipped line was there before


# ---- 6: an agent's answer waits for a person -------------------------------------------


async def agent_answers_after_a_code_change(repo: Path, doc: Path, client: str) -> None:
    """The code changes; an agent (``client``) proposes a new summary over MCP; both are
    committed: MLD040 now waits for a person's review of the agent's answer."""
    commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    async with mcp_session(doc, client=client) as session:
        await call(
            session,
            "propose_answer",
            chapter="essentials",
            question="summary",
            text="Scores card payments in real time.",
            reason="the code is faster now",
        )
    commit_all(repo, LATER, "agent: essentials")


async def test_an_agents_answer_does_not_satisfy_mld040_until_a_person_reviews_it(
    feature: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = feature
    await agent_answers_after_a_code_change(repo, doc, "Claude Code")
    code, data = check_base(capsys, doc)
    assert code == 1
    finding = mld040(data)["essentials"]
    assert finding["details"]["waiting_for_review_of"] == "agent:claude-code"  # type: ignore[index]
    message = str(finding["message"])
    assert "only agent:claude-code updated the chapter on this branch" in message
    assert f"mldwizard review {doc} essentials --by HANDLE --approve" in message
    # A person of the document reviews it: satisfied.
    ok(capsys, "review", doc, "essentials", "--by", "bo", *MARKED)  # a mark records a review
    commit_all(repo, LATEST, "bo reviewed the agent's answer")
    code, data = check_base(capsys, doc)
    assert "MLD040" not in {c for c, _ in codes(data)}


# ---- 7: the net diff: a revert nets to nothing -----------------------------------------


def test_a_change_reverted_on_the_branch_is_no_change(
    feature: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = feature
    commit(repo, AFTER, "try", write=("src/serving/api.py",))
    git(repo, "revert", "--no-edit", "HEAD", date=LATER)
    assert git(repo, "diff", "main", "--stat") == ""
    code, data = check_base(capsys, doc)
    assert (code, codes(data)) == (0, [])
    # A real change next to it is reported, naming only its own commit.
    sha = commit(repo, LATEST, "real", write=("src/scoring/model.py",))
    code, data = check_base(capsys, doc)
    assert codes(data) == [("MLD040", "essentials")]
    assert [c["sha"] for c in mld040(data)["essentials"]["details"]["commits"]] == [sha]  # type: ignore[index]


# ---- 17: where a renamed file went ------------------------------------------------------


def test_mld040_names_where_a_renamed_file_went(
    feature: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = feature
    commit(repo, AFTER, "move the model", move=(("src/scoring/model.py", "lib/model.py"),))
    _, data = check_base(capsys, doc)
    finding = mld040(data)["essentials"]
    assert "src/scoring/model.py (moved to lib/model.py)" in str(finding["message"])
    assert finding["details"]["moved"] == {"src/scoring/model.py": "lib/model.py"}  # type: ignore[index]


# ---- 13: hints that fit the REF ---------------------------------------------------------


def _refused(capsys: pytest.CaptureFixture[str], doc: Path, base: str) -> str:
    code, out, err = cli(capsys, "check", doc, "--base", base)
    assert code == 2 and out == "", err
    assert "Traceback" not in err
    return err


def test_hints_name_the_remote_and_branch_of_the_ref(
    feature: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = feature
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{repo}", str(clone))
    doc = clone / "docs" / "design.toml"
    git(repo, "branch", "develop")  # on the remote after the clone: not fetched here
    err = _refused(capsys, doc, "origin/develop")
    assert "`git fetch origin develop`" in err and "main" not in err
    git(clone, "fetch", "-q", "origin", "develop")  # the advice works
    # A branch the remote does not have (QA10b #8): a typo, no fetch advice.
    err = _refused(capsys, doc, "origin/nonexist")
    assert "origin has no branch nonexist" in err and "git fetch" not in err, err
    # A typo, or a revision that is no commit: no history advice.
    for bad in ("mian", "origin/main^{tree}", "HEAD~999"):
        err = _refused(capsys, doc, bad)
        assert "fetch-depth" not in err and "git fetch" not in err, err
    assert "not a commit" in _refused(capsys, doc, "origin/main^{tree}")
    assert "did you mean --base origin/main?" in _refused(capsys, doc, "main")
    # A commit this clone has not fetched (a base sha in CI): fetch it.
    err = _refused(capsys, doc, "0123456789abcdef0123456789abcdef01234567")
    assert "`git fetch origin 0123456789abcdef0123456789abcdef01234567`" in err
    # Any revision git resolves is a base (QA10b #8): `:/TEXT`, the newest commit saying it.
    code, _, err = cli(capsys, "check", doc, "--base", ":/the design document")
    assert code in (0, 1), err
    code, out, err = cli(capsys, "check", doc, "--base=--weird")
    assert code == 2 and out == "" and "is not a git revision" in err, err


def test_a_shallow_clone_with_the_base_fetched_says_to_deepen(
    feature: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = feature
    commit(repo, AFTER, "faster scoring", write=("src/scoring/model.py",))
    git(repo, "checkout", "-q", "main")
    commit(repo, LATER, "main moves on", write=("README",))
    git(repo, "checkout", "-q", "feature")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    git(clone, "fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    err = _refused(capsys, clone / "docs" / "design.toml", "origin/main")
    assert "--unshallow" in err and "fetch-depth: 0" in err
    assert "git fetch origin main" not in err
    # Deepened, it works.
    git(clone, "fetch", "-q", "--unshallow", "origin")
    code, _, err = cli(capsys, "check", clone / "docs" / "design.toml", "--base", "origin/main")
    assert code == 1, err


# ---- 17: ack --by, case aside -----------------------------------------------------------


def test_ack_by_matches_a_person_case_aside(
    feature: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, doc = feature
    commit(repo, AFTER, "refactor", write=("src/scoring/model.py",))
    out = ok(capsys, "ack", doc, "essentials", "--by", "ANA", "--note", "refactor only")
    assert "acknowledged by ana" in out
    assert re.search(
        r'by = "ana"\nchapter = "essentials"\nsummary = "acknowledged', doc.read_text()
    )
    assert check_base(capsys, doc)[0] == 0
    code, _, err = cli(capsys, "ack", doc, "essentials", "--by", "zed", "--note", "x")
    assert code == 2 and "not among the document's people" in err
