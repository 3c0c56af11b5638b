"""Preparing a document: the data to print, or the reason it may not be printed.

The home programme is held back when the client's red flags stop exercise or when the
programme holds an exercise the safety verdict now excludes; the assessment summary and the
progress report are never held back (the summary is what goes with a referral). The window's
Documents tab, ``physio-planner render`` and the exports all ask :func:`handout_check`, so the
same programme is held back with the same words on every path.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from exercise_library.catalogue import Catalogue
from exercise_library.vocabulary import Condition
from planner.assessment.model import AssessmentFile
from planner.documents import (
    CONTACT_SETTING,
    CarePathway,
    RunningPlan,
    care_pathway,
    contact_problem,
)
from planner.errors import NotFoundError, Refused
from planner.policy import ClinicPolicy
from planner.programme.conflicts import unsafe_items, unsafe_summary
from planner.programme.model import Programme, SessionLog
from planner.programme.running import running_plan_of
from planner.programme.schedule import materialise
from planner.safety import ClientContext, client_block
from planner.services import Services

HANDOUT, SUMMARY, PROGRESS = "handout", "summary", "progress"

# Said wherever a programme's client context is unknown (a version 1 programme file).
CONTEXT_UNKNOWN = (
    "carries no client context (programme file version 1): its red flags and conditions "
    "could not be checked"
)


@dataclass(frozen=True)
class Blocked:
    """Why a document may not be printed, in the words every path shows."""

    reason: str
    # The setting or input to fix, when there is one (e.g. the clinic's phone).
    field: str | None = None


@dataclass(frozen=True)
class DocumentPlan:
    """Everything a document needs, read in one go, so the PDF builds from plain data."""

    kind: str
    policy: ClinicPolicy
    catalogue: Catalogue
    context: ClientContext
    programme: Programme | None = None
    programme_id: int | None = None
    assessments: tuple[AssessmentFile, ...] = ()
    logs: tuple[SessionLog, ...] = ()
    logo: bytes | None = None
    photos: dict[str, bytes] = field(default_factory=dict)
    # Sections a handout prints when the issues that produce them fill these in (the running
    # plan from programme design, the care pathway from the STarT Back score); None: left out.
    running_plan: RunningPlan | None = None
    care_pathway: CarePathway | None = None

    @property
    def reference(self) -> str | None:
        return f"P{self.programme_id}" if self.programme_id is not None else None


def handout_check(
    programme: Programme, catalogue: Catalogue, context: ClientContext, policy: ClinicPolicy
) -> Blocked | None:
    """Why this programme's home programme may not be printed or exported (None: it may)."""
    if context.known:
        block = client_block(context, policy)
        if block is not None:
            return Blocked(block.reason)
    summary = unsafe_summary(unsafe_items(programme, catalogue, context, policy))
    return Blocked(summary) if summary else None


@dataclass(frozen=True)
class FileCheck:
    context: ClientContext
    # Said on the command line when the file carries no client context.
    warning: str | None


def file_handout_check(
    programme: Programme,
    catalogue: Catalogue,
    policy: ClinicPolicy,
    where: str,
    extra_conditions: frozenset[Condition] = frozenset(),
    trimester: int | None = None,
) -> FileCheck:
    """Refuse a programme file the clinic's policy holds back (``Refused`` names the file and
    why). ``extra_conditions`` are conditions typed on the command line for a file that does
    not carry them, and ``trimester`` a pregnancy's trimester (it implies pregnancy; a
    pregnancy of unknown stage is judged at the strictest); the exercises are checked against
    them too."""
    context = ClientContext.from_record(programme.client_context)
    warning = None if context.known else f"{where} {CONTEXT_UNKNOWN}"
    if trimester is not None:
        extra_conditions = extra_conditions | {Condition.PREGNANCY}
        context = replace(context, pregnancy_trimester=trimester)
    if extra_conditions:
        context = replace(context, conditions=context.conditions | extra_conditions, known=True)
    blocked = handout_check(programme, catalogue, context, policy)
    if blocked is not None:
        raise Refused(f"{where}: not printed or exported: {blocked.reason}", field=blocked.field)
    return FileCheck(context, warning)


def programme_context(
    services: Services, client_id: int | None, programme: Programme
) -> ClientContext:
    """The client's context now: their latest assessment, else what the programme carries."""
    context = services.assessments.context(client_id) if client_id is not None else None
    if context is not None:
        return context
    if programme.client_context is not None:
        return ClientContext.from_record(programme.client_context)
    if client_id is not None:
        return ClientContext()  # a client with no assessment: nothing recorded to rule out
    return ClientContext.unknown()


def handout_block(services: Services, client_id: int, programme_id: int | None) -> Blocked | None:
    """Why this client's home programme may not be printed or exported now (None: it may)."""
    context = services.assessments.context(client_id)
    policy = services.settings.policy()
    if programme_id is None:
        if context is None:
            return None
        block = client_block(context, policy)
        return Blocked(block.reason) if block else None
    programme, _ = services.programmes.load(programme_id)
    context = programme_context(services, client_id, programme)
    return handout_check(programme, services.exercises.catalogue(), context, policy)


def prepare_document(
    services: Services, kind: str, client_id: int, programme_id: int | None
) -> DocumentPlan | Blocked:
    """The data for one of the client's documents, or why the home programme is held back."""
    policy = services.settings.policy()
    catalogue = services.exercises.catalogue()
    records = services.assessments.for_client(client_id)
    assessments = tuple(AssessmentFile.model_validate(r.data) for r in records)
    programme, logs, photos = None, (), {}
    if programme_id is not None:
        programme, stored = services.programmes.load(programme_id)
        if stored.client_id != client_id:
            raise NotFoundError(f"programme {programme_id} is not this client's")
        logs = tuple(services.programmes.logs(programme_id))
        photos = services.media.photos_in_use([i.code for i in programme.items])
    # Draft red flags and worse neurology count too, as everywhere else.
    context = services.assessments.context(client_id) or ClientContext()
    if kind == HANDOUT:
        if programme is None:
            raise NotFoundError("this client has no programme yet: build one in the Programme tab")
        blocked = handout_check(programme, catalogue, context, policy)
        if blocked is not None:
            return blocked
        no_contact = contact_problem(policy.settings)
        if no_contact is not None:  # the window asks for the phone before it gets here
            return Blocked(no_contact, field=CONTACT_SETTING)
    elif kind == SUMMARY and not assessments:
        raise NotFoundError("this client has no assessment yet")
    elif kind == PROGRESS and not assessments:
        raise NotFoundError("this client has no assessments to report progress on")
    running, care = (None, None)
    if kind == HANDOUT and programme is not None:
        running, care = handout_sections(programme, catalogue, policy, logs)
    return DocumentPlan(
        kind=kind,
        policy=policy,
        catalogue=catalogue,
        context=context,
        programme=programme,
        programme_id=programme_id,
        assessments=assessments,
        logs=logs,
        logo=services.settings.logo(),
        photos=photos,
        running_plan=running,
        care_pathway=care,
    )


def handout_sections(
    programme: Programme,
    catalogue: Catalogue,
    policy: ClinicPolicy,
    logs: Sequence[SessionLog] = (),
) -> tuple[RunningPlan | None, CarePathway | None]:
    """The handout's optional sections for this programme, on every path alike: its own runs
    as a running plan, and the care pathway it was planned for (carried in its client
    context, so a programme file prints the same)."""
    schedule = materialise(programme, catalogue, logs, policy=policy)
    context = programme.client_context
    pathway = context.care_pathway if context is not None else None
    return running_plan_of(programme, schedule), care_pathway(pathway) if pathway else None
