"""A small document to review, with review items of its own (not the built-in content).

``beta`` (questions ``size``, ``shape``) carries four items: ``sized`` (critical),
``shaped`` (major), ``tidy`` (minor) and ``proven`` (critical, from the pilot stage only).
An overlay adds ``sweet_enough`` (critical) to ``beta`` when ``alpha.flavour`` is sweet.
The specs live in ``.mldwizard/chapters`` next to the document, where every command finds
them. People: ana (Product manager), bo (ML engineer), cy (no role).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mldwizard.cli import main
from mldwizard.core import storage
from mldwizard.core.document import Document
from mldwizard.core.specs import Specs
from mldwizard.core.workspace import specs_for

from .spec_folders import ALPHA, BETA, overlay, question


def item(rid: str, severity: str, extra: str = "", questions: str = '["size"]') -> str:
    return f"""
[[review]]
id = "{rid}"
dimension = "metrics"
severity = "{severity}"
text = "The check {rid} holds."
questions = {questions}
fix = "Make {rid} hold."
{extra}
"""


BETA_REVIEWED = (
    BETA
    + item("sized", "critical")
    + item("shaped", "major", questions='["shape"]')
    + item("tidy", "minor")
    + item("proven", "critical", 'from_stage = "pilot"')
)
SWEET = overlay(
    "sweets",
    question("sugar", extra='chapter = "beta"')
    + item("sweet_enough", "critical", 'chapter = "beta"', questions='["sugar"]'),
)
AT = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def write_specs(root: Path, beta: str = BETA_REVIEWED, extra: dict[str, str] | None = None) -> Path:
    folder = root / ".mldwizard" / "chapters"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {"alpha": ALPHA, "beta": beta, "sweets": SWEET, **(extra or {})}.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return folder


def cli(*args: object) -> int:
    return main([str(a) for a in args])


def make_reviewable(root: Path, status: str = "review", beta: str = BETA_REVIEWED) -> Path:
    """A document whose beta chapter is answered and in ``status``."""
    write_specs(root, beta)
    path = root / "design.toml"
    assert cli("new", path, "--no-input", "--title", "Reviewed") == 0
    for handle, name, role in (
        ("ana", "Ana", "Product manager"),
        ("bo", "Bo", "ML engineer"),
        ("cy", "Cy", ""),
    ):
        assert cli("person", path, handle, "--name", name, "--role", role) == 0
    assert cli("set", path, "alpha", "flavour", "sour") == 0
    assert cli("set", path, "beta", "size", "Ten by ten") == 0
    assert cli("set", path, "beta", "shape", "Round", "--status", status) == 0
    return path


def load(path: Path) -> tuple[Document, Specs]:
    specs = specs_for(path)
    return storage.load_document(path, specs), specs
