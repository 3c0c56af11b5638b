"""Every sentence planner writes for a client reads at about a 12-year-old's level.

The client reads the handout at home with nobody to ask. The library holds its steps to a
Flesch-Kincaid grade of 6 on average and 8 at most (exercise_library/readability.py, with the
pinned textstat); the words planner adds must do the same: the progression and hold texts of
every built-in template week by week (with logs that hold, step back and skip), each change
text for every part of a dose with representative values, the pain rule, the warning signs,
the condition stop signs, the cards' "take care" cues, the running advice and the
pain-and-movement education.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from pathlib import Path

import pytest
import textstat

from exercise_library.catalogue import builtin_catalogue
from exercise_library.readability import MAX_GRADE, TARGET_MEAN_GRADE
from exercise_library.vocabulary import Condition
from planner.assessment.io import load_assessment
from planner.assessment.thresholds import DEFAULT
from planner.documents import RED_FLAG_SIGNS, pain_and_movement, running_advice, safety_text
from planner.exercise_safety import stop_signs_for
from planner.operations.programmes import plan_from_assessment
from planner.policy import ClinicPolicy
from planner.programme import care as pathway
from planner.programme import facts, run_text, step_text, text
from planner.programme.model import (
    Dosage,
    Load,
    ProgressField,
    RuleCondition,
    SessionLog,
    SessionStatus,
    SideDosage,
    Weekday,
)
from planner.programme.schedule import materialise
from planner.programme.templates import BUILTIN_ORDER, apply_template, load_template
from planner.safety import ClientContext
from planner.safety.listing import card_cautions

CAT = builtin_catalogue()
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "assessments"
START = dt.date(2026, 1, 5)
DAY = dt.date(2026, 1, 12)
# Words from the planner's own vocabulary that a client should never have to decode.
PLANNER_TERMS = re.compile(
    r"planned top|saved up|\bcap\b|\bladder\b|progression|2-for-2|\bRPE\b|\bRIR\b|in reserve"
    r"|\blogged\b|\bpercent rule\b",
    re.IGNORECASE,
)


def _logs_that_hold_and_step_back(programme) -> list[SessionLog]:  # type: ignore[no-untyped-def]
    """For each item in turn: pain too high, worse next morning, skipped, unscored, and
    sessions short of the 2-for-2 target, spread over the weeks."""
    logs = []
    kinds = [
        {"pain_during": 7},
        {"pain_during": 2, "pain_next_morning": 5},
        {"status": SessionStatus.SKIPPED},
        {"pain_next_morning": 7},
        {"pain_during": 4},
        {"reps": [8, 8, 8]},
        {},
    ]
    for n, item in enumerate(programme.items):
        for week in range(1, programme.total_weeks):
            values = dict(kinds[(n + week) % len(kinds)])
            status = values.pop("status", SessionStatus.DONE)
            day = programme.start + dt.timedelta(days=7 * (week - 1) + item.days[0].index)
            if programme.item_weeks(item).start <= week:
                logs.append(SessionLog(date=day, item=item.key, status=status, **values))
    return logs


def template_texts() -> list[str]:
    """What the built-in templates print: goals, stages, and every week's changes and holds,
    planned (no logs yet) and as the logs turn out."""
    out = []
    for code in BUILTIN_ORDER:
        template = load_template(code)
        programme = apply_template(template, START, client="Ana")
        out += list(template.goals)
        for phase in template.phases:
            out += [p for p in (phase.focus, phase.entry_criteria) if p]
        for logs in ([], _logs_that_hold_and_step_back(programme)):
            schedule = materialise(programme, CAT, logs)
            for iw in schedule.item_weeks:
                out += [*iw.changes, *iw.held]
    return out


def _doses() -> dict[ProgressField, tuple[Dosage, Dosage]]:
    """Representative before and after doses for every part of a dose."""
    return {
        ProgressField.SETS: (Dosage(sets=2, reps=10), Dosage(sets=3, reps=10)),
        ProgressField.REPS: (Dosage(sets=3, reps=10), Dosage(sets=3, reps=12)),
        ProgressField.HOLD: (Dosage(sets=3, hold_s=20), Dosage(sets=3, hold_s=25)),
        ProgressField.DURATION: (Dosage(duration_min=20), Dosage(duration_min=22)),
        ProgressField.DISTANCE: (Dosage(distance_km=5), Dosage(distance_km=5.5)),
        ProgressField.LOAD: (
            Dosage(sets=3, reps=8, load=Load(unit="kg", amount=40)),
            Dosage(sets=3, reps=8, load=Load(unit="kg", amount=42)),
        ),
    }


def progression_texts() -> list[str]:
    """Every change, hold and step-back text, for each part of a dose and each condition."""
    out = []
    for field, (before, after) in _doses().items():
        out += [
            text.change_text(field, before, after),
            text.change_text(field, after, before),
            text.change_text(field, before, after, distance_unit="mi"),
            text.cap_text(field),
        ]
        if field is not ProgressField.LOAD:  # a load rise is never saved up: one plate at least
            for limit in (False, True):
                out.append(text.saved_rise_text(field, before, 10, running_limit=limit))
    sides = Dosage(sets=3, reps=10, per_side=True, left=SideDosage(reps=8))
    wider = Dosage(sets=3, reps=12, per_side=True, left=SideDosage(reps=10))
    out.append(text.change_text(ProgressField.REPS, sides, wider))
    out.append(text.saved_rise_text(ProgressField.REPS, sides, 10))
    for unit, amounts in (("band", ("red", "green")), ("rpe", (6, 7)), ("rir", (3, 2))):
        key = "band" if unit == "band" else "amount"
        b, a = (Dosage(sets=3, reps=8, load=Load(unit=unit, **{key: v})) for v in amounts)
        out.append(text.change_text(ProgressField.LOAD, b, a))
    out += [
        text.advance_text("Bridge", "Bridge with march"),
        text.ladder_top_reason("Side plank"),
        text.step_back_text(2),
        step_text.limit_text(10, running=True),
        step_text.limit_text(20, running=False),
        text.skipped_reason(),
        text.no_pain_scores_reason(),
        text.two_for_two_not_met_reason(),
        text.pain_too_high_reason(DAY, 7),
        text.pain_not_settled_reason(DAY, 4),
        text.pain_not_settled_reason(DAY, 3, running=True),
    ]
    for stepped in (True, False):
        out.append(text.worse_next_morning_reason(DAY, 3, 5, stepped_back=stepped))
        out.append(text.high_next_morning_reason(DAY, 7, stepped_back=stepped))
    for condition in RuleCondition:
        out.append(text.condition_hint(condition))
        for running in (False, True):
            out.append(text.condition_text(condition, running=running))
    return out


def programme_design_texts() -> list[str]:
    """What the programme design adds for the client: load guides, the one-step texts, why a
    dose stays, the running plan's notes, self-management advice and graded exposure, and every
    change and hold of the two review cases' plans week by week."""
    out = [
        step_text.heavier_hint(band=True),
        step_text.heavier_hint(band=False),
        step_text.heavier_now(band=True),
        step_text.heavier_now(band=False),
        step_text.no_rules_reason(),
        step_text.top_reason("Side plank"),
        step_text.too_big_reason(20, running=False),
        step_text.too_big_reason(10, running=True),
        step_text.next_step_reason(5),
        step_text.run_top_reason(),
        run_text.ladder_note(),
        run_text.warm_up_note(),
        run_text.run_days_note([Weekday.TUE, Weekday.SAT], [Weekday.MON, Weekday.WED]),
        *pathway.self_management_advice(),
        pathway.exposure_note("bending"),
    ]
    for band in (False, True):
        for holds in (False, True):
            out.append("Work " + step_text.effort_guide(band=band, holds=holds) + ".")
        out.append("Work " + step_text.effort_guide(band=band, holds=False, rounds=True) + ".")
    policy = ClinicPolicy.published()
    for shoes in (870, 600):
        for unit in ("km", "mi"):
            out.append(run_text.shoe_note(shoes, 60, policy, unit, 8))
    for case in (
        "review_a_recreational_left_glute_med",
        "review_b_marathoner_hamstrings_load_spike",
    ):
        a = load_assessment(FIXTURES / f"{case}.json")
        programme = plan_from_assessment(a, policy, CAT, start=START, weeks=8)
        out += [item.notes for item in programme.items if item.notes]
        for logs in ([], _logs_that_hold_and_step_back(programme)):
            for iw in materialise(programme, CAT, logs, policy=policy).item_weeks:
                out += [iw.text, *iw.changes, *iw.held]
    return [t for t in out if t]


