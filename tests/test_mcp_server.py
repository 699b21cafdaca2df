"""`mldwizard mcp` (issue 15, part 2): a coding agent reads a document, asks about it and
proposes answers over the Model Context Protocol, through a real client from the SDK that
starts the server over stdio, as Claude Code or Cursor would."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mcp_types as types
import pytest

from .mcp_client import call, mcp_session, refused, text_of

Run = Callable[..., str]

READ_TOOLS = {
    "list_documents",
    "get_outline",
    "get_chapter",
    "get_question_specs",
    "get_verdicts",
    "get_ownership",
    "get_freshness",
    "chapters_for_files",
    "check_changes",
}
# What only a human may do: no tool that writes is named for any of it (and the only tool
# that writes is propose_answer, with exactly the arguments below).
FORBIDDEN_WORDS = ("approve", "ack", "owner", "people", "person", "review", "stage", "override")


def with_people(make_doc: Callable[..., Path], ok: Run, name: str = "design.toml") -> Path:
    path = make_doc(name)
    ok("person", path, "ana", "--name", "Ana Silva", "--role", "ML engineer")
    ok("person", path, "bo", "--name", "Bo Chen", "--role", "Product manager")
    ok("person", path, "tester", "--name", "Tess Ter")  # the tests' author (conftest)
    ok("set", path, "metrics", "--owner", "ana", "--owner", "bo")
    ok("set", path, "problem", "--owner", "ana")
    return path


def toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


async def test_an_agent_reads_a_chapter_and_proposes_an_answer(
    make_doc: Callable[..., Path], ok: Run
) -> None:
    path = with_people(make_doc, ok)
    ok("set", path, "metrics", "business_metric", "Share of fraud caught before payout.")
    ok("set", path, "metrics", "--status", "approved")
    async with mcp_session(path, client="Claude Code") as session:
        tools = (await session.list_tools()).tools
        names = {t.name for t in tools}
        assert names == READ_TOOLS | {"propose_answer"}
        for name in names - READ_TOOLS:  # approve, ack, set_owners, add_person, set_stage...
            assert not any(word in name for word in FORBIDDEN_WORDS), name
        for tool in tools:  # only the proposal writes
            hints = tool.annotations
            assert hints is not None
            assert hints.read_only_hint is (tool.name != "propose_answer"), tool.name
        propose = next(t for t in tools if t.name == "propose_answer")
        assert set(propose.input_schema["properties"]) == {
            "document",
            "chapter",
            "question",
            "text",
            "reason",
        }

        uris = {str(r.uri) for r in (await session.list_resources()).resources}
        for part in ("outline", "verdicts", "owners", "freshness", "chapters/metrics"):
            assert f"mldwizard://design/{part}" in uris
        templates = (await session.list_resource_templates()).resource_templates
        assert [t.uri_template for t in templates] == ["mldwizard://design/specs/{chapter}"]

        read = await session.read_resource("mldwizard://design/chapters/metrics")
        [content] = read.contents
        assert isinstance(content, types.TextResourceContents)
        assert '"Share of fraud caught before payout."' in content.text

        chapter = await call(session, "get_chapter", chapter="5")
        assert chapter["slug"] == "metrics" and chapter["status"] == "approved"
        assert chapter["owners"] == ["ana", "bo"]
        business = next(q for q in chapter["questions"] if q["id"] == "business_metric")
        assert business["title"] and business["answer"] == "Share of fraud caught before payout."
        specs = await call(session, "get_question_specs", chapter="metrics")
        asked = next(q for q in specs["questions"] if q["id"] == "business_metric")
        assert asked["prompt"] and asked["help"] and asked["example"]

        done = await call(
            session,
            "propose_answer",
            chapter="metrics",
            question="online_metrics",
            text="Fraud loss per 1,000 orders\nManual review rate",
            reason="The scoring service now logs both; see src/scoring/metrics.py.",
        )
        assert done["status"] == "review" and done["status_before"] == "approved"
        assert done["author"] == "agent:claude-code"
        assert done["answer"] == ["Fraud loss per 1,000 orders", "Manual review rate"]

    data = toml(path)
    metrics = data["chapters"]["metrics"]
    assert metrics["answers"]["online_metrics"] == [
        "Fraud loss per 1,000 orders",
        "Manual review rate",
    ]
    assert metrics["status"] == "review"
    assert metrics["owners"] == ["ana", "bo"]  # untouched
    last = data["changelog"][-1]
    assert last["by"] == "agent:claude-code" and last["chapter"] == "metrics"
    assert "answered online_metrics" in last["summary"]
    assert "status approved -> review" in last["summary"]
    assert (
        "reason: The scoring service now logs both; see src/scoring/metrics.py."
        in (last["summary"])
    )
    # The Markdown, rendered on the save, says who proposed it; check does not ask for the
    # agent among the document's people (MLD011 is for people).
    assert "agent:claude-code" in path.with_suffix(".md").read_text(encoding="utf-8")
    check = subprocess.run(
        [sys.executable, "-m", "mldwizard", "check", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert '"MLD011"' not in check.stdout, check.stdout


async def test_bad_calls_are_tool_errors_naming_the_valid_choices(
    make_doc: Callable[..., Path], ok: Run
) -> None:
    path = with_people(make_doc, ok)
    before = path.read_bytes()
    propose = {"chapter": "problem", "question": "costlier_error", "reason": "From the code."}
    async with mcp_session(path) as session:
        said = await refused(session, "get_chapter", chapter="no-such-chapter")
        assert "no chapter 'no-such-chapter'" in said and "5 (metrics)" in said
        said = await refused(session, "propose_answer", **{**propose, "chapter": "99", "text": "x"})
        assert "no chapter '99'" in said and "2 (problem)" in said
        said = await refused(
            session, "propose_answer", **{**propose, "question": "nope", "text": "x"}
        )
        assert "no question 'nope'" in said and "costlier_error" in said
        said = await refused(session, "propose_answer", **{**propose, "text": "false alarms"})
        assert "false-positives" in said and "false-negatives" in said  # the valid values
        said = await refused(
            session, "propose_answer", **{**propose, "text": "false-negatives", "reason": " "}
        )
        assert "reason" in said
        said = await refused(session, "propose_answer", chapter="problem", question="risks")
        assert "text" in said and "reason" in said  # required arguments
        said = await refused(session, "get_outline", document="other.toml")
        assert "not served here" in said and str(path) in said
        # The stage gate has no questions: an agent cannot mark its items either.
        said = await refused(
            session,
            "propose_answer",
            **{
                **propose,
                "chapter": "stage-gate-pilot",
                "question": "fallback_works",
                "text": "met",
            },
        )
        assert "no question 'fallback_works'" in said
        assert path.read_bytes() == before  # nothing was written
        # Someone breaks the file while it is served: each call says where, none crashes.
        path.write_bytes(before.replace(b"[project]", b"[project]\nnope = 1", 1))
        said = await refused(session, "get_outline")
        assert str(path) in said and "nope" in said
        said = await refused(session, "propose_answer", **{**propose, "text": "about-equal"})
        assert str(path) in said
        listed = await call(session, "list_documents")
        assert "nope" in listed["documents"][0]["error"]
        path.write_bytes(before)
        # The server is still there after all of it: the protocol never broke.
        done = await call(
            session, "propose_answer", **{**propose, "text": "false negatives are worse"}
        )
        assert done["answer"] == "false-negatives"
    assert toml(path)["chapters"]["problem"]["answers"]["costlier_error"] == "false-negatives"


async def test_the_server_writes_nothing_but_the_named_documents(
    tmp_path: Path, make_doc: Callable[..., Path], ok: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document named by a path that leads elsewhere is refused, even one that exists and
    loads; a proposal writes the document, its Markdown and its backup, nothing else."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above it
    served_dir = tmp_path / "repo" / "docs"
    served_dir.mkdir(parents=True)
    path = with_people(make_doc, ok, "repo/docs/design.toml")
    outside = make_doc("outside.toml")  # a good document next to the repository
    outside_bytes = outside.read_bytes()
    before = files_under(tmp_path)
    propose = {"chapter": "problem", "question": "risks", "text": "x", "reason": "why not"}
    async with mcp_session("docs/design.toml", cwd=tmp_path / "repo") as session:
        for name in ("../outside.toml", str(outside), "docs/../../outside.toml", "/etc/passwd"):
            said = await refused(session, "propose_answer", document=name, **propose)
            assert "not served here" in said and "docs/design.toml" in said
            await refused(session, "get_chapter", document=name, chapter="problem")
        await refused(session, "propose_answer", **{**propose, "chapter": "../../outside"})
        with_arguments = {"get_chapter", "get_question_specs", "chapters_for_files"}
        for tool in READ_TOOLS - with_arguments - {"check_changes"}:
            await call(session, tool)
        await call(session, "chapters_for_files", files=["src/model.py"])
        said = await refused(session, "check_changes", base="main")
        assert "not in a git repository" in said
        await call(session, "get_chapter", chapter="problem")
        await call(session, "get_question_specs", chapter="problem")
        for resource in (await session.list_resources()).resources:
            await session.read_resource(str(resource.uri))
        assert files_under(tmp_path) == before  # reading writes nothing at all
        done = await call(session, "propose_answer", document="docs/design.toml", **propose)
        assert done["status"] == "review"
        same = await call(session, "get_outline", document=str(path))  # the same file
        assert same["title"] == "Fraud scoring"
    after = files_under(tmp_path)
    assert outside.read_bytes() == outside_bytes
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed <= {
        "repo/docs/design.toml",
        "repo/docs/design.md",
        "repo/docs/design.toml.bak",
        "repo/docs/.design.toml.lock",
    }
    assert "repo/docs/design.toml" in changed


async def test_several_documents_each_named_by_its_path(
    make_doc: Callable[..., Path], ok: Run
) -> None:
    first = with_people(make_doc, ok, "design.toml")
    second = make_doc("sub-design.toml", title="Churn model")
    async with mcp_session(first, second) as session:
        said = await refused(session, "get_outline")
        assert str(first) in said and str(second) in said
        listed = await call(session, "list_documents")
        assert [d["title"] for d in listed["documents"]] == ["Fraud scoring", "Churn model"]
        outline = await call(session, "get_outline", document=str(second))
        assert outline["title"] == "Churn model"
        assert any(s["slug"] == "metrics" for s in outline["steps"])
        outline = await call(session, "get_outline", document="design")  # its id
        assert outline["title"] == "Fraud scoring"
        uris = {str(r.uri) for r in (await session.list_resources()).resources}
        assert {"mldwizard://design/outline", "mldwizard://sub-design/outline"} <= uris
        owners = await call(session, "get_ownership", document=str(first))
        assert {p["handle"] for p in owners["people"]} == {"ana", "bo", "tester"}
        fresh = await call(session, "get_freshness", document=str(first))
        assert {s["slug"]: s["freshness"] for s in fresh["steps"]}["metrics"] == "empty"
        verdicts = await call(session, "get_verdicts", document=str(first))
        assert set(verdicts) >= {"gate", "feasibility", "stage_gates"}


async def test_reading_a_resource_of_an_unknown_chapter_is_an_error(
    make_doc: Callable[..., Path], ok: Run
) -> None:
    path = with_people(make_doc, ok)
    async with mcp_session(path) as session:
        read = await session.read_resource("mldwizard://design/specs/metrics")
        [content] = read.contents
        assert isinstance(content, types.TextResourceContents)
        assert '"prompt"' in content.text
        try:
            await session.read_resource("mldwizard://design/specs/nope")
        except Exception as exc:  # an MCP error response, not a crash
            assert "no chapter 'nope'" in str(exc)
        else:
            raise AssertionError("an unknown chapter was read")
        result = await session.call_tool("get_outline", {})  # still serving
        assert not result.is_error, text_of(result)


def test_without_the_extra_it_says_how_to_install_it(doc_path: Path) -> None:
    script = (
        "import sys; sys.modules['mcp'] = None\n"  # as if the SDK were not installed
        "from mldwizard.cli import main\n"
        f"sys.exit(main(['mcp', {str(doc_path)!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert "pip install 'mldwizard[mcp]'" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_a_document_that_does_not_load_is_refused_before_serving(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('schema_version = 2\n[project]\ntitle = "x"\nnope = 1\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mldwizard", "mcp", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2, done.stderr
    assert str(bad) in done.stderr and "Traceback" not in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "mldwizard", "mcp", str(tmp_path / "design.txt")],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2 and ".toml" in done.stderr


async def test_the_author_is_the_client_name_made_safe_and_a_proposal_says_something_new(
    make_doc: Callable[..., Path], ok: Run
) -> None:
    path = with_people(make_doc, ok)
    propose = {"chapter": "problem", "question": "risks", "text": "Chargebacks."}
    async with mcp_session(path, client="../Evil Bot\u202e\n") as session:
        done = await call(session, "propose_answer", **propose, reason="First pass.")
        assert done["author"] == "agent:evil-bot"
        said = await refused(session, "propose_answer", **propose, reason="Again.")
        assert "already the answer" in said
        said = await refused(
            session, "propose_answer", **{**propose, "text": "More."}, reason="a\u202eb"
        )
        assert "reason" in said
        said = await refused(session, "propose_answer", **{**propose, "text": "  "}, reason="Hm.")
        assert "cannot remove an answer" in said and "--clear" not in said  # no CLI flag
    entries = [e for e in toml(path)["changelog"] if e["by"].startswith("agent:")]
    assert [e["by"] for e in entries] == ["agent:evil-bot"]


async def test_a_proposal_is_limited_in_size_and_its_result_is_short(
    make_doc: Callable[..., Path], ok: Run
) -> None:
    """QA 15 #10: a runaway agent cannot write megabytes in one call, and the result does
    not echo a long answer back into the agent's context."""
    from mldwizard.core.agent_edits import MAX_PROPOSAL_CHARS, SHOWN_ANSWER_CHARS

    path = with_people(make_doc, ok)
    before = files_under(path.parent)
    long = ("Chargebacks rise when the model blocks good customers. " * 400)[:MAX_PROPOSAL_CHARS]
    propose = {"chapter": "problem", "question": "risks", "reason": "Long."}
    async with mcp_session(path) as session:
        said = await refused(session, "propose_answer", **propose, text=long + "x")
        assert f"at most {MAX_PROPOSAL_CHARS:,} characters, got {MAX_PROPOSAL_CHARS + 1:,}" in said
        assert files_under(path.parent) == before  # nothing written, no backup either
        result = await session.call_tool("propose_answer", {**propose, "text": long})
        assert not result.is_error, text_of(result)
        assert len(text_of(result)) < 2 * SHOWN_ANSWER_CHARS + 1000
        done = json.loads(text_of(result))
        assert done["answer_truncated"] is True and done["answer_chars"] == len(long.strip())
        assert len(done["answer"]) == SHOWN_ANSWER_CHARS and done["answer"].endswith("…")
        assert long.startswith(done["answer"][:-1])
        short = await call(session, "propose_answer", **propose, text="Chargebacks.")
        assert short["answer"] == "Chargebacks." and short["answer_truncated"] is False
    assert toml(path)["chapters"]["problem"]["answers"]["risks"] == "Chargebacks."


