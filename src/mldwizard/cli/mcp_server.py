"""The MCP server of ``mldwizard mcp``: what a coding agent may read, ask and propose.

Read (tools, and resources at ``mldwizard://ID/...``): the outline, a chapter's answers,
what each question asks, the verdicts, owners and freshness. Ask: which chapters cover some
files, and what ``check`` says about a branch. Propose: one answer, which sends its chapter
to review. Nothing approves, acknowledges, or changes owners, people, reviews or the stage:
there is no tool for it. Every argument is checked as the command line checks it; a bad
one is a tool error that names the valid choices, never a traceback.

Only the ``cli/mcp_*`` modules import the ``mcp`` SDK (an optional extra).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any

from mcp.server.mcpserver import Context, MCPServer
from pydantic import Field

from .. import __version__
from ..core import agent_views
from ..core.agent_edits import MAX_PROPOSAL_CHARS, propose_answer, shown_answer
from ..core.agent_names import agent_author
from ..core.errors import MldwizardError
from .mcp_ask import add_ask_tools
from .mcp_common import (
    PROPOSES,
    READ_ONLY,
    ChapterArg,
    DocumentArg,
    as_resource_error,
    as_tool_error,
)
from .mcp_documents import Documents, Served

INSTRUCTIONS = """\
mldwizard keeps a machine-learning system design document (TOML, with a Markdown rendering)
next to the code. Read its outline first (get_outline), then a chapter (get_chapter) and
what its questions ask (get_question_specs). When you change code, ask which chapters cover
the files (chapters_for_files) and what check says for the branch (check_changes). You may
propose an answer (propose_answer, with a reason): it is written with you as its author and
the chapter goes to review, for a human owner to approve. You cannot approve, acknowledge,
or change owners, people, reviews or the stage."""


def build_server(documents: Documents) -> MCPServer[Any]:
    server: MCPServer[Any] = MCPServer(
        name="mldwizard",
        title="mldwizard design documents",
        instructions=INSTRUCTIONS,
        version=__version__,
        log_level="WARNING",
    )
    _add_read_tools(server, documents)
    add_ask_tools(server, documents)
    _add_proposal_tool(server, documents)
    for served in documents.served:
        _add_resources(server, documents, served)
    return server


def _status(documents: Documents, served: Served) -> dict[str, Any]:
    from .living import status_json

    return status_json(documents.health(served))


def verdicts(status: dict[str, Any]) -> dict[str, Any]:
    keys = ("path", "title", "stage", "gate_verdict", "gate", "feasibility_verdict")
    return {k: status[k] for k in (*keys, "feasibility", "stage_gates")}


def ownership(status: dict[str, Any]) -> dict[str, Any]:
    return {
        "path": status["path"],
        "bus_factor": status["bus_factor"],
        "single_owner_steps": status["single_owner_steps"],
        "steps": [
            {k: s[k] for k in ("slug", "number", "title", "status", "owners")}
            for s in status["steps"]
        ],
        "people": status["people"],
    }


def freshness(status: dict[str, Any]) -> dict[str, Any]:
    keys = ("slug", "number", "title", "freshness", "updated", "reviewed", "review_due")
    return {
        "path": status["path"],
        "steps": [{k: s[k] for k in (*keys, "revision", "drift")} for s in status["steps"]],
    }


def _add_read_tools(server: MCPServer[Any], documents: Documents) -> None:
    @server.tool(annotations=READ_ONLY)
    def list_documents() -> dict[str, Any]:
        """The documents this server serves: path (as given), id, title and stage (or why
        one does not load now)."""
        out = []
        for served in documents.served:
            entry: dict[str, Any] = {"document": served.given, "id": served.key}
            try:
                _, doc = documents.load(served)
            except MldwizardError as exc:
                entry["error"] = str(exc)
            else:
                entry.update(title=doc.project.title, stage=doc.stage)
            out.append(entry)
        return {"documents": out}

    @server.tool(annotations=READ_ONLY)
    def get_outline(document: DocumentArg = None) -> dict[str, Any]:
        """The document's outline: title, stage, verdicts, and every chapter (slug, title,
        status, owners, freshness, questions answered and required)."""
        with as_tool_error():
            return agent_views.outline(documents.health(documents.find(document)))

    @server.tool(annotations=READ_ONLY)
    def get_chapter(chapter: ChapterArg, document: DocumentArg = None) -> dict[str, Any]:
        """A chapter's answers under their question titles, its status, owners, dates and
        code paths (and the checklist items of the feasibility checklist or a stage gate)."""
        with as_tool_error():
            specs, doc = documents.load(documents.find(document))
            return agent_views.chapter(doc, specs.resolve(chapter))

    @server.tool(annotations=READ_ONLY)
    def get_question_specs(chapter: ChapterArg, document: DocumentArg = None) -> dict[str, Any]:
        """What a chapter asks: each question's prompt, help, an example of a good answer,
        its kind and choices, and whether the document's stage requires it."""
        with as_tool_error():
            specs, doc = documents.load(documents.find(document))
            return agent_views.step_specs(doc, specs, specs.resolve(chapter))

    @server.tool(annotations=READ_ONLY)
    def get_verdicts(document: DocumentArg = None) -> dict[str, Any]:
        """The gate (does this need ML?), the feasibility checklist and the stage gates:
        each verdict with its reasons and gaps, as `mldwizard status --format json`."""
        with as_tool_error():
            return verdicts(_status(documents, documents.find(document)))

    @server.tool(annotations=READ_ONLY)
    def get_ownership(document: DocumentArg = None) -> dict[str, Any]:
        """Who owns each chapter, the document's people and what each owns, the bus factor."""
        with as_tool_error():
            return ownership(_status(documents, documents.find(document)))

    @server.tool(annotations=READ_ONLY)
    def get_freshness(document: DocumentArg = None) -> dict[str, Any]:
        """Each chapter's freshness (empty, fresh, review-due, drifted), its last update and
        review, and the commit and files of a code drift."""
        with as_tool_error():
            return freshness(_status(documents, documents.find(document)))


