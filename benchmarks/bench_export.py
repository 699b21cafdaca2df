#!/usr/bin/env python
"""Benchmark loading, rendering, exporting and saving a large mldwizard document.

Builds a document in a temporary folder with every built-in step filled in (16 chapters, the
gate and the feasibility checklist), 4 people, and every question answered; the long_text
answers hold varied Markdown (paragraphs, lists, code fences, '#' lines, '===' underlines,
tables, quotes) adding up to about 1 MB (about 200 kB with --quick). Then it times:

  (a) storage.load_document
  (b) markdown.render_markdown
  (c) `mldwizard export PATH -o out.md` as a subprocess (wall time, start-up included)
  (d) serialize.to_toml_text
  (e) a full save: storage.update_document changing one answer

and a breakdown of the steps inside them, so the dominant cost is visible.

Usage:  python benchmarks/bench_export.py [--quick] [--reps N] [--size BYTES] [--keep]

Standard library plus the mldwizard package only. Exits 0 on success.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mldwizard import __version__
from mldwizard.core import edits, storage
from mldwizard.core.document import Document, new_document
from mldwizard.core.markdown import render_markdown
from mldwizard.core.mdcontain import contain
from mldwizard.core.mdsafe import _prepare, as_code_block, normalise, safe_block
from mldwizard.core.merge import flatten, merge_flat, rebuild
from mldwizard.core.serialize import to_toml_dict, to_toml_text
from mldwizard.core.specs import Question, Specs, StepSpec
from mldwizard.core.tomlio import dumps, parse_toml
from mldwizard.core.validate import document_problems
from mldwizard.core.workspace import specs_for

AUTHOR = "bench"
PEOPLE = [
    ("ana", "Ana Lima", "ML engineer"),
    ("ben", "Ben Okafor", "Product manager"),
    ("chen", "Chen Wei", "Data engineer"),
    ("dara", "Dara Novak", "Engineering manager"),
]

# --------------------------------------------------------------------------- text generator

_VOCABULARY = (
    "model data label feature pipeline latency threshold precision recall drift baseline "
    "ticket queue routing agent customer training validation holdout split leakage metric "
    "calibration score cohort segment rollout shadow canary fallback owner review budget "
    "throughput batch online stream window retrain schedule alert dashboard incident error "
    "analysis bias fairness audit consent retention storage schema join snapshot backfill "
    "experiment variant control uplift revenue cost risk assumption evidence estimate"
)
_VERBS = "reduces increases measures tracks limits explains replaces monitors caps routes"
WORDS = _VOCABULARY.split()
VERBS = _VERBS.split()
LANGS = ("python", "sql", "yaml", "bash", "")


def _sentence(rng: random.Random) -> str:
    n = rng.randint(8, 22)
    words = [rng.choice(WORDS) for _ in range(n)]
    words.insert(rng.randint(1, n - 1), rng.choice(VERBS))
    if rng.random() < 0.3:
        i = rng.randrange(len(words))
        words[i] = rng.choice(
            [f"`{words[i]}_id`", f"**{words[i]}**", f"*{words[i]}*", f"{rng.randint(2, 99)}%"]
        )
    if rng.random() < 0.1:
        words.append(
            f"(see [the {rng.choice(WORDS)} doc](https://wiki.example.com/{rng.choice(WORDS)}))"
        )
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 6)))


def _bullets(rng: random.Random) -> str:
    style = rng.choice(["- ", "* ", "1. "])
    lines = []
    for i in range(rng.randint(3, 8)):
        marker = f"{i + 1}. " if style == "1. " else style
        lines.append(marker + _sentence(rng))
        if rng.random() < 0.2:
            lines.append("   - " + _sentence(rng))
    return "\n".join(lines)


def _code(rng: random.Random) -> str:
    lang = rng.choice(LANGS)
    body = []
    for _ in range(rng.randint(3, 12)):
        a, b = rng.choice(WORDS), rng.choice(WORDS)
        body.append(
            rng.choice(
                [
                    f"# {a} {b}: keep in sync with the {rng.choice(WORDS)} job",
                    f"{a}_{b} = load_{a}(path='{b}.parquet', days={rng.randint(1, 90)})",
                    f"SELECT {a}, COUNT(*) FROM {b} GROUP BY {a};",
                    f"    {a}: {rng.randint(1, 500)}  # {b}",
                    "===",
                    f"<{a}>{b}</{a}>",
                ]
            )
        )
    fence = rng.choice(["```", "~~~"])
    return f"{fence}{lang}\n" + "\n".join(body) + f"\n{fence}"


def _heading_like(rng: random.Random) -> str:
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))).capitalize()
    kind = rng.random()
    if kind < 0.4:
        return f"{'#' * rng.randint(1, 4)} {title}"
    if kind < 0.7:
        return f"{title}\n{'=' * len(title)}"
    if kind < 0.85:
        return f"{title}\n{'-' * len(title)}"
    return f"#{rng.choice(WORDS)} is a tag, not a heading"


def _table(rng: random.Random) -> str:
    cols = rng.randint(2, 5)
    head = [rng.choice(WORDS).capitalize() for _ in range(cols)]
    rows = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for _ in range(rng.randint(2, 8)):
        cells = [
            rng.choice([rng.choice(WORDS), f"{rng.uniform(0, 1):.3f}", str(rng.randint(1, 9999))])
            for _ in head
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _quote(rng: random.Random) -> str:
    return "\n".join("> " + _sentence(rng) for _ in range(rng.randint(1, 3)))


def _html(rng: random.Random) -> str:
    return f"<details><summary>{rng.choice(WORDS)}</summary>\n\n{_paragraph(rng)}\n\n</details>"


BLOCKS: list[tuple[Callable[[random.Random], str], int]] = [
    (_paragraph, 10),
    (_bullets, 5),
    (_code, 3),
    (_heading_like, 3),
    (_table, 2),
    (_quote, 1),
    (_html, 1),
]


def markdown_text(rng: random.Random, target: int) -> str:
    """Varied Markdown of roughly ``target`` bytes."""
    funcs = [f for f, _ in BLOCKS]
    weights = [w for _, w in BLOCKS]
    blocks: list[str] = []
    size = 0
    while size < target:
        block = rng.choices(funcs, weights)[0](rng)
        grown = size + len(block.encode("utf-8")) + 2
        if blocks and grown > target and rng.random() < 0.5:
            break  # stop near the target, sometimes just under, sometimes just over
        blocks.append(block)
        size = grown
    return "\n\n".join(blocks)


# --------------------------------------------------------------------------- document builder


def _preferred_choices(spec: StepSpec, question: Question) -> list[str]:
    """Choices that make other questions' conditions hold, so conditional ones are shown."""
    wanted: list[str] = []
    for other in spec.questions:
        cond = other.when
        if cond is None or cond.question != question.id:
            continue
        values = [cond.equals] if cond.equals is not None else list(cond.in_ or [])
        for value in values:
            if isinstance(value, str) and value in (question.choices or []) and value not in wanted:
                wanted.append(value)
    return wanted


