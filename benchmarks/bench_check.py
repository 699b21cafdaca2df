#!/usr/bin/env python
"""Benchmark `mldwizard check` (code drift over git history) against a plain `git log`.

1. Generates, in a temporary folder, a git repository with N commits (default 20,000;
   2,000 with --quick) through `git fast-import`. The stream is written by Python: an
   initial import of ~2,000 files in 41 folders (services/router/, ml/features/,
   pipelines/train/, docs/, ...), then commits that each touch 1-5 files (mostly
   modifications, some additions and deletions, a few renames every ~200 commits via `R`),
   committer dates spread evenly over the 3 years ending at 2026-11-29. Generation is timed.
2. Creates a design document in the repository (`mldwizard new design.toml --example
   --no-input`), gives all 16 chapters code paths (an answers file applied with
   `mldwizard set design.toml --from FILE`), then spreads the chapters' `updated` (and
   `reviewed`) dates over the last 2 years, so drift has real work to do.
3. Measures, interleaved (1 warm-up each, then N rounds; default 7, 3 with --quick):
     * mldwizard check design.toml --format json    (subprocess wall time)
     * git log --name-only                           (whole repository, stdout to DEVNULL)
     * git log --name-status -M                      (what mldwizard runs, over everything)
   plus, for context, the exact `git log` mldwizard runs (with its --since), the
   interpreter start-up with everything `check` imports, and `check` on a copy of the
   document whose oldest chapter baseline predates the history (the whole history read).
   Prints the ratio check / plain git log (goal: at most 1.5x), the findings and drifted
   chapters, and an in-process breakdown: core.gitlog.commits_since (git subprocess vs
   parse_log), compute_drift, and the rest (loading specs and the document, assessing,
   checks, JSON).

Children get PYTHONPYCACHEPREFIX in a temporary folder (and no PYTHONDONTWRITEBYTECODE),
so bytecode is cached as for an installed package, without writing into src/.

Usage:  python benchmarks/bench_check.py [--quick] [--commits N] [--runs N] [--keep]

Standard library plus the mldwizard package only. Exits 0 on success.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import os
import random
import re
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

PY = sys.executable
END = dt.datetime(2026, 11, 29, 18, 0, tzinfo=dt.UTC)
START = END.replace(year=2023)  # 3 years of history
NOW = "2026-11-30T00:00:00Z"  # MLDWIZARD_NOW for `check`: the day after the last commit
APPLIED_AT = "2026-11-29T20:00:00Z"  # MLDWIZARD_NOW when the code paths are applied
BEFORE_HISTORY = dt.datetime(2023, 6, 1, tzinfo=dt.UTC)
FULL_DOC = "design-full-history.toml"

# folder -> (extension, initial number of files, relative change frequency)
FOLDERS: dict[str, tuple[str, int, float]] = {
    "services/router/": (".py", 70, 9.0),
    "services/router/handlers/": (".py", 45, 6.0),
    "services/router/api/": (".py", 40, 4.0),
    "services/helpdesk-integration/": (".py", 50, 3.0),
    "services/helpdesk-integration/handlers/": (".py", 35, 2.5),
    "services/gateway/": (".py", 60, 2.0),
    "services/feature-store/": (".py", 55, 2.5),
    "ml/features/": (".py", 60, 6.0),
    "ml/features/text/": (".py", 45, 4.0),
    "ml/models/": (".py", 50, 4.0),
    "ml/models/baselines/": (".py", 30, 1.5),
    "ml/training/": (".py", 55, 4.0),
    "ml/eval/": (".py", 45, 3.0),
    "ml/error_analysis/": (".py", 35, 2.0),
    "ml/serving/": (".py", 45, 3.5),
    "pipelines/train/": (".py", 55, 4.0),
    "pipelines/ingest/": (".py", 60, 3.0),
    "pipelines/labeling/": (".py", 40, 2.0),
    "pipelines/export/": (".py", 35, 1.5),
    "data/schemas/": (".json", 50, 1.0),
    "data/splits/": (".yaml", 30, 0.8),
    "data/gold/": (".jsonl", 30, 0.6),
    "configs/": (".yaml", 40, 2.5),
    "configs/experiments/": (".yaml", 70, 3.0),
    "monitoring/dashboards/": (".json", 45, 1.5),
    "monitoring/alerts/": (".yaml", 40, 1.2),
    "monitoring/drift/": (".py", 35, 1.2),
    "reports/weekly/": (".md", 70, 1.5),
    "reports/notebooks/": (".py", 40, 1.0),
    "docs/": (".md", 40, 1.5),
    "docs/adr/": (".md", 45, 0.8),
    "docs/runbooks/": (".md", 40, 0.8),
    "infra/terraform/": (".tf", 60, 1.5),
    "infra/k8s/": (".yaml", 60, 2.0),
    "infra/ci/": (".yaml", 30, 1.2),
    "tests/unit/": (".py", 80, 5.0),
    "tests/integration/": (".py", 60, 3.0),
    "tests/e2e/": (".py", 35, 1.0),
    "tools/": (".py", 40, 1.0),
    "libs/common/": (".py", 45, 2.0),
    "libs/clients/": (".py", 40, 1.5),
}
ROOT_FILES = ["README.md", "pyproject.toml", "Makefile", ".gitignore", ".github/CODEOWNERS"]

WORDS = (  # noqa: SIM905
    "ticket queue route score model feature token embed label split gold metric drift alert "
    "batch stream cache client schema config train eval serve export ingest sample vocab "
    "threshold calibrate shadow canary rollout fallback retry audit privacy account billing "
    "priority language intent topic customer agent handoff latency budget window report "
    "dashboard registry artifact snapshot backfill dedupe normalize parse encode predict"
).split()
VERBS = ["fix", "add", "tune", "refactor", "clean up", "speed up", "document", "test", "log"]
PEOPLE = [
    ("Mira Okafor", "mira@example.com"),
    ("Jonas Berg", "jonas@example.com"),
    ("Carmen Ruiz", "carmen@example.com"),
    ("Devika Rao", "devika@example.com"),
    ("Ali Haddad", "ali@example.com"),
    ("Lena Vogt", "lena@example.com"),
    ("Sam Osei", "sam@example.com"),
    ("Yuki Tanaka", "yuki@example.com"),
]

# The 16 chapters and the code they describe (some globs match nothing on purpose).
CODE_PATHS: dict[str, list[str]] = {
    "essentials": ["docs/*.md", "README.md"],
    "problem": ["docs/adr/**"],
    "research": ["reports/notebooks/**", "docs/research/**"],
    "design-document": ["docs/**", ".github/CODEOWNERS"],
    "metrics": ["ml/eval/**", "monitoring/dashboards/*.json"],
    "datasets": ["data/**", "pipelines/ingest/**", "pipelines/labeling/*.py"],
    "validation": ["data/splits/*.yaml", "ml/eval/*.py", "tests/integration/test_*split*.py"],
    "baseline": ["ml/models/baselines/**", "configs/experiments/*baseline*.yaml"],
    "error-analysis": ["ml/error_analysis/**", "reports/weekly/*.md"],
    "training-pipeline": ["pipelines/train/**", "ml/training/**", "configs/*.yaml"],
    "features": ["ml/features/*.py", "ml/features/text/**", "services/feature-store/**"],
    "reporting": ["reports/**", "monitoring/dashboards/**"],
    "integration": ["services/helpdesk-integration/**", "libs/clients/**"],
    "monitoring": ["monitoring/**", "ml/serving/*metric*.py"],
    "serving": ["services/router/**", "ml/serving/**", "infra/k8s/**"],
    "ownership": ["docs/runbooks/**", "pipelines/**", "infra/ci/*.yaml"],
}


# --------------------------------------------------------------------------- the repository


class History:
    """Files, their contents and the fast-import stream, all deterministic (seeded)."""

    def __init__(self, seed: int = 20261129) -> None:
        self.rng = random.Random(seed)
        self.files: dict[str, list[int]] = {}  # path -> [file id, version]
        self.by_folder: dict[str, list[str]] = {f: [] for f in FOLDERS}
        self.base: dict[int, list[str]] = {}
        self.next_id = 0
        self.folders = list(FOLDERS)
        self.weights = [FOLDERS[f][2] for f in self.folders]
        self.adds = self.deletes = self.renames = self.modifies = 0

    def new_name(self, folder: str) -> str:
        ext = FOLDERS[folder][0] if folder in FOLDERS else ".py"
        while True:
            a, b = self.rng.sample(WORDS, 2)
            stem = f"test_{a}_{b}" if folder.startswith("tests/") else f"{a}_{b}"
            path = f"{folder}{stem}{ext}"
            if path not in self.files:
                return path

    def content(self, file_id: int, version: int) -> bytes:
        base = self.base.get(file_id)
        if base is None:
            r = random.Random(file_id * 7919)
            base = [
                " ".join(r.choice(WORDS) for _ in range(r.randint(3, 11)))
                for _ in range(r.randint(15, 70))
            ]
            self.base[file_id] = base
        lines = list(base)
        for k in range(min(version, 12)):  # a few lines change with every version
            i = (version * 7 + k * 13) % len(lines)
            lines[i] = f"{lines[i]} v{version - k}"
        lines.append(f"# revision {version}")
        return ("\n".join(lines) + "\n").encode()

    def add(self, path: str) -> tuple[str, bytes]:
        self.files[path] = [self.next_id, 0]
        self.next_id += 1
        folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
        if folder in self.by_folder:
            self.by_folder[folder].append(path)
        return path, self.content(self.next_id - 1, 0)

    def pick(self, exclude: set[str]) -> str | None:
        for _ in range(20):
            folder = self.rng.choices(self.folders, self.weights)[0]
            paths = self.by_folder[folder]
            if not paths:
                continue
            if self.rng.random() < 0.4:  # hot files: the first few of each folder
                path = paths[self.rng.randrange(min(6, len(paths)))]
            else:
                path = paths[self.rng.randrange(len(paths))]
            if path not in exclude:
                return path
        return None

    def stream(self, out: io.BufferedWriter, commits: int) -> None:
        step = (END - START).total_seconds() / max(commits - 1, 1)
        start = START.timestamp()
        for n in range(commits):
            when = int(start + n * step)
            ops: list[bytes] = []
            if n == 0:
                for folder, (_ext, count, _w) in FOLDERS.items():
                    for _ in range(count):
                        ops.append(self._modify(*self.add(self.new_name(folder))))
                for path in ROOT_FILES:
                    ops.append(self._modify(*self.add(path)))
                subject = "initial import of the ticket-routing monorepo"
            else:
                ops, subject = self._change(n)
            name, email = PEOPLE[self.rng.randrange(len(PEOPLE))]
            message = f"{subject}\n\n(#{1000 + n})\n".encode()
            out.write(b"commit refs/heads/main\n")
            out.write(b"mark :%d\n" % (n + 1))
            out.write(f"author {name} <{email}> {when} +0000\n".encode())
            out.write(f"committer {name} <{email}> {when} +0000\n".encode())
            out.write(b"data %d\n%s" % (len(message), message))
            if n:
                out.write(b"from :%d\n" % n)
            out.writelines(ops)
            out.write(b"\n")
        out.write(b"done\n")

    def _modify(self, path: str, data: bytes) -> bytes:
        return b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data)

    def _change(self, n: int) -> tuple[list[bytes], str]:
        """One commit: 1-5 files touched; every 200th commit renames 1-3 of them."""
        ops: list[bytes] = []
        touched: set[str] = set()
        total = self.rng.randint(1, 5)
        subject = ""
        if n % 200 == 0:  # a reorganisation: a move to another folder, or a new name
            moved = 0
            for _ in range(self.rng.randint(1, min(3, total))):
                old = self.pick(touched)
                if old is None:
                    break
                folder = old.rsplit("/", 1)[0] + "/"
                ext = FOLDERS[folder][0]
                same_kind = [f for f in self.folders if FOLDERS[f][0] == ext and f != folder]
                move = same_kind and self.rng.random() < 0.5
                target = self.rng.choice(same_kind) if move else folder
                new = self.new_name(target)
                self.files[new] = self.files.pop(old)
                self.by_folder[folder].remove(old)
                self.by_folder[target].append(new)
                ops.append(b'R "%s" "%s"\n' % (old.encode(), new.encode()))
                touched.update((old, new))
                self.renames += 1
                moved += 1
            subject = f"reorganise {folder.rstrip('/')}: move/rename {moved} file(s)"
        while len(ops) < total:
            roll = self.rng.random()
            if roll < 0.03:
                target = self.rng.choices(self.folders, self.weights)[0]
                path, data = self.add(self.new_name(target))
                ops.append(self._modify(path, data))
                self.adds += 1
            else:
                picked = self.pick(touched)
                if picked is None:
                    break
                path = picked
                folder_of = path.rsplit("/", 1)[0] + "/"
                if roll < 0.04 and len(self.by_folder[folder_of]) > 15:
                    del self.files[path]
                    self.by_folder[folder_of].remove(path)
                    ops.append(b"D %s\n" % path.encode())
                    self.deletes += 1
                else:
                    entry = self.files[path]
                    entry[1] += 1
                    ops.append(self._modify(path, self.content(*entry)))
                    self.modifies += 1
            touched.add(path)
        if not subject:
            first = sorted(touched)[0]
            area = first.split("/")[1] if first.count("/") >= 2 else first.split("/")[0]
            subject = f"{area}: {self.rng.choice(VERBS)} {self.rng.choice(WORDS)} handling"
        return ops, subject


def git(repo: Path, *args: str, **kw: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, **kw)


def build_repo(repo: Path, commits: int) -> dict[str, Any]:
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    history = History()
    stream_path = repo.parent / "stream.fi"
    t0 = time.perf_counter()
    with stream_path.open("wb") as f:
        history.stream(f, commits)
    t1 = time.perf_counter()
    with stream_path.open("rb") as f:
        git(repo, "fast-import", "--quiet", "--done", stdin=f)
    t2 = time.perf_counter()
    git(repo, "read-tree", "main")  # an index, so the work tree looks like a checkout
    git(repo, "checkout-index", "-a", "-q")
    t3 = time.perf_counter()
    pack = sum(p.stat().st_size for p in (repo / ".git" / "objects").rglob("*") if p.is_file())
    info = {
        "stream_s": t1 - t0,
        "import_s": t2 - t1,
        "checkout_s": t3 - t2,
        "stream_bytes": stream_path.stat().st_size,
        "objects_bytes": pack,
        "files": len(history.files),
        "history": history,
    }
    stream_path.unlink()
    return info


# --------------------------------------------------------------------------- the document


def child_env(pycache: Path, now: str = NOW) -> dict[str, str]:
    env = dict(os.environ)
    for key in ("PYTHONPROFILEIMPORTTIME", "PYTHONDEVMODE", "PYTHONTRACEMALLOC"):
        env.pop(key, None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["MLDWIZARD_AUTHOR"] = "mira"  # a handle among the example's people
    env["MLDWIZARD_NOW"] = now
    return env


def mldwizard_cmd() -> list[str]:
    script = Path(PY).parent / "mldwizard"
    return [str(script)] if script.is_file() else [PY, "-m", "mldwizard"]


def toml_str(s: str) -> str:
    return json.dumps(s)  # a JSON string is a valid TOML basic string for these globs


def spread_dates(path: Path, slugs: list[str]) -> dict[str, dt.datetime]:
    """Spread the chapters' baselines evenly over the last 2 years (not in chapter order)."""
    newest = END - dt.timedelta(days=3)
    oldest = END - dt.timedelta(days=730)
    gap = (newest - oldest) / (len(slugs) - 1)
    order = list(slugs)
    random.Random(7).shuffle(order)  # not in chapter order: baselines interleave
    when = {slug: (oldest + i * gap).replace(microsecond=0) for i, slug in enumerate(order)}
    set_dates(path, when)
    return when


