#!/usr/bin/env python
"""Benchmark typing latency in the wizard's long-text editor, with a long and a short answer.

A copy of the bundled example gets a ~50 KB answer to `problem.problem_statement` (a
long_text question, edited in a TextArea). The app is built with
``make_app(..., still=True)`` (no autosave, no blinking cursor) and run under
``app.run_test(size=(120, 36))``; the benchmark goes to the problem step, focuses
``#q-problem_statement #input``, moves the cursor to the end and presses N printable keys
(default 200, 50 with --quick) through Pilot, one at a time.

For every key, the wall time of ``await pilot.press(ch)`` plus ``await pilot.pause()`` is
measured (so the app has processed the key), and the CPU time of this process over the same
span (``time.process_time``). Pilot itself sleeps while it waits for the app to go idle
(at least ~20 ms per wait, several waits per key), so the wall time has a floor that has
nothing to do with the app; the CPU time is the work the key really cost. The same is
measured with a short (100-byte) answer for comparison, and the document's answer is checked
to end with the typed text.

Unless --no-profile is given, the presses on the 50 KB answer are run once more under
cProfile and the 15 functions in mldwizard or textual with the largest cumulative time are
printed, with the mldwizard functions by own time.

With --preview, both answers are typed into once more (at most 50 keys) with the side
panel switched to the live Markdown preview (F2), which is re-rendered as the answer changes.

Usage:  python benchmarks/bench_tui_typing.py [--quick] [-n KEYS] [--no-profile] [--preview]

Standard library, the mldwizard package and textual only. Exits 0 on success.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import functools
import io
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("MLDWIZARD_AUTHOR", "bench")  # never shell out to git for the author

from mldwizard import __version__
from mldwizard.core import edits
from mldwizard.core.examples import example_path
from mldwizard.core.session import Session
from mldwizard.core.specs import Specs, load_specs
from mldwizard.tui.factory import make_app
from mldwizard.tui.screens import wizard as wizard_module
from mldwizard.tui.widgets.fields import QuestionField
from mldwizard.tui.widgets.sidebar import Sidebar
from mldwizard.tui.widgets.step_view import StepView

STEP, QID = "problem", "problem_statement"
SIZE = (120, 36)
LONG_BYTES = 50_000
SHORT_BYTES = 100
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"  # alphanumeric: each is its own key name
WARMUP_KEYS = 3


@dataclass
class Result:
    label: str
    answer_bytes: int
    wall_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    total_s: float = 0.0
    ok: bool = False
    detail: str = ""
    handlers: dict[str, list[float]] = field(default_factory=dict)


# mldwizard functions run for a keystroke, timed by wrapping them (attribute look-ups at
# call time, so the wrappers are used; nothing in src/ is changed). Indented = nested.
HOOKS: list[tuple[str, Any, str]] = [
    ("QuestionField._report (read widget, post Changed)", QuestionField, "_report"),
    ("edits.set_answer (validate, store)", wizard_module.edits, "set_answer"),
    ("WizardScreen._changed (refresh after an edit)", wizard_module.WizardScreen, "_changed"),
    ("  StepView.refresh_from", StepView, "refresh_from"),
    ("  Sidebar.refresh_steps", Sidebar, "refresh_steps"),
    ("  WizardScreen._refresh_preview", wizard_module.WizardScreen, "_refresh_preview"),
    ("    render_step (Markdown of the step)", wizard_module, "render_step"),
]


@contextlib.contextmanager
def instrumented(calls: dict[str, list[float]], active: list[bool]) -> Iterator[None]:
    saved = []
    for label, owner, name in HOOKS:
        original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
        calls[label] = []

        def wrap(func: Any, bucket: list[float]) -> Any:
            @functools.wraps(func)
            def timed(*args: Any, **kwargs: Any) -> Any:
                if not active[0]:
                    return func(*args, **kwargs)
                start = time.perf_counter()
                try:
                    return func(*args, **kwargs)
                finally:
                    bucket.append((time.perf_counter() - start) * 1000)

            return timed

        setattr(owner, name, wrap(original, calls[label]))
        saved.append((owner, name, original))
    try:
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def make_answer(size: int, seed_text: str) -> str:
    """About ``size`` bytes of prose in paragraphs, built from the example's own answer."""
    words = " ".join(seed_text.split()).split(" ")
    lines: list[str] = []
    line: list[str] = []
    total = 0
    i = 0
    while total < size:
        word = words[i % len(words)]
        i += 1
        line.append(word)
        if sum(len(w) + 1 for w in line) > 88:
            text = " ".join(line)
            lines.append(text)
            total += len(text.encode()) + 1
            line = []
            if len(lines) % 8 == 0:
                lines.append("")
                total += 1
    text = "\n".join(lines)
    return text[:size].rstrip()


