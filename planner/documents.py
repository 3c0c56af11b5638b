"""What a home programme handout needs from planner besides the programme itself.

- The contact check: a handout tells the client whom to phone when something is wrong, so one
  without the clinic's phone number is never printed (:func:`contact_problem`). The window, the
  command line and any later "prepare document" operation ask this one function.
- The warning signs in the client's words, grouped by what to do at the level the clinic's
  thresholds give each red flag.
- Optional sections that other parts of planner produce: a running plan and the care pathway
  (STarT Back stratified care). Both are plain data; a handout without them is complete.
- The client text of those sections, in our own words at a reading grade of about 6 (checked
  by tests/planner/test_client_readability.py with every other client sentence planner writes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from exercise_library.vocabulary import RedFlag
from planner.assessment.pathway import PLANS, pathway_for
from planner.assessment.red_flags import EMERGENCY_NOW
from planner.assessment.scores import StartBackRisk
from planner.assessment.thresholds import ClinicalThresholds, Referral
from planner.errors import UserError
from planner.policy import ClinicPolicy
from planner.programme import facts
from planner.programme.care import self_management_advice
from planner.programme.model import Weekday
from planner.programme.run_text import shoe_distance
from planner.programme.text import number, pain_bands, score_text
from planner.settings import ClinicSettings
from planner.units import DistanceUnit

# --- the contact check ------------------------------------------------------------------------

CONTACT_SETTING: Final = "phone"


def contact_problem(clinic: ClinicSettings) -> str | None:
    """Why this clinic cannot print a handout yet, or None when it can.

    The stop box sends the client to the clinic's phone when pain or a warning sign appears;
    without a number that advice leads nowhere, so the handout waits until one is set.
    """
    phone = clinic.phone.strip()
    if any(ch.isdigit() for ch in phone):
        return None
    what = f"'{phone}' is not a phone number" if phone else "is not set"
    return (
        f'the clinic\'s phone number (setting "{CONTACT_SETTING}") {what}: a home programme '
        "must tell the client whom to call. Set it before printing."
    )


def require_contact(clinic: ClinicSettings) -> None:
    """Raise the contact problem as a :class:`UserError` (exit status 2 on the command line)."""
    problem = contact_problem(clinic)
    if problem is not None:
        raise UserError(problem)


# --- warning signs ------------------------------------------------------------------------------

# What a client would notice for each red flag, in everyday words. None marks a flag that is
# part of the client's history (known at the assessment), not something that appears at home.
RED_FLAG_SIGNS: Final[dict[RedFlag, str | None]] = {
    RedFlag.CAUDA_EQUINA_SIGNS: (
        "Numbness between your legs or around your bottom. Or new trouble holding or passing "
        "urine, or controlling your bowels. Or less feeling or trouble during sex."
    ),
    RedFlag.PROGRESSIVE_NEURO_DEFICIT: "Your legs or arms getting weaker.",
    RedFlag.BILATERAL_LEG_SYMPTOMS: "Pain, pins and needles or numbness in both legs.",
    RedFlag.TRAUMA_ONSET: "New or worse pain after a fall or an accident.",
    RedFlag.FEVER_OR_SYSTEMIC_ILLNESS: "A fever, shivers or feeling unwell as well as back pain.",
    RedFlag.UNEXPLAINED_WEIGHT_LOSS: "Losing weight without trying.",
    RedFlag.HISTORY_OF_CANCER: None,
    RedFlag.NIGHT_PAIN_UNRELIEVED: "Pain at night that does not ease when you change position.",
    RedFlag.BACK_SWELLING_OR_REDNESS: "Swelling, heat or redness on your back.",
    RedFlag.NEW_LUMP: "A lump you have not noticed before.",
    RedFlag.LEG_NUMBNESS_OR_WEAKNESS: "Numbness or weakness in a leg.",
    RedFlag.PAIN_RADIATING_BELOW_KNEE: "Pain spreading down your leg past the knee.",
    RedFlag.AGE_UNDER_20_OR_OVER_55_NEW_ONSET: None,
    RedFlag.IMMUNOSUPPRESSION: None,
    RedFlag.LONG_TERM_STEROID_USE: None,
    RedFlag.SEVERE_NEURO_DEFICIT: "A leg that is suddenly very weak.",
    RedFlag.GAIT_DISTURBANCE: "Your feet catching or tripping when you walk.",
    # Found by the therapist at the assessment, not signs that appear at home.
    RedFlag.IV_DRUG_USE: None,
    RedFlag.RECENT_INFECTION_OR_SURGERY: None,
    RedFlag.THORACIC_PAIN: None,
    RedFlag.STRUCTURAL_DEFORMITY: None,
    RedFlag.WIDESPREAD_NEUROLOGY: None,
}


@dataclass(frozen=True)
class SafetyText:
    urgent_intro: str
    urgent: list[str]
    prompt_intro: str
    prompt: list[str]
    # Signs that need a doctor the same day (a possible infection); empty when none.
    same_day_intro: str = ""
    same_day: list[str] = field(default_factory=list)


def safety_text(phone: str, thresholds: ClinicalThresholds) -> SafetyText:
    """Warning signs grouped by what to do, at the level the clinic's thresholds give each."""
    groups: dict[Referral, list[str]] = {level: [] for level in Referral}
    for flag in RedFlag:
        sign = RED_FLAG_SIGNS.get(flag)
        if sign is not None:
            groups[thresholds.red_flags.level(flag)].append(sign)
    call = f"phone us on {phone}" if phone.strip() else "contact your physiotherapist"
    return SafetyText(
        # The emergency department straight away: not the GP, not tomorrow (GIRFT 2023, in
        # shared/clinical-facts.md "Suspected cauda equina"); the same words as the therapist's.
        urgent_intro=f"{EMERGENCY_NOW[0].upper()}{EMERGENCY_NOW[1:]}, if you notice any of these:",
        urgent=groups[Referral.URGENT],
        prompt_intro=f"Stop and {call} if you notice:",
        prompt=groups[Referral.PROMPT] + groups[Referral.NONE],
        # A possible infection: a doctor the same day (NICE CKS).
        same_day_intro="See a doctor today if you notice:",
        same_day=groups[Referral.SAME_DAY],
    )


