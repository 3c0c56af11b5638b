"""The home programme as Zoë reads it at her kitchen table: read back from the PDF itself.

Each test opens the printed handout with pypdf and looks for what a client or a physiotherapist
would check: the dose of every exercise in plain words, every week of the plan, where to phone
when something is wrong, a footer that puts loose pages back in order, and names that print
exactly as they were typed.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from PIL import Image

from exercise_library.catalogue import Catalogue
from planner.documents import RED_FLAG_SIGNS
from planner.errors import UserError
from planner.programme import facts
from planner.programme.files import file_catalogue, read_programme_file
from planner.programme.model import (
    Dosage,
    Item,
    Phase,
    Programme,
    ProgressField,
    ProgressionRule,
    SessionLog,
    SessionStatus,
    Weekday,
)
from planner.programme.schedule import Schedule, materialise
from planner.settings import ClinicSettings
from reports.handout import build_handout
from reports.wording import day_month
from tests.reports.conftest import PRINTED, TWELVE
from tests.reports.reading import ReadPdf, flat, read

DAY = {d: d.label[:3] for d in Weekday}


def days_phrase(days: list[Weekday]) -> str:
    """How the test expects the days to read, written out independently of reports."""
    if len(set(days)) == 7:
        return "every day"
    names = " ".join(DAY[d] for d in sorted(days, key=lambda d: d.index))
    return f"{len(days)} days a week: {names}" if len(days) > 1 else f"1 day a week: {names}"


def expected_dose(text: str, days: list[Weekday]) -> str:
    if text.endswith("."):
        phrase = days_phrase(days)
        return f"{text} {phrase[0].upper()}{phrase[1:]}."
    return f"{text}, {days_phrase(days)}"


def first_weeks(schedule: Schedule) -> dict[tuple[str, str], int]:
    """The first week of each exercise each item reaches, ladder steps included."""
    out: dict[tuple[str, str], int] = {}
    for iw in schedule.item_weeks:
        out.setdefault((iw.key, iw.code), iw.week)
    return out


def segment(text: str, start: str, end: str | None) -> str:
    begin = text.index(start)
    stop = text.index(end, begin) if end else len(text)
    return text[begin:stop]


# --- the cards -------------------------------------------------------------------------------


def test_the_dose_reads_as_plain_words_with_its_days(handout: ReadPdf) -> None:
    # The issue's own example form: sets, reps, side, hold, then the days.
    assert "3 sets of 6 on each side, hold 10 seconds, rest 30 seconds between sets, every day" in (
        handout.text
    )
    assert "2 sets of 8 on each side, rest 30 seconds between sets, 3 days a week: Mon Wed Fri" in (
        handout.text
    )
    # The weaker left hip gets its extra set, said side by side.
    assert (
        "Left: 3 sets of 12 with the yellow band. Right: 2 sets of 12 with the yellow band. "
        "Rest 30 seconds between sets. 3 days a week: Mon Wed Fri."
    ) in handout.text
    # A tempo is explained, not left as three numbers.
    assert "Tempo 3-1-1 means: take 3 seconds on the way down" in handout.text


def test_every_exercise_the_client_will_reach_has_a_card_with_its_dose(
    handout: ReadPdf, plan: tuple[Programme, Catalogue], schedule: Schedule
) -> None:
    programme, catalogue = plan
    for (key, code), week in first_weeks(schedule).items():
        item = programme.item(key)
        assert item is not None
        exercise = catalogue[code]
        iw = schedule.week_of(key, week)
        assert iw is not None
        assert exercise.name in handout.text, exercise.name
        assert expected_dose(iw.text, item.days) in handout.text, (code, iw.text)
        for step in exercise.steps:
            assert flat(step) in handout.text, (code, step)


def test_no_card_is_split_across_pages(
    handout: ReadPdf, plan: tuple[Programme, Catalogue], schedule: Schedule
) -> None:
    _, catalogue = plan
    weeks_of: dict[tuple[str, str], list[int]] = {}
    for iw in schedule.item_weeks:
        weeks_of.setdefault((iw.key, iw.code), []).append(iw.week)
    for (_, code), weeks in weeks_of.items():
        exercise = catalogue[code]
        span = f"Week {weeks[0]}" if len(weeks) == 1 else f"Weeks {weeks[0]}–{weeks[-1]}"
        header = f"{exercise.name} {span}"
        pages = handout.pages_with(header)
        assert len(pages) == 1, (header, pages)
        page = handout.pages[pages[0]]
        after = page[page.index(header) :]
        assert flat(exercise.steps[-1]) in after, f"{exercise.name}: last step not on its page"


def test_precautions_print_only_for_the_clients_own_conditions(
    plan: tuple[Programme, Catalogue], handout: ReadPdf, clinic: ClinicSettings
) -> None:
    # Zoë is pregnant: lying on the back needs care after the first trimester (the condition
    # matrix's words, clinical-facts.md "Pregnancy: no supine exercise after the first
    # trimester").
    programme, catalogue = plan
    assert "Take care: Fine for now; from trimester 2 do it propped up or on your side" in " ".join(
        handout.text.split()
    )
    not_pregnant = read(build_handout(programme, catalogue, clinic, printed=PRINTED))
    assert "Take care:" not in not_pregnant.text


def test_an_unknown_condition_code_is_refused(
    plan: tuple[Programme, Catalogue], clinic: ClinicSettings
) -> None:
    with pytest.raises(UserError, match="condition 'pregnant' is not a known code"):
        build_handout(*plan, clinic, conditions=["pregnant"])


def test_a_clinic_photo_replaces_the_drawn_figure(
    plan: tuple[Programme, Catalogue], clinic: ClinicSettings
) -> None:
    programme, catalogue = plan
    photo = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 200, 200)).save(photo, "PNG")
    pdf = read(
        build_handout(
            programme, catalogue, clinic, photos={"squat": photo.getvalue()}, printed=PRINTED
        )
    )
    page = pdf.pages_with("Squat Weeks 1–8")[0]
    assert pdf.images_on(page) == 1
    with pytest.raises(UserError, match="photo for squat is not a readable PNG or JPEG"):
        build_handout(programme, catalogue, clinic, photos={"squat": b"not an image"})


# --- the plan week by week ---------------------------------------------------------------------


CHANGES = "What changes, week by week Only the weeks"  # the heading, not a mention of it


def test_the_week_table_says_each_change_once_in_the_week_it_happens(
    handout: ReadPdf, schedule: Schedule
) -> None:
    table = segment(handout.text, CHANGES, None)
    # Ladder moves are named: the bridge steps up at stage two, the walk-jog climbs weekly.
    assert "Moves on from Bridge to Bridge with march." in table
    assert (
        "Moves on from Walk-jog: walk 4 min, jog 2 min to Walk-jog: walk 3 min, jog 3 min." in table
    )
    # Each dose change is said once, in the week it happens (after the week printed).
    changes = [
        c for iw in schedule.item_weeks if iw.week > 1 for c in iw.changes if c.startswith("Reps")
    ]
    assert changes
    for change in set(changes):
        # "Reps up from 10 to 12." is also the start of "... That is the most reps in ..."
        assert table.count(change) == sum(change in c for c in changes), change
    # A condition is marked and explained once above the table, not repeated in every line;
    # the walk-jog steps need pain of 2/10 or less (return to run), so theirs is the running one.
    assert "‡ Only if your pain stays at 2/10 or less while you run" in table
    assert "stays at 3/10 or less while you exercise" not in table
    # The new stage is named in the week it starts.
    assert "Stage 2 starts: Build strength and start running." in table


def test_held_progressions_show_why_the_dose_stayed(
    plan: tuple[Programme, Catalogue], clinic: ClinicSettings
) -> None:
    programme, catalogue = plan
    # Squat hurt (7/10) on Monday of week 1: the week-2 step waits.
    logs = [
        SessionLog(
            date=dt.date(2026, 1, 5), item="squat-8", status=SessionStatus.DONE, pain_during=7
        )
    ]
    held = materialise(programme, catalogue, logs).week_of("squat-8", 2)
    assert held is not None and held.held
    pdf = read(build_handout(programme, catalogue, clinic, logs=logs, printed=PRINTED))
    table = segment(pdf.text, CHANGES, None)
    assert flat(held.held[0]) in table
    assert f"Above {facts.PAIN_ACCEPTABLE_MAX}/10 is too much. There is no earlier step" in table
    assert "Squat: " in segment(table, "Week 2", "Week 3")


def _run_by_distance() -> Programme:
    """Four weeks of a continuous jog given as a distance, 10% further each week."""
    run = Item(
        key="run",
        code="continuous_jog_30",
        order=1,
        dosage=Dosage(distance_km=5),
        days=[Weekday.TUE, Weekday.SAT],
        rules=[ProgressionRule(field=ProgressField.DISTANCE, percent=10, from_week=2)],
    )
    return Programme(
        title="Back to running",
        start=PRINTED,
        phases=[Phase(name="Build", weeks=4)],
        items=[run],
    )


def test_a_mile_clinic_prints_running_distances_in_miles(
    plan: tuple[Programme, Catalogue], clinic: ClinicSettings
) -> None:
    _, catalogue = plan
    programme = _run_by_distance()
    miles = read(
        build_handout(
            programme, catalogue, clinic.model_copy(update={"distance_unit": "mi"}), printed=PRINTED
        )
    )
    text = flat(miles.text)
    assert "3.1 miles, 2 days a week: Tue Sat" in text, "the card's dose"
    assert "Easy jog, 30 minutes: 3.1 miles" in text, "this week at a glance"
    assert "Distance up from 3.1 miles to 3.4 miles." in text, "the week table's change"
    assert " km" not in text
    # The same programme for a km clinic, and the programme itself, keep kilometres.
    km = flat(read(build_handout(programme, catalogue, clinic, printed=PRINTED)).text)
    assert "5 km, 2 days a week: Tue Sat" in km
    assert "Distance up from 5 km to 5.5 km." in km
    assert programme.items[0].dosage.distance_km == 5


# --- safety ------------------------------------------------------------------------------------


def test_the_stop_and_contact_box_is_on_page_one_with_the_phone_number(handout: ReadPdf) -> None:
    first = handout.pages[0]
    assert "Phone: 023 9200 0000" in first
    assert "Stop and contact us: 023 9200 0000" in first
    assert "Stop and phone us on 023 9200 0000 if you notice:" in first
    for sign in filter(None, RED_FLAG_SIGNS.values()):
        assert sign in first, sign
    # The pain rule comes from planner's numbers, not from the handout.
    assert f"Pain above {facts.PAIN_ACCEPTABLE_MAX}/10 is too much" in first
    assert f"Pain of 0 to {facts.PAIN_SAFE_MAX} is fine" in first
    assert "worse the next morning" in first
    # Zoë runs: the lower limit for running is said on the front page too.
    assert f"keep pain at {facts.RUN_PAIN_MAX}/10 or less while you run" in first


def test_urgent_signs_come_first_and_follow_the_clinics_levels(
    plan: tuple[Programme, Catalogue],
) -> None:
    # A clinic that treats a new lump as urgent sees it under "the emergency department now".
    strict = ClinicSettings(phone="555 0100", clinical_overrides={"levels": {"new_lump": "urgent"}})
    pdf = read(build_handout(*plan, strict, printed=PRINTED))
    urgent = segment(pdf.text, "Go to the emergency department now", "See a doctor today")
    assert "A lump you have not noticed before." in urgent
    assert "Numbness between your legs or around your bottom" in urgent
    # A possible infection is a same-day doctor, between the emergency and "phone us".
    same_day = segment(pdf.text, "See a doctor today", "Stop and phone us")
    assert "A fever, shivers or feeling unwell" in same_day


def test_a_handout_without_the_clinics_phone_number_is_refused(
    plan: tuple[Programme, Catalogue],
) -> None:
    # The stop box must say whom to call: no number, no handout (planner decides).
    for clinic in (None, ClinicSettings(), ClinicSettings(clinic_name="Ñandú", phone="  ")):
        with pytest.raises(UserError, match='phone number \\(setting "phone"\\) is not set'):
            build_handout(*plan, clinic, printed=PRINTED)
    with pytest.raises(UserError, match="'reception' is not a phone number"):
        build_handout(*plan, ClinicSettings(phone="reception"), printed=PRINTED)
    pdf = read(build_handout(*plan, ClinicSettings(phone="555 0100"), printed=PRINTED))
    assert "Our website" not in pdf.text  # no web address, no QR code
    assert "Phone: 555 0100" in pdf.pages[0]


# --- the log sheet -----------------------------------------------------------------------------


def test_the_log_sheet_is_printed_only_when_asked_for(handout: ReadPdf) -> None:
    assert "Your log sheet" not in handout.text
    assert "☐" not in handout.text


def test_the_log_sheet_has_a_tick_box_for_every_session_and_side(
    plan: tuple[Programme, Catalogue], schedule: Schedule, clinic: ClinicSettings
) -> None:
    programme, catalogue = plan
    pdf = read(build_handout(programme, catalogue, clinic, log_sheet=True, printed=PRINTED))
    sheet = segment(pdf.text, "Your log sheet", None)
    titles = [
        f"Week {w} {programme.start + dt.timedelta(days=7 * (w - 1)):%a} "
        for w in range(1, schedule.total_weeks + 1)
    ]
    for week, title in enumerate(titles, start=1):
        body = segment(sheet, title, titles[week] if week < len(titles) else None)
        expected = sum(
            2 if item.dosage.per_side else 1
            for day in schedule.days
            if day.week == week
            for item in day.items
        )
        assert body.count("☐") == expected, week
        assert "Pain during exercise" in body and "Pain next morning" in body
    assert "Review with your physio on Monday 2 February." in sheet


# --- the page: footer, fonts, names, paper, print size ------------------------------------------


def test_every_page_has_its_number_the_print_date_and_the_plan_reference(
    handout: ReadPdf, plan: tuple[Programme, Catalogue], clinic: ClinicSettings
) -> None:
    total = len(handout.pages)
    assert total > 3
    refs = set()
    for number, page in enumerate(handout.pages, start=1):
        assert f"Page {number} of {total}" in page
        assert "Printed 5 Jan 2026" in page
        refs.update(re.findall(r"Ref\. ([0-9A-F]{4}-[0-9A-F]{4})", page))
    assert len(refs) == 1
    # Another version of the plan carries another reference; the same plan keeps its own.
    programme, catalogue = plan
    changed = programme.model_copy(update={"title": "Stronger back, phase two"})
    again = read(build_handout(changed, catalogue, clinic, printed=PRINTED))
    assert refs.pop() not in again.pages[0]


def test_fonts_are_embedded_so_any_printer_shows_the_same_letters(handout: ReadPdf) -> None:
    fonts = handout.fonts()
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert str(font["/BaseFont"]).split("+")[-1] in {"DejaVuSans", "DejaVuSans-Bold"}


def test_names_print_with_every_letter(handout: ReadPdf) -> None:
    assert "Zoë Łukasiewicz" in handout.text
    assert "Søren Ødegård" in handout.text
    assert "Ñandú Physiotherapy" in handout.text
    assert "Zoë Łukasiewicz · Home programme" in handout.pages[-1]


def test_user_text_is_printed_as_typed_never_as_markup(plan: tuple[Programme, Catalogue]) -> None:
    programme, catalogue = plan
    odd = programme.model_copy(
        update={
            "client": "Ann <b>& Co",
            "therapist": "<i>Dr</i> Bo & Partners",
            "goals": ["<font size=40>big</font> & small", "a < b > c"],
        }
    )
    clinic = ClinicSettings(clinic_name="<b>&", phone="<br/>123")
    pdf = read(build_handout(odd, catalogue, clinic, printed=PRINTED))
    for literal in (
        "Ann <b>& Co",
        "<i>Dr</i> Bo & Partners",
        "<font size=40>big</font> & small",
        "a < b > c",
        "<b>&",
        "<br/>123",
    ):
        assert literal in pdf.text, literal


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.28, 841.89)), ("letter", (612.0, 792.0))])
def test_a4_and_us_letter(plan: tuple[Programme, Catalogue], paper: str, size: tuple) -> None:
    pdf = read(build_handout(*plan, ClinicSettings(phone="555 0100"), paper=paper, printed=PRINTED))
    assert {(round(w, 2), round(h, 2)) for w, h in pdf.sizes} == {size}


def test_the_clinics_paper_and_print_size_are_the_defaults(
    plan: tuple[Programme, Catalogue],
) -> None:
    clinic = ClinicSettings(paper="letter", phone="555 0100")
    pdf = read(build_handout(*plan, clinic, printed=PRINTED))
    assert {(round(w), round(h)) for w, h in pdf.sizes} == {(612, 792)}


def test_large_print_puts_every_word_a_client_reads_at_14_pt_or_more(
    plan: tuple[Programme, Catalogue], clinic: ClinicSettings
) -> None:
    programme, catalogue = plan
    pdf = read(build_handout(programme, catalogue, clinic, large_print=True, printed=PRINTED))
    footer_top = 45  # points from the bottom edge: the footer line sits below this
    for page in range(len(pdf.pages)):
        sizes = pdf.text_sizes(page, above_y=footer_top)
        assert sizes
        small = [(size, text) for size, text in sizes if size < 14]
        assert not small, (page, small[:3])
    footer = [size for size, text in pdf.text_sizes(0) if "Page 1 of" in text]
    assert footer and footer[0] >= 11


def test_normal_print_has_no_tiny_text(handout: ReadPdf) -> None:
    for page in range(len(handout.pages)):
        assert min(size for size, _ in handout.text_sizes(page)) >= 8


def test_a_programme_without_goals_reviews_or_clinic_details_still_prints(
    plan: tuple[Programme, Catalogue],
) -> None:
    programme, catalogue = plan
    bare = programme.model_copy(update={"goals": [], "review_dates": [], "therapist": None})
    pdf = read(build_handout(bare, catalogue, ClinicSettings(phone="555 0100"), printed=PRINTED))
    assert "Your goals" not in pdf.text
    assert "Review" not in pdf.pages[0]
    assert "From your physio: Your left hip is the weaker one" in pdf.text


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("large", [False, True])
def test_every_paper_and_print_size_lays_out_the_whole_booklet(
    paper: str, large: bool, clinic: ClinicSettings
) -> None:
    # Long paragraphs and cards fall at different page ends in each combination; each must
    # still come out whole, numbered and with every week of the log sheet.
    from planner.programme.defaults import default_item

    pf = read_programme_file(TWELVE)
    base, catalogue = pf.programme, file_catalogue(pf)
    items = [default_item(catalogue[i.code], i.order, i.phases) for i in base.items]
    programme = base.model_copy(update={"items": items})
    pdf = read(
        build_handout(
            programme,
            catalogue,
            clinic,
            paper=paper,
            large_print=large,
            printed=PRINTED,
            log_sheet=True,
        )
    )
    total = len(pdf.pages)
    assert all(f"Page {n} of {total}" in page for n, page in enumerate(pdf.pages, start=1))
    for week in range(1, programme.total_weeks + 1):
        assert f"Week {week} Mon" in pdf.text


def test_a_plan_printed_after_it_ended_says_so_instead_of_a_date_still_to_come(
    plan: tuple[Programme, Catalogue], clinic: ClinicSettings
) -> None:
    programme, catalogue = plan
    later = programme.end + dt.timedelta(days=30)

    text = flat(read(build_handout(programme, catalogue, clinic, printed=later)).text)

    assert (
        f"This plan ended on {day_month(programme.end)}. Keep doing the last week's exercises"
        in text
    )
    assert "keep this up to the end" not in text
