"""Red-flag screen: what each ticked flag means, in plain words, and the referral it triggers.

The level each flag carries is a threshold (see :mod:`planner.assessment.thresholds.red_flags`);
the wording here is ours, written for the therapist to read out or pass on, and it is the only
wording of a referral: what each level asks (:data:`LEVEL_WORDS`; an urgent flag always says to
go to the emergency department now, without waiting) and what each flag may mean. The signs a
client watches for at home are worded in :mod:`planner.documents`, with the same levels.
"""

from __future__ import annotations

from dataclasses import dataclass

from exercise_library.vocabulary import RedFlag
from planner.assessment.model import AssessmentFile
from planner.assessment.nerve import flags_found
from planner.assessment.thresholds import Referral
from planner.assessment.thresholds.red_flags import RedFlagThresholds
from planner.policy import ClinicPolicy


@dataclass(frozen=True)
class RedFlagFinding:
    code: RedFlag
    level: Referral
    message: str


# What each referral level asks of the therapist: the only wording of it. The window's headline
# and banner, the command line and the PDFs use these; the client's box says the same in the
# client's words (planner.documents), with EMERGENCY_NOW.
EMERGENCY_NOW = "go to the emergency department now, do not wait"


@dataclass(frozen=True)
class LevelWords:
    # After a flag's meaning: what to do (the therapist's words).
    action: str
    # The findings headline and the one-line history cell.
    headline: str
    short: str
    # The banner that stops all exercise (empty for a level that does not stop it).
    banner: str

    @property
    def title(self) -> str:
        """The banner's first words ("STOP"), for a one-line strip on every tab."""
        return self.banner.partition(":")[0]


LEVEL_WORDS: dict[Referral, LevelWords] = {
    Referral.NONE: LevelWords("", "No referral needed: no red flag is ticked.", "None", ""),
    Referral.PROMPT: LevelWords(
        "Refer the client to their GP before treating.",
        "Refer to the GP before treating.",
        "Refer first (GP)",
        "Refer before treating: no exercise until a doctor clears the client.",
    ),
    # Suspected spinal infection: a same-day medical review (NICE CKS).
    Referral.SAME_DAY: LevelWords(
        "The client needs a medical review today: arrange a same-day appointment with a doctor.",
        "Same-day medical review: the client must see a doctor today.",
        "Doctor today",
        "SEE A DOCTOR TODAY: no exercise until a doctor has seen the client.",
    ),
    # Suspected cauda equina: the emergency department straight away, not the GP, not tomorrow
    # (GIRFT 2023 national pathway; NICE CKS).
    Referral.URGENT: LevelWords(
        f"The client must {EMERGENCY_NOW}.",
        f"Urgent: {EMERGENCY_NOW}.",
        "URGENT: emergency department now",
        f"STOP: {EMERGENCY_NOW[0].upper()}{EMERGENCY_NOW[1:]}. Do not start exercise.",
    ),
}


# The cauda equina signs, in the therapist's words: the screen's hint and the flag's meaning
# both say them (GIRFT 2023 lists loss of sexual function beside bladder and bowel).
CAUDA_EQUINA_SIGNS = "saddle numbness or new loss of bladder, bowel or sexual function"

