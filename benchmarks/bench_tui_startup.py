#!/usr/bin/env python
"""Benchmark the time to the first painted screen of `mldwizard edit` in a real terminal.

Two programs are started the same way, each in its own pseudo-terminal (120x36,
TERM=xterm-256color, a new session), and timed from Popen to the first moment the pty
output contains a marker that is only drawn once the first screen has been painted:

  * python -m mldwizard edit X.toml        marker: the document title ("Kestrel Ledger")
  * python benchmarks/minimal_textual_app.py   marker: its label text
    (a Textual app with a Header, a Footer and one Label: the floor for any Textual app;
    its Label is in its first frame, its header title only two frames later, which is
    why the wizard fills its header title itself: see tui/widgets/header.py)

  * python benchmarks/floor_textual_app.py X.toml   marker: its label text
    (the same minimal app, after loading and validating X.toml and the specs as `edit`
    must before any screen opens: the floor for any wizard on this stack)

then the process is killed. The wizard draws a step's first questions with its first frame
and mounts the rest just after, so a third figure is "ready": the wizard started the same
way by a small wrapper that writes the time when every question of the first step is
mounted (and the cursor placed: WizardScreen._focus_first_gap) to a file.

Runs are interleaved (1 warm-up each, then N rounds; default 15, --quick 4) with bytecode
cached in a temporary PYTHONPYCACHEPREFIX. Median/min are reported with the ratio wizard /
minimal (the goal: at most 1.3x), and floor / minimal. The time to the first
byte written to the terminal is shown too, so start-up (imports) and the work before the
first paint can be told apart.

For context it also prints the 10 largest cumulative imports of
`python -X importtime -c "import mldwizard.tui.app"` and the time of
`python -c "import textual.app"` (and `python -c pass`).

Usage:  python benchmarks/bench_tui_startup.py [--quick] [-n N]

Standard library, the mldwizard package and textual only. POSIX only (needs a pty).
Exits 0 on success.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

from mldwizard import __version__
from mldwizard.core.examples import example_path

PY = sys.executable
HERE = Path(__file__).resolve().parent
MINIMAL_APP = HERE / "minimal_textual_app.py"
MINIMAL_MARKER = b"Minimal baseline label"  # the Label text in minimal_textual_app.py
FLOOR_APP = HERE / "floor_textual_app.py"
FLOOR_MARKER = b"Floor baseline label"  # the Label text in floor_textual_app.py
ROWS, COLS = 36, 120
TIMEOUT_S = 60.0


def child_env(pycache: Path) -> dict[str, str]:
    env = dict(os.environ)
    for key in (
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONPROFILEIMPORTTIME",
        "PYTHONDEVMODE",
        "PYTHONTRACEMALLOC",
        "MLDWIZARD_NOW",
        "TEXTUAL",
        "TEXTUAL_DEBUG",
    ):
        env.pop(key, None)
    env.update(
        {
            "PYTHONPYCACHEPREFIX": str(pycache),
            "TERM": "xterm-256color",
            "COLUMNS": str(COLS),
            "LINES": str(ROWS),
            "MLDWIZARD_AUTHOR": "bench",  # never shell out to git for the author
        }
    )
    return env


@dataclass
class Run:
    first_byte_ms: float
    painted_ms: float
    ready_ms: float | None = None


# Runs `mldwizard ARGS` and writes time.time() to $BENCH_READY_FILE when the first step is
# complete on screen. Fails loudly if the hook it wraps is gone.
READY_PROBE = """
import os, sys, time
from mldwizard.tui.screens.wizard import WizardScreen
from mldwizard.tui.widgets.step_view import StepView
original = WizardScreen._focus_first_gap
def focus_first_gap(self):
    original(self)
    path = os.environ["BENCH_READY_FILE"]
    mounted = len(self.query_one(StepView).fields) == len(self.step.questions)
    if mounted and not os.path.exists(path):
        with open(path, "w") as fh:
            fh.write(repr(time.time()))
