"""The collector is paused while an app starts and always turned back on (startup.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from mldwizard import startup
from mldwizard.cli import main
from mldwizard.core.specs import Specs
from mldwizard.tui.workshop import WorkshopApp

from .helpers import SIZE, app_for, settle
from .test_workshop import start


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    """Whatever a test does, the next one starts with the collector on and not paused."""
    yield
    startup.resume()
    gc.enable()


def test_pause_and_resume() -> None:
    startup.pause()
    assert not gc.isenabled() and startup.paused()
    startup.resume()
    assert gc.isenabled() and not startup.paused()
    startup.resume()  # a second resume changes nothing
    assert gc.isenabled()


def test_a_pause_by_someone_else_is_left_to_them() -> None:
    gc.disable()  # as Textual does during a smooth scroll
    startup.pause()
    startup.resume()
    assert not gc.isenabled()  # not ours to turn back on


def test_resume_freezes_what_start_up_made() -> None:
    gc.unfreeze()
    startup.pause()
    startup.resume()
    assert gc.get_freeze_count() > 0


async def test_the_wizard_turns_the_collector_back_on_after_its_first_frame(
    doc_path: Path, specs: Specs
) -> None:
    startup.pause()  # as the CLI does before it opens the wizard
    app = app_for(doc_path, specs)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert gc.isenabled() and not startup.paused()


async def test_the_workshop_turns_the_collector_back_on(doc_path: Path, specs: Specs) -> None:
    wid = start(doc_path, specs)
    startup.pause()
    app = WorkshopApp(doc_path, specs, "ana", wid)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert gc.isenabled() and not startup.paused()


@pytest.mark.parametrize(
    "argv",
    [
        ["edit", "{doc}"],  # no terminal: refused before any app starts
        ["workshop", "{doc}"],
        ["edit", "{broken}"],  # a document that fails to load
        ["new", "{new}", "--no-input"],
        ["show", "{doc}"],  # a command that never pauses
    ],
)
def test_every_way_out_of_the_cli_leaves_the_collector_on(
    argv: list[str], doc_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("this is = = not toml\n")
    paths = {"doc": doc_path, "broken": broken, "new": tmp_path / "new.toml"}
    main([arg.format(**paths) for arg in argv])
    capsys.readouterr()
    assert gc.isenabled() and not startup.paused()
