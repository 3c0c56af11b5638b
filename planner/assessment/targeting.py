"""Which finding matters most, and which exercise works it directly.

A programme should give each main finding an exercise aimed at it, not one that touches it in
passing: the right muscle as the exercise's main target, on the affected side, with the weaker
side getting more. The findings are ranked by the strength of their evidence (how many separate
tests found them) and by the client's goals (the activities they rate or that bring their pain
on), so when the session is full the strongest and most wanted come first, and the reason says
why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from exercise_library.schema import Exercise
from exercise_library.vocabulary import (
    Behaviour,
    Imbalance,
    Modality,
    MovementFeature,
    Side,
    SpinalDemand,
    Target,
    TestCode,
)
from planner.assessment.imbalances import ImbalanceFinding
from planner.assessment.model import AssessmentFile
from planner.policy import ClinicPolicy
from planner.programme.defaults import default_dosage, is_stretch
from planner.programme.model import Dosage
from planner.programme.volume import with_sides

# Which muscles or regions an exercise should work to address each imbalance. An exercise is
# aimed at a finding when its first (main) target is one of these.
IMBALANCE_TARGETS: dict[Imbalance, frozenset[Target]] = {
    Imbalance.WEAK_TRUNK_FLEXORS: frozenset({Target.TRUNK_FLEXORS, Target.TRANSVERSUS_ABDOMINIS}),
    Imbalance.WEAK_TRUNK_EXTENSORS: frozenset({Target.ERECTOR_SPINAE, Target.MULTIFIDUS}),
    Imbalance.WEAK_LATERAL_TRUNK: frozenset({Target.OBLIQUES, Target.QUADRATUS_LUMBORUM}),
    Imbalance.POOR_LUMBOPELVIC_CONTROL: frozenset(
        {Target.TRANSVERSUS_ABDOMINIS, Target.MULTIFIDUS}
    ),
    Imbalance.WEAK_GLUTE_MAX: frozenset({Target.GLUTE_MAX}),
    Imbalance.WEAK_GLUTE_MED: frozenset({Target.GLUTE_MED}),
    Imbalance.TIGHT_HIP_FLEXORS: frozenset({Target.HIP_FLEXORS}),
    Imbalance.TIGHT_HAMSTRINGS: frozenset({Target.HAMSTRINGS}),
    Imbalance.HIP_STRENGTH_ASYMMETRY: frozenset({Target.GLUTE_MAX, Target.GLUTE_MED}),
    Imbalance.REDUCED_LUMBAR_MOBILITY: frozenset({Target.LUMBAR_SPINE}),
    Imbalance.REDUCED_THORACIC_MOBILITY: frozenset({Target.THORACIC_SPINE}),
    Imbalance.LOAD_MANAGEMENT: frozenset({Target.WHOLE_BODY, Target.CALVES}),
    # The nerve, not a muscle: its exercise is a nerve slider (see is_nerve_slider).
    Imbalance.NEURAL_SENSITIVITY: frozenset(),
}

# What the client's own words about their goals and their pain bear on (PSFS activities and
# aggravating activities). A clinic habit with no published source [U]: it orders findings of
# equal evidence, it never adds or removes one. From the seeds: runners' back pain comes from
# weak core and glutes, tight hips and hamstrings, and too much load too soon.
_I = Imbalance
GOAL_WORDS: dict[str, frozenset[Imbalance]] = {
    "run": frozenset({_I.LOAD_MANAGEMENT, _I.WEAK_GLUTE_MED, _I.HIP_STRENGTH_ASYMMETRY}),
    "jog": frozenset({_I.LOAD_MANAGEMENT, _I.WEAK_GLUTE_MED, _I.HIP_STRENGTH_ASYMMETRY}),
    "sit": frozenset({_I.TIGHT_HIP_FLEXORS, _I.WEAK_TRUNK_EXTENSORS}),
    "desk": frozenset({_I.TIGHT_HIP_FLEXORS, _I.WEAK_TRUNK_EXTENSORS}),
    "stand": frozenset({_I.WEAK_GLUTE_MED, _I.HIP_STRENGTH_ASYMMETRY}),
    "walk": frozenset({_I.WEAK_GLUTE_MED, _I.WEAK_GLUTE_MAX}),
    "bend": frozenset({_I.REDUCED_LUMBAR_MOBILITY, _I.TIGHT_HAMSTRINGS, _I.WEAK_TRUNK_EXTENSORS}),
    "lift": frozenset({_I.WEAK_TRUNK_EXTENSORS, _I.WEAK_GLUTE_MAX, _I.WEAK_LATERAL_TRUNK}),
    "carry": frozenset({_I.WEAK_TRUNK_EXTENSORS, _I.WEAK_LATERAL_TRUNK, _I.WEAK_GLUTE_MAX}),
    "turn": frozenset({_I.REDUCED_THORACIC_MOBILITY, _I.WEAK_LATERAL_TRUNK}),
    "twist": frozenset({_I.REDUCED_THORACIC_MOBILITY, _I.WEAK_LATERAL_TRUNK}),
}
# Word forms that mean the same activity ("running", "sitting", "carrying").
_STEMS = re.compile(r"^(run|jog|sit|desk|stand|walk|bend|lift|carr|turn|twist)")


def _stem(word: str) -> str | None:
    m = _STEMS.match(word.lower())
    if m is None:
        return None
    stem = m.group(1)
    return "carry" if stem == "carr" else stem


@dataclass(frozen=True)
class RankedFinding:
    """A finding with what makes it matter: the tests that found it and the goals it touches."""

    finding: ImbalanceFinding
    tests: tuple[str, ...]
    goals: tuple[str, ...]
    # The weaker side when the finding says which (a one-sided finding, or a left/right
    # difference within a finding on both sides).
    weaker: Side | None
    rank: int = 0

    @property
    def code(self) -> Imbalance:
        return self.finding.code

    @property
    def movement(self) -> str | None:
        """For limited lumbar range: the one direction found limited (flexion or extension)."""
        if self.code is not Imbalance.REDUCED_LUMBAR_MOBILITY:
            return None
        found = {m for m in ("flexion", "extension") for t in self.tests if m in t}
        return found.pop() if len(found) == 1 else None

    @property
    def score(self) -> int:
        return len(self.tests) + len(self.goals)

    def label(self) -> str:
        side = self.finding.side
        text = self.code.label.lower()
        if side in (Side.LEFT, Side.RIGHT):
            return f"{text} ({side.value})"
        if side is Side.BOTH:
            return f"{text} (both sides)"
        return text


def client_goals(a: AssessmentFile) -> list[str]:
    """The client's activities: what they rate on the PSFS and what brings their pain on."""
    goals = [item.activity for item in a.questionnaires.psfs or []]
    if a.pain is not None:
        goals += list(a.pain.aggravating)
    return list(dict.fromkeys(goals))


