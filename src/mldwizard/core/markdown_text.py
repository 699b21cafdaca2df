"""Small pieces of the generated Markdown: text that reads as prose, and people by name.

``readable`` is ``mdsafe.inline`` without the escapes that change nothing where the text is
placed (``<=`` instead of ``\\<=``, ``data_allowed`` instead of ``data\\_allowed``): the same
Markdown to a parser, less noise to a person reading the file in a terminal or a diff.
"""

from __future__ import annotations

import re

from .document import Document, Person
from .mdsafe import expand_indent, inline, safe_block

STATUS_TEXT = {
    "empty": "Not started",
    "draft": "Draft",
    "review": "In review",
    "approved": "Approved",
    "changed": "Changed since its approval",
}
_ENTITY = re.compile(r"#?[A-Za-z0-9]+;")
_STOPS = (".", "!", "?", "…")
_CONTAINERS = re.compile(r"(?:[ \t]*(?:[-+*]|\d{1,9}[.)]|>)(?:[ \t]+|$))*[ \t]*")
_BLOCK_START_LIMIT = 64
_CLOSERS = ")]\"'”’*_`"


def readable(text: str) -> str:
    """User text on one line (after a list marker, in a heading, in a sentence)."""
    return _unescape(inline(text))


def _unescape(escaped: str) -> str:
    out: list[str] = []
    i, n = 0, len(escaped)
    while i < n:
        char = escaped[i]
        if char != "\\" or i + 1 == n:
            out.append(char)
            i += 1
            continue
        nxt = escaped[i + 1]
        before = out[-1][-1:] if out else ""
        first = nxt in ">#" and _at_block_start(out)
        keep = not _harmless(nxt, before, escaped[i + 2 :], first=first)
        out.append("\\" + nxt if keep else nxt)
        i += 2
    return "".join(out)


def _at_block_start(out: list[str]) -> bool:
    """Whether what is written so far is only list markers and quote marks (or nothing):
    a ">" or "#" here would start a block quote or a heading ("- >" is a quote in a list)."""
    if len(out) > _BLOCK_START_LIMIT:
        return False
    return _CONTAINERS.fullmatch("".join(out)) is not None


def _harmless(char: str, before: str, rest: str, *, first: bool) -> bool:
    """True when ``char`` needs no backslash here: it cannot start or end any Markdown."""
    if char == "<":
        # What follows once its own backslash is dropped too ("\\<\\!" would become "<!").
        after = rest[1:2] if rest.startswith("\\") else rest[:1]
        return not re.match(r"[A-Za-z/!?]", after)
    if char in ">#":
        # Only at the start of a line (a quote, a heading) or, for "#", as a closing
        # sequence at the end of a heading.
        return not first and not (char == "#" and re.fullmatch(r"[#\\ ]*", rest))
    if char == "&":
        return _ENTITY.match(rest) is None
    if char == "!":
        return not rest.startswith(("[", "\\["))
    if char == "_":
        return before.isalnum() and rest[:1].isalnum()
    return False


def sentence(text: str) -> str:
    """``readable`` text that ends with a full stop (unless it already ends a sentence)."""
    flat = readable(text)
    core = flat.rstrip(_CLOSERS)
    if not flat or core.endswith(_STOPS) or flat.endswith(("\\.", "\\!")):
        return flat
    return flat + "."


def code_span(text: str) -> str:
    """A code span that stays on one line and shows ``text`` as it is, backticks too: its
    fence is one backtick longer than the longest run inside, with a space inside each fence
    when the text starts or ends with a backtick (CommonMark strips that one space)."""
    flat = " ".join(text.split())
    if not flat:
        return ""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def reader_name(doc: Document, handle: str) -> str:
    """A person as the reader knows them: their name, else (someone without one) the
    handle. Plain text: every face makes it safe once, where it places it."""
    person: Person | None = doc.person(handle)
    if person is None or not person.name.strip():
        return handle
    return person.name


class People:
    """Names people: by name in answers and sentences, "Name (role)" where they are
    introduced (the document's people line, a chapter's owners); the handle only for
    someone without a name."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc

    def plain(self, handle: str) -> str:
        """The person as the reader knows them, as text (not yet Markdown): for a line that
        is made safe as a whole (``list_item``), which must not escape a name twice."""
        return reader_name(self._doc, handle)

    def name(self, handle: str) -> str:
        """The person as the reader knows them, as Markdown (their name made safe)."""
        return readable(self.plain(handle))

    def names(self, handles: list[str]) -> str:
        return ", ".join(self.name(h) for h in handles)

    def described(self, handle: str) -> str:
        person = self._doc.person(handle)
        role = person.role.strip() if person is not None else ""
        return f"{self.name(handle)} ({readable(role)})" if role else self.name(handle)

    def all_described(self, handles: list[str]) -> str:
        return ", ".join(self.described(h) for h in handles)


def labelled(label: str, text: str) -> list[str]:
    """A text the author wrote under a label (evidence, a condition, a reason), as written:
    one line inline with its Markdown kept (``Evidence: Counted **40k**.``); several lines as
    a block after the label (``Evidence:``, a blank line, the block). ``label`` ends with its
    colon. Made safe like an
    answer (``mdsafe.safe_block``). The caller indents or quotes the lines, and separates a
    block from what follows with a blank line (``""`` here stands for one)."""
    block = safe_block(text).strip("\n")
    if "\n" not in block:
        return [f"{label} {_with_stop(block)}"]
    # Tabs as spaces: indented under a list item or a quote, a tab would count differently.
    return [label, "", *(expand_indent(line) for line in block.split("\n"))]


def _with_stop(line: str) -> str:
    core = line.rstrip(_CLOSERS)
    if not line or core.endswith(_STOPS) or line.endswith("\\"):
        return line
    return line + "."
