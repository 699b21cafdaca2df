"""Two small extra chapters for the tests of ``asks`` and ``builds_on``, independent of the
built-in chapters' wording: "Fallback basics" asks for a plan; "Fallback drills" builds on
it, and asks a question whose checklist is longer than an 80-column line."""

from __future__ import annotations

from pathlib import Path

BASICS = "fallback-basics"
DRILLS = "fallback-drills"
PLAN_REF = f"{BASICS}.plan"
PLAN_PROMPT = "What happens to a ticket when the model cannot answer it?"
DRILL_PROMPT = "How do you rehearse the fallback?"
DRILL_ASKS = [
    "who takes part, and who leads the drill",
    "how often, and what triggers an extra one",
    "what is measured: time to switch over, tickets lost on the way",
    "what it costs",
]
OWNER_ASKS = ["who is paged first", "who decides to switch back"]
LONG_PLAN = (
    "The ticket goes to the general queue and a human triages it, as before the model.\n"
    "The on-call engineer is paged when more than 5% of tickets fall back in an hour.\n"
    "Agents see a banner saying routing is manual for now.\n"
    "Weekly: the fallback share is reported to the support lead, with the reasons.\n"
    "After an hour of fallback the model is taken out and the rules take over completely."
)


def question(qid: str, title: str, prompt: str, extra: str = "") -> str:
    return (
        f'[[questions]]\nid = "{qid}"\ntitle = "{title}"\nprompt = "{prompt}"\n'
        f'help = "Why {title.lower()} matters."\nexample = "An example of {title.lower()}."\n'
        f'kind = "long_text"\n{extra}\n'
    )


def write_notes_specs(folder: Path) -> Path:
    """The two chapters, in ``folder`` (created); returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a-basics.toml").write_text(
        f'slug = "{BASICS}"\ntitle = "Fallback basics"\nintro = "When the model cannot answer."\n\n'
        + question("plan", "Fallback plan", PLAN_PROMPT, "required = true"),
        encoding="utf-8",
    )
    drill_extra = f'required = true\nbuilds_on = "{PLAN_REF}"\nasks = {DRILL_ASKS!r}'.replace(
        "'", '"'
    )
    owner_extra = f'builds_on = "{DRILLS}.drill"\nasks = {OWNER_ASKS!r}'.replace("'", '"')
    (folder / "b-drills.toml").write_text(
        f'slug = "{DRILLS}"\ntitle = "Fallback drills"\nintro = "Rehearsing the fallback."\n\n'
        + question("drill", "Fallback drill", DRILL_PROMPT, drill_extra)
        + question("owner", "Drill owner", "Who owns the drills?", owner_extra),
        encoding="utf-8",
    )
    return folder
