"""How each piece of equipment is drawn, in the pose it was fitted to (see :mod:`.props`).

Supports, machines and walls are drawn behind the body; what the hands hold and the bands that
stretch between body parts are drawn over it, except a weight in a hand that is behind the body
(the far hand seen from the side). Every primitive carries the tag ``prop:<kind>``, so a test can
find each piece of equipment in a finished picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Final

from exercise_library.figures.body import SEGMENT_BY_NAME, Vec
from exercise_library.figures.pose import PropKind
from exercise_library.figures.posing import Point, PosedBody
from exercise_library.figures.primitives import Circle, Line, Polygon, Polyline, Primitive
from exercise_library.figures.props import Fitted, anchor_of, foot_mid, unit

EDGE: Final = 0.3
FILL: Final = 0.86
DARK: Final = 0.22
WIDTH: Final = 0.014
WATER: Final = 0.92
BACKDROP: Final = 0.94
WHEEL_R: Final = 0.33
HELD: Final = frozenset(
    {PropKind.DUMBBELL, PropKind.KETTLEBELL, PropKind.BARBELL, PropKind.SMALL_BALL}
)


@dataclass(frozen=True)
class Frame:
    """The panel a prop is drawn in: its extent, and where the floor is (the bottom of the
    picture when the body floats and no floor is drawn)."""

    x0: float
    x1: float
    top: float
    bottom: float = 0.0


def _rect(x0: float, y0: float, x1: float, y1: float, fill: float = FILL) -> Polygon:
    return Polygon(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), fill, EDGE, WIDTH)


def draw_behind(fitted: Fitted, body: PosedBody, frame: Frame) -> list[Primitive]:
    """The parts of a prop that sit behind the body in this pose."""
    return _tagged(fitted, _behind(fitted, body, frame))


def draw_front(fitted: Fitted, body: PosedBody, frame: Frame) -> list[Primitive]:
    """The parts of a prop drawn over the body: what the hands hold, bands, the water line."""
    return _tagged(fitted, _front(fitted, body, frame))


def _tagged(fitted: Fitted, items: list[Primitive]) -> list[Primitive]:
    tag = f"prop:{fitted.spec.kind.value}"
    return [replace(it, tag=tag) for it in items]


def _behind(fitted: Fitted, body: PosedBody, frame: Frame) -> list[Primitive]:
    k = fitted.spec.kind
    s = fitted.state
    if k in HELD:
        return _draw_held(k, anchor_of(fitted.spec) or "hands", body, behind=True)
    if k is PropKind.ROPE:
        return _draw_rope(anchor_of(fitted.spec) or "hands", body)
    if k in (PropKind.BENCH, PropKind.STEP):
        x0, x1, t = s["x0"], s["x1"], s["top"]
        if k is PropKind.STEP:
            return [_rect(x0, 0.0, x1, t)]
        leg = 0.05
        return [
            _rect(x0 + 0.06, 0.0, x0 + 0.06 + leg, t - 0.06, 0.7),
            _rect(x1 - 0.06 - leg, 0.0, x1 - 0.06, t - 0.06, 0.7),
            _rect(x0, t - 0.07, x1, t),
        ]
    if k is PropKind.CHAIR:
        return _draw_chair(s)
    if k in (PropKind.BALL, PropKind.FOAM_ROLLER):
        out: list[Primitive] = [Circle((s["cx"], s["cy"]), s["r"], FILL, EDGE, WIDTH)]
        if k is PropKind.FOAM_ROLLER:
            out.append(Circle((s["cx"], s["cy"]), s["r"] * 0.35, 0.7, EDGE, WIDTH * 0.7))
        return out
    if k is PropKind.WALL and "backdrop" in s:
        # the wall beside the body, seen face on behind it, with a line where it meets the floor
        x0, x1, top = frame.x0 + 0.04, frame.x1 - 0.04, max(frame.top - 0.04, s["y"] + 0.3)
        return [
            Polygon(((x0, 0.0), (x1, 0.0), (x1, top), (x0, top)), BACKDROP, EDGE, WIDTH),
            Line((x0, 0.12), (x1, 0.12), WIDTH, EDGE),
        ]
    if k is PropKind.WALL:
        x, side = s["x"], s["side"]
        return [_rect(min(x, x + side * 0.07), 0.0, max(x, x + side * 0.07), frame.top, 0.78)]
    if k is PropKind.CABLE and "x" in s:
        x, side = s["x"], s["side"]
        col = [_rect(x + side * 0.02, 0.0, x + side * 0.14, max(2.0, s["y"] + 0.1), 0.8)]
        return [*col, Circle((x, s["y"]), 0.045, 0.95, DARK, WIDTH)]
    if k is PropKind.BIKE:
        return _draw_bike(s, body)
    if k is PropKind.RECUMBENT_BIKE:
        return _draw_recumbent(s, body)
    if k in (PropKind.LEG_PRESS, PropKind.LEG_CURL):
        return _draw_machine(fitted, body)
    if k is PropKind.WATER:
        level, x0, x1 = s["level"], frame.x0, frame.x1
        pts = ((x0, frame.bottom), (x1, frame.bottom), (x1, level), (x0, level))
        return [Polygon(pts, WATER, None)]
    return []


def _front(fitted: Fitted, body: PosedBody, frame: Frame) -> list[Primitive]:
    spec = fitted.spec
    k = spec.kind
    anchor = anchor_of(spec) or "hands"
    if k in HELD:
        return _draw_held(k, anchor, body, behind=False)
    if k is PropKind.BAND or k is PropKind.CABLE:
        return _draw_line(fitted, anchor, body)

    if k is PropKind.WATER:
        level = fitted.state["level"]
        n = max(8, int((frame.x1 - frame.x0) / 0.08))
        pts = tuple(
            (
                frame.x0 + (frame.x1 - frame.x0) * i / n,
                level + 0.012 * math.sin(i * math.pi / 2),
            )
            for i in range(n + 1)
        )
        return [Polyline(pts, 0.018, 0.35)]
    if k in (PropKind.LEG_PRESS, PropKind.LEG_CURL):
        return _draw_machine_moving(fitted, body)
    return []


def _draw_chair(s: dict[str, float]) -> list[Primitive]:
    x0, x1, t = s["x0"], s["x1"], s["top"]
    back_x, back_dir, back_top = s["back_x"], s["back_dir"], s["back_top"]
    out: list[Primitive] = []
    if back_dir == 0.0:  # front view: the back rises behind the seat
        out.append(_rect(x0 + 0.02, t, x1 - 0.02, back_top, 0.8))
    else:
        bx0 = back_x + back_dir * 0.0
        bx1 = back_x + back_dir * 0.045
        out.append(_rect(min(bx0, bx1), 0.0, max(bx0, bx1), back_top, 0.78))
    out += [
        _rect(x0 + 0.02, 0.0, x0 + 0.06, t, 0.78),
        _rect(x1 - 0.06, 0.0, x1 - 0.02, t, 0.78),
        _rect(x0, t - 0.05, x1, t),
    ]
    return out


def _draw_bike(s: dict[str, float], body: PosedBody) -> list[Primitive]:
    f = s["f"]
    rear = (s["rear_x"], WHEEL_R)
    front = (s["front_x"], WHEEL_R)
    crank = (s["crank_x"], s["crank_y"])
    saddle = (s["seat_x"], s["seat_y"] - 0.02)
    bar = (s["bar_x"], s["bar_y"])
    head_tube = (front[0] - f * 0.12, max(bar[1] - 0.12, WHEEL_R + 0.25))
    w = 0.022
    out: list[Primitive] = [
        Circle(rear, WHEEL_R, None, EDGE, 0.03),
        Circle(front, WHEEL_R, None, EDGE, 0.03),
        Line(saddle, crank, w, EDGE),
        Line(crank, rear, w, EDGE),
        Line(saddle, rear, w, EDGE),
        Line((saddle[0] + f * 0.05, saddle[1] - 0.08), head_tube, w, EDGE),
        Line(crank, head_tube, w, EDGE),
        Line(head_tube, front, w, EDGE),
        Line(head_tube, bar, w, EDGE),
        Line((saddle[0] - f * 0.08, saddle[1]), (saddle[0] + f * 0.1, saddle[1]), 0.04, DARK),
    ]
    for side in ("far", "near"):
        pedal = foot_mid(body, side)
        out.append(Line(crank, pedal, 0.02, DARK))
    out.append(Circle(crank, 0.05, FILL, EDGE, WIDTH))
    return out


def _draw_recumbent(s: dict[str, float], body: PosedBody) -> list[Primitive]:
    f = s["f"]
    px, sy = s["seat_x"], s["seat_y"]
    crank = (s["crank_x"], s["crank_y"])
    back_base = (px - f * 0.18, sy)
    back_top = (px - f * 0.42, sy + 0.55)
    out: list[Primitive] = [
        _rect(px - 0.45, 0.0, px + 0.45, 0.06, 0.7),
        Line((px, 0.06), (px, sy - 0.05), 0.05, EDGE),
        Line((px, 0.06), (crank[0], 0.06), 0.05, EDGE),
        Line((crank[0], 0.06), crank, 0.05, EDGE),
        Line(back_base, back_top, 0.08, 0.7),
        _rect(min(px - f * 0.22, px + f * 0.2), sy - 0.06, max(px - f * 0.22, px + f * 0.2), sy),
    ]
    for side in ("far", "near"):
        out.append(Line(crank, foot_mid(body, side), 0.02, DARK))
    out.append(Circle(crank, 0.05, FILL, EDGE, WIDTH))
    return out


def _draw_machine(fitted: Fitted, body: PosedBody) -> list[Primitive]:
    s = fitted.state
    f, x0, x1, sy = s["f"], s["x0"], s["x1"], s["seat_y"]
    bdx, bdy = s["back_dx"], s["back_dy"]
    base = (s["seat_x"] - f * 0.2, sy)
    back_top = (base[0] + bdx * 0.6, base[1] + bdy * 0.6)
    out: list[Primitive] = [
        _rect(min(x0, x1) - 0.1, 0.0, max(x0, x1) + 0.1, 0.05, 0.7),
        Line(((x0 + x1) / 2, 0.05), ((x0 + x1) / 2, sy - 0.08), 0.06, EDGE),
        Line(base, back_top, 0.09, 0.75),
        _rect(x0, sy - 0.08, x1, sy),
    ]
    return out


def _draw_machine_moving(fitted: Fitted, body: PosedBody) -> list[Primitive]:
    """The footplate of a leg press, the ankle pad of a leg curl: they move with the legs."""
    if fitted.spec.kind is PropKind.LEG_PRESS:
        heel, toe = body.xy["heel_near"], body.xy["toe_near"]
        ux, uy = unit(heel, toe)
        nx, ny = uy, -ux  # the sole side of the foot
        if (body.xy["ankle_near"][0] - heel[0]) * nx + (
            body.xy["ankle_near"][1] - heel[1]
        ) * ny > 0:
            nx, ny = -nx, -ny
        off = 0.05
        a = (heel[0] - ux * 0.1 + nx * off, heel[1] - uy * 0.1 + ny * off)
        b = (toe[0] + ux * 0.12 + nx * off, toe[1] + uy * 0.12 + ny * off)
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        rail_end = (mid[0] + nx * 0.25, mid[1] + ny * 0.25)
        return [Line(mid, rail_end, 0.04, EDGE), Line(a, b, 0.05, DARK)]
    knee, ankle = body.xy["knee_near"], body.xy["ankle_near"]
    ux, uy = unit(knee, ankle)
    f = fitted.state["f"]
    # pad behind the lower shin: on the side away from the facing direction when legs hang
    nx, ny = -uy * f, ux * f
    if nx * f > 0:
        nx, ny = -nx, -ny
    pad = (ankle[0] - ux * 0.06 + nx * 0.1, ankle[1] - uy * 0.06 + ny * 0.1)
    return [Line(knee, pad, 0.025, EDGE), Circle(pad, 0.05, 0.5, DARK, WIDTH)]


# --- what the hands hold -----------------------------------------------------------------------

DUMBBELL_HANDLE: Final = 0.15  # m between the plates
DUMBBELL_PLATE: Final = 0.17  # m across a plate
DUMBBELL_PLATE_THICK: Final = 0.07
BELL_R: Final = 0.1
BELL_DROP: Final = 0.2  # m from the grip to the middle of the bell
HANDLE_W: Final = 0.03
END_ON: Final = 0.45  # a handle drawn shorter than this share of its length is seen end-on
BEHIND: Final = 0.05  # m behind the trunk: a hand this far back holds its weight behind the body


def _sides_of(anchor: str, body: PosedBody) -> list[str]:
    return [s for s in ("far", "near") if any(p.endswith(s) for p, _ in body.group(anchor))]


def _grip(body: PosedBody, side: str) -> Point:
    (wx, wy), (hx, hy) = body.xy[f"wrist_{side}"], body.xy[f"hand_{side}"]
    return ((wx + hx) / 2, (wy + hy) / 2)


def _is_behind(body: PosedBody, point: str) -> bool:
    trunk = (body.depth["neck"] + body.depth["pelvis"]) / 2
    return body.depth[point] < trunk - BEHIND


def _draw_held(kind: PropKind, anchor: str, body: PosedBody, *, behind: bool) -> list[Primitive]:
    """A weight in each hand of ``anchor`` (or one at a body part: a dumbbell on the hips);
    those in a hand behind the body are drawn behind it, the rest over it."""
    sides = _sides_of(anchor, body) if "hand" in anchor else []
    if kind in (PropKind.BARBELL, PropKind.SMALL_BALL) or not sides:
        if behind:
            return []
        if sides:
            pts = [_grip(body, s) for s in sides]
            x, y = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
        else:  # resting on the body: on top of the part it lies across
            x = body.group_center(anchor)[0]
            y = max(body.xy[p][1] + r for p, r in body.group(anchor)) + DUMBBELL_PLATE / 2
        if kind is PropKind.BARBELL:
            r = max(0.08, min(0.225, y))
            return [Circle((x, y), r, None, DARK, 0.035), Circle((x, y), 0.03, DARK)]
        if kind is PropKind.SMALL_BALL:
            return [Circle((x, y), 0.11, 0.8, DARK, WIDTH)]
        if kind is PropKind.DUMBBELL:
            return _dumbbell(body, (x, y), _across(body))
        return _kettlebell(body, (x, y), (0.0, -1.0))
    out: list[Primitive] = []
    for side in sides:
        if _is_behind(body, f"hand_{side}") != behind:
            continue
        grip = _grip(body, side)
        if kind is PropKind.DUMBBELL:
            out += _dumbbell(body, grip, _handle_axis(body, side))
        else:
            out += _kettlebell(body, grip, _bell_direction(body, side))
    return out


def _sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _norm(v: Vec) -> Vec:
    n = math.sqrt(v[0] ** 2 + v[1] ** 2 + v[2] ** 2) or 1.0
    return (v[0] / n, v[1] / n, v[2] / n)


def _across(body: PosedBody) -> Vec:
    """The body's left-right axis in the world: a dumbbell lying across the hips."""
    return _norm(_sub(body.world["hip_near"], body.world["hip_far"]))


