"""The gate verdict: should this be ML at all? Computed from the answers and the spec's rules.

Evidence first (the phases are described in ``core.gate_spec``): the ``never`` constraints
rule levels out, then the first ``decisive`` rule that holds (by order) decides; only when
none does are the points summed per level (most points win, a tie goes to the simpler level,
``max_level`` caps, a ruled-out level never wins). A verdict from points with no measurement
they use says that it rests on opinion only, and what to measure next with these answers. A
decisive measurement whose level is ruled out by a fact is set aside, and the verdict says
so; one ruled out only by estimates (``estimate = true``: an answer saying what a system
could do, such as how many cases a rule's fields decide) overrules them: a measured result
decides before opinions are weighed (the spec's notes say the answers contradict it). The
result always carries its reasons, the notes that hold, and the answers that contradict
each other.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from .gate_spec import SCALE, DecisiveRule, GateNote, GateRule, GateVerdictSpec, Level
from .kinds import is_answered
from .lint_text import answer_text
from .scores import has_measured_score
from .shown import required_at
from .specs import StepSpec
from .stages import Stage

Basis = Literal["evidence", "fact", "opinion", "points"]
"""What the verdict rests on: a measurement that decided it (``evidence``), a stated fact
that decided it (``fact``: nobody would pay, no labels can be had), points with something
measured (``points``), or points with nothing measured (``opinion``)."""


@dataclass(frozen=True)
class GateResult:
    verdict: Level | None
    """None until every required gate question is answered."""
    leaning: Level | None
    """The verdict the answers so far point to (for a live display; a face that states it
    in words uses :attr:`lean`)."""
    scores: dict[str, int]
    reasons: list[str]
    """Reasons for the verdict, strongest first: the evidence that decided it, or a cap or
    a ruled-out level that bound, then the rules that gave the verdict's level points."""
    against: list[str] = field(default_factory=list)
    """Reasons that pointed elsewhere, so the author sees both sides."""
    missing: list[str] = field(default_factory=list)
    """Ids of required questions still unanswered."""
    decided_by: str | None = None
    """The id of the decisive rule that gave the verdict (None: the points did)."""
    ruled_out: dict[str, list[str]] = field(default_factory=dict)
    """Level -> why it can never be the verdict with these answers."""
    basis: Basis | None = None
    opinion_only: str = ""
    """The warning when the verdict rests on opinion only (empty otherwise): the spec's
    headline and the next steps that apply to these answers."""
    advice: str = ""
    """What to do next, from the decisive rule that gave the verdict (empty: the level's)."""
    contradictions: list[str] = field(default_factory=list)
    """Answers that contradict each other (also among the reasons; ``check``: MLD025)."""
    unmeasured: list[str] = field(default_factory=list)
    """Ids of questions that expect a measured score (the measured results) answered without
    one: they count as not written (``check``: MLD026)."""
    lean_supported: bool = False
    """Whether the answers so far support stating a lean (see :func:`_lean_supported`)."""

    @property
    def lean(self) -> Level | None:
        """The verdict the answers so far lean to, when they support saying so; else None."""
        return self.leaning if self.lean_supported else None


def unmeasured_answers(spec: StepSpec, answers: Mapping[str, Any]) -> list[str]:
    """The questions of ``spec`` that expect a measured score (``core.scores``) and are
    answered without one."""
    out = []
    for q in spec.questions:
        if q.expects != "score" or not is_answered(answers.get(q.id)):
            continue
        text = answer_text(answers.get(q.id))
        if text is not None and not has_measured_score(text):
            out.append(q.id)
    return out


class _Counted(Mapping[str, Any]):
    """``answers`` as the verdict counts them: the ``hidden`` ones (answers that expect a
    measured score and state none) as not written, under their own id and their full name."""

    def __init__(self, answers: Mapping[str, Any], slug: str, hidden: list[str]) -> None:
        self._answers = answers
        self._hidden = {*hidden, *(f"{slug}.{q}" for q in hidden)}

    def __getitem__(self, key: str) -> Any:
        if key in self._hidden:
            raise KeyError(key)
        return self._answers[key]

    def __iter__(self) -> Iterator[str]:
        return (k for k in self._answers if k not in self._hidden)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key not in self._hidden and key in self._answers