WizardScreen._focus_first_gap = focus_first_gap
from mldwizard.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_in_pty(
    cmd: list[str], marker: bytes, cwd: Path, env: dict[str, str], ready: Path | None = None
) -> Run:
    """Start ``cmd`` in a fresh pty; the times to its first output and to ``marker``
    (and, with ``ready``, to the time the program writes into that file)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    if ready is not None:
        ready.unlink(missing_ok=True)
        env = {**env, "BENCH_READY_FILE": str(ready)}
    wall_start = time.time()
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True
    )
    os.close(slave)
    output = b""
    first_byte: float | None = None
    painted: float | None = None
    try:
        deadline = start + TIMEOUT_S
        while painted is None or (ready is not None and not _written(ready)):
            now = time.perf_counter()
            if now > deadline:
                raise SystemExit(
                    f"bench: {marker!r} not shown by {' '.join(cmd)} within {TIMEOUT_S:.0f} s;"
                    f" last output: {output[-400:]!r}"
                )
            readable, _, _ = select.select([master], [], [], min(0.05, deadline - now))
            if not readable:
                if proc.poll() is not None:
                    raise SystemExit(
                        f"bench: {' '.join(cmd)} exited ({proc.returncode}) before showing "
                        f"{marker!r}: {output[-1000:]!r}"
                    )
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if not chunk:
                raise SystemExit(
                    f"bench: {' '.join(cmd)} closed its terminal before showing {marker!r}: "
                    f"{output[-1000:]!r}"
                )
            stamp = time.perf_counter()
            if first_byte is None:
                first_byte = stamp
            # Search only the new chunk plus an overlap, so long outputs stay cheap.
            tail = output[-len(marker) :] + chunk
            output += chunk
            if painted is None and marker in tail:
                painted = stamp
    finally:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)  # its own session: just this program
        proc.wait()
        os.close(master)
    assert first_byte is not None and painted is not None
    ready_ms = None
    if ready is not None:
        ready_ms = (float(ready.read_text()) - wall_start) * 1000
    return Run((first_byte - start) * 1000, (painted - start) * 1000, ready_ms)


def _written(path: Path) -> bool:
    try:
        float(path.read_text())
    except (OSError, ValueError):
        return False
    return True


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    if proc.returncode != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    return elapsed


def parse_importtime(stderr: str) -> list[tuple[str, int, int, int]]:
    """(module, depth, self_us, cumulative_us) for each `import time:` line."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        fields = line[len("import time:") :].split("|")
        if len(fields) != 3 or not fields[0].strip().isdigit():
            continue  # the header line
        name = fields[2].rstrip()
        depth = (len(name) - len(name.lstrip(" "))) // 2
        rows.append((name.strip(), depth, int(fields[0]), int(fields[1])))
    return rows


def importtime(code: str, runs: int, cwd: Path, env: dict[str, str]) -> list[tuple]:
    """Per module, the run with the smallest cumulative time (the least noisy)."""
    best: dict[str, tuple[str, int, int, int]] = {}
    order: list[str] = []
    for _ in range(runs):
        proc = subprocess.run(
            [PY, "-X", "importtime", "-c", code], cwd=cwd, env=env, capture_output=True, text=True
        )
        if proc.returncode != 0:
            raise SystemExit(f"bench: importtime run failed:\n{proc.stderr[-2000:]}")
        for row in parse_importtime(proc.stderr):
            if row[0] not in best:
                order.append(row[0])
            if row[0] not in best or row[3] < best[row[0]][3]:
                best[row[0]] = row
    return [best[name] for name in order]


