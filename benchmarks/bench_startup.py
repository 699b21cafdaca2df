#!/usr/bin/env python
"""Benchmark the start-up cost of `mldwizard export` on the bundled example.

Every command runs as a subprocess of the same interpreter (sys.executable), N times
(default 20, 5 with --quick), and median/min wall times are printed for:

  * python -c pass                                  (the interpreter alone)
  * python -m mldwizard export EXAMPLE -o out.md    (and its ratio to the line above)
  * python -c "import mldwizard.cli"                (the argument parser's imports)
  * python -c "import mldwizard.cli.commands"       (everything `export` imports)
  * python -m mldwizard --version

then `python -X importtime -m mldwizard export ...` is parsed to show the imports with the
largest cumulative and self times, and self time per top-level package.

The example is copied with `mldwizard new X.toml --example --no-input`. If the bundled
example is missing, --wait SECONDS polls for it; after that a new, empty document is used
instead (and the output says so).

Usage:  python benchmarks/bench_startup.py [--quick] [-n N] [--wait SECONDS]

Standard library plus the mldwizard package only. Exits 0 on success.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from mldwizard import __version__
from mldwizard.core.examples import example_path

PY = sys.executable


def clean_env(pycache: Path | None) -> dict[str, str]:
    """The environment for the subprocesses.

    With ``pycache``, bytecode is written to and read from that folder (never into src/),
    as for an installed package whose .pyc files exist. Without it, no bytecode is written,
    so a module without a cached .pyc (an editable checkout's own code) is compiled on
    every run.
    """
    env = dict(os.environ)
    for key in ("PYTHONPROFILEIMPORTTIME", "PYTHONDEVMODE", "PYTHONTRACEMALLOC"):
        env.pop(key, None)
    env.setdefault("MLDWIZARD_AUTHOR", "bench")  # never shell out to git for the author
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    else:
        env.pop("PYTHONPYCACHEPREFIX", None)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run_once(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    if proc.returncode != 0:
        raise SystemExit(
            f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.strip()}"
        )
    return elapsed


def interleaved(
    cmds: dict[str, tuple[list[str], dict[str, str]]], n: int, cwd: Path
) -> dict[str, list[float]]:
    """Run each (command, environment) once to warm up, then all of them round-robin n
    times, so a noisy moment on the machine hurts them all alike."""
    for cmd, env in cmds.values():
        run_once(cmd, cwd, env)
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(n):
        for key, (cmd, env) in cmds.items():
            times[key].append(run_once(cmd, cwd, env))
    return times


def prepare_document(folder: Path, wait: float, env: dict[str, str]) -> tuple[Path, str]:
    path = folder / "example.toml"
    deadline = time.monotonic() + wait
    while not example_path().is_file() and time.monotonic() < deadline:
        time.sleep(min(10.0, max(0.1, deadline - time.monotonic())))
    if example_path().is_file():
        cmd = [PY, "-m", "mldwizard", "new", str(path), "--example", "--no-input"]
        what = f"the bundled example ({example_path().name})"
    else:
        cmd = [PY, "-m", "mldwizard", "new", str(path), "--no-input"]
        what = (
            f"NOTE: {example_path()} does not exist; using a new, EMPTY document instead "
            "(figures will be lower than with the example)"
        )
    run_once(cmd, folder, env)
    return path, what


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


def importtime(
    cmd: list[str], runs: int, cwd: Path, env: dict[str, str]
) -> list[tuple[str, int, int, int]]:
    """Per module, the run with the smallest cumulative time (the least noisy)."""
    best: dict[str, tuple[str, int, int, int]] = {}
    order: list[str] = []
    for _ in range(runs):
        proc = subprocess.run(
            [PY, "-X", "importtime", *cmd], cwd=cwd, env=env, capture_output=True, text=True
        )
        if proc.returncode != 0:
            raise SystemExit(f"bench: importtime run failed:\n{proc.stderr[-2000:]}")
        for row in parse_importtime(proc.stderr):
            if row[0] not in best:
                order.append(row[0])
            if row[0] not in best or row[3] < best[row[0]][3]:
                best[row[0]] = row
    return [best[name] for name in order]


def line(label: str, times: list[float], width: int = 46) -> tuple[float, float]:
    med, low = statistics.median(times), min(times)
    print(f"  {label:<{width}} median {med:8.1f} ms   min {low:8.1f} ms   (n={len(times)})")
    return med, low


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 runs instead of 20")
    parser.add_argument("-n", "--runs", type=int, help="runs per command")
    parser.add_argument(
        "--wait", type=float, default=0.0, help="seconds to wait for the bundled example"
    )
    args = parser.parse_args()
    n = args.runs or (5 if args.quick else 20)
    folder = Path(tempfile.mkdtemp(prefix="mldwizard-bench-startup-"))
    try:
        return run(folder, n, args.wait, args.quick)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, n: int, wait: float, quick: bool) -> int:
    env = clean_env(folder / "pycache")
    doc, what = prepare_document(folder, wait, env)
    out = folder / "out.md"
    export = ["-m", "mldwizard", "export", str(doc), "-o", str(out)]
    print(f"mldwizard {__version__} start-up benchmark{' (quick)' if quick else ''}")
    print(f"  python {sys.version.split()[0]} at {PY}; {os.cpu_count()} CPUs")
    print(f"  document: {what}")
    print(f"  {doc.name}: {doc.stat().st_size:,} bytes")
    print("  bytecode: cached in a temporary PYTHONPYCACHEPREFIX (as for an installed package)")

    no_pyc = clean_env(None)
    cmds = {
        "pass": ([PY, "-c", "pass"], env),
        "export": ([PY, *export], env),
        "cli": ([PY, "-c", "import mldwizard.cli"], env),
        "commands": ([PY, "-c", "import mldwizard.cli.commands"], env),
        "version": ([PY, "-m", "mldwizard", "--version"], env),
        "export-nopyc": ([PY, *export], no_pyc),
        "commands-nopyc": ([PY, "-c", "import mldwizard.cli.commands"], no_pyc),
    }
    labels = {
        "pass": "python -c pass",
        "export": "python -m mldwizard export EX -o out.md",
        "cli": "python -c 'import mldwizard.cli'",
        "commands": "python -c 'import mldwizard.cli.commands'",
        "version": "python -m mldwizard --version",
        "export-nopyc": "python -m mldwizard export EX -o out.md",
        "commands-nopyc": "python -c 'import mldwizard.cli.commands'",
    }
    print(
        f"\nWall time per run ({len(cmds)} commands: 1 warm-up each, then {n} rounds, interleaved)"
    )
    times = interleaved(cmds, n, folder)
    med = {k: line(labels[k], times[k]) for k in cmds if not k.endswith("-nopyc")}
    print(f"  output Markdown: {out.stat().st_size:,} bytes")

    base_med, base_min = med["pass"]
    exp_med, exp_min = med["export"]
    print("\nRatio")
    print(
        f"  export / python -c pass: {exp_med / base_med:.1f}x (median), "
        f"{exp_min / base_min:.1f}x (min)"
    )
    print(f"  export costs {exp_med - base_med:.0f} ms more than an empty interpreter (median):")
    cli = med["cli"][0] - base_med
    imports = med["commands"][0] - base_med
    print(f"    importing mldwizard.cli (argparse, errors)  ~{cli:5.0f} ms")
    print(f"    importing the rest of what export needs     ~{imports - cli:5.0f} ms")
    print(
        f"    parsing specs, loading, rendering, writing  ~{exp_med - med['commands'][0]:5.0f} ms"
    )

    had = "set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "not set"
    print(
        f"\nWithout a bytecode cache (PYTHONDONTWRITEBYTECODE=1, {had} in this environment): "
        "modules with no .pyc (an editable checkout's own code) compile on every run"
    )
    nopyc = {k: line(labels[k], times[k]) for k in cmds if k.endswith("-nopyc")}
    extra = nopyc["export-nopyc"][0] - exp_med
    extra_min = nopyc["export-nopyc"][1] - exp_min
    print(f"  compiling adds ~{extra:.0f} ms to export (median difference; {extra_min:.0f} ms min)")

    runs = 1 if quick else 3
    rows = importtime(export, runs, folder, env)
    print(f"\npython -X importtime -m mldwizard export ... (best of {runs} run(s) per module)")
    total_top = sum(r[3] for r in rows if r[1] == 0)
    print(f"  {len(rows)} modules imported; top-level imports add up to {total_top / 1000:.1f} ms")
    print("  Top 10 by cumulative time (indentation = import depth):")
    for name, depth, self_us, cum_us in sorted(rows, key=lambda r: -r[3])[:10]:
        print(
            f"    {cum_us / 1000:7.1f} ms cumulative  {self_us / 1000:6.1f} ms self  "
            f"{'  ' * depth}{name}"
        )
    print("  Top 10 by self time (the module's own code, without its imports):")
    for name, _depth, self_us, _cum in sorted(rows, key=lambda r: -r[2])[:10]:
        print(f"    {self_us / 1000:7.1f} ms self  {name}")
    per_package: dict[str, int] = defaultdict(int)
    for name, _, self_us, _ in rows:
        per_package[name.split(".")[0]] += self_us
    print("  Self time by top-level package (top 10):")
    for pkg, us in sorted(per_package.items(), key=lambda kv: -kv[1])[:10]:
        count = sum(1 for r in rows if r[0].split(".")[0] == pkg)
        print(f"    {us / 1000:7.1f} ms  {pkg} ({count} modules)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
