"""Building and editing a client's programme: the same safety checks wherever it is done.

A client whose red flags stop exercise gets no new programme, no template and no added
exercise; an exercise the safety verdict excludes is never added, whatever the path (manual
add, template, recommendation, import). Exercises a later assessment rules out stay in an
existing programme, marked, and hold back its handout (:mod:`planner.operations.documents`).
Every edit is stored by writing only the rows it changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from exercise_library.catalogue import Catalogue
from planner.assessment.model import AssessmentFile
from planner.assessment.recommend import Recommendation, recommend
from planner.errors import NotFoundError, Refused
from planner.operations.changes import Changes, Result
from planner.operations.documents import handout_block
from planner.policy import ClinicPolicy
from planner.programme.conflicts import end_before_exclusion
from planner.programme.defaults import default_phase, is_older_adult
from planner.programme.edits import add_exercises, insert_items, rebuild
from planner.programme.model import Item, Programme, ProgrammeStatus
from planner.programme.plan import programme_from_recommendation
from planner.programme.templates import Template, apply_template
from planner.records import StoredProgramme
from planner.safety import ClientContext, client_block, exercise_verdict
from planner.services import Services
from planner.text import join_words


@dataclass(frozen=True)
class ClientSafety:
    """What the safety rules know of one client now: their context and the clinic policy."""

    context: ClientContext | None
    policy: ClinicPolicy
    catalogue: Catalogue

    def refuse_if_blocked(self, action: str) -> None:
        if self.context is None:
            return
        block = client_block(self.context, self.policy)
        if block is not None:
            raise Refused(f"{action}: {block.reason}")

    def excluded(self, codes: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """The exercises among ``codes`` the verdict excludes for this client, with why."""
        if self.context is None:
            return {}
        out: dict[str, tuple[str, ...]] = {}
        for code in codes:
            exercise = self.catalogue.get(code)
            if exercise is None:
                continue
            verdict = exercise_verdict(exercise, self.context, self.policy)
            if verdict.excluded:
                out[code] = verdict.exercise_reasons or verdict.reasons
        return out

    def name(self, code: str) -> str:
        exercise = self.catalogue.get(code)
        return exercise.name if exercise is not None else code


def client_safety(services: Services, client_id: int | None) -> ClientSafety:
    """The client's context from their latest assessment (none recorded: nothing to check)."""
    return ClientSafety(
        services.assessments.context(client_id) if client_id is not None else None,
        services.settings.policy(),
        services.exercises.catalogue(),
    )


def refuse_excluded(safety: ClientSafety, codes: Sequence[str], action: str) -> None:
    """Refuse an addition that holds an exercise the verdict excludes, naming each and why."""
    safety.refuse_if_blocked(action)
    excluded = safety.excluded(codes)
    if excluded:
        parts = [f"{safety.name(c)} ({'; '.join(why)})" for c, why in excluded.items()]
        raise Refused(f"{action}: not safe for this client: {join_words(parts)}")


def _added_codes(before: Programme, after: Programme) -> list[str]:
    """Exercises the edit brings in: new items, or items that now hold another exercise."""
    old = {i.key: i.code for i in before.items}
    return [i.code for i in after.items if old.get(i.key) != i.code]


# --- creating --------------------------------------------------------------------------------


def create_programme(
    services: Services,
    client_id: int,
    *,
    title: str,
    start: dt.date,
    weeks: int,
    template: Template | None = None,
) -> Result[StoredProgramme]:
    """A new programme for the client: empty, or from a template without excluded exercises."""
    client = services.clients.get(client_id)
    safety = client_safety(services, client_id)
    safety.refuse_if_blocked("No programme can be made")
    notes: tuple[str, ...] = ()
    if template is not None:
        bring_template_exercises(services, template)
        safety = client_safety(services, client_id)
        template, notes = safe_template(template, safety)
        programme = apply_template(template, start, client=client.name, title=title)
    else:
        programme = Programme(
            title=title, client=client.name, start=start, phases=[default_phase(weeks)]
        )
    stored = services.programmes.create_programme(programme, client_id)
    changes = Changes(programme_id=stored.id, programme_list=True, client_id=client_id)
    return Result(stored, changes, notes)


def bring_template_exercises(services: Services, template: Template) -> bool:
    """Clinic exercises a template carries join this clinic's library first."""
    catalogue = services.exercises.catalogue()
    added = False
    for exercise in template.exercises:
        if exercise.code not in catalogue:
            services.exercises.create(exercise)
            added = True
    catalogue = services.exercises.catalogue() if added else catalogue
    missing = sorted({i.code for i in template.items if i.code not in catalogue})
    if missing:
        raise Refused(
            f"template '{template.title}' uses exercises this library does not have: "
            + ", ".join(missing)
        )
    return added


