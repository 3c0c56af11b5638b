"""Which conditions an exercise must name, given how it loads the body.

Each rule reads an exercise's own tags (spinal demands, position, impact) and names the
conditions that must appear among its contraindications or precautions. ``library check`` and
the tests apply these rules to every file, so a new exercise that forgets a caution is caught
before a client sees it. Sources: shared/clinical-facts.md, "Contraindications and precautions".
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
    must_name: frozenset[Condition]
    source: str


SAFETY_RULES: tuple[SafetyRule, ...] = (
    SafetyRule(
        "end-range or loaded spinal flexion",
        lambda e: e.spine.flexion in _FAR,
        frozenset({Condition.DISC_HERNIATION, Condition.OSTEOPOROSIS}),
        # Acute disc herniation: avoid repeated or loaded end-range flexion.
        # Osteoporosis: avoid loaded, rapid or repeated spinal flexion.
        "clinical-facts.md: disc herniation; osteoporosis",
    ),
    SafetyRule(
        "end-range or loaded spinal extension",
        lambda e: e.spine.extension in _FAR,
        frozenset({Condition.SPINAL_STENOSIS, Condition.SPONDYLOLISTHESIS}),
        # Stenosis: limit sustained or loaded extension; spondylolisthesis: avoid repeated or
        # loaded extension.
        "clinical-facts.md: spinal stenosis; spondylolisthesis",
    ),
    SafetyRule(
        "end-range or loaded spinal rotation",
        lambda e: e.spine.rotation in _FAR,
        frozenset({Condition.OSTEOPOROSIS, Condition.SPONDYLOLISTHESIS}),
        # Osteoporosis: avoid loaded twisting; spondylolisthesis: avoid bending with twisting.
        "clinical-facts.md: osteoporosis; spondylolisthesis",
    ),
    SafetyRule(
        "lying on the back",
        lambda e: e.position is Position.SUPINE,
        frozenset({Condition.PREGNANCY}),
        # Pregnancy: no supine exercise after the first trimester (planner excludes these from
        # the second trimester on; the note explains why on the handout).
        "clinical-facts.md: pregnancy",
    ),
    SafetyRule(
        "high impact",
        lambda e: e.impact is Impact.HIGH,
        frozenset({Condition.PREGNANCY, Condition.SACROILIAC_JOINT_PAIN}),
        # Pregnancy: no fall or abdominal-trauma risk; SIJ pain: caution with high impact.
        "clinical-facts.md: pregnancy; sacroiliac joint pain",
    ),
)


def missing_condition_notes(exercise: Exercise) -> list[str]:
    """Problems, one line each, for conditions a rule requires but the exercise omits."""
    named = exercise.contraindicated_for | exercise.precaution_for
    problems: list[str] = []
    for rule in SAFETY_RULES:
        if rule.applies(exercise):
            for condition in sorted(rule.must_name - named):
                problems.append(
                    f"{rule.name} needs '{condition.value}' as a contraindication or precaution"
                )
    return problems
