"""``mldwizard ... --plain`` draws what a person needs to see: the real program in a pty,
read back as a screen. Every kind of question shows its prompt and hint (whole words) and
echoes what is typed, at 60, 80 and 120 columns, however long the question, the answer, the
choices or the list; Esc Enter saves; control characters are shown, never run."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from mldwizard.core import edits, storage
from mldwizard.core.specs import Specs, load_specs

from ..conftest import load
from ..hand_written import hand_written
from .terminal import (
    DOWN,
    ENTER,
    ESC_ENTER,
    SPACE,
    SPECS_DIR,
    UP,
    PlainTerminal,
    prompt_of,
    start,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")

LONG = "and the rest of this sentence is there only to make the line longer than a terminal"
HOSTILE = "\\u001b]0;pwned\\u0007 and \\u009b2J"  # TOML escapes: OSC 0 (window title), C1 CSI

QUARTERLY = (
    "every quarter, when the product team ships a new form that asks for more fields than "
    "the old one did"
)
TESTABLE = (
    "testable, meaning that every part of the pipeline can be run on its own with a small "
    "fixed sample"
)

# One question of every kind, each prompt longer than the widest terminal tested, long choice
# titles, and control characters in the spec's text (to be shown, never acted on).
KINDS = f'''slug = "kinds"
title = "Every kind"
intro = "A step with one question of every kind. {HOSTILE}."

[[questions]]
id = "a_text"
title = "System name"
prompt = "Text: the name of the system as people will say it in meetings, {LONG} (120)?"
help = "Help for the text question {HOSTILE}."
example = "Ticket router"
kind = "text"
required = true

[[questions]]
id = "a_long_text"
title = "What it does"
prompt = "Long text: what the system does for whom, {LONG} at one hundred and twenty?"
help = "Help for the long text question."
example = "It routes tickets."
kind = "long_text"
required = true

[[questions]]
id = "a_list"
title = "Known risks"
prompt = "List: the risks you already know about, one per line, {LONG} at one hundred and twenty?"
help = "Help for the list question."
example = "Labels are noisy"
kind = "list"

[[questions]]
id = "a_choice"
title = "How often inputs change"
prompt = "Choice: how often the inputs change over a year, {LONG} at one hundred and twenty?"
help = "Help for the choice question."
example = "rarely"
kind = "choice"
choices = ["rarely", "{QUARTERLY}"]

[[questions]]
id = "a_multi_choice"
title = "Team principles"
prompt = "Multi choice: the principles the team follows, {LONG} at one hundred and twenty?"
help = "Help for the multi choice question."
example = "simple"
kind = "multi_choice"
choices = ["simple", "{TESTABLE}"]

[[questions]]
id = "a_bool"
title = "Human review"
prompt = "Bool: whether a person reviews every decision before it reaches a customer, {LONG} (120)?"
help = "Help for the bool question."
example = "yes"
kind = "bool"

[[questions]]
id = "a_number"
title = "Peak tickets a day"
prompt = "Number: how many tickets a day the system must route at the peak of the season, {LONG}?"
help = "Help for the number question."
example = "1200"
kind = "number"

[[questions]]
id = "a_date"
title = "First version date"
prompt = "Date: when the first version must be in front of real customers, {LONG} at one hundred?"
help = "Help for the date question."
example = "2027-03-01"
kind = "date"

[[questions]]
id = "a_person"
title = "Decision owner"
prompt = "Person: who decides when scope, quality and deadline pull in different ways, {LONG}?"
help = "Help for the person question."
example = "ana"
kind = "person"

[[questions]]
id = "a_people"
title = "Team"
prompt = "People: who builds and runs the system from the first sketch to the on-call rota, {LONG}?"
help = "Help for the people question."
example = "ana, ben"
kind = "people"
'''


@pytest.fixture
def kinds_doc(doc_path: Path) -> Path:
    """A document with two people and the extra step of every kind next to it."""
    folder = doc_path.parent / SPECS_DIR
    folder.mkdir(parents=True)
    (folder / "kinds.toml").write_text(KINDS)

    def people(d):  # type: ignore[no-untyped-def]
        edits.upsert_person(d, "ana", "Ana Silva", "ML engineer")
        edits.upsert_person(d, "ben", "Ben Okafor \x1b]0;pwned\x07", "Backend")

    with hand_written():
        storage.update_document(doc_path, load_specs([folder]), "tester", people)
    return doc_path


@pytest.fixture
def kinds_specs(kinds_doc: Path) -> Specs:
    return load_specs([kinds_doc.parent / SPECS_DIR])


@pytest.mark.parametrize("cols", [60, 80, 120])
def test_every_kind_shows_its_prompt_and_what_is_typed(
    kinds_doc: Path, kinds_specs: Specs, terminals: list[PlainTerminal], cols: int
) -> None:
    term = start(terminals, kinds_doc, "kinds", cols)

    def ask(qid: str, hint: str) -> None:
        question = kinds_specs.resolve("kinds").question(qid)
        assert question is not None
        term.wait_for_prompt(question.prompt + (" *" if question.required else ""))
        assert term.shows(hint), term.text  # whole words, wrapped between them

    ask("a_text", "(Enter to finish)")
    # Control characters in the spec are shown as text, never acted on.
    assert term.shows("Help for the text question \\x1b]0;pwned\\x07 and \\x9b2J."), term.text
    answer = "Ticket router, the one that sends each support ticket to the team that can solve it"
    assert len(answer) > cols or cols == 120
    term.type_and_see(answer)
    term.type(ENTER)

    ask("a_long_text", "(Esc then Enter to finish; Enter alone starts a new line)")
    first = "It reads each new ticket as it arrives and picks the queue of the team most likely"
    term.type_and_see(first)
    term.type(ENTER)
    second = "to solve it on the first try, " + LONG
    term.type_and_see(second, shown=first + second)
    term.type(ESC_ENTER)

    ask("a_list", "(Esc then Enter to finish")
    term.type_and_see("Labels are noisy")
    term.type(ENTER)
    term.type_and_see("Queues get renamed", shown="Labels are noisy Queues get renamed")
    term.type(ESC_ENTER)

    ask("a_choice", "(↑/↓ to move, Enter to choose)")
    term.wait_for("every quarter, when the product team ships a new form that asks for more")
    assert term.shows("fields than the old one did"), term.text  # the whole title, wrapped
    assert "» (skip)" in term.text  # unanswered: Enter keeps it so
    term.type(UP)
    term.type(ENTER)

    ask("a_multi_choice", "(↑/↓ to move, Space to tick or untick, Enter to confirm)")
    term.wait_for("testable, meaning that every part of the pipeline can be run on its own")
    assert term.shows("with a small fixed sample"), term.text
    term.type(SPACE)
    term.type(DOWN)
    term.type(SPACE)
    term.wait(lambda: term.text.count("●") == 2, "both ticked")
    term.type(ENTER)

    ask("a_bool", "(↑/↓ to move, Enter to choose)")
    term.wait_for("Yes")
    term.type(UP)  # No
    term.type(ESC_ENTER)  # the habit from long answers works as Enter in a list too

    ask("a_number", "(Enter to finish)")
    term.type_and_see("12 apples")
    term.type(ENTER)
    # Why, all of it (wrapped, not cut at the edge); the prompt stays open.
    term.wait_for_text(
        "expected a number, got '12 apples' (write it with the digits 0-9, e.g. 42, -0.5, "
        "1_000 or 2.5e3)"
    )
    term.type("\x7f" * len("12 apples"))
    term.type_and_see("1_200")
    term.type(ENTER)

    ask("a_date", "(Enter to finish)")
    term.type_and_see("2027-03-01")
    term.type(ENTER)

    ask("a_person", "(↑/↓ to move, Enter to choose)")
    term.wait_for("ben (Ben Okafor \\x1b]0;pwned\\x07, Backend)")  # shown, not acted on
    term.type(UP)
    term.type(ENTER)

    ask("a_people", "(↑/↓ to move, Space to tick or untick, Enter to confirm)")
    term.wait_for("ana (Ana Silva, ML engineer)")
    term.type(SPACE)
    term.wait(lambda: "●" in term.text, "ana ticked")
    term.type(ESC_ENTER)

    ask("notes", "(Esc then Enter to finish; Enter alone starts a new line)")
    term.type(ESC_ENTER)  # the chapter's free notes, asked last: left empty

    term.wait_for_text(f"Done. 10 change(s) saved in {kinds_doc}")
    assert term.finish() == 0
    # Control characters from the spec and the document reached the screen as text only.
    assert b"pwned\x07" not in term.raw and "\x9b".encode() not in term.raw
    answers = load(kinds_doc, kinds_specs).chapters["kinds"].answers
    assert answers == {
        "a_text": answer,
        "a_long_text": f"{first}\n{second}",
        "a_list": ["Labels are noisy", "Queues get renamed"],
        "a_choice": kinds_specs.resolve("kinds").question("a_choice").choices[1],  # type: ignore[union-attr]
        "a_multi_choice": kinds_specs.resolve("kinds").question("a_multi_choice").choices,  # type: ignore[union-attr]
        "a_bool": False,
        "a_number": 1200,
        "a_date": dt.date(2027, 3, 1),
        "a_person": "ben",
        "a_people": ["ana"],
    }


def test_a_long_current_answer_scrolls_below_its_question(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    step = specs.resolve("1")
    lines = [
        f"Line {n} of an answer taller than the terminal, and wider than it too." for n in range(40)
    ]
    storage.update_document(
        doc_path, specs, "tester", lambda d: edits.set_answer(d, step, "summary", "\n".join(lines))
    )
    term = start(terminals, doc_path, "1")
    question = prompt_of(specs, "essentials", "summary") + " *"
    # The question stays on the screen above the answer, which shows where the cursor is.
    term.wait(lambda: term.shows(question) and term.shows(lines[-1]), "question and answer end")
    term.type_and_see(" And one more sentence.", shown=lines[-1] + " And one more sentence.")
    assert term.shows(question), term.text
    assert term.shows("(Esc then Enter to finish; Enter alone starts a new line)"), term.text
    term.type(ESC_ENTER)
    term.wait_for_prompt(prompt_of(specs, "essentials", "system_kind"))
    summary = load(doc_path, specs).chapters["essentials"].answers["summary"]
    assert summary == "\n".join(lines) + " And one more sentence."


def test_a_list_taller_than_the_terminal_scrolls_below_its_question(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    def people(d):  # type: ignore[no-untyped-def]
        for n in range(30):
            edits.upsert_person(d, f"p{n:02}", f"Person {n}", "Engineer")

    storage.update_document(doc_path, specs, "tester", people)
    term = start(terminals, doc_path, "1")
    term.wait_for_prompt(prompt_of(specs, "essentials", "summary") + " *")
    term.type(ESC_ENTER)  # nothing typed: left unanswered
    term.wait_for_prompt(prompt_of(specs, "essentials", "system_kind"))
    term.type(ENTER)  # (skip)
    team = prompt_of(specs, "essentials", "team") + " *"
    term.wait_for_prompt(team)
    term.wait_for("p00 (Person 0, Engineer)")
    term.type(UP)  # round to the last line, "(add a person)", at the bottom of the list
    term.wait_for("» ○ (add a person)")
    term.type(UP)  # the last person
    term.wait_for("» ○ p29 (Person 29, Engineer)")
    assert term.shows(team), term.text  # the question is still in sight
    term.type(SPACE)
    term.wait_for("» ● p29 (Person 29, Engineer)")
    term.type(ENTER)
    term.wait_for_prompt(prompt_of(specs, "essentials", "decision_owner"))
    assert load(doc_path, specs).chapters["essentials"].answers == {"team": ["p29"]}


def test_control_characters_in_a_current_answer_are_shown_not_run(
    doc_path: Path, specs: Specs, terminals: list[PlainTerminal]
) -> None:
    hostile = "Before \x1b]0;pwned\x07 and \x9b2J after"
    step = specs.resolve("1")
    with hand_written():
        storage.update_document(
            doc_path, specs, "tester", lambda d: edits.set_answer(d, step, "summary", hostile)
        )
    term = start(terminals, doc_path, "1")
    term.wait_for_prompt(prompt_of(specs, "essentials", "summary") + " *")
    term.wait(lambda: term.shows("Before") and term.shows("after"), "the current answer")
    term.type(ESC_ENTER)  # unchanged
    term.wait_for_prompt(prompt_of(specs, "essentials", "system_kind"))
    assert b"pwned\x07" not in term.raw and "\x9b".encode() not in term.raw
    assert load(doc_path, specs).chapters["essentials"].answers == {"summary": hostile}
