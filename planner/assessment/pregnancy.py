"""Pregnancy dates: how far along a pregnancy is on a given day, from the due date.

A due date lets every week of a programme be judged by the trimester it falls in, so work lying
on the back drops out when the second trimester starts without waiting for a re-assessment
(shared/clinical-facts.md, "Pregnancy: no supine exercise after the first trimester").
"""

from __future__ import annotations

import datetime as dt

# Naegele's rule: the due date is 280 days (40 weeks) after the first day of the last period,
# and gestational age is counted from that day.
PREGNANCY_DAYS = 280
# Trimesters by completed weeks of gestation: the second from 13 weeks, the third from 28
# (ACOG and NHS week ranges; sources differ by up to a week on the first boundary) [U].
SECOND_TRIMESTER_FROM_WEEK = 13
THIRD_TRIMESTER_FROM_WEEK = 28
# A due date that fits a pregnancy on the day it is recorded: gestation started (not more than
# 40 weeks ahead) and not more than 2 weeks past the date (42 weeks, post-term).
LATEST_WEEK = 42


def gestational_days(due: dt.date, day: dt.date) -> int:
    return PREGNANCY_DAYS - (due - day).days


def weeks_pregnant(due: dt.date, day: dt.date) -> int:
    """Completed weeks of pregnancy on ``day`` (13 weeks and 6 days is 13)."""
    return gestational_days(due, day) // 7


def fits_pregnancy(due: dt.date, day: dt.date) -> bool:
    return 0 <= gestational_days(due, day) <= LATEST_WEEK * 7


def trimester_on(due: dt.date, day: dt.date) -> int:
    """1, 2 or 3 on ``day``. Past the due date the third trimester holds until a
    re-assessment says otherwise, so the stricter rules stay on."""
    weeks = weeks_pregnant(due, day)
    if weeks >= THIRD_TRIMESTER_FROM_WEEK:
        return 3
    if weeks >= SECOND_TRIMESTER_FROM_WEEK:
        return 2
    return 1
