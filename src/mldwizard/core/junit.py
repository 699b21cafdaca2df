"""``check`` findings as a JUnit XML report, for CI systems that show test results.

* One ``testsuite`` per document; in it one ``testcase`` per chapter of the document (a
  chapter without findings is a passed test), plus ``(document)`` for the findings about the
  whole document. For a document that does not load the chapters are its specs' (when they
  load), plus those its findings name.
* A finding at or above ``--fail-on`` is a ``failure`` of its chapter's testcase (``type``:
  the code, ``message``: the message). MLD015, a document that does not load, is an ``error``:
  the test could not run (as ``check`` exits 2, bad input, rather than 1).
* A finding below ``--fail-on`` does not fail the test: it is a line of the testcase's
  ``system-out`` (``warning MLD003 line 12: ...``), shown with the test by most report viewers.
* A document that does not load (MLD015) was not checked: its chapters cannot read as
  passing. Each of its testcases without an error or a failure is ``skipped``, with the
  reason (the document does not load, so nothing of it was checked); the chapters stay listed,
  so a report's history of each chapter goes on, and a reader sees "1 error, 20 skipped",
  not "20 passed".
* ``tests`` counts testcases; ``failures`` the testcases with a failure and no error; ``errors``
  the testcases with an error; ``skipped`` the testcases skipped (on each suite: the
  schema has no such total). The attributes follow the JUnit schema commonly used
  (Jenkins' junit-10.xsd), which has no file or line on a testcase: the line is in the
  failure's text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from .checks import SEVERITY_RANK, Finding
from .finding_lines import chapter_lines, finding_line
from .finding_order import by_importance
from .visible import visible_controls

DOCUMENT = "(document)"
"""The testcase of the findings about a whole document (no chapter)."""
ERROR_CODES = ("MLD015",)  # the document does not load: its checks could not run
# Characters XML 1.0 cannot hold at all, once visible_controls has shown the C0 and C1 ones.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def junit_xml(
    documents: list[str], findings: list[Finding], chapters: dict[str, list[str]], fail_on: str
) -> str:
    """The report; ``chapters``: the chapter slugs of each document that loaded, in order."""
    root = ET.Element("testsuites", name="mldwizard check")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for document in documents:
        mine = by_importance(f for f in findings if f.document == document)
        names = list(chapters.get(document, []))
        names += [c for c in dict.fromkeys(f.chapter for f in mine if f.chapter) if c not in names]
        names.append(DOCUMENT)
        suite = ET.SubElement(root, "testsuite", name=text(document))
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", name="fail_on", value=fail_on)
        lines = chapter_lines_of(document, mine)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        unloaded = any(f.code in ERROR_CODES for f in mine)
        for name in names:
            case = ET.SubElement(suite, "testcase", classname=text(document), name=text(name))
            own = [f for f in mine if (f.chapter or DOCUMENT) == name]
            out = []
            for finding in own:
                line = finding_line(finding, lines)
                where = f" line {line}" if line is not None else ""
                said = f"{finding.severity} {finding.code}{where}: {finding.message}"
                if finding.code in ERROR_CODES:
                    kind = "error"
                elif SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[fail_on]:
                    kind = "failure"
                else:
                    out.append(said)
                    continue
                element = ET.SubElement(
                    case, kind, type=finding.code, message=text(finding.message)
                )
                element.text = text(said)
            if out:
                ET.SubElement(case, "system-out").text = text("\n".join(out))
            counts["tests"] += 1
            if case.find("error") is not None:
                counts["errors"] += 1
            elif case.find("failure") is not None:
                counts["failures"] += 1
            elif unloaded:
                reason = f"{document} does not load (MLD015): nothing of it was checked"
                case.insert(0, ET.Element("skipped", message=text(reason)))
                counts["skipped"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("file", text(document))
    for key, value in totals.items():
        if key != "skipped":
            root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def chapter_lines_of(document: str, findings: list[Finding]) -> dict[str, int]:
    """The chapters' lines in ``document``, read only when a finding needs one."""
    needed = any(f.chapter and not isinstance(f.details.get("line"), int) for f in findings)
    return chapter_lines(Path(document)) if needed else {}


def text(value: str) -> str:
    """``value`` as XML 1.0 can hold it: controls shown as ``\\xNN`` (the rule of
    core/visible.py), and the few characters XML cannot hold at all as ``\\uNNNN``."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m[0]):04x}", visible_controls(value))
