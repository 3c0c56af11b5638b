"""Training-load limits read from the running profile, and the limit a running plan keeps.

Values from shared/clinical-facts.md, "Dosage and progression" and "Added: running load". Each
limit compares like with like: a week with the week before, a week with the week 4 weeks
earlier, one run with the longest of the 30 days before it.
"""

from __future__ import annotations

from typing import Self

from pydantic import model_validator

from planner.assessment.thresholds._base import ThresholdGroup, sourced

SHOES = "seed articles: replace running shoes at 640-800 km (400-500 miles)"


class RunningThresholds(ThresholdGroup):
    # A rise of more than 30% from one week to the next raised injury risk in novice runners.
    weekly_increase_max_percent: float = sourced(
        30, "Nielsen 2014", "Largest safe rise from one week to the next (%)", gt=0
    )
    # The 4-week trend needs its own limit [U]: the 10% a week "rule" (weak evidence, a
    # sensible default cap) compounded over 4 weeks is 1.1^4 = 1.46, a 46% rise.
    four_week_increase_max_percent: float = sourced(
        46, "[U] a 10% weekly cap over 4 weeks", "Largest safe rise over 4 weeks (%)", gt=0
    )
    # One run more than 10% longer than the longest in the previous 30 days raised injury risk
    # (HR 1.64; 5,200 runners).
    longest_run_increase_max_percent: float = sourced(
        10, "Frandsen 2025", "Longest run: largest rise over the previous 30 days (%)", ge=0
    )
    # Shoes are due for replacement at about 640-800 km: from the start of the range a
    # finding says they are due, past its end that they are worn out.
    shoe_replace_from_km: float = sourced(640, SHOES, "Shoes due for replacement from (km)", gt=0)
    shoe_replace_max_km: float = sourced(800, SHOES, "Shoes worn out past (km)", gt=0)
    # Return-to-run guidance keeps a rest day between runs; none in a week is a load error.
    rest_days_min: int = sourced(
        1, "return-to-run guidance", "Fewest rest days per week", ge=0, le=7
    )
    # A running plan (planner/programme/running.py) raises total weekly running time or
    # distance by no more than this: the "10% rule", weak evidence but a sensible default cap
    # (clinical-facts.md, "Weekly running volume").
    plan_weekly_rise_max_percent: float = sourced(
        10,
        "10% rule (weak evidence, sensible default)",
        "Running plan: largest weekly rise (%)",
        gt=0,
        le=50,
    )

    @model_validator(mode="after")
    def _shoe_range(self) -> Self:
        if self.shoe_replace_from_km > self.shoe_replace_max_km:
            raise ValueError(
                f"shoe_replace_from_km ({self.shoe_replace_from_km:g}) is more than "
                f"shoe_replace_max_km ({self.shoe_replace_max_km:g})"
            )
        return self
