"""Miles and pounds for the clinics that work in them, while the data stays in km and kg."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercise_library.catalogue import builtin_catalogue
from planner import units
from planner.programme.exports import schedule_csv
from planner.programme.model import (
    Dosage,
    Item,
    Load,
    Phase,
    Programme,
    ProgressField,
    ProgressionRule,
    Weekday,
)
from planner.programme.schedule import materialise
from planner.programme.text import change_text, dosage_text, value_text
from planner.settings import ClinicSettings

CAT = builtin_catalogue()


def test_the_factors_are_the_exact_international_definitions() -> None:
    # 1 mile = 1760 yd and 1 yd = 0.9144 m; 1 lb = 0.45359237 kg (both exact since 1959).
    yard_km = 0.9144 / 1000
    assert units.KM_PER_MILE / yard_km == pytest.approx(1760)
    assert units.KG_PER_POUND == 0.45359237


def test_typed_miles_and_pounds_are_stored_in_km_and_kg_to_two_decimals() -> None:
    assert units.km_from(20, "mi") == 32.19
    assert units.km_from(26.2, "mi") == 42.16
    assert units.kg_from(150, "lb") == 68.04
    assert units.km_from(20, "km") == 20, "a km value is kept exactly as typed"
    assert units.kg_from(61.5, "kg") == 61.5


def test_stored_values_convert_back_unrounded() -> None:
    assert units.km_to(units.KM_PER_MILE, "mi") == 1
    assert units.kg_to(units.KG_PER_POUND * 10, "lb") == pytest.approx(10)
    assert units.km_to(5, "km") == 5


@pytest.mark.parametrize(
    ("km", "unit", "expected"),
    [
        (5, "km", "5 km"),
        (5.5, "km", "5.5 km"),
        (5, "mi", "3.1 miles"),
        (units.KM_PER_MILE, "mi", "1 mile"),
        (16.09, "mi", "10 miles"),
        (0.4, "mi", "0.2 miles"),
    ],
)
def test_distances_read_in_the_clinics_unit(km: float, unit: str, expected: str) -> None:
    assert units.distance_text(km, unit) == expected  # type: ignore[arg-type]


def test_weights_read_in_the_clinics_unit() -> None:
    assert units.weight_text(61.5) == "61.5 kg"
    assert units.weight_text(61.5, "lb") == "135.6 lb"


def test_a_field_shows_the_shortest_number_that_reads_back_the_same() -> None:
    assert units.for_input(32.19, "mi") == 20
    assert units.for_input(35, "mi") == 21.75  # 21.7 or 21.8 would read back as another km
    assert units.for_input(35, "km") == 35


@given(st.integers(min_value=0, max_value=100_000))
def test_any_stored_km_survives_being_shown_in_miles_and_read_back(hundredths: int) -> None:
    km = hundredths / 100
    assert units.km_from(units.for_input(km, "mi"), "mi") == km


@given(st.integers(min_value=0, max_value=35_000))
def test_any_stored_kg_survives_being_shown_in_pounds_and_read_back(hundredths: int) -> None:
    kg = hundredths / 100
    assert units.kg_from(units.for_input(kg, "lb"), "lb") == kg


def test_the_settings_take_their_unit_choices_from_the_units_module() -> None:
    assert ClinicSettings(distance_unit="mi", weight_unit="lb").distance_unit == "mi"
    with pytest.raises(ValueError):
        ClinicSettings(distance_unit="furlong")  # type: ignore[arg-type]


# -- dose text in miles ------------------------------------------------------------------------


def test_a_run_reads_in_miles_for_a_mile_clinic_and_in_km_by_default() -> None:
    run = Dosage(distance_km=5)
    assert dosage_text(run) == "5 km"
    assert dosage_text(run, distance_unit="km") == "5 km"
    assert dosage_text(run, distance_unit="mi") == "3.1 miles"
    both = Dosage(sets=3, duration_min=10, distance_km=1.609344, rest_s=60)
    assert dosage_text(both, CAT["walk_jog_4_2"], distance_unit="mi") == (
        "3 rounds of 10 minutes or 1 mile, rest 60 seconds between rounds"
    )


def test_loads_keep_their_own_unit_whatever_the_distance_unit() -> None:
    lifted = Dosage(sets=3, reps=8, load=Load(unit="kg", amount=20))
    assert dosage_text(lifted, distance_unit="mi") == "3 sets of 8 with 20 kg"
    pounds = Dosage(sets=3, reps=8, load=Load(unit="lb", amount=45))
    assert dosage_text(pounds) == "3 sets of 8 with 45 lb"


def test_a_change_in_distance_reads_in_miles() -> None:
    before, after = Dosage(distance_km=5), Dosage(distance_km=5.5)
    assert value_text(ProgressField.DISTANCE, before, distance_unit="mi") == "3.1 miles"
    assert change_text(ProgressField.DISTANCE, before, after) == (
        "Distance up from 5 km to 5.5 km."
    )
    assert change_text(ProgressField.DISTANCE, before, after, distance_unit="mi") == (
        "Distance up from 3.1 miles to 3.4 miles."
    )


def _running_programme() -> Programme:
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
        start=dt.date(2026, 1, 5),
        phases=[Phase(name="Build", weeks=2)],
        items=[run],
    )


def test_the_schedule_words_distances_in_the_unit_asked_for_and_keeps_km() -> None:
    programme = _running_programme()
    km = materialise(programme, CAT)
    miles = materialise(programme, CAT, distance_unit="mi")
    week1, week2 = miles.week_of("run", 1), miles.week_of("run", 2)
    assert week1 is not None and week2 is not None
    assert week1.text == "3.1 miles"
    assert week2.dosage.distance_km == 5.5, "the dose itself stays in km"
    assert week2.changes[0].startswith("Distance up from 3.1 miles to 3.4 miles.")
    assert km.week_of("run", 1).text == "5 km"  # type: ignore[union-attr]
    csv = schedule_csv(miles)
    assert ",3.1 miles," in csv and ",5," in csv, "words in miles, the distance_km column in km"
