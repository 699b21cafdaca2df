"""Several processes writing one document at once lose nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mldwizard.core.specs import Specs

from .conftest import load

# Eight (chapter, question) pairs of free-text questions, one per process.
TARGETS = [
    ("essentials", "summary"),
    ("problem", "problem_statement"),
    ("problem", "current_process"),
    ("research", "internal_solutions"),
    ("metrics", "business_metric"),
    ("datasets", "data_sources"),
    ("baseline", "constant_baseline"),
    ("monitoring", "software_health"),
]

# The lock gives up after 30 s (LOCK_TIMEOUT_S), for a writer that is stuck. Eight writers
# that each take it fifty times are not stuck, but on a loaded machine one of them can lose
# the race for the lock for longer than that: here they wait as long as it takes, since
# what this test is about is that no write is lost.
WORKER = """
import functools, sys
from pathlib import Path
from mldwizard.core import edits, locking, storage
from mldwizard.core.workspace import specs_for

storage.file_lock = functools.partial(locking.file_lock, timeout=600)
path, slug, qid, rounds = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
specs = specs_for(path)
for n in range(rounds):
    storage.update_document(
        path, specs, f"w-{qid}",
        lambda d: edits.set_answer(d, specs.resolve(slug), qid, f"{qid} #{n}"),
    )
"""


def _env() -> dict[str, str]:
    return {**os.environ, "MLDWIZARD_AUTHOR": "proc"}


def test_eight_set_commands_at_once_keep_every_answer(doc_path: Path, specs: Specs) -> None:
    for round_ in range(3):
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "mldwizard",
                    "set",
                    str(doc_path),
                    slug,
                    qid,
                    f"round {round_} answer for {qid}",
                ],
                env=_env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for slug, qid in TARGETS
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
        doc = load(doc_path, specs)
        for slug, qid in TARGETS:
            assert doc.step(slug).answers[qid] == f"round {round_} answer for {qid}"
    assert len(doc.changelog) == 1 + 3 * len(TARGETS)


def test_eight_processes_fifty_writes_each(doc_path: Path, specs: Specs) -> None:
    rounds = 50
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(doc_path), slug, qid, str(rounds)],
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for slug, qid in TARGETS
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    doc = load(doc_path, specs)
    for slug, qid in TARGETS:
        assert doc.step(slug).answers[qid] == f"{qid} #{rounds - 1}"
        writers = sum(1 for s, _ in TARGETS if s == slug)
        assert doc.step(slug).revision == rounds * writers
    assert len(doc.changelog) == 1 + rounds * len(TARGETS)