def _add_proposal_tool(server: MCPServer[Any], documents: Documents) -> None:
    @server.tool(name="propose_answer", annotations=PROPOSES)
    def propose(
        chapter: ChapterArg,
        question: Annotated[str, Field(description="The question's id (see get_chapter)")],
        text: Annotated[
            str,
            Field(
                description="The answer, as `mldwizard set` takes it: a choice's value or "
                "label; a list one item per line; yes/no; a number; YYYY-MM-DD; at most "
                f"{MAX_PROPOSAL_CHARS:,} characters"
            ),
        ],
        reason: Annotated[str, Field(description="Why: kept in the changelog")],
        ctx: Context,
        document: DocumentArg = None,
    ) -> dict[str, Any]:
        """Propose an answer: it is written to the document with you as its author
        (agent:NAME) and the reason in the changelog, and the chapter goes to review so a
        human owner must approve it."""
        author = agent_author(_client_name(ctx))
        with as_tool_error():
            served = documents.find(document)
            specs = documents.specs(served)
            proposal = propose_answer(served.path, specs, chapter, question, text, reason, author)
        state = proposal.saved.step(proposal.step.slug)
        shown, chars = shown_answer(proposal.value)
        cut = len(shown) < chars
        return {
            "document": served.given,
            "chapter": proposal.step.slug,
            "question": proposal.question,
            # the answer as stored when it is short; else its start (get_chapter has it all)
            "answer": shown if cut else agent_views.json_value(proposal.value),
            "answer_truncated": cut,
            "answer_chars": chars,
            "status": state.status,
            "status_before": proposal.status_before,
            "revision": state.revision,
            "author": author,
            "owners": state.owners,
            "next": "A human owner reviews and approves the chapter "
            f"(mldwizard review {served.given} {proposal.step.slug} --by OWNER --approve).",
        }


def _client_name(ctx: Context) -> str | None:
    """The name the client gave itself in its initialize request (clientInfo.name)."""
    params = ctx.session.client_params
    return params.client_info.name if params is not None else None


def _add_resources(server: MCPServer[Any], documents: Documents, served: Served) -> None:
    base = f"mldwizard://{served.key}"
    whole: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
        "verdicts": verdicts,
        "owners": ownership,
        "freshness": freshness,
    }

    def outline() -> str:
        with as_resource_error():
            return _json(agent_views.outline(documents.health(served)))

    server.resource(
        f"{base}/outline",
        name=f"{served.key}-outline",
        title=f"Outline of {served.given}",
        description="Title, stage, verdicts, every chapter with status, owners, freshness",
        mime_type="application/json",
    )(outline)
    for part, view in whole.items():
        server.resource(
            f"{base}/{part}",
            name=f"{served.key}-{part}",
            title=f"{part.capitalize()} of {served.given}",
            mime_type="application/json",
        )(_status_reader(documents, served, view))
    specs = documents.specs(served)
    for step in specs.steps:
        server.resource(
            f"{base}/chapters/{step.slug}",
            name=f"{served.key}-chapter-{step.slug}",
            title=f"{step.label} ({served.given})",
            description="The chapter's answers under their question titles",
            mime_type="application/json",
        )(_chapter_reader(documents, served, step.slug))

    def question_specs(chapter: str) -> str:
        with as_resource_error():
            specs, doc = documents.load(served)
            return _json(agent_views.step_specs(doc, specs, specs.resolve(chapter)))

    server.resource(
        base + "/specs/{chapter}",
        name=f"{served.key}-specs",
        title=f"What a chapter of {served.given} asks",
        description="Each question's prompt, help and example; CHAPTER as in get_chapter",
        mime_type="application/json",
    )(question_specs)


def _status_reader(
    documents: Documents, served: Served, view: Callable[[dict[str, Any]], dict[str, Any]]
) -> Callable[[], str]:
    def read() -> str:
        with as_resource_error():
            return _json(view(_status(documents, served)))

    return read


def _chapter_reader(documents: Documents, served: Served, slug: str) -> Callable[[], str]:
    def read() -> str:
        with as_resource_error():
            specs, doc = documents.load(served)
            return _json(agent_views.chapter(doc, specs.resolve(slug)))

    return read


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)
