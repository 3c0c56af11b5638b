"""Reading the assessment form back: the file's dictionary, and planner's word on it.

Each value is read from its field; text that is not a value of the field's kind is reported
beside the field, and the whole dictionary is then checked by planner's model, whose problems
are put beside the fields they concern, named the way the labels name them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from PySide6.QtWidgets import QWidget

from planner.assessment.model import AssessmentFile
from ui.assessment_inputs import MeasureInput, ParseError
from ui.assessment_parts import (
    GROUP_LABELS,
    SIDED_TESTS,
    SINGLE_TESTS,
    FieldError,
    Outcome,
    Path,
    Reading,
    friendly,
    in_field_unit,
)

if TYPE_CHECKING:
    from ui.assessment_form import AssessmentForm


def read_form(self: AssessmentForm) -> Reading:
    r = Reading(data={})

    def get(path: Path, label: str, w: QWidget) -> Any:
        r.fields[path] = (label, w)
        try:
            return w.value()  # type: ignore[attr-defined]
        except ParseError as exc:
            r.errors.append(FieldError(path, label, str(exc)))
            return None

    def put(target: dict[str, Any], key: str, value: Any) -> None:
        if value is not None and value != []:
            target[key] = value

    client: dict[str, Any] = {}
    c = ("client",)
    name, born, sex = self.facts
    r.fields[(*c, "name")] = ("Client name", self.edit_client_button)
    r.fields[(*c, "birth_date")] = ("Birth date", self.edit_client_button)
    r.fields[(*c, "sex")] = ("Sex", self.edit_client_button)
    for key, value, what in (("birth_date", born, "Birth date"), ("sex", sex, "Sex")):
        if value is None:
            r.errors.append(
                FieldError((*c, key), what, "is not in the client record: use Edit client details")
            )
    put(client, "name", name or None)
    put(client, "birth_date", born)
    put(client, "sex", sex)
    put(client, "height_cm", get((*c, "height_cm"), "Height (cm)", self.height))
    put(client, "weight_kg", get((*c, "weight_kg"), self.weight.label, self.weight))
    put(client, "conditions", get((*c, "conditions"), "Conditions", self.conditions))
    put(
        client,
        "pregnancy_trimester",
        get((*c, "pregnancy_trimester"), "Pregnancy trimester", self.trimester),
    )
    put(client, "equipment", get((*c, "equipment"), "Equipment at home", self.equipment))
    put(client, "experience", get((*c, "experience"), "Experience", self.experience))
    put(client, "pregnancy_due_date", get((*c, "pregnancy_due_date"), "Due date", self.due_date))
    r.fields[(*c, "trained_athlete")] = ("Trains as an athlete", self.athlete)
    if self.athlete.isChecked():
        client["trained_athlete"] = True
    r.data["client"] = client
    put(r.data, "date", get(("date",), "Assessment date", self.date))

    pain: dict[str, Any] = {}
    for key, label, w in (
        ("now", "Pain now", self.pain_now),
        ("best", "Best pain", self.pain_best),
        ("worst", "Worst pain", self.pain_worst),
        ("area", "Pain area", self.pain_area),
        ("pattern", "Pain pattern", self.pain_pattern),
        ("aggravating", "Aggravating", self.aggravating),
        ("easing", "Easing", self.easing),
    ):
        put(pain, key, get(("pain", key), label, w))
    if pain:
        r.data["pain"] = pain

    r.fields[("red_flags",)] = ("Red flags", next(iter(self.flags.sets.values())))
    r.data["red_flags"] = self._ticked_flags()
    # The screen is recorded with its date: flags found, or none present once asked.
    r.fields[("red_flag_screen",)] = ("Red-flag screen", self.screened_none)
    if self.screened_none.isChecked() or r.data["red_flags"]:
        self.screened_on = self.screened_on or self._date_or_today()
        r.data["red_flag_screen"] = {
            "screened_on": self.screened_on,
            "none_present": not r.data["red_flags"],
        }
    else:
        self.screened_on = None
    r.fields[("medical_clearance",)] = ("Medical clearance", self.clearance)
    if self.clearance.isChecked():
        cleared: dict[str, Any] = {}
        put(cleared, "by", get(("medical_clearance", "by"), "Cleared by", self.cleared_by))
        put(cleared, "date", get(("medical_clearance", "date"), "Cleared on", self.cleared_on))
        r.data["medical_clearance"] = cleared

    running: dict[str, Any] = {}
    for key, label, w in (
        ("weekly_km", self.weekly_km.label, self.weekly_km),
        ("weekly_km_last_week", self.weekly_km_last_week.label, self.weekly_km_last_week),
        ("weekly_km_4_weeks_ago", self.weekly_km_4_weeks_ago.label, self.weekly_km_4_weeks_ago),
        ("longest_run_km", self.longest_run.label, self.longest_run),
        ("longest_run_previous_30_days_km", self.longest_before.label, self.longest_before),
        ("shoe_km", self.shoe_km.label, self.shoe_km),
        ("surface", "Surface", self.surface),
        ("warm_up", "Warms up", self.warm_up),
        ("rest_days_per_week", "Rest days a week", self.rest_days),
        ("cross_training", "Cross-training", self.cross_training),
    ):
        put(running, key, get(("running", key), label, w))
    if running:
        r.data["running"] = running

    q = self.questionnaires.read(get, r.errors)
    r.data["questionnaires"] = q

    tests: dict[str, Any] = {}
    for t in SIDED_TESTS:
        left, right = self.sided[t.code]
        pair = {
            "left": get(("tests", t.code.value, "left"), f"{t.label}, left", left),
            "right": get(("tests", t.code.value, "right"), f"{t.label}, right", right),
        }
        pair = {k: v for k, v in pair.items() if v is not None}
        if pair:
            tests[t.code.value] = pair
    for t in SINGLE_TESTS:
        put(tests, t.code.value, get(("tests", t.code.value), t.label, self.single[t.code]))
    r.data["tests"] = tests

    notes = self.notes.toPlainText().strip()
    r.fields[("notes",)] = ("Notes", self.notes)
    if notes:
        r.data["notes"] = notes
    return r


def validate_form(self: AssessmentForm) -> Outcome:
    """Read the form and ask planner's model whether it is a valid assessment."""
    reading = read_form(self)
    errors = list(reading.errors)
    try:
        assessment = AssessmentFile.model_validate(reading.data)
    except ValidationError as exc:
        assessment = None
        for err in exc.errors():
            loc = tuple(err["loc"])
            widget = reading.fields.get(loc, ("", None))[1]
            if isinstance(widget, MeasureInput):
                err = in_field_unit(err, widget)
            errors.append(_locate(loc, friendly(err), reading))
    if not errors:
        return Outcome(assessment, [])
    # Findings can still be shown for the parts that are fine.
    bad = {e.path[0] if e.path else "client" for e in errors}
    left_out = sorted(bad - {"client", "date"})
    partial = None
    if not bad & {"client", "date"}:
        data = {k: v for k, v in reading.data.items() if k not in bad}
        try:
            partial = AssessmentFile.model_validate(data)
        except ValidationError:
            partial = None
    return Outcome(None, errors, left_out, partial)


def _locate(loc: Path, message: str, reading: Reading) -> FieldError:
    path = loc
    while True:
        if path in reading.fields:
            return FieldError(loc or ("client",), reading.fields[path][0], message)
        if path in GROUP_LABELS:
            return FieldError(loc or ("client",), GROUP_LABELS[path], message)
        if not path:
            return FieldError(loc or ("client",), "Assessment", message)
        path = path[:-1]
