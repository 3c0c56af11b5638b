"""Training-load limits read from the running profile.

Values from shared/clinical-facts.md, "Dosage and progression".
"""

from __future__ import annotations

from planner.assessment.thresholds._base import ThresholdGroup, sourced


class RunningThresholds(ThresholdGroup):
    # A weekly increase over 30% raised injury risk in novice runners.
    weekly_increase_max_percent: float = sourced(
        30, "Nielsen 2014", "Largest safe weekly distance increase (%)", gt=0
    )
    # Shoes are due for replacement at about 480-800 km [U]; past the top of the range is a
    # finding.
    shoe_replace_max_km: float = sourced(
        800, "shoe replacement range 480-800 km", "Shoe distance limit (km)", gt=0
    )
    # Return-to-run guidance keeps a rest day between runs; none in a week is a load error.
    rest_days_min: int = sourced(
        1, "return-to-run guidance", "Fewest rest days per week", ge=0, le=7
    )
