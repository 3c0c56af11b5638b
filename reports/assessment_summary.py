"""The assessment summary for the clinical record or a referral letter.

Everything it states comes from planner: :func:`planner.assessment.analysis.analyse` for red
flags, scores and imbalances with their evidence, and
:func:`planner.assessment.recommend.recommend` for the outline of the plan. The reader is a
clinician, so clinical terms stay; each imbalance keeps the measured values and the threshold
behind it, so a colleague can check the reasoning without the app.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Final

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from exercise_library.catalogue import Catalogue, builtin_catalogue
from planner.assessment.analysis import Findings, analyse
from planner.assessment.model import AssessmentFile, PosNeg
from planner.assessment.recommend import Recommendation, recommend
from planner.assessment.red_flags import LEVEL_WORDS
from planner.assessment.thresholds import Referral
from planner.assessment.view import (
    care_pathway_line,
    nerve_lines,
    referral_headline,
    score_lines,
)
from planner.policy import ClinicPolicy
from planner.programme.model import Programme
from planner.programme.schedule import materialise
from planner.text import join_words
from planner.units import DistanceUnit, WeightUnit, distance_text, weight_text
from reports.document import PageSetup, date_text, reference_for, render
from reports.sections import (
    Paragraph,
    Table,
    bullets,
    clinic_header,
    facts_table,
    grid_style,
    markup,
    para,
)
from reports.styles import INK, TINT, Styles, esc, get_styles
from reports.wording import dose_sentence

# How each objective test is named and measured on paper; tests added to the format later fall
# back to the vocabulary's label.
TEST_LABELS: Final[dict[str, tuple[str, str]]] = {
    "trunk_flexor_endurance_s": ("Trunk flexor endurance", " s"),
    "trunk_extensor_endurance_s": ("Back extensor endurance (Biering-Sørensen)", " s"),
    "side_bridge_endurance_s": ("Side bridge endurance", " s"),
    "thomas_test": ("Thomas test", ""),
    "active_knee_extension_deficit_deg": ("Active knee extension deficit", "°"),
    "straight_leg_raise_deg": ("Straight-leg raise", "°"),
    "trendelenburg": ("Trendelenburg (stance leg)", ""),
    "single_leg_squat": ("Single-leg squat (score 1–3)", ""),
    "hip_abduction_strength": ("Hip abduction strength", ""),
    "hip_extension_strength": ("Hip extension strength", ""),
    "prone_instability_test": ("Prone instability test", ""),
    "aberrant_movement": ("Aberrant movement", ""),
    "lumbar_flexion_deg": ("Lumbar flexion", "°"),
    "lumbar_extension_deg": ("Lumbar extension", "°"),
    "slr_reproduces": ("Straight-leg raise brings on symptoms in", ""),
    "slump_test": ("Slump test", ""),
    "crossed_slr": ("Crossed straight-leg raise (symptomatic leg)", ""),
    "neuro_exam": ("Neurological exam (power, sensation, reflexes)", ""),
    "directional_preference": ("Directional preference", ""),
    "centralises": ("Repeated movements centralise the pain", ""),
    "thoracic_rotation_deg": ("Thoracic rotation (seated)", "°"),
}


def _value(value: Any, unit: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, PosNeg):
        return value.value.capitalize()
    if isinstance(value, float | int):
        return f"{value:g}{unit}"
    if isinstance(value, StrEnum):
        return value.value.replace("_", " ").capitalize()
    return str(value)


def _age(a: AssessmentFile) -> str:
    return f"{date_text(a.client.birth_date)} (age {a.age})"


def client_section(
    a: AssessmentFile, st: Styles, width: float, weight_unit: WeightUnit = "kg"
) -> list[Flowable]:
    c = a.client
    rows = [
        ("Client", c.name),
        ("Born", _age(a)),
        ("Sex", c.sex.value.capitalize() if c.sex else "Not recorded"),
        ("Assessed", f"{a.date:%A} {date_text(a.date)}"),
    ]
    if c.conditions:
        conditions = [cond.label for cond in c.conditions]
        if c.pregnancy_trimester is not None:
            conditions = [
                f"{label} (trimester {c.pregnancy_trimester})" if label == "Pregnancy" else label
                for label in conditions
            ]
        rows.append(("Conditions", ", ".join(conditions)))
    if c.height_cm or c.weight_kg:
        body = []
        if c.height_cm:
            body.append(f"{c.height_cm:g} cm")
        if c.weight_kg:
            body.append(weight_text(c.weight_kg, weight_unit))
        rows.append(("Height, weight", ", ".join(body)))
    rows.append(("Experience", c.experience.value.capitalize()))
    return [facts_table(rows, st, width, pairs_per_line=1 if st.large else 2)]


def referral_section(a: AssessmentFile, f: Findings, st: Styles, width: float) -> list[Flowable]:
    """Red flags first, in a heavy box: the one thing a reader must not miss."""
    content: list[Flowable] = [markup(f"<b>Referral:</b> {esc(referral_headline(f, a))}", st.body)]
    for flag in f.red_flags:
        level = LEVEL_WORDS[flag.level].short
        content.append(
            Paragraph(
                f"<b>{esc(flag.code.label)}</b> ({esc(level)}): {esc(flag.message)}",
                st.bullet,
                bulletText="•",
            )
        )
    content.extend(markup(f"<b>Note:</b> {esc(n)}", st.body) for n in f.notes)
    content.extend(markup(esc(line), st.body) for line in nerve_lines(f))
    pathway = care_pathway_line(f)
    if pathway:
        content.append(markup(esc(pathway), st.body))
    heavy = f.referral is not Referral.NONE
    box = Table([[content]], colWidths=[width], hAlign="LEFT")
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2.2 if heavy else 0.8, INK),
                ("BACKGROUND", (0, 0), (-1, -1), TINT if heavy else None),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return [Spacer(1, st.gap), box]


def pain_section(a: AssessmentFile, st: Styles, width: float) -> list[Flowable]:
    p = a.pain
    if p is None:
        return []
    rows = []
    scores = [
        f"{label} {value}/10"
        for label, value in (("now", p.now), ("best", p.best), ("worst", p.worst))
        if value is not None
    ]
    if scores:
        rows.append(("Pain (NPRS)", ", ".join(scores)))
    if p.area:
        rows.append(("Where", p.area))
    if p.pattern:
        rows.append(("Pattern", p.pattern))
    if p.aggravating:
        rows.append(("Worse with", ", ".join(p.aggravating)))
    if p.easing:
        rows.append(("Eased by", ", ".join(p.easing)))
    if not rows:
        return []
    return [markup("Pain", st.h2), facts_table(rows, st, width)]


def scores_section(a: AssessmentFile, f: Findings, st: Styles, width: float) -> list[Flowable]:
    rows: list[list[object]] = [
        [markup(h, st.cell_head) for h in ("Questionnaire", "Score", "Band or risk group")]
    ]
    for line in score_lines(f.scores):
        if line.key == "nprs":
            continue  # pain has its own section
        score = esc(line.score)
        if line.key == "psfs" and a.questionnaires.psfs:
            listed = "; ".join(f"{i.activity} {i.score:g}" for i in a.questionnaires.psfs)
            score += f" ({esc(listed)})"
        rows.append(
            [
                markup(esc(line.name), st.cell),
                markup(score, st.cell),
                markup(esc((line.band or "–").capitalize()), st.cell_bold),
            ]
        )
    if len(rows) == 1:
        return [markup("Questionnaires", st.h2), markup("No questionnaires recorded.", st.body)]
    label_w = 55 * mm if not st.large else 60 * mm
    band_w = 42 * mm if not st.large else 48 * mm
    table = Table(rows, colWidths=[label_w, width - label_w - band_w, band_w], repeatRows=1)
    table.setStyle(TableStyle(grid_style()))
    return [markup("Questionnaires", st.h2), table]


def tests_section(a: AssessmentFile, st: Styles, width: float) -> list[Flowable]:
    rows: list[list[object]] = [[markup(h, st.cell_head) for h in ("Test", "Left", "Right")]]
    spans: list[int] = []
    for name in type(a.tests).model_fields:
        value = getattr(a.tests, name)
        if value is None:
            continue
        label, unit = TEST_LABELS.get(name, (name.replace("_", " ").capitalize(), ""))
        if hasattr(value, "left") and hasattr(value, "right"):
            left, right = _value(value.left, unit), _value(value.right, unit)
            rows.append(
                [
                    markup(esc(label), st.cell),
                    markup(esc(left), st.cell_centre),
                    markup(esc(right), st.cell_centre),
                ]
            )
        else:
            spans.append(len(rows))
            rows.append(
                [markup(esc(label), st.cell), markup(esc(_value(value, unit)), st.cell_centre), ""]
            )
    if len(rows) == 1:
        return []
    side_w = (30 if st.large else 26) * mm
    table = Table(rows, colWidths=[width - 2 * side_w, side_w, side_w], repeatRows=1)
    table.setStyle(TableStyle(grid_style() + [("SPAN", (1, r), (2, r)) for r in spans]))
    return [KeepTogether([markup("Objective tests", st.h2), table])]


def running_section(
    a: AssessmentFile, st: Styles, width: float, distance_unit: DistanceUnit = "km"
) -> list[Flowable]:
    r = a.running
    if r is None:
        return []

    def km(value: float) -> str:
        return distance_text(value, distance_unit)

    rows = [("Weekly distance", km(r.weekly_km))]
    if r.weekly_km_last_week is not None:
        rows.append(("Last week", km(r.weekly_km_last_week)))
    if r.weekly_km_4_weeks_ago is not None:
        rows.append(("Four weeks before", km(r.weekly_km_4_weeks_ago)))
    if r.longest_run_km is not None:
        rows.append(("Longest run", km(r.longest_run_km)))
    if r.longest_run_previous_30_days_km is not None:
        rows.append(("Longest in the 30 days before", km(r.longest_run_previous_30_days_km)))
    if r.shoe_km is not None:
        rows.append(("Shoes have done", km(r.shoe_km)))
    if r.rest_days_per_week is not None:
        rows.append(("Rest days a week", str(r.rest_days_per_week)))
    if r.warm_up is not None:
        rows.append(("Warms up", "Yes" if r.warm_up else "No"))
    if r.surface is not None:
        rows.append(("Surface", r.surface.value.capitalize()))
    if r.cross_training:
        rows.append(("Cross-training", ", ".join(r.cross_training)))
    return [
        markup("Running", st.h2),
        facts_table(rows, st, width, pairs_per_line=1 if st.large else 2),
    ]


def imbalances_section(f: Findings, st: Styles) -> list[Flowable]:
    heading = markup("Imbalances and the evidence for each", st.h2)
    if not f.imbalances:
        return [KeepTogether([heading, markup("None found in the tests recorded.", st.body)])]
    out: list[Flowable] = []
    for n, finding in enumerate(f.imbalances):
        side = f" ({finding.side.value})" if finding.side else ""
        block: list[Flowable] = [heading] if n == 0 else []
        block.append(markup(f"<b>{esc(finding.code.label)}{esc(side)}</b>", st.body))
        block.extend(bullets(finding.evidence, st))
        out.append(KeepTogether(block))
    return out


def plan_section(
    r: Recommendation,
    programme: Programme | None,
    catalogue: Catalogue,
    st: Styles,
    width: float,
    distance_unit: DistanceUnit = "km",
) -> list[Flowable]:
    out: list[Flowable] = [markup("Plan outline", st.h2)]
    if r.blocked_reason:
        out.append(markup(f"<b>{esc(r.blocked_reason)}</b>", st.body))
        return out
    if programme is not None:
        out.extend(_programme_outline(programme, catalogue, st, width, distance_unit))
        return out
    out.append(
        markup(
            f"Starting programme recommended from these findings: {len(r.exercises)} exercises, "
            f"about {r.estimated_minutes:.0f} of {r.session_minutes:g} minutes a session.",
            st.body,
        )
    )
    rows: list[list[object]] = [
        [markup(h, st.cell_head) for h in ("Exercise", "Why it was chosen, and cautions")]
    ]
    for e in r.exercises:
        why = [markup(esc(e.reason), st.cell)]
        why += [markup(f"<b>Caution:</b> {esc(c)}", st.cell) for c in e.cautions]
        rows.append(
            [
                [
                    markup(f"<b>{esc(e.exercise.name)}</b>", st.cell),
                    markup(esc(e.exercise.modality.label), st.cell),
                ],
                why,
            ]
        )
    name_w = (55 if st.large else 45) * mm
    table = Table(rows, colWidths=[name_w, width - name_w], repeatRows=1)
    table.setStyle(TableStyle(grid_style()))
    out.append(table)
    for code, why in r.uncovered.items():
        out.append(markup(f"<b>Not covered: {esc(code.label.lower())}.</b> {esc(why)}", st.body))
    out.extend(markup(f"<b>Note:</b> {esc(n)}", st.body) for n in r.notes)
    if r.excluded:
        out.append(
            markup(
                f"{len(r.excluded)} relevant exercises were left out as unsafe or unsuitable "
                "for this client; the app lists each with its reason.",
                st.small,
            )
        )
    return out


def _programme_outline(
    programme: Programme,
    catalogue: Catalogue,
    st: Styles,
    width: float,
    distance_unit: DistanceUnit = "km",
) -> list[Flowable]:
    schedule = materialise(programme, catalogue, distance_unit=distance_unit)
    out: list[Flowable] = [
        markup(
            f"<b>{esc(programme.title)}</b>: {programme.total_weeks} weeks from "
            f"{esc(date_text(programme.start))}.",
            st.body,
        )
    ]
    for number, (phase, (first, last)) in enumerate(
        zip(programme.phases, programme.phase_weeks(), strict=True), start=1
    ):
        focus = f" {esc(phase.focus)}" if phase.focus else ""
        out.append(
            Paragraph(
                f"<b>Phase {number}, weeks {first}–{last}: {esc(phase.name)}.</b>{focus}",
                st.bullet,
                bulletText="•",
            )
        )
    rows: list[list[object]] = [[markup(h, st.cell_head) for h in ("Exercise", "Starting dose")]]
    for row in schedule.progression_table():
        start = next(w for w in row.weeks if w is not None)
        item = programme.item(row.key)
        assert item is not None
        later = {w.name for w in row.weeks if w is not None} - {row.name}
        name = [markup(f"<b>{esc(row.name)}</b>", st.cell)]
        if later:
            name.append(markup(f"then {esc(join_words(sorted(later)))}", st.cell))
        dose = f"Week {start.week}: {dose_sentence(start.text, item.days)}"
        rows.append([name, markup(esc(dose), st.cell)])
    name_w = 60 * mm
    table = Table(rows, colWidths=[name_w, width - name_w], repeatRows=1)
    table.setStyle(TableStyle(grid_style()))
    out.append(table)
    return out


def build_assessment_summary(
    assessment: AssessmentFile,
    policy: ClinicPolicy,
    *,
    logo: bytes | None = None,
    catalogue: Catalogue | None = None,
    programme: Programme | None = None,
    therapist: str | None = None,
    paper: str | None = None,
    large_print: bool | None = None,
    printed: dt.date | None = None,
    reference: str | None = None,
) -> bytes:
    """The summary as PDF bytes under the clinic's policy; ``programme``, when given, outlines
    the actual plan instead of the recommendation."""
    clinic = policy.settings
    st = get_styles(clinic.large_print if large_print is None else large_print)
    cat = catalogue if catalogue is not None else builtin_catalogue()
    findings = analyse(assessment, policy)
    rec = recommend(assessment, policy, cat)
    setup = PageSetup(
        paper=paper or clinic.paper,
        styles=st,
        printed=printed or dt.date.today(),
        reference=reference_for(assessment.model_dump(mode="json"))
        if reference is None
        else reference,
        footer_left=f"{assessment.client.name} · Assessment summary",
        title=f"Assessment summary: {assessment.client.name}, {assessment.date.isoformat()}",
        author=clinic.clinic_name,
    )
    width = setup.frame_width
    story: list[Flowable] = []
    story += clinic_header(clinic, logo, st, width)
    story.append(markup("Assessment summary", st.title))
    if therapist:
        story.append(markup(f"Assessed by {esc(therapist)}", st.subtitle))
    story += client_section(assessment, st, width, clinic.weight_unit)
    story += referral_section(assessment, findings, st, width)
    story += pain_section(assessment, st, width)
    story += scores_section(assessment, findings, st, width)
    story += tests_section(assessment, st, width)
    story += running_section(assessment, st, width, clinic.distance_unit)
    story += imbalances_section(findings, st)
    story += plan_section(rec, programme, cat, st, width, clinic.distance_unit)
    if assessment.notes:
        story += [markup("Therapist's notes", st.h2), para(assessment.notes, st.body)]
    return render(story, setup)
