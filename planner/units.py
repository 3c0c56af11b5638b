"""The units a clinic works in, and the one place their conversion factors live.

What is stored never changes unit: the assessment's running profile and body weight are in km
and kg, a programme's running distance is ``Dosage.distance_km``, and each load keeps the unit
it was given in (kg and lb are both valid). The clinic's setting only decides what people see
and type; these functions turn one into the other.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

DistanceUnit = Literal["km", "mi"]
WeightUnit = Literal["kg", "lb"]

# 1 international mile = 1760 yards of exactly 0.9144 m = 1.609344 km, exactly
# (International Yard and Pound Agreement, 1959; NIST SP 811, appendix B).
KM_PER_MILE = 1.609344
# 1 international avoirdupois pound = 0.45359237 kg, exactly (same agreement; NIST SP 811).
KG_PER_POUND = 0.45359237

# A value typed in miles or pounds is stored in km or kg to two decimals: 10 m or 10 g, finer
# than any running watch or clinic scale, and short enough to read back in the database.
STORED_PLACES = 2
# Miles and pounds in sentences (dose text, handout, summary) keep one decimal.
SHOWN_PLACES = 1
# At most this many decimals when a stored value is shown in a field for editing.
_INPUT_PLACES_MAX = 4

# How many of the stored unit (km, kg) make one of each unit.
_FACTOR: dict[str, float] = {"km": 1.0, "mi": KM_PER_MILE, "kg": 1.0, "lb": KG_PER_POUND}
# How each unit reads after a number: "5 km", "3.1 miles", "1 mile", "61.5 kg", "135 lb".
_WORDS: dict[str, tuple[str, str]] = {
    "km": ("km", "km"),
    "mi": ("mile", "miles"),
    "kg": ("kg", "kg"),
    "lb": ("lb", "lb"),
}


def plain_number(value: float) -> str:
    """A number without a trailing '.0' (10, 10.5, 0.25)."""
    return format(Decimal(str(value)).normalize(), "f")


def unit_name(unit: DistanceUnit | WeightUnit) -> str:
    """The unit as a label says it: 'km', 'miles', 'kg', 'lb'."""
    return _WORDS[unit][1]


def is_stored_unit(unit: DistanceUnit | WeightUnit) -> bool:
    """True for km and kg, the units data is kept in."""
    return _FACTOR[unit] == 1.0


def to_stored(value: float, unit: DistanceUnit | WeightUnit) -> float:
    """A distance or weight given in ``unit`` as km or kg to store.

    A value already in km or kg is kept exactly as given; a converted one is rounded to
    STORED_PLACES decimals.
    """
    if is_stored_unit(unit):
        return value
    return round(value * _FACTOR[unit], STORED_PLACES)


def from_stored(stored: float, unit: DistanceUnit | WeightUnit) -> float:
    """A km or kg value expressed in ``unit``, not rounded."""
    return stored if is_stored_unit(unit) else stored / _FACTOR[unit]


def shown(stored: float, unit: DistanceUnit | WeightUnit) -> float:
    """The number a sentence shows: km and kg as stored, miles and pounds to SHOWN_PLACES."""
    return stored if is_stored_unit(unit) else round(from_stored(stored, unit), SHOWN_PLACES)


def for_input(stored: float, unit: DistanceUnit | WeightUnit) -> float:
    """A km or kg value as a field shows it in ``unit`` for editing.

    The fewest decimals that give the same stored value back when the field is read, so
    showing and reading never drift: 32.19 km shows as 20 miles, 35 km as 21.75 miles.
    """
    if is_stored_unit(unit):
        return stored
    exact = from_stored(stored, unit)
    for places in range(_INPUT_PLACES_MAX + 1):
        candidate = round(exact, places)
        if to_stored(candidate, unit) == stored:
            return candidate
    return round(exact, _INPUT_PLACES_MAX)


# -- distance --------------------------------------------------------------------------------


def km_from(value: float, unit: DistanceUnit) -> float:
    """A distance given in ``unit`` as km (see :func:`to_stored`)."""
    return to_stored(value, unit)


def km_to(km: float, unit: DistanceUnit) -> float:
    """A distance in km expressed in ``unit``, not rounded."""
    return from_stored(km, unit)


def distance_text(km: float, unit: DistanceUnit = "km") -> str:
    """'5 km', or for a mile clinic '3.1 miles' ('1 mile' when it rounds to one)."""
    value = shown(km, unit)
    one, many = _WORDS[unit]
    return f"{plain_number(value)} {one if value == 1 else many}"


# -- weight ----------------------------------------------------------------------------------


def kg_from(value: float, unit: WeightUnit) -> float:
    """A weight given in ``unit`` as kg (see :func:`to_stored`)."""
    return to_stored(value, unit)


def kg_to(kg: float, unit: WeightUnit) -> float:
    """A weight in kg expressed in ``unit``, not rounded."""
    return from_stored(kg, unit)


def weight_text(kg: float, unit: WeightUnit = "kg") -> str:
    """'61.5 kg', or for a pound clinic '135.6 lb'."""
    return f"{plain_number(shown(kg, unit))} {unit_name(unit)}"
