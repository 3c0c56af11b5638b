"""What should this client do: a starting programme aimed at the main findings.

Safety comes first and is absolute: every exercise is judged by the single safety verdict
(:mod:`planner.safety`), so nothing the library filter, the conflict check or the print check
would exclude is ever offered here. Cautions travel with the exercise. Equipment at home and the
client's experience narrow the choice further (:func:`planner.safety.verdict.fit_reasons`).

Within that, the programme is designed (:mod:`planner.assessment.targeting`): the findings are
ranked by the strength of their evidence and the client's goals, and each main finding gets an
exercise whose main aim it is, on the affected side, the weaker side doing more; no two
exercises do the same movement for the same purpose. A training-load finding, or a client
coming back to running, gets a running part (:mod:`planner.programme.running`). The care
pathway (STarT Back, :mod:`planner.assessment.pathway`) sizes the programme and adds what it
asks for (:mod:`planner.programme.care`); a directional preference and a radicular presentation
each bring the exercise that suits them. Every exercise says which finding it is for and why,
and every relevant exercise left out says why.

Nothing is recommended while the referral level is urgent, or prompt without a doctor's
clearance: the recommendation then says why instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exercise_library.catalogue import Catalogue, builtin_catalogue
from exercise_library.schema import Exercise
from exercise_library.vocabulary import Imbalance, Modality
from planner.assessment.analysis import Findings, analyse
from planner.assessment.model import AssessmentFile
from planner.assessment.pathway import PLANS, CarePathway
from planner.assessment.session import (
    SESSION_ORDER,
    Builder,
    Context,
    RecommendedExercise,
    estimated_minutes,
    kit_sentence,
    make_item,
    sentences,
)
from planner.assessment.targeting import IMBALANCE_TARGETS, RankedFinding, aimed_at, rank_findings
from planner.assessment.thresholds import Referral
from planner.policy import ClinicPolicy
from planner.programme import care as care_words
from planner.programme.running import RunningPart, plan_running
from planner.safety import ClientContext, Verdict, client_block, exercise_verdict
from planner.safety.verdict import fit_reasons

__all__ = [
    "IMBALANCE_TARGETS",
    "SESSION_ORDER",
    "Excluded",
    "Recommendation",
    "RecommendedExercise",
    "blocked_reason",
    "estimated_minutes",
    "recommend",
]


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
    # The findings, strongest first, with the tests and goals that ranked them.
    ranked: list[RankedFinding] = field(default_factory=list)
    # The runs (and the warm-up before them), when the client needs a running plan.
    runs: list[RecommendedExercise] = field(default_factory=list)
    # STarT Back risk group, and what it asks for: advice for the client at low risk, the
    # education on pain and movement at high risk (the handout prints it).
    pathway: CarePathway | None = None
    advice: list[str] = field(default_factory=list)
    education: bool = False
    # The safety verdict applied to every exercise in the library, by code: the same answer
    # the library filter, the conflict check and the print check give for this client.
    verdicts: dict[str, Verdict] = field(default_factory=dict)

    @property
    def estimated_minutes(self) -> float:
        """The session's time (the runs are on their own)."""
        return sum(e.minutes for e in self.exercises)

    @property
    def all_items(self) -> list[RecommendedExercise]:
        """Everything the programme gets: the session's exercises, then the runs."""
        return [*self.exercises, *self.runs]

    @property
    def covered(self) -> set[Imbalance]:
        return {i for e in self.all_items for i in e.imbalances}


# --- the recommendation -------------------------------------------------------------------


def blocked_reason(
    a: AssessmentFile, policy: ClinicPolicy, previous: AssessmentFile | None = None
) -> str | None:
    """Why no programme may be offered or printed for this assessment (None when it may);
    with the ``previous`` assessment, worse neurology since then counts as its red flag."""
    block = client_block(ClientContext.from_assessment(a, previous), policy)
    return block.reason if block else None


def recommend(
    a: AssessmentFile,
    policy: ClinicPolicy,
    catalogue: Catalogue | None = None,
    session_minutes: float | None = None,
) -> Recommendation:
    """Ranked safe options per finding and a starting programme that fits one session.

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
    ranked = rank_findings(a, findings.imbalances, policy)
    ctx = Context(a, client, ranked, policy, verdicts, cat)
    allowed: list[Exercise] = []
    safe: list[Exercise] = []
    excluded: list[Excluded] = []
    for ex in cat:
        verdict = verdicts[ex.code]
        reasons = [*verdict.reasons, *fit_reasons(ex, client, policy)]
        if not verdict.reasons:
            safe.append(ex)
        if not reasons:
            allowed.append(ex)
        elif not ctx.codes or ctx.covers(ex) or ex.modality is Modality.WARM_UP:
            excluded.append(Excluded(ex.code, "; ".join(reasons)))
    excluded.sort(key=lambda e: e.code)

    options = _options(ctx, allowed)
    care = findings.care_pathway
    plan = PLANS[care] if care is not None else None
    running = plan_running(
        a,
        policy,
        cat,
        Imbalance.LOAD_MANAGEMENT in ctx.codes,
        lambda ex: ex in safe,
    )
    builder = Builder(ctx, allowed, options, minutes * 60, care, running)
    chosen = builder.build()
    notes.extend(builder.notes)
    runs = _run_items(ctx, running)
    if running is not None:
        notes.extend(running.notes)
    return Recommendation(
        referral=findings.referral,
        blocked_reason=None,
        exercises=chosen,
        excluded=excluded,
        findings=findings,
        options=options,
        uncovered=builder.uncovered,
        notes=notes,
        session_minutes=minutes,
        ranked=ranked,
        runs=runs,
        pathway=care,
        advice=care_words.self_management_advice() if plan and plan.self_management else [],
        education=bool(plan and plan.pain_education),
        verdicts=verdicts,
    )


def _options(ctx: Context, allowed: list[Exercise]) -> dict[Imbalance, list[RecommendedExercise]]:
    """Every safe exercise for each finding, those aimed at it first."""
    options: dict[Imbalance, list[RecommendedExercise]] = {}
    for r in ctx.ranked:
        ranked = sorted(
            (ex for ex in allowed if r.code in ex.imbalances),
            key=lambda ex, code=r.code: ctx.rank_key(ex, code),
        )
        options[r.code] = [
            make_item(
                ctx,
                ex,
                sentences(
                    f"Option {n} of {len(ranked)} for {r.label()}.",
                    "Aimed at it directly." if aimed_at(ex, r.code) else "",
                    kit_sentence(ex),
                ),
            )
            for n, ex in enumerate(ranked, start=1)
        ]
    return options


def _run_items(ctx: Context, running: RunningPart | None) -> list[RecommendedExercise]:
    if running is None:
        return []
    out = []
    for run in running.items:
        out.append(
            RecommendedExercise(
                code=run.exercise.code,
                exercise=run.exercise,
                imbalances=list(ctx.covers(run.exercise)),
                reason=run.reason,
                cautions=list(ctx.cautions(run.exercise)),
                minutes=0.0,
                primary_for=[i for i in run.primary_for if i in ctx.codes],
                dosage=run.dosage,
                days=list(run.days),
                rules=list(run.rules),
                notes=run.notes,
                role="run_warm_up" if run.warm_up else "run",
            )
        )
    return out