# What to ask about for each flag, beside its tick box on the screen (the therapist's words).
FLAG_SIGNS: dict[RedFlag, str] = {
    RedFlag.CAUDA_EQUINA_SIGNS: CAUDA_EQUINA_SIGNS,
    RedFlag.PROGRESSIVE_NEURO_DEFICIT: "strength in legs or arms getting worse",
    RedFlag.BILATERAL_LEG_SYMPTOMS: "pain, numbness or weakness in both legs",
    RedFlag.TRAUMA_ONSET: "pain began after an accident or fall",
    RedFlag.FEVER_OR_SYSTEMIC_ILLNESS: "fever, chills, feeling generally unwell",
    RedFlag.UNEXPLAINED_WEIGHT_LOSS: "weight loss with no clear reason",
    RedFlag.HISTORY_OF_CANCER: "any past cancer",
    RedFlag.NIGHT_PAIN_UNRELIEVED: "night pain that rest or moving does not ease",
    RedFlag.BACK_SWELLING_OR_REDNESS: "swelling or redness on the back",
    RedFlag.NEW_LUMP: "a lump that is new",
    RedFlag.LEG_NUMBNESS_OR_WEAKNESS: "numbness or weakness in a leg",
    RedFlag.PAIN_RADIATING_BELOW_KNEE: "pain spreading below the knee",
    RedFlag.AGE_UNDER_20_OR_OVER_55_NEW_ONSET: "back pain that is new, in a young or older client",
    RedFlag.IMMUNOSUPPRESSION: "weak immune system, from illness or medicine",
    RedFlag.LONG_TERM_STEROID_USE: "steroid tablets for months or years",
    RedFlag.SEVERE_NEURO_DEFICIT: "marked leg weakness, or more than one nerve root",
    RedFlag.GAIT_DISTURBANCE: "new trouble walking, unsteady or tripping",
    RedFlag.IV_DRUG_USE: "injects drugs into a vein",
    RedFlag.RECENT_INFECTION_OR_SURGERY: "an infection or an operation in recent weeks",
    RedFlag.THORACIC_PAIN: "pain in the upper or middle back",
    RedFlag.STRUCTURAL_DEFORMITY: "a new or changing shape of the spine",
    RedFlag.WIDESPREAD_NEUROLOGY: "numbness or weakness in many places",
}


def _meanings(t: RedFlagThresholds) -> dict[RedFlag, str]:
    """What each flag may mean, for the therapist; the action follows from its level."""
    return {
        RedFlag.CAUDA_EQUINA_SIGNS: (
            f"{CAUDA_EQUINA_SIGNS[0].upper()}{CAUDA_EQUINA_SIGNS[1:]} can mean squeezed "
            "nerves at the base of the spine (cauda equina)."
        ),
        RedFlag.PROGRESSIVE_NEURO_DEFICIT: (
            "Strength or feeling in the legs or arms is getting worse."
        ),
        RedFlag.BILATERAL_LEG_SYMPTOMS: "Symptoms in both legs can mean nerve pressure.",
        RedFlag.TRAUMA_ONSET: (
            "The pain began after an accident or fall. A doctor should rule out a fracture "
            "before exercise."
        ),
        RedFlag.FEVER_OR_SYSTEMIC_ILLNESS: (
            "Fever or feeling unwell with back pain can mean a spinal infection."
        ),
        RedFlag.UNEXPLAINED_WEIGHT_LOSS: "Weight loss with no clear reason needs a GP check.",
        RedFlag.HISTORY_OF_CANCER: (
            "After a past cancer, new back pain should be checked by a doctor first."
        ),
        RedFlag.NIGHT_PAIN_UNRELIEVED: (
            "Night pain that rest or a change of position does not ease needs a GP check."
        ),
        RedFlag.BACK_SWELLING_OR_REDNESS: (
            "Swelling or redness on the back needs a doctor to look at it first."
        ),
        RedFlag.NEW_LUMP: "A new lump needs a doctor to look at it before treatment.",
        RedFlag.LEG_NUMBNESS_OR_WEAKNESS: (
            "Numbness or weakness in a leg needs a medical check of the nerves."
        ),
        RedFlag.PAIN_RADIATING_BELOW_KNEE: (
            "Pain spreading below the knee suggests a nerve is involved."
        ),
        RedFlag.AGE_UNDER_20_OR_OVER_55_NEW_ONSET: (
            f"New back pain under {t.new_onset_age_under} or over {t.new_onset_age_over} is "
            "less often simple back pain."
        ),
        RedFlag.IMMUNOSUPPRESSION: "A weak immune system raises the risk of a spinal infection.",
        RedFlag.LONG_TERM_STEROID_USE: (
            "Long-term steroids thin the bones. A doctor should rule out a fracture first."
        ),
        RedFlag.SEVERE_NEURO_DEFICIT: (
            "Marked weakness in the legs, or weakness from more than one nerve, can mean "
            "serious pressure on the nerves."
        ),
        RedFlag.GAIT_DISTURBANCE: (
            "New trouble walking can mean pressure on the spinal cord or the nerves."
        ),
        RedFlag.IV_DRUG_USE: "Injecting drugs raises the risk of a spinal infection.",
        RedFlag.RECENT_INFECTION_OR_SURGERY: (
            "Back pain soon after an infection or an operation can mean an infection in the spine."
        ),
        RedFlag.THORACIC_PAIN: ("Pain in the upper or middle back is less often simple back pain."),
        RedFlag.STRUCTURAL_DEFORMITY: (
            "A new or changing shape of the spine needs a doctor to look at it first."
        ),
        RedFlag.WIDESPREAD_NEUROLOGY: (
            "Nerve signs in many places point to more than one trapped nerve root."
        ),
    }


