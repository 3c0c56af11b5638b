"""One item walked through its weeks: one step at a time, within the week's limit.

Each week an item takes at most one step, in the order a therapist would: more reps (or a
longer hold, more time or distance), then more sets (a set that would add too much comes with
fewer reps, 2 x 12 -> 3 x 9, and is still one step), then, once none of those has room left,
more load or the next exercise on its ladder; a phase that starts with a new exercise takes its
week for that alone. No step raises the item's volume by more than the clinic's weekly limit
(:class:`planner.programme.volume.Caps`; running has its own). Pain in last week's logs holds
the dose or takes it back to the step before, as the handout tells the client, and the plan then
goes on one step at a time again. A 2-for-2 load step waits for logs that show it; with nothing
logged the client is told to judge it at home. A dose that stays the same for more than two
weeks says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from exercise_library.catalogue import Catalogue
from exercise_library.schema import Exercise
from exercise_library.vocabulary import Modality
from planner.errors import UserError
from planner.programme import facts, step_text, text
from planner.programme.defaults import default_dosage
from planner.programme.ladder import is_running, next_on_ladder
from planner.programme.loading import uses_band
from planner.programme.model import (
    Dosage,
    Item,
    LoadUnit,
    Programme,
    ProgressField,
    ProgressionRule,
    RuleAction,
    RuleCondition,
    SessionLog,
    SessionStatus,
)
from planner.programme.pain import pain_ok, pain_verdict, session_beat_target
from planner.programme.progress import Outcome, apply_change, has_room
from planner.programme.volume import Caps, fit_under, kind, volume, with_sides
from planner.units import DistanceUnit


class Step(StrEnum):
    """What changed from one week to the next (at most one of these a week)."""

    REPS = "reps"
    HOLD = "hold"
    DURATION = "duration"
    DISTANCE = "distance"
    SETS = "sets"
    SETS_FOR_REPS = "sets_for_reps"  # one more set with fewer reps in each
    LOAD = "load"
    ADVANCE = "advance"  # the next exercise on the ladder, or the phase's new exercise
    STEP_BACK = "step_back"


_VOLUME_FIELDS = (
    ProgressField.REPS,
    ProgressField.HOLD,
    ProgressField.DURATION,
    ProgressField.DISTANCE,
    ProgressField.SETS,
)


@dataclass(frozen=True)
class ItemWeek:
    """One item in one week: the dose, in words, what changed and what was held back, and why."""

    order: int
    key: str
    week: int
    phase: int
    code: str
    name: str
    dosage: Dosage
    text: str
    changes: tuple[str, ...] = ()
    held: tuple[str, ...] = ()
    stepped_back: bool = False
    # One session's volume (see planner.programme.volume) and the one step taken this week.
    volume: float = 0.0
    step: Step | None = None
    run: bool = False  # a run of the running plan (not its warm-up)


def is_run(exercise: Exercise) -> bool:
    """A planned run: running, and not the warm-up before it."""
    return is_running(exercise) and exercise.modality is not Modality.WARM_UP


@dataclass
class _RuleState:
    rule: ProgressionRule
    next_due: int | None  # programme week; None once the rule has nothing left to do
    since: dt.date  # 2-for-2 counts sessions from this day on
    # Percent rises too small for one increment yet, saved for a later week (by part of dose).
    saved: dict[str, Decimal] = field(default_factory=dict)

    @property
    def volume_rule(self) -> bool:
        return self.rule.action is RuleAction.CHANGE and self.rule.field in _VOLUME_FIELDS


@dataclass
class _Undo:
    """The dose before one week's step, kept so pain can take it back."""

    week: int
    code: str
    dosage: Dosage
    applied: list[_RuleState]


@dataclass
class _Week:
    changes: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)  # what happened: pain, skipped, waiting
    planned: list[str] = field(default_factory=list)  # tips and why the plan stays: once a stall
    step: Step | None = None