def evaluate_gate(
    spec: StepSpec, answers: Mapping[str, Any], stage: Stage = "design"
) -> GateResult:
    """The verdict from ``answers`` (the gate's own; pass a ``core.context.StepAnswers``
    for rules and conditions naming other steps' questions) at the document's ``stage``."""
    if spec.verdict is None:
        raise ValueError(f"step {spec.slug!r} has no verdict rules")
    rules = spec.verdict
    unmeasured = unmeasured_answers(spec, answers)
    if unmeasured:
        answers = _Counted(answers, spec.slug, unmeasured)
    required = required_at(spec, answers, stage)
    missing = [q.id for q in required if not is_answered(answers.get(q.id))]
    ruled_out: dict[str, list[str]] = {}
    for never in rules.never:
        if all(c.holds(answers) for c in never.when):
            ruled_out.setdefault(never.level, []).append(never.reason)
    scores: dict[str, int] = {level: 0 for level in SCALE}
    measured = any(all(c.holds(answers) for c in all_of) for all_of in rules.measured)
    matched = [
        _worded(rule, measured) for rule in rules.rules if all(c.holds(answers) for c in rule.when)
    ]
    for rule in matched:
        for level, points in rule.points.items():
            scores[level] += points
    estimates = {
        never.reason for never in rules.never if never.estimate and never.level in ruled_out
    }
    decisive, overruled = _decisive(rules, answers, ruled_out, estimates)
    if decisive is not None and decisive.level in ruled_out:
        # A measurement overruled the estimates that ruled its level out.
        del ruled_out[decisive.level]
    if decisive is not None:
        leaning: Level = decisive.level
        reasons = [decisive.reason]
        basis: Basis = "evidence" if decisive.measured else "fact"
    elif matched:
        leaning, reasons = _by_points(matched, scores, ruled_out)
        basis = "points" if measured else "opinion"
    else:
        return GateResult(
            None, None, scores, [], [], missing, ruled_out=ruled_out, unmeasured=unmeasured
        )
    held = [n for n in rules.notes if all(c.holds(answers) for c in n.when)]
    contradictions = [n.text for n in held if n.contradiction]
    notes = [n.text for n in held if not n.contradiction and _for_level(n, leaning)]
    # Evidence that held but could not decide, and why (its level is ruled out): after the
    # evidence that decided, or first when the points decide; then the contradictions and
    # the notes, before the reasons that gave the level its points.
    head = reasons[:1] if decisive is not None else []
    reasons = list(dict.fromkeys([*head, *overruled, *contradictions, *notes, *reasons]))
    against = [
        r.reason
        for r in matched
        if r.reason not in reasons
        and not any(p > 0 for lv, p in r.points.items() if lv == leaning)
        and any(p > 0 for lv, p in r.points.items() if lv != leaning)
    ]
    return GateResult(
        leaning if not missing else None,
        leaning,
        scores,
        reasons,
        against,
        missing,
        decided_by=decisive.id if decisive is not None else None,
        ruled_out=ruled_out,
        basis=basis,
        opinion_only=_opinion_only(rules, answers, ruled_out) if basis == "opinion" else "",
        advice=(decisive.advice or "") if decisive is not None else "",
        contradictions=contradictions,
        unmeasured=unmeasured,
        lean_supported=_lean_supported(len(required), len(missing), basis),
    )


def _lean_supported(required: int, missing: int, basis: Basis) -> bool:
    """A lean is worth stating only when enough answers support it: evidence or a stated
    fact that decides (it decides whatever the other answers say), a measured result the
    points use, or answers to a majority of the required questions (more than half of
    those asked at this stage). One opinion of ten does not make a lean (qa10c #13)."""
    if basis in ("evidence", "fact", "points"):
        return True
    return 2 * (required - missing) > required


def _worded(rule: GateRule, measured: bool) -> GateRule:
    """``rule`` with the reason that holds: once a gap is measured, its ``reason_measured``
    (qa10c #12: no advice to prove a gap the reasons show measured)."""
    if measured and rule.reason_measured:
        return rule.model_copy(update={"reason": rule.reason_measured})
    return rule


