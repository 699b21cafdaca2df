"""Small synthetic spec folders for tests of overlays and references across steps.

Two extra chapters, ``alpha`` (a choice ``flavour``: sweet or sour; a text ``colour``) and
``beta`` (``size``, ``shape``) after it, appended to the built-in steps; tests add an
overlay or replace a file to break one rule at a time. Nothing here depends on the
wording of the built-in chapters.
"""

from __future__ import annotations

from pathlib import Path


def question(qid: str, title: str | None = None, kind: str = "text", extra: str = "") -> str:
    return f"""
[[questions]]
id = "{qid}"
title = "{title or qid.replace("_", " ").capitalize()}"
prompt = "What about {qid}?"
help = "Help for {qid}."
example = "Example for {qid}."
kind = "{kind}"
{extra}
"""


def chapter(slug: str, body: str, head: str = "") -> str:
    top = f'slug = "{slug}"\ntitle = "{slug.capitalize()} chapter"\nintro = "About {slug}."'
    return f"{top}\n{head}\n{body}"


SWEET = 'applies_to = { question = "alpha.flavour", equals = "sweet" }'


def overlay(slug: str, body: str, head: str = SWEET) -> str:
    return (
        f'slug = "{slug}"\nkind = "overlay"\ntitle = "Sweet things"\nintro = "When sweet."\n'
        f"{head}\n{body}"
    )


FLAVOUR = question(
    "flavour",
    kind="choice",
    extra='choices = [{ value = "sweet", label = "Sweet as honey" }, "sour"]',
)
ALPHA = chapter("alpha", FLAVOUR + question("colour"))
BETA = chapter("beta", question("size") + question("shape"), head='after = "alpha"')


def spec_folder(root: Path, **files: str) -> Path:
    """``alpha.toml`` and ``beta.toml`` plus ``files`` (name without .toml -> text; a file
    named like alpha or beta replaces it)."""
    folder = root / "specs"
    folder.mkdir(exist_ok=True)
    texts = {"alpha": ALPHA, "beta": BETA, **files}
    for name, text in texts.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return folder