@dataclass
class Track:
    programme: Programme
    item: Item
    catalogue: Catalogue
    logs: list[SessionLog]
    caps: Caps
    distance_unit: DistanceUnit = "km"
    # May this client move on to this exercise? (the safety verdict and the kit at home)
    allowed: Callable[[str], bool] = lambda code: True
    code: str = ""
    dosage: Dosage | None = None
    states: list[_RuleState] = field(default_factory=list)
    history: list[_Undo] = field(default_factory=list)
    doses_by_week: dict[int, Dosage] = field(default_factory=dict)
    weeks_at_dose: int = 1  # weeks in a row the current dose has been done, up to last week

    # --- helpers --------------------------------------------------------------------------
    def week_start(self, week: int) -> dt.date:
        return self.programme.start + dt.timedelta(days=7 * (week - 1))

    def logs_in_week(self, week: int) -> list[SessionLog]:
        start, end = self.week_start(week), self.week_start(week + 1)
        return [log for log in self.logs if start <= log.date < end]

    def exercise(self, code: str) -> Exercise:
        ex = self.catalogue.get(code)
        if ex is None:
            raise UserError(
                f"item {self.item.order} uses exercise '{code}', which is not in the library"
            )
        return ex

    @property
    def running(self) -> bool:
        return is_running(self.exercise(self.code))

    @property
    def limit(self) -> float:
        return self.caps.percent(self.running)

    @property
    def dose(self) -> Dosage:
        assert self.dosage is not None
        return self.dosage

    def first_due(self, rule: ProgressionRule) -> int:
        if rule.at_phase is not None:
            return self.programme.phase_weeks()[rule.at_phase - 1][0]
        return rule.from_week or 2

    def mine(self) -> list[_RuleState]:
        """The rules for the exercise the item is at now."""
        return [s for s in self.states if s.rule.exercise is None or s.rule.exercise == self.code]

    def due(self, week: int) -> list[_RuleState]:
        return [s for s in self.mine() if s.next_due is not None and s.next_due <= week]

    # --- the walk ---------------------------------------------------------------------------
    def walk(self) -> list[ItemWeek]:
        weeks = self.programme.item_weeks(self.item)
        self.code, self.dosage = self.item.code, self.item.dosage
        begin = self.week_start(weeks.start)
        self.states = [_RuleState(r, self.first_due(r), begin) for r in self.item.rules]
        out = []
        still = 0  # weeks in a row at the same dose
        shown: set[str] = set()  # tips and reasons already given during this stall
        before: tuple[str, Dosage] | None = None
        for week in weeks:
            result = _Week()
            self.weeks_at_dose = still + 1
            if week != weeks.start:
                self.progress(week, result)
            now = (self.code, self.dose)
            if now == before:
                still += 1
            else:
                still, shown = 0, set()
            planned = [p for p in dict.fromkeys(result.planned) if p not in shown]
            shown.update(planned)
            if still >= 2 and not (result.changes or result.held or shown):
                reason = self.stall_reason(week)
                planned.append(reason)
                shown.add(reason)
            before = now
            self.doses_by_week[week] = self.dose
            ex = self.exercise(self.code)
            out.append(
                ItemWeek(
                    order=self.item.order,
                    key=self.item.key,
                    week=week,
                    phase=self.programme.phase_of_week(week),
                    code=self.code,
                    name=ex.name,
                    dosage=self.dose,
                    text=text.dosage_text(self.dose, ex, distance_unit=self.distance_unit),
                    changes=tuple(dict.fromkeys(result.changes)),
                    held=tuple(dict.fromkeys([*result.held, *planned])),
                    stepped_back=result.step is Step.STEP_BACK,
                    volume=round(volume(self.dose), 3),
                    step=result.step,
                    run=is_run(ex),
                )
            )
        return out

    def progress(self, week: int, result: _Week) -> None:
        """Move from last week's dose to this week's: one step at most."""
        last_week = self.logs_in_week(week - 1)
        verdict = pain_verdict(last_week)
        due = self.due(week)
        if verdict is not None and verdict.step_back:
            if self.history:
                undo = self.history.pop()
                self.code, self.dosage = undo.code, undo.dosage
                self.forget_saved_rises()
                for state in undo.applied:
                    state.next_due = week + 1
                    state.since = self.week_start(week)
                result.changes.append(text.step_back_text(undo.week - 1))
                result.held.append(verdict.reason)
                result.step = Step.STEP_BACK
            elif due:
                result.held.append(verdict.nothing_to_step_back_to)
            return
        if verdict is not None:
            if due:
                result.held.append(verdict.reason)
            return
        before_code, before = self.code, self.dose
        applied = (
            self.phase_advance(week, due, last_week, result)
            or self.change(week, due, last_week, result)
            or self.load_or_ladder(week, due, last_week, result)
        )
        if applied:
            self.history.append(_Undo(week, before_code, before, applied))

    def forget_saved_rises(self) -> None:
        """A step back or a new exercise starts its small rises from nothing again."""
        for state in self.states:
            state.saved = {}

    # --- conditions -------------------------------------------------------------------------
    def condition_block(
        self, week: int, state: _RuleState, last_week: list[SessionLog]
    ) -> tuple[str | None, str]:
        """(why the rule must wait, or None; the note for a step taken on trust)."""
        condition = state.rule.condition
        if condition is None:
            return None, ""
        if not last_week:
            # Nothing logged yet for last week: plan as if it went well, and say what it needs.
            return None, " " + text.condition_text(condition, running=self.running)
        if condition is RuleCondition.PAIN_OK:
            return pain_ok(last_week, self.running), ""
        return (
            None if self.two_for_two_met(week, state) else text.two_for_two_not_met_reason()
        ), ""

    def two_for_two_met(self, week: int, state: _RuleState) -> bool:
        sessions = sorted(
            (
                log
                for log in self.logs
                if state.since <= log.date < self.week_start(week)
                and log.status is not SessionStatus.SKIPPED
                and (log.reps or log.reps_left or log.reps_right)
            ),
            key=lambda log: log.date,
        )[-facts.TWO_FOR_TWO_SESSIONS :]
        return len(sessions) == facts.TWO_FOR_TWO_SESSIONS and all(
            session_beat_target(log, self.dose_on(log.date)) for log in sessions
        )

    def dose_on(self, day: dt.date) -> Dosage:
        week = (day - self.programme.start).days // 7 + 1
        return self.doses_by_week.get(week, self.dose)

    # --- the kinds of step ------------------------------------------------------------------
    def phase_advance(
        self, week: int, due: list[_RuleState], last_week: list[SessionLog], result: _Week
    ) -> list[_RuleState]:
        """A phase that starts with a harder exercise: that is the week's one step."""
        for state in due:
            phase = state.rule.action is RuleAction.ADVANCE and state.rule.at_phase is not None
            if phase and self.advance(week, state, last_week, result):
                return [state]
        return []

    def change(
        self, week: int, due: list[_RuleState], last_week: list[SessionLog], result: _Week
    ) -> list[_RuleState]:
        """More reps, hold, time or distance, then more sets: the first that may go ahead."""
        order = {f: n for n, f in enumerate(_VOLUME_FIELDS)}
        rules = sorted(
            (s for s in due if s.volume_rule),
            key=lambda s: order[s.rule.field],  # type: ignore[index]
        )
        for state in rules:
            rule = state.rule
            assert rule.field is not None
            outcome = apply_change(self.dose, rule, self.limit, state.saved)
            if not (outcome.changed or outcome.saving):
                continue  # at its top, or no whole step fits in a week
            block, note = self.condition_block(week, state, last_week)
            if block:
                result.held.append(block)
                continue
            state.saved = dict(outcome.saved)
            if not outcome.changed:
                result.planned.append(self.saved_text(rule, outcome))
                state.next_due = week + rule.every_weeks
                continue
            result.changes.append(self.change_line(rule.field, outcome) + note)
            result.step = self.step_of(rule.field, outcome)
            self.dosage = outcome.dosage
            state.next_due = week + rule.every_weeks
            state.since = self.week_start(week)
            if outcome.traded:
                # The reps (or hold) just changed too: their next rise keeps its own interval.
                for other in self.mine():
                    lowered = other.rule.field in (ProgressField.REPS, ProgressField.HOLD)
                    if other is not state and other.volume_rule and lowered:
                        other.next_due = week + other.rule.every_weeks
            return [state]
        return []

    def at_top(self) -> bool:
        """No reps, hold, time, distance or sets rule can add anything more to this exercise."""
        return not any(
            has_room(self.dose, s.rule, self.limit) for s in self.mine() if s.volume_rule
        )

    def load_rules(self) -> list[_RuleState]:
        """Load rules that can still make the exercise harder: a 2-for-2 rise on an unnamed
        weight always can (the client adds weight at home)."""
        out = []
        for s in self.mine():
            if s.rule.action is not RuleAction.CHANGE or s.rule.field is not ProgressField.LOAD:
                continue
            unnamed = s.rule.condition is RuleCondition.TWO_FOR_TWO and self.dose.load is None
            if unnamed or apply_change(self.dose, s.rule).changed:
                out.append(s)
        return out

    def load_or_ladder(
        self, week: int, due: list[_RuleState], last_week: list[SessionLog], result: _Week
    ) -> list[_RuleState]:
        """At the top of reps and sets: more load while load can rise, else, after a settling
        spell at the top, the next exercise on the ladder."""
        if not self.at_top():
            return []
        loads = self.load_rules()
        if loads:
            for state in loads:
                if state in due and self.load(week, state, last_week, result):
                    return [state]
            return []
        for state in due:
            ladder = state.rule.action is RuleAction.ADVANCE and state.rule.at_phase is None
            settled = self.weeks_at_dose >= state.rule.every_weeks
            if ladder and settled and self.advance(week, state, last_week, result):
                return [state]
        return []

    def load(
        self, week: int, state: _RuleState, last_week: list[SessionLog], result: _Week
    ) -> bool:
        rule = state.rule
        band = uses_band(self.exercise(self.code)) or (
            self.dose.load is not None and self.dose.load.unit is LoadUnit.BAND
        )
        if rule.condition is RuleCondition.TWO_FOR_TWO:
            if not last_week:
                # The 2-for-2 rule counts logged reps; with none, the client judges it.
                result.planned.append(step_text.heavier_hint(band=band))
                return False
            if not self.two_for_two_met(week, state):
                result.held.append(text.two_for_two_not_met_reason())
                return False
            if self.dose.load is None:
                result.changes.append(step_text.heavier_now(band=band))
                result.step = Step.LOAD
                state.next_due = week + rule.every_weeks
                state.since = self.week_start(week)
                return True
        note = ""
        if rule.condition is not RuleCondition.TWO_FOR_TWO:
            block, note = self.condition_block(week, state, last_week)
            if block:
                result.held.append(block)
                return False
        outcome = apply_change(self.dose, rule, None, state.saved)
        if not outcome.changed:
            return False
        result.changes.append(self.change_line(ProgressField.LOAD, outcome) + note)
        result.step = Step.LOAD
        self.dosage = outcome.dosage
        state.next_due = week + rule.every_weeks
        state.since = self.week_start(week)
        return True

    def advance(
        self, week: int, state: _RuleState, last_week: list[SessionLog], result: _Week
    ) -> bool:
        block, note = self.condition_block(week, state, last_week)
        if block:
            result.held.append(block)
            return False
        nxt = next_on_ladder(self.code, self.catalogue, self.ladder_filter(state))
        if nxt is None:
            state.next_due = None
            result.planned.append(text.ladder_top_reason(self.exercise(self.code).name))
            return False
        old, new = self.exercise(self.code), self.exercise(nxt)
        result.changes.append(text.advance_text(old.name, new.name) + note)
        result.step = Step.ADVANCE
        self.dosage = self.advanced_dose(self.dose, new)
        self.code = nxt
        self.forget_saved_rises()
        state.next_due = week + state.rule.every_weeks if state.rule.from_week else None
        return True

    def ladder_filter(self, state: _RuleState) -> Callable[[str], bool]:
        """The exercises this item may move on to: ones the client may do and, except for a
        phase the therapist planned, for the same main muscle, so the item keeps its aim."""
        if state.rule.at_phase is not None or self.running:
            return self.allowed
        aim = self.exercise(self.code).targets[0]

        def same_aim(code: str) -> bool:
            ex = self.catalogue.get(code)
            return ex is not None and ex.targets[0] is aim and self.allowed(code)

        return same_aim

    def advanced_dose(self, old: Dosage, new: Exercise) -> Dosage:
        """The next exercise at its own dose, keeping each side's sets, and no more work than
        the last week (a harder exercise is the step; running keeps its weekly limit)."""
        dose = default_dosage(new)
        if old.sides_differ and dose.per_side:
            dose = with_sides(
                dose.for_side("left").model_copy(update={"sets": old.for_side("left").sets}),
                dose.for_side("right").model_copy(update={"sets": old.for_side("right").sets}),
            )
        if kind(dose) is not kind(old):
            return dose
        most = volume(old) * (1 + (self.caps.running_percent if is_running(new) else 0) / 100)
        if volume(dose) > most and not dose.sides_differ and old.sets < dose.sets:
            dose = dose.model_copy(update={"sets": old.sets})
        return fit_under(dose, most)

    # --- words --------------------------------------------------------------------------------
    def step_of(self, field_: ProgressField, outcome: Outcome) -> Step:
        if outcome.traded:
            return Step.SETS_FOR_REPS
        return Step(field_.value)

    def change_line(self, field_: ProgressField, outcome: Outcome) -> str:
        before, after = self.dose, outcome.dosage
        unit = self.distance_unit
        line = text.change_text(field_, before, after, distance_unit=unit)
        if outcome.traded:
            other = ProgressField.REPS if before.reps is not None else ProgressField.HOLD
            line += " " + text.change_text(other, before, after, distance_unit=unit)
        elif outcome.reached_cap:
            line += " " + text.cap_text(field_)
        if outcome.limited and not outcome.traded and self.running:
            # Running's weekly limit is the client's to know (the running advice says it too);
            # a smaller step in other exercise needs no explaining.
            line += " " + step_text.limit_text(self.limit, running=True)
        return line

    def saved_text(self, rule: ProgressionRule, outcome: Outcome) -> str:
        assert rule.field is not None
        return text.saved_rise_text(
            rule.field,
            self.dose,
            self.limit if outcome.limited else (rule.percent or 0),
            running_limit=outcome.limited and self.running,
            distance_unit=self.distance_unit,
        )

    def stall_reason(self, week: int) -> str:
        """Why a dose has stayed the same for more than two weeks."""
        rules = self.mine()
        if not rules:
            return step_text.no_rules_reason()
        later = [
            s.next_due
            for s in rules
            if s.next_due is not None
            and s.next_due > week
            and (not s.volume_rule or has_room(self.dose, s.rule, self.limit))
        ]
        if later and min(later) <= self.programme.total_weeks:
            return step_text.next_step_reason(min(later))
        too_big = any(
            apply_change(self.dose, s.rule, self.limit).blocked for s in rules if s.volume_rule
        )
        if too_big:
            return step_text.too_big_reason(self.limit, running=self.running)
        if is_run(self.exercise(self.code)):
            return step_text.run_top_reason()
        return step_text.top_reason(self.exercise(self.code).name)
