"""The handout a client actually follows (issue 14): short, this week's doses at a glance, and
large print that works. Every check reads the printed PDF back.

The reference programme is six exercises over eight weeks on A4 (tests/reports/conftest.py).
Before this issue it printed on 10 pages (20 in large print), four of them log sheets.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from exercise_library.catalogue import Catalogue
from planner.assessment.scores import StartBackRisk
from planner.documents import RunningPlan, RunSession, care_pathway, pain_and_movement
from planner.programme.defaults import default_item
from planner.programme.model import Programme, ProgressField, ProgressionRule, Weekday
from planner.programme.schedule import Schedule, materialise
from planner.settings import ClinicSettings
from reports.handout import build_handout
from tests.reports.conftest import PRINTED
from tests.reports.reading import ReadPdf, flat, read

# Clinic, goals and safety; this week; the cards (the six exercises and, from week 6, the
# clamshell's next step on its ladder, the clamshell with a band); the weeks that change.
NORMAL_MAX_PAGES = 5
GLANCE = "This week at a glance"
CARDS = "How to do your exercises"
CHANGES = "What changes, week by week Only the weeks"  # the heading, not a mention of it
HEADINGS = {
    GLANCE,
    CARDS,
    "What changes, week by week",
    "Your log sheet",
    "Your running plan",
    "Pain and movement",
}


def body(page: str, client: str | None) -> str:
    """A page's text without its footer ('Client · Home programme Printed ... Page x of y')."""
    footer = " · ".join(p for p in (client, "Home programme") if p)
    return page.rsplit(footer, 1)[0].strip()


def segment(text: str, start: str, end: str | None) -> str:
    begin = text.index(start)
    stop = text.index(end, begin) if end else len(text)
    return text[begin:stop]


def changing_weeks(schedule: Schedule) -> set[int]:
    """The weeks (after the first) in which any exercise starts, stops, changes or is held,
    worked out here from the schedule's own doses, independently of the handout."""
    weeks = set()
    for row in schedule.progression_table():
        for week in range(2, schedule.total_weeks + 1):
            before, now = row.weeks[week - 2], row.weeks[week - 1]
            starts_or_stops = (before is None) != (now is None)
            changed = bool(before and now and (before.text, before.code) != (now.text, now.code))
            if starts_or_stops or changed or (now is not None and now.held):
                weeks.add(week)
    return weeks


# --- a short programme -------------------------------------------------------------------------


def test_the_reference_programme_is_four_pages_and_large_print_at_most_twice_that(
    reference_pdfs: dict[str, ReadPdf],
) -> None:
    normal, large = len(reference_pdfs["normal"].pages), len(reference_pdfs["large"].pages)
    assert normal <= NORMAL_MAX_PAGES, normal
    assert large <= 2 * normal, (large, normal)


def test_large_print_of_a_longer_plan_stays_within_twice_the_pages(
    plan: tuple[Programme, Catalogue], clinic: ClinicSettings
) -> None:
    # Twelve exercises, fifteen cards (the walk-jog climbs its ladder): cards squeeze their
    # pictures a little rather than leave a page half empty.
    normal, large = (
        len(read(build_handout(*plan, clinic, printed=PRINTED, large_print=size)).pages)
        for size in (False, True)
    )
    assert large <= 2 * normal, (large, normal)


def test_exercise_cards_share_pages_and_stay_whole(
    reference_pdfs: dict[str, ReadPdf], reference: tuple[Programme, Catalogue]
) -> None:
    programme, catalogue = reference
    schedule = materialise(programme, catalogue)
    for size, pdf in reference_pdfs.items():
        pages: list[int] = []
        for item in programme.items:
            exercise = catalogue[item.code]
            weeks = [iw.week for iw in schedule.weeks_of(item.key) if iw.code == item.code]
            span = f"Weeks {weeks[0]}–{weeks[-1]}"
            (page,) = pdf.pages_with(f"{exercise.name} {span}")
            text = pdf.pages[page]
            # The whole card is on that page: its purpose, first and last steps, tips, mistakes.
            for part in (exercise.purpose, exercise.steps[0], exercise.steps[-1]):
                assert flat(part) in text, (size, exercise.name, part)
            assert flat(exercise.cues[-1]) in text and flat(exercise.mistakes[-1]) in text
            pages.append(page)
        # Cards share pages: six cards on no more than three pages (five in large print).
        assert len(set(pages)) <= (5 if size == "large" else 3), (size, pages)
        assert max(pages.count(p) for p in pages) >= 2, size


