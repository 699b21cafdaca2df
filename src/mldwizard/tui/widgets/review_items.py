"""The review screen's item side: the list of review items, the highlighted item's detail
(its fix hint, the answers it looks at, its mark and comment threads) and the summary line.

Everything shown is read from the core (:mod:`mldwizard.core.review_rules` decides what
applies and what counts); nothing here decides a rule.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.approved_text import shown_status
from ...core.document import Document
from ...core.review import thread_actions
from ...core.review_model import MARK_LABEL, ItemMark, Thread
from ...core.review_rules import (
    applicable_items,
    later_items,
    still_needed,
    summarise,
    unmet_critical,
)
from ...core.review_spec import DIMENSIONS, ReviewItem
from ...core.review_staleness import own_questions
from ...core.specs import Specs, StepSpec
from ...core.stages import STAGE_LABEL

CHAPTER = "-chapter-"
"""The list's last row: comments on the step as a whole (threads on no item)."""

BOX = {"met": "✓", "partial": "~", "not-met": "✗", "not-applicable": "–"}
MARK_STYLE = {"met": "green", "partial": "yellow", "not-met": "red", "not-applicable": "dim"}
SEVERITY_STYLE = {"critical": "bold red", "major": "bold yellow", "minor": "dim"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(doc: Document, step: StepSpec, by: str) -> Text:
    """ "Metrics, in review (revision 3), reviewed by bo: 5 of 8 items met; 1 critical not
    met; 1 critical not marked yet; 2 open threads"."""
    state = doc.step(step.slug)
    s = summarise(doc, step, blockers=False)
    counts = [f"{len(s.met)} of {s.counted} items met"]
    if s.not_applicable:
        counts.append(f"{len(s.not_applicable)} not applicable")
    unmet = unmet_critical(doc, step)
    unmarked = sum(1 for _, said in unmet if said == "not marked")
    # An item nobody marked yet is not a verdict: "not marked yet", never "not met".
    if len(unmet) - unmarked or not unmarked:
        counts.append(f"{len(unmet) - unmarked} critical not met")
    if unmarked:
        counts.append(f"{unmarked} critical not marked yet")
    counts.append(_plural(len(s.open), "open thread"))
    if s.resolved:
        counts.append(f"{len(s.resolved)} resolved, to close")
    text = Text()
    text.append(step.label, style="bold")
    changed = shown_status(doc, step.slug) == "changed"  # the status table's words
    status = "approved, changed" if changed else state.status
    text.append(f", {status} (revision {state.revision}); reviewing as {by}: ")
    text.append("; ".join(counts), style="bold")
    if s.approvals:
        text.append("; approved by " + ", ".join(a.by for a in s.approvals))
        needed = still_needed(doc, step, s.approvals)
        if needed:  # said as long as it lasts, for whoever opens the screen
            text.append("; still needs " + " and ".join(needed), style="bold yellow")
    elif s.last:  # approved before the text changed: every approver of it, no longer counted
        who = ", ".join(a.by for a in s.last)
        text.append(
            f"; approved by {who} at revision {s.last[-1].revision}, no longer counted",
            style="bold yellow",
        )
    return text


def changed_words(doc: Document, step: StepSpec) -> tuple[str, str] | None:
    """("Changed since mira's review of revision 6 (2026-10-09):", "Summary, Goals"): the
    answers changed since the review a change is shown against (None: nothing to show)."""
    s = summarise(doc, step, blockers=False)
    if s.since is None or not s.changed:
        return None
    titles = [q.title if (q := step.question(i)) else i for i in s.changed]
    since = s.since
    lead = f"Changed since {since.by}'s review of revision {since.revision} ({since.at.date()}):"
    return lead, ", ".join(titles)


def item_prompt(item: ReviewItem, mark: ItemMark | None, threads: list[Thread]) -> Text:
    """One row of the list: the mark's box, severity, dimension and the check itself."""
    text = Text()
    if mark is None:
        text.append("?", style="bold")
    else:
        text.append(BOX[mark.mark], style=f"bold {MARK_STYLE[mark.mark]}")
    text.append(" ")
    text.append(item.severity, style=SEVERITY_STYLE[item.severity])
    text.append(f" · {DIMENSIONS[item.dimension]}: ", style="italic")
    text.append(item.text)
    live = [t for t in threads if t.state != "closed"]
    if live:
        text.append(f" ({_plural(len(live), 'thread')})", style="bold cyan")
    return text


def chapter_prompt(threads: list[Thread]) -> Text:
    live = [t for t in threads if t.state != "closed"]
    text = Text("Comments on the chapter as a whole", style="italic")
    if live:
        text.append(f" ({_plural(len(live), 'thread')})", style="bold cyan")
    return text


class ReviewItemList(OptionList):
    """The step's review items that apply at the document's stage, then the chapter row.
    Up/Down (or the mouse) moves between them; the screen's keys mark the highlighted one."""

    def show(self, doc: Document, step: StepSpec) -> None:
        review = doc.step(step.slug).review
        keep = self.highlighted_id
        options = [
            Option(
                item_prompt(
                    item,
                    review.marks.get(item.id),
                    [t for t in review.threads if t.item == item.id],
                ),
                id=item.id,
            )
            for item in applicable_items(doc, step)
        ]
        options.append(
            Option(chapter_prompt([t for t in review.threads if t.item is None]), id=CHAPTER)
        )
        with self.prevent(OptionList.OptionHighlighted):
            self.clear_options()
            self.add_options(options)
        ids = [o.id for o in options]
        self.highlighted = ids.index(keep) if keep in ids else 0

    @property
    def highlighted_id(self) -> str | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        return self.get_option_at_index(self.highlighted).id


def looked_at(step: StepSpec, item: ReviewItem) -> list[str]:
    """The ids of the step's own questions the item looks at."""
    return own_questions(step, item)


def _elsewhere(specs: Specs, item: ReviewItem) -> list[str]:
    """The answers of other steps it looks at, as "Step: Question"."""
    out = []
    for ref in item.questions:
        if "." not in ref:
            continue
        slug, qid = ref.split(".", 1)
        other = next((s for s in specs.steps if s.slug == slug), None)
        question = other.question(qid) if other is not None else None
        out.append(f"{other.label}: {question.title}" if other and question else ref)
    return out


def item_detail(doc: Document, specs: Specs, step: StepSpec, item_id: str | None, by: str) -> Text:
    """The highlighted row in full: the check, its fix, what it looks at, its mark and its
    threads with what ``by`` may do to each."""
    review = doc.step(step.slug).review
    item = next((i for i in step.review if i.id == item_id), None)
    text = Text()
    if item is None:
        text.append("Comments on the chapter as a whole\n", style="bold")
        text.append("c opens one; r replies to one, resolves, closes or reopens it.\n")
        _threads(text, [t for t in review.threads if t.item is None], by)
        changed = changed_words(doc, step)
        if changed is not None:
            lead, shown = changed
            text.append(f"\n{lead} ", style="bold")
            text.append(shown + " (marked among the answers)\n")
        later = later_items(doc, step)
        if later:
            text.append(f"\nLeft for a later stage ({len(later)}):\n", style="bold")
            for i in later:
                text.append(f"  from {STAGE_LABEL[i.from_stage].lower()}: {i.text}\n")
        return text
    text.append(item.text + "\n", style="bold")
    text.append(item.severity, style=SEVERITY_STYLE[item.severity])
    text.append(f" · {DIMENSIONS[item.dimension]} · item {item.id}\n", style="italic")
    text.append("Fix: ", style="bold")
    text.append(item.fix + "\n")
    own = [step.question(q) for q in looked_at(step, item)]
    titles = [q.title for q in own if q is not None]
    if titles:
        text.append("Looks at: ", style="bold")
        text.append(", ".join(titles) + " (highlighted among the answers)\n")
    elsewhere = _elsewhere(specs, item)
    if elsewhere:
        text.append("Also looks at: ", style="bold")
        text.append("; ".join(elsewhere) + "\n")
    mark = review.marks.get(item.id)
    text.append("Mark: ", style="bold")
    if mark is None:
        text.append("not marked yet (m met, p partial, n not met, a not applicable)\n")
    else:
        text.append(MARK_LABEL[mark.mark], style=f"bold {MARK_STYLE[mark.mark]}")
        if mark.reason:
            text.append(f": {mark.reason}")
        text.append(f" ({mark.by}, {mark.at.date()}, revision {mark.revision}; ", style="dim")
        text.append("e edits its note)\n" if mark.reason else "e writes a note)\n", style="dim")
    _threads(text, [t for t in review.threads if t.item == item.id], by)
    return text


def _threads(text: Text, threads: list[Thread], by: str) -> None:
    if not threads:
        text.append("No comments yet (c to comment).\n", style="dim")
        return
    text.append(f"Comments ({len(threads)}):\n", style="bold")
    for t in threads:
        text.append(f"#{t.id} ", style="bold")
        text.append(t.severity, style=SEVERITY_STYLE[t.severity])
        text.append(f", {t.state}", style="bold cyan" if t.state == "open" else "dim")
        text.append(f", {t.author} on {t.at.date()}: ", style="italic")
        text.append(t.text + "\n")
        for r in t.replies:
            word = f"{r.action}d" if r.action else "replied"
            said = f": {r.text}" if r.text else ""
            text.append(f"    {r.by} {word} on {r.at.date()}{said}\n")
        can = ["reply", *thread_actions(t, by)]
        text.append(f"    {by} may: {', '.join(can)} (r)\n", style="dim")