def safe_template(template: Template, safety: ClientSafety) -> tuple[Template, tuple[str, ...]]:
    """The template without the exercises this client may not do, and a note naming them."""
    excluded = safety.excluded([i.code for i in template.items])
    if not excluded:
        return template, ()
    kept = [i for i in template.items if i.code not in excluded]
    parts = [f"{safety.name(c)} ({'; '.join(why)})" for c, why in excluded.items()]
    note = f"Left out of template '{template.title}' for this client: {join_words(parts)}."
    renumbered = [i.model_copy(update={"order": n}) for n, i in enumerate(kept, start=1)]
    return template.model_copy(update={"items": renumbered}), (note,)


# --- editing ---------------------------------------------------------------------------------


def save_programme(
    services: Services,
    programme_id: int,
    expected_version: int,
    before: Programme,
    after: Programme,
    *,
    client_id: int | None,
    action: str = "Not saved",
    safety: ClientSafety | None = None,
) -> Result[int]:
    """Store one edit (``before`` as stored at ``expected_version``); returns the new version.

    Edits that bring exercises in are checked against the client's context first (``safety``,
    when the caller has already read it); the rest (doses, days, rules, phases, order,
    removals) are stored at once.
    """
    added = _added_codes(before, after)
    if added:
        refuse_excluded(safety or client_safety(services, client_id), added, action)
    version = services.programmes.save_changes(programme_id, expected_version, before, after)
    return Result(version, Changes(programme_id=programme_id, programme=True, client_id=client_id))


def add_to_programme(
    services: Services,
    programme_id: int,
    expected_version: int,
    before: Programme,
    codes: Sequence[str],
    *,
    client_id: int | None,
    row: int | None = None,
) -> Result[tuple[Programme, int]]:
    """Library exercises added at their library dose and default rules, judged for the
    client's age at their latest assessment as the recommender judges it."""
    safety = client_safety(services, client_id)
    catalogue = safety.catalogue
    age = safety.context.age if safety.context is not None else None
    older = age is not None and is_older_adult(age)
    after = add_exercises(before, codes, catalogue, row, older_adult=older)
    names = join_words([catalogue[c].name if c in catalogue else c for c in codes])
    saved = save_programme(
        services, programme_id, expected_version, before, after,
        client_id=client_id, action=f"{names} not added", safety=safety,
    )  # fmt: skip
    return Result((after, saved.value), saved.changes)


def replace_with_template(
    services: Services,
    programme_id: int,
    expected_version: int,
    before: Programme,
    template: Template,
    *,
    client_id: int | None,
) -> Result[tuple[Programme, int]]:
    """The programme's phases and exercises replaced by a template's (title, goals kept)."""
    safety = client_safety(services, client_id)
    safety.refuse_if_blocked(f"Template '{template.title}' not applied")
    library = bring_template_exercises(services, template)
    template, notes = safe_template(template, client_safety(services, client_id))
    applied = apply_template(
        template, before.start, client=before.client, therapist=before.therapist,
        title=before.title,
    )  # fmt: skip
    after = rebuild(
        before,
        phases=[ph.model_dump() for ph in applied.phases],
        items=[i.model_dump() for i in applied.items],
        review_dates=applied.review_dates,
        goals=before.goals or applied.goals,
        notes=before.notes or applied.notes,
    )
    saved = save_programme(
        services, programme_id, expected_version, before, after,
        client_id=client_id, action=f"Template '{template.title}' not applied",
    )  # fmt: skip
    changes = saved.changes | Changes(library=library)
    return Result((after, saved.value), changes, notes)


@dataclass(frozen=True)
class Merged:
    """A recommendation merged into a programme."""

    programme: Programme
    version: int
    added: tuple[str, ...]  # item keys added, in order
    recommendation: Recommendation