def prepare(folder: Path, name: str, specs: Specs, size: int) -> Path:
    path = folder / f"{name}.toml"
    shutil.copyfile(example_path(), path)
    session = Session(path, specs, "bench")
    step = specs.resolve(STEP)
    seed = session.doc.step(STEP).answers.get(QID) or "The problem statement."
    edits.set_answer(session.doc, step, QID, make_answer(size, str(seed)))
    session.save()
    return path


async def type_keys(
    path: Path,
    specs: Specs,
    keys: str,
    result: Result,
    profiler: cProfile.Profile | None,
    preview: bool = False,
) -> None:
    active = [False]
    hooks = contextlib.nullcontext() if profiler else instrumented(result.handlers, active)
    with hooks:
        await _type_keys(path, specs, keys, result, profiler, preview, active)


async def _type_keys(
    path: Path,
    specs: Specs,
    keys: str,
    result: Result,
    profiler: cProfile.Profile | None,
    preview: bool,
    active: list[bool],
) -> None:
    from textual.widgets import TextArea

    app = make_app(path, specs, "bench", still=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await app.go_to(app.session.specs.resolve(STEP))
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        area = app.screen.query_one(f"#q-{QID} #input", TextArea)
        area.focus()
        await pilot.pause()
        area.move_cursor(area.document.end)
        await pilot.pause()
        if preview:  # F2: the side panel shows the step's Markdown, as exported
            await pilot.press("f2")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            mode = app.screen.query_one("#side-panel").mode  # type: ignore[attr-defined]
            if mode != "preview" or app.focused is not area:
                raise SystemExit(f"bench: F2 did not show the preview ({mode}, {app.focused})")
        result.answer_bytes = len(area.text.encode())
        for ch in ALPHABET[:WARMUP_KEYS]:  # first-key costs (caches, first layout)
            await pilot.press(ch)
            await pilot.pause()
        started = time.perf_counter()
        active[0] = True
        if profiler is not None:
            profiler.enable()
        for ch in keys:
            w0, c0 = time.perf_counter(), time.process_time()
            await pilot.press(ch)
            await pilot.pause()
            result.wall_ms.append((time.perf_counter() - w0) * 1000)
            result.cpu_ms.append((time.process_time() - c0) * 1000)
        if profiler is not None:
            profiler.disable()
        result.total_s = time.perf_counter() - started
        active[0] = False
        await pilot.pause()
        typed = ALPHABET[:WARMUP_KEYS] + keys
        answer = app.session.doc.step(STEP).answers.get(QID)
        result.ok = isinstance(answer, str) and answer.endswith(typed)
        tail = answer[-40:] if isinstance(answer, str) else answer
        result.detail = (
            f"answer is {len(str(answer).encode()):,} bytes, ends with {tail!r}"
            if not result.ok
            else f"answer is {len(answer.encode()):,} bytes and ends with the "
            f"{len(typed)} typed characters"
        )


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def report(res: Result) -> None:
    print(
        f"\n{res.label}: answer {res.answer_bytes:,} bytes before typing, "
        f"{len(res.wall_ms)} keys measured (after {WARMUP_KEYS} warm-up keys)"
    )
    for name, values in (
        ("wall (press + pause)", res.wall_ms),
        ("CPU of this process", res.cpu_ms),
    ):
        print(
            f"  {name:<21} median {statistics.median(values):7.1f}   p90 {pct(values, 0.9):7.1f}"
            f"   max {max(values):7.1f}   mean {statistics.fmean(values):7.1f}   ms/key"
        )
    print(
        f"  total {res.total_s:.2f} s for {len(res.wall_ms)} keys "
        f"({len(res.wall_ms) / res.total_s:.1f} keys/s)"
    )
    print(f"  check: {'OK' if res.ok else 'FAILED'}: {res.detail}")
    if res.handlers:
        keys = len(res.wall_ms)
        print("  time inside mldwizard per key (wrapped functions; mean = total / keys):")
        for label, times in res.handlers.items():
            if not times:
                print(f"    {label:<52} not called")
                continue
            print(
                f"    {label:<52} mean {sum(times) / keys:6.2f}   median/call "
                f"{statistics.median(times):6.2f}   max {max(times):6.2f} ms   "
                f"({len(times)} calls)"
            )


def print_profile(profiler: cProfile.Profile, keys: int) -> None:
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    rows = []
    for (filename, lineno, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        where = _package(filename)
        if where is None:
            continue
        rows.append((ct, tt, nc, f"{where}:{lineno}({func})"))
    print(
        f"\ncProfile of the {keys} presses on the 50 KB answer (profiler overhead included; "
        "times are per run of all presses)"
    )
    print("  Top 15 mldwizard/textual functions by cumulative time:")
    print(f"    {'cumul s':>8} {'own s':>7} {'ms/key':>7} {'calls':>8}  function")
    for ct, tt, nc, name in sorted(rows, key=lambda r: -r[0])[:15]:
        print(f"    {ct:8.3f} {tt:7.3f} {ct / keys * 1000:7.2f} {nc:8d}  {name}")
    mine = [r for r in rows if r[3].startswith("mldwizard")]
    print("  Top 10 mldwizard functions by cumulative time:")
    for ct, tt, nc, name in sorted(mine, key=lambda r: -r[0])[:10]:
        print(f"    {ct:8.3f} {tt:7.3f} {ct / keys * 1000:7.2f} {nc:8d}  {name}")
    print("  Top 10 functions anywhere by own time:")
    every = []
    for (filename, lineno, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        where = _package(filename) or (func if filename == "~" else f"{Path(filename).name}")
        every.append((tt, ct, nc, f"{where}:{lineno}({func})" if filename != "~" else func))
    for tt, ct, nc, name in sorted(every, key=lambda r: -r[0])[:10]:
        print(f"    {tt:8.3f} own  {ct:8.3f} cumul {nc:8d} calls  {name}")


def _package(filename: str) -> str | None:
    parts = Path(filename).parts
    for pkg in ("mldwizard", "textual"):
        if pkg in parts:
            i = len(parts) - 1 - parts[::-1].index(pkg)
            return "/".join(parts[i:])
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50 keys instead of 200")
    parser.add_argument("-n", "--keys", type=int, help="keys to press per answer")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile run")
    parser.add_argument(
        "--preview",
        action="store_true",
        help="also type (at most 50 keys) with the Markdown preview shown (F2)",
    )
    args = parser.parse_args()
    n = args.keys or (50 if args.quick else 200)
    keys = "".join(ALPHABET[(i + WARMUP_KEYS) % len(ALPHABET)] for i in range(n))
    folder = Path(tempfile.mkdtemp(prefix="mldwizard-bench-tui-typing-"))
    try:
        specs = load_specs()
        import textual

        print(f"mldwizard {__version__} TUI typing benchmark{' (quick)' if args.quick else ''}")
        print(
            f"  python {sys.version.split()[0]}; textual {textual.__version__}; "
            f"{os.cpu_count()} CPUs; app size {SIZE[0]}x{SIZE[1]} (run_test, still=True)"
        )
        print(
            f"  question: {STEP}.{QID} (long_text, TextArea); cursor at the end; "
            f"{n} alphanumeric keys, one pilot.press + pilot.pause each"
        )

        long_path = prepare(folder, "long", specs, LONG_BYTES)
        short_path = prepare(folder, "short", specs, SHORT_BYTES)
        results = []
        for label, path in (("50 KB answer", long_path), ("100-byte answer", short_path)):
            res = Result(label, 0)
            asyncio.run(type_keys(path, specs, keys, res, None))
            report(res)
            results.append(res)

        long_res, short_res = results
        print("\nComparison (median per key, 50 KB / 100 B)")
        lw, sw = statistics.median(long_res.wall_ms), statistics.median(short_res.wall_ms)
        lc, sc = statistics.median(long_res.cpu_ms), statistics.median(short_res.cpu_ms)
        print(f"  wall {lw:.1f} / {sw:.1f} ms = {lw / sw:.2f}x   (+{lw - sw:.1f} ms per key)")
        print(f"  CPU  {lc:.1f} / {sc:.1f} ms = {lc / sc:.2f}x   (+{lc - sc:.1f} ms per key)")
        print(
            f"  wall time floor from Pilot's idle waits (100-byte answer wall - CPU): "
            f"~{sw - sc:.0f} ms per key"
        )

        if args.preview:
            m = min(n, 50)
            print(f"\nWith the side panel showing the live Markdown preview (F2), {m} keys:")
            for label, size in (("50 KB answer", LONG_BYTES), ("100-byte answer", SHORT_BYTES)):
                path = prepare(folder, f"preview-{size}", specs, size)
                res = Result(f"{label}, preview shown", 0)
                asyncio.run(type_keys(path, specs, keys[:m], res, None, preview=True))
                report(res)
                results.append(res)

        if not args.no_profile:
            prof_path = prepare(folder, "long-profiled", specs, LONG_BYTES)
            profiler = cProfile.Profile()
            res = Result("50 KB answer (profiled)", 0)
            asyncio.run(type_keys(prof_path, specs, keys, res, profiler))
            print_profile(profiler, n)
            print(
                f"  (profiled run: median wall {statistics.median(res.wall_ms):.1f} ms/key, "
                f"CPU {statistics.median(res.cpu_ms):.1f} ms/key; check "
                f"{'OK' if res.ok else 'FAILED'})"
            )
            results.append(res)

        if not all(r.ok for r in results):
            print("\nbench: the typed text did not reach the document", file=sys.stderr)
            return 1
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
