"""The client's home programme: short, with this week's doses at a glance.

Everything comes from planner's objects: the dose of every week from
:func:`planner.programme.schedule.materialise` (so paper, window and calendar agree), the
wording of doses, changes and the pain rule from :mod:`planner.programme.text`, the warning
signs and the optional sections from :mod:`planner.documents`, the exercise's steps, cues and
precautions from the library.

The booklet, in order: the front page (clinic, plan, goals, and the stop box with the clinic's
phone), this week at a glance, the care-pathway education when there is some, one card per
exercise (two or three to a page), the weeks that change, the running plan when there is one,
and the log sheet only when asked for. A handout is never made without the clinic's phone
number (:func:`planner.documents.require_contact`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from reportlab.platypus import Flowable, KeepTogether, Spacer

from exercise_library.catalogue import Catalogue
from exercise_library.vocabulary import Condition
from planner.documents import CarePathway, RunningPlan, require_contact
from planner.errors import UserError
from planner.policy import ClinicPolicy
from planner.programme.ladder import is_running
from planner.programme.model import Programme, SessionLog
from planner.programme.schedule import Schedule, materialise
from planner.settings import ClinicSettings
from reports.document import PageSetup, reference_for, render
from reports.handout_cards import card_plans, cards_section
from reports.handout_front import condition_boxes, intro_section, safety_section
from reports.handout_plan import (
    changes_section,
    client_section,
    current_week,
    glance,
    glance_section,
    running_section,
    week_changes,
)
from reports.log_sheet import log_sheet_section
from reports.sections import clinic_header
from reports.styles import get_styles


def _conditions(values: Iterable[Condition | str]) -> frozenset[Condition]:
    out = set()
    for value in values:
        try:
            out.add(Condition(value))
        except ValueError:
            known = ", ".join(c.value for c in Condition)
            raise UserError(f"condition '{value}' is not a known code ({known})") from None
    return frozenset(out)


def build_handout(
    programme: Programme,
    catalogue: Catalogue,
    clinic: ClinicSettings | None = None,
    *,
    logo: bytes | None = None,
    photos: Mapping[str, bytes] | None = None,
    conditions: Iterable[Condition | str] = (),
    logs: Iterable[SessionLog] = (),
    paper: str | None = None,
    large_print: bool | None = None,
    printed: dt.date | None = None,
    reference: str | None = None,
    running_plan: RunningPlan | None = None,
    care_pathway: CarePathway | None = None,
    log_sheet: bool = False,
    schedule: Schedule | None = None,
) -> bytes:
    """The home programme as PDF bytes.

    ``conditions`` are the client's condition codes: an exercise's precaution for one of them
    is printed on its card, and a condition with stop signs of its own (pregnancy) gets a box.
    ``logs`` let held or stepped-back doses show (or pass the ``schedule`` already made from
    them). ``running_plan`` and ``care_pathway`` add their sections when given; without them
    the handout is complete. ``log_sheet`` adds the tick sheet at the end. Paper and print
    size default to the clinic's settings; distances are printed in the clinic's unit.

    Raises :class:`UserError` when the clinic has no phone number to print.
    """
    clinic = clinic or ClinicSettings()
    require_contact(clinic)
    client_conditions = _conditions(conditions)
    st = get_styles(clinic.large_print if large_print is None else large_print)
    printed = printed or dt.date.today()
    policy = ClinicPolicy.from_settings(clinic)
    thresholds = policy.thresholds
    if schedule is None:
        schedule = materialise(programme, catalogue, logs, policy=policy)
    setup = PageSetup(
        paper=paper or clinic.paper,
        styles=st,
        printed=printed,
        reference=reference_for(programme.model_dump(mode="json"))
        if reference is None
        else reference,
        footer_left=" · ".join(p for p in (programme.client, "Home programme") if p),
        title=f"Home programme: {programme.title}",
        author=clinic.clinic_name,
    )
    width = setup.frame_width
    runs = running_plan is not None or any(
        (ex := catalogue.get(iw.code)) is not None and is_running(ex) for iw in schedule.item_weeks
    )
    plans = card_plans(programme, schedule, catalogue)
    week_now = current_week(programme, printed)
    now = glance(programme, schedule, printed, running_plan)
    later = week_changes(programme, schedule, catalogue, now.last_week, running_plan)

    story: list[Flowable] = []
    story += clinic_header(clinic, logo, st, width, with_qr=True)
    story += intro_section(programme, st, width, printed)
    safety = safety_section(clinic, thresholds, st, width, running=runs)
    front = [Spacer(1, st.gap), KeepTogether([safety])]
    front += condition_boxes(client_conditions, st, width)
    # Each section starts with a heading, whose space above separates it from the last one.
    week = glance_section(now, programme, st, width, has_changes=bool(later), printed=printed)
    # In normal print the stop box shares page one with the plan's details. In large print it
    # fills a page of its own, so this week's exercises come first and page one is not left
    # half empty; the clinic's phone number is in the header on page one either way.
    story += [*week, *front] if st.large else [*front, *week]
    if care_pathway is not None and care_pathway.section is not None:
        story += client_section(care_pathway.section, st)
    story += cards_section(
        plans,
        week_now,
        client_conditions,
        policy,
        photos or {},
        st,
        width,
        setup.frame_height - 4,
        programme.therapist,
    )
    story += changes_section(later, programme, st, width)
    if running_plan is not None:
        story += running_section(running_plan, st, width, clinic.distance_unit, policy)
    if log_sheet:
        story += log_sheet_section(programme, schedule, st, width)
    return render(story, setup)