def _handle_axis(body: PosedBody, side: str) -> Vec:
    """A dumbbell held with the palm facing in: its handle at right angles to the hand, as
    near the body's forward direction as that allows (upwards when the arm points forward)."""
    w = body.world
    hand = _norm(_sub(w[f"hand_{side}"], w[f"wrist_{side}"]))
    up = _norm(_sub(w["neck"], w["pelvis"]))
    lateral = _across(body)
    forward = (  # up x lateral: the way the chest faces
        up[1] * lateral[2] - up[2] * lateral[1],
        up[2] * lateral[0] - up[0] * lateral[2],
        up[0] * lateral[1] - up[1] * lateral[0],
    )
    for ref in (forward, up):
        dot = sum(a * b for a, b in zip(ref, hand, strict=True))
        v = (ref[0] - dot * hand[0], ref[1] - dot * hand[1], ref[2] - dot * hand[2])
        if math.sqrt(v[0] ** 2 + v[1] ** 2 + v[2] ** 2) > 0.4:
            return _norm(v)
    return lateral


def _dumbbell(body: PosedBody, at: Point, axis: Vec) -> list[Primitive]:
    """A handle with a plate at each end; seen end-on, one round plate."""
    ax, ay = body.picture(axis)
    seen = math.hypot(ax, ay)
    if seen < END_ON:
        r = DUMBBELL_PLATE / 2
        return [Circle(at, r, 0.35, DARK, WIDTH * 1.5), Circle(at, r * 0.35, 0.6, DARK, WIDTH)]
    ux, uy = ax / seen, ay / seen
    nx, ny = -uy, ux
    half = DUMBBELL_HANDLE / 2 * seen
    out: list[Primitive] = [
        Line(
            (at[0] - ux * half, at[1] - uy * half),
            (at[0] + ux * half, at[1] + uy * half),
            HANDLE_W,
            DARK,
        )
    ]
    along = DUMBBELL_PLATE_THICK * seen / 2 + DUMBBELL_PLATE * math.sqrt(max(0.0, 1 - seen**2)) / 2
    across = DUMBBELL_PLATE / 2
    for sign in (-1.0, 1.0):
        cx = at[0] + sign * ux * (half + along)
        cy = at[1] + sign * uy * (half + along)
        corners = tuple(
            (cx + a * ux * along + b * nx * across, cy + a * uy * along + b * ny * across)
            for a, b in ((-1, -1), (1, -1), (1, 1), (-1, 1))
        )
        out.append(Polygon(corners, 0.35, DARK, WIDTH * 1.5))
    return out