def set_dates(path: Path, when: dict[str, dt.datetime]) -> None:
    """Rewrite `updated =` and `reviewed =` of the given chapters (a chapter that had no
    `reviewed` keeps none), so the document still loads and no MLD006 appears."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    current = None
    for i, line in enumerate(lines):
        header = re.match(r"\[chapters\.([A-Za-z0-9_-]+)\]\s*$", line)
        if header:
            current = header.group(1)
            continue
        if line.startswith("["):
            current = None
            continue
        if current in when and re.match(r"(updated|reviewed) = ", line):
            key = line.split(" ", 1)[0]
            lines[i] = f"{key} = {when[current].strftime('%Y-%m-%dT%H:%M:%SZ')}\n"
    path.write_text("".join(lines), encoding="utf-8")


def prepare_document(repo: Path, env: dict[str, str]) -> tuple[Path, dict[str, dt.datetime]]:
    cmd = mldwizard_cmd()
    apply_env = dict(env, MLDWIZARD_NOW=APPLIED_AT)
    run_checked([*cmd, "new", "design.toml", "--example", "--no-input"], repo, apply_env)
    answers = repo.parent / "code-paths.toml"
    answers.write_text(
        "".join(
            f"[chapters.{slug}]\ncode_paths = [{', '.join(toml_str(g) for g in globs)}]\n\n"
            for slug, globs in CODE_PATHS.items()
        ),
        encoding="utf-8",
    )
    run_checked([*cmd, "set", "design.toml", "--from", str(answers)], repo, apply_env)
    doc = repo / "design.toml"
    when = spread_dates(doc, list(CODE_PATHS))
    # For context: the same document with its oldest chapter's baseline moved before the
    # first commit, so mldwizard has to read the whole history, as plain git log does.
    full = repo / FULL_DOC
    shutil.copyfile(doc, full)
    set_dates(full, {min(when, key=when.__getitem__): BEFORE_HISTORY})
    return doc, when


def run_checked(cmd: list[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...] = (0,)) -> str:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode not in ok:
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc.stdout


# --------------------------------------------------------------------------- measuring


def run_once(cmd: list[str], cwd: Path, env: dict[str, str], ok: tuple[int, ...]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - start) * 1000
    if proc.returncode not in ok:
        raise SystemExit(
            f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n"
            f"{proc.stderr.decode(errors='replace')}"
        )
    return elapsed


def interleaved(
    cmds: dict[str, tuple[list[str], tuple[int, ...]]], n: int, cwd: Path, env: dict[str, str]
) -> dict[str, list[float]]:
    """One warm-up each, then n rounds of all commands in turn."""
    for cmd, ok in cmds.values():
        run_once(cmd, cwd, env, ok)
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(n):
        for key, (cmd, ok) in cmds.items():
            times[key].append(run_once(cmd, cwd, env, ok))
    return times


def since_epoch(doc: Path) -> int:
    """The --since mldwizard passes: the oldest baseline of any step with code paths."""
    from mldwizard.core.health import baseline
    from mldwizard.core.storage import load_document
    from mldwizard.core.workspace import specs_for

    d = load_document(doc, specs_for(doc))
    states = [*d.chapters.values(), d.gate, d.feasibility]
    return int(min(baseline(s, d) for s in states if s.code_paths).timestamp())


class Timer:
    """Wraps a function, adding up its wall time (ms) into `totals[name]`."""

    def __init__(self, totals: dict[str, float]) -> None:
        self.totals = totals

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*a: Any, **kw: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                self.totals[name] = self.totals.get(name, 0.0) + (time.perf_counter() - t) * 1000

        return timed


def in_process(doc: Path, runs: int) -> tuple[list[dict[str, float]], dict[str, Any]]:
    """Run `cmd_check` in this interpreter with timers around its parts (the package is
    patched only here, in memory). glob_regex's cache is cleared before each run, as in a
    fresh process."""
    from mldwizard.cli import build_parser, living
    from mldwizard.core import gitlog, health, storage, workspace

    os.environ["MLDWIZARD_NOW"] = NOW
    args = build_parser().parse_args(["check", str(doc), "--format", "json"])
    originals = {
        (health, "commits_since"): health.commits_since,
        (health, "compute_drift"): health.compute_drift,
        (health, "find_repo"): health.find_repo,
        (gitlog, "parse_log"): gitlog.parse_log,
        (storage, "load_document"): storage.load_document,
        (workspace, "specs_for"): workspace.specs_for,
    }
    results = []
    extra: dict[str, Any] = {}
    try:
        for _ in range(runs + 1):  # the first is a warm-up (imports, caches)
            totals: dict[str, float] = {}
            timer = Timer(totals)
            for (module, name), fn in originals.items():
                setattr(module, name, timer.wrap(name, fn))
            gitlog.glob_regex.cache_clear()
            out = io.StringIO()
            t = time.perf_counter()
            with contextlib.redirect_stdout(out):
                living.cmd_check(args)
            totals["total"] = (time.perf_counter() - t) * 1000
            results.append(totals)
            extra["json"] = out.getvalue()
    finally:
        for (module, name), fn in originals.items():
            setattr(module, name, fn)
    # sizes: what drift had to work through
    repo = gitlog.find_repo(doc.parent)
    assert repo is not None
    commits = gitlog.commits_since(repo, dt.datetime.fromtimestamp(since_epoch(doc), dt.UTC))
    extra["commits"] = len(commits)
    extra["file_entries"] = sum(len(c.files) for c in commits)
    extra["paths"] = len({p for c in commits for p in c.files})
    return results[1:], extra


def line(label: str, times: list[float], width: int = 52) -> float:
    med, low = statistics.median(times), min(times)
    print(f"  {label:<{width}} median {med:8.1f} ms   min {low:8.1f} ms")
    return med


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 commits, 3 runs")
    parser.add_argument("--commits", type=int, help="commits in the generated repository")
    parser.add_argument("--runs", type=int, help="runs per command (default 7, 3 with --quick)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    commits = args.commits or (2_000 if args.quick else 20_000)
    runs = args.runs or (3 if args.quick else 7)
    if commits < 2 or runs < 1:
        parser.error("--commits must be at least 2 and --runs at least 1")
    if shutil.which("git") is None:
        print("bench: git is not installed", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="mldwizard-bench-check-"))
    try:
        return run(folder, commits, runs, args.quick)
    finally:
        if args.keep:
            print(f"\n(kept {folder})")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def run(folder: Path, commits: int, runs: int, quick: bool) -> int:
    git_version = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout
    print(f"mldwizard {__version__} check benchmark{' (quick)' if quick else ''}")
    print(f"  python {sys.version.split()[0]}; {git_version.strip()}; {os.cpu_count()} CPUs")

    repo = folder / "repo"
    print(f"\n1. Repository: {commits:,} commits via git fast-import")
    info = build_repo(repo, commits)
    h: History = info["history"]
    print(
        f"  generated stream     {info['stream_s'] * 1000:8.0f} ms  "
        f"({info['stream_bytes'] / 1e6:.1f} MB, Python)"
    )
    print(f"  git fast-import      {info['import_s'] * 1000:8.0f} ms")
    print(f"  index + work tree    {info['checkout_s'] * 1000:8.0f} ms")
    built = sum(info[k] for k in ("stream_s", "import_s", "checkout_s"))
    print(f"  total                {built * 1000:8.0f} ms")
    print(
        f"  {info['files']:,} files in {len(FOLDERS)} folders (+ root); objects "
        f"{info['objects_bytes'] / 1e6:.1f} MB; after the initial import: {h.modifies:,} "
        f"modifications, {h.adds} additions, {h.deletes} deletions, {h.renames} renames"
    )
    print(f"  committer dates {START.date()} .. {END.date()} (evenly spread)")

    pycache = folder / "pycache"
    env = child_env(pycache)
    doc, when = prepare_document(repo, env)
    print("\n2. Document: the bundled example, 16 chapters with code paths")
    print(
        f"  {doc.name}: {doc.stat().st_size:,} bytes; "
        f"{sum(len(g) for g in CODE_PATHS.values())} globs; chapter baselines "
        f"{min(when.values()).date()} .. {max(when.values()).date()}"
    )
    since = since_epoch(doc)
    since_day = dt.datetime.fromtimestamp(since, dt.UTC).date()
    print(f"  mldwizard reads the commits after {since_day} (the oldest baseline)")

    check = [*mldwizard_cmd(), "check", "design.toml", "--format", "json"]
    report = json.loads(run_checked(check, repo, env, ok=(0, 1)))
    findings = report["findings"]
    drifted = sorted({f["chapter"] for f in findings if f["code"] == "MLD005"})
    by_code: dict[str, int] = {}
    for f in findings:
        by_code[f["code"]] = by_code.get(f["code"], 0) + 1

    exact_log = [
        "git", "-c", "core.quotepath=false", "log", "-z", "--name-status", "-M", "--no-color",
        f"--since=@{since}", "--format=%x1e%H%x1f%ct%x1f%s",
    ]  # fmt: skip
    imports = "import mldwizard.cli, mldwizard.cli.living, mldwizard.core.checks"
    cmds: dict[str, tuple[list[str], tuple[int, ...]]] = {
        "check": (check, (0, 1)),
        "plain": (["git", "log", "--name-only"], (0,)),
        "status": (["git", "log", "--name-status", "-M"], (0,)),
        "exact": (exact_log, (0,)),
        "startup": ([PY, "-c", imports], (0,)),
        "full": ([*mldwizard_cmd(), "check", FULL_DOC, "--format", "json"], (0, 1)),
    }
    labels = {
        "check": "mldwizard check design.toml --format json",
        "plain": "git log --name-only            (all commits)",
        "status": "git log --name-status -M       (all commits)",
        "exact": f"mldwizard's own git log (--since {since_day})",
        "startup": "python -c 'import mldwizard.cli.living, ...'",
        "full": "check, oldest baseline before the 1st commit",
    }
    print(f"\n3. Wall time, subprocesses (1 warm-up each, then {runs} rounds, interleaved)")
    times = interleaved(cmds, runs, repo, env)
    med = {k: line(labels[k], times[k]) for k in cmds}
    ratio = med["check"] / med["plain"]
    verdict = "meets" if ratio <= 1.5 else "MISSES"
    print(
        f"\n  ratio check / plain git log: {ratio:.2f}x  (goal <= 1.5x: {verdict}); "
        f"min/min {min(times['check']) / min(times['plain']):.2f}x"
    )
    print(f"  ratio check / git log --name-status -M: {med['check'] / med['status']:.2f}x")
    print(
        f"  context: with one chapter's baseline before the history (whole history read): "
        f"{med['full'] / med['plain']:.2f}x plain git log"
    )
    print(
        f"  findings: {len(findings)} ("
        + ", ".join(f"{c} x{n}" for c, n in sorted(by_code.items()))
        + f"); drifted chapters: {len(drifted)} of 16"
    )
    if drifted:
        print(f"    {', '.join(drifted)}")
    print(f"  check exit status: {1 if report['failed'] else 0} (1 = findings at --fail-on)")

    print(f"\n4. In process (cmd_check with timers; {runs} runs after a warm-up; median ms)")
    parts, extra = in_process(doc, runs)

    def m(key: str) -> float:
        return statistics.median(p.get(key, 0.0) for p in parts)

    git_sub = statistics.median(p.get("commits_since", 0) - p.get("parse_log", 0) for p in parts)
    rest = statistics.median(
        p["total"] - p.get("commits_since", 0) - p.get("compute_drift", 0) for p in parts
    )
    other = statistics.median(
        p["total"]
        - sum(p.get(k, 0) for k in ("commits_since", "compute_drift", "find_repo"))
        - p.get("load_document", 0)
        - p.get("specs_for", 0)
        for p in parts
    )
    total = m("total")
    rows = [
        ("core.gitlog.commits_since", m("commits_since")),
        ("  git log subprocess (+ decode)", git_sub),
        ("  parse_log", m("parse_log")),
        ("core.gitlog.compute_drift", m("compute_drift")),
        ("rest", rest),
        ("  load specs (specs_for)", m("specs_for")),
        ("  load document (load_document)", m("load_document")),
        ("  find_repo (git rev-parse)", m("find_repo")),
        ("  assess, checks, JSON output", other),
    ]
    for label, value in rows:
        print(f"  {label:<36} {value:8.1f} ms   {value / total * 100:5.1f} %")
    print(f"  {'total in process':<36} {total:8.1f} ms")
    print(
        f"  drift input: {extra['commits']:,} commits, {extra['file_entries']:,} file entries, "
        f"{extra['paths']:,} distinct paths, {sum(len(g) for g in CODE_PATHS.values())} globs"
    )
    startup = med["startup"]
    print(
        f"  wall {med['check']:.0f} ms ~ start-up+imports {startup:.0f} ms "
        f"+ in-process {total:.0f} ms + exit ({med['check'] - startup - total:+.0f} ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
