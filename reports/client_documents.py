"""The documents of one client as PDF files, for `client export` (a person's copy of their records).

The same builders as the Documents tab: each programme's home programme, each assessment's
summary, and a progress report when there are two assessments or more to compare. File names
carry record numbers, never the client's name.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planner.assessment.model import AssessmentFile
from planner.documents import contact_problem
from planner.files import atomic_write

if TYPE_CHECKING:
    from planner.services import Services


def write_client_documents(services: Services, client_id: int, folder: Path) -> list[Path]:
    from reports.assessment_summary import build_assessment_summary
    from reports.handout import build_handout
    from reports.progress_report import build_progress_report

    policy = services.settings.policy()
    logo = services.settings.logo()
    catalogue = services.exercises.catalogue()
    records = services.assessments.for_client(client_id)
    assessments = [AssessmentFile.model_validate(r.data) for r in records]
    conditions = assessments[-1].client.conditions if assessments else ()
    written: list[Path] = []

    def write(name: str, pdf: bytes) -> None:
        path = folder / name
        atomic_write(path, pdf)
        written.append(path)

    latest_programme = latest_logs = None
    # A handout needs the clinic's phone number; without it the records go out without one.
    handouts = contact_problem(policy.settings) is None
    for summary in services.programmes.for_client(client_id):
        programme, _ = services.programmes.load(summary.id)
        logs = services.programmes.logs(summary.id)
        photos = services.media.photos_in_use(sorted({item.code for item in programme.items}))
        if handouts:
            pdf = build_handout(
                programme, catalogue, policy.settings, logo=logo, photos=photos,
                conditions=conditions, logs=logs, reference=f"P{summary.id}",
            )  # fmt: skip
            write(f"handout-programme-{summary.id}.pdf", pdf)
        if latest_programme is None:  # for_client lists the newest first
            latest_programme, latest_logs = programme, logs
    for record, assessment in zip(records, assessments, strict=True):
        pdf = build_assessment_summary(assessment, policy, logo=logo, catalogue=catalogue)
        write(f"assessment-{record.id}-summary.pdf", pdf)
    if len(assessments) >= 2:
        pdf = build_progress_report(
            assessments, policy, logo=logo, logs=list(latest_logs or []),
            programme=latest_programme, catalogue=catalogue,
        )  # fmt: skip
        write("progress-report.pdf", pdf)
    return written
