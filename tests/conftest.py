from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from mldwizard.core import storage
from mldwizard.core.document import Document, new_document
from mldwizard.core.specs import Specs, load_specs

from .cli_run import cli
from .review_docs import make_reviewable


@pytest.fixture(scope="session")
def specs() -> Specs:
    return load_specs()


@pytest.fixture(autouse=True)
def fixed_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed clock and author, so files and messages are reproducible."""
    monkeypatch.setenv("MLDWIZARD_NOW", "2026-11-30T12:00:00Z")
    monkeypatch.setenv("MLDWIZARD_AUTHOR", "tester")


@pytest.fixture(autouse=True)
def size_from_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest-xdist's workers have COLUMNS=80 and LINES=24 (one process, `-n 0`, has
    neither), and Textual and Rich prefer them to the terminal's own size: the wizard
    started in a 120x36 pty (or tmux window) drew 80x24 there, and a test waited for a line
    the app never showed. Every test sees what one process sees; one that needs a width
    sets it."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


@pytest.fixture
def make_doc(tmp_path: Path, specs: Specs) -> Callable[..., Path]:
    def make(name: str = "design.toml", title: str = "Fraud scoring") -> Path:
        path = tmp_path / name
        doc = new_document(title, dt.date(2026, 11, 1), [s.slug for s in specs.chapters])
        storage.create_document(path, doc, specs, "tester")
        return path

    return make


@pytest.fixture
def doc_path(make_doc: Callable[..., Path]) -> Path:
    return make_doc()


@pytest.fixture
def ok(capsys: pytest.CaptureFixture[str]) -> Callable[..., str]:
    def run(*args: object) -> str:
        code, out, err = cli(capsys, *args)
        assert code == 0, err
        return out

    return run


def load(path: Path, specs: Specs) -> Document:
    return storage.load_document(path, specs)


# Property tests draw the same examples on every run (CI's verdict must not depend on the
# draw); `HYPOTHESIS_PROFILE=explore pytest ...` draws new ones to look for more problems.
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def reviewable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The small document to review (:mod:`tests.review_docs`), what making it printed read
    away."""
    path = make_reviewable(tmp_path)
    capsys.readouterr()
    return path
