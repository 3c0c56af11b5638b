"""One way from a prepared document to PDF bytes, for the window and the command line alike.

Planner decides what to print (:func:`planner.operations.documents.prepare_document` and
:func:`~planner.operations.documents.handout_check`); this only lays it out, so the same plan
gives the same pages on every path.
"""

from __future__ import annotations

from planner.errors import NotFoundError
from planner.operations.documents import HANDOUT, SUMMARY, DocumentPlan


def render_plan(
    plan: DocumentPlan,
    *,
    paper: str | None = None,
    large_print: bool | None = None,
    log_sheet: bool = False,
) -> bytes:
    """The PDF of ``plan``; ``log_sheet`` adds the tick sheet to a home programme."""
    if plan.kind == HANDOUT:
        from reports.handout import build_handout

        if plan.programme is None:
            raise NotFoundError("there is no programme to print")
        return build_handout(
            plan.programme,
            plan.catalogue,
            plan.policy.settings,
            logo=plan.logo,
            photos=plan.photos,
            conditions=sorted(plan.context.conditions),
            logs=plan.logs,
            paper=paper,
            large_print=large_print,
            reference=plan.reference,
            log_sheet=log_sheet,
            running_plan=plan.running_plan,
            care_pathway=plan.care_pathway,
        )
    if plan.kind == SUMMARY:
        from reports.assessment_summary import build_assessment_summary

        return build_assessment_summary(
            plan.assessments[-1],
            plan.policy,
            logo=plan.logo,
            catalogue=plan.catalogue,
            programme=plan.programme,
            paper=paper,
            large_print=large_print,
        )
    from reports.progress_report import build_progress_report

    return build_progress_report(
        list(plan.assessments),
        plan.policy,
        logs=list(plan.logs),
        programme=plan.programme,
        catalogue=plan.catalogue,
        logo=plan.logo,
        paper=paper,
        large_print=large_print,
    )
