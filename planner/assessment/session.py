"""The session a recommendation builds: which exercise goes in, in what order, and why.

:func:`planner.assessment.recommend.recommend` works out what is safe and what the client needs;
the :class:`Builder` here fills one session with it: a warm-up, an exercise in the client's
preferred direction and a nerve slider when they apply, then one exercise aimed at each main
finding in rank order (:mod:`planner.assessment.targeting`), graded exposure on the high-risk
pathway, and more work for the same findings up to the usual size unless the pathway keeps the
programme short. Every pick carries its reason for the therapist.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from exercise_library.catalogue import Catalogue
from exercise_library.schema import Exercise
from exercise_library.vocabulary import Equipment, Imbalance, Impact, Modality, RedFlag
from planner.assessment.model import AssessmentFile, Experience
from planner.assessment.pathway import PLANS, CarePathway
from planner.assessment.targeting import (
    RankedFinding,
    against_direction,
    aimed_at,
    in_direction,
    is_nerve_slider,
    looks_alike,
    pattern,
    sided_dose,
    spares_the_nerve,
    suits_side,
)
from planner.assessment.thresholds.programme import ProgrammeSettings
from planner.policy import ClinicPolicy
from planner.programme import care as care_words
from planner.programme.defaults import (
    default_days,
    default_dosage,
    default_rules,
    is_older_adult,
)
from planner.programme.model import Dosage, ProgressionRule, Weekday
from planner.programme.running import RunningPart
from planner.safety import ClientContext, Verdict, exercise_verdict
from planner.safety.verdict import max_difficulty
from planner.text import join_words

# Session order: warm up, then control and strength, then conditioning, stretching last.
SESSION_ORDER: tuple[Modality, ...] = (
    Modality.WARM_UP,
    Modality.PILATES,
    Modality.STRENGTH,
    Modality.YOGA,
    Modality.CROSS_TRAINING,
    Modality.CARDIO,
    Modality.MOBILITY,
)


@dataclass(frozen=True)
class RecommendedExercise:
    code: str
    exercise: Exercise
    imbalances: list[Imbalance]  # the client's findings the exercise works on
    reason: str  # for the therapist
    cautions: list[str]
    minutes: float
    # The findings this exercise is the main treatment for (its main muscle, their side).
    primary_for: list[Imbalance] = field(default_factory=list)
    dosage: Dosage | None = None  # None: the library's dose
    days: list[Weekday] = field(default_factory=list)  # empty: the library's sessions a week
    rules: list[ProgressionRule] | None = None  # None: the default rules
    notes: str = ""  # for the client, printed with the exercise
    # warm_up, exercise, direction, nerve_slider, graded_exposure, run, run_warm_up
    role: str = "exercise"

    @property
    def dose(self) -> Dosage:
        return self.dosage if self.dosage is not None else default_dosage(self.exercise)


# --- filters ------------------------------------------------------------------------------


def _start_difficulty(experience: Experience, policy: ClinicPolicy) -> int:
    """The difficulty a first programme aims for: easy for beginners, a step up for others."""
    wanted = {Experience.BEGINNER: 1, Experience.INTERMEDIATE: 2, Experience.ADVANCED: 3}
    return min(wanted[experience], max_difficulty(experience, policy))


def estimated_minutes(ex: Exercise, s: ProgrammeSettings) -> float:
    """Time for the default dose, set-up included; used only to fit the session length."""
    d = ex.dosage
    if d.duration_min is not None:
        per_set = d.duration_min * 60
    elif d.reps is not None:
        per_set = d.reps * (s.seconds_per_rep + (d.hold_s or 0))
    else:
        per_set = float(d.hold_s or 0)
    sides = 2 if d.per_side else 1
    seconds = d.sets * per_set * sides + (d.sets - 1) * d.rest_s + s.transition_seconds
    return round(seconds / 60, 2)


# --- the client's context -------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    a: AssessmentFile
    client: ClientContext
    ranked: list[RankedFinding]
    policy: ClinicPolicy
    verdicts: dict[str, Verdict]
    catalogue: Catalogue

    @property
    def settings(self) -> ProgrammeSettings:
        return self.policy.thresholds.programme

    def cautions(self, ex: Exercise) -> tuple[str, ...]:
        verdict = self.verdicts.get(ex.code) or exercise_verdict(ex, self.client, self.policy)
        return verdict.cautions

    @property
    def older_adult(self) -> bool:
        """Doses for an older adult hold stretches longer (ACSM)."""
        return is_older_adult(self.a.age)

    @property
    def codes(self) -> set[Imbalance]:
        return {r.code for r in self.ranked}

    def finding(self, code: Imbalance) -> RankedFinding | None:
        return next((r for r in self.ranked if r.code is code), None)

    def covers(self, ex: Exercise) -> tuple[Imbalance, ...]:
        return tuple(i for i in Imbalance if i in ex.imbalances and i in self.codes)

    @property
    def direction(self) -> str | None:
        """The directional preference recorded at the assessment, if any."""
        value = getattr(self.a.tests, "directional_preference", None)
        value = getattr(value, "value", value)
        return value if value in ("extension", "flexion") else None

    def base_key(self, ex: Exercise) -> tuple[int, int, int, int, float, str]:
        """Ties broken towards no cautions, the preferred direction, less impact, the right
        difficulty, shorter, code. Impact comes early because a first programme should not add
        load to tissues that are already sore; impact can be built up in later weeks."""
        start = _start_difficulty(self.a.client.experience, self.policy)
        direction = self.direction
        return (
            1 if self.cautions(ex) else 0,
            1 if direction and against_direction(ex, direction) else 0,
            list(Impact).index(ex.impact),
            abs(ex.difficulty - start),
            estimated_minutes(ex, self.settings),
            ex.code,
        )

    def rank_key(self, ex: Exercise, code: Imbalance) -> tuple[object, ...]:
        ranked = self.finding(code)
        sided = ranked is not None and not suits_side(ex, ranked)
        base = self.base_key(ex)
        return (
            base[0],
            0 if aimed_at(ex, code) else 1,
            -len(self.covers(ex)),
            1 if sided else 0,
            *base[1:],
        )


def kit_sentence(ex: Exercise) -> str:
    kit = [e.label.lower() for e in ex.equipment if e is not Equipment.NONE]
    return f"Uses {join_words(kit)}." if kit else "Needs no equipment."


def sentences(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def _why_ranked(r: RankedFinding, total: int) -> str:
    tests = join_words(list(r.tests))
    evidence = f"{len(r.tests)} tests agree ({tests})" if len(r.tests) > 1 else f"found by {tests}"
    goals = ""
    if r.goals:
        goals = f" and it bears on the client's goals ({'; '.join(r.goals)})"
    if total == 1:
        return f"The only finding: {evidence}{goals}."
    return f"Ranked {_ordinal(r.rank)} of {total} findings: {evidence}{goals}."


def make_item(
    ctx: Context,
    ex: Exercise,
    reason: str,
    *,
    primary_for: tuple[Imbalance, ...] = (),
    dosage: Dosage | None = None,
    notes: str = "",
    role: str = "exercise",
) -> RecommendedExercise:
    return RecommendedExercise(
        code=ex.code,
        exercise=ex,
        imbalances=list(ctx.covers(ex)),
        reason=reason,
        cautions=list(ctx.cautions(ex)),
        minutes=estimated_minutes(ex, ctx.settings),
        primary_for=list(primary_for),
        dosage=dosage or default_dosage(ex, older_adult=ctx.older_adult),
        days=default_days(ex),
        rules=default_rules(ex, ctx.catalogue, older_adult=ctx.older_adult),
        notes=notes,
        role=role,
    )


# --- building the session ---------------------------------------------------------------------


class Builder:
    """Warm-up, then the client's preferred direction and nerve sliders, then one exercise
    aimed at each main finding in rank order, then graded exposure, then (unless the pathway
    keeps it short) more work for the same findings up to the usual size."""

    def __init__(
        self,
        ctx: Context,
        allowed: list[Exercise],
        options: dict[Imbalance, list[RecommendedExercise]],
        budget_s: float,
        care: CarePathway | None,
        running: RunningPart | None,
    ) -> None:
        self.ctx = ctx
        self.allowed = allowed
        self.options = options
        self.budget_s = budget_s
        self.care = care
        self.running = running
        s = ctx.settings
        short = care is not None and PLANS[care].fewer_exercises
        self.most = min(s.low_risk_max_exercises, s.max_exercises) if short else s.max_exercises
        self.least = 0 if short else s.min_exercises
        self.picked: list[RecommendedExercise] = []
        self.used_s = 0.0
        self.modalities: Counter[Modality] = Counter()
        self.notes: list[str] = []
        self.uncovered: dict[Imbalance, str] = {}

    # -- helpers --
    def fits(self, ex: Exercise) -> bool:
        return self.used_s + estimated_minutes(ex, self.ctx.settings) * 60 <= self.budget_s + 1e-9

    def full(self) -> bool:
        return len(self.picked) >= self.most

    def is_picked(self, ex: Exercise) -> bool:
        return any(p.code == ex.code for p in self.picked)

    def repeats(self, ex: Exercise) -> bool:
        """The same movement for the same purpose as an exercise already in."""
        return any(pattern(p.exercise) == pattern(ex) for p in self.picked)

    def take(self, item: RecommendedExercise) -> None:
        self.picked.append(item)
        self.used_s += item.minutes * 60
        self.modalities[item.exercise.modality] += 1

    def primaries(self) -> set[Imbalance]:
        done = {i for p in self.picked for i in p.primary_for}
        if self.running is not None and self.running.items:
            done.add(Imbalance.LOAD_MANAGEMENT)
        return done

    def candidates(self) -> list[Exercise]:
        nerve = self.radicular()
        return [
            ex
            for ex in self.allowed
            if not self.is_picked(ex)
            and not self.repeats(ex)
            and self.fits(ex)
            and (not nerve or spares_the_nerve(ex))
        ]

    # -- the steps --
    def build(self) -> list[RecommendedExercise]:
        self.warm_up()
        self.direction()
        self.nerve_slider()
        self.main_findings()
        if self.care is not None and PLANS[self.care].graded_exposure:
            self.graded_exposure()
        self.top_up()
        order = {m: n for n, m in enumerate(SESSION_ORDER)}
        first = [p for p in self.picked[:1] if p.role == "warm_up"]
        rest = self.picked[len(first) :]
        rest.sort(key=lambda p: order.get(p.exercise.modality, len(order)))
        return first + rest

    def warm_up(self) -> None:
        ctx = self.ctx
        runner = ctx.a.running is not None
        nerve = self.radicular()
        warm_ups = sorted(
            (
                ex
                for ex in self.allowed
                if ex.modality is Modality.WARM_UP
                and self.fits(ex)
                and (not nerve or spares_the_nerve(ex))
            ),
            key=lambda ex: (
                -len(ctx.covers(ex)),
                0 if (runner and Imbalance.LOAD_MANAGEMENT in ex.imbalances) else 1,
                *ctx.base_key(ex),
            ),
        )
        if self.running is not None:
            run_codes = {i.exercise.code for i in self.running.items}
            warm_ups = [ex for ex in warm_ups if ex.code not in run_codes]
        if not warm_ups:
            self.notes.append("No warm-up in the library suits this client; add one by hand.")
            return
        ex = warm_ups[0]
        covered = ctx.covers(ex)
        also = f" Also touches {join_words([self.label(c) for c in covered])}." if covered else ""
        self.take(
            make_item(
                ctx,
                ex,
                "Starts the session: a warm-up readies the muscles and joints for the work that "
                f"follows.{also}",
                role="warm_up",
            )
        )

    def label(self, code: Imbalance) -> str:
        r = self.ctx.finding(code)
        return r.label() if r is not None else code.label.lower()

    def direction(self) -> None:
        direction = self.ctx.direction
        if direction is None or self.full():
            return
        pool = [ex for ex in self.candidates() if in_direction(ex, direction)]
        if not pool:
            self.notes.append(
                f"No exercise in the client's preferred direction ({direction}) suits them; "
                "add one by hand."
            )
            return
        ex = min(pool, key=lambda e: (0 if e.dosage.reps else 1, *self.ctx.base_key(e)))
        reason = sentences(
            f"Moves the back in the client's preferred direction ({direction}): repeated "
            "movement that way eased the symptoms at the assessment (McKenzie; Long 2004).",
            kit_sentence(ex),
        )
        self.take(make_item(self.ctx, ex, reason, role="direction"))

    def radicular(self) -> bool:
        """Leg symptoms from a nerve: a nerve-sensitivity finding, a radicular condition, or
        pain spreading below the knee (cleared by a doctor, or nothing would be offered)."""
        ctx = self.ctx
        neural = getattr(Imbalance, "NEURAL_SENSITIVITY", None)
        return (
            (neural is not None and neural in ctx.codes)
            or any(c.value == "radicular_pain" for c in ctx.client.conditions)
            or RedFlag.PAIN_RADIATING_BELOW_KNEE in ctx.client.red_flags
        )

    def nerve_slider(self) -> None:
        if not self.radicular() or self.full():
            return
        pool = [ex for ex in self.candidates() if is_nerve_slider(ex)]
        if not pool:
            self.notes.append(
                "The leg symptoms point to an irritated nerve, but no nerve slider suits this "
                "client; add one by hand."
            )
            return
        ex = min(pool, key=self.ctx.base_key)
        neural = getattr(Imbalance, "NEURAL_SENSITIVITY", None)
        primary = (neural,) if neural is not None and neural in self.ctx.codes else ()
        reason = sentences(
            "A nerve slider for the leg symptoms: while the nerve is irritable, sliders come "
            "before tensioners (Coppieters & Butler 2008), and there is no held hamstring "
            "stretch.",
            kit_sentence(ex),
        )
        self.take(make_item(self.ctx, ex, reason, primary_for=primary, role="nerve_slider"))

    def main_findings(self) -> None:
        ctx = self.ctx
        total = len(ctx.ranked)
        for r in ctx.ranked:
            if r.code in self.primaries():
                continue
            if self.full():
                self.uncovered.setdefault(r.code, self.full_reason())
                continue
            pool = self.candidates()
            aimed = [ex for ex in pool if aimed_at(ex, r.code) and suits_side(ex, r)]
            if r.movement is not None:
                # Limited range in one direction: exercises that move the back that way.
                aimed = [ex for ex in aimed if in_direction(ex, r.movement)] or aimed
            fallback = [
                ex for ex in pool if r.code in ex.imbalances and ex.modality is not Modality.WARM_UP
            ]
            # A one-sided finding is worked one side at a time where any exercise can: a
            # right-sided weakness gets a single-leg exercise before two-legged walking.
            fallback = [ex for ex in fallback if suits_side(ex, r)] or fallback
            choice = aimed or fallback
            if not choice:
                self.uncovered.setdefault(r.code, self.no_exercise_reason(r.code))
                continue
            open_codes = {x.code for x in ctx.ranked} - self.primaries()
            ex = min(
                choice,
                key=lambda e: (
                    -len({c for c in open_codes if aimed_at(e, c)}),
                    self.modalities[e.modality],
                    ctx.rank_key(e, r.code),
                ),
            )
            self.take(self.main_item(ex, r, total, aimed=bool(aimed)))
        for code in list(self.uncovered):
            if code in self.covered():
                why = self.uncovered.pop(code)
                self.notes.append(
                    f"{self.label(code).capitalize()} has no exercise of its own ({why}); "
                    "exercises for other findings work it on the way."
                )

    def covered(self) -> set[Imbalance]:
        return {i for p in self.picked for i in p.imbalances}

    def full_reason(self) -> str:
        if self.most < self.ctx.settings.max_exercises:
            return (
                f"the programme is kept short for a client at low risk on STarT Back "
                f"({self.most} exercises; Hill 2011: advice and self-management)"
            )
        return f"the programme already has the most exercises ({self.most})"

    def no_exercise_reason(self, code: Imbalance) -> str:
        offered = self.options.get(code, [])
        if not offered:
            return "no exercise in the library targets it safely for this client"
        return "no safe exercise for it fits in the session time left"

    def main_item(
        self, ex: Exercise, r: RankedFinding, total: int, *, aimed: bool
    ) -> RecommendedExercise:
        ctx = self.ctx
        open_codes = [x for x in ctx.ranked if x.code not in self.primaries()]
        primary = tuple(x.code for x in open_codes if aimed_at(ex, x.code) and suits_side(ex, x))
        if not aimed:
            primary = ()
        dose, side_why = sided_dose(ex, r.code, r.weaker, older_adult=ctx.older_adult)
        options = [o.code for o in self.options.get(r.code, [])]
        place = f"{options.index(ex.code) + 1} of {len(options)}" if ex.code in options else ""
        also = [self.label(c) for c in primary if c is not r.code]
        if aimed:
            lead = f"For {r.label()}: its main muscle is the exercise's main target."
        else:
            lead = (
                f"For {r.label()}: no safe exercise aims at it directly, so this one works it "
                "on the way."
            )
        others = [c for c in ctx.covers(ex) if c is not r.code and c not in primary]
        reason = sentences(
            lead,
            _why_ranked(r, total),
            f"Best of the safe options ({place})." if place else "",
            f"Also the main exercise for {join_words(also)}." if also else "",
            f"Also works {join_words([self.label(c) for c in others])}." if others else "",
            side_why,
            kit_sentence(ex),
        )
        return make_item(ctx, ex, reason, primary_for=primary, dosage=dose)

    def graded_exposure(self) -> None:
        if self.full():
            return
        found = care_words.graded_exposure(self.ctx.a, self.candidates())
        if found is None:
            self.notes.append("No graded exposure exercise suits this client; plan one by hand.")
            return
        ex, activity = found
        self.take(
            make_item(
                self.ctx,
                ex,
                sentences(care_words.exposure_reason(activity), kit_sentence(ex)),
                notes=care_words.exposure_note(activity),
                role="graded_exposure",
            )
        )

    def top_up(self) -> None:
        ctx = self.ctx
        while len(self.picked) < self.least and not self.full():
            pool = [ex for ex in self.candidates() if ex.modality is not Modality.WARM_UP]
            if not pool:
                self.notes.append(
                    f"Only {len(self.picked)} exercises suit this client and fit the session; "
                    f"the starting programme usually has at least {self.least}."
                )
                return
            ex = min(
                pool,
                key=lambda e: (
                    0 if (ctx.covers(e) or not ctx.codes) else 1,
                    1 if any(looks_alike(e, p.exercise) for p in self.picked) else 0,
                    self.modalities[e.modality],
                    ctx.base_key(e)[2],
                    -len(ctx.covers(e)),
                    -len(e.imbalances),
                    *ctx.base_key(e),
                ),
            )
            covered = ctx.covers(ex)
            if covered:
                more = f"More work for {join_words([self.label(c) for c in covered])}"
                if not self.modalities[ex.modality]:
                    more += (
                        f", as {ex.modality.label.lower()} so the session is not all one kind "
                        "of exercise"
                    )
                reason = sentences(f"{more}.", kit_sentence(ex))
            elif ctx.codes:
                reason = sentences(
                    "General conditioning to round off the session; it does not target a finding.",
                    kit_sentence(ex),
                )
            else:
                reason = sentences(
                    "No imbalance was found, so this builds general trunk and hip fitness.",
                    kit_sentence(ex),
                )
            self.take(make_item(ctx, ex, reason))
