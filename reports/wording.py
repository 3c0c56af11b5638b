"""Words that only printed documents need, written for a client reading at home alone.

Doses, changes and held steps are worded by :mod:`planner.programme.text`; this module adds what
a sheet of paper needs on top: which days, the warning signs in everyday words, and the pain
rule. Every number in the pain rule and every referral level is read from planner, never written
here, so the paper says what the app decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from exercise_library.vocabulary import RedFlag
from planner.assessment.thresholds import ClinicalThresholds, Referral
from planner.programme import facts
from planner.programme.model import Weekday

# What a client would notice for each red flag, in everyday words. None marks a flag that is
# part of the client's history (known at the assessment), not something that appears at home.
RED_FLAG_SIGNS: Final[dict[RedFlag, str | None]] = {
    RedFlag.CAUDA_EQUINA_SIGNS: (
        "Numbness between your legs or around your bottom, or new trouble holding or passing "
        "urine or controlling your bowels."
    ),
    RedFlag.PROGRESSIVE_NEURO_DEFICIT: (
        "Your legs or arms getting weaker, or your feet catching or tripping when you walk."
    ),
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
}

_SHORT_DAY = {day: day.label[:3] for day in Weekday}


def days_text(days: Iterable[Weekday]) -> str:
    """'3 days a week: Mon Wed Fri', 'every day', '1 day a week: Sat'."""
    ordered = sorted(set(days), key=lambda d: d.index)
    if len(ordered) == len(Weekday):
        return "every day"
    names = " ".join(_SHORT_DAY[d] for d in ordered)
    count = len(ordered)
    return f"{count} {'day' if count == 1 else 'days'} a week: {names}"


def dose_sentence(dose: str, days: Iterable[Weekday]) -> str:
    """The dose with its days: '3 sets of 10 on each side, hold 5 seconds, 3 days a week: ...'.

    A dose that already ends in a full stop (left and right differ) gets the days as a
    sentence of its own.
    """
    when = days_text(days)
    if dose.endswith("."):
        return f"{dose} {when[0].upper()}{when[1:]}."
    return f"{dose}, {when}"


def short_day(day: Weekday) -> str:
    return _SHORT_DAY[day]


def _range(low: int, high: int) -> str:
    if low == high:
        return str(low)
    return f"{low} or {high}" if high == low + 1 else f"{low} to {high}"


@dataclass(frozen=True)
class PainBand:
    low: int
    high: int
    label: str


def pain_bands() -> tuple[PainBand, PainBand, PainBand]:
    """The 0-10 scale in three bands, from planner's pain-monitoring numbers."""
    safe, ok = facts.PAIN_SAFE_MAX, facts.PAIN_ACCEPTABLE_MAX
    return (
        PainBand(0, safe, "Fine"),
        PainBand(safe + 1, ok, "All right if it settles"),
        PainBand(ok + 1, 10, "Too much: stop"),
    )


def pain_rule() -> list[str]:
    """The pain-monitoring rule as short sentences, numbers from planner.programme.facts."""
    fine, settles, _ = pain_bands()
    return [
        "Score your pain from 0 (none) to 10 (the worst you can imagine) while you exercise. "
        f"Pain of {_range(fine.low, fine.high)} is fine; {_range(settles.low, settles.high)} "
        "is all right if it settles soon after you stop.",
        f"Pain above {settles.high} out of 10 is too much: stop that exercise for today.",
        "If pain or stiffness is worse the next morning, go back to the previous week's dose "
        "and tell us.",
    ]


def _seconds(n: int) -> str:
    return f"{n} second" if n == 1 else f"{n} seconds"


def tempo_text(tempo: str) -> str:
    """What '3-1-1' asks for: seconds lowering, pausing, lifting (and pausing at the top)."""
    parts = [int(p) for p in tempo.split("-")]
    words = [f"take {_seconds(parts[0])} on the way down"]
    words.append(f"pause for {_seconds(parts[1])}" if parts[1] else "do not pause at the bottom")
    words.append(f"take {_seconds(parts[2])} on the way up")
    if len(parts) > 3 and parts[3]:
        words.append(f"pause for {_seconds(parts[3])} at the top")
    return f"Tempo {tempo} means: {join_names(words)}."


@dataclass(frozen=True)
class SafetyText:
    urgent_intro: str
    urgent: list[str]
    prompt_intro: str
    prompt: list[str]


def safety_text(phone: str, thresholds: ClinicalThresholds) -> SafetyText:
    """Warning signs grouped by what to do, at the level the clinic's thresholds give each."""
    urgent, prompt = [], []
    for flag in RedFlag:
        sign = RED_FLAG_SIGNS.get(flag)
        if sign is None:
            continue
        level = thresholds.red_flags.level(flag)
        (urgent if level is Referral.URGENT else prompt).append(sign)
    call = f"phone us on {phone}" if phone.strip() else "contact your physiotherapist"
    # the prompt list is the longer one; its heading stays short
    return SafetyText(
        urgent_intro="Get medical help today (emergency department) if you notice:",
        urgent=urgent,
        prompt_intro=f"Stop and {call} if you notice:",
        prompt=prompt,
    )


def join_names(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