def _for_level(note: GateNote, leaning: Level) -> bool:
    return not note.levels or leaning in note.levels


def _opinion_only(
    rules: GateVerdictSpec, answers: Mapping[str, Any], ruled_out: Mapping[str, list[str]]
) -> str:
    """The warning for a verdict on opinion only: the headline, then what can be measured
    next with these answers (never a level that is ruled out)."""
    steps = [
        s
        for s in rules.next_steps
        if all(c.holds(answers) for c in s.when) and (s.level is None or s.level not in ruled_out)
    ]
    with_level = any(s.level is not None for s in steps if not s.fallback)
    texts = [s.text for s in steps if not s.fallback or not with_level]
    return " ".join([rules.opinion_only, *dict.fromkeys(texts)])


def _decisive(
    rules: GateVerdictSpec,
    answers: Mapping[str, Any],
    ruled_out: Mapping[str, list[str]],
    estimates: set[str],
) -> tuple[DecisiveRule | None, list[str]]:
    """The first decisive rule, by order, that holds and whose level is not ruled out (for a
    measurement: not ruled out by anything but ``estimates``, the reasons of constraints
    that are estimates); and why the rules before it that held could not decide (set aside:
    their levels' constraints)."""
    overruled: list[str] = []
    for rule in sorted(rules.decisive, key=lambda r: r.order):
        if not all(c.holds(answers) for c in rule.when):
            continue
        binding = ruled_out.get(rule.level, [])
        if rule.measured:
            binding = [r for r in binding if r not in estimates]
        if not binding:
            return rule, overruled
        why = [rule.set_aside] if rule.set_aside else []
        overruled += [r for r in [*why, *ruled_out[rule.level]] if r not in overruled]
    return None, overruled


def _by_points(
    matched: list[GateRule], scores: Mapping[str, int], ruled_out: Mapping[str, list[str]]
) -> tuple[Level, list[str]]:
    """The level the points give (with its reasons) among the levels not ruled out."""
    caps = [r for r in matched if r.max_level is not None]
    cap_index = min((SCALE.index(r.max_level) for r in caps if r.max_level), default=len(SCALE) - 1)
    cap_reasons = [r.reason for r in caps]
    within = [i for i, level in enumerate(SCALE) if level not in ruled_out and i <= cap_index]
    given_way: list[str] = []
    if not within:
        # Every system the caps allow is ruled out. A cap that may give way does (the
        # verdict stands on the other answers, on its condition); else nothing can be built.
        hard = [r for r in caps if r.beyond_cap is None]
        hard_index = min(
            (SCALE.index(r.max_level) for r in hard if r.max_level), default=len(SCALE) - 1
        )
        within = [i for i, level in enumerate(SCALE) if level not in ruled_out and i <= hard_index]
        why = [r for level in SCALE[: cap_index + 1] for r in ruled_out[level]]
        if not within:
            return "do-not-build", list(dict.fromkeys(cap_reasons + why))
        given_way = [r.beyond_cap for r in caps if r.beyond_cap] + why
        cap_index, cap_reasons = hard_index, [r.reason for r in hard]
    # Highest score wins; on a tie the simpler level (lower index) wins.
    best = max(range(len(SCALE)), key=lambda i: (scores[SCALE[i]], -i))
    chosen = max(within, key=lambda i: (scores[SCALE[i]], -i))
    leaning = SCALE[chosen]
    pro = sorted(
        (r for r in matched if r.points.get(leaning, 0) > 0),
        key=lambda r: -r.points.get(leaning, 0),
    )
    reasons = [r.reason for r in pro]
    first: list[str] = []
    if chosen != best:
        # A cap or a ruled-out level decided: say so first.
        if best > cap_index:
            first += cap_reasons
        # Every ruled-out level that would have beaten the verdict on points.
        for i, level in enumerate(SCALE):
            if level in ruled_out and (scores[level], -i) > (scores[leaning], -chosen):
                first += ruled_out[level]
    else:
        # A cap at the verdict's own level supports it, even when it did not bind.
        reasons += [r.reason for r in matched if r.max_level == leaning and r.reason not in reasons]
    first = list(dict.fromkeys(given_way + first))
    return leaning, first + [r for r in reasons if r not in first]