def test_optional_boxes_and_sections_add_at_most_a_page_each(
    reference: tuple[Programme, Catalogue],
    reference_clinic: ClinicSettings,
    reference_pdfs: dict[str, ReadPdf],
) -> None:
    programme, catalogue = reference
    base = len(reference_pdfs["normal"].pages)
    runs = RunningPlan(
        sessions=tuple(
            RunSession(w, (Weekday.TUE, Weekday.SAT), f"Walk 4 minutes, then jog {w} minutes.")
            for w in range(1, 9)
        )
    )
    extras = {
        "condition box": {"conditions": ["pregnancy"]},
        "running plan": {"running_plan": runs},
        "care pathway": {"care_pathway": care_pathway(StartBackRisk.HIGH)},
    }
    for what, extra in extras.items():
        pdf = read(build_handout(programme, catalogue, reference_clinic, printed=PRINTED, **extra))
        assert len(pdf.pages) <= base + 1, (what, len(pdf.pages))


# --- this week at a glance ---------------------------------------------------------------------


def _glance_rows(text: str, names: list[str]) -> dict[str, tuple[str, int]]:
    """(dose, number of day marks) of each exercise's row in the glance table."""
    table = segment(text, "Exercise and how much", "Next change")
    starts = sorted((table.index(f"{name}: "), name) for name in names)
    rows = {}
    for (at, name), nxt in zip(starts, [*starts[1:], (len(table), "")], strict=True):
        row = table[at + len(name) + 2 : nxt[0]]
        rows[name] = (row.replace("●", "").strip(), row.count("●"))
    return rows


@pytest.mark.parametrize("size", ["normal", "large"])
def test_this_week_at_a_glance_gives_each_days_exercises_and_doses(
    size: str,
    reference_pdfs: dict[str, ReadPdf],
    reference: tuple[Programme, Catalogue],
) -> None:
    programme, catalogue = reference
    schedule = materialise(programme, catalogue)
    text = segment(reference_pdfs[size].text, GLANCE, CARDS)
    assert "Week 1: Monday 5 to Sunday 11 January." in text
    names = [catalogue[item.code].name for item in programme.items]
    rows = _glance_rows(text, names)
    for item in programme.items:
        iw = schedule.week_of(item.key, 1)
        assert iw is not None
        # The dose in the client's words, and a mark on each day it is done.
        assert rows[iw.name] == (iw.text, len(item.days)), iw.name
    # The date of the next change and of the next review.
    assert "Next change: Monday 12 January" in text
    assert "Next review with your physio: Monday 2 February." in text


def test_a_handout_printed_later_shows_that_weeks_doses(
    reference: tuple[Programme, Catalogue], reference_clinic: ClinicSettings
) -> None:
    programme, catalogue = reference
    schedule = materialise(programme, catalogue)
    printed = dt.date(2026, 2, 4)  # Wednesday of week 5
    pdf = read(build_handout(programme, catalogue, reference_clinic, printed=printed))
    text = segment(pdf.text, GLANCE, CARDS)
    # Week 5 raises four exercises' reps one at a time; week 6 moves the clamshell on.
    assert "Week 5: Monday 2 to Sunday 8 February." in text
    bird_dog = schedule.week_of("bird_dog-5", 5)
    assert bird_dog is not None and f"Bird dog: {bird_dog.text}" in text
    assert "Next change: Monday 9 February" in text
    assert "Next review with your physio: Monday 2 March." in text
    assert "• Bird dog: Reps up from 7 to 8." in text
    # The week table starts after this week.
    changes = segment(pdf.text, CHANGES, None)
    assert "Week 2" not in changes and "Week 6" in changes


# --- the weeks that change ---------------------------------------------------------------------