def stats(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), min(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 runs each instead of 15")
    parser.add_argument("-n", "--runs", type=int, help="runs per program (after the warm-up)")
    args = parser.parse_args()
    if sys.platform == "win32":
        print("bench_tui_startup: needs a POSIX pseudo-terminal; skipped")
        return 0
    n = args.runs or (4 if args.quick else 15)
    folder = Path(tempfile.mkdtemp(prefix="mldwizard-bench-tui-startup-"))
    try:
        return run(folder, n, args.quick)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, n: int, quick: bool) -> int:
    env = child_env(folder / "pycache")
    doc = folder / "X.toml"
    timed([PY, "-m", "mldwizard", "new", str(doc), "--example", "--no-input"], folder, env)
    title = _document_title(doc)
    wizard_marker = b"Kestrel Ledger" if "Kestrel Ledger" in title else title.encode()

    import textual

    print(f"mldwizard {__version__} TUI start-up benchmark{' (quick)' if quick else ''}")
    print(
        f"  python {sys.version.split()[0]} at {PY}; textual {textual.__version__}; "
        f"{os.cpu_count()} CPUs"
    )
    print(
        f"  document: copy of the bundled example ({example_path().name}), "
        f"{doc.stat().st_size:,} bytes, title {title!r}"
    )
    print(
        f"  terminal: pty {COLS}x{ROWS}, TERM=xterm-256color, new session; "
        "bytecode cached in a temporary PYTHONPYCACHEPREFIX"
    )
    print("  timed: Popen -> first pty output containing the marker (then SIGKILL)")

    programs = {
        "wizard": ([PY, "-m", "mldwizard", "edit", str(doc)], wizard_marker),
        "minimal": ([PY, str(MINIMAL_APP)], MINIMAL_MARKER),
        "floor": ([PY, str(FLOOR_APP), str(doc)], FLOOR_MARKER),
    }
    labels = {
        "wizard": f"mldwizard edit X.toml     (marker {wizard_marker.decode()!r})",
        "minimal": f"minimal_textual_app.py    (marker {MINIMAL_MARKER.decode()!r})",
        "floor": f"floor_textual_app.py X.toml (marker {FLOOR_MARKER.decode()!r})",
    }
    probe = [PY, "-c", READY_PROBE, "edit", str(doc)]
    ready_file = folder / "ready"
    for cmd, marker in programs.values():  # warm-up: writes the bytecode cache
        run_in_pty(cmd, marker, folder, env)
    run_in_pty(probe, wizard_marker, folder, env, ready_file)
    runs: dict[str, list[Run]] = {k: [] for k in programs}
    probed: list[Run] = []
    for _ in range(n):
        for key, (cmd, marker) in programs.items():
            runs[key].append(run_in_pty(cmd, marker, folder, env))
        probed.append(run_in_pty(probe, wizard_marker, folder, env, ready_file))

    print(f"\nTime to the first painted screen (1 warm-up each, then {n} rounds, interleaved)")
    med: dict[str, float] = {}
    low: dict[str, float] = {}
    for key in programs:
        med[key], low[key] = stats([r.painted_ms for r in runs[key]])
        print(f"  {labels[key]:<62} median {med[key]:7.1f} ms   min {low[key]:7.1f} ms")
    print("  of which: time to the first byte written to the terminal (imports, set-up)")
    fb: dict[str, float] = {}
    for key in programs:
        fb[key], fb_low = stats([r.first_byte_ms for r in runs[key]])
        print(
            f"    {key:<8} median {fb[key]:7.1f} ms   min {fb_low:7.1f} ms   "
            f"-> first byte to marker: median {med[key] - fb[key]:6.1f} ms"
        )

    ready_med, ready_low = stats([r.ready_ms for r in probed if r.ready_ms is not None])
    print(
        f"  wizard ready: every question of the first step mounted (through a wrapper)\n"
        f"    {'':<8} median {ready_med:7.1f} ms   min {ready_low:7.1f} ms   "
        f"({ready_med / med['minimal']:.2f}x the minimal app's first paint)"
    )

    ratio_med = med["wizard"] / med["minimal"]
    ratio_min = low["wizard"] / low["minimal"]
    goal = 1.3
    verdict = "meets" if ratio_med <= goal else "MISSES"
    print("\nRatio wizard / minimal Textual app")
    print(
        f"  {ratio_med:.2f}x (median), {ratio_min:.2f}x (min)   goal <= {goal}x: {verdict} the "
        f"goal (median); the wizard takes {med['wizard'] - med['minimal']:+.0f} ms more"
    )
    floor_med = med["floor"] / med["minimal"]
    print("Ratio floor (minimal app after validating the document) / minimal Textual app")
    print(
        f"  {floor_med:.2f}x (median), {low['floor'] / low['minimal']:.2f}x (min)   "
        f"the wizard's own screen costs {med['wizard'] - med['floor']:+.0f} ms over the floor"
    )

    # -- context: imports -----------------------------------------------------------------
    reps = 3 if quick else 7
    base = [timed([PY, "-c", "pass"], folder, env) for _ in range(reps)]
    tex = [timed([PY, "-c", "import textual.app"], folder, env) for _ in range(reps)]
    tui = [timed([PY, "-c", "import mldwizard.tui.app"], folder, env) for _ in range(reps)]
    print(f"\nImport wall time (subprocess, median of {reps})")
    for label, values in (
        ("python -c pass", base),
        ("python -c 'import textual.app'", tex),
        ("python -c 'import mldwizard.tui.app'", tui),
    ):
        m, lo = stats(values)
        print(f"  {label:<40} median {m:7.1f} ms   min {lo:7.1f} ms")

    runs_it = 1 if quick else 3
    rows = importtime("import mldwizard.tui.app", runs_it, folder, env)
    total_top = sum(r[3] for r in rows if r[1] == 0)
    print(f"\npython -X importtime -c 'import mldwizard.tui.app' (best of {runs_it} per module)")
    print(f"  {len(rows)} modules; top-level imports add up to {total_top / 1000:.1f} ms")
    print("  Top 10 by cumulative time (indentation = import depth):")
    for name, depth, self_us, cum_us in sorted(rows, key=lambda r: -r[3])[:10]:
        print(
            f"    {cum_us / 1000:7.1f} ms cumulative  {self_us / 1000:6.1f} ms self  "
            f"{'  ' * depth}{name}"
        )
    print("  Top 10 by self time:")
    for name, _depth, self_us, _cum in sorted(rows, key=lambda r: -r[2])[:10]:
        print(f"    {self_us / 1000:7.1f} ms self  {name}")
    return 0


def _document_title(path: Path) -> str:
    import tomllib

    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return str(data.get("project", {}).get("title", "")) or "mldwizard"


if __name__ == "__main__":
    sys.exit(main())
