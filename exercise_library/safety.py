"""Which conditions an exercise must name, given how it loads the body.

Each rule reads an exercise's own tags (spinal demands, position, impact) and names the
conditions that must appear among its contraindications (never offered) or, where the facts
only say "take care", at least among its precautions (offered with a caution). ``library check``
and the tests apply these rules to every file, so a new exercise that forgets a caution, or
softens an "avoid" into a caution, is caught before a client sees it.
Sources: shared/clinical-facts.md, "Contraindications and precautions".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from exercise_library.schema import Exercise
from exercise_library.vocabulary import Condition, Impact, Position, SpinalDemand

_FAR = {SpinalDemand.END_RANGE, SpinalDemand.LOADED}


@dataclass(frozen=True)
class SafetyRule:
    name: str
    applies: Callable[[Exercise], bool]
    # Conditions for which the facts say "avoid": they must be contraindications.
    must_exclude: frozenset[Condition]
    # Conditions for which the facts say "take care": a precaution is enough.
    must_caution: frozenset[Condition]
    source: str


SAFETY_RULES: tuple[SafetyRule, ...] = (
    SafetyRule(
        "end-range or loaded spinal flexion",
        lambda e: e.spine.flexion in _FAR,
        # Acute disc herniation: avoid repeated or loaded end-range flexion (sit-ups, roll-ups,
        # flexion stretches). Osteoporosis: avoid loaded, rapid or repeated spinal flexion.
        frozenset({Condition.DISC_HERNIATION, Condition.OSTEOPOROSIS}),
        frozenset(),
        "clinical-facts.md: disc herniation; osteoporosis",
    ),
    SafetyRule(
        "end-range or loaded spinal extension",
        lambda e: e.spine.extension in _FAR,
        # Spondylolisthesis: avoid repeated or loaded extension. Stenosis: "limit" sustained or
        # loaded extension, so a caution is enough there.
        frozenset({Condition.SPONDYLOLISTHESIS}),
        frozenset({Condition.SPINAL_STENOSIS}),
        "clinical-facts.md: spinal stenosis; spondylolisthesis",
    ),
    SafetyRule(
        "end-range or loaded spinal rotation",
        lambda e: e.spine.rotation in _FAR,
        # Osteoporosis: avoid loaded twisting; spondylolisthesis: avoid bending with twisting.
        frozenset({Condition.OSTEOPOROSIS, Condition.SPONDYLOLISTHESIS}),
        frozenset(),
        "clinical-facts.md: osteoporosis; spondylolisthesis",
    ),
    SafetyRule(
        "lying on the back",
        lambda e: e.position is Position.SUPINE,
        # Pregnancy: no supine exercise after the first trimester. Fine in the first, so a
        # precaution; planner excludes these from the second trimester on.
        frozenset(),
        frozenset({Condition.PREGNANCY}),
        "clinical-facts.md: pregnancy",
    ),
    SafetyRule(
        "high impact",
        lambda e: e.impact is Impact.HIGH,
        # Pregnancy: no fall or abdominal-trauma risk. SIJ pain: caution with high impact.
        frozenset({Condition.PREGNANCY}),
        frozenset({Condition.SACROILIAC_JOINT_PAIN}),
        "clinical-facts.md: pregnancy; sacroiliac joint pain",
    ),
)


def missing_condition_notes(exercise: Exercise) -> list[str]:
    """Problems, one line each, for conditions a rule requires but the exercise omits."""
    excluded = exercise.contraindicated_for
    named = excluded | exercise.precaution_for
    problems: list[str] = []
    for rule in SAFETY_RULES:
        if not rule.applies(exercise):
            continue
        for condition in sorted(rule.must_exclude - excluded):
            problems.append(
                f"{rule.name} needs '{condition.value}' as a contraindication "
                "(the facts say to avoid it)"
            )
        for condition in sorted(rule.must_caution - named):
            problems.append(
                f"{rule.name} needs '{condition.value}' as a contraindication or precaution"
            )
    return problems