@pytest.mark.parametrize("size", ["normal", "large"])
def test_the_week_table_lists_only_the_weeks_that_change(
    size: str, reference_pdfs: dict[str, ReadPdf], reference: tuple[Programme, Catalogue]
) -> None:
    schedule = materialise(*reference)
    table = segment(reference_pdfs[size].text, CHANGES, None)
    listed = {int(w) for w in re.findall(r"Week (\d+) Mon", table)}
    expected = changing_weeks(schedule)
    assert listed == expected
    assert len(expected) < schedule.total_weeks - 1, "the reference has weeks with no change"
    assert "Same as last week" not in table
    # The new dose is given with the change, so nobody has to add changes up.
    # One more set with fewer reps is one step, so the week's work rises by at most 20%.
    assert "Cat-cow: Sets up from 2 to 3. Reps down from 12 to 9. Now: 3 sets of 9." in table


def test_the_twelve_exercise_plan_lists_only_its_changing_weeks(
    handout: ReadPdf, schedule: Schedule
) -> None:
    table = segment(handout.text, CHANGES, None)
    listed = {int(w) for w in re.findall(r"Week (\d+) Mon", table)}
    assert listed == changing_weeks(schedule)


# --- large print that works --------------------------------------------------------------------


@pytest.mark.parametrize(("which", "paper"), [("reference", "a4"), ("twelve", "letter")])
def test_no_large_print_page_holds_only_a_heading(
    which: str,
    paper: str,
    reference: tuple[Programme, Catalogue],
    reference_clinic: ClinicSettings,
    plan: tuple[Programme, Catalogue],
    clinic: ClinicSettings,
) -> None:
    (programme, catalogue), settings = (
        (reference, reference_clinic) if which == "reference" else (plan, clinic)
    )
    pdf = read(
        build_handout(
            programme,
            catalogue,
            settings,
            paper=paper,
            large_print=True,
            printed=PRINTED,
            conditions=["pregnancy"],
            log_sheet=True,
        )
    )
    for number, page in enumerate(pdf.pages, start=1):
        text = body(page, programme.client)
        assert text not in HEADINGS, (number, text)
        assert len(text.split()) > 12, (number, text)


def _long_names() -> tuple[Programme, Catalogue]:
    """Exercises whose names hold the library's longest words, in a plan that changes."""
    from exercise_library.catalogue import builtin_catalogue

    catalogue = builtin_catalogue()
    longest = sorted(
        catalogue, key=lambda e: -max(len(w) for w in e.name.split())
    )[:6]  # fmt: skip
    grow = ProgressionRule(field=ProgressField.SETS, step=1, cap=4, from_week=2)
    items = [
        default_item(ex, n).model_copy(update={"rules": [grow]})
        for n, ex in enumerate(longest, start=1)
    ]
    programme = Programme(title="Long names", start=PRINTED, phases=[_phase(6)], items=items)
    return programme, catalogue


def _phase(weeks: int):  # type: ignore[no-untyped-def]
    from planner.programme.model import Phase

    return Phase(name="All of it", weeks=weeks)


@pytest.mark.parametrize("large", [False, True])
def test_no_word_is_split_inside_a_table_cell(
    large: bool, reference_clinic: ClinicSettings
) -> None:
    programme, catalogue = _long_names()
    pdf = read(
        build_handout(
            programme,
            catalogue,
            reference_clinic,
            large_print=large,
            printed=PRINTED,
            log_sheet=True,
        )
    )
    names = [flat(catalogue[item.code].name) for item in programme.items]
    assert any(len(w) >= 14 for n in names for w in n.split()), names
    glance = segment(pdf.text, GLANCE, CARDS)
    log = segment(pdf.text, "Your log sheet", None)
    changes = segment(pdf.text, CHANGES, "Your log sheet")
    for name in names:
        # Each name prints whole (a split word would read "Knees-to-ches t") in every table.
        assert f"{name}: " in glance, name
        assert name in log, name
        changed = re.findall(r"• (.+?): ", changes)
        assert all(c in names for c in changed), changed


def test_large_print_keeps_the_phone_number_on_page_one(reference_pdfs: dict[str, ReadPdf]) -> None:
    for pdf in reference_pdfs.values():
        assert "Phone: 023 9200 0000" in pdf.pages[0]


# --- the log sheet -----------------------------------------------------------------------------


