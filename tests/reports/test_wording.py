"""The few words only paper needs (days, dates, the tempo), and the warning signs and pain
rule planner words for it."""

from __future__ import annotations

from exercise_library.vocabulary import RedFlag
from planner.assessment.thresholds import DEFAULT, Referral
from planner.assessment.thresholds.red_flags import PUBLISHED_LEVELS
from planner.documents import RED_FLAG_SIGNS, safety_text
from planner.programme import facts
from planner.programme.model import Weekday
from planner.programme.text import pain_bands, pain_rule
from reports.wording import date_range, days_text, dose_sentence, tempo_text

W = Weekday


def test_every_red_flag_is_either_a_warning_sign_or_known_history() -> None:
    # A flag added to the vocabulary must be worded for clients (or marked as history) here.
    assert set(RED_FLAG_SIGNS) == set(RedFlag)
    for flag, level in PUBLISHED_LEVELS.items():
        if level is Referral.URGENT:
            assert RED_FLAG_SIGNS[flag], f"urgent flag {flag} has no sign for the client"


def test_signs_are_grouped_by_what_to_do() -> None:
    words = safety_text("555 0100", DEFAULT)
    urgent = {f for f, lvl in PUBLISHED_LEVELS.items() if lvl is Referral.URGENT}
    assert words.urgent == [RED_FLAG_SIGNS[f] for f in RedFlag if f in urgent]
    assert "phone us on 555 0100" in words.prompt_intro
    assert "contact your physiotherapist" in safety_text("  ", DEFAULT).prompt_intro


def test_urgent_signs_send_the_client_to_the_emergency_department_now() -> None:
    """GIRFT 2023: straight to the emergency department, not the GP, not tomorrow; loss of
    sexual function is one of the cauda equina signs (clinical-facts.md, Added)."""
    words = safety_text("555 0100", DEFAULT)
    assert words.urgent_intro.startswith("Go to the emergency department now, do not wait")
    assert "today" not in words.urgent_intro
    assert "sex" in RED_FLAG_SIGNS[RedFlag.CAUDA_EQUINA_SIGNS]


def test_a_possible_infection_means_a_doctor_the_same_day() -> None:
    words = safety_text("555 0100", DEFAULT)
    fever = RED_FLAG_SIGNS[RedFlag.FEVER_OR_SYSTEMIC_ILLNESS]
    assert words.same_day == [fever]
    assert "today" in words.same_day_intro
    assert fever not in words.prompt and fever not in words.urgent


def test_days_read_the_way_a_client_says_them() -> None:
    assert days_text([W.FRI, W.MON, W.WED]) == "3 days a week: Mon Wed Fri"
    assert days_text(list(Weekday)) == "every day"
    assert days_text([W.SAT]) == "1 day a week: Sat"
    assert (
        dose_sentence("3 sets of 10 on each side, hold 5 seconds", [W.MON, W.WED, W.FRI])
        == "3 sets of 10 on each side, hold 5 seconds, 3 days a week: Mon Wed Fri"
    )
    assert (
        dose_sentence("Left: 3 sets of 12. Right: 2 sets of 12.", [W.TUE, W.THU])
        == "Left: 3 sets of 12. Right: 2 sets of 12. 2 days a week: Tue Thu."
    )


def test_the_pain_rule_uses_planners_limits() -> None:
    fine, settles, stop = pain_bands()
    assert (fine.low, fine.high) == (0, facts.PAIN_SAFE_MAX)
    assert (settles.low, settles.high) == (facts.PAIN_SAFE_MAX + 1, facts.PAIN_ACCEPTABLE_MAX)
    assert (stop.low, stop.high) == (facts.PAIN_ACCEPTABLE_MAX + 1, 10)
    rule = " ".join(pain_rule())
    assert f"Pain above {facts.PAIN_ACCEPTABLE_MAX}/10 is too much" in rule
    assert "worse the next morning" in rule
    assert "running" not in rule
    assert f"keep pain at {facts.RUN_PAIN_MAX}/10 or less while you run" in " ".join(
        pain_rule(running=True)
    )


def test_date_ranges_name_the_month_once_when_they_can() -> None:
    import datetime as dt

    assert date_range(dt.date(2026, 1, 5), dt.date(2026, 1, 11)) == "Monday 5 to Sunday 11 January"
    assert date_range(dt.date(2026, 1, 26), dt.date(2026, 2, 1)) == (
        "Monday 26 January to Sunday 1 February"
    )


def test_a_tempo_is_explained_in_seconds() -> None:
    assert tempo_text("3-1-1") == (
        "Tempo 3-1-1 means: take 3 seconds on the way down, pause for 1 second and take "
        "1 second on the way up."
    )
    assert "do not pause at the bottom" in tempo_text("2-0-1-2")
    assert "pause for 2 seconds at the top" in tempo_text("2-0-1-2")