def _bell_direction(body: PosedBody, side: str) -> Point:
    """Which way the bell hangs from the grip: down, leaning the way the hand points; held
    overhead it rests on the back of the forearm."""
    wrist, hand = body.xy[f"wrist_{side}"], body.xy[f"hand_{side}"]
    dx, dy = unit(wrist, hand)
    if hand[1] > body.xy["head"][1]:
        fx = body.forward[0] or 1.0
        return (-math.copysign(0.55, fx), 0.0)
    if dy >= 0.0:  # held up at the chest (a goblet hold): the bell hangs below the hands
        return (0.0, -1.0)
    return unit((0.0, 0.0), (0.4 * dx, -1.0))


def _kettlebell(body: PosedBody, grip: Point, down: Point) -> list[Primitive]:
    """A round bell under an arched handle whose top is in the hand."""
    dx, dy = down
    n = math.hypot(dx, dy) or 1.0
    dx, dy = dx / n, dy / n
    px, py = -dy, dx
    cx, cy = grip[0] + dx * BELL_DROP, grip[1] + dy * BELL_DROP
    arch = []
    for k in range(9):
        t = math.pi * k / 8
        # from one shoulder of the bell, over the grip, to the other
        a = math.cos(t) * 0.075
        b = math.sin(t) * (BELL_DROP - 0.02)
        arch.append((cx + px * a - dx * b, cy + py * a - dy * b))
    return [
        Polyline(tuple(arch), HANDLE_W, DARK),
        Circle((cx, cy), BELL_R, 0.35, DARK, WIDTH * 1.5),
    ]