def goal_links(goal: str) -> frozenset[Imbalance]:
    out: set[Imbalance] = set()
    for word in re.findall(r"[A-Za-z]+", goal):
        stem = _stem(word)
        if stem is not None:
            out |= GOAL_WORDS[stem]
    return frozenset(out)


def _measurement(code: str) -> str:
    """A measurement named for the therapist: its test's label (without the unit), or the
    rule's own words."""
    try:
        name = TestCode(code).label
    except ValueError:
        name = code.replace("_", " ")
    for unit in (" s", " deg", " km"):
        name = name.removesuffix(unit)
    return name


def rank_findings(
    a: AssessmentFile, findings: Iterable[ImbalanceFinding], policy: ClinicPolicy
) -> list[RankedFinding]:
    """Findings strongest first: more separate measurements behind them, then more of the
    client's goals; a one-sided finding before one on both sides when they tie."""
    goals = client_goals(a)
    ranked = []
    order = {code: n for n, code in enumerate(Imbalance)}
    for f in findings:
        touched = tuple(g for g in goals if f.code in goal_links(g))
        names = tuple(_measurement(m) for m in f.measurements) or (f.code.label.lower(),)
        weaker = f.side if f.side in (Side.LEFT, Side.RIGHT) else None
        ranked.append(RankedFinding(f, names, touched, weaker))
    ranked.sort(
        key=lambda r: (
            -r.score,
            -len(r.tests),
            0 if r.finding.side in (Side.LEFT, Side.RIGHT) else 1,
            order[r.code],
        )
    )
    return [
        RankedFinding(r.finding, r.tests, r.goals, r.weaker, n)
        for n, r in enumerate(ranked, start=1)
    ]


# --- what an exercise is for ----------------------------------------------------------------


def aimed_at(ex: Exercise, code: Imbalance) -> bool:
    """Is this finding the exercise's main aim: its main muscle, and it lists the finding?"""
    if code not in ex.imbalances or code not in IMBALANCE_TARGETS:
        return False
    if ex.modality is Modality.WARM_UP and code is not Imbalance.LOAD_MANAGEMENT:
        return False  # a warm-up readies the body; it is not the treatment for a finding
    return ex.targets[0] in IMBALANCE_TARGETS[code]


def suits_side(ex: Exercise, ranked: RankedFinding) -> bool:
    """A one-sided finding needs an exercise that works one side at a time."""
    return ranked.finding.side not in (Side.LEFT, Side.RIGHT) or ex.unilateral