def add_recommended(
    services: Services,
    programme_id: int,
    expected_version: int,
    before: Programme,
    assessment: AssessmentFile,
    *,
    client_id: int | None,
) -> Result[Merged]:
    """The recommended exercises the programme does not hold yet, added with their reasons."""
    policy = services.settings.policy()
    catalogue = services.exercises.catalogue()
    rec = recommend(assessment, policy, catalogue)
    if rec.blocked_reason:
        raise Refused(f"Nothing added: {rec.blocked_reason}")
    present = {i.code for i in before.items}
    fresh = [e for e in rec.all_items if e.code not in present]
    notes = [*rec.notes]
    notes += [f"Not covered: {i.label.lower()} ({why})." for i, why in rec.uncovered.items()]
    if not fresh:
        notes.insert(0, "Every recommended exercise is already in the programme.")
        merged = Merged(before, expected_version, (), rec)
        return Result(merged, Changes(programme_id=programme_id), tuple(notes))
    draft = programme_from_recommendation(fresh, start=before.start, weeks=before.total_weeks)
    after = insert_items(before, draft.items)
    # As a plan does: an exercise a pregnancy by due date rules out later stops before then.
    new_keys = {i.key for i in after.items} - {i.key for i in before.items}
    after, stopped = end_before_exclusion(
        after, catalogue, ClientContext.from_assessment(assessment), policy, only=new_keys
    )
    notes += stopped
    saved = save_programme(
        services, programme_id, expected_version, before, after,
        client_id=client_id, action="Recommended exercises not added",
    )  # fmt: skip
    old = {i.key for i in before.items}
    added = tuple(i.key for i in sorted(after.items, key=lambda i: i.order) if i.key not in old)
    notes.insert(
        0,
        f"Added {len(fresh)} recommended exercises; the reason for each is under 'Why it is here'.",
    )
    return Result(Merged(after, saved.value, added, rec), saved.changes, tuple(notes))


def plan_from_assessment(
    assessment: AssessmentFile,
    policy: ClinicPolicy,
    catalogue: Catalogue,
    *,
    start: dt.date,
    weeks: int,
    title: str | None = None,
    therapist: str | None = None,
    where: str = "the assessment",
    notes: list[str] | None = None,
) -> Programme:
    """A first programme from the assessment's recommendation (the command line's ``plan``).

    It carries the client context it was planned for, so its schedule offers the same next
    exercises on a ladder wherever it is opened (the window, a file, a handout). An exercise
    the client's context rules out from a later week (a pregnancy reaching the second
    trimester) stops before that week, so the plan prints as it is; ``notes``, when given,
    gets a line for each such exercise.
    """
    rec = recommend(assessment, policy, catalogue)
    if rec.blocked_reason:
        raise Refused(f"{where}: no programme can be planned: {rec.blocked_reason}")
    if not rec.all_items:
        raise Refused(f"{where}: the assessment recommends no exercises to plan with")
    programme = programme_from_recommendation(
        rec.all_items,
        start=start,
        weeks=weeks,
        client=assessment.client.name,
        therapist=therapist,
        title=title,
    )
    ctx = ClientContext.from_assessment(assessment)
    programme, stopped = end_before_exclusion(programme, catalogue, ctx, policy)
    if notes is not None:
        notes.extend(stopped)
    context = ctx.record()
    if context is not None and rec.pathway is not None:
        context = context.model_copy(update={"care_pathway": rec.pathway.value})
    return programme.model_copy(update={"client_context": context})


def plan_programme(
    services: Services,
    client_id: int,
    *,
    start: dt.date,
    weeks: int,
    title: str | None = None,
    therapist: str | None = None,
) -> Result[StoredProgramme]:
    """A new programme from the client's latest assessment: what ``physio-planner plan``
    writes to a file, stored for the client instead (the same programme on both paths)."""
    client = services.clients.get(client_id)
    latest = services.assessments.latest(client_id)
    if latest is None:
        raise Refused(
            "No programme can be planned: the client has no assessment yet", field="assessment"
        )
    programme = plan_from_assessment(
        latest, services.settings.policy(), services.exercises.catalogue(),
        start=start, weeks=weeks, title=title, therapist=therapist,
        where="The latest assessment",
    )  # fmt: skip
    programme = programme.model_copy(update={"client": client.name})
    stored = services.programmes.create_programme(programme, client_id)
    changes = Changes(programme_id=stored.id, programme_list=True, client_id=client_id)
    return Result(stored, changes)


def item_keys(programme: Programme) -> list[str]:
    return [i.key for i in sorted(programme.items, key=lambda i: i.order)]


def find_item(programme: Programme, key: str) -> Item:
    item = programme.item(key)
    if item is None:
        raise NotFoundError(f"the programme has no exercise '{key}'", field="item")
    return item


def mark_given(services: Services, programme_id: int, day: dt.date) -> Result[int]:
    """The handout was given to the client on ``day``: the programme is then in use (active),
    and the date is kept. Refused, in the print check's words, while the handout is held
    back."""
    programme, stored = services.programmes.load(programme_id)
    if stored.client_id is not None:
        blocked = handout_block(services, stored.client_id, programme_id)
        if blocked is not None:
            raise Refused(f"Not marked as given: {blocked.reason}")
    after = programme.model_copy(update={"status": ProgrammeStatus.ACTIVE, "given_on": day})
    return save_programme(
        services, programme_id, stored.version, programme, after, client_id=stored.client_id
    )
