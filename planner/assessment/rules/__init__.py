"""The imbalance rules by assessment area; :mod:`planner.assessment.imbalances` tables them."""
