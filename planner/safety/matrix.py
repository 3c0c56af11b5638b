"""The condition x movement-feature matrix: one sourced table of what each condition rules out.

Exercises carry movement features (what they ask of the body: bending fully forward, a fall
risk, a stretched nerve...; see :mod:`exercise_library.features`). For each condition the
table says, feature by feature, *exclude* (never offered), *caution* (offered, with the words
shown to the therapist and printed as the client's cue) or *encourage* (work the facts
recommend). The single safety verdict (:mod:`planner.safety.verdict`) applies it, so the
library filter, the recommender, the conflict check and the print check can never disagree, and
two exercises with the same feature are always treated alike, whichever file they come from.
An exercise may still add its own contraindications and precautions in its file.

Every entry cites shared/clinical-facts.md ("Contraindications and precautions" and the
"Added:" section). Entries marked [U] rest on ordinary clinical practice where the facts file
says nothing; they are clinic defaults to confirm. Client-facing words are our own.

Pregnancy changes with the trimester: an entry may apply only from the trimester the clinic's
policy names (``pregnancy_no_supine_from_trimester``), with a gentler entry before it. The
conditions come from the client context, so a condition worked out from the assessment (a
radicular presentation behaving as ``radicular_pain``) or a trimester worked out week by week
takes effect by being put into the context; nothing here needs to change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from exercise_library.schema import Exercise
from exercise_library.vocabulary import Condition, MovementFeature
from planner.policy import ClinicPolicy
from planner.safety.context import ClientContext

C = Condition
F = MovementFeature


class Action(StrEnum):
    EXCLUDE = "exclude"
    CAUTION = "caution"
    ENCOURAGE = "encourage"

    @property
    def rank(self) -> int:
        """How strongly the entry holds an exercise back (encouraging holds nothing back)."""
        return {Action.ENCOURAGE: 0, Action.CAUTION: 1, Action.EXCLUDE: 2}[self]


@dataclass(frozen=True)
class Rule:
    action: Action
    # exclude: what the exercise does, completing "not safe with <condition>: ...";
    # caution: the cue, one or two short sentences; encourage: why it helps.
    # "{from_trimester}" stands for the policy's trimester in staged pregnancy entries.
    words: str
    source: str
    # Pregnancy only: this entry holds from the policy's trimester on; before it, ``earlier``.
    staged: bool = False
    earlier: Rule | None = None

    def worded(self, policy: ClinicPolicy) -> str:
        return self.words.format(from_trimester=from_trimester(policy))


def from_trimester(policy: ClinicPolicy) -> int:
    return policy.thresholds.programme.pregnancy_no_supine_from_trimester


# What each feature does, completing "not safe with <condition>: ..." (an entry may say more).
DOES: dict[MovementFeature, str] = {
    F.LOADED_FLEXION: "it curls the spine forward against gravity or a weight",
    F.END_RANGE_FLEXION: "it bends the spine fully forward",
    F.LOADED_ROTATION: "it twists the spine against a load",
    F.END_RANGE_ROTATION: "it twists the spine as far as it goes",
    F.LOADED_EXTENSION: "it arches the back against gravity or a weight",
    F.END_RANGE_EXTENSION: "it arches the back as far as it goes",
    F.IMPACT: "the feet leave the ground and land",
    F.SUPINE: "it is done lying on the back",
    F.PRONE: "it is done lying face down",
    F.INVERSION: "it takes the head below the hips",
    F.ASYMMETRIC_PELVIC_LOAD: "one leg takes the load or the legs work apart",
    F.WIDE_STANCE: "it needs a wide stance",
    F.FALL_RISK: "it carries a real risk of a fall",
    F.SUSTAINED_HAMSTRING_STRETCH: "it holds the hamstrings on a long stretch",
    F.NEURAL_TENSION: "it puts the sciatic nerve on stretch",
    F.BREATH_HOLDING_STRAIN: "it needs heavy bracing or straining",
}

_CONTRA = "clinical-facts.md, Contraindications and precautions"
_ADDED = "clinical-facts.md, Added"
_SURGERY = (
    "[U] not in clinical-facts.md: loaded or end-range spinal movement, impact and heavy "
    "straining wait until the surgeon clears them"
)
_BLOOD_PRESSURE = (
    "[U] not in clinical-facts.md: straining with a held breath (Valsalva) and head-down "
    "positions raise blood pressure"
)


def _x(feature: MovementFeature, source: str, words: str = "") -> Rule:
    return Rule(Action.EXCLUDE, words or DOES[feature], source)


def _c(words: str, source: str) -> Rule:
    return Rule(Action.CAUTION, words, source)


def _e(words: str, source: str) -> Rule:
    return Rule(Action.ENCOURAGE, words, source)


_TWIST_GENTLY = "Twist smoothly and never force it."
_ARCH_PART_WAY = "Arch only part way; worn joints can pinch at the end of the bend."
_BREATHE = "Breathe out as you push; never hold your breath."
_TWIST_OPEN = "Twist gently, and turn the chest away from the bump, not into it."

MATRIX: dict[Condition, dict[MovementFeature, Rule]] = {
    C.DISC_HERNIATION: {
        # "Avoid repeated or loaded end-range flexion (sit-ups, roll-ups, flexion stretches)".
        F.LOADED_FLEXION: _x(F.LOADED_FLEXION, f"{_CONTRA}: disc herniation"),
        F.END_RANGE_FLEXION: _x(F.END_RANGE_FLEXION, f"{_CONTRA}: disc herniation"),
        # "... heavy lifting soon after waking".
        F.BREATH_HOLDING_STRAIN: _c(
            "Start light, and not in the first hour after you get up.",
            f"{_CONTRA}: disc herniation",
        ),
        # A herniated disc often irritates the nerve root (crossed SLR is specific for it).
        F.NEURAL_TENSION: _c(
            "Stop if it brings on pain, pins and needles or numbness down the leg.",
            f"{_ADDED}: straight-leg raise and radicular presentation",
        ),
        F.LOADED_ROTATION: _c(
            "Twist gently under load; stop if pain spreads down the leg.",
            "[U] clinic default: loaded twisting adds to the load on the disc",
        ),
        # "Extension-biased work if it centralises symptoms".
        F.END_RANGE_EXTENSION: _e(
            "arching back often eases disc pain when it moves the pain towards the spine",
            f"{_CONTRA}: disc herniation",
        ),
    },
    C.RADICULAR_PAIN: {
        # "No sustained hamstring stretching or loaded end-range flexion while the nerve is
        # sensitive"; sliders before tensioners (Coppieters & Butler 2008).
        F.SUSTAINED_HAMSTRING_STRETCH: _x(
            F.SUSTAINED_HAMSTRING_STRETCH,
            f"{_ADDED}: radicular presentation",
            "it holds the hamstrings on a long stretch, which stretches the irritated nerve",
        ),
        F.NEURAL_TENSION: _x(
            F.NEURAL_TENSION,
            f"{_ADDED}: radicular presentation",
            "it puts the irritated nerve on stretch (a nerve slider is the gentler choice)",
        ),
        F.LOADED_FLEXION: _x(F.LOADED_FLEXION, f"{_ADDED}: radicular presentation"),
        F.END_RANGE_FLEXION: _x(F.END_RANGE_FLEXION, f"{_ADDED}: radicular presentation"),
    },
    C.OSTEOPOROSIS: {
        # "Avoid loaded, end-range, rapid or repeated spinal flexion and forceful twisting";
        # the older line also says twisting, and lifting while bent forward.
        F.LOADED_FLEXION: _x(F.LOADED_FLEXION, f"{_ADDED}: osteoporosis (Giangregorio 2014)"),
        F.END_RANGE_FLEXION: _x(F.END_RANGE_FLEXION, f"{_ADDED}: osteoporosis (Giangregorio 2014)"),
        F.LOADED_ROTATION: _x(F.LOADED_ROTATION, f"{_ADDED}: osteoporosis (forceful twisting)"),
        F.END_RANGE_ROTATION: _x(
            F.END_RANGE_ROTATION, f"{_CONTRA}: osteoporosis (avoid spinal twisting)"
        ),
        # "Back-extensor and balance work encouraged".
        F.LOADED_EXTENSION: _e(
            "back-extensor work is encouraged for bone health and posture",
            f"{_CONTRA}: osteoporosis",
        ),
        # Minor trauma with osteoporosis is a red flag: a fall is how bones break.
        F.FALL_RISK: _c(
            "Keep a wall or a sturdy chair within reach; a fall can break a bone.",
            f"{_CONTRA}: osteoporosis; red flags (minor trauma with osteoporosis)",
        ),
        # "More care after a vertebral fracture".
        F.IMPACT: _c(
            "If you have ever broken a bone in your spine, check with us before doing this.",
            f"{_ADDED}: osteoporosis (more care after a vertebral fracture)",
        ),
    },
    C.SPINAL_STENOSIS: {
        # "Extension and prolonged walking aggravate; prefer flexion-biased core work and
        # cycling; limit sustained or loaded extension".
        F.LOADED_EXTENSION: _x(
            F.LOADED_EXTENSION,
            f"{_CONTRA}: spinal stenosis",
            "it holds the back arched against a load, which narrows the space for the nerves",
        ),
        F.END_RANGE_EXTENSION: _c(
            "Arch only part way; stop if your legs ache, tingle or go numb.",
            f"{_CONTRA}: spinal stenosis",
        ),
        F.END_RANGE_FLEXION: _e(
            "bending forward usually eases the legs", f"{_CONTRA}: spinal stenosis"
        ),
        F.LOADED_FLEXION: _e(
            "flexion-biased core work is preferred", f"{_CONTRA}: spinal stenosis"
        ),
    },
    C.SPONDYLOLISTHESIS: {
        # "Avoid repeated or loaded extension and bending with twisting".
        F.LOADED_EXTENSION: _x(F.LOADED_EXTENSION, f"{_CONTRA}: spondylolisthesis"),
        F.END_RANGE_EXTENSION: _x(F.END_RANGE_EXTENSION, f"{_CONTRA}: spondylolisthesis"),
        F.LOADED_ROTATION: _x(F.LOADED_ROTATION, f"{_CONTRA}: spondylolisthesis"),
        F.END_RANGE_ROTATION: _x(F.END_RANGE_ROTATION, f"{_CONTRA}: spondylolisthesis"),
    },
    C.SACROILIAC_JOINT_PAIN: {
        # "Caution with high impact, asymmetric heavy load, forceful twisting [U]".
        F.IMPACT: _c(
            "Start small; stop if pain at the back of the pelvis builds up.",
            f"{_CONTRA}: sacroiliac joint pain [U]",
        ),
        F.ASYMMETRIC_PELVIC_LOAD: _c(
            "Go gently; stop if the joint at the back of the pelvis aches.",
            f"{_CONTRA}: sacroiliac joint pain [U]",
        ),
        F.LOADED_ROTATION: _c(_TWIST_GENTLY, f"{_CONTRA}: sacroiliac joint pain [U]"),
        F.END_RANGE_ROTATION: _c(_TWIST_GENTLY, f"{_CONTRA}: sacroiliac joint pain [U]"),
    },
    C.PELVIC_GIRDLE_PAIN: {
        # POGP: "keep movements symmetrical, avoid wide stances, deep lunges and standing on
        # one leg beyond comfort ... work within a pain-free range".
        F.ASYMMETRIC_PELVIC_LOAD: _x(
            F.ASYMMETRIC_PELVIC_LOAD,
            f"{_ADDED}: pelvic girdle pain (POGP)",
            "one leg takes the load or the legs work apart; the pelvis should be loaded evenly",
        ),
        F.WIDE_STANCE: _x(
            F.WIDE_STANCE,
            f"{_ADDED}: pelvic girdle pain (POGP)",
            "it needs a wide stance, which strains the front of the pelvis",
        ),
        F.IMPACT: _c(
            "Stay in a pain-free range; stop if the front or back of the pelvis hurts.",
            f"{_ADDED}: pelvic girdle pain (POGP, pain-free range) [U]",
        ),
    },
    C.PREGNANCY: {
        # "No supine exercise after the first trimester" (from the policy's trimester).
        F.SUPINE: Rule(
            Action.EXCLUDE,
            "it is done lying on the back, which is not advised from trimester "
            "{from_trimester} of pregnancy",
            f"{_CONTRA}: pregnancy",
            staged=True,
            earlier=_c(
                "Fine for now; from trimester {from_trimester} do it propped up or on your "
                "side, not flat on your back.",
                f"{_CONTRA}: pregnancy",
            ),
        ),
        # Lying on the bump: no abdominal-trauma risk. [U] the same stage as lying on the back.
        F.PRONE: Rule(
            Action.EXCLUDE,
            "it is done face down, which is not advised from trimester {from_trimester} of "
            "pregnancy",
            f"{_CONTRA}: pregnancy (no abdominal trauma) [U]",
            staged=True,
            earlier=_c(
                "Fine early on; from trimester {from_trimester} use a version on your hands "
                "and knees instead.",
                f"{_CONTRA}: pregnancy (no abdominal trauma) [U]",
            ),
        ),
        # "No fall or abdominal-trauma risk".
        F.FALL_RISK: _x(F.FALL_RISK, f"{_CONTRA}: pregnancy"),
        F.IMPACT: _c(
            "Only if you did this before you were pregnant and your midwife agrees; bounce "
            "less as the bump grows.",
            f"{_CONTRA}: pregnancy (no fall risk) [U]",
        ),
        # Dizziness is one of the pregnancy stop signs.
        F.INVERSION: _c(
            "Come up slowly; stop if you feel dizzy.", f"{_CONTRA}: pregnancy (stop signs)"
        ),
        F.BREATH_HOLDING_STRAIN: _c(_BREATHE, f"{_CONTRA}: pregnancy [U]"),
        # [U] not in clinical-facts.md: twisting into the bump squeezes it (an exercise whose
        # twist closes onto a bent leg says so in its own file).
        F.END_RANGE_ROTATION: _c(_TWIST_OPEN, f"{_CONTRA}: pregnancy (no abdominal trauma) [U]"),
        F.LOADED_ROTATION: _c(_TWIST_OPEN, f"{_CONTRA}: pregnancy (no abdominal trauma) [U]"),
    },
    C.HYPERTENSION: {
        F.BREATH_HOLDING_STRAIN: _c(_BREATHE, _BLOOD_PRESSURE),
        F.INVERSION: _c(
            "Come up slowly; stop if you feel dizzy or your head throbs.", _BLOOD_PRESSURE
        ),
    },
    C.RECENT_SPINAL_SURGERY: {
        F.LOADED_FLEXION: _x(F.LOADED_FLEXION, _SURGERY),
        F.END_RANGE_FLEXION: _x(F.END_RANGE_FLEXION, _SURGERY),
        F.LOADED_ROTATION: _x(F.LOADED_ROTATION, _SURGERY),
        F.END_RANGE_ROTATION: _x(F.END_RANGE_ROTATION, _SURGERY),
        F.LOADED_EXTENSION: _x(F.LOADED_EXTENSION, _SURGERY),
        F.END_RANGE_EXTENSION: _x(F.END_RANGE_EXTENSION, _SURGERY),
        F.IMPACT: _x(F.IMPACT, _SURGERY),
        F.BREATH_HOLDING_STRAIN: _x(F.BREATH_HOLDING_STRAIN, _SURGERY),
    },
    C.ACUTE_MUSCLE_STRAIN: {
        F.SUSTAINED_HAMSTRING_STRETCH: _c(
            "Stretch gently, short of pain, until a fresh strain has settled.",
            "[U] not in clinical-facts.md: a healing muscle is not stretched hard",
        ),
    },
    C.ARTHRITIS_SPINE: {
        F.END_RANGE_EXTENSION: _c(
            _ARCH_PART_WAY, "[U] not in clinical-facts.md: facet joints close in extension"
        ),
        F.LOADED_EXTENSION: _c(
            _ARCH_PART_WAY, "[U] not in clinical-facts.md: facet joints close in extension"
        ),
        F.IMPACT: _c(
            "Keep the bounce low; landing can jar a stiff back.",
            "[U] not in clinical-facts.md: impact jars stiff, worn joints",
        ),
    },
}


# --- applying it ------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One cell of the matrix applied to one exercise for one client."""

    condition: Condition
    feature: MovementFeature
    action: Action
    words: str
    source: str