def pattern(ex: Exercise) -> tuple[Target, str]:
    """The movement pattern and purpose: two exercises with the same main muscle and the same
    kind of work (a stretch, strength or control, timed work, a warm-up) are the same thing
    twice."""
    if ex.modality is Modality.WARM_UP:
        purpose = "warm_up"
    elif is_stretch(ex):
        purpose = "stretch"
    elif ex.dosage.duration_min is not None:
        purpose = "timed"
    else:
        purpose = "strength"
    return ex.targets[0], purpose


def spine_movement(ex: Exercise) -> tuple[str, ...]:
    """The directions the exercise takes the spine to its end or under load."""
    spine = ex.spine
    return tuple(
        name
        for name in ("flexion", "extension", "rotation")
        if getattr(spine, name) in (SpinalDemand.END_RANGE, SpinalDemand.LOADED)
    )


def looks_alike(a: Exercise, b: Exercise) -> bool:
    """Two exercises a client would call the same thing: the same kind of exercise in the same
    body position, for the same purpose, taking the spine the same way (a cobra and an upward
    dog), even when their listed main muscles differ."""
    moves = spine_movement(a)
    return bool(moves) and (
        (a.modality, a.position, pattern(a)[1], moves)
        == (b.modality, b.position, pattern(b)[1], spine_movement(b))
    )


# --- doses --------------------------------------------------------------------------------------


def sided_dose(
    ex: Exercise, code: Imbalance, side: Side | None, *, older_adult: bool = False
) -> tuple[Dosage, str]:
    """The library dose, with the affected side doing more than the other.

    The affected side keeps the library's dose and the other side does one set fewer (one
    hold fewer for a stretch given as holds); a dose of one set gives the affected side two.
    """
    dose = default_dosage(ex, older_adult=older_adult)
    if side not in (Side.LEFT, Side.RIGHT) or not ex.unilateral:
        return dose, ""
    holds = dose.sets == 1 and dose.reps is not None and dose.hold_s is not None
    part, word = ("reps", "hold") if holds else ("sets", "set")
    amount = getattr(dose, part)
    less, more = (amount - 1, amount) if amount > 1 else (1, 2)
    other = Side.RIGHT if side is Side.LEFT else Side.LEFT
    sides = {
        side.value: dose.model_copy(update={part: more}),
        other.value: dose.model_copy(update={part: less}),
    }
    sided = with_sides(sides["left"].for_side("left"), sides["right"].for_side("right"))
    state = (
        "tighter"
        if code in (Imbalance.TIGHT_HIP_FLEXORS, Imbalance.TIGHT_HAMSTRINGS)
        else ("weaker")
    )
    why = (
        f"The {side.value} side is {state}, so it does one {word} more than the "
        f"{other.value} ({more} {word}s against {less})."
    )
    return sided, why


# --- directions and nerves ------------------------------------------------------------------------


def in_direction(ex: Exercise, direction: str) -> bool:
    """Does the exercise move the spine in the client's preferred direction, and only that?"""
    spine = ex.spine
    none = SpinalDemand.NONE
    if direction == "extension":
        return spine.extension is not none and spine.flexion is none and spine.rotation is none
    if direction == "flexion":
        return spine.flexion is not none and spine.extension is none and spine.rotation is none
    return False


def against_direction(ex: Exercise, direction: str) -> bool:
    """Does the exercise take the spine the other way, to the end of its range or loaded?"""
    spine = ex.spine
    strong = {SpinalDemand.END_RANGE, SpinalDemand.LOADED}
    if direction == "extension":
        return spine.flexion in strong
    if direction == "flexion":
        return spine.extension in strong
    return False


def is_nerve_slider(ex: Exercise) -> bool:
    """A nerve glide of the slider kind, by its tag, so a clinic's own slider counts too."""
    return ex.does(Behaviour.NERVE_SLIDER)


def spares_the_nerve(ex: Exercise) -> bool:
    """Nothing aimed at lengthening the hamstrings (held or swung) but a nerve slider, and no
    loaded or end-of-range bending, which an irritable nerve does not want (Coppieters &
    Butler 2008, in clinical-facts.md "Radicular presentation")."""
    if is_nerve_slider(ex):
        return True
    stretched = ex.movement_features & {
        MovementFeature.NEURAL_TENSION,
        MovementFeature.SUSTAINED_HAMSTRING_STRETCH,
    }
    hamstrings = ex.targets[0] is Target.HAMSTRINGS
    bending = ex.spine.flexion in (SpinalDemand.END_RANGE, SpinalDemand.LOADED)
    return not (stretched or hamstrings or bending)
