"""Geometric checks on a posed figure, beyond what the file format can say.

The schema catches a misspelt joint or an impossible angle; these catch a picture a client would
find wrong: a hand through the floor, a shin through the bench, a joint come apart, a plank whose
toes float above the mat. Tests run them over every exercise in the library.
"""

from __future__ import annotations

from typing import Final

from exercise_library.figures.geometry import Panel, layout
from exercise_library.figures.pose import Figure
from exercise_library.figures.posing import check_lengths
from exercise_library.figures.props import Solid

FLOOR_TOLERANCE: Final = 0.005  # m
PROP_TOLERANCE: Final = 0.03  # m: a limb may sink this far into a cushion or a mat
CONTACT_TOLERANCE: Final = 0.03  # m: a named contact this far above its support floats
_SAMPLES: Final = 6


def figure_problems(figure: Figure) -> list[str]:
    """Everything wrong with the figure, one plain sentence each (empty when it is sound)."""
    lay = layout(figure)
    out = lay.problems()
    for panel in lay.panels:
        name = panel.pose.name
        out += [f"{name}: {msg}" for msg in check_lengths(panel.body.world)]
        if not panel.floats:
            out += [f"{name}: {msg}" for msg in _below_floor(panel)]
        out += [f"{name}: {msg}" for msg in _inside_props(panel, panel.solids)]
        out += [f"{name}: {msg}" for msg in _floating_contacts(panel)]
    return out


def _samples(panel: Panel) -> list[tuple[str, float, float, float]]:
    """Points along every limb: (segment, x, y, surface radius)."""
    out = []
    xy = panel.body.xy
    for seg in panel.body.segments:
        (ax, ay), (bx, by) = xy[seg.a], xy[seg.b]
        for k in range(_SAMPLES + 1):
            t = k / _SAMPLES
            out.append((seg.name, ax + (bx - ax) * t, ay + (by - ay) * t, seg.radius))
    hx, hy = xy["head"]
    out.append(("head", hx, hy, 0.11))
    return out


def _group_samples(panel: Panel, group: str) -> list[tuple[float, float, float]]:
    items = panel.body.group(group)
    points = {p for p, _ in items}
    out = [(*panel.body.xy[p], r) for p, r in items]
    for seg in panel.body.segments:
        if seg.a in points and seg.b in points:
            (ax, ay), (bx, by) = panel.body.xy[seg.a], panel.body.xy[seg.b]
            for k in range(1, _SAMPLES):
                t = k / _SAMPLES
                out.append((ax + (bx - ax) * t, ay + (by - ay) * t, seg.radius))
    return out


def _below_floor(panel: Panel) -> list[str]:
    out = []
    for seg, _x, y, r in _samples(panel):
        if y - r < -FLOOR_TOLERANCE:
            out.append(f"{seg} is {-(y - r) * 100:.0f} cm below the floor")
            break
    return out


def _inside_props(panel: Panel, solids: list[Solid]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for seg, x, y, r in _samples(panel):
        for s in solids:
            top = s.top_at(x)
            if top is None or seg in seen:
                continue
            # a disc also has sides; for boxes stay clear of the very edge (a heel over the lip)
            if s.disc is None and not (s.x0 + PROP_TOLERANCE < x < s.x1 - PROP_TOLERANCE):
                continue
            bottom = y - r
            if s.under_at(x) + PROP_TOLERANCE < bottom + 2 * r and bottom < top - PROP_TOLERANCE:
                seen.add(seg)
                out.append(f"{seg} passes {(top - bottom) * 100:.0f} cm into a prop")
    return out


def _support_under(panel: Panel, x: float, y: float) -> float:
    best = 0.0
    for s in panel.solids:
        top = s.top_at(x)
        if top is not None and top <= y + PROP_TOLERANCE:
            best = max(best, top)
    return best


def _floating_contacts(panel: Panel) -> list[str]:
    if panel.floats or panel.pose.lift > 0:
        return []
    out = []
    for group in panel.pose.resolved_contacts():
        # resting means some part of the group touches what is under that part (a thigh may
        # rest on a roller under its middle, away from both its ends)
        gap = min(
            (y - r) - _support_under(panel, x, y - r) for x, y, r in _group_samples(panel, group)
        )
        if gap > CONTACT_TOLERANCE:
            out.append(
                f"{group} should rest on the floor or a prop but float {gap * 100:.0f} cm above"
            )
    return out