def safety_and_education_texts() -> list[str]:
    """The front page's pain rule and warning signs, the stop signs of each condition, the
    running advice and the pain-and-movement section."""
    out = [*text.pain_rule(running=True), *(band.label for band in text.pain_bands())]
    words = safety_text("023 9200 0000", DEFAULT)
    out += [words.urgent_intro, words.prompt_intro, *words.urgent, *words.prompt]
    out += [words.same_day_intro, *words.same_day]
    out += [sign for sign in RED_FLAG_SIGNS.values() if sign]
    for group in stop_signs_for(list(Condition)):
        out += [group.intro, *group.signs]
    out += running_advice("km") + running_advice("mi")
    section = pain_and_movement()
    out += [section.title, *section.sentences()]
    return out


def card_caution_texts() -> list[str]:
    """The "take care" cue on each card, for every library exercise and every condition (with
    each pregnancy trimester), in the condition matrix's words."""
    policy = ClinicPolicy.published()
    out: set[str] = set()
    contexts = [ClientContext(conditions=frozenset({c})) for c in Condition]
    contexts += [
        ClientContext(conditions=frozenset({Condition.PREGNANCY}), pregnancy_trimester=t)
        for t in (1, 2, 3)
    ]
    for exercise in CAT:
        for context in contexts:
            out.update(card_cautions(exercise, context, policy))
    return sorted(out)