def readme_section() -> str:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Coding agents (MCP)")
    return readme[start : readme.index("\n## ", start + 1)]


async def test_the_readme_lists_every_tool_and_its_client_config_starts_the_server(
    tmp_path: Path, make_doc: Callable[..., Path], ok: Run
) -> None:
    """The README's `.mcp.json` is what Claude Code runs, in the repository's root: run it
    (the installed `mldwizard` script, the arguments as written) and compare the tools."""
    section = readme_section()
    documented = set(re.findall(r"^\| `(\w+)", section, flags=re.MULTILINE))
    configs = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", section, re.DOTALL)]
    assert len(configs) == 3
    server = configs[0]["mcpServers"]["mldwizard"]
    (tmp_path / "docs").mkdir()
    with_people(make_doc, ok, "docs/design.toml")
    script = Path(sys.executable).with_name("mldwizard")
    async with mcp_session(cwd=tmp_path, command=[str(script), *server["args"]]) as session:
        tools = {t.name for t in (await session.list_tools()).tools}
        outline = await call(session, "get_outline")
    assert documented == tools
    assert server["command"] == "mldwizard" and outline["title"] == "Fraud scoring"
    cursor = configs[1]["mcpServers"]["mldwizard"]
    assert cursor["args"] == ["mcp", "${workspaceFolder}/docs/design.toml"]
    # Claude Desktop: absolute paths only (it fills in no variable, starts elsewhere, and
    # does not see the venv's PATH); with ours in their place it starts from any folder.
    desktop = configs[2]["mcpServers"]["mldwizard"]
    assert Path(desktop["command"]).is_absolute() and desktop["command"].endswith("/mldwizard")
    assert desktop["args"][0] == "mcp" and all(Path(a).is_absolute() for a in desktop["args"][1:])
    assert "$" not in json.dumps(desktop)
    ours = [str(script), "mcp", str(tmp_path / "docs" / "design.toml")]
    async with mcp_session(cwd=Path("/"), command=ours) as session:
        assert (await call(session, "get_outline"))["title"] == "Fraud scoring"


