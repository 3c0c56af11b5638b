"""Reference numbers behind default dosage, progression and pain monitoring.

Each value lives here once, with its source beside it (shared/clinical-facts.md). Values marked
[U] are clinic defaults where the evidence gives a range or nothing firm; the clinic may change
them. Nothing else in planner.programme writes these numbers down.
"""

from __future__ import annotations

from planner.assessment.thresholds.running import RunningThresholds

# --- Resistance training (ACSM 2009 position stand) ---------------------------------------
# Raise the load by 2-10% once 1-2 reps beyond the target are possible; we default to the
# middle of that range.
LOAD_STEP_PERCENT = 5.0
# Load guidance when no weight is named: "a weight you could lift 2-3 more times" (the
# programme design issue's effort guide, in line with novice 8-12 RM work) [U].
EFFORT_RESERVE_REPS = (2, 3)
# 2-for-2 rule: 2 extra reps in the last set on 2 consecutive sessions -> increase the load.
TWO_FOR_TWO_EXTRA_REPS = 2
TWO_FOR_TWO_SESSIONS = 2
# Novice: 1-3 sets of 8-12 RM.
STRENGTH_SETS_MAX = 3
STRENGTH_REPS_MAX = 12
# Endurance work: 2-4 sets of 10-25 reps [U]; we stop adding reps at 15 and let the exercise's
# ladder take over, so motor-control work gets harder by position rather than by volume.
ENDURANCE_REPS_MAX = 15
# How many reps a reps rule adds, and how often [U]: small steps every second week.
REPS_STEP = 2
REPS_EVERY_WEEKS = 2
SETS_EVERY_WEEKS = 2

# Weeks at the top of an exercise's reps and sets before it moves on to the next exercise on
# its ladder [U]: one week to settle at the top, so no dose stalls for more than two weeks.
LADDER_SETTLE_WEEKS = 2

# --- Isometric holds ------------------------------------------------------------------------
# Holds grow by 5 s a week to a cap (clinic default from the programme issue [U]).
HOLD_STEP_S = 5
HOLD_MAX_S = 30  # [U] general cap for endurance holds
# McGill big three: 10 s holds done daily in a descending pyramid of sets (e.g. 6-4-2) [U].
# The hold stays at 10 s; endurance is built with more holds, not longer ones. An exercise is
# one of the three by its 'mcgill_big_three' tag, so a clinic's copy is too.
BIG_THREE_HOLD_S = 10
# The pyramid grows by adding 2 holds to each set (5-3-1 -> 7-5-3) [U]. A dose gives one rep
# count for every set, so each set gains 2 holds, every REPS_EVERY_WEEKS weeks from week
# BIG_THREE_FROM_WEEK (a week to learn the bracing first), up to 10 holds a set [U] (clinic
# default; the pyramid's 3 sets, BIG_THREE_SETS, are added first if a dose has fewer).
BIG_THREE_REPS_STEP = 2
BIG_THREE_REPS_MAX = 10
BIG_THREE_SETS = 3
BIG_THREE_FROM_WEEK = 3

# --- Stretching (ACSM) ----------------------------------------------------------------------
# Hold 10-30 s, 2-4 reps, about 60 s per muscle in total.
STRETCH_HOLD_MIN_S = 10
STRETCH_HOLD_MAX_S = 30
STRETCH_TOTAL_S = 60
# Older adults hold each stretch 30-60 s instead; ACSM counts adults of 65 and over as older
# adults. A stretch for them starts at 30 s at least (60 s at most), and still adds up to about
# 60 s per muscle.
OLDER_ADULT_AGE = 65
STRETCH_HOLD_OLDER_MIN_S = 30
STRETCH_HOLD_OLDER_MAX_S = 60

# --- Pain monitoring (Silbernagel 2007) -----------------------------------------------------
# Pain during exercise 0-3/10 is safe, 4-5 acceptable, above 5 too much; pain or stiffness
# worse the next morning means the load comes down.
PAIN_SAFE_MAX = 3
PAIN_ACCEPTABLE_MAX = 5

# --- Return to running ----------------------------------------------------------------------
# Walk/jog interval ladder, progressed only if pain stays below 3/10 and settles by the next
# day, with a rest day between runs. The library carries it as progression links between
# exercises tagged 'walk_jog', ending at one tagged 'continuous_run'; the tests hold the
# links to this order.
RUN_LADDER = (
    "walk_jog_4_2",
    "walk_jog_3_3",
    "walk_jog_2_4",
    "jog_14_walk_2",
    "continuous_jog_30",
)
# Running steps wait for pain *below* 3/10, so at most 2/10, during the run (and settled by
# the next morning); other exercise keeps Silbernagel's 0-3/10 "safe" band (PAIN_SAFE_MAX).
RUN_PAIN_MAX = 2
# The ladder ends at a 30-minute continuous jog ("-> 30 min jog" in the return-to-run
# guidance); the default plan stops there and the therapist plans any running beyond it.
RUN_LADDER_END_MIN = 30
# Weekly running volume: the clinic's cap on one week's rise is a threshold
# (planner.assessment.thresholds.running, plan_weekly_rise_max_percent: the "10% rule"); this
# is its published default, the rise a default running rule asks for. The schedule keeps every
# rise within the clinic's own value (ClinicPolicy).
RUN_WEEKLY_RISE_MAX_PERCENT: float = RunningThresholds.model_fields[
    "plan_weekly_rise_max_percent"
].default
# How long each step of the ladder lasts before the next is due [U].
RUN_STAGE_WEEKS = 1

# --- Time-based endurance work (cycling, swimming, walking, stairs, easy running) ------------
# Time grows within the weekly limit up to a top, never for ever. The top is the exercise's
# starting time doubled [U] (a clinic habit, no published figure) and no more than 60 minutes
# of it in a session: ACSM (Garber 2011) gives 30-60 min a day of moderate or 20-60 min of
# vigorous aerobic exercise, and a home programme stops at the top of that range [U].
DURATION_GROWTH_MAX_FACTOR = 2
CARDIO_SESSION_MAX_MIN = 60