def answer_for(
    rng: random.Random, spec: StepSpec, question: Question, long_size: int, counter: list[int]
) -> Any:
    kind = question.kind
    handles = [h for h, _, _ in PEOPLE]
    if kind == "long_text":
        counter[0] += 1
        return markdown_text(rng, int(long_size * rng.uniform(0.5, 1.5)))
    if kind == "text":
        return _sentence(rng)
    if kind == "choice":
        preferred = _preferred_choices(spec, question)
        return preferred[-1] if preferred else rng.choice(question.choices or [""])
    if kind == "multi_choice":
        choices = list(question.choices or [])
        picked = _preferred_choices(spec, question)
        for choice in rng.sample(choices, k=min(len(choices), rng.randint(2, 4))):
            if choice not in picked:
                picked.append(choice)
        return picked
    if kind == "number":
        return rng.choice([rng.randint(1, 365), round(rng.uniform(0.5, 99.5), 2)])
    if kind == "bool":
        return True
    if kind == "list":
        return [f"{_sentence(rng)} ({i + 1})" for i in range(rng.randint(3, 8))]
    if kind == "person":
        return rng.choice(handles)
    if kind == "people":
        return rng.sample(handles, k=rng.randint(1, 3))
    if kind == "date":
        return dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 365))
    raise SystemExit(f"bench: unknown question kind {kind!r}")