# --- sections other issues fill in ---------------------------------------------------------


@dataclass(frozen=True)
class ClientSection:
    """A short piece of client education: a title, a few paragraphs and a list of tips."""

    title: str
    paragraphs: tuple[str, ...]
    points_intro: str = ""
    points: tuple[str, ...] = ()

    def sentences(self) -> list[str]:
        """Every block of text the client reads, for the readability check."""
        return [*self.paragraphs, *([self.points_intro] if self.points_intro else []), *self.points]


@dataclass(frozen=True)
class RunSession:
    """The runs of one programme week that share a dose, in the client's words."""

    week: int
    days: tuple[Weekday, ...]
    what: str  # e.g. "Walk 4 minutes, then jog 2 minutes. Do this 5 times."


@dataclass(frozen=True)
class RunningPlan:
    """A running plan to print with the programme (the programme design issue produces it).

    ``notes`` are the plan's own sentences for the client (a goal race, a surface to choose);
    the general advice on warm-up, rest days, load and shoes is :func:`running_advice`.
    """

    sessions: tuple[RunSession, ...]
    notes: tuple[str, ...] = ()
    # True when the runs are items of the programme (the programme design's running plan):
    # the week tables show them with the other items, and the plan adds its table and advice.
    in_items: bool = False

    def in_week(self, week: int) -> tuple[RunSession, ...]:
        return tuple(s for s in self.sessions if s.week == week)

    @property
    def weeks(self) -> list[int]:
        return sorted({s.week for s in self.sessions})


def running_advice(
    distance_unit: DistanceUnit = "km", policy: ClinicPolicy | None = None
) -> list[str]:
    """Warm-up, rest days, load and shoes: what every runner on a plan should know.

    The numbers are the clinic's (the weekly running cap, the shoe replacement range of the
    seed articles, 640-800 km) and planner.programme.facts' (pain below 3/10 while running and
    settled by the next day).
    """
    t = (policy or ClinicPolicy.published()).thresholds.running
    low = shoe_distance(t.shoe_replace_from_km, distance_unit).split()[0]
    high = shoe_distance(t.shoe_replace_max_km, distance_unit)
    return [
        "Do your warm-up before every run.",
        "Keep your rest days: do not run on the days your plan leaves free.",
        f"Your plan adds no more than {number(t.plan_weekly_rise_max_percent)}% a week. "
        "Do not add extra runs or distance of your own.",
        f"Keep pain at {score_text(facts.RUN_PAIN_MAX)} or less while you run. It should be "
        "settled by the next morning. If not, stay at the same step and tell us.",
        f"Change your running shoes after about {low} to {high}.",
    ]


def pain_and_movement() -> ClientSection:
    """Education for a client at high risk on STarT Back: pain is an alarm, not damage, and
    moving (graded, a little more each week) helps. Psychologically informed physiotherapy
    addresses fear of movement and unhelpful beliefs alongside exercise (Hill 2011, in
    shared/clinical-facts.md "STarT Back stratified care"); the words are ours."""
    fine = pain_bands()[0]
    return ClientSection(
        title="Pain and movement",
        paragraphs=(
            "Back pain is very common. It can hurt a lot, but it rarely means that something "
            "in your back is damaged.",
            "Pain works like an alarm. When pain goes on for a while, the alarm can get too "
            "sensitive. It can go off even when your back is safe.",
            "Moving is one of the best ways to help your back get better. Too much rest makes "
            "the back stiff and weak, and that can make pain worse.",
            "Some pain when you start to move more is normal. It does not mean you are doing "
            f"harm. Pain of {fine.low} to {fine.high} while you exercise is fine.",
            "Worry, stress, low mood and poor sleep can all turn pain up. Your physio can help "
            "with these too.",
        ),
        points_intro="What helps:",
        points=(
            "Keep doing the things you enjoy, even if you do a little less for now.",
            "Pick one thing you have been putting off because of pain. Try a small part of it, "
            "and do a bit more each time.",
            "Build up slowly, a little more each week, even on bad days.",
            "Tell your physio what worries you about your back. There are no silly questions.",
        ),
    )


@dataclass(frozen=True)
class CarePathway:
    """Where the client sits in stratified care, and what the handout adds for it."""

    risk: StartBackRisk
    section: ClientSection | None = None


def looking_after_your_back() -> ClientSection:
    """Self-management for a client at low risk on STarT Back (Hill 2011: advice, reassurance
    and self-management); the sentences are planner.programme.care's."""
    advice = self_management_advice()
    return ClientSection(
        title="Looking after your back",
        paragraphs=(advice[0],),
        points_intro="What helps:",
        points=tuple(advice[1:]),
    )


def care_pathway(risk: StartBackRisk | str) -> CarePathway:
    """The handout's part of the care pathway: a high-risk client gets the "pain and movement"
    section, a low-risk client self-management advice; medium risk needs nothing beyond the
    programme (the one STarT Back pathway rule, planner.assessment.pathway.PLANS)."""
    risk = StartBackRisk(risk)
    plan = PLANS[pathway_for(risk)]
    section = None
    if plan.pain_education:
        section = pain_and_movement()
    elif plan.self_management:
        section = looking_after_your_back()
    return CarePathway(risk, section)