# --- bands and cables --------------------------------------------------------------------------

BAND_GREY: Final = 0.18
BAND_WIDTH: Final = 0.024
CUFF_WIDTH: Final = 0.045
# Where a loop band sits on a pair of limbs named by its ``at`` part: the segment and how far
# along it (from the joint nearer the trunk). A mini band "at the knees" sits just above them.
_LOOP_ON: Final[dict[str, tuple[str, float]]] = {
    "knee": ("thigh", 0.82),
    "thigh": ("thigh", 0.55),
    "shin": ("shin", 0.55),
    "foot": ("shin", 0.88),
    "heel": ("shin", 0.88),
    "toes": ("foot", 0.75),
    "elbow": ("upper_arm", 0.85),
    "forearm": ("forearm", 0.6),
    "hand": ("forearm", 0.9),
}


def _loop_segment(anchor: str) -> tuple[str, float] | None:
    stem = anchor.removeprefix("near_").removeprefix("far_")
    for key, where in _LOOP_ON.items():
        if stem.startswith(key) or stem == key + "s" or (key == "foot" and stem == "feet"):
            return where
    return None


def _draw_loop(anchor: str, body: PosedBody) -> list[Primitive]:
    """A loop band around both limbs of a pair: a cuff around each limb, and the stretch
    between them when they are apart (seen from the side, the cuffs lie on top of each other
    and show as a dark band across the legs)."""
    where = _loop_segment(anchor)
    if where is None:
        return []
    segment, t = where
    cuffs: list[Primitive] = []
    points: list[Point] = []
    for side in ("far", "near"):
        seg = SEGMENT_BY_NAME[f"{segment}_{side}"]
        (ax, ay), (bx, by) = body.xy[seg.a], body.xy[seg.b]
        q = (ax + (bx - ax) * t, ay + (by - ay) * t)
        ux, uy = unit((ax, ay), (bx, by))
        half = seg.radius + 0.03
        cuffs.append(
            Line(
                (q[0] - uy * half, q[1] + ux * half),
                (q[0] + uy * half, q[1] - ux * half),
                CUFF_WIDTH,
                BAND_GREY,
            )
        )
        points.append(q)
    stretch: list[Primitive] = []
    if math.dist(points[0], points[1]) > 0.05:
        stretch.append(Line(points[0], points[1], BAND_WIDTH, BAND_GREY))
    return stretch + cuffs


