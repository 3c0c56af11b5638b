"""What should this client do: safe exercises for each imbalance, and a starting programme.

Safety comes first and is absolute: every exercise is judged by the single safety verdict
(:mod:`planner.safety`), so nothing the library filter, the conflict check or the print check
would exclude is ever offered here. Cautions travel with the exercise. Equipment at home and the
client's experience narrow the choice further (:func:`planner.safety.verdict.fit_reasons`).
Every exercise carries the reason it was chosen, and every relevant exercise left out carries
the reason it was left out.

Nothing is recommended while the referral level is urgent, or prompt without a doctor's
clearance: the recommendation then says why instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from exercise_library.catalogue import Catalogue, builtin_catalogue
from exercise_library.schema import Exercise
from exercise_library.vocabulary import (
    Equipment,
    Imbalance,
    Impact,
    Modality,
    Side,
    Target,
)
from planner.assessment.analysis import Findings, analyse
from planner.assessment.imbalances import ImbalanceFinding
from planner.assessment.model import AssessmentFile, Experience
from planner.assessment.thresholds import Referral
from planner.assessment.thresholds.programme import ProgrammeSettings
from planner.policy import ClinicPolicy
from planner.safety import ClientContext, Verdict, client_block, exercise_verdict
from planner.safety.verdict import fit_reasons, max_difficulty
from planner.text import join_words

# Which muscles or regions an exercise should work to address each imbalance; used to rank an
# exercise that names the imbalance *and* works the right muscle above one that only names it.
IMBALANCE_TARGETS: dict[Imbalance, frozenset[Target]] = {
    Imbalance.WEAK_TRUNK_FLEXORS: frozenset({Target.TRUNK_FLEXORS, Target.TRANSVERSUS_ABDOMINIS}),
    Imbalance.WEAK_TRUNK_EXTENSORS: frozenset({Target.ERECTOR_SPINAE, Target.MULTIFIDUS}),
    Imbalance.WEAK_LATERAL_TRUNK: frozenset({Target.OBLIQUES, Target.QUADRATUS_LUMBORUM}),
    Imbalance.POOR_LUMBOPELVIC_CONTROL: frozenset(
        {Target.TRANSVERSUS_ABDOMINIS, Target.MULTIFIDUS}
    ),
    Imbalance.WEAK_GLUTE_MAX: frozenset({Target.GLUTE_MAX}),
    Imbalance.WEAK_GLUTE_MED: frozenset({Target.GLUTE_MED}),
    Imbalance.TIGHT_HIP_FLEXORS: frozenset({Target.HIP_FLEXORS}),
    Imbalance.TIGHT_HAMSTRINGS: frozenset({Target.HAMSTRINGS}),
    Imbalance.HIP_STRENGTH_ASYMMETRY: frozenset({Target.GLUTE_MAX, Target.GLUTE_MED}),
    Imbalance.REDUCED_LUMBAR_MOBILITY: frozenset({Target.LUMBAR_SPINE}),
    Imbalance.REDUCED_THORACIC_MOBILITY: frozenset({Target.THORACIC_SPINE}),
    Imbalance.LOAD_MANAGEMENT: frozenset({Target.WHOLE_BODY, Target.CALVES}),
    # The nerve, not a muscle: nerve sliders work no muscle in particular.
    Imbalance.NEURAL_SENSITIVITY: frozenset(),
}

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
    imbalances: list[Imbalance]
    reason: str
    cautions: list[str]
    minutes: float


@dataclass(frozen=True)
class Excluded:
    code: str
    reason: str


@dataclass(frozen=True)
class Recommendation:
    referral: Referral
    blocked_reason: str | None
    exercises: list[RecommendedExercise]
    excluded: list[Excluded]
    findings: Findings
    # For each identified imbalance, every safe exercise that targets it, best first.
    options: dict[Imbalance, list[RecommendedExercise]] = field(default_factory=dict)
    # Identified imbalances the programme could not cover, with why.
    uncovered: dict[Imbalance, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    session_minutes: float = 30
    # The safety verdict applied to every exercise in the library, by code: the same answer
    # the library filter, the conflict check and the print check give for this client.
    verdicts: dict[str, Verdict] = field(default_factory=dict)

    @property
    def estimated_minutes(self) -> float:
        return sum(e.minutes for e in self.exercises)


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


# --- ranking ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    a: AssessmentFile
    client: ClientContext
    findings: list[ImbalanceFinding]
    policy: ClinicPolicy
    verdicts: dict[str, Verdict]

    @property
    def settings(self) -> ProgrammeSettings:
        return self.policy.thresholds.programme

    def cautions(self, ex: Exercise) -> tuple[str, ...]:
        return self.verdicts[ex.code].cautions

    @property
    def codes(self) -> set[Imbalance]:
        return {f.code for f in self.findings}

    def side(self, code: Imbalance) -> Side | None:
        return next((f.side for f in self.findings if f.code is code), None)

    def covers(self, ex: Exercise) -> tuple[Imbalance, ...]:
        return tuple(i for i in Imbalance if i in ex.imbalances and i in self.codes)

    def base_key(self, ex: Exercise) -> tuple[int, int, int, float, str]:
        """Ties broken towards no cautions, less impact, the right difficulty, shorter, code.

        Impact comes early because a first programme should not add load to tissues that are
        already sore; impact can be built up in later weeks.
        """
        start = _start_difficulty(self.a.client.experience, self.policy)
        return (
            1 if self.cautions(ex) else 0,
            list(Impact).index(ex.impact),
            abs(ex.difficulty - start),
            estimated_minutes(ex, self.settings),
            ex.code,
        )

    def rank_key(self, ex: Exercise, code: Imbalance) -> tuple[object, ...]:
        specific = bool(IMBALANCE_TARGETS[code] & set(ex.targets))
        sided = self.side(code) in (Side.LEFT, Side.RIGHT)
        base = self.base_key(ex)
        return (
            base[0],
            0 if specific else 1,
            -len(self.covers(ex)),
            0 if (ex.unilateral or not sided) else 1,
            *base[1:],
        )


def _label(code: Imbalance, side: Side | None) -> str:
    text = code.label.lower()
    if side in (Side.LEFT, Side.RIGHT):
        return f"{text} ({side.value})"
    if side is Side.BOTH:
        return f"{text} (both sides)"
    return text


def _kit(ex: Exercise) -> str:
    kit = [e.label.lower() for e in ex.equipment if e is not Equipment.NONE]
    return f"Uses {join_words(kit)}." if kit else "Needs no equipment."


def _targets_sentence(ctx: _Context, ex: Exercise) -> str:
    covered = ctx.covers(ex)
    if not covered:
        return ""
    return "Targets " + join_words([_label(c, ctx.side(c)) for c in covered]) + "."


def _unilateral_sentence(ctx: _Context, ex: Exercise) -> str:
    sides = {ctx.side(c) for c in ctx.covers(ex)} & {Side.LEFT, Side.RIGHT}
    if ex.unilateral and len(sides) == 1:
        side = sides.pop()
        assert side is not None
        return f"Works one side at a time, so the {side.value} side can get extra sets."
    return ""


def _item(ctx: _Context, ex: Exercise, reason: str) -> RecommendedExercise:
    return RecommendedExercise(
        code=ex.code,
        exercise=ex,
        imbalances=list(ctx.covers(ex)),
        reason=reason,
        cautions=list(ctx.cautions(ex)),
        minutes=estimated_minutes(ex, ctx.settings),
    )


def _sentences(*parts: str) -> str:
    return " ".join(p for p in parts if p)


# --- the recommendation -------------------------------------------------------------------


def blocked_reason(a: AssessmentFile, policy: ClinicPolicy) -> str | None:
    """Why no programme may be offered or printed for this assessment (None when it may)."""
    block = client_block(ClientContext.from_assessment(a), policy)
    return block.reason if block else None


def recommend(
    a: AssessmentFile,
    policy: ClinicPolicy,
    catalogue: Catalogue | None = None,
    session_minutes: float | None = None,
) -> Recommendation:
    """Ranked safe options per imbalance and a starting programme that fits one session.

    ``session_minutes`` defaults to the clinic's session length (its one home is the policy).
    """
    cat = catalogue if catalogue is not None else builtin_catalogue()
    minutes = float(session_minutes if session_minutes is not None else policy.session_minutes)
    findings = analyse(a, policy)
    client = ClientContext.from_assessment(a)
    verdicts = {ex.code: exercise_verdict(ex, client, policy) for ex in cat}
    block = client_block(client, policy)
    if block is not None:
        return Recommendation(
            findings.referral,
            block.reason,
            [],
            [],
            findings,
            session_minutes=minutes,
            verdicts=verdicts,
        )

    notes: list[str] = []
    if findings.referral in (Referral.PROMPT, Referral.SAME_DAY):
        notes.append(
            "A doctor has cleared the client after a referral flag. Stop and refer again if "
            "symptoms change."
        )
    ctx = _Context(a, client, findings.imbalances, policy, verdicts)
    allowed: list[Exercise] = []
    excluded: list[Excluded] = []
    for ex in cat:
        verdict = verdicts[ex.code]
        reasons = [*verdict.reasons, *fit_reasons(ex, client, policy)]
        if not reasons:
            allowed.append(ex)
        elif not ctx.codes or ctx.covers(ex) or ex.modality is Modality.WARM_UP:
            excluded.append(Excluded(ex.code, "; ".join(reasons)))
    excluded.sort(key=lambda e: e.code)

    options: dict[Imbalance, list[RecommendedExercise]] = {}
    for f in findings.imbalances:
        ranked = sorted(
            (ex for ex in allowed if f.code in ex.imbalances),
            key=lambda ex, code=f.code: ctx.rank_key(ex, code),
        )
        options[f.code] = [
            _item(
                ctx,
                ex,
                _sentences(
                    f"Option {n} of {len(ranked)} for {_label(f.code, f.side)}.",
                    _targets_sentence(ctx, ex),
                    _kit(ex),
                ),
            )
            for n, ex in enumerate(ranked, start=1)
        ]

    chosen, uncovered, build_notes = _build_programme(ctx, allowed, options, minutes * 60)
    notes.extend(build_notes)
    return Recommendation(
        referral=findings.referral,
        blocked_reason=None,
        exercises=chosen,
        excluded=excluded,
        findings=findings,
        options=options,
        uncovered=uncovered,
        notes=notes,
        session_minutes=minutes,
        verdicts=verdicts,
    )


def _build_programme(
    ctx: _Context,
    allowed: list[Exercise],
    options: dict[Imbalance, list[RecommendedExercise]],
    budget_s: float,
) -> tuple[list[RecommendedExercise], dict[Imbalance, str], list[str]]:
    """Warm-up first, then cover every imbalance, then top up to the minimum size.

    Greedy: each step takes the exercise that covers the most imbalances still open, preferring a
    modality the session has little of, so the programme mixes kinds of work; every pick must
    fit the time left.
    """
    s = ctx.settings
    picked: list[tuple[Exercise, str]] = []
    used_s = 0.0
    modalities: Counter[Modality] = Counter()
    notes: list[str] = []

    def fits(ex: Exercise) -> bool:
        return used_s + estimated_minutes(ex, s) * 60 <= budget_s + 1e-9

    def take(ex: Exercise, reason: str) -> None:
        nonlocal used_s
        picked.append((ex, reason))
        used_s += estimated_minutes(ex, s) * 60
        modalities[ex.modality] += 1

    def is_picked(ex: Exercise) -> bool:
        return any(p.code == ex.code for p, _ in picked)

    # 1. Warm-up.
    runner = ctx.a.running is not None
    warm_ups = sorted(
        (ex for ex in allowed if ex.modality is Modality.WARM_UP),
        key=lambda ex: (
            -len(ctx.covers(ex)),
            0 if (runner and Imbalance.LOAD_MANAGEMENT in ex.imbalances) else 1,
            *ctx.base_key(ex),
        ),
    )
    warm_up = next((ex for ex in warm_ups if fits(ex)), None)
    if warm_up is None:
        notes.append("No warm-up in the library suits this client; add one by hand.")
    else:
        take(
            warm_up,
            _sentences(
                "Starts the session: a warm-up readies the muscles and joints for the work "
                "that follows.",
                _targets_sentence(ctx, warm_up),
            ),
        )

    # 2. Cover every imbalance.
    open_codes = [f.code for f in ctx.findings if f.code not in _covered(picked, ctx)]
    uncovered: dict[Imbalance, str] = {}
    while open_codes:
        code = open_codes[0]
        if len(picked) >= s.max_exercises:
            for c in open_codes:
                uncovered[c] = f"the programme already has the most exercises ({s.max_exercises})"
            break
        candidates = [o.exercise for o in options.get(code, []) if not is_picked(o.exercise)]
        fitting = [ex for ex in candidates if fits(ex)]
        if not fitting:
            uncovered[code] = (
                "no exercise in the library targets it safely for this client"
                if not candidates
                else "no safe exercise for it fits in the session time left"
            )
            open_codes.pop(0)
            continue
        best = min(
            fitting,
            key=lambda ex, code=code: (
                -len(set(ctx.covers(ex)) & set(open_codes)),
                1 if ctx.cautions(ex) else 0,
                0 if IMBALANCE_TARGETS[code] & set(ex.targets) else 1,
                modalities[ex.modality],
                ctx.rank_key(ex, code),
            ),
        )
        ranked_codes = [o.code for o in options[code]]
        take(
            best,
            _sentences(
                _targets_sentence(ctx, best),
                f"Ranked {ranked_codes.index(best.code) + 1} of {len(ranked_codes)} safe "
                f"options for {code.label.lower()}.",
                _unilateral_sentence(ctx, best),
                _kit(best),
            ),
        )
        done = _covered(picked, ctx)
        open_codes = [c for c in open_codes if c not in done]

    # 3. Top up to the minimum with more work for the same imbalances, mixing modalities.
    while len(picked) < s.min_exercises:
        pool = [
            ex
            for ex in allowed
            if not is_picked(ex) and ex.modality is not Modality.WARM_UP and fits(ex)
        ]
        if not pool:
            notes.append(
                f"Only {len(picked)} exercises suit this client and fit the session; the "
                f"starting programme usually has at least {s.min_exercises}."
            )
            break
        best = min(
            pool,
            key=lambda ex: (
                0 if (ctx.covers(ex) or not ctx.codes) else 1,
                modalities[ex.modality],
                ctx.base_key(ex)[1],
                -len(ctx.covers(ex)),
                -len(ex.imbalances),
                *ctx.base_key(ex),
            ),
        )
        if ctx.covers(best):
            reason = _sentences(
                _targets_sentence(ctx, best),
                f"Adds {best.modality.label.lower()} work so the session is not all one kind "
                "of exercise.",
                _unilateral_sentence(ctx, best),
                _kit(best),
            )
        elif ctx.codes:
            reason = _sentences(
                "General conditioning to round off the session; it does not target a finding.",
                _kit(best),
            )
        else:
            reason = _sentences(
                "No imbalance was found, so this builds general trunk and hip fitness.",
                _kit(best),
            )
        take(best, reason)

    order = {m: n for n, m in enumerate(SESSION_ORDER)}
    first = picked[:1] if warm_up is not None else []
    rest = picked[len(first) :]
    rest.sort(key=lambda p: order.get(p[0].modality, len(order)))
    chosen = [_item(ctx, ex, reason) for ex, reason in first + rest]
    return chosen, uncovered, notes


def _covered(picked: Iterable[tuple[Exercise, str]], ctx: _Context) -> set[Imbalance]:
    return {code for ex, _ in picked for code in ctx.covers(ex)}