def rule_for(
    condition: Condition, feature: MovementFeature, ctx: ClientContext, policy: ClinicPolicy
) -> Rule | None:
    """The entry that holds for this client now (a staged pregnancy entry by trimester)."""
    rule = MATRIX.get(condition, {}).get(feature)
    if rule is None or not rule.staged:
        return rule
    trimester = ctx.trimester_for_safety
    if trimester is not None and trimester >= from_trimester(policy):
        return rule
    return rule.earlier


def findings(ex: Exercise, ctx: ClientContext, policy: ClinicPolicy) -> Iterator[Finding]:
    """What the matrix says about this exercise for this client, condition by condition."""
    features = [f for f in MovementFeature if f in ex.movement_features]
    for condition in Condition:
        if not ctx.has(condition):
            continue
        for feature in features:
            rule = rule_for(condition, feature, ctx, policy)
            if rule is not None:
                yield Finding(condition, feature, rule.action, rule.worded(policy), rule.source)


def every_condition(pregnancy_trimester: int | None = None) -> ClientContext:
    """A client with every condition: what an exercise's general notes describe. With no
    trimester the strictest stage is assumed, as for any pregnancy of unknown stage."""
    return ClientContext(conditions=frozenset(Condition), pregnancy_trimester=pregnancy_trimester)
