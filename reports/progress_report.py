"""The progress report: how scores and pain moved across assessments and logged sessions.

Changes are judged by :func:`planner.assessment.compare.compare` against each instrument's
minimal important change, and the charts shade the same margin around the first score, so a
reader sees at a glance which movements are real and which are within the noise. Pain during
exercise and the next morning comes from the session logs, drawn against the pain-monitoring
limits in :mod:`planner.programme.facts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle

from exercise_library.catalogue import Catalogue, builtin_catalogue
from planner.assessment.compare import Direction, ScoreChange, compare
from planner.assessment.model import AssessmentFile
from planner.assessment.scores import Scores, compute_scores
from planner.assessment.thresholds import ClinicalThresholds
from planner.assessment.view import change_judgement as judgement
from planner.errors import UserError
from planner.policy import ClinicPolicy
from planner.programme import facts
from planner.programme.model import Programme, SessionLog, SessionStatus
from planner.programme.schedule import Schedule, materialise
from reports.charts import Band, ChartSpec, RefLine, Series, legend_height, time_chart
from reports.document import PageSetup, date_text, reference_for, render
from reports.sections import Table, clinic_header, facts_table, grid_style, markup
from reports.styles import Styles, esc, get_styles


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + _n(value)


def changes_table(
    changes: Sequence[ScoreChange],
    before: dt.date,
    after: dt.date,
    st: Styles,
    width: float,
) -> Table:
    head = [
        "Score",
        f"{before.day} {before:%b %Y}",
        f"{after.day} {after:%b %Y}",
        "Change",
        "Judged against",
    ]
    rows: list[list[object]] = [[markup(esc(h), st.cell_head) for h in head]]
    for c in changes:
        rows.append(
            [
                markup(esc(c.label), st.cell),
                markup(_n(c.old), st.cell_centre),
                markup(_n(c.new), st.cell_centre),
                markup(f"<b>{_signed(c.change)}</b> {esc(c.direction.value)}", st.cell_centre),
                markup(f"<b>{esc(judgement(c))}</b>: {esc(c.mic_rule)}", st.cell),
            ]
        )
    label_w = (52 if st.large else 46) * mm
    num_w = (26 if st.large else 18) * mm
    change_w = (30 if st.large else 21) * mm
    rest = width - label_w - 2 * num_w - change_w
    widths = [label_w, num_w, num_w, change_w, rest]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(grid_style()))
    return table


@dataclass(frozen=True)
class _Measure:
    title: str
    read: Callable[[Scores], float | None]
    y_max: float
    y_step: float
    mic: float | None
    second: tuple[str, Callable[[Scores], float | None]] | None = None
    first_label: str = ""


def _measures(th: ClinicalThresholds) -> list[_Measure]:
    q = th.questionnaires
    return [
        _Measure(
            "Oswestry Disability Index (%)",
            lambda s: s.odi.percent if s.odi else None,
            100,
            20,
            q.odi_mic_points,
        ),
        _Measure(
            "Pain (0–10)",
            lambda s: s.nprs.now if s.nprs and s.nprs.now is not None else None,
            10,
            2,
            q.nprs_mic_points,
            second=("Worst pain", lambda s: s.nprs.worst if s.nprs else None),
            first_label="Pain now",
        ),
        _Measure(
            "Patient-Specific Functional Scale (mean)",
            lambda s: s.psfs.mean if s.psfs else None,
            10,
            2,
            q.psfs_mic_mean,
        ),
        _Measure(
            "Roland-Morris (0–24)",
            lambda s: float(s.roland_morris.total) if s.roland_morris else None,
            24,
            4,
            q.roland_morris_mic_points,
        ),
        _Measure(
            "STarT Back total (0–9)",
            lambda s: float(s.start_back.total) if s.start_back else None,
            9,
            3,
            None,
        ),
    ]


def score_charts(
    dated: Sequence[tuple[dt.date, Scores]], th: ClinicalThresholds, st: Styles, width: float
) -> list[Flowable]:
    """One chart per score measured at two or more assessments, two charts to a row."""
    specs: list[ChartSpec] = []
    cols = 1 if st.large else 2
    chart_w = (width - (cols - 1) * 6 * mm) / cols
    chart_h = (88 if st.large else 64) * mm
    for m in _measures(th):
        points = [(day, v) for day, s in dated if (v := m.read(s)) is not None]
        if len(points) < 2:
            continue
        series = [Series(m.first_label or "Score", points)]
        if m.second is not None:
            label, read = m.second
            extra = [(day, v) for day, s in dated if (v := read(s)) is not None]
            if extra:
                series.append(Series(label, extra, dashed=True, open_marker=True))
        bands = []
        if m.mic is not None:
            first = points[0][1]
            bands.append(
                Band(
                    max(0.0, first - m.mic),
                    min(m.y_max, first + m.mic),
                    f"Too small to matter (under {m.mic:g} points from the first)",
                )
            )
        spec = ChartSpec(
            title=m.title,
            series=series,
            y_min=0,
            y_max=m.y_max,
            y_step=m.y_step,
            bands=bands,
        )
        specs.append(spec)
    if not specs:
        return []
    fs = st.small.fontSize
    charts: list[Flowable] = []
    for i in range(0, len(specs), cols):
        row = specs[i : i + cols]
        room = max(legend_height(s, chart_w, fs) for s in row)
        charts.extend(time_chart(s, chart_w, chart_h, fs, room) for s in row)
    out: list[Flowable] = []
    note = markup(
        "Shaded bands show changes smaller than the minimal important change from the first "
        "assessment: movement inside a band is within the noise of the measure.",
        st.small,
    )
    for i in range(0, len(charts), cols):
        row: list[object] = list(charts[i : i + cols])
        row += [""] * (cols - len(row))
        line = Table([row], colWidths=[chart_w + (6 * mm if cols > 1 else 0)] * cols, hAlign="LEFT")
        line.setStyle(
            TableStyle(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        # the heading stays with the first row of charts; later rows may start a new page
        first = [markup("Scores over time", st.h2), note, line]
        out.append(KeepTogether(first) if i == 0 else line)
    return out


def pain_chart(logs: Sequence[SessionLog], st: Styles, width: float) -> list[Flowable]:
    """Worst pain logged each session day, during exercise and the next morning."""
    during: dict[dt.date, int] = {}
    morning: dict[dt.date, int] = {}
    for log in logs:
        if log.pain_during is not None:
            during[log.date] = max(during.get(log.date, 0), log.pain_during)
        if log.pain_next_morning is not None:
            morning[log.date] = max(morning.get(log.date, 0), log.pain_next_morning)
    if not during and not morning:
        return []
    series = []
    if during:
        series.append(Series("Pain during exercise", sorted(during.items())))
    if morning:
        series.append(
            Series("Pain the next morning", sorted(morning.items()), dashed=True, open_marker=True)
        )
    spec = ChartSpec(
        title="Worst pain logged each day (0–10)",
        series=series,
        y_min=0,
        y_max=10,
        y_step=2,
        lines=[
            RefLine(facts.PAIN_SAFE_MAX, f"safe ≤ {facts.PAIN_SAFE_MAX}"),
            RefLine(facts.PAIN_ACCEPTABLE_MAX, f"too much > {facts.PAIN_ACCEPTABLE_MAX}"),
        ],
    )
    chart = time_chart(spec, width, (95 if st.large else 70) * mm, st.small.fontSize)
    return [KeepTogether([markup("Pain during and after exercise", st.h2), chart])]


def adherence_section(
    programme: Programme, schedule: Schedule, logs: Sequence[SessionLog], st: Styles, width: float
) -> list[Flowable]:
    """Planned sessions against what was logged, week by week, up to the last logged day."""
    if not logs:
        return []
    last = max(log.date for log in logs)
    by_day_item = {(log.date, log.item): log for log in logs}
    rows: list[list[object]] = [
        [
            markup(h, st.cell_head)
            for h in ("Week", "Planned", "Done", "Partly", "Skipped", "Not logged", "Worst pain")
        ]
    ]
    for week in range(1, schedule.total_weeks + 1):
        days = [d for d in schedule.days if d.week == week and d.date <= last]
        if not days:
            break
        counts = {s: 0 for s in SessionStatus}
        planned = missing = 0
        worst: int | None = None
        for day in days:
            for item in day.items:
                planned += 1
                log = by_day_item.get((day.date, item.key))
                if log is None:
                    missing += 1
                    continue
                counts[log.status] += 1
                if log.pain_during is not None:
                    worst = max(worst or 0, log.pain_during)
        rows.append(
            [
                markup(str(week), st.cell_centre),
                markup(str(planned), st.cell_centre),
                markup(str(counts[SessionStatus.DONE]), st.cell_centre),
                markup(str(counts[SessionStatus.PARTIAL]), st.cell_centre),
                markup(str(counts[SessionStatus.SKIPPED]), st.cell_centre),
                markup(str(missing), st.cell_centre),
                markup("–" if worst is None else f"{worst}/10", st.cell_centre),
            ]
        )
    col = width / 7
    table = Table(rows, colWidths=[col] * 7, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(grid_style()))
    out: list[Flowable] = [
        KeepTogether(
            [
                markup("Sessions planned and logged", st.h2),
                markup(
                    f"Exercises planned each week of “{esc(programme.title)}” up to the last "
                    f"logged day ({esc(date_text(last))}).",
                    st.body,
                ),
                table,
            ]
        )
    ]
    # the week after the last log is the first one those logs can still change
    reach = (last - programme.start).days // 7 + 2
    held = sorted(
        (iw for iw in schedule.item_weeks if iw.week <= reach and (iw.held or iw.stepped_back)),
        key=lambda iw: (iw.week, iw.order),
    )
    if held:
        rows = [[markup(h, st.cell_head) for h in ("Week", "Exercise", "What the logs changed")]]
        for iw in held:
            what = " ".join([*(iw.changes if iw.stepped_back else ()), *iw.held])
            rows.append(
                [
                    markup(str(iw.week), st.cell_centre),
                    markup(esc(iw.name), st.cell),
                    markup(esc(what), st.cell),
                ]
            )
        week_w, name_w = 14 * mm, (52 if st.large else 45) * mm
        table = Table(rows, colWidths=[week_w, name_w, width - week_w - name_w], repeatRows=1)
        table.setStyle(TableStyle(grid_style()))
        out.append(KeepTogether([markup("Progressions held back or stepped down", st.h2), table]))
    return out


def _check_same_client(ordered: Sequence[AssessmentFile], policy: ClinicPolicy) -> None:
    for old, new in pairwise(ordered):
        compare(old, new, policy)  # raises a clear UserError for another client


def build_progress_report(
    assessments: Sequence[AssessmentFile],
    policy: ClinicPolicy,
    *,
    logs: Iterable[SessionLog] = (),
    programme: Programme | None = None,
    catalogue: Catalogue | None = None,
    logo: bytes | None = None,
    paper: str | None = None,
    large_print: bool | None = None,
    printed: dt.date | None = None,
    reference: str | None = None,
) -> bytes:
    """The progress report as PDF bytes, from one client's assessments (any order) and, when
    given, the programme and its session logs."""
    if not assessments:
        raise UserError("a progress report needs at least one assessment")
    clinic = policy.settings
    st = get_styles(clinic.large_print if large_print is None else large_print)
    ordered = sorted(assessments, key=lambda a: a.date)
    _check_same_client(ordered, policy)
    log_list = sorted(logs, key=lambda log: (log.date, log.item))
    schedule = None
    if programme is not None:
        schedule = materialise(
            programme,
            catalogue if catalogue is not None else builtin_catalogue(),
            log_list,
            policy=policy,
        )
    first, last = ordered[0], ordered[-1]
    client = last.client
    setup = PageSetup(
        paper=paper or clinic.paper,
        styles=st,
        printed=printed or dt.date.today(),
        reference=reference_for(
            [a.model_dump(mode="json") for a in ordered]
            + [log.model_dump(mode="json") for log in log_list]
        )
        if reference is None
        else reference,
        footer_left=f"{client.name} · Progress report",
        title=f"Progress report: {client.name}",
        author=clinic.clinic_name,
    )
    width = setup.frame_width
    facts_rows = [
        ("Client", client.name),
        ("Born", date_text(client.birth_date)),
        (
            "Assessments",
            f"{len(ordered)}, from {date_text(first.date)} to {date_text(last.date)}"
            if len(ordered) > 1
            else f"1, on {date_text(first.date)}",
        ),
    ]
    if programme is not None:
        facts_rows.append(
            ("Programme", f"{programme.title} ({programme.total_weeks} weeks from "
             f"{date_text(programme.start)})")
        )  # fmt: skip
    if log_list:
        facts_rows.append(("Sessions logged", f"{len(log_list)} exercise entries"))

    story: list[Flowable] = []
    story += clinic_header(clinic, logo, st, width)
    story.append(markup("Progress report", st.title))
    story.append(facts_table(facts_rows, st, width))
    story.append(Spacer(1, st.gap))

    if len(ordered) > 1:
        changes = compare(first, last, policy)
        story.append(markup("Changes since the first assessment", st.h2))
        story.append(_overview(changes, st))
        if changes:
            story.append(changes_table(changes, first.date, last.date, st, width))
        if len(ordered) > 2:
            previous = ordered[-2]
            recent = compare(previous, last, policy)
            if recent:
                story.append(markup("Changes since the previous assessment", st.h2))
                story.append(changes_table(recent, previous.date, last.date, st, width))
    else:
        story.append(
            markup(
                "Only one assessment so far: the changes appear once the client is assessed again.",
                st.body,
            )
        )
    dated = [(a.date, compute_scores(a, policy)) for a in ordered]
    story += score_charts(dated, policy.thresholds, st, width)
    story += pain_chart(log_list, st, width)
    if programme is not None and schedule is not None:
        story += adherence_section(programme, schedule, log_list, st, width)
    return render(story, setup)


def _overview(changes: Sequence[ScoreChange], st: Styles) -> Flowable:
    better = [c.label for c in changes if c.important and c.direction is Direction.BETTER]
    worse = [c.label for c in changes if c.important and c.direction is Direction.WORSE]
    if not changes:
        return markup("The two assessments share no scores to compare.", st.body)
    parts = []
    if better:
        parts.append(f"<b>Important improvement:</b> {esc(', '.join(better))}.")
    if worse:
        parts.append(f"<b>Important worsening:</b> {esc(', '.join(worse))}.")
    if not parts:
        parts.append("No score changed by its minimal important change or more.")
    return markup(" ".join(parts), st.body)