async def test_a_relative_document_is_found_from_a_subfolder_of_the_repository(
    tmp_path: Path, make_doc: Callable[..., Path], ok: Run
) -> None:
    """QA 15 #15: a client that starts the server in a subfolder of the repository whose
    `.mcp.json` says docs/design.toml: served from the repository root, and said on
    stderr; outside a repository, a clear message on stderr and exit 2."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "docs").mkdir()
    with_people(make_doc, ok, "docs/design.toml")
    (tmp_path / "services" / "router").mkdir(parents=True)
    cwd = tmp_path / "services" / "router"
    async with mcp_session("docs/design.toml", cwd=cwd) as session:
        listed = await call(session, "list_documents")
        outline = await call(session, "get_outline", document="docs/design.toml")
    assert [d["document"] for d in listed["documents"]] == ["docs/design.toml"]
    assert outline["title"] == "Fraud scoring"
    started = subprocess.run(
        [sys.executable, "-m", "mldwizard", "mcp", "docs/design.toml"],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert started.returncode == 0, started.stderr
    assert f"serving {tmp_path / 'docs' / 'design.toml'}, relative to the repository root" in (
        started.stderr
    )
    alone = tmp_path.parent / f"{tmp_path.name}-alone"
    alone.mkdir()
    refused_start = subprocess.run(
        [sys.executable, "-m", "mldwizard", "mcp", "docs/design.toml"],
        cwd=alone,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert refused_start.returncode == 2
    err = refused_start.stderr
    assert (
        err.startswith("mldwizard: docs/design.toml: no such document") and "Traceback" not in err
    )
    assert f"looked for in {alone}" in err and "absolute path" in err


async def test_a_proposal_with_a_control_character_is_refused(
    make_doc: Callable[..., Path], ok: Run
) -> None:
    """qa9b #1: an agent cannot plant a terminal escape sequence for the owner's wizard."""
    path = with_people(make_doc, ok)
    before = path.read_bytes()
    async with mcp_session(path) as session:
        text = await refused(
            session,
            "propose_answer",
            chapter="metrics",
            question="business_metric",
            text="\x1b]0;AGENTPWN\x07 hi",
            reason="r",
        )
    assert "metrics.business_metric" in text and "\\x1b" in text and "\x1b" not in text
    assert path.read_bytes() == before


async def test_a_proposal_linking_to_an_unsafe_address_is_refused(
    make_doc: Callable[..., Path], ok: Run
) -> None:
    """qa9c #14: an agent's answer with a javascript: link is refused, naming the field;
    the same answer without it is written."""
    path = with_people(make_doc, ok)
    before = path.read_bytes()
    propose = {"chapter": "problem", "question": "risks", "reason": "First pass."}
    async with mcp_session(path, client="Claude Code") as session:
        said = await refused(
            session, "propose_answer", **propose, text="See [the audit](javascript:alert(1))."
        )
        assert "problem.risks links to an unsafe javascript: address" in said, said
        assert "nothing was written" in said
        assert path.read_bytes() == before
        await call(session, "propose_answer", **propose, text="See [it](https://a.example/x).")
    assert toml(path)["chapters"]["problem"]["answers"]["risks"]