def build_document(
    specs: Specs, answer_bytes: int, seed: int = 1234
) -> tuple[Document, dict[str, int]]:
    rng = random.Random(seed)
    n_long = sum(1 for s in specs.steps for q in s.questions if q.kind == "long_text")
    # About 3% of the answer text is short answers (text, lists); long_text holds the rest.
    long_size = max(200, int(answer_bytes * 0.97) // max(1, n_long))
    doc = new_document(
        "Ticket routing at scale (benchmark)", dt.date(2025, 1, 6), [s.slug for s in specs.chapters]
    )
    doc.project.summary = _paragraph(rng)
    for handle, name, role in PEOPLE:
        edits.upsert_person(doc, handle, name, role)
    counter = [0]
    for step in specs.steps:
        for question in step.questions:
            edits.set_answer(
                doc, step, question.id, answer_for(rng, step, question, long_size, counter)
            )
        if step.kind == "chapter":
            edits.set_status(doc, step, rng.choice(["draft", "review", "approved"]))
            edits.set_owners(doc, step, rng.sample([h for h, _, _ in PEOPLE], k=2))
            edits.set_list_field(doc, step, "code_paths", [f"src/{step.slug}/**/*.py"])
            edits.set_list_field(doc, step, "links", [f"https://tracker.example.com/{step.slug}"])
    if specs.feasibility is not None:
        for i, item in enumerate(specs.feasibility.items):
            status = ["met", "met", "partial", "met", "unknown", "not-met"][i % 6]
            edits.set_item(
                doc,
                specs,
                item.id,
                status,
                note=_sentence(rng),
                owner=None if status == "met" else rng.choice(PEOPLE)[0],
                condition="" if status == "met" else _sentence(rng),
                fatal=False,
            )
    stats = {"long_text answers": counter[0], "answer text bytes": answer_text_bytes(doc)}
    return doc, stats


def answer_text_bytes(doc: Document) -> int:
    total = 0
    states = [*doc.chapters.values(), doc.gate, doc.feasibility]
    for state in states:
        for value in state.answers.values():
            if isinstance(value, str):
                total += len(value.encode("utf-8"))
            elif isinstance(value, list):
                total += sum(len(v.encode("utf-8")) for v in value)
    return total


# --------------------------------------------------------------------------- timing


def measure(func: Callable[[], object], reps: int, warmup: int = 1) -> list[float]:
    """Milliseconds per call; gc is collected before, and left enabled during, each call."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(reps):
        gc.collect()
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(label: str, times: list[float], width: int = 54) -> tuple[float, float]:
    med, low = statistics.median(times), min(times)
    print(f"  {label:<{width}} median {med:9.1f} ms   min {low:9.1f} ms   (n={len(times)})")
    return med, low


def kb(n: int) -> str:
    return f"{n:,} bytes ({n / 1024:,.1f} KiB)"


def cli_command() -> list[str]:
    script = Path(sys.executable).parent / "mldwizard"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "mldwizard"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller document, fewer reps")
    parser.add_argument("--reps", type=int, help="repetitions per measurement")
    parser.add_argument("--size", type=int, help="target bytes of long_text answers")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    reps = args.reps or (3 if args.quick else 9)
    sub_reps = args.reps or (3 if args.quick else 7)
    target = args.size or (200_000 if args.quick else 1_000_000)

    folder = Path(tempfile.mkdtemp(prefix="mldwizard-bench-export-"))
    try:
        return run(folder, reps, sub_reps, target, args.quick)
    finally:
        if args.keep:
            print(f"\n(kept {folder})")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, reps: int, sub_reps: int, target: int, quick: bool) -> int:
    path = folder / "big.toml"
    print(f"mldwizard {__version__} export benchmark{' (quick)' if quick else ''}")
    print(f"  python {sys.version.split()[0]} at {sys.executable}; {os.cpu_count()} CPUs")
    print(f"  folder {folder}")

    t0 = time.perf_counter()
    specs = specs_for(path)
    t_specs = (time.perf_counter() - t0) * 1000
    doc, stats = build_document(specs, target)
    t1 = time.perf_counter()
    written = storage.create_document(path, doc, specs, AUTHOR)
    t_create = (time.perf_counter() - t1) * 1000
    t_build = (t1 - t0) * 1000

    n_q = sum(len(s.questions) for s in specs.steps)
    n_answered = sum(
        len(st.answers) for st in [*written.chapters.values(), written.gate, written.feasibility]
    )
    print("\nDocument")
    steps = f"{len(specs.chapters)} chapters + gate + feasibility"
    print(f"  steps: {steps}; people: {len(written.people)}")
    print(f"  questions answered: {n_answered} of {n_q} ({stats['long_text answers']} long_text)")
    print(
        f"  feasibility items set: {len(written.feasibility.items)}; verdicts: gate="
        f"{written.gate.verdict}, feasibility={written.feasibility.verdict}"
    )
    print(f"  answer text (all string answers): {kb(stats['answer text bytes'])}")
    print(f"  TOML file: {kb(path.stat().st_size)}")
    print(f"  Markdown next to it: {kb(storage.markdown_path(path).stat().st_size)}")
    print(
        f"  built in {t_build:.0f} ms (specs loaded in {t_specs:.0f} ms); "
        f"create_document took {t_create:.0f} ms"
    )

    results: dict[str, float] = {}
    print(f"\nIn-process timings (1 warm-up call each, then {reps} reps)")
    results["load"] = report(
        "(a) load_document", measure(lambda: storage.load_document(path, specs), reps)
    )[0]
    loaded = storage.load_document(path, specs)
    results["render"] = report(
        "(b) render_markdown", measure(lambda: render_markdown(loaded, specs), reps)
    )[0]
    results["toml"] = report(
        "(d) to_toml_text", measure(lambda: to_toml_text(loaded, specs), reps)
    )[0]

    # (e) a full save: one short answer changes each time, so every call really writes.
    text_q = next((s, q) for s in specs.chapters for q in s.questions if q.kind == "text")
    counter = [0]

    def change(d: Document) -> None:
        counter[0] += 1
        edits.set_answer(d, text_q[0], text_q[1].id, f"Revision {counter[0]} of the answer.")

    def save() -> None:
        before = counter[0]
        storage.update_document(path, specs, AUTHOR, change)
        assert counter[0] == before + 1

    results["save"] = report(
        f"(e) update_document ({text_q[0].slug}.{text_q[1].id})", measure(save, reps)
    )[0]

    # (c) the CLI, as a user runs it.
    out = folder / "out.md"
    cmd = [*cli_command(), "export", str(path), "-o", str(out)]

    # Bytecode goes to a temporary cache (never into src/), as for an installed package.
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(folder / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def export() -> None:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            raise SystemExit(f"bench: export failed ({proc.returncode}): {proc.stderr.strip()}")

    shown = " ".join([Path(cmd[0]).name, *cmd[1:]])
    print(f"\nSubprocess (1 warm-up run, then {sub_reps} runs; .pyc cached in a temp folder)")
    print(f"  {shown}")
    results["export"] = report("(c) mldwizard export -o out.md (wall)", measure(export, sub_reps))[
        0
    ]
    start_cmd = [sys.executable, "-c", "pass"]
    base = report(
        "    for scale: python -c pass",
        measure(lambda: subprocess.run(start_cmd, check=True, env=env), sub_reps),
    )[0]
    imp_cmd = [sys.executable, "-c", "import mldwizard.cli.commands"]
    imports = report(
        "    for scale: python -c 'import mldwizard.cli.commands'",
        measure(lambda: subprocess.run(imp_cmd, check=True, env=env), sub_reps),
    )[0]
    print(f"  output Markdown: {kb(out.stat().st_size)}")

    # Breakdown of the steps above, to show where the time goes.
    print(f"\nBreakdown (in-process, {reps} reps)")
    raw_bytes = path.read_bytes()
    raw = parse_toml(raw_bytes, path, storage.LoadError)
    parsed = report(
        "load: read + tomllib parse",
        measure(lambda: parse_toml(path.read_bytes(), path, storage.LoadError), reps),
    )[0]
    validated = report(
        "load: Document.model_validate", measure(lambda: Document.model_validate(raw), reps)
    )[0]
    report(
        "load: document_problems (answers vs specs)",
        measure(lambda: document_problems(loaded, specs), reps),
    )
    specs_ms = report(
        "specs_for (18 spec files; every CLI run does it)", measure(lambda: specs_for(path), reps)
    )[0]

    blocks = [
        v
        for st in [*loaded.chapters.values(), loaded.gate, loaded.feasibility]
        for v in st.answers.values()
        if isinstance(v, str) and len(v) > 200
    ]
    prepared = [_prepare(normalise(b)) for b in blocks]
    safe_ms = report(
        f"render: safe_block on the {len(blocks)} long answers",
        measure(lambda: [safe_block(b) for b in blocks], reps),
    )[0]
    report(
        "render:   of which normalise + _prepare (one parse)",
        measure(lambda: [_prepare(normalise(b)) for b in blocks], reps),
    )
    report(
        "render:   of which contain (check parse, fixes)",
        measure(lambda: [contain(p) for p in prepared], reps),
    )
    fallbacks = sum(1 for b in blocks if safe_block(b) == as_code_block(normalise(b)))
    print(
        f"  {'render: answers shown as a code block (fallback)':<54} {fallbacks} of {len(blocks)}"
    )

    data = to_toml_dict(loaded, specs)
    report("toml: to_toml_dict", measure(lambda: to_toml_dict(loaded, specs), reps))
    report("toml: tomlio.dumps (check + tomli_w) of it", measure(lambda: dumps(data), reps))

    mine = loaded.model_copy(deep=True)
    report("save: model_copy(deep=True)", measure(lambda: loaded.model_copy(deep=True), reps))
    flat = flatten(loaded)
    report(
        "save: flatten x3 + merge_flat",
        measure(lambda: merge_flat(flatten(loaded), flatten(mine), flatten(loaded)), reps),
    )
    merged_flat, _ = merge_flat(flat, flatten(mine), flat)
    report(
        "save: rebuild (model_validate of the merge)",
        measure(lambda: rebuild(merged_flat, loaded), reps),
    )
    toml_bytes = to_toml_text(loaded, specs).encode("utf-8")
    scratch = folder / "scratch.toml"
    report(
        f"save: one atomic_write of {len(toml_bytes) // 1024} KiB (fsync)",
        measure(lambda: storage.atomic_write(scratch, toml_bytes), reps),
    )

    print("\nSummary")
    startup = base
    print(
        f"  export subprocess {results['export']:.0f} ms = interpreter start {startup:.0f} ms"
        f" + imports ~{imports - base:.0f} ms + specs ~{specs_ms:.0f} ms"
        f" + load ~{results['load']:.0f} ms + render ~{results['render']:.0f} ms (+ write)"
    )
    print(
        f"  load = parse {parsed:.0f} ms + validate {validated:.0f} ms + checks; "
        f"render {results['render']:.0f} ms, of which safe_block ~{safe_ms:.0f} ms "
        "(the two medians are measured separately)"
    )
    print(
        f"  full save {results['save']:.0f} ms "
        "(load + merge + validate + TOML + Markdown + 3 fsynced writes)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