def _draw_line(fitted: Fitted, anchor: str, body: PosedBody) -> list[Primitive]:
    spec = fitted.spec
    width, grey = (BAND_WIDTH, BAND_GREY) if spec.kind is PropKind.BAND else (0.01, 0.1)
    start = body.group_center(anchor)
    to = spec.to or ("front_mid" if spec.kind is PropKind.CABLE else None)
    if to is None:
        return _draw_loop(anchor, body)
    if to.startswith(("front", "back")):
        s = fitted.state
        end = (s["x"], s["y"])
        out: list[Primitive] = [Line(start, end, width, grey)]
        if spec.kind is PropKind.BAND:
            out.append(_rect(end[0] - 0.03, end[1] - 0.04, end[0] + 0.03, end[1] + 0.04, 0.5))
        return out
    return [Line(start, body.group_center(to), width, grey)]


ROPE_WIDE: Final = 0.32  # m: how far the turning rope's loop reaches in front and behind


def _draw_rope(anchor: str, body: PosedBody) -> list[Primitive]:
    """A skipping rope turning round the body from the hands, seen side-on as a loop: under
    the feet while they are off the floor, over the head while they are down."""
    hx, hy = body.group_center(anchor)
    feet_low = body.group_bottom("feet")
    if feet_low > 0.06:
        end = (body.group_center("feet")[0], max(0.02, feet_low - 0.03))
    else:
        end = (body.xy["head"][0], body.xy["head"][1] + 0.11 + 0.12)
    cx, cy = (hx + end[0]) / 2, (hy + end[1]) / 2
    half = math.dist((hx, hy), end) / 2
    ux, uy = unit((cx, cy), (hx, hy))
    pts = tuple(
        (
            cx + ux * half * math.cos(a) - uy * ROPE_WIDE * math.sin(a),
            cy + uy * half * math.cos(a) + ux * ROPE_WIDE * math.sin(a),
        )
        for a in (2 * math.pi * i / 24 for i in range(25))
    )
    return [Polyline(pts, 0.02, BAND_GREY)]