def test_the_log_sheet_puts_four_weeks_on_a_page(
    reference: tuple[Programme, Catalogue],
    reference_clinic: ClinicSettings,
    reference_pdfs: dict[str, ReadPdf],
) -> None:
    programme, catalogue = reference
    pdf = read(
        build_handout(programme, catalogue, reference_clinic, printed=PRINTED, log_sheet=True)
    )
    handout_pages = len(reference_pdfs["normal"].pages)
    assert len(pdf.pages) == handout_pages + 2  # eight weeks: two pages of log
    first, second = pdf.pages[handout_pages], pdf.pages[handout_pages + 1]
    assert first.startswith("Your log sheet")
    for week in range(1, 5):
        assert f"Week {week} Mon " in first and f"Week {week + 4} Mon " in second


# --- running plan and care pathway -------------------------------------------------------------


def test_a_running_plan_is_shown_day_by_day_with_its_advice(
    reference: tuple[Programme, Catalogue], reference_clinic: ClinicSettings
) -> None:
    programme, catalogue = reference
    runs = RunningPlan(
        sessions=(
            *(
                RunSession(w, (Weekday.TUE, Weekday.SAT), "Walk 4 minutes, jog 2 minutes.")
                for w in (1, 2)
            ),
            *(
                RunSession(w, (Weekday.TUE, Weekday.SAT), "Walk 3 minutes, jog 3 minutes.")
                for w in (3, 4)
            ),
        ),
        notes=("Run on grass or a track if you can.",),
    )
    pdf = read(
        build_handout(programme, catalogue, reference_clinic, printed=PRINTED, running_plan=runs)
    )
    glance = segment(pdf.text, GLANCE, CARDS)
    assert "Running: Walk 4 minutes, jog 2 minutes. ● ●" in glance
    changes = segment(pdf.text, CHANGES, "Your running plan")
    assert "Running: Now: Walk 3 minutes, jog 3 minutes. 2 days a week: Tue Sat." in changes
    plan = segment(pdf.text, "Your running plan", None)
    assert "Weeks 1–2 2 days a week: Tue Sat: Walk 4 minutes, jog 2 minutes." in plan
    assert "Run on grass or a track if you can." in plan
    assert "Keep your rest days: do not run on the days your plan leaves free." in plan
    assert "Change your running shoes after about 640 to 800 km." in plan
    # The front page's pain rule gives running its lower limit.
    assert "keep pain at 2/10 or less while you run" in pdf.pages[0]


def test_a_high_risk_client_reads_about_pain_and_movement_and_others_do_not(
    reference: tuple[Programme, Catalogue],
    reference_clinic: ClinicSettings,
    reference_pdfs: dict[str, ReadPdf],
) -> None:
    programme, catalogue = reference
    section = pain_and_movement()
    high = read(
        build_handout(
            programme,
            catalogue,
            reference_clinic,
            printed=PRINTED,
            care_pathway=care_pathway(StartBackRisk.HIGH),
        )
    )
    text = segment(high.text, "Pain and movement", CARDS)
    for sentence in section.sentences():
        assert flat(sentence) in text, sentence
    for risk in (StartBackRisk.MEDIUM,):
        pdf = read(
            build_handout(
                programme,
                catalogue,
                reference_clinic,
                printed=PRINTED,
                care_pathway=care_pathway(risk),
            )
        )
        assert "Pain and movement" not in pdf.text
        assert len(pdf.pages) == len(reference_pdfs["normal"].pages)


def test_a_prepared_document_carries_the_optional_sections_to_paper(
    reference: tuple[Programme, Catalogue], reference_clinic: ClinicSettings
) -> None:
    from planner.operations.documents import HANDOUT, DocumentPlan
    from planner.policy import ClinicPolicy
    from planner.safety import ClientContext
    from reports.render import render_plan

    programme, catalogue = reference
    plan = DocumentPlan(
        kind=HANDOUT,
        policy=ClinicPolicy.from_settings(reference_clinic),
        catalogue=catalogue,
        context=ClientContext(),
        programme=programme,
        running_plan=RunningPlan(sessions=(RunSession(1, (Weekday.SAT,), "Jog 10 minutes."),)),
        care_pathway=care_pathway(StartBackRisk.HIGH),
    )
    text = read(render_plan(plan)).text
    assert "Pain and movement" in text and "Your running plan" in text
    assert "Week 1 1 day a week: Sat: Jog 10 minutes." in text
