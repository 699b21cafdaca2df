"""The gate's verdict distribution over every combination of its choice answers.

    python benchmarks/gate_distribution.py [--specs DIR]

Every choice question of the gate is answered in every possible way (a question shown only
under a condition is answered only where it is shown); a required long-text question that is
shown gets an answer (one with a number where the question expects one, as a measured result
does; with --results-without-number, one without: such a result counts as not written, and the
verdict waits for it). For each verdict the script prints its count and share, then how
measured evidence and unstructured input fare (the figures issue 13 quotes), and the time
taken. It reads the gate through the real loader and ``evaluate_gate``, so it runs on any
version of the code.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mldwizard.core.gate import evaluate_gate
from mldwizard.core.specs import Question, StepSpec, load_specs

NUMBER = "0.82 F1 on 300 labelled cases."
NO_NUMBER = "(answered)"


def combinations(
    questions: list[Question], answers: dict[str, Any] | None = None, numbers: bool = True
) -> Iterator[dict[str, Any]]:
    """Every combination of choice answers, in question order, honouring conditions."""
    answers = {} if answers is None else answers
    if not questions:
        yield dict(answers)
        return
    first, rest = questions[0], questions[1:]
    if not first.visible(answers):
        yield from combinations(rest, answers, numbers)
    elif first.kind == "choice":
        for value in first.choices or []:
            answers[first.id] = value
            yield from combinations(rest, answers, numbers)
        del answers[first.id]
    elif first.required:
        answers[first.id] = NUMBER if numbers and first.expects == "number" else NO_NUMBER
        yield from combinations(rest, answers, numbers)
        del answers[first.id]
    else:
        yield from combinations(rest, answers, numbers)


def share(part: int, whole: int) -> str:
    return f"{part:>9,} {100 * part / whole:5.1f}%" if whole else f"{part:>9,}    - "


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--specs", type=Path, help="a folder of specs (default: built in)")
    parser.add_argument(
        "--results-without-number",
        action="store_true",
        help="write the measured results without a number (they count as not written)",
    )
    args = parser.parse_args()
    specs = load_specs(builtin=args.specs) if args.specs else load_specs()
    gate = specs.gate
    assert isinstance(gate, StepSpec)
    verdicts: Counter[str] = Counter()
    by_tried: dict[str, Counter[str]] = {}
    unstructured: Counter[str] = Counter()
    no_fields: Counter[str] = Counter()
    started = time.perf_counter()
    total = 0
    for answers in combinations(gate.questions, numbers=not args.results_without_number):
        verdict = str(evaluate_gate(gate, answers).verdict)
        total += 1
        verdicts[verdict] += 1
        tried = answers.get("heuristic_tried", "(not asked)")
        by_tried.setdefault(tried, Counter())[verdict] += 1
        if answers.get("input_type") == "unstructured":
            unstructured[verdict] += 1
            if answers.get("rule_fields") != "most":
                no_fields[verdict] += 1
    took = time.perf_counter() - started
    print(f"{total:,} combinations of the gate's choice answers")
    print("\nverdict")
    for verdict, count in verdicts.most_common():
        print(f"  {verdict:<16}{share(count, total)}")
    for tried, counts in sorted(by_tried.items()):
        whole = sum(counts.values())
        print(f"\nheuristic_tried = {tried} ({whole:,})")
        for verdict, count in counts.most_common():
            print(f"  {verdict:<16}{share(count, whole)}")
    whole = sum(unstructured.values())
    print(f"\ninput_type = unstructured ({whole:,})")
    for verdict, count in unstructured.most_common():
        print(f"  {verdict:<16}{share(count, whole)}")
    if no_fields:
        whole = sum(no_fields.values())
        print(f"\n  of which a rule reads too few derived fields ({whole:,})")
        for verdict, count in no_fields.most_common():
            print(f"  {verdict:<16}{share(count, whole)}")
    print(f"\n{took:.1f} s ({1e6 * took / max(total, 1):.0f} µs per verdict)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