def client_texts() -> list[str]:
    return [
        *template_texts(),
        *progression_texts(),
        *programme_design_texts(),
        *safety_and_education_texts(),
        *card_caution_texts(),
    ]


def grade(block: str) -> float:
    return float(textstat.flesch_kincaid_grade(block))


def test_every_client_sentence_planner_writes_reads_at_grade_six() -> None:
    blocks = sorted(set(client_texts()))
    assert len(blocks) > 300, "the walk must reach every kind of text"
    grades = {block: grade(block) for block in blocks}
    too_hard = {block: g for block, g in grades.items() if g > MAX_GRADE}
    assert not too_hard, too_hard
    mean = statistics.mean(grades.values())
    assert mean <= TARGET_MEAN_GRADE, mean


@pytest.mark.parametrize(
    "texts",
    [template_texts, progression_texts, programme_design_texts, safety_and_education_texts],
    ids=lambda f: f.__name__,
)
def test_no_planner_terms_reach_the_client(texts) -> None:  # type: ignore[no-untyped-def]
    found = {t for t in texts() if PLANNER_TERMS.search(t)}
    assert not found, found


def test_the_pain_rule_reads_the_same_everywhere() -> None:
    # One way of writing a score, and each limit is the one the front page's scale shows.
    texts = client_texts()
    assert not [t for t in texts if "out of 10" in t]
    fine, settles, _ = text.pain_bands()
    limits = {
        "or less while you exercise": fine.high,
        "or less while you run": facts.RUN_PAIN_MAX,
        "is too much": settles.high,
    }
    seen = set()
    for t in texts:
        for phrase, limit in limits.items():
            for score in re.findall(rf"(\d+)/10 {phrase}", t) + re.findall(
                rf"[Aa]bove (\d+)/10 {phrase}", t
            ):
                assert int(score) == limit, (t, phrase)
                seen.add(phrase)
    assert seen == set(limits), seen
    # The gate to the next step names the top of the "fine" band, which the scale labels.
    assert fine.label == "Fine" and f"Pain of 0 to {fine.high} is fine." in " ".join(
        text.pain_rule()
    )