def flag_message(flag: RedFlag, level: Referral, t: RedFlagThresholds) -> str:
    """What the flag may mean, then what its level asks: the one sentence every output shows."""
    return f"{_meanings(t)[flag]} {LEVEL_WORDS[level].action}"


def screen(
    a: AssessmentFile, policy: ClinicPolicy, previous: AssessmentFile | None = None
) -> list[RedFlagFinding]:
    """The ticked flags, and those the assessments show though nobody ticked them (worse
    neurology than at the ``previous`` assessment), most serious first, then in screen order,
    each with its message."""
    t = policy.thresholds.red_flags
    order = list(RedFlag)
    found = [RedFlagFinding(f, t.level(f), flag_message(f, t.level(f), t)) for f in a.red_flags]
    found += [
        RedFlagFinding(f, t.level(f), f"{why} {flag_message(f, t.level(f), t)}")
        for f, why in flags_found(previous, a).items()
    ]
    return sorted(found, key=lambda f: (-f.level.rank, order.index(f.code)))


def referral_level(findings: list[RedFlagFinding]) -> Referral:
    return max((f.level for f in findings), key=lambda r: r.rank, default=Referral.NONE)


def screening_notes(a: AssessmentFile, policy: ClinicPolicy) -> list[str]:
    """Prompts for the therapist where the file suggests a flag that was not ticked.

    Only the therapist knows whether the pain is new, so the age flag is never ticked for them;
    the note makes sure it was considered.
    """
    t = policy.thresholds.red_flags
    age = a.age
    notes = []
    unticked = RedFlag.AGE_UNDER_20_OR_OVER_55_NEW_ONSET not in a.red_flags
    if unticked and (age < t.new_onset_age_under or age > t.new_onset_age_over):
        notes.append(
            f"The client is {age}. If this back pain is new, tick the red flag for new pain "
            f"under {t.new_onset_age_under} or over {t.new_onset_age_over}."
        )
    cluster = cancer_cluster(a, t)
    if cluster is not None:
        notes.append(cluster)
    return notes


_CLUSTER_FLAGS = (RedFlag.HISTORY_OF_CANCER, RedFlag.UNEXPLAINED_WEIGHT_LOSS)


def cancer_cluster(a: AssessmentFile, t: RedFlagThresholds) -> str | None:
    """Age over 50, a past cancer and weight loss with no clear reason: three of the four
    signs Greenhalgh & Selfe 2006 put together (the fourth, no better after a month, only
    time shows). Each flag already asks for the GP; the note says why that matters more."""
    if a.age <= t.cancer_cluster_age_over or not all(f in a.red_flags for f in _CLUSTER_FLAGS):
        return None
    return (
        f"The client is over {t.cancer_cluster_age_over}, has had cancer and is losing weight "
        "with no clear reason. With no improvement in a month, these signs together point to "
        f"a possible cancer in the spine ({t.source('cancer_cluster_age_over')}). Tell the GP "
        "all of them in the referral."
    )
