"""Red-flag screen: what each ticked flag means, in plain words, and the referral it triggers.

The level each flag carries is a threshold (see :mod:`planner.assessment.thresholds.red_flags`);
the wording here is ours, written for the therapist to read out or pass on.
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


def _messages(t: RedFlagThresholds) -> dict[RedFlag, str]:
    return {
        RedFlag.CAUDA_EQUINA_SIGNS: (
            "Saddle numbness or new bladder or bowel trouble can mean the nerves at the base of "
            "the spine are squeezed. Send the client to the emergency department today."
        ),
        RedFlag.PROGRESSIVE_NEURO_DEFICIT: (
            "Strength in the legs or arms is getting worse. The client needs a doctor today."
        ),
        RedFlag.BILATERAL_LEG_SYMPTOMS: (
            "Symptoms in both legs can mean nerve pressure. Arrange a medical review today."
        ),
        RedFlag.TRAUMA_ONSET: (
            "The pain began after an accident or fall. A doctor should rule out a fracture "
            "before exercise."
        ),
        RedFlag.FEVER_OR_SYSTEMIC_ILLNESS: (
            "Fever or feeling unwell with back pain can mean infection. The GP should see the "
            "client first."
        ),
        RedFlag.UNEXPLAINED_WEIGHT_LOSS: (
            "Weight loss with no clear reason needs a GP check before treatment."
        ),
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
            "Pain spreading below the knee suggests a nerve is involved. Ask the GP to review."
        ),
        RedFlag.AGE_UNDER_20_OR_OVER_55_NEW_ONSET: (
            f"New back pain under {t.new_onset_age_under} or over {t.new_onset_age_over} is "
            "less often simple back pain. A GP should review it first."
        ),
        RedFlag.IMMUNOSUPPRESSION: (
            "A weak immune system raises the risk of a spinal infection. Check with the GP first."
        ),
        RedFlag.LONG_TERM_STEROID_USE: (
            "Long-term steroids thin the bones. A GP should rule out a fracture first."
        ),
    }


def screen(
    a: AssessmentFile, policy: ClinicPolicy, previous: AssessmentFile | None = None
) -> list[RedFlagFinding]:
    """The ticked flags, and those the assessments show though nobody ticked them (worse
    neurology than at the ``previous`` assessment), most serious first, then in screen order,
    each with its message."""
    t = policy.thresholds.red_flags
    messages = _messages(t)
    order = list(RedFlag)
    found = [RedFlagFinding(f, t.level(f), messages[f]) for f in a.red_flags]
    found += [
        RedFlagFinding(f, t.level(f), f"{why} {messages[f]}")
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
    if RedFlag.AGE_UNDER_20_OR_OVER_55_NEW_ONSET in a.red_flags:
        return []
    if age < t.new_onset_age_under or age > t.new_onset_age_over:
        return [
            f"The client is {age}. If this back pain is new, tick the red flag for new pain "
            f"under {t.new_onset_age_under} or over {t.new_onset_age_over}."
        ]
    return []
