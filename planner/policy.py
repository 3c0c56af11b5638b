"""The clinic policy: every clinical setting a clinic may choose, built once, passed everywhere.

The window, the command line and the printed documents must reach the same answer for the same
client. They do because none of them reads settings or default thresholds on its own: each
builds one :class:`ClinicPolicy` from the clinic's settings (or, for a file checked with no
database, from the published defaults) and hands it to every clinical function.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from exercise_library.vocabulary import RedFlag
from planner.assessment.thresholds import ClinicalThresholds, Referral
from planner.errors import UserError
from planner.settings import ClinicSettings
from planner.units import DistanceUnit, WeightUnit


@dataclass(frozen=True)
class ClinicPolicy:
    """Thresholds with the clinic's overrides, referral levels, session length and units."""

    settings: ClinicSettings = field(default_factory=ClinicSettings)
    thresholds: ClinicalThresholds = field(default_factory=ClinicalThresholds)

    @classmethod
    def from_settings(cls, settings: ClinicSettings) -> ClinicPolicy:
        return cls(settings, ClinicalThresholds.from_overrides(settings.clinical_overrides))

    @classmethod
    def published(cls) -> ClinicPolicy:
        """The policy a new clinic starts with: published thresholds, default settings."""
        return cls()

    # -- what clinical functions ask -------------------------------------------------------
    @property
    def session_minutes(self) -> float:
        return float(self.settings.session_minutes)

    @property
    def distance_unit(self) -> DistanceUnit:
        return self.settings.distance_unit

    @property
    def weight_unit(self) -> WeightUnit:
        return self.settings.weight_unit

    def referral_level(self, flag: RedFlag) -> Referral:
        return self.thresholds.red_flags.level(flag)

    def referral_level_of(self, code: str) -> Referral:
        """The level of a red flag named by its code (the command line and tests speak codes)."""
        return self.referral_level(RedFlag(code))

    # -- combining ---------------------------------------------------------------------------
    def tightened(self, overrides: Mapping[str, Any], where: str) -> ClinicPolicy:
        """This policy with more threshold overrides, where referral levels may only rise.

        Used for files handed to a command (``--thresholds``, ``--clinic``): they may tune the
        clinic's thresholds and make the red-flag screen stricter, but never looser than the
        clinic's own database says, so a handout cannot be printed by handing the command an
        older or laxer settings file.
        """
        extra = ClinicalThresholds.nest(dict(overrides))
        if not isinstance(extra, dict):
            raise UserError(f"{where}: expected threshold names and values")
        ClinicalThresholds.from_overrides(extra, where=where)  # names each bad key or value
        own = ClinicalThresholds.nest(dict(self.settings.clinical_overrides))
        merged = merge_overrides(own, extra)
        theirs = ClinicalThresholds.from_overrides(merged, where=where).red_flags.levels
        levels = {
            flag.value: max(level, theirs[flag], key=lambda r: r.rank).value
            for flag, level in self.thresholds.red_flags.levels.items()
        }
        merged = merge_overrides(merged, {"red_flags": {"levels": levels}})
        settings = self.settings.model_copy(update={"clinical_overrides": merged})
        return ClinicPolicy.from_settings(settings)

    def with_clinic_file(self, other: ClinicSettings, where: str) -> ClinicPolicy:
        """Clinic details (name, phone, paper, units...) from a settings file, and its
        thresholds applied as :meth:`tightened` does."""
        details = other.model_dump(exclude={"clinical_overrides", "settings_version"})
        base = ClinicPolicy(self.settings.model_copy(update=details), self.thresholds)
        return base.tightened(other.clinical_overrides, where)


def merge_overrides(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """Nested dictionaries merged key by key; ``extra`` wins where both give a value."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge_overrides(out[key], value)
        else:
            out[key] = value
    return out
