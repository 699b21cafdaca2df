#!/usr/bin/env python
"""Benchmark mldwizard on pathological input: it must answer fast, in bounded memory, with
a short message and exit code 2.

Generates, in a temporary folder, the bundled example document (`mldwizard new --example`)
with, each in a copy of its own:
  * a dotted key of 1,000 and of 20,000 parts (`a.a.a....a = 1`) under [project];
  * 2,000 and 10,000 broken tables (`[bogusN]` with a key each: 10,000 problems);
  * a key of 1 MB (an unknown field, named in the message);
  * nesting of 2,000 arrays (`x = [[[...]]]`);
  * and, for scale, a valid document with an answer of 2 MB (exit code 0; `set` refuses an
    answer that long, a hand can write it) and of 20 MB (over the 8 MiB a document may
    hold: refused at once, exit code 2).
Then runs `python -m mldwizard check FILE` (and `show FILE`) on each, one at a time, and
prints for each: the exit code, wall time, peak memory (max RSS of the child), the size of
what it wrote to stderr and stdout, and whether a traceback was printed.

Usage:  python benchmarks/bench_bad_input.py [--src DIR] [--timeout S] [--commands check,show]

--src runs the mldwizard package found in DIR (e.g. the src/ of an older checkout, from
`git archive`) instead of the installed one, for before/after figures. Standard library
plus the mldwizard package only. Exits 0 on success.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PY = sys.executable


def cases(base: str) -> dict[str, Callable[[], str]]:
    def under_project(line: str) -> str:
        return base.replace("\n[project]\n", f"\n[project]\n{line}\n", 1)

    def big_answer(megabytes: int) -> str:
        words = "word " * (megabytes * 200_000)
        return base.replace('summary = """\n', f'summary = """\n{words}\n', 1)

    def tables(n: int) -> str:
        return base + "".join(f"\n[bogus{i}]\nx = 1\n" for i in range(n))

    return {
        "dotted key, 1,000 parts": lambda: under_project(".".join(["a"] * 1_000) + " = 1"),
        "dotted key, 20,000 parts": lambda: under_project(".".join(["a"] * 20_000) + " = 1"),
        "2,000 broken tables": lambda: tables(2_000),
        "10,000 broken tables": lambda: tables(10_000),
        "key of 1 MB": lambda: under_project("k" * 1_048_576 + " = 1"),
        "2,000 nested arrays": lambda: under_project("x = " + "[" * 2_000 + "]" * 2_000),
        # Big: a valid document must load in time linear in its size; past 8 MiB, refused.
        "a valid answer of 2 MB": lambda: big_answer(2),
        "a valid answer of 20 MB": lambda: big_answer(20),
    }


def run(cmd: list[str], env: dict[str, str], timeout: float) -> dict[str, object]:
    """Run ``cmd``; its exit code, wall time, peak RSS (from wait4) and output sizes."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    return {
        "code": proc.returncode if wall <= timeout else "timeout",
        "wall": wall,
        "rss_mb": usage.ru_maxrss / 1024,
        "stderr": len(stderr),
        "stdout": len(stdout),
        "traceback": b"Traceback" in stderr,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", help="run the mldwizard package in this folder instead")
    parser.add_argument("--timeout", type=float, default=120.0, help="per run, seconds")
    parser.add_argument("--commands", default="check,show", help="comma-separated")
    args = parser.parse_args()
    env = {**os.environ, "NO_COLOR": "1", "MLDWIZARD_NOW": "2026-11-30T00:00:00Z"}
    if args.src:
        env["PYTHONPATH"] = str(Path(args.src).resolve())
    version = subprocess.run(
        [PY, "-c", "import mldwizard; print(mldwizard.__version__, mldwizard.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"mldwizard {version}; python {sys.version.split()[0]}; {os.cpu_count()} CPUs")
    folder = Path(tempfile.mkdtemp(prefix="mldwizard-bench-bad-input-"))
    try:
        example = folder / "example.toml"
        subprocess.run(
            [PY, "-m", "mldwizard", "new", str(example), "--example", "--no-input"],
            env=env,
            capture_output=True,
            check=True,
        )
        base = example.read_text()
        header = (
            f"  {'input':<26} {'command':<7} {'exit':>7} {'wall s':>8} {'RSS MB':>8} "
            f"{'stderr B':>10} {'stdout B':>10}  traceback"
        )
        print(header)
        for i, (name, make) in enumerate(cases(base).items()):
            path = folder / f"case{i}.toml"
            path.write_text(make())
            size = path.stat().st_size
            for command in args.commands.split(","):
                r = run([PY, "-m", "mldwizard", command, str(path)], env, args.timeout)
                print(
                    f"  {name:<26} {command:<7} {r['code']!s:>7} {r['wall']:8.2f} "
                    f"{r['rss_mb']:8.0f} {r['stderr']:>10,} {r['stdout']:>10,}  "
                    f"{'YES' if r['traceback'] else 'no'}"
                )
            print(f"  {'':<26} (file: {size:,} bytes)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
