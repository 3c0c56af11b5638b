"""Changing the clinic's settings and seeing what a changed policy means for stored work.

``clinic set`` on the command line and the settings screen both merge into what is stored:
clinic fields by their own names, clinical thresholds by their dotted names
(``red_flags.levels.history_of_cancer``) or nested as they are stored. Everything is validated
before anything is written, and a referral level below the published one is refused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from planner.assessment.thresholds import ClinicalThresholds
from planner.errors import UserError
from planner.operations.changes import Changes, Result
from planner.operations.documents import handout_check, programme_context
from planner.policy import merge_overrides
from planner.reading import loads
from planner.services import Services
from planner.settings import ClinicSettings

# Fields `clinic set` never takes: the format version, and the overrides as a whole (they are
# set one threshold at a time, or with --overrides).
_NOT_SETTABLE = frozenset({"settings_version", "clinical_overrides"})


def settable_fields() -> list[str]:
    return [name for name in ClinicSettings.model_fields if name not in _NOT_SETTABLE]


def _threshold_value(text: str) -> Any:
    """A value typed for a threshold: a number, true/false, or the word itself."""
    try:
        return loads(text, "value")
    except UserError:
        return text


def parse_assignments(pairs: Sequence[str]) -> tuple[dict[str, str], dict[str, Any]]:
    """``KEY=VALUE`` arguments split into clinic fields and nested threshold overrides."""
    fields: dict[str, str] = {}
    overrides: dict[str, Any] = {}
    thresholds = set(ClinicalThresholds.model_fields)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UserError(f"'{pair}': expected KEY=VALUE, e.g. phone=0123 456789", field=key)
        if key in _NOT_SETTABLE:
            raise UserError(f"{key}: cannot be set this way", field=key)
        if key in ClinicSettings.model_fields:
            fields[key] = value
            continue
        parts = key.split(".")
        if len(parts) == 1 or parts[0] in thresholds:
            nested: Any = _threshold_value(value)
            for part in reversed(parts):
                nested = {part: nested}
            overrides = merge_overrides(overrides, ClinicalThresholds.nest(nested))
            continue
        known = ", ".join(settable_fields())
        raise UserError(
            f"{key}: no such clinic setting or clinical threshold (settings: {known}; "
            f"thresholds are named like objective.lsi_min_percent)",
            field=key,
        )
    return fields, overrides


def _problems(exc: ValidationError) -> str:
    out = []
    for err in exc.errors():
        name = ".".join(str(p) for p in err["loc"]) or "(all)"
        msg = str(err["msg"]).removeprefix("Value error, ")
        value = err.get("input")
        shown = "" if isinstance(value, dict | list) else f" (got {value!r})"
        out.append(f"{name}: {msg}{shown}")
    return "; ".join(out)


def update_settings(
    services: Services, fields: Mapping[str, Any], overrides: Mapping[str, Any]
) -> Result[ClinicSettings]:
    """Merge clinic fields and threshold overrides into the stored settings, all or nothing."""
    current, version = services.settings.get()
    if overrides:
        own = ClinicalThresholds.nest(dict(current.clinical_overrides))
        merged = merge_overrides(own, ClinicalThresholds.nest(dict(overrides)))
        ClinicalThresholds.from_overrides(merged, where="clinical thresholds")  # names the key
    else:
        merged = dict(current.clinical_overrides)
    data = {**current.model_dump(), **fields, "clinical_overrides": merged}
    try:
        new = ClinicSettings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]["loc"]
        raise UserError(_problems(exc), field=".".join(str(p) for p in first) or None) from None
    services.settings.save(new, version)
    return Result(new, Changes(settings=True))


def flat_overrides(overrides: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested overrides as dotted names (what `clinic show` prints and `clinic set` takes)."""
    nested = ClinicalThresholds.nest(dict(overrides)) if not prefix else overrides
    out: dict[str, Any] = {}
    for key, value in nested.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flat_overrides(value, f"{name}."))
        else:
            out[name] = value
    return out


@dataclass(frozen=True)
class HeldProgramme:
    """A stored programme the clinic's current policy holds back, and why."""

    programme_id: int
    client_id: int | None
    title: str
    reason: str


def programmes_held_back(services: Services) -> list[HeldProgramme]:
    """Every stored programme that now holds an excluded exercise or belongs to a client whose
    red flags stop exercise, so the clinic can call those clients after a policy change."""
    policy = services.settings.policy()
    catalogue = services.exercises.catalogue()
    out: list[HeldProgramme] = []
    for summary in services.programmes.all_summaries():
        programme, stored = services.programmes.load(summary.id)
        context = programme_context(services, stored.client_id, programme)
        blocked = handout_check(programme, catalogue, context, policy)
        if blocked is not None:
            out.append(HeldProgramme(summary.id, stored.client_id, summary.title, blocked.reason))
    return out
