"""Rich renderings for the terminal: ``mldwizard show`` and ``mldwizard specs``."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.markdown import Markdown
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..core.condition_words import in_words, shown_when
from ..core.document import Document
from ..core.feasibility import FeasibilityResult
from ..core.feasibility_text import item_details, item_marks
from ..core.gate import GateResult
from ..core.gate_spec import LEVEL_LABEL, LEVELS
from ..core.kinds import describe_choices, format_answer, is_answered
from ..core.markdown import AXIS_LABEL, STATUS_LABEL
from ..core.mdsafe import safe_block
from ..core.progress import chapters_complete, step_progress
from ..core.question_notes import cover_line, earlier_label, earlier_question
from ..core.shown import later_questions, missing_questions, shown_questions
from ..core.spec_text import example_markdown, readable_lines
from ..core.specs import PARTS, Question, Specs, StepSpec
from ..core.stages import STAGE_LABEL, stage_text
from ..core.verdicts import (
    feasibility_result,
    gate_advice,
    gate_pending,
    gate_result,
    gate_verdict_text,
    level_label,
)
from .feasibility_view import bullet_list as _bullets
from .feasibility_view import feasibility_rows
from .stage_gate_views import stage_gate_rows, stage_gate_step
from .terminal import SafeConsole

VERDICT_STYLE = {
    "GO": "bold green",
    "CONDITIONAL": "bold yellow",
    "NO-GO": "bold white on red",
    "INCOMPLETE": "bold",
    "PIVOT": "bold cyan",
    "SCOPE-DOWN": "bold yellow",
    "heuristic": "bold cyan",
    "existing-model": "bold blue",
    "simple-model": "bold green",
    "complex-model": "bold magenta",
    "do-not-build": "bold red",
}


def _console() -> Console:
    return SafeConsole(highlight=False)


def show_document(doc: Document, specs: Specs, only: StepSpec | None) -> None:
    console = _console()
    gate, feas = gate_result(doc, specs), feasibility_result(doc, specs)
    if only is None:
        console.print(_header(doc, specs))
        console.print(_verdicts(doc, specs, gate, feas))
    part = None
    for step in specs.steps if only is None else [only]:
        if only is None and specs.parts[step.slug] != part:
            part = specs.parts[step.slug]
            console.print(Rule(Text(PARTS[part], style="bold"), style="blue"))
        console.print(_step(doc, specs, step, gate, feas))


def show_overview(doc: Document, specs: Specs) -> None:
    """The title, the verdicts and one line per step: what ``demo`` shows first."""
    console = _console()
    console.print(_header(doc, specs))
    console.print(_verdicts(doc, specs, gate_result(doc, specs), feasibility_result(doc, specs)))
    for part, steps in groupby(specs.steps, key=lambda s: specs.parts[s.slug]):
        table = Table(title=PARTS[part], title_justify="left", title_style="bold blue", expand=True)
        table.add_column("#", width=2, justify="right")
        table.add_column("Step", ratio=1, min_width=18)
        for column in ("Status", "Owners", "Answered", "Updated"):
            table.add_column(column)
        for step in steps:
            state = doc.step(step.slug)
            progress = step_progress(doc, step)
            answered = Text(f"{progress.answered}/{progress.shown}")
            if progress.required_answered < progress.required:
                left = progress.required - progress.required_answered
                answered.append(f" ({left} required left)", style="yellow")
            table.add_row(
                str(step.number or ""),
                Text(step.title),
                state.status,
                Text(", ".join(state.owners)),
                answered,
                state.updated.date().isoformat() if state.updated else "",
            )
        console.print(table)


def _header(doc: Document, specs: Specs) -> Panel:
    parts: list[RenderableType] = []
    if is_answered(doc.project.summary):
        parts.append(Markdown(safe_block(_shortened(doc.project.summary))))
    done, total = chapters_complete(doc, specs)
    people = ", ".join(f"{p.handle} ({p.role})" if p.role else p.handle for p in doc.people)
    parts.append(
        Text(
            f"Created {doc.project.created.isoformat()} · Stage: {stage_text(doc.stage)} · "
            f"{done} of {total} chapters complete" + (f" · People: {people}" if people else ""),
            style="dim",
        )
    )
    return Panel(Group(*parts), title=Text(doc.project.title, style="bold"))


def _verdicts(
    doc: Document, specs: Specs, gate: GateResult | None, feas: FeasibilityResult | None
) -> Panel:
    rows: list[RenderableType] = []
    if gate is not None:
        line = Text("Should this be ML at all?  ", style="bold")
        verdict = doc.gate.override or gate.verdict
        if verdict:
            line.append(level_label(verdict), style=VERDICT_STYLE[verdict])
            if doc.gate.override:
                computed = level_label(gate.verdict)
                line.append(f"  (overridden; the answers say {computed})", style="dim")
        else:
            line.append(gate_pending(doc, specs, gate), style="dim")
        rows.append(line)
        if doc.gate.override:
            rows.append(_bullets([f"Override reason: {doc.gate.override_reason}"]))
        elif gate.verdict:
            if gate.opinion_only:
                rows.append(Text(gate.opinion_only, style="bold yellow"))
            rows.append(_bullets(gate.reasons))
    if feas is not None:
        rows += feasibility_rows(feas, VERDICT_STYLE)
    rows += stage_gate_rows(doc, specs, reasons=True)
    style = "red" if feas is not None and feas.verdict == "NO-GO" else "blue"
    return Panel(Group(*rows), title="Verdicts", border_style=style)


def _step(
    doc: Document,
    specs: Specs,
    step: StepSpec,
    gate: GateResult | None,
    feas: FeasibilityResult | None,
) -> RenderableType:
    state = doc.step(step.slug)
    meta = [f"status {state.status}", f"revision {state.revision}"]
    if state.owners:
        meta.insert(1, "owners " + ", ".join(state.owners))
    if state.updated:
        meta.append(f"updated {state.updated.date().isoformat()}")
    if state.reviewed:
        meta.append(f"reviewed {state.reviewed.date().isoformat()}")
    parts: list[RenderableType] = [Text(" · ".join(meta), style="dim")]
    if step.kind == "gate" and gate is not None and gate.leaning:
        if gate.verdict or doc.gate.override:
            label = gate_verdict_text(doc.gate.override, gate.verdict)
        else:
            label = gate_pending(doc, specs, gate)
        parts.append(Text(f"Verdict: {label}", style=VERDICT_STYLE.get(gate.leaning, "")))
        parts.extend(_gate_reasons(doc, specs, gate))
    if step.kind == "feasibility":
        if feas is not None:  # the verdict first, as in the Verdicts box
            parts += feasibility_rows(feas, VERDICT_STYLE)
        parts.append(_checklist(doc, step, feas))
    if step.kind == "stage-gate":
        parts.append(stage_gate_step(doc, specs, step))
    missing = {q.id for q in missing_questions(doc, step)}
    for question in shown_questions(doc, step):
        value = state.answers.get(question.id)
        if not is_answered(value) and question.id not in missing:
            continue
        parts.append(Text(question.title, style="bold"))
        answer: RenderableType
        if question.id in missing:
            answer = Text("TODO: not answered yet (required)", style="yellow")
        elif question.kind == "long_text":
            answer = Markdown(safe_block(_shortened(str(value))))
        else:
            answer = Text(_shortened(format_answer(question.labelled(value))))  # type: ignore[arg-type]
        parts.append(Padding(answer, (0, 0, 1, 2)))
    later = later_questions(doc, step)
    if later:
        titles = ", ".join(f"{q.title} (from {STAGE_LABEL[q.from_stage].lower()})" for q in later)
        parts.append(Text(f"Later stages: {titles}", style="dim"))
    return Panel(Group(*parts), title=Text(step.label, style="bold"), title_align="left")


def _gate_reasons(doc: Document, specs: Specs, gate: GateResult) -> list[RenderableType]:
    """Under the gate's verdict in ``show DOC gate``: the opinion-only warning, the reasons,
    what points the other way, the levels ruled out and what to do."""
    parts: list[RenderableType] = []
    if gate.opinion_only:
        parts.append(Text(gate.opinion_only, style="bold yellow"))
    if gate.reasons:
        parts += [Text("Why:", style="bold"), _bullets(gate.reasons)]
    if gate.against:
        parts += [Text("Pointing the other way:", style="bold"), _bullets(gate.against)]
    if gate.ruled_out:
        order = [lv for lv in LEVELS if lv in gate.ruled_out]
        ruled = [f"{LEVEL_LABEL[lv]}: {' '.join(gate.ruled_out[lv])}" for lv in order]
        parts += [Text("Ruled out:", style="bold"), _bullets(ruled)]
    advice = gate_advice(gate, doc.gate.override or gate.verdict)
    if advice and not doc.gate.override:
        parts.append(Text(advice, style="yellow"))
    if doc.gate.override:
        parts.append(_bullets([f"Override reason: {doc.gate.override_reason}"]))
    return [*parts, Text("")]


SHOWN_CHARS = 20_000
"""An answer longer than this is cut in ``show`` (a terminal overview; rich's layout of a
multi-megabyte answer takes seconds to minutes). The Markdown export has it all."""


def _shortened(text: str) -> str:
    if len(text) <= SHOWN_CHARS:
        return text
    rest = len(text) - SHOWN_CHARS
    return f"{text[:SHOWN_CHARS]}\n\n… {rest:,} more characters: see `mldwizard export`"


def _checklist(doc: Document, step: StepSpec, feas: FeasibilityResult | None) -> Table:
    unevidenced = {g.item.id: g.unevidenced for g in feas.unevidenced} if feas else {}
    table = Table(expand=True, show_lines=False)
    for column in ("Axis", "Item", "Status", "Owner", "Condition / note"):
        table.add_column(column)
    for item in step.items:
        state = doc.feasibility.items.get(item.id)
        status = STATUS_LABEL[state.status] if state and state.status else "—"
        if state is not None:
            status += item_marks(state, unevidenced.get(item.id), critical=item.critical)
        table.add_row(
            AXIS_LABEL[item.axis],
            Text(item.text + (" *" if item.critical else "")),
            status,
            Text((state.owner or "") if state else ""),
            Text(item_details(state, critical=item.critical) if state else ""),
        )
    return table


def show_specs(specs: Specs, only: StepSpec | None) -> None:
    console = _console()
    if only is None:
        table = Table(title="Wizard steps", expand=False)
        for column in ("#", "slug", "title", "part", "questions", "required", "later"):
            table.add_column(column)
        for step in specs.steps:
            # The step's own questions (an overlay's are counted in its own table, the free
            # notes never): how many, how many required at design, how many asked later.
            own = [q for q in step.questions if q.applies_to is None and not q.is_notes]
            table.add_row(
                str(step.number or ""),
                Text(step.slug),
                Text(step.title),
                PARTS[specs.parts[step.slug]],
                str(len(own) or len(step.items) or len(step.criteria)),
                str(sum(1 for q in own if q.required_at("design")) or len(step.items) or 0),
                str(sum(1 for q in own if q.from_stage != "design") or ""),
            )
        console.print(table)
        console.print(
            "required: at the design stage (more become required later); later: asked only "
            "from a later stage; the free notes of each chapter are not counted",
            style="dim",
        )
        if specs.overlays:
            console.print(_overlays(specs))
        console.print("Details of one step: mldwizard specs CHAPTER", style="dim")
        return
    console.print(Rule(Text(only.label, style="bold")))
    console.print(Text(" ".join(only.intro.split()), style="italic"))
    for q in only.questions:
        head = Text(q.id, style="bold cyan")
        head.append(f"  {q.kind}{'  required' if q.required else ''}", style="dim")
        if q.stage_note():
            head.append(f"  ({q.stage_note()})", style="yellow")
        console.print(head)
        console.print(Text(q.title, style="bold"))
        console.print(Text(q.prompt))
        for line in _question_notes(specs, q):
            console.print(line)
        if q.choices:
            console.print(Text("choices: " + describe_choices(q.choices, q.choice_labels)))
        overlay = specs.overlay_of(only.slug, q.id)
        if overlay is not None:
            console.print(Text(f"added by the overlay {overlay.title!r} ({overlay.slug})"))
        condition = shown_when(q, specs, only)
        if condition:
            only_when = "shown only when" if overlay is not None else "shown when"
            console.print(Text(f"{only_when} {condition}", style="dim"))
        console.print(Text("help: " + "\n".join(readable_lines(q.help)), style="dim"))
        example = "\n".join(readable_lines(example_markdown(q)))
        console.print(Text("example: " + example, style="green"))
        console.print()
    for item in only.items:
        console.print(
            Text(
                f"{item.id}  [{AXIS_LABEL[item.axis]}]{'  critical' if item.critical else ''}",
                style="bold cyan",
            )
        )
        console.print(Text(item.text))
    for criterion in only.criteria:  # a stage gate's items
        critical = "  critical" if criterion.critical else ""
        console.print(Text(f"{criterion.id}{critical}", style="bold cyan"))
        console.print(Text(criterion.text))
        console.print(Text("help: " + criterion.help, style="dim"))
        if criterion.refs:
            console.print(Text("evidence usually in: " + ", ".join(criterion.refs), style="dim"))


def _overlays(specs: Specs) -> Table:
    """Questions added to chapters when a condition holds (say, for language models)."""
    table = Table(title="Overlays: questions added to chapters when they apply", expand=False)
    for column in ("slug", "title", "applies when", "adds"):
        table.add_column(column)
    for overlay in specs.overlays:
        assert overlay.applies_to is not None  # the loader made sure
        table.add_row(
            Text(overlay.slug),
            Text(overlay.title),
            Text(in_words(overlay.applies_to, specs, overlay)),
            Text(", ".join(f"{q.chapter}.{q.id}" for q in overlay.questions)),
        )
    return table


def _question_notes(specs: Specs, question: Question) -> list[Text]:
    """What a good answer covers, and the earlier question it builds on."""
    out = []
    if question.asks:
        out.append(Text(cover_line(question)))
    found = earlier_question(specs, question)
    if found is not None:
        step, earlier = found
        label = earlier_label(step, earlier)
        out.append(Text(f"builds on {label} ({question.builds_on})", style="cyan"))
    return out


def specs_as_json(specs: Specs, only: StepSpec | None) -> list[dict[str, Any]]:
    out = []
    for step in specs.steps if only is None else [only]:
        data = step.model_dump(mode="json", by_alias=True)
        data["part"] = specs.parts[step.slug]
        for question, entry in zip(step.questions, data["questions"], strict=True):
            overlay = specs.overlay_of(step.slug, question.id)
            if overlay is not None and question.applies_to is not None:
                entry["overlay"] = overlay.slug
                entry["applies_to"] = question.applies_to.model_dump(
                    mode="json", by_alias=True, exclude_none=True
                )
        out.append(data)
    if only is None:
        out.extend(o.model_dump(mode="json", by_alias=True) for o in specs.overlays)
    return out
