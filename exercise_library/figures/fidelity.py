"""Is the figure true to its exercise? Checks a client would make without knowing it.

:mod:`.validate` asks whether a figure is physically sound; this asks whether it shows what the
steps describe: every piece of equipment the exercise needs is drawn in every key pose, and each
key pose looks different from the next, so the picture shows a movement and not the same
position twice. Tests run both over the whole library; ``library check`` reports them for a
clinic's own exercises too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Final

from exercise_library.figures.arrows import MIN_MOVE
from exercise_library.figures.equipment import EQUIPMENT_PROPS
from exercise_library.figures.geometry import bbox, exercise_scene, layout
from exercise_library.figures.pose import Figure
from exercise_library.figures.posing import PosedBody
from exercise_library.vocabulary import Equipment

# The least change between two key poses that shows at print size: about what the knee moves
# when a thigh turns 20 degrees (the figures README asks for 20 degrees, not 5). Measured as
# the largest move of any joint, with the poses placed as drawn (same floor, the part that
# stays put in the same place).
DISTINCT_MOVE: Final = 0.15  # m of the drawn body (1.75 m tall)
# A smaller change still shows when it opens or closes a gap against the floor line: heels
# lifting in a calf raise, the low back arching off the mat in a pelvic tilt.
LIFT_OFF: Final = 0.07  # m
RESTING: Final = 0.02  # m: a part this close to the floor rests on it
# A prop smaller than this in a pose (a band loop seen end-on as a dot) is not really drawn.
VISIBLE_PROP: Final = 0.15  # m: as much as a pose must change to show


def pose_change(a: PosedBody, b: PosedBody) -> tuple[float, str]:
    """The largest distance any joint moves from pose ``a`` to pose ``b`` as drawn, and which
    joint that is (the nose only follows the head, so it is left out)."""
    da, db = a.drawn(), b.drawn()
    return max((math.dist(da.xy[p], db.xy[p]), p) for p in da.xy if p != "nose")


def lift_off(a: PosedBody, b: PosedBody) -> tuple[float, str]:
    """The largest gap that opens (or closes) under a joint resting on the floor in one of
    the two poses, and which joint that is."""
    best = (0.0, "")
    for p, r in a.items():
        ga, gb = a.xy[p][1] - r, b.xy[p][1] - r
        if min(ga, gb) < RESTING:
            best = max(best, (abs(ga - gb), p))
    return best


def similar_frames(figure: Figure) -> list[str]:
    """One sentence for each key pose a client could not tell from the one before it (no
    joint moves :data:`DISTINCT_MOVE` and no gap of :data:`LIFT_OFF` opens against the floor),
    and for an arrow the figure names whose part does not move enough to be drawn."""
    lay = layout(figure)
    out: list[str] = []
    for before, after in zip(lay.panels, lay.panels[1:], strict=False):
        moved, joint = pose_change(before.body, after.body)
        if moved < DISTINCT_MOVE and lift_off(before.body, after.body)[0] < LIFT_OFF:
            out.append(
                f"{after.pose.name} looks like {before.pose.name}: nothing moves more than "
                f"{moved * 100:.0f} cm ({joint}); make the change at least "
                f"{DISTINCT_MOVE * 100:.0f} cm"
            )
    part = figure.arrow
    if part not in ("auto", "none"):
        moves = [
            math.dist(a.body.drawn().group_center(part), b.body.drawn().group_center(part))
            for a, b in zip(lay.panels, lay.panels[1:], strict=False)
        ]
        if max(moves) < MIN_MOVE:
            out.append(
                f"the arrow follows {part}, which moves only {max(moves) * 100:.0f} cm, so no "
                "arrow is drawn; move it more or let the arrow follow what does move"
            )
    return out


def missing_equipment(figure: Figure | None, equipment: Iterable[Equipment]) -> list[str]:
    """One sentence for each piece of equipment the exercise lists that its figure does not
    show in every key pose."""
    needed = [(e, EQUIPMENT_PROPS[e]) for e in equipment if EQUIPMENT_PROPS[e]]
    if not needed:
        return []
    if figure is None:
        return [f"{e.value}: the exercise has no figure to show it" for e, _ in needed]
    listed = {p.kind for p in figure.props}
    scene = exercise_scene(figure)
    names = [p.name for p in figure.poses]
    out: list[str] = []
    for equip, kinds in needed:
        if not kinds & listed:
            wanted = " or ".join(sorted(k.value for k in kinds))
            out.append(f"{equip.value}: add a {wanted} prop to the figure")
            continue
        tags = {f"prop:{k.value}" for k in kinds}
        for name, (x0, x1) in zip(names, scene.panels, strict=True):
            items = [
                it
                for it in scene.items
                if it.tag in tags and x0 <= (bbox([it])[0] + bbox([it])[2]) / 2 <= x1
            ]
            if not items:
                out.append(f"{equip.value}: nothing of it is drawn in pose {name!r}")
                continue
            left, low, right, high = bbox(items)
            if max(right - left, high - low) < VISIBLE_PROP:
                out.append(
                    f"{equip.value}: drawn only {max(right - left, high - low) * 100:.0f} cm "
                    f"across in pose {name!r}, too small to see"
                )
    return out
